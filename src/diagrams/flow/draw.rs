//! Step 5: a laid-out flowchart drawn, turned to its direction: groups
//! behind everything, then edges and their labels, self-loops, and the
//! nodes on top.

use super::ports::PORT_GAP;
use super::*;
use crate::charts::draw::{Align, Paint};
use crate::outline::diagram::{Fill, Head, Stroke};

impl Layout<'_> {
    /// Node `i`'s reveal group, when the chart reveals nodes.
    fn step(&self, i: usize) -> Option<usize> {
        self.reveal.then_some(i)
    }

    /// Each group's box around its members, their self-loops and the edges
    /// inside it, with its title.
    pub(super) fn draw_groups(&self, d: &mut Drawing) {
        for (g, pad) in self.pads.iter().enumerate() {
            let members = &self.flow.groups[g].nodes;
            let (Some(first), Some(rect)) = (members.iter().min(), self.group_rect(g)) else {
                continue;
            };
            d.set_group(self.step(*first));
            d.rect(rect, Paint::Surface);
            d.literal(
                pad.lines.clone(),
                (rect.x + GROUP_PAD, rect.y + GROUP_PAD / 2.0),
                Paint::Muted,
                true,
                Align::Left,
            );
        }
    }

    /// Group `g`'s box: around its members, their self-loops and the edges
    /// inside it, with room for its title.
    fn group_rect(&self, g: usize) -> Option<Rect> {
        let (c0, a0, c1, a1) = self.group_box(g)?;
        Some(self.turn.rect(c0, a0, c1 - c0, a1 - a0, self.total))
    }

    /// Group `g`'s box in layout space: its first and last place across,
    /// its first and last place along.
    fn group_box(&self, g: usize) -> Option<(f64, f64, f64, f64)> {
        let (vertices, x, n) = (&self.vertices, &self.x, self.flow.nodes.len());
        let pad = self.pads.get(g)?;
        let members = &self.flow.groups.get(g)?.nodes;
        members.first()?;
        let (mut c0, mut a0, mut c1, mut a1) = (
            f64::INFINITY,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NEG_INFINITY,
        );
        for &m in members {
            // The node with its self-loops and their labels.
            let (_, a, _, ah) = self.node_box(m);
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
            .zip(x)
            .skip(n)
            .filter(|(v, _)| v.group == Some(g))
        {
            c0 = c0.min(vx - v.lo);
            c1 = c1.max(vx + v.hi);
        }
        let (c0, mut c1) = (c0 - pad.cross.0, c1 + pad.cross.1);
        if !self.turn.across {
            let (title, _) = lines_size(&pad.lines, true);
            c1 = c1.max(c0 + title + 2.0 * GROUP_PAD);
        }
        Some((c0, a0 - pad.along.0, c1, a1 + pad.along.1))
    }

    /// Each edge along its chain: straight through each layer in its
    /// vertex's column, a curve across each gap that leaves and meets the
    /// layers head-on (straight where the gap is crossed straight); its
    /// label beside its label vertex.
    pub(super) fn draw_edges(&self, d: &mut Drawing) {
        let (vertices, start, thickness) = (&self.vertices, &self.start, &self.thickness);
        for ((k, chain, rev), &(port_u, port_v)) in self.chains.iter().zip(&self.ends) {
            let e = &self.flow.edges[*k];
            let first = chain[0];
            let last = chain[chain.len() - 1];
            let (_, ua0, _, uah) = self.node_box(first);
            let urank = vertices[first].rank;
            let mut points = vec![
                (
                    port_u,
                    ua0 + uah - self.inset(first, port_u - self.x[first]),
                ),
                (port_u, start[urank] + thickness[urank]),
            ];
            // An edge leaving a group's border runs straight out of it
            // first (and one reaching a border runs straight in), so the
            // ends at one border stand as far apart as their ports.
            let group_along = |g: Option<usize>| g.and_then(|g| self.group_box(g));
            let (from_group, to_group) = if *rev {
                (e.to_group, e.from_group)
            } else {
                (e.from_group, e.to_group)
            };
            // Only where the border lies in the gap the edge crosses next.
            let next = start[vertices[chain[1]].rank];
            if let Some((_, _, _, a1)) = group_along(from_group)
                && a1 > start[urank] + thickness[urank]
                && a1 < next
            {
                points.push((port_u, a1));
            }
            for &v in &chain[1..chain.len() - 1] {
                let r = vertices[v].rank;
                points.push((self.x[v], start[r]));
                points.push((self.x[v], start[r] + thickness[r]));
            }
            let (_, va0, _, _) = self.node_box(last);
            let lrank = vertices[last].rank;
            let previous = points.last().map_or(0.0, |p| p.1);
            if let Some((_, a0, _, _)) = group_along(to_group)
                && a0 > previous
                && a0 < start[lrank]
            {
                points.push((port_v, a0));
            }
            points.push((port_v, start[lrank]));
            points.push((port_v, va0 + self.inset(last, port_v - self.x[last])));
            points.dedup_by(|a, b| (a.0 - b.0).abs() < 0.01 && (a.1 - b.1).abs() < 0.01);
            let points = curved(&points);
            let mut real: Vec<(f64, f64)> = points
                .iter()
                .map(|&(c, a)| self.turn.point(c, a, self.total))
                .collect();
            if *rev {
                real.reverse();
            }
            // An edge to or from a subgraph stops at the group's border.
            if let Some(rect) = e.to_group.and_then(|g| self.group_rect(g)) {
                real = clip_at(real, rect);
            }
            if let Some(rect) = e.from_group.and_then(|g| self.group_rect(g)) {
                real.reverse();
                real = clip_at(real, rect);
                real.reverse();
            }
            d.set_group(self.step(e.from.max(e.to)));
            edge_path(d, e.stroke, real, (e.head, e.tail));
            if let Some((lines, w, h)) = &self.edge_labels[*k]
                && let Some(&lv) = chain.iter().find(|&&v| vertices[v].kind == Kind::Label(*k))
            {
                let (lc, la) = self.turn.size(*w, *h);
                let a0 = self.centred(vertices[lv].rank, la);
                let rect = self
                    .turn
                    .rect(self.x[lv] + LABEL_GAP, a0, lc, la, self.total);
                edge_label(d, lines, rect);
            }
        }
    }

    /// A node's self-loops, nested, their labels stacked beside them.
    pub(super) fn draw_self_loops(&self, d: &mut Drawing) {
        let (flow, turn, total) = (self.flow, self.turn, self.total);
        for i in 0..flow.nodes.len() {
            let (loops, sizes) = self_loops(flow, i, &self.edge_labels, turn);
            if loops.is_empty() {
                continue;
            }
            let (c, a, cw, ah) = self.node_box(i);
            let hi = c + cw;
            let mid = a + ah / 2.0;
            let reach = LOOP + 8.0 * (loops.len() - 1) as f64;
            let stack: f64 = sizes.iter().map(|s| s.1).sum();
            let mut next = mid - stack / 2.0;
            for (j, &k) in loops.iter().enumerate() {
                let e = &flow.edges[k];
                // Loops take turns pointing down and up, each pair further
                // apart, so no two arrowheads meet.
                let s = (ah / 4.0).min(8.0) + PORT_GAP * (j / 2) as f64;
                let r = LOOP + 8.0 * j as f64;
                let mut pts = [
                    (hi, mid - s),
                    (hi + r, mid - s),
                    (hi + r, mid + s),
                    (hi, mid + s),
                ];
                if j % 2 == 1 {
                    pts.reverse();
                }
                let real: Vec<(f64, f64)> =
                    pts.iter().map(|&(c, a)| turn.point(c, a, total)).collect();
                d.set_group(self.step(i));
                edge_path(d, e.stroke, real, (e.head, e.tail));
                if let Some((lines, _, _)) = &self.edge_labels[k] {
                    let (lc, la) = sizes[j];
                    edge_label(
                        d,
                        lines,
                        turn.rect(hi + reach + LABEL_GAP, next, lc, la, total),
                    );
                    next += la;
                }
            }
        }
    }

    /// The nodes, on top: each shape with its label centred (below a
    /// cylinder's cap).
    pub(super) fn draw_nodes(&self, d: &mut Drawing) {
        for (i, node) in self.flow.nodes.iter().enumerate() {
            let (c, a, cw, ah) = self.node_box(i);
            let rect = self.turn.rect(c, a, cw, ah, self.total);
            d.set_group(self.step(i));
            // A group laid out on its own, centred in its stand-in's box.
            if let Some(inner) = &self.insets[i] {
                let by = (
                    rect.x + (rect.w - inner.width) / 2.0,
                    rect.y + (rect.h - inner.height) / 2.0,
                );
                d.append(inner.clone(), by, self.step(i));
                continue;
            }
            // A filled node's text is in the palette's colour for text on
            // a strong fill.
            let (fill, ink) = match node.fill {
                None => (Paint::Background, Paint::Text),
                Some(Fill::Series(n)) => (Paint::Series(n), Paint::Palette("on-accent")),
                Some(f) => (Paint::Palette(f.name()), Paint::Palette("on-accent")),
            };
            d.shape(rect, node.shape, fill, Paint::Series(0));
            let m = &self.measured[i];
            let (tw, th) = lines_size(&m.lines, false);
            let cap = if node.shape == Shape::Cylinder {
                crate::diagrams::cylinder_cap(rect.h) / 2.0
            } else {
                0.0
            };
            let at = (
                rect.x + (rect.w - tw) / 2.0,
                rect.y + cap + (rect.h - cap - th) / 2.0,
            );
            d.literal(m.lines.clone(), at, ink, false, Align::Center);
        }
    }
}

/// A polyline in layout space with each run across a gap between layers
/// (the segments that are not along the rank axis) drawn as a cubic curve
/// whose ends run along the rank axis, sampled finely enough to look
/// smooth: no corners, no zig-zag.
fn curved(points: &[(f64, f64)]) -> Vec<(f64, f64)> {
    let mut out = Vec::with_capacity(points.len());
    for (i, &p) in points.iter().enumerate() {
        let Some(&q) = points.get(i + 1) else {
            out.push(p);
            break;
        };
        out.push(p);
        let run = (q.0 - p.0).abs();
        if run < 0.5 {
            continue;
        }
        // Control points half the gap in from each end, along the axis.
        let h = (q.1 - p.1) / 2.0;
        flatten(
            [p, (p.0, p.1 + h), (q.0, q.1 - h), q],
            (0.0, 1.0),
            0,
            &mut out,
        );
        // `q` comes next as the following segment's start.
        out.pop();
    }
    out
}

/// Points along a cubic curve from `t.0` (not included) to `t.1`, the
/// range halved until the curve turns by at most 6° over each piece.
fn flatten(c: [(f64, f64); 4], t: (f64, f64), depth: u32, out: &mut Vec<(f64, f64)>) {
    let at = |t: f64| {
        let m = 1.0 - t;
        let w = [m * m * m, 3.0 * m * m * t, 3.0 * m * t * t, t * t * t];
        (
            (0..4).map(|i| w[i] * c[i].0).sum::<f64>(),
            (0..4).map(|i| w[i] * c[i].1).sum::<f64>(),
        )
    };
    // The direction of travel, from a short chord (the tangent vanishes
    // where the curve's ends run along the axis).
    let heading = |t: f64| {
        let (a, b) = (at((t - 1e-4).max(0.0)), at((t + 1e-4).min(1.0)));
        (b.1 - a.1).atan2(b.0 - a.0)
    };
    let turn = |a: f64, b: f64| {
        let d = (heading(b) - heading(a)).abs();
        d.min(2.0 * std::f64::consts::PI - d)
    };
    let mid = (t.0 + t.1) / 2.0;
    // Both halves: a piece whose ends head the same way may bend between.
    let turn = turn(t.0, mid).max(turn(mid, t.1));
    if depth < 12 && turn > 6f64.to_radians() {
        flatten(c, (t.0, mid), depth + 1, out);
        flatten(c, (mid, t.1), depth + 1, out);
    } else {
        out.push(at(t.1));
    }
}

/// A path cut where it first enters `rect` (kept whole if it starts
/// inside it or never enters).
fn clip_at(points: Vec<(f64, f64)>, rect: Rect) -> Vec<(f64, f64)> {
    let inside = |(x, y): (f64, f64)| {
        x >= rect.x && x <= rect.x + rect.w && y >= rect.y && y <= rect.y + rect.h
    };
    if points.first().is_none_or(|&p| inside(p)) {
        return points;
    }
    let Some(k) = points.iter().position(|&p| inside(p)) else {
        return points;
    };
    let (a, b) = (points[k - 1], points[k]);
    // Halve the segment until the border is found.
    let (mut lo, mut hi) = (0.0, 1.0);
    for _ in 0..30 {
        let mid = (lo + hi) / 2.0;
        if inside((a.0 + (b.0 - a.0) * mid, a.1 + (b.1 - a.1) * mid)) {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    let mut out = points[..k].to_vec();
    out.push((a.0 + (b.0 - a.0) * hi, a.1 + (b.1 - a.1) * hi));
    out
}

/// Draws an edge's line with its heads.
fn edge_path(d: &mut Drawing, stroke: Stroke, points: Vec<(f64, f64)>, ends: (Head, Head)) {
    let (width, dashed) = match stroke {
        Stroke::Solid => (1.6, false),
        Stroke::Dashed => (1.6, true),
        Stroke::Thick => (3.2, false),
        Stroke::Invisible => return,
    };
    d.path(points, Paint::Muted, width, dashed, ends);
}

/// An edge's label, its lines set from the top left of `rect`.
fn edge_label(d: &mut Drawing, lines: &[String], rect: Rect) {
    d.literal(
        lines.to_vec(),
        (rect.x, rect.y),
        Paint::Text,
        false,
        Align::Left,
    );
}
