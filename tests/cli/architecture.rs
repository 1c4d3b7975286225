//! ARCHITECTURE.md's graph of dependencies between stages is the real one:
//! read off the `crate::...` paths in each stage's code (comments left out),
//! it matches the document and has no cycles.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::util::root;

/// The stages named in the graph.
const STAGES: &[&str] = &[
    "diagnostics",
    "world",
    "outline",
    "charts",
    "theme",
    "codegen",
    "compile",
    "export",
    "pipeline",
    "watch",
    "present",
    "import",
];

/// The stages a file's code (not its comments) refers to.
fn uses(path: &Path, found: &mut BTreeSet<String>) {
    if path.is_dir() {
        for entry in std::fs::read_dir(path).unwrap() {
            uses(&entry.unwrap().path(), found);
        }
        return;
    }
    if path.extension().is_none_or(|e| e != "rs") {
        return;
    }
    let text = std::fs::read_to_string(path).unwrap();
    for line in text.lines().filter(|l| !l.trim_start().starts_with("//")) {
        for (i, _) in line.match_indices("crate::") {
            let name: String = line[i + 7..]
                .chars()
                .take_while(|c| c.is_ascii_lowercase() || *c == '_')
                .collect();
            found.insert(name);
        }
    }
}

#[test]
fn the_stage_graph_in_architecture_md_is_the_code_s_and_acyclic() {
    let src = root().join("src");
    let mut code: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    for stage in STAGES {
        let mut found = BTreeSet::new();
        for path in [src.join(format!("{stage}.rs")), src.join(stage)] {
            if path.exists() {
                uses(&path, &mut found);
            }
        }
        found.retain(|s| s != stage && STAGES.contains(&s.as_str()));
        code.insert(stage, found);
    }
    // The document's graph: `stage → a, b (note), c`.
    let doc = std::fs::read_to_string(root().join("ARCHITECTURE.md")).unwrap();
    let mut written: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    for line in doc.lines() {
        let Some((stage, deps)) = line.split_once('→') else {
            continue;
        };
        let stage = stage.trim();
        if !STAGES.contains(&stage) {
            continue;
        }
        let deps = deps
            .split(',')
            .map(|d| d.split_whitespace().next().unwrap_or("").to_string())
            .collect();
        written.insert(stage, deps);
    }
    for (stage, deps) in &code {
        let listed = written.get(stage).cloned().unwrap_or_default();
        assert_eq!(&listed, deps, "ARCHITECTURE.md's line for {stage}");
    }
    // No cycles: repeatedly remove stages whose dependencies are all gone.
    let mut left = code.clone();
    while !left.is_empty() {
        let ready: Vec<&str> = left
            .iter()
            .filter(|(_, deps)| deps.iter().all(|d| !left.contains_key(d.as_str())))
            .map(|(s, _)| *s)
            .collect();
        assert!(!ready.is_empty(), "a cycle among {:?}", left.keys());
        for s in ready {
            left.remove(s);
        }
    }
}

/// The `.rs` files under `dir`.
fn sources(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn only_the_cli_prints() {
    let mut files = Vec::new();
    sources(&root().join("src"), &mut files);
    for file in files.iter().filter(|f| !f.ends_with("cli.rs")) {
        let text = std::fs::read_to_string(file).unwrap();
        // Tests at the end of a file may print; the code above them may not.
        let code = text.split("#[cfg(test)]").next().unwrap_or("");
        for word in ["println!", "eprintln!", "print!(", "eprint!("] {
            assert!(!code.contains(word), "{} uses {word}", file.display());
        }
    }
}
