//! Reading a sequence diagram written in YAML (`participants:` and
//! `messages:`); the Mermaid reader gives the same model.

use marked_yaml::Node;
use marked_yaml::types::MarkedMappingNode;

use super::Parser;
use super::diagram::{entries, piece, split_edge};
use crate::diagnostics::{Diagnostic, Span, did_you_mean};
use crate::outline::diagram::*;
use crate::outline::{Spanned, Text};

/// Reads a sequence diagram written in YAML: `participants:` and
/// `messages:` ("A -> B: text", "A --> B: reply", "note over A, B: text").
pub(super) fn sequence_yaml(
    p: &mut Parser<'_>,
    map: &MarkedMappingNode,
    span: &Span,
) -> Option<Sequence> {
    let declared = map.get_node("participants").is_some();
    let mut participants: Vec<Participant> = Vec::new();
    for entry in entries(p, map, "participants") {
        let (id, label, actor) = match entry {
            Node::Scalar(s) => {
                let t = Spanned::new(s.as_str().trim().to_string(), p.scalar_span(s));
                (t.clone(), t, false)
            }
            Node::Mapping(m) => {
                p.check_keys(m, &[&["id", "label", "actor"]], "a participant");
                let Some(id) = p.required_text(m, "id", "this participant") else {
                    continue;
                };
                let label = p.text(m, "label").unwrap_or_else(|| id.clone());
                (id, label, p.flag(m, "actor"))
            }
            other => {
                let span = p.node_span(other);
                p.error(Diagnostic::error("a participant must be a name or a mapping").at(span));
                continue;
            }
        };
        if participants.iter().any(|x| x.id == id.value) {
            p.error(
                Diagnostic::error(format!("the participant `{}` is listed twice", id.value))
                    .at(id.span)
                    .hint("list each participant once"),
            );
            continue;
        }
        participants.push(Participant {
            id: id.value,
            label,
            actor,
        });
    }
    let mut events = Vec::new();
    for entry in entries(p, map, "messages") {
        let Some(s) = entry.as_scalar() else {
            let span = p.node_span(entry);
            p.error(
                Diagnostic::error("a message must be text")
                    .at(span)
                    .hint("write \"A -> B: text\""),
            );
            continue;
        };
        let text = Spanned::new(s.as_str().to_owned(), p.scalar_span(s));
        if let Some(event) = sequence_entry(p, &text, &mut participants, declared) {
            events.push(event);
        }
    }
    if participants.is_empty() {
        p.error(
            Diagnostic::error("this sequence diagram has no participants")
                .at(span.clone())
                .hint("list `participants:` and `messages:` like \"A -> B: text\""),
        );
        return None;
    }
    Some(Sequence {
        participants,
        events,
        autonumber: false,
        boxes: Vec::new(),
    })
}

/// Finds a participant, adding it when they are not declared.
fn participant(
    p: &mut Parser<'_>,
    id: &Text,
    all: &mut Vec<Participant>,
    declared: bool,
) -> Option<usize> {
    if let Some(i) = all.iter().position(|x| x.id == id.value) {
        return Some(i);
    }
    if declared || id.value.is_empty() {
        let ids: Vec<&str> = all.iter().map(|x| x.id.as_str()).collect();
        let hint = match did_you_mean(&id.value, &ids) {
            Some(near) => format!("did you mean `{near}`?"),
            None => format!("add `{}` to `participants:`", id.value),
        };
        p.error(
            Diagnostic::error(format!("no participant is called `{}`", id.value))
                .at(id.span.clone())
                .hint(hint),
        );
        return None;
    }
    all.push(Participant {
        id: id.value.clone(),
        label: id.clone(),
        actor: false,
    });
    Some(all.len() - 1)
}

/// Reads one `messages:` entry: a message or a note.
fn sequence_entry(
    p: &mut Parser<'_>,
    text: &Text,
    all: &mut Vec<Participant>,
    declared: bool,
) -> Option<Event> {
    let lower = text.value.to_lowercase();
    if lower.starts_with("note ") && lower.len() == text.value.len() {
        let colon = text.value.find(':').unwrap_or(text.value.len());
        let head = lower.get(..colon).unwrap_or("");
        let (side, at) = [
            ("note over ", NoteSide::Over),
            ("note left of ", NoteSide::Left),
            ("note right of ", NoteSide::Right),
        ]
        .into_iter()
        .find_map(|(k, side)| head.starts_with(k).then_some((side, k.len())))
        .or_else(|| {
            p.error(
                Diagnostic::error("a note is `note over A`, `note left of A` or `note right of A`")
                    .at(text.span.clone())
                    .hint("write \"note over A, B: text\""),
            );
            None
        })?;
        let names = piece(p, text, at..colon);
        let mut ids = Vec::new();
        let mut start = at;
        for part in names.value.split(',') {
            let off = text.value[start..colon]
                .find(part)
                .map_or(start, |o| start + o);
            let name = piece(p, text, off..off + part.len());
            start = off + part.len();
            ids.push(participant(p, &name, all, declared)?);
        }
        let note = piece(p, text, (colon + 1).min(text.value.len())..text.value.len());
        let (first, last) = (*ids.iter().min()?, *ids.iter().max()?);
        return Some(Event::Note {
            side,
            first,
            last,
            text: note,
        });
    }
    let Some((from, (stroke, head, _), to, label)) = split_edge(p, text) else {
        p.error(
            Diagnostic::error(format!("`{}` has no arrow", text.value))
                .at(text.span.clone())
                .hint(
                    "write \"A -> B: text\", \"A --> B: reply\" (dashed) or \"note over A: text\"",
                ),
        );
        return None;
    };
    let from = participant(p, &from, all, declared);
    let to = participant(p, &to, all, declared);
    Some(Event::Message(Message {
        from: from?,
        to: to?,
        text: label.unwrap_or_else(|| Spanned::new(String::new(), text.span.clone())),
        dashed: stroke == Stroke::Dashed,
        head: if head == Head::None {
            Head::None
        } else {
            Head::Arrow
        },
        tail: Head::None,
        span: text.span.clone(),
    }))
}
