//! Helpers for the integration tests: run the real binary, read the real PDF
//! with poppler's command-line tools (an independent reader).

use std::path::{Path, PathBuf};
use std::process::Command;

/// A `lectern` command from the build under test.
pub fn lectern() -> assert_cmd::Command {
    assert_cmd::Command::cargo_bin("lectern").expect("lectern binary is built")
}

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs `lectern build ARGS...` in `dir`.
pub fn build_in(dir: &Path, args: &[&str]) -> assert_cmd::assert::Assert {
    lectern().current_dir(dir).arg("build").args(args).assert()
}

/// Runs `lectern theme new DIR --from NAME`; it must succeed.
#[track_caller]
pub fn theme_new(dir: &Path, from: &str) {
    lectern()
        .args(["theme", "new", dir.to_str().unwrap(), "--from", from])
        .assert()
        .success();
}

/// The chapter deck's outline.
pub fn chapter() -> PathBuf {
    root().join("slides/container-orchestration-wars.yaml")
}

/// Builds the chapter deck into `pdf` with extra arguments; it must succeed.
/// Returns lectern's standard error.
#[track_caller]
pub fn build_chapter(pdf: &Path, extra: &[&str]) -> String {
    let out = lectern()
        .args([
            "build",
            chapter().to_str().unwrap(),
            "-o",
            pdf.to_str().unwrap(),
        ])
        .args(extra)
        .assert()
        .success();
    String::from_utf8_lossy(&out.get_output().stderr).into_owned()
}

/// A fresh temporary folder holding `deck.yaml` with the given text.
pub fn deck(yaml: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("deck.yaml"), yaml).expect("write deck.yaml");
    dir
}

/// Copies a fixture folder into a fresh temporary folder.
pub fn fixture(name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_dir(&root().join("tests/fixtures").join(name), dir.path());
    dir
}

/// Copies a folder recursively.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create dir");
    for entry in std::fs::read_dir(from).expect("read fixture") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("copy");
        }
    }
}

/// Runs a poppler tool and returns its standard output.
#[track_caller]
pub fn poppler(tool: &str, args: &[&str], pdf: &Path) -> String {
    let out = Command::new(tool)
        .args(args)
        .arg(pdf)
        .args(if tool == "pdftotext" {
            &["-"][..]
        } else {
            &[][..]
        })
        .output()
        .unwrap_or_else(|e| {
            panic!("{tool} is needed by the tests (apt-get install poppler-utils): {e}")
        });
    assert!(
        out.status.success(),
        "{tool} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The text of a PDF, as pdftotext extracts it in content-stream order
/// (`-raw`: the default layout mode drops a line that is only "-", taking it
/// for a hyphen to join).
pub fn pdf_text(pdf: &Path) -> String {
    poppler("pdftotext", &["-raw", "-enc", "UTF-8"], pdf)
}

/// The text of one page (from 1) of a PDF.
pub fn pdf_page_text(pdf: &Path, page: usize) -> String {
    let n = page.to_string();
    poppler(
        "pdftotext",
        &["-raw", "-enc", "UTF-8", "-f", &n, "-l", &n],
        pdf,
    )
}

/// The number of pages and the page size in points, from pdfinfo.
pub fn pdf_pages(pdf: &Path) -> (usize, f64, f64) {
    let info = poppler("pdfinfo", &[], pdf);
    let field = |name: &str| {
        info.lines()
            .find(|l| l.starts_with(name))
            .unwrap_or_else(|| panic!("pdfinfo has no {name}:\n{info}"))
            .split_once(':')
            .map(|(_, v)| v.trim().to_string())
            .unwrap_or_default()
    };
    let pages = field("Pages").parse().expect("page count");
    let size = field("Page size");
    let nums: Vec<f64> = size
        .split_whitespace()
        .filter_map(|w| w.parse().ok())
        .collect();
    (pages, nums[0], nums[1])
}

/// Text with all whitespace removed, for comparing extracted text.
pub fn squash(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}
