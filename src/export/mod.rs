//! Writing results: the PDF, `.pdfpc` notes, handouts, PNG pages and the
//! self-contained HTML deck.
//!
//! Every file is written atomically: to a temporary file in the target
//! folder, then renamed, so a failed or interrupted build never replaces the
//! last good output. A build's outputs are staged together ([`Staged`]):
//! renamed only when every one was written. (No fsync: the rename is what keeps the old file safe
//! from a failed build, and syncing costs several milliseconds per rebuild.)

pub mod handout;
pub mod html;
mod pdf;
mod pdfpc;
mod png;

use std::io::Write;
use std::path::{Path, PathBuf};

pub use self::pdf::{Pdf, PdfSettings, pdf};
pub use self::pdfpc::{has_notes, pdfpc};
pub use self::png::{PageSpec, page_png};

/// Writes `bytes` to `path` through a temporary file and a rename.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let tmp = stage(path, bytes)?;
    std::fs::rename(&tmp, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp);
    })
}

/// Writes `bytes` to a temporary file beside `path` (creating its folder),
/// returning the temporary file's path; nothing is written when it fails.
pub fn stage(path: &Path, bytes: &[u8]) -> std::io::Result<PathBuf> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(dir)?;
    let name = path
        .file_name()
        .map_or_else(|| "out".into(), |n| n.to_string_lossy().into_owned());
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = std::fs::File::create(&tmp).and_then(|mut file| file.write_all(bytes));
    match result {
        Ok(()) => Ok(tmp),
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            Err(e)
        }
    }
}

/// A build's outputs written under temporary names beside their targets,
/// moved into place together by [`Staged::commit`]: a build whose last
/// output fails replaces none of the last good set. Dropped uncommitted,
/// the temporary files are removed.
#[derive(Debug, Default)]
pub struct Staged {
    /// Each staged file: its temporary path and its target.
    files: Vec<(PathBuf, PathBuf)>,
}

impl Staged {
    /// Stages `bytes` for `path`.
    pub fn add(&mut self, path: &Path, bytes: &[u8]) -> std::io::Result<()> {
        let tmp = stage(path, bytes)?;
        self.files.push((tmp, path.to_path_buf()));
        Ok(())
    }

    /// Adds a file already staged at `tmp` for `path`.
    pub fn adopt(&mut self, tmp: PathBuf, path: PathBuf) {
        self.files.push((tmp, path));
    }

    /// Moves every staged file into place: the targets, in order.
    pub fn commit(mut self) -> std::io::Result<Vec<PathBuf>> {
        let files = std::mem::take(&mut self.files);
        let mut done = Vec::new();
        for (i, (tmp, path)) in files.iter().enumerate() {
            if let Err(e) = std::fs::rename(tmp, path) {
                // Whatever was not moved yet is removed.
                for (tmp, _) in &files[i..] {
                    let _ = std::fs::remove_file(tmp);
                }
                return Err(e);
            }
            done.push(path.clone());
        }
        Ok(done)
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        for (tmp, _) in &self.files {
            let _ = std::fs::remove_file(tmp);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_write_replaces_and_leaves_no_temp_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("deck.pdf");
        write_atomic(&path, b"one").unwrap();
        write_atomic(&path, b"two").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
