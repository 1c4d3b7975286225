//! `lectern watch` picks up edits, survives a broken edit, and keeps the last
//! good PDF meanwhile. Every wait is bounded.

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::util::*;

/// Kills the watcher when the test ends, pass or fail.
struct Guard(Child);

impl Drop for Guard {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Waits up to 30 s for `ready` to hold.
#[track_caller]
fn wait_for(what: &str, mut ready: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(30);
    while !ready() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// The text of the PDF, or nothing while it does not exist yet.
fn text_of(pdf: &Path) -> String {
    if pdf.exists() {
        pdf_text(pdf)
    } else {
        String::new()
    }
}

/// Starts `lectern watch outline.yaml ARGS...` in `dir`, its messages going
/// to `log`, and waits for the first build of the basic fixture.
fn start_watch(dir: &Path, log: &Path, args: &[&str]) -> Guard {
    let child = Command::new(assert_cmd::cargo::cargo_bin("lectern"))
        .current_dir(dir)
        .args(["watch", "outline.yaml"])
        .args(args)
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(log).unwrap())
        .spawn()
        .unwrap();
    let guard = Guard(child);
    wait_for("the first build", || {
        text_of(&dir.join("outline.pdf")).contains("one bold point")
    });
    guard
}

#[test]
fn watch_rebuilds_on_save_and_survives_a_broken_edit() {
    let dir = fixture("basic");
    let outline = dir.path().join("outline.yaml");
    let pdf = dir.path().join("outline.pdf");
    let log = dir.path().join("watch.log");
    let _guard = start_watch(dir.path(), &log, &[]);

    // An edit, saved by writing a new file and renaming it over the old one.
    let yaml = std::fs::read_to_string(&outline).unwrap();
    let tmp = dir.path().join("outline.yaml.swp");
    std::fs::write(&tmp, yaml.replace("one **bold** point", "an edited point")).unwrap();
    std::fs::rename(&tmp, &outline).unwrap();
    wait_for("the rebuild after the edit", || {
        text_of(&pdf).contains("an edited point")
    });

    // A broken edit: the error is reported and the last good PDF stays.
    let good = std::fs::read(&pdf).unwrap();
    // Saved whole (as editors do): a write seen half-done would be another
    // error than the one this checks.
    std::fs::write(&tmp, "title: [broken\n").unwrap();
    std::fs::rename(&tmp, &outline).unwrap();
    wait_for("the error report", || {
        std::fs::read_to_string(&log)
            .unwrap_or_default()
            .contains("build failed")
    });
    let report = std::fs::read_to_string(&log).unwrap();
    assert!(
        report.contains("invalid YAML") && report.contains("outline.yaml:"),
        "{report}"
    );
    assert_eq!(
        std::fs::read(&pdf).unwrap(),
        good,
        "the last good PDF was replaced"
    );

    // The fix is picked up.
    std::fs::write(&outline, yaml.replace("one **bold** point", "fixed again")).unwrap();
    wait_for("the rebuild after the fix", || {
        text_of(&pdf).contains("fixed again")
    });
    let report = std::fs::read_to_string(&log).unwrap();
    assert!(report.matches("rebuilt").count() >= 3, "{report}");
}

/// How many builds the watcher has reported so far.
fn builds(log: &Path) -> usize {
    let report = std::fs::read_to_string(log).unwrap_or_default();
    report.matches("rebuilt").count() + report.matches("build failed").count()
}

#[test]
fn watch_ignores_its_own_outputs_and_unrelated_files() {
    let dir = fixture("basic");
    let log = dir.path().join("watch.log");
    let pdf = dir.path().join("outline.pdf");
    let _guard = start_watch(
        dir.path(),
        &log,
        &["--emit-typst", "--png", "--dpi", "20", "--handout"],
    );
    // The first build writes its PDF first, then the other outputs.
    wait_for("the first build's other outputs", || {
        dir.path().join("outline-typst/main.typ").is_file()
            && dir.path().join("outline-png").is_dir()
            && dir.path().join("outline-handout.pdf").is_file()
    });
    // Counted, not timed: after each step, an edit the deck does read is a
    // sentinel. Once its rebuild is in the PDF, every earlier event has
    // been handled, and the count says whether any of them rebuilt.
    let outline = dir.path().join("outline.yaml");
    let yaml = std::fs::read_to_string(&outline).unwrap();
    let sentinel = |n: usize| {
        // Longer than the watcher's quiet time, so that the step's events
        // are not merged into the sentinel's.
        std::thread::sleep(Duration::from_millis(300));
        let word = format!("sentinel number {n}");
        std::fs::write(&outline, yaml.replace("one **bold** point", &word)).unwrap();
        wait_for("the sentinel's rebuild", || text_of(&pdf).contains(&word));
        builds(&log)
    };
    // The first build's own outputs (inside the watched folder) fed nothing
    // back: the sentinel's build is the second.
    assert_eq!(sentinel(1), 2, "{}", std::fs::read_to_string(&log).unwrap());
    // Nor did the sentinel's outputs, and files the deck does not read
    // change nothing.
    std::fs::write(dir.path().join("unrelated.txt"), "hello").unwrap();
    std::fs::write(dir.path().join("outline.pdf.bak"), "copy").unwrap();
    assert_eq!(sentinel(2), 3, "{}", std::fs::read_to_string(&log).unwrap());
}

#[test]
fn watch_follows_a_theme_folder_outside_the_outline_folder() {
    let dir = fixture("basic");
    let themes = tempfile::tempdir().unwrap();
    let theme = themes.path().join("shared-theme");
    theme_new(&theme, "academic");
    let pdf = dir.path().join("outline.pdf");
    let log = dir.path().join("watch.log");
    // Only the user may choose a theme outside the outline's folder.
    let _guard = start_watch(dir.path(), &log, &["--theme", theme.to_str().unwrap()]);
    let typ = std::fs::read_to_string(theme.join("theme.typ")).unwrap();
    std::fs::write(
        theme.join("theme.typ"),
        typ.replace("  body\n}\n", "  body\n  [edited theme]\n}\n"),
    )
    .unwrap();
    wait_for("the rebuild after the theme edit", || {
        text_of(&pdf).contains("edited theme")
    });
}

#[test]
fn watch_follows_the_csv_files_images_and_files_raw_typst_reads() {
    let dir = fixture("basic");
    let outline = dir.path().join("outline.yaml");
    let yaml = std::fs::read_to_string(&outline).unwrap().replace(
        "closing:\n",
        "      - title: Votes\n        chart:\n          kind: bar\n          data: votes.csv\n      - title: Raw\n        typst: '#read(\"extra.txt\")'\nclosing:\n",
    );
    std::fs::write(&outline, yaml).unwrap();
    std::fs::write(dir.path().join("votes.csv"), "party,votes\nAlpha,3\n").unwrap();
    std::fs::write(dir.path().join("extra.txt"), "first extra").unwrap();
    let log = dir.path().join("watch.log");
    let pdf = dir.path().join("outline.pdf");
    let _guard = start_watch(dir.path(), &log, &[]);
    // Each file the deck reads rebuilds it once.
    std::fs::write(dir.path().join("votes.csv"), "party,votes\nBravo,4\n").unwrap();
    wait_for("the rebuild after the CSV edit", || {
        text_of(&pdf).contains("Bravo")
    });
    std::fs::write(dir.path().join("extra.txt"), "second extra").unwrap();
    wait_for("the rebuild after the raw Typst file's edit", || {
        text_of(&pdf).contains("second extra")
    });
    let before = builds(&log);
    let picture = dir.path().join("picture.png");
    image::RgbImage::from_pixel(8, 8, image::Rgb([0, 0, 255]))
        .save(&picture)
        .unwrap();
    wait_for("the rebuild after the image edit", || builds(&log) > before);
    let sizes = Pdf::open(&pdf).image_sizes();
    assert!(
        sizes.contains(&(8, 8)),
        "the new picture is not in the PDF: {sizes:?}"
    );
}

#[test]
fn an_edit_saved_while_the_first_build_runs_is_built() {
    let dir = fixture("basic");
    let log = dir.path().join("watch.log");
    let pdf = dir.path().join("outline.pdf");
    let outline = dir.path().join("outline.yaml");
    let yaml = std::fs::read_to_string(&outline).unwrap();
    // PNG pages make the first build long; the save lands inside it, before
    // the build has said which files it read.
    let _guard = start_watch(dir.path(), &log, &["--png", "--dpi", "30"]);
    std::thread::sleep(Duration::from_millis(5));
    std::fs::write(&outline, yaml.replace("one **bold** point", "saved early")).unwrap();
    wait_for("the early save's build", || {
        text_of(&pdf).contains("saved early")
    });
}
