//! Tables as Typst, sized in Rust: the largest size from 0.8 × body down
//! to the fit floor at which a table fits one slide, else continued over
//! several, its header repeated, the rows per slide from their estimated
//! heights.

use super::code::{NOTE_LINE, SIZE, floor, plain};
use super::escape::{Macros, content, markup, string};
use super::{CHART_HEIGHT, Context};
use crate::charts::text::{width, wrap};
use crate::diagnostics::Diagnostic;
use crate::outline::{Align, Fitting, Table, Text};

/// A table cell's first line, in em: Typst sets a line from its cap height
/// to its baseline (about 0.7 em in both faces), a little over.
const ROW_FIRST: f64 = 0.72;
/// Each further line of a cell, in em: the leading (0.65 em) and a line.
const ROW_LINE: f64 = 1.37;
/// A table cell's inset: across and down, in em.
const CELL_INSET: (f64, f64) = (0.5, 0.32);

/// A table laid out: its size (× body), its column widths (`None`: each
/// as wide as its content), and its rows split into slides.
pub struct TableLayout {
    /// The size, × body.
    pub size: f64,
    /// Column widths in points, when the table had to be narrowed.
    pub widths: Option<Vec<f64>>,
    /// The body rows of each slide, as index ranges.
    pub parts: Vec<std::ops::Range<usize>>,
    /// The warning when even the smallest size is too wide.
    pub warning: Option<Diagnostic>,
}

/// Lays out a table for an area `width` points wide: the largest size
/// (from 0.8 × body down to the floor) at which it fits one slide, else
/// the largest at which its columns fit, continued over several slides.
pub fn table_layout(table: &Table, width: f64, fit: Fitting, body: f64) -> TableLayout {
    let least = floor(fit);
    // From the base size down to the floor, a twentieth of body apart.
    let sizes: Vec<f64> = (0..)
        .map(|i| SIZE - f64::from(i) * 0.05)
        .take_while(|s| *s >= least - 1e-9)
        .collect();
    let mut widest_fit = None;
    for &size in &sizes {
        let Some(widths) = column_widths(table, width, size * body) else {
            continue;
        };
        let parts = split_rows(table, &widths, size * body, body);
        if parts.len() == 1 {
            return TableLayout {
                size,
                widths: narrowed(table, widths, size * body),
                parts,
                warning: None,
            };
        }
        widest_fit.get_or_insert((size, widths, parts));
    }
    if let Some((size, widths, parts)) = widest_fit {
        return TableLayout {
            size,
            widths: narrowed(table, widths, size * body),
            parts,
            warning: None,
        };
    }
    // Too wide even at the floor: say how many columns fit.
    let size = least * body;
    let needs: Vec<f64> = (0..table.header.len())
        .map(|c| min_width(table, c, size))
        .collect();
    let mut used = 0.0;
    let fitting = needs
        .iter()
        .take_while(|w| {
            used += **w;
            used <= width
        })
        .count();
    let widths = needs
        .iter()
        .map(|w| w.max(width / needs.len() as f64))
        .collect::<Vec<_>>();
    let parts = split_rows(table, &widths, size, body);
    TableLayout {
        size: least,
        widths: Some(widths),
        parts,
        warning: Some(
            Diagnostic::warning(format!(
                "this table is too wide for its slide: at {least} × the body size {fitting} of its {} columns fit",
                needs.len()
            ))
            .at(table.span.clone())
            .hint("split the table, turn it around (columns as rows), or shorten the longest words"),
        ),
    }
}

/// `None` when every column may be as wide as its content.
fn narrowed(table: &Table, widths: Vec<f64>, size: f64) -> Option<Vec<f64>> {
    let natural: Vec<f64> = (0..table.header.len())
        .map(|c| natural_width(table, c, size))
        .collect();
    (natural != widths).then_some(widths)
}

/// The cells of column `c`, the header first.
fn column(table: &Table, c: usize) -> impl Iterator<Item = (&Text, bool)> {
    table.header.get(c).map(|h| (h, true)).into_iter().chain(
        table
            .rows
            .iter()
            .filter_map(move |r| r.value.get(c).map(|t| (t, false))),
    )
}

/// A column's width with every cell on one line.
fn natural_width(table: &Table, c: usize, size: f64) -> f64 {
    column(table, c)
        .map(|(t, bold)| width(&plain(&t.value), size, bold))
        .fold(0.0, f64::max)
        + 2.0 * CELL_INSET.0 * size
}

/// A column's least width: its longest unbreakable piece.
fn min_width(table: &Table, c: usize, size: f64) -> f64 {
    column(table, c)
        .flat_map(|(t, bold)| {
            plain(&t.value)
                .split_whitespace()
                .map(|w| width(w, size, bold).min(6.0 * size))
                .collect::<Vec<_>>()
        })
        .fold(size, f64::max)
        + 2.0 * CELL_INSET.0 * size
}

/// Column widths that fit `width`: natural where they all fit, else the
/// narrow columns keep theirs and the wide ones share the rest. `None` if
/// some column cannot get its least width.
fn column_widths(table: &Table, width: f64, size: f64) -> Option<Vec<f64>> {
    let n = table.header.len();
    let natural: Vec<f64> = (0..n).map(|c| natural_width(table, c, size)).collect();
    if natural.iter().sum::<f64>() <= width {
        return Some(natural);
    }
    let mut widths = vec![0.0; n];
    let mut open: Vec<usize> = (0..n).collect();
    let mut left = width;
    loop {
        let share = left / open.len().max(1) as f64;
        let (small, wide): (Vec<usize>, Vec<usize>) =
            open.iter().partition(|&&c| natural[c] <= share);
        if small.is_empty() {
            for &c in &wide {
                widths[c] = share;
            }
            break;
        }
        for &c in &small {
            widths[c] = natural[c];
            left -= natural[c];
        }
        open = wide;
        if open.is_empty() {
            break;
        }
    }
    (0..n)
        .all(|c| widths[c] + 0.01 >= min_width(table, c, size))
        .then_some(widths)
}

/// A row's height: its tallest cell, wrapped to the column widths.
fn row_height(cells: &[Text], widths: &[f64], size: f64, bold: bool) -> f64 {
    let lines = cells
        .iter()
        .zip(widths)
        .map(|(t, w)| wrap(&plain(&t.value), size, bold, w - 2.0 * CELL_INSET.0 * size).len())
        .max()
        .unwrap_or(1)
        .max(1);
    (ROW_FIRST + (lines - 1) as f64 * ROW_LINE) * size + 2.0 * CELL_INSET.1 * size
}

/// Splits the body rows into slides: as many as fit under the header.
fn split_rows(table: &Table, widths: &[f64], size: f64, body: f64) -> Vec<std::ops::Range<usize>> {
    let notes = [table.caption.is_some(), table.source.is_some()]
        .iter()
        .filter(|b| **b)
        .count() as f64;
    let room =
        CHART_HEIGHT - notes * NOTE_LINE * body - row_height(&table.header, widths, size, true);
    let mut parts = Vec::new();
    let mut start = 0;
    let mut used = 0.0;
    for (i, row) in table.rows.iter().enumerate() {
        let h = row_height(&row.value, widths, size, false);
        if i > start && used + h > room {
            parts.push(start..i);
            start = i;
            used = 0.0;
        }
        used += h;
    }
    parts.push(start..table.rows.len());
    parts
}

/// Whether a cell reads as a number (right-aligned by default).
fn numeric(text: &str) -> bool {
    let t = text.trim().trim_start_matches(['~', '≈', '约']);
    let t = t.trim_end_matches(['%', '万', '亿', '倍']);
    !t.is_empty()
        && t.chars().any(|c| c.is_ascii_digit())
        && t.chars()
            .all(|c| c.is_ascii_digit() || ".,+-−$¥€ ".contains(c))
}

/// A cell's markup, with `~25` written as `≈25` in a CJK deck.
fn cell_markup(text: &str, lang: &str, macros: &Macros) -> String {
    let approx = text
        .trim_start()
        .strip_prefix('~')
        .filter(|rest| rest.starts_with(|c: char| c.is_ascii_digit()));
    match approx {
        Some(rest) if matches!(lang, "zh" | "ja" | "ko") => markup(&format!("≈{rest}"), macros),
        _ => markup(text, macros),
    }
}

/// The table's pages: one per slide it continues over and, with
/// `reveal: rows` (and `reveal` set), one per row within each.
pub fn table_pages(
    table: &Table,
    width: f64,
    ctx: Context<'_>,
    fit: Fitting,
    reveal: bool,
) -> Vec<Vec<String>> {
    let layout = table_layout(table, width, fit, f64::from(ctx.body));
    let n = table.header.len();
    let align: Vec<&str> = (0..n)
        .map(|c| match table.align.get(c).map(|a| a.value) {
            Some(Align::Left) => "left",
            Some(Align::Center) => "center",
            Some(Align::Right) => "right",
            None => {
                let mut body = table.rows.iter().filter_map(|r| r.value.get(c));
                let any = table
                    .rows
                    .iter()
                    .any(|r| r.value.get(c).is_some_and(|t| !t.value.trim().is_empty()));
                if any && body.all(|t| t.value.trim().is_empty() || numeric(&t.value)) {
                    "right"
                } else {
                    "left"
                }
            }
        })
        .collect();
    let columns = match &layout.widths {
        Some(w) => w
            .iter()
            .map(|w| format!("{w:.1}pt"))
            .collect::<Vec<_>>()
            .join(", "),
        None => vec!["auto"; n].join(", "),
    };
    let header: Vec<String> = table
        .header
        .iter()
        .map(|h| format!("[{}]", cell_markup(&h.value, ctx.lang, ctx.macros)))
        .collect();
    let caption = table
        .caption
        .as_ref()
        .map_or_else(|| "none".into(), |c| content(&c.value, ctx.macros));
    let source = table
        .source
        .as_ref()
        .map_or_else(|| "none".into(), |c| content(&c.value, ctx.macros));
    let alt = table.caption.as_ref().map_or_else(
        || header.len().to_string() + " columns",
        |c| plain(&c.value),
    );
    // A table with an empty corner is read across as well as down: its
    // first column heads the rows.
    let row_heads = table
        .header
        .first()
        .is_some_and(|h| h.value.trim().is_empty());
    let last = layout.parts.len() - 1;
    layout
        .parts
        .iter()
        .enumerate()
        .map(|(p, range)| {
            let rows: Vec<String> = table.rows[range.clone()]
                .iter()
                .map(|r| {
                    let cells: Vec<String> = r.value.iter().map(|c| format!("[{}]", cell_markup(&c.value, ctx.lang, ctx.macros))).collect();
                    format!("({},)", cells.join(", "))
                })
                .collect();
            let call = |shown: Option<usize>| {
                format!(
                    "#lectern-table(deck, size: {:.1}pt, columns: ({columns},), aligns: ({},), header: ({},), rows: ({},), shown: {}, caption: {}, source: {}, alt: {}, row-heads: {row_heads})",
                    layout.size * f64::from(ctx.body),
                    align.join(", "),
                    header.join(", "),
                    rows.join(", "),
                    shown.map_or_else(|| "none".to_string(), |s| s.to_string()),
                    if p == last { caption.as_str() } else { "none" },
                    if p == last { source.as_str() } else { "none" },
                    string(&alt),
                )
            };
            if reveal && table.reveal_rows && rows.len() > 1 {
                (1..=rows.len()).map(|s| call(Some(s))).collect()
            } else {
                vec![call(None)]
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::{FileRef, Span};
    use crate::outline::Spanned;

    fn sp<T>(v: T) -> Spanned<T> {
        Spanned::new(v, Span::new(FileRef(0), 0..0))
    }

    fn table(rows: usize, cell: &str) -> Table {
        Table {
            header: vec![sp("名称".into()), sp("数量".into())],
            rows: (0..rows)
                .map(|i| sp(vec![sp(format!("{cell} {i}")), sp(i.to_string())]))
                .collect(),
            align: Vec::new(),
            csv: None,
            reveal_rows: false,
            caption: None,
            source: None,
            span: Span::new(FileRef(0), 0..0),
        }
    }

    #[test]
    fn a_long_table_continues_and_every_row_is_placed_once() {
        let t = table(30, "Kubernetes");
        let layout = table_layout(&t, 745.0, Fitting::deck(Default::default()), 20.0);
        assert!(layout.parts.len() > 1);
        let placed: Vec<usize> = layout.parts.iter().flat_map(|r| r.clone()).collect();
        assert_eq!(placed, (0..30).collect::<Vec<_>>());
        let short = table_layout(
            &table(4, "x"),
            745.0,
            Fitting::deck(Default::default()),
            20.0,
        );
        assert_eq!(short.parts.len(), 1);
        assert_eq!(short.size, SIZE);
    }

    #[test]
    fn numbers_align_right_and_approximations_read_in_the_deck_language() {
        assert!(numeric("1,234") && numeric("~25") && numeric("58%") && numeric("¥ 3.5"));
        assert!(!numeric("Pod") && !numeric("") && !numeric("1.5 亿 美元"));
        assert_eq!(cell_markup("~25", "zh", &[]), markup("≈25", &[]));
        assert_eq!(cell_markup("~25", "en", &[]), markup("~25", &[]));
    }
}
