//! The lecture outline: its model, parsing with spans, and validation.
//!
//! [`parse`] turns YAML into an [`Outline`]; [`check_files`] makes sure every
//! file the outline refers to exists inside the outline's folder.

mod model;
pub(crate) mod parse;
mod plan;
mod schema;

use std::path::{Component, Path};

pub use self::model::*;
pub use self::parse::{BLOCK_KEYS, parse};
pub use self::plan::time_plan;
pub use self::schema::schema;
use crate::diagnostics::Diagnostic;

/// Checks that the files an outline names exist and stay inside its folder.
pub fn check_files(outline: &Outline, base: &Path) -> Vec<Diagnostic> {
    images(outline)
        .filter_map(|path| {
            check_path(path, base).or_else(|| {
                let e = crate::world::images::check(&base.join(&path.value)).err()?;
                Some(
                    Diagnostic::error(format!("cannot read image `{}` ({e})", path.value))
                        .at(path.span.clone())
                        .hint("re-export it as PNG or JPEG, or check that the file is not damaged"),
                )
            })
        })
        .collect()
}

/// The paths of every image the outline shows, as written.
pub fn image_paths(outline: &Outline) -> Vec<&str> {
    images(outline).map(|p| p.value.as_str()).collect()
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
            Block::Typst(code) => Some(
                Diagnostic::error("raw Typst is refused (--no-raw)")
                    .at(code.span.clone())
                    .hint("this outline may only use bullets, text, quotes, images, columns and charts"),
            ),
            _ => None,
        })
        .collect()
}

/// Checks one relative path: inside the folder, and present.
pub fn check_path(path: &Spanned<String>, base: &Path) -> Option<Diagnostic> {
    let rel = Path::new(&path.value);
    let escapes = rel.is_absolute()
        || rel.components().any(|c| {
            matches!(
                c,
                Component::ParentDir | Component::Prefix(_) | Component::RootDir
            )
        });
    if escapes {
        return Some(
            Diagnostic::error(format!("`{}` points outside the outline's folder", path.value))
                .at(path.span.clone())
                .hint("copy the file next to the outline and give a relative path such as `img/diagram.png`"),
        );
    }
    let full = base.join(rel);
    let inside = match (full.canonicalize(), base.canonicalize()) {
        (Ok(real), Ok(root)) => real.starts_with(root),
        _ => {
            return Some(
                Diagnostic::error(format!("file `{}` not found", path.value))
                    .at(path.span.clone())
                    .hint(format!(
                        "paths are relative to the outline's folder ({})",
                        base.display()
                    )),
            );
        }
    };
    (!inside).then(|| {
        Diagnostic::error(format!(
            "`{}` leads outside the outline's folder through a symbolic link",
            path.value
        ))
        .at(path.span.clone())
        .hint("copy the file into the outline's folder instead of linking to it")
    })
}
