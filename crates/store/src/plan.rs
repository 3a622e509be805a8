//! What the plan's targets are counted from: the facts each live record contributes to a
//! metric (`plan_fact`, rewritten with the record; which days it counts on is the core's
//! decision), summed here by division and day from one covering index; a GI product's yearly
//! statistics and the bureau's KPI rule sets for demonstration zones (bureau data, audited).

use rusqlite::{Connection, OptionalExtension, params};

use crate::audit::{self, Change, Stamp};
use crate::error::Result;

/// A fact as stored: metric key, division, first and last day (ISO dates), amount.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FactRow {
    pub metric: &'static str,
    pub division: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub amount: i64,
}

/// Replace record `id`'s facts. `via` is the enterprise whose division the facts without one
/// of their own take (and follow when it moves).
pub fn set_facts(
    conn: &Connection,
    id: &str,
    code: &str,
    via: Option<&str>,
    facts: &[FactRow],
) -> Result<()> {
    remove_facts(conn, id)?;
    if facts.is_empty() {
        return Ok(());
    }
    let via_division: Option<String> = match via {
        Some(e) => conn
            .prepare_cached("SELECT division FROM enterprise WHERE id = ?1")?
            .query_row([e], |r| r.get(0))
            .optional()?
            .flatten(),
        None => None,
    };
    let mut insert = conn.prepare_cached(
        "INSERT INTO plan_fact (record_id, code, via, metric, division, from_day, to_day, amount)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    for f in facts {
        let (via, division) = match &f.division {
            Some(d) => (None, Some(d.clone())),
            None => (via, via_division.clone()),
        };
        insert.execute(params![
            id, code, via, f.metric, division, f.from, f.to, f.amount
        ])?;
    }
    Ok(())
}

/// Remove a record's facts (archived or purged: it counts for nothing).
pub fn remove_facts(conn: &Connection, id: &str) -> Result<()> {
    conn.prepare_cached("DELETE FROM plan_fact WHERE record_id = ?1")?
        .execute([id])?;
    Ok(())
}

/// An enterprise moved: the facts placed by it follow.
pub fn move_via(conn: &Connection, enterprise: &str, division: Option<&str>) -> Result<()> {
    conn.prepare_cached("UPDATE plan_fact SET division = ?2 WHERE via = ?1")?
        .execute(params![enterprise, division])?;
    Ok(())
}

/// Whether the facts must be made again from the records (after the migration that added
/// them), and marking them made.
pub fn facts_stale(conn: &Connection) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT 1 FROM meta WHERE key = 'plan_facts'")?
        .exists([])?)
}

pub fn facts_made(conn: &Connection) -> Result<()> {
    conn.execute("DELETE FROM meta WHERE key = 'plan_facts'", [])?;
    Ok(())
}

pub fn clear_facts(conn: &Connection) -> Result<()> {
    conn.execute("DELETE FROM plan_fact", [])?;
    Ok(())
}

/// Which facts a metric reads: those whose days hold `on` (a stock), or whose first day lies
/// in `from..=to` (a cumulative sum).
#[derive(Debug, Clone, Copy)]
pub enum Span<'a> {
    On(&'a str),
    Between(&'a str, &'a str),
}

fn span_sql(span: Span<'_>) -> (&'static str, [&str; 2]) {
    match span {
        Span::On(d) => (
            "(from_day IS NULL OR from_day <= ?4) AND (to_day IS NULL OR to_day >= ?5)",
            [d, d],
        ),
        Span::Between(a, b) => ("from_day >= ?4 AND from_day <= ?5", [a, b]),
    }
}

/// A metric's value per division under `prefix` (a count of facts, or their amounts' sum).
pub fn sum_by_division(
    conn: &Connection,
    metric: &str,
    prefix: &str,
    span: Span<'_>,
) -> Result<Vec<(String, i64)>> {
    let (lo, hi) = crate::division_range(prefix);
    let (cond, [a, b]) = span_sql(span);
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT division, sum(amount) FROM plan_fact
         WHERE metric = ?1 AND division >= ?2 AND division < ?3 AND {cond}
         GROUP BY division ORDER BY division"
    ))?;
    let rows = stmt
        .query_map(params![metric, lo, hi, a, b], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// A stock metric's value under `prefix` on each of `days` (ISO dates), from one read of its
/// facts: what [`sum_by_division`] with [`Span::On`] sums, for many days at once.
pub fn stock_on_days(
    conn: &Connection,
    metric: &str,
    prefix: &str,
    days: &[String],
) -> Result<Vec<i64>> {
    let (lo, hi) = crate::division_range(prefix);
    let mut stmt = conn.prepare_cached(
        "SELECT from_day, to_day, amount FROM plan_fact
         WHERE metric = ?1 AND division >= ?2 AND division < ?3",
    )?;
    let mut out = vec![0; days.len()];
    let rows = stmt.query_map(params![metric, lo, hi], |r| {
        Ok((
            r.get::<_, Option<String>>(0)?,
            r.get::<_, Option<String>>(1)?,
            r.get::<_, i64>(2)?,
        ))
    })?;
    for row in rows {
        let (from, to, amount) = row?;
        for (n, day) in out.iter_mut().zip(days) {
            if from.as_deref().is_none_or(|f| f <= day.as_str())
                && to.as_deref().is_none_or(|t| t >= day.as_str())
            {
                *n += amount;
            }
        }
    }
    Ok(out)
}

/// The ids of the live and archived enterprises in a division under `prefix`.
pub fn enterprises_in(
    conn: &Connection,
    prefix: &str,
) -> Result<std::collections::HashSet<String>> {
    let (lo, hi) = crate::division_range(prefix);
    let mut stmt =
        conn.prepare_cached("SELECT id FROM enterprise WHERE division >= ?1 AND division < ?2")?;
    let ids = stmt
        .query_map(params![lo, hi], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(ids)
}

/// A counted record: code, division and amount.
pub type CountedRow = (String, String, i64);

/// The records a metric counts under `prefix`, in code order, a page at a time, with how many
/// there are.
pub fn counted(
    conn: &Connection,
    metric: &str,
    prefix: &str,
    span: Span<'_>,
    limit: u32,
    offset: u32,
) -> Result<(Vec<CountedRow>, u64)> {
    let (lo, hi) = crate::division_range(prefix);
    let (cond, [a, b]) = span_sql(span);
    let from =
        format!("FROM plan_fact WHERE metric = ?1 AND division >= ?2 AND division < ?3 AND {cond}");
    let total: i64 = conn
        .prepare_cached(&format!("SELECT count(DISTINCT record_id) {from}"))?
        .query_row(params![metric, lo, hi, a, b], |r| r.get(0))?;
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT code, min(division), sum(amount) {from}
         GROUP BY record_id, code ORDER BY code LIMIT ?6 OFFSET ?7"
    ))?;
    let rows = stmt
        .query_map(params![metric, lo, hi, a, b, limit, offset], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok((rows, total as u64))
}

// ---------------------------------------------------------------------------------------------
// GI yearly statistics

/// How many live authorised users of a GI product are active (the stage the core wrote).
pub fn active_users_of(conn: &Connection, gi_id: &str) -> Result<i64> {
    Ok(conn
        .prepare_cached(
            "SELECT count(*) FROM authorised_user
             WHERE gi_id = ?1 AND stage = 'active' AND archived_at IS NULL",
        )?
        .query_row([gi_id], |r| r.get(0))?)
}

/// A GI product's yearly statistics as stored JSON, by year (oldest first).
pub fn gi_stats(conn: &Connection, gi_id: &str) -> Result<Vec<(i32, String, bool)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT year, data, sample FROM gi_year_stat WHERE gi_id = ?1 ORDER BY year",
    )?;
    let rows = stmt
        .query_map([gi_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// The latest year's statistics of a GI product up to `year`.
pub fn gi_stat_latest(conn: &Connection, gi_id: &str, year: i32) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached(
            "SELECT data FROM gi_year_stat WHERE gi_id = ?1 AND year <= ?2
             ORDER BY year DESC LIMIT 1",
        )?
        .query_row(params![gi_id, year], |r| r.get(0))
        .optional()?)
}

/// Set (or with `None` remove) a GI product's statistics for a year; audited as entity
/// `gi_stats`, id `GI-id/YEAR`.
pub fn set_gi_stat(
    conn: &Connection,
    stamp: &Stamp,
    gi: &crate::records::RecordRow,
    year: i32,
    data: Option<&str>,
    sample: bool,
    reason: Option<&str>,
) -> Result<()> {
    let before: Option<String> = conn
        .prepare_cached("SELECT data FROM gi_year_stat WHERE gi_id = ?1 AND year = ?2")?
        .query_row(params![gi.id, year], |r| r.get(0))
        .optional()?;
    if before.as_deref() == data {
        return Ok(());
    }
    match data {
        Some(d) => conn.execute(
            "INSERT INTO gi_year_stat (gi_id, year, data, sample) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (gi_id, year) DO UPDATE SET data = excluded.data, sample = excluded.sample",
            params![gi.id, year, d, sample],
        )?,
        None => conn.execute(
            "DELETE FROM gi_year_stat WHERE gi_id = ?1 AND year = ?2",
            params![gi.id, year],
        )?,
    };
    audit::append(
        conn,
        stamp,
        &Change {
            entity: "gi_stats",
            entity_id: &format!("{}/{year}", gi.code),
            action: match (&before, data) {
                (None, _) => "insert",
                (Some(_), Some(_)) => "update",
                (Some(_), None) => "purge",
            },
            before: before.as_deref(),
            after: data,
            reason,
            of_record: false,
        },
    )?;
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// KPI rule sets

/// A KPI rule set: key, name, basis, rules (JSON), sample.
pub type KpiSetRow = (String, String, String, String, bool);

pub fn kpi_sets(conn: &Connection) -> Result<Vec<KpiSetRow>> {
    let mut stmt = conn
        .prepare_cached("SELECT key, name, basis, rules, sample FROM zone_kpi_set ORDER BY key")?;
    let rows = stmt
        .query_map([], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

pub fn kpi_set(conn: &Connection, key: &str) -> Result<Option<KpiSetRow>> {
    Ok(conn
        .prepare_cached("SELECT key, name, basis, rules, sample FROM zone_kpi_set WHERE key = ?1")?
        .query_row([key], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })
        .optional()?)
}

/// Set (or with `None` remove) a KPI rule set; audited as entity `kpi_set`.
pub fn set_kpi_set(
    conn: &Connection,
    stamp: &Stamp,
    key: &str,
    set: Option<(&str, &str, &str)>,
    reason: Option<&str>,
) -> Result<()> {
    let json = |name: &str, basis: &str, rules: &str| {
        serde_json::json!({ "name": name, "basis": basis, "rules": rules }).to_string()
    };
    let before = kpi_set(conn, key)?.map(|(_, n, b, r, _)| json(&n, &b, &r));
    let after = set.map(|(n, b, r)| json(n, b, r));
    match set {
        Some((name, basis, rules)) => conn.execute(
            "INSERT INTO zone_kpi_set (key, name, basis, rules, sample) VALUES (?1, ?2, ?3, ?4, 0)
             ON CONFLICT (key) DO UPDATE SET name = excluded.name, basis = excluded.basis,
                 rules = excluded.rules, sample = 0",
            params![key, name, basis, rules],
        )?,
        None => conn.execute("DELETE FROM zone_kpi_set WHERE key = ?1", [key])?,
    };
    audit::append(
        conn,
        stamp,
        &Change {
            entity: "kpi_set",
            entity_id: key,
            action: match (&before, set) {
                (None, _) => "insert",
                (Some(_), Some(_)) => "update",
                (Some(_), None) => "purge",
            },
            before: before.as_deref(),
            after: after.as_deref(),
            reason,
            of_record: false,
        },
    )?;
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Freshness of merged data

/// The divisions record `ids`' facts count under (a user's or a mark's through its enterprise).
pub fn fact_divisions(conn: &Connection, ids: &[&str]) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT DISTINCT division FROM plan_fact WHERE record_id = ?1 AND division IS NOT NULL",
    )?;
    let mut out = std::collections::BTreeSet::new();
    for id in ids {
        for d in stmt.query_map([id], |r| r.get::<_, String>(0))? {
            out.insert(d?);
        }
    }
    Ok(out.into_iter().collect())
}

/// A merged bundle carried records of `divisions`: each keeps the newest bundle's source and
/// creation moment (an older bundle merged later does not make its data look newer).
pub fn note_bundle(
    conn: &Connection,
    divisions: &[String],
    source: (&str, &str),
    created_at: &str,
    merged_at: &str,
) -> Result<()> {
    let mut upsert = conn.prepare_cached(
        "INSERT INTO bundle_merged (division, source, source_name, created_at, merged_at)
         VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (division) DO UPDATE SET source = excluded.source,
           source_name = excluded.source_name, created_at = excluded.created_at,
           merged_at = excluded.merged_at
         WHERE excluded.created_at >= bundle_merged.created_at",
    )?;
    for d in divisions {
        upsert.execute(params![d, source.0, source.1, created_at, merged_at])?;
    }
    Ok(())
}

/// A division's last merged bundle: source name, its creation moment, when it was merged.
pub type MergedRow = (String, String, String, String);

/// The last bundle merged for each division under `prefix` (all with ""), in code order.
pub fn merged(conn: &Connection, prefix: &str) -> Result<Vec<MergedRow>> {
    let (lo, hi) = crate::division_range(prefix);
    let mut stmt = conn.prepare_cached(
        "SELECT division, source_name, created_at, merged_at FROM bundle_merged
         WHERE division >= ?1 AND division < ?2 ORDER BY division",
    )?;
    let rows = stmt
        .query_map(params![lo, hi], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

#[cfg(test)]
mod tests {

    #[test]
    fn an_older_bundle_merged_later_does_not_make_data_look_newer() {
        let c = crate::db::open_in_memory().unwrap();
        let d = ["411525".to_owned()];
        let note = |made: &str, name: &str| {
            super::note_bundle(&c, &d, ("ws", name), made, "2026-12-01T00:00:00Z").unwrap()
        };
        let last = || super::merged(&c, "4115").unwrap();
        note("2026-11-01T08:00:00Z", "固始");
        note("2026-10-01T08:00:00Z", "固始（旧）");
        assert_eq!((last().len(), last()[0].1.as_str()), (1, "固始"));
        note("2026-11-02T08:00:00Z", "固始（新）");
        assert_eq!(last()[0].2, "2026-11-02T08:00:00Z");
        assert!(super::merged(&c, "411526").unwrap().is_empty());
    }
}
