//! Relations drawn as one symbol where LaTeX builds them from pieces:
//! `\not` before a relation (`\not=`, `\not\in`, `\not\le`) becomes the
//! negated symbol Unicode has (≠, ∉, ≰) instead of mitex's wide `cancel`,
//! and the independence sign `\perp\!\!\!\perp` becomes ⫫ (its negation ⫫
//! struck through), instead of two tacks pulled together.

use super::text::Lifting;

/// LaTeX relations and their negated Typst symbols.
pub(super) const NEGATED: &[(&str, &str)] = &[
    ("=", "eq.not"),
    ("<", "lt.not"),
    (">", "gt.not"),
    ("|", "divides.not"),
    ("\\in", "in.not"),
    ("\\ni", "in.rev.not"),
    ("\\subset", "subset.not"),
    ("\\supset", "supset.not"),
    ("\\subseteq", "subset.eq.not"),
    ("\\supseteq", "supset.eq.not"),
    ("\\le", "lt.eq.not"),
    ("\\leq", "lt.eq.not"),
    ("\\ge", "gt.eq.not"),
    ("\\geq", "gt.eq.not"),
    ("\\equiv", "equiv.not"),
    ("\\sim", "tilde.not"),
    ("\\simeq", "tilde.eq.not"),
    ("\\approx", "approx.not"),
    ("\\cong", "tilde.equiv.not"),
    ("\\mid", "divides.not"),
    ("\\parallel", "parallel.not"),
    ("\\exists", "exists.not"),
    ("\\vdash", "tack.r.not"),
    ("\\models", "tack.r.double.not"),
    ("\\prec", "prec.not"),
    ("\\succ", "succ.not"),
];

/// The independence sign ⫫ (U+2AEB).
const INDEPENDENT: &str = "⫫";

/// `\perp\!\!\!\perp` (two to four `\!`, spaces between) at `at`: its end.
fn independence(latex: &str, at: usize) -> Option<usize> {
    let mut rest = latex[at..].strip_prefix("\\perp")?;
    if rest.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    let mut squeezes = 0;
    loop {
        let trimmed = rest.trim_start();
        match trimmed.strip_prefix("\\!") {
            Some(after) => {
                squeezes += 1;
                rest = after;
            }
            None => {
                rest = trimmed;
                break;
            }
        }
    }
    let after = rest.strip_prefix("\\perp")?;
    let ok = (2..=4).contains(&squeezes) && !after.starts_with(|c: char| c.is_ascii_alphabetic());
    ok.then(|| latex.len() - after.len())
}

/// The relation right after `from` (spaces skipped) that [`NEGATED`]
/// knows: its Typst name and end.
fn relation(latex: &str, from: usize) -> Option<(&'static str, usize)> {
    let rest = latex[from..].trim_start();
    let start = latex.len() - rest.len();
    let end = if rest.starts_with('\\') {
        super::command_end(latex, start + 1)
    } else {
        start + rest.chars().next()?.len_utf8()
    };
    let token = &latex[start..end];
    NEGATED
        .iter()
        .find(|(l, _)| *l == token)
        .map(|(_, typst)| (*typst, end))
}

/// `\not` + a relation, or `\perp\!\!\!\perp`, at `at` (a backslash): its
/// Typst and end; `None` for anything else (mitex's own `\not` remains for
/// relations Unicode has no negation of).
pub(super) fn lift(latex: &str, at: usize) -> Option<(Lifting, usize)> {
    if let Some(end) = independence(latex, at) {
        return Some((Lifting::Raw(INDEPENDENT.to_string()), end));
    }
    let rest = latex[at..].strip_prefix("\\not")?;
    if rest.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    let from = at + 4;
    let skip = latex[from..].len() - latex[from..].trim_start().len();
    if let Some(end) = independence(latex, from + skip) {
        let struck = format!("cancel({INDEPENDENT}, length: #80%, angle: #30deg)");
        return Some((Lifting::Raw(struck), end));
    }
    let (typst, end) = relation(latex, from)?;
    Some((Lifting::Raw(format!("{typst} ")), end))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(latex: &str) -> Option<(String, usize)> {
        lift(latex, 0).map(|(l, end)| match l {
            Lifting::Raw(t) => (t, end),
            _ => (String::new(), end),
        })
    }

    #[test]
    fn negations_and_independence_are_one_symbol() {
        assert_eq!(raw(r"\not= b"), Some(("eq.not ".into(), 5)));
        assert_eq!(raw(r"\not \in B"), Some(("in.not ".into(), 8)));
        assert_eq!(raw(r"\perp\!\!\!\perp Y"), Some(("⫫".into(), 16)));
        assert_eq!(raw(r"\perp \! \! \perp"), Some(("⫫".into(), 17)));
        assert!(raw(r"\not\perp\!\!\!\perp").is_some_and(|(t, _)| t.starts_with("cancel(⫫")));
        // A lone tack, a command starting with `not`, an unknown relation.
        assert_eq!(raw(r"\perp Y"), None);
        assert_eq!(raw(r"\notin"), None);
        assert_eq!(raw(r"\not\triangleleft"), None);
    }

    #[test]
    fn every_negated_name_is_a_typst_symbol() {
        use typst::LibraryExt;
        let library = typst::Library::default();
        for (latex, name) in NEGATED {
            let mut parts = name.split('.');
            let head = parts.next().unwrap_or_default();
            let symbol = library.math.scope().get(head).map(|b| b.read().clone());
            let found = match symbol {
                Some(typst::foundations::Value::Symbol(s)) => {
                    parts.try_fold(s, |s, m| s.modified((), m).ok()).is_some()
                }
                _ => false,
            };
            assert!(found, "{latex} -> {name} is not a Typst symbol");
        }
    }
}
