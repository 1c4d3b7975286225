//! lectern's inline markup, parsed once into a tree that each output
//! renders: Typst for the deck (`codegen::escape`), HTML for the presenter
//! console's notes (`present`). Validation reads the same parse
//! ([`problem`]), so what is refused and what is rendered never disagree.
//!
//! The constructs: `**bold**`, `*emphasis*`, `` `code` ``, `[text](url)`,
//! `{{key term}}` and inline math `\( LaTeX \)`; `\{{` is a literal `{{`
//! and `\\(` a literal `\(`. Anything else is text, exactly as typed (a `$`
//! included).
//!
//! The parser is linear in its input: the next position of every closing
//! delimiter is computed once, up front, so looking for a closer is a table
//! lookup, and a construct's body is parsed only once, by the call that owns
//! it. Nesting is bounded too: a body ends at the first closer of its own
//! kind, so a construct can only hold constructs of other kinds.

/// One piece of inline markup.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inline {
    /// Text to print as typed.
    Text(String),
    /// `` `code` ``.
    Code(String),
    /// `**bold**`.
    Strong(Vec<Inline>),
    /// `*emphasis*`.
    Emph(Vec<Inline>),
    /// `{{key term}}`: shown in the deck, blanked in the gap-fill handout.
    Gap {
        /// The term, trimmed (what the answer key lists).
        term: String,
        /// The term as marked up.
        body: Vec<Inline>,
    },
    /// `[text](url)`.
    Link {
        /// The address.
        url: String,
        /// The link text.
        body: Vec<Inline>,
    },
    /// `[text]{.class}`: text in one of the theme's colours (`accent`,
    /// `good`, `bad`, `muted`, `c1`...), or `underline`d.
    Span {
        /// The class, without its dot.
        class: String,
        /// The text.
        body: Vec<Inline>,
    },
    /// `\( LaTeX \)`: inline math.
    Math {
        /// The LaTeX between the delimiters.
        latex: String,
        /// Where it starts in the text, in bytes.
        at: usize,
    },
}

/// Parses outline text into inline pieces.
pub fn parse(text: &str) -> Vec<Inline> {
    Parser::new(text).pieces(0, text.chars().count())
}

/// The problem with a text's markup, if any: a `{{` never closed, or an
/// empty gap `{{}}`. A `{{` inside a code span, or written `\{{`, is text.
pub fn problem(text: &str) -> Option<String> {
    // Only gaps and inline math have problems: other text needs no parse.
    if !text.contains("{{") && !text.contains("\\(") {
        return None;
    }
    let mut p = Parser::new(text);
    let len = p.chars.len();
    p.pieces(0, len);
    p.problem
}

/// The inline math of a text (`\( ... \)`): each formula's LaTeX and its
/// byte offset in the text, in order.
pub fn maths(pieces: &[Inline]) -> Vec<(&str, usize)> {
    let mut out = Vec::new();
    for piece in pieces {
        match piece {
            Inline::Math { latex, at } => out.push((latex.as_str(), *at)),
            Inline::Strong(body)
            | Inline::Emph(body)
            | Inline::Link { body, .. }
            | Inline::Span { body, .. } => {
                out.extend(maths(body));
            }
            Inline::Gap { body, .. } => out.extend(maths(body)),
            Inline::Text(_) | Inline::Code(_) => {}
        }
    }
    out
}

/// The key terms a text marks (`{{term}}`), in order.
pub fn terms(pieces: &[Inline]) -> Vec<&str> {
    let mut out = Vec::new();
    for piece in pieces {
        match piece {
            Inline::Gap { term, .. } => out.push(term.as_str()),
            Inline::Strong(body)
            | Inline::Emph(body)
            | Inline::Link { body, .. }
            | Inline::Span { body, .. } => {
                out.extend(terms(body));
            }
            Inline::Text(_) | Inline::Code(_) | Inline::Math { .. } => {}
        }
    }
    out
}

/// The longest span class (`[text]{.class}`), in characters.
const MAX_CLASS: usize = 24;

/// The classes a span may have besides `c1`, `c2`...: colours of the
/// palette, and `underline`.
pub const SPAN_CLASSES: &[&str] = &["accent", "good", "bad", "muted", "underline"];

/// Whether a span class is one lectern draws (`c` and a series number
/// count).
pub fn known_class(class: &str) -> bool {
    SPAN_CLASSES.contains(&class)
        || class
            .strip_prefix('c')
            .and_then(|n| n.parse::<u8>().ok())
            .is_some_and(|n| (1..=99).contains(&n))
}

/// The span classes of a text lectern does not know, in order.
pub fn unknown_classes(pieces: &[Inline]) -> Vec<&str> {
    let mut out = Vec::new();
    for piece in pieces {
        match piece {
            Inline::Span { class, body } => {
                if !known_class(class) {
                    out.push(class.as_str());
                }
                out.extend(unknown_classes(body));
            }
            Inline::Strong(body) | Inline::Emph(body) | Inline::Link { body, .. } => {
                out.extend(unknown_classes(body));
            }
            Inline::Gap { body, .. } => out.extend(unknown_classes(body)),
            Inline::Text(_) | Inline::Code(_) | Inline::Math { .. } => {}
        }
    }
    out
}

/// Delimiters a construct may close with; `NEXT[d][i]` is the first
/// position at or after `i` where delimiter `d` starts.
const CLOSERS: [&[char]; 6] = [
    &['`'],
    &['*', '*'],
    &['*'],
    &['}', '}'],
    &[']'],
    &['\\', ')'],
];
/// Index of `` ` `` in [`CLOSERS`].
const TICK: usize = 0;
/// Index of `**`.
const STARS: usize = 1;
/// Index of `*`.
const STAR: usize = 2;
/// Index of `}}`.
const BRACES: usize = 3;
/// Index of `]`.
const BRACKET: usize = 4;
/// Index of `\)`.
const MATH_CLOSE: usize = 5;

/// The parser's state: the text as characters, the closer tables, and the
/// first problem found.
struct Parser {
    /// The text.
    chars: Vec<char>,
    /// The byte offset of each character (and of the end).
    bytes: Vec<usize>,
    /// For each closer, the next position where it starts (`len` if none).
    next: Vec<Vec<usize>>,
    /// Positions of `)`, like `next`.
    paren: Vec<usize>,
    /// The first markup problem seen.
    problem: Option<String>,
    /// Characters visited so far, over every body: the measure of work.
    work: usize,
    /// How many link bodies enclose the current one (a URL in a link's
    /// text is not a link of its own).
    linking: usize,
}

impl Parser {
    /// Prepares the closer tables in one backward pass per delimiter.
    fn new(text: &str) -> Self {
        let chars: Vec<char> = text.chars().collect();
        let table = |pat: &[char]| {
            let mut next = vec![chars.len(); chars.len() + 1];
            for i in (0..chars.len()).rev() {
                next[i] = if chars[i..].starts_with(pat) {
                    i
                } else {
                    next[i + 1]
                };
            }
            next
        };
        let next = CLOSERS.iter().map(|pat| table(pat)).collect();
        let paren = table(&[')']);
        let bytes = text
            .char_indices()
            .map(|(i, _)| i)
            .chain([text.len()])
            .collect();
        Self {
            chars,
            bytes,
            next,
            paren,
            problem: None,
            work: 0,
            linking: 0,
        }
    }

    /// The first position in `from..end` where closer `d` starts, whole.
    fn find(&self, d: usize, from: usize, end: usize) -> Option<usize> {
        let at = *self.next[d].get(from)?;
        (at + CLOSERS[d].len() <= end).then_some(at)
    }

    /// Parses the characters `start..end`.
    fn pieces(&mut self, start: usize, end: usize) -> Vec<Inline> {
        let mut out = Vec::new();
        let mut literal = String::new();
        let mut i = start;
        while i < end {
            self.work += 1;
            // `\{{` is a literal `{{`, not a gap; `\\(` a literal `\(`.
            if self.chars[i] == '\\' && self.chars[i + 1..end].starts_with(&['{', '{']) {
                literal.push_str("{{");
                i += 3;
                continue;
            }
            if self.chars[i..end].starts_with(&['\\', '\\', '(']) {
                literal.push_str("\\(");
                i += 3;
                continue;
            }
            if let Some((next, piece)) = self.construct(i, end) {
                if !literal.is_empty() {
                    out.push(Inline::Text(std::mem::take(&mut literal)));
                }
                out.push(piece);
                i = next;
            } else {
                literal.push(self.chars[i]);
                i += 1;
            }
        }
        if !literal.is_empty() {
            out.push(Inline::Text(literal));
        }
        out
    }

    /// The text of `from..to`.
    fn text(&self, from: usize, to: usize) -> String {
        self.chars[from..to].iter().collect()
    }

    /// Notes a problem (the first one is kept).
    fn report(&mut self, problem: &str) {
        self.problem.get_or_insert_with(|| problem.to_string());
    }

    /// Recognises one construct starting at `i` (inside `..end`), returning
    /// where it ends.
    fn construct(&mut self, i: usize, end: usize) -> Option<(usize, Inline)> {
        let at = |j: usize| (j < end).then(|| self.chars[j]);
        match self.chars[i] {
            '\\' if at(i + 1) == Some('(') => {
                let Some(close) = self.find(MATH_CLOSE, i + 2, end) else {
                    self.report("`\\(` is never closed with `\\)`");
                    return None;
                };
                Some((
                    close + 2,
                    Inline::Math {
                        latex: self.text(i + 2, close),
                        at: self.bytes[i + 2],
                    },
                ))
            }
            '`' => {
                let close = self.find(TICK, i + 1, end)?;
                (close > i + 1).then(|| (close + 1, Inline::Code(self.text(i + 1, close))))
            }
            // `***both***`: bold and emphasis at once.
            '*' if at(i + 1) == Some('*') && at(i + 2) == Some('*') => {
                let close = self.delim(STARS, i + 3, end)?;
                (at(close + 2) == Some('*')).then(|| {
                    let body = self.pieces(i + 3, close);
                    (close + 3, Inline::Strong(vec![Inline::Emph(body)]))
                })
            }
            '*' if at(i + 1) == Some('*') => {
                let close = self.delim(STARS, i + 2, end)?;
                Some((close + 2, Inline::Strong(self.pieces(i + 2, close))))
            }
            '*' => {
                let close = self.delim(STAR, i + 1, end)?;
                Some((close + 1, Inline::Emph(self.pieces(i + 1, close))))
            }
            '{' if at(i + 1) == Some('{') => {
                let Some(close) = self.find(BRACES, i + 2, end) else {
                    self.report("`{{` is never closed with `}}`");
                    return None;
                };
                let term = self.text(i + 2, close);
                if term.trim().is_empty() {
                    self.report("an empty gap `{{}}`: there is no term to blank out");
                    return None;
                }
                let body = self.pieces(i + 2, close);
                Some((
                    close + 2,
                    Inline::Gap {
                        term: term.trim().to_string(),
                        body,
                    },
                ))
            }
            '[' => {
                let close = self.find(BRACKET, i + 1, end)?;
                if close == i + 1 {
                    return None;
                }
                if at(close + 1) == Some('{') && at(close + 2) == Some('.') {
                    // A class is a short word: looking a few characters
                    // ahead keeps the parse linear.
                    let name: String = (close + 3..end.min(close + 3 + MAX_CLASS))
                        .map_while(|j| at(j).filter(|c| c.is_ascii_alphanumeric() || *c == '-'))
                        .collect();
                    let stop = close + 3 + name.chars().count();
                    if name.is_empty() || at(stop) != Some('}') {
                        return None;
                    }
                    let body = self.pieces(i + 1, close);
                    return Some((stop + 1, Inline::Span { class: name, body }));
                }
                if at(close + 1) != Some('(') {
                    return None;
                }
                let stop = *self.paren.get(close + 2)?;
                if stop >= end {
                    return None;
                }
                let url = self.text(close + 2, stop);
                if url.is_empty() || url.chars().any(char::is_whitespace) {
                    return None;
                }
                self.linking += 1;
                let body = self.pieces(i + 1, close);
                self.linking -= 1;
                Some((stop + 1, Inline::Link { url, body }))
            }
            'h' if self.linking == 0 && (i == 0 || !self.chars[i - 1].is_alphanumeric()) => {
                let stop = self.bare_url(i, end)?;
                let url = self.text(i, stop);
                let body = vec![Inline::Text(url.clone())];
                Some((stop, Inline::Link { url, body }))
            }
            _ => None,
        }
    }

    /// The end of a bare `http://` or `https://` address starting at `i`:
    /// before whitespace, `<`, `>`, `"`, a backtick or Chinese punctuation,
    /// and before the punctuation that ends a sentence (`.`, `,`, `)` when
    /// the address opened none).
    fn bare_url(&mut self, i: usize, end: usize) -> Option<usize> {
        let starts = |p: &str| {
            let p: Vec<char> = p.chars().collect();
            self.chars[i..end].starts_with(&p)
        };
        let scheme = if starts("https://") {
            8
        } else if starts("http://") {
            7
        } else {
            return None;
        };
        let mut stop = i + scheme;
        while stop < end && !ends_url(self.chars[stop]) {
            stop += 1;
        }
        self.work += stop - i;
        loop {
            let last = self.chars[stop - 1];
            let opened = |open: char| self.chars[i..stop - 1].contains(&open);
            let trailing = matches!(last, '.' | ',' | ';' | ':' | '!' | '?' | '\'' | '*' | '_')
                || (last == ')' && !opened('('))
                || (last == ']' && !opened('['))
                || (last == '}' && !opened('{'));
            if !trailing || stop <= i + scheme {
                break;
            }
            stop -= 1;
        }
        (stop > i + scheme).then_some(stop)
    }

    /// Finds a closing emphasis delimiter: the content must be non-empty
    /// and must not start or end with whitespace (so `2 * 3 * 4` stays
    /// literal).
    fn delim(&self, d: usize, from: usize, end: usize) -> Option<usize> {
        if from >= end || self.chars[from].is_whitespace() || self.chars[from] == '*' {
            return None;
        }
        let close = self.find(d, from, end)?;
        (close > from && !self.chars[close - 1].is_whitespace()).then_some(close)
    }
}

/// Whether a character ends a bare address: whitespace, `<>"` and the
/// backtick, and the full-width punctuation of Chinese text.
fn ends_url(c: char) -> bool {
    c.is_whitespace()
        || matches!(c, '<' | '>' | '"' | '`')
        || matches!(
            c,
            '。' | '，'
                | '、'
                | '；'
                | '：'
                | '！'
                | '？'
                | '）'
                | '（'
                | '「'
                | '」'
                | '『'
                | '』'
                | '【'
                | '】'
                | '《'
                | '》'
                | '“'
                | '”'
                | '‘'
                | '’'
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn constructs_nest_and_the_rest_is_text() {
        assert_eq!(
            parse("a **b *c* d** [d](u) `e`"),
            vec![
                Inline::Text("a ".into()),
                Inline::Strong(vec![
                    Inline::Text("b ".into()),
                    Inline::Emph(vec![Inline::Text("c".into())]),
                    Inline::Text(" d".into()),
                ]),
                Inline::Text(" ".into()),
                Inline::Link {
                    url: "u".into(),
                    body: vec![Inline::Text("d".into())]
                },
                Inline::Text(" ".into()),
                Inline::Code("e".into()),
            ]
        );
        assert_eq!(parse("2 * 3 * 4"), vec![Inline::Text("2 * 3 * 4".into())]);
        assert_eq!(
            parse("***both***"),
            vec![Inline::Strong(vec![Inline::Emph(vec![Inline::Text(
                "both".into()
            )])])]
        );
    }

    #[test]
    fn a_span_takes_a_class_and_holds_other_markup() {
        assert_eq!(
            parse("a [**b**]{.accent} [c](u) [d]{x} [e]{.}"),
            vec![
                Inline::Text("a ".into()),
                Inline::Span {
                    class: "accent".into(),
                    body: vec![Inline::Strong(vec![Inline::Text("b".into())])],
                },
                Inline::Text(" ".into()),
                Inline::Link {
                    url: "u".into(),
                    body: vec![Inline::Text("c".into())]
                },
                Inline::Text(" [d]{x} [e]{.}".into()),
            ]
        );
        assert!(known_class("c3") && known_class("bad") && !known_class("c0"));
        assert_eq!(
            unknown_classes(&parse("[a]{.acent} [b]{.good}")),
            vec!["acent"]
        );
    }

    #[test]
    fn a_gap_inside_code_or_escaped_is_text_and_not_a_problem() {
        assert_eq!(problem("write `{{` to open"), None);
        assert_eq!(problem("a literal \\{{ here"), None);
        assert!(problem("an open {{ gap").is_some());
        assert!(problem("an empty {{ }} gap").is_some());
        assert_eq!(
            terms(&parse("**{{调度器}}** and {{Pod}}")),
            ["调度器", "Pod"]
        );
    }

    #[test]
    fn a_link_needs_its_parenthesis_inside_the_body() {
        // The `)` after the strong's closer does not belong to the link.
        assert_eq!(
            parse("**[a](b** c)"),
            vec![
                Inline::Strong(vec![Inline::Text("[a](b".into())]),
                Inline::Text(" c)".into())
            ]
        );
    }

    #[test]
    fn pathological_text_is_parsed_in_linear_work() {
        // 1 MB of each opener with no closer, and of nested openers: a
        // rescan per opener would visit each character a million times.
        for unit in ["[", "`", "*", "{{", "](", "**a", "[a](", "*a ", "{{a", "`a"] {
            let text = unit.repeat(1_000_000 / unit.len());
            let mut p = Parser::new(&text);
            let len = p.chars.len();
            let pieces = p.pieces(0, len);
            assert!(!pieces.is_empty());
            assert!(
                p.work <= 2 * len,
                "{unit:?}: {} visits for {len} characters",
                p.work
            );
        }
        // Closed constructs too: each body is visited once by its owner.
        let text = "**a** *b* `c` {{d}} [e](f) ".repeat(40_000);
        let mut p = Parser::new(&text);
        let len = p.chars.len();
        p.pieces(0, len);
        assert!(p.work <= 2 * len);
    }

    #[test]
    fn a_bare_address_is_a_link_ending_before_the_sentences_punctuation() {
        let link = |url: &str| Inline::Link {
            url: url.into(),
            body: vec![Inline::Text(url.into())],
        };
        assert_eq!(
            parse("See https://kubernetes.io/docs. Then"),
            vec![
                Inline::Text("See ".into()),
                link("https://kubernetes.io/docs"),
                Inline::Text(". Then".into()),
            ]
        );
        assert_eq!(
            parse("见 https://zh.wikipedia.org/wiki/容器。下一句"),
            vec![
                Inline::Text("见 ".into()),
                link("https://zh.wikipedia.org/wiki/容器"),
                Inline::Text("。下一句".into()),
            ]
        );
        assert_eq!(
            parse("(https://en.wikipedia.org/wiki/Borg_(cluster), p. 2)"),
            vec![
                Inline::Text("(".into()),
                link("https://en.wikipedia.org/wiki/Borg_(cluster)"),
                Inline::Text(", p. 2)".into()),
            ]
        );
        // In a link's own text, in code, glued to a word, or a bare scheme: text.
        assert_eq!(
            parse("[https://a.org](https://a.org)"),
            vec![link("https://a.org")]
        );
        assert_eq!(
            parse("`http://x.org`"),
            vec![Inline::Code("http://x.org".into())]
        );
        assert_eq!(
            parse("xhttp://x.org"),
            vec![Inline::Text("xhttp://x.org".into())]
        );
        assert_eq!(parse("https://."), vec![Inline::Text("https://.".into())]);
    }
}
