//! Pictures of an imported slide: each one checked, and one from the web,
//! outside the deck's folder or missing taken out (with its attributes)
//! and reported, so that the outline builds as it is.

use std::ops::Range;
use std::path::Path;

use pulldown_cmark::{Event, Options, Parser, Tag};

use super::report::Report;
use super::source::Line;

/// Checks the pictures of a block's lines, found as CommonMark finds them
/// (across lines, in tables, with links in their alt text): a picture that
/// cannot be used is blanked out of its lines, which keep their numbers.
pub fn check(lines: &mut [Line], dir: &Path, report: &mut Report) {
    if !lines.iter().any(|l| l.text.contains("![")) {
        return;
    }
    let mut text = String::new();
    let mut starts = Vec::with_capacity(lines.len());
    for l in lines.iter() {
        starts.push(text.len());
        text.push_str(&l.text);
        text.push('\n');
    }
    let line_of = |at: usize| starts.partition_point(|&s| s <= at).saturating_sub(1);
    let mut cuts: Vec<Range<usize>> = Vec::new();
    let mut renames: Vec<(Range<usize>, String)> = Vec::new();
    let options = Options::ENABLE_TABLES | Options::ENABLE_MATH;
    for (event, range) in Parser::new_ext(&text, options).into_offset_iter() {
        let Event::Start(Tag::Image { dest_url, .. }) = event else {
            continue;
        };
        let no = lines[line_of(range.start)].no;
        match picture(&dest_url, no, dir, report) {
            Some(p) if p == *dest_url => {}
            Some(p) => {
                if let Some(k) = text[range.clone()].rfind(&*dest_url) {
                    let at = range.start + k;
                    renames.push((at..at + dest_url.len(), p));
                }
            }
            None => {
                let mut end = range.end;
                if text[end..].starts_with('{') {
                    end += text[end..].find('}').map_or(0, |c| c + 1);
                }
                cuts.push(range.start..end);
            }
        }
    }
    let mut edits: Vec<(Range<usize>, String)> = renames;
    edits.extend(cuts.into_iter().map(|r| (r, String::new())));
    edits.sort_by_key(|(r, _)| std::cmp::Reverse(r.start));
    for (range, with) in edits {
        let (first, last) = (
            line_of(range.start),
            line_of(range.end.saturating_sub(1).max(range.start)),
        );
        for k in first..=last {
            let line_start = starts[k];
            let line_end = line_start + lines[k].text.len();
            let a = range.start.max(line_start) - line_start;
            let b = range.end.min(line_end) - line_start;
            if a <= b && b <= lines[k].text.len() {
                let insert = if k == first { with.as_str() } else { "" };
                lines[k].text.replace_range(a..b, insert);
            }
        }
    }
}

/// A picture's path as the outline can use it, or `None` (reported).
pub fn picture(path: &str, no: usize, dir: &Path, report: &mut Report) -> Option<String> {
    let path = path.trim();
    if path.contains("://") || path.starts_with("data:") || path.starts_with("//") {
        report.add(no, "image", format!("`{path}` is on the web: not fetched"));
        return None;
    }
    let rel = path.trim_start_matches('/');
    let public = format!("public/{rel}");
    let inside = |p: &str| crate::world::sandbox::join_inside(Path::new(""), Path::new(p));
    let candidates = [path.to_string(), public];
    for candidate in candidates {
        if candidate.starts_with('/') {
            continue;
        }
        if inside(&candidate).is_some() && dir.join(&candidate).is_file() {
            return Some(candidate);
        }
    }
    let why = if inside(path).is_none() {
        "is outside the deck's folder"
    } else {
        "is not in the deck's folder"
    };
    report.add(no, "image", format!("`{path}` {why}: left out"));
    None
}
