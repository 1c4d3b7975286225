//! `cargo bench --bench edits`: the edits lecturers make, timed through the
//! same path as `lectern watch` (the outline saved to disk, then one
//! `Session::build` that reads it, builds, and writes the PDF and notes),
//! each beside plain Typst's own incremental recompile and export of the
//! same change to the emitted project, in the same run, interleaved.
//!
//! The baseline keeps one warm Typst World over lectern's generated files;
//! for each edit it is given the files lectern generates for the edited
//! outline (made outside the timing), then compiles, exports the PDF with
//! typst-pdf and writes it. Prints Markdown tables for BENCHMARKS.md.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use lectern::codegen::{self, Generated};
use lectern::diagnostics::Sources;
use lectern::pipeline::{BuildOptions, Session};
use lectern::theme::Theme;
use lectern::world::LecternWorld;
use lectern::world::fonts::{FontSet, SC_FALLBACKS};
use lectern::world::sandbox::{MAX_FILE_BYTES, Sandbox};
use typst::foundations::Datetime;
use typst_layout::PagedDocument;

/// Samples per edit kind.
const SAMPLES: usize = 15;

/// Median, minimum and maximum, in milliseconds.
fn stats(mut samples: Vec<Duration>) -> (f64, f64, f64) {
    samples.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    (
        ms(samples[samples.len() / 2]),
        ms(samples[0]),
        ms(samples[samples.len() - 1]),
    )
}

/// What lectern generates for an outline (as `Session` does, fonts and all).
fn generate(outline: &Path, theme: &str, fonts: &FontSet) -> (Theme, Generated) {
    let base = outline.parent().expect("folder");
    let mut sources = Sources::default();
    let text = std::fs::read_to_string(outline).expect("outline");
    let file = sources.add("deck", None, text);
    let (mut parsed, _) = lectern::outline::parse(file, sources.get(file))
        .map_err(|_| ())
        .expect("valid outline");
    let sandbox = Sandbox::new(base, MAX_FILE_BYTES);
    lectern::outline::load_csv(&mut parsed, &sandbox, &mut sources);
    let theme = lectern::theme::load(theme, base, &mut sources)
        .map_err(|_| ())
        .expect("theme");
    let generated = codegen::generate(&parsed, &theme, &fonts.present(SC_FALLBACKS));
    (theme, generated)
}

/// Plain Typst, warm, on lectern's generated files.
struct Baseline {
    /// The World, kept between compilations.
    world: LecternWorld,
    /// Where the PDF goes.
    pdf: PathBuf,
}

impl Baseline {
    /// Compiles `files` (the edited project), exports and writes the PDF.
    fn run(&mut self, files: &[(String, String)]) -> Duration {
        let started = Instant::now();
        self.world.set_sources(files);
        let doc = typst::compile::<PagedDocument>(&self.world)
            .output
            .map_err(|_| ())
            .expect("compiles");
        let pdf = typst_pdf::pdf(&doc, &typst_pdf::PdfOptions::default())
            .map_err(|_| ())
            .expect("exports");
        std::fs::write(&self.pdf, pdf).expect("write");
        comemo::evict(10);
        started.elapsed()
    }
}

/// One kind of edit: two states of a file, alternated.
struct Edit {
    /// What the row says.
    name: &'static str,
    /// The file edited.
    file: PathBuf,
    /// The file's two texts.
    states: [String; 2],
}

fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let tmp = tempfile::tempdir().expect("temp dir");
    let work = tmp.path();
    for entry in std::fs::read_dir(root.join("slides")).expect("slides") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "yaml" || e == "csv") {
            std::fs::copy(&path, work.join(path.file_name().expect("name"))).expect("copy");
        }
    }
    let outline = work.join("container-orchestration-wars.yaml");
    let original = std::fs::read_to_string(&outline).expect("outline");
    // The theme as a folder of its own, so its colour can be edited.
    let theme_dir = work.join("mytheme");
    lectern::theme::eject("academic", &theme_dir).expect("eject");
    let theme_yaml = std::fs::read_to_string(theme_dir.join("theme.yaml")).expect("theme");
    let with = |from: &str, to: &str| {
        assert!(original.contains(from), "{from}");
        original.replacen(from, to, 1)
    };
    let new_slide = "      - title: 新加的一页\n        bullets:\n          - 课堂上临时补充的一点\n\n      - title: 收购 Orchard Labs：从 Fig 到 Compose";
    let edits = [
        Edit {
            name: "insert a word into a bullet of slide 30",
            file: outline.clone(),
            states: [
                with(
                    "镜像只是平台部署应用的载体",
                    "镜像只是平台部署应用的标准载体",
                ),
                original.clone(),
            ],
        },
        Edit {
            name: "delete that word again",
            file: outline.clone(),
            states: [
                original.clone(),
                with(
                    "镜像只是平台部署应用的载体",
                    "镜像只是平台部署应用的标准载体",
                ),
            ],
        },
        Edit {
            name: "edit the notes of slide 30 only",
            file: outline.clone(),
            states: [
                with(
                    "大会之后，Docker 公司意识到",
                    "大会结束之后，Docker 公司意识到",
                ),
                original.clone(),
            ],
        },
        Edit {
            name: "add a slide in the middle of a section",
            file: outline.clone(),
            states: [
                with(
                    "      - title: 收购 Orchard Labs：从 Fig 到 Compose",
                    new_slide,
                ),
                original.clone(),
            ],
        },
        Edit {
            name: "change the theme's accent colour",
            file: theme_dir.join("theme.yaml"),
            states: [
                theme_yaml.replace("\"#1f4e8c\"", "\"#1f4e8d\""),
                theme_yaml.clone(),
            ],
        },
    ];

    let fonts = FontSet::new(&[]);
    let mut session = Session::new(BuildOptions {
        outline: outline.clone(),
        theme: Some("mytheme".into()),
        notes: true,
        ..BuildOptions::default()
    });
    assert!(session.build_and_write().result.is_ok());
    let (theme, generated) = generate(&outline, "mytheme", &fonts);
    let mut baseline = Baseline {
        world: LecternWorld::new(
            Sandbox::new(work, MAX_FILE_BYTES),
            Arc::new(FontSet::new(&[])),
            &theme.files,
            theme.dir.as_deref(),
            Datetime::from_ymd(2026, 11, 27).expect("date"),
        ),
        pdf: work.join("baseline.pdf"),
    };
    baseline.run(&generated.files);

    println!(
        "| edit (chapter deck, warm) | lectern: read → build → write PDF + notes | plain Typst: recompile + export + write | lectern / Typst |"
    );
    println!("|---|---|---|---|");
    let mut medians = Vec::new();
    let mut breakdown = Vec::new();
    for edit in &edits {
        // The baseline's inputs for both states, made before any timing.
        let projects: Vec<Vec<(String, String)>> = edit
            .states
            .iter()
            .map(|text| {
                std::fs::write(&edit.file, text).expect("write");
                generate(&outline, "mytheme", &fonts).1.files
            })
            .collect();
        // Start from the second state, so every timed save is a change.
        std::fs::write(&edit.file, &edit.states[1]).expect("write");
        assert!(session.build_and_write().result.is_ok());
        baseline.run(&projects[1]);
        let (mut ours, mut theirs) = (Vec::new(), Vec::new());
        let mut stages: Vec<Vec<(&'static str, Duration)>> = Vec::new();
        for i in 0..SAMPLES * 2 {
            let state = i % 2;
            let started = Instant::now();
            std::fs::write(&edit.file, &edit.states[state]).expect("save");
            let outcome = session.build_and_write();
            let took = started.elapsed();
            assert!(outcome.result.is_ok());
            let typst = baseline.run(&projects[state]);
            // Only the edit itself counts; the other half restores it.
            if state == 0 {
                ours.push(took);
                theirs.push(typst);
                stages.push(outcome.stats.stages.clone());
            }
        }
        let (l, lmin, lmax) = stats(ours);
        let (t, tmin, tmax) = stats(theirs);
        println!(
            "| {} | {l:.1} ms ({lmin:.1}–{lmax:.1}) | {t:.1} ms ({tmin:.1}–{tmax:.1}) | {:.2}× |",
            edit.name,
            l / t
        );
        medians.push((edit.name, l));
        breakdown.push((edit.name, stages));
        std::fs::write(&edit.file, &edit.states[1]).expect("restore");
    }
    println!("\nlectern's stages, median ms per edit kind:\n");
    for (name, runs) in &breakdown {
        let names: Vec<&str> = runs[0].iter().map(|(n, _)| *n).collect();
        let parts: Vec<String> = names
            .iter()
            .map(|n| {
                let times: Vec<Duration> = runs
                    .iter()
                    .filter_map(|r| r.iter().find(|(m, _)| m == n).map(|(_, d)| *d))
                    .collect();
                format!("{n} {:.1}", stats(times).0)
            })
            .collect();
        println!("- {name}: {}", parts.join(", "));
    }
    let slide = medians[0].1;
    let notes = medians[2].1;
    println!(
        "\nnotes-only edit / one-slide edit (lectern medians): {:.2}×",
        notes / slide
    );

    // 1,000 slides: our work against typst-pdf's export, which is linear in
    // the pages and not ours to make incremental.
    let mut yaml = String::from("title: Synthetic deck\nlang: en\nsections:\n");
    for s in 0..10 {
        yaml += &format!("  - title: Section {s}\n    slides:\n");
        for i in 0..100 {
            yaml += &format!(
                "      - title: Slide {s}.{i}\n        bullets:\n          - first point of slide {i}\n          - second **point**\n        notes: Say something about slide {i}.\n"
            );
        }
    }
    let big = work.join("synthetic.yaml");
    std::fs::write(&big, &yaml).expect("write");
    let mut session = Session::new(BuildOptions {
        outline: big.clone(),
        notes: true,
        ..BuildOptions::default()
    });
    assert!(session.build_and_write().result.is_ok());
    let (mut total, mut export) = (Vec::new(), Vec::new());
    for i in 0..SAMPLES {
        let started = Instant::now();
        std::fs::write(
            &big,
            yaml.replace(
                "first point of slide 50\n",
                &format!("first point of slide 50 ({i})\n"),
            ),
        )
        .expect("save");
        let outcome = session.build_and_write();
        total.push(started.elapsed());
        assert!(outcome.result.is_ok());
        export.push(
            outcome
                .stats
                .stages
                .iter()
                .filter(|(stage, _)| *stage == "pdf export")
                .map(|(_, d)| *d)
                .sum(),
        );
    }
    let ((t, _, _), (e, _, _)) = (stats(total), stats(export));
    println!("\n| 1,000-slide deck, one-slide edit (median of {SAMPLES}) | ms |\n|---|---|");
    println!("| whole edit: read → build → write | {t:.0} |");
    println!("| of which typst-pdf export | {e:.0} |");
    println!(
        "| of which everything else (ours, and Typst's incremental layout) | {:.0} |",
        t - e
    );
}
