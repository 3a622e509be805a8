//! The fonts every dossier is printed in, shipped inside the binary so every machine prints the
//! same: Noto Sans SC Regular and Bold (SIL Open Font License 1.1, `fonts/OFL.txt`).
//!
//! Faces are parsed once per process (parsing is lazy and costs microseconds); advances come
//! straight from `hmtx`, which is all Chinese needs (no shaping). A character the font lacks is
//! an error naming the field and the character, never a silently dropped glyph.

use std::sync::OnceLock;

use terroir_core::Violation;
use ttf_parser::{Face, GlyphId};

static REGULAR: &[u8] = include_bytes!("../fonts/NotoSansSC-Regular.ttf");
static BOLD: &[u8] = include_bytes!("../fonts/NotoSansSC-Bold.ttf");

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Weight {
    Regular,
    Bold,
}

impl Weight {
    pub const ALL: [Weight; 2] = [Weight::Regular, Weight::Bold];

    pub(crate) fn index(self) -> usize {
        self as usize
    }
}

/// One parsed face with the metrics the layout and the PDF writer need.
#[derive(Debug)]
pub struct FontFace {
    pub data: &'static [u8],
    pub face: Face<'static>,
    pub postscript_name: &'static str,
    units_per_em: f32,
}

impl FontFace {
    fn load(data: &'static [u8], postscript_name: &'static str) -> Self {
        // The font is compiled in and tested; failing here is a build defect, not user input.
        let face = Face::parse(data, 0).expect("the bundled font parses");
        let units_per_em = f32::from(face.units_per_em());
        Self {
            data,
            face,
            postscript_name,
            units_per_em,
        }
    }

    pub fn glyph(&self, c: char) -> Option<GlyphId> {
        self.face.glyph_index(c).filter(|g| g.0 != 0)
    }

    /// Advance of a glyph in thousandths of the font size (PDF glyph space).
    pub fn advance_milli(&self, g: GlyphId) -> f32 {
        f32::from(self.face.glyph_hor_advance(g).unwrap_or(0)) * 1000.0 / self.units_per_em
    }

    /// Scale a font-unit value to thousandths of the font size.
    pub fn to_milli(&self, units: i16) -> f32 {
        f32::from(units) * 1000.0 / self.units_per_em
    }
}

/// The two faces of the dossier family.
#[derive(Debug)]
pub struct Fonts {
    faces: [FontFace; 2],
}

impl Fonts {
    /// The process-wide fonts, parsed on first use.
    pub fn get() -> &'static Fonts {
        static FONTS: OnceLock<Fonts> = OnceLock::new();
        FONTS.get_or_init(|| Fonts {
            faces: [
                FontFace::load(REGULAR, "NotoSansSC-Regular"),
                FontFace::load(BOLD, "NotoSansSC-Bold"),
            ],
        })
    }

    pub fn face(&self, w: Weight) -> &FontFace {
        &self.faces[w.index()]
    }

    /// Width of `text` at `size` points, without character spacing.
    pub fn width(&self, w: Weight, size: f32, text: &str) -> f32 {
        let face = self.face(w);
        text.chars()
            .map(|c| face.glyph(c).map_or(0.0, |g| face.advance_milli(g)))
            .sum::<f32>()
            * size
            / 1000.0
    }

    /// Refuse text the fonts cannot print, naming the field and the first missing character.
    /// Line breaks and tabs are layout, not glyphs. Both faces share one character set.
    pub fn check(&self, field: &str, text: &str) -> Result<(), Violation> {
        let face = self.face(Weight::Regular);
        match text
            .chars()
            .find(|&c| !matches!(c, '\n' | '\r' | '\t') && face.glyph(c).is_none())
        {
            None => Ok(()),
            Some(c) => Err(Violation::glyph_missing(
                if c.is_control() { '\u{FFFD}' } else { c },
                format!("U+{:04X}", c as u32),
            )
            .at(field)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn covers_rare_name_characters_and_refuses_what_it_lacks() {
        let f = Fonts::get();
        assert!(f.check("name", "喆堃䶮 信阳毛尖 GB/T 22737—2008 ①").is_ok());
        let v = f.check("users[2].name", "茶\u{E000}园").unwrap_err();
        assert_eq!(v.rule, terroir_core::Rule::GlyphMissing);
        assert_eq!(v.field.as_deref(), Some("users[2].name"));
        assert_eq!(v.params["codepoint"], "U+E000");
    }

    #[test]
    fn chinese_is_one_em_wide() {
        let f = Fonts::get();
        assert!((f.width(Weight::Regular, 10.0, "信阳") - 20.0).abs() < 0.01);
        assert!(f.width(Weight::Bold, 10.0, "abc") < 20.0);
    }
}
