//! `--html`: one self-contained file per deck.

use crate::util::*;

#[test]
fn the_html_deck_is_one_self_contained_file_with_every_page_and_its_text() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("deck.pdf");
    build_chapter(&pdf, &["--html"]);
    let html = std::fs::read_to_string(dir.path().join("deck.html")).unwrap();
    let pages = Pdf::open(&pdf).page_count();
    assert!(html.len() < 3_500_000, "{} bytes", html.len());
    // One SVG per page, plus the one that holds the shared definitions.
    assert_eq!(html.matches("<svg").count(), pages + 1);
    assert_eq!(html.matches("<section class=\"slide\"").count(), pages);
    // Nothing outside the file is loaded: the only addresses are the
    // references' links, which a reader follows by choice.
    for needle in [
        "src=",
        "url(http",
        "href=\"//",
        "@import",
        "xlink:href=\"http",
    ] {
        assert!(!html.contains(needle), "the file holds {needle}");
    }
    let mut links = 0;
    for href in html.split("href=\"").skip(1) {
        if href.starts_with("https://") || href.starts_with("http://") {
            links += 1;
            continue;
        }
        assert!(
            href.starts_with('#') || href.starts_with("data:"),
            "{}",
            &href[..20.min(href.len())]
        );
    }
    assert!(
        links >= 40,
        "the reference slides' addresses are links: {links}"
    );
    // The slides' text is there for the browser's find, and each slide's
    // title as a heading; notes only when asked.
    assert!(html.contains("容器编排之争") && html.contains("Kubernetes 最终胜出"));
    assert!(html.contains("<h2 class=\"sr\">收购 Orchard Labs：从 Fig 到 Compose</h2>"));
    // The charts' and diagrams' alt texts are read as in the PDF.
    let pdf_alts = Pdf::open(&pdf).alts();
    let chart = pdf_alts
        .iter()
        .find(|a| a.starts_with("时间线："))
        .expect("a timeline alt");
    assert!(html.contains(chart.as_str()), "{chart}");
    assert!(!html.contains("大会之后，Docker 公司意识到"));
    build_chapter(&pdf, &["--html-notes"]);
    let html = std::fs::read_to_string(dir.path().join("deck.html")).unwrap();
    assert!(html.contains("大会之后，Docker 公司意识到"));
}

#[test]
fn a_deck_title_saying_a_template_placeholder_is_printed_as_written() {
    let dir = deck(
        "title: Why __SLIDES__ and __TITLE__ are words\nlang: en\nsections:\n  - title: S\n    slides:\n      - title: One\n        text: x\n",
    );
    build_in(dir.path(), &["deck.yaml", "--html"]).success();
    let html = std::fs::read_to_string(dir.path().join("deck.html")).unwrap();
    let pages = Pdf::open(&dir.path().join("deck.pdf")).page_count();
    assert_eq!(html.matches("<section class=\"slide\"").count(), pages);
    assert!(html.contains("<title>Why __SLIDES__ and __TITLE__ are words</title>"));
}

#[test]
fn the_html_deck_is_read_once_per_slide_and_reached_by_keyboard() {
    let dir = deck(
        "title: Access deck\nlang: en\nopening:\n  - title: Steps\n    reveal: items\n    bullets: [One, Two, Three]\n    notes: Say it.\n  - title: Plain\n    text: Once.\n    notes: And this.\n",
    );
    build_in(dir.path(), &["deck.yaml", "--html-notes"]).success();
    let html = std::fs::read_to_string(dir.path().join("deck.html")).unwrap();
    // The deck's title is the one level-one heading; each slide's is a
    // level-two heading.
    assert_eq!(html.matches("<h1").count(), 1, "one h1");
    assert!(html.contains("<h1 class=\"sr\">Access deck</h1>"));
    // The scrolling deck takes the keyboard's focus, and shows it.
    assert!(html.contains("<main id=\"deck\" tabindex=\"0\""));
    assert!(html.contains("main:focus-visible"));
    // The three steps of "Steps": the first two hidden from screen
    // readers, the last read; a one-page slide read.
    let sections: Vec<&str> = html.split("<section class=\"slide\"").skip(1).collect();
    assert_eq!(sections.len(), 5, "title, three steps, one page");
    let hidden: Vec<bool> = sections
        .iter()
        .map(|s| s[..s.find('>').unwrap()].contains("aria-hidden=\"true\""))
        .collect();
    assert_eq!(hidden, [false, true, true, false, false]);
    // Notes are landmarks with names of their own; slide changes are
    // announced; reduced motion is respected.
    let names: Vec<&str> = html
        .split("<aside class=\"notes\" aria-label=\"")
        .skip(1)
        .map(|s| &s[..s.find('"').unwrap()])
        .collect();
    let mut unique = names.clone();
    unique.dedup();
    assert!(names.len() >= 2 && unique.len() == names.len(), "{names:?}");
    assert!(html.contains("aria-live=\"polite\"") && html.contains("prefers-reduced-motion"));
}
