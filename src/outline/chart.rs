//! Charts as the outline holds them: the kind, the data (checked, with
//! spans) and the options. [`crate::charts`] lays them out; the outline's
//! parser reads them (`parse/chart.rs`) and `csv.rs` fills in data from CSV
//! files.

use crate::diagnostics::Span;
use crate::outline::{Spanned, Text};

/// The kinds of chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// Dated events on a time axis.
    Timeline,
    /// Vertical bars; several series are grouped side by side.
    Bar,
    /// Horizontal bars; several series are grouped.
    HBar,
    /// 100% stacked bars: the series are parts of each category.
    Stacked,
    /// Lines over an ordered axis, one per series.
    Line,
    /// Parts of a whole as pie slices; several series side by side.
    Pie,
    /// Parts of a whole as a ring, with a label in its centre.
    Donut,
}

impl Kind {
    /// Every kind with its name in the outline.
    pub const ALL: &[(&str, Kind)] = &[
        ("timeline", Kind::Timeline),
        ("bar", Kind::Bar),
        ("hbar", Kind::HBar),
        ("stacked", Kind::Stacked),
        ("line", Kind::Line),
        ("pie", Kind::Pie),
        ("donut", Kind::Donut),
    ];
}

/// A number from the outline, hashable so charts can be memoised; the flag
/// marks an approximate value (`~25` in the outline), printed as `≈25`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Num(pub f64, pub bool);

impl Num {
    /// An exact value.
    pub fn exact(v: f64) -> Self {
        Self(v, false)
    }
}

impl Eq for Num {}

/// Formats a value for a label or a message: at most one decimal, no
/// trailing ".0".
pub fn format_value(v: f64) -> String {
    let rounded = (v * 10.0).round() / 10.0;
    if rounded.fract() == 0.0 {
        format!("{}", rounded as i64)
    } else {
        format!("{rounded:.1}")
    }
}

impl std::hash::Hash for Num {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.0.to_bits().hash(state);
        self.1.hash(state);
    }
}

/// A chart as written in the outline, with its data checked.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Chart {
    /// What kind of chart.
    pub kind: Kind,
    /// The unit of the values, shown on the value axis (e.g. "% of respondents").
    pub unit: Option<Text>,
    /// Where the data comes from, shown under the chart.
    pub source: Option<Text>,
    /// The data.
    pub data: Data,
    /// The `chart:` node, for diagnostics about the whole chart.
    pub span: Span,
    /// The CSV file the data comes from, if not inline.
    pub csv: Option<Text>,
    /// For shares (`pie`, `donut`): the name of a derived slice holding the
    /// remainder up to 100 %.
    pub other: Option<Text>,
    /// For a donut: the label in its centre (a single series); several
    /// series show their names there.
    pub centre: Option<Text>,
}

/// The data of a chart.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Data {
    /// Events for a timeline.
    Timeline(TimelineData),
    /// Categories and series of values for the other kinds.
    Values(ValueData),
}

/// Categories and series.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ValueData {
    /// The category labels (bars, or points along a line's axis).
    pub categories: Vec<Text>,
    /// The series, each with one value (or a gap) per category.
    pub series: Vec<Series>,
}

/// One named series of values.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Series {
    /// The series name, shown in the legend.
    pub name: Text,
    /// One value per category; `None` is a gap.
    pub values: Vec<Option<Num>>,
}

/// A timeline's events, categories and eras.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct TimelineData {
    /// The events, in the order written.
    pub events: Vec<Event>,
    /// The categories: key and legend label, in legend order.
    pub categories: Vec<(String, Text)>,
    /// Shaded ranges such as "PaaS era".
    pub eras: Vec<Era>,
    /// The first and last year shown, if fixed by the outline.
    pub range: Option<(i32, i32)>,
    /// How the events are laid out; chosen by what fits when absent.
    pub layout: Option<TimelineLayout>,
}

/// How a timeline lays out its events.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TimelineLayout {
    /// One axis, labels in tiers above and below it.
    Axis,
    /// One horizontal lane per category (a swimlane per camp), labels inside
    /// their lane.
    Lanes,
}

impl TimelineLayout {
    /// Every layout with its name in the outline.
    pub const ALL: &[(&str, TimelineLayout)] = &[
        ("axis", TimelineLayout::Axis),
        ("lanes", TimelineLayout::Lanes),
    ];
}

/// One dated event.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Event {
    /// When it happened.
    pub date: Spanned<EventDate>,
    /// What happened.
    pub label: Text,
    /// Index into the timeline's categories.
    pub category: usize,
}

/// A date of year, month or day precision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EventDate {
    /// The year.
    pub year: i32,
    /// The month, if given.
    pub month: Option<u8>,
    /// The day, if given.
    pub day: Option<u8>,
}

impl EventDate {
    /// The date as a fractional year, at the middle of its precision.
    pub fn as_year(self) -> f64 {
        let year = f64::from(self.year);
        match (self.month, self.day) {
            (Some(m), Some(d)) => year + (f64::from(m) - 1.0) / 12.0 + (f64::from(d) - 0.5) / 365.0,
            (Some(m), None) => year + (f64::from(m) - 0.5) / 12.0,
            _ => year + 0.5,
        }
    }

    /// The date as written: `2014`, `2014-06` or `2014-06-10`.
    pub fn display(self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{}-{m:02}-{d:02}", self.year),
            (Some(m), None) => format!("{}-{m:02}", self.year),
            _ => self.year.to_string(),
        }
    }
}

/// A shaded range of years.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Era {
    /// The first year.
    pub from: Spanned<EventDate>,
    /// The last year.
    pub to: Spanned<EventDate>,
    /// Its name.
    pub label: Text,
}
