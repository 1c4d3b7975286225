//! Where each byte of a field's value is written in its file: the span
//! table every sub-parser of a text field (inline markup, math, Mermaid,
//! CSV cells) places its errors with.
//!
//! A value and its source differ: a block scalar's indentation, a quoted
//! scalar's escapes (`\n`, `\u00e9`, `''`, a CSV cell's `""`) and folded
//! line breaks. The table is built once per field, in one pass over the
//! value and its source (each moves only forward), so a parser that asks
//! for thousands of spans pays for the walk once.

use std::ops::Range;

use crate::diagnostics::{FileRef, Span};

/// How a field is written in its file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Quoting {
    /// A YAML scalar: plain, `'single'`, `"double"` or a `|`/`>` block.
    Yaml,
    /// A CSV cell: plain or `"quoted"` with `""` for a quote.
    Csv,
}

/// The style of one scalar, found from its first source character.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Style {
    Plain,
    Single,
    Double,
    CsvQuoted,
    /// A block scalar whose content is indented by this many spaces.
    Block(usize),
}

/// For each byte of a value, where it is written in the file.
pub(crate) struct SpanTable {
    /// The file the field is in.
    file: FileRef,
    /// `starts[k]` is where the source unit holding value byte `k` starts.
    starts: Vec<u32>,
    /// `ends[k]` is where that unit ends.
    ends: Vec<u32>,
}

impl SpanTable {
    /// Builds the table of `value`, written in `source` from byte `start`
    /// (at its opening quote or block indicator, or just after the quote).
    pub(crate) fn new(
        file: FileRef,
        source: &str,
        start: usize,
        value: &str,
        quoting: Quoting,
    ) -> Self {
        let start = start.min(source.len());
        let (style, mut pos) = style(source, start, quoting);
        let mut starts = Vec::with_capacity(value.len());
        let mut ends = Vec::with_capacity(value.len());
        let mut line_start = matches!(style, Style::Block(_));
        let clamp = |v: usize| u32::try_from(v).unwrap_or(u32::MAX);
        for c in value.chars() {
            let mut found = (source.len(), source.len());
            loop {
                if line_start {
                    pos = skip_indent(source, pos, style);
                    line_start = false;
                }
                let Some((unit, len)) = unit(source, pos, style) else {
                    break;
                };
                let here = pos;
                pos += len;
                line_start = unit == Some('\n');
                // A line break folded into a space stands for that space.
                if unit == Some(c) || (unit == Some('\n') && c == ' ') {
                    found = (here, pos);
                    break;
                }
            }
            starts.extend(std::iter::repeat_n(clamp(found.0), c.len_utf8()));
            ends.extend(std::iter::repeat_n(clamp(found.1), c.len_utf8()));
        }
        let end = ends.last().map_or(pos, |&e| e as usize);
        starts.push(clamp(end));
        Self { file, starts, ends }
    }

    /// The table of a text made from pieces of this field: `origin[k]` is
    /// the field byte that the text's byte `k` came from (a Markdown
    /// block's paragraph, rewritten into lectern's markup).
    pub(crate) fn remap(&self, origin: &[usize]) -> Self {
        let end = self.end();
        let pick = |v: &[u32], k: usize| v.get(k).copied().unwrap_or(end);
        let mut starts: Vec<u32> = origin.iter().map(|&k| pick(&self.starts, k)).collect();
        let ends: Vec<u32> = origin.iter().map(|&k| pick(&self.ends, k)).collect();
        starts.push(ends.last().copied().unwrap_or(end));
        Self {
            file: self.file,
            starts,
            ends,
        }
    }

    /// Where the field's value ends in the file.
    fn end(&self) -> u32 {
        self.starts.last().copied().unwrap_or(0)
    }

    /// Where value byte `k` is written (the value's end past its length).
    pub(crate) fn offset(&self, k: usize) -> usize {
        let last = self.starts.len().saturating_sub(1);
        self.starts.get(k.min(last)).map_or(0, |&v| v as usize)
    }

    /// The span of value bytes `range`: from its first character's place
    /// to the end of its last one's.
    pub(crate) fn span(&self, range: Range<usize>) -> Span {
        let start = self.offset(range.start);
        let end = match range.end.checked_sub(1) {
            Some(last) if range.end > range.start => {
                self.ends.get(last).map_or(start, |&v| v as usize)
            }
            _ => start,
        };
        Span::new(self.file, start..end.max(start))
    }
}

/// The style of the scalar written at `start` (its first character, just
/// after an opening quote), and where its content begins.
fn style(source: &str, start: usize, quoting: Quoting) -> (Style, usize) {
    let before = source[..start].chars().next_back();
    match (quoting, before) {
        (Quoting::Csv, _) if source[start..].starts_with('"') => (Style::CsvQuoted, start + 1),
        (Quoting::Csv, Some('"')) => (Style::CsvQuoted, start),
        (Quoting::Csv, _) => (Style::Plain, start),
        (_, Some('"')) => (Style::Double, start),
        (_, Some('\'')) => (Style::Single, start),
        _ => match block_indent(source, start) {
            // Each line is read from its start, its indentation skipped;
            // blank lines before the first text are the value's first.
            Some(indent) => (Style::Block(indent), block_start(source, start)),
            None => (Style::Plain, start),
        },
    }
}

/// A block scalar's content indentation, when `start` is the first
/// character of a block scalar's content: it stands at the start of its
/// line after spaces only, and the last non-blank line before it ends in a
/// `|` or `>` header.
fn block_indent(source: &str, start: usize) -> Option<usize> {
    let line_start = source[..start].rfind('\n').map_or(0, |i| i + 1);
    let indent = &source[line_start..start];
    if line_start == 0 || !indent.bytes().all(|b| b == b' ') {
        return None;
    }
    let header = source[..line_start - 1]
        .lines()
        .rev()
        .map(|line| line.split(" #").next().unwrap_or_default().trim_end())
        .find(|line| !line.is_empty())?;
    let indicators = header.trim_end_matches(|c: char| c.is_ascii_digit() || c == '-' || c == '+');
    let explicit = header[indicators.len()..]
        .chars()
        .find_map(|c| c.to_digit(10));
    if !indicators.ends_with(['|', '>']) {
        return None;
    }
    let parent = header.len() - header.trim_start_matches(' ').len();
    // A block that starts with blank lines takes its indentation from its
    // first line with text.
    let content = source[line_start..]
        .split('\n')
        .find(|l| !l.trim().is_empty())
        .map_or(indent.len(), |l| l.len() - l.trim_start_matches(' ').len());
    let indent = indent.len().max(content);
    Some(explicit.map_or(indent, |d| (parent + d as usize).min(indent)))
}

/// Where a block scalar whose first text is at `start` begins: the start
/// of that line, or of the blank lines above it.
fn block_start(source: &str, start: usize) -> usize {
    let mut at = source[..start].rfind('\n').map_or(0, |i| i + 1);
    while at > 0 {
        let prev = source[..at - 1].rfind('\n').map_or(0, |i| i + 1);
        if !source[prev..at - 1].trim().is_empty() {
            break;
        }
        at = prev;
    }
    at
}

/// Skips a block line's indentation.
fn skip_indent(source: &str, pos: usize, style: Style) -> usize {
    let Style::Block(indent) = style else {
        return pos;
    };
    let spaces = source[pos..]
        .bytes()
        .take(indent)
        .take_while(|&b| b == b' ')
        .count();
    pos + spaces
}

/// The source unit at `pos`: the character it stands for in the value (an
/// escape's meaning; `None` for an escaped line break, which stands for
/// nothing) and its length. `None` at the end of the source.
fn unit(source: &str, pos: usize, style: Style) -> Option<(Option<char>, usize)> {
    let rest = source.get(pos..)?;
    let c = rest.chars().next()?;
    match (style, c) {
        (Style::Double, '\\') => Some(escape(rest)),
        (Style::Single, '\'') if rest.starts_with("''") => Some((Some('\''), 2)),
        (Style::CsvQuoted, '"') if rest.starts_with("\"\"") => Some((Some('"'), 2)),
        (_, '\r') if rest.starts_with("\r\n") => Some((Some('\n'), 2)),
        _ => Some((Some(c), c.len_utf8())),
    }
}

/// A double-quoted escape at the start of `rest` (which starts with `\`):
/// its character and its length.
fn escape(rest: &str) -> (Option<char>, usize) {
    let Some(c) = rest[1..].chars().next() else {
        return (Some('\\'), 1);
    };
    let simple = match c {
        '0' => Some('\0'),
        'a' => Some('\x07'),
        'b' => Some('\x08'),
        't' | '\t' => Some('\t'),
        'n' => Some('\n'),
        'v' => Some('\x0b'),
        'f' => Some('\x0c'),
        'r' => Some('\r'),
        'e' => Some('\x1b'),
        ' ' => Some(' '),
        '"' => Some('"'),
        '/' => Some('/'),
        '\\' => Some('\\'),
        'N' => Some('\u{85}'),
        '_' => Some('\u{a0}'),
        'L' => Some('\u{2028}'),
        'P' => Some('\u{2029}'),
        _ => None,
    };
    if let Some(ch) = simple {
        return (Some(ch), 1 + c.len_utf8());
    }
    let digits = match c {
        'x' => 2,
        'u' => 4,
        'U' => 8,
        '\n' => return (None, 2),
        '\r' => return (None, if rest[2..].starts_with('\n') { 3 } else { 2 }),
        _ => return (Some('\\'), 1),
    };
    let hex = rest.get(2..2 + digits).unwrap_or_default();
    match u32::from_str_radix(hex, 16).ok().and_then(char::from_u32) {
        Some(ch) if hex.len() == digits => (Some(ch), 2 + digits),
        _ => (Some('\\'), 1),
    }
}

#[cfg(test)]
mod tests {
    use marked_yaml::Node;
    use proptest::prelude::*;

    use super::*;
    use crate::outline::parse::Parser;
    use crate::outline::{Spanned, Text};

    /// The value of key `k` in `yaml`, with its span table.
    fn field(yaml: &str) -> (Text, SpanTable) {
        let p = Parser::new(FileRef(0), yaml);
        let root = p.load().expect("test YAML loads");
        let Node::Mapping(map) = root else {
            panic!("a mapping")
        };
        let s = map.get_scalar("k").expect("a scalar k");
        let text = Spanned::new(s.as_str().to_owned(), p.scalar_span(s));
        let table = p.spans(&text);
        (text, table)
    }

    /// The source text the span table gives for the value's first `needle`.
    fn written<'a>(yaml: &'a str, needle: &str) -> &'a str {
        let (text, table) = field(yaml);
        let i = text.value.find(needle).expect("the needle is in the value");
        &yaml[table.span(i..i + needle.len()).range]
    }

    /// The line (from 1) and column (from 1) of a span's start.
    fn line_col(yaml: &str, yaml_needle: &str) -> (usize, usize) {
        let (text, table) = field(yaml);
        let i = text.value.find(yaml_needle).expect("needle");
        let at = table.offset(i);
        let line = yaml[..at].matches('\n').count() + 1;
        let col = at - yaml[..at].rfind('\n').map_or(0, |n| n + 1) + 1;
        (line, col)
    }

    #[test]
    fn plain_and_folded_plain_scalars_map_each_character() {
        assert_eq!(written("k: a b c\n", "c"), "c");
        assert_eq!(written("k: alpha\n  beta gamma\n", "gamma"), "gamma");
    }

    #[test]
    fn double_quoted_escapes_keep_later_characters_on_their_line() {
        // The `\n` escapes are not line breaks in the file: `c` is on line 1.
        let yaml = "k: \"flowchart LR\\n a --> b c\"\n";
        assert_eq!(written(yaml, "c"), "c");
        assert_eq!(line_col(yaml, " c").0, 1);
        assert_eq!(written("k: \"caf\\u00e9 x\"\n", "é"), "\\u00e9");
        assert_eq!(written("k: \"caf\\u00e9 x\"\n", "x"), "x");
        assert_eq!(written("k: \"say \\\"hi\\\" now\"\n", "now"), "now");
        assert_eq!(written("k: \"tab\\there\"\n", "here"), "here");
    }

    #[test]
    fn single_quoted_doubled_quotes_map_to_one_quote() {
        assert_eq!(written("k: 'it''s x'\n", "'"), "''");
        assert_eq!(written("k: 'it''s x'\n", "x"), "x");
    }

    #[test]
    fn block_scalars_starting_with_blank_lines_keep_their_lines() {
        let yaml = "k: |\n\n\n  first\n  second\n";
        assert_eq!(line_col(yaml, "second"), (5, 3));
        assert_eq!(written("k: |2\n\n    x\n", "  x"), "  x");
    }

    #[test]
    fn block_scalars_skip_their_indentation_but_keep_deeper_spaces() {
        let yaml = "k: |\n  a\n    b\n  c\n";
        assert_eq!(written(yaml, "  b"), "  b");
        assert_eq!(line_col(yaml, "c"), (4, 3));
        let folded = "k: >\n  one\n  two\n";
        assert_eq!(written(folded, "two"), "two");
        assert_eq!(line_col(folded, "two"), (3, 3));
    }

    #[test]
    fn csv_quoted_cells_map_doubled_quotes() {
        let source = "\"x \"\"y\"\" z\"";
        let table = SpanTable::new(FileRef(0), source, 0, "x \"y\" z", Quoting::Csv);
        assert_eq!(&source[table.span(6..7).range], "z");
        assert_eq!(&source[table.span(2..3).range], "\"\"");
        // A backslash is a character in CSV, not an escape.
        let table = SpanTable::new(FileRef(0), "a\\nb", 0, "a\\nb", Quoting::Csv);
        assert_eq!(table.offset(3), 3);
    }

    /// The characters a source range stands for, decoding escapes.
    fn decoded(source: &str, range: Range<usize>, style: Style) -> String {
        let mut out = String::new();
        let mut pos = range.start;
        while pos < range.end {
            let Some((c, len)) = unit(source, pos, style) else {
                break;
            };
            out.extend(c);
            pos += len;
        }
        out
    }

    /// A character and one way of writing it inside double quotes.
    fn written_char() -> impl Strategy<Value = (char, String)> {
        prop_oneof![
            "[a-z >|:;{}()\\[\\]-]".prop_map(|s| {
                let c = s.chars().next().unwrap_or('a');
                (c, c.to_string())
            }),
            Just(('\n', "\\n".to_string())),
            Just(('\t', "\\t".to_string())),
            Just(('"', "\\\"".to_string())),
            Just(('\\', "\\\\".to_string())),
            Just(('é', "\\u00e9".to_string())),
            Just(('é', "é".to_string())),
            Just(('容', "容".to_string())),
            Just(('A', "\\x41".to_string())),
        ]
    }

    proptest! {
        #[test]
        fn every_character_of_a_double_quoted_string_maps_onto_itself(
            chars in proptest::collection::vec(written_char(), 1..60)
        ) {
            let value: String = chars.iter().map(|(c, _)| *c).collect();
            let body: String = chars.iter().map(|(_, w)| w.as_str()).collect();
            let yaml = format!("k: \"{body}\"\n");
            let (text, table) = field(&yaml);
            prop_assert_eq!(&text.value, &value);
            let inside = 4..yaml.len() - 2;
            for (k, c) in value.char_indices() {
                let span = table.span(k..k + c.len_utf8());
                prop_assert!(inside.start <= span.range.start && span.range.end <= inside.end);
                prop_assert_eq!(decoded(&yaml, span.range, Style::Double), c.to_string());
            }
        }

        #[test]
        fn mermaid_errors_in_double_quoted_fields_point_at_their_characters(
            lines in proptest::collection::vec(
                prop_oneof![
                    Just("a --> b".to_string()),
                    Just("a[\\\"A\\\"] --> b c".to_string()),
                    Just("x --> ".to_string()),
                    Just("\\tb{B} -.-> c((C))".to_string()),
                    "[a-z]{1,4} [-=>.|]{1,4} [a-z]{1,4}",
                ],
                1..12,
            )
        ) {
            let body = format!("flowchart LR\\n{}", lines.join("\\n  "));
            let yaml = format!("k: \"{body}\"\n");
            let (text, table) = field(&yaml);
            let at = |r: Range<usize>| table.span(r);
            let raw = |r: Range<usize>| Span::new(FileRef(0), r);
            let placed = crate::outline::parse::mermaid_parse(&text.value, &at);
            let plain = crate::outline::parse::mermaid_parse(&text.value, &raw);
            if let (Err(e), Err(in_value)) = (placed, plain) {
                let span = e.span.expect("a located error");
                let r = in_value.span.expect("a located error").range;
                prop_assert!(4 <= span.range.start && span.range.end <= yaml.len() - 2);
                prop_assert_eq!(
                    decoded(&yaml, span.range, Style::Double),
                    text.value[r].to_string()
                );
            }
        }
    }
}
