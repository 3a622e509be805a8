//! The one error shape every front end sees: a broken rule, the field it concerns and the
//! parameters needed to explain it. Front ends translate by `rule`; nobody parses messages.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::messages;

/// The rules Terroir enforces. The serialised name (snake_case) is the stable key that the
/// CLI's `--json` output and the desktop's vue-i18n catalogue use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    Required,
    TooLong,
    EnumValue,
    DateFormat,
    DateOrder,
    DurationFormat,
    CreditCodeLength,
    CreditCodeCharset,
    CreditCodeDivision,
    CreditCodeCheckDigit,
    DivisionCodeFormat,
    DivisionCodeUnknown,
    RegNoFormat,
    NiceClassRange,
    DuplicateValue,
    MoneyFormat,
    CoordinateFormat,
    ReasonRequired,
    FlowOrder,
    TrademarkTerminated,
    JsonInput,
    UnknownField,
    CreditCodeTaken,
    RegNoTaken,
    CodeTaken,
    ReferenceMissing,
    Archived,
    NotArchived,
    NotFound,
    WorkspaceExists,
    WorkspaceMissing,
    SchemaTooNew,
    NetworkFilesystem,
    BackupInvalid,
    FileMissing,
    StillReferenced,
    GlyphMissing,
    WellKnownWording,
    PhotoNotImage,
    PhotoTruncated,
    PhotoTooLarge,
    StandardMissing,
    SheetNotSpreadsheet,
    SheetEncoding,
    SheetDamaged,
    SheetTooLarge,
    SheetZipBomb,
    SheetDeclaredCount,
    SheetTooMany,
    SheetNoHeader,
    DuplicateInFile,
    BundleInvalid,
    PeriodFormat,
    WindowFormat,
    NothingEligible,
    ClaimsOnGuidance,
    BudgetExceeded,
    BudgetMissing,
    PdfUnreadable,
    AttachmentTooLarge,
    TooMany,
    StaleVersion,
    ChangedMeanwhile,
    Busy,
    CalendarDate,
    CalendarWorkday,
    Storage,
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
    pub fn new(rule: Rule) -> Self {
        Self {
            field: None,
            rule,
            params: BTreeMap::new(),
        }
    }

    /// A date before the one it must follow (`date_order`): the parameters are typed by this
    /// one constructor, so a message cannot ask for names the code does not give.
    pub fn date_order(earlier: impl fmt::Display, later: impl fmt::Display) -> Self {
        Self::new(Rule::DateOrder)
            .with("earlier", earlier)
            .with("later", later)
    }

    /// A step the flow does not allow at this stage (`flow_order`).
    pub fn flow_order(stage: impl fmt::Display, action: impl fmt::Display) -> Self {
        Self::new(Rule::FlowOrder)
            .with("stage", stage)
            .with("action", action)
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

    /// A parameter of the message. A value longer than [`PARAM_MAX`] characters (a hostile
    /// input echoed back) is cut there and ends in "…", so no message grows with its input.
    pub fn with(mut self, key: &str, value: impl fmt::Display) -> Self {
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
