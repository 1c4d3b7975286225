//! What a slide shows: its single content key (bullets, text, quote, image,
//! raw Typst, chart or columns) and nested bullets.

use marked_yaml::Node;
use marked_yaml::types::{MarkedMappingNode, MarkedScalarNode, MarkedSequenceNode};

use super::{BLOCK_KEYS, IMAGE_KEYS, Parser, QUOTE_KEYS, kind};
use crate::diagnostics::{Diagnostic, Span};
use crate::outline::{Block, Bullet, Spanned};

impl Parser<'_> {
    /// Reads the single block key of a slide or column mapping.
    pub(super) fn block(
        &mut self,
        map: &MarkedMappingNode,
        node: &Node,
        what: &str,
    ) -> Option<Block> {
        let present: Vec<&MarkedScalarNode> = map
            .keys()
            .filter(|k| BLOCK_KEYS.contains(&k.as_str()))
            .collect();
        let key = match present.as_slice() {
            [key] => *key,
            [] => {
                let span = self.node_span(node);
                self.error(
                    Diagnostic::error(format!("{what} shows nothing"))
                        .at(Span::new(span.file, span.range.start..span.range.start))
                        .hint(format!("add one of: {}", BLOCK_KEYS.join(", "))),
                );
                return None;
            }
            [first, second, ..] => {
                let (a, b) = (self.scalar_span(first), self.scalar_span(second));
                self.error(
                    Diagnostic::error(format!(
                        "{what} has both `{}` and `{}`",
                        first.as_str(),
                        second.as_str()
                    ))
                    .at(b)
                    .label(a, "first content here")
                    .hint("use `columns:` to show two things side by side, or split it into two slides"),
                );
                return None;
            }
        };
        match key.as_str() {
            "bullets" => {
                let seq = self.sequence(map, "bullets")?;
                Some(Block::Bullets(self.bullets(seq, 0)))
            }
            "text" => Some(Block::Paragraph(self.markup(map, "text")?)),
            "quote" => Some(Block::Quote {
                text: self.markup(map, "quote")?,
                by: self.markup(map, "by"),
            }),
            "image" => Some(Block::Image {
                path: self.text(map, "image")?,
                caption: self.markup(map, "caption"),
            }),
            "typst" => Some(Block::Typst(self.text(map, "typst")?)),
            "chart" => {
                let node = map.get_node("chart")?;
                let cmap = self.mapping(node, "`chart`", "chart:\n    kind: bar")?;
                super::chart::parse(self, cmap, node).map(|c| Block::Chart(Box::new(c)))
            }
            "code" => {
                super::code::code(self, map.get_node("code")?).map(|c| Block::Code(Box::new(c)))
            }
            "table" => {
                super::code::table(self, map.get_node("table")?).map(|t| Block::Table(Box::new(t)))
            }
            "diagram" => super::diagram::diagram(self, map.get_node("diagram")?)
                .map(|d| Block::Diagram(Box::new(d))),
            "math" => self
                .math(map.get_node("math")?)
                .map(|m| Block::Math(Box::new(m))),
            "columns" => {
                let seq = self.sequence(map, "columns")?;
                let mut columns = Vec::new();
                for col in seq.iter() {
                    let Some(cmap) = self.mapping(col, "a column", "- bullets: ...") else {
                        continue;
                    };
                    self.check_keys(cmap, &[BLOCK_KEYS, IMAGE_KEYS, QUOTE_KEYS], "a column");
                    if cmap.get_node("columns").is_some() {
                        let span = self.node_span(col);
                        self.error(
                            Diagnostic::error("columns cannot be nested")
                                .at(span)
                                .hint("flatten them into one `columns:` list"),
                        );
                        continue;
                    }
                    columns.extend(self.block(cmap, col, "this column"));
                }
                if columns.len() < 2 && seq.len() < 2 {
                    let span = self.node_span(map.get_node("columns")?);
                    self.error(
                        Diagnostic::error("`columns` needs at least two columns")
                            .at(span)
                            .hint("add a second `- text: ...`, or drop `columns:`"),
                    );
                }
                Some(Block::Columns(columns))
            }
            _ => None,
        }
    }

    /// Reads bullets; a nested list holds the sub-bullets of the item before it.
    pub(super) fn bullets(&mut self, seq: &MarkedSequenceNode, depth: usize) -> Vec<Bullet> {
        let mut out: Vec<Bullet> = Vec::new();
        for node in seq.iter() {
            match node {
                Node::Scalar(s) => {
                    let text = Spanned::new(s.as_str().to_owned(), self.scalar_span(s));
                    self.check_markup(&text);
                    out.push(Bullet {
                        text,
                        children: Vec::new(),
                    });
                }
                Node::Sequence(sub) if depth == 0 => {
                    let children = self.bullets(sub, depth + 1);
                    match out.last_mut() {
                        Some(parent) => parent.children.extend(children),
                        None => {
                            let span = self.node_span(node);
                            self.error(
                                Diagnostic::error("sub-bullets must follow a bullet")
                                    .at(span)
                                    .hint("put a `- text` line before the nested list"),
                            );
                        }
                    }
                }
                other => {
                    let span = self.node_span(other);
                    let msg = if depth > 0 && matches!(other, Node::Sequence(_)) {
                        "bullets can nest only two levels deep".to_string()
                    } else {
                        format!("a bullet must be text, found {}", kind(other))
                    };
                    self.error(
                        Diagnostic::error(msg)
                            .at(span)
                            .hint("quote text that contains `: `, e.g. `- \"Kubernetes: 1.0\"`"),
                    );
                }
            }
        }
        out
    }
}
