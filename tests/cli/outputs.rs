//! Giving the lecture and handing it out: .pdfpc notes, reveal steps, page
//! labels, handouts, PNG pages and the overview sheet.

use std::path::Path;

use predicates::prelude::*;
use serde_json::Value;

use crate::util::*;

/// Checks a .pdfpc file against the rules of pdfpc's format 2 and returns it.
#[track_caller]
fn check_pdfpc(path: &Path, pages: usize) -> Value {
    let json: Value = serde_json::from_str(&std::fs::read_to_string(path).expect(".pdfpc written"))
        .expect("valid JSON");
    assert_eq!(json["pdfpcFormat"], 2);
    let entries = json["pages"].as_array().expect("pages array");
    assert_eq!(
        entries.len(),
        pages,
        "one entry per PDF page (every reveal step)"
    );
    let mut last_label = 0;
    for (i, e) in entries.iter().enumerate() {
        assert_eq!(
            e["idx"].as_u64(),
            Some(i as u64),
            "idx in order and in range"
        );
        let label = e["label"].as_str().expect("label is a string");
        let n: i64 = label.parse().expect("numeric label");
        assert!(
            n == last_label || n == last_label + 1,
            "labels go up by one: {last_label} then {n}"
        );
        last_label = n;
        let overlay = e["overlay"].as_u64().expect("overlay is a number");
        assert_eq!(e["forcedOverlay"].as_bool(), Some(overlay > 0));
        if let Some(note) = e.get("note") {
            assert!(note.is_string());
        }
    }
    json
}

#[test]
fn reveal_steps_share_one_page_label_and_group_in_pdfpc() {
    let dir = fixture("reveal");
    build_in(dir.path(), &["outline.yaml"]).success();
    let pdf = dir.path().join("outline.pdf");
    let (pages, _, _) = pdf_pages(&pdf);
    // title, agenda, divider, 3 steps, plain, closing
    assert_eq!(pages, 8);
    assert_eq!(page_labels(&pdf), vec![1, 2, 3, 4, 4, 4, 5, 6]);
    let text = pdf_text(&pdf);
    assert_eq!(
        text.matches("first point").count(),
        3,
        "the first point is on all three steps"
    );
    assert_eq!(
        text.matches("third point").count(),
        1,
        "the third point only on the last step"
    );
    let json = check_pdfpc(&dir.path().join("outline.pdfpc"), 8);
    let overlays: Vec<u64> = json["pages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["overlay"].as_u64().unwrap())
        .collect();
    assert_eq!(overlays, vec![0, 0, 0, 0, 1, 2, 0, 0]);
    assert_eq!(json["pages"][4]["note"], "Reveal the points one by one.");
    assert_eq!(json["duration"], 10);
}

#[test]
fn time_plan_over_the_slot_is_a_located_warning() {
    let dir = fixture("reveal");
    build_in(dir.path(), &["outline.yaml"]).success().stderr(
        predicate::str::contains(
            "the time plan adds up to 11 minutes, more than the 10-minute slot",
        )
        .and(predicate::str::contains("outline.yaml:3:7"))
        .and(predicate::str::contains(
            "the slides of \"Steps\" plan 6 minutes, more than the section's 4",
        )),
    );
}

#[test]
fn all_writes_deck_notes_handout_and_overview() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("deck.pdf");
    build_chapter(&pdf, &["--all"]);
    let (pages, _, _) = pdf_pages(&pdf);
    let json = check_pdfpc(&dir.path().join("deck.pdfpc"), pages);
    assert!(
        json["pages"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|p| p.get("note").is_some())
            .count()
            > 40
    );
    // Paragraphs survive: pdfpc reads Markdown, so they are blank-line separated.
    assert!(
        json["pages"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|p| p["note"].as_str())
            .all(|n| !n.contains('\n') || n.contains("\n\n") && !n.contains("\n\n\n")),
        "a note with lines run together"
    );
    let (handout_pages, w, h) = pdf_pages(&dir.path().join("deck-handout.pdf"));
    assert!(handout_pages > 10 && w < h, "an A4 portrait handout");
    let overview = image::open(dir.path().join("deck-overview.png")).expect("overview PNG");
    assert!(overview.width() > 1000 && overview.height() > 500);
    // The reading handout: one page per slide (the chapter has no `only:`
    // step the last lacks).
    let (reading_pages, _, _) = pdf_pages(&dir.path().join("deck-reading.pdf"));
    assert!(
        reading_pages > 70 && reading_pages < pages,
        "{reading_pages} of {pages} pages"
    );
}

#[test]
fn handout_layouts_hold_their_number_of_slides() {
    let dir = fixture("reveal");
    // Six slides when collapsed: title, agenda, divider, the revealed slide, plain, closing.
    let mut strokes = Vec::new();
    for (layout, expected) in [("1", 6), ("2", 3), ("3", 2), ("4", 2), ("6", 1)] {
        build_in(
            dir.path(),
            &[
                "outline.yaml",
                "--handout",
                "--handout-layout",
                layout,
                "--paper",
                "letter",
                "--handout-dividers",
                "cells",
            ],
        )
        .success();
        let handout = dir.path().join("outline-handout.pdf");
        let (pages, w, h) = pdf_pages(&handout);
        assert_eq!(pages, expected, "layout {layout}");
        assert!(
            (w - 612.0).abs() < 1.0 && (h - 792.0).abs() < 1.0,
            "US Letter, not {w} x {h}"
        );
        let text = pdf_text(&handout);
        assert_eq!(
            text.matches("first point").count(),
            1,
            "layout {layout} shows a partial reveal state"
        );
        assert!(
            text.contains("third point"),
            "layout {layout} lacks the final state"
        );
        if layout == "1" {
            assert!(
                text.contains("Reveal the points one by one."),
                "layout 1 shows the notes"
            );
        }
        // Every page has the deck's title in its header and "n / N" below.
        let doc = Pdf::open(&handout);
        for page in 1..=pages {
            let text = squash(&doc.page_text(page));
            assert!(
                text.contains("Revealdeck") && text.contains(&format!("{page}/{pages}")),
                "layout {layout} page {page}: {text}"
            );
        }
        strokes.push(doc.operator_count(1, "S"));
    }
    // Layout 3 rules nine lines beside each of its three slides.
    let (two, three) = (strokes[1], strokes[2]);
    assert!(
        three >= two + 3 * 9,
        "layout 3 draws {three} strokes, layout 2 {two}"
    );
    // Layout `notes`: the lecturer's notes, without the slides' text.
    build_in(
        dir.path(),
        &["outline.yaml", "--handout", "--handout-layout", "notes"],
    )
    .success();
    let text = pdf_text(&dir.path().join("outline-handout.pdf"));
    assert!(text.contains("Reveal the points one by one."), "{text}");
    assert!(
        !text.contains("third point"),
        "slide text in the notes handout: {text}"
    );
}

#[test]
fn png_pages_match_the_resolution() {
    let dir = fixture("reveal");
    build_in(
        dir.path(),
        &["outline.yaml", "--png", "--dpi", "72", "--pages", "1-2,5"],
    )
    .success();
    let png_dir = dir.path().join("outline-png");
    let mut names: Vec<String> = std::fs::read_dir(&png_dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(
        names,
        vec!["outline-01.png", "outline-02.png", "outline-05.png"]
    );
    let (w, h) = image::image_dimensions(png_dir.join("outline-01.png")).unwrap();
    // A 16:9 slide is 841.89 x 473.56 pt; at 72 dpi one pixel per point.
    assert_eq!((w, h), (842, 474));
    build_in(
        dir.path(),
        &["outline.yaml", "--png", "--dpi", "144", "--pages", "3"],
    )
    .success();
    assert_eq!(
        image::image_dimensions(png_dir.join("outline-03.png")).unwrap(),
        (1684, 947)
    );
}

#[test]
fn bad_page_selection_is_a_usage_error_and_nothing_is_written() {
    let dir = fixture("reveal");
    // Out of range: known only after the build, but before any write.
    build_in(dir.path(), &["outline.yaml", "--png", "--pages", "9-12"])
        .code(2)
        .stderr(predicate::str::contains("outside 1-8"));
    assert!(!dir.path().join("outline.pdf").exists(), "no PDF");
    assert!(!dir.path().join("outline-png").exists(), "no PNG pages");
    // Malformed: refused with the command line, before building.
    for bad in ["0", "5-3", "x", ","] {
        build_in(dir.path(), &["outline.yaml", "--png", "--pages", bad])
            .code(2)
            .stderr(predicate::str::contains("--pages"));
    }
    // A good PDF from before stays as it was.
    build_in(dir.path(), &["outline.yaml"]).success();
    let before = std::fs::read(dir.path().join("outline.pdf")).unwrap();
    let yaml = std::fs::read_to_string(dir.path().join("outline.yaml")).unwrap();
    std::fs::write(
        dir.path().join("outline.yaml"),
        yaml.replace("No steps here.", "Changed."),
    )
    .unwrap();
    build_in(dir.path(), &["outline.yaml", "--png", "--pages", "9-12"]).code(2);
    assert_eq!(
        std::fs::read(dir.path().join("outline.pdf")).unwrap(),
        before
    );
}

#[test]
fn bookmarks_follow_sections_and_slides() {
    let dir = fixture("basic");
    build_in(dir.path(), &["outline.yaml"]).success();
    let marks = Pdf::open(&dir.path().join("outline.pdf")).bookmarks();
    let top: Vec<&str> = marks
        .iter()
        .filter(|(depth, _)| *depth == 0)
        .map(|(_, t)| t.as_str())
        .collect();
    assert_eq!(top, vec!["First section", "Second section", "Thanks"]);
    let first = marks
        .iter()
        .position(|(_, t)| t == "First section")
        .unwrap();
    let kids: Vec<&str> = marks[first + 1..]
        .iter()
        .take_while(|(depth, _)| *depth == 1)
        .map(|(_, t)| t.as_str())
        .collect();
    assert_eq!(kids, vec!["Bullets", "Columns"]);
}

#[test]
fn chart_series_appear_one_step_at_a_time() {
    let yaml = "title: t\nlang: en\nsections:\n  - title: s\n    slides:\n      - title: Growing\n        reveal: items\n        chart:\n          kind: bar\n          categories: [A, B]\n          series:\n            - { name: first, values: [11, 22] }\n            - { name: second, values: [33, 44] }\n            - { name: third, values: [55, 66] }\n";
    let dir = deck(yaml);
    build_in(dir.path(), &["deck.yaml"]).success();
    let pdf = dir.path().join("deck.pdf");
    // title, agenda, divider, then three steps of the chart
    assert_eq!(pdf_pages(&pdf).0, 6);
    assert_eq!(page_labels(&pdf), vec![1, 2, 3, 4, 4, 4]);
    let (one, two, three) = (
        pdf_page_text(&pdf, 4),
        pdf_page_text(&pdf, 5),
        pdf_page_text(&pdf, 6),
    );
    assert!(
        one.contains("11") && !one.contains("33") && !one.contains("55"),
        "{one}"
    );
    assert!(two.contains("33") && !two.contains("55"), "{two}");
    assert!(
        three.contains("11") && three.contains("33") && three.contains("66"),
        "{three}"
    );
    assert!(
        one.contains("third"),
        "the legend shows every series from the first step"
    );
}

/// A deck marking three key terms on two slides, one with reveal steps.
const GAPS: &str = "title: Gaps\nlang: en\nsections:\n  - title: Orchestration\n    slides:\n      - title: What it does\n        reveal: items\n        bullets:\n          - places containers on machines by {{scheduling}}\n          - restarts failed ones by {{self-healing}}\n          - a literal \\{{brace}} stays\n      - title: Second\n        text: the API is {{declarative}}, not imperative\n";

#[test]
fn gap_fill_handout_blanks_the_terms_and_the_key_names_them() {
    let dir = deck(GAPS);
    build_in(
        dir.path(),
        &[
            "deck.yaml",
            "--handout-kind",
            "gaps",
            "--handout-kind",
            "key",
        ],
    )
    .success();
    let terms = ["scheduling", "self-healing", "declarative"];
    // The deck shows every term.
    let deck_text = pdf_text(&dir.path().join("deck.pdf"));
    for term in terms {
        assert!(deck_text.contains(term), "{term} missing from the deck");
    }
    // The gaps handout has none of them, but the rest of their slides.
    let gaps = pdf_text(&dir.path().join("deck-gaps.pdf"));
    for term in terms {
        assert!(
            !gaps.contains(term),
            "{term} is in the gaps handout:\n{gaps}"
        );
    }
    for other in [
        "places containers on machines by",
        "restarts failed ones by",
        "not imperative",
        "{{brace}} stays",
    ] {
        assert!(gaps.contains(other), "{other:?} missing:\n{gaps}");
    }
    assert_eq!(
        gaps.matches("restarts failed ones").count(),
        1,
        "reveal steps collapsed"
    );
    // The key: every term once, under its slide's number.
    let key = pdf_text(&dir.path().join("deck-key.pdf"));
    for term in terms {
        assert_eq!(key.matches(term).count(), 1, "{term} in the key:\n{key}");
    }
    let squashed = squash(&key);
    assert!(
        squashed.contains("Slide4Whatitdoes1.scheduling2.self-healing"),
        "{key}"
    );
    assert!(squashed.contains("Slide5Second1.declarative"), "{key}");
}

#[test]
fn all_writes_no_gap_files_for_a_deck_without_terms() {
    let dir = fixture("basic");
    build_in(dir.path(), &["outline.yaml", "--all", "--deny-warnings"]).success();
    assert!(!dir.path().join("outline-gaps.pdf").exists());
    // Asked by name, a deck without terms is a warning.
    build_in(dir.path(), &["outline.yaml", "--handout-kind", "gaps"])
        .success()
        .stderr(predicate::str::contains("marks no key terms"));
}

#[test]
fn section_dividers_become_headings_not_cells() {
    let yaml = "title: Three parts\nlang: en\nsections:\n  - title: Alpha section\n    slides:\n      - { title: a1, text: one }\n      - { title: a2, text: two }\n  - title: Beta section\n    slides:\n      - { title: b1, text: three }\n  - title: Gamma section\n    slides:\n      - { title: c1, text: four }\n      - { title: c2, text: five }\n";
    let dir = deck(yaml);
    build_in(
        dir.path(),
        &["deck.yaml", "--handout", "--handout-layout", "6"],
    )
    .success();
    let handout = pdf_text(&dir.path().join("deck-handout.pdf"));
    // The dividers' own slides ("Part n" over the title) are not cells...
    for part in ["Part 1", "Part 2", "Part 3"] {
        assert!(!handout.contains(part), "{part} is a cell:\n{handout}");
    }
    // ...their titles head their slides instead.
    for title in [
        "Alpha section",
        "Beta section",
        "Gamma section",
        "one",
        "three",
        "five",
    ] {
        assert!(handout.contains(title), "{title} missing:\n{handout}");
    }
    let alpha = handout.find("Alpha section").unwrap();
    let beta = handout.find("Beta section").unwrap();
    let three = handout.find("three").unwrap();
    assert!(
        alpha < beta && beta < three,
        "a heading sits above its slides"
    );
    // As cells, the old way.
    build_in(
        dir.path(),
        &[
            "deck.yaml",
            "--handout",
            "--handout-layout",
            "6",
            "--handout-dividers",
            "cells",
        ],
    )
    .success();
    assert!(pdf_text(&dir.path().join("deck-handout.pdf")).contains("Part 2"));
    // The 1-up notes handout skips dividers: title, agenda and five slides.
    build_in(
        dir.path(),
        &["deck.yaml", "--handout", "--handout-layout", "1"],
    )
    .success();
    assert_eq!(pdf_pages(&dir.path().join("deck-handout.pdf")).0, 7);
}

#[test]
fn the_overview_is_a_typst_sheet_with_numbers_and_titles() {
    let dir = fixture("reveal");
    build_in(
        dir.path(),
        &["outline.yaml", "--overview", "--overview-format", "pdf"],
    )
    .success();
    let pdf = dir.path().join("outline-overview.pdf");
    let doc = Pdf::open(&pdf);
    assert_eq!(doc.page_count(), 1, "one sheet");
    // Six slides when collapsed, each numbered with its title under the
    // thumbnail: "3 Steps", which no thumbnail's own footer ("Reveal deck
    // 3/6") prints.
    let text = doc.text().split_whitespace().collect::<Vec<_>>().join(" ");
    let labels = ["3 Steps", "4 Three steps", "5 Plain", "6 End"];
    let mut from = 0;
    for label in labels {
        let at = text[from..]
            .find(label)
            .unwrap_or_else(|| panic!("{label} missing, or out of order:\n{text}"));
        from += at + label.len();
    }
}

#[test]
fn a_build_whose_png_folder_cannot_be_written_replaces_none_of_the_last_outputs() {
    let yaml = |word: &str| {
        format!(
            "title: T\nlang: en\nsections:\n  - title: S\n    slides:\n      - title: One\n        text: {word}\n"
        )
    };
    let dir = deck(&yaml("first"));
    build_in(dir.path(), &["deck.yaml", "--html"]).success();
    let pdf = std::fs::read(dir.path().join("deck.pdf")).unwrap();
    let html = std::fs::read(dir.path().join("deck.html")).unwrap();
    // A file where the PNG folder should go: the folder cannot be made.
    std::fs::write(dir.path().join("deck-png"), "in the way").unwrap();
    std::fs::write(dir.path().join("deck.yaml"), yaml("second")).unwrap();
    let out = build_in(dir.path(), &["deck.yaml", "--html", "--png"]);
    assert_ne!(out.get_output().status.code(), Some(0));
    assert_eq!(std::fs::read(dir.path().join("deck.pdf")).unwrap(), pdf);
    assert_eq!(std::fs::read(dir.path().join("deck.html")).unwrap(), html);
    let left: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn key_terms_in_the_deck_title_subtitle_and_author_build_every_output() {
    // The title page reads the deck's metadata before any slide: a key
    // term there used to stop every output with "unknown variable".
    let dir = deck(
        "title: \"The {{scheduler}}\"\nsubtitle: \"a {{subtitle term}}\"\nauthor: \"{{Ada}}\"\nlang: en\nopening:\n  - title: One\n    text: \"A {{term}} here.\"\n",
    );
    build_in(dir.path(), &["deck.yaml", "--all"]).success();
    let title_page = pdf_page_text(&dir.path().join("deck.pdf"), 1);
    assert!(
        title_page.contains("scheduler") && title_page.contains("subtitle term"),
        "{title_page}"
    );
    for out in ["deck-handout.pdf", "deck-gaps.pdf", "deck-key.pdf"] {
        assert!(dir.path().join(out).exists(), "{out}");
    }
}
