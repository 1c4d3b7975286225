//! PDF export through typst-pdf.

use typst::foundations::Smart;
use typst_layout::PagedDocument;
use typst_pdf::PdfOptions;

use crate::diagnostics::Diagnostic;
use crate::outline::Meta;

/// Renders the laid-out deck as PDF bytes.
///
/// The document identifier is derived from the deck title so that rebuilding
/// an unchanged outline gives the same PDF.
pub fn pdf(document: &PagedDocument, meta: &Meta) -> Result<Vec<u8>, Vec<Diagnostic>> {
    let options = PdfOptions {
        ident: Smart::Custom(format!("lectern:{}", meta.title.value)),
        creator: Smart::Custom(Some(format!("lectern {}", env!("CARGO_PKG_VERSION")))),
        ..PdfOptions::default()
    };
    typst_pdf::pdf(document, &options).map_err(|errs| {
        errs.iter()
            .map(|e| Diagnostic::error(format!("PDF export failed ({})", e.message)))
            .collect()
    })
}
