//! Chart geometry.
//!
//! Layouts produce a [`Drawing`]: lines, rectangles, circles and text labels
//! at absolute positions (points, origin top-left). `codegen::drawing` turns
//! it into `place(...)` calls inside a fixed-size box. Colours are named by
//! role ([`Paint`]) and resolved against `deck.palette` in Typst, so a chart
//! always matches its theme.

use super::Area;
use super::text::{LINE_HEIGHT, block_size, wrap};

mod moves;

/// A colour role, resolved against the theme's palette.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paint {
    /// The n-th series or category colour.
    Series(usize),
    /// Body text colour.
    Text,
    /// Secondary text and axes.
    Muted,
    /// Light fills (grid bands, eras).
    Surface,
    /// The slide background.
    Background,
    /// A named colour of the palette (`accent`, `good`, `on-accent`).
    Palette(&'static str),
}

/// Horizontal alignment of a label in its box.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// Flush left.
    Left,
    /// Centred.
    Center,
    /// Flush right.
    Right,
}

/// An axis-aligned box, for overlap checks.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    /// Left edge.
    pub x: f64,
    /// Top edge.
    pub y: f64,
    /// Width.
    pub w: f64,
    /// Height.
    pub h: f64,
}

impl Rect {
    /// Whether two boxes overlap (touching edges do not count).
    pub fn overlaps(&self, other: &Rect) -> bool {
        self.x < other.x + other.w - 1e-6
            && other.x < self.x + self.w - 1e-6
            && self.y < other.y + other.h - 1e-6
            && other.y < self.y + self.h - 1e-6
    }

    /// Whether this box lies inside `[0, w] × [0, h]`.
    pub fn inside(&self, w: f64, h: f64) -> bool {
        self.x >= -1e-6
            && self.y >= -1e-6
            && self.x + self.w <= w + 1e-6
            && self.y + self.h <= h + 1e-6
    }
}

/// One drawing primitive.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// A straight line.
    Line {
        /// Start point.
        from: (f64, f64),
        /// End point.
        to: (f64, f64),
        /// Colour.
        paint: Paint,
        /// Stroke width.
        width: f64,
    },
    /// A filled rectangle.
    Rect {
        /// Its box.
        rect: Rect,
        /// Fill colour.
        fill: Paint,
    },
    /// A filled circle with a background-coloured ring.
    Dot {
        /// Centre.
        at: (f64, f64),
        /// Radius.
        r: f64,
        /// Fill colour.
        fill: Paint,
    },
    /// A slice of a pie, or of a ring when `inner` > 0; angles in degrees,
    /// clockwise from 12 o'clock.
    Wedge {
        /// Centre.
        at: (f64, f64),
        /// Outer radius.
        outer: f64,
        /// Inner radius (0 for a pie).
        inner: f64,
        /// Start angle.
        start: f64,
        /// End angle.
        end: f64,
        /// Fill colour.
        fill: Paint,
    },
    /// A diagram node's outline, filled, with a stroke.
    Shape {
        /// Its bounding box.
        rect: Rect,
        /// Its outline.
        shape: crate::outline::diagram::Shape,
        /// Fill colour.
        fill: Paint,
        /// Stroke colour.
        stroke: Paint,
    },
    /// A line through several points, with optional heads at its ends.
    Path {
        /// The points, in order.
        points: Vec<(f64, f64)>,
        /// Colour.
        paint: Paint,
        /// Stroke width.
        width: f64,
        /// Whether dashed.
        dashed: bool,
        /// What ends it at its last point.
        head: crate::outline::diagram::Head,
        /// What ends it at its first point.
        tail: crate::outline::diagram::Head,
    },
    /// An unfilled rectangle (a sequence diagram's frame).
    Frame {
        /// Its box.
        rect: Rect,
        /// Stroke colour.
        stroke: Paint,
    },
    /// Text: already broken into lines, in a box of known size.
    Label {
        /// The box the text occupies.
        rect: Rect,
        /// The lines of text.
        lines: Vec<String>,
        /// Font size in points.
        size: f64,
        /// Colour.
        paint: Paint,
        /// Whether bold.
        bold: bool,
        /// Alignment inside the box.
        align: Align,
        /// Whether to prefix the deck's "Source" label.
        source: bool,
        /// A bold, coloured lead-in on the first line (a timeline's date).
        lead: Option<(String, Paint)>,
        /// Whether the text prints exactly as written, with no inline
        /// markup (a diagram's labels).
        literal: bool,
    },
}

/// A laid-out chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Drawing {
    /// Width in points.
    pub width: f64,
    /// Height in points.
    pub height: f64,
    /// The primitives, drawn in order.
    pub items: Vec<Item>,
    /// For each item, the reveal group it belongs to (a series, or a
    /// timeline category); `None` for what is always shown (axes, legend).
    groups: Vec<Option<usize>>,
    /// The group new items join.
    group: Option<usize>,
}

impl Drawing {
    /// Creates an empty drawing of the given size.
    pub fn new(area: Area) -> Self {
        Self {
            width: area.width,
            height: area.height,
            items: Vec::new(),
            groups: Vec::new(),
            group: None,
        }
    }

    /// Makes the following items part of reveal group `group` (or of none).
    pub fn set_group(&mut self, group: Option<usize>) {
        self.group = group;
    }

    /// The number of dots (a timeline's events).
    pub fn dot_count(&self) -> usize {
        self.items
            .iter()
            .filter(|i| matches!(i, Item::Dot { .. }))
            .count()
    }

    /// The number of reveal groups (0 when nothing is grouped).
    pub fn group_count(&self) -> usize {
        self.groups.iter().flatten().max().map_or(0, |g| g + 1)
    }

    /// Adds an item to the current group.
    fn push(&mut self, item: Item) {
        self.items.push(item);
        self.groups.push(self.group);
    }

    /// Adds a line.
    pub fn line(&mut self, from: (f64, f64), to: (f64, f64), paint: Paint, width: f64) {
        self.push(Item::Line {
            from,
            to,
            paint,
            width,
        });
    }

    /// Adds a filled rectangle.
    pub fn rect(&mut self, rect: Rect, fill: Paint) {
        self.push(Item::Rect { rect, fill });
    }

    /// Adds a node outline.
    pub fn shape(
        &mut self,
        rect: Rect,
        shape: crate::outline::diagram::Shape,
        fill: Paint,
        stroke: Paint,
    ) {
        self.push(Item::Shape {
            rect,
            shape,
            fill,
            stroke,
        });
    }

    /// Adds a path.
    pub fn path(
        &mut self,
        points: Vec<(f64, f64)>,
        paint: Paint,
        width: f64,
        dashed: bool,
        ends: (crate::outline::diagram::Head, crate::outline::diagram::Head),
    ) {
        self.push(Item::Path {
            points,
            paint,
            width,
            dashed,
            head: ends.0,
            tail: ends.1,
        });
    }

    /// Adds an unfilled frame.
    pub fn frame(&mut self, rect: Rect, stroke: Paint) {
        self.push(Item::Frame { rect, stroke });
    }

    /// Adds a dot.
    pub fn dot(&mut self, at: (f64, f64), r: f64, fill: Paint) {
        self.push(Item::Dot { at, r, fill });
    }

    /// Adds a pie slice (or a ring segment when `inner` > 0).
    pub fn wedge(
        &mut self,
        at: (f64, f64),
        outer: f64,
        inner: f64,
        angles: (f64, f64),
        fill: Paint,
    ) {
        self.push(Item::Wedge {
            at,
            outer,
            inner,
            start: angles.0,
            end: angles.1,
            fill,
        });
    }

    /// Adds a label whose box is anchored at `(x, y)`: `x` is the left edge,
    /// centre or right edge depending on `align`; `y` is the top.
    #[allow(clippy::too_many_arguments)]
    pub fn label(
        &mut self,
        text: &str,
        x: f64,
        y: f64,
        size: f64,
        paint: Paint,
        bold: bool,
        align: Align,
    ) -> Rect {
        let lines = wrap(text, size, bold, f64::INFINITY);
        self.label_lines(lines, x, y, size, paint, bold, align)
    }

    /// Adds a label that is already broken into lines.
    #[allow(clippy::too_many_arguments)]
    pub fn label_lines(
        &mut self,
        lines: Vec<String>,
        x: f64,
        y: f64,
        size: f64,
        paint: Paint,
        bold: bool,
        align: Align,
    ) -> Rect {
        let (w, h) = block_size(&lines, size, bold);
        let left = match align {
            Align::Left => x,
            Align::Center => x - w / 2.0,
            Align::Right => x - w,
        };
        let rect = Rect { x: left, y, w, h };
        self.push(Item::Label {
            rect,
            lines,
            size,
            paint,
            bold,
            align,
            source: false,
            lead: None,
            literal: false,
        });
        rect
    }

    /// Adds a label already broken into lines that prints exactly as
    /// written (no inline markup), its box's top-left corner at `(x, y)`.
    pub fn literal(
        &mut self,
        lines: Vec<String>,
        at: (f64, f64),
        paint: Paint,
        bold: bool,
        align: Align,
    ) -> Rect {
        let size = super::text::SIZE;
        let (w, h) = block_size(&lines, size, bold);
        let rect = Rect {
            x: at.0,
            y: at.1,
            w,
            h,
        };
        self.push(Item::Label {
            rect,
            lines,
            size,
            paint,
            bold,
            align,
            source: false,
            lead: None,
            literal: true,
        });
        rect
    }

    /// Adds a left-aligned label of at most `max` points wide whose first
    /// line starts with a bold lead-in in another colour.
    #[allow(clippy::too_many_arguments)]
    pub fn label_with_lead(
        &mut self,
        lead: &str,
        lead_paint: Paint,
        text: &str,
        x: f64,
        y: f64,
        size: f64,
        max: f64,
    ) -> Rect {
        let rect = lead_box(lead, text, x, y, size, max);
        let mut lines = wrap(&format!("{lead} {text}"), size, true, max);
        lines[0] = lines[0]
            .strip_prefix(lead)
            .unwrap_or(&lines[0])
            .trim_start()
            .to_string();
        let lead = Some((lead.to_string(), lead_paint));
        self.push(Item::Label {
            rect,
            lines,
            size,
            paint: Paint::Text,
            bold: false,
            align: Align::Left,
            source: false,
            lead,
            literal: false,
        });
        rect
    }

    /// Draws a legend (a colour swatch and a name per entry, wrapping into
    /// rows) at the top; returns the height it takes.
    pub fn legend<'a>(&mut self, names: impl IntoIterator<Item = &'a str>) -> f64 {
        let size = super::text::SIZE;
        let row = size * LINE_HEIGHT + 2.0;
        let swatch = size * 0.8;
        let (mut x, mut y, mut any) = (0.0, 0.0, false);
        for (i, name) in names.into_iter().enumerate() {
            let w = super::text::width(name, size, false);
            if x > 0.0 && x + w + swatch + 8.0 > self.width {
                x = 0.0;
                y += row;
            }
            self.rect(
                Rect {
                    x,
                    y: y + (size * LINE_HEIGHT - swatch) / 2.0,
                    w: swatch,
                    h: swatch,
                },
                Paint::Series(i),
            );
            self.label(
                name,
                x + swatch + 4.0,
                y,
                size,
                Paint::Text,
                false,
                Align::Left,
            );
            x += w + swatch + 4.0 + size * 1.6;
            any = true;
        }
        if any { y + row + 6.0 } else { 0.0 }
    }

    /// Draws horizontal grid lines at the value ticks, with their labels right
    /// aligned in a column ending at `left`, the lines running to `right`.
    pub fn value_grid(
        &mut self,
        ticks: &[f64],
        y: &super::scale::Linear,
        left: f64,
        right: f64,
        size: f64,
    ) {
        for t in ticks {
            let ty = y.map(*t);
            self.line((left, ty), (right, ty), Paint::Surface, 0.8);
            self.label(
                &super::scale::format_value(*t),
                left - 6.0,
                ty - size * 0.65,
                size,
                Paint::Muted,
                false,
                Align::Right,
            );
        }
    }

    /// Adds the source line at the bottom of the area: wrapped onto a
    /// second line when it is long, and cut with "…" only beyond that
    /// (codegen warns then, see [`super::source_lines`]).
    pub fn source(&mut self, text: &str, area: Area) {
        let size = super::text::SOURCE_SIZE;
        let mut lines = super::source_lines(text, area.width);
        if lines.len() > super::MAX_SOURCE_LINES {
            lines.truncate(super::MAX_SOURCE_LINES);
            if let Some(last) = lines.last_mut() {
                last.push('…');
            }
        }
        let prefix = 3.0 * size; // room for "Source: "
        let (w, h) = block_size(&lines, size, false);
        let rect = Rect {
            x: 0.0,
            y: area.height - h,
            w: (w + prefix).min(area.width),
            h,
        };
        self.push(Item::Label {
            rect,
            lines,
            size,
            paint: Paint::Muted,
            bold: false,
            align: Align::Left,
            source: true,
            lead: None,
            literal: false,
        });
        self.height = area.height;
    }

    /// The boxes of every label, for overlap checks.
    pub fn label_boxes(&self) -> Vec<Rect> {
        self.items
            .iter()
            .filter_map(|i| match i {
                Item::Label { rect, .. } => Some(*rect),
                _ => None,
            })
            .collect()
    }

    /// The text of every label, in drawing order.
    pub fn label_texts(&self) -> Vec<String> {
        self.items
            .iter()
            .filter_map(|i| match i {
                Item::Label {
                    lines,
                    lead: Some((lead, _)),
                    ..
                } => Some(format!("{lead} {}", lines.join(" "))),
                Item::Label { lines, .. } => Some(lines.join(" ")),
                _ => None,
            })
            .collect()
    }

    /// Asserts (for tests) that no label leaves the drawing and no two
    /// labels overlap.
    #[cfg(test)]
    pub(crate) fn assert_clean(&self) {
        let boxes = self.label_boxes();
        for (i, a) in boxes.iter().enumerate() {
            assert!(
                a.inside(self.width, self.height),
                "label {i} leaves the chart: {a:?}"
            );
            for b in &boxes[i + 1..] {
                assert!(!a.overlaps(b), "labels overlap: {a:?} {b:?}");
            }
        }
    }

    /// The items with their reveal groups; `last` keeps only the groups up
    /// to `last` (all when `None`), so the axes and legend stay put.
    pub fn shown(&self, last: Option<usize>) -> impl Iterator<Item = &Item> {
        self.items
            .iter()
            .zip(&self.groups)
            .filter(move |(_, g)| match (g, last) {
                (Some(g), Some(last)) => *g <= last,
                _ => true,
            })
            .map(|(item, _)| item)
    }
}

/// The width of a value axis's labels (plus a gap) for `ticks`.
pub fn value_axis_width(ticks: &[f64], size: f64) -> f64 {
    ticks
        .iter()
        .map(|t| super::text::width(&super::scale::format_value(*t), size, false))
        .fold(0.0, f64::max)
        + 8.0
}

/// The box of a label with a lead-in, without drawing it.
pub fn lead_box(lead: &str, text: &str, x: f64, y: f64, size: f64, max: f64) -> Rect {
    let lines = wrap(&format!("{lead} {text}"), size, true, max);
    let (w, h) = block_size(&lines, size, true);
    Rect { x, y, w, h }
}

/// The point at `angle` degrees clockwise from 12 o'clock, `r` from `at`.
pub fn polar(at: (f64, f64), r: f64, angle: f64) -> (f64, f64) {
    let a = angle.to_radians();
    (at.0 + r * a.sin(), at.1 - r * a.cos())
}

/// The outline of a wedge as a polygon: the outer arc, then the inner arc
/// back (or the centre, for a pie), one vertex every two degrees at most.
pub fn wedge_outline(
    at: (f64, f64),
    outer: f64,
    inner: f64,
    start: f64,
    end: f64,
) -> Vec<(f64, f64)> {
    let steps = (((end - start) / 2.0).ceil() as usize).max(1);
    let arc = |r: f64| {
        (0..=steps).map(move |i| polar(at, r, start + (end - start) * i as f64 / steps as f64))
    };
    let mut points: Vec<(f64, f64)> = arc(outer).collect();
    if inner > 0.0 {
        let back: Vec<(f64, f64)> = arc(inner).collect();
        points.extend(back.into_iter().rev());
    } else {
        points.push(at);
    }
    points
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlap_is_strict() {
        let a = Rect {
            x: 0.0,
            y: 0.0,
            w: 10.0,
            h: 10.0,
        };
        assert!(a.overlaps(&Rect {
            x: 5.0,
            y: 5.0,
            w: 10.0,
            h: 10.0
        }));
        assert!(!a.overlaps(&Rect {
            x: 10.0,
            y: 0.0,
            w: 10.0,
            h: 10.0
        }));
    }
}
