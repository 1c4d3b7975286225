//! Writing a build's outputs: the PDF, `.pdfpc` notes, the handout, PNG
//! pages, the overview sheet and the emitted Typst project.

use std::path::{Path, PathBuf};

use super::{Failure, Session};
use crate::codegen::{self, Generated};
use crate::compile::Compiled;
use crate::diagnostics::Diagnostic;
use crate::export::{self, PdfSettings};
use crate::outline::Outline;
use crate::theme::Theme;

/// A PDF export with the hash of its bytes, or why it failed.
pub(super) type Exported = Result<(export::Pdf, u128), Vec<Diagnostic>>;

/// The deck's PDF: exported on another thread while lectern checks the
/// deck and makes its other outputs, and waited for by what needs it.
pub(super) struct DeckPdf {
    /// The export under way, until it is waited for.
    running: std::cell::RefCell<Option<std::thread::JoinHandle<Exported>>>,
    /// Its result, once waited for.
    done: std::cell::OnceCell<Exported>,
}

impl DeckPdf {
    /// A PDF already made, with its hash (a notes-only edit reuses the
    /// last one).
    pub(super) fn ready(pdf: export::Pdf, hash: u128) -> Self {
        Self {
            running: std::cell::RefCell::new(None),
            done: std::cell::OnceCell::from(Ok((pdf, hash))),
        }
    }

    /// Starts exporting `document` on another thread; here, if no thread
    /// can be started or this is one of rayon's (a course builds its
    /// lectures on rayon's threads, all busy: typst-pdf hands work to them,
    /// so waiting for that work from outside would never end).
    pub(super) fn start(
        document: typst_layout::PagedDocument,
        meta: crate::outline::Meta,
        settings: PdfSettings,
    ) -> Self {
        let (doc, data) = (document.clone(), (meta.clone(), settings.clone()));
        let spawned = match rayon::current_thread_index() {
            Some(_) => Err(()),
            None => std::thread::Builder::new()
                .name("pdf export".into())
                .spawn(move || export_hashed(&doc, &data.0, &data.1))
                .map_err(drop),
        };
        match spawned {
            Ok(handle) => Self {
                running: std::cell::RefCell::new(Some(handle)),
                done: std::cell::OnceCell::new(),
            },
            Err(_) => Self {
                running: std::cell::RefCell::new(None),
                done: std::cell::OnceCell::from(export_hashed(&document, &meta, &settings)),
            },
        }
    }

    /// Waits for the export to end.
    fn wait(&self) -> &Exported {
        self.done.get_or_init(|| {
            let handle = self.running.borrow_mut().take();
            handle.and_then(|h| h.join().ok()).unwrap_or_else(|| {
                Err(vec![
                    Diagnostic::error("internal error: the PDF export stopped")
                        .hint("please report this with the outline"),
                ])
            })
        })
    }

    /// The PDF's bytes, for an output made from it. A failed export is
    /// reported once, by [`DeckPdf::finish`].
    pub(super) fn bytes(&self) -> Result<&[u8], Vec<Diagnostic>> {
        match self.wait() {
            Ok((pdf, _)) => Ok(&pdf.bytes),
            Err(_) => Err(Vec::new()),
        }
    }

    /// The PDF's bytes, or why the export failed.
    pub(super) fn finish(self) -> Exported {
        self.wait();
        self.done.into_inner().unwrap_or_else(|| Err(Vec::new()))
    }
}

/// Exports the deck's PDF and hashes it, for `write` to tell whether it
/// changed.
fn export_hashed(
    document: &typst_layout::PagedDocument,
    meta: &crate::outline::Meta,
    settings: &PdfSettings,
) -> Exported {
    let pdf = export::pdf(document, meta, settings)?;
    let hash = typst::utils::hash128(&pdf.bytes);
    Ok((pdf, hash))
}

/// The gap-fill handout's PDF and its answer key's PDF.
pub(super) type GapFill = (Vec<u8>, Vec<u8>);

/// What a file a build makes is: the CLI reports them by kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// The deck's PDF.
    Deck,
    /// A file of the emitted Typst project (`--emit-typst`).
    Typst,
    /// The `.pdfpc` speaker notes.
    Notes,
    /// The handout.
    Handout,
    /// The gap-fill handout.
    GapHandout,
    /// The gap-fill handout's answer key.
    Key,
    /// The reading handout (`--handout-kind reading`).
    Reading,
    /// The overview sheet.
    Overview,
    /// One PNG page.
    PngPage,
    /// The self-contained HTML deck.
    Html,
}

/// One file a build makes.
#[derive(Debug, Clone)]
pub struct Output {
    /// Where it goes.
    pub path: PathBuf,
    /// What it is.
    pub kind: Kind,
    /// Its bytes, or what to render when it is written.
    content: Content,
    /// The hash of its bytes, when the build already knows it.
    hash: Option<u128>,
}

/// An output's content.
#[derive(Debug, Clone)]
enum Content {
    /// Made in memory by the build.
    Bytes(Vec<u8>),
    /// A page of the deck, rendered as PNG at `dpi` when it is written.
    Page {
        /// The page's index.
        index: usize,
        /// The resolution.
        dpi: f64,
    },
}

impl Output {
    /// An output made in memory.
    pub(super) fn bytes(path: PathBuf, kind: Kind, bytes: Vec<u8>) -> Self {
        Self {
            path,
            kind,
            content: Content::Bytes(bytes),
            hash: None,
        }
    }

    /// An output made in memory whose bytes' hash is known.
    pub(super) fn hashed(path: PathBuf, kind: Kind, (bytes, hash): (Vec<u8>, u128)) -> Self {
        Self {
            hash: Some(hash),
            ..Self::bytes(path, kind, bytes)
        }
    }
}

impl Session {
    /// Makes every requested output but the deck's PDF, in memory: nothing
    /// is written here ([`Session::write`] does that, once the build has
    /// succeeded). Those made from the PDF (handouts, the overview) wait for
    /// its export; the others are made while it runs.
    pub(super) fn outputs(
        &mut self,
        deck: &Deck<'_>,
        diags: &mut Vec<Diagnostic>,
    ) -> Result<Vec<Output>, Failure> {
        let opts = self.options.clone();
        let pdf = opts.pdf_path();
        let mut files = Vec::new();
        if opts.emit_typst {
            let read = self.deck_reads.files();
            files.extend(
                emitted_typst(deck, &read, &sibling(&pdf, "-typst"))
                    .into_iter()
                    .map(|(path, bytes)| Output::bytes(path, Kind::Typst, bytes)),
            );
        }
        if opts.notes && export::has_notes(deck.generated) {
            let json = export::pdfpc(
                &deck.compiled.document,
                &deck.compiled.pages,
                deck.generated,
                &deck.outline.meta,
                deck.planned,
            );
            files.push(Output::bytes(
                pdf.with_extension("pdfpc"),
                Kind::Notes,
                json.into_bytes(),
            ));
        }
        if let Some((layout, paper)) = opts.handout {
            let bytes = self
                .paper_deck(deck, false)
                .and_then(|paper_deck| {
                    let (bytes, compiled) = match &paper_deck {
                        Some((bytes, compiled)) => (bytes.as_slice(), compiled),
                        None => (deck.pdf.bytes()?, deck.compiled),
                    };
                    self.handout(deck, (bytes, compiled), layout, paper)
                })
                .map_err(|e| {
                    diags.extend(e);
                    Failure::Input
                })?;
            files.push(Output::bytes(
                sibling(&pdf, "-handout.pdf"),
                Kind::Handout,
                bytes,
            ));
        }
        if opts.gaps.handout || opts.gaps.key {
            let made = self.gap_fill(deck, &opts).map_err(|e| {
                diags.extend(e);
                Failure::Input
            })?;
            match made {
                Some((handout, key)) => {
                    if opts.gaps.handout {
                        files.push(Output::bytes(
                            sibling(&pdf, "-gaps.pdf"),
                            Kind::GapHandout,
                            handout,
                        ));
                    }
                    if opts.gaps.key {
                        files.push(Output::bytes(sibling(&pdf, "-key.pdf"), Kind::Key, key));
                    }
                }
                None if opts.gaps.asked => diags.push(
                    Diagnostic::warning(
                        "the deck marks no key terms, so there is no gap-fill handout",
                    )
                    .hint("mark key terms in any text as `{{term}}`"),
                ),
                None => {}
            }
        }
        if opts.reading {
            let bytes = self.reading(deck).map_err(|e| {
                diags.extend(e);
                Failure::Input
            })?;
            files.push(Output::bytes(
                sibling(&pdf, "-reading.pdf"),
                Kind::Reading,
                bytes,
            ));
        }
        if opts.overview {
            let as_pdf = opts.overview_format == super::OverviewFormat::Pdf;
            let bytes = self.overview(deck, as_pdf).map_err(|e| {
                diags.extend(e);
                Failure::Input
            })?;
            let name = if as_pdf {
                "-overview.pdf"
            } else {
                "-overview.png"
            };
            files.push(Output::bytes(sibling(&pdf, name), Kind::Overview, bytes));
        }
        if opts.html {
            files.push(Output::bytes(
                pdf.with_extension("html"),
                Kind::Html,
                html_deck(deck, opts.html_notes).into_bytes(),
            ));
        }
        // The page selection is checked before anything is written.
        let document = &deck.compiled.document;
        let png_pages = match opts.png.as_ref().map(|png| &png.pages) {
            Some(Some(spec)) => Some(spec.resolve(document.pages().len()).map_err(|e| {
                diags.push(
                    Diagnostic::error(format!("invalid --pages ({e})"))
                        .hint("write pages as 1-5,8"),
                );
                Failure::Io
            })?),
            Some(None) => Some((0..document.pages().len()).collect()),
            None => None,
        };
        // PNG pages are rendered as they are written, a few at a time
        // (see `write`): a 600 dpi export never holds every page.
        if let (Some(png), Some(pages)) = (&opts.png, png_pages) {
            let dir = sibling(&pdf, "-png");
            let stem = pdf
                .file_stem()
                .map_or_else(|| "page".into(), |s| s.to_string_lossy().into_owned());
            let digits = document.pages().len().to_string().len().max(2);
            files.extend(pages.into_iter().map(|index| Output {
                path: dir.join(format!("{stem}-{:0digits$}.png", index + 1)),
                kind: Kind::PngPage,
                content: Content::Page {
                    index,
                    dpi: png.dpi,
                },
                hash: None,
            }));
        }
        Ok(files)
    }

    /// Writes a successful build's files (each through a temporary file
    /// and a rename), skipping those this session already wrote with the
    /// same bytes; a failure becomes an error in `outcome`. PNG pages are
    /// rendered here, in parallel, each written as soon as it is encoded,
    /// so at most one page per core is in memory. The CLI, watch and the
    /// presenter console call this only after a build succeeded.
    pub fn write(&mut self, outcome: &mut super::Outcome) {
        let Ok(built) = &mut outcome.result else {
            return;
        };
        let files = std::mem::take(&mut built.files);
        let document = built.document.take();
        let (pages, files): (Vec<Output>, Vec<Output>) = files
            .into_iter()
            .partition(|o| matches!(o.content, Content::Page { .. }));
        // Every output is staged first and moved into place only when all
        // were written: a failing PNG folder leaves the last PDF and HTML.
        let mut staged = export::Staged::default();
        let mut hashes = Vec::new();
        for output in &files {
            let Content::Bytes(bytes) = &output.content else {
                continue;
            };
            let hash = output.hash.unwrap_or_else(|| typst::utils::hash128(bytes));
            if self.unchanged(&output.path, hash) {
                continue;
            }
            if let Err(e) = staged.add(&output.path, bytes) {
                outcome.diagnostics.push(Diagnostic::error(format!(
                    "cannot write {} ({e})",
                    output.path.display()
                )));
                outcome.result = Err(Failure::Io);
                return;
            }
            hashes.push((output.path.clone(), hash));
        }
        if let (Some(document), false) = (document, pages.is_empty()) {
            match self.stage_pages(&document, &pages, &mut staged) {
                Ok(more) => hashes.extend(more),
                Err(e) => {
                    outcome.diagnostics.push(Diagnostic::error(e));
                    outcome.result = Err(Failure::Io);
                    return;
                }
            }
        }
        if let Err(e) = staged.commit() {
            outcome.diagnostics.push(Diagnostic::error(format!(
                "cannot move the outputs into place ({e})"
            )));
            outcome.result = Err(Failure::Io);
            return;
        }
        for (path, hash) in hashes {
            if let Some(now) = stamp(&path) {
                self.written.insert(path, (hash, now));
            }
        }
    }

    /// Whether this session wrote these very bytes (`hash`) to `path` last
    /// time and the file is still as it left it (same size and
    /// modification time): a notes-only edit leaves the PDF alone.
    fn unchanged(&self, path: &Path, hash: u128) -> bool {
        matches!((self.written.get(path), stamp(path)),
            (Some((last, when)), Some(now)) if *last == hash && *when == now)
    }

    /// Renders PNG pages on rayon's threads (one page per thread at a
    /// time) and stages each as soon as it is encoded, so at most one page
    /// per core is in memory; pages this session already wrote with the
    /// same bytes are skipped. Returns the staged pages' hashes.
    fn stage_pages(
        &self,
        document: &typst_layout::PagedDocument,
        pages: &[Output],
        staged: &mut export::Staged,
    ) -> Result<Vec<(PathBuf, u128)>, String> {
        use rayon::prelude::*;
        let done = std::sync::atomic::AtomicUsize::new(0);
        let progress = &self.progress;
        let results: Vec<Result<Option<StagedPage>, String>> = pages
            .par_iter()
            .map(|output| {
                let Content::Page { index, dpi } = output.content else {
                    return Ok(None);
                };
                let page = document
                    .pages()
                    .get(index)
                    .ok_or_else(|| format!("no page {}", index + 1))?;
                let bytes = export::page_png(page, dpi)?;
                let hash = typst::utils::hash128(&bytes);
                let result = if self.unchanged(&output.path, hash) {
                    None
                } else {
                    let tmp = export::stage(&output.path, &bytes)
                        .map_err(|e| format!("cannot write {} ({e})", output.path.display()))?;
                    Some((tmp, output.path.clone(), hash))
                };
                let n = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
                if let Some(progress) = progress {
                    progress("rendering", n, pages.len());
                }
                Ok(result)
            })
            .collect();
        let mut hashes = Vec::new();
        let mut failed = None;
        for result in results {
            match result {
                Ok(Some((tmp, path, hash))) => {
                    staged.adopt(tmp, path.clone());
                    hashes.push((path, hash));
                }
                Ok(None) => {}
                Err(e) => failed = failed.or(Some(e)),
            }
        }
        failed.map_or(Ok(hashes), Err)
    }
}

/// The deck as one self-contained HTML file (`--html`), with the notes
/// when asked.
fn html_deck(deck: &Deck<'_>, notes: bool) -> String {
    let document = &deck.compiled.document;
    let pages: Vec<export::html::HtmlPage<'_>> = document
        .pages()
        .iter()
        .zip(&deck.compiled.pages)
        .map(|(page, info)| {
            let slide = &deck.generated.slides[info.slide];
            export::html::HtmlPage {
                page,
                label: page.number.to_string(),
                title: &slide.title,
                notes: slide.notes.as_deref().filter(|_| notes),
            }
        })
        .collect();
    let meta = &deck.outline.meta;
    export::html::deck_html(&meta.title.value, &meta.lang.value, &pages)
}

/// A page staged for writing: its temporary file, its target, its hash.
type StagedPage = (PathBuf, PathBuf, u128);

/// What this session wrote to a file: the hash of its bytes, and the
/// file's size and modification time just after.
pub(super) type Written = (u128, Stamp);

/// A file's size and modification time.
type Stamp = (u64, Option<std::time::SystemTime>);

/// A file's stamp now, if it exists.
fn stamp(path: &Path) -> Option<Stamp> {
    std::fs::metadata(path)
        .ok()
        .map(|m| (m.len(), m.modified().ok()))
}

/// A path beside `pdf` with its extension replaced by `suffix`
/// (`deck.pdf` → `deck-handout.pdf`).
fn sibling(pdf: &Path, suffix: &str) -> PathBuf {
    let stem = pdf
        .file_stem()
        .map_or_else(|| "deck".into(), |s| s.to_string_lossy().into_owned());
    pdf.with_file_name(format!("{stem}{suffix}"))
}

/// Everything one build produced, for the outputs to draw on.
pub(super) struct Deck<'a> {
    /// The outline.
    pub(super) outline: &'a Outline,
    /// The generated sources and slide table.
    pub(super) generated: &'a Generated,
    /// The laid-out deck.
    pub(super) compiled: &'a Compiled,
    /// The deck's PDF, possibly still being exported.
    pub(super) pdf: &'a DeckPdf,
    /// The theme.
    pub(super) theme: &'a Theme,
    /// The planned minutes, if any.
    pub(super) planned: Option<u32>,
}

/// The generated sources as a self-contained Typst project in `dir`: the
/// generated files, the theme's in-memory files, exactly the files the build
/// read from disk (`read`: virtual path and bytes as Typst saw them), and a
/// `main.typ` to compile (with `dir` as the project root).
fn emitted_typst(
    deck: &Deck<'_>,
    read: &[(String, typst::foundations::Bytes)],
    dir: &Path,
) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files: Vec<(PathBuf, Vec<u8>)> = deck
        .generated
        .files
        .iter()
        .map(|(path, text)| {
            (
                dir.join(path.trim_start_matches('/')),
                text.clone().into_bytes(),
            )
        })
        .collect();
    let theme_dir = crate::world::THEME_DIR.trim_start_matches('/');
    files.extend(
        deck.theme
            .files
            .iter()
            .map(|(name, bytes)| (dir.join(theme_dir).join(name), bytes.clone())),
    );
    for (path, bytes) in read {
        files.push((dir.join(path.trim_start_matches('/')), bytes.to_vec()));
    }
    files.push((
        dir.join("main.typ"),
        format!("#include \"{}\"\n", codegen::path("main.typ")).into_bytes(),
    ));
    files
}
