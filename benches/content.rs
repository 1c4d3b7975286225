//! What code and tables cost: `cargo bench --bench content` prints the
//! figures BENCHMARKS.md quotes.
//!
//! A small deck (ten bullet slides) is built cold in process (Typst's
//! caches cleared) as it is, with a 60-line code slide of three highlight
//! steps added, and with a 30-row CSV table added; the runs are
//! interleaved, and the difference of the medians is what the slide adds.

use std::path::Path;
use std::time::{Duration, Instant};

use lectern::pipeline::{BuildOptions, Session};

/// Builds `outline` cold in a fresh session; returns the time taken.
fn cold(outline: &Path) -> Duration {
    comemo::evict(0);
    let started = Instant::now();
    let mut session = Session::new(BuildOptions {
        outline: outline.to_path_buf(),
        ..BuildOptions::default()
    });
    let outcome = session.build_and_write();
    assert!(outcome.result.is_ok(), "{:?}", outcome.diagnostics);
    started.elapsed()
}

/// The median of some durations, in milliseconds.
fn median(mut samples: Vec<Duration>) -> f64 {
    samples.sort();
    samples[samples.len() / 2].as_secs_f64() * 1000.0
}

fn main() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path();
    let mut base = String::from("title: Bench\nlang: en\nsections:\n  - title: S\n    slides:\n");
    for i in 0..10 {
        base.push_str(&format!(
            "      - title: Slide {i}\n        bullets:\n          - first point\n          - second point\n"
        ));
    }
    let code: String = (1..=60)
        .map(|i| format!("            let value_{i} = compute({i}); // step {i}\n"))
        .collect();
    let with_code = format!(
        "{base}      - title: Code\n        fit: shrink\n        code:\n          lang: rust\n          highlight: [\"1-20\", \"21-40\", \"41-60\"]\n          src: |\n{code}"
    );
    // The same code without steps, and as plain text: what one page of it
    // costs, and what of that is the highlighting.
    let one_page = with_code.replace(
        "          highlight: [\"1-20\", \"21-40\", \"41-60\"]\n",
        "",
    );
    let plain = one_page.replace("lang: rust", "lang: text");
    let with_table = format!("{base}      - title: Table\n        table: {{ data: rows.csv }}\n");
    let mut csv = String::from("name,count,share\n");
    for i in 1..=30 {
        csv.push_str(&format!("item {i},{},{}%\n", i * 13, i * 3));
    }
    std::fs::write(dir.join("rows.csv"), csv).expect("csv");
    let decks: Vec<(&str, std::path::PathBuf)> = [
        ("base", &base),
        ("code", &with_code),
        ("code, one page", &one_page),
        ("code, one page, plain text", &plain),
        ("table", &with_table),
    ]
    .into_iter()
    .map(|(name, text)| {
        let path = dir.join(format!("{name}.yaml"));
        std::fs::write(&path, text).expect("write deck");
        (name, path)
    })
    .collect();
    // Warm the process (fonts) once, untimed.
    for (_, path) in &decks {
        cold(path);
    }
    let mut times: Vec<Vec<Duration>> = vec![Vec::new(); decks.len()];
    for _ in 0..15 {
        for (i, (_, path)) in decks.iter().enumerate() {
            times[i].push(cold(path));
        }
    }
    let medians: Vec<f64> = times.into_iter().map(median).collect();
    println!("| deck (cold build in process, median of 15) | ms | added |\n|---|---|---|");
    for (i, (name, _)) in decks.iter().enumerate() {
        println!(
            "| {name} | {:.1} | {:+.1} |",
            medians[i],
            medians[i] - medians[0]
        );
    }
}
