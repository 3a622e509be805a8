//! The yearly report written three ways gives the dashboard's numbers in each: the PDF's text
//! (poppler), the workbook's cells (calamine), the Word document's body.

use std::io::Read;
use std::path::Path;

use calamine::{Data, Reader, Xlsx, open_workbook};
use terroir_api::Workspace;
use terroir_api::core::Fen;

fn sample() -> (tempfile::TempDir, Workspace) {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = Workspace::create_with_sample(&dir.path().join("terroir.db"), "测试员").unwrap();
    ws.set_today(Some("2026-12-04".parse().unwrap()));
    (dir, ws)
}

fn pdf_text(path: &Path) -> String {
    let o = std::process::Command::new("pdftotext")
        .args(["-layout", path.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext (poppler-utils)");
    assert!(o.status.success());
    String::from_utf8(o.stdout).unwrap()
}

fn docx_text(path: &Path) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    xml
}

/// A sheet's rows below its header, as numbers where the cell is one.
fn sheet(path: &Path, name: &str) -> Vec<Vec<Data>> {
    let mut book: Xlsx<_> = open_workbook(path).unwrap();
    let range = book.worksheet_range(name).unwrap();
    range.rows().skip(1).map(<[Data]>::to_vec).collect()
}

#[test]
fn the_report_gives_the_dashboards_numbers_in_pdf_xlsx_and_docx() {
    let (d, ws) = sample();
    let dash = ws.dashboard(2026, None).unwrap();
    let files: Vec<_> = ["pdf", "xlsx", "docx"]
        .iter()
        .map(|ext| {
            let p = d.path().join(format!("2026年度报告.{ext}"));
            let printed = ws.write_annual_report(2026, None, &p).unwrap();
            assert!(printed.bytes > 1000, "{ext}");
            p
        })
        .collect();
    let (pdf, docx) = (pdf_text(&files[0]), docx_text(&files[2]));
    // Every target's figure and per cent, every year's loans, the users at the counted day.
    let mut shown: Vec<String> = vec![];
    for t in &dash.targets {
        shown.push(format!("{}%", t.progress.percent));
        shown.push(if t.money {
            Fen(t.progress.value).to_string()
        } else {
            t.progress.value.to_string()
        });
    }
    for y in &dash.financing_by_year {
        shown.push(y.amount.to_string());
    }
    shown.push("2026年度知识产权（地理标志）工作报告".into());
    // The sample has no award budget or award this year: the section says so.
    shown.push("无数据".into());
    for s in &shown {
        assert!(pdf.contains(s.as_str()), "PDF lacks {s}");
        assert!(docx.contains(s.as_str()), "DOCX lacks {s}");
    }
    // The workbook: numbers as numbers, money in yuan.
    let targets = sheet(&files[1], "targets");
    assert_eq!(targets.len(), dash.targets.len());
    for (row, t) in targets.iter().zip(&dash.targets) {
        assert_eq!(row[0], Data::String(t.code.clone()));
        assert_eq!(row[5], Data::Float(t.progress.percent as f64));
    }
    let loans = sheet(&files[1], "financing");
    for (row, y) in loans.iter().zip(&dash.financing_by_year) {
        assert_eq!(row[1], Data::Float(y.amount.0 as f64 / 100.0), "{}", y.year);
    }
    assert_eq!(
        sheet(&files[1], "awards")[0][0],
        Data::String("无数据".into())
    );
    assert_eq!(
        sheet(&files[1], "users").last().unwrap()[1],
        Data::Float(dash.users_by_month.last().unwrap().value as f64)
    );
    // The zone's ended preparation and the sample's enforcement figures are in it.
    assert!(pdf.contains("筹建期已届满"));
    assert!(docx.contains("执法办案"));
    // Another extension is refused, naming the field.
    let e = ws
        .write_annual_report(2026, None, &d.path().join("r.txt"))
        .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("output"));
}

#[test]
fn a_county_report_covers_the_county() {
    let (d, ws) = sample();
    let r = ws.annual_report(2026, Some("411525")).unwrap();
    assert!(r.subtitle.starts_with("固始县"), "{}", r.subtitle);
    let fin = r.parts.iter().find(|p| p.key == "financing").unwrap();
    // FIN-0001 (2022, ¥5,000,000) is 固始县's; FIN-0002 is 罗山县's.
    assert_eq!(
        fin.rows[0][1],
        terroir_api::report::ReportCell::Money(Fen(500_000_000))
    );
    assert_eq!(
        fin.rows[3][1],
        terroir_api::report::ReportCell::Money(Fen(0))
    );
    let p = d.path().join("固始县.pdf");
    ws.write_annual_report(2026, Some("411525"), &p).unwrap();
    assert!(pdf_text(&p).contains("固始县"));
}

/// LibreOffice (Writer and Calc, as a bureau's WPS or Office would) opens the document and the
/// workbook and reads the same numbers.
#[test]
fn libreoffice_opens_the_report_document_and_workbook() {
    let (d, ws) = sample();
    let dash = ws.dashboard(2026, None).unwrap();
    let (docx, xlsx) = (d.path().join("报告.docx"), d.path().join("报告.xlsx"));
    ws.write_annual_report(2026, None, &docx).unwrap();
    ws.write_annual_report(2026, None, &xlsx).unwrap();
    let out = d.path().join("lo");
    let convert = |to: &str, file: &Path| {
        let o = std::process::Command::new("libreoffice")
            .args(["--headless", "--convert-to", to, "--outdir"])
            .arg(&out)
            .arg(file)
            .env("HOME", d.path())
            .output()
            .expect("LibreOffice (make deps installs libreoffice-writer-nogui and -calc-nogui)");
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    };
    convert("txt:Text (encoded):UTF8", &docx);
    convert("csv:Text - txt - csv (StarCalc):44,34,76", &xlsx);
    let text = std::fs::read_to_string(out.join("报告.txt")).unwrap();
    assert!(text.contains("2026年度知识产权（地理标志）工作报告"));
    for t in &dash.targets {
        assert!(text.contains(&t.title), "{}", t.title);
        assert!(text.contains(&format!("{}%", t.progress.percent)));
    }
    // The workbook's first sheet is the targets': code and per cent in each row.
    let csv = std::fs::read_to_string(out.join("报告.csv")).unwrap();
    for t in &dash.targets {
        let row = csv
            .lines()
            .find(|l| l.starts_with(&t.code))
            .unwrap_or_else(|| panic!("{csv}"));
        assert!(row.contains(&format!(",{},", t.progress.percent)), "{row}");
    }
}

/// The report's PDF passes the dossier's checks: its text decodes, no line breaks a Chinese
/// punctuation rule, the fonts are embedded subsets, and qpdf finds no fault.
#[test]
fn the_report_pdf_passes_the_dossiers_font_and_line_break_checks() {
    use terroir_dossier::linebreak::{NO_LINE_END, NO_LINE_START};
    let (d, ws) = sample();
    let p = d.path().join("报告.pdf");
    ws.write_annual_report(2026, None, &p).unwrap();
    let o = std::process::Command::new("pdftotext")
        .arg(&p)
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8(o.stdout).unwrap();
    assert!(!text.contains('\u{FFFD}'));
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let (first, last) = (line.chars().next().unwrap(), line.chars().last().unwrap());
        assert!(
            !NO_LINE_START.contains(first),
            "line starts with {first}: {line}"
        );
        assert!(!NO_LINE_END.contains(last), "line ends with {last}: {line}");
    }
    let fonts = std::process::Command::new("pdffonts")
        .arg(&p)
        .output()
        .unwrap();
    let fonts = String::from_utf8(fonts.stdout).unwrap();
    for row in fonts.lines().skip(2) {
        assert!(
            row.contains("+NotoSansSC-") && row.contains(" yes yes yes "),
            "{row}"
        );
    }
    let qpdf = std::process::Command::new("qpdf")
        .arg("--check")
        .arg(&p)
        .output()
        .unwrap();
    assert!(
        qpdf.status.success(),
        "{}",
        String::from_utf8_lossy(&qpdf.stdout)
    );
}
