//! terroir-dossier: printed documents. `render(&DossierView)` turns a brand-promotion dossier's
//! data into PDF bytes: pure, no IO, no clock.
//!
//! - [`layout`]: the page-layout engine (flow, justified CJK paragraphs, tables that break
//!   across pages, images, running headers/footers), reused by every printed document;
//! - [`linebreak`]: Chinese line breaking (禁则) with whole Latin words;
//! - [`font`]: the bundled Noto Sans SC faces and the coverage check;
//! - [`pdf`]: PDF output with subset CID fonts and pass-through JPEGs;
//! - [`photo`]: print-ready photo derivatives (made once, when a photo is added);
//! - [`qr`]: QR codes as vector squares;
//! - [`template`]: the GI dossier's pages; [`view`]: the data it prints;
//! - [`catalogue`]: a candidate's evidence catalogue; [`letter`]: letters a clerk sends.

pub mod catalogue;
pub mod error;
pub mod font;
pub mod layout;
pub mod letter;
pub mod linebreak;
pub mod pdf;
pub mod photo;
pub mod qr;
pub mod report;
pub mod template;
pub mod view;

pub use error::{Error, Result};
pub use view::{AreaView, DossierView, PhotoView, ProtectionView, UserRow};

/// Check a dossier before printing: every field must be printable in the bundled fonts and
/// free of the banned 驰名商标 wording (promotion material, Trademark Law art. 14(5)).
pub fn check(view: &DossierView) -> Result<()> {
    let fonts = font::Fonts::get();
    for (field, text) in view.text_fields() {
        terroir_core::wording::check_promotion_text(&field, text)?;
        fonts.check(&field, text)?;
    }
    Ok(())
}

/// Print a brand-promotion dossier.
pub fn render(view: &DossierView) -> Result<Vec<u8>> {
    check(view)?;
    pdf::write(&template::layout(view))
}
