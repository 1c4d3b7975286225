//! Reading charts from the outline: inline YAML or a CSV file beside it.
//!
//! Every data error is reported where the bad value was written: the YAML
//! node, or the CSV cell (the CSV file joins the diagnostic sources).

use marked_yaml::Node;
use marked_yaml::types::MarkedMappingNode;

use super::{Parser, kind as node_kind};
use crate::diagnostics::{Diagnostic, did_you_mean};
use crate::outline::chart::{
    Chart, Data, Era, Event, EventDate, Kind, Num, Series, TimelineData, TimelineLayout, ValueData,
    format_value,
};
use crate::outline::{Spanned, Text};

/// Keys a `chart:` mapping may have.
pub(crate) const CHART_KEYS: &[&str] = &[
    "kind",
    "unit",
    "source",
    "categories",
    "series",
    "data",
    "events",
    "eras",
    "from",
    "to",
    "other",
    "centre",
    "layout",
];

/// Reads a `chart:` mapping. A chart with `data: file.csv` gets its data later,
/// from [`load_data`](crate::outline::csv::load_data).
pub(crate) fn parse(p: &mut Parser<'_>, map: &MarkedMappingNode, node: &Node) -> Option<Chart> {
    p.check_keys(map, &[CHART_KEYS], "a chart");
    let errors_before = p.error_count();
    let span = p.node_span(node);
    let kind_text = p.required_text(map, "kind", "this chart")?;
    let kind = named(p, &kind_text, Kind::ALL, ("chart kind", "chart kinds: "))?;
    let csv = p.text(map, "data");
    let data = if kind == Kind::Timeline {
        Data::Timeline(timeline(p, map, csv.is_some())?)
    } else {
        if let Some(layout) = p.text(map, "layout") {
            p.error(
                Diagnostic::error("only a timeline has a `layout`")
                    .at(layout.span.clone())
                    .hint("remove `layout`, or make the chart `kind: timeline`"),
            );
        }
        Data::Values(values(p, map, csv.is_some())?)
    };
    let chart = Chart {
        kind,
        unit: p.text(map, "unit"),
        source: p.text(map, "source"),
        data,
        span,
        csv,
        other: p.text(map, "other"),
        centre: p.text(map, "centre"),
    };
    // Whole-chart checks only when the parts were fine, so one bad event
    // does not also report "no events".
    if chart.csv.is_none() && p.error_count() == errors_before {
        for d in validate(&chart) {
            p.error(d);
        }
    }
    Some(chart)
}

/// Reads a timeline's categories, events, eras and range.
fn timeline(p: &mut Parser<'_>, map: &MarkedMappingNode, from_csv: bool) -> Option<TimelineData> {
    let mut categories = Vec::new();
    match map.get_node("categories") {
        Some(Node::Mapping(cats)) => {
            for (key, value) in cats.iter() {
                let label = match value {
                    Node::Scalar(s) => Spanned::new(s.as_str().to_owned(), p.scalar_span(s)),
                    other => Spanned::new(key.as_str().to_owned(), p.node_span(other)),
                };
                categories.push((key.as_str().to_owned(), label));
            }
        }
        Some(other) => {
            let span = p.node_span(other);
            p.error(
                Diagnostic::error(format!(
                    "a timeline's `categories` must be a mapping, found {}",
                    node_kind(other)
                ))
                .at(span)
                .hint("write `categories:` then one `key: legend label` per line"),
            );
        }
        None => {}
    }
    let mut events = Vec::new();
    if !from_csv && let Some(seq) = p.sequence(map, "events") {
        for node in seq.iter() {
            let Some(emap) = p.mapping(
                node,
                "an event",
                "- { date: 2014-06, label: ..., category: ... }",
            ) else {
                continue;
            };
            p.check_keys(emap, &[&["date", "label", "category"]], "an event");
            let (Some(date), Some(label), Some(category)) = (
                p.required_text(emap, "date", "this event"),
                p.required_text(emap, "label", "this event"),
                p.required_text(emap, "category", "this event"),
            ) else {
                continue;
            };
            match event(&categories, date, label, category) {
                Ok(e) => events.push(e),
                Err(d) => p.error(d),
            }
        }
    }
    let mut eras = Vec::new();
    if let Some(seq) = p.sequence(map, "eras") {
        for node in seq.iter() {
            let Some(emap) = p.mapping(
                node,
                "an era",
                "- { from: 2011, to: 2013, label: PaaS 时代 }",
            ) else {
                continue;
            };
            p.check_keys(emap, &[&["from", "to", "label"]], "an era");
            let (Some(from), Some(to), Some(label)) = (
                p.required_text(emap, "from", "this era"),
                p.required_text(emap, "to", "this era"),
                p.required_text(emap, "label", "this era"),
            ) else {
                continue;
            };
            match (parse_date(&from), parse_date(&to)) {
                (Ok(f), Ok(t)) => eras.push(Era {
                    from: f,
                    to: t,
                    label,
                }),
                (Err(d), _) | (_, Err(d)) => p.error(d),
            }
        }
    }
    let year = |p: &mut Parser<'_>, key: &str| -> Option<i32> {
        let t = p.text(map, key)?;
        match parse_date(&t) {
            Ok(d) => Some(d.value.year),
            Err(d) => {
                p.error(d);
                None
            }
        }
    };
    let range = match (year(p, "from"), year(p, "to")) {
        (Some(a), Some(b)) => Some((a, b)),
        _ => None,
    };
    let layout = p.text(map, "layout").and_then(|text| {
        named(
            p,
            &text,
            TimelineLayout::ALL,
            (
                "timeline layout",
                "leave `layout` out to let lectern choose, or use one of: ",
            ),
        )
    });
    Some(TimelineData {
        events,
        categories,
        eras,
        range,
        layout,
    })
}

/// Looks a name up in a table of named values (`Kind::ALL`, say); an
/// unknown name is an error at it, suggesting the nearest name or listing
/// them all. `what` is what the name names; `listing` comes before the list.
pub(crate) fn named<T: Copy>(
    p: &mut Parser<'_>,
    text: &Text,
    all: &[(&str, T)],
    (what, listing): (&str, &str),
) -> Option<T> {
    let found = all.iter().find(|(n, _)| *n == text.value).map(|(_, v)| *v);
    if found.is_none() {
        let names: Vec<&str> = all.iter().map(|(n, _)| *n).collect();
        let hint = match did_you_mean(&text.value, &names) {
            Some(near) => format!("did you mean `{near}`?"),
            None => format!("{listing}{}", names.join(", ")),
        };
        p.error(
            Diagnostic::error(format!("unknown {what} `{}`", text.value))
                .at(text.span.clone())
                .hint(hint),
        );
    }
    found
}

/// Builds one event, checking its date and category.
pub(crate) fn event(
    categories: &[(String, Text)],
    date: Text,
    label: Text,
    category: Text,
) -> Result<Event, Diagnostic> {
    let date = parse_date(&date)?;
    let Some(index) = categories.iter().position(|(k, _)| *k == category.value) else {
        let keys: Vec<&str> = categories.iter().map(|(k, _)| k.as_str()).collect();
        let d = Diagnostic::error(format!("unknown category `{}`", category.value))
            .at(category.span.clone());
        return Err(match did_you_mean(&category.value, &keys) {
            Some(s) => d.hint(format!("did you mean `{s}`?")),
            None if keys.is_empty() => d.hint(
                "declare the categories first: `categories:` with one `key: legend label` per line",
            ),
            None => d.hint(format!("declared categories: {}", keys.join(", "))),
        });
    };
    Ok(Event {
        date,
        label,
        category: index,
    })
}

/// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
pub fn parse_date(text: &Text) -> Result<Spanned<EventDate>, Diagnostic> {
    let bad = || {
        Diagnostic::error(format!("`{}` is not a date", text.value))
            .at(text.span.clone())
            .hint("write YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2014-06-10")
    };
    let parts: Vec<&str> = text.value.trim().split('-').collect();
    let num = |s: &str, len: usize| {
        (s.len() == len && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<u32>().ok())
            .flatten()
    };
    let date = match parts.as_slice() {
        [y] => EventDate {
            year: num(y, 4).ok_or_else(bad)? as i32,
            month: None,
            day: None,
        },
        [y, m] => EventDate {
            year: num(y, 4).ok_or_else(bad)? as i32,
            month: Some(num(m, 2).ok_or_else(bad)? as u8),
            day: None,
        },
        [y, m, d] => EventDate {
            year: num(y, 4).ok_or_else(bad)? as i32,
            month: Some(num(m, 2).ok_or_else(bad)? as u8),
            day: Some(num(d, 2).ok_or_else(bad)? as u8),
        },
        _ => return Err(bad()),
    };
    let month_ok = date.month.is_none_or(|m| (1..=12).contains(&m));
    let day_ok = date.day.is_none_or(|d| (1..=31).contains(&d));
    if !month_ok || !day_ok {
        return Err(bad());
    }
    Ok(Spanned::new(date, text.span.clone()))
}

/// Parses a value: a number, `~25` for an approximate one, or
/// empty/`null`/`~`/`-` for a gap.
pub fn parse_value(text: &Text) -> Result<Option<Num>, Diagnostic> {
    let t = text.value.trim().trim_end_matches('%');
    if t.is_empty() || matches!(t, "null" | "~" | "-") {
        return Ok(None);
    }
    let (t, approx) = match t.strip_prefix(['~', '≈']) {
        Some(rest) => (rest.trim_start(), true),
        None => (t, false),
    };
    match t.parse::<f64>() {
        Ok(v) if v.is_finite() => Ok(Some(Num(v, approx))),
        _ => Err(Diagnostic::error(format!("`{}` is not a number", text.value))
            .at(text.span.clone())
            .hint("write a plain number such as 82.9 (no units or thousands separators); leave a gap with `null`")),
    }
}

/// Reads categories and series of a value chart.
fn values(p: &mut Parser<'_>, map: &MarkedMappingNode, from_csv: bool) -> Option<ValueData> {
    let mut data = ValueData {
        categories: Vec::new(),
        series: Vec::new(),
    };
    if from_csv {
        return Some(data);
    }
    if let Some(seq) = p.sequence(map, "categories") {
        for node in seq.iter() {
            match node {
                Node::Scalar(s) => data
                    .categories
                    .push(Spanned::new(s.as_str().to_owned(), p.scalar_span(s))),
                other => {
                    let span = p.node_span(other);
                    p.error(
                        Diagnostic::error("a category must be text")
                            .at(span)
                            .hint("write `categories: [2018, 2019, 2020]`"),
                    );
                }
            }
        }
    }
    if let Some(seq) = p.sequence(map, "series") {
        for node in seq.iter() {
            let Some(smap) = p.mapping(
                node,
                "a series",
                "- { name: CNCF 2018, values: [82.9, 21, 9.2] }",
            ) else {
                continue;
            };
            p.check_keys(smap, &[&["name", "values"]], "a series");
            let Some(name) = p.required_text(smap, "name", "this series") else {
                continue;
            };
            let mut values = Vec::new();
            if let Some(vals) = p.sequence(smap, "values") {
                for v in vals.iter() {
                    let text = match v {
                        Node::Scalar(s) => Spanned::new(s.as_str().to_owned(), p.scalar_span(s)),
                        other => Spanned::new(String::from("(list)"), p.node_span(other)),
                    };
                    match parse_value(&text) {
                        Ok(x) => values.push(x),
                        Err(d) => p.error(d),
                    }
                }
            }
            data.series.push(Series { name, values });
        }
    }
    Some(data)
}

/// The most events a timeline may hold: a continued timeline of this many
/// is laid out in well under a second.
pub const MAX_EVENTS: usize = 2_000;

/// The most categories a bar, line or share chart may hold.
pub const MAX_CATEGORIES: usize = 500;

/// Checks a chart's data as a whole.
pub fn validate(chart: &Chart) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    let empty = |what: &str| {
        Diagnostic::error(format!("this chart has no {what}"))
            .at(chart.span.clone())
            .hint("add data inline or point `data:` at a CSV file beside the outline")
    };
    let too_many = |what: &str, n: usize, max: usize| {
        Diagnostic::error(format!(
            "this chart has {n} {what}; a chart holds at most {max}"
        ))
        .at(chart.span.clone())
        .hint("chart a selection or a period (`from`/`to`), or split the data over several charts")
    };
    match &chart.data {
        Data::Timeline(t) if t.events.is_empty() => diags.push(empty("events")),
        Data::Timeline(t) if t.events.len() > MAX_EVENTS => {
            diags.push(too_many("events", t.events.len(), MAX_EVENTS));
        }
        Data::Timeline(_) => {}
        Data::Values(v) if v.categories.is_empty() => diags.push(empty("categories")),
        Data::Values(v) if v.categories.len() > MAX_CATEGORIES => {
            diags.push(too_many("categories", v.categories.len(), MAX_CATEGORIES));
        }
        Data::Values(v) if v.series.is_empty() => diags.push(empty("series")),
        Data::Values(v) => {
            for s in &v.series {
                if s.values.len() != v.categories.len() {
                    diags.push(
                        Diagnostic::error(format!(
                            "series `{}` has {} values for {} categories",
                            s.name.value,
                            s.values.len(),
                            v.categories.len()
                        ))
                        .at(s.name.span.clone())
                        .hint("give one value per category, `null` for a gap"),
                    );
                }
            }
            if matches!(chart.kind, Kind::Pie | Kind::Donut) {
                diags.extend(validate_shares(chart, v));
            } else if let Some(other) = &chart.other {
                diags.push(
                    Diagnostic::error("`other` only applies to `pie` and `donut` charts")
                        .at(other.span.clone())
                        .hint("remove `other`, or use `kind: donut` to show parts of a whole"),
                );
            }
            if chart.kind != Kind::Donut
                && let Some(centre) = &chart.centre
            {
                diags.push(
                    Diagnostic::error("only a donut has a centre to label")
                        .at(centre.span.clone())
                        .hint("use `kind: donut`, or remove `centre`"),
                );
            }
            if chart.kind == Kind::Stacked {
                for (c, cat) in v.categories.iter().enumerate() {
                    let sum: f64 = v
                        .series
                        .iter()
                        .filter_map(|s| s.values.get(c).copied().flatten())
                        .map(|x| x.0)
                        .sum();
                    if sum > 100.05 {
                        diags.push(
                            Diagnostic::error(format!("the parts of `{}` add up to {sum:.1}, more than 100", cat.value))
                                .at(cat.span.clone())
                                .hint("a 100% stacked bar shows parts of a whole; use `kind: bar` for values that overlap (e.g. multiple-choice surveys)"),
                        );
                    }
                }
            }
            for series in &v.series {
                if let Some(neg) = series.values.iter().flatten().find(|x| x.0 < 0.0) {
                    diags.push(
                        Diagnostic::error(format!(
                            "series `{}` has a negative value ({})",
                            series.name.value,
                            format_value(neg.0)
                        ))
                        .at(series.name.span.clone())
                        .hint("charts show values from zero up; a share cannot be negative"),
                    );
                }
            }
        }
    }
    diags
}

/// Checks a share chart: each series is a whole of at most 100 % (when the
/// unit is `%`), and `other` needs that whole.
fn validate_shares(chart: &Chart, v: &ValueData) -> Vec<Diagnostic> {
    let percent = chart.unit.as_ref().is_some_and(|u| u.value.trim() == "%");
    let mut diags = Vec::new();
    if let Some(other) = &chart.other
        && !percent
    {
        diags.push(
            Diagnostic::error(
                "`other` needs `unit: \"%\"`: the remainder is what is left of 100 %",
            )
            .at(other.span.clone())
            .hint("add `unit: \"%\"`, or list the remainder as a category of its own"),
        );
    }
    if !percent {
        return diags;
    }
    for s in &v.series {
        let sum: f64 = s.values.iter().flatten().map(|x| x.0).sum();
        if sum > 100.05 {
            diags.push(
                Diagnostic::error(format!(
                    "the shares of `{}` add up to {}%, more than 100",
                    s.name.value,
                    format_value(sum)
                ))
                .at(s.name.span.clone())
                .hint("a pie or donut shows parts of one whole; for answers that overlap (multiple choice), use `kind: bar`"),
            );
        }
    }
    diags
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::{FileRef, Span};

    fn t(s: &str) -> Text {
        Spanned::new(s.to_string(), Span::new(FileRef(0), 0..s.len()))
    }

    #[test]
    fn dates_of_three_precisions() {
        assert_eq!(parse_date(&t("2014")).unwrap().value.display(), "2014");
        assert_eq!(
            parse_date(&t("2014-06")).unwrap().value.display(),
            "2014-06"
        );
        assert_eq!(
            parse_date(&t("2014-06-10")).unwrap().value.display(),
            "2014-06-10"
        );
        for bad in ["14", "2014-13", "2014-6", "June 2014", "2014-06-32"] {
            assert!(parse_date(&t(bad)).is_err(), "{bad}");
        }
    }

    #[test]
    fn values_and_gaps() {
        assert_eq!(parse_value(&t("82.9")).unwrap(), Some(Num(82.9, false)));
        assert_eq!(parse_value(&t("~25")).unwrap(), Some(Num(25.0, true)));
        assert_eq!(parse_value(&t("null")).unwrap(), None);
        assert!(parse_value(&t("12k")).is_err());
    }
}
