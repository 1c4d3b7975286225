//! Reading a Markdown deck: its front matter, its dialect, and its slides,
//! each a list of numbered lines.

use marked_yaml::Node;

use super::report::Report;

/// The Markdown dialect a deck is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    /// Marp (`marp: true`): slides split at `---`.
    Marp,
    /// Slidev (`layout:`, slide front matter): slides split at `---`.
    Slidev,
    /// Quarto reveal.js (`.qmd`, `format: revealjs`): `#` sections, `##`
    /// slides.
    Quarto,
    /// Plain Pandoc Markdown: as Quarto.
    Pandoc,
}

impl Dialect {
    /// The dialect's name in messages.
    pub fn name(self) -> &'static str {
        match self {
            Dialect::Marp => "Marp",
            Dialect::Slidev => "Slidev",
            Dialect::Quarto => "Quarto",
            Dialect::Pandoc => "Pandoc Markdown",
        }
    }
}

/// One line of the deck, with its number (from 1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// The line's number in the deck.
    pub no: usize,
    /// The line, without its end.
    pub text: String,
}

/// Front matter: the top-level keys whose values are text, and the rest's
/// key names.
#[derive(Debug, Default, Clone)]
pub struct Front {
    /// `key`, value (a list or a mapping of names is joined: "A, B").
    pub values: Vec<(String, String)>,
}

impl Front {
    /// The value of `key`, if it is text.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.values
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// Whether the front matter has `key`.
    pub fn has(&self, key: &str) -> bool {
        self.values.iter().any(|(k, _)| k == key)
    }
}

/// One slide as written: its first line, its own front matter (Slidev),
/// the section it opens (Quarto's `#`), and its lines.
#[derive(Debug, Default, Clone)]
pub struct RawSlide {
    /// The slide's first line in the deck.
    pub line: usize,
    /// Slidev's per-slide front matter.
    pub front: Front,
    /// A section the slide starts (Quarto and Pandoc `#`), with its line.
    pub section: Option<Line>,
    /// The slide's heading, if the split found it (Quarto's `##`).
    pub title: Option<Line>,
    /// The slide's lines.
    pub lines: Vec<Line>,
}

/// Splits a deck's text into numbered lines (line ends of any kind), with
/// control characters other than tabs dropped.
pub fn lines(text: &str) -> Vec<Line> {
    text.lines()
        .enumerate()
        .map(|(i, l)| Line {
            no: i + 1,
            text: l
                .chars()
                .filter(|c| !c.is_control() || *c == '\t')
                .collect(),
        })
        .collect()
}

/// Takes the front matter off the deck's lines: a `---` block at the top.
/// A block that is not a YAML mapping is a warning, and the deck is read
/// as plain Markdown from after it.
pub fn front_matter(lines: &[Line], report: &mut Report) -> (Option<Front>, usize) {
    if lines.first().is_none_or(|l| l.text.trim_end() != "---") {
        return (None, 0);
    }
    let Some(end) = lines[1..].iter().position(|l| {
        let t = l.text.trim_end();
        t == "---" || t == "..."
    }) else {
        return (None, 0);
    };
    let yaml: String = lines[1..=end]
        .iter()
        .map(|l| format!("{}\n", l.text))
        .collect();
    match marked_yaml::parse_yaml(0, &yaml) {
        Ok(Node::Mapping(map)) => {
            let mut front = Front::default();
            for (key, value) in map.iter() {
                front
                    .values
                    .push((key.as_str().to_string(), flatten(value)));
            }
            (Some(front), end + 2)
        }
        _ => {
            report.add(
                1,
                "front matter",
                "not a YAML mapping: ignored, the deck is read as plain Markdown".into(),
            );
            (None, end + 2)
        }
    }
}

/// A front-matter value as text: a scalar as is; a list's or a mapping's
/// `name` values (Quarto's authors) joined, or the mapping's keys
/// (`format: { revealjs: ... }`).
fn flatten(node: &Node) -> String {
    match node {
        Node::Scalar(s) => s.as_str().to_string(),
        Node::Sequence(seq) => seq
            .iter()
            .map(|n| match n {
                Node::Mapping(m) => m
                    .get_scalar("name")
                    .map_or(String::new(), |s| s.as_str().to_string()),
                other => flatten(other),
            })
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(", "),
        Node::Mapping(m) => match m.get_scalar("name") {
            Some(name) => name.as_str().to_string(),
            None => m.keys().map(|k| k.as_str()).collect::<Vec<_>>().join(", "),
        },
    }
}

/// The dialect, from the file's extension, front matter and syntax.
pub fn dialect(extension: &str, front: Option<&Front>, body: &[Line]) -> Dialect {
    let front_says = |key: &str, value: &str| {
        front
            .and_then(|f| f.get(key))
            .is_some_and(|v| v.split(", ").any(|w| w.trim() == value))
    };
    if front_says("marp", "true") {
        return Dialect::Marp;
    }
    if extension.eq_ignore_ascii_case("qmd") || front_says("format", "revealjs") {
        return Dialect::Quarto;
    }
    let slidev_front = front.is_some_and(|f| {
        [
            "layout",
            "highlighter",
            "drawings",
            "transition",
            "mdc",
            "colorSchema",
            "canvasWidth",
        ]
        .iter()
        .any(|k| f.has(k))
    });
    let slidev_body = body.iter().any(|l| {
        let t = l.text.trim();
        t.starts_with("layout:") || t.starts_with("::right::") || t.starts_with("<v-click")
    });
    if slidev_front || slidev_body {
        return Dialect::Slidev;
    }
    Dialect::Pandoc
}

/// Whether a line opens or closes a code fence, and with what.
fn fence(line: &str) -> Option<(char, usize)> {
    let t = line.trim_start();
    let c = t.chars().next().filter(|c| *c == '`' || *c == '~')?;
    let n = t.chars().take_while(|x| *x == c).count();
    (n >= 3).then_some((c, n))
}

/// Each line, and whether it is inside (or is) a code fence.
pub fn with_fences(lines: &[Line]) -> impl Iterator<Item = (&Line, bool)> {
    let mut open: Option<(char, usize)> = None;
    lines.iter().map(move |l| match (open, fence(&l.text)) {
        (None, Some(f)) => {
            open = Some(f);
            (l, true)
        }
        (Some((c, n)), Some((d, m))) if c == d && m >= n => {
            open = None;
            (l, true)
        }
        (Some(_), _) => (l, true),
        (None, None) => (l, false),
    })
}

/// Splits Marp and Slidev decks at `---` lines outside code. In Slidev, a
/// slide that begins with `key: value` lines closed by `---` has them as
/// its own front matter.
pub fn split_rules(body: &[Line], slidev: bool) -> Vec<RawSlide> {
    let mut chunks: Vec<Vec<Line>> = vec![Vec::new()];
    let mut comment = false;
    for (line, code) in with_fences(body) {
        let split = !code && !comment && line.text.trim_end() == "---";
        if !code {
            comment = in_comment(comment, &line.text);
        }
        if split {
            chunks.push(Vec::new());
        } else if let Some(last) = chunks.last_mut() {
            last.push(line.clone());
        }
    }
    let mut slides = Vec::new();
    let mut pending: Option<Front> = None;
    for chunk in chunks {
        if slidev && is_front(&chunk) {
            pending = Some(parse_front(&chunk));
            continue;
        }
        let line = chunk.first().map_or(0, |l| l.no);
        slides.push(RawSlide {
            line,
            front: pending.take().unwrap_or_default(),
            lines: chunk,
            ..RawSlide::default()
        });
    }
    slides.retain(|s| {
        s.lines.iter().any(|l| !l.text.trim().is_empty()) || !s.front.values.is_empty()
    });
    slides
}

/// Whether a chunk is only `key: value` lines (Slidev slide front
/// matter), with indented or `- ` lines under a key.
fn is_front(chunk: &[Line]) -> bool {
    let key_value = |t: &str| {
        t.split_once(':').is_some_and(|(k, _)| {
            !k.is_empty()
                && k.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        })
    };
    let lines: Vec<&Line> = chunk.iter().filter(|l| !l.text.trim().is_empty()).collect();
    lines.first().is_some_and(|l| key_value(&l.text))
        && lines.iter().all(|l| {
            key_value(&l.text) || l.text.starts_with([' ', '\t']) || l.text.starts_with("- ")
        })
}

/// Reads a chunk of `key: value` lines as front matter.
fn parse_front(chunk: &[Line]) -> Front {
    let yaml: String = chunk.iter().map(|l| format!("{}\n", l.text)).collect();
    let mut front = Front::default();
    if let Ok(Node::Mapping(map)) = marked_yaml::parse_yaml(0, &yaml) {
        for (key, value) in map.iter() {
            front
                .values
                .push((key.as_str().to_string(), flatten(value)));
        }
    }
    front
}

/// Splits Quarto and Pandoc decks: `#` opens a section, `##` a slide, and
/// a `---` line outside code starts an untitled one.
pub fn split_headings(body: &[Line]) -> Vec<RawSlide> {
    let mut slides = vec![RawSlide::default()];
    let mut comment = false;
    // Headings inside a fenced div (a tab set) are not slides.
    let mut divs = 0usize;
    for (line, code) in with_fences(body) {
        let t = line.text.trim_end();
        let level = heading_level(t);
        let opens = !code && !comment && divs == 0 && (matches!(level, Some(1 | 2)) || t == "---");
        if !code {
            comment = in_comment(comment, t);
            let colons = t.trim_start().chars().take_while(|c| *c == ':').count();
            if colons >= 3 && !t.trim_start().starts_with("::right") {
                if t.trim()[colons..].trim().is_empty() {
                    divs = divs.saturating_sub(1);
                } else {
                    divs += 1;
                }
            }
        }
        if opens {
            slides.push(RawSlide {
                line: line.no,
                section: (level == Some(1)).then(|| line.clone()),
                title: (level == Some(2)).then(|| line.clone()),
                ..RawSlide::default()
            });
            continue;
        }
        if let Some(last) = slides.last_mut() {
            last.lines.push(line.clone());
        }
    }
    slides.retain(|s| {
        s.title.is_some()
            || s.section.is_some()
            || s.lines.iter().any(|l| !l.text.trim().is_empty())
    });
    slides
}

/// Whether an HTML comment is open after `line`, given whether one was
/// open before it (a comment may hold whole slides, commented out).
fn in_comment(mut open: bool, line: &str) -> bool {
    let mut rest = line;
    loop {
        let marker = if open { "-->" } else { "<!--" };
        match rest.find(marker) {
            Some(at) => {
                open = !open;
                rest = &rest[at + marker.len()..];
            }
            None => return open,
        }
    }
}

/// The level of an ATX heading line (`## Title` → 2).
pub fn heading_level(line: &str) -> Option<usize> {
    let n = line.chars().take_while(|c| *c == '#').count();
    ((1..=6).contains(&n) && line[n..].starts_with([' ', '\t'])).then_some(n)
}
