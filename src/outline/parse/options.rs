//! Block options: steps, captions, widths, heights, alignment and size,
//! each checked where it is written.

use marked_yaml::types::MarkedMappingNode;

use super::Parser;
use crate::diagnostics::Diagnostic;
use crate::diagnostics::Span;
use crate::outline::{Align, Block, Column, Options, Reveal, Spanned, Text, VAlign, Width};

/// The longest alt text lectern takes without a warning, in characters:
/// a screen reader reads it in one breath, with no way to skim.
pub const MAX_ALT: usize = 1000;

/// The most steps a slide may have.
pub const MAX_STEPS: u32 = 100;

/// Keys a block takes beside its content key.
pub(crate) const OPTION_KEYS: &[&str] = &[
    "step", "only", "reveal", "caption", "alt", "width", "height", "align", "valign", "size",
    "number",
];

/// The names `align:` takes.
const ALIGN_NAMES: &[(&str, Align)] = &[
    ("left", Align::Left),
    ("center", Align::Center),
    ("right", Align::Right),
];

/// A column reads its own options only; the rest are its block's.
pub(super) const NOT_COLUMN: &[&str] = &[
    "reveal", "caption", "alt", "height", "align", "size", "number",
];

/// Options of a slide's own (a block's too when the slide holds one).
pub(super) const SLIDE_OPTIONS: &[&str] = &["reveal", "valign"];

/// Options of a column's own, never of the blocks it holds.
pub(super) const COLUMN_OPTIONS: &[&str] = &["width", "valign", "step", "only"];

impl Parser<'_> {
    /// Reads a block's options from its mapping, but for the keys in
    /// `skip` (those of the slide or column the mapping also is).
    pub(super) fn options(&mut self, map: &MarkedMappingNode, skip: &[&str]) -> Options {
        let want = |key: &str| !skip.contains(&key);
        Options {
            step: if want("step") { self.step(map) } else { None },
            only: if want("only") { self.only(map) } else { None },
            reveal: if want("reveal") {
                self.reveal(map)
            } else {
                None
            },
            caption: if want("caption") {
                self.markup(map, "caption")
            } else {
                None
            },
            alt: if want("alt") {
                self.markup(map, "alt")
            } else {
                None
            },
            width: if want("width") { self.width(map) } else { None },
            height: if want("height") {
                self.height(map)
            } else {
                None
            },
            align: if want("align") {
                self.named(map, "align", ALIGN_NAMES)
            } else {
                None
            },
            valign: if want("valign") {
                self.named(map, "valign", VAlign::NAMES)
            } else {
                None
            },
            small: want("size")
                && self.named(map, "size", &[("small", true), ("normal", false)]) == Some(true),
            number: want("number")
                && self
                    .text(map, "number")
                    .and_then(|t| self.yes_no(&t, "number"))
                    == Some(true),
        }
    }

    /// Checks a block's alt text: a picture needs one (or a caption, or
    /// `alt: ""` when it is decorative), other blocks read none, and a
    /// long one is tiring to hear.
    pub(super) fn check_alt(&mut self, block: &Block, key: &str, opts: &Options, span: &Span) {
        match (&opts.alt, block) {
            (None, Block::Image { caption: None, .. }) => self.error(
                Diagnostic::warning("this image has no alt text")
                    .at(span.clone())
                    .hint("add `alt:` saying what a student who cannot see it needs to know, or `alt: \"\"` if it is decorative; a `caption:` serves as its alt text too"),
            ),
            (Some(alt), Block::Image { .. } | Block::Chart(_) | Block::Diagram(_) | Block::Math(_)) => {
                let n = alt.value.chars().count();
                if n > MAX_ALT {
                    self.error(
                        Diagnostic::warning(format!("this alt text is {n} characters long; the limit is {MAX_ALT}"))
                            .at(alt.span.clone())
                            .hint("a screen reader reads alt text in one go, with no way to skim: say what the picture shows in a sentence or two, and put the details in the notes or on the slide"),
                    );
                }
            }
            (Some(alt), _) => self.error(
                Diagnostic::warning(format!("`alt:` is not read on a `{key}` block"))
                    .at(alt.span.clone())
                    .hint("alt text is for pictures: image, chart, diagram and math blocks; a screen reader reads this block's own text"),
            ),
            _ => {}
        }
    }

    /// Reads `valign:` of a slide.
    pub(super) fn slide_valign(&mut self, map: &MarkedMappingNode) -> Option<Spanned<VAlign>> {
        let span = self.text(map, "valign")?.span;
        let value = self.named(map, "valign", VAlign::NAMES)?;
        Some(Spanned::new(value, span))
    }

    /// Reads one of a few names, with the list in the hint.
    fn named<T: Copy>(
        &mut self,
        map: &MarkedMappingNode,
        key: &str,
        names: &[(&str, T)],
    ) -> Option<T> {
        let text = self.text(map, key)?;
        let found = names.iter().find(|(n, _)| *n == text.value.trim());
        if found.is_none() {
            let all: Vec<&str> = names.iter().map(|(n, _)| *n).collect();
            let mut d = Diagnostic::error(format!("`{}` is not a `{key}` value", text.value))
                .at(text.span.clone());
            d = match crate::diagnostics::did_you_mean(text.value.trim(), &all) {
                Some(s) => d.hint(format!("did you mean `{s}`? One of: {}", all.join(", "))),
                None => d.hint(format!("write one of: {}", all.join(", "))),
            };
            self.error(d);
        }
        found.map(|(_, v)| *v)
    }

    /// Reads `step: N`: a whole number from 1 to [`MAX_STEPS`].
    fn step(&mut self, map: &MarkedMappingNode) -> Option<Spanned<u32>> {
        let text = self.text(map, "step")?;
        let n = self.step_number(&text, text.value.trim(), "step: 2")?;
        Some(Spanned::new(n, text.span))
    }

    /// Reads `only: N` or `only: "A-B"`.
    fn only(&mut self, map: &MarkedMappingNode) -> Option<Spanned<(u32, u32)>> {
        let text = self.text(map, "only")?;
        let value = text.value.trim();
        let (a, b) = value.split_once('-').unwrap_or((value, value));
        let (a, b) = (
            self.step_number(&text, a.trim(), "only: \"2-3\"")?,
            self.step_number(&text, b.trim(), "only: \"2-3\"")?,
        );
        if a > b {
            self.error(
                Diagnostic::error(format!("`{value}` counts backwards"))
                    .at(text.span)
                    .hint(format!("write the first step first: `only: \"{b}-{a}\"`")),
            );
            return None;
        }
        Some(Spanned::new((a, b), text.span))
    }

    /// One step number of `step:` or `only:`, from 1 to [`MAX_STEPS`].
    fn step_number(&mut self, text: &Text, value: &str, example: &str) -> Option<u32> {
        match value.parse::<i64>() {
            Ok(n) if (1..=i64::from(MAX_STEPS)).contains(&n) => u32::try_from(n).ok(),
            Ok(n) => {
                let why = if n < 1 {
                    "steps count from 1 (the slide as it first appears)"
                } else {
                    "a slide has at most 100 steps"
                };
                self.error(
                    Diagnostic::error(format!("`{n}` is not a step ({why})"))
                        .at(text.span.clone())
                        .hint(format!("write e.g. `{example}`")),
                );
                None
            }
            Err(_) => {
                self.error(
                    Diagnostic::error(format!("`{}` is not a step number", text.value))
                        .at(text.span.clone())
                        .hint(format!("write e.g. `{example}`")),
                );
                None
            }
        }
    }

    /// Reads `width:`: a ratio (`2`, `1.5`) or a percentage (`"60%"`).
    fn width(&mut self, map: &MarkedMappingNode) -> Option<Spanned<Width>> {
        let text = self.text(map, "width")?;
        let value = text.value.trim();
        let (number, percent) = match value.strip_suffix('%') {
            Some(n) => (n.trim(), true),
            None => (value, false),
        };
        let milli = thousandths(number);
        let width = match milli {
            Some(m) if m > 0 && (!percent || m <= 100_000) => {
                if percent {
                    Width::Percent(m)
                } else {
                    Width::Ratio(m)
                }
            }
            _ => {
                let why = match (milli, percent) {
                    (Some(_), true) => "a column is at most 100% of the row",
                    (Some(_), false) => "a width must be more than 0",
                    (None, _) if number.starts_with('-') => "a width must be more than 0",
                    (None, _) => "not a number",
                };
                self.error(
                    Diagnostic::error(format!("`{value}` is not a width ({why})"))
                        .at(text.span)
                        .hint("write a ratio such as `width: 2` (twice its neighbour) or a percentage such as `width: \"60%\"`"),
                );
                return None;
            }
        };
        Some(Spanned::new(width, text.span))
    }

    /// Reads `height:`: a percentage of the slide's room, 1 to 100.
    fn height(&mut self, map: &MarkedMappingNode) -> Option<Spanned<u32>> {
        let text = self.text(map, "height")?;
        let value = text.value.trim();
        match thousandths(value.strip_suffix('%').unwrap_or(value).trim()) {
            Some(m) if (1_000..=100_000).contains(&m) => Some(Spanned::new(m / 1_000, text.span)),
            _ => {
                self.error(
                    Diagnostic::error(format!(
                        "`{value}` is not a height (a percentage of the slide's room, 1% to 100%)"
                    ))
                    .at(text.span)
                    .hint("write e.g. `height: \"50%\"`"),
                );
                None
            }
        }
    }

    /// Checks the widths of one `columns` block: all ratios or all
    /// percentages, and percentages adding up to at most 100%.
    pub(super) fn check_widths(&mut self, columns: &[Column]) {
        let widths: Vec<&Spanned<Width>> =
            columns.iter().filter_map(|c| c.width.as_ref()).collect();
        let percents: Vec<u32> = widths
            .iter()
            .filter_map(|w| match w.value {
                Width::Percent(p) => Some(p),
                Width::Ratio(_) => None,
            })
            .collect();
        if let Some(first) = widths.first()
            && !percents.is_empty()
            && (percents.len() != widths.len() || widths.len() != columns.len())
        {
            let mixed = widths
                .iter()
                .find(|w| matches!(w.value, Width::Ratio(_)))
                .unwrap_or(first);
            self.error(
                Diagnostic::error("these columns mix percentages with ratios or with no width")
                    .at(mixed.span.clone())
                    .hint("give every column a percentage (`width: \"40%\"`), or every column a ratio (`width: 2`)"),
            );
            return;
        }
        let total: u64 = percents.iter().map(|&p| u64::from(p)).sum();
        if total > 100_000
            && let Some(last) = widths.last()
        {
            self.error(
                Diagnostic::error(format!(
                    "these columns add up to {}%, more than the row",
                    total as f64 / 1000.0
                ))
                .at(last.span.clone())
                .hint("percentages are of the width left after the gutters: make them add up to 100% at most"),
            );
        }
    }
}

/// A decimal number in thousandths (`"1.5"` → 1500); `None` when it is not
/// a plain non-negative number or is too large.
fn thousandths(text: &str) -> Option<u32> {
    let (whole, frac) = text.split_once('.').unwrap_or((text, ""));
    if whole.is_empty() && frac.is_empty()
        || !whole.bytes().all(|b| b.is_ascii_digit())
        || !frac.bytes().all(|b| b.is_ascii_digit())
        || whole.len() > 6
    {
        return None;
    }
    let whole: u32 = if whole.is_empty() {
        0
    } else {
        whole.parse().ok()?
    };
    let mut milli = 0;
    for (i, b) in frac.bytes().take(3).enumerate() {
        milli += u32::from(b - b'0') * [100, 10, 1][i];
    }
    Some(whole * 1000 + milli)
}

impl Reveal {
    /// The names `reveal:` takes.
    pub(super) const NAMES: &[(&str, Reveal)] = &[
        ("items", Reveal::Items),
        ("nested", Reveal::Nested),
        ("rows", Reveal::Rows),
        ("all", Reveal::All),
        ("none", Reveal::All),
    ];
}

#[cfg(test)]
mod tests {
    use super::thousandths;

    #[test]
    fn widths_read_as_thousandths() {
        assert_eq!(thousandths("2"), Some(2000));
        assert_eq!(thousandths("62.5"), Some(62500));
        assert_eq!(thousandths(".5"), Some(500));
        assert_eq!(thousandths("-1"), None);
        assert_eq!(thousandths("1e3"), None);
        assert_eq!(thousandths(""), None);
        assert_eq!(thousandths("9999999"), None);
    }
}
