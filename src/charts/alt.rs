//! Alt text: a one-paragraph description of a chart, generated from its data,
//! for PDF accessibility (the figure's `alt`) and for handouts.

use super::scale::Values;
use super::{Chart, Data, Kind, TimelineData, ValueData};

/// Describes a chart in the deck's language (Chinese, French, otherwise
/// English; a pie's words in Chinese or English).
pub fn describe(chart: &Chart, lang: &str) -> String {
    let zh = lang == "zh";
    let unit = chart.unit.as_ref().map_or("", |u| u.value.as_str());
    let marks = Values::new(Some(unit), lang);
    let mut text = match &chart.data {
        Data::Timeline(t) => timeline(t, lang),
        Data::Values(v) if matches!(chart.kind, Kind::Pie | Kind::Donut) => {
            shares(chart, v, marks, zh)
        }
        Data::Values(v) => values(v, chart.kind, marks, lang),
    };
    if let Some(source) = &chart.source {
        text.push_str(if zh { " 来源：" } else { " Source: " });
        text.push_str(&source.value);
    }
    text
}

/// The most events a timeline's alt text lists one by one.
const MAX_EVENTS: usize = 40;

/// Describes a timeline: its span and categories, then its events in
/// date order (the first [`MAX_EVENTS`], then how many more).
fn timeline(t: &TimelineData, lang: &str) -> String {
    let mut events: Vec<_> = t.events.iter().collect();
    events.sort_by_key(|e| e.date.value);
    let (Some(first), Some(last)) = (events.first(), events.last()) else {
        return String::new();
    };
    let cats: Vec<&str> = t.categories.iter().map(|(_, n)| n.value.as_str()).collect();
    let listed: Vec<String> = events
        .iter()
        .take(MAX_EVENTS)
        .map(|e| format!("{} {}", e.date.value.display(), e.label.value))
        .collect();
    let more = events.len().saturating_sub(MAX_EVENTS);
    // The sentence, the separators of events and of categories, and the
    // words for the events left out.
    let (sentence, sep, cat_sep, rest) = match lang {
        "zh" => (
            "时间线：{from} 至 {to} 年的 {n} 个事件，分为{cats}。依次为：{list}{more}。",
            "；",
            "、",
            "；另有 {m} 个",
        ),
        "fr" => (
            "Frise chronologique : {n} événements de {from} à {to}, en {cats}. Dans l'ordre : {list}{more}.",
            " ; ",
            ", ",
            " ; et {m} autres",
        ),
        _ => (
            "Timeline: {n} events from {from} to {to} in {cats}. In order: {list}{more}.",
            "; ",
            ", ",
            "; and {m} more",
        ),
    };
    let more = if more > 0 {
        rest.replace("{m}", &more.to_string())
    } else {
        String::new()
    };
    sentence
        .replace("{from}", &first.date.value.year.to_string())
        .replace("{to}", &last.date.value.year.to_string())
        .replace("{n}", &events.len().to_string())
        .replace("{cats}", &cats.join(cat_sep))
        .replace("{list}", &listed.join(sep))
        .replace("{more}", &more)
}

/// The words of a value chart's description, in the deck's language.
struct Words {
    /// The chart kinds' names: bar, stacked bar, line.
    kinds: [&'static str; 3],
    /// After the kind, before a series' name.
    comma: &'static str,
    /// After the series' name.
    colon: &'static str,
    /// Between the parts of a sentence.
    semi: &'static str,
    /// `{cat} {value}` is the highest / lowest.
    highest: &'static str,
    lowest: &'static str,
    /// `{n}` values in all.
    in_all: &'static str,
    /// "{trend} from {a} in {x} to {b} in {y}".
    from_to: &'static str,
    /// Rising, falling.
    trend: [&'static str; 2],
    /// A year as words: "{y}" ("2018 年" in Chinese).
    year: &'static str,
    /// Ends a sentence.
    stop: &'static str,
}

impl Words {
    /// A category as words: a year (four digits) with the language's word
    /// for it, anything else as written.
    fn year(&self, cat: &str) -> String {
        if cat.len() == 4 && cat.chars().all(|c| c.is_ascii_digit()) {
            self.year.replace("{y}", cat)
        } else {
            cat.to_string()
        }
    }

    /// The words for `lang`: Chinese, French or English.
    fn of(lang: &str) -> Self {
        match lang {
            "zh" => Words {
                kinds: ["条形图", "百分比堆叠条形图", "折线图"],
                comma: "，",
                colon: "：",
                semi: "；",
                highest: "{cat} {v}，最高",
                lowest: "{cat} {v}，最低",
                in_all: "共 {n} 个数值",
                from_to: "从 {x}的 {a} {trend}到 {y}的 {b}",
                trend: ["上升", "下降"],
                year: "{y} 年",
                stop: "。",
            },
            "fr" => Words {
                kinds: ["Diagramme en barres", "Barres empilées à 100 %", "Courbe"],
                comma: ", ",
                colon: " : ",
                semi: " ; ",
                highest: "{cat} {v}, la plus haute",
                lowest: "{cat} {v}, la plus basse",
                in_all: "{n} valeurs en tout",
                from_to: "{trend} de {a} en {x} à {b} en {y}",
                trend: ["en hausse", "en baisse"],
                year: "{y}",
                stop: ".",
            },
            _ => Words {
                kinds: ["Bar chart", "100% stacked bar chart", "Line chart"],
                comma: ", ",
                colon: ": ",
                semi: "; ",
                highest: "{cat} {v}, highest",
                lowest: "{cat} {v}, lowest",
                in_all: "{n} values in all",
                from_to: "{trend} from {a} in {x} to {b} in {y}",
                trend: ["rising", "falling"],
                year: "{y}",
                stop: ".",
            },
        }
    }
}

/// Describes a value chart in sentences, one per series: its kind and
/// name, its highest and lowest values with their categories, and (for a
/// line) where it starts and ends; then how many values it has and, when
/// they are few, each of them.
fn values(v: &ValueData, kind: Kind, marks: Values<'_>, lang: &str) -> String {
    let w = Words::of(lang);
    let name = match kind {
        Kind::Stacked => w.kinds[1],
        Kind::Line => w.kinds[2],
        _ => w.kinds[0],
    };
    let unit = marks.unit.unwrap_or("");
    let sentences: Vec<String> = v
        .series
        .iter()
        .map(|s| {
            let points: Vec<(&str, f64, String)> = s
                .values
                .iter()
                .zip(&v.categories)
                .filter_map(|(x, c)| {
                    x.map(|x| (c.value.as_str(), x.0, format!("{}{unit}", marks.label(x))))
                })
                .collect();
            let mut parts = Vec::new();
            let top = points.iter().max_by(|a, b| a.1.total_cmp(&b.1));
            let low = points.iter().min_by(|a, b| a.1.total_cmp(&b.1));
            let (first, last) = (points.first(), points.last());
            if kind == Kind::Line
                && let (Some(a), Some(b)) = (first, last)
                && points.len() > 1
            {
                let (x, y) = (w.year(a.0), w.year(b.0));
                let trend = if b.1 >= a.1 { w.trend[0] } else { w.trend[1] };
                parts.push(
                    w.from_to
                        .replace("{trend}", trend)
                        .replace("{a}", &a.2)
                        .replace("{x}", &x)
                        .replace("{b}", &b.2)
                        .replace("{y}", &y),
                );
            }
            if let (Some(top), Some(low)) = (top, low)
                && points.len() > 1
            {
                let ends = |p: &(&str, f64, String)| {
                    kind == Kind::Line && [first, last].contains(&Some(p))
                };
                if !ends(top) {
                    parts.push(
                        w.highest
                            .replace("{cat}", &w.year(top.0))
                            .replace("{v}", &top.2),
                    );
                }
                if !ends(low) {
                    parts.push(
                        w.lowest
                            .replace("{cat}", &w.year(low.0))
                            .replace("{v}", &low.2),
                    );
                }
            }
            let mut all = w.in_all.replace("{n}", &points.len().to_string());
            // Every value, when they are few and read as words (a run of
            // dates and numbers is better left to the extremes).
            let list: Vec<String> = points.iter().map(|p| format!("{} {}", p.0, p.2)).collect();
            let list = list.join(if lang == "zh" { "、" } else { ", " });
            let letters = list.chars().filter(|c| c.is_alphabetic()).count();
            if kind != Kind::Line && points.len() <= 8 && 2 * letters >= list.chars().count() {
                all = format!("{all}{}{list}", w.colon);
            }
            parts.push(all);
            format!(
                "{name}{}{}{}{}{}",
                w.comma,
                s.name.value,
                w.colon,
                parts.join(w.semi),
                w.stop
            )
        })
        .collect();
    sentences.join(" ")
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
