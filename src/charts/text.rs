//! Conservative text measurement for chart labels.
//!
//! Typst measures text exactly, but only after layout; charts are laid out
//! before. So widths are estimated from character classes, rounding up: a
//! label box may be a little wider than its text, never narrower, so labels
//! that do not overlap here do not overlap on the slide. Labels are emitted
//! with the line breaks chosen here, so Typst never wraps them further.

/// Line height as a multiple of the font size.
pub const LINE_HEIGHT: f64 = 1.3;

/// Estimated advance of one character, in em.
fn advance(c: char) -> f64 {
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

/// Estimated width of a single line of text at `size` points.
pub fn width(text: &str, size: f64, bold: bool) -> f64 {
    let w: f64 = text.chars().map(advance).sum::<f64>() * size;
    if bold { w * 1.06 } else { w }
}

/// Breaks text into lines no wider than `max` points: at spaces between
/// words, and between any two wide (CJK) characters.
pub fn wrap(text: &str, size: f64, bold: bool, max: f64) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        for piece in pieces(paragraph) {
            let candidate = format!("{line}{piece}");
            if !line.is_empty() && width(candidate.trim_end(), size, bold) > max {
                lines.push(line.trim_end().to_string());
                line = piece.trim_start().to_string();
            } else {
                line = candidate;
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
    fn cjk_is_wider_than_latin() {
        assert!(width("容器编排", 10.0, false) > width("abcd", 10.0, false));
        assert_eq!(width("容器", 10.0, false), 20.0);
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
