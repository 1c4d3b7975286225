//! A flowchart's fills: `classDef name fill:#f96`, `class a,b name`,
//! `a:::name` and `style a fill:#f96`. Each CSS colour becomes the palette
//! colour nearest it (`Fill::nearest`), with a note; the rest of Mermaid's
//! styling (strokes, fonts, `linkStyle`) stays the theme's, with a warning.

use super::flow::FlowParser;
use super::*;

/// Fills asked for, resolved once every node is known.
#[derive(Default)]
pub(super) struct Styles {
    /// Each `classDef` with a fill: its name and the fill.
    classes: HashMap<String, Fill>,
    /// Nodes given a class (`class`, `:::`): id, class and where.
    classed: Vec<(String, String, Range<usize>)>,
    /// Nodes given a fill directly (`style`): id and fill.
    styled: Vec<(String, Fill)>,
}

impl FlowParser<'_> {
    /// Reads a `classDef`, `class` or `style` line (`rest` after the
    /// keyword at `kw`).
    pub(super) fn style_line(&mut self, word: &str, kw: Range<usize>, rest: Range<usize>) {
        let text = self.rd.slice(rest.clone()).to_owned();
        let (names, attrs) = text.split_once(char::is_whitespace).unwrap_or((&text, ""));
        if word == "class" {
            for id in names.split(',') {
                let class = attrs.trim().to_owned();
                self.styles
                    .classed
                    .push((id.trim().to_owned(), class, rest.clone()));
            }
            return;
        }
        let Some(fill) = self.css_fill(attrs, rest) else {
            self.rd.styling(word, kw);
            return;
        };
        for name in names.split(',').map(str::trim) {
            if word == "classDef" {
                self.styles.classes.insert(name.to_owned(), fill);
            } else {
                self.styles.styled.push((name.to_owned(), fill));
            }
        }
    }

    /// A node's `:::class`.
    pub(super) fn class_of(&mut self, id: &str, class: Range<usize>) {
        let name = self.rd.slice(class.clone()).to_owned();
        self.styles.classed.push((id.to_owned(), name, class));
    }

    /// The fill of `fill:#f96,stroke:#333`, mapped to the palette with a
    /// note; `None` without a fill that reads.
    fn css_fill(&mut self, attrs: &str, at: Range<usize>) -> Option<Fill> {
        let css = attrs
            .split([',', ';'])
            .find_map(|a| a.trim().strip_prefix("fill:"))?
            .trim();
        let fill = Fill::nearest(css)?;
        let message = format!(
            "Mermaid's fill `{css}` is drawn in the theme's `{}`, the palette colour nearest it",
            fill.name()
        );
        let hint = "the theme sets every colour; in the YAML form write `fill: accent`";
        self.rd
            .note_once(&format!("fill {css}"), at, &message, hint);
        Some(fill)
    }

    /// Gives each node its fill: its class's, else `classDef default`'s,
    /// then any `style` line's; a class never defined is a warning.
    pub(super) fn apply_styles(&mut self) {
        let styles = std::mem::take(&mut self.styles);
        if let Some(&fill) = styles.classes.get("default") {
            for node in &mut self.nodes {
                node.fill = Some(fill);
            }
        }
        for (id, class, at) in styles.classed {
            match styles.classes.get(&class) {
                Some(&fill) => self.fill(&id, fill),
                None => self.rd.warn_once(
                    &format!("class {class}"),
                    at,
                    &format!("the class `{class}` has no `classDef` with a fill: drawn unfilled"),
                    "define it, e.g. `classDef warn fill:#f96`, or remove it",
                ),
            }
        }
        for (id, fill) in styles.styled {
            self.fill(&id, fill);
        }
    }

    /// Fills the node `id`, if there is one.
    fn fill(&mut self, id: &str, fill: Fill) {
        if let Some(&i) = self.index.get(id)
            && let Some(node) = self.nodes.get_mut(i)
        {
            node.fill = Some(fill);
        }
    }
}
