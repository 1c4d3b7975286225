//! What the outline format refuses, made to fit an imported slide: lists
//! nested deeper than three levels moved up to the third, and a slide's
//! Markdown cut at the size a `markdown:` block holds.

use super::report::Report;
use super::source::Line;

/// How many levels a list nests on a slide.
const LEVELS: usize = 3;

/// Moves list items nested deeper than three levels (and the lines that
/// continue them) up to the third level; reported once per block.
pub fn flatten(lines: &mut [Line], report: &mut Report) {
    let mut open: Vec<usize> = Vec::new();
    let mut reported = false;
    let mut fence = false;
    for line in lines.iter_mut() {
        let t = line.text.trim_start();
        if t.starts_with("```") || t.starts_with("~~~") {
            fence = !fence;
        }
        if fence || t.is_empty() {
            continue;
        }
        let indent = line.text.len() - t.len();
        if is_item(t) {
            while open.last().is_some_and(|&i| i > indent) {
                open.pop();
            }
            if open.last() != Some(&indent) {
                open.push(indent);
            }
        } else if indent == 0 {
            open.clear();
            continue;
        }
        let Some(&third) = open.get(LEVELS - 1) else {
            continue;
        };
        if open.len() <= LEVELS || indent <= third {
            continue;
        }
        let to = if is_item(t) { third } else { third + 2 };
        line.text = format!("{}{t}", " ".repeat(to));
        if !reported {
            reported = true;
            report.add(
                line.no,
                "list",
                format!("nested deeper than {LEVELS} levels: moved up to the third"),
            );
        }
    }
}

/// Whether a line (without its indentation) starts a list item.
pub(super) fn is_item(t: &str) -> bool {
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    t.starts_with("- ")
        || t.starts_with("* ")
        || t.starts_with("+ ")
        || (digits > 0 && (t[digits..].starts_with(". ") || t[digits..].starts_with(") ")))
}

/// Cuts a block's lines at the size a `markdown:` block holds; reported.
pub fn cap(lines: &mut Vec<Line>, report: &mut Report) {
    let max = crate::outline::MAX_TEXT_BYTES - 1024;
    let mut size = 0;
    let Some(cut) = lines.iter().position(|l| {
        size += l.text.len() + 16;
        size > max
    }) else {
        return;
    };
    report.add(
        lines[cut].no,
        "slide too long",
        format!("over {} KB of Markdown: cut here", max / 1024),
    );
    lines.truncate(cut);
}
