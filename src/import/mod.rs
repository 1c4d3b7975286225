//! `lectern import`: a Marp, Slidev, Quarto or Pandoc Markdown deck into a
//! lectern outline, with a report of what was dropped or approximated.
//!
//! The deck is read ([`source`]: front matter, dialect, slides), each
//! slide converted ([`slide`]: title, layouts, steps, notes), and the
//! outline written ([`yaml`]) with its slide bodies as `markdown:` blocks.
//! The result is then read back by lectern's own outline parser: an error
//! there is a bug of the import and writes nothing; a warning goes into
//! the report at its line in the original. Both files are written whole,
//! through a temporary file, or not at all.

mod html;
mod lists;
mod pictures;
mod report;
mod slide;
mod source;
#[cfg(test)]
mod tests;
mod yaml;

use std::path::{Path, PathBuf};

pub use self::report::{Finding, Report};
pub use self::source::Dialect;
use self::source::{Front, Line};
use self::yaml::Meta;

/// The largest deck `import` reads.
pub const MAX_DECK_BYTES: u64 = 2 * 1024 * 1024;

/// What an import wrote.
#[derive(Debug)]
pub struct Imported {
    /// The outline.
    pub outline: PathBuf,
    /// The report beside it.
    pub report_path: PathBuf,
    /// The report.
    pub report: Report,
    /// The dialect the deck was read as.
    pub dialect: Dialect,
    /// How many slides the outline holds.
    pub slides: usize,
}

/// Imports `deck` into an outline beside it (or at `output`, in the same
/// folder); existing files are replaced only with `force`.
pub fn import(deck: &Path, output: Option<&Path>, force: bool) -> Result<Imported, String> {
    let ext = deck.extension().and_then(|e| e.to_str()).unwrap_or("");
    if !["md", "markdown", "qmd", "rmd"].contains(&ext.to_ascii_lowercase().as_str()) {
        return Err(format!(
            "{} is not a Markdown deck: import reads .md (Marp, Slidev, Pandoc) and .qmd (Quarto)",
            deck.display()
        ));
    }
    let bytes = crate::world::sandbox::read_capped(deck, MAX_DECK_BYTES).map_err(|e| {
        format!(
            "cannot read {} ({e}); import reads decks of at most {} MB",
            deck.display(),
            MAX_DECK_BYTES >> 20
        )
    })?;
    let text = String::from_utf8_lossy(&bytes);
    let dir = deck
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let (outline, report_path) = targets(deck, dir, output, force)?;
    let mut report = Report::default();
    let (yaml, dialect, slides) = convert(&text, ext, dir, deck, &mut report)?;
    check(&yaml, &outline, &mut report)?;
    let name = |p: &Path| {
        p.file_name()
            .map_or(String::new(), |n| n.to_string_lossy().into_owned())
    };
    let rendered = report.render(&name(deck), &name(&outline), slides);
    write_whole(&outline, yaml.text.as_bytes())?;
    write_whole(&report_path, rendered.as_bytes())?;
    Ok(Imported {
        outline,
        report_path,
        report,
        dialect,
        slides,
    })
}

/// The outline's and the report's paths: in the deck's folder, not
/// replacing anything without `force`.
fn targets(
    deck: &Path,
    dir: &Path,
    output: Option<&Path>,
    force: bool,
) -> Result<(PathBuf, PathBuf), String> {
    let stem = deck
        .file_stem()
        .map_or("deck".into(), |s| s.to_string_lossy().into_owned());
    let outline = match output {
        Some(o) => {
            let parent = o
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(Path::new("."));
            let same = |a: &Path, b: &Path| match (a.canonicalize(), b.canonicalize()) {
                (Ok(a), Ok(b)) => a == b,
                _ => false,
            };
            if !same(parent, dir) {
                return Err(format!(
                    "{} is not in the deck's folder ({}): the outline goes beside the deck, so that its pictures are found where they are",
                    o.display(),
                    dir.display()
                ));
            }
            o.to_path_buf()
        }
        None => dir.join(format!("{stem}.yaml")),
    };
    let report = outline.with_extension("import.md");
    for path in [&outline, &report] {
        if path.exists() && !force {
            return Err(format!(
                "{} exists: pass --force to replace it, or -o to name another file",
                path.display()
            ));
        }
    }
    Ok((outline, report))
}

/// Converts the deck's text: the outline, the dialect and the slide count.
fn convert(
    text: &str,
    ext: &str,
    dir: &Path,
    deck: &Path,
    report: &mut Report,
) -> Result<(yaml::Writer, Dialect, usize), String> {
    let lines = source::lines(text);
    let (front, body_start) = source::front_matter(&lines, report);
    let body = &lines[body_start..];
    let dialect = source::dialect(ext, front.as_ref(), body);
    let raws = match dialect {
        Dialect::Marp | Dialect::Slidev => source::split_rules(body, dialect == Dialect::Slidev),
        Dialect::Quarto | Dialect::Pandoc => source::split_headings(body),
    };
    if raws.len() < 2 {
        return Err(format!(
            "{} has no slide breaks (`---` lines, or `#`/`##` headings): it does not look like a slide deck",
            deck.display()
        ));
    }
    let raws: Vec<source::RawSlide> = raws.into_iter().filter(|raw| shown(raw, report)).collect();
    let mut slides: Vec<slide::Slide> = Vec::new();
    for raw in &raws {
        let s = slide::convert(raw, dialect, dir, report);
        if s.title.is_none() && s.section.is_none() && s.parts.is_empty() {
            report.add(
                s.line,
                "empty slide",
                "nothing on it could be imported: left out".into(),
            );
        } else {
            slides.push(s);
        }
    }
    let front = front.unwrap_or_default();
    let mut meta = meta(&front, text, deck, report);
    title_page(dialect, &mut slides, &raws, &front, &mut meta, report);
    let mut writer = yaml::Writer::default();
    writer.deck(&meta, &slides);
    Ok((writer, dialect, slides.len()))
}

/// Whether a slide is imported: Slidev's hidden slides (`hide: true`) and
/// slides taken from other files (`src:`) are not, and are reported.
fn shown(raw: &source::RawSlide, report: &mut Report) -> bool {
    if raw.front.get("hide").is_some_and(|h| h == "true") {
        report.add(raw.line, "hidden slide", "`hide: true`: left out".into());
        return false;
    }
    if let Some(src) = raw.front.get("src") {
        report.add(
            raw.line,
            "slide from another file",
            format!("`src: {src}` is not imported"),
        );
        return false;
    }
    true
}

/// The deck's metadata from its front matter.
fn meta(front: &Front, text: &str, deck: &Path, report: &mut Report) -> Meta {
    let cjk = text
        .chars()
        .filter(|c| crate::world::fonts::is_cjk(*c))
        .count();
    let lang = front
        .get("lang")
        .map(|l| {
            l.split(['-', '_'])
                .next()
                .unwrap_or("en")
                .to_ascii_lowercase()
        })
        .unwrap_or_else(|| {
            if cjk * 20 > text.len() / 3 {
                "zh".into()
            } else {
                "en".into()
            }
        });
    let date = front.get("date").filter(|d| {
        let b = d.as_bytes();
        b.len() == 10
            && b[4] == b'-'
            && b[7] == b'-'
            && d.replace('-', "").chars().all(|c| c.is_ascii_digit())
    });
    let mut clean = |key: &str| {
        front
            .get(key)
            .map(|v| html::plain_line(v, 1, report))
            .filter(|v| !v.is_empty())
    };
    Meta {
        title: clean("title").unwrap_or_else(|| {
            deck.file_stem()
                .map_or("Slides".into(), |s| s.to_string_lossy().into_owned())
        }),
        subtitle: clean("subtitle"),
        author: clean("author"),
        date: date.map(str::to_string),
        lang,
    }
}

/// Marp's `_class: lead` first slide and Slidev's cover become the deck's
/// title page: its heading the title (unless the front matter has one),
/// its text the subtitle.
fn title_page(
    dialect: Dialect,
    slides: &mut Vec<slide::Slide>,
    raws: &[source::RawSlide],
    front: &Front,
    meta: &mut Meta,
    report: &mut Report,
) {
    let (Some(first), Some(raw)) = (slides.first(), raws.first()) else {
        return;
    };
    let lead = raw.lines.iter().any(|l| {
        let t = l.text.replace(' ', "");
        t.contains("_class:lead") || t.contains("_class:title")
    });
    let is_cover = match dialect {
        Dialect::Marp => lead,
        // Slidev's first slide is the cover, unless it comes from another
        // file (`src:` in the headmatter) or has settings of its own (it is
        // then a later slide: the cover was empty).
        Dialect::Slidev => {
            front.get("src").is_none() && raw.front.values.is_empty() && short(&first.parts)
        }
        _ => false,
    };
    if !is_cover || first.title.is_none() {
        return;
    }
    let first = slides.remove(0);
    if front.get("title").is_none()
        && let Some(t) = &first.title
    {
        meta.title = yaml::title_markup(t);
    }
    let rest: Vec<String> = first
        .parts
        .iter()
        .flat_map(|p| match p {
            slide::Part::Md(lines) => lines.clone(),
            _ => Vec::new(),
        })
        .map(|l: Line| {
            let text = html::strip_tags(&html::strip_comments(&l.text)).replace("<br>", " ");
            text.trim().trim_start_matches('#').trim().to_string()
        })
        .filter(|t| !t.is_empty() && !t.starts_with('!'))
        .collect();
    if meta.subtitle.is_none() && !rest.is_empty() {
        meta.subtitle = Some(rest.join(" · "));
    }
    report.add(
        first.line,
        "title slide",
        "became the deck's title page".into(),
    );
}

/// Whether a slide holds a few short lines at most (a cover).
fn short(parts: &[slide::Part]) -> bool {
    parts.iter().all(|p| matches!(p, slide::Part::Md(l) if l.iter().filter(|l| !l.text.trim().is_empty()).count() <= 4))
}

/// Reads the outline back with lectern's own parser: an error is a bug of
/// the import (nothing is written); a warning goes into the report at its
/// original line.
fn check(yaml: &yaml::Writer, outline: &Path, report: &mut Report) -> Result<(), String> {
    let mut sources = crate::diagnostics::Sources::default();
    let name = outline.display().to_string();
    let file = sources.add(name, None, yaml.text.clone());
    let source = sources.get(file);
    let diags = match crate::outline::parse(file, source) {
        Ok((_, warnings)) => warnings,
        Err(errors) => {
            let first = errors
                .iter()
                .find(|d| d.is_error())
                .map_or(String::new(), |d| {
                    let line = d
                        .span
                        .as_ref()
                        .map_or(0, |s| source.line_col(s.range.start).0);
                    format!("{} (outline line {line})", d.message)
                });
            return Err(format!(
                "the imported outline does not read back: {first}; please report this deck"
            ));
        }
    };
    for d in diags {
        let line = d
            .span
            .as_ref()
            .map_or(0, |s| source.line_col(s.range.start).0);
        let original = yaml
            .origin
            .get(line.saturating_sub(1))
            .copied()
            .unwrap_or(0);
        report.add(original, "approximated", d.message.clone());
    }
    Ok(())
}

/// Writes a file whole: through a temporary file beside it, renamed into
/// place.
fn write_whole(path: &Path, bytes: &[u8]) -> Result<(), String> {
    use std::io::Write as _;
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let fail = |e: std::io::Error| format!("cannot write {}: {e}", path.display());
    let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(fail)?;
    tmp.write_all(bytes).map_err(fail)?;
    tmp.persist(path).map_err(|e| fail(e.error))?;
    Ok(())
}
