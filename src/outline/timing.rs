//! Speaking time: how long the notes take to say, slide by slide, against
//! the minutes each section plans and the lecture's slot.
//!
//! A slide's time is its notes at the deck's speaking rate (CJK characters
//! per minute, and words per minute for Latin text inside), plus its
//! `pause` (class activity); a slide without notes counts
//! [`SILENT_SLIDE_SECONDS`]. Reveal steps add nothing.

use serde::Serialize;

use super::{Outline, Slide, SpeakingRate};
use crate::diagnostics::Diagnostic;

/// What a slide without notes counts, in seconds.
pub const SILENT_SLIDE_SECONDS: f64 = 20.0;

/// How far an estimate may exceed its plan before it is a warning.
const SLACK: f64 = 1.1;

/// The estimate of one section (or of the closing slides).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SectionTiming {
    /// The section's title (`None`: the closing slides).
    pub title: Option<String>,
    /// Its content slides.
    pub slides: usize,
    /// Minutes planned: the section's `minutes`, else its slides' sum.
    pub planned: Option<u32>,
    /// Minutes of speaking (the notes).
    pub speaking: f64,
    /// Minutes of class activity (`pause`).
    pub pauses: f64,
    /// Minutes it took the last time the lecture was given, from
    /// `timing.json` (saved by the presenter console), if known.
    pub actual: Option<f64>,
}

impl SectionTiming {
    /// The whole estimate, in minutes: speaking and pauses.
    pub fn estimate(&self) -> f64 {
        self.speaking + self.pauses
    }
}

/// The estimate of a whole deck.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Timing {
    /// The rate it was estimated at.
    pub rate: SpeakingRate,
    /// The title slide's notes, in minutes.
    pub opening: f64,
    /// Each section, then the closing slides (if any).
    pub sections: Vec<SectionTiming>,
    /// The lecture's slot, if set.
    pub slot: Option<u32>,
    /// The deck's language (the table's words follow it).
    pub lang: String,
}

impl Timing {
    /// Minutes of speaking in all.
    pub fn speaking(&self) -> f64 {
        self.opening + self.sections.iter().map(|s| s.speaking).sum::<f64>()
    }

    /// Minutes planned: the lecture's `slot`, else its sections' minutes
    /// added up (none when nothing is planned).
    pub fn planned(&self) -> Option<u32> {
        self.slot.or_else(|| {
            let planned: Vec<u32> = self.sections.iter().filter_map(|s| s.planned).collect();
            (!planned.is_empty()).then(|| planned.iter().sum())
        })
    }

    /// The whole estimate, in minutes.
    pub fn estimate(&self) -> f64 {
        self.opening
            + self
                .sections
                .iter()
                .map(SectionTiming::estimate)
                .sum::<f64>()
    }
}

impl Serialize for SpeakingRate {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("SpeakingRate", 2)?;
        st.serialize_field("cjk_per_minute", &self.cjk)?;
        st.serialize_field("words_per_minute", &self.words)?;
        st.end()
    }
}

/// Minutes to say a text at `rate`: its CJK characters, and its Latin
/// words (runs of letters and digits).
pub fn speaking_minutes(text: &str, rate: SpeakingRate) -> f64 {
    let mut cjk = 0usize;
    let mut words = 0usize;
    let mut in_word = false;
    for c in text.chars() {
        if is_cjk(c) {
            cjk += 1;
            in_word = false;
        } else if c.is_alphanumeric() {
            if !in_word {
                words += 1;
            }
            in_word = true;
        } else if !matches!(c, '\'' | '-' | '.' | '+') || !in_word {
            in_word = false;
        }
    }
    cjk as f64 / f64::from(rate.cjk) + words as f64 / f64::from(rate.words)
}

/// Whether a character is a CJK ideograph or kana/hangul (said one by one).
fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF
        | 0x20000..=0x3FFFD)
}

/// A content slide's speaking minutes (its notes, or the floor of a slide
/// without notes) and pause minutes (`pause` is in seconds).
pub fn slide_estimate(notes: Option<&str>, pause: u32, rate: SpeakingRate) -> (f64, f64) {
    let speaking = match notes {
        Some(n) if !n.trim().is_empty() => speaking_minutes(n, rate),
        _ => SILENT_SLIDE_SECONDS / 60.0,
    };
    (speaking, f64::from(pause) / 60.0)
}

/// A slide's speaking minutes and pause minutes.
fn slide_minutes(slide: &Slide, rate: SpeakingRate) -> (f64, f64) {
    slide_estimate(
        slide.notes.as_ref().map(|n| n.value.as_str()),
        slide.pause.as_ref().map_or(0, |p| p.value),
        rate,
    )
}

/// Estimates a group of slides.
fn group(
    title: Option<String>,
    slides: &[Slide],
    planned: Option<u32>,
    rate: SpeakingRate,
) -> SectionTiming {
    let (speaking, pauses) = slides
        .iter()
        .map(|s| slide_minutes(s, rate))
        .fold((0.0, 0.0), |(a, b), (s, p)| (a + s, b + p));
    SectionTiming {
        title,
        slides: slides.len(),
        planned,
        speaking,
        pauses,
        actual: None,
    }
}

/// Takes the actual minutes of each section from a `timing.json` the
/// presenter console saved (matched by section title). A file that is not
/// such JSON is an error message; the caller warns and goes on.
pub fn read_actual(timing: &mut Timing, json: &str) -> Result<(), String> {
    let value: serde_json::Value = serde_json::from_str(json).map_err(|e| e.to_string())?;
    let sections = value
        .get("sections")
        .and_then(|s| s.as_array())
        .ok_or("it has no `sections` list")?;
    for entry in sections {
        let (Some(title), Some(minutes)) = (
            entry.get("title").and_then(|t| t.as_str()),
            entry.get("minutes").and_then(serde_json::Value::as_f64),
        ) else {
            return Err("a section lacks its `title` or `minutes`".into());
        };
        if let Some(t) = timing
            .sections
            .iter_mut()
            .find(|t| t.title.as_deref() == Some(title))
        {
            t.actual = Some(minutes);
        }
    }
    Ok(())
}

/// Estimates a deck.
pub fn timing(outline: &Outline) -> Timing {
    let rate = outline
        .meta
        .speaking_rate
        .as_ref()
        .map_or_else(SpeakingRate::default, |r| r.value);
    let mut sections: Vec<SectionTiming> = outline
        .sections
        .iter()
        .map(|s| {
            let planned = s
                .minutes
                .as_ref()
                .map(|m| m.value)
                .or(Some(s.slide_minutes()).filter(|&m| m > 0));
            group(Some(s.title.value.clone()), &s.slides, planned, rate)
        })
        .collect();
    if !outline.closing.is_empty() {
        let planned: u32 = outline
            .closing
            .iter()
            .filter_map(|s| s.minutes.as_ref())
            .map(|m| m.value)
            .sum();
        sections.push(group(
            None,
            &outline.closing,
            Some(planned).filter(|&m| m > 0),
            rate,
        ));
    }
    // The title page's notes and the `opening:` slides, before the first
    // section.
    let opening = outline
        .meta
        .notes
        .as_ref()
        .map_or(0.0, |n| speaking_minutes(&n.value, rate))
        + if outline.opening.is_empty() {
            0.0
        } else {
            group(None, &outline.opening, None, rate).speaking
        };
    Timing {
        rate,
        opening,
        sections,
        slot: outline.meta.slot.as_ref().map(|s| s.value),
        lang: outline.meta.lang.value.clone(),
    }
}

/// Warnings for sections whose notes need more than their minutes (plus
/// 10 %), and for a deck that needs more than its slot: at the `minutes:`
/// and `slot:` lines, in the deck's language.
pub fn timing_warnings(outline: &Outline, timing: &Timing) -> Vec<Diagnostic> {
    let zh = outline.meta.lang.value == "zh";
    let mut out = Vec::new();
    for (i, (section, t)) in outline.sections.iter().zip(&timing.sections).enumerate() {
        let (Some(budget), Some(planned)) = (&section.minutes, t.planned) else {
            continue;
        };
        let need = t.estimate();
        if need > f64::from(planned) * SLACK {
            let message = if zh {
                format!(
                    "第 {} 部分：讲稿约需 {:.0} 分钟，计划 {planned} 分钟",
                    i + 1,
                    need.ceil()
                )
            } else {
                format!(
                    "part {}: the notes need about {:.0} minutes, {planned} are planned",
                    i + 1,
                    need.ceil()
                )
            };
            out.push(
                Diagnostic::warning(message)
                    .at(budget.span.clone())
                    .hint(hint(t, timing.rate)),
            );
        }
    }
    if let Some(slot) = &outline.meta.slot {
        let need = timing.estimate();
        if need > f64::from(slot.value) * SLACK {
            let message = if zh {
                format!(
                    "讲稿约需 {:.0} 分钟（含课堂活动），超出 {} 分钟的课时",
                    need.ceil(),
                    slot.value
                )
            } else {
                format!(
                    "the notes and activities need about {:.0} minutes, more than the {}-minute slot",
                    need.ceil(),
                    slot.value
                )
            };
            out.push(
                Diagnostic::warning(message)
                    .at(slot.span.clone())
                    .hint("cut repetition from the notes, or move detail into the handout; `lectern check --timing` shows each section"),
            );
        }
    }
    out
}

/// The hint under a section's timing warning.
fn hint(t: &SectionTiming, rate: SpeakingRate) -> String {
    format!(
        "{:.1} minutes of notes at {} characters ({} words) a minute, plus {:.1} of `pause`; shorten the notes, or set `speaking-rate:` if you speak faster",
        t.speaking, rate.cjk, rate.words, t.pauses
    )
}

/// The timing table `lectern check --timing` prints.
pub fn table(timing: &Timing) -> String {
    let zh = timing.lang == "zh";
    let actual = timing.sections.iter().any(|s| s.actual.is_some());
    let mut out = String::new();
    let head = if zh {
        "| 部分 | 幻灯片 | 计划（分钟） | 讲稿（分钟） | 活动（分钟） | 合计 | 差 |"
    } else {
        "| part | slides | planned (min) | notes (min) | pause (min) | estimate | difference |"
    };
    out.push_str(head);
    if actual {
        out.push_str(if zh {
            " 上次实际 |"
        } else {
            " last time |"
        });
    }
    out.push('\n');
    out.push_str(&"|---".repeat(7 + usize::from(actual)));
    out.push_str("|\n");
    let row = |name: String, t: &SectionTiming| {
        let planned = t.planned.map_or("–".to_string(), |p| p.to_string());
        let diff = t.planned.map_or("–".to_string(), |p| {
            format!("{:+.1}", t.estimate() - f64::from(p))
        });
        let last = match (actual, t.actual) {
            (false, _) => String::new(),
            (true, Some(m)) => format!(" {m:.1} |"),
            (true, None) => " – |".to_string(),
        };
        format!(
            "| {name} | {} | {planned} | {:.1} | {:.1} | {:.1} | {diff} |{last}\n",
            t.slides,
            t.speaking,
            t.pauses,
            t.estimate()
        )
    };
    let mut n = 0;
    for t in &timing.sections {
        let name = match &t.title {
            Some(title) => {
                n += 1;
                format!("{n}. {title}")
            }
            None => (if zh { "结尾" } else { "closing" }).to_string(),
        };
        out.push_str(&row(name, t));
    }
    let slot = timing.slot.map_or("–".to_string(), |s| s.to_string());
    let diff = timing.slot.map_or("–".to_string(), |s| {
        format!("{:+.1}", timing.estimate() - f64::from(s))
    });
    let last = if actual {
        let sum: f64 = timing.sections.iter().filter_map(|s| s.actual).sum();
        format!(" {sum:.1} |")
    } else {
        String::new()
    };
    out.push_str(&format!(
        "| {} | {} | {slot} | {:.1} | {:.1} | {:.1} | {diff} |{last}\n",
        if zh { "全部" } else { "all" },
        timing.sections.iter().map(|s| s.slides).sum::<usize>(),
        timing.speaking(),
        timing.estimate() - timing.speaking(),
        timing.estimate()
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn characters_and_words_are_said_at_their_rates() {
        let rate = SpeakingRate::default();
        // 240 字 take a minute; 140 words take a minute.
        assert!((speaking_minutes(&"字".repeat(240), rate) - 1.0).abs() < 1e-9);
        assert!((speaking_minutes(&"word ".repeat(140), rate) - 1.0).abs() < 1e-9);
        // Latin words inside Chinese count as words: 2 字 + 2 words.
        let mixed = speaking_minutes("用 Kubernetes 1.0 吧", rate);
        assert!(
            (mixed - (2.0 / 240.0 + 2.0 / 140.0)).abs() < 1e-9,
            "{mixed}"
        );
        // Punctuation and markup are silent.
        assert_eq!(speaking_minutes("**，。！** --", rate), 0.0);
    }
}
