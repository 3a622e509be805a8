//! The one error every front end receives: `{kind, field, rule, params, message, problems}`.
//! Front ends switch on `kind` and translate by `rule`; `message` is there for logs and the CLI.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use terroir_core::{Lang, RecordKind, Rule, Violation, Violations};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// The input broke a rule; nothing was written.
    Validation,
    /// A referenced record, workspace or file does not exist.
    NotFound,
    /// The input clashes with what is stored (a taken credit code, an archived record, a step
    /// out of order).
    Conflict,
    /// The workspace could not be read or written.
    Storage,
    /// Another program (the desktop app, the command line) held the workspace's write lock
    /// past the busy timeout; nothing was written, and trying again is safe.
    Busy,
}

/// One broken rule, with its message in both languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct Problem {
    pub field: Option<String>,
    pub rule: Rule,
    pub params: BTreeMap<String, String>,
    pub message: Message,
}

/// A record the rules refuse (a bundle's record, or a stored one `check` reads again), with
/// every problem: field and rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct RecordProblems {
    pub kind: RecordKind,
    pub id: String,
    pub code: String,
    /// The record's name, cut to 100 characters.
    pub name: String,
    pub problems: Vec<Problem>,
}

impl RecordProblems {
    pub(crate) fn new(kind: RecordKind, id: &str, code: &str, name: &str, vs: Violations) -> Self {
        Self {
            kind,
            id: id.to_owned(),
            code: code.to_owned(),
            name: name.chars().take(100).collect(),
            problems: vs.0.into_iter().map(Problem::from).collect(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct Message {
    #[serde(rename = "zh-CN")]
    pub zh_cn: String,
    #[serde(rename = "en-US")]
    pub en_us: String,
}

/// The api's error: the first problem's fields at the top, every problem in `problems`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error, ts_rs::TS)]
#[ts(export)]
#[error("{}", message.en_us)]
pub struct ApiError {
    pub kind: ErrorKind,
    pub field: Option<String>,
    pub rule: Rule,
    pub params: BTreeMap<String, String>,
    pub message: Message,
    pub problems: Vec<Problem>,
}

pub type Result<T, E = ApiError> = std::result::Result<T, E>;

fn kind_of(rule: Rule) -> ErrorKind {
    use Rule::*;
    match rule {
        NotFound | WorkspaceMissing | FileMissing => ErrorKind::NotFound,
        CreditCodeTaken | RegNoTaken | CodeTaken | WorkspaceExists | Archived | NotArchived
        | FlowOrder | TrademarkTerminated | StillReferenced | StaleVersion | ChangedMeanwhile => {
            ErrorKind::Conflict
        }
        SchemaTooNew | NetworkFilesystem | Storage | BackupInvalid => ErrorKind::Storage,
        Busy => ErrorKind::Busy,
        _ => ErrorKind::Validation,
    }
}

impl Problem {
    pub fn from(v: Violation) -> Self {
        Problem {
            message: Message {
                zh_cn: v.message(Lang::Zh),
                en_us: v.message(Lang::En),
            },
            field: v.field,
            rule: v.rule,
            params: v.params,
        }
    }
}

impl ApiError {
    pub fn message(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.message.zh_cn,
            Lang::En => &self.message.en_us,
        }
    }

    pub fn storage(detail: impl std::fmt::Display) -> Self {
        Violation::storage(detail).into()
    }
}

impl From<Violations> for ApiError {
    fn from(vs: Violations) -> Self {
        let problems: Vec<Problem> = vs.0.into_iter().map(Problem::from).collect();
        let first = problems
            .first()
            .cloned()
            .unwrap_or_else(|| Problem::from(Violation::storage("no problem listed")));
        ApiError {
            kind: kind_of(first.rule),
            field: first.field,
            rule: first.rule,
            params: first.params,
            message: first.message,
            problems,
        }
    }
}

impl From<Violation> for ApiError {
    fn from(v: Violation) -> Self {
        Violations::from(v).into()
    }
}

impl From<terroir_store::Error> for ApiError {
    fn from(e: terroir_store::Error) -> Self {
        match e {
            terroir_store::Error::Rule(v) => v.into(),
            e if e.is_busy() => Violation::busy().into(),
            other => ApiError::storage(other),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_serialises_as_kind_field_rule_params_and_two_messages() {
        let e: ApiError = Violation::credit_code_check_digit("U", "X")
            .at("credit_code")
            .into();
        let json = serde_json::to_value(&e).unwrap();
        assert_eq!(json["kind"], "validation");
        assert_eq!(json["field"], "credit_code");
        assert_eq!(json["rule"], "credit_code_check_digit");
        assert_eq!(json["params"]["expected"], "U");
        assert!(
            json["message"]["zh-CN"]
                .as_str()
                .unwrap()
                .contains("校验码")
        );
        assert!(
            json["message"]["en-US"]
                .as_str()
                .unwrap()
                .contains("check character")
        );
    }

    #[test]
    fn rules_map_to_kinds() {
        assert_eq!(kind_of(Rule::NotFound), ErrorKind::NotFound);
        assert_eq!(kind_of(Rule::CreditCodeTaken), ErrorKind::Conflict);
        assert_eq!(kind_of(Rule::SchemaTooNew), ErrorKind::Storage);
        assert_eq!(kind_of(Rule::Required), ErrorKind::Validation);
    }
}
