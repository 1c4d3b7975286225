//! Equation numbers, assigned once per deck in document order as the
//! formulas are read: a row with `\label{x}` takes the next number, a row
//! with `\tag{t}` shows `t` (and its label names `t`), a `math:` block with
//! `number: true` and no labels or tags of its own takes one number. The
//! table (label → number) reaches Typst as `lectern-labels`, so a step
//! page or a continued slide shows the same number again.

use super::Parser;
use super::spans::SpanTable;
use crate::diagnostics::{Diagnostic, Span, did_you_mean};
use crate::outline::math::numbers::{MarkKind, marks};

/// The numbers so far, and the references to check once every label is
/// known.
#[derive(Debug, Default)]
pub(crate) struct Equations {
    /// The last number given.
    last: u32,
    /// Each label: its name, the number it shows, where it is written.
    labels: Vec<(String, String, Span)>,
    /// Each reference: the label it names and where it is written.
    references: Vec<(String, Span)>,
}

impl Parser<'_> {
    /// Reads the labels, tags and references of a formula written at
    /// `offset` of a field placed by `table`. In display math (`display`)
    /// labelled rows take numbers; returns whether any row is numbered.
    pub(super) fn equation_marks(
        &mut self,
        latex: &str,
        table: &SpanTable,
        offset: usize,
        display: bool,
    ) -> bool {
        let found = marks(latex);
        let mut numbered = false;
        for mark in &found {
            let span = table.span(offset + mark.at.start..offset + mark.at.end);
            match mark.kind {
                MarkKind::Reference => self.equations.references.push((mark.name.clone(), span)),
                _ if !display => self.error(
                    Diagnostic::error("a label or tag numbers a displayed formula, not one inside text")
                        .at(span)
                        .hint("put the formula in a `math:` block, and refer to it here with `\\eqref{...}`"),
                ),
                MarkKind::Tag => numbered = true,
                MarkKind::Label => {
                    numbered = true;
                    let tag = found
                        .iter()
                        .find(|m| m.kind == MarkKind::Tag && m.row == mark.row)
                        .map(|m| m.name.clone());
                    let shown = match tag {
                        Some(tag) => tag,
                        None => self.next_number(),
                    };
                    self.label(&mark.name, shown, span);
                }
            }
        }
        numbered
    }

    /// The next equation number, as shown.
    pub(super) fn next_number(&mut self) -> String {
        self.equations.last += 1;
        self.equations.last.to_string()
    }

    /// Records a label, refusing a name given twice.
    fn label(&mut self, name: &str, shown: String, span: Span) {
        if let Some((_, _, first)) = self.equations.labels.iter().find(|(n, _, _)| n == name) {
            let first = first.clone();
            self.error(
                Diagnostic::error(format!("the label `{name}` is given twice"))
                    .at(span)
                    .label(first, "first given here")
                    .hint("give this equation a name of its own"),
            );
            return;
        }
        self.equations.labels.push((name.to_string(), shown, span));
    }

    /// Checks every reference against the labels, once the deck is read,
    /// and returns the table (label → number) for codegen.
    pub(super) fn equation_table(&mut self) -> Vec<(String, String)> {
        let references = std::mem::take(&mut self.equations.references);
        let names: Vec<&str> = self
            .equations
            .labels
            .iter()
            .map(|(n, _, _)| n.as_str())
            .collect();
        let mut unknown = Vec::new();
        for (name, span) in references {
            if names.contains(&name.as_str()) {
                continue;
            }
            let hint = match did_you_mean(&name, &names) {
                Some(close) => format!("did you mean `{close}`?"),
                None if names.is_empty() => {
                    "no formula has a label: write `\\label{name}` in the formula to refer to"
                        .to_string()
                }
                None => format!("the labels are: {}", names.join(", ")),
            };
            unknown.push(
                Diagnostic::error(format!("no formula is labelled `{name}`"))
                    .at(span)
                    .hint(hint),
            );
        }
        for d in unknown {
            self.error(d);
        }
        self.equations
            .labels
            .iter()
            .map(|(n, shown, _)| (n.clone(), shown.clone()))
            .collect()
    }
}
