//! LaTeX math: checked where it is written, then converted to Typst math
//! by mitex (no TeX installation, no network).
//!
//! The checks that mitex would make badly or not at all run first, on the
//! text as written, so every error points at its column inside the YAML
//! string: an unbalanced brace, `\left` without `\right`, `\begin{x}`
//! without `\end{x}`, nesting deeper than [`MAX_DEPTH`], a formula longer
//! than [`MAX_FORMULA_BYTES`]. A deck's `macros:` are expanded before the
//! conversion. The conversion is memoised per formula, so `watch` does not
//! redo it. Its output is Typst math that names a few helpers lectern
//! defines (`themes/math.typ`), and nothing else: text from `\text{...}`
//! is checked to hold no Typst code.

mod array;
mod negation;
pub mod numbers;
mod spacing;
mod structure;
mod text;

use self::structure::{argument, command_end};
pub use self::structure::{check, split_top};

use std::ops::Range;
use std::sync::LazyLock;

use mitex::{CommandSpec, CommandSpecItem};
use typst::foundations::Value;
use typst::{Library, LibraryExt};

/// The longest formula, in bytes.
pub const MAX_FORMULA_BYTES: usize = 8 * 1024;

/// The deepest nesting of braces and environments.
pub const MAX_DEPTH: usize = 64;

/// A formula that cannot be converted: what, where (a byte range of the
/// formula as written) and what to do.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct MathError {
    /// What is wrong.
    pub message: String,
    /// Where, in the formula's text.
    pub at: Range<usize>,
    /// What to do.
    pub hint: String,
}

impl MathError {
    /// An error at `at`.
    fn new(message: impl Into<String>, at: Range<usize>, hint: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            at,
            hint: hint.into(),
        }
    }
}

/// Expands a deck's macros (`macros: { E: '\mathbb{E}' }`): each `\name`
/// not followed by a letter becomes its body. Bodies are expanded once, not
/// again, so no macro can grow without bound.
pub fn expand(latex: &str, macros: &[(String, String)]) -> String {
    if macros.is_empty() || !latex.contains('\\') {
        return latex.to_string();
    }
    let mut out = String::with_capacity(latex.len());
    let mut i = 0;
    while i < latex.len() {
        if latex.as_bytes()[i] == b'\\' {
            let end = command_end(latex, i + 1);
            let name = &latex[i + 1..end];
            if let Some((_, body)) = macros.iter().find(|(n, _)| n == name) {
                out.push('{');
                out.push_str(body);
                out.push('}');
                i = end;
                continue;
            }
            out.push_str(&latex[i..end.max(i + 1)]);
            i = end.max(i + 1);
            continue;
        }
        let c = latex[i..].chars().next().unwrap_or(' ');
        out.push(c);
        i += c.len_utf8();
    }
    out
}

/// Converts a formula (checked, macros given) to Typst math.
#[comemo::memoize]
pub fn convert(latex: &str, macros: &[(String, String)]) -> Result<String, MathError> {
    check(latex)?;
    let expanded = expand(latex, macros);
    check(&expanded)
        .map_err(|e| MathError::new(e.message, 0..0, "check the bodies under `macros:`"))?;
    // Text (`\text{...}`, `\textbf`, `\mbox`) is taken out first: it
    // comes back as Typst strings, whatever it holds.
    text::check_colours(latex)?;
    let lifted = text::lift(&numbers::place(&expanded));
    refuse_undrawn(latex, &lifted.latex)?;
    let paired = array::pair_bars(&lifted.latex);
    let typst = mitex::convert_math(&paired, None).map_err(|e| unknown(latex, &e, macros))?;
    safe(&typst).map_err(|(message, hint)| MathError::new(message, 0..latex.len(), hint))?;
    Ok(text::restore(
        &text::cases_gap(&modernize(&typst)),
        &lifted.texts,
    ))
}

/// The helpers `themes/math.typ` defines for mitex's output.
const MATH_LIB: &str = include_str!("../../../themes/math.typ");

/// mitex's command table, cut to the commands whose Typst output lectern
/// can draw: a name Typst's math or standard library holds (with symbol
/// modifiers Typst 0.15 knows), a helper of `themes/math.typ`, or plain
/// characters. Text-mode commands (`\section`, `\cite`, `\label`,
/// `\includegraphics`) and helpers only mitex's Typst package defines are
/// left out; [`refuse_undrawn`] refuses them at their column, before they
/// could fail in Typst.
static SPEC: LazyLock<CommandSpec> = LazyLock::new(|| {
    let library = Library::default();
    CommandSpec::new(
        mitex_spec_gen::DEFAULT_SPEC
            .items()
            .filter(|(name, item)| drawable_item(&library, name, item))
            .map(|(name, item)| (name.to_string(), item.clone()))
            .collect(),
    )
});

/// Every LaTeX command and environment lectern draws, with its shape, in
/// name order; commands that convert to nothing (`\AtBeginDocument`) are
/// not listed.
pub fn drawable_commands() -> Vec<(String, CommandSpecItem)> {
    let mut all: Vec<_> = SPEC
        .items()
        .filter(|(name, item)| !name.is_empty() && alias(item) != Some(""))
        .map(|(name, item)| (name.to_string(), item.clone()))
        .collect();
    all.sort_by(|a, b| a.0.cmp(&b.0));
    all
}

/// A short formula that uses the command or environment `name` as its
/// shape asks: `\frac{a}{b}`, `a \over b`, `\begin{cases} a \end{cases}`.
pub fn example(name: &str, item: &CommandSpecItem) -> String {
    use mitex::{ArgPattern, ArgShape};
    let terms = |pattern: &ArgPattern| terms(pattern, true);
    let args = |n: usize| -> String {
        ["{a}", "{b}", "{c}", "{d}"]
            .iter()
            .cycle()
            .take(n)
            .copied()
            .collect()
    };
    match item {
        CommandSpecItem::Cmd(shape) => match &shape.args {
            ArgShape::Right {
                pattern: ArgPattern::Greedy,
            } => format!("\\{name} a"),
            // A colour command's first argument is a colour.
            ArgShape::Right { pattern } if name.contains("color") => {
                format!(
                    "\\{name}{{red}}{}",
                    args(terms(pattern)).get(3..).unwrap_or("")
                )
            }
            ArgShape::Right { pattern } => format!("\\{name}{}", args(terms(pattern))),
            ArgShape::Left1 => format!("\\sum\\{name}_{{a}}"),
            ArgShape::InfixGreedy => format!("a \\{name} b"),
        },
        CommandSpecItem::Env(shape) => format!(
            "\\begin{{{name}}}{} a & b \\\\ c & d \\end{{{name}}}",
            args(terms(&shape.args))
        ),
    }
}

/// How many terms (arguments) a command's pattern takes: at least, or at
/// most (`most`).
fn terms(pattern: &mitex::ArgPattern, most: bool) -> usize {
    use mitex::ArgPattern;
    match pattern {
        ArgPattern::None | ArgPattern::Greedy => 0,
        ArgPattern::FixedLenTerm { len } => usize::from(*len),
        ArgPattern::RangeLenTerm { min, max } => usize::from(if most { *max } else { *min }),
        // `{,b}t`: optional groups, then one term per `t`.
        ArgPattern::Glob { pattern } => {
            let mut depth = 0;
            pattern
                .0
                .chars()
                .filter(|&c| {
                    match c {
                        '{' => depth += 1,
                        '}' => depth -= 1,
                        _ => {}
                    }
                    depth == 0 && c == 't'
                })
                .count()
        }
    }
}

/// Whether `n` terms follow byte `at` of `latex`, as a command's arguments:
/// a `{group}` holding something, a command, or one character; `[options]`
/// before a term are passed over.
fn has_terms(latex: &str, mut at: usize, n: usize) -> bool {
    // Where the group opened at `from` closes (just past it).
    let close = |from: usize, open: u8, shut: u8| -> Option<usize> {
        let bytes = latex.as_bytes();
        let (mut depth, mut i) = (0usize, from);
        while i < bytes.len() {
            match bytes[i] {
                b'\\' => i += 1,
                b if b == open => depth += 1,
                b if b == shut => {
                    depth -= 1;
                    if depth == 0 {
                        return Some(i + 1);
                    }
                }
                _ => {}
            }
            i += 1;
        }
        None
    };
    let skip_space = |at: usize| latex.len() - latex[at..].trim_start().len();
    for _ in 0..n {
        at = skip_space(at);
        while latex[at..].starts_with('[') {
            let Some(end) = close(at, b'[', b']') else {
                return false;
            };
            at = skip_space(end);
        }
        let Some(c) = latex[at..].chars().next() else {
            return false;
        };
        at = match c {
            '{' => match close(at, b'{', b'}') {
                Some(end) if !latex[at + 1..end - 1].trim().is_empty() => end,
                _ => return false,
            },
            '\\' => {
                let end = command_end(latex, at + 1);
                if matches!(&latex[at + 1..end], "\\" | "right" | "end" | "}") {
                    return false;
                }
                end
            }
            '}' | '&' | '^' | '_' => return false,
            c => at + c.len_utf8(),
        };
    }
    true
}

/// Whether one entry of mitex's table converts to Typst lectern can draw.
fn drawable_item(library: &Library, name: &str, item: &CommandSpecItem) -> bool {
    let alias = modernize(alias(item).unwrap_or(name));
    if alias == "#textmath" {
        return true;
    }
    // Markup (`#heading`, `#mitexcite`) has no place in a formula.
    if alias.starts_with('#') {
        return false;
    }
    if !alias.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return true;
    }
    let path = alias
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '.'))
        .next()
        .unwrap_or_default();
    let mut parts = path.split('.');
    let head = parts.next().unwrap_or_default();
    if defines(head) {
        return true;
    }
    // Environments mitex reads as text (`quote`, `figure`, `tabular`)
    // come out as markup; only math environments stay.
    let global = match item {
        CommandSpecItem::Cmd(_) => library.global.scope().get(head),
        CommandSpecItem::Env(_) if alias.contains('(') => return false,
        CommandSpecItem::Env(_) => None,
    };
    let Some(binding) = library.math.scope().get(head).or(global) else {
        return false;
    };
    let infix = matches!(item, CommandSpecItem::Cmd(shape) if matches!(shape.args, mitex::ArgShape::InfixGreedy));
    match binding.read() {
        // `a \brace b` would call a symbol with two arguments.
        Value::Symbol(_) if infix => false,
        Value::Symbol(symbol) => parts
            .try_fold(symbol.clone(), |s, m| s.modified((), m).ok())
            .is_some(),
        _ => true,
    }
}

/// The Typst name mitex writes for a command, if not its own.
fn alias(item: &CommandSpecItem) -> Option<&str> {
    match item {
        CommandSpecItem::Cmd(shape) => shape.alias.as_deref(),
        CommandSpecItem::Env(shape) => shape.alias.as_deref(),
    }
}

/// Whether `themes/math.typ` defines `name`.
fn defines(name: &str) -> bool {
    MATH_LIB.lines().any(|line| {
        line.strip_prefix("#let ")
            .and_then(|rest| rest.strip_prefix(name))
            .is_some_and(|rest| rest.starts_with(['(', ' ']))
    })
}

/// Symbol names mitex writes that Typst 0.15 spells otherwise.
const RENAMED: &[(&str, &str)] = &[
    ("angle.l", "chevron.l"),
    ("angle.r", "chevron.r"),
    ("diff", "partial"),
    ("dot.circle", "dot.o"),
    ("times.circle", "times.o"),
    ("planck.reduce", "planck"),
    ("sect", "inter"),
];

/// Renames the symbols of [`RENAMED`], whole names only.
fn modernize(typst: &str) -> String {
    let mut out = String::with_capacity(typst.len());
    let mut rest = typst;
    while !rest.is_empty() {
        let name_len = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '.'))
            .unwrap_or(rest.len());
        if name_len == 0 {
            let c = rest.chars().next().unwrap_or(' ');
            out.push(c);
            rest = &rest[c.len_utf8()..];
            continue;
        }
        let name = &rest[..name_len];
        match RENAMED.iter().find(|(old, _)| *old == name) {
            Some((_, new)) => out.push_str(new),
            None => out.push_str(name),
        }
        rest = &rest[name_len..];
    }
    out
}

/// Locates mitex's error in the formula as written: an unknown command at
/// its own column, with "did you mean" or the `macros:` hint.
fn unknown(latex: &str, error: &str, macros: &[(String, String)]) -> MathError {
    let message = error.trim().trim_start_matches("error:").trim();
    let name = message
        .strip_prefix("unknown command: ")
        .map(|c| c.trim().trim_start_matches('\\'));
    match name {
        Some(name) => {
            let known: Vec<&str> = KNOWN
                .iter()
                .copied()
                .chain(macros.iter().map(|(n, _)| n.as_str()))
                .collect();
            let hint = match crate::diagnostics::did_you_mean(name, &known) {
                Some(s) => format!("did you mean `\\{s}`?"),
                None => format!(
                    "define it for the deck under `macros:`, e.g. `macros: {{ {name}: '\\mathrm{{{name}}}' }}`"
                ),
            };
            MathError::new(
                format!("unknown LaTeX command `\\{name}`"),
                command_at(latex, name),
                hint,
            )
        }
        None => MathError::new(
            format!("this formula cannot be converted ({message})"),
            0..latex.len(),
            "check it against LaTeX's math syntax",
        ),
    }
}

/// Where the command `\name` is first written in `latex` (empty when only
/// a macro's body holds it).
fn command_at(latex: &str, name: &str) -> Range<usize> {
    let needle = format!("\\{name}");
    latex
        .match_indices(&needle)
        .map(|(i, _)| i)
        .find(|&i| command_end(latex, i + 1) == i + needle.len())
        .map_or(0..0, |i| i..i + needle.len())
}

/// Refuses a command (or environment) mitex knows but lectern does not
/// draw (`\cite`, `\label`, `\begin{figure}`), and a command without the
/// arguments it takes (`\frac{1}`, a lone `\hat`).
fn refuse_undrawn(latex: &str, expanded: &str) -> Result<(), MathError> {
    let mut i = 0;
    while let Some(at) = expanded[i..].find('\\').map(|at| i + at) {
        let end = command_end(expanded, at + 1);
        let mut name = &expanded[at + 1..end];
        if matches!(name, "begin" | "end")
            && let Some((env, _)) = argument(expanded, end)
        {
            name = env;
        }
        let item = SPEC.get(name);
        if let Some(item @ CommandSpecItem::Cmd(shape)) = item
            && let mitex::ArgShape::Right { pattern } = &shape.args
            && let n = terms(pattern, false)
            && !has_terms(expanded, end, n)
        {
            return Err(MathError::new(
                format!(
                    "`\\{name}` needs {n} argument{} after it",
                    if n == 1 { "" } else { "s" }
                ),
                command_at(latex, name),
                format!("write it as in `{}`", example(name, item)),
            ));
        }
        let drawn = item.is_some() || matches!(name, "begin" | "end" | "left" | "right");
        if !drawn && mitex_spec_gen::DEFAULT_SPEC.get(name).is_some() {
            return Err(MathError::new(
                format!("lectern does not draw `\\{name}` in a formula"),
                command_at(latex, name),
                "write it another way (`lectern latex` lists what a formula may hold), or define it under `macros:`",
            ));
        }
        i = end.max(at + 2).min(expanded.len());
    }
    Ok(())
}

/// Refuses converted math that would run Typst code: the only `#` mitex
/// writes is `#textmath[...]` for `\text{...}`, whose text may hold no
/// Typst syntax of its own.
fn safe(typst: &str) -> Result<(), (String, String)> {
    // A `$` would end the equation and leave the rest as markup.
    let bytes = typst.as_bytes();
    if (0..bytes.len()).any(|i| bytes[i] == b'$' && (i == 0 || bytes[i - 1] != b'\\')) {
        return Err((
            "this formula would reach Typst with a bare `$`".into(),
            "write a dollar sign in a formula as `\\$`".into(),
        ));
    }
    let mut rest = typst;
    while let Some(at) = rest.find('#') {
        let after = &rest[at + 1..];
        let Some(body) = after.strip_prefix("textmath[") else {
            return Err((
                "this formula would reach Typst as code".into(),
                "write text inside `\\text{...}` only, with no `#`".into(),
            ));
        };
        let end = body.find("];").ok_or_else(|| {
            (
                "this formula's text could not be read".to_string(),
                "write plain words inside `\\text{...}`".to_string(),
            )
        })?;
        let text = &body[..end];
        if text.contains([
            '#', '[', ']', '$', '<', '>', '@', '`', '"', '\\', '=', '*', '_',
        ]) {
            return Err((
                format!("`\\text{{{text}}}` holds characters Typst would read as markup"),
                "write plain words inside `\\text{...}` (letters, digits, spaces, CJK, punctuation such as , . : ; ! ? ( ))".into(),
            ));
        }
        rest = &body[end..];
    }
    Ok(())
}

/// Commands lecturers use, for "did you mean".
const KNOWN: &[&str] = &[
    "frac",
    "dfrac",
    "tfrac",
    "sqrt",
    "sum",
    "prod",
    "int",
    "iint",
    "oint",
    "lim",
    "infty",
    "partial",
    "nabla",
    "mathbb",
    "mathcal",
    "mathbf",
    "boldsymbol",
    "mathrm",
    "hat",
    "bar",
    "tilde",
    "vec",
    "dot",
    "ddot",
    "left",
    "right",
    "operatorname",
    "text",
    "le",
    "leq",
    "ge",
    "geq",
    "ne",
    "neq",
    "approx",
    "sim",
    "propto",
    "cdot",
    "times",
    "to",
    "mapsto",
    "Rightarrow",
    "Leftarrow",
    "iff",
    "forall",
    "exists",
    "in",
    "notin",
    "subseteq",
    "subset",
    "cup",
    "cap",
    "underbrace",
    "overbrace",
    "alpha",
    "beta",
    "gamma",
    "delta",
    "epsilon",
    "varepsilon",
    "zeta",
    "eta",
    "theta",
    "vartheta",
    "iota",
    "kappa",
    "lambda",
    "mu",
    "nu",
    "xi",
    "pi",
    "rho",
    "sigma",
    "tau",
    "upsilon",
    "phi",
    "varphi",
    "chi",
    "psi",
    "omega",
    "Gamma",
    "Delta",
    "Theta",
    "Lambda",
    "Xi",
    "Pi",
    "Sigma",
    "Upsilon",
    "Phi",
    "Psi",
    "Omega",
    "log",
    "ln",
    "exp",
    "sin",
    "cos",
    "tan",
    "max",
    "min",
    "arg",
    "det",
    "binom",
    "ldots",
    "cdots",
    "quad",
    "qquad",
    "pm",
    "mid",
    "langle",
    "rangle",
    "equiv",
    "perp",
    "top",
    "circ",
    "emptyset",
    "begin",
    "end",
    "Pr",
];

#[cfg(test)]
mod tests;
