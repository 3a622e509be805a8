//! Enterprises (企业): producers, associations, cooperatives. One enterprise per credit code,
//! shared by every role (registrant, authorised user, licensee, candidate, applicant).

use serde::{Deserialize, Serialize};

use crate::error::Violations;
use crate::record::{LINE_MAX, Lookup, NAME_MAX, PHONE_MAX, optional_text, required_text};
use crate::{CreditCode, DivisionCode, Violation};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct Enterprise {
    pub name: String,
    /// Optional because catalogues inherited from spreadsheets often lack it; unique when set.
    pub credit_code: Option<CreditCode>,
    pub division: Option<DivisionCode>,
    pub address: Option<String>,
    pub contact_person: Option<String>,
    pub phone: Option<String>,
    pub notes: Option<String>,
}

/// An enterprise is all attributes.
impl crate::record::Lifecycle for Enterprise {
    fn take_lifecycle(&mut self, current: &Self) {
        let Enterprise {
            name: _,
            credit_code: _,
            division: _,
            address: _,
            contact_person: _,
            phone: _,
            notes: _,
        } = current;
    }
}

/// An enterprise as typed: every field text, parsed by [`EnterpriseInput::parse`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(default, deny_unknown_fields)]
pub struct EnterpriseInput {
    pub name: Option<String>,
    pub credit_code: Option<String>,
    pub division: Option<String>,
    pub address: Option<String>,
    pub contact_person: Option<String>,
    pub phone: Option<String>,
    pub notes: Option<String>,
}

/// Parse an optional division code that must exist in the workspace's division table.
pub fn known_division(
    input: Option<&str>,
    lookup: &dyn Lookup,
) -> Result<Option<DivisionCode>, Violation> {
    let Some(s) = input.filter(|s| !s.trim().is_empty()) else {
        return Ok(None);
    };
    let code = DivisionCode::parse(s)?;
    if !lookup.division_known(&code) {
        return Err(Violation::division_code_unknown(&code));
    }
    Ok(Some(code))
}

impl EnterpriseInput {
    pub fn parse(&self, lookup: &dyn Lookup) -> Result<Enterprise, Violations> {
        let mut v = Violations::default();
        let name = v.check("name", || {
            required_text(self.name.as_deref().unwrap_or(""), NAME_MAX)
        });
        let credit_code = v.check("credit_code", || {
            self.credit_code
                .as_deref()
                .filter(|s| !s.trim().is_empty())
                .map(CreditCode::parse)
                .transpose()
        });
        let division = v.check("division", || {
            known_division(self.division.as_deref(), lookup)
        });
        let address = v.check("address", || {
            optional_text(self.address.as_deref(), LINE_MAX)
        });
        let contact_person = v.check("contact_person", || {
            optional_text(self.contact_person.as_deref(), NAME_MAX)
        });
        let phone = v.check("phone", || optional_text(self.phone.as_deref(), PHONE_MAX));
        let notes = v.check("notes", || {
            optional_text(self.notes.as_deref(), LINE_MAX * 4)
        });
        v.finish(|| Enterprise {
            name: name.unwrap(),
            credit_code: credit_code.unwrap(),
            division: division.unwrap(),
            address: address.unwrap(),
            contact_person: contact_person.unwrap(),
            phone: phone.unwrap(),
            notes: notes.unwrap(),
        })
    }
}

impl Enterprise {
    pub fn to_input(&self) -> EnterpriseInput {
        EnterpriseInput {
            name: Some(self.name.clone()),
            credit_code: self.credit_code.as_ref().map(ToString::to_string),
            division: self.division.as_ref().map(ToString::to_string),
            address: self.address.clone(),
            contact_person: self.contact_person.clone(),
            phone: self.phone.clone(),
            notes: self.notes.clone(),
        }
    }
}
