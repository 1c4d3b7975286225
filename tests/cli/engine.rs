//! The engine keeps its promises: one gate for `--deny-warnings`, one
//! inline grammar, languages with regions, paths as the CLI reads them,
//! `init` that never overwrites, and what a build read kept whole.

use std::path::PathBuf;

use lectern::pipeline::{BuildOptions, GapOutputs, Session};

use predicates::prelude::*;

use crate::util::*;

/// A small deck in `lang`, with `extra` as its last slide's body.
fn small(lang: &str, extra: &str) -> String {
    format!(
        "title: Engine\nlang: {lang}\nsections:\n  - title: S\n    slides:\n      - title: One\n        text: plain\n{extra}"
    )
}

#[test]
fn denied_warnings_from_any_output_write_nothing() {
    // The gap-fill handout of a deck without key terms warns while the
    // outputs are made: nothing may be written then, the PDF included.
    let dir = deck(&small("en", ""));
    let out = build_in(
        dir.path(),
        &["deck.yaml", "--handout-kind", "gaps", "--deny-warnings"],
    )
    .code(1);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr);
    assert!(stderr.contains("marks no key terms"), "{stderr}");
    assert!(stderr.contains("warnings are denied"), "{stderr}");
    let written: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(written, vec!["deck.yaml"], "nothing written: {written:?}");
}

#[test]
fn a_language_may_name_its_region_and_anything_else_is_refused_at_its_line() {
    for lang in ["zh-CN", "zh-TW", "en-GB", "zh_cn"] {
        let dir = deck(&small(lang, ""));
        build_in(dir.path(), &["deck.yaml"]).success();
        let doc = Pdf::open(&dir.path().join("deck.pdf"));
        let want = lang[..2].to_string();
        assert!(
            doc.lang()
                .is_some_and(|l| l.to_lowercase().starts_with(&want)),
            "{lang}: {:?}",
            doc.lang()
        );
    }
    // Chinese labels follow the language, in Traditional characters for
    // Taiwan, Hong Kong and `zh-Hant`.
    for (lang, agenda) in [("zh-CN", "目录"), ("zh-TW", "目錄"), ("zh-Hant", "目錄")] {
        let dir = deck(&small(lang, ""));
        build_in(dir.path(), &["deck.yaml"]).success();
        assert!(
            squash(&pdf_text(&dir.path().join("deck.pdf"))).contains(agenda),
            "{lang}: {}",
            pdf_text(&dir.path().join("deck.pdf"))
        );
    }
    for bad in ["zh-CHN", "chinese", "z1", "en-"] {
        let dir = deck(&small(bad, ""));
        let out = build_in(dir.path(), &["deck.yaml"]).code(1);
        let stderr = String::from_utf8_lossy(&out.get_output().stderr);
        assert!(
            stderr.contains("is not a language code") && stderr.contains("deck.yaml:2:7"),
            "{bad}: {stderr}"
        );
        assert!(
            !stderr.contains("theme"),
            "never blamed on the theme: {stderr}"
        );
    }
}

#[test]
fn a_gap_opener_in_code_or_raw_typst_is_not_a_gap() {
    let dir = deck(&small(
        "en",
        "      - title: Two\n        text: write `{{` to open a gap\n      - title: Raw\n        typst: '#let x = \"{{\"'\n",
    ));
    build_in(dir.path(), &["deck.yaml"]).success();
    let text = pdf_text(&dir.path().join("deck.pdf"));
    assert!(text.contains("{{"), "{text}");
}

#[test]
fn sixty_thousand_unmatched_brackets_build() {
    // Quadratic parsing took minutes here; the parser is linear.
    for unit in ["[", "`", "*", "{{a", "]("] {
        let text = unit.repeat(60_000 / unit.len());
        let dir = deck(&small(
            "en",
            &format!("      - title: Many\n        text: '{text}'\n"),
        ));
        let out = build_in(dir.path(), &["deck.yaml"]);
        let out = if unit == "{{a" {
            out.code(1)
        } else {
            out.success()
        };
        let stderr = String::from_utf8_lossy(&out.get_output().stderr);
        assert!(!stderr.contains("panicked"), "{unit}: {stderr}");
    }
}

#[test]
fn a_relative_theme_folder_is_read_from_the_working_directory() {
    let work = tempfile::tempdir().unwrap();
    theme_new(&work.path().join("mytheme"), "midnight");
    std::fs::create_dir(work.path().join("talk")).unwrap();
    std::fs::write(work.path().join("talk/deck.yaml"), small("en", "")).unwrap();
    lectern()
        .current_dir(work.path())
        .args(["build", "talk/deck.yaml", "--theme", "mytheme"])
        .assert()
        .success();
    // midnight's background, not academic's.
    let doc = Pdf::open(&work.path().join("talk/deck.pdf"));
    let navy = (
        0x14 as f64 / 255.0,
        0x19 as f64 / 255.0,
        0x2b as f64 / 255.0,
    );
    assert!(
        doc.fill_colours(1)
            .iter()
            .any(|c| (c.0 - navy.0).abs() < 0.01 && (c.2 - navy.2).abs() < 0.01),
        "the theme from the working directory"
    );
}

#[test]
fn init_refuses_a_folder_holding_its_files_and_names_them() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("data.csv"), "mine\n").unwrap();
    let out = lectern().arg("init").arg(dir.path()).assert().code(2);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr);
    assert!(
        stderr.contains("data.csv") && stderr.contains("--force"),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("data.csv")).unwrap(),
        "mine\n"
    );
    assert!(!dir.path().join("lecture.yaml").exists());
    lectern()
        .arg("init")
        .arg(dir.path())
        .arg("--force")
        .assert()
        .success();
    assert_ne!(
        std::fs::read_to_string(dir.path().join("data.csv")).unwrap(),
        "mine\n"
    );
}

#[test]
fn a_gbk_csv_is_read_with_a_warning_and_an_unclosed_quote_is_an_error() {
    let chart = "      - title: Chart\n        chart: { kind: bar, data: d.csv }\n";
    let dir = deck(&small("zh", chart));
    let (gbk, _, _) = encoding_rs::GBK.encode("年份,份额\n二〇一八,58\n");
    std::fs::write(dir.path().join("d.csv"), &*gbk).unwrap();
    let out = build_in(dir.path(), &["deck.yaml"]).success();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr);
    assert!(
        stderr.contains("GB18030/GBK") && stderr.contains("deck.yaml:9:"),
        "{stderr}"
    );
    assert!(pdf_text(&dir.path().join("deck.pdf")).contains("二〇一八"));
    std::fs::write(dir.path().join("d.csv"), "year,share\n2018,\"58\n").unwrap();
    std::fs::remove_file(dir.path().join("deck.pdf")).unwrap();
    let out = build_in(dir.path(), &["deck.yaml"]).code(1);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr);
    assert!(
        stderr.contains("this quote is never closed") && stderr.contains("d.csv:2:6"),
        "{stderr}"
    );
    assert!(!dir.path().join("deck.pdf").exists());
}

#[test]
fn paper_outputs_keep_what_the_deck_read_for_watch() {
    // Raw Typst reads a file; the handout and the gap-fill handout are
    // compiled after the deck, and the deck's record of its reads stands.
    let dir = deck(&small(
        "en",
        "      - title: Read\n        typst: '#read(\"note.txt\")'\n      - title: Gap\n        text: a {{term}}\n",
    ));
    std::fs::write(dir.path().join("note.txt"), "from a file").unwrap();
    let mut session = Session::new(BuildOptions {
        outline: dir.path().join("deck.yaml"),
        handout: Some(Default::default()),
        gaps: GapOutputs {
            handout: true,
            key: true,
            asked: true,
            format: Default::default(),
        },
        ..BuildOptions::default()
    });
    let outcome = session.build();
    assert!(outcome.result.is_ok(), "{:?}", outcome.diagnostics);
    let deps: Vec<PathBuf> = session.dependencies();
    let note = dir.path().canonicalize().unwrap().join("note.txt");
    assert!(deps.contains(&note), "{deps:?}");
}

#[test]
fn a_long_source_line_wraps_and_only_a_longer_one_is_cut_with_a_warning() {
    let chart = |source: &str| {
        small(
            "en",
            &format!(
                "      - title: Chart\n        chart:\n          kind: bar\n          categories: [a, b]\n          series: [{{ name: s, values: [1, 2] }}]\n          source: \"{source}\"\n"
            ),
        )
    };
    let two = "Survey of container users 2018, question 14, all respondents, weighted by company size and region, published by the foundation";
    let dir = deck(&chart(two));
    let out = build_in(dir.path(), &["deck.yaml", "--deny-warnings"]).success();
    assert!(!String::from_utf8_lossy(&out.get_output().stderr).contains("cut after"));
    let text = squash(&pdf_text(&dir.path().join("deck.pdf")));
    assert!(
        text.contains(&squash(two)),
        "the whole source on two lines: {text}"
    );
    let long = two.repeat(4);
    let dir = deck(&chart(&long));
    let out = build_in(dir.path(), &["deck.yaml"]).success();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr);
    assert!(
        stderr.contains("it is cut after 2") && stderr.contains("deck.yaml:13:"),
        "{stderr}"
    );
    assert!(pdf_text(&dir.path().join("deck.pdf")).contains('…'));
}

#[test]
fn theme_files_are_held_to_the_size_cap() {
    let dir = deck(&small("en", ""));
    let theme = dir.path().join("big");
    theme_new(&theme, "academic");
    let mut typ = std::fs::read_to_string(theme.join("theme.typ")).unwrap();
    typ.push_str(&format!("// {}\n", "x".repeat(2 << 20)));
    std::fs::write(theme.join("theme.typ"), typ).unwrap();
    let out = build_in(
        dir.path(),
        &["deck.yaml", "--theme", "big", "--max-file-size", "1"],
    )
    .code(1);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr);
    assert!(stderr.contains("theme.typ"), "{stderr}");
    assert!(!dir.path().join("deck.pdf").exists());
}

#[test]
fn a_mistake_after_a_chinese_block_of_notes_is_reported_at_its_own_line() {
    // The YAML scanner counts a block scalar's characters twice; positions
    // come from lines and columns, so nothing after such a block drifts.
    let notes: String = (0..6)
        .map(|_| "          讲稿里有很多中文，一行又一行。\n")
        .collect();
    let yaml = format!(
        "title: 漂移\nlang: zh\nsections:\n  - title: S\n    slides:\n      - title: 一\n        text: 正文\n        notes: |\n{notes}      - title: 二\n        txet: 错字\n"
    );
    let dir = deck(&yaml);
    let out = build_in(dir.path(), &["deck.yaml"]).code(1);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr);
    assert!(stderr.contains("deck.yaml:16:9"), "{stderr}");
    assert!(stderr.contains("txet"), "{stderr}");
}

/// A timeline of `n` events, two a month from 1800 on, in two categories.
fn timeline_of(n: usize) -> String {
    let events: String = (0..n)
        .map(|i| {
            format!(
                "            - {{ date: {}-{:02}, label: event {i}, category: {} }}\n",
                1800 + i / 24,
                i / 2 % 12 + 1,
                ["a", "b"][i % 2]
            )
        })
        .collect();
    small(
        "en",
        &format!(
            "      - title: Many\n        chart:\n          kind: timeline\n          categories: {{ a: A, b: B }}\n          events:\n{events}"
        ),
    )
}

#[test]
fn charts_at_their_caps_build_and_one_more_is_an_error_at_the_chart() {
    // 2,000 events: built, continued over as many slides as they need.
    let dir = deck(&timeline_of(lectern::outline::MAX_EVENTS));
    let out = build_in(dir.path(), &["deck.yaml"]).success();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr);
    assert!(stderr.contains("of its 2000 events"), "{stderr}");
    assert!(pdf_pages(&dir.path().join("deck.pdf")).0 > 20);
    // 2,001: refused at the chart, before any layout.
    let dir = deck(&timeline_of(lectern::outline::MAX_EVENTS + 1));
    build_in(dir.path(), &["deck.yaml"])
        .code(1)
        .stderr(predicate::str::contains(
            "this chart has 2001 events; a chart holds at most 2000",
        ))
        .stderr(predicate::str::contains("deck.yaml:10:"));
    // 500 categories build; 501 do not.
    for (n, ok) in [(500, true), (501, false)] {
        let rows: String = (0..n).map(|i| format!("c{i},{i}\n")).collect();
        let dir = deck(&small(
            "en",
            "      - title: Bars\n        chart:\n          kind: bar\n          data: bars.csv\n",
        ));
        std::fs::write(dir.path().join("bars.csv"), format!("name,v\n{rows}")).unwrap();
        let out = build_in(dir.path(), &["deck.yaml"]);
        if ok {
            out.success();
        } else {
            out.code(1)
                .stderr(predicate::str::contains(
                    "501 categories; a chart holds at most 500",
                ))
                .stderr(predicate::str::contains("deck.yaml:10:"));
        }
    }
}
