//! Chart geometry as Typst: codegen's half of the charts. Layout
//! ([`crate::charts`]) returns plain geometry, a [`Drawing`]; this module
//! writes it as a fixed-size box of placed primitives in the theme's
//! palette, with every label's text going through [`markup`], so it stays
//! selectable and prints exactly as typed.

use std::fmt::Write as _;

use super::escape::{Macros, markup, string};
use crate::charts::draw::{Align, Drawing, Item, Paint, Rect, wedge_outline};
use crate::charts::text::LINE_HEIGHT;
use crate::outline::diagram::{Head, Shape};

/// The drawing as Typst code, with only the reveal groups up to `last`
/// (all when `None`).
pub fn drawing(d: &Drawing, last: Option<usize>, macros: &Macros) -> String {
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
            Item::Shape {
                rect,
                shape,
                fill,
                stroke,
            } => shape_code(*rect, *shape, paint(*fill), paint(*stroke)),
            Item::Path {
                points,
                paint: p,
                width,
                dashed,
                head,
                tail,
            } => path_code(points, &paint(*p), *width, *dashed, (*head, *tail)),
            Item::Frame { rect, stroke } => format!(
                "place(dx: {}, dy: {}, rect(width: {}, height: {}, stroke: 1.2pt + {}))",
                pt(rect.x),
                pt(rect.y),
                pt(rect.w),
                pt(rect.h),
                paint(*stroke)
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
                literal,
            } => {
                let body: Vec<String> = lines
                    .iter()
                    .map(|l| {
                        if *literal {
                            format!("#{};", string(l))
                        } else {
                            markup(l, macros)
                        }
                    })
                    .collect();
                let prefix = match (source, lead) {
                    (true, _) => "#deck.labels.source;".to_string(),
                    (false, Some((lead, lp))) => format!(
                        "#text(weight: \"bold\", fill: {}, {}); ",
                        paint(*lp),
                        string(lead)
                    ),
                    _ => String::new(),
                };
                // Each line is one em high (the CJK face's ascender and
                // descender, whatever face a line mixes in) plus the leading:
                // the line height the layout counted. One em of slack so
                // Typst never wraps a line we measured.
                let slack = match align {
                    Align::Left => 0.0,
                    Align::Center => -size / 2.0,
                    Align::Right => -size,
                };
                format!(
                    "place(dx: {}, dy: {}, box(width: {}, align({}, text(size: {}, fill: {}, weight: {}, top-edge: 0.88em, bottom-edge: -0.12em, par(leading: {}, spacing: 0pt, [{prefix}{}])))))",
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

/// A node's outline as Typst: filled, stroked 1.5 pt.
fn shape_code(r: Rect, shape: Shape, fill: String, stroke: String) -> String {
    let at =
        |dx: f64, dy: f64, what: String| format!("place(dx: {}, dy: {}, {what})", pt(dx), pt(dy));
    let s = format!("1.5pt + {stroke}");
    let rect = |radius: f64| {
        format!(
            "rect(width: {}, height: {}, fill: {fill}, stroke: {s}, radius: {})",
            pt(r.w),
            pt(r.h),
            pt(radius)
        )
    };
    match shape {
        Shape::Box => at(r.x, r.y, rect(0.0)),
        Shape::Round => at(r.x, r.y, rect(8.0)),
        Shape::Stadium => at(r.x, r.y, rect(r.h / 2.0)),
        Shape::Subroutine => {
            let bar = |x: f64| {
                format!(
                    "place(line(start: ({}, {}), end: ({}, {}), stroke: {s}))",
                    pt(x),
                    pt(r.y),
                    pt(x),
                    pt(r.y + r.h)
                )
            };
            format!(
                "{}; {}; {}",
                at(r.x, r.y, rect(0.0)),
                bar(r.x + 7.0),
                bar(r.x + r.w - 7.0)
            )
        }
        Shape::Cylinder => {
            let cap = super::super::diagrams::cylinder_cap(r.h);
            let ellipse = format!(
                "ellipse(width: {}, height: {}, fill: {fill}, stroke: {s})",
                pt(r.w),
                pt(cap)
            );
            let body = format!(
                "rect(width: {}, height: {}, fill: {fill}, stroke: (left: {s}, right: {s}))",
                pt(r.w),
                pt(r.h - cap)
            );
            format!(
                "{}; {}; {}",
                at(r.x, r.y + r.h - cap, ellipse.clone()),
                at(r.x, r.y + cap / 2.0, body),
                at(r.x, r.y, ellipse)
            )
        }
        Shape::Circle => at(r.x, r.y, circle(r, &fill, &s)),
        Shape::DoubleCircle => {
            let inner = Rect {
                x: r.x + 4.0,
                y: r.y + 4.0,
                w: r.w - 8.0,
                h: r.h - 8.0,
            };
            format!(
                "{}; {}",
                at(r.x, r.y, circle(r, &fill, &s)),
                at(inner.x, inner.y, circle(inner, "none", &s))
            )
        }
        polygonal => polygon(&outline_points(r, polygonal), &fill, &s),
    }
}

/// A circle (an ellipse if the box is not square) filling `r`.
fn circle(r: Rect, fill: &str, stroke: &str) -> String {
    format!(
        "ellipse(width: {}, height: {}, fill: {fill}, stroke: {stroke})",
        pt(r.w),
        pt(r.h)
    )
}

/// A closed polygon through `points`.
fn polygon(points: &[(f64, f64)], fill: &str, stroke: &str) -> String {
    format!(
        "place(polygon(fill: {fill}, stroke: {stroke}, {}))",
        points
            .iter()
            .map(|(x, y)| format!("({}, {})", pt(*x), pt(*y)))
            .collect::<Vec<_>>()
            .join(", ")
    )
}

/// The corners of a shape drawn as a polygon, clockwise from the top
/// left; a box for the shapes that are not polygons.
fn outline_points(r: Rect, shape: Shape) -> Vec<(f64, f64)> {
    let (x0, y0, x1, y1) = (r.x, r.y, r.x + r.w, r.y + r.h);
    let ym = r.y + r.h / 2.0;
    let slant = (0.4 * r.h).min(r.w / 4.0);
    match shape {
        Shape::Diamond => vec![
            (r.x + r.w / 2.0, y0),
            (x1, ym),
            (r.x + r.w / 2.0, y1),
            (x0, ym),
        ],
        Shape::Hexagon => {
            let k = (r.h / 2.0).min(r.w / 4.0);
            vec![
                (x0 + k, y0),
                (x1 - k, y0),
                (x1, ym),
                (x1 - k, y1),
                (x0 + k, y1),
                (x0, ym),
            ]
        }
        Shape::Parallelogram => vec![(x0 + slant, y0), (x1, y0), (x1 - slant, y1), (x0, y1)],
        Shape::ParallelogramAlt => vec![(x0, y0), (x1 - slant, y0), (x1, y1), (x0 + slant, y1)],
        Shape::Trapezoid => vec![(x0 + slant, y0), (x1 - slant, y0), (x1, y1), (x0, y1)],
        Shape::TrapezoidAlt => vec![(x0, y0), (x1, y0), (x1 - slant, y1), (x0 + slant, y1)],
        Shape::Asymmetric => vec![(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0 + r.h / 2.0, ym)],
        _ => vec![(x0, y0), (x1, y0), (x1, y1), (x0, y1)],
    }
}

/// A path as Typst: a curve of straight segments, its ends shortened under
/// filled arrowheads and circles, which are drawn on top.
fn path_code(
    points: &[(f64, f64)],
    paint: &str,
    width: f64,
    dashed: bool,
    ends: (Head, Head),
) -> String {
    let mut points = points.to_vec();
    let mut marks = Vec::new();
    let n = points.len();
    if n < 2 {
        return String::new();
    }
    for (head, tip, from) in [(ends.0, n - 1, n - 2), (ends.1, 0, 1)] {
        let (t, f) = (points[tip], points[from]);
        let len = ((t.0 - f.0).powi(2) + (t.1 - f.1).powi(2)).sqrt().max(1e-6);
        let dir = ((t.0 - f.0) / len, (t.1 - f.1) / len);
        let back = |d: f64| (t.0 - dir.0 * d, t.1 - dir.1 * d);
        let side = |p: (f64, f64), d: f64| (p.0 - dir.1 * d, p.1 + dir.0 * d);
        let l = 3.0 * width + 6.0;
        let xy = |p: (f64, f64)| format!("({}, {})", pt(p.0), pt(p.1));
        match head {
            Head::None => {}
            Head::Arrow => {
                let base = back(l);
                marks.push(format!(
                    "place(polygon(fill: {paint}, {}, {}, {}))",
                    xy(t),
                    xy(side(base, l * 0.45)),
                    xy(side(base, -l * 0.45))
                ));
                points[tip] = back(l * 0.8);
            }
            Head::Open => {
                let base = back(l);
                marks.push(format!(
                    "place(curve(stroke: (paint: {paint}, thickness: {}, join: \"round\"), curve.move({}), curve.line({}), curve.line({})))",
                    pt(width),
                    xy(side(base, l * 0.45)),
                    xy(t),
                    xy(side(base, -l * 0.45))
                ));
            }
            Head::Circle => {
                let r = 4.0;
                let c = back(r);
                marks.push(format!(
                    "place(dx: {}, dy: {}, circle(radius: {}, fill: deck.palette.background, stroke: {} + {paint}))",
                    pt(c.0 - r),
                    pt(c.1 - r),
                    pt(r),
                    pt(width)
                ));
                points[tip] = back(2.0 * r);
            }
            Head::Cross => {
                let c = back(5.0);
                let d = 4.0;
                for (a, b) in [((d, d), (-d, -d)), ((d, -d), (-d, d))] {
                    marks.push(format!(
                        "place(line(start: ({}, {}), end: ({}, {}), stroke: {} + {paint}))",
                        pt(c.0 + a.0),
                        pt(c.1 + a.1),
                        pt(c.0 + b.0),
                        pt(c.1 + b.1),
                        pt(width)
                    ));
                }
            }
        }
    }
    let dash = if dashed { ", dash: \"dashed\"" } else { "" };
    let mut segments = vec![format!(
        "curve.move(({}, {}))",
        pt(points[0].0),
        pt(points[0].1)
    )];
    segments.extend(
        points[1..]
            .iter()
            .map(|p| format!("curve.line(({}, {}))", pt(p.0), pt(p.1))),
    );
    let mut out = format!(
        "place(curve(stroke: (paint: {paint}, thickness: {}, join: \"round\"{dash}), {}))",
        pt(width),
        segments.join(", ")
    );
    for m in marks {
        out.push_str("; ");
        out.push_str(&m);
    }
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
        Paint::Palette(name) => format!("deck.palette.at({})", string(name)),
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
        let code = drawing(&d, None, &[]);
        assert!(code.contains("#\"#x $y$\";"), "{code}");
    }
}
