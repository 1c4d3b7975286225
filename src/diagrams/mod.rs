//! Diagrams laid out from the outline: flowcharts in layers ([`flow`]) and
//! sequence diagrams in rows ([`sequence`]).
//!
//! As for charts, layout is plain Rust on plain data and returns a
//! [`Drawing`]; `codegen::drawing` writes it as Typst in the theme's palette.
//! Text is measured with the theme's fonts ([`crate::charts::text`]) at the
//! base chart size, and the drawing is scaled with the theme's body size, so
//! diagram text is never smaller than chart text.
//!
//! To add a diagram kind: add a [`Graph`] variant, its layout module, and
//! one arm in [`layout`].

pub mod alt;
pub mod flow;
mod order;
pub mod quality;
pub mod sequence;
#[cfg(test)]
mod tests;

use crate::charts::Area;
use crate::charts::draw::{Drawing, Rect};
use crate::charts::text::{self, LINE_HEIGHT, SIZE};
use crate::outline::diagram::{Diagram, Graph};

/// A laid-out diagram: its drawing at its natural size, which may exceed
/// the area it was meant for.
#[derive(Debug, Clone, PartialEq)]
pub struct Laid {
    /// The drawing.
    pub drawing: Drawing,
    /// What does not fit the area at the readable size, if anything: the
    /// drawing is then scaled down to fit, and the slide warns.
    pub overflow: Option<String>,
    /// Whether a top-to-bottom flowchart too tall for the area would fit
    /// it drawn left to right (the warning then says so).
    pub fits_across: bool,
    /// Whether it was drawn left to right for that (`direction: auto`).
    pub turned: bool,
}

/// Lays out a diagram for an area (the area bounds the width labels wrap
/// to; the drawing is as big as the diagram needs).
pub fn layout(diagram: &Diagram, area: Area) -> Laid {
    let drawing = match &diagram.graph {
        Graph::Flow(f) => flow::layout(f, diagram.reveal),
        Graph::Sequence(s) => sequence::layout(s, diagram.reveal),
    };
    let fits = |d: &Drawing| d.width <= area.width + 0.5 && d.height <= area.height + 0.5;
    let overflow = (!fits(&drawing)).then(|| {
        format!(
            "this diagram needs {:.0} × {:.0} pt at the readable size, and the slide has {:.0} × {:.0}",
            drawing.width, drawing.height, area.width, area.height
        )
    });
    // A slide is wide: a tall chart may fit on its side.
    let across = match &diagram.graph {
        Graph::Flow(f) if overflow.is_some() && drawing.height > area.height + 0.5 => {
            use crate::outline::diagram::Direction;
            let tall = matches!(f.direction, Direction::Down | Direction::Up);
            let turned = crate::outline::diagram::Flow {
                direction: Direction::Right,
                ..f.clone()
            };
            tall.then(|| flow::layout(&turned, diagram.reveal))
                .filter(|d| fits(d))
        }
        _ => None,
    };
    match across {
        Some(drawing) if diagram.auto_direction => Laid {
            drawing,
            overflow: None,
            fits_across: true,
            turned: true,
        },
        across => Laid {
            drawing,
            overflow,
            fits_across: across.is_some(),
            turned: false,
        },
    }
}

/// The widest a node's label runs before it wraps, in points.
pub const MAX_LABEL_WIDTH: f64 = 170.0;

/// The height of a cylinder's elliptic cap, for a cylinder `h` points tall.
pub fn cylinder_cap(h: f64) -> f64 {
    (h * 0.22).min(12.0)
}

/// Wraps a label to `max` points, breaking a word wider than that between
/// characters, so no line is wider than `max`.
pub fn wrap(label: &str, max: f64, bold: bool) -> Vec<String> {
    let mut out = Vec::new();
    for line in text::wrap(label, SIZE, bold, max) {
        if text::width(&line, SIZE, bold) <= max {
            out.push(line);
            continue;
        }
        let mut cur = String::new();
        for c in line.chars() {
            cur.push(c);
            if text::width(&cur, SIZE, bold) > max && cur.chars().count() > 1 {
                cur.pop();
                out.push(std::mem::take(&mut cur));
                cur.push(c);
            }
        }
        out.push(cur);
    }
    out
}

/// The size of a block of lines at the base size.
pub fn lines_size(lines: &[String], bold: bool) -> (f64, f64) {
    text::block_size(lines, SIZE, bold)
}

/// The height of one line of drawn text.
pub fn line_height() -> f64 {
    SIZE * LINE_HEIGHT
}

/// The bounding box of every item of a drawing that has one, and the
/// points of its paths: what the drawing must contain.
fn extent(d: &Drawing) -> Option<Rect> {
    use crate::charts::draw::Item;
    let mut lo = (f64::INFINITY, f64::INFINITY);
    let mut hi = (f64::NEG_INFINITY, f64::NEG_INFINITY);
    let mut add = |x: f64, y: f64| {
        lo = (lo.0.min(x), lo.1.min(y));
        hi = (hi.0.max(x), hi.1.max(y));
    };
    for item in &d.items {
        match item {
            Item::Shape { rect, .. }
            | Item::Frame { rect, .. }
            | Item::Rect { rect, .. }
            | Item::Label { rect, .. } => {
                add(rect.x, rect.y);
                add(rect.x + rect.w, rect.y + rect.h);
            }
            Item::Path { points, .. } => points.iter().for_each(|p| add(p.0, p.1)),
            Item::Line { from, to, .. } => {
                add(from.0, from.1);
                add(to.0, to.1);
            }
            Item::Dot { at, r, .. } => {
                add(at.0 - r, at.1 - r);
                add(at.0 + r, at.1 + r);
            }
            Item::Wedge { .. } => {}
        }
    }
    lo.0.is_finite().then_some(Rect {
        x: lo.0,
        y: lo.1,
        w: hi.0 - lo.0,
        h: hi.1 - lo.1,
    })
}

/// Moves everything so the drawing starts at `margin` from its top-left
/// corner, and sizes it to fit with the same margin.
pub fn fit(d: &mut Drawing, margin: f64) {
    let Some(e) = extent(d) else {
        return;
    };
    let (dx, dy) = (margin - e.x, margin - e.y);
    for item in &mut d.items {
        item.shift(dx, dy);
    }
    d.width = e.w + 2.0 * margin;
    d.height = e.h + 2.0 * margin;
}
