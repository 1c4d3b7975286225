//! The line pass before CommonMark: other tools' layout lines, which
//! CommonMark would print as text. Quarto's and Pandoc's `::: notes` are
//! speaker notes; `::: {.fragment}` and Slidev's `<v-click>` a step;
//! `::: incremental` and `<v-clicks>` a step per item; any other `:::` div
//! and Slidev's `::left::`/`::right::` slots are taken out, with a
//! warning, their content kept in order.

use std::ops::Range;

use super::text::fenced_lines;

/// The Markdown with its layout lines taken out, each byte with the field
/// byte it came from, and what the lines held.
#[derive(Debug, Default)]
pub(super) struct Lines {
    /// The text.
    pub text: String,
    /// `origin[k]`: the field byte that byte `k` came from (one more entry
    /// for the end).
    pub origin: Vec<usize>,
    /// The field bytes of speaker notes, one range per note.
    pub notes: Vec<Range<usize>>,
    /// Lines taken out without an equivalent: their field bytes and what
    /// they are.
    pub dropped: Vec<(Range<usize>, String)>,
}

/// What an open div does to its lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Div {
    /// Its lines are a note.
    Notes,
    /// A step before each of its list items.
    Items,
    /// Nothing: its lines are kept.
    Plain,
}

impl Lines {
    /// Appends field bytes `range` of `src`.
    fn copy(&mut self, src: &str, range: Range<usize>) {
        self.text.push_str(&src[range.clone()]);
        self.origin.extend(range);
    }

    /// Appends a pause (`. . .` as a paragraph of its own) for field byte
    /// `at`.
    fn pause(&mut self, at: usize) {
        let s = "\n. . .\n\n";
        self.text.push_str(s);
        self.origin.extend(std::iter::repeat_n(at, s.len()));
    }

    /// Appends an empty line for field byte `at` (a layout line leaves a
    /// paragraph break behind).
    fn blank(&mut self, at: usize) {
        self.text.push('\n');
        self.origin.push(at);
    }
}

/// Reads the layout lines of a field's Markdown, outside code.
pub(super) fn lines(src: &str) -> Lines {
    let mut out = Lines::default();
    let mut fences = fenced_lines(src).into_iter().peekable();
    let mut open: Vec<Div> = Vec::new();
    let mut at = 0;
    for line in src.split_inclusive('\n') {
        let range = at..at + line.len();
        at += line.len();
        while fences.peek().is_some_and(|f| f.end <= range.start) {
            fences.next();
        }
        if fences.peek().is_some_and(|f| f.start <= range.start) {
            out.copy(src, range);
            continue;
        }
        let t = line.trim();
        let colons = t.chars().take_while(|c| *c == ':').count();
        if colons >= 3 {
            let rest = t[colons..].trim();
            if rest.is_empty() {
                open.pop();
            } else {
                let class = rest
                    .trim_matches(['{', '}'])
                    .split_whitespace()
                    .next()
                    .unwrap_or("");
                match class.trim_start_matches('.') {
                    "notes" => open.push(Div::Notes),
                    "incremental" => open.push(Div::Items),
                    "fragment" => {
                        out.pause(range.start);
                        open.push(Div::Plain);
                    }
                    other => {
                        out.dropped.push((range.clone(), format!("::: {other}")));
                        open.push(Div::Plain);
                    }
                }
            }
            out.blank(range.start);
            continue;
        }
        if open.last() == Some(&Div::Notes) {
            match out.notes.last_mut() {
                Some(last) if last.end == range.start => last.end = range.end,
                _ => out.notes.push(range),
            }
            continue;
        }
        if matches!(t, "::left::" | "::right::" | "::default::") {
            out.dropped.push((range.clone(), t.to_string()));
            out.blank(range.start);
            continue;
        }
        if t.starts_with("<v-clicks") || t.starts_with("</v-clicks") {
            if t.starts_with("<v-") {
                open.push(Div::Items);
            } else {
                open.pop();
            }
            out.blank(range.start);
            continue;
        }
        if t.starts_with("<v-click") || t.starts_with("</v-click") {
            if t.starts_with("<v-") {
                out.pause(range.start);
            } else {
                out.blank(range.start);
            }
            continue;
        }
        if open.contains(&Div::Items)
            && line.starts_with(['-', '*', '+'])
            && line[1..].starts_with(' ')
        {
            out.pause(range.start);
        }
        out.copy(src, range);
    }
    out.origin.push(src.len());
    out
}
