//! Themes: Typst code plus a palette, built into the binary or read from a folder.
//!
//! A theme folder holds `theme.typ` (the slide functions) and `theme.yaml`
//! (description, palette, fonts). Rust reads the palette for the charts, and
//! the theme reads the very same palette through `deck.palette`, so slides and
//! charts never disagree. To add a built-in theme, create `themes/<name>/` and
//! add one line to [`BUILTIN`].

use std::path::{Path, PathBuf};

use marked_yaml::Node;

use crate::diagnostics::{Diagnostic, FileRef, Sources, Span};
use crate::world::sandbox::{MAX_FILE_BYTES, ReadError, Sandbox};

/// A built-in theme: its name and its files, embedded at compile time.
type Embedded = (&'static str, &'static [(&'static str, &'static [u8])]);

/// Embeds a theme folder's two files.
macro_rules! theme {
    ($name:literal) => {
        (
            $name,
            &[
                (
                    "theme.typ",
                    include_bytes!(concat!("../themes/", $name, "/theme.typ")),
                ),
                (
                    "theme.yaml",
                    include_bytes!(concat!("../themes/", $name, "/theme.yaml")),
                ),
            ],
        )
    };
}

/// Every built-in theme; the first is the default.
pub const BUILTIN: &[Embedded] = &[
    theme!("academic"),
    theme!("midnight"),
    theme!("projector"),
    theme!("metro"),
];

/// The theme used when neither the outline nor the command line names one.
pub const DEFAULT: &str = "academic";

/// Writes a built-in theme's files into a new folder for editing; refuses to
/// overwrite existing files. Returns the files written.
pub fn eject(name: &str, dir: &Path) -> Result<Vec<PathBuf>, String> {
    let names: Vec<&str> = BUILTIN.iter().map(|(n, _)| *n).collect();
    let (_, files) = BUILTIN.iter().find(|(n, _)| *n == name).ok_or_else(|| {
        format!(
            "unknown theme `{name}` (built-in themes: {})",
            names.join(", ")
        )
    })?;
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {} ({e})", dir.display()))?;
    let mut written = Vec::new();
    for (file, bytes) in files.iter() {
        let path = dir.join(file);
        if path.exists() {
            return Err(format!(
                "{} already exists; choose a new folder",
                path.display()
            ));
        }
        std::fs::write(&path, bytes)
            .map_err(|e| format!("cannot write {} ({e})", path.display()))?;
        written.push(path);
    }
    Ok(written)
}

/// A colour as 8-bit RGB.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// Parses `#rrggbb`.
    pub fn parse(s: &str) -> Option<Self> {
        let hex = s.trim().strip_prefix('#')?;
        if hex.len() != 6 || !hex.is_ascii() {
            return None;
        }
        let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
        Some(Self(byte(0)?, byte(2)?, byte(4)?))
    }

    /// Relative luminance (WCAG 2).
    pub fn luminance(self) -> f64 {
        let channel = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(self.0) + 0.7152 * channel(self.1) + 0.0722 * channel(self.2)
    }

    /// Contrast ratio with another colour (WCAG 2), from 1 to 21.
    pub fn contrast(self, other: Rgb) -> f64 {
        let (a, b) = (self.luminance(), other.luminance());
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }

    /// Formats as `#rrggbb`.
    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }
}

/// The colours a theme defines; slides and charts both use them.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Palette {
    /// Named colours, in file order (`background`, `text`, `accent`, ...).
    pub named: Vec<(String, Rgb)>,
    /// Colours for chart series and categories, in order.
    pub series: Vec<Rgb>,
}

impl Palette {
    /// The names every palette must define.
    pub const REQUIRED: &[&str] = &[
        "background",
        "text",
        "accent",
        "muted",
        "surface",
        "on-accent",
    ];

    /// The code colours (`code-*` names), in [`CODE_ROLES`] order. A
    /// palette without them takes the surface as the code background, the
    /// text colour for every token and the muted colour for dimmed lines.
    pub fn code(&self) -> Vec<(&'static str, Rgb)> {
        CODE_ROLES
            .iter()
            .map(|(role, fallback)| {
                let named = self
                    .named
                    .iter()
                    .find(|(n, _)| n == &format!("code-{role}"));
                (*role, named.map_or_else(|| self.get(fallback), |(_, c)| *c))
            })
            .collect()
    }

    /// The colours of inline spans that say good and bad (`[text]{.good}`):
    /// the palette's own, or else its series colour nearest to a green and
    /// a red (series colours keep 4.5:1 on the background).
    pub fn span_colours(&self) -> Vec<(&'static str, Rgb)> {
        SPAN_ROLES
            .iter()
            .map(|(role, like)| {
                let own = self.named.iter().find(|(n, _)| n == role).map(|(_, c)| *c);
                let nearest = self.series.iter().copied().min_by_key(|c| {
                    let d = |a: u8, b: u8| (i32::from(a) - i32::from(b)).pow(2);
                    d(c.0, like.0) + d(c.1, like.1) + d(c.2, like.2)
                });
                (*role, own.or(nearest).unwrap_or(*like))
            })
            .collect()
    }

    /// Looks up a named colour.
    pub fn get(&self, name: &str) -> Rgb {
        self.named
            .iter()
            .find(|(n, _)| n == name)
            .map_or(Rgb(0, 0, 0), |(_, c)| *c)
    }
}

/// The span colour roles a palette may name, each with the colour a
/// palette without it is matched against.
pub const SPAN_ROLES: &[(&str, Rgb)] = &[
    ("good", Rgb(0x1a, 0x7f, 0x37)),
    ("bad", Rgb(0xb4, 0x23, 0x18)),
];

/// The code colour roles, each with the palette colour it falls back to:
/// the background, plain text, five token kinds, and dimmed lines.
pub const CODE_ROLES: &[(&str, &str)] = &[
    ("bg", "surface"),
    ("text", "text"),
    ("comment", "muted"),
    ("string", "text"),
    ("keyword", "text"),
    ("number", "text"),
    ("function", "text"),
    ("type", "text"),
    ("dim", "muted"),
];

/// A loaded theme.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Theme {
    /// The theme's name.
    pub name: String,
    /// One line about its look.
    pub description: String,
    /// Its `theme.typ` and `theme.yaml`; a theme folder's other files are
    /// read on demand.
    pub files: Vec<(String, Vec<u8>)>,
    /// The folder it was read from, for user themes.
    pub dir: Option<PathBuf>,
    /// The palette from `theme.yaml`.
    pub palette: Palette,
    /// The palette for paper (`print:` in `theme.yaml`: light background,
    /// dark text), used by handouts; `None` when the theme has none.
    pub print: Option<Palette>,
    /// Font families for text.
    pub text_fonts: Vec<String>,
    /// Font families for code.
    pub raw_fonts: Vec<String>,
    /// Font families for math (`fonts.math`), New Computer Modern Math by
    /// default.
    pub math_fonts: Vec<String>,
    /// Chart text size in points (`chart-text`, at least
    /// [`MIN_CHART_TEXT`]); the source line scales with it.
    pub chart_text: u32,
    /// Body text size in points (`body-size`); code and tables are sized
    /// from it.
    pub body_size: u32,
}

/// The body text size of a theme that names none, in points.
pub const DEFAULT_BODY_SIZE: u32 = 20;

/// Who named the theme, which decides which folders it may come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// The user, with `--theme`: any folder they choose.
    CommandLine,
    /// The outline's `theme:` key: only a folder inside the outline's
    /// folder, and none at all when raw Typst is refused (`--no-raw`),
    /// since a theme is Typst code.
    Outline {
        /// Whether raw Typst is refused.
        no_raw: bool,
    },
}

/// Loads a theme the user chose: a built-in name, or a folder holding
/// `theme.typ`.
pub fn load(spec: &str, base: &Path, sources: &mut Sources) -> Result<Loaded, Vec<Diagnostic>> {
    load_from(spec, base, Origin::CommandLine, MAX_FILE_BYTES, sources)
}

/// A loaded theme and its warnings (unknown keys in `theme.yaml`).
pub type Loaded = (Theme, Vec<Diagnostic>);

/// Loads a theme named by `origin`.
///
/// A folder may override a built-in theme file by file: files it lacks come
/// from the default built-in theme. Only `theme.typ` and `theme.yaml` are
/// read here; other files are read on demand through the folder's sandbox
/// when Typst asks for them.
pub fn load_from(
    spec: &str,
    base: &Path,
    origin: Origin,
    max_bytes: u64,
    sources: &mut Sources,
) -> Result<Loaded, Vec<Diagnostic>> {
    // A folder given on the command line is relative to the working
    // directory, as every CLI path is; one named in the outline, to the
    // outline's folder.
    let as_dir = match origin {
        Origin::CommandLine => PathBuf::from(spec),
        Origin::Outline { .. } => base.join(spec),
    };
    let looks_like_path = spec.contains('/') || spec.contains('\\') || spec.starts_with('.');
    let builtin = BUILTIN.iter().find(|(n, _)| *n == spec);
    let refuse_dirs = origin == (Origin::Outline { no_raw: true });
    if let Some((name, files)) = builtin
        && (refuse_dirs || !as_dir.join("theme.typ").is_file())
    {
        let files = files
            .iter()
            .map(|(n, b)| (n.to_string(), b.to_vec()))
            .collect();
        return finish(name.to_string(), files, None, sources);
    }
    if as_dir.is_dir() || looks_like_path {
        if let Origin::Outline { no_raw } = origin {
            if no_raw {
                return Err(vec![
                    Diagnostic::error(format!(
                        "theme folder `{spec}` is refused with --no-raw: a theme is Typst code"
                    ))
                    .hint(format!(
                        "use a built-in theme ({}), or choose the folder yourself with --theme",
                        builtin_names()
                    )),
                ]);
            }
            let inside = match (as_dir.canonicalize(), base.canonicalize()) {
                (Ok(dir), Ok(root)) => dir.starts_with(root),
                _ => true, // a missing folder is reported by `load_dir`
            };
            if !inside {
                return Err(vec![
                    Diagnostic::error(format!(
                        "theme folder `{spec}` is outside the outline's folder"
                    ))
                    .hint("an outline may only name a theme folder inside its own folder; move the theme there, or choose it yourself with --theme"),
                ]);
            }
        }
        return load_dir(&as_dir, max_bytes, sources);
    }
    Err(vec![
        Diagnostic::error(format!("unknown theme `{spec}`")).hint(format!(
            "built-in themes: {}; or give a folder holding theme.typ",
            builtin_names()
        )),
    ])
}

/// The built-in themes' names, comma-separated.
fn builtin_names() -> String {
    BUILTIN
        .iter()
        .map(|(n, _)| *n)
        .collect::<Vec<_>>()
        .join(", ")
}

/// Loads a theme folder from disk, filling gaps from the built-in default.
/// Reads only `theme.typ` and `theme.yaml`, through the folder's sandbox.
fn load_dir(dir: &Path, max_bytes: u64, sources: &mut Sources) -> Result<Loaded, Vec<Diagnostic>> {
    let fail = |e: String| {
        vec![Diagnostic::error(format!("cannot read theme folder {} ({e})", dir.display()))
            .hint("`--theme` takes a built-in name (see `lectern themes`) or a folder with theme.typ and theme.yaml")]
    };
    if !dir.is_dir() {
        return Err(fail("no such folder".into()));
    }
    let sandbox = Sandbox::new(dir, max_bytes);
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    let (_, defaults) = BUILTIN[0];
    for (name, bytes) in defaults.iter() {
        match sandbox.read(Path::new(name)) {
            Ok((_, own)) => files.push((name.to_string(), own)),
            Err(ReadError::NotFound) => files.push((name.to_string(), bytes.to_vec())),
            Err(e) => return Err(fail(format!("{name}: {e}"))),
        }
    }
    let name = dir
        .file_name()
        .map_or("theme".into(), |n| n.to_string_lossy().into_owned());
    finish(name, files, Some(dir.to_path_buf()), sources)
}

/// Reads `theme.yaml` and assembles the theme.
fn finish(
    name: String,
    files: Vec<(String, Vec<u8>)>,
    dir: Option<PathBuf>,
    sources: &mut Sources,
) -> Result<Loaded, Vec<Diagnostic>> {
    let yaml = files
        .iter()
        .find(|(n, _)| n == "theme.yaml")
        .map(|(_, b)| String::from_utf8_lossy(b).into_owned())
        .unwrap_or_default();
    let display = match &dir {
        Some(d) => display_path(&d.join("theme.yaml")),
        None => format!("<theme {name}>/theme.yaml"),
    };
    let file = sources.add(
        display,
        dir.as_ref().map(|d| d.join("theme.yaml")),
        yaml.clone(),
    );
    let text = sources.get(file).text.clone();
    let spec = parse_spec(file, &text)?;
    let theme = Theme {
        name,
        description: spec.description,
        files,
        dir,
        palette: spec.palette,
        print: spec.print,
        text_fonts: spec.text_fonts,
        raw_fonts: spec.raw_fonts,
        math_fonts: spec.math_fonts,
        chart_text: spec.chart_text,
        body_size: spec.body_size,
    };
    Ok((theme, spec.warnings))
}

/// A path as shown in messages, without a leading `./`.
pub fn display_path(path: &Path) -> String {
    path.strip_prefix(".").unwrap_or(path).display().to_string()
}

/// Reads a palette mapping's colours into `palette`: named colours replace
/// those of the same name, a `series` list replaces the series.
fn read_colours(
    pal: &marked_yaml::types::MarkedMappingNode,
    palette: &mut Palette,
    errors: &mut Vec<Diagnostic>,
    colour: &impl Fn(&Node, &mut Vec<Diagnostic>) -> Option<Rgb>,
) {
    for (key, node) in pal.iter() {
        if key.as_str() == "series" {
            palette.series = node
                .as_sequence()
                .map(|s| s.iter().filter_map(|item| colour(item, errors)).collect())
                .unwrap_or_default();
        } else if let Some(c) = colour(node, errors) {
            match palette.named.iter_mut().find(|(n, _)| n == key.as_str()) {
                Some(slot) => slot.1 = c,
                None => palette.named.push((key.as_str().to_owned(), c)),
            }
        }
    }
}

/// The smallest chart text a theme may ask for, in points: 0.7 × the 20 pt
/// body text of lectern's slides (the source line is 0.6 ×).
pub const MIN_CHART_TEXT: u32 = 14;
/// The largest, in points.
const MAX_CHART_TEXT: u32 = 28;

/// What `theme.yaml` holds.
struct Spec {
    /// One line about the theme.
    description: String,
    /// Its colours.
    palette: Palette,
    /// Its colours on paper, if it has a `print` palette.
    print: Option<Palette>,
    /// Text font families.
    text_fonts: Vec<String>,
    /// Code font families.
    raw_fonts: Vec<String>,
    /// Math font families.
    math_fonts: Vec<String>,
    /// Chart text size in points.
    chart_text: u32,
    /// Body text size in points.
    body_size: u32,
    /// Unknown keys, and other problems that do not stop the theme.
    warnings: Vec<Diagnostic>,
}

/// The keys of `theme.yaml`.
const SPEC_KEYS: &[&str] = &[
    "description",
    "palette",
    "print",
    "fonts",
    "chart-text",
    "body-size",
];

/// The keys of its `fonts` mapping.
const FONT_KEYS: &[&str] = &["text", "raw", "math"];

/// Parses `theme.yaml`, reporting problems at their line.
fn parse_spec(file: FileRef, yaml: &str) -> Result<Spec, Vec<Diagnostic>> {
    // The outline's YAML reader: located load errors, duplicate keys
    // refused, unknown keys warned with "did you mean".
    let mut reader = crate::outline::parse::Parser::new(file, yaml);
    let root = reader.load().map_err(|d| vec![d])?;
    let map = root.as_mapping().ok_or_else(|| {
        vec![Diagnostic::error("theme.yaml must be a mapping").at(Span::new(file, 0..0))]
    })?;
    reader.check_keys(map, &[SPEC_KEYS], "theme.yaml");
    if let Some(fonts) = map.get_mapping("fonts") {
        reader.check_keys(fonts, &[FONT_KEYS], "`fonts`");
    }
    let warnings = reader.take_diagnostics();
    let at = |m: Option<&marked_yaml::Marker>| {
        let o = m.map_or(0, |m| reader.offset(m));
        Span::new(file, o..(o + 1).min(yaml.len()))
    };
    let mut errors = Vec::new();
    let description = map
        .get_scalar("description")
        .map_or_else(String::new, |s| s.as_str().to_owned());
    let mut palette = Palette {
        named: Vec::new(),
        series: Vec::new(),
    };
    let colour = |node: &Node, errors: &mut Vec<Diagnostic>| {
        let s = node.as_scalar().map(|s| s.as_str()).unwrap_or("");
        Rgb::parse(s).or_else(|| {
            errors.push(
                Diagnostic::error(format!("`{s}` is not a colour"))
                    .at(at(node.span().start()))
                    .hint("write colours as \"#rrggbb\" (quoted)"),
            );
            None
        })
    };
    // The `palette:` key itself, where a missing colour is reported.
    let palette_key = map
        .iter()
        .find(|(k, _)| k.as_str() == "palette")
        .map(|(k, _)| k.span().start());
    match map.get_mapping("palette") {
        Some(pal) => {
            read_colours(pal, &mut palette, &mut errors, &colour);
            for req in Palette::REQUIRED {
                if !palette.named.iter().any(|(n, _)| n == req) {
                    errors.push(
                        Diagnostic::error(format!("the palette has no `{req}` colour"))
                            .at(at(palette_key.flatten().or(pal.span().start())))
                            .hint(format!(
                                "every palette defines: {}",
                                Palette::REQUIRED.join(", ")
                            )),
                    );
                }
            }
            if palette.series.len() < 2 {
                errors.push(
                    Diagnostic::error("the palette needs at least two `series` colours")
                        .at(at(pal.span().start()))
                        .hint("add `series: [\"#1f4e8c\", \"#c2410c\", ...]` for chart series"),
                );
            }
        }
        None => {
            errors.push(Diagnostic::error("theme.yaml has no `palette`").at(Span::new(file, 0..0)))
        }
    }
    // The print palette overrides the screen colours it names.
    let print = map.get_mapping("print").map(|pal| {
        let mut print = palette.clone();
        read_colours(pal, &mut print, &mut errors, &colour);
        print
    });
    let fonts_map = match map.get_node("fonts") {
        Some(Node::Mapping(f)) => Some(f),
        Some(other) => {
            errors.push(
                Diagnostic::error("`fonts` must be a mapping of `text` and `raw` lists")
                    .at(at(other.span().start()))
                    .hint("write e.g. `fonts: { text: [\"Lectern Sans SC\"], raw: [\"DejaVu Sans Mono\"] }`"),
            );
            None
        }
        None => None,
    };
    let mut fonts = |key: &str, default: &[&str]| -> Vec<String> {
        let defaults = || default.iter().map(|s| s.to_string()).collect();
        let Some(node) = fonts_map.and_then(|f| f.get_node(key)) else {
            return defaults();
        };
        let families: Option<Vec<String>> = node.as_sequence().and_then(|s| {
            s.iter()
                .map(|n| {
                    let name = n.as_scalar()?.as_str().trim();
                    (!name.is_empty()).then(|| name.to_owned())
                })
                .collect()
        });
        match families {
            Some(f) if !f.is_empty() => f,
            _ => {
                errors.push(
                    Diagnostic::error(format!("`fonts.{key}` must be a list of font family names"))
                        .at(at(node.span().start()))
                        .hint(format!("write e.g. `{key}: [\"{}\"]`", default[0])),
                );
                defaults()
            }
        }
    };
    let text_fonts = fonts("text", &[crate::world::fonts::CJK_FAMILY]);
    let raw_fonts = fonts(
        "raw",
        &["DejaVu Sans Mono", crate::world::fonts::CJK_FAMILY],
    );
    let math_fonts = fonts("math", &["New Computer Modern Math"]);
    let chart_text = match map.get_node("chart-text") {
        None => MIN_CHART_TEXT,
        Some(node) => {
            let value = node
                .as_scalar()
                .and_then(|s| s.as_str().trim().parse::<u32>().ok());
            match value {
                Some(pt) if (MIN_CHART_TEXT..=MAX_CHART_TEXT).contains(&pt) => pt,
                _ => {
                    errors.push(
                        Diagnostic::error(format!(
                            "`chart-text` must be a whole number of points from {MIN_CHART_TEXT} to {MAX_CHART_TEXT}"
                        ))
                        .at(at(node.span().start()))
                        .hint(format!(
                            "chart text may grow, never shrink: {MIN_CHART_TEXT} pt is 0.7 × the 20 pt body, the least a lecture hall can read"
                        )),
                    );
                    MIN_CHART_TEXT
                }
            }
        }
    };
    let body_size = match map.get_node("body-size") {
        None => DEFAULT_BODY_SIZE,
        Some(node) => match node
            .as_scalar()
            .and_then(|s| s.as_str().trim().parse::<u32>().ok())
        {
            Some(pt) if (12..=40).contains(&pt) => pt,
            _ => {
                errors.push(
                    Diagnostic::error("`body-size` must be a whole number of points from 12 to 40")
                        .at(at(node.span().start()))
                        .hint("the body text size the theme's setup uses: 20 suits most halls"),
                );
                DEFAULT_BODY_SIZE
            }
        },
    };
    if errors.is_empty() {
        Ok(Spec {
            description,
            palette,
            print,
            text_fonts,
            raw_fonts,
            math_fonts,
            chart_text,
            body_size,
            warnings,
        })
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chart_text_may_grow_but_never_shrink() {
        let yaml = |extra: &str| {
            format!(
                "palette:\n  background: \"#ffffff\"\n  text: \"#000000\"\n  accent: \"#1f4e8c\"\n  muted: \"#555555\"\n  surface: \"#eeeeee\"\n  on-accent: \"#ffffff\"\n  series: [\"#1f4e8c\", \"#c2410c\"]\n{extra}"
            )
        };
        let spec = |extra: &str| parse_spec(FileRef(0), &yaml(extra));
        let warned = spec("chart-txt: 18\nfonts: { text: [A], rew: [B] }\n")
            .ok()
            .unwrap();
        let hints: Vec<String> = warned
            .warnings
            .iter()
            .flat_map(|w| w.hints.clone())
            .collect();
        assert!(
            hints.iter().any(|h| h.contains("`chart-text`")),
            "{hints:?}"
        );
        assert!(hints.iter().any(|h| h.contains("`raw`")), "{hints:?}");
        for bad in [
            "fonts: [A]\n",
            "fonts: { text: A }\n",
            "fonts: { raw: [] }\n",
        ] {
            let errors = spec(bad).err().unwrap_or_default();
            assert!(
                errors.iter().any(|e| e.message.contains("fonts")),
                "{bad}: {errors:?}"
            );
        }
        let broken = parse_spec(FileRef(0), "palette:\n  text: [unclosed\n")
            .err()
            .unwrap();
        let at = broken[0].span.clone().unwrap().range.start;
        assert!(at > 0, "a YAML error is located past the start: {broken:?}");
        assert_eq!(spec("").ok().map(|s| s.chart_text), Some(MIN_CHART_TEXT));
        assert_eq!(
            spec("chart-text: 18\n").ok().map(|s| s.chart_text),
            Some(18)
        );
        for bad in ["chart-text: 12\n", "chart-text: big\n", "chart-text: 40\n"] {
            let errors = spec(bad).err().unwrap_or_default();
            assert!(
                errors.iter().any(|e| e.message.contains("chart-text")),
                "{bad}: {errors:?}"
            );
        }
    }

    #[test]
    fn every_code_colour_passes_wcag_aa_on_the_code_background() {
        for (name, _) in BUILTIN {
            let (theme, _) = load(name, Path::new("."), &mut Sources::default()).unwrap();
            let palettes = [Some(&theme.palette), theme.print.as_ref()];
            for palette in palettes.into_iter().flatten() {
                let code = palette.code();
                let bg = code[0].1;
                assert!(palette.named.iter().any(|(n, _)| n == "code-bg"), "{name}");
                for (role, colour) in &code[1..] {
                    let ratio = colour.contrast(bg);
                    assert!(
                        ratio >= 4.5,
                        "{name}: code-{role} is {ratio:.2}:1 on code-bg"
                    );
                }
            }
        }
    }

    #[test]
    fn every_builtin_theme_loads_with_a_full_palette() {
        for (name, _) in BUILTIN {
            let (theme, warnings) = load(name, Path::new("."), &mut Sources::default()).unwrap();
            assert!(warnings.is_empty(), "{name}: {warnings:?}");
            for req in Palette::REQUIRED {
                assert!(
                    theme.palette.named.iter().any(|(n, _)| n == req),
                    "{name} lacks {req}"
                );
            }
        }
    }

    #[test]
    fn every_builtin_palette_reaches_wcag_aa_contrast() {
        for (name, _) in BUILTIN {
            let (theme, warnings) = load(name, Path::new("."), &mut Sources::default()).unwrap();
            assert!(warnings.is_empty(), "{name}: {warnings:?}");
            let print = theme
                .print
                .as_ref()
                .expect("every built-in theme has a print palette");
            assert!(
                print.get("background").luminance() > 0.85,
                "{name}: the print background is not light"
            );
            check_contrast(name, &theme.palette);
            check_contrast(&format!("{name} (print)"), print);
        }
    }

    /// Checks a palette's text colours against WCAG AA.
    fn check_contrast(name: &str, p: &Palette) {
        {
            let bg = p.get("background");
            let mut pairs = vec![
                ("text", p.get("text"), bg),
                ("accent (titles)", p.get("accent"), bg),
                ("muted (footer, axes)", p.get("muted"), bg),
                ("on-accent", p.get("on-accent"), p.get("accent")),
            ];
            pairs.extend(p.span_colours().into_iter().map(|(r, c)| (r, c, bg)));
            // Series colours colour chart labels (dates, line ends, values).
            pairs.extend(p.series.iter().map(|c| ("series", *c, bg)));
            for (what, fg, back) in pairs {
                let ratio = fg.contrast(back);
                assert!(
                    ratio >= 4.5,
                    "{name}: {what} {} on {} is only {ratio:.2}:1",
                    fg.hex(),
                    back.hex()
                );
            }
        }
    }

    #[test]
    fn every_built_in_accent_differs_visibly_from_its_body_text() {
        for (name, _) in BUILTIN {
            let (theme, _) = load(name, Path::new("."), &mut Sources::default()).unwrap();
            let (a, t) = (theme.palette.get("accent"), theme.palette.get("text"));
            let d = |x: u8, y: u8| (f64::from(x) - f64::from(y)).powi(2);
            let distance = (d(a.0, t.0) + d(a.1, t.1) + d(a.2, t.2)).sqrt();
            assert!(
                distance > 60.0,
                "{name}: accent {} is text {}",
                a.hex(),
                t.hex()
            );
        }
    }

    #[test]
    fn contrast_matches_wcag_reference_values() {
        assert!((Rgb(0, 0, 0).contrast(Rgb(255, 255, 255)) - 21.0).abs() < 1e-9);
        assert!((Rgb(0x76, 0x76, 0x76).contrast(Rgb(255, 255, 255)) - 4.54).abs() < 0.01);
    }

    #[test]
    fn bad_colour_is_located() {
        let mut sources = Sources::default();
        let f = sources.add("t.yaml", None, String::new());
        let yaml = "palette:\n  background: \"#zzz\"\n";
        let err = parse_spec(f, yaml).err().unwrap();
        assert!(err[0].message.contains("#zzz"));
        assert_eq!(
            err[0].span.as_ref().unwrap().range.start,
            yaml.find("\"#zzz").unwrap()
        );
    }
}
