//! Building a course: every lecture in parallel (fonts loaded once), each
//! deck written beside its outline or under `--out-dir`, then the course
//! index: `course.pdf` (a lectern deck of its own, one linked row per
//! lecture) and, with `--html`, the course site.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use super::{Course, Lecture};
use crate::diagnostics::{Sources, Span};
use crate::outline::{Block, FitKeys, Meta, Options, Outline, Placed, Slide, Spanned, Table};
use crate::pipeline::{BuildOptions, Kind, Outcome, Prepared, Session};
use crate::world::fonts::FontSet;

/// One lecture's build.
#[derive(Clone)]
pub struct Built {
    /// The lecture.
    pub lecture: Lecture,
    /// Its title, from its outline (its path when it cannot be read).
    pub title: String,
    /// Minutes planned: its `slot`, or its sections' `minutes` summed.
    pub minutes: Option<u32>,
    /// The build's diagnostics and result.
    pub outcome: Outcome,
}

impl Built {
    /// A lecture's build, its title and minutes taken from `outcome` (or
    /// from its outline at `outline`, when the build failed).
    fn new(lecture: &Lecture, outline: &Path, outcome: Outcome) -> Self {
        let (title, minutes) = about(outline, &outcome);
        Self {
            lecture: lecture.clone(),
            title: title.unwrap_or_else(|| lecture.path.value.display().to_string()),
            minutes,
            outcome,
        }
    }
}

/// The course index kept up to date while the lectures are watched: each
/// lecture's last good build, and the index outline last written.
pub struct LiveIndex<'a> {
    /// The course.
    course: &'a Course,
    /// The build options the lectures share.
    template: &'a BuildOptions,
    /// Where `course.pdf` goes.
    dir: PathBuf,
    /// Each lecture's last build (its last good one, once it has one).
    lectures: Vec<Option<Built>>,
    /// The index outline last written.
    shown: Option<Outline>,
}

impl<'a> LiveIndex<'a> {
    /// An index into `dir` for `course`, nothing built yet.
    pub fn new(course: &'a Course, template: &'a BuildOptions, dir: PathBuf) -> Self {
        Self {
            course,
            template,
            dir,
            lectures: course.lectures.iter().map(|_| None).collect(),
            shown: None,
        }
    }

    /// Records a build of lecture `index` (from 0): once every lecture has
    /// built once, writes the index again when what it shows changed (a
    /// title, a slide count, the minutes) or when the lectures write HTML
    /// (the course site copies each deck). Returns the files written.
    pub fn record(&mut self, index: usize, outcome: &Outcome) -> Result<Vec<PathBuf>, String> {
        let (Some(lecture), Some(slot)) = (
            self.course.lectures.get(index),
            self.lectures.get_mut(index),
        ) else {
            return Ok(Vec::new());
        };
        let good = outcome.result.is_ok();
        if good || slot.is_none() {
            // What the index reads: the result, not the diagnostics.
            let kept = Outcome {
                sources: Sources::default(),
                diagnostics: Vec::new(),
                result: outcome.result.clone(),
                stats: Default::default(),
            };
            *slot = Some(Built::new(lecture, &self.course.outline_of(lecture), kept));
        }
        let built: Option<Vec<Built>> = self.lectures.iter().cloned().collect();
        let Some(built) = built else {
            return Ok(Vec::new());
        };
        let outline = index_outline(self.course, &built, &self.dir);
        let html = built.iter().any(|b| html_of(b).is_some());
        if !html && self.shown.as_ref() == Some(&outline) {
            return Ok(Vec::new());
        }
        let written = write_index(self.course, &built, &self.dir, self.template)?;
        self.shown = Some(outline);
        Ok(written)
    }
}

/// Builds every lecture of `course` with the options of `template` (its
/// outline and output are replaced), in parallel.
pub fn lectures(course: &Course, template: &BuildOptions, out_dir: Option<&Path>) -> Vec<Built> {
    let fonts = Arc::new(FontSet::new(&template.font_paths));
    course
        .lectures
        .par_iter()
        .map(|lecture| {
            let options = course.lecture_options(lecture, template, out_dir);
            if let Some(parent) = options.output.as_ref().and_then(|o| o.parent()) {
                // A folder that cannot be made fails the write, reported there.
                let _ = std::fs::create_dir_all(parent);
            }
            let outline = options.outline.clone();
            let mut session = Session::new(options);
            session.share_fonts(fonts.clone());
            Built::new(lecture, &outline, session.build_and_write())
        })
        .collect()
}

/// A lecture's title and planned minutes, from its build; a lecture that
/// failed is read again for its title, if its outline can be parsed.
fn about(outline: &Path, outcome: &Outcome) -> (Option<String>, Option<u32>) {
    if let Ok(built) = &outcome.result {
        return (Some(built.title.clone()), built.timing.planned());
    }
    let title =
        crate::world::sandbox::read_text_capped(outline, crate::world::sandbox::MAX_FILE_BYTES)
            .and_then(|text| {
                let mut sources = Sources::default();
                let file = sources.add("lecture", None, text);
                crate::outline::parse(file, sources.get(file))
                    .ok()
                    .map(|(o, _)| o.meta.title.value)
            });
    (title, None)
}

/// The course index as a lectern outline, made from the model (never
/// written out as YAML): a title slide, then a table of the lectures that
/// built, each title linked to its PDF (relative to `index_dir`, where
/// `course.pdf` goes). Its spans point into course.yaml: the title and
/// language where they are written, each row at its lecture's entry.
pub fn index_outline(course: &Course, built: &[Built], index_dir: &Path) -> Outline {
    let (lang, region, traditional) = course.lang.clone();
    let at = course.title.span.clone();
    let text = |s: &str, span: &Span| Spanned::new(s.to_string(), span.clone());
    let (heading, header): (&str, [&str; 5]) = if lang.value == "zh" {
        ("课程各讲", ["讲", "标题", "日期", "幻灯片", "计划分钟"])
    } else {
        ("Lectures", ["No.", "Title", "Date", "Slides", "Minutes"])
    };
    let rows = built
        .iter()
        .filter_map(|b| {
            let deck = b.outcome.result.as_ref().ok()?;
            let span = &b.lecture.path.span;
            let link = relative(&deck.pdf, index_dir);
            // Square brackets would end the link's text early.
            let title = b.title.replace('[', "［").replace(']', "］");
            let cells = [
                b.lecture.number.to_string(),
                format!("[{title}]({})", link_target(&link)),
                b.lecture.date.clone().unwrap_or_default(),
                deck.slides.to_string(),
                b.minutes.map_or_else(String::new, |m| m.to_string()),
            ];
            Some(Spanned::new(
                cells.iter().map(|c| text(c, span)).collect(),
                span.clone(),
            ))
        })
        .collect();
    let table = Table {
        header: header.iter().map(|h| text(h, &at)).collect(),
        rows,
        align: Vec::new(),
        csv: None,
        reveal_rows: false,
        caption: None,
        source: None,
        span: at.clone(),
    };
    let slide = Slide {
        title: Some(text(heading, &at)),
        body: vec![Placed {
            block: Block::Table(Box::new(table)),
            opts: Options::default(),
            span: at.clone(),
        }],
        valign: None,
        notes: None,
        reveal: None,
        fit: FitKeys::default(),
        minutes: None,
        pause: None,
        span: at,
    };
    let mut meta = Meta::new(course.title.clone(), lang);
    meta.region = region;
    meta.traditional = traditional;
    meta.subtitle = course.term.clone();
    // No sections: no agenda and no divider, only the table after the
    // title slide.
    Outline {
        meta,
        opening: Vec::new(),
        sections: Vec::new(),
        closing: vec![slide],
    }
}

/// A relative path as a link target: the characters that would end the
/// link or be read as an escape are percent-encoded.
fn link_target(path: &str) -> String {
    path.replace('%', "%25")
        .replace(' ', "%20")
        .replace('(', "%28")
        .replace(')', "%29")
}

/// `path` relative to `dir` when inside it (a link from the index).
fn relative(path: &Path, dir: &Path) -> String {
    let canon = |p: &Path| p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
    let (path, dir) = (canon(path), canon(dir));
    path.strip_prefix(&dir)
        .unwrap_or(&path)
        .to_string_lossy()
        .replace('\\', "/")
}

/// The course site's index page: one link per lecture's HTML deck (copied
/// beside it), self-contained like the decks.
pub fn site_index(course: &Course, decks: &[(usize, String, PathBuf)]) -> String {
    let esc = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
    };
    let mut items = String::new();
    for (number, title, file) in decks {
        let name = file
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        items += &format!(
            "<li><a href=\"{}\">{number}. {}</a></li>\n",
            esc(&name),
            esc(title)
        );
    }
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{title}</title>\n<style>body{{font-family:sans-serif;max-width:40em;margin:2em auto;padding:0 1em;line-height:1.6}}a{{text-decoration:none}}</style>\n</head>\n<body>\n<h1>{title}</h1>\n{term}<ol>\n{items}</ol>\n</body>\n</html>\n",
        lang = esc(&course.lang.0.value),
        title = esc(&course.title.value),
        term = course
            .term
            .as_ref()
            .map_or_else(String::new, |t| format!("<p>{}</p>\n", esc(&t.value))),
    )
}

/// The HTML deck a lecture's build wrote, if any.
pub fn html_of(built: &Built) -> Option<&Path> {
    let deck = built.outcome.result.as_ref().ok()?;
    deck.extra
        .iter()
        .find(|(kind, _)| *kind == Kind::Html)
        .map(|(_, p)| p.as_path())
}

/// Writes the course index into `dir`: `course.pdf` (a deck built from
/// [`index_outline`]) and, when the lectures wrote HTML decks, the course
/// site (`course-site/index.html` and a copy of each deck). Returns the
/// files written, or what went wrong.
pub fn write_index(
    course: &Course,
    built: &[Built],
    dir: &Path,
    template: &BuildOptions,
) -> Result<Vec<PathBuf>, String> {
    let mut written = Vec::new();
    if built.iter().all(|b| b.outcome.result.is_err()) {
        return Err("no lecture built, so there is no course index to write".into());
    }
    let pdf = dir.join("course.pdf");
    let (name, text) = course.source.clone();
    let prepared = Prepared {
        outline: index_outline(course, built, dir),
        name,
        text,
    };
    let mut session = Session::new(BuildOptions {
        outline: course.root.join("course.yaml"),
        output: Some(pdf.clone()),
        theme: template.theme.clone(),
        default_theme: course.theme_spec(),
        font_paths: template.font_paths.clone(),
        prepared: Some(Arc::new(prepared)),
        ..BuildOptions::default()
    });
    let outcome = session.build_and_write();
    if outcome.result.is_err() {
        let messages: Vec<String> = outcome
            .diagnostics
            .iter()
            .map(|d| d.message.clone())
            .collect();
        return Err(format!(
            "the course index did not build: {}",
            messages.join("; ")
        ));
    }
    written.push(pdf);
    let decks: Vec<(usize, String, PathBuf)> = built
        .iter()
        .filter_map(|b| Some((b.lecture.number, b.title.clone(), html_of(b)?.to_path_buf())))
        .collect();
    if !decks.is_empty() {
        let site = dir.join("course-site");
        std::fs::create_dir_all(&site).map_err(|e| e.to_string())?;
        let mut copies = Vec::new();
        for (number, title, html) in &decks {
            let stem = html
                .file_stem()
                .map_or_else(|| "lecture".into(), |s| s.to_string_lossy().into_owned());
            let copy = site.join(format!("{number:02}-{stem}.html"));
            std::fs::copy(html, &copy).map_err(|e| format!("{}: {e}", copy.display()))?;
            copies.push((*number, title.clone(), copy));
        }
        let index = site.join("index.html");
        crate::export::write_atomic(&index, site_index(course, &copies).as_bytes())
            .map_err(|e| format!("{}: {e}", index.display()))?;
        written.push(index);
        written.extend(copies.into_iter().map(|(_, _, p)| p));
    }
    Ok(written)
}
