//! No input breaks lectern: a fuzz harness over parse, validation and code
//! generation, and a property test over every text field of the outline.

use std::path::Path;

use lectern::diagnostics::Sources;
use lectern::world::sandbox::{MAX_FILE_BYTES, Sandbox};
use proptest::prelude::*;

use crate::util::*;

/// How many decks the every-field property builds (`LECTERN_PROPERTY_CASES`, default 16).
fn property_cases() -> u32 {
    std::env::var("LECTERN_PROPERTY_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(16)
}

/// How many cases the fuzz harness runs (`LECTERN_FUZZ_CASES`, default 3000).
fn fuzz_cases() -> u32 {
    std::env::var("LECTERN_FUZZ_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(3000)
}

/// Runs parse, validation (files, CSV data) and code generation in-process.
fn front_end(yaml: &str, dir: &Path) {
    let mut sources = Sources::default();
    let file = sources.add("fuzz.yaml", None, yaml.to_string());
    let parsed = lectern::outline::parse(file, sources.get(file));
    let Ok((mut outline, _)) = parsed else { return };
    let sandbox = Sandbox::new(dir, MAX_FILE_BYTES);
    let _ = lectern::outline::check_files(&outline, &sandbox);
    let _ = lectern::outline::load_data(&mut outline, &sandbox, &mut sources);
    let _ = lectern::outline::time_plan(&outline);
    let (theme, _) = lectern::theme::load("academic", dir, &mut sources).expect("built-in theme");
    let generated = lectern::codegen::generate(
        &outline,
        &theme,
        &[],
        &lectern::charts::text::Faces::embedded(),
    );
    assert!(generated.files.iter().any(|(p, _)| p.ends_with("main.typ")));
}

/// YAML-shaped text: known keys, list markers, indentation and tricky values.
fn yamlish() -> impl Strategy<Value = String> {
    let key = prop::sample::select(vec![
        "title",
        "sections",
        "slides",
        "bullets",
        "text",
        "quote",
        "by",
        "image",
        "caption",
        "columns",
        "chart",
        "kind",
        "events",
        "date",
        "label",
        "category",
        "categories",
        "series",
        "name",
        "values",
        "data",
        "unit",
        "source",
        "eras",
        "from",
        "to",
        "notes",
        "reveal",
        "fit",
        "minutes",
        "slot",
        "lang",
        "theme",
        "closing",
        "typst",
        "end-time",
    ]);
    let value = prop::sample::select(vec![
        "",
        "x",
        "2014",
        "2014-06",
        "2014-13-40",
        "timeline",
        "bar",
        "hbar",
        "stacked",
        "line",
        "[1, 2]",
        "[a, null]",
        "{a: b}",
        "\"#set page(fill: red)\"",
        "items",
        "shrink",
        "-1",
        "1e309",
        "data.csv",
        "../x",
        "|",
        "null",
        "~",
        "[",
        "}",
        "'",
        "\"unterminated",
        "*",
        "&a",
        "!tag",
        "- - -",
        "中文",
        ": :",
    ]);
    let line = (0usize..5, prop::bool::ANY, key, value).prop_map(|(indent, dash, k, v)| {
        format!(
            "{}{}{k}: {v}",
            "  ".repeat(indent),
            if dash { "- " } else { "" }
        )
    });
    prop::collection::vec(line, 0..40).prop_map(|lines| lines.join("\n"))
}

/// A mutation of one line of a valid outline.
#[derive(Debug, Clone)]
enum Mutation {
    /// Delete the line.
    Delete(usize),
    /// Repeat the line.
    Duplicate(usize),
    /// Replace the value after the line's `: ` with a tricky one.
    Value(usize, &'static str),
    /// Indent the line by two more spaces.
    Indent(usize),
    /// Dedent the line by two spaces.
    Dedent(usize),
    /// Swap two lines.
    Swap(usize, usize),
}

/// Tricky values for mutations.
const VALUES: &[&str] = &[
    "",
    "x",
    "2014",
    "2014-13-40",
    "timeline",
    "stacked",
    "[1, 2]",
    "[a, null]",
    "{a: b}",
    "items",
    "shrink",
    "-1",
    "1e309",
    "nothere.csv",
    "../x",
    "null",
    "~",
    "[",
    "}",
    "'",
    "*",
    "中文",
    "\"#set page(fill: red)\"",
    "- a",
    "99999999999999999999",
];

/// Applies mutations to a text, line by line.
fn mutate(text: &str, mutations: &[Mutation]) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    for m in mutations {
        let n = lines.len().max(1);
        match *m {
            Mutation::Delete(i) if !lines.is_empty() => {
                lines.remove(i % n);
            }
            Mutation::Duplicate(i) if !lines.is_empty() => {
                let line = lines[i % n].clone();
                lines.insert(i % n, line);
            }
            Mutation::Value(i, v) if !lines.is_empty() => {
                let line = &mut lines[i % n];
                if let Some(at) = line.find(": ") {
                    line.truncate(at + 2);
                    line.push_str(v);
                }
            }
            Mutation::Indent(i) if !lines.is_empty() => lines[i % n].insert_str(0, "  "),
            Mutation::Dedent(i) if !lines.is_empty() => {
                let line = &mut lines[i % n];
                if line.starts_with("  ") {
                    line.replace_range(..2, "");
                }
            }
            Mutation::Swap(i, j) if !lines.is_empty() => lines.swap(i % n, j % n),
            _ => {}
        }
    }
    lines.join("\n")
}

/// Random mutations.
fn mutations() -> impl Strategy<Value = Vec<Mutation>> {
    let one = prop_oneof![
        any::<usize>().prop_map(Mutation::Delete),
        any::<usize>().prop_map(Mutation::Duplicate),
        (any::<usize>(), prop::sample::select(VALUES)).prop_map(|(i, v)| Mutation::Value(i, v)),
        any::<usize>().prop_map(Mutation::Indent),
        any::<usize>().prop_map(Mutation::Dedent),
        (any::<usize>(), any::<usize>()).prop_map(|(i, j)| Mutation::Swap(i, j)),
    ];
    prop::collection::vec(one, 1..6)
}

proptest! {
    // LECTERN_FUZZ_CASES=300000 runs the harness for longer.
    #![proptest_config(ProptestConfig { cases: fuzz_cases(), failure_persistence: None, ..ProptestConfig::default() })]

    /// The fuzz harness: structured YAML-like input never panics the front end.
    #[test]
    fn front_end_never_panics_on_yamlish_input(yaml in yamlish()) {
        let dir = root().join("tests/fixtures/basic");
        front_end(&yaml, &dir);
    }

    /// Mutations of real outlines (the chapter deck, the basic fixture) reach
    /// deep into validation, CSV loading and code generation without a panic.
    #[test]
    fn front_end_never_panics_on_mutated_outlines(seed in 0usize..2, muts in mutations()) {
        let sources = [root().join("slides/container-orchestration-wars.yaml"), root().join("tests/fixtures/basic/outline.yaml")];
        let text = std::fs::read_to_string(&sources[seed]).unwrap();
        front_end(&mutate(&text, &muts), sources[seed].parent().unwrap());
    }

    /// Arbitrary bytes (as text) never panic the front end either.
    #[test]
    fn front_end_never_panics_on_arbitrary_text(text in "\\PC{0,400}") {
        let dir = root().join("tests/fixtures/basic");
        front_end(&text, &dir);
    }
}

/// Text for a field: printable ASCII and Latin-1 (Typst and YAML syntax
/// included), Chinese and its punctuation, and characters that no embedded
/// font has (emoji, CJK Extension B) to exercise the located glyph error.
/// Left out: what a PDF text extractor cannot give back as typed (combining
/// marks, right-to-left scripts, the invisible soft hyphen), and `*`/`` ` ``,
/// which are lectern's inline markup.
fn field_text() -> impl Strategy<Value = String> {
    // Mostly coverable text, so that about half the decks build and their
    // text is compared; now and then a character no font may have.
    prop_oneof![
        19 => "[ -)+-_a-~¡-¬®-ÿ一-龥“”‘’—…·、。，：；！？]{1,16}",
        1 => "[ -)+-_a-~一-龥😀-🙏𠀀-𠀐]{1,16}",
    ]
    // `[text](url)` and `{{term}}` are lectern's inline markup.
    .prop_filter("no link or gap markup", |s| {
        !s.contains("](") && !s.contains("{{") && !s.trim().is_empty()
    })
}

/// Whether lectern reports an error of its own (generated Typst that
/// failed), rather than a located error in the user's input.
fn is_internal(stderr: &str) -> bool {
    stderr.contains("internal error") || stderr.contains("lectern generated Typst code that failed")
}

#[test]
fn internal_errors_are_told_apart_from_input_errors() {
    assert!(is_internal(
        "error: internal error in generated /.lectern/slide-3.typ (unclosed delimiter)"
    ));
    assert!(is_internal(
        "error: lectern generated Typst code that failed on this bullets slide; please report it with the outline"
    ));
    assert!(!is_internal(
        "error: no font has a glyph for 😀\n  ┌─ deck.yaml:9:20"
    ));
}

/// Quotes a string as a YAML double-quoted scalar.
fn q(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: property_cases(), failure_persistence: None, ..ProptestConfig::default() })]

    /// Arbitrary text in every text field either comes out literally in the
    /// PDF, or gives an error located in the outline; never anything else.
    #[test]
    fn every_text_field_is_literal_or_a_located_error(
        fields in prop::collection::vec(field_text(), 12)
    ) {
        let f = |i: usize| q(&fields[i]);
        let yaml = format!(
            "title: {}\nsubtitle: {}\nshort-title: {}\nauthor: {}\ninstitution: {}\nlang: en\nsections:\n  - title: {}\n    slides:\n      - title: {}\n        bullets: [{}]\n        notes: {}\n      - quote: {}\n        by: {}\n      - title: chart\n        chart:\n          kind: bar\n          categories: [{}]\n          series:\n            - {{ name: s, values: [1] }}\n",
            f(0), f(1), f(2), f(3), f(4), f(5), f(6), f(7), f(8), f(9), f(10), f(11)
        );
        let dir = deck(&yaml);
        let out = lectern().current_dir(dir.path()).args(["build", "deck.yaml"]).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        prop_assert!(!stderr.contains("panicked"), "{}", stderr);
        match out.status.code() {
            Some(0) => {
                let text = squash(&pdf_text(&dir.path().join("deck.pdf")));
                // Every visible field (notes are not on the slides).
                for (i, field) in fields.iter().enumerate().filter(|(i, _)| *i != 8) {
                    prop_assert!(text.contains(&squash(field)), "field {} {:?} not literal in the PDF", i, field);
                }
            }
            Some(1) => {
                prop_assert!(stderr.contains("deck.yaml:"), "error without a location:\n{}", stderr);
                prop_assert!(!is_internal(&stderr), "an internal error, not an input error:\n{}", stderr);
            }
            other => prop_assert!(false, "exit code {:?}:\n{}", other, stderr),
        }
    }
}
