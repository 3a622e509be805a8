//! Normalising text as clerks type it: full-width ASCII, ideographic spaces, stray whitespace.

/// Map full-width ASCII variants (U+FF01–U+FF5E) to ASCII and the ideographic space to a space.
pub fn half_width(c: char) -> char {
    match c {
        '\u{3000}' => ' ',
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    }
}

/// Half-width, upper case, every whitespace removed: the canonical form of a code.
pub fn compact_code(input: &str) -> String {
    input
        .chars()
        .map(half_width)
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_uppercase)
        .collect()
}

/// Trim a free-text field (full-width spaces included); `None` when nothing is left.
pub fn trimmed(input: &str) -> Option<String> {
    let t = input.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}');
    (!t.is_empty()).then(|| t.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_letters_digits_and_spaces_are_normalised() {
        assert_eq!(compact_code("９１４１　１５ab c"), "914115ABC");
        assert_eq!(trimmed("\u{3000} 信阳毛尖 "), Some("信阳毛尖".into()));
        assert_eq!(trimmed(" \u{3000}"), None);
    }
}

/// A sentence in both languages of the product, for findings computed in the core (readiness
/// reasons, eligibility explanations). Serialised with the same keys as error messages.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct Bilingual {
    #[serde(rename = "zh-CN")]
    pub zh: String,
    #[serde(rename = "en-US")]
    pub en: String,
}

impl Bilingual {
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Self {
        Self {
            zh: zh.into(),
            en: en.into(),
        }
    }
}
