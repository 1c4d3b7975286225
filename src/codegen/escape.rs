//! The only two doors from outline text into Typst source.
//!
//! - [`string`] encodes any text as a Typst string literal (code context).
//! - [`markup`] renders lectern's inline markup (parsed by
//!   [`crate::outline::inline`]) as Typst calls; every other character
//!   reaches Typst inside a string literal, so it prints exactly as typed.
//!
//! Literal runs are emitted as `#"...";`: the semicolon ends the embedded
//! expression, so whatever we emit next can never be read as a method call or
//! field access on the string.

use std::fmt::Write as _;

use crate::outline::inline::{self, Inline};

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

/// The deck's LaTeX macros (`macros:`), by name without the backslash:
/// every emitter of text takes them, for the inline math the text holds.
pub type Macros = [(String, String)];

/// Converts outline text with inline markup into Typst markup.
pub fn markup(text: &str, macros: &Macros) -> String {
    let mut out = String::new();
    emit(&inline::parse(text), &mut out, macros);
    out
}

/// LaTeX converted to Typst math (the deck's macros applied), if it
/// converts.
pub fn math_body(latex: &str, macros: &Macros) -> Option<String> {
    crate::outline::math::convert(latex, macros).ok()
}

/// LaTeX as Typst math between `$`s, with the LaTeX as the equation's alt
/// text (`display`: a block). LaTeX that does not convert (refused when the
/// outline was read) prints as typed.
pub fn math(latex: &str, display: bool, macros: &Macros) -> String {
    match crate::outline::math::convert(latex, macros) {
        Ok(typst) if display => {
            format!("#[#set math.equation(alt: {});$ {typst} $]", string(latex))
        }
        // Inline math is written without spaces inside its `$`s: Typst
        // reads `$ x $` as a display equation (`\( x \)` as README writes it).
        Ok(typst) => format!(
            "#[#set math.equation(alt: {});${}$];",
            string(latex.trim()),
            typst.trim()
        ),
        Err(_) => format!("#{};", string(latex)),
    }
}

/// The deck's equation numbers as Typst: `lectern-labels` (label → the
/// number shown) and the calls a converted formula makes with it:
/// `lectern-number` (a labelled row's "(n)"), `lectern-eqref` ("(n)") and
/// `lectern-ref` ("n").
pub fn equation_defs(table: &[(String, String)]) -> String {
    let entries: String = table
        .iter()
        .map(|(label, shown)| format!("{}: {}, ", string(label), string(shown)))
        .collect();
    let entries = if entries.is_empty() {
        ":".to_string()
    } else {
        entries
    };
    format!(
        "#let lectern-labels = ({entries})\n#let lectern-ref(key) = lectern-labels.at(key, default: \"?\")\n#let lectern-number(key) = \"(\" + lectern-ref(key) + \")\"\n#let lectern-eqref(key) = lectern-number(key)\n"
    )
}

/// Wraps markup in a content block: `[...]`.
pub fn content(text: &str, macros: &Macros) -> String {
    format!("[{}]", markup(text, macros))
}

/// Emits parsed inline pieces as Typst calls and string literals.
fn emit(pieces: &[Inline], out: &mut String, macros: &Macros) {
    for piece in pieces {
        match piece {
            Inline::Text(text) => text_by_script(text, out),
            Inline::Code(code) => {
                let _ = write!(out, "#raw({});", string(code));
            }
            Inline::Strong(body) => wrap("#strong[", body, "];", out, macros),
            Inline::Emph(body) => wrap("#emph[", body, "];", out, macros),
            Inline::Gap { term, body } => {
                // A key term: shown in the deck, blanked in the gaps handout.
                let open = format!("#lectern-gap({}, [", string(term));
                wrap(&open, body, "]);", out, macros);
            }
            Inline::Link { url, body } => {
                wrap(&format!("#link({})[", string(url)), body, "];", out, macros);
            }
            // An unknown class (warned about at its line) is plain text.
            Inline::Span { class, body } if crate::outline::inline::known_class(class) => {
                wrap(
                    &format!("#lectern-span({})[", string(class)),
                    body,
                    "];",
                    out,
                    macros,
                );
            }
            Inline::Span { body, .. } => emit(body, out, macros),
            Inline::Math { latex, .. } => out.push_str(&math(latex, false, macros)),
        }
    }
}

/// Punctuation that Chinese and Latin text share; each takes the face of its
/// neighbours.
const SHARED_PUNCTUATION: &[char] = &[
    '\u{2018}', '\u{2019}', '\u{201C}', '\u{201D}', '\u{2010}', '\u{2013}', '\u{2014}', '\u{2026}',
];

/// Emits literal text. Punctuation shared by Chinese and Latin text (’ “ ”
/// ‐ – — …) is set in the CJK face (`lectern-cjk`) when the nearest letter
/// on either side is Han, Kana or Hangul, and in the Latin face (the
/// theme's first) otherwise: “中文” stays full-width, "It’s" proportional.
fn text_by_script(text: &str, out: &mut String) {
    if !text.contains(SHARED_PUNCTUATION) {
        let _ = write!(out, "#{};", string(text));
        return;
    }
    let chars: Vec<char> = text.chars().collect();
    // The nearest letter before and after each position, in two passes.
    let mut before = vec![None; chars.len()];
    let mut last = None;
    for (i, c) in chars.iter().enumerate() {
        before[i] = last;
        if c.is_alphanumeric() {
            last = Some(*c);
        }
    }
    let mut after = vec![None; chars.len()];
    let mut next = None;
    for (i, c) in chars.iter().enumerate().rev() {
        after[i] = next;
        if c.is_alphanumeric() {
            next = Some(*c);
        }
    }
    let cjk = |n: Option<char>| n.is_some_and(crate::world::fonts::is_cjk);
    let in_cjk =
        |i: usize| SHARED_PUNCTUATION.contains(&chars[i]) && (cjk(before[i]) || cjk(after[i]));
    // One `lectern-cjk` call per stretch of such punctuation and the CJK
    // text around it (“引号” is one call), so Typst shapes few extra runs.
    let joins = |c: char| {
        crate::world::fonts::is_cjk(c) || matches!(c as u32, 0x3000..=0x303F | 0xFF00..=0xFFEF)
    };
    let mut run = String::new();
    let mut i = 0;
    while i < chars.len() {
        if !in_cjk(i) {
            run.push(chars[i]);
            i += 1;
            continue;
        }
        // Take back the CJK text just before it.
        let mut stretch: Vec<char> = Vec::new();
        while run.chars().last().is_some_and(joins) {
            stretch.extend(run.pop());
        }
        stretch.reverse();
        while i < chars.len() && (in_cjk(i) || joins(chars[i])) {
            stretch.push(chars[i]);
            i += 1;
        }
        if !run.is_empty() {
            let _ = write!(out, "#{};", string(&std::mem::take(&mut run)));
        }
        let stretch: String = stretch.into_iter().collect();
        let _ = write!(out, "#lectern-cjk({});", string(&stretch));
    }
    if !run.is_empty() {
        let _ = write!(out, "#{};", string(&run));
    }
}

/// Emits `open`, the body, and `close`.
fn wrap(open: &str, body: &[Inline], close: &str, out: &mut String, macros: &Macros) {
    out.push_str(open);
    emit(body, out, macros);
    out.push_str(close);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Markup without macros.
    fn markup(text: &str) -> String {
        super::markup(text, &[])
    }

    #[test]
    fn shared_punctuation_follows_its_neighbours() {
        assert_eq!(markup("It’s"), "#\"It’s\";");
        assert_eq!(
            markup("说 “引号”。 It’s"),
            "#\"说 \";#lectern-cjk(\"“引号”。\");#\" It’s\";"
        );
        assert_eq!(markup("中——文"), "#lectern-cjk(\"中——文\");");
    }

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
