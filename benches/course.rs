//! A 14-lecture course: `cargo bench --bench course` copies the chapter deck
//! into 14 lecture folders (every plain slide title marked with its
//! lecture's number, so that no two share a slide), builds each alone with the binary, then the whole
//! `course.yaml` in one run, and compares the course's wall time with the
//! sum of the single builds divided by the cores (the target is ≤ 1.2×), with
//! its peak memory. It also times `--html` on the chapter deck.

#[path = "support/measure.rs"]
mod measure;

use std::path::{Path, PathBuf};
use std::time::Duration;

use measure::run_measured;

/// Lectures in the course.
const LECTURES: usize = 14;

/// Median of a few runs, in milliseconds.
fn median_ms(mut samples: Vec<Duration>) -> f64 {
    samples.sort();
    samples[samples.len() / 2].as_secs_f64() * 1000.0
}

/// Copies the chapter deck and its data files into `dir` as `lecture.yaml`.
fn lecture(slides: &Path, dir: &Path, mark: &str) {
    std::fs::create_dir_all(dir).expect("folder");
    for entry in std::fs::read_dir(slides).expect("slides") {
        let path = entry.expect("entry").path();
        let name = path
            .file_name()
            .expect("name")
            .to_string_lossy()
            .into_owned();
        if name == "container-orchestration-wars.yaml" {
            // Every plain slide title marked, so that no two lectures share
            // a slide (nor Typst's memoised layout of it).
            let text = std::fs::read_to_string(&path).expect("outline");
            let marked: Vec<String> = text
                .lines()
                .map(|line| match line.split_once("- title: ") {
                    Some((indent, title))
                        if indent.trim().is_empty() && !title.starts_with(['"', '\'']) =>
                    {
                        format!("{indent}- title: {mark}{title}")
                    }
                    _ => line.to_string(),
                })
                .collect();
            std::fs::write(dir.join("lecture.yaml"), marked.join("\n")).expect("write");
        } else if path.extension().is_some_and(|e| e == "csv" || e == "tsv") {
            std::fs::copy(&path, dir.join(name)).expect("copy");
        }
    }
}

fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_lectern"));
    let tmp = tempfile::tempdir().expect("temp dir");
    let course = tmp.path();
    let mut yaml = String::from("title: Course\nlang: zh\nlectures:\n");
    for n in 1..=LECTURES {
        lecture(
            &root.join("slides"),
            &course.join(format!("l{n:02}")),
            &format!("{n}·"),
        );
        yaml += &format!("  - l{n:02}/lecture.yaml\n");
    }
    std::fs::write(course.join("course.yaml"), yaml).expect("write");
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    // Warm the file cache, then each lecture alone.
    run_measured(
        &bin,
        &[
            "build",
            course.join("l01/lecture.yaml").to_str().expect("utf-8"),
        ],
    );
    let singles: Vec<Duration> = (1..=LECTURES)
        .map(|n| {
            let outline = course.join(format!("l{n:02}/lecture.yaml"));
            run_measured(&bin, &["build", outline.to_str().expect("utf-8")]).0
        })
        .collect();
    let sum: f64 = singles.iter().map(|d| d.as_secs_f64() * 1000.0).sum();
    let mut runs = Vec::new();
    for _ in 0..3 {
        runs.push(run_measured(
            &bin,
            &["build", course.join("course.yaml").to_str().expect("utf-8")],
        ));
    }
    let wall = median_ms(runs.iter().map(|r| r.0).collect());
    let peak = runs.iter().map(|r| r.1).fold(0.0, f64::max);
    let ideal = sum / cores as f64;
    println!(
        "| measurement ({LECTURES} lectures, the chapter deck each with its own titles, {cores} cores) | result |"
    );
    println!("|---|---|");
    println!("| sum of the single builds (one process each) | {sum:.0} ms |");
    println!("| that sum ÷ cores | {ideal:.0} ms |");
    println!("| `lectern build course.yaml` (median of 3), course.pdf included | {wall:.0} ms |");
    println!(
        "| course wall time / (sum ÷ cores) | {:.2}× |",
        wall / ideal
    );
    println!("| peak resident memory of the course build | {peak:.0} MB |");

    let chapter = root.join("slides/container-orchestration-wars.yaml");
    let out = tmp.path().join("chapter.pdf");
    let (plain, html): (Vec<Duration>, Vec<Duration>) = (0..5)
        .map(|_| {
            let args = [
                "build",
                chapter.to_str().expect("utf-8"),
                "-o",
                out.to_str().expect("utf-8"),
            ];
            let plain = run_measured(&bin, &args).0;
            let mut with_html = args.to_vec();
            with_html.push("--html");
            (plain, run_measured(&bin, &with_html).0)
        })
        .unzip();
    let (plain, html) = (median_ms(plain), median_ms(html));
    println!(
        "| chapter deck: build {plain:.0} ms, with `--html` {html:.0} ms (median of 5, interleaved) | `--html` adds {:.0} ms |",
        html - plain
    );
}
