//! How well a laid-out diagram reads, measured: the points where its edges
//! cross. The crossings bench (`cargo bench --bench crossings`) counts them
//! for lectern and for Graphviz's `dot` with this one function, and the
//! unit tests hold the corpus to the figures recorded in BENCHMARKS.md.

use crate::charts::draw::{Drawing, Item, Rect};

/// A polyline.
pub type Line = Vec<(f64, f64)>;

/// Where segments a–b and c–d cross, if they do (not at their ends).
fn cross(a: (f64, f64), b: (f64, f64), c: (f64, f64), d: (f64, f64)) -> Option<(f64, f64)> {
    let r = (b.0 - a.0, b.1 - a.1);
    let s = (d.0 - c.0, d.1 - c.1);
    let den = r.0 * s.1 - r.1 * s.0;
    if den.abs() < 1e-9 {
        return None;
    }
    let t = ((c.0 - a.0) * s.1 - (c.1 - a.1) * s.0) / den;
    let u = ((c.0 - a.0) * r.1 - (c.1 - a.1) * r.0) / den;
    ((1e-6..1.0 - 1e-6).contains(&t) && (1e-6..1.0 - 1e-6).contains(&u))
        .then_some((a.0 + t * r.0, a.1 + t * r.1))
}

/// Whether `p` lies in `r` grown by `m` on every side.
fn near(p: (f64, f64), r: &Rect, m: f64) -> bool {
    p.0 >= r.x - m && p.0 <= r.x + r.w + m && p.1 >= r.y - m && p.1 <= r.y + r.h + m
}

/// The node boxes an edge's two ends touch.
fn ends(line: &Line, boxes: &[Rect]) -> Vec<usize> {
    [line.first(), line.last()]
        .into_iter()
        .flatten()
        .filter_map(|&p| boxes.iter().position(|r| near(p, r, 6.0)))
        .collect()
}

/// Crossings between edges that share no node (the usual count: edges
/// meeting at a node are not said to cross), away from every node's box.
pub fn crossings(lines: &[Line], boxes: &[Rect]) -> usize {
    let inside = |p: (f64, f64)| boxes.iter().any(|r| near(p, r, 2.0));
    let touched: Vec<Vec<usize>> = lines.iter().map(|l| ends(l, boxes)).collect();
    let mut n = 0;
    for (i, a) in lines.iter().enumerate() {
        for (j, b) in lines.iter().enumerate().skip(i + 1) {
            if touched[i].iter().any(|v| touched[j].contains(v)) {
                continue;
            }
            for s in a.windows(2) {
                for t in b.windows(2) {
                    if let Some(p) = cross(s[0], s[1], t[0], t[1])
                        && !inside(p)
                    {
                        n += 1;
                    }
                }
            }
        }
    }
    n
}

/// A drawing's edges (its paths) and node boxes (its shapes).
pub fn geometry(d: &Drawing) -> (Vec<Line>, Vec<Rect>) {
    let mut lines = Vec::new();
    let mut boxes = Vec::new();
    for item in &d.items {
        match item {
            Item::Path { points, .. } => lines.push(points.clone()),
            Item::Shape { rect, .. } => boxes.push(*rect),
            _ => {}
        }
    }
    (lines, boxes)
}
