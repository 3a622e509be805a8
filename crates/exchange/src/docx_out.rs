//! Writing an editable Word document (`.docx`, docx-rs): a title, then sections each with a
//! heading, paragraphs and a table — what bureaus finish reports from in Word or WPS. Chinese
//! text is set in 宋体 / 黑体 (SimSun / SimHei), which Word, WPS and LibreOffice substitute
//! where missing.

use std::path::Path;

use docx_rs::{
    AlignmentType, Docx, Paragraph, Run, RunFonts, Shading, ShdType, Style, StyleType, Table,
    TableCell, TableRow, WidthType,
};

/// One section of a document: its heading, its paragraphs, and a table (headers, rows).
#[derive(Debug, Clone, Default)]
pub struct DocSection {
    pub heading: String,
    pub paragraphs: Vec<String>,
    pub table: Option<(Vec<String>, Vec<Vec<String>>)>,
}

fn text(s: &str) -> Paragraph {
    Paragraph::new().add_run(Run::new().add_text(s))
}

fn table(headers: &[String], rows: &[Vec<String>]) -> Table {
    let head = TableRow::new(
        headers
            .iter()
            .map(|h| {
                TableCell::new()
                    .shading(Shading::new().shd_type(ShdType::Clear).fill("DDE8E1"))
                    .add_paragraph(Paragraph::new().add_run(Run::new().add_text(h).bold()))
            })
            .collect(),
    );
    let body = rows.iter().map(|r| {
        TableRow::new(
            r.iter()
                .map(|c| TableCell::new().add_paragraph(text(c)))
                .collect(),
        )
    });
    Table::new(std::iter::once(head).chain(body).collect()).width(5000, WidthType::Pct)
}

/// The document's bytes.
pub fn docx_bytes(title: &str, subtitle: &str, sections: &[DocSection]) -> Result<Vec<u8>, String> {
    let fonts = RunFonts::new()
        .east_asia("宋体")
        .ascii("Times New Roman")
        .hi_ansi("Times New Roman");
    let heading = |id: &str, name: &str, size: usize| {
        Style::new(id, StyleType::Paragraph)
            .name(name)
            .bold()
            .size(size)
            .fonts(RunFonts::new().east_asia("黑体"))
    };
    let mut doc = Docx::new()
        .default_fonts(fonts)
        .default_size(21)
        .add_style(heading("Title", "Title", 36))
        .add_style(heading("Heading1", "heading 1", 28))
        .add_paragraph(
            Paragraph::new()
                .add_run(Run::new().add_text(title))
                .style("Title")
                .align(AlignmentType::Center),
        )
        .add_paragraph(text(subtitle).align(AlignmentType::Center));
    for s in sections {
        doc = doc.add_paragraph(
            Paragraph::new()
                .add_run(Run::new().add_text(&s.heading))
                .style("Heading1"),
        );
        for p in &s.paragraphs {
            doc = doc.add_paragraph(text(p));
        }
        if let Some((headers, rows)) = &s.table {
            doc = doc.add_table(table(headers, rows));
            doc = doc.add_paragraph(Paragraph::new());
        }
    }
    let mut out = std::io::Cursor::new(Vec::new());
    doc.build().pack(&mut out).map_err(|e| e.to_string())?;
    Ok(out.into_inner())
}

/// Write the document (through a temporary file, renamed into place).
pub fn write_docx(
    path: &Path,
    title: &str,
    subtitle: &str,
    sections: &[DocSection],
) -> Result<(), String> {
    let tmp = path.with_extension("part");
    std::fs::write(&tmp, docx_bytes(title, subtitle, sections)?)
        .map_err(|e| format!("{}: {e}", tmp.display()))?;
    std::fs::rename(&tmp, path).map_err(|e| format!("{}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    /// The document is a Word package whose body holds the headings, paragraphs and cells.
    #[test]
    fn a_document_holds_its_sections() {
        let bytes = super::docx_bytes(
            "2026年度工作报告",
            "信阳市 · 2026年12月4日",
            &[super::DocSection {
                heading: "一、规划目标".into(),
                paragraphs: vec!["无数据".into()],
                table: Some((
                    vec!["目标".into(), "完成".into()],
                    vec![vec!["质押融资".into(), "¥5,000,000.00".into()]],
                )),
            }],
        )
        .unwrap();
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut xml = String::new();
        std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml)
            .unwrap();
        for want in [
            "2026年度工作报告",
            "一、规划目标",
            "无数据",
            "¥5,000,000.00",
            "w:tbl",
        ] {
            assert!(xml.contains(want), "{want}");
        }
    }
}
