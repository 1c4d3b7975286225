//! Equation numbers inside a formula: `\label{x}`, `\tag{t}`, `\tag*{t}`,
//! `\nonumber`/`\notag`, and the references `\eqref{x}` and `\ref{x}`.
//!
//! The numbers themselves are assigned once per deck, in document order, by
//! the outline's reader ([`marks`] finds them); a formula only says where
//! they go. [`place`] moves each row's label or tag to the end of its row,
//! in a column of its own after the row's last `&`, so the numbers of an
//! aligned block line up; [`lift`] turns them into Typst that looks the
//! number up in the deck's table (`lectern-labels`), written by codegen.
//! A Typst counter is never used, so step pages and continued slides
//! repeat a number instead of counting again.

use std::ops::Range;

use super::text::{Lifting, group};

/// What a mark in a formula is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MarkKind {
    /// `\label{x}`: numbers its row (or names its tag).
    Label,
    /// `\tag{t}` or `\tag*{t}`: prints `t` as its row's number.
    Tag,
    /// `\eqref{x}` or `\ref{x}`: the number of the row labelled `x`.
    Reference,
}

/// A label, tag or reference in a formula.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mark {
    /// What it is.
    pub kind: MarkKind,
    /// The label's name, or the tag's text.
    pub name: String,
    /// Its bytes in the formula: the whole command with its argument.
    pub at: Range<usize>,
    /// The row of the formula it sits in (0 for a one-row formula).
    pub row: usize,
}

/// Environments whose rows (`\\`) are a formula's numbered rows; the rows
/// of others (`cases`, `matrix`, `array`) belong to one row.
const ROW_ENVIRONMENTS: &[&str] = &[
    "align",
    "align*",
    "gather",
    "gather*",
    "multline",
    "multline*",
    "alignat",
    "alignat*",
    "equation",
    "equation*",
    "split",
    "aligned",
    "gathered",
    "flalign",
    "flalign*",
    "eqnarray",
    "eqnarray*",
];

/// One command of the kinds [`marks`] reads, at byte `at`: its kind, name
/// and end.
fn mark_at(latex: &str, at: usize) -> Option<(MarkKind, &str, usize)> {
    let end = super::command_end(latex, at + 1);
    let mut after = end;
    let kind = match &latex[at + 1..end] {
        "label" => MarkKind::Label,
        "tag" => {
            if latex[after..].starts_with('*') {
                after += 1;
            }
            MarkKind::Tag
        }
        "eqref" | "ref" => MarkKind::Reference,
        _ => return None,
    };
    let (name, close) = group(latex, after)?;
    Some((kind, name.trim(), close))
}

/// The labels, tags and references of a formula, in order, each with its
/// row.
pub fn marks(latex: &str) -> Vec<Mark> {
    marks_in(latex, &rows(latex))
}

/// [`marks`], the formula's rows given.
fn marks_in(latex: &str, rows: &[Range<usize>]) -> Vec<Mark> {
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(at) = latex[i..].find('\\').map(|k| i + k) {
        if let Some((kind, name, end)) = mark_at(latex, at) {
            let row = rows.iter().rposition(|r| r.start <= at).unwrap_or(0);
            out.push(Mark {
                kind,
                name: name.to_string(),
                at: at..end,
                row,
            });
            i = end;
        } else {
            i = super::command_end(latex, at + 1)
                .max(at + 2)
                .min(latex.len());
        }
    }
    out
}

/// Where a formula's rows are: between the `\\` that only row
/// environments enclose (no braces, no `cases`).
fn rows(latex: &str) -> Vec<Range<usize>> {
    super::split_top(latex, "\\\\", ROW_ENVIRONMENTS)
}

/// How many `&` a row holds at its own level.
fn cells(row: &str) -> usize {
    super::split_top(row, "&", ROW_ENVIRONMENTS).len() - 1
}

/// Moves each row's `\label`/`\tag` to the end of its row, after as many
/// `&` as the fullest row has (so numbers stand in one column) and a
/// `\qquad`; drops `\nonumber` and `\notag`. A tag wins over a label in
/// the same row: the label names the tag. A formula without labels or tags
/// comes back as it is.
pub fn place(latex: &str) -> String {
    let rows = rows(latex);
    let marks = marks_in(latex, &rows);
    let numbered = marks.iter().any(|m| m.kind != MarkKind::Reference);
    let unnumbered = latex.contains("\\nonumber") || latex.contains("\\notag");
    if !numbered && !unnumbered {
        return latex.to_string();
    }
    let counts: Vec<usize> = rows.iter().map(|r| cells(&latex[r.clone()])).collect();
    let widest = counts.iter().copied().max().unwrap_or(0);
    let mut out = String::with_capacity(latex.len() + 32);
    for (index, (range, cells)) in rows.iter().zip(&counts).enumerate() {
        if index > 0 {
            out.push_str("\\\\");
        }
        let mine: Vec<&Mark> = marks
            .iter()
            .filter(|m| m.row == index && m.kind != MarkKind::Reference)
            .collect();
        let mut text = latex[range.clone()].to_string();
        for m in mine.iter().rev() {
            let (a, b) = (m.at.start - range.start, m.at.end - range.start);
            text.replace_range(a..b, " ");
        }
        for word in ["\\nonumber", "\\notag"] {
            text = text.replace(word, " ");
        }
        let number = mine
            .iter()
            .find(|m| m.kind == MarkKind::Tag)
            .or_else(|| mine.first())
            .map(|m| latex[m.at.clone()].to_string());
        // The row's end is before an environment's `\end` on the last row.
        let (body, tail) = split_tail(&text);
        out.push_str(body);
        if let Some(number) = number {
            let pad = widest - cells + usize::from(widest > 0);
            out.push_str(&"&".repeat(pad));
            out.push_str(" \\qquad ");
            out.push_str(&number);
            out.push(' ');
        }
        out.push_str(tail);
    }
    out
}

/// A row's text and the `\end{...}`s (and spaces) that close it.
fn split_tail(row: &str) -> (&str, &str) {
    let mut cut = row.trim_end().len();
    loop {
        let head = row[..cut].trim_end();
        let Some(k) = head.rfind("\\end") else { break };
        if super::argument(head, k + 4).is_some_and(|(_, close)| close == head.len()) {
            cut = k;
        } else {
            break;
        }
    }
    row.split_at(cut)
}

/// `\label{x}`, `\tag{t}`, `\eqref{x}` or `\ref{x}` at `at`, as Typst
/// (looked up in the deck's `lectern-labels`), and where it ends; `None`
/// for any other command.
pub(super) fn lift(latex: &str, at: usize) -> Option<(Lifting, usize)> {
    let (kind, name, end) = mark_at(latex, at)?;
    let starred = latex[at..].starts_with("\\tag*");
    let typst = match kind {
        MarkKind::Label => format!("#lectern-number({name:?});"),
        MarkKind::Tag if starred => tag(name),
        MarkKind::Tag if name.contains('$') => format!("({})", tag(name)),
        MarkKind::Tag => tag(&format!("({name})")),
        MarkKind::Reference if latex[at..].starts_with("\\eqref") => {
            format!("#lectern-eqref({name:?});")
        }
        MarkKind::Reference => format!("#lectern-ref({name:?});"),
    };
    Some((Lifting::Raw(typst), end))
}

/// A tag's text as Typst math: its words upright, its `$…$` parts as
/// math (`\tag{$\star$}`).
fn tag(text: &str) -> String {
    text.split('$')
        .enumerate()
        .filter(|(_, part)| !part.is_empty())
        .map(|(k, part)| match super::convert(part, &[]) {
            Ok(math) if k % 2 == 1 => math.trim().to_string(),
            _ => format!("#textmath[#{part:?};];"),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_know_their_rows_and_cases_are_one_row() {
        let latex = r"\begin{align} a &= b \label{x} \\ c &= \begin{cases} 1 \\ 2 \end{cases} \tag{T} \end{align} \eqref{x}";
        let marks = marks(latex);
        let found: Vec<_> = marks
            .iter()
            .map(|m| (m.kind, m.name.as_str(), m.row))
            .collect();
        assert_eq!(
            found,
            [
                (MarkKind::Label, "x", 0),
                (MarkKind::Tag, "T", 1),
                (MarkKind::Reference, "x", 1)
            ]
        );
        assert_eq!(&latex[marks[0].at.clone()], r"\label{x}");
    }

    #[test]
    fn numbers_move_to_one_column_at_the_row_ends() {
        let placed =
            place(r"\begin{align} \label{a} x &= 1 \\ y &= 2 & z &= 3 \tag{B} \end{align}");
        assert_eq!(
            placed,
            r"\begin{align}   x &= 1&&& \qquad \label{a}  \\ y &= 2 & z &= 3   & \qquad \tag{B} \end{align}"
        );
        assert_eq!(
            place(r"E = mc^2 \label{e}"),
            r"E = mc^2 \qquad \label{e}   "
        );
        assert_eq!(place(r"a \nonumber").trim(), "a");
        assert_eq!(place(r"a = \eqref{b}"), r"a = \eqref{b}");
    }
}
