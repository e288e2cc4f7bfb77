//! ToUnicode CMaps: from a font's character codes to their text.
//!
//! Read by hand, leniently: real CMaps leave out parts of the structure the specification
//! describes (a header, the metadata, the closing `defineresource`), and only the code space and
//! the `bfchar` and `bfrange` mappings matter for text. Bounded: a range maps at most 65,536
//! codes and a map holds at most [`MAX_CODES`], whatever the ranges claim.

use std::collections::HashMap;

/// The most codes one map holds.
pub const MAX_CODES: usize = 1 << 17;

/// A ToUnicode map: the text of each code, and the code space (which byte lengths codes have).
#[derive(Debug, Default)]
pub struct ToUnicode {
    /// (code length in bytes, code) → text.
    map: HashMap<(u8, u32), String>,
    /// (low, high, length) of each code space range.
    space: Vec<(u32, u32, u8)>,
}

enum Token<'a> {
    Hex(Vec<u8>),
    Open,
    Close,
    Word(&'a [u8]),
}

/// The tokens of a CMap that matter: hex strings, array brackets and words; comments, names,
/// numbers and literal strings are words or skipped.
fn tokens(data: &[u8]) -> impl Iterator<Item = Token<'_>> {
    let mut i = 0;
    std::iter::from_fn(move || loop {
        let b = *data.get(i)?;
        match b {
            b'%' => {
                while data.get(i).is_some_and(|c| *c != b'\n' && *c != b'\r') {
                    i += 1;
                }
            }
            b'<' if data.get(i + 1) == Some(&b'<') => i += 2,
            b'>' => i += 1,
            b'<' => {
                let start = i + 1;
                let end = data.get(start..).and_then(|r| memchr::memchr(b'>', r))? + start;
                i = end + 1;
                let digits: Vec<u8> = data
                    .get(start..end)?
                    .iter()
                    .filter_map(|c| (*c as char).to_digit(16))
                    .filter_map(|d| u8::try_from(d).ok())
                    .collect();
                let bytes = digits
                    .chunks(2)
                    .map(|p| match p {
                        [h, l] => (h << 4) | l,
                        [h] => h << 4,
                        _ => 0,
                    })
                    .collect();
                return Some(Token::Hex(bytes));
            }
            b'[' => {
                i += 1;
                return Some(Token::Open);
            }
            b']' => {
                i += 1;
                return Some(Token::Close);
            }
            b'(' => {
                // a literal string (in metadata): skipped, nesting and escapes kept in mind
                let mut depth = 0usize;
                while let Some(&c) = data.get(i) {
                    i += 1;
                    match c {
                        b'\\' => i += 1,
                        b'(' => depth += 1,
                        b')' => {
                            depth = depth.saturating_sub(1);
                            if depth == 0 {
                                break;
                            }
                        }
                        _ => {}
                    }
                }
            }
            c if c.is_ascii_whitespace() || c == b'{' || c == b'}' => i += 1,
            _ => {
                let start = i;
                while data.get(i).is_some_and(|c| {
                    !c.is_ascii_whitespace()
                        && !matches!(c, b'<' | b'>' | b'[' | b']' | b'(' | b'%')
                }) {
                    i += 1;
                }
                return Some(Token::Word(data.get(start..i)?));
            }
        }
    })
}

fn code_of(bytes: &[u8]) -> Option<(u8, u32)> {
    let len = u8::try_from(bytes.len())
        .ok()
        .filter(|l| (1..=4).contains(l))?;
    Some((
        len,
        bytes.iter().fold(0u32, |n, b| (n << 8) | u32::from(*b)),
    ))
}

/// Text from UTF-16BE bytes (a lone byte taken as a code point), without U+FFFD.
fn utf16(bytes: &[u8]) -> String {
    if let [b] = bytes {
        return char::from(*b).to_string();
    }
    let units = bytes
        .chunks(2)
        .map(|p| p.iter().fold(0u16, |n, b| (n << 8) | u16::from(*b)));
    char::decode_utf16(units)
        .filter_map(Result::ok)
        .filter(|c| *c != '\u{fffd}')
        .collect()
}

/// The last UTF-16 unit of `base` advanced by `k` (a `bfrange` onto one string).
fn advanced(base: &[u8], k: u32) -> String {
    let mut bytes = base.to_vec();
    if let [.., a, b] = *base {
        let last = u16::from_be_bytes([a, b]);
        let next = u16::try_from((u32::from(last) + k) & 0xFFFF).unwrap_or(0);
        bytes.truncate(base.len() - 2);
        bytes.extend_from_slice(&next.to_be_bytes());
    } else if let Some(b) = bytes.last_mut() {
        *b = b.wrapping_add(u8::try_from(k & 0xFF).unwrap_or(0));
    }
    utf16(&bytes)
}

impl ToUnicode {
    /// Reads a CMap; what cannot be read is left out.
    pub fn parse(data: &[u8]) -> ToUnicode {
        let mut out = ToUnicode::default();
        let mut toks = tokens(data);
        let mut hexes: Vec<Vec<u8>> = Vec::new();
        while let Some(t) = toks.next() {
            let Token::Word(w) = t else { continue };
            match w {
                b"begincodespacerange" => {
                    hexes.clear();
                    for t in toks.by_ref() {
                        match t {
                            Token::Hex(h) => hexes.push(h),
                            Token::Word(b"endcodespacerange") => break,
                            _ => {}
                        }
                    }
                    for pair in hexes.chunks(2) {
                        if let [lo, hi] = pair {
                            if let (Some((len, lo)), Some((_, hi))) = (code_of(lo), code_of(hi)) {
                                out.space.push((lo, hi, len));
                            }
                        }
                    }
                }
                b"beginbfchar" => {
                    hexes.clear();
                    for t in toks.by_ref() {
                        match t {
                            Token::Hex(h) => hexes.push(h),
                            Token::Word(b"endbfchar") => break,
                            _ => {}
                        }
                    }
                    for pair in hexes.chunks(2) {
                        if let [src, dst] = pair {
                            if let Some(code) = code_of(src) {
                                out.insert(code, utf16(dst));
                            }
                        }
                    }
                }
                b"beginbfrange" => out.read_ranges(&mut toks),
                _ => {}
            }
            if out.map.len() >= MAX_CODES {
                break;
            }
        }
        out
    }

    fn read_ranges<'a>(&mut self, toks: &mut impl Iterator<Item = Token<'a>>) {
        let mut pending: Vec<Vec<u8>> = Vec::new();
        let mut array: Option<Vec<Vec<u8>>> = None;
        for t in toks.by_ref() {
            match t {
                Token::Word(b"endbfrange") => return,
                Token::Open => array = Some(Vec::new()),
                Token::Hex(h) => match array.as_mut() {
                    Some(a) => a.push(h),
                    None if pending.len() == 2 => {
                        let (lo, hi) = (pending.remove(0), pending.remove(0));
                        self.range(&lo, &hi, |k| advanced(&h, k));
                    }
                    None => pending.push(h),
                },
                Token::Close => {
                    let targets = array.take().unwrap_or_default();
                    if pending.len() == 2 {
                        let (lo, hi) = (pending.remove(0), pending.remove(0));
                        let each = |k: u32| {
                            usize::try_from(k)
                                .ok()
                                .and_then(|k| targets.get(k))
                                .map_or_else(String::new, |t| utf16(t))
                        };
                        self.range(&lo, &hi, each);
                    }
                    pending.clear();
                }
                Token::Word(_) => {}
            }
            if self.map.len() >= MAX_CODES {
                return;
            }
        }
    }

    fn range(&mut self, lo: &[u8], hi: &[u8], text: impl Fn(u32) -> String) {
        let (Some((len, lo)), Some((_, hi))) = (code_of(lo), code_of(hi)) else {
            return;
        };
        if hi < lo {
            return;
        }
        let count = (hi - lo).min(0xFFFF);
        for k in 0..=count {
            if self.map.len() >= MAX_CODES {
                return;
            }
            self.insert((len, lo + k), text(k));
        }
    }

    fn insert(&mut self, code: (u8, u32), text: String) {
        if !text.is_empty() {
            self.map.insert(code, text);
        }
    }

    /// The text of a one-byte code.
    pub fn byte(&self, b: u8) -> Option<&str> {
        self.map
            .get(&(1, u32::from(b)))
            .or_else(|| self.map.get(&(2, u32::from(b))))
            .map(String::as_str)
    }

    /// The length of the code that starts `bytes`, by the code space (2 when it says nothing).
    pub fn code_len(&self, bytes: &[u8]) -> usize {
        for &(lo, hi, len) in &self.space {
            let n = usize::from(len);
            let Some(code) = bytes.get(..n).and_then(code_of) else {
                continue;
            };
            if code.1 >= lo && code.1 <= hi {
                return n;
            }
        }
        2
    }

    /// The text of a code of `len` bytes.
    pub fn get(&self, len: usize, code: u32) -> Option<&str> {
        let len = u8::try_from(len).ok()?;
        self.map.get(&(len, code)).map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chars_and_ranges() {
        let m = ToUnicode::parse(
            b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n\
              /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
              1 begincodespacerange <0000> <FFFF> endcodespacerange\n\
              2 beginbfchar <0001> <0048> <0002> <00E9> endbfchar\n\
              2 beginbfrange <0003> <0004> <0061> <0010> <0011> [<0066006C> <D83DDE00>] endbfrange\n\
              endcmap end end",
        );
        assert_eq!(m.get(2, 1), Some("H"));
        assert_eq!(m.get(2, 2), Some("é"));
        assert_eq!(m.get(2, 4), Some("b"));
        assert_eq!(m.get(2, 0x10), Some("fl"));
        assert_eq!(m.get(2, 0x11), Some("😀"));
        assert_eq!(m.code_len(&[0, 1]), 2);
    }

    #[test]
    fn a_huge_range_is_bounded() {
        let m = ToUnicode::parse(b"1 beginbfrange <00000000> <FFFFFFFF> <0041> endbfrange");
        assert!(m.map.len() <= MAX_CODES);
        let m = ToUnicode::parse(b"beginbfchar <41> <0042> <4");
        assert_eq!(m.byte(0x41), Some("B"));
    }
}
