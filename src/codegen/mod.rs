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

mod code;
mod deck;
mod diagram;
pub mod drawing;
mod labels;
mod list;
pub use self::labels::interface_text;
mod stack;

pub use self::deck::{Variant, has_gaps};
pub mod escape;

use std::fmt::Write as _;

pub use self::deck::deck;
use self::deck::preamble;
use self::escape::{content, markup, string};
use crate::charts::text::Faces;
use crate::charts::{self, Area, alt};
use crate::diagnostics::Span;
use crate::outline::{Block, Fit, Outline, Reveal, Slide, Text};
use crate::theme::Theme;
use crate::world::GENERATED_DIR;
use crate::world::fonts::FontSet;

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
    /// For a list continued over several slides: the items its first slide
    /// holds, and its items in all.
    pub list_fit: Option<(usize, usize)>,
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
    escape::with_macros(&outline.meta.macros, || {
        generate_with(outline, theme, fallbacks, faces)
    })
}

/// [`generate`], with the deck's macros set for its math.
fn generate_with(
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
        fit: meta.fit,
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
        list_fit: None,
        warnings: Vec::new(),
    };
    push(
        SlideInfo {
            notes: meta.notes.as_ref().map(|n| n.value.clone()),
            ..info(SlideKind::Title, &meta.title, Some(meta.title.span.clone()))
        },
        fixed_unit(SlideKind::Title, "theme.title-slide(deck)"),
        &mut main,
    );
    for slide in &outline.opening {
        push(
            slide_info(slide, None, context(1)),
            slide_unit(slide, context(1)),
            &mut main,
        );
    }
    // An agenda lists the sections: a deck without any (a course index)
    // has none, nor one that asks for none.
    if !outline.sections.is_empty() && meta.agenda {
        push(
            info(SlideKind::Agenda, &meta.title, None),
            fixed_unit(SlideKind::Agenda, "theme.agenda-slide(deck)"),
            &mut main,
        );
    }
    for (i, section) in outline.sections.iter().enumerate() {
        let call = format!(
            "theme.section-slide(deck, {}, {})",
            i + 1,
            content(&section.title.value)
        );
        let heading = bookmark(1, &section.title.value);
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
                fixed_unit(SlideKind::Section, &(heading + "#" + &call)),
                &mut main,
            );
        }
        // Without dividers, a section's slides are bookmarks of the first
        // level.
        let level = if meta.dividers { 2 } else { 1 };
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
            slide_info(slide, None, context(1)),
            slide_unit(slide, context(1)),
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

/// Describes a content slide of section `section` (`None`: closing).
fn slide_info(slide: &Slide, section: Option<usize>, ctx: Context<'_>) -> SlideInfo {
    let mut raw = None;
    crate::outline::walk(&slide.body, &mut |b| {
        if let (None, Block::Typst(code)) = (&raw, b) {
            raw = Some(code);
        }
    });
    let raw = raw.map(|code| RawSource {
        yaml: code.span.clone(),
        code: code.value.clone(),
        at: 0,
    });
    let (table_fit, warnings) = slide_findings(
        &slide.body,
        slide.fit.or(ctx.fit),
        ctx,
        slide.span.range.start,
    );
    SlideInfo {
        kind: SlideKind::Content,
        title: slide
            .title
            .as_ref()
            .map_or_else(String::new, |t| t.value.clone()),
        span: Some(slide.span.clone()),
        notes: slide.notes.as_ref().map(|n| n.value.clone()),
        pause: slide.pause.as_ref().map_or(0, |p| p.value),
        section,
        raw,
        timeline_fit: timeline_fit(&slide.body, ctx),
        list_fit: list_fit(slide, ctx),
        table_fit,
        warnings,
    }
}

/// What a slide's layout in Rust tells about it, remembered: an unchanged
/// slide costs a lookup. It gives, for a slide-wide table continued over
/// several slides, the rows on its first slide and in all; and the warnings
/// of its code blocks, tables and charts (too big even at the smallest
/// size, a source line cut), each at its YAML line. Each block is laid out
/// once here. A span's hash leaves out its place in the file, so the
/// slide's place (`at`) is part of the key, and a slide that moved gets
/// warnings at its new place.
#[comemo::memoize]
fn slide_findings(
    body: &[crate::outline::Placed],
    fit: Option<Fit>,
    ctx: Context<'_>,
    at: usize,
) -> (Option<(usize, usize)>, Vec<crate::diagnostics::Diagnostic>) {
    let _ = at;
    let body_pt = f64::from(ctx.body);
    let mut table_fit = None;
    let mut warnings = Vec::new();
    // `whole`: the block is the slide's only one (not in a stack or column).
    let whole = body.len() == 1;
    stack::leaves(body, CONTENT_WIDTH, true, &mut |b, width, top| {
        let found: Vec<crate::diagnostics::Diagnostic> = match b {
            Block::Code(c) => code::code_size(c, width, fit, body_pt, whole && top)
                .warning
                .into_iter()
                .collect(),
            Block::Table(t) => {
                let layout = code::table_layout(t, width, fit, body_pt);
                if whole && top && layout.parts.len() > 1 {
                    table_fit = Some((layout.parts[0].len(), t.rows.len()));
                }
                layout.warning.into_iter().collect()
            }
            Block::Chart(chart) => source_warning(chart, width, ctx).into_iter().collect(),
            Block::Diagram(d) => diagram::warning(d, width, ctx).into_iter().collect(),
            _ => Vec::new(),
        };
        warnings.extend(found);
    });
    (table_fit, warnings)
}

/// The warning for a chart's source line too long for two lines (the rest
/// is cut with "…").
fn source_warning(
    chart: &charts::Chart,
    width: f64,
    ctx: Context<'_>,
) -> Option<crate::diagnostics::Diagnostic> {
    let source = chart.source.as_ref()?;
    let area = chart_area(width, CHART_HEIGHT, ctx).0;
    let lines = charts::text::measuring(ctx.faces, || {
        charts::source_lines(&source.value, area.width)
    });
    (lines.len() > charts::MAX_SOURCE_LINES).then(|| {
        crate::diagnostics::Diagnostic::warning(format!(
            "this source line needs {} lines under the chart; it is cut after {}",
            lines.len(),
            charts::MAX_SOURCE_LINES
        ))
        .at(source.span.clone())
        .hint("shorten it, and put the full reference in the notes or on a references slide")
    })
}

/// For a slide-wide timeline continued over several slides: the events on
/// its first slide and in all (its dots: one per event). The layout is the
/// one the unit was made from, remembered.
fn timeline_fit(body: &[crate::outline::Placed], ctx: Context<'_>) -> Option<(usize, usize)> {
    let [
        crate::outline::Placed {
            block: Block::Chart(chart),
            ..
        },
    ] = body
    else {
        return None;
    };
    let pages = chart_layout(chart, chart_area(CONTENT_WIDTH, CHART_HEIGHT, ctx).0, ctx);
    let dots = |d: &charts::draw::Drawing| d.dot_count();
    match (&chart.data, pages.as_slice()) {
        (charts::Data::Timeline(_), [first, _, ..]) => {
            Some((dots(first), pages.iter().map(dots).sum()))
        }
        _ => None,
    }
}

/// For a list alone on its slide and continued over several: the items on
/// its first slide and in all.
fn list_fit(slide: &Slide, ctx: Context<'_>) -> Option<(usize, usize)> {
    let [
        crate::outline::Placed {
            block: Block::List(list),
            ..
        },
    ] = slide.body.as_slice()
    else {
        return None;
    };
    let reveal = slide.body[0]
        .opts
        .reveal
        .or(slide.reveal)
        .or(ctx.reveal)
        .unwrap_or(Reveal::All);
    if !list::may_continue(true, slide.fit.or(ctx.fit), reveal) {
        return None;
    }
    match list::list_parts(list, ctx).as_slice() {
        [first, _, ..] => Some((first.len(), list.items.len())),
        _ => None,
    }
}

/// A raw Typst block as the unit holds it: its code verbatim, in a content
/// block of its own lines (the source map relies on the 3-byte opening).
fn raw_block(code: &str) -> String {
    format!("#[\n{code}\n]")
}

/// The file header every slide unit starts with.
const UNIT_HEADER: &str = "#import \"/.lectern/deck.typ\": deck, lectern-gap, lectern-span, lectern-cjk\n#import \"/.lectern/lib.typ\": fit-shrink, lectern-code, lectern-table, lectern-math, lectern-image, lectern-room, lectern-box, lectern-heading, lectern-caption\n#import \"/.lectern/math.typ\": *\n#import \"/.theme/theme.typ\" as theme\n";

/// Where a page sits within its slide: continuation part and reveal step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Step {
    /// Continuation part (a dense timeline may need several pages).
    part: usize,
    /// Reveal step within the part, from 0.
    step: usize,
    /// Number of reveal steps of the part.
    steps: usize,
    /// Whether handouts keep this step although it is not the last: it
    /// shows `only:` content the last step lacks.
    keep: bool,
}

impl Step {
    /// The only page of a slide without steps or parts.
    const SINGLE: Step = Step {
        part: 0,
        step: 0,
        steps: 1,
        keep: false,
    };
}

/// A slide's inside in its page, with the start and end markers. Reveal
/// steps after the first take the page number back, so every step of a slide
/// carries the same page number and PDF page label.
fn page(kind: SlideKind, at: Step, inside: &str) -> String {
    let keep = if at.keep { ", keep: true" } else { "" };
    let marker = format!(
        "(id: lectern-slide-id, part: {}, step: {}, steps: {}{keep})",
        at.part, at.step, at.steps
    );
    // Continuation pages share their slide's number too ("12" and "12"
    // with "(cont.)" in the title).
    let same_number = if at.step > 0 || at.part > 0 {
        "#counter(page).update(n => n - 1)"
    } else {
        ""
    };
    format!(
        "#page(..theme.page-args(deck, \"{}\"))[{same_number}#metadata({marker}) <lectern-slide>{inside}#metadata({marker}) <lectern-end>]\n",
        kind.name()
    )
}

/// A unit whose inside is one theme call.
fn fixed_unit(kind: SlideKind, call: &str) -> String {
    let call = if call.starts_with('#') {
        call.to_string()
    } else {
        format!("#{call}")
    };
    format!("{UNIT_HEADER}{}", page(kind, Step::SINGLE, &call))
}

/// An invisible heading, so the PDF gets a bookmark for the slide.
fn bookmark(level: u8, title: &str) -> String {
    format!(
        "#place(hide(heading(level: {level}, outlined: false, bookmarked: true, {})))",
        content(title)
    )
}

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
    /// The bookmark level of the slide's title (2 inside a section, 1 after).
    level: u8,
    /// The deck-wide reveal mode.
    reveal: Option<Reveal>,
    /// The deck-wide fit mode.
    fit: Option<Fit>,
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
    let title = slide.title.as_ref().map(|t| &t.value);
    let mut out = String::from(UNIT_HEADER);
    let parts = stack::pages(slide, CONTENT_WIDTH, ctx);
    for (part, steps) in parts.iter().enumerate() {
        for (step, stack::Page { body, keep }) in steps.iter().enumerate() {
            let mut inside = String::new();
            let title_code = match title {
                Some(t) if part == 0 => {
                    if step == 0 {
                        inside.push_str(&bookmark(ctx.level, t));
                    }
                    content(t)
                }
                Some(t) => format!("[{}#deck.labels.continued;]", markup(t)),
                None => "none".to_string(),
            };
            let _ = write!(inside, "#theme.content-slide(deck, {title_code}, [{body}])");
            let at = Step {
                part,
                step,
                steps: steps.len(),
                keep: *keep,
            };
            out.push_str(&page(SlideKind::Content, at, &inside));
        }
    }
    out
}

/// A chart as figures: one per page of its layout (a dense timeline has
/// several) and, when `reveal` is set, one per step within each page: series
/// (or timeline categories) appear one at a time over fixed axes.
fn chart_pages(
    chart: &charts::Chart,
    (width, height): (f64, f64),
    ctx: Context<'_>,
    reveal: bool,
) -> Vec<Vec<String>> {
    let (area, scale) = chart_area(width, height, ctx);
    let alt = drawing::alt_attr(&alt::describe(chart, ctx.lang));
    let figure = |body: String| {
        let body = if scale > 1.0 {
            let percent = scale * 100.0;
            format!("scale(x: {percent:.2}%, y: {percent:.2}%, reflow: true, {body})")
        } else {
            body
        };
        format!(
            "#figure(kind: \"lectern-chart\", supplement: none, numbering: none, {alt}, {body})"
        )
    };
    chart_layout(chart, area, ctx)
        .iter()
        .map(|d| match d.group_count() {
            n if reveal && n > 1 => (0..n)
                .map(|g| figure(drawing::drawing(d, Some(g))))
                .collect(),
            _ => vec![figure(drawing::drawing(d, None))],
        })
        .collect()
}

/// The area a chart or diagram `width` by `height` points is laid out in (a
/// slide's whole room is [`CHART_HEIGHT`] high), and the
/// factor it is then scaled by. Drawn text is laid out at the base size
/// ([`charts::text::SIZE`], 0.7 × a 20 pt body); a theme with larger
/// `chart-text` lays it out in a smaller area, then scales it up
/// to fill the real one: every label, tick and line grows alike (text to at
/// least 0.7 × body, source lines to 0.6 ×), and the layout's guarantees
/// hold.
fn chart_area(width: f64, height: f64, ctx: Context<'_>) -> (Area, f64) {
    let scale = drawn_scale(ctx);
    let area = Area {
        width: width / scale,
        height: height / scale,
    };
    (area, scale)
}

/// The least size of drawn text (charts, diagrams), as a share of the
/// theme's body size; source lines are 12/14 of it (0.6 × body).
pub const DRAWN_TEXT_OF_BODY: f64 = 0.7;

/// How much drawn text grows over the base size for a theme: to its
/// `chart-text`, and at least to [`DRAWN_TEXT_OF_BODY`] × its body size.
fn drawn_scale(ctx: Context<'_>) -> f64 {
    let by_theme = f64::from(ctx.chart_text) / charts::text::SIZE;
    let by_body = DRAWN_TEXT_OF_BODY * f64::from(ctx.body) / charts::text::SIZE;
    by_theme.max(by_body).max(1.0)
}

/// A chart's layout, measured in the theme's faces, remembered: the slide's
/// unit and its description share one.
#[comemo::memoize]
fn chart_layout(chart: &charts::Chart, area: Area, ctx: Context<'_>) -> Vec<charts::draw::Drawing> {
    charts::text::measuring(ctx.faces, || charts::layout(chart, area, ctx.lang))
}

/// The faces a theme's chart text is measured in: its `text` families, and
/// the `fallbacks` after them, as `fonts` holds them.
pub fn chart_faces(theme: &Theme, fallbacks: &[String], fonts: &FontSet) -> Faces {
    let families: Vec<&str> = theme
        .text_fonts
        .iter()
        .chain(fallbacks)
        .map(String::as_str)
        .collect();
    Faces::select(&families, fonts.book(), |i| fonts.font(i))
}

/// Display math: its first `shown` lines, one aligned block, centred at
/// 1.2 × the body size; with the LaTeX as the alt text.
fn math_block(m: &crate::outline::Math, shown: usize, fit: Option<Fit>) -> String {
    let lines = &m.lines[..shown.min(m.lines.len())];
    let source: Vec<&str> = m.lines.iter().map(|l| l.value.as_str()).collect();
    let body = if m.typst {
        lines[0].value.clone()
    } else {
        let converted: Vec<String> = lines
            .iter()
            .map(|l| escape::math_body(&l.value).unwrap_or_default())
            .collect();
        converted.join(" \\ ")
    };
    format!(
        "#lectern-math(deck, alt: {}, shrink: {}, $ {body} $)",
        string(&source.join(" \\\\ ")),
        fit == Some(Fit::Shrink)
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
