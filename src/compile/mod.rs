//! Typst compilation and the checks on its result.
//!
//! After layout, lectern queries the document for the `<lectern-slide>` and
//! `<lectern-end>` markers that codegen put on every slide. That one query
//! gives the page → slide map, which the overflow check, the glyph check, the
//! `.pdfpc` notes and the page labels all rely on. Typst's own diagnostics
//! are mapped back to the outline (or the theme file) here as well.

use typst::World;
use typst::WorldExt;
use typst::diag::{Severity as TypstSeverity, SourceDiagnostic};
use typst::layout::{Frame, FrameItem};
use typst_layout::PagedDocument;

mod markers;

pub use markers::{Gap, gaps};
use markers::{Overflow, Overfull, Wide, continued, overfull, page_map, wide};

use crate::codegen::{Generated, SlideKind};
use crate::diagnostics::{Diagnostic, Severity, Sources, Span};
use crate::theme::Theme;
use crate::world::fonts::{is_default_ignorable, is_emoji};
use crate::world::{GENERATED_DIR, THEME_DIR};

/// A laid-out deck and what lectern learnt about it.
pub struct Compiled {
    /// The laid-out pages.
    pub document: PagedDocument,
    /// For each page, the slide it shows and which step of it.
    pub pages: Vec<PageInfo>,
    /// Warnings from Typst and from lectern's checks.
    pub warnings: Vec<Diagnostic>,
}

/// Where a page belongs: its slide, continuation part and reveal step.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct PageInfo {
    /// The slide id (index into [`Generated::slides`]).
    pub slide: usize,
    /// The continuation part of the slide (a split timeline has several).
    pub part: usize,
    /// The reveal step within the part, from 0.
    pub step: usize,
    /// How many reveal steps the part has.
    pub steps: usize,
    /// Whether handouts keep this step too: it shows `only:` content the
    /// part's last step lacks.
    pub keep: bool,
}

impl PageInfo {
    /// Whether this page shows its part fully revealed.
    pub fn is_final(&self) -> bool {
        self.step + 1 >= self.steps
    }

    /// Whether handouts show this page: the final step, and any step whose
    /// `only:` content the final one lacks.
    pub fn in_handout(&self) -> bool {
        self.is_final() || self.keep
    }
}

/// Typst's own output for the deck, before lectern's checks: the laid-out
/// document and Typst's warnings, unmapped. A build that changes nothing
/// Typst reads (a notes-only edit) reuses it and runs only [`check`], so
/// every diagnostic is mapped through the current outline's spans.
#[derive(Clone)]
pub struct Typeset {
    /// The laid-out pages.
    pub document: PagedDocument,
    /// Typst's warnings, in generated code.
    warnings: Vec<SourceDiagnostic>,
    /// What lectern read off the pages, once: a reused typeset is not
    /// walked again.
    analysis: std::sync::Arc<std::sync::OnceLock<Analysis>>,
}

/// What lectern reads off a laid-out deck, in slide ids and points: the
/// same for every outline that generates these sources.
struct Analysis {
    /// For each page, its slide, part and step.
    pages: Vec<PageInfo>,
    /// Slides that ran over their page, one entry per slide.
    overflow: Vec<Overflow>,
    /// Slides `fit: auto` could not fit even at their floor.
    overfull: Vec<Overfull>,
    /// Slides with a formula wider than its room.
    wide: Vec<Wide>,
    /// For each slide with characters no font has, those characters.
    missing: Vec<(usize, Vec<String>)>,
}

impl Analysis {
    /// Reads the markers and glyphs of `document`, made from sources with
    /// `slides` slides.
    fn of(document: &PagedDocument, slides: usize) -> Self {
        let (pages, mut overflow) = page_map(document, slides);
        // One warning per slide, not one per reveal step.
        overflow.dedup_by_key(|o| o.slide);
        Self {
            overfull: overfull(document, &pages),
            wide: wide(document, &pages),
            missing: missing_glyphs(document, &pages),
            overflow,
            pages,
        }
    }
}

/// Compiles the world and checks the result.
pub fn compile(
    world: &dyn World,
    generated: &Generated,
    theme: &Theme,
    sources: &mut Sources,
) -> Result<Compiled, Vec<Diagnostic>> {
    let typeset = typeset(world, generated, theme, sources)?;
    check(world, typeset, generated, theme, sources)
}

/// Runs Typst on the world; errors are mapped back to the outline.
pub fn typeset(
    world: &dyn World,
    generated: &Generated,
    theme: &Theme,
    sources: &mut Sources,
) -> Result<Typeset, Vec<Diagnostic>> {
    let warned = typst::compile::<PagedDocument>(world);
    match warned.output {
        Ok(document) => Ok(Typeset {
            document,
            warnings: warned.warnings.to_vec(),
            analysis: std::sync::Arc::default(),
        }),
        Err(errors) => Err(errors
            .iter()
            .chain(&warned.warnings)
            .map(|d| map_diagnostic(world, generated, theme, sources, d))
            .collect()),
    }
}

/// lectern's checks of a laid-out deck (slide markers, overflow, continued
/// timelines, missing glyphs), with Typst's warnings mapped back.
pub fn check(
    world: &dyn World,
    typeset: Typeset,
    generated: &Generated,
    theme: &Theme,
    sources: &mut Sources,
) -> Result<Compiled, Vec<Diagnostic>> {
    let mut warnings: Vec<Diagnostic> = typeset
        .warnings
        .iter()
        .map(|d| map_diagnostic(world, generated, theme, sources, d))
        .collect();
    let analysis = typeset
        .analysis
        .get_or_init(|| Analysis::of(&typeset.document, generated.slides.len()));
    let document = typeset.document.clone();
    // A warning about a slide, at its YAML node.
    let at_slide = |slide: usize, message: String, hint: &str| {
        Diagnostic::warning(message)
            .at_opt(generated.slides[slide].span.clone())
            .hint(hint)
    };
    let title = |slide: usize| &generated.slides[slide].title;
    warnings.extend(analysis.overflow.iter().map(|o| {
        at_slide(
            o.slide,
            format!(
                "slide \"{}\" does not fit on its page: it runs about {:.1} cm over, onto {} more page{}",
                title(o.slide),
                cm(o.points),
                o.pages,
                if o.pages == 1 { "" } else { "s" }
            ),
            "shorten the text, split the slide in two, move detail into `notes:`, or remove `fit: none` (it then shrinks and continues with its title)",
        )
    }));
    warnings.extend(analysis.overfull.iter().map(|o| {
        let step = if o.step.1 > 1 {
            format!(" on step {} of {}", o.step.0, o.step.1)
        } else {
            String::new()
        };
        at_slide(
            o.slide,
            format!(
                "slide \"{}\" does not fit{step} even at {} × its size: about {:.1} cm is cut off at the footer",
                title(o.slide),
                o.floor,
                cm(o.over)
            ),
            if o.step.1 > 1 {
                "a slide with steps never continues: split the slide in two, move detail into `notes:`, or lower `fit-floor`"
            } else {
                "split the slide in two, move detail into `notes:`, or lower `fit-floor`"
            },
        )
    }));
    warnings.extend(analysis.wide.iter().map(|w| {
        let (room, hint) = if w.column {
            (
                format!("its column ({:.1} cm wide)", cm(w.room)),
                "give its column more width (`width:`), break it over several lines (a list under `math:`, aligned at `&`), or shorten it",
            )
        } else {
            (
                "the slide".to_string(),
                "break it over several lines (a list under `math:`, aligned at `&`), or shorten it",
            )
        };
        at_slide(
            w.slide,
            format!(
                "a formula on slide \"{}\" is about {:.1} cm wider than {room}, even at 0.6 × its size",
                title(w.slide),
                cm(w.over)
            ),
            hint,
        )
    }));
    warnings.extend(continued(&analysis.pages).into_iter().map(|(slide, parts)| {
        let info = &generated.slides[slide];
        if let Some((first, all)) = info.table_fit {
            return at_slide(
                slide,
                format!(
                    "the table on slide \"{}\" continues over {parts} slides, its header repeated (its first slide holds {first} of its {all} rows)",
                    info.title
                ),
                "show the rows that matter, split the table by topic, or accept the continuation slides",
            );
        }
        let Some((first, all)) = info.timeline_fit else {
            return at_slide(
                slide,
                format!(
                    "slide \"{}\" does not fit on one page even shrunk to its floor: it continues over {parts} pages, its title repeated",
                    info.title
                ),
                "split the slide by topic, move detail into `notes:`, or lower `fit-floor` (0.75 by default)",
            );
        };
        let fit = format!(" (its first slide holds {first} of its {all} events)");
        at_slide(
            slide,
            format!(
                "the timeline on slide \"{}\" needs {parts} slides to keep its labels at the readable size{fit}",
                info.title
            ),
            "show fewer events (`from`/`to` for a period, or a shorter list of milestones), shorten the labels, or accept the continuation slides",
        )
    }));
    warnings.extend(
        generated
            .slides
            .iter()
            .flat_map(|s| s.warnings.iter().cloned()),
    );
    let errors = glyph_errors(&analysis.missing, generated);
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Compiled {
        document,
        pages: analysis.pages.clone(),
        warnings,
    })
}

/// Points as centimetres.
fn cm(points: f64) -> f64 {
    points / 72.0 * 2.54
}

/// Compiles a document lectern made from the deck (a handout, the key, the
/// overview) in an [`Overlay`](crate::world::overlay::Overlay) whose main
/// file it is, sharing the deck World's fonts and caches.
pub fn compile_document(world: &dyn World) -> Result<PagedDocument, Vec<Diagnostic>> {
    let result = typst::compile::<PagedDocument>(world).output;
    result.map_err(|errors| {
        errors
            .iter()
            .map(|e| {
                let path = e
                    .span
                    .id()
                    .map_or_else(String::new, |id| id.vpath().get_with_slash().to_string());
                Diagnostic::error(format!(
                    "internal error in generated {path} ({})",
                    e.message
                ))
                .hint("please report this with the outline")
            })
            .collect()
    })
}

/// Finds characters that no font could render (Typst draws them as glyph 0,
/// silently), slide by slide.
fn missing_glyphs(document: &PagedDocument, pages: &[PageInfo]) -> Vec<(usize, Vec<String>)> {
    let mut missing: Vec<(usize, String)> = Vec::new();
    for (page, p) in document.pages().iter().enumerate() {
        let slide = pages.get(page).map_or(0, |p| p.slide);
        collect_missing(&p.frame, &mut |s| {
            if !missing.contains(&(slide, s.to_string())) {
                missing.push((slide, s.to_string()));
            }
        });
    }
    let mut by_slide: Vec<(usize, Vec<String>)> = Vec::new();
    for (slide, c) in missing {
        match by_slide.iter_mut().find(|(s, _)| *s == slide) {
            Some((_, chars)) => chars.push(c),
            None => by_slide.push((slide, vec![c])),
        }
    }
    by_slide
}

/// The errors for characters no font has, at the slides they appear on.
fn glyph_errors(missing: &[(usize, Vec<String>)], generated: &Generated) -> Vec<Diagnostic> {
    missing
        .iter()
        .map(|(slide, items)| {
            let slide = *slide;
            let info = &generated.slides[slide];
            let emoji = items.iter().any(|s| s.chars().any(is_emoji));
            let list: Vec<String> = items
                .iter()
                .map(|s| match (s.chars().count(), s.chars().next()) {
                    (1, Some(c)) => format!("`{c}` (U+{:04X})", c as u32),
                    _ => format!("`{s}`"),
                })
                .collect();
            let hint = if emoji {
                "an emoji font is needed: `apt-get install fonts-noto-color-emoji` (or your system's colour emoji font), or pass a folder holding one with `--font-path DIR`"
            } else {
                "install a font that covers these characters and pass its folder with `--font-path DIR`, or replace them"
            };
            Diagnostic::error(format!(
                "no font has a glyph for {} on slide \"{}\"",
                list.join(", "),
                info.title
            ))
            .at_opt(info.span.clone())
            .hint(hint)
        })
        .collect()
}

/// Calls `found` for every run of text drawn with the missing glyph: an
/// emoji sequence (joined with U+200D, or with modifiers) as typed, other
/// characters one by one; default-ignorable code points are skipped.
fn collect_missing(frame: &Frame, found: &mut impl FnMut(&str)) {
    for (_, item) in frame.items() {
        match item {
            FrameItem::Group(group) => collect_missing(&group.frame, found),
            FrameItem::Text(text) => {
                // Adjacent missing glyphs form one run of the source text.
                let mut runs: Vec<std::ops::Range<usize>> = Vec::new();
                for glyph in text.glyphs.iter().filter(|g| g.id == 0) {
                    let range = glyph.range();
                    match runs.last_mut() {
                        Some(last) if last.end == range.start => last.end = range.end,
                        _ => runs.push(range),
                    }
                }
                for run in runs {
                    let Some(s) = text.text.get(run) else {
                        continue;
                    };
                    for piece in split_missing(s) {
                        found(&piece);
                    }
                }
            }
            _ => {}
        }
    }
}

/// Splits a run of missing text into what to name: emoji sequences whole,
/// other characters singly, without whitespace or default ignorables.
fn split_missing(s: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut joined = false;
    for c in s.chars().filter(|c| !c.is_whitespace()) {
        if c == '\u{200D}' {
            joined = true;
            continue;
        }
        if is_default_ignorable(c) {
            continue;
        }
        let modifier = matches!(c as u32, 0x1F3FB..=0x1F3FF);
        match out.last_mut() {
            Some(last) if (joined || modifier) && last.chars().any(is_emoji) => {
                if joined {
                    last.push('\u{200D}');
                }
                last.push(c);
            }
            _ => out.push(c.to_string()),
        }
        joined = false;
    }
    out
}

/// Warnings for the findings that made the PDF export drop its default
/// PDF/UA-1 claim, at the raw Typst they come from.
pub fn not_accessible(
    world: &dyn World,
    generated: &Generated,
    theme: &Theme,
    sources: &mut Sources,
    dropped: &[SourceDiagnostic],
) -> Vec<Diagnostic> {
    dropped
        .iter()
        .map(|d| {
            let mut w = map_diagnostic(world, generated, theme, sources, d);
            w.severity = Severity::Warning;
            w.message = format!(
                "the PDF is tagged but does not claim PDF/UA-1: {}",
                w.message
            );
            w.hints.retain(|h| !h.starts_with("lectern generated Typst code"));
            w.hints.push(
                "mend the raw Typst (an image needs `alt:`); `--pdf-standard ua-1` makes this an error"
                    .into(),
            );
            w
        })
        .collect()
}

/// Maps a Typst diagnostic back to the outline or the theme file.
fn map_diagnostic(
    world: &dyn World,
    generated: &Generated,
    theme: &Theme,
    sources: &mut Sources,
    diag: &SourceDiagnostic,
) -> Diagnostic {
    let severity = match diag.severity {
        TypstSeverity::Error => Severity::Error,
        TypstSeverity::Warning => Severity::Warning,
    };
    let mut out = Diagnostic {
        severity,
        ..Diagnostic::error(diag.message.to_string())
    };
    out.hints = diag.hints.iter().map(|h| h.v.to_string()).collect();
    let id = diag.span.id();
    let range = world.range(diag.span);
    let (Some(id), Some(range)) = (id, range) else {
        return out;
    };
    let path = id.vpath().get_with_slash().to_string();
    if let Some(name) = path.strip_prefix(&format!("{THEME_DIR}/")) {
        let text = world
            .source(id)
            .map(|s| s.text().to_owned())
            .unwrap_or_default();
        let display = match &theme.dir {
            Some(dir) => crate::theme::display_path(&dir.join(name)),
            None => format!("<theme {}>/{name}", theme.name),
        };
        let file = sources.add(display, theme.dir.as_ref().map(|d| d.join(name)), text);
        out.span = Some(Span::new(file, range));
        out.hints
            .push("the error is in the theme's Typst code".into());
        return out;
    }
    let slide = path
        .strip_prefix(&format!("{GENERATED_DIR}/slide-"))
        .and_then(|rest| rest.strip_suffix(".typ"))
        .and_then(|n| n.parse::<usize>().ok())
        .and_then(|n| generated.slides.get(n));
    if let Some(info) = slide {
        out.span = info
            .raw
            .as_ref()
            .and_then(|raw| raw.map(range.clone(), &sources.get(raw.yaml.file).text))
            .or_else(|| info.span.clone());
        if info.raw.is_none() || out.span == info.span {
            out.hints.push(format!(
                "lectern generated Typst code that failed on this {} slide; please report it with the outline",
                if info.kind == SlideKind::Content { "content" } else { "generated" }
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::split_missing;

    #[test]
    fn emoji_sequences_are_named_whole_and_joiners_never() {
        assert_eq!(
            split_missing("👩\u{200D}👩\u{200D}👧"),
            vec!["👩\u{200D}👩\u{200D}👧"]
        );
        assert_eq!(split_missing("👍🏽 x"), vec!["👍🏽", "x"]);
        assert_eq!(split_missing("a\u{FE0F}\u{00AD}b"), vec!["a", "b"]);
    }
}
