//! Pictures, code and tables in a `markdown:` block: Marp's size words in
//! an image's alt text, the info string after a code fence (a language,
//! Quarto's `{r}`, Slidev's `{1|2-3}` steps), and GFM tables.

use std::ops::Range;

use pulldown_cmark::{Alignment, CodeBlockKind, Event, Tag, TagEnd};

use super::Reader;
use super::text::Out;
use crate::diagnostics::Diagnostic;
use crate::outline::{Align, Block, Code, Options, Spanned, Table, Text, Width};

/// The width of a Marp slide in pixels: `w:640` is half of it.
const MARP_WIDTH: f64 = 1280.0;

impl Reader<'_, '_> {
    /// Adds a picture: its path, alt text (Marp's `w:`/`h:` words taken
    /// out of it) and title (the caption).
    pub(super) fn image(&mut self, url: Out, alt: Out, title: &str, range: Range<usize>) {
        let span = self.span(&range);
        let mut own = Options::default();
        let mut words = Out::default();
        let mut start = 0;
        for word in alt.text.split(' ').map(|w| {
            let r = start..start + w.len();
            start += w.len() + 1;
            r
        }) {
            let w = &alt.text[word.clone()];
            match marp_width(w) {
                Some(Size::Width(p)) => {
                    own.width = Some(Spanned::new(Width::Percent(p), span.clone()));
                    continue;
                }
                Some(Size::Other) => continue,
                None => {}
            }
            if !words.text.is_empty() {
                words.push_at(" ", alt.origin.get(word.start).copied().unwrap_or(0));
            }
            words.append(&alt.slice(word));
        }
        let words = words.trimmed();
        if words.is_blank() {
            self.p.error(
                Diagnostic::warning("this image has no alt text")
                    .at(span.clone())
                    .hint("describe the picture between the brackets: ![what it shows](path); a screen reader reads it"),
            );
        } else {
            own.alt = Some(self.text(words));
        }
        let caption = (!title.trim().is_empty())
            .then(|| Spanned::new(title.trim().to_string(), span.clone()));
        own.caption = caption.clone();
        let path = Spanned::new(url.text, span.clone());
        self.emit(Block::Image { path, caption }, span, own);
    }

    /// Reads a GFM table: its header, rows and column alignments.
    pub(super) fn table(&mut self, aligns: &[Alignment], range: Range<usize>) {
        let mut header = Vec::new();
        let mut rows: Vec<Spanned<Vec<Text>>> = Vec::new();
        let mut in_head = false;
        while let Some((event, r)) = self.next() {
            match event {
                Event::Start(Tag::TableHead) => in_head = true,
                Event::End(TagEnd::TableHead) => in_head = false,
                Event::Start(Tag::TableRow) => {
                    rows.push(Spanned::new(Vec::new(), self.span(&r)));
                }
                Event::Start(Tag::TableCell) => {
                    let out = self.inline_text().trimmed();
                    self.end();
                    let cell = if out.is_blank() {
                        Spanned::new(String::new(), self.span(&r))
                    } else {
                        self.text(out)
                    };
                    match rows.last_mut() {
                        Some(row) if !in_head => row.value.push(cell),
                        _ => header.push(cell),
                    }
                }
                Event::End(TagEnd::Table) => break,
                _ => {}
            }
        }
        let align = if aligns.iter().all(|a| *a == Alignment::None) {
            Vec::new()
        } else {
            let span = self.span(&range);
            aligns
                .iter()
                .map(|a| {
                    let a = match a {
                        Alignment::Center => Align::Center,
                        Alignment::Right => Align::Right,
                        _ => Align::Left,
                    };
                    Spanned::new(a, span.clone())
                })
                .collect()
        };
        let table = Table {
            header,
            rows,
            align,
            csv: None,
            reveal_rows: false,
            caption: None,
            source: None,
            span: self.span(&range),
        };
        for d in super::super::code::validate_table(&table) {
            self.p.error(d);
        }
        let span = table.span.clone();
        self.emit(Block::Table(Box::new(table)), span, Options::default());
    }

    /// Reads a code block: its language and Slidev's `{1|2-3}` steps from
    /// the info string.
    pub(super) fn code(&mut self, kind: &CodeBlockKind<'_>, range: Range<usize>) {
        let mut src = String::new();
        let mut body: Option<Range<usize>> = None;
        while let Some((Event::Text(t), r)) = self.events.get(self.at).cloned() {
            body = Some(body.map_or(r.clone(), |b| b.start..r.end));
            src.push_str(&t);
            self.at += 1;
        }
        self.end();
        if src.ends_with('\n') {
            src.pop();
        }
        let body = body.unwrap_or(range.clone());
        let info = match kind {
            CodeBlockKind::Fenced(info) => info.to_string(),
            CodeBlockKind::Indented => String::new(),
        };
        let (lang, steps) = code_info(&info);
        let span = self.span(&range);
        let mermaid = lang.as_deref() == Some("mermaid");
        if mermaid && self.diagram(&src, &body, &span) {
            return;
        }
        // Mermaid that cannot be drawn is shown as plain code.
        let lang = lang.filter(|_| !mermaid);
        let lang = lang.and_then(|l| {
            let text = Spanned::new(l, span.clone());
            super::super::code::check_language(self.p, text)
        });
        let mut highlight = Vec::new();
        for step in steps {
            match step {
                None => highlight.push(Spanned::new(None, span.clone())),
                Some(lines) => match super::super::code::line_set(&lines) {
                    Ok(set) => highlight.push(Spanned::new(Some(set), span.clone())),
                    Err(e) => {
                        highlight.clear();
                        self.p.error(
                            Diagnostic::warning(format!("{e}: the code is shown without steps"))
                                .at(span.clone())
                                .hint("write steps as `{1|2-3|all}`: lines lit on each step, counted from 1"),
                        );
                        break;
                    }
                },
            }
        }
        let count = src.lines().count().max(1);
        let beyond = highlight
            .iter()
            .flat_map(|h| h.value.iter().flatten())
            .find(|&&n| n > count)
            .copied();
        if let Some(n) = beyond {
            highlight.clear();
            self.p.error(
                Diagnostic::warning(format!(
                    "a step lights line {n}, and this code has {count}: the code is shown without steps"
                ))
                .at(span.clone())
                .hint("number the lit lines from 1, as the code block shows them"),
            );
        }
        let code = Code {
            src: Spanned::new(src, self.span(&body)),
            lang,
            file: None,
            lines: None,
            highlight,
            numbers: false,
            caption: None,
        };
        self.emit(Block::Code(Box::new(code)), span, Options::default());
    }
}

impl Reader<'_, '_> {
    /// Adds a Mermaid fence as a diagram; false (with a warning) when it
    /// cannot be drawn, and the fence is shown as code.
    fn diagram(&mut self, src: &str, body: &Range<usize>, span: &crate::diagnostics::Span) -> bool {
        let mut out = Out::default();
        out.decoded(self.prep, src, body.clone());
        let text = Spanned::new(out.text.clone(), self.table.span(out.field_range()));
        let table = self.table.remap(&out.origin);
        match super::super::diagram::mermaid_fence(self.p, &text, &table) {
            Ok(d) => {
                self.emit(
                    Block::Diagram(Box::new(d)),
                    span.clone(),
                    Options::default(),
                );
                true
            }
            Err(e) => {
                self.p.error(
                    Diagnostic::warning(format!("{}: this Mermaid is shown as code", e.message))
                        .at(e.span.unwrap_or_else(|| span.clone()))
                        .hint("lectern draws Mermaid flowcharts and sequence diagrams"),
                );
                false
            }
        }
    }
}

/// A Marp size word in an image's alt text.
enum Size {
    /// `w:300`, `width:300px`: the width in thousandths of a percent.
    Width(u32),
    /// Another Marp word (`h:200`, `bg`, `contain`): dropped.
    Other,
}

/// Reads a Marp size word.
fn marp_width(word: &str) -> Option<Size> {
    let lower = word.to_ascii_lowercase();
    if let Some(v) = lower
        .strip_prefix("w:")
        .or_else(|| lower.strip_prefix("width:"))
    {
        let px: f64 = v.trim_end_matches("px").parse().ok()?;
        let percent = (px / MARP_WIDTH * 100.0).clamp(5.0, 100.0);
        return Some(Size::Width((percent * 1000.0).round() as u32));
    }
    let other = lower.starts_with("h:")
        || lower.starts_with("height:")
        || matches!(
            lower.as_str(),
            "bg" | "contain" | "cover" | "fit" | "auto" | "left" | "right" | "vertical"
        );
    other.then_some(Size::Other)
}

/// A code fence's info string: the language, and Slidev's highlight steps
/// (`None` for a step that lights every line: `*` or `all`).
pub(super) fn code_info(info: &str) -> (Option<String>, Vec<Option<String>>) {
    let info = info.trim();
    let (head, rest) = match info.strip_prefix('{') {
        // Quarto's `{r}` and `{python echo=false}`, Pandoc's `{.python}`.
        Some(inner) => {
            let end = inner.find('}').unwrap_or(inner.len());
            let head = inner[..end]
                .split(|c: char| c.is_whitespace() || c == ',')
                .next()
                .unwrap_or("");
            (head, &inner[end..])
        }
        None => {
            let end = info
                .find(|c: char| c.is_whitespace() || c == '{')
                .unwrap_or(info.len());
            (&info[..end], &info[end..])
        }
    };
    let lang = head.trim_start_matches('.').trim();
    let lang = (!lang.is_empty()).then(|| lang.to_string());
    for group in rest.split('{').skip(1) {
        let body = group.split('}').next().unwrap_or("").trim();
        let plain = body.replace("all", "").replace('*', "");
        if body.is_empty()
            || !plain
                .chars()
                .all(|c| c.is_ascii_digit() || " ,-|".contains(c))
        {
            continue;
        }
        let steps = body
            .split('|')
            .map(str::trim)
            .map(|s| (!matches!(s, "" | "*" | "all")).then(|| s.to_string()))
            .collect();
        return (lang, steps);
    }
    (lang, Vec::new())
}
