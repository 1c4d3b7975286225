//! The text side of a `markdown:` block: the pass over the raw text that
//! CommonMark needs first, and the texts built from its events, each byte
//! with the place in the field it came from.
//!
//! CommonMark reads `\(` and `\[` as escaped brackets, so before parsing,
//! `\( … \)` becomes `$…$` and `\[ … \]` becomes `$$…$$` (outside code),
//! which pulldown-cmark's math option reads. Every byte keeps its origin,
//! so an error in a formula or a gap still points into the YAML string.

use std::ops::Range;

use crate::world::fonts::is_cjk;

/// The Markdown as pulldown-cmark reads it, and for each of its bytes the
/// byte of the field's value it came from (one more entry for the end).
#[derive(Debug, Default)]
pub(super) struct Prepared {
    /// The text to parse.
    pub text: String,
    /// `origin[k]`: the field byte that byte `k` came from.
    pub origin: Vec<usize>,
}

impl Prepared {
    /// Appends `s`, every byte of it standing for field byte `at`.
    fn push_at(&mut self, s: &str, at: usize) {
        self.text.push_str(s);
        self.origin.extend(std::iter::repeat_n(at, s.len()));
    }

    /// Appends bytes `range` of `src`, whose byte `k` came from field
    /// byte `base[k]`.
    fn copy_from(&mut self, src: &str, base: &[usize], range: Range<usize>) {
        self.text.push_str(&src[range.clone()]);
        self.origin
            .extend(range.map(|k| base.get(k).copied().unwrap_or(k)));
    }

    /// The field bytes that prepared bytes `range` came from.
    pub fn field_range(&self, range: &Range<usize>) -> Range<usize> {
        let at = |k: usize| self.origin.get(k).copied().unwrap_or(0);
        let start = at(range.start);
        let end = match range.end.checked_sub(1) {
            Some(last) if range.end > range.start => at(last) + 1,
            _ => start,
        };
        start..end.max(start)
    }
}

/// Prepares a field's Markdown for pulldown-cmark: `\(…\)` and `\[…\]`
/// outside code become dollar math. `base[k]` is the field byte that byte
/// `k` of `src` came from. Linear: the next closer and the next blank line
/// are each looked for again only once passed.
pub(super) fn prepare(src: &str, base: &[usize]) -> Prepared {
    let mut out = Prepared {
        text: String::with_capacity(src.len()),
        origin: Vec::with_capacity(src.len() + 1),
    };
    let mut fences = fenced_lines(src).into_iter().peekable();
    // The next "\n\n", `\)` and `\]` at or after the last place asked.
    let mut next = [0, 0, 0];
    let mut find = |which: usize, from: usize| {
        if next[which] < from {
            let pat = ["\n\n", "\\)", "\\]"][which];
            next[which] = src[from..].find(pat).map_or(usize::MAX, |k| from + k);
        }
        next[which]
    };
    let mut i = 0;
    while i < src.len() {
        while fences.peek().is_some_and(|f| f.end <= i) {
            fences.next();
        }
        if let Some(f) = fences.peek().filter(|f| f.start <= i) {
            let end = f.end;
            out.copy_from(src, base, i..end);
            i = end;
            continue;
        }
        let rest = &src[i..];
        let para_end = find(0, i).min(src.len());
        if rest.starts_with('`') {
            let run = rest.bytes().take_while(|&b| b == b'`').count();
            let line_end = i + rest.find('\n').unwrap_or(rest.len());
            let end = code_span_end(src, i, run, line_end);
            out.copy_from(src, base, i..end);
            i = end;
        } else if rest.starts_with("\\\\") {
            out.copy_from(src, base, i..i + 2);
            i += 2;
        } else if rest.starts_with("\\(") || rest.starts_with("\\[") {
            let (which, dollars) = if rest.starts_with("\\(") {
                (1, "$")
            } else {
                (2, "$$")
            };
            let close = find(which, i + 2);
            let body = src.get(i + 2..close).unwrap_or("");
            if close < para_end && !body.trim().is_empty() {
                let lead = body.len() - body.trim_start().len();
                let trail = body.len() - body.trim_end().len();
                out.push_at(dollars, base[i]);
                out.copy_from(src, base, i + 2 + lead..close - trail);
                out.push_at(dollars, base[close]);
                i = close + 2;
            } else {
                out.copy_from(src, base, i..i + 2);
                i += 2;
            }
        } else {
            let len = rest.chars().next().map_or(1, char::len_utf8);
            out.copy_from(src, base, i..i + len);
            i += len;
        }
    }
    out.origin
        .push(base.get(src.len()).copied().unwrap_or(src.len()));
    out
}

/// The byte ranges of fenced code blocks (``` or ~~~, fence lines
/// included), which the math pass leaves alone.
pub(super) fn fenced_lines(src: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut open: Option<(u8, usize, usize)> = None;
    let mut at = 0;
    for line in src.split_inclusive('\n') {
        let t = line.trim_start_matches(' ');
        let fence = t.bytes().next().filter(|b| matches!(b, b'`' | b'~'));
        let run = fence.map_or(0, |f| t.bytes().take_while(|&b| b == f).count());
        match (open, fence) {
            (None, Some(f)) if run >= 3 => open = Some((f, run, at)),
            (Some((f, n, start)), Some(g)) if f == g && run >= n && t[run..].trim().is_empty() => {
                out.push(start..at + line.len());
                open = None;
            }
            _ => {}
        }
        at += line.len();
    }
    if let Some((_, _, start)) = open {
        out.push(start..src.len());
    }
    out
}

/// Where an inline code span opened by `run` backticks at `i` ends (past
/// its closing run), or just past the opening run if it never closes.
fn code_span_end(src: &str, i: usize, run: usize, limit: usize) -> usize {
    let mut j = i + run;
    while j < limit {
        match src[j..limit].find('`') {
            Some(k) => {
                let at = j + k;
                let n = src[at..].bytes().take_while(|&b| b == b'`').count();
                if n == run {
                    return at + n;
                }
                j = at + n;
            }
            None => break,
        }
    }
    i + run
}

/// A text made from Markdown events, in lectern's inline markup, each byte
/// with the field byte it came from.
#[derive(Debug, Default, Clone)]
pub(super) struct Out {
    /// The markup.
    pub text: String,
    /// `origin[k]`: the field byte that byte `k` came from.
    pub origin: Vec<usize>,
    /// A line break of the source waiting for the next text: a space,
    /// or nothing between two CJK characters.
    soft_break: Option<usize>,
}

impl Out {
    /// Appends `s`, written for field byte `at` (a delimiter lectern's
    /// markup spells its own way).
    pub fn push_at(&mut self, s: &str, at: usize) {
        self.flush_break(s);
        self.text.push_str(s);
        self.origin.extend(std::iter::repeat_n(at, s.len()));
    }

    /// Appends prepared bytes `range` as they are.
    pub fn copy(&mut self, prep: &Prepared, range: Range<usize>) {
        let s = &prep.text[range.clone()];
        self.flush_break(s);
        self.text.push_str(s);
        self.origin
            .extend(range.map(|k| prep.origin.get(k).copied().unwrap_or(0)));
    }

    /// Appends `decoded`, the text CommonMark read from prepared bytes
    /// `range` (escapes and entities resolved): each character is placed
    /// at the next source character equal to it.
    pub fn decoded(&mut self, prep: &Prepared, decoded: &str, range: Range<usize>) {
        let src = &prep.text[range.clone()];
        if src == decoded {
            return self.copy(prep, range);
        }
        self.flush_break(decoded);
        let mut pos = 0;
        for c in decoded.chars() {
            let found = src[pos..].find(c).map(|k| pos + k);
            let at = found.unwrap_or(pos);
            // `\{{` stays escaped: lectern reads it as a literal `{{`.
            if c == '{' && src[..at].ends_with('\\') && src[at..].starts_with("{{") {
                self.text.push('\\');
                self.origin
                    .push(prep.origin.get(range.start + at - 1).copied().unwrap_or(0));
            }
            self.text.push(c);
            let origin = prep.origin.get(range.start + at).copied().unwrap_or(0);
            self.origin
                .extend(std::iter::repeat_n(origin, c.len_utf8()));
            if let Some(k) = found {
                pos = k + c.len_utf8();
            }
        }
    }

    /// Marks a soft line break at field byte `at`.
    pub fn soft_break(&mut self, at: usize) {
        if !self.text.is_empty() {
            self.soft_break = Some(at);
        }
    }

    /// Writes a pending soft break before `next`: a space, except between
    /// two CJK characters, where a line break stands for nothing.
    fn flush_break(&mut self, next: &str) {
        let Some(at) = self.soft_break.take() else {
            return;
        };
        let before = self.text.chars().next_back().is_some_and(is_cjk);
        let after = next.chars().next().is_some_and(is_cjk);
        if !(before && after) {
            self.text.push(' ');
            self.origin.push(at);
        }
    }

    /// Whether the text is blank.
    pub fn is_blank(&self) -> bool {
        self.text.trim().is_empty()
    }

    /// The text without leading and trailing white space.
    pub fn trimmed(mut self) -> Self {
        let end = self.text.trim_end().len();
        self.text.truncate(end);
        self.origin.truncate(end);
        let start = self.text.len() - self.text.trim_start().len();
        self.text.drain(..start);
        self.origin.drain(..start);
        self.soft_break = None;
        self
    }

    /// Appends another text.
    pub fn append(&mut self, other: &Out) {
        self.flush_break(&other.text);
        self.text.push_str(&other.text);
        self.origin.extend_from_slice(&other.origin);
    }

    /// The field bytes the text came from, first to last.
    pub fn field_range(&self) -> Range<usize> {
        let start = self.origin.iter().copied().min().unwrap_or(0);
        let end = self.origin.iter().copied().max().map_or(start, |e| e + 1);
        start..end
    }

    /// Field bytes `range` of `field`, as a text.
    pub fn field(field: &str, range: Range<usize>) -> Out {
        Out {
            text: field[range.clone()].to_string(),
            origin: range.collect(),
            soft_break: None,
        }
    }

    /// The bytes `range` of this text, as a text of its own.
    pub fn slice(&self, range: Range<usize>) -> Out {
        Out {
            text: self.text[range.clone()].to_string(),
            origin: self.origin[range].to_vec(),
            soft_break: None,
        }
    }
}
