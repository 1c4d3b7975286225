//! Lists on slides: their markup at each reveal step (items shown, the
//! rest laid out hidden), and a long list's split over continuation pages
//! by its items' estimated heights.

use super::{CHART_HEIGHT, CONTENT_WIDTH, Context, markup};
use crate::outline::{Fit, Item, List, Reveal};

/// The height of a list item's first line, in em of the body: a line and
/// the theme's item spacing (measured: 1.53–1.58 em in the built-in
/// themes), a little over.
const ITEM_PITCH: f64 = 1.6;
/// Each further line of an item, in em: the leading and a line.
const LINE_PITCH: f64 = 1.37;
/// How far in each nesting level starts, in em.
const LIST_INDENT: f64 = 1.6;

/// Whether a list may continue over several slides: alone on its slide,
/// without `fit:` (`fit: shrink` shrinks its text instead, `fit: none` lets
/// it run over and says so), and without steps (they would start over).
pub(super) fn may_continue(alone: bool, fit: Option<Fit>, reveal: Reveal) -> bool {
    alone && fit.is_none() && reveal == Reveal::All
}

/// The items of a list alone on its slide (the whole content width),
/// split over the slide and its continuations by their estimated height
/// (each item's lines as the theme's text face wraps them). One range when
/// the list fits. Remembered: the slide's unit and its description share
/// one measuring.
#[comemo::memoize]
pub(super) fn list_parts(list: &List, ctx: Context<'_>) -> Vec<std::ops::Range<usize>> {
    let width = CONTENT_WIDTH;
    let body = f64::from(ctx.body);
    let heights: Vec<f64> = crate::charts::text::measuring(ctx.faces, || {
        list.items
            .iter()
            .map(|i| item_height(i, width, body, 1))
            .collect()
    });
    if heights.iter().sum::<f64>() <= CHART_HEIGHT {
        return std::iter::once(0..list.items.len()).collect();
    }
    let mut parts = Vec::new();
    let (mut start, mut used) = (0, 0.0);
    for (i, h) in heights.iter().enumerate() {
        if i > start && used + h > CHART_HEIGHT {
            parts.push(start..i);
            (start, used) = (i, 0.0);
        }
        used += h;
    }
    parts.push(start..list.items.len());
    parts
}

/// An item's estimated height with the items under it, in points.
fn item_height(item: &Item, width: f64, body: f64, depth: usize) -> f64 {
    let room = (width - LIST_INDENT * body * depth as f64).max(body);
    let text = super::code::plain(&item.text.value);
    let lines = crate::charts::text::wrap(&text, body, false, room)
        .len()
        .max(1);
    let own = (ITEM_PITCH + (lines - 1) as f64 * LINE_PITCH) * body;
    own + item.sub.as_ref().map_or(0.0, |l| {
        l.items
            .iter()
            .map(|i| item_height(i, width, body, depth + 1))
            .sum()
    })
}

/// A list's markup at each of its own steps: one per top-level item
/// (`reveal: items`), one per item at any level (`nested`), or one.
pub(super) fn list_steps(list: &List, reveal: Reveal) -> Vec<String> {
    let nested = reveal == Reveal::Nested;
    let steps = match reveal {
        Reveal::Items => list.items.len(),
        Reveal::Nested => list.count_nested(),
        _ => 1,
    };
    if steps <= 1 {
        return vec![list_markup(list, &mut { usize::MAX }, nested)];
    }
    (1..=steps)
        .map(|shown| list_markup(list, &mut { shown }, nested))
        .collect()
}

/// A list with its first `budget` items shown (counted at every level when
/// `nested`, else top-level items only); the rest are laid out hidden, so
/// nothing moves from step to step. Numbers are the list's own (`start`).
fn list_markup(list: &List, budget: &mut usize, nested: bool) -> String {
    let call = |start: usize, items: &[String]| {
        if list.numbered {
            format!("enum(start: {start}, {})", items.join(", "))
        } else {
            format!("list({})", items.join(", "))
        }
    };
    let mut shown = Vec::new();
    let mut rest = Vec::new();
    for item in &list.items {
        if *budget == 0 {
            rest.push(item_markup(item, &mut { usize::MAX }, nested));
            continue;
        }
        *budget -= 1;
        shown.push(if nested {
            item_markup(item, budget, nested)
        } else {
            item_markup(item, &mut { usize::MAX }, nested)
        });
    }
    let start = list.start as usize;
    let mut out = String::new();
    if !shown.is_empty() {
        out = format!("#{}", call(start, &shown));
    }
    if !rest.is_empty() {
        out.push_str(&format!("#hide({})", call(start + shown.len(), &rest)));
    }
    out
}

/// One item and the list under it.
fn item_markup(item: &Item, budget: &mut usize, nested: bool) -> String {
    let sub = item
        .sub
        .as_ref()
        .map_or_else(String::new, |l| list_markup(l, budget, nested));
    format!("[{}{sub}]", markup(&item.text.value))
}
