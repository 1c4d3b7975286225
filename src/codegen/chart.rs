//! Charts as Typst figures: laid out in Rust for the room they are given
//! (remembered), drawn at the theme's drawn-text size, one figure per page
//! of a dense timeline and per reveal step.

use super::{Context, drawing};
use crate::charts::text::Faces;
use crate::charts::{self, Area, alt};
use crate::theme::Theme;
use crate::world::fonts::FontSet;

/// A chart as figures: one per page of its layout (a dense timeline has
/// several) and, when `reveal` is set, one per step within each page: series
/// (or timeline categories) appear one at a time over fixed axes. Its alt
/// text is `alt`, or a sentence made from its data.
pub(super) fn chart_pages(
    chart: &charts::Chart,
    (width, height): (f64, f64),
    ctx: Context<'_>,
    (reveal, alt): (bool, Option<&str>),
) -> Vec<Vec<String>> {
    let (area, scale) = chart_area(width, height, ctx);
    let alt =
        drawing::alt_attr(&alt.map_or_else(|| alt::describe(chart, ctx.lang), str::to_string));
    let figure = |body: String| {
        let body = if scale > 1.0 {
            let percent = scale * 100.0;
            format!("scale(x: {percent:.2}%, y: {percent:.2}%, reflow: true, {body})")
        } else {
            body
        };
        format!(
            "#figure(kind: \"lectern-chart\", supplement: none, numbering: none, {alt}, {body})"
        )
    };
    chart_layout(chart, area, ctx)
        .iter()
        .map(|d| match d.group_count() {
            n if reveal && n > 1 => (0..n)
                .map(|g| figure(drawing::drawing(d, Some(g), ctx.macros)))
                .collect(),
            _ => vec![figure(drawing::drawing(d, None, ctx.macros))],
        })
        .collect()
}

/// The area a chart or diagram `width` by `height` points is laid out in (a
/// slide's whole room is [`CHART_HEIGHT`] high), and the
/// factor it is then scaled by. Drawn text is laid out at the base size
/// ([`charts::text::SIZE`], 0.7 × a 20 pt body); a theme with larger
/// `chart-text` lays it out in a smaller area, then scales it up
/// to fill the real one: every label, tick and line grows alike (text to at
/// least 0.7 × body, source lines to 0.6 ×), and the layout's guarantees
/// hold.
pub(super) fn chart_area(width: f64, height: f64, ctx: Context<'_>) -> (Area, f64) {
    let scale = drawn_scale(ctx);
    let area = Area {
        width: width / scale,
        height: height / scale,
    };
    (area, scale)
}

/// The least size of drawn text (charts, diagrams), as a share of the
/// theme's body size; source lines are 12/14 of it (0.6 × body).
pub const DRAWN_TEXT_OF_BODY: f64 = 0.7;

/// How much drawn text grows over the base size for a theme: to its
/// `chart-text`, and at least to [`DRAWN_TEXT_OF_BODY`] × its body size.
pub(super) fn drawn_scale(ctx: Context<'_>) -> f64 {
    let by_theme = f64::from(ctx.chart_text) / charts::text::SIZE;
    let by_body = DRAWN_TEXT_OF_BODY * f64::from(ctx.body) / charts::text::SIZE;
    by_theme.max(by_body).max(1.0)
}

/// A chart's layout, measured in the theme's faces, remembered: the slide's
/// unit and its description share one.
#[comemo::memoize]
pub(super) fn chart_layout(
    chart: &charts::Chart,
    area: Area,
    ctx: Context<'_>,
) -> Vec<charts::draw::Drawing> {
    charts::text::measuring(ctx.faces, || charts::layout(chart, area, ctx.lang))
}

/// The faces a theme's chart text is measured in: its `text` families, and
/// the `fallbacks` after them, as `fonts` holds them.
pub fn chart_faces(theme: &Theme, fallbacks: &[String], fonts: &FontSet) -> Faces {
    let families: Vec<&str> = theme
        .text_fonts
        .iter()
        .chain(fallbacks)
        .map(String::as_str)
        .collect();
    Faces::select(&families, fonts.book(), |i| fonts.font(i))
}
