//! Inputs past their caps: each is refused with a located error, before
//! any work that grows with it (a FIFO is never read, a huge line set never
//! expanded).

use crate::util::*;

#[path = "../../benches/support/caps.rs"]
mod caps;

#[test]
fn every_cap_fed_ten_times_over_is_an_error_at_its_place() {
    // Time and peak memory of the same inputs: `cargo bench --bench bounds`.
    for case in caps::cases() {
        let dir = deck(&case.yaml);
        let stderr = fails_with(dir.path(), &["check", "deck.yaml"], 1);
        assert!(stderr.contains(case.says), "{}: {stderr}", case.name);
        assert!(stderr.contains(case.at), "{}: {stderr}", case.name);
    }
}

#[test]
fn a_mermaid_error_in_a_double_quoted_string_is_placed_on_its_own_line() {
    // The `\n` escapes are not line breaks in the file: `c` is at line 6, column 40.
    let dir = deck(
        "title: D\nlang: en\nopening:\n  - title: Q\n    diagram:\n      mermaid: \"flowchart LR\\n a --> b c\"\n",
    );
    let stderr = fails_with(dir.path(), &["check", "deck.yaml"], 1);
    assert!(stderr.contains("expected an arrow"), "{stderr}");
    assert!(stderr.contains("deck.yaml:6:40"), "{stderr}");
}

#[test]
fn a_fifo_given_as_the_outline_is_refused_without_being_read() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe.yaml");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        return; // no mkfifo on this system
    }
    let stderr = fails_with(dir.path(), &["check", "pipe.yaml"], 2);
    assert!(stderr.contains("not a regular file"), "{stderr}");
}

#[test]
fn an_outline_over_the_size_limit_is_refused_before_it_is_parsed() {
    let slides: String = (0..40_000)
        .map(|i| format!("      - title: Slide {i}\n        text: x\n"))
        .collect();
    let dir = deck(&format!(
        "title: Big\nlang: en\nsections:\n  - title: S\n    slides:\n{slides}"
    ));
    let out = build_in(dir.path(), &["deck.yaml", "--max-file-size", "1"]).code(2);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr);
    assert!(stderr.contains("limit"), "{stderr}");
    assert!(!dir.path().join("deck.pdf").exists());
}

#[test]
fn keys_beside_mermaid_are_read_or_named_never_dropped() {
    let dir = deck(
        "title: D\nlang: en\nopening:\n  - title: Both\n    diagram:\n      direction: down\n      edges: [\"x -> y\"]\n      mermaid: |\n        flowchart LR\n          a --> b\n",
    );
    let out = build_in(dir.path(), &["deck.yaml"]).success();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr);
    assert!(
        stderr.contains("`edges` is not read beside `mermaid:`"),
        "{stderr}"
    );
    assert!(stderr.contains("deck.yaml:7:14"), "{stderr}");
    // `direction: down` overrides `LR`: b is drawn below a.
    let pdf = Pdf::open(&dir.path().join("deck.pdf"));
    let (a, b) = (pdf.position(2, "a").unwrap(), pdf.position(2, "b").unwrap());
    assert!(
        a.1 > b.1 + 20.0 && (a.0 - b.0).abs() < 5.0,
        "a {a:?} b {b:?}"
    );
}

#[test]
fn a_windows_1252_csv_in_an_english_deck_is_an_error_not_read_as_gbk() {
    let dir =
        deck("title: D\nlang: en\nopening:\n  - title: Names\n    table:\n      data: names.csv\n");
    std::fs::write(dir.path().join("names.csv"), b"name,n\nM\xfcller,1\n").unwrap();
    let out = build_in(dir.path(), &["deck.yaml"]).code(1);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr);
    assert!(
        stderr.contains("not UTF-8") && stderr.contains("UTF-8"),
        "{stderr}"
    );
    assert!(stderr.contains("deck.yaml:6:13"), "{stderr}");
    assert!(!stderr.contains("GBK"), "{stderr}");
    assert!(!dir.path().join("deck.pdf").exists());
}

#[test]
fn inline_math_in_a_csv_table_cell_is_checked_like_a_cell_in_the_outline() {
    let dir =
        deck("title: D\nlang: en\nopening:\n  - title: Laws\n    table:\n      data: laws.csv\n");
    std::fs::write(
        dir.path().join("laws.csv"),
        "law,formula\nLittle,\\( \\alpah \\)\n",
    )
    .unwrap();
    let stderr = fails_with(dir.path(), &["check", "deck.yaml"], 1);
    assert!(stderr.contains("alpah"), "{stderr}");
    // At the command, in the CSV file: line 2, after "Little,\( ".
    assert!(stderr.contains("laws.csv:2:"), "{stderr}");
}

#[test]
fn a_table_too_wide_for_its_slide_warns() {
    // Twelve columns of long words: too wide for the slide, a warning.
    let long: Vec<String> = (1..=12).map(|i| format!("Extraordinarily{i}")).collect();
    let dir = deck(&format!(
        "title: T\nlang: en\nopening:\n  - title: Wide\n    table:\n      header: [{}]\n      rows: [[{}]]\n",
        long.join(", "),
        long.join(", ")
    ));
    let out = build_in(dir.path(), &["deck.yaml"]).success();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr);
    assert!(
        stderr.contains("this table is too wide for its slide"),
        "{stderr}"
    );
}

#[test]
fn a_by_without_its_quote_is_a_warning_at_the_key_not_dropped() {
    let dir =
        deck("title: T\nlang: en\nopening:\n  - title: A\n    text: hello\n    by: Someone\n");
    let out = build_in(dir.path(), &["deck.yaml"]).success();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr);
    assert!(
        stderr.contains("`by` names the author of a `quote:`"),
        "{stderr}"
    );
    assert!(stderr.contains("deck.yaml:6:5"), "{stderr}");
}
