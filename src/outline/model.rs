//! The checked lecture model: what the rest of lectern works from.
//!
//! Every piece of user text carries the [`Span`] it came from, so that later
//! stages (chart data checks, overflow, missing glyphs) can point back at the
//! YAML line that caused a problem.

use super::blocks::{Block, Placed, VAlign};
use crate::diagnostics::Span;

/// A value together with the place in the outline it came from.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Spanned<T> {
    /// The value itself.
    pub value: T,
    /// Where the value was written.
    pub span: Span,
}

impl<T> Spanned<T> {
    /// Pairs a value with its span.
    pub fn new(value: T, span: Span) -> Self {
        Self { value, span }
    }
}

/// A text field from the outline. Inline markup is interpreted by codegen.
pub type Text = Spanned<String>;

/// A whole lecture.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Outline {
    /// Title page and document metadata.
    pub meta: Meta,
    /// Slides after the title page and before the agenda (`opening:`).
    pub opening: Vec<Slide>,
    /// The numbered sections, each with a divider slide.
    pub sections: Vec<Section>,
    /// Slides after the last section (summary, questions), without a divider.
    pub closing: Vec<Slide>,
}

impl Outline {
    /// Every content slide: the opening ones, the sections' slides, then
    /// the closing ones.
    pub fn slides(&self) -> impl Iterator<Item = &Slide> {
        self.opening
            .iter()
            .chain(self.sections.iter().flat_map(|s| &s.slides))
            .chain(&self.closing)
    }

    /// Every content slide, to change (data loading).
    pub fn slides_mut(&mut self) -> impl Iterator<Item = &mut Slide> {
        self.opening
            .iter_mut()
            .chain(self.sections.iter_mut().flat_map(|s| &mut s.slides))
            .chain(self.closing.iter_mut())
    }

    /// Every content block, with columns and boxes opened up into their
    /// blocks (a container comes before what it holds).
    pub fn blocks(&self) -> impl Iterator<Item = &Block> {
        self.slides().flat_map(|slide| {
            let mut all = Vec::new();
            super::blocks::walk(&slide.body, &mut |b| all.push(b));
            all
        })
    }
}

/// Deck metadata.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Meta {
    /// The deck title.
    pub title: Text,
    /// A subtitle under the title.
    pub subtitle: Option<Text>,
    /// A short title for the footer; the title if absent.
    pub short_title: Option<Text>,
    /// The lecturer.
    pub author: Option<Text>,
    /// The institution or course.
    pub institution: Option<Text>,
    /// The date, as `YYYY-MM-DD`.
    pub date: Option<Spanned<Date>>,
    /// The language code (`zh`, `en`, ...), lower case, without region.
    pub lang: Spanned<String>,
    /// The region written after the language (`cn` of `zh-CN`), lower case.
    pub region: Option<Spanned<String>>,
    /// The theme named in the outline, if any.
    pub theme: Option<Spanned<String>>,
    /// The deck-wide reveal mode (slides may override it).
    pub reveal: Option<Reveal>,
    /// The deck-wide fit keys (slides may override them).
    pub fit: FitKeys,
    /// The time slot of the lecture, in minutes.
    pub slot: Option<Spanned<u32>>,
    /// When the lecture must end (`HH:MM`), for the presenter console.
    pub end_time: Option<Spanned<String>>,
    /// Speaker notes for the title slide (the opening words).
    pub notes: Option<Text>,
    /// How fast the lecturer speaks (`speaking-rate`), if not the default.
    pub speaking_rate: Option<Spanned<SpeakingRate>>,
    /// LaTeX macros for every formula (`macros: { E: '\mathbb{E}' }`):
    /// name (without the backslash) and body.
    pub macros: Vec<(String, String)>,
    /// The equation labels of the deck and the numbers they show, in
    /// document order.
    pub equations: Vec<(String, String)>,
    /// Whether the deck has an agenda slide (`agenda: false` drops it).
    pub agenda: bool,
    /// Whether each section opens with a divider (`dividers: false`).
    pub dividers: bool,
    /// The deck's own interface words (`labels: { agenda: Plan, note:
    /// Remark, date: "[day] [month] [year]" }`), by key.
    pub labels: Vec<(String, Text)>,
    /// Whether Chinese is written in Traditional characters (`zh-TW`,
    /// `zh-HK`, `zh-MO`, `zh-Hant`).
    pub traditional: bool,
}

impl Meta {
    /// The metadata of a deck made in memory (a course's index): a title
    /// and a language, every other key as if left out, and no agenda or
    /// dividers.
    pub fn new(title: Text, lang: Spanned<String>) -> Self {
        Self {
            title,
            subtitle: None,
            short_title: None,
            author: None,
            institution: None,
            date: None,
            lang,
            region: None,
            theme: None,
            reveal: None,
            fit: FitKeys::default(),
            slot: None,
            end_time: None,
            notes: None,
            speaking_rate: None,
            macros: Vec::new(),
            equations: Vec::new(),
            agenda: false,
            dividers: false,
            labels: Vec::new(),
            traditional: false,
        }
    }
}

/// The languages lectern has interface words and date formats for.
pub const LANGUAGES: &[&str] = &["zh", "en", "fr", "de", "es", "pt", "it", "ja", "ko"];

/// The keys of `labels:`: interface words, the date's Typst pattern, and
/// the box kinds.
pub const LABEL_KEYS: &[&str] = &[
    "agenda",
    "part",
    "source",
    "continued",
    "date",
    "definition",
    "theorem",
    "lemma",
    "proof",
    "example",
    "note",
    "tip",
    "warning",
];

/// A speaking rate: Chinese (and other CJK) characters per minute, and
/// words per minute for Latin text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct SpeakingRate {
    /// CJK characters per minute.
    pub cjk: u32,
    /// Words per minute.
    pub words: u32,
}

impl Default for SpeakingRate {
    /// 240 字 per minute, 140 words per minute: a lecture's calm pace.
    fn default() -> Self {
        Self {
            cjk: 240,
            words: 140,
        }
    }
}

/// What to do with content too big for its slide.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Fit {
    /// Let it run over (and report it).
    None,
    /// Shrink it down to the floor, then continue on further pages with
    /// the title repeated (the default; `fit: shrink` reads as this).
    Auto,
}

/// The fit keys of a deck or a slide as written: `fit`, `fit-floor` and
/// `code-scale` (scales in hundredths).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct FitKeys {
    /// `fit: auto|none`.
    pub fit: Option<Fit>,
    /// `fit-floor:` the least scale, from 50 to 100.
    pub floor: Option<u8>,
    /// `code-scale:` how far code alone on its slide grows, from 100 to 200.
    pub code_scale: Option<u8>,
}

/// How a slide fits its page: its fit keys over the deck's, with the
/// defaults filled in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Fitting {
    /// Whether content shrinks and continues (`fit: auto`).
    pub auto: bool,
    /// The least scale, in hundredths.
    pub floor: u8,
    /// The most code alone on its slide grows, in hundredths.
    pub code_scale: u8,
}

impl Fitting {
    /// The default floor: 0.75 × each element's own size.
    pub const FLOOR: u8 = 75;
    /// The default ceiling of code alone on its slide: 1.3 × its size.
    pub const CODE_SCALE: u8 = 130;

    /// The deck's fitting.
    pub fn deck(keys: FitKeys) -> Self {
        Self {
            auto: keys.fit != Some(Fit::None),
            floor: keys.floor.unwrap_or(Self::FLOOR),
            code_scale: keys.code_scale.unwrap_or(Self::CODE_SCALE),
        }
    }

    /// A slide's fitting: its own keys over the deck's.
    pub fn slide(self, keys: FitKeys) -> Self {
        Self {
            auto: keys.fit.map_or(self.auto, |f| f != Fit::None),
            floor: keys.floor.unwrap_or(self.floor),
            code_scale: keys.code_scale.unwrap_or(self.code_scale),
        }
    }

    /// The least scale: 1 when fitting is off.
    pub fn least(self) -> f64 {
        if self.auto {
            f64::from(self.floor) / 100.0
        } else {
            1.0
        }
    }

    /// How far code alone on its slide grows.
    pub fn code_ceiling(self) -> f64 {
        f64::from(self.code_scale) / 100.0
    }
}

/// How a block's own steps appear.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Reveal {
    /// All at once.
    All,
    /// One step per top-level item (bullets, math lines, chart series).
    Items,
    /// One step per item at every level of a list.
    Nested,
    /// One step per table row.
    Rows,
}

/// A calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Date {
    /// The year.
    pub year: i32,
    /// The month, 1-12.
    pub month: u8,
    /// The day, 1-31.
    pub day: u8,
}

/// A section: a divider slide followed by content slides.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Section {
    /// The section title, shown on the divider, the agenda and in bookmarks.
    pub title: Text,
    /// The content slides.
    pub slides: Vec<Slide>,
    /// Minutes planned for the whole section.
    pub minutes: Option<Spanned<u32>>,
}

/// One content slide.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Slide {
    /// The slide title, if any.
    pub title: Option<Text>,
    /// What the slide shows: its blocks, top to bottom.
    pub body: Vec<Placed>,
    /// Where the stack sits vertically (`valign:`).
    pub valign: Option<Spanned<VAlign>>,
    /// Speaker notes.
    pub notes: Option<Text>,
    /// How the content appears (overrides the deck's `reveal`).
    pub reveal: Option<Reveal>,
    /// What to do when the content is too big (over the deck's keys).
    pub fit: FitKeys,
    /// Minutes planned for the slide.
    pub minutes: Option<Spanned<u32>>,
    /// Minutes of class activity on the slide (`pause`: a question to the
    /// room, a discussion), counted in the plan without notes; in seconds.
    pub pause: Option<Spanned<u32>>,
    /// The slide's whole YAML node, for diagnostics about the slide.
    pub span: Span,
}

/// A code block (`code:`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Code {
    /// The code, verbatim (from `src`, the shorthand, or the file once
    /// loaded); its span is the value in the outline (or the `file`).
    pub src: Spanned<String>,
    /// The language for highlighting (`None`: plain text). Checked against
    /// Typst's highlighter when the outline is read.
    pub lang: Option<Spanned<String>>,
    /// A file beside the outline to take the code from.
    pub file: Option<Spanned<String>>,
    /// The lines of the file to show, first and last (1-based, inclusive).
    pub lines: Option<Spanned<(usize, usize)>>,
    /// One reveal step per entry: the lines lit in that step (1-based, as
    /// numbered on the slide); `None` lights every line (`all`).
    pub highlight: Vec<Spanned<Option<Vec<usize>>>>,
    /// Whether lines are numbered.
    pub numbers: bool,
    /// A caption under the code, also its alt text.
    pub caption: Option<Text>,
}

impl Code {
    /// The number of the first line shown (the file's line, with `lines`).
    pub fn first_line(&self) -> usize {
        self.lines.as_ref().map_or(1, |l| l.value.0)
    }

    /// The number of reveal steps (1 without `highlight`).
    pub fn steps(&self) -> usize {
        self.highlight.len().max(1)
    }
}

/// Display math (`math:`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Math {
    /// The lines: one for a string, one per entry for a list (aligned at
    /// `&`, one reveal step each with `reveal: items`).
    pub lines: Vec<Spanned<String>>,
    /// Whether the lines are Typst math (`math: { typst: ... }`), not LaTeX.
    pub typst: bool,
    /// The block's own equation number (`number: true`), as shown.
    pub number: Option<String>,
}

/// A table (`table:`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Table {
    /// The header cells (the CSV's first row, once loaded).
    pub header: Vec<Text>,
    /// The body rows; every row has as many cells as the header.
    pub rows: Vec<Spanned<Vec<Text>>>,
    /// Column alignments; numbers align right by default.
    pub align: Vec<Spanned<Align>>,
    /// A CSV file beside the outline to take the cells from.
    pub csv: Option<Spanned<String>>,
    /// Whether rows appear one per step.
    pub reveal_rows: bool,
    /// A caption, also the alt text.
    pub caption: Option<Text>,
    /// A source line under the table.
    pub source: Option<Text>,
    /// The `table:` node, for messages about the whole table.
    pub span: crate::diagnostics::Span,
}

/// A column's alignment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Align {
    /// Left.
    Left,
    /// Centred.
    Center,
    /// Right.
    Right,
}
