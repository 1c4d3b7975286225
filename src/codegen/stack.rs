//! A slide's stack of blocks on its pages: the one step plan, and the
//! markup of every page.
//!
//! Each block is made ready as a [`Piece`]: its markup at each of its own
//! steps (list items, code highlights, table rows, math lines, chart series,
//! diagram nodes) and when it shows (`step:`, `only:`). The plan follows
//! from the pieces alone: a slide has as many pages as its last step, a
//! block hidden by `step:` keeps its space (`#hide`), a block outside its
//! `only:` steps takes none. Page labels, `.pdfpc`, the console, the HTML
//! deck and handouts read the pages' markers, so they follow this plan.

use super::columns::{column_widths, grid_head, valign};
use super::escape::Macros;
use super::estimate::surely_fits;
use super::list::{list_items, list_steps};
use super::piece::{At, Piece, When, gone_by};
use super::{
    CHART_HEIGHT, Context, chart_pages, code, content, diagram, markup, math_block, raw_block,
    string, table,
};
use crate::outline::{
    Align, Block, Callout, Fitting, Options, Placed, Reveal, Slide, VAlign, Width,
};

/// The share of a slide's room a chart or diagram is laid out for when
/// other blocks share the slide and it has no `height:`; Typst then fits it
/// to the room they leave.
const STACK_SHARE: f64 = 0.6;

/// Room a box's inset and rule take from its width, in points.
pub(super) const BOX_INSET: f64 = 28.0;

/// The key under which a slide's unit leaves where `lectern-fit` parted
/// its blocks, for `lectern-more` (Typst, in the unit).
pub(super) const SPLIT_KEY: &str = "\"lectern-split-\" + str(lectern-slide-id)";

/// One page of a slide: the stack's markup on one step.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(super) struct Page {
    /// The markup: with `fit: auto`, a `lectern-fit` call on the blocks
    /// bound as `lectern-pieces`.
    pub body: String,
    /// The blocks as a Typst array, to bind as `lectern-pieces` before the
    /// page's slide (fitted pages only).
    pub pieces: Option<String>,
    /// Whether blocks that do not fit even at the floor continue on
    /// further pages (`lectern-more`): a fitted slide without steps.
    pub split: bool,
    /// What goes between two blocks: `parbreak()`, or `none` between the
    /// items of a list alone on its slide.
    pub sep: &'static str,
    /// Whether handouts keep it: it shows `only:` content that the last
    /// step lacks, so nothing shown in class is missing from the handout.
    pub keep: bool,
}

/// The slide's pages: for each continuation part, the stack on each of its
/// steps.
pub(super) fn pages(slide: &Slide, width: f64, ctx: Context<'_>) -> Vec<Vec<Page>> {
    let fit = ctx.fit.slide(slide.fit);
    let reveal = slide.reveal.or(ctx.reveal).unwrap_or(Reveal::All);
    let single = slide.body.len() == 1;
    let make = Make {
        ctx,
        fit,
        reveal,
        single,
        level: ctx.level + 1,
    };
    let pieces = make.stack(&slide.body, width, When::ALWAYS, true);
    let last = pieces
        .iter()
        .map(Piece::last)
        .max()
        .unwrap_or(1)
        .min(crate::outline::MAX_STEPS);
    let first = (1..=last)
        .map(|s| {
            let blocks = pieces
                .iter()
                .filter_map(|p| p.at(At::top(s, last)))
                .collect();
            (blocks, s < last && gone_by(&pieces, s, last))
        })
        .collect::<Vec<_>>();
    let mut parts = vec![first];
    let more = pieces
        .iter()
        .map(|p| match p {
            Piece::Leaf { later, .. } => later.len(),
            _ => 0,
        })
        .max()
        .unwrap_or(0);
    for part in 0..more {
        let shown: Vec<&Vec<String>> = pieces
            .iter()
            .filter_map(|p| match p {
                Piece::Leaf { later, .. } => later.get(part),
                _ => None,
            })
            .collect();
        let steps = shown.iter().map(|s| s.len()).max().unwrap_or(1);
        parts.push(
            (0..steps)
                .map(|i| {
                    // Read on the part's last page; copies before it.
                    let blocks = shown.iter().map(|s| {
                        let b = s[i.min(s.len() - 1)].clone();
                        if i + 1 < steps {
                            format!("#lectern-copy[{b}]")
                        } else {
                            b
                        }
                    });
                    (blocks.collect(), false)
                })
                .collect(),
        );
    }
    // A slide that surely fits is spared Typst's measuring.
    let fitted = fit.auto && fittable(&slide.body) && !surely_fits(&slide.body, ctx);
    let split = fitted && parts.len() == 1 && parts[0].len() == 1;
    // A list alone on its slide may continue between its items.
    let mut sep = "parbreak()";
    if let (
        true,
        [
            Placed {
                block: Block::List(list),
                opts,
                ..
            },
        ],
    ) = (split, slide.body.as_slice())
        && opts.caption.is_none()
        && !opts.small
        && opts.align.is_none()
    {
        parts = vec![vec![(list_items(list, ctx.macros), false)]];
        sep = "none";
    }
    let align = slide.valign.as_ref().map_or(VAlign::Top, |v| v.value);
    parts
        .into_iter()
        .map(|steps| {
            steps
                .into_iter()
                .map(|(blocks, keep)| {
                    page_of(blocks, keep, fitted.then_some((fit, split, sep)), align)
                })
                .collect()
        })
        .collect()
}

/// A page of blocks: fitted (`fit` with whether it may split and what
/// goes between two blocks), or as written, placed at `align` in the room.
fn page_of(
    blocks: Vec<String>,
    keep: bool,
    fit: Option<(Fitting, bool, &'static str)>,
    align: VAlign,
) -> Page {
    if let Some((fit, split, sep)) = fit {
        let key = if split { SPLIT_KEY } else { "none" };
        return Page {
            body: format!(
                "#lectern-fit(lectern-pieces, floor: {}, split: {key}, sep: {sep}, align: {})",
                fit.least(),
                valign(align)
            ),
            pieces: Some(format!(
                "({},)",
                blocks
                    .iter()
                    .map(|b| format!("[{b}]"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
            split,
            sep,
            keep,
        };
    }
    let mut body = blocks.join("\n\n");
    if align != VAlign::Top {
        body = format!(
            "#block(height: 1fr, width: 100%, align({}, [{body}]))",
            valign(align)
        );
    }
    Page {
        body,
        pieces: None,
        split: false,
        sep: "parbreak()",
        keep,
    }
}

/// Whether `fit: auto` scales the stack as a whole: charts, diagrams and
/// pictures take the room they are given instead (laid out in Rust, or
/// sized to the room left), and code or a table alone on its slide is
/// sized (and continued) in Rust for the whole room.
fn fittable(stack: &[Placed]) -> bool {
    if let [
        Placed {
            block: Block::Code(_) | Block::Table(_),
            ..
        },
    ] = stack
    {
        return false;
    }
    let mut own = false;
    crate::outline::walk(stack, &mut |b| {
        own |= matches!(b, Block::Diagram(_) | Block::Image { .. } | Block::Chart(_));
    });
    !own
}

/// What making pieces depends on besides the blocks.
#[derive(Clone, Copy)]
struct Make<'a> {
    /// The slide's context.
    ctx: Context<'a>,
    /// The slide's fitting.
    fit: Fitting,
    /// The slide's reveal mode, the default of its blocks.
    reveal: Reveal,
    /// Whether the slide holds one block (drawn as before stacks).
    single: bool,
    /// The heading level of a `heading:` or a box's head here: one under
    /// the slide title's, one more inside a box.
    level: u8,
}

impl Make<'_> {
    /// The pieces of a stack `width` points wide.
    fn stack(&self, stack: &[Placed], width: f64, parent: When, top: bool) -> Vec<Piece> {
        // Inside a column or a box, a picture beside other blocks gets a
        // share of the slide's height: a column's row is as tall as its
        // content, so `1fr` there would claim the whole page.
        let nested_shared = !top && stack.len() > 1;
        stack
            .iter()
            .map(|p| self.piece(p, width, When::of(&p.opts, parent), (top, nested_shared)))
            .collect()
    }

    /// One block's piece.
    fn piece(&self, placed: &Placed, width: f64, when: When, place: (bool, bool)) -> Piece {
        let top = place.0;
        match &placed.block {
            Block::Columns(cols) => {
                let widths = column_widths(cols, width);
                let cols_pieces = cols
                    .iter()
                    .zip(&widths)
                    .map(|(c, w)| self.stack(&c.body, *w, when, false))
                    .collect();
                Piece::Columns {
                    when,
                    grid: grid_head(cols, width),
                    cols: cols_pieces,
                }
            }
            Block::Callout(b) => Piece::Callout {
                when,
                open: self.callout_open(b),
                body: Make {
                    level: self.level + 1,
                    ..*self
                }
                .stack(&b.body, width - BOX_INSET, when, false),
            },
            block => {
                let mut parts = self.leaf(block, &placed.opts, width, place);
                if !top {
                    parts = vec![parts.concat()];
                }
                let mut parts = parts.into_iter();
                let steps = parts.next().unwrap_or_else(|| vec![String::new()]);
                let wrapped = |s: String| wrap(s, block, &placed.opts, self.ctx.macros);
                Piece::Leaf {
                    when,
                    steps: steps.into_iter().map(wrapped).collect(),
                    later: parts
                        .map(|p| p.into_iter().map(wrapped).collect())
                        .collect(),
                }
            }
        }
    }

    /// A block's markup: for each continuation part, one string per own
    /// step.
    fn leaf(
        &self,
        block: &Block,
        opts: &Options,
        width: f64,
        place: (bool, bool),
    ) -> Vec<Vec<String>> {
        let (top, nested_shared) = place;
        let ctx = self.ctx;
        // Code alone on its slide may grow into the free room.
        let alone = self.single && top;
        let fit = self.fit;
        let reveal = opts.reveal.unwrap_or(self.reveal);
        // A chart or diagram in a stack is laid out for its `height:`, or
        // for a share of the slide when others take the rest, then fitted
        // to the room Typst gives it; its caption stays under it.
        let height = match (&opts.height, self.single && !nested_shared) {
            (Some(h), _) => CHART_HEIGHT * f64::from(h.value) / 100.0,
            (None, true) => CHART_HEIGHT,
            (None, false) => CHART_HEIGHT * STACK_SHARE,
        };
        let caption = match (&opts.caption, block) {
            (Some(c), Block::Chart(_)) => {
                format!("#lectern-caption(deck, {})", content(&c.value, ctx.macros))
            }
            _ => String::new(),
        };
        let room = |s: String| {
            if self.single && opts.height.is_none() {
                format!("{s}{caption}")
            } else {
                let h = if opts.height.is_some() || nested_shared {
                    format!("{height:.1}pt")
                } else {
                    "1fr".to_string()
                };
                format!("#lectern-room(height: {h})[{s}{caption}]")
            }
        };
        let alt = opts.alt.as_ref().map(|a| a.value.as_str());
        let one = match block {
            Block::List(list) => return vec![list_steps(list, reveal, ctx.macros)],
            Block::Paragraph(text) => markup(&text.value, ctx.macros),
            Block::Heading(text) => format!(
                "#lectern-heading(deck, level: {}, {})",
                self.level,
                content(&text.value, ctx.macros)
            ),
            Block::Quote { text, by } => format!(
                "#quote(block: true, attribution: {}, {})",
                by.as_ref()
                    .map_or_else(|| "none".to_string(), |b| content(&b.value, ctx.macros)),
                content(&text.value, ctx.macros)
            ),
            Block::Image { path, caption } => image(path, caption.as_ref(), opts, ctx.macros),
            Block::Typst(code) => raw_block(&code.value),
            Block::Code(c) if !c.highlight.is_empty() => {
                return vec![
                    (0..c.highlight.len())
                        .map(|s| code::code_block(c, Some(s), (width, alone), ctx, fit))
                        .collect(),
                ];
            }
            Block::Code(c) if alone => {
                let body = f64::from(ctx.body);
                if let Some(parts) = code::code_parts(c, fit, body) {
                    return parts
                        .iter()
                        .map(|p| vec![code::code_block(p, None, (width, false), ctx, fit)])
                        .collect();
                }
                let block = code::code_block(c, None, (width, alone), ctx, fit);
                if fit.auto && code::too_tall(c, fit, body) {
                    // Too long even to continue: cut at the footer, not
                    // spilled onto a page without its title.
                    format!("#block(height: 1fr, clip: true)[{block}]")
                } else {
                    block
                }
            }
            Block::Code(c) => code::code_block(c, None, (width, alone), ctx, fit),
            Block::Math(m) if reveal == Reveal::Items && m.lines.len() > 1 => {
                return vec![
                    (1..=m.lines.len())
                        .map(|n| math_block(m, (n, alt), fit, ctx.macros))
                        .collect(),
                ];
            }
            Block::Math(m) => math_block(m, (m.lines.len(), alt), fit, ctx.macros),
            Block::Table(t) => {
                let rows = t.reveal_rows || reveal == Reveal::Rows;
                return table::table_pages(t, width, ctx, fit, rows);
            }
            Block::Diagram(d) => {
                let pages = diagram::pages(d, (width, height), ctx, (d.reveal, alt));
                return pages
                    .into_iter()
                    .map(|p| p.into_iter().map(room).collect())
                    .collect();
            }
            Block::Chart(chart) => {
                let pages =
                    chart_pages(chart, (width, height), ctx, (reveal == Reveal::Items, alt));
                return pages
                    .into_iter()
                    .map(|p| p.into_iter().map(room).collect())
                    .collect();
            }
            Block::Columns(_) | Block::Callout(_) => String::new(),
        };
        vec![vec![one]]
    }

    /// A box's opening call: its kind, number, title and ∎.
    fn callout_open(&self, b: &Callout) -> String {
        format!(
            "#lectern-box(deck, {}, level: {}, number: {}, title: {}, qed: {})",
            string(b.kind.name()),
            self.level,
            b.number
                .map_or_else(|| "none".to_string(), |n| n.to_string()),
            b.title.as_ref().map_or_else(
                || "none".to_string(),
                |t| content(&t.value, self.ctx.macros)
            ),
            b.qed
        )
    }
}

/// A block with its caption, size and alignment around it.
fn wrap(body: String, block: &Block, opts: &Options, macros: &Macros) -> String {
    let mut out = body;
    // Images, code, tables and diagrams place their own captions.
    if let Some(caption) = &opts.caption
        && !matches!(
            block,
            Block::Image { .. }
                | Block::Code(_)
                | Block::Table(_)
                | Block::Diagram(_)
                | Block::Chart(_)
        )
    {
        out = format!(
            "{out}#lectern-caption(deck, {})",
            content(&caption.value, macros)
        );
    }
    if opts.small {
        out = format!("#[#set text(size: 0.8em)\n{out}\n]");
    }
    if let Some(align) = opts.align {
        let a = match align {
            Align::Left => "left",
            Align::Center => "center",
            Align::Right => "right",
        };
        out = format!("#align({a})[{out}]");
    }
    out
}

/// An image in the room left to it, its caption directly under it.
fn image(
    path: &crate::outline::Spanned<String>,
    caption: Option<&crate::outline::Text>,
    opts: &Options,
    macros: &Macros,
) -> String {
    let alt = opts
        .alt
        .as_ref()
        .or(caption)
        .map_or_else(|| "none".into(), |c| string(&c.value));
    let cap = caption.map_or_else(|| "none".into(), |c| content(&c.value, macros));
    let height = opts
        .height
        .as_ref()
        .map_or_else(|| "1fr".to_string(), |h| format!("{}%", h.value));
    let width = match opts.width.as_ref().map(|w| w.value) {
        Some(Width::Percent(p)) => format!("{}%", f64::from(p) / 1000.0),
        _ => "100%".to_string(),
    };
    format!(
        "#lectern-image({}, alt: {alt}, caption: {cap}, height: {height}, width: {width})",
        string(&super::image_path(&path.value))
    )
}
