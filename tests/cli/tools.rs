//! The lecturer's tools: schema, scaffolding, completions, PDF standards.

use predicates::prelude::*;
use serde_json::Value;

use crate::util::*;

#[test]
fn schema_is_json_schema_for_the_outline_and_the_chapter_names_it() {
    let out = lectern().arg("schema").output().unwrap();
    assert!(out.status.success());
    let schema: Value = serde_json::from_slice(&out.stdout).expect("the schema is JSON");
    assert_eq!(schema["$schema"], "http://json-schema.org/draft-07/schema#");
    assert_eq!(schema["required"], serde_json::json!(["title"]));
    assert!(
        schema["definitions"]["chart"]["properties"]["kind"]["enum"]
            .as_array()
            .unwrap()
            .len()
            >= 5
    );
    let chapter = std::fs::read_to_string(chapter()).unwrap();
    assert!(chapter.starts_with("# yaml-language-server: $schema=../lectern.schema.json"));
}

#[test]
fn init_scaffolds_a_lecture_that_builds_cleanly_and_refuses_to_overwrite() {
    let dir = tempfile::tempdir().unwrap();
    let lecture = dir.path().join("lecture");
    lectern()
        .args(["init", lecture.to_str().unwrap()])
        .assert()
        .success();
    build_in(&lecture, &["lecture.yaml", "--deny-warnings", "--all"]).success();
    let text = pdf_text(&lecture.join("lecture.pdf"));
    // The stack examples: a numbered theorem, and a box shown from step 4
    // on one page of its slide's four.
    let pdf = Pdf::open(&lecture.join("lecture.pdf"));
    assert!(squash(&pdf.text()).contains("Theorem1(Little"), "{text}");
    let shown = (1..=pdf.page_count())
        .filter(|&p| pdf.page_text(p).contains("Shown from step 4"))
        .count();
    assert_eq!(shown, 1);
    for kind in [
        "Bullets, revealed one at a time",
        "Two columns",
        "An image with a caption",
        "A chart from a CSV file",
        "A timeline",
        "Raw Typst",
        "Adoption",
    ] {
        assert!(text.contains(kind), "{kind} missing");
    }
    assert!(lecture.join("lecture.pdfpc").exists() && lecture.join("lecture-handout.pdf").exists());
    // The scaffold marks one key term, so --all writes the gap-fill pair.
    assert!(!pdf_text(&lecture.join("lecture-gaps.pdf")).contains("key term"));
    assert!(pdf_text(&lecture.join("lecture-key.pdf")).contains("key term"));
    lectern()
        .args(["init", lecture.to_str().unwrap()])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("already exist").and(predicate::str::contains("--force")));
}

#[test]
fn completions_are_printed_for_each_shell() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let out = lectern().args(["completions", shell]).output().unwrap();
        assert!(out.status.success());
        let script = String::from_utf8_lossy(&out.stdout);
        assert!(
            script.contains("lectern") && script.contains("handout-layout"),
            "{shell}"
        );
    }
}

#[test]
fn help_shows_examples() {
    lectern()
        .args(["build", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Example: lectern build"));
    lectern()
        .args(["watch", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Example: lectern watch"));
}

/// The XMP metadata of a PDF.
fn xmp(pdf: &std::path::Path) -> String {
    Pdf::open(pdf).xmp()
}

#[test]
fn pdf_standards_are_claimed_in_the_xmp_metadata() {
    let dir = tempfile::tempdir().unwrap();
    for (standard, claims) in [
        (
            "a-2b",
            &[
                "<pdfaid:part>2</pdfaid:part>",
                "<pdfaid:conformance>B</pdfaid:conformance>",
            ][..],
        ),
        (
            "a-3u",
            &[
                "<pdfaid:part>3</pdfaid:part>",
                "<pdfaid:conformance>U</pdfaid:conformance>",
            ][..],
        ),
        ("ua-1", &["<pdfuaid:part>1</pdfuaid:part>"][..]),
        (
            "a-2u",
            &[
                "<pdfaid:part>2</pdfaid:part>",
                "<pdfaid:conformance>U</pdfaid:conformance>",
            ][..],
        ),
        (
            "a-2a",
            &[
                "<pdfaid:part>2</pdfaid:part>",
                "<pdfaid:conformance>A</pdfaid:conformance>",
            ][..],
        ),
        (
            "a-3b",
            &[
                "<pdfaid:part>3</pdfaid:part>",
                "<pdfaid:conformance>B</pdfaid:conformance>",
            ][..],
        ),
    ] {
        let pdf = dir.path().join(format!("{standard}.pdf"));
        build_chapter(&pdf, &["--pdf-standard", standard]);
        let meta = xmp(&pdf);
        for claim in claims {
            assert!(meta.contains(claim), "{standard}: {claim} not in the XMP");
        }
    }
    // Standards combine where they are compatible (one PDF/A part with
    // PDF/UA), and two PDF/A parts are refused.
    let both = dir.path().join("both.pdf");
    build_chapter(&both, &["--pdf-standard", "a-2b", "--pdf-standard", "ua-1"]);
    let meta = xmp(&both);
    assert!(
        meta.contains("<pdfaid:part>2</pdfaid:part>")
            && meta.contains("<pdfuaid:part>1</pdfuaid:part>")
    );
    lectern()
        .args(["build", chapter().to_str().unwrap(), "-o"])
        .arg(dir.path().join("never.pdf"))
        .args(["--pdf-standard", "a-2b", "--pdf-standard", "a-3b"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("cannot be combined"));
    assert!(!dir.path().join("never.pdf").exists());
    // Tagged by default, with the deck's language.
    let pdf = dir.path().join("plain.pdf");
    build_chapter(&pdf, &[]);
    let doc = Pdf::open(&pdf);
    assert!(doc.is_tagged(), "the PDF is not tagged");
    assert!(
        doc.lang().is_some_and(|l| l.starts_with("zh")),
        "no document language: {:?}",
        doc.lang()
    );
}
