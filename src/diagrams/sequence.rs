//! Sequence diagrams: participants side by side with their lifelines, and
//! one row per message, note or frame line, top to bottom.
//!
//! Columns are spaced so every message's label fits between its two
//! lifelines, every self-message's label fits before the next lifeline, and
//! every side note fits beside its participant; rows never share height, so
//! no two labels meet.

use super::{fit, line_height, lines_size, wrap};
use crate::charts::Area;
use crate::charts::draw::{Align, Drawing, Paint, Rect};
use crate::charts::text::{SIZE, width};
use crate::outline::diagram::{Event, Head, NoteSide, Sequence, Shape};

/// The widest a message's text runs before it wraps.
const MESSAGE_WIDTH: f64 = 240.0;
/// The widest a note runs before it wraps.
const NOTE_WIDTH: f64 = 200.0;
/// Space around text in boxes.
const PAD: (f64, f64) = (12.0, 7.0);
/// How far a self-message's loop reaches right.
const LOOP: f64 = 22.0;
/// Half the width of an activation bar.
const BAR: f64 = 5.0;

/// A participant's head: its label and box size.
struct Head_ {
    lines: Vec<String>,
    w: f64,
    h: f64,
}

/// Lays out a sequence diagram; with `reveal`, message `k` is reveal group
/// `k`, and notes and frames appear with the message they belong to.
pub fn layout(seq: &Sequence, reveal: bool) -> Drawing {
    let n = seq.participants.len();
    let heads: Vec<Head_> = seq
        .participants
        .iter()
        .map(|p| {
            let lines = wrap(&p.label.value, 150.0, true);
            let (tw, th) = lines_size(&lines, true);
            let figure = if p.actor { 34.0 } else { 0.0 };
            Head_ {
                lines,
                w: (tw + 2.0 * PAD.0).max(70.0),
                h: th + 2.0 * PAD.1 + figure,
            }
        })
        .collect();
    let mut number = 0;
    let texts: Vec<Vec<String>> = seq
        .events
        .iter()
        .map(|e| match e {
            Event::Message(m) => {
                number += 1;
                let text = if seq.autonumber {
                    format!("{number}. {}", m.text.value)
                } else {
                    m.text.value.clone()
                };
                wrap(&text, MESSAGE_WIDTH, false)
            }
            Event::Note { text, .. } => wrap(&text.value, NOTE_WIDTH, false),
            // A frame's condition in brackets; none (`loop` alone) draws
            // nothing, not "[]".
            Event::Open { label, .. } | Event::Branch { label }
                if label.value.trim().is_empty() =>
            {
                Vec::new()
            }
            Event::Open { label, .. } | Event::Branch { label } => {
                wrap(&format!("[{}]", label.value.trim()), MESSAGE_WIDTH, false)
            }
            _ => Vec::new(),
        })
        .collect();

    // Columns: the least centre-to-centre distances, then widened until
    // every label fits.
    let mut gaps: Vec<f64> = (1..n)
        .map(|i| heads[i - 1].w / 2.0 + heads[i].w / 2.0 + 24.0)
        .collect();
    let mut needs: Vec<(usize, usize, f64)> = Vec::new();
    let mut left_margin: f64 = 0.0;
    let mut right_margin: f64 = 0.0;
    for (e, lines) in seq.events.iter().zip(&texts) {
        let (w, _) = lines_size(lines, false);
        match e {
            Event::Message(m) if m.from != m.to => {
                needs.push((m.from.min(m.to), m.from.max(m.to), w + 24.0));
            }
            Event::Message(m) => {
                let need = LOOP + 8.0 + w + 12.0;
                if m.from + 1 < n {
                    needs.push((m.from, m.from + 1, need + BAR));
                } else {
                    right_margin = right_margin.max(need);
                }
            }
            Event::Note {
                side, first, last, ..
            } => {
                let need = w + 2.0 * PAD.0 + 12.0;
                match side {
                    NoteSide::Left if *first > 0 => needs.push((first - 1, *first, need + 12.0)),
                    NoteSide::Left => left_margin = left_margin.max(need),
                    NoteSide::Right if first + 1 < n => {
                        needs.push((*first, first + 1, need + 12.0))
                    }
                    NoteSide::Right => right_margin = right_margin.max(need),
                    NoteSide::Over if first != last => needs.push((*first, *last, need - 40.0)),
                    NoteSide::Over => {}
                }
            }
            _ => {}
        }
    }
    needs.sort_by_key(|&(a, b, _)| b - a);
    for (a, b, need) in needs {
        let have: f64 = gaps[a..b].iter().sum();
        if have < need {
            let more = (need - have) / (b - a) as f64;
            gaps[a..b].iter_mut().for_each(|g| *g += more);
        }
    }
    let mut x = vec![heads.first().map_or(0.0, |h| h.w / 2.0) + left_margin];
    for g in &gaps {
        let last = x[x.len() - 1];
        x.push(last + g);
    }

    let mut d = Drawing::new(Area {
        width: 0.0,
        height: 0.0,
    });
    // Room above the heads for the labels of `box` groups.
    let box_room = if seq.boxes.is_empty() {
        0.0
    } else {
        line_height() + 12.0
    };
    let top = heads.iter().map(|h| h.h).fold(0.0, f64::max) + box_room;
    // The rows, computed first: lifelines and bars go under them.
    let lh = line_height();
    let mut y = top + 16.0;
    let total_messages = seq.messages().count();
    let mut seen = 0usize;
    let mut frames: Vec<Frame> = Vec::new();
    let mut bars: Vec<(usize, f64, usize)> = Vec::new();
    let mut rows: Vec<Row> = Vec::new();
    let group = |k: usize| reveal.then_some(k.min(total_messages.saturating_sub(1)));
    for (e, lines) in seq.events.iter().zip(&texts) {
        let (w, h) = lines_size(lines, false);
        match e {
            Event::Message(m) => {
                let g = group(seen);
                seen += 1;
                for f in frames.iter_mut() {
                    f.span = (
                        f.span.0.min(m.from.min(m.to)),
                        f.span.1.max(m.from.max(m.to)),
                    );
                }
                if m.from == m.to {
                    let loop_h = h.max(16.0);
                    rows.push(Row::SelfMessage {
                        g,
                        at: (x[m.from], y),
                        h: loop_h,
                        lines: lines.clone(),
                        dashed: m.dashed,
                        head: (m.head, m.tail),
                    });
                    y += loop_h + 18.0;
                } else {
                    let (a, b) = (x[m.from], x[m.to]);
                    let label_x = (a + b) / 2.0 - w / 2.0;
                    rows.push(Row::Message {
                        g,
                        label: (lines.clone(), (label_x, y)),
                        arrow: (a, b, y + h + 5.0),
                        dashed: m.dashed,
                        head: (m.head, m.tail),
                    });
                    y += h + 18.0;
                }
            }
            Event::Note {
                side, first, last, ..
            } => {
                let bw = w + 2.0 * PAD.0;
                let bh = h + 2.0 * PAD.1;
                let x0 = match side {
                    NoteSide::Left => x[*first] - 10.0 - bw,
                    NoteSide::Right => x[*first] + 10.0,
                    NoteSide::Over => {
                        let span = x[*last] - x[*first] + 40.0;
                        let bw = bw.max(span);
                        (x[*first] + x[*last]) / 2.0 - bw / 2.0
                    }
                };
                let bw = if *side == NoteSide::Over {
                    bw.max(x[*last] - x[*first] + 40.0)
                } else {
                    bw
                };
                rows.push(Row::Note {
                    g: group(seen.saturating_sub(1)),
                    rect: Rect {
                        x: x0,
                        y,
                        w: bw,
                        h: bh,
                    },
                    lines: lines.clone(),
                });
                y += bh + 12.0;
            }
            Event::Open { kind, .. } => {
                frames.push(Frame {
                    g: group(seen),
                    top: y,
                    tag: kind.keyword(),
                    label: lines.clone(),
                    branches: Vec::new(),
                    span: (usize::MAX, 0),
                    depth: frames.len(),
                });
                y += h + 12.0;
            }
            Event::Branch { .. } => {
                if let Some(f) = frames.last_mut() {
                    f.branches.push((y, lines.clone()));
                }
                y += h + 12.0;
            }
            Event::Close => {
                if let Some(f) = frames.pop() {
                    if let Some(parent) = frames.last_mut() {
                        parent.span = (parent.span.0.min(f.span.0), parent.span.1.max(f.span.1));
                    }
                    rows.push(Row::Frame(f, y));
                }
                y += 14.0;
            }
            Event::Activate(p) => bars.push((*p, y - 6.0, usize::MAX)),
            Event::Deactivate(p) => {
                if let Some(b) = bars
                    .iter_mut()
                    .rev()
                    .find(|b| b.0 == *p && b.2 == usize::MAX)
                {
                    b.2 = (y - 6.0).round() as usize;
                }
            }
        }
        let _ = lh;
    }
    let bottom = y;

    // Participants and lifelines, always shown.
    d.set_group(None);
    for (i, (p, head)) in seq.participants.iter().zip(&heads).enumerate() {
        let cx = x[i];
        d.path(
            vec![(cx, top), (cx, bottom)],
            Paint::Muted,
            1.0,
            true,
            (Head::None, Head::None),
        );
        let (tw, th) = lines_size(&head.lines, true);
        if p.actor {
            actor(&mut d, cx, top - head.h);
            d.literal(
                head.lines.clone(),
                (cx - tw / 2.0, top - th - PAD.1),
                Paint::Text,
                true,
                Align::Center,
            );
        } else {
            let rect = Rect {
                x: cx - head.w / 2.0,
                y: top - head.h,
                w: head.w,
                h: head.h,
            };
            d.shape(rect, Shape::Box, Paint::Background, Paint::Series(0));
            d.literal(
                head.lines.clone(),
                (cx - tw / 2.0, rect.y + (rect.h - th) / 2.0),
                Paint::Text,
                true,
                Align::Center,
            );
        }
    }
    for b in &seq.boxes {
        // The heads stand from `top - their height`; the label above them.
        participant_box(&mut d, b, &x, &heads, (6.0, bottom));
    }
    for (p, from, to) in bars {
        let end = if to == usize::MAX {
            bottom - 6.0
        } else {
            to as f64
        };
        let rect = Rect {
            x: x[p] - BAR,
            y: from,
            w: 2.0 * BAR,
            h: (end - from).max(8.0),
        };
        d.shape(rect, Shape::Box, Paint::Surface, Paint::Muted);
    }
    for row in rows {
        draw_row(&mut d, row, &x);
    }
    d.set_group(None);
    fit(&mut d, 2.0);
    d
}

/// A frame being laid out.
struct Frame {
    g: Option<usize>,
    top: f64,
    tag: &'static str,
    label: Vec<String>,
    branches: Vec<(f64, Vec<String>)>,
    span: (usize, usize),
    depth: usize,
}

/// One laid-out row.
enum Row {
    Message {
        g: Option<usize>,
        label: (Vec<String>, (f64, f64)),
        arrow: (f64, f64, f64),
        dashed: bool,
        head: (Head, Head),
    },
    SelfMessage {
        g: Option<usize>,
        at: (f64, f64),
        h: f64,
        lines: Vec<String>,
        dashed: bool,
        head: (Head, Head),
    },
    Note {
        g: Option<usize>,
        rect: Rect,
        lines: Vec<String>,
    },
    Frame(Frame, f64),
}

/// Draws one row.
fn draw_row(d: &mut Drawing, row: Row, x: &[f64]) {
    match row {
        Row::Message {
            g,
            label,
            arrow,
            dashed,
            head,
        } => {
            d.set_group(g);
            let (a, b, y) = arrow;
            // Arrows end at the receiver's activation bar.
            let b = if b > a { b - 1.0 } else { b + 1.0 };
            d.path(vec![(a, y), (b, y)], Paint::Text, 1.6, dashed, head);
            if !label.0.iter().all(String::is_empty) {
                d.literal(label.0, label.1, Paint::Text, false, Align::Center);
            }
        }
        Row::SelfMessage {
            g,
            at,
            h,
            lines,
            dashed,
            head,
        } => {
            d.set_group(g);
            let (cx, y) = at;
            let pts = vec![
                (cx + BAR, y + 2.0),
                (cx + LOOP, y + 2.0),
                (cx + LOOP, y + h),
                (cx + BAR, y + h),
            ];
            d.path(pts, Paint::Text, 1.6, dashed, head);
            if !lines.iter().all(String::is_empty) {
                d.literal(lines, (cx + LOOP + 6.0, y), Paint::Text, false, Align::Left);
            }
        }
        Row::Note { g, rect, lines } => {
            d.set_group(g);
            d.shape(rect, Shape::Box, Paint::Surface, Paint::Muted);
            let (tw, th) = lines_size(&lines, false);
            d.literal(
                lines,
                (rect.x + (rect.w - tw) / 2.0, rect.y + (rect.h - th) / 2.0),
                Paint::Text,
                false,
                Align::Center,
            );
        }
        Row::Frame(f, end) => {
            d.set_group(f.g);
            let (lo, hi) = if f.span.0 == usize::MAX {
                (0, x.len().saturating_sub(1))
            } else {
                f.span
            };
            let pad = (30.0 - 8.0 * f.depth as f64).max(8.0);
            let x0 = x.get(lo).copied().unwrap_or(0.0) - pad;
            let mut x1 = x.get(hi).copied().unwrap_or(0.0) + pad;
            let tag_w = width(f.tag, SIZE, true) + 12.0;
            let (lw, lh) = lines_size(&f.label, false);
            x1 = x1.max(x0 + tag_w + lw + 16.0);
            for (_, b) in &f.branches {
                x1 = x1.max(x0 + lines_size(b, false).0 + 16.0);
            }
            d.frame(
                Rect {
                    x: x0,
                    y: f.top,
                    w: x1 - x0,
                    h: end - f.top,
                },
                Paint::Muted,
            );
            let tab = Rect {
                x: x0,
                y: f.top,
                w: tag_w,
                h: lh + 2.0,
            };
            d.rect(tab, Paint::Surface);
            d.literal(
                vec![f.tag.to_string()],
                (x0 + 6.0, f.top + 1.0),
                Paint::Text,
                true,
                Align::Left,
            );
            if lw > 0.0 {
                d.literal(
                    f.label,
                    (x0 + tag_w + 8.0, f.top + 1.0),
                    Paint::Muted,
                    false,
                    Align::Left,
                );
            }
            for (by, lines) in f.branches {
                d.path(
                    vec![(x0, by - 4.0), (x1, by - 4.0)],
                    Paint::Muted,
                    1.0,
                    true,
                    (Head::None, Head::None),
                );
                d.literal(lines, (x0 + 8.0, by), Paint::Muted, false, Align::Left);
            }
        }
    }
}

/// A stick figure whose head's top is at `(cx, top)`.
fn actor(d: &mut Drawing, cx: f64, top: f64) {
    let none = (Head::None, Head::None);
    d.shape(
        Rect {
            x: cx - 6.0,
            y: top + 1.0,
            w: 12.0,
            h: 12.0,
        },
        Shape::Circle,
        Paint::Background,
        Paint::Series(0),
    );
    d.path(
        vec![(cx, top + 13.0), (cx, top + 24.0)],
        Paint::Series(0),
        1.5,
        false,
        none,
    );
    d.path(
        vec![(cx - 9.0, top + 17.0), (cx + 9.0, top + 17.0)],
        Paint::Series(0),
        1.5,
        false,
        none,
    );
    d.path(
        vec![
            (cx - 7.0, top + 32.0),
            (cx, top + 24.0),
            (cx + 7.0, top + 32.0),
        ],
        Paint::Series(0),
        1.5,
        false,
        none,
    );
}

/// A `box` group: a frame around its participants' columns, from above
/// their heads to the bottom, its label at the top left.
fn participant_box(
    d: &mut Drawing,
    b: &crate::outline::diagram::ParticipantBox,
    x: &[f64],
    heads: &[Head_],
    (top, bottom): (f64, f64),
) {
    let (Some(&lo), Some(&hi)) = (b.participants.iter().min(), b.participants.iter().max()) else {
        return;
    };
    let (Some(h_lo), Some(h_hi)) = (heads.get(lo), heads.get(hi)) else {
        return;
    };
    let x0 = x[lo] - h_lo.w / 2.0 - 8.0;
    let x1 = x[hi] + h_hi.w / 2.0 + 8.0;
    let lines = wrap(&b.label.value, x1 - x0 - 12.0, true);
    let (tw, _) = lines_size(&lines, true);
    d.frame(
        Rect {
            x: x0,
            y: top - 4.0,
            w: (x1 - x0).max(tw + 12.0),
            h: bottom - top + 8.0,
        },
        Paint::Muted,
    );
    d.literal(lines, (x0 + 6.0, top), Paint::Muted, true, Align::Left);
}
