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
use typst::foundations::{Dict, Label, Selector, Value};
use typst::introspection::{Introspector, MetadataElem};
use typst::layout::{Frame, FrameItem};
use typst::utils::PicoStr;
use typst_layout::PagedDocument;

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

/// A slide whose content ran over its page.
struct Overflow {
    /// The slide id.
    slide: usize,
    /// How many extra pages it spilled onto.
    pages: usize,
    /// Roughly how far it ran over, in points.
    points: f64,
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
    /// Slides `fit: shrink` could not fit, with the points cut off.
    overfull: Vec<(usize, f64)>,
    /// Slides with a formula wider than the slide, by how much.
    wide: Vec<(usize, f64)>,
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
            "shorten the text, split the slide in two, move detail into `notes:`, or add `fit: shrink`",
        )
    }));
    warnings.extend(analysis.overfull.iter().map(|&(slide, over)| {
        at_slide(
            slide,
            format!(
                "slide \"{}\" does not fit even with its text shrunk to 60%: about {:.1} cm is cut off",
                title(slide),
                cm(over)
            ),
            "split the slide in two, or move detail into `notes:`",
        )
    }));
    warnings.extend(analysis.wide.iter().map(|&(slide, over)| {
        at_slide(
            slide,
            format!(
                "a formula on slide \"{}\" is about {:.1} cm wider than the slide",
                title(slide),
                cm(over)
            ),
            "break it over several lines (a list under `math:`, aligned at `&`), or shorten it",
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
        if let Some((first, all)) = info.list_fit {
            return at_slide(
                slide,
                format!(
                    "the list on slide \"{}\" continues over {parts} slides, its title repeated (its first slide holds {first} of its {all} items)",
                    info.title
                ),
                "split the slide by topic, move detail into `notes:`, or write `fit: none` to keep it on one page",
            );
        }
        let fit = info.timeline_fit.map_or_else(String::new, |(first, all)| {
            format!(" (its first slide holds {first} of its {all} events)")
        });
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

/// Slides that continue over several parts (a dense timeline), with the
/// number of parts.
fn continued(pages: &[PageInfo]) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    for page in pages.iter().filter(|p| p.part > 0) {
        match out.last_mut() {
            Some((slide, parts)) if *slide == page.slide => *parts = (*parts).max(page.part + 1),
            _ => out.push((page.slide, page.part + 1)),
        }
    }
    out
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

/// Reads the slide markers: where every page belongs, and the pages whose
/// content ran over onto extra pages (with how many).
fn page_map(document: &PagedDocument, slides: usize) -> (Vec<PageInfo>, Vec<Overflow>) {
    // Each marker: where it belongs, its page, and its height on the page.
    let markers = |name: &str| -> Vec<(PageInfo, usize, f64)> {
        query_markers(document, name)
            .into_iter()
            .filter_map(|m| {
                let field = |key: &str| match m.dict.get(key) {
                    Ok(Value::Int(i)) => usize::try_from(*i).ok(),
                    _ => None,
                };
                let info = PageInfo {
                    slide: field("id")?,
                    part: field("part")?,
                    step: field("step")?,
                    steps: field("steps")?,
                    keep: matches!(m.dict.get("keep"), Ok(Value::Bool(true))),
                };
                Some((info, m.page, m.y))
            })
            .filter(|(info, _, _)| info.slide < slides)
            .collect()
    };
    let starts = markers("lectern-slide");
    let ends = markers("lectern-end");
    let mut pages = vec![PageInfo::default(); document.pages().len()];
    let mut current = PageInfo::default();
    for (page, slot) in pages.iter_mut().enumerate() {
        if let Some((info, _, _)) = starts.iter().find(|(_, p, _)| *p == page) {
            current = *info;
        }
        *slot = current;
    }
    // Each page call has one start and one end marker, in document order.
    // The overflow is measured from the top of the content (where the start
    // marker sits) to the end marker on the last page it reached.
    let page_height = document
        .pages()
        .first()
        .map_or(0.0, |p| p.frame.height().to_pt());
    let overflow = starts
        .iter()
        .zip(&ends)
        .filter(|((_, start, _), (_, end, _))| end > start)
        .map(|((info, start, top), (_, end, bottom))| {
            let full_pages = (end - start - 1) as f64;
            let over = full_pages * (page_height - top) + (bottom - top).max(0.0);
            Overflow {
                slide: info.slide,
                pages: end - start,
                points: over,
            }
        })
        .collect();
    (pages, overflow)
}

/// Slides that `fit: shrink` could not fit, with how many points were cut off.
fn overfull(document: &PagedDocument, pages: &[PageInfo]) -> Vec<(usize, f64)> {
    over(document, pages, "lectern-overfull")
}

/// The slides holding a formula wider than the slide, with how much wider
/// (points): `lectern-math` leaves a `<lectern-wide>` marker.
fn wide(document: &PagedDocument, pages: &[PageInfo]) -> Vec<(usize, f64)> {
    let mut found = over(document, pages, "lectern-wide");
    found.dedup_by_key(|(slide, _)| *slide);
    found
}

/// The `over` values of the markers labelled `name`, with their slides.
fn over(document: &PagedDocument, pages: &[PageInfo], name: &str) -> Vec<(usize, f64)> {
    query_markers(document, name)
        .into_iter()
        .filter_map(|m| match m.dict.get("over") {
            Ok(Value::Float(over)) => Some((pages.get(m.page)?.slide, *over)),
            _ => None,
        })
        .collect()
}

/// A `#metadata(dictionary) <label>` marker found in the laid-out document.
struct Marker {
    /// The marker's dictionary.
    dict: Dict,
    /// The page it landed on, from 0.
    page: usize,
    /// Its distance from the top of the page, in points.
    y: f64,
}

/// Every metadata value with the given label, in document order, with the
/// page it landed on (from 0) and its distance from the top of that page.
fn labelled(document: &PagedDocument, name: &str) -> Vec<(Value, usize, f64)> {
    let introspector = document.introspector();
    let Some(label) = Label::new(PicoStr::intern(name)) else {
        return Vec::new();
    };
    introspector
        .query(&Selector::Label(label))
        .iter()
        .filter_map(|content| {
            let meta = content.to_packed::<MetadataElem>()?;
            let location = content.location()?;
            let page = introspector.page(location)?.get() - 1;
            let y = introspector
                .position(location)
                .map_or(0.0, |p| p.point.y.to_pt());
            Some((meta.value.clone(), page, y))
        })
        .collect()
}

/// Finds every dictionary marker with the given label, in document order.
fn query_markers(document: &PagedDocument, name: &str) -> Vec<Marker> {
    labelled(document, name)
        .into_iter()
        .filter_map(|(value, page, y)| match value {
            Value::Dict(dict) => Some(Marker { dict, page, y }),
            _ => None,
        })
        .collect()
}

/// One key term of the deck (`{{term}}`), where the reader meets it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gap {
    /// The slide id.
    pub slide: usize,
    /// The page label of its slide.
    pub label: String,
    /// Its number on the slide, from 1.
    pub number: usize,
    /// The term.
    pub term: String,
}

/// The key terms of a compiled deck, slide by slide, from each slide's final
/// reveal step (as the handouts show it).
pub fn gaps(document: &PagedDocument, pages: &[PageInfo]) -> Vec<Gap> {
    let mut out: Vec<Gap> = Vec::new();
    let mut last_page = None;
    for (value, page, _) in labelled(document, "lectern-gap") {
        let Value::Str(term) = value else { continue };
        if !pages.get(page).is_some_and(PageInfo::in_handout) {
            continue;
        }
        // Numbered per page, as the blanks print their numbers.
        let number = match (last_page, out.last()) {
            (Some(p), Some(prev)) if p == page => prev.number + 1,
            _ => 1,
        };
        last_page = Some(page);
        out.push(Gap {
            slide: pages[page].slide,
            label: document.pages()[page].number.to_string(),
            number,
            term: term.to_string(),
        });
    }
    out
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
