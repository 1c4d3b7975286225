//! Data files beside the outline: CSV for charts and tables, with a span
//! for every cell so that a bad value is reported at its row and column,
//! and code files (`code.rs`).

use std::path::Path;

use super::chart::{Chart, Data, Series};
use super::parse::Parser;
use super::parse::chart::{event, parse_value, validate};
use super::parse::code::validate_table;
use super::{Block, Outline, Spanned, Table, Text, file_error};
use crate::diagnostics::{Diagnostic, FileRef, Sources, Span};
use crate::world::sandbox::Sandbox;

/// Loads the data files the outline names and checks what they hold: the
/// CSV files of charts and tables, and code files. Files are read through
/// the outline folder's sandbox; each joins the diagnostic sources, so a
/// bad cell is reported at its row and column.
pub fn load_data(
    outline: &mut Outline,
    sandbox: &Sandbox,
    sources: &mut Sources,
) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    // GBK is guessed only in a Simplified Chinese deck.
    let gbk = outline.meta.lang.value == "zh" && !outline.meta.traditional;
    let read_rows = |path: &Text, sources: &mut Sources, diags: &mut Vec<Diagnostic>| {
        read_rows(path, (sandbox, gbk), sources, diags)
    };
    for slide in outline.slides_mut() {
        super::blocks::walk_mut(&mut slide.body, &mut |block| match block {
            Block::Chart(chart) => {
                let Some(path) = chart.csv.clone() else {
                    return;
                };
                let Some(rows) = read_rows(&path, sources, &mut diags) else {
                    return;
                };
                let found = fill_from_csv(chart, &path, rows);
                let failed = !found.is_empty();
                diags.extend(found);
                if !failed {
                    diags.extend(validate(chart));
                }
            }
            Block::Table(table) => {
                if let Some(path) = table.csv.clone()
                    && let Some(rows) = read_rows(&path, sources, &mut diags)
                {
                    diags.extend(fill_table(table, &path, rows));
                    diags.extend(check_cells(table, sources));
                }
            }
            Block::Code(code) => diags.extend(super::code::load(code, sandbox)),
            _ => {}
        });
    }
    diags
}

/// Reads a CSV file into rows of located cells (GB18030/GBK guessed when
/// `gbk`); problems go to `diags`.
fn read_rows(
    path: &Text,
    (sandbox, gbk): (&Sandbox, bool),
    sources: &mut Sources,
    diags: &mut Vec<Diagnostic>,
) -> Option<Vec<Vec<Text>>> {
    let text = match sandbox.read(Path::new(&path.value)) {
        Ok((_, bytes)) => match decode(&bytes, gbk) {
            Ok((text, legacy)) => {
                if legacy {
                    diags.push(legacy_warning(path));
                }
                text
            }
            Err(offset) => {
                diags.push(not_utf8(path, offset));
                return None;
            }
        },
        Err(e) => {
            diags.push(file_error(path, &e, sandbox.shown()));
            return None;
        }
    };
    let shown = sandbox.shown().join(&path.value);
    let file = sources.add(shown.display().to_string(), Some(shown), text);
    parse_csv(file, &sources.get(file).text)
        .map_err(|d| diags.push(d))
        .ok()
}

/// Splits CSV rows into the header and the rest, blank lines left out; a
/// file with no row is an error at its `data:` value.
fn header_and_rows(
    path: &Text,
    rows: Vec<Vec<Text>>,
) -> Result<(Vec<Text>, impl Iterator<Item = Vec<Text>>), Diagnostic> {
    let mut rows = rows
        .into_iter()
        .filter(|r| !(r.len() == 1 && r[0].value.trim().is_empty()));
    match rows.next() {
        Some(header) => Ok((header, rows)),
        None => Err(Diagnostic::error(format!("`{}` is empty", path.value))
            .at(path.span.clone())
            .hint("the first row names the columns")),
    }
}

/// Fills a table from CSV rows (the first is the header) and checks it.
fn fill_table(table: &mut Table, path: &Text, rows: Vec<Vec<Text>>) -> Vec<Diagnostic> {
    let (header, rows) = match header_and_rows(path, rows) {
        Ok(split) => split,
        Err(empty) => return vec![empty],
    };
    table.header = header;
    table.rows = rows
        .map(|row| {
            let span = row.first().map_or(path.span.clone(), |c| c.span.clone());
            Spanned::new(row, span)
        })
        .collect();
    validate_table(table)
}

/// Every cell of a table read from CSV through the checks a cell written in
/// the outline gets (inline math, span classes, gaps, the text cap), each
/// at its place in the CSV file.
fn check_cells(table: &Table, sources: &Sources) -> Vec<Diagnostic> {
    let Some(file) = table.header.first().map(|c| c.span.file) else {
        return Vec::new();
    };
    let mut p = Parser::new(file, &sources.get(file).text);
    p.quoting = super::parse::spans::Quoting::Csv;
    for cell in table
        .header
        .iter()
        .chain(table.rows.iter().flat_map(|r| &r.value))
    {
        p.check_markup(cell);
    }
    p.take_diagnostics()
}

/// Fills a chart's data from CSV rows; returns problems found.
fn fill_from_csv(chart: &mut Chart, path: &Text, rows: Vec<Vec<Text>>) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    let (header, rows) = match header_and_rows(path, rows) {
        Ok(split) => split,
        Err(empty) => return vec![empty],
    };
    match &mut chart.data {
        Data::Timeline(t) => {
            let col = |name: &str| {
                header
                    .iter()
                    .position(|h| h.value.trim().eq_ignore_ascii_case(name))
            };
            let (Some(dc), Some(lc), Some(cc)) = (col("date"), col("label"), col("category"))
            else {
                return vec![
                    Diagnostic::error(
                        "a timeline CSV needs the columns `date`, `label` and `category`",
                    )
                    .at(header.first().map_or(path.span.clone(), |h| h.span.clone()))
                    .hint("make the first row `date,label,category`"),
                ];
            };
            for row in rows {
                let cell = |i: usize| row.get(i).cloned();
                let (Some(date), Some(label), Some(category)) = (cell(dc), cell(lc), cell(cc))
                else {
                    let span = row.first().map_or(path.span.clone(), |c| c.span.clone());
                    diags.push(
                        Diagnostic::error(format!(
                            "this row has {} cells, the header {}",
                            row.len(),
                            header.len()
                        ))
                        .at(span),
                    );
                    continue;
                };
                match event(&t.categories, date, label, category) {
                    Ok(e) => t.events.push(e),
                    Err(d) => diags.push(d),
                }
            }
        }
        Data::Values(v) => {
            v.series = header
                .iter()
                .skip(1)
                .map(|h| Series {
                    name: h.clone(),
                    values: Vec::new(),
                })
                .collect();
            for row in rows {
                let Some(cat) = row.first() else { continue };
                if row.len() != header.len() {
                    diags.push(
                        Diagnostic::error(format!(
                            "this row has {} cells, the header {}",
                            row.len(),
                            header.len()
                        ))
                        .at(cat.span.clone())
                        .hint("give every row a category and one value per series"),
                    );
                    continue;
                }
                v.categories.push(cat.clone());
                for (s, cell) in row.iter().skip(1).enumerate() {
                    match parse_value(cell) {
                        Ok(x) => v.series[s].values.push(x),
                        Err(d) => diags.push(d),
                    }
                }
            }
        }
    }
    diags
}

/// Decodes a data file: UTF-8 (a byte-order mark is dropped), or else, with
/// `gbk` (a deck in Simplified Chinese), GB18030/GBK, what Excel saves on a
/// Chinese system (`true` then). A file
/// that is neither gives the byte offset where UTF-8 decoding failed.
pub fn decode(bytes: &[u8], gbk: bool) -> Result<(String, bool), usize> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let err = match std::str::from_utf8(bytes) {
        Ok(text) => return Ok((text.to_string(), false)),
        Err(e) => e,
    };
    if !gbk {
        return Err(err.valid_up_to());
    }
    let legacy = encoding_rs::GB18030.decode_without_bom_handling_and_without_replacement(bytes);
    match legacy {
        // Only text with Chinese in it counts as GBK: other bytes that
        // happen to decode are not taken for it.
        Some(text) if text.chars().any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c)) => {
            Ok((text.into_owned(), true))
        }
        _ => Err(err.valid_up_to()),
    }
}

/// The warning for a data file decoded as GB18030/GBK.
fn legacy_warning(path: &Text) -> Diagnostic {
    Diagnostic::warning(format!(
        "`{}` is not UTF-8; it was read as GB18030/GBK (Chinese Windows)",
        path.value
    ))
    .at(path.span.clone())
    .hint(
        "save it as UTF-8 (in Excel: Save As → \"CSV UTF-8\") so every tool reads it the same way",
    )
}

/// The error for a data file that is not text lectern can read.
pub(super) fn not_utf8(path: &Text, offset: usize) -> Diagnostic {
    Diagnostic::error(format!(
        "`{}` is not UTF-8 text (invalid byte at offset {offset})",
        path.value
    ))
    .at(path.span.clone())
    .hint("save the file as UTF-8 text (CSV UTF-8)")
}

/// Splits CSV text into rows of cells, each with its span, with the csv
/// crate's own reader (csv-core, which `csv` is built on: it reports how much
/// input each cell took, so every cell keeps its place in the file). Quoted
/// cells (with `""` for a quote), both line endings and blank lines are
/// handled there; a quote never closed is an error at the quote.
pub fn parse_csv(file: FileRef, text: &str) -> Result<Vec<Vec<Text>>, Diagnostic> {
    // Building a reader's tables costs more than reading a small file: one
    // reader per thread, reset for each file (csv-core's `Clone` of a
    // reader does not copy all of its tables, so it is not cloned).
    thread_local! {
        static READER: std::cell::RefCell<csv_core::Reader> =
            std::cell::RefCell::new(csv_core::Reader::new());
    }
    READER.with_borrow_mut(|reader| {
        reader.reset();
        read_cells(reader, file, text)
    })
}

/// Reads every cell of `text` with `reader`, fresh or reset.
fn read_cells(
    reader: &mut csv_core::Reader,
    file: FileRef,
    text: &str,
) -> Result<Vec<Vec<Text>>, Diagnostic> {
    use csv_core::ReadFieldResult;
    let bytes = text.as_bytes();
    // A cell never unescapes to more bytes than it takes in the file.
    let mut out = vec![0u8; bytes.len() + 1];
    let (mut rows, mut row) = (Vec::new(), Vec::new());
    let (mut pos, mut start, mut written) = (0, 0, 0);
    loop {
        let (result, nin, nout) = reader.read_field(&bytes[pos..], &mut out[written..]);
        pos += nin;
        written += nout;
        let record_end = match result {
            // All of the input is given at once: the next call, with none
            // left, ends the last cell.
            ReadFieldResult::InputEmpty => continue,
            ReadFieldResult::OutputFull => {
                return Err(Diagnostic::error("this CSV cell could not be read")
                    .at(Span::new(file, start..pos)));
            }
            ReadFieldResult::End => break,
            ReadFieldResult::Field { record_end } => record_end,
        };
        // The cell as written: without its delimiter, line end and spaces.
        let raw = &text[start..pos];
        let body = raw.trim_end_matches([',', '\r', '\n']);
        let lead = body.len() - body.trim_start().len();
        let body = body.trim();
        let at = start + lead;
        if body.starts_with('"') && !(body.len() >= 2 && body.ends_with('"')) {
            return Err(Diagnostic::error("this quote is never closed")
                .at(Span::new(file, at..at + 1))
                .hint("close the quoted cell with `\"`; write a quote inside it as `\"\"`"));
        }
        let value = String::from_utf8_lossy(&out[..written]).trim().to_string();
        row.push(Spanned::new(value, Span::new(file, at..at + body.len())));
        written = 0;
        start = pos;
        if record_end {
            rows.push(std::mem::take(&mut row));
        }
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_read_after_a_broken_one_is_read_from_a_clean_start() {
        let broken = "a,\"never closed\n1,2\n";
        assert!(parse_csv(FileRef(0), broken).is_err());
        let rows = parse_csv(FileRef(0), "x,y\n3,4\n").unwrap();
        let cells: Vec<Vec<&str>> = rows
            .iter()
            .map(|r| r.iter().map(|c| c.value.as_str()).collect())
            .collect();
        assert_eq!(cells, [["x", "y"], ["3", "4"]]);
    }

    #[test]
    fn csv_cells_know_where_they_are() {
        let text = "year,\"a, b\"\r\n2018,58\n2019,x\n";
        let rows = parse_csv(FileRef(0), text).unwrap();
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[0][1].value, "a, b");
        let x = &rows[2][1];
        assert_eq!(&text[x.span.range.clone()], "x");
    }

    #[test]
    fn quotes_blank_lines_and_a_missing_last_newline_read_as_written() {
        let text = "name,note\r\n\r\n\"Smith, J\",\"said \"\"hi\"\"\"\nLee,  plain  ";
        let rows = parse_csv(FileRef(0), text).unwrap();
        let values: Vec<Vec<&str>> = rows
            .iter()
            .map(|r| r.iter().map(|c| c.value.as_str()).collect())
            .collect();
        assert_eq!(
            values,
            [
                vec!["name", "note"],
                vec!["Smith, J", "said \"hi\""],
                vec!["Lee", "plain"]
            ]
        );
        // Spans point at the cell as written, quotes included.
        assert_eq!(&text[rows[1][0].span.range.clone()], "\"Smith, J\"");
        assert_eq!(&text[rows[2][1].span.range.clone()], "plain");
    }

    #[test]
    fn an_unclosed_quote_is_an_error_at_the_quote() {
        let text = "year,value\n2018,\"58\n2019,3\n";
        let err = parse_csv(FileRef(0), text).unwrap_err();
        assert_eq!(err.span.unwrap().range.start, text.find('"').unwrap());
    }

    #[test]
    fn gbk_is_decoded_with_a_note_and_other_bytes_are_refused() {
        let (gbk, _, _) = encoding_rs::GBK.encode("年份,份额\n2018,58\n");
        assert_eq!(
            decode(&gbk, true),
            Ok(("年份,份额\n2018,58\n".to_string(), true))
        );
        // Not in a deck in Simplified Chinese: Windows-1252 "Müller" is no
        // GBK "M黮ler".
        assert_eq!(decode(b"name\nM\xfcller\n", false), Err(6));
        assert_eq!(
            decode("\u{FEFF}a,b".as_bytes(), true),
            Ok(("a,b".to_string(), false))
        );
        assert_eq!(decode(b"ab\xFF\xFE\x00", true), Err(2));
    }
}
