//! Code and tables on slides: built by the real binary, read back from the
//! real PDF (text line by line, pages per step, fill colours, the table's
//! structure tree).

use crate::util::*;

/// The deck of the code and table examples.
const EXAMPLES: &str = r#"title: Code and tables
lang: zh
sections:
  - title: 示例
    slides:
      - title: 一个最小的 Deployment
        code:
          lang: yaml
          src: |
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
                # 两个空格再两个
          highlight: ["1-2", "3-4", all]
          caption: 最小的 Deployment
      - title: 调谐循环
        code: { file: controller.go, lines: "3-5" }
      - title: 一条命令
        code: "kubectl get pods -o wide"
      - title: 三家编排器
        table:
          header: ["", Docker Swarm, Mesos + Marathon, Kubernetes]
          rows:
            - [调度单位, 容器, 任务, Pod]
            - [声明式配置, 部分, 部分, "**是**"]
          align: [left, center, center, center]
          reveal: rows
          caption: 三家编排器的设计差异
          source: 各项目官方文档
      - title: 发布时间
        table: { data: releases.csv }
"#;

/// The code file the examples read.
const GO: &str = "package main\n\nfunc reconcile() {\n\tfor {\n\t}\n}\n";

/// Builds the examples in a fresh folder; returns it and the PDF's path.
fn examples(extra: &[&str]) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = deck(EXAMPLES);
    std::fs::write(dir.path().join("controller.go"), GO).unwrap();
    std::fs::write(
        dir.path().join("releases.csv"),
        "项目,首个版本,年份\nDocker,0.1,2013\nKubernetes,1.0,2015\n",
    )
    .unwrap();
    let mut args = vec!["deck.yaml"];
    args.extend(extra);
    build_in(dir.path(), &args).success();
    let pdf = dir.path().join("deck.pdf");
    (dir, pdf)
}

#[test]
fn each_highlight_entry_is_a_page_and_the_code_prints_line_by_line() {
    let (_dir, pdf) = examples(&[]);
    let doc = Pdf::open(&pdf);
    // title, agenda, divider, 3 code steps, file, shorthand, 2 table
    // steps, CSV table
    assert_eq!(doc.page_count(), 11);
    assert_eq!(doc.page_labels(), vec![1, 2, 3, 4, 4, 4, 5, 6, 7, 7, 8]);
    let src = [
        "apiVersion: apps/v1",
        "kind: Deployment",
        "metadata:",
        "  name: web",
        "    # 两个空格再两个",
    ];
    for page in 4..=6 {
        let text = doc.page_text(page);
        let lines: Vec<&str> = text.lines().collect();
        let start = lines
            .iter()
            .position(|l| squash(l) == squash(src[0]))
            .unwrap_or_else(|| panic!("page {page}: no first line in {text:?}"));
        for (i, want) in src.iter().enumerate() {
            // The leading spaces exactly; the rest with our reader's
            // spaces between differently coloured runs taken out (the
            // system suite compares whole lines with pdftotext).
            let got = lines[start + i];
            let indent = |s: &str| s.len() - s.trim_start().len();
            assert_eq!(
                indent(got),
                indent(want),
                "page {page}, line {}: {got:?}",
                i + 1
            );
            assert_eq!(squash(got), squash(want), "page {page}, line {}", i + 1);
        }
    }
    // The file's lines 3-5, tabs expanded; the shorthand as typed.
    let go = doc.page_text(7);
    assert!(squash(&go).contains("funcreconcile(){for{}"), "{go}");
    assert!(
        go.lines()
            .any(|l| l.starts_with("    for") && !l.starts_with("     ")),
        "a tab is four columns: {go}"
    );
    assert!(!go.contains("package"), "{go}");
    assert!(doc.page_text(8).contains("kubectl get pods -o wide"));
}

#[test]
fn a_dimmed_line_is_filled_in_another_colour_than_a_lit_one() {
    let (_dir, pdf) = examples(&[]);
    let doc = Pdf::open(&pdf);
    // academic's code-dim, #5f6776.
    let dim = (
        0x5f as f64 / 255.0,
        0x67 as f64 / 255.0,
        0x76 as f64 / 255.0,
    );
    let has = |page: usize| {
        doc.fill_colours(page).iter().any(|c| {
            (c.0 - dim.0).abs() < 0.01 && (c.1 - dim.1).abs() < 0.01 && (c.2 - dim.2).abs() < 0.01
        })
    };
    assert!(has(4), "step 1 dims lines 3-5");
    assert!(has(5), "step 2 dims lines 1-2 and 5");
    assert!(!has(6), "`all` lights every line");
}

#[test]
fn table_cells_come_out_in_reading_order_and_rows_step_in() {
    let (_dir, pdf) = examples(&[]);
    let doc = Pdf::open(&pdf);
    let first = squash(&doc.page_text(9));
    let last = squash(&doc.page_text(10));
    let order = [
        "DockerSwarm",
        "Mesos+Marathon",
        "Kubernetes",
        "调度单位",
        "容器",
        "任务",
        "Pod",
        "声明式配置",
    ];
    let mut at = 0;
    for cell in order {
        let found = last[at..]
            .find(cell)
            .unwrap_or_else(|| panic!("{cell} after {at} in {last}"));
        at += found;
    }
    assert!(first.contains("调度单位") && !first.contains("声明式配置"));
    assert!(last.contains("来源：各项目官方文档"));
    let csv = squash(&doc.page_text(11));
    assert!(
        csv.contains("项目首个版本年份Docker0.12013Kubernetes1.02015"),
        "{csv}"
    );
}

#[test]
fn a_table_has_header_cells_in_its_structure_tree_under_pdf_ua() {
    let (_dir, pdf) = examples(&["--pdf-standard", "ua-1"]);
    let doc = Pdf::open(&pdf);
    assert!(doc.is_tagged());
    assert!(
        doc.structure_types().iter().filter(|t| *t == "TH").count() >= 4,
        "the header row's cells are TH"
    );
    assert!(doc.structure_types().iter().any(|t| t == "TD"));
}

#[test]
fn a_long_csv_table_continues_with_its_header_repeated() {
    let mut csv = String::from("name,count\n");
    for i in 1..=30 {
        csv.push_str(&format!("item {i},{}\n", i * 7));
    }
    let dir = deck(
        "title: Long\nlang: en\nsections:\n  - title: S\n    slides:\n      - title: Many rows\n        table: { data: rows.csv }\n",
    );
    std::fs::write(dir.path().join("rows.csv"), csv).unwrap();
    let out = build_in(dir.path(), &["deck.yaml"]).success();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr);
    assert!(
        stderr.contains("continues over") && stderr.contains("deck.yaml:6:"),
        "{stderr}"
    );
    let doc = Pdf::open(&dir.path().join("deck.pdf"));
    let pages: Vec<String> = (4..=doc.page_count()).map(|p| doc.page_text(p)).collect();
    assert!(pages.len() >= 2, "{pages:?}");
    for page in &pages {
        assert!(page.contains("name") && page.contains("count"), "{page}");
    }
    assert!(pages[1].contains("Many rows (cont.)"), "{}", pages[1]);
    let all: String = pages.concat();
    for i in 1..=30 {
        assert_eq!(
            all.matches(&format!("item {i}\n")).count()
                + all.matches(&format!("item {i} ")).count(),
            1,
            "row {i} once"
        );
    }
}

#[test]
fn code_that_does_not_fit_says_how_much_does_at_its_line() {
    let src: String = (1..=40)
        .map(|i| format!("            line {i}\n"))
        .collect();
    let dir = deck(&format!(
        "title: Big\nlang: en\nsections:\n  - title: S\n    slides:\n      - title: Long\n        fit: none\n        code:\n          src: |\n{src}"
    ));
    let out = build_in(dir.path(), &["deck.yaml"]).success();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr);
    assert!(stderr.contains("40 lines (it holds"), "{stderr}");
    assert!(stderr.contains("deck.yaml:10:"), "{stderr}");
    // Never cut: every line is in the PDF (with `fit: auto`, the default,
    // it continues over pages instead: tests/cli/fit.rs).
    let text = pdf_text(&dir.path().join("deck.pdf"));
    assert!(text.contains("line 1\n") && text.contains("line 40"));
}

#[test]
fn an_unknown_language_is_a_warning_with_a_suggestion_and_the_code_is_plain() {
    let dir = deck(
        "title: L\nlang: en\nsections:\n  - title: S\n    slides:\n      - title: Code\n        code: { lang: pyhton, src: \"print(1)\" }\n",
    );
    let out = build_in(dir.path(), &["deck.yaml"]).success();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr);
    assert!(stderr.contains("unknown language `pyhton`"), "{stderr}");
    assert!(stderr.contains("did you mean `python`"), "{stderr}");
    assert!(stderr.contains("deck.yaml:7:23"), "{stderr}");
    assert!(pdf_text(&dir.path().join("deck.pdf")).contains("print(1)"));
}

#[test]
fn a_code_file_outside_the_folder_or_not_text_is_refused_at_its_line() {
    let outer = tempfile::tempdir().unwrap();
    let dir = outer.path().join("deck");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(outer.path().join("secret.go"), "package x\n").unwrap();
    std::fs::write(dir.join("bin.go"), b"pa\0ck").unwrap();
    std::fs::write(dir.join("latin1.go"), b"caf\xe9\n").unwrap();
    std::fs::write(dir.join("short.go"), "a\nb\n").unwrap();
    std::fs::create_dir(dir.join("folder.go")).unwrap();
    let cases = [
        ("../secret.go", "", "points outside the outline's folder"),
        ("/etc/hostname", "", "outside the outline's folder"),
        ("bin.go", "", "is a binary file"),
        (
            "latin1.go",
            "",
            "is not UTF-8 text (invalid byte at offset 3)",
        ),
        (
            "short.go",
            ", lines: \"1-9\"",
            "has 2 lines; `lines` asks for 1-9",
        ),
        (
            "short.go",
            ", lines: \"30-10\"",
            "`30-10` ends before it starts",
        ),
        ("short.go", ", lines: \"0\"", "lines count from 1"),
        ("folder.go", "", "folder.go"),
    ];
    for (file, more, expected) in cases {
        let yaml = format!(
            "title: F\nlang: en\nsections:\n  - title: S\n    slides:\n      - title: Code\n        code: {{ file: \"{file}\"{more} }}\n"
        );
        std::fs::write(dir.join("deck.yaml"), yaml).unwrap();
        let out = build_in(&dir, &["deck.yaml"]).code(1);
        let stderr = String::from_utf8_lossy(&out.get_output().stderr);
        assert!(stderr.contains(expected), "{file}{more}: {stderr}");
        // At the value at fault: inside the file's quotes, or at `lines`.
        let column = if more.is_empty() { 24 } else { 43 };
        assert!(
            stderr.contains(&format!("deck.yaml:7:{column}")),
            "{file}{more}: {stderr}"
        );
        assert!(!stderr.contains("panicked"));
        assert!(!dir.join("deck.pdf").exists());
    }
}

#[test]
fn a_ten_thousand_row_csv_table_is_refused_at_once_with_how_many_rows_fit() {
    let mut csv = String::from("n,label\n");
    for i in 0..10_000 {
        csv += &format!("{i},row {i}\n");
    }
    let dir = deck(
        "title: T\nlang: en\nsections:\n  - title: S\n    slides:\n      - title: Big\n        table: { data: big.csv }\n",
    );
    std::fs::write(dir.path().join("big.csv"), csv).unwrap();
    let out = build_in(dir.path(), &["deck.yaml"]).code(1);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr);
    assert!(
        stderr.contains("this table has 10000 rows; a table holds at most 300")
            && stderr.contains("a slide shows about 9 single-line rows")
            && stderr.contains("deck.yaml:7:16"),
        "{stderr}"
    );
    assert!(!dir.path().join("deck.pdf").exists());
}

#[test]
fn code_text_prints_verbatim_whatever_it_holds() {
    let hostile = [
        "#set page(fill: red)",
        "$x$ and $5",
        "] ) } `` ``` \"\"\"",
        "{{term}} // comment /* block */",
        "<label> @ref \\ \\\\",
        "容器 😀 ✓",
    ];
    let src: String = hostile
        .iter()
        .map(|l| format!("            {l}\n"))
        .collect();
    let dir = deck(&format!(
        "title: H\nlang: en\nsections:\n  - title: S\n    slides:\n      - title: Hostile\n        code:\n          lang: rust\n          src: |\n{src}"
    ));
    build_in(dir.path(), &["deck.yaml"]).success();
    let text = pdf_page_text(&dir.path().join("deck.pdf"), 4);
    for line in hostile {
        assert!(squash(&text).contains(&squash(line)), "{line:?} in {text}");
    }
}

#[test]
fn a_theme_folder_sets_the_code_colours() {
    let (dir, _) = examples(&[]);
    let theme = dir.path().join("mine");
    std::fs::create_dir(&theme).unwrap();
    std::fs::write(
        theme.join("theme.yaml"),
        "description: mine\npalette:\n  background: \"#ffffff\"\n  text: \"#111111\"\n  accent: \"#1f4e8c\"\n  muted: \"#555555\"\n  surface: \"#eeeeee\"\n  on-accent: \"#ffffff\"\n  code-bg: \"#fff4d6\"\n  code-keyword: \"#8b0000\"\n  series: [\"#1f4e8c\", \"#c2410c\"]\n",
    )
    .unwrap();
    build_in(
        dir.path(),
        &["deck.yaml", "--theme", "mine", "-o", "mine.pdf"],
    )
    .success();
    let doc = Pdf::open(&dir.path().join("mine.pdf"));
    let near = |c: &(f64, f64, f64), hex: u32| {
        let (r, g, b) = ((hex >> 16) & 255, (hex >> 8) & 255, hex & 255);
        (c.0 - r as f64 / 255.0).abs() < 0.01
            && (c.1 - g as f64 / 255.0).abs() < 0.01
            && (c.2 - b as f64 / 255.0).abs() < 0.01
    };
    let colours = doc.fill_colours(6);
    assert!(
        colours.iter().any(|c| near(c, 0xfff4d6)),
        "code-bg from the folder"
    );
    // No code-dim given: dimmed lines take the muted colour.
    let step1 = doc.fill_colours(4);
    assert!(
        step1.iter().any(|c| near(c, 0x555555)),
        "muted for dimmed lines"
    );
}

#[test]
fn chinese_in_code_keeps_its_natural_width_and_extracts_as_written() {
    let dir = deck(
        "title: Code\nlang: zh\nopening:\n  - title: 构建\n    code: { src: \"cargo build  # 构建内核\\n├── src\\n└── Cargo.toml\", lang: sh }\n",
    );
    build_in(dir.path(), &["deck.yaml"]).success();
    let text = pdf_page_text(&dir.path().join("deck.pdf"), 2);
    // Boxed to two columns, each character was a word of its own.
    assert!(text.contains("构建内核"), "{text}");
}

#[test]
fn a_table_of_fourteen_short_rows_takes_one_slide() {
    let rows: String = (1..=14)
        .map(|i| format!("        - [Item {i}, \"{}\", ok]\n", i * 3))
        .collect();
    let dir = deck(&format!(
        "title: T\nlang: en\nopening:\n  - title: Fourteen rows\n    table:\n      header: [Name, Value, State]\n      rows:\n{rows}"
    ));
    let out = build_in(dir.path(), &["deck.yaml"]).success();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(!stderr.contains("continue"), "{stderr}");
    let pdf = Pdf::open(&dir.path().join("deck.pdf"));
    assert_eq!(pdf.page_count(), 2, "the title page and one slide");
    assert!(pdf.page_text(2).contains("Item 14"));
}

#[test]
fn a_code_line_too_long_for_its_slide_is_never_split_and_is_warned_about() {
    let line: String = (0..40)
        .map(|i| format!("value{i}"))
        .collect::<Vec<_>>()
        .join(" + ");
    let dir = deck(&format!(
        "title: T\nlang: en\nopening:\n  - title: Long line\n    code: {{ src: \"x = {line}\\nshort = 1\", lang: python }}\n"
    ));
    let out = build_in(dir.path(), &["deck.yaml"]).success();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(
        stderr.contains("this code does not fit its slide"),
        "{stderr}"
    );
    let pdf = Pdf::open(&dir.path().join("deck.pdf"));
    let (first, last) = (
        pdf.position(2, "value0").unwrap(),
        pdf.position(2, "value39").unwrap(),
    );
    assert!((first.1 - last.1).abs() < 0.5, "split: {first:?} {last:?}");
}

#[test]
fn bare_addresses_are_links_that_end_before_the_punctuation() {
    let (_dir, pdf) = built_pdf(
        "title: L\nlang: zh\nopening:\n  - title: 参考资料\n    bullets:\n      - 'Borg 论文见 https://research.google/pubs/pub43438/。'\n      - 'See https://kubernetes.io/docs/concepts/, then [the blog](https://kubernetes.io/blog/).'\n      - '`https://not.a/link` in code'\n",
    );
    assert_eq!(
        pdf.link_uris(2),
        [
            "https://research.google/pubs/pub43438/",
            "https://kubernetes.io/docs/concepts/",
            "https://kubernetes.io/blog/"
        ]
    );
}
