//! The matching rules of search, shared by the SQLite-backed search (which uses them to verify
//! candidates and find the span to highlight) and by the brute-force scan it is checked against.
//!
//! A query matches a name, best first: exactly; as a prefix; as a substring; (credit code or
//! registration number by prefix); by full pinyin from the start of any syllable (`xinyang`,
//! `maojian`, `xinya`); by pinyin initials anywhere (`xymj`, `mj`), also mixed with characters
//! (`信阳mj`).
//!
//! Polyphonic characters: a name's readings are the default reading of every character, plus,
//! for each polyphonic character in turn, each of its other readings with the rest at their
//! defaults — so one misread character is always covered — capped at [`MAX_READINGS`]
//! combinations per name (the earliest characters' alternatives first).

use pinyin::ToPinyinMulti;
use serde::{Deserialize, Serialize};

use crate::text::half_width;

/// How many reading combinations of one name are indexed.
pub const MAX_READINGS: usize = 8;

/// How a hit matched, best first: the order results are ranked in.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, ts_rs::TS,
)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum MatchKind {
    /// The whole name, code, credit code or registration number.
    Exact,
    /// The name starts with the query.
    Prefix,
    /// The name contains the query.
    Substring,
    /// A credit code, registration number or record code starts with the query.
    Code,
    /// The name's full pinyin starts with or contains the query (`xinyang`, `maojian`).
    Pinyin,
    /// The name's pinyin initials contain the query (`xymj`), or characters and initials
    /// mixed (`信阳mj`).
    Initials,
}

/// A query, normalised: letters and digits half-width, trimmed; `ascii` lower-cased for pinyin; `code`
/// upper-cased without spaces for codes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    pub text: String,
    pub chars: Vec<char>,
    pub lower: String,
    pub code: String,
    pub is_letters: bool,
    pub is_codeish: bool,
    pub is_mixed: bool,
}

impl Query {
    pub fn new(raw: &str) -> Option<Self> {
        let text: String = raw
            .chars()
            .map(query_char)
            .collect::<String>()
            .trim()
            .to_owned();
        if text.is_empty() {
            return None;
        }
        let chars: Vec<char> = text.chars().collect();
        let lower = text.to_lowercase();
        let code = crate::text::compact_code(&text);
        let is_letters = chars.iter().all(|c| c.is_ascii_alphabetic());
        let is_codeish = code.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
        let has_han = chars.iter().any(|c| is_han(*c));
        let has_letter = chars.iter().any(|c| c.is_ascii_alphabetic());
        Some(Self {
            text,
            chars,
            lower,
            code,
            is_letters,
            is_codeish,
            is_mixed: has_han && has_letter,
        })
    }
}

/// A query character as names hold it: full-width letters and digits, and the ideographic
/// space, as ASCII (codes and pinyin are typed either way); punctuation as typed, since names
/// keep theirs (`浉河区云雾茶业有限公司（示例）` is found by its own full-width brackets).
fn query_char(c: char) -> char {
    match c {
        '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ' | '\u{3000}' => half_width(c),
        _ => c,
    }
}

pub fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3134F)
}

/// Readings of one character: its plain pinyin syllables (default first) for a Han character,
/// itself lower-cased for an ASCII letter or digit, nothing for punctuation.
fn char_readings(c: char) -> Vec<&'static str> {
    if let Some(multi) = c.to_pinyin_multi() {
        let mut out: Vec<&'static str> = multi.into_iter().map(|p| p.plain()).collect();
        out.dedup();
        let mut seen = Vec::new();
        out.retain(|r| {
            let fresh = !seen.contains(r);
            seen.push(*r);
            fresh
        });
        return out;
    }
    vec![]
}

/// One reading per character of a name (`None` for characters that have no pinyin and are not
/// ASCII alphanumerics, which search skips).
pub type Reading = Vec<Option<String>>;

/// Up to [`MAX_READINGS`] readings of a name (see the module comment).
pub fn readings(name: &str) -> Vec<Reading> {
    let per_char: Vec<Vec<String>> = name
        .chars()
        .map(|c| {
            let c = half_width(c);
            if c.is_ascii_alphanumeric() {
                vec![c.to_ascii_lowercase().to_string()]
            } else {
                char_readings(c).into_iter().map(str::to_owned).collect()
            }
        })
        .collect();
    let default: Reading = per_char.iter().map(|r| r.first().cloned()).collect();
    let mut out = vec![default.clone()];
    'outer: for (i, alts) in per_char.iter().enumerate() {
        for alt in alts.iter().skip(1) {
            if out.len() >= MAX_READINGS {
                break 'outer;
            }
            let mut r = default.clone();
            r[i] = Some(alt.clone());
            if !out.contains(&r) {
                out.push(r);
            }
        }
    }
    out
}

/// The full pinyin (syllables joined) of a reading.
pub fn full(reading: &Reading) -> String {
    reading.iter().flatten().map(String::as_str).collect()
}

/// The initials of a reading (first letter of each syllable).
pub fn initials(reading: &Reading) -> String {
    reading
        .iter()
        .flatten()
        .filter_map(|s| s.chars().next())
        .collect()
}

/// Byte offsets in `full(reading)` where a syllable starts.
fn syllable_starts(reading: &Reading) -> Vec<usize> {
    let mut pos = 0;
    let mut out = vec![];
    for s in reading.iter().flatten() {
        out.push(pos);
        pos += s.len();
    }
    out
}

/// Longest indexed pinyin suffix, in letters; longer queries are looked up by their first
/// `FULL_KEY_MAX` letters and verified.
pub const FULL_KEY_MAX: usize = 16;
/// Longest indexed initials suffix.
pub const INITIALS_KEY_MAX: usize = 8;

/// What the index stores for pinyin search: for every reading, the full pinyin and the
/// initials from each syllable on, truncated (`xinyangmaojian`, `yangmaojian`, `maojian`,
/// `jian`; `xymj`, `ymj`, `mj`, `j`). A query is then a prefix lookup. `true` marks initials.
///
/// A full-pinyin key also stops before the first character that is not a letter (a digit of
/// `茶厂2号`), and none starts there: only a query of letters alone ([`Query::is_letters`]) is
/// looked up by full pinyin, and its letters can never reach past one. Initials keep digits,
/// since a query of characters, letters and digits (`信阳3a`) is looked up by its initials.
pub fn pinyin_keys(name: &str) -> Vec<(String, bool)> {
    let mut out: Vec<(String, bool)> = vec![];
    for r in readings(name) {
        let f = full(&r);
        for p in syllable_starts(&r) {
            let key: String = f[p..]
                .chars()
                .take_while(char::is_ascii_alphabetic)
                .take(FULL_KEY_MAX)
                .collect();
            if !key.is_empty() && !out.iter().any(|(k, i)| !i && *k == key) {
                out.push((key, false));
            }
        }
        let ini = initials(&r);
        for p in 0..ini.len() {
            let key: String = ini[p..].chars().take(INITIALS_KEY_MAX).collect();
            if !out.iter().any(|(k, i)| *i && *k == key) {
                out.push((key, true));
            }
        }
    }
    out
}

/// Span of the characters of `name` whose syllables overlap `[start, end)` of the joined text,
/// where `unit` gives each character's contribution (syllable or initial).
fn span_of(reading: &Reading, start: usize, end: usize, unit: impl Fn(&str) -> usize) -> [u32; 2] {
    let mut pos = 0;
    let (mut first, mut last) = (None, 0);
    for (i, syl) in reading.iter().enumerate() {
        let Some(s) = syl else { continue };
        let len = unit(s);
        if pos + len > start && pos < end {
            first.get_or_insert(i);
            last = i + 1;
        }
        pos += len;
    }
    [first.unwrap_or(0) as u32, last as u32]
}

/// How `query` matches `name`, with the span of `name` to highlight; `None` if it does not.
pub fn match_name(name: &str, q: &Query) -> Option<(MatchKind, [u32; 2])> {
    let n = q.chars.len() as u32;
    if name == q.text {
        return Some((MatchKind::Exact, [0, name.chars().count() as u32]));
    }
    if name.starts_with(&q.text) {
        return Some((MatchKind::Prefix, [0, n]));
    }
    if let Some(byte) = name.find(&q.text) {
        let start = name[..byte].chars().count() as u32;
        return Some((MatchKind::Substring, [start, start + n]));
    }
    if q.is_letters {
        // Full pinyin from the start of any syllable (`xinyang`, `maojian`, `xinya`); initials
        // anywhere (`xymj`, `mj`).
        let rs = readings(name);
        for r in &rs {
            let f = full(r);
            if let Some(pos) = syllable_starts(r)
                .into_iter()
                .find(|p| f[*p..].starts_with(&q.lower))
            {
                return Some((
                    MatchKind::Pinyin,
                    span_of(r, pos, pos + q.lower.len(), str::len),
                ));
            }
        }
        for r in &rs {
            if let Some(pos) = initials(r).find(&q.lower) {
                return Some((
                    MatchKind::Initials,
                    span_of(r, pos, pos + q.lower.len(), |_| 1),
                ));
            }
        }
    } else if q.is_mixed {
        let chars: Vec<char> = name.chars().collect();
        for r in readings(name) {
            'start: for start in 0..chars.len() {
                // Walk name characters that have a reading, matching query characters in turn.
                let mut qi = 0;
                let mut i = start;
                while qi < q.chars.len() {
                    if i >= chars.len() {
                        continue 'start;
                    }
                    let qc = q.chars[qi];
                    let ok = if qc.is_ascii_alphabetic() {
                        r[i].as_deref().and_then(|s| s.chars().next())
                            == Some(qc.to_ascii_lowercase())
                    } else {
                        chars[i] == qc
                    };
                    if !ok {
                        continue 'start;
                    }
                    qi += 1;
                    i += 1;
                }
                return Some((MatchKind::Initials, [start as u32, i as u32]));
            }
        }
    }
    None
}

/// How `query` matches a record's codes (its human code, credit code or registration number).
pub fn match_code(codes: &[&str], q: &Query) -> Option<MatchKind> {
    if !q.is_codeish || q.code.is_empty() {
        return None;
    }
    if codes.iter().any(|c| *c == q.code) {
        Some(MatchKind::Exact)
    } else if codes.iter().any(|c| c.starts_with(&q.code)) {
        Some(MatchKind::Code)
    } else {
        None
    }
}

/// The best match of a record: its name or its codes.
pub fn match_record(
    name: &str,
    codes: &[&str],
    q: &Query,
) -> Option<(MatchKind, Option<[u32; 2]>)> {
    let by_name = match_name(name, q).map(|(k, s)| (k, Some(s)));
    let by_code = match_code(codes, q).map(|k| (k, None));
    match (by_name, by_code) {
        (Some(a), Some(b)) => Some(if b.0 < a.0 { b } else { a }),
        (a, b) => a.or(b),
    }
}

/// What separates an authorised user's enterprise and product in its name.
pub const USER_NAME_SEP: &str = " · ";

/// The best match of an authorised user, named `enterprise · product`: the whole name exactly,
/// a match within the enterprise's name or within the product's (never across the two: a user
/// is found through its enterprise and its product, which the index holds once), or its code.
/// Kinds and spans are those of the whole name: the enterprise's name is its start, the
/// product's lies inside it.
pub fn match_user(
    enterprise: &str,
    product: &str,
    codes: &[&str],
    q: &Query,
) -> Option<(MatchKind, Option<[u32; 2]>)> {
    let whole_len = enterprise.chars().count() + USER_NAME_SEP.chars().count();
    let offset = whole_len as u32;
    let exact = (q.text.strip_prefix(enterprise))
        .and_then(|rest| rest.strip_prefix(USER_NAME_SEP))
        .filter(|rest| *rest == product)
        .map(|_| {
            let n = (whole_len + product.chars().count()) as u32;
            (MatchKind::Exact, Some([0, n]))
        });
    let in_enterprise = match_name(enterprise, q).map(|(k, s)| {
        let k = if k == MatchKind::Exact {
            MatchKind::Prefix
        } else {
            k
        };
        (k, Some(s))
    });
    let in_product = match_name(product, q).map(|(k, s)| {
        let k = match k {
            MatchKind::Exact | MatchKind::Prefix => MatchKind::Substring,
            k => k,
        };
        (k, Some([s[0] + offset, s[1] + offset]))
    });
    let by_code = match_code(codes, q).map(|k| (k, None));
    [exact, in_enterprise, in_product, by_code]
        .into_iter()
        .flatten()
        .min_by_key(|(k, s)| (*k, s.map_or(0, |s| s[0])))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_user_matches_within_its_enterprise_or_its_product_never_across() {
        let u = |q: &str| {
            match_user(
                "罗山县茶业有限公司",
                "信阳毛尖",
                &["USR-0003"],
                &Query::new(q).unwrap(),
            )
        };
        assert_eq!(u("罗山县茶业"), Some((MatchKind::Prefix, Some([0, 5]))));
        assert_eq!(
            u("罗山县茶业有限公司"),
            Some((MatchKind::Prefix, Some([0, 9])))
        );
        assert_eq!(u("信阳毛尖"), Some((MatchKind::Substring, Some([12, 16]))));
        assert_eq!(u("毛尖"), Some((MatchKind::Substring, Some([14, 16]))));
        assert_eq!(u("maojian"), Some((MatchKind::Pinyin, Some([14, 16]))));
        assert_eq!(u("xymj"), Some((MatchKind::Initials, Some([12, 16]))));
        assert_eq!(
            u("罗山县茶业有限公司 · 信阳毛尖"),
            Some((MatchKind::Exact, Some([0, 16])))
        );
        assert_eq!(u("USR-0003"), Some((MatchKind::Exact, None)));
        // Across the separator: no match.
        assert_eq!(u("公司 · 信阳"), None);
        assert_eq!(u("gongsixinyang"), None);
        // The earlier of two matches of one kind.
        let both = match_user("信阳茶业", "信阳红", &[], &Query::new("信阳").unwrap());
        assert_eq!(both, Some((MatchKind::Prefix, Some([0, 2]))));
    }

    fn m(name: &str, q: &str) -> Option<(MatchKind, [u32; 2])> {
        match_name(name, &Query::new(q).unwrap())
    }

    #[test]
    fn search_one_and_two_character_queries() {
        assert_eq!(m("信阳毛尖", "信"), Some((MatchKind::Prefix, [0, 1])));
        assert_eq!(m("信阳毛尖", "毛"), Some((MatchKind::Substring, [2, 3])));
        assert_eq!(m("信阳毛尖", "毛尖"), Some((MatchKind::Substring, [2, 4])));
        assert_eq!(m("信阳毛尖", "信阳毛尖"), Some((MatchKind::Exact, [0, 4])));
    }

    #[test]
    fn search_full_pinyin_and_initials() {
        assert_eq!(m("信阳毛尖", "xinyang"), Some((MatchKind::Pinyin, [0, 2])));
        assert_eq!(m("信阳毛尖", "maojian"), Some((MatchKind::Pinyin, [2, 4])));
        assert_eq!(m("信阳毛尖", "xymj"), Some((MatchKind::Initials, [0, 4])));
        assert_eq!(
            m("信阳毛尖", "ＸＹＭＪ"),
            Some((MatchKind::Initials, [0, 4]))
        );
        assert_eq!(m("信阳毛尖", "mj"), Some((MatchKind::Initials, [2, 4])));
        assert_eq!(m("信阳毛尖", "xyz"), None);
        assert_eq!(
            m("信阳毛尖", "inyang"),
            None,
            "pinyin matches from a syllable start"
        );
        assert_eq!(m("信阳毛尖", "xinya"), Some((MatchKind::Pinyin, [0, 2])));
        let keys = pinyin_keys("信阳毛尖");
        assert!(keys.contains(&("maojian".into(), false)) && keys.contains(&("mj".into(), true)));
    }

    #[test]
    fn search_full_pinyin_keys_stop_at_digits_and_still_reach_every_letters_match() {
        for name in [
            "信阳2号茶厂",
            "3A茶叶有限公司",
            "光山县茶业有限公司97680",
            "浉河区ABC茶场",
        ] {
            let keys = pinyin_keys(name);
            let full_keys: Vec<&str> = keys
                .iter()
                .filter(|(_, ini)| !ini)
                .map(|(k, _)| k.as_str())
                .collect();
            assert!(
                full_keys
                    .iter()
                    .all(|k| !k.is_empty() && k.chars().all(|c| c.is_ascii_alphabetic())),
                "{name}: {full_keys:?}"
            );
            // Every query of letters that matches by full pinyin has a key it is a prefix of
            // (cut at the key length, as the store looks it up).
            for r in readings(name) {
                let f = full(&r);
                for p in syllable_starts(&r) {
                    let run = f[p..].chars().take_while(char::is_ascii_alphabetic).count();
                    for len in 1..=run {
                        let q = &f[p..p + len];
                        assert_eq!(m(name, q).map(|(k, _)| k <= MatchKind::Pinyin), Some(true));
                        let looked_up: String = q.chars().take(FULL_KEY_MAX).collect();
                        assert!(
                            full_keys.iter().any(|k| k.starts_with(&looked_up)),
                            "{name}: no key for {q}"
                        );
                    }
                }
            }
        }
        // Initials keep digits: `信阳3a` is looked up by `xy3a`.
        assert!(pinyin_keys("信阳3A茶叶").contains(&("xy3acy".into(), true)));
        assert_eq!(
            m("信阳3A茶叶", "信阳3a"),
            Some((MatchKind::Initials, [0, 4]))
        );
    }

    #[test]
    fn search_mixed_characters_and_initials() {
        assert_eq!(m("信阳毛尖", "信阳mj"), Some((MatchKind::Initials, [0, 4])));
        assert_eq!(m("信阳毛尖茶", "阳m"), Some((MatchKind::Initials, [1, 3])));
        assert_eq!(m("信阳毛尖", "信阳xj"), None);
    }

    #[test]
    fn search_polyphonic_names_match_every_reading_within_the_cap() {
        // 长 reads chang or zhang; 重 chong or zhong; 行 xing or hang.
        assert!(m("长沙", "changsha").is_some());
        assert!(m("长沙", "zhangsha").is_some());
        assert!(m("重庆", "chongqing").is_some());
        assert!(m("银行", "yinhang").is_some());
        assert!(m("银行", "yh").is_some());
        let many = "行长重还乐都调传";
        assert!(readings(many).len() <= MAX_READINGS);
    }

    #[test]
    fn search_codes_by_prefix() {
        let q = Query::new("91411502").unwrap();
        assert_eq!(
            match_code(&["ENT-0003", "91411502MA45TY001K"], &q),
            Some(MatchKind::Code)
        );
        let q = Query::new("tm-0005").unwrap();
        assert_eq!(
            match_code(&["TM-0005", "90000004"], &q),
            Some(MatchKind::Exact)
        );
        let q = Query::new("信阳").unwrap();
        assert_eq!(match_code(&["TM-0005"], &q), None);
    }
}
