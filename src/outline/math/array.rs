//! `\begin{array}{cr|l} … \end{array}`: LaTeX's table of math cells,
//! which mitex does not draw, lifted out and drawn as a Typst grid with
//! each column's alignment and the rules between columns (`|`) and rows
//! (`\hline`); and the bars of `|x|`, paired so that Typst sets them
//! tight.

/// The array environment whose `\begin` is at `at`: its Typst and where it
/// ends; `None` when it is not one, or it cannot be drawn (it is then
/// refused where it is written).
pub(super) fn array(latex: &str, at: usize) -> Option<(String, usize)> {
    let (env, after) = super::argument(latex, at + "\\begin".len())?;
    if env != "array" {
        return None;
    }
    let (spec, body_start) = super::text::group(latex, after)?;
    let (aligns, vlines) = columns(spec)?;
    let body_end = end_of(latex, body_start)?;
    let body = &latex[body_start..body_end];
    let mut cells = Vec::new();
    let mut hlines = Vec::new();
    let mut rows = 0;
    for row in split(body, "\\\\") {
        let mut row = row.trim();
        while let Some(rest) = row.strip_prefix("\\hline") {
            hlines.push(rows);
            row = rest.trim_start();
        }
        if row.is_empty() {
            continue;
        }
        let parts = split(row, "&");
        if parts.len() > aligns.len() {
            return None;
        }
        for k in 0..aligns.len() {
            let cell = parts.get(k).map_or("", |c| c.trim());
            let math = super::convert(cell, &[]).ok()?;
            cells.push(format!("[${}$]", math.trim()));
        }
        rows += 1;
    }
    let rule = "stroke: 0.5pt + text.fill";
    let lines = vlines
        .iter()
        .map(|x| format!("grid.vline(x: {x}, {rule}), "))
        .chain(
            hlines
                .iter()
                .map(|y| format!("grid.hline(y: {y}, {rule}), ")),
        )
        .collect::<String>();
    let typst = format!(
        "#context grid(columns: {}, align: ({},), column-gutter: 0.9em, row-gutter: 0.55em, inset: (x: 0.3em), {lines}{})",
        aligns.len(),
        aligns.join(", "),
        cells.join(", ")
    );
    Some((typst, body_end + "\\end{array}".len()))
}

/// A column spec's alignments and where its rules stand (`cr|l`: center,
/// right, left, a rule before the third); `None` for what a grid cannot
/// draw (`p{3cm}`, `@{}`).
fn columns(spec: &str) -> Option<(Vec<&'static str>, Vec<usize>)> {
    let mut aligns = Vec::new();
    let mut vlines = Vec::new();
    for c in spec.chars() {
        match c {
            'l' => aligns.push("left"),
            'c' => aligns.push("center"),
            'r' => aligns.push("right"),
            '|' => vlines.push(aligns.len()),
            ' ' => {}
            _ => return None,
        }
    }
    (!aligns.is_empty()).then_some((aligns, vlines))
}

/// Where the `\end{array}` closing the array whose body starts at `from`
/// stands (arrays may nest).
fn end_of(latex: &str, from: usize) -> Option<usize> {
    let mut depth = 1usize;
    let mut at = from;
    loop {
        let next_begin = latex[at..].find("\\begin{array}").map(|k| at + k);
        let next_end = latex[at..].find("\\end{array}").map(|k| at + k)?;
        match next_begin {
            Some(b) if b < next_end => {
                depth += 1;
                at = b + 1;
            }
            _ => {
                depth -= 1;
                if depth == 0 {
                    return Some(next_end);
                }
                at = next_end + 1;
            }
        }
    }
}

/// The pieces of `text` between each `sep` outside braces and nested
/// environments.
fn split<'a>(text: &'a str, sep: &str) -> Vec<&'a str> {
    super::split_top(text, sep, &[])
        .into_iter()
        .map(|r| &text[r])
        .collect()
}

/// Bars that pair up (`|x|`, `|x - 1|`) as `\left| … \right|`, which Typst
/// sets tight against what they hold (a lone `|` is a relation, spaced);
/// `\lvert … \rvert` too. A group (braces, parentheses, brackets) with an
/// odd number of bars, or an empty pair (`||x||`), is left as written, so
/// `P(A|B)` keeps its bar. Text has been lifted out already.
pub(super) fn pair_bars(latex: &str) -> String {
    let (opens, closes) = (
        latex.matches("\\lvert").count(),
        latex.matches("\\rvert").count(),
    );
    let balanced = opens == closes && latex.find("\\lvert") < latex.find("\\rvert");
    let latex = if balanced {
        latex
            .replace("\\lvert", "\\left|")
            .replace("\\rvert", "\\right|")
    } else {
        latex.to_string()
    };
    // The bars of each open group, by byte offset.
    let mut open: Vec<Vec<usize>> = vec![Vec::new()];
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    let bytes = latex.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => {
                // A command and its name; `\left|`, `\big|`, `\|` keep their bar.
                let end = super::command_end(&latex, i + 1)
                    .max(i + 2)
                    .min(bytes.len());
                i = if bytes.get(end) == Some(&b'|') {
                    end + 1
                } else {
                    end
                };
                continue;
            }
            b'{' | b'(' | b'[' => open.push(Vec::new()),
            b'}' | b')' | b']' => {
                let bars = open.pop().unwrap_or_default();
                pairs.extend(pair_up(&latex, &bars));
                if open.is_empty() {
                    open.push(Vec::new());
                }
            }
            b'|' => {
                if let Some(bars) = open.last_mut() {
                    bars.push(i);
                }
            }
            _ => {}
        }
        i += 1;
    }
    for bars in &open {
        pairs.extend(pair_up(&latex, bars));
    }
    let mut at: Vec<(usize, &str)> = pairs
        .iter()
        .flat_map(|&(a, b)| [(a, "\\left"), (b, "\\right")])
        .collect();
    at.sort_unstable();
    let mut out = String::with_capacity(latex.len() + at.len() * 6);
    let mut last = 0;
    for (k, word) in at {
        out.push_str(&latex[last..k]);
        out.push_str(word);
        last = k;
    }
    out.push_str(&latex[last..]);
    out
}

/// Pairs a group's bars in order, when there is an even number of them
/// and no pair is empty.
fn pair_up(latex: &str, bars: &[usize]) -> Vec<(usize, usize)> {
    if bars.is_empty() || bars.len() % 2 == 1 {
        return Vec::new();
    }
    let pairs: Vec<(usize, usize)> = bars.chunks(2).map(|p| (p[0], p[1])).collect();
    if pairs
        .iter()
        .any(|&(a, b)| latex[a + 1..b].trim().is_empty())
    {
        return Vec::new();
    }
    pairs
}
