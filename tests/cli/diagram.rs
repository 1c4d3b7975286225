//! Diagrams (`diagram:`): the issue's three examples built by the real
//! binary and read back from the PDF (text, pages per reveal step, alt
//! text), hostile labels printed as typed, and a diagram too big for its
//! slide warned about at its line. Overlaps are checked on the geometry
//! (unit tests) and on the PDF's word boxes (the system suite).

use crate::util::*;

/// The issue's examples: a YAML flowchart with groups and reveal, the
/// same in Mermaid, and a sequence diagram stepping through its messages.
const EXAMPLES: &str = r#"title: Diagrams
lang: zh
sections:
  - title: 示例
    slides:
      - title: 控制平面总览
        diagram:
          direction: right
          nodes:
            - { id: cli, label: kubectl, shape: round }
            - { id: api, label: API Server }
            - { id: etcd, label: etcd, shape: cylinder }
            - { id: sched, label: Scheduler }
          edges:
            - "cli -> api: REST"
            - "api -> etcd: 读写"
            - { from: sched, to: api, label: watch, style: dashed }
          groups:
            - { label: 控制平面, nodes: [api, etcd, sched] }
          reveal: nodes
          caption: Kubernetes 控制平面
      - title: 同一张图，Mermaid 写法
        diagram:
          mermaid: |
            flowchart LR
              cli([kubectl]) -->|REST| api[API Server]
              api --> etcd[(etcd)]
              subgraph 控制平面
                api
                etcd
              end
      - title: 一次部署
        diagram:
          kind: sequence
          participants: [kubectl, API Server, etcd, kubelet]
          messages:
            - "kubectl -> API Server: 创建 Deployment"
            - "API Server -> etcd: 写入"
            - "kubelet --> API Server: watch"
          reveal: messages
"#;

/// The pages whose text holds `needle`.
fn pages_with(pdf: &std::path::Path, needle: &str) -> Vec<usize> {
    let (n, _, _) = pdf_pages(pdf);
    (1..=n)
        .filter(|&p| squash(&pdf_page_text(pdf, p)).contains(&squash(needle)))
        .collect()
}

#[test]
fn the_three_examples_build_with_their_text_and_one_page_per_step() {
    let dir = deck(EXAMPLES);
    let out = build_in(dir.path(), &["deck.yaml", "--deny-warnings"]).success();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr);
    assert!(!stderr.contains("warning"), "{stderr}");
    let pdf = dir.path().join("deck.pdf");
    // Four nodes with `reveal: nodes`: four pages, one more node each.
    let steps = pages_with(&pdf, "控制平面总览");
    assert_eq!(steps.len(), 4, "{steps:?}");
    let first = squash(&pdf_page_text(&pdf, steps[0]));
    assert!(
        first.contains("kubectl") && !first.contains("APIServer"),
        "{first}"
    );
    let last = squash(&pdf_page_text(&pdf, steps[3]));
    for word in [
        "kubectl",
        "APIServer",
        "etcd",
        "Scheduler",
        "REST",
        "读写",
        "watch",
        "控制平面",
        "Kubernetes控制平面",
    ] {
        assert!(last.contains(word), "{word} missing from {last}");
    }
    // The steps share one page label.
    let labels = page_labels(&pdf);
    assert!(steps.iter().all(|&p| labels[p - 1] == labels[steps[0] - 1]));
    // The Mermaid version: one page with the same words.
    let mermaid = pages_with(&pdf, "Mermaid写法");
    assert_eq!(mermaid.len(), 1);
    let text = squash(&pdf_page_text(&pdf, mermaid[0]));
    for word in ["kubectl", "REST", "APIServer", "etcd", "控制平面"] {
        assert!(text.contains(word), "{word} missing from {text}");
    }
    // The sequence: three messages, three steps.
    let seq = pages_with(&pdf, "一次部署");
    assert_eq!(seq.len(), 3);
    let first = squash(&pdf_page_text(&pdf, seq[0]));
    assert!(
        first.contains("创建Deployment") && !first.contains("写入"),
        "{first}"
    );
    assert!(squash(&pdf_page_text(&pdf, seq[2])).contains("写入"));
}

#[test]
fn a_diagram_figure_carries_alt_text_generated_from_its_graph() {
    let dir = deck(EXAMPLES);
    build_in(dir.path(), &["deck.yaml"]).success();
    let alts = Pdf::open(&dir.path().join("deck.pdf")).alts();
    assert!(
        alts.iter().any(|a| a.starts_with("Kubernetes 控制平面")
            && a.contains("kubectl → API Server (REST)")
            && a.contains("API Server → etcd (读写)")),
        "{alts:?}"
    );
    assert!(
        alts.iter()
            .any(|a| a.contains("kubectl → API Server: 创建 Deployment")),
        "{alts:?}"
    );
}

#[test]
fn diagram_labels_print_exactly_as_typed() {
    let dir = deck(
        r##"title: Hostile
lang: en
sections:
  - title: S
    slides:
      - title: Labels
        diagram:
          edges:
            - "a -> b: cost $5 #1"
            - "b -> c"
            - "c -> c: retry"
            - "c -> a"
          nodes:
            - { id: a, label: "#set text(red) ] <x> @ref" }
            - { id: b, label: 'back\slash "quoted" \(x\) **no**' }
            - { id: c, label: "中文 «quotes» — dash" }
"##,
    );
    build_in(dir.path(), &["deck.yaml"]).success();
    let text = squash(&pdf_text(&dir.path().join("deck.pdf")));
    for needle in [
        "#settext(red)]<x>@ref",
        "back\\slash\"quoted\"\\(x\\)**no**",
        "cost$5#1",
        "retry",
        "中文«quotes»—dash",
    ] {
        assert!(
            text.contains(&squash(needle)),
            "{needle} missing from {text}"
        );
    }
}

#[test]
fn a_diagram_too_big_for_its_slide_is_drawn_smaller_with_a_warning_at_its_line() {
    let long = "很长的标签".repeat(1000);
    let dir = deck(&format!(
        "title: Big\nlang: zh\nsections:\n  - title: S\n    slides:\n      - title: Big\n        diagram:\n          edges: [\"a -> b\"]\n          nodes:\n            - {{ id: a, label: \"{long}\" }}\n            - b\n"
    ));
    let out = build_in(dir.path(), &["deck.yaml"]).success();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr);
    assert!(stderr.contains("at the readable size"), "{stderr}");
    assert!(stderr.contains("deck.yaml:8:"), "{stderr}");
    // Never cut: the whole label is in the PDF.
    let text = squash(&pdf_text(&dir.path().join("deck.pdf")));
    assert_eq!(text.matches("很长的标签").count(), 1000);
}

#[test]
fn cycles_self_loops_and_a_diagram_in_a_column_build() {
    let dir = deck(
        r#"title: Loops
lang: en
sections:
  - title: S
    slides:
      - title: Control loop
        columns:
          - bullets: [observe, diff, act]
          - diagram:
              direction: down
              edges:
                - "observe -> diff"
                - "diff -> act: drift"
                - "act -> observe"
                - "act -> act: retry"
"#,
    );
    let out = build_in(dir.path(), &["deck.yaml", "--deny-warnings"]).success();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr);
    assert!(!stderr.contains("warning"), "{stderr}");
    let text = squash(&pdf_text(&dir.path().join("deck.pdf")));
    for word in ["observe", "diff", "act", "drift", "retry"] {
        assert!(text.contains(word), "{word}");
    }
}

#[test]
fn every_mermaid_diagram_of_the_corpus_builds_on_a_slide() {
    let (yaml, files) = mermaid_corpus_deck();
    assert!(files >= 30);
    let dir = deck(&yaml);
    let out = build_in(dir.path(), &["deck.yaml"]).success();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr);
    // Styling lines are ignored with a warning, and a wide diagram is
    // drawn smaller with one; nothing else is said.
    for line in stderr.lines().filter(|l| l.starts_with("warning")) {
        assert!(
            line.contains("ignored") || line.contains("at the readable size"),
            "{stderr}"
        );
    }
    let (pages, _, _) = pdf_pages(&dir.path().join("deck.pdf"));
    assert!(pages >= files + 2);
}

#[test]
fn a_tall_diagram_is_drawn_smaller_and_stays_on_its_page() {
    let dir = deck(
        r#"title: Tall
lang: en
sections:
  - title: S
    slides:
      - title: Tall chain
        diagram:
          direction: down
          edges:
            - "one -> two: a"
            - "two -> three: b"
            - "three -> four: c"
            - "four -> five: d"
            - "five -> six: e"
          caption: Six steps down
"#,
    );
    let out = build_in(dir.path(), &["deck.yaml"]).success();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr);
    assert!(stderr.contains("at the readable size"), "{stderr}");
    assert!(!stderr.contains("does not fit on its page"), "{stderr}");
    // Laid on its side, it would fit: the hint says how.
    assert!(stderr.contains("drawn left to right it fits"), "{stderr}");
    assert!(stderr.contains("deck.yaml:8:"), "{stderr}");
    let pdf = dir.path().join("deck.pdf");
    let pages = pages_with(&pdf, "Tallchain");
    assert_eq!(pages.len(), 1, "{pages:?}");
    let text = squash(&pdf_page_text(&pdf, pages[0]));
    for word in ["one", "six", "Sixstepsdown"] {
        assert!(text.contains(word), "{word} missing from {text}");
    }
}

#[test]
fn a_tall_mermaid_chart_drawn_as_the_hint_says_fits_at_the_readable_size() {
    let chart = |direction: &str| {
        format!(
            "title: Flow
lang: zh
sections:
  - title: S
    slides:
      - title: 发布流程
        diagram:
          mermaid: |
            flowchart {direction}
              A[提交代码] -->|触发| B[CI 构建]
              B -->|通过| C[推送镜像]
              B -->|失败| F[通知作者]
              C -->|部署| D[预发环境]
              D -->|验收| E[生产环境]
              F -->|修复| A
"
        )
    };
    let dir = deck(&chart("TD"));
    let out = build_in(dir.path(), &["deck.yaml"]).success();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr);
    assert!(stderr.contains("write `flowchart LR`"), "{stderr}");
    assert!(stderr.contains("`direction: auto`"), "{stderr}");
    let dir = deck(&chart("LR"));
    let out = build_in(dir.path(), &["deck.yaml"]).success();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr);
    assert!(!stderr.contains("readable size"), "{stderr}");
    let text = squash(&pdf_text(&dir.path().join("deck.pdf")));
    for label in ["提交代码", "通知作者", "生产环境", "修复", "验收"] {
        assert!(text.contains(label), "{label} missing from {text}");
    }
}

#[test]
fn the_readme_examples_build_as_written() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let section = &readme[readme.find("## Diagrams").expect("a Diagrams section")..];
    let start = section.find("```yaml\n").expect("a YAML example") + 8;
    let example = &section[start..start + section[start..].find("```").unwrap()];
    let mut yaml = String::from("title: README\nlang: zh\nsections:\n  - title: S\n    slides:\n");
    for line in example.lines() {
        yaml.push_str(&format!("      {line}\n"));
    }
    let dir = deck(&yaml);
    build_in(dir.path(), &["deck.yaml", "--deny-warnings"]).success();
    let pdf = dir.path().join("deck.pdf");
    // Four nodes revealed one by one: four pages.
    assert_eq!(pages_with(&pdf, "控制平面总览").len(), 4);
    let mermaid = squash(&pdf_page_text(&pdf, pages_with(&pdf, "从Mermaid")[0]));
    for word in [
        "gitpush",
        "CI构建镜像",
        "测试通过？",
        "镜像仓库",
        "修复",
        "是",
        "否",
    ] {
        assert!(mermaid.contains(word), "{word} missing from {mermaid}");
    }
    // The note is drawn, on the sequence's last step.
    let seq = pages_with(&pdf, "一次部署");
    assert!(seq.len() >= 3, "{seq:?}");
    let last = squash(&pdf_page_text(&pdf, *seq.last().unwrap()));
    assert!(
        last.contains("期望状态落盘") && last.contains("watch"),
        "{last}"
    );
}

#[test]
fn a_loop_or_alt_without_a_condition_is_drawn_without_empty_brackets() {
    let dir = deck(
        "title: D\nlang: en\nsections:\n  - title: S\n    slides:\n      - title: Frames\n        diagram:\n          mermaid: |\n            sequenceDiagram\n              loop\n                A->>B: ping\n              end\n              alt\n                B->>A: pong\n              else timeout\n                B->>A: nothing\n              end\n",
    );
    build_in(dir.path(), &["deck.yaml", "--deny-warnings"]).success();
    let text = Pdf::open(&dir.path().join("deck.pdf")).page_text(4);
    assert!(
        text.contains("ping") && text.contains("[timeout]"),
        "{text}"
    );
    assert!(!text.contains("[]") && !text.contains("[ ]"), "{text}");
}

/// The real Mermaid diagrams of `tests/fixtures/diagrams/real/` (sources
/// and licences in its SOURCES.md), one deck each: at least 90% build, and
/// none prints Mermaid syntax.
#[test]
fn real_mermaid_diagrams_from_public_repositories_build() {
    let folder = root().join("tests/fixtures/diagrams/real");
    let mut files: Vec<_> = std::fs::read_dir(&folder)
        .expect("real diagrams")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "mmd"))
        .collect();
    files.sort();
    assert!(files.len() >= 40, "{} diagrams", files.len());
    let mut failed = Vec::new();
    for f in &files {
        let src = std::fs::read_to_string(f).expect("read");
        let body: String = src.lines().map(|l| format!("        {l}\n")).collect();
        let dir = deck(&format!(
            "title: D\nlang: en\nopening:\n  - title: D\n    diagram:\n      mermaid: |\n{body}"
        ));
        let out = lectern()
            .current_dir(dir.path())
            .args(["build", "deck.yaml"])
            .timeout(std::time::Duration::from_secs(30))
            .output()
            .expect("lectern runs");
        if !out.status.success() {
            failed.push(f.file_name().map(|n| n.to_string_lossy().into_owned()));
            continue;
        }
        let text = pdf_text(&dir.path().join("deck.pdf"));
        for syntax in ["-->", "~~~", ":::", "subgraph", "%%", "classDef", "<br"] {
            assert!(!text.contains(syntax), "{f:?} prints {syntax}: {text}");
        }
    }
    let built = files.len() - failed.len();
    eprintln!(
        "real Mermaid diagrams: {built} of {} build; refused: {failed:?}",
        files.len()
    );
    assert!(built * 10 >= files.len() * 9, "{failed:?}");
}

#[test]
fn a_causal_triangle_placed_with_at_keeps_its_cells() {
    let (_dir, pdf) = built_pdf(
        "title: D\nlang: en\nopening:\n  - title: Triangle\n    diagram:\n      direction: right\n      nodes:\n        - { id: X, label: Treat, at: [0, 1] }\n        - { id: D, label: Dose, at: [1, 0] }\n        - { id: Y, label: Yield, at: [2, 1] }\n      edges: [\"X -> D\", \"D -> Y\", \"X -> Y\"]\n",
    );
    let at = |w: &str| {
        pdf.position(2, w)
            .unwrap_or_else(|| panic!("{w}: {}", pdf.page_text(2)))
    };
    let (x, d, y) = (at("Treat"), at("Dose"), at("Yield"));
    // Three columns, left to right; the middle one a row higher (PDF y
    // grows upwards); the outer two on one row.
    assert!(x.0 + 20.0 < d.0 && d.0 + 20.0 < y.0, "{x:?} {d:?} {y:?}");
    assert!(
        d.1 > x.1 + 20.0 && (x.1 - y.1).abs() < 1.0,
        "{x:?} {d:?} {y:?}"
    );
}

#[test]
fn bad_cells_are_errors_and_a_pin_against_the_flow_is_a_note() {
    let dir = deck(
        "title: D\nlang: en\nopening:\n  - title: A\n    diagram:\n      nodes:\n        - { id: a, at: [-1, 2] }\n        - { id: b, at: [1, 1] }\n        - { id: c, at: [1, 1] }\n",
    );
    let err = fails_with(dir.path(), &["build", "deck.yaml"], 1);
    for piece in [
        "`at` takes a column and a row, whole numbers from 0 to 40",
        "deck.yaml:7:24",
        "two nodes are placed at [1, 1]",
        "deck.yaml:9:24",
        "first placed here",
    ] {
        assert!(err.contains(piece), "no `{piece}` in {err}");
    }
    let dir = deck(
        "title: D\nlang: en\nopening:\n  - title: A\n    diagram:\n      direction: down\n      nodes:\n        - { id: a, at: [0, 1] }\n        - { id: b, at: [1, 1] }\n      edges: [\"a -> b\"]\n",
    );
    says(
        build_in(dir.path(), &["deck.yaml", "--deny-warnings"]).success(),
        &[
            "note: `b` is drawn further along than `at:` says",
            "deck.yaml:9:24",
        ],
    );
}

#[test]
fn the_readme_placement_example_builds_as_a_triangle() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let section = &readme[readme
        .find("**Fill and placement by hand.**")
        .expect("the section")..];
    let start = section.find("```yaml\n").expect("a YAML example") + 8;
    let example = &section[start..start + section[start..].find("```").unwrap()];
    let mut yaml = String::from("title: README\nlang: en\nopening:\n  - title: Triangle\n");
    for line in example.lines() {
        yaml.push_str(&format!(
            "    {}\n",
            line.strip_prefix("  ").unwrap_or(line)
        ));
    }
    let dir = deck(&yaml);
    build_in(dir.path(), &["deck.yaml", "--deny-warnings"]).success();
    let pdf = crate::pdf::Pdf::open(&dir.path().join("deck.pdf"));
    let at = |w: &str| {
        pdf.position(2, w)
            .unwrap_or_else(|| panic!("{w}: {}", pdf.page_text(2)))
    };
    let (x, d, y) = (at("Treatment"), at("Mediator"), at("Outcome"));
    assert!(
        x.0 < d.0 && d.0 < y.0 && d.1 > x.1 + 20.0,
        "{x:?} {d:?} {y:?}"
    );
}

#[test]
fn direction_auto_turns_a_chart_too_tall_for_its_room_with_a_note() {
    let chart = |direction: &str| {
        format!(
            "title: Flow\nlang: zh\nopening:\n  - title: 发布流程\n    diagram:\n      direction: {direction}\n      edges:\n        - \"提交代码 -> CI构建: 触发\"\n        - \"CI构建 -> 推送镜像: 通过\"\n        - \"推送镜像 -> 预发环境: 部署\"\n        - \"预发环境 -> 生产环境: 验收\"\n"
        )
    };
    let dir = deck(&chart("auto"));
    says(
        build_in(dir.path(), &["deck.yaml", "--deny-warnings"]).success(),
        &[
            "note: this chart is too tall for its room top to bottom: it is drawn left to right",
            "deck.yaml:6:7",
        ],
    );
    let pdf = crate::pdf::Pdf::open(&dir.path().join("deck.pdf"));
    let (first, last) = (
        pdf.position(2, "提交代码").unwrap(),
        pdf.position(2, "生产环境").unwrap(),
    );
    assert!(
        last.0 > first.0 + 200.0 && (last.1 - first.1).abs() < 20.0,
        "{first:?} {last:?}"
    );
    // Written `down`, it stays top to bottom, drawn smaller, with a warning.
    let dir = deck(&chart("down"));
    says(
        build_in(dir.path(), &["deck.yaml"]).success(),
        &["warning: this diagram needs"],
    );
}

#[test]
fn a_group_with_its_own_direction_runs_that_way_in_both_forms() {
    // A top-down chart; the group's three stages run left to right. In
    // YAML the group is linked to nothing outside; in Mermaid it is linked
    // through itself (`src --> pipe`), as Mermaid asks.
    let yaml = "title: D\nlang: en\nopening:\n  - title: Yaml\n    diagram:\n      direction: down\n      nodes: [Source, Alpha, Beta, Gamma]\n      edges: [\"Alpha -> Beta\", \"Beta -> Gamma\"]\n      groups:\n        - { label: Pipeline, nodes: [Alpha, Beta, Gamma], direction: right }\n  - title: Mermaid\n    diagram:\n      mermaid: |\n        flowchart TB\n          Source --> pipe\n          subgraph pipe [Pipeline]\n            direction LR\n            Alpha --> Beta --> Gamma\n          end\n";
    let (_dir, pdf) = built_pdf(yaml);
    for page in [2, 3] {
        let at = |w: &str| {
            pdf.position(page, w)
                .unwrap_or_else(|| panic!("{w}: {}", pdf.page_text(page)))
        };
        let (a, b, c) = (at("Alpha"), at("Beta"), at("Gamma"));
        // One row (PDF y grows upwards), left to right.
        assert!(
            (a.1 - b.1).abs() < 1.0 && (b.1 - c.1).abs() < 1.0,
            "page {page}: {a:?} {b:?} {c:?}"
        );
        assert!(
            a.0 + 20.0 < b.0 && b.0 + 20.0 < c.0,
            "page {page}: {a:?} {b:?} {c:?}"
        );
    }
    // In Mermaid the source sits above the group it links to.
    assert!(pdf.position(3, "Source").unwrap().1 > pdf.position(3, "Alpha").unwrap().1 + 20.0);
}
