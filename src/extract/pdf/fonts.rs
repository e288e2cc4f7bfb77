//! A page's fonts: from the character codes a content stream shows to their text, their
//! advance widths, and whether they are set in italics.
//!
//! The text of a code comes, as in a PDF viewer's text layer, from the font's ToUnicode map
//! ([`super::cmap`]) first, then its `/Encoding` (a base encoding, whose tables lopdf holds,
//! with `/Differences` named by Adobe glyph names, which lopdf knows), then an embedded Type 1
//! font's own encoding, then StandardEncoding. Widths come from `/Widths` (or a composite
//! font's `/W`), else from the standard fonts' metrics, else a default.

use std::collections::HashMap;

use lopdf::{Dictionary, Document, Encoding, Object};

use super::cmap::ToUnicode;
use super::metrics::Core;

/// The most bytes a font's embedded program or ToUnicode map may decompress to.
const FONT_STREAM_MAX: usize = 8 << 20;

/// A font, ready to decode the strings a content stream shows with it.
pub struct Font {
    /// Composite (Type 0) fonts show two-byte codes; simple fonts one byte per glyph.
    two_byte: bool,
    /// A simple font's text for each code (empty: nothing known).
    simple: Vec<String>,
    /// A composite font's ToUnicode map, asked code by code.
    cmap: Option<ToUnicode>,
    /// A composite font whose CMap is UCS-2 or UTF-16: the codes are the text.
    utf16: bool,
    /// Advance widths in ems: per code for simple fonts, per CID for composite ones.
    widths: HashMap<u32, f32>,
    default_width: f32,
    pub italic: bool,
    /// Text of codes already asked of the ToUnicode map.
    cache: HashMap<u32, String>,
}

/// One glyph of a shown string.
pub struct Glyph<'f> {
    pub text: &'f str,
    /// Advance width in ems (text space units per unit of font size).
    pub width: f32,
    /// A single-byte code 32, to which word spacing (`Tw`) applies.
    pub word_space: bool,
}

impl Font {
    /// Reads a font dictionary. Never fails: what cannot be read is left unknown.
    pub fn load(doc: &Document, dict: &Dictionary) -> Font {
        let subtype = name_of(dict.get(b"Subtype").ok()).unwrap_or_default();
        let base = name_of(dict.get(b"BaseFont").ok()).unwrap_or_default();
        let mut font = Font {
            two_byte: subtype == "Type0",
            simple: Vec::new(),
            cmap: None,
            utf16: false,
            widths: HashMap::new(),
            default_width: 0.5,
            italic: is_italic(&base),
            cache: HashMap::new(),
        };
        let to_unicode = to_unicode_map(doc, dict);
        if font.two_byte {
            let cmap_name = name_of(dict.get(b"Encoding").ok()).unwrap_or_default();
            font.utf16 = cmap_name.contains("UCS2") || cmap_name.contains("UTF16");
            font.cmap = to_unicode;
            if let Some(desc) = deref_dict(doc, first_descendant(doc, dict)) {
                font.read_cid_widths(doc, desc);
                let descriptor = deref_dict(doc, desc.get(b"FontDescriptor").ok());
                font.italic |= descriptor.is_some_and(|d| descriptor_italic(&base, d));
            }
            return font;
        }
        let descriptor = deref_dict(doc, dict.get(b"FontDescriptor").ok());
        font.italic |= descriptor.is_some_and(|d| descriptor_italic(&base, d));
        font.simple = simple_table(doc, dict, descriptor, to_unicode.as_ref());
        // Type 3 glyphs are measured in their own space, scaled by /FontMatrix
        let scale = if subtype == "Type3" {
            dict.get(b"FontMatrix")
                .ok()
                .and_then(|m| deref(doc, m).as_array().ok())
                .and_then(|a| a.first())
                .and_then(|v| deref(doc, v).as_float().ok())
                .filter(|s| s.is_finite() && *s > 0.0)
                .unwrap_or(0.001)
        } else {
            0.001
        };
        font.read_simple_widths(doc, dict, descriptor, &base, scale);
        font
    }

    fn read_simple_widths(
        &mut self,
        doc: &Document,
        dict: &Dictionary,
        descriptor: Option<&Dictionary>,
        base: &str,
        scale: f32,
    ) {
        let first = dict
            .get(b"FirstChar")
            .ok()
            .and_then(|o| deref(doc, o).as_i64().ok())
            .unwrap_or(0);
        if let Some(ws) = dict
            .get(b"Widths")
            .ok()
            .and_then(|o| deref(doc, o).as_array().ok())
        {
            for (i, w) in ws.iter().take(256).enumerate() {
                let code = first.saturating_add(i64::try_from(i).unwrap_or(0));
                if let (Ok(code), Ok(w)) = (u32::try_from(code), deref(doc, w).as_float()) {
                    if code < 256 && w.is_finite() && w > 0.0 {
                        self.widths.insert(code, w * scale);
                    }
                }
            }
        }
        let missing = descriptor
            .and_then(|d| d.get(b"MissingWidth").ok())
            .and_then(|o| deref(doc, o).as_float().ok())
            .filter(|w| w.is_finite() && *w > 0.0)
            .map(|w| w * scale);
        if let Some(core) = Core::from_name(base).filter(|_| self.widths.is_empty()) {
            // a standard font named without its widths: Adobe's metrics, by character
            for (code, text) in self.simple.iter().enumerate() {
                let width = text.chars().next().and_then(|c| core.width(c));
                if let (Some(w), Ok(code)) = (width, u32::try_from(code)) {
                    self.widths.insert(code, w / 1000.0);
                }
            }
        }
        let avg = descriptor
            .and_then(|d| d.get(b"AvgWidth").ok())
            .and_then(|o| deref(doc, o).as_float().ok())
            .filter(|w| w.is_finite() && *w > 0.0)
            .map(|w| w * scale);
        self.default_width = missing.or(avg).unwrap_or(0.5);
    }

    fn read_cid_widths(&mut self, doc: &Document, desc: &Dictionary) {
        self.default_width = desc
            .get(b"DW")
            .ok()
            .and_then(|o| deref(doc, o).as_float().ok())
            .filter(|w| w.is_finite() && *w >= 0.0)
            .map_or(1.0, |w| w / 1000.0);
        let Some(w) = desc
            .get(b"W")
            .ok()
            .and_then(|o| deref(doc, o).as_array().ok())
        else {
            return;
        };
        // `c [w1 w2 …]` or `c_first c_last w`; bounded: a font has at most 65,536 CIDs
        let mut items = w.iter().map(|o| deref(doc, o));
        while let Some(first) = items.next() {
            let Ok(first) = first.as_i64().map(|c| c.clamp(0, 0xFFFF) as u32) else {
                break;
            };
            match items.next() {
                Some(Object::Array(ws)) => {
                    for (i, w) in ws.iter().enumerate().take(0x1_0000) {
                        let cid = first.saturating_add(u32::try_from(i).unwrap_or(u32::MAX));
                        if let Ok(w) = deref(doc, w).as_float() {
                            if cid <= 0xFFFF && w.is_finite() && w >= 0.0 {
                                self.widths.insert(cid, w / 1000.0);
                            }
                        }
                    }
                }
                Some(last) => {
                    let Ok(last) = last.as_i64().map(|c| c.clamp(0, 0xFFFF) as u32) else {
                        break;
                    };
                    let Some(w) = items.next().and_then(|w| w.as_float().ok()) else {
                        break;
                    };
                    if w.is_finite() && w >= 0.0 && last >= first && last - first < 0x1_0000 {
                        for cid in first..=last {
                            self.widths.insert(cid, w / 1000.0);
                        }
                    }
                }
                None => break,
            }
            if self.widths.len() > 0x1_0000 {
                break;
            }
        }
    }

    /// Calls `each` with every glyph of a shown string, in order.
    pub fn glyphs(&mut self, bytes: &[u8], mut each: impl FnMut(Glyph<'_>)) {
        if !self.two_byte {
            for &b in bytes {
                let code = u32::from(b);
                let text = self.simple.get(usize::from(b)).map_or("", String::as_str);
                let width = self
                    .widths
                    .get(&code)
                    .copied()
                    .unwrap_or(self.default_width);
                each(Glyph {
                    text,
                    width,
                    word_space: b == b' ',
                });
            }
            return;
        }
        let mut rest = bytes;
        while !rest.is_empty() {
            let len = self
                .cmap
                .as_ref()
                .map_or(2, |m| m.code_len(rest))
                .min(rest.len());
            let (pair, tail) = rest.split_at(len.max(1));
            rest = tail;
            let code = pair.iter().fold(0u32, |n, b| (n << 8) | u32::from(*b));
            let width = self
                .widths
                .get(&code)
                .copied()
                .unwrap_or(self.default_width);
            if !self.cache.contains_key(&code) {
                let text = self.decode_composite(pair, code);
                if self.cache.len() < 0x1_0000 {
                    self.cache.insert(code, text);
                } else {
                    each(Glyph {
                        text: &text,
                        width,
                        word_space: false,
                    });
                    continue;
                }
            }
            let text = self.cache.get(&code).map_or("", String::as_str);
            each(Glyph {
                text,
                width,
                word_space: false,
            });
        }
    }

    fn decode_composite(&self, pair: &[u8], code: u32) -> String {
        if let Some(text) = self.cmap.as_ref().and_then(|m| m.get(pair.len(), code)) {
            return clean(text);
        }
        if self.utf16 {
            return char::from_u32(code).map(String::from).unwrap_or_default();
        }
        String::new()
    }
}

/// Text to keep: control characters dropped, a no-break space made a space, ligatures
/// (`ﬁ`) spelled out as the letters a reader searches for.
fn clean(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\u{a0}' | '\t' => out.push(' '),
            'ﬀ' => out.push_str("ff"),
            'ﬁ' => out.push_str("fi"),
            'ﬂ' => out.push_str("fl"),
            'ﬃ' => out.push_str("ffi"),
            'ﬄ' => out.push_str("ffl"),
            'ﬅ' | 'ﬆ' => out.push_str("st"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

fn deref<'a>(doc: &'a Document, o: &'a Object) -> &'a Object {
    doc.dereference(o).map_or(o, |(_, o)| o)
}

fn deref_dict<'a>(doc: &'a Document, o: Option<&'a Object>) -> Option<&'a Dictionary> {
    o.and_then(|o| deref(doc, o).as_dict().ok())
}

fn name_of(o: Option<&Object>) -> Option<String> {
    o.and_then(|o| o.as_name().ok())
        .map(|n| String::from_utf8_lossy(n).into_owned())
}

fn first_descendant<'a>(doc: &'a Document, dict: &'a Dictionary) -> Option<&'a Object> {
    dict.get(b"DescendantFonts")
        .ok()
        .and_then(|o| deref(doc, o).as_array().ok())
        .and_then(|a| a.first())
}

/// Italic by its name (`Times-Italic`, `Arial-ItalicMT`, `Minion-It`, TeX's `CMTI10`,
/// `CMSL10`), not math italics (`CMMI10`).
fn is_italic(base: &str) -> bool {
    let name = base.split_once('+').map_or(base, |(_, n)| n);
    let lower = name.to_ascii_lowercase();
    if lower.contains("italic") || lower.contains("oblique") || lower.ends_with("-it") {
        return true;
    }
    let tex = lower.trim_end_matches(|c: char| c.is_ascii_digit());
    matches!(tex, "cmti" | "cmsl" | "cmbxti" | "cmbxsl" | "lmromanslant")
        || lower.starts_with("lmroman") && lower.contains("italic")
        || lower.starts_with("sfti")
        || lower.starts_with("sfsl")
}

/// Italic by the descriptor's angle, for a font whose name does not say (not a math or
/// symbol font, whose glyphs lean too).
fn descriptor_italic(base: &str, d: &Dictionary) -> bool {
    let angle = d
        .get(b"ItalicAngle")
        .ok()
        .and_then(|o| o.as_float().ok())
        .unwrap_or(0.0);
    let lower = base.to_ascii_lowercase();
    angle.abs() > 4.0
        && angle.abs() < 45.0
        && !["math", "cmmi", "symbol", "cmsy", "dingbat", "mi10", "mi12"]
            .iter()
            .any(|w| lower.contains(w))
}

/// The font's ToUnicode map, if it has one.
fn to_unicode_map(doc: &Document, dict: &Dictionary) -> Option<ToUnicode> {
    let stream = deref(doc, dict.get(b"ToUnicode").ok()?).as_stream().ok()?;
    let data = stream
        .decompressed_content_with_limit(FONT_STREAM_MAX)
        .ok()
        .or_else(|| (stream.dict.get(b"Filter").is_err()).then(|| stream.content.clone()))?;
    Some(ToUnicode::parse(&data))
}

/// The 256 texts of a simple font: the base encoding (named, or the embedded font's own),
/// its `/Differences`, then the ToUnicode map over both.
fn simple_table(
    doc: &Document,
    dict: &Dictionary,
    descriptor: Option<&Dictionary>,
    to_unicode: Option<&ToUnicode>,
) -> Vec<String> {
    let encoding = dict.get(b"Encoding").ok().map(|o| deref(doc, o));
    let (base_name, differences) = match encoding {
        Some(Object::Name(n)) => (Some(n.as_slice()), None),
        Some(Object::Dictionary(d)) => (
            d.get(b"BaseEncoding").ok().and_then(|o| o.as_name().ok()),
            d.get(b"Differences")
                .ok()
                .and_then(|o| deref(doc, o).as_array().ok()),
        ),
        _ => (None, None),
    };
    let mut table: Vec<String> = match base_name {
        Some(name) => named_encoding(name),
        None => match descriptor.and_then(|d| builtin_encoding(doc, d)) {
            Some(t) => t,
            None => named_encoding(b"StandardEncoding"),
        },
    };
    if let Some(diffs) = differences {
        let mut code: usize = 0;
        for o in diffs.iter().take(4096) {
            match deref(doc, o) {
                Object::Integer(n) => code = usize::try_from(*n).unwrap_or(usize::MAX),
                Object::Name(glyph) => {
                    if let Some(slot) = table.get_mut(code) {
                        *slot = glyph_text(glyph);
                    }
                    code = code.saturating_add(1);
                }
                _ => {}
            }
        }
    }
    if let Some(map) = to_unicode {
        for (code, slot) in table.iter_mut().enumerate() {
            if let Some(s) = u8::try_from(code).ok().and_then(|b| map.byte(b)) {
                *slot = clean(s);
            }
        }
    }
    table
}

/// The texts of a standard encoding by name (StandardEncoding for an unknown name).
fn named_encoding(name: &[u8]) -> Vec<String> {
    let known = matches!(
        name,
        b"WinAnsiEncoding" | b"MacRomanEncoding" | b"MacExpertEncoding" | b"StandardEncoding"
    );
    let name = if known { name } else { b"StandardEncoding" };
    let mut probe = Dictionary::new();
    probe.set("Type", Object::Name(b"Font".to_vec()));
    probe.set("Encoding", Object::Name(name.to_vec()));
    let empty = Document::new();
    let Ok(enc) = probe.get_font_encoding(&empty) else {
        return vec![String::new(); 256];
    };
    (0..=255u8)
        .map(|b| {
            enc.bytes_to_string(&[b])
                .map_or_else(|_| String::new(), |s| clean(&s))
        })
        .collect()
}

/// The text of a glyph name: `uniXXXX`, `uXXXX`, or a name of the Adobe Glyph List (asked of
/// lopdf); nothing for a name it does not know (`g17`, `suppress`).
pub fn glyph_text(name: &[u8]) -> String {
    // glyph names are short; a long one is noise (and would cost a look-up per piece)
    if name.len() > 64 {
        return String::new();
    }
    let s = String::from_utf8_lossy(name);
    // `f_i`, `T_h`: ligatures written with underscores; `a.sc`: a variant of `a`
    let s = s.split('.').next().unwrap_or("");
    if s.contains('_') && s.len() > 2 {
        return s.split('_').map(|p| glyph_text(p.as_bytes())).collect();
    }
    let hex = s
        .strip_prefix("uni")
        .filter(|h| h.len() == 4)
        .or_else(|| s.strip_prefix('u').filter(|h| (4..=6).contains(&h.len())));
    if let Some(c) = hex
        .and_then(|h| u32::from_str_radix(h, 16).ok())
        .and_then(char::from_u32)
    {
        return clean(&c.to_string());
    }
    let mut probe = Dictionary::new();
    probe.set("Type", Object::Name(b"Font".to_vec()));
    let mut enc = Dictionary::new();
    enc.set(
        "Differences",
        Object::Array(vec![
            Object::Integer(0),
            Object::Name(s.as_bytes().to_vec()),
        ]),
    );
    probe.set("Encoding", Object::Dictionary(enc));
    let empty = Document::new();
    match probe.get_font_encoding(&empty) {
        Ok(e @ Encoding::Differences(_)) => e
            .bytes_to_string(&[0])
            .map_or_else(|_| String::new(), |t| clean(&t)),
        _ => String::new(),
    }
}

/// An embedded Type 1 font's own encoding (`dup 65 /A put` in its clear-text part), when it
/// has one other than StandardEncoding.
fn builtin_encoding(doc: &Document, descriptor: &Dictionary) -> Option<Vec<String>> {
    let stream = deref(doc, descriptor.get(b"FontFile").ok()?)
        .as_stream()
        .ok()?;
    let data = stream
        .decompressed_content_with_limit(FONT_STREAM_MAX)
        .ok()?;
    let clear = stream
        .dict
        .get(b"Length1")
        .ok()
        .and_then(|o| deref(doc, o).as_i64().ok())
        .and_then(|n| usize::try_from(n).ok())
        .unwrap_or(data.len())
        .min(data.len())
        .min(256 << 10);
    let text = String::from_utf8_lossy(data.get(..clear)?);
    let at = text.find("/Encoding")?;
    let rest = text.get(at..)?;
    if rest.get(..40).unwrap_or(rest).contains("StandardEncoding") {
        return None;
    }
    let mut table = vec![String::new(); 256];
    let mut words = rest.split_whitespace().take(4 * 256 + 64).peekable();
    while let Some(w) = words.next() {
        if w == "readonly" || w == "def" {
            break;
        }
        if w != "dup" {
            continue;
        }
        let (Some(code), Some(name)) = (words.next(), words.next()) else {
            break;
        };
        if let (Ok(code), Some(name)) = (code.parse::<usize>(), name.strip_prefix('/')) {
            if let Some(slot) = table.get_mut(code) {
                *slot = glyph_text(name.as_bytes());
            }
        }
    }
    Some(table)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glyph_names() {
        assert_eq!(glyph_text(b"A"), "A");
        assert_eq!(glyph_text(b"quotedblleft"), "“");
        assert_eq!(glyph_text(b"uni00E9"), "é");
        assert_eq!(glyph_text(b"u1F600"), "😀");
        assert_eq!(glyph_text(b"fi"), "fi");
        assert_eq!(glyph_text(b"f_i"), "fi");
        assert_eq!(glyph_text(b"a.sc"), "a");
        assert_eq!(glyph_text(b"g17"), "");
    }

    #[test]
    fn italics_by_name() {
        assert!(is_italic("Times-Italic"));
        assert!(is_italic("ABCDEF+CMTI10"));
        assert!(is_italic("Helvetica-Oblique"));
        assert!(is_italic("MinionPro-It"));
        assert!(!is_italic("CMMI10"));
        assert!(!is_italic("Times-Roman"));
    }

    #[test]
    fn standard_font_without_widths() {
        let mut dict = Dictionary::new();
        dict.set("Type", Object::Name(b"Font".to_vec()));
        dict.set("Subtype", Object::Name(b"Type1".to_vec()));
        dict.set("BaseFont", Object::Name(b"Times-Roman".to_vec()));
        dict.set("Encoding", Object::Name(b"WinAnsiEncoding".to_vec()));
        let doc = Document::new();
        let mut font = Font::load(&doc, &dict);
        let mut seen = Vec::new();
        font.glyphs(b"A \x93", |g| seen.push((g.text.to_string(), g.width)));
        assert_eq!(
            seen,
            [
                ("A".to_string(), 0.722),
                (" ".to_string(), 0.25),
                ("“".to_string(), 0.444)
            ]
        );
    }
}
