//! Raster images: checked from their header against a pixel budget before
//! anything decodes them, so an image declaring more pixels than the budget
//! (a decompression bomb) never reaches a decoder, ours or Typst's. PNG,
//! JPEG and WebP images far larger than any slide needs are downscaled
//! (decoded under explicit limits), so the PDF stays small; GIF and SVG pass
//! through as they are.

use std::io::Cursor;
use std::path::Path;

use image::{ImageFormat, ImageReader, Limits};

/// The longest side, in pixels, an image on a slide ever needs (a full-width
/// 16:9 slide at about 300 dpi).
pub const MAX_SIDE: u32 = 3000;

/// The most pixels an input image may declare: 40 megapixels.
pub const MAX_PIXELS: u64 = 40_000_000;

/// The most memory one decode may allocate.
const MAX_ALLOC: u64 = 512 * 1024 * 1024;

/// Why an image cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImageError {
    /// Its header declares more pixels than [`MAX_PIXELS`].
    TooManyPixels {
        /// Width in pixels.
        width: u32,
        /// Height in pixels.
        height: u32,
    },
    /// It is not an image we can read.
    Unreadable(String),
}

impl std::fmt::Display for ImageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::TooManyPixels { width, height } => write!(
                f,
                "{width} × {height} pixels is above the {}-megapixel limit",
                MAX_PIXELS / 1_000_000
            ),
            Self::Unreadable(e) => f.write_str(e),
        }
    }
}

/// Whether a path names a vector image (passed through untouched).
fn is_svg(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("svg"))
}

/// Whether a path names a raster image by its extension.
pub fn is_raster(path: &Path) -> bool {
    path.extension().is_some_and(|e| {
        ["png", "jpg", "jpeg", "gif", "webp"]
            .iter()
            .any(|x| e.eq_ignore_ascii_case(x))
    })
}

/// Reads an image's format and size from its header, without decoding it.
fn header(bytes: &[u8]) -> Result<(ImageFormat, u32, u32), ImageError> {
    let reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| ImageError::Unreadable(e.to_string()))?;
    let format = reader
        .format()
        .ok_or_else(|| ImageError::Unreadable("not a PNG, JPEG, GIF, WebP or SVG image".into()))?;
    let (w, h) = reader
        .into_dimensions()
        .map_err(|e| ImageError::Unreadable(e.to_string()))?;
    Ok((format, w, h))
}

/// Checks an image's bytes: readable, and within the pixel budget. Returns
/// its size in pixels (zero for SVG).
pub fn check(path: &Path, bytes: &[u8]) -> Result<(u32, u32), ImageError> {
    if is_svg(path) {
        return Ok((0, 0));
    }
    let (_, width, height) = header(bytes)?;
    if u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(ImageError::TooManyPixels { width, height });
    }
    Ok((width, height))
}

/// Returns the image's bytes, downscaled to [`MAX_SIDE`] when it is larger.
/// Refuses images above the pixel budget. Decoding runs under explicit
/// [`Limits`]. Formats we do not re-encode (GIF, SVG) pass through.
pub fn fit(path: &Path, bytes: Vec<u8>) -> Result<Vec<u8>, ImageError> {
    let (w, h) = check(path, &bytes)?;
    if is_svg(path) || w.max(h) <= MAX_SIDE {
        return Ok(bytes);
    }
    let (format, _, _) = header(&bytes)?;
    if !matches!(
        format,
        ImageFormat::Png | ImageFormat::Jpeg | ImageFormat::WebP
    ) {
        return Ok(bytes);
    }
    let mut reader = ImageReader::with_format(Cursor::new(&bytes), format);
    let mut limits = Limits::default();
    limits.max_image_width = Some(w);
    limits.max_image_height = Some(h);
    limits.max_alloc = Some(MAX_ALLOC);
    reader.limits(limits);
    let img = reader
        .decode()
        .map_err(|e| ImageError::Unreadable(e.to_string()))?;
    let small = img.resize(MAX_SIDE, MAX_SIDE, image::imageops::FilterType::Triangle);
    let mut out = Vec::new();
    let encoded = match format {
        ImageFormat::Jpeg => small
            .to_rgb8()
            .write_to(&mut Cursor::new(&mut out), ImageFormat::Jpeg),
        _ => small.write_to(&mut Cursor::new(&mut out), ImageFormat::Png),
    };
    encoded.map_err(|e| ImageError::Unreadable(e.to_string()))?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(w: u32, h: u32) -> Vec<u8> {
        let img = image::RgbImage::from_fn(w, h, |x, y| {
            image::Rgb([(x % 256) as u8, (y % 256) as u8, 90])
        });
        let mut png = Vec::new();
        img.write_to(&mut Cursor::new(&mut png), ImageFormat::Png)
            .unwrap();
        png
    }

    #[test]
    fn huge_images_shrink_and_small_ones_stay() {
        let p = Path::new("a.png");
        let fitted = fit(p, png(4000, 1000)).unwrap();
        let (w, h) = image::load_from_memory(&fitted)
            .unwrap()
            .into_rgb8()
            .dimensions();
        assert_eq!((w, h), (3000, 750));
        let small = png(10, 10);
        assert_eq!(fit(p, small.clone()).unwrap(), small);
    }

    #[test]
    fn a_bomb_is_refused_from_its_header() {
        // A PNG whose header declares 30000 × 30000 pixels (57 bytes).
        let bomb = include_bytes!("../../tests/fixtures/bomb/bomb.png").to_vec();
        let err = check(Path::new("bomb.png"), &bomb).unwrap_err();
        assert_eq!(
            err,
            ImageError::TooManyPixels {
                width: 30_000,
                height: 30_000
            }
        );
        assert!(fit(Path::new("bomb.png"), bomb).is_err());
    }
}
