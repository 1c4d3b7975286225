//! Timeline layout: a year axis, dots for events, and labels placed so that
//! no two label boxes overlap and none leaves the chart.
//!
//! Labels are placed greedily in date order. Each label tries positions above
//! and below the axis at increasing distance, shifted sideways by at most
//! half its width (so its leader line stays vertical), and takes the cheapest
//! position that overlaps no label, no leader line and no year label. When a
//! label finds no room, the timeline is split in two at the middle event and
//! each half is laid out on its own page.
//!
//! `axis.rs` places events along one axis, `lanes.rs` in a lane per
//! category; both share the label placement here, and `split` spreads a
//! timeline too dense for one slide over several.

mod axis;
mod lanes;
#[cfg(test)]
mod tests;

use self::axis::{place, year_marks};
use self::lanes::place_lanes;
use super::draw::{Align, Drawing, Paint, Rect, lead_box};
use super::scale::{Linear, year_ticks};
use super::text::{width, wrap};
use super::{Area, Event, TimelineData, TimelineLayout};

/// Font size of event labels, years and eras.
const LABEL_SIZE: f64 = super::text::SIZE;
/// Widest an event label may be.
const MAX_LABEL_WIDTH: f64 = 150.0;
/// Gap kept between labels.
const GAP: f64 = 3.0;

/// Lays out a timeline, on as many pages as it needs. With `from`/`to`, only
/// the events of those years are shown (a section's slice of a bigger
/// timeline, in the same colours).
pub fn layout(data: &TimelineData, area: Area) -> Vec<Drawing> {
    let mut order: Vec<usize> = (0..data.events.len())
        .filter(|&i| {
            let year = data.events[i].date.value.year;
            data.range
                .is_none_or(|(from, to)| (from..=to).contains(&year))
        })
        .collect();
    order.sort_by(|a, b| data.events[*a].date.value.cmp(&data.events[*b].date.value));
    match data.layout {
        Some(TimelineLayout::Axis) => split(data, &order, area, place),
        // Lanes too narrow for even one event's label fall back to the axis.
        Some(TimelineLayout::Lanes) => match order
            .iter()
            .all(|&i| place_lanes(data, &[i], area).is_some())
        {
            true => split(data, &order, area, place_lanes),
            false => split(data, &order, area, place),
        },
        // Unset: one axis if every event fits on one slide, else lanes if
        // they do, else the axis over as few slides as it takes.
        None => match place(data, &order, area) {
            Some(one) => vec![one],
            None => match place_lanes(data, &order, area) {
                Some(one) => vec![one],
                None => split(data, &order, area, place),
            },
        },
    }
}

/// A way to place a set of events on one page, `None` if they do not fit.
type Placer = fn(&TimelineData, &[usize], Area) -> Option<Drawing>;

/// Lays out the given events on as few pages as possible: each page takes
/// the longest run of events (in date order) that fits, and the pages are then
/// evened out when an even split fits too.
fn split(data: &TimelineData, events: &[usize], area: Area, place: Placer) -> Vec<Drawing> {
    // All at once first: placement is greedy, so a prefix may fail where
    // the whole set fits.
    if let Some(one) = place(data, events, area) {
        return vec![one];
    }
    let mut pages: Vec<Drawing> = Vec::new();
    let mut rest = events;
    while !rest.is_empty() {
        let (n, drawing) = longest_prefix(data, rest, area, place)
            .unwrap_or_else(|| (1, place_forced(data, &rest[..1], area)));
        rest = &rest[n..];
        pages.push(drawing);
    }
    if pages.len() > 1 {
        let size = events.len().div_ceil(pages.len());
        let even: Option<Vec<Drawing>> =
            events.chunks(size).map(|c| place(data, c, area)).collect();
        if let Some(even) = even.filter(|e| e.len() == pages.len()) {
            return even;
        }
    }
    pages
}

/// A long prefix of `events` that fits on one page, with its drawing
/// (`None` if not even the first event fits). The prefix doubles until it
/// fails, then a binary search finds where between the last fit and that
/// failure fitting ends: O(log n) placements, not one per prefix. Placement
/// is greedy, so fitting is not quite monotonic in the prefix length; the
/// prefix found fits, and the one event longer does not.
fn longest_prefix(
    data: &TimelineData,
    events: &[usize],
    area: Area,
    place: Placer,
) -> Option<(usize, Drawing)> {
    let mut fit = (1, place(data, &events[..1], area)?);
    let mut fails = None;
    while fit.0 < events.len() {
        let n = (fit.0 * 2).min(events.len());
        match place(data, &events[..n], area) {
            Some(d) => fit = (n, d),
            None => {
                fails = Some(n);
                break;
            }
        }
    }
    // Fits at `fit.0`, fails at `fails`: halve the gap.
    while let Some(bad) = fails.filter(|&bad| bad - fit.0 > 1) {
        let mid = fit.0 + (bad - fit.0) / 2;
        match place(data, &events[..mid], area) {
            Some(d) => fit = (mid, d),
            None => fails = Some(mid),
        }
    }
    Some(fit)
}

/// The year range shown for a set of events.
fn year_range(data: &TimelineData, events: &[usize]) -> (i32, i32) {
    let years = events.iter().map(|&i| data.events[i].date.value.year);
    let (min, max) = (
        years.clone().min().unwrap_or(2000),
        years.max().unwrap_or(2000),
    );
    let eras = data
        .eras
        .iter()
        .flat_map(|e| [e.from.value.year, e.to.value.year]);
    match data.range {
        Some(range) => range,
        None if events.len() == data.events.len() => {
            let all: Vec<i32> = eras.chain([min, max]).collect();
            (
                all.iter().copied().min().unwrap_or(min),
                all.iter().copied().max().unwrap_or(max),
            )
        }
        None => (min, max),
    }
}

/// Draws an event whose label was placed at `rect` (wrapped at `max`): the
/// leader line from its dot at `x` on the line at height `line`, its dated
/// label and the dot, in its category's colour.
fn draw_event(d: &mut Drawing, event: &Event, (x, line): (f64, f64), rect: Rect, max: f64) {
    let paint = Paint::Series(event.category);
    d.line((x, line), (x, leader_end(x, &rect, line)), paint, 0.8);
    d.label_with_lead(
        &event.date.value.display(),
        paint,
        &event.label.value,
        rect.x,
        rect.y,
        LABEL_SIZE,
        max,
    );
    d.dot((x, line), 4.0, paint);
}

/// How many of the `later` events' dates a label spanning `x0..x0 + w`
/// (with its gap) covers: their leader lines could not pass it.
fn covered(later: &[f64], x0: f64, w: f64) -> usize {
    later
        .iter()
        .filter(|&&lx| lx > x0 - GAP && lx < x0 + w + GAP)
        .count()
}

/// What a new label must avoid.
#[derive(Clone)]
struct Obstacles {
    /// The legend, year and era labels: leader lines may cross them.
    fixed: Vec<Rect>,
    /// Event labels already placed.
    boxes: Vec<Rect>,
    /// Leader lines already drawn.
    poles: Vec<Rect>,
}

impl Obstacles {
    /// Whether a label at `rect` with its leader `pole` collides with nothing.
    fn free(&self, rect: &Rect, pole: &Rect) -> bool {
        let padded = Rect {
            x: rect.x - GAP,
            y: rect.y - GAP,
            w: rect.w + 2.0 * GAP,
            h: rect.h + 2.0 * GAP,
        };
        !self
            .boxes
            .iter()
            .any(|b| b.overlaps(&padded) || b.overlaps(pole))
            && !self.fixed.iter().any(|b| b.overlaps(&padded))
            && !self.poles.iter().any(|p| p.overlaps(rect))
    }
}

/// The thin box a leader line occupies, from the axis to its label: to the
/// label's near edge when the line enters the label from below or above, or
/// along its whole side (a flag pole) when the label hangs beside the line.
fn leader(x: f64, rect: &Rect, axis: f64) -> Rect {
    let beside = x < rect.x || x > rect.x + rect.w;
    let (y0, y1) = match (rect.y > axis, beside) {
        (true, false) => (axis, rect.y),
        (true, true) => (axis, rect.y + rect.h),
        (false, false) => (rect.y + rect.h, axis),
        (false, true) => (rect.y, axis),
    };
    Rect {
        x: x - 0.5,
        y: y0.min(y1) + if y0 < axis { 0.0 } else { 5.0 },
        w: 1.0,
        h: ((y1 - y0).abs() - 5.0).max(0.0),
    }
}

/// Where the leader line of a label ends (away from the axis).
fn leader_end(x: f64, rect: &Rect, axis: f64) -> f64 {
    let beside = x < rect.x || x > rect.x + rect.w;
    match (rect.y > axis, beside) {
        (true, false) => rect.y,
        (true, true) => rect.y + rect.h,
        (false, false) => rect.y + rect.h,
        (false, true) => rect.y,
    }
}

/// The first of `widths` (fractions of [`MAX_LABEL_WIDTH`]) at which the
/// label of `event`, at `x`, finds a free position: its box and wrap width.
fn fit_label(
    event: &Event,
    widths: &[f64],
    x: f64,
    line: (f64, Clear),
    room: (Area, &[f64]),
    obstacles: &Obstacles,
    right: bool,
) -> Option<(Rect, f64)> {
    widths.iter().find_map(|&f| {
        let (w, h, max) = label_size(event, f);
        best_position(x, (w, h), line, room, obstacles, right).map(|r| (r, max))
    })
}

/// The size of an event's label (date and text) wrapped at `f` ×
/// [`MAX_LABEL_WIDTH`], and that wrap width.
fn label_size(event: &Event, f: f64) -> (f64, f64, f64) {
    let max = MAX_LABEL_WIDTH * f;
    let b = lead_box(
        &event.date.value.display(),
        &event.label.value,
        0.0,
        0.0,
        LABEL_SIZE,
        max,
    );
    (b.w, b.h, max)
}

/// How far labels keep from their line, above and below it.
#[derive(Clone, Copy)]
struct Clear {
    /// Above the line.
    above: f64,
    /// Below the line.
    below: f64,
}

/// The single axis: the year labels sit under it.
const AXIS_CLEAR: Clear = Clear {
    above: 10.0,
    below: LABEL_SIZE * super::text::LINE_HEIGHT + 10.0,
};

/// A lane's line carries nothing but its dots.
const LANE_CLEAR: Clear = Clear {
    above: 4.0,
    below: 6.0,
};

/// Finds the cheapest free position for a `w × h` label of an event at `x`.
///
/// Candidates: the label as a flag to the right of its line (preferred), to
/// the left, or centred over the line and shifted sideways by up to half its
/// width; each above or below the axis at growing distance.
///
/// A label that covers the dates of later events costs more: their leader
/// lines could not pass it, so it would box them in.
fn best_position(
    x: f64,
    (w, h): (f64, f64),
    (axis, clear): (f64, Clear),
    (area, later): (Area, &[f64]),
    obstacles: &Obstacles,
    right: bool,
) -> Option<Rect> {
    // Left flags first by default: placed in date order, they stack into a
    // staircase whose leader lines never cross an earlier label.
    let (left_cost, right_cost) = if right { (8.0, 0.0) } else { (0.0, 8.0) };
    let mut lefts: Vec<(f64, f64)> = vec![(x - 3.0 - w, left_cost), (x + 3.0, right_cost)];
    let max_shift = (w / 2.0 - 4.0).max(0.0);
    for k in 0..=((max_shift / 6.0) as i32) {
        for shift in [f64::from(k) * 6.0, -f64::from(k) * 6.0] {
            lefts.push((x - w / 2.0 + shift, 4.0 + 1.2 * shift.abs()));
        }
    }
    let mut best: Option<(f64, Rect)> = None;
    for (left, penalty) in lefts {
        if left < 0.0 || left + w > area.width {
            continue;
        }
        for above in [true, false] {
            let mut dist = if above { clear.above } else { clear.below };
            loop {
                let y = if above { axis - dist - h } else { axis + dist };
                let rect = Rect { x: left, y, w, h };
                if !rect.inside(area.width, area.height) {
                    break;
                }
                let covered = covered(later, left, w);
                let cost = dist + penalty + 30.0 * covered as f64;
                if best.is_some_and(|(c, _)| c <= cost) {
                    break;
                }
                let line = leader(x, &rect, axis);
                if obstacles.free(&rect, &line) {
                    best = Some((cost, rect));
                    break;
                }
                dist += 6.0;
            }
        }
    }
    best.map(|(_, r)| r)
}

/// Places a lone event that fits nowhere, clamped inside the area.
fn place_forced(data: &TimelineData, events: &[usize], area: Area) -> Drawing {
    let mut d = Drawing::new(area);
    for &i in events {
        let e = &data.events[i];
        let text = format!("{} {}", e.date.value.display(), e.label.value);
        let lines = wrap(&text, LABEL_SIZE, false, area.width);
        d.label_lines(lines, 0.0, 0.0, LABEL_SIZE, Paint::Text, false, Align::Left);
    }
    d
}
