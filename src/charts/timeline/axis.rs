//! The axis layout: every event on one year axis, labels above and below.

use super::*;

/// Tries to place every label; `None` if one finds no room.
pub(super) fn place(data: &TimelineData, events: &[usize], area: Area) -> Option<Drawing> {
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
            h: LABEL_SIZE * crate::charts::text::LINE_HEIGHT,
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
pub(super) struct YearMarks {
    /// Tick positions; minor ticks mark quarters.
    pub(super) ticks: Vec<(f64, bool)>,
    /// Year labels, each inside `lo..hi`.
    pub(super) labels: Vec<(String, f64, (f64, f64))>,
}

/// Marks the years `from..=to` on `scale`, between `lo` and `hi`.
///
/// A short period (a section's zoomed slice) where a year is wide gets a
/// tick at each year's start, quarter ticks, and each year's label in the
/// middle of its span, so even a single year is named. Otherwise the years
/// are ticked and labelled at their start, thinned out, with all but the
/// first shortened to `'14` when full years would crowd: fewer, larger
/// labels rather than smaller ones.
pub(super) fn year_marks(
    scale: &Linear,
    (from, to): (i32, i32),
    (lo, hi): (f64, f64),
) -> YearMarks {
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
    // Every other year of the span still gets a short tick, where years are
    // far enough apart to tell the ticks apart.
    if year >= 4.0 {
        for y in from..=to + 1 {
            let x = scale.map(f64::from(y));
            let labelled = marks.ticks.iter().any(|&(t, _)| (t - x).abs() < 0.5);
            if !labelled && (lo..=hi).contains(&x) {
                marks.ticks.push((x, false));
            }
        }
    }
    marks
}
