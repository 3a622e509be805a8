//! Unified social credit code (统一社会信用代码, GB 32100-2015).

use crate::error::{Result, Violation};
use crate::text::compact_code;

/// The 31 characters a credit code may use (no I, O, S, V, Z), in value order.
pub const ALPHABET: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const WEIGHTS: [u32; 17] = [
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
];

/// A valid unified social credit code: 18 characters, canonical (upper case, half-width).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, ts_rs::TS)]
#[ts(export)]
pub struct CreditCode(String);

fn value(c: char) -> Option<u32> {
    ALPHABET.find(c).map(|i| i as u32)
}

/// The check character for the first 17 characters (which must all be in [`ALPHABET`]).
pub fn check_char(first17: &str) -> Option<char> {
    let mut sum = 0u32;
    for (c, w) in first17.chars().zip(WEIGHTS) {
        sum += value(c)? * w;
    }
    let check = (31 - sum % 31) % 31;
    ALPHABET.chars().nth(check as usize)
}

impl CreditCode {
    /// Normalise (full-width → half-width, lower → upper case, spaces removed), then check
    /// length, character set, the division code in characters 3–8 and the check character.
    /// The error names the first rule that failed.
    pub fn parse(input: &str) -> Result<Self> {
        let code = compact_code(input);
        if code.is_empty() {
            return Err(Violation::required());
        }
        let len = code.chars().count();
        if len != 18 {
            return Err(Violation::credit_code_length(len));
        }
        if let Some((i, c)) = code.chars().enumerate().find(|(_, c)| value(*c).is_none()) {
            return Err(Violation::credit_code_charset(i + 1, c));
        }
        let division = &code[2..8];
        if !division.bytes().all(|b| b.is_ascii_digit()) {
            return Err(Violation::credit_code_division(division));
        }
        let expected = check_char(&code[..17]).expect("charset checked above");
        let found = code[17..].chars().next().expect("length checked above");
        if expected != found {
            return Err(Violation::credit_code_check_digit(expected, found));
        }
        Ok(Self(code))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The GB/T 2260 division code of the registering authority (characters 3–8).
    pub fn division_part(&self) -> &str {
        &self.0[2..8]
    }
}

text_newtype!(CreditCode);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Rule;
    use proptest::prelude::*;

    fn make(prefix17: &str) -> String {
        format!("{prefix17}{}", check_char(prefix17).unwrap())
    }

    #[test]
    fn credit_code_valid_example_is_accepted() {
        let code = make("91411500MA45XK7D0");
        assert_eq!(CreditCode::parse(&code).unwrap().as_str(), code);
        assert_eq!(CreditCode::parse(&code).unwrap().division_part(), "411500");
    }

    #[test]
    fn credit_code_normalisation_full_width_lower_case_and_spaces() {
        let code = make("91411500MA45XK7D0");
        let full_width: String = code
            .chars()
            .map(|c| char::from_u32(c as u32 + 0xFEE0).unwrap())
            .collect();
        let lower = code.to_lowercase();
        let spaced = format!(" {} {}\u{3000}{} ", &code[..6], &code[6..12], &code[12..]);
        for input in [full_width, lower, spaced] {
            assert_eq!(
                CreditCode::parse(&input).unwrap().as_str(),
                code,
                "input {input:?}"
            );
        }
    }

    #[test]
    fn credit_code_errors_name_the_rule() {
        let rule = |s: &str| CreditCode::parse(s).unwrap_err().rule;
        assert_eq!(rule(""), Rule::Required);
        assert_eq!(rule("91411500MA45XK7D0"), Rule::CreditCodeLength);
        let with_o = "91411500MA45XK7O0U";
        assert_eq!(rule(with_o), Rule::CreditCodeCharset);
        assert_eq!(
            CreditCode::parse(with_o).unwrap_err().params["position"],
            "16"
        );
        assert_eq!(rule("91A11500MA45XK7D0U"), Rule::CreditCodeDivision);
        let good = make("91411500MA45XK7D0");
        let bad_check = format!(
            "{}{}",
            &good[..17],
            if good.ends_with('0') { '1' } else { '0' }
        );
        assert_eq!(rule(&bad_check), Rule::CreditCodeCheckDigit);
    }

    fn valid_code() -> impl Strategy<Value = String> {
        let alpha: Vec<char> = ALPHABET.chars().collect();
        let ch = proptest::sample::select(alpha);
        (
            proptest::collection::vec(ch.clone(), 2),
            proptest::collection::vec(0u8..10, 6),
            proptest::collection::vec(ch, 9),
        )
            .prop_map(|(head, div, tail)| {
                let mut s: String = head.into_iter().collect();
                s.extend(div.into_iter().map(|d| char::from(b'0' + d)));
                s.extend(tail);
                make(&s)
            })
    }

    proptest! {
        #[test]
        fn prop_generated_credit_codes_are_valid(code in valid_code()) {
            prop_assert!(CreditCode::parse(&code).is_ok());
        }

        #[test]
        fn prop_credit_code_every_single_substitution_is_rejected(code in valid_code()) {
            let chars: Vec<char> = code.chars().collect();
            for i in 0..chars.len() {
                for c in ALPHABET.chars().filter(|c| *c != chars[i]) {
                    let mut changed = chars.clone();
                    changed[i] = c;
                    let s: String = changed.into_iter().collect();
                    prop_assert!(CreditCode::parse(&s).is_err(), "{} accepted", s);
                }
            }
        }

        #[test]
        fn prop_credit_code_every_adjacent_swap_is_rejected(code in valid_code()) {
            let chars: Vec<char> = code.chars().collect();
            for i in 0..chars.len() - 1 {
                if chars[i] == chars[i + 1] { continue; }
                let mut changed = chars.clone();
                changed.swap(i, i + 1);
                let s: String = changed.into_iter().collect();
                prop_assert!(CreditCode::parse(&s).is_err(), "{} accepted", s);
            }
        }
    }
}
