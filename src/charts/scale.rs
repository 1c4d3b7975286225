//! Scales and axis ticks.

use super::Num;

/// A linear map from a data domain to a drawing range.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Linear {
    /// Domain start.
    pub d0: f64,
    /// Domain end.
    pub d1: f64,
    /// Range start (points).
    pub r0: f64,
    /// Range end (points).
    pub r1: f64,
}

impl Linear {
    /// A value axis from zero to the last tick, drawn from `bottom` up to `top`.
    pub fn values(ticks: &[f64], bottom: f64, top: f64) -> Self {
        Self {
            d0: 0.0,
            d1: ticks.last().copied().unwrap_or(1.0),
            r0: bottom,
            r1: top,
        }
    }

    /// Maps a domain value into the range.
    pub fn map(&self, v: f64) -> f64 {
        if self.d1 == self.d0 {
            return (self.r0 + self.r1) / 2.0;
        }
        self.r0 + (v - self.d0) / (self.d1 - self.d0) * (self.r1 - self.r0)
    }
}

/// A "nice" step (1, 2, 2.5 or 5 times a power of ten) giving at most
/// `max_ticks` intervals over `span`.
pub fn nice_step(span: f64, max_ticks: usize) -> f64 {
    if span <= 0.0 || !span.is_finite() {
        return 1.0;
    }
    let raw = span / max_ticks.max(1) as f64;
    let mag = 10f64.powi(raw.log10().floor() as i32);
    [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * mag)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * mag)
}

/// Ticks for a value axis from zero to at least `max`.
pub fn value_ticks(max: f64, max_ticks: usize) -> Vec<f64> {
    let max = if max > 0.0 { max } else { 1.0 };
    let step = nice_step(max, max_ticks);
    let n = (max / step - 1e-9).ceil() as usize;
    (0..=n).map(|i| i as f64 * step).collect()
}

/// Year ticks covering `[from, to]` with at most `max_ticks` labels.
pub fn year_ticks(from: i32, to: i32, max_ticks: usize) -> Vec<i32> {
    let span = f64::from((to - from).max(1));
    let step = [1, 2, 5, 10, 20, 25, 50, 100]
        .into_iter()
        .find(|s| span / f64::from(*s) <= max_ticks as f64)
        .unwrap_or(100);
    let first = from.div_euclid(step) * step + if from.rem_euclid(step) == 0 { 0 } else { step };
    (0..)
        .map(|i| first + i * step)
        .take_while(|y| *y <= to)
        .collect()
}

pub use crate::outline::chart::format_value;

/// How a chart prints its values: the unit named over the axis, and the
/// mark of an approximate value in the deck's language.
#[derive(Debug, Clone, Copy)]
pub struct Values<'a> {
    /// The unit, if the chart names one.
    pub unit: Option<&'a str>,
    /// `≈` in Chinese, Japanese and Korean decks, `~` otherwise.
    pub approx: &'static str,
}

impl<'a> Values<'a> {
    /// How a deck in `lang` prints values in `unit`.
    pub fn new(unit: Option<&'a str>, lang: &str) -> Self {
        let cjk = ["zh", "ja", "ko"].iter().any(|l| lang.starts_with(l));
        Values {
            unit,
            approx: if cjk { "≈" } else { "~" },
        }
    }

    /// A value from the outline as a label: `58`, `82.9`, or `≈25` when
    /// approximate.
    pub fn label(&self, n: Num) -> String {
        let v = format_value(n.0);
        if n.1 {
            format!("{}{v}", self.approx)
        } else {
            v
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn approximate_values_print_with_a_tilde_sign() {
        let zh = Values::new(None, "zh");
        assert_eq!(zh.label(Num(25.0, true)), "≈25");
        assert_eq!(zh.label(Num(82.94, false)), "82.9");
        assert_eq!(Values::new(None, "en").label(Num(25.0, true)), "~25");
    }

    #[test]
    fn value_ticks_are_nice_and_cover_the_max() {
        assert_eq!(
            value_ticks(82.9, 5),
            vec![0.0, 20.0, 40.0, 60.0, 80.0, 100.0]
        );
        assert_eq!(
            value_ticks(125.0, 6),
            vec![0.0, 25.0, 50.0, 75.0, 100.0, 125.0]
        );
        assert!(value_ticks(0.0, 5).last().is_some_and(|t| *t >= 1.0));
    }

    #[test]
    fn year_ticks_pick_a_readable_step() {
        assert_eq!(
            year_ticks(2006, 2019, 14),
            (2006..=2019).collect::<Vec<_>>()
        );
        assert_eq!(
            year_ticks(2006, 2019, 7),
            vec![2006, 2008, 2010, 2012, 2014, 2016, 2018]
        );
        assert_eq!(year_ticks(1901, 1999, 5), vec![1920, 1940, 1960, 1980]);
    }

    #[test]
    fn linear_maps_endpoints() {
        let s = Linear {
            d0: 0.0,
            d1: 100.0,
            r0: 200.0,
            r1: 0.0,
        };
        assert_eq!(s.map(0.0), 200.0);
        assert_eq!(s.map(50.0), 100.0);
    }

    #[test]
    fn values_format_compactly() {
        assert_eq!(format_value(82.9), "82.9");
        assert_eq!(format_value(58.0), "58");
        assert_eq!(format_value(10.5), "10.5");
    }
}
