//! Writing sheets: XLSX (rust_xlsxwriter) and CSV (UTF-8 with BOM, for Excel and WPS).
//!
//! Text never becomes a formula: XLSX cells are written as strings, and CSV cells beginning
//! with = + - @ tab or CR get a leading `'` (OWASP CSV-injection guidance; our import removes
//! it again). Dates are real dates in XLSX and YYYY-MM-DD in CSV; codes are text, so leading
//! zeros and long numbers survive.

use std::path::Path;

use rust_xlsxwriter::{ExcelDateTime, Format, FormatBorder, Workbook};

use crate::columns::ColumnDef;
use crate::sheet::Cell;

/// A sheet to write: headers (with their notes for templates) and rows.
#[derive(Debug, Clone, Default)]
pub struct Sheet {
    pub name: String,
    pub headers: Vec<String>,
    /// A notes row under the headers (templates), or empty.
    pub notes: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

impl Sheet {
    pub fn new(name: &str, defs: &[ColumnDef]) -> Self {
        Self {
            name: name.into(),
            headers: defs.iter().map(|d| d.header.to_owned()).collect(),
            notes: vec![],
            rows: vec![],
        }
    }
}

/// Write the sheet as `.xlsx` or `.csv`, by the path's extension.
pub fn write(path: &Path, sheet: &Sheet) -> Result<(), String> {
    let csv = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    let bytes = if csv {
        csv_bytes(sheet)?
    } else {
        xlsx_bytes(sheet)?
    };
    let tmp = path.with_extension("part");
    std::fs::write(&tmp, bytes).map_err(|e| format!("{}: {e}", tmp.display()))?;
    std::fs::rename(&tmp, path).map_err(|e| format!("{}: {e}", path.display()))
}

/// Prefix `'` to text a spreadsheet program would run as a formula.
pub fn formula_safe(s: &str) -> std::borrow::Cow<'_, str> {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}").into()
    } else {
        s.into()
    }
}

pub fn csv_bytes(sheet: &Sheet) -> Result<Vec<u8>, String> {
    let mut out = b"\xEF\xBB\xBF".to_vec();
    {
        let mut w = csv::Writer::from_writer(&mut out);
        w.write_record(&sheet.headers).map_err(|e| e.to_string())?;
        if !sheet.notes.is_empty() {
            w.write_record(sheet.notes.iter().map(|n| formula_safe(n).into_owned()))
                .map_err(|e| e.to_string())?;
        }
        for row in &sheet.rows {
            let cells: Vec<String> = row
                .iter()
                .map(|c| formula_safe(&c.text()).into_owned())
                .collect();
            w.write_record(&cells).map_err(|e| e.to_string())?;
        }
        w.flush().map_err(|e| e.to_string())?;
    }
    Ok(out)
}

pub fn xlsx_bytes(sheet: &Sheet) -> Result<Vec<u8>, String> {
    book_bytes(std::slice::from_ref(sheet))
}

/// A workbook of several sheets (a report's tables), each as [`xlsx_bytes`] writes one.
pub fn book_bytes(sheets: &[Sheet]) -> Result<Vec<u8>, String> {
    let e = |e: rust_xlsxwriter::XlsxError| e.to_string();
    let mut book = Workbook::new();
    for sheet in sheets {
        fill(book.add_worksheet(), sheet).map_err(e)?;
    }
    book.save_to_buffer().map_err(e)
}

/// Write a workbook of several sheets (through a temporary file, renamed into place).
pub fn write_book(path: &Path, sheets: &[Sheet]) -> Result<(), String> {
    let tmp = path.with_extension("part");
    std::fs::write(&tmp, book_bytes(sheets)?).map_err(|e| format!("{}: {e}", tmp.display()))?;
    std::fs::rename(&tmp, path).map_err(|e| format!("{}: {e}", path.display()))
}

fn fill(
    ws: &mut rust_xlsxwriter::Worksheet,
    sheet: &Sheet,
) -> Result<(), rust_xlsxwriter::XlsxError> {
    ws.set_name(&sheet.name)?;
    let head = Format::new()
        .set_bold()
        .set_background_color("1E5B3A")
        .set_font_color("FFFFFF")
        .set_border_bottom(FormatBorder::Thin);
    let note = Format::new().set_italic().set_font_color("6B7075");
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let text = Format::new().set_num_format("@");
    for (c, h) in sheet.headers.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, h, &head)?;
        let width = sheet
            .rows
            .iter()
            .take(200)
            .map(|r| r.get(c).map_or(0, |v| display_width(&v.text())))
            .chain([display_width(h) + 2])
            .max()
            .unwrap_or(10)
            .clamp(8, 60);
        ws.set_column_width(c as u16, width as f64)?;
    }
    let mut r = 1u32;
    if !sheet.notes.is_empty() {
        for (c, n) in sheet.notes.iter().enumerate() {
            ws.write_string_with_format(r, c as u16, n, &note)?;
        }
        r += 1;
    }
    ws.set_freeze_panes(r, 0)?;
    for row in &sheet.rows {
        for (c, cell) in row.iter().enumerate() {
            let c = c as u16;
            match cell {
                Cell::Empty => {}
                Cell::Text(s) => {
                    ws.write_string_with_format(r, c, s, &text)?;
                }
                Cell::Number(n) => {
                    ws.write_number(r, c, *n)?;
                }
                Cell::Bool(b) => {
                    ws.write_boolean(r, c, *b)?;
                }
                Cell::Date(d) => {
                    use chrono::Datelike;
                    let dt =
                        ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)?;
                    ws.write_datetime_with_format(r, c, &dt, &date)?;
                }
            }
        }
        r += 1;
    }
    Ok(())
}

/// Columns a text needs: CJK characters count double.
fn display_width(s: &str) -> usize {
    s.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum()
}
