//! `terroir calendar`: the working-day calendar (工作日历) that moves legal last days, year by
//! year from the State Council's notices.

use std::path::PathBuf;

use clap::Subcommand;
use terroir_api::core::Violation;
use terroir_api::core::calendar::CalendarYearInput;
use terroir_api::core::chrono::NaiveDate;
use terroir_api::{ApiError, Workspace};

use crate::common::{Outcome, Reason};
use crate::output::Out;

#[derive(Debug, Subcommand)]
pub enum CalendarCmd {
    /// The years in force, or one year's days
    Show { year: Option<i32> },
    /// Enter or replace a year, from the State Council's notice
    Set {
        year: i32,
        /// Public holidays: dates or ranges, comma-separated (01-01,02-15..02-23)
        #[arg(long, value_delimiter = ',')]
        holidays: Vec<String>,
        /// Weekend days made working days (调休上班), comma-separated
        #[arg(long, value_delimiter = ',')]
        workdays: Vec<String>,
        /// The notice the dates come from
        #[arg(long)]
        source: Option<String>,
        /// A JSON file {holidays, workdays, source} instead of the flags
        #[arg(long)]
        file: Option<PathBuf>,
        #[command(flatten)]
        reason: Reason,
    },
}

pub fn run(ws: &mut Workspace, out: &Out, cmd: CalendarCmd) -> Result<Outcome, ApiError> {
    match cmd {
        CalendarCmd::Show { year: Some(y) } => show_year(ws, out, y)?,
        CalendarCmd::Show { year: None } => show_years(ws, out)?,
        CalendarCmd::Set {
            year,
            holidays,
            workdays,
            source,
            file,
            reason,
        } => {
            let input = match file {
                Some(f) => read_year(&f)?,
                None => CalendarYearInput {
                    holidays,
                    workdays,
                    source,
                },
            };
            set(ws, out, year, &input, &reason)?;
        }
    }
    Ok(0)
}

fn show_year(ws: &Workspace, out: &Out, y: i32) -> Result<(), ApiError> {
    let entry = ws.calendar_year(y)?;
    if out.json {
        out.json(&entry);
    } else if let Some(e) = entry {
        let days = |ds: &[NaiveDate]| {
            ds.iter()
                .map(|d| d.format("%m-%d").to_string())
                .collect::<Vec<_>>()
                .join(" ")
        };
        out.table(&[
            vec![out.t("放假", "holidays").into(), days(&e.year.holidays)],
            vec![
                out.t("调休上班", "working weekend days").into(),
                days(&e.year.workdays),
            ],
            vec![out.t("依据", "source").into(), e.year.source.clone()],
            vec![
                out.t("来源", "entered").into(),
                out.t(
                    if e.shipped {
                        "随软件提供"
                    } else {
                        "本工作区录入"
                    },
                    if e.shipped {
                        "shipped with Terroir"
                    } else {
                        "entered in this workspace"
                    },
                )
                .into(),
            ],
        ]);
    } else {
        println!(
            "{}",
            if out.zh() {
                format!(
                    "{y} 年节假日安排未录入，期限末日仅按周末顺延；用 terroir calendar set {y} 录入"
                )
            } else {
                format!(
                    "the {y} public holidays are not entered: last days move over weekends only; enter them with terroir calendar set {y}"
                )
            }
        );
    }
    Ok(())
}

fn show_years(ws: &Workspace, out: &Out) -> Result<(), ApiError> {
    let years = ws.calendar_years()?;
    if out.json {
        out.json(&years);
    } else {
        let rows: Vec<Vec<String>> = years
            .iter()
            .map(|e| {
                vec![
                    e.year.year.to_string(),
                    format!("{} {}", e.year.holidays.len(), out.t("天放假", "holidays")),
                    format!(
                        "{} {}",
                        e.year.workdays.len(),
                        out.t("天调休上班", "working weekend days")
                    ),
                    e.year.source.clone(),
                ]
            })
            .collect();
        out.table(&rows);
    }
    Ok(())
}

/// A year from `--file`: a missing file names its error, unlike a record's JSON file.
fn read_year(f: &std::path::Path) -> Result<CalendarYearInput, ApiError> {
    let text = std::fs::read_to_string(f).map_err(|e| {
        ApiError::from(Violation::file_missing(format!("{}: {e}", f.display())).at("file"))
    })?;
    serde_json::from_str(&text).map_err(|e| ApiError::from(Violation::json_input(e).at("file")))
}

fn set(
    ws: &mut Workspace,
    out: &Out,
    year: i32,
    input: &CalendarYearInput,
    reason: &Reason,
) -> Result<(), ApiError> {
    let e = ws.set_calendar_year(year, input, reason.reason.as_deref())?;
    if out.json {
        out.json(&e);
    } else {
        println!(
            "{} {year}: {} {}, {} {}",
            out.t("已录入", "entered"),
            e.year.holidays.len(),
            out.t("天放假", "holidays"),
            e.year.workdays.len(),
            out.t("天调休上班", "working weekend days")
        );
    }
    Ok(())
}
