//! Mermaid as pasted: the syntax lectern reads since the real-diagram
//! corpus (frames, boxes, subgraph edges, invisible links), and its
//! mistakes located at their line.

use crate::util::*;

/// A deck with one Mermaid diagram, its lines indented under `mermaid: |`
/// (the diagram's first line is line 7 of deck.yaml).
fn mermaid_deck(src: &str) -> String {
    let body: String = src.lines().map(|l| format!("        {l}\n")).collect();
    format!("title: M\nlang: en\nopening:\n  - title: D\n    diagram:\n      mermaid: |\n{body}")
}

#[test]
fn critical_break_and_box_frames_print_their_words() {
    let (_dir, pdf) = built_pdf(&mermaid_deck(
        "sequenceDiagram\n  box Aqua Front end\n    participant A as Browser\n    participant B as Server\n  end\n  critical Open a session\n    A ->> B: connect\n  option Timeout\n    A -->> A: retry\n  end\n  break Quota reached\n    B -->> A: 429\n  end\n",
    ));
    let text = squash(&pdf.page_text(2));
    for words in [
        "Frontend",
        "critical",
        "[Openasession]",
        "[Timeout]",
        "break",
        "[Quotareached]",
    ] {
        assert!(text.contains(words), "no {words} in {text}");
    }
    // The box's label stands above the participants' heads.
    let (_, label) = pdf.position(2, "Front").expect("box label");
    let (_, head) = pdf.position(2, "Browser").expect("head");
    assert!(label > head + 5.0, "{label} {head}");
}

#[test]
fn a_box_inside_a_box_is_an_error_at_its_line() {
    let dir = deck(&mermaid_deck(
        "sequenceDiagram\n  box Outer\n    participant A\n    box Inner\n      participant B\n    end\n  end\n",
    ));
    let err = fails_with(dir.path(), &["build", "deck.yaml"], 1);
    assert!(
        err.contains("a Mermaid `box` inside a `box`") && err.contains("deck.yaml:10:13"),
        "{err}"
    );
}

#[test]
fn a_chain_of_ten_thousand_ampersands_is_refused_at_its_line_at_once() {
    let chain: Vec<String> = (0..10_000).map(|i| format!("n{i}")).collect();
    let dir = deck(&mermaid_deck(&format!(
        "flowchart LR\n  {} --> end1\n",
        chain.join(" & ")
    )));
    let err = fails_with(dir.path(), &["build", "deck.yaml"], 1);
    assert!(err.contains("deck.yaml:8:"), "{err}");
    assert!(err.contains("10001 nodes; a slide holds at most"), "{err}");
}

#[test]
fn subgraph_edges_invisible_links_and_new_shapes_build() {
    let (_dir, pdf) = built_pdf(&mermaid_deck(
        "flowchart LR\n  subgraph api [API]\n    a{{Prepare}} ~~~ b[/Input/]\n  end\n  api --> c>Flag]\n  c --> d(((Done)))\n",
    ));
    let text = squash(&pdf.page_text(2));
    for words in ["API", "Prepare", "Input", "Flag", "Done"] {
        assert!(text.contains(words), "no {words} in {text}");
    }
    assert!(!text.contains("~~~") && !text.contains("api"), "{text}");
}

#[test]
fn create_and_destroy_build_with_a_warning_at_their_line() {
    let dir = deck(&mermaid_deck(
        "sequenceDiagram\n  participant A\n  create participant B\n  A ->> B: hello\n  destroy B\n  B -->> A: bye\n",
    ));
    says(
        build_in(dir.path(), &["deck.yaml"]).success(),
        &[
            "a created participant's lifeline is drawn from the top",
            "deck.yaml:9:11",
            "a destroyed participant's lifeline is drawn to the bottom",
            "deck.yaml:11:11",
        ],
    );
}

#[test]
fn notes_say_what_lectern_chose_and_deny_warnings_lets_them_pass() {
    let dir = deck(&mermaid_deck(
        "---\ntitle: Flow\n---\n%%{init: {'theme': 'dark'}}%%\nflowchart LR\n  a --> b\n",
    ));
    says(
        build_in(dir.path(), &["deck.yaml", "--deny-warnings"]).success(),
        &[
            "note: Mermaid front matter (`---` … `---`) is ignored",
            "note: Mermaid `%%{init}%%` settings are ignored",
            "deck.yaml:10:9",
        ],
    );
    let out = build_in(dir.path(), &["deck.yaml", "--diagnostic-format", "json"]).success();
    let json = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(json.contains("\"severity\":\"note\""), "{json}");
}

/// Whether page `page` fills something in the colour `#rrggbb`.
fn fills(pdf: &crate::pdf::Pdf, page: usize, hex: u32) -> bool {
    let want = [(hex >> 16) & 0xff, (hex >> 8) & 0xff, hex & 0xff].map(|v| f64::from(v) / 255.0);
    pdf.fill_colours(page).iter().any(|c| {
        (c.0 - want[0]).abs() < 0.01 && (c.1 - want[1]).abs() < 0.01 && (c.2 - want[2]).abs() < 0.01
    })
}

#[test]
fn fills_take_the_palette_in_yaml_and_the_nearest_palette_colour_from_mermaid() {
    let (_dir, pdf) = built_pdf(&format!(
        "{}  - title: Y\n    diagram:\n      nodes:\n        - {{ id: x, label: X, fill: bad }}\n        - {{ id: y, label: Y, shape: circle }}\n      edges: [\"x -> y\"]\n",
        mermaid_deck(
            "flowchart LR\n  classDef warn fill:#1a9f40\n  a[Start]:::warn --> b[Check]\n  style b fill:#f96\n"
        )
    ));
    // The academic theme: good #1a7f37 (for a green), c2 #c2410c (for an
    // orange), bad #b42318; filled nodes' text in on-accent (white).
    assert!(
        fills(&pdf, 2, 0x1a7f37) && fills(&pdf, 2, 0xc2410c),
        "{:?}",
        pdf.fill_colours(2)
    );
    assert!(
        fills(&pdf, 3, 0xb42318) && fills(&pdf, 3, 0xffffff),
        "{:?}",
        pdf.fill_colours(3)
    );
    assert!(!fills(&pdf, 3, 0x1a7f37));
}

#[test]
fn an_unknown_fill_or_class_is_reported_at_its_place() {
    let dir = deck(
        "title: M\nlang: en\nopening:\n  - title: D\n    diagram:\n      nodes:\n        - { id: x, fill: acent }\n",
    );
    let err = fails_with(dir.path(), &["build", "deck.yaml"], 1);
    assert!(
        err.contains("unknown fill `acent`")
            && err.contains("did you mean `accent`?")
            && err.contains("deck.yaml:7:26"),
        "{err}"
    );
    let dir = deck(&mermaid_deck("flowchart LR\n  a:::nope --> b\n"));
    says(
        build_in(dir.path(), &["deck.yaml"]).success(),
        &[
            "warning: the class `nope` has no `classDef` with a fill",
            "deck.yaml:8:15",
        ],
    );
}
