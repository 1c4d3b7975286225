//! Integration tests: the real binary on real outlines, checked through the
//! real PDF with a reader independent of lectern (lopdf).

use crate::util::*;
use predicates::prelude::*;

/// The seven section headings of the chapter, exactly as written there.
const CHAPTER_SECTIONS: [&str; 7] = [
    "从 Cloud Foundry 开始",
    "从 Cloud Foundry 到 Docker",
    "Kubernetes 入场",
    "Docker Swarm 入场",
    "Mesos 备受追捧",
    "Kubernetes 扭转局势",
    "Kubernetes 最终胜出",
];

#[test]
fn chapter_deck_builds_into_a_checked_16_9_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("deck.pdf");
    assert!(build_chapter(&pdf, &[]).contains("wrote"));

    let (pages, w, h) = pdf_pages(&pdf);
    assert!(
        (w / h - 16.0 / 9.0).abs() < 0.01,
        "page is {w} x {h}, not 16:9"
    );
    // Title, agenda, seven dividers, at least 4 content slides per section, closing.
    assert!(pages > 2 + 7 + 7 * 4, "only {pages} pages");

    let text = squash(&pdf_text(&pdf));
    for section in CHAPTER_SECTIONS {
        assert!(
            text.contains(&squash(section)),
            "section title {section:?} missing from the PDF text"
        );
    }
    assert!(text.contains("容器编排之争"));
    // Chart text is real, extractable text: timeline dates and labels, axis
    // years, series names, units and source lines.
    for needle in [
        "2014-06-10",
        "首届DockerCon上宣布Kubernetes",
        "2019-11-13",
        "2017",
        "Sysdig2018（编排器份额）",
        "CNCF：生产环境使用Kubernetes",
        "百万美元",
        "82.9",
        "来源：",
    ] {
        assert!(
            text.contains(needle),
            "chart text {needle:?} missing from the PDF"
        );
    }

    let fonts = Pdf::open(&pdf).fonts();
    assert!(!fonts.is_empty(), "no fonts listed");
    for font in &fonts {
        assert!(font.embedded, "font not embedded: {font:?}");
        assert!(
            !font.name.contains("JP") && !font.name.contains("Japanese"),
            "Japanese CJK face used: {font:?}"
        );
    }
    let names: Vec<&str> = fonts.iter().map(|f| f.name.as_str()).collect();
    assert!(
        names.contains(&"LecternSansSC-Regular"),
        "no Simplified Chinese face: {names:?}"
    );
    assert!(
        names.contains(&"LecternSansSC-Bold"),
        "no bold Chinese face: {names:?}"
    );
}

#[test]
fn basic_fixture_builds_beside_the_outline_with_every_slide_kind() {
    let dir = fixture("basic");
    build_in(dir.path(), &["outline.yaml"]).success();
    let pdf = dir.path().join("outline.pdf");
    let (pages, _, _) = pdf_pages(&pdf);
    // title + agenda + 2 dividers + 3 slides + 1 closing
    assert_eq!(pages, 8);
    let text = pdf_text(&pdf);
    for needle in [
        "Basic deck",
        "Agenda",
        "First section",
        "one bold point",
        "a sub-point",
        "left column text",
        "right column quote",
        "Someone",
        "a small red square",
        "Questions?",
        "Ada Lovelace",
        "15 January 2026",
    ] {
        assert!(text.contains(needle), "{needle:?} missing from:\n{text}");
    }
    let doc = Pdf::open(&pdf);
    assert_eq!(doc.info("Title").as_deref(), Some("Basic deck"));
    assert_eq!(doc.info("Author").as_deref(), Some("Ada Lovelace"));
}

#[test]
fn failed_build_keeps_the_last_good_pdf() {
    let dir = fixture("basic");
    build_in(dir.path(), &["outline.yaml"]).success();
    let pdf = dir.path().join("outline.pdf");
    let good = std::fs::read(&pdf).unwrap();
    std::fs::write(dir.path().join("outline.yaml"), "title: [unclosed\n").unwrap();
    build_in(dir.path(), &["outline.yaml"]).code(1);
    assert_eq!(
        std::fs::read(&pdf).unwrap(),
        good,
        "the last good PDF was replaced"
    );
}

#[test]
fn yaml_syntax_error_is_located() {
    let dir = deck("title: ok\nsections:\n  - title: a\n    slides: [\n");
    build_in(dir.path(), &["deck.yaml"]).code(1).stderr(
        predicate::str::contains("deck.yaml:5:1").and(predicate::str::contains("invalid YAML")),
    );
    // A mistake in a value shows its line with a caret under it, and a hint.
    let dir = deck(
        "title: t\ndate: 2026-13-45\nsections:\n  - title: a\n    slides:\n      - text: hi\n",
    );
    build_in(dir.path(), &["deck.yaml"]).code(1).stderr(
        predicate::str::contains("2 │ date: 2026-13-45")
            .and(predicate::str::contains("│       ^^^^^^^^^^"))
            .and(predicate::str::contains("= hint:")),
    );
}

#[test]
fn unknown_key_is_a_located_warning_with_a_suggestion() {
    let dir = deck(
        "title: t\nsections:\n  - title: s\n    slides:\n      - title: x\n        bulets: [a]\n",
    );
    build_in(dir.path(), &["deck.yaml"]).code(1).stderr(
        predicate::str::contains("deck.yaml:6:9")
            .and(predicate::str::contains("unknown key `bulets`"))
            .and(predicate::str::contains("did you mean `bullets`")),
    );
}

#[test]
fn missing_file_is_an_io_error() {
    lectern()
        .args(["build", "/nonexistent/deck.yaml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot read"));
}

#[test]
fn image_outside_the_folder_is_refused() {
    let dir = fixture("basic");
    let yaml = std::fs::read_to_string(dir.path().join("outline.yaml"))
        .unwrap()
        .replace("image: picture.png", "image: ../secret.png");
    std::fs::write(dir.path().join("outline.yaml"), yaml).unwrap();
    build_in(dir.path(), &["outline.yaml"]).code(1).stderr(
        predicate::str::contains("outside the outline's folder")
            .and(predicate::str::contains("outline.yaml:")),
    );
}

#[test]
fn uncovered_character_names_the_character_and_the_slide() {
    // U+10FFFD (private use) is in no font at all, embedded or system.
    let dir = deck(
        "title: t\nlang: en\nsections:\n  - title: s\n    slides:\n      - title: Glyphs\n        text: \"rare \u{10FFFD}\"\n",
    );
    build_in(dir.path(), &["deck.yaml"]).code(1).stderr(
        predicate::str::contains("U+10FFFD")
            .and(predicate::str::contains("Glyphs"))
            .and(predicate::str::contains("deck.yaml:6:"))
            .and(predicate::str::contains("--font-path")),
    );
}

#[test]
fn check_validates_without_writing_and_speaks_json() {
    let yaml = "title: t\nlang: en\nsections:\n  - title: s\n    slides:\n      - title: x\n        bulets: [a]\n        text: ok\n";
    let dir = deck(yaml);
    let out = lectern()
        .current_dir(dir.path())
        .args(["check", "deck.yaml", "--diagnostic-format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "a warning alone does not fail");
    assert!(!dir.path().join("deck.pdf").exists(), "check wrote a PDF");
    let stderr = String::from_utf8_lossy(&out.stderr);
    let first = stderr.lines().next().expect("one JSON line");
    let diag: serde_json::Value = serde_json::from_str(first).expect("JSON diagnostic");
    assert_eq!(diag["severity"], "warning");
    assert_eq!(diag["message"], "unknown key `bulets` in a slide");
    assert_eq!(diag["location"]["file"], "deck.yaml");
    assert_eq!(diag["location"]["line"], 7);
    assert_eq!(diag["location"]["column"], 9);
    lectern()
        .current_dir(dir.path())
        .args(["check", "deck.yaml", "--deny-warnings"])
        .assert()
        .code(1);
    // A build that will exit 1 writes nothing at all.
    build_in(dir.path(), &["deck.yaml", "--deny-warnings", "--all"])
        .code(1)
        .stderr(predicate::str::contains("nothing was written"));
    let written: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n != "deck.yaml")
        .collect();
    assert!(
        written.is_empty(),
        "written under --deny-warnings: {written:?}"
    );
}

#[test]
fn no_raw_refuses_raw_typst_at_its_line() {
    let yaml = "title: t\nlang: en\nsections:\n  - title: s\n    slides:\n      - title: raw\n        typst: |\n          #rect()\n";
    let dir = deck(yaml);
    build_in(dir.path(), &["deck.yaml"]).success();
    build_in(dir.path(), &["deck.yaml", "--no-raw"])
        .code(1)
        .stderr(
            predicate::str::contains("raw Typst is refused")
                .and(predicate::str::contains("deck.yaml:8:11")),
        );
}

#[test]
fn overflowing_slide_is_reported_with_its_amount_and_fit_auto_fixes_it() {
    let items: String = (1..=14)
        .map(|i| format!("          - point number {i} with enough words to fill a line\n"))
        .collect();
    let yaml = format!(
        "title: t\nlang: en\nsections:\n  - title: s\n    slides:\n      - title: Too full\n        fit: none\n        bullets:\n{items}"
    );
    let dir = deck(&yaml);
    build_in(dir.path(), &["deck.yaml"]).success().stderr(
        predicate::str::contains("slide \"Too full\" does not fit on its page: it runs about")
            .and(predicate::str::contains("deck.yaml:6:9")),
    );
    std::fs::write(
        dir.path().join("deck.yaml"),
        yaml.replace("fit: none", "fit: auto"),
    )
    .unwrap();
    build_in(dir.path(), &["deck.yaml", "--deny-warnings"]).success();
    assert_eq!(
        pdf_pages(&dir.path().join("deck.pdf")).0,
        4,
        "the shrunk slide stays on one page"
    );
}

#[test]
fn byte_order_marks_from_windows_editors_are_ignored() {
    let dir = deck(
        "\u{feff}title: Bom\nlang: en\nsections:\n  - title: s\n    slides:\n      - title: c\n        chart:\n          kind: bar\n          data: d.csv\n",
    );
    std::fs::write(
        dir.path().join("d.csv"),
        "\u{feff}name,share\r\nalpha,1\r\nbeta,2\r\n",
    )
    .unwrap();
    build_in(dir.path(), &["deck.yaml", "--deny-warnings"]).success();
    let text = pdf_text(&dir.path().join("deck.pdf"));
    assert!(
        text.contains("Bom") && text.contains("alpha") && text.contains("beta"),
        "{text}"
    );
}

/// The numbers in a text: runs of digits, with a decimal part if any.
fn numbers(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_digit() {
            let start = i;
            while i < chars.len() && chars[i].is_ascii_digit() {
                i += 1;
            }
            if i + 1 < chars.len() && chars[i] == '.' && chars[i + 1].is_ascii_digit() {
                i += 1;
                while i < chars.len() && chars[i].is_ascii_digit() {
                    i += 1;
                }
            }
            out.push(chars[start..i].iter().collect());
        } else {
            i += 1;
        }
    }
    out
}

/// A line without the footer's page label ("n / N") at its end.
fn footer(line: &str) -> String {
    let words: Vec<&str> = line.split_whitespace().collect();
    match words.as_slice() {
        [rest @ .., n, "/", total]
            if n.chars().all(|c| c.is_ascii_digit())
                && total.chars().all(|c| c.is_ascii_digit()) =>
        {
            rest.join(" ")
        }
        _ => line.to_string(),
    }
}

#[test]
fn every_figure_on_the_chapter_slides_has_a_source() {
    let allowed: std::collections::BTreeMap<String, String> =
        std::fs::read_to_string(root().join("slides/container-orchestration-wars.figures.tsv"))
            .unwrap()
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .map(|l| {
                let (figure, source) = l.split_once('\t').expect("figure<TAB>source");
                assert!(!source.trim().is_empty(), "{figure} has no source");
                (figure.to_string(), source.to_string())
            })
            .collect();
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("deck.pdf");
    build_chapter(&pdf, &[]);
    let doc = Pdf::open(&pdf);
    // Every number on the slides, small ones included; only years and
    // lectern's own furniture are left out: the agenda's numbering, the
    // section dividers' numbers and the footers' "n / N".
    let mut unsourced = std::collections::BTreeSet::new();
    for page in 1..=doc.page_count() {
        let text = doc.page_text(page);
        // The agenda, and the dividers (a line that is just "第 3 部分").
        let divider = text.lines().any(|l| {
            let l = squash(l);
            l.starts_with('第')
                && l.ends_with("部分")
                && l[3..l.len() - 6].chars().all(|c| c.is_ascii_digit())
        });
        if page == 2 || divider {
            continue;
        }
        let body: String = text.lines().map(footer).collect::<Vec<_>>().join("\n");
        for n in numbers(&body) {
            let whole: Option<u64> = n.parse().ok();
            if whole.is_some_and(|v| (1900..=2100).contains(&v)) {
                continue;
            }
            if !allowed.contains_key(&n) {
                unsourced.insert(format!("{n} (page {page})"));
            }
        }
    }
    assert!(
        unsourced.is_empty(),
        "figures on the slides without a source in the allow-list: {unsourced:?}"
    );
}

#[test]
fn rarer_hanzi_build_from_the_embedded_extension_without_system_fonts() {
    // Traditional forms, name characters beyond GB2312, and Extension A.
    let dir = deck(
        "title: t\nsections:\n  - title: s\n    slides:\n      - title: 罕见字\n        text: 臺灣鬱龜龕們課 朱镕基 喆堃玥昇 㐀\n",
    );
    let out = lectern()
        .current_dir(dir.path())
        .env("LECTERN_TIMINGS", "1")
        .args(["build", "deck.yaml", "--no-system-fonts"])
        .assert()
        .success();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(stderr.contains("CJK extension fonts"), "{stderr}");
    let pdf = dir.path().join("deck.pdf");
    assert!(squash(&pdf_text(&pdf)).contains("臺灣鬱龜龕們課朱镕基喆堃玥昇㐀"));
    for font in Pdf::open(&pdf).fonts() {
        assert!(font.embedded, "{font:?}");
        assert!(
            font.name.starts_with("LecternSans"),
            "a font other than lectern's own: {font:?}"
        );
    }
    assert!(
        Pdf::open(&pdf)
            .fonts()
            .iter()
            .any(|f| f.name.starts_with("LecternSansSCExt")),
        "the extension faces were not used"
    );
}

#[test]
fn a_gb2312_deck_never_loads_the_extension() {
    let dir = tempfile::tempdir().unwrap();
    let out = lectern()
        .env("LECTERN_TIMINGS", "1")
        .args(["build", chapter().to_str().unwrap(), "-o"])
        .arg(dir.path().join("deck.pdf"))
        .assert()
        .success();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(stderr.contains("codegen"), "timings were printed: {stderr}");
    assert!(!stderr.contains("CJK extension fonts"), "{stderr}");
}

#[test]
fn a_missing_emoji_is_named_once_with_the_emoji_font_hint() {
    let dir = deck(
        "title: t\nlang: en\nsections:\n  - title: s\n    slides:\n      - title: Family\n        text: \"family 👩\u{200D}👩\u{200D}👧 here\"\n",
    );
    let out = lectern()
        .current_dir(dir.path())
        .args(["build", "deck.yaml", "--no-system-fonts"])
        .assert()
        .code(1);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(stderr.contains("`👩\u{200D}👩\u{200D}👧`"), "{stderr}");
    assert_eq!(stderr.matches('👧').count(), 1, "named once: {stderr}");
    assert!(!stderr.contains("U+200D"), "{stderr}");
    assert!(stderr.contains("fonts-noto-color-emoji"), "{stderr}");
    assert!(stderr.contains("deck.yaml:6:9"), "{stderr}");
}

#[test]
fn twenty_five_events_fit_one_slide_and_a_longer_timeline_says_how_many_do() {
    // The dense fixture's 25 events in three camps: one slide, in lanes as
    // tall as each camp's labels need, with every event's date on it.
    let dir = fixture("dense-charts");
    build_in(dir.path(), &["outline.yaml"])
        .success()
        .stderr(predicate::str::contains("slides to keep its labels").not());
    let pdf = dir.path().join("outline.pdf");
    let yaml = std::fs::read_to_string(dir.path().join("outline.yaml")).unwrap();
    let dates: Vec<&str> = yaml
        .split("date: ")
        .skip(1)
        .map(|s| s.split(',').next().unwrap())
        .take(25)
        .collect();
    assert_eq!(
        pdf_pages(&pdf).0,
        8,
        "a timeline continued onto another page"
    );
    let first = pdf_page_text(&pdf, 4);
    for date in &dates {
        assert!(
            first.contains(date),
            "{date} missing from the timeline slide"
        );
    }

    // 60 events crowd 2010-2014: the warning says how many the first slide
    // holds, and that slide shows exactly that many.
    let events: String = (0..60)
        .map(|i| {
            format!(
                "            - {{ date: {}-{:02}, label: 第 {i} 号事件的长标签, category: {} }}\n",
                2010 + i / 12,
                i % 12 + 1,
                ["a", "b"][i % 2]
            )
        })
        .collect();
    let dir = deck(&format!(
        "title: t\nsections:\n  - title: s\n    slides:\n      - title: 六十个事件\n        chart:\n          kind: timeline\n          categories: {{ a: 甲, b: 乙 }}\n          events:\n{events}"
    ));
    let out = build_in(dir.path(), &["deck.yaml"]).success();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    let held: usize = stderr
        .split("its first slide holds ")
        .nth(1)
        .and_then(|s| s.split(" of its 60 events").next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no count of events in the warning:\n{stderr}"));
    let first = squash(&pdf_page_text(&dir.path().join("deck.pdf"), 4));
    let shown = (0..60)
        .filter(|i| first.contains(&format!("第{i}号事件")))
        .count();
    assert!((1..60).contains(&held), "{stderr}");
    assert_eq!(shown, held, "the first slide shows {shown} events");
    // The next slide continues it, marked as such.
    let next = squash(&pdf_page_text(&dir.path().join("deck.pdf"), 5));
    assert!(next.contains("六十个事件（续）"), "{next}");
}

#[test]
fn approximate_values_print_with_the_deck_languages_mark_on_the_chart_and_in_its_alt_text() {
    for (lang, mark, says) in [
        ("zh", "≈", "推算"),
        ("ja", "≈", "derived"),
        ("en", "~", "derived"),
    ] {
        let dir = deck(&format!(
            "title: t\nlang: {lang}\nsections:\n  - title: s\n    slides:\n      - title: Shares\n        chart:\n          kind: donut\n          unit: \"%\"\n          other: Other\n          categories: [Kubernetes, Swarm]\n          series:\n            - {{ name: Survey, values: [51, ~25] }}\n          source: test\n"
        ));
        build_in(dir.path(), &["deck.yaml"]).success();
        let pdf = dir.path().join("deck.pdf");
        let text = squash(&pdf_page_text(&pdf, 4));
        assert!(text.contains(&format!("{mark}25%")), "{lang}: {text}");
        assert!(
            text.contains("51%") && text.contains("24%"),
            "{lang}: {text}"
        );
        // The figure's alt text names the slices, the approximate one as
        // such, and the derived remainder as derived.
        let alts = Pdf::open(&pdf).alts();
        let alt = alts
            .iter()
            .find(|a| a.contains("Kubernetes"))
            .unwrap_or_else(|| panic!("{lang}: no chart alt text in {alts:?}"));
        for needle in ["Kubernetes 51%", &format!("Swarm {mark}25%"), says] {
            assert!(alt.contains(needle), "{lang}: {needle:?} not in {alt:?}");
        }
    }
}

#[test]
fn an_approximate_value_in_a_csv_cell_prints_as_approximate() {
    let dir = deck(
        "title: t\nlang: en\nsections:\n  - title: s\n    slides:\n      - title: Funding\n        chart:\n          kind: bar\n          data: funding.csv\n          source: test\n",
    );
    std::fs::write(
        dir.path().join("funding.csv"),
        "round,USD\nSeed,~3\nSeries A,10.5\n",
    )
    .unwrap();
    build_in(dir.path(), &["deck.yaml"]).success();
    let text = squash(&pdf_page_text(&dir.path().join("deck.pdf"), 4));
    assert!(text.contains("~3") && text.contains("10.5"), "{text}");
    assert!(!text.contains("≈"), "{text}");
}

#[test]
fn the_chapter_deck_fits_its_slot_and_states_the_corrected_facts() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("deck.pdf");
    // No warning of any kind, the speaking-time check included.
    build_chapter(&pdf, &["--deny-warnings"]);
    let out = lectern()
        .args([
            "check",
            chapter().to_str().unwrap(),
            "--timing",
            "--diagnostic-format",
            "json",
        ])
        .assert()
        .success();
    let json: serde_json::Value =
        serde_json::from_str(String::from_utf8_lossy(&out.get_output().stdout).trim()).unwrap();
    let speaking = json["speaking_minutes"].as_f64().unwrap();
    let estimate = json["estimate_minutes"].as_f64().unwrap();
    assert!(speaking <= 75.0, "the notes take {speaking:.1} minutes");
    assert!(
        estimate <= 90.0,
        "notes and activities take {estimate:.1} minutes"
    );
    for section in json["timing"]["sections"].as_array().unwrap() {
        let planned = section["planned"].as_f64().unwrap();
        let need = section["speaking"].as_f64().unwrap() + section["pauses"].as_f64().unwrap();
        assert!(need <= planned, "{section}");
    }
    let text = squash(&pdf_text(&pdf));
    // Swarm mode came with Docker 1.12, in 2016.
    assert!(
        text.contains("Docker1.12内置编排（2016-07-28"),
        "Swarm mode's release"
    );
    // CRI: Kubernetes 1.5 on 2016-12-12, the CRI post on 2016-12-19.
    assert!(text.contains("Kubernetes1.5发布（2016-12-12）"));
    assert!(text.contains("CRI介绍博文（2016-12-19）"));
    // EKS: announced 2017-11-29, generally available 2018-06-05.
    assert!(text.contains("2017-11-29") && text.contains("2018-06-05"));
    // Questions for the room, on slides, each with its answer revealed on
    // a second step: seven answers, each on one page only.
    assert!(text.matches("检查题").count() >= 6);
    assert_eq!(
        text.matches("参考答案").count(),
        7,
        "one answer box per check question"
    );
    // The war in four numbered stages, and the two definitions.
    assert!(text.contains("4.2017—2019年：各方转向Kubernetes"));
    assert!(text.contains("定义（容器编排）") && text.contains("定义（CRI（容器运行时接口））"));
    // The epilogue.
    assert!(text.contains("dockershim") && text.contains("1.24"));
    // The corrections of the facts file (Corrections, 2026-12-06): what the
    // slides now say, and the claims that must not return.
    for said in [
        "2015年春（1.0之前）已可选rkt",
        "2016年3月10日，CNCF接纳它为首个托管项目",
        "2016年3月起由CNCF托管",
        "Docker公司2016调查（4月发布）",
        "Swarm6%（5月的DevOps补充报告）",
        "2016-05（2016版）",
        "2018年报告未作细分",
        "Mesosphere在DC/OS上正式提供Kubernetes",
        "用同一个分母（1831名受访者）算",
        "Docker宣布交出containerd（2016-12-14）",
        "appc/rkt支持进入Kubernetes（2015-05-04）",
    ] {
        assert!(text.contains(said), "the deck no longer says {said}");
    }
    for wrong in [
        "1.0的kubelet只能运行Docker",
        "rkt支持到2016年7月的1.3才加入",
        "Google把Kubernetes交给基金会，作为首个项目",
        "2015年起由CNCF托管",
        "调查（3月）",
        "RightScale2016调查（1月）",
        "多为基于Kubernetes的产品（如OpenShift）",
        "宣布DC/OS支持Kubernetes",
        "2017/03/16",
    ] {
        assert!(!text.contains(wrong), "a corrected claim returned: {wrong}");
    }
    // The notes (in the .pdfpc) carry the corrected answer keys.
    let notes = squash(&std::fs::read_to_string(dir.path().join("deck.pdfpc")).unwrap());
    for said in [
        "1831人里有755人在生产环境使用，约41%",
        "答“Hindman是联合创始人之一”不算错",
        "2018年版却说2017年4月是20.3%",
    ] {
        assert!(notes.contains(said), "the notes no longer say {said}");
    }
    for wrong in [
        "门槛越高，比例越低",
        "图里没有2016年的数据点",
        "教材的说法有误",
    ] {
        assert!(
            !notes.contains(wrong),
            "a corrected claim returned: {wrong}"
        );
    }
}
