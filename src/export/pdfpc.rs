//! Speaker notes for the pdfpc presenter console (`.pdfpc`, format 2).
//!
//! One entry per PDF page: `idx` (0-based page), `label` (the logical slide
//! number as a string, shared by the reveal steps of one slide), `overlay`
//! (the step within the slide), `forcedOverlay` (true for every step after
//! the first) and the slide's `note`.

use serde_json::{Value, json};
use typst_layout::PagedDocument;

use crate::codegen::Generated;
use crate::compile::PageInfo;
use crate::outline::Meta;

/// Builds the `.pdfpc` JSON for a compiled deck.
pub fn pdfpc(
    document: &PagedDocument,
    pages: &[PageInfo],
    generated: &Generated,
    meta: &Meta,
    planned: Option<u32>,
) -> String {
    let entries: Vec<Value> = document
        .pages()
        .iter()
        .zip(pages)
        .enumerate()
        .map(|(idx, (page, info))| {
            let mut entry = json!({
                "idx": idx,
                "label": page.number.to_string(),
                "overlay": info.step,
                "forcedOverlay": info.step > 0,
                "hidden": false,
            });
            if let Some(note) = generated
                .slides
                .get(info.slide)
                .and_then(|s| s.notes.as_deref())
            {
                entry["note"] = Value::String(paragraphs(note));
            }
            entry
        })
        .collect();
    let mut file = json!({
        "pdfpcFormat": 2,
        "disableMarkdown": false,
        "pages": entries,
    });
    if let Some(minutes) = meta.slot.as_ref().map(|s| s.value).or(planned) {
        file["duration"] = json!(minutes);
    }
    if let Some(end) = &meta.end_time {
        file["endTime"] = json!(end.value);
    }
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
