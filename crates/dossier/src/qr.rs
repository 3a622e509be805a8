//! QR codes drawn as vector squares (crisp at any print size, a few hundred bytes).

use qrcode::{Color, EcLevel, QrCode};

use crate::layout::{Item, Page, Rgb};

/// Draw `text` as a QR code of side `size` points with its top-left corner at (x, y).
/// Returns false when the text is too long for any QR version.
pub fn draw(page: &mut Page, x: f32, y: f32, size: f32, text: &str) -> bool {
    let Ok(code) = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M) else {
        return false;
    };
    let n = code.width();
    let quiet = 2; // quiet-zone modules on each side (white background drawn by the caller)
    let module = size / (n + 2 * quiet) as f32;
    let colors = code.to_colors();
    for row in 0..n {
        // Merge each horizontal run of dark modules into one rectangle.
        let mut col = 0;
        while col < n {
            if colors[row * n + col] == Color::Dark {
                let start = col;
                while col < n && colors[row * n + col] == Color::Dark {
                    col += 1;
                }
                page.items.push(Item::Rect {
                    x: x + (start + quiet) as f32 * module,
                    y: y + (row + quiet) as f32 * module,
                    w: (col - start) as f32 * module + 0.05,
                    h: module + 0.05,
                    fill: Some(Rgb(0.0, 0.0, 0.0)),
                    stroke: None,
                });
            } else {
                col += 1;
            }
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draws_modules_and_refuses_overlong_text() {
        let mut page = Page::default();
        assert!(draw(
            &mut page,
            0.0,
            0.0,
            80.0,
            "terroir:gi:0190a1b2 信阳毛尖"
        ));
        assert!(page.items.len() > 20);
        assert!(!draw(
            &mut Page::default(),
            0.0,
            0.0,
            80.0,
            &"x".repeat(5000)
        ));
    }
}
