//! Text measurement for chart labels.
//!
//! Charts are laid out before Typst runs, so lectern measures label text
//! itself, with the real advances of the fonts the theme sets text in
//! ([`Faces`]: its `text` families in order, each as Regular and Bold, as
//! Typst will pick them). Without a theme (unit tests) they are lectern's
//! embedded Simplified Chinese faces, which the built-in themes use and
//! which also hold Latin. A character no face has (an emoji, a rare hanzi
//! that falls back to a system font) is measured by a conservative
//! character-class estimate ([`Estimate`]). Widths get 3 % of slack for
//! kerning, so a label box may be a little wider than its text, never
//! narrower. Labels are emitted with the line breaks chosen here, so Typst
//! never wraps them further.

use std::cell::RefCell;
use std::sync::LazyLock;

use typst::foundations::Bytes;
use typst::layout::Abs;
use typst::text::{
    Font, FontBook, FontInstance, FontStyle, FontVariant, FontVariations, FontWeight,
};

use crate::world::fonts::cjk_latin_gap;

/// Line height as a multiple of the font size.
pub const LINE_HEIGHT: f64 = 1.3;

/// The size of all chart text (labels, ticks, values, legend), in points:
/// 0.7 × the 20 pt body of the built-in themes, the smallest text that
/// reads from the back of a lecture hall.
pub const SIZE: f64 = 14.0;

/// The size of a chart's source line: 0.6 × the body.
pub const SOURCE_SIZE: f64 = 12.0;

/// Measures the advance of one character, in em.
pub trait Measure: Sync {
    /// The advance of `c`, or `None` when this measure does not know it.
    fn advance(&self, c: char, bold: bool) -> Option<f64>;
}

/// Advances from one family's horizontal metrics.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct FontMetrics {
    /// The Regular face.
    regular: FontInstance,
    /// The Bold face.
    bold: FontInstance,
}

impl Measure for FontMetrics {
    fn advance(&self, c: char, bold: bool) -> Option<f64> {
        let font = if bold { &self.bold } else { &self.regular };
        let glyph = font.ttf().glyph_index(c)?;
        font.x_advance(glyph.0).map(|em| em.get())
    }
}

/// The character-class estimate, rounding up: for characters no embedded
/// face has.
pub struct Estimate;

impl Measure for Estimate {
    fn advance(&self, c: char, bold: bool) -> Option<f64> {
        Some(estimate(c) * if bold { 1.06 } else { 1.0 })
    }
}

/// A font's instance at its own variant, for its advances.
fn instance(font: Font) -> FontInstance {
    let variant = font.info().variant;
    font.instantiate(variant, Abs::pt(10.0), &FontVariations::default())
}

/// The embedded faces' metrics, parsed once.
static METRICS: LazyLock<Option<FontMetrics>> = LazyLock::new(|| {
    let [regular, bold] = crate::world::fonts::CJK_FACES;
    let load = |data: &'static [u8]| Font::new(Bytes::new(data), 0).map(instance);
    Some(FontMetrics {
        regular: load(regular)?,
        bold: load(bold)?,
    })
});

/// The faces chart text is measured in: a theme's text families in order,
/// each as the Regular and Bold Typst would pick. A character is measured
/// in the first that has it, as Typst sets it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Faces(Vec<FontMetrics>);

impl Faces {
    /// The embedded Simplified Chinese faces alone: what the built-in
    /// themes set text in.
    pub fn embedded() -> Self {
        Faces(METRICS.iter().cloned().collect())
    }

    /// The faces of `families` (in the theme's order) among the fonts of
    /// `book`, loaded by `font`; families not found are left out.
    pub fn select(
        families: &[&str],
        book: &FontBook,
        font: impl Fn(usize) -> Option<Font>,
    ) -> Self {
        let pick = |family: &str, weight| {
            let variant = FontVariant {
                style: FontStyle::Normal,
                weight,
                stretch: Default::default(),
            };
            book.select(&family.to_lowercase(), variant)
                .and_then(&font)
                .map(instance)
        };
        Faces(
            families
                .iter()
                .filter_map(|f| {
                    Some(FontMetrics {
                        regular: pick(f, FontWeight::REGULAR)?,
                        bold: pick(f, FontWeight::BOLD)?,
                    })
                })
                .collect(),
        )
    }
}

thread_local! {
    /// The faces charts on this thread measure in (set by [`measuring`]).
    static CURRENT: RefCell<Option<Faces>> = const { RefCell::new(None) };
}

/// Runs `f` (a chart's layout) measuring text in `faces`.
pub fn measuring<R>(faces: &Faces, f: impl FnOnce() -> R) -> R {
    let previous = CURRENT.replace(Some(faces.clone()));
    let result = f();
    CURRENT.set(previous);
    result
}

/// Estimated advance of one character, in em.
fn estimate(c: char) -> f64 {
    match c {
        ' ' => 0.3,
        'i' | 'l' | 'j' | '.' | ',' | ':' | ';' | '!' | '|' | '\'' => 0.3,
        'm' | 'w' | 'M' | 'W' | '@' | '%' => 0.9,
        c if c.is_ascii_uppercase() || c.is_ascii_digit() => 0.66,
        c if c.is_ascii() => 0.56,
        c if is_wide(c) => 1.0,
        _ => 0.7,
    }
}

/// Whether a character is East Asian wide (CJK, fullwidth punctuation).
pub fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD)
}

/// The width of a single line of text at `size` points: real advances where
/// the faces being measured in ([`measuring`], else the embedded ones) have
/// the character, the estimate elsewhere.
pub fn width(text: &str, size: f64, bold: bool) -> f64 {
    let em: f64 = CURRENT.with_borrow(|current| {
        let faces = match current {
            Some(faces) => faces.0.as_slice(),
            None => METRICS.as_slice(),
        };
        let advances: f64 = text
            .chars()
            .filter_map(|c| {
                faces
                    .iter()
                    .find_map(|m| m.advance(c, bold))
                    .or_else(|| Estimate.advance(c, bold))
            })
            .sum();
        let gaps: f64 = text
            .chars()
            .zip(text.chars().skip(1))
            .map(|(a, b)| cjk_latin_gap(a, b))
            .sum();
        advances + gaps
    });
    em * size * 1.03
}

/// Breaks text into lines no wider than `max` points: at spaces between
/// words, and between any two wide (CJK) characters.
pub fn wrap(text: &str, size: f64, bold: bool, max: f64) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        // Widths add up piece by piece: each character is measured once.
        let mut line = String::new();
        let mut line_w = 0.0;
        for piece in pieces(paragraph) {
            let trimmed = width(piece.trim_end(), size, bold);
            if !line.is_empty() && line_w + trimmed > max {
                lines.push(line.trim_end().to_string());
                line = piece.trim_start().to_string();
                line_w = width(&line, size, bold);
            } else {
                // Typst's quarter em between CJK and Latin where they meet.
                let gap = match (line.chars().last(), piece.chars().next()) {
                    (Some(a), Some(b)) => cjk_latin_gap(a, b) * size * 1.03,
                    _ => 0.0,
                };
                line_w += gap + width(&piece, size, bold);
                line.push_str(&piece);
            }
        }
        lines.push(line.trim_end().to_string());
    }
    lines
}

/// Splits text into unbreakable pieces: words with their trailing space, and
/// single wide characters (with closing punctuation kept on their line).
fn pieces(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut word = String::new();
    for c in text.chars() {
        if is_wide(c) {
            if !word.is_empty() {
                out.push(std::mem::take(&mut word));
            }
            if "，。、；：！？）」』》".contains(c) && !out.is_empty() {
                if let Some(last) = out.last_mut() {
                    last.push(c);
                }
            } else {
                out.push(c.to_string());
            }
        } else {
            word.push(c);
            if c == ' ' {
                out.push(std::mem::take(&mut word));
            }
        }
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
}

/// The size of a wrapped label: (widest line, height).
pub fn block_size(lines: &[String], size: f64, bold: bool) -> (f64, f64) {
    let w = lines
        .iter()
        .map(|l| width(l, size, bold))
        .fold(0.0, f64::max);
    (w, lines.len() as f64 * size * LINE_HEIGHT)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_come_from_the_fonts() {
        assert!(width("容器编排", 10.0, false) > width("abcd", 10.0, false));
        // Hanzi are one em in Noto Sans CJK; 3 % slack.
        assert!((width("容器", 10.0, false) - 20.6).abs() < 1e-9);
        // Real advances, not classes: "il" is far narrower than "WM".
        assert!(width("il", 10.0, false) * 2.5 < width("WM", 10.0, false));
        // Quotes and @ are measured as they are, below the 1-em estimate.
        let quote = width("“", 10.0, false);
        assert!(quote > 0.0 && quote <= 10.3, "{quote}");
        // Bold is wider than regular for Latin.
        assert!(width("Kubernetes", 10.0, true) > width("Kubernetes", 10.0, false));
        // Characters the faces lack fall back to the estimate.
        assert!(width("😀", 10.0, false) > 0.0);
        assert!(Estimate.advance('容', false) == Some(1.0));
    }

    #[test]
    fn long_cjk_labels_wrap_within_the_limit() {
        let lines = wrap(
            "Kubernetes 成为第一个从 CNCF 毕业的项目",
            12.0,
            false,
            100.0,
        );
        assert!(lines.len() > 1);
        for line in &lines {
            assert!(
                width(line, 12.0, false) <= 100.0
                    || !line.contains(' ') && line.chars().count() == 1,
                "{line}"
            );
        }
        assert_eq!(
            lines.concat().replace(' ', ""),
            "Kubernetes成为第一个从CNCF毕业的项目"
        );
    }

    #[test]
    fn closing_punctuation_stays_on_its_line() {
        let lines = wrap("甲乙，丙丁", 10.0, false, 25.0);
        assert!(lines.iter().all(|l| !l.starts_with('，')), "{lines:?}");
    }
}
