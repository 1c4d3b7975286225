//! `cargo bench --bench present`: save → changed slide in the browser's
//! hands, through the real `lectern present` process on the chapter deck.
//!
//! Each round saves the outline the way editors do (a new file renamed over
//! the old one) with one bullet of a middle slide changed, then waits on the
//! event stream (`/events`) for the new deck, fetches `/deck.json` and the
//! changed page's SVG: everything the audience view does before it paints.
//! A notes-only edit is timed the same way (its new notes arrive in
//! `/deck.json`). Prints a Markdown table for BENCHMARKS.md.

#[allow(dead_code)]
#[path = "../tests/cli/console.rs"]
mod console;

use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use console::Console;
use serde_json::Value;

/// Reads server-sent events from a console.
struct Events(BufReader<TcpStream>);

impl Events {
    /// Opens `/events`.
    fn open(port: u16) -> Events {
        let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
        write!(
            stream,
            "GET /events HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n"
        )
        .expect("send");
        stream
            .set_read_timeout(Some(Duration::from_secs(60)))
            .expect("timeout");
        Events(BufReader::new(stream))
    }

    /// Waits for a state whose `deck_version` is above `seen`.
    fn deck_after(&mut self, seen: u64) -> u64 {
        let mut line = String::new();
        loop {
            line.clear();
            assert!(
                self.0.read_line(&mut line).expect("event") > 0,
                "stream ended"
            );
            if let Some(data) = line.strip_prefix("data: ") {
                let state: Value = serde_json::from_str(data).expect("state JSON");
                let version = state["deck_version"].as_u64().unwrap_or(0);
                if version > seen {
                    return version;
                }
            }
        }
    }
}

/// Median, minimum and maximum in milliseconds.
fn spread(mut samples: Vec<Duration>) -> String {
    samples.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    format!(
        "{:.0} ms (min {:.0}, max {:.0}, n = {})",
        ms(samples[samples.len() / 2]),
        ms(samples[0]),
        ms(samples[samples.len() - 1]),
        samples.len()
    )
}

/// Saves like an editor: write a sibling file, rename it over the outline.
fn save(path: &Path, text: &str) {
    let tmp = path.with_extension("yaml.swp");
    std::fs::write(&tmp, text).expect("write");
    std::fs::rename(&tmp, path).expect("rename");
}

/// Times `rounds` edits made by `edit(round)`; `check` sees the new deck
/// and returns the address to fetch as well (the changed page's SVG).
fn rounds(
    console: &Console,
    outline: &Path,
    mut edit: impl FnMut(usize) -> String,
    check: impl Fn(&Value) -> Option<String>,
) -> Vec<Duration> {
    let mut events = Events::open(console.port);
    let mut seen = events.deck_after(0);
    (1..=15)
        .map(|round| {
            let text = edit(round);
            let started = Instant::now();
            save(outline, &text);
            seen = events.deck_after(seen);
            let deck = console.get("/deck.json").json();
            if let Some(svg) = check(&deck) {
                assert_eq!(console.get(&svg).status, 200);
            }
            let took = started.elapsed();
            // Let the watcher settle before the next save.
            std::thread::sleep(Duration::from_millis(1000));
            took
        })
        .collect()
}

fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let tmp = tempfile::tempdir().expect("temp dir");
    for entry in std::fs::read_dir(root.join("slides")).expect("slides") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "yaml" || e == "csv") {
            std::fs::copy(&path, tmp.path().join(path.file_name().unwrap())).unwrap();
        }
    }
    let name = "container-orchestration-wars.yaml";
    let outline = tmp.path().join(name);
    let original = std::fs::read_to_string(&outline).expect("outline");
    let bullet = "每台虚拟机都要自带一整套操作系统";
    let note = "开场先交代这节课的讲法";
    assert!(original.contains(bullet) && original.contains(note));
    let console = Console::start(tmp.path(), name, &[]);
    console.deck();

    let slide_edit = rounds(
        &console,
        &outline,
        |k| original.replace(bullet, &format!("{bullet}（第 {k} 次）")),
        |deck| {
            let page = deck["pages"]
                .as_array()?
                .iter()
                .find(|p| p["text"].as_str().is_some_and(|t| t.contains("次）")))?;
            page["svg"].as_str().map(String::from)
        },
    );
    let notes_edit = rounds(
        &console,
        &outline,
        |k| original.replace(note, &format!("{note}（第 {k} 次）")),
        |deck| {
            let found = deck["pages"].as_array().is_some_and(|pages| {
                pages
                    .iter()
                    .any(|p| p["notes"].as_str().is_some_and(|n| n.contains("次）")))
            });
            assert!(found, "the new notes are served");
            None
        },
    );
    println!("| `lectern present`, chapter deck | median (spread) |");
    println!("|---|---|");
    println!(
        "| save → new deck announced, `/deck.json` and the changed page's SVG fetched (one bullet edited) | {} |",
        spread(slide_edit)
    );
    println!(
        "| save → new notes fetched (notes-only edit) | {} |",
        spread(notes_edit)
    );
}
