//! PDF export through typst-pdf.

use typst::foundations::{Datetime, Smart};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

use crate::diagnostics::Diagnostic;
use crate::outline::Meta;

/// PDF settings beyond the document itself.
#[derive(Debug, Clone)]
pub struct PdfSettings {
    /// Standards to conform to (PDF/A, PDF/UA); empty for plain (tagged) PDF.
    pub standards: Vec<PdfStandard>,
    /// The creation date, used when the outline sets none (PDF/A needs one).
    pub timestamp: Datetime,
}

/// Renders the laid-out deck as PDF bytes.
///
/// The document identifier is derived from the deck title so that rebuilding
/// an unchanged outline gives the same PDF. PDF/UA is checked by typst-pdf as
/// it writes: a violation (an image without alt text, say) is an error here.
pub fn pdf(
    document: &PagedDocument,
    meta: &Meta,
    settings: &PdfSettings,
) -> Result<Vec<u8>, Vec<Diagnostic>> {
    let standards = PdfStandards::new(&settings.standards).map_err(|e| {
        vec![Diagnostic::error(format!("these PDF standards cannot be combined ({})", e.message()))
            .hint("PDF/UA-1 combines with PDF/A-2 and PDF/A-3 only in their `a` levels; try one standard at a time")]
    })?;
    let options = PdfOptions {
        ident: Smart::Custom(format!("lectern:{}", meta.title.value)),
        creator: Smart::Custom(Some(format!("lectern {}", env!("CARGO_PKG_VERSION")))),
        timestamp: Some(Timestamp::new_utc(settings.timestamp)),
        standards,
        ..PdfOptions::default()
    };
    typst_pdf::pdf(document, &options).map_err(|errs| {
        errs.iter()
            .map(|e| {
                let mut d = Diagnostic::error(format!("PDF export failed ({})", e.message));
                d.hints = e.hints.iter().map(|h| h.v.to_string()).collect();
                d
            })
            .collect()
    })
}
