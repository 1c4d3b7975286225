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

use self::cursor::{Cursor, Link, Reader};
use self::flow::FlowParser;
use self::sequence::SeqParser;

use crate::diagnostics::{Diagnostic, Span, did_you_mean};
use crate::outline::diagram::*;
use crate::outline::{Spanned, Text};

mod cursor;
mod flow;
mod sequence;
mod style;
#[cfg(test)]
mod tests;

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
    ("(((", ")))", Shape::DoubleCircle),
    (">", "]", Shape::Asymmetric),
    ("([", "])", Shape::Stadium),
    ("[(", ")]", Shape::Cylinder),
    ("[[", "]]", Shape::Subroutine),
    ("((", "))", Shape::Circle),
    ("{{", "}}", Shape::Hexagon),
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
    let (lines, directive) = statements(src);
    if let Some(range) = directive {
        rd.note_once(
            "init",
            range,
            "Mermaid `%%{init}%%` settings are ignored: the theme sets the look",
            "remove the directive, or leave it: it changes nothing here",
        );
    }
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
        rd.note_once(
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
    /// The statement at `range` of `src`, trimmed.
    fn at(src: &'a str, range: Range<usize>) -> Self {
        let range = trim(src, range);
        Self {
            text: &src[range.clone()],
            start: range.start,
        }
    }

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

/// Splits the source into statements, leaving out blank lines, `%%`
/// comments and `%%{init}%%` directives (over several lines too). A line
/// that ends in a link (`a ~~~`, `a -->`) or `&` goes on with the next.
fn statements(src: &str) -> (Vec<Line<'_>>, Option<Range<usize>>) {
    let mut out: Vec<Line<'_>> = Vec::new();
    let mut directive = None;
    let mut offset = 0;
    let mut in_directive = false;
    let mut open_link = false;
    for raw in src.split_inclusive('\n') {
        let start = offset + (raw.len() - raw.trim_start().len());
        offset += raw.len();
        let text = raw.trim();
        if in_directive || text.starts_with("%%{") {
            directive.get_or_insert(start..start + text.len());
            in_directive = !text.contains("}%%");
            continue;
        }
        let text = text.strip_suffix(';').map_or(text, str::trim_end);
        if text.is_empty() || text.starts_with("%%") {
            continue;
        }
        match out.last_mut() {
            Some(last) if open_link => {
                last.text = &src[last.start..start + text.len()];
            }
            _ => out.push(Line { text, start }),
        }
        // `---` alone is front matter, not a link.
        open_link = text != "---"
            && (text.ends_with("~~~")
                || text.ends_with('&')
                || FLOW_ARROWS
                    .iter()
                    .any(|(a, ..)| !YAML_ONLY_ARROWS.contains(a) && text.ends_with(a)));
    }
    (out, directive)
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
