//! Writing results: the PDF, `.pdfpc` notes, handouts, PNG pages and the
//! self-contained HTML deck.
//!
//! Every file is written atomically: to a temporary file in the target
//! folder, then renamed, so a failed or interrupted build never replaces the
//! last good output. (No fsync: the rename is what keeps the old file safe
//! from a failed build, and syncing costs several milliseconds per rebuild.)

pub mod handout;
pub mod html;
mod pdf;
mod pdfpc;
mod png;

use std::io::Write;
use std::path::Path;

pub use self::pdf::{PdfSettings, pdf};
pub use self::pdfpc::{has_notes, pdfpc};
pub use self::png::{PageSpec, page_png};

/// Writes `bytes` to `path` through a temporary file and a rename.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(dir)?;
    let name = path
        .file_name()
        .map_or_else(|| "out".into(), |n| n.to_string_lossy().into_owned());
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut file = std::fs::File::create(&tmp)?;
        file.write_all(bytes)?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
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
