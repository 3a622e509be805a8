//! The history (操作记录) in words: each audit row as an inspector reads it. A data change shows
//! each field by its label with its old and new value; a flow step or legal event shows as that
//! step with its facts; a restore is offered only where data fields changed. Labels and values
//! are rendered here, in both languages, so every front end shows the same words.

use chrono::{Local, NaiveDate, TimeZone};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use terroir_core::date::parse_date;
use terroir_core::messages::field_word;
use terroir_core::text::Bilingual;
use terroir_core::{Fen, Lang, RecordKind, Violation};
use terroir_store::audit::{self, AuditEntry, AuditFilter};
use terroir_store::records as store;

use crate::entity::Entity;
use crate::records::by_kind;
use crate::{Result, Workspace};

/// Which rows a history page shows; every part optional. Dates are the user's local days,
/// both included.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct HistoryQuery {
    /// A record kind (`gi`, `trademark`…) or another audited entity (`budget`, `division`,
    /// `calendar`, `workspace`).
    pub entity: Option<String>,
    /// One record, by code or id (with `entity` naming its kind).
    pub record: Option<String>,
    pub actor: Option<String>,
    /// `YYYY-MM-DD`, as typed.
    pub from: Option<String>,
    pub to: Option<String>,
    pub offset: u32,
    pub limit: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct HistoryPage {
    pub rows: Vec<HistoryRow>,
    /// Whether older rows match too (the next page).
    pub more: bool,
    /// Everyone who appears in the log, for the filter.
    pub actors: Vec<String>,
}

/// One change in words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct HistoryRow {
    pub seq: i64,
    pub at: String,
    pub actor: String,
    /// The audited entity's key (a record kind's key, or `budget`, `division`…).
    pub entity: String,
    /// The record's kind, when the row is about a record.
    pub kind: Option<RecordKind>,
    pub code: Option<String>,
    pub name: Option<String>,
    /// What the entity is, in words (地理标志产品, 预算…).
    pub entity_label: Bilingual,
    pub action: String,
    pub action_label: Bilingual,
    /// A flow step or legal event with its facts ("省级审核：通过，审核人 …").
    pub step: Option<Bilingual>,
    /// The data fields a data change changed, old → new.
    pub changes: Vec<HistoryChange>,
    pub reason: Option<String>,
    /// Whether the record's data may be restored to what this row left (a data change, not
    /// the record's newest row, not an application).
    pub restorable: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct HistoryChange {
    pub field: String,
    pub label: Bilingual,
    pub before: Bilingual,
    pub after: Bilingual,
}

/// Actions that change a record's data as a whole (its attributes); every other action is a
/// step of its flow or a legal event, described as such.
const DATA_ACTIONS: [&str; 8] = [
    "insert",
    "update",
    "restore_value",
    "exchange",
    "import",
    "rename",
    "migrate",
    "unarchive",
];

/// Value words by field, per kind and the field it sits in, where the same name means
/// different things.
fn group_of(kind: Option<RecordKind>, parent: Option<&str>, field: &str) -> Option<&'static str> {
    use RecordKind::*;
    Some(match (kind, parent, field) {
        (_, Some("licences"), "kind") => "licenceKind",
        (_, Some("termination"), "kind") => "termination",
        (Some(Trademark), Some("decision"), "state") => "renewalDecision",
        (_, Some("decision"), "outcome") => "outcome",
        (_, Some("status_events"), "status") => "stage",
        (_, Some("steps"), "action") => "auditAction",
        (Some(Trademark), None, "kind") => "markKind",
        (Some(User), None, "kind") => "userKind",
        (Some(Application), None, "kind") => "appKind",
        (Some(Application), None, "state") => "appState",
        (Some(Gi), None, "status") => "giStatus",
        (_, _, "regime") => "regime",
        (_, _, "stage") => "stage",
        (_, _, "ground") => "ground",
        (_, _, "proceeding") => "proceeding",
        (_, _, "factor") => "factor",
        (_, _, "stacking") => "stacking",
        (_, _, "top_up") => "topUp",
        (_, _, "once_per") => "oncePer",
        (_, _, "item") => "awardItem",
        (_, _, "period") => "reportPeriod",
        _ => return None,
    })
}

/// A field's label where it sits: a pledge's `registered_on` is its registration, not the
/// mark's.
fn label_in(parent: Option<&str>, field: &str) -> Bilingual {
    let field = field.strip_suffix("_id").unwrap_or(field);
    match (parent, field) {
        (Some("pledges"), "registered_on") => label_of("pledge_registered_on"),
        _ => label_of(field),
    }
}

fn label_of(field: &str) -> Bilingual {
    let word = |lang| field_word(field, lang).unwrap_or(field).to_owned();
    Bilingual::new(word(Lang::Zh), word(Lang::En))
}

/// A key in words: its vocabulary word in `group` (or the action groups), else as written.
fn word_of(groups: &[&str], key: &str) -> Bilingual {
    for g in groups {
        if let (Some(zh), Some(en)) = (
            terroir_core::vocab::word(g, key, Lang::Zh),
            terroir_core::vocab::word(g, key, Lang::En),
        ) {
            return Bilingual::new(zh, en);
        }
    }
    Bilingual::new(key, key)
}

/// An audit row's snapshot of the record or table row (JSON), or null.
fn snapshot(s: &Option<String>) -> Value {
    s.as_deref()
        .and_then(|s| serde_json::from_str(s).ok())
        .unwrap_or(Value::Null)
}

/// A record snapshot's data (its attributes and lifecycle), empty when it has none.
fn record_data(snapshot: &Value) -> Map<String, Value> {
    snapshot
        .get("data")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default()
}

fn join(parts: Vec<Bilingual>, zh_sep: &str, en_sep: &str) -> Bilingual {
    Bilingual::new(
        parts
            .iter()
            .map(|p| p.zh.as_str())
            .collect::<Vec<_>>()
            .join(zh_sep),
        parts
            .iter()
            .map(|p| p.en.as_str())
            .collect::<Vec<_>>()
            .join(en_sep),
    )
}

impl Workspace {
    /// A page of the history in words, newest first.
    pub fn history(&self, q: &HistoryQuery) -> Result<HistoryPage> {
        let entity_id = match (
            q.entity.as_deref().and_then(RecordKind::from_key),
            &q.record,
        ) {
            (Some(kind), Some(key)) => Some(store::require(&self.conn, kind, key)?.id),
            (None, Some(_)) => {
                return Err(Violation::required().at("entity").into());
            }
            _ => None,
        };
        // The user's local days, as UTC instants (`at` is UTC).
        // A midnight a clock change skips counts from the UTC midnight.
        let instant = |d: NaiveDate| {
            let midnight = d.and_time(chrono::NaiveTime::MIN);
            let utc = Local
                .from_local_datetime(&midnight)
                .earliest()
                .map_or_else(|| midnight.and_utc(), |t| t.with_timezone(&chrono::Utc));
            Some(utc.to_rfc3339_opts(chrono::SecondsFormat::Millis, true))
        };
        let day = |field: &str, s: &Option<String>| -> Result<Option<NaiveDate>> {
            s.as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(|s| parse_date(s).map_err(|e| e.at(field).into()))
                .transpose()
        };
        let from = day("from", &q.from)?.and_then(instant);
        let to = day("to", &q.to)?
            .and_then(|d| d.succ_opt())
            .and_then(instant);
        let filter = AuditFilter {
            entity_id: entity_id.as_deref(),
            entity: q.entity.as_deref(),
            actor: q.actor.as_deref().filter(|a| !a.is_empty()),
            from: from.as_deref(),
            to: to.as_deref(),
        };
        let limit = q.limit.clamp(1, 500);
        let mut entries = audit::page(&self.conn, &filter, q.offset, limit + 1)?;
        let more = entries.len() > limit as usize;
        entries.truncate(limit as usize);
        let rows = entries
            .iter()
            .map(|e| self.history_row(e))
            .collect::<Result<_>>()?;
        Ok(HistoryPage {
            rows,
            more,
            actors: audit::actors(&self.conn)?,
        })
    }

    fn history_row(&self, e: &AuditEntry) -> Result<HistoryRow> {
        let (before, after) = (snapshot(&e.before), snapshot(&e.after));
        let kind = RecordKind::from_key(&e.entity);
        let text = |k: &str| {
            after
                .get(k)
                .or_else(|| before.get(k))
                .and_then(Value::as_str)
                .map(str::to_owned)
        };
        let entity_label = match kind {
            Some(k) => Bilingual::new(k.label(Lang::Zh), k.label(Lang::En)),
            None => word_of(&["auditEntity"], &e.entity),
        };
        let action_label = word_of(&["auditAction", "trademarkEvent"], &e.action);
        let (changes, step) = match kind {
            Some(kind) => {
                self.record_changes(kind, &e.action, &record_data(&before), &record_data(&after))
            }
            None => (self.table_row_changes(&before, &after), None),
        };
        let restorable = kind.is_some_and(|k| k != RecordKind::Application)
            && e.after.is_some()
            && e.action != "purge"
            && (!changes.is_empty() || e.action == "insert")
            && audit::latest_seq(&self.conn, &e.entity_id)? != Some(e.seq);
        Ok(HistoryRow {
            seq: e.seq,
            at: e.at.clone(),
            actor: e.actor.clone(),
            entity: e.entity.clone(),
            kind,
            // A table row is known by its key (a division code, a budget's jurisdiction/year).
            code: if kind.is_some() {
                text("code")
            } else {
                Some(e.entity_id.clone())
            },
            name: kind.and(text("name")),
            entity_label,
            action: e.action.clone(),
            action_label,
            step,
            changes,
            reason: e.reason.clone(),
            restorable,
        })
    }

    /// What `action` did to a record whose data went from `b` to `a`: the attributes an edit
    /// changed, old → new, or the step a lifecycle action took, in words. An insert shows
    /// neither.
    fn record_changes(
        &self,
        kind: RecordKind,
        action: &str,
        b: &Map<String, Value>,
        a: &Map<String, Value>,
    ) -> (Vec<HistoryChange>, Option<Bilingual>) {
        let data_change = DATA_ACTIONS.contains(&action);
        let attributes = by_kind!(kind, attribute_keys());
        let mut keys: Vec<&String> = b.keys().chain(a.keys()).collect();
        keys.sort();
        keys.dedup();
        let changed: Vec<&String> = keys
            .into_iter()
            .filter(|k| b.get(*k).unwrap_or(&Value::Null) != a.get(*k).unwrap_or(&Value::Null))
            .collect();
        if data_change && action != "insert" {
            let changes = changed
                .iter()
                .filter(|k| attributes.contains(k))
                .map(|k| HistoryChange {
                    field: (*k).clone(),
                    label: label_in(None, k),
                    before: self.value_words(Some(kind), None, k, b.get(*k)),
                    after: self.value_words(Some(kind), None, k, a.get(*k)),
                })
                .collect();
            (changes, None)
        } else if !data_change {
            let parts: Vec<Bilingual> = changed
                .iter()
                // The state follows from the step itself.
                .filter(|k| !attributes.contains(k) && k.as_str() != "state")
                .filter_map(|k| self.step_words(kind, k, b.get(*k), a.get(*k)))
                .collect();
            (vec![], (!parts.is_empty()).then(|| join(parts, "；", "; ")))
        } else {
            (vec![], None)
        }
    }

    /// The fields a table row (budget, division, calendar year) changed, old → new.
    fn table_row_changes(&self, before: &Value, after: &Value) -> Vec<HistoryChange> {
        let Value::Object(a) = after else {
            return vec![];
        };
        let empty = Map::new();
        let b = before.as_object().unwrap_or(&empty);
        let mut keys: Vec<&String> = b.keys().chain(a.keys()).collect();
        keys.sort();
        keys.dedup();
        let mut changes = vec![];
        for k in keys {
            let (x, y) = (b.get(k), a.get(k));
            if x != y {
                changes.push(HistoryChange {
                    field: k.clone(),
                    label: label_of(k),
                    before: self.value_words(None, None, k, x),
                    after: self.value_words(None, None, k, y),
                });
            }
        }
        changes
    }

    /// A lifecycle field's change as a step: the elements a flow or event added or changed,
    /// each with its facts.
    fn step_words(
        &self,
        kind: RecordKind,
        field: &str,
        before: Option<&Value>,
        after: Option<&Value>,
    ) -> Option<Bilingual> {
        let label = label_of(field);
        let facts = match (before, after) {
            (_, Some(Value::Array(now))) => {
                let was = before
                    .and_then(Value::as_array)
                    .map_or(&[][..], Vec::as_slice);
                let parts: Vec<Bilingual> = now
                    .iter()
                    .enumerate()
                    .filter(|(i, v)| was.get(*i) != Some(*v))
                    .map(|(_, v)| self.facts(Some(kind), Some(field), v))
                    .collect();
                if parts.is_empty() {
                    return None;
                }
                join(parts, "；", "; ")
            }
            (_, Some(v @ Value::Object(_))) => self.facts(Some(kind), Some(field), v),
            (_, None | Some(Value::Null)) => Bilingual::new("已清除", "cleared"),
            (_, Some(v)) => self.value_words(Some(kind), None, field, Some(v)),
        };
        Some(Bilingual::new(
            format!("{}：{}", label.zh, facts.zh),
            format!("{}: {}", label.en, facts.en),
        ))
    }

    /// An object's facts: each filled scalar field as "label value".
    fn facts(&self, kind: Option<RecordKind>, parent: Option<&str>, v: &Value) -> Bilingual {
        let Value::Object(m) = v else {
            return self.value_words(kind, None, parent.unwrap_or(""), Some(v));
        };
        let parts: Vec<Bilingual> = m
            .iter()
            .filter(|(_, x)| !x.is_null() && !x.is_array())
            .map(|(k, x)| {
                let l = label_in(parent, k);
                if x.is_object() {
                    let f = self.facts(kind, Some(k), x);
                    return Bilingual::new(
                        format!("{}（{}）", l.zh, f.zh),
                        format!("{} ({})", l.en, f.en),
                    );
                }
                let w = self.value_words(kind, parent, k, Some(x));
                Bilingual::new(format!("{} {}", l.zh, w.zh), format!("{} {}", l.en, w.en))
            })
            .collect();
        join(parts, "，", ", ")
    }

    /// A value in words: a vocabulary word, money in yuan, a referenced record by its code and
    /// name, a list joined, nothing as "—".
    fn value_words(
        &self,
        kind: Option<RecordKind>,
        parent: Option<&str>,
        field: &str,
        v: Option<&Value>,
    ) -> Bilingual {
        match v {
            None | Some(Value::Null) => Bilingual::new("—", "—"),
            Some(Value::Bool(b)) if field == "passed" => {
                if *b {
                    Bilingual::new("通过", "passed")
                } else {
                    Bilingual::new("不通过", "failed")
                }
            }
            Some(Value::Bool(b)) => {
                if *b {
                    Bilingual::new("是", "yes")
                } else {
                    Bilingual::new("否", "no")
                }
            }
            Some(Value::Number(n))
                if matches!(
                    field,
                    "amount"
                        | "total"
                        | "due"
                        | "budget"
                        | "amount_fen"
                        | "output_value"
                        | "sector_output"
                        | "e_commerce"
                        | "min_output"
                        | "interest_subsidy"
                        | "risk_compensation"
                ) =>
            {
                let s = n
                    .as_i64()
                    .map_or_else(|| n.to_string(), |f| Fen(f).to_string());
                Bilingual::new(s.clone(), s)
            }
            Some(Value::Number(n)) => Bilingual::new(n.to_string(), n.to_string()),
            Some(Value::String(s)) if matches!(field, "division" | "jurisdiction") => {
                let name = terroir_store::tables::division_name(&self.conn, s)
                    .ok()
                    .flatten()
                    .map_or_else(|| s.clone(), |n| format!("{s} {n}"));
                Bilingual::new(name.clone(), name)
            }
            Some(Value::String(s)) if field.ends_with("_id") => {
                let name = RecordKind::ALL.into_iter().find_map(|k| {
                    store::get(&self.conn, k, s)
                        .ok()
                        .flatten()
                        .map(|r| format!("{} {}", r.code, r.name))
                });
                let s = name.unwrap_or_else(|| s.clone());
                Bilingual::new(s.clone(), s)
            }
            Some(Value::String(s)) => match group_of(kind, parent, field) {
                Some(g) => word_of(&[g], s),
                None => Bilingual::new(s.clone(), s.clone()),
            },
            Some(Value::Array(xs)) if xs.iter().all(|x| !x.is_object() && !x.is_array()) => {
                let parts = xs
                    .iter()
                    .map(|x| self.value_words(kind, parent, field, Some(x)))
                    .collect();
                join(parts, "、", ", ")
            }
            Some(Value::Array(xs)) => {
                Bilingual::new(format!("{} 项", xs.len()), format!("{} items", xs.len()))
            }
            Some(v @ Value::Object(_)) => self.facts(kind, Some(field), v),
        }
    }
}

/// The data keys that hold a kind's attributes (what its input sets): each input field, as
/// itself or as the `_id` of the record it names, and the values built from several fields.
fn attribute_keys<E: Entity>() -> Vec<String> {
    let input = serde_json::to_value(E::Input::default()).unwrap_or(Value::Null);
    let mut keys: Vec<String> = input
        .as_object()
        .map(|m| {
            m.keys()
                .flat_map(|k| [k.clone(), format!("{k}_id")])
                .collect()
        })
        .unwrap_or_default();
    keys.extend(
        match E::KIND {
            RecordKind::Gi => &["area"][..],
            RecordKind::Candidate => &["intended"][..],
            _ => &[][..],
        }
        .iter()
        .map(|s| (*s).to_owned()),
    );
    keys.push("name".into());
    keys
}
