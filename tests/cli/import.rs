//! `lectern import`: real Marp, Slidev and Quarto decks (tests/fixtures/
//! import, with their sources and licences) imported, built, and each
//! original slide's text looked for on its own slide of the PDF, in order;
//! the report; and what import refuses.

use std::path::{Path, PathBuf};

use crate::util::*;

/// The fixture decks: folder and file.
const DECKS: &[(&str, &str)] = &[
    ("marp-os-zh", "p5-tryunix.md"),
    ("marp-cs-linked-lists", "2021-04-02.md"),
    ("slidev-p5-loops", "slides.md"),
    ("slidev-api-rest", "slides.md"),
    ("quarto-code-review", "index.qmd"),
    ("quarto-reproducible-slides", "index.qmd"),
    ("quarto-shiny-reactivity", "03-reactivity.qmd"),
];

/// The words a text shows, as the measure counts them: Latin words of four
/// letters or more (lower case), and pairs of adjacent CJK characters.
fn tokens(text: &str) -> Vec<String> {
    let cjk =
        |c: char| ('\u{4e00}'..='\u{9fff}').contains(&c) || ('\u{3400}'..='\u{4dbf}').contains(&c);
    let mut out = Vec::new();
    let mut word = String::new();
    let mut prev: Option<char> = None;
    for c in text.chars().chain([' ']) {
        if c.is_ascii_alphabetic() {
            word.push(c.to_ascii_lowercase());
        } else {
            if word.len() >= 4 {
                out.push(std::mem::take(&mut word));
            }
            word.clear();
        }
        if cjk(c) && prev.is_some_and(cjk) {
            out.push(format!("{}{c}", prev.unwrap_or(c)));
        }
        prev = Some(c);
    }
    out
}

/// The length of the longest common subsequence of two token lists.
fn lcs(a: &[String], b: &[String]) -> usize {
    let mut row = vec![0usize; b.len() + 1];
    for x in a {
        let mut diag = 0;
        for (j, y) in b.iter().enumerate() {
            let up = row[j + 1];
            row[j + 1] = if x == y {
                diag + 1
            } else {
                row[j + 1].max(row[j])
            };
            diag = up;
        }
    }
    row[b.len()]
}

/// What an original slide shows, by this test's own reading of the
/// dialect (not the importer's): comments, tags, code fences' info lines,
/// link and picture targets, attributes, shortcodes, math and speaker
/// notes taken out.
fn shown_text(slide: &str) -> String {
    let mut text = String::new();
    let mut rest = slide;
    // HTML comments (notes, directives, commented-out slides).
    while let Some(at) = rest.find("<!--") {
        text.push_str(&rest[..at]);
        rest = rest[at..].find("-->").map_or("", |e| &rest[at + e + 3..]);
    }
    text.push_str(rest);
    let mut out = String::new();
    let mut notes = false;
    let mut fence: Option<String> = None;
    let mut hidden_chunk = false;
    let mut style = false;
    for line in text.lines() {
        let t = line.trim();
        let ticks: String = t.chars().take_while(|c| *c == '`' || *c == '~').collect();
        if ticks.len() >= 3 {
            match &fence {
                Some(f) if ticks.starts_with(f.as_str()) && t.len() == ticks.len() => {
                    fence = None;
                    hidden_chunk = false;
                }
                None => {
                    // Quarto hides a chunk with `include=FALSE` or
                    // `echo=FALSE` (its output, never run here, is missing).
                    let info = t.replace(' ', "").to_ascii_lowercase();
                    hidden_chunk = info.contains("include=false") || info.contains("echo=false");
                    fence = Some(ticks);
                }
                _ => {}
            }
            continue;
        }
        if fence.is_some() {
            let opt = t.replace(' ', "");
            if opt.starts_with("#|echo:false") || opt.starts_with("#|include:false") {
                hidden_chunk = true;
            }
            if !t.starts_with("#|") && !hidden_chunk {
                out.push_str(line);
                out.push('\n');
            }
            continue;
        }
        if t.starts_with("<style") {
            style = !t.contains("</style>");
            continue;
        }
        if style {
            style = !t.contains("</style>");
            continue;
        }
        if t.starts_with(":::") {
            notes = t.contains("notes");
            continue;
        }
        if notes
            || t.starts_with("::")
            || t.contains(':')
                && t.split(':').next().is_some_and(|k| {
                    !k.contains(' ')
                        && !k.is_empty()
                        && k.chars()
                            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
                })
                && !t.starts_with('-')
                && !t.starts_with('|')
                && !t.contains("://")
                && t.len() < 60
                && !t.contains(". ")
        {
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    // Pictures (their alt text is no slide text; a picture not in the
    // deck's folder is not imported).
    let mut out = out.as_str();
    let mut bare = String::new();
    while let Some(at) = out.find("![") {
        bare.push_str(&out[..at]);
        let mut depth = 0usize;
        let mut end = out.len();
        for (k, c) in out[at + 1..].char_indices() {
            match c {
                '[' => depth += 1,
                ']' if depth == 1 => {
                    end = at + 1 + k + 1;
                    break;
                }
                ']' => depth = depth.saturating_sub(1),
                _ => {}
            }
        }
        let rest = &out[end..];
        out = match rest.strip_prefix('(') {
            Some(r) => r.find(')').map_or("", |e| &r[e + 1..]),
            None => rest,
        };
    }
    bare.push_str(out);
    let out = bare;
    // Targets of links, attributes, shortcodes, math, tags.
    let mut clean = String::new();
    let mut chars = out.chars().peekable();
    let mut skip_until: Option<char> = None;
    let mut prev = ' ';
    while let Some(c) = chars.next() {
        if let Some(end) = skip_until {
            if c == end {
                skip_until = None;
            }
            prev = c;
            continue;
        }
        match c {
            '(' if prev == ']' => skip_until = Some(')'),
            '{' => skip_until = Some('}'),
            '<' if chars
                .peek()
                .is_some_and(|n| n.is_ascii_alphabetic() || *n == '/') =>
            {
                skip_until = Some('>')
            }
            '$' => skip_until = Some('$'),
            _ => clean.push(c),
        }
        prev = c;
    }
    clean
}

/// An original deck's slides as this test reads them: (first line, text).
fn original_slides(text: &str, quarto: bool) -> Vec<String> {
    let body = match text.strip_prefix("---\n") {
        Some(rest) => rest.find("\n---").map_or(rest, |e| &rest[e + 4..]),
        None => text,
    };
    let mut slides: Vec<String> = vec![String::new()];
    let mut fence = false;
    let mut comment = false;
    let mut divs = 0usize;
    for line in body.lines() {
        let t = line.trim_end();
        if t.trim_start().starts_with("```") || t.trim_start().starts_with("~~~") {
            fence = !fence;
        }
        let was_comment = comment;
        if t.contains("<!--") && !t.contains("-->") {
            comment = true;
        }
        if t.contains("-->") && !t.contains("<!--") {
            comment = false;
        }
        if quarto && !fence && t.starts_with(":::") {
            if t.trim_start_matches(':').trim().is_empty() {
                divs = divs.saturating_sub(1);
            } else {
                divs += 1;
            }
        }
        let split = !fence
            && !was_comment
            && if quarto {
                divs == 0 && (t.starts_with("# ") || t.starts_with("## ") || t == "---")
            } else {
                t == "---"
            };
        if split {
            // A Slidev slide's own settings, between two rules, go with
            // the slide after them.
            let settings = !quarto
                && slides.last().is_some_and(|s| {
                    let lines: Vec<&str> = s
                        .lines()
                        .filter(|l| !l.trim().is_empty() && l.trim() != "---")
                        .collect();
                    !lines.is_empty()
                        && lines.iter().all(|l| {
                            l.starts_with([' ', '-'])
                                || l.split_once(": ").is_some_and(|(k, _)| !k.contains(' '))
                        })
                });
            match slides.last_mut() {
                // Only whether the slide is hidden or taken from another
                // file is kept of them.
                Some(last) if settings => {
                    let keep: Vec<&str> = last
                        .lines()
                        .filter(|l| l.starts_with("hide: true") || l.starts_with("src:"))
                        .collect();
                    *last = keep.join("\n");
                }
                _ => slides.push(String::new()),
            }
        }
        if let Some(last) = slides.last_mut() {
            last.push_str(line);
            last.push('\n');
        }
    }
    slides
}

/// Imports a fixture deck and builds it: (original slides' token lists,
/// PDF pages' token lists).
fn imported(name: &str, file: &str) -> (Vec<Vec<String>>, Vec<Vec<String>>, String) {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&root().join("tests/fixtures/import").join(name), dir.path());
    let out = lectern()
        .current_dir(dir.path())
        .args(["import", file])
        .assert()
        .success();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    let outline = Path::new(file).with_extension("yaml");
    let outline = outline.to_str().unwrap();
    build_in(dir.path(), &[outline]).success();
    let pdf = Pdf::open(&dir.path().join(Path::new(file).with_extension("pdf")));
    let text = std::fs::read_to_string(dir.path().join(file)).unwrap();
    let quarto = file.ends_with(".qmd");
    let slidev_hidden =
        |s: &str| s.contains("hide: true") || s.lines().any(|l| l.starts_with("src:"));
    let originals = original_slides(&text, quarto)
        .iter()
        .filter(|s| !slidev_hidden(s))
        .map(|s| tokens(&shown_text(s)))
        .filter(|t| !t.is_empty())
        .collect();
    // A slide's pages (its steps, its continuation) share its label: its
    // text is what they show, in order.
    let labels = pdf.page_labels();
    let mut slides: Vec<Vec<String>> = Vec::new();
    for (k, label) in labels.iter().enumerate() {
        let words = tokens(&pdf.page_text(k + 1));
        match slides.last_mut() {
            Some(last) if k > 0 && labels[k - 1] == *label => last.extend(words),
            _ => slides.push(words),
        }
    }
    (originals, slides, stderr)
}

/// How many of a deck's original slides land on their own slide, in
/// order: at least 90% of the slide's tokens, as a common subsequence, on
/// one slide (its pages) after the slide the one before was found on.
fn in_order(originals: &[Vec<String>], pages: &[Vec<String>]) -> (usize, Vec<usize>) {
    let mut next = 0;
    let mut found = 0;
    let mut missed = Vec::new();
    for (k, slide) in originals.iter().enumerate() {
        let hit = (next..pages.len()).find(|&p| lcs(slide, &pages[p]) * 10 >= slide.len() * 9);
        match hit {
            Some(p) => {
                found += 1;
                next = p + 1;
            }
            None => missed.push(k),
        }
    }
    (found, missed)
}

#[test]
fn imported_decks_build_and_keep_each_slides_text_on_its_own_slide_in_order() {
    let mut all = (0, 0);
    for (name, file) in DECKS {
        let (originals, pages, _) = imported(name, file);
        let (found, missed) = in_order(&originals, &pages);
        eprintln!(
            "{name}: {found} of {} slides in order (missed {missed:?})",
            originals.len()
        );
        for k in &missed {
            let slide = &originals[*k];
            let best = pages
                .iter()
                .max_by_key(|p| lcs(slide, p))
                .cloned()
                .unwrap_or_default();
            eprintln!(
                "  missed {k}: {slide:?}\n  best: {} of {}: {best:?}",
                lcs(slide, &best),
                slide.len()
            );
        }
        assert!(
            originals.len() >= 10,
            "{name}: {} slides read",
            originals.len()
        );
        assert!(
            found * 10 >= originals.len() * 9,
            "{name}: {found} of {}; missed {missed:?}",
            originals.len()
        );
        all.0 += found;
        all.1 += originals.len();
    }
    eprintln!("all: {} of {}", all.0, all.1);
    // README and BENCHMARKS.md state this figure.
    assert!(all.0 >= 189 && all.1 == 190, "{all:?}");
}

#[test]
fn the_report_names_each_dropped_construct_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(
        &root().join("tests/fixtures/import/quarto-code-review"),
        dir.path(),
    );
    let out = lectern()
        .current_dir(dir.path())
        .args(["import", "index.qmd"])
        .assert()
        .success();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr);
    let report = std::fs::read_to_string(dir.path().join("index.import.md")).unwrap();
    let original = std::fs::read_to_string(dir.path().join("index.qmd")).unwrap();
    // Every finding's line holds what it names.
    let lines: Vec<&str> = original.lines().collect();
    let mut checked = 0;
    for entry in report.lines().filter(|l| l.starts_with("- line ")) {
        let no: usize = entry["- line ".len()..]
            .split(':')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        if let Some(quoted) = entry.split('`').nth(1) {
            let near = lines[no.saturating_sub(1)..(no + 1).min(lines.len())].join("\n");
            let head: String = quoted.trim_matches(['<', '>']).chars().take(6).collect();
            assert!(near.contains(&head), "line {no} lacks `{head}`: {near}");
            checked += 1;
        }
    }
    assert!(checked >= 10, "{report}");
    assert!(report.contains("| executable chunk |"), "{report}");
    assert!(stderr.contains("index.qmd:"), "{stderr}");
}

/// Runs `lectern import ARGS` in `dir`, expecting exit 2; returns stderr.
fn refused(dir: &Path, args: &[&str]) -> String {
    let out = lectern()
        .current_dir(dir)
        .arg("import")
        .args(args)
        .assert()
        .code(2);
    String::from_utf8_lossy(&out.get_output().stderr).into_owned()
}

#[test]
fn import_overwrites_nothing_and_writes_only_beside_the_deck() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(
        &root().join("tests/fixtures/import/marp-cs-linked-lists"),
        dir.path(),
    );
    std::fs::write(dir.path().join("2021-04-02.yaml"), "mine").unwrap();
    let err = refused(dir.path(), &["2021-04-02.md"]);
    assert!(err.contains("--force"), "{err}");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("2021-04-02.yaml")).unwrap(),
        "mine"
    );
    let elsewhere: PathBuf = std::env::temp_dir().join("lectern-import-elsewhere.yaml");
    let err = refused(
        dir.path(),
        &["2021-04-02.md", "-o", elsewhere.to_str().unwrap()],
    );
    assert!(err.contains("deck's folder"), "{err}");
    assert!(!elsewhere.exists());
    lectern()
        .current_dir(dir.path())
        .args(["import", "2021-04-02.md", "--force"])
        .assert()
        .success();
    let yaml = std::fs::read_to_string(dir.path().join("2021-04-02.yaml")).unwrap();
    assert!(yaml.contains("markdown: |"), "{yaml}");
}

#[test]
fn bad_decks_are_refused_or_imported_in_bounded_time() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    // Not a slide deck: no breaks.
    std::fs::write(p.join("notes.md"), "# Notes\n\nJust text.\n").unwrap();
    assert!(refused(p, &["notes.md"]).contains("does not look like a slide deck"));
    // Too large.
    std::fs::write(p.join("big.md"), "x\n---\n".repeat(400_000)).unwrap();
    assert!(refused(p, &["big.md"]).contains("at most 2 MB"));
    // Not Markdown.
    std::fs::write(p.join("deck.txt"), "a\n---\nb\n").unwrap();
    assert!(refused(p, &["deck.txt"]).contains("not a Markdown deck"));
    // Malformed front matter, lists 1,000 deep, an unclosed `$` and fence,
    // scripts and iframes, pictures from the web and from outside: all
    // imported, reported, and the outline builds.
    let mut deck = String::from("---\n: [unclosed\n---\n\n# One\n\n");
    deck.push_str(
        &(0..1000)
            .map(|d| format!("{}- deep\n", "  ".repeat(d)))
            .collect::<String>(),
    );
    deck.push_str("\n---\n\n# Two\n\nPrice $5 and <script>alert(1)</script> here\n\n<iframe src=\"https://x.org\"></iframe>\n\n![web](https://x.org/a.png)\n\n![up](../secret.png)\n\n---\n\n# Three\n\n```python\nnever closed\n");
    std::fs::write(p.join("bad.md"), &deck).unwrap();
    let out = lectern()
        .current_dir(p)
        .args(["import", "bad.md"])
        .timeout(std::time::Duration::from_secs(20))
        .assert()
        .success();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr);
    for piece in [
        "front matter",
        "script",
        "on the web",
        "outside the deck's folder",
        "iframe",
    ] {
        assert!(stderr.contains(piece), "no `{piece}` in {stderr}");
    }
    build_in(p, &["bad.yaml"]).success();
    let pdf = Pdf::open(&p.join("bad.pdf"));
    let text = pdf.text();
    assert!(text.contains("$5") && !text.contains("alert"), "{text}");
}

#[test]
fn the_readme_deck_imports_into_columns_steps_a_diagram_and_a_note() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let section = &readme[readme.find("## Coming from Marp").expect("the section")..];
    let start = section.find("````markdown\n").expect("the deck") + 13;
    let md = &section[start..start + section[start..].find("````").unwrap()];
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("why.md"), md).unwrap();
    lectern()
        .current_dir(dir.path())
        .args(["import", "why.md"])
        .assert()
        .success();
    build_in(dir.path(), &["why.yaml", "--deny-warnings"]).success();
    let pdf = Pdf::open(&dir.path().join("why.pdf"));
    // The cover is the title page; then one page, and a step per point.
    assert_eq!(pdf.page_count(), 5);
    assert!(pdf.page_text(1).contains("Container orchestration"));
    assert!(!pdf.page_text(2).contains("Place") && pdf.page_text(2).contains("Scheduler"));
    assert!(pdf.page_text(3).contains("Place") && !pdf.page_text(3).contains("Restart"));
    // Two columns: the points on the left, the flowchart on the right.
    let (point, node) = (
        pdf.position(5, "Place").unwrap(),
        pdf.position(5, "Scheduler").unwrap(),
    );
    assert!(node.0 > point.0 + 200.0, "{point:?} {node:?}");
    let notes = std::fs::read_to_string(dir.path().join("why.pdfpc")).unwrap();
    assert!(notes.contains("Ask: who used Docker?"), "{notes}");
}

#[test]
fn a_slide_of_plain_points_becomes_bullets() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("d.md"), "---\nmarp: true\n---\n\n# One\n\n- first point\n- second point\n\n---\n\n# Two\n\n- costs $5\n- more\n").unwrap();
    lectern()
        .current_dir(dir.path())
        .args(["import", "d.md"])
        .assert()
        .success();
    let yaml = std::fs::read_to_string(dir.path().join("d.yaml")).unwrap();
    assert!(
        yaml.contains("    bullets:\n      - \"first point\"\n"),
        "{yaml}"
    );
    // A dollar reads differently in Markdown and in lectern text: kept.
    assert!(yaml.contains("    markdown: |\n      - costs $5"), "{yaml}");
}
