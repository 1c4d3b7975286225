//! Diagrams as the outline holds them (`diagram:`): a flowchart (nodes,
//! edges, groups) or a sequence diagram (participants and what passes
//! between them), read from YAML (`parse/diagram.rs`) or from Mermaid
//! (`parse/mermaid.rs`) into the same model. [`crate::diagrams`] lays them
//! out.

use crate::diagnostics::Span;
use crate::outline::Text;

/// The most nodes (or participants) a diagram may have.
pub const MAX_NODES: usize = 80;
/// The most edges (or messages) a diagram may have.
pub const MAX_EDGES: usize = 200;

/// A diagram on a slide.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Diagram {
    /// What is drawn.
    pub graph: Graph,
    /// Whether nodes (a flowchart) or messages (a sequence) appear one per
    /// reveal step.
    pub reveal: bool,
    /// A caption under the diagram; also starts its alt text.
    pub caption: Option<Text>,
    /// The `diagram:` node, for messages about the whole diagram.
    pub span: Span,
    /// `direction: auto`: a top-to-bottom flowchart too tall for its room
    /// is drawn left to right when that fits (with a note).
    pub auto_direction: bool,
}

/// The two kinds of diagram.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Graph {
    /// Boxes and arrows, laid out in layers.
    Flow(Flow),
    /// Participants side by side, messages top to bottom.
    Sequence(Sequence),
}

/// Which way a flowchart's arrows mostly run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Direction {
    /// Left to right (Mermaid `LR`).
    Right,
    /// Top to bottom (`TD`, `TB`).
    Down,
    /// Right to left (`RL`).
    Left,
    /// Bottom to top (`BT`).
    Up,
}

/// The outline of a node.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Shape {
    /// A rectangle (`[text]`).
    Box,
    /// A rectangle with rounded corners (`(text)`).
    Round,
    /// A pill (`([text])`).
    Stadium,
    /// A rectangle with double side bars (`[[text]]`).
    Subroutine,
    /// A database cylinder (`[(text)]`).
    Cylinder,
    /// A circle (`((text))`).
    Circle,
    /// A decision diamond (`{text}`).
    Diamond,
    /// A hexagon (`{{text}}`), Mermaid's preparation step.
    Hexagon,
    /// Two circles, one inside the other (`(((text)))`).
    DoubleCircle,
    /// A parallelogram leaning right (`[/text/]`), input or output.
    Parallelogram,
    /// A parallelogram leaning left (`[\text\]`).
    ParallelogramAlt,
    /// A trapezoid wider at the bottom (`[/text\]`).
    Trapezoid,
    /// A trapezoid wider at the top (`[\text/]`).
    TrapezoidAlt,
    /// A flag, pointed on the left (`>text]`).
    Asymmetric,
}

impl Shape {
    /// Every shape with its name in the outline.
    pub const ALL: &[(&str, Shape)] = &[
        ("box", Shape::Box),
        ("round", Shape::Round),
        ("stadium", Shape::Stadium),
        ("subroutine", Shape::Subroutine),
        ("cylinder", Shape::Cylinder),
        ("circle", Shape::Circle),
        ("diamond", Shape::Diamond),
        ("hexagon", Shape::Hexagon),
        ("double-circle", Shape::DoubleCircle),
        ("parallelogram", Shape::Parallelogram),
        ("parallelogram-alt", Shape::ParallelogramAlt),
        ("trapezoid", Shape::Trapezoid),
        ("trapezoid-alt", Shape::TrapezoidAlt),
        ("asymmetric", Shape::Asymmetric),
    ];
}

/// How a line is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Stroke {
    /// A plain line.
    Solid,
    /// A dashed line (async, optional, a reply).
    Dashed,
    /// A heavy line (the main path).
    Thick,
    /// No line: a link that only places its nodes (Mermaid's `~~~`).
    Invisible,
}

impl Stroke {
    /// Every stroke with its name in the outline (`style:`).
    pub const ALL: &[(&str, Stroke)] = &[
        ("solid", Stroke::Solid),
        ("dashed", Stroke::Dashed),
        ("thick", Stroke::Thick),
        ("invisible", Stroke::Invisible),
    ];
}

/// What ends a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Head {
    /// Nothing.
    None,
    /// A filled arrowhead.
    Arrow,
    /// An open arrowhead (an asynchronous message, Mermaid `-)`).
    Open,
    /// A small circle (Mermaid `--o`).
    Circle,
    /// A cross (Mermaid `--x`, `-x`).
    Cross,
}

/// Flowchart arrows as both forms read them, longest first: the text, its
/// stroke, the head at the target and the one at the source. They mean
/// what they mean in Mermaid (`-->` is a solid arrow, `-.->` a dotted one,
/// `==>` a thick one, `---` a line); `->`, `<->` and `--` are the YAML
/// form's short ones. Mermaid also reads longer links (`--->`), the same
/// by their first characters; a test keeps the two readers agreeing.
pub const FLOW_ARROWS: &[(&str, Stroke, Head, Head)] = &[
    ("<-.->", Stroke::Dashed, Head::Arrow, Head::Arrow),
    ("<-->", Stroke::Solid, Head::Arrow, Head::Arrow),
    ("<==>", Stroke::Thick, Head::Arrow, Head::Arrow),
    ("-.->", Stroke::Dashed, Head::Arrow, Head::None),
    ("-.-", Stroke::Dashed, Head::None, Head::None),
    ("-->", Stroke::Solid, Head::Arrow, Head::None),
    ("---", Stroke::Solid, Head::None, Head::None),
    ("--o", Stroke::Solid, Head::Circle, Head::None),
    ("--x", Stroke::Solid, Head::Cross, Head::None),
    ("==>", Stroke::Thick, Head::Arrow, Head::None),
    ("===", Stroke::Thick, Head::None, Head::None),
    ("<->", Stroke::Solid, Head::Arrow, Head::Arrow),
    ("->", Stroke::Solid, Head::Arrow, Head::None),
    ("--", Stroke::Solid, Head::None, Head::None),
];

/// The YAML form's own arrows, which Mermaid does not read.
pub const YAML_ONLY_ARROWS: &[&str] = &["<->", "->", "--"];

/// A node of a flowchart.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Node {
    /// Its id, as edges name it.
    pub id: String,
    /// The text in the box (the id when none is given).
    pub label: Text,
    /// Its outline.
    pub shape: Shape,
    /// A fill from the palette (`fill: accent`), else the background.
    pub fill: Option<Fill>,
    /// Its cell on the page's grid (`at: [col, row]`), if placed by hand.
    pub at: Option<(usize, usize)>,
}

/// A node's fill: a colour of the theme's palette.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Fill {
    /// The accent colour.
    Accent,
    /// The colour of what is right.
    Good,
    /// The colour of what is wrong.
    Bad,
    /// The secondary colour.
    Muted,
    /// A chart series colour, from 0 (`c1`).
    Series(usize),
}

impl Fill {
    /// The names `fill:` takes.
    pub const ALL: &[(&str, Fill)] = &[
        ("accent", Fill::Accent),
        ("good", Fill::Good),
        ("bad", Fill::Bad),
        ("muted", Fill::Muted),
        ("c1", Fill::Series(0)),
        ("c2", Fill::Series(1)),
        ("c3", Fill::Series(2)),
        ("c4", Fill::Series(3)),
        ("c5", Fill::Series(4)),
        ("c6", Fill::Series(5)),
    ];

    /// The palette colour nearest a CSS colour (`#f96`, `#ff9966`,
    /// `rgb(255,153,102)`), by hue: greys are muted, reds bad, greens good,
    /// blues the accent, other hues a series colour; `None` when it does
    /// not read.
    pub fn nearest(css: &str) -> Option<Fill> {
        let (r, g, b) = css_rgb(css.trim())?;
        let (max, min) = (r.max(g).max(b), r.min(g).min(b));
        if max - min < 0.12 {
            return Some(Fill::Muted);
        }
        let d = max - min;
        let hue = if max == r {
            60.0 * (((g - b) / d).rem_euclid(6.0))
        } else if max == g {
            60.0 * ((b - r) / d + 2.0)
        } else {
            60.0 * ((r - g) / d + 4.0)
        };
        Some(match hue {
            h if !(15.0..345.0).contains(&h) => Fill::Bad,
            h if h < 40.0 => Fill::Series(1),
            h if h < 70.0 => Fill::Series(3),
            h if h < 160.0 => Fill::Good,
            h if h < 190.0 => Fill::Series(2),
            h if h < 255.0 => Fill::Accent,
            h if h < 300.0 => Fill::Series(4),
            _ => Fill::Series(5),
        })
    }

    /// Its name in the outline (`accent`, `c2`).
    pub fn name(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(_, f)| *f == self)
            .map_or("", |(n, _)| n)
    }
}

/// A CSS colour's red, green and blue, 0 to 1.
fn css_rgb(css: &str) -> Option<(f64, f64, f64)> {
    if let Some(hex) = css.strip_prefix('#') {
        let digits: Vec<u32> = hex.chars().map(|c| c.to_digit(16)).collect::<Option<_>>()?;
        let (r, g, b) = match digits.as_slice() {
            [r, g, b] | [r, g, b, _] => (r * 17, g * 17, b * 17),
            [r1, r2, g1, g2, b1, b2] | [r1, r2, g1, g2, b1, b2, _, _] => {
                (r1 * 16 + r2, g1 * 16 + g2, b1 * 16 + b2)
            }
            _ => return None,
        };
        return Some((
            f64::from(r) / 255.0,
            f64::from(g) / 255.0,
            f64::from(b) / 255.0,
        ));
    }
    let inner = css
        .strip_prefix("rgb")?
        .trim_start_matches('a')
        .strip_prefix('(')?;
    let parts: Vec<f64> = inner
        .trim_end_matches(')')
        .split(',')
        .take(3)
        .map(|p| p.trim().parse::<f64>().ok())
        .collect::<Option<_>>()?;
    match parts.as_slice() {
        [r, g, b] => Some((r / 255.0, g / 255.0, b / 255.0)),
        _ => None,
    }
}

/// An edge of a flowchart, between two nodes (by index).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Edge {
    /// The node it leaves.
    pub from: usize,
    /// The node it reaches.
    pub to: usize,
    /// Text on the edge.
    pub label: Option<Text>,
    /// How the line is drawn.
    pub stroke: Stroke,
    /// What ends it at `to`.
    pub head: Head,
    /// What ends it at `from` (an arrow for `<->`).
    pub tail: Head,
    /// Where the edge was written.
    pub span: Span,
    /// The group it leaves from its border (`sub --> b`), `from` being a
    /// node of it.
    pub from_group: Option<usize>,
    /// The group it reaches at its border (`a --> sub`), `to` being a node
    /// of it.
    pub to_group: Option<usize>,
}

/// A titled group of nodes (Mermaid `subgraph`), drawn as a tinted box
/// around them.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Group {
    /// The title.
    pub label: Text,
    /// Its nodes, by index; a node is in one group at most.
    pub nodes: Vec<usize>,
    /// The direction its nodes run in, when not the chart's (Mermaid's
    /// `direction` inside a `subgraph`); see [`Flow::own_direction`].
    pub direction: Option<Direction>,
}

/// A flowchart.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Flow {
    /// Which way it runs.
    pub direction: Direction,
    /// The nodes, in the order they were first named (the reveal order).
    pub nodes: Vec<Node>,
    /// The edges.
    pub edges: Vec<Edge>,
    /// The groups.
    pub groups: Vec<Group>,
}

impl Flow {
    /// The direction group `g` is laid out in on its own, if it has one
    /// other than the chart's and, as Mermaid asks, none of its nodes is
    /// linked to a node outside it (an edge to or from the group itself is
    /// fine: it ends at the group's border).
    pub fn own_direction(&self, g: usize) -> Option<Direction> {
        let group = self.groups.get(g)?;
        let d = group.direction.filter(|&d| d != self.direction)?;
        let inside = |n: usize| group.nodes.contains(&n);
        let closed = self
            .edges
            .iter()
            .all(|e| match (inside(e.from), inside(e.to)) {
                (true, false) => e.from_group == Some(g),
                (false, true) => e.to_group == Some(g),
                _ => true,
            });
        (closed && group.nodes.len() > 1).then_some(d)
    }
}

/// A participant of a sequence diagram.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Participant {
    /// Its id, as messages name it.
    pub id: String,
    /// The name shown (the id unless aliased).
    pub label: Text,
    /// Whether drawn as a person (`actor`).
    pub actor: bool,
}

/// A message between participants (by index; `from == to` is a
/// self-message).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Message {
    /// The sender.
    pub from: usize,
    /// The receiver.
    pub to: usize,
    /// What it says.
    pub text: Text,
    /// Whether dashed (a reply, or asynchronous).
    pub dashed: bool,
    /// Its head at the receiver.
    pub head: Head,
    /// Its head at the sender (`<<->>` points both ways).
    pub tail: Head,
    /// Where it was written.
    pub span: Span,
}

/// Where a note sits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NoteSide {
    /// Left of a participant.
    Left,
    /// Right of a participant.
    Right,
    /// Over one participant, or spanning from one to another.
    Over,
}

/// The kinds of frame around a run of messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FrameKind {
    /// `loop`.
    Loop,
    /// `alt` (with `else` branches).
    Alt,
    /// `opt`.
    Opt,
    /// `par` (with `and` branches).
    Par,
    /// `critical` (with `option` branches).
    Critical,
    /// `break`: what happens when the sequence stops.
    Break,
}

impl FrameKind {
    /// The keyword, as drawn in the frame's tab.
    pub fn keyword(self) -> &'static str {
        match self {
            FrameKind::Loop => "loop",
            FrameKind::Alt => "alt",
            FrameKind::Opt => "opt",
            FrameKind::Par => "par",
            FrameKind::Critical => "critical",
            FrameKind::Break => "break",
        }
    }
}

/// One row of a sequence diagram, top to bottom.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Event {
    /// A message.
    Message(Message),
    /// A note beside or over participants (`first..=last` for `over A,B`).
    Note {
        /// Where it sits.
        side: NoteSide,
        /// The first participant it touches.
        first: usize,
        /// The last participant it touches (`first` for one).
        last: usize,
        /// Its text.
        text: Text,
    },
    /// A frame opens (`loop …`, `alt …`).
    Open {
        /// Which frame.
        kind: FrameKind,
        /// Its condition or title (may be empty).
        label: Text,
    },
    /// The next branch of the innermost frame (`else …`, `and …`).
    Branch {
        /// The branch's condition (may be empty).
        label: Text,
    },
    /// The innermost frame closes (`end`).
    Close,
    /// A participant's activation bar starts.
    Activate(usize),
    /// A participant's activation bar ends.
    Deactivate(usize),
}

/// A sequence diagram.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Sequence {
    /// The participants, left to right.
    pub participants: Vec<Participant>,
    /// The rows, top to bottom; frames are balanced.
    pub events: Vec<Event>,
    /// Whether messages are numbered (`autonumber`).
    pub autonumber: bool,
    /// Groups of participants drawn in one box (Mermaid's `box`).
    pub boxes: Vec<ParticipantBox>,
}

/// Participants standing together in a labelled box.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ParticipantBox {
    /// The box's label (may be empty).
    pub label: Text,
    /// Its participants, by index.
    pub participants: Vec<usize>,
}

impl Sequence {
    /// The messages, in order.
    pub fn messages(&self) -> impl Iterator<Item = &Message> {
        self.events.iter().filter_map(|e| match e {
            Event::Message(m) => Some(m),
            _ => None,
        })
    }
}

impl Diagram {
    /// The number of reveal steps the diagram shows (1 without `reveal`).
    pub fn steps(&self) -> usize {
        if !self.reveal {
            return 1;
        }
        match &self.graph {
            Graph::Flow(f) => f.nodes.len().max(1),
            Graph::Sequence(s) => s.messages().count().max(1),
        }
    }
}
