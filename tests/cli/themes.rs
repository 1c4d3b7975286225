//! Themes: the built-in ones, theme folders, and errors in a theme's code.

use predicates::prelude::*;

use crate::util::*;

#[test]
fn every_builtin_theme_builds_the_chapter_without_overflow_or_missing_glyphs() {
    let out = lectern().arg("themes").output().unwrap();
    let listing = String::from_utf8_lossy(&out.stdout).to_string();
    let names: Vec<&str> = listing
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    assert!(
        names.len() >= 4,
        "fewer than four built-in themes:\n{listing}"
    );
    let dir = tempfile::tempdir().unwrap();
    for name in names {
        let pdf = dir.path().join(format!("{name}.pdf"));
        let stderr = build_chapter(&pdf, &["--theme", name, "--deny-warnings"]);
        let text = squash(&pdf_text(&pdf));
        assert!(
            text.contains("Kubernetes最终胜出"),
            "{name}: section title missing"
        );
        assert!(text.contains("百万美元"), "{name}: chart text missing");
        // Page numbers "n / N" (N slides) and the short title in the footer
        // of a content slide.
        let slides = stderr
            .split(" slides, ")
            .next()
            .and_then(|s| s.rsplit('(').next())
            .unwrap_or_default()
            .to_string();
        let page = squash(&pdf_page_text(&pdf, 30));
        assert!(
            page.contains(&format!("/{slides}")) && page.contains("容器编排之争"),
            "{name}: no page number of {slides} or short title on page 30: {page}"
        );
        // The theme's code (as `theme new` ejects it) draws a progress bar.
        let ejected = dir.path().join(format!("ejected-{name}"));
        theme_new(&ejected, name);
        let code = std::fs::read_to_string(ejected.join("theme.typ")).unwrap();
        assert!(code.contains("progress()"), "{name}: no progress bar");
    }
}

#[test]
fn user_theme_folder_overrides_the_builtin_of_the_same_name() {
    let dir = fixture("basic");
    let theme = dir.path().join("academic");
    theme_new(&theme, "academic");
    let typ = std::fs::read_to_string(theme.join("theme.typ")).unwrap();
    let marked = typ.replace(
        "  body\n}\n",
        "  body\n  text(size: 8pt)[made with the user theme]\n}\n",
    );
    assert_ne!(
        typ, marked,
        "the theme's last function should end in `body`"
    );
    std::fs::write(theme.join("theme.typ"), marked).unwrap();
    let yaml = std::fs::read_to_string(dir.path().join("outline.yaml")).unwrap();
    std::fs::write(
        dir.path().join("outline.yaml"),
        format!("theme: academic\n{yaml}"),
    )
    .unwrap();
    build_in(dir.path(), &["outline.yaml"]).success();
    assert!(pdf_text(&dir.path().join("outline.pdf")).contains("made with the user theme"));
}

#[test]
fn broken_user_theme_is_reported_in_its_file() {
    let dir = fixture("basic");
    let theme = dir.path().join("mine");
    theme_new(&theme, "midnight");
    let typ = std::fs::read_to_string(theme.join("theme.typ")).unwrap();
    let broken = typ.replace(
        "#let content-slide(deck, title, body) = {",
        "#let content-slide(deck, title, body) = {\n  no-such-function()",
    );
    std::fs::write(theme.join("theme.typ"), &broken).unwrap();
    let line = broken
        .lines()
        .position(|l| l.contains("no-such-function"))
        .unwrap()
        + 1;
    build_in(dir.path(), &["outline.yaml", "--theme", "mine"])
        .code(1)
        .stderr(
            predicate::str::contains("unknown variable: no-such-function")
                .and(predicate::str::contains(format!("mine/theme.typ:{line}:3"))),
        );
}

#[test]
fn a_bad_palette_is_reported_in_theme_yaml() {
    let dir = fixture("basic");
    let theme = dir.path().join("pal");
    lectern()
        .args(["theme", "new", theme.to_str().unwrap()])
        .assert()
        .success();
    let yaml = std::fs::read_to_string(theme.join("theme.yaml"))
        .unwrap()
        .replace("\"#1d2433\"", "\"navy\"");
    std::fs::write(theme.join("theme.yaml"), &yaml).unwrap();
    let line = yaml.lines().position(|l| l.contains("\"navy\"")).unwrap() + 1;
    build_in(dir.path(), &["outline.yaml", "--theme", "pal"])
        .code(1)
        .stderr(
            predicate::str::contains("`navy` is not a colour")
                .and(predicate::str::contains(format!("theme.yaml:{line}:"))),
        );
}

#[test]
fn the_smallest_theme_in_the_theme_guide_works() {
    let guide = std::fs::read_to_string(root().join("themes/README.md")).unwrap();
    let start = guide
        .find("## The smallest complete theme")
        .expect("guide section");
    let code = guide[start..]
        .split("```typ\n")
        .nth(1)
        .and_then(|c| c.split("```").next())
        .expect("code block");
    let dir = fixture("minimal-theme");
    std::fs::create_dir_all(dir.path().join("tiny")).unwrap();
    std::fs::write(dir.path().join("tiny/theme.typ"), code).unwrap();
    build_in(dir.path(), &["outline.yaml"]).success();
    assert!(pdf_text(&dir.path().join("outline.pdf")).contains("Hello"));
}

#[test]
fn theme_new_refuses_to_overwrite() {
    let dir = tempfile::tempdir().unwrap();
    let theme = dir.path().join("t");
    lectern()
        .args(["theme", "new", theme.to_str().unwrap()])
        .assert()
        .success();
    lectern()
        .args(["theme", "new", theme.to_str().unwrap()])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("already exists"));
}

#[test]
fn a_theme_without_a_print_palette_prints_its_screen_colours() {
    let dir = fixture("basic");
    theme_new(&dir.path().join("mid"), "midnight");
    let yaml = dir.path().join("mid/theme.yaml");
    let spec = std::fs::read_to_string(&yaml).unwrap();
    let cut = spec.find("print:").expect("midnight has a print palette");
    let handout = |colours: &str, out: &str| {
        build_in(
            dir.path(),
            &[
                "outline.yaml",
                "--theme",
                "mid",
                "--handout",
                "--handout-colors",
                colours,
                "-o",
                out,
            ],
        )
        .success();
        std::fs::read(dir.path().join(out.replace(".pdf", "-handout.pdf"))).unwrap()
    };
    // With its print palette, the handout differs from the screen look...
    assert_ne!(handout("print", "a.pdf"), handout("screen", "b.pdf"));
    // ...without one, printing is the screen look.
    std::fs::write(&yaml, &spec[..cut]).unwrap();
    assert_eq!(handout("print", "c.pdf"), handout("screen", "d.pdf"));
}

#[test]
fn a_palette_missing_a_colour_names_it() {
    let dir = fixture("basic");
    theme_new(&dir.path().join("pal"), "academic");
    let yaml = dir.path().join("pal/theme.yaml");
    let spec: String = std::fs::read_to_string(&yaml)
        .unwrap()
        .lines()
        .filter(|l| !l.trim_start().starts_with("muted:"))
        .map(|l| format!("{l}\n"))
        .collect();
    let line = spec.lines().position(|l| l == "palette:").unwrap() + 1;
    std::fs::write(&yaml, spec).unwrap();
    build_in(dir.path(), &["outline.yaml", "--theme", "pal"])
        .code(1)
        .stderr(
            predicate::str::contains("the palette has no `muted` colour")
                .and(predicate::str::contains(format!("theme.yaml:{line}:1")))
                .and(predicate::str::contains("every palette defines")),
        );
}

#[test]
fn a_theme_font_that_is_not_installed_is_named_in_a_warning() {
    let dir = fixture("basic");
    theme_new(&dir.path().join("odd"), "academic");
    let yaml = dir.path().join("odd/theme.yaml");
    let spec = std::fs::read_to_string(&yaml).unwrap().replace(
        "text: [\"Lectern Sans\", \"Lectern Sans SC\"]",
        "text: [\"No Such Font Family\", \"Lectern Sans\", \"Lectern Sans SC\"]",
    );
    assert!(spec.contains("No Such Font Family"));
    std::fs::write(&yaml, spec).unwrap();
    build_in(dir.path(), &["outline.yaml", "--theme", "odd"])
        .success()
        .stderr(
            predicate::str::contains("`No Such Font Family`, which is not installed")
                .and(predicate::str::contains("--font-path")),
        );
    // The built-in themes name only fonts lectern carries.
    build_in(
        dir.path(),
        &["outline.yaml", "--deny-warnings", "--no-system-fonts"],
    )
    .success();
}

#[test]
fn a_folder_with_only_theme_yaml_recolours_academic() {
    let dir = fixture("basic");
    theme_new(&dir.path().join("full"), "academic");
    let spec = std::fs::read_to_string(dir.path().join("full/theme.yaml")).unwrap();
    std::fs::create_dir(dir.path().join("recolour")).unwrap();
    std::fs::write(
        dir.path().join("recolour/theme.yaml"),
        spec.replace("\"#1f4e8c\"", "\"#8c1f4e\""),
    )
    .unwrap();
    build_in(dir.path(), &["outline.yaml", "-o", "academic.pdf"]).success();
    build_in(
        dir.path(),
        &["outline.yaml", "--theme", "recolour", "-o", "recolour.pdf"],
    )
    .success();
    // The same slides (academic's code), in other colours.
    let (academic, recolour) = (
        dir.path().join("academic.pdf"),
        dir.path().join("recolour.pdf"),
    );
    assert_eq!(pdf_text(&academic), pdf_text(&recolour));
    assert_ne!(
        std::fs::read(academic).unwrap(),
        std::fs::read(recolour).unwrap()
    );
}

#[test]
fn paths_in_a_theme_are_relative_to_its_folder() {
    let dir = fixture("basic");
    let theme = dir.path().join("themes/logo");
    theme_new(&theme, "academic");
    image::RgbImage::from_pixel(23, 17, image::Rgb([200, 30, 30]))
        .save(theme.join("logo.png"))
        .unwrap();
    let typ = std::fs::read_to_string(theme.join("theme.typ")).unwrap();
    let marked = typ.replace(
        "  body\n}\n",
        "  body\n  place(top + right, image(\"logo.png\", width: 1cm))\n}\n",
    );
    assert_ne!(typ, marked);
    std::fs::write(theme.join("theme.typ"), marked).unwrap();
    build_in(dir.path(), &["outline.yaml", "--theme", "themes/logo"]).success();
    let sizes = Pdf::open(&dir.path().join("outline.pdf")).image_sizes();
    assert!(sizes.contains(&(23, 17)), "no logo in {sizes:?}");
}

#[test]
fn a_two_line_title_lies_within_metros_title_bar() {
    let dir = deck(
        "title: T\nlang: en\ntheme: metro\nopening:\n  - title: Firstword of a very long slide title that certainly needs two lines even at the smaller size in the metro theme Lastword\n    bullets: [First point]\n",
    );
    build_in(dir.path(), &["deck.yaml"]).success();
    let pdf = Pdf::open(&dir.path().join("deck.pdf"));
    let (_, h) = pdf.page_size(2);
    let (first, last) = (
        pdf.position(2, "Firstword").unwrap().1,
        pdf.position(2, "Lastword").unwrap().1,
    );
    // Baselines (PDF points, upwards): the first line's letters (cap height
    // about 0.7 of 19.2 pt) below the page's top edge, the second line
    // inside the 1.6 cm bar.
    assert!(first + 0.7 * 19.2 <= h, "first line at {first} of {h}");
    assert!(
        last < first && last > h - 1.6 / 2.54 * 72.0,
        "second line at {last}"
    );
}
