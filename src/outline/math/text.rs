//! Text inside formulas (`\text{...}`, `\mbox`, `\textbf`, `\emph`, ...),
//! taken out of the LaTeX before mitex reads it and put back as Typst
//! strings: any text is accepted (punctuation, `=`, `(`, `~`, `\,`, CJK),
//! escaped for Typst and never read as markup or code.
//!
//! [`lift`] replaces each text command with `\text{LECTERNTEXT<n>}`, which
//! mitex turns into `#textmath[LECTERNTEXT<n>];`; [`restore`] swaps those
//! for the text as Typst string literals, styled as written.

/// The commands whose argument is text, and the Typst call each piece of
/// it is set with (`None`: plain).
const TEXT_COMMANDS: &[(&str, Option<&str>)] = &[
    ("text", None),
    ("mbox", None),
    ("textrm", None),
    ("textup", None),
    ("textnormal", None),
    ("textsf", None),
    ("textbf", Some(BOLD)),
    ("textit", Some(ITALIC)),
    ("textsl", Some(ITALIC)),
    ("emph", Some(ITALIC)),
    ("texttt", Some("raw")),
];

/// Bold text (not `strong`, which a theme may colour).
const BOLD: &str = "text.with(weight: \"bold\")";

/// Italic text.
const ITALIC: &str = "std.math.italic";

/// Operator names, drawn upright as Typst's `op` (with limits for the
/// starred form and `\mathop`): the command, and whether it takes limits.
const OPERATORS: &[(&str, bool)] = &[
    ("operatorname", false),
    ("operatorname*", true),
    ("mathop", true),
];

/// The size commands of a delimiter (`\big[`, `\Bigl(`): the delimiter is
/// drawn at its own size (Typst sizes a pair from `\left`/`\right`).
const SIZES: &[&str] = &[
    "big", "Big", "bigg", "Bigg", "bigl", "bigr", "bigm", "Bigl", "Bigr", "Bigm", "biggl", "biggr",
    "biggm", "Biggl", "Biggr", "Biggm",
];

/// Display environments read as one mitex draws: their lines stacked (a
/// slide's formula is one equation, so the numbered and unnumbered forms
/// are drawn alike).
const ENVIRONMENTS: &[(&str, &str)] = &[
    ("gather", "gathered"),
    ("gather*", "gathered"),
    ("multline", "gathered"),
    ("multline*", "gathered"),
    ("align", "aligned"),
    ("align*", "aligned"),
    ("alignat", "aligned"),
    ("alignat*", "aligned"),
    ("flalign", "aligned"),
    ("flalign*", "aligned"),
    ("eqnarray", "aligned"),
    ("eqnarray*", "aligned"),
    ("displaymath", "gathered"),
];

/// The placeholder each lifted text becomes.
const MARK: &str = "LECTERNTEXT";

/// LaTeX with its text commands taken out, and what each held.
pub(super) struct Lifted {
    /// The formula, each text command replaced by a placeholder.
    pub(super) latex: String,
    /// What each placeholder stands for, in order.
    pub(super) texts: Vec<Lifting>,
}

/// What a placeholder stands for.
pub(super) enum Lifting {
    /// Text: its runs, each with its style (a Typst function, or none).
    Text(Vec<(Option<&'static str>, String)>),
    /// An operator name, and whether it takes limits.
    Operator(String, bool),
    /// An extensible arrow (`\xrightarrow[below]{above}`): whether it points
    /// left, and the Typst math above and below it.
    Arrow(bool, String, Option<String>),
    /// `\textcolor{accent}{...}`: a colour of the theme's palette and the
    /// Typst math it colours.
    Colour(String, String),
    /// Typst made whole where it was lifted (an `array`).
    Raw(String),
}

/// The palette's colours a formula may name (`\textcolor{accent}{…}`),
/// besides the chart series `c1`, `c2`…
const PALETTE: &[&str] = &["accent", "good", "bad", "muted"];

/// LaTeX's named colours, which `themes/math.typ` draws.
const LATEX_COLOURS: &[&str] = &[
    "red", "green", "blue", "cyan", "magenta", "black", "gray", "brown", "orange", "purple",
    "teal", "olive",
];

/// Whether a colour name is one of the palette's.
fn palette(name: &str) -> bool {
    PALETTE.contains(&name)
        || name
            .strip_prefix('c')
            .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
}

/// Checks the colour every `\textcolor`, `\color` and `\colorbox` names:
/// a palette colour (only `\textcolor` takes those) or a LaTeX one.
pub(super) fn check_colours(latex: &str) -> Result<(), super::MathError> {
    for command in ["\\textcolor", "\\colorbox", "\\color"] {
        for (at, _) in latex.match_indices(command) {
            let after = at + command.len();
            if super::command_end(latex, at + 1) != after {
                continue;
            }
            let Some((name, end)) = group(latex, after) else {
                continue;
            };
            let name = name.trim();
            let start = end - 1 - name.len();
            let known = LATEX_COLOURS.contains(&name.to_ascii_lowercase().as_str());
            if known || (command == "\\textcolor" && palette(name)) {
                continue;
            }
            let hint = if palette(name) {
                format!("the theme's colours colour a part: write `\\textcolor{{{name}}}{{...}}`")
            } else {
                format!(
                    "use the theme's {}, c1, c2…, or a LaTeX colour: {}",
                    PALETTE.join(", "),
                    LATEX_COLOURS.join(", ")
                )
            };
            return Err(super::MathError::new(
                format!("`{name}` is not a colour lectern draws here"),
                start..start + name.len(),
                hint,
            ));
        }
    }
    Ok(())
}

impl Lifting {
    /// Its Typst, in place of mitex's `#textmath[...];`.
    fn typst(&self) -> String {
        match self {
            // Text runs upright in `textmath`; math runs stay math.
            Self::Text(runs) => runs
                .chunk_by(|a, b| (a.0 == Some(MATH_RUN)) == (b.0 == Some(MATH_RUN)))
                .map(|chunk| match chunk[0].0 {
                    Some(MATH_RUN) => chunk.iter().map(|(_, t)| format!(" {t} ")).collect(),
                    _ => {
                        let inner: String = chunk
                            .iter()
                            .map(|(style, text)| match style {
                                Some(call) => format!("#({call})({text:?});"),
                                None => format!("#{text:?};"),
                            })
                            .collect();
                        format!("#textmath[{inner}];")
                    }
                })
                .collect(),
            Self::Operator(name, true) => format!("op({name:?}, limits: #true)"),
            Self::Operator(name, false) => format!("op({name:?})"),
            Self::Colour(name, body) => format!("#lectern-span({name:?}, ${body}$)"),
            Self::Raw(typst) => typst.clone(),
            Self::Arrow(left, above, below) => {
                let arrow = if *left { "arrow.l" } else { "arrow.r" };
                let below = below
                    .as_ref()
                    .map_or_else(String::new, |b| format!("_({b})"));
                format!("stretch({arrow})^({above}){below}")
            }
        }
    }
}

/// Takes the text commands out of `latex` (see the module's doc), and reads
/// `\mathop{...}` and `\operatorname*{...}` as `\operatorname{...}`.
pub(super) fn lift(latex: &str) -> Lifted {
    let mut out = String::with_capacity(latex.len());
    let mut texts = Vec::new();
    let mut i = 0;
    while i < latex.len() {
        let Some(rel) = latex[i..].find('\\') else {
            out.push_str(&latex[i..]);
            break;
        };
        out.push_str(&latex[i..i + rel]);
        let at = i + rel;
        let name_end = super::command_end(latex, at + 1);
        let mut name = &latex[at + 1..name_end];
        let mut after = name_end;
        if name == "operatorname" && latex[after..].starts_with('*') {
            name = "operatorname*";
            after += 1;
        }
        if let Some(&(_, limits)) = OPERATORS.iter().find(|(n, _)| *n == name)
            && let Some((body, end)) = group(latex, after)
        {
            let mut runs = Vec::new();
            pieces(body, None, &mut runs);
            let name: String = runs.into_iter().map(|(_, text)| text).collect();
            out.push_str(&format!("\\text{{{MARK}{}}}", texts.len()));
            texts.push(Lifting::Operator(name, limits));
            i = end;
            continue;
        }
        if name == "begin"
            && let Some((typst, end)) = super::array::array(latex, at)
        {
            out.push_str(&format!("\\text{{{MARK}{}}}", texts.len()));
            texts.push(Lifting::Raw(typst));
            i = end;
            continue;
        }
        if matches!(name, "begin" | "end")
            && let Some((env, end)) = super::argument(latex, after)
            && let Some((_, drawn)) = ENVIRONMENTS.iter().find(|(e, _)| *e == env)
        {
            out.push_str(&format!("\\{name}{{{drawn}}}"));
            i = end;
            // `alignat`'s column count is not drawn.
            if name == "begin"
                && env.starts_with("alignat")
                && let Some((_, past)) = group(latex, end)
            {
                i = past;
            }
            continue;
        }
        if SIZES.contains(&name) {
            // The delimiter that follows stays; its size command goes.
            out.push(' ');
            i = after;
            continue;
        }
        if let Some((colour, end)) = colour(latex, name, after) {
            out.push_str(&format!("\\text{{{MARK}{}}}", texts.len()));
            texts.push(colour);
            i = end;
            continue;
        }
        if let Some((arrow, end)) = arrow(latex, name, after) {
            out.push_str(&format!("\\text{{{MARK}{}}}", texts.len()));
            texts.push(arrow);
            i = end;
            continue;
        }
        let special = super::numbers::lift(latex, at)
            .or_else(|| super::negation::lift(latex, at))
            .or_else(|| super::spacing::lift(latex, at));
        if let Some((lifting, end)) = special {
            out.push_str(&format!("\\text{{{MARK}{}}}", texts.len()));
            texts.push(lifting);
            i = end;
            continue;
        }
        let style = TEXT_COMMANDS.iter().find(|(n, _)| *n == name).map(|t| t.1);
        let group = style.and_then(|_| group(latex, after));
        match (style, group) {
            (Some(style), Some((body, end))) => {
                let mut runs = Vec::new();
                pieces(body, style, &mut runs);
                out.push_str(&format!("\\text{{{MARK}{}}}", texts.len()));
                texts.push(Lifting::Text(runs));
                i = end;
            }
            _ => {
                out.push_str(&latex[at..name_end.max(at + 2).min(latex.len())]);
                i = name_end.max(at + 2).min(latex.len());
            }
        }
    }
    Lifted { latex: out, texts }
}

/// `\xrightarrow[below]{above}` or `\xleftarrow...` at `after` (past the
/// name), its parts converted; `None` when it is not one, or a part does
/// not convert (it is then refused where it is written).
fn arrow(latex: &str, name: &str, after: usize) -> Option<(Lifting, usize)> {
    let left = match name {
        "xrightarrow" => false,
        "xleftarrow" => true,
        _ => return None,
    };
    let rest = latex[after..].trim_start();
    let mut at = latex.len() - rest.len();
    let mut below = None;
    if rest.starts_with('[') {
        let close = rest.find(']')?;
        below = Some(
            super::convert(&rest[1..close], &[])
                .ok()?
                .trim()
                .to_string(),
        );
        at += close + 1;
    }
    let (body, end) = group(latex, at)?;
    let above = super::convert(body, &[]).ok()?.trim().to_string();
    Some((Lifting::Arrow(left, above, below), end))
}

/// `\textcolor{accent}{...}` at `after` (past the name) with a palette
/// colour, its body converted; LaTeX colours are left to mitex.
fn colour(latex: &str, name: &str, after: usize) -> Option<(Lifting, usize)> {
    if name != "textcolor" {
        return None;
    }
    let (colour, at) = group(latex, after)?;
    let colour = colour.trim();
    if !palette(colour) {
        return None;
    }
    let (body, end) = group(latex, at)?;
    let body = super::convert(body, &[]).ok()?.trim().to_string();
    Some((Lifting::Colour(colour.to_string(), body), end))
}

/// Puts the lifted texts back into mitex's Typst.
pub(super) fn restore(typst: &str, texts: &[Lifting]) -> String {
    let mut out = typst.to_string();
    // The last first, so that `…1` is not found inside `…10`.
    for (n, lifting) in texts.iter().enumerate().rev() {
        let mark = format!("#textmath[{MARK}{n}];");
        out = out.replace(&mark, &lifting.typst());
    }
    out
}

/// The body of the brace group starting at `from` (after spaces), and
/// where the group ends; braces escaped as `\{` `\}` do not count.
pub(super) fn group(latex: &str, from: usize) -> Option<(&str, usize)> {
    let start = from + (latex[from..].len() - latex[from..].trim_start().len());
    if !latex[start..].starts_with('{') {
        return None;
    }
    let mut depth = 0usize;
    let mut escaped = false;
    for (k, c) in latex[start..].char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return Some((&latex[start + 1..start + k], start + k + 1));
                }
            }
            _ => {}
        }
    }
    None
}

/// Appends the runs of a text body: characters set with `style`, nested
/// text commands with their own.
fn pieces(body: &str, style: Option<&'static str>, out: &mut Vec<(Option<&'static str>, String)>) {
    let mut run = String::new();
    let mut i = 0;
    while i < body.len() {
        let c = body[i..].chars().next().unwrap_or(' ');
        if let Some((typst, end)) = math_in_text(body, i) {
            flush(&mut run, style, out);
            out.push((Some(MATH_RUN), typst));
            i = end;
            continue;
        }
        if c != '\\' {
            match c {
                '~' => run.push('\u{a0}'),
                '{' | '}' => {}
                '-' if body[i..].starts_with("---") => {
                    run.push('—');
                    i += 3;
                    continue;
                }
                '-' if body[i..].starts_with("--") => {
                    run.push('–');
                    i += 2;
                    continue;
                }
                _ => run.push(c),
            }
            i += c.len_utf8();
            continue;
        }
        let end = super::command_end(body, i + 1);
        let name = &body[i + 1..end];
        let nested = TEXT_COMMANDS.iter().find(|(n, _)| *n == name);
        if let Some((_, inner)) = nested
            && let Some((inner_body, group_end)) = group(body, end)
        {
            flush(&mut run, style, out);
            pieces(inner_body, inner.or(style), out);
            i = group_end;
            continue;
        }
        match name {
            "," | "thinspace" => run.push('\u{2009}'),
            ";" | ":" | " " | "\\" => run.push(' '),
            "quad" => run.push('\u{2003}'),
            "qquad" => run.push_str("\u{2003}\u{2003}"),
            "%" | "&" | "$" | "#" | "_" | "{" | "}" => run.push_str(name),
            "" => {}
            other => {
                run.push('\\');
                run.push_str(other);
            }
        }
        i = end.max(i + 1).min(body.len());
    }
    flush(&mut run, style, out);
}

/// The style of a run that is math inside text (`\mbox{if $a > b$}`):
/// its text is Typst math.
const MATH_RUN: &str = "math";

/// Math inside a text command at `at`: `$…$` or `\(…\)`, converted, and
/// where it ends; `None` when there is none or it does not convert (it is
/// then printed as written).
fn math_in_text(body: &str, at: usize) -> Option<(String, usize)> {
    let (open, close) = if body[at..].starts_with('$') {
        ("$", "$")
    } else if body[at..].starts_with("\\(") {
        ("\\(", "\\)")
    } else {
        return None;
    };
    let from = at + open.len();
    let len = body[from..].find(close)?;
    let typst = super::convert(&body[from..from + len], &[]).ok()?;
    Some((typst.trim().to_string(), from + len + close.len()))
}

/// Ends a run of text (written later as a Typst string literal: Rust's
/// escaping is valid Typst).
fn flush(
    run: &mut String,
    style: Option<&'static str>,
    out: &mut Vec<(Option<&'static str>, String)>,
) {
    if !run.is_empty() {
        out.push((style, std::mem::take(run)));
    }
}

/// A quad after each column break (`&`) of a `cases(...)`: Typst aligns
/// its columns flush, and LaTeX's `cases` keeps them a quad apart. Text in
/// strings is left alone.
pub(super) fn cases_gap(typst: &str) -> String {
    let mut out = String::with_capacity(typst.len());
    // For each open parenthesis: whether it opens a `cases(`.
    let mut open: Vec<bool> = Vec::new();
    let mut in_string = false;
    let mut escaped = false;
    for (k, c) in typst.char_indices() {
        out.push(c);
        if in_string {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => in_string = true,
            '(' => open.push(typst[..k].ends_with("cases")),
            ')' => {
                open.pop();
            }
            '&' if open.last() == Some(&true) => out.push_str(" quad "),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_text_is_lifted_and_escaped_as_a_string() {
        let l = lift(r"a \text{x = (y) ~ z\, \#1 \& \{b\}} + \mbox{if } c");
        assert_eq!(l.latex, r"a \text{LECTERNTEXT0} + \text{LECTERNTEXT1} c");
        assert_eq!(
            l.texts[0].typst(),
            "#textmath[#\"x = (y) \\u{a0} z\\u{2009} #1 & {b}\";];"
        );
        assert_eq!(l.texts[1].typst(), "#textmath[#\"if \";];");
    }

    #[test]
    fn styles_nest_and_quotes_stay_inside_their_string() {
        let l = lift(r#"\text{see \textbf{this} and \emph{"that"}}"#);
        assert_eq!(
            l.texts[0].typst(),
            "#textmath[#\"see \";#(text.with(weight: \"bold\"))(\"this\");#\" and \";#(std.math.italic)(\"\\\"that\\\"\");];"
        );
        let l = lift(r"\operatorname*{arg\,max}_x + \mathop{E}[X] + \operatorname{cov}");
        assert_eq!(
            l.latex,
            r"\text{LECTERNTEXT0}_x + \text{LECTERNTEXT1}[X] + \text{LECTERNTEXT2}"
        );
        assert_eq!(l.texts[0].typst(), "op(\"arg\\u{2009}max\", limits: #true)");
        assert_eq!(l.texts[2].typst(), "op(\"cov\")");
    }

    #[test]
    fn arrows_take_their_labels_and_sized_delimiters_keep_their_delimiter() {
        let l = lift(r"A \xrightarrow{f} B \xleftarrow[g]{h} C");
        assert_eq!(l.latex, r"A \text{LECTERNTEXT0} B \text{LECTERNTEXT1} C");
        assert_eq!(l.texts[0].typst(), "stretch(arrow.r)^(f)");
        assert_eq!(l.texts[1].typst(), "stretch(arrow.l)^(h)_(g)");
        assert_eq!(lift(r"\big[ x \Bigr)").latex, r" [ x  )");
        assert_eq!(
            lift(r"\begin{gather*} a \\ b \end{gather*}").latex,
            r"\begin{gathered} a \\ b \end{gathered}"
        );
    }

    #[test]
    fn placeholders_come_back_last_first() {
        let texts: Vec<Lifting> = (0..11)
            .map(|n| Lifting::Text(vec![(None, format!("t{n}"))]))
            .collect();
        let typst = "#textmath[LECTERNTEXT1]; #textmath[LECTERNTEXT10];";
        assert_eq!(
            restore(typst, &texts),
            "#textmath[#\"t1\";]; #textmath[#\"t10\";];"
        );
    }
}
