//! The JSON Schema of the outline format, for editors (`lectern schema`).
//!
//! It is built from the same key lists the parser checks against
//! (`DECK_KEYS`, `SLIDE_KEYS`, `BLOCK_KEYS`, ...), and a test makes sure every
//! key the parser knows is described here and nothing else, so the schema
//! and the parser cannot drift apart.

use serde_json::{Map, Value, json};

use super::CalloutKind;
use super::chart::Kind;
use super::parse::chart::CHART_KEYS;
use super::parse::code::{CODE_KEYS, TABLE_KEYS};
use super::parse::diagram::DIAGRAM_KEYS;
use super::parse::{BLOCK_KEYS, DECK_KEYS, OPTION_KEYS, QUOTE_KEYS, SLIDE_KEYS};

/// A text field.
fn text(description: &str) -> Value {
    json!({ "type": ["string", "number"], "description": description })
}

/// Minutes.
fn minutes(description: &str) -> Value {
    json!({ "type": "integer", "minimum": 1, "description": description })
}

/// An object whose properties are exactly `keys`, described by `describe`.
fn object(keys: &[&[&str]], describe: impl Fn(&str) -> Value, required: &[&str]) -> Value {
    let mut properties = Map::new();
    for key in keys.iter().flat_map(|k| k.iter()) {
        properties.insert((*key).to_string(), describe(key));
    }
    json!({ "type": "object", "properties": properties, "required": required, "additionalProperties": false })
}

/// Describes a slide (or column) key.
fn slide_key(key: &str) -> Value {
    match key {
        "title" => text("The slide title"),
        "notes" => text("Speaker notes (for the .pdfpc presenter console and handouts)"),
        "reveal" => json!({
            "enum": ["items", "nested", "rows", "all"],
            "description": "The block's own steps: items (top-level list items, math lines, chart series), nested (every list item at every level), rows (table rows), all; on a slide, the default of its blocks"
        }),
        "fit" => json!({
            "enum": ["auto", "none", "shrink"],
            "description": "auto (the default): a slide too full shrinks down to fit-floor, then continues on pages that repeat its title; none: it runs over (with a warning); shrink: the older name of auto"
        }),
        "fit-floor" => {
            json!({ "type": "number", "minimum": 0.5, "maximum": 1, "description": "How far fit: auto may shrink text, code, math and tables, × their own size (0.75)" })
        }
        "code-scale" => {
            json!({ "type": "number", "minimum": 1, "maximum": 2, "description": "How far code alone on its slide grows into free room, × its size (1.3)" })
        }
        "minutes" => minutes("Minutes planned for this slide"),
        "pause" => {
            json!({ "type": "number", "minimum": 0, "maximum": 120, "description": "Minutes of class activity on this slide (a question to the room), counted in the time plan" })
        }
        "bullets" => {
            json!({ "$ref": "#/definitions/list", "description": "A bullet list; a nested list holds the items under the item before it (three levels)" })
        }
        "numbered" => json!({
            "description": "A numbered list, like bullets, or { start: 3, items: [...] }",
            "anyOf": [
                { "$ref": "#/definitions/list" },
                { "type": "object", "additionalProperties": false, "required": ["items"], "properties": {
                    "start": { "type": "integer", "minimum": 0 }, "items": { "$ref": "#/definitions/list" } } }
            ]
        }),
        "heading" => text("A subheading inside the slide"),
        "box" => json!({ "$ref": "#/definitions/box" }),
        "body" => {
            json!({ "type": "array", "description": "The slide's blocks, top to bottom: each one content key and its options", "maxItems": 100, "items": { "$ref": "#/definitions/block" } })
        }
        "step" => {
            json!({ "type": "integer", "minimum": 1, "maximum": 100, "description": "Show the block from this step on (it keeps its space before)" })
        }
        "only" => {
            json!({ "type": ["integer", "string"], "pattern": "^[0-9]+(-[0-9]+)?$", "description": "Show the block on these steps alone, e.g. 2 or \"2-3\" (it takes no space otherwise)" })
        }
        "alt" => text("Alt text for a picture, chart, diagram or formula"),
        "width" => {
            json!({ "type": ["number", "string"], "pattern": "^[0-9.]+%?$", "description": "A column's width, a ratio (2) or a percentage (\"60%\"); an image's width as a percentage" })
        }
        "height" => {
            json!({ "type": ["number", "string"], "pattern": "^[0-9.]+%?$", "description": "A picture's, chart's or diagram's height: a percentage of the slide's room" })
        }
        "align" => json!({ "enum": ["left", "center", "right"] }),
        "valign" => {
            json!({ "enum": ["top", "middle", "bottom"], "description": "Where a column's (or the slide's) stack sits vertically" })
        }
        "size" => {
            json!({ "enum": ["small", "normal"], "description": "small: 0.8 × the body size" })
        }
        "number" => json!({
            "type": "boolean",
            "description": "A formula takes the next equation number (rows with \\label or \\tag number themselves)"
        }),
        "text" => text("A paragraph"),
        "quote" => text("A quotation"),
        "by" => text("Who said the quotation"),
        "image" => text("An image file in the outline's folder (PNG, JPEG, GIF, WebP, SVG)"),
        "caption" => text("The caption under the block (an image's alt text too)"),
        "typst" => text("Raw Typst markup (refused with --no-raw)"),
        "markdown" => text(
            "Markdown (CommonMark, GFM tables, $math$): paragraphs, lists, code, math, tables, quotes, headings, images; `. . .` starts a step, HTML comments are notes",
        ),
        "columns" => {
            json!({ "type": "array", "minItems": 2, "items": { "$ref": "#/definitions/column" } })
        }
        "chart" => json!({ "$ref": "#/definitions/chart" }),
        "code" => json!({ "anyOf": [
            { "type": "string", "description": "Code shown as typed, without highlighting" },
            { "$ref": "#/definitions/code" },
        ] }),
        "table" => json!({ "$ref": "#/definitions/table" }),
        "diagram" => json!({ "$ref": "#/definitions/diagram" }),
        "math" => json!({
            "description": "Display math in LaTeX: a string, a list of lines aligned at & (one step each with reveal: items), or { typst: ... } for Typst math",
            "anyOf": [
                { "type": "string" },
                { "type": "array", "items": { "type": "string" } },
                { "type": "object", "additionalProperties": false, "properties": { "typst": { "type": "string" } } }
            ]
        }),
        _ => json!({}),
    }
}

/// Describes a `code:` key.
fn code_key(key: &str) -> Value {
    match key {
        "src" => text("The code, verbatim (use `|` for several lines)"),
        "file" => text(
            "A source file in the outline's folder (UTF-8); the language follows its extension",
        ),
        "lang" => text(
            "The language for highlighting: a name or file extension (go, python, yaml, sh, ...)",
        ),
        "lines" => text("The lines of `file` to show, e.g. \"12-30\""),
        "highlight" => json!({
            "type": "array",
            "description": "One reveal step per entry: the lines lit, e.g. \"1-2\", \"3,5-7\", or all",
            "items": { "type": ["string", "number"] }
        }),
        "numbers" => json!({ "type": "boolean", "description": "Number the lines" }),
        "caption" => text("A caption under the code, also its alt text"),
        _ => json!({}),
    }
}

/// Describes a `table:` key.
fn table_key(key: &str) -> Value {
    let row = json!({ "type": "array", "items": { "type": ["string", "number", "null"] } });
    match key {
        "header" => {
            let mut header = row.clone();
            header["description"] = json!("The header cells");
            header
        }
        "rows" => {
            json!({ "type": "array", "description": "The rows, each a list of cells (inline markup allowed)", "items": row })
        }
        "data" => text("A CSV file in the outline's folder; its first row is the header"),
        "align" => {
            json!({ "type": "array", "description": "One alignment per column (numbers align right by default)", "items": { "enum": ["left", "center", "right"] } })
        }
        "reveal" => json!({ "enum": ["rows", "all"], "description": "rows: one row per step" }),
        "caption" => text("A caption under the table, also its alt text"),
        "source" => text("Where the data comes from, shown under the table"),
        _ => json!({}),
    }
}

/// Describes a chart key.
fn chart_key(key: &str) -> Value {
    let kinds: Vec<&str> = Kind::ALL.iter().map(|(n, _)| *n).collect();
    let date =
        json!({ "type": ["string", "integer"], "pattern": "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$" });
    match key {
        "kind" => json!({ "enum": kinds }),
        "unit" => text("Unit of the values, shown on the axis"),
        "source" => text("Where the data comes from, shown under the chart"),
        "data" => text("A CSV file beside the outline holding the data"),
        "categories" => json!({
            "description": "Value charts: the category labels. Timelines: key → legend label",
            "anyOf": [{ "type": "array", "items": { "type": ["string", "number"] } }, { "type": "object", "additionalProperties": { "type": "string" } }]
        }),
        "series" => json!({ "type": "array", "items": {
            "type": "object", "required": ["name", "values"], "additionalProperties": false,
            "properties": { "name": text("Series name"), "values": { "type": "array", "items": { "anyOf": [{ "type": ["number", "null"] }, { "type": "string", "pattern": "^[~≈] ?[0-9.]+%?$", "description": "an approximate value, printed as ≈" }] } } }
        }}),
        "events" => json!({ "type": "array", "items": {
            "type": "object", "required": ["date", "label", "category"], "additionalProperties": false,
            "properties": { "date": date, "label": text("What happened"), "category": text("A key of `categories`") }
        }}),
        "eras" => json!({ "type": "array", "items": {
            "type": "object", "required": ["from", "to", "label"], "additionalProperties": false,
            "properties": { "from": date, "to": date, "label": text("The era's name") }
        }}),
        "from" | "to" => date,
        "other" => text(
            "Pie and donut: the name of a derived slice holding the rest up to 100 % (needs unit: \"%\")",
        ),
        "centre" => text("Donut with one series: the label in its centre"),
        "layout" => json!({
            "enum": ["axis", "lanes"],
            "description": "Timeline: one axis, or a lane per category; chosen by what fits when absent"
        }),
        _ => json!({}),
    }
}

/// Describes a deck key.
fn deck_key(key: &str) -> Value {
    match key {
        "title" => text("The deck title"),
        "subtitle" => text("A subtitle"),
        "short-title" => text("Footer text (default: the title)"),
        "author" => text("The lecturer"),
        "institution" => text("Institution or course"),
        "date" => json!({ "type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$" }),
        "lang" => {
            json!({ "type": "string", "pattern": "^[A-Za-z]{2,3}([-_][A-Za-z0-9]{1,8})*$", "description": "The language, with an optional script or region: zh (default), zh-CN, zh-TW, zh-Hant, en, en-GB, fr, de, es, pt, it, ja, ko (others get English words and a warning)" })
        }
        "theme" => {
            json!({ "type": "string", "description": "academic, midnight, projector, metro, or a theme folder" })
        }
        "sections" => json!({ "type": "array", "items": { "$ref": "#/definitions/section" } }),
        "closing" => json!({ "type": "array", "items": { "$ref": "#/definitions/slide" } }),
        "opening" => {
            json!({ "type": "array", "description": "Slides after the title page, before the agenda and the first section", "items": { "$ref": "#/definitions/slide" } })
        }
        "agenda" => json!({ "type": "boolean", "description": "false: no agenda slide" }),
        "dividers" => {
            json!({ "type": "boolean", "description": "false: no divider slide before each section" })
        }
        "labels" => {
            let words: Map<String, Value> = super::LABEL_KEYS
                .iter()
                .map(|k| {
                    let what = match *k {
                        "date" => "The date's pattern, in Typst's datetime format: \"[day] [month repr:long] [year]\"",
                        "part" => "The label above a section title; {n} is its number",
                        _ => "The word shown for this label or box kind",
                    };
                    ((*k).to_string(), text(what))
                })
                .collect();
            json!({ "type": "object", "additionalProperties": false, "description": "The deck's own interface words", "properties": words })
        }
        "slot" => minutes("The lecture's time slot in minutes"),
        "end-time" => json!({ "type": "string", "pattern": "^[0-2][0-9]:[0-5][0-9]$" }),
        "notes" => text("Speaker notes for the title slide: the opening words"),
        "macros" => json!({
            "type": "object",
            "description": "LaTeX macros for every formula: name → LaTeX, e.g. { E: '\\mathbb{E}' } for \\E",
            "additionalProperties": { "type": "string" }
        }),
        "speaking-rate" => json!({
            "description": "How fast the notes are spoken: a number for the deck's language (characters a minute in Chinese, words a minute in English), or { zh: 240, en: 140 }",
            "anyOf": [
                { "type": "integer", "minimum": 1 },
                { "type": "object", "additionalProperties": false, "properties": {
                    "zh": { "type": "integer", "minimum": 1 }, "ja": { "type": "integer", "minimum": 1 },
                    "ko": { "type": "integer", "minimum": 1 }, "en": { "type": "integer", "minimum": 1 } } }
            ]
        }),
        other => slide_key(other),
    }
}

/// Describes a `diagram:` key.
fn diagram_key(key: &str) -> Value {
    let names = |all: &[&str]| Value::Array(all.iter().map(|s| json!(s)).collect());
    let shapes: Vec<&str> = super::diagram::Shape::ALL.iter().map(|(n, _)| *n).collect();
    let styles: Vec<&str> = super::diagram::Stroke::ALL
        .iter()
        .map(|(n, _)| *n)
        .collect();
    match key {
        "kind" => {
            json!({ "enum": ["flowchart", "sequence"], "description": "flowchart (the default) or sequence (with participants and messages)" })
        }
        "direction" => {
            json!({ "enum": ["right", "down", "left", "up", "auto"], "description": "Which way a flowchart runs (right by default); auto: down, turned left to right when too tall for its room" })
        }
        "nodes" => json!({
            "type": "array",
            "description": "The nodes; without this list, a node named in an edge gets its id as label",
            "items": { "anyOf": [
                { "type": "string" },
                { "type": "object", "required": ["id"], "additionalProperties": false, "properties": {
                    "id": text("The id edges name"),
                    "label": text("The text in the box (the id by default)"),
                    "shape": { "enum": names(&shapes) },
                    "fill": {
                        "enum": crate::outline::diagram::Fill::ALL.iter().map(|(n, _)| *n).collect::<Vec<_>>(),
                        "description": "Fill the node in a palette colour (its text in on-accent)"
                    },
                    "at": {
                        "type": "array", "items": { "type": "integer", "minimum": 0, "maximum": 40 },
                        "minItems": 2, "maxItems": 2,
                        "description": "Place the node by hand: [column, row] on the page's grid; the rest are laid out around it"
                    }
                } }
            ] }
        }),
        "edges" => json!({
            "type": "array",
            "description": "Edges: \"a -> b\", \"a -> b: label\", \"a --> b\" (dashed), \"a <-> b\", \"a ==> b\" (thick), or { from, to, label, style }",
            "items": { "anyOf": [
                { "type": "string" },
                { "type": "object", "required": ["from", "to"], "additionalProperties": false, "properties": {
                    "from": text("The node it leaves"),
                    "to": text("The node it reaches"),
                    "label": text("Text on the edge"),
                    "style": { "enum": names(&styles) }
                } }
            ] }
        }),
        "groups" => json!({
            "type": "array",
            "description": "Titled groups of nodes, drawn as tinted boxes",
            "items": { "type": "object", "required": ["label", "nodes"], "additionalProperties": false, "properties": {
                "label": text("The group's title"),
                "nodes": { "type": "array", "items": { "type": "string" } },
                "direction": { "enum": ["right", "down", "left", "up"], "description": "The way the group's nodes run, when not the chart's: the group is laid out on its own when none of its nodes is linked outside it" }
            } }
        }),
        "participants" => json!({
            "type": "array",
            "description": "A sequence diagram's participants, left to right",
            "items": { "anyOf": [
                { "type": "string" },
                { "type": "object", "required": ["id"], "additionalProperties": false, "properties": {
                    "id": text("The name messages use"),
                    "label": text("The name shown"),
                    "actor": { "type": "boolean", "description": "Draw as a person" }
                } }
            ] }
        }),
        "messages" => json!({
            "type": "array",
            "description": "Messages in order: \"A -> B: text\", \"A --> B: reply\" (dashed), \"note over A, B: text\"",
            "items": { "type": "string" }
        }),
        "reveal" => {
            json!({ "enum": ["nodes", "messages", "all"], "description": "nodes (a flowchart) or messages (a sequence): one per step" })
        }
        "caption" => text("A caption under the diagram, also the start of its alt text"),
        "mermaid" => text("The diagram in Mermaid: flowchart/graph or sequenceDiagram"),
        _ => json!({}),
    }
}

/// The JSON Schema of an outline, pretty-printed.
pub fn schema() -> String {
    // Columns nest two levels deep: an inner column's blocks hold no
    // columns (the parser's rule).
    let content = |keys: &[&[&str]], column: Option<&str>| -> Value {
        let mut v = object(keys, slide_key, &[]);
        let any: Vec<Value> = BLOCK_KEYS
            .iter()
            .chain(&["body"])
            .filter(|k| column.is_some() || **k != "columns")
            .map(|k| json!({ "required": [k] }))
            .collect();
        v["anyOf"] = Value::Array(any);
        match column {
            Some(def) => v["properties"]["columns"]["items"]["$ref"] = json!(def),
            None => {
                if let Some(p) = v["properties"].as_object_mut() {
                    p.remove("columns");
                }
            }
        }
        v
    };
    let slide = [SLIDE_KEYS, BLOCK_KEYS, OPTION_KEYS, QUOTE_KEYS];
    let block = [BLOCK_KEYS, OPTION_KEYS, QUOTE_KEYS];
    let column = [BLOCK_KEYS, OPTION_KEYS, QUOTE_KEYS, &["body"]];
    let mut inner_block = content(&block, None);
    inner_block["description"] = json!("A block inside an inner column: no more columns");
    let mut inner_column = content(&column, None);
    inner_column["properties"]["body"]["items"] = json!({ "$ref": "#/definitions/inner-block" });
    let kinds: Vec<&str> = CalloutKind::ALL.iter().map(|(n, _)| *n).collect();
    let item = json!({ "anyOf": [
        { "type": ["string", "number"] },
        { "$ref": "#/definitions/list" },
        { "type": "object", "additionalProperties": false, "properties": {
            "bullets": { "$ref": "#/definitions/list" }, "numbered": { "$ref": "#/definitions/list" } } }
    ] });
    let schema = json!({
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": "lectern lecture outline",
        "definitions": {
            "section": {
                "type": "object", "required": ["title", "slides"], "additionalProperties": false,
                "properties": { "title": text("The section title"), "slides": { "type": "array", "items": { "$ref": "#/definitions/slide" } }, "minutes": minutes("Minutes planned for the section") }
            },
            "slide": content(&slide, Some("#/definitions/column")),
            "block": content(&block, Some("#/definitions/column")),
            "column": content(&column, Some("#/definitions/inner-column")),
            "inner-column": inner_column,
            "inner-block": inner_block,
            "list": { "type": "array", "items": item },
            "box": {
                "type": "object", "required": ["kind"], "additionalProperties": false,
                "properties": {
                    "kind": { "enum": kinds },
                    "title": text("The box's title, after the kind's word"),
                    "body": { "type": "array", "items": { "$ref": "#/definitions/block" } },
                    "text": text("The box's text (instead of a body)"),
                    "number": { "type": "boolean", "description": "Number the box (theorem, lemma and definition share one counter)" },
                    "qed": { "type": "boolean", "description": "A proof ends with ∎ (false: it goes on over the next slide)" }
                }
            },
            "chart": object(&[CHART_KEYS], chart_key, &["kind"]),
            "code": object(&[CODE_KEYS], code_key, &[]),
            "table": object(&[TABLE_KEYS], table_key, &[]),
            "diagram": object(&[DIAGRAM_KEYS], diagram_key, &[]),
        },
    });
    let mut top = object(&[DECK_KEYS], deck_key, &["title"]);
    if let (Value::Object(top), Value::Object(rest)) = (&mut top, schema) {
        top.extend(rest);
    }
    serde_json::to_string_pretty(&top).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schema_describes_every_key_the_parser_knows() {
        let schema: Value = serde_json::from_str(&schema()).unwrap();
        let keys = |v: &Value| -> Vec<String> {
            v["properties"]
                .as_object()
                .unwrap()
                .keys()
                .cloned()
                .collect()
        };
        let mut deck = keys(&schema);
        deck.sort();
        let mut expected: Vec<String> = DECK_KEYS.iter().map(|s| s.to_string()).collect();
        expected.sort();
        assert_eq!(deck, expected);
        let slide = keys(&schema["definitions"]["slide"]);
        for key in SLIDE_KEYS
            .iter()
            .chain(BLOCK_KEYS)
            .chain(OPTION_KEYS)
            .chain(QUOTE_KEYS)
        {
            assert!(slide.contains(&key.to_string()), "{key}");
            assert_ne!(
                schema["definitions"]["slide"]["properties"][key],
                json!({}),
                "{key} undescribed"
            );
        }
        for key in CHART_KEYS {
            assert_ne!(
                schema["definitions"]["chart"]["properties"][key],
                json!({}),
                "{key} undescribed"
            );
        }
        for (def, keys) in [
            ("code", CODE_KEYS),
            ("table", TABLE_KEYS),
            ("diagram", DIAGRAM_KEYS),
        ] {
            for key in keys {
                assert_ne!(
                    schema["definitions"][def]["properties"][key],
                    json!({}),
                    "{def}.{key} undescribed"
                );
            }
        }
        for key in DECK_KEYS {
            assert_ne!(schema["properties"][key], json!({}), "{key} undescribed");
        }
    }

    #[test]
    fn committed_schema_file_is_current() {
        let committed = include_str!("../../lectern.schema.json");
        assert_eq!(
            committed.trim_end(),
            schema().trim_end(),
            "run `lectern schema > lectern.schema.json`"
        );
    }
}
