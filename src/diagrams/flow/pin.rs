//! Nodes placed by hand (`at: [col, row]`), for small figures such as a
//! causal triangle: a pinned node's column and row become its rank and its
//! place across the layers, on a grid as wide as the widest node; the rest
//! are laid out around them. A pin is a least rank: an edge still points
//! down the layers, so a pin that would turn one back is moved on.

use super::{NODE_GAP, Turn, Vertex};
use crate::outline::diagram::Flow;

/// Each node's pinned cell in layout terms, (along, across), if pinned.
pub(super) fn cells(flow: &Flow, turn: Turn) -> Vec<Option<(usize, usize)>> {
    let along_of = |(col, row): (usize, usize)| if turn.across { (col, row) } else { (row, col) };
    let last = flow
        .nodes
        .iter()
        .filter_map(|n| n.at.map(|c| along_of(c).0))
        .max()
        .unwrap_or(0);
    flow.nodes
        .iter()
        .map(|n| {
            n.at.map(|c| {
                let (along, across) = along_of(c);
                // Flipped charts run their ranks back: keep the page's grid.
                (if turn.flip { last - along } else { along }, across)
            })
        })
        .collect()
}

/// Sets the pinned nodes' ranks (their grid moved on as a whole when the
/// nodes before them need room), then pushes every edge's lower end at
/// least `minlen` below its upper one.
pub(super) fn ranks(
    rank: &mut [usize],
    cells: &[Option<(usize, usize)>],
    directed: &[(usize, usize, usize, bool)],
    minlen: usize,
) {
    if cells.iter().all(Option::is_none) {
        return;
    }
    let offset = rank
        .iter()
        .zip(cells)
        .filter_map(|(r, cell)| cell.map(|(along, _)| r.saturating_sub(along * minlen)))
        .max()
        .unwrap_or(0);
    for (r, cell) in rank.iter_mut().zip(cells) {
        if let Some((along, _)) = cell {
            *r = offset + along * minlen;
        }
    }
    // The edges are acyclic: as many rounds as nodes settle them.
    for _ in 0..rank.len() {
        let mut moved = false;
        for &(_, a, b, _) in directed {
            if rank[b] < rank[a] + minlen {
                rank[b] = rank[a] + minlen;
                moved = true;
            }
        }
        if !moved {
            break;
        }
    }
}

/// Where each pinned vertex stands across (its row or column on a grid of
/// cells as wide as the widest node); `None` for the others.
pub(super) fn across(vertices: &[Vertex], cells: &[Option<(usize, usize)>]) -> Vec<Option<f64>> {
    let cell = vertices
        .iter()
        .take(cells.len())
        .map(|v| v.lo + v.hi)
        .fold(0.0, f64::max)
        + NODE_GAP;
    (0..vertices.len())
        .map(|v| {
            cells
                .get(v)
                .copied()
                .flatten()
                .map(|(_, c)| c as f64 * cell)
        })
        .collect()
}

/// Puts the pinned vertices of each layer in the order of their cells,
/// in the places pinned vertices held; the others keep theirs.
pub(super) fn order(layers: &mut [Vec<usize>], fixed: &[Option<f64>]) {
    for layer in layers {
        let slots: Vec<usize> = (0..layer.len())
            .filter(|&i| fixed[layer[i]].is_some())
            .collect();
        let mut pinned: Vec<usize> = slots.iter().map(|&i| layer[i]).collect();
        pinned.sort_by(|&a, &b| fixed[a].unwrap_or(0.0).total_cmp(&fixed[b].unwrap_or(0.0)));
        for (slot, v) in slots.into_iter().zip(pinned) {
            layer[slot] = v;
        }
    }
}
