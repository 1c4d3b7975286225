//! Flowcharts laid out in layers, in the manner of Sugiyama and Graphviz
//! `dot`:
//! 1. cycles are broken by reversing the edges that close them;
//! 2. every node gets a rank (its layer) by longest path; an edge that
//!    spans several ranks gets a dummy vertex in each, and a labelled edge's
//!    label is a vertex of its own, so it has room reserved like a node;
//! 3. the vertices of each layer are ordered to cut crossings
//!    ([`super::order`]), a group's members kept together;
//! 4. vertices are placed along their layer near their neighbours, and a
//!    group's neighbours are pushed out of its box;
//! 5. edges run straight across the gap between layers and straight
//!    through a layer inside their own vertex's column, so they never cross
//!    a box they do not connect.
//!
//! The layout is computed for a top-to-bottom chart ("layout space": cross
//! axis and rank axis) and turned to the chart's direction at the end.

use super::order;
use super::{MAX_LABEL_WIDTH, fit, lines_size, wrap};
use crate::charts::Area;
use crate::charts::draw::{Align, Drawing, Paint, Rect};
use crate::outline::diagram::{Direction, Flow, Head, Shape, Stroke};

/// Space between two nodes of a layer, in points.
const NODE_GAP: f64 = 26.0;
/// Space beside an edge passing through a layer.
const DUMMY_GAP: f64 = 12.0;
/// Least space between layers.
const RANK_GAP: f64 = 34.0;
/// Least space between a layer of nodes and a layer holding only edge
/// labels and edges passing: the label sits beside its edge, so the edge
/// needs no more than this to leave the node and reach it.
const LABEL_RANK_GAP: f64 = 18.0;
/// A group box's padding around its nodes.
const GROUP_PAD: f64 = 10.0;
/// Padding between a node's text and its outline.
const PAD: (f64, f64) = (12.0, 8.0);
/// How far a self-loop reaches out of its node.
const LOOP: f64 = 18.0;
/// The gap between an edge and its label.
const LABEL_GAP: f64 = 5.0;

/// What a vertex of the layered graph is.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    /// A node of the chart.
    Node(usize),
    /// A point an edge passes through.
    Dummy,
    /// The label of edge `e`, beside the edge.
    Label(usize),
}

/// A vertex of the layered graph, in layout space: its extent on either
/// side of its anchor along the layer (`lo`, `hi`), and its size across.
#[derive(Debug, Clone)]
struct Vertex {
    kind: Kind,
    rank: usize,
    lo: f64,
    hi: f64,
    along: f64,
    group: Option<usize>,
}

/// A node's measured label and real size.
struct Measured {
    lines: Vec<String>,
    w: f64,
    h: f64,
}

/// Measures a node: its wrapped label and the size of its outline.
fn measure(label: &str, shape: Shape) -> Measured {
    let lines = wrap(label, MAX_LABEL_WIDTH, false);
    let (tw, th) = lines_size(&lines, false);
    let (w, h) = match shape {
        Shape::Diamond => ((tw + 8.0) * 1.9, (th + 4.0) * 1.9),
        Shape::Circle => {
            let d = (tw * tw + th * th).sqrt() + 10.0;
            (d, d)
        }
        Shape::Cylinder => (
            tw + 2.0 * PAD.0,
            th + 2.0 * PAD.1 + 2.0 * super::cylinder_cap(th + 40.0),
        ),
        Shape::Stadium => (tw + 2.0 * PAD.0 + th, th + 2.0 * PAD.1),
        Shape::Subroutine => (tw + 2.0 * PAD.0 + 14.0, th + 2.0 * PAD.1),
        Shape::Box | Shape::Round => (tw + 2.0 * PAD.0, th + 2.0 * PAD.1),
    };
    Measured {
        lines,
        w: w.max(48.0),
        h,
    }
}

/// Which way round the layout space is drawn.
#[derive(Clone, Copy)]
struct Turn {
    /// Whether layers run left to right (the rank axis is x).
    across: bool,
    /// Whether the rank axis is flipped (up, left).
    flip: bool,
}

impl Turn {
    fn new(d: Direction) -> Self {
        Turn {
            across: matches!(d, Direction::Right | Direction::Left),
            flip: matches!(d, Direction::Up | Direction::Left),
        }
    }

    /// A real size (w, h) as (cross, along).
    fn size(self, w: f64, h: f64) -> (f64, f64) {
        if self.across { (h, w) } else { (w, h) }
    }

    /// A point in layout space, in real space; `total` is the rank axis's
    /// length.
    fn point(self, c: f64, a: f64, total: f64) -> (f64, f64) {
        let a = if self.flip { total - a } else { a };
        if self.across { (a, c) } else { (c, a) }
    }

    /// A box in layout space (cross from c0, along from a0), in real space.
    fn rect(self, c0: f64, a0: f64, cw: f64, ah: f64, total: f64) -> Rect {
        let a0 = if self.flip { total - a0 - ah } else { a0 };
        if self.across {
            Rect {
                x: a0,
                y: c0,
                w: ah,
                h: cw,
            }
        } else {
            Rect {
                x: c0,
                y: a0,
                w: cw,
                h: ah,
            }
        }
    }
}

/// Lays out a flowchart; with `reveal`, node `i` is reveal group `i` and
/// an edge appears with the later of its nodes.
pub fn layout(flow: &Flow, reveal: bool) -> Drawing {
    let turn = Turn::new(flow.direction);
    let n = flow.nodes.len();
    let measured: Vec<Measured> = flow
        .nodes
        .iter()
        .map(|node| measure(&node.label.value, node.shape))
        .collect();
    let group_of: Vec<Option<usize>> = (0..n)
        .map(|i| flow.groups.iter().position(|g| g.nodes.contains(&i)))
        .collect();
    let edge_labels: Vec<Option<(Vec<String>, f64, f64)>> = flow
        .edges
        .iter()
        .map(|e| {
            e.label
                .as_ref()
                .filter(|l| !l.value.trim().is_empty())
                .map(|l| {
                    let lines = wrap(&l.value, MAX_LABEL_WIDTH * 0.8, false);
                    let (w, h) = lines_size(&lines, false);
                    (lines, w, h)
                })
        })
        .collect();

    // 1. Cycles: reverse the edges a depth-first search finds going back.
    let links: Vec<(usize, usize, usize)> = flow
        .edges
        .iter()
        .enumerate()
        .filter(|(_, e)| e.from != e.to)
        .map(|(k, e)| (k, e.from, e.to))
        .collect();
    let reversed = back_edges(n, &links);
    let directed: Vec<(usize, usize, usize, bool)> = links
        .iter()
        .zip(&reversed)
        .map(|(&(k, a, b), &rev)| {
            if rev {
                (k, b, a, true)
            } else {
                (k, a, b, false)
            }
        })
        .collect();

    // 2. Ranks by longest path; labels need a layer of their own.
    let minlen = if edge_labels.iter().any(Option::is_some) {
        2
    } else {
        1
    };
    let rank = ranks(n, &directed, minlen);

    let mut vertices: Vec<Vertex> = (0..n)
        .map(|i| {
            let (c, a) = turn.size(measured[i].w, measured[i].h);
            let loop_room = self_loop_room(flow, i, &edge_labels, turn);
            Vertex {
                kind: Kind::Node(i),
                rank: rank[i],
                lo: c / 2.0,
                hi: c / 2.0 + loop_room.0,
                along: a.max(loop_room.1),
                group: group_of[i],
            }
        })
        .collect();
    // Each edge's chain of vertices, from its upper end to its lower end.
    let mut chains: Vec<(usize, Vec<usize>, bool)> = Vec::new();
    for &(k, a, b, rev) in &directed {
        let group = match (group_of[a], group_of[b]) {
            (Some(x), Some(y)) if x == y => Some(x),
            _ => None,
        };
        let mut chain = vec![a];
        for r in rank[a] + 1..rank[b] {
            let kind = match (&edge_labels[k], r == rank[a] + 1) {
                (Some(_), true) => Kind::Label(k),
                _ => Kind::Dummy,
            };
            let (hi, along) = match (&edge_labels[k], kind) {
                (Some((_, w, h)), Kind::Label(_)) => {
                    let (c, a) = turn.size(*w, *h);
                    (LABEL_GAP + c, a)
                }
                _ => (0.0, 0.0),
            };
            vertices.push(Vertex {
                kind,
                rank: r,
                lo: 0.0,
                hi,
                along,
                group,
            });
            chain.push(vertices.len() - 1);
        }
        chain.push(b);
        chains.push((k, chain, rev));
    }

    // 3. Order each layer.
    let layers_n = vertices.iter().map(|v| v.rank).max().map_or(1, |r| r + 1);
    let mut up = vec![Vec::new(); vertices.len()];
    let mut down = vec![Vec::new(); vertices.len()];
    for (_, chain, _) in &chains {
        for pair in chain.windows(2) {
            down[pair[0]].push(pair[1]);
            up[pair[1]].push(pair[0]);
        }
    }
    let mut layers: Vec<Vec<usize>> = vec![Vec::new(); layers_n];
    for v in initial_order(&vertices, &down) {
        layers[vertices[v].rank].push(v);
    }
    let key: Vec<Option<usize>> = vertices.iter().map(|v| v.group).collect();
    order::order(&mut layers, &up, &down, &key);

    let mut pads = group_pads(flow, turn);
    // Ranks along the other axis.
    let thickness: Vec<f64> = (0..layers_n)
        .map(|r| {
            layers[r]
                .iter()
                .map(|&v| vertices[v].along)
                .fold(0.0, f64::max)
        })
        .collect();
    let mut start = vec![0.0; layers_n];
    for r in 1..layers_n {
        let closing = pads
            .iter()
            .filter(|g| g.ranks(&vertices).is_some_and(|(_, hi)| hi == r - 1))
            .map(|g| g.along.1)
            .fold(0.0, f64::max);
        let opening = pads
            .iter()
            .filter(|g| g.ranks(&vertices).is_some_and(|(lo, _)| lo == r))
            .map(|g| g.along.0)
            .fold(0.0, f64::max);
        let no_nodes = |r: usize| {
            layers[r]
                .iter()
                .all(|&v| !matches!(vertices[v].kind, Kind::Node(_)))
        };
        let gap = if no_nodes(r - 1) || no_nodes(r) {
            LABEL_RANK_GAP
        } else {
            RANK_GAP
        };
        start[r] = start[r - 1] + thickness[r - 1] + gap.max(closing + opening + 12.0);
    }
    let total = start[layers_n - 1] + thickness[layers_n - 1];
    let along_of = |i: usize| {
        let (_, a) = turn.size(measured[i].w, measured[i].h);
        let a0 = start[rank[i]] + (thickness[rank[i]] - a) / 2.0;
        (a0, a0 + a)
    };
    if turn.across {
        // The title runs along the layers: wrap it to the group's length.
        for pad in &mut pads {
            let a0 = pad
                .members
                .iter()
                .map(|&m| along_of(m).0)
                .fold(f64::INFINITY, f64::min);
            let a1 = pad
                .members
                .iter()
                .map(|&m| along_of(m).1)
                .fold(f64::NEG_INFINITY, f64::max);
            if a1 > a0 {
                pad.lines = wrap(
                    &flow.groups[pad.index].label.value,
                    (a1 - a0).max(40.0),
                    true,
                );
                pad.cross.0 = GROUP_PAD / 2.0 + lines_size(&pad.lines, true).1 + 4.0;
            }
        }
    }

    // 4. Positions along each layer.
    let mut x = positions(&vertices, &layers, &up, &down);
    push_out_of_groups(&vertices, &layers, &mut x, &pads, !turn.across);
    let node_box = |i: usize| {
        let v = &vertices[i];
        let (c, a) = turn.size(measured[i].w, measured[i].h);
        let a0 = start[v.rank] + (thickness[v.rank] - a) / 2.0;
        (x[i] - c / 2.0, a0, c, a)
    };

    let mut d = Drawing::new(Area {
        width: 0.0,
        height: 0.0,
    });
    let step = |i: usize| reveal.then_some(i);

    // Groups, behind everything.
    for (g, pad) in pads.iter().enumerate() {
        let members: Vec<usize> = flow.groups[g].nodes.clone();
        let Some(first) = members.iter().min() else {
            continue;
        };
        let (mut c0, mut a0, mut c1, mut a1) = (
            f64::INFINITY,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NEG_INFINITY,
        );
        for &m in &members {
            // The node with its self-loops and their labels.
            let (_, a, _, ah) = node_box(m);
            let v = &vertices[m];
            let half = v.along.max(ah) / 2.0;
            c0 = c0.min(x[m] - v.lo);
            a0 = a0.min(a + ah / 2.0 - half);
            c1 = c1.max(x[m] + v.hi);
            a1 = a1.max(a + ah / 2.0 + half);
        }
        // Edges inside the group, and their labels.
        for (v, vx) in vertices
            .iter()
            .zip(&x)
            .skip(n)
            .filter(|(v, _)| v.group == Some(g))
        {
            c0 = c0.min(vx - v.lo);
            c1 = c1.max(vx + v.hi);
        }
        let (c0, mut c1) = (c0 - pad.cross.0, c1 + pad.cross.1);
        if !turn.across {
            let (title, _) = lines_size(&pad.lines, true);
            c1 = c1.max(c0 + title + 2.0 * GROUP_PAD);
        }
        let (a0, a1) = (a0 - pad.along.0, a1 + pad.along.1);
        let rect = turn.rect(c0, a0, c1 - c0, a1 - a0, total);
        d.set_group(step(*first));
        d.rect(rect, Paint::Surface);
        d.literal(
            pad.lines.clone(),
            (rect.x + GROUP_PAD, rect.y + GROUP_PAD / 2.0),
            Paint::Muted,
            true,
            Align::Left,
        );
    }

    // Edges.
    for (k, chain, rev) in &chains {
        let e = &flow.edges[*k];
        let mut points: Vec<(f64, f64)> = Vec::new();
        let first = chain[0];
        let last = chain[chain.len() - 1];
        let (ua, ualong) = {
            let (_, a0, _, ah) = node_box(first);
            (
                a0 + ah,
                start[vertices[first].rank] + thickness[vertices[first].rank],
            )
        };
        let port_u = port(
            first,
            chain.get(1).copied().unwrap_or(last),
            &down,
            &x,
            flow,
            &vertices,
            &measured,
            turn,
        );
        points.push((port_u, ua));
        points.push((port_u, ualong));
        for &v in &chain[1..chain.len() - 1] {
            let r = vertices[v].rank;
            points.push((x[v], start[r]));
            points.push((x[v], start[r] + thickness[r]));
        }
        let (va0, vstart) = {
            let (_, a0, _, _) = node_box(last);
            (a0, start[vertices[last].rank])
        };
        let port_v = port(
            last,
            chain[chain.len() - 2],
            &up,
            &x,
            flow,
            &vertices,
            &measured,
            turn,
        );
        points.push((port_v, vstart));
        points.push((port_v, va0));
        points.dedup_by(|a, b| (a.0 - b.0).abs() < 0.01 && (a.1 - b.1).abs() < 0.01);
        let mut real: Vec<(f64, f64)> = points
            .iter()
            .map(|&(c, a)| turn.point(c, a, total))
            .collect();
        if *rev {
            real.reverse();
        }
        d.set_group(step(e.from.max(e.to)));
        edge_path(&mut d, e.stroke, real, (e.head, e.tail));
        if let Some((lines, w, h)) = &edge_labels[*k]
            && let Some(&lv) = chain.iter().find(|&&v| vertices[v].kind == Kind::Label(*k))
        {
            {
                let r = vertices[lv].rank;
                let (lc, la) = turn.size(*w, *h);
                let a0 = start[r] + (thickness[r] - la) / 2.0;
                let rect = turn.rect(x[lv] + LABEL_GAP, a0, lc, la, total);
                d.literal(
                    lines.clone(),
                    (rect.x, rect.y),
                    Paint::Text,
                    false,
                    Align::Left,
                );
            }
        }
    }

    // Self-loops (a node's loops nested, their labels stacked beside
    // them), then the nodes on top.
    for i in 0..n {
        let (loops, sizes) = self_loops(flow, i, &edge_labels, turn);
        if loops.is_empty() {
            continue;
        }
        let (c, a, cw, ah) = node_box(i);
        let hi = c + cw;
        let mid = a + ah / 2.0;
        let reach = LOOP + 8.0 * (loops.len() - 1) as f64;
        let stack: f64 = sizes.iter().map(|s| s.1).sum();
        let mut next = mid - stack / 2.0;
        for (j, &k) in loops.iter().enumerate() {
            let e = &flow.edges[k];
            let s = (ah / 4.0).min(8.0);
            let r = LOOP + 8.0 * j as f64;
            let pts = [
                (hi, mid - s),
                (hi + r, mid - s),
                (hi + r, mid + s),
                (hi, mid + s),
            ];
            let real: Vec<(f64, f64)> = pts.iter().map(|&(c, a)| turn.point(c, a, total)).collect();
            d.set_group(step(i));
            edge_path(&mut d, e.stroke, real, (e.head, e.tail));
            if let Some((lines, _, _)) = &edge_labels[k] {
                let (lc, la) = sizes[j];
                let rect = turn.rect(hi + reach + LABEL_GAP, next, lc, la, total);
                d.literal(
                    lines.clone(),
                    (rect.x, rect.y),
                    Paint::Text,
                    false,
                    Align::Left,
                );
                next += la;
            }
        }
    }
    for (i, node) in flow.nodes.iter().enumerate() {
        let (c, a, cw, ah) = node_box(i);
        let rect = turn.rect(c, a, cw, ah, total);
        d.set_group(step(i));
        d.shape(rect, node.shape, Paint::Background, Paint::Series(0));
        let m = &measured[i];
        let (tw, th) = lines_size(&m.lines, false);
        let cap = if node.shape == Shape::Cylinder {
            super::cylinder_cap(rect.h) / 2.0
        } else {
            0.0
        };
        let at = (
            rect.x + (rect.w - tw) / 2.0,
            rect.y + cap + (rect.h - cap - th) / 2.0,
        );
        d.literal(m.lines.clone(), at, Paint::Text, false, Align::Center);
    }
    d.set_group(None);
    fit(&mut d, 2.0);
    d
}

/// Draws an edge's line with its heads.
fn edge_path(d: &mut Drawing, stroke: Stroke, points: Vec<(f64, f64)>, ends: (Head, Head)) {
    let (width, dashed) = match stroke {
        Stroke::Solid => (1.6, false),
        Stroke::Dashed => (1.6, true),
        Stroke::Thick => (3.2, false),
    };
    d.path(points, Paint::Muted, width, dashed, ends);
}

/// The room a node's self-loops need beside it (across, along).
fn self_loop_room(
    flow: &Flow,
    i: usize,
    labels: &[Option<(Vec<String>, f64, f64)>],
    turn: Turn,
) -> (f64, f64) {
    let (loops, sizes) = self_loops(flow, i, labels, turn);
    if loops.is_empty() {
        return (0.0, 0.0);
    }
    let reach = LOOP + 8.0 * (loops.len() - 1) as f64 + 4.0;
    let label = sizes.iter().map(|s| s.0).fold(0.0, f64::max);
    let across = reach + if label > 0.0 { LABEL_GAP + label } else { 0.0 };
    (across, sizes.iter().map(|s| s.1).sum())
}

/// A node's self-loops (edge indices) and their labels' sizes in layout
/// space (zero without a label).
fn self_loops(
    flow: &Flow,
    i: usize,
    labels: &[Option<(Vec<String>, f64, f64)>],
    turn: Turn,
) -> (Vec<usize>, Vec<(f64, f64)>) {
    let loops: Vec<usize> = (0..flow.edges.len())
        .filter(|&k| flow.edges[k].from == i && flow.edges[k].to == i)
        .collect();
    let sizes = loops
        .iter()
        .map(|&k| {
            labels[k]
                .as_ref()
                .map_or((0.0, 0.0), |(_, w, h)| turn.size(*w, *h))
        })
        .collect();
    (loops, sizes)
}

/// Where on a node's side an edge to `next` leaves or arrives: edges to
/// the same side are spread over the middle of a box, and meet at the tip
/// of a diamond or circle.
#[allow(clippy::too_many_arguments)]
fn port(
    v: usize,
    next: usize,
    neighbours: &[Vec<usize>],
    x: &[f64],
    flow: &Flow,
    vertices: &[Vertex],
    measured: &[Measured],
    turn: Turn,
) -> f64 {
    let Kind::Node(i) = vertices[v].kind else {
        return x[v];
    };
    if matches!(flow.nodes[i].shape, Shape::Diamond | Shape::Circle) {
        return x[v];
    }
    let mut others: Vec<usize> = neighbours[v].clone();
    others.sort_by(|a, b| x[*a].total_cmp(&x[*b]));
    others.dedup();
    let k = others.len();
    if k <= 1 {
        return x[v];
    }
    let (c, _) = turn.size(measured[i].w, measured[i].h);
    let spacing = (c * 0.6 / (k - 1) as f64).min(14.0);
    let idx = others.iter().position(|&o| o == next).unwrap_or(0) as f64;
    x[v] + (idx - (k - 1) as f64 / 2.0) * spacing
}

/// Which edges close a cycle, by a depth-first search from each node in
/// order.
fn back_edges(n: usize, links: &[(usize, usize, usize)]) -> Vec<bool> {
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

/// Ranks by longest path from the sources, then sources pulled down next
/// to their first successor.
fn ranks(n: usize, edges: &[(usize, usize, usize, bool)], minlen: usize) -> Vec<usize> {
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
fn initial_order(vertices: &[Vertex], down: &[Vec<usize>]) -> Vec<usize> {
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
fn separation(a: &Vertex, b: &Vertex) -> f64 {
    let gap = match (a.kind, b.kind) {
        (Kind::Node(_), Kind::Node(_)) => NODE_GAP,
        _ => DUMMY_GAP,
    };
    a.hi + gap + b.lo
}

/// Anchors along each layer: packed, then pulled toward their neighbours
/// in sweeps down and up; edges through layers pull harder, to run
/// straight.
fn positions(
    vertices: &[Vertex],
    layers: &[Vec<usize>],
    up: &[Vec<usize>],
    down: &[Vec<usize>],
) -> Vec<f64> {
    let mut x = vec![0.0; vertices.len()];
    let seps = |layer: &[usize]| -> Vec<f64> {
        layer
            .windows(2)
            .map(|w| separation(&vertices[w[0]], &vertices[w[1]]))
            .collect()
    };
    for layer in layers {
        let placed = order::place(
            &vec![0.0; layer.len()],
            &vec![1.0; layer.len()],
            &seps(layer),
        );
        for (&v, p) in layer.iter().zip(placed) {
            x[v] = p;
        }
    }
    let weight = |v: usize| match vertices[v].kind {
        Kind::Node(_) => 1.0,
        _ => 4.0,
    };
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
                    if near.is_empty() {
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
struct GroupPad {
    /// The group's index.
    index: usize,
    /// Its members (vertex indices equal node indices).
    members: Vec<usize>,
    /// Padding across: before, after.
    cross: (f64, f64),
    /// Padding along: before, after (in layout order, before flipping).
    along: (f64, f64),
    /// The title's lines.
    lines: Vec<String>,
}

impl GroupPad {
    /// The first and last rank of the group's members.
    fn ranks(&self, vertices: &[Vertex]) -> Option<(usize, usize)> {
        let ranks = self.members.iter().map(|&m| vertices[m].rank);
        Some((ranks.clone().min()?, ranks.max()?))
    }
}

/// Each group's padding: the title takes room at the top of the box.
fn group_pads(flow: &Flow, turn: Turn) -> Vec<GroupPad> {
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
fn push_out_of_groups(
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
    let block = |g: usize, layer: &[usize]| -> Option<(usize, usize)> {
        let first = layer.iter().position(|&v| vertices[v].group == Some(g))?;
        let last = layer.iter().rposition(|&v| vertices[v].group == Some(g))?;
        Some((first, last))
    };
    // The groups in one order, the order of their blocks in every layer
    // (`order` placed them so).
    let place = order::group_places(
        layers,
        &vertices.iter().map(|v| v.group).collect::<Vec<_>>(),
    );
    // Their order: a group whose block comes first in some layer comes
    // first (the layers agree, being sorted by one key), the others by
    // their mean place.
    let mut first_of = vec![vec![false; pads.len()]; pads.len()];
    for layer in layers {
        let blocks: Vec<(usize, usize)> = (0..pads.len())
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
    let mut left_over: Vec<usize> = (0..pads.len()).collect();
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
    let rounds = pos.len() + 2;
    for _ in 0..rounds {
        let mut moved = false;
        for &(a, b, c) in &rules {
            if pos[b] < pos[a] + c - 1e-9 {
                pos[b] = pos[a] + c;
                moved = true;
            }
        }
        if !moved {
            break;
        }
    }
    x.copy_from_slice(&pos[..nv]);
}
