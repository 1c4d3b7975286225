//! PNG export: one image per page, rendered in parallel with typst-render,
//! and an overview sheet of every slide as numbered thumbnails.

use std::path::{Path, PathBuf};

use image::{Rgba, RgbaImage};
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

/// Composes an overview sheet: the given pages as thumbnails in a grid, each
/// with its slide number in a badge.
pub fn overview(document: &PagedDocument, pages: &[(usize, String)], columns: u32) -> RgbaImage {
    const THUMB_W: f64 = 320.0;
    const GAP: u32 = 24;
    let Some(first) = document.pages().first() else {
        return RgbaImage::new(1, 1);
    };
    let dpi = THUMB_W / first.frame.width().to_pt() * 72.0;
    let thumbs: Vec<(RgbaImage, &str)> = pages
        .par_iter()
        .filter_map(|(i, label)| {
            document
                .pages()
                .get(*i)
                .map(|p| (render(p, dpi), label.as_str()))
        })
        .collect();
    let (tw, th) = thumbs.first().map_or((1, 1), |(t, _)| t.dimensions());
    let columns = columns.max(1);
    let rows = (thumbs.len() as u32).div_ceil(columns);
    let mut sheet = RgbaImage::from_pixel(
        GAP + columns * (tw + GAP),
        GAP + rows * (th + GAP),
        Rgba([236, 238, 242, 255]),
    );
    for (n, (thumb, label)) in thumbs.iter().enumerate() {
        let (c, r) = (n as u32 % columns, n as u32 / columns);
        let (x, y) = (GAP + c * (tw + GAP), GAP + r * (th + GAP));
        fill(
            &mut sheet,
            x - 1,
            y - 1,
            tw + 2,
            th + 2,
            Rgba([180, 186, 196, 255]),
        );
        image::imageops::overlay(&mut sheet, thumb, i64::from(x), i64::from(y));
        badge(&mut sheet, x + tw, y + th, label);
    }
    sheet
}

/// Fills a rectangle, clipped to the image.
fn fill(img: &mut RgbaImage, x: u32, y: u32, w: u32, h: u32, color: Rgba<u8>) {
    for yy in y..(y + h).min(img.height()) {
        for xx in x..(x + w).min(img.width()) {
            img.put_pixel(xx, yy, color);
        }
    }
}

/// 3×5 pixel digits, one row per `u8` (three low bits).
const DIGITS: [[u8; 5]; 10] = [
    [7, 5, 5, 5, 7],
    [2, 6, 2, 2, 7],
    [7, 1, 7, 4, 7],
    [7, 1, 7, 1, 7],
    [5, 5, 7, 1, 1],
    [7, 4, 7, 1, 7],
    [7, 4, 7, 5, 7],
    [7, 1, 1, 1, 1],
    [7, 5, 7, 5, 7],
    [7, 5, 7, 1, 7],
];

/// Draws a number badge (dark box, white digits) with its bottom-right
/// corner at (right, bottom).
fn badge(img: &mut RgbaImage, right: u32, bottom: u32, label: &str) {
    const SCALE: u32 = 3;
    let digits: Vec<usize> = label
        .chars()
        .filter_map(|c| c.to_digit(10))
        .map(|d| d as usize)
        .collect();
    let w = digits.len() as u32 * 4 * SCALE + 2 * SCALE;
    let (x, y) = (right.saturating_sub(w), bottom.saturating_sub(7 * SCALE));
    fill(img, x, y, w, 7 * SCALE, Rgba([29, 36, 51, 230]));
    for (k, d) in digits.iter().enumerate() {
        for (row, bits) in DIGITS[*d].iter().enumerate() {
            for col in 0..3 {
                if bits & (4 >> col) != 0 {
                    let px = x + SCALE + (k as u32 * 4 + col) * SCALE;
                    fill(
                        img,
                        px,
                        y + SCALE + row as u32 * SCALE,
                        SCALE,
                        SCALE,
                        Rgba([255, 255, 255, 255]),
                    );
                }
            }
        }
    }
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

    #[test]
    fn badges_draw_white_pixels() {
        let mut img = RgbaImage::new(60, 40);
        badge(&mut img, 60, 40, "12");
        assert!(img.pixels().any(|p| *p == Rgba([255, 255, 255, 255])));
    }
}
