//! Flowcharts laid out in layers, in the manner of Sugiyama and Graphviz
//! `dot`:
//! 1. cycles are broken by reversing the edges that close them;
//! 2. every node gets a rank (its layer) by longest path; an edge that
//!    spans several ranks gets a dummy vertex in each, and a labelled edge's
//!    label is a vertex of its own, so it has room reserved like a node;
//! 3. the vertices of each layer are ordered to cut crossings
//!    ([`super::order`]), a group's members kept together and the groups'
//!    order searched;
//! 4. vertices are placed along their layer near their neighbours, and a
//!    group's neighbours are pushed out of its box;
//! 5. gaps between layers open as far as their edges run across, and
//!    edges run straight through a layer inside their own vertex's column,
//!    so they never cross a box they do not connect, and as a smooth curve
//!    across each gap, leaving and meeting the layers head-on.
//!
//! The layout is computed for a top-to-bottom chart ("layout space": cross
//! axis and rank axis) and turned to the chart's direction at the end.

use self::place::{
    GroupPad, back_edges, group_pads, initial_order, positions, push_out_of_groups, ranking_edges,
    ranks,
};
use super::order;
use super::{MAX_LABEL_WIDTH, fit, lines_size, wrap};
use crate::charts::Area;
use crate::charts::draw::{Drawing, Rect};
use crate::outline::diagram::{Direction, Flow, Shape};

mod compound;
mod draw;
mod pin;
mod place;
mod ports;

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
        // A circle stays round, however short its label.
        Shape::Circle | Shape::DoubleCircle => {
            let ring = if shape == Shape::DoubleCircle {
                10.0
            } else {
                0.0
            };
            let d = ((tw * tw + th * th).sqrt() + 10.0 + ring).max(48.0);
            (d, d)
        }
        Shape::Hexagon => (tw + 2.0 * PAD.0 + th + 8.0, th + 2.0 * PAD.1 + 4.0),
        Shape::Parallelogram | Shape::ParallelogramAlt | Shape::Trapezoid | Shape::TrapezoidAlt => {
            (
                tw + 2.0 * PAD.0 + 0.8 * (th + 2.0 * PAD.1),
                th + 2.0 * PAD.1,
            )
        }
        Shape::Asymmetric => (
            tw + 2.0 * PAD.0 + (th + 2.0 * PAD.1) / 2.0,
            th + 2.0 * PAD.1,
        ),
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

/// An edge label's wrapped lines and size, in points.
type EdgeLabel = Option<(Vec<String>, f64, f64)>;

/// A flowchart laid out in layout space: every vertex placed, every edge's
/// chain of vertices known. `draw.rs` draws it.
struct Layout<'f> {
    /// The chart.
    flow: &'f Flow,
    /// How layout space turns into the chart's direction.
    turn: Turn,
    /// Whether node `i` is reveal group `i`.
    reveal: bool,
    /// Each node's label, wrapped and measured.
    measured: Vec<Measured>,
    /// Each edge's label, wrapped and measured.
    edge_labels: Vec<EdgeLabel>,
    /// Nodes first (vertex `i` is node `i`), then dummies and labels.
    vertices: Vec<Vertex>,
    /// Each edge's chain of vertices, upper end first, and whether it was
    /// reversed to break a cycle.
    chains: Vec<(usize, Vec<usize>, bool)>,
    /// Each vertex's neighbours in the layer above.
    up: Vec<Vec<usize>>,
    /// Each vertex's neighbours in the layer below.
    down: Vec<Vec<usize>>,
    /// Where each layer starts along the rank axis.
    start: Vec<f64>,
    /// Each layer's thickness along the rank axis.
    thickness: Vec<f64>,
    /// The length of the rank axis.
    total: f64,
    /// Each vertex's position across.
    x: Vec<f64>,
    /// Each group's padding and title.
    pads: Vec<GroupPad>,
    /// For a node that stands for a group laid out on its own, that
    /// group's drawing ([`compound`]).
    insets: Vec<Option<Drawing>>,
    /// Each chain's ends across the layers ([`Layout::ports`]), found once
    /// the vertices are placed.
    ends: Vec<(f64, f64)>,
}

/// Lays out a flowchart; with `reveal`, node `i` is reveal group `i` and
/// an edge appears with the later of its nodes.
pub fn layout(flow: &Flow, reveal: bool) -> Drawing {
    let (flow, insets) = compound::split(flow, reveal);
    let layout = Layout::new(&flow, reveal, insets);
    let mut d = Drawing::new(Area {
        width: 0.0,
        height: 0.0,
    });
    layout.draw_groups(&mut d);
    layout.draw_edges(&mut d);
    layout.draw_self_loops(&mut d);
    layout.draw_nodes(&mut d);
    d.set_group(None);
    fit(&mut d, 2.0);
    d
}

impl<'f> Layout<'f> {
    /// Runs steps 1 to 4: cycles, ranks, layer order, positions.
    fn new(flow: &'f Flow, reveal: bool, insets: Vec<Option<Drawing>>) -> Self {
        let turn = Turn::new(flow.direction);
        let mut measured: Vec<Measured> = flow
            .nodes
            .iter()
            .zip(&insets)
            .map(|(node, inset)| match inset {
                Some(d) => Measured {
                    lines: Vec::new(),
                    w: d.width,
                    h: d.height,
                },
                None => measure(&node.label.value, node.shape),
            })
            .collect();
        let edge_labels = edge_labels(flow);
        let directed = acyclic(flow);
        ports::widen(&mut measured, flow, &directed, turn);
        // Ranks by longest path; labels need a layer of their own.
        let minlen = if edge_labels.iter().any(Option::is_some) {
            2
        } else {
            1
        };
        let mut rank = ranks(flow.nodes.len(), &ranking_edges(flow, &directed), minlen);
        let cells = pin::cells(flow, turn);
        pin::ranks(&mut rank, &cells, &directed, minlen);
        let mut layout = Self {
            flow,
            turn,
            reveal,
            measured,
            edge_labels,
            vertices: Vec::new(),
            chains: Vec::new(),
            up: Vec::new(),
            down: Vec::new(),
            start: Vec::new(),
            thickness: Vec::new(),
            total: 0.0,
            x: Vec::new(),
            pads: group_pads(flow, turn),
            insets,
            ends: Vec::new(),
        };
        layout.chain_edges(&rank, &directed);
        let mut layers = layout.order_layers();
        let fixed = pin::across(&layout.vertices, &cells);
        pin::order(&mut layers, &fixed);
        layout.space_layers(&layers);
        layout.wrap_group_titles();
        layout.x = positions(
            &layout.vertices,
            &layers,
            (&layout.up, &layout.down),
            &fixed,
        );
        push_out_of_groups(
            &layout.vertices,
            &layers,
            &mut layout.x,
            &layout.pads,
            !turn.across,
        );
        layout.ends = layout.ports();
        layout.open_steep_gaps();
        layout
    }

    /// The node vertices, and each edge's chain through the ranks between
    /// its ends: a dummy vertex in each, its label's vertex in the first.
    fn chain_edges(&mut self, rank: &[usize], directed: &[(usize, usize, usize, bool)]) {
        let (flow, turn) = (self.flow, self.turn);
        let group_of: Vec<Option<usize>> = (0..flow.nodes.len())
            .map(|i| flow.groups.iter().position(|g| g.nodes.contains(&i)))
            .collect();
        self.vertices = (0..flow.nodes.len())
            .map(|i| {
                let (c, a) = turn.size(self.measured[i].w, self.measured[i].h);
                let loop_room = self_loop_room(flow, i, &self.edge_labels, turn);
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
        for &(k, a, b, rev) in directed {
            let group = match (group_of[a], group_of[b]) {
                (Some(x), Some(y)) if x == y => Some(x),
                _ => None,
            };
            let mut chain = vec![a];
            for r in rank[a] + 1..rank[b] {
                let (kind, hi, along) = match (&self.edge_labels[k], r == rank[a] + 1) {
                    (Some((_, w, h)), true) => {
                        let (c, a) = turn.size(*w, *h);
                        (Kind::Label(k), LABEL_GAP + c, a)
                    }
                    _ => (Kind::Dummy, 0.0, 0.0),
                };
                self.vertices.push(Vertex {
                    kind,
                    rank: r,
                    lo: 0.0,
                    hi,
                    along,
                    group,
                });
                chain.push(self.vertices.len() - 1);
            }
            chain.push(b);
            self.chains.push((k, chain, rev));
        }
    }

    /// Step 3: the vertices of each layer, ordered to cut crossings.
    fn order_layers(&mut self) -> Vec<Vec<usize>> {
        let vertices = &self.vertices;
        let layers_n = vertices.iter().map(|v| v.rank).max().map_or(1, |r| r + 1);
        self.up = vec![Vec::new(); vertices.len()];
        self.down = vec![Vec::new(); vertices.len()];
        for (_, chain, _) in &self.chains {
            for pair in chain.windows(2) {
                self.down[pair[0]].push(pair[1]);
                self.up[pair[1]].push(pair[0]);
            }
        }
        let mut layers: Vec<Vec<usize>> = vec![Vec::new(); layers_n];
        for v in initial_order(vertices, &self.down) {
            layers[vertices[v].rank].push(v);
        }
        let key: Vec<Option<usize>> = vertices.iter().map(|v| v.group).collect();
        order::order(&mut layers, &self.up, &self.down, &key);
        layers
    }

    /// Where each layer starts along the rank axis: its thickest vertex,
    /// then a gap (smaller beside a layer of labels only) wide enough for
    /// the groups that close and open there.
    fn space_layers(&mut self, layers: &[Vec<usize>]) {
        let vertices = &self.vertices;
        let layers_n = layers.len();
        self.thickness = layers
            .iter()
            .map(|layer| layer.iter().map(|&v| vertices[v].along).fold(0.0, f64::max))
            .collect();
        self.start = vec![0.0; layers_n];
        for r in 1..layers_n {
            let closing = self
                .pads
                .iter()
                .filter(|g| g.ranks(vertices).is_some_and(|(_, hi)| hi == r - 1))
                .map(|g| g.along.1)
                .fold(0.0, f64::max);
            let opening = self
                .pads
                .iter()
                .filter(|g| g.ranks(vertices).is_some_and(|(lo, _)| lo == r))
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
            self.start[r] =
                self.start[r - 1] + self.thickness[r - 1] + gap.max(closing + opening + 12.0);
        }
        self.total = self.start[layers_n - 1] + self.thickness[layers_n - 1];
    }

    /// In a left-to-right chart a group's title runs along the layers:
    /// wrapped to the group's length.
    fn wrap_group_titles(&mut self) {
        if !self.turn.across {
            return;
        }
        let along_of = |i: usize| {
            let (a0, _, a) = self.along_span(i);
            (a0, a0 + a)
        };
        let wrapped: Vec<Option<Vec<String>>> = self
            .pads
            .iter()
            .map(|pad| {
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
                (a1 > a0).then(|| {
                    wrap(
                        &self.flow.groups[pad.index].label.value,
                        (a1 - a0).max(40.0),
                        true,
                    )
                })
            })
            .collect();
        for (pad, lines) in self.pads.iter_mut().zip(wrapped) {
            if let Some(lines) = lines {
                pad.cross.0 = GROUP_PAD / 2.0 + lines_size(&lines, true).1 + 4.0;
                pad.lines = lines;
            }
        }
    }

    /// Node `i` along the rank axis: its start, its size across and along
    /// (centred in its layer).
    fn along_span(&self, i: usize) -> (f64, f64, f64) {
        let (c, a) = self.turn.size(self.measured[i].w, self.measured[i].h);
        (self.centred(self.vertices[i].rank, a), c, a)
    }

    /// Where something `length` long along the rank axis starts, centred in
    /// layer `rank`.
    fn centred(&self, rank: usize, length: f64) -> f64 {
        self.start[rank] + (self.thickness[rank] - length) / 2.0
    }

    /// Node `i`'s box in layout space: across, along, width across, length
    /// along.
    fn node_box(&self, i: usize) -> (f64, f64, f64, f64) {
        let (a0, c, a) = self.along_span(i);
        (self.x[i] - c / 2.0, a0, c, a)
    }
}

/// Each edge's label, wrapped and measured (none when blank).
fn edge_labels(flow: &Flow) -> Vec<EdgeLabel> {
    flow.edges
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
        .collect()
}

/// Step 1: the edges other than self-loops, as (edge, upper, lower,
/// reversed), with the edges a depth-first search finds going back
/// reversed.
fn acyclic(flow: &Flow) -> Vec<(usize, usize, usize, bool)> {
    let links: Vec<(usize, usize, usize)> = flow
        .edges
        .iter()
        .enumerate()
        .filter(|(_, e)| e.from != e.to)
        .map(|(k, e)| (k, e.from, e.to))
        .collect();
    let reversed = back_edges(flow.nodes.len(), &links);
    links
        .iter()
        .zip(&reversed)
        .map(|(&(k, a, b), &rev)| {
            if rev {
                (k, b, a, true)
            } else {
                (k, a, b, false)
            }
        })
        .collect()
}

/// The room a node's self-loops need beside it (across, along).
fn self_loop_room(flow: &Flow, i: usize, labels: &[EdgeLabel], turn: Turn) -> (f64, f64) {
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
    labels: &[EdgeLabel],
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
