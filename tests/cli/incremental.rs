//! Incremental builds, counted rather than timed: an edit in one slide
//! regenerates that slide's unit only and gives Typst one changed file; a
//! notes-only edit never reaches Typst; a changed image always does.

use lectern::pipeline::{BuildOptions, BuildStats, Session};

use crate::util::*;

/// An outline of twelve content slides, each with a bullet and notes; the
/// bullets carry `tag`, so that no other test has made these units before
/// (memoised units are shared by the whole process).
fn twelve(tag: &str) -> String {
    let mut yaml =
        String::from("title: Twelve\nlang: en\nsections:\n  - title: All\n    slides:\n");
    for i in 1..=12 {
        yaml += &format!(
            "      - title: Slide {i}\n        bullets:\n          - point of slide {i} {tag}\n        notes: Notes of slide {i}.\n"
        );
    }
    yaml
}

/// A session on `deck.yaml` in `dir`, notes on.
fn session(dir: &std::path::Path) -> Session {
    Session::new(BuildOptions {
        outline: dir.join("deck.yaml"),
        notes: true,
        ..BuildOptions::default()
    })
}

/// Builds; the build must succeed.
#[track_caller]
fn build(session: &mut Session) -> BuildStats {
    let outcome = session.build_and_write();
    assert!(outcome.result.is_ok(), "{:?}", outcome.diagnostics);
    outcome.stats
}

#[test]
fn inserting_text_in_slide_10_regenerates_slide_10_only() {
    let twelve = || twelve("insert");
    let dir = deck(&twelve());
    let mut session = session(dir.path());
    let first = build(&mut session);
    assert_eq!(first.units_generated, 12);
    // One word inserted: every later slide's bytes move, their units stay.
    let yaml = twelve().replace("point of slide 10", "point of (edited) slide 10");
    std::fs::write(dir.path().join("deck.yaml"), &yaml).unwrap();
    let stats = build(&mut session);
    assert_eq!(stats.units_generated, 1, "{stats:?}");
    assert_eq!(
        stats.sources_changed, 1,
        "Typst re-reads one file: {stats:?}"
    );
    assert!(!stats.typst_skipped);
    assert!(pdf_text(&dir.path().join("deck.pdf")).contains("point of (edited) slide 10"));
    // Deleting it again: slide 10's first unit is still memoised, and Typst
    // re-reads that one file.
    std::fs::write(dir.path().join("deck.yaml"), twelve()).unwrap();
    let stats = build(&mut session);
    assert_eq!((stats.units_generated, stats.sources_changed), (0, 1));
    // A save that changes nothing: no unit, no Typst.
    let stats = build(&mut session);
    assert_eq!(stats.units_generated, 0);
    assert!(stats.typst_skipped);
}

#[test]
fn a_notes_only_edit_rewrites_the_notes_and_skips_typst() {
    let twelve = || twelve("notes");
    let dir = deck(&twelve());
    let mut session = session(dir.path());
    build(&mut session);
    // Every write is a new file renamed into place: an output left alone
    // keeps its inode.
    let inode = |name: &str| {
        use std::os::unix::fs::MetadataExt;
        std::fs::metadata(dir.path().join(name)).unwrap().ino()
    };
    let (pdf_inode, notes_inode) = (inode("deck.pdf"), inode("deck.pdfpc"));
    let pdf = std::fs::read(dir.path().join("deck.pdf")).unwrap();
    std::fs::write(
        dir.path().join("deck.yaml"),
        twelve().replace("Notes of slide 7.", "Notes of slide 7, rewritten."),
    )
    .unwrap();
    let stats = build(&mut session);
    assert!(stats.typst_skipped, "{stats:?}");
    assert_eq!(stats.sources_changed, 0);
    let notes = std::fs::read_to_string(dir.path().join("deck.pdfpc")).unwrap();
    assert!(notes.contains("Notes of slide 7, rewritten."));
    assert_ne!(
        inode("deck.pdfpc"),
        notes_inode,
        "the notes were not rewritten"
    );
    assert_eq!(std::fs::read(dir.path().join("deck.pdf")).unwrap(), pdf);
    assert_eq!(
        inode("deck.pdf"),
        pdf_inode,
        "the unchanged PDF was rewritten"
    );
    // A slide edit after it reaches Typst again, and leaves the notes file
    // alone.
    let notes_inode = inode("deck.pdfpc");
    std::fs::write(
        dir.path().join("deck.yaml"),
        twelve()
            .replace("Notes of slide 7.", "Notes of slide 7, rewritten.")
            .replace("point of slide 3", "point three"),
    )
    .unwrap();
    let stats = build(&mut session);
    assert!(!stats.typst_skipped);
    assert!(pdf_text(&dir.path().join("deck.pdf")).contains("point three"));
    assert_ne!(inode("deck.pdf"), pdf_inode);
    assert_eq!(
        inode("deck.pdfpc"),
        notes_inode,
        "the unchanged notes were rewritten"
    );
}

#[test]
fn a_changed_image_is_never_skipped() {
    let dir = fixture("basic");
    let mut session = Session::new(BuildOptions {
        outline: dir.path().join("outline.yaml"),
        ..BuildOptions::default()
    });
    build(&mut session);
    let before = Pdf::open(&dir.path().join("outline.pdf")).image_sizes();
    // Same outline, a different picture: Typst must run again.
    let picture = image::RgbImage::from_pixel(40, 20, image::Rgb([200, 30, 30]));
    picture.save(dir.path().join("picture.png")).unwrap();
    let stats = build(&mut session);
    assert!(!stats.typst_skipped, "{stats:?}");
    let after = Pdf::open(&dir.path().join("outline.pdf")).image_sizes();
    assert_ne!(before, after);
    assert!(after.contains(&(40, 20)), "{after:?}");
}

#[test]
fn an_edited_theme_is_picked_up_by_the_same_session() {
    let yaml = twelve("theme").replace("lang: en\n", "lang: en\ntheme: mytheme\n");
    let dir = deck(&yaml);
    theme_new(&dir.path().join("mytheme"), "academic");
    let mut session = session(dir.path());
    build(&mut session);
    let pdf = dir.path().join("deck.pdf");
    assert!(!pdf_text(&pdf).contains("Plan of the hour"));
    // theme.typ: the agenda's heading; no generated file changes.
    let typ = dir.path().join("mytheme/theme.typ");
    let code = std::fs::read_to_string(&typ).unwrap();
    assert!(code.contains("deck.labels.agenda)"));
    std::fs::write(
        &typ,
        code.replace("deck.labels.agenda)", "\"Plan of the hour\")"),
    )
    .unwrap();
    let stats = build(&mut session);
    assert!(!stats.typst_skipped, "{stats:?}");
    assert!(pdf_text(&pdf).contains("Plan of the hour"));
    // theme.yaml: the accent colour reaches the deck.
    let palette = dir.path().join("mytheme/theme.yaml");
    let before = std::fs::read(&pdf).unwrap();
    let colours = std::fs::read_to_string(&palette).unwrap();
    std::fs::write(&palette, colours.replace("\"#1f4e8c\"", "\"#8c1f4e\"")).unwrap();
    let stats = build(&mut session);
    assert!(!stats.typst_skipped);
    assert_ne!(std::fs::read(&pdf).unwrap(), before);
}

#[test]
fn an_edit_beside_a_diagram_regenerates_the_edited_slide_only() {
    let yaml = |word: &str| {
        format!(
            "title: D\nlang: en\nsections:\n  - title: S\n    slides:\n      - title: Loop\n        diagram:\n          edges: [\"observe -> diff: drift\", \"diff -> act\", \"act -> observe\"]\n      - title: Words\n        bullets: [\"{word} beside a diagram\"]\n"
        )
    };
    let dir = deck(&yaml("first"));
    let mut session = session(dir.path());
    assert_eq!(build(&mut session).units_generated, 2);
    std::fs::write(dir.path().join("deck.yaml"), yaml("second")).unwrap();
    let stats = build(&mut session);
    assert_eq!(stats.units_generated, 1, "{stats:?}");
    assert_eq!(stats.sources_changed, 1, "{stats:?}");
}

#[test]
fn after_a_notes_only_edit_a_later_slides_warning_points_at_its_new_line() {
    // Slide 12 runs over its page; the notes of slide 2 grow by three lines.
    let long: String = (1..=40)
        .map(|i| format!("          - overflowing point {i}\n"))
        .collect();
    let yaml = twelve("warned").replace(
        "          - point of slide 12 warned\n",
        &format!("          - point of slide 12 warned\n{long}"),
    );
    let dir = deck(&yaml);
    let mut session = session(dir.path());
    let line_of = |text: &str| text.lines().position(|l| l.contains("Slide 12")).unwrap() + 1;
    let warned_at = |session: &mut Session| {
        let outcome = session.build_and_write();
        assert!(outcome.result.is_ok(), "{:?}", outcome.diagnostics);
        let warning = outcome
            .diagnostics
            .iter()
            .find(|d| d.message.contains("does not fit") || d.message.contains("continues over"))
            .expect("the overflow warning");
        let span = warning.span.as_ref().expect("located");
        (
            outcome.sources.get(span.file).line_col(span.range.start).0,
            outcome.stats.typst_skipped,
        )
    };
    assert_eq!(warned_at(&mut session), (line_of(&yaml), false));
    let edited = yaml.replace(
        "        notes: Notes of slide 2.\n",
        "        notes: |\n          Notes of slide 2.\n          A second line.\n          A third.\n",
    );
    std::fs::write(dir.path().join("deck.yaml"), &edited).unwrap();
    assert_eq!(line_of(&edited), line_of(&yaml) + 3);
    assert_eq!(warned_at(&mut session), (line_of(&edited), true));
}
