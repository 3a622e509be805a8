//! Reading spreadsheets without trusting them.
//!
//! An XLSX is a zip of XML parts, and calamine aborts the whole process on two tiny hostile
//! shapes (a huge declared shared-string count; a sparse sheet expanded to rows × columns).
//! So before calamine sees a file, [`inspect_xlsx`] checks the file size, that it is a zip,
//! every part's uncompressed size and compression ratio (zip bombs), and the shared-string
//! counts the file declares. Cells are then streamed (`worksheet_cells_reader`, never
//! `worksheet_range`) with caps on rows and columns, and a truncated sheet is an error, not the
//! end of the data. CSV must be UTF-8 (with or without BOM); anything else is refused with a
//! message saying so.

use std::io::{Read, Seek};
use std::path::Path;

use calamine::{DataRef, Reader, Xlsx};
use chrono::NaiveDate;

use crate::error::{Error, Result};

/// Largest spreadsheet accepted, in bytes.
pub const MAX_FILE_BYTES: u64 = 100 * 1024 * 1024;
/// Largest uncompressed part of an XLSX.
pub const MAX_PART_BYTES: u64 = 400 * 1024 * 1024;
/// Largest shared-string part: it is held in memory whole while the sheet streams.
pub const MAX_SHARED_STRINGS_BYTES: u64 = 64 * 1024 * 1024;
/// Largest compression ratio of a part (real sheets compress 5–20×).
pub const MAX_RATIO: u64 = 200;
/// Most data rows in one import.
pub const MAX_ROWS: u32 = 500_000;
/// Most columns.
pub const MAX_COLS: u32 = 200;
/// Most shared strings a workbook may declare.
pub const MAX_SHARED_STRINGS: u64 = 5_000_000;

/// One cell value as the sheet holds it.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    Date(NaiveDate),
    Bool(bool),
}

impl Cell {
    /// The cell as text: numbers without a trailing `.0`, dates as YYYY-MM-DD.
    pub fn text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(s) => s.clone(),
            Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
            Cell::Number(n) => n.to_string(),
            Cell::Date(d) => d.to_string(),
            Cell::Bool(b) => b.to_string(),
        }
    }

    pub fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(s) => s.trim().is_empty(),
            _ => false,
        }
    }
}

/// A sheet as rows of cells; `number` is the row number a spreadsheet program shows.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Rows {
    pub rows: Vec<(u32, Vec<Cell>)>,
}

/// Excel's day 0 (serial numbers count from 1899-12-30, the 1900 leap-year bug included).
pub fn date_from_serial(serial: f64) -> Option<NaiveDate> {
    if !(1.0..2_958_466.0).contains(&serial) {
        return None;
    }
    NaiveDate::from_ymd_opt(1899, 12, 30)?
        .checked_add_days(chrono::Days::new(serial.floor() as u64))
}

/// Read a spreadsheet (`.xlsx` or `.csv`, by content) as rows.
pub fn read(path: &Path) -> Result<Rows> {
    let bytes = read_bounded(path, MAX_FILE_BYTES)?;
    if bytes.starts_with(b"PK\x03\x04") {
        read_xlsx(bytes)
    } else if is_csv_name(path) {
        read_csv(&bytes)
    } else {
        Err(Error::NotSpreadsheet)
    }
}

/// A file's bytes, once its size is known to be at most `max` (nothing is read otherwise).
pub(crate) fn read_bounded(path: &Path, max: u64) -> Result<Vec<u8>> {
    let meta = std::fs::metadata(path).map_err(|e| Error::Unreadable(e.to_string()))?;
    if meta.len() > max {
        return Err(Error::TooLarge {
            what: "file".into(),
            size: meta.len(),
            max,
        });
    }
    std::fs::read(path).map_err(|e| Error::Unreadable(e.to_string()))
}

fn is_csv_name(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("csv") || e.eq_ignore_ascii_case("txt"))
}

/// Check an XLSX's zip structure and declared sizes before any parser allocates for it.
pub fn inspect_xlsx<R: Read + Seek>(reader: R) -> Result<()> {
    let mut zip = zip::ZipArchive::new(reader)
        .map_err(|e| Error::Corrupt(format!("not a readable zip: {e}")))?;
    let mut shared_strings = None;
    for i in 0..zip.len() {
        let f = zip
            .by_index_raw(i)
            .map_err(|e| Error::Corrupt(format!("zip entry {i}: {e}")))?;
        let (name, size) = check_part(&f, i, MAX_PART_BYTES)?;
        if name.eq_ignore_ascii_case("xl/sharedStrings.xml") {
            if size > MAX_SHARED_STRINGS_BYTES {
                return Err(Error::TooLarge {
                    what: name,
                    size,
                    max: MAX_SHARED_STRINGS_BYTES,
                });
            }
            shared_strings = Some((i, size));
        }
    }
    if let Some((i, size)) = shared_strings {
        // The declared counts sit in the root element: read only the first kilobytes.
        let mut head = vec![0u8; 4096];
        let mut f = zip
            .by_index(i)
            .map_err(|e| Error::Corrupt(format!("xl/sharedStrings.xml: {e}")))?;
        let n = read_up_to(&mut f, &mut head);
        let head = String::from_utf8_lossy(&head[..n]);
        // Every string needs at least `<si><t/></si>` (13 bytes) of XML.
        let possible = size / 13 + 1;
        for attr in ["count", "uniqueCount"] {
            if let Some(declared) = attribute(&head, "sst", attr)
                && (declared > MAX_SHARED_STRINGS || declared > possible)
            {
                return Err(Error::DeclaredCount {
                    attr: attr.into(),
                    declared,
                    max: MAX_SHARED_STRINGS.min(possible),
                });
            }
        }
    }
    Ok(())
}

/// A zip entry's name and uncompressed size, once its size is at most `max` and its
/// compression ratio that of real content (XLSX and DOCX parts alike).
pub(crate) fn check_part<R: Read>(
    f: &zip::read::ZipFile<'_, R>,
    i: usize,
    max: u64,
) -> Result<(String, u64)> {
    let (size, packed) = (f.size(), f.compressed_size().max(1));
    let name = f
        .name()
        .map(|n| n.into_owned())
        .unwrap_or_else(|_| format!("part {i}"));
    if size > max {
        return Err(Error::TooLarge {
            what: name,
            size,
            max,
        });
    }
    if size / packed > MAX_RATIO && size > 1024 * 1024 {
        return Err(Error::ZipBomb {
            part: name,
            ratio: size / packed,
        });
    }
    Ok((name, size))
}

pub(crate) fn read_up_to(r: &mut impl Read, buf: &mut [u8]) -> usize {
    let mut n = 0;
    while n < buf.len() {
        match r.read(&mut buf[n..]) {
            Ok(0) | Err(_) => break,
            Ok(k) => n += k,
        }
    }
    n
}

/// A numeric attribute of the first `<tag …>` element in `xml`.
fn attribute(xml: &str, tag: &str, attr: &str) -> Option<u64> {
    let start = xml.find(&format!("<{tag}"))?;
    let end = start + xml[start..].find('>')?;
    let el = &xml[start..end];
    let key = format!(" {attr}=");
    let at = el.find(&key)? + key.len();
    let rest = el[at..].trim_start_matches(['"', '\'']);
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

fn read_xlsx(bytes: Vec<u8>) -> Result<Rows> {
    inspect_xlsx(std::io::Cursor::new(&bytes))?;
    let mut book: Xlsx<_> =
        Xlsx::new(std::io::Cursor::new(bytes)).map_err(|e| Error::Corrupt(e.to_string()))?;
    let Some(name) = book.sheet_names().first().cloned() else {
        return Err(Error::Corrupt("the workbook has no sheet".into()));
    };
    let mut reader = book
        .worksheet_cells_reader(&name)
        .map_err(|e| Error::Corrupt(e.to_string()))?;
    let mut out = Rows::default();
    loop {
        let cell = match reader.next_cell() {
            Ok(Some(c)) => c,
            Ok(None) => break,
            Err(e) => return Err(Error::Corrupt(format!("sheet “{name}”: {e}"))),
        };
        let (r, c) = cell.get_position();
        if r >= MAX_ROWS + 50 {
            return Err(Error::TooMany {
                what: "rows".into(),
                at: r + 1,
                max: MAX_ROWS,
            });
        }
        if c >= MAX_COLS {
            return Err(Error::TooMany {
                what: "columns".into(),
                at: c + 1,
                max: MAX_COLS,
            });
        }
        let value = match cell.get_value() {
            DataRef::Empty => continue,
            DataRef::String(s) => Cell::Text(s.clone()),
            DataRef::SharedString(s) => Cell::Text((*s).to_owned()),
            DataRef::Float(f) => Cell::Number(*f),
            DataRef::Int(i) => Cell::Number(*i as f64),
            DataRef::Bool(b) => Cell::Bool(*b),
            DataRef::DateTime(d) => date_from_serial(d.as_f64())
                .map(Cell::Date)
                .unwrap_or(Cell::Number(d.as_f64())),
            DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => Cell::Text(s.clone()),
            DataRef::Error(e) => Cell::Text(format!("#{e:?}")),
        };
        let number = r + 1;
        if out.rows.last().is_none_or(|(n, _)| *n != number) {
            out.rows.push((number, vec![]));
        }
        let row = &mut out.rows.last_mut().expect("pushed").1;
        if row.len() <= c as usize {
            row.resize(c as usize + 1, Cell::Empty);
        }
        row[c as usize] = value;
    }
    Ok(out)
}

fn read_csv(bytes: &[u8]) -> Result<Rows> {
    let text = std::str::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes))
        .map_err(|_| Error::Encoding)?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut out = Rows::default();
    for (i, rec) in reader.records().enumerate() {
        let rec = rec.map_err(|e| Error::Corrupt(format!("CSV row {}: {e}", i + 1)))?;
        if i as u32 >= MAX_ROWS + 50 {
            return Err(Error::TooMany {
                what: "rows".into(),
                at: i as u32 + 1,
                max: MAX_ROWS,
            });
        }
        if rec.len() as u32 > MAX_COLS {
            return Err(Error::TooMany {
                what: "columns".into(),
                at: rec.len() as u32,
                max: MAX_COLS,
            });
        }
        let cells = rec
            .iter()
            .map(|s| {
                // Undo the formula guard our CSV export adds (`'=…`).
                let s = match s.strip_prefix('\'') {
                    Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest,
                    _ => s,
                };
                if s.is_empty() {
                    Cell::Empty
                } else {
                    Cell::Text(s.to_owned())
                }
            })
            .collect();
        out.rows.push((i as u32 + 1, cells));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serial_dates_count_from_1899_12_30() {
        assert_eq!(
            date_from_serial(43529.0),
            NaiveDate::from_ymd_opt(2019, 3, 5)
        );
        assert_eq!(date_from_serial(0.0), None);
    }

    #[test]
    fn reads_declared_counts_from_the_root_element() {
        let xml = r#"<?xml version="1.0"?><sst xmlns="x" count="12" uniqueCount='7'><si>"#;
        assert_eq!(attribute(xml, "sst", "count"), Some(12));
        assert_eq!(attribute(xml, "sst", "uniqueCount"), Some(7));
    }
}
