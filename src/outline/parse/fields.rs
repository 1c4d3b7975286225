//! Small typed fields: dates, minutes, times of day, reveal and fit modes.

use marked_yaml::types::MarkedMappingNode;

use super::Parser;
use crate::diagnostics::{Diagnostic, did_you_mean};
use crate::outline::{Date, Fit, FitKeys, LABEL_KEYS, Reveal, Spanned, SpeakingRate, Text};

impl Parser<'_> {
    /// Reads `reveal: items|nested|rows|all`.
    pub(super) fn reveal(&mut self, map: &MarkedMappingNode) -> Option<Reveal> {
        let text = self.text(map, "reveal")?;
        let found = Reveal::NAMES
            .iter()
            .find(|(n, _)| *n == text.value.trim())
            .map(|(_, r)| *r);
        if found.is_none() {
            self.error(
                Diagnostic::error(format!("`{}` is not a reveal mode", text.value))
                    .at(text.span)
                    .hint("use `reveal: items` (one step per item), `nested` (every item at every level), `rows` (a table's rows) or `all`"),
            );
        }
        found
    }

    /// Warns of a slide's `by:` without the `quote:` it names the author of
    /// (it would be dropped without a word).
    pub(super) fn stray_by(&mut self, map: &MarkedMappingNode) {
        if map.get_node("quote").is_none()
            && let Some(key) = map.keys().find(|k| k.as_str() == "by")
        {
            let at = self.scalar_span(key);
            self.error(
                Diagnostic::warning("`by` names the author of a `quote:`, and this slide has none")
                    .at(at)
                    .hint("add the `quote:` it belongs to, or remove `by`"),
            );
        }
    }

    /// Reads the fit keys: `fit: auto|none` (`shrink`, an older name of
    /// `auto`, with a warning), `fit-floor:` and `code-scale:`.
    pub(super) fn fit(&mut self, map: &MarkedMappingNode) -> FitKeys {
        let fit = self.text(map, "fit").and_then(|text| match text.value.trim() {
            "auto" => Some(Fit::Auto),
            "none" => Some(Fit::None),
            "shrink" => {
                self.error(
                    Diagnostic::warning("`fit: shrink` is now `fit: auto`, the default")
                        .at(text.span)
                        .hint("remove the line (or write `fit: auto`); `fit-floor:` sets how far text may shrink"),
                );
                Some(Fit::Auto)
            }
            other => {
                self.error(
                    Diagnostic::error(format!("`{other}` is not a fit mode"))
                        .at(text.span)
                        .hint("use `fit: auto` (shrink, then continue with the title; the default) or `fit: none`"),
                );
                None
            }
        });
        FitKeys {
            fit,
            floor: self.scale(map, "fit-floor", (0.5, 1.0), "0.75"),
            code_scale: self.scale(map, "code-scale", (1.0, 2.0), "1.3"),
        }
    }

    /// Reads a scale from `range.0` to `range.1`, kept in hundredths.
    fn scale(
        &mut self,
        map: &MarkedMappingNode,
        key: &str,
        (least, most): (f64, f64),
        example: &str,
    ) -> Option<u8> {
        let text = self.text(map, key)?;
        match text.value.trim().parse::<f64>() {
            Ok(v) if (least..=most).contains(&v) => Some((v * 100.0).round() as u8),
            _ => {
                self.error(
                    Diagnostic::error(format!(
                        "`{key}: {}` is not a scale from {least} to {most}",
                        text.value
                    ))
                    .at(text.span)
                    .hint(format!("write e.g. `{key}: {example}`")),
                );
                None
            }
        }
    }

    /// Reads a number of minutes.
    pub(super) fn minutes(&mut self, map: &MarkedMappingNode, key: &str) -> Option<Spanned<u32>> {
        let text = self.text(map, key)?;
        match text.value.trim().parse::<u32>() {
            Ok(m) if m > 0 => Some(Spanned::new(m, text.span)),
            _ => {
                self.error(
                    Diagnostic::error(format!("`{}` is not a whole number of minutes", text.value))
                        .at(text.span)
                        .hint(format!("write e.g. `{key}: 5`")),
                );
                None
            }
        }
    }

    /// Reads `pause: N`: minutes of activity (a whole or decimal number,
    /// at least 0, at most 120), kept in seconds.
    pub(super) fn pause(&mut self, map: &MarkedMappingNode) -> Option<Spanned<u32>> {
        let text = self.text(map, "pause")?;
        match text.value.trim().parse::<f64>() {
            Ok(m) if (0.0..=120.0).contains(&m) => {
                Some(Spanned::new((m * 60.0).round() as u32, text.span))
            }
            _ => {
                self.error(
                    Diagnostic::error(format!(
                        "`pause: {}` is not a number of minutes from 0 to 120",
                        text.value
                    ))
                    .at(text.span)
                    .hint("write the minutes of the activity, e.g. `pause: 3`"),
                );
                None
            }
        }
    }

    /// Reads `speaking-rate`: a number (for the deck's language: CJK
    /// characters per minute in a Chinese, Japanese or Korean deck, words per
    /// minute otherwise), or `{ zh: 220, en: 130 }`.
    pub(super) fn speaking_rate(
        &mut self,
        map: &MarkedMappingNode,
        lang: &str,
    ) -> Option<Spanned<SpeakingRate>> {
        let node = map.get_node("speaking-rate")?;
        let mut rate = SpeakingRate::default();
        let cjk = matches!(lang, "zh" | "ja" | "ko");
        let number = |p: &mut Self, text: Text| -> Option<u32> {
            match text.value.trim().parse::<f64>() {
                Ok(v) if (1.0..=2000.0).contains(&v) && v.fract() == 0.0 => Some(v as u32),
                _ => {
                    p.error(
                        Diagnostic::error(format!("`{}` is not a speaking rate", text.value))
                            .at(text.span)
                            .hint("give a whole number per minute above 0: 240 characters (Chinese), 140 words (English)"),
                    );
                    None
                }
            }
        };
        match node {
            marked_yaml::Node::Scalar(s) => {
                let text = Spanned::new(s.as_str().to_owned(), self.scalar_span(s));
                let v = number(self, text)?;
                if cjk {
                    rate.cjk = v;
                } else {
                    rate.words = v;
                }
            }
            marked_yaml::Node::Mapping(m) => {
                self.check_keys(m, &[&["zh", "ja", "ko", "en"]], "`speaking-rate`");
                for key in ["zh", "ja", "ko"] {
                    if let Some(t) = self.text(m, key) {
                        rate.cjk = number(self, t)?;
                    }
                }
                if let Some(t) = self.text(m, "en") {
                    rate.words = number(self, t)?;
                }
            }
            other => {
                let span = self.node_span(other);
                self.error(
                    Diagnostic::error("`speaking-rate` must be a number or `{ zh: 240, en: 140 }`")
                        .at(span)
                        .hint("write e.g. `speaking-rate: 220`"),
                );
                return None;
            }
        }
        Some(Spanned::new(rate, self.node_span(node)))
    }

    /// Reads `end-time: HH:MM`.
    pub(super) fn end_time(&mut self, map: &MarkedMappingNode) -> Option<Spanned<String>> {
        let text = self.text(map, "end-time")?;
        let ok = matches!(text.value.split_once(':'), Some((h, m))
            if h.len() == 2 && m.len() == 2
                && h.parse::<u8>().is_ok_and(|h| h < 24)
                && m.parse::<u8>().is_ok_and(|m| m < 60));
        if ok {
            Some(text)
        } else {
            self.error(
                Diagnostic::error(format!("`{}` is not a time of day", text.value))
                    .at(text.span)
                    .hint("write the lecture's end as HH:MM, e.g. `end-time: \"11:30\"`"),
            );
            None
        }
    }

    /// Splits `lang` into a language and an optional region (`zh`, `zh-CN`,
    /// `en-GB`): the language is two or three letters, the region two
    /// (ISO 3166-1), as Typst's `text(lang:, region:)` takes them. Anything
    /// else is an error at the value; the language is then `zh`.
    pub(crate) fn language(&mut self, text: Text) -> (Text, Option<Spanned<String>>, bool) {
        let letters = |s: &str, n: &[usize]| {
            n.contains(&s.len()) && s.chars().all(|c| c.is_ascii_alphabetic())
        };
        let value = text.value.trim();
        let mut subtags = value.split(['-', '_']);
        let language = subtags.next().unwrap_or_default();
        let rest: Vec<&str> = subtags.collect();
        // BCP 47: a language, then subtags of 1 to 8 letters or digits (a
        // script of four letters, a region of two).
        let known = crate::outline::LANGUAGES.contains(&language.to_ascii_lowercase().as_str());
        let well_formed = rest.iter().all(|t| {
            let alnum = (1..=8).contains(&t.len()) && t.chars().all(|c| c.is_ascii_alphanumeric());
            // After a language lectern knows, a region is two letters
            // (`zh-CHN` is a mistake for `zh-CN`), a script four.
            alnum && (!known || t.len() != 3 || t.chars().all(|c| c.is_ascii_digit()))
        });
        if !letters(language, &[2, 3]) || !well_formed {
            let hint = if letters(language, &[2, 3]) {
                "write the region as two letters (ISO 3166-1), e.g. `zh-CN`, `zh-TW` or `en-GB`"
            } else {
                "use a language code (ISO 639) with an optional region: `zh`, `zh-CN`, `zh-TW`, `en`, `en-GB`, `fr`"
            };
            self.error(
                Diagnostic::error(format!("`{}` is not a language code", text.value))
                    .at(text.span.clone())
                    .hint(hint),
            );
            return (Spanned::new("zh".into(), text.span), None, false);
        }
        let language = language.to_ascii_lowercase();
        let region = rest
            .iter()
            .find(|t| letters(t, &[2]))
            .map(|r| Spanned::new(r.to_ascii_lowercase(), text.span.clone()));
        let traditional = language == "zh"
            && rest
                .iter()
                .any(|t| matches!(t.to_ascii_lowercase().as_str(), "hant" | "tw" | "hk" | "mo"));
        if !known {
            self.diags.push(
                Diagnostic::warning(format!(
                    "lectern has no interface words for `{language}`: the agenda, parts and dates are in English"
                ))
                .at(text.span.clone())
                .hint(format!(
                    "write your own with `labels: {{ agenda: ..., part: \"... {{n}}\", continued: ..., date: \"[day]/[month]/[year]\" }}`; built in: {}",
                    crate::outline::LANGUAGES.join(", ")
                )),
            );
        }
        (Spanned::new(language, text.span), region, traditional)
    }

    /// Parses a `YYYY-MM-DD` date.
    pub(super) fn date(&mut self, text: Text) -> Option<Spanned<Date>> {
        let parts: Vec<&str> = text.value.trim().split('-').collect();
        let parsed = match parts.as_slice() {
            [y, m, d] if y.len() == 4 && m.len() == 2 && d.len() == 2 => {
                match (y.parse::<i32>(), m.parse::<u8>(), d.parse::<u8>()) {
                    (Ok(year), Ok(month), Ok(day)) => time::Month::try_from(month)
                        .and_then(|m| time::Date::from_calendar_date(year, m, day))
                        .ok()
                        .map(|_| Date { year, month, day }),
                    _ => None,
                }
            }
            _ => None,
        };
        if parsed.is_none() {
            self.error(
                Diagnostic::error(format!("`{}` is not a valid date", text.value))
                    .at(text.span.clone())
                    .hint("write the date as YYYY-MM-DD, for example 2026-11-27"),
            );
        }
        parsed.map(|d| Spanned::new(d, text.span))
    }
}

impl Parser<'_> {
    /// Reads a deck-wide yes/no key that is on unless written `false`.
    pub(super) fn deck_flag(&mut self, map: &MarkedMappingNode, key: &str) -> bool {
        match self.text(map, key) {
            Some(t) => self.yes_no(&t, key).unwrap_or(true),
            None => true,
        }
    }

    /// Reads `labels:`: the deck's own interface words, and the date's
    /// pattern (checked here, in Typst's `datetime.display` syntax).
    pub(super) fn labels(&mut self, map: &MarkedMappingNode) -> Vec<(String, Text)> {
        let Some(node) = map.get_node("labels") else {
            return Vec::new();
        };
        let Some(lmap) = self.mapping(node, "`labels`", "labels: { agenda: Plan du cours }") else {
            return Vec::new();
        };
        self.check_keys(lmap, &[LABEL_KEYS], "`labels`");
        let mut out = Vec::new();
        for key in LABEL_KEYS {
            let Some(text) = self.text(lmap, key) else {
                continue;
            };
            if *key == "date"
                && let Err(e) = time::format_description::parse_owned::<2>(&text.value)
            {
                self.error(
                    Diagnostic::error(format!("`{}` is not a date pattern ({e})", text.value))
                        .at(text.span.clone())
                        .hint("write e.g. `date: \"[day] [month repr:long] [year]\"` or `\"[year]-[month]-[day]\"`"),
                );
                continue;
            }
            out.push(((*key).to_string(), text));
        }
        out
    }

    /// Checks the inline markup of a text field with the parser that
    /// renders it: every `{{` closed, no gap empty. Only markup fields are
    /// checked; raw Typst, paths and codes are not markup.
    pub(crate) fn check_markup(&mut self, text: &Text) {
        if text.value.len() > super::MAX_TEXT_BYTES {
            self.error(
                Diagnostic::error(format!(
                    "this text is {} KB; a text field holds at most {} KB",
                    text.value.len() / 1024,
                    super::MAX_TEXT_BYTES / 1024
                ))
                .at(text.span.clone())
                .hint("a slide shows a few lines: move the rest into a handout or split the slide"),
            );
            return;
        }
        let table = self.spans(text);
        self.check_markup_in(text, &table);
    }

    /// Checks a markup text whose bytes are placed in the file by `table`
    /// (its own span table, or one made for a rewritten Markdown text).
    pub(crate) fn check_markup_in(&mut self, text: &Text, table: &super::spans::SpanTable) {
        self.check_inline_math(text, table);
        self.check_spans(text, table);
        if let Some(problem) = crate::outline::inline::problem(&text.value) {
            self.error(
                Diagnostic::error(problem)
                    .at(text.span.clone())
                    .hint(super::GAP_HINT),
            );
        }
    }

    /// Warns about span classes (`[text]{.class}`) lectern does not draw,
    /// with "did you mean".
    pub(super) fn check_spans(&mut self, text: &Text, table: &super::spans::SpanTable) {
        if !text.value.contains("]{.") {
            return;
        }
        let pieces = crate::outline::inline::parse(&text.value);
        for class in crate::outline::inline::unknown_classes(&pieces) {
            let at = text
                .value
                .find(&format!("{{.{class}}}"))
                .map_or(text.span.clone(), |i| table.span(i..i + class.len() + 3));
            let known = crate::outline::inline::SPAN_CLASSES;
            let mut d = Diagnostic::warning(format!(
                "`.{class}` is not a span class; the text is shown plain"
            ))
            .at(at);
            d = match did_you_mean(class, known) {
                Some(s) => d.hint(format!("did you mean `.{s}`?")),
                None => d.hint(format!(
                    "the classes: .{}, .c1 to .c99 (the chart colours)",
                    known.join(", .")
                )),
            };
            self.diags.push(d);
        }
    }
}

/// A slide's notes and those of its `markdown:` blocks (HTML comments),
/// one paragraph each, under the span of the first.
pub(super) fn join_notes(notes: Option<Text>, more: Vec<Text>) -> Option<Text> {
    let mut all = notes.into_iter().chain(more);
    let mut first = all.next()?;
    for note in all {
        first.value.push_str("\n\n");
        first.value.push_str(&note.value);
    }
    Some(first)
}
