//! The Mermaid reader's unit tests.

use super::*;
use crate::diagnostics::FileRef;

fn at(range: Range<usize>) -> Span {
    Span::new(FileRef(0), range)
}

fn flow(src: &str) -> (Flow, Vec<Diagnostic>) {
    match parse(src, &at) {
        Ok((Graph::Flow(f), w)) => (f, w),
        other => panic!("not a flowchart: {other:?}"),
    }
}

fn seq(src: &str) -> (Sequence, Vec<Diagnostic>) {
    match parse(src, &at) {
        Ok((Graph::Sequence(s), w)) => (s, w),
        other => panic!("not a sequence diagram: {other:?}"),
    }
}

/// The error and the source text it points at.
fn fails(src: &str) -> (Diagnostic, &str) {
    let d = parse(src, &at).unwrap_err();
    let range = d.span.clone().map(|s| s.range).unwrap_or_default();
    (d, &src[range])
}

fn ids<'f>(f: &'f Flow, nodes: &[usize]) -> Vec<&'f str> {
    nodes.iter().map(|&n| f.nodes[n].id.as_str()).collect()
}

/// Each group's title and its nodes' ids.
fn titled(f: &Flow) -> Vec<(&str, Vec<&str>)> {
    f.groups
        .iter()
        .map(|g| (g.label.value.as_str(), ids(f, &g.nodes)))
        .collect()
}

#[test]
fn reads_every_shape() {
    let src = "flowchart LR\n  a[Box] --> b(Round)\n  c([Pill]) --> d[(DB)]\n  e{Ok?} --> f((Hub))\n  g[[Sub]] --> h\n";
    let (f, w) = flow(src);
    assert!(w.is_empty(), "{w:?}");
    assert_eq!(f.direction, Direction::Right);
    let got: Vec<_> = f
        .nodes
        .iter()
        .map(|n| (n.id.as_str(), n.label.value.as_str(), n.shape))
        .collect();
    assert_eq!(
        got,
        [
            ("a", "Box", Shape::Box),
            ("b", "Round", Shape::Round),
            ("c", "Pill", Shape::Stadium),
            ("d", "DB", Shape::Cylinder),
            ("e", "Ok?", Shape::Diamond),
            ("f", "Hub", Shape::Circle),
            ("g", "Sub", Shape::Subroutine),
            ("h", "h", Shape::Box),
        ]
    );
    assert_eq!(&src[f.nodes[3].label.span.range.clone()], "DB");
    assert_eq!(f.edges.len(), 4);
}

#[test]
fn chains_and_ampersands_make_every_edge() {
    let src = "graph TD\n  x-ray & b_2 --> c & d-->e\n";
    let (f, _) = flow(src);
    let pairs: Vec<_> = f
        .edges
        .iter()
        .map(|e| (f.nodes[e.from].id.as_str(), f.nodes[e.to].id.as_str()))
        .collect();
    assert_eq!(
        pairs,
        [
            ("x-ray", "c"),
            ("x-ray", "d"),
            ("b_2", "c"),
            ("b_2", "d"),
            ("c", "e"),
            ("d", "e")
        ]
    );
    assert_eq!(
        &src[f.edges[0].span.range.clone()],
        "x-ray & b_2 --> c & d-->e"
    );
}

#[test]
fn reads_every_arrow() {
    let src = "flowchart LR\na --> b\na --- c\na -.-> d\na ==> e\na --o f\na --x g\na <--> h\na ---> i\na -.- j\n";
    let (f, _) = flow(src);
    let got: Vec<_> = f.edges.iter().map(|e| (e.stroke, e.head, e.tail)).collect();
    use crate::outline::diagram::Head::{Arrow, Circle, Cross, None as No};
    use crate::outline::diagram::Stroke::{Dashed, Solid, Thick};
    assert_eq!(
        got,
        [
            (Solid, Arrow, No),
            (Solid, No, No),
            (Dashed, Arrow, No),
            (Thick, Arrow, No),
            (Solid, Circle, No),
            (Solid, Cross, No),
            (Solid, Arrow, Arrow),
            (Solid, Arrow, No),
            (Dashed, No, No),
        ]
    );
}

#[test]
fn reads_labels_in_both_syntaxes() {
    let src = "flowchart LR\na -->|yes| b\na -- no --> c\na -. maybe .-> d\na == sure ==> e\na -->|\"x | y\"| f\n";
    let (f, _) = flow(src);
    let got: Vec<_> = f
        .edges
        .iter()
        .map(|e| {
            let label = e.label.as_ref().unwrap();
            (
                label.value.as_str(),
                &src[label.span.range.clone()],
                e.stroke,
                e.head,
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("yes", "yes", Stroke::Solid, Head::Arrow),
            ("no", "no", Stroke::Solid, Head::Arrow),
            ("maybe", "maybe", Stroke::Dashed, Head::Arrow),
            ("sure", "sure", Stroke::Thick, Head::Arrow),
            ("x | y", "x | y", Stroke::Solid, Head::Arrow),
        ]
    );
    assert_eq!(ids(&f, &[f.edges[4].to]), ["f"]);
}

#[test]
fn subgraphs_become_flat_groups() {
    let src = "flowchart TB\n  subgraph cp [控制平面]\n    direction LR\n    api[API] --> etcd[(etcd)]\n    subgraph inner[\"Inner one\"]\n      sched\n    end\n  end\n  subgraph Worker nodes\n    kubelet\n    api\n  end\n  kubelet --> api\n";
    let (f, w) = flow(src);
    let groups = titled(&f);
    assert_eq!(
        groups,
        [
            ("控制平面", vec!["etcd"]),
            ("Inner one", vec!["sched"]),
            ("Worker nodes", vec!["kubelet", "api"]),
        ]
    );
    assert_eq!(w.len(), 2, "direction and nesting: {w:?}");
    assert_eq!(f.edges.len(), 2);
}

#[test]
fn skips_comments_and_semicolons() {
    let src = "%% a comment first\n%%{init: {}}%%\ngraph;\n  %% another\n  a --> b;\n\n  b --> c\n";
    let (f, w) = flow(src);
    // No warning; the ignored directive is a note, as the issue asks.
    assert_eq!(w.len(), 1, "{w:?}");
    assert_eq!(w[0].severity, crate::diagnostics::Severity::Note);
    assert_eq!(f.direction, Direction::Down);
    assert_eq!(f.nodes.len(), 3);
    assert_eq!(&src[f.edges[0].span.range.clone()], "a --> b");
}

#[test]
fn quoted_cjk_labels_keep_brackets_and_break_lines() {
    let src = "flowchart LR\n  控制平面[\"调度器<br/>控制器 [核心]\"] --> 节点(工作<br>节点)\n";
    let (f, _) = flow(src);
    assert_eq!(f.nodes[0].id, "控制平面");
    assert_eq!(f.nodes[0].label.value, "调度器\n控制器 [核心]");
    assert_eq!(
        &src[f.nodes[0].label.span.range.clone()],
        "调度器<br/>控制器 [核心]"
    );
    assert_eq!(f.nodes[1].label.value, "工作\n节点");
    assert_eq!(f.nodes[1].shape, Shape::Round);
}

#[test]
fn fills_map_to_the_palette_with_a_note_and_other_styling_warns_once() {
    let src = "flowchart LR\n  classDef hot fill:#f00\n  classDef cold fill:#00f\n  a:::hot --> b:::cold\n  style b fill:#0f0\n  class a hot\n  linkStyle 0 stroke:red\n  classDef thin stroke-width:1px\n";
    let (f, w) = flow(src);
    assert_eq!(f.edges.len(), 1);
    // `style` wins over the class.
    assert_eq!(f.nodes[0].fill, Some(Fill::Bad));
    assert_eq!(f.nodes[1].fill, Some(Fill::Good));
    let notes: Vec<_> = w.iter().filter(|d| !d.is_warning()).collect();
    let warnings: Vec<_> = w.iter().filter(|d| d.is_warning()).collect();
    assert_eq!(notes.len(), 3, "{w:?}");
    assert!(notes[0].message.contains("`#f00`") && notes[0].message.contains("`bad`"));
    assert_eq!(&src[notes[0].span.clone().unwrap().range], "hot fill:#f00");
    assert_eq!(warnings.len(), 2, "{w:?}");
    assert!(warnings[0].message.contains("`linkStyle`"));
    // A `classDef` without a fill is styling lectern leaves to the theme.
    assert!(warnings[1].message.contains("`classDef`"));
    assert_eq!(&src[warnings[1].span.clone().unwrap().range], "classDef");
}

#[test]
fn reads_a_sequence_diagram() {
    let src = "sequenceDiagram\n  autonumber\n  participant C as 客户端<br>(浏览器)\n  actor U as User\n  U->>+C: 点击\n  alt 已登录\n    C-->>S: 请求\n  else 未登录\n    C-)S: 跳转\n  end\n  Note over S,C: 双向\n  note left of U: 想\n  C-->>-U: 显示\n  S -x C\n";
    let (s, w) = seq(src);
    assert!(w.is_empty());
    assert!(s.autonumber);
    let people: Vec<_> = s
        .participants
        .iter()
        .map(|p| (p.id.as_str(), p.label.value.as_str(), p.actor))
        .collect();
    assert_eq!(
        people,
        [
            ("C", "客户端\n(浏览器)", false),
            ("U", "User", true),
            ("S", "S", false)
        ]
    );
    let events: Vec<String> = s
        .events
        .iter()
        .map(|e| match e {
            Event::Message(m) => {
                format!(
                    "msg {} {} {} {:?} {}",
                    m.from, m.to, m.dashed, m.head, m.text.value
                )
            }
            Event::Note {
                side,
                first,
                last,
                text,
            } => format!("note {side:?} {first} {last} {}", text.value),
            Event::Open { kind, label } => format!("open {} {}", kind.keyword(), label.value),
            Event::Branch { label } => format!("branch {}", label.value),
            Event::Close => "close".into(),
            Event::Activate(i) => format!("on {i}"),
            Event::Deactivate(i) => format!("off {i}"),
        })
        .collect();
    assert_eq!(
        events,
        [
            "msg 1 0 false Arrow 点击",
            "on 0",
            "open alt 已登录",
            "msg 0 2 true Arrow 请求",
            "branch 未登录",
            "msg 0 2 false Open 跳转",
            "close",
            "note Over 0 2 双向",
            "note Left 1 1 想",
            "msg 0 1 true Arrow 显示",
            "off 0",
            "msg 2 0 false Cross ",
        ]
    );
    let first = s.messages().next().unwrap();
    assert_eq!(&src[first.span.range.clone()], "U->>+C: 点击");
    assert_eq!(&src[first.text.span.range.clone()], "点击");
}

#[test]
fn sequence_frames_must_balance() {
    let (d, at) = fails("sequenceDiagram\n  A->>B: x\n  else nope\n");
    assert!(
        d.message.contains("`else` outside `alt … end`"),
        "{}",
        d.message
    );
    assert_eq!(at, "else");
    let (d, at) = fails("sequenceDiagram\n  loop forever\n    A->>B: x\n");
    assert!(d.message.contains("never closed"));
    assert_eq!(at, "loop");
    let (_, at) = fails("sequenceDiagram\n  A->>B: x\n  end\n");
    assert_eq!(at, "end");
    let (d, at) = fails("sequenceDiagram\n  B-->>-A: x\n");
    assert!(d.message.contains("`B` is not active"), "{}", d.message);
    assert_eq!(at, "-");
}

#[test]
fn other_kinds_and_bad_lines_are_errors_at_their_token() {
    let (d, at) = fails("gantt\n  title Plan\n");
    assert_eq!(
        d.message,
        "lectern draws flowcharts and sequence diagrams; `gantt` is another kind of Mermaid diagram"
    );
    assert!(d.hints[0].contains("timeline"));
    assert_eq!(at, "gantt");
    let (_, at) = fails("flowchart LR\n  a --> b\n  click a call cb()\n");
    assert_eq!(at, "click");
    let (d, at) = fails("flowchart LR\n  subgraph one\n  a --> b\n");
    assert!(d.message.contains("never closed"));
    assert_eq!(at, "subgraph one");
    let (_, at) = fails("flowchart LR\n  a --> b\n  end\n");
    assert_eq!(at, "end");
    let (d, at) = fails("flowchart LF\n  a --> b\n");
    assert_eq!(at, "LF");
    assert_eq!(d.hints, ["did you mean `LR`?"]);
    let (d, at) = fails("flowchart LR\n  a --> b c\n");
    assert_eq!(d.message, "expected an arrow here");
    assert_eq!(at, "c");
    let (d, at) = fails("flowchart LR\n  a -- b\n");
    assert!(d.message.contains("never closed"));
    assert_eq!(at, "--");
}

#[test]
fn too_many_nodes_is_an_error_with_the_count() {
    let mut src = String::from("flowchart LR\n");
    for i in 0..=MAX_NODES {
        src.push_str(&format!("  n{i}\n"));
    }
    let (d, at) = fails(&src);
    assert_eq!(
        d.message,
        format!(
            "this diagram has {} nodes; a slide holds at most {MAX_NODES}",
            MAX_NODES + 1
        )
    );
    assert_eq!(at, format!("n{MAX_NODES}"));
}

/// The edges of a flowchart written in the YAML form.
fn yaml_edges(edges: &[String]) -> Vec<Edge> {
    let list: String = edges
        .iter()
        .map(|e| format!("        - \"{e}\"\n"))
        .collect();
    let yaml = format!(
        "title: D\nlang: en\nopening:\n  - title: A\n    diagram:\n      nodes: [a, b]\n      edges:\n{list}"
    );
    let mut sources = crate::diagnostics::Sources::default();
    let file = sources.add("d.yaml", None, yaml);
    let (outline, _) = crate::outline::parse(file, sources.get(file)).expect("parses");
    match &outline.opening[0].body[0].block {
        crate::outline::Block::Diagram(d) => match &d.graph {
            Graph::Flow(f) => f.edges.clone(),
            other => panic!("{other:?}"),
        },
        other => panic!("{other:?}"),
    }
}

#[test]
fn every_arrow_means_the_same_in_mermaid_and_in_yaml() {
    let arrows: Vec<String> = FLOW_ARROWS.iter().map(|a| format!("a {} b", a.0)).collect();
    for (edge, &(arrow, stroke, head, tail)) in yaml_edges(&arrows).iter().zip(FLOW_ARROWS) {
        assert_eq!(
            (edge.stroke, edge.head, edge.tail),
            (stroke, head, tail),
            "YAML {arrow}"
        );
        if YAML_ONLY_ARROWS.contains(&arrow) {
            continue;
        }
        let (f, _) = flow(&format!("flowchart LR\n  a {arrow} b\n"));
        let e = &f.edges[0];
        assert_eq!(
            (e.stroke, e.head, e.tail),
            (stroke, head, tail),
            "Mermaid {arrow}"
        );
    }
}

#[test]
fn a_link_inside_a_subgraph_takes_its_free_nodes_and_a_later_subgraph_is_reached() {
    // As Mermaid reads them: `svc`, named first outside any subgraph, joins
    // `cluster` through a link inside it; `db` stays out; `pool` is named
    // by two links before it is defined, and is the subgraph there too.
    let src = "flowchart TB\n  svc[Service] --> db\n  start --> pool\n  pool --> finish\n  subgraph cluster\n    svc --> pod[Pod]\n  end\n  subgraph pool [Worker pool]\n    w1\n    w2\n  end\n";
    let (f, _) = flow(src);
    let groups = titled(&f);
    assert_eq!(
        groups,
        [
            ("cluster", vec!["pod", "svc"]),
            ("Worker pool", vec!["w1", "w2"])
        ]
    );
    assert!(f.nodes.iter().all(|n| n.id != "pool"), "{:?}", f.nodes);
    let ends: Vec<_> = f
        .edges
        .iter()
        .map(|e| {
            (
                f.nodes[e.from].id.as_str(),
                f.nodes[e.to].id.as_str(),
                e.from_group,
                e.to_group,
            )
        })
        .collect();
    assert_eq!(
        ends,
        [
            ("svc", "db", None, None),
            ("start", "w1", None, Some(1)),
            ("w2", "finish", Some(1), None),
            ("svc", "pod", None, None),
        ]
    );
}

#[test]
fn a_subgraph_direction_holds_unless_its_nodes_are_linked_outside() {
    // `pool` is linked only through itself: it runs left to right. `mixed`
    // has a node linked outside: Mermaid ignores its direction, and a note
    // says so at its `direction` line.
    let src = "flowchart TB\n  c --> pool\n  subgraph pool\n    direction LR\n    w1 --> w2\n  end\n  subgraph mixed\n    direction RL\n    m1 --> m2\n  end\n  m2 --> c\n  direction LR\n";
    let (f, w) = flow(src);
    assert_eq!(f.groups[0].direction, Some(Direction::Right));
    assert_eq!(f.own_direction(0), Some(Direction::Right));
    assert_eq!(f.groups[1].direction, Some(Direction::Left));
    assert_eq!(f.own_direction(1), None);
    let notes: Vec<(&str, &str)> = w
        .iter()
        .map(|d| {
            let r = d.span.clone().map(|s| s.range).unwrap_or_default();
            (d.message.as_str(), &src[r])
        })
        .collect();
    assert!(
        notes
            .iter()
            .any(|(m, at)| m.contains("runs the chart's way") && at.trim() == "direction RL"),
        "{notes:?}"
    );
    assert!(
        notes
            .iter()
            .any(|(m, at)| m.contains("outside a subgraph") && *at == "direction"),
        "{notes:?}"
    );
    // A bad direction is an error at its word.
    let (e, at) = fails("flowchart TB\n  subgraph s\n    direction XY\n    a\n  end\n");
    assert!(e.message.contains("XY") && at == "XY", "{e:?}");
}
