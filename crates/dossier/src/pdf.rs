//! Writes a laid-out [`Document`] as PDF bytes.
//!
//! Text is set in Type 0 (CID, Identity-H) fonts whose programs are subset to the glyphs the
//! document uses, with a ToUnicode map so text can be searched and extracted. Photos are
//! JPEGs passed through as DCTDecode image XObjects, never decoded or re-encoded here. Content
//! streams and font programs are Flate-compressed.

use std::collections::BTreeMap;

use pdf_writer::types::{CidFontType, FontFlags, SystemInfo, UnicodeCmap};
use pdf_writer::{Content, Filter, Name, Pdf, Rect, Ref, Str, TextStr};

use crate::error::{Error, Result};
use crate::font::{Fonts, Weight};
use crate::layout::{A4, Document, Item, Page, Rgb};

const FONT_NAMES: [&[u8]; 2] = [b"F0", b"F1"];

/// Glyphs one face uses in one document, renumbered for the subset.
#[derive(Default)]
struct Usage {
    remapper: subsetter::GlyphRemapper,
    /// New glyph id → the character it shows.
    to_unicode: BTreeMap<u16, char>,
}

impl Usage {
    fn new() -> Self {
        let mut u = Self::default();
        u.remapper.remap(0); // .notdef stays glyph 0
        u
    }

    fn encode(&mut self, weight: Weight, text: &str, out: &mut Vec<u8>) {
        let face = Fonts::get().face(weight);
        for c in text.chars() {
            // Coverage was checked before layout; an unmapped character here is a bug.
            let Some(g) = face.glyph(c) else { continue };
            let new = self.remapper.remap(g.0);
            self.to_unicode.entry(new).or_insert(c);
            out.extend_from_slice(&new.to_be_bytes());
        }
    }
}

fn deflate(data: &[u8]) -> Vec<u8> {
    miniz_oxide::deflate::compress_to_vec_zlib(data, 6)
}

/// Serialise the document.
pub fn write(doc: &Document) -> Result<Vec<u8>> {
    let fonts = Fonts::get();
    let mut pdf = Pdf::new();
    let mut next = 1;
    let mut alloc = || {
        let r = Ref::new(next);
        next += 1;
        r
    };
    let catalog = alloc();
    let tree = alloc();
    let info = alloc();
    let font_refs = [alloc(), alloc()];
    let image_refs: Vec<Ref> = doc.images.iter().map(|_| alloc()).collect();
    let page_refs: Vec<(Ref, Ref)> = doc.pages.iter().map(|_| (alloc(), alloc())).collect();

    let mut glyphs = Glyphs {
        usage: [Usage::new(), Usage::new()],
        used: [false, false],
    };
    for (page, (page_ref, content_ref)) in doc.pages.iter().zip(&page_refs) {
        let (content, images_used) = page_content(doc, page, &mut glyphs)?;
        pdf.stream(*content_ref, &content)
            .filter(Filter::FlateDecode);
        let resources = PageResources {
            fonts: &font_refs,
            fonts_used: &glyphs.used,
            images: &image_refs,
            images_used,
        };
        page_object(&mut pdf, (*page_ref, *content_ref), tree, resources);
    }
    write_images(&mut pdf, doc, &image_refs);
    for w in Weight::ALL {
        if glyphs.used[w.index()] {
            write_font(
                &mut pdf,
                &mut alloc,
                font_refs[w.index()],
                w,
                &glyphs.usage[w.index()],
            )?;
        }
    }

    pdf.pages(tree)
        .kids(page_refs.iter().map(|(p, _)| *p))
        .count(page_refs.len() as i32);
    pdf.catalog(catalog).pages(tree);
    pdf.document_info(info)
        .title(TextStr(&doc.title))
        .producer(TextStr("Terroir 地标品牌库"));
    let _ = fonts;
    Ok(pdf.finish())
}

/// The glyphs the document's text uses, per face (regular, bold), and which faces it uses.
struct Glyphs {
    usage: [Usage; 2],
    used: [bool; 2],
}

/// A page's content stream, compressed, and the images it shows: each item drawn in turn,
/// its text's glyphs noted in `glyphs`.
fn page_content(doc: &Document, page: &Page, glyphs: &mut Glyphs) -> Result<(Vec<u8>, Vec<usize>)> {
    let height = A4.1;
    let mut c = Content::new();
    let mut images_used = vec![];
    for item in &page.items {
        match item {
            Item::Text {
                x,
                y,
                style,
                text,
                spacing,
            } => {
                let w = style.weight.index();
                glyphs.used[w] = true;
                let mut bytes = Vec::with_capacity(text.len());
                glyphs.usage[w].encode(style.weight, text, &mut bytes);
                c.set_fill_rgb(style.color.0, style.color.1, style.color.2);
                c.begin_text();
                c.set_font(Name(FONT_NAMES[w]), style.size);
                c.set_char_spacing(*spacing);
                c.set_text_matrix([1.0, 0.0, 0.0, 1.0, *x, height - *y]);
                c.show(Str(&bytes));
                c.end_text();
            }
            Item::Rect {
                x,
                y,
                w,
                h,
                fill,
                stroke,
            } => draw_rect(&mut c, (*x, height - *y - *h, *w, *h), *fill, *stroke),
            Item::Line {
                from,
                to,
                color,
                width,
            } => {
                c.set_stroke_rgb(color.0, color.1, color.2);
                c.set_line_width(*width);
                c.move_to(from.0, height - from.1);
                c.line_to(to.0, height - to.1);
                c.stroke();
            }
            Item::Circle { centre, r, fill } => {
                draw_circle(&mut c, (centre.0, height - centre.1), *r, *fill)
            }
            Item::Image { x, y, w, h, image } => {
                if *image >= doc.images.len() {
                    return Err(Error::Internal(format!("image {image} not in document")));
                }
                images_used.push(*image);
                c.save_state();
                c.transform([*w, 0.0, 0.0, *h, *x, height - *y - *h]);
                c.x_object(Name(format!("Im{image}").as_bytes()));
                c.restore_state();
            }
        }
    }
    Ok((deflate(&c.finish()), images_used))
}

/// A rectangle (`x`, `y` from the bottom, width, height), filled, stroked or both.
fn draw_rect(
    c: &mut Content,
    (x, y, w, h): (f32, f32, f32, f32),
    fill: Option<Rgb>,
    stroke: Option<(Rgb, f32)>,
) {
    if let Some(f) = fill {
        c.set_fill_rgb(f.0, f.1, f.2);
    }
    if let Some((s, width)) = stroke {
        c.set_stroke_rgb(s.0, s.1, s.2);
        c.set_line_width(width);
    }
    c.rect(x, y, w, h);
    match (fill, stroke) {
        (Some(_), Some(_)) => c.fill_nonzero_and_stroke(),
        (Some(_), None) => c.fill_nonzero(),
        _ => c.stroke(),
    };
}

/// A filled circle around `(cx, cy)` (from the bottom).
fn draw_circle(c: &mut Content, (cx, cy): (f32, f32), r: f32, fill: Rgb) {
    // Four cubic Béziers approximate a circle (k = 0.5523).
    let k = 0.5523 * r;
    c.set_fill_rgb(fill.0, fill.1, fill.2);
    c.move_to(cx + r, cy);
    c.cubic_to(cx + r, cy + k, cx + k, cy + r, cx, cy + r);
    c.cubic_to(cx - k, cy + r, cx - r, cy + k, cx - r, cy);
    c.cubic_to(cx - r, cy - k, cx - k, cy - r, cx, cy - r);
    c.cubic_to(cx + k, cy - r, cx + r, cy - k, cx + r, cy);
    c.close_path();
    c.fill_nonzero();
}

/// The fonts and images a page can name, and those it uses.
struct PageResources<'a> {
    fonts: &'a [Ref; 2],
    fonts_used: &'a [bool; 2],
    images: &'a [Ref],
    images_used: Vec<usize>,
}

/// The page object: A4, its content stream (`refs`: the page's and the content's), and the
/// fonts and images it uses.
fn page_object(
    pdf: &mut Pdf,
    (page_ref, content_ref): (Ref, Ref),
    tree: Ref,
    r: PageResources<'_>,
) {
    let mut p = pdf.page(page_ref);
    p.media_box(Rect::new(0.0, 0.0, A4.0, A4.1))
        .parent(tree)
        .contents(content_ref);
    let mut res = p.resources();
    {
        let mut f = res.fonts();
        for w in Weight::ALL {
            if r.fonts_used[w.index()] {
                f.pair(Name(FONT_NAMES[w.index()]), r.fonts[w.index()]);
            }
        }
    }
    let mut images_used = r.images_used;
    if !images_used.is_empty() {
        images_used.sort_unstable();
        images_used.dedup();
        let mut x = res.x_objects();
        for i in images_used {
            x.pair(Name(format!("Im{i}").as_bytes()), r.images[i]);
        }
    }
}

/// The photos, passed through as JPEG (DCTDecode) image objects.
fn write_images(pdf: &mut Pdf, doc: &Document, image_refs: &[Ref]) {
    for (img, id) in doc.images.iter().zip(image_refs) {
        let mut x = pdf.image_xobject(*id, &img.data);
        x.filter(Filter::DctDecode);
        x.width(img.width as i32)
            .height(img.height as i32)
            .bits_per_component(8);
        if img.gray {
            x.color_space().device_gray();
        } else {
            x.color_space().device_rgb();
        }
    }
}

fn write_font(
    pdf: &mut Pdf,
    alloc: &mut impl FnMut() -> Ref,
    type0: Ref,
    weight: Weight,
    usage: &Usage,
) -> Result<()> {
    let face = Fonts::get().face(weight);
    let (cid, descriptor, cmap_ref, file) = (alloc(), alloc(), alloc(), alloc());
    let subset = subsetter::subset(face.data, 0, &usage.remapper)
        .map_err(|e| Error::Internal(format!("font subsetting failed: {e:?}")))?;
    // A subset tag from the glyph set keeps distinct subsets apart in viewers' caches.
    let tag = subset_tag(usage);
    let base = format!("{tag}+{}", face.postscript_name);

    pdf.type0_font(type0)
        .base_font(Name(base.as_bytes()))
        .encoding_predefined(Name(b"Identity-H"))
        .descendant_font(cid)
        .to_unicode(cmap_ref);

    let system_info = SystemInfo {
        registry: Str(b"Adobe"),
        ordering: Str(b"Identity"),
        supplement: 0,
    };
    // Old glyph ids in new-id order: the widths of CIDs 0, 1, 2 …
    let widths: Vec<f32> = usage
        .remapper
        .remapped_gids()
        .map(|old| face.advance_milli(ttf_parser::GlyphId(old)))
        .collect();
    {
        let mut c = pdf.cid_font(cid);
        c.subtype(CidFontType::Type2)
            .base_font(Name(base.as_bytes()))
            .system_info(system_info)
            .font_descriptor(descriptor)
            .default_width(1000.0)
            .cid_to_gid_map_predefined(Name(b"Identity"));
        c.widths().consecutive(0, widths);
    }

    let f = &face.face;
    let bbox = f.global_bounding_box();
    pdf.font_descriptor(descriptor)
        .name(Name(base.as_bytes()))
        .flags(FontFlags::SYMBOLIC)
        .bbox(Rect::new(
            face.to_milli(bbox.x_min),
            face.to_milli(bbox.y_min),
            face.to_milli(bbox.x_max),
            face.to_milli(bbox.y_max),
        ))
        .italic_angle(0.0)
        .ascent(face.to_milli(f.ascender()))
        .descent(face.to_milli(f.descender()))
        .cap_height(face.to_milli(f.capital_height().unwrap_or(f.ascender())))
        .stem_v(if weight == Weight::Bold { 140.0 } else { 80.0 })
        .font_file2(file);

    let mut cmap = UnicodeCmap::new(Name(b"Terroir-UTF16"), system_info);
    for (&g, &c) in &usage.to_unicode {
        cmap.pair(g, c);
    }
    pdf.cmap(cmap_ref, &cmap.finish());

    let compressed = deflate(&subset);
    pdf.stream(file, &compressed)
        .filter(Filter::FlateDecode)
        .pair(Name(b"Length1"), subset.len() as i32);
    Ok(())
}

/// Six upper-case letters derived from the glyph set (PDF 9.6.4 subset tag).
fn subset_tag(usage: &Usage) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for (g, c) in &usage.to_unicode {
        for b in g.to_le_bytes().into_iter().chain((*c as u32).to_le_bytes()) {
            h = (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
        }
    }
    (0..6)
        .map(|i| char::from(b'A' + ((h >> (i * 8)) % 26) as u8))
        .collect()
}
