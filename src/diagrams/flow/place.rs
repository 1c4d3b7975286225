//! The placing steps of a flowchart's layout: cycles broken, ranks,
//! the first order of each layer, positions along a layer, and groups'
//! boxes kept clear.

use super::*;

/// Which edges close a cycle, by a depth-first search from each node in
/// order.
pub(super) fn back_edges(n: usize, links: &[(usize, usize, usize)]) -> Vec<bool> {
    let mut out_edges = vec![Vec::new(); n];
    for (j, &(_, a, b)) in links.iter().enumerate() {
        out_edges[a].push((j, b));
    }
    // 0: not seen, 1: on the stack, 2: done.
    let mut state = vec![0u8; n];
    let mut back = vec![false; links.len()];
    for root in 0..n {
        if state[root] != 0 {
            continue;
        }
        let mut stack: Vec<(usize, usize)> = vec![(root, 0)];
        state[root] = 1;
        while let Some(&mut (v, ref mut next)) = stack.last_mut() {
            if let Some(&(j, w)) = out_edges[v].get(*next) {
                *next += 1;
                match state[w] {
                    0 => {
                        state[w] = 1;
                        stack.push((w, 0));
                    }
                    1 => back[j] = true,
                    _ => {}
                }
            } else {
                state[v] = 2;
                stack.pop();
            }
        }
    }
    back
}

/// The edges that rank the nodes: the chart's edges (`directed`, cycles
/// broken), and for an edge to or from a group an edge to or from each of
/// its members, so the whole group sits past the edge's other end (the
/// edge itself is drawn to the group's first node or from its last). Such
/// an edge is left out where it would close a cycle.
pub(super) fn ranking_edges(
    flow: &Flow,
    directed: &[(usize, usize, usize, bool)],
) -> Vec<(usize, usize, usize, bool)> {
    let n = flow.nodes.len();
    let mut out = directed.to_vec();
    let mut succ = vec![Vec::new(); n];
    for &(_, a, b, _) in directed {
        succ[a].push(b);
    }
    let reaches = |succ: &[Vec<usize>], from: usize, to: usize| {
        let mut seen = vec![false; n];
        let mut stack = vec![from];
        while let Some(v) = stack.pop() {
            if v == to {
                return true;
            }
            for &w in &succ[v] {
                if !std::mem::replace(&mut seen[w], true) {
                    stack.push(w);
                }
            }
        }
        false
    };
    for (k, e) in flow.edges.iter().enumerate() {
        let members = |g: Option<usize>| {
            g.and_then(|g| flow.groups.get(g))
                .map_or(&[][..], |g| g.nodes.as_slice())
        };
        let extra: Vec<(usize, usize)> = members(e.to_group)
            .iter()
            .map(|&m| (e.from, m))
            .chain(members(e.from_group).iter().map(|&m| (m, e.to)))
            .filter(|&(a, b)| a != b && a < n && b < n)
            .collect();
        for (a, b) in extra {
            if !reaches(&succ, b, a) {
                succ[a].push(b);
                out.push((k, a, b, false));
            }
        }
    }
    out
}

/// Ranks by longest path from the sources, then sources pulled down next
/// to their first successor.
pub(super) fn ranks(n: usize, edges: &[(usize, usize, usize, bool)], minlen: usize) -> Vec<usize> {
    let mut indegree = vec![0usize; n];
    let mut succ = vec![Vec::new(); n];
    for &(_, a, b, _) in edges {
        indegree[b] += 1;
        succ[a].push(b);
    }
    let mut rank = vec![0usize; n];
    let mut queue: Vec<usize> = (0..n).filter(|&v| indegree[v] == 0).collect();
    let mut topo = Vec::with_capacity(n);
    let mut head = 0;
    while let Some(&v) = queue.get(head) {
        head += 1;
        topo.push(v);
        for &w in &succ[v] {
            rank[w] = rank[w].max(rank[v] + minlen);
            indegree[w] -= 1;
            if indegree[w] == 0 {
                queue.push(w);
            }
        }
    }
    let has_pred: Vec<bool> = (0..n).map(|v| edges.iter().any(|e| e.2 == v)).collect();
    for &v in topo.iter().rev() {
        if !has_pred[v]
            && let Some(m) = succ[v].iter().map(|&w| rank[w]).min()
        {
            {
                rank[v] = m.saturating_sub(minlen).max(rank[v]);
            }
        }
    }
    rank
}

/// A first order: vertices as a breadth-first walk from the nodes meets them.
pub(super) fn initial_order(vertices: &[Vertex], down: &[Vec<usize>]) -> Vec<usize> {
    let mut seen = vec![false; vertices.len()];
    let mut out = Vec::new();
    let mut roots: Vec<usize> = (0..vertices.len()).collect();
    roots.sort_by_key(|&v| (vertices[v].rank, v));
    for root in roots {
        if seen[root] {
            continue;
        }
        seen[root] = true;
        let mut queue = vec![root];
        let mut head = 0;
        while let Some(&v) = queue.get(head) {
            head += 1;
            out.push(v);
            for &w in &down[v] {
                if !seen[w] {
                    seen[w] = true;
                    queue.push(w);
                }
            }
        }
    }
    out
}

/// The least distance between two neighbours' anchors in a layer.
pub(super) fn separation(a: &Vertex, b: &Vertex) -> f64 {
    let gap = match (a.kind, b.kind) {
        (Kind::Node(_), Kind::Node(_)) => NODE_GAP,
        _ => DUMMY_GAP,
    };
    a.hi + gap + b.lo
}

/// Anchors along each layer: packed, then pulled toward their neighbours
/// in sweeps down and up; edges through layers pull harder, to run
/// straight. A `fixed` vertex (a node placed by hand) holds its place.
pub(super) fn positions(
    vertices: &[Vertex],
    layers: &[Vec<usize>],
    (up, down): (&[Vec<usize>], &[Vec<usize>]),
    fixed: &[Option<f64>],
) -> Vec<f64> {
    let mut x = vec![0.0; vertices.len()];
    let seps = |layer: &[usize]| -> Vec<f64> {
        layer
            .windows(2)
            .map(|w| separation(&vertices[w[0]], &vertices[w[1]]))
            .collect()
    };
    // A pinned vertex outweighs any pull.
    let weight = |v: usize| match (fixed[v], vertices[v].kind) {
        (Some(_), _) => 1e6,
        (None, Kind::Node(_)) => 1.0,
        (None, _) => 4.0,
    };
    for layer in layers {
        let desired: Vec<f64> = layer.iter().map(|&v| fixed[v].unwrap_or(0.0)).collect();
        let weights: Vec<f64> = layer
            .iter()
            .map(|&v| if fixed[v].is_some() { 1e6 } else { 1.0 })
            .collect();
        let placed = order::place(&desired, &weights, &seps(layer));
        for (&v, p) in layer.iter().zip(placed) {
            x[v] = p;
        }
    }
    for sweep in 0..12 {
        let order: Vec<usize> = if sweep % 2 == 0 {
            (0..layers.len()).collect()
        } else {
            (0..layers.len()).rev().collect()
        };
        for r in order {
            let layer = &layers[r];
            let desired: Vec<f64> = layer
                .iter()
                .map(|&v| {
                    let near: Vec<f64> = up[v].iter().chain(&down[v]).map(|&w| x[w]).collect();
                    if let Some(at) = fixed[v] {
                        at
                    } else if near.is_empty() {
                        x[v]
                    } else {
                        near.iter().sum::<f64>() / near.len() as f64
                    }
                })
                .collect();
            let weights: Vec<f64> = layer.iter().map(|&v| weight(v)).collect();
            for (&v, p) in layer
                .iter()
                .zip(order::place(&desired, &weights, &seps(layer)))
            {
                x[v] = p;
            }
        }
    }
    x
}

/// A group's padding in layout space and its wrapped title.
pub(super) struct GroupPad {
    /// The group's index.
    pub(super) index: usize,
    /// Its members (vertex indices equal node indices).
    pub(super) members: Vec<usize>,
    /// Padding across: before, after.
    pub(super) cross: (f64, f64),
    /// Padding along: before, after (in layout order, before flipping).
    pub(super) along: (f64, f64),
    /// The title's lines.
    pub(super) lines: Vec<String>,
}

impl GroupPad {
    /// The first and last rank of the group's members.
    pub(super) fn ranks(&self, vertices: &[Vertex]) -> Option<(usize, usize)> {
        let ranks = self.members.iter().map(|&m| vertices[m].rank);
        Some((ranks.clone().min()?, ranks.max()?))
    }
}

/// Each group's padding: the title takes room at the top of the box.
pub(super) fn group_pads(flow: &Flow, turn: Turn) -> Vec<GroupPad> {
    flow.groups
        .iter()
        .enumerate()
        .map(|(index, g)| {
            let lines = wrap(&g.label.value, MAX_LABEL_WIDTH, true);
            let (_, h) = lines_size(&lines, true);
            let title = GROUP_PAD / 2.0 + h + 4.0;
            let (cross, along) = match (turn.across, turn.flip) {
                (false, false) => ((GROUP_PAD, GROUP_PAD), (title, GROUP_PAD)),
                (false, true) => ((GROUP_PAD, GROUP_PAD), (GROUP_PAD, title)),
                (true, _) => ((title, GROUP_PAD), (GROUP_PAD, GROUP_PAD)),
            };
            GroupPad {
                index,
                members: g.nodes.clone(),
                cross,
                along,
                lines,
            }
        })
        .collect()
}

/// Keeps every group's box clear of the vertices that are not in it, and
/// of the other groups whose layers it shares, moving vertices right only
/// as far as needed.
///
/// Each rule is a least distance between two positions (`x[b] ≥ x[a] +
/// c`) over the vertices and each group's left and right edge: the layer's
/// order with its gaps; a group's edges around its members (and its title);
/// in every layer the group spans, the vertices before its block left of
/// its left edge and those after it right of its right edge; and one group
/// right of another that shares its layers. The layers' orders keep the
/// groups in one order, so the rules have no cycle, and raising each
/// position to what its rules ask settles in a few passes.
pub(super) fn push_out_of_groups(
    vertices: &[Vertex],
    layers: &[Vec<usize>],
    x: &mut [f64],
    pads: &[GroupPad],
    title_across: bool,
) {
    let nv = vertices.len();
    let left = |g: usize| nv + 2 * g;
    let right = |g: usize| nv + 2 * g + 1;
    let mut pos: Vec<f64> = x.to_vec();
    let mut rules: Vec<(usize, usize, f64)> = Vec::new();
    for layer in layers {
        for w in layer.windows(2) {
            rules.push((w[0], w[1], separation(&vertices[w[0]], &vertices[w[1]])));
        }
    }
    let spans: Vec<Option<(usize, usize)>> = pads.iter().map(|p| p.ranks(vertices)).collect();
    let block = |g: usize, layer: &[usize]| block_of(vertices, g, layer);
    let ranked = group_order(vertices, layers, pads.len());
    let mut bounds = vec![(f64::INFINITY, f64::NEG_INFINITY); pads.len()];
    for (g, pad) in pads.iter().enumerate() {
        for v in (0..nv).filter(|&v| vertices[v].group == Some(g)) {
            rules.push((left(g), v, vertices[v].lo + pad.cross.0));
            rules.push((v, right(g), vertices[v].hi + pad.cross.1));
            bounds[g].0 = bounds[g].0.min(x[v] - vertices[v].lo - pad.cross.0);
            bounds[g].1 = bounds[g].1.max(x[v] + vertices[v].hi + pad.cross.1);
        }
        pos.push(bounds[g].0);
        pos.push(bounds[g].1);
        if title_across {
            let title = pad
                .lines
                .iter()
                .map(|l| crate::charts::text::width(l, crate::charts::text::SIZE, true))
                .fold(0.0, f64::max);
            rules.push((left(g), right(g), title + 2.0 * GROUP_PAD));
        }
    }
    for (r, layer) in layers.iter().enumerate() {
        // Cuts through the layer, left to right in the groups' order: the
        // vertices before a group's block (or its cut, where it has no
        // member) stay left of it, those after stay right.
        let here: Vec<usize> = ranked
            .iter()
            .copied()
            .filter(|&g| spans[g].is_some_and(|(r0, r1)| (r0..=r1).contains(&r)))
            .collect();
        let mut floor = 0;
        for (i, &g) in here.iter().enumerate() {
            let (cut_lo, cut_hi) = match block(g, layer) {
                Some((first, last)) => (first.max(floor), (last + 1).max(floor)),
                None => {
                    let centre = (bounds[g].0 + bounds[g].1) / 2.0;
                    let next_block = here[i + 1..]
                        .iter()
                        .find_map(|&h| block(h, layer).map(|b| b.0))
                        .unwrap_or(layer.len());
                    let k = layer
                        .iter()
                        .position(|&v| x[v] >= centre)
                        .unwrap_or(layer.len());
                    let k = k.min(next_block).max(floor);
                    (k, k)
                }
            };
            floor = cut_hi;
            for &v in &layer[..cut_lo] {
                rules.push((v, left(g), vertices[v].hi + DUMMY_GAP));
            }
            for &v in &layer[cut_hi..] {
                rules.push((right(g), v, vertices[v].lo + DUMMY_GAP));
            }
        }
    }
    // A group right of the groups before it whose layers it shares.
    for (i, &g) in ranked.iter().enumerate() {
        for &h in &ranked[i + 1..] {
            if let (Some(a), Some(b)) = (spans[g], spans[h])
                && a.0.max(b.0) <= a.1.min(b.1)
            {
                {
                    rules.push((right(g), left(h), NODE_GAP));
                }
            }
        }
    }
    settle(&rules, &mut pos);
    x.copy_from_slice(&pos[..nv]);
}

/// Where group `g`'s members lie in a layer: its first and last index.
fn block_of(vertices: &[Vertex], g: usize, layer: &[usize]) -> Option<(usize, usize)> {
    let first = layer.iter().position(|&v| vertices[v].group == Some(g))?;
    let last = layer.iter().rposition(|&v| vertices[v].group == Some(g))?;
    Some((first, last))
}

/// The groups in one order, the order of their blocks in every layer
/// (`order` placed them so).
fn group_order(vertices: &[Vertex], layers: &[Vec<usize>], groups: usize) -> Vec<usize> {
    let block = |g: usize, layer: &[usize]| block_of(vertices, g, layer);
    let place = order::group_places(
        layers,
        &vertices.iter().map(|v| v.group).collect::<Vec<_>>(),
    );
    // Their order: a group whose block comes first in some layer comes
    // first (the layers agree, being sorted by one key), the others by
    // their mean place.
    let mut first_of = vec![vec![false; groups]; groups];
    for layer in layers {
        let blocks: Vec<(usize, usize)> = (0..groups)
            .filter_map(|g| block(g, layer).map(|b| (b.0, g)))
            .collect();
        for &(i, g) in &blocks {
            for &(j, h) in &blocks {
                if i < j {
                    first_of[g][h] = true;
                }
            }
        }
    }
    let mut ranked: Vec<usize> = Vec::new();
    let mut left_over: Vec<usize> = (0..groups).collect();
    left_over.sort_by(|&a, &b| {
        place
            .get(a)
            .unwrap_or(&0.0)
            .total_cmp(place.get(b).unwrap_or(&0.0))
            .then(a.cmp(&b))
    });
    while !left_over.is_empty() {
        let free = left_over
            .iter()
            .position(|&g| !left_over.iter().any(|&h| first_of[h][g]))
            .unwrap_or(0);
        ranked.push(left_over.remove(free));
    }
    ranked
}

/// Raises each position to what its rules (`pos[b] >= pos[a] + c`) ask,
/// until nothing moves.
fn settle(rules: &[(usize, usize, f64)], pos: &mut [f64]) {
    let rounds = pos.len() + 2;
    for _ in 0..rounds {
        let mut moved = false;
        for &(a, b, c) in rules {
            if pos[b] < pos[a] + c - 1e-9 {
                pos[b] = pos[a] + c;
                moved = true;
            }
        }
        if !moved {
            break;
        }
    }
}

/// The least radius an edge's curve bends with, in points: a gap between
/// layers opens until the curves across it bend no tighter…
const BEND: f64 = 6.0;
/// …up to this much.
const STEEP_MAX: f64 = 80.0;

impl Layout<'_> {
    /// Opens each gap between layers as far as the edges that cross it run
    /// across, so that their curves bend no tighter than [`BEND`]: a curve
    /// across a gap `h` deep that runs `w` across bends with a radius of
    /// 3h² / 8w at its ends (its handles half the gap long), so the gap
    /// needs √(8/3 · BEND · w), at most [`STEEP_MAX`].
    pub(super) fn open_steep_gaps(&mut self) {
        let mut needed = vec![0.0_f64; self.start.len()];
        for ((_, chain, _), &(port_u, port_v)) in self.chains.iter().zip(&self.ends) {
            let across = |i: usize| match i {
                0 => port_u,
                i if i + 1 == chain.len() => port_v,
                i => self.x[chain[i]],
            };
            for (i, &v) in chain.iter().enumerate().skip(1) {
                let r = self.vertices[v].rank;
                let run = (across(i) - across(i - 1)).abs();
                needed[r] = needed[r].max((8.0 / 3.0 * BEND * run).sqrt().min(STEEP_MAX));
            }
        }
        // Each layer moves down by what the gaps above it opened.
        let original: Vec<f64> = self.start.clone();
        let mut shift = 0.0;
        for (r, need) in needed.iter().enumerate().skip(1) {
            let gap = original[r] - original[r - 1] - self.thickness[r - 1];
            shift += (need - gap).max(0.0);
            self.start[r] += shift;
        }
        self.total += shift;
    }
}
