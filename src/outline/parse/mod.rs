//! YAML → [`Outline`], keeping the span of every node and collecting every
//! problem instead of stopping at the first.
//!
//! The YAML is loaded with `marked-yaml`, which records where each node
//! starts, and then walked by hand. Walking by hand (rather than through serde)
//! is what lets us warn about unknown keys with "did you mean", say which key
//! is missing where, and treat every scalar as text (so `title: no` is the
//! word "no", not `false`).

mod blocks;
pub(crate) mod chart;
pub(crate) mod code;
pub(crate) mod diagram;
mod diagram_cell;
mod diagram_sequence;
mod equations;
mod fields;
mod markdown;
mod math;
mod mermaid;
mod options;
pub(crate) mod spans;

use marked_yaml::types::{MarkedMappingNode, MarkedScalarNode, MarkedSequenceNode};
use marked_yaml::{LoadError, LoaderOptions, Node};

use super::model::*;
use crate::diagnostics::{Diagnostic, FileRef, SourceFile, Span, did_you_mean};

/// Keys that choose what a block shows. A slide or column may hold several
/// (drawn top to bottom, in the order written); a block of `body:` holds one.
pub const BLOCK_KEYS: &[&str] = &[
    "bullets", "numbered", "text", "heading", "quote", "image", "typst", "columns", "chart",
    "code", "table", "math", "diagram", "box", "markdown",
];

pub use self::blocks::MAX_BLOCKS;
pub use self::options::MAX_STEPS;
pub(crate) use self::options::OPTION_KEYS;

#[cfg(test)]
pub(crate) use self::mermaid::parse as mermaid_parse;

/// The hint under a gap (`{{term}}`) problem, wherever the text came from.
pub(crate) const GAP_HINT: &str = "mark a key term as `{{term}}`; write a literal `{{` as `\\{{`";

/// The longest text field with inline markup, in bytes (notes included).
pub const MAX_TEXT_BYTES: usize = 64 * 1024;

/// Keys of the top-level mapping.
pub(crate) const DECK_KEYS: &[&str] = &[
    "title",
    "subtitle",
    "short-title",
    "author",
    "institution",
    "date",
    "lang",
    "theme",
    "opening",
    "sections",
    "closing",
    "agenda",
    "dividers",
    "labels",
    "reveal",
    "slot",
    "end-time",
    "fit",
    "fit-floor",
    "code-scale",
    "notes",
    "speaking-rate",
    "macros",
];

/// Keys a slide may have besides a block key.
pub(crate) const SLIDE_KEYS: &[&str] = &[
    "title",
    "notes",
    "reveal",
    "minutes",
    "fit",
    "fit-floor",
    "code-scale",
    "pause",
    "valign",
    "body",
];

/// Keys of a quote block besides `quote`.
pub(crate) const QUOTE_KEYS: &[&str] = &["by"];

/// Parses an outline file, returning the model and any warnings, or every
/// error found.
pub fn parse(
    file: FileRef,
    source: &SourceFile,
) -> Result<(Outline, Vec<Diagnostic>), Vec<Diagnostic>> {
    let mut p = Parser::new(file, &source.text);
    let root = p.load().map_err(|d| vec![d])?;
    let outline = p.outline(&root);
    let (errors, warnings): (Vec<_>, Vec<_>) = p.diags.into_iter().partition(Diagnostic::is_error);
    match outline {
        Some(outline) if errors.is_empty() => Ok((outline, warnings)),
        _ => Err(errors.into_iter().chain(warnings).collect()),
    }
}

/// The walker's state: where we are and what went wrong so far.
pub(crate) struct Parser<'a> {
    /// The outline's file.
    pub(crate) file: FileRef,
    /// The outline's text.
    text: &'a str,
    /// Byte offset of every line's start, for converting YAML markers.
    line_starts: Vec<usize>,
    /// Problems found so far.
    diags: Vec<Diagnostic>,
    /// The deck's LaTeX macros, once read.
    pub(crate) macros: Vec<(String, String)>,
    /// How the file writes its fields (YAML, or CSV cells).
    pub(crate) quoting: spans::Quoting,
    /// The deck's equation numbers so far.
    pub(crate) equations: equations::Equations,
}

impl<'a> Parser<'a> {
    /// Creates a walker over one file: the outline, or any other YAML file
    /// lectern reads (a theme's `theme.yaml`).
    pub(crate) fn new(file: FileRef, text: &'a str) -> Self {
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Self {
            file,
            text,
            line_starts,
            diags: Vec::new(),
            macros: Vec::new(),
            quoting: spans::Quoting::Yaml,
            equations: equations::Equations::default(),
        }
    }

    /// The span table of a field read from this file: where each byte of
    /// its value is written.
    pub(crate) fn spans(&self, field: &Text) -> spans::SpanTable {
        spans::SpanTable::new(
            field.span.file,
            self.text,
            field.span.range.start,
            &field.value,
            self.quoting,
        )
    }

    /// Converts a YAML marker to a byte offset.
    ///
    /// From the marker's line and column (in characters): its character
    /// index drifts after a block scalar (`|`), whose characters the YAML
    /// scanner counts twice.
    pub(crate) fn offset(&self, marker: &marked_yaml::Marker) -> usize {
        let Some(&start) = self.line_starts.get(marker.line().saturating_sub(1)) else {
            return self.text.len();
        };
        let line = &self.text[start..];
        let line = &line[..line.find('\n').unwrap_or(line.len())];
        let column = marker.column().saturating_sub(1);
        start
            + line
                .char_indices()
                .nth(column)
                .map_or(line.len(), |(i, _)| i)
    }

    /// The span of a node: from its start to its end (or to the end of its
    /// first line when the parser recorded no end).
    pub(crate) fn span_of(&self, span: &marked_yaml::Span) -> Span {
        let start = span.start().map_or(0, |m| self.offset(m));
        let end = match span.end().map(|m| self.offset(m)) {
            Some(end) if end > start => end,
            _ => {
                start
                    + self.text[start..]
                        .find('\n')
                        .unwrap_or(self.text.len() - start)
            }
        };
        Span::new(self.file, start..end)
    }

    /// The span of any node.
    ///
    /// Mappings start at their first key (the loader marks the first value)
    /// and, like sequences, are shown by their first line only.
    pub(crate) fn node_span(&self, node: &Node) -> Span {
        let mut span = self.span_of(node.span());
        if let Node::Mapping(map) = node
            && let Some(first) = map.keys().map(|k| self.scalar_span(k).range.start).min()
        {
            span.range.start = span.range.start.min(first);
        }
        if let Node::Scalar(s) = node {
            return self.scalar_span(s);
        }
        self.first_line(span)
    }

    /// An empty span where a mapping's first key starts.
    fn mapping_start(&self, map: &MarkedMappingNode) -> Span {
        let marked = self.span_of(map.span()).range.start;
        let first = map
            .keys()
            .map(|k| self.scalar_span(k).range.start)
            .min()
            .unwrap_or(marked);
        let at = first.min(marked);
        Span::new(self.file, at..at)
    }

    /// Shortens a span to the end of its first line.
    fn first_line(&self, mut span: Span) -> Span {
        let start = span.range.start.min(self.text.len());
        let eol = self.text[start..]
            .find('\n')
            .map_or(self.text.len(), |i| start + i);
        span.range = start..eol;
        span
    }

    /// The span of a scalar's first line: exactly its text where that can
    /// be found. A quoted scalar's starts after its quote, and reaches as far
    /// as its first line is written (escapes included).
    pub(crate) fn scalar_span(&self, node: &MarkedScalarNode) -> Span {
        let span = self.span_of(node.span());
        let first_line = node.as_str().lines().next().unwrap_or("");
        let marker = span.range.start;
        let value = node.as_str();
        if matches!(self.text.as_bytes().get(marker), Some(b'"' | b'\'')) && !value.is_empty() {
            let first = value.chars().next().map_or(0, char::len_utf8);
            let head = &value[..first_line.len().max(first)];
            let table = spans::SpanTable::new(self.file, self.text, marker + 1, head, self.quoting);
            return table.span(0..head.len());
        }
        if !first_line.is_empty() && self.text[marker..].starts_with(first_line) {
            return Span::new(span.file, marker..marker + first_line.len());
        }
        self.first_line(span)
    }

    /// Loads the file's YAML (duplicate keys refused); a failure is a
    /// located diagnostic.
    pub(crate) fn load(&self) -> Result<Node, Diagnostic> {
        let options = LoaderOptions::default().error_on_duplicate_keys(true);
        marked_yaml::parse_yaml_with_options(0, self.text, options).map_err(|e| self.load_error(&e))
    }

    /// The problems found so far, taken out of the walker.
    pub(crate) fn take_diagnostics(&mut self) -> Vec<Diagnostic> {
        std::mem::take(&mut self.diags)
    }

    /// Turns a YAML loading error into a located diagnostic.
    fn load_error(&self, err: &LoadError) -> Diagnostic {
        let (marker, message, hint) = match err {
            LoadError::ScanError(m, e) => (
                Some(*m),
                format!("invalid YAML ({})", e.info()),
                "check the indentation and quoting on this line; text containing `: ` or starting with a special character needs quotes",
            ),
            LoadError::TopLevelMustBeMapping(m) => (
                Some(*m),
                "the outline must be a mapping of keys such as `title:` and `sections:`".into(),
                "start the file with `title: ...`",
            ),
            LoadError::UnexpectedAnchor(m) => (
                Some(*m),
                "YAML anchors are not supported".into(),
                "repeat the value instead",
            ),
            LoadError::UnexpectedTag(m) => (
                Some(*m),
                "YAML tags are not supported".into(),
                "remove the `!tag`",
            ),
            LoadError::MappingKeyMustBeScalar(m) => (
                Some(*m),
                "keys must be plain words".into(),
                "write `key: value`",
            ),
            LoadError::DuplicateKey(inner) => {
                let span = self.scalar_span(&inner.key);
                let first = self.scalar_span(&inner.prev_key);
                return Diagnostic::error(format!("duplicate key `{}`", inner.key.as_str()))
                    .at(span)
                    .label(first, "first defined here")
                    .hint("remove one of the two");
            }
            other => (
                None,
                format!("invalid YAML ({other})"),
                "check the YAML syntax",
            ),
        };
        let span = marker.map(|m| {
            let at = self.offset(&m);
            Span::new(self.file, at..(at + 1).min(self.text.len()).max(at))
        });
        Diagnostic::error(message).at_opt(span).hint(hint)
    }

    /// The number of errors recorded so far.
    pub(crate) fn error_count(&self) -> usize {
        self.diags.iter().filter(|d| d.is_error()).count()
    }

    /// Records an error.
    pub(crate) fn error(&mut self, diag: Diagnostic) {
        self.diags.push(diag);
    }

    /// Warns about keys of `map` that are not in `known`.
    pub(crate) fn check_keys(&mut self, map: &MarkedMappingNode, known: &[&[&str]], what: &str) {
        let all: Vec<&str> = known.iter().flat_map(|k| k.iter().copied()).collect();
        for key in map.keys() {
            if !all.contains(&key.as_str()) {
                let mut d =
                    Diagnostic::warning(format!("unknown key `{}` in {what}", key.as_str()))
                        .at(self.scalar_span(key));
                d = match did_you_mean(key.as_str(), &all) {
                    Some(s) => d.hint(format!("did you mean `{s}`?")),
                    None => d.hint(format!("known keys here: {}", all.join(", "))),
                };
                self.diags.push(d);
            }
        }
    }

    /// Reads an optional text field.
    pub(crate) fn text(&mut self, map: &MarkedMappingNode, key: &str) -> Option<Text> {
        let node = map.get_node(key)?;
        match node {
            Node::Scalar(s) => Some(Spanned::new(s.as_str().to_owned(), self.scalar_span(s))),
            other => {
                let span = self.node_span(other);
                self.error(
                    Diagnostic::error(format!("`{key}` must be text, found {}", kind(other)))
                        .at(span)
                        .hint("write the text on one line after the key, or use `|` for several lines"),
                );
                None
            }
        }
    }

    /// Reads an optional text field that holds inline markup, checking it.
    pub(crate) fn markup(&mut self, map: &MarkedMappingNode, key: &str) -> Option<Text> {
        let text = self.text(map, key)?;
        self.check_markup(&text);
        Some(text)
    }

    /// Reads a required text field.
    pub(crate) fn required_text(
        &mut self,
        map: &MarkedMappingNode,
        key: &str,
        what: &str,
    ) -> Option<Text> {
        if map.get_node(key).is_none() {
            let span = self.mapping_start(map);
            self.error(
                Diagnostic::error(format!("{what} has no `{key}`"))
                    .at(Span::new(span.file, span.range.start..span.range.start))
                    .hint(format!("add `{key}: ...`")),
            );
            return None;
        }
        self.text(map, key)
    }

    /// Reads an optional sequence field.
    pub(crate) fn sequence<'n>(
        &mut self,
        map: &'n MarkedMappingNode,
        key: &str,
    ) -> Option<&'n MarkedSequenceNode> {
        match map.get_node(key)? {
            Node::Sequence(seq) => Some(seq),
            other => {
                let span = self.node_span(other);
                self.error(
                    Diagnostic::error(format!("`{key}` must be a list, found {}", kind(other)))
                        .at(span)
                        .hint("write each entry on its own line starting with `- `"),
                );
                None
            }
        }
    }

    /// Reads the whole outline.
    fn outline(&mut self, root: &Node) -> Option<Outline> {
        let Some(map) = root.as_mapping() else {
            let span = self.node_span(root);
            self.error(
                Diagnostic::error("the outline must be a mapping")
                    .at(span)
                    .hint("start with `title: ...`"),
            );
            return None;
        };
        self.check_keys(map, &[DECK_KEYS], "the deck");
        let meta = self.meta(map);
        // Document order, so that equations are numbered as they are shown.
        let opening = self.slide_list(map, "opening");
        let mut sections = Vec::new();
        if let Some(seq) = self.sequence(map, "sections") {
            for node in seq.iter() {
                if let Some(section) = self.section(node) {
                    sections.push(section);
                }
            }
        }
        let closing = self.slide_list(map, "closing");
        if map.get_node("sections").is_none() && opening.is_empty() && closing.is_empty() {
            let span = self.mapping_start(map);
            self.error(
                Diagnostic::error("the outline has no `sections`")
                    .at(Span::new(span.file, span.range.start..span.range.start))
                    .hint("add `sections:` with at least one `- title: ...` and its `slides:`, or put the slides under `opening:`"),
            );
        }
        let mut meta = meta?;
        meta.equations = self.equation_table();
        let mut outline = Outline {
            meta,
            opening,
            sections,
            closing,
        };
        let mut slides: Vec<&mut Slide> = outline.slides_mut().collect();
        crate::outline::number_boxes(&mut slides);
        Some(outline)
    }

    /// Reads a list of slides outside the sections (`opening`, `closing`).
    fn slide_list(&mut self, map: &MarkedMappingNode, key: &str) -> Vec<Slide> {
        match self.sequence(map, key) {
            Some(seq) => seq.iter().filter_map(|n| self.slide(n)).collect(),
            None => Vec::new(),
        }
    }

    /// Reads the deck metadata from the top-level mapping.
    fn meta(&mut self, map: &MarkedMappingNode) -> Option<Meta> {
        let title = self.required_text(map, "title", "the deck");
        if let Some(t) = &title {
            self.check_markup(t);
        }
        let date = self.text(map, "date").and_then(|d| self.date(d));
        let lang = self.text(map, "lang").unwrap_or_else(|| {
            let at = self.mapping_start(map).range.start;
            Spanned::new("zh".into(), Span::new(self.file, at..at))
        });
        let (lang, region, traditional) = self.language(lang);
        let speaking_rate = self.speaking_rate(map, &lang.value);
        self.macros = self.macros(map);
        Some(Meta {
            title: title?,
            subtitle: self.markup(map, "subtitle"),
            short_title: self.markup(map, "short-title"),
            author: self.markup(map, "author"),
            institution: self.markup(map, "institution"),
            date,
            lang,
            region,
            theme: self.text(map, "theme"),
            reveal: self.reveal(map),
            fit: self.fit(map),
            slot: self.minutes(map, "slot"),
            end_time: self.end_time(map),
            notes: self.markup(map, "notes"),
            speaking_rate,
            macros: self.macros.clone(),
            equations: Vec::new(),
            agenda: self.deck_flag(map, "agenda"),
            dividers: self.deck_flag(map, "dividers"),
            labels: self.labels(map),
            traditional,
        })
    }

    /// Reads one section.
    fn section(&mut self, node: &Node) -> Option<Section> {
        let map = self.mapping(node, "a section", "- title: ...\n    slides: ...")?;
        self.check_keys(map, &[&["title", "slides", "minutes"]], "a section");
        let title = self.required_text(map, "title", "this section");
        if let Some(t) = &title {
            self.check_markup(t);
        }
        let mut slides = Vec::new();
        match self.sequence(map, "slides") {
            Some(seq) => slides.extend(seq.iter().filter_map(|n| self.slide(n))),
            None if map.get_node("slides").is_none() => {
                let span = self.node_span(node);
                self.error(
                    Diagnostic::error("this section has no `slides`")
                        .at(Span::new(span.file, span.range.start..span.range.start))
                        .hint("add `slides:` with at least one slide"),
                );
            }
            None => {}
        }
        let minutes = self.minutes(map, "minutes");
        Some(Section {
            title: title?,
            slides,
            minutes,
        })
    }

    /// Requires a node to be a mapping.
    pub(crate) fn mapping<'n>(
        &mut self,
        node: &'n Node,
        what: &str,
        example: &str,
    ) -> Option<&'n MarkedMappingNode> {
        match node {
            Node::Mapping(map) => Some(map),
            other => {
                let span = self.node_span(other);
                self.error(
                    Diagnostic::error(format!("{what} must be a mapping, found {}", kind(other)))
                        .at(span)
                        .hint(format!("write it as `{example}`")),
                );
                None
            }
        }
    }

    /// Reads one slide.
    fn slide(&mut self, node: &Node) -> Option<Slide> {
        let map = self.mapping(node, "a slide", "- title: ...\n  bullets: ...")?;
        self.check_keys(
            map,
            &[SLIDE_KEYS, BLOCK_KEYS, OPTION_KEYS, QUOTE_KEYS],
            "a slide",
        );
        self.stray_by(map);
        let title = self.markup(map, "title");
        let notes = self.markup(map, "notes");
        let reveal = self.reveal(map);
        let fit = self.fit(map);
        let minutes = self.minutes(map, "minutes");
        let pause = self.pause(map);
        let valign = self.slide_valign(map);
        let mut nest = blocks::Nest::default();
        let body = self.stack(map, node, "this slide", options::SLIDE_OPTIONS, &mut nest)?;
        let notes = fields::join_notes(notes, nest.notes);
        let (last, at) = crate::outline::last_step(&body, reveal.unwrap_or(Reveal::All), 1);
        if last > MAX_STEPS
            && let Some(at) = at
        {
            self.error(
                Diagnostic::error(format!(
                    "this block's steps run to step {last}; a slide has at most {MAX_STEPS}"
                ))
                .at(at.span.clone())
                .hint(
                    "start the block at an earlier `step`, reveal fewer items, or split the slide",
                ),
            );
            return None;
        }
        Some(Slide {
            title,
            body,
            valign,
            notes,
            reveal,
            fit,
            minutes,
            pause,
            span: self.node_span(node),
        })
    }
}

/// Names a node's kind for messages.
pub(crate) fn kind(node: &Node) -> &'static str {
    match node {
        Node::Scalar(_) => "text",
        Node::Mapping(_) => "a mapping (`key: value` pairs)",
        Node::Sequence(_) => "a list",
    }
}
