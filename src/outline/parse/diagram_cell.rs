//! A node placed by hand: `at: [col, row]`, a cell of the page's grid
//! (columns left to right, rows top to bottom), each cell held by one node.

use marked_yaml::Node;
use marked_yaml::types::MarkedMappingNode;

use super::Parser;
use crate::diagnostics::Diagnostic;
use crate::outline::Spanned;
use crate::outline::diagram::{Direction, Flow};

/// The largest column or row `at:` takes.
pub const MAX_CELL: usize = 40;

/// Reads a node's `at: [col, row]`: two whole numbers from 0 to
/// [`MAX_CELL`]; anything else is an error at it.
pub(super) fn cell(p: &mut Parser<'_>, m: &MarkedMappingNode) -> Option<Spanned<(usize, usize)>> {
    let node = m.get_node("at")?;
    let span = p.node_span(node);
    let numbers: Option<Vec<usize>> = match node {
        Node::Sequence(seq) => seq
            .iter()
            .map(|n| {
                n.as_scalar()
                    .and_then(|s| s.as_str().trim().parse::<usize>().ok())
            })
            .collect(),
        _ => None,
    };
    match numbers.as_deref() {
        Some(&[col, row]) if col <= MAX_CELL && row <= MAX_CELL => {
            Some(Spanned::new((col, row), span))
        }
        _ => {
            p.error(
                Diagnostic::error(format!(
                    "`at` takes a column and a row, whole numbers from 0 to {MAX_CELL}"
                ))
                .at(span)
                .hint("write `at: [1, 0]`: the second column, the top row"),
            );
            None
        }
    }
}

/// Takes a cell for a node, refusing one another node holds.
pub(super) fn claim(
    p: &mut Parser<'_>,
    taken: &mut Vec<Spanned<(usize, usize)>>,
    cell: &Spanned<(usize, usize)>,
) {
    if let Some(first) = taken.iter().find(|c| c.value == cell.value) {
        let (col, row) = cell.value;
        p.error(
            Diagnostic::error(format!("two nodes are placed at [{col}, {row}]"))
                .at(cell.span.clone())
                .label(first.span.clone(), "first placed here")
                .hint("give each node a cell of its own"),
        );
        return;
    }
    taken.push(cell.clone());
}

/// Notes each edge between two placed nodes that points back against the
/// chart's direction: its lower end is drawn further on than `at:` says.
pub(super) fn turned_back(p: &mut Parser<'_>, flow: &Flow, taken: &[Spanned<(usize, usize)>]) {
    // How far along the chart's direction a cell is.
    let along = |(col, row): (usize, usize)| -> isize {
        let (col, row) = (col as isize, row as isize);
        match flow.direction {
            Direction::Right => col,
            Direction::Left => -col,
            Direction::Down => row,
            Direction::Up => -row,
        }
    };
    for e in &flow.edges {
        let (Some(a), Some(b)) = (flow.nodes[e.from].at, flow.nodes[e.to].at) else {
            continue;
        };
        if along(b) > along(a) {
            continue;
        }
        let Some(cell) = taken.iter().find(|c| c.value == b) else {
            continue;
        };
        let (from, to) = (&flow.nodes[e.from].id, &flow.nodes[e.to].id);
        p.error(
            Diagnostic::note(format!(
                "`{to}` is drawn further along than `at:` says: the edge from `{from}` points along the chart"
            ))
            .at(cell.span.clone())
            .hint("place it a column (or row) further on, or turn the chart with `direction:`"),
        );
    }
}
