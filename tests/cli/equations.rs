//! Equation numbers (`\label`, `\tag`, `number: true`), references
//! (`\eqref`, `\ref`) and relations drawn as one symbol (`\not`, ⫫).

use crate::util::*;

/// A deck that numbers equations four ways and refers to them.
const NUMBERED: &str = r#"title: Numbers
lang: en
sections:
  - title: Queues
    slides:
      - title: Little's law
        reveal: items
        bullets:
          - One law
          - 'By \(\eqref{little}\), the queue grows with \(\lambda\).'
          - Third point
        math: 'L = \lambda W \label{little}'
      - title: Aligned
        math: |
          \begin{align}
            a &= b + c \label{first} \\
            d &= e \nonumber \\
            f + g &= h \tag{7}
          \end{align}
      - title: Whole
        number: true
        math: '\int_0^1 x\,dx = \frac12'
      - title: Refs
        text: 'See \(\eqref{first}\), \(\eqref{tagged}\) and \(\ref{little}\).'
        math: 'k \le \eqref{little} \label{tagged} \tag{B}'
"#;

#[test]
fn equation_numbers_are_given_once_per_deck_and_repeat_on_step_pages() {
    let (_dir, pdf) = built_pdf(NUMBERED);
    // Title, agenda, divider; Little's law on pages 4-6 (three steps).
    for page in 4..=6 {
        let text = pdf.page_text(page);
        assert!(text.contains("(1)"), "page {page}: {text}");
        assert!(
            !text.contains("(2)") && !text.contains("label"),
            "page {page}: {text}"
        );
    }
    assert!(
        squash(&pdf.page_text(5)).contains("By(1)"),
        "{}",
        pdf.page_text(5)
    );
    // The aligned block: a label numbered 2, an unnumbered row, a tag
    // (of the same width, so that their right-aligned column shows).
    let aligned = pdf.page_text(7);
    assert!(
        aligned.contains("(2)") && aligned.contains("(7)"),
        "{aligned}"
    );
    assert!(
        !aligned.contains("(3)") && !aligned.contains("nonumber"),
        "{aligned}"
    );
    // The numbers stand in one column, each on its row's baseline.
    let (x2, y2) = pdf.position(7, "(2)").expect("(2)");
    let (xa, ya) = pdf.position(7, "(7)").expect("(7)");
    let (_, y_row0) = pdf.position(7, "𝑎").expect("a");
    let (_, y_row2) = pdf.position(7, "ℎ").expect("h");
    assert!((x2 - xa).abs() < 1.0, "{x2} {xa}");
    assert!(
        (y2 - y_row0).abs() < 2.0 && (ya - y_row2).abs() < 2.0,
        "{y2} {y_row0} {ya} {y_row2}"
    );
    let (xe, _) = pdf.position(7, "𝑒").expect("e");
    assert!(
        x2 > xe + 20.0,
        "the number sits right of its formula: {x2} {xe}"
    );
    // `number: true`: one number for the block, the next one.
    assert!(pdf.page_text(8).contains("(3)"), "{}", pdf.page_text(8));
    // References anywhere in the deck, and a label naming its tag.
    let refs = squash(&pdf.page_text(9));
    assert!(refs.contains("See(2),(B)and1."), "{refs}");
    assert!(refs.contains("(1)") && refs.contains("(B)"), "{refs}");
}

#[test]
fn labels_twice_unknown_references_and_labels_in_text_are_located_errors() {
    let dir = deck(
        "title: N\nlang: en\nopening:\n  - title: A\n    math: 'a = 1 \\label{one}'\n  - title: B\n    math: 'b = 2 \\label{one}'\n  - title: C\n    text: 'see \\(\\eqref{onne}\\) and \\(x \\label{two}\\)'\n",
    );
    let err = fails_with(dir.path(), &["build", "deck.yaml"], 1);
    for piece in [
        "the label `one` is given twice",
        "deck.yaml:7:18",
        "first given here",
        "no formula is labelled `onne`",
        "did you mean `one`?",
        "deck.yaml:9:18",
        "deck.yaml:9:41",
        "a label or tag numbers a displayed formula",
    ] {
        assert!(err.contains(piece), "no `{piece}` in:\n{err}");
    }
}

#[test]
fn number_beside_another_block_is_a_warning() {
    let dir =
        deck("title: N\nlang: en\nopening:\n  - title: A\n    number: true\n    bullets: [a, b]\n");
    says(
        build_in(dir.path(), &["deck.yaml"]).success(),
        &[
            "`number:` numbers a formula, not a `bullets` block",
            "deck.yaml:5:13",
        ],
    );
}

#[test]
fn negated_relations_and_independence_are_single_symbols() {
    let (_dir, pdf) = built_pdf(
        "title: N\nlang: en\nopening:\n  - title: A\n    math: 'a \\not= b, \\; c \\not\\in D, \\; X \\perp\\!\\!\\!\\perp Y \\mid Z, \\; u \\not\\le v'\n",
    );
    let text = pdf.page_text(2);
    for symbol in ["≠", "∉", "⫫", "≰"] {
        assert!(text.contains(symbol), "no {symbol} in {text}");
    }
    // The negated relations are glyphs, not a struck-through pair.
    assert!(!text.contains('='), "{text}");
}
