//! `cargo bench --bench edits`: the edits lecturers make, timed through the
//! same path as `lectern watch` (the outline saved to disk, then one
//! `Session::build_and_write` that reads it, builds, and writes the PDF and
//! notes), each beside plain Typst's own incremental recompile and export of
//! the same change to the emitted project, in the same run, interleaved.
//!
//! The baseline keeps one warm Typst World over lectern's generated files;
//! for each edit it is given the files lectern generates for the edited
//! outline (made outside the timing), then compiles, exports the PDF with
//! typst-pdf and writes it.
//!
//! No timed state has been seen before: sample `k` starts from a fresh
//! state (built, untimed) and makes its edit from there, and the baseline's
//! texts carry other numbers than lectern's, so neither finds the other's
//! (or its own earlier) results in Typst's memo cache. Prints Markdown
//! tables for BENCHMARKS.md.

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
const SAMPLES: usize = 25;

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
    lectern::outline::load_data(&mut parsed, &sandbox, &mut sources);
    let (theme, _) = lectern::theme::load(theme, base, &mut sources)
        .map_err(|_| ())
        .expect("theme");
    let fallbacks = fonts.present(SC_FALLBACKS);
    let faces = codegen::chart_faces(&theme, &fallbacks, fonts);
    let generated = codegen::generate(&parsed, &theme, &fallbacks, &faces);
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

/// One kind of edit: for sample `k`, the file's fresh starting text and
/// its text after the edit.
struct Edit<'a> {
    /// What the row says.
    name: &'static str,
    /// The file edited.
    file: PathBuf,
    /// The two texts for sample `k`.
    texts: Box<dyn Fn(usize) -> (String, String) + 'a>,
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
    // A path, as `--theme` takes it (relative to the working directory).
    let theme_name = theme_dir.to_string_lossy().into_owned();
    lectern::theme::eject("academic", &theme_dir).expect("eject");
    let theme_yaml = std::fs::read_to_string(theme_dir.join("theme.yaml")).expect("theme");
    let with = |pairs: &[(&str, &str)]| {
        let mut text = original.clone();
        for (from, to) in pairs {
            assert!(text.contains(from), "{from}");
            text = text.replacen(from, to, 1);
        }
        text
    };
    let bullet = "镜像只是平台部署应用的载体";
    let note = "大会之后，Docker 公司意识到";
    let next = "      - title: 收购 Orchard Labs：从 Fig 到 Compose";
    let code_line = "docker run -d --name web -p 8080:80 nginx";
    let cell = "集中调度 + 控制器";
    let diagram_label = "\"act -> seen: 补建 Pod\"";
    let edits = [
        Edit {
            name: "insert a word into a bullet of slide 30",
            file: outline.clone(),
            texts: Box::new(|k| {
                (
                    with(&[(bullet, &format!("镜像只是平台部署应用的载体（{k}）"))]),
                    with(&[(bullet, &format!("镜像只是平台部署应用的标准载体（{k}）"))]),
                )
            }),
        },
        Edit {
            name: "delete a word from that bullet",
            file: outline.clone(),
            texts: Box::new(|k| {
                (
                    with(&[(bullet, &format!("镜像只是平台部署应用的标准载体（{k}）"))]),
                    with(&[(bullet, &format!("镜像只是平台部署应用的载体（{k}）"))]),
                )
            }),
        },
        Edit {
            name: "edit the notes of slide 30 only",
            file: outline.clone(),
            texts: Box::new(|k| {
                (
                    with(&[(note, &format!("大会之后（{k}），Docker 公司意识到"))]),
                    with(&[(note, &format!("大会结束之后（{k}），Docker 公司意识到"))]),
                )
            }),
        },
        Edit {
            name: "add a slide in the middle of a section",
            file: outline.clone(),
            texts: Box::new(|k| {
                let start = format!("镜像只是平台部署应用的载体（{k}）");
                let slide = format!(
                    "      - title: 新加的一页（{k}）\n        bullets:\n          - 课堂上临时补充的一点\n\n{next}"
                );
                (
                    with(&[(bullet, &start)]),
                    with(&[(bullet, &start), (next, &slide)]),
                )
            }),
        },
        Edit {
            name: "change one line of the code slide",
            file: outline.clone(),
            texts: Box::new(|k| {
                (
                    with(&[(
                        code_line,
                        &format!("docker run -d --name web{k} -p 8080:80 nginx"),
                    )]),
                    with(&[(
                        code_line,
                        &format!("docker run -d --name site{k} -p 8080:80 nginx"),
                    )]),
                )
            }),
        },
        Edit {
            name: "change a cell of the comparison table",
            file: outline.clone(),
            texts: Box::new(|k| {
                (
                    with(&[(cell, &format!("集中调度 + 控制器（{k}）"))]),
                    with(&[(cell, &format!("集中调度与控制器（{k}）"))]),
                )
            }),
        },
        Edit {
            name: "change an edge label of the control-loop diagram",
            file: outline.clone(),
            texts: Box::new(|k| {
                (
                    with(&[(diagram_label, &format!("\"act -> seen: 补建 Pod {k}\""))]),
                    with(&[(diagram_label, &format!("\"act -> seen: 补建一个 Pod {k}\""))]),
                )
            }),
        },
        Edit {
            name: "change the theme's accent colour",
            file: theme_dir.join("theme.yaml"),
            texts: Box::new(|k| {
                let colour = |n: usize| format!("\"#1f{:02x}{:02x}\"", n / 256 % 256, n % 256);
                (
                    theme_yaml.replace("\"#1f4e8c\"", &colour(2 * k)),
                    theme_yaml.replace("\"#1f4e8c\"", &colour(2 * k + 1)),
                )
            }),
        },
    ];

    let fonts = FontSet::new(&[]);
    let mut session = Session::new(BuildOptions {
        outline: outline.clone(),
        theme: Some(theme_dir.to_string_lossy().into_owned()),
        notes: true,
        ..BuildOptions::default()
    });
    assert!(session.build_and_write().result.is_ok());
    let (theme, generated) = generate(&outline, &theme_name, &fonts);
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
        "| edit (chapter deck, warm) | lectern: read → build → write PDF + notes | plain Typst: recompile + export + write | lectern / Typst (medians) | median of the paired ratios |"
    );
    println!("|---|---|---|---|---|");
    let mut medians = Vec::new();
    let mut breakdown = Vec::new();
    for edit in &edits {
        let (mut ours, mut theirs) = (Vec::new(), Vec::new());
        let mut stages: Vec<Vec<(&'static str, Duration)>> = Vec::new();
        let restore = std::fs::read_to_string(&edit.file).expect("read");
        for k in 0..SAMPLES {
            // lectern's texts are sample k's; the baseline's, sample
            // k + 1000's: the same edit on other content.
            let (start, edited) = (edit.texts)(k);
            let (their_start, their_edited) = (edit.texts)(k + 1000);
            let project = |text: &str| {
                std::fs::write(&edit.file, text).expect("write");
                generate(&outline, &theme_name, &fonts).1.files
            };
            let (their_start, their_edited) = (project(&their_start), project(&their_edited));
            // Fresh starting states, untimed.
            std::fs::write(&edit.file, &start).expect("write");
            assert!(session.build_and_write().result.is_ok());
            baseline.run(&their_start);
            // The edit, timed: lectern's save → build → write, then Typst's.
            let started = Instant::now();
            std::fs::write(&edit.file, &edited).expect("save");
            let outcome = session.build_and_write();
            ours.push(started.elapsed());
            assert!(outcome.result.is_ok());
            stages.push(outcome.stats.stages.clone());
            theirs.push(baseline.run(&their_edited));
        }
        std::fs::write(&edit.file, &restore).expect("restore");
        // Each sample's two runs are back to back: the median of their
        // ratios is steadier than the ratio of the medians on a busy machine.
        let mut ratios: Vec<f64> = ours
            .iter()
            .zip(&theirs)
            .map(|(o, t)| o.as_secs_f64() / t.as_secs_f64())
            .collect();
        ratios.sort_by(f64::total_cmp);
        let paired = ratios[ratios.len() / 2];
        let (l, lmin, lmax) = stats(ours);
        let (t, tmin, tmax) = stats(theirs);
        println!(
            "| {} | {l:.1} ms ({lmin:.1}–{lmax:.1}) | {t:.1} ms ({tmin:.1}–{tmax:.1}) | {:.2}× | {paired:.2}× |",
            edit.name,
            l / t
        );
        medians.push((edit.name, l));
        breakdown.push((edit.name, stages));
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
                .filter(|(stage, _)| *stage == "pdf export (rest)")
                .map(|(_, d)| *d)
                .sum(),
        );
    }
    let ((t, _, _), (e, _, _)) = (stats(total), stats(export));
    println!("\n| 1,000-slide deck, one-slide edit (median of {SAMPLES}) | ms |\n|---|---|");
    println!("| whole edit: read → build → write | {t:.0} |");
    println!(
        "| of which waiting for typst-pdf's export, once lectern's own work beside it is done | {e:.0} |"
    );
    println!(
        "| of which everything else (ours, and Typst's incremental layout) | {:.0} |",
        t - e
    );
}
