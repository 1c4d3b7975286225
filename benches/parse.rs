//! Where the outline's parse goes: `cargo bench --bench parse` prints the
//! YAML loader's time (marked-yaml) and lectern's whole parse (the loader,
//! the walk with spans, the markup checks) on the chapter deck, mean of 100.

fn main() {
    let root = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let text =
        std::fs::read_to_string(root.join("slides/container-orchestration-wars.yaml")).unwrap();
    for _ in 0..3 {
        let t = std::time::Instant::now();
        for _ in 0..100 {
            let _ = marked_yaml::parse_yaml_with_options(
                0,
                &text,
                marked_yaml::LoaderOptions::default().error_on_duplicate_keys(true),
            )
            .unwrap();
        }
        let yaml = t.elapsed() / 100;
        let t = std::time::Instant::now();
        for _ in 0..100 {
            let mut sources = lectern::diagnostics::Sources::default();
            let file = sources.add("d", None, text.clone());
            let _ = lectern::outline::parse(file, sources.get(file))
                .map_err(|_| ())
                .unwrap();
        }
        let all = t.elapsed() / 100;
        println!("marked-yaml load {yaml:?}, lectern parse in all {all:?}");
    }
}
