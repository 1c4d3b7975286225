//! Raw HTML in a `markdown:` block: comments are speaker notes (Marp's
//! convention) unless they are directives; `<br>` is a line break; other
//! tags are dropped with a warning that names them, and their text kept.

use std::ops::Range;

use super::Reader;
use super::text::Out;
use crate::diagnostics::Diagnostic;
use crate::outline::{Block, Options};

/// Marp's directives, and reveal.js's, which a comment may hold: settings
/// of the original tool, not notes.
const DIRECTIVES: &[&str] = &[
    "theme",
    "paginate",
    "header",
    "footer",
    "class",
    "backgroundcolor",
    "backgroundimage",
    "backgroundposition",
    "backgroundrepeat",
    "backgroundsize",
    "color",
    "size",
    "math",
    "style",
    "headingdivider",
    "lang",
    "title",
    "author",
    "description",
    "image",
    "keywords",
    "url",
    "transition",
    "marp",
    ".slide",
    ".element",
];

/// Tags whose content is dropped with them.
const HIDDEN: &[&str] = &["script", "style", "iframe", "object", "embed", "template"];

impl Reader<'_, '_> {
    /// Reads a block of raw HTML at prepared bytes `range`.
    pub(super) fn html(&mut self, range: Range<usize>) {
        let mut out = Out::default();
        let mut hidden: Option<String> = None;
        for part in split(&self.prep.text[range.clone()]) {
            let at = range.start + part.start..range.start + part.end;
            match classify(&self.prep.text[at.clone()]) {
                Part::Comment(inner) => {
                    let inner = at.start + inner.start..at.start + inner.end;
                    self.comment(inner);
                }
                Part::Break => out.push_at("\n", self.prep.field_range(&at).start),
                Part::Tag { name, closing } => {
                    if hidden.as_deref() == Some(name.as_str()) && closing {
                        hidden = None;
                    } else if HIDDEN.contains(&name.as_str()) && !closing {
                        hidden = Some(name.clone());
                    }
                    self.tag_warning(&name, closing, &at);
                }
                Part::Text if hidden.is_some() => {}
                Part::Text => out.copy(self.prep, at),
            }
        }
        let out = out.trimmed();
        if !out.is_blank() {
            let text = self.text(out);
            let span = text.span.clone();
            self.emit(Block::Paragraph(text), span, Options::default());
        }
    }

    /// Reads inline HTML inside a paragraph into `out`.
    pub(super) fn inline_html(&mut self, range: Range<usize>, out: &mut Out) {
        let html = &self.prep.text[range.clone()];
        match classify(html) {
            Part::Comment(inner) => {
                let inner = range.start + inner.start..range.start + inner.end;
                self.comment(inner);
            }
            Part::Break => out.push_at("\n", self.prep.field_range(&range).start),
            Part::Tag { name, closing } => {
                if HIDDEN.contains(&name.as_str()) {
                    self.hidden = !closing;
                }
                self.tag_warning(&name, closing, &range);
            }
            Part::Text => out.copy(self.prep, range),
        }
    }

    /// A comment's text (prepared bytes `inner`): a pause, a directive
    /// (ignored) or a speaker note.
    fn comment(&mut self, inner: Range<usize>) {
        let body = self.prep.text[inner.clone()].trim();
        if body == "pause" {
            self.pause = true;
            return;
        }
        if body.is_empty() || is_directive(body) {
            return;
        }
        let mut out = Out::default();
        out.copy(self.prep, inner);
        let text = self.text(out.trimmed());
        self.read.notes.push(text);
    }

    /// Warns, once per tag name, that a tag is not drawn.
    fn tag_warning(&mut self, name: &str, closing: bool, range: &Range<usize>) {
        if closing || self.warned.iter().any(|w| w == name) {
            return;
        }
        self.warned.push(name.to_string());
        let kept = if HIDDEN.contains(&name) {
            "it is left out with its content"
        } else {
            "it is left out and its text kept"
        };
        let span = self.span(range);
        self.p.error(
            Diagnostic::warning(format!(
                "raw HTML `<{name}>` is not drawn on a slide: {kept}"
            ))
            .at(span)
            .hint("write it in Markdown: **bold**, *emphasis*, [text]{.accent}, lists and tables"),
        );
    }
}

/// One part of raw HTML.
enum Part {
    /// `<!-- … -->`, with the range of its text.
    Comment(Range<usize>),
    /// `<br>`, `<br/>`.
    Break,
    /// Another tag, by name.
    Tag { name: String, closing: bool },
    /// Text between tags.
    Text,
}

/// Splits HTML into comments, tags and the text between them.
fn split(html: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < html.len() {
        let rest = &html[i..];
        let len = if rest.starts_with("<!--") {
            rest.find("-->").map_or(rest.len(), |k| k + 3)
        } else if rest.starts_with('<')
            && rest[1..].starts_with(|c: char| c.is_ascii_alphabetic() || c == '/')
        {
            rest.find('>').map_or(rest.len(), |k| k + 1)
        } else {
            rest[1..].find('<').map_or(rest.len(), |k| k + 1)
        };
        out.push(i..i + len);
        i += len;
    }
    out
}

/// What one part of HTML is.
fn classify(part: &str) -> Part {
    if let Some(body) = part.strip_prefix("<!--") {
        let end = body.rfind("-->").unwrap_or(body.len());
        return Part::Comment(4..4 + end);
    }
    let Some(tag) = part.strip_prefix('<') else {
        return Part::Text;
    };
    let closing = tag.starts_with('/');
    let name: String = tag
        .trim_start_matches('/')
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect::<String>()
        .to_ascii_lowercase();
    match name.as_str() {
        "" => Part::Text,
        "br" => Part::Break,
        _ => Part::Tag { name, closing },
    }
}

/// Whether a comment is a directive of the tool the deck came from
/// (`_class: lead`, `theme: gaia`, `fit`, `.slide: …`).
fn is_directive(body: &str) -> bool {
    if body == "fit" {
        return true;
    }
    let Some((key, _)) = body.split_once(':') else {
        return false;
    };
    let key = key.trim().trim_start_matches('_').to_ascii_lowercase();
    DIRECTIVES.contains(&key.as_str())
}
