//! Reminders out of the app: the deadlines list written as a calendar file (RFC 5545, one
//! all-day event per deadline on its legal last day, alarms 30 and 7 days before) or as a
//! spreadsheet with whom to call (enterprise, contact person, phone).
//!
//! Both are made from [`Workspace::deadlines`], the list the app and the CLI show, and from
//! nothing else, so the three agree. The output depends only on the data and `today`: the
//! event UIDs name the record and the term, the stamp is `today`, so two exports on the same
//! day are byte-identical.

use std::collections::HashMap;
use std::path::Path;

use chrono::{Days, NaiveDate};
use icalendar::{Alarm, Calendar, Component, Event, EventLike, Property};
use serde::{Deserialize, Serialize};
use terroir_core::Violation;
use terroir_core::deadline::Deadline;
use terroir_core::enterprise::Enterprise;
use terroir_core::error::Lang;
use terroir_core::record::RecordKind;
use terroir_exchange::sheet::Cell;
use terroir_exchange::write::{self, Sheet};
use terroir_store::records as store;

use crate::error::{ApiError, Result};
use crate::records::decode;
use crate::workspace::Workspace;

/// Days before the last day a calendar reminds.
pub const ALARM_DAYS: [u64; 2] = [30, 7];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum ReminderFormat {
    Ics,
    Xlsx,
    Csv,
}

impl ReminderFormat {
    /// The format a file name asks for, by its extension.
    pub fn of(path: &Path) -> Result<Self> {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or_default()
            .to_ascii_lowercase();
        match ext.as_str() {
            "ics" => Ok(Self::Ics),
            "xlsx" => Ok(Self::Xlsx),
            "csv" => Ok(Self::Csv),
            _ => Err(Violation::enum_value(
                if ext.is_empty() { "—" } else { &ext },
                "ics, xlsx, csv",
            )
            .at("output")
            .into()),
        }
    }
}

/// What an export of the deadlines wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct RemindersWritten {
    pub path: String,
    pub format: ReminderFormat,
    /// Deadlines written (events or rows).
    pub count: u32,
}

/// Whom to remind of a deadline.
#[derive(Debug, Clone, Default)]
struct Contact {
    enterprise: String,
    person: String,
    phone: String,
}

impl Workspace {
    /// Write the deadlines due within `within` (and the overdue ones) to `path`: `.ics`, `.xlsx`
    /// or `.csv` by its extension, in `lang`.
    pub fn export_deadlines(
        &self,
        within: &str,
        path: &Path,
        lang: Lang,
    ) -> Result<RemindersWritten> {
        let format = ReminderFormat::of(path)?;
        let list = self.deadlines(within)?;
        let contacts = self.contacts(&list)?;
        let bytes = match format {
            ReminderFormat::Ics => ics(&list, &contacts, self.today(), lang).into_bytes(),
            ReminderFormat::Xlsx | ReminderFormat::Csv => {
                let sheet = sheet(&list, &contacts, lang);
                if format == ReminderFormat::Csv {
                    write::csv_bytes(&sheet)
                } else {
                    write::xlsx_bytes(&sheet)
                }
                .map_err(|e| output_error(&e))?
            }
        };
        let tmp = path.with_extension("part");
        std::fs::write(&tmp, bytes)
            .and_then(|()| std::fs::rename(&tmp, path))
            .map_err(|e| output_error(&format!("{}: {e}", path.display())))?;
        Ok(RemindersWritten {
            path: path.display().to_string(),
            format,
            count: list.len() as u32,
        })
    }

    /// The enterprise, contact person and phone of every deadline's enterprise.
    fn contacts(&self, list: &[Deadline]) -> Result<HashMap<String, Contact>> {
        let mut out = HashMap::new();
        for id in list.iter().filter_map(|d| d.enterprise_id.as_deref()) {
            if out.contains_key(id) {
                continue;
            }
            let contact = match store::get(&self.conn, RecordKind::Enterprise, id)? {
                Some(row) => {
                    let e: Enterprise = decode(&row)?;
                    Contact {
                        enterprise: e.name,
                        person: e.contact_person.unwrap_or_default(),
                        phone: e.phone.unwrap_or_default(),
                    }
                }
                None => Contact::default(),
            };
            out.insert(id.to_owned(), contact);
        }
        Ok(out)
    }
}

fn output_error(detail: &str) -> ApiError {
    Violation::file_missing(detail).at("output").into()
}

fn pick(lang: Lang, zh: &str, en: &str) -> String {
    match lang {
        Lang::Zh => zh.to_owned(),
        Lang::En => en.to_owned(),
    }
}

fn contact_of<'a>(d: &Deadline, contacts: &'a HashMap<String, Contact>) -> Option<&'a Contact> {
    d.enterprise_id.as_deref().and_then(|id| contacts.get(id))
}

/// For renewals the day the window opens, for use reports the report year.
fn detail(d: &Deadline, lang: Lang) -> String {
    match d.term_starts {
        Some(_) => format!("{} {}", pick(lang, "续展期始于", "window opens"), d.detail),
        None => format!("{} {}", pick(lang, "报告年度", "report year"), d.detail),
    }
}

/// The calendar file: one all-day event per deadline on its legal last day.
fn ics(
    list: &[Deadline],
    contacts: &HashMap<String, Contact>,
    today: NaiveDate,
    lang: Lang,
) -> String {
    let stamp = today.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc();
    let mut cal = Calendar::empty();
    cal.append_property(Property::new("VERSION", "2.0"))
        .append_property(Property::new("PRODID", "-//Terroir//地标品牌库//ZH-CN"))
        .append_property(Property::new("CALSCALE", "GREGORIAN"))
        .append_property(Property::new("METHOD", "PUBLISH"))
        .name(&pick(lang, "地标品牌库 到期提醒", "Terroir deadlines"));
    for d in list {
        let uid = d.uid();
        let summary = match lang {
            Lang::Zh => format!("{}：{}（{}）", d.kind.label(lang), d.name, d.code),
            Lang::En => format!("{}: {} ({})", d.kind.label(lang), d.name, d.code),
        };
        let mut description = vec![format!(
            "{} {}",
            pick(lang, "法定末日", "legal last day"),
            d.due_on
        )];
        if let Some(n) = &d.note {
            description.push(pick(lang, &n.zh, &n.en));
        }
        description.push(detail(d, lang));
        if let Some(c) = contact_of(d, contacts) {
            description.push(format!(
                "{} {}  {} {}  {} {}",
                pick(lang, "企业", "enterprise"),
                c.enterprise,
                pick(lang, "联系人", "contact"),
                c.person,
                pick(lang, "电话", "phone"),
                c.phone
            ));
        }
        let mut event = Event::new();
        event
            .uid(&uid)
            .timestamp(stamp)
            .summary(&summary)
            .description(&description.join("\n"))
            .starts(d.due_on)
            .ends(d.due_on.checked_add_days(Days::new(1)).unwrap_or(d.due_on));
        for days in ALARM_DAYS {
            let text = format!(
                "{}{}",
                summary,
                pick(
                    lang,
                    &format!("，{days} 天后到期"),
                    &format!(", due in {days} days")
                )
            );
            let mut alarm = Alarm::display(&text, -chrono::Duration::days(days as i64));
            // Fixed, so exports repeat: the crate would stamp and name each alarm afresh.
            alarm
                .append_property(Property::new("TRIGGER", format!("-P{days}D")))
                .uid(&format!(
                    "{}-alarm-{days}d@terroir",
                    uid.trim_end_matches("@terroir")
                ))
                .timestamp(stamp);
            event.alarm(alarm);
        }
        cal.push(event.done());
    }
    fold(&cal.done().to_string())
}

/// Fold content lines at 75 octets without splitting a character (RFC 5545 §3.1). The crate
/// folds too, but can leave a 76-octet line where a space falls near the limit (0.17), so its
/// folds are undone and made again here.
fn fold(text: &str) -> String {
    const LIMIT: usize = 75;
    let unfolded = text.replace("\r\n ", "");
    let mut out = String::with_capacity(unfolded.len() + unfolded.len() / 20);
    for line in unfolded.split_terminator("\r\n") {
        // The first line holds 75 octets, each continuation a space and 74.
        let mut room = LIMIT;
        let mut used = 0;
        for c in line.chars() {
            if used + c.len_utf8() > room {
                out.push_str("\r\n ");
                room = LIMIT - 1;
                used = 0;
            }
            out.push(c);
            used += c.len_utf8();
        }
        out.push_str("\r\n");
    }
    out
}

/// The spreadsheet: the list with whom to call.
fn sheet(list: &[Deadline], contacts: &HashMap<String, Contact>, lang: Lang) -> Sheet {
    let headers = [
        ("法定末日", "Legal last day"),
        ("名义末日", "Nominal last day"),
        ("剩余天数", "Days left"),
        ("事项", "Deadline"),
        ("编号", "Code"),
        ("名称", "Name"),
        ("说明", "Note"),
        ("企业", "Enterprise"),
        ("联系人", "Contact person"),
        ("电话", "Phone"),
    ];
    let text = |s: &str| {
        if s.is_empty() {
            Cell::Empty
        } else {
            Cell::Text(s.to_owned())
        }
    };
    let rows = list
        .iter()
        .map(|d| {
            let c = contact_of(d, contacts).cloned().unwrap_or_default();
            let mut note = detail(d, lang);
            if let Some(n) = &d.note {
                note = format!("{}；{note}", pick(lang, &n.zh, &n.en));
            }
            vec![
                Cell::Date(d.due_on),
                d.due_on_nominal.map_or(Cell::Empty, Cell::Date),
                Cell::Number(d.days_left as f64),
                Cell::Text(d.kind.label(lang)),
                Cell::Text(d.code.clone()),
                Cell::Text(d.name.clone()),
                Cell::Text(note),
                text(&c.enterprise),
                text(&c.person),
                text(&c.phone),
            ]
        })
        .collect();
    Sheet {
        name: pick(lang, "到期提醒", "Deadlines"),
        headers: headers.iter().map(|(zh, en)| pick(lang, zh, en)).collect(),
        notes: vec![],
        rows,
    }
}

#[cfg(test)]
mod tests {
    use super::fold;

    #[test]
    fn folds_at_75_octets_on_character_boundaries() {
        let long = format!("DESCRIPTION:{}", "企业 某茶厂  联系人 张三 ".repeat(8));
        let folded = fold(&format!("BEGIN:VEVENT\r\n{long}\r\nEND:VEVENT\r\n"));
        for line in folded.split("\r\n") {
            assert!(line.len() <= 75, "{} octets: {line}", line.len());
        }
        assert_eq!(
            folded.replace("\r\n ", ""),
            format!("BEGIN:VEVENT\r\n{long}\r\nEND:VEVENT\r\n")
        );
        // A fold the writer made is not folded twice.
        assert_eq!(fold(&folded), folded);
    }
}
