//! Code blocks' files and line checks: a `file:` is read through the
//! outline folder's sandbox (UTF-8 text only), cut to its `lines:`, and
//! every `highlight` step is checked against the lines shown.

use std::path::Path;

use super::csv::not_utf8;
use super::parse::code::MAX_CODE_BYTES;
use super::{Code, file_error};
use crate::diagnostics::Diagnostic;
use crate::world::sandbox::Sandbox;

/// Loads a code block's file, if it names one, and checks its steps.
pub fn load(code: &mut Code, sandbox: &Sandbox) -> Vec<Diagnostic> {
    if let Some(path) = code.file.clone() {
        let bytes = match sandbox.read(Path::new(&path.value)) {
            Ok((_, bytes)) => bytes,
            Err(e) => return vec![file_error(&path, &e, sandbox.shown())],
        };
        if bytes.contains(&0) {
            return vec![
                Diagnostic::error(format!("`{}` is a binary file, not code", path.value))
                    .at(path.span.clone())
                    .hint("point `file:` at a source file saved as UTF-8 text"),
            ];
        }
        let text = match std::str::from_utf8(&bytes) {
            Ok(text) => text.strip_prefix('\u{FEFF}').unwrap_or(text),
            Err(e) => return vec![not_utf8(&path, e.valid_up_to())],
        };
        let lines: Vec<&str> = text.lines().collect();
        let shown = match &code.lines {
            Some(range) => {
                let (first, last) = range.value;
                if last > lines.len() {
                    return vec![
                        Diagnostic::error(format!(
                            "`{}` has {} lines; `lines` asks for {first}-{last}",
                            path.value,
                            lines.len()
                        ))
                        .at(range.span.clone())
                        .hint(format!("choose lines within 1-{}", lines.len())),
                    ];
                }
                &lines[first - 1..last]
            }
            None => &lines[..],
        };
        let src = shown.join("\n");
        if src.len() > MAX_CODE_BYTES {
            return vec![
                Diagnostic::error(format!(
                    "`{}` holds {} KB of code; a code block holds at most {} KB",
                    path.value,
                    src.len() / 1024,
                    MAX_CODE_BYTES / 1024
                ))
                .at(path.span.clone())
                .hint("show a part of it with `lines: \"12-30\"`"),
            ];
        }
        code.src.value = src;
    }
    check_steps(code)
}

/// Every highlighted line must be one the block shows (numbered from
/// [`Code::first_line`]).
fn check_steps(code: &Code) -> Vec<Diagnostic> {
    let first = code.first_line();
    let count = code.src.value.lines().count().max(1);
    let last = first + count - 1;
    code.highlight
        .iter()
        .filter_map(|step| {
            let lines = step.value.as_ref()?;
            let outside = lines.iter().find(|&&n| n < first || n > last)?;
            Some(
                Diagnostic::error(format!(
                    "line {outside} is not in this code block: it shows lines {first}-{last}"
                ))
                .at(step.span.clone())
                .hint(format!("highlight lines within {first}-{last}")),
            )
        })
        .collect()
}
