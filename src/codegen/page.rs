//! A slide's pages as Typst: each step's page with the markers lectern
//! reads back, and how the reading handout keeps or drops it.

use super::escape::{self, content};
use super::{SlideKind, UNIT_HEADER};

/// Where a page sits within its slide: continuation part and reveal step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) struct Step {
    /// Continuation part (a dense timeline may need several pages).
    pub part: usize,
    /// Reveal step within the part, from 0.
    pub step: usize,
    /// Number of reveal steps of the part.
    pub steps: usize,
    /// Whether handouts keep this step although it is not the last: it
    /// shows `only:` content the last step lacks.
    pub keep: bool,
}

impl Step {
    /// The only page of a slide without steps or parts.
    pub const SINGLE: Step = Step {
        part: 0,
        step: 0,
        steps: 1,
        keep: false,
    };
}

/// A slide's inside in its page, with the start and end markers. Reveal
/// steps after the first take the page number back, so every step of a
/// slide carries the same page number and PDF page label. The reading
/// handout keeps only each part's last step and the steps handouts keep,
/// and puts the slide's notes under its `last` page (`lectern-page`, from
/// `deck.notes`: a notes edit changes no unit).
pub(super) fn page(kind: SlideKind, at: Step, inside: &str, last: bool) -> String {
    let keep = if at.keep { ", keep: true" } else { "" };
    let marker = format!(
        "(id: lectern-slide-id, part: {}, step: {}, steps: {}{keep})",
        at.part, at.step, at.steps
    );
    // Continuation pages share their slide's number too ("12" and "12"
    // with "(cont.)" in the title); the reading handout numbers its own.
    let same_number = if at.step > 0 || at.part > 0 {
        "#if not deck.reading { counter(page).update(n => n - 1) }"
    } else {
        ""
    };
    let read = at.step + 1 == at.steps || at.keep;
    let notes = if last { "lectern-slide-id" } else { "none" };
    format!(
        "#lectern-page(theme, deck, \"{}\", read: {read}, notes: {notes})[{same_number}#metadata({marker}) <lectern-slide>{inside}#metadata({marker}) <lectern-end>]\n",
        kind.name()
    )
}

/// The reading handout's addition to `deck.typ`: `deck.reading` and
/// each slide's notes by its id (`None`: no notes), a paragraph per line.
pub fn reading_notes(notes: &[Option<&str>], macros: &escape::Macros) -> String {
    let mut entries = String::new();
    for (id, n) in notes.iter().enumerate() {
        let paragraphs: Vec<String> = n
            .unwrap_or("")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(|l| content(l, macros))
            .collect();
        if !paragraphs.is_empty() {
            entries.push_str(&format!(
                "\"{id}\": ({},).join(parbreak()), ",
                paragraphs.join(", ")
            ));
        }
    }
    let entries = if entries.is_empty() {
        ":".to_string()
    } else {
        entries
    };
    format!("#let deck = deck + (reading: true, notes: ({entries}))\n")
}

/// A unit whose inside is one theme call (its only page is its last).
pub(super) fn fixed_unit(kind: SlideKind, call: &str) -> String {
    let call = if call.starts_with('#') {
        call.to_string()
    } else {
        format!("#{call}")
    };
    format!("{UNIT_HEADER}{}", page(kind, Step::SINGLE, &call, true))
}

/// An invisible heading, so the PDF gets a bookmark for the slide.
pub(super) fn bookmark(level: u8, title: &str, macros: &escape::Macros) -> String {
    format!(
        "#place(hide(heading(level: {level}, outlined: false, bookmarked: true, {})))",
        content(title, macros)
    )
}
