//! Speaking time from the notes: warnings at the section's `minutes:` line,
//! the `--timing` table, `speaking-rate` and `pause`.

use crate::util::*;

/// A deck whose one section plans 10 minutes and whose notes hold `chars`
/// Chinese characters, with deck-level `extra` lines.
fn timed(chars: usize, extra: &str) -> String {
    let notes = "讲".repeat(chars / 2);
    format!(
        "title: 计时\nlang: zh\nslot: 15\n{extra}sections:\n  - title: 第一部分\n    minutes: 10\n    slides:\n      - title: 甲\n        text: 正文\n        notes: {notes}\n      - title: 乙\n        text: 正文\n        notes: {notes}\n"
    )
}

#[test]
fn notes_longer_than_the_section_warn_at_its_minutes_line() {
    // 3,000 字 at 240 a minute: 12.5 minutes for a 10-minute section.
    let dir = deck(&timed(3000, ""));
    let out = build_in(dir.path(), &["deck.yaml"]).success();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr);
    assert!(
        stderr.contains("第 1 部分：讲稿约需 13 分钟，计划 10 分钟"),
        "{stderr}"
    );
    assert!(stderr.contains("deck.yaml:6:14"), "{stderr}");
    // --deny-warnings makes it an error, and nothing is written.
    std::fs::remove_file(dir.path().join("deck.pdf")).unwrap();
    build_in(dir.path(), &["deck.yaml", "--deny-warnings"]).code(1);
    assert!(!dir.path().join("deck.pdf").exists());
}

#[test]
fn at_the_lecturers_own_rate_the_same_notes_fit() {
    for rate in [
        "speaking-rate: 300\n",
        "speaking-rate: { zh: 320, en: 150 }\n",
    ] {
        let dir = deck(&timed(3000, rate));
        build_in(dir.path(), &["deck.yaml", "--deny-warnings"]).success();
    }
}

#[test]
fn pauses_count_in_the_plan() {
    // 1,200 字: 5 minutes; a 6-minute activity makes 11 in a 10-minute
    // section (within the 10 % slack: no warning), 7 makes 12.
    let fits = timed(1200, "").replacen(
        "        text: 正文\n        notes",
        "        pause: 6\n        text: 正文\n        notes",
        1,
    );
    let dir = deck(&fits);
    build_in(dir.path(), &["deck.yaml", "--deny-warnings"]).success();
    let over = fits.replace("pause: 6", "pause: 7");
    let dir = deck(&over);
    let out = build_in(dir.path(), &["deck.yaml"]).success();
    assert!(String::from_utf8_lossy(&out.get_output().stderr).contains("计划 10 分钟"));
}

#[test]
fn check_timing_prints_the_table_and_its_json() {
    let dir = deck(&timed(1200, ""));
    let out = lectern()
        .current_dir(dir.path())
        .args(["check", "deck.yaml", "--timing"])
        .assert()
        .success();
    let table = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(
        table.contains("| 1. 第一部分 | 2 | 10 | 5.0 | 0.0 | 5.0 | -5.0 |"),
        "{table}"
    );
    assert!(table.contains("| 全部 | 2 | 15 | 5.0 |"), "{table}");
    let out = lectern()
        .current_dir(dir.path())
        .args([
            "check",
            "deck.yaml",
            "--timing",
            "--diagnostic-format",
            "json",
        ])
        .assert()
        .success();
    let json: serde_json::Value =
        serde_json::from_str(String::from_utf8_lossy(&out.get_output().stdout).trim()).unwrap();
    assert_eq!(json["timing"]["sections"][0]["planned"], 10);
    assert!((json["speaking_minutes"].as_f64().unwrap() - 5.0).abs() < 1e-9);
    assert_eq!(json["timing"]["rate"]["cjk_per_minute"], 240);
}

#[test]
fn the_last_lectures_times_join_the_table_and_a_bad_file_is_only_a_warning() {
    let dir = deck(&timed(1200, ""));
    std::fs::write(
        dir.path().join("timing.json"),
        r#"{"lectern":"timing","sections":[{"title":"第一部分","minutes":7.5}],"elapsed_minutes":8.0}"#,
    )
    .unwrap();
    let out = lectern()
        .current_dir(dir.path())
        .args(["check", "deck.yaml", "--timing"])
        .assert()
        .success();
    let table = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(table.contains("上次实际"), "{table}");
    assert!(table.contains("| -5.0 | 7.5 |"), "{table}");
    std::fs::write(dir.path().join("timing.json"), "{ not json").unwrap();
    let out = build_in(dir.path(), &["deck.yaml"]).success();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr);
    assert!(
        stderr.contains("timing.json beside the outline cannot be read"),
        "{stderr}"
    );
    assert!(dir.path().join("deck.pdf").exists());
}
