//! Diagrams as Typst: laid out by [`crate::diagrams`], written by
//! [`super::drawing`] as a figure with generated alt text, scaled with the
//! theme's body size, enlarged (up to [`MAX_ENLARGE`]) when small, and
//! scaled down (with a warning at the diagram) only when it cannot fit the
//! slide at the readable size.

use super::escape::content;
use super::{Context, chart_area, drawing};
use crate::charts::{Area, text};
use crate::diagnostics::Diagnostic;
use crate::diagrams::{self, Laid};
use crate::outline::diagram::Diagram;

/// Room under a diagram for its caption, at the base text size.
const CAPTION_ROOM: f64 = 26.0;

/// Room kept free under a diagram that fills its height: the slide's height
/// is an estimate, and a figure pushed over the page end moves whole.
const SLACK: f64 = 24.0;

/// The most a small diagram is enlarged to use its slide.
pub const MAX_ENLARGE: f64 = 1.4;

/// The area a diagram of `room` (width, height) is laid out in, at the base
/// size, and the factor the theme scales it by.
fn area(d: &Diagram, (width, height): (f64, f64), ctx: Context<'_>) -> (Area, f64) {
    let (area, scale) = chart_area(width, height, ctx);
    let caption = if d.caption.is_some() {
        CAPTION_ROOM
    } else {
        0.0
    };
    (
        Area {
            width: area.width,
            height: area.height - caption - SLACK,
        },
        scale,
    )
}

/// A diagram's layout, measured in the theme's faces, remembered.
#[comemo::memoize]
fn laid(d: &Diagram, area: Area, ctx: Context<'_>) -> Laid {
    text::measuring(ctx.faces, || diagrams::layout(d, area))
}

/// The diagram's pages: one, or one per reveal step when it has `reveal`
/// and `reveal` is asked for (a diagram in a column shows its last step).
pub(super) fn pages(
    d: &Diagram,
    room: (f64, f64),
    ctx: Context<'_>,
    (reveal, alt): (bool, Option<&str>),
) -> Vec<Vec<String>> {
    let (area, scale) = area(d, room, ctx);
    let laid = laid(d, area, ctx);
    let drawn = &laid.drawing;
    let fit = (area.width / drawn.width.max(1.0))
        .min(area.height / drawn.height.max(1.0))
        .min(MAX_ENLARGE);
    let percent = scale * fit * 100.0;
    let alt = drawing::alt_attr(
        &alt.map_or_else(|| diagrams::alt::describe(d, ctx.lang), str::to_string),
    );
    let caption = d.caption.as_ref().map_or_else(String::new, |c| {
        format!(
            "#v(0.3em)#align(center, text(size: {:.1}pt, {}))",
            text::SIZE * scale,
            content(&c.value, ctx.macros)
        )
    });
    // The diagram is centred in the room it was fitted to, so that a wide,
    // flat diagram does not hang under the title above an empty slide.
    let room = (area.height + d.caption.as_ref().map_or(0.0, |_| CAPTION_ROOM)) * scale;
    let figure = |body: String| {
        format!(
            "#block(width: 100%, height: {room:.1}pt, align(center + horizon, figure(kind: \"lectern-diagram\", supplement: none, numbering: none, {alt}, [#scale(x: {percent:.2}%, y: {percent:.2}%, reflow: true, {body}){caption}])))"
        )
    };
    let steps = drawn.group_count();
    if reveal && steps > 1 {
        vec![
            (0..steps)
                .map(|g| figure(drawing::drawing(drawn, Some(g), ctx.macros)))
                .collect(),
        ]
    } else {
        vec![vec![figure(drawing::drawing(drawn, None, ctx.macros))]]
    }
}

/// The warning for a diagram too big for its slide at the readable size.
pub(super) fn warning(d: &Diagram, width: f64, ctx: Context<'_>) -> Option<Diagnostic> {
    let (area, _) = area(d, (width, super::CHART_HEIGHT), ctx);
    let laid = laid(d, area, ctx);
    if laid.turned {
        return Some(
            Diagnostic::note("this chart is too tall for its room top to bottom: it is drawn left to right (`direction: auto`)")
                .at(d.span.clone())
                .hint("write `direction: down` to keep it top to bottom, drawn smaller"),
        );
    }
    let overflow = laid.overflow?;
    let hint = if laid.fits_across {
        "drawn left to right it fits at the readable size: write `flowchart LR` in Mermaid or `direction: right`, or `direction: auto` to turn it only when it must"
    } else {
        "split it over two slides, shorten its labels, or give it the whole slide instead of a column"
    };
    Some(
        Diagnostic::warning(format!(
            "{overflow}; it is drawn smaller than the readable size"
        ))
        .at(d.span.clone())
        .hint(hint),
    )
}
