//! Reading `code:` and `table:` blocks. Code text is never markup: it is
//! kept verbatim. Table cells are markup, checked like any text field.

use marked_yaml::Node;
use marked_yaml::types::{MarkedMappingNode, MarkedScalarNode};

use super::{Parser, kind as node_kind};
use crate::diagnostics::{Diagnostic, Span, did_you_mean};
use crate::outline::{Align, Code, Spanned, Table, Text};

/// Keys a `code:` mapping may have.
pub(crate) const CODE_KEYS: &[&str] = &[
    "src",
    "file",
    "lang",
    "lines",
    "highlight",
    "numbers",
    "caption",
];

/// Keys a `table:` mapping may have.
pub(crate) const TABLE_KEYS: &[&str] = &[
    "header", "rows", "data", "align", "reveal", "caption", "source",
];

/// The most body rows a table may hold (over all its continuation slides).
pub const MAX_TABLE_ROWS: usize = 300;

/// The most columns a table may hold.
pub const MAX_TABLE_COLUMNS: usize = 12;

/// The longest code block, in bytes.
pub const MAX_CODE_BYTES: usize = 256 * 1024;

/// Whether inline code is over [`MAX_CODE_BYTES`] (an error at it), in
/// either form: `code: |` or `src: |`.
fn too_big(p: &mut Parser<'_>, src: &Spanned<String>) -> bool {
    if src.value.len() <= MAX_CODE_BYTES {
        return false;
    }
    p.error(
        Diagnostic::error(format!(
            "this code is {} KB; a code block holds at most {} KB",
            src.value.len() / 1024,
            MAX_CODE_BYTES / 1024
        ))
        .at(src.span.clone())
        .hint("show the lines that matter; a slide holds about 20"),
    );
    true
}

/// The most lines a `lines` or `highlight` set may name, over all its
/// ranges (a code block holds at most 256 KB).
pub const MAX_SELECTED_LINES: usize = 20_000;

/// Reads `code:`: a mapping, or a plain string (shown as typed, no
/// highlighting).
pub(crate) fn code(p: &mut Parser<'_>, node: &Node) -> Option<Code> {
    let map = match node {
        Node::Scalar(s) => {
            let src = Spanned::new(s.as_str().to_owned(), p.scalar_span(s));
            if too_big(p, &src) {
                return None;
            }
            return Some(Code {
                src,
                lang: None,
                file: None,
                lines: None,
                highlight: Vec::new(),
                numbers: false,
                caption: None,
            });
        }
        other => p.mapping(
            other,
            "`code`",
            "code:\n    lang: go\n    src: |\n      ...",
        )?,
    };
    p.check_keys(map, &[CODE_KEYS], "a code block");
    let src = p.text(map, "src");
    let file = p.text(map, "file");
    let src = match (src, &file) {
        (Some(src), None) => src,
        (None, Some(file)) => Spanned::new(String::new(), file.span.clone()),
        (Some(src), Some(file)) => {
            p.error(
                Diagnostic::error("a code block has both `src` and `file`")
                    .at(file.span.clone())
                    .label(src.span, "the code is also given here")
                    .hint("keep one: the code inline as `src`, or a file beside the outline"),
            );
            return None;
        }
        (None, None) => {
            let at = p.node_span(node);
            p.error(
                Diagnostic::error("this code block has no `src` or `file`")
                    .at(Span::new(at.file, at.range.start..at.range.start))
                    .hint("add `src: |` with the code below it, or `file: name.go`"),
            );
            return None;
        }
    };
    if too_big(p, &src) {
        return None;
    }
    let lines = p.text(map, "lines").and_then(|t| match line_set(&t.value) {
        Ok(v) if is_range(&v) => Some(Spanned::new((v[0], v[v.len() - 1]), t.span)),
        Ok(_) => {
            p.error(
                Diagnostic::error(format!("`lines: {}` is not one range", t.value))
                    .at(t.span)
                    .hint("write the lines to show as `\"12-30\"`"),
            );
            None
        }
        Err(e) => {
            p.error(
                Diagnostic::error(e)
                    .at(t.span)
                    .hint("write the lines to show as `\"12-30\"` (lines count from 1)"),
            );
            None
        }
    });
    if lines.is_some() && file.is_none() {
        let span = map.get_node("lines").map(|n| p.node_span(n));
        p.error(
            Diagnostic::error("`lines` selects lines of a `file`")
                .at_opt(span)
                .hint("cut the inline `src` instead, or take the code from a file"),
        );
    }
    let mut highlight = Vec::new();
    if let Some(seq) = p.sequence(map, "highlight") {
        for entry in seq.iter() {
            let Node::Scalar(s) = entry else {
                let span = p.node_span(entry);
                p.error(
                    Diagnostic::error(format!(
                        "a highlight step must be lines such as \"2,5-7\" or `all`, found {}",
                        node_kind(entry)
                    ))
                    .at(span)
                    .hint("write each step as a quoted range: - \"1-4\""),
                );
                continue;
            };
            let span = p.scalar_span(s);
            let value = s.as_str().trim();
            if value.eq_ignore_ascii_case("all") {
                highlight.push(Spanned::new(None, span));
                continue;
            }
            match line_set(value) {
                Ok(lines) => highlight.push(Spanned::new(Some(lines), span)),
                Err(e) => p.error(
                    Diagnostic::error(e)
                        .at(span)
                        .hint("write lines as \"3\", \"1-4\" or \"2,5-7\", or `all`"),
                ),
            }
        }
    }
    let lang = p.text(map, "lang").or_else(|| {
        // From the file's extension, or its whole name (Dockerfile).
        let file = file.as_ref()?;
        let name = std::path::Path::new(&file.value).file_name()?.to_str()?;
        let token = name.rsplit_once('.').map_or(name, |(_, ext)| ext);
        known_language(token).then(|| Spanned::new(token.to_string(), file.span.clone()))
    });
    let lang = lang.and_then(|l| check_language(p, l));
    Some(Code {
        src,
        lang,
        file,
        lines,
        highlight,
        numbers: p.flag(map, "numbers"),
        caption: p.markup(map, "caption"),
    })
}

/// Whether sorted line numbers are one unbroken range.
fn is_range(lines: &[usize]) -> bool {
    lines.windows(2).all(|w| w[1] == w[0] + 1)
}

/// Parses line numbers such as `3`, `1-4` or `2,5-7` into sorted,
/// distinct numbers (from 1).
pub fn line_set(text: &str) -> Result<Vec<usize>, String> {
    let mut out = Vec::new();
    for part in text.split(',').map(str::trim) {
        let (a, b) = part.split_once('-').unwrap_or((part, part));
        let number = |s: &str| s.trim().parse::<usize>().ok().filter(|n| *n > 0);
        match (number(a), number(b)) {
            (Some(a), Some(b)) if a <= b && out.len() + (b - a) < MAX_SELECTED_LINES => {
                out.extend(a..=b);
            }
            (Some(a), Some(b)) if a <= b => {
                let head: String = text.chars().take(40).collect();
                return Err(format!(
                    "`{head}…` names more than {MAX_SELECTED_LINES} lines; a code block shows far fewer"
                ));
            }
            (Some(a), Some(b)) if a > b => {
                return Err(format!("`{part}` ends before it starts"));
            }
            _ => {
                return Err(format!(
                    "`{part}` is not a line or a range of lines (lines count from 1)"
                ));
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    Ok(out)
}

/// Whether Typst's highlighter knows a language name or file extension.
pub fn known_language(token: &str) -> bool {
    let token = token.to_ascii_lowercase();
    languages().contains(&token)
}

/// Every language name and file extension Typst's highlighter knows, in
/// lower case.
fn languages() -> &'static [String] {
    static ALL: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    ALL.get_or_init(|| {
        let mut all: Vec<String> = typst::text::RawElem::languages()
            .into_iter()
            .filter(|(_, exts)| !exts.is_empty())
            .flat_map(|(name, exts)| std::iter::once(name).chain(exts))
            .map(str::to_ascii_lowercase)
            .collect();
        all.sort();
        all.dedup();
        all
    })
}

/// Keeps a known language; an unknown one is a warning with "did you
/// mean", and the code is shown plain.
pub(crate) fn check_language(p: &mut Parser<'_>, lang: Text) -> Option<Text> {
    if known_language(&lang.value) {
        return Some(lang);
    }
    let names: Vec<&str> = languages().iter().map(String::as_str).collect();
    let hint = match did_you_mean(&lang.value.to_ascii_lowercase(), &names) {
        Some(s) => format!("did you mean `{s}`?"),
        None => "use a language name or file extension such as `go`, `python`, `yaml`, `sh`; leave `lang` out for plain text".into(),
    };
    p.error(
        Diagnostic::warning(format!(
            "unknown language `{}`: the code is shown without highlighting",
            lang.value
        ))
        .at(lang.span)
        .hint(hint),
    );
    None
}

/// Reads `table:`, inline or from a CSV file (`data:`).
pub(crate) fn table(p: &mut Parser<'_>, node: &Node) -> Option<Table> {
    let map = p.mapping(
        node,
        "`table`",
        "table:\n    header: [...]\n    rows: [...]",
    )?;
    p.check_keys(map, &[TABLE_KEYS], "a table");
    let span = p.node_span(node);
    let csv = p.text(map, "data");
    let mut header = Vec::new();
    let mut rows = Vec::new();
    if csv.is_some() {
        for key in ["header", "rows"] {
            if let Some(n) = map.get_node(key) {
                let at = p.node_span(n);
                p.error(
                    Diagnostic::error(format!(
                        "a table with `data:` takes its `{key}` from the CSV file"
                    ))
                    .at(at)
                    .hint("remove it, or drop `data:` and write the table inline"),
                );
            }
        }
    } else {
        match p.sequence(map, "header") {
            Some(seq) => header = cells(p, seq.iter()),
            None if map.get_node("header").is_none() => {
                p.error(
                    Diagnostic::error("this table has no `header`")
                        .at(Span::new(span.file, span.range.start..span.range.start))
                        .hint("add `header: [Column, Column]`, or `data: file.csv` whose first row is the header"),
                );
            }
            None => {}
        }
        if let Some(seq) = p.sequence(map, "rows") {
            for row in seq.iter() {
                let Node::Sequence(cells_seq) = row else {
                    let at = p.node_span(row);
                    p.error(
                        Diagnostic::error(format!(
                            "a row must be a list of cells, found {}",
                            node_kind(row)
                        ))
                        .at(at)
                        .hint("write a row as `- [cell, cell, cell]`"),
                    );
                    continue;
                };
                let at = p.node_span(row);
                rows.push(Spanned::new(cells(p, cells_seq.iter()), at));
            }
        }
    }
    let mut align = Vec::new();
    if let Some(seq) = p.sequence(map, "align") {
        for n in seq.iter() {
            let Some(s) = n.as_scalar() else { continue };
            let value = match s.as_str().trim() {
                "left" => Align::Left,
                "center" | "centre" => Align::Center,
                "right" => Align::Right,
                other => {
                    let at = p.scalar_span(s);
                    p.error(
                        Diagnostic::error(format!("`{other}` is not an alignment"))
                            .at(at)
                            .hint("use left, center or right"),
                    );
                    continue;
                }
            };
            align.push(Spanned::new(value, p.scalar_span(s)));
        }
    }
    let reveal_rows = match p.text(map, "reveal") {
        Some(t) if t.value == "rows" => true,
        Some(t) if t.value == "all" => false,
        Some(t) => {
            p.error(
                Diagnostic::error(format!("`{}` is not a table reveal mode", t.value))
                    .at(t.span)
                    .hint("use `reveal: rows` (one row per step) or `reveal: all`"),
            );
            false
        }
        None => false,
    };
    let table = Table {
        header,
        rows,
        align,
        csv,
        reveal_rows,
        caption: p.markup(map, "caption"),
        source: p.markup(map, "source"),
        span,
    };
    if table.csv.is_none() {
        for d in validate_table(&table) {
            p.error(d);
        }
    }
    Some(table)
}

/// Reads a list of cells: each a scalar, markup-checked; a nested value
/// is an error at it.
fn cells<'n>(p: &mut Parser<'_>, nodes: impl Iterator<Item = &'n Node>) -> Vec<Text> {
    let mut out = Vec::new();
    for n in nodes {
        match n {
            Node::Scalar(s) => out.push(cell(p, s)),
            other => {
                let at = p.node_span(other);
                p.error(
                    Diagnostic::error(format!("a cell must be text, found {}", node_kind(other)))
                        .at(at.clone())
                        .hint("quote a cell that contains `: ` or starts with `[`"),
                );
                out.push(Spanned::new(String::new(), at));
            }
        }
    }
    out
}

/// One cell, markup-checked.
fn cell(p: &mut Parser<'_>, s: &MarkedScalarNode) -> Text {
    let text = Spanned::new(s.as_str().to_owned(), p.scalar_span(s));
    p.check_markup(&text);
    text
}

/// Checks a table as a whole: a header, rows as wide as it, the caps, and
/// one alignment per column.
pub fn validate_table(table: &Table) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    let columns = table.header.len();
    if columns == 0 || table.rows.is_empty() {
        diags.push(
            Diagnostic::error(if columns == 0 {
                "this table has no columns"
            } else {
                "this table has no rows"
            })
            .at(table.span.clone())
            .hint("give a header and at least one row"),
        );
        return diags;
    }
    if columns > MAX_TABLE_COLUMNS {
        diags.push(
            Diagnostic::error(format!(
                "this table has {columns} columns; a slide table holds at most {MAX_TABLE_COLUMNS}"
            ))
            .at(table.span.clone())
            .hint("split the table, or turn it around (columns as rows)"),
        );
    }
    if table.rows.len() > MAX_TABLE_ROWS {
        diags.push(
            Diagnostic::error(format!(
                "this table has {} rows; a table holds at most {MAX_TABLE_ROWS} (a slide shows about 9 single-line rows)",
                table.rows.len()
            ))
            .at(table.span.clone())
            .hint("show the rows that matter, or hand the full table out as a file"),
        );
        return diags;
    }
    for row in &table.rows {
        if row.value.len() != columns {
            diags.push(
                Diagnostic::error(format!(
                    "this row has {} cells, the header {columns}",
                    row.value.len()
                ))
                .at(row.span.clone())
                .hint("give every row one cell per column; an empty cell is \"\""),
            );
        }
    }
    if !table.align.is_empty() && table.align.len() != columns {
        diags.push(
            Diagnostic::error(format!(
                "`align` has {} entries for {columns} columns",
                table.align.len()
            ))
            .at(table.align[0].span.clone())
            .hint("give one alignment per column, or leave `align` out"),
        );
    }
    diags
}

impl Parser<'_> {
    /// Reads an optional yes/no field (`true`/`false`, `yes`/`no`).
    pub(super) fn flag(&mut self, map: &MarkedMappingNode, key: &str) -> bool {
        let Some(text) = self.text(map, key) else {
            return false;
        };
        match text.value.trim() {
            "true" | "yes" | "on" => true,
            "false" | "no" | "off" => false,
            other => {
                self.error(
                    Diagnostic::error(format!("`{key}: {other}` is not yes or no"))
                        .at(text.span)
                        .hint(format!("write `{key}: true` or `{key}: false`")),
                );
                false
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_sets() {
        assert_eq!(line_set("3"), Ok(vec![3]));
        assert_eq!(line_set("1-4"), Ok(vec![1, 2, 3, 4]));
        assert_eq!(line_set("2,5-7"), Ok(vec![2, 5, 6, 7]));
        assert!(line_set("30-10").is_err());
        assert!(line_set("0").is_err());
        assert!(line_set("a").is_err());
    }

    #[test]
    fn languages_by_name_and_extension() {
        for known in [
            "go",
            "rs",
            "py",
            "yaml",
            "yml",
            "sh",
            "bash",
            "dockerfile",
            "Python",
        ] {
            assert!(known_language(known), "{known}");
        }
        assert!(!known_language("pyhton"));
    }
}
