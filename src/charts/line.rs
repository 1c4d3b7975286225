//! Line charts: one line per series over an ordered axis, with markers,
//! value labels where they fit, and the series name written at the line's end
//! (nudged apart so the end labels never overlap).

use super::Area;
use super::ValueData;
use super::draw::{Align, Drawing, Paint, value_axis_width};
use super::scale::{Linear, Values, value_ticks};
use super::text::{block_size, width, wrap};

/// Font size of labels.
const SIZE: f64 = super::text::SIZE;

/// Lays out a line chart.
pub fn layout(data: &ValueData, values: Values<'_>, area: Area) -> Drawing {
    let mut d = Drawing::new(area);
    // Room above the top tick for its label, and for the unit above that.
    let tick_half = SIZE * 0.65 + 2.0;
    let top = if values.unit.is_some() {
        SIZE * super::text::LINE_HEIGHT + tick_half + 4.0
    } else {
        tick_half
    };
    let max = data
        .series
        .iter()
        .flat_map(|s| s.values.iter().flatten())
        .map(|v| v.0)
        .fold(0.0, f64::max);
    let ticks = value_ticks(max, 5);
    let axis_w = value_axis_width(&ticks, SIZE);
    // Room on the right for the end labels.
    let end_w = data
        .series
        .iter()
        .map(|s| width(&s.name.value, SIZE, true).min(150.0))
        .fold(0.0, f64::max)
        + 14.0;
    let bottom = area.height - SIZE * 1.4 - 6.0;
    let n = data.categories.len().max(1);
    let x = Linear {
        d0: 0.0,
        d1: (n - 1).max(1) as f64,
        r0: axis_w + 24.0,
        r1: area.width - end_w - 10.0,
    };
    let y = Linear::values(&ticks, bottom, top);
    if let Some(unit) = values.unit {
        d.label(unit, 0.0, 0.0, SIZE, Paint::Muted, false, Align::Left);
    }
    d.value_grid(&ticks, &y, axis_w, area.width - end_w, SIZE);
    for (c, cat) in data.categories.iter().enumerate() {
        d.label(
            &cat.value,
            x.map(c as f64),
            bottom + 5.0,
            SIZE,
            Paint::Text,
            false,
            Align::Center,
        );
    }
    d.line(
        (axis_w, bottom),
        (area.width - end_w, bottom),
        Paint::Muted,
        1.2,
    );

    let mut ends: Vec<(f64, f64, usize)> = Vec::new();
    let mut value_boxes = Vec::new();
    for (s, series) in data.series.iter().enumerate() {
        d.set_group(Some(s));
        let points: Vec<Option<(f64, f64)>> = series
            .values
            .iter()
            .enumerate()
            .map(|(c, v)| v.map(|v| (x.map(c as f64), y.map(v.0))))
            .collect();
        for pair in points.windows(2) {
            if let [Some(a), Some(b)] = pair {
                d.line(*a, *b, Paint::Series(s), 2.5);
            }
        }
        for (c, p) in points.iter().enumerate() {
            let (Some(p), Some(v)) = (p, series.values[c]) else {
                continue;
            };
            d.dot(*p, 4.5, Paint::Series(s));
            value_boxes.push((p.0, p.1, values.label(v), s));
        }
        if let Some(last) = points.iter().rev().flatten().next() {
            ends.push((last.0, last.1, s));
        }
    }
    d.set_group(None);
    // End labels: sorted by height, pushed apart to avoid overlaps.
    ends.sort_by(|a, b| a.1.total_cmp(&b.1));
    let mut next_free = f64::MIN;
    for (ex, ey, s) in ends {
        d.set_group(Some(s));
        let lines = wrap(&data.series[s].name.value, SIZE, true, end_w - 12.0);
        let (_, h) = block_size(&lines, SIZE, true);
        let top_y = (ey - h / 2.0).max(next_free).min(area.height - h);
        next_free = top_y + h + 2.0;
        d.label_lines(
            lines,
            ex + 10.0,
            top_y,
            SIZE,
            Paint::Series(s),
            true,
            Align::Left,
        );
    }
    // Value labels above their points (below where that collides), skipped
    // where both would collide.
    let mut taken = d.label_boxes();
    for (px, py, text, s) in value_boxes {
        d.set_group(Some(s));
        let (w, h) = block_size(std::slice::from_ref(&text), SIZE, true);
        let spot = [py - h - 6.0, py + 6.0].into_iter().find_map(|y| {
            let rect = super::draw::Rect {
                x: px - w / 2.0,
                y,
                w,
                h,
            };
            let free = rect.inside(area.width, bottom) && !taken.iter().any(|t| t.overlaps(&rect));
            free.then_some(rect)
        });
        if let Some(rect) = spot {
            taken.push(rect);
            d.label(
                &text,
                px,
                rect.y,
                SIZE,
                Paint::Series(s),
                true,
                Align::Center,
            );
        }
    }
    d.set_group(None);
    d
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::{Num, Series};
    use crate::diagnostics::{FileRef, Span};
    use crate::outline::Spanned;

    fn sp(s: &str) -> Spanned<String> {
        Spanned::new(s.to_string(), Span::new(FileRef(0), 0..0))
    }

    #[test]
    fn lines_label_their_ends_without_overlap() {
        let data = ValueData {
            categories: ["2017", "2018", "2019", "2020"]
                .iter()
                .map(|c| sp(c))
                .collect(),
            series: vec![
                Series {
                    name: sp("CNCF：生产环境使用 Kubernetes"),
                    values: vec![
                        None,
                        Some(Num::exact(58.0)),
                        Some(Num::exact(78.0)),
                        Some(Num::exact(83.0)),
                    ],
                },
                Series {
                    name: sp("Datadog：使用 Kubernetes 的客户"),
                    values: vec![
                        Some(Num::exact(25.0)),
                        Some(Num::exact(35.0)),
                        Some(Num::exact(45.0)),
                        Some(Num::exact(82.0)),
                    ],
                },
            ],
        };
        let d = layout(
            &data,
            Values::new(Some("% of respondents"), "en"),
            Area {
                width: 700.0,
                height: 280.0,
            },
        );
        let boxes = d.label_boxes();
        for (i, a) in boxes.iter().enumerate() {
            assert!(a.inside(d.width, d.height), "{a:?}");
            for b in &boxes[i + 1..] {
                assert!(!a.overlaps(b), "{a:?} {b:?}");
            }
        }
        let texts = d.label_texts().join("|");
        assert!(
            texts.contains("58") && texts.contains("83") && texts.contains("2017"),
            "{texts}"
        );
    }

    #[test]
    fn a_line_has_a_marker_per_value_its_name_at_its_end_and_a_gap_at_null() {
        let data = ValueData {
            categories: ["2017", "2018", "2019", "2020"]
                .iter()
                .map(|c| sp(c))
                .collect(),
            series: vec![Series {
                name: sp("Adoption"),
                values: vec![
                    Some(Num::exact(20.0)),
                    Some(Num::exact(40.0)),
                    None,
                    Some(Num::exact(80.0)),
                ],
            }],
        };
        let area = Area {
            width: 700.0,
            height: 280.0,
        };
        let d = layout(&data, Values::new(None, "en"), area);
        let dots: Vec<(f64, f64)> = d
            .items
            .iter()
            .filter_map(|i| match i {
                crate::charts::draw::Item::Dot { at, .. } => Some(*at),
                _ => None,
            })
            .collect();
        assert_eq!(dots.len(), 3, "one marker per value, none for null");
        // Segments in the series' colour join 2017-2018 only: the null
        // leaves a gap on both sides of 2019.
        let segments = d
            .items
            .iter()
            .filter(|i| {
                matches!(
                    i,
                    crate::charts::draw::Item::Line {
                        paint: Paint::Series(0),
                        ..
                    }
                )
            })
            .count();
        assert_eq!(segments, 1);
        // The series' name sits just right of its last point.
        let last = dots[2];
        let name = d.items.iter().find_map(|i| match i {
            crate::charts::draw::Item::Label { rect, lines, .. } if lines == &["Adoption"] => {
                Some(*rect)
            }
            _ => None,
        });
        assert!(
            name.is_some_and(|r| r.x > last.0
                && r.x - last.0 < 20.0
                && r.y <= last.1
                && last.1 <= r.y + r.h),
            "name at {name:?}, last point {last:?}"
        );
    }
}
