//! The corpus of bad outlines in `tests/bad/`: each file starts with
//! `# expect: ...` lines, and building it must fail with exit code 1 and
//! print every expected piece (message, `file:line:column`, hint). A change
//! to any message, location or hint is caught here.

use std::path::Path;

use crate::util::*;

/// The expectations written at the top of a corpus file.
fn expectations(text: &str) -> Vec<String> {
    text.lines()
        .map_while(|l| l.strip_prefix("# expect: "))
        .map(str::to_string)
        .collect()
}

#[test]
fn every_bad_outline_fails_with_its_message() {
    let corpus = root().join("tests/bad");
    let dir = tempfile::tempdir().unwrap();
    // Nest the copy one level down so `../` paths stay inside the temp dir.
    let work = dir.path().join("work");
    copy_dir(&corpus, &work);
    let mut files: Vec<_> = std::fs::read_dir(&corpus)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    assert!(
        files.len() >= 30,
        "the corpus has only {} outlines",
        files.len()
    );
    let mut failures = Vec::new();
    for path in &files {
        let name = path.file_name().unwrap().to_str().unwrap();
        let expected = expectations(&std::fs::read_to_string(path).unwrap());
        assert!(!expected.is_empty(), "{name} has no `# expect:` lines");
        let out = lectern()
            .current_dir(&work)
            .args(["build", name])
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        if out.status.code() != Some(1) {
            failures.push(format!(
                "{name}: exit code {:?}, not 1\n{stderr}",
                out.status.code()
            ));
        }
        if stderr.contains("panicked") {
            failures.push(format!("{name}: lectern panicked\n{stderr}"));
        }
        for e in &expected {
            if !stderr.contains(e.as_str()) {
                failures.push(format!("{name}: missing `{e}` in:\n{stderr}"));
            }
        }
        assert!(
            !Path::new(&work.join(name).with_extension("pdf")).exists(),
            "{name} wrote a PDF"
        );
    }
    assert!(
        failures.is_empty(),
        "{} problems:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}
