//! A whole course in one build: `course.yaml` names the lectures (each an
//! outline), and `lectern build course.yaml` builds them all, in parallel,
//! then writes the course index (`course.pdf`, and with `--html` the course
//! site).
//!
//! This module reads and checks `course.yaml`; [`build`] builds it. Every
//! problem with a lecture's entry is an error at its line in `course.yaml`,
//! and the other lectures still build.

pub mod build;
mod run;

pub use self::run::{IndexEvent, Opened, open, text_of, watch};

use std::path::{Path, PathBuf};

use marked_yaml::Node;

use crate::diagnostics::{Diagnostic, FileRef, Span};
use crate::outline::parse::Parser;
use crate::outline::{Spanned, Text};
use crate::world::sandbox::join_inside;

/// The keys of `course.yaml`.
pub const COURSE_KEYS: &[&str] = &["title", "term", "theme", "lang", "lectures"];

/// The keys of a lecture given as a mapping.
pub const LECTURE_KEYS: &[&str] = &["path", "date"];

/// A course: its metadata and the lectures that passed their checks.
#[derive(Debug, Clone)]
pub struct Course {
    /// The folder holding `course.yaml`: every lecture lies inside it.
    pub root: PathBuf,
    /// The course's title, where it is written in course.yaml.
    pub title: Text,
    /// The term, e.g. "2026 秋".
    pub term: Option<Text>,
    /// The theme of every lecture that names none.
    pub theme: Option<String>,
    /// The language of the index (`zh`, `en`, ...): its language, region and
    /// whether Chinese is Traditional, as an outline's `lang:` is read.
    pub lang: (Text, Option<Spanned<String>>, bool),
    /// course.yaml's name in messages and its text: the index deck's spans
    /// point into it.
    pub source: (String, String),
    /// The lectures, in order, each with its number (from 1, as listed).
    pub lectures: Vec<Lecture>,
}

impl Course {
    /// The build options of one lecture: `template`'s, for its outline,
    /// its PDF beside it (or under `out_dir`), files read from anywhere in
    /// the course folder, and the course's theme when it names none.
    pub fn lecture_options(
        &self,
        lecture: &Lecture,
        template: &crate::pipeline::BuildOptions,
        out_dir: Option<&Path>,
    ) -> crate::pipeline::BuildOptions {
        crate::pipeline::BuildOptions {
            outline: self.outline_of(lecture),
            output: out_dir.map(|d| d.join(&lecture.path.value).with_extension("pdf")),
            root: Some(self.root.clone()),
            default_theme: self.theme_spec(),
            ..template.clone()
        }
    }

    /// Where a lecture's outline is.
    pub fn outline_of(&self, lecture: &Lecture) -> PathBuf {
        self.root.join(&lecture.path.value)
    }

    /// The lecture numbered `number` (from 1, as listed).
    pub fn lecture(&self, number: usize) -> Option<&Lecture> {
        self.lectures.iter().find(|l| l.number == number)
    }

    /// The course's theme as a build takes it: a built-in name, or a theme
    /// folder named from the course folder.
    pub fn theme_spec(&self) -> Option<String> {
        self.theme.as_ref().map(|t| {
            let dir = self.root.join(t);
            if dir.is_dir() {
                dir.to_string_lossy().into_owned()
            } else {
                t.clone()
            }
        })
    }
}

/// One lecture of a course.
#[derive(Debug, Clone)]
pub struct Lecture {
    /// Its number in the course, from 1, as listed.
    pub number: usize,
    /// The outline, relative to the course folder, where it is listed.
    pub path: Spanned<PathBuf>,
    /// The date shown in the index, as written.
    pub date: Option<String>,
}

/// The JSON Schema of `course.yaml`, for editors
/// (`lectern schema --course`).
pub fn schema() -> String {
    let described = [
        ("title", "The course's title, on the index's title page."),
        ("term", "The term, e.g. \"2026 秋\"."),
        (
            "theme",
            "A built-in theme or a theme folder (from the course folder) for every lecture that names none.",
        ),
        ("lang", "The index's language: zh or en."),
        (
            "lectures",
            "The lectures' outlines, from the course folder, in order.",
        ),
    ];
    debug_assert!(
        described
            .iter()
            .map(|(k, _)| *k)
            .eq(COURSE_KEYS.iter().copied())
    );
    let mut properties = serde_json::Map::new();
    for (key, description) in described {
        let value = if key == "lectures" {
            serde_json::json!({
                "description": description,
                "type": "array",
                "minItems": 1,
                "items": {
                    "oneOf": [
                        { "type": "string", "description": "The outline's path." },
                        {
                            "type": "object",
                            "required": ["path"],
                            "additionalProperties": false,
                            "properties": {
                                "path": { "type": "string", "description": "The outline's path." },
                                "date": { "type": "string", "description": "The date shown in the index." }
                            }
                        }
                    ]
                }
            })
        } else {
            serde_json::json!({ "type": "string", "description": description })
        };
        properties.insert(key.to_string(), value);
    }
    let schema = serde_json::json!({
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": "lectern course",
        "type": "object",
        "required": ["lectures"],
        "additionalProperties": false,
        "properties": properties,
    });
    serde_json::to_string_pretty(&schema).unwrap_or_default()
}

/// Whether a YAML text is a course rather than an outline: it has
/// `lectures:` at the top.
pub fn is_course(text: &str) -> bool {
    text.lines().any(|l| l.starts_with("lectures:"))
}

/// Checks the course's `theme:` as an outline's is checked: a built-in
/// name, or a folder inside the course folder (else an error, and `false`).
fn check_theme(p: &mut Parser<'_>, theme: &crate::outline::Text, root: &Path) -> bool {
    if crate::theme::BUILTIN.iter().any(|(n, _)| *n == theme.value) {
        return true;
    }
    let dir = root.join(&theme.value);
    let inside = match (dir.canonicalize(), root.canonicalize()) {
        (Ok(dir), Ok(root)) => dir.starts_with(root),
        _ => true, // a missing folder is reported when the theme loads
    };
    if !inside {
        p.error(
            Diagnostic::error(format!(
                "theme folder `{}` is outside the course folder",
                theme.value
            ))
            .at(theme.span.clone())
            .hint("a course may only name a theme folder inside its own folder; move the theme there, or choose it yourself with --theme"),
        );
    }
    inside
}

/// Reads `course.yaml` (already in `file`), checking every lecture's entry:
/// the lectures that pass, and every problem found. Problems with one
/// lecture leave the others in.
pub fn parse(
    file: FileRef,
    name: &str,
    text: &str,
    root: &Path,
) -> (Option<Course>, Vec<Diagnostic>) {
    let mut p = Parser::new(file, text);
    let start = Span::new(file, 0..0);
    let node = match p.load() {
        Ok(node) => node,
        Err(d) => return (None, vec![d]),
    };
    let Some(map) = node.as_mapping() else {
        let d = Diagnostic::error("course.yaml must be a mapping")
            .at(Span::new(file, 0..0))
            .hint("start with `title: ...` and list the outlines under `lectures:`");
        return (None, vec![d]);
    };
    p.check_keys(map, &[COURSE_KEYS], "the course");
    let title = p.text(map, "title").inspect(|t| p.check_markup(t));
    let term = p.text(map, "term").inspect(|t| p.check_markup(t));
    // A theme refused here is never loaded (the lectures build without it,
    // and the course fails).
    let theme = p
        .text(map, "theme")
        .filter(|t| check_theme(&mut p, t, root))
        .map(|t| t.value);
    // Checked here, at its line, as an outline's is: the index deck is
    // built only after every lecture.
    let lang = p
        .text(map, "lang")
        .unwrap_or_else(|| Spanned::new("en".into(), start.clone()));
    let lang = p.language(lang);
    let mut lectures: Vec<Lecture> = Vec::new();
    let seq = p.sequence(map, "lectures");
    match seq {
        Some(seq) if !seq.is_empty() => {
            for (i, item) in seq.iter().enumerate() {
                if let Some(lecture) = lecture(&mut p, item, i + 1, root) {
                    lectures.push(lecture);
                }
            }
        }
        Some(seq) => p.error(
            Diagnostic::error("`lectures:` is empty")
                .at(p.node_span(&Node::Sequence(seq.clone())))
                .hint("list each lecture's outline, e.g. `- 07-containers/lecture.yaml`"),
        ),
        None if map.get_node("lectures").is_none() => p.error(
            Diagnostic::error("the course has no `lectures:`")
                .at(Span::new(file, 0..0))
                .hint("list each lecture's outline under `lectures:`"),
        ),
        None => {}
    }
    let lectures = without_clashes(&mut p, lectures);
    // Unknown keys are errors here: a misspelt `lectures` would build nothing.
    let diags: Vec<Diagnostic> = p
        .take_diagnostics()
        .into_iter()
        .map(|mut d| {
            d.severity = crate::diagnostics::Severity::Error;
            d
        })
        .collect();
    let course = Course {
        root: root.to_path_buf(),
        title: title.unwrap_or_else(|| Spanned::new("Course".into(), start)),
        term,
        theme,
        lang,
        source: (name.to_string(), text.to_string()),
        lectures,
    };
    (Some(course), diags)
}

/// Reads one entry of `lectures:` (a path, or `{ path, date }`) and checks
/// its file: inside the course folder, and there.
fn lecture(p: &mut Parser<'_>, item: &Node, number: usize, root: &Path) -> Option<Lecture> {
    let (path, date) = match item {
        Node::Scalar(s) => (Spanned::new(s.as_str().to_owned(), p.scalar_span(s)), None),
        Node::Mapping(m) => {
            p.check_keys(m, &[LECTURE_KEYS], "a lecture");
            let path = p.required_text(m, "path", "this lecture")?;
            (path, p.text(m, "date").map(|d| d.value))
        }
        Node::Sequence(_) => {
            let span = p.node_span(item);
            p.error(
                Diagnostic::error("a lecture is a path or a mapping, not a list")
                    .at(span)
                    .hint("write `- 07-containers/lecture.yaml`"),
            );
            return None;
        }
    };
    let rel = PathBuf::from(&path.value);
    // By name, and on disk: a lecture folder that is a link leading out of
    // the course would read its relative files from the wrong place.
    let on_disk = match (root.join(&rel).canonicalize(), root.canonicalize()) {
        (Ok(real), Ok(root)) => real.starts_with(root),
        _ => true, // a missing file is reported below
    };
    let inside = join_inside(Path::new(""), &rel).is_some() && on_disk;
    if !inside {
        p.error(
            Diagnostic::error(format!(
                "`{}` lies outside the course folder",
                path.value
            ))
            .at(path.span.clone())
            .hint("move the lecture into the folder that holds course.yaml (not a link to one elsewhere), and name it from there"),
        );
        return None;
    }
    if !root.join(&rel).is_file() {
        p.error(
            Diagnostic::error(format!("lecture `{}` not found", path.value))
                .at(path.span.clone())
                .hint("give the outline's path from the folder that holds course.yaml"),
        );
        return None;
    }
    Some(Lecture {
        number,
        path: Spanned::new(rel, path.span),
        date,
    })
}

/// Drops a lecture listed twice, or one that would write the same PDF as
/// an earlier one, with an error at the later entry.
fn without_clashes(p: &mut Parser<'_>, lectures: Vec<Lecture>) -> Vec<Lecture> {
    let mut kept: Vec<Lecture> = Vec::new();
    for lecture in lectures {
        // Entries were checked to stay inside the course folder.
        let normal = |path: &Path| join_inside(Path::new(""), path);
        let same = |other: &Lecture| normal(&other.path.value) == normal(&lecture.path.value);
        let same_pdf = |other: &Lecture| {
            normal(&other.path.value.with_extension("pdf"))
                == normal(&lecture.path.value.with_extension("pdf"))
        };
        if let Some(first) = kept.iter().find(|o| same(o)) {
            p.error(
                Diagnostic::error(format!(
                    "lecture `{}` is listed twice (first as lecture {})",
                    lecture.path.value.display(),
                    first.number
                ))
                .at(lecture.path.span.clone())
                .hint("remove this entry"),
            );
        } else if let Some(first) = kept.iter().find(|o| same_pdf(o)) {
            p.error(
                Diagnostic::error(format!(
                    "lectures {} and {} would both write `{}`",
                    first.number,
                    lecture.number,
                    lecture.path.value.with_extension("pdf").display()
                ))
                .at(lecture.path.span.clone())
                .hint("rename one of the two outlines"),
            );
        } else {
            kept.push(lecture);
        }
    }
    kept
}
