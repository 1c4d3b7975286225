//! Inputs fed ten times a cap: `cargo bench --bench bounds` runs
//! `lectern check` on each outline of `support/caps.rs` and prints its wall
//! time and peak memory (median of 5). The bounds test checks that each is
//! a located error; this measures that it is one fast and small.

#[path = "support/caps.rs"]
#[allow(dead_code)] // the test reads what each says
mod caps;
#[path = "support/measure.rs"]
#[allow(dead_code)]
mod measure;

fn main() {
    let bin = std::path::PathBuf::from(env!("CARGO_BIN_EXE_lectern"));
    let dir = tempfile::tempdir().expect("a scratch folder");
    let path = dir.path().join("deck.yaml");
    let arg = path.to_string_lossy().to_string();
    println!("| input | size | time (median of 5) | peak memory |");
    println!("|---|---|---|---|");
    for case in caps::cases() {
        std::fs::write(&path, &case.yaml).expect("write the outline");
        let mut runs: Vec<_> = (0..5)
            .map(|_| measure::run_measured(&bin, &["check", &arg]))
            .collect();
        runs.sort_by_key(|r| r.0);
        let (time, _) = runs[2];
        let peak = runs.iter().map(|r| r.1).fold(0.0, f64::max);
        println!(
            "| {} | {} KB | {:.0} ms | {:.0} MB |",
            case.name,
            case.yaml.len() / 1024,
            time.as_secs_f64() * 1000.0,
            peak
        );
    }
}
