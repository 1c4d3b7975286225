//! Edge crossings against a fixed reference: `cargo bench --bench
//! crossings` lays out every flowchart of the two Mermaid corpora
//! (`tests/fixtures/diagrams/corpus/` and `real/`) with lectern, and the
//! same graphs (nodes of the same sizes, the same edges, subgraphs as
//! clusters, the same direction) with Graphviz `dot -Tjson`; it counts, for
//! each, the points where two edges cross outside every node's box, and
//! prints the table for BENCHMARKS.md. Graphviz (Debian's `graphviz`) is a
//! yardstick here only, never used by lectern.

use std::io::Write as _;
use std::process::{Command, Stdio};

use lectern::charts::draw::Rect;
use lectern::codegen;
use lectern::diagnostics::Sources;
use lectern::diagrams::quality::{self, Line, crossings};
use lectern::outline::Block;
use lectern::outline::diagram::{Direction, Flow, Graph, Stroke};
use lectern::world::fonts::{FontSet, SC_FALLBACKS};

/// lectern's edges and node boxes for a flowchart.
fn lectern_geometry(flow: &Flow) -> (Vec<Line>, Vec<Rect>) {
    quality::geometry(&lectern::diagrams::flow::layout(flow, false))
}

/// The flowchart as DOT, each node the size lectern gives it.
fn dot_source(flow: &Flow, boxes: &[Rect]) -> String {
    let rankdir = match flow.direction {
        Direction::Right => "LR",
        Direction::Left => "RL",
        Direction::Down => "TB",
        Direction::Up => "BT",
    };
    let mut s = format!(
        "digraph g {{\n  rankdir={rankdir};\n  node [shape=box, fixedsize=true, label=\"\"];\n"
    );
    for (i, r) in boxes.iter().enumerate() {
        s += &format!(
            "  n{i} [width={:.3}, height={:.3}];\n",
            r.w / 72.0,
            r.h / 72.0
        );
    }
    for (g, group) in flow.groups.iter().enumerate() {
        s += &format!("  subgraph cluster_{g} {{ ");
        for n in &group.nodes {
            s += &format!("n{n}; ");
        }
        s += "}\n";
    }
    for e in &flow.edges {
        // An invisible link only places its nodes, as in lectern.
        let style = if e.stroke == Stroke::Invisible {
            " [style=invis]"
        } else {
            ""
        };
        s += &format!("  n{} -> n{}{style};\n", e.from, e.to);
    }
    s + "}\n"
}

/// Graphviz's edges (its Bézier curves, sampled) and node boxes.
fn dot_geometry(source: &str) -> Option<(Vec<Line>, Vec<Rect>)> {
    let mut child = Command::new("dot")
        .arg("-Tjson")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .ok()?;
    child.stdin.take()?.write_all(source.as_bytes()).ok()?;
    let out = child.wait_with_output().ok()?;
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).ok()?;
    let mut boxes = Vec::new();
    for o in json["objects"].as_array().into_iter().flatten() {
        let (Some(pos), Some(w), Some(h)) =
            (o["pos"].as_str(), o["width"].as_str(), o["height"].as_str())
        else {
            continue;
        };
        let mut xy = pos.split(',').filter_map(|v| v.parse::<f64>().ok());
        let (Some(x), Some(y)) = (xy.next(), xy.next()) else {
            continue;
        };
        let (w, h) = (w.parse::<f64>().ok()? * 72.0, h.parse::<f64>().ok()? * 72.0);
        boxes.push(Rect {
            x: x - w / 2.0,
            y: y - h / 2.0,
            w,
            h,
        });
    }
    let mut lines = Vec::new();
    for e in json["edges"].as_array().into_iter().flatten() {
        for op in e["_draw_"].as_array().into_iter().flatten() {
            if op["op"].as_str() != Some("b") {
                continue;
            }
            let pts: Vec<(f64, f64)> = op["points"]
                .as_array()?
                .iter()
                .filter_map(|p| Some((p[0].as_f64()?, p[1].as_f64()?)))
                .collect();
            let mut line = Vec::new();
            for c in pts.windows(4).step_by(3) {
                for k in 0..=8 {
                    let t = f64::from(k) / 8.0;
                    let m = 1.0 - t;
                    let w = [m * m * m, 3.0 * m * m * t, 3.0 * m * t * t, t * t * t];
                    let x = (0..4).map(|i| w[i] * c[i].0).sum();
                    let y = (0..4).map(|i| w[i] * c[i].1).sum();
                    line.push((x, y));
                }
            }
            line.dedup();
            lines.push(line);
        }
    }
    Some((lines, boxes))
}

fn main() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for folder in [
        "tests/fixtures/diagrams/corpus",
        "tests/fixtures/diagrams/real",
    ] {
        let mut in_folder: Vec<_> = std::fs::read_dir(root.join(folder))
            .expect("corpus folder")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "mmd"))
            .collect();
        in_folder.sort();
        files.extend(in_folder);
    }
    let mut sources = Sources::default();
    let (theme, _) = lectern::theme::load("academic", root, &mut sources)
        .map_err(|_| ())
        .expect("theme");
    let fonts = FontSet::new(&[]);
    let faces = codegen::chart_faces(&theme, &fonts.present(SC_FALLBACKS), &fonts);
    println!(
        "| flowchart | nodes | edges | lectern crossings | dot crossings |\n|---|---|---|---|---|"
    );
    let (mut ours, mut theirs, mut worse, mut count) = (0, 0, Vec::new(), 0);
    for path in files {
        let src = std::fs::read_to_string(&path).expect("read");
        let body: String = src.lines().map(|l| format!("        {l}\n")).collect();
        let yaml = format!(
            "title: B\nlang: en\nopening:\n  - title: D\n    diagram:\n      mermaid: |\n{body}"
        );
        let file = sources.add("bench.yaml", None, yaml);
        let Ok((outline, _)) = lectern::outline::parse(file, sources.get(file)) else {
            continue;
        };
        let Some(Block::Diagram(d)) = outline.blocks().next() else {
            continue;
        };
        let Graph::Flow(flow) = &d.graph else {
            continue;
        };
        let (lines, boxes) = lectern::charts::text::measuring(&faces, || lectern_geometry(flow));
        let Some((dot_lines, dot_boxes)) = dot_geometry(&dot_source(flow, &boxes)) else {
            eprintln!("dot is not installed (apt install graphviz)");
            return;
        };
        let (a, b) = (crossings(&lines, &boxes), crossings(&dot_lines, &dot_boxes));
        let name = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        println!(
            "| {name} | {} | {} | {a} | {b} |",
            flow.nodes.len(),
            flow.edges.len()
        );
        ours += a;
        theirs += b;
        count += 1;
        if a > b + 2 {
            worse.push(name);
        }
    }
    println!("| **{count} flowcharts** | | | **{ours}** | **{theirs}** |");
    println!("\nmore than dot + 2: {worse:?}");
}
