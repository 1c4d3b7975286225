//! The lanes layout: a swimlane per category, each lane as tall as its
//! labels need (packed by a beam search), the years along the bottom.

use super::*;

/// Room under a lane's line, in points (its dots reach into it).
const LANE_FOOT: f64 = 8.0;

/// Label widths tried in a lane, as fractions of [`MAX_LABEL_WIDTH`]: one
/// line where it fits, or wrapped, which stacks lower where labels crowd.
const LANE_WIDTHS: &[f64] = &[2.0, 1.4, 1.0, 0.7];

/// Lays the events out in lanes, one per category (in legend order), each
/// with its name on the left and its own line; labels stay inside their
/// lane. The years run along the bottom. Each lane is as tall as its labels
/// need (a busy camp gets more room than a quiet one) and the height left
/// over is shared in proportion. `None` if the lanes need more height than
/// the chart has.
pub(super) fn place_lanes(data: &TimelineData, events: &[usize], area: Area) -> Option<Drawing> {
    let mut d = Drawing::new(area);
    let (from, to) = year_range(data, events);
    let names = data
        .categories
        .iter()
        .map(|(_, name)| width(&name.value, LABEL_SIZE, true))
        .fold(0.0, f64::max);
    let left = (names + 12.0).min(area.width * 0.25);
    let row = LABEL_SIZE * crate::charts::text::LINE_HEIGHT;
    let axis = area.height - row - 8.0;
    let scale = Linear {
        d0: f64::from(from),
        d1: f64::from(to + 1),
        r0: left + 24.0,
        r1: area.width - 24.0,
    };
    // Each lane's events and name, and the least height they fit in. A
    // category with no event in the years shown (a slice of a longer
    // timeline) gets no lane; the others keep their colours.
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
            let floor = crate::charts::text::block_size(&name, LABEL_SIZE, true).1 + 4.0;
            Lane {
                category: k,
                mine,
                xs,
                name,
                floor,
            }
        })
        .filter(|lane| !lane.mine.is_empty())
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
    for (n, (lane, (line, need, placed))) in lanes.into_iter().zip(packed).enumerate() {
        let height = need * axis / total.max(1.0);
        let pad = (height - need) / 2.0;
        let line = line + pad;
        let middle = top + line;
        let k = lane.category;
        let paint = Paint::Series(k);
        if n > 0 {
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
    /// Its category, which gives its colour.
    category: usize,
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
