//! Layouts of other tools as lectern's columns and steps: Slidev's
//! `layout:` and `::right::` slots, its `<v-click>`, Quarto's fenced divs
//! (columns, notes, fragments, callouts) and Marp's background pictures.

use super::{Div, Reader, pause};
use crate::import::html;
use crate::import::pictures;
use crate::import::source::{Dialect, Line, RawSlide};

impl Reader<'_> {
    /// Reports a layout the slide's front matter names.
    pub(super) fn layout(&mut self, layout: &str, raw: &RawSlide) {
        match layout {
            "default" | "two-cols" | "two-cols-header" | "cover" | "intro" | "center" => {}
            "image-right" | "image-left" => {
                if let Some(image) = raw.front.get("image") {
                    let line = Line {
                        no: raw.line,
                        text: format!("![]({image})"),
                    };
                    let kept = self.images(&line);
                    let text = (Some(50_u32), Vec::new());
                    let pic = (Some(50), vec![kept]);
                    let (cols, target) = if layout == "image-left" {
                        (vec![pic, text], 1)
                    } else {
                        (vec![text, pic], 0)
                    };
                    self.cols = Some(cols);
                    self.target = Some(target);
                    self.divs.push(Div::Column);
                }
            }
            other => self.report.add(
                raw.line,
                "layout",
                format!("Slidev layout `{other}` drawn as an ordinary slide"),
            ),
        }
    }
    /// Quarto's and Pandoc's fenced divs (`::: notes`, `:::: columns`,
    /// `::: {.column width="40%"}`, `.fragment`, `.incremental`,
    /// `.callout-note`); true when the line was one.
    pub(super) fn dialect_div(&mut self, line: &Line) -> bool {
        let t = line.text.trim();
        let colons = t.chars().take_while(|c| *c == ':').count();
        if colons < 3 || t.starts_with("::right::") || t.starts_with("::left::") {
            return false;
        }
        let rest = t[colons..].trim();
        if rest.is_empty() {
            self.close_div();
            return true;
        }
        let (classes, width) = html::div_classes(rest);
        let first = classes.first().map_or("", String::as_str);
        let div = match first {
            "notes" => Div::Notes,
            "columns" => {
                self.flush();
                self.cols = Some(Vec::new());
                self.target = None;
                Div::Columns
            }
            "column" => {
                // Text inside `columns` but outside any column comes first.
                self.flush();
                if let Some(cols) = &mut self.cols {
                    cols.push((width, Vec::new()));
                }
                Div::Column
            }
            "fragment" => {
                self.push(pause(line.no));
                Div::Plain
            }
            "incremental" => Div::Incremental,
            c if c.starts_with("callout") => {
                self.flush();
                let kind = match c {
                    "callout-tip" => "tip",
                    "callout-warning" | "callout-caution" | "callout-important" => "warning",
                    _ => "note",
                };
                self.callout = Some((kind, html::attribute(rest, "title")));
                Div::Callout
            }
            other => {
                self.report.add(
                    line.no,
                    "div",
                    format!("`{other}` dropped, its content kept"),
                );
                Div::Plain
            }
        };
        self.divs.push(div);
        true
    }
    /// Closes the innermost div.
    fn close_div(&mut self) {
        match self.divs.pop() {
            Some(Div::Columns) => {
                if let Some(cols) = self.cols.take() {
                    self.push_columns(cols);
                }
            }
            Some(Div::Callout) => {
                self.flush();
                self.callout = None;
            }
            _ => {}
        }
    }
    /// Slidev's `::left::` and `::right::` slots of a two-column layout;
    /// true when the line was one.
    pub(super) fn slot(&mut self, line: &Line) -> bool {
        let t = line.text.trim();
        if !matches!(t, "::right::" | "::left::" | "::default::") || self.dialect != Dialect::Slidev
        {
            return false;
        }
        self.target = None;
        match (t, &mut self.cols) {
            ("::left::", None) => {
                self.flush();
                self.cols = Some(vec![(None, Vec::new())]);
                self.divs.push(Div::Column);
            }
            ("::right::", None) => {
                let left = std::mem::take(&mut self.cur);
                self.cols = Some(vec![(None, left), (None, Vec::new())]);
                self.divs.push(Div::Column);
            }
            (_, Some(cols)) => cols.push((None, Vec::new())),
            _ => {}
        }
        true
    }
    /// Slidev's clicks: `<v-click>` is a step, `<v-clicks>` a step per
    /// item; true when the line was only such a tag.
    pub(super) fn clicks(&mut self, line: &Line) -> bool {
        let t = line.text.trim();
        if t.starts_with("<v-clicks") {
            self.divs.push(Div::Incremental);
            return true;
        }
        if t.starts_with("</v-clicks") {
            if let Some(at) = self.divs.iter().rposition(|d| *d == Div::Incremental) {
                self.divs.remove(at);
            }
            return true;
        }
        if t.starts_with("<v-click") || t.starts_with("<div v-click") {
            self.push(pause(line.no));
            let rest = html::strip_tags(t);
            if !rest.trim().is_empty() {
                let no = line.no;
                self.push(Line { no, text: rest });
            }
            return true;
        }
        t.starts_with("</v-click")
    }
    /// Marp's background pictures (`![bg right:40%](x)`) on a line: beside
    /// text they become a column, behind the slide they are dropped; other
    /// pictures are checked once the slide is read ([`pictures::check`]).
    pub(super) fn images(&mut self, line: &Line) -> Line {
        if self.dialect != Dialect::Marp || !line.text.contains("![bg") {
            return line.clone();
        }
        let mut out = String::new();
        let mut rest = line.text.as_str();
        while let Some(at) = rest.find("![") {
            out.push_str(&rest[..at]);
            let Some((alt, path, len)) = html::image_at(&rest[at..]) else {
                out.push_str("![");
                rest = &rest[at + 2..];
                continue;
            };
            if !alt.split_whitespace().any(|w| w == "bg") {
                out.push_str(&rest[at..at + len]);
            } else if let Some(p) = pictures::picture(&path, line.no, self.dir, self.report) {
                self.background(&alt, &p, line.no);
            }
            rest = &rest[at + len..];
        }
        out.push_str(rest);
        Line {
            no: line.no,
            text: out,
        }
    }
    /// Marp's `![bg right:40%](x)`: the picture as a column beside the
    /// slide's text; a full background picture is dropped.
    fn background(&mut self, alt: &str, path: &str, no: usize) {
        let side = alt.split_whitespace().find_map(|w| {
            let size = |r: &str| {
                r.trim_start_matches(':')
                    .trim_end_matches('%')
                    .parse::<u32>()
                    .ok()
            };
            match (w.strip_prefix("right"), w.strip_prefix("left")) {
                (Some(r), _) => Some((false, size(r))),
                (_, Some(l)) => Some((true, size(l))),
                _ => None,
            }
        });
        let picture = Line {
            no,
            text: format!("![]({path})"),
        };
        let Some((left, size)) = side else {
            self.report.add(
                no,
                "background image",
                format!("`{path}` behind the slide: left out"),
            );
            return;
        };
        if self.cols.is_some() {
            self.push(picture);
            return;
        }
        let width = size.filter(|w| (5..=95).contains(w)).unwrap_or(50);
        let side = if left { "left" } else { "right" };
        self.report.add(
            no,
            "background image",
            format!("`{path}` at the {side}: drawn as a column of {width}%"),
        );
        let text = (Some(100 - width), std::mem::take(&mut self.cur));
        let picture = (Some(width), vec![picture]);
        let (cols, target) = if left {
            (vec![picture, text], 1)
        } else {
            (vec![text, picture], 0)
        };
        self.cols = Some(cols);
        self.target = Some(target);
        self.divs.push(Div::Column);
    }
}
