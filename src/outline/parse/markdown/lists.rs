//! Lists in a `markdown:` block: items, their nested lists, and lists
//! nested deeper than the outline's three levels, flattened without
//! recursion.

use std::ops::Range;

use pulldown_cmark::{Event, Tag, TagEnd};

use super::text::Out;
use super::{MAX_LIST_DEPTH, Reader, is_block_boundary};
use crate::outline::{Block, Item, List, Options, Placed, Spanned};

impl Reader<'_, '_> {
    /// Reads a list of the block: where an item holds a block other than
    /// text and lists (code under a bullet), the list is cut after that
    /// item, the block follows, and the list goes on after it (numbers
    /// continuing).
    pub(super) fn top_list(&mut self, start: Option<u64>, range: Range<usize>) {
        let numbered = start.is_some();
        let mut next = first_number(start);
        let mut items = Vec::new();
        let span = self.span(&range);
        while let Some((event, r)) = self.next() {
            match event {
                Event::Start(Tag::Item) => {
                    let mut held = Vec::new();
                    let (item, deeper) = self.item(0, &r, &mut held);
                    items.push(item);
                    items.extend(deeper);
                    if !held.is_empty() {
                        let n = u32::try_from(items.len()).unwrap_or(0);
                        let list = List {
                            numbered,
                            start: next,
                            items: std::mem::take(&mut items),
                        };
                        self.emit(Block::List(list), span.clone(), Options::default());
                        next = next.saturating_add(n);
                        self.read.blocks.extend(held);
                    }
                }
                Event::End(TagEnd::List(_)) => break,
                _ => {}
            }
        }
        if !items.is_empty() {
            let list = List {
                numbered,
                start: next,
                items,
            };
            self.emit(Block::List(list), span, Options::default());
        }
    }

    /// Reads a nested list and its items; lists nested deeper than the
    /// outline's three levels are flattened into the third. Blocks other
    /// than text held by its items go to `held`.
    fn list(&mut self, start: Option<u64>, depth: usize, held: &mut Vec<Placed>) -> List {
        let mut items = Vec::new();
        while let Some((event, range)) = self.next() {
            match event {
                Event::Start(Tag::Item) => {
                    let (item, deeper) = self.item(depth, &range, held);
                    items.push(item);
                    items.extend(deeper);
                }
                Event::End(TagEnd::List(_)) => break,
                _ => {}
            }
        }
        List {
            numbered: start.is_some(),
            start: first_number(start),
            items,
        }
    }

    /// Reads one list item: its text and the list under it. At the last
    /// level, items nested deeper come back flattened, to follow it.
    fn item(
        &mut self,
        depth: usize,
        range: &Range<usize>,
        held: &mut Vec<Placed>,
    ) -> (Item, Vec<Item>) {
        let mut out = Out::default();
        let mut sub: Option<List> = None;
        let mut flat = Vec::new();
        loop {
            match self.peek() {
                None => break,
                Some(Event::End(TagEnd::Item)) => {
                    self.at += 1;
                    break;
                }
                Some(Event::Start(Tag::Paragraph)) => {
                    self.at += 1;
                    if !out.is_blank() {
                        out.push_at("\n", out.origin.last().copied().unwrap_or(0));
                    }
                    let para = self.inline_text();
                    out.append(&para);
                    self.end();
                }
                Some(Event::Start(Tag::List(s))) => {
                    let s = *s;
                    let (_, r) = self.next().unwrap_or((Event::Rule, range.clone()));
                    if depth + 1 >= MAX_LIST_DEPTH {
                        self.warn(
                            &r,
                            format!("lists nest {MAX_LIST_DEPTH} levels deep on a slide; these items are moved up a level"),
                            "move the deepest items up a level, or split the slide",
                        );
                        flat.extend(self.flat_items());
                    } else {
                        let list = self.list(s, depth + 1, held);
                        match &mut sub {
                            Some(l) => l.items.extend(list.items),
                            None => sub = Some(list),
                        }
                    }
                }
                Some(e) if is_block_boundary(e) => {
                    let (event, r) = self.next().unwrap_or((Event::Rule, range.clone()));
                    if let Event::Start(tag) = event {
                        // The block is read on its own, to follow the list.
                        let before = std::mem::take(&mut self.read.blocks);
                        self.block(tag, r);
                        held.extend(std::mem::replace(&mut self.read.blocks, before));
                    }
                }
                Some(_) => {
                    let text = self.inline_text();
                    out.append(&text);
                }
            }
        }
        let out = out.trimmed();
        let text = if out.is_blank() {
            Spanned::new(String::new(), self.span(range))
        } else {
            self.text(out)
        };
        (Item { text, sub }, flat)
    }

    /// Reads a list nested too deep as flat items, without recursion: each
    /// item's own text, in order.
    fn flat_items(&mut self) -> Vec<Item> {
        let mut items = Vec::new();
        let mut depth = 1usize;
        let mut current = Out::default();
        while let Some((event, range)) = self.next() {
            match event {
                Event::Start(Tag::List(_)) => depth += 1,
                Event::End(TagEnd::List(_)) => depth -= 1,
                Event::Start(Tag::Item) | Event::End(TagEnd::Item) => {
                    let done = std::mem::take(&mut current).trimmed();
                    if !done.is_blank() {
                        items.push(Item {
                            text: self.text(done),
                            sub: None,
                        });
                    }
                }
                Event::Text(t) | Event::Code(t) => current.decoded(self.prep, &t, range),
                Event::SoftBreak => current.soft_break(self.prep.field_range(&range).start),
                _ => {}
            }
            if depth == 0 {
                break;
            }
        }
        items
    }
}

/// A list's first number, as the outline holds it.
fn first_number(start: Option<u64>) -> u32 {
    start.map_or(1, |s| u32::try_from(s.min(100_000)).unwrap_or(1))
}
