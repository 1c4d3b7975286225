//! Interface words and dates in the deck's language, and `labels:`, read
//! back from the real PDF.

use crate::util::*;

/// A deck in `lang` with a date, two sections and `extra` keys.
fn deck_in(lang: &str, extra: &str) -> String {
    format!(
        "title: Langues\nlang: {lang}\ndate: 2026-11-27\n{extra}sections:\n  - title: Un\n    slides:\n      - title: Une\n        text: texte\n  - title: Deux\n    slides:\n      - title: Deux\n        text: texte\n"
    )
}

/// Builds a deck; returns lectern's standard error and the PDF's text.
fn build(yaml: &str, code: i32) -> (String, String) {
    let dir = deck(yaml);
    let out = build_in(dir.path(), &["deck.yaml"]).code(code);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    let pdf = dir.path().join("deck.pdf");
    let text = if pdf.exists() {
        pdf_text(&pdf)
    } else {
        String::new()
    };
    (stderr, text)
}

#[test]
fn each_built_in_language_has_its_words_and_date() {
    for (lang, words) in [
        ("fr", ["Sommaire", "Partie 1", "27 novembre 2026"]),
        ("de", ["Übersicht", "Teil 1", "27. November 2026"]),
        ("es", ["Índice", "Parte 1", "27 de noviembre de 2026"]),
        ("pt", ["Sumário", "Parte 1", "27 de novembro de 2026"]),
        ("it", ["Indice", "Parte 1", "27 novembre 2026"]),
        ("en-GB", ["Agenda", "Part 1", "27 November 2026"]),
    ] {
        let (stderr, text) = build(&deck_in(lang, ""), 0);
        assert!(!stderr.contains("warning"), "{lang}: {stderr}");
        for w in words {
            assert!(text.contains(w), "{lang}: {w} not in {text}");
        }
    }
}

#[test]
fn labels_override_any_word_and_the_date_pattern() {
    let (_, text) = build(
        &deck_in(
            "fr",
            "labels: { agenda: Plan du cours, part: \"Chapitre {n}\", date: \"[day]/[month]/[year]\" }\n",
        ),
        0,
    );
    for w in ["Plan du cours", "Chapitre 2", "27/11/2026"] {
        assert!(text.contains(w), "{w} not in {text}");
    }
    assert!(!text.contains("Sommaire"));
}

#[test]
fn another_language_gets_english_words_and_a_warning_at_its_line() {
    let (stderr, text) = build(&deck_in("xx-Foo", ""), 0);
    for piece in ["no interface words for `xx`", "deck.yaml:2:7", "labels:"] {
        assert!(stderr.contains(piece), "{piece} in {stderr}");
    }
    assert!(text.contains("Agenda") && text.contains("27 November 2026"));
}

#[test]
fn a_bad_label_key_warns_and_a_bad_date_pattern_is_an_error() {
    let (stderr, _) = build(&deck_in("fr", "labels: { agnda: Plan }\n"), 0);
    assert!(
        stderr.contains("unknown key `agnda`") && stderr.contains("did you mean `agenda`?"),
        "{stderr}"
    );
    let (stderr, _) = build(&deck_in("fr", "labels: { date: \"[jour]\" }\n"), 1);
    assert!(
        stderr.contains("is not a date pattern") && stderr.contains("deck.yaml:4:18"),
        "{stderr}"
    );
}

#[test]
fn korean_without_a_hangul_font_fails_naming_the_characters_and_the_fix() {
    let dir = deck(
        "title: 시험\nlang: ko\nsections:\n  - title: 시작\n    slides:\n      - title: 하나\n        text: 한국어\n",
    );
    let out = build_in(dir.path(), &["deck.yaml", "--no-system-fonts"]).code(1);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(
        stderr.contains("no font has a glyph") && stderr.contains("--font-path"),
        "{stderr}"
    );
    assert!(!dir.path().join("deck.pdf").exists());
}

#[test]
fn latin_text_has_a_real_italic_and_bold_italic_face() {
    let fonts = |body: &str| {
        let dir = deck(&format!(
            "title: Faces\nlang: en\nopening:\n  - title: Type\n    text: \"{body}\"\n"
        ));
        build_in(dir.path(), &["deck.yaml"]).success();
        let names: Vec<String> = Pdf::open(&dir.path().join("deck.pdf"))
            .fonts()
            .into_iter()
            .map(|f| f.name)
            .collect();
        names
    };
    let styled = fonts("Plain, *emphasis* and ***both***");
    for face in [
        "LecternSans-Regular",
        "LecternSans-Italic",
        "LecternSans-BoldItalic",
    ] {
        assert!(
            styled.iter().any(|n| n.contains(face)),
            "{face} in {styled:?}"
        );
    }
    let plain = fonts("Plain words only");
    assert!(!plain.iter().any(|n| n.contains("Italic")), "{plain:?}");
}
