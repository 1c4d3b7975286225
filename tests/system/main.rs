//! The system suite: lectern's PDFs checked again by readers independent of
//! our code and of Rust (poppler, qpdf), plus what depends on the machine's
//! fonts. Opt-in: `cargo test --release --features system-tests --test
//! system`. `.ci/run` installs what it needs (poppler-utils, qpdf,
//! fonts-noto-cjk). A missing tool fails the test and names its package; it
//! never skips.

#[allow(dead_code)]
#[path = "../cli/pdf.rs"]
mod pdf;
#[allow(dead_code)]
#[path = "../cli/util.rs"]
mod util;

use std::path::Path;
use std::process::Command;

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
    // 镕, 喆 and 堃 are outside GB2312, so outside the embedded subset; the
    // system's Noto Sans CJK (fonts-noto-cjk) has them in its .ttc, whose
    // first face is the Japanese one.
    let dir = deck(
        "title: t\nsections:\n  - title: s\n    slides:\n      - title: 罕见字\n        text: 朱镕基 喆 堃\n",
    );
    build_in(dir.path(), &["deck.yaml"]).success();
    let pdf = dir.path().join("deck.pdf");
    let text = tool(
        "pdftotext",
        "poppler-utils",
        &["-raw", "-enc", "UTF-8"],
        &pdf,
    );
    assert!(squash(&text).contains("朱镕基喆堃"));
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
