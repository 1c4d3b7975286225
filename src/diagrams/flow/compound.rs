//! Subgraphs that run their own way, as Mermaid draws them: a group whose
//! `direction` differs from the chart's and whose nodes are linked to
//! nothing outside it (but through the group itself) is laid out alone, in
//! its direction, and the chart places that drawing as one box inside the
//! group's frame.

use std::borrow::Cow;

use super::*;
use crate::outline::diagram::{Edge, Group, Node};

/// The chart to lay out, with each group that runs its own way taken in as
/// one node (at its lowest-numbered node's place), and for each node of that chart
/// the drawing it stands for, if it stands for a group. With `reveal`, and
/// when no group runs its own way, the chart as it is.
pub(super) fn split(flow: &Flow, reveal: bool) -> (Cow<'_, Flow>, Vec<Option<Drawing>>) {
    let own: Vec<(usize, Direction)> = (0..flow.groups.len())
        .filter_map(|g| flow.own_direction(g).map(|d| (g, d)))
        .collect();
    if reveal || own.is_empty() {
        return (Cow::Borrowed(flow), vec![None; flow.nodes.len()]);
    }
    // Where each node goes: its own place, or its group's stand-in.
    let mut to = vec![usize::MAX; flow.nodes.len()];
    let mut nodes = Vec::new();
    let mut insets = Vec::new();
    let stand_in = |g: usize| own.iter().find(|o| o.0 == g).map(|o| o.1);
    let group_of = |n: usize| flow.groups.iter().position(|g| g.nodes.contains(&n));
    // A group's stand-in takes the place of its lowest-numbered node (a
    // group may list its nodes in another order), met first below.
    let first = |g: usize| flow.groups[g].nodes.iter().copied().min();
    for (i, node) in flow.nodes.iter().enumerate() {
        match group_of(i).and_then(|g| stand_in(g).map(|d| (g, d))) {
            Some((g, d)) if first(g) == Some(i) => {
                to[i] = nodes.len();
                nodes.push(Node {
                    id: format!("subgraph {g}"),
                    label: flow.groups[g].label.clone(),
                    shape: Shape::Box,
                    fill: None,
                    at: None,
                });
                insets.push(Some(inner(flow, g, d)));
            }
            Some((g, _)) => to[i] = first(g).map_or(usize::MAX, |f| to[f]),
            None => {
                to[i] = nodes.len();
                nodes.push(node.clone());
                insets.push(None);
            }
        }
    }
    let inside = |e: &Edge| {
        let g = group_of(e.from);
        g.is_some_and(|g| stand_in(g).is_some()) && g == group_of(e.to)
    };
    let edges = flow
        .edges
        .iter()
        .filter(|e| !inside(e))
        .map(|e| Edge {
            from: to[e.from],
            to: to[e.to],
            ..e.clone()
        })
        .collect();
    let groups = flow
        .groups
        .iter()
        .map(|g| Group {
            nodes: dedup(g.nodes.iter().map(|&n| to[n])),
            direction: None,
            ..g.clone()
        })
        .collect();
    let outer = Flow {
        direction: flow.direction,
        nodes,
        edges,
        groups,
    };
    (Cow::Owned(outer), insets)
}

/// Group `g` laid out alone in direction `d`: its nodes and the edges
/// between them.
fn inner(flow: &Flow, g: usize, d: Direction) -> Drawing {
    let members = &flow.groups[g].nodes;
    let at = |n: usize| members.iter().position(|&m| m == n);
    let edges = flow
        .edges
        .iter()
        .filter_map(|e| {
            Some(Edge {
                from: at(e.from)?,
                to: at(e.to)?,
                from_group: None,
                to_group: None,
                ..e.clone()
            })
        })
        .collect();
    let alone = Flow {
        direction: d,
        nodes: members.iter().map(|&n| flow.nodes[n].clone()).collect(),
        edges,
        groups: Vec::new(),
    };
    layout(&alone, false)
}

/// The indices in order, each once.
fn dedup(indices: impl Iterator<Item = usize>) -> Vec<usize> {
    let mut out: Vec<usize> = Vec::new();
    for i in indices {
        if !out.contains(&i) {
            out.push(i);
        }
    }
    out
}
