//! Handouts: the deck's slides, fully revealed, several to an A4 or Letter
//! page, with notes or ruled lines, as a second Typst document.
//!
//! The slides are placed as PDF images of the deck just built (Typst reads
//! PDF images), so their text stays vector and selectable in the handout.

use std::fmt::Write as _;

use crate::codegen::escape::{Macros, equation_defs, markup, string};

/// How many slides a handout page holds, and what goes with them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Layout {
    /// One slide per page with its speaker notes below.
    #[value(name = "1")]
    One,
    /// Two large slides per page.
    #[value(name = "2")]
    Two,
    /// Three slides per page with ruled lines for writing beside them.
    #[default]
    #[value(name = "3")]
    Three,
    /// Four slides per page (2 × 2).
    #[value(name = "4")]
    Four,
    /// Six slides per page (2 × 3).
    #[value(name = "6")]
    Six,
    /// The lecturer's notes only: slide titles and notes, no images.
    Notes,
}

impl Layout {
    /// Slides per page (0 for the flowing notes layout).
    pub fn per_page(self) -> usize {
        match self {
            Self::One => 1,
            Self::Two => 2,
            Self::Three => 3,
            Self::Four => 4,
            Self::Six => 6,
            Self::Notes => 0,
        }
    }
}

/// Paper sizes for handouts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Paper {
    /// ISO A4.
    #[default]
    A4,
    /// US Letter.
    Letter,
}

/// One slide as the handout shows it.
#[derive(Debug, Clone)]
pub struct HandoutSlide {
    /// The 1-based page of the deck PDF showing the slide fully revealed.
    pub page: usize,
    /// The slide's number (its page label).
    pub number: String,
    /// The slide's title.
    pub title: String,
    /// Its speaker notes.
    pub notes: Option<String>,
    /// Whether it is a section divider shown as a heading, not a cell.
    pub divider: bool,
}

/// What the handout needs to know about the deck.
#[derive(Clone, Copy)]
pub struct HandoutDeck<'a> {
    /// The deck title.
    pub title: &'a str,
    /// The author, if any.
    pub author: Option<&'a str>,
    /// The deck's language.
    pub lang: &'a str,
    /// The virtual path of the deck PDF in the World.
    pub pdf: &'a str,
    /// The slides, in order.
    pub slides: &'a [HandoutSlide],
    /// The deck's LaTeX macros, for inline math in titles and notes.
    pub macros: &'a Macros,
    /// The deck's equation numbers, for `\eqref` in titles and notes.
    pub equations: &'a [(String, String)],
}

/// What the deck's markup calls (key terms, spans, CJK punctuation), as
/// handouts and the overview sheet draw it: terms in bold, spans plain.
const MARKUP_DEFS: &str = "#let lectern-gap(term, body) = strong(body)\n#let lectern-span(class, body) = body\n#let lectern-cjk(body) = text(font: (\"Lectern Sans SC\", \"Lectern Sans SC Ext\", \"Lectern Sans SC ExtA\"), body)\n";

/// Generates the overview sheet: every slide (fully revealed) as a numbered
/// thumbnail with its title, `columns` across, on one tall page.
pub fn overview_source(deck: &HandoutDeck<'_>, columns: usize) -> String {
    let mut out = format!(
        "#set document(title: {title})\n\
         #set page(width: {width}cm, height: auto, margin: 1cm, fill: luma(238))\n\
         #set text(font: (\"Lectern Sans\", \"Lectern Sans SC\", \"Lectern Sans SC Ext\", \"Lectern Sans SC ExtA\"), size: 11pt, lang: {lang})\n\
         {MARKUP_DEFS}{equations}\
         #text(size: 16pt, weight: \"bold\")[{title_markup}]\n#v(0.4em)\n",
        equations = equation_defs(deck.equations),
        title = string(deck.title),
        title_markup = markup(deck.title, deck.macros),
        width = columns * 8 + 2,
        lang = string(deck.lang),
    );
    let cells: Vec<String> = deck
        .slides
        .iter()
        .map(|s| {
            format!(
                "[#box(stroke: 0.5pt + luma(170), image({}, page: {}, width: 100%))\\\n#text(weight: \"bold\")[{}] #h(0.3em) {}]",
                string(deck.pdf),
                s.page,
                markup(&s.number, deck.macros),
                markup(&s.title, deck.macros)
            )
        })
        .collect();
    let _ = writeln!(
        out,
        "#grid(columns: {columns}, column-gutter: 0.6cm, row-gutter: 0.6cm, {})",
        cells.join(", ")
    );
    out
}

/// One slide's entry in the answer key of a gap-fill handout.
pub struct KeySlide<'a> {
    /// The slide's number (its page label).
    pub number: &'a str,
    /// The slide's title.
    pub title: &'a str,
    /// The numbered terms, in order.
    pub terms: Vec<(usize, &'a str)>,
}

/// Generates the answer key of a gap-fill handout: slide by slide, each
/// blank's number and its term.
pub fn key_source(
    title: &str,
    lang: &str,
    slides: &[KeySlide<'_>],
    paper: Paper,
    macros: &Macros,
    equations: &[(String, String)],
) -> String {
    let zh = lang == "zh";
    let paper = match paper {
        Paper::A4 => "a4",
        Paper::Letter => "us-letter",
    };
    let (heading, slide_word) = if zh {
        ("答案", "第 {n} 页")
    } else {
        ("Answer key", "Slide {n}")
    };
    let mut out = format!(
        "#set document(title: {doc_title})\n\
         #set page(paper: \"{paper}\", margin: 2cm)\n\
         #set text(font: (\"Lectern Sans\", \"Lectern Sans SC\", \"Lectern Sans SC Ext\", \"Lectern Sans SC ExtA\"), size: 12pt, lang: {lang})\n\
         {MARKUP_DEFS}{equations}\
         #text(size: 18pt, weight: \"bold\")[{title} · {heading}]\n#v(0.6em)\n",
        equations = equation_defs(equations),
        doc_title = string(&format!("{title} · {heading}")),
        title = markup(title, macros),
        heading = markup(heading, macros),
        lang = string(lang),
    );
    for slide in slides {
        let _ = writeln!(
            out,
            "#block(below: 0.9em)[#text(weight: \"bold\")[{}] {}\\",
            markup(&slide_word.replace("{n}", slide.number), macros),
            markup(slide.title, macros)
        );
        let terms: Vec<String> = slide
            .terms
            .iter()
            .map(|(n, term)| format!("#{};{}", string(&format!("{n}. ")), markup(term, macros)))
            .collect();
        let _ = writeln!(out, "{}]", terms.join(" #h(1.2em) "));
    }
    out
}

/// A run of handout cells: at most a page's worth of slides, with the
/// section heading that opens it, if any.
struct Run<'a> {
    /// The section divider shown as a heading band above the run.
    heading: Option<&'a HandoutSlide>,
    /// Whether the run starts a new page.
    page_break: bool,
    /// The slides.
    slides: Vec<&'a HandoutSlide>,
}

impl Run<'_> {
    /// Writes the page break and heading band that open the run.
    fn open(&self, out: &mut String, index: usize, macros: &Macros) {
        if index > 0 && self.page_break {
            out.push_str("#pagebreak()\n");
        }
        if let Some(h) = self.heading {
            let _ = writeln!(
                out,
                "#block(width: 100%, fill: luma(232), inset: (x: 8pt, y: 5pt), radius: 2pt, above: 0.9em, below: 0.7em, breakable: false)[#number[{}] #h(0.6em) #text(size: 12pt, weight: \"bold\")[{}]]",
                markup(&h.number, macros),
                markup(&h.title, macros)
            );
        }
    }
}

/// Splits the slides into runs of at most `per` cells: a divider shown as a
/// heading opens a new run; a full run starts a new page. Runs flow down the
/// page, so a section's heading sits above its first slides.
fn sections(slides: &[HandoutSlide], per: usize) -> Vec<Run<'_>> {
    let mut runs: Vec<Run<'_>> = Vec::new();
    let mut on_page = 0;
    for s in slides {
        if s.divider {
            let full = on_page == per;
            runs.push(Run {
                heading: Some(s),
                page_break: full,
                slides: Vec::new(),
            });
            if full {
                on_page = 0;
            }
            continue;
        }
        let full = on_page == per;
        match runs.last_mut() {
            Some(run) if !full => run.slides.push(s),
            _ => {
                runs.push(Run {
                    heading: None,
                    page_break: full,
                    slides: vec![s],
                });
                if full {
                    on_page = 0;
                }
            }
        }
        on_page += 1;
    }
    runs
}

/// Generates the handout's Typst source.
pub fn source(deck: &HandoutDeck<'_>, layout: Layout, paper: Paper) -> String {
    let zh = deck.lang == "zh";
    let paper = match paper {
        Paper::A4 => "a4",
        Paper::Letter => "us-letter",
    };
    let mut out = format!(
        "#set document(title: {title})\n\
         {MARKUP_DEFS}{equations}\
         #set page(paper: \"{paper}\", margin: (x: 1.6cm, top: 2.2cm, bottom: 2cm),\n\
           header: text(size: 9pt, fill: luma(90))[{title_markup} #h(1fr) {author}] + v(-0.4em) + line(length: 100%, stroke: 0.4pt + luma(170)),\n\
           footer: context align(center, text(size: 9pt, fill: luma(90), counter(page).display(\"1 / 1\", both: true))))\n\
         #set text(font: (\"Lectern Sans\", \"Lectern Sans SC\"), size: 10.5pt, lang: {lang})\n\
         #set par(leading: 0.7em)\n\
         #let slide(n) = box(stroke: 0.5pt + luma(160), image({pdf}, page: n, width: 100%))\n\
         #let number(s) = text(size: 9pt, fill: luma(90), s)\n",
        title = string(deck.title),
        title_markup = markup(deck.title, deck.macros),
        equations = equation_defs(deck.equations),
        author = deck
            .author
            .map(|a| markup(a, deck.macros))
            .unwrap_or_default(),
        lang = string(deck.lang),
        pdf = string(deck.pdf),
    );
    let notes_label = if zh { "讲者备注" } else { "Notes" };
    match layout {
        Layout::One => {
            for (i, s) in deck.slides.iter().filter(|s| !s.divider).enumerate() {
                if i > 0 {
                    out.push_str("#pagebreak()\n");
                }
                let _ = writeln!(
                    out,
                    "#number[{}]\n#slide({})\n#v(0.8em)",
                    markup(&s.number, deck.macros),
                    s.page
                );
                if let Some(notes) = &s.notes {
                    let _ = writeln!(
                        out,
                        "#text(weight: \"bold\")[{}]\\\n{}",
                        markup(notes_label, deck.macros),
                        markup(notes, deck.macros)
                    );
                }
            }
        }
        Layout::Notes => {
            for s in deck
                .slides
                .iter()
                .filter(|s| !s.divider && (s.notes.is_some() || !s.title.is_empty()))
            {
                let _ = writeln!(
                    out,
                    "#block(breakable: false, below: 1.2em)[#text(weight: \"bold\")[{}. {}]\\\n{}]",
                    markup(&s.number, deck.macros),
                    markup(&s.title, deck.macros),
                    s.notes
                        .as_deref()
                        .map(|n| markup(n, deck.macros))
                        .unwrap_or_default()
                );
            }
        }
        Layout::Three => {
            let lines = "#stack(spacing: 0.75cm, ..range(9).map(_ => line(length: 100%, stroke: 0.4pt + luma(190))))";
            for (k, run) in sections(deck.slides, 3).into_iter().enumerate() {
                run.open(&mut out, k, deck.macros);
                let cells: Vec<String> = run
                    .slides
                    .iter()
                    .map(|s| {
                        format!(
                            "[#number[{}]\\\n#slide({})], [#v(1.2em){lines}]",
                            markup(&s.number, deck.macros),
                            s.page
                        )
                    })
                    .collect();
                let _ = writeln!(
                    out,
                    "#grid(columns: (1.1fr, 1fr), column-gutter: 0.8cm, row-gutter: 0.9cm, {})",
                    cells.join(", ")
                );
            }
        }
        Layout::Two | Layout::Four | Layout::Six => {
            let per = layout.per_page();
            let columns = if layout == Layout::Two {
                "(14cm,)"
            } else {
                "(1fr, 1fr)"
            };
            for (k, run) in sections(deck.slides, per).into_iter().enumerate() {
                run.open(&mut out, k, deck.macros);
                let cells: Vec<String> = run
                    .slides
                    .iter()
                    .map(|s| {
                        format!(
                            "[#number[{}]\\\n#slide({})]",
                            markup(&s.number, deck.macros),
                            s.page
                        )
                    })
                    .collect();
                let _ = writeln!(
                    out,
                    "#align(center, grid(columns: {columns}, column-gutter: 0.8cm, row-gutter: {}, align: left, {}))",
                    if layout == Layout::Two {
                        "1.4cm"
                    } else {
                        "0.9cm"
                    },
                    cells.join(", ")
                );
            }
        }
    }
    out
}
