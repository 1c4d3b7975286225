//! Alt text: a one-paragraph description of a chart, generated from its data,
//! for PDF accessibility (the figure's `alt`) and for handouts.

use super::scale::format_value;
use super::{Chart, Data, Kind, Series, TimelineData, ValueData};

/// Describes a chart in the deck's language (`zh`, otherwise English).
pub fn describe(chart: &Chart, lang: &str) -> String {
    let zh = lang == "zh";
    let unit = chart.unit.as_ref().map_or("", |u| u.value.as_str());
    let mut text = match &chart.data {
        Data::Timeline(t) => timeline(t, zh),
        Data::Values(v) => values(v, chart.kind, unit, zh),
    };
    if let Some(source) = &chart.source {
        text.push_str(if zh { " 来源：" } else { " Source: " });
        text.push_str(&source.value);
    }
    text
}

/// Describes a timeline.
fn timeline(t: &TimelineData, zh: bool) -> String {
    let mut events: Vec<_> = t.events.iter().collect();
    events.sort_by_key(|e| e.date.value);
    let (Some(first), Some(last)) = (events.first(), events.last()) else {
        return String::new();
    };
    let cats: Vec<&str> = t.categories.iter().map(|(_, n)| n.value.as_str()).collect();
    if zh {
        format!(
            "时间线：{} 至 {} 年的 {} 个事件，分为{}。最早：{} {}；最晚：{} {}。",
            first.date.value.year,
            last.date.value.year,
            events.len(),
            cats.join("、"),
            first.date.value.display(),
            first.label.value,
            last.date.value.display(),
            last.label.value
        )
    } else {
        format!(
            "Timeline: {} events from {} to {} in {}. First: {} {}; last: {} {}.",
            events.len(),
            first.date.value.year,
            last.date.value.year,
            cats.join(", "),
            first.date.value.display(),
            first.label.value,
            last.date.value.display(),
            last.label.value
        )
    }
}

/// Describes a value chart: for each series, its values by category (or, for
/// lines, its first and last points).
fn values(v: &ValueData, kind: Kind, unit: &str, zh: bool) -> String {
    let name = match (kind, zh) {
        (Kind::Line, true) => "折线图",
        (Kind::Stacked, true) => "百分比堆叠条形图",
        (_, true) => "条形图",
        (Kind::Line, false) => "Line chart",
        (Kind::Stacked, false) => "100% stacked bar chart",
        (_, false) => "Bar chart",
    };
    let parts: Vec<String> = v
        .series
        .iter()
        .map(|s| {
            if kind == Kind::Line {
                line_series(v, s, unit)
            } else {
                bar_series(v, s, unit)
            }
        })
        .collect();
    let sep = if zh { "；" } else { "; " };
    format!("{name}{}{}", if zh { "：" } else { ": " }, parts.join(sep))
}

/// "name, 58% (2018) to 83% (2020)".
fn line_series(v: &ValueData, s: &Series, unit: &str) -> String {
    let points: Vec<(usize, f64)> = s
        .values
        .iter()
        .enumerate()
        .filter_map(|(i, x)| x.map(|x| (i, x.0)))
        .collect();
    match (points.first(), points.last()) {
        (Some(&(a, va)), Some(&(b, vb))) if a != b => format!(
            "{}, {}{unit} ({}) to {}{unit} ({})",
            s.name.value,
            format_value(va),
            v.categories[a].value,
            format_value(vb),
            v.categories[b].value
        ),
        (Some(&(a, va)), _) => format!(
            "{}, {}{unit} ({})",
            s.name.value,
            format_value(va),
            v.categories[a].value
        ),
        _ => s.name.value.clone(),
    }
}

/// "name: A 51%, B 11%".
fn bar_series(v: &ValueData, s: &Series, unit: &str) -> String {
    let items: Vec<String> = s
        .values
        .iter()
        .zip(&v.categories)
        .filter_map(|(x, c)| x.map(|x| format!("{} {}{unit}", c.value, format_value(x.0))))
        .collect();
    format!("{}: {}", s.name.value, items.join(", "))
}
