//! What diagrams cost: `cargo bench --bench diagram` lays out a 40-node,
//! 60-edge flowchart (with labels, CJK, groups and cycles) and a
//! 20-message sequence diagram, measured in the academic theme's real
//! faces as a build does, and prints the medians for BENCHMARKS.md. The
//! one-label edit in `watch` is a row of `cargo bench --bench edits`.

use std::time::{Duration, Instant};

use lectern::charts::Area;
use lectern::codegen;
use lectern::diagnostics::Sources;
use lectern::outline::Block;
use lectern::world::fonts::{FontSet, SC_FALLBACKS};

/// Samples per diagram.
const SAMPLES: usize = 21;

/// A 40-node, 60-edge flowchart: a spine, cross links that make cycles,
/// labels on every third edge, and three groups.
fn flowchart() -> String {
    let words = [
        "API Server",
        "调度器",
        "控制器管理器",
        "etcd",
        "kubelet 与容器运行时",
        "负载均衡",
    ];
    let mut y = String::from("        diagram:\n          direction: right\n          nodes:\n");
    for i in 0..40 {
        y += &format!(
            "            - {{ id: n{i}, label: \"{} {i}\" }}\n",
            words[i % words.len()]
        );
    }
    y += "          edges:\n";
    // A deterministic spread: i -> i+1 (39 edges), then 21 links that jump
    // forwards and back.
    for i in 0..39 {
        let label = if i % 3 == 0 { ": 调用" } else { "" };
        y += &format!("            - \"n{i} -> n{}{label}\"\n", i + 1);
    }
    for k in 0..21 {
        let (a, b) = ((k * 7) % 40, (k * 13 + 5) % 40);
        let b = if a == b { (b + 1) % 40 } else { b };
        y += &format!("            - \"n{a} -> n{b}\"\n");
    }
    y += "          groups:\n";
    for g in 0..3 {
        let members: Vec<String> = (g * 5..g * 5 + 4).map(|i| format!("n{i}")).collect();
        y += &format!(
            "            - {{ label: 组 {g}, nodes: [{}] }}\n",
            members.join(", ")
        );
    }
    y
}

/// A sequence diagram of 20 messages between five participants.
fn sequence() -> String {
    let people = ["kubectl", "API Server", "etcd", "调度器", "kubelet"];
    let mut y = format!(
        "        diagram:\n          kind: sequence\n          participants: [{}]\n          messages:\n",
        people.join(", ")
    );
    for m in 0..20 {
        let (a, b) = (people[m % 5], people[(m * 3 + 1) % 5]);
        let arrow = if m % 4 == 3 { "-->" } else { "->" };
        y += &format!("            - \"{a} {arrow} {b}: 第 {m} 步\"\n");
    }
    y
}

fn main() {
    let yaml = format!(
        "title: Bench\nlang: zh\nsections:\n  - title: S\n    slides:\n      - title: Flow\n{}      - title: Sequence\n{}",
        flowchart(),
        sequence()
    );
    let mut sources = Sources::default();
    let file = sources.add("bench.yaml", None, yaml);
    let (outline, _) = lectern::outline::parse(file, sources.get(file))
        .map_err(|e| format!("{e:?}"))
        .expect("valid outline");
    let (theme, _) = lectern::theme::load("academic", std::path::Path::new("."), &mut sources)
        .map_err(|_| ())
        .expect("theme");
    let fonts = FontSet::new(&[]);
    let faces = codegen::chart_faces(&theme, &fonts.present(SC_FALLBACKS), &fonts);
    let area = Area {
        width: codegen::CONTENT_WIDTH,
        height: codegen::CHART_HEIGHT,
    };
    println!("| diagram | layout, median of {SAMPLES} (min–max) |\n|---|---|");
    for (name, block) in ["40-node, 60-edge flowchart", "20-message sequence diagram"]
        .into_iter()
        .zip(outline.blocks())
    {
        let Block::Diagram(d) = block else {
            panic!("not a diagram")
        };
        let mut times: Vec<Duration> = (0..SAMPLES)
            .map(|_| {
                let started = Instant::now();
                let laid =
                    lectern::charts::text::measuring(&faces, || lectern::diagrams::layout(d, area));
                let took = started.elapsed();
                std::hint::black_box(laid);
                took
            })
            .collect();
        times.sort();
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        println!(
            "| {name} | {:.2} ms ({:.2}–{:.2}) |",
            ms(times[SAMPLES / 2]),
            ms(times[0]),
            ms(times[SAMPLES - 1])
        );
    }
}
