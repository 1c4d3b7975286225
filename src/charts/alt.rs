//! Alt text: a one-paragraph description of a chart, generated from its data,
//! for PDF accessibility (the figure's `alt`) and for handouts.

use super::scale::Values;
use super::{Chart, Data, Kind, Series, TimelineData, ValueData};

/// Describes a chart in the deck's language (`zh`, otherwise English).
pub fn describe(chart: &Chart, lang: &str) -> String {
    let zh = lang == "zh";
    let unit = chart.unit.as_ref().map_or("", |u| u.value.as_str());
    let marks = Values::new(Some(unit), lang);
    let mut text = match &chart.data {
        Data::Timeline(t) => timeline(t, zh),
        Data::Values(v) if matches!(chart.kind, Kind::Pie | Kind::Donut) => {
            shares(chart, v, marks, zh)
        }
        Data::Values(v) => values(v, chart.kind, marks, zh),
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
fn values(v: &ValueData, kind: Kind, marks: Values<'_>, zh: bool) -> String {
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
                line_series(v, s, marks)
            } else {
                bar_series(v, s, marks)
            }
        })
        .collect();
    let sep = if zh { "；" } else { "; " };
    format!("{name}{}{}", if zh { "：" } else { ": " }, parts.join(sep))
}

/// Describes a pie or donut: each whole with its slices; approximate
/// values print as `≈` (`~` in English), and the derived remainder is marked
/// as derived.
fn shares(chart: &Chart, v: &ValueData, marks: Values<'_>, zh: bool) -> String {
    let name = match (chart.kind, zh) {
        (Kind::Pie, true) => "饼图",
        (_, true) => "环形图",
        (Kind::Pie, false) => "Pie chart",
        (_, false) => "Donut chart",
    };
    let other = chart.other.as_ref().map_or("", |o| o.value.as_str());
    let wholes: Vec<String> = (0..v.series.len())
        .map(|s| {
            let parts: Vec<String> = super::pie::slices(chart, v, s, marks)
                .into_iter()
                .map(|slice| {
                    let cat = v
                        .categories
                        .get(slice.colour)
                        .map_or(other, |c| c.value.as_str());
                    let derived = match (slice.derived, zh) {
                        (false, _) => "",
                        (true, true) => "（推算的其余部分）",
                        (true, false) => " (derived: the remainder)",
                    };
                    format!("{cat} {}{derived}", slice.label)
                })
                .collect();
            format!("{}: {}", v.series[s].name.value, parts.join(", "))
        })
        .collect();
    let sep = if zh { "；" } else { "; " };
    format!("{name}{}{}", if zh { "：" } else { ": " }, wholes.join(sep))
}

/// "name, 58% (2018) to 83% (2020)".
fn line_series(v: &ValueData, s: &Series, marks: Values<'_>) -> String {
    let unit = marks.unit.unwrap_or("");
    let points: Vec<(usize, String)> = s
        .values
        .iter()
        .enumerate()
        .filter_map(|(i, x)| x.map(|x| (i, marks.label(x))))
        .collect();
    match (points.first(), points.last()) {
        (Some((a, va)), Some((b, vb))) if a != b => format!(
            "{}, {va}{unit} ({}) to {vb}{unit} ({})",
            s.name.value, v.categories[*a].value, v.categories[*b].value
        ),
        (Some((a, va)), _) => format!("{}, {va}{unit} ({})", s.name.value, v.categories[*a].value),
        _ => s.name.value.clone(),
    }
}

/// "name: A 51%, B 11%".
fn bar_series(v: &ValueData, s: &Series, marks: Values<'_>) -> String {
    let unit = marks.unit.unwrap_or("");
    let items: Vec<String> = s
        .values
        .iter()
        .zip(&v.categories)
        .filter_map(|(x, c)| x.map(|x| format!("{} {}{unit}", c.value, marks.label(x))))
        .collect();
    format!("{}: {}", s.name.value, items.join(", "))
}
