//! Helpers for the integration tests: run the real binary, read the real PDF
//! with [`Pdf`] (lopdf, independent of lectern's code).

use std::path::{Path, PathBuf};

pub use crate::pdf::Pdf;

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

/// Builds `yaml` as deck.yaml in a fresh folder; returns the folder and
/// the PDF.
pub fn built_pdf(yaml: &str) -> (tempfile::TempDir, crate::pdf::Pdf) {
    let dir = deck(yaml);
    build_in(dir.path(), &["deck.yaml"]).success();
    let pdf = crate::pdf::Pdf::open(&dir.path().join("deck.pdf"));
    (dir, pdf)
}

/// Runs `lectern ARGS` in `dir`, within 20 s, expecting exit `code`;
/// returns its standard error.
#[track_caller]
pub fn fails_with(dir: &Path, args: &[&str], code: i32) -> String {
    let out = lectern()
        .current_dir(dir)
        .args(args)
        .timeout(std::time::Duration::from_secs(20))
        .assert()
        .code(code);
    String::from_utf8_lossy(&out.get_output().stderr).into_owned()
}

/// Checks that lectern's standard error holds every piece.
#[track_caller]
pub fn says(out: assert_cmd::assert::Assert, pieces: &[&str]) {
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    for piece in pieces {
        assert!(stderr.contains(piece), "no `{piece}` in:\n{stderr}");
    }
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

/// The text of a PDF, in content-stream order, read by [`Pdf`].
pub fn pdf_text(pdf: &Path) -> String {
    Pdf::open(pdf).text()
}

/// The text of one page (from 1) of a PDF.
pub fn pdf_page_text(pdf: &Path, page: usize) -> String {
    Pdf::open(pdf).page_text(page)
}

/// The number of pages and the first page's size in points.
pub fn pdf_pages(pdf: &Path) -> (usize, f64, f64) {
    let doc = Pdf::open(pdf);
    let (w, h) = doc.page_size(1);
    (doc.page_count(), w, h)
}

/// The page labels' numbers, one per page.
pub fn page_labels(pdf: &Path) -> Vec<i64> {
    Pdf::open(pdf).page_labels()
}

/// Text with all whitespace removed, for comparing extracted text.
pub fn squash(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// A deck with one slide per Mermaid diagram of the corpus
/// (`tests/fixtures/diagrams/corpus/*.mmd`), and how many there are.
pub fn mermaid_corpus_deck() -> (String, usize) {
    let corpus = root().join("tests/fixtures/diagrams/corpus");
    let mut files: Vec<_> = std::fs::read_dir(&corpus)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "mmd"))
        .collect();
    files.sort();
    let mut yaml = String::from("title: Corpus\nlang: zh\nsections:\n  - title: S\n    slides:\n");
    for f in &files {
        let src = std::fs::read_to_string(f).unwrap();
        let name = f.file_stem().unwrap().to_str().unwrap();
        yaml.push_str(&format!(
            "      - title: \"{name}\"\n        diagram:\n          mermaid: |\n"
        ));
        for line in src.lines() {
            yaml.push_str(&format!("            {line}\n"));
        }
    }
    (yaml, files.len())
}

/// The y of `word` on `page` (PDF points, upwards).
#[track_caller]
pub fn y(pdf: &Pdf, page: usize, word: &str) -> f64 {
    pdf.position(page, word)
        .unwrap_or_else(|| panic!("`{word}` not on page {page}: {}", pdf.page_text(page)))
        .1
}
