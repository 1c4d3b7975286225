//! `lectern watch`: rebuild on every save of a file the deck reads.
//!
//! After each build, the [`Session`] says exactly which files the build read
//! or asked for: the outline, its CSV files and images, the theme's files and
//! anything raw Typst read. Watch follows those files and nothing else, so
//! lectern's own outputs (PDF, notes, handouts, PNG pages, the emitted Typst
//! project) and unrelated files never trigger a build. The folders holding
//! them are watched (not the files), so editors that save by writing a new
//! file and renaming it over the old one are seen. Events are debounced. One
//! [`Session`] lives for the whole run, so fonts are loaded once and Typst's
//! caches (and lectern's memoised slides) carry over between builds;
//! `comemo::evict` after each build keeps memory bounded.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use notify::{EventKind, RecursiveMode, Watcher};

use crate::pipeline::{Outcome, Session};

/// How long the files must stay quiet before a rebuild starts.
const DEBOUNCE: Duration = Duration::from_millis(60);

/// What happens while watching; the caller (the CLI) tells the user.
pub enum Event<'a> {
    /// Watching has begun: the outline and how many other files it reads.
    Watching {
        /// The outline.
        outline: &'a Path,
        /// The other files followed.
        others: usize,
    },
    /// A build finished (and, if it succeeded, its files were written).
    Built {
        /// What it produced.
        outcome: &'a Outcome,
        /// How long it took.
        took: Duration,
    },
}

/// Runs the watch loop until the process is stopped. `on` hears every
/// event with the session (the presenter console takes the new deck there);
/// watch itself prints nothing.
pub fn watch(
    session: &mut Session,
    mut on: impl FnMut(&mut Session, &Event<'_>),
) -> Result<(), String> {
    let (tx, rx) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if let Ok(event) = event {
            let _ = tx.send(event);
        }
    })
    .map_err(|e| format!("cannot watch files ({e})"))?;
    let mut followed = Followed::default();
    rebuild(session, &mut on, &mut followed, &mut watcher);
    if followed.dirs.is_empty() {
        return Err(format!(
            "cannot watch {}",
            session.options.outline.display()
        ));
    }
    let outline = session.options.outline.clone();
    on(
        session,
        &Event::Watching {
            outline: &outline,
            others: followed.files.len().saturating_sub(1),
        },
    );
    loop {
        let Ok(first) = rx.recv() else { return Ok(()) };
        let mut relevant = followed.is_relevant(&first);
        // Debounce: keep draining until the files have been quiet a moment.
        let deadline = Instant::now() + Duration::from_secs(2);
        while let Ok(event) = rx.recv_timeout(DEBOUNCE) {
            relevant |= followed.is_relevant(&event);
            if Instant::now() > deadline {
                break;
            }
        }
        if relevant {
            rebuild(session, &mut on, &mut followed, &mut watcher);
        }
    }
}

/// The files watch follows, and the folders it watches to see them.
#[derive(Default)]
struct Followed {
    /// The files, as absolute paths.
    files: BTreeSet<PathBuf>,
    /// The folders being watched.
    dirs: BTreeSet<PathBuf>,
}

impl Followed {
    /// Follows exactly `files`, watching their folders (non-recursively)
    /// and unwatching folders no longer needed.
    fn update(&mut self, files: &[PathBuf], watcher: &mut impl Watcher) {
        self.files = files.iter().map(|f| normal(f)).collect();
        let dirs: BTreeSet<PathBuf> = self
            .files
            .iter()
            .filter_map(|f| f.parent().map(Path::to_path_buf))
            .collect();
        for old in self.dirs.difference(&dirs) {
            let _ = watcher.unwatch(old);
        }
        let mut watched = BTreeSet::new();
        for dir in dirs {
            if self.dirs.contains(&dir) || watcher.watch(&dir, RecursiveMode::NonRecursive).is_ok()
            {
                watched.insert(dir);
            }
        }
        self.dirs = watched;
    }

    /// Whether an event touches a followed file.
    fn is_relevant(&self, event: &notify::Event) -> bool {
        matches!(
            event.kind,
            EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_)
        ) && event.paths.iter().any(|p| self.files.contains(&normal(p)))
    }
}

/// A path with its folder canonicalised (the file itself may be gone for a
/// moment, during a rename-save).
fn normal(path: &Path) -> PathBuf {
    match (path.parent(), path.file_name()) {
        (Some(dir), Some(name)) => dir
            .canonicalize()
            .unwrap_or_else(|_| dir.to_path_buf())
            .join(name),
        _ => path.to_path_buf(),
    }
}

/// Builds (and writes) once, follows what the build read, and tells `on`.
fn rebuild(
    session: &mut Session,
    on: &mut impl FnMut(&mut Session, &Event<'_>),
    followed: &mut Followed,
    watcher: &mut impl Watcher,
) {
    let started = Instant::now();
    let outcome = session.build_and_write();
    let took = started.elapsed();
    // The build's files are followed before anyone hears of it: an edit
    // saved while a listener works (writing the course index, updating
    // the console) is seen, not lost.
    followed.update(&session.dependencies(), watcher);
    on(
        session,
        &Event::Built {
            outcome: &outcome,
            took,
        },
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_followed_files_are_relevant() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        let followed = Followed {
            files: [root.join("deck.yaml"), root.join("data.csv")].into(),
            dirs: [root.clone()].into(),
        };
        let event = |name: &str| {
            notify::Event::new(EventKind::Modify(notify::event::ModifyKind::Any))
                .add_path(dir.path().join(name))
        };
        assert!(followed.is_relevant(&event("deck.yaml")));
        assert!(followed.is_relevant(&event("data.csv")));
        for theirs in ["deck.pdf", "deck.pdfpc", "notes.txt", "deck-typst"] {
            assert!(!followed.is_relevant(&event(theirs)), "{theirs}");
        }
    }
}
