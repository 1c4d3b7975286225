//! The only two doors from outline text into Typst source.
//!
//! - [`string`] encodes any text as a Typst string literal (code context).
//! - [`markup`] interprets lectern's inline markup (`**bold**`, `*emphasis*`,
//!   `` `code` ``, `[text](url)`, `{{key term}}`) and emits Typst calls; every
//!   other character
//!   reaches Typst inside a string literal, so it prints exactly as typed.
//!
//! Literal runs are emitted as `#"...";`: the semicolon ends the embedded
//! expression, so whatever we emit next can never be read as a method call or
//! field access on the string.

use std::fmt::Write as _;

/// Encodes text as a Typst string literal, quotes included.
pub fn string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Converts outline text with inline markup into Typst markup.
pub fn markup(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::new();
    emit(&chars, &mut out);
    out
}

/// Wraps markup in a content block: `[...]`.
pub fn content(text: &str) -> String {
    format!("[{}]", markup(text))
}

/// Emits a run of characters, recognising inline markup.
fn emit(chars: &[char], out: &mut String) {
    let mut literal = String::new();
    let mut i = 0;
    while i < chars.len() {
        // `\{{` is a literal `{{`, not a gap.
        if chars[i] == '\\' && chars[i + 1..].starts_with(&['{', '{']) {
            literal.push_str("{{");
            i += 3;
            continue;
        }
        if let Some((end, code)) = inline(chars, i) {
            flush(&mut literal, out);
            out.push_str(&code);
            i = end;
        } else {
            literal.push(chars[i]);
            i += 1;
        }
    }
    flush(&mut literal, out);
}

/// Writes pending literal text as a string literal.
fn flush(literal: &mut String, out: &mut String) {
    if !literal.is_empty() {
        let _ = write!(out, "#{};", string(literal));
        literal.clear();
    }
}

/// Recognises one inline construct starting at `i`, returning where it ends
/// and the Typst code for it.
fn inline(chars: &[char], i: usize) -> Option<(usize, String)> {
    match chars[i] {
        '`' => {
            let close = find(chars, i + 1, &['`'])?;
            let code: String = chars[i + 1..close].iter().collect();
            (!code.is_empty()).then(|| (close + 1, format!("#raw({});", string(&code))))
        }
        '*' if chars.get(i + 1) == Some(&'*') => {
            let close = find_delim(chars, i + 2, &['*', '*'])?;
            Some((
                close + 2,
                format!("#strong[{}];", nested(&chars[i + 2..close])),
            ))
        }
        '*' => {
            let close = find_delim(chars, i + 1, &['*'])?;
            Some((
                close + 1,
                format!("#emph[{}];", nested(&chars[i + 1..close])),
            ))
        }
        '{' if chars.get(i + 1) == Some(&'{') => {
            // A key term: shown in the deck, blanked in the gaps handout.
            let close = find(chars, i + 2, &['}', '}'])?;
            let term: String = chars[i + 2..close].iter().collect();
            (!term.trim().is_empty()).then(|| {
                (
                    close + 2,
                    format!(
                        "#lectern-gap({}, [{}]);",
                        string(term.trim()),
                        nested(&chars[i + 2..close])
                    ),
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
            let label = nested(&chars[i + 1..close]);
            Some((end + 1, format!("#link({})[{}];", string(&url), label)))
        }
        _ => None,
    }
}

/// Emits the inside of a construct.
fn nested(chars: &[char]) -> String {
    let mut out = String::new();
    emit(chars, &mut out);
    out
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
    fn strings_escape_quotes_backslashes_and_controls() {
        assert_eq!(string(r#"a"b\c"#), r#""a\"b\\c""#);
        assert_eq!(string("x\ny\u{7}"), "\"x\\ny\\u{7}\"");
    }

    #[test]
    fn typst_syntax_stays_literal() {
        let out = markup("#set page(fill: red) $x$ <a> @b");
        assert_eq!(out, "#\"#set page(fill: red) $x$ <a> @b\";");
    }

    #[test]
    fn inline_markup_becomes_calls() {
        assert_eq!(markup("**粗**"), "#strong[#\"粗\";];");
        assert_eq!(markup("*em*"), "#emph[#\"em\";];");
        assert_eq!(markup("`cf push`"), "#raw(\"cf push\");");
        assert_eq!(
            markup("[k8s](https://k8s.io)"),
            "#link(\"https://k8s.io\")[#\"k8s\";];"
        );
    }

    #[test]
    fn gaps_become_calls_and_escaped_braces_stay_literal() {
        assert_eq!(
            markup("用 {{调度器}} 分配"),
            "#\"用 \";#lectern-gap(\"调度器\", [#\"调度器\";]);#\" 分配\";"
        );
        assert_eq!(markup("\\{{x}}"), "#\"{{x}}\";");
    }

    #[test]
    fn unmatched_or_spaced_delimiters_stay_literal() {
        assert_eq!(markup("2 * 3 * 4"), "#\"2 * 3 * 4\";");
        assert_eq!(markup("[c] (d)"), "#\"[c] (d)\";");
        assert_eq!(markup("**open"), "#\"**open\";");
    }
}
