//! Enforcement cases' flow and the statistics form (案件统计表). A decision finds whether the
//! party is a repeat infringer from the other cases (`case_ref`); the form's rows are bureau
//! data, and each row's figure is summed by SQL over the case table's key columns, the
//! same selection the case list makes with the same filters.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use terroir_core::Violation;
use terroir_core::case::{Action, BureauLimit, CaseKind, EnforcementCase, MEASURES, REPEAT_YEARS};
use terroir_core::date::parse_date;
use terroir_core::ident::Fen;
use terroir_core::record::{LINE_MAX, RecordKind, enum_value, required_text};
use terroir_store::cases::{self as store_cases, Day, FormRow, KindSums, PARTY};
use terroir_store::records as store;

use crate::dossier::{Printed, create_dir, dossier_error, file_name};
use crate::error::{ApiError, Result};
use crate::records::{RecordDto, decode};
use crate::workbench::day;
use crate::workspace::Workspace;

/// One flow step of a case. Dates default to today; amounts are yuan as typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(tag = "step", rename_all = "snake_case")]
pub enum CaseStep {
    Investigate {
        on: Option<String>,
        investigator: String,
    },
    Decide {
        on: Option<String>,
        /// 处罚 (true) or 不予处罚 (false).
        penalised: bool,
        number: String,
        fine: Option<String>,
        confiscation: Option<String>,
        order_to_stop: bool,
        /// A seller who did not know names its supplier here (ordered to stop only).
        supplier: Option<String>,
        /// Why there is no penalty.
        reason: Option<String>,
    },
    Transfer {
        on: Option<String>,
        receiver: String,
        note: Option<String>,
    },
    Close {
        on: Option<String>,
        note: Option<String>,
    },
}

/// A fine limit the bureau set for a kind of case (see [`BureauLimit`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct FineLimit {
    pub kind: CaseKind,
    pub max: Fen,
    pub basis: String,
}

/// The kinds whose fine limit the bureau may set, and the limits it set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct FineLimits {
    pub kinds: Vec<CaseKind>,
    pub limits: Vec<FineLimit>,
}

/// A row of the form as the bureau edits it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct StatsRowInput {
    pub label: String,
    /// Case kind keys; empty for every kind.
    pub kinds: Vec<String>,
    /// One of [`terroir_core::case::MEASURES`].
    pub measure: String,
}

/// A row of the computed form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct StatsLine {
    pub label: String,
    pub kinds: Vec<CaseKind>,
    pub measure: String,
    /// A count of cases, or fen for `fines` and `turnover`.
    pub value: i64,
    /// Whether the value is money (fen).
    pub money: bool,
    /// The row came with the sample (the official form was not available).
    pub sample: bool,
}

/// The statistics form for a period and jurisdiction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct EnforcementStats {
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// The jurisdiction counted (all when `None`), and its name.
    pub division: Option<String>,
    pub division_name: Option<String>,
    pub lines: Vec<StatsLine>,
}

impl Workspace {
    /// Move a case through its flow. A decision on an infringement finds an earlier decided
    /// infringement case against any of the same parties within five years.
    pub fn case_step(&mut self, key: &str, step: CaseStep) -> Result<RecordDto> {
        let today = self.today();
        let (action_key, reason) = match &step {
            CaseStep::Investigate { .. } => ("investigate", None),
            CaseStep::Decide { reason, .. } => ("decide", reason.clone()),
            CaseStep::Transfer { note, .. } => ("transfer", note.clone()),
            CaseStep::Close { note, .. } => ("close", note.clone()),
        };
        self.change::<EnforcementCase>(key, action_key, reason.as_deref(), |case, lookup| {
            let action = match step {
                CaseStep::Investigate { on, investigator } => Action::Investigate {
                    on: day(&on, today)?,
                    investigator,
                },
                CaseStep::Decide {
                    on,
                    penalised,
                    number,
                    fine,
                    confiscation,
                    order_to_stop,
                    supplier,
                    reason,
                } => {
                    let on = day(&on, today)?;
                    let fine = fine
                        .as_deref()
                        .filter(|f| !f.trim().is_empty())
                        .map(Fen::parse_yuan)
                        .transpose()
                        .map_err(|e| e.at("fine"))?;
                    let repeat_of = if case.kind == CaseKind::MarkInfringement {
                        repeat_of(lookup.0, key, case, on)?
                    } else {
                        None
                    };
                    let bureau_limit =
                        store_cases::fine_limit(lookup.0, case.kind.key())?.map(|(max, basis)| {
                            BureauLimit {
                                max: Fen(max),
                                basis,
                            }
                        });
                    Action::Decide {
                        on,
                        penalised,
                        number,
                        fine,
                        confiscation,
                        order_to_stop,
                        supplier,
                        reason,
                        repeat_of,
                        bureau_limit,
                    }
                }
                CaseStep::Transfer { on, receiver, note } => Action::Transfer {
                    on: day(&on, today)?,
                    receiver,
                    note,
                },
                CaseStep::Close { on, note } => Action::Close {
                    on: day(&on, today)?,
                    note,
                },
            };
            case.apply(action)?;
            Ok(())
        })
    }

    /// Attach files to a case (read and checked before anything is stored; kept by content
    /// hash; a file already attached is not attached twice).
    pub fn attach_case_files(
        &mut self,
        key: &str,
        files: &[std::path::PathBuf],
    ) -> Result<RecordDto> {
        self.change_with_files(key, "attach", files, |c: &mut EnforcementCase, incoming| {
            for f in incoming {
                if !c.attachments.iter().any(|g| g.sha256 == f.sha256) {
                    c.attachments.push(f);
                }
            }
            Ok(())
        })
    }

    /// The cases that name `key` (a record of kind `of`) as a party or a related record.
    pub(crate) fn cases_of(
        &self,
        of: RecordKind,
        key: &str,
        limit: u32,
        offset: u32,
    ) -> Result<Vec<RecordDto>> {
        let id = store::require(&self.conn, of, key)?.id;
        let (r, role) = if of == RecordKind::Enterprise {
            (format!("enterprise:{id}"), PARTY)
        } else {
            (id, store_cases::RELATED)
        };
        store_cases::referring_page(&self.conn, &r, role, limit, offset)?
            .into_iter()
            .map(|row| self.to_dto(RecordKind::Case, row))
            .collect()
    }

    /// The kinds whose fine limit the bureau may set, and the limits it set, by kind.
    pub fn fine_limits(&self) -> Result<FineLimits> {
        let limits = store_cases::fine_limits(&self.conn)?
            .into_iter()
            .filter_map(|(k, max, basis)| {
                Some(FineLimit {
                    kind: enum_value(&k, &CaseKind::KEYS).ok()?,
                    max: Fen(max),
                    basis,
                })
            })
            .collect();
        let kinds = CaseKind::KEYS
            .iter()
            .filter_map(|k| enum_value::<CaseKind>(k, &CaseKind::KEYS).ok())
            .filter(|k| k.limit_is_bureau_data())
            .collect();
        Ok(FineLimits { kinds, limits })
    }

    /// Set a kind's fine limit (yuan as typed, with what it rests on), or remove it with
    /// `max` empty; audited. Refused for the kinds whose limit the law sets.
    pub fn set_fine_limit(
        &mut self,
        kind: &str,
        max: Option<&str>,
        basis: Option<&str>,
        reason: Option<&str>,
    ) -> Result<FineLimits> {
        let k: CaseKind = enum_value(kind, &CaseKind::KEYS).map_err(|e| e.at("kind"))?;
        if !k.limit_is_bureau_data() {
            return Err(Violation::not_applicable(
                "法律未规定罚款计算方式的案件类型 / a kind of case whose limit the law does not set",
            )
            .at("kind")
            .into());
        }
        let max = max
            .map(str::trim)
            .filter(|m| !m.is_empty())
            .map(|m| Fen::parse_yuan(m).map_err(|e| e.at("max")))
            .transpose()?;
        let basis = match max {
            Some(_) => {
                Some(required_text(basis.unwrap_or(""), LINE_MAX).map_err(|e| e.at("basis"))?)
            }
            None => None,
        };
        let stamp = self.stamp();
        let tx = terroir_store::begin(&mut self.conn)?;
        let limit = max.zip(basis.as_deref()).map(|(m, b)| (m.0, b));
        store_cases::set_fine_limit(&tx, &stamp, k.key(), limit, reason)?;
        tx.commit().map_err(terroir_store::Error::from)?;
        self.fine_limits()
    }

    /// The statistics form's rows as the bureau set them.
    pub fn stats_form(&self) -> Result<Vec<StatsRowInput>> {
        Ok(store_cases::form(&self.conn)?
            .into_iter()
            .map(|r| StatsRowInput {
                label: r.label,
                kinds: r.kinds,
                measure: r.measure,
            })
            .collect())
    }

    /// Replace the form's rows (checked: a label, known kinds, a known measure); audited.
    pub fn set_stats_form(&mut self, rows: &[StatsRowInput], reason: Option<&str>) -> Result<()> {
        let rows = check_form(rows)?;
        self.write_form(&rows, reason)
    }

    pub(crate) fn write_form(&mut self, rows: &[FormRow], reason: Option<&str>) -> Result<()> {
        let stamp = self.stamp();
        let tx = terroir_store::begin(&mut self.conn)?;
        store_cases::set_form(&tx, &stamp, rows, reason)?;
        tx.commit().map_err(terroir_store::Error::from)?;
        Ok(())
    }

    /// Compute the form for [from, to] in `division` (a province, city or county; all when
    /// `None`). Each row sums the live cases of its kinds whose day for its measure falls in
    /// the period: opened (cases), closed, decided (penalised, fines, turnover), transferred.
    pub fn enforcement_stats(
        &self,
        from: &str,
        to: &str,
        division: Option<&str>,
    ) -> Result<EnforcementStats> {
        let from_d = parse_date(from).map_err(|e| e.at("from"))?;
        let to_d = parse_date(to).map_err(|e| e.at("to"))?;
        if to_d < from_d {
            return Err(Violation::date_order(from_d, to_d).at("to").into());
        }
        let code = crate::plan::division_arg(division)?;
        let division = code.as_ref().map(|c| c.prefix().to_owned());
        let (f, t) = (from_d.to_string(), to_d.to_string());
        let mut by_day: Vec<(Day, Vec<KindSums>)> = vec![];
        let mut sums = |d: Day| -> Result<Vec<KindSums>> {
            if let Some((_, s)) = by_day.iter().find(|(x, _)| *x == d) {
                return Ok(s.clone());
            }
            let s = store_cases::sums(&self.conn, d, &f, &t, division.as_deref())?;
            by_day.push((d, s.clone()));
            Ok(s)
        };
        let mut lines = vec![];
        for row in store_cases::form(&self.conn)? {
            let (d, pick): (Day, fn(&KindSums) -> i64) = match row.measure.as_str() {
                "closed" => (Day::Closed, |s| s.count),
                "penalised" => (Day::Decided, |s| s.penalised),
                "fines" => (Day::Decided, |s| s.fines),
                "turnover" => (Day::Decided, |s| s.turnover),
                "transfers" => (Day::Transferred, |s| s.count),
                _ => (Day::Opened, |s| s.count),
            };
            let value = sums(d)?
                .iter()
                .filter(|s| row.kinds.is_empty() || row.kinds.contains(&s.kind))
                .map(pick)
                .sum();
            lines.push(StatsLine {
                kinds: row
                    .kinds
                    .iter()
                    .filter_map(|k| enum_value(k, &CaseKind::KEYS).ok())
                    .collect(),
                money: matches!(row.measure.as_str(), "fines" | "turnover"),
                label: row.label,
                measure: row.measure,
                value,
                sample: row.sample,
            });
        }
        Ok(EnforcementStats {
            from: from_d,
            to: to_d,
            division_name: code.as_ref().and_then(|c| {
                terroir_store::tables::division_name(&self.conn, c.as_str())
                    .ok()
                    .flatten()
            }),
            division: code.map(|c| c.to_string()),
            lines,
        })
    }
}

impl EnforcementStats {
    /// Each line's figure as printed: a count, or yuan.
    pub fn shown(line: &StatsLine) -> String {
        if line.money {
            Fen(line.value)
                .to_string()
                .trim_start_matches('¥')
                .to_owned()
        } else {
            line.value.to_string()
        }
    }

    /// The period and jurisdiction, in words.
    fn scope(&self) -> (String, String) {
        let scope = match (&self.division_name, &self.division) {
            (Some(n), Some(c)) => format!("{n}（{c}）"),
            (None, Some(c)) => c.clone(),
            _ => "全部".to_owned(),
        };
        (format!("{} 至 {}", self.from, self.to), scope)
    }
}

impl Workspace {
    /// Write the computed form as a sheet (.xlsx or .csv): the period and jurisdiction, then
    /// each row's label and figure.
    pub fn export_enforcement_stats(
        &self,
        stats: &EnforcementStats,
        path: &std::path::Path,
    ) -> Result<()> {
        use terroir_exchange::sheet::Cell;
        let (period, scope) = stats.scope();
        let mut rows = vec![
            vec![Cell::Text("统计期间".into()), Cell::Text(period)],
            vec![Cell::Text("统计范围".into()), Cell::Text(scope)],
        ];
        rows.extend(stats.lines.iter().map(|l| {
            let value = if l.money {
                Cell::Number(l.value as f64 / 100.0)
            } else {
                Cell::Number(l.value as f64)
            };
            vec![Cell::Text(l.label.clone()), value]
        }));
        let sheet = terroir_exchange::write::Sheet {
            name: "案件统计表".into(),
            headers: vec!["项目".into(), "数值".into()],
            notes: vec![],
            rows,
        };
        terroir_exchange::write::write(path, &sheet)
            .map_err(|e| ApiError::from(Violation::file_missing(e).at("output")))
    }

    /// Print the computed form (知识产权案件统计表) on the layout engine, with its period,
    /// jurisdiction and boxes for the compiler's and reviewer's signatures.
    pub fn print_enforcement_stats_to(
        &self,
        stats: &EnforcementStats,
        path: &std::path::Path,
    ) -> Result<Printed> {
        let (period, scope) = stats.scope();
        let settings = self.dossier_settings()?;
        let view = terroir_dossier::letter::FormView {
            sample: stats.lines.iter().any(|l| l.sample),
            title: "知识产权案件统计表".into(),
            facts: vec![
                ("统计期间".into(), period),
                ("统计范围".into(), scope.clone()),
                (
                    "填报单位".into(),
                    settings
                        .issuer
                        .clone()
                        .unwrap_or_else(|| "（未设置）".into()),
                ),
            ],
            table: Some(terroir_dossier::letter::FormTable {
                columns: vec![("项目".into(), 3.0), ("数值".into(), 1.0)],
                rows: stats
                    .lines
                    .iter()
                    .map(|l| vec![l.label.clone(), EnforcementStats::shown(l)])
                    .collect(),
            }),
            signatures: vec!["填表人".into(), "审核人".into()],
            issuer: settings.issuer,
            dated: self.today(),
            audit_head: terroir_store::audit::head(&self.conn)?,
        };
        let pdf = terroir_dossier::letter::render_form(&view).map_err(dossier_error)?;
        Printed::write(
            String::new(),
            format!("案件统计表 {scope}"),
            path,
            &pdf,
            vec![],
        )
    }

    /// Print the form into [`Self::print_dir`] (`统计表`), for the system viewer.
    pub fn print_enforcement_stats(&self, stats: &EnforcementStats) -> Result<Printed> {
        let dir = self.print_dir("统计表");
        create_dir(&dir)?;
        let name = file_name(
            &format!("{}_{}", stats.from, stats.to),
            &format!("案件统计表{}", stats.division.as_deref().unwrap_or("")),
        );
        self.print_enforcement_stats_to(stats, &dir.join(name))
    }
}

/// The form's rows checked: every problem named by row and field.
fn check_form(rows: &[StatsRowInput]) -> Result<Vec<FormRow>> {
    let mut v = terroir_core::Violations::default();
    let mut out = vec![];
    v.check("rows", || terroir_core::record::at_most(rows.len(), 100));
    for (i, r) in rows.iter().enumerate().take(101) {
        let label = v.check(&format!("rows[{i}].label"), || {
            required_text(&r.label, LINE_MAX)
        });
        let measure = v.check(&format!("rows[{i}].measure"), || {
            enum_value::<String>(&r.measure, &MEASURES).map(|_| r.measure.trim().to_owned())
        });
        let mut kinds = vec![];
        for (j, k) in r.kinds.iter().enumerate() {
            kinds.extend(v.check(&format!("rows[{i}].kinds[{j}]"), || {
                enum_value::<CaseKind>(k, &CaseKind::KEYS).map(|k| k.key().to_owned())
            }));
        }
        if let (Some(label), Some(measure)) = (label, measure) {
            out.push(FormRow {
                label,
                kinds,
                measure,
                sample: false,
            });
        }
    }
    v.finish(|| out).map_err(Into::into)
}

/// The code of an earlier infringement case decided with a penalty against any party of
/// `case` within [`REPEAT_YEARS`] before `on`.
fn repeat_of(
    conn: &terroir_store::Connection,
    key: &str,
    case: &EnforcementCase,
    on: NaiveDate,
) -> Result<Option<String>> {
    let this = store::require(conn, RecordKind::Case, key)?.id;
    let since = on
        .with_year(on.year() - REPEAT_YEARS as i32)
        .unwrap_or(on - chrono::Duration::days(365 * REPEAT_YEARS as i64));
    for p in &case.parties {
        for id in store_cases::referring(conn, &p.identity(), PARTY, &this)? {
            let Some(row) = store::get(conn, RecordKind::Case, &id)? else {
                continue;
            };
            let other: EnforcementCase = decode(&row)?;
            let hit = other.kind == CaseKind::MarkInfringement
                && other
                    .decision
                    .as_ref()
                    .is_some_and(|d| d.penalised && d.on >= since && d.on <= on);
            if hit {
                return Ok(Some(row.code));
            }
        }
    }
    Ok(None)
}
