//! Diagnostics: one type for every error and warning, rendered only at the CLI edge.
//!
//! Library code returns [`Diagnostic`] values and never prints. A diagnostic
//! points into a [`SourceFile`] known to a [`Sources`] table (the outline, a
//! theme file, a CSV file), so that the renderer can show `file:line:column`
//! with the offending line and a caret.

use std::fmt::Write as _;
use std::ops::Range;
use std::path::PathBuf;

use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label, Severity as CsSeverity};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::{self, termcolor};

/// Identifies a file in a [`Sources`] table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FileRef(pub usize);

/// A byte range in one source file.
///
/// Its hash leaves out the range: where text sits is not what it says. So
/// every memoised stage keyed on outline values (a slide's unit, say) is
/// keyed on content, and inserting a character in slide 10 leaves the keys
/// of slides 11 and on unchanged. (Equal spans still hash equally, as `Hash`
/// requires.) Memoised stages therefore must not return spans; diagnostics
/// are made outside them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    /// The file the range lies in.
    pub file: FileRef,
    /// Byte offsets into the file's text.
    pub range: Range<usize>,
}

impl std::hash::Hash for Span {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.file.hash(state);
    }
}

impl Span {
    /// Creates a span over `range` in `file`.
    pub fn new(file: FileRef, range: Range<usize>) -> Self {
        Self { file, range }
    }
}

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Severity {
    /// The build cannot produce output.
    Error,
    /// The build succeeds, but something deserves attention.
    Warning,
    /// What lectern chose for the author (a colour mapped to the palette,
    /// a direction turned, front matter ignored): never denied.
    Note,
}

/// An error or warning with an optional location, labels and hints.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Diagnostic {
    /// Whether this is an error or a warning.
    pub severity: Severity,
    /// What went wrong, lower-case and without a full stop.
    pub message: String,
    /// Where it went wrong, if anywhere in particular.
    pub span: Option<Span>,
    /// Secondary locations with a note each.
    pub labels: Vec<(Span, String)>,
    /// What to do about it.
    pub hints: Vec<String>,
}

impl Diagnostic {
    /// Creates an error with a message and no location.
    pub fn error(message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Error,
            message: message.into(),
            span: None,
            labels: Vec::new(),
            hints: Vec::new(),
        }
    }

    /// Creates a warning with a message and no location.
    pub fn warning(message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Warning,
            ..Self::error(message)
        }
    }

    /// Creates a note: what lectern chose for the author.
    pub fn note(message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Note,
            ..Self::error(message)
        }
    }

    /// Attaches a primary location.
    pub fn at(mut self, span: Span) -> Self {
        self.span = Some(span);
        self
    }

    /// Attaches a location only if there is one.
    pub fn at_opt(mut self, span: Option<Span>) -> Self {
        self.span = span;
        self
    }

    /// Adds a hint saying what to do.
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hints.push(hint.into());
        self
    }

    /// Adds a secondary location with a note.
    pub fn label(mut self, span: Span, note: impl Into<String>) -> Self {
        self.labels.push((span, note.into()));
        self
    }

    /// Whether this diagnostic is an error.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Whether this diagnostic is a warning (what `--deny-warnings`
    /// denies; notes are not).
    pub fn is_warning(&self) -> bool {
        self.severity == Severity::Warning
    }
}

/// The result of a stage that can fail with several diagnostics at once.
pub type DiagResult<T> = Result<T, Vec<Diagnostic>>;

/// A file that diagnostics can point into.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SourceFile {
    /// The name shown to the user (a path relative to the working directory).
    pub name: String,
    /// The path on disk, if the file came from disk.
    pub path: Option<PathBuf>,
    /// The file's full text.
    pub text: String,
}

impl SourceFile {
    /// Returns the 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(&self.text, offset.min(self.text.len()));
        let before = &self.text[..offset];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        (line, before[line_start..].chars().count() + 1)
    }
}

/// Rounds a byte offset down to the nearest character boundary.
fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// The table of files that diagnostics point into.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Sources {
    /// The files, indexed by [`FileRef`].
    files: Vec<SourceFile>,
}

impl Sources {
    /// Adds a file and returns its reference.
    ///
    /// A byte-order mark (as some Windows editors write) is dropped: it is
    /// not part of the text.
    pub fn add(&mut self, name: impl Into<String>, path: Option<PathBuf>, text: String) -> FileRef {
        let text = match text.strip_prefix('\u{feff}') {
            Some(rest) => rest.to_string(),
            None => text,
        };
        self.files.push(SourceFile {
            name: name.into(),
            path,
            text,
        });
        FileRef(self.files.len() - 1)
    }

    /// Returns a file by reference.
    pub fn get(&self, file: FileRef) -> &SourceFile {
        &self.files[file.0]
    }

    /// The text of every file.
    pub fn texts(&self) -> impl Iterator<Item = &str> {
        self.files.iter().map(|f| f.text.as_str())
    }
}

/// How diagnostics are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// A snippet with a caret, like rustc and Typst.
    #[default]
    Human,
    /// One JSON object per line, for editors and CI.
    Json,
}

/// Renders diagnostics for humans (with snippets) to a string.
pub fn render_human(sources: &Sources, diags: &[Diagnostic], color: bool) -> String {
    let mut files = SimpleFiles::new();
    for f in &sources.files {
        files.add(f.name.clone(), f.text.clone());
    }
    let mut out = if color {
        termcolor::Buffer::ansi()
    } else {
        termcolor::Buffer::no_color()
    };
    let config = term::Config::default();
    let mut fallback = String::new();
    for diag in diags {
        let severity = match diag.severity {
            Severity::Error => CsSeverity::Error,
            Severity::Warning => CsSeverity::Warning,
            Severity::Note => CsSeverity::Note,
        };
        let mut labels = Vec::new();
        if let Some(span) = &diag.span {
            labels.push(Label::primary(span.file.0, clamp(sources, span)));
        }
        for (span, note) in &diag.labels {
            labels.push(Label::secondary(span.file.0, clamp(sources, span)).with_message(note));
        }
        let cs = CsDiagnostic::new(severity)
            .with_message(&diag.message)
            .with_labels(labels)
            .with_notes(diag.hints.iter().map(|h| format!("hint: {h}")).collect());
        // Writing into memory only fails on a bad span, which `clamp` rules
        // out; keep the message rather than lose it.
        if term::emit_to_write_style(&mut out, &config, &files, &cs).is_err() {
            fallback.push_str(&format!("error: {}\n", diag.message));
        }
    }
    String::from_utf8_lossy(out.as_slice()).into_owned() + &fallback
}

/// Clamps a span to its file so rendering never fails.
fn clamp(sources: &Sources, span: &Span) -> Range<usize> {
    let text = &sources.get(span.file).text;
    let start = floor_char_boundary(text, span.range.start.min(text.len()));
    let end = floor_char_boundary(text, span.range.end.clamp(start, text.len()));
    start..end
}

/// Renders diagnostics as JSON lines.
pub fn render_json(sources: &Sources, diags: &[Diagnostic]) -> String {
    let mut out = String::new();
    for diag in diags {
        let locate = |span: &Span| {
            let file = sources.get(span.file);
            let (line, column) = file.line_col(span.range.start);
            serde_json::json!({ "file": file.name, "line": line, "column": column,
                                "start": span.range.start, "end": span.range.end })
        };
        let labels: Vec<serde_json::Value> = diag
            .labels
            .iter()
            .map(|(span, note)| serde_json::json!({ "location": locate(span), "message": note }))
            .collect();
        let value = serde_json::json!({
            "severity": match diag.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Note => "note",
            },
            "message": diag.message,
            "location": diag.span.as_ref().map(locate),
            "labels": labels,
            "hints": diag.hints,
        });
        let _ = writeln!(out, "{value}");
    }
    out
}

/// Returns the known key closest to `key`, if it is close enough to be a typo.
pub fn did_you_mean<'a>(key: &str, known: &[&'a str]) -> Option<&'a str> {
    known
        .iter()
        .map(|k| (strsim::osa_distance(key, k), *k))
        .filter(|(d, k)| *d <= (k.chars().count() / 3).max(1))
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let f = SourceFile {
            name: "a".into(),
            path: None,
            text: "ab\n中文x\n".into(),
        };
        let x = f.text.find('x').unwrap();
        assert_eq!(f.line_col(x), (2, 3));
    }

    #[test]
    fn suggests_close_keys_only() {
        assert_eq!(
            did_you_mean("bulets", &["bullets", "title"]),
            Some("bullets")
        );
        assert_eq!(did_you_mean("zzz", &["bullets", "title"]), None);
    }

    #[test]
    fn human_rendering_shows_location_and_hint() {
        let mut sources = Sources::default();
        let f = sources.add("deck.yaml", None, "title: x\nbad: 1\n".into());
        let d = Diagnostic::error("unknown key `bad`")
            .at(Span::new(f, 9..12))
            .hint("remove it");
        let out = render_human(&sources, &[d], false);
        assert!(out.contains("deck.yaml:2:1"), "{out}");
        assert!(out.contains("hint: remove it"), "{out}");
    }

    #[test]
    fn json_keeps_the_secondary_labels() {
        let mut sources = Sources::default();
        let f = sources.add("deck.yaml", None, "a: 1\na: 2\n".into());
        let d = Diagnostic::error("duplicate key `a`")
            .at(Span::new(f, 5..6))
            .label(Span::new(f, 0..1), "first defined here");
        let line = render_json(&sources, &[d]);
        let value: serde_json::Value = serde_json::from_str(line.trim()).unwrap();
        assert_eq!(value["location"]["line"], 2);
        assert_eq!(value["labels"][0]["message"], "first defined here");
        assert_eq!(value["labels"][0]["location"]["line"], 1);
    }
}
