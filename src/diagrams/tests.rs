//! The layouts' guarantees, checked on the laid-out geometry: no two boxes
//! or labels overlap, no edge runs through a box it does not connect, a
//! group's box holds its nodes and no other, and everything lies inside
//! the drawing. Checked on random graphs and on every diagram of the
//! Mermaid corpus.

use proptest::prelude::*;

use super::*;
use crate::charts::draw::{Item, Paint};
use crate::diagnostics::{FileRef, Span};
use crate::outline::Spanned;
use crate::outline::diagram::*;

fn text(s: &str) -> Spanned<String> {
    Spanned::new(s.to_string(), Span::new(FileRef(0), 0..0))
}

/// Whether `inner` lies inside `outer` (with a little slack).
fn contains(outer: &Rect, inner: &Rect) -> bool {
    inner.x >= outer.x - 0.5
        && inner.y >= outer.y - 0.5
        && inner.x + inner.w <= outer.x + outer.w + 0.5
        && inner.y + inner.h <= outer.y + outer.h + 0.5
}

/// Whether segment a–b passes through the inside of `r`.
fn crosses(a: (f64, f64), b: (f64, f64), r: &Rect) -> bool {
    let inner = Rect {
        x: r.x + 1.0,
        y: r.y + 1.0,
        w: r.w - 2.0,
        h: r.h - 2.0,
    };
    if inner.w <= 0.0 || inner.h <= 0.0 {
        return false;
    }
    // Sample the segment finely: edges are axis-aligned or short diagonals.
    let steps = 200;
    (0..=steps).any(|i| {
        let t = f64::from(i) / f64::from(steps);
        let (x, y) = (a.0 + (b.0 - a.0) * t, a.1 + (b.1 - a.1) * t);
        x > inner.x && x < inner.x + inner.w && y > inner.y && y < inner.y + inner.h
    })
}

fn near(p: (f64, f64), r: &Rect) -> bool {
    p.0 >= r.x - 3.0 && p.0 <= r.x + r.w + 3.0 && p.1 >= r.y - 3.0 && p.1 <= r.y + r.h + 3.0
}

/// Checks a flowchart's drawing.
pub(crate) fn assert_flow_clean(flow: &Flow, d: &Drawing) {
    let shapes: Vec<Rect> = d
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Shape { rect, .. } => Some(*rect),
            _ => None,
        })
        .collect();
    assert_eq!(shapes.len(), flow.nodes.len());
    // Shapes come in node order, but a group laid out on its own draws
    // its nodes together (in the group's order) where its lowest-numbered
    // node is.
    let mut drawn = Vec::new();
    for n in 0..flow.nodes.len() {
        let own = (0..flow.groups.len())
            .find(|&g| flow.groups[g].nodes.contains(&n) && flow.own_direction(g).is_some());
        match own.map(|g| &flow.groups[g].nodes) {
            Some(members) if members.iter().min() == Some(&n) => drawn.extend(members),
            Some(_) => {}
            None => drawn.push(n),
        }
    }
    let shapes: Vec<Rect> = (0..shapes.len())
        .map(|n| shapes[drawn.iter().position(|&m| m == n).unwrap()])
        .collect();
    let groups: Vec<Rect> = d
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Rect {
                rect,
                fill: Paint::Surface,
            } => Some(*rect),
            _ => None,
        })
        .collect();
    assert_clean_common(d, &shapes, &groups);
    for (i, a) in shapes.iter().enumerate() {
        for b in &shapes[i + 1..] {
            assert!(!a.overlaps(b), "nodes overlap: {a:?} {b:?}");
        }
    }
    // A group's box holds its nodes, and no node of another.
    for (g, rect) in flow
        .groups
        .iter()
        .filter(|g| !g.nodes.is_empty())
        .zip(&groups)
    {
        for (i, s) in shapes.iter().enumerate() {
            if g.nodes.contains(&i) {
                assert!(
                    contains(rect, s),
                    "group {:?} misses node {i}",
                    g.label.value
                );
            } else {
                assert!(
                    !rect.overlaps(s),
                    "group {:?} covers node {i}",
                    g.label.value
                );
            }
        }
    }
    // No two arrowheads meet: heads arriving at a node are spread along
    // its side (ports), so their tips stand apart.
    let tips: Vec<(f64, f64)> = d
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Path { points, head, .. } if *head != Head::None => points.last().copied(),
            _ => None,
        })
        .collect();
    for (i, a) in tips.iter().enumerate() {
        for b in &tips[i + 1..] {
            let apart = (a.0 - b.0).hypot(a.1 - b.1);
            assert!(apart >= 10.0, "arrowheads overlap at {a:?} and {b:?}");
        }
    }
    // No edge through a box it does not connect.
    for item in &d.items {
        let Item::Path { points, .. } = item else {
            continue;
        };
        let (Some(&first), Some(&last)) = (points.first(), points.last()) else {
            continue;
        };
        for s in &shapes {
            if near(first, s) || near(last, s) {
                continue;
            }
            for w in points.windows(2) {
                assert!(!crosses(w[0], w[1], s), "edge {points:?} crosses {s:?}");
            }
        }
    }
}

/// Labels never overlap each other; a label meeting a box lies inside it
/// (a node's own text, a group's title); everything is inside the drawing.
fn assert_clean_common(d: &Drawing, shapes: &[Rect], groups: &[Rect]) {
    let labels = d.label_boxes();
    for (i, a) in labels.iter().enumerate() {
        assert!(
            a.inside(d.width, d.height),
            "label leaves the drawing: {a:?}"
        );
        for b in &labels[i + 1..] {
            assert!(!a.overlaps(b), "labels overlap: {a:?} {b:?}");
        }
        for s in shapes.iter().chain(groups) {
            assert!(
                !a.overlaps(s) || contains(s, a),
                "label {a:?} cuts box {s:?}"
            );
        }
    }
    for s in shapes.iter().chain(groups) {
        assert!(s.inside(d.width, d.height), "box leaves the drawing: {s:?}");
    }
}

/// Checks a sequence diagram's drawing: labels apart, participants apart.
pub(crate) fn assert_sequence_clean(seq: &Sequence, d: &Drawing) {
    let heads: Vec<Rect> = d
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Shape {
                rect,
                shape: Shape::Box,
                fill: Paint::Background,
                ..
            } => Some(*rect),
            _ => None,
        })
        .collect();
    assert!(heads.len() <= seq.participants.len());
    assert_clean_common(d, &heads, &[]);
    for (i, a) in heads.iter().enumerate() {
        for b in &heads[i + 1..] {
            assert!(!a.overlaps(b), "participants overlap: {a:?} {b:?}");
        }
    }
}

const WORDS: &[&str] = &[
    "API Server",
    "etcd",
    "调度器",
    "控制器管理器",
    "kubelet 与容器运行时接口",
    "a much longer label that has to wrap across lines",
    "镜像仓库（私有）",
    "x",
    "Load balancer",
    "数据库主从复制与故障切换流程",
];

prop_compose! {
    fn flows()(
        n in 2usize..40,
        edges in prop::collection::vec((0usize..40, 0usize..40, prop::option::of(0usize..10), 0usize..3), 0..60),
        labels in prop::collection::vec(0usize..10, 40),
        shapes in prop::collection::vec(0usize..14, 40),
        groups in prop::collection::vec(prop::option::of(0usize..3), 40),
        dir in 0usize..4,
    ) -> Flow {
        let nodes: Vec<Node> = (0..n).map(|i| Node {
            id: format!("n{i}"),
            label: text(WORDS[labels[i]]),
            shape: Shape::ALL[shapes[i]].1,
            fill: None,
            at: None,
        }).collect();
        let groups: Vec<Group> = (0..3).map(|g| Group {
            label: text(WORDS[(g * 3 + 1) % 10]),
            // The group that runs its own way lists its nodes last first,
            // as a group that a node joined late does.
            nodes: if g == 1 {
                (0..n).rev().filter(|&i| groups[i] == Some(g)).collect()
            } else {
                (0..n).filter(|&i| groups[i] == Some(g)).collect()
            },
            // One group asks to run its own way; an edge between its nodes
            // and others is an edge to or from the group itself (as
            // `a --> sub` reads), so it is laid out alone.
            direction: (g == 1).then_some([Direction::Down, Direction::Right][dir % 2]),
        }).filter(|g| !g.nodes.is_empty()).collect();
        let own = groups.iter().position(|g| g.direction.is_some());
        let in_own = |v: usize| own.filter(|&g| groups[g].nodes.contains(&v));
        let edges = edges.into_iter().map(|(a, b, l, s)| {
            let (a, b) = (a % n, b % n);
            let (ga, gb) = (in_own(a), in_own(b));
            let crossing = ga != gb;
            // As Mermaid resolves `a --> sub`: to the group's first node,
            // from its last.
            let members = |g: Option<usize>| g.filter(|_| crossing).map(|g| &groups[g].nodes);
            Edge {
                from: members(ga).and_then(|m| m.last().copied()).unwrap_or(a),
                to: members(gb).and_then(|m| m.first().copied()).unwrap_or(b),
                label: l.map(|l| text(WORDS[l])),
                stroke: Stroke::ALL[s].1,
                head: Head::Arrow,
                tail: Head::None,
                span: Span::new(FileRef(0), 0..0),
                from_group: ga.filter(|_| crossing),
                to_group: gb.filter(|_| crossing),
            }
        }).collect();
        let direction = [Direction::Right, Direction::Down, Direction::Left, Direction::Up][dir];
        Flow { direction, nodes, edges, groups }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]
    #[test]
    fn random_flowcharts_are_laid_out_clean(flow in flows()) {
        let d = flow::layout(&flow, false);
        assert_flow_clean(&flow, &d);
    }
}

/// Lays out every diagram of a corpus folder that reads, checking each is
/// clean; returns how many were checked and how many did not read.
fn check_corpus(folder: &str) -> (usize, usize) {
    let (mut count, mut refused) = (0, 0);
    for (path, graph) in corpus(folder) {
        let Some(graph) = graph else {
            refused += 1;
            continue;
        };
        let checked = std::panic::catch_unwind(|| match &graph {
            Graph::Flow(f) => assert_flow_clean(f, &flow::layout(f, false)),
            Graph::Sequence(s) => assert_sequence_clean(s, &sequence::layout(s, false)),
        });
        assert!(checked.is_ok(), "{} is not laid out clean", path.display());
        count += 1;
    }
    (count, refused)
}

/// A Mermaid diagram's graph, if it reads.
fn mermaid(src: &str) -> Option<Graph> {
    let at = |r: std::ops::Range<usize>| Span::new(FileRef(0), r);
    crate::outline::parse::mermaid_parse(src, &at)
        .ok()
        .map(|(g, _)| g)
}

/// A Mermaid flowchart that must read.
fn mermaid_flow(src: &str) -> Flow {
    match mermaid(src) {
        Some(Graph::Flow(f)) => f,
        other => panic!("not a flowchart: {other:?}"),
    }
}

/// Each Mermaid file of a corpus folder with its graph, if it reads.
fn corpus(folder: &str) -> Vec<(std::path::PathBuf, Option<Graph>)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(folder);
    let mut out = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "mmd") {
            continue;
        }
        let src = std::fs::read_to_string(&path).unwrap();
        out.push((path, mermaid(&src)));
    }
    out
}

#[test]
fn every_mermaid_diagram_of_the_corpus_is_laid_out_clean() {
    let (count, refused) = check_corpus("tests/fixtures/diagrams/corpus");
    assert_eq!(refused, 0);
    assert!(count >= 30, "only {count} diagrams in the corpus");
}

/// The real diagrams (`tests/fixtures/diagrams/real/`): no two words or
/// boxes overlap in any that reads (the CLI test counts those that build).
#[test]
fn every_real_mermaid_diagram_that_reads_is_laid_out_clean() {
    let (count, refused) = check_corpus("tests/fixtures/diagrams/real");
    assert!(
        count >= 40 && refused <= 4,
        "{count} checked, {refused} refused"
    );
}

/// Box nodes labelled with their ids.
fn boxes(ids: &[&str]) -> Vec<Node> {
    ids.iter()
        .map(|id| Node {
            id: id.to_string(),
            label: text(id),
            shape: Shape::Box,
            fill: None,
            at: None,
        })
        .collect()
}

#[test]
fn nodes_revealed_one_per_step() {
    let flow = Flow {
        direction: Direction::Right,
        nodes: boxes(&["a", "b", "c", "d"]),
        edges: vec![],
        groups: vec![],
    };
    let d = flow::layout(&flow, true);
    assert_eq!(d.group_count(), 4);
    // The first step shows the first node and its label only.
    let first: Vec<&Item> = d.shown(Some(0)).collect();
    assert_eq!(first.len(), 2, "{first:?}");
}

#[test]
fn an_edge_label_adds_less_height_to_a_vertical_chart_than_a_layer_of_nodes() {
    let chain = |label: Option<&str>| Flow {
        direction: Direction::Down,
        nodes: boxes(&["a", "b"]),
        edges: vec![Edge {
            from: 0,
            to: 1,
            label: label.map(text),
            stroke: Stroke::Solid,
            head: Head::Arrow,
            tail: Head::None,
            span: Span::new(FileRef(0), 0..0),
            from_group: None,
            to_group: None,
        }],
        groups: vec![],
    };
    let plain = flow::layout(&chain(None), false).height;
    let labelled = flow::layout(&chain(Some("label")), false).height;
    // The label's own line, plus 2 × 18 pt of gaps in place of one 34 pt
    // gap: at most a line and 2 pt more.
    assert!(labelled > plain, "{labelled} vs {plain}");
    assert!(
        labelled - plain <= line_height() + 2.5,
        "a label adds {} pt",
        labelled - plain
    );
}

/// A Mermaid diagram, read and laid out.
fn mermaid_drawing(src: &str) -> (Graph, Drawing) {
    let graph = mermaid(src).expect("reads");
    let d = match &graph {
        Graph::Flow(f) => flow::layout(f, false),
        Graph::Sequence(s) => sequence::layout(s, false),
    };
    (graph, d)
}

#[test]
fn mermaid_shapes_keep_their_own_outline_and_circles_stay_round() {
    let (_, d) = mermaid_drawing(
        "flowchart LR\n  a((x)) --> b{{prepare}} --> c[/in/] --> d[\\out\\] --> e[/wide\\] --> f[\\top/] --> g>flag] --> h(((end)))\n",
    );
    let shapes: Vec<(Shape, Rect)> = d
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Shape { rect, shape, .. } => Some((*shape, *rect)),
            _ => None,
        })
        .collect();
    let kinds: Vec<Shape> = shapes.iter().map(|(s, _)| *s).collect();
    assert_eq!(
        kinds,
        [
            Shape::Circle,
            Shape::Hexagon,
            Shape::Parallelogram,
            Shape::ParallelogramAlt,
            Shape::Trapezoid,
            Shape::TrapezoidAlt,
            Shape::Asymmetric,
            Shape::DoubleCircle
        ]
    );
    for (shape, r) in &shapes {
        if matches!(shape, Shape::Circle | Shape::DoubleCircle) {
            assert!((r.w - r.h).abs() < 0.01, "{shape:?} is not round: {r:?}");
        }
    }
}

#[test]
fn an_invisible_link_places_its_nodes_and_draws_nothing() {
    let (_, d) = mermaid_drawing("flowchart LR\n  a[A] ~~~ b[B]\n  b --> c[C]\n");
    let paths = d
        .items
        .iter()
        .filter(|i| matches!(i, Item::Path { .. }))
        .count();
    assert_eq!(paths, 1);
}

#[test]
fn an_edge_to_a_subgraph_ends_at_the_groups_border() {
    let (graph, d) = mermaid_drawing(
        "flowchart TD\n  subgraph sub [Group]\n    b[One] --> c[Two]\n  end\n  a[Start] --> sub\n",
    );
    let Graph::Flow(flow) = &graph else {
        panic!("a flowchart")
    };
    assert_eq!(flow.edges[1].to_group, Some(0));
    let group = d
        .items
        .iter()
        .find_map(|i| match i {
            Item::Rect {
                rect,
                fill: Paint::Surface,
            } => Some(*rect),
            _ => None,
        })
        .expect("the group's box");
    // The edge into the group starts outside it and stops on its border,
    // above the node it was laid out towards.
    let ends: Vec<((f64, f64), (f64, f64))> = d
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Path { points, .. } => Some((*points.first()?, *points.last()?)),
            _ => None,
        })
        .collect();
    let outside = |p: (f64, f64)| p.1 < group.y || p.1 > group.y + group.h;
    let into: Vec<_> = ends.iter().filter(|(a, _)| outside(*a)).collect();
    assert_eq!(into.len(), 1, "{ends:?} {group:?}");
    let end = into[0].1;
    let on_border = (end.1 - group.y).abs() < 0.5 || (end.1 - group.y - group.h).abs() < 0.5;
    assert!(on_border, "{end:?} {group:?}");
}

#[test]
fn a_box_frames_its_participants_with_its_label_above_their_heads() {
    let (graph, d) = mermaid_drawing(
        "sequenceDiagram\n  box Aqua Front end\n    participant A\n    participant B\n  end\n  participant C\n  A ->> B: hi\n  B <<->> C: both\n",
    );
    let Graph::Sequence(seq) = &graph else {
        panic!("a sequence")
    };
    assert_eq!(seq.boxes.len(), 1);
    assert_eq!(seq.boxes[0].label.value, "Front end");
    assert_eq!(seq.boxes[0].participants, [0, 1]);
    let ids: Vec<&str> = seq.participants.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, ["A", "B", "C"]);
    assert_sequence_clean(seq, &d);
    // `<<->>`: heads at both ends.
    assert!(d.items.iter().any(|i| matches!(
        i,
        Item::Path {
            head: Head::Arrow,
            tail: Head::Arrow,
            ..
        }
    )));
}

#[test]
fn css_colours_map_to_the_nearest_palette_colour_by_hue() {
    let cases = [
        ("#f00", Fill::Bad),
        ("#ff9966", Fill::Series(1)),
        ("#9f9", Fill::Good),
        ("#66f", Fill::Accent),
        ("#ccc", Fill::Muted),
        ("rgb(128, 0, 200)", Fill::Series(4)),
        ("#fc0", Fill::Series(3)),
    ];
    for (css, fill) in cases {
        assert_eq!(Fill::nearest(css), Some(fill), "{css}");
    }
    assert_eq!(Fill::nearest("blue-ish"), None);
    assert_eq!(Fill::nearest("#12"), None);
}

/// Edge crossings over both corpora's flowcharts, measured as the
/// crossings bench measures them (which compares them with Graphviz's
/// `dot`; BENCHMARKS.md): the total stays at most the recorded figure
/// (26, measured with the theme's fonts) plus a margin for these tests'
/// estimated text widths, and the diagram that once had 6 (dot: 1) stays
/// within dot + 2.
#[test]
fn the_corpora_are_laid_out_with_few_crossings() {
    let (mut total, mut worst) = (0, Vec::new());
    for folder in ["corpus", "real"] {
        for (path, graph) in corpus(&format!("tests/fixtures/diagrams/{folder}")) {
            let Some(Graph::Flow(f)) = graph else {
                continue;
            };
            let (lines, boxes) = super::quality::geometry(&flow::layout(&f, false));
            let n = super::quality::crossings(&lines, &boxes);
            total += n;
            worst.push((n, path.file_stem().unwrap().to_string_lossy().into_owned()));
        }
    }
    worst.sort();
    assert!(total <= 30, "{total} crossings: {worst:?}");
    let kubernaut = worst.iter().find(|w| w.1 == "30-kubernaut-k8s-executor");
    assert!(kubernaut.is_some_and(|k| k.0 <= 3), "{worst:?}");
}

/// Edges bend smoothly: along every edge of both corpora's flowcharts,
/// seen as chords at least 1 pt long, no two consecutive chords meet at
/// more than 35° (measured: 33°, in the largest diagram, where a gap's
/// opening is capped; the straight runs drawn before turned by up to 135°
/// where a run met a layer). Self-loops, four-point rectangles beside
/// their node, are left out.
#[test]
fn edges_bend_smoothly_and_never_zig_zag() {
    let mut sharpest = (0.0_f64, String::new());
    for folder in ["corpus", "real"] {
        for (path, graph) in corpus(&format!("tests/fixtures/diagrams/{folder}")) {
            let Some(Graph::Flow(f)) = graph else {
                continue;
            };
            let (lines, _) = super::quality::geometry(&flow::layout(&f, false));
            for line in lines.iter().filter(|l| l.len() != 4) {
                // Points at least 1 pt apart: a curve's fine samples
                // merged into chords a reader could see.
                let mut kept = vec![line[0]];
                for &p in &line[1..] {
                    let last = kept[kept.len() - 1];
                    if (p.0 - last.0).hypot(p.1 - last.1) >= 1.0 {
                        kept.push(p);
                    }
                }
                let steps: Vec<(f64, f64)> = kept
                    .windows(2)
                    .map(|w| (w[1].0 - w[0].0, w[1].1 - w[0].1))
                    .collect();
                for s in steps.windows(2) {
                    let turn = (s[0].0 * s[1].1 - s[0].1 * s[1].0)
                        .atan2(s[0].0 * s[1].0 + s[0].1 * s[1].1)
                        .abs()
                        .to_degrees();
                    if turn > sharpest.0 {
                        sharpest = (turn, path.display().to_string());
                    }
                }
            }
        }
    }
    assert!(
        sharpest.0 <= 35.0,
        "a bend of {:.0}° in {}",
        sharpest.0,
        sharpest.1
    );
}

/// An edge to a group ranks the whole group past its other end: with
/// `start --> pool --> finish` and two unlinked workers in `pool`, both
/// workers sit below Start and above Finish (the edges are drawn to the
/// first worker and from the last).
#[test]
fn a_group_an_edge_reaches_sits_whole_between_its_ends() {
    let src = "flowchart TB\n  start --> pool\n  pool --> finish\n  subgraph pool [Worker pool]\n    w1\n    w2\n  end\n";
    let f = mermaid_flow(src);
    let (_, boxes) = super::quality::geometry(&flow::layout(&f, false));
    let at_id = |id: &str| boxes[f.nodes.iter().position(|n| n.id == id).unwrap()];
    let (start, finish) = (at_id("start"), at_id("finish"));
    for w in ["w1", "w2"] {
        let b = at_id(w);
        assert!(
            b.y > start.y + start.h && b.y + b.h < finish.y,
            "{w}: {b:?}, {start:?}, {finish:?}"
        );
    }
}

/// A subgraph with `direction LR` in a top-down chart, linked only
/// through itself, runs left to right inside its box: its three workers
/// side by side in order, between the client above and the database below.
#[test]
fn a_subgraph_with_its_own_direction_runs_its_own_way() {
    let src = "flowchart TB\n  client --> pool\n  subgraph pool [Worker pool]\n    direction LR\n    w1 --> w2 --> w3\n  end\n  pool --> db\n";
    let f = mermaid_flow(src);
    let d = flow::layout(&f, false);
    assert_flow_clean(&f, &d);
    let label = |word: &str| {
        d.items
            .iter()
            .find_map(|i| match i {
                Item::Label { rect, lines, .. } if lines.iter().any(|l| l == word) => Some(*rect),
                _ => None,
            })
            .unwrap_or_else(|| panic!("{word} not drawn"))
    };
    let (w1, w2, w3) = (label("w1"), label("w2"), label("w3"));
    assert!(
        (w1.y - w2.y).abs() < 0.5 && (w2.y - w3.y).abs() < 0.5,
        "{w1:?} {w2:?} {w3:?}"
    );
    assert!(w1.x < w2.x && w2.x < w3.x, "{w1:?} {w2:?} {w3:?}");
    assert!(label("client").y < w1.y && label("db").y > w1.y);
}

/// A group whose first-listed node is not its lowest-numbered one (`b` is
/// named before the subgraph, joins it through the link inside) is still
/// laid out on its own, clean.
#[test]
fn a_group_running_its_own_way_may_list_its_nodes_in_any_order() {
    let src = "flowchart TB\n  b\n  subgraph s\n    direction LR\n    a --> b\n  end\n  c --> s\n";
    let f = mermaid_flow(src);
    assert_eq!(f.groups[0].nodes, [1, 0], "the order this test is about");
    assert!(f.own_direction(0).is_some());
    assert_flow_clean(&f, &flow::layout(&f, false));
}

/// A gap between layers opens as far as its edges run across, up to 80 pt:
/// a hub over a row of twelve nodes has a deeper gap than a hub over one
/// node (34 pt, the least), and one over forty stops at 80 pt.
#[test]
fn a_gap_opens_with_the_run_of_its_edges_up_to_80_pt() {
    let gap = |n: usize| {
        let edges: String = (0..n).map(|i| format!("  hub --> n{i}\n")).collect();
        let f = mermaid_flow(&format!("flowchart TB\n{edges}"));
        let (_, boxes) = super::quality::geometry(&flow::layout(&f, false));
        boxes[1].y - (boxes[0].y + boxes[0].h)
    };
    let (one, twelve, forty) = (gap(1), gap(12), gap(40));
    assert!((one - 34.0).abs() < 0.5, "{one}");
    assert!(twelve > one + 20.0 && twelve < 80.0, "{one} {twelve}");
    // Forty runs up to a thousand points: the gap stops at 80.
    assert!((forty - 80.0).abs() < 0.5, "{forty}");
}
