//! QR codes as SVG paths (the `qrcode` crate encodes; this draws): the
//! door code, personal passes.

use qrcode::{Color, EcLevel, QrCode};

/// A QR code to draw: its width in modules (with a quiet zone of four on
/// each side) and an SVG path of its dark modules, one unit each.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Drawing {
    pub size: usize,
    pub path: String,
}

const QUIET: usize = 4;

/// Encodes `text` (medium error correction); `None` if it cannot be (too
/// long for a QR code).
pub fn draw(text: &str) -> Option<Drawing> {
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M).ok()?;
    let width = code.width();
    let mut path = String::new();
    for (i, color) in code.to_colors().into_iter().enumerate() {
        if color == Color::Dark {
            let (x, y) = (i % width + QUIET, i / width + QUIET);
            path.push_str(&format!("M{x} {y}h1v1h-1z"));
        }
    }
    Some(Drawing { size: width + 2 * QUIET, path })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_door_link_draws_as_a_small_code() {
        let drawing = draw("https://oasis.example.com/?door=M799QK").unwrap();
        // Version 3 (29 modules) plus the quiet zone.
        assert_eq!(drawing.size, 29 + 8);
        assert!(drawing.path.starts_with("M4 4h1v1h-1z"), "the finder pattern's corner");
        assert!(draw(&"x".repeat(5000)).is_none(), "too long for any QR code");
    }
}
