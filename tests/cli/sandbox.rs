//! The sandbox, tried as a hostile or careless user would: theme folders
//! that lead out of the outline's folder, image bombs, huge photos, FIFOs.

use std::path::Path;
use std::time::Duration;

use crate::util::*;

/// What the secret file holds; it must reach no output.
const SECRET: &str = "PRIVATE-KEY-7f3a9c";

/// An outline that names `theme` and reads the secret through raw Typst.
fn exfiltrating(theme: &str) -> String {
    format!(
        "theme: {theme}\ntitle: t\nlang: en\nsections:\n  - title: s\n    slides:\n      - title: leak\n        typst: '#raw(read(\"/.theme/id_ed25519\"))'\n"
    )
}

/// A folder with a working theme and a secret beside its files.
fn secret_theme(dir: &Path) {
    theme_new(dir, "academic");
    std::fs::write(dir.join("id_ed25519"), SECRET).unwrap();
}

/// Asserts that no file under `dir` contains the secret.
#[track_caller]
fn no_leak(dir: &Path) {
    for entry in walk(dir) {
        let bytes = std::fs::read(&entry).unwrap();
        assert!(
            !String::from_utf8_lossy(&bytes).contains(SECRET),
            "the secret leaked into {}",
            entry.display()
        );
        if entry.extension().is_some_and(|e| e == "pdf") {
            assert!(!pdf_text(&entry).contains(SECRET), "{}", entry.display());
        }
    }
}

/// Every file under a folder.
fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if entry.file_type().unwrap().is_dir() {
            out.extend(walk(&path));
        } else if entry.file_type().unwrap().is_file() {
            out.push(path);
        }
    }
    out
}

#[test]
fn an_outline_cannot_name_a_theme_folder_outside_its_own() {
    let outside = tempfile::tempdir().unwrap();
    let secrets = outside.path().join("secrets");
    secret_theme(&secrets);
    let dir = tempfile::tempdir().unwrap();
    let deck = dir.path().join("deck");
    std::fs::create_dir(&deck).unwrap();
    std::os::unix::fs::symlink(&secrets, deck.join("linked")).unwrap();
    for theme in [
        secrets.to_str().unwrap().to_string(),
        "../../".to_string() + &relative_to(&deck, &secrets),
        "linked".to_string(),
    ] {
        std::fs::write(deck.join("deck.yaml"), exfiltrating(&theme)).unwrap();
        fails_with(
            &deck,
            &["deck.yaml", "--emit-typst", "--all"],
            &["is outside the outline's folder", "deck.yaml:1:8"],
        );
        no_leak(&deck);
    }
    // The user may still choose that folder on the command line.
    std::fs::write(deck.join("deck.yaml"), exfiltrating("academic")).unwrap();
    build_in(&deck, &["deck.yaml", "--theme", secrets.to_str().unwrap()]).success();
}

/// `to` relative to `from`'s grandparent (for a `../../x` path).
fn relative_to(from: &Path, to: &Path) -> String {
    let base = from.parent().unwrap().parent().unwrap();
    let base = base.canonicalize().unwrap();
    let to = to.canonicalize().unwrap();
    to.strip_prefix(&base)
        .map(|p| p.display().to_string())
        .unwrap_or_else(|_| to.display().to_string())
}

#[test]
fn no_raw_refuses_a_theme_folder_named_by_the_outline() {
    let dir = tempfile::tempdir().unwrap();
    secret_theme(&dir.path().join("mine"));
    std::fs::write(
        dir.path().join("deck.yaml"),
        "theme: mine\ntitle: t\nlang: en\nsections:\n  - title: s\n    slides:\n      - title: a\n        text: hello\n",
    )
    .unwrap();
    fails_with(
        dir.path(),
        &["deck.yaml", "--no-raw"],
        &["refused with --no-raw", "deck.yaml:1:8"],
    );
    assert!(!dir.path().join("deck.pdf").exists());
    build_in(dir.path(), &["deck.yaml"]).success();
}

/// Runs `lectern build ARGS...` in `dir` (at most 30 s: a hang fails) and
/// expects exit code 1 with every needle in the error output.
#[track_caller]
fn fails_with(dir: &Path, args: &[&str], needles: &[&str]) {
    let out = lectern()
        .current_dir(dir)
        .arg("build")
        .args(args)
        .timeout(Duration::from_secs(30))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    for needle in needles {
        assert!(
            stderr.contains(needle),
            "{needle:?} missing from:\n{stderr}"
        );
    }
}

#[test]
fn an_image_bomb_is_refused_before_decoding() {
    let dir = deck(
        "title: t\nlang: en\nsections:\n  - title: s\n    slides:\n      - title: bomb\n        image: bomb.png\n",
    );
    std::fs::copy(
        root().join("tests/fixtures/bomb/bomb.png"),
        dir.path().join("bomb.png"),
    )
    .unwrap();
    fails_with(
        dir.path(),
        &["deck.yaml"],
        &[
            "30000 × 30000 pixels is above the 40-megapixel limit",
            "deck.yaml:7:16",
        ],
    );
    // Raw Typst reaching for the same file is refused by the World.
    std::fs::write(
        dir.path().join("deck.yaml"),
        "title: t\nlang: en\nsections:\n  - title: s\n    slides:\n      - title: bomb\n        typst: '#image(\"bomb.png\")'\n",
    )
    .unwrap();
    fails_with(dir.path(), &["deck.yaml"], &["40-megapixel limit"]);
}

#[test]
fn a_large_photo_is_downscaled_before_it_reaches_the_pdf() {
    let dir = deck(
        "title: t\nlang: en\nsections:\n  - title: s\n    slides:\n      - title: photo\n        image: photo.jpg\n",
    );
    let photo = image::RgbImage::from_fn(6000, 4000, |x, y| {
        image::Rgb([(x / 24) as u8, (y / 16) as u8, ((x + y) % 256) as u8])
    });
    photo.save(dir.path().join("photo.jpg")).unwrap();
    build_in(dir.path(), &["deck.yaml"]).success();
    let sizes = Pdf::open(&dir.path().join("deck.pdf")).image_sizes();
    assert!(!sizes.is_empty(), "no image in the PDF");
    for (w, h) in sizes {
        assert!(w <= 3000 && h <= 3000, "embedded at {w} × {h}");
        assert!(w >= 2000, "downscaled too far: {w} × {h}");
    }
}

#[cfg(unix)]
#[test]
fn a_fifo_named_as_data_is_an_error_not_a_hang() {
    let dir = deck(
        "title: t\nlang: en\nsections:\n  - title: s\n    slides:\n      - title: c\n        chart:\n          kind: bar\n          data: pipe.csv\n",
    );
    let made = std::process::Command::new("mkfifo")
        .arg(dir.path().join("pipe.csv"))
        .status()
        .unwrap();
    assert!(made.success());
    fails_with(
        dir.path(),
        &["deck.yaml"],
        &["not a regular file", "deck.yaml:9:17"],
    );
}

#[test]
fn files_above_the_size_cap_are_refused_with_their_name() {
    let dir = deck(
        "title: t\nlang: en\nsections:\n  - title: s\n    slides:\n      - title: c\n        chart:\n          kind: bar\n          data: big.csv\n",
    );
    let mut csv = String::from("name,value\n");
    while csv.len() < (2 << 20) {
        csv.push_str("alpha,1\n");
    }
    std::fs::write(dir.path().join("big.csv"), csv).unwrap();
    fails_with(
        dir.path(),
        &["deck.yaml", "--max-file-size", "1"],
        &[
            "cannot read `big.csv`: it is 3 MiB, larger than the 1 MiB limit",
            "--max-file-size",
        ],
    );
}

#[test]
fn emit_typst_copies_only_what_the_build_read() {
    let dir = fixture("basic");
    std::fs::write(dir.path().join("private-notes.txt"), SECRET).unwrap();
    std::fs::copy(
        dir.path().join("picture.png"),
        dir.path().join("unused.png"),
    )
    .unwrap();
    build_in(dir.path(), &["outline.yaml", "--emit-typst"]).success();
    let emitted = dir.path().join("outline-typst");
    assert!(emitted.join("picture.png").is_file(), "the image it shows");
    assert!(!emitted.join("unused.png").exists());
    assert!(!emitted.join("private-notes.txt").exists());
    assert!(!emitted.join("outline.yaml").exists());
    no_leak(&emitted);
}

#[test]
fn raw_typst_cannot_read_outside_the_outline_folder() {
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("secret.txt");
    std::fs::write(&secret, SECRET).unwrap();
    let dir = outside.path().join("deck");
    std::fs::create_dir(&dir).unwrap();
    std::os::unix::fs::symlink(&secret, dir.join("link.txt")).unwrap();
    for (path, says) in [
        ("../secret.txt", "file not found"),
        (secret.to_str().unwrap(), "file not found"),
        ("link.txt", "leads outside its folder"),
    ] {
        std::fs::write(
            dir.join("deck.yaml"),
            format!(
                "title: t\nlang: en\nsections:\n  - title: s\n    slides:\n      - title: leak\n        typst: '#raw(read(\"{path}\"))'\n"
            ),
        )
        .unwrap();
        fails_with(&dir, &["deck.yaml"], &[says]);
        no_leak(&dir);
    }
}
