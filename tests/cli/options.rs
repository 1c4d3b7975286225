//! What README promises of the command line: the build summary, `check`,
//! exit codes, defaults and the options that switch outputs off.

use predicates::prelude::*;

use crate::util::*;

/// A one-section deck with the given slides (YAML lines, indented for a
/// slide list).
fn slides(lang: &str, body: &str) -> tempfile::TempDir {
    deck(&format!(
        "title: t\nlang: {lang}\nsections:\n  - title: s\n    slides:\n{body}"
    ))
}

#[test]
fn build_reports_the_path_the_slides_the_pages_and_the_time() {
    let dir = fixture("basic");
    let out = build_in(dir.path(), &["outline.yaml"]).success();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    let line = stderr
        .lines()
        .find(|l| l.starts_with("wrote ") && l.contains(".pdf ("))
        .unwrap_or_else(|| panic!("no summary line:\n{stderr}"));
    let pages = pdf_pages(&dir.path().join("outline.pdf")).0;
    assert!(line.contains("outline.pdf ("), "{line}");
    assert!(line.contains(&format!(", {pages} pages, ")), "{line}");
    assert!(line.contains(" slides, "), "{line}");
    let seconds = line.rsplit(" in ").next().unwrap().trim_end_matches(" s");
    assert!(seconds.parse::<f64>().is_ok(), "no time in {line}");
}

#[test]
fn check_lays_out_the_deck_and_reports_overflow_and_missing_glyphs_without_writing() {
    let items: String = (1..=14)
        .map(|i| format!("          - point number {i} with enough words to fill a line\n"))
        .collect();
    let dir = slides(
        "en",
        &format!("      - title: Too full\n        fit: none\n        bullets:\n{items}"),
    );
    lectern()
        .current_dir(dir.path())
        .args(["check", "deck.yaml"])
        .assert()
        .success()
        .stderr(predicate::str::contains("does not fit on its page"));
    let dir = slides(
        "en",
        "      - title: Glyphs\n        text: \"rare \u{10FFFD}\"\n",
    );
    lectern()
        .current_dir(dir.path())
        .args(["check", "deck.yaml"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("U+10FFFD"));
    let written = std::fs::read_dir(dir.path()).unwrap().count();
    assert_eq!(written, 1, "check wrote files");
}

#[test]
fn an_output_that_cannot_be_written_exits_2() {
    let dir = slides("en", "      - title: x\n        text: hi\n");
    std::fs::write(dir.path().join("afile"), "not a folder").unwrap();
    build_in(dir.path(), &["deck.yaml", "-o", "afile/deck.pdf"])
        .code(2)
        .stderr(predicate::str::contains("cannot write"));
}

#[test]
fn no_notes_writes_no_pdfpc() {
    let dir = fixture("basic");
    build_in(dir.path(), &["outline.yaml", "--no-notes"]).success();
    assert!(dir.path().join("outline.pdf").exists());
    assert!(!dir.path().join("outline.pdfpc").exists());
    build_in(dir.path(), &["outline.yaml"]).success();
    assert!(
        dir.path().join("outline.pdfpc").exists(),
        "the fixture has notes"
    );
}

#[test]
fn defaults_are_an_a4_handout_and_150_dpi_pages() {
    let dir = fixture("basic");
    build_in(
        dir.path(),
        &["outline.yaml", "--handout", "--png", "--pages", "1"],
    )
    .success();
    let doc = Pdf::open(&dir.path().join("outline-handout.pdf"));
    let (w, h) = doc.page_size(1);
    assert!(
        (w - 595.28).abs() < 0.5 && (h - 841.89).abs() < 0.5,
        "{w} x {h}"
    );
    // 841.89 x 473.56 pt at 150 dpi.
    let png = dir.path().join("outline-png/outline-01.png");
    assert_eq!(image::image_dimensions(png).unwrap(), (1754, 987));
}

#[test]
fn an_input_over_64_mib_is_refused_unless_the_limit_is_raised() {
    let dir = slides("en", "      - title: Big\n        image: big.png\n");
    let big = std::fs::File::create(dir.path().join("big.png")).unwrap();
    big.set_len(65 * 1024 * 1024).unwrap();
    build_in(dir.path(), &["deck.yaml"]).code(1).stderr(
        predicate::str::contains("larger than the 64 MiB limit")
            .and(predicate::str::contains("deck.yaml:7:16")),
    );
    // With the limit raised the file is read (and found not to be an image).
    build_in(dir.path(), &["deck.yaml", "--max-file-size", "70"])
        .code(1)
        .stderr(predicate::str::contains("64 MiB").not());
}

#[test]
fn text_keeps_its_line_breaks() {
    let dir = slides(
        "en",
        "      - title: Lines\n        text: \"first line here\\nsecond line here\"\n",
    );
    build_in(dir.path(), &["deck.yaml"]).success();
    let text = pdf_page_text(&dir.path().join("deck.pdf"), 4);
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    let first = lines.iter().position(|l| *l == "first line here");
    let second = lines.iter().position(|l| *l == "second line here");
    assert!(
        matches!((first, second), (Some(a), Some(b)) if b == a + 1),
        "not on two lines: {text:?}"
    );
}

#[test]
fn a_chart_in_a_column_is_drawn_beside_the_text() {
    let dir = slides(
        "en",
        "      - title: Side by side\n        columns:\n          - bullets: [left point]\n          - chart:\n              kind: bar\n              categories: [Alpha, Beta]\n              series:\n                - { name: Votes, values: [3, 5] }\n              source: a survey\n",
    );
    build_in(dir.path(), &["deck.yaml", "--deny-warnings"]).success();
    let text = squash(&pdf_page_text(&dir.path().join("deck.pdf"), 4));
    for word in ["leftpoint", "Alpha", "Beta", "Source:asurvey"] {
        assert!(text.contains(word), "{word} missing: {text}");
    }
    // Beside: the chart's first category lies in the page's right half
    // (a chart under the text, full width, would put it in the left half).
    let pdf = Pdf::open(&dir.path().join("deck.pdf"));
    let (width, _) = pdf.page_size(4);
    let at = |w: &str| pdf.position(4, w).unwrap_or_else(|| panic!("no {w}"));
    let (point, alpha) = (at("left point"), at("Alpha"));
    assert!(
        point.0 < width / 2.0 && alpha.0 > width / 2.0,
        "{point:?} {alpha:?}"
    );
}

/// The civil date (year, month, day) of a Unix day number.
fn civil(days: i64) -> (i64, i64, i64) {
    // Howard Hinnant's days-from-civil, inverted.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

#[test]
fn the_outline_date_is_the_pdf_date_and_the_build_date_otherwise() {
    let body = "      - title: x\n        text: hi\n";
    let dated = deck(&format!(
        "title: t\nlang: en\ndate: 2026-01-15\nsections:\n  - title: s\n    slides:\n{body}"
    ));
    build_in(dated.path(), &["deck.yaml"]).success();
    let created = Pdf::open(&dated.path().join("deck.pdf")).info("CreationDate");
    assert!(
        created
            .as_deref()
            .is_some_and(|d| d.starts_with("D:20260115")),
        "{created:?}"
    );
    let undated = slides("en", body);
    let days = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
        / 86_400;
    build_in(undated.path(), &["deck.yaml"]).success();
    let created = Pdf::open(&undated.path().join("deck.pdf"))
        .info("CreationDate")
        .unwrap_or_default();
    // Today (UTC), or yesterday/tomorrow where local time differs.
    let near: Vec<String> = (days - 1..=days + 1)
        .map(|d| {
            let (y, m, d) = civil(d);
            format!("D:{y:04}{m:02}{d:02}")
        })
        .collect();
    assert!(
        near.iter().any(|n| created.starts_with(n)),
        "{created} is not about today ({near:?})"
    );
}

#[test]
fn deck_wide_reveal_and_fit_apply_to_every_slide_unless_a_slide_says_otherwise() {
    let full: String = (1..=14)
        .map(|i| format!("          - point number {i} with enough words to fill a line\n"))
        .collect();
    let yaml = |slide_fit: &str| {
        format!(
            "title: t\nlang: en\nreveal: items\nfit: auto\nsections:\n  - title: s\n    slides:\n      - title: Steps\n        bullets: [one, two, three]\n      - title: All at once\n        reveal: all\n        bullets: [one, two, three]\n      - title: Too full\n{slide_fit}        bullets:\n{full}"
        )
    };
    // Three steps for the first slide, one page for the second; the full
    // slide is shrunk (it has 14 items: revealed, they take 14 pages).
    let dir = deck(&yaml(""));
    build_in(dir.path(), &["deck.yaml", "--deny-warnings"]).success();
    assert_eq!(
        page_labels(&dir.path().join("deck.pdf")).len(),
        3 + 3 + 1 + 14
    );
    // `fit: none` on the slide turns the deck's shrinking off for it.
    std::fs::write(dir.path().join("deck.yaml"), yaml("        fit: none\n")).unwrap();
    build_in(dir.path(), &["deck.yaml"])
        .success()
        .stderr(predicate::str::contains(
            "slide \"Too full\" does not fit on its page",
        ));
}

#[test]
fn a_slide_too_full_even_shrunk_is_reported_with_what_is_cut_off() {
    // One paragraph cannot continue: it shrinks to the floor, and what
    // still runs over is cut off above the footer, on its one page.
    let text = "Every sentence of this paragraph adds a line to a slide already full. ".repeat(60);
    let dir = slides(
        "en",
        &format!("      - title: Far too full\n        text: \"{text}\"\n"),
    );
    build_in(dir.path(), &["deck.yaml"]).success().stderr(
        predicate::str::contains("slide \"Far too full\" does not fit even at 0.75 × its size")
            .and(predicate::str::contains("cm is cut off"))
            .and(predicate::str::contains("lower `fit-floor`"))
            .and(predicate::str::contains("deck.yaml:6:9")),
    );
    let pdf = Pdf::open(&dir.path().join("deck.pdf"));
    let last = pdf.page_count();
    // Nothing spills onto a page of its own (title, agenda, section, slide).
    assert_eq!(last, 4);
    assert!(pdf.page_text(last).contains("Far too full"));
    // A lower floor fits more of it.
    let lower = |floor: &str| {
        let dir = slides(
            "en",
            &format!(
                "      - title: Far too full\n        fit-floor: {floor}\n        text: \"{text}\"\n"
            ),
        );
        let out = build_in(dir.path(), &["deck.yaml"]).success();
        let stderr = String::from_utf8_lossy(&out.get_output().stderr).to_string();
        let cm: f64 = stderr
            .split("about ")
            .nth(1)
            .and_then(|r| r.split(' ').next())
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("{stderr}"));
        cm
    };
    assert!(lower("0.6") < lower("0.9"));
}

#[test]
fn gif_webp_and_svg_images_are_drawn_and_captions_become_alt_text() {
    let dir = slides(
        "en",
        "      - title: GIF\n        image: a.gif\n        caption: A GIF picture\n      - title: WebP\n        image: b.webp\n        caption: A WebP picture\n      - title: SVG\n        image: c.svg\n        caption: An SVG drawing\n",
    );
    let img = image::RgbImage::from_fn(40, 30, |x, y| {
        image::Rgb([(x * 6) as u8, (y * 8) as u8, 90])
    });
    img.save(dir.path().join("a.gif")).unwrap();
    img.save(dir.path().join("b.webp")).unwrap();
    std::fs::write(
        dir.path().join("c.svg"),
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"40\" height=\"30\"><rect width=\"40\" height=\"30\" fill=\"#1f4e8c\"/></svg>",
    )
    .unwrap();
    build_in(dir.path(), &["deck.yaml", "--deny-warnings"]).success();
    let doc = Pdf::open(&dir.path().join("deck.pdf"));
    // The raster images are embedded at their size.
    let sizes = doc.image_sizes();
    assert!(
        sizes.iter().filter(|s| **s == (40, 30)).count() >= 2,
        "{sizes:?}"
    );
    let alts = doc.alts();
    for caption in ["A GIF picture", "A WebP picture", "An SVG drawing"] {
        assert!(
            alts.iter().any(|a| a == caption),
            "{caption} not in {alts:?}"
        );
        assert!(
            squash(&doc.text()).contains(&squash(caption)),
            "{caption} not shown"
        );
    }
}
