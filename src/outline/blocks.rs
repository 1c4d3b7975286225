//! What a slide shows: a stack of placed blocks.
//!
//! A slide, a column and a box each hold a `Vec<Placed>`: blocks drawn top
//! to bottom, each with its options (steps, caption, size, alignment). A
//! one-key slide is a stack of one. Adding a block kind means a [`Block`]
//! variant here, its reader in `parse/blocks.rs` and its emitter in
//! `codegen/stack.rs`.

use super::chart::Chart;
use super::model::{Align, Code, Math, Reveal, Spanned, Table, Text};
use crate::diagnostics::Span;

/// One block of a stack, with its options.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Placed {
    /// What the block shows.
    pub block: Block,
    /// How and when it shows.
    pub opts: Options,
    /// The block's node in the outline (its content key's line).
    pub span: Span,
}

/// The options a block takes beside its content key.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Options {
    /// The step the block shows from (`step: N`, 1 when absent).
    pub step: Option<Spanned<u32>>,
    /// The steps the block shows on alone (`only: N` or `"2-3"`).
    pub only: Option<Spanned<(u32, u32)>>,
    /// How the block's own steps appear (the slide's `reveal` otherwise).
    pub reveal: Option<Reveal>,
    /// A caption under the block.
    pub caption: Option<Text>,
    /// Alt text for a picture, chart, diagram or formula.
    pub alt: Option<Text>,
    /// A column's width, or an image's width (a percentage).
    pub width: Option<Spanned<Width>>,
    /// A picture's, chart's or diagram's height, in percent of the room.
    pub height: Option<Spanned<u32>>,
    /// Horizontal alignment.
    pub align: Option<Align>,
    /// Vertical alignment (a column's).
    pub valign: Option<VAlign>,
    /// Whether the block is set at 0.8 × the body size (`size: small`).
    pub small: bool,
    /// Whether a formula takes an equation number (`number: true`).
    pub number: bool,
}

/// A width: a share of the others (`2`) or a percentage (`"60%"`), in
/// thousandths (2 → 2000, "62.5%" → 62500).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Width {
    /// A ratio against the other columns.
    Ratio(u32),
    /// A percentage of the width left after the gutters.
    Percent(u32),
}

/// Vertical alignment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum VAlign {
    /// At the top (the default).
    #[default]
    Top,
    /// Centred.
    Middle,
    /// At the bottom.
    Bottom,
}

/// The content of one block.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Block {
    /// A bullet or numbered list, up to three levels deep.
    List(List),
    /// A plain paragraph.
    Paragraph(Text),
    /// A subheading inside the slide.
    Heading(Text),
    /// A quotation with an optional attribution.
    Quote {
        /// The quoted words.
        text: Text,
        /// Who said it.
        by: Option<Text>,
    },
    /// An image from the outline's folder.
    Image {
        /// The path, relative to the outline.
        path: Spanned<String>,
        /// A caption under the image (also its alt text).
        caption: Option<Text>,
    },
    /// Raw Typst code, the escape hatch.
    Typst(Spanned<String>),
    /// A chart drawn from data.
    Chart(Box<Chart>),
    /// Code, highlighted, with optional step-through lines.
    Code(Box<Code>),
    /// A table from YAML rows or a CSV file.
    Table(Box<Table>),
    /// Display math: LaTeX (one line, or several aligned at `&`), or Typst
    /// math as is.
    Math(Box<Math>),
    /// A flowchart or sequence diagram, from YAML or Mermaid.
    Diagram(Box<super::diagram::Diagram>),
    /// A theorem, definition, proof, note... box holding a stack.
    Callout(Box<Callout>),
    /// Two or more columns side by side.
    Columns(Vec<Column>),
}

/// One column: a stack, its width and vertical alignment.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Column {
    /// The column's blocks.
    pub body: Vec<Placed>,
    /// Its width (equal shares when no column sets one).
    pub width: Option<Spanned<Width>>,
    /// Where its stack sits in the row.
    pub valign: VAlign,
}

/// A bullet or numbered list.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct List {
    /// Whether items are numbered.
    pub numbered: bool,
    /// The first number (numbered lists).
    pub start: u32,
    /// The items.
    pub items: Vec<Item>,
}

/// One list item and the list under it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Item {
    /// The item's text.
    pub text: Text,
    /// The nested list, if any.
    pub sub: Option<List>,
}

impl List {
    /// Every item at every level, in reading order.
    pub fn count_nested(&self) -> usize {
        self.items
            .iter()
            .map(|i| 1 + i.sub.as_ref().map_or(0, List::count_nested))
            .sum()
    }
}

/// A box (`box:`): a kind, a title and a stack.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Callout {
    /// Definition, theorem, proof...
    pub kind: CalloutKind,
    /// The title after the kind's word, if any.
    pub title: Option<Text>,
    /// What the box holds.
    pub body: Vec<Placed>,
    /// The box's number, assigned once per deck (`number: true`).
    pub number: Option<u32>,
    /// Whether a proof ends with ∎.
    pub qed: bool,
}

/// The kinds of box.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CalloutKind {
    /// A definition.
    Definition,
    /// A theorem.
    Theorem,
    /// A lemma.
    Lemma,
    /// A proof.
    Proof,
    /// An example.
    Example,
    /// A note (remark).
    Note,
    /// A tip.
    Tip,
    /// A warning.
    Warning,
}

impl CalloutKind {
    /// Every kind, as written in the outline.
    pub const ALL: &[(&str, CalloutKind)] = &[
        ("definition", Self::Definition),
        ("theorem", Self::Theorem),
        ("lemma", Self::Lemma),
        ("proof", Self::Proof),
        ("example", Self::Example),
        ("note", Self::Note),
        ("tip", Self::Tip),
        ("warning", Self::Warning),
    ];

    /// The kind's name in the outline (and in the themes' `lectern-box`).
    pub fn name(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(_, k)| *k == self)
            .map_or("note", |(n, _)| n)
    }

    /// Whether the kind shares the deck-wide theorem counter (as Beamer's
    /// theorem, lemma and definition do).
    pub fn shares_counter(self) -> bool {
        matches!(self, Self::Theorem | Self::Lemma | Self::Definition)
    }
}

impl Block {
    /// Whether `reveal: r` gives the block steps of its own.
    pub fn reveals(&self, r: Reveal) -> bool {
        matches!(
            (self, r),
            (_, Reveal::All)
                | (Block::List(_), Reveal::Items | Reveal::Nested)
                | (Block::Table(_), Reveal::Rows)
                | (Block::Math(_) | Block::Chart(_), Reveal::Items)
        )
    }

    /// How many steps of its own the block shows under `reveal` (1 when it
    /// has none), as far as the outline tells before data files are read:
    /// the check of a slide's step count at its YAML line. Codegen's plan
    /// makes the pages themselves.
    pub fn own_steps(&self, reveal: Reveal) -> usize {
        match (self, reveal) {
            (Block::List(l), Reveal::Items) => l.items.len(),
            (Block::List(l), Reveal::Nested) => l.count_nested(),
            (Block::Code(c), _) => c.steps(),
            (Block::Table(t), _) if t.reveal_rows || reveal == Reveal::Rows => t.rows.len(),
            (Block::Math(m), Reveal::Items) => m.lines.len(),
            (Block::Diagram(d), _) => d.steps(),
            _ => 1,
        }
        .max(1)
    }
}

/// The last step a stack shows something new on, and the block that
/// reaches it; `parent` is the step its container shows from.
pub fn last_step(stack: &[Placed], reveal: Reveal, parent: u32) -> (u32, Option<&Placed>) {
    let mut last = (parent, None);
    for placed in stack {
        let from = match (&placed.opts.only, &placed.opts.step) {
            (Some(o), _) => o.value.0,
            (None, Some(s)) => s.value,
            (None, None) => parent,
        };
        let reveal = placed.opts.reveal.unwrap_or(reveal);
        let own = u32::try_from(placed.block.own_steps(reveal)).unwrap_or(u32::MAX);
        let mut reached = from.saturating_add(own - 1);
        if let Some(o) = &placed.opts.only {
            reached = reached.max(o.value.1);
        }
        let inner = match &placed.block {
            Block::Columns(cols) => cols
                .iter()
                .map(|c| last_step(&c.body, reveal, from).0)
                .max()
                .unwrap_or(from),
            Block::Callout(b) => last_step(&b.body, reveal, from).0,
            _ => from,
        };
        let reached = reached.max(inner);
        if reached > last.0 {
            last = (reached, Some(placed));
        }
    }
    last
}

/// Calls `f` on every block of a stack, containers before what they hold.
pub fn walk<'a>(stack: &'a [Placed], f: &mut impl FnMut(&'a Block)) {
    for placed in stack {
        f(&placed.block);
        match &placed.block {
            Block::Columns(cols) => cols.iter().for_each(|c| walk(&c.body, f)),
            Block::Callout(b) => walk(&b.body, f),
            _ => {}
        }
    }
}

/// Calls `f` on every block of a stack, to change it.
pub fn walk_mut(stack: &mut [Placed], f: &mut impl FnMut(&mut Block)) {
    for placed in stack {
        f(&mut placed.block);
        match &mut placed.block {
            Block::Columns(cols) => cols.iter_mut().for_each(|c| walk_mut(&mut c.body, f)),
            Block::Callout(b) => walk_mut(&mut b.body, f),
            _ => {}
        }
    }
}

/// Numbers the deck's boxes once, in reading order: theorem, lemma and
/// definition share one counter, every other kind counts on its own. Step
/// and continuation pages show the number the box got here.
pub fn number_boxes(slides: &mut [&mut super::Slide]) {
    let mut counters: Vec<(CalloutKind, u32)> = Vec::new();
    for slide in slides {
        walk_mut(&mut slide.body, &mut |b| {
            if let Block::Callout(c) = b
                && c.number.is_some()
            {
                let key = if c.kind.shares_counter() {
                    CalloutKind::Theorem
                } else {
                    c.kind
                };
                let n = match counters.iter_mut().find(|(k, _)| *k == key) {
                    Some((_, n)) => {
                        *n += 1;
                        *n
                    }
                    None => {
                        counters.push((key, 1));
                        1
                    }
                };
                c.number = Some(n);
            }
        });
    }
}
