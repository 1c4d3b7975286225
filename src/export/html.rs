//! A deck as HTML: the pieces the presenter console serves (page SVGs,
//! each page's text, notes with their inline markup), and the
//! self-contained HTML deck of `--html`: one file, every page as inline
//! SVG, a text layer the browser's find searches, no request of any kind.

use std::fmt::Write as _;

use rayon::prelude::*;
use typst::foundations::StyleChain;
use typst::introspection::Tag;
use typst::layout::{Frame, FrameItem};
use typst::model::FigureElem;
use typst::visualize::ImageElem;
use typst_layout::Page;

use crate::outline::inline::{self, Inline};

/// One page of the HTML deck.
pub struct HtmlPage<'a> {
    /// The page.
    pub page: &'a Page,
    /// Its label, as in the PDF (shared by a slide's reveal steps).
    pub label: String,
    /// Its slide's title.
    pub title: &'a str,
    /// Its slide's notes, when they are included.
    pub notes: Option<&'a str>,
}

/// The viewer's page, style and script, compiled in.
const VIEWER: &str = include_str!("html.html");

/// The self-contained HTML deck: every page as inline SVG (with the text
/// layer the browser's find searches and screen readers read, and the
/// slide's title as a heading), in one file with no external reference.
pub fn deck_html(title: &str, lang: &str, pages: &[HtmlPage<'_>]) -> String {
    let mut slides = String::new();
    // Glyphs, clip paths and images by id (typst-svg's ids are hashes of
    // their content), each defined once for the whole file.
    let mut shared = Shared::default();
    // typst-svg renders the pages on every core; ids are then shared in order.
    let svgs: Vec<(String, String)> = pages
        .par_iter()
        .map(|p| {
            let mut text = page_text(&p.page.frame);
            // The pictures' alt texts, as in the PDF, after the page's text.
            for alt in page_alts(&p.page.frame) {
                text.push('\n');
                text.push_str(&alt);
            }
            (inline_svg(&page_svg(p.page)), text)
        })
        .collect();
    for (i, (p, (svg, text))) in pages.iter().zip(svgs).enumerate() {
        let mut t = String::new();
        escape(p.title, &mut t);
        // A slide's earlier steps repeat its last: a screen reader reads
        // the slide once, on its last step.
        let earlier = pages.get(i + 1).is_some_and(|next| next.label == p.label);
        let hidden = if earlier { " aria-hidden=\"true\"" } else { "" };
        let _ = write!(
            slides,
            "<section class=\"slide\" id=\"p{}\" data-label=\"{}\" aria-label=\"{t}\"{hidden}><h2 class=\"sr\">{t}</h2>{}<div class=\"text\">",
            i + 1,
            p.label,
            shared.take(&svg),
        );
        escape_text(&text, &mut slides);
        slides.push_str("</div>");
        if let Some(notes) = p.notes {
            // Each slide's notes are a landmark of their own name.
            let _ = write!(
                slides,
                "<aside class=\"notes\" aria-label=\"Notes, page {}\">",
                i + 1
            );
            slides.push_str(&notes_html(notes).replace("//", "/&#47;"));
            slides.push_str("</aside>");
        }
        slides.push_str("</section>\n");
    }
    let mut escaped_title = String::new();
    escape(title, &mut escaped_title);
    let defs = format!(
        "<svg class=\"defs\" width=\"0\" height=\"0\" aria-hidden=\"true\"><defs>{}</defs></svg>",
        shared.defs
    );
    fill(
        VIEWER,
        &[
            ("__LANG__", lang),
            ("__TITLE__", &escaped_title),
            ("__SLIDES__", &(defs + &slides)),
        ],
    )
}

/// The template with each placeholder replaced by its value, in one pass
/// over the template: a value is never searched again, so a deck whose
/// title says `__SLIDES__` is printed as written.
fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out =
        String::with_capacity(template.len() + values.iter().map(|v| v.1.len()).sum::<usize>());
    let mut rest = template;
    while let Some((at, key, value)) = values
        .iter()
        .filter_map(|(k, v)| rest.find(k).map(|i| (i, *k, *v)))
        .min_by_key(|(i, _, _)| *i)
    {
        out.push_str(&rest[..at]);
        out.push_str(value);
        rest = &rest[at + key.len()..];
    }
    out.push_str(rest);
    out
}

/// The definitions the pages share.
#[derive(Default)]
struct Shared {
    /// The ids defined so far.
    ids: std::collections::HashSet<String>,
    /// Their definitions, in order.
    defs: String,
    /// typst-svg's long ids (content hashes), each given a short one.
    short: std::collections::HashMap<String, String>,
}

impl Shared {
    /// Takes a page SVG's `<defs>` into the shared ones (each id once) and
    /// returns the SVG without them.
    fn take(&mut self, svg: &str) -> String {
        let mut out = String::with_capacity(svg.len());
        let mut rest = svg;
        while let Some(start) = rest.find("<defs>") {
            out.push_str(&rest[..start]);
            let inner = &rest[start + 6..];
            let Some(end) = inner.find("</defs>") else {
                rest = &rest[start..];
                break;
            };
            for element in elements(&inner[..end]) {
                let id = attr(element, "id").unwrap_or_default();
                if id.is_empty() || self.ids.insert(id.to_string()) {
                    let element = self.shorten(element);
                    self.defs.push_str(&element);
                }
            }
            rest = &inner[end + 7..];
        }
        out.push_str(rest);
        // The default fill rule need not be said 20,000 times.
        self.shorten(&out).replace(" fill-rule=\"nonzero\"", "")
    }

    /// Replaces every id, and every reference to one, by its short form.
    fn shorten(&mut self, xml: &str) -> String {
        let mut out = String::with_capacity(xml.len());
        let mut rest = xml;
        while let Some((at, len)) = next_reference(rest) {
            let start = at + len;
            let end = rest[start..]
                .find(['"', ')'])
                .map_or(rest.len(), |e| start + e);
            out.push_str(&rest[..start]);
            let n = self.short.len();
            let id = self
                .short
                .entry(rest[start..end].to_string())
                .or_insert_with(|| format!("i{n:x}"));
            out.push_str(id);
            rest = &rest[end..];
        }
        out.push_str(rest);
        out
    }
}

/// The first id or reference to one in `xml` (`id="`, `href="#`, `url(#`):
/// where it starts and how long its opening is. One pass over the text.
fn next_reference(xml: &str) -> Option<(usize, usize)> {
    let bytes = xml.as_bytes();
    (0..bytes.len()).find_map(|i| {
        let rest = &bytes[i..];
        [&b"id=\""[..], b"href=\"#", b"url(#"]
            .iter()
            .find(|p| rest.starts_with(p))
            .map(|p| (i, p.len()))
    })
}

/// The top-level elements of an XML fragment.
fn elements(xml: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let (mut depth, mut start, mut i) = (0usize, 0usize, 0usize);
    let bytes = xml.as_bytes();
    while i < bytes.len() {
        if bytes[i] != b'<' {
            i += 1;
            continue;
        }
        let close = xml[i..].find('>').map_or(bytes.len(), |j| i + j);
        let tag = &xml[i..=close.min(bytes.len() - 1)];
        if tag.starts_with("</") {
            depth = depth.saturating_sub(1);
            if depth == 0 {
                out.push(&xml[start..=close]);
            }
        } else if tag.ends_with("/>") {
            if depth == 0 {
                out.push(&xml[i..=close]);
            }
        } else {
            if depth == 0 {
                start = i;
            }
            depth += 1;
        }
        i = close + 1;
    }
    out
}

/// An attribute's value in an element's opening tag.
fn attr<'a>(element: &'a str, name: &str) -> Option<&'a str> {
    let open = &element[..element.find('>')?];
    let at = open.find(&format!(" {name}=\""))? + name.len() + 3;
    let end = open[at..].find('"')?;
    Some(&open[at..at + end])
}

/// Escapes the text layer: as [`escape`], and with `//` written as an
/// entity, so an address on a slide is text, never a reference the file
/// holds (the browser shows and finds it as typed).
fn escape_text(text: &str, out: &mut String) {
    let mut escaped = String::new();
    escape(text, &mut escaped);
    out.push_str(&escaped.replace("//", "/&#47;"));
}

/// An SVG as inline HTML: without its namespace declarations (HTML's parser
/// puts `<svg>` in the SVG namespace itself), so the file names no address.
fn inline_svg(svg: &str) -> String {
    let end = svg.find('>').unwrap_or(0);
    let (open, rest) = svg.split_at(end);
    let open = open
        .split(' ')
        .filter(|attr| !attr.starts_with("xmlns"))
        .collect::<Vec<_>>()
        .join(" ");
    let rest = rest.replace("xlink:href", "href");
    format!("{open}{}", name_links(&rest))
}

/// Names each link of a page's drawing by its address: typst-svg draws a
/// link as an empty area over its text, which a screen reader could not
/// name otherwise.
fn name_links(svg: &str) -> String {
    let mut out = String::with_capacity(svg.len());
    let mut rest = svg;
    while let Some(i) = rest.find("<a ") {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest.find('>').unwrap_or(rest.len());
        let tag = &rest[..end];
        out.push_str(tag);
        if let Some(href) = tag
            .split("href=\"")
            .nth(1)
            .and_then(|h| h.split('"').next())
            && !tag.contains("aria-label")
        {
            let _ = write!(out, " aria-label=\"{href}\"");
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// Speaker notes as HTML: one paragraph per line the lecturer wrote, inline
/// markup rendered, everything else escaped.
pub fn notes_html(notes: &str) -> String {
    let mut out = String::new();
    for line in notes.lines().map(str::trim).filter(|l| !l.is_empty()) {
        out.push_str("<p>");
        html(&inline::parse(line), &mut out);
        out.push_str("</p>");
    }
    out
}

/// Renders inline pieces as HTML.
fn html(pieces: &[Inline], out: &mut String) {
    for piece in pieces {
        match piece {
            Inline::Text(t) => escape(t, out),
            // Inline math shows its LaTeX, as the lecturer wrote it.
            Inline::Code(c) | Inline::Math { latex: c, .. } => {
                out.push_str("<code>");
                escape(c, out);
                out.push_str("</code>");
            }
            Inline::Strong(body) => tag("strong", body, out),
            Inline::Emph(body) => tag("em", body, out),
            Inline::Gap { body, .. } => tag("mark", body, out),
            Inline::Span { class, body } if class == "underline" => tag("u", body, out),
            Inline::Span { body, .. } => tag("span", body, out),
            // Links are shown, not followed: the console is for speaking.
            Inline::Link { url, body } => {
                out.push_str("<u>");
                html(body, out);
                out.push_str("</u> (");
                escape(url, out);
                out.push(')');
            }
        }
    }
}

/// Renders `<name>body</name>`.
fn tag(name: &str, body: &[Inline], out: &mut String) {
    let _ = write!(out, "<{name}>");
    html(body, out);
    let _ = write!(out, "</{name}>");
}

/// Escapes text for HTML.
fn escape(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

/// The text drawn on a page, line by line in drawing order.
pub fn page_text(frame: &Frame) -> String {
    let mut runs: Vec<(f64, String)> = Vec::new();
    collect_text(frame, 0.0, &mut runs);
    let mut out = String::new();
    let mut last_y = f64::NAN;
    for (y, text) in runs {
        if !out.is_empty() {
            out.push(if (y - last_y).abs() > 2.0 { '\n' } else { ' ' });
        }
        out.push_str(&text);
        last_y = y;
    }
    out
}

/// Collects the text runs of a frame with their baselines.
fn collect_text(frame: &Frame, dy: f64, runs: &mut Vec<(f64, String)>) {
    for (pos, item) in frame.items() {
        match item {
            FrameItem::Group(group) => collect_text(&group.frame, dy + pos.y.to_pt(), runs),
            FrameItem::Text(text) => runs.push((dy + pos.y.to_pt(), text.text.to_string())),
            _ => {}
        }
    }
}

/// The alt texts of a page's figures (charts, diagrams) and images, in
/// the order they are laid out: what the PDF's `/Alt` holds.
fn page_alts(frame: &Frame) -> Vec<String> {
    let mut out = Vec::new();
    collect_alts(frame, &mut out);
    out
}

/// Collects the alt texts of the elements that start in a frame.
fn collect_alts(frame: &Frame, out: &mut Vec<String>) {
    for (_, item) in frame.items() {
        match item {
            FrameItem::Group(group) => collect_alts(&group.frame, out),
            FrameItem::Tag(Tag::Start(elem, _)) => {
                // Set on the element itself, so the default style chain
                // reads it.
                let styles = StyleChain::default();
                let alt = if let Some(figure) = elem.to_packed::<FigureElem>() {
                    figure.alt.get_ref(styles).clone()
                } else if let Some(image) = elem.to_packed::<ImageElem>() {
                    image.alt.get_ref(styles).clone()
                } else {
                    None
                };
                out.extend(alt.filter(|a| !a.is_empty()).map(|a| a.to_string()));
            }
            _ => {}
        }
    }
}

/// A page as SVG (glyphs as paths, images as data URIs), for a browser.
pub fn page_svg(page: &Page) -> String {
    typst_svg::svg(page, &typst_svg::SvgOptions::default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_keep_paragraphs_render_markup_and_escape_the_rest() {
        assert_eq!(
            notes_html("先讲 **调度**\n\n再讲 <script>&`kubectl`"),
            "<p>先讲 <strong>调度</strong></p><p>再讲 &lt;script&gt;&amp;<code>kubectl</code></p>"
        );
    }
}
