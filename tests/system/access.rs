//! Independent accessibility validators on lectern's outputs: the PyPI
//! checkers `outloud` and `pdfua` on the chapter deck in every built-in
//! theme and on `init`'s scaffold, and axe-core (npm) in Debian's Chromium
//! on the HTML deck and the presenter console's audience view.
//!
//! `.ci/run` installs them and says where: `LECTERN_A11Y_BIN` (the
//! virtual environment's `bin` folder) and `LECTERN_AXE_JS` (axe.min.js).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use serde_json::Value;

use crate::cdp::Browser;
use crate::console::Console;
use crate::util::*;

/// The outloud warnings the issue names: none may remain. (ORD-001 is
/// left out: outloud 0.2.1 reads an element's own content before its
/// children's, so a list item that starts in bold counts as out of order;
/// the default suite checks the real reading order page by page.)
const BANNED: &[&str] = &["HDG-012", "LNK-010", "PAG-001", "TBL-011", "FIG-012"];

/// A validator from the virtual environment `.ci/run` made.
fn checker(name: &str) -> PathBuf {
    let bin = std::env::var("LECTERN_A11Y_BIN")
        .expect("LECTERN_A11Y_BIN: the bin folder of a venv with `pip install outloud pdfua` (.ci/run makes one)");
    PathBuf::from(bin).join(name)
}

/// Runs `outloud` and `pdfua` on a PDF and fails on what they find.
#[track_caller]
fn validate(pdf: &Path) {
    let out = Command::new(checker("outloud"))
        .arg(pdf)
        .args(["--json", "-"])
        .output()
        .expect("outloud runs");
    let report: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "outloud's JSON: {e}: {}",
            String::from_utf8_lossy(&out.stdout)
        )
    });
    let findings = report["results"][0]["findings"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    for f in &findings {
        let rule = f["rule"].as_str().unwrap_or("");
        assert!(
            f["severity"] != "error" && !BANNED.contains(&rule),
            "{}: outloud {rule}: {}",
            pdf.display(),
            f["message"]
        );
    }
    let out = Command::new(checker("pdfua"))
        .arg("check")
        .arg(pdf)
        .output()
        .expect("pdfua runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && text.contains("no findings"),
        "{}: pdfua: {text}",
        pdf.display()
    );
}

#[test]
fn the_chapter_deck_in_every_theme_and_the_scaffold_pass_outloud_and_pdfua() {
    let dir = tempfile::tempdir().unwrap();
    for theme in ["academic", "metro", "midnight", "projector"] {
        let pdf = dir.path().join(format!("{theme}.pdf"));
        build_chapter(&pdf, &["--theme", theme, "--deny-warnings"]);
        validate(&pdf);
    }
    let scaffold = dir.path().join("scaffold");
    lectern()
        .args(["init", scaffold.to_str().unwrap()])
        .assert()
        .success();
    build_in(&scaffold, &["lecture.yaml", "--deny-warnings"]).success();
    validate(&scaffold.join("lecture.pdf"));
}

/// axe-core's violations (WCAG 2.2 A/AA and best practice) on the page in
/// `tab`, as "rule: help" lines.
fn axe(browser: &mut Browser, tab: &crate::cdp::Tab) -> Vec<String> {
    let path = std::env::var("LECTERN_AXE_JS")
        .expect("LECTERN_AXE_JS: the path of axe-core's axe.min.js (.ci/run installs it with npm)");
    let source = std::fs::read_to_string(&path).expect("axe.min.js");
    browser.eval(tab, &source);
    let found = browser.eval(
        tab,
        "axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] } }).then(r => r.violations.map(v => v.id + ': ' + v.help + ' (' + v.nodes.length + ')'))",
    );
    found
        .as_array()
        .map(|v| {
            v.iter()
                .map(|s| s.as_str().unwrap_or("").to_string())
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn axe_finds_no_violation_in_the_html_deck_or_the_audience_view() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("deck.pdf");
    build_chapter(&pdf, &["--html"]);
    let mut browser = Browser::launch();
    let tab = browser.open(&format!(
        "file://{}",
        dir.path().join("deck.html").display()
    ));
    let wait = Duration::from_secs(10);
    browser.wait(
        &tab,
        "the first slide",
        "document.getElementById('number').textContent.startsWith('1 / ')",
        wait,
    );
    assert_eq!(
        axe(&mut browser, &tab),
        Vec::<String>::new(),
        "the HTML deck"
    );

    let console = Console::start(
        &root().join("slides"),
        "container-orchestration-wars.yaml",
        &["--output", dir.path().join("live.pdf").to_str().unwrap()],
    );
    let audience = browser.open(&format!("http://127.0.0.1:{}/", console.port));
    browser.wait(
        &audience,
        "the deck's language",
        "document.documentElement.lang === 'zh'",
        wait,
    );
    assert_eq!(
        axe(&mut browser, &audience),
        Vec::<String>::new(),
        "the audience view"
    );
}
