//! The raw source scan: where each `<a href>` and each `id=` / `name=` tag starts, since the
//! DOM (scraper) gives no source positions. Written by hand: a tokenizer that reports byte
//! offsets is all that is needed, and html5ever does not expose them.

use std::collections::HashMap;

pub(super) struct RawTags {
    /// `href` value of each `<a>` → start offsets of those tags, in source order.
    pub(super) hrefs: HashMap<String, Vec<usize>>,
    /// `id` value → start offset of the first tag carrying it.
    pub(super) ids: HashMap<String, usize>,
    /// `name` value of an `<a>` → start offset of the first such tag.
    pub(super) names: HashMap<String, usize>,
}

impl RawTags {
    /// Scans `text` (the document after any front matter, which starts at `base` in the
    /// file) for start tags, skipping comments, scripts and styles.
    pub(super) fn scan(text: &str, base: usize) -> RawTags {
        let mut out = RawTags {
            hrefs: HashMap::new(),
            ids: HashMap::new(),
            names: HashMap::new(),
        };
        let b = text.as_bytes();
        let mut i = 0;
        while let Some(lt) = memchr::memchr(b'<', b.get(i..).unwrap_or(&[])) {
            let start = i + lt;
            let rest = b.get(start..).unwrap_or(&[]);
            if rest.starts_with(b"<!--") {
                i = memchr::memmem::find(rest, b"-->").map_or(b.len(), |e| start + e + 3);
                continue;
            }
            if rest.starts_with(b"<!") || rest.starts_with(b"<?") {
                i = memchr::memchr(b'>', rest).map_or(b.len(), |e| start + e + 1);
                continue;
            }
            if !rest.get(1).is_some_and(u8::is_ascii_alphabetic) {
                i = start + 1;
                continue;
            }
            let (tag, attrs, end) = parse_tag(text, start);
            i = end.max(start + 1);
            for (name, value) in attrs {
                let value = decode_entities(&value);
                match name.as_str() {
                    "href" if tag == "a" => {
                        out.hrefs.entry(value).or_default().push(base + start);
                    }
                    "id" => {
                        out.ids.entry(value).or_insert(base + start);
                    }
                    "name" if tag == "a" => {
                        out.names.entry(value).or_insert(base + start);
                    }
                    _ => {}
                }
            }
            if tag == "script" || tag == "style" {
                let close = format!("</{tag}");
                let lower_rest = text.get(i..).unwrap_or("");
                i = find_ascii_ci(lower_rest, &close).map_or(b.len(), |e| i + e);
            }
        }
        out
    }

    /// The start of the `k`-th (0-based) `<a>` whose href is `href`, else of its last one.
    pub(super) fn href_offset(&self, href: &str, k: usize) -> Option<usize> {
        let v = self.hrefs.get(href)?;
        v.get(k).or(v.last()).copied()
    }
}

/// Case-insensitive find of an ASCII needle.
fn find_ascii_ci(hay: &str, needle: &str) -> Option<usize> {
    let n = needle.as_bytes();
    let h = hay.as_bytes();
    if n.is_empty() || h.len() < n.len() {
        return None;
    }
    (0..=h.len() - n.len()).find(|&i| {
        h.get(i..i + n.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(n))
    })
}

/// Parses the start tag at `start` (`<name attr=value ...>`): lowercased name, attributes
/// (lowercased names, raw values) and the offset after the tag.
fn parse_tag(text: &str, start: usize) -> (String, Vec<(String, String)>, usize) {
    let b = text.as_bytes();
    let mut i = start + 1;
    let name_start = i;
    while b
        .get(i)
        .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'-' || *c == b':')
    {
        i += 1;
    }
    let tag = text.get(name_start..i).unwrap_or("").to_ascii_lowercase();
    let mut attrs = Vec::new();
    loop {
        while b
            .get(i)
            .is_some_and(|c| c.is_ascii_whitespace() || *c == b'/')
        {
            i += 1;
        }
        match b.get(i) {
            None => return (tag, attrs, i),
            Some(b'>') => return (tag, attrs, i + 1),
            Some(b'<') => return (tag, attrs, i),
            _ => {}
        }
        let an_start = i;
        while b
            .get(i)
            .is_some_and(|c| !c.is_ascii_whitespace() && !matches!(c, b'=' | b'>' | b'/' | b'<'))
        {
            i += 1;
        }
        if i == an_start {
            i += 1;
            continue;
        }
        let aname = text.get(an_start..i).unwrap_or("").to_ascii_lowercase();
        let mut j = i;
        while b.get(j).is_some_and(u8::is_ascii_whitespace) {
            j += 1;
        }
        if b.get(j) != Some(&b'=') {
            attrs.push((aname, String::new()));
            continue;
        }
        j += 1;
        while b.get(j).is_some_and(u8::is_ascii_whitespace) {
            j += 1;
        }
        let value = match b.get(j) {
            Some(&q) if q == b'"' || q == b'\'' => {
                let vs = j + 1;
                let ve = memchr::memchr(q, b.get(vs..).unwrap_or(&[])).map_or(b.len(), |e| vs + e);
                i = (ve + 1).min(b.len());
                text.get(vs..ve).unwrap_or("")
            }
            _ => {
                let vs = j;
                let mut ve = j;
                while b
                    .get(ve)
                    .is_some_and(|c| !c.is_ascii_whitespace() && *c != b'>')
                {
                    ve += 1;
                }
                i = ve;
                text.get(vs..ve).unwrap_or("")
            }
        };
        attrs.push((aname, value.to_string()));
    }
}

/// Decodes the character references an attribute value may hold.
pub(super) fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(rest.get(..amp).unwrap_or(""));
        let after = rest.get(amp + 1..).unwrap_or("");
        let semi = after.find(';').filter(|&e| e <= 10);
        let decoded = semi.and_then(|e| {
            let ent = after.get(..e)?;
            let c = match ent {
                "amp" => '&',
                "lt" => '<',
                "gt" => '>',
                "quot" => '"',
                "apos" => '\'',
                "nbsp" => '\u{a0}',
                _ => {
                    let num = ent.strip_prefix('#')?;
                    let n = match num.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                        None => num.parse().ok()?,
                    };
                    char::from_u32(n)?
                }
            };
            Some((c, e))
        });
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = after.get(e + 1..).unwrap_or("");
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}
