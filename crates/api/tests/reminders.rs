//! Reminders out of the app: the deadlines list as an RFC 5545 calendar file and as a
//! spreadsheet with contacts, read back with parsers that did not write them.

use std::collections::BTreeSet;
use std::io::BufReader;

use serde_json::json;
use terroir_api::core::Lang;
use terroir_api::core::deadline::{Deadline, DeadlineKind};
use terroir_api::reminders::ReminderFormat;
use terroir_api::{Workspace, core::RecordKind};
use terroir_exchange::sheet::{self, Cell};

/// The sample catalogue, plus a mark whose grace period nominally ends on Saturday 2026-11-28
/// and so ends on Monday 2026-11-30, registered to an enterprise with a contact.
fn workspace() -> (tempfile::TempDir, Workspace) {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = Workspace::create_with_sample(&dir.path().join("terroir.db"), "测试员").unwrap();
    ws.set_today(Some("2026-11-27".parse().unwrap()));
    ws.add(
        RecordKind::Enterprise,
        json!({ "name": "某茶厂", "contact_person": "张三", "phone": "0376-1234567" }),
    )
    .unwrap();
    ws.add(
        RecordKind::Trademark,
        json!({ "reg_no": "16052901", "name": "某茶", "classes": ["30"], "registrant": "某茶厂",
                "registered_on": "2016-05-29" }),
    )
    .unwrap();
    (dir, ws)
}

fn prop<'a>(props: &'a [ical::property::Property], name: &str) -> Option<&'a str> {
    props
        .iter()
        .find(|p| p.name == name)
        .and_then(|p| p.value.as_deref())
}

#[test]
fn the_calendar_file_has_one_event_per_deadline_on_its_legal_last_day() {
    let (dir, ws) = workspace();
    let list: Vec<Deadline> = ws.deadlines("365d").unwrap();
    let moved = list
        .iter()
        .find(|d| d.name == "某茶")
        .expect("the moved mark is due");
    assert_eq!(moved.due_on.to_string(), "2026-11-30");
    assert_eq!(
        moved.due_on_nominal.map(|d| d.to_string()).as_deref(),
        Some("2026-11-28")
    );

    let path = dir.path().join("续展提醒.ics");
    let w = ws.export_deadlines("365d", &path, Lang::Zh).unwrap();
    assert_eq!(w.format, ReminderFormat::Ics);
    assert_eq!(w.count as usize, list.len());
    let bytes = std::fs::read(&path).unwrap();

    // Two exports on the same day are byte-identical.
    let again = dir.path().join("again.ics");
    ws.export_deadlines("365d", &again, Lang::Zh).unwrap();
    assert_eq!(bytes, std::fs::read(&again).unwrap());

    // Lines end in CRLF, are at most 75 octets, and no fold splits a character.
    let text = std::str::from_utf8(&bytes).unwrap();
    for line in text.split("\r\n") {
        assert!(line.len() <= 75, "{} octets: {line}", line.len());
        assert!(!line.contains('\n'), "bare LF in {line:?}");
    }

    let cals: Vec<_> = ical::IcalParser::new(BufReader::new(bytes.as_slice()))
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(cals.len(), 1);
    let events = &cals[0].events;
    assert_eq!(events.len(), list.len());
    let uids: BTreeSet<&str> = events
        .iter()
        .map(|e| prop(&e.properties, "UID").unwrap())
        .collect();
    assert_eq!(uids.len(), list.len(), "UIDs are unique");
    for (e, d) in events.iter().zip(&list) {
        assert_eq!(prop(&e.properties, "UID").unwrap(), d.uid());
        assert_eq!(
            prop(&e.properties, "DTSTART").unwrap(),
            d.due_on.format("%Y%m%d").to_string(),
            "an all-day event on the legal last day"
        );
        assert_eq!(prop(&e.properties, "DTSTAMP").unwrap(), "20261127T000000Z");
        let triggers: Vec<&str> = e
            .alarms
            .iter()
            .map(|a| prop(&a.properties, "TRIGGER").unwrap())
            .collect();
        assert_eq!(triggers, ["-P30D", "-P7D"]);
        assert!(
            e.alarms
                .iter()
                .all(|a| prop(&a.properties, "ACTION") == Some("DISPLAY"))
        );
    }
    let e = events
        .iter()
        .find(|e| prop(&e.properties, "UID") == Some(moved.uid().as_str()))
        .unwrap();
    let description = prop(&e.properties, "DESCRIPTION").unwrap();
    assert!(description.contains("2026-11-28"), "{description}");
    assert!(description.contains("张三"), "{description}");
    assert!(description.contains("0376-1234567"), "{description}");
    assert!(prop(&e.properties, "SUMMARY").unwrap().contains("某茶"));
}

#[test]
fn the_spreadsheet_says_whom_to_call_and_agrees_with_the_list() {
    let (dir, ws) = workspace();
    let list = ws.deadlines("365d").unwrap();
    for ext in ["xlsx", "csv"] {
        let path = dir.path().join(format!("续展提醒.{ext}"));
        let w = ws.export_deadlines("365d", &path, Lang::Zh).unwrap();
        assert_eq!(w.count as usize, list.len());
        let rows = sheet::read(&path).unwrap().rows;
        let header: Vec<String> = rows[0].1.iter().map(Cell::text).collect();
        assert_eq!(
            header,
            [
                "法定末日",
                "名义末日",
                "剩余天数",
                "事项",
                "编号",
                "名称",
                "说明",
                "企业",
                "联系人",
                "电话"
            ]
        );
        assert_eq!(rows.len() - 1, list.len(), "{ext}");
        for ((_, row), d) in rows[1..].iter().zip(&list) {
            assert_eq!(row[0].text(), d.due_on.to_string(), "{ext}");
            assert_eq!(row[4].text(), d.code, "{ext}");
        }
        let row = &rows[1..]
            .iter()
            .find(|(_, r)| r[5].text() == "某茶")
            .unwrap()
            .1;
        assert_eq!(row[1].text(), "2026-11-28");
        assert_eq!(row[7].text(), "某茶厂");
        assert_eq!(row[8].text(), "张三");
        assert_eq!(row[9].text(), "0376-1234567");
        assert!(row[6].text().contains("第十二条"), "{}", row[6].text());
    }
}

#[test]
fn an_unknown_format_is_refused_by_its_extension() {
    let (dir, ws) = workspace();
    let e = ws
        .export_deadlines("90d", &dir.path().join("x.doc"), Lang::Zh)
        .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("output"));
    assert!(e.message.zh_cn.contains("pdf"), "{}", e.message.zh_cn);
    assert!(!dir.path().join("x.doc").exists());
}

/// `.pdf` writes the letters: one per deadline, each from a new page, a 续展提醒函 citing art.
/// 40 with the mark, its registration number and the legal last day, a 使用情况报送通知 per
/// report, signed by the dossier settings' issuer; poppler reads it.
#[test]
fn letters_one_per_deadline_signed_by_the_issuer() {
    let (dir, mut ws) = workspace();
    ws.set_dossier_settings(&terroir_api::dossier::DossierSettings {
        issuer: Some("信阳市知识产权局".into()),
        issuer_contact: None,
        qr_template: String::new(),
    })
    .unwrap();
    let list = ws.deadlines("90d").unwrap();
    let path = dir.path().join("提醒函.pdf");
    let w = ws.export_deadlines("90d", &path, Lang::Zh).unwrap();
    assert_eq!(
        (w.format, w.count as usize),
        (ReminderFormat::Pdf, list.len())
    );
    let text = |args: &[&str]| {
        let o = std::process::Command::new("pdftotext")
            .args(args)
            .arg(&path)
            .arg("-")
            .output()
            .unwrap();
        assert!(o.status.success());
        String::from_utf8(o.stdout).unwrap()
    };
    let all = text(&[]);
    let renewals = list.iter().filter(|d| d.term_starts.is_some()).count();
    let reports = list.len() - renewals;
    assert!(renewals > 0 && reports > 0, "{list:?}");
    assert_eq!(all.matches("商标续展提醒函").count(), renewals);
    assert_eq!(
        all.matches("地理标志专用标志使用情况报送通知").count(),
        reports
    );
    assert!(all.contains("第四十条"));
    // The added mark: its registration number, its legal last day (Monday 30 November), and
    // whom the letter reaches.
    assert!(all.contains("第 16052901 号“某茶”商标"), "{all}");
    assert!(all.contains("2026年11月30日"));
    assert!(all.contains("某茶厂") && all.contains("张三 0376-1234567"));
    assert!(all.contains("信阳市知识产权局"));
    // Each letter starts a page: the first page holds one title.
    let first = text(&["-f", "1", "-l", "1"]);
    assert_eq!(
        first.matches("商标续展提醒函").count() + first.matches("使用情况报送通知").count(),
        1,
        "{first}"
    );
    let pages = text(&[]).matches('\u{c}').count();
    assert!(
        pages >= list.len(),
        "{pages} pages for {} letters",
        list.len()
    );
}

/// `terroir user reminders`: the use-report notices (催报通知) alone, one per report due or
/// missing, none for a renewal; the overdue ones say so.
#[test]
fn use_report_reminders_are_the_use_reports_alone() {
    let (dir, ws) = workspace();
    let list = ws.deadlines("90d").unwrap();
    let reports: Vec<_> = list
        .iter()
        .filter(|d| d.kind == terroir_api::core::deadline::DeadlineKind::UseReport)
        .collect();
    assert!(
        !reports.is_empty() && reports.len() < list.len(),
        "{list:?}"
    );
    let path = dir.path().join("催报通知.pdf");
    let w = ws
        .export_use_report_reminders("90d", &path, Lang::Zh)
        .unwrap();
    assert_eq!(w.count as usize, reports.len());
    let o = std::process::Command::new("pdftotext")
        .arg(&path)
        .arg("-")
        .output()
        .unwrap();
    let all = String::from_utf8(o.stdout).unwrap();
    assert_eq!(all.matches("使用情况报送通知").count(), reports.len());
    assert!(!all.contains("商标续展提醒函"), "{all}");
    let overdue = reports.iter().filter(|d| d.overdue).count();
    assert_eq!(all.matches("已逾期尚未收到").count(), overdue, "{all}");
}

/// The overview's deadlines are the 90-day list as the deadlines page has it, counted, with the
/// most overdue and the soonest due first, twenty of each.
#[test]
fn the_overview_counts_the_deadlines_and_lists_the_most_urgent() {
    // The sample's overdue use reports, and generated marks for more than twenty due.
    let (_dir, mut ws) = workspace();
    let scale = terroir_api::generate::Scale::named("small").unwrap();
    ws.generate(scale.catalogue_only(), 7, |_, _| {}).unwrap();
    let all = ws.deadlines(terroir_api::ops::OVERVIEW_HORIZON).unwrap();
    let o = ws.overview_deadlines().unwrap();
    let (overdue, due): (Vec<Deadline>, Vec<Deadline>) = all.into_iter().partition(|d| d.overdue);
    assert!(!overdue.is_empty() && due.len() > 20, "{overdue:?}");
    assert_eq!((o.overdue, o.due), (overdue.len() as u64, due.len() as u64));
    let reports = overdue
        .iter()
        .filter(|d| d.kind == DeadlineKind::UseReport)
        .count();
    assert_eq!(o.reports_overdue, reports as u64);
    assert_eq!(o.most_overdue, overdue[..overdue.len().min(20)]);
    assert_eq!(o.soonest_due, due[..20]);
    assert!(
        o.most_overdue
            .windows(2)
            .all(|w| w[0].days_left <= w[1].days_left)
    );
    assert!(
        o.soonest_due
            .windows(2)
            .all(|w| w[0].days_left <= w[1].days_left)
    );
    assert!(o.most_overdue.iter().all(|d| d.days_left < 0));
    assert!(o.soonest_due.iter().all(|d| d.days_left >= 0));
}
