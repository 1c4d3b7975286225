//! `lectern watch`: rebuild on every save of a file the deck reads.
//!
//! After each build, the [`Session`] says exactly which files the build read
//! or asked for: the outline, its CSV files and images, the theme's files and
//! anything raw Typst read. Watch follows those files and nothing else, so
//! lectern's own outputs (PDF, notes, handouts, PNG pages, the emitted Typst
//! project) and unrelated files never trigger a build. The folders holding
//! them are watched (not the files), so editors that save by writing a new
//! file and renaming it over the old one are seen. A build starts as soon as
//! a save is complete (a file closed after writing, or renamed into place),
//! with no fixed wait; a write still open waits for its close, or for the
//! files to be quiet a moment. Events that come during a build are
//! coalesced into one more build. One [`Session`] lives for the whole run, so fonts are loaded once and Typst's
//! caches (and lectern's memoised slides) carry over between builds;
//! `comemo::evict` after each build keeps memory bounded.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use notify::{EventKind, RecursiveMode, Watcher};

use crate::pipeline::{Outcome, Session};

/// How long the files must stay quiet before a rebuild starts, when a
/// write was seen but not its end.
const DEBOUNCE: Duration = Duration::from_millis(60);

/// The longest a burst of events may put a rebuild off.
const MAX_WAIT: Duration = Duration::from_secs(2);

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
    // The outline is followed from before the first build: a save made
    // while it runs is seen once it ends.
    let mut followed = Followed::default();
    followed.update(std::slice::from_ref(&session.options.outline), &mut watcher);
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
        let mut seen = followed.touch(&first);
        // A write still open: wait for its close (or a rename), or for the
        // files to be quiet a moment. What has already arrived counts first.
        let deadline = Instant::now() + MAX_WAIT;
        loop {
            while let Ok(event) = rx.try_recv() {
                seen = seen.max(followed.touch(&event));
            }
            if seen != Some(Save::Writing) || Instant::now() >= deadline {
                break;
            }
            match rx.recv_timeout(DEBOUNCE) {
                Ok(event) => seen = seen.max(followed.touch(&event)),
                Err(mpsc::RecvTimeoutError::Timeout) => break,
                Err(mpsc::RecvTimeoutError::Disconnected) => return Ok(()),
            }
        }
        if seen.is_some() && followed.changed() {
            rebuild(session, &mut on, &mut followed, &mut watcher);
        }
    }
}

/// How far a save of a followed file has got.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Save {
    /// Written to, not closed yet.
    Writing,
    /// Closed after writing, renamed into place, created or removed.
    Done,
}

/// The files watch follows, and the folders it watches to see them.
#[derive(Default)]
struct Followed {
    /// The files, as absolute paths.
    files: BTreeSet<PathBuf>,
    /// The folders being watched.
    dirs: BTreeSet<PathBuf>,
    /// Each file's size and modification time as the last build read it
    /// (taken before it started): a save that changes none of them (the
    /// second event of one rename) rebuilds nothing.
    stamps: BTreeMap<PathBuf, Stamp>,
}

/// A file's size and modification time, or `None` when it is missing.
type Stamp = Option<(u64, std::time::SystemTime)>;

/// The stamp of a file now.
fn stamp(path: &Path) -> Stamp {
    let meta = std::fs::metadata(path).ok()?;
    Some((meta.len(), meta.modified().ok()?))
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

    /// Whether a followed file differs from what the last build read.
    fn changed(&self) -> bool {
        self.files
            .iter()
            .any(|f| self.stamps.get(f).is_none_or(|s| *s != stamp(f)))
    }

    /// Whether an event touches a followed file, and how far its save has
    /// got.
    fn touch(&self, event: &notify::Event) -> Option<Save> {
        use notify::event::{AccessKind, AccessMode, ModifyKind};
        let save = match event.kind {
            EventKind::Access(AccessKind::Close(AccessMode::Write))
            | EventKind::Create(_)
            | EventKind::Remove(_)
            | EventKind::Modify(ModifyKind::Name(_)) => Save::Done,
            EventKind::Modify(_) => Save::Writing,
            _ => return None,
        };
        event
            .paths
            .iter()
            .any(|p| self.files.contains(&normal(p)))
            .then_some(save)
    }
}

/// A path with its folder canonicalised (the file itself may be gone for a
/// moment, during a rename-save).
fn normal(path: &Path) -> PathBuf {
    match (path.parent(), path.file_name()) {
        (Some(dir), Some(name)) => {
            let dir = if dir.as_os_str().is_empty() {
                Path::new(".")
            } else {
                dir
            };
            dir.canonicalize()
                .unwrap_or_else(|_| dir.to_path_buf())
                .join(name)
        }
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
    let before: BTreeMap<PathBuf, Stamp> = followed
        .files
        .iter()
        .map(|f| (f.clone(), stamp(f)))
        .collect();
    let started = Instant::now();
    let outcome = session.build_and_write();
    let took = started.elapsed();
    // The build's files are followed before anyone hears of it: an edit
    // saved while a listener works (writing the course index, updating
    // the console) is seen, not lost.
    followed.update(&session.dependencies(), watcher);
    // A file followed before is stamped as the build found it, so a save
    // made while it ran still counts; a new one as it is now.
    followed.stamps = followed
        .files
        .iter()
        .map(|f| {
            (
                f.clone(),
                before.get(f).cloned().unwrap_or_else(|| stamp(f)),
            )
        })
        .collect();
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
    fn only_followed_files_count_and_a_save_is_done_when_closed_or_renamed() {
        use notify::event::{AccessKind, AccessMode, CreateKind, ModifyKind, RenameMode};
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        let followed = Followed {
            files: [root.join("deck.yaml"), root.join("data.csv")].into(),
            dirs: [root.clone()].into(),
            stamps: BTreeMap::new(),
        };
        let event =
            |kind: EventKind, name: &str| notify::Event::new(kind).add_path(dir.path().join(name));
        let written = EventKind::Modify(ModifyKind::Any);
        let closed = EventKind::Access(AccessKind::Close(AccessMode::Write));
        let renamed = EventKind::Modify(ModifyKind::Name(RenameMode::To));
        let created = EventKind::Create(CreateKind::File);
        assert_eq!(
            followed.touch(&event(written, "deck.yaml")),
            Some(Save::Writing)
        );
        assert_eq!(
            followed.touch(&event(written, "data.csv")),
            Some(Save::Writing)
        );
        for done in [closed, renamed, created] {
            assert_eq!(followed.touch(&event(done, "deck.yaml")), Some(Save::Done));
        }
        // Reading a file is no save.
        let read = EventKind::Access(AccessKind::Close(AccessMode::Read));
        assert_eq!(followed.touch(&event(read, "deck.yaml")), None);
        for theirs in ["deck.pdf", "deck.pdfpc", "notes.txt", "deck-typst"] {
            assert_eq!(followed.touch(&event(closed, theirs)), None, "{theirs}");
        }
    }

    #[test]
    fn a_second_event_of_one_save_finds_nothing_changed() {
        let dir = tempfile::tempdir().unwrap();
        let deck = dir.path().canonicalize().unwrap().join("deck.yaml");
        std::fs::write(&deck, "title: A\n").unwrap();
        let mut followed = Followed {
            files: [deck.clone()].into(),
            ..Followed::default()
        };
        assert!(followed.changed(), "never built: changed");
        followed.stamps = [(deck.clone(), stamp(&deck))].into();
        assert!(!followed.changed(), "as the build read it");
        std::fs::write(&deck, "title: AB\n").unwrap();
        assert!(followed.changed(), "saved again");
        std::fs::remove_file(&deck).unwrap();
        assert!(followed.changed(), "removed");
    }
}
