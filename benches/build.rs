//! lectern's benchmarks: `cargo bench --bench build` prints a Markdown table
//! (the figures in BENCHMARKS.md come from it).
//!
//! - cold: the whole `lectern build` process on the chapter deck;
//! - warm: rebuilds in one process after a one-slide edit and after a theme
//!   colour edit, PDF and notes written each time;
//! - baseline: the emitted Typst source compiled and exported directly
//!   through the Typst library, in the same process, caches cleared;
//! - scale: synthetic decks of 250, 500 and 1,000 slides (time, peak memory);
//! - PNG export of the chapter deck on one thread and on all cores, and at
//!   600 dpi with its peak memory.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;
use std::time::{Duration, Instant};

use lectern::codegen;
use lectern::diagnostics::Sources;
use lectern::pipeline::{BuildOptions, Session};
use lectern::world::LecternWorld;
use lectern::world::fonts::FontSet;
use typst::foundations::Datetime;
use typst_layout::PagedDocument;

/// Median of some durations, in milliseconds.
fn median(mut samples: Vec<Duration>) -> f64 {
    samples.sort();
    samples[samples.len() / 2].as_secs_f64() * 1000.0
}

/// Times `f` `n` times.
fn time(n: usize, mut f: impl FnMut()) -> Vec<Duration> {
    (0..n)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect()
}

/// Writes a synthetic deck of `n` content slides (10 sections) into `dir`.
fn synthetic(dir: &Path, n: usize) -> PathBuf {
    let mut yaml = String::from("title: Synthetic deck\nlang: en\nsections:\n");
    for s in 0..10 {
        yaml.push_str(&format!("  - title: Section {s}\n    slides:\n"));
        for i in 0..n / 10 {
            yaml.push_str(&format!(
                "      - title: Slide {s}.{i}\n        bullets:\n          - first point of slide {i}\n          - - a detail\n          - second **point**\n        notes: Say something about slide {i}.\n"
            ));
        }
    }
    let path = dir.join(format!("synthetic-{n}.yaml"));
    std::fs::write(&path, yaml).expect("write synthetic deck");
    path
}

#[path = "support/measure.rs"]
mod measure;
use measure::run_measured;

fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_lectern"));
    let tmp = tempfile::tempdir().expect("temp dir");
    let chapter = root.join("slides/container-orchestration-wars.yaml");
    let out = tmp.path().join("deck.pdf");
    let (o, c) = (out.to_str().unwrap(), chapter.to_str().unwrap());
    let mut rows: Vec<(String, String)> = Vec::new();

    // Cold: the whole process, fonts and all.
    let cold: Vec<Duration> = (0..7)
        .map(|_| run_measured(&bin, &["build", c, "-o", o]).0)
        .collect();
    rows.push((
        "cold build, chapter deck (whole process, median of 7)".into(),
        format!("{:.1} ms", median(cold)),
    ));

    // Warm: one process, a one-slide edit between builds.
    let work = tmp.path().join("work");
    std::fs::create_dir_all(&work).unwrap();
    // The outline and every data file beside it.
    for entry in std::fs::read_dir(root.join("slides")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "yaml" || e == "csv") {
            std::fs::copy(&path, work.join(path.file_name().unwrap())).unwrap();
        }
    }
    let outline = work.join("container-orchestration-wars.yaml");
    let original = std::fs::read_to_string(&outline).unwrap();
    let options = BuildOptions {
        outline: outline.clone(),
        notes: true,
        ..BuildOptions::default()
    };
    let mut session = Session::new(options.clone());
    assert!(session.build_and_write().result.is_ok());
    let mut k = 0;
    let one_slide = time(21, || {
        k += 1;
        std::fs::write(
            &outline,
            original.replace(
                "每台虚拟机都要自带一整套操作系统",
                &format!("每台虚拟机都要自带一整套操作系统（第 {k} 次）"),
            ),
        )
        .unwrap();
        assert!(session.build_and_write().result.is_ok());
    });
    rows.push((
        "rebuild after a one-slide edit, warm process, PDF + notes written (median of 21)".into(),
        format!("{:.1} ms", median(one_slide)),
    ));

    // Warm: a global edit (the theme's accent colour).
    std::fs::write(&outline, &original).unwrap();
    let theme_dir = work.join("mytheme");
    lectern::theme::eject("academic", &theme_dir).unwrap();
    let theme_yaml = std::fs::read_to_string(theme_dir.join("theme.yaml")).unwrap();
    let mut session = Session::new(BuildOptions {
        theme: Some(theme_dir.to_string_lossy().into_owned()),
        ..options.clone()
    });
    assert!(session.build_and_write().result.is_ok());
    let global = time(11, || {
        k += 1;
        let colour = format!("\"#1f4e{:02x}\"", k % 256);
        std::fs::write(
            theme_dir.join("theme.yaml"),
            theme_yaml.replace("\"#1f4e8c\"", &colour),
        )
        .unwrap();
        assert!(session.build_and_write().result.is_ok());
    });
    rows.push((
        "rebuild after a theme colour edit, warm process (median of 11)".into(),
        format!("{:.1} ms", median(global)),
    ));

    // In-process cold comparison: lectern's whole pipeline vs the emitted
    // Typst compiled and exported directly through the library.
    let mut sources = Sources::default();
    let file = sources.add("deck", None, std::fs::read_to_string(&chapter).unwrap());
    let (mut parsed, _) = lectern::outline::parse(file, sources.get(file))
        .map_err(|_| ())
        .unwrap();
    lectern::outline::load_data(
        &mut parsed,
        &lectern::world::sandbox::Sandbox::new(
            &root.join("slides"),
            lectern::world::sandbox::MAX_FILE_BYTES,
        ),
        &mut sources,
    );
    let (theme, _) = lectern::theme::load("academic", &root, &mut sources).unwrap();
    let generated = codegen::generate(
        &parsed,
        &theme,
        &[],
        &lectern::charts::text::Faces::embedded(),
    );
    let lectern_run = || {
        comemo::evict(0);
        let mut s = Session::new(BuildOptions {
            outline: chapter.clone(),
            output: Some(out.clone()),
            notes: true,
            ..BuildOptions::default()
        });
        assert!(s.build_and_write().result.is_ok());
    };
    let baseline_run = || {
        comemo::evict(0);
        let fonts = Arc::new(FontSet::new(&[]));
        let mut world = LecternWorld::new(
            lectern::world::sandbox::Sandbox::new(
                &root.join("slides"),
                lectern::world::sandbox::MAX_FILE_BYTES,
            ),
            fonts,
            &theme.files,
            theme.dir.as_deref(),
            Datetime::from_ymd(2026, 11, 27).unwrap(),
        );
        world.set_sources(&generated.files);
        let doc = typst::compile::<PagedDocument>(&world)
            .output
            .map_err(|_| ())
            .unwrap();
        let pdf = typst_pdf::pdf(&doc, &typst_pdf::PdfOptions::default())
            .map_err(|_| ())
            .unwrap();
        std::fs::write(tmp.path().join("baseline.pdf"), pdf).unwrap();
    };
    // Interleaved, so that drift in the machine's speed hits both alike.
    let (mut lectern_cold, mut baseline) = (Vec::new(), Vec::new());
    for _ in 0..15 {
        lectern_cold.extend(time(1, lectern_run));
        baseline.extend(time(1, baseline_run));
    }
    let (l, b) = (median(lectern_cold), median(baseline));
    rows.push((
        "cold build in process, caches cleared: lectern pipeline (median of 15, interleaved with the baseline)".into(),
        format!("{l:.1} ms"),
    ));
    rows.push((
        "cold build in process: emitted Typst via the Typst library only (baseline)".into(),
        format!("{b:.1} ms"),
    ));
    rows.push(("lectern / baseline".into(), format!("{:.2}×", l / b)));

    // Scale: synthetic decks.
    for n in [250, 500, 1000] {
        let deck = synthetic(tmp.path(), n);
        let pdf = tmp.path().join(format!("synthetic-{n}.pdf"));
        let runs: Vec<(Duration, f64)> = (0..3)
            .map(|_| {
                run_measured(
                    &bin,
                    &["build", deck.to_str().unwrap(), "-o", pdf.to_str().unwrap()],
                )
            })
            .collect();
        let peak = runs.iter().map(|r| r.1).fold(0.0, f64::max);
        let t = median(runs.iter().map(|r| r.0).collect());
        rows.push((
            format!("synthetic deck, {n} content slides (whole process, median of 3)"),
            format!("{t:.0} ms, peak {peak:.0} MB"),
        ));
    }

    // PNG export, one thread vs all cores.
    let png_dir = tmp.path().join("png");
    let png = |threads: &str| {
        let runs: Vec<Duration> = (0..3)
            .map(|_| {
                let t = Instant::now();
                let status = Command::new(&bin)
                    .env("RAYON_NUM_THREADS", threads)
                    .args([
                        "build",
                        c,
                        "-o",
                        png_dir.join("deck.pdf").to_str().unwrap(),
                        "--png",
                        "--dpi",
                        "150",
                    ])
                    .stderr(std::process::Stdio::null())
                    .status()
                    .unwrap();
                assert!(status.success());
                t.elapsed()
            })
            .collect();
        median(runs)
    };
    let (one, all) = (png("1"), png("0"));
    rows.push((
        "build + PNG export of every page at 150 dpi, 1 thread".into(),
        format!("{one:.0} ms"),
    ));
    rows.push((
        format!(
            "build + PNG export of every page at 150 dpi, {} threads",
            std::thread::available_parallelism().map_or(1, |n| n.get())
        ),
        format!("{all:.0} ms ({:.2}× faster)", one / all),
    ));

    // PNG export at 600 dpi: pages are rendered as they are written, a few
    // at a time, so memory stays bounded whatever the page count.
    let (t, peak) = run_measured(
        &bin,
        &[
            "build",
            c,
            "-o",
            png_dir.join("deck.pdf").to_str().unwrap(),
            "--png",
            "--dpi",
            "600",
        ],
    );
    rows.push((
        "build + PNG export of every page at 600 dpi (whole process)".into(),
        format!("{:.0} ms, peak {peak:.0} MB", t.as_secs_f64() * 1000.0),
    ));

    println!("| measurement | result |\n|---|---|");
    for (what, result) in rows {
        println!("| {what} | {result} |");
    }
}
