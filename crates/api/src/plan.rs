//! The plan's use cases: targets with their progress (counted from `plan_fact`, decided by
//! core `plan`), the records each figure counts, a manual metric's yearly values, GI yearly
//! statistics, KPI rule sets and a demonstration zone's KPIs, pledge-financing totals.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use terroir_core::plan::{
    GiYearStat, GiYearStatInput, Kpi, KpiRules, KpiRulesInput, Measure, Metric, Progress, Target,
    Zone,
};
use terroir_core::record::{Lookup, RecordKind};
use terroir_core::text::Bilingual;
use terroir_core::{DivisionCode, Fen, Violation};
use terroir_store::Connection;
use terroir_store::plan::{self as store_plan, FactRow, Span};
use terroir_store::records::{self as store, RecordRow};

use crate::entity::Entity;
use crate::records::{RecordDto, by_kind, decode};
use crate::workspace::StoreLookup;
use crate::{Result, Workspace};

/// Rewrite what record `id` counts for (in the caller's transaction). An enterprise places the
/// facts of the records it holds: when it moves, they follow.
pub(crate) fn save_facts<E: Entity>(conn: &Connection, id: &str, code: &str, e: &E) -> Result<()> {
    if E::KIND == RecordKind::Enterprise {
        let division = e
            .keys()
            .into_iter()
            .find(|(k, _)| *k == "division")
            .and_then(|(_, v)| v);
        store_plan::move_via(conn, id, division.as_deref())?;
        return Ok(());
    }
    let facts: Vec<FactRow> = e
        .plan_facts(&StoreLookup(conn))
        .into_iter()
        .map(|f| FactRow {
            metric: f.metric.key(),
            division: f.division.map(|d| d.to_string()),
            from: f.from.map(|d| d.to_string()),
            to: f.to.map(|d| d.to_string()),
            amount: f.amount,
        })
        .collect();
    let via = e.placed_by().map(|v| v.to_string());
    store_plan::set_facts(conn, id, code, via.as_deref(), &facts)?;
    Ok(())
}

fn refresh<E: Entity>(conn: &Connection, row: &RecordRow) -> Result<()> {
    save_facts(conn, &row.id, &row.code, &decode::<E>(row)?)
}

/// Make a record's facts again from what it holds (an unarchived record).
pub(crate) fn refresh_facts(conn: &Connection, kind: RecordKind, row: &RecordRow) -> Result<()> {
    by_kind!(kind, refresh(conn, row))
}

/// Make every live record's facts again; returns how many records were read.
pub(crate) fn rebuild_facts(conn: &Connection) -> Result<u64> {
    store_plan::clear_facts(conn)?;
    let mut n = 0;
    for kind in RecordKind::ALL {
        if kind == RecordKind::Enterprise {
            continue;
        }
        store::each(conn, kind, |row| {
            if row.archived_at.is_none() {
                n += 1;
                refresh_facts(conn, kind, &row).map_err(|e| {
                    terroir_store::Error::Schema(format!("{} {}: {e}", kind.key(), row.code))
                })?;
            }
            Ok(())
        })?;
    }
    store_plan::facts_made(conn)?;
    Ok(n)
}

/// A target's value in one division under its jurisdiction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct DivisionValue {
    pub division: String,
    pub name: Option<String>,
    pub value: i64,
    /// How old the division's data are when they came in bundles (the oldest of its
    /// counties' last bundles); none when entered here.
    pub merged: Option<DataAge>,
}

/// The last bundle merged for a division: when it was made (its data's date), where from, and
/// how many days before today.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct DataAge {
    pub division: String,
    pub name: Option<String>,
    pub as_of: NaiveDate,
    pub source_name: String,
    pub merged_on: NaiveDate,
    pub days: i64,
}

/// A target with where it stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct TargetProgress {
    pub code: String,
    pub title: String,
    pub paragraph: Option<String>,
    pub metric: Metric,
    pub measure: Measure,
    /// Values are fen.
    pub money: bool,
    pub unit: Option<String>,
    pub jurisdiction: DivisionCode,
    pub jurisdiction_name: Option<String>,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub baseline: i64,
    pub target: i64,
    /// The day a stock is counted on; a cumulative sum runs from the start to this day.
    pub counted_on: NaiveDate,
    pub progress: Progress,
    /// The value in each division directly under the jurisdiction (a county's own: one row;
    /// a city's: its counties and the city's own records), computed metrics only.
    pub by_division: Vec<DivisionValue>,
    pub sample: bool,
}

/// The records a target's value counts, a page at a time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct Counted {
    pub code: String,
    pub metric: Metric,
    /// The kind of the records listed.
    pub kind: RecordKind,
    pub counted_on: NaiveDate,
    pub total: u64,
    pub rows: Vec<CountedRow>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct CountedRow {
    pub code: String,
    pub division: Option<String>,
    /// 1, or the amount in fen for a money metric.
    pub amount: i64,
}

/// An optional division argument as typed (blank: none), refused at `division` when it is not
/// a division code.
pub(crate) fn division_arg(division: Option<&str>) -> Result<Option<DivisionCode>> {
    division
        .map(str::trim)
        .filter(|d| !d.is_empty())
        .map(|d| DivisionCode::parse(d).map_err(|e| e.at("division").into()))
        .transpose()
}

/// The code a division's records are grouped under, directly beneath `parent`: a province's
/// cities, a city's counties (and itself), a county itself.
pub(crate) fn child_of(parent: &DivisionCode, division: &str) -> String {
    match parent.prefix().len() {
        2 if division.len() == 6 => format!("{}00", &division[..4]),
        _ => division.to_owned(),
    }
}

/// What a target reads: a stock on `on`, a cumulative sum from `from` to `on`.
fn span<'a>(t: &Target, on: &'a str, from: &'a str) -> Span<'a> {
    match t.measure {
        Measure::Stock => Span::On(on),
        Measure::Cumulative => Span::Between(from, on),
    }
}

impl Workspace {
    fn progress_of(&self, row: &RecordRow, t: &Target) -> Result<TargetProgress> {
        let today = self.today();
        let counted_on = t.count_day(today);
        let (on, from) = (counted_on.to_string(), t.starts_on.to_string());
        let mut by_division: Vec<DivisionValue> = vec![];
        let value = if t.metric == Metric::Manual {
            t.manual_value(today)
        } else {
            let rows = store_plan::sum_by_division(
                &self.conn,
                t.metric.key(),
                t.jurisdiction.prefix(),
                span(t, &on, &from),
            )?;
            for (division, v) in rows {
                let key = child_of(&t.jurisdiction, &division);
                match by_division.iter_mut().find(|d| d.division == key) {
                    Some(d) => d.value += v,
                    None => by_division.push(DivisionValue {
                        division: key,
                        name: None,
                        value: v,
                        merged: None,
                    }),
                }
            }
            for d in &mut by_division {
                d.name = terroir_store::tables::division_name(&self.conn, &d.division)?;
                d.merged = self.data_age(&d.division, d.division == t.jurisdiction.as_str())?;
            }
            by_division.iter().map(|d| d.value).sum()
        };
        Ok(TargetProgress {
            code: row.code.clone(),
            title: t.title.clone(),
            paragraph: t.paragraph.clone(),
            metric: t.metric,
            measure: t.measure,
            money: t.money(),
            unit: t.unit.clone(),
            jurisdiction: t.jurisdiction.clone(),
            jurisdiction_name: terroir_store::tables::division_name(
                &self.conn,
                t.jurisdiction.as_str(),
            )?,
            starts_on: t.starts_on,
            ends_on: t.ends_on,
            baseline: t.baseline,
            target: t.target,
            counted_on,
            progress: t.progress(value, today),
            by_division,
            sample: row.sample,
        })
    }

    /// One target's progress.
    pub fn target_progress(&self, key: &str) -> Result<TargetProgress> {
        let row = store::require(&self.conn, RecordKind::Target, key)?;
        self.progress_of(&row, &decode(&row)?)
    }

    /// Every live target's progress, those of `division` and below only when given (a county
    /// sees its own; the city, all), in code order.
    pub fn targets_progress(&self, division: Option<&str>) -> Result<Vec<TargetProgress>> {
        let division = division_arg(division)?;
        self.targets_where(|j| division.as_ref().is_none_or(|d| j.starts_with(d.prefix())))
    }

    /// The progress of every live target whose jurisdiction (code) `keep` keeps, in code order.
    pub(crate) fn targets_where(&self, keep: impl Fn(&str) -> bool) -> Result<Vec<TargetProgress>> {
        let mut out = vec![];
        store::each(&self.conn, RecordKind::Target, |row| {
            if row.archived_at.is_none()
                && row
                    .key(RecordKind::Target, "jurisdiction")
                    .is_some_and(&keep)
            {
                out.push(row);
            }
            Ok(())
        })?;
        out.sort_by(|a, b| a.code.cmp(&b.code));
        out.iter()
            .map(|row| self.progress_of(row, &decode(row)?))
            .collect()
    }

    /// The records a target's value counts (in `division` under its jurisdiction when given),
    /// in code order: every figure can be traced to what it counts.
    pub fn target_counted(
        &self,
        key: &str,
        division: Option<&str>,
        limit: u32,
        offset: u32,
    ) -> Result<Counted> {
        let row = store::require(&self.conn, RecordKind::Target, key)?;
        let t: Target = decode(&row)?;
        let Some(kind) = t.metric.counts() else {
            return Err(Violation::not_applicable("计算指标 / a computed metric")
                .at("metric")
                .into());
        };
        let today = self.today();
        let counted_on = t.count_day(today);
        let prefix = division_arg(division)?
            .as_ref()
            .unwrap_or(&t.jurisdiction)
            .prefix()
            .to_owned();
        let (on, from) = (counted_on.to_string(), t.starts_on.to_string());
        let (rows, total) = store_plan::counted(
            &self.conn,
            t.metric.key(),
            &prefix,
            span(&t, &on, &from),
            limit,
            offset,
        )?;
        Ok(Counted {
            code: row.code,
            metric: t.metric,
            kind,
            counted_on,
            total,
            rows: rows
                .into_iter()
                .map(|(code, division, amount)| CountedRow {
                    code,
                    division: Some(division),
                    amount,
                })
                .collect(),
        })
    }

    /// Set a manual metric's value for a year, with its source; audited as the target's change.
    pub fn set_target_value(
        &mut self,
        key: &str,
        year: i32,
        value: &str,
        source: &str,
        reason: Option<&str>,
    ) -> Result<RecordDto> {
        let stamp = self.stamp();
        let tx = terroir_store::begin(&mut self.conn)?;
        let row = store::require(&tx, RecordKind::Target, key)?;
        if row.archived_at.is_some() {
            return Err(Violation::archived(&row.code).into());
        }
        let mut t: Target = decode(&row)?;
        t.set_value(year, value, source)?;
        let row = crate::records::store_entity(&tx, &stamp, &row.id, &t, "target_value", reason)?;
        tx.commit().map_err(terroir_store::Error::from)?;
        self.to_dto(RecordKind::Target, row)
    }

    // -----------------------------------------------------------------------------------------
    // GI yearly statistics

    /// A GI product's yearly statistics, oldest first.
    pub fn gi_stats(&self, gi: &str) -> Result<Vec<GiYearStat>> {
        let row = store::require(&self.conn, RecordKind::Gi, gi)?;
        store_plan::gi_stats(&self.conn, &row.id)?
            .into_iter()
            .map(|(_, data, _)| parse_stored(&data))
            .collect()
    }

    /// Set a GI product's statistics for the input's year (replacing that year's); audited.
    pub fn set_gi_stats(
        &mut self,
        gi: &str,
        input: serde_json::Value,
        reason: Option<&str>,
    ) -> Result<GiYearStat> {
        let input: GiYearStatInput = crate::entity::input_from_json(input)?;
        let stat = input.parse()?;
        let stamp = self.stamp();
        let tx = terroir_store::begin(&mut self.conn)?;
        let row = store::require(&tx, RecordKind::Gi, gi)?;
        if row.archived_at.is_some() {
            return Err(Violation::archived(&row.code).into());
        }
        let data = serde_json::to_string(&stat).map_err(crate::ApiError::storage)?;
        store_plan::set_gi_stat(&tx, &stamp, &row, stat.year, Some(&data), false, reason)?;
        tx.commit().map_err(terroir_store::Error::from)?;
        Ok(stat)
    }

    /// Remove a GI product's statistics for a year; audited.
    pub fn remove_gi_stats(&mut self, gi: &str, year: i32, reason: Option<&str>) -> Result<()> {
        let stamp = self.stamp();
        let tx = terroir_store::begin(&mut self.conn)?;
        let row = store::require(&tx, RecordKind::Gi, gi)?;
        store_plan::set_gi_stat(&tx, &stamp, &row, year, None, false, reason)?;
        tx.commit().map_err(terroir_store::Error::from)?;
        Ok(())
    }

    // -----------------------------------------------------------------------------------------
    // KPI rule sets and zones

    pub fn kpi_sets(&self) -> Result<Vec<KpiSet>> {
        store_plan::kpi_sets(&self.conn)?
            .into_iter()
            .map(kpi_set_of)
            .collect()
    }

    /// Set a KPI rule set (bureau data, audited).
    pub fn set_kpi_set(
        &mut self,
        key: &str,
        name: &str,
        basis: &str,
        rules: serde_json::Value,
        reason: Option<&str>,
    ) -> Result<KpiSet> {
        let mut v = terroir_core::Violations::default();
        let key = v.check("key", || terroir_core::record::required_text(key, 32));
        let name = v.check("name", || {
            terroir_core::record::required_text(name, terroir_core::record::NAME_MAX)
        });
        let basis = v.check("basis", || {
            terroir_core::record::required_text(basis, terroir_core::record::LINE_MAX)
        });
        let input: std::result::Result<KpiRulesInput, _> = crate::entity::input_from_json(rules);
        let rules = match input.map(|i| i.parse()) {
            Ok(Ok(r)) => Some(r),
            Ok(Err(e)) | Err(e) => {
                for p in e.0 {
                    v.push(p);
                }
                None
            }
        };
        v.finish(|| ())?;
        let (key, name, basis, rules) =
            (key.unwrap(), name.unwrap(), basis.unwrap(), rules.unwrap());
        let json = serde_json::to_string(&rules).map_err(crate::ApiError::storage)?;
        let stamp = self.stamp();
        let tx = terroir_store::begin(&mut self.conn)?;
        store_plan::set_kpi_set(&tx, &stamp, &key, Some((&name, &basis, &json)), reason)?;
        tx.commit().map_err(terroir_store::Error::from)?;
        Ok(KpiSet {
            key,
            name,
            basis,
            rules,
            sample: false,
        })
    }

    /// A zone's KPIs on today, from its GI's active users and latest yearly statistics.
    pub fn zone_kpis(&self, key: &str) -> Result<ZoneKpis> {
        let row = store::require(&self.conn, RecordKind::Zone, key)?;
        let z: Zone = decode(&row)?;
        let today = self.today();
        let gi = self.lookup().code_and_name(RecordKind::Gi, z.gi_id);
        let set = match &z.kpi_set {
            Some(k) => store_plan::kpi_set(&self.conn, k)?
                .map(kpi_set_of)
                .transpose()?,
            None => None,
        };
        let users = store_plan::active_users_of(&self.conn, &z.gi_id.to_string())?;
        let stats = store_plan::gi_stat_latest(&self.conn, &z.gi_id.to_string(), today.year())?
            .map(|d| parse_stored::<GiYearStat>(&d))
            .transpose()?;
        let mut missing = vec![];
        if z.kpi_set.is_some() && set.is_none() {
            missing.push(Bilingual::new(
                format!("考核指标“{}”不存在", z.kpi_set.clone().unwrap_or_default()),
                format!(
                    "KPI rule set {} does not exist",
                    z.kpi_set.clone().unwrap_or_default()
                ),
            ));
        }
        Ok(ZoneKpis {
            code: row.code,
            name: z.name.clone(),
            gi: gi.clone().map(|g| g.0),
            gi_name: gi.map(|g| g.1),
            status: z.status,
            users,
            stats_year: stats.as_ref().map(|s| s.year),
            kpis: set
                .as_ref()
                .map(|s| s.rules.evaluate(users, stats.as_ref()))
                .unwrap_or_default(),
            kpi_set: set,
            warnings: z.warnings(today).into_iter().chain(missing).collect(),
        })
    }

    // -----------------------------------------------------------------------------------------
    // Freshness

    /// For each division under `division` (all when not given) whose records came in bundles,
    /// the last bundle merged and how old its data are, in code order.
    pub fn data_freshness(&self, division: Option<&str>) -> Result<Vec<DataAge>> {
        let prefix = division_arg(division)?.map_or_else(String::new, |d| d.prefix().to_owned());
        let today = self.today();
        store_plan::merged(&self.conn, &prefix)?
            .into_iter()
            .map(|row| self.age_of(row, today))
            .collect()
    }

    fn age_of(&self, row: store_plan::MergedRow, today: NaiveDate) -> Result<DataAge> {
        let (division, source_name, created_at, merged_at) = row;
        let day = |at: &str| {
            NaiveDate::parse_from_str(at.get(..10).unwrap_or(at), "%Y-%m-%d")
                .map_err(|e| crate::ApiError::storage(format!("bundle moment {at}: {e}")))
        };
        let as_of = day(&created_at)?;
        Ok(DataAge {
            name: terroir_store::tables::division_name(&self.conn, &division)?,
            division,
            as_of,
            source_name,
            merged_on: day(&merged_at)?,
            days: (today - as_of).num_days(),
        })
    }

    /// How old a division's merged data are: its own records' last bundle (`own`), or for a
    /// city under a province the oldest of its divisions' (a sum is as old as its oldest part).
    fn data_age(&self, division: &str, own: bool) -> Result<Option<DataAge>> {
        let prefix = match DivisionCode::parse(division) {
            Ok(d) if !own => d.prefix().to_owned(),
            _ => division.to_owned(),
        };
        let rows = store_plan::merged(&self.conn, &prefix)?;
        let Some(oldest) = rows.into_iter().min_by(|a, b| a.2.cmp(&b.2)) else {
            return Ok(None);
        };
        let mut age = self.age_of(oldest, self.today())?;
        age.division = division.to_owned();
        age.name = terroir_store::tables::division_name(&self.conn, division)?;
        Ok(Some(age))
    }

    // -----------------------------------------------------------------------------------------
    // Pledge financing totals

    /// Loans made in each year of `from..=to`, per division directly under `division` (the
    /// whole workspace's provinces' cities when not given).
    pub fn financing_totals(
        &self,
        from: i32,
        to: i32,
        division: Option<&str>,
    ) -> Result<FinancingTotals> {
        if to < from {
            return Err(Violation::year_outside_period(to, from, from)
                .at("to")
                .into());
        }
        let parent = division_arg(division)?;
        let prefix = parent.as_ref().map_or("", |p| p.prefix());
        let mut rows: Vec<FinancingTotal> = vec![];
        for year in from..=to.min(from + 50) {
            let (a, b) = (format!("{year}-01-01"), format!("{year}-12-31"));
            for (d, amount) in store_plan::sum_by_division(
                &self.conn,
                Metric::PledgeFinancing.key(),
                prefix,
                Span::Between(&a, &b),
            )? {
                let key = match &parent {
                    Some(p) => child_of(p, &d),
                    None => d,
                };
                match rows
                    .iter_mut()
                    .find(|r| r.division == key && r.year == year)
                {
                    Some(r) => r.amount.0 += amount,
                    None => rows.push(FinancingTotal {
                        division: key,
                        name: None,
                        year,
                        amount: Fen(amount),
                        merged: None,
                    }),
                }
            }
        }
        for r in &mut rows {
            r.name = terroir_store::tables::division_name(&self.conn, &r.division)?;
            let own = parent.as_ref().is_none_or(|p| p.prefix().len() > 2);
            r.merged = self.data_age(&r.division, own)?;
        }
        rows.sort_by(|a, b| (&a.division, a.year).cmp(&(&b.division, b.year)));
        let total = Fen(rows.iter().map(|r| r.amount.0).sum());
        Ok(FinancingTotals {
            from,
            to,
            division: parent,
            rows,
            total,
        })
    }
}

fn parse_stored<T: serde::de::DeserializeOwned>(data: &str) -> Result<T> {
    serde_json::from_str(data).map_err(|e| crate::ApiError::storage(format!("stored data: {e}")))
}

fn kpi_set_of(row: store_plan::KpiSetRow) -> Result<KpiSet> {
    let (key, name, basis, rules, sample) = row;
    Ok(KpiSet {
        key,
        name,
        basis,
        rules: parse_stored::<KpiRules>(&rules)?,
        sample,
    })
}

/// A KPI rule set for demonstration zones (bureau data).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct KpiSet {
    pub key: String,
    pub name: String,
    pub basis: String,
    pub rules: KpiRules,
    pub sample: bool,
}

/// A zone's KPIs as the records show them today.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct ZoneKpis {
    pub code: String,
    pub name: String,
    pub gi: Option<String>,
    pub gi_name: Option<String>,
    pub status: terroir_core::plan::ZoneStatus,
    /// Active authorised users of the GI product.
    pub users: i64,
    /// The year of the statistics read (the latest up to this year).
    pub stats_year: Option<i32>,
    pub kpi_set: Option<KpiSet>,
    pub kpis: Vec<Kpi>,
    pub warnings: Vec<Bilingual>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct FinancingTotal {
    pub division: String,
    pub name: Option<String>,
    pub year: i32,
    pub amount: Fen,
    /// How old the division's data are when they came in bundles.
    pub merged: Option<DataAge>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct FinancingTotals {
    pub from: i32,
    pub to: i32,
    pub division: Option<DivisionCode>,
    pub rows: Vec<FinancingTotal>,
    pub total: Fen,
}
