//! Reading Mermaid into the diagram model: the flowchart and sequence
//! diagram subset that lecture decks use.
//!
//! Mermaid has no grammar worth copying, so this is a small hand-written
//! reader: one statement per line, a cursor over each, and every error
//! pointing at the token where reading stopped. Styling is ignored with one
//! warning per kind (the theme draws the colours); what cannot be drawn at
//! all (other kinds of diagram, `click`, `box`) is an error whose hint says
//! what to write instead.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use crate::diagnostics::{Diagnostic, Span, did_you_mean};
use crate::outline::diagram::*;
use crate::outline::{Spanned, Text};

/// Mermaid diagram kinds that lectern does not draw, named in the error.
const OTHER_KINDS: &[&str] = &[
    "classDiagram",
    "stateDiagram",
    "stateDiagram-v2",
    "erDiagram",
    "gantt",
    "pie",
    "journey",
    "gitGraph",
    "mindmap",
    "timeline",
    "quadrantChart",
    "requirementDiagram",
    "xychart",
    "xychart-beta",
    "sankey",
    "sankey-beta",
    "block",
    "block-beta",
    "packet",
    "packet-beta",
    "kanban",
    "architecture",
    "architecture-beta",
    "radar-beta",
    "treemap",
    "zenuml",
    "C4Context",
    "C4Container",
    "C4Component",
    "C4Dynamic",
    "C4Deployment",
];

/// The kinds lectern draws, for "did you mean".
const KINDS: &[&str] = &["flowchart", "graph", "sequenceDiagram"];

/// Flowchart directions, for "did you mean".
const DIRECTIONS: &[&str] = &["TD", "TB", "LR", "RL", "BT"];

/// Sequence diagram keywords, for "did you mean".
const SEQ_KEYWORDS: &[&str] = &[
    "participant",
    "actor",
    "activate",
    "deactivate",
    "autonumber",
    "Note",
    "loop",
    "alt",
    "else",
    "opt",
    "par",
    "and",
    "end",
    "rect",
];

/// Node shapes: opening and closing brackets, longer openers first.
/// (A hexagon, `{{…}}`, is drawn as a diamond; `(((…)))` as a circle.)
const SHAPES: &[(&str, &str, Shape)] = &[
    ("(((", ")))", Shape::Circle),
    ("([", "])", Shape::Stadium),
    ("[(", ")]", Shape::Cylinder),
    ("[[", "]]", Shape::Subroutine),
    ("((", "))", Shape::Circle),
    ("{{", "}}", Shape::Diamond),
    ("[", "]", Shape::Box),
    ("(", ")", Shape::Round),
    ("{", "}", Shape::Diamond),
];

/// Sequence arrows, longer ones first: the arrow, whether dashed, its head.
const SEQ_ARROWS: &[(&str, bool, Head)] = &[
    ("-->>", true, Head::Arrow),
    ("->>", false, Head::Arrow),
    ("--x", true, Head::Cross),
    ("--)", true, Head::Open),
    ("-->", true, Head::None),
    ("-x", false, Head::Cross),
    ("-)", false, Head::Open),
    ("->", false, Head::None),
];

/// The hint under a missing node.
const NODE_HINT: &str =
    "a node is an id with an optional shape: `api[API Server]`, `db[(Postgres)]`, `ok{Valid?}`";

/// The hint under a missing arrow.
const ARROW_HINT: &str =
    "link nodes with `-->`, `---`, `-.->` or `==>`, and label a link as `a -->|text| b`";

/// The hint under a sequence diagram line that is not understood.
const MESSAGE_HINT: &str =
    "write a message as `Alice->>Bob: hello`, or a note as `Note right of Bob: text`";

/// Reads a Mermaid diagram. `at` maps a byte range of `src` to its span in
/// the outline.
///
/// Returns the graph and warnings (constructs ignored), or the first error.
pub(crate) fn parse(
    src: &str,
    at: &dyn Fn(Range<usize>) -> Span,
) -> Result<(Graph, Vec<Diagnostic>), Diagnostic> {
    let mut rd = Reader {
        src,
        at,
        warnings: Vec::new(),
        warned: HashSet::new(),
    };
    let lines = statements(src);
    let mut body = lines.as_slice();
    if let Some(first) = body.first()
        && first.text == "---"
    {
        let Some(close) = body.iter().skip(1).position(|l| l.text == "---") else {
            return Err(rd.error(
                first.range(),
                "this front matter is never closed",
                "close it with a line `---`, or remove it",
            ));
        };
        let end = body
            .get(close + 1)
            .map_or(first.range().end, |l| l.range().end);
        rd.warn_once(
            "front matter",
            first.start..end,
            "Mermaid front matter (`---` … `---`) is ignored",
            "set the title in the outline and the colours in the theme",
        );
        body = body.get(close + 2..).unwrap_or(&[]);
    }
    let Some((head, body)) = body.split_first() else {
        return Err(rd.error(
            0..src.len(),
            "this Mermaid diagram is empty",
            "start with `flowchart LR` or `sequenceDiagram`, then one statement per line",
        ));
    };
    let mut c = Cursor::new(src, head.range());
    let kind = c.word();
    match rd.slice(kind.clone()) {
        "flowchart" | "flowchart-elk" | "graph" => {
            let direction = rd.direction(&mut c)?;
            rd.header_end(&mut c)?;
            let (flow, warnings) = FlowParser::new(rd, direction).run(head.range(), body)?;
            Ok((Graph::Flow(flow), warnings))
        }
        "sequenceDiagram" => {
            rd.header_end(&mut c)?;
            let (sequence, warnings) = SeqParser::new(rd).run(head.range(), body)?;
            Ok((Graph::Sequence(sequence), warnings))
        }
        other => Err(rd.other_kind(other, kind)),
    }
}

/// One statement: a source line without indentation or a final `;`.
struct Line<'a> {
    /// The statement's text, trimmed.
    text: &'a str,
    /// Where it starts in the source.
    start: usize,
}

impl<'a> Line<'a> {
    /// Its byte range in the source.
    fn range(&self) -> Range<usize> {
        self.start..self.start + self.text.len()
    }

    /// Its first word (up to whitespace), with that word's range.
    fn word(&self) -> (&'a str, Range<usize>) {
        let word = self.text.split_whitespace().next().unwrap_or_default();
        (word, self.start..self.start + word.len())
    }
}

/// Splits the source into statements, leaving out blank lines and `%%`
/// comments.
fn statements(src: &str) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let mut offset = 0;
    for raw in src.split_inclusive('\n') {
        let start = offset + (raw.len() - raw.trim_start().len());
        offset += raw.len();
        let text = raw.trim();
        let text = text.strip_suffix(';').map_or(text, str::trim_end);
        if !text.is_empty() && !text.starts_with("%%") {
            out.push(Line { text, start });
        }
    }
    out
}

/// Shrinks a range of `src` to leave out surrounding whitespace.
fn trim(src: &str, range: Range<usize>) -> Range<usize> {
    let text = src.get(range.clone()).unwrap_or_default();
    let start = range.start + (text.len() - text.trim_start().len());
    start..start + text.trim().len()
}

/// Turns Mermaid's line breaks (`<br>`, `<br/>`, `<br />`) into `\n`.
fn unbreak(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(i) = rest.find('<') {
        let (before, tail) = rest.split_at(i);
        out.push_str(before);
        let len = ["<br>", "<br/>", "<br />"]
            .iter()
            .find(|form| {
                tail.get(..form.len())
                    .is_some_and(|t| t.eq_ignore_ascii_case(form))
            })
            .map_or(0, |form| form.len());
        if len > 0 {
            out.push('\n');
            rest = tail.get(len..).unwrap_or_default();
        } else {
            out.push('<');
            rest = tail.get(1..).unwrap_or_default();
        }
    }
    out.push_str(rest);
    out
}

/// Whether a character may be part of a node id (non-ASCII letters, such
/// as Chinese, included).
fn id_char(ch: char) -> bool {
    ch.is_alphanumeric() || ch == '_' || (!ch.is_ascii() && !ch.is_whitespace())
}

/// Finds the first sequence arrow in `text`: its offset, the arrow,
/// whether it is dashed, and its head.
fn find_arrow(text: &str) -> Option<(usize, &'static str, bool, Head)> {
    text.char_indices()
        .filter(|&(_, ch)| ch == '-')
        .find_map(|(i, _)| {
            let rest = text.get(i..)?;
            SEQ_ARROWS
                .iter()
                .find(|&&(arrow, ..)| rest.starts_with(arrow))
                .map(|&(arrow, dashed, head)| (i, arrow, dashed, head))
        })
}

/// A position inside one statement of the source.
struct Cursor<'a> {
    /// The whole source.
    src: &'a str,
    /// The current byte offset into `src`.
    pos: usize,
    /// Where the statement ends.
    end: usize,
}

impl<'a> Cursor<'a> {
    /// A cursor at the start of `range`.
    fn new(src: &'a str, range: Range<usize>) -> Self {
        Self {
            src,
            pos: range.start,
            end: range.end,
        }
    }

    /// The text not read yet.
    fn rest(&self) -> &'a str {
        self.src.get(self.pos..self.end).unwrap_or_default()
    }

    /// The next character.
    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    /// Whether the statement is read to its end.
    fn at_end(&self) -> bool {
        self.rest().is_empty()
    }

    /// Reads `s` if it comes next.
    fn eat(&mut self, s: &str) -> bool {
        let found = self.rest().starts_with(s);
        if found {
            self.pos += s.len();
        }
        found
    }

    /// Reads characters while `f` holds; returns how many bytes it read.
    fn eat_while(&mut self, f: impl Fn(char) -> bool) -> usize {
        let rest = self.rest();
        let len = rest.find(|ch: char| !f(ch)).unwrap_or(rest.len());
        self.pos += len;
        len
    }

    /// Skips whitespace.
    fn skip_ws(&mut self) {
        self.eat_while(char::is_whitespace);
    }

    /// Reads the next word (up to whitespace), after any whitespace.
    fn word(&mut self) -> Range<usize> {
        self.skip_ws();
        let start = self.pos;
        self.eat_while(|ch| !ch.is_whitespace());
        start..self.pos
    }

    /// The token at the cursor (up to whitespace), for an error.
    fn token(&self) -> Range<usize> {
        let rest = self.rest();
        let len = rest.find(char::is_whitespace).unwrap_or(rest.len());
        self.pos..self.pos + len
    }

    /// Reads a node id: letters, digits, `_`, and `-` inside (not one that
    /// starts an arrow).
    fn ident(&mut self) -> Option<Range<usize>> {
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
    fn quoted(&mut self) -> Option<Range<usize>> {
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
    fn head(&mut self) -> Head {
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
struct Link {
    /// How the line is drawn.
    stroke: Stroke,
    /// What ends it at the target.
    head: Head,
    /// What ends it at the source.
    tail: Head,
    /// Its text.
    label: Option<Text>,
}

/// What both kinds of diagram read with: the source, spans, warnings.
struct Reader<'a> {
    /// The Mermaid source.
    src: &'a str,
    /// Maps a range of `src` to its span in the outline.
    at: &'a dyn Fn(Range<usize>) -> Span,
    /// Warnings so far.
    warnings: Vec<Diagnostic>,
    /// The kinds of construct already warned about.
    warned: HashSet<String>,
}

impl<'a> Reader<'a> {
    /// The source text in a range.
    fn slice(&self, range: Range<usize>) -> &'a str {
        self.src.get(range).unwrap_or_default()
    }

    /// The span of a range.
    fn span(&self, range: Range<usize>) -> Span {
        (self.at)(range)
    }

    /// The text in a range, with line breaks turned into `\n`.
    fn text(&self, range: Range<usize>) -> Text {
        Spanned::new(unbreak(self.slice(range.clone())), self.span(range))
    }

    /// The text in a range, if there is any.
    fn label(&self, range: Range<usize>) -> Option<Text> {
        let text = self.text(range);
        (!text.value.is_empty()).then_some(text)
    }

    /// An error at a range.
    fn error(
        &self,
        range: Range<usize>,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic::error(message).at(self.span(range)).hint(hint)
    }

    /// An error at the token under the cursor.
    fn expected(&self, c: &Cursor<'_>, message: &str, hint: &str) -> Diagnostic {
        let d = self.error(c.token(), message, hint);
        if c.peek() == Some(';') {
            d.hint("write one statement per line")
        } else {
            d
        }
    }

    /// Warns about a kind of construct, the first time only.
    fn warn_once(&mut self, kind: &str, range: Range<usize>, message: &str, hint: &str) {
        if !self.warned.insert(kind.to_owned()) {
            return;
        }
        let d = Diagnostic::warning(message).at(self.span(range)).hint(hint);
        self.warnings.push(d);
    }

    /// Warns that a kind of Mermaid styling is ignored.
    fn styling(&mut self, kind: &str, range: Range<usize>) {
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
    fn other_kind(&self, word: &str, range: Range<usize>) -> Diagnostic {
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
    fn direction(&self, c: &mut Cursor<'_>) -> Result<Direction, Diagnostic> {
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
    fn header_end(&self, c: &mut Cursor<'_>) -> Result<(), Diagnostic> {
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
    fn delimited(
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
    fn link(&self, c: &mut Cursor<'_>) -> Result<Option<Link>, Diagnostic> {
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
    fn inline_label(
        &self,
        c: &mut Cursor<'_>,
        stroke: Stroke,
        open: Range<usize>,
    ) -> Result<(Option<Text>, Head), Diagnostic> {
        let close = match stroke {
            Stroke::Solid => "--",
            Stroke::Thick => "==",
            Stroke::Dashed => ".-",
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
            Stroke::Dashed => {
                c.eat_while(|ch| ch == '.');
                c.eat_while(|ch| ch == '-');
            }
        }
        Ok((self.label(text), c.head()))
    }
}

/// A flowchart being read.
struct FlowParser<'a> {
    /// The source and warnings.
    rd: Reader<'a>,
    /// Which way it runs.
    direction: Direction,
    /// The nodes so far.
    nodes: Vec<Node>,
    /// Node indices by id.
    index: HashMap<String, usize>,
    /// Each node's group, if any.
    group_of: Vec<Option<usize>>,
    /// The groups, in the order they opened.
    groups: Vec<Group>,
    /// The ids of subgraphs, which edges cannot reach.
    subgraphs: HashSet<String>,
    /// The open subgraphs, innermost last: group index and `subgraph` line.
    open: Vec<(usize, Range<usize>)>,
    /// The edges, up to the limit.
    edges: Vec<Edge>,
    /// How many edges were written, beyond the limit too.
    edge_count: usize,
    /// The first node past the limit.
    too_many_nodes: Option<Range<usize>>,
    /// The statement with the first edge past the limit.
    too_many_edges: Option<Range<usize>>,
}

impl<'a> FlowParser<'a> {
    /// An empty flowchart.
    fn new(rd: Reader<'a>, direction: Direction) -> Self {
        Self {
            rd,
            direction,
            nodes: Vec::new(),
            index: HashMap::new(),
            group_of: Vec::new(),
            groups: Vec::new(),
            subgraphs: HashSet::new(),
            open: Vec::new(),
            edges: Vec::new(),
            edge_count: 0,
            too_many_nodes: None,
            too_many_edges: None,
        }
    }

    /// Reads every statement after the first line.
    fn run(
        mut self,
        header: Range<usize>,
        body: &[Line<'_>],
    ) -> Result<(Flow, Vec<Diagnostic>), Diagnostic> {
        for line in body {
            let (word, kw) = line.word();
            match word {
                "subgraph" => self.subgraph(line, kw)?,
                "end" => {
                    if self.open.pop().is_none() {
                        return Err(self.rd.error(
                            kw,
                            "`end` without a `subgraph` to close",
                            "remove it, or open a group first: `subgraph name` … `end`",
                        ));
                    }
                }
                "direction" => self.rd.warn_once(
                    "direction",
                    kw,
                    "`direction` inside a subgraph is ignored: the whole flowchart runs one way",
                    "set the direction once, on the first line (`flowchart LR`)",
                ),
                "classDef" | "class" | "style" | "linkStyle" => self.rd.styling(word, kw),
                "click" => {
                    return Err(self.rd.error(
                        kw,
                        "`click` makes a node interactive, which a slide cannot be",
                        "remove the line; put the link on the slide or in the notes",
                    ));
                }
                _ => self.statement(line)?,
            }
        }
        if let Some((_, line)) = self.open.last() {
            return Err(self.rd.error(
                line.clone(),
                "this subgraph is never closed",
                "close it with `end` on its own line",
            ));
        }
        if let Some(range) = &self.too_many_nodes {
            let message = format!(
                "this diagram has {} nodes; a slide holds at most {MAX_NODES}",
                self.nodes.len()
            );
            let hint = "split it over several slides, or group the details into fewer boxes";
            return Err(self.rd.error(range.clone(), message, hint));
        }
        if let Some(range) = &self.too_many_edges {
            let message = format!(
                "this diagram has {} edges; a slide holds at most {MAX_EDGES}",
                self.edge_count
            );
            return Err(self
                .rd
                .error(range.clone(), message, "split it over several slides"));
        }
        if self.nodes.is_empty() {
            return Err(self.rd.error(
                header,
                "this flowchart has no nodes",
                "add one statement per line, e.g. `a[Start] --> b[End]`",
            ));
        }
        let flow = Flow {
            direction: self.direction,
            nodes: self.nodes,
            edges: self.edges,
            groups: self
                .groups
                .into_iter()
                .filter(|g| !g.nodes.is_empty())
                .collect(),
        };
        Ok((flow, self.rd.warnings))
    }

    /// Opens a group: `subgraph id [title]`, `subgraph id["title"]` or
    /// `subgraph Any title`.
    fn subgraph(&mut self, line: &Line<'_>, kw: Range<usize>) -> Result<(), Diagnostic> {
        let rest = trim(self.rd.src, kw.end..line.range().end);
        if rest.is_empty() {
            return Err(self.rd.error(
                kw,
                "this subgraph has no title",
                "write `subgraph api [API layer]`, then its nodes, then `end`",
            ));
        }
        let mut c = Cursor::new(self.rd.src, rest.clone());
        let (id, title) = if let Some(inner) = c.quoted() {
            (inner.clone(), inner)
        } else if let Some(id) = c.ident() {
            c.skip_ws();
            if c.at_end() {
                (id.clone(), id)
            } else if c.peek() == Some('[') {
                let open = c.pos..c.pos + 1;
                c.pos += 1;
                (id, self.rd.delimited(&mut c, open, "]")?)
            } else {
                (rest.clone(), rest)
            }
        } else {
            (rest.clone(), rest)
        };
        if !self.open.is_empty() {
            self.rd.warn_once(
                "nested subgraph",
                kw,
                "nested subgraphs are drawn side by side: a node belongs to its innermost subgraph only",
                "put the nodes of the outer subgraph in it directly, or split the diagram",
            );
        }
        self.subgraphs.insert(self.rd.slice(id).to_owned());
        let label = self.rd.text(title);
        self.open.push((self.groups.len(), line.range()));
        self.groups.push(Group {
            label,
            nodes: Vec::new(),
        });
        Ok(())
    }

    /// Reads a statement of nodes and links: `a & b --> c -->|x| d`.
    fn statement(&mut self, line: &Line<'_>) -> Result<(), Diagnostic> {
        let mut c = Cursor::new(self.rd.src, line.range());
        let mut left = self.nodes(&mut c)?;
        let mut linked = false;
        loop {
            c.skip_ws();
            if c.at_end() {
                break;
            }
            let Some(link) = self.rd.link(&mut c)? else {
                return Err(self.rd.expected(&c, "expected an arrow here", ARROW_HINT));
            };
            c.skip_ws();
            let right = self.nodes(&mut c)?;
            self.connect(&left, &right, &link, line.range());
            left = right;
            linked = true;
        }
        // Nodes listed on their own inside a subgraph move into it.
        if !linked && let Some(&(group, _)) = self.open.last() {
            for node in left {
                self.join(node, group);
            }
        }
        Ok(())
    }

    /// Reads nodes joined by `&`.
    fn nodes(&mut self, c: &mut Cursor<'_>) -> Result<Vec<usize>, Diagnostic> {
        let mut out = vec![self.node(c)?];
        loop {
            let save = c.pos;
            c.skip_ws();
            if !c.eat("&") {
                c.pos = save;
                return Ok(out);
            }
            c.skip_ws();
            out.push(self.node(c)?);
        }
    }

    /// Reads one node: an id, its shape and text if given, and a
    /// `:::class` (ignored).
    fn node(&mut self, c: &mut Cursor<'_>) -> Result<usize, Diagnostic> {
        let Some(id) = c.ident() else {
            return Err(self.rd.expected(c, "expected a node id here", NODE_HINT));
        };
        let mut label = None;
        for &(open, close, shape) in SHAPES {
            let start = c.pos;
            if c.eat(open) {
                let open = start..c.pos;
                let text = self.rd.delimited(c, open, close)?;
                label = Some((self.rd.text(text), shape));
                break;
            }
        }
        let start = c.pos;
        if c.eat(":::") {
            c.ident();
            self.rd.styling(":::class", start..c.pos);
        }
        self.node_at(id, label)
    }

    /// The index of the node with the id in `id`, added if new; a label
    /// given replaces the one before.
    fn node_at(
        &mut self,
        id: Range<usize>,
        label: Option<(Text, Shape)>,
    ) -> Result<usize, Diagnostic> {
        let name = self.rd.slice(id.clone());
        if let Some(&i) = self.index.get(name) {
            if let Some((text, shape)) = label
                && let Some(node) = self.nodes.get_mut(i)
            {
                node.label = text;
                node.shape = shape;
            }
            return Ok(i);
        }
        if self.subgraphs.contains(name) {
            return Err(self.rd.error(
                id,
                format!("`{name}` is a subgraph; lectern draws edges between nodes only"),
                "link to a node inside the subgraph instead",
            ));
        }
        let (label, shape) = label.unwrap_or_else(|| (self.rd.text(id.clone()), Shape::Box));
        let i = self.nodes.len();
        self.nodes.push(Node {
            id: name.to_owned(),
            label,
            shape,
        });
        self.index.insert(name.to_owned(), i);
        self.group_of.push(None);
        if let Some(&(group, _)) = self.open.last() {
            self.join(i, group);
        }
        if self.nodes.len() == MAX_NODES + 1 {
            self.too_many_nodes = Some(id);
        }
        Ok(i)
    }

    /// Puts a node in a group, taking it out of any other.
    fn join(&mut self, node: usize, group: usize) {
        let Some(slot) = self.group_of.get_mut(node) else {
            return;
        };
        if *slot == Some(group) {
            return;
        }
        if let Some(old) = slot.replace(group)
            && let Some(g) = self.groups.get_mut(old)
        {
            g.nodes.retain(|&n| n != node);
        }
        if let Some(g) = self.groups.get_mut(group) {
            g.nodes.push(node);
        }
    }

    /// Adds an edge from every node of `from` to every node of `to`.
    fn connect(&mut self, from: &[usize], to: &[usize], link: &Link, line: Range<usize>) {
        for &a in from {
            for &b in to {
                self.edge_count += 1;
                if self.edge_count == MAX_EDGES + 1 {
                    self.too_many_edges = Some(line.clone());
                }
                if self.edge_count > MAX_EDGES {
                    continue;
                }
                self.edges.push(Edge {
                    from: a,
                    to: b,
                    label: link.label.clone(),
                    stroke: link.stroke,
                    head: link.head,
                    tail: link.tail,
                    span: self.rd.span(line.clone()),
                });
            }
        }
    }
}

/// A sequence diagram being read.
struct SeqParser<'a> {
    /// The source and warnings.
    rd: Reader<'a>,
    /// The participants so far.
    participants: Vec<Participant>,
    /// Participant indices by id.
    index: HashMap<String, usize>,
    /// How many activations each participant has open.
    active: Vec<usize>,
    /// The rows so far.
    events: Vec<Event>,
    /// The open frames, innermost last (`None` for an ignored `rect`),
    /// with their keyword.
    frames: Vec<(Option<FrameKind>, Range<usize>)>,
    /// Whether messages are numbered.
    autonumber: bool,
    /// How many messages were written.
    messages: usize,
    /// The first participant past the limit.
    too_many_participants: Option<Range<usize>>,
    /// The first message past the limit.
    too_many_messages: Option<Range<usize>>,
}

impl<'a> SeqParser<'a> {
    /// An empty sequence diagram.
    fn new(rd: Reader<'a>) -> Self {
        Self {
            rd,
            participants: Vec::new(),
            index: HashMap::new(),
            active: Vec::new(),
            events: Vec::new(),
            frames: Vec::new(),
            autonumber: false,
            messages: 0,
            too_many_participants: None,
            too_many_messages: None,
        }
    }

    /// Reads every statement after the first line.
    fn run(
        mut self,
        header: Range<usize>,
        body: &[Line<'_>],
    ) -> Result<(Sequence, Vec<Diagnostic>), Diagnostic> {
        for line in body {
            self.statement(line)?;
        }
        if let Some((_, kw)) = self.frames.last() {
            let name = self.rd.slice(kw.clone());
            return Err(self.rd.error(
                kw.clone(),
                format!("this `{name}` is never closed"),
                "close it with `end` on its own line",
            ));
        }
        if let Some(range) = &self.too_many_participants {
            let message = format!(
                "this diagram has {} participants; a slide holds at most {MAX_NODES}",
                self.participants.len()
            );
            return Err(self
                .rd
                .error(range.clone(), message, "split it over several slides"));
        }
        if let Some(range) = &self.too_many_messages {
            let message = format!(
                "this diagram has {} messages; a slide holds at most {MAX_EDGES}",
                self.messages
            );
            return Err(self
                .rd
                .error(range.clone(), message, "split it over several slides"));
        }
        if self.participants.is_empty() {
            return Err(self.rd.error(
                header,
                "this sequence diagram has no participants",
                "add one message per line, e.g. `Alice->>Bob: hello`",
            ));
        }
        let sequence = Sequence {
            participants: self.participants,
            events: self.events,
            autonumber: self.autonumber,
        };
        Ok((sequence, self.rd.warnings))
    }

    /// Reads one statement: a keyword line or a message.
    fn statement(&mut self, line: &Line<'_>) -> Result<(), Diagnostic> {
        let (word, kw) = line.word();
        let rest = trim(self.rd.src, kw.end..line.range().end);
        let frame = match word {
            "loop" => Some(FrameKind::Loop),
            "alt" => Some(FrameKind::Alt),
            "opt" => Some(FrameKind::Opt),
            "par" => Some(FrameKind::Par),
            _ => None,
        };
        if let Some(kind) = frame {
            let label = self.rd.text(rest);
            self.events.push(Event::Open { kind, label });
            self.frames.push((Some(kind), kw));
            return Ok(());
        }
        match word {
            "participant" | "actor" => self.declare(word, kw, rest),
            "activate" => {
                let who = self.who(rest, "a participant")?;
                self.activate(who);
                Ok(())
            }
            "deactivate" => {
                let who = self.who(rest.clone(), "a participant")?;
                self.deactivate(who, rest)
            }
            "autonumber" => {
                self.autonumber = self.rd.slice(rest) != "off";
                Ok(())
            }
            "title" | "title:" => {
                self.rd.warn_once(
                    "title",
                    kw,
                    "Mermaid `title` is ignored",
                    "give the slide a `title:` instead",
                );
                Ok(())
            }
            "else" | "and" => self.branch(word, kw, rest),
            "end" => match self.frames.pop() {
                Some((Some(_), _)) => {
                    self.events.push(Event::Close);
                    Ok(())
                }
                Some((None, _)) => Ok(()),
                None => Err(self.rd.error(
                    kw,
                    "`end` without a frame to close",
                    "remove it, or open a frame first: `loop`, `alt`, `opt` or `par`",
                )),
            },
            "rect" => {
                self.rd.warn_once(
                    "rect",
                    kw.clone(),
                    "`rect` backgrounds are ignored: lectern draws in the theme's colours",
                    "remove the `rect` line and its `end`",
                );
                self.frames.push((None, kw));
                Ok(())
            }
            "critical" | "break" => Err(self.rd.error(
                kw,
                format!("`{word}` frames are not drawn by lectern"),
                "use `opt …` or `alt … else … end` instead",
            )),
            "box" => Err(self.rd.error(
                kw,
                "Mermaid `box` groups are not drawn",
                "remove the `box` line and its `end`; participants stand side by side",
            )),
            "create" | "destroy" => Err(self.rd.error(
                kw,
                format!("`{word}` is not supported: every lifeline runs from top to bottom"),
                "declare the participant at the top with `participant`, and leave this line out",
            )),
            "link" | "links" | "properties" | "details" => Err(self.rd.error(
                kw,
                format!("`{word}` makes a participant interactive, which a slide cannot be"),
                "remove the line",
            )),
            w if w.eq_ignore_ascii_case("note") => self.note(kw, rest),
            _ => self.message(line),
        }
    }

    /// Reads `participant A`, `participant A as Alice` or `actor B as Bob`.
    fn declare(
        &mut self,
        word: &str,
        kw: Range<usize>,
        rest: Range<usize>,
    ) -> Result<(), Diagnostic> {
        let src = self.rd.src;
        let (id, alias) = match self.rd.slice(rest.clone()).find(" as ") {
            Some(i) => (
                trim(src, rest.start..rest.start + i),
                trim(src, rest.start + i + 4..rest.end),
            ),
            None => (rest.clone(), rest),
        };
        if id.is_empty() {
            return Err(self.rd.error(
                kw,
                format!("`{word}` needs an id"),
                format!("write `{word} A` or `{word} A as Alice`"),
            ));
        }
        let actor = word == "actor";
        let label = self.rd.text(alias);
        match self.index.get(self.rd.slice(id.clone())) {
            Some(&i) => {
                if let Some(p) = self.participants.get_mut(i) {
                    p.label = label;
                    p.actor = actor;
                }
            }
            None => {
                self.add(id, label, actor);
            }
        }
        Ok(())
    }

    /// Adds a participant; returns its index.
    fn add(&mut self, id: Range<usize>, label: Text, actor: bool) -> usize {
        let name = self.rd.slice(id.clone());
        let i = self.participants.len();
        self.participants.push(Participant {
            id: name.to_owned(),
            label,
            actor,
        });
        self.index.insert(name.to_owned(), i);
        self.active.push(0);
        if self.participants.len() == MAX_NODES + 1 {
            self.too_many_participants = Some(id);
        }
        i
    }

    /// The participant named in `range`, added on first mention; `what`
    /// names it in the error when the range is empty.
    fn who(&mut self, range: Range<usize>, what: &str) -> Result<usize, Diagnostic> {
        let name = self.rd.slice(range.clone());
        if name.is_empty() {
            return Err(self.rd.error(
                range,
                format!("expected {what} here"),
                "name participants by id: `Alice->>Bob: hello`, `activate Bob`",
            ));
        }
        if let Some(&i) = self.index.get(name) {
            return Ok(i);
        }
        let label = self.rd.text(range.clone());
        Ok(self.add(range, label, false))
    }

    /// Starts an activation bar.
    fn activate(&mut self, who: usize) {
        self.events.push(Event::Activate(who));
        if let Some(n) = self.active.get_mut(who) {
            *n += 1;
        }
    }

    /// Ends an activation bar; `at` is what asked for it.
    fn deactivate(&mut self, who: usize, at: Range<usize>) -> Result<(), Diagnostic> {
        match self.active.get_mut(who) {
            Some(n) if *n > 0 => {
                *n -= 1;
                self.events.push(Event::Deactivate(who));
                Ok(())
            }
            _ => {
                let name = self.participants.get(who).map_or("", |p| p.id.as_str());
                Err(self.rd.error(
                    at,
                    format!("`{name}` is not active here"),
                    format!(
                        "activate it first: `activate {name}`, or `->>+{name}` on a message to it"
                    ),
                ))
            }
        }
    }

    /// Reads `else …` (inside `alt`) or `and …` (inside `par`).
    fn branch(
        &mut self,
        word: &str,
        kw: Range<usize>,
        rest: Range<usize>,
    ) -> Result<(), Diagnostic> {
        let want = if word == "else" {
            FrameKind::Alt
        } else {
            FrameKind::Par
        };
        let inner = self.frames.iter().rev().find_map(|(kind, _)| *kind);
        if inner != Some(want) {
            let frame = want.keyword();
            let message = match inner {
                Some(k) => format!(
                    "`{word}` inside `{}`: it belongs to `{frame} … end`",
                    k.keyword()
                ),
                None => format!("`{word}` outside `{frame} … end`"),
            };
            let hint = format!("open the frame with `{frame} …`, then `{word} …`, then `end`");
            return Err(self.rd.error(kw, message, hint));
        }
        let label = self.rd.text(rest);
        self.events.push(Event::Branch { label });
        Ok(())
    }

    /// Reads `Note left of A: text`, `Note right of A: text`,
    /// `Note over A: text` or `Note over A,B: text`.
    fn note(&mut self, kw: Range<usize>, rest: Range<usize>) -> Result<(), Diagnostic> {
        let hint = "write `Note right of A: text` or `Note over A,B: text`";
        let src = self.rd.src;
        let mut c = Cursor::new(src, rest);
        let side_word = c.word();
        let side = match self
            .rd
            .slice(side_word.clone())
            .to_ascii_lowercase()
            .as_str()
        {
            "left" => NoteSide::Left,
            "right" => NoteSide::Right,
            "over" => NoteSide::Over,
            _ => {
                let at = if side_word.is_empty() { kw } else { side_word };
                return Err(self.rd.error(
                    at,
                    "expected `left of`, `right of` or `over` here",
                    hint,
                ));
            }
        };
        if side != NoteSide::Over {
            let of = c.word();
            if !self.rd.slice(of.clone()).eq_ignore_ascii_case("of") {
                return Err(self.rd.error(of, "expected `of` here", hint));
            }
        }
        c.skip_ws();
        let Some(colon) = c.rest().find(':') else {
            return Err(self
                .rd
                .error(c.pos..c.end, "a note needs its text after `:`", hint));
        };
        let names = c.pos..c.pos + colon;
        let text = trim(src, c.pos + colon + 1..c.end);
        let mut who = Vec::new();
        let mut start = names.start;
        for part in self.rd.slice(names.clone()).split(',') {
            who.push(self.who(trim(src, start..start + part.len()), "a participant")?);
            start += part.len() + 1;
        }
        if who.len() > 2 || (who.len() == 2 && side != NoteSide::Over) {
            return Err(self.rd.error(
                names,
                "a note spans two participants at most, and only `over` them",
                "write `Note over A,B: text`",
            ));
        }
        let first = who.iter().copied().min().unwrap_or_default();
        let last = who.iter().copied().max().unwrap_or_default();
        let text = self.rd.text(text);
        self.events.push(Event::Note {
            side,
            first,
            last,
            text,
        });
        Ok(())
    }

    /// Reads a message: `A->>B: text`, `A-->>-B`, `A -) B: text`, …
    fn message(&mut self, line: &Line<'_>) -> Result<(), Diagnostic> {
        let src = self.rd.src;
        let end = line.range().end;
        let names = line.text.split(':').next().unwrap_or_default();
        if let Some(i) = names.find("<<") {
            return Err(self.rd.error(
                line.start + i..line.start + i + 2,
                "two-headed messages are not drawn",
                "write two messages, one each way",
            ));
        }
        let Some((i, arrow, dashed, head)) = find_arrow(names) else {
            let (word, kw) = line.word();
            let hint = match did_you_mean(word, SEQ_KEYWORDS) {
                Some(k) => format!("did you mean `{k}`?"),
                None => MESSAGE_HINT.to_string(),
            };
            let message = format!("expected a message or a keyword, found `{word}`");
            return Err(self.rd.error(kw, message, hint));
        };
        let arrow = line.start + i..line.start + i + arrow.len();
        let mut c = Cursor::new(src, arrow.end..end);
        c.skip_ws();
        let sign = c.pos;
        let activation = if c.eat("+") {
            Some(true)
        } else if c.eat("-") {
            Some(false)
        } else {
            None
        };
        let sign = sign..c.pos;
        let (to, text) = match c.rest().find(':') {
            Some(j) => (trim(src, c.pos..c.pos + j), trim(src, c.pos + j + 1..end)),
            None => (trim(src, c.pos..end), end..end),
        };
        let from = self.who(trim(src, line.start..arrow.start), "the sender")?;
        let to = self.who(to, "the receiver")?;
        let text = self.rd.text(text);
        let span = self.rd.span(line.range());
        self.events.push(Event::Message(Message {
            from,
            to,
            text,
            dashed,
            head,
            span,
        }));
        self.messages += 1;
        if self.messages == MAX_EDGES + 1 {
            self.too_many_messages = Some(line.range());
        }
        match activation {
            Some(true) => self.activate(to),
            Some(false) => self.deactivate(from, sign)?,
            None => {}
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::FileRef;

    fn at(range: Range<usize>) -> Span {
        Span::new(FileRef(0), range)
    }

    fn flow(src: &str) -> (Flow, Vec<Diagnostic>) {
        match parse(src, &at) {
            Ok((Graph::Flow(f), w)) => (f, w),
            other => panic!("not a flowchart: {other:?}"),
        }
    }

    fn seq(src: &str) -> (Sequence, Vec<Diagnostic>) {
        match parse(src, &at) {
            Ok((Graph::Sequence(s), w)) => (s, w),
            other => panic!("not a sequence diagram: {other:?}"),
        }
    }

    /// The error and the source text it points at.
    fn fails(src: &str) -> (Diagnostic, &str) {
        let d = parse(src, &at).unwrap_err();
        let range = d.span.clone().map(|s| s.range).unwrap_or_default();
        (d, &src[range])
    }

    fn ids<'f>(f: &'f Flow, nodes: &[usize]) -> Vec<&'f str> {
        nodes.iter().map(|&n| f.nodes[n].id.as_str()).collect()
    }

    #[test]
    fn reads_every_shape() {
        let src = "flowchart LR\n  a[Box] --> b(Round)\n  c([Pill]) --> d[(DB)]\n  e{Ok?} --> f((Hub))\n  g[[Sub]] --> h\n";
        let (f, w) = flow(src);
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(f.direction, Direction::Right);
        let got: Vec<_> = f
            .nodes
            .iter()
            .map(|n| (n.id.as_str(), n.label.value.as_str(), n.shape))
            .collect();
        assert_eq!(
            got,
            [
                ("a", "Box", Shape::Box),
                ("b", "Round", Shape::Round),
                ("c", "Pill", Shape::Stadium),
                ("d", "DB", Shape::Cylinder),
                ("e", "Ok?", Shape::Diamond),
                ("f", "Hub", Shape::Circle),
                ("g", "Sub", Shape::Subroutine),
                ("h", "h", Shape::Box),
            ]
        );
        assert_eq!(&src[f.nodes[3].label.span.range.clone()], "DB");
        assert_eq!(f.edges.len(), 4);
    }

    #[test]
    fn chains_and_ampersands_make_every_edge() {
        let src = "graph TD\n  x-ray & b_2 --> c & d-->e\n";
        let (f, _) = flow(src);
        let pairs: Vec<_> = f
            .edges
            .iter()
            .map(|e| (f.nodes[e.from].id.as_str(), f.nodes[e.to].id.as_str()))
            .collect();
        assert_eq!(
            pairs,
            [
                ("x-ray", "c"),
                ("x-ray", "d"),
                ("b_2", "c"),
                ("b_2", "d"),
                ("c", "e"),
                ("d", "e")
            ]
        );
        assert_eq!(
            &src[f.edges[0].span.range.clone()],
            "x-ray & b_2 --> c & d-->e"
        );
    }

    #[test]
    fn reads_every_arrow() {
        let src = "flowchart LR\na --> b\na --- c\na -.-> d\na ==> e\na --o f\na --x g\na <--> h\na ---> i\na -.- j\n";
        let (f, _) = flow(src);
        let got: Vec<_> = f.edges.iter().map(|e| (e.stroke, e.head, e.tail)).collect();
        use crate::outline::diagram::Head::{Arrow, Circle, Cross, None as No};
        use crate::outline::diagram::Stroke::{Dashed, Solid, Thick};
        assert_eq!(
            got,
            [
                (Solid, Arrow, No),
                (Solid, No, No),
                (Dashed, Arrow, No),
                (Thick, Arrow, No),
                (Solid, Circle, No),
                (Solid, Cross, No),
                (Solid, Arrow, Arrow),
                (Solid, Arrow, No),
                (Dashed, No, No),
            ]
        );
    }

    #[test]
    fn reads_labels_in_both_syntaxes() {
        let src = "flowchart LR\na -->|yes| b\na -- no --> c\na -. maybe .-> d\na == sure ==> e\na -->|\"x | y\"| f\n";
        let (f, _) = flow(src);
        let got: Vec<_> = f
            .edges
            .iter()
            .map(|e| {
                let label = e.label.as_ref().unwrap();
                (
                    label.value.as_str(),
                    &src[label.span.range.clone()],
                    e.stroke,
                    e.head,
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("yes", "yes", Stroke::Solid, Head::Arrow),
                ("no", "no", Stroke::Solid, Head::Arrow),
                ("maybe", "maybe", Stroke::Dashed, Head::Arrow),
                ("sure", "sure", Stroke::Thick, Head::Arrow),
                ("x | y", "x | y", Stroke::Solid, Head::Arrow),
            ]
        );
        assert_eq!(ids(&f, &[f.edges[4].to]), ["f"]);
    }

    #[test]
    fn subgraphs_become_flat_groups() {
        let src = "flowchart TB\n  subgraph cp [控制平面]\n    direction LR\n    api[API] --> etcd[(etcd)]\n    subgraph inner[\"Inner one\"]\n      sched\n    end\n  end\n  subgraph Worker nodes\n    kubelet\n    api\n  end\n  kubelet --> api\n";
        let (f, w) = flow(src);
        let groups: Vec<_> = f
            .groups
            .iter()
            .map(|g| (g.label.value.as_str(), ids(&f, &g.nodes)))
            .collect();
        assert_eq!(
            groups,
            [
                ("控制平面", vec!["etcd"]),
                ("Inner one", vec!["sched"]),
                ("Worker nodes", vec!["kubelet", "api"]),
            ]
        );
        assert_eq!(w.len(), 2, "direction and nesting: {w:?}");
        assert_eq!(f.edges.len(), 2);
    }

    #[test]
    fn skips_comments_and_semicolons() {
        let src =
            "%% a comment first\n%%{init: {}}%%\ngraph;\n  %% another\n  a --> b;\n\n  b --> c\n";
        let (f, w) = flow(src);
        assert!(w.is_empty());
        assert_eq!(f.direction, Direction::Down);
        assert_eq!(f.nodes.len(), 3);
        assert_eq!(&src[f.edges[0].span.range.clone()], "a --> b");
    }

    #[test]
    fn quoted_cjk_labels_keep_brackets_and_break_lines() {
        let src = "flowchart LR\n  控制平面[\"调度器<br/>控制器 [核心]\"] --> 节点(工作<br>节点)\n";
        let (f, _) = flow(src);
        assert_eq!(f.nodes[0].id, "控制平面");
        assert_eq!(f.nodes[0].label.value, "调度器\n控制器 [核心]");
        assert_eq!(
            &src[f.nodes[0].label.span.range.clone()],
            "调度器<br/>控制器 [核心]"
        );
        assert_eq!(f.nodes[1].label.value, "工作\n节点");
        assert_eq!(f.nodes[1].shape, Shape::Round);
    }

    #[test]
    fn styling_warns_once_per_kind() {
        let src = "flowchart LR\n  classDef hot fill:#f00\n  classDef cold fill:#00f\n  a:::hot --> b:::cold\n  style b fill:#0f0\n  class a hot\n  linkStyle 0 stroke:red\n";
        let (f, w) = flow(src);
        assert_eq!(f.edges.len(), 1);
        assert_eq!(w.len(), 5, "{w:?}");
        let first = w[0].span.clone().unwrap().range;
        assert_eq!(&src[first], "classDef");
        assert!(w[0].message.contains("`classDef`"));
    }

    #[test]
    fn reads_a_sequence_diagram() {
        let src = "sequenceDiagram\n  autonumber\n  participant C as 客户端<br>(浏览器)\n  actor U as User\n  U->>+C: 点击\n  alt 已登录\n    C-->>S: 请求\n  else 未登录\n    C-)S: 跳转\n  end\n  Note over S,C: 双向\n  note left of U: 想\n  C-->>-U: 显示\n  S -x C\n";
        let (s, w) = seq(src);
        assert!(w.is_empty());
        assert!(s.autonumber);
        let people: Vec<_> = s
            .participants
            .iter()
            .map(|p| (p.id.as_str(), p.label.value.as_str(), p.actor))
            .collect();
        assert_eq!(
            people,
            [
                ("C", "客户端\n(浏览器)", false),
                ("U", "User", true),
                ("S", "S", false)
            ]
        );
        let events: Vec<String> = s
            .events
            .iter()
            .map(|e| match e {
                Event::Message(m) => {
                    format!(
                        "msg {} {} {} {:?} {}",
                        m.from, m.to, m.dashed, m.head, m.text.value
                    )
                }
                Event::Note {
                    side,
                    first,
                    last,
                    text,
                } => format!("note {side:?} {first} {last} {}", text.value),
                Event::Open { kind, label } => format!("open {} {}", kind.keyword(), label.value),
                Event::Branch { label } => format!("branch {}", label.value),
                Event::Close => "close".into(),
                Event::Activate(i) => format!("on {i}"),
                Event::Deactivate(i) => format!("off {i}"),
            })
            .collect();
        assert_eq!(
            events,
            [
                "msg 1 0 false Arrow 点击",
                "on 0",
                "open alt 已登录",
                "msg 0 2 true Arrow 请求",
                "branch 未登录",
                "msg 0 2 false Open 跳转",
                "close",
                "note Over 0 2 双向",
                "note Left 1 1 想",
                "msg 0 1 true Arrow 显示",
                "off 0",
                "msg 2 0 false Cross ",
            ]
        );
        let first = s.messages().next().unwrap();
        assert_eq!(&src[first.span.range.clone()], "U->>+C: 点击");
        assert_eq!(&src[first.text.span.range.clone()], "点击");
    }

    #[test]
    fn sequence_frames_must_balance() {
        let (d, at) = fails("sequenceDiagram\n  A->>B: x\n  else nope\n");
        assert!(
            d.message.contains("`else` outside `alt … end`"),
            "{}",
            d.message
        );
        assert_eq!(at, "else");
        let (d, at) = fails("sequenceDiagram\n  loop forever\n    A->>B: x\n");
        assert!(d.message.contains("never closed"));
        assert_eq!(at, "loop");
        let (_, at) = fails("sequenceDiagram\n  A->>B: x\n  end\n");
        assert_eq!(at, "end");
        let (d, at) = fails("sequenceDiagram\n  B-->>-A: x\n");
        assert!(d.message.contains("`B` is not active"), "{}", d.message);
        assert_eq!(at, "-");
    }

    #[test]
    fn other_kinds_and_bad_lines_are_errors_at_their_token() {
        let (d, at) = fails("gantt\n  title Plan\n");
        assert_eq!(
            d.message,
            "lectern draws flowcharts and sequence diagrams; `gantt` is another kind of Mermaid diagram"
        );
        assert!(d.hints[0].contains("timeline"));
        assert_eq!(at, "gantt");
        let (_, at) = fails("flowchart LR\n  a --> b\n  click a call cb()\n");
        assert_eq!(at, "click");
        let (d, at) = fails("flowchart LR\n  subgraph one\n  a --> b\n");
        assert!(d.message.contains("never closed"));
        assert_eq!(at, "subgraph one");
        let (_, at) = fails("flowchart LR\n  a --> b\n  end\n");
        assert_eq!(at, "end");
        let (d, at) = fails("flowchart LF\n  a --> b\n");
        assert_eq!(at, "LF");
        assert_eq!(d.hints, ["did you mean `LR`?"]);
        let (d, at) = fails("flowchart LR\n  a --> b c\n");
        assert_eq!(d.message, "expected an arrow here");
        assert_eq!(at, "c");
        let (d, at) = fails("flowchart LR\n  a -- b\n");
        assert!(d.message.contains("never closed"));
        assert_eq!(at, "--");
    }

    #[test]
    fn too_many_nodes_is_an_error_with_the_count() {
        let mut src = String::from("flowchart LR\n");
        for i in 0..=MAX_NODES {
            src.push_str(&format!("  n{i}\n"));
        }
        let (d, at) = fails(&src);
        assert_eq!(
            d.message,
            format!(
                "this diagram has {} nodes; a slide holds at most {MAX_NODES}",
                MAX_NODES + 1
            )
        );
        assert_eq!(at, format!("n{MAX_NODES}"));
    }
}
