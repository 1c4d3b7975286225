//! `lectern watch`: rebuild on every save of the outline, its data, images
//! and theme files.
//!
//! The outline's folder (and a theme folder, if any) is watched rather than
//! single files, so editors that save by writing a new file and renaming it
//! over the old one are seen. Events are debounced; lectern's own outputs are
//! ignored. One [`Session`] lives for the whole run, so fonts are loaded once
//! and Typst's caches (and lectern's memoised slides) carry over between
//! builds; `comemo::evict` after each build keeps memory bounded.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use notify::{EventKind, RecursiveMode, Watcher};

use crate::diagnostics::Format;
use crate::pipeline::{Outcome, Session};

/// How long the files must stay quiet before a rebuild starts.
const DEBOUNCE: Duration = Duration::from_millis(60);

/// Runs the watch loop until the process is stopped; `report` prints each
/// build's diagnostics.
pub fn watch(
    session: &mut Session,
    format: Format,
    report: impl Fn(&Outcome, Format),
) -> Result<(), String> {
    let (tx, rx) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if let Ok(event) = event {
            let _ = tx.send(event);
        }
    })
    .map_err(|e| format!("cannot watch files ({e})"))?;
    let outline_dir = session.options.base_dir();
    watcher
        .watch(&outline_dir, RecursiveMode::Recursive)
        .map_err(|e| format!("cannot watch {} ({e})", outline_dir.display()))?;
    let outputs = Outputs::new(&session.options.pdf_path());
    rebuild(session, format, &report);
    // A theme folder outside the outline's folder is watched too, once the
    // first build has told us where it is (the outline may name it).
    let outline_real = outline_dir
        .canonicalize()
        .unwrap_or_else(|_| outline_dir.clone());
    let mut theme_dir: Option<PathBuf> = None;
    let mut follow_theme = |session: &Session, watcher: &mut notify::RecommendedWatcher| {
        let dir = session
            .theme_dir()
            .filter(|d| !d.starts_with(&outline_real));
        if dir != theme_dir {
            if let Some(old) = &theme_dir {
                let _ = watcher.unwatch(old);
            }
            if let Some(new) = &dir {
                let _ = watcher.watch(new, RecursiveMode::Recursive);
            }
            theme_dir = dir;
        }
    };
    follow_theme(session, &mut watcher);
    eprintln!(
        "watching {} for changes (Ctrl-C to stop)",
        outline_dir.display()
    );
    loop {
        let Ok(first) = rx.recv() else { return Ok(()) };
        let mut relevant = is_relevant(&first, &outputs);
        // Debounce: keep draining until the files have been quiet a moment.
        let deadline = Instant::now() + Duration::from_secs(2);
        while let Ok(event) = rx.recv_timeout(DEBOUNCE) {
            relevant |= is_relevant(&event, &outputs);
            if Instant::now() > deadline {
                break;
            }
        }
        if relevant {
            rebuild(session, format, &report);
            follow_theme(session, &mut watcher);
        }
    }
}

/// Builds once and prints one status line plus any diagnostics.
fn rebuild(session: &mut Session, format: Format, report: &impl Fn(&Outcome, Format)) {
    let started = Instant::now();
    let outcome = session.build();
    let ms = started.elapsed().as_secs_f64() * 1000.0;
    report(&outcome, format);
    let warnings = outcome.diagnostics.iter().filter(|d| !d.is_error()).count();
    let suffix = match warnings {
        0 => String::new(),
        1 => ", 1 warning".into(),
        n => format!(", {n} warnings"),
    };
    match &outcome.result {
        Ok(built) => eprintln!(
            "[{}] rebuilt {} in {ms:.0} ms ({} pages{suffix})",
            clock(),
            built.pdf.display(),
            built.pages
        ),
        Err(_) => eprintln!(
            "[{}] build failed in {ms:.0} ms; the last good PDF is kept",
            clock()
        ),
    }
}

/// The files lectern writes, which must not trigger rebuilds.
struct Outputs {
    /// The PDF path's file stem (`deck` for `deck.pdf`).
    stem: String,
}

impl Outputs {
    /// Derives the output names from the PDF path.
    fn new(pdf: &Path) -> Self {
        Self {
            stem: pdf
                .file_stem()
                .map_or_else(String::new, |s| s.to_string_lossy().into_owned()),
        }
    }

    /// Whether a path is one of lectern's outputs or temporary files.
    fn contains(&self, path: &Path) -> bool {
        let name = path
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        name.ends_with(".tmp")
            || path
                .components()
                .any(|c| c.as_os_str().to_string_lossy().ends_with("-png"))
            || (name.starts_with(&self.stem)
                && [".pdf", ".pdfpc", ".typ", "-handout.pdf", "-overview.png"]
                    .iter()
                    .any(|s| name == format!("{}{s}", self.stem)))
    }
}

/// Whether an event should trigger a rebuild.
fn is_relevant(event: &notify::Event, outputs: &Outputs) -> bool {
    matches!(
        event.kind,
        EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_)
    ) && event.paths.iter().any(|p| !outputs.contains(p))
}

/// The wall-clock time as HH:MM:SS (UTC).
fn clock() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    format!(
        "{:02}:{:02}:{:02}",
        secs / 3600 % 24,
        secs / 60 % 60,
        secs % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn own_outputs_are_ignored() {
        let o = Outputs::new(Path::new("slides/deck.pdf"));
        for ours in [
            "slides/deck.pdf",
            "slides/deck.pdfpc",
            "slides/deck-handout.pdf",
            "slides/.deck.pdf.123.tmp",
            "slides/deck-png/deck-01.png",
        ] {
            assert!(o.contains(Path::new(ours)), "{ours}");
        }
        for theirs in ["slides/deck.yaml", "slides/data.csv", "slides/img/deck.png"] {
            assert!(!o.contains(Path::new(theirs)), "{theirs}");
        }
    }
}
