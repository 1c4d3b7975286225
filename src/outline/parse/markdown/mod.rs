//! Reading `markdown:` blocks: CommonMark with GFM tables, parsed by
//! pulldown-cmark into the blocks a YAML slide is made of, each with its
//! span in the YAML string.
//!
//! Paragraphs, headings, list items, quotes and cells become texts in
//! lectern's own inline markup (the one inline tree every text field
//! uses), so `{{gaps}}`, `[spans]{.accent}` and inline math read the same
//! here as anywhere. `$…$` and `\(…\)` are inline math, `$$…$$` and
//! `\[…\]` display math, `\$` a dollar. `. . .` and `<!-- pause -->` start
//! a new step; other HTML comments are speaker notes.

mod divs;
mod html;
mod lists;
mod media;
#[cfg(test)]
mod tests;
mod text;

use std::ops::Range;

use pulldown_cmark::{CowStr, Event, Options as MdOptions, Tag, TagEnd};

use self::text::{Out, Prepared};
use super::spans::SpanTable;
use super::{MAX_TEXT_BYTES, Parser};
use crate::diagnostics::{Diagnostic, Span};
use crate::outline::{Block, Math, Options, Placed, Reveal, Spanned, Text};

/// How deep a Markdown list nests before its deeper items are flattened
/// (the outline's three levels).
const MAX_LIST_DEPTH: usize = 3;

/// What a `markdown:` block holds: its blocks, and its HTML comments as
/// speaker notes.
#[derive(Debug, Default)]
pub(super) struct Read {
    /// The blocks, in order.
    pub blocks: Vec<Placed>,
    /// The notes, in order.
    pub notes: Vec<Text>,
}

impl Parser<'_> {
    /// Reads a `markdown:` field into blocks; `opts` are the block's own
    /// options (its step is where its blocks start).
    pub(super) fn markdown(&mut self, field: &Text, opts: &Options) -> Read {
        if field.value.len() > MAX_TEXT_BYTES {
            self.error(
                Diagnostic::error(format!(
                    "this Markdown is {} KB; a `markdown:` block holds at most {} KB",
                    field.value.len() / 1024,
                    MAX_TEXT_BYTES / 1024
                ))
                .at(field.span.clone())
                .hint("a slide shows a few blocks: split the Markdown over several slides"),
            );
            return Read::default();
        }
        let table = self.spans(field);
        let lines = divs::lines(&field.value);
        let prep = text::prepare(&lines.text, &lines.origin);
        let mut md = MdOptions::empty();
        md.insert(MdOptions::ENABLE_TABLES);
        md.insert(MdOptions::ENABLE_MATH);
        md.insert(MdOptions::ENABLE_STRIKETHROUGH);
        let events = pulldown_cmark::Parser::new_ext(&prep.text, md)
            .into_offset_iter()
            .collect();
        let mut reader = Reader {
            p: self,
            prep: &prep,
            table: &table,
            events,
            at: 0,
            base: opts,
            pause: false,
            hidden: false,
            warned: Vec::new(),
            read: Read::default(),
        };
        reader.layout_lines(&field.value, lines);
        reader.run();
        reader.read
    }
}

/// The walk over one block's Markdown events.
struct Reader<'r, 'a> {
    /// The outline's parser, for diagnostics and checks.
    p: &'r mut Parser<'a>,
    /// The Markdown as parsed, with its origins.
    prep: &'r Prepared,
    /// Where each byte of the field is written in the file.
    table: &'r SpanTable,
    /// pulldown-cmark's events with their ranges in `prep`.
    events: Vec<(Event<'r>, Range<usize>)>,
    /// The next event.
    at: usize,
    /// The `markdown:` block's own options.
    base: &'r Options,
    /// Whether a pause (`. . .`) waits for the next block.
    pause: bool,
    /// Whether inline text is inside `<script>` or `<style>` (dropped).
    hidden: bool,
    /// HTML tags warned about already (one warning per tag name).
    warned: Vec<String>,
    /// What was read so far.
    read: Read,
}

/// A piece of a paragraph: text, display math, or a picture.
enum Piece {
    /// Inline markup.
    Text(Out),
    /// Display math: its LaTeX.
    Math(Out),
    /// A picture: where it is, its alt text and title, and its source.
    Image {
        url: Out,
        alt: Out,
        title: String,
        range: Range<usize>,
    },
}

impl<'r> Reader<'r, '_> {
    /// The next event.
    fn next(&mut self) -> Option<(Event<'r>, Range<usize>)> {
        let e = self.events.get(self.at).cloned();
        self.at += 1;
        e
    }

    /// The next event, left in place.
    fn peek(&self) -> Option<&Event<'r>> {
        self.events.get(self.at).map(|(e, _)| e)
    }

    /// The span in the file of prepared bytes `range`.
    fn span(&self, range: &Range<usize>) -> Span {
        self.table.span(self.prep.field_range(range))
    }

    /// A text's value and span, its markup checked where it was written.
    fn text(&mut self, out: Out) -> Text {
        let text = Spanned::new(out.text.clone(), self.table.span(out.field_range()));
        let table = self.table.remap(&out.origin);
        self.p.check_markup_in(&text, &table);
        text
    }

    /// Reports a warning at prepared bytes `range`.
    fn warn(&mut self, range: &Range<usize>, message: String, hint: &str) {
        let span = self.span(range);
        self.p
            .error(Diagnostic::warning(message).at(span).hint(hint.to_string()));
    }

    /// Reports the layout lines taken out, and keeps the notes.
    fn layout_lines(&mut self, field: &str, lines: divs::Lines) {
        for (range, what) in lines.dropped {
            let span = self.table.span(range);
            self.p.error(
                Diagnostic::warning(format!("`{what}` is a layout of another tool; inside `markdown:` it is left out and what it holds kept in order"))
                    .at(span)
                    .hint("write columns as `columns:` blocks, or let `lectern import` convert the whole deck"),
            );
        }
        for range in lines.notes {
            let note = Out::field(field, range).trimmed();
            if !note.is_blank() {
                let text = self.text(note);
                self.read.notes.push(text);
            }
        }
    }

    /// Reads every block.
    fn run(&mut self) {
        while let Some((event, range)) = self.next() {
            match event {
                Event::Start(tag) => self.block(tag, range),
                Event::Rule => self.warn(
                    &range,
                    "a `---` rule inside `markdown:` is not a slide break; it is left out".into(),
                    "start a new slide in the outline (`- title: ...`) where the rule was",
                ),
                Event::Html(_) | Event::InlineHtml(_) => self.html(range),
                _ => {}
            }
        }
    }

    /// Reads one block that starts with `tag`.
    pub(super) fn block(&mut self, tag: Tag<'r>, range: Range<usize>) {
        match tag {
            Tag::Paragraph => self.paragraph(),
            Tag::Heading { .. } => {
                let out = self.inline_text();
                self.end();
                if !out.is_blank() {
                    let text = self.text(out.trimmed());
                    self.emit(Block::Heading(text), self.span(&range), Options::default());
                }
            }
            Tag::BlockQuote(_) => self.quote(range),
            Tag::CodeBlock(kind) => self.code(&kind, range),
            Tag::HtmlBlock => {
                self.skip();
                self.html(range);
            }
            Tag::List(start) => self.top_list(start, range),
            Tag::Table(aligns) => self.table(&aligns, range),
            _ => {
                self.skip();
                self.warn(
                    &range,
                    "this Markdown construct is not drawn on a slide; it is left out".into(),
                    "write it as a paragraph or a list",
                );
            }
        }
    }

    /// Skips to the end of the container just opened.
    fn skip(&mut self) {
        let mut depth = 1usize;
        while let Some((event, _)) = self.next() {
            match event {
                Event::Start(_) => depth += 1,
                Event::End(_) => depth -= 1,
                _ => {}
            }
            if depth == 0 {
                return;
            }
        }
    }

    /// Consumes the end of the container just read.
    fn end(&mut self) {
        if matches!(self.peek(), Some(Event::End(_))) {
            self.at += 1;
        }
    }

    /// Adds a block, on the next step if a pause came before it.
    fn emit(&mut self, block: Block, span: Span, own: Options) {
        let mut opts = Options {
            step: self.base.step.clone(),
            only: self.base.only.clone(),
            reveal: self.base.reveal,
            align: self.base.align,
            small: self.base.small,
            ..own
        };
        if std::mem::take(&mut self.pause) {
            let from = self.base.step.as_ref().map_or(1, |s| s.value);
            let (last, _) = crate::outline::last_step(&self.read.blocks, Reveal::All, from);
            opts.step = Some(Spanned::new(last.saturating_add(1), span.clone()));
            opts.only = None;
        }
        self.read.blocks.push(Placed { block, opts, span });
    }

    /// Reads a paragraph: text, display math, pictures, or a pause.
    fn paragraph(&mut self) {
        let pieces = self.inline();
        self.end();
        for piece in pieces {
            match piece {
                Piece::Text(out) => {
                    let out = out.trimmed();
                    if is_pause(&out.text) {
                        self.pause = true;
                    } else if !out.is_blank() {
                        let text = self.text(out);
                        let span = text.span.clone();
                        self.emit(Block::Paragraph(text), span, Options::default());
                    }
                }
                Piece::Math(latex) => self.math(latex),
                Piece::Image {
                    url,
                    alt,
                    title,
                    range,
                } => self.image(url, alt, &title, range),
            }
        }
    }

    /// Reads inline content up to the end of its container, as one text
    /// (display math and pictures inline are kept as text).
    fn inline_text(&mut self) -> Out {
        let mut out = Out::default();
        for piece in self.inline() {
            match piece {
                Piece::Text(t) => out.append(&t),
                Piece::Math(latex) => {
                    let at = latex.origin.first().copied().unwrap_or(0);
                    out.push_at("\\(", at);
                    out.append(&latex);
                    out.push_at("\\)", at);
                }
                Piece::Image { alt, .. } => out.append(&alt),
            }
        }
        out
    }

    /// Reads inline events up to the next block start or end.
    fn inline(&mut self) -> Vec<Piece> {
        let mut pieces = Vec::new();
        let mut out = Out::default();
        let mut links: Vec<String> = Vec::new();
        while let Some(event) = self.peek() {
            if is_block_boundary(event) {
                break;
            }
            let Some((event, range)) = self.next() else {
                break;
            };
            let at = self.prep.field_range(&range);
            match event {
                Event::Text(_) if self.hidden => {}
                Event::Text(t) => out.decoded(self.prep, &t, range),
                Event::Code(code) => inline_code(&mut out, self.prep, &code, range),
                Event::InlineMath(latex) => {
                    let inner = inner_range(&range, &latex, self.prep);
                    out.push_at("\\(", at.start);
                    out.copy(self.prep, inner);
                    out.push_at("\\)", at.end.saturating_sub(1));
                }
                Event::DisplayMath(latex) => {
                    pieces.push(Piece::Text(std::mem::take(&mut out)));
                    let mut math = Out::default();
                    math.copy(self.prep, inner_range(&range, &latex, self.prep));
                    pieces.push(Piece::Math(math));
                }
                Event::SoftBreak => out.soft_break(at.start),
                Event::HardBreak => out.push_at("\n", at.start),
                Event::Start(Tag::Emphasis) => out.push_at("*", at.start),
                Event::End(TagEnd::Emphasis) => out.push_at("*", at.end.saturating_sub(1)),
                Event::Start(Tag::Strong) => out.push_at("**", at.start),
                Event::End(TagEnd::Strong) => out.push_at("**", at.end.saturating_sub(1)),
                Event::Start(Tag::Link { dest_url, .. }) => {
                    out.push_at("[", at.start);
                    links.push(dest_url.to_string());
                }
                Event::End(TagEnd::Link) => {
                    let url = links.pop().unwrap_or_default();
                    out.push_at(&format!("]({url})"), at.end.saturating_sub(1));
                }
                Event::Start(Tag::Image {
                    dest_url, title, ..
                }) => {
                    pieces.push(Piece::Text(std::mem::take(&mut out)));
                    let image = self.image_piece(&dest_url, &title, range);
                    pieces.push(image);
                }
                Event::InlineHtml(_) | Event::Html(_) => self.inline_html(range, &mut out),
                _ => {}
            }
        }
        pieces.push(Piece::Text(out));
        pieces
    }

    /// Reads a picture's alt text up to its end.
    fn image_piece(&mut self, url: &CowStr<'_>, title: &CowStr<'_>, range: Range<usize>) -> Piece {
        let mut alt = Out::default();
        let mut depth = 1usize;
        while let Some((event, r)) = self.next() {
            match event {
                Event::Start(_) => depth += 1,
                Event::End(_) => depth -= 1,
                Event::Text(t) | Event::Code(t) | Event::InlineMath(t) => {
                    alt.decoded(self.prep, &t, r)
                }
                Event::SoftBreak => alt.soft_break(self.prep.field_range(&r).start),
                _ => {}
            }
            if depth == 0 {
                break;
            }
        }
        let mut url_out = Out::default();
        url_out.push_at(url, self.prep.field_range(&range).start);
        Piece::Image {
            url: url_out,
            alt,
            title: title.to_string(),
            range,
        }
    }

    /// Adds display math: one line, or one per `\\` (aligned at `&`).
    fn math(&mut self, latex: Out) {
        let span = self.table.span(latex.field_range());
        let mut lines = Vec::new();
        for part in split_lines(&latex.text) {
            let line = latex.slice(part).trimmed();
            if line.is_blank() {
                continue;
            }
            let table = self.table.remap(&line.origin);
            let text = Spanned::new(line.text.clone(), self.table.span(line.field_range()));
            if let Err(e) = crate::outline::math::convert(&text.value, &self.p.macros) {
                self.p.error(super::math::math_error_in(&table, 0, &e));
            }
            self.p.equation_marks(&text.value, &table, 0, true);
            lines.push(text);
        }
        if !lines.is_empty() {
            let math = Math {
                lines,
                typst: false,
                number: None,
            };
            self.emit(Block::Math(Box::new(math)), span, Options::default());
        }
    }

    /// Reads a quotation: its paragraphs, and an attribution line
    /// starting with a dash.
    fn quote(&mut self, range: Range<usize>) {
        let mut paragraphs: Vec<Out> = Vec::new();
        let mut depth = 1usize;
        while depth > 0 {
            match self.peek() {
                None => break,
                Some(Event::Start(Tag::BlockQuote(_))) => depth += 1,
                Some(Event::End(TagEnd::BlockQuote(_))) => depth -= 1,
                Some(e) if is_block_boundary(e) => {}
                Some(_) => {
                    let out = self.inline_text().trimmed();
                    if !out.is_blank() {
                        paragraphs.push(out);
                    }
                    continue;
                }
            }
            self.at += 1;
        }
        let by = match paragraphs.last() {
            Some(last) if paragraphs.len() > 1 => attribution(last),
            _ => None,
        };
        if by.is_some() {
            paragraphs.pop();
        }
        let mut all = Out::default();
        for (k, p) in paragraphs.iter().enumerate() {
            if k > 0 {
                all.push_at("\n", p.origin.first().copied().unwrap_or(0));
            }
            all.append(p);
        }
        if all.is_blank() {
            return;
        }
        let text = self.text(all);
        let by = by.map(|b| self.text(b));
        self.emit(
            Block::Quote { text, by },
            self.span(&range),
            Options::default(),
        );
    }
}

/// Whether an event starts or ends a block (inline content stops there).
pub(super) fn is_block_boundary(event: &Event<'_>) -> bool {
    match event {
        Event::Start(tag) => !matches!(
            tag,
            Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Link { .. } | Tag::Image { .. }
        ),
        Event::End(tag) => !matches!(
            tag,
            TagEnd::Emphasis
                | TagEnd::Strong
                | TagEnd::Strikethrough
                | TagEnd::Link
                | TagEnd::Image
        ),
        Event::Rule => true,
        _ => false,
    }
}

/// Inline code in lectern's markup: between single backticks (CommonMark
/// allows more, and spaces inside); code holding a backtick is set as
/// text, which lectern's markup cannot quote.
fn inline_code(out: &mut Out, prep: &Prepared, code: &str, range: Range<usize>) {
    let at = prep.field_range(&range);
    if code.contains('`') {
        return out.decoded(prep, code, range);
    }
    out.push_at("`", at.start);
    out.decoded(prep, code, range);
    out.push_at("`", at.end.saturating_sub(1));
}

/// Whether a paragraph is a pause: `. . .` (Pandoc, Quarto).
fn is_pause(text: &str) -> bool {
    text.trim() == ". . ."
}

/// The range of a math event's LaTeX inside its delimiters.
fn inner_range(range: &Range<usize>, latex: &str, prep: &Prepared) -> Range<usize> {
    let src = &prep.text[range.clone()];
    match src.find(latex) {
        Some(k) => range.start + k..range.start + k + latex.len(),
        None => range.clone(),
    }
}

/// Splits LaTeX at `\\` outside environments: the lines of an aligned
/// formula.
fn split_lines(latex: &str) -> Vec<Range<usize>> {
    crate::outline::math::split_top(latex, "\\\\", &[])
}

/// A quote's last paragraph as its attribution, when it starts with a
/// dash (`— Alan Kay`, `-- Knuth`).
fn attribution(last: &Out) -> Option<Out> {
    let t = &last.text;
    let dash = ["——", "—", "―", "--", "– "]
        .iter()
        .find(|d| t.starts_with(*d))?;
    Some(last.slice(dash.len()..t.len()).trimmed())
}
