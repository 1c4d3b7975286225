//! Code blocks as Typst, sized in Rust (tables: [`super::table`]).
//!
//! Both are sized from the theme's body size: code is set at 0.8 × body
//! (alone on its slide it grows into free room, up to `code-scale`) and
//! shrinks to fit, never below `fit-floor` × that; what still does not fit
//! is reported with how many lines and columns do. A
//! table is sized the same way, and a table taller than a slide continues
//! on the next, its header repeated. Code is monospace, so its size is
//! exact arithmetic: every column is 0.602 em of DejaVu Sans Mono, and a
//! wide (CJK) character is counted as two columns (its natural width in
//! the CJK face is about 1.7, so a line that fits by this count fits).

use std::fmt::Write as _;

use super::escape::{content, string};
use super::{CHART_HEIGHT, Context};
use crate::charts::text::is_wide;
use crate::diagnostics::Diagnostic;
use crate::outline::inline::{self, Inline};
use crate::outline::{Code, Fitting, Spanned};
use crate::theme::Palette;

/// The size code and tables are set at when they fit, × body.
pub(super) const SIZE: f64 = 0.8;
/// The advance of one column of DejaVu Sans Mono, in em.
const COLUMN: f64 = 0.602;
/// The distance between two lines of code, in em (a little over Typst's,
/// so the estimate errs on the side of fitting less).
const CODE_LINE: f64 = 1.25;
/// The code block's inset on each side, in points.
const INSET: f64 = 10.0;
/// Tab stops, in columns.
const TAB: usize = 4;
/// Room a caption or source line takes under a block, in points per body
/// point (one line at 0.7 × body, with its gap).
pub(super) const NOTE_LINE: f64 = 1.25;

/// The smallest size a block may take, × body (to the hundredth).
pub(super) fn floor(fit: Fitting) -> f64 {
    (SIZE * fit.least() * 100.0).round() / 100.0
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

/// Sizes a code block for an area `width` points wide: from its base size
/// (up to `code-scale` × it when `alone` on its slide, into the free room)
/// down to the floor.
pub fn code_size(code: &Code, width: f64, fit: Fitting, body: f64, alone: bool) -> CodeSize {
    let src = trimmed(&code.src.value);
    let lines = src.lines().count().max(1);
    let gutter = if code.numbers {
        (code.first_line() + lines - 1).to_string().len() + 2
    } else {
        0
    };
    let cols = src.lines().map(columns).max().unwrap_or(0).max(1) + gutter;
    let room = code_room(code, body);
    let fits_width = (width - 2.0 * INSET) / (cols as f64 * COLUMN * body);
    let fits_height = room / (lines as f64 * CODE_LINE * body);
    let ceiling = if alone {
        SIZE * fit.code_ceiling()
    } else {
        SIZE
    };
    let best = ceiling.min(fits_width).min(fits_height);
    let least = floor(fit);
    if best >= least {
        return CodeSize {
            size: (best * 100.0).floor() / 100.0,
            warning: None,
        };
    }
    let fit_lines = (room / (CODE_LINE * least * body)) as usize;
    let fit_cols = ((width - 2.0 * INSET) / (COLUMN * least * body)) as usize;
    let mut over = Vec::new();
    if lines > fit_lines {
        over.push(format!("{lines} lines (it holds {fit_lines})"));
    }
    if cols > fit_cols {
        over.push(format!("{cols} columns (it holds {fit_cols})"));
    }
    let hint = if fit.auto {
        format!(
            "show fewer lines (`lines:` of a file), split the code over two slides, shorten long lines, or lower `fit-floor` (now {})",
            fit.least()
        )
    } else {
        "show fewer lines, split the code over two slides, or remove `fit: none` (code then shrinks to 0.75 × its size)".to_string()
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

/// The most pages code alone on its slide continues over; longer code is
/// cut at the footer (with the warning of [`code_size`]).
const MAX_CODE_PARTS: usize = 8;

/// Code alone on its slide that does not fit it even at the floor, in
/// parts of the lines that fit at the base size (numbered on), for pages
/// that repeat the title. `None` when it fits, when fitting is off, with
/// `highlight` steps (they would start over), or past eight pages.
pub fn code_parts(code: &Code, fit: Fitting, body: f64) -> Option<Vec<Code>> {
    if !fit.auto || !code.highlight.is_empty() {
        return None;
    }
    if !too_tall(code, fit, body) {
        return None;
    }
    let lines: Vec<&str> = trimmed(&code.src.value).lines().collect();
    let per = ((code_room(code, body) / (CODE_LINE * SIZE * body)) as usize).max(1);
    if lines.len().div_ceil(per) > MAX_CODE_PARTS {
        return None;
    }
    let first = code.first_line();
    let span = &code.src.span;
    Some(
        lines
            .chunks(per)
            .enumerate()
            .map(|(i, chunk)| {
                let start = first + i * per;
                Code {
                    src: Spanned::new(chunk.join("\n"), span.clone()),
                    lines: Some(Spanned::new((start, start + chunk.len() - 1), span.clone())),
                    ..code.clone()
                }
            })
            .collect(),
    )
}

/// The height code alone on its slide has for its lines, in points.
fn code_room(code: &Code, body: f64) -> f64 {
    let caption = if code.caption.is_some() {
        NOTE_LINE * body
    } else {
        0.0
    };
    CHART_HEIGHT - 2.0 * INSET - caption
}

/// Whether code alone on its slide has more lines than fit it at the floor.
pub fn too_tall(code: &Code, fit: Fitting, body: f64) -> bool {
    let lines = trimmed(&code.src.value).lines().count();
    lines as f64 * CODE_LINE * floor(fit) * body > code_room(code, body)
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
    fit: Fitting,
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
        .map_or_else(|| "none".into(), |c| content(&c.value, ctx.macros));
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::{FileRef, Span};
    use crate::outline::{FitKeys, Spanned};

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
        let auto = Fitting::deck(Default::default());
        let short = code_size(&code("fn main() {}\n"), 745.0, auto, 20.0, false);
        let grown = code_size(&code("fn main() {}\n"), 745.0, auto, 20.0, true);
        assert!((grown.size - SIZE * 1.3).abs() < 0.01, "{}", grown.size);
        assert_eq!(short.size, SIZE);
        assert!(short.warning.is_none());
        let long = "x\n".repeat(60);
        let sized = code_size(&code(&long), 745.0, auto, 20.0, false);
        assert_eq!(sized.size, 0.6);
        let w = sized.warning.expect("a warning");
        assert!(w.message.contains("60 lines"), "{}", w.message);
        let shrunk = code_size(&code(&"x\n".repeat(20)), 745.0, auto, 20.0, false);
        assert!(shrunk.size < SIZE && shrunk.size >= 0.6, "{}", shrunk.size);
        let off = Fitting::deck(FitKeys {
            fit: Some(crate::outline::Fit::None),
            ..Default::default()
        });
        let kept = code_size(&code(&"x\n".repeat(20)), 745.0, off, 20.0, false);
        assert_eq!(kept.size, SIZE);
        assert!(kept.warning.is_some());
        let wide = code_size(&code(&"y".repeat(120)), 745.0, auto, 20.0, false);
        assert!(wide.warning.unwrap().message.contains("120 columns"));
        let scaled = Fitting::deck(FitKeys {
            code_scale: Some(180),
            ..Default::default()
        });
        let big = code_size(&code("fn main() {}\n"), 745.0, scaled, 20.0, true);
        assert!((big.size - SIZE * 1.8).abs() < 0.01, "{}", big.size);
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
