//! The dashboard (数据看板): every chart's numbers in one answer, for the first paint and for
//! scripts (`terroir --json dashboard`). Each series is one of the api's own figures — the
//! plan's facts, the deadlines, the ledger, the zones' KPIs, the targets' progress — grouped
//! here; a chart draws them and never sums.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use terroir_core::deadline::DeadlineKind;
use terroir_core::plan::Metric;
use terroir_core::record::RecordKind;
use terroir_core::{DivisionCode, Fen};
use terroir_store::plan::{self as store_plan, Span};
use terroir_store::records as store;

use crate::plan::{DataAge, TargetProgress, ZoneKpis, child_of, division_arg};
use crate::workbench::LedgerRow;
use crate::{Result, Workspace};

/// What GI products are counted under (plan metrics): all of them (any regime, or none recorded
/// yet), then each regime.
const REGIMES: [Metric; 4] = [
    Metric::GiProducts,
    Metric::ProductApprovals,
    Metric::GiMarks,
    Metric::AgriculturalGis,
];

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct Dashboard {
    pub year: i32,
    pub division: Option<DivisionCode>,
    pub division_name: Option<String>,
    /// The day stocks are counted on: the year's last day, or today within the year.
    pub counted_on: NaiveDate,
    /// GI products per division directly under the one asked (each product in its
    /// responsible division, else its area's first): all of them (`gi_products`), and by
    /// regime (`product_approvals`, `gi_marks`, `agricultural_gis`).
    pub gi_by_division: Vec<RegimeCount>,
    /// Active authorised users at the end of each month of the year (to the counted day).
    pub users_by_month: Vec<MonthValue>,
    /// The twelve months from today's (`YYYY-MM`): the renewals chart's axis.
    pub renewal_months: Vec<String>,
    /// Renewals falling due in each of those months, by kind (`renewal`: in the window;
    /// `renewal_grace`: in the grace period); months with none have no row.
    pub renewals_by_month: Vec<RenewalMonth>,
    /// Renewals whose last day has passed (still renewable in grace, or lost).
    pub renewals_overdue: u32,
    /// Pledge-financing loans made in each of the five years to `year` (fen).
    pub financing_by_year: Vec<YearAmount>,
    /// The targets on pledge financing of the division and above, with their progress.
    pub financing_targets: Vec<TargetProgress>,
    /// Award budgets against approved and paid amounts, per paying jurisdiction.
    pub awards: Vec<LedgerRow>,
    pub zones: Vec<ZoneKpis>,
    pub targets: Vec<TargetProgress>,
    /// For each county whose records came in bundles, how old they are.
    pub freshness: Vec<DataAge>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct RegimeCount {
    pub division: String,
    pub name: Option<String>,
    pub regime: Metric,
    pub count: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct MonthValue {
    /// `YYYY-MM`.
    pub month: String,
    pub value: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct RenewalMonth {
    /// `YYYY-MM`.
    pub month: String,
    pub kind: DeadlineKind,
    pub count: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct YearAmount {
    pub year: i32,
    pub amount: Fen,
}

/// The last day of `year`-`month`.
fn month_end(year: i32, month: u32) -> NaiveDate {
    let (y, m) = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    NaiveDate::from_ymd_opt(y, m, 1).expect("a month's first day") - chrono::Days::new(1)
}

impl Workspace {
    /// The dashboard for `year`, of `division` and below when given (else the workspace's
    /// whole catalogue).
    pub fn dashboard(&self, year: i32, division: Option<&str>) -> Result<Dashboard> {
        let parent = division_arg(division)?;
        if !(1900..=2999).contains(&year) {
            return Err(
                terroir_core::Violation::year_outside_period(year, 1900, 2999)
                    .at("year")
                    .into(),
            );
        }
        let prefix = parent.as_ref().map_or("", |p| p.prefix()).to_owned();
        let today = self.today();
        // A past year is counted on its last day, the current one today; a later one on its
        // first day (nothing has happened in it yet).
        let first = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(today);
        let counted_on = month_end(year, 12).min(today.max(first));
        let on = counted_on.to_string();
        let group = |d: String| match &parent {
            Some(p) => child_of(p, &d),
            None => d,
        };

        let mut gi_by_division: Vec<RegimeCount> = vec![];
        for regime in REGIMES {
            for (d, n) in
                store_plan::sum_by_division(&self.conn, regime.key(), &prefix, Span::On(&on))?
            {
                let d = group(d);
                match gi_by_division
                    .iter_mut()
                    .find(|r| r.division == d && r.regime == regime)
                {
                    Some(r) => r.count += n,
                    None => gi_by_division.push(RegimeCount {
                        division: d,
                        name: None,
                        regime,
                        count: n,
                    }),
                }
            }
        }
        for r in &mut gi_by_division {
            r.name = terroir_store::tables::division_name(&self.conn, &r.division)?;
        }
        gi_by_division.sort_by(|a, b| {
            (&a.division, a.regime as usize).cmp(&(&b.division, b.regime as usize))
        });

        // Each month's end up to the counted day.
        let mut ends = vec![];
        for month in 1..=12 {
            let end = month_end(year, month).min(counted_on);
            ends.push((format!("{year}-{month:02}"), end.to_string()));
            if end == counted_on {
                break;
            }
        }
        let days: Vec<String> = ends.iter().map(|(_, d)| d.clone()).collect();
        let values =
            store_plan::stock_on_days(&self.conn, Metric::ApprovedUsers.key(), &prefix, &days)?;
        let users_by_month = ends
            .into_iter()
            .zip(values)
            .map(|((month, _), value)| MonthValue { month, value })
            .collect();

        let (renewals_by_month, renewals_overdue) = self.renewals_ahead(&prefix)?;

        let totals = self.financing_totals(year - 4, year, parent.as_ref().map(|p| p.as_str()))?;
        let financing_by_year = (year - 4..=year)
            .map(|y| YearAmount {
                year: y,
                amount: Fen(totals
                    .rows
                    .iter()
                    .filter(|r| r.year == y)
                    .map(|r| r.amount.0)
                    .sum()),
            })
            .collect();

        // The division's targets and those set above it (the city's, for a county).
        let targets = self.targets_where(|j| match &parent {
            Some(p) => {
                j.starts_with(p.prefix())
                    || p.as_str().starts_with(terroir_core::division::prefix_of(j))
            }
            None => true,
        })?;
        let financing_targets = targets
            .iter()
            .filter(|t| t.metric == Metric::PledgeFinancing)
            .cloned()
            .collect();

        let awards = self
            .ledger(Some(year), parent.as_ref().map(|p| p.as_str()), Some(0))?
            .rows;

        let mut zones = vec![];
        let mut zone_codes = vec![];
        store::each(&self.conn, RecordKind::Zone, |row| {
            if row.archived_at.is_none()
                && row
                    .key(RecordKind::Zone, "jurisdiction")
                    .is_some_and(|j| j.starts_with(&prefix))
            {
                zone_codes.push(row.code);
            }
            Ok(())
        })?;
        zone_codes.sort();
        for code in zone_codes {
            zones.push(self.zone_kpis(&code)?);
        }

        Ok(Dashboard {
            year,
            division_name: match &parent {
                Some(p) => terroir_store::tables::division_name(&self.conn, p.as_str())?,
                None => None,
            },
            division: parent.clone(),
            counted_on,
            gi_by_division,
            users_by_month,
            renewal_months: (0..12)
                .map(|i| {
                    let m = terroir_core::date::add_months(today, i);
                    format!("{}-{:02}", m.year(), m.month())
                })
                .collect(),
            renewals_by_month,
            renewals_overdue,
            financing_by_year,
            financing_targets,
            awards,
            zones,
            targets,
            freshness: self.data_freshness(parent.as_ref().map(|p| p.as_str()))?,
        })
    }

    /// Renewals due in each of the next twelve months by kind, and those already overdue, of
    /// the registrants under `prefix` (all with "").
    fn renewals_ahead(&self, prefix: &str) -> Result<(Vec<RenewalMonth>, u32)> {
        let mut out: Vec<RenewalMonth> = vec![];
        let mut overdue = 0;
        let registrants = if prefix.is_empty() {
            None
        } else {
            Some(store_plan::enterprises_in(&self.conn, prefix)?)
        };
        let today = self.today();
        // To the last day of the twelfth month from today's.
        let until = terroir_core::date::add_days(
            terroir_core::date::add_months(today.with_day(1).unwrap_or(today), 12),
            -1,
        );
        let due = self.renewals_due(today, until, |e| {
            registrants.as_ref().is_none_or(|ids| ids.contains(e))
        })?;
        for d in due {
            if d.overdue {
                overdue += 1;
                continue;
            }
            let month = format!("{}-{:02}", d.due_on.year(), d.due_on.month());
            match out
                .iter_mut()
                .find(|m| m.month == month && m.kind == d.kind)
            {
                Some(m) => m.count += 1,
                None => out.push(RenewalMonth {
                    month,
                    kind: d.kind,
                    count: 1,
                }),
            }
        }
        out.sort_by(|a, b| (&a.month, a.kind.key()).cmp(&(&b.month, b.kind.key())));
        Ok((out, overdue))
    }
}
