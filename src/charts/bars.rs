//! Bar charts: vertical and horizontal (several series side by side), and
//! 100% stacked bars.

use super::draw::{Align, Drawing, Paint, Rect, value_axis_width};
use super::scale::{Linear, Values, format_value, value_ticks};
use super::text::{block_size, width, wrap};
use super::{Area, Kind, ValueData};

/// Font size of axis and value labels.
const SIZE: f64 = super::text::SIZE;

/// Draws the legend (when there is more than one series); returns its height.
pub fn legend(data: &ValueData, d: &mut Drawing) -> f64 {
    if data.series.len() < 2 {
        return 0.0;
    }
    d.legend(data.series.iter().map(|s| s.name.value.as_str())) + 2.0
}

/// The largest value in the data.
fn max_value(data: &ValueData) -> f64 {
    data.series
        .iter()
        .flat_map(|s| s.values.iter().flatten())
        .map(|v| v.0)
        .fold(0.0, f64::max)
}

/// Lays out a bar chart of the given kind.
pub fn layout(data: &ValueData, kind: Kind, values: Values<'_>, area: Area) -> Drawing {
    match kind {
        Kind::HBar => horizontal(data, values, area, false),
        Kind::Stacked => horizontal(data, values, area, true),
        _ if !fits_under_bars(data, area) => horizontal(data, values, area, false),
        _ => vertical(data, values, area),
    }
}

/// Whether every word of every category label fits under its bar; when not
/// (many categories, long names), bars turn horizontal rather than shrink
/// their labels.
fn fits_under_bars(data: &ValueData, area: Area) -> bool {
    let n = data.categories.len().max(1) as f64;
    let band = (area.width - 60.0) / n;
    data.categories.iter().all(|c| {
        c.value
            .split_whitespace()
            .all(|w| width(w, SIZE, false) <= band - 8.0)
    })
}

/// Vertical bars, grouped when there are several series.
fn vertical(data: &ValueData, values: Values<'_>, area: Area) -> Drawing {
    let mut d = Drawing::new(area);
    let legend_h = legend(data, &mut d);
    let top = legend_h
        + if values.unit.is_some() {
            SIZE * 1.3 + 4.0
        } else {
            0.0
        }
        + SIZE;
    let ticks = value_ticks(max_value(data), 5);
    let axis_w = value_axis_width(&ticks, SIZE);
    let n = data.categories.len().max(1);
    let band = (area.width - axis_w) / n as f64;
    let cat_lines: Vec<Vec<String>> = data
        .categories
        .iter()
        .map(|c| wrap(&c.value, SIZE, false, band - 6.0))
        .collect();
    let cat_h = cat_lines
        .iter()
        .map(|l| block_size(l, SIZE, false).1)
        .fold(0.0, f64::max);
    let bottom = area.height - cat_h - 6.0;
    let y = Linear::values(&ticks, bottom, top);
    if let Some(unit) = values.unit {
        d.label(unit, 0.0, legend_h, SIZE, Paint::Muted, false, Align::Left);
    }
    d.value_grid(&ticks, &y, axis_w, area.width, SIZE);
    let k = data.series.len().max(1) as f64;
    let bar_w = (band * 0.72 / k).min(60.0);
    for (c, lines) in cat_lines.into_iter().enumerate() {
        let center = axis_w + band * (c as f64 + 0.5);
        for (s, series) in data.series.iter().enumerate() {
            d.set_group(Some(s));
            let Some(v) = series.values.get(c).copied().flatten() else {
                continue;
            };
            let x = center - bar_w * k / 2.0 + bar_w * s as f64;
            let top_y = y.map(v.0);
            d.rect(
                Rect {
                    x: x + 1.0,
                    y: top_y,
                    w: bar_w - 2.0,
                    h: bottom - top_y,
                },
                Paint::Series(s),
            );
            let text = values.label(v);
            if width(&text, SIZE, true) <= bar_w + 4.0 {
                d.label(
                    &text,
                    x + bar_w / 2.0,
                    top_y - SIZE * 1.35,
                    SIZE,
                    Paint::Text,
                    true,
                    Align::Center,
                );
            }
        }
        d.set_group(None);
        d.label_lines(
            lines,
            center,
            bottom + 5.0,
            SIZE,
            Paint::Text,
            false,
            Align::Center,
        );
    }
    d.line((axis_w, bottom), (area.width, bottom), Paint::Muted, 1.2);
    d
}

/// Horizontal bars (grouped), or 100% stacked bars.
fn horizontal(data: &ValueData, values: Values<'_>, area: Area, stacked: bool) -> Drawing {
    let mut d = Drawing::new(area);
    let top = legend(data, &mut d);
    let label_w = data
        .categories
        .iter()
        .map(|c| width(&c.value, SIZE, false))
        .fold(0.0, f64::max)
        .min(area.width * 0.3)
        + 10.0;
    let axis_h = 2.0 * SIZE * 1.3 + 8.0;
    let n = data.categories.len().max(1);
    let band = (area.height - top - axis_h) / n as f64;
    let max = if stacked { 100.0 } else { max_value(data) };
    let ticks = value_ticks(max, ((area.width - label_w) / 70.0) as usize);
    let right =
        area.width - width(&format_value(*ticks.last().unwrap_or(&0.0)), SIZE, false) / 2.0 - 4.0;
    let x = Linear {
        d0: 0.0,
        d1: *ticks.last().unwrap_or(&1.0),
        r0: label_w,
        r1: right,
    };
    let axis_y = top + band * n as f64;
    for t in &ticks {
        let tx = x.map(*t);
        d.line((tx, top), (tx, axis_y), Paint::Surface, 0.8);
        d.label(
            &format_value(*t),
            tx,
            axis_y + 3.0,
            SIZE,
            Paint::Muted,
            false,
            Align::Center,
        );
    }
    if let Some(unit) = values.unit {
        d.label(
            unit,
            area.width,
            axis_y + SIZE * 1.3 + 5.0,
            SIZE,
            Paint::Muted,
            false,
            Align::Right,
        );
    }
    let k = if stacked {
        1.0
    } else {
        data.series.len().max(1) as f64
    };
    let bar_h = (band * 0.72 / k).min(40.0);
    for (c, cat) in data.categories.iter().enumerate() {
        let center = top + band * (c as f64 + 0.5);
        d.set_group(None);
        let lines = wrap(&cat.value, SIZE, false, label_w - 10.0);
        let (_, lh) = block_size(&lines, SIZE, false);
        d.label_lines(
            lines,
            label_w - 8.0,
            center - lh / 2.0,
            SIZE,
            Paint::Text,
            false,
            Align::Right,
        );
        let mut start = 0.0;
        for (s, series) in data.series.iter().enumerate() {
            d.set_group(Some(s));
            let Some(v) = series.values.get(c).copied().flatten() else {
                continue;
            };
            let (x0, row) = if stacked {
                (start, 0.0)
            } else {
                (0.0, s as f64)
            };
            let y0 = center - bar_h * k / 2.0 + bar_h * row;
            let (l, r) = (x.map(x0), x.map(x0 + v.0));
            d.rect(
                Rect {
                    x: l,
                    y: y0 + 1.0,
                    w: (r - l - if stacked { 1.0 } else { 0.0 }).max(0.0),
                    h: bar_h - 2.0,
                },
                Paint::Series(s),
            );
            let text = values.label(v);
            let tw = width(&text, SIZE, true);
            let ly = y0 + bar_h / 2.0 - (SIZE) * 0.65;
            if stacked {
                if tw + 6.0 <= r - l {
                    d.label(
                        &text,
                        (l + r) / 2.0,
                        ly,
                        SIZE,
                        Paint::Background,
                        true,
                        Align::Center,
                    );
                }
            } else if r + 4.0 + tw <= area.width {
                d.label(&text, r + 4.0, ly, SIZE, Paint::Text, true, Align::Left);
            }
            start += v.0;
        }
    }
    d.set_group(None);
    d.line((label_w, top), (label_w, axis_y), Paint::Muted, 1.2);
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

    fn data(series: &[(&str, &[f64])]) -> ValueData {
        ValueData {
            categories: ["Kubernetes", "Docker Swarm", "Mesos"]
                .iter()
                .map(|c| sp(c))
                .collect(),
            series: series
                .iter()
                .map(|(n, v)| Series {
                    name: sp(n),
                    values: v.iter().map(|x| Some(Num::exact(*x))).collect(),
                })
                .collect(),
        }
    }

    const AREA: Area = Area {
        width: 700.0,
        height: 280.0,
    };

    fn assert_clean(d: &Drawing) {
        d.assert_clean();
    }

    #[test]
    fn crowded_vertical_bars_turn_horizontal_instead_of_shrinking() {
        let names = [
            "Kubernetes",
            "OpenShift",
            "Rancher",
            "Marathon",
            "Kontena",
            "Nomad",
            "Amazon ECS",
            "Cloud Foundry Diego",
            "Apache Mesos",
            "Docker Swarm",
            "自研编排系统",
            "其他编排工具",
        ];
        let mut data = data(&[("survey", &[1.0; 12])]);
        data.categories = names.iter().map(|c| sp(c)).collect();
        let d = layout(&data, Kind::Bar, Values::new(None, "zh"), AREA);
        assert_clean(&d);
        // Category labels stacked in a column (distinct rows), not in a row.
        let rows: Vec<f64> = d
            .label_texts()
            .iter()
            .zip(d.label_boxes())
            .filter(|(t, _)| names.contains(&t.as_str()))
            .map(|(_, b)| b.y)
            .collect();
        assert_eq!(rows.len(), 12);
        for (i, a) in rows.iter().enumerate() {
            assert!(rows[i + 1..].iter().all(|b| (a - b).abs() > 1.0));
        }
        // Three short categories stay vertical: their labels share a row.
        let d = layout(&data_three(), Kind::Bar, Values::new(None, "zh"), AREA);
        let ys: Vec<f64> = d
            .label_texts()
            .iter()
            .zip(d.label_boxes())
            .filter(|(t, _)| ["Kubernetes", "Docker Swarm", "Mesos"].contains(&t.as_str()))
            .map(|(_, b)| b.y)
            .collect();
        assert_eq!(ys.len(), 3);
        assert!(ys.iter().all(|y| (y - ys[0]).abs() < 1e-6), "{ys:?}");
    }

    fn data_three() -> ValueData {
        data(&[("survey", &[51.0, 11.0, 4.0])])
    }

    #[test]
    fn grouped_bars_have_legend_values_and_unit() {
        let d = layout(
            &data(&[
                ("Sysdig 2018", &[51.0, 11.0, 4.0]),
                ("CNCF 2018", &[82.9, 21.0, 9.2]),
            ]),
            Kind::Bar,
            Values::new(Some("%"), "zh"),
            AREA,
        );
        let texts = d.label_texts();
        for t in [
            "Sysdig 2018",
            "CNCF 2018",
            "82.9",
            "51",
            "%",
            "Docker Swarm",
        ] {
            assert!(texts.iter().any(|x| x == t), "{t} missing: {texts:?}");
        }
        assert_clean(&d);
    }

    #[test]
    fn a_single_series_has_no_legend() {
        let d = layout(
            &data(&[("funding", &[10.5, 36.0, 73.5])]),
            Kind::HBar,
            Values::new(Some("M USD"), "zh"),
            AREA,
        );
        assert!(!d.label_texts().iter().any(|t| t == "funding"));
        assert_clean(&d);
    }

    #[test]
    fn stacked_bars_fill_to_their_total() {
        let d = layout(
            &data(&[("a", &[50.0, 20.0, 70.0]), ("b", &[50.0, 30.0, 30.0])]),
            Kind::Stacked,
            Values::new(Some("%"), "zh"),
            AREA,
        );
        assert_clean(&d);
        assert!(d.label_texts().iter().any(|t| t == "100"));
    }
}
