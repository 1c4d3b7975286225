//! lectern's inline markup, parsed once into a tree that each output
//! renders: Typst for the deck (`codegen::escape`), HTML for the presenter
//! console's notes (`present`).
//!
//! The constructs: `**bold**`, `*emphasis*`, `` `code` ``, `[text](url)` and
//! `{{key term}}`; `\{{` is a literal `{{`. Anything else is text, exactly as
//! typed.

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
}

/// Parses outline text into inline pieces.
pub fn parse(text: &str) -> Vec<Inline> {
    let chars: Vec<char> = text.chars().collect();
    pieces(&chars)
}

/// Parses a run of characters, recognising inline markup.
fn pieces(chars: &[char]) -> Vec<Inline> {
    let mut out = Vec::new();
    let mut literal = String::new();
    let mut i = 0;
    while i < chars.len() {
        // `\{{` is a literal `{{`, not a gap.
        if chars[i] == '\\' && chars[i + 1..].starts_with(&['{', '{']) {
            literal.push_str("{{");
            i += 3;
            continue;
        }
        if let Some((end, piece)) = construct(chars, i) {
            if !literal.is_empty() {
                out.push(Inline::Text(std::mem::take(&mut literal)));
            }
            out.push(piece);
            i = end;
        } else {
            literal.push(chars[i]);
            i += 1;
        }
    }
    if !literal.is_empty() {
        out.push(Inline::Text(literal));
    }
    out
}

/// Recognises one construct starting at `i`, returning where it ends.
fn construct(chars: &[char], i: usize) -> Option<(usize, Inline)> {
    match chars[i] {
        '`' => {
            let close = find(chars, i + 1, &['`'])?;
            let code: String = chars[i + 1..close].iter().collect();
            (!code.is_empty()).then(|| (close + 1, Inline::Code(code)))
        }
        '*' if chars.get(i + 1) == Some(&'*') => {
            let close = find_delim(chars, i + 2, &['*', '*'])?;
            Some((close + 2, Inline::Strong(pieces(&chars[i + 2..close]))))
        }
        '*' => {
            let close = find_delim(chars, i + 1, &['*'])?;
            Some((close + 1, Inline::Emph(pieces(&chars[i + 1..close]))))
        }
        '{' if chars.get(i + 1) == Some(&'{') => {
            let close = find(chars, i + 2, &['}', '}'])?;
            let term: String = chars[i + 2..close].iter().collect();
            (!term.trim().is_empty()).then(|| {
                (
                    close + 2,
                    Inline::Gap {
                        term: term.trim().to_string(),
                        body: pieces(&chars[i + 2..close]),
                    },
                )
            })
        }
        '[' => {
            let close = find(chars, i + 1, &[']'])?;
            if chars.get(close + 1) != Some(&'(') || close == i + 1 {
                return None;
            }
            let end = find(chars, close + 2, &[')'])?;
            let url: String = chars[close + 2..end].iter().collect();
            if url.is_empty() || url.chars().any(char::is_whitespace) {
                return None;
            }
            Some((
                end + 1,
                Inline::Link {
                    url,
                    body: pieces(&chars[i + 1..close]),
                },
            ))
        }
        _ => None,
    }
}

/// Finds the next occurrence of `pat` at or after `from`.
fn find(chars: &[char], from: usize, pat: &[char]) -> Option<usize> {
    (from..chars.len().saturating_sub(pat.len() - 1)).find(|&j| chars[j..].starts_with(pat))
}

/// Finds a closing emphasis delimiter: the content must be non-empty and must
/// not start or end with whitespace (so `2 * 3 * 4` stays literal).
fn find_delim(chars: &[char], from: usize, pat: &[char]) -> Option<usize> {
    if chars
        .get(from)
        .is_none_or(|c| c.is_whitespace() || *c == '*')
    {
        return None;
    }
    let close = find(chars, from, pat)?;
    (close > from && !chars[close - 1].is_whitespace()).then_some(close)
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
    }
}
