//! Charts drawn from data: timeline, bar (vertical, horizontal, grouped),
//! 100% stacked bar, line, and shares of a whole (pie, donut).
//!
//! Three steps, each testable on its own:
//! 1. the outline stage reads a chart and checks its data
//!    (`outline::parse::chart`), and loads data from CSV files
//!    (`outline::csv`), with errors at the YAML node or CSV cell;
//! 2. [`timeline`], [`bars`], [`line`] and [`pie`] lay it out as plain geometry
//!    ([`draw::Drawing`]), with no Typst involved;
//! 3. `codegen::drawing` writes that geometry as Typst drawing code in the
//!    theme's palette, with selectable text: charts never write Typst.
//!
//! To add a chart kind: add a [`Kind`] variant, its layout module, and one arm
//! in [`layout`].

pub mod alt;
pub mod bars;
pub mod draw;
pub mod line;
pub mod pie;
pub mod scale;
pub mod text;
pub mod timeline;

pub use crate::outline::chart::*;

/// The size of the area a chart is drawn in, in points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Area {
    /// The width.
    pub width: f64,
    /// The height.
    pub height: f64,
}

impl std::hash::Hash for Area {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.width.to_bits().hash(state);
        self.height.to_bits().hash(state);
    }
}

/// The most lines a chart's source line may wrap onto.
pub const MAX_SOURCE_LINES: usize = 2;

/// A chart's source line wrapped to an area `width` points wide (after the
/// "Source: " prefix); more than [`MAX_SOURCE_LINES`] are cut when drawn.
pub fn source_lines(source: &str, width: f64) -> Vec<String> {
    let prefix = 3.0 * text::SOURCE_SIZE;
    text::wrap(source, text::SOURCE_SIZE, false, width - prefix)
}

/// Lays out a chart in an area, for a deck in `lang`; a dense timeline may
/// need several pages.
pub fn layout(chart: &Chart, area: Area, lang: &str) -> Vec<draw::Drawing> {
    let values = scale::Values::new(chart.unit.as_ref().map(|u| u.value.as_str()), lang);
    let inner = match &chart.source {
        Some(source) => {
            let lines = source_lines(&source.value, area.width)
                .len()
                .min(MAX_SOURCE_LINES);
            Area {
                width: area.width,
                height: area.height - lines as f64 * text::SOURCE_SIZE * text::LINE_HEIGHT - 6.0,
            }
        }
        None => area,
    };
    let mut pages = match (&chart.data, chart.kind) {
        (Data::Timeline(data), _) => timeline::layout(data, inner),
        (Data::Values(data), Kind::Line) => vec![line::layout(data, values, inner)],
        (Data::Values(data), Kind::Pie | Kind::Donut) => {
            vec![pie::layout(chart, data, values, inner)]
        }
        (Data::Values(data), kind) => vec![bars::layout(data, kind, values, inner)],
    };
    if let Some(source) = &chart.source {
        for page in &mut pages {
            page.source(&source.value, area);
        }
    }
    pages
}
