//! `markdown:` blocks: each row of README's mapping table, read back from
//! the real PDF (order of blocks, steps, math drawn rather than printed),
//! the notes in .pdfpc, and errors placed inside the YAML string.

use crate::util::*;

/// An English deck whose one slide (after the title page) holds `markdown`,
/// indented under `markdown: |`.
fn slide(markdown: &str) -> String {
    let body: String = markdown.lines().map(|l| format!("      {l}\n")).collect();
    format!("title: Md\nlang: en\nopening:\n  - title: Slide\n    markdown: |\n{body}")
}

/// Builds one slide of Markdown; returns the folder and the PDF.
fn built(markdown: &str) -> (tempfile::TempDir, Pdf) {
    built_pdf(&slide(markdown))
}

/// The deck's slides as `--emit-typst` writes them, all in one string.
fn emitted(dir: &std::path::Path) -> String {
    build_in(dir, &["deck.yaml", "--emit-typst"]).success();
    let slides = dir.join("deck-typst/.lectern");
    let mut all = String::new();
    for entry in std::fs::read_dir(slides).unwrap() {
        let path = entry.unwrap().path();
        if path
            .file_name()
            .unwrap()
            .to_string_lossy()
            .starts_with("slide-")
        {
            all.push_str(&std::fs::read_to_string(path).unwrap());
        }
    }
    all
}

#[test]
fn paragraphs_are_text_blocks_in_the_order_written() {
    let (_dir, pdf) = built("Firstpara line one\nstill firstpara.\n\nSecondpara here.\n");
    assert_eq!(pdf.page_count(), 2);
    let text = squash(&pdf.page_text(2));
    // A soft line break is a space; the two paragraphs stack in order.
    assert!(text.contains("Firstparalineonestillfirstpara."), "{text}");
    assert!(y(&pdf, 2, "Firstpara") > y(&pdf, 2, "Secondpara"));
}

#[test]
fn lists_nest_and_number_as_written() {
    let (_dir, pdf) = built(
        "3. Thirditem\n4. Fourthitem\n   - Nestedbullet\n     - Deepbullet\n       - Deeperbullet\n",
    );
    let text = pdf.page_text(2);
    assert!(
        text.contains("3.") && text.contains("4."),
        "numbered from 3: {text}"
    );
    let (third, nested, deeper) = (
        pdf.position(2, "Thirditem").unwrap(),
        pdf.position(2, "Nestedbullet").unwrap(),
        pdf.position(2, "Deeperbullet").unwrap(),
    );
    assert!(
        nested.0 > third.0 && nested.1 < third.1,
        "nested under: {third:?} {nested:?}"
    );
    // Three levels at most: the fourth is moved up to the third.
    let deep = pdf.position(2, "Deepbullet").unwrap();
    assert!((deeper.0 - deep.0).abs() < 1.0, "{deep:?} {deeper:?}");
}

#[test]
fn fenced_code_keeps_its_language_and_slidev_steps_and_a_pause_follows_them() {
    let (dir, pdf) = built(
        "```rust {1|2-3}\nfn main() {\n    load_apps();\n}\n```\n\n. . .\n\nAfterpause text.\n",
    );
    // Two highlight steps, then the pause: step 3.
    assert_eq!(pdf.page_count(), 4, "title + 3 steps");
    for page in 2..=4 {
        assert!(pdf.page_text(page).contains("load_apps"), "page {page}");
    }
    assert!(!pdf.page_text(3).contains("Afterpause"));
    assert!(pdf.page_text(4).contains("Afterpause"));
    // Highlighted as Rust: the keyword is coloured unlike the plain text.
    let typst = emitted(dir.path());
    assert!(typst.contains("lang: \"rust\""), "{typst}");
}

#[test]
fn display_and_inline_math_are_drawn_not_printed() {
    let (_dir, pdf) = built(
        "Inline $x^2$ and \\(y_1\\) cost \\$5.\n\n$$\nW = \\frac{L}{\\lambda}\n$$\n\n\\[ a = b + c \\]\n",
    );
    let text = pdf.page_text(2);
    for raw in ["$x", "\\(", "\\frac", "\\[", "$$", "\\lambda"] {
        assert!(!text.contains(raw), "`{raw}` printed: {text}");
    }
    // Math letters are mathematical italic; `\$` is a dollar.
    assert!(
        text.contains('𝑥') && text.contains('𝑦') && text.contains('𝜆'),
        "{text}"
    );
    assert!(text.contains("$5"), "{text}");
    // Display math is a block of its own, below the paragraph.
    assert!(y(&pdf, 2, "Inline") > y(&pdf, 2, "𝜆"));
}

#[test]
fn gfm_tables_become_tables_with_their_alignment() {
    let (_dir, pdf) =
        built("| Tool | Share |\n|:-----|------:|\n| Kubernetes | 83% |\n| Swarmtool | 7% |\n");
    let (k, s) = (
        pdf.position(2, "83%").unwrap(),
        pdf.position(2, "7%").unwrap(),
    );
    assert!(y(&pdf, 2, "Tool") > y(&pdf, 2, "Kubernetes"));
    assert!(y(&pdf, 2, "Kubernetes") > y(&pdf, 2, "Swarmtool"));
    // Right-aligned: the narrower number starts further right.
    assert!(s.0 > k.0 + 2.0, "{k:?} {s:?}");
    assert!(pdf.structure_types().iter().any(|t| t == "TH"));
}

#[test]
fn quotes_take_their_attribution_and_headings_stand_above() {
    let (_dir, pdf) = built(
        "### Subheading\n\n> Simplicity is prerequisite\n> for reliability.\n>\n> — Edsger Dijkstra\n",
    );
    let text = pdf.page_text(2);
    assert!(text.contains("Dijkstra") && !text.contains("— —"), "{text}");
    assert!(y(&pdf, 2, "Subheading") > y(&pdf, 2, "Simplicity"));
    assert!(y(&pdf, 2, "Simplicity") > y(&pdf, 2, "Dijkstra"));
}

#[test]
fn images_take_alt_text_and_marp_widths() {
    let dir = deck(&slide("![w:320 A red square](red.png)\n\n![](red.png)\n"));
    image::RgbImage::from_pixel(40, 40, image::Rgb([200, 30, 30]))
        .save(dir.path().join("red.png"))
        .unwrap();
    let out = build_in(dir.path(), &["deck.yaml"]).success();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr);
    // The empty alt is missing alt text: a warning at its line.
    assert!(stderr.contains("this image has no alt text"), "{stderr}");
    assert!(stderr.contains("deck.yaml:8:7"), "{stderr}");
    let pdf = Pdf::open(&dir.path().join("deck.pdf"));
    assert!(
        pdf.alts().iter().any(|a| a == "A red square"),
        "{:?}",
        pdf.alts()
    );
    let typst = emitted(dir.path());
    // Marp's 320 px of a 1280 px slide: a quarter of the width.
    assert!(typst.contains("25%"), "{typst}");
}

#[test]
fn comments_are_notes_directives_are_not_and_pause_makes_a_step() {
    let (dir, pdf) = built(
        "<!-- _class: lead -->\n\nBeforepause text.\n\n<!-- pause -->\n\nAfterpause text.\n\n<!-- Say the linker script matters. -->\n",
    );
    assert_eq!(pdf.page_count(), 3);
    assert!(!pdf.page_text(2).contains("Afterpause"));
    assert!(pdf.page_text(3).contains("Afterpause"));
    let notes = std::fs::read_to_string(dir.path().join("deck.pdfpc")).unwrap();
    assert!(notes.contains("Say the linker script matters."), "{notes}");
    assert!(
        !notes.contains("_class") && !notes.contains("pause"),
        "{notes}"
    );
}

#[test]
fn raw_html_is_dropped_with_a_warning_naming_it_and_its_text_kept() {
    let dir = deck(&slide(
        "Before<br>after and <span>kepttext</span> here.\n\n<script>stolen()</script>\n",
    ));
    let out = build_in(dir.path(), &["deck.yaml"]).success();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr);
    assert!(stderr.contains("`<span>`"), "{stderr}");
    assert!(stderr.contains("`<script>`"), "{stderr}");
    let pdf = Pdf::open(&dir.path().join("deck.pdf"));
    let text = pdf.page_text(2);
    assert!(
        text.contains("kepttext") && !text.contains("stolen"),
        "{text}"
    );
    // `<br>` breaks the line.
    assert!(y(&pdf, 2, "Before") > y(&pdf, 2, "after"));
}

#[test]
fn markup_inside_markdown_is_lecterns_own() {
    let (dir, pdf) = built("A {{keyterm}} and [warning]{.bad} with **bold**.\n");
    let text = pdf.page_text(2);
    assert!(text.contains("keyterm") && !text.contains("{{"), "{text}");
    assert!(!text.contains("{.bad}") && !text.contains("**"), "{text}");
    // The gap-fill handout blanks the term, and keeps the rest.
    build_in(dir.path(), &["deck.yaml", "--handout-kind", "gaps"]).success();
    let gaps = pdf_text(&dir.path().join("deck-gaps.pdf"));
    assert!(
        !gaps.contains("keyterm") && gaps.contains("warning"),
        "{gaps}"
    );
}

#[test]
fn errors_point_inside_the_yaml_string() {
    let dir = deck(&slide("Fine text.\n\nA broken $\\frac{1}$ formula.\n"));
    let err = fails_with(dir.path(), &["build", "deck.yaml"], 1);
    // Line 8 of deck.yaml, at the `\frac` (column 18).
    assert!(err.contains("deck.yaml:8:"), "{err}");
    let dir = deck(&slide("Text with an {{open gap.\n"));
    let err = fails_with(dir.path(), &["build", "deck.yaml"], 1);
    assert!(err.contains("deck.yaml:6:"), "{err}");
}

#[test]
fn the_readme_example_builds_as_written() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let section = &readme[readme
        .find("## Markdown inside a slide")
        .expect("the section")..];
    let start = section.find("````yaml\n").expect("the example") + 8;
    let example = &section[start..start + section[start..].find("````").unwrap()];
    let dir = deck(&format!("title: README\nlang: zh\nopening:\n{example}"));
    build_in(dir.path(), &["deck.yaml", "--deny-warnings"]).success();
    let pdf = Pdf::open(&dir.path().join("deck.pdf"));
    // Title, then the code's two steps and the list's third.
    assert_eq!(pdf.page_count(), 4);
    assert!(!pdf.page_text(3).contains("链接脚本决定入口地址"));
    assert!(pdf.page_text(4).contains("链接脚本决定入口地址"));
    assert!(pdf.page_text(4).contains('§'), "{}", pdf.page_text(4));
    let notes = std::fs::read_to_string(dir.path().join("deck.pdfpc")).unwrap();
    assert!(notes.contains("链接脚本是关键"), "{notes}");
}

#[test]
fn other_tools_layout_lines_are_steps_notes_or_a_warning() {
    let dir = deck(&slide(
        "Alwaysshown text.\n\n::: {.fragment}\nFragmenttext here.\n:::\n\n<v-clicks>\n\n- Clickone\n- Clicktwo\n\n</v-clicks>\n\n::: notes\nSay the fragment matters.\n:::\n\n::: columns\nColumntext kept.\n:::\n",
    ));
    let out = build_in(dir.path(), &["deck.yaml"]).success();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr);
    // A layout lectern has its own block for is a warning at its line.
    assert!(
        stderr.contains("`::: columns`") && stderr.contains("deck.yaml:23:"),
        "{stderr}"
    );
    let pdf = Pdf::open(&dir.path().join("deck.pdf"));
    // Step 1: the text; 2: the fragment; 3 and 4: one per item.
    assert_eq!(pdf.page_count(), 5, "title + 4 steps");
    assert!(!pdf.page_text(2).contains("Fragmenttext"));
    assert!(pdf.page_text(3).contains("Fragmenttext") && !pdf.page_text(3).contains("Clickone"));
    assert!(pdf.page_text(4).contains("Clickone") && !pdf.page_text(4).contains("Clicktwo"));
    assert!(pdf.page_text(5).contains("Clicktwo") && pdf.page_text(5).contains("Columntext"));
    assert!(!pdf.text().contains(":::") && !pdf.text().contains("Say the"));
    let notes = std::fs::read_to_string(dir.path().join("deck.pdfpc")).unwrap();
    assert!(notes.contains("Say the fragment matters."), "{notes}");
}
