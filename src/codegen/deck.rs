//! The deck-wide generated files: `deck.typ` (the `deck` dictionary every
//! theme function receives) and the document settings of `main.typ`.

use std::fmt::Write as _;

use super::UNIT_HEADER;
use super::escape::{content, string};
use super::labels::Labels;
use crate::outline::{Meta, Outline, Text};
use crate::theme::{Palette, Rgb, Theme};

/// Which look of the deck one output needs: the deck itself, or one of
/// its paper variants. A parameter of [`deck`], so a variant is generated,
/// never patched.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Variant {
    /// In the theme's print palette (handouts), when it has one.
    pub print: bool,
    /// With every key term (`{{term}}`) blanked and numbered (the gap-fill
    /// handout) instead of shown in the theme's strong style.
    pub blank_gaps: bool,
}

/// `lectern-gap(term, body)`, which every `{{term}}` calls: the term in the
/// deck, or (with `deck.gaps == "blank"`) a blank at least as wide as the
/// term with the gap's number on the page printed small under it; the term
/// is then absent from the page. A `<lectern-gap>` metadata value carries the
/// term for the answer key.
const GAP_FN: &str = r#"#let lectern-gap(term, body) = {
  [#metadata(term) <lectern-gap>]
  if deck.gaps == "blank" {
    context {
      let page = here().page()
      let n = query(selector(<lectern-gap>).before(here())).filter(m => m.location().page() == page).len()
      let w = measure(strong(body)).width
      box(width: w + 1.5em, height: 0.9em, stroke: (bottom: 0.8pt + deck.palette.muted),
        place(bottom + center, dy: 0.75em, text(size: 0.45em, fill: deck.palette.muted, str(n))))
    }
  } else {
    strong(body)
  }
}
"#;

/// A key term in the deck's title, subtitle or author is only set strong:
/// those are read before `deck` exists, and no handout blanks them.
const META_GAP: &str = "#let lectern-gap(term, body) = strong(body)\n";

/// Whether any slide marks a key term (`{{term}}` became a `lectern-gap`
/// call).
pub fn has_gaps(files: &[(String, String)]) -> bool {
    files.iter().any(|(_, text)| text.contains("#lectern-gap("))
}

/// The entries of the `deck.palette` dictionary for a palette.
fn palette_dict(p: &Palette) -> String {
    let rgb = |c: Rgb| format!("rgb({})", string(&c.hex()));
    let mut entries: Vec<String> = p
        .named
        .iter()
        .map(|(n, c)| format!("{n}: {}", rgb(*c)))
        .collect();
    // The span colours a palette leaves out, from its series.
    for (role, c) in p.span_colours() {
        if !p.named.iter().any(|(n, _)| n == role) {
            entries.push(format!("{role}: {}", rgb(c)));
        }
    }
    // The code colours a palette leaves out, from their fallbacks.
    for (role, c) in p.code() {
        let name = format!("code-{role}");
        if !p.named.iter().any(|(n, _)| *n == name) {
            entries.push(format!("{name}: {}", rgb(c)));
        }
    }
    entries.push(format!(
        "series: ({},)",
        p.series
            .iter()
            .map(|c| rgb(*c))
            .collect::<Vec<_>>()
            .join(", ")
    ));
    entries.join(", ")
}

/// Generates `main.typ`'s document settings.
pub(super) fn preamble(meta: &Meta) -> String {
    let mut out = String::from(UNIT_HEADER);
    let author = meta
        .author
        .as_ref()
        .map_or_else(|| "()".to_string(), |a| format!("({},)", string(&a.value)));
    let date = meta.date.as_ref().map_or_else(
        || "auto".to_string(),
        |d| {
            format!(
                "datetime(year: {}, month: {}, day: {})",
                d.value.year, d.value.month, d.value.day
            )
        },
    );
    let _ = writeln!(
        out,
        "#set document(title: {}, author: {author}, date: {date})",
        string(&meta.title.value)
    );
    // Page numbering gives the PDF its page labels (what a presenter console shows).
    // Links inside copies (`lectern-copy`) lose their annotation after the
    // theme's link rule has styled them.
    out.push_str("#show link: lectern-unlinked\n");
    out.push_str("#set page(numbering: \"1\")\n#show: theme.setup.with(deck)\n");
    // Math in the theme's math font (`fonts.math` in theme.yaml).
    out.push_str("#show math.equation: set text(font: deck.fonts.math)\n");
    // A tall inline formula (a display-style fraction or sum) opens the line
    // spacing around it, so it never touches the lines above and below.
    out.push_str("#show math.equation.where(block: false): lectern-inline-math\n");
    out
}

/// `lectern-span(class, body)`: inline text in a palette colour
/// (`[text]{.accent}`; `good` also bold and `bad` underlined with dots, so
/// the two never differ by colour alone), defined before the deck so that its own texts may
/// use it. Only classes lectern knows reach it.
const SPAN_FN: &str = "#let lectern-span(class, body) = {\n  let p = lectern-palette\n  if class == \"underline\" { underline(body) } else if class.starts-with(\"c\") and class.len() > 1 { text(fill: p.series.at(calc.rem(int(class.slice(1)) - 1, p.series.len())), body) } else if class == \"good\" { text(fill: p.good, weight: \"bold\", body) } else if class == \"bad\" { underline(stroke: (paint: p.bad, thickness: 1pt, dash: \"dotted\"), offset: 2pt, text(fill: p.bad, body)) } else { text(fill: p.at(class), body) }\n}\n";

/// The `boxes` labels: each kind's word, the deck's own (`labels:`) first.
fn box_words(meta: &crate::outline::Meta, l: &Labels) -> String {
    crate::outline::CalloutKind::ALL
        .iter()
        .map(|(name, _)| format!("{name}: {}, ", label(meta, l, name)))
        .collect()
}

/// One interface word as a Typst string: the outline's own (`labels:`), or
/// the language's.
fn label(meta: &crate::outline::Meta, l: &Labels, key: &str) -> String {
    string(&super::labels::word(meta, l, key))
}

/// Generates `deck.typ` for one variant of the deck.
pub fn deck(outline: &Outline, theme: &Theme, fallbacks: &[String], variant: Variant) -> String {
    let meta = &outline.meta;
    let opt = |t: &Option<Text>| {
        t.as_ref()
            .map_or_else(|| "none".to_string(), |t| content(&t.value, &meta.macros))
    };
    let lang = meta.lang.value.to_ascii_lowercase();
    let region = match (&meta.region, lang.as_str()) {
        (Some(r), _) => string(&r.value),
        (None, "zh") => string("cn"),
        (None, _) => "none".to_string(),
    };
    let l = super::labels::of(meta);
    let pattern = meta.labels.iter().find(|(k, _)| k == "date");
    let date = match (meta.date.as_ref().map(|d| d.value), pattern) {
        (None, _) => "none".to_string(),
        (Some(d), Some((_, pattern))) => format!(
            "datetime(year: {}, month: {}, day: {}).display({})",
            d.year,
            d.month,
            d.day,
            string(&pattern.value)
        ),
        (Some(d), None) => string(&l.date(d)),
    };
    let sections: Vec<String> = outline
        .sections
        .iter()
        .map(|s| content(&s.title.value, &meta.macros))
        .collect();
    let palette = match (&theme.print, variant.print) {
        (Some(print), true) => palette_dict(print),
        _ => palette_dict(&theme.palette),
    };
    let gaps = string(if variant.blank_gaps { "blank" } else { "show" });
    let syntax = match (&theme.print, variant.print) {
        (Some(print), true) => super::code::syntax_theme(print),
        _ => super::code::syntax_theme(&theme.palette),
    };
    // The Latin face is asked only for characters below the CJK blocks, so
    // Typst never shapes a CJK run in it first only to fall back.
    let families = |f: &[String]| {
        let f: Vec<&String> = f.iter().chain(fallbacks).collect();
        format!(
            "({},)",
            f.iter()
                .map(
                    |s| if s.eq_ignore_ascii_case(crate::world::fonts::LATIN_FAMILY) {
                        format!(
                            "(name: {}, covers: regex(\"[\\u{{0}}-\\u{{2E7F}}]\"))",
                            string(s)
                        )
                    } else {
                        string(s)
                    }
                )
                .collect::<Vec<_>>()
                .join(", ")
        )
    };
    // The CJK face of shared punctuation: the theme's text families but
    // the Latin one.
    let cjk_families: Vec<String> = theme
        .text_fonts
        .iter()
        .filter(|f| !f.eq_ignore_ascii_case(crate::world::fonts::LATIN_FAMILY))
        .cloned()
        .collect();
    let cjk = families(&cjk_families);
    format!(
        "{}#let lectern-palette = ({palette})\n{SPAN_FN}#let lectern-cjk(body) = text(font: {cjk}, body)\n{META_GAP}#let deck = (\n  title: {},\n  subtitle: {},\n  short-title: {},\n  author: {},\n  institution: {},\n  date: {date},\n  lang: {},\n  region: {region},\n  sections: ({}),\n  palette: lectern-palette,\n  fonts: (text: {}, raw: {}, math: {}),\n  labels: (agenda: {}, section: {}, source: {}, continued: {}, boxes: ({})),\n  gaps: {gaps},\n  reading: false,\n  body-size: {}pt,\n  code-theme: {},\n)\n{GAP_FN}",
        super::escape::equation_defs(&meta.equations),
        content(&meta.title.value, &meta.macros),
        opt(&meta.subtitle),
        content(
            &meta.short_title.as_ref().unwrap_or(&meta.title).value,
            &meta.macros,
        ),
        opt(&meta.author),
        opt(&meta.institution),
        string(&lang),
        sections.iter().map(|s| format!("{s},")).collect::<String>(),
        families(&theme.text_fonts),
        families(&theme.raw_fonts),
        families(&theme.math_fonts),
        label(meta, &l, "agenda"),
        label(meta, &l, "part"),
        label(meta, &l, "source"),
        label(meta, &l, "continued"),
        box_words(meta, &l),
        theme.body_size,
        string(&syntax),
    )
}
