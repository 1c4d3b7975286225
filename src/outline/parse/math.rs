//! Reading `math:` blocks, the deck's `macros:`, and inline math in text
//! fields. Every formula is converted here, so a LaTeX mistake is an error
//! at its own line and column inside the YAML string.

use marked_yaml::Node;
use marked_yaml::types::MarkedMappingNode;

use super::spans::SpanTable;
use super::{Parser, kind as node_kind};
use crate::diagnostics::Diagnostic;
use crate::outline::math::{self, MathError};
use crate::outline::{Math, Spanned, Text};

impl Parser<'_> {
    /// Reads `math:`: a LaTeX string, a list of lines, or `{ typst: ... }`.
    /// With `number`, the block takes an equation number unless its rows
    /// are labelled or tagged.
    pub(super) fn math(&mut self, node: &Node, number: bool) -> Option<Math> {
        let (lines, typst) = match node {
            Node::Scalar(s) => (
                vec![Spanned::new(s.as_str().to_owned(), self.scalar_span(s))],
                false,
            ),
            Node::Sequence(seq) => {
                let mut lines = Vec::new();
                for entry in seq.iter() {
                    match entry {
                        Node::Scalar(s) => {
                            lines.push(Spanned::new(s.as_str().to_owned(), self.scalar_span(s)))
                        }
                        other => {
                            let span = self.node_span(other);
                            self.error(
                                Diagnostic::error(format!(
                                    "a line of math must be text, found {}",
                                    node_kind(other)
                                ))
                                .at(span)
                                .hint("quote each line: - 'W &= \\frac{L}{\\lambda}'"),
                            );
                        }
                    }
                }
                (lines, false)
            }
            Node::Mapping(map) => {
                self.check_keys(map, &[&["typst"]], "`math`");
                let text = self.text(map, "typst")?;
                (vec![text], true)
            }
        };
        if lines.is_empty() {
            let span = self.node_span(node);
            self.error(
                Diagnostic::error("this formula is empty")
                    .at(span)
                    .hint("write the formula in LaTeX, e.g. math: 'A = 1 - (1 - p)^{n}'"),
            );
            return None;
        }
        let mut numbered = false;
        if !typst {
            for line in &lines {
                let table = self.spans(line);
                if let Err(e) = math::convert(&line.value, &self.macros) {
                    self.error(math_error_in(&table, 0, &e));
                }
                numbered |= self.equation_marks(&line.value, &table, 0, true);
            }
        }
        let number = (number && !numbered).then(|| self.next_number());
        Some(Math {
            lines,
            typst,
            number,
        })
    }

    /// Reads the deck's `macros:`: names (letters only) and their LaTeX.
    pub(super) fn macros(&mut self, map: &MarkedMappingNode) -> Vec<(String, String)> {
        let Some(node) = map.get_node("macros") else {
            return Vec::new();
        };
        let Node::Mapping(m) = node else {
            let span = self.node_span(node);
            self.error(
                Diagnostic::error("`macros` must be a mapping of names to LaTeX")
                    .at(span)
                    .hint("write e.g. `macros: { E: '\\mathbb{E}', Var: '\\operatorname{Var}' }`"),
            );
            return Vec::new();
        };
        let mut out = Vec::new();
        for (key, value) in m.iter() {
            let name = key.as_str().trim_start_matches('\\');
            if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphabetic()) {
                let span = self.scalar_span(key);
                self.error(
                    Diagnostic::error(format!("`{}` is not a macro name", key.as_str()))
                        .at(span)
                        .hint("a macro name is letters only, e.g. `E` for `\\E`"),
                );
                continue;
            }
            let Some(body) = value.as_scalar() else {
                let span = self.node_span(value);
                self.error(Diagnostic::error("a macro's body must be LaTeX text").at(span));
                continue;
            };
            let text = Spanned::new(body.as_str().to_owned(), self.scalar_span(body));
            if let Err(e) = math::check(&text.value) {
                let d = self.math_error(&text, 0, &e);
                self.error(d);
                continue;
            }
            out.push((name.to_string(), text.value));
        }
        out
    }

    /// Converts the inline math of a markup field, reporting each formula's
    /// error at its place in the text.
    pub(super) fn check_inline_math(&mut self, text: &Text, table: &SpanTable) {
        if !text.value.contains("\\(") {
            return;
        }
        let pieces = crate::outline::inline::parse(&text.value);
        for (latex, at) in crate::outline::inline::maths(&pieces) {
            if let Err(e) = math::convert(latex, &self.macros) {
                let d = math_error_in(table, at, &e);
                self.error(d);
            }
            self.equation_marks(latex, table, at, false);
        }
    }

    /// A diagnostic for a formula error at byte `offset + e.at` of a field's
    /// value, placed in the file through the field's span table.
    fn math_error(&self, field: &Text, offset: usize, e: &MathError) -> Diagnostic {
        math_error_in(&self.spans(field), offset, e)
    }
}

/// A diagnostic for a formula error at byte `offset + e.at` of a text
/// placed in the file by `table`.
pub(super) fn math_error_in(table: &SpanTable, offset: usize, e: &MathError) -> Diagnostic {
    let range = offset + e.at.start..offset + e.at.end.max(e.at.start);
    Diagnostic::error(e.message.clone())
        .at(table.span(range))
        .hint(e.hint.clone())
}
