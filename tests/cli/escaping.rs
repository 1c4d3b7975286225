//! Escaping is the compiler's job: any text typed into a title or a bullet
//! appears in the PDF exactly as typed, whatever Typst syntax it contains.

use crate::util::*;
use proptest::prelude::*;

/// Builds a one-slide outline with `title` as deck and slide title and
/// `bullet` as a bullet, quoting both as YAML double-quoted scalars.
fn outline(title: &str, bullet: &str) -> String {
    let q = yaml_string;
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

/// Text made of Typst and YAML syntax characters, lectern's own inline
/// markup (`*`, `` ` ``, `{{`, `](`), letters and Chinese.
fn tricky() -> impl Strategy<Value = String> {
    proptest::string::string_regex(
        r#"[a-zA-Z0-9 #$@<>\[\](){}=_\\/"'~.,:;!?%&|+\-^*`中文编排]{1,24}"#,
    )
    .expect("valid regex")
    // A `{{` never closed is an error (tested in the corpus).
    .prop_filter("well-formed gaps", |s| {
        lectern::outline::inline::problem(s).is_none()
    })
    .prop_filter("not blank", |s| !s.trim().is_empty())
    // Inline math prints as math, not as its LaTeX (tested in math.rs).
    .prop_filter("no inline math", |s| !s.contains("\\("))
}

/// What a text prints: its characters without lectern's markup.
fn printed(text: &str) -> String {
    use lectern::outline::inline::{Inline, parse};
    fn walk(pieces: &[Inline], out: &mut String) {
        for piece in pieces {
            match piece {
                Inline::Text(t) | Inline::Code(t) => out.push_str(t),
                Inline::Strong(b)
                | Inline::Emph(b)
                | Inline::Link { body: b, .. }
                | Inline::Span { body: b, .. } => walk(b, out),
                Inline::Gap { body, .. } => walk(body, out),
                // Kept out by `tricky` (math is tested in math.rs).
                Inline::Math { latex, .. } => out.push_str(latex),
            }
        }
    }
    let mut out = String::new();
    walk(&parse(text), &mut out);
    out
}

/// Code made of every character that means something to Typst, YAML or
/// lectern, over several lines, with indentation.
fn code_text() -> impl Strategy<Value = String> {
    proptest::string::string_regex(
        r#"( {0,4}[a-z0-9 #$@<>\[\](){}=_\\/"'`*~.,:;!?%&|+\-^中文]{1,20}\n){1,4}"#,
    )
    .expect("valid regex")
    .prop_filter("not blank", |s| !s.trim().is_empty())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_and_code_come_out_literally(
        title in tricky(),
        bullet in tricky(),
        code in code_text(),
    ) {
        let dir = deck(&format!(
            "{}      - title: Code\n        code: {}\n",
            outline(&title, &bullet),
            yaml_string(&code)
        ));
        build_in(dir.path(), &["deck.yaml"]).success();
        let text = squash(&pdf_text(&dir.path().join("deck.pdf")));
        prop_assert!(text.contains(&squash(&printed(&title))), "title {:?} not in {:?}", title, text);
        prop_assert!(text.contains(&squash(&printed(&bullet))), "bullet {:?} not in {:?}", bullet, text);
        prop_assert!(text.contains(&squash(&code)), "code {:?} not in {:?}", code, text);
    }
}

/// Text as a YAML double-quoted scalar.
fn yaml_string(s: &str) -> String {
    format!(
        "\"{}\"",
        s.replace('\\', "\\\\")
            .replace('"', "\\\"")
            .replace('\n', "\\n")
    )
}

#[test]
fn placeholder_like_text_is_never_rewritten() {
    // A slide id used to be patched into the generated text by replacing a
    // placeholder, which also rewrote user text containing it.
    let text = build_text("plain title", "__ID__ stays");
    assert!(squash(&text).contains("__ID__stays"), "{text}");
}
