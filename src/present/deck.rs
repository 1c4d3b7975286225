//! What the presenter console shows of one good build: each page's SVG,
//! label, identity, notes and text, plus the sections' time budgets.

use std::collections::HashMap;
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;

use crate::codegen::SlideKind;
use crate::export::html::{notes_html, page_svg as svg, page_text};
use crate::pipeline::KeptDeck;

/// One page of the deck as the browser sees it.
#[derive(Debug, Clone, Serialize)]
pub struct PageView {
    /// The address of the page's SVG (content-addressed, so unchanged pages
    /// stay cached in the browser across rebuilds).
    pub svg: String,
    /// The page label, as in the PDF (shared by a slide's reveal steps).
    pub label: String,
    /// The slide id.
    pub slide: usize,
    /// The slide's identity across edits: section, kind, title and the
    /// occurrence of that title within the section.
    pub key: String,
    /// The continuation part of the slide.
    pub part: usize,
    /// The reveal step within the part, from 0.
    pub step: usize,
    /// How many reveal steps the part has.
    pub steps: usize,
    /// The section the slide belongs to (index into [`Deck::sections`]).
    pub section: Option<usize>,
    /// The slide's title.
    pub title: String,
    /// The speaker notes as HTML paragraphs, inline markup rendered.
    pub notes: String,
    /// The page's text, in reading order: the accessible text layer.
    pub text: String,
    /// Where the plan says the lecture should be when this page's slide
    /// comes up: the estimated minutes of every slide before it, in ms.
    pub plan_ms: u64,
}

/// A section and its time budget.
#[derive(Debug, Clone, Serialize)]
pub struct SectionView {
    /// The section title.
    pub title: String,
    /// The planned minutes: the section's own, else its slides' sum.
    pub minutes: Option<u32>,
    /// The minutes its notes and pauses need (the estimate).
    pub estimate: f64,
}

/// The deck as served to the browser.
#[derive(Debug, Clone, Serialize)]
pub struct Deck {
    /// The deck title.
    pub title: String,
    /// The outline's language (the console speaks Chinese for `zh`).
    pub lang: String,
    /// The pages, in order.
    pub pages: Vec<PageView>,
    /// The sections, in order.
    pub sections: Vec<SectionView>,
    /// The lecture's slot in minutes, if set.
    pub slot: Option<u32>,
    /// When the lecture must end (`HH:MM`), if set.
    pub end_time: Option<String>,
    /// The page's width over its height.
    pub aspect: f64,
}

/// A deck plus the SVG text of its pages, keyed by content hash.
pub struct Rendered {
    /// The deck.
    pub deck: Deck,
    /// SVG text by page hash (hex).
    pub svgs: HashMap<String, Arc<String>>,
}

/// Builds the browser's view of a deck. Pages whose content is unchanged
/// since `previous` reuse their SVG; the others are rendered in parallel.
pub fn render(
    kept: &KeptDeck,
    previous: &HashMap<String, Arc<String>>,
    last: Option<&Deck>,
) -> Rendered {
    // The text layer of a page seen before is taken from the last deck.
    let known: HashMap<&str, &str> = last.map_or_else(HashMap::new, |deck| {
        deck.pages
            .iter()
            .map(|p| (p.svg.as_str(), p.text.as_str()))
            .collect()
    });
    let pages = kept.document.pages();
    let hashes: Vec<String> = pages
        .iter()
        .map(|p| format!("{:032x}", typst::utils::hash128(p)))
        .collect();
    let fresh: Vec<(String, Arc<String>)> = pages
        .par_iter()
        .zip(&hashes)
        .filter(|(_, h)| !previous.contains_key(*h))
        .map(|(page, h)| (h.clone(), Arc::new(svg(page))))
        .collect();
    let mut svgs: HashMap<String, Arc<String>> = hashes
        .iter()
        .filter_map(|h| previous.get(h).map(|s| (h.clone(), s.clone())))
        .collect();
    svgs.extend(fresh);

    let sections = sections(kept);
    let keys = keys(kept);
    let plan = plan_ms(kept);
    let views = pages
        .iter()
        .zip(&kept.pages)
        .zip(&hashes)
        .map(|((page, info), hash)| {
            let slide = kept.slides.get(info.slide);
            let svg = format!("/svg/{hash}.svg");
            let text = known
                .get(svg.as_str())
                .map_or_else(|| page_text(&page.frame), |t| (*t).to_string());
            PageView {
                svg,
                label: page.number.to_string(),
                slide: info.slide,
                key: keys.get(info.slide).cloned().unwrap_or_default(),
                part: info.part,
                step: info.step,
                steps: info.steps,
                section: slide.and_then(|s| s.section),
                title: slide.map(|s| s.title.clone()).unwrap_or_default(),
                notes: slide
                    .and_then(|s| s.notes.as_deref())
                    .map(notes_html)
                    .unwrap_or_default(),
                text,
                plan_ms: plan.get(info.slide).copied().unwrap_or_default(),
            }
        })
        .collect();
    let meta = &kept.outline.meta;
    let aspect = pages.first().map_or(16.0 / 9.0, |p| {
        p.frame.width().to_pt() / p.frame.height().to_pt().max(1.0)
    });
    Rendered {
        deck: Deck {
            title: meta.title.value.clone(),
            lang: meta.lang.value.clone(),
            pages: views,
            sections,
            slot: meta.slot.as_ref().map(|s| s.value),
            end_time: meta.end_time.as_ref().map(|e| e.value.clone()),
            aspect,
        },
        svgs,
    }
}

/// The sections with their budgets (a section's own minutes, else its
/// slides' sum) and their estimates.
fn sections(kept: &KeptDeck) -> Vec<SectionView> {
    let timing = crate::outline::timing(&kept.outline);
    kept.outline
        .sections
        .iter()
        .zip(&timing.sections)
        .map(|(s, t)| SectionView {
            title: s.title.value.clone(),
            minutes: t.planned,
            estimate: t.estimate(),
        })
        .collect()
}

/// For each slide id, the estimated minutes of every slide before it, in
/// ms: the title slide's notes, and each content slide's notes and pause
/// (`outline::slide_estimate`); dividers and the agenda take no time.
fn plan_ms(kept: &KeptDeck) -> Vec<u64> {
    let rate = kept
        .outline
        .meta
        .speaking_rate
        .as_ref()
        .map_or_else(Default::default, |r| r.value);
    let mut at = 0.0;
    kept.slides
        .iter()
        .map(|s| {
            let start = at;
            at += match s.kind {
                SlideKind::Content => {
                    let (speaking, pause) =
                        crate::outline::slide_estimate(s.notes.as_deref(), s.pause, rate);
                    speaking + pause
                }
                SlideKind::Title => s
                    .notes
                    .as_deref()
                    .map_or(0.0, |n| crate::outline::speaking_minutes(n, rate)),
                SlideKind::Agenda | SlideKind::Section => 0.0,
            };
            (start * 60_000.0) as u64
        })
        .collect()
}

/// Each slide's identity: its section, kind and title, numbered when the
/// same title occurs more than once in a section.
fn keys(kept: &KeptDeck) -> Vec<String> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    kept.slides
        .iter()
        .map(|slide| {
            let base = format!(
                "{}|{:?}|{}",
                slide.section.map_or(String::from("-"), |s| s.to_string()),
                slide.kind,
                slide.title
            );
            let n = seen.entry(base.clone()).or_default();
            *n += 1;
            format!("{base}|{n}")
        })
        .collect()
}
