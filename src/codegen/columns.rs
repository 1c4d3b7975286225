//! The geometry of a stack: column widths and the grid of a `columns`
//! block, and every leaf block with the width it is laid out in.

use super::COLUMN_GAP;
use super::stack::BOX_INSET;
use crate::outline::{Block, Column, Placed, VAlign, Width};

/// The width of each column in points: shares of the width left after the
/// gutters (equal shares when no column sets its width).
pub(super) fn column_widths(cols: &[Column], width: f64) -> Vec<f64> {
    let n = cols.len().max(1) as f64;
    let free = width - COLUMN_GAP * (n - 1.0);
    let share = |c: &Column| match c.width.as_ref().map(|w| w.value) {
        Some(Width::Ratio(r)) => f64::from(r),
        Some(Width::Percent(p)) => f64::from(p),
        None => 1000.0,
    };
    let percent = cols
        .iter()
        .any(|c| matches!(c.width.as_ref().map(|w| w.value), Some(Width::Percent(_))));
    let total: f64 = if percent {
        100_000.0
    } else {
        cols.iter().map(share).sum::<f64>().max(1.0)
    };
    cols.iter().map(|c| free * share(c) / total).collect()
}

/// The grid's arguments for a `columns` block: column widths (ratios as
/// `fr`, percentages of the width after the gutters), gutter, alignment.
pub(super) fn grid_head(cols: &[Column], width: f64) -> String {
    let n = cols.len().max(1) as f64;
    let gutters = COLUMN_GAP * (n - 1.0);
    let widths: Vec<String> = cols
        .iter()
        .map(|c| match c.width.as_ref().map(|w| w.value) {
            Some(Width::Ratio(r)) => format!("{}fr", f64::from(r) / 1000.0),
            Some(Width::Percent(p)) => {
                let p = f64::from(p) / 1000.0;
                format!("{p}% - {:.2}pt", gutters * p / 100.0)
            }
            None => "1fr".to_string(),
        })
        .collect();
    let aligns: Vec<&str> = cols.iter().map(|c| valign(c.valign)).collect();
    let _ = width;
    format!(
        "columns: ({},), column-gutter: {COLUMN_GAP}pt, align: ({},), ",
        widths.join(", "),
        aligns.join(", ")
    )
}

/// Typst's name for a vertical alignment.
pub(super) fn valign(v: VAlign) -> &'static str {
    match v {
        VAlign::Top => "top",
        VAlign::Middle => "horizon",
        VAlign::Bottom => "bottom",
    }
}

/// Calls `f` on every block of a stack that is not a container, with the
/// width it is laid out in and whether it is a top-level block.
pub(super) fn leaves<'a>(
    stack: &'a [Placed],
    width: f64,
    top: bool,
    f: &mut impl FnMut(&'a Block, f64, bool),
) {
    for placed in stack {
        match &placed.block {
            Block::Columns(cols) => {
                for (c, w) in cols.iter().zip(column_widths(cols, width)) {
                    leaves(&c.body, w, false, f);
                }
            }
            Block::Callout(b) => leaves(&b.body, width - BOX_INSET, false, f),
            other => f(other, width, top),
        }
    }
}
