//! Outline → Typst source: one generated unit per slide, plus a preamble.
//!
//! Generated files (all under [`GENERATED_DIR`]):
//! - `deck.typ`: the `deck` dictionary (metadata, sections, palette, fonts,
//!   language labels) that every theme function receives;
//! - `main.typ`: document settings, the theme's `setup`, and one `#include`
//!   per slide;
//! - `slide-N.typ`: slide N, a pure function of the slide, its section
//!   context and the theme, memoised with comemo so a watch rebuild only
//!   regenerates the slides that changed.
//!
//! Every slide page carries a `<lectern-slide>` marker at its start and a
//! `<lectern-end>` marker at its end (see [`crate::compile`]).

mod chart;
mod code;
mod columns;
mod deck;
mod diagram;
mod estimate;
mod findings;
pub use chart::{DRAWN_TEXT_OF_BODY, chart_faces};
use chart::{chart_area, chart_layout, chart_pages};
use findings::{long_title, slide_info};
pub mod drawing;
mod labels;
mod list;
mod page;
mod piece;
pub use self::labels::interface_text;
mod stack;
mod table;

pub use self::deck::{Variant, has_gaps};
pub mod escape;

use std::fmt::Write as _;

pub use self::deck::deck;
use self::deck::preamble;
use self::escape::{content, markup, string};
pub use self::page::reading_notes;
use self::page::{Step, bookmark, fixed_unit, page};
use crate::charts::text::Faces;
use crate::diagnostics::Span;
use crate::outline::{Fitting, Outline, Reveal, Slide, Text};
use crate::theme::Theme;
use crate::world::GENERATED_DIR;

/// What kind of page a slide is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SlideKind {
    /// The title page.
    Title,
    /// The list of sections.
    Agenda,
    /// A section divider.
    Section,
    /// A content slide.
    Content,
}

impl SlideKind {
    /// The name the theme's `page-args` receives.
    fn name(self) -> &'static str {
        match self {
            Self::Title => "title",
            Self::Agenda => "agenda",
            Self::Section => "section",
            Self::Content => "content",
        }
    }
}

/// What lectern knows about each generated slide, indexed by slide id.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SlideInfo {
    /// The kind of slide.
    pub kind: SlideKind,
    /// The slide's title as written (for notes and messages).
    pub title: String,
    /// The YAML node the slide came from.
    pub span: Option<Span>,
    /// Speaker notes.
    pub notes: Option<String>,
    /// Seconds of class activity on the slide (`pause`).
    pub pause: u32,
    /// The section the slide belongs to (its divider included); `None` for
    /// the title, the agenda and the closing slides.
    pub section: Option<usize>,
    /// The slide's (first) raw Typst block and where its code sits in the
    /// generated unit: the source map for Typst's errors in it.
    pub raw: Option<RawSource>,
    /// For a timeline continued over several slides: how many of its events
    /// the first slide holds, and how many it shows in all.
    pub timeline_fit: Option<(usize, usize)>,
    /// For a table continued over several slides: the rows its first slide
    /// holds, and its rows in all.
    pub table_fit: Option<(usize, usize)>,
    /// What codegen found too big for the slide even at the smallest size
    /// (code, tables), at the YAML line.
    pub warnings: Vec<crate::diagnostics::Diagnostic>,
}

/// A raw Typst block's place in the outline and in the generated unit.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct RawSource {
    /// The block's value in the outline (its span starts at its first
    /// non-empty line).
    pub yaml: Span,
    /// The code as the unit holds it.
    pub code: String,
    /// The byte offset of the code in the unit's text.
    pub at: usize,
}

impl RawSource {
    /// Maps a byte range of the unit inside the code to the outline: the
    /// code's lines are the block's lines, each behind the block's
    /// indentation. `None` when the range is not inside the code.
    pub fn map(&self, unit: std::ops::Range<usize>, yaml: &str) -> Option<Span> {
        let rel = unit.start.checked_sub(self.at)?;
        if rel > self.code.len() {
            return None;
        }
        let before = self.code.get(..rel)?;
        let line = before.matches('\n').count();
        let column = rel - before.rfind('\n').map_or(0, |i| i + 1);
        // Blank lines before the first code line are not in the span.
        let blank = self.code.len() - self.code.trim_start_matches('\n').len();
        let start = self.yaml.range.start.min(yaml.len());
        let first_line = yaml[..start].rfind('\n').map_or(0, |i| i + 1);
        let indent = start - first_line;
        let mut line_start = first_line;
        for _ in 0..line.saturating_sub(blank) {
            line_start += yaml[line_start..].find('\n')? + 1;
        }
        let line_end = yaml[line_start..]
            .find('\n')
            .map_or(yaml.len(), |i| line_start + i);
        let from = (line_start + indent + column).min(line_end);
        let to = (from + unit.len()).min(line_end).max(from);
        Some(Span::new(self.yaml.file, from..to))
    }
}

/// The generated Typst sources and the slide table.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Generated {
    /// Virtual path and text of each generated file.
    pub files: Vec<(String, String)>,
    /// One entry per slide, by id.
    pub slides: Vec<SlideInfo>,
    /// The font families appended to the theme's (see [`generate`]), for
    /// the paper variants of `deck.typ` ([`deck`]).
    pub fallbacks: Vec<String>,
}

/// Helpers every theme may import from `/.lectern/lib.typ`.
const THEME_LIB: &str = include_str!("../../themes/lib.typ");

/// The definitions converted LaTeX math names (`/.lectern/math.typ`).
const MATH_LIB: &str = include_str!("../../themes/math.typ");

/// The path of a generated file.
pub fn path(name: &str) -> String {
    format!("{GENERATED_DIR}/{name}")
}

/// Generates the Typst sources for an outline in a theme. `fallbacks` are
/// font families appended to the theme's (for characters its fonts lack);
/// chart text is measured in `faces` (see [`chart_faces`]).
pub fn generate(
    outline: &Outline,
    theme: &Theme,
    fallbacks: &[String],
    faces: &Faces,
) -> Generated {
    let mut files = vec![
        (
            path("deck.typ"),
            deck(outline, theme, fallbacks, Variant::default()),
        ),
        (path("lib.typ"), THEME_LIB.to_string()),
        (path("math.typ"), MATH_LIB.to_string()),
    ];
    let mut slides = Vec::new();
    let mut main = preamble(&outline.meta);
    let mut push = |info: SlideInfo, code: String, main: &mut String| {
        let id = slides.len();
        let name = format!("slide-{id}.typ");
        let _ = writeln!(main, "#include {}", string(&path(&name)));
        // The id is a value the unit reads, declared ahead of the unit's
        // (memoised, position-free) code; nothing in the code is rewritten.
        let unit = format!("#let lectern-slide-id = {id}\n{code}");
        let mut info = info;
        if let Some(raw) = &mut info.raw {
            // The source map: where the block's code sits in the unit.
            raw.at = unit.find(&raw_block(&raw.code)).map_or(0, |i| i + 3);
        }
        files.push((path(&name), unit));
        slides.push(info);
    };
    let meta = &outline.meta;
    let lang = meta.lang.value.to_ascii_lowercase();
    let context = |level| Context {
        lang: &lang,
        level,
        reveal: meta.reveal,
        fit: Fitting::deck(meta.fit),
        chart_text: theme.chart_text,
        faces,
        body: theme.body_size,
        macros: &meta.macros,
    };
    let info = |kind, title: &Text, span: Option<Span>| SlideInfo {
        kind,
        title: title.value.clone(),
        span,
        notes: None,
        pause: 0,
        section: None,
        raw: None,
        timeline_fit: None,
        table_fit: None,
        warnings: Vec::new(),
    };
    push(
        SlideInfo {
            notes: meta.notes.as_ref().map(|n| n.value.clone()),
            ..info(SlideKind::Title, &meta.title, Some(meta.title.span.clone()))
        },
        // The deck title is the document's one first-level heading.
        fixed_unit(
            SlideKind::Title,
            "theme.title-slide(deck + (title: lectern-h(1, deck.title)))",
        ),
        &mut main,
    );
    for slide in &outline.opening {
        push(
            slide_info(slide, None, context(2)),
            slide_unit(slide, context(2)),
            &mut main,
        );
    }
    // An agenda lists the sections: a deck without any (a course index)
    // has none, nor one that asks for none.
    if !outline.sections.is_empty() && meta.agenda {
        push(
            SlideInfo {
                // Named by its own word, as its page shows it.
                title: labels::word(meta, &labels::of(meta), "agenda"),
                ..info(SlideKind::Agenda, &meta.title, None)
            },
            fixed_unit(
                SlideKind::Agenda,
                "theme.agenda-slide(deck + (labels: deck.labels + (agenda: lectern-h(2, deck.labels.agenda))))",
            ),
            &mut main,
        );
    }
    for (i, section) in outline.sections.iter().enumerate() {
        let call = format!(
            "theme.section-slide(deck, {}, lectern-h(2, {}))",
            i + 1,
            content(&section.title.value, &meta.macros)
        );
        // The bookmark after the visible heading, so the slides'
        // bookmarks nest under it.
        let heading = bookmark(2, &section.title.value, &meta.macros);
        if meta.dividers {
            push(
                SlideInfo {
                    section: Some(i),
                    ..info(
                        SlideKind::Section,
                        &section.title,
                        Some(section.title.span.clone()),
                    )
                },
                fixed_unit(SlideKind::Section, &format!("#{call}{heading}")),
                &mut main,
            );
        }
        // Slide titles are headings under their section's (H3); without
        // dividers there is no section heading, so they are H2, as are
        // the slides before and after the sections.
        let level = if meta.dividers { 3 } else { 2 };
        for slide in &section.slides {
            push(
                slide_info(slide, Some(i), context(level)),
                slide_unit(slide, context(level)),
                &mut main,
            );
        }
    }
    for slide in &outline.closing {
        push(
            slide_info(slide, None, context(2)),
            slide_unit(slide, context(2)),
            &mut main,
        );
    }
    files.push((path("main.typ"), main));
    Generated {
        files,
        slides,
        fallbacks: fallbacks.to_vec(),
    }
}

/// A raw Typst block as the unit holds it: its code verbatim, in a content
/// block of its own lines (the source map relies on the 3-byte opening).
fn raw_block(code: &str) -> String {
    format!("#[\n{code}\n]")
}

/// The file header every slide unit starts with.
const UNIT_HEADER: &str = "#import \"/.lectern/deck.typ\": deck, lectern-gap, lectern-span, lectern-cjk, lectern-number, lectern-eqref, lectern-ref\n#import \"/.lectern/lib.typ\": lectern-fit, lectern-more, lectern-code, lectern-table, lectern-math, lectern-image, lectern-room, lectern-box, lectern-heading, lectern-caption, lectern-h, lectern-copy, lectern-unlinked, lectern-page\n#import \"/.lectern/math.typ\": *\n#import \"/.theme/theme.typ\" as theme\n";

/// Width of a slide's content area, in points (16:9 page minus the margins).
pub const CONTENT_WIDTH: f64 = 745.0;
/// Height available to a chart under a slide title, in points.
pub const CHART_HEIGHT: f64 = 330.0;
/// Gap between columns, in points (matches `column-gutter: 1.2cm`).
const COLUMN_GAP: f64 = 34.0;

thread_local! {
    /// How many slide units this thread has generated (memo misses).
    static UNITS_MADE: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// How many content-slide units the current thread has generated so far:
/// memoised units that were reused do not count. Builds report the
/// difference ([`crate::pipeline::Outcome::stats`]).
pub fn units_made() -> usize {
    UNITS_MADE.with(std::cell::Cell::get)
}

/// What a slide's code depends on besides the slide itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Context<'a> {
    /// The deck's language.
    lang: &'a str,
    /// The heading level of the slide's title (3 inside a section with a
    /// divider, else 2 under the deck title's 1), and of its bookmark.
    level: u8,
    /// The deck-wide reveal mode.
    reveal: Option<Reveal>,
    /// The deck's fitting (slides may override it).
    fit: Fitting,
    /// The theme's chart text size in points (`chart-text` in theme.yaml).
    chart_text: u32,
    /// The faces chart text is measured in (the theme's text families).
    faces: &'a Faces,
    /// The theme's body text size in points.
    body: u32,
    /// The deck's LaTeX macros (inline and display math read them).
    macros: &'a [(String, String)],
}

/// Generates one content slide's unit: one page per continuation part and
/// reveal step. Items not yet revealed are laid out hidden, so the slide
/// does not move between steps. Memoised: an unchanged slide costs a hash lookup.
#[comemo::memoize]
fn slide_unit(slide: &Slide, ctx: Context<'_>) -> String {
    UNITS_MADE.with(|n| n.set(n.get() + 1));
    // A title too long for its area is shown cut, in plain text (without
    // the characters inline markup reads).
    let cut = slide
        .title
        .as_ref()
        .and_then(|t| long_title(&t.value, ctx))
        .map(|(_, kept)| kept.replace(['*', '$', '[', ']', '`', '\\', '_'], ""));
    let title = cut.as_ref().or(slide.title.as_ref().map(|t| &t.value));
    let mut out = String::from(UNIT_HEADER);
    let parts = stack::pages(slide, CONTENT_WIDTH, ctx);
    // A title is read once: a heading on the last step of the slide's
    // first part, an artifact on its other pages ("(cont.)" included).
    let continued = title.map_or_else(
        || "none".to_string(),
        |t| {
            format!(
                "lectern-copy(lectern-h({}, [{}#deck.labels.continued;]))",
                ctx.level,
                markup(t, ctx.macros)
            )
        },
    );
    for (part, steps) in parts.iter().enumerate() {
        for (step, made) in steps.iter().enumerate() {
            let mut inside = String::new();
            let title_code = match title {
                Some(t) if part == 0 => {
                    if step == 0 {
                        inside.push_str(&bookmark(ctx.level, t, ctx.macros));
                    }
                    // The copies are headings too, so they take the same room.
                    let heading = format!("lectern-h({}, {})", ctx.level, content(t, ctx.macros));
                    if step + 1 == steps.len() {
                        heading
                    } else {
                        format!("lectern-copy({heading})")
                    }
                }
                _ => continued.clone(),
            };
            if let Some(pieces) = &made.pieces {
                let _ = writeln!(inside, "#let lectern-pieces = {pieces}");
            }
            let _ = write!(
                inside,
                "#theme.content-slide(deck, {title_code}, [{}])",
                made.body
            );
            if made.split {
                let _ = write!(
                    inside,
                    "#lectern-more((t, b) => theme.content-slide(deck, t, b), {}, {continued}, lectern-pieces, floor: {}, sep: {}, marker: (id: lectern-slide-id, step: 0, steps: 1))",
                    stack::SPLIT_KEY,
                    ctx.fit.slide(slide.fit).least(),
                    made.sep
                );
            }
            let at = Step {
                part,
                step,
                steps: steps.len(),
                keep: made.keep,
            };
            // The notes go under the slide's last page (reading handout).
            let last = part + 1 == parts.len() && step + 1 == steps.len();
            out.push_str(&page(SlideKind::Content, at, &inside, last));
        }
    }
    out
}

/// Display math: its first `shown` lines, one aligned block, centred at
/// 1.2 × the body size; with the LaTeX as the alt text.
fn math_block(
    m: &crate::outline::Math,
    (shown, alt): (usize, Option<&str>),
    fit: Fitting,
    macros: &escape::Macros,
) -> String {
    let lines = &m.lines[..shown.min(m.lines.len())];
    let source: Vec<&str> = m.lines.iter().map(|l| l.value.as_str()).collect();
    let body = if m.typst {
        lines[0].value.clone()
    } else {
        let converted: Vec<String> = lines
            .iter()
            .map(|l| escape::math_body(&l.value, macros).unwrap_or_default())
            .collect();
        converted.join(" \\ ")
    };
    // `number: true`: the block's number after its last row.
    let body = match &m.number {
        Some(n) => format!("{body} quad {}", string(&format!("({n})"))),
        None => body,
    };
    format!(
        "#lectern-math(deck, alt: {}, shrink: {}, $ {body} $)",
        string(alt.unwrap_or(&source.join(" \\\\ "))),
        fit.auto
    )
}

/// The virtual path of an image written relative to the outline.
fn image_path(path: &str) -> String {
    let parts: Vec<&str> = path
        .trim_start_matches("./")
        .split('/')
        .map(|part| match part {
            ".." => crate::world::sandbox::PARENT,
            part => part,
        })
        .collect();
    format!("/{}", parts.join("/"))
}

#[cfg(test)]
mod raw_tests {
    use super::*;
    use crate::diagnostics::FileRef;

    /// A raw block whose value starts at `first` in `yaml`, placed at 100
    /// in a unit.
    fn raw(yaml: &str, first: &str, code: &str) -> RawSource {
        let start = yaml.find(first).unwrap();
        RawSource {
            yaml: Span::new(FileRef(0), start..start + first.len()),
            code: code.into(),
            at: 100,
        }
    }

    #[test]
    fn the_least_chart_text_a_theme_may_ask_for_is_what_layout_uses() {
        assert_eq!(
            f64::from(crate::theme::MIN_CHART_TEXT),
            crate::charts::text::SIZE
        );
    }

    #[test]
    fn raw_code_maps_to_its_line_and_column_by_arithmetic() {
        let yaml = "x:\n  typst: |\n\n    #let a = 1\n      #bad(a)\n";
        let map = raw(yaml, "#let a = 1", "\n#let a = 1\n  #bad(a)\n");
        // `bad` in the unit: after the blank line and `#let a = 1\n  #`.
        let at = 100 + "\n#let a = 1\n  #".len();
        let span = map.map(at..at + 3, yaml).unwrap();
        assert_eq!(&yaml[span.range.clone()], "bad");
        // Outside the code: no mapping.
        assert!(map.map(10..12, yaml).is_none());
        // A one-line quoted value.
        let yaml = "typst: \"#rect(fill: nope)\"\n";
        let map = raw(yaml, "#rect", "#rect(fill: nope)");
        let at = 100 + "#rect(fill: ".len();
        let span = map.map(at..at + 4, yaml).unwrap();
        assert_eq!(&yaml[span.range], "nope");
    }
}
