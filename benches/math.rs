//! What math costs: `cargo bench --bench math` converts the formula corpus
//! (tests/fixtures/math/corpus.txt) with its memo cleared, builds a deck of
//! 100 of its formulas cold, and rebuilds it after a one-formula edit.

use std::time::Instant;

use lectern::pipeline::{BuildOptions, Session};

fn main() {
    let root = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let corpus: Vec<String> = std::fs::read_to_string(root.join("tests/fixtures/math/corpus.txt"))
        .expect("corpus")
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(str::to_string)
        .collect();
    let mut best = f64::MAX;
    for _ in 0..5 {
        comemo::evict(0);
        let started = Instant::now();
        for f in &corpus {
            lectern::outline::math::convert(f, &[]).expect("converts");
        }
        best = best.min(started.elapsed().as_secs_f64() * 1000.0 / corpus.len() as f64);
    }
    println!(
        "| conversion, per formula ({} formulas, memo cleared, best of 5) | {best:.3} ms |",
        corpus.len()
    );
    let tmp = tempfile::tempdir().expect("temp dir");
    let outline = tmp.path().join("math.yaml");
    let deck = |edit: usize| {
        let mut y = String::from("title: Math\nlang: en\nsections:\n  - title: S\n    slides:\n");
        for (i, f) in corpus.iter().take(100).enumerate() {
            let f = if i == 50 {
                format!("{f} + {edit}")
            } else {
                f.clone()
            };
            y.push_str(&format!(
                "      - title: F{i}\n        math: '{}'\n",
                f.replace('\'', "''")
            ));
        }
        y
    };
    std::fs::write(&outline, deck(0)).expect("write");
    let mut cold = Vec::new();
    for _ in 0..5 {
        comemo::evict(0);
        let started = Instant::now();
        let mut s = Session::new(BuildOptions {
            outline: outline.clone(),
            ..BuildOptions::default()
        });
        assert!(s.build_and_write().result.is_ok());
        cold.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    cold.sort_by(f64::total_cmp);
    println!(
        "| 100-formula deck, cold build in process (median of 5) | {:.1} ms |",
        cold[2]
    );
    let mut session = Session::new(BuildOptions {
        outline: outline.clone(),
        ..BuildOptions::default()
    });
    assert!(session.build_and_write().result.is_ok());
    let mut edits = Vec::new();
    let mut typst = Vec::new();
    for k in 1..=15 {
        std::fs::write(&outline, deck(k)).expect("write");
        let started = Instant::now();
        let outcome = session.build_and_write();
        edits.push(started.elapsed().as_secs_f64() * 1000.0);
        assert!(outcome.result.is_ok());
        let compile = outcome
            .stats
            .stages
            .iter()
            .find(|(n, _)| *n == "typst compile")
            .map_or(0.0, |(_, d)| d.as_secs_f64() * 1000.0);
        typst.push(compile);
    }
    edits.sort_by(f64::total_cmp);
    typst.sort_by(f64::total_cmp);
    println!(
        "| one-formula edit, warm: read → build → write (median of 15) | {:.1} ms, of which Typst's incremental compile {:.1} ms |",
        edits[7], typst[7]
    );
}
