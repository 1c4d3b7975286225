//! Fitting a slide to its page (`fit`, `fit-floor`, `code-scale`): a
//! slide too full shrinks to its floor, then continues with its title;
//! code grows into free room; the limits warn in bounded time.

use crate::pdf::Pdf;
use crate::util::*;

const HEAD: &str = "title: Fit\nlang: en\n";

/// Builds `yaml` (after [`HEAD`]) as deck.yaml; returns the folder and the PDF.
fn built(yaml: &str) -> (tempfile::TempDir, Pdf) {
    built_pdf(&format!("{HEAD}{yaml}"))
}

#[test]
fn a_stack_too_full_shrinks_first_then_continues_block_by_block_with_its_title() {
    let para = |i: usize| {
        format!(
            "      - text: \"Block {i}. {}\"\n",
            "This paragraph fills a few lines of the slide with plain words. ".repeat(5)
        )
    };
    // Two blocks fit once shrunk; seven do not even at the floor.
    for theme in ["academic", "metro", "midnight", "projector"] {
        let two: String = (1..=2).map(para).collect();
        let (_dir, pdf) = built(&format!(
            "theme: {theme}\nopening:\n  - title: Shrunk\n    body:\n{two}"
        ));
        assert_eq!(pdf.page_count(), 2, "{theme}: the shrunk slide is one page");
        let seven: String = (1..=7).map(para).collect();
        let dir = deck(&format!(
            "{HEAD}theme: {theme}\nopening:\n  - title: Seven\n    body:\n{seven}"
        ));
        says(
            build_in(dir.path(), &["deck.yaml"]).success(),
            &[
                "slide \"Seven\" does not fit on one page even shrunk to its floor: it continues over",
            ],
        );
        let pdf = Pdf::open(&dir.path().join("deck.pdf"));
        let pages = pdf.page_count();
        assert!(pages >= 3, "{theme}: {pages} pages");
        let labels = pdf.page_labels();
        for page in 2..=pages {
            let text = pdf.page_text(page);
            assert!(text.contains("Seven"), "{theme} page {page}: no title");
            assert!(text.contains("Block"), "{theme} page {page}: a title alone");
            assert_eq!(labels[page - 1], labels[1], "{theme} page {page}");
            for (word, _, y) in pdf.runs(page).iter().filter(|r| r.0.contains("paragraph")) {
                assert!(*y > 1.4 / 2.54 * 72.0, "{theme} page {page}: {word} at {y}");
            }
        }
        assert!(pdf.page_text(3).contains("(cont.)"), "{theme}");
        // Every block once, in order.
        let all = pdf.text();
        let at: Vec<usize> = (1..=7)
            .map(|i| {
                all.find(&format!("Block {i}."))
                    .unwrap_or_else(|| panic!("{theme}: block {i}"))
            })
            .collect();
        assert!(at.windows(2).all(|w| w[0] < w[1]), "{theme}: {at:?}");
        assert_eq!(all.matches("Block 4.").count(), 1, "{theme}");
    }
}

/// The distance between the baselines of two lines of code on a page,
/// in points: the code's size times its line pitch.
fn pitch(pdf: &Pdf, page: usize, first: &str, second: &str) -> f64 {
    let y = |w: &str| pdf.position(page, w).unwrap_or_else(|| panic!("no {w}")).1;
    y(first) - y(second)
}

#[test]
fn code_grows_into_free_room_up_to_code_scale_and_long_code_shrinks() {
    let short: String = (1..=6).map(|i| format!("short{i} = {i}\\n")).collect();
    let long: String = (1..=25).map(|i| format!("long{i} = {i}\\n")).collect();
    let yaml = |scale: &str| {
        format!(
            "{scale}opening:\n  - title: Six lines\n    code: {{ src: \"{short}\" }}\n  - title: Twenty-five lines\n    code: {{ src: \"{long}\" }}\n"
        )
    };
    let (_dir, pdf) = built(&yaml(""));
    let six = pitch(&pdf, 2, "short1", "short2");
    let twenty_five = pitch(&pdf, 3, "long1", "long2");
    assert!(
        six > twenty_five * 1.2,
        "6 lines at {six:.1}, 25 at {twenty_five:.1}"
    );
    let (_dir, scaled) = built(&yaml("code-scale: 1.8\n"));
    let larger = pitch(&scaled, 2, "short1", "short2");
    assert!(
        larger > six * 1.2,
        "code-scale 1.8: {larger:.1} against {six:.1}"
    );
}

#[test]
fn fit_shrink_reads_as_auto_with_a_located_warning() {
    let dir = deck(&format!(
        "{HEAD}opening:\n  - title: Old\n    fit: shrink\n    text: x\n"
    ));
    says(
        build_in(dir.path(), &["deck.yaml"]).success(),
        &[
            "`fit: shrink` is now `fit: auto`",
            "deck.yaml:5:10",
            "fit-floor",
        ],
    );
}

#[test]
fn oversized_code_tables_and_titles_warn_at_their_lines_in_bounded_time() {
    let code: String = (1..=500)
        .map(|i| format!("      line{i} = {i}\n"))
        .collect();
    let rows: String = (1..=300)
        .map(|i| format!("          - [row {i}, {i}]\n"))
        .collect();
    let title = "A title far too long for any title area ".repeat(50);
    let dir = deck(&format!(
        "{HEAD}fit: auto\nopening:\n  - title: Code\n    code: |\n{code}  - title: Table\n    table:\n      header: [name, n]\n      rows:\n{rows}  - title: {title}\n    text: x\n"
    ));
    let started = std::time::Instant::now();
    says(
        build_in(dir.path(), &["deck.yaml"]).success(),
        &[
            "this code does not fit its slide at 0.6 × the body size: 500 lines",
            "deck.yaml:7:7",
            "the table on slide \"Table\" continues over",
            "deck.yaml:507:5",
            "does not fit the title area",
            "deck.yaml:811:12",
        ],
    );
    // Bounded: far under the 60 s a runaway layout would take.
    assert!(started.elapsed().as_secs() < 60);
}

#[test]
fn long_code_alone_continues_with_its_title_and_its_line_numbers() {
    let code: String = (1..=60).map(|i| format!("      line{i} = {i}\n")).collect();
    let dir = deck(&format!(
        "{HEAD}opening:\n  - title: Sixty\n    code:\n      numbers: true\n      src: |\n{}",
        code.replace("      line", "        line")
    ));
    says(
        build_in(dir.path(), &["deck.yaml"]).success(),
        &["slide \"Sixty\" does not fit on one page even shrunk to its floor: it continues over"],
    );
    let pdf = Pdf::open(&dir.path().join("deck.pdf"));
    let pages = pdf.page_count();
    assert!(pages >= 3, "{pages} pages");
    let labels = pdf.page_labels();
    for page in 2..=pages {
        let text = pdf.page_text(page);
        assert!(text.contains("Sixty"), "page {page}: no title");
        assert_eq!(labels[page - 1], labels[1], "page {page}");
    }
    let all = pdf.text();
    for i in [1, 30, 60] {
        assert_eq!(all.matches(&format!("line{i} = ")).count(), 1, "line {i}");
    }
    // The numbers go on: the last page starts past 1.
    assert!(!pdf.page_text(pages).contains("line1 = "));
}

#[test]
fn a_slide_continues_over_ten_pages_at_most_and_the_last_is_cut_with_a_warning() {
    // Fourteen blocks, each about a page even at the floor.
    let block = |i: usize| {
        format!(
            "      - text: \"Block {i}. {}\"\n",
            "Each block of this slide is long enough to fill a page of its own. ".repeat(16)
        )
    };
    let body: String = (1..=14).map(block).collect();
    let dir = deck(&format!(
        "{HEAD}opening:\n  - title: Many\n    body:\n{body}"
    ));
    says(
        build_in(dir.path(), &["deck.yaml"]).success(),
        &["cm is cut off at the footer", "deck.yaml:4:5"],
    );
    let pdf = Pdf::open(&dir.path().join("deck.pdf"));
    // The title page and the slide's ten pages.
    assert_eq!(pdf.page_count(), 11);
    assert!(pdf.page_text(11).contains("Many"));
}
