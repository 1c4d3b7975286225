//! Alt text for diagrams, generated from the graph: the caption, then what
//! connects to what ("kubectl → API Server (REST); API Server → etcd"), or
//! what each participant sends in order.

use crate::outline::diagram::{Diagram, Event, Graph};

/// Describes a diagram in the deck's language (`zh`, otherwise English).
pub fn describe(diagram: &Diagram, lang: &str) -> String {
    let zh = lang == "zh";
    let mut parts: Vec<String> = Vec::new();
    if let Some(c) = &diagram.caption {
        parts.push(c.value.clone());
    }
    let sep = if zh { "；" } else { "; " };
    match &diagram.graph {
        Graph::Flow(f) => {
            let name = |i: usize| {
                f.nodes
                    .get(i)
                    .map_or("", |n| n.label.value.as_str())
                    .replace('\n', " ")
            };
            let mut edges: Vec<String> = f
                .edges
                .iter()
                .map(|e| {
                    let arrow = if e.tail == crate::outline::diagram::Head::None {
                        "→"
                    } else {
                        "↔"
                    };
                    let mut s = format!("{} {arrow} {}", name(e.from), name(e.to));
                    if let Some(l) = &e.label {
                        s.push_str(&format!(" ({})", l.value));
                    }
                    s
                })
                .collect();
            // Nodes without any edge are named too.
            for (i, _) in f.nodes.iter().enumerate() {
                if !f.edges.iter().any(|e| e.from == i || e.to == i) {
                    edges.push(name(i));
                }
            }
            parts.push(edges.join(sep));
            for g in &f.groups {
                let members: Vec<String> = g.nodes.iter().map(|&i| name(i)).collect();
                parts.push(format!("{}: {}", g.label.value, members.join(", ")));
            }
        }
        Graph::Sequence(s) => {
            let name = |i: usize| {
                s.participants
                    .get(i)
                    .map_or("", |p| p.label.value.as_str())
                    .replace('\n', " ")
            };
            let steps: Vec<String> = s
                .events
                .iter()
                .filter_map(|e| match e {
                    Event::Message(m) => Some(format!(
                        "{} → {}: {}",
                        name(m.from),
                        name(m.to),
                        m.text.value
                    )),
                    Event::Note { first, text, .. } => Some(format!(
                        "{} ({}): {}",
                        if zh { "注" } else { "note" },
                        name(*first),
                        text.value
                    )),
                    _ => None,
                })
                .collect();
            parts.push(steps.join(sep));
        }
    }
    let joiner = if zh { "。" } else { ". " };
    parts.join(joiner)
}
