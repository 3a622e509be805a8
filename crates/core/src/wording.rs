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
    claims(text).next().map(|(start, end)| &text[start..end])
}

/// The byte spans of every use of the banned words in `text`, in order, not overlapping.
fn claims(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut from = 0;
    std::iter::from_fn(move || {
        let rest = &text[from..];
        for (i, c) in rest.char_indices() {
            if fold(c) != BANNED[0] {
                continue;
            }
            let mut want = 1;
            for (at, d) in rest[i + c.len_utf8()..].char_indices() {
                if fold(d) == BANNED[want] {
                    want += 1;
                    if want == BANNED.len() {
                        let start = from + i;
                        let end = from + i + c.len_utf8() + at + d.len_utf8();
                        from = end;
                        return Some((start, end));
                    }
                } else if !is_filler(fold(d)) {
                    break;
                }
            }
        }
        from = text.len();
        None
    })
}

/// Where in a document a piece of text is.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    serde::Serialize,
    serde::Deserialize,
    ts_rs::TS,
)]
#[ts(export)]
#[serde(tag = "part", rename_all = "snake_case")]
pub enum TextPlace {
    /// Pasted text, or a plain-text file.
    Text,
    /// A Word document's body, its text boxes included.
    Body,
    Header {
        n: u32,
    },
    Footer {
        n: u32,
    },
    Footnotes,
    Endnotes,
    Comments,
    /// A PDF page, from 1.
    Page {
        n: u32,
    },
}

impl TextPlace {
    /// The order a reader meets the places of a document in.
    pub fn order(self) -> u8 {
        match self {
            TextPlace::Text | TextPlace::Page { .. } | TextPlace::Body => 0,
            TextPlace::Header { .. } => 1,
            TextPlace::Footer { .. } => 2,
            TextPlace::Footnotes => 3,
            TextPlace::Endnotes => 4,
            TextPlace::Comments => 5,
        }
    }

    /// The place in words: 第 3 页 / page 3.
    pub fn label(self, lang: crate::error::Lang) -> String {
        use crate::error::Lang::{En, Zh};
        match (self, lang) {
            (TextPlace::Text, Zh) => "文本".into(),
            (TextPlace::Text, En) => "text".into(),
            (TextPlace::Body, Zh) => "正文".into(),
            (TextPlace::Body, En) => "body".into(),
            (TextPlace::Header { n }, Zh) => format!("页眉 {n}"),
            (TextPlace::Header { n }, En) => format!("header {n}"),
            (TextPlace::Footer { n }, Zh) => format!("页脚 {n}"),
            (TextPlace::Footer { n }, En) => format!("footer {n}"),
            (TextPlace::Footnotes, Zh) => "脚注".into(),
            (TextPlace::Footnotes, En) => "footnotes".into(),
            (TextPlace::Endnotes, Zh) => "尾注".into(),
            (TextPlace::Endnotes, En) => "endnotes".into(),
            (TextPlace::Comments, Zh) => "批注".into(),
            (TextPlace::Comments, En) => "comments".into(),
            (TextPlace::Page { n }, Zh) => format!("第 {n} 页"),
            (TextPlace::Page { n }, En) => format!("page {n}"),
        }
    }
}

/// One use of the banned words in a text being checked.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct WordingFinding {
    pub place: TextPlace,
    /// The words as written (a line break between them as a space).
    pub found: String,
    /// Where they start: line and column (both from 1, columns counted in characters), and the
    /// character offset from the start of the text (from 0).
    pub line: u32,
    pub column: u32,
    pub offset: u32,
    /// What the line they are on says before and after them, at most 40 characters each.
    pub before: String,
    pub after: String,
}

/// Every use of the banned words in a text (advertising, packaging copy, a document), with
/// where it is. The same matching as [`check_promotion_text`] (spaced out, full-width,
/// traditional forms, split by punctuation), so it finds every variant a dossier is refused
/// for.
pub fn find_well_known_claims(place: TextPlace, text: &str) -> Vec<WordingFinding> {
    const CONTEXT: usize = 40;
    let mut out = vec![];
    let (mut line, mut line_start, mut counted, mut offset) = (1u32, 0usize, 0usize, 0u32);
    for (start, end) in claims(text) {
        for (i, c) in text[counted..start].char_indices() {
            offset += 1;
            if c == '\n' {
                line += 1;
                line_start = counted + i + 1;
            }
        }
        counted = start;
        let before = &text[line_start..start];
        let column = before.chars().count() as u32 + 1;
        let line_end = text[end..].find('\n').map_or(text.len(), |n| end + n);
        let head = before
            .char_indices()
            .rev()
            .take(CONTEXT)
            .last()
            .map_or(before.len(), |(i, _)| i);
        let tail: String = text[end..line_end]
            .trim_end_matches('\r')
            .chars()
            .take(CONTEXT)
            .collect();
        out.push(WordingFinding {
            place,
            // A line break between the words (a PDF's text layer breaks lines at each change
            // of font) shows as a space, so the finding reads on one line.
            found: text[start..end].replace(['\r', '\n'], " "),
            line,
            column,
            offset,
            before: before[head..].to_owned(),
            after: tail,
        });
    }
    out
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
    fn finds_every_use_with_its_line_and_column() {
        let text = "第一行没有问题\n荣获驰名商标称号，\r\n又称馳 名商標。驰名中外\n驰名商标";
        let found = find_well_known_claims(TextPlace::Text, text);
        let at: Vec<_> = found
            .iter()
            .map(|f| (f.found.as_str(), f.line, f.column, f.offset))
            .collect();
        assert_eq!(
            at,
            [
                ("驰名商标", 2, 3, 10),
                ("馳 名商標", 3, 3, 21),
                ("驰名商标", 4, 1, 32),
            ]
        );
        assert_eq!(
            (found[0].before.as_str(), found[0].after.as_str()),
            ("荣获", "称号，")
        );
        assert_eq!(
            (found[1].before.as_str(), found[1].after.as_str()),
            ("又称", "。驰名中外")
        );
        let long = format!("{}驰名商标{}", "甲".repeat(50), "乙".repeat(50));
        let f = &find_well_known_claims(TextPlace::Text, &long)[0];
        assert_eq!(
            (f.before.chars().count(), f.after.chars().count()),
            (40, 40)
        );
        assert_eq!(f.column, 51);
        for f in &found {
            let chars: String = text
                .chars()
                .skip(f.offset as usize)
                .take(f.found.chars().count())
                .collect();
            assert_eq!(chars, f.found);
        }
        assert!(find_well_known_claims(TextPlace::Text, "驰名中外的信阳毛尖").is_empty());
        assert!(find_well_known_claims(TextPlace::Text, "").is_empty());
    }

    #[test]
    fn names_the_field_and_the_words_found() {
        let v = check_promotion_text("history", "曾获馳 名商標").unwrap_err();
        assert_eq!(v.field.as_deref(), Some("history"));
        assert_eq!(v.rule, Rule::WellKnownWording);
        assert_eq!(v.params["found"], "馳 名商標");
    }
}
