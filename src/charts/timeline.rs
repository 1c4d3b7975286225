//! Timeline layout: a year axis, dots for events, and labels placed so that
//! no two label boxes overlap and none leaves the chart.
//!
//! Labels are placed greedily in date order. Each label tries positions above
//! and below the axis at increasing distance, shifted sideways by at most
//! half its width (so its leader line stays vertical), and takes the cheapest
//! position that overlaps no label, no leader line and no year label. When a
//! label finds no room, the timeline is split in two at the middle event and
//! each half is laid out on its own page.

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

/// Room under a lane's line, in points (its dots reach into it).
const LANE_FOOT: f64 = 8.0;

/// Label widths tried in a lane, as fractions of [`MAX_LABEL_WIDTH`]: one
/// line where it fits, or wrapped, which stacks lower where labels crowd.
const LANE_WIDTHS: &[f64] = &[2.0, 1.4, 1.0, 0.7];

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
        // The longest prefix that fits (at least one event). Placement is
        // greedy, so fitting is not monotonic in the prefix length: grow the
        // prefix one event at a time and stop at the first failure.
        let mut best = None;
        for n in 1..=rest.len() {
            match place(data, &rest[..n], area) {
                Some(d) => best = Some((n, d)),
                None => break,
            }
        }
        let (n, drawing) = best.unwrap_or_else(|| (1, place_forced(data, &rest[..1], area)));
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

/// Tries to place every label; `None` if one finds no room.
fn place(data: &TimelineData, events: &[usize], area: Area) -> Option<Drawing> {
    // Greedy placement depends on the order and on which side of its line a
    // label prefers: left flags in date order (a staircase rising to the
    // right), then its mirror image, right flags from the last event back.
    let reversed: Vec<usize> = events.iter().rev().copied().collect();
    [WIDE, NARROW].into_iter().find_map(|widths| {
        place_with(data, events, area, (false, widths))
            .or_else(|| place_with(data, events, area, (true, widths)))
            .or_else(|| place_with(data, &reversed, area, (true, widths)))
    })
}

/// Label widths to try, as fractions of [`MAX_LABEL_WIDTH`]: wide labels
/// first, narrower (taller) ones where wide ones find no room...
const WIDE: &[f64] = &[1.0, 0.75, 0.55];
/// ...or narrow ones throughout, which stack better in dense stretches.
const NARROW: &[f64] = &[0.7, 0.55, 1.0];

/// Places every label in the order given, preferring right flags when
/// `right` is set.
fn place_with(
    data: &TimelineData,
    events: &[usize],
    area: Area,
    (right, widths): (bool, &[f64]),
) -> Option<Drawing> {
    let mut d = Drawing::new(area);
    let top = d.legend(data.categories.iter().map(|(_, name)| name.value.as_str()));
    let (from, to) = year_range(data, events);
    let scale = Linear {
        d0: f64::from(from),
        d1: f64::from(to + 1),
        r0: 16.0,
        r1: area.width - 16.0,
    };
    let axis = top + (area.height - top) / 2.0;
    // Label boxes (labels must keep GAP from them) and leader lines (labels
    // must not cover them; two leaders may run side by side).
    let mut obstacles = Obstacles {
        fixed: d.label_boxes(),
        boxes: Vec::new(),
        poles: Vec::new(),
    };

    for era in &data.eras {
        let (x0, x1) = (
            scale.map(era.from.value.as_year().floor()),
            scale.map(era.to.value.as_year().floor() + 1.0),
        );
        let (x0, x1) = (x0.max(0.0), x1.min(area.width));
        if x1 - x0 >= width(&era.label.value, LABEL_SIZE, true) + 8.0 {
            d.rect(
                Rect {
                    x: x0,
                    y: top,
                    w: x1 - x0,
                    h: area.height - top,
                },
                Paint::Surface,
            );
            obstacles.fixed.push(d.label(
                &era.label.value,
                x0 + 4.0,
                top + 2.0,
                LABEL_SIZE,
                Paint::Muted,
                true,
                Align::Left,
            ));
        }
    }

    d.line((0.0, axis), (area.width, axis), Paint::Muted, 1.5);
    // Year labels are drawn after the events, leaving out any that a leader
    // line crosses.
    let marks = year_marks(&scale, (from, to), (0.0, area.width));
    let mut years: Vec<(String, f64, (f64, f64), Rect)> = Vec::new();
    for &(x, major) in &marks.ticks {
        let reach = if major { 4.0 } else { 2.5 };
        d.line((x, axis - reach), (x, axis + reach), Paint::Muted, 1.0);
    }
    for (text, x, range) in marks.labels {
        let w = width(&text, LABEL_SIZE, false);
        let rect = Rect {
            x: x - w / 2.0,
            y: axis + 5.0,
            w,
            h: LABEL_SIZE * super::text::LINE_HEIGHT,
        };
        obstacles.fixed.push(rect);
        years.push((text, x, range, rect));
    }

    let mut placed: Vec<(usize, Rect, f64, f64)> = Vec::new();
    let xs: Vec<f64> = events
        .iter()
        .map(|&i| scale.map(data.events[i].date.value.as_year()))
        .collect();
    for (k, &i) in events.iter().enumerate() {
        let event = &data.events[i];
        let x = xs[k];
        let later = &xs[k + 1..];
        // Wide labels first; narrower (taller) ones where wide ones find no room.
        let found = fit_label(
            event,
            widths,
            x,
            (axis, AXIS_CLEAR),
            (area, later),
            &obstacles,
            right,
        );
        let (rect, max) = found?;
        obstacles.boxes.push(rect);
        obstacles.poles.push(leader(x, &rect, axis));
        placed.push((i, rect, x, max));
    }
    for (text, x, (lo, hi), rect) in years {
        // Where a leader line crosses a year label, the label slides along
        // its year (when it names a span) to a free place, or is left out.
        let free = |r: &Rect| {
            !obstacles.poles.iter().any(|p| p.overlaps(r))
                && !obstacles.boxes.iter().any(|b| b.overlaps(r))
        };
        let found = (0..)
            .map(|k| f64::from(k / 2) * 6.0 * if k % 2 == 0 { 1.0 } else { -1.0 })
            .map(|dx| x + dx)
            .take_while(|&at| at - x <= hi - lo)
            .filter(|at| (lo..=hi).contains(at))
            .find(|&at| {
                free(&Rect {
                    x: at - rect.w / 2.0,
                    ..rect
                })
            });
        if let Some(at) = found {
            d.label(
                &text,
                at,
                rect.y,
                LABEL_SIZE,
                Paint::Muted,
                false,
                Align::Center,
            );
        }
    }
    for (i, rect, x, max) in placed {
        let event = &data.events[i];
        d.set_group(Some(event.category));
        draw_event(&mut d, event, (x, axis), rect, max);
    }
    d.set_group(None);
    Some(d)
}

/// The marks of a year axis: ticks (x, and whether a year starts there)
/// and year labels (text, centre x, and the range the centre may slide in).
struct YearMarks {
    /// Tick positions; minor ticks mark quarters.
    ticks: Vec<(f64, bool)>,
    /// Year labels, each inside `lo..hi`.
    labels: Vec<(String, f64, (f64, f64))>,
}

/// Marks the years `from..=to` on `scale`, between `lo` and `hi`.
///
/// A short period (a section's zoomed slice) where a year is wide gets a
/// tick at each year's start, quarter ticks, and each year's label in the
/// middle of its span, so even a single year is named. Otherwise the years
/// are ticked and labelled at their start, thinned out, with all but the
/// first shortened to `'14` when full years would crowd: fewer, larger
/// labels rather than smaller ones.
fn year_marks(scale: &Linear, (from, to): (i32, i32), (lo, hi): (f64, f64)) -> YearMarks {
    let full = width("2000", LABEL_SIZE, false);
    let fits = |text: &str, x: f64| {
        let w = width(text, LABEL_SIZE, false);
        x - w / 2.0 >= lo && x + w / 2.0 <= hi
    };
    let year = scale.map(f64::from(from) + 1.0) - scale.map(f64::from(from));
    if to - from < 6 && year >= 2.0 * full {
        let ticks = (from..=to + 1)
            .flat_map(|y| {
                let quarters = if y <= to && year >= 4.0 * full {
                    1..4
                } else {
                    0..0
                };
                std::iter::once((scale.map(f64::from(y)), true)).chain(
                    quarters.map(move |q| (scale.map(f64::from(y) + f64::from(q) / 4.0), false)),
                )
            })
            .filter(|&(x, _)| (lo..=hi).contains(&x))
            .collect();
        let room = (year - full) / 2.0 - 4.0;
        let labels = (from..=to)
            .map(|y| {
                let x = scale.map(f64::from(y) + 0.5);
                (y.to_string(), x, (x - room, x + room))
            })
            .filter(|(t, x, _)| fits(t, *x))
            .collect();
        return YearMarks { ticks, labels };
    }
    let years = year_ticks(
        from,
        to + 1,
        (((hi - lo) / (full * 0.7 + 12.0)) as usize).max(2),
    );
    let spacing = match years.as_slice() {
        [a, b, ..] => scale.map(f64::from(*b)) - scale.map(f64::from(*a)),
        _ => hi - lo,
    };
    let mut marks = YearMarks {
        ticks: Vec::new(),
        labels: Vec::new(),
    };
    for (k, y) in years.into_iter().enumerate() {
        let x = scale.map(f64::from(y));
        let text = if k == 0 || spacing >= full + 12.0 {
            y.to_string()
        } else {
            format!("'{:02}", y.rem_euclid(100))
        };
        if fits(&text, x) {
            marks.ticks.push((x, true));
            marks.labels.push((text, x, (x, x)));
        }
    }
    marks
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

/// Lays the events out in lanes, one per category (in legend order), each
/// with its name on the left and its own line; labels stay inside their
/// lane. The years run along the bottom. Each lane is as tall as its labels
/// need (a busy camp gets more room than a quiet one) and the height left
/// over is shared in proportion. `None` if the lanes need more height than
/// the chart has.
fn place_lanes(data: &TimelineData, events: &[usize], area: Area) -> Option<Drawing> {
    let mut d = Drawing::new(area);
    let (from, to) = year_range(data, events);
    let names = data
        .categories
        .iter()
        .map(|(_, name)| width(&name.value, LABEL_SIZE, true))
        .fold(0.0, f64::max);
    let left = (names + 12.0).min(area.width * 0.25);
    let row = LABEL_SIZE * super::text::LINE_HEIGHT;
    let axis = area.height - row - 8.0;
    let scale = Linear {
        d0: f64::from(from),
        d1: f64::from(to + 1),
        r0: left + 24.0,
        r1: area.width - 24.0,
    };
    // Each lane's events and name, and the least height they fit in.
    let lanes: Vec<Lane> = data
        .categories
        .iter()
        .enumerate()
        .map(|(k, (_, name))| {
            let mine: Vec<usize> = events
                .iter()
                .copied()
                .filter(|&i| data.events[i].category == k)
                .collect();
            let xs = mine
                .iter()
                .map(|&i| scale.map(data.events[i].date.value.as_year()))
                .collect();
            let name = wrap(&name.value, LABEL_SIZE, true, left - 8.0);
            let floor = super::text::block_size(&name, LABEL_SIZE, true).1 + 4.0;
            Lane {
                mine,
                xs,
                name,
                floor,
            }
        })
        .collect();
    // Each lane packed as tightly as it goes: its line, height and labels.
    let packed: Vec<(f64, f64, Vec<LaneLabel>)> = lanes
        .iter()
        .map(|lane| lane.pack(data, left, area.width, axis))
        .collect::<Option<_>>()?;
    let total: f64 = packed.iter().map(|(_, h, _)| h).sum();
    if total > axis {
        return None;
    }
    // The year axis along the bottom, marked like the single axis.
    d.line((left, axis), (area.width, axis), Paint::Muted, 1.0);
    let marks = year_marks(&scale, (from, to), (left, area.width));
    for (x, major) in marks.ticks {
        d.line(
            (x, axis),
            (x, axis + if major { 4.0 } else { 2.5 }),
            Paint::Muted,
            1.0,
        );
    }
    for (text, x, _) in marks.labels {
        d.label(
            &text,
            x,
            axis + 5.0,
            LABEL_SIZE,
            Paint::Muted,
            false,
            Align::Center,
        );
    }
    // The height left over is shared in proportion, each lane's labels
    // centred in the room it gets.
    let mut top = 0.0;
    for (k, (lane, (line, need, placed))) in lanes.into_iter().zip(packed).enumerate() {
        let height = need * axis / total.max(1.0);
        let pad = (height - need) / 2.0;
        let line = line + pad;
        let middle = top + line;
        let paint = Paint::Series(k);
        if k > 0 {
            d.line((0.0, top), (area.width, top), Paint::Surface, 1.0);
        }
        let h = lane.floor - 4.0;
        d.label_lines(
            lane.name,
            0.0,
            (middle - h / 2.0).clamp(top + 2.0, top + height - h),
            LABEL_SIZE,
            paint,
            true,
            Align::Left,
        );
        d.line((left, middle), (area.width, middle), paint, 1.0);
        d.set_group(Some(k));
        for (i, x, local, max) in placed {
            let rect = Rect {
                y: local.y + top + pad,
                ..local
            };
            draw_event(&mut d, &data.events[i], (x, middle), rect, max);
        }
        d.set_group(None);
        top += height;
    }
    Some(d)
}

/// One category's lane: its events, their x positions and its name.
struct Lane {
    /// Its events, in date order.
    mine: Vec<usize>,
    /// Where each event sits on the year scale.
    xs: Vec<f64>,
    /// Its name, wrapped to the names column.
    name: Vec<String>,
    /// The least height its name needs.
    floor: f64,
}

/// A placed lane label: the event, its x, its box (lane coordinates) and its
/// wrap width.
type LaneLabel = (usize, f64, Rect, f64);

impl Lane {
    /// Packs the lane's labels around its line as tightly as they go, in a
    /// lane at most `most` tall: the y of its line, the lane's height and
    /// the labels (y from the lane's top); `None` if they need more. Labels
    /// are placed with room to spare on both sides of the line, then the
    /// lane is cut to what they use.
    fn pack(
        &self,
        data: &TimelineData,
        left: f64,
        width: f64,
        most: f64,
    ) -> Option<(f64, f64, Vec<LaneLabel>)> {
        let band = Area {
            width,
            height: 2.0 * most,
        };
        let packed = in_lane(data, (&self.mine, &self.xs), (left, most), band)?;
        let (top, bottom) = (packed.top, packed.bottom);
        let extra = (self.floor - (bottom - top)).max(0.0) / 2.0;
        let shift = top - 2.0 - extra;
        let height = bottom - top + 4.0 + 2.0 * extra;
        let placed = packed
            .placed
            .into_iter()
            .map(|(i, x, r, max)| {
                (
                    i,
                    x,
                    Rect {
                        y: r.y - shift,
                        ..r
                    },
                    max,
                )
            })
            .collect();
        (height <= most).then_some((most - shift, height, placed))
    }
}

/// How many partial layouts the lane search keeps after each label.
const BEAM: usize = 16;

/// A lane's labels placed so far.
#[derive(Clone)]
struct Packed {
    /// What the next label must avoid.
    obstacles: Obstacles,
    /// The labels placed.
    placed: Vec<LaneLabel>,
    /// The highest point used (the line's own room included).
    top: f64,
    /// The lowest point used.
    bottom: f64,
    /// How far the labels sit from their dates, plus penalties for
    /// covering the dates of later events.
    cost: f64,
}

/// Places one lane's events (`mine`, at `xs`) around its line at `line`
/// (lane coordinates) in a `band` beside the names column of width `left`,
/// as low as they go: each label with its date, x, box and wrap width;
/// `None` if one finds no room.
///
/// A beam search: after each label (in date order) it keeps the [`BEAM`]
/// lowest partial layouts, trying every label width, both flags and the
/// centred position, above and below the line, each at the first height
/// where it is free. A greedy choice would have to guess which flag leaves
/// room for the labels after it; the beam keeps both.
fn in_lane(
    data: &TimelineData,
    (mine, xs): (&[usize], &[f64]),
    (left, line): (f64, f64),
    band: Area,
) -> Option<Packed> {
    let start = Packed {
        obstacles: Obstacles {
            fixed: vec![Rect {
                x: 0.0,
                y: 0.0,
                w: left,
                h: band.height,
            }],
            boxes: Vec::new(),
            poles: Vec::new(),
        },
        placed: Vec::new(),
        top: line - LANE_FOOT,
        bottom: line + LANE_FOOT,
        cost: 0.0,
    };
    let mut beam = vec![start];
    for (k, &i) in mine.iter().enumerate() {
        let event = &data.events[i];
        let x = xs[k];
        // The label's box at each width, leaving out widths that give the
        // same box as a wider one.
        let mut sizes: Vec<(f64, f64, f64)> = Vec::new();
        for f in LANE_WIDTHS {
            let (w, h, max) = label_size(event, *f);
            if !sizes.iter().any(|&(sw, sh, _)| sw == w && sh == h) {
                sizes.push((w, h, max));
            }
        }
        let later = &xs[k + 1..];
        let mut next: Vec<Packed> = Vec::new();
        for state in &beam {
            for &(w, h, max) in &sizes {
                for (rect, dist) in lane_positions(x, (w, h), line, band, &state.obstacles) {
                    let covered = covered(later, rect.x, rect.w);
                    let mut s = state.clone();
                    s.obstacles.boxes.push(rect);
                    s.obstacles.poles.push(leader(x, &rect, line));
                    s.placed.push((i, x, rect, max));
                    s.top = s.top.min(rect.y);
                    s.bottom = s.bottom.max(rect.y + rect.h);
                    s.cost += dist + 10.0 * covered as f64;
                    next.push(s);
                }
            }
        }
        next.sort_by(|a, b| {
            (a.bottom - a.top)
                .total_cmp(&(b.bottom - b.top))
                .then(a.cost.total_cmp(&b.cost))
        });
        // Layouts alike in height and cost are most likely one layout
        // reached twice: keep one, for variety.
        next.dedup_by(|a, b| {
            (a.bottom - a.top - (b.bottom - b.top)).abs() < 1e-6 && (a.cost - b.cost).abs() < 1e-6
        });
        next.truncate(BEAM);
        if next.is_empty() {
            return None;
        }
        beam = next;
    }
    beam.into_iter().next()
}

/// Where a `w × h` label of an event at `x` can go in a lane: as a flag to
/// the right of its line, to the left, or centred over it; above and below
/// the lane's line, each at the first free height (right against the line,
/// or against a label already placed). Each with how far it sits from the
/// line.
fn lane_positions(
    x: f64,
    (w, h): (f64, f64),
    line: f64,
    band: Area,
    obstacles: &Obstacles,
) -> Vec<(Rect, f64)> {
    let mut out = Vec::new();
    for left in [x + 3.0, x - 3.0 - w, x - w / 2.0] {
        if left < 0.0 || left + w > band.width {
            continue;
        }
        for above in [true, false] {
            let clear = if above {
                LANE_CLEAR.above
            } else {
                LANE_CLEAR.below
            };
            // Right against the line, or against a label on this side.
            let mut dists: Vec<f64> = obstacles
                .boxes
                .iter()
                .map(|b| match above {
                    true => line - b.y + GAP + 0.01,
                    false => b.y + b.h + GAP + 0.01 - line,
                })
                .filter(|&d| d > clear)
                .chain([clear])
                .collect();
            dists.sort_by(f64::total_cmp);
            let found = dists.into_iter().find_map(|dist| {
                let y = if above { line - dist - h } else { line + dist };
                let rect = Rect { x: left, y, w, h };
                (rect.inside(band.width, band.height)
                    && obstacles.free(&rect, &leader(x, &rect, line)))
                .then_some((rect, dist))
            });
            out.extend(found);
        }
    }
    out
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::{Event, EventDate};
    use crate::diagnostics::{FileRef, Span};
    use crate::outline::Spanned;

    fn sp<T>(v: T) -> Spanned<T> {
        Spanned::new(v, Span::new(FileRef(0), 0..0))
    }

    fn data(dates: &[(i32, Option<u8>)], label: &str) -> TimelineData {
        TimelineData {
            events: dates
                .iter()
                .enumerate()
                .map(|(i, &(year, month))| Event {
                    date: sp(EventDate {
                        year,
                        month,
                        day: None,
                    }),
                    label: sp(format!("{label} {i}")),
                    category: i % 3,
                })
                .collect(),
            categories: ["docker", "kubernetes", "mesos"]
                .iter()
                .map(|c| (c.to_string(), sp(c.to_string())))
                .collect(),
            eras: Vec::new(),
            range: None,
            layout: None,
        }
    }

    fn assert_clean(pages: &[Drawing]) {
        pages.iter().for_each(Drawing::assert_clean);
    }

    const AREA: Area = Area {
        width: 740.0,
        height: 290.0,
    };

    #[test]
    fn forty_clustered_events_never_overlap() {
        // 40 events crowded into 2014-2015, with long mixed CJK labels.
        let dates: Vec<(i32, Option<u8>)> = (0..40)
            .map(|i| (2014 + i / 20, Some((i % 12 + 1) as u8)))
            .collect();
        let pages = layout(&data(&dates, "Kubernetes 与 Docker Swarm 的竞争事件"), AREA);
        assert_clean(&pages);
        let labels: usize = pages
            .iter()
            .map(|p| {
                p.label_texts()
                    .iter()
                    .filter(|t| t.replace(' ', "").contains("竞争事件"))
                    .count()
            })
            .sum();
        assert_eq!(labels, 40, "every event is drawn exactly once");
    }

    /// 18 events in 2014 and 2015, months scattered.
    fn crowded() -> Vec<(i32, Option<u8>)> {
        (0..18)
            .map(|i| (2014 + i * 2 / 18, Some((i * 7 % 12 + 1) as u8)))
            .collect()
    }

    #[test]
    fn lanes_keep_each_camp_in_its_lane_and_need_fewer_pages() {
        // 18 events crowded into two years, three camps.
        let mut lanes = data(&crowded(), "开源核心调度器");
        lanes.layout = Some(TimelineLayout::Lanes);
        let mut axis = lanes.clone();
        axis.layout = Some(TimelineLayout::Axis);
        let (in_lanes, on_axis) = (layout(&lanes, AREA), layout(&axis, AREA));
        assert_clean(&in_lanes);
        assert!(
            in_lanes.len() < on_axis.len(),
            "lanes {} pages, axis {}",
            in_lanes.len(),
            on_axis.len()
        );
        // Every event label sits inside its category's lane: between the
        // rules that separate the lanes (the first from the top, the last
        // down to the year axis).
        for page in &in_lanes {
            let bounds = lane_bounds(page);
            assert_eq!(bounds.len(), 4, "three lanes: {bounds:?}");
            for item in &page.items {
                if let crate::charts::draw::Item::Label {
                    rect,
                    lead: Some((_, Paint::Series(c))),
                    ..
                } = item
                {
                    let (top, bottom) = (bounds[*c], bounds[*c + 1]);
                    assert!(
                        rect.y >= top - 0.5 && rect.y + rect.h <= bottom + 0.5,
                        "camp {c}: {rect:?} leaves its lane {top}..{bottom}"
                    );
                }
            }
        }
    }

    /// The y of the rules between a lanes page's lanes, with the top (0) and
    /// the year axis: lane `c` runs from `bounds[c]` to `bounds[c + 1]`.
    fn lane_bounds(page: &Drawing) -> Vec<f64> {
        let row = LABEL_SIZE * super::super::text::LINE_HEIGHT;
        let mut bounds = vec![0.0];
        for item in &page.items {
            if let crate::charts::draw::Item::Line {
                from,
                to,
                paint: Paint::Surface,
                ..
            } = item
                && from.1 == to.1
            {
                bounds.push(from.1);
            }
        }
        bounds.push(AREA.height - row - 8.0);
        bounds
    }

    #[test]
    fn a_busy_camp_gets_a_taller_lane_than_a_quiet_one() {
        // Camp 0 has seven events crowded into 2013-2016, camps 1 and 2 one
        // each: equal lanes would leave camp 0 a third of the height.
        let mut d = data(&[(2010, None), (2019, None)], "安静的阵营");
        d.events[0].category = 1;
        d.events[1].category = 2;
        for k in 0..7u8 {
            let date = (2013 + i32::from(k / 2), Some(k % 2 * 6 + 1));
            d.events.push(Event {
                category: 0,
                ..data(&[date], &format!("繁忙阵营的第 {k} 个事件")).events[0].clone()
            });
        }
        d.layout = Some(TimelineLayout::Lanes);
        let pages = layout(&d, AREA);
        assert_eq!(pages.len(), 1);
        assert_clean(&pages);
        let b = lane_bounds(&pages[0]);
        let heights: Vec<f64> = b.windows(2).map(|w| w[1] - w[0]).collect();
        assert!(
            heights[0] > 1.5 * heights[1] && heights[0] > 1.5 * heights[2],
            "lane heights {heights:?}"
        );
        assert!(
            heights[0] > (AREA.height - 26.2) / 3.0 + 10.0,
            "{heights:?}"
        );
    }

    #[test]
    fn without_a_layout_lanes_are_chosen_when_only_they_fit_one_slide() {
        let auto = data(&crowded(), "开源核心调度器");
        let mut axis = auto.clone();
        axis.layout = Some(TimelineLayout::Axis);
        assert!(
            layout(&axis, AREA).len() > 1,
            "the axis needs more than one slide"
        );
        let chosen = layout(&auto, AREA);
        assert_eq!(chosen.len(), 1);
        assert_clean(&chosen);
        let mut lanes = auto.clone();
        lanes.layout = Some(TimelineLayout::Lanes);
        assert_eq!(
            chosen,
            layout(&lanes, AREA),
            "the one slide is the lanes layout"
        );
    }

    #[test]
    fn lanes_too_narrow_for_a_label_fall_back_to_the_axis() {
        let mut d = data(&[(2014, None), (2016, None)], &"很长的标签".repeat(8));
        for c in ["d", "e", "f", "g", "h", "i", "j"] {
            d.categories.push((c.into(), sp(c.into())));
        }
        d.layout = Some(TimelineLayout::Lanes);
        let pages = layout(&d, AREA);
        assert_clean(&pages);
        // Every page is a timeline with its dots, never bare text, and on
        // the single axis: no rules between lanes.
        for page in &pages {
            assert!(
                page.items
                    .iter()
                    .any(|i| matches!(i, crate::charts::draw::Item::Dot { .. })),
                "{page:?}"
            );
            assert_eq!(lane_bounds(page).len(), 2, "lane rules drawn: {page:?}");
        }
    }

    #[test]
    fn sparse_timeline_fits_on_one_page() {
        let dates: Vec<(i32, Option<u8>)> = (2006..2020).step_by(2).map(|y| (y, None)).collect();
        let pages = layout(&data(&dates, "事件"), AREA);
        assert_eq!(pages.len(), 1);
        assert_clean(&pages);
    }

    #[test]
    fn fourteen_events_over_four_decades_fit_one_slide() {
        let dates: Vec<(i32, Option<u8>)> = [
            1970, 1973, 1978, 1981, 1984, 1987, 1990, 1994, 1998, 2001, 2004, 2007, 2010, 2012,
        ]
        .iter()
        .map(|&y| (y, None))
        .collect();
        let pages = layout(&data(&dates, "A milestone in computing history"), AREA);
        assert_eq!(pages.len(), 1, "the timeline continues onto another slide");
        assert_clean(&pages);
        // Every label, tick and legend entry is at the 14 pt floor.
        for item in &pages[0].items {
            if let crate::charts::draw::Item::Label { size, .. } = item {
                assert!(*size >= super::super::text::SIZE);
            }
        }
        // Ticks thin out (43 years, a handful of labels) rather than shrink.
        let years = pages[0]
            .label_texts()
            .iter()
            .filter(|t| t.len() == 4 && t.parse::<i32>().is_ok())
            .count();
        assert!((3..=9).contains(&years), "{years} year labels");
        // In a narrow chart they shorten to '14 after the first.
        let narrow = Area {
            width: 160.0,
            height: 290.0,
        };
        let dates: Vec<(i32, Option<u8>)> = (2000..2020).step_by(6).map(|y| (y, None)).collect();
        let d = &layout(&data(&dates, "x"), narrow)[0];
        let texts = d.label_texts();
        assert!(texts.iter().any(|t| t.starts_with('\'')), "{texts:?}");
    }

    #[test]
    fn three_events_and_years_on_the_axis() {
        let pages = layout(
            &data(&[(2009, None), (2013, Some(3)), (2014, Some(6))], "e"),
            AREA,
        );
        assert_eq!(pages.len(), 1);
        let texts = pages[0].label_texts();
        for y in ["2009", "2012", "2014", "2013-03"] {
            assert!(
                texts
                    .iter()
                    .any(|t| t == y || t.starts_with(&format!("{y} "))),
                "{y} missing in {texts:?}"
            );
        }
    }

    #[test]
    fn a_zoomed_slice_names_every_year_it_shows() {
        // A section's one-year slice names its year (in the middle of the
        // span, not at its edge where it would not fit)...
        let mut one = data(
            &[(2014, Some(3)), (2014, Some(6)), (2014, Some(11))],
            "事件",
        );
        one.range = Some((2014, 2014));
        let pages = layout(&one, AREA);
        assert_clean(&pages);
        let year = pages[0].items.iter().find_map(|i| match i {
            crate::charts::draw::Item::Label { rect, lines, .. } if lines == &["2014"] => {
                Some(rect.x + rect.w / 2.0)
            }
            _ => None,
        });
        let middle = AREA.width / 2.0;
        assert!(
            year.is_some_and(|x| (x - middle).abs() < 40.0),
            "2014 at {year:?}, the year's middle at {middle}"
        );
        // Quarter ticks: three short ones inside the year, a long one at
        // each end.
        let ticks: Vec<f64> = pages[0]
            .items
            .iter()
            .filter_map(|i| match i {
                crate::charts::draw::Item::Line { from, to, .. } if from.0 == to.0 => {
                    Some((to.1 - from.1).abs())
                }
                _ => None,
            })
            .collect();
        let short = ticks.iter().filter(|&&h| (h - 5.0).abs() < 0.1).count();
        let long = ticks.iter().filter(|&&h| (h - 8.0).abs() < 0.1).count();
        assert_eq!((short, long), (3, 2), "ticks {ticks:?}");
        // ...and a three-year slice each of its years, even where leader
        // lines cross the middle of a year, in lanes as on the axis.
        let dates: Vec<(i32, Option<u8>)> = (0..9)
            .map(|i| (2017 + i / 3, Some((i % 3 * 4 + 2) as u8)))
            .collect();
        for layout_kind in [TimelineLayout::Axis, TimelineLayout::Lanes] {
            let mut three = data(&dates, "较长的事件标签");
            three.range = Some((2017, 2019));
            three.layout = Some(layout_kind);
            let pages = layout(&three, AREA);
            assert_eq!(pages.len(), 1);
            assert_clean(&pages);
            let texts = pages[0].label_texts();
            for year in ["2017", "2018", "2019"] {
                assert!(
                    texts.iter().any(|t| t == year),
                    "{layout_kind:?}: {year} missing from {texts:?}"
                );
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]
        /// Any events, in any layout: every event drawn once (one dot
        /// each), no label overlapping another or leaving the chart.
        #[test]
        fn any_timeline_is_drawn_whole_and_clean(
            events in proptest::collection::vec(
                (1990i32..2021, proptest::option::of(1u8..=12), 0usize..5, 0usize..4),
                1..28,
            ),
            camps in 1usize..6,
            layout_kind in 0usize..3,
        ) {
            const LABELS: [&str; 4] = [
                "短",
                "一个中等长度的事件标签",
                "A rather long English label for an event in the history",
                "混合 mixed 标签 with 数字 2014 and more 文字内容",
            ];
            let mut d = data(&[], "");
            d.categories = (0..camps)
                .map(|c| (format!("c{c}"), sp(format!("阵营 {c}"))))
                .collect();
            d.events = events
                .iter()
                .map(|&(year, month, camp, label)| Event {
                    date: sp(EventDate { year, month, day: None }),
                    label: sp(LABELS[label].to_string()),
                    category: camp % camps,
                })
                .collect();
            d.layout = [None, Some(TimelineLayout::Axis), Some(TimelineLayout::Lanes)][layout_kind];
            let pages = layout(&d, AREA);
            assert_clean(&pages);
            let dots: usize = pages.iter().map(Drawing::dot_count).sum();
            proptest::prop_assert_eq!(dots, events.len());
        }
    }

    #[test]
    fn scaling_a_smaller_area_still_has_no_overlap() {
        let dates: Vec<(i32, Option<u8>)> = (0..16)
            .map(|i| (2010 + i / 4, Some((i % 4 * 3 + 1) as u8)))
            .collect();
        let small = Area {
            width: 360.0,
            height: 260.0,
        };
        let pages = layout(&data(&dates, "较长的中文标签文字"), small);
        assert_clean(&pages);
    }
}
