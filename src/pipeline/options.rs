//! What to build and how: the options of one build.

use std::path::PathBuf;

use crate::export;
use crate::export::handout::{Layout, Paper};
use crate::world::sandbox::{MAX_FILE_BYTES, Sandbox};

/// What to build and how.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// The outline file.
    pub outline: PathBuf,
    /// Where to write the PDF; beside the outline by default.
    pub output: Option<PathBuf>,
    /// A theme name or folder, overriding the outline's `theme`.
    pub theme: Option<String>,
    /// Extra font folders.
    pub font_paths: Vec<PathBuf>,
    /// Whether to leave the system fonts out (embedded and `--font-path` only).
    pub no_system_fonts: bool,
    /// Whether to write the generated Typst source beside the PDF.
    pub emit_typst: bool,
    /// Whether to stop after checking, writing nothing.
    pub check_only: bool,
    /// Whether a warning fails the build (before anything is written).
    pub deny_warnings: bool,
    /// Whether raw Typst blocks are refused.
    pub no_raw: bool,
    /// PDF standards to conform to.
    pub pdf_standards: Vec<typst_pdf::PdfStandard>,
    /// Whether to write `.pdfpc` speaker notes (when the outline has notes).
    pub notes: bool,
    /// The handout to write, if any.
    pub handout: Option<(Layout, Paper)>,
    /// The gap-fill handout and its answer key.
    pub gaps: GapOutputs,
    /// The reading handout, DECK-reading.pdf: each slide once with its
    /// notes, tagged, for a screen reader or for reading.
    pub reading: bool,
    /// The colours handouts print in.
    pub handout_colors: HandoutColors,
    /// How handouts show section dividers.
    pub handout_dividers: HandoutDividers,
    /// PNG pages to write, if any.
    pub png: Option<PngOptions>,
    /// Whether to write an overview sheet of thumbnails.
    pub overview: bool,
    /// The overview sheet's format.
    pub overview_format: OverviewFormat,
    /// Whether to write the self-contained HTML deck (`DECK.html`).
    pub html: bool,
    /// Whether the HTML deck includes the speaker notes.
    pub html_notes: bool,
    /// The size cap of one input file in bytes; [`MAX_FILE_BYTES`] when absent.
    pub max_file_bytes: Option<u64>,
    /// The folder reads are confined to, when wider than the outline's own
    /// (a course's folder, so that `../shared/` is reachable).
    pub root: Option<PathBuf>,
    /// The theme for an outline that names none (a course's `theme`).
    pub default_theme: Option<String>,
    /// An outline given as a model instead of read from `outline` (a
    /// course's index), with the file its spans point into.
    pub prepared: Option<std::sync::Arc<Prepared>>,
}

/// An outline made in memory: the model, and the one file its spans point
/// into (added to the build's sources first, so its `FileRef` is 0).
#[derive(Debug)]
pub struct Prepared {
    /// The outline.
    pub outline: crate::outline::Outline,
    /// The file's name in messages.
    pub name: String,
    /// The file's text.
    pub text: String,
}

/// The overview sheet's file format.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum OverviewFormat {
    /// `DECK-overview.png`.
    #[default]
    Png,
    /// `DECK-overview.pdf`, with selectable text.
    Pdf,
}

/// How a handout shows the section dividers.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum HandoutDividers {
    /// A heading band above the section's slides (none in the 1-up notes
    /// handout): no cell is spent on a line of text.
    #[default]
    Headings,
    /// A cell like any slide.
    Cells,
}

/// The colours a handout prints in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum HandoutColors {
    /// The theme's print palette: light background, dark text.
    #[default]
    Print,
    /// The screen colours, as the deck.
    Screen,
}

/// Which gap-fill outputs to write (`{{term}}` marks a key term).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct GapOutputs {
    /// `DECK-gaps.pdf`: the handout with every term blanked and numbered.
    pub handout: bool,
    /// `DECK-key.pdf`: the numbered terms, slide by slide.
    pub key: bool,
    /// Whether the user asked by name (then a deck without terms is a
    /// warning; `--all` stays silent).
    pub asked: bool,
    /// The handout's layout and paper.
    pub format: (Layout, Paper),
}

/// PNG export settings.
#[derive(Debug, Clone)]
pub struct PngOptions {
    /// Resolution in dots per inch.
    pub dpi: f64,
    /// Which pages (`1-5,8`); all when absent.
    pub pages: Option<export::PageSpec>,
}

impl BuildOptions {
    /// The PDF path: `--output`, or the outline's path with `.pdf`.
    pub fn pdf_path(&self) -> PathBuf {
        self.output
            .clone()
            .unwrap_or_else(|| self.outline.with_extension("pdf"))
    }

    /// The outline's folder: the sandbox root.
    pub fn base_dir(&self) -> PathBuf {
        match self.outline.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        }
    }

    /// The sandbox the outline's files are read through: its folder, or
    /// [`BuildOptions::root`] with paths starting from the outline's folder.
    pub fn sandbox(&self) -> Sandbox {
        match &self.root {
            Some(root) => Sandbox::within(root, &self.base_dir(), self.max_bytes()),
            None => Sandbox::new(&self.base_dir(), self.max_bytes()),
        }
    }

    /// The size cap of one input file, in bytes.
    pub fn max_bytes(&self) -> u64 {
        self.max_file_bytes.unwrap_or(MAX_FILE_BYTES)
    }
}
