//! Slides as stacks of blocks: order on the page, steps on any block,
//! columns with widths, lists, boxes and the deck's structure options, read
//! back from the real PDF (pages, text, word positions).

use crate::util::*;

/// The deck's head: a title, English.
const HEAD: &str = "title: Stacks\nlang: en\n";

/// Builds `yaml` (after [`HEAD`]) as deck.yaml; returns the folder and the PDF.
fn built(yaml: &str) -> (tempfile::TempDir, Pdf) {
    built_pdf(&format!("{HEAD}{yaml}"))
}

/// The pages (from 1) whose text holds `word`.
fn pages_with(pdf: &Pdf, word: &str) -> Vec<usize> {
    (1..=pdf.page_count())
        .filter(|&p| pdf.page_text(p).contains(word))
        .collect()
}

#[test]
fn blocks_stack_top_to_bottom_in_the_order_written() {
    let (_dir, pdf) = built(
        r#"opening:
  - title: Stack
    text: Leadsentence first.
    code: { src: "let codeline = 1;", lang: rust }
    bullets: [Firstbullet, Secondbullet]
  - title: Reversed
    bullets: [Otherbullet]
    text: Othersentence last.
"#,
    );
    // Title page, then the two slides (no sections: no agenda).
    assert_eq!(pdf.page_count(), 3);
    let (lead, code, bullet) = (
        y(&pdf, 2, "Leadsentence"),
        y(&pdf, 2, "codeline"),
        y(&pdf, 2, "Firstbullet"),
    );
    assert!(lead > code && code > bullet, "{lead} {code} {bullet}");
    assert!(y(&pdf, 3, "Otherbullet") > y(&pdf, 3, "Othersentence"));
}

#[test]
fn a_step_on_any_block_adds_its_pages_and_hides_it_before() {
    let (_dir, pdf) = built(
        r#"opening:
  - title: Walkthrough
    body:
      - code: { src: "let a = 1;\nlet b = 2;", highlight: ["1", "2"] }
      - text: Theanswer is four.
        step: 3
"#,
    );
    assert_eq!(pdf.page_count(), 4, "title + 3 steps");
    assert_eq!(pages_with(&pdf, "Theanswer"), vec![4]);
    // The steps share one page label.
    let labels = pdf.page_labels();
    assert_eq!(labels[1..], [labels[1], labels[1], labels[1]]);
}

#[test]
fn steps_inside_columns_add_pages_and_only_swaps_blocks_in_place() {
    let (_dir, pdf) = built(
        r#"opening:
  - title: Columns
    columns:
      - body:
          - text: Alwaysleft
          - text: Laterleft
            step: 2
      - body:
          - text: Firstpicture
            only: 1
          - text: Secondpicture
            only: 2
"#,
    );
    assert_eq!(pdf.page_count(), 3, "title + 2 steps");
    assert_eq!(pages_with(&pdf, "Laterleft"), vec![3]);
    assert_eq!(pages_with(&pdf, "Firstpicture"), vec![2]);
    assert_eq!(pages_with(&pdf, "Secondpicture"), vec![3]);
    // `only` takes no space: the second sits where the first was.
    let (first, second) = (
        pdf.position(2, "Firstpicture").unwrap(),
        pdf.position(3, "Secondpicture").unwrap(),
    );
    assert!((first.0 - second.0).abs() < 1.0 && (first.1 - second.1).abs() < 1.0);
    // `step` keeps its space: the left column does not move.
    assert!((y(&pdf, 2, "Alwaysleft") - y(&pdf, 3, "Alwaysleft")).abs() < 0.5);
}

#[test]
fn column_widths_are_shared_as_written() {
    let (_dir, pdf) = built(
        r#"opening:
  - title: Widths
    columns:
      - width: 2
        text: Leftstart
      - width: 1
        text: Rightstart
  - title: Percent
    columns:
      - width: "25%"
        text: Leftstart
      - width: "75%"
        text: Rightstart
"#,
    );
    let (w, _) = pdf.page_size(2);
    for (page, ratio) in [(2, 2.0), (3, 1.0 / 3.0)] {
        let left = pdf.position(page, "Leftstart").unwrap().0;
        let right = pdf.position(page, "Rightstart").unwrap().0;
        // Symmetric margins: the content runs from `left` to `w - left`;
        // the gutter is 34 pt.
        let (a, b) = (right - left - 34.0, w - left - right);
        assert!(
            (a / b / ratio - 1.0).abs() < 0.1,
            "page {page}: {a:.0} : {b:.0}, not {ratio}"
        );
    }
}

#[test]
fn numbered_lists_number_and_nest_three_levels() {
    let (_dir, pdf) = built(
        r#"opening:
  - title: Lists
    body:
      - numbered: [Alpha, Beta, Gamma]
      - numbered: { start: 7, items: [Seventh, Eighth] }
      - bullets:
          - Top
          - - Middle
            - - Bottom
      - numbered:
          - Outer
          - { bullets: [Innerbullet] }
"#,
    );
    let text = pdf.page_text(2);
    for n in ["1.", "2.", "3.", "7.", "8."] {
        assert!(text.contains(n), "{n} missing in {text}");
    }
    assert!(!text.contains("4."), "{text}");
    for w in ["Bottom", "Innerbullet"] {
        assert!(text.contains(w), "{w}");
    }
    // Three levels: each deeper item starts further right.
    let x = |w| pdf.position(2, w).unwrap().0;
    assert!(x("Top") < x("Middle") && x("Middle") < x("Bottom"));
}

#[test]
fn reveal_nested_shows_every_item_at_every_level_in_turn() {
    let (_dir, pdf) = built(
        r#"opening:
  - title: Nested
    reveal: nested
    bullets:
      - Topone
      - - Subone
      - Toptwo
"#,
    );
    assert_eq!(pdf.page_count(), 4, "title + 3 items");
    assert_eq!(pages_with(&pdf, "Subone"), vec![3, 4]);
    assert_eq!(pages_with(&pdf, "Toptwo"), vec![4]);
}

#[test]
fn every_box_kind_builds_in_every_theme_with_its_heading() {
    for theme in ["academic", "metro", "midnight", "projector"] {
        let (_dir, pdf) = built(&format!(
            r#"theme: {theme}
labels: {{ note: Remark }}
opening:
  - title: Boxes one
    body:
      - box: {{ kind: definition, title: Limit, number: true, text: Close to L. }}
      - box: {{ kind: theorem, title: Chain rule, number: true, text: Derivatives multiply. }}
      - box: {{ kind: proof, text: By definition. }}
  - title: Boxes two
    body:
      - box: {{ kind: lemma, number: true, text: A lemma. }}
      - box: {{ kind: example, text: An example. }}
      - box: {{ kind: note, text: A note. }}
  - title: Boxes three
    body:
      - box: {{ kind: tip, text: A tip. }}
      - box: {{ kind: warning, title: Careful, text: A warning. }}
"#
        ));
        let text = squash(&pdf.text());
        for heading in [
            "Definition1(Limit)",
            "Theorem2(Chainrule)",
            "Proof",
            "Lemma3",
            "Example",
            "Remark",
            "Tip",
            "Warning(Careful)",
        ] {
            assert!(text.contains(heading), "{theme}: {heading} in {text}");
        }
        assert!(text.contains('∎'), "{theme}: a proof ends with ∎");
    }
}

#[test]
fn box_headings_follow_the_deck_language() {
    let dir = deck(
        "title: 定理\nlang: zh\nopening:\n  - title: 定理\n    box: { kind: theorem, title: 链式法则, number: true, text: 复合函数求导。 }\n",
    );
    build_in(dir.path(), &["deck.yaml"]).success();
    let pdf = Pdf::open(&dir.path().join("deck.pdf"));
    assert!(squash(&pdf.text()).contains("定理1（链式法则）"));
}

#[test]
fn an_unknown_block_key_is_a_warning_at_its_line_with_did_you_mean() {
    let dir = deck(&format!(
        "{HEAD}opening:\n  - title: B\n    body:\n      - text: lead\n        stpe: 2\n"
    ));
    says(
        build_in(dir.path(), &["deck.yaml"]).success(),
        &[
            "unknown key `stpe` in a block",
            "deck.yaml:7:9",
            "did you mean `step`?",
        ],
    );
}

#[test]
fn agenda_and_dividers_can_be_left_out_and_opening_slides_come_first() {
    let sections = r#"sections:
  - title: One
    slides:
      - title: First
        text: Firstcontent
  - title: Two
    slides:
      - title: Second
        text: Secondcontent
"#;
    let count = |extra: &str| built(&format!("{extra}{sections}")).1.page_count();
    assert_eq!(count(""), 6, "title, agenda, 2 dividers, 2 slides");
    assert_eq!(count("agenda: false\n"), 5);
    assert_eq!(count("dividers: false\n"), 4);
    assert_eq!(count("agenda: false\ndividers: false\n"), 3);
    let (_dir, pdf) = built(&format!(
        "opening:\n  - title: Welcome\n    text: Openingwords\n{sections}"
    ));
    assert_eq!(pages_with(&pdf, "Openingwords"), vec![2]);
    assert!(pages_with(&pdf, "Firstcontent")[0] > 3);
}

#[test]
fn an_image_caption_sits_directly_under_the_image() {
    let dir = deck(&format!(
        "{HEAD}opening:\n  - title: Picture\n    body:\n      - text: Abovetext\n      - image: picture.png\n        caption: Thecaption\n        height: \"40%\"\n"
    ));
    std::fs::copy(
        root().join("tests/fixtures/basic/picture.png"),
        dir.path().join("picture.png"),
    )
    .unwrap();
    build_in(dir.path(), &["deck.yaml"]).success();
    let pdf = Pdf::open(&dir.path().join("deck.pdf"));
    let (_, h) = pdf.page_size(2);
    let caption = y(&pdf, 2, "Thecaption");
    // The image takes 40% of the room under the text, the caption under
    // it: well above the bottom half of the page.
    assert!(caption > h * 0.35, "caption at {caption} of {h}");
    assert!(y(&pdf, 2, "Abovetext") > caption);
}

/// The YAML example under "Composing a slide" in README, as a deck.
fn readme_example() -> tempfile::TempDir {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let section = &readme[readme.find("### Composing a slide").expect("the section")..];
    let start = section.find("```yaml\n").expect("a YAML example") + 8;
    let example = &section[start..start + section[start..].find("```").unwrap()];
    let dir = deck(&format!("title: README\nlang: en\n{example}"));
    let code: String = (1..=9).map(|i| format!("let step{i} = {i};\n")).collect();
    std::fs::write(dir.path().join("build.rs"), code).unwrap();
    for name in ["before.png", "after.png"] {
        std::fs::copy(
            root().join("tests/fixtures/basic/picture.png"),
            dir.path().join(name),
        )
        .unwrap();
    }
    dir
}

#[test]
fn the_readme_stack_example_builds_as_written_with_its_steps() {
    let dir = readme_example();
    build_in(dir.path(), &["deck.yaml", "--deny-warnings"]).success();
    let pdf = Pdf::open(&dir.path().join("deck.pdf"));
    // Title; opening (2 highlights); agenda; divider; definition (3 steps);
    // two pictures (3 steps: the code's 2 highlights, `only: "2-3"`).
    assert_eq!(pdf.page_count(), 1 + 2 + 1 + 1 + 3 + 3);
    let defined = pages_with(&pdf, "need not be defined");
    assert_eq!(defined, vec![7, 8]);
    assert_eq!(pages_with(&pdf, "After"), vec![10, 11]);
}

#[test]
fn a_span_is_drawn_in_its_palette_colour_and_an_unknown_class_warns() {
    // Academic's accent, #1f4e8c, and `good`, #1a7f37.
    let is = |c: (f64, f64, f64), hex: (u8, u8, u8)| {
        let d = |a: f64, b: u8| (a - f64::from(b) / 255.0).abs() < 0.01;
        d(c.0, hex.0) && d(c.1, hex.1) && d(c.2, hex.2)
    };
    let (dir, pdf) = built(
        "theme: academic\nopening:\n  - text: Plain then [marked]{.accent} and [fine]{.good}\n  - text: Plain only, [typo]{.acent}\n",
    );
    let with = pdf.fill_colours(2);
    let without = pdf.fill_colours(3);
    // The theme draws its progress bar in the accent too: the span adds
    // a fill of it.
    let count = |fills: &[(f64, f64, f64)], hex| fills.iter().filter(|c| is(**c, hex)).count();
    let (accent, good) = ((0x1f, 0x4e, 0x8c), (0x1a, 0x7f, 0x37));
    assert!(count(&with, accent) > count(&without, accent), "{with:?}");
    assert_eq!((count(&with, good) > 0, count(&without, good)), (true, 0));
    assert!(pdf.page_text(3).contains("typo"));
    says(
        build_in(dir.path(), &["deck.yaml"]).success(),
        &[
            "`.acent` is not a span class",
            "deck.yaml:6:29",
            "did you mean `.accent`?",
        ],
    );
}

#[test]
fn the_handout_keeps_every_step_whose_only_content_the_last_step_lacks() {
    let (dir, _) = built(
        r#"opening:
  - title: Swap
    body:
      - text: Beforeimage
        only: 1
      - text: Afterimage
        only: "2-3"
      - text: Laterblock
        step: 3
"#,
    );
    build_in(dir.path(), &["deck.yaml", "--handout"]).success();
    let text = pdf_text(&dir.path().join("deck-handout.pdf"));
    // Step 1 (its `only` content is gone at step 3) and step 3, the last.
    assert_eq!(text.matches("Beforeimage").count(), 1, "{text}");
    assert_eq!(text.matches("Afterimage").count(), 1, "{text}");
    assert_eq!(text.matches("Laterblock").count(), 1, "{text}");
}

#[test]
fn a_reveal_that_gives_its_block_no_steps_is_a_warning_at_the_block() {
    let dir = deck(&format!(
        "{HEAD}opening:\n  - title: B\n    body:\n      - bullets: [a, b]\n        reveal: rows\n"
    ));
    says(
        build_in(dir.path(), &["deck.yaml", "--deny-warnings"]).code(1),
        &[
            "`reveal: rows` gives this `bullets` block no steps",
            "deck.yaml:6:9",
        ],
    );
}

#[test]
fn a_chart_in_a_stack_takes_its_height_and_keeps_its_caption_under_it() {
    let (_dir, pdf) = built(
        r#"opening:
  - title: Half height
    body:
      - chart:
          kind: bar
          categories: [Yearone, Yeartwo]
          series:
            - { name: Share, values: [40, 60] }
        height: 50%
        caption: Thecaption
      - bullets: [Belowbullet]
"#,
    );
    let (_, h) = pdf.page_size(2);
    let (label, caption, bullet) = (
        y(&pdf, 2, "Yearone"),
        y(&pdf, 2, "Thecaption"),
        y(&pdf, 2, "Belowbullet"),
    );
    assert!(
        label > caption && caption > bullet,
        "{label} {caption} {bullet}"
    );
    // Half the room: the bullet sits in the page's upper two thirds, not
    // pushed to the bottom by a chart taking the whole slide.
    assert!(bullet > h / 3.0, "bullet at {bullet} of {h}");
}

#[test]
fn a_long_list_continues_with_its_title_and_stays_out_of_the_footer() {
    for theme in ["academic", "metro", "midnight", "projector"] {
        let items: String = (1..=30)
            .map(|i| format!("      - Point number {i} of a long list\n"))
            .collect();
        let (_dir, pdf) = built(&format!(
            "theme: {theme}\nopening:\n  - title: Thirty\n    bullets:\n{items}"
        ));
        let pages = pdf.page_count();
        assert!(pages >= 3, "{theme}: {pages} pages");
        let labels = pdf.page_labels();
        for page in 2..=pages {
            assert!(
                pdf.page_text(page).contains("Thirty"),
                "{theme} page {page}"
            );
            // Continuations share the slide's number.
            assert_eq!(labels[page - 1], labels[1], "{theme} page {page}");
            // The footer band: the bottom 1.4 cm of the page.
            for (text, _, y) in pdf.runs(page).iter().filter(|r| r.0.contains("Point")) {
                assert!(*y > 1.4 / 2.54 * 72.0, "{theme} page {page}: {text} at {y}");
            }
        }
        let all = pdf.text();
        for i in [1, 15, 30] {
            assert!(
                all.contains(&format!("Point number {i} ")),
                "{theme}: item {i}"
            );
        }
    }
}

#[test]
fn fit_none_keeps_a_long_list_on_one_slide() {
    let items: String = (1..=30).map(|i| format!("      - Point {i}\n")).collect();
    let (_dir, pdf) = built(&format!(
        "opening:\n  - title: Thirty\n    fit: none\n    bullets:\n{items}"
    ));
    assert!(
        !pdf.page_text(3).contains("Thirty"),
        "no continuation title"
    );
}

#[test]
fn a_long_list_with_steps_does_not_continue() {
    let items: String = (1..=20).map(|i| format!("      - Point {i}\n")).collect();
    let dir = deck(&format!(
        "{HEAD}opening:\n  - title: Twenty\n    reveal: items\n    bullets:\n{items}"
    ));
    says(
        build_in(dir.path(), &["deck.yaml"]).success(),
        &["slide \"Twenty\" does not fit on step 1 of 20 even at 0.75 × its size"],
    );
    let pdf = Pdf::open(&dir.path().join("deck.pdf"));
    assert!(!pdf.text().contains("(cont.)"));
}

#[test]
fn line_breaks_in_a_list_item_and_a_table_cell_are_kept() {
    let (_dir, pdf) = built(
        "opening:\n  - title: Breaks\n    bullets:\n      - |\n        Firstline of the item\n        Secondline of the item\n    table:\n      header: [a, b]\n      rows:\n        - [\"Cellone\\nCelltwo\", x]\n",
    );
    for (upper, lower) in [("Firstline", "Secondline"), ("Cellone", "Celltwo")] {
        let (a, b) = (y(&pdf, 2, upper), y(&pdf, 2, lower));
        assert!(a > b + 5.0, "{upper} at {a}, {lower} at {b}: one line");
    }
}

#[test]
fn steps_inside_a_box_show_on_their_pages_only() {
    let (_dir, pdf) = built(
        r#"opening:
  - title: Boxed
    body:
      - box:
          kind: theorem
          body:
            - text: Statementfirst
            - text: Proofsketch
              step: 2
      - box: { kind: note, text: Laternote }
        step: 3
"#,
    );
    assert_eq!(pdf.page_count(), 4, "title + 3 steps");
    assert_eq!(pages_with(&pdf, "Statementfirst"), vec![2, 3, 4]);
    assert_eq!(pages_with(&pdf, "Proofsketch"), vec![3, 4]);
    assert_eq!(pages_with(&pdf, "Laternote"), vec![4]);
    // The box's heading is there from the first step; the later box's is not.
    assert!(pdf.page_text(2).contains("Theorem") && !pdf.page_text(2).contains("Note"));
}

#[test]
fn each_box_kind_is_drawn_in_its_own_colour() {
    let (_dir, pdf) = built(
        "theme: academic\nopening:\n  - title: One\n    box: { kind: theorem, text: A }\n  - title: Two\n    box: { kind: warning, text: B }\n",
    );
    // The rule and tint of each box come from its kind's palette colour.
    assert_ne!(pdf.fill_colours(2), pdf.fill_colours(3));
}

#[test]
fn a_continued_table_shares_its_slides_number() {
    let rows: String = (1..=40)
        .map(|i| format!("        - [Row {i}, \"{i}\"]\n"))
        .collect();
    let (_dir, pdf) = built(&format!(
        "opening:\n  - title: Long table\n    table:\n      header: [Name, Value]\n      rows:\n{rows}"
    ));
    assert!(pdf.page_count() >= 3);
    let labels = pdf.page_labels();
    assert!(labels[1..].iter().all(|l| *l == labels[1]), "{labels:?}");
}
