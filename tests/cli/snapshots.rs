//! Snapshots of the Typst lectern generates for the fixtures: any change to
//! code generation shows up as a diff to review. Refresh with
//! `LECTERN_BLESS=1 cargo test --release --test cli snapshots`.

use lectern::diagnostics::Sources;
use lectern::world::sandbox::{MAX_FILE_BYTES, Sandbox};

use crate::util::*;

/// The generated Typst of a fixture, all files concatenated with headers.
fn generated(fixture: &str) -> String {
    let dir = root().join("tests/fixtures").join(fixture);
    let mut sources = Sources::default();
    let text = std::fs::read_to_string(dir.join("outline.yaml")).unwrap();
    let file = sources.add("outline.yaml", None, text);
    let (mut outline, _) = lectern::outline::parse(file, sources.get(file))
        .map_err(|e| format!("{e:?}"))
        .unwrap();
    assert!(
        lectern::outline::load_data(
            &mut outline,
            &Sandbox::new(&dir, MAX_FILE_BYTES),
            &mut sources
        )
        .is_empty()
    );
    let (theme, _) = lectern::theme::load("academic", &dir, &mut sources).unwrap();
    lectern::codegen::generate(
        &outline,
        &theme,
        &[],
        &lectern::charts::text::Faces::embedded(),
    )
    .files
    .iter()
    .filter(|(path, _)| !path.ends_with("/lib.typ"))
    .map(|(path, text)| format!("// ===== {path}\n{text}\n"))
    .collect()
}

#[test]
fn generated_typst_matches_the_snapshots() {
    for fixture in ["basic", "reveal"] {
        let actual = generated(fixture);
        let path = root()
            .join("tests/snapshots")
            .join(format!("{fixture}.typ"));
        if std::env::var_os("LECTERN_BLESS").is_some() {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, &actual).unwrap();
        }
        let expected = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            expected == actual,
            "generated Typst for {fixture} changed; review and refresh with LECTERN_BLESS=1\n--- expected\n{expected}\n--- actual\n{actual}"
        );
    }
}
