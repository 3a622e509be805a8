//! Constrained values: trademark registration number, Nice class, money in fen, coordinates.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::{Result, Violation};
use crate::text::compact_code;

/// A trademark registration number (注册号), kept as text: an optional `G` prefix for an
/// international (Madrid) registration, 1–10 digits, an optional `A` suffix for a divisional
/// registration. Canonical form: half-width, upper case, no spaces.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, ts_rs::TS)]
#[ts(export)]
pub struct RegNo(String);

impl RegNo {
    pub fn parse(input: &str) -> Result<Self> {
        let s = compact_code(input);
        if s.is_empty() {
            return Err(Violation::required());
        }
        let body = s.strip_prefix('G').unwrap_or(&s);
        let digits = body.strip_suffix('A').unwrap_or(body);
        if digits.is_empty() || digits.len() > 10 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(Violation::reg_no_format(input.trim()));
        }
        Ok(Self(s))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn is_international(&self) -> bool {
        self.0.starts_with('G')
    }

    pub fn is_divisional(&self) -> bool {
        self.0.ends_with('A')
    }
}

text_newtype!(RegNo);

/// A Nice classification class, 1–45. Accepts `30`, `05`, `第30类`, `30类`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, ts_rs::TS)]
#[ts(export)]
pub struct NiceClass(u8);

impl NiceClass {
    pub fn parse(input: &str) -> Result<Self> {
        let s = compact_code(input);
        let s = s.strip_prefix('第').unwrap_or(&s);
        let s = s.strip_suffix('类').unwrap_or(s);
        match s.parse::<u8>() {
            Ok(n @ 1..=45) => Ok(Self(n)),
            _ => Err(Violation::nice_class_range(input.trim())),
        }
    }

    pub fn new(n: u8) -> Result<Self> {
        Self::parse(&n.to_string())
    }

    pub fn get(self) -> u8 {
        self.0
    }
}

impl fmt::Display for NiceClass {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl FromStr for NiceClass {
    type Err = Violation;
    fn from_str(s: &str) -> Result<Self> {
        Self::parse(s)
    }
}

impl Serialize for NiceClass {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_u8(self.0)
    }
}

impl<'de> Deserialize<'de> for NiceClass {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            N(u64),
            S(String),
        }
        let s = match Raw::deserialize(d)? {
            Raw::N(n) => n.to_string(),
            Raw::S(s) => s,
        };
        Self::parse(&s).map_err(serde::de::Error::custom)
    }
}

/// Money in integer fen (分). Parsed from yuan as clerks write it (`300000`, `300,000.00`,
/// `¥300,000.00`); serialised as the integer number of fen.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Default,
    Serialize,
    Deserialize,
    ts_rs::TS,
)]
#[ts(export)]
#[serde(transparent)]
pub struct Fen(pub i64);

impl Fen {
    /// Parse an amount in yuan, with at most two decimals. Negative amounts are refused.
    pub fn parse_yuan(input: &str) -> Result<Self> {
        let err = || Violation::money_format(input.trim());
        let s: String = compact_code(input)
            .chars()
            .filter(|c| !matches!(c, ',' | '¥' | '￥'))
            .collect();
        let s = s.strip_suffix('元').unwrap_or(&s);
        let (whole, frac) = s.split_once('.').unwrap_or((s, ""));
        if whole.is_empty()
            || frac.len() > 2
            || !whole.bytes().all(|b| b.is_ascii_digit())
            || !frac.bytes().all(|b| b.is_ascii_digit())
        {
            return Err(err());
        }
        let yuan: i64 = whole.parse().map_err(|_| err())?;
        let frac_fen: i64 = format!("{frac:0<2}").parse().map_err(|_| err())?;
        yuan.checked_mul(100)
            .and_then(|f| f.checked_add(frac_fen))
            .map(Fen)
            .ok_or_else(err)
    }
}

impl fmt::Display for Fen {
    /// `¥300,000.00`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        let yuan = (abs / 100).to_string();
        let mut grouped = String::new();
        for (i, c) in yuan.chars().enumerate() {
            if i > 0 && (yuan.len() - i).is_multiple_of(3) {
                grouped.push(',');
            }
            grouped.push(c);
        }
        write!(f, "{sign}¥{grouped}.{:02}", abs % 100)
    }
}

/// A point in WGS-84, stored as integer micro-degrees (no floating point in storage).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct Coordinate {
    pub lat_e6: i32,
    pub lon_e6: i32,
}

impl Coordinate {
    /// Parse `lat,lon` in decimal degrees, e.g. `32.13,114.07` (up to 6 decimals).
    pub fn parse(input: &str) -> Result<Self> {
        let err = || Violation::coordinate_format(input.trim());
        let s: String = input.chars().map(crate::text::half_width).collect();
        let (lat, lon) = s.split_once([',', '，']).ok_or_else(err)?;
        let lat = micro_degrees(lat.trim()).ok_or_else(err)?;
        let lon = micro_degrees(lon.trim()).ok_or_else(err)?;
        if lat.abs() > 90_000_000 || lon.abs() > 180_000_000 {
            return Err(err());
        }
        Ok(Self {
            lat_e6: lat,
            lon_e6: lon,
        })
    }
}

fn micro_degrees(s: &str) -> Option<i32> {
    let (neg, s) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s),
    };
    let (whole, frac) = s.split_once('.').unwrap_or((s, ""));
    if whole.is_empty()
        || frac.len() > 6
        || !(whole.bytes().chain(frac.bytes())).all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let v = whole.parse::<i32>().ok()?.checked_mul(1_000_000)?
        + format!("{frac:0<6}").parse::<i32>().ok()?;
    Some(if neg { -v } else { v })
}

impl fmt::Display for Coordinate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let part = |v: i32| {
            let sign = if v < 0 { "-" } else { "" };
            format!(
                "{sign}{}.{:06}",
                v.unsigned_abs() / 1_000_000,
                v.unsigned_abs() % 1_000_000
            )
        };
        write!(f, "{},{}", part(self.lat_e6), part(self.lon_e6))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Rule;

    #[test]
    fn reg_no_digits_with_international_prefix_and_divisional_suffix() {
        assert_eq!(RegNo::parse(" 3047772 ").unwrap().as_str(), "3047772");
        assert!(RegNo::parse("g1234567").unwrap().is_international());
        assert!(RegNo::parse("１２３４５A").unwrap().is_divisional());
        for bad in ["", "A123", "12B", "G", "12345678901", "30477-72"] {
            assert!(RegNo::parse(bad).is_err(), "{bad} accepted");
        }
        assert_eq!(RegNo::parse("").unwrap_err().rule, Rule::Required);
    }

    #[test]
    fn nice_class_is_1_to_45() {
        assert_eq!(NiceClass::parse("30").unwrap().get(), 30);
        assert_eq!(NiceClass::parse("第5类").unwrap().get(), 5);
        assert_eq!(NiceClass::parse("05").unwrap().get(), 5);
        for bad in ["0", "46", "x", "", "-1"] {
            assert_eq!(
                NiceClass::parse(bad).unwrap_err().rule,
                Rule::NiceClassRange
            );
        }
        let c: NiceClass = serde_json::from_str("31").unwrap();
        assert_eq!(c.get(), 31);
        assert!(serde_json::from_str::<NiceClass>("46").is_err());
    }

    #[test]
    fn money_is_integer_fen_parsed_from_yuan() {
        assert_eq!(Fen::parse_yuan("300000").unwrap(), Fen(30_000_000));
        assert_eq!(Fen::parse_yuan("¥300,000.5").unwrap(), Fen(30_000_050));
        assert_eq!(Fen::parse_yuan("0.07").unwrap(), Fen(7));
        for bad in ["", "1.234", "-5", "abc", "1e5", "99999999999999999999"] {
            assert_eq!(
                Fen::parse_yuan(bad).unwrap_err().rule,
                Rule::MoneyFormat,
                "{bad}"
            );
        }
        assert_eq!(Fen(30_000_000).to_string(), "¥300,000.00");
        assert_eq!(Fen(105).to_string(), "¥1.05");
    }

    #[test]
    fn coordinates_are_micro_degrees() {
        let c = Coordinate::parse("32.13, 114.07").unwrap();
        assert_eq!((c.lat_e6, c.lon_e6), (32_130_000, 114_070_000));
        assert_eq!(c.to_string(), "32.130000,114.070000");
        assert_eq!(Coordinate::parse("-1.5,-2").unwrap().lat_e6, -1_500_000);
        for bad in ["", "32.13", "91,10", "a,b", "1.1234567,2"] {
            assert!(Coordinate::parse(bad).is_err(), "{bad}");
        }
    }
}
