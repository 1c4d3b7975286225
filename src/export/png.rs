//! PNG export: one image per page, rendered with typst-render (the
//! pipeline renders the pages in parallel as it writes them; the overview
//! sheet, laid out by Typst, is rendered the same way).

use image::RgbaImage;
use typst::utils::Scalar;
use typst_layout::Page;
use typst_render::RenderOptions;

/// Renders one page to RGBA pixels at `dpi`.
fn render(page: &Page, dpi: f64) -> RgbaImage {
    let options = RenderOptions {
        pixel_per_pt: Scalar::new(dpi / 72.0),
        render_bleed: false,
    };
    let pixmap = typst_render::render(page, &options);
    let (w, h) = (pixmap.width(), pixmap.height());
    RgbaImage::from_raw(w, h, pixmap.take_demultiplied()).unwrap_or_else(|| RgbaImage::new(w, h))
}

/// A page selection as written, such as `1-5,8` or `8-`: checked when the
/// command line is read, resolved against the page count after the build.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageSpec {
    /// Each part: first page (1-based) and last page (`None`: the end).
    parts: Vec<(usize, Option<usize>, String)>,
}

impl std::str::FromStr for PageSpec {
    type Err = String;

    fn from_str(spec: &str) -> Result<Self, String> {
        let mut parts = Vec::new();
        for part in spec.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (a, b) = part.split_once('-').unwrap_or((part, part));
            let number = |s: &str| -> Result<Option<usize>, String> {
                if s.trim().is_empty() {
                    return Ok(None);
                }
                match s.trim().parse::<usize>() {
                    Ok(0) | Err(_) => Err(format!("`{part}` is not a page or a range such as 1-5")),
                    Ok(n) => Ok(Some(n)),
                }
            };
            let (a, b) = (number(a)?.unwrap_or(1), number(b)?);
            if b.is_some_and(|b| b < a) {
                return Err(format!("`{part}` ends before it starts"));
            }
            parts.push((a, b, part.to_string()));
        }
        if parts.is_empty() {
            return Err("no pages given; write them as 1-5,8".into());
        }
        Ok(Self { parts })
    }
}

impl PageSpec {
    /// The selected pages as sorted 0-based indices of a document of
    /// `count` pages.
    pub fn resolve(&self, count: usize) -> Result<Vec<usize>, String> {
        let mut pages = Vec::new();
        for (a, b, part) in &self.parts {
            let b = b.unwrap_or(count);
            if b > count || *a > count {
                return Err(format!("pages `{part}` are outside 1-{count}"));
            }
            pages.extend(a - 1..b);
        }
        pages.sort_unstable();
        pages.dedup();
        Ok(pages)
    }
}

/// Renders one page of a document (such as the overview sheet) as PNG bytes.
pub fn page_png(page: &Page, dpi: f64) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    render(page, dpi)
        .write_to(
            &mut std::io::Cursor::new(&mut bytes),
            image::ImageFormat::Png,
        )
        .map_err(|e| e.to_string())?;
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Parses and resolves a page selection, as `--pages` does.
    fn parse_pages(spec: &str, count: usize) -> Result<Vec<usize>, String> {
        spec.parse::<PageSpec>()?.resolve(count)
    }

    #[test]
    fn page_selections() {
        assert_eq!(parse_pages("1-3,5", 10).unwrap(), vec![0, 1, 2, 4]);
        assert_eq!(parse_pages("8-", 10).unwrap(), vec![7, 8, 9]);
        assert_eq!(parse_pages("2,2,1", 10).unwrap(), vec![0, 1]);
        assert!(parse_pages("0", 10).is_err());
        assert!(parse_pages("5-3", 10).is_err());
        assert!(parse_pages("11", 10).is_err());
        assert!(parse_pages("x", 10).is_err());
    }
}
