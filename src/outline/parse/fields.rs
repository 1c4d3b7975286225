//! Small typed fields: dates, minutes, times of day, reveal and fit modes.

use marked_yaml::types::MarkedMappingNode;

use super::Parser;
use crate::diagnostics::Diagnostic;
use crate::outline::{Date, Fit, Reveal, Spanned, Text};

impl Parser<'_> {
    /// Reads `reveal: items|all`.
    pub(super) fn reveal(&mut self, map: &MarkedMappingNode) -> Option<Reveal> {
        let text = self.text(map, "reveal")?;
        match text.value.as_str() {
            "items" => Some(Reveal::Items),
            "all" | "none" => Some(Reveal::All),
            other => {
                self.error(
                    Diagnostic::error(format!("`{other}` is not a reveal mode"))
                        .at(text.span)
                        .hint("use `reveal: items` (one step per bullet) or `reveal: all`"),
                );
                None
            }
        }
    }

    /// Reads `fit: shrink|none`.
    pub(super) fn fit(&mut self, map: &MarkedMappingNode) -> Option<Fit> {
        let text = self.text(map, "fit")?;
        match text.value.as_str() {
            "shrink" => Some(Fit::Shrink),
            "none" => Some(Fit::None),
            other => {
                self.error(
                    Diagnostic::error(format!("`{other}` is not a fit mode"))
                        .at(text.span)
                        .hint("use `fit: shrink` (smaller text when the slide is too full) or `fit: none`"),
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

    /// Parses a `YYYY-MM-DD` date.
    pub(super) fn date(&mut self, text: Text) -> Option<Spanned<Date>> {
        let parts: Vec<&str> = text.value.trim().split('-').collect();
        let parsed = match parts.as_slice() {
            [y, m, d] if y.len() == 4 && m.len() == 2 && d.len() == 2 => {
                match (y.parse::<i32>(), m.parse::<u8>(), d.parse::<u8>()) {
                    (Ok(year), Ok(month), Ok(day))
                        if (1..=12).contains(&month)
                            && (1..=days_in(year, month)).contains(&day) =>
                    {
                        Some(Date { year, month, day })
                    }
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

/// The number of days in a month.
fn days_in(year: i32, month: u8) -> u8 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}
