//! The page-layout engine: flows blocks (headings, paragraphs, tables, images, drawings) down
//! A4 pages and hands back positioned items for the PDF writer.
//!
//! It is shared by every printed document (brand-promotion dossiers, evidence catalogues). Its
//! rules:
//! - paragraphs are justified with character spacing and may indent their first line;
//! - a heading is kept with the first lines of what follows it;
//! - a paragraph split across pages leaves at least two lines on each side (no single-line
//!   orphans or widows);
//! - a table breaks between rows (a row taller than a page breaks between its lines) and
//!   repeats its header row on every page;
//! - running headers and footers are added after the flow, when the page count is known.
//!
//! Coordinates are points from the top-left corner of the page; the PDF writer flips them.

use crate::font::{Fonts, Weight};
use crate::linebreak::{Line, break_text};

pub const A4: (f32, f32) = (595.28, 841.89);
pub const MM: f32 = 72.0 / 25.4;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rgb(pub f32, pub f32, pub f32);

impl Rgb {
    pub const BLACK: Rgb = Rgb(0.1, 0.1, 0.1);
    pub const GREY: Rgb = Rgb(0.42, 0.44, 0.46);
    pub const RULE: Rgb = Rgb(0.80, 0.82, 0.84);
    pub const WHITE: Rgb = Rgb(1.0, 1.0, 1.0);

    pub const fn hex(v: u32) -> Rgb {
        Rgb(
            ((v >> 16) & 0xFF) as f32 / 255.0,
            ((v >> 8) & 0xFF) as f32 / 255.0,
            (v & 0xFF) as f32 / 255.0,
        )
    }
}

/// How a run of text looks.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TextStyle {
    pub weight: Weight,
    pub size: f32,
    pub color: Rgb,
    /// Line height as a multiple of the size.
    pub leading: f32,
}

impl TextStyle {
    pub const fn new(weight: Weight, size: f32, color: Rgb, leading: f32) -> Self {
        Self {
            weight,
            size,
            color,
            leading,
        }
    }

    pub fn line_height(&self) -> f32 {
        self.size * self.leading
    }

    /// Distance from the top of a line box to the baseline (text centred in the line).
    pub fn baseline(&self) -> f32 {
        (self.line_height() - self.size) / 2.0 + self.size * 0.88
    }
}

/// One positioned thing on a page.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// Text on one baseline; `spacing` is extra space after each character (PDF `Tc`).
    Text {
        x: f32,
        y: f32,
        style: TextStyle,
        text: String,
        spacing: f32,
    },
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        fill: Option<Rgb>,
        stroke: Option<(Rgb, f32)>,
    },
    Line {
        from: (f32, f32),
        to: (f32, f32),
        color: Rgb,
        width: f32,
    },
    Circle {
        centre: (f32, f32),
        r: f32,
        fill: Rgb,
    },
    /// A JPEG from the document's image list, placed in the box.
    Image {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        image: usize,
    },
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Page {
    pub items: Vec<Item>,
}

impl Page {
    /// Place one line of text with its top at `top`.
    pub fn text(&mut self, x: f32, top: f32, style: TextStyle, text: impl Into<String>) {
        self.items.push(Item::Text {
            x,
            y: top + style.baseline(),
            style,
            text: text.into(),
            spacing: 0.0,
        });
    }

    /// Place laid-out lines from `top`, justified to `measure` when `justify` is set.
    pub fn lines(
        &mut self,
        x: f32,
        top: f32,
        style: TextStyle,
        lines: &[Line],
        measure: f32,
        justify: bool,
    ) {
        for (i, l) in lines.iter().enumerate() {
            let spacing = if justify {
                l.justify_spacing(measure, style.size)
            } else {
                0.0
            };
            self.items.push(Item::Text {
                x: x + l.indent,
                y: top + i as f32 * style.line_height() + style.baseline(),
                style,
                text: l.text.clone(),
                spacing,
            });
        }
    }

    pub fn fill(&mut self, x: f32, y: f32, w: f32, h: f32, color: Rgb) {
        self.items.push(Item::Rect {
            x,
            y,
            w,
            h,
            fill: Some(color),
            stroke: None,
        });
    }

    pub fn rule(&mut self, from: (f32, f32), to: (f32, f32), color: Rgb, width: f32) {
        self.items.push(Item::Line {
            from,
            to,
            color,
            width,
        });
    }
}

/// A JPEG passed through to the PDF unchanged (serialised without its bytes).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Jpeg {
    #[serde(skip)]
    pub data: Vec<u8>,
    pub width: u32,
    pub height: u32,
    pub gray: bool,
}

/// A finished document: pages, the images they place, and metadata.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Document {
    pub title: String,
    pub pages: Vec<Page>,
    pub images: Vec<Jpeg>,
}

/// A table column: its header and its share of the table width.
#[derive(Debug, Clone)]
pub struct Column {
    pub title: String,
    pub share: f32,
}

/// The look of a flowed document.
#[derive(Debug, Clone)]
pub struct Theme {
    pub body: TextStyle,
    pub heading: TextStyle,
    pub table: TextStyle,
    pub table_head: TextStyle,
    pub caption: TextStyle,
    pub accent: Rgb,
    pub tint: Rgb,
}

/// Flows blocks down pages within the margins.
pub struct Flow {
    pub theme: Theme,
    pub doc: Document,
    /// Left, top, right, bottom margins in points.
    pub margins: (f32, f32, f32, f32),
    y: f32,
    /// A heading waiting to be placed with the start of the next block.
    pending_heading: Option<String>,
}

impl std::fmt::Debug for Flow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Flow")
            .field("pages", &self.doc.pages.len())
            .field("y", &self.y)
            .finish()
    }
}

impl Flow {
    pub fn new(theme: Theme, margins: (f32, f32, f32, f32), title: impl Into<String>) -> Self {
        Self {
            theme,
            doc: Document {
                title: title.into(),
                pages: vec![],
                images: vec![],
            },
            margins,
            y: 0.0,
            pending_heading: None,
        }
    }

    pub fn measure(&self) -> f32 {
        A4.0 - self.margins.0 - self.margins.2
    }

    fn bottom(&self) -> f32 {
        A4.1 - self.margins.3
    }

    fn left(&self) -> f32 {
        self.margins.0
    }

    fn room(&self) -> f32 {
        self.bottom() - self.y
    }

    fn at_top(&self) -> bool {
        (self.y - self.margins.1).abs() < 0.01
    }

    /// Start a new page (the first call opens page 1).
    pub fn new_page(&mut self) {
        self.doc.pages.push(Page::default());
        self.y = self.margins.1;
    }

    fn page(&mut self) -> &mut Page {
        if self.doc.pages.is_empty() {
            self.new_page();
        }
        self.doc.pages.last_mut().expect("a page exists")
    }

    /// Add an image to the document and return its index for [`Item::Image`].
    pub fn add_image(&mut self, jpeg: Jpeg) -> usize {
        self.doc.images.push(jpeg);
        self.doc.images.len() - 1
    }

    /// Direct access to the current page for free-form drawing (covers).
    pub fn current_page(&mut self) -> &mut Page {
        self.page()
    }

    pub fn space(&mut self, h: f32) {
        if !self.at_top() {
            self.y = (self.y + h).min(self.bottom());
        }
    }

    /// Make sure `h` points are free, else start a new page.
    fn need(&mut self, h: f32) {
        if self.doc.pages.is_empty() || (h > self.room() + 0.01 && !self.at_top()) {
            self.new_page();
        }
    }

    fn heading_height(&self) -> f32 {
        self.theme.heading.line_height() + 10.0
    }

    /// A section heading; placed together with the start of the next block.
    pub fn heading(&mut self, text: impl Into<String>) {
        self.flush_heading(0.0);
        self.pending_heading = Some(text.into());
    }

    /// Place a pending heading, first making room for it plus `with` points of what follows.
    fn flush_heading(&mut self, with: f32) {
        let Some(text) = self.pending_heading.take() else {
            self.need(with);
            return;
        };
        self.space(14.0);
        let h = self.heading_height();
        self.need(h + with);
        let (x, y, m) = (self.left(), self.y, self.measure());
        let style = self.theme.heading;
        let accent = self.theme.accent;
        let page = self.page();
        page.fill(x, y + 3.0, 4.0, style.line_height() - 6.0, accent);
        page.text(x + 10.0, y, style, text);
        page.rule(
            (x, y + style.line_height() + 3.0),
            (x + m, y + style.line_height() + 3.0),
            Rgb::RULE,
            0.6,
        );
        self.y += h;
    }

    /// A paragraph (or several, split at line breaks) in the body style.
    pub fn paragraph(&mut self, text: &str, indent: bool) {
        let style = self.theme.body;
        self.paragraph_styled(text, style, indent, true);
    }

    pub fn paragraph_styled(&mut self, text: &str, style: TextStyle, indent: bool, justify: bool) {
        let measure = self.measure();
        for para in text.split('\n').filter(|p| !p.trim().is_empty()) {
            let first = if indent { style.size * 2.0 } else { 0.0 };
            let lines = break_text(para, style.weight, style.size, measure, first);
            self.place_lines(&lines, style, justify);
            self.y += style.size * 0.5;
        }
        if text.trim().is_empty() {
            self.flush_heading(0.0);
        }
    }

    /// Place lines, splitting across pages with at least two lines on each side.
    fn place_lines(&mut self, lines: &[Line], style: TextStyle, justify: bool) {
        let lh = style.line_height();
        let first_chunk = lines.len().min(2) as f32 * lh;
        self.flush_heading(first_chunk);
        let mut rest = lines;
        while !rest.is_empty() {
            let fit = ((self.room() + 0.01) / lh).floor().max(0.0) as usize;
            let mut take = fit.min(rest.len());
            if take < rest.len() {
                // Widow: never leave one line alone at the top of the next page.
                if rest.len() - take == 1 {
                    take = take.saturating_sub(1);
                }
                // Orphan: never leave one line alone at the bottom of this page.
                if take == 1 && rest.len() > 1 {
                    take = 0;
                }
            }
            if take == 0 {
                if self.at_top() {
                    take = fit.max(1).min(rest.len()); // a page cannot hold two lines: place what fits
                } else {
                    self.new_page();
                    continue;
                }
            }
            let (x, y, m) = (self.left(), self.y, self.measure());
            self.page().lines(x, y, style, &rest[..take], m, justify);
            self.y += take as f32 * lh;
            rest = &rest[take..];
            if !rest.is_empty() {
                self.new_page();
            }
        }
    }

    /// Label–value pairs in two columns, labels in the accent colour.
    pub fn facts(&mut self, pairs: &[(String, String)]) {
        let style = self.theme.body;
        let label = TextStyle {
            weight: Weight::Bold,
            color: self.theme.accent,
            ..style
        };
        // Six characters wide, or wider when a label is longer: a label never runs into its
        // value.
        let widest = pairs
            .iter()
            .map(|(k, _)| text_width(label, k))
            .fold(0.0f32, f32::max);
        let label_w = (6.0 * style.size).max(widest + style.size);
        let measure = self.measure() - label_w;
        for (i, (k, v)) in pairs.iter().enumerate() {
            let lines = break_text(v, style.weight, style.size, measure, 0.0);
            let h = lines.len().max(1) as f32 * style.line_height() + 4.0;
            if i == 0 {
                self.flush_heading(h);
            }
            self.need(h);
            let (x, y) = (self.left(), self.y);
            let page = self.page();
            page.text(x, y + 2.0, label, k.clone());
            page.lines(x + label_w, y + 2.0, style, &lines, measure, false);
            page.rule((x, y + h), (x + label_w + measure, y + h), Rgb::RULE, 0.4);
            self.y += h;
        }
    }

    /// A table whose rows break across pages, with the header repeated on each page.
    pub fn table(&mut self, columns: &[Column], rows: &[Vec<String>]) {
        let (body, head) = (self.theme.table, self.theme.table_head);
        let pad = 4.0;
        let total: f32 = columns.iter().map(|c| c.share).sum();
        let widths: Vec<f32> = columns
            .iter()
            .map(|c| c.share / total * self.measure())
            .collect();
        let wrap = |cells: Vec<&str>, style: TextStyle| -> Vec<Vec<Line>> {
            cells
                .iter()
                .zip(&widths)
                .map(|(t, w)| break_text(t, style.weight, style.size, w - 2.0 * pad, 0.0))
                .collect()
        };
        let head_lines = wrap(columns.iter().map(|c| c.title.as_str()).collect(), head);
        let head_h = rows_height(&head_lines) as f32 * head.line_height() + 2.0 * pad;
        let first_row_h = rows
            .first()
            .map(|r| {
                let l = wrap(r.iter().map(String::as_str).collect(), body);
                rows_height(&l) as f32 * body.line_height() + 2.0 * pad
            })
            .unwrap_or(0.0);
        self.flush_heading(head_h + first_row_h);
        let draw_head = |flow: &mut Flow| {
            flow.need(head_h + body.line_height() + 2.0 * pad);
            let (mut x, y) = (flow.left(), flow.y);
            let (m, accent) = (flow.measure(), flow.theme.accent);
            let page = flow.page();
            page.fill(x, y, m, head_h, accent);
            for (lines, w) in head_lines.iter().zip(&widths) {
                page.lines(x + pad, y + pad, head, lines, *w, false);
                x += w;
            }
            flow.y += head_h;
        };
        draw_head(self);
        for (ri, row) in rows.iter().enumerate() {
            let cells = wrap(row.iter().map(String::as_str).collect(), body);
            let n = rows_height(&cells);
            let mut from = 0;
            while from < n {
                let fit = ((self.room() - 2.0 * pad) / body.line_height())
                    .floor()
                    .max(0.0) as usize;
                if fit == 0 || (from == 0 && fit < n && n <= 12) {
                    // Keep short rows whole: continue on a new page under a repeated header.
                    self.new_page();
                    draw_head(self);
                    continue;
                }
                let take = fit.min(n - from);
                let h = take as f32 * body.line_height() + 2.0 * pad;
                let (left, y, m, tint) = (self.left(), self.y, self.measure(), self.theme.tint);
                let mut x = left;
                let page = self.page();
                if ri % 2 == 1 {
                    page.fill(x, y, m, h, tint);
                }
                for (lines, w) in cells.iter().zip(&widths) {
                    let end = (from + take).min(lines.len());
                    if from < end {
                        page.lines(x + pad, y + pad, body, &lines[from..end], *w, false);
                    }
                    x += w;
                }
                page.rule((left, y + h), (left + m, y + h), Rgb::RULE, 0.4);
                self.y += h;
                from += take;
                if from < n {
                    self.new_page();
                    draw_head(self);
                }
            }
        }
    }

    /// An image scaled to fit `max_w` × `max_h`, centred, with an optional caption.
    pub fn image(&mut self, image: usize, max_w: f32, max_h: f32, caption: Option<&str>) {
        let img = &self.doc.images[image];
        let ratio = img.height as f32 / img.width.max(1) as f32;
        let mut w = max_w.min(self.measure());
        let mut h = w * ratio;
        if h > max_h {
            h = max_h;
            w = h / ratio;
        }
        let cap_style = self.theme.caption;
        let cap_lines = caption
            .map(|c| break_text(c, cap_style.weight, cap_style.size, self.measure(), 0.0))
            .unwrap_or_default();
        let total = h + 6.0 + cap_lines.len() as f32 * cap_style.line_height();
        self.flush_heading(total);
        self.need(total);
        let x = self.left() + (self.measure() - w) / 2.0;
        let (y, m, left) = (self.y, self.measure(), self.left());
        let page = self.page();
        page.items.push(Item::Image { x, y, w, h, image });
        for (i, l) in cap_lines.iter().enumerate() {
            let lx = left + (m - l.width) / 2.0;
            page.text(
                lx,
                y + h + 4.0 + i as f32 * cap_style.line_height(),
                cap_style,
                l.text.clone(),
            );
        }
        self.y += total + 6.0;
    }

    /// A caller-drawn box of height `h` (maps, QR codes); `draw(page, x, y, width)`.
    pub fn drawing(&mut self, h: f32, draw: impl FnOnce(&mut Page, f32, f32, f32)) {
        self.flush_heading(h);
        self.need(h);
        let (x, y, m) = (self.left(), self.y, self.measure());
        draw(self.page(), x, y, m);
        self.y += h;
    }

    /// Finish the flow; `decorate(page, number, count)` adds running headers and footers.
    pub fn finish(mut self, mut decorate: impl FnMut(&mut Page, usize, usize)) -> Document {
        self.flush_heading(0.0);
        let count = self.doc.pages.len();
        for (i, page) in self.doc.pages.iter_mut().enumerate() {
            decorate(page, i + 1, count);
        }
        self.doc
    }
}

fn rows_height(cells: &[Vec<Line>]) -> usize {
    cells.iter().map(Vec::len).max().unwrap_or(0).max(1)
}

/// Width of one line of text in a style.
pub fn text_width(style: TextStyle, text: &str) -> f32 {
    Fonts::get().width(style.weight, style.size, text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn theme() -> Theme {
        let body = TextStyle::new(Weight::Regular, 10.0, Rgb::BLACK, 1.6);
        Theme {
            body,
            heading: TextStyle::new(Weight::Bold, 14.0, Rgb::BLACK, 1.4),
            table: body,
            table_head: TextStyle::new(Weight::Bold, 10.0, Rgb::WHITE, 1.4),
            caption: body,
            accent: Rgb::hex(0x1F5E3B),
            tint: Rgb::hex(0xF2F6F3),
        }
    }

    fn texts(page: &Page) -> Vec<(f32, String)> {
        page.items
            .iter()
            .filter_map(|i| match i {
                Item::Text { y, text, .. } => Some((*y, text.clone())),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn no_single_line_widows_or_orphans_and_no_lost_text() {
        for filler in 0..60 {
            let mut flow = Flow::new(theme(), (50.0, 50.0, 50.0, 50.0), "t");
            for _ in 0..filler {
                flow.paragraph("短段落。", false);
            }
            let para = "茶".repeat(48 * 7);
            flow.paragraph(&para, false);
            let doc = flow.finish(|_, _, _| {});
            let mut count = 0;
            for page in &doc.pages {
                let n = texts(page)
                    .iter()
                    .filter(|(_, t)| t.starts_with('茶'))
                    .count();
                assert!(
                    n == 0 || n >= 2,
                    "a lone line of the paragraph at filler {filler}"
                );
                count += texts(page)
                    .iter()
                    .filter(|(_, t)| t.starts_with('茶'))
                    .map(|(_, t)| t.chars().count())
                    .sum::<usize>();
            }
            assert_eq!(count, 48 * 7);
        }
    }

    #[test]
    fn headings_stay_with_what_follows() {
        for filler in 0..60 {
            let mut flow = Flow::new(theme(), (50.0, 50.0, 50.0, 50.0), "t");
            for _ in 0..filler {
                flow.paragraph("一行正文。", false);
            }
            flow.heading("标题");
            flow.paragraph(&"文".repeat(200), true);
            let doc = flow.finish(|_, _, _| {});
            for page in &doc.pages {
                let t = texts(page);
                if let Some(pos) = t.iter().position(|(_, s)| s == "标题") {
                    assert!(
                        t.len() >= pos + 3,
                        "heading without two lines after it at {filler}"
                    );
                }
            }
        }
    }

    #[test]
    fn tables_repeat_their_header_on_every_page() {
        let mut flow = Flow::new(theme(), (50.0, 50.0, 50.0, 50.0), "t");
        let cols = vec![
            Column {
                title: "名称".into(),
                share: 2.0,
            },
            Column {
                title: "统一社会信用代码".into(),
                share: 2.0,
            },
        ];
        let rows: Vec<Vec<String>> = (0..120)
            .map(|i| vec![format!("企业{i}"), "91411500MA44XXXX0X".into()])
            .collect();
        flow.table(&cols, &rows);
        let doc = flow.finish(|_, _, _| {});
        assert!(doc.pages.len() >= 3);
        let mut seen = 0;
        for page in &doc.pages {
            let t = texts(page);
            assert_eq!(t[0].1, "名称", "each page starts with the header");
            seen += t.iter().filter(|(_, s)| s.starts_with("企业")).count();
        }
        assert_eq!(seen, 120);
    }
}
