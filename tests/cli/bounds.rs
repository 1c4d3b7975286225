//! Inputs past their caps: each is refused with a located error, before
//! any work that grows with it (a FIFO is never read, a huge line set never
//! expanded).

use crate::util::*;

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
fn plain_code_over_256_kb_is_refused_like_src() {
    let line = "let x = 1; // some code\n";
    let src: String = line.repeat(300 * 1024 / line.len() * 10 / 10 + 1000);
    let body: String = src.lines().map(|l| format!("      {l}\n")).collect();
    let dir = deck(&format!(
        "title: C\nlang: en\nopening:\n  - title: Code\n    code: |\n{body}"
    ));
    let out = build_in(dir.path(), &["deck.yaml"]).code(1);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr);
    assert!(
        stderr.contains("a code block holds at most 256 KB"),
        "{stderr}"
    );
    assert!(stderr.contains("deck.yaml:6:"), "{stderr}");
}

#[test]
fn a_highlight_naming_ten_times_the_line_cap_is_refused() {
    // 400 ranges of 19,999 lines: ten times and more the 20,000 cap,
    // in an outline of 8 KB.
    let ranges = vec!["1-19999"; 400].join(",");
    let dir = deck(&format!(
        "title: C\nlang: en\nopening:\n  - title: Code\n    code:\n      src: \"a\\nb\\n\"\n      highlight: [\"{ranges}\"]\n"
    ));
    let stderr = fails_with(dir.path(), &["check", "deck.yaml"], 1);
    assert!(stderr.contains("names more than 20000 lines"), "{stderr}");
    assert!(stderr.contains("deck.yaml:7:"), "{stderr}");
}

#[test]
fn a_yaml_diagram_of_ten_times_the_node_cap_is_refused_before_its_nodes_are_read() {
    let nodes: String = (0..100_000)
        .map(|i| format!("            - n{i}\n"))
        .collect();
    let dir = deck(&format!(
        "title: D\nlang: en\nopening:\n  - title: Many\n    diagram:\n      nodes:\n{nodes}"
    ));
    let stderr = fails_with(dir.path(), &["check", "deck.yaml"], 1);
    assert!(
        stderr.contains("this diagram lists 100000 nodes; a slide holds at most 80"),
        "{stderr}"
    );
    assert!(stderr.contains("deck.yaml:6:7"), "{stderr}");
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
fn a_text_field_of_ten_times_64_kb_is_refused_at_its_line() {
    let text = "word ".repeat(640 * 1024 / 5);
    let dir = deck(&format!(
        "title: T\nlang: en\nopening:\n  - title: Long\n    text: \"{text}\"\n"
    ));
    let stderr = fails_with(dir.path(), &["check", "deck.yaml"], 1);
    assert!(
        stderr.contains("a text field holds at most 64 KB"),
        "{stderr}"
    );
    assert!(stderr.contains("deck.yaml:5:12"), "{stderr}");
}

#[test]
fn a_table_of_ten_times_12_columns_is_refused_and_a_wide_one_warns() {
    let header: Vec<String> = (1..=120).map(|i| format!("c{i}")).collect();
    let dir = deck(&format!(
        "title: T\nlang: en\nopening:\n  - title: Wide\n    table:\n      header: [{}]\n      rows: [[{}]]\n",
        header.join(", "),
        header.join(", ")
    ));
    let stderr = fails_with(dir.path(), &["check", "deck.yaml"], 1);
    assert!(stderr.contains("120 columns"), "{stderr}");
    assert!(stderr.contains("deck.yaml:6:"), "{stderr}");
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
