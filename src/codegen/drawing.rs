//! Chart geometry as Typst: codegen's half of the charts. Layout
//! ([`crate::charts`]) returns plain geometry, a [`Drawing`]; this module
//! writes it as a fixed-size box of placed primitives in the theme's
//! palette, with every label's text going through [`markup`], so it stays
//! selectable and prints exactly as typed.

use std::fmt::Write as _;

use super::escape::{markup, string};
use crate::charts::draw::{Align, Drawing, Item, Paint, wedge_outline};
use crate::charts::text::LINE_HEIGHT;

/// The drawing as Typst code, with only the reveal groups up to `last`
/// (all when `None`).
pub fn drawing(d: &Drawing, last: Option<usize>) -> String {
    let mut out = format!("box(width: {}, height: {}, {{\n", pt(d.width), pt(d.height));
    for item in d.shown(last) {
        let code = match item {
            Item::Line {
                from,
                to,
                paint: p,
                width,
            } => format!(
                "place(line(start: ({}, {}), end: ({}, {}), stroke: (paint: {}, thickness: {})))",
                pt(from.0),
                pt(from.1),
                pt(to.0),
                pt(to.1),
                paint(*p),
                pt(*width),
            ),
            Item::Rect { rect, fill } => format!(
                "place(dx: {}, dy: {}, rect(width: {}, height: {}, fill: {}))",
                pt(rect.x),
                pt(rect.y),
                pt(rect.w),
                pt(rect.h),
                paint(*fill)
            ),
            Item::Wedge {
                at,
                outer,
                inner,
                start,
                end,
                fill,
            } => {
                let points: Vec<String> = wedge_outline(*at, *outer, *inner, *start, *end)
                    .into_iter()
                    .map(|(x, y)| format!("({}, {})", pt(x), pt(y)))
                    .collect();
                format!(
                    "place(dx: 0pt, dy: 0pt, polygon(fill: {}, stroke: 1.5pt + deck.palette.background, {}))",
                    paint(*fill),
                    points.join(", ")
                )
            }
            Item::Dot { at, r, fill } => format!(
                "place(dx: {}, dy: {}, circle(radius: {}, fill: {}, stroke: 1.2pt + deck.palette.background))",
                pt(at.0 - r),
                pt(at.1 - r),
                pt(*r),
                paint(*fill)
            ),
            Item::Label {
                rect,
                lines,
                size,
                paint: p,
                bold,
                align,
                source,
                lead,
            } => {
                let body: Vec<String> = lines.iter().map(|l| markup(l)).collect();
                let prefix = match (source, lead) {
                    (true, _) => "#deck.labels.source;".to_string(),
                    (false, Some((lead, lp))) => format!(
                        "#text(weight: \"bold\", fill: {}, {}); ",
                        paint(*lp),
                        string(lead)
                    ),
                    _ => String::new(),
                };
                // One em of slack so Typst never wraps a line we measured.
                let slack = match align {
                    Align::Left => 0.0,
                    Align::Center => -size / 2.0,
                    Align::Right => -size,
                };
                format!(
                    "place(dx: {}, dy: {}, box(width: {}, align({}, text(size: {}, fill: {}, weight: {}, top-edge: \"ascender\", bottom-edge: \"descender\", par(leading: {}, spacing: 0pt, [{prefix}{}])))))",
                    pt(rect.x + slack),
                    pt(rect.y),
                    pt(rect.w + size),
                    match align {
                        Align::Left => "left",
                        Align::Center => "center",
                        Align::Right => "right",
                    },
                    pt(*size),
                    paint(*p),
                    if *bold { "\"bold\"" } else { "\"regular\"" },
                    pt(size * (LINE_HEIGHT - 1.0)),
                    body.join("#linebreak();")
                )
            }
        };
        let _ = writeln!(out, "  {code}");
    }
    out.push_str("})");
    out
}

/// The Typst expression for a colour role, from the theme's palette.
fn paint(p: Paint) -> String {
    match p {
        Paint::Series(i) => {
            format!("deck.palette.series.at(calc.rem({i}, deck.palette.series.len()))")
        }
        Paint::Text => "deck.palette.text".into(),
        Paint::Muted => "deck.palette.muted".into(),
        Paint::Surface => "deck.palette.surface".into(),
        Paint::Background => "deck.palette.background".into(),
    }
}

/// A length in points for Typst.
fn pt(v: f64) -> String {
    let v = if v.is_finite() { v } else { 0.0 };
    format!("{v:.2}pt")
}

/// The `alt:` argument of a chart's figure.
pub fn alt_attr(alt: &str) -> String {
    format!("alt: {}", string(alt))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::Area;

    #[test]
    fn emitted_labels_escape_their_text() {
        let mut d = Drawing::new(Area {
            width: 100.0,
            height: 50.0,
        });
        d.label("#x $y$", 0.0, 0.0, 10.0, Paint::Text, false, Align::Left);
        let code = drawing(&d, None);
        assert!(code.contains("#\"#x $y$\";"), "{code}");
    }
}
