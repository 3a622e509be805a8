//! The one error shape every front end sees: a broken rule, the field it concerns and the
//! parameters needed to explain it. Front ends translate by `rule`; nobody parses messages.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::messages;

/// Declares every rule once: its variant and its constructor with the parameters its message
/// asks for. A constructor is the only way to build a violation, so a parameter the message
/// does not name, or a missing one, cannot compile; `messages` tests each template against
/// [`PARAMS`].
macro_rules! rules {
    ($($rule:ident => $make:ident($($param:ident),*);)*) => {
        /// The rules Terroir enforces. The serialised name (snake_case) is the stable key that
        /// the CLI's `--json` output and the desktop's vue-i18n catalogue use.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
        #[ts(export)]
        #[serde(rename_all = "snake_case")]
        pub enum Rule {
            $($rule,)*
        }

        impl Violation {
            $(
                #[doc = concat!("A `", stringify!($make), "` violation.")]
                pub fn $make($($param: impl fmt::Display),*) -> Self {
                    Self::bare(Rule::$rule)$(.with(stringify!($param), $param))*
                }
            )*
        }

        /// The parameters each rule's constructor gives, in its order.
        #[cfg(test)]
        pub(crate) const PARAMS: &[(Rule, &[&str])] = &[$((Rule::$rule, &[$(stringify!($param)),*]),)*];
    };
}

rules! {
    Required => required();
    TooLong => too_long(max);
    EnumValue => enum_value(value, allowed);
    DateFormat => date_format(value);
    DateOrder => date_order(earlier, later);
    DurationFormat => duration_format(value);
    CreditCodeLength => credit_code_length(len);
    CreditCodeCharset => credit_code_charset(position, char);
    CreditCodeDivision => credit_code_division(value);
    CreditCodeCheckDigit => credit_code_check_digit(expected, found);
    DivisionCodeFormat => division_code_format(value);
    DivisionCodeUnknown => division_code_unknown(value);
    RegNoFormat => reg_no_format(value);
    NiceClassRange => nice_class_range(value);
    DuplicateValue => duplicate_value(value);
    MoneyFormat => money_format(value);
    CoordinateFormat => coordinate_format(value);
    ReasonRequired => reason_required();
    FlowOrder => flow_order(stage, action);
    TrademarkTerminated => trademark_terminated(state);
    PledgeConsentMissing => pledge_consent_missing(pledge, on);
    SimilarMarkKept => similar_mark_kept(marks, classes);
    BeforeInvalidation => before_invalidation(on, invalidated_on);
    NotApplicable => not_applicable(applies_to);
    JsonInput => json_input(detail);
    UnknownField => unknown_field();
    CreditCodeTaken => credit_code_taken(value, holder);
    RegNoTaken => reg_no_taken(value, holder);
    CaseNoTaken => case_no_taken(value, holder);
    CodeTaken => code_taken(value);
    ReferenceMissing => reference_missing(kind, kind_en, value);
    Archived => archived(code);
    NotArchived => not_archived(code);
    NotFound => not_found(kind, kind_en, value);
    WorkspaceExists => workspace_exists(path);
    WorkspaceMissing => workspace_missing(path);
    SchemaTooNew => schema_too_new(found, supported);
    NetworkFilesystem => network_filesystem(fstype);
    BackupInvalid => backup_invalid(path, detail);
    FileMissing => file_missing(path);
    StillReferenced => still_referenced(code, holder);
    GlyphMissing => glyph_missing(char, codepoint);
    WellKnownWording => well_known_wording(found);
    PhotoNotImage => photo_not_image(path);
    PhotoTruncated => photo_truncated(path, detail);
    PhotoTooLarge => photo_too_large(path, width, height, max);
    StandardMissing => standard_missing();
    ProfileMissing => profile_missing();
    PhotoMissing => photo_missing();
    SettingsRequired => settings_required();
    SheetNotSpreadsheet => sheet_not_spreadsheet();
    SheetEncoding => sheet_encoding();
    SheetDamaged => sheet_damaged(detail);
    SheetTooLarge => sheet_too_large(what, size, max);
    SheetZipBomb => sheet_zip_bomb(part, ratio);
    SheetDeclaredCount => sheet_declared_count(attr, declared, max);
    SheetTooMany => sheet_too_many(what, at, max);
    SheetNoHeader => sheet_no_header(expected);
    DuplicateInFile => duplicate_in_file(value, first_row);
    BundleInvalid => bundle_invalid(detail);
    PeriodFormat => period_format(value);
    WindowFormat => window_format(value);
    NothingEligible => nothing_eligible();
    ClaimsOnGuidance => claims_on_guidance();
    BudgetExceeded => budget_exceeded(jurisdiction, year, budget, committed, amount, remaining);
    BudgetMissing => budget_missing(jurisdiction, year);
    PdfUnreadable => pdf_unreadable(name, detail);
    DocumentFormat => document_format();
    DocumentDamaged => document_damaged(detail);
    DocumentTooLarge => document_too_large(what, size, max);
    DocumentZipBomb => document_zip_bomb(part, ratio);
    DocumentUnreadable => document_unreadable(page, detail);
    AttachmentTooLarge => attachment_too_large(name, size, max);
    TooMany => too_many(count, max);
    StaleVersion => stale_version(code, version, current, by, at);
    ChangedMeanwhile => changed_meanwhile(before, after);
    Busy => busy();
    CalendarDate => calendar_date(year, value);
    CalendarWorkday => calendar_workday(value);
    ClaimUnproven => claim_unproven(detail);
    NumberFormat => number_format(value);
    FineOverLimit => fine_over_limit(limit, turnover);
    FineOverBureauLimit => fine_over_bureau_limit(limit, basis);
    SellerStopOnly => seller_stop_only(supplier);
    WordingFine => wording_fine(expected, found);
    RepeatInfringer => repeat_infringer(code, years);
    TargetNotAboveBaseline => target_not_above_baseline(baseline);
    AmountNotPositive => amount_not_positive();
    PledgeNotRegistered => pledge_not_registered(mark);
    YearOutsidePeriod => year_outside_period(year, from, to);
    OutputOverSector => output_over_sector(output, sector);
    Storage => storage(detail);
}

impl Rule {
    /// The stable snake_case key of this rule.
    pub fn key(self) -> &'static str {
        messages::key(self)
    }
}

/// Message language. zh-CN is the master language of the product.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default, ts_rs::TS)]
#[ts(export)]
pub enum Lang {
    #[default]
    #[serde(rename = "zh-CN")]
    Zh,
    #[serde(rename = "en-US")]
    En,
}

/// The longest parameter value a message repeats, in characters.
pub const PARAM_MAX: usize = 100;

/// A broken rule. `field` names the input field (dotted for nested fields, e.g.
/// `area.divisions[2]`); `params` carry the values the message needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct Violation {
    pub field: Option<String>,
    pub rule: Rule,
    pub params: BTreeMap<String, String>,
}

impl Violation {
    fn bare(rule: Rule) -> Self {
        Self {
            field: None,
            rule,
            params: BTreeMap::new(),
        }
    }

    /// Attach the field this violation is about. An existing field is kept as a suffix, so
    /// nested parsers can say `divisions[2]` and the caller prefix `area.`.
    pub fn at(mut self, field: impl Into<String>) -> Self {
        let field = field.into();
        self.field = Some(match self.field.take() {
            Some(inner) if inner.starts_with('[') => format!("{field}{inner}"),
            Some(inner) => format!("{field}.{inner}"),
            None => field,
        });
        self
    }

    /// A parameter of the message (only the constructors above give them). A value longer than [`PARAM_MAX`] characters (a hostile
    /// input echoed back) is cut there and ends in "…", so no message grows with its input.
    fn with(mut self, key: &str, value: impl fmt::Display) -> Self {
        let mut value = value.to_string();
        if let Some((cut, _)) = value.char_indices().nth(PARAM_MAX) {
            value.truncate(cut);
            value.push('…');
        }
        self.params.insert(key.to_owned(), value);
        self
    }

    /// The message in the given language, with the field named.
    pub fn message(&self, lang: Lang) -> String {
        messages::render(self, lang)
    }
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for Violation {}

/// Several violations found while checking one input; never empty.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Violations(pub Vec<Violation>);

impl Violations {
    pub fn push(&mut self, v: Violation) {
        self.0.push(v);
    }

    /// Run `parse`, keeping its value or recording its violation under `field`.
    pub fn check<T>(
        &mut self,
        field: &str,
        parse: impl FnOnce() -> Result<T, Violation>,
    ) -> Option<T> {
        match parse() {
            Ok(v) => Some(v),
            Err(e) => {
                self.push(e.at(field));
                None
            }
        }
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// `Ok(value)` when nothing was recorded.
    pub fn finish<T>(self, value: impl FnOnce() -> T) -> Result<T, Violations> {
        if self.0.is_empty() {
            Ok(value())
        } else {
            Err(self)
        }
    }
}

impl From<Violation> for Violations {
    fn from(v: Violation) -> Self {
        Self(vec![v])
    }
}

pub type Result<T, E = Violation> = std::result::Result<T, E>;
