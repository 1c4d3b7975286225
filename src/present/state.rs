//! The console's shared state: the deck, where the lecture is, the blank
//! screen and the clock. Every view (presenter, audience, remote) follows
//! this one state; a change wakes the event streams.

use std::collections::HashMap;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use serde::Serialize;

use super::deck::{Deck, Rendered};

/// What the screen shows instead of the slide.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Blank {
    /// The slide.
    #[default]
    None,
    /// Black.
    Black,
    /// White.
    White,
}

/// The lecture clock: starts on the first advance, pauses on request, and
/// books the time to the section on screen.
#[derive(Debug, Default)]
struct Clock {
    /// Whether it has ever started.
    started: bool,
    /// When it last started running, if running.
    since: Option<Instant>,
    /// Time run before `since`.
    elapsed: Duration,
    /// Time spent per section title.
    sections: HashMap<String, Duration>,
}

/// Everything the views follow.
#[derive(Default)]
pub struct State {
    /// The last good deck.
    pub deck: Option<Arc<Deck>>,
    /// Its pages' SVG text, by hash.
    pub svgs: HashMap<String, Arc<String>>,
    /// Bumped on every new deck.
    pub deck_version: u64,
    /// Bumped on every change of anything.
    pub version: u64,
    /// The current page index.
    pub position: usize,
    /// The blank screen.
    pub blank: Blank,
    /// The last build's errors, when it failed (presenter only).
    pub error: Option<String>,
    /// The clock.
    clock: Clock,
}

/// A control request from a view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// The next page (reveal step or slide).
    Next,
    /// The previous page.
    Prev,
    /// The first page.
    First,
    /// The last page.
    Last,
    /// A page by index.
    Goto(usize),
    /// Blank the screen, or show the slide again.
    Blank(Blank),
    /// Pause or resume the clock.
    Pause,
    /// Reset the clock.
    Reset,
}

impl Action {
    /// Parses `go=next`, `go=12`, `blank=black`, `clock=pause` and the like.
    pub fn parse(key: &str, value: &str) -> Option<Self> {
        Some(match (key, value) {
            ("go", "next") => Self::Next,
            ("go", "prev") => Self::Prev,
            ("go", "first") => Self::First,
            ("go", "last") => Self::Last,
            ("go", n) => Self::Goto(n.parse().ok()?),
            ("blank", "black") => Self::Blank(Blank::Black),
            ("blank", "white") => Self::Blank(Blank::White),
            ("blank", "none") => Self::Blank(Blank::None),
            ("clock", "pause") => Self::Pause,
            ("clock", "reset") => Self::Reset,
            _ => return None,
        })
    }
}

/// What a view receives on every change.
#[derive(Debug, Serialize)]
pub struct Snapshot {
    /// The change counter.
    pub version: u64,
    /// The deck counter: fetch `/deck.json` again when it changes.
    pub deck_version: u64,
    /// The current page index.
    pub position: usize,
    /// The blank screen.
    pub blank: Blank,
    /// The last build's errors, if it failed.
    pub error: Option<String>,
    /// Whether the clock runs.
    pub running: bool,
    /// The lecture's elapsed time in milliseconds.
    pub elapsed_ms: u64,
    /// The time spent in the current page's section, in milliseconds.
    pub section_ms: u64,
}

impl State {
    /// Installs a new deck, keeping the place by slide identity: the same
    /// slide (and step) as before, wherever it moved.
    pub fn set_deck(&mut self, rendered: Rendered) {
        self.tick();
        let deck = Arc::new(rendered.deck);
        self.position = match &self.deck {
            Some(old) => relocate(old, self.position, &deck),
            None => 0,
        };
        self.deck = Some(deck);
        self.svgs = rendered.svgs;
        self.error = None;
        self.deck_version += 1;
        self.version += 1;
    }

    /// Records a failed build; the deck stays as it was.
    pub fn set_error(&mut self, message: String) {
        self.error = Some(message);
        self.version += 1;
    }

    /// Applies a control request.
    pub fn apply(&mut self, action: &Action) {
        self.tick();
        let last = self
            .deck
            .as_ref()
            .map_or(0, |d| d.pages.len().saturating_sub(1));
        let before = self.position;
        match action {
            Action::Next => self.position = (self.position + 1).min(last),
            Action::Prev => self.position = self.position.saturating_sub(1),
            Action::First => self.position = 0,
            Action::Last => self.position = last,
            Action::Goto(n) => self.position = (*n).min(last),
            Action::Blank(b) => self.blank = *b,
            Action::Pause => match self.clock.since.take() {
                Some(_) => {}
                None => {
                    self.clock.started = true;
                    self.clock.since = Some(Instant::now());
                }
            },
            Action::Reset => self.clock = Clock::default(),
        }
        // The clock starts on the first move.
        if self.position != before && !self.clock.started {
            self.clock.started = true;
            self.clock.since = Some(Instant::now());
        }
        self.version += 1;
    }

    /// Books the time since the last tick to the clock and the section on
    /// screen.
    fn tick(&mut self) {
        if let Some(since) = self.clock.since {
            let now = Instant::now();
            let spent = now - since;
            self.clock.elapsed += spent;
            if let Some(section) = self.section_title() {
                *self.clock.sections.entry(section).or_default() += spent;
            }
            self.clock.since = Some(now);
        }
    }

    /// The title of the section on screen.
    fn section_title(&self) -> Option<String> {
        let deck = self.deck.as_ref()?;
        let section = deck.pages.get(self.position)?.section?;
        deck.sections.get(section).map(|s| s.title.clone())
    }

    /// The lecture's actual times so far, for `timing.json`: the minutes
    /// spent in each section (in the deck's order) and in all. A later
    /// build reads the file beside the outline and shows these beside the
    /// plan (`lectern check --timing`).
    pub fn actual_times(&self) -> serde_json::Value {
        let extra = self.clock.since.map(|s| s.elapsed()).unwrap_or_default();
        let on_screen = self.section_title();
        let minutes = |d: Duration| (d.as_secs_f64() / 60.0 * 10.0).round() / 10.0;
        let sections: Vec<serde_json::Value> = self
            .deck
            .iter()
            .flat_map(|d| &d.sections)
            .map(|s| {
                let mut spent = self
                    .clock
                    .sections
                    .get(&s.title)
                    .copied()
                    .unwrap_or_default();
                if on_screen.as_deref() == Some(s.title.as_str()) {
                    spent += extra;
                }
                serde_json::json!({ "title": s.title, "minutes": minutes(spent) })
            })
            .collect();
        serde_json::json!({
            "lectern": "timing",
            "sections": sections,
            "elapsed_minutes": minutes(self.clock.elapsed + extra),
        })
    }

    /// The state as views receive it.
    pub fn snapshot(&self) -> Snapshot {
        let running = self.clock.since.map(|s| s.elapsed());
        let extra = running.unwrap_or_default();
        // The section's booked time, plus what runs since the last tick.
        let section = self.section_title().map_or(Duration::ZERO, |t| {
            self.clock.sections.get(&t).copied().unwrap_or_default() + extra
        });
        Snapshot {
            version: self.version,
            deck_version: self.deck_version,
            position: self.position,
            blank: self.blank,
            error: self.error.clone(),
            running: running.is_some(),
            elapsed_ms: millis(self.clock.elapsed + extra),
            section_ms: millis(section),
        }
    }
}

/// A duration in whole milliseconds.
fn millis(d: Duration) -> u64 {
    u64::try_from(d.as_millis()).unwrap_or(u64::MAX)
}

/// Where page `position` of `old` is in `new`: the same slide identity and
/// step, else the same slide's first page, else the same slide id, else the
/// same index (clamped).
fn relocate(old: &Deck, position: usize, new: &Deck) -> usize {
    let last = new.pages.len().saturating_sub(1);
    let Some(page) = old.pages.get(position) else {
        return position.min(last);
    };
    let find = |f: &dyn Fn(&super::deck::PageView) -> bool| new.pages.iter().position(f);
    find(&|p| p.key == page.key && p.part == page.part && p.step == page.step)
        .or_else(|| find(&|p| p.key == page.key))
        .or_else(|| find(&|p| p.slide == page.slide && p.step == page.step))
        .unwrap_or(position.min(last))
}

/// The shared state with its wake-up signal.
#[derive(Default)]
pub struct Shared {
    /// The state.
    state: Mutex<State>,
    /// Signalled on every change.
    changed: Condvar,
}

impl Shared {
    /// Locks the state (a poisoned lock is taken over: the state stays
    /// usable).
    pub fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Changes the state and wakes every view.
    pub fn change(&self, f: impl FnOnce(&mut State)) {
        f(&mut self.lock());
        self.changed.notify_all();
    }

    /// Waits until the state's version differs from `seen`, or `timeout`
    /// passes; returns the snapshot if it changed.
    pub fn wait_change(&self, seen: u64, timeout: Duration) -> Option<Snapshot> {
        let guard = self.lock();
        let (guard, _) = self
            .changed
            .wait_timeout_while(guard, timeout, |s| s.version == seen)
            .unwrap_or_else(|e| e.into_inner());
        (guard.version != seen).then(|| guard.snapshot())
    }
}

#[cfg(test)]
mod tests {
    use super::super::deck::PageView;
    use super::*;

    fn deck(keys: &[&str]) -> Deck {
        Deck {
            title: String::new(),
            lang: "en".into(),
            pages: keys
                .iter()
                .enumerate()
                .map(|(i, k)| PageView {
                    svg: String::new(),
                    label: (i + 1).to_string(),
                    slide: i,
                    key: (*k).into(),
                    part: 0,
                    step: 0,
                    steps: 1,
                    section: None,
                    title: String::new(),
                    notes: String::new(),
                    text: String::new(),
                    plan_ms: 0,
                })
                .collect(),
            sections: Vec::new(),
            slot: None,
            end_time: None,
            aspect: 16.0 / 9.0,
        }
    }

    #[test]
    fn a_slide_inserted_before_the_current_one_does_not_move_the_audience() {
        let old = deck(&["a", "b", "c"]);
        let new = deck(&["a", "new", "b", "c"]);
        assert_eq!(relocate(&old, 2, &new), 3);
        // A slide that lost its identity (retitled) keeps its id.
        let retitled = deck(&["a", "b", "C!"]);
        assert_eq!(relocate(&old, 2, &retitled), 2);
        // Removed pages clamp to the end.
        assert_eq!(relocate(&old, 2, &deck(&["x"])), 0);
    }

    #[test]
    fn the_clock_starts_on_the_first_move_and_pauses() {
        let mut state = State {
            deck: Some(Arc::new(deck(&["a", "b"]))),
            ..State::default()
        };
        assert!(!state.snapshot().running);
        state.apply(&Action::Next);
        assert!(state.snapshot().running);
        state.apply(&Action::Pause);
        assert!(!state.snapshot().running);
        state.apply(&Action::Next);
        assert!(!state.snapshot().running, "a paused clock stays paused");
        assert_eq!(Action::parse("go", "7"), Some(Action::Goto(7)));
        assert_eq!(Action::parse("go", "sideways"), None);
    }
}
