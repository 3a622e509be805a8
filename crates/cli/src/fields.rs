//! Record fields as command-line flags. Each set serialises to the JSON input the api takes:
//! flags not given are left out; an empty value (`--division ""`) clears the field on edit.

use clap::Args;
use serde::Serialize;
use serde_json::{Map, Value};

fn is_empty(v: &[String]) -> bool {
    v.is_empty()
}

#[derive(Debug, Default, Args, Serialize)]
pub struct GiFields {
    /// Product name, e.g. 信阳毛尖
    #[arg(long)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Category from the category table, e.g. 食用农林产品及食品
    #[arg(long)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    /// The county or city that catalogues the product (division code); lists, county batches
    /// and counts go by it
    #[arg(long)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub responsible: Option<String>,
    /// Division codes of the production area (repeat or separate with commas)
    #[arg(long = "division", value_delimiter = ',')]
    #[serde(rename = "divisions", skip_serializing_if = "is_empty")]
    pub divisions: Vec<String>,
    /// Townships and villages of the production area (repeat or separate with commas)
    #[arg(long = "place", value_delimiter = ',')]
    #[serde(rename = "places", skip_serializing_if = "is_empty")]
    pub places: Vec<String>,
    #[arg(long)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub area_description: Option<String>,
    /// Centre of the area as latitude,longitude
    #[arg(long)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub centre: Option<String>,
    #[arg(long)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quality_requirements: Option<String>,
    /// History and cultural link
    #[arg(long)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub history: Option<String>,
    #[arg(long)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contact: Option<String>,
    /// What the product is, printed at the head of its dossier (产品简介)
    #[arg(long)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub profile: Option<String>,
    /// The bureau's own remarks, never printed
    #[arg(long)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

#[derive(Debug, Default, Args, Serialize)]
pub struct EnterpriseFields {
    #[arg(long)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Unified social credit code (18 characters; case, full-width and spaces are normalised)
    #[arg(long)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub credit_code: Option<String>,
    /// Division code, e.g. 411525
    #[arg(long)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub division: Option<String>,
    #[arg(long)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    #[arg(long)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contact_person: Option<String>,
    #[arg(long)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    #[arg(long)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

#[derive(Debug, Default, Args, Serialize)]
pub struct UserFields {
    /// The GI product (code, id or name)
    #[arg(long)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gi: Option<String>,
    /// The enterprise (code, id, credit code or name)
    #[arg(long)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enterprise: Option<String>,
    /// approved_producer | collective_member | certification_licensee | other_recorded
    #[arg(long)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    #[arg(long)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub applied_on: Option<String>,
    #[arg(long)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

#[derive(Debug, Default, Args, Serialize)]
pub struct TrademarkFields {
    /// Registration number (digits; G prefix international, A suffix divisional)
    #[arg(long)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reg_no: Option<String>,
    /// The mark as words
    #[arg(long)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Nice classes (repeat or separate with commas)
    #[arg(long = "class", value_delimiter = ',')]
    #[serde(rename = "classes", skip_serializing_if = "is_empty")]
    pub classes: Vec<String>,
    #[arg(long)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub goods: Option<String>,
    /// Registrant enterprise (code, id, credit code or name)
    #[arg(long)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub registrant: Option<String>,
    /// ordinary | collective | certification
    #[arg(long)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// Whether this is a GI mark
    #[arg(long)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gi: Option<bool>,
    #[arg(long)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub filed_on: Option<String>,
    #[arg(long)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub registered_on: Option<String>,
    #[arg(long)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

#[derive(Debug, Default, Args, Serialize)]
pub struct CandidateFields {
    #[arg(long)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trademark: Option<String>,
    #[arg(long)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enterprise: Option<String>,
    /// The proceeding the file is prepared for: opposition, refusal_review, invalidation,
    /// enforcement or court
    #[arg(long)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub proceeding: Option<String>,
    /// The opposed or challenged mark, or the case
    #[arg(long)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub counterpart: Option<String>,
    /// The date readiness counts back from (the opposed mark's or the challenged
    /// registration's filing date, or the date protection is requested)
    #[arg(long)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reference_on: Option<String>,
    #[arg(long)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

/// The JSON of the flags given; empty strings become `null` (clear the field).
pub fn to_json(fields: &impl Serialize) -> Map<String, Value> {
    match serde_json::to_value(fields) {
        Ok(Value::Object(m)) => m
            .into_iter()
            .map(|(k, v)| match v {
                Value::String(s) if s.trim().is_empty() => (k, Value::Null),
                v => (k, v),
            })
            .collect(),
        _ => Map::new(),
    }
}

/// Flag sets of the trademark events, one per core input. Each declares its flags with their
/// help; Rust's parser says which are required and why.
macro_rules! event_flags {
    ($($(#[$doc:meta])* $name:ident { $($(#[$fdoc:meta])* $field:ident),* $(,)? })*) => {$(
        $(#[$doc])*
        #[derive(Debug, Default, Args, Serialize)]
        pub struct $name {
            $(
                $(#[$fdoc])*
                #[arg(long)]
                #[serde(skip_serializing_if = "Option::is_none")]
                pub $field: Option<String>,
            )*
        }
    )*};
}

event_flags! {
    RenewalApprovalFlags {
        /// CNIPA's announcement number of the approved renewal
        announcement_no,
        announced_on,
    }
    RenewalRefusalFlags { on, reason }
    LicenceFlags {
        /// Licensee enterprise (code, id, credit code or name)
        licensee,
        /// exclusive (独占) | sole (排他) | ordinary (普通)
        kind,
        /// The goods or services licensed
        goods,
        from,
        to,
        /// Recordal number (a licence is recorded when it has one, with its date)
        recordal_no,
        recorded_on,
        /// The pledgee's consent, when a pledge is in force: its date and document
        consent_on,
        consent_no,
    }
    AssignmentFlags {
        /// Assignee enterprise (code, id, credit code or name)
        to,
        /// The announcement of the approved assignment: number and date
        announcement_no,
        announced_on,
        /// The pledgee's consent, when a pledge is in force: its date and document
        consent_on,
        consent_no,
    }
    PledgeFlags {
        pledgee,
        /// Amount in yuan
        amount,
        /// The pledge's registration (出质登记): number and date; it is in force from then
        registration_no,
        registered_on,
        term_ends,
    }
    PledgeReleaseFlags {
        /// The registration number of the pledge released
        registration_no,
        on,
        document_no,
    }
    TerminationFlags {
        /// deregistered | revoked | invalidated
        kind,
        /// For a deregistration: not_renewed | surrendered
        ground,
        /// The deregistration's or revocation's announcement, or the invalidation's decision
        on,
        /// For a surrender: the day CNIPA received it
        effective_on,
        document_no,
        reason,
    }
}

/// A flag set read as the core input it stands for (the flags are the input's fields, as a test
/// below holds them, so this fails only on a bug).
pub trait IntoInput: Serialize + Sized {
    fn into_input<T: serde::de::DeserializeOwned>(self) -> Result<T, terroir_api::ApiError> {
        serde_json::from_value(Value::Object(to_json(&self)))
            .map_err(|e| terroir_api::core::Violation::json_input(e).into())
    }
}

impl IntoInput for RenewalApprovalFlags {}
impl IntoInput for RenewalRefusalFlags {}
impl IntoInput for LicenceFlags {}
impl IntoInput for AssignmentFlags {}
impl IntoInput for PledgeFlags {}
impl IntoInput for PledgeReleaseFlags {}
impl IntoInput for TerminationFlags {}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use clap::{Command, FromArgMatches};
    use terroir_api::core::application::ApplicationInput;
    use terroir_api::core::candidate::CandidateInput;
    use terroir_api::core::enterprise::EnterpriseInput;
    use terroir_api::core::gi::GiInput;
    use terroir_api::core::incentive::IncentiveRuleInput;
    use terroir_api::core::trademark::{
        AssignmentInput, LicenceInput, PledgeInput, PledgeReleaseInput, RenewalApprovalInput,
        RenewalRefusalInput, TerminationInput, TrademarkInput,
    };
    use terroir_api::core::user::UserInput;

    use super::*;
    use crate::workbench::{ApplicationFields, RuleFields};

    /// The input fields a flag set can give: every flag set once.
    fn flag_fields<F: Args + FromArgMatches + Serialize>() -> BTreeSet<String> {
        let cmd = F::augment_args(Command::new("t").no_binary_name(true));
        let mut argv = vec![];
        for a in cmd.get_arguments() {
            let long = a.get_long().expect("every field is a long flag");
            argv.push(format!("--{long}"));
            if a.get_action().takes_values() {
                argv.push("true".to_owned());
            }
        }
        let m = cmd.try_get_matches_from(argv).unwrap();
        to_json(&F::from_arg_matches(&m).unwrap())
            .keys()
            .cloned()
            .collect()
    }

    fn input_fields<T: Default + Serialize>() -> BTreeSet<String> {
        let Value::Object(m) = serde_json::to_value(T::default()).unwrap() else {
            panic!("an input is an object")
        };
        m.keys().cloned().collect()
    }

    /// Each flag is a field Rust reads, and each field Rust reads has a flag unless another
    /// command edits it (named here).
    fn same<F, T>(elsewhere: &[&str])
    where
        F: Args + FromArgMatches + Serialize,
        T: Default + Serialize,
    {
        let flags = flag_fields::<F>();
        let mut fields = input_fields::<T>();
        for e in elsewhere {
            assert!(fields.remove(*e), "{e} is not a field");
        }
        assert_eq!(flags, fields, "{}", std::any::type_name::<F>());
    }

    #[test]
    fn the_flags_are_the_fields_rust_reads() {
        same::<GiFields, GiInput>(&["protections", "status_history"]);
        same::<EnterpriseFields, EnterpriseInput>(&[]);
        same::<UserFields, UserInput>(&[]);
        same::<TrademarkFields, TrademarkInput>(&[]);
        same::<CandidateFields, CandidateInput>(&[]);
        same::<ApplicationFields, ApplicationInput>(&[]);
        same::<RuleFields, IncentiveRuleInput>(&[]);
        same::<RenewalApprovalFlags, RenewalApprovalInput>(&[]);
        same::<RenewalRefusalFlags, RenewalRefusalInput>(&[]);
        same::<LicenceFlags, LicenceInput>(&[]);
        same::<AssignmentFlags, AssignmentInput>(&[]);
        same::<PledgeFlags, PledgeInput>(&[]);
        same::<PledgeReleaseFlags, PledgeReleaseInput>(&[]);
        same::<TerminationFlags, TerminationInput>(&[]);
    }
}
