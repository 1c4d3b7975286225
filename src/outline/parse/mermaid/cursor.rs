//! The cursor over one statement, and the reader both kinds of diagram
//! share: spans, labels, links, warnings.

use super::*;

/// A position inside one statement of the source.
pub(super) struct Cursor<'a> {
    /// The whole source.
    pub(super) src: &'a str,
    /// The current byte offset into `src`.
    pub(super) pos: usize,
    /// Where the statement ends.
    pub(super) end: usize,
}

impl<'a> Cursor<'a> {
    /// A cursor at the start of `range`.
    pub(super) fn new(src: &'a str, range: Range<usize>) -> Self {
        Self {
            src,
            pos: range.start,
            end: range.end,
        }
    }

    /// The text not read yet.
    pub(super) fn rest(&self) -> &'a str {
        self.src.get(self.pos..self.end).unwrap_or_default()
    }

    /// The next character.
    pub(super) fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    /// Whether the statement is read to its end.
    pub(super) fn at_end(&self) -> bool {
        self.rest().is_empty()
    }

    /// Reads `s` if it comes next.
    pub(super) fn eat(&mut self, s: &str) -> bool {
        let found = self.rest().starts_with(s);
        if found {
            self.pos += s.len();
        }
        found
    }

    /// Reads characters while `f` holds; returns how many bytes it read.
    pub(super) fn eat_while(&mut self, f: impl Fn(char) -> bool) -> usize {
        let rest = self.rest();
        let len = rest.find(|ch: char| !f(ch)).unwrap_or(rest.len());
        self.pos += len;
        len
    }

    /// Skips whitespace.
    pub(super) fn skip_ws(&mut self) {
        self.eat_while(char::is_whitespace);
    }

    /// Reads the next word (up to whitespace), after any whitespace.
    pub(super) fn word(&mut self) -> Range<usize> {
        self.skip_ws();
        let start = self.pos;
        self.eat_while(|ch| !ch.is_whitespace());
        start..self.pos
    }

    /// The token at the cursor (up to whitespace), for an error.
    pub(super) fn token(&self) -> Range<usize> {
        let rest = self.rest();
        let len = rest.find(char::is_whitespace).unwrap_or(rest.len());
        self.pos..self.pos + len
    }

    /// Reads a node id: letters, digits, `_`, and `-` inside (not one that
    /// starts an arrow).
    pub(super) fn ident(&mut self) -> Option<Range<usize>> {
        let rest = self.rest();
        let mut len = 0;
        for (i, ch) in rest.char_indices() {
            let after = rest.get(i + ch.len_utf8()..).unwrap_or_default();
            let inner_dash = ch == '-' && i > 0 && after.chars().next().is_some_and(id_char);
            if !id_char(ch) && !inner_dash {
                break;
            }
            len = i + ch.len_utf8();
        }
        if len == 0 {
            return None;
        }
        let start = self.pos;
        self.pos += len;
        Some(start..self.pos)
    }

    /// Reads `"…"`, returning the range inside the quotes (inside the
    /// backticks too, for a Mermaid markdown string "`…`").
    pub(super) fn quoted(&mut self) -> Option<Range<usize>> {
        let inner = self.rest().strip_prefix('"')?;
        let len = inner.find('"')?;
        let start = self.pos + 1;
        self.pos = start + len + 1;
        let text = inner.get(..len).unwrap_or_default();
        if text.len() >= 2 && text.starts_with('`') && text.ends_with('`') {
            return Some(start + 1..start + len - 1);
        }
        Some(start..start + len)
    }

    /// Reads an arrowhead of a flowchart link.
    pub(super) fn head(&mut self) -> Head {
        if self.eat(">") {
            Head::Arrow
        } else if self.eat("o") {
            Head::Circle
        } else if self.eat("x") {
            Head::Cross
        } else {
            Head::None
        }
    }
}

/// A flowchart link as written, before it joins nodes.
pub(super) struct Link {
    /// How the line is drawn.
    pub(super) stroke: Stroke,
    /// What ends it at the target.
    pub(super) head: Head,
    /// What ends it at the source.
    pub(super) tail: Head,
    /// Its text.
    pub(super) label: Option<Text>,
}

/// What both kinds of diagram read with: the source, spans, warnings.
pub(super) struct Reader<'a> {
    /// The Mermaid source.
    pub(super) src: &'a str,
    /// Maps a range of `src` to its span in the outline.
    pub(super) at: &'a dyn Fn(Range<usize>) -> Span,
    /// Warnings so far.
    pub(super) warnings: Vec<Diagnostic>,
    /// The kinds of construct already warned about.
    pub(super) warned: HashSet<String>,
}

impl<'a> Reader<'a> {
    /// The source text in a range.
    pub(super) fn slice(&self, range: Range<usize>) -> &'a str {
        self.src.get(range).unwrap_or_default()
    }

    /// The span of a range.
    pub(super) fn span(&self, range: Range<usize>) -> Span {
        (self.at)(range)
    }

    /// The text in a range, with line breaks turned into `\n`.
    pub(super) fn text(&self, range: Range<usize>) -> Text {
        Spanned::new(unbreak(self.slice(range.clone())), self.span(range))
    }

    /// The text in a range, if there is any.
    pub(super) fn label(&self, range: Range<usize>) -> Option<Text> {
        let text = self.text(range);
        (!text.value.is_empty()).then_some(text)
    }

    /// An error at a range.
    pub(super) fn error(
        &self,
        range: Range<usize>,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic::error(message).at(self.span(range)).hint(hint)
    }

    /// An error at the token under the cursor.
    pub(super) fn expected(&self, c: &Cursor<'_>, message: &str, hint: &str) -> Diagnostic {
        let d = self.error(c.token(), message, hint);
        if c.peek() == Some(';') {
            d.hint("write one statement per line")
        } else {
            d
        }
    }

    /// Warns about a kind of construct, the first time only.
    pub(super) fn warn_once(&mut self, kind: &str, range: Range<usize>, message: &str, hint: &str) {
        self.once(kind, Diagnostic::warning(message), range, hint);
    }

    /// Notes, once per kind, what lectern chose for the author.
    pub(super) fn note_once(&mut self, kind: &str, range: Range<usize>, message: &str, hint: &str) {
        self.once(kind, Diagnostic::note(message), range, hint);
    }

    /// Reports `d` at `range` the first time its kind comes up.
    fn once(&mut self, kind: &str, d: Diagnostic, range: Range<usize>, hint: &str) {
        if self.warned.insert(kind.to_owned()) {
            let d = d.at(self.span(range)).hint(hint);
            self.warnings.push(d);
        }
    }

    /// Warns that a kind of Mermaid styling is ignored.
    pub(super) fn styling(&mut self, kind: &str, range: Range<usize>) {
        let message =
            format!("Mermaid styling (`{kind}`) is ignored: lectern draws in the theme's colours");
        self.warn_once(
            kind,
            range,
            &message,
            "remove it; the theme sets every colour",
        );
    }

    /// The error for a first line that is not a kind lectern draws.
    pub(super) fn other_kind(&self, word: &str, range: Range<usize>) -> Diagnostic {
        if !OTHER_KINDS.contains(&word) {
            let hint = match did_you_mean(word, KINDS) {
                Some(kind) => format!("did you mean `{kind}`?"),
                None => "start with `flowchart LR` (boxes and arrows) or `sequenceDiagram`".into(),
            };
            let message = format!(
                "a Mermaid diagram starts with its kind (`flowchart` or `sequenceDiagram`), not `{word}`"
            );
            return self.error(range, message, hint);
        }
        let hint = match word {
            "gantt" | "timeline" => "draw it as a `chart:` with `kind: timeline`",
            "pie" => "draw it as a `chart:` with `kind: pie`",
            w if w.starts_with("xychart") => {
                "draw it as a `chart:` with `kind: bar` or `kind: line`"
            }
            _ => "draw it as a flowchart (`flowchart LR`), or show it as an image",
        };
        let message = format!(
            "lectern draws flowcharts and sequence diagrams; `{word}` is another kind of Mermaid diagram"
        );
        self.error(range, message, hint)
    }

    /// Reads a flowchart's direction (top down when there is none).
    pub(super) fn direction(&self, c: &mut Cursor<'_>) -> Result<Direction, Diagnostic> {
        c.skip_ws();
        let start = c.pos;
        c.eat_while(|ch| !ch.is_whitespace() && ch != ';');
        let word = self.slice(start..c.pos);
        let upper = word.to_ascii_uppercase();
        Ok(match upper.as_str() {
            "" | "TD" | "TB" | "V" => Direction::Down,
            "LR" | ">" => Direction::Right,
            "RL" | "<" => Direction::Left,
            "BT" | "^" => Direction::Up,
            _ => {
                let hint = match did_you_mean(&upper, DIRECTIONS) {
                    Some(d) => format!("did you mean `{d}`?"),
                    None => "write TD (top down), LR (left to right), BT or RL".into(),
                };
                let message = format!("unknown flowchart direction `{word}`");
                return Err(self.error(start..c.pos, message, hint));
            }
        })
    }

    /// Checks that nothing follows the first line's kind and direction.
    pub(super) fn header_end(&self, c: &mut Cursor<'_>) -> Result<(), Diagnostic> {
        c.skip_ws();
        if c.at_end() {
            return Ok(());
        }
        Err(self.expected(
            c,
            "expected the end of the first line here",
            "put each statement on its own line below the first",
        ))
    }

    /// Reads text up to `close`, quoted or not; `open` is where it opened,
    /// for the error when it never closes.
    pub(super) fn delimited(
        &self,
        c: &mut Cursor<'_>,
        open: Range<usize>,
        close: &str,
    ) -> Result<Range<usize>, Diagnostic> {
        let save = c.pos;
        c.skip_ws();
        if let Some(inner) = c.quoted() {
            c.skip_ws();
            if c.eat(close) {
                return Ok(inner);
            }
        }
        c.pos = save;
        let start = c.pos;
        match c.rest().find(close) {
            Some(len) => {
                c.pos += len + close.len();
                Ok(trim(self.src, start..start + len))
            }
            None => Err(self.error(
                open,
                format!("this text is never closed: expected `{close}`"),
                "close it, or quote text that holds brackets: `a[\"f(x) [1]\"]`",
            )),
        }
    }

    /// Reads a flowchart link (`-->`, `-- text -->`, `-.->|text|`, …), or
    /// nothing when none comes next.
    pub(super) fn link(&self, c: &mut Cursor<'_>) -> Result<Option<Link>, Diagnostic> {
        let start = c.pos;
        let mut chars = c.rest().chars();
        let tail = match (chars.next(), chars.next()) {
            (Some('<'), Some('-' | '=')) => Head::Arrow,
            (Some('o'), Some('-' | '=')) => Head::Circle,
            (Some('x'), Some('-' | '=')) => Head::Cross,
            _ => Head::None,
        };
        if tail != Head::None {
            c.pos += 1;
        }
        if c.rest().starts_with("~~~") {
            c.eat_while(|ch| ch == '~');
            return Ok(Some(Link {
                stroke: Stroke::Invisible,
                head: Head::None,
                tail,
                label: None,
            }));
        }
        let (stroke, len) = if c.eat("-.") {
            c.eat_while(|ch| ch == '.');
            let closed = c.eat_while(|ch| ch == '-') > 0;
            (Stroke::Dashed, if closed { 3 } else { 2 })
        } else if c.rest().starts_with("--") {
            (Stroke::Solid, c.eat_while(|ch| ch == '-'))
        } else if c.rest().starts_with("==") {
            (Stroke::Thick, c.eat_while(|ch| ch == '='))
        } else {
            c.pos = start;
            return Ok(None);
        };
        let head = c.head();
        if head == Head::None && len == 2 {
            let open = start..c.pos;
            let (label, head) = self.inline_label(c, stroke, open)?;
            return Ok(Some(Link {
                stroke,
                head,
                tail,
                label,
            }));
        }
        let save = c.pos;
        c.skip_ws();
        let mut label = None;
        if c.peek() == Some('|') {
            let open = c.pos..c.pos + 1;
            c.pos += 1;
            label = self.label(self.delimited(c, open, "|")?);
        } else {
            c.pos = save;
        }
        Ok(Some(Link {
            stroke,
            head,
            tail,
            label,
        }))
    }

    /// Reads the text of `a -- text --> b` and the rest of its arrow,
    /// returning the text and the arrow's head.
    pub(super) fn inline_label(
        &self,
        c: &mut Cursor<'_>,
        stroke: Stroke,
        open: Range<usize>,
    ) -> Result<(Option<Text>, Head), Diagnostic> {
        let close = match stroke {
            Stroke::Solid => "--",
            Stroke::Thick => "==",
            Stroke::Dashed | Stroke::Invisible => ".-",
        };
        c.skip_ws();
        let save = c.pos;
        let mut quoted = None;
        if let Some(inner) = c.quoted() {
            c.skip_ws();
            if c.rest().starts_with(close) {
                quoted = Some(inner);
            } else {
                c.pos = save;
            }
        }
        let text = match quoted {
            Some(range) => range,
            None => {
                let Some(len) = c.rest().find(close) else {
                    return Err(self.error(
                        open,
                        "this link's label is never closed",
                        "finish the arrow after the text (`a -- text --> b`), or write a plain arrow (`a --> b`)",
                    ));
                };
                let start = c.pos;
                c.pos += len;
                trim(self.src, start..start + len)
            }
        };
        match stroke {
            Stroke::Solid => {
                c.eat_while(|ch| ch == '-');
            }
            Stroke::Thick => {
                c.eat_while(|ch| ch == '=');
            }
            Stroke::Dashed | Stroke::Invisible => {
                c.eat_while(|ch| ch == '.');
                c.eat_while(|ch| ch == '-');
            }
        }
        Ok((self.label(text), c.head()))
    }
}
