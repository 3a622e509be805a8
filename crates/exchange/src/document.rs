//! Reading a document's text without trusting it, for the wording check: plain text, Word
//! (`.docx`) and PDF with a text layer. Nothing here decides what is wrong with the text; it
//! only says what the text is and where each piece of it is.
//!
//! - Plain text is UTF-8 (with or without BOM), UTF-16 with a BOM, or else GB 18030 (which
//!   covers GBK and GB 2312, the encodings Chinese Windows saves text in).
//! - A `.docx` is checked as an XLSX is (file size, every part's size and compression ratio)
//!   before any part is parsed. The body, each header and footer, the footnotes, endnotes and
//!   comments are read; a paragraph's runs are joined (驰名|商标 split across two runs is one
//!   phrase), text boxes are read once (Word writes each twice: the box and a fallback picture
//!   of it), and deleted or moved-away text (`w:delText`, `w:moveFrom`) is left out.
//! - A PDF's page content is decoded within a bound per page. A page whose text cannot be
//!   decoded — a composite (CJK) font with no `ToUnicode` map, common in scans and 公文
//!   PDFs, or a page with pictures and no text at all — is reported as unreadable, never as a
//!   page without text.

use std::io::{Cursor, Read};
use std::path::Path;

use quick_xml::events::Event;
use terroir_core::wording::TextPlace;

use crate::error::{Error, Result};
use crate::sheet::{check_part, read_bounded};

/// Largest document accepted, in bytes.
pub const MAX_DOCUMENT_BYTES: u64 = 50 * 1024 * 1024;
/// Largest uncompressed part of a `.docx`.
pub const MAX_DOCX_PART_BYTES: u64 = 64 * 1024 * 1024;
/// Largest decoded content of one PDF page, and of any stream read while loading.
pub const MAX_PDF_PAGE_BYTES: usize = 32 * 1024 * 1024;
/// Most text read from one document, in bytes of UTF-8.
pub const MAX_TEXT_BYTES: usize = 64 * 1024 * 1024;

/// What a document was read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Docx,
    Pdf,
}

impl Format {
    pub fn key(self) -> &'static str {
        match self {
            Format::Text => "txt",
            Format::Docx => "docx",
            Format::Pdf => "pdf",
        }
    }
}

/// A piece of a document's text and where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Passage {
    pub place: TextPlace,
    pub text: String,
}

/// A document's text: the passages read, and the places whose text could not be read, with why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentText {
    pub format: Format,
    pub passages: Vec<Passage>,
    pub unreadable: Vec<(TextPlace, String)>,
}

/// Read the text of the document at `path`, told apart by its content (a PDF, a zip holding a
/// Word body, or else plain text).
pub fn read(path: &Path) -> Result<DocumentText> {
    read_bytes(&read_bounded(path, MAX_DOCUMENT_BYTES)?)
}

/// [`read`] for a document already in memory.
pub fn read_bytes(bytes: &[u8]) -> Result<DocumentText> {
    if bytes.len() as u64 > MAX_DOCUMENT_BYTES {
        return Err(Error::TooLarge {
            what: "file".into(),
            size: bytes.len() as u64,
            max: MAX_DOCUMENT_BYTES,
        });
    }
    if bytes.starts_with(b"%PDF") {
        read_pdf(bytes)
    } else if bytes.starts_with(b"PK\x03\x04") {
        read_docx(bytes)
    } else if is_binary(bytes) {
        Err(Error::NotDocument)
    } else {
        Ok(DocumentText {
            format: Format::Text,
            passages: vec![Passage {
                place: TextPlace::Text,
                text: decode_text(bytes),
            }],
            unreadable: vec![],
        })
    }
}

/// Binary content that is no text in any encoding read here: NUL bytes outside UTF-16.
fn is_binary(bytes: &[u8]) -> bool {
    let utf16 = bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]);
    !utf16 && bytes.iter().take(8192).any(|&b| b == 0)
}

fn decode_text(bytes: &[u8]) -> String {
    let (text, _, _) = match encoding_rs::Encoding::for_bom(bytes) {
        Some((enc, _)) => enc.decode(bytes),
        None if std::str::from_utf8(bytes).is_ok() => encoding_rs::UTF_8.decode(bytes),
        None => encoding_rs::GB18030.decode(bytes),
    };
    text.into_owned()
}

/// Add a passage, within [`MAX_TEXT_BYTES`] for the whole document.
fn keep(
    passages: &mut Vec<Passage>,
    total: &mut usize,
    place: TextPlace,
    text: String,
) -> Result<()> {
    *total += text.len();
    if *total > MAX_TEXT_BYTES {
        return Err(Error::TooLarge {
            what: "text".into(),
            size: *total as u64,
            max: MAX_TEXT_BYTES as u64,
        });
    }
    passages.push(Passage { place, text });
    Ok(())
}

/// The parts of a Word document that hold text a reader sees, and where each is.
fn docx_place(name: &str) -> Option<(TextPlace, u32)> {
    let numbered = |prefix: &str| -> Option<u32> {
        let n = name.strip_prefix(prefix)?.strip_suffix(".xml")?;
        if n.is_empty() {
            Some(1)
        } else {
            n.parse().ok()
        }
    };
    Some(match name {
        "word/document.xml" => (TextPlace::Body, 0),
        "word/footnotes.xml" => (TextPlace::Footnotes, 0),
        "word/endnotes.xml" => (TextPlace::Endnotes, 0),
        "word/comments.xml" => (TextPlace::Comments, 0),
        _ => {
            if let Some(n) = numbered("word/header") {
                (TextPlace::Header { n }, n)
            } else {
                let n = numbered("word/footer")?;
                (TextPlace::Footer { n }, n)
            }
        }
    })
}

fn read_docx(bytes: &[u8]) -> Result<DocumentText> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| Error::Corrupt(format!("not a readable zip: {e}")))?;
    let mut parts = vec![];
    for i in 0..zip.len() {
        let f = zip
            .by_index_raw(i)
            .map_err(|e| Error::Corrupt(format!("zip entry {i}: {e}")))?;
        let (name, _) = check_part(&f, i, MAX_DOCX_PART_BYTES)?;
        if let Some((place, n)) = docx_place(&name) {
            parts.push((place, n, i, name));
        }
    }
    if !parts.iter().any(|p| p.0 == TextPlace::Body) {
        return Err(Error::NotDocument);
    }
    // Body first, then headers and footers by number, then the notes and comments.
    parts.sort_by_key(|(place, n, _, _)| (place.order(), *n));
    let mut passages = vec![];
    let mut total = 0;
    for (place, _, i, name) in parts {
        let mut f = zip
            .by_index(i)
            .map_err(|e| Error::Corrupt(format!("{name}: {e}")))?;
        let mut xml = String::new();
        f.by_ref()
            .take(MAX_DOCX_PART_BYTES)
            .read_to_string(&mut xml)
            .map_err(|e| Error::Corrupt(format!("{name}: {e}")))?;
        let text = docx_text(&xml).map_err(|e| Error::Corrupt(format!("{name}: {e}")))?;
        keep(&mut passages, &mut total, place, text)?;
    }
    Ok(DocumentText {
        format: Format::Docx,
        passages,
        unreadable: vec![],
    })
}

/// The text of one WordprocessingML part: one line per paragraph, runs joined. A paragraph
/// inside a text box is a line of its own.
fn docx_text(xml: &str) -> std::result::Result<String, quick_xml::Error> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut out = String::new();
    // The paragraphs open around the current position (a text box's paragraph sits inside the
    // paragraph that anchors the box).
    let mut open: Vec<String> = vec![];
    let mut in_text = false;
    // Depth inside content that is not shown: a fallback copy or text moved away.
    let mut hidden = 0u32;
    loop {
        match reader.read_event()? {
            Event::Start(e) => match e.local_name().as_ref() {
                "Fallback" | "moveFrom" | "del" => hidden += 1,
                _ if hidden > 0 => {}
                "p" => open.push(String::new()),
                "t" => in_text = true,
                _ => {}
            },
            Event::End(e) => match e.local_name().as_ref() {
                "Fallback" | "moveFrom" | "del" => hidden = hidden.saturating_sub(1),
                _ if hidden > 0 => {}
                "p" => {
                    if let Some(line) = open.pop() {
                        out.push_str(&line);
                        out.push('\n');
                    }
                }
                "t" => in_text = false,
                _ => {}
            },
            Event::Empty(e) if hidden == 0 => {
                let c = match e.local_name().as_ref() {
                    "tab" | "ptab" => '\t',
                    "br" | "cr" => ' ',
                    "p" => {
                        if open.is_empty() {
                            out.push('\n');
                        }
                        continue;
                    }
                    _ => continue,
                };
                if let Some(line) = open.last_mut() {
                    line.push(c);
                }
            }
            Event::Text(t) if in_text && hidden == 0 => {
                if let Some(line) = open.last_mut() {
                    line.push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(r) if in_text && hidden == 0 => {
                let c = if r.is_char_ref() {
                    r.resolve_char_ref()?.map(String::from)
                } else {
                    quick_xml::escape::resolve_predefined_entity(&r).map(str::to_owned)
                };
                if let (Some(line), Some(c)) = (open.last_mut(), c) {
                    line.push_str(&c);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out)
}

fn read_pdf(bytes: &[u8]) -> Result<DocumentText> {
    let options = lopdf::LoadOptions {
        max_decompressed_size: Some(MAX_PDF_PAGE_BYTES),
        ..lopdf::LoadOptions::default()
    };
    let mut doc = lopdf::Document::load_mem_with_options(bytes, options)
        .map_err(|e| Error::Corrupt(e.to_string()))?;
    prefer_unicode_maps(&mut doc);
    let pages = doc.get_pages();
    if pages.is_empty() {
        return Err(Error::Corrupt("the PDF has no pages".into()));
    }
    let mut passages = vec![];
    let mut unreadable = vec![];
    let mut total = 0;
    for (&n, &id) in &pages {
        let place = TextPlace::Page { n };
        if let Some(why) = undecodable_font(&doc, id) {
            unreadable.push((place, why));
            continue;
        }
        let text = match doc.extract_text_with_limit(&[n], MAX_PDF_PAGE_BYTES) {
            Ok(text) => text,
            Err(e) => {
                unreadable.push((place, e.to_string()));
                continue;
            }
        };
        if text.trim().is_empty() && has_images(&doc, id) {
            unreadable.push((place, "no text layer: pictures only (a scan?)".into()));
            continue;
        }
        keep(&mut passages, &mut total, place, text)?;
    }
    Ok(DocumentText {
        format: Format::Pdf,
        passages,
        unreadable,
    })
}

/// A font with a `ToUnicode` map is decoded through it. lopdf reads a font's `Encoding` first,
/// and LibreOffice and Word write CJK text in subset fonts labelled `WinAnsiEncoding` whose
/// codes mean characters only through the map: read that way, every Chinese character would
/// come out as Latin letters and nothing would be found.
fn prefer_unicode_maps(doc: &mut lopdf::Document) {
    for object in doc.objects.values_mut() {
        if let lopdf::Object::Dictionary(d) = object
            && d.has_type(b"Font")
            && d.has(b"ToUnicode")
        {
            d.remove(b"Encoding");
        }
    }
}

/// Why a page's text cannot be decoded into characters, if it cannot: a composite font whose
/// codes map to characters only through a `ToUnicode` map it does not have.
fn undecodable_font(doc: &lopdf::Document, page: lopdf::ObjectId) -> Option<String> {
    let fonts = match doc.get_page_fonts(page) {
        Ok(fonts) => fonts,
        Err(e) => return Some(e.to_string()),
    };
    for (name, font) in fonts {
        let subtype = font.get(b"Subtype").and_then(|s| s.as_name()).ok();
        if subtype != Some(b"Type0".as_slice()) {
            continue;
        }
        let has_map = font
            .get_deref(b"ToUnicode", doc)
            .and_then(|o| o.as_stream())
            .is_ok();
        let encoding = font.get(b"Encoding").and_then(|s| s.as_name()).ok();
        // The two predefined CMaps whose codes are Unicode themselves.
        let unicode_cmap = matches!(encoding, Some(b"UniGB-UCS2-H") | Some(b"UniGB-UTF16-H"));
        if !has_map && !unicode_cmap {
            return Some(format!(
                "font {} ({}) has no ToUnicode map: its text cannot be turned into characters",
                String::from_utf8_lossy(&name),
                encoding.map_or("?".into(), String::from_utf8_lossy)
            ));
        }
    }
    None
}

fn has_images(doc: &lopdf::Document, page: lopdf::ObjectId) -> bool {
    let Ok((resources, ids)) = doc.get_page_resources(page) else {
        return false;
    };
    let dicts = resources
        .into_iter()
        .chain(ids.into_iter().filter_map(|id| doc.get_dictionary(id).ok()));
    dicts
        .filter_map(|r| r.get_deref(b"XObject", doc).and_then(|x| x.as_dict()).ok())
        .any(|x| !x.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn docx(parts: &[(&str, &str)]) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(Cursor::new(vec![]));
        let opts = zip::write::SimpleFileOptions::default();
        for (name, xml) in parts {
            zip.start_file(*name, opts).unwrap();
            zip.write_all(xml.as_bytes()).unwrap();
        }
        zip.finish().unwrap().into_inner()
    }

    const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006""#;

    #[test]
    fn a_word_document_reads_as_its_paragraphs_with_runs_joined() {
        let body = format!(
            r#"<w:document {W}><w:body>
            <w:p><w:r><w:t>荣获驰名</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>商标</w:t></w:r></w:p>
            <w:p/>
            <w:p><w:r><w:t xml:space="preserve">删去的</w:t></w:r><w:del><w:r><w:delText>驰名商标</w:delText></w:r></w:del><w:r><w:t>A&amp;B&#x9A70;</w:t><w:tab/><w:t>尾</w:t></w:r></w:p>
            <w:p><w:r><mc:AlternateContent><mc:Choice><w:drawing><w:txbxContent><w:p><w:r><w:t>框内文字</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>框内文字</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r><w:r><w:t>锚定段</w:t></w:r></w:p>
            </w:body></w:document>"#
        );
        let header = format!(r#"<w:hdr {W}><w:p><w:r><w:t>页眉文字</w:t></w:r></w:p></w:hdr>"#);
        let bytes = docx(&[
            ("[Content_Types].xml", "<Types/>"),
            ("word/footer2.xml", &header.replace("页眉", "页脚")),
            ("word/document.xml", &body),
            ("word/header1.xml", &header),
            ("word/styles.xml", "<w:styles/>"),
        ]);
        let doc = read_bytes(&bytes).unwrap();
        assert_eq!(doc.format, Format::Docx);
        let got: Vec<_> = doc
            .passages
            .iter()
            .map(|p| (p.place, p.text.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                (
                    TextPlace::Body,
                    "荣获驰名商标\n\n删去的A&B驰\t尾\n框内文字\n锚定段\n"
                ),
                (TextPlace::Header { n: 1 }, "页眉文字\n"),
                (TextPlace::Footer { n: 2 }, "页脚文字\n"),
            ]
        );
    }

    #[test]
    fn plain_text_is_read_in_the_encodings_chinese_windows_saves() {
        let text = "荣获驰名商标称号";
        let gbk = encoding_rs::GBK.encode(text).0.into_owned();
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend(text.as_bytes());
        for bytes in [text.as_bytes().to_vec(), gbk, utf16, bom] {
            let doc = read_bytes(&bytes).unwrap();
            assert_eq!(doc.passages[0].text, text);
        }
        assert_eq!(
            read_bytes(b"\x7fELF\x02\x01\x00\x00").unwrap_err(),
            Error::NotDocument
        );
    }

    /// A page whose content inflates past the bound is not read (and says so); the pages
    /// beside it are.
    #[test]
    fn a_pdf_page_that_inflates_past_the_bound_is_unreadable_not_read() {
        use lopdf::{Document, Object, Stream, dictionary};
        let mut doc = Document::with_version("1.5");
        let pages_id = doc.new_object_id();
        let mut bomb = Stream::new(dictionary! {}, vec![b' '; MAX_PDF_PAGE_BYTES + 1024]);
        bomb.compress().unwrap();
        assert!(bomb.content.len() < 1024 * 1024, "a small file");
        let contents = [
            doc.add_object(bomb),
            doc.add_object(Stream::new(dictionary! {}, b"BT ET".to_vec())),
        ];
        let kids: Vec<Object> = contents
            .iter()
            .map(|&c| {
                doc.add_object(dictionary! {
                    "Type" => "Page", "Parent" => pages_id, "Contents" => c,
                    "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
                })
                .into()
            })
            .collect();
        doc.objects.insert(
            pages_id,
            Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => 2 }),
        );
        let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
        doc.trailer.set("Root", catalog);
        let mut bytes = vec![];
        doc.save_to(&mut bytes).unwrap();
        let read = read_bytes(&bytes).unwrap();
        assert_eq!(read.unreadable.len(), 1, "{:?}", read.unreadable);
        assert_eq!(read.unreadable[0].0, TextPlace::Page { n: 1 });
        assert_eq!(read.passages.len(), 1);
        assert_eq!(read.passages[0].place, TextPlace::Page { n: 2 });
    }

    #[test]
    fn a_zip_that_is_no_word_document_or_hides_a_bomb_is_refused() {
        let bytes = docx(&[("xl/workbook.xml", "<workbook/>")]);
        assert_eq!(read_bytes(&bytes).unwrap_err(), Error::NotDocument);
        let bomb = "a".repeat(20 * 1024 * 1024);
        let bytes = docx(&[("word/document.xml", &bomb)]);
        assert!(matches!(
            read_bytes(&bytes).unwrap_err(),
            Error::ZipBomb { .. }
        ));
        assert!(matches!(
            read_bytes(b"PK\x03\x04 not really").unwrap_err(),
            Error::Corrupt(_)
        ));
    }
}
