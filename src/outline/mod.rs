//! The lecture outline: its model, parsing with spans, and validation.
//!
//! [`parse`] turns YAML into an [`Outline`]; [`check_files`] makes sure every
//! file the outline refers to exists inside the outline's folder.

mod blocks;
pub mod chart;
mod code;
mod csv;
pub mod diagram;
pub mod inline;
pub mod math;
mod model;
pub(crate) mod parse;
mod plan;
mod schema;
mod timing;

use std::path::Path;

pub use self::blocks::*;
pub use self::csv::load_data;
pub use self::model::*;
pub use self::parse::chart::{MAX_CATEGORIES, MAX_EVENTS};
pub use self::parse::code::{MAX_CODE_BYTES, MAX_TABLE_ROWS, known_language, line_set};
pub use self::parse::{BLOCK_KEYS, MAX_BLOCKS, MAX_STEPS, MAX_TEXT_BYTES, parse};
pub use self::plan::time_plan;
pub use self::schema::schema;
pub use self::timing::{
    SILENT_SLIDE_SECONDS, SectionTiming, Timing, read_actual, slide_estimate, speaking_minutes,
    table as timing_table, timing, timing_warnings,
};
use crate::diagnostics::Diagnostic;
use crate::world::images::{self, ImageError};
use crate::world::sandbox::{ReadError, Sandbox};

/// Checks that the files an outline names exist and stay inside its folder.
///
/// Images are checked from their header only: a file above the pixel budget
/// is refused before anything decodes it.
pub fn check_files(outline: &Outline, sandbox: &Sandbox) -> Vec<Diagnostic> {
    images(outline)
        .filter_map(|path| {
            let bytes = match sandbox.read(Path::new(&path.value)) {
                Ok((_, bytes)) => bytes,
                Err(e) => return Some(file_error(path, &e, sandbox.shown())),
            };
            let e = images::check(Path::new(&path.value), &bytes).err()?;
            let (message, hint) = match e {
                ImageError::TooManyPixels { .. } => (
                    format!("image `{}` is too large: {e}", path.value),
                    "scale it down: a full-width slide needs at most 3000 pixels across",
                ),
                ImageError::Unreadable(_) => (
                    format!("cannot read image `{}` ({e})", path.value),
                    "re-export it as PNG or JPEG, or check that the file is not damaged",
                ),
            };
            Some(Diagnostic::error(message).at(path.span.clone()).hint(hint))
        })
        .collect()
}

/// The paths of every file the outline names (images, chart and table
/// data, code files), as
/// written, relative to its folder.
pub fn input_paths(outline: &Outline) -> Vec<&str> {
    let csv = outline.blocks().filter_map(|block| match block {
        Block::Chart(chart) => chart.csv.as_ref(),
        Block::Table(table) => table.csv.as_ref(),
        Block::Code(code) => code.file.as_ref(),
        _ => None,
    });
    images(outline)
        .chain(csv)
        .map(|p| p.value.as_str())
        .collect()
}

/// Every image path in the outline, with its span.
fn images(outline: &Outline) -> impl Iterator<Item = &Spanned<String>> {
    outline.blocks().filter_map(|block| match block {
        Block::Image { path, .. } => Some(path),
        _ => None,
    })
}

/// Reports every raw Typst block as an error (for `--no-raw`).
pub fn refuse_raw(outline: &Outline) -> Vec<Diagnostic> {
    outline
        .blocks()
        .filter_map(|block| match block {
            Block::Math(m) if m.typst => Some(
                Diagnostic::error("Typst math given as is is raw Typst, refused (--no-raw)")
                    .at(m.lines[0].span.clone())
                    .hint("write the formula in LaTeX: `math: 'A = 1 - (1 - p)^{n}'`"),
            ),
            Block::Typst(code) => Some(
                Diagnostic::error("raw Typst is refused (--no-raw)")
                    .at(code.span.clone())
                    .hint("this outline may only use bullets, text, quotes, images, columns, charts, code and tables"),
            ),
            _ => None,
        })
        .collect()
}

/// The located diagnostic for a file the outline names that cannot be read.
pub fn file_error(path: &Spanned<String>, err: &ReadError, base: &Path) -> Diagnostic {
    let (message, hint) = match err {
        ReadError::Escapes => (
            format!("`{}` points outside the outline's folder", path.value),
            err.hint().to_string(),
        ),
        ReadError::LinksOut => (
            format!(
                "`{}` leads outside the outline's folder through a symbolic link",
                path.value
            ),
            "copy the file into the outline's folder instead of linking to it".to_string(),
        ),
        ReadError::NotFound => (
            format!("file `{}` not found", path.value),
            format!(
                "paths are relative to the outline's folder ({})",
                base.display()
            ),
        ),
        other => (
            format!("cannot read `{}`: {other}", path.value),
            other.hint().to_string(),
        ),
    };
    Diagnostic::error(message).at(path.span.clone()).hint(hint)
}
