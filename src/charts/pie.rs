//! Shares of a whole: pie and donut charts. Each series is one whole, drawn
//! as its own pie or ring, side by side (small multiples). The categories are
//! the slices, named in a legend above; each slice's value sits outside it,
//! with a leader line when the slice is small. `other:` adds the remainder up
//! to 100 % as a derived slice.

use super::draw::{Align, Drawing, Paint, polar};
use super::scale::{Values, format_value};
use super::text::{LINE_HEIGHT, block_size, width, wrap};
use super::{Area, Chart, Kind, ValueData};

/// Font size of chart text (values, legend, centre labels).
const SIZE: f64 = super::text::SIZE;

/// Slices narrower than this (degrees) get a leader line to their value.
const SMALL: f64 = 30.0;

/// One slice of one whole.
#[derive(Debug, Clone, PartialEq)]
pub struct Slice {
    /// The colour index: the category, or the one after the last for `other`.
    pub colour: usize,
    /// The value.
    pub value: f64,
    /// The value as printed (`51%`, `≈25%`).
    pub label: String,
    /// Whether lectern derived it (the `other` remainder).
    pub derived: bool,
}

/// Whether the chart's values are percentages of 100.
fn percent(chart: &Chart) -> bool {
    chart.unit.as_ref().is_some_and(|u| u.value.trim() == "%")
}

/// The slices of series `s`: its values (gaps left out), then the derived
/// remainder when `other` is set and something remains.
pub fn slices(chart: &Chart, data: &ValueData, s: usize, values: Values<'_>) -> Vec<Slice> {
    let suffix = if percent(chart) { "%" } else { "" };
    let mut out: Vec<Slice> = data.series[s]
        .values
        .iter()
        .enumerate()
        .filter_map(|(c, v)| {
            let v = (*v)?;
            Some(Slice {
                colour: c,
                value: v.0,
                label: format!("{}{suffix}", values.label(v)),
                derived: false,
            })
        })
        .collect();
    let sum: f64 = out.iter().map(|x| x.value).sum();
    if chart.other.is_some() && percent(chart) && sum < 99.95 {
        let rest = 100.0 - sum;
        out.push(Slice {
            colour: data.categories.len(),
            value: rest,
            label: format!("{}%", format_value(rest)),
            derived: true,
        });
    }
    out
}

/// Lays out one pie or donut per series, side by side.
pub fn layout(chart: &Chart, data: &ValueData, values: Values<'_>, area: Area) -> Drawing {
    let mut d = Drawing::new(area);
    let mut names: Vec<&str> = data.categories.iter().map(|c| c.value.as_str()).collect();
    if let Some(other) = &chart.other {
        names.push(&other.value);
    }
    let legend_h = d.legend(names);
    let donut = chart.kind == Kind::Donut;
    let n = data.series.len().max(1);
    let cell = area.width / n as f64;
    // Room for the widest value label beside the ring, and for the series
    // name under a pie when there are several.
    let label_w = width("≈100.0%", SIZE, false) + 16.0;
    let name_h = if donut || n == 1 {
        0.0
    } else {
        SIZE * LINE_HEIGHT + 6.0
    };
    // Above and below the ring, room for a value label beside a leader.
    let margin = SIZE * LINE_HEIGHT / 2.0 + 18.0;
    let top = legend_h + margin;
    let bottom = area.height - name_h - margin;
    let r = (cell / 2.0 - label_w).min((bottom - top) / 2.0).max(24.0);
    let total_of = |s: usize| -> f64 {
        let sum: f64 = slices(chart, data, s, values).iter().map(|x| x.value).sum();
        if percent(chart) {
            sum.max(100.0)
        } else {
            sum.max(1e-9)
        }
    };
    for s in 0..data.series.len() {
        d.set_group(Some(s));
        let at = (cell * (s as f64 + 0.5), (top + bottom) / 2.0);
        let inner = if donut { r * 0.58 } else { 0.0 };
        let total = total_of(s);
        let mut angle = 0.0;
        let mut labels: Vec<(f64, (f64, f64), String, bool)> = Vec::new();
        for slice in slices(chart, data, s, values) {
            let sweep = slice.value / total * 360.0;
            if sweep <= 0.0 {
                continue;
            }
            d.wedge(
                at,
                r,
                inner,
                (angle, angle + sweep),
                Paint::Series(slice.colour),
            );
            let mid = angle + sweep / 2.0;
            labels.push((mid, polar(at, r, mid), slice.label, sweep < SMALL));
            angle += sweep;
        }
        if percent(chart) && angle < 359.9 {
            // An unclaimed rest without `other`: shown, but not coloured.
            d.wedge(at, r, inner, (angle, 360.0), Paint::Surface);
        }
        place_values(&mut d, at, r, labels, (cell * s as f64, legend_h), cell);
        let centre = match (&chart.centre, n) {
            (Some(c), 1) => Some(c.value.as_str()),
            _ if n > 1 => Some(data.series[s].name.value.as_str()),
            _ => None,
        };
        if let Some(text) = centre {
            if donut {
                let lines = wrap(text, SIZE, true, inner * 1.7);
                let (_, h) = block_size(&lines, SIZE, true);
                d.label_lines(
                    lines,
                    at.0,
                    at.1 - h / 2.0,
                    SIZE,
                    Paint::Text,
                    true,
                    Align::Center,
                );
            } else {
                let lines = wrap(text, SIZE, true, cell - 8.0);
                d.label_lines(
                    lines,
                    at.0,
                    bottom + 6.0,
                    SIZE,
                    Paint::Text,
                    true,
                    Align::Center,
                );
            }
        }
    }
    d.set_group(None);
    d
}

/// Places the value labels around one whole: right of the centre line on the
/// right half, left of it on the left half, pushed apart vertically so that
/// none overlap, with a leader line where a label had to move or its slice
/// is small.
fn place_values(
    d: &mut Drawing,
    at: (f64, f64),
    r: f64,
    labels: Vec<(f64, (f64, f64), String, bool)>,
    (cell_x, min_y): (f64, f64),
    cell_w: f64,
) {
    let h = SIZE * LINE_HEIGHT;
    for right in [true, false] {
        let mut side: Vec<(f64, (f64, f64), String, bool)> = labels
            .iter()
            .filter(|(mid, ..)| (*mid < 180.0) == right)
            .cloned()
            .collect();
        side.sort_by(|a, b| {
            let ya = polar(at, r + 12.0, a.0).1;
            let yb = polar(at, r + 12.0, b.0).1;
            ya.total_cmp(&yb)
        });
        let mut next_free = f64::NEG_INFINITY;
        for (mid, edge, text, small) in side {
            let gap = if small { 16.0 } else { 8.0 };
            let anchor = polar(at, r + gap, mid);
            let y = (anchor.1 - h / 2.0).max(next_free).max(min_y);
            next_free = y + h + 2.0;
            let w = width(&text, SIZE, false);
            let x = if right {
                anchor.0.max(at.0 + 4.0).min(cell_x + cell_w - w)
            } else {
                (anchor.0 - w).min(at.0 - 4.0 - w).max(cell_x)
            };
            let moved = (y + h / 2.0 - anchor.1).abs() > 1.0;
            if small || moved {
                let end = (if right { x - 2.0 } else { x + w + 2.0 }, y + h / 2.0);
                d.line(edge, end, Paint::Muted, 0.8);
            }
            d.label_lines(vec![text], x, y, SIZE, Paint::Text, false, Align::Left);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::draw::Item;
    use crate::charts::{Data, Num, Series};
    use crate::diagnostics::{FileRef, Span};
    use crate::outline::Spanned;

    fn t(s: &str) -> Spanned<String> {
        Spanned::new(s.to_string(), Span::new(FileRef(0), 0..1))
    }

    fn chart(kind: Kind, series: &[(&str, &[Option<f64>])], other: bool) -> (Chart, ValueData) {
        let data = ValueData {
            categories: ["Kubernetes", "Swarm", "Mesos"].map(t).to_vec(),
            series: series
                .iter()
                .map(|(name, v)| Series {
                    name: t(name),
                    values: v.iter().map(|x| x.map(Num::exact)).collect(),
                })
                .collect(),
        };
        let chart = Chart {
            kind,
            unit: Some(t("%")),
            source: None,
            data: Data::Values(data.clone()),
            span: Span::new(FileRef(0), 0..1),
            csv: None,
            other: other.then(|| t("其他")),
            centre: None,
        };
        (chart, data)
    }

    const AREA: Area = Area {
        width: 760.0,
        height: 310.0,
    };

    #[test]
    fn other_is_the_derived_remainder() {
        let (c, data) = chart(
            Kind::Donut,
            &[("2018", &[Some(51.0), Some(11.0), Some(4.0)])],
            true,
        );
        let s = slices(&c, &data, 0, Values::new(Some("%"), "zh"));
        assert_eq!(s.len(), 4);
        assert!(s[3].derived && (s[3].value - 34.0).abs() < 1e-9);
        assert_eq!(s[3].label, "34%");
        assert_eq!(s[3].colour, 3);
    }

    #[test]
    fn two_donuts_side_by_side_with_clean_labels() {
        let (c, data) = chart(
            Kind::Donut,
            &[
                ("Sysdig 2018", &[Some(51.0), Some(11.0), Some(4.0)]),
                ("Sysdig 2019", &[Some(77.0), None, None]),
            ],
            true,
        );
        let d = layout(&c, &data, Values::new(None, "zh"), AREA);
        let wedges: Vec<(f64, f64)> = d
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Wedge { at, .. } => Some(*at),
                _ => None,
            })
            .collect();
        assert_eq!(wedges.len(), 4 + 2, "four slices, then two");
        assert!(wedges[0].0 < AREA.width / 2.0 && wedges[5].0 > AREA.width / 2.0);
        d.assert_clean();
        let texts = d.label_texts();
        for needle in ["51%", "4%", "34%", "77%", "23%", "Sysdig 2018", "其他"] {
            assert!(
                texts.iter().any(|t| t.contains(needle)),
                "{needle} in {texts:?}"
            );
        }
        assert_eq!(d.group_count(), 2, "one reveal step per donut");
    }

    #[test]
    fn a_single_donut_shows_its_centre_label() {
        let (mut c, data) = chart(
            Kind::Donut,
            &[("x", &[Some(51.0), Some(11.0), Some(4.0)])],
            true,
        );
        c.centre = Some(t("2018"));
        let d = layout(&c, &data, Values::new(None, "zh"), AREA);
        d.assert_clean();
        assert!(
            d.label_texts().iter().any(|l| l == "2018"),
            "{:?}",
            d.label_texts()
        );
    }

    #[test]
    fn tiny_slices_get_leaders_and_never_collide() {
        let (c, data) = chart(
            Kind::Pie,
            &[("x", &[Some(90.0), Some(1.0), Some(1.5)])],
            true,
        );
        let d = layout(&c, &data, Values::new(None, "zh"), AREA);
        let leaders = d
            .items
            .iter()
            .filter(|i| matches!(i, Item::Line { .. }))
            .count();
        assert!(leaders >= 2, "small slices have leader lines");
        d.assert_clean();
    }
}
