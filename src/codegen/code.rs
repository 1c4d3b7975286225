//! Code blocks and tables as Typst, sized in Rust.
//!
//! Both are sized from the theme's body size: code is set at 0.8 × body
//! and shrinks to fit, never below 0.7 × (0.6 × with `fit: shrink`); what
//! still does not fit is reported with how many lines and columns do. A
//! table is sized the same way, and a table taller than a slide continues
//! on the next, its header repeated. Code is monospace, so its size is
//! exact arithmetic: every column is 0.602 em of DejaVu Sans Mono, and a
//! wide (CJK) character is counted as two columns (its natural width in
//! the CJK face is about 1.7, so a line that fits by this count fits).

use std::fmt::Write as _;

use super::escape::{content, markup, string};
use super::{CHART_HEIGHT, Context};
use crate::charts::text::{is_wide, width, wrap};
use crate::diagnostics::Diagnostic;
use crate::outline::inline::{self, Inline};
use crate::outline::{Align, Code, Fit, Table, Text};
use crate::theme::Palette;

/// The size code and tables are set at when they fit, × body.
const SIZE: f64 = 0.8;
/// The least size without `fit: shrink`, × body.
const MIN: f64 = 0.7;
/// The least size with `fit: shrink`, × body.
const SHRINK_MIN: f64 = 0.6;
/// The advance of one column of DejaVu Sans Mono, in em.
const COLUMN: f64 = 0.602;
/// The distance between two lines of code, in em (a little over Typst's,
/// so the estimate errs on the side of fitting less).
const CODE_LINE: f64 = 1.25;
/// The code block's inset on each side, in points.
const INSET: f64 = 10.0;
/// Tab stops, in columns.
const TAB: usize = 4;
/// A table cell's first line, in em: Typst sets a line from its cap height
/// to its baseline (about 0.7 em in both faces), a little over.
const ROW_FIRST: f64 = 0.72;
/// Each further line of a cell, in em: the leading (0.65 em) and a line.
const ROW_LINE: f64 = 1.37;
/// A table cell's inset: across and down, in em.
const CELL_INSET: (f64, f64) = (0.5, 0.32);
/// Room a caption or source line takes under a block, in points per body
/// point (one line at 0.7 × body, with its gap).
const NOTE_LINE: f64 = 1.25;

/// The smallest size a block may take: 0.6 × body with `fit: shrink`.
fn floor(fit: Option<Fit>) -> f64 {
    if fit == Some(Fit::Shrink) {
        SHRINK_MIN
    } else {
        MIN
    }
}

/// The columns a line of code takes: tabs to the next stop, wide
/// characters two.
pub fn columns(line: &str) -> usize {
    line.chars().fold(0, |col, c| match c {
        '\t' => (col / TAB + 1) * TAB,
        c if is_wide(c) => col + 2,
        _ => col + 1,
    })
}

/// A code block laid out: its size (× body, emitted in points so no
/// surrounding rule scales it again) and, when even the smallest
/// size does not fit, the warning that says what does.
pub struct CodeSize {
    /// The size, × body.
    pub size: f64,
    /// The overflow warning, if any.
    pub warning: Option<Diagnostic>,
}

/// How far code alone on its slide grows into free room, × its base size.
const GROW: f64 = 1.3;

/// Sizes a code block for an area `width` points wide: from its base size
/// (up to 1.3 × it when `alone` on its slide, into the free room) down to
/// the floor.
pub fn code_size(code: &Code, width: f64, fit: Option<Fit>, body: f64, alone: bool) -> CodeSize {
    let src = trimmed(&code.src.value);
    let lines = src.lines().count().max(1);
    let gutter = if code.numbers {
        (code.first_line() + lines - 1).to_string().len() + 2
    } else {
        0
    };
    let cols = src.lines().map(columns).max().unwrap_or(0).max(1) + gutter;
    let caption = if code.caption.is_some() {
        NOTE_LINE * body
    } else {
        0.0
    };
    let fits_width = (width - 2.0 * INSET) / (cols as f64 * COLUMN * body);
    let fits_height = (CHART_HEIGHT - 2.0 * INSET - caption) / (lines as f64 * CODE_LINE * body);
    let ceiling = if alone { SIZE * GROW } else { SIZE };
    let best = ceiling.min(fits_width).min(fits_height);
    let least = floor(fit);
    if best >= least {
        return CodeSize {
            size: (best * 100.0).floor() / 100.0,
            warning: None,
        };
    }
    let fit_lines = ((CHART_HEIGHT - 2.0 * INSET - caption) / (CODE_LINE * least * body)) as usize;
    let fit_cols = ((width - 2.0 * INSET) / (COLUMN * least * body)) as usize;
    let mut over = Vec::new();
    if lines > fit_lines {
        over.push(format!("{lines} lines (it holds {fit_lines})"));
    }
    if cols > fit_cols {
        over.push(format!("{cols} columns (it holds {fit_cols})"));
    }
    let hint = if fit == Some(Fit::Shrink) {
        "show fewer lines (`lines:` of a file), split the code over two slides, or shorten long lines"
    } else {
        "show fewer lines, split the code over two slides, or add `fit: shrink` (down to 0.6 × the body size)"
    };
    CodeSize {
        size: least,
        warning: Some(
            Diagnostic::warning(format!(
                "this code does not fit its slide at {least} × the body size: {}",
                over.join(" and ")
            ))
            .at(code.src.span.clone())
            .hint(hint),
        ),
    }
}

/// The code as shown: without the trailing line break a YAML block adds.
fn trimmed(src: &str) -> &str {
    src.trim_end_matches(['\n', '\r'])
}

/// A code block as a `lectern-code` call, at reveal step `step` (`None`:
/// every line lit); `alone` on its slide, it may grow into the free room.
pub fn code_block(
    code: &Code,
    step: Option<usize>,
    (width, alone): (f64, bool),
    ctx: Context<'_>,
    fit: Option<Fit>,
) -> String {
    let sized = code_size(code, width, fit, f64::from(ctx.body), alone);
    let lit = step
        .and_then(|s| code.highlight.get(s))
        .and_then(|h| h.value.as_ref())
        .map_or_else(
            || "none".to_string(),
            |lines| {
                let list: Vec<String> = lines.iter().map(usize::to_string).collect();
                format!("({},)", list.join(", "))
            },
        );
    let lang = code
        .lang
        .as_ref()
        .map_or_else(|| "none".into(), |l| string(&l.value.to_ascii_lowercase()));
    let caption = code
        .caption
        .as_ref()
        .map_or_else(|| "none".into(), |c| content(&c.value));
    let alt = match &code.caption {
        Some(c) => plain(&c.value),
        None => format!(
            "{} ({} lines)",
            code.lang.as_ref().map_or("Code", |l| l.value.as_str()),
            trimmed(&code.src.value).lines().count()
        ),
    };
    format!(
        "#lectern-code(deck, {}, lang: {lang}, size: {:.1}pt, numbers: {}, first: {}, lit: {lit}, caption: {caption}, alt: {})",
        string(trimmed(&code.src.value)),
        sized.size * f64::from(ctx.body),
        code.numbers,
        code.first_line(),
        string(&alt),
    )
}

/// Text without its inline markup, for alt texts and measuring.
pub fn plain(text: &str) -> String {
    let mut out = String::new();
    flatten(&inline::parse(text), &mut out);
    out
}

/// Appends the text of inline pieces.
fn flatten(pieces: &[Inline], out: &mut String) {
    for piece in pieces {
        match piece {
            Inline::Text(t) | Inline::Code(t) | Inline::Math { latex: t, .. } => out.push_str(t),
            Inline::Strong(b)
            | Inline::Emph(b)
            | Inline::Link { body: b, .. }
            | Inline::Span { body: b, .. } => flatten(b, out),
            Inline::Gap { body, .. } => flatten(body, out),
        }
    }
}

/// The Typst syntax theme (a tmTheme) for a palette's code colours.
pub fn syntax_theme(palette: &Palette) -> String {
    let colours: std::collections::HashMap<&str, String> = palette
        .code()
        .into_iter()
        .map(|(role, c)| (role, c.hex()))
        .collect();
    let colour = |role: &str| colours.get(role).cloned().unwrap_or_default();
    let scopes: [(&str, &str, &str); 6] = [
        (
            "comment",
            "comment, punctuation.definition.comment",
            "italic",
        ),
        ("string", "string, constant.character", ""),
        ("keyword", "keyword, storage, keyword.operator.word", ""),
        ("number", "constant.numeric, constant.language", ""),
        (
            "function",
            "entity.name.function, support.function, meta.function-call",
            "",
        ),
        (
            "type",
            "entity.name.type, entity.name.class, support.type, entity.name.tag, support.class",
            "",
        ),
    ];
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><plist version=\"1.0\"><dict><key>name</key><string>lectern</string><key>settings</key><array><dict><key>settings</key><dict><key>foreground</key><string>{}</string><key>background</key><string>{}</string></dict></dict>",
        colour("text"),
        colour("bg")
    );
    for (role, scope, style) in scopes {
        let _ = write!(
            out,
            "<dict><key>scope</key><string>{scope}</string><key>settings</key><dict><key>foreground</key><string>{}</string><key>fontStyle</key><string>{style}</string></dict></dict>",
            colour(role)
        );
    }
    out.push_str("</array></dict></plist>");
    out
}

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
pub fn table_layout(table: &Table, width: f64, fit: Option<Fit>, body: f64) -> TableLayout {
    let least = floor(fit);
    let sizes: Vec<f64> = [SIZE, 0.75, MIN, 0.65, SHRINK_MIN]
        .into_iter()
        .filter(|s| *s >= least)
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
fn cell_markup(text: &str, lang: &str) -> String {
    let approx = text
        .trim_start()
        .strip_prefix('~')
        .filter(|rest| rest.starts_with(|c: char| c.is_ascii_digit()));
    match approx {
        Some(rest) if matches!(lang, "zh" | "ja" | "ko") => markup(&format!("≈{rest}")),
        _ => markup(text),
    }
}

/// The table's pages: one per slide it continues over and, with
/// `reveal: rows` (and `reveal` set), one per row within each.
pub fn table_pages(
    table: &Table,
    width: f64,
    ctx: Context<'_>,
    fit: Option<Fit>,
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
        .map(|h| format!("[{}]", cell_markup(&h.value, ctx.lang)))
        .collect();
    let caption = table
        .caption
        .as_ref()
        .map_or_else(|| "none".into(), |c| content(&c.value));
    let source = table
        .source
        .as_ref()
        .map_or_else(|| "none".into(), |c| content(&c.value));
    let alt = table.caption.as_ref().map_or_else(
        || header.len().to_string() + " columns",
        |c| plain(&c.value),
    );
    let last = layout.parts.len() - 1;
    layout
        .parts
        .iter()
        .enumerate()
        .map(|(p, range)| {
            let rows: Vec<String> = table.rows[range.clone()]
                .iter()
                .map(|r| {
                    let cells: Vec<String> = r.value.iter().map(|c| format!("[{}]", cell_markup(&c.value, ctx.lang))).collect();
                    format!("({},)", cells.join(", "))
                })
                .collect();
            let call = |shown: Option<usize>| {
                format!(
                    "#lectern-table(deck, size: {:.1}pt, columns: ({columns},), aligns: ({},), header: ({},), rows: ({},), shown: {}, caption: {}, source: {}, alt: {})",
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

    fn code(src: &str) -> Code {
        Code {
            src: sp(src.to_string()),
            lang: None,
            file: None,
            lines: None,
            highlight: Vec::new(),
            numbers: false,
            caption: None,
        }
    }

    #[test]
    fn tabs_and_wide_characters_take_their_columns() {
        assert_eq!(columns("ab"), 2);
        assert_eq!(columns("\tx"), 5);
        assert_eq!(columns("ab\tx"), 5);
        assert_eq!(columns("// 容器"), 7);
    }

    #[test]
    fn code_shrinks_to_fit_but_never_below_the_floor() {
        let short = code_size(&code("fn main() {}\n"), 745.0, None, 20.0, false);
        let grown = code_size(&code("fn main() {}\n"), 745.0, None, 20.0, true);
        assert!((grown.size - SIZE * GROW).abs() < 0.01, "{}", grown.size);
        assert_eq!(short.size, SIZE);
        assert!(short.warning.is_none());
        let long = "x\n".repeat(60);
        let sized = code_size(&code(&long), 745.0, None, 20.0, false);
        assert_eq!(sized.size, MIN);
        let w = sized.warning.expect("a warning");
        assert!(w.message.contains("60 lines"), "{}", w.message);
        let shrunk = code_size(
            &code(&"x\n".repeat(20)),
            745.0,
            Some(Fit::Shrink),
            20.0,
            false,
        );
        assert!(
            shrunk.size < MIN && shrunk.size >= SHRINK_MIN,
            "{}",
            shrunk.size
        );
        let wide = code_size(&code(&"y".repeat(120)), 745.0, None, 20.0, false);
        assert!(wide.warning.unwrap().message.contains("120 columns"));
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
        let layout = table_layout(&t, 745.0, None, 20.0);
        assert!(layout.parts.len() > 1);
        let placed: Vec<usize> = layout.parts.iter().flat_map(|r| r.clone()).collect();
        assert_eq!(placed, (0..30).collect::<Vec<_>>());
        let short = table_layout(&table(4, "x"), 745.0, None, 20.0);
        assert_eq!(short.parts.len(), 1);
        assert_eq!(short.size, SIZE);
    }

    #[test]
    fn numbers_align_right_and_approximations_read_in_the_deck_language() {
        assert!(numeric("1,234") && numeric("~25") && numeric("58%") && numeric("¥ 3.5"));
        assert!(!numeric("Pod") && !numeric("") && !numeric("1.5 亿 美元"));
        assert_eq!(cell_markup("~25", "zh"), markup("≈25"));
        assert_eq!(cell_markup("~25", "en"), markup("~25"));
    }

    #[test]
    fn the_syntax_theme_names_the_palette_colours() {
        let (theme, _) = crate::theme::load(
            "midnight",
            std::path::Path::new("."),
            &mut Default::default(),
        )
        .unwrap();
        let xml = syntax_theme(&theme.palette);
        assert!(xml.contains("#8fe3b0") && xml.contains("<key>scope</key><string>comment"));
    }
}
