//! Reading `diagram:` blocks: a flowchart or a sequence diagram written in
//! YAML, or in Mermaid (`mermaid: |`, read by [`super::mermaid`]). Both give
//! the same model, checked the same way; every mistake is an error at its
//! place in the outline, inside the Mermaid text too.

use marked_yaml::Node;
use marked_yaml::types::MarkedMappingNode;

use super::Parser;
use super::chart::named;
use crate::diagnostics::{Diagnostic, Span, did_you_mean};
use crate::outline::diagram::{Node as FlowNode, *};
use crate::outline::{Spanned, Text};

/// Keys a `diagram:` mapping may have.
pub(crate) const DIAGRAM_KEYS: &[&str] = &[
    "kind",
    "direction",
    "nodes",
    "edges",
    "groups",
    "participants",
    "messages",
    "reveal",
    "caption",
    "mermaid",
];

/// The diagram kinds by name.
const KINDS: &[(&str, bool)] = &[("flowchart", false), ("sequence", true)];

/// The directions by name.
const DIRECTIONS: &[(&str, Direction)] = &[
    ("right", Direction::Right),
    ("down", Direction::Down),
    ("left", Direction::Left),
    ("up", Direction::Up),
    // Down, turned left to right when too tall (`Diagram::auto_direction`).
    ("auto", Direction::Down),
];

/// Reads a `diagram:` mapping.
pub(crate) fn diagram(p: &mut Parser<'_>, node: &Node) -> Option<Diagram> {
    let map = p.mapping(node, "`diagram`", "diagram:\n    edges: [\"a -> b\"]")?;
    p.check_keys(map, &[DIAGRAM_KEYS], "a diagram");
    let span = p.node_span(node);
    let errors = p.error_count();
    // Past a cap, nothing is read further (the list may be very long).
    for (key, max) in [
        ("nodes", MAX_NODES),
        ("participants", MAX_NODES),
        ("edges", MAX_EDGES),
        ("messages", MAX_EDGES),
    ] {
        if let Some(Node::Sequence(list)) = map.get_node(key)
            && list.len() > max
        {
            // At the key: the list itself may be very long.
            let at = map
                .keys()
                .find(|k| k.as_str() == key)
                .map_or_else(|| p.node_span(node), |k| p.scalar_span(k));
            p.error(
                Diagnostic::error(format!(
                    "this diagram lists {} {key}; a slide holds at most {max}",
                    list.len()
                ))
                .at(at)
                .hint("split it over several slides, or group the details into fewer boxes"),
            );
            return None;
        }
    }
    let graph = match p.text(map, "mermaid") {
        Some(src) => {
            let mut graph = mermaid(p, &src)?;
            beside_mermaid(p, map, &mut graph);
            graph
        }
        None => {
            let sequence = match p.text(map, "kind") {
                Some(k) => named(p, &k, KINDS, ("diagram kind", "diagram kinds: "))?,
                None => map.get_node("participants").is_some(),
            };
            if sequence {
                Graph::Sequence(super::diagram_sequence::sequence_yaml(p, map, &span)?)
            } else {
                Graph::Flow(flow(p, map, &span)?)
            }
        }
    };
    let reveal = reveal(p, map, &graph);
    let caption = p.markup(map, "caption");
    let auto_direction = matches!(&graph, Graph::Flow(_))
        && p.text(map, "direction")
            .is_some_and(|d| d.value.trim() == "auto");
    limits(p, &graph, &span);
    (p.error_count() == errors).then_some(Diagram {
        graph,
        reveal,
        caption,
        span,
        auto_direction,
    })
}

/// The keys written beside `mermaid:`: `direction:` overrides the Mermaid
/// header's; the YAML form's lists are not read, which is a warning at
/// each.
fn beside_mermaid(p: &mut Parser<'_>, map: &MarkedMappingNode, graph: &mut Graph) {
    if let Some(d) = p.text(map, "direction") {
        match graph {
            Graph::Flow(f) => {
                if let Some(dir) = named(p, &d, DIRECTIONS, ("direction", "directions: ")) {
                    f.direction = dir;
                }
            }
            Graph::Sequence(_) => p.error(
                Diagnostic::warning("`direction` is for flowcharts; a sequence diagram runs down")
                    .at(d.span)
                    .hint("remove it"),
            ),
        }
    }
    for key in [
        "kind",
        "nodes",
        "edges",
        "groups",
        "participants",
        "messages",
    ] {
        if let Some(node) = map.get_node(key) {
            let at = p.node_span(node);
            p.error(
                Diagnostic::warning(format!("`{key}` is not read beside `mermaid:`"))
                    .at(at)
                    .hint("write the diagram in Mermaid or in YAML, not both"),
            );
        }
    }
}

/// Reads `mermaid:`, placing its errors and warnings in the outline.
fn mermaid(p: &mut Parser<'_>, src: &Text) -> Option<Graph> {
    let table = p.spans(src);
    match mermaid_in(p, src, &table) {
        Ok(graph) => Some(graph),
        Err(e) => {
            p.error(e);
            None
        }
    }
}

/// Reads Mermaid placed in the file by `table`: the graph (its warnings
/// recorded), or the error.
fn mermaid_in(
    p: &mut Parser<'_>,
    src: &Text,
    table: &super::spans::SpanTable,
) -> Result<Graph, Diagnostic> {
    let at = |r: std::ops::Range<usize>| table.span(r);
    let (graph, warnings) = super::mermaid::parse(&src.value, &at)?;
    warnings.into_iter().for_each(|w| p.error(w));
    Ok(graph)
}

/// A ```` ```mermaid ```` fence of a `markdown:` block as a diagram, or
/// the reason it cannot be drawn (the fence is then shown as code).
pub(crate) fn mermaid_fence(
    p: &mut Parser<'_>,
    src: &Text,
    table: &super::spans::SpanTable,
) -> Result<Diagram, Diagnostic> {
    let graph = mermaid_in(p, src, table)?;
    let errors = p.error_count();
    limits(p, &graph, &src.span);
    if p.error_count() > errors {
        return Err(
            Diagnostic::warning("this Mermaid diagram is too large for a slide")
                .at(src.span.clone()),
        );
    }
    Ok(Diagram {
        graph,
        reveal: false,
        caption: None,
        span: src.span.clone(),
        auto_direction: false,
    })
}

/// Reads `reveal: nodes` (a flowchart) or `reveal: messages` (a sequence).
fn reveal(p: &mut Parser<'_>, map: &MarkedMappingNode, graph: &Graph) -> bool {
    let Some(text) = p.text(map, "reveal") else {
        return false;
    };
    let (want, other) = match graph {
        Graph::Flow(_) => ("nodes", "messages"),
        Graph::Sequence(_) => ("messages", "nodes"),
    };
    match text.value.as_str() {
        v if v == want => true,
        "all" | "none" => false,
        v => {
            let what = if v == other {
                format!(
                    "`reveal: {v}` is for a {}",
                    if other == "nodes" {
                        "flowchart"
                    } else {
                        "sequence diagram"
                    }
                )
            } else {
                format!("`{v}` is not a diagram reveal mode")
            };
            p.error(Diagnostic::error(what).at(text.span).hint(format!(
                "use `reveal: {want}` (one per step) or leave it out"
            )));
            false
        }
    }
}

/// Checks the size limits.
fn limits(p: &mut Parser<'_>, graph: &Graph, span: &Span) {
    let (nodes, edges, what) = match graph {
        Graph::Flow(f) => (f.nodes.len(), f.edges.len(), ("nodes", "edges")),
        Graph::Sequence(s) => (
            s.participants.len(),
            s.messages().count(),
            ("participants", "messages"),
        ),
    };
    for (count, max, name) in [(nodes, MAX_NODES, what.0), (edges, MAX_EDGES, what.1)] {
        if count > max {
            p.error(
                Diagnostic::error(format!(
                    "this diagram has {count} {name}; a slide holds at most {max}"
                ))
                .at(span.clone())
                .hint("split it over several slides, or group the details into fewer boxes"),
            );
        }
    }
}

/// A span inside a text value: bytes `r` of its value.
pub(super) fn inner(p: &Parser<'_>, text: &Text, r: std::ops::Range<usize>) -> Span {
    p.spans(text).span(r)
}

/// A piece of a text value, trimmed, with its span.
pub(super) fn piece(p: &Parser<'_>, text: &Text, r: std::ops::Range<usize>) -> Text {
    let raw = text.value.get(r.clone()).unwrap_or("");
    let start = r.start + (raw.len() - raw.trim_start().len());
    let end = start + raw.trim().len();
    Spanned::new(raw.trim().to_string(), inner(p, text, start..end))
}

/// Reads a list of text-or-mapping entries.
pub(super) fn entries<'n>(
    p: &mut Parser<'_>,
    map: &'n MarkedMappingNode,
    key: &str,
) -> Vec<&'n Node> {
    p.sequence(map, key)
        .map(|s| s.iter().collect())
        .unwrap_or_default()
}

/// Reads a flowchart written in YAML.
fn flow(p: &mut Parser<'_>, map: &MarkedMappingNode, span: &Span) -> Option<Flow> {
    let direction = match p.text(map, "direction") {
        Some(d) => named(p, &d, DIRECTIONS, ("direction", "directions: "))?,
        None => Direction::Right,
    };
    let declared = map.get_node("nodes").is_some();
    let mut nodes: Vec<FlowNode> = Vec::new();
    let mut cells = Vec::new();
    for entry in entries(p, map, "nodes") {
        let (id, label, shape, fill, at) = match entry {
            Node::Scalar(s) => {
                let t = Spanned::new(s.as_str().trim().to_string(), p.scalar_span(s));
                (t.clone(), t, Shape::Box, None, None)
            }
            Node::Mapping(m) => {
                p.check_keys(m, &[&["id", "label", "shape", "fill", "at"]], "a node");
                let Some(id) = p.required_text(m, "id", "this node") else {
                    continue;
                };
                let label = p.text(m, "label").unwrap_or_else(|| id.clone());
                let shape = match p.text(m, "shape") {
                    Some(s) => {
                        named(p, &s, Shape::ALL, ("shape", "shapes: ")).unwrap_or(Shape::Box)
                    }
                    None => Shape::Box,
                };
                let fill = p
                    .text(m, "fill")
                    .and_then(|f| named(p, &f, Fill::ALL, ("fill", "fills: ")));
                (id, label, shape, fill, super::diagram_cell::cell(p, m))
            }
            other => {
                let span = p.node_span(other);
                p.error(
                    Diagnostic::error("a node must be an id or a mapping")
                        .at(span)
                        .hint("write `- { id: api, label: API Server }`"),
                );
                continue;
            }
        };
        if let Some(first) = nodes.iter().find(|n| n.id == id.value) {
            p.error(
                Diagnostic::error(format!("the node id `{}` is used twice", id.value))
                    .at(id.span)
                    .label(first.label.span.clone(), "first used here")
                    .hint("give each node its own id"),
            );
            continue;
        }
        if let Some(cell) = &at {
            super::diagram_cell::claim(p, &mut cells, cell);
        }
        nodes.push(FlowNode {
            id: id.value,
            label,
            shape,
            fill,
            at: at.map(|c| c.value),
        });
    }
    let mut edges = Vec::new();
    for entry in entries(p, map, "edges") {
        if let Some(edge) = edge(p, entry, &mut nodes, declared) {
            edges.push(edge);
        }
    }
    if nodes.is_empty() {
        p.error(
            Diagnostic::error("this diagram has no nodes")
                .at(span.clone())
                .hint("list `edges:` like \"a -> b: label\", or `nodes:`; or write `mermaid: |`"),
        );
        return None;
    }
    let groups = groups(p, map, &nodes);
    let flow = Flow {
        direction,
        nodes,
        edges,
        groups,
    };
    super::diagram_cell::turned_back(p, &flow, &cells);
    Some(flow)
}

/// Finds a node by id, creating it when nodes are not declared; an unknown
/// id is an error otherwise.
fn node_index(
    p: &mut Parser<'_>,
    id: &Text,
    nodes: &mut Vec<FlowNode>,
    declared: bool,
) -> Option<usize> {
    if let Some(i) = nodes.iter().position(|n| n.id == id.value) {
        return Some(i);
    }
    if id.value.is_empty() {
        p.error(
            Diagnostic::error("an edge needs a node id on both sides")
                .at(id.span.clone())
                .hint("write edges as \"a -> b\" or \"a -> b: label\""),
        );
        return None;
    }
    if declared {
        let ids: Vec<&str> = nodes.iter().map(|n| n.id.as_str()).collect();
        let hint = match did_you_mean(&id.value, &ids) {
            Some(near) => format!("did you mean `{near}`?"),
            None => format!("add `- {{ id: {} }}` to `nodes:`", id.value),
        };
        p.error(
            Diagnostic::error(format!("no node has the id `{}`", id.value))
                .at(id.span.clone())
                .hint(hint),
        );
        return None;
    }
    nodes.push(FlowNode {
        id: id.value.clone(),
        label: id.clone(),
        shape: Shape::Box,
        fill: None,
        at: None,
    });
    Some(nodes.len() - 1)
}

/// An arrow in `text`: its byte range and what it draws.
fn find_arrow(text: &str) -> Option<(std::ops::Range<usize>, Stroke, Head, Head)> {
    text.char_indices().find_map(|(i, _)| {
        FLOW_ARROWS.iter().find_map(|&(a, stroke, head, tail)| {
            text[i..]
                .starts_with(a)
                .then_some((i..i + a.len(), stroke, head, tail))
        })
    })
}

/// Splits "a -> b: label" into its parts: from, arrow, to, label.
/// An edge's parts: from, its line and heads, to, and its label.
type EdgeParts = (Text, (Stroke, Head, Head), Text, Option<Text>);

/// Splits an edge.
pub(super) fn split_edge(p: &Parser<'_>, text: &Text) -> Option<EdgeParts> {
    let (arrow, stroke, head, tail) = find_arrow(&text.value)?;
    let rest = arrow.end..text.value.len();
    let colon = text.value[rest.clone()].find(':').map(|c| rest.start + c);
    let to_end = colon.unwrap_or(text.value.len());
    let label = colon
        .map(|c| piece(p, text, c + 1..text.value.len()))
        .filter(|l| !l.value.is_empty());
    Some((
        piece(p, text, 0..arrow.start),
        (stroke, head, tail),
        piece(p, text, arrow.end..to_end),
        label,
    ))
}

/// Reads one edge: "a -> b: label" or `{ from, to, label, style }`.
fn edge(
    p: &mut Parser<'_>,
    entry: &Node,
    nodes: &mut Vec<FlowNode>,
    declared: bool,
) -> Option<Edge> {
    let span = p.node_span(entry);
    let (from, (stroke, head, tail), to, label) = match entry {
        Node::Scalar(s) => {
            let text = Spanned::new(s.as_str().to_owned(), p.scalar_span(s));
            let Some(parts) = split_edge(p, &text) else {
                p.error(
                    Diagnostic::error(format!("`{}` has no arrow", text.value))
                        .at(text.span)
                        .hint("write \"a -> b\" (or Mermaid's \"a --> b\"), \"a -.-> b\" (dotted), \"a ==> b\" (thick), \"a <-> b\" or \"a -> b: label\""),
                );
                return None;
            };
            parts
        }
        Node::Mapping(m) => {
            p.check_keys(m, &[&["from", "to", "label", "style"]], "an edge");
            let from = p.required_text(m, "from", "this edge")?;
            let to = p.required_text(m, "to", "this edge")?;
            let stroke = match p.text(m, "style") {
                Some(s) => named(p, &s, Stroke::ALL, ("edge style", "styles: "))?,
                None => Stroke::Solid,
            };
            (
                from,
                (stroke, Head::Arrow, Head::None),
                to,
                p.text(m, "label"),
            )
        }
        Node::Sequence(_) => {
            p.error(
                Diagnostic::error("an edge must be text or a mapping")
                    .at(span)
                    .hint("write \"a -> b: label\" or `{ from: a, to: b }`"),
            );
            return None;
        }
    };
    let from_i = node_index(p, &from, nodes, declared);
    let to_i = node_index(p, &to, nodes, declared);
    Some(Edge {
        from: from_i?,
        to: to_i?,
        label,
        stroke,
        head,
        tail,
        span,
        from_group: None,
        to_group: None,
    })
}

/// Reads `groups:`: `{ label, nodes: [ids], direction }`, each node in one
/// group.
fn groups(p: &mut Parser<'_>, map: &MarkedMappingNode, nodes: &[FlowNode]) -> Vec<Group> {
    let mut out: Vec<Group> = Vec::new();
    for entry in entries(p, map, "groups") {
        let Some(m) = p.mapping(
            entry,
            "a group",
            "- { label: 控制平面, nodes: [api, etcd] }",
        ) else {
            continue;
        };
        p.check_keys(m, &[&["label", "nodes", "direction"]], "a group");
        let direction = match p.text(m, "direction") {
            Some(d) => named(p, &d, DIRECTIONS, ("direction", "directions: ")),
            None => None,
        };
        let Some(label) = p.required_text(m, "label", "this group") else {
            continue;
        };
        let mut members = Vec::new();
        for id in p
            .sequence(m, "nodes")
            .map(|s| s.iter().collect::<Vec<_>>())
            .unwrap_or_default()
        {
            let Some(s) = id.as_scalar() else { continue };
            let id = Spanned::new(s.as_str().trim().to_string(), p.scalar_span(s));
            let Some(i) = nodes.iter().position(|n| n.id == id.value) else {
                let ids: Vec<&str> = nodes.iter().map(|n| n.id.as_str()).collect();
                let hint = did_you_mean(&id.value, &ids).map_or_else(
                    || "name a node of this diagram".into(),
                    |n| format!("did you mean `{n}`?"),
                );
                p.error(
                    Diagnostic::error(format!("no node has the id `{}`", id.value))
                        .at(id.span)
                        .hint(hint),
                );
                continue;
            };
            if let Some(g) = out.iter().find(|g| g.nodes.contains(&i)) {
                p.error(
                    Diagnostic::error(format!(
                        "`{}` is already in the group “{}”",
                        id.value, g.label.value
                    ))
                    .at(id.span)
                    .hint("a node belongs to one group at most"),
                );
                continue;
            }
            members.push(i);
        }
        out.push(Group {
            label,
            nodes: members,
            direction,
        });
    }
    out
}
