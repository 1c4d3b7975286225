//! Math: LaTeX converted to Typst math, display and inline, with steps,
//! macros, and every mistake located inside its YAML string.

use proptest::prelude::*;

use crate::util::*;

/// The formulas of `tests/fixtures/math/corpus.txt`.
fn corpus() -> Vec<String> {
    std::fs::read_to_string(root().join("tests/fixtures/math/corpus.txt"))
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(str::to_string)
        .collect()
}

/// A YAML single-quoted scalar.
fn quoted(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

#[test]
fn every_command_lectern_latex_lists_builds_and_others_are_refused_at_their_column() {
    let out = lectern().arg("latex").assert().success();
    let listed: Vec<String> = String::from_utf8_lossy(&out.get_output().stdout)
        .lines()
        .map(str::to_string)
        .collect();
    assert!(listed.len() > 700, "{} commands", listed.len());
    for common in [
        r"\frac{a}{b}",
        r"\sqrt",
        r"\mathbb{a}",
        r"\alpha",
        r"\bf a",
        r"\!",
    ] {
        assert!(
            listed.iter().any(|l| l.starts_with(common)),
            "{common} not listed"
        );
    }
    let mut yaml =
        String::from("title: Every command\nlang: en\nsections:\n  - title: Math\n    slides:\n");
    for (i, chunk) in listed.chunks(12).enumerate() {
        yaml.push_str(&format!("      - title: C{i}\n        math:\n"));
        for f in chunk {
            yaml.push_str(&format!("          - {}\n", quoted(f)));
        }
    }
    let dir = deck(&yaml);
    build_in(dir.path(), &["deck.yaml"]).success();
    // A text-mode command mitex knows but a formula cannot hold.
    let dir = deck(
        "title: T\nlang: en\nsections:\n  - title: S\n    slides:\n      - title: F\n        math: 'x = \\cite{knuth}'\n",
    );
    let out = build_in(dir.path(), &["deck.yaml"]).failure();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr);
    assert!(
        stderr.contains("deck.yaml:7:20")
            && stderr.contains("does not draw `\\cite`")
            && stderr.contains("lectern latex"),
        "{stderr}"
    );
}

#[test]
fn every_formula_of_the_corpus_converts_and_builds() {
    let formulas = corpus();
    assert!(formulas.len() >= 150, "{} formulas", formulas.len());
    let mut yaml =
        String::from("title: Corpus\nlang: en\nsections:\n  - title: Math\n    slides:\n");
    for (i, f) in formulas.iter().enumerate() {
        yaml.push_str(&format!(
            "      - title: F{i}\n        math: {}\n",
            quoted(f)
        ));
    }
    let dir = deck(&yaml);
    let out = build_in(dir.path(), &["deck.yaml", "--deny-warnings"]).success();
    assert!(String::from_utf8_lossy(&out.get_output().stderr).contains("wrote"));
    let pdf = dir.path().join("deck.pdf");
    let text = pdf_text(&pdf);
    // Letters come out in their mathematical italic forms (𝜆 for λ).
    for symbol in ["𝜆", "∑", "∫", "𝜕", "∇", "≤", "∞"] {
        assert!(text.contains(symbol), "{symbol} is not in the text layer");
    }
    // The math font is carried in the binary.
    let fonts = Pdf::open(&pdf).fonts();
    assert!(
        fonts.iter().any(|f| f.name.contains("NewCMMath")),
        "{fonts:?}"
    );
}

#[test]
fn a_derivation_with_reveal_items_is_one_page_per_line() {
    let dir = deck(
        "title: D\nlang: zh\nsections:\n  - title: S\n    slides:\n      - title: 等待时间\n        reveal: items\n        math:\n          - 'W &= \\frac{L}{\\lambda}'\n          - '&= \\frac{1}{\\mu - \\lambda}'\n          - '&\\approx 2'\n",
    );
    build_in(dir.path(), &["deck.yaml"]).success();
    let doc = Pdf::open(&dir.path().join("deck.pdf"));
    assert_eq!(doc.page_count(), 6, "title, agenda, divider, three steps");
    assert_eq!(doc.page_labels()[3..], [4, 4, 4]);
    assert!(!doc.page_text(4).contains('≈'));
    assert!(doc.page_text(6).contains('≈'));
}

#[test]
fn inline_math_macros_and_a_literal_dollar() {
    let dir = deck(
        "title: I\nlang: en\nmacros: { E: '\\mathbb{E}' }\nsections:\n  - title: S\n    slides:\n      - title: Little\n        bullets:\n          - 'Every stable queue has \\(L = \\lambda W\\) and \\(\\E[X] \\ge 0\\)'\n          - $5 and $10, $1.5 亿\n          - 'a literal \\\\( stays'\n",
    );
    build_in(dir.path(), &["deck.yaml", "--pdf-standard", "ua-1"]).success();
    let pdf = dir.path().join("deck.pdf");
    let text = pdf_page_text(&pdf, 4);
    assert!(text.contains("$5 and $10, $1.5 亿"), "{text}");
    assert!(squash(&text).contains("𝐿=𝜆𝑊"), "{text}");
    // The macro expanded: \E is the double-struck E, right before [X].
    assert!(squash(&text).contains("𝔼[𝑋]"), "{text}");
    assert!(squash(&text).contains("aliteral\\(stays"), "{text}");
    // Each formula carries its LaTeX as alt text.
    let alts = Pdf::open(&pdf).alts();
    assert!(
        alts.iter().any(|a| a.contains("L = \\lambda W")),
        "{alts:?}"
    );
}

#[test]
fn the_decks_macros_reach_the_handout_notes_as_they_reach_the_slides() {
    let dir = deck(
        "title: I\nlang: en\nmacros: { E: '\\mathbb{E}' }\nsections:\n  - title: S\n    slides:\n      - title: Mean\n        text: 'On the slide: \\(\\E[X]\\)'\n        notes: 'In the notes: \\(\\E[Y]\\)'\n",
    );
    build_in(
        dir.path(),
        &["deck.yaml", "--handout", "--handout-layout", "notes"],
    )
    .success();
    let slide = squash(&pdf_text(&dir.path().join("deck.pdf")));
    assert!(slide.contains("𝔼[𝑋]"), "{slide}");
    let handout = squash(&pdf_text(&dir.path().join("deck-handout.pdf")));
    assert!(handout.contains("𝔼[𝑌]"), "{handout}");
    assert!(!handout.contains("\\E"), "{handout}");
}

#[test]
fn latex_mistakes_are_errors_at_their_column_inside_the_yaml_string() {
    let cases = [
        // (formula as written in single quotes, expected message, column of the mistake)
        ("a + \\fracc{1}{2}", "unknown LaTeX command `\\fracc`", 20),
        ("\\foo x", "unknown LaTeX command `\\foo`", 16),
        ("a + {b", "this `{` is never closed", 20),
        ("\\left( x", "`\\left` without its `\\right`", 16),
        (
            "x \\begin{cases} a",
            "`\\begin{cases}` without its `\\end{cases}`",
            18,
        ),
    ];
    for (formula, message, column) in cases {
        let dir = deck(&format!(
            "title: E\nlang: en\nsections:\n  - title: S\n    slides:\n      - title: F\n        math: '{formula}'\n"
        ));
        let out = build_in(dir.path(), &["deck.yaml"]).code(1);
        let stderr = String::from_utf8_lossy(&out.get_output().stderr);
        assert!(stderr.contains(message), "{formula}: {stderr}");
        assert!(
            stderr.contains(&format!("deck.yaml:7:{column}")),
            "{formula}: {stderr}"
        );
        assert!(!stderr.contains("lectern generated Typst code"), "{stderr}");
        assert!(!dir.path().join("deck.pdf").exists());
    }
    // Inside a bullet, and an unclosed `\(`.
    let dir = deck(
        "title: E\nlang: en\nsections:\n  - title: S\n    slides:\n      - title: F\n        bullets:\n          - 'so \\(x + \\alpah\\) holds'\n          - 'open \\( never closed'\n",
    );
    let out = build_in(dir.path(), &["deck.yaml"]).code(1);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr);
    assert!(
        stderr.contains("unknown LaTeX command `\\alpah`") && stderr.contains("deck.yaml:8:23"),
        "{stderr}"
    );
    assert!(stderr.contains("did you mean `\\alpha`"), "{stderr}");
    assert!(
        stderr.contains("`\\(` is never closed with `\\)`"),
        "{stderr}"
    );
}

#[test]
fn hostile_and_huge_formulas_are_refused_in_bounded_time() {
    // Typst code in a formula's text is text: printed as typed, never run.
    let dir = deck(&format!(
        "title: H\nlang: en\nsections:\n  - title: S\n    slides:\n      - title: F\n        math: {}\n",
        quoted(r#"\text{#read("/etc/passwd")}"#)
    ));
    build_in(dir.path(), &["deck.yaml"]).success();
    let text = pdf_text(&dir.path().join("deck.pdf"));
    assert!(text.contains("#read(\"/etc/passwd\")"), "{text}");
    assert!(!text.contains("root:"), "{text}");
    for (formula, message) in [
        ("{".repeat(5_000), "nests deeper"),
        ("x+".repeat(50_000), "a formula holds at most"),
    ] {
        let dir = deck(&format!(
            "title: H\nlang: en\nsections:\n  - title: S\n    slides:\n      - title: F\n        math: {}\n",
            quoted(&formula)
        ));
        let out = build_in(dir.path(), &["deck.yaml"]).code(1);
        let stderr = String::from_utf8_lossy(&out.get_output().stderr);
        let shown: String = stderr.chars().take(600).collect();
        assert!(
            stderr.contains(message),
            "{}: {shown}",
            &formula[..20.min(formula.len())]
        );
        assert!(!stderr.contains("panicked"));
    }
}

/// Text made of `$`, inline-math delimiters, braces, backslashes and words.
fn dollars() -> impl Strategy<Value = String> {
    proptest::string::string_regex(r"([a-z ]|\$|\\\(|\\\)|\\\\\(|\{|\}|\\[a-z]{1,4}|\^|_){1,16}")
        .expect("valid regex")
        .prop_filter("not blank", |s| !s.trim().is_empty())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

    #[test]
    fn text_with_dollars_and_math_delimiters_never_reaches_typst_as_markup(text in dollars()) {
        let dir = deck(&format!(
            "title: P\nlang: en\nsections:\n  - title: S\n    slides:\n      - title: F\n        text: {}\n",
            quoted(&text)
        ));
        let out = build_in(dir.path(), &["deck.yaml"]);
        let output = out.get_output();
        let stderr = String::from_utf8_lossy(&output.stderr);
        // Built, or refused at the text's line; never a Typst failure,
        // never a panic.
        prop_assert!(matches!(output.status.code(), Some(0 | 1)), "{}", stderr);
        prop_assert!(!stderr.contains("panicked"), "{}", stderr);
        prop_assert!(!stderr.contains("lectern generated Typst code"), "{}", stderr);
        if output.status.code() == Some(1) {
            prop_assert!(stderr.contains("deck.yaml:7:"), "{}", stderr);
        }
    }
}

#[test]
fn a_formula_wider_than_the_slide_is_a_warning_at_its_slide() {
    let wide = (1..=40)
        .map(|i| format!("x_{{{i}}}"))
        .collect::<Vec<_>>()
        .join(" + ");
    let dir = deck(&format!(
        "title: W\nlang: en\nsections:\n  - title: S\n    slides:\n      - title: Too wide\n        math: '{wide}'\n"
    ));
    let out = build_in(dir.path(), &["deck.yaml"]).success();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr);
    assert!(
        stderr.contains("wider than the slide") && stderr.contains("deck.yaml:6:"),
        "{stderr}"
    );
}

#[test]
fn a_wide_formula_is_set_smaller_before_it_warns_unless_fit_is_none() {
    // Wider than the slide at 1.2 × body, narrow enough at 0.6 ×.
    let wide = (1..=14)
        .map(|i| format!("x_{{{i}}}"))
        .collect::<Vec<_>>()
        .join(" + ");
    let yaml = |fit: &str| {
        format!(
            "title: W\nlang: en\nsections:\n  - title: S\n    slides:\n      - title: Wide\n{fit}        math: '{wide}'\n"
        )
    };
    // The formula's extent across the page: its leftmost and rightmost runs.
    let extent = |dir: &tempfile::TempDir| {
        let pdf = Pdf::open(&dir.path().join("deck.pdf"));
        let xs: Vec<f64> = pdf
            .runs(4)
            .iter()
            .filter(|r| r.2 > 60.0 && !r.0.contains("Wide"))
            .map(|r| r.1)
            .collect();
        let left = xs.iter().copied().fold(f64::INFINITY, f64::min);
        let right = xs.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        (right - left, pdf.page_size(4).0)
    };
    let dir = deck(&yaml("        fit: none\n"));
    let out = build_in(dir.path(), &["deck.yaml"]).success();
    assert!(String::from_utf8_lossy(&out.get_output().stderr).contains("wider than the slide"));
    let (wide_at_full, page) = extent(&dir);
    let dir = deck(&yaml(""));
    build_in(dir.path(), &["deck.yaml", "--deny-warnings"]).success();
    let (set_smaller, _) = extent(&dir);
    // Measured: set smaller, it spans less of the page (by the width it
    // ran over, about 30 pt here).
    assert!(
        set_smaller < wide_at_full - 20.0,
        "{set_smaller} against {wide_at_full}"
    );
    assert!(wide_at_full < page, "{wide_at_full} on a page {page} wide");
}

#[test]
fn a_theme_may_set_the_math_font() {
    let dir = deck(
        "title: F\nlang: en\nsections:\n  - title: S\n    slides:\n      - title: M\n        math: 'x^2 + y^2'\n",
    );
    let theme = dir.path().join("t");
    theme_new(&theme, "academic");
    let yaml = std::fs::read_to_string(theme.join("theme.yaml")).unwrap();
    std::fs::write(
        theme.join("theme.yaml"),
        yaml.replace("fonts:\n", "fonts:\n  math: [\"Quadrivium Math\"]\n"),
    )
    .unwrap();
    // The theme's math family is the one Typst is asked for: one lectern
    // does not have is named in a warning.
    let out = build_in(
        dir.path(),
        &["deck.yaml", "--theme", "t", "--no-system-fonts"],
    )
    .success();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr);
    assert!(stderr.contains("`Quadrivium Math`"), "{stderr}");
    // By default, New Computer Modern Math, carried in the binary.
    let dir = deck(
        "title: F
lang: en
sections:
  - title: S
    slides:
      - title: M
        math: 'x^2 + y^2'
",
    );
    build_in(
        dir.path(),
        &["deck.yaml", "--no-system-fonts", "--deny-warnings"],
    )
    .success();
    let fonts = Pdf::open(&dir.path().join("deck.pdf")).fonts();
    assert!(
        fonts.iter().any(|f| f.name.contains("NewCMMath")),
        "{fonts:?}"
    );
}

#[test]
fn a_formula_marked_as_a_key_term_is_blanked_whole_in_the_gap_fill_handout() {
    let dir = deck(
        "title: G\nlang: en\nsections:\n  - title: S\n    slides:\n      - title: Gap\n        text: 'the law {{\\(L = \\lambda W\\)}} holds'\n",
    );
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
    let deck_text = squash(&pdf_text(&dir.path().join("deck.pdf")));
    assert!(deck_text.contains("𝐿=𝜆𝑊"), "{deck_text}");
    let gaps = squash(&pdf_text(&dir.path().join("deck-gaps.pdf")));
    assert!(
        gaps.contains("thelaw") && !gaps.contains('𝜆') && !gaps.contains("lambda"),
        "{gaps}"
    );
    // The key prints the formula, as the deck does.
    let key = squash(&pdf_text(&dir.path().join("deck-key.pdf")));
    assert!(key.contains("𝐿=𝜆𝑊"), "{key}");
}

#[test]
fn a_tall_inline_formula_opens_the_spacing_of_its_lines() {
    let text = |formula: &str| {
        format!(
            "      - title: Spacing\n        text: \"Firstline words above, long enough to wrap onto the next line so that the spacing shows, with {formula} in the middle of the paragraph and more text after it, so that a third line comes below.\"\n"
        )
    };
    let pitches = |formula: &str| {
        let dir = deck(&format!(
            "title: M\nlang: en\nsections:\n  - title: S\n    slides:\n{}",
            text(formula)
        ));
        build_in(dir.path(), &["deck.yaml"]).success();
        let pdf = crate::pdf::Pdf::open(&dir.path().join("deck.pdf"));
        // The paragraph's first and last words, on its first and third
        // lines in both decks.
        let y = |w: &str| pdf.position(4, w).unwrap_or_else(|| panic!("no {w}")).1;
        let (first, last) = (y("Firstline"), y("below"));
        assert!(pdf.page_text(4).contains("below"));
        first - last
    };
    let plain = pitches("\\\\(x\\\\)");
    let tall = pitches("\\\\(\\\\displaystyle \\\\frac{a+b}{c+d} = \\\\sum_{i=1}^{n} x_i\\\\)");
    // The formula's height, and a quarter em (5 pt at the 20 pt body)
    // above and below it.
    assert!(tall >= plain + 20.0, "{tall} against {plain}");
}

#[test]
fn inline_math_with_spaces_inside_its_delimiters_stays_in_its_line() {
    let dir = deck(
        "title: M\nlang: en\nsections:\n  - title: S\n    slides:\n      - title: Inline\n        text: 'Little: \\( L = \\lambda W \\) stays in the line.'\n",
    );
    build_in(dir.path(), &["deck.yaml", "--deny-warnings"]).success();
    let pdf = crate::pdf::Pdf::open(&dir.path().join("deck.pdf"));
    let y = |w: &str| pdf.position(4, w).unwrap_or_else(|| panic!("no {w}")).1;
    // A display equation would sit on a line of its own, below "Little:".
    assert!(
        (y("Little") - y("stays")).abs() < 1.0,
        "{} {}",
        y("Little"),
        y("stays")
    );
}

#[test]
fn text_in_formulas_takes_any_characters_and_operators_stand_upright() {
    let formulas = [
        r"\text{With further computation\, we get } x = 1",
        r"\text{a = b (c) ~ d, 中文}",
        r"\mbox{if } x > 0",
        r"\operatorname{cov}(X, Y)",
        r"\operatorname*{arg\,max}_x f(x)",
        r"\mathop{E}[X]",
        r"\text{see \textbf{this} and \emph{that}}",
        r"\text{ } y",
        r"\mbox{if $a > b^k$ and \(c\)}",
    ];
    let lines: String = formulas
        .iter()
        .map(|f| format!("      - {}\n", serde_json::to_string(f).unwrap()))
        .collect();
    let dir = deck(&format!(
        "title: T\nlang: en\nopening:\n  - title: Text\n    math:\n{lines}"
    ));
    build_in(dir.path(), &["deck.yaml"]).success();
    let text = pdf_page_text(&dir.path().join("deck.pdf"), 2);
    let flat = squash(&text);
    // `\emph` in a formula is set as math italic (𝑡ℎ𝑎𝑡).
    for words in [
        "Withfurthercomputation",
        "a=b(c)",
        "d,中文",
        "if",
        "seethisand𝑡ℎ𝑎𝑡",
        // Math inside text is math: `$a > b^k$` in an `\mbox`.
        "if𝑎>𝑏𝑘and𝑐",
    ] {
        assert!(flat.contains(words), "{words}: {text}");
    }
    // Operator names upright (plain letters), not math italic (𝑐𝑜𝑣).
    assert!(flat.contains("cov(𝑋,𝑌)"), "{text}");
    assert!(flat.contains("E[𝑋]"), "{text}");
    assert!(!flat.contains("𝑐𝑜𝑣") && !flat.contains("𝑎𝑟𝑔"), "{text}");
}

#[test]
fn extensible_arrows_sized_delimiters_and_gather_multline_are_drawn_not_refused() {
    let dir = deck(
        "title: A\nlang: en\nopening:\n  - title: Arrows\n    math:\n      - 'A \\xrightarrow{f} B \\xleftarrow[g \\circ h]{\\text{map}} C'\n      - '\\big[ x + y \\big] + \\Big| z \\Big|'\n      - '\\begin{gather*} p = q \\\\ r = s \\end{gather*}'\n      - '\\begin{multline} t + u \\\\ = v \\end{multline}'\n      - '\\begin{align*} w &= 1 \\\\ z &= 22 \\end{align*}'\n",
    );
    build_in(dir.path(), &["deck.yaml"]).success();
    let flat = squash(&pdf_page_text(&dir.path().join("deck.pdf"), 2));
    for part in ["map", "𝑔∘ℎ", "[𝑥+𝑦]", "|𝑧|", "𝑝=𝑞", "𝑟=𝑠", "𝑡+𝑢", "=𝑣"]
    {
        assert!(flat.contains(part), "{part}: {flat}");
    }
}

#[test]
fn textcolor_draws_palette_and_latex_colours_and_refuses_others() {
    let (_dir, pdf) = built_pdf(
        "title: M\nlang: en\nopening:\n  - title: Colours\n    math: '\\textcolor{accent}{a} + \\textcolor{red}{b} + c'\n",
    );
    // The academic theme's accent, #1f4e8c, and LaTeX's red fill glyphs.
    let fills = pdf.fill_colours(2);
    let near = |want: (f64, f64, f64)| {
        fills
            .iter()
            .any(|&(r, g, b)| (r - want.0).abs() + (g - want.1).abs() + (b - want.2).abs() < 0.02)
    };
    assert!(
        near((31.0 / 255.0, 78.0 / 255.0, 140.0 / 255.0)),
        "{fills:?}"
    );
    assert!(near((1.0, 0.0, 0.0)), "{fills:?}");
    let dir = deck(
        "title: M\nlang: en\nopening:\n  - title: Bad\n    math: 'a + \\textcolor{notacolour}{b}'\n",
    );
    let err = fails_with(dir.path(), &["build", "deck.yaml"], 1);
    assert!(
        err.contains("`notacolour` is not a colour") && err.contains("deck.yaml:5:27"),
        "{err}"
    );
}

#[test]
fn cases_keeps_a_quad_between_its_columns() {
    let (_dir, pdf) = built_pdf(
        "title: M\nlang: en\nopening:\n  - title: Cases\n    math: 'f = \\begin{cases} a & b \\\\ c & d \\end{cases}'\n",
    );
    let x = |glyph: &str| {
        pdf.position(2, glyph)
            .unwrap_or_else(|| panic!("{glyph}: {}", pdf.page_text(2)))
            .0
    };
    // `c` is about 10 pt wide at the display size (24 pt); the gap after
    // it is at least 0.8 em.
    let gap = x("𝑑") - x("𝑐");
    assert!(gap >= 10.0 + 0.8 * 24.0, "{gap}");
}

#[test]
fn arrays_align_each_column_as_their_spec_says() {
    let (_dir, pdf) = built_pdf(
        "title: M\nlang: en\nopening:\n  - title: Array\n    math: '\\left[\\begin{array}{cr|l} 1 & 3 & 5 \\\\ 222 & 444 & 666 \\\\ \\hline 7 & 8 & 9 \\end{array}\\right]'\n",
    );
    let text = pdf.page_text(2);
    assert!(!text.contains("array") && !text.contains('&'), "{text}");
    // Each glyph is a run: where the first of each digit starts.
    let x = |s: &str| {
        pdf.position(2, s)
            .unwrap_or_else(|| panic!("{s}: {text}"))
            .0
    };
    // `c`: the narrow 1 starts right of 222; `r`: 3 right of 444 and
    // further than in a centred column; `l`: 5 and 666 start together.
    assert!(x("1") > x("2") + 3.0, "{} {}", x("1"), x("2"));
    assert!(x("3") > x("4") + 8.0, "{} {}", x("3"), x("4"));
    assert!((x("5") - x("6")).abs() < 1.0, "{} {}", x("5"), x("6"));
}

#[test]
fn operator_names_extract_as_plain_words() {
    let (_dir, pdf) = built_pdf(
        "title: M\nlang: en\nopening:\n  - title: Op\n    math: '\\operatorname{cov}(X, Y) = \\mathop{E}[XY]'\n",
    );
    let text = pdf.page_text(2);
    // Upright, not mathematical italic (𝑐𝑜𝑣).
    assert!(text.contains("cov") && !text.contains('𝑐'), "{text}");
}

#[test]
fn a_formula_too_wide_for_its_column_is_said_to_be_so() {
    let long: String = (1..=40)
        .map(|k| format!("x_{{{k}}} + "))
        .collect::<String>()
        + "y";
    let dir = deck(&format!(
        "title: M\nlang: en\nopening:\n  - title: Narrow\n    columns:\n      - width: \"30%\"\n        math: '{long}'\n      - width: \"70%\"\n        text: Beside it.\n"
    ));
    let out = build_in(dir.path(), &["deck.yaml"]).success();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr);
    assert!(
        stderr.contains("wider than its column (") && stderr.contains("cm wide)"),
        "{stderr}"
    );
    assert!(stderr.contains("give its column more width"), "{stderr}");
}

#[test]
fn absolute_values_sit_tight_in_their_bars_and_a_conditional_bar_stays_spaced() {
    let (_dir, pdf) = built_pdf(
        "title: M\nlang: en\nopening:\n  - title: Abs\n    math: '|x| + \\lvert y \\rvert + P(A|B)'\n",
    );
    let runs = pdf.runs(2);
    let x = |glyph: &str| {
        runs.iter()
            .find(|(t, _, _)| t.contains(glyph))
            .unwrap_or_else(|| panic!("{glyph}: {runs:?}"))
            .1
    };
    let bars: Vec<f64> = runs
        .iter()
        .filter(|(t, _, _)| t.contains('|'))
        .map(|r| r.1)
        .collect();
    // The bar before x is one bar's width (6.7 pt at 24 pt) before it; a
    // relation's spacing would add 8 pt.
    assert!(x("𝑥") - bars[0] < 10.0, "{} {}", x("𝑥"), bars[0]);
    assert!(x("𝑦") - bars[2] < 10.0, "{} {}", x("𝑦"), bars[2]);
    // P(A|B): the bar is spaced from A.
    assert!(bars[4] - x("𝐴") > 14.0, "{} {}", bars[4], x("𝐴"));
}

#[test]
fn a_derivation_taller_than_its_room_is_set_smaller_to_fit_it() {
    // Nine tall rows: at 1.2 × the body they need about twice the room
    // under the title, more than the slide's fit (down to 0.75) gives.
    let rows: Vec<String> = (1..=9)
        .map(|k| format!("s_{{{k}}} &= \\sum_{{i=1}}^{{n}} \\frac{{x_i^{{{k}}}}}{{{k}!}}"))
        .collect();
    let body = rows.join(" \\\\ ") + " \\\\ \\Omega &= 0";
    let dir = deck(&format!(
        "title: M\nlang: en\nopening:\n  - title: Tall\n    math: '{body}'\n"
    ));
    let out = build_in(dir.path(), &["deck.yaml"]).success();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr);
    assert!(!stderr.contains("does not fit"), "{stderr}");
    let pdf = crate::pdf::Pdf::open(&dir.path().join("deck.pdf"));
    assert_eq!(
        pdf.page_count(),
        2,
        "one page for the slide, no continuation"
    );
    // The last row is drawn above the footer's page number.
    let runs = pdf.runs(2);
    let omega = runs
        .iter()
        .find(|r| r.0.contains('Ω'))
        .expect("the last row");
    let footer = runs
        .iter()
        .find(|r| r.0.contains("2 / 2"))
        .expect("page number");
    assert!(
        omega.2 > footer.2 + 10.0,
        "Ω at {}, footer at {}",
        omega.2,
        footer.2
    );
}
