//! PDF export through typst-pdf.

use typst::diag::SourceDiagnostic;
use typst::foundations::{Datetime, Smart};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

use crate::diagnostics::Diagnostic;
use crate::outline::Meta;

/// PDF settings beyond the document itself.
#[derive(Debug, Clone)]
pub struct PdfSettings {
    /// Standards asked for (PDF/A, PDF/UA). PDF/UA-1 is added where it
    /// combines with them; every PDF is tagged.
    pub standards: Vec<PdfStandard>,
    /// The creation date, used when the outline sets none (PDF/A needs one).
    pub timestamp: Datetime,
    /// Whether to claim PDF/UA-1 where it combines and holds: the deck and
    /// its variants; not a sheet of pictures of slides (a handout).
    pub ua: bool,
}

/// An exported PDF.
#[derive(Debug, Clone)]
pub struct Pdf {
    /// The file's bytes.
    pub bytes: Vec<u8>,
    /// Why the PDF/UA-1 claim lectern adds by default was dropped: the
    /// accessibility checker's findings (raw Typst with an image without
    /// alt text, say), in the generated sources. Empty when it holds or
    /// was asked for.
    pub dropped: Vec<SourceDiagnostic>,
}

/// Renders the laid-out deck as PDF bytes, tagged and claiming PDF/UA-1.
///
/// PDF/UA-1 is added to the standards asked for whenever it combines with
/// them (every PDF/A part the CLI offers does). When
/// the default claim fails typst-pdf's accessibility checks, the PDF is
/// written tagged without it and the findings are returned in
/// [`Pdf::dropped`]; `ua-1` asked for explicitly keeps them errors.
///
/// The document identifier is derived from the deck title so that rebuilding
/// an unchanged outline gives the same PDF.
pub fn pdf(
    document: &PagedDocument,
    meta: &Meta,
    settings: &PdfSettings,
) -> Result<Pdf, Vec<Diagnostic>> {
    let asked = &settings.standards;
    let mut dropped = Vec::new();
    if settings.ua && !asked.contains(&PdfStandard::Ua_1) {
        let with_ua = [asked.as_slice(), &[PdfStandard::Ua_1]].concat();
        if let Ok(standards) = PdfStandards::new(&with_ua) {
            match typst_pdf::pdf(document, &options(meta, settings, standards)) {
                Ok(bytes) => return Ok(Pdf { bytes, dropped }),
                Err(errors) => dropped = errors.to_vec(),
            }
        }
    }
    let standards = PdfStandards::new(asked).map_err(|e| {
        vec![
            Diagnostic::error(format!(
                "these PDF standards cannot be combined ({})",
                e.message()
            ))
            .hint("choose at most one PDF/A part; PDF/UA-1 is added by default where it combines"),
        ]
    })?;
    let bytes = typst_pdf::pdf(document, &options(meta, settings, standards)).map_err(|errs| {
        errs.iter()
            .map(|e| {
                let mut d = Diagnostic::error(format!("PDF export failed ({})", e.message));
                d.hints = e.hints.iter().map(|h| h.v.to_string()).collect();
                d
            })
            .collect::<Vec<_>>()
    })?;
    Ok(Pdf { bytes, dropped })
}

/// typst-pdf's options for `standards`.
fn options(meta: &Meta, settings: &PdfSettings, standards: PdfStandards) -> PdfOptions {
    PdfOptions {
        ident: Smart::Custom(format!("lectern:{}", meta.title.value)),
        creator: Smart::Custom(Some(format!("lectern {}", env!("CARGO_PKG_VERSION")))),
        timestamp: Some(Timestamp::new_utc(settings.timestamp)),
        standards,
        ..PdfOptions::default()
    }
}
