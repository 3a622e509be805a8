//! Administrative divisions (行政区划, GB/T 2260). The code format is checked here; whether a
//! code exists is checked against the workspace's versioned division table, which is seeded
//! with [`XINYANG`] and extended by the user.

use serde::{Deserialize, Serialize};

use crate::error::{Result, Violation};
use crate::text::compact_code;

/// Two-digit province-level prefixes of GB/T 2260.
const PROVINCES: &[u8] = &[
    11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52,
    53, 54, 61, 62, 63, 64, 65, 71, 81, 82,
];

/// A six-digit GB/T 2260 division code whose first two digits name a province.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, ts_rs::TS)]
#[ts(export)]
pub struct DivisionCode(String);

/// The prefix a division code's subdivisions share (`4115` for 411500), for a code as stored.
pub fn prefix_of(code: &str) -> &str {
    let mut p = code;
    while let Some(rest) = p.strip_suffix("00") {
        p = rest;
    }
    p
}

impl DivisionCode {
    /// The code's prefix its subdivisions share: `4115` for a city (411500), `41` for a
    /// province, the whole code for a county.
    pub fn prefix(&self) -> &str {
        prefix_of(self.as_str())
    }

    pub fn parse(input: &str) -> Result<Self> {
        let s = compact_code(input);
        if s.is_empty() {
            return Err(Violation::required());
        }
        let ok = s.len() == 6
            && s.bytes().all(|b| b.is_ascii_digit())
            && PROVINCES.contains(&s[..2].parse::<u8>().unwrap_or(0));
        if !ok {
            return Err(Violation::division_code_format(input.trim()));
        }
        Ok(Self(s))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The code of the enclosing division: county → prefecture (`411525` → `411500`),
    /// prefecture → province (`411500` → `410000`); `None` for a province.
    pub fn parent(&self) -> Option<DivisionCode> {
        let s = &self.0;
        if &s[4..] != "00" {
            Some(Self(format!("{}00", &s[..4])))
        } else if &s[2..4] != "00" {
            Some(Self(format!("{}0000", &s[..2])))
        } else {
            None
        }
    }
}

text_newtype!(DivisionCode);

/// A row of the division table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct Division {
    pub code: DivisionCode,
    pub name: String,
}

/// The table version the seed below belongs to.
pub const SEED_VERSION: &str = "GB/T 2260 (Xinyang excerpt, 2021)";

/// Xinyang city and its ten districts and counties, as listed in the domain reference.
pub const XINYANG: &[(&str, &str)] = &[
    ("411500", "信阳市"),
    ("411502", "浉河区"),
    ("411503", "平桥区"),
    ("411521", "罗山县"),
    ("411522", "光山县"),
    ("411523", "新县"),
    ("411524", "商城县"),
    ("411525", "固始县"),
    ("411526", "潢川县"),
    ("411527", "淮滨县"),
    ("411528", "息县"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_prefix_is_what_subdivisions_share() {
        let p = |c: &str| c.parse::<DivisionCode>().unwrap().prefix().to_owned();
        assert_eq!(
            [p("411525"), p("411500"), p("410000")],
            ["411525", "4115", "41"]
        );
    }
    use crate::Rule;

    #[test]
    fn division_code_format_and_parent() {
        let c = DivisionCode::parse("４１１５２５").unwrap();
        assert_eq!(c.parent().unwrap().as_str(), "411500");
        assert_eq!(c.parent().unwrap().parent().unwrap().as_str(), "410000");
        assert_eq!(DivisionCode::parse("410000").unwrap().parent(), None);
        for bad in ["41152", "4115255", "991525", "41152a"] {
            assert_eq!(
                DivisionCode::parse(bad).unwrap_err().rule,
                Rule::DivisionCodeFormat
            );
        }
    }

    #[test]
    fn xinyang_seed_has_eleven_valid_codes() {
        assert_eq!(XINYANG.len(), 11);
        for (code, _) in XINYANG {
            DivisionCode::parse(code).unwrap();
        }
    }
}
