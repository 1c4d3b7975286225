//! PNG export: one image per page, rendered in parallel with typst-render
//! (the overview sheet, laid out by Typst, is rendered the same way).

use std::path::{Path, PathBuf};

use image::RgbaImage;
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use typst::utils::Scalar;
use typst_layout::{Page, PagedDocument};
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

/// Writes the selected pages (0-based indices) as `DIR/STEM-NN.png`, in
/// parallel, with a progress bar when `progress` is set. Returns the paths.
pub fn png_pages(
    document: &PagedDocument,
    dpi: f64,
    pages: &[usize],
    dir: &Path,
    stem: &str,
    progress: bool,
) -> std::io::Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir)?;
    let digits = document.pages().len().to_string().len().max(2);
    let bar = if progress {
        ProgressBar::new(pages.len() as u64)
    } else {
        ProgressBar::hidden()
    };
    bar.set_style(
        ProgressStyle::with_template("rendering {bar:30} {pos}/{len} pages")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let results: Vec<std::io::Result<PathBuf>> = pages
        .par_iter()
        .filter_map(|&i| document.pages().get(i).map(|p| (i, p)))
        .map(|(i, page)| {
            let path = dir.join(format!("{stem}-{:0digits$}.png", i + 1));
            let mut bytes = Vec::new();
            render(page, dpi)
                .write_to(
                    &mut std::io::Cursor::new(&mut bytes),
                    image::ImageFormat::Png,
                )
                .map_err(std::io::Error::other)?;
            super::write_atomic(&path, &bytes)?;
            bar.inc(1);
            Ok(path)
        })
        .collect();
    bar.finish_and_clear();
    results.into_iter().collect()
}

/// Parses a page selection such as `1-5,8` into sorted 0-based indices.
pub fn parse_pages(spec: &str, count: usize) -> Result<Vec<usize>, String> {
    let mut pages = Vec::new();
    for part in spec.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let (a, b) = part.split_once('-').unwrap_or((part, part));
        let parse = |s: &str, default: usize| -> Result<usize, String> {
            if s.trim().is_empty() {
                return Ok(default);
            }
            s.trim()
                .parse::<usize>()
                .map_err(|_| format!("`{part}` is not a page or a range such as 1-5"))
        };
        let (a, b) = (parse(a, 1)?, parse(b, count)?);
        if a == 0 || b < a || b > count {
            return Err(format!("pages `{part}` are outside 1-{count}"));
        }
        pages.extend(a - 1..b);
    }
    pages.sort_unstable();
    pages.dedup();
    Ok(pages)
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
