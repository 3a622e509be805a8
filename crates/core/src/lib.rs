//! terroir-core: the domain of Terroir — GI products under the three regimes, trademarks,
//! enterprises, authorised users of the GI special mark, well-known-mark candidates — and the
//! rules that matter (trademark terms and renewal, identifier validation, the user application
//! flow, deadlines).
//!
//! Pure: no IO, no SQL, no clock. Rules that depend on the date take `today` as an argument.
//! Identifiers are newtypes whose only way in is `parse` (and `Deserialize`, which goes through
//! it), so nothing unvalidated reaches the store.

/// Implement `Display`, `FromStr`, `Serialize` and `Deserialize` (through `parse`) for a newtype
/// around a canonical `String`, so deserialising cannot skip validation.
macro_rules! text_newtype {
    ($t:ident) => {
        impl ::std::fmt::Display for $t {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(&self.0)
            }
        }
        impl ::std::str::FromStr for $t {
            type Err = $crate::error::Violation;
            fn from_str(s: &str) -> ::std::result::Result<Self, Self::Err> {
                Self::parse(s)
            }
        }
        impl ::serde::Serialize for $t {
            fn serialize<S: ::serde::Serializer>(
                &self,
                s: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                s.serialize_str(&self.0)
            }
        }
        impl<'de> ::serde::Deserialize<'de> for $t {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                d: D,
            ) -> ::std::result::Result<Self, D::Error> {
                let s = <String as ::serde::Deserialize>::deserialize(d)?;
                Self::parse(&s).map_err(::serde::de::Error::custom)
            }
        }
    };
}

pub mod application;
pub mod calendar;
pub mod candidate;
pub mod case;
pub mod credit_code;
pub mod date;
pub mod deadline;
pub mod division;
pub mod enterprise;
pub mod error;
pub mod evidence;
pub mod gi;
pub mod ident;
pub mod incentive;
pub mod messages;
pub mod plan;
pub mod readiness;
pub mod record;
pub mod search;
pub mod term;
pub mod text;
pub mod trademark;
pub mod user;
pub mod vocab;
pub mod wording;

pub use chrono;
pub use credit_code::CreditCode;
pub use division::{Division, DivisionCode};
pub use error::{Lang, Rule, Violation, Violations};
pub use ident::{Coordinate, Fen, NiceClass, RegNo};
pub use record::{RecordId, RecordKind};
