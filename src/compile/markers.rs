//! The markers lectern leaves in the laid-out deck, read back: where every
//! page belongs (slide, continuation part, step), the slides that ran over
//! or were cut at their floor, formulas wider than their room, and the
//! gap-fill terms.

use typst::foundations::{Dict, Label, Selector, Value};
use typst::introspection::{Introspector, MetadataElem};
use typst::utils::PicoStr;
use typst_layout::PagedDocument;

use super::PageInfo;

/// A slide whose content ran over its page.
pub(super) struct Overflow {
    /// The slide id.
    pub(super) slide: usize,
    /// How many extra pages it spilled onto.
    pub(super) pages: usize,
    /// Roughly how far it ran over, in points.
    pub(super) points: f64,
}

/// Slides that continue over several parts (a dense timeline), with the
/// number of parts.
pub(super) fn continued(pages: &[PageInfo]) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    for page in pages.iter().filter(|p| p.part > 0) {
        match out.last_mut() {
            Some((slide, parts)) if *slide == page.slide => *parts = (*parts).max(page.part + 1),
            _ => out.push((page.slide, page.part + 1)),
        }
    }
    out
}

/// Reads the slide markers: where every page belongs, and the pages whose
/// content ran over onto extra pages (with how many).
pub(super) fn page_map(document: &PagedDocument, slides: usize) -> (Vec<PageInfo>, Vec<Overflow>) {
    // Each marker: where it belongs, its page, and its height on the page.
    let markers = |name: &str| -> Vec<(PageInfo, usize, f64)> {
        query_markers(document, name)
            .into_iter()
            .filter_map(|m| {
                let field = |key: &str| match m.dict.get(key) {
                    Ok(Value::Int(i)) => usize::try_from(*i).ok(),
                    _ => None,
                };
                let info = PageInfo {
                    slide: field("id")?,
                    part: field("part")?,
                    step: field("step")?,
                    steps: field("steps")?,
                    keep: matches!(m.dict.get("keep"), Ok(Value::Bool(true))),
                };
                Some((info, m.page, m.y))
            })
            .filter(|(info, _, _)| info.slide < slides)
            .collect()
    };
    let starts = markers("lectern-slide");
    let ends = markers("lectern-end");
    // Pages a fitted slide continues over (`lectern-more`) start with a
    // marker of their own.
    let conts = markers("lectern-cont");
    let mut pages = vec![PageInfo::default(); document.pages().len()];
    let mut current = PageInfo::default();
    for (page, slot) in pages.iter_mut().enumerate() {
        if let Some((info, _, _)) = starts.iter().chain(&conts).find(|(_, p, _)| *p == page) {
            current = *info;
        }
        *slot = current;
    }
    // Each page call has one start and one end marker, in document order.
    // The overflow is measured from the top of the content (where the start
    // marker sits) to the end marker on the last page it reached.
    let page_height = document
        .pages()
        .first()
        .map_or(0.0, |p| p.frame.height().to_pt());
    let overflow = starts
        .iter()
        .zip(&ends)
        .map(|((info, start, top), end)| {
            // The last page the slide's own markers start: its first, or
            // its last continuation.
            let last = conts
                .iter()
                .filter(|(c, p, _)| c.slide == info.slide && p > start && p <= &end.1)
                .map(|(_, p, y)| (*p, *y))
                .max_by_key(|(p, _)| *p)
                .unwrap_or((*start, *top));
            ((info, last.0, last.1), end)
        })
        .filter(|((_, start, _), (_, end, _))| end > start)
        .map(|((info, start, top), (_, end, bottom))| {
            let full_pages = (end - start - 1) as f64;
            let over = full_pages * (page_height - top) + (bottom - top).max(0.0);
            Overflow {
                slide: info.slide,
                pages: end - start,
                points: over,
            }
        })
        .collect();
    (pages, overflow)
}

/// A slide `fit: auto` could not fit even at its floor.
#[derive(Debug, Clone, Copy)]
pub(super) struct Overfull {
    /// The slide id.
    pub(super) slide: usize,
    /// The first step (from 1) that runs over, and the slide's steps.
    pub(super) step: (usize, usize),
    /// The floor it was set at.
    pub(super) floor: f64,
    /// How far it runs over at the floor, in points.
    pub(super) over: f64,
}

/// Slides `fit: auto` could not fit even at their floor, one entry per
/// slide (its first step that runs over).
pub(super) fn overfull(document: &PagedDocument, pages: &[PageInfo]) -> Vec<Overfull> {
    let mut found: Vec<Overfull> = query_markers(document, "lectern-overfull")
        .into_iter()
        .filter_map(|m| {
            let number = |key: &str| match m.dict.get(key) {
                Ok(Value::Float(v)) => Some(*v),
                _ => None,
            };
            let page = pages.get(m.page)?;
            Some(Overfull {
                slide: page.slide,
                step: (page.step + 1, page.steps),
                floor: number("floor")?,
                over: number("over")?,
            })
        })
        .collect();
    found.dedup_by_key(|o| o.slide);
    found
}

/// A formula wider than its room: `lectern-math` leaves a `<lectern-wide>`
/// marker with how much wider and how wide the room is (points).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Wide {
    /// The slide.
    pub slide: usize,
    /// How much wider than its room, in points.
    pub over: f64,
    /// How wide its room is, in points.
    pub room: f64,
    /// Whether the room is a column (under two thirds of the page's width).
    pub column: bool,
}

/// The slides holding a formula wider than its room, the first per slide.
pub(super) fn wide(document: &PagedDocument, pages: &[PageInfo]) -> Vec<Wide> {
    let mut found: Vec<Wide> = query_markers(document, "lectern-wide")
        .into_iter()
        .filter_map(|m| {
            let number = |key: &str| match m.dict.get(key) {
                Ok(Value::Float(v)) => Some(*v),
                _ => None,
            };
            let page_width = document.pages().get(m.page)?.frame.width().to_pt();
            let room = number("room").unwrap_or(page_width);
            Some(Wide {
                slide: pages.get(m.page)?.slide,
                over: number("over")?,
                room,
                column: room < page_width * 2.0 / 3.0,
            })
        })
        .collect();
    found.dedup_by_key(|w| w.slide);
    found
}

/// A `#metadata(dictionary) <label>` marker found in the laid-out document.
struct Marker {
    /// The marker's dictionary.
    dict: Dict,
    /// The page it landed on, from 0.
    page: usize,
    /// Its distance from the top of the page, in points.
    y: f64,
}

/// Every metadata value with the given label, in document order, with the
/// page it landed on (from 0) and its distance from the top of that page.
fn labelled(document: &PagedDocument, name: &str) -> Vec<(Value, usize, f64)> {
    let introspector = document.introspector();
    let Some(label) = Label::new(PicoStr::intern(name)) else {
        return Vec::new();
    };
    introspector
        .query(&Selector::Label(label))
        .iter()
        .filter_map(|content| {
            let meta = content.to_packed::<MetadataElem>()?;
            let location = content.location()?;
            let page = introspector.page(location)?.get() - 1;
            let y = introspector
                .position(location)
                .map_or(0.0, |p| p.point.y.to_pt());
            Some((meta.value.clone(), page, y))
        })
        .collect()
}

/// Finds every dictionary marker with the given label, in document order.
fn query_markers(document: &PagedDocument, name: &str) -> Vec<Marker> {
    labelled(document, name)
        .into_iter()
        .filter_map(|(value, page, y)| match value {
            Value::Dict(dict) => Some(Marker { dict, page, y }),
            _ => None,
        })
        .collect()
}

/// One key term of the deck (`{{term}}`), where the reader meets it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gap {
    /// The slide id.
    pub slide: usize,
    /// The page label of its slide.
    pub label: String,
    /// Its number on the slide, from 1.
    pub number: usize,
    /// The term.
    pub term: String,
}

/// The key terms of a compiled deck, slide by slide, from each slide's final
/// reveal step (as the handouts show it).
pub fn gaps(document: &PagedDocument, pages: &[PageInfo]) -> Vec<Gap> {
    let mut out: Vec<Gap> = Vec::new();
    let mut last_page = None;
    for (value, page, _) in labelled(document, "lectern-gap") {
        let Value::Str(term) = value else { continue };
        if !pages.get(page).is_some_and(PageInfo::in_handout) {
            continue;
        }
        // Numbered per page, as the blanks print their numbers.
        let number = match (last_page, out.last()) {
            (Some(p), Some(prev)) if p == page => prev.number + 1,
            _ => 1,
        };
        last_page = Some(page);
        out.push(Gap {
            slide: pages[page].slide,
            label: document.pages()[page].number.to_string(),
            number,
            term: term.to_string(),
        });
    }
    out
}
