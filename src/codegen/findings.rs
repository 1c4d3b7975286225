//! What codegen learns about a content slide besides its markup: the
//! slide's description for later stages ([`SlideInfo`]) and the warnings
//! of its layout in Rust (code, tables, chart sources, diagrams, a title
//! too long for its area), each at its YAML line.

use super::{
    CHART_HEIGHT, CONTENT_WIDTH, Context, RawSource, SlideInfo, SlideKind, chart_area,
    chart_layout, code, columns, diagram, table,
};
use crate::charts;
use crate::outline::{Block, Fitting, Slide, Text};

/// Describes a content slide of section `section` (`None`: closing).
pub(super) fn slide_info(slide: &Slide, section: Option<usize>, ctx: Context<'_>) -> SlideInfo {
    let mut raw = None;
    crate::outline::walk(&slide.body, &mut |b| {
        if let (None, Block::Typst(code)) = (&raw, b) {
            raw = Some(code);
        }
    });
    let raw = raw.map(|code| RawSource {
        yaml: code.span.clone(),
        code: code.value.clone(),
        at: 0,
    });
    let (table_fit, mut warnings) = slide_findings(
        &slide.body,
        ctx.fit.slide(slide.fit),
        ctx,
        slide.span.range.start,
    );
    warnings.extend(slide.title.as_ref().and_then(|t| title_warning(t, ctx)));
    SlideInfo {
        kind: SlideKind::Content,
        title: slide
            .title
            .as_ref()
            .map_or_else(String::new, |t| t.value.clone()),
        span: Some(slide.span.clone()),
        notes: slide.notes.as_ref().map(|n| n.value.clone()),
        pause: slide.pause.as_ref().map_or(0, |p| p.value),
        section,
        raw,
        timeline_fit: timeline_fit(&slide.body, ctx),
        table_fit,
        warnings,
    }
}

/// What a slide's layout in Rust tells about it, remembered: an unchanged
/// slide costs a lookup. It gives, for a slide-wide table continued over
/// several slides, the rows on its first slide and in all; and the warnings
/// of its code blocks, tables and charts (too big even at the smallest
/// size, a source line cut), each at its YAML line. Each block is laid out
/// once here. A span's hash leaves out its place in the file, so the
/// slide's place (`at`) is part of the key, and a slide that moved gets
/// warnings at its new place.
#[comemo::memoize]
fn slide_findings(
    body: &[crate::outline::Placed],
    fit: Fitting,
    ctx: Context<'_>,
    at: usize,
) -> (Option<(usize, usize)>, Vec<crate::diagnostics::Diagnostic>) {
    let _ = at;
    let body_pt = f64::from(ctx.body);
    let mut table_fit = None;
    let mut warnings = Vec::new();
    // `whole`: the block is the slide's only one (not in a stack or column).
    let whole = body.len() == 1;
    columns::leaves(body, CONTENT_WIDTH, true, &mut |b, width, top| {
        let found: Vec<crate::diagnostics::Diagnostic> = match b {
            // Code that continues over pages is reported with them; only a
            // line too wide for a page is a warning of its own.
            Block::Code(c) => match code::code_parts(c, fit, body_pt).filter(|_| whole && top) {
                Some(parts) => code::code_size(&parts[0], width, fit, body_pt, false),
                None => code::code_size(c, width, fit, body_pt, whole && top),
            }
            .warning
            .into_iter()
            .collect(),
            Block::Table(t) => {
                let layout = table::table_layout(t, width, fit, body_pt);
                if whole && top && layout.parts.len() > 1 {
                    table_fit = Some((layout.parts[0].len(), t.rows.len()));
                }
                layout.warning.into_iter().collect()
            }
            Block::Chart(chart) => source_warning(chart, width, ctx).into_iter().collect(),
            Block::Diagram(d) => diagram::warning(d, width, ctx).into_iter().collect(),
            _ => Vec::new(),
        };
        warnings.extend(found);
    });
    (table_fit, warnings)
}

/// The size a long title is set at in the built-in themes' title areas
/// (0.8 × their title size), in points, and the lines they hold.
const TITLE_AREA: (f64, usize) = (22.0, 2);

/// A title too long for two lines of its theme's title area even at 0.8 ×
/// its size: the lines it needs (counted up to a few past the area) and
/// the plain text that fits, ending in "…".
pub(super) fn long_title(title: &str, ctx: Context<'_>) -> Option<(usize, String)> {
    // Bounded: a title is wrapped only up to a few lines past the area.
    let head: String = code::plain(title).chars().take(400).collect();
    let lines = charts::text::measuring(ctx.faces, || {
        charts::text::wrap(&head, TITLE_AREA.0, true, CONTENT_WIDTH)
    });
    if lines.len() <= TITLE_AREA.1 {
        return None;
    }
    let mut kept = lines[..TITLE_AREA.1].join(" ");
    kept.pop();
    kept.push('…');
    Some((lines.len(), kept))
}

/// The warning for a title too long for its theme's title area.
fn title_warning(title: &Text, ctx: Context<'_>) -> Option<crate::diagnostics::Diagnostic> {
    let (lines, _) = long_title(&title.value, ctx)?;
    Some(
        crate::diagnostics::Diagnostic::warning(format!(
            "this title needs {}{lines} lines: it does not fit the title area, and is shown cut after two",
            if lines > 4 { "over " } else { "" }
        ))
        .at(title.span.clone())
        .hint("shorten the title to a line or two; the detail belongs on the slide or in `notes:`"),
    )
}

/// The warning for a chart's source line too long for two lines (the rest
/// is cut with "…").
fn source_warning(
    chart: &charts::Chart,
    width: f64,
    ctx: Context<'_>,
) -> Option<crate::diagnostics::Diagnostic> {
    let source = chart.source.as_ref()?;
    let area = chart_area(width, CHART_HEIGHT, ctx).0;
    let lines = charts::text::measuring(ctx.faces, || {
        charts::source_lines(&source.value, area.width)
    });
    (lines.len() > charts::MAX_SOURCE_LINES).then(|| {
        crate::diagnostics::Diagnostic::warning(format!(
            "this source line needs {} lines under the chart; it is cut after {}",
            lines.len(),
            charts::MAX_SOURCE_LINES
        ))
        .at(source.span.clone())
        .hint("shorten it, and put the full reference in the notes or on a references slide")
    })
}

/// For a slide-wide timeline continued over several slides: the events on
/// its first slide and in all (its dots: one per event). The layout is the
/// one the unit was made from, remembered.
fn timeline_fit(body: &[crate::outline::Placed], ctx: Context<'_>) -> Option<(usize, usize)> {
    let [
        crate::outline::Placed {
            block: Block::Chart(chart),
            ..
        },
    ] = body
    else {
        return None;
    };
    let pages = chart_layout(chart, chart_area(CONTENT_WIDTH, CHART_HEIGHT, ctx).0, ctx);
    let dots = |d: &charts::draw::Drawing| d.dot_count();
    match (&chart.data, pages.as_slice()) {
        (charts::Data::Timeline(_), [first, _, ..]) => {
            Some((dots(first), pages.iter().map(dots).sum()))
        }
        _ => None,
    }
}
