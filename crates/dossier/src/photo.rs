//! Print-ready photos, prepared once when a photo is added to a record.
//!
//! The photo's header is read first and its dimensions checked against [`MAX_PIXELS`] and
//! [`MAX_SIDE`] before any pixel buffer exists, so a hostile 20000×20000 PNG costs a few
//! kilobytes to refuse. Decoding runs under explicit `image::Limits`. EXIF orientation is
//! applied; CMYK, grayscale and 16-bit inputs come out as 8-bit RGB or gray. The result is
//! resized to at most 300 dpi at the largest size a dossier places a photo and encoded as JPEG
//! once; printing passes those bytes through unchanged.

use std::io::Cursor;

use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits};
use terroir_core::Violation;

use crate::layout::{Jpeg, MM};

/// Largest side a photo may have, in pixels.
pub const MAX_SIDE: u32 = 12_000;
/// Largest photo, in pixels (a 50-megapixel camera).
pub const MAX_PIXELS: u64 = 50_000_000;
/// Decoder allocation ceiling: a 50-megapixel RGB image plus headroom.
const MAX_ALLOC: u64 = 200 * 1024 * 1024;
/// The largest box a dossier places a photo in: the full text width (170 mm) by 120 mm.
pub const PLACED_MM: (f32, f32) = (170.0, 120.0);
/// Print resolution ceiling.
pub const DPI: f32 = 300.0;
const QUALITY: u8 = 85;

/// Pixel size of the print-ready derivative: at most 300 dpi in the largest placed box.
pub fn print_size(width: u32, height: u32) -> (u32, u32) {
    let max_w = (PLACED_MM.0 * MM / 72.0 * DPI).round();
    let max_h = (PLACED_MM.1 * MM / 72.0 * DPI).round();
    let scale = (max_w / width as f32).min(max_h / height as f32).min(1.0);
    (
        ((width as f32 * scale).round() as u32).max(1),
        ((height as f32 * scale).round() as u32).max(1),
    )
}

/// Decode, check, orient, resize and encode a photo. `name` is only used in messages.
pub fn prepare(bytes: &[u8], name: &str) -> Result<Jpeg, Violation> {
    let not_image = || Violation::photo_not_image(name);
    let format = image::guess_format(bytes).map_err(|_| not_image())?;
    if !matches!(format, ImageFormat::Jpeg | ImageFormat::Png) {
        return Err(not_image());
    }
    let damaged = |e: image::ImageError| Violation::photo_truncated(name, e);
    // A JPEG cut short still decodes to a grey-filled picture: require its end marker.
    if format == ImageFormat::Jpeg && !jpeg_complete(bytes) {
        return Err(Violation::photo_truncated(
            name,
            "the JPEG end marker is missing",
        ));
    }
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_ALLOC);
    reader.limits(limits);
    let mut decoder = match reader.into_decoder() {
        Ok(d) => d,
        Err(image::ImageError::Limits(_)) => return Err(too_large(bytes, format, name)),
        Err(e) => return Err(damaged(e)),
    };
    let (w, h) = decoder.dimensions();
    if w > MAX_SIDE || h > MAX_SIDE || u64::from(w) * u64::from(h) > MAX_PIXELS {
        return Err(too_large_dims(name, w, h));
    }
    let orientation = decoder.orientation().map_err(damaged)?;
    let mut img = DynamicImage::from_decoder(decoder).map_err(|e| match e {
        image::ImageError::Limits(_) => too_large_dims(name, w, h),
        e => damaged(e),
    })?;
    img.apply_orientation(orientation);
    let gray = matches!(
        img.color(),
        image::ColorType::L8
            | image::ColorType::L16
            | image::ColorType::La8
            | image::ColorType::La16
    );
    let (tw, th) = print_size(img.width(), img.height());
    if (tw, th) != (img.width(), img.height()) {
        // Area averaging: fast, and as good as a filter for reducing a camera photo.
        img = img.thumbnail_exact(tw, th);
    }
    let img = if gray {
        DynamicImage::ImageLuma8(img.to_luma8())
    } else {
        DynamicImage::ImageRgb8(img.to_rgb8())
    };
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, QUALITY)
        .encode_image(&img)
        .map_err(damaged)?;
    Ok(Jpeg {
        data: out,
        width: img.width(),
        height: img.height(),
        gray,
    })
}

fn jpeg_complete(bytes: &[u8]) -> bool {
    let end = bytes.len() - bytes.iter().rev().take_while(|&&b| b == 0).count();
    end >= 4 && bytes[end - 2..end] == [0xFF, 0xD9]
}

fn too_large_dims(name: &str, w: u32, h: u32) -> Violation {
    Violation::photo_too_large(
        name,
        w,
        h,
        format!("{MAX_SIDE}×{MAX_SIDE}, {} MP", MAX_PIXELS / 1_000_000),
    )
}

/// Name the dimensions of a photo the decoder refused on its limits, reading only the header.
fn too_large(bytes: &[u8], format: ImageFormat, name: &str) -> Violation {
    let dims = ImageReader::with_format(Cursor::new(bytes), format)
        .into_dimensions()
        .unwrap_or((0, 0));
    too_large_dims(name, dims.0, dims.1)
}

/// Read back a stored print-ready JPEG's size and colour without decoding its pixels.
pub fn inspect_jpeg(data: Vec<u8>) -> Option<Jpeg> {
    let d = image::codecs::jpeg::JpegDecoder::new(Cursor::new(&data)).ok()?;
    let (width, height) = d.dimensions();
    let gray = matches!(d.color_type(), image::ColorType::L8);
    Some(Jpeg {
        data,
        width,
        height,
        gray,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{ImageBuffer, Rgb};

    fn png(w: u32, h: u32) -> Vec<u8> {
        let img = ImageBuffer::from_fn(w, h, |x, y| Rgb([(x % 256) as u8, (y % 256) as u8, 90]));
        let mut out = Cursor::new(vec![]);
        DynamicImage::ImageRgb8(img)
            .write_to(&mut out, ImageFormat::Png)
            .unwrap();
        out.into_inner()
    }

    #[test]
    fn resizes_to_300_dpi_at_the_placed_size() {
        let j = prepare(&png(4000, 3000), "a.png").unwrap();
        assert_eq!((j.width, j.height), print_size(4000, 3000));
        assert!(j.width <= 2008 && j.height <= 1418);
        assert_eq!(&j.data[..2], &[0xFF, 0xD8]);
        let small = prepare(&png(300, 200), "b.png").unwrap();
        assert_eq!((small.width, small.height), (300, 200), "never enlarged");
    }

    #[test]
    fn refuses_what_is_not_a_whole_image_with_distinct_rules() {
        let text = prepare(b"this is not a photo at all", "x.jpg").unwrap_err();
        assert_eq!(text.rule, terroir_core::Rule::PhotoNotImage);
        let mut jpeg = prepare(&png(640, 480), "c.png").unwrap().data;
        jpeg.truncate(jpeg.len() / 3);
        let cut = prepare(&jpeg, "cut.jpg").unwrap_err();
        assert_eq!(cut.rule, terroir_core::Rule::PhotoTruncated, "{cut}");
    }
}
