//! What a slide shows: a stack of blocks, read from the slide's content keys
//! (in the order written) or from its `body:` list; columns, boxes and
//! nested lists.

use marked_yaml::Node;
use marked_yaml::types::{MarkedMappingNode, MarkedScalarNode, MarkedSequenceNode};

use super::options::{COLUMN_OPTIONS, NOT_COLUMN, OPTION_KEYS};
use super::{BLOCK_KEYS, Parser, QUOTE_KEYS, kind};
use crate::diagnostics::{Diagnostic, Span, did_you_mean};
use crate::outline::{
    Block, Callout, CalloutKind, Column, Item, List, Options, Placed, Reveal, Spanned, VAlign,
};

/// The most blocks one slide holds, counting those in columns and boxes.
pub const MAX_BLOCKS: usize = 100;

/// How deep lists nest (three levels).
const MAX_LIST_DEPTH: usize = 3;

/// Keys of a `box:` mapping.
const BOX_KEYS: &[&str] = &["kind", "title", "body", "text", "number", "qed"];

/// Where a stack is being read: how deep in columns and boxes, and how many
/// blocks the slide holds so far.
#[derive(Debug, Default)]
pub(super) struct Nest {
    /// How many `columns` blocks hold this stack.
    columns: usize,
    /// Whether the stack is inside a box.
    in_box: bool,
    /// Blocks read on this slide so far.
    count: usize,
    /// Whether the cap was reported already.
    capped: bool,
    /// Speaker notes found in `markdown:` blocks (HTML comments).
    pub(super) notes: Vec<crate::outline::Text>,
}

impl Parser<'_> {
    /// Reads what a slide (or a column) shows: its `body:` list, or its
    /// content keys in the order written. The options written beside a
    /// single content key are that block's.
    pub(super) fn stack(
        &mut self,
        map: &MarkedMappingNode,
        node: &Node,
        what: &str,
        own: &[&str],
        nest: &mut Nest,
    ) -> Option<Vec<Placed>> {
        let keys: Vec<&MarkedScalarNode> = map
            .keys()
            .filter(|k| BLOCK_KEYS.contains(&k.as_str()))
            .collect();
        if let Some(body) = map.get_node("body") {
            if let Some(first) = keys.first() {
                let span = self.scalar_span(first);
                self.error(
                    Diagnostic::error(format!("{what} has both `body` and `{}`", first.as_str()))
                        .at(span)
                        .hint(format!(
                            "move it into the `body:` list as `- {}: ...`",
                            first.as_str()
                        )),
                );
                return None;
            }
            return self.body_list(body, nest);
        }
        if keys.is_empty() {
            let span = self.node_span(node);
            self.error(
                Diagnostic::error(format!("{what} shows nothing"))
                    .at(Span::new(span.file, span.range.start..span.range.start))
                    .hint(format!(
                        "add one of: {}, or a `body:` list",
                        BLOCK_KEYS.join(", ")
                    )),
            );
            return None;
        }
        if keys.len() > 1 {
            self.options_need_body(map, &keys, own);
        }
        let mut out = Vec::new();
        for key in &keys {
            let opts = if keys.len() == 1 {
                self.options(map, own)
            } else {
                self.shared_options(map, key.as_str())
            };
            out.extend(self.placed(map, key, opts, nest));
        }
        Some(out)
    }

    /// Reports block options written beside several content keys: they
    /// belong to no block in particular (a caption goes to the one picture).
    fn options_need_body(
        &mut self,
        map: &MarkedMappingNode,
        keys: &[&MarkedScalarNode],
        own: &[&str],
    ) {
        let pictures = keys
            .iter()
            .filter(|k| matches!(k.as_str(), "image" | "chart" | "diagram"))
            .count();
        for key in map.keys() {
            let name = key.as_str();
            let shared = matches!(name, "caption" | "alt") && pictures == 1
                || name == "by"
                || own.contains(&name);
            if OPTION_KEYS.contains(&name) && !shared {
                self.error(
                    Diagnostic::error(format!(
                        "`{name}` is beside several blocks, so it belongs to none of them"
                    ))
                    .at(self.scalar_span(key))
                    .hint(format!(
                        "write the slide as `body:`, a list of blocks, and put `{name}:` on the block it is for"
                    )),
                );
            }
        }
    }

    /// The options of one of several blocks written as keys of one mapping:
    /// a picture takes the caption and alt text; the rest take none.
    fn shared_options(&mut self, map: &MarkedMappingNode, key: &str) -> Options {
        let mut opts = Options::default();
        if matches!(key, "image" | "chart" | "diagram") {
            opts.caption = self.markup(map, "caption");
            opts.alt = self.markup(map, "alt");
        }
        opts
    }

    /// Reads a `body:` list: one block per entry.
    fn body_list(&mut self, node: &Node, nest: &mut Nest) -> Option<Vec<Placed>> {
        let Node::Sequence(seq) = node else {
            let span = self.node_span(node);
            self.error(
                Diagnostic::error(format!(
                    "`body` must be a list of blocks, found {}",
                    kind(node)
                ))
                .at(span)
                .hint("write each block on its own line: `- text: ...`"),
            );
            return None;
        };
        let mut out = Vec::new();
        for entry in seq.iter() {
            let Some(map) = self.mapping(entry, "a block", "- text: ...") else {
                continue;
            };
            self.check_keys(map, &[BLOCK_KEYS, OPTION_KEYS, QUOTE_KEYS], "a block");
            let keys: Vec<&MarkedScalarNode> = map
                .keys()
                .filter(|k| BLOCK_KEYS.contains(&k.as_str()))
                .collect();
            match keys.as_slice() {
                [key] => {
                    let opts = self.options(map, &[]);
                    out.extend(self.placed(map, key, opts, nest));
                }
                [] => {
                    let span = self.node_span(entry);
                    self.error(
                        Diagnostic::error("this block shows nothing")
                            .at(span)
                            .hint(format!("give it one of: {}", BLOCK_KEYS.join(", "))),
                    );
                }
                [first, second, ..] => {
                    let (a, b) = (self.scalar_span(first), self.scalar_span(second));
                    self.error(
                        Diagnostic::error(format!(
                            "this block has both `{}` and `{}`",
                            first.as_str(),
                            second.as_str()
                        ))
                        .at(b)
                        .label(a, "first content here")
                        .hint(format!(
                            "a block in `body:` holds one content key: start a new block with `- {}: ...`",
                            second.as_str()
                        )),
                    );
                }
            }
            if nest.capped {
                break;
            }
        }
        Some(out)
    }

    /// Reads one block (its content key `key` of `map`) with its options:
    /// one block, or those of a `markdown:` block.
    fn placed(
        &mut self,
        map: &MarkedMappingNode,
        key: &MarkedScalarNode,
        opts: Options,
        nest: &mut Nest,
    ) -> Vec<Placed> {
        let span = self.scalar_span(key);
        if key.as_str() == "markdown" {
            let Some(field) = self.text(map, "markdown") else {
                return Vec::new();
            };
            let read = self.markdown(&field, &opts);
            nest.notes.extend(read.notes);
            let mut out = Vec::new();
            for placed in read.blocks {
                if !self.count_block(nest, &placed.span) {
                    break;
                }
                out.push(placed);
            }
            return out;
        }
        if !self.count_block(nest, &span) {
            return Vec::new();
        }
        self.one_block(map, key, opts, nest).into_iter().collect()
    }

    /// Counts a block of the slide: false past the cap (reported once).
    fn count_block(&mut self, nest: &mut Nest, span: &Span) -> bool {
        nest.count += 1;
        if nest.count > MAX_BLOCKS {
            if !nest.capped {
                nest.capped = true;
                self.error(
                    Diagnostic::error(format!("this slide holds more than {MAX_BLOCKS} blocks"))
                        .at(span.clone())
                        .hint("split the slide: a slide shows a few blocks"),
                );
            }
            return false;
        }
        true
    }

    /// Reads one block of a YAML content key.
    fn one_block(
        &mut self,
        map: &MarkedMappingNode,
        key: &MarkedScalarNode,
        opts: Options,
        nest: &mut Nest,
    ) -> Option<Placed> {
        let span = self.scalar_span(key);
        let block = self.content(map, key.as_str(), &opts, nest)?;
        self.check_alt(&block, key.as_str(), &opts, &span);
        if opts.number && !matches!(block, Block::Math(_)) {
            let at = map
                .get_node("number")
                .map_or(span.clone(), |n| self.node_span(n));
            self.error(
                Diagnostic::warning(format!(
                    "`number:` numbers a formula, not a `{}` block",
                    key.as_str()
                ))
                .at(at)
                .hint("put `number: true` beside a `math:` block, or drop it here"),
            );
        }
        if let Some(r) = opts.reveal
            && !block.reveals(r)
        {
            let name = Reveal::NAMES
                .iter()
                .find(|(_, v)| *v == r)
                .map_or("", |(n, _)| n);
            self.error(
                Diagnostic::warning(format!(
                    "`reveal: {name}` gives this `{}` block no steps",
                    key.as_str()
                ))
                .at(span.clone())
                .hint("items and nested reveal list items, rows a table's rows, items math lines and chart series; code steps are its `highlight`, a diagram's its own `reveal`; use `step:` to show the whole block later"),
            );
        }
        Some(Placed { block, opts, span })
    }

    /// Reads the content of one block key.
    fn content(
        &mut self,
        map: &MarkedMappingNode,
        key: &str,
        opts: &Options,
        nest: &mut Nest,
    ) -> Option<Block> {
        let node = map.get_node(key)?;
        match key {
            "bullets" | "numbered" => self.list(node, key == "numbered", 0).map(Block::List),
            "text" => Some(Block::Paragraph(self.markup(map, "text")?)),
            "heading" => Some(Block::Heading(self.markup(map, "heading")?)),
            "quote" => Some(Block::Quote {
                text: self.markup(map, "quote")?,
                by: self.markup(map, "by"),
            }),
            "image" => Some(Block::Image {
                path: self.text(map, "image")?,
                caption: opts.caption.clone(),
            }),
            "typst" => Some(Block::Typst(self.text(map, "typst")?)),
            "chart" => {
                let cmap = self.mapping(node, "`chart`", "chart:\n    kind: bar")?;
                super::chart::parse(self, cmap, node).map(|c| Block::Chart(Box::new(c)))
            }
            "code" => super::code::code(self, node).map(|c| Block::Code(Box::new(c))),
            "table" => super::code::table(self, node).map(|t| Block::Table(Box::new(t))),
            "diagram" => super::diagram::diagram(self, node).map(|d| Block::Diagram(Box::new(d))),
            "math" => self
                .math(node, opts.number)
                .map(|m| Block::Math(Box::new(m))),
            "box" => self.callout(node, nest),
            "columns" => self.columns(node, nest),
            _ => None,
        }
    }

    /// Reads `columns:`: two or more columns, each a block or a stack.
    fn columns(&mut self, node: &Node, nest: &mut Nest) -> Option<Block> {
        let Node::Sequence(seq) = node else {
            let span = self.node_span(node);
            self.error(
                Diagnostic::error(format!("`columns` must be a list, found {}", kind(node)))
                    .at(span)
                    .hint("write each column on its own line starting with `- `"),
            );
            return None;
        };
        if nest.columns >= 2 {
            let span = self.node_span(node);
            self.error(
                Diagnostic::error("columns nest only two levels deep")
                    .at(span)
                    .hint("a column may hold one more `columns:` block, no deeper: flatten this one into its parent"),
            );
            return None;
        }
        nest.columns += 1;
        let mut columns = Vec::new();
        for col in seq.iter() {
            let Some(cmap) = self.mapping(col, "a column", "- bullets: ...") else {
                continue;
            };
            self.check_keys(
                cmap,
                &[BLOCK_KEYS, OPTION_KEYS, QUOTE_KEYS, &["body"]],
                "a column",
            );
            let mut opts = self.options(cmap, NOT_COLUMN);
            let Some(mut body) = self.stack(cmap, col, "this column", COLUMN_OPTIONS, nest) else {
                continue;
            };
            // The column's own step is the default of its blocks.
            if opts.step.is_some() || opts.only.is_some() {
                for placed in &mut body {
                    if placed.opts.step.is_none() && placed.opts.only.is_none() {
                        placed.opts.step = opts.step.clone();
                        placed.opts.only = opts.only.clone();
                    }
                }
            }
            columns.push(Column {
                body,
                width: opts.width.take(),
                valign: opts.valign.unwrap_or_default(),
            });
        }
        nest.columns -= 1;
        if seq.len() < 2 {
            let span = self.node_span(node);
            self.error(
                Diagnostic::error("`columns` needs at least two columns")
                    .at(span)
                    .hint("add a second `- text: ...`, or drop `columns:`"),
            );
        }
        self.check_widths(&columns);
        Some(Block::Columns(columns))
    }

    /// Reads `box:`: a kind, an optional title, and a stack or a text.
    fn callout(&mut self, node: &Node, nest: &mut Nest) -> Option<Block> {
        let map = self.mapping(node, "`box`", "box: { kind: theorem, text: ... }")?;
        self.check_keys(map, &[BOX_KEYS], "a box");
        if nest.in_box {
            let span = self.node_span(node);
            self.error(
                Diagnostic::error("a box cannot hold another box")
                    .at(span)
                    .hint("put the two boxes one after the other in the slide's `body:`"),
            );
            return None;
        }
        let kind = self.box_kind(map, node)?;
        let title = self.markup(map, "title");
        let number = match self.text(map, "number") {
            Some(t) => self.yes_no(&t, "number")?.then_some(0),
            None => None,
        };
        let qed = match self.text(map, "qed") {
            Some(t) => self.yes_no(&t, "qed")?,
            None => kind == CalloutKind::Proof,
        };
        nest.in_box = true;
        let body = if map.get_node("body").is_some() || map.get_node("text").is_none() {
            self.stack(map, node, "this box", &[], nest)
        } else {
            self.markup(map, "text").map(|t| {
                vec![Placed {
                    span: t.span.clone(),
                    block: Block::Paragraph(t),
                    opts: Options::default(),
                }]
            })
        };
        nest.in_box = false;
        Some(Block::Callout(Box::new(Callout {
            kind,
            title,
            body: body?,
            number,
            qed,
        })))
    }

    /// Reads a box's `kind:`, with "did you mean".
    fn box_kind(&mut self, map: &MarkedMappingNode, node: &Node) -> Option<CalloutKind> {
        let names: Vec<&str> = CalloutKind::ALL.iter().map(|(n, _)| *n).collect();
        let Some(text) = self.text(map, "kind") else {
            if map.get_node("kind").is_none() {
                let span = self.node_span(node);
                self.error(
                    Diagnostic::error("this box has no `kind`")
                        .at(span)
                        .hint(format!("add `kind:`, one of: {}", names.join(", "))),
                );
            }
            return None;
        };
        let found = CalloutKind::ALL
            .iter()
            .find(|(n, _)| *n == text.value.trim())
            .map(|(_, k)| *k);
        if found.is_none() {
            let hint = match did_you_mean(text.value.trim(), &names) {
                Some(s) => format!("did you mean `{s}`? The kinds: {}", names.join(", ")),
                None => format!("the kinds: {}", names.join(", ")),
            };
            self.error(
                Diagnostic::error(format!("`{}` is not a kind of box", text.value))
                    .at(text.span)
                    .hint(hint),
            );
        }
        found
    }

    /// Reads a list (`bullets:` or `numbered:`) at nesting `depth` (0 for
    /// the top level): a list of items, or for a numbered list
    /// `{ start: N, items: [...] }`.
    fn list(&mut self, node: &Node, numbered: bool, depth: usize) -> Option<List> {
        let (seq, start) = match node {
            Node::Sequence(seq) => (seq, 1),
            Node::Mapping(map) if numbered => {
                self.check_keys(map, &[&["start", "items"]], "a numbered list");
                let start = match self.text(map, "start") {
                    Some(t) => match t.value.trim().parse::<u32>() {
                        Ok(n) if n <= 100_000 => n,
                        _ => {
                            self.error(
                                Diagnostic::error(format!(
                                    "`{}` is not a list's first number",
                                    t.value
                                ))
                                .at(t.span)
                                .hint("write a whole number, e.g. `start: 3`"),
                            );
                            return None;
                        }
                    },
                    None => 1,
                };
                (self.sequence(map, "items")?, start)
            }
            other => {
                let span = self.node_span(other);
                let key = if numbered { "numbered" } else { "bullets" };
                self.error(
                    Diagnostic::error(format!("`{key}` must be a list, found {}", kind(other)))
                        .at(span)
                        .hint("write each item on its own line starting with `- `"),
                );
                return None;
            }
        };
        Some(List {
            numbered,
            start,
            items: self.items(seq, numbered, depth),
        })
    }

    /// Reads list items; a nested list (a list, or `{ bullets: [...] }` /
    /// `{ numbered: [...] }`) holds the items under the item before it.
    fn items(&mut self, seq: &MarkedSequenceNode, numbered: bool, depth: usize) -> Vec<Item> {
        let mut out: Vec<Item> = Vec::new();
        for node in seq.iter() {
            let sub = match node {
                Node::Scalar(s) => {
                    let text = Spanned::new(s.as_str().to_owned(), self.scalar_span(s));
                    self.check_markup(&text);
                    out.push(Item { text, sub: None });
                    continue;
                }
                Node::Sequence(_) => Some((node, numbered)),
                Node::Mapping(map) => {
                    let key = ["bullets", "numbered"]
                        .into_iter()
                        .find(|k| map.get_node(k).is_some());
                    key.and_then(|k| Some((map.get_node(k)?, k == "numbered")))
                }
            };
            let Some((inner, inner_numbered)) = sub else {
                let span = self.node_span(node);
                self.error(
                    Diagnostic::error(format!("a list item must be text, found {}", kind(node)))
                        .at(span)
                        .hint("quote text that contains `: `, e.g. `- \"Kubernetes: 1.0\"`; a nested list is `- { numbered: [...] }`"),
                );
                continue;
            };
            if depth + 1 >= MAX_LIST_DEPTH {
                let span = self.node_span(node);
                self.error(
                    Diagnostic::error(format!("lists can nest only {MAX_LIST_DEPTH} levels deep"))
                        .at(span)
                        .hint("move the deepest items up a level, or split the slide"),
                );
                continue;
            }
            let Some(list) = self.list(inner, inner_numbered, depth + 1) else {
                continue;
            };
            match out.last_mut() {
                Some(parent) if parent.sub.is_none() => parent.sub = Some(list),
                Some(parent) => {
                    if let Some(sub) = &mut parent.sub {
                        sub.items.extend(list.items);
                    }
                }
                None => {
                    let span = self.node_span(node);
                    self.error(
                        Diagnostic::error("a nested list must follow an item")
                            .at(span)
                            .hint("put a `- text` line before the nested list"),
                    );
                }
            }
        }
        out
    }

    /// Reads a yes/no flag.
    pub(super) fn yes_no(&mut self, text: &Spanned<String>, key: &str) -> Option<bool> {
        match text.value.trim() {
            "true" | "yes" => Some(true),
            "false" | "no" => Some(false),
            other => {
                self.error(
                    Diagnostic::error(format!("`{other}` is not true or false"))
                        .at(text.span.clone())
                        .hint(format!("write `{key}: true` or `{key}: false`")),
                );
                None
            }
        }
    }
}

impl VAlign {
    /// The names `valign:` takes.
    pub(super) const NAMES: &[(&str, VAlign)] = &[
        ("top", VAlign::Top),
        ("middle", VAlign::Middle),
        ("bottom", VAlign::Bottom),
    ];
}
