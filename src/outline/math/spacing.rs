//! `\hspace{len}` and `\hspace*{len}` in a formula: a horizontal space of
//! that length (Typst's `h`), in LaTeX's units; a length lectern cannot
//! read is a quad, never an error.

use super::text::{Lifting, group};

/// LaTeX units and how many Typst units each is.
const UNITS: &[(&str, f64, &str)] = &[
    ("pt", 1.0, "pt"),
    ("bp", 1.0, "pt"),
    ("mm", 1.0, "mm"),
    ("cm", 1.0, "cm"),
    ("in", 1.0, "in"),
    ("em", 1.0, "em"),
    ("ex", 0.5, "em"),
    ("mu", 1.0 / 18.0, "em"),
];

/// The Typst length of a LaTeX one (`0.5in`, `-3mu`), if it reads.
fn length(latex: &str) -> Option<String> {
    let text = latex.trim();
    let split = text
        .find(|c: char| c.is_ascii_alphabetic())
        .unwrap_or(text.len());
    let number: f64 = text[..split].trim().parse().ok()?;
    let (_, factor, unit) = UNITS.iter().find(|(u, _, _)| *u == text[split..].trim())?;
    Some(format!(
        "{}{unit}",
        (number * factor * 1000.0).round() / 1000.0
    ))
}

/// `\hspace{...}` or `\hspace*{...}` at `at`: its Typst and end.
pub(super) fn lift(latex: &str, at: usize) -> Option<(Lifting, usize)> {
    let rest = latex[at..].strip_prefix("\\hspace")?;
    let mut after = at + "\\hspace".len();
    if rest.starts_with('*') {
        after += 1;
    } else if rest.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    let (len, end) = group(latex, after)?;
    let typst = length(len).map_or_else(|| "quad".to_string(), |l| format!("#h({l});"));
    Some((Lifting::Raw(typst), end))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_take_typst_units_and_others_a_quad() {
        assert_eq!(length("0.5in").as_deref(), Some("0.5in"));
        assert_eq!(length(" -3 mu").as_deref(), Some("-0.167em"));
        assert_eq!(length("2ex").as_deref(), Some("1em"));
        assert_eq!(length("\\fill"), None);
        let lifted = lift(r"\hspace*{\fill} x", 0)
            .map(|(l, e)| (matches!(l, Lifting::Raw(t) if t == "quad"), e));
        assert_eq!(lifted, Some((true, 15)));
    }
}
