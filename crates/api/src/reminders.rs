//! Reminders out of the app: the deadlines list written as a calendar file (RFC 5545, one
//! all-day event per deadline on its legal last day, alarms 30 and 7 days before), as a
//! spreadsheet with whom to call (enterprise, contact person, phone), or as letters to send
//! (PDF: a 续展提醒函 per renewal, a 使用情况报送通知 per use report), signed by the issuer.
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
use terroir_core::deadline::{Deadline, DeadlineKind};
use terroir_core::enterprise::Enterprise;
use terroir_core::error::Lang;
use terroir_core::record::RecordKind;
use terroir_core::trademark::Trademark;
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
    /// Letters, one per deadline.
    Pdf,
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
            "pdf" => Ok(Self::Pdf),
            _ => Err(Violation::enum_value(
                if ext.is_empty() { "—" } else { &ext },
                "ics, xlsx, csv, pdf",
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
        self.write_deadlines(&self.deadlines(within)?, path, lang)
    }

    /// Write the use-report notices (催报通知) of the authorised users whose report is due within
    /// `within` or missing: the deadlines list's use reports only, in any of its formats.
    pub fn export_use_report_reminders(
        &self,
        within: &str,
        path: &Path,
        lang: Lang,
    ) -> Result<RemindersWritten> {
        let mut list = self.deadlines(within)?;
        list.retain(|d| d.kind == DeadlineKind::UseReport);
        self.write_deadlines(&list, path, lang)
    }

    fn write_deadlines(
        &self,
        list: &[Deadline],
        path: &Path,
        lang: Lang,
    ) -> Result<RemindersWritten> {
        let list = list.to_vec();
        let format = ReminderFormat::of(path)?;
        let contacts = self.contacts(&list)?;
        let bytes = match format {
            ReminderFormat::Ics => ics(&list, &contacts, self.today(), lang).into_bytes(),
            ReminderFormat::Pdf => {
                terroir_dossier::letter::render(&self.letters(&list, &contacts)?)
                    .map_err(|e| output_error(&e.to_string()))?
            }
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

    /// Print the letters for the deadlines due within `within` into the print folder's 提醒函/
    /// (`提醒函-<today>.pdf`), for the system viewer; `name` says how many letters.
    pub fn print_letters(&self, within: &str) -> Result<crate::dossier::Printed> {
        let dir = self.print_dir("提醒函");
        std::fs::create_dir_all(&dir)
            .map_err(|e| output_error(&format!("{}: {e}", dir.display())))?;
        let path = dir.join(format!("提醒函-{}.pdf", self.today()));
        let written = self.export_deadlines(within, &path, Lang::Zh)?;
        let bytes = std::fs::metadata(&path)
            .map(|m| m.len())
            .unwrap_or_default();
        Ok(crate::dossier::Printed::written(
            String::new(),
            format!("{} 封", written.count),
            &path,
            bytes,
            vec![],
        ))
    }

    /// The letters for `list`: what each deadline asks of its enterprise, in the words a bureau
    /// sends, signed by the dossier settings' issuer.
    fn letters(
        &self,
        list: &[Deadline],
        contacts: &HashMap<String, Contact>,
    ) -> Result<terroir_dossier::letter::LettersView> {
        let mut letters = vec![];
        for d in list {
            let to = contact_of(d, contacts)
                .map(|c| c.enterprise.clone())
                .filter(|n| !n.is_empty())
                .unwrap_or_else(|| {
                    match d.kind {
                        DeadlineKind::UseReport => "专用标志使用人",
                        _ => "商标注册人",
                    }
                    .to_owned()
                });
            let contact = contact_of(d, contacts);
            let row = match d.kind {
                DeadlineKind::UseReport => store::get(&self.conn, RecordKind::User, &d.id)?,
                _ => store::get(&self.conn, RecordKind::Trademark, &d.id)?,
            };
            let sample = row.as_ref().is_some_and(|r| r.sample);
            letters.push(match d.kind {
                DeadlineKind::UseReport => use_report_letter(d, to, sample),
                _ => {
                    let tm: Option<Trademark> = row.as_ref().map(decode).transpose()?;
                    renewal_letter(d, tm.as_ref(), to, contact, sample)
                }
            });
        }
        Ok(terroir_dossier::letter::LettersView {
            letters,
            issuer: self.dossier_settings()?.issuer,
            dated: self.today(),
            audit_head: terroir_store::audit::head(&self.conn)?,
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

/// 续展提醒函: the mark, its term and the legal last day, with art. 40 of the Trademark Law.
fn renewal_letter(
    d: &Deadline,
    tm: Option<&Trademark>,
    to: String,
    contact: Option<&Contact>,
    sample: bool,
) -> terroir_dossier::letter::LetterView {
    let due = terroir_dossier::template::zh_date(d.due_on);
    let mark = tm.map_or_else(|| d.name.clone(), |t| t.name.clone());
    let reg_no = tm.map(|t| t.reg_no.to_string()).unwrap_or_default();
    let expires = tm.and_then(Trademark::expires);
    let mut body = vec![format!(
        "贵单位注册的第 {reg_no} 号“{mark}”商标{}。",
        expires.map_or_else(String::new, |e| format!(
            "，注册有效期至 {}",
            terroir_dossier::template::zh_date(e)
        ))
    )];
    body.push("根据《中华人民共和国商标法》第四十条，注册商标有效期满，需要继续使用的，商标注册人应当在期满前十二个月内按照规定办理续展手续；在此期间未能办理的，可以给予六个月的宽展期。宽展期满未办理续展手续的，注销其注册商标。".to_owned());
    body.push(match (d.kind, d.overdue) {
        (_, true) => format!("该商标的续展办理期限已于 {due} 届满，请尽快核实是否已办理续展；如未办理，其注册将被注销。"),
        (DeadlineKind::RenewalGrace, false) => format!("该商标已过有效期，现处于宽展期内。请务必于 {due}（宽展期末日）前向国家知识产权局办理续展手续，逾期将被注销。"),
        _ => format!("请于 {due} 前向国家知识产权局办理续展手续，以免影响商标专用权。"),
    });
    let mut facts = vec![("商标".to_owned(), mark), ("注册号".to_owned(), reg_no)];
    if let Some(e) = expires {
        facts.push(("有效期至".into(), terroir_dossier::template::zh_date(e)));
    }
    facts.push(("办理截止日".into(), due));
    let mut closing = vec!["如已办理，请忽略本函。".to_owned()];
    if let Some(c) = contact.filter(|c| !c.person.is_empty() || !c.phone.is_empty()) {
        closing.push(format!("本函送达联系人：{} {}", c.person, c.phone));
    }
    terroir_dossier::letter::LetterView {
        sample,
        title: "商标续展提醒函".into(),
        to,
        body,
        facts,
        closing,
    }
}

/// 使用情况报送通知: an authorised user's report for a period, due (or missing).
fn use_report_letter(
    d: &Deadline,
    to: String,
    sample: bool,
) -> terroir_dossier::letter::LetterView {
    let due = terroir_dossier::template::zh_date(d.due_on);
    let state = if d.overdue {
        format!("应于 {due} 前报送，目前已逾期尚未收到")
    } else {
        format!("应于 {due} 前报送")
    };
    terroir_dossier::letter::LetterView {
        sample,
        title: "地理标志专用标志使用情况报送通知".into(),
        to,
        body: vec![
            format!(
                "贵单位为经核准的地理标志专用标志使用人（{}，{}）。按照地理标志专用标志使用管理的有关规定和本局规定的报送周期，使用人应当按时报送专用标志使用情况。",
                d.name, d.code
            ),
            format!(
                "贵单位 {} 年度的使用情况报告{state}。请及时报送，逾期未报送的，将依照有关规定处理。",
                d.detail
            ),
        ],
        facts: vec![
            ("使用人".into(), d.name.clone()),
            ("编号".into(), d.code.clone()),
            ("报告年度".into(), d.detail.clone()),
            ("报送截止日".into(), due),
        ],
        closing: vec!["如已报送，请忽略本通知。".into()],
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
