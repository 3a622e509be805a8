//! A report to hand on (年度工作报告): a title and its scope, then sections, each a heading,
//! a few sentences, a table and, where the numbers make one, a bar chart drawn as vectors by
//! the layout engine. A section with nothing to show still prints, saying 无数据. The api
//! writes the words and numbers; this module only lays them out.

use chrono::NaiveDate;
use serde::Serialize;

use crate::font::{Fonts, Weight};
use crate::layout::{A4, Document, Flow, MM, Rgb, TextStyle, text_width};
use crate::letter::FormTable;
use crate::template::{ACCENT, MARGINS, col, finish, theme};
use crate::{Result, pdf};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReportView {
    pub sample: bool,
    pub title: String,
    /// Under the title: the scope, the period, the day counted.
    pub subtitle: String,
    pub sections: Vec<ReportSection>,
    pub issuer: Option<String>,
    pub dated: NaiveDate,
    pub audit_head: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReportSection {
    pub heading: String,
    pub paragraphs: Vec<String>,
    pub table: Option<FormTable>,
    pub bars: Option<Bars>,
}

/// A horizontal bar chart: a label and a value per bar, the value's text as printed, and
/// what the values are measured in.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Bars {
    pub unit: String,
    pub items: Vec<(String, f64, String)>,
    /// The value a full bar stands for at least (100 for per cents), else the largest.
    pub at_least: Option<f64>,
}

/// What a section with no table, no chart and no sentence says.
pub const NO_DATA: &str = "无数据";

/// Print a report.
pub fn render_report(v: &ReportView) -> Result<Vec<u8>> {
    let fonts = Fonts::get();
    fonts.check("title", &v.title)?;
    fonts.check("subtitle", &v.subtitle)?;
    for (i, s) in v.sections.iter().enumerate() {
        fonts.check(&format!("sections[{i}].heading"), &s.heading)?;
        for p in &s.paragraphs {
            fonts.check(&format!("sections[{i}].paragraphs"), p)?;
        }
        for row in s.table.iter().flat_map(|t| &t.rows) {
            for cell in row {
                fonts.check(&format!("sections[{i}].table"), cell)?;
            }
        }
        for (label, _, text) in s.bars.iter().flat_map(|b| &b.items) {
            fonts.check(&format!("sections[{i}].bars"), label)?;
            fonts.check(&format!("sections[{i}].bars"), text)?;
        }
    }
    pdf::write(&report_layout(v))
}

pub fn report_layout(v: &ReportView) -> Document {
    let mut flow = Flow::new(theme(), MARGINS, v.title.clone());
    let measure = A4.0 - MARGINS.0 - MARGINS.2;
    let title = TextStyle::new(Weight::Bold, 22.0, ACCENT, 1.5);
    let sub = TextStyle::new(Weight::Regular, 10.5, Rgb::GREY, 1.6);
    let (t, st) = (v.title.clone(), v.subtitle.clone());
    flow.drawing(22.0 * MM, move |page, x, y, _w| {
        let tw = text_width(title, &t);
        page.text(x + (measure - tw) / 2.0, y, title, t.clone());
        let sw = text_width(sub, &st);
        page.text(x + (measure - sw) / 2.0, y + 12.0 * MM, sub, st.clone());
    });
    for s in &v.sections {
        flow.heading(s.heading.clone());
        let empty = s.paragraphs.is_empty()
            && s.table.as_ref().is_none_or(|t| t.rows.is_empty())
            && s.bars.as_ref().is_none_or(|b| b.items.is_empty());
        if empty {
            flow.paragraph(NO_DATA, false);
            continue;
        }
        for p in &s.paragraphs {
            flow.paragraph(p, true);
        }
        if let Some(b) = s.bars.as_ref().filter(|b| !b.items.is_empty()) {
            bars(&mut flow, b, measure);
        }
        if let Some(t) = s.table.as_ref().filter(|t| !t.rows.is_empty()) {
            flow.space(2.0 * MM);
            let cols: Vec<_> = t.columns.iter().map(|(t, share)| col(t, *share)).collect();
            flow.table(&cols, &t.rows);
        }
    }
    finish(
        flow,
        &v.title,
        v.issuer.as_deref(),
        v.dated,
        &v.audit_head,
        v.sample,
    )
}

/// The bars, one row each: the label, a bar as long as its share of the largest value, the
/// value's text; the unit under them. Rows are kept in pieces of a few so a page break falls
/// between bars.
fn bars(flow: &mut Flow, b: &Bars, measure: f32) {
    let label = TextStyle::new(Weight::Regular, 9.0, Rgb::BLACK, 1.4);
    let small = TextStyle::new(Weight::Regular, 8.0, Rgb::GREY, 1.4);
    let row_h = 6.5 * MM;
    let label_w = b
        .items
        .iter()
        .map(|(l, _, _)| text_width(label, l))
        .fold(0.0_f32, f32::max)
        .min(measure * 0.35)
        + 3.0 * MM;
    let value_w = b
        .items
        .iter()
        .map(|(_, _, t)| text_width(label, t))
        .fold(0.0_f32, f32::max)
        + 3.0 * MM;
    let max = b
        .items
        .iter()
        .map(|(_, v, _)| *v)
        .fold(b.at_least.unwrap_or(0.0), f64::max);
    let track = (measure - label_w - value_w).max(20.0 * MM);
    flow.space(2.0 * MM);
    for chunk in b.items.chunks(4) {
        let chunk = chunk.to_vec();
        flow.drawing(row_h * chunk.len() as f32, move |page, x, y, _w| {
            for (i, (l, v, t)) in chunk.iter().enumerate() {
                let top = y + row_h * i as f32;
                page.text(x, top + 1.0 * MM, label, l.clone());
                let len = if max > 0.0 {
                    (v / max) as f32 * track
                } else {
                    0.0
                };
                page.fill(
                    x + label_w,
                    top + 1.5 * MM,
                    track,
                    row_h - 3.0 * MM,
                    Rgb(0.93, 0.94, 0.95),
                );
                if len > 0.0 {
                    page.fill(
                        x + label_w,
                        top + 1.5 * MM,
                        len.max(0.6),
                        row_h - 3.0 * MM,
                        ACCENT,
                    );
                }
                page.text(
                    x + label_w + track + 2.0 * MM,
                    top + 1.0 * MM,
                    label,
                    t.clone(),
                );
            }
        });
    }
    let unit = format!("单位：{}", b.unit);
    flow.drawing(5.0 * MM, move |page, x, y, _w| {
        page.text(
            x + measure - text_width(small, &unit),
            y,
            small,
            unit.clone(),
        );
    });
}
