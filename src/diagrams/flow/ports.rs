//! Where edges meet a node: every edge end on one side of a node has a
//! slot of its own, in the order of where the edges come from, so no two
//! arrowheads meet; a node with more edge ends on a side than its width
//! holds is drawn wider. On a circle or a diamond an end off the centre
//! stops at the outline, not at the bounding box.

use super::{Kind, Layout, Measured, Turn};
use crate::outline::diagram::{Flow, Shape};

/// The distance between two edge ends on one side, wide enough for two
/// arrowheads side by side.
pub(super) const PORT_GAP: f64 = 12.0;

/// How far the outermost edge end of a node with self-loops stays from
/// the node's corners, clear of the loops' arrowheads.
const LOOP_CLEAR: f64 = 10.0;

/// Widens (across the layers) each node whose busiest side has more edge
/// ends than fit it at [`PORT_GAP`], a circle both ways; lengthens (along)
/// a node with more self-loops than its side holds apart.
pub(super) fn widen(
    measured: &mut [Measured],
    flow: &Flow,
    directed: &[(usize, usize, usize, bool)],
    turn: Turn,
) {
    for (i, m) in measured.iter_mut().enumerate() {
        let loops = flow
            .edges
            .iter()
            .filter(|e| e.from == i && e.to == i)
            .count();
        if loops > 2 {
            // Loop pairs stand PORT_GAP further apart (see `draw_self_loops`).
            let along = 16.0 + 2.0 * PORT_GAP * ((loops - 1) / 2) as f64 + 8.0;
            if turn.across {
                m.w = m.w.max(along);
            } else {
                m.h = m.h.max(along);
            }
        }
        let below = directed.iter().filter(|e| e.1 == i).count();
        let above = directed.iter().filter(|e| e.2 == i).count();
        let ends = below.max(above);
        if ends < 2 {
            continue;
        }
        // Self-loops end at one side's middle: ends keep LOOP_CLEAR from it.
        let clear = if loops > 0 { 2.0 * LOOP_CLEAR } else { 0.0 };
        let need = (ends - 1) as f64 * PORT_GAP / 0.8 + clear;
        match flow.nodes[i].shape {
            Shape::Circle | Shape::DoubleCircle | Shape::Diamond => {
                let grow = need / 0.6;
                m.w = m.w.max(grow);
                m.h = m.h.max(grow);
            }
            _ if turn.across => m.h = m.h.max(need),
            _ => m.w = m.w.max(need),
        }
    }
}

impl Layout<'_> {
    /// Each chain's ends across the layers: (where it leaves its upper
    /// node, where it reaches its lower one).
    pub(super) fn ports(&self) -> Vec<(f64, f64)> {
        let x = &self.x;
        let mut out: Vec<(f64, f64)> = self
            .chains
            .iter()
            .map(|(_, c, _)| (x[c[0]], x[c[c.len() - 1]]))
            .collect();
        // Each side of each node: its chains, by where they come from.
        for v in 0..self.flow.nodes.len() {
            for lower in [false, true] {
                let mut ends: Vec<(f64, usize)> = self
                    .chains
                    .iter()
                    .enumerate()
                    .filter_map(|(ci, (_, c, _))| {
                        let n = c.len();
                        match lower {
                            false if c[0] == v => Some((x[c[1]], ci)),
                            true if c[n - 1] == v => Some((x[c[n - 2]], ci)),
                            _ => None,
                        }
                    })
                    .collect();
                if ends.len() < 2 {
                    continue;
                }
                ends.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
                let k = ends.len() as f64;
                let mut room = self.side(v) * self.share(v);
                if self.flow.edges.iter().any(|e| e.from == v && e.to == v) {
                    room = room.min(self.side(v) - 2.0 * LOOP_CLEAR).max(0.0);
                }
                let spacing = (room / (k - 1.0)).min(PORT_GAP * 1.2);
                for (slot, (_, ci)) in ends.into_iter().enumerate() {
                    let at = x[v] + (slot as f64 - (k - 1.0) / 2.0) * spacing;
                    if lower {
                        out[ci].1 = at;
                    } else {
                        out[ci].0 = at;
                    }
                }
            }
        }
        out
    }

    /// How far in from its box's side a node's outline is, `dx` off its
    /// centre across: none for a box; a circle's or diamond's curve.
    pub(super) fn inset(&self, v: usize, dx: f64) -> f64 {
        let Kind::Node(i) = self.vertices[v].kind else {
            return 0.0;
        };
        let (c, a) = self.turn.size(self.measured[i].w, self.measured[i].h);
        let (half_c, half_a) = (c / 2.0, a / 2.0);
        match self.flow.nodes[i].shape {
            Shape::Circle | Shape::DoubleCircle => {
                let r = half_c.min(half_a);
                r - (r * r - dx * dx).max(0.0).sqrt()
            }
            Shape::Diamond => half_a * (dx.abs() / half_c).min(1.0),
            _ => 0.0,
        }
    }

    /// A node's width across the layers.
    fn side(&self, v: usize) -> f64 {
        let m = &self.measured[v];
        self.turn.size(m.w, m.h).0
    }

    /// How much of a node's side its edge ends spread over: most of a
    /// box's, the middle of a circle's or diamond's.
    fn share(&self, v: usize) -> f64 {
        match self.flow.nodes[v].shape {
            Shape::Circle | Shape::DoubleCircle | Shape::Diamond => 0.6,
            _ => 0.8,
        }
    }
}
