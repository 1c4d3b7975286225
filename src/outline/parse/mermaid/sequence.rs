//! Sequence diagrams: participants, messages, notes, activations and
//! frames (`loop`, `alt`, `opt`, `par`).

use super::*;

/// Finds the first sequence arrow in `text`: its offset, the arrow,
/// whether it is dashed, and its head.
pub(super) fn find_arrow(text: &str) -> Option<(usize, &'static str, bool, Head)> {
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

/// A sequence diagram being read.
pub(super) struct SeqParser<'a> {
    /// The source and warnings.
    pub(super) rd: Reader<'a>,
    /// The participants so far.
    pub(super) participants: Vec<Participant>,
    /// Participant indices by id.
    pub(super) index: HashMap<String, usize>,
    /// How many activations each participant has open.
    pub(super) active: Vec<usize>,
    /// The rows so far.
    pub(super) events: Vec<Event>,
    /// The open frames, innermost last (`None` for an ignored `rect`),
    /// with their keyword.
    pub(super) frames: Vec<(Option<FrameKind>, Range<usize>)>,
    /// Whether messages are numbered.
    pub(super) autonumber: bool,
    /// The `box` groups so far.
    pub(super) boxes: Vec<ParticipantBox>,
    /// The open box's place in `frames`, if one is open.
    pub(super) box_frame: Option<usize>,
    /// How many messages were written.
    pub(super) messages: usize,
    /// The first participant past the limit.
    pub(super) too_many_participants: Option<Range<usize>>,
    /// The first message past the limit.
    pub(super) too_many_messages: Option<Range<usize>>,
}

impl<'a> SeqParser<'a> {
    /// An empty sequence diagram.
    pub(super) fn new(rd: Reader<'a>) -> Self {
        Self {
            rd,
            participants: Vec::new(),
            index: HashMap::new(),
            active: Vec::new(),
            events: Vec::new(),
            frames: Vec::new(),
            autonumber: false,
            boxes: Vec::new(),
            box_frame: None,
            messages: 0,
            too_many_participants: None,
            too_many_messages: None,
        }
    }

    /// Reads every statement after the first line.
    pub(super) fn run(
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
            boxes: self
                .boxes
                .into_iter()
                .filter(|b| !b.participants.is_empty())
                .collect(),
        };
        Ok((sequence, self.rd.warnings))
    }

    /// Reads one statement: a keyword line or a message.
    pub(super) fn statement(&mut self, line: &Line<'_>) -> Result<(), Diagnostic> {
        let (word, kw) = line.word();
        let rest = trim(self.rd.src, kw.end..line.range().end);
        let frame = match word {
            "loop" => Some(FrameKind::Loop),
            "alt" => Some(FrameKind::Alt),
            "opt" => Some(FrameKind::Opt),
            "par" => Some(FrameKind::Par),
            "critical" => Some(FrameKind::Critical),
            "break" => Some(FrameKind::Break),
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
            "else" | "and" | "option" => self.branch(word, kw, rest),
            "end" if self.box_frame.is_some_and(|k| k + 1 == self.frames.len()) => {
                self.frames.pop();
                self.box_frame = None;
                Ok(())
            }
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
            "box" => self.open_box(kw, rest),
            "create" => {
                let (what, at) = Line::at(self.rd.src, rest.clone()).word();
                if !matches!(what, "participant" | "actor") {
                    return Err(self.rd.error(
                        rest,
                        "`create` is followed by `participant` or `actor`",
                        "write `create participant Carl`",
                    ));
                }
                self.rd.note_once(
                    "create",
                    kw,
                    "a created participant's lifeline is drawn from the top",
                    "declare it with `participant` where it belongs, or leave the line as it is",
                );
                let rest = trim(self.rd.src, at.end..rest.end);
                self.declare(what, at, rest)
            }
            "destroy" => {
                self.who(rest, "a participant")?;
                self.rd.note_once(
                    "destroy",
                    kw,
                    "a destroyed participant's lifeline is drawn to the bottom",
                    "leave the line out, or end its part with a note",
                );
                Ok(())
            }
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
    pub(super) fn declare(
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
    pub(super) fn add(&mut self, id: Range<usize>, label: Text, actor: bool) -> usize {
        let name = self.rd.slice(id.clone());
        let i = self.participants.len();
        self.participants.push(Participant {
            id: name.to_owned(),
            label,
            actor,
        });
        self.index.insert(name.to_owned(), i);
        self.active.push(0);
        if self.box_frame.is_some()
            && let Some(b) = self.boxes.last_mut()
        {
            b.participants.push(i);
        }
        if self.participants.len() == MAX_NODES + 1 {
            self.too_many_participants = Some(id);
        }
        i
    }

    /// The participant named in `range`, added on first mention; `what`
    /// names it in the error when the range is empty.
    pub(super) fn who(&mut self, range: Range<usize>, what: &str) -> Result<usize, Diagnostic> {
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
    pub(super) fn activate(&mut self, who: usize) {
        self.events.push(Event::Activate(who));
        if let Some(n) = self.active.get_mut(who) {
            *n += 1;
        }
    }

    /// Ends an activation bar; `at` is what asked for it.
    pub(super) fn deactivate(&mut self, who: usize, at: Range<usize>) -> Result<(), Diagnostic> {
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
    pub(super) fn branch(
        &mut self,
        word: &str,
        kw: Range<usize>,
        rest: Range<usize>,
    ) -> Result<(), Diagnostic> {
        let want = match word {
            "else" => FrameKind::Alt,
            "option" => FrameKind::Critical,
            _ => FrameKind::Par,
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
    pub(super) fn note(&mut self, kw: Range<usize>, rest: Range<usize>) -> Result<(), Diagnostic> {
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
    pub(super) fn message(&mut self, line: &Line<'_>) -> Result<(), Diagnostic> {
        let src = self.rd.src;
        let end = line.range().end;
        let names = line.text.split(':').next().unwrap_or_default();
        // `A <<->> B`: a message both ways, its `<<` blanked (offsets kept)
        // for the arrow reader.
        let both = names.find("<<");
        let names = &names.replacen("<<", "  ", 1);
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
        // The sender ends where the arrow starts (at its `<<`, if any).
        let sender_end = both.map_or(arrow.start, |k| line.start + k);
        let from = self.who(trim(src, line.start..sender_end), "the sender")?;
        let to = self.who(to, "the receiver")?;
        let text = self.rd.text(text);
        let span = self.rd.span(line.range());
        self.events.push(Event::Message(Message {
            from,
            to,
            text,
            dashed,
            head,
            tail: if both.is_some() { head } else { Head::None },
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

impl SeqParser<'_> {
    /// Opens `box [colour] [label]`: the participants declared until its
    /// `end` stand together in a labelled box (its colour is the theme's).
    pub(super) fn open_box(
        &mut self,
        kw: Range<usize>,
        rest: Range<usize>,
    ) -> Result<(), Diagnostic> {
        if self.box_frame.is_some() {
            return Err(self.rd.error(
                kw,
                "a Mermaid `box` inside a `box`",
                "close the first box with `end` before opening the next",
            ));
        }
        if !self.frames.is_empty() {
            return Err(self.rd.error(
                kw,
                "a `box` inside a frame",
                "declare boxes before the first message, outside `loop`, `alt` and the like",
            ));
        }
        let (word, at) = Line::at(self.rd.src, rest.clone()).word();
        let colour = word.starts_with("rgb")
            || word.starts_with('#')
            || word.eq_ignore_ascii_case("transparent")
            || COLOUR_NAMES.contains(&word.to_ascii_lowercase().as_str());
        let label = if colour {
            let end = if word.starts_with("rgb") {
                self.rd
                    .slice(rest.clone())
                    .find(')')
                    .map_or(at.end, |k| rest.start + k + 1)
            } else {
                at.end
            };
            trim(self.rd.src, end..rest.end)
        } else {
            rest
        };
        self.boxes.push(ParticipantBox {
            label: self.rd.text(label),
            participants: Vec::new(),
        });
        self.box_frame = Some(self.frames.len());
        self.frames.push((None, kw));
        Ok(())
    }
}

/// CSS colour names a `box` line may start with (the common ones).
const COLOUR_NAMES: &[&str] = &[
    "aqua",
    "black",
    "blue",
    "fuchsia",
    "gray",
    "green",
    "grey",
    "lime",
    "maroon",
    "navy",
    "olive",
    "orange",
    "purple",
    "red",
    "silver",
    "teal",
    "white",
    "yellow",
    "lightblue",
    "lightgreen",
    "lightgrey",
    "lightgray",
    "lightyellow",
    "pink",
    "beige",
    "aliceblue",
    "lavender",
    "ivory",
    "khaki",
    "wheat",
    "coral",
    "gold",
    "tan",
    "violet",
];
