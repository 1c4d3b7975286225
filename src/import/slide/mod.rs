//! One slide of a Markdown deck into lectern's terms: its title, its
//! blocks (Markdown, columns, boxes), its notes, and what was dropped.
//!
//! Layouts become columns (Marp's `![bg right:40%]`, Slidev's `two-cols`
//! with `::right::`, Quarto's `:::: columns`); Quarto's `.fragment` and
//! Slidev's `<v-click>` become `. . .` steps, `<v-clicks>` and
//! `.incremental` a step per item; CSS, scripts, widgets and other HTML
//! are dropped and reported.

use std::path::Path;

mod layouts;

use super::html;
use super::lists;
use super::pictures;
use super::report::Report;
use super::source::{Dialect, Line, RawSlide, heading_level, with_fences};

/// A slide ready to be written as YAML.
#[derive(Debug, Default, Clone)]
pub struct Slide {
    /// The slide's first line in the original.
    pub line: usize,
    /// The section this slide opens, if any (Quarto's `#`).
    pub section: Option<String>,
    /// The title.
    pub title: Option<String>,
    /// The blocks, in order.
    pub parts: Vec<Part>,
    /// Speaker notes from Quarto's `::: notes` (comments stay in the
    /// Markdown, where they are notes too).
    pub notes: Vec<String>,
}

/// One block of an imported slide.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    /// A `markdown:` block.
    Md(Vec<Line>),
    /// Columns, each a `markdown:` block with an optional width (percent).
    Columns(Vec<(Option<u32>, Vec<Line>)>),
    /// A box of a kind (Quarto's callouts), with a title.
    Callout {
        /// The box kind (`note`, `tip`, `warning`).
        kind: &'static str,
        /// Its title, if any.
        title: Option<String>,
        /// What it holds.
        lines: Vec<Line>,
    },
}

/// Where lines go while a slide is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Div {
    /// Kept in the current block.
    Plain,
    /// Speaker notes.
    Notes,
    /// A columns container.
    Columns,
    /// One column.
    Column,
    /// A box.
    Callout,
    /// A list revealed item by item.
    Incremental,
}

/// The reader of one slide.
struct Reader<'a> {
    /// The deck's dialect.
    dialect: Dialect,
    /// The deck's folder, where pictures must be.
    dir: &'a Path,
    /// The findings.
    report: &'a mut Report,
    /// The blocks so far.
    parts: Vec<Part>,
    /// The block being read.
    cur: Vec<Line>,
    /// Columns being read, each with its width.
    cols: Option<Vec<(Option<u32>, Vec<Line>)>>,
    /// The column lines go to (the last one when `None`).
    target: Option<usize>,
    /// A box being read.
    callout: Option<(&'static str, Option<String>)>,
    /// Open divs (Quarto's `:::`) and Slidev's `<v-clicks>`.
    divs: Vec<Div>,
    /// Notes read so far.
    notes: Vec<String>,
    /// HTML tags reported on this slide already.
    tags: Vec<String>,
}

/// Converts one slide.
pub fn convert(raw: &RawSlide, dialect: Dialect, dir: &Path, report: &mut Report) -> Slide {
    let mut lines = raw.lines.clone();
    let title = match &raw.title {
        Some(t) => Some(heading_text(t, report)),
        None => take_title(&mut lines, report),
    };
    let section = raw.section.as_ref().map(|s| heading_text(s, report));
    for (key, value) in &raw.front.values {
        if !matches!(key.as_str(), "layout" | "title" | "level" | "hideInToc") {
            report.add(
                raw.line,
                "slide setting",
                format!("`{key}: {value}` has no equivalent"),
            );
        }
    }
    let mut r = Reader {
        dialect,
        dir,
        report,
        parts: Vec::new(),
        cur: Vec::new(),
        cols: None,
        target: None,
        callout: None,
        divs: Vec::new(),
        notes: Vec::new(),
        tags: Vec::new(),
    };
    let layout = raw.front.get("layout").unwrap_or("default");
    r.layout(layout, raw);
    r.read(&lines);
    r.finish();
    Slide {
        line: raw.line,
        section,
        title,
        parts: r.parts,
        notes: r.notes,
    }
}

/// The text of a heading line, its attributes (`{.smaller}`) and Marp's
/// `<!-- fit -->` taken off.
pub fn heading_text(line: &Line, report: &mut Report) -> String {
    let t = line.text.trim_start_matches('#').trim();
    let (t, attrs) = html::strip_attributes(&html::strip_comments(t));
    if let Some(a) = attrs {
        report.add(line.no, "heading attributes", format!("`{a}` dropped"));
    }
    html::plain_line(&t, line.no, report)
}

/// Takes the slide's title: its first heading, when nothing but comments
/// and blank lines come before it.
fn take_title(lines: &mut Vec<Line>, report: &mut Report) -> Option<String> {
    let at = lines.iter().position(|l| {
        let t = l.text.trim();
        !(t.is_empty() || t.starts_with("<!--") && t.ends_with("-->"))
    })?;
    heading_level(lines[at].text.trim_start())?;
    let line = lines.remove(at);
    Some(heading_text(&line, report))
}

impl Reader<'_> {
    /// Reads the slide's lines.
    fn read(&mut self, lines: &[Line]) {
        let mut chunk: Vec<Line> = Vec::new();
        let mut skipping: Option<&'static str> = None;
        for (line, code) in with_fences(lines) {
            if code {
                chunk.push(line.clone());
                if chunk.len() > 1 && is_fence_line(&line.text) {
                    let done = std::mem::take(&mut chunk);
                    self.code(done);
                }
                continue;
            }
            if !chunk.is_empty() {
                let done = std::mem::take(&mut chunk);
                self.code(done);
            }
            if let Some(end) = skipping {
                if line.text.contains(end) {
                    skipping = None;
                }
                continue;
            }
            skipping = self.line(line);
        }
        if !chunk.is_empty() {
            self.code(chunk);
        }
    }

    /// Reads one line outside code; returns the closing tag to skip to,
    /// for a `<style>` or `<script>` block.
    fn line(&mut self, line: &Line) -> Option<&'static str> {
        let t = line.text.trim();
        for (open, close, kind) in [
            ("<style", "</style>", "CSS"),
            ("<script", "</script>", "script"),
        ] {
            if t.starts_with(open) {
                self.report.add(line.no, kind, "dropped".into());
                return (!t.contains(close)).then_some(close);
            }
        }
        if self.dialect_div(line) || self.slot(line) || self.clicks(line) {
            return None;
        }
        if let Some(Div::Notes) = self.divs.last() {
            self.notes.push(line.text.clone());
            return None;
        }
        // An item at the left margin is a top-level one.
        if self.incremental() && lists::is_item(&line.text) {
            self.push(pause(line.no));
        }
        let text = self.inline(line);
        if let Some(kept) = text {
            self.push(kept);
        }
        None
    }

    /// Whether the current block reveals its list item by item.
    fn incremental(&self) -> bool {
        self.divs.contains(&Div::Incremental)
    }

    /// Adds a line to the block being read.
    fn push(&mut self, line: Line) {
        if self.divs.contains(&Div::Column)
            && let Some(cols) = &mut self.cols
        {
            let at = self.target.unwrap_or(cols.len().saturating_sub(1));
            if let Some((_, lines)) = cols.get_mut(at) {
                lines.push(line);
                return;
            }
        }
        self.cur.push(line);
    }

    /// Ends the block being read.
    fn flush(&mut self) {
        let lines = std::mem::take(&mut self.cur);
        if lines.iter().any(|l| !l.text.trim().is_empty()) {
            match self.callout {
                Some((kind, ref title)) => self.parts.push(Part::Callout {
                    kind,
                    title: title.clone(),
                    lines,
                }),
                None => self.parts.push(Part::Md(lines)),
            }
        }
    }

    /// Ends the slide: what is still open is closed.
    fn finish(&mut self) {
        if let Some(cols) = self.cols.take() {
            self.flush();
            self.push_columns(cols);
        }
        self.callout = None;
        self.flush();
        for part in &mut self.parts {
            let lines: Vec<&mut Vec<Line>> = match part {
                Part::Md(lines) | Part::Callout { lines, .. } => vec![lines],
                Part::Columns(cols) => cols.iter_mut().map(|(_, l)| l).collect(),
            };
            for l in lines {
                lists::flatten(l, self.report);
                lists::cap(l, self.report);
                pictures::check(l, self.dir, self.report);
            }
        }
        // Columns whose pictures were left out may hold one column only.
        let parts = std::mem::take(&mut self.parts);
        for part in parts {
            match part {
                Part::Columns(cols) => self.push_columns(cols),
                Part::Md(lines) if !lines.iter().any(|l| !l.text.trim().is_empty()) => {}
                other => self.parts.push(other),
            }
        }
    }

    /// Adds columns, or one block when only one column holds anything.
    fn push_columns(&mut self, cols: Vec<(Option<u32>, Vec<Line>)>) {
        let cols: Vec<_> = cols
            .into_iter()
            .filter(|(_, lines)| lines.iter().any(|l| !l.text.trim().is_empty()))
            .collect();
        match cols.len() {
            0 => {}
            1 => self
                .parts
                .extend(cols.into_iter().map(|(_, l)| Part::Md(l))),
            _ => self.parts.push(Part::Columns(cols)),
        }
    }

    /// A fenced code block: kept, with Quarto's executable chunks reported
    /// (never run) and their `#|` options taken out.
    fn code(&mut self, chunk: Vec<Line>) {
        let first = chunk[0].clone();
        let info = first
            .text
            .trim()
            .trim_start_matches(['`', '~'])
            .trim()
            .to_string();
        let info = info.as_str();
        let executable = info.starts_with('{') && !info.starts_with("{.");
        if !executable {
            chunk.into_iter().for_each(|l| self.push(l));
            return;
        }
        let options = info.replace(' ', "").to_ascii_lowercase();
        let hidden = options.contains("include=false")
            || options.contains("echo=false")
            || chunk.iter().any(|l| {
                let t = l.text.replace(' ', "");
                t.starts_with("#|echo:false") || t.starts_with("#|include:false")
            });
        let what = if hidden {
            "hidden code, its output not shown: dropped"
        } else {
            "shown as code, never run: its output is missing"
        };
        if info.starts_with("{=") {
            self.report.add(
                first.no,
                "raw block",
                format!("`{info}` output for one format: dropped"),
            );
            return;
        }
        self.report
            .add(first.no, "executable chunk", format!("`{info}` {what}"));
        if hidden {
            return;
        }
        // Quarto's `code-line-numbers: "|10-13|16"` are steps.
        let steps = chunk.iter().find_map(|l| {
            let t = l.text.trim_start().strip_prefix("#|")?.trim();
            let v = t
                .strip_prefix("code-line-numbers:")?
                .trim()
                .trim_matches(['"', '\'']);
            v.contains('|').then(|| {
                let parts: Vec<&str> = v
                    .split('|')
                    .map(|p| if p.trim().is_empty() { "all" } else { p.trim() })
                    .collect();
                format!(" {{{}}}", parts.join("|"))
            })
        });
        // The fence keeps the language alone (`{r echo=FALSE}` → `r`).
        let lang = info
            .trim_matches(['{', '}'])
            .split([' ', ','])
            .next()
            .unwrap_or("");
        let fence: String = first
            .text
            .trim()
            .chars()
            .take_while(|c| *c == '`' || *c == '~')
            .collect();
        let lang = if lang == "mermaid" || crate::outline::known_language(lang) {
            lang
        } else {
            ""
        };
        let mut lines = chunk.into_iter();
        lines.next();
        self.push(Line {
            no: first.no,
            text: format!(
                "{fence}{lang}{}",
                steps.filter(|_| !lang.is_empty()).unwrap_or_default()
            ),
        });
        lines
            .filter(|l| !l.text.trim_start().starts_with("#|"))
            .for_each(|l| self.push(l));
    }

    /// One line of text: pictures checked, HTML and other tools' markup
    /// taken out; `None` when nothing is left of it.
    fn inline(&mut self, line: &Line) -> Option<Line> {
        let text = html::shortcodes(&line.text, line.no, self.report);
        let text = html::spans(&text, line.no, self.report);
        let (text, tags) = html::inline_tags(&text);
        for tag in tags {
            if !self.tags.contains(&tag) {
                let kind =
                    if tag.chars().next().is_some_and(char::is_uppercase) || tag.contains('-') {
                        "Vue component"
                    } else {
                        "HTML"
                    };
                self.report
                    .add(line.no, kind, format!("`<{tag}>` dropped, its text kept"));
                self.tags.push(tag);
            }
        }
        let marp_bg = self.dialect == Dialect::Marp && text.trim().starts_with("![bg");
        let kept = self.images(&Line { no: line.no, text }).text;
        if marp_bg && kept.trim().is_empty() {
            return None;
        }
        // A line that began with a tag loses the indentation before it
        // (an indented `<div>` is not code).
        let kept = if line.text.trim_start().starts_with('<') {
            kept.trim_start().to_string()
        } else {
            kept
        };
        let blank_before = line.text.trim().is_empty();
        if kept.trim().is_empty() && !blank_before {
            return None;
        }
        // Other tools' `{{ … }}` is not a lectern key term.
        let kept = kept.replace("{{", "\\{{");
        Some(Line {
            no: line.no,
            text: kept,
        })
    }
}

/// A `. . .` step line for line `no` (the writer keeps blank lines
/// around it).
fn pause(no: usize) -> Line {
    Line {
        no,
        text: PAUSE.into(),
    }
}

/// What a pause is written as.
pub const PAUSE: &str = ". . .";

/// Whether a line closes or opens a code fence.
fn is_fence_line(text: &str) -> bool {
    let t = text.trim_start();
    t.starts_with("```") || t.starts_with("~~~")
}
