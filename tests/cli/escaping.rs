//! Escaping is the compiler's job: any text typed into a title or a bullet
//! appears in the PDF exactly as typed, whatever Typst syntax it contains.

use crate::util::*;
use proptest::prelude::*;

/// Builds a one-slide outline with `title` as deck and slide title and
/// `bullet` as a bullet, quoting both as YAML double-quoted scalars.
fn outline(title: &str, bullet: &str) -> String {
    let q = |s: &str| format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""));
    format!(
        "title: {t}\nlang: en\nsections:\n  - title: {t}\n    slides:\n      - title: {t}\n        bullets:\n          - {b}\n",
        t = q(title),
        b = q(bullet)
    )
}

/// Builds the outline and returns the PDF's extracted text.
fn build_text(title: &str, bullet: &str) -> String {
    let dir = deck(&outline(title, bullet));
    build_in(dir.path(), &["deck.yaml"]).success();
    pdf_text(&dir.path().join("deck.pdf"))
}

#[test]
fn typst_syntax_in_a_title_prints_literally() {
    let title = r#"#set page(fill: red) $x$ <a> @b \ [c] "d" // e"#;
    let text = squash(&build_text(title, "#pagebreak() = heading _x_ ~ -- ..."));
    assert!(
        text.contains(&squash(title)),
        "title not literal in:\n{text}"
    );
    assert!(
        text.contains(&squash("#pagebreak() = heading _x_ ~ -- ...")),
        "bullet not literal in:\n{text}"
    );
}

/// Text made of Typst and YAML syntax characters, letters and Chinese.
fn tricky() -> impl Strategy<Value = String> {
    proptest::string::string_regex(
        r#"[a-zA-Z0-9 #$@<>\[\](){}=_\\/"'~.,:;!?%&|+\-^中文编排]{1,24}"#,
    )
    .expect("valid regex")
    // `[text](url)` is lectern's link markup; keep to plain text here.
    .prop_filter("no link markup", |s| !s.contains("]("))
    // `{{term}}` is lectern's gap markup (tested in outputs.rs).
    .prop_filter("no gap markup", |s| !s.contains("{{"))
    .prop_filter("not blank", |s| !s.trim().is_empty())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_comes_out_literally(title in tricky(), bullet in tricky()) {
        let text = squash(&build_text(&title, &bullet));
        prop_assert!(text.contains(&squash(&title)), "title {:?} not in {:?}", title, text);
        prop_assert!(text.contains(&squash(&bullet)), "bullet {:?} not in {:?}", bullet, text);
    }
}

#[test]
fn placeholder_like_text_is_never_rewritten() {
    // A slide id used to be patched into the generated text by replacing a
    // placeholder, which also rewrote user text containing it.
    let text = build_text("plain title", "__ID__ stays");
    assert!(squash(&text).contains("__ID__stays"), "{text}");
}
