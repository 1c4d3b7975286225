//! Lists on slides: their markup at each reveal step (items shown, the
//! rest laid out hidden), and a list alone on its slide as items that may
//! continue over further pages.

use super::escape::{Macros, markup};
use crate::outline::{Item, List, Reveal};

/// A list alone on its slide as pieces that `lectern-fit` may split
/// between pages: one `list.item` (or numbered `enum.item`) per top-level
/// item, with the items under it. Typst joins adjacent items into one list,
/// so the slide looks as one list; continued, the numbers go on.
pub(super) fn list_items(list: &List, macros: &Macros) -> Vec<String> {
    list.items
        .iter()
        .zip(list.start as usize..)
        .map(|(item, n)| {
            let body = item_markup(item, &mut { usize::MAX }, false, macros);
            if list.numbered {
                format!("#enum.item({n}){body}")
            } else {
                format!("#list.item{body}")
            }
        })
        .collect()
}

/// A list's markup at each of its own steps: one per top-level item
/// (`reveal: items`), one per item at any level (`nested`), or one.
pub(super) fn list_steps(list: &List, reveal: Reveal, macros: &Macros) -> Vec<String> {
    let nested = reveal == Reveal::Nested;
    let steps = match reveal {
        Reveal::Items => list.items.len(),
        Reveal::Nested => list.count_nested(),
        _ => 1,
    };
    if steps <= 1 {
        return vec![list_markup(list, &mut { usize::MAX }, nested, macros)];
    }
    (1..=steps)
        .map(|shown| list_markup(list, &mut { shown }, nested, macros))
        .collect()
}

/// A list with its first `budget` items shown (counted at every level when
/// `nested`, else top-level items only); the rest are laid out hidden, so
/// nothing moves from step to step. Numbers are the list's own (`start`).
fn list_markup(list: &List, budget: &mut usize, nested: bool, macros: &Macros) -> String {
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
            rest.push(item_markup(item, &mut { usize::MAX }, nested, macros));
            continue;
        }
        *budget -= 1;
        shown.push(if nested {
            item_markup(item, budget, nested, macros)
        } else {
            item_markup(item, &mut { usize::MAX }, nested, macros)
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
fn item_markup(item: &Item, budget: &mut usize, nested: bool, macros: &Macros) -> String {
    let sub = item
        .sub
        .as_ref()
        .map_or_else(String::new, |l| list_markup(l, budget, nested, macros));
    format!("[{}{sub}]", markup(&item.text.value, macros))
}
