//! Writing an imported deck as a lectern outline, remembering for each
//! line of the outline the line of the original it came from (so that
//! lectern's own warnings on the result are reported at the original).

use super::slide::{Part, Slide};
use super::source::Line;

/// The deck's metadata.
#[derive(Debug, Default, Clone)]
pub struct Meta {
    /// The title.
    pub title: String,
    /// The subtitle.
    pub subtitle: Option<String>,
    /// The author.
    pub author: Option<String>,
    /// The date, as written (kept only when it is a date lectern reads).
    pub date: Option<String>,
    /// The language code.
    pub lang: String,
}

/// The outline being written.
#[derive(Debug, Default)]
pub struct Writer {
    /// The YAML text.
    pub text: String,
    /// For each line written, the original line (0: none).
    pub origin: Vec<usize>,
    /// Where the next line opens a list entry (`- `), at this indentation.
    dash: Option<usize>,
}

impl Writer {
    /// Writes one line at `indent` spaces.
    fn line(&mut self, indent: usize, text: &str, origin: usize) {
        match self.dash.take() {
            Some(d) => {
                self.text.push_str(&" ".repeat(d));
                self.text.push_str("- ");
            }
            None => self.text.push_str(&" ".repeat(indent)),
        }
        self.text.push_str(text);
        self.text.push('\n');
        self.origin.push(origin);
    }

    /// Writes an empty line of a block scalar.
    fn blank(&mut self, origin: usize) {
        self.text.push('\n');
        self.origin.push(origin);
    }

    /// Writes `key: value` with the value quoted.
    fn scalar(&mut self, indent: usize, key: &str, value: &str, origin: usize) {
        self.line(indent, &format!("{key}: {}", quote(value)), origin);
    }

    /// Writes `key: |` and the lines under it.
    fn block(&mut self, indent: usize, key: &str, lines: &[Line], at: usize) {
        let lines = trim_blank(lines);
        let Some(first) = lines.first() else {
            self.scalar(indent, key, "", at);
            return;
        };
        // A first line that starts with a space needs the content's
        // indentation stated: two more than the key's.
        let header = if first.text.starts_with([' ', '\t']) {
            "|2"
        } else {
            "|"
        };
        self.line(indent, &format!("{key}: {header}"), first.no);
        for (k, l) in lines.iter().enumerate() {
            // A pause stands between blank lines, as a paragraph of its own.
            let pause = l.text == super::slide::PAUSE;
            if pause && k > 0 {
                self.blank(l.no);
            }
            if l.text.trim().is_empty() {
                self.blank(l.no);
            } else {
                self.line(indent + 2, &l.text, l.no);
            }
            if pause {
                self.blank(l.no);
            }
        }
    }

    /// Writes the deck.
    pub fn deck(&mut self, meta: &Meta, slides: &[Slide]) {
        self.scalar(0, "title", &meta.title, 0);
        for (key, value) in [
            ("subtitle", &meta.subtitle),
            ("author", &meta.author),
            ("date", &meta.date),
        ] {
            if let Some(v) = value {
                self.scalar(0, key, v, 0);
            }
        }
        self.scalar(0, "lang", &meta.lang, 0);
        if slides.iter().any(|s| s.section.is_some()) {
            self.sections(slides);
        } else {
            self.line(0, "opening:", 0);
            for slide in slides {
                self.slide(2, slide);
            }
        }
    }

    /// Writes slides under the sections they open; slides before the
    /// first section go into `opening:`.
    fn sections(&mut self, slides: &[Slide]) {
        let first = slides.iter().position(|s| s.section.is_some()).unwrap_or(0);
        if first > 0 {
            self.line(0, "opening:", 0);
            for slide in &slides[..first] {
                self.slide(2, slide);
            }
        }
        self.line(0, "sections:", 0);
        for slide in &slides[first..] {
            if let Some(section) = &slide.section {
                self.line(2, &format!("- title: {}", quote(section)), slide.line);
                self.line(4, "slides:", slide.line);
                if slide.parts.is_empty() && slide.title.is_none() {
                    // The section's own heading slide is its divider.
                    continue;
                }
                if slide.title.is_none() {
                    // What follows a section's heading is a slide under
                    // that heading.
                    let titled = Slide {
                        title: Some(section.clone()),
                        ..slide.clone()
                    };
                    self.slide(6, &titled);
                    continue;
                }
            }
            self.slide(6, slide);
        }
    }

    /// Writes one slide as a list entry at `indent`.
    fn slide(&mut self, indent: usize, slide: &Slide) {
        let at = slide.line;
        let inner = indent + 2;
        self.dash = Some(indent);
        if let Some(t) = &slide.title {
            self.scalar(inner, "title", &title_markup(t), at);
        }
        if !slide.notes.is_empty() {
            self.scalar(inner, "notes", slide.notes.join("\n").trim(), at);
        }
        match slide.parts.as_slice() {
            [] => self.scalar(inner, "text", "", at),
            [Part::Md(lines)] => match simple_list(lines) {
                Some((key, items)) => {
                    self.line(inner, &format!("{key}:"), at);
                    for (no, item) in items {
                        self.line(inner + 2, &format!("- {}", quote(&item)), no);
                    }
                }
                None => self.block(inner, "markdown", lines, at),
            },
            parts => {
                self.line(inner, "body:", at);
                for part in parts {
                    self.part(inner + 2, part, at);
                }
            }
        }
    }

    /// Writes one block of a `body:` list.
    fn part(&mut self, indent: usize, part: &Part, at: usize) {
        match part {
            Part::Md(lines) => {
                self.dash = Some(indent);
                self.block(indent + 2, "markdown", lines, at);
            }
            Part::Columns(cols) => {
                self.line(indent, "- columns:", at);
                for (width, lines) in cols {
                    self.dash = Some(indent + 4);
                    if let Some(w) = width {
                        self.line(indent + 6, &format!("width: \"{w}%\""), at);
                    }
                    self.block(indent + 6, "markdown", lines, at);
                }
            }
            Part::Callout { kind, title, lines } => {
                self.line(indent, "- box:", at);
                self.line(indent + 4, &format!("kind: {kind}"), at);
                if let Some(t) = title {
                    self.scalar(indent + 4, "title", &title_markup(t), at);
                }
                self.line(indent + 4, "body:", at);
                self.dash = Some(indent + 6);
                self.block(indent + 8, "markdown", lines, at);
            }
        }
    }
}

/// A YAML double-quoted string (JSON's escapes are YAML's).
pub fn quote(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

/// A title in lectern's markup: `$x$` becomes `\(x\)`, `\$` a dollar (its
/// `{{` were escaped when it was read).
pub fn title_markup(text: &str) -> String {
    let mut out = String::new();
    let mut math = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&'$') => {
                out.push('$');
                chars.next();
            }
            '$' if text.matches('$').count() >= 2 => {
                out.push_str(if math { "\\)" } else { "\\(" });
                math = !math;
            }
            _ => out.push(c),
        }
    }
    if math {
        out.push_str("\\)");
    }
    out
}

/// Lines without blank lines at either end.
fn trim_blank(lines: &[Line]) -> &[Line] {
    let start = lines
        .iter()
        .position(|l| !l.text.trim().is_empty())
        .unwrap_or(lines.len());
    let end = lines
        .iter()
        .rposition(|l| !l.text.trim().is_empty())
        .map_or(start, |e| e + 1);
    &lines[start..end]
}

/// A slide that is only a one-level list, whose items read the same as
/// lectern text (no math, escapes, HTML or underscores): `bullets:` or
/// `numbered:` and the items, with their lines.
fn simple_list(lines: &[Line]) -> Option<(&'static str, Vec<(usize, String)>)> {
    let lines = trim_blank(lines);
    let mut key = None;
    let mut items = Vec::new();
    for (k, l) in lines.iter().enumerate() {
        let digits = l.text.chars().take_while(char::is_ascii_digit).count();
        let (this, text) = if let Some(t) = l
            .text
            .strip_prefix("- ")
            .or_else(|| l.text.strip_prefix("* "))
        {
            ("bullets", t)
        } else if digits > 0
            && l.text[digits..].starts_with(". ")
            && l.text[..digits] == (k + 1).to_string()
        {
            ("numbered", &l.text[digits + 2..])
        } else {
            return None;
        };
        if key.is_some_and(|k| k != this) || text.contains(['$', '\\', '<', '_', '&', '[']) {
            return None;
        }
        key = Some(this);
        items.push((l.no, text.trim().to_string()));
    }
    key.map(|k| (k, items))
}
