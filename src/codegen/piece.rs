//! A block made ready for a slide's pages ([`Piece`]): its markup at each
//! of its own steps and when it shows (`step:`, `only:`), and its markup on
//! a given page: drawn, hidden keeping its space (`#hide`), absent, or a
//! copy read elsewhere (`lectern-copy`, an artifact: a block is tagged on
//! the last step it shows on, so a screen reader reads it once).

use crate::outline::Options;

/// When a block shows: from step `from` on, or on steps `only` alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct When {
    /// The first step it shows on.
    from: u32,
    /// The steps it shows on alone (`only:`), if any.
    only: Option<(u32, u32)>,
}

impl When {
    /// From the first step, always.
    pub(super) const ALWAYS: When = When {
        from: 1,
        only: None,
    };

    /// A block's own `when`, or its container's.
    pub(super) fn of(opts: &Options, parent: When) -> When {
        match (&opts.only, &opts.step) {
            (Some(o), _) => When {
                from: o.value.0,
                only: Some(o.value),
            },
            (None, Some(s)) => When {
                from: s.value,
                only: None,
            },
            (None, None) => parent,
        }
    }

    /// Whether the block is drawn on step `s` (`Some(false)`: laid out
    /// hidden, keeping its space; `None`: absent).
    fn drawn(self, s: u32) -> Option<bool> {
        match self.only {
            Some((a, b)) => (a..=b).contains(&s).then_some(true),
            None => Some(s >= self.from),
        }
    }
}

/// A block made ready for the pages.
#[derive(Debug)]
pub(super) enum Piece {
    /// A block without blocks inside: its markup per own step, and the
    /// parts it continues over (a long table, a dense timeline).
    Leaf {
        /// When it shows.
        when: When,
        /// Its markup at each of its own steps (on the slide's first part).
        steps: Vec<String>,
        /// Its further parts (top-level blocks only), each with its steps.
        later: Vec<Vec<String>>,
    },
    /// Columns: the grid's settings and each column's pieces.
    Columns {
        /// When it shows.
        when: When,
        /// The grid's arguments before its cells.
        grid: String,
        /// Each column's pieces.
        cols: Vec<Vec<Piece>>,
    },
    /// A box: its opening call and its pieces.
    Callout {
        /// When it shows.
        when: When,
        /// `#lectern-box(...)` without its body.
        open: String,
        /// What it holds.
        body: Vec<Piece>,
    },
}

impl Piece {
    /// When the piece shows.
    pub(super) fn when(&self) -> When {
        match self {
            Self::Leaf { when, .. } | Self::Columns { when, .. } | Self::Callout { when, .. } => {
                *when
            }
        }
    }

    /// The pieces a container holds, column by column (none in a leaf).
    fn children(&self) -> Vec<&Piece> {
        match self {
            Self::Leaf { .. } => Vec::new(),
            Self::Columns { cols, .. } => cols.iter().flatten().collect(),
            Self::Callout { body, .. } => body.iter().collect(),
        }
    }

    /// The last step on which the piece changes.
    pub(super) fn last(&self) -> u32 {
        let when = self.when();
        let own = match self {
            Self::Leaf { steps, .. } => when.from + count(steps.len()).saturating_sub(1),
            _ => self
                .children()
                .into_iter()
                .map(Piece::last)
                .max()
                .unwrap_or(1),
        };
        own.max(when.only.map_or(when.from, |(_, b)| b))
    }

    /// Whether the piece is drawn, not hidden, on step `s` inside
    /// containers drawn on the steps of `outer`.
    fn shows(&self, outer: &[When], s: u32) -> bool {
        outer
            .iter()
            .chain([&self.when()])
            .all(|w| w.drawn(s) == Some(true))
    }

    /// Whether the piece, or one inside it, is tagged on step `s`: shown
    /// there and on none of the steps after it up to `last`. Everywhere
    /// else it shows, it is a copy, an artifact, so a screen reader meets
    /// each block once, on the last page it is seen on.
    fn tagged(&self, outer: &[When], s: u32, last: u32) -> bool {
        match self {
            Self::Leaf { .. } => {
                self.shows(outer, s) && !(s + 1..=last).any(|t| self.shows(outer, t))
            }
            _ => {
                let inner = [outer, &[self.when()]].concat();
                self.children()
                    .into_iter()
                    .any(|p| p.tagged(&inner, s, last))
            }
        }
    }

    /// The piece's markup on a page (`None`: absent).
    pub(super) fn at(&self, at: At<'_>) -> Option<String> {
        let when = self.when();
        let drawn = when.drawn(at.s)?;
        let hidden = at.hidden || !drawn;
        let copy = !hidden && !at.artifact && !self.tagged(at.outer, at.s, at.last);
        let inner = [at.outer, &[when]].concat();
        let within = At {
            hidden,
            artifact: at.artifact || copy,
            outer: &inner,
            ..at
        };
        let markup = match self {
            Self::Leaf { steps, .. } => {
                let own = if hidden {
                    0
                } else {
                    at.s.saturating_sub(when.from)
                };
                let i = (own as usize).min(steps.len().saturating_sub(1));
                steps.get(i).cloned().unwrap_or_default()
            }
            Self::Columns { grid, cols, .. } => {
                let cells: Vec<String> = cols
                    .iter()
                    .map(|c| format!("[{}]", join(c, within)))
                    .collect();
                format!("#grid({grid}{})", cells.join(", "))
            }
            Self::Callout { open, body, .. } => format!("{open}[{}]", join(body, within)),
        };
        Some(if copy {
            format!("#lectern-copy[{markup}]")
        } else if hidden && (!drawn || matches!(self, Self::Leaf { .. })) {
            // A container not shown yet hides its own frame and heading too.
            format!("#hide[{markup}]")
        } else {
            markup
        })
    }
}

/// Where a piece's markup is wanted: the page's step, and what the
/// containers around the piece make of it.
#[derive(Debug, Clone, Copy)]
pub(super) struct At<'a> {
    /// The step, from 1.
    s: u32,
    /// The last step of the slide.
    last: u32,
    /// Whether a container is not drawn yet: everything inside is hidden.
    hidden: bool,
    /// Whether a container is already an artifact (a copy).
    artifact: bool,
    /// When the containers around the piece show, outermost first.
    outer: &'a [When],
}

impl At<'_> {
    /// A top-level piece on step `s` of a slide whose last step is `last`.
    pub(super) fn top(s: u32, last: u32) -> At<'static> {
        At {
            s,
            last,
            hidden: false,
            artifact: false,
            outer: &[],
        }
    }
}

/// The markup of a stack of pieces on a page, top to bottom.
pub(super) fn join(pieces: &[Piece], at: At<'_>) -> String {
    pieces
        .iter()
        .filter_map(|p| p.at(at))
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// A count as a step number.
fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Whether a piece shown on step `s` only (`only:`) is gone by step
/// `last`, so the handout needs step `s` too.
pub(super) fn gone_by(pieces: &[Piece], s: u32, last: u32) -> bool {
    pieces.iter().any(|p| {
        let when = p.when();
        let only_here =
            when.only.is_some() && when.drawn(s) == Some(true) && when.drawn(last).is_none();
        only_here
            || match p {
                Piece::Columns { cols, .. } => cols.iter().any(|c| gone_by(c, s, last)),
                Piece::Callout { body, .. } => gone_by(body, s, last),
                Piece::Leaf { .. } => false,
            }
    })
}
