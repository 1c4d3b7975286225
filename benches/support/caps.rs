//! Outlines that feed ten times a cap: shared by the bounds test (each is a
//! located error or warning) and `cargo bench --bench bounds` (time and
//! peak memory of `lectern check` on each).

/// One cap fed ten times over.
pub struct Case {
    /// What is fed.
    pub name: &'static str,
    /// The outline.
    pub yaml: String,
    /// A phrase of the diagnostic.
    pub says: &'static str,
    /// Where it is placed (`deck.yaml:line:`).
    pub at: &'static str,
}

/// A deck with one slide whose body (after `- title: S\n`) is `body`.
fn slide(body: &str) -> String {
    format!("title: Caps\nlang: en\nopening:\n  - title: S\n{body}")
}

/// Indents each line of `text` by `n` spaces.
fn indent(text: &str, n: usize) -> String {
    let pad = " ".repeat(n);
    text.lines().map(|l| format!("{pad}{l}\n")).collect()
}

/// Every cap, fed ten times over.
pub fn cases() -> Vec<Case> {
    let chain: String = (0..32_000)
        .map(|i| format!("  n{i} --> n{}\n", i + 1))
        .collect();
    let messages: String = (0..2_000).map(|i| format!("  A->>B: m{i}\n")).collect();
    let yaml_edges: String = (0..2_000)
        .map(|i| format!("        - n{} -> n{}\n", i % 10, (i + 1) % 10))
        .collect();
    let events: String = (0..20_000)
        .map(|i| {
            format!(
                "        - {{ date: {}-01, label: e{i}, category: a }}\n",
                1000 + i % 1000
            )
        })
        .collect();
    let blocks: String = "    body:\n".to_string()
        + &(0..1_000)
            .map(|i| format!("      - text: b{i}\n"))
            .collect::<String>();
    let rows: String = (0..3_000)
        .map(|i| format!("        - [r{i}, x]\n"))
        .collect();
    let columns: Vec<String> = (1..=120).map(|i| format!("c{i}")).collect();
    let columns = columns.join(", ");
    let code = "let x = 1; // some code\n".repeat(2_600 * 1024 / 24);
    let nodes: String = (0..800).map(|i| format!("        - n{i}\n")).collect();
    vec![
        Case {
            name: "YAML diagram nodes (800; cap 80)",
            yaml: slide(&format!("    diagram:\n      nodes:\n{nodes}")),
            says: "this diagram lists 800 nodes; a slide holds at most 80",
            at: "deck.yaml:6:7",
        },
        Case {
            name: "Mermaid, 600 KB (32,000 links; cap 80 nodes)",
            yaml: slide(&format!(
                "    diagram:\n      mermaid: |\n{}",
                indent(&format!("flowchart LR\n{chain}"), 8)
            )),
            says: "this diagram has 32001 nodes; a slide holds at most 80",
            at: "deck.yaml:87:19",
        },
        Case {
            name: "Mermaid messages (2,000; cap 200)",
            yaml: slide(&format!(
                "    diagram:\n      mermaid: |\n{}",
                indent(&format!("sequenceDiagram\n{messages}"), 8)
            )),
            says: "this diagram has 2000 messages; a slide holds at most 200",
            at: "deck.yaml:208:11",
        },
        Case {
            name: "YAML diagram edges (2,000; cap 200)",
            yaml: slide(&format!(
                "    diagram:\n      nodes: [{}]\n      edges:\n{yaml_edges}",
                (0..10)
                    .map(|i| format!("n{i}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
            says: "this diagram lists 2000 edges; a slide holds at most 200",
            at: "deck.yaml:7:7",
        },
        Case {
            name: "timeline events (20,000; cap 2,000)",
            yaml: slide(&format!(
                "    chart:\n      kind: timeline\n      categories: {{ a: A }}\n      events:\n{events}"
            )),
            says: "this chart has 20000 events; a chart holds at most 2000",
            at: "deck.yaml:6:7",
        },
        Case {
            name: "blocks on a slide (1,000; cap 100)",
            yaml: slide(&blocks),
            says: "this slide holds more than 100 blocks",
            at: "deck.yaml:106:9",
        },
        Case {
            name: "steps (step 1,000; cap 100)",
            yaml: slide("    text: x\n    step: 1000\n"),
            says: "`1000` is not a step (a slide has at most 100 steps)",
            at: "deck.yaml:6:11",
        },
        Case {
            name: "formula (80 KB; cap 8 KB)",
            yaml: slide(&format!("    math: '{}'\n", "x + ".repeat(20 * 1024))),
            says: "this formula is 80 KB; a formula holds at most 8 KB",
            at: "deck.yaml:5:12",
        },
        Case {
            name: "code (2.5 MB; cap 256 KB)",
            yaml: slide(&format!("    code: |\n{}", indent(&code, 6))),
            says: "a code block holds at most 256 KB",
            at: "deck.yaml:6:",
        },
        Case {
            name: "highlighted lines (400 ranges of 19,999; cap 20,000)",
            yaml: slide(&format!(
                "    code:\n      src: \"a\\nb\\n\"\n      highlight: [\"{}\"]\n",
                vec!["1-19999"; 400].join(",")
            )),
            says: "names more than 20000 lines",
            at: "deck.yaml:7:",
        },
        Case {
            name: "table rows (3,000; cap 300)",
            yaml: slide(&format!(
                "    table:\n      header: [a, b]\n      rows:\n{rows}"
            )),
            says: "this table has 3000 rows; a table holds at most 300",
            at: "deck.yaml:6:7",
        },
        Case {
            name: "table columns (120; cap 12)",
            yaml: slide(&format!(
                "    table:\n      header: [{columns}]\n      rows: [[{columns}]]\n"
            )),
            says: "120 columns",
            at: "deck.yaml:6:",
        },
        Case {
            name: "text field (640 KB; cap 64 KB)",
            yaml: slide(&format!(
                "    text: \"{}\"\n",
                "word ".repeat(640 * 1024 / 5)
            )),
            says: "a text field holds at most 64 KB",
            at: "deck.yaml:5:12",
        },
    ]
}
