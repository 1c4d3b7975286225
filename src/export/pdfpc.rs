//! Speaker notes for the pdfpc presenter console (`.pdfpc`, format 2).
//!
//! One entry per PDF page: `idx` (0-based page), `label` (the logical slide
//! number as a string, shared by the reveal steps of one slide), `overlay`
//! (the step within the slide), `forcedOverlay` (true for every step after
//! the first) and the slide's `note`.

use serde::Serialize;
use typst_layout::PagedDocument;

use crate::codegen::Generated;
use crate::compile::PageInfo;
use crate::outline::Meta;

/// A `.pdfpc` file. The fields are in the order pdfpc's own files have
/// them (alphabetical).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct File<'a> {
    /// Markdown in the notes is rendered.
    disable_markdown: bool,
    /// The lecture's minutes, if known.
    #[serde(skip_serializing_if = "Option::is_none")]
    duration: Option<u32>,
    /// The time the lecture ends, if set.
    #[serde(skip_serializing_if = "Option::is_none")]
    end_time: Option<&'a str>,
    /// One entry per page.
    pages: Vec<Page>,
    /// The format's version.
    pdfpc_format: u32,
}

/// One page's entry.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Page {
    /// Whether this is a reveal step after the first.
    forced_overlay: bool,
    /// Never hidden.
    hidden: bool,
    /// The page, from 0.
    idx: usize,
    /// The page label.
    label: String,
    /// The slide's notes.
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<String>,
    /// The reveal step.
    overlay: usize,
}

/// Builds the `.pdfpc` JSON for a compiled deck.
pub fn pdfpc(
    document: &PagedDocument,
    pages: &[PageInfo],
    generated: &Generated,
    meta: &Meta,
    planned: Option<u32>,
) -> String {
    let pages = document
        .pages()
        .iter()
        .zip(pages)
        .enumerate()
        .map(|(idx, (page, info))| Page {
            forced_overlay: info.step > 0,
            hidden: false,
            idx,
            label: page.number.to_string(),
            note: generated
                .slides
                .get(info.slide)
                .and_then(|s| s.notes.as_deref())
                .map(paragraphs),
            overlay: info.step,
        })
        .collect();
    let file = File {
        disable_markdown: false,
        duration: meta.slot.as_ref().map(|s| s.value).or(planned),
        end_time: meta.end_time.as_ref().map(|e| e.value.as_str()),
        pages,
        pdfpc_format: 2,
    };
    serde_json::to_string_pretty(&file).unwrap_or_default()
}

/// Notes as pdfpc's Markdown reads them: every line the lecturer wrote is a
/// paragraph of its own (a blank line between lines), so that pdfpc does not
/// run them together into one block.
fn paragraphs(note: &str) -> String {
    note.lines()
        .map(str::trim_end)
        .filter(|l| !l.trim().is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// Whether any slide has notes (only then is a `.pdfpc` written).
pub fn has_notes(generated: &Generated) -> bool {
    generated.slides.iter().any(|s| s.notes.is_some())
}

#[cfg(test)]
mod paragraph_tests {
    use super::paragraphs;

    #[test]
    fn every_line_is_a_paragraph_for_pdfpc() {
        assert_eq!(paragraphs("one\ntwo\n\n\nthree\n"), "one\n\ntwo\n\nthree");
        assert_eq!(paragraphs("single"), "single");
    }
}
