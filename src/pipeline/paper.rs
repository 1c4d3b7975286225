//! The deck on paper: the deck compiled again in print colours or with
//! its key terms blanked, the handout, the gap-fill copy and the overview
//! sheet, each a Typst document placing the deck's pages.

use super::outputs::{Deck, GapFill};
use super::{Session, today};
use crate::codegen;
use crate::compile::{self, Compiled};
use crate::diagnostics::Diagnostic;
use crate::export::handout::{HandoutDeck, HandoutSlide, Layout, Paper};
use crate::export::{self, PdfSettings, handout};
use crate::world::overlay::Overlay;

impl Session {
    /// The deck compiled again for paper: in the theme's print colours
    /// (unless `--handout-colors screen`), and with its key terms blanked
    /// when `blank`. `None` when nothing would differ from the deck itself.
    pub(super) fn paper_deck(
        &mut self,
        deck: &Deck<'_>,
        blank: bool,
    ) -> Result<Option<(Vec<u8>, Compiled)>, Vec<Diagnostic>> {
        let print = self.options.handout_colors == super::HandoutColors::Print
            && deck.theme.print.is_some();
        if !print && !blank {
            return Ok(None);
        }
        let variant = codegen::Variant {
            print,
            blank_gaps: blank,
        };
        let text = codegen::deck(deck.outline, deck.theme, &deck.generated.fallbacks, variant);
        self.variant_deck(deck, text).map(Some)
    }

    /// The reading handout: each slide once, at its last step (and at the
    /// steps that show what the last lacks), with its notes under it, in
    /// the screen colours, tagged like the deck.
    pub(super) fn reading(&mut self, deck: &Deck<'_>) -> Result<Vec<u8>, Vec<Diagnostic>> {
        let mut text = codegen::deck(
            deck.outline,
            deck.theme,
            &deck.generated.fallbacks,
            codegen::Variant::default(),
        );
        let notes: Vec<Option<&str>> = deck
            .generated
            .slides
            .iter()
            .map(|s| s.notes.as_deref())
            .collect();
        text.push_str(&codegen::reading_notes(&notes, &deck.outline.meta.macros));
        self.variant_deck(deck, text).map(|(pdf, _)| pdf)
    }

    /// The deck compiled again with `text` as its `deck.typ`, with its PDF.
    fn variant_deck(
        &mut self,
        deck: &Deck<'_>,
        text: String,
    ) -> Result<(Vec<u8>, Compiled), Vec<Diagnostic>> {
        let Some((_, world)) = self.world.as_ref() else {
            return Err(vec![Diagnostic::error(
                "internal error: no world for the handout",
            )]);
        };
        let paper = Overlay::new(world).source(&codegen::path("deck.typ"), text);
        let mut sources = crate::diagnostics::Sources::default();
        let compiled = compile::compile(&paper, deck.generated, deck.theme, &mut sources)?;
        let pdf = paper_pdf(&compiled.document, deck, true)?;
        Ok((pdf, compiled))
    }

    /// The gap-fill handout and its answer key: the deck compiled again with
    /// its key terms blanked, laid out like the handout; `None` when the deck
    /// marks no terms.
    pub(super) fn gap_fill(
        &mut self,
        deck: &Deck<'_>,
        opts: &super::BuildOptions,
    ) -> Result<Option<GapFill>, Vec<Diagnostic>> {
        // A deck without key terms is not compiled again for nothing.
        if !codegen::has_gaps(&deck.generated.files) {
            return Ok(None);
        }
        let Some((pdf, blank)) = self.paper_deck(deck, true)? else {
            return Ok(None);
        };
        let gaps = compile::gaps(&blank.document, &blank.pages);
        if gaps.is_empty() {
            return Ok(None);
        }
        let (layout, paper) = opts.gaps.format;
        let handout = self.handout(deck, (&pdf, &blank), layout, paper)?;
        let mut keyed: Vec<handout::KeySlide<'_>> = Vec::new();
        for gap in &gaps {
            match keyed.last_mut() {
                Some(k) if k.number == gap.label => k.terms.push((gap.number, &gap.term)),
                _ => keyed.push(handout::KeySlide {
                    number: &gap.label,
                    title: &deck.generated.slides[gap.slide].title,
                    terms: vec![(gap.number, &gap.term)],
                }),
            }
        }
        let meta = &deck.outline.meta;
        let source = handout::key_source(
            &meta.title.value,
            &meta.lang.value,
            &keyed,
            paper,
            &meta.macros,
            &meta.equations,
        );
        let Some((_, world)) = self.world.as_ref() else {
            return Err(vec![Diagnostic::error(
                "internal error: no world for the key",
            )]);
        };
        let key = Overlay::new(world).main(&codegen::path("key.typ"), source);
        let doc = compile::compile_document(&key)?;
        let key = paper_pdf(&doc, deck, false)?;
        Ok(Some((handout, key)))
    }

    /// Lays out a handout from a deck PDF (the deck's, or its gap-fill
    /// copy) and returns its PDF bytes.
    pub(super) fn handout(
        &mut self,
        deck: &Deck<'_>,
        (pdf, compiled): (&[u8], &Compiled),
        layout: Layout,
        paper: Paper,
    ) -> Result<Vec<u8>, Vec<Diagnostic>> {
        let headings = self.options.handout_dividers == super::HandoutDividers::Headings;
        let doc = self.sheet(deck, (pdf, compiled), "handout.typ", |d| {
            let slides: Vec<HandoutSlide> = d
                .slides
                .iter()
                .cloned()
                .map(|s| HandoutSlide {
                    divider: s.divider && headings,
                    ..s
                })
                .collect();
            handout::source(
                &HandoutDeck {
                    slides: &slides,
                    ..*d
                },
                layout,
                paper,
            )
        })?;
        paper_pdf(&doc, deck, false)
    }

    /// Lays out the overview sheet (numbered thumbnails with titles) and
    /// renders it to PNG, or exports it as PDF.
    pub(super) fn overview(
        &mut self,
        deck: &Deck<'_>,
        pdf: bool,
    ) -> Result<Vec<u8>, Vec<Diagnostic>> {
        let doc = self.sheet(
            deck,
            (deck.pdf.bytes()?, deck.compiled),
            "overview.typ",
            |d| handout::overview_source(d, 6),
        )?;
        if pdf {
            return paper_pdf(&doc, deck, false);
        }
        let page = doc
            .pages()
            .first()
            .ok_or_else(|| vec![Diagnostic::error("internal error: an empty overview")])?;
        export::page_png(page, 100.0).map_err(|e| {
            vec![Diagnostic::error(format!(
                "cannot encode the overview ({e})"
            ))]
        })
    }

    /// Compiles a document that places the pages of a deck PDF (a handout,
    /// the overview): `source` writes its Typst from the deck's slides,
    /// each at its final reveal step.
    pub(super) fn sheet(
        &mut self,
        deck: &Deck<'_>,
        (pdf, compiled): (&[u8], &Compiled),
        name: &str,
        source: impl FnOnce(&HandoutDeck<'_>) -> String,
    ) -> Result<typst_layout::PagedDocument, Vec<Diagnostic>> {
        let document = &compiled.document;
        let slides: Vec<HandoutSlide> = compiled
            .pages
            .iter()
            .enumerate()
            .filter(|(_, info)| info.in_handout())
            .map(|(i, info)| {
                let slide = &deck.generated.slides[info.slide];
                HandoutSlide {
                    page: i + 1,
                    number: document.pages()[i].number.to_string(),
                    title: slide.title.clone(),
                    notes: slide.notes.clone(),
                    divider: slide.kind == codegen::SlideKind::Section,
                }
            })
            .collect();
        let meta = &deck.outline.meta;
        let pdf_path = codegen::path("deck.pdf");
        let text = source(&HandoutDeck {
            title: &meta.title.value,
            author: meta.author.as_ref().map(|a| a.value.as_str()),
            lang: &meta.lang.value,
            pdf: &pdf_path,
            slides: &slides,
            macros: &meta.macros,
            equations: &meta.equations,
        });
        let Some((_, world)) = self.world.as_ref() else {
            return Err(vec![Diagnostic::error(
                "internal error: no world for the handout",
            )]);
        };
        let sheet = Overlay::new(world)
            .bytes(&pdf_path, pdf.to_vec())
            .main(&codegen::path(name), text);
        compile::compile_document(&sheet)
    }
}

/// Exports a document lectern made for paper or reading, tagged, with the
/// deck's date: a variant of the deck (print colours, blanked terms, the
/// reading handout) claims PDF/UA-1 as the deck does (`ua`); a sheet that
/// places pictures of slides (a handout, the overview) does not, and the
/// key follows it.
fn paper_pdf(
    document: &typst_layout::PagedDocument,
    deck: &Deck<'_>,
    ua: bool,
) -> Result<Vec<u8>, Vec<Diagnostic>> {
    let settings = PdfSettings {
        standards: Vec::new(),
        timestamp: today(deck.outline),
        ua,
    };
    export::pdf(document, &deck.outline.meta, &settings).map(|pdf| pdf.bytes)
}
