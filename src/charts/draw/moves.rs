//! Moving what is drawn: an item, and one drawing into another.

use super::{Drawing, Item};

impl Item {
    /// Moves the item by `dx` across and `dy` down.
    pub fn shift(&mut self, dx: f64, dy: f64) {
        let point = |p: &mut (f64, f64)| {
            p.0 += dx;
            p.1 += dy;
        };
        match self {
            Item::Shape { rect, .. }
            | Item::Frame { rect, .. }
            | Item::Rect { rect, .. }
            | Item::Label { rect, .. } => {
                rect.x += dx;
                rect.y += dy;
            }
            Item::Path { points, .. } => points.iter_mut().for_each(point),
            Item::Line { from, to, .. } => {
                point(from);
                point(to);
            }
            Item::Dot { at, .. } | Item::Wedge { at, .. } => point(at),
        }
    }
}

impl Drawing {
    /// Draws `other` on top of this drawing, moved by `by`, all of it in
    /// reveal group `group`.
    pub fn append(&mut self, other: Drawing, by: (f64, f64), group: Option<usize>) {
        for mut item in other.items {
            item.shift(by.0, by.1);
            self.items.push(item);
            self.groups.push(group);
        }
    }
}
