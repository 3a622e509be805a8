//! Wording rules for promotion material.
//!
//! Trademark Law art. 14(5): producers and operators must not use the words 驰名商标
//! (well-known trademark) on goods, packaging or containers, or in advertising, exhibitions and
//! other commercial activity. A brand-promotion dossier is promotion material, so every field of
//! it is checked. Evidence files for recognition proceedings are not, and are not checked.

use crate::Violation;

/// The banned words, written in simplified characters.
const BANNED: [char; 4] = ['驰', '名', '商', '标'];

/// Map one character to the form the ban is matched in: full-width ASCII to ASCII, traditional
/// and variant forms of the four banned characters to simplified ones.
fn fold(c: char) -> char {
    match c {
        '馳' | '駞' => '驰',
        '標' | '摽' => '标',
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    }
}

/// Characters a writer might put between the banned characters to dodge a plain match: spaces
/// of every width, zero-width characters, punctuation and symbols.
fn is_filler(c: char) -> bool {
    c.is_whitespace()
        || c.is_ascii_punctuation()
        || matches!(
            c,
            '\u{200B}'..='\u{200F}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}'
        )
        || matches!(c, '\u{2010}'..='\u{2027}' | '\u{3000}'..='\u{303F}' | '\u{00B7}' | '\u{30FB}')
}

/// Find the banned words in `text`, also when spaced out, written in full-width or
/// traditional characters (馳名商標) or split by punctuation. Returns the offending span as
/// written, for the error message.
pub fn find_well_known_claim(text: &str) -> Option<&str> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (i, &(start, c)) in chars.iter().enumerate() {
        if fold(c) != BANNED[0] {
            continue;
        }
        let mut want = 1;
        for &(at, d) in &chars[i + 1..] {
            if fold(d) == BANNED[want] {
                want += 1;
                if want == BANNED.len() {
                    return Some(&text[start..at + d.len_utf8()]);
                }
            } else if !is_filler(fold(d)) {
                break;
            }
        }
    }
    None
}

/// Check one field of promotion material.
pub fn check_promotion_text(field: &str, text: &str) -> Result<(), Violation> {
    match find_well_known_claim(text) {
        Some(found) => Err(Violation::well_known_wording(found).at(field)),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Rule;

    #[test]
    fn finds_the_banned_words_in_every_disguise() {
        for text in [
            "荣获驰名商标称号",
            "驰 名 商 标",
            "驰\u{3000}名\u{3000}商\u{3000}标",
            "馳名商標",
            "驰名·商标",
            "驰名\u{200B}商标产品",
            "“驰名”商标",
        ] {
            assert!(find_well_known_claim(text).is_some(), "{text}");
        }
    }

    #[test]
    fn leaves_ordinary_wording_alone() {
        for text in [
            "驰名中外的信阳毛尖",
            "著名商标",
            "商标驰名",
            "驰名品牌，商标注册号 3047772",
            "",
        ] {
            assert_eq!(find_well_known_claim(text), None, "{text}");
        }
    }

    #[test]
    fn names_the_field_and_the_words_found() {
        let v = check_promotion_text("history", "曾获馳 名商標").unwrap_err();
        assert_eq!(v.field.as_deref(), Some("history"));
        assert_eq!(v.rule, Rule::WellKnownWording);
        assert_eq!(v.params["found"], "馳 名商標");
    }
}
