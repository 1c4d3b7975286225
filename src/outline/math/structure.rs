//! A formula's structure, checked before it is converted: braces,
//! `\left`/`\right` and environments balanced, nesting and size bounded.

use super::{MAX_DEPTH, MAX_FORMULA_BYTES, MathError};

/// Checks a formula's structure as written.
pub fn check(latex: &str) -> Result<(), MathError> {
    if latex.len() > MAX_FORMULA_BYTES {
        return Err(MathError::new(
            format!(
                "this formula is {} KB; a formula holds at most {} KB",
                latex.len() / 1024,
                MAX_FORMULA_BYTES / 1024
            ),
            0..0,
            "split it into several lines (a list under `math:`) or several slides",
        ));
    }
    // Open braces, `\left`s and environments, innermost last.
    let mut open: Vec<(&str, usize, usize)> = Vec::new();
    let bytes = latex.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => {
                let name_end = command_end(latex, i + 1);
                let name = &latex[i + 1..name_end];
                match name {
                    "left" => open.push(("left", i, name_end)),
                    "right" => match open.last() {
                        Some(("left", _, _)) => {
                            open.pop();
                        }
                        _ => {
                            return Err(MathError::new(
                                "`\\right` without a `\\left` before it",
                                i..name_end,
                                "pair every `\\right` with a `\\left`, e.g. `\\left( x \\right)`",
                            ));
                        }
                    },
                    "begin" | "end" => {
                        let Some((env, arg_end)) = argument(latex, name_end) else {
                            return Err(MathError::new(
                                format!("`\\{name}` needs an environment name in braces"),
                                i..name_end,
                                "write e.g. `\\begin{cases} ... \\end{cases}`",
                            ));
                        };
                        if name == "begin" {
                            open.push((env, i, arg_end));
                        } else {
                            match open.last() {
                                Some((top, _, _)) if *top == env => {
                                    open.pop();
                                }
                                Some((top, at, end)) if !matches!(*top, "{" | "left") => {
                                    return Err(MathError::new(
                                        format!("`\\begin{{{top}}}` is closed by `\\end{{{env}}}`"),
                                        *at..*end,
                                        format!("close it with `\\end{{{top}}}`"),
                                    ));
                                }
                                _ => {
                                    return Err(MathError::new(
                                        format!("`\\end{{{env}}}` without its `\\begin{{{env}}}`"),
                                        i..arg_end,
                                        "add the `\\begin` or remove this `\\end`",
                                    ));
                                }
                            }
                        }
                        i = arg_end;
                        continue;
                    }
                    _ => {}
                }
                // `\{` and `\}` are braces as characters, not groups.
                i = name_end.max(i + 2).min(bytes.len());
                continue;
            }
            b'{' => open.push(("{", i, i + 1)),
            b'}' => match open.last() {
                Some(("{", _, _)) => {
                    open.pop();
                }
                _ => {
                    return Err(MathError::new(
                        "`}` without a `{` before it",
                        i..i + 1,
                        "remove it, or open the group with `{`",
                    ));
                }
            },
            _ => {}
        }
        if open.len() > MAX_DEPTH {
            let (_, at, end) = open[open.len() - 1];
            return Err(MathError::new(
                format!("this formula nests deeper than {MAX_DEPTH} levels"),
                at..end,
                "simplify the formula",
            ));
        }
        i += 1;
    }
    match open.last() {
        None => Ok(()),
        Some(("{", at, _)) => Err(MathError::new(
            "this `{` is never closed",
            *at..at + 1,
            "close the group with `}`",
        )),
        Some(("left", at, end)) => Err(MathError::new(
            "`\\left` without its `\\right`",
            *at..*end,
            "close it with `\\right)` (or `\\right.` for no delimiter)",
        )),
        Some((env, at, end)) => Err(MathError::new(
            format!("`\\begin{{{env}}}` without its `\\end{{{env}}}`"),
            *at..*end,
            format!("close it with `\\end{{{env}}}`"),
        )),
    }
}

/// Where a command name starting at `from` ends: letters, or one other
/// character.
pub(super) fn command_end(latex: &str, from: usize) -> usize {
    let letters = latex[from..]
        .char_indices()
        .find(|(_, c)| !c.is_ascii_alphabetic())
        .map_or(latex.len(), |(i, _)| from + i);
    if letters > from {
        letters
    } else {
        latex[from..]
            .chars()
            .next()
            .map_or(from, |c| from + c.len_utf8())
    }
}

/// A `{name}` argument at `from` (spaces allowed before it): the name and
/// where the argument ends.
pub(super) fn argument(latex: &str, from: usize) -> Option<(&str, usize)> {
    let rest = &latex[from..];
    let skip = rest.len() - rest.trim_start().len();
    let rest = rest.trim_start().strip_prefix('{')?;
    let close = rest.find('}')?;
    let name = &rest[..close];
    (!name.is_empty() && name.chars().all(|c| c.is_ascii_alphabetic() || c == '*'))
        .then_some((name, from + skip + 1 + close + 1))
}

/// Splits a formula at `sep` (`\\` or `&`) where nothing encloses it but
/// the `transparent` environments: no brace, no other environment (the
/// rows of a `cases` inside an `align` are one row of it). Returns the
/// pieces' byte ranges, separators left out. An escaped character (`\&`,
/// `\{`) neither splits nor nests.
pub fn split_top(latex: &str, sep: &str, transparent: &[&str]) -> Vec<std::ops::Range<usize>> {
    let bytes = latex.as_bytes();
    // Whether each open group lets the separator through.
    let mut open: Vec<bool> = Vec::new();
    let (mut out, mut start, mut i) = (Vec::new(), 0, 0);
    while i < bytes.len() {
        if open.iter().all(|&t| t) && bytes[i..].starts_with(sep.as_bytes()) {
            out.push(start..i);
            i += sep.len();
            start = i;
            continue;
        }
        match bytes[i] {
            b'{' => open.push(false),
            b'}' => {
                open.pop();
            }
            b'\\' => {
                let end = command_end(latex, i + 1);
                let name = &latex[i + 1..end];
                if matches!(name, "begin" | "end")
                    && let Some((env, close)) = argument(latex, end)
                {
                    if name == "begin" {
                        open.push(transparent.contains(&env));
                    } else {
                        open.pop();
                    }
                    i = close;
                } else {
                    i = end.max(i + 1);
                }
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    out.push(start..latex.len());
    out
}
