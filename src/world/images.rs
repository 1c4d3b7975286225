//! Raster images from the outline's folder: checked, and downscaled when far
//! larger than any slide needs, so the PDF stays small.

use std::io::Cursor;

use image::{ImageFormat, ImageReader};

/// The longest side, in pixels, an image on a slide ever needs (a full-width
/// 16:9 slide at about 300 dpi).
pub const MAX_SIDE: u32 = 3000;

/// Returns the image's bytes, downscaled to [`MAX_SIDE`] when it is larger,
/// in its own format. Unknown formats and SVG are passed through untouched.
pub fn fit(bytes: Vec<u8>) -> Vec<u8> {
    let Ok(reader) = ImageReader::new(Cursor::new(&bytes)).with_guessed_format() else {
        return bytes;
    };
    let Some(format) = reader.format() else {
        return bytes;
    };
    if !matches!(
        format,
        ImageFormat::Png | ImageFormat::Jpeg | ImageFormat::WebP
    ) {
        return bytes;
    }
    match reader.into_dimensions() {
        Ok((w, h)) if w.max(h) > MAX_SIDE => {}
        _ => return bytes,
    }
    let Ok(img) = image::load_from_memory_with_format(&bytes, format) else {
        return bytes;
    };
    let small = img.resize(MAX_SIDE, MAX_SIDE, image::imageops::FilterType::Lanczos3);
    let mut out = Vec::new();
    let encoded = match format {
        ImageFormat::Jpeg => small
            .to_rgb8()
            .write_to(&mut Cursor::new(&mut out), ImageFormat::Jpeg),
        _ => small.write_to(&mut Cursor::new(&mut out), ImageFormat::Png),
    };
    if encoded.is_ok() { out } else { bytes }
}

/// Checks that a file is a readable image; returns its size in pixels.
pub fn check(path: &std::path::Path) -> Result<(u32, u32), String> {
    if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("svg"))
    {
        return Ok((0, 0));
    }
    let reader = ImageReader::open(path)
        .map_err(|e| e.to_string())?
        .with_guessed_format()
        .map_err(|e| e.to_string())?;
    if reader.format().is_none() {
        return Err("not a PNG, JPEG, GIF, WebP or SVG image".into());
    }
    reader.into_dimensions().map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn huge_images_shrink_and_small_ones_stay() {
        let big = image::RgbImage::from_fn(4000, 1000, |x, y| {
            image::Rgb([(x % 256) as u8, (y % 256) as u8, 90])
        });
        let mut png = Vec::new();
        big.write_to(&mut Cursor::new(&mut png), ImageFormat::Png)
            .unwrap();
        let fitted = fit(png.clone());
        let (w, h) = image::load_from_memory(&fitted)
            .unwrap()
            .into_rgb8()
            .dimensions();
        assert_eq!((w, h), (3000, 750));
        let small = image::RgbImage::new(10, 10);
        let mut png = Vec::new();
        small
            .write_to(&mut Cursor::new(&mut png), ImageFormat::Png)
            .unwrap();
        assert_eq!(fit(png.clone()), png);
    }
}
