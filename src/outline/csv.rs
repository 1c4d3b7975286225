//! Chart data from CSV files beside the outline, with a span for every cell
//! so that a bad value is reported at its row and column.

use std::ops::Range;
use std::path::Path;

use super::chart::{Chart, Data, Series};
use super::parse::chart::{event, parse_value, validate};
use super::{Block, Outline, Spanned, Text, file_error};
use crate::diagnostics::{Diagnostic, FileRef, Sources, Span};
use crate::world::sandbox::Sandbox;

/// Loads the CSV data of every chart that names a `data:` file, and checks it.
/// Files are read through the outline folder's sandbox.
pub fn load_csv(
    outline: &mut Outline,
    sandbox: &Sandbox,
    sources: &mut Sources,
) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    let slides = outline
        .sections
        .iter_mut()
        .flat_map(|s| s.slides.iter_mut())
        .chain(outline.closing.iter_mut());
    for slide in slides {
        let blocks: Vec<&mut Block> = match &mut slide.body {
            Block::Columns(cols) => cols.iter_mut().collect(),
            other => vec![other],
        };
        for block in blocks {
            let Block::Chart(chart) = block else { continue };
            let Some(path) = chart.csv.clone() else {
                continue;
            };
            let text = match sandbox.read(Path::new(&path.value)) {
                Ok((_, bytes)) => String::from_utf8_lossy(&bytes).into_owned(),
                Err(e) => {
                    diags.push(file_error(&path, &e, sandbox.shown()));
                    continue;
                }
            };
            let shown = sandbox.shown().join(&path.value);
            let file = sources.add(shown.display().to_string(), Some(shown), text);
            let rows = parse_csv(file, &sources.get(file).text);
            let found = fill_from_csv(chart, &path, rows);
            let failed = !found.is_empty();
            diags.extend(found);
            if !failed {
                diags.extend(validate(chart));
            }
        }
    }
    diags
}

/// Fills a chart's data from CSV rows; returns problems found.
fn fill_from_csv(chart: &mut Chart, path: &Text, rows: Vec<Vec<Text>>) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    let mut rows = rows
        .into_iter()
        .filter(|r| !(r.len() == 1 && r[0].value.trim().is_empty()));
    let Some(header) = rows.next() else {
        return vec![
            Diagnostic::error(format!("`{}` is empty", path.value))
                .at(path.span.clone())
                .hint("the first row names the columns"),
        ];
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

/// Splits CSV text into rows of cells, each with its span. Handles quoted
/// cells (with `""` for a quote) and both line endings.
pub fn parse_csv(file: FileRef, text: &str) -> Vec<Vec<Text>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut cell = String::new();
    let mut start = 0;
    let mut quoted = false;
    let mut chars = text.char_indices().peekable();
    let push = |cell: &mut String, row: &mut Vec<Text>, range: Range<usize>| {
        row.push(Spanned::new(
            std::mem::take(cell).trim().to_string(),
            Span::new(file, range),
        ));
    };
    while let Some((i, c)) = chars.next() {
        match c {
            '"' if quoted && chars.peek().map(|(_, c)| *c) == Some('"') => {
                cell.push('"');
                chars.next();
            }
            '"' => quoted = !quoted,
            ',' if !quoted => {
                push(&mut cell, &mut row, start..i);
                start = i + 1;
            }
            '\n' if !quoted => {
                let end = if text[..i].ends_with('\r') { i - 1 } else { i };
                push(&mut cell, &mut row, start..end);
                rows.push(std::mem::take(&mut row));
                start = i + 1;
            }
            '\r' if !quoted => {}
            c => cell.push(c),
        }
    }
    if !cell.is_empty() || !row.is_empty() {
        push(&mut cell, &mut row, start..text.len());
        rows.push(row);
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_cells_know_where_they_are() {
        let text = "year,\"a, b\"\r\n2018,58\n2019,x\n";
        let rows = parse_csv(FileRef(0), text);
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[0][1].value, "a, b");
        let x = &rows[2][1];
        assert_eq!(&text[x.span.range.clone()], "x");
    }
}
