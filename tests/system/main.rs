//! The system suite: lectern's PDFs checked again by readers independent of
//! our code and of Rust (poppler, qpdf), plus what depends on the machine's
//! fonts, plus the presenter console in a real browser. Opt-in: `cargo test
//! --release --features system-tests --test system`. `.ci/run` installs what
//! it needs (poppler-utils, qpdf, fonts-noto-cjk, fonts-noto-color-emoji,
//! fonts-dejavu-core, chromium). A missing tool fails the test and names its
//! package; it never skips.

mod access;
mod cdp;
#[allow(dead_code)]
#[path = "../cli/console.rs"]
mod console;
mod html;
#[allow(dead_code)]
#[path = "../cli/pdf.rs"]
mod pdf;
mod present;
#[allow(dead_code)]
#[path = "../cli/util.rs"]
mod util;

use std::path::Path;
use std::process::Command;

use predicates::prelude::*;
use serde_json::Value;

use util::*;

/// Runs a tool on a PDF and returns its standard output; fails naming the
/// Debian package when the tool is missing.
#[track_caller]
fn tool(name: &str, package: &str, args: &[&str], pdf: &Path) -> String {
    let out = Command::new(name)
        .args(args)
        .arg(pdf)
        .args(if name == "pdftotext" {
            &["-"][..]
        } else {
            &[][..]
        })
        .output()
        .unwrap_or_else(|e| {
            panic!("{name} is needed by the system suite (apt-get install {package}): {e}")
        });
    // qpdf exits 3 for warnings.
    assert!(
        out.status.success() || (name == "qpdf" && out.status.code() == Some(3)),
        "{name} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// poppler's view of the PDF: `pdfinfo`'s field.
fn pdfinfo(pdf: &Path, field: &str) -> String {
    let info = tool("pdfinfo", "poppler-utils", &[], pdf);
    info.lines()
        .find_map(|l| l.strip_prefix(&format!("{field}:")))
        .unwrap_or_else(|| panic!("pdfinfo has no {field}:\n{info}"))
        .trim()
        .to_string()
}

#[test]
fn poppler_and_qpdf_read_the_chapter_deck_as_our_reader_does() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("deck.pdf");
    build_chapter(&pdf, &["--handout"]);
    let ours = Pdf::open(&pdf);
    // Pages and size.
    assert_eq!(pdfinfo(&pdf, "Pages"), ours.page_count().to_string());
    assert!(pdfinfo(&pdf, "Page size").starts_with("841.89 x 473.56"));
    assert_eq!(pdfinfo(&pdf, "Tagged"), "yes");
    // Text: every line our reader finds, poppler finds too.
    let poppler = squash(&tool(
        "pdftotext",
        "poppler-utils",
        &["-raw", "-enc", "UTF-8"],
        &pdf,
    ));
    for line in ours
        .text()
        .lines()
        .map(squash)
        .filter(|l| l.chars().count() > 3)
    {
        assert!(poppler.contains(&line), "poppler lacks {line:?}");
    }
    for needle in ["容器编排之争", "Kubernetes最终胜出", "百万美元"] {
        assert!(poppler.contains(needle), "{needle}");
    }
    // Fonts: all embedded, Simplified Chinese, no Japanese face.
    let fonts = tool("pdffonts", "poppler-utils", &[], &pdf);
    for row in fonts.lines().skip(2) {
        let cols: Vec<&str> = row.split_whitespace().collect();
        assert_eq!(cols[cols.len() - 5], "yes", "font not embedded: {row}");
        assert!(!row.contains("JP"), "Japanese CJK face used: {row}");
    }
    assert!(fonts.contains("LecternSansSC-Bold"), "{fonts}");
    // Structure: qpdf finds no damage; page labels agree.
    for file in [pdf.clone(), dir.path().join("deck-handout.pdf")] {
        let check = tool("qpdf", "qpdf", &["--check"], &file);
        assert!(
            check.contains("No syntax or stream encoding errors"),
            "{check}"
        );
    }
    let json: Value = serde_json::from_str(&tool(
        "qpdf",
        "qpdf",
        &["--json", "--json-key=pagelabels"],
        &pdf,
    ))
    .unwrap();
    let starts: Vec<i64> = json["pagelabels"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["label"]["/St"].as_i64().unwrap_or(1))
        .collect();
    let ours_labels = ours.page_labels();
    assert_eq!(starts.len(), ours_labels.len());
    assert_eq!(starts, ours_labels);
}

#[test]
fn pdfimages_sees_a_large_photo_downscaled() {
    let dir = deck(
        "title: t\nlang: en\nsections:\n  - title: s\n    slides:\n      - title: photo\n        image: photo.jpg\n",
    );
    image::RgbImage::from_fn(6000, 4000, |x, y| {
        image::Rgb([(x / 24) as u8, (y / 16) as u8, 7])
    })
    .save(dir.path().join("photo.jpg"))
    .unwrap();
    build_in(dir.path(), &["deck.yaml"]).success();
    let list = tool(
        "pdfimages",
        "poppler-utils",
        &["-list"],
        &dir.path().join("deck.pdf"),
    );
    let rows: Vec<&str> = list.lines().skip(2).collect();
    assert!(!rows.is_empty(), "{list}");
    for row in rows {
        let cols: Vec<u32> = row
            .split_whitespace()
            .skip(3)
            .take(2)
            .map(|c| c.parse().unwrap())
            .collect();
        assert!(cols[0] <= 3000 && cols[1] <= 3000, "embedded at {row}");
    }
}

#[test]
fn rare_hanzi_fall_back_to_a_simplified_chinese_face_not_the_japanese_one() {
    // 𠮷 (CJK Extension B, in names such as 𠮷野家) is beyond lectern's
    // embedded faces, base and extension; the system's Noto Sans CJK
    // (fonts-noto-cjk) has it in its .ttc, whose first face is the Japanese
    // one.
    let dir = deck(
        "title: t\nsections:\n  - title: s\n    slides:\n      - title: 罕见字\n        text: 朱镕基 𠮷野家\n",
    );
    build_in(dir.path(), &["deck.yaml"]).success();
    let pdf = dir.path().join("deck.pdf");
    let text = tool(
        "pdftotext",
        "poppler-utils",
        &["-raw", "-enc", "UTF-8"],
        &pdf,
    );
    assert!(squash(&text).contains("朱镕基𠮷野家"));
    let fonts = tool("pdffonts", "poppler-utils", &[], &pdf);
    assert!(
        fonts.contains("NotoSansCJKsc"),
        "no Simplified Chinese fallback face (apt-get install fonts-noto-cjk):\n{fonts}"
    );
    assert!(
        !fonts.to_lowercase().contains("jp"),
        "a Japanese face was used:\n{fonts}"
    );
}

/// One word's box from `pdftotext -bbox`: (xMin, yMin, xMax, yMax, text).
type Word = (f64, f64, f64, f64, String);

/// The words of every page, with the page size, read by poppler.
fn word_boxes(pdf: &Path) -> Vec<((f64, f64), Vec<Word>)> {
    let html = tool("pdftotext", "poppler-utils", &["-bbox"], pdf);
    let attr = |tag: &str, name: &str| -> f64 {
        let key = format!("{name}=\"");
        let start = tag.find(&key).expect("attribute") + key.len();
        tag[start..].split('"').next().unwrap().parse().unwrap()
    };
    let mut pages = Vec::new();
    for chunk in html.split("<page ").skip(1) {
        let size = (attr(chunk, "width"), attr(chunk, "height"));
        let words = chunk
            .split("<word ")
            .skip(1)
            .map(|w| {
                let text = w.split('>').nth(1).unwrap().split('<').next().unwrap();
                (
                    attr(w, "xMin"),
                    attr(w, "yMin"),
                    attr(w, "xMax"),
                    attr(w, "yMax"),
                    text.to_string(),
                )
            })
            .collect();
        pages.push((size, words));
    }
    pages
}

/// How tall poppler's box of a word in the Latin face (Lectern Sans) is, in
/// font sizes: its ascent and descent. The CJK face's box is one size.
const LATIN_BOX: f64 = 1.326;

/// The font size a word of Latin letters was set at in the Latin face,
/// from its box.
fn latin_size(w: &Word) -> f64 {
    (w.3 - w.1) / LATIN_BOX
}

/// A word's vertical extent as one font size around its box's middle:
/// the Latin face's box is taller than its size (its ascent and descent
/// leave room above and below the letters), the CJK face's is one size.
fn vertical(w: &Word) -> (f64, f64) {
    let h = w.3 - w.1;
    let size = if w.4.chars().any(|c| c.is_ascii_alphabetic()) {
        h / LATIN_BOX
    } else {
        h
    };
    let middle = (w.1 + w.3) / 2.0;
    (middle - size / 2.0, middle + size / 2.0)
}

/// Whether two words sit on one line: their boxes share most of the
/// shorter one's height (boxes of the Latin and CJK faces differ).
fn same_line(a: &Word, b: &Word) -> bool {
    let shared = a.3.min(b.3) - a.1.max(b.1);
    shared > 0.6 * (a.3 - a.1).min(b.3 - b.1)
}

/// Asserts that no two words of a page overlap and none leaves the page.
#[track_caller]
fn assert_words_apart(what: &str, (w, h): (f64, f64), words: &[Word]) {
    for (i, a) in words.iter().enumerate() {
        assert!(
            a.0 >= -0.5 && a.1 >= -0.5 && a.2 <= w + 0.5 && a.3 <= h + 0.5,
            "{what}: {:?} leaves the page",
            a.4
        );
        for b in &words[i + 1..] {
            // Two words that meet at full-width punctuation ("）；") on
            // one line: Typst squeezes the pair (CJK punctuation
            // compression) and pdftotext's boxes keep the full advance.
            let squeezed = same_line(a, b)
                && ("）】」』，。；：、"
                    .chars()
                    .any(|c| a.4.ends_with(c) || b.4.starts_with(c))
                    || "（【「『"
                        .chars()
                        .any(|c| b.4.starts_with(c) || a.4.ends_with(c)));
            let slack = if squeezed { (a.3 - a.1) * 0.55 } else { 0.5 };
            let ((a1, a3), (b1, b3)) = (vertical(a), vertical(b));
            let overlap = a.0 < b.2 - slack && b.0 < a.2 - slack && a1 < b3 - 0.5 && b1 < a3 - 0.5;
            assert!(!overlap, "{what}: {:?} overlaps {:?}", a.4, b.4);
        }
    }
}

/// Checks the chart pages of a PDF (those with a source line): no two words
/// overlap, none leaves the page, and no chart word is smaller than its
/// floor (0.7 × the 20 pt body; 0.6 for the source line). pdftotext's word
/// box is as tall as the font size. The footer band is the theme's, not the
/// chart's.
#[track_caller]
fn check_chart_pages(pdf: &Path, what: &str) -> usize {
    check_chart_pages_at(pdf, what, 14.0)
}

/// As [`check_chart_pages`], for charts whose text is `text` points (the
/// source line 12/14 of that).
fn check_chart_pages_at(pdf: &Path, what: &str, text: f64) -> usize {
    let mut charts = 0;
    for (p, ((w, h), words)) in word_boxes(pdf).into_iter().enumerate() {
        let Some(source) = words
            .iter()
            .find(|w| w.4.starts_with("来源") || w.4.starts_with("Source"))
        else {
            continue;
        };
        // The chapter's design comparison is a table with a source line:
        // a table may shrink to the fit floor (0.6 × body), below chart text.
        if words.iter().any(|w| w.4.contains("设计对比")) {
            continue;
        }
        charts += 1;
        let source_y = source.1;
        assert_words_apart(&format!("{what} page {}", p + 1), (w, h), &words);
        for a in &words {
            if a.3 > h - 40.0 {
                continue; // the theme's footer
            }
            // The box is at least the font size (the Latin face's is
            // taller): a floor on it holds for the size too.
            let size = a.3 - a.1;
            // The source line, and its second line when it wraps.
            let source_size = text * 12.0 / 14.0;
            let in_source = a.1 > source_y - 1.0 && a.1 < source_y + 2.0 * source_size * 1.4;
            let floor = if in_source { text * 12.0 / 14.0 } else { text };
            assert!(
                size >= floor - 0.1,
                "{what} page {}: {:?} is {size:.1} pt, below {floor} pt",
                p + 1,
                a.4
            );
        }
    }
    charts
}

#[test]
fn chart_text_is_readable_and_never_overlaps_in_every_theme() {
    let dir = tempfile::tempdir().unwrap();
    for theme in ["academic", "midnight", "projector", "metro"] {
        let pdf = dir.path().join(format!("{theme}.pdf"));
        // Every chart of the chapter, its timelines included, on one slide.
        let stderr = build_chapter(&pdf, &["--theme", theme]);
        assert!(!stderr.contains("warning"), "{theme}: {stderr}");
        let floor = drawn_floor(body_size(theme));
        let charts = check_chart_pages_at(&pdf, theme, floor);
        assert!(charts >= 8, "{theme}: only {charts} chart pages found");
        let dense = dir.path().join(format!("dense-{theme}.pdf"));
        let out = lectern()
            .args([
                "build",
                root()
                    .join("tests/fixtures/dense-charts/outline.yaml")
                    .to_str()
                    .unwrap(),
            ])
            .args(["-o", dense.to_str().unwrap(), "--theme", theme])
            .assert()
            .success();
        // At the 14 pt base the dense charts fit their slides; larger text
        // (the projector's 0.7 × 21 pt) may continue a 25-event timeline on
        // a second slide, never shrink it.
        if floor <= 14.0 {
            out.stderr(predicate::str::contains("slides to keep its labels").not());
        }
        assert!(check_chart_pages_at(&dense, &format!("dense {theme}"), floor) >= 5);
    }
}

/// The body size a built-in theme sets (`body-size` in its theme.yaml).
fn body_size(theme: &str) -> f64 {
    let spec = std::fs::read_to_string(root().join(format!("themes/{theme}/theme.yaml"))).unwrap();
    spec.lines()
        .find_map(|l| l.strip_prefix("body-size:"))
        .expect("body-size")
        .trim()
        .parse()
        .unwrap()
}

/// The least size of chart and diagram text for a body size: 0.7 × body,
/// and never below the 14 pt base.
fn drawn_floor(body: f64) -> f64 {
    (0.7 * body).max(14.0)
}

/// Checks the chapter's diagram pages (the control loop's steps and the
/// resource offer): words apart, on the page, none below `floor` points
/// between the title and the footer. Returns how many it checked.
#[track_caller]
fn check_diagram_pages(pdf: &Path, what: &str, floor: f64) -> usize {
    let mut diagrams = 0;
    for (p, (size, words)) in word_boxes(pdf).into_iter().enumerate() {
        let text: String = words.iter().map(|w| w.4.as_str()).collect();
        if !(text.contains("调谐循环") || text.contains("一次资源提供的来回")) {
            continue;
        }
        diagrams += 1;
        let what = format!("{what} page {}", p + 1);
        assert_words_apart(&what, size, &words);
        for w in words.iter().filter(|w| w.1 > 60.0 && w.3 < size.1 - 40.0) {
            let height = w.3 - w.1;
            assert!(
                height >= floor - 0.1,
                "{what}: {:?} is {height:.1} pt, below {floor:.1}",
                w.4
            );
        }
    }
    diagrams
}

#[test]
fn diagram_text_is_readable_never_overlaps_and_a_small_diagram_is_enlarged() {
    let dir = tempfile::tempdir().unwrap();
    // The chapter's two diagrams, in every theme: words apart, on the
    // page, and at least 0.7 × the theme's body (they fit, so none is
    // shrunk).
    for theme in ["academic", "midnight", "projector", "metro"] {
        let pdf = dir.path().join(format!("{theme}.pdf"));
        build_chapter(&pdf, &["--theme", theme]);
        let diagrams = check_diagram_pages(&pdf, theme, drawn_floor(body_size(theme)));
        // The loop's four reveal steps and the sequence's page.
        assert!(diagrams >= 5, "{theme}: {diagrams} diagram pages");
    }
    // Every diagram of the Mermaid corpus: no two words overlap and none
    // leaves its page, drawn smaller or not.
    let (yaml, files) = mermaid_corpus_deck();
    let corpus = deck(&yaml);
    build_in(corpus.path(), &["deck.yaml"]).success();
    let pages = word_boxes(&corpus.path().join("deck.pdf"));
    assert!(pages.len() >= files);
    for (p, (size, words)) in pages.iter().enumerate() {
        assert_words_apart(&format!("corpus page {}", p + 1), *size, words);
    }
    // Two small nodes are drawn larger than the base size, up to 1.4 ×.
    let small = deck(
        "title: S\nlang: en\nsections:\n  - title: S\n    slides:\n      - title: Small\n        diagram:\n          edges: [\"Alpha -> Omega\"]\n",
    );
    build_in(small.path(), &["deck.yaml"]).success();
    let pages = word_boxes(&small.path().join("deck.pdf"));
    let alpha = pages
        .iter()
        .flat_map(|(_, words)| words)
        .find(|w| w.4 == "Alpha")
        .expect("the node's label");
    let size = latin_size(alpha);
    assert!((18.0..=14.0 * 1.4 + 0.2).contains(&size), "{size:.1} pt");
}

#[test]
fn a_theme_folder_with_a_24_pt_body_draws_charts_and_diagrams_at_0_7_of_it() {
    let dir = tempfile::tempdir().unwrap();
    let theme = dir.path().join("big-body");
    theme_new(&theme, "academic");
    let yaml = theme.join("theme.yaml");
    let spec = std::fs::read_to_string(&yaml).unwrap();
    assert!(spec.contains("body-size: 20"));
    std::fs::write(&yaml, spec.replace("body-size: 20", "body-size: 24")).unwrap();
    let pdf = dir.path().join("big.pdf");
    build_chapter(&pdf, &["--theme", theme.to_str().unwrap()]);
    // 0.7 × 24 = 16.8 pt for chart text, 0.6 × 24 = 14.4 pt for source
    // lines.
    assert!(check_chart_pages_at(&pdf, "24 pt body", 16.8) >= 8);
    // A diagram with room to spare: every word at least 16.8 pt.
    let small = deck(
        "title: S\nlang: en\nsections:\n  - title: S\n    slides:\n      - title: Small\n        diagram:\n          direction: right\n          edges: [\"observe -> compare: drift\", \"compare -> act\"]\n",
    );
    lectern()
        .current_dir(small.path())
        .args(["build", "deck.yaml", "--theme", theme.to_str().unwrap()])
        .assert()
        .success();
    let pages = word_boxes(&small.path().join("deck.pdf"));
    let words: Vec<&Word> = pages
        .iter()
        .flat_map(|(_, w)| w)
        .filter(|w| ["observe", "compare", "drift", "act"].contains(&w.4.as_str()))
        .collect();
    assert_eq!(words.len(), 4, "{words:?}");
    for w in words {
        assert!(w.3 - w.1 >= 16.7, "{:?} is {:.1} pt", w.4, w.3 - w.1);
    }
}

#[test]
fn a_theme_with_larger_chart_text_gets_it_on_every_chart() {
    let dir = fixture("dense-charts");
    theme_new(&dir.path().join("big"), "academic");
    let yaml = dir.path().join("big/theme.yaml");
    let spec = std::fs::read_to_string(&yaml).unwrap();
    std::fs::write(&yaml, format!("{spec}chart-text: 18\n")).unwrap();
    build_in(dir.path(), &["outline.yaml", "--theme", "big"]).success();
    let pdf = dir.path().join("outline.pdf");
    // Every chart word at least 18 pt (sources 15.4 pt), none overlapping,
    // none off the page.
    assert!(check_chart_pages_at(&pdf, "chart-text 18", 18.0) >= 5);
}

#[test]
fn charts_are_set_and_measured_in_the_themes_text_font() {
    // A monospaced Latin face is far wider than lectern's own: the charts
    // are set in it and measured in it, so no two chart words overlap.
    let dir = fixture("dense-charts");
    theme_new(&dir.path().join("mono"), "academic");
    let yaml = dir.path().join("mono/theme.yaml");
    let spec = std::fs::read_to_string(&yaml).unwrap().replace(
        "text: [\"Lectern Sans\", \"Lectern Sans SC\"]",
        "text: [\"DejaVu Sans Mono\", \"Lectern Sans SC\"]",
    );
    assert!(spec.contains("DejaVu Sans Mono\", \"Lectern"), "{spec}");
    std::fs::write(&yaml, spec).unwrap();
    build_in(dir.path(), &["outline.yaml", "--theme", "mono"]).success();
    let pdf = dir.path().join("outline.pdf");
    assert!(check_chart_pages(&pdf, "mono theme") >= 5);
    // A chart label's Latin word has the monospaced width: 9 characters of
    // 0.6 em at 14 pt (lectern's own face sets it about a fifth narrower).
    let widths: Vec<f64> = word_boxes(&pdf)
        .into_iter()
        .flat_map(|(_, words)| words)
        .filter(|w| w.4 == "OpenStack")
        .map(|w| w.2 - w.0)
        .collect();
    assert!(!widths.is_empty(), "no chart label with OpenStack");
    for w in widths {
        assert!(
            (w - 9.0 * 0.6 * 14.0).abs() < 2.0,
            "OpenStack is {w:.1} pt wide"
        );
    }
}

#[test]
fn a_font_path_folder_supplies_the_font_a_theme_names() {
    let serif = Path::new("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf");
    assert!(serif.is_file(), "apt-get install fonts-dejavu-core");
    let dir = fixture("basic");
    let fonts = dir.path().join("myfonts");
    std::fs::create_dir(&fonts).unwrap();
    std::fs::copy(serif, fonts.join("DejaVuSerif.ttf")).unwrap();
    theme_new(&dir.path().join("serif"), "academic");
    let yaml = dir.path().join("serif/theme.yaml");
    let spec = std::fs::read_to_string(&yaml).unwrap().replace(
        "text: [\"Lectern Sans\", \"Lectern Sans SC\"]",
        "text: [\"DejaVu Serif\", \"Lectern Sans SC\"]",
    );
    std::fs::write(&yaml, spec).unwrap();
    let pdf = dir.path().join("outline.pdf");
    // Without system fonts the family is found only through --font-path;
    // with them, naming it is enough to have them loaded (the deck's own
    // characters need nothing beyond the embedded fonts).
    for (args, found) in [
        (&["--no-system-fonts"][..], false),
        (&["--no-system-fonts", "--font-path", "myfonts"][..], true),
        (&[][..], true),
    ] {
        let mut all = vec!["outline.yaml", "--theme", "serif"];
        all.extend_from_slice(args);
        build_in(dir.path(), &all).success();
        let listed = tool("pdffonts", "poppler-utils", &[], &pdf);
        assert_eq!(listed.contains("DejaVuSerif"), found, "{args:?}:\n{listed}");
    }
}

#[test]
fn a_gap_is_at_least_as_wide_as_its_term_with_its_number_under_it() {
    let dir = deck(
        "title: Gaps\nlang: en\nsections:\n  - title: Orchestration\n    slides:\n      - title: Second\n        text: the API is {{declarative}}, not imperative\n",
    );
    build_in(dir.path(), &["deck.yaml", "--handout-kind", "gaps"]).success();
    // The word boxes of a page holding `API`.
    let words = |pdf: &str| -> Vec<Word> {
        word_boxes(&dir.path().join(pdf))
            .into_iter()
            .map(|(_, words)| words)
            .find(|words| words.iter().any(|w| w.4 == "API"))
            .expect("the slide's text")
    };
    let find = |words: &[Word], text: &str| -> Word {
        words
            .iter()
            .find(|w| w.4 == text)
            .cloned()
            .unwrap_or_else(|| panic!("no {text:?}"))
    };
    let (deck, gaps) = (words("deck.pdf"), words("deck-gaps.pdf"));
    // Widths relative to the word `API`, so the handout's scale cancels.
    let api = |words: &[Word]| {
        let w = find(words, "API");
        w.2 - w.0
    };
    let term = find(&deck, "declarative,");
    let term_width = (term.2 - term.0) / api(&deck);
    let (before, after) = (find(&gaps, "is"), find(&gaps, ","));
    let blank = (after.0 - before.2) / api(&gaps);
    assert!(
        blank >= term_width,
        "blank {blank:.2}, term {term_width:.2} (in widths of `API`)"
    );
    // The blank's number: a `1` between the words, below their line.
    let under = gaps.iter().any(|w| {
        let centre = (w.0 + w.2) / 2.0;
        w.4 == "1" && before.2 < centre && centre < after.0 && w.1 > before.1
    });
    assert!(
        under,
        "no number under the blank after {before:?}: {gaps:?}"
    );
}

#[test]
fn emoji_come_from_a_colour_emoji_font_when_the_system_has_one() {
    let dir = deck(
        "title: t\nlang: en\nsections:\n  - title: s\n    slides:\n      - title: Emoji\n        text: \"launch 🚀 family 👩\u{200D}👩\u{200D}👧\"\n      - title: In a diagram\n        diagram:\n          edges: [\"a -> b: 🔁 retry\"]\n          nodes: [{ id: a, label: \"🙂 emoji\" }, b]\n",
    );
    build_in(dir.path(), &["deck.yaml"]).success();
    // Typst embeds a colour (bitmap) emoji font as a Type 3 font; its
    // glyphs keep their text.
    let pdf = dir.path().join("deck.pdf");
    let fonts = tool("pdffonts", "poppler-utils", &[], &pdf);
    assert!(
        fonts.contains("Type 3"),
        "no colour emoji font in the PDF (apt-get install fonts-noto-color-emoji):\n{fonts}"
    );
    let text = tool("pdftotext", "poppler-utils", &["-enc", "UTF-8"], &pdf);
    assert!(text.contains('🚀') && text.contains('👧'), "{text}");
    // A diagram's labels print them literally too.
    assert!(
        text.contains("🙂 emoji") && text.contains("🔁 retry"),
        "{text}"
    );
}

/// The mean luminance (0–1) of a PDF page rendered by poppler.
fn mean_luminance(pdf: &Path, page: usize) -> f64 {
    let prefix = pdf.with_extension("");
    let n = page.to_string();
    let status = Command::new("pdftoppm")
        .args(["-r", "30", "-png", "-singlefile", "-f", &n, "-l", &n])
        .arg(pdf)
        .arg(&prefix)
        .status()
        .expect("pdftoppm is needed by the system suite (apt-get install poppler-utils)");
    assert!(status.success());
    let img = image::open(prefix.with_extension("png"))
        .unwrap()
        .into_luma8();
    img.pixels().map(|p| f64::from(p.0[0])).sum::<f64>() / (img.len() as f64 * 255.0)
}

#[test]
fn a_dark_theme_prints_its_handout_light() {
    let dir = tempfile::tempdir().unwrap();
    let mut luminance = Vec::new();
    for colours in ["print", "screen"] {
        let pdf = dir.path().join(format!("{colours}.pdf"));
        build_chapter(
            &pdf,
            &[
                "--theme",
                "midnight",
                "--handout",
                "--handout-layout",
                "6",
                "--handout-colors",
                colours,
            ],
        );
        luminance.push(mean_luminance(
            &dir.path().join(format!("{colours}-handout.pdf")),
            2,
        ));
    }
    let (print, screen) = (luminance[0], luminance[1]);
    assert!(
        print > 0.85,
        "the print handout is dark: mean luminance {print:.2}"
    );
    assert!(
        screen < print - 0.15,
        "screen {screen:.2} vs print {print:.2}"
    );
}

#[test]
fn arabic_and_hebrew_quotes_keep_their_order_and_joining() {
    let dir = deck(
        "title: t\nlang: zh\nsections:\n  - title: s\n    slides:\n      - title: 引文\n        text: 他说：“שלום עולם” 和 “مرحبا بالعالم” 。\n",
    );
    build_in(dir.path(), &["deck.yaml"]).success();
    let pdf = dir.path().join("deck.pdf");
    // A proportional text face (fonts-dejavu-core), not Typst's monospaced
    // one, in which Arabic letters stand unjoined.
    let fonts = tool("pdffonts", "poppler-utils", &[], &pdf);
    assert!(
        fonts.lines().any(|l| l.contains("DejaVuSans ")
            || l.contains("NotoSansArabic")
            || l.contains("NotoNaskh")),
        "no Arabic text face (apt-get install fonts-dejavu-core):\n{fonts}"
    );
    // Both quotations come back in reading (logical) order.
    let text = tool("pdftotext", "poppler-utils", &["-enc", "UTF-8"], &pdf);
    assert!(text.contains("שלום עולם"), "{text}");
    assert!(text.contains("مرحبا بالعالم"), "{text}");
    // Joined: the word set with its letters' joining forms is narrower than
    // the same letters kept apart by zero-width non-joiners (isolated forms).
    let apart = "م\u{200c}ر\u{200c}ح\u{200c}ب\u{200c}ا";
    let dir = deck(&format!(
        "title: t\nlang: en\nsections:\n  - title: s\n    slides:\n      - title: a\n        text: مرحبا\n      - title: b\n        text: \"{apart}\"\n"
    ));
    build_in(dir.path(), &["deck.yaml"]).success();
    // pdftotext's boxes hold the letters in visual order.
    let visual: String = "مرحبا".chars().rev().collect();
    let widths: Vec<f64> = word_boxes(&dir.path().join("deck.pdf"))
        .into_iter()
        .flat_map(|(_, words)| words)
        .filter(|w| w.4.replace('\u{200c}', "") == visual)
        .map(|w| w.2 - w.0)
        .collect();
    let [joined, isolated] = widths[..] else {
        panic!("the word twice: {widths:?}")
    };
    assert!(
        joined < isolated * 0.9,
        "joined {joined:.1} pt, isolated {isolated:.1} pt"
    );
}

/// The width of the first word of a deck's PDF whose text is `word`.
#[track_caller]
fn word_width(pdf: &Path, word: &str) -> f64 {
    let w = word_box(pdf, word);
    w.2 - w.0
}

/// The height of the first word of a deck's PDF whose text is `word`.
#[track_caller]
fn word_height(pdf: &Path, word: &str) -> f64 {
    let w = word_box(pdf, word);
    w.3 - w.1
}

/// The box of the first word of a deck's PDF whose text is `word`.
#[track_caller]
fn word_box(pdf: &Path, word: &str) -> Word {
    word_boxes(pdf)
        .into_iter()
        .flat_map(|(_, words)| words)
        .find(|w| w.4 == word)
        .unwrap_or_else(|| panic!("no word {word}"))
}

#[test]
fn latin_punctuation_is_proportional_and_chinese_quotes_stay_full_width() {
    // The body is 20 pt in the academic theme.
    let dir = deck(
        "title: Type\nlang: en\nopening:\n  - title: One\n    text: \"It’s here and It's there\"\n  - title: Two\n    text: 中文 “中文” 好\n",
    );
    build_in(dir.path(), &["deck.yaml"]).success();
    let pdf = dir.path().join("deck.pdf");
    let (curly, straight) = (word_width(&pdf, "It’s"), word_width(&pdf, "It&apos;s"));
    assert!(
        curly <= straight + 0.15 * 20.0,
        "It’s {curly:.1} pt, It's {straight:.1} pt"
    );
    let quoted = word_width(&pdf, "“中文”");
    assert!(quoted >= 3.6 * 20.0, "“中文” is {quoted:.1} pt");
}

#[test]
fn inline_code_in_a_table_cell_is_set_at_the_cells_size() {
    let dir = deck(
        "title: Table\nlang: zh\nopening:\n  - title: 表格\n    table:\n      header: [命令, 作用]\n      rows:\n        - [\"`kubectl`\", 列出]\n",
    );
    build_in(dir.path(), &["deck.yaml"]).success();
    let pdf = dir.path().join("deck.pdf");
    // poppler's boxes of DejaVu Sans Mono and of the CJK face are both one
    // font size high.
    let (code, cell) = (word_height(&pdf, "kubectl"), word_height(&pdf, "列出"));
    assert!(
        (code / cell - 1.0).abs() < 0.05,
        "code {code:.1} pt, cell {cell:.1} pt"
    );
}

#[test]
fn code_alone_on_its_slide_grows_into_free_room_and_long_code_shrinks() {
    let short: String = (1..=6).map(|i| format!("short{i} = {i}\\n")).collect();
    let long: String = (1..=25).map(|i| format!("long{i} = {i}\\n")).collect();
    let dir = deck(&format!(
        "title: Code\nlang: en\nopening:\n  - title: Six lines\n    code: {{ src: \"{short}\" }}\n  - title: Twenty-five lines\n    code: {{ src: \"{long}\" }}\n"
    ));
    build_in(dir.path(), &["deck.yaml"]).success();
    let pdf = dir.path().join("deck.pdf");
    // poppler's box of DejaVu Sans Mono is one font size high.
    let (six, twenty_five) = (word_height(&pdf, "short1"), word_height(&pdf, "long1"));
    // The base is 0.8 × the 20 pt body; alone, six lines grow past it.
    assert!(
        six > 16.5 && six <= 0.8 * 1.3 * 20.0 + 0.2,
        "six lines at {six:.1} pt"
    );
    assert!(
        twenty_five < six,
        "25 lines at {twenty_five:.1} pt, 6 at {six:.1} pt"
    );
}
