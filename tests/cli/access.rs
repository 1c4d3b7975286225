//! Accessibility of the PDF, read from the file's structure tree with
//! lopdf: the PDF/UA-1 claim, headings, steps read once, artifacts, links,
//! table headers, alt text and reading order. The system suite runs the
//! independent validators (`outloud`, `pdfua`) on the same builds.

use crate::pdf::Pdf;
use crate::pdf::tags::Elem;
use crate::util::{build_chapter, build_in, built_pdf, deck, fails_with};

/// The headings of a PDF: (level, title), in reading order.
fn headings(pdf: &Pdf) -> Vec<(usize, String)> {
    pdf.structure()
        .iter()
        .filter_map(|e: &Elem| {
            let level = e.role.strip_prefix('H')?.parse().ok()?;
            Some((level, e.title.clone().unwrap_or_default()))
        })
        .collect()
}

/// Puts the test picture beside a deck, as `p.png`.
fn picture(dir: &std::path::Path) {
    std::fs::copy(
        crate::util::root().join("tests/fixtures/basic/picture.png"),
        dir.join("p.png"),
    )
    .unwrap();
}

const STEPS: &str = "title: Steps deck\nshort-title: Short\nlang: en\nopening:\n  - title: Three steps\n    bullets: [alpha, 'beta https://example.org/beta.', '[gamma](https://example.org/gamma)']\n    reveal: items\n";

#[test]
fn every_build_is_tagged_and_claims_pdf_ua_1_beside_any_pdf_a_part() {
    let dir = deck(STEPS);
    build_in(dir.path(), &["deck.yaml"]).success();
    let pdf = Pdf::open(&dir.path().join("deck.pdf"));
    assert!(pdf.is_tagged());
    assert!(pdf.displays_doc_title());
    assert!(pdf.xmp().contains("pdfuaid:part>1<"), "{}", pdf.xmp());
    // Every PDF/A part the CLI offers combines with UA-1.
    for part in ["a-2a", "a-2b", "a-3u"] {
        build_in(dir.path(), &["deck.yaml", "--pdf-standard", part]).success();
        let xmp = Pdf::open(&dir.path().join("deck.pdf")).xmp();
        assert!(
            xmp.contains("pdfuaid:part>1<") && xmp.contains("pdfaid:part>"),
            "{part}: {xmp}"
        );
    }
}

#[test]
fn headings_nest_deck_title_sections_slides_and_blocks_without_a_gap() {
    let (_dir, pdf) = built_pdf(
        "title: The deck\nlang: en\nopening:\n  - title: Before\n    text: x\nsections:\n  - title: Part A\n    slides:\n      - title: Slide one\n        body:\n          - heading: Inside\n          - box: { kind: theorem, title: Named, body: [ { text: y }, { heading: Deeper } ] }\nclosing:\n  - title: After\n    text: z\n",
    );
    let found = headings(&pdf);
    let want = [
        (1, "The deck"),
        (2, "Before"),
        (2, "Agenda"),
        (2, "Part A"),
        (3, "Slide one"),
        (4, "Inside"),
        (4, "Theorem (Named)"),
        (5, "Deeper"),
        (2, "After"),
    ];
    let found: Vec<(usize, &str)> = found.iter().map(|(l, t)| (*l, t.as_str())).collect();
    assert_eq!(found, want);
    // Bookmarks: sections at the top, their slides under them.
    let marks = pdf.bookmarks();
    assert!(
        marks.contains(&(0, "Part A".to_string())) && marks.contains(&(1, "Slide one".to_string())),
        "{marks:?}"
    );
}

#[test]
fn the_chapter_deck_has_one_h1_and_never_skips_a_heading_level() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("deck.pdf");
    build_chapter(&path, &[]);
    let pdf = Pdf::open(&path);
    let found = headings(&pdf);
    assert_eq!(found.iter().filter(|(l, _)| *l == 1).count(), 1);
    assert_eq!(found[0], (1, "7.1 容器编排之争".to_string()));
    for pair in found.windows(2) {
        assert!(pair[1].0 <= pair[0].0 + 1, "{pair:?}");
    }
    // Every slide title is read once, however many steps it has: there
    // are as many H3 as slides in sections, fewer than pages.
    let h3 = found.iter().filter(|(l, _)| *l == 3).count();
    assert!(
        h3 > 50 && h3 < pdf.page_count() - 20,
        "{h3} of {}",
        pdf.page_count()
    );
    // Reading order: every page paints its tagged content in the order the
    // structure tree reads it, but for a caption, which Typst reads before
    // its table or figure (as HTML does) though it is drawn under it.
    let order = pdf.reading_order();
    let mut captions = 0;
    for page in 1..=pdf.page_count() {
        let read = order.get(&page).cloned().unwrap_or_default();
        let caption: Vec<i64> = read.iter().filter(|r| r.1).map(|r| r.0).collect();
        captions += caption.len();
        let read: Vec<i64> = read.iter().filter(|r| !r.1).map(|r| r.0).collect();
        let painted: Vec<i64> = pdf
            .paint_order(page)
            .into_iter()
            .filter(|m| !caption.contains(m))
            .collect();
        assert_eq!(painted, read, "page {page}");
    }
    assert!(captions > 0);
}

#[test]
fn a_three_step_slide_is_read_once_on_its_last_page_and_its_copies_are_artifacts() {
    let (_dir, pdf) = built_pdf(STEPS);
    assert_eq!(pdf.page_count(), 4, "title + 3 steps");
    // The list items are tagged on the last step's page only.
    let items: Vec<Option<usize>> = pdf
        .structure()
        .iter()
        .filter(|e| e.role == "Lbl")
        .map(|e| e.page)
        .collect();
    assert_eq!(items, vec![Some(4); 3]);
    for page in 2..=3 {
        let (tagged, artifact) = pdf.marked_text(page);
        assert!(
            !tagged.contains("alpha") && !tagged.contains("Three"),
            "page {page}: {tagged}"
        );
        assert!(
            artifact.contains("alpha") && artifact.contains("Three"),
            "page {page}: {artifact}"
        );
    }
    let (tagged, _) = pdf.marked_text(4);
    for word in ["Three", "alpha", "beta", "gamma"] {
        assert!(tagged.contains(word), "{word} in {tagged}");
    }
    assert_eq!(
        headings(&pdf)
            .iter()
            .filter(|(_, t)| t == "Three steps")
            .count(),
        1
    );
}

#[test]
fn footers_page_numbers_and_step_copies_carry_no_tags_and_links_annotate_the_last_step_only() {
    let (_dir, pdf) = built_pdf(STEPS);
    for page in 2..=4 {
        let (tagged, artifact) = pdf.marked_text(page);
        assert!(
            artifact.contains("Short"),
            "footer on page {page}: {artifact}"
        );
        assert!(
            artifact.contains("2 / 2"),
            "page number on page {page}: {artifact}"
        );
        assert!(
            !tagged.contains("Short") && !tagged.contains("2 / 2"),
            "{tagged}"
        );
    }
    // A bare address ends before its sentence's full stop; both links are
    // annotations, inside Link elements, on the page where they are read.
    assert!(pdf.link_uris(2).is_empty() && pdf.link_uris(3).is_empty());
    assert_eq!(
        pdf.link_uris(4),
        ["https://example.org/beta", "https://example.org/gamma"]
    );
    let links = pdf.structure().iter().filter(|e| e.role == "Link").count();
    assert_eq!(links, 2);
}

#[test]
fn an_empty_corner_makes_the_first_column_row_headers() {
    let table = |header: &str| {
        format!(
            "title: T\nlang: en\nopening:\n  - title: Table\n    table:\n      header: [{header}, Swarm, Kubernetes]\n      rows:\n        - [Origin, Docker, Google]\n        - [Unit, Service, Pod]\n"
        )
    };
    let (_dir, pdf) = built_pdf(&table("''"));
    let cells: Vec<(String, Option<String>)> = pdf
        .structure()
        .into_iter()
        .filter(|e| e.role == "TH" || e.role == "TD")
        .map(|e| (e.role, e.scope))
        .collect();
    let th = |scope: &str| ("TH".to_string(), Some(scope.to_string()));
    let td = ("TD".to_string(), None);
    assert_eq!(
        cells,
        [
            td.clone(),
            th("Column"),
            th("Column"),
            th("Row"),
            td.clone(),
            td.clone(),
            th("Row"),
            td.clone(),
            td.clone(),
        ]
    );
    // With a heading in the corner, only the header row heads.
    let (_dir, pdf) = built_pdf(&table("Aspect"));
    let rows = pdf
        .structure()
        .iter()
        .filter(|e| e.scope.as_deref() == Some("Row"))
        .count();
    assert_eq!(rows, 0);
}

#[test]
fn a_charts_alt_text_is_a_sentence_naming_its_extremes_in_the_decks_language() {
    let chart = |lang: &str, kind: &str| {
        format!(
            "title: T\nlang: {lang}\nopening:\n  - title: Chart\n    chart:\n      kind: {kind}\n      unit: '%'\n      categories: [Kubernetes, Swarm, Mesos, ECS, Nomad, Rancher, OpenShift]\n      series:\n        - {{ name: CNCF survey 2018, values: [83, 12, 9, 24, 2, 7, 15] }}\n      source: CNCF\n"
        )
    };
    let (_dir, pdf) = built_pdf(&chart("en", "bar"));
    let alts = pdf.alts();
    let alt = alts
        .iter()
        .find(|a| a.contains("Bar chart"))
        .expect("a chart alt");
    for needle in [
        "Bar chart, CNCF survey 2018: ",
        "Kubernetes 83%, highest",
        "Nomad 2%, lowest",
        "7 values in all: Kubernetes 83%, Swarm 12%",
        "Source: CNCF",
    ] {
        assert!(alt.contains(needle), "{needle:?} not in {alt:?}");
    }
    let (_dir, pdf) = built_pdf(&chart("fr", "bar"));
    assert!(
        pdf.alts()
            .iter()
            .any(|a| a.contains("Kubernetes 83%, la plus haute")),
        "{:?}",
        pdf.alts()
    );
    let (_dir, pdf) = built_pdf(
        "title: T\nlang: zh\nopening:\n  - title: 图\n    chart:\n      kind: line\n      unit: '%'\n      categories: ['2018', '2019', '2020']\n      series:\n        - { name: 生产环境使用, values: [58, 78, 83] }\n",
    );
    assert!(
        pdf.alts()
            .iter()
            .any(|a| a.contains("折线图，生产环境使用：从 2018 年的 58% 上升到 2020 年的 83%")),
        "{:?}",
        pdf.alts()
    );
    let (_dir, pdf) = built_pdf(
        "title: T\nlang: fr\nopening:\n  - title: Frise\n    chart:\n      kind: timeline\n      categories: { k: Kubernetes, d: Docker }\n      events:\n        - { date: 2014-06, label: Kubernetes annoncé, category: k }\n        - { date: 2013-03, label: Docker publié, category: d }\n",
    );
    assert!(
        pdf.alts().iter().any(|a| a
            .contains("Frise chronologique : 2 événements de 2013 à 2014, en Kubernetes, Docker.")
            && a.contains("Dans l'ordre : 2013-03 Docker publié ; 2014-06 Kubernetes annoncé")),
        "{:?}",
        pdf.alts()
    );
    // `alt:` replaces the generated sentence.
    let (_dir, pdf) = built_pdf(
        &chart("en", "bar").replace("    chart:", "    alt: Kubernetes leads by far\n    chart:"),
    );
    assert!(
        pdf.alts().contains(&"Kubernetes leads by far".to_string()),
        "{:?}",
        pdf.alts()
    );
}

#[test]
fn alt_text_is_asked_for_checked_and_can_mark_a_picture_decorative() {
    let dir = deck(
        "title: T\nlang: en\nopening:\n  - title: Pictures\n    body:\n      - image: p.png\n      - image: p.png\n        alt: ''\n      - text: words\n        alt: not read\n",
    );
    picture(dir.path());
    let out = build_in(dir.path(), &["deck.yaml"]).success();
    let err = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(
        err.contains("warning: this image has no alt text") && err.contains("deck.yaml:6:9"),
        "{err}"
    );
    assert!(
        err.contains("`alt:` is not read on a `text` block") && err.contains("deck.yaml:10:14"),
        "{err}"
    );
    // The decorative picture is an artifact: one figure, the other image.
    let pdf = Pdf::open(&dir.path().join("deck.pdf"));
    let figures = pdf
        .structure()
        .iter()
        .filter(|e| e.role == "Figure")
        .count();
    assert_eq!(figures, 1);
    // Under --deny-warnings a missing alt text is an error.
    let err = fails_with(dir.path(), &["build", "deck.yaml", "--deny-warnings"], 1);
    assert!(err.contains("no alt text"), "{err}");
    // A 5,000-character alt text is a warning naming the limit.
    let long = "word ".repeat(1000);
    std::fs::write(
        dir.path().join("deck.yaml"),
        format!("title: T\nlang: en\nopening:\n  - title: Pictures\n    image: p.png\n    alt: '{long}'\n"),
    )
    .unwrap();
    let out = build_in(dir.path(), &["deck.yaml"]).success();
    let err = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(
        err.contains("5000 characters long; the limit is 1000") && err.contains("deck.yaml:6:11"),
        "{err}"
    );
}

#[test]
fn raw_typst_without_alt_text_drops_the_claim_with_a_located_warning_unless_ua_is_asked_for() {
    let dir = deck(
        "title: T\nlang: en\nopening:\n  - title: Raw\n    typst: |\n      #image(\"p.png\", width: 2cm)\n",
    );
    picture(dir.path());
    let out = build_in(dir.path(), &["deck.yaml"]).success();
    let err = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(
        err.contains("does not claim PDF/UA-1") && err.contains("deck.yaml:6:8"),
        "{err}"
    );
    let pdf = Pdf::open(&dir.path().join("deck.pdf"));
    assert!(pdf.is_tagged() && !pdf.xmp().contains("pdfuaid"));
    let err = fails_with(
        dir.path(),
        &["build", "deck.yaml", "--pdf-standard", "ua-1"],
        1,
    );
    assert!(err.contains("missing alt text"), "{err}");
}

#[test]
fn the_reading_handout_has_one_tagged_page_per_slide_with_its_notes_under_it() {
    let dir = deck(&format!(
        "{STEPS}    notes: |\n      Say why alpha comes first.\n      Then ask about gamma.\n  - title: Choices\n    body:\n      - text: Firstpicture\n        only: 1\n      - text: Secondpicture\n        only: 2\n"
    ));
    build_in(
        dir.path(),
        &["deck.yaml", "--handout-kind", "reading", "--handout"],
    )
    .success();
    // The paper handout places pictures of the slides: tagged, no claim.
    let paper = Pdf::open(&dir.path().join("deck-handout.pdf"));
    assert!(paper.is_tagged() && !paper.xmp().contains("pdfuaid"));
    let deck = Pdf::open(&dir.path().join("deck.pdf"));
    let reading = Pdf::open(&dir.path().join("deck-reading.pdf"));
    // The deck: title, 3 steps, 2 steps. The reading handout: the title,
    // the list at its last step, and both steps of the `only:` slide (the
    // first shows what the last lacks).
    assert_eq!(deck.page_count(), 6);
    assert_eq!(reading.page_count(), 4);
    assert!(reading.is_tagged() && reading.xmp().contains("pdfuaid:part>1<"));
    let (tagged, _) = reading.marked_text(2);
    for words in [
        "alpha",
        "gamma",
        "Say why alpha comes first.",
        "Then ask about gamma.",
    ] {
        assert!(tagged.contains(words), "{words:?} in {tagged}");
    }
    // The notes are read after the slide: below its last block.
    let (_, list_y) = reading.position(2, "gamma").expect("the list");
    let (_, notes_y) = reading.position(2, "Say").expect("the notes");
    assert!(notes_y < list_y, "notes at {notes_y}, list at {list_y}");
    assert!(reading.page_size(2).1 > deck.page_size(2).1);
    assert!(
        reading.page_text(3).contains("Firstpicture")
            && reading.page_text(4).contains("Secondpicture")
    );
    assert_eq!(
        headings(&reading)
            .iter()
            .filter(|(_, t)| t == "Three steps")
            .count(),
        1
    );
}

#[test]
fn good_and_bad_differ_by_more_than_colour() {
    let (_dir, pdf) = built_pdf(
        "title: T\nlang: en\nopening:\n  - title: Plain\n    text: 'Pros fast and cons fragile'\n  - title: Judged\n    text: 'Pros [fast]{.good} and cons [fragile]{.bad}'\n",
    );
    // `good` is set bold: wider, so the next word starts further right.
    let and = |page: usize| pdf.position(page, "and").expect("and").0;
    assert!(and(3) > and(2) + 1.0, "{} vs {}", and(3), and(2));
    // `bad` is underlined with a dotted line (a dash pattern).
    assert_eq!(pdf.operator_count(2, "d"), 0);
    assert!(pdf.operator_count(3, "d") > 0);
}

#[test]
fn an_address_with_quotes_or_spaces_is_escaped_in_its_link_never_breaking_the_pdf() {
    let (_dir, pdf) = built_pdf(
        "title: T\nlang: en\nopening:\n  - title: Odd addresses\n    bullets:\n      - '[quoted](https://example.org/a\"b?q=1&r=2)'\n      - 'bare https://example.org/x\"y stops at the quote'\n      - '[spaced](https://example.org/a b) stays text'\n",
    );
    // A Markdown link with a space is not one; the bare address inside it
    // links up to the space.
    assert_eq!(
        pdf.link_uris(2),
        [
            "https://example.org/a\"b?q=1&r=2",
            "https://example.org/x",
            "https://example.org/a"
        ]
    );
    assert!(
        crate::util::squash(&pdf.page_text(2)).contains(&crate::util::squash(
            "[spaced](https://example.org/a b) stays text"
        ))
    );
}
