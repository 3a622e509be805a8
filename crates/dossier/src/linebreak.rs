//! Chinese line breaking (禁则) for one paragraph of text.
//!
//! - A line may break between most CJK characters.
//! - No line starts with closing punctuation (，。、；：？！）」》”…％ and their kin).
//! - No line ends with opening punctuation (（「《“ and their kin).
//! - Latin words and numbers (with their inner `.`, `-`, `/` …) stay whole; spaces between them
//!   are break opportunities and vanish at line ends.
//! - A word longer than the whole line is cut by characters as a last resort, never dropped.
//!
//! Justification is left to the caller: a [`Line`] knows its natural width and whether it ends
//! a paragraph (the last line is not stretched).

use crate::font::{Fonts, Weight};

/// Characters that must not begin a line.
pub const NO_LINE_START: &str = "，。、；：？！）」》”…％,.;:?!)]}』】〕〉’·～—‰℃";
/// Characters that must not end a line.
pub const NO_LINE_END: &str = "（「《“([{『【〔〈‘";

/// Characters that are units of their own (ASCII punctuation belongs to Latin words).
fn is_cjk(c: char) -> bool {
    if c.is_ascii() {
        return false;
    }
    matches!(c as u32,
        0x2E80..=0x2FFF | 0x3040..=0x30FF | 0x3100..=0x31FF | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3FFFF)
        || NO_LINE_START.contains(c)
        || NO_LINE_END.contains(c)
        || matches!(c, '\u{3000}'..='\u{303F}' | '\u{FF00}'..='\u{FFEF}')
}

/// One laid-out line.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub text: String,
    /// Natural width in points at the given size, without extra spacing.
    pub width: f32,
    /// Left offset (first-line indent) in points.
    pub indent: f32,
    /// The last line of its paragraph (never justified).
    pub last: bool,
}

impl Line {
    pub fn chars(&self) -> usize {
        self.text.chars().count()
    }

    /// The character spacing (PDF `Tc`) that makes this line fill `measure`, or 0 when the line
    /// is the last of its paragraph or would have to be stretched unreasonably.
    pub fn justify_spacing(&self, measure: f32, size: f32) -> f32 {
        let n = self.chars();
        if self.last || n < 2 {
            return 0.0;
        }
        let spacing = (measure - self.indent - self.width) / (n - 1) as f32;
        if spacing > 0.0 && spacing <= size * 0.6 {
            spacing
        } else {
            0.0
        }
    }
}

/// An unbreakable piece: one CJK character, a Latin word, or a run of spaces.
#[derive(Debug)]
struct Unit<'a> {
    text: &'a str,
    space: bool,
}

fn units(text: &str) -> Vec<Unit<'_>> {
    let mut out = vec![];
    let mut start = None::<(usize, bool)>;
    for (i, c) in text.char_indices() {
        let space = c == ' ' || c == '\t';
        if is_cjk(c) && !space {
            if let Some((s, sp)) = start.take() {
                out.push(Unit {
                    text: &text[s..i],
                    space: sp,
                });
            }
            out.push(Unit {
                text: &text[i..i + c.len_utf8()],
                space: false,
            });
            continue;
        }
        match start {
            Some((_, sp)) if sp == space => {}
            Some((s, sp)) => {
                out.push(Unit {
                    text: &text[s..i],
                    space: sp,
                });
                start = Some((i, space));
            }
            None => start = Some((i, space)),
        }
    }
    if let Some((s, sp)) = start {
        out.push(Unit {
            text: &text[s..],
            space: sp,
        });
    }
    out
}

/// Segments are runs of units glued by the punctuation rules; lines break only between them.
fn segments<'a>(units: &[Unit<'a>]) -> Vec<(usize, usize)> {
    let mut segs: Vec<(usize, usize)> = vec![];
    for (i, u) in units.iter().enumerate() {
        let first = u.text.chars().next().unwrap_or(' ');
        let glue_to_prev = i > 0
            && !u.space
            && !units[i - 1].space
            && (NO_LINE_START.contains(first)
                || units[i - 1]
                    .text
                    .chars()
                    .last()
                    .is_some_and(|c| NO_LINE_END.contains(c)));
        match segs.last_mut() {
            Some(last) if glue_to_prev => last.1 = i + 1,
            _ => segs.push((i, i + 1)),
        }
    }
    segs
}

/// Break one paragraph (no `\n` inside) into lines of at most `measure` points.
pub fn break_paragraph(
    text: &str,
    weight: Weight,
    size: f32,
    measure: f32,
    first_indent: f32,
) -> Vec<Line> {
    let fonts = Fonts::get();
    let text = text.trim_matches(|c: char| c == ' ' || c == '\t' || c == '\r');
    let units = units(text);
    let widths: Vec<f32> = units
        .iter()
        .map(|u| fonts.width(weight, size, u.text))
        .collect();
    let mut lines = vec![];
    let mut cur = String::new();
    let mut cur_w = 0.0f32;
    let mut indent = first_indent;
    let flush = |cur: &mut String, cur_w: &mut f32, indent: &mut f32, lines: &mut Vec<Line>| {
        let trimmed = cur.trim_end_matches([' ', '\t']);
        let width = if trimmed.len() == cur.len() {
            *cur_w
        } else {
            fonts.width(weight, size, trimmed)
        };
        lines.push(Line {
            text: trimmed.to_owned(),
            width,
            indent: *indent,
            last: false,
        });
        cur.clear();
        *cur_w = 0.0;
        *indent = 0.0;
    };
    for (s, e) in segments(&units) {
        let seg_w: f32 = widths[s..e].iter().sum();
        let is_space = units[s].space;
        if is_space && cur.is_empty() {
            continue; // no line starts with a space
        }
        if cur_w + seg_w <= measure - indent + 0.01 || is_space {
            for u in &units[s..e] {
                cur.push_str(u.text);
            }
            cur_w += seg_w;
            continue;
        }
        if !cur.trim().is_empty() {
            flush(&mut cur, &mut cur_w, &mut indent, &mut lines);
        }
        if seg_w <= measure - indent + 0.01 {
            for u in &units[s..e] {
                cur.push_str(u.text);
            }
            cur_w = seg_w;
            continue;
        }
        // Longer than a whole line: cut by characters, the only place a word is split.
        for c in units[s..e].iter().flat_map(|u| u.text.chars()) {
            let w = fonts.width(weight, size, c.encode_utf8(&mut [0; 4]));
            // Even here punctuation rules win over the measure (a slight overflow).
            let allowed = !NO_LINE_START.contains(c)
                && !cur.chars().last().is_some_and(|p| NO_LINE_END.contains(p));
            if cur_w + w > measure - indent + 0.01 && !cur.is_empty() && allowed {
                flush(&mut cur, &mut cur_w, &mut indent, &mut lines);
            }
            cur.push(c);
            cur_w += w;
        }
    }
    if !cur.trim().is_empty() || lines.is_empty() {
        flush(&mut cur, &mut cur_w, &mut indent, &mut lines);
    }
    if let Some(l) = lines.last_mut() {
        l.last = true;
    }
    lines
}

/// Break text that may hold several paragraphs (separated by line breaks).
pub fn break_text(
    text: &str,
    weight: Weight,
    size: f32,
    measure: f32,
    first_indent: f32,
) -> Vec<Line> {
    text.split('\n')
        .filter(|p| !p.trim().is_empty())
        .flat_map(|p| break_paragraph(p, weight, size, measure, first_indent))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(lines: &[Line]) -> Vec<&str> {
        lines.iter().map(|l| l.text.as_str()).collect()
    }

    #[test]
    fn never_starts_or_ends_a_line_with_forbidden_punctuation() {
        let para = "信阳毛尖（又称豫毛峰）是中国十大名茶之一，产于河南省信阳市；其外形细、圆、光、直、多白毫，色泽翠绿。“信阳毛尖”已获地理标志保护！品质如何？好。……产量占比约30％。";
        for chars in 3..30 {
            let lines = break_paragraph(para, Weight::Regular, 10.0, chars as f32 * 10.0, 0.0);
            let joined: String = lines.iter().map(|l| l.text.as_str()).collect();
            assert_eq!(joined, para, "no character lost at {chars} per line");
            for l in &lines {
                let first = l.text.chars().next().unwrap();
                let last = l.text.chars().last().unwrap();
                assert!(
                    !NO_LINE_START.contains(first),
                    "{chars}: {:?}",
                    texts(&lines)
                );
                assert!(!NO_LINE_END.contains(last), "{chars}: {:?}", texts(&lines));
            }
        }
    }

    #[test]
    fn keeps_latin_words_and_numbers_whole() {
        let para = "产品标准 GB/T 22737-2008 规定了信阳毛尖茶的术语 definitions 与 3047772 号商标，水浸出物≥36.0％。";
        for chars in 8..20 {
            let lines = break_paragraph(para, Weight::Regular, 10.0, chars as f32 * 10.0, 0.0);
            let all: Vec<&str> = lines.iter().flat_map(|l| l.text.split(' ')).collect();
            for word in ["GB/T", "22737-2008", "definitions", "36.0％"] {
                assert!(
                    lines.iter().any(|l| l.text.contains(word)),
                    "{word} split at {chars}: {all:?}"
                );
            }
            assert!(
                lines
                    .iter()
                    .all(|l| !l.text.starts_with(' ') && !l.text.ends_with(' '))
            );
        }
    }

    #[test]
    fn fills_lines_and_indents_the_first() {
        let lines = break_paragraph(&"茶".repeat(25), Weight::Regular, 10.0, 100.0, 20.0);
        assert_eq!(
            lines.iter().map(Line::chars).collect::<Vec<_>>(),
            vec![8, 10, 7]
        );
        assert_eq!(lines[0].indent, 20.0);
        assert!(lines[2].last && !lines[0].last);
        assert_eq!(lines[2].justify_spacing(100.0, 10.0), 0.0);
    }

    #[test]
    fn cuts_a_word_longer_than_the_line_without_losing_it() {
        let url = "https://example.invalid/verify?id=0190a1b2c3d4e5f6";
        let lines = break_paragraph(url, Weight::Regular, 10.0, 60.0, 0.0);
        assert!(lines.len() > 2);
        assert_eq!(
            lines.iter().map(|l| l.text.as_str()).collect::<String>(),
            url
        );
    }
}
