//! Spreadsheet import and export end to end through the `terroir` binary: a messy bureau
//! sheet, the round trip, LibreOffice reading our XLSX, and hostile files refused in bounded
//! memory.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_terroir");

fn terroir(db: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .arg("--db")
        .arg(db)
        .args(["--actor", "导入员", "--lang", "en", "--today", "2026-11-28"])
        .args(args)
        .output()
        .expect("run terroir")
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn json(o: &Output) -> Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}\n{}",
            String::from_utf8_lossy(&o.stdout),
            err(o)
        )
    })
}

fn workspace(sample: bool) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("terroir.db");
    let o = terroir(
        &db,
        if sample {
            &["init", "--sample"]
        } else {
            &["init"]
        },
    );
    assert!(o.status.success(), "{}", err(&o));
    (dir, db)
}

/// A sheet the way a county bureau keeps it: a merged title row, synonyms for headers, an
/// extra column, full-width digits, a lower-case credit code, an Excel date, stray spaces.
fn bureau_sheet(path: &Path, bad_code: bool) {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.merge_range(
        0,
        0,
        0,
        5,
        "2024年度固始县地理标志使用企业名单",
        &Format::new(),
    )
    .unwrap();
    for (c, h) in [
        "序号",
        "单位名称",
        "信用代码",
        "所在地",
        "注册地址",
        "成立日期",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string(1, c as u16, *h).unwrap();
    }
    let rows = [
        (
            "1",
            "固始县皮蛋食品有限公司",
            if bad_code {
                "91411525MA4000000W"
            } else {
                "91411525ma4000000u"
            },
            "固始县",
            " 固始县城关镇　蓼北路１８号 ",
        ),
        ("2", "固始县鸡业合作社", "", "411525", "固始县三河尖镇"),
    ];
    for (i, (n, name, code, div, addr)) in rows.iter().enumerate() {
        let r = i as u32 + 2;
        ws.write_string(r, 0, *n).unwrap();
        ws.write_string(r, 1, *name).unwrap();
        ws.write_string(r, 2, *code).unwrap();
        ws.write_string(r, 3, *div).unwrap();
        ws.write_string(r, 4, *addr).unwrap();
        let d = ExcelDateTime::from_ymd(2019, 3, 5).unwrap();
        ws.write_datetime_with_format(r, 5, &d, &Format::new().set_num_format("yyyy/m/d"))
            .unwrap();
    }
    book.save(path).unwrap();
}

#[test]
fn a_bureau_sheet_is_checked_previewed_imported_and_matched_on_credit_code() {
    let (dir, db) = workspace(true);
    let sheet = dir.path().join("名单.xlsx");
    bureau_sheet(&sheet, true);
    let o = terroir(
        &db,
        &[
            "--json",
            "import",
            sheet.to_str().unwrap(),
            "--kind",
            "enterprise",
        ],
    );
    assert_eq!(o.status.code(), Some(1), "problems exit 1: {}", err(&o));
    let r = json(&o);
    assert_eq!(r["applied"], false);
    assert_eq!(r["header_row"], 2);
    let p = &r["problems"][0];
    assert_eq!(p["row"], 3);
    assert_eq!(p["column"], "C 信用代码");
    assert_eq!(p["value"], "91411525MA4000000W");
    assert_eq!(p["rule"], "credit_code_check_digit");
    assert!(
        r["ignored_columns"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c == "A 序号")
    );
    let list = json(&terroir(&db, &["--json", "enterprise", "list"]));
    assert_eq!(list.as_array().unwrap().len(), 6, "nothing written");

    bureau_sheet(&sheet, false);
    let o = terroir(
        &db,
        &[
            "--json",
            "import",
            sheet.to_str().unwrap(),
            "--kind",
            "enterprise",
            "--dry-run",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let r = json(&o);
    assert_eq!(
        (r["added"].as_array().unwrap().len(), r["applied"].as_bool()),
        (2, Some(false))
    );
    let o = terroir(
        &db,
        &[
            "--json",
            "import",
            sheet.to_str().unwrap(),
            "--kind",
            "enterprise",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert_eq!(json(&o)["applied"], true);
    let list = json(&terroir(&db, &["--json", "enterprise", "list"]));
    let code = list
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == "固始县皮蛋食品有限公司")
        .map(|r| r["code"].as_str().unwrap().to_owned())
        .expect("imported");
    let e = json(&terroir(&db, &["--json", "enterprise", "show", &code]));
    assert_eq!(e["data"]["credit_code"], "91411525MA4000000U", "normalised");
    assert_eq!(e["data"]["division"], "411525", "division name resolved");
    assert_eq!(
        e["data"]["address"], "固始县城关镇 蓼北路18号",
        "spaces and full-width digits"
    );
    let audit = json(&terroir(
        &db,
        &[
            "--json",
            "audit",
            "log",
            "--kind",
            "enterprise",
            "--record",
            &code,
        ],
    ));
    let reason = audit[0]["reason"].as_str().unwrap_or_default().to_owned();
    assert!(
        reason.contains("名单.xlsx") && reason.contains("sha256"),
        "{audit}"
    );

    // Importing it again with a new address updates the record: changed, not duplicated.
    let csv = dir.path().join("更新.csv");
    std::fs::write(
        &csv,
        "企业名称,统一社会信用代码,地址\n固始县皮蛋食品有限公司,91411525ma4000000u,固始县史河湾\n",
    )
    .unwrap();
    let r = json(&terroir(
        &db,
        &[
            "--json",
            "import",
            csv.to_str().unwrap(),
            "--kind",
            "enterprise",
        ],
    ));
    assert_eq!(r["changed"][0]["fields"][0]["field"], "address");
    assert_eq!(r["changed"][0]["fields"][0]["after"], "固始县史河湾");
    let list = json(&terroir(&db, &["--json", "enterprise", "list"]));
    assert_eq!(list.as_array().unwrap().len(), 8);
}

#[test]
fn export_then_import_into_an_empty_workspace_gives_identical_records() {
    let (dir, a) = workspace(true);
    let (_d2, b) = workspace(false);
    // The sample's rules pay from divisions it adds to its table; the other workspace adds
    // them as a bureau would before importing rules of other cities.
    for (code, name) in [
        ("410100", "郑州市"),
        ("410300", "洛阳市"),
        ("411100", "漯河市"),
        ("360424", "修水县"),
    ] {
        assert!(
            terroir(&b, &["division", "add", code, name])
                .status
                .success()
        );
    }
    for kind in ["enterprise", "trademark", "gi", "user", "incentive_rule"] {
        let x = dir.path().join(format!("{kind}.xlsx"));
        let o = terroir(&a, &["export", "--kind", kind, "-o", x.to_str().unwrap()]);
        assert!(o.status.success(), "{}", err(&o));
        let o = terroir(
            &b,
            &["--json", "import", x.to_str().unwrap(), "--kind", kind],
        );
        assert_eq!(
            o.status.code(),
            Some(0),
            "{kind}: {}",
            String::from_utf8_lossy(&o.stdout)
        );
    }
    for kind in ["enterprise", "trademark", "gi", "user", "incentive_rule"] {
        let (ca, cb) = (dir.path().join("a.csv"), dir.path().join("b.csv"));
        terroir(&a, &["export", "--kind", kind, "-o", ca.to_str().unwrap()]);
        terroir(&b, &["export", "--kind", kind, "-o", cb.to_str().unwrap()]);
        assert_eq!(
            std::fs::read_to_string(&ca).unwrap(),
            std::fs::read_to_string(&cb).unwrap(),
            "{kind}"
        );
        let list: &[&str] = match kind {
            "incentive_rule" => &["--json", "incentive", "rules", "list"],
            _ => &["--json", kind, "list"],
        };
        let la = json(&terroir(&a, list));
        let lb = json(&terroir(&b, list));
        let names = |l: &Value| {
            l.as_array()
                .unwrap()
                .iter()
                .map(|r| r["name"].clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(names(&la), names(&lb), "{kind}");
    }
}

#[test]
fn libreoffice_reads_our_xlsx_with_the_same_values_and_no_formulas() {
    let (dir, db) = workspace(true);
    // Text that a spreadsheet would take for a formula, and a code with leading zeros.
    let o = terroir(
        &db,
        &[
            "enterprise",
            "add",
            "--name",
            "=HYPERLINK(\"http://x\",\"点我\")",
            "--phone",
            "0376-6200000",
            "--notes",
            "+86 0376",
        ],
    );
    assert!(o.status.success(), "{}", err(&o));
    let xlsx = dir.path().join("e.xlsx");
    let csv = dir.path().join("ours.csv");
    terroir(
        &db,
        &[
            "export",
            "--kind",
            "enterprise",
            "-o",
            xlsx.to_str().unwrap(),
        ],
    );
    terroir(
        &db,
        &[
            "export",
            "--kind",
            "enterprise",
            "-o",
            csv.to_str().unwrap(),
        ],
    );
    let out = dir.path().join("lo");
    let status = Command::new("libreoffice")
        .args([
            "--headless",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76",
            "--outdir",
        ])
        .arg(&out)
        .arg(&xlsx)
        .env("HOME", dir.path())
        .output()
        .expect("LibreOffice (make deps installs libreoffice-calc-nogui)");
    assert!(status.status.success(), "{}", err(&status));
    let lo = std::fs::read_to_string(out.join("e.csv")).unwrap();
    let ours = std::fs::read_to_string(&csv).unwrap();
    let rows = |s: &str| -> Vec<Vec<String>> {
        csv_rows(s.trim_start_matches('\u{feff}'))
            .into_iter()
            .map(|r| {
                r.into_iter()
                    .map(|c| c.trim_start_matches('\'').to_owned())
                    .collect()
            })
            .collect()
    };
    assert_eq!(rows(&lo), rows(&ours));
    assert!(lo.contains("=HYPERLINK"), "the text stays text");
    assert!(lo.contains("0376-6200000"));
}

fn csv_rows(s: &str) -> Vec<Vec<String>> {
    // A small CSV reader: quotes, doubled quotes, commas and newlines inside quotes.
    let (mut rows, mut row, mut cell, mut quoted) = (vec![], vec![], String::new(), false);
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                cell.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (',', false) => row.push(std::mem::take(&mut cell)),
            ('\n', false) => {
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            ('\r', false) => {}
            (c, _) => cell.push(c),
        }
    }
    if !cell.is_empty() || !row.is_empty() {
        row.push(cell);
        rows.push(row);
    }
    rows
}

/// A minimal XLSX with the given sheet XML and, optionally, shared strings.
fn xlsx(sheet_xml: &[u8], shared: Option<&[u8]>) -> Vec<u8> {
    let mut out = std::io::Cursor::new(vec![]);
    {
        let mut z = zip::ZipWriter::new(&mut out);
        let o = zip::write::SimpleFileOptions::default();
        let mut part = |name: &str, body: &[u8]| {
            z.start_file(name, o).unwrap();
            z.write_all(body).unwrap();
        };
        part("[Content_Types].xml", br#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#);
        part("_rels/.rels", br#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#);
        part("xl/workbook.xml", br#"<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#);
        part("xl/_rels/workbook.xml.rels", br#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#);
        part("xl/worksheets/sheet1.xml", sheet_xml);
        if let Some(s) = shared {
            part("xl/sharedStrings.xml", s);
        }
        z.finish().unwrap();
    }
    out.into_inner()
}

const HEAD: &str = r#"<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#;

/// Import `bytes` as `name`, returning the exit code, the error rule and the peak memory (MB).
fn import_hostile(dir: &Path, db: &Path, name: &str, bytes: &[u8]) -> (Option<i32>, String, u64) {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    let stats = dir.join("time.txt");
    let o = Command::new("/usr/bin/time")
        .args(["-f", "%M", "-o"])
        .arg(&stats)
        .arg(BIN)
        .arg("--db")
        .arg(db)
        .args(["--json", "import"])
        .arg(&path)
        .args(["--kind", "enterprise"])
        .output()
        .expect("GNU time (make deps installs it)");
    let peak_kb: u64 = std::fs::read_to_string(&stats)
        .unwrap()
        .trim()
        .lines()
        .last()
        .unwrap()
        .parse()
        .unwrap();
    let rule = json(&o)["error"]["rule"].as_str().unwrap_or("").to_owned();
    (o.status.code(), rule, peak_kb / 1024)
}

#[test]
fn hostile_spreadsheets_get_a_clear_error_and_bounded_memory() {
    let (dir, db) = workspace(false);
    let d = dir.path();
    let mut sparse = HEAD.as_bytes().to_vec();
    sparse.extend_from_slice(r#"<row r="1"><c r="A1" t="inlineStr"><is><t>企业名称</t></is></c></row><row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData></worksheet>"#.as_bytes());
    let mut truncated = HEAD.as_bytes().to_vec();
    truncated.extend_from_slice(r#"<row r="1"><c r="A1" t="inlineStr"><is><t>企业名称</t></is></c><c r="B1" t="inlineStr"><is><t>地址</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>某企"#.as_bytes());
    let mut bomb = HEAD.as_bytes().to_vec();
    bomb.extend(std::iter::repeat_n(b' ', 60 * 1024 * 1024));
    bomb.extend_from_slice(b"</sheetData></worksheet>");
    let mut plain = HEAD.as_bytes().to_vec();
    plain.extend_from_slice(
        br#"<row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>"#,
    );
    let declared = r#"<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="4000000000" uniqueCount="4000000000"><si><t>企业名称</t></si></sst>"#.as_bytes();
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("sparse.xlsx", xlsx(&sparse, None), "sheet_too_many"),
        ("truncated.xlsx", xlsx(&truncated, None), "sheet_damaged"),
        ("bomb.xlsx", xlsx(&bomb, None), "sheet_zip_bomb"),
        (
            "notzip.xlsx",
            b"PK\x03\x04 this is not really a zip archive".to_vec(),
            "sheet_damaged",
        ),
        (
            "text.xlsx",
            "只是一段文字，不是表格".as_bytes().to_vec(),
            "sheet_not_spreadsheet",
        ),
        (
            "strings.xlsx",
            xlsx(&plain, Some(declared)),
            "sheet_declared_count",
        ),
    ];
    for (name, bytes, want) in cases {
        let (code, rule, peak) = import_hostile(d, &db, name, &bytes);
        eprintln!(
            "{name}: {} bytes, exit {code:?}, {rule}, peak {peak} MB",
            bytes.len()
        );
        assert_eq!(code, Some(2), "{name}");
        assert_eq!(rule, want, "{name}");
        assert!(peak < 100, "{name}: peak memory {peak} MB");
    }
}

#[test]
fn a_large_import_is_searchable_across_its_index_chunks() {
    let (dir, db) = workspace(false);
    let csv = dir.path().join("many.csv");
    let mut text = String::from("企业名称,行政区划\n");
    for i in 0..5_003 {
        text.push_str(&format!("批量导入测试企业{i:05}号,411525\n"));
    }
    std::fs::write(&csv, text).unwrap();
    let o = terroir(
        &db,
        &[
            "--json",
            "import",
            csv.to_str().unwrap(),
            "--kind",
            "enterprise",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert_eq!(json(&o)["added"].as_array().unwrap().len(), 5_003);
    for (query, want) in [
        ("企业00007", "批量导入测试企业00007号"),
        ("企业05002", "批量导入测试企业05002号"),
        ("pldrcsqy", "批量导入测试企业"),
    ] {
        let hits = json(&terroir(
            &db,
            &["--json", "search", query, "--kind", "enterprise"],
        ));
        let text = hits.to_string();
        assert!(text.contains(want), "{query}: {text}");
    }
    let o = terroir(&db, &["check"]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
}
