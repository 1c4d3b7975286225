use proptest::prelude::*;

use super::media::code_info;
use super::text::prepare;
use super::*;
use crate::diagnostics::Sources;
use crate::outline::{Outline, Width};

/// The YAML of a deck whose one slide holds `markdown` (a block scalar).
fn yaml(markdown: &str) -> String {
    let body: String = markdown.lines().map(|l| format!("      {l}\n")).collect();
    format!("title: M\nlang: en\nopening:\n  - title: S\n    markdown: |\n{body}")
}

/// Parses a deck; returns the outline (or nothing) and every diagnostic
/// with its line and column.
fn parse(yaml: &str) -> (Option<Outline>, Vec<(String, usize, usize)>) {
    let mut sources = Sources::default();
    let file = sources.add("d.yaml", None, yaml.to_string());
    let source = sources.get(file);
    let (outline, diags) = match crate::outline::parse(file, source) {
        Ok((o, w)) => (Some(o), w),
        Err(e) => (None, e),
    };
    let located = diags
        .iter()
        .map(|d| {
            let (line, col) = d
                .span
                .as_ref()
                .map_or((0, 0), |s| source.line_col(s.range.start));
            (d.message.clone(), line, col)
        })
        .collect();
    (outline, located)
}

/// The blocks of the one slide of `markdown`.
fn blocks(markdown: &str) -> Vec<Placed> {
    let (outline, diags) = parse(&yaml(markdown));
    let outline = outline.unwrap_or_else(|| panic!("{diags:?}"));
    outline.opening[0].body.clone()
}

#[test]
fn prepare_turns_latex_delimiters_into_dollars_outside_code() {
    let src = "a \\( x \\) b \\[y\\] `\\(c\\)`\n```\n\\(d\\)\n```\n";
    let base: Vec<usize> = (0..=src.len()).collect();
    let p = prepare(src, &base);
    assert_eq!(p.text, "a $x$ b $$y$$ `\\(c\\)`\n```\n\\(d\\)\n```\n");
    // Each byte keeps its origin: the `x` came from byte 5.
    let x = p.text.find('x').unwrap();
    assert_eq!(p.origin[x], 5);
    assert_eq!(p.origin.len(), p.text.len() + 1);
    // An unclosed one, or one closed after a blank line, stays as typed.
    let src = "\\( a\n\nb \\)";
    let base: Vec<usize> = (0..=src.len()).collect();
    assert_eq!(prepare(src, &base).text, src);
}

#[test]
fn code_info_reads_languages_and_slidev_steps() {
    let all = |v: &[&str]| -> Vec<Option<String>> {
        v.iter()
            .map(|s| (!s.is_empty()).then(|| s.to_string()))
            .collect()
    };
    assert_eq!(
        code_info("rust {1|2-3}"),
        (Some("rust".into()), all(&["1", "2-3"]))
    );
    assert_eq!(
        code_info("ts {*|2,4|all}"),
        (Some("ts".into()), all(&["", "2,4", ""]))
    );
    assert_eq!(code_info("{r echo=FALSE}"), (Some("r".into()), vec![]));
    assert_eq!(
        code_info("{.python .numberLines}"),
        (Some("python".into()), vec![])
    );
    assert_eq!(code_info("js {monaco}"), (Some("js".into()), vec![]));
    assert_eq!(code_info(""), (None, vec![]));
}

#[test]
fn split_lines_keeps_environments_whole() {
    let latex = "a &= b \\\\ c &= \\begin{cases} 1 \\\\ 2 \\end{cases}";
    let parts: Vec<&str> = split_lines(latex).into_iter().map(|r| &latex[r]).collect();
    assert_eq!(
        parts,
        ["a &= b ", " c &= \\begin{cases} 1 \\\\ 2 \\end{cases}"]
    );
}

#[test]
fn each_construct_becomes_its_block() {
    let b = blocks(
        "# Head\n\nPara $x$.\n\n- one\n- two\n\n```go\nx := 1\n```\n\n$$a = b$$\n\n> q\n\n| h |\n|---|\n| c |\n",
    );
    let kinds: Vec<&str> = b
        .iter()
        .map(|p| match &p.block {
            Block::Heading(_) => "heading",
            Block::Paragraph(_) => "text",
            Block::List(_) => "list",
            Block::Code(_) => "code",
            Block::Math(_) => "math",
            Block::Quote { .. } => "quote",
            Block::Table(_) => "table",
            _ => "other",
        })
        .collect();
    assert_eq!(
        kinds,
        ["heading", "text", "list", "code", "math", "quote", "table"]
    );
    match &b[1].block {
        Block::Paragraph(t) => assert_eq!(t.value, "Para \\(x\\)."),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_pause_starts_the_step_after_the_highest_so_far() {
    let b = blocks("```rust {1|2}\na\nb\n```\n\n. . .\n\nlater\n\n<!-- pause -->\n\nlast\n");
    let steps: Vec<Option<u32>> = b
        .iter()
        .map(|p| p.opts.step.as_ref().map(|s| s.value))
        .collect();
    assert_eq!(steps, [None, Some(3), Some(4)]);
}

#[test]
fn marp_sizes_are_widths_and_leave_the_alt_text() {
    let b = blocks("![w:640 h:100 A chart](c.png \"Its caption\")\n");
    assert_eq!(
        b[0].opts.width.as_ref().map(|w| w.value),
        Some(Width::Percent(50_000))
    );
    assert_eq!(
        b[0].opts.alt.as_ref().map(|a| a.value.as_str()),
        Some("A chart")
    );
    match &b[0].block {
        Block::Image { path, caption } => {
            assert_eq!(path.value, "c.png");
            assert_eq!(
                caption.as_ref().map(|c| c.value.as_str()),
                Some("Its caption")
            );
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn cjk_lines_join_without_a_space() {
    let b = blocks("链接脚本\n决定入口\nand English\nlines\n");
    match &b[0].block {
        Block::Paragraph(t) => assert_eq!(t.value, "链接脚本决定入口 and English lines"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn hostile_markdown_ends_in_bounded_time_with_located_messages() {
    let cases = [
        // Lists nested a thousand deep, on one line and indented.
        "- ".repeat(1000) + "x\n",
        (0..200)
            .map(|d| format!("{}- x\n", "  ".repeat(d)))
            .collect(),
        // Quotes nested 20,000 deep.
        ">".repeat(20_000) + " x\n",
        // Unclosed math and fences, thousands of openers.
        "$x and \\( y and ```\n".repeat(1000),
        "\\(".repeat(20_000),
        "`` ` ".repeat(5000),
        "<b>".repeat(5000) + "text",
        "<!--".repeat(5000),
    ];
    for md in &cases {
        let start = std::time::Instant::now();
        let (_, diags) = parse(&yaml(md));
        assert!(start.elapsed().as_secs() < 5, "{:?}", &md[..40]);
        for (message, line, _) in &diags {
            assert!(*line >= 5, "{message} at line {line}");
        }
        // One warning per tag name, not one per tag.
        assert!(diags.len() < 20, "{:?}", &diags[..3]);
    }
}

#[test]
fn a_markdown_block_over_the_cap_is_one_located_error() {
    let (outline, diags) = parse(&yaml(&"word ".repeat(20_000)));
    assert!(outline.is_none());
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert!(diags[0].0.contains("KB"), "{diags:?}");
    assert_eq!(diags[0].1, 6);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Whatever the Markdown, every text's span lies inside the field, and
    /// every formula error is placed there too.
    #[test]
    fn spans_stay_inside_the_field(
        pieces in prop::collection::vec(
            prop::sample::select(vec![
                "word ", "中文", "**b** ", "*e* ", "$x^2$ ", "\\(\\frac{1}\\) ", "$$a$$\n",
                "\n\n", "- item\n", "1. n\n", "> q\n", "```\ncode\n```\n", "| a |\n|---|\n| b |\n",
                "<!-- note -->\n", "<br>", "{{gap}} ", ". . .\n", "![alt](p.png)\n", "\\$ ",
            ]),
            1..30,
        )
    ) {
        let md: String = pieces.concat();
        let text = yaml(&md);
        let field_start = text.find("markdown: |").unwrap() + 12;
        let mut sources = Sources::default();
        let file = sources.add("d.yaml", None, text.clone());
        let (outline, diags) = match crate::outline::parse(file, sources.get(file)) {
            Ok((o, w)) => (Some(o), w),
            Err(e) => (None, e),
        };
        for d in &diags {
            if let Some(span) = &d.span {
                prop_assert!(span.range.start >= field_start && span.range.end <= text.len(), "{} {:?}", d.message, span);
            }
        }
        if let Some(outline) = outline {
            for placed in &outline.opening[0].body {
                prop_assert!(placed.span.range.start >= field_start, "{:?}", placed);
            }
        }
    }
}

#[test]
fn a_mermaid_fence_is_a_diagram_placed_at_its_lines() {
    let text = yaml("Text.\n\n```mermaid\ngraph LR\n  A --> B\n```\n\nAfter.\n");
    let (outline, diags) = parse(&text);
    let outline = outline.unwrap_or_else(|| panic!("{diags:?}"));
    let body = &outline.opening[0].body;
    let Block::Diagram(d) = &body[1].block else {
        panic!("{:?}", body[1].block);
    };
    let start = text.find("graph LR").unwrap();
    let end = text.find("A --> B").unwrap() + "A --> B".len();
    assert_eq!(
        d.span.range,
        start..end,
        "{:?}",
        &text[d.span.range.clone()]
    );
}
