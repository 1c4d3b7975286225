//! Other tools' inline syntax in a line of Markdown: HTML tags, Quarto's
//! shortcodes and attribute spans, fenced-div classes, pictures.

use super::report::Report;

/// A line with its HTML comments taken out (Marp's `<!-- fit -->`).
pub fn strip_comments(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find("<!--") {
        out.push_str(&rest[..at]);
        rest = rest[at..].find("-->").map_or("", |e| &rest[at + e + 3..]);
    }
    out.push_str(rest);
    out
}

/// A heading's text and its trailing attributes (`{.smaller}`), if any.
pub fn strip_attributes(text: &str) -> (String, Option<String>) {
    let t = text.trim_end();
    if t.ends_with('}')
        && let Some(open) = t.rfind('{')
        && t[open + 1..].starts_with(['.', '#', '-'])
    {
        return (
            t[..open].trim_end().to_string(),
            Some(t[open..].to_string()),
        );
    }
    (t.to_string(), None)
}

/// A fenced div's classes (`{.column width="40%"}`, `notes`) and its
/// `width` in percent.
pub fn div_classes(rest: &str) -> (Vec<String>, Option<u32>) {
    let inner = rest.trim().trim_start_matches('{').trim_end_matches('}');
    let classes = inner
        .split_whitespace()
        .filter(|w| !w.contains('='))
        .map(|w| w.trim_start_matches('.').to_string())
        .filter(|w| !w.is_empty())
        .collect();
    let width = attribute(rest, "width")
        .and_then(|w| w.trim_end_matches('%').trim().parse::<f64>().ok())
        .filter(|w| (1.0..=100.0).contains(w))
        .map(|w| w.round() as u32);
    (classes, width)
}

/// The value of attribute `key` (`key="value"` or `key=value`).
pub fn attribute(text: &str, key: &str) -> Option<String> {
    let at = text.find(&format!("{key}="))? + key.len() + 1;
    let rest = &text[at..];
    let value = match rest.strip_prefix('"') {
        Some(q) => &q[..q.find('"').unwrap_or(q.len())],
        None => &rest[..rest.find([' ', '}', '>']).unwrap_or(rest.len())],
    };
    Some(value.to_string())
}

/// A line with its tags taken out.
pub fn strip_tags(text: &str) -> String {
    inline_tags(text).0
}

/// A line with its HTML tags taken out (`<br>` kept, comments kept, an
/// `<img>` turned into a Markdown picture), and the names of the tags
/// taken out.
pub fn inline_tags(text: &str) -> (String, Vec<String>) {
    let mut out = String::new();
    let mut names = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find('<') {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        let name: String = tail[1..]
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect();
        let is_tag =
            !name.is_empty() && name.chars().next().is_some_and(|c| c.is_ascii_alphabetic());
        let Some(end) = tail
            .find('>')
            .filter(|_| is_tag && !tail.starts_with("<!--"))
        else {
            let skip = if tail.starts_with("<!--") {
                tail.find("-->").map_or(tail.len(), |e| e + 3)
            } else {
                1
            };
            out.push_str(&tail[..skip]);
            rest = &tail[skip..];
            continue;
        };
        let tag = &tail[..=end];
        let lower = name.to_ascii_lowercase();
        // A script's or a frame's content goes with it.
        if ["script", "style", "iframe"].contains(&lower.as_str()) && !tail.starts_with("</") {
            let close = format!("</{lower}>");
            let skip = tail
                .to_ascii_lowercase()
                .find(&close)
                .map_or(end + 1, |c| c + close.len());
            if !names.contains(&name) {
                names.push(name.clone());
            }
            rest = &tail[skip..];
            continue;
        }
        match lower.as_str() {
            "br" => out.push_str(tag),
            "img" => {
                if let Some(src) = attribute(tag, "src") {
                    let alt = attribute(tag, "alt").unwrap_or_default();
                    out.push_str(&format!("![{alt}]({src})"));
                }
            }
            _ => {
                if !names.contains(&name) {
                    names.push(name.clone());
                }
            }
        }
        rest = &tail[end + 1..];
    }
    out.push_str(rest);
    (out, names)
}

/// Quarto's shortcodes (`{{< fa book >}}`, `{{< video … >}}`): taken out
/// and reported.
pub fn shortcodes(text: &str, no: usize, report: &mut Report) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find("{{<") {
        out.push_str(&rest[..at]);
        let end = rest[at..].find(">}}").map_or(rest.len(), |e| at + e + 3);
        report.add(no, "shortcode", format!("`{}` dropped", &rest[at..end]));
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// Pandoc's attribute spans: `[text]{.alert}` becomes an accent span,
/// lectern's own classes stay, any other class is dropped (reported) and
/// its text kept.
pub fn spans(text: &str, no: usize, report: &mut Report) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find("]{") {
        let close = rest[at..].find('}').map_or(rest.len(), |c| at + c);
        let attrs = &rest[at + 2..close];
        let class = attrs
            .split_whitespace()
            .next()
            .unwrap_or("")
            .trim_start_matches('.');
        out.push_str(&rest[..at]);
        match class {
            "alert" => out.push_str("]{.accent}"),
            c if crate::outline::inline::known_class(c) => {
                out.push_str(&rest[at..=close.min(rest.len() - 1)])
            }
            _ => {
                // The opening `[` goes too: the text stays plain.
                if let Some(open) = out.rfind('[') {
                    out.remove(open);
                }
                report.add(no, "span", format!("`{{{attrs}}}` dropped, its text kept"));
            }
        }
        rest = rest.get(close + 1..).unwrap_or("");
    }
    out.push_str(rest);
    out
}

/// A Markdown picture at the start of `text` (`![alt](path "title")`):
/// its alt text, path, and the length it takes.
pub fn image_at(text: &str) -> Option<(String, String, usize)> {
    let rest = text.strip_prefix("![")?;
    let close = rest.find("](")?;
    let alt = &rest[..close];
    let after = &rest[close + 2..];
    let end = after.find(')')?;
    let target = after[..end].trim();
    let path = target.split_whitespace().next().unwrap_or("");
    let path = path.trim_matches(['<', '>']);
    // `{width=50%}` and other attributes after the picture go with it.
    let mut len = 2 + close + 2 + end + 1;
    if text[len..].starts_with('{') {
        len += text[len..].find('}').map_or(0, |c| c + 1);
    }
    Some((alt.to_string(), path.to_string(), len))
}

/// A one-line text (a title, a subtitle): shortcodes, tags, comments and
/// pictures taken out, lines joined, and other tools' `{{` escaped.
pub fn plain_line(text: &str, no: usize, report: &mut Report) -> String {
    let text = shortcodes(&strip_comments(text), no, report);
    let (text, _) = inline_tags(&text.replace("<br>", " ").replace("<br/>", " "));
    let mut out = String::new();
    let mut rest = text.as_str();
    while let Some(at) = rest.find("![") {
        out.push_str(&rest[..at]);
        match image_at(&rest[at..]) {
            Some((_, _, len)) => rest = &rest[at + len..],
            None => {
                out.push_str("![");
                rest = &rest[at + 2..];
            }
        }
    }
    out.push_str(rest);
    let joined = out.split_whitespace().collect::<Vec<_>>().join(" ");
    // A link around a picture leaves `[](url)` behind.
    joined.replace("[](", "(").replace("{{", "\\{{")
}
