//! A slide's height estimated in Rust, to spare Typst the measuring of a
//! slide that surely fits (`fit: auto` measures every other slide in
//! Typst, which costs a second layout of its blocks).
//!
//! Only plain stacks are estimated: paragraphs, lists, headings and quotes
//! without inline math. Each line is counted as the theme's text face
//! wraps it, a little over; anything else is left to Typst.

use super::{CHART_HEIGHT, CONTENT_WIDTH, Context};
use crate::outline::{Block, Item, Placed, Text};

/// The height of a list item's first line, in em of the body: a line and
/// the theme's item spacing (measured: 1.53–1.58 em in the built-in
/// themes), a little over.
const ITEM_PITCH: f64 = 1.6;
/// Each further line of a paragraph or item, in em: the leading and a line.
const LINE_PITCH: f64 = 1.37;
/// How far in each nesting level of a list starts, in em.
const LIST_INDENT: f64 = 1.6;
/// The space between two blocks, in em.
const BLOCK_GAP: f64 = 1.2;
/// The share of the room an estimate may fill and still surely fit.
const SURE: f64 = 0.8;

/// Whether the stack surely fits the room under a title at full size.
pub(super) fn surely_fits(stack: &[Placed], ctx: Context<'_>) -> bool {
    let body = f64::from(ctx.body);
    crate::charts::text::measuring(ctx.faces, || height(stack, body))
        .is_some_and(|h| h <= SURE * CHART_HEIGHT)
}

/// A plain stack's estimated height in points (`None`: not estimated).
fn height(stack: &[Placed], body: f64) -> Option<f64> {
    let mut total = 0.0;
    for placed in stack {
        let opts = &placed.opts;
        if opts.caption.is_some() || opts.height.is_some() {
            return None;
        }
        let height = match &placed.block {
            Block::Paragraph(text) => text_height(lines(text, body, CONTENT_WIDTH)?, body),
            Block::Heading(text) => {
                text_height(lines(text, body * 1.2, CONTENT_WIDTH)?, body * 1.2)
            }
            Block::Quote { text, .. } => {
                let n = lines(text, body * 1.1, CONTENT_WIDTH - 2.4 * body)?;
                text_height(n + 1, body * 1.1)
            }
            Block::List(list) => list
                .items
                .iter()
                .map(|i| item_height(i, body, 1))
                .sum::<Option<f64>>()?,
            _ => return None,
        };
        total += height + BLOCK_GAP * body;
    }
    Some(total)
}

/// The height of `n` lines of text at `size`, in points.
fn text_height(n: usize, size: f64) -> f64 {
    (1.0 + n.saturating_sub(1) as f64 * LINE_PITCH) * size
}

/// The lines a text takes at `size` in `width` points (`None` with inline
/// math, which may be taller than a line).
fn lines(text: &Text, size: f64, width: f64) -> Option<usize> {
    if text.value.contains("\\(") || text.value.contains("\\[") {
        return None;
    }
    let plain = super::code::plain(&text.value);
    Some(
        crate::charts::text::wrap(&plain, size, false, width)
            .len()
            .max(1),
    )
}

/// An item's estimated height with the items under it, in points.
fn item_height(item: &Item, body: f64, depth: usize) -> Option<f64> {
    let room = (CONTENT_WIDTH - LIST_INDENT * body * depth as f64).max(body);
    let n = lines(&item.text, body, room)?;
    let own = (ITEM_PITCH + (n - 1) as f64 * LINE_PITCH) * body;
    let sub = match &item.sub {
        Some(list) => list
            .items
            .iter()
            .map(|i| item_height(i, body, depth + 1))
            .sum::<Option<f64>>()?,
        None => 0.0,
    };
    Some(own + sub)
}
