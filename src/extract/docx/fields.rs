//! Word field instructions: `HYPERLINK "url"`, and the citations reference managers store in
//! fields (Zotero `ADDIN ZOTERO_ITEM CSL_CITATION {json}`, Mendeley Desktop `ADDIN
//! CSL_CITATION {json}`) or in content controls (Mendeley Cite: a `w:sdt` tagged
//! `MENDELEY_CITATION_v3_` + base64 JSON). The JSON is CSL JSON: `citationItems[].itemData`.

use serde_json::Value;

use crate::cite::dates::{parse_date, PartialDate};
use crate::cite::doi::normalize_doi;
use crate::model::CitedFields;

/// One cited work of a reference manager's citation.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(super) struct CslItem {
    pub fields: CitedFields,
    /// The work's URL (CSL `URL`), when it is a web address.
    pub url: Option<String>,
}

impl CslItem {
    /// The links the item gives: its URL, then its DOI as a `https://doi.org/` link.
    pub fn links(&self) -> Vec<String> {
        let mut out: Vec<String> = self.url.iter().cloned().collect();
        if let Some(doi) = &self.fields.doi {
            let link = format!("https://doi.org/{doi}");
            if !out.contains(&link) {
                out.push(link);
            }
        }
        out
    }
}

/// What a field instruction does, as far as reflint cares.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum FieldKind {
    /// `HYPERLINK "https://…"`: a link to a web address.
    Hyperlink(String),
    /// A reference manager's citation: its items (at least one).
    Citation(Vec<CslItem>),
    /// Anything else (`PAGE`, `REF`, `NOTEREF`, an internal `HYPERLINK \l`, a bibliography).
    Other,
}

/// Reads a field instruction. `Err` says why a reference manager's citation could not be
/// read (a warning for the document).
pub(super) fn classify(instr: &str) -> Result<FieldKind, String> {
    let t = instr.trim_start();
    let (word, rest) = t.split_once(char::is_whitespace).unwrap_or((t, ""));
    if word.eq_ignore_ascii_case("HYPERLINK") {
        return Ok(hyperlink_target(rest).map_or(FieldKind::Other, FieldKind::Hyperlink));
    }
    if word.eq_ignore_ascii_case("ADDIN") {
        // Zotero: ADDIN ZOTERO_ITEM CSL_CITATION {…}; Mendeley Desktop: ADDIN CSL_CITATION {…}
        // or ADDIN Mendeley Citation{uuid} CSL_CITATION {…}; bibliographies are not citations
        let Some(at) = rest.find("CSL_CITATION") else {
            return Ok(FieldKind::Other);
        };
        let after = rest.get(at..).unwrap_or("");
        let Some(brace) = after.find('{') else {
            return Err("a reference manager's citation without its data".to_string());
        };
        return csl_citation(after.get(brace..).unwrap_or("")).map(FieldKind::Citation);
    }
    Ok(FieldKind::Other)
}

/// The web address of a `HYPERLINK` field's arguments: the first argument that is not a
/// switch (`\l "bookmark"`, `\o "tooltip"`, `\t "frame"` take one; `\m`, `\n` none). `None`
/// for a link inside the document, or to anything but a web address.
pub(super) fn hyperlink_target(args: &str) -> Option<String> {
    let mut tokens = FieldTokens { rest: args };
    while let Some((token, switch)) = tokens.next_token() {
        if switch {
            if matches!(token.to_ascii_lowercase().as_str(), "l" | "o" | "t") {
                tokens.next_token();
            }
            continue;
        }
        return web_address(&token);
    }
    None
}

/// A link target that is a web address (`http(s)://…`, `www.…`), trimmed; else `None`.
pub(super) fn web_address(target: &str) -> Option<String> {
    let t = target.trim();
    let lower = t.get(..8).unwrap_or(t).to_ascii_lowercase();
    let web = lower.starts_with("http://") || lower.starts_with("https://");
    (web || lower.starts_with("www.")).then(|| t.to_string())
}

/// The arguments of a field instruction: quoted (`"a b"`, `\"` a literal quote inside),
/// bare words, and switches (`\l`).
struct FieldTokens<'a> {
    rest: &'a str,
}

impl FieldTokens<'_> {
    /// The next token, and whether it is a switch (its letters, without the backslash).
    fn next_token(&mut self) -> Option<(String, bool)> {
        let s = self.rest.trim_start();
        if s.is_empty() {
            self.rest = s;
            return None;
        }
        if let Some(q) = s.strip_prefix(['"', '“', '”']) {
            let mut out = String::new();
            let mut chars = q.char_indices();
            let mut end = q.len();
            while let Some((i, c)) = chars.next() {
                match c {
                    '\\' => match chars.next() {
                        Some((_, n)) => out.push(n),
                        None => break,
                    },
                    '"' | '”' | '“' => {
                        end = i + c.len_utf8();
                        break;
                    }
                    _ => out.push(c),
                }
            }
            self.rest = q.get(end..).unwrap_or("");
            return Some((out, false));
        }
        let end = s.find(char::is_whitespace).unwrap_or(s.len());
        let word = s.get(..end).unwrap_or("");
        self.rest = s.get(end..).unwrap_or("");
        match word.strip_prefix('\\') {
            Some(sw) => Some((sw.to_string(), true)),
            None => Some((word.to_string(), false)),
        }
    }
}

/// The items of a CSL citation whose JSON starts `json` (anything after the JSON value is
/// ignored: the field may go on with switches or spaces).
pub(super) fn csl_citation(json: &str) -> Result<Vec<CslItem>, String> {
    let value = serde_json::Deserializer::from_str(json)
        .into_iter::<Value>()
        .next()
        .ok_or_else(|| "a reference manager's citation without its data".to_string())?
        .map_err(|e| format!("a reference manager's citation could not be read: {e}"))?;
    let items: Vec<CslItem> = value
        .get("citationItems")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|ci| ci.get("itemData"))
        .map(item_of)
        .collect();
    if items.is_empty() {
        return Err("a reference manager's citation names no work".to_string());
    }
    Ok(items)
}

/// A Mendeley Cite content control's tag (`MENDELEY_CITATION_v3_` + base64 CSL JSON): its
/// items; `None` for any other tag.
pub(super) fn mendeley_tag(tag: &str) -> Option<Result<Vec<CslItem>, String>> {
    let data = tag.strip_prefix("MENDELEY_CITATION_v3_")?;
    let Some(bytes) = base64_decode(data) else {
        return Some(Err("a Mendeley citation's data is not base64".to_string()));
    };
    let json = String::from_utf8_lossy(&bytes);
    Some(csl_citation(&json))
}

/// Standard base64 (padding optional, whitespace ignored); `None` on any other character.
fn base64_decode(s: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(s.len() / 4 * 3);
    let mut acc: u32 = 0;
    let mut bits = 0;
    for b in s.bytes() {
        let v = match b {
            b'A'..=b'Z' => b - b'A',
            b'a'..=b'z' => b - b'a' + 26,
            b'0'..=b'9' => b - b'0' + 52,
            b'+' | b'-' => 62,
            b'/' | b'_' => 63,
            b'=' | b' ' | b'\n' | b'\r' | b'\t' => continue,
            _ => return None,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push(((acc >> bits) & 0xFF) as u8);
        }
    }
    Some(out)
}

/// One CSL JSON item (`itemData`) as the fields reflint compares.
fn item_of(data: &Value) -> CslItem {
    let mut f = CitedFields {
        title: text_of(data.get("title")).map(|t| strip_tags(&t)),
        container: text_of(data.get("container-title")).map(|t| strip_tags(&t)),
        volume: text_of(data.get("volume")),
        issue: text_of(data.get("issue")),
        pages: text_of(data.get("page")),
        issued: date_of(data.get("issued")),
        accessed: date_of(data.get("accessed")),
        doi: text_of(data.get("DOI").or_else(|| data.get("doi"))).and_then(|d| normalize_doi(&d)),
        ..CitedFields::default()
    };
    f.authors = data
        .get("author")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(name_of)
        .collect();
    let url = text_of(data.get("URL").or_else(|| data.get("url"))).and_then(|u| web_address(&u));
    CslItem { fields: f, url }
}

/// A CSL string field: a string, a number, or (as some exporters write it) an array whose
/// first element is one. Empty strings are none.
fn text_of(v: Option<&Value>) -> Option<String> {
    let s = match v? {
        Value::String(s) => s.trim().to_string(),
        Value::Number(n) => n.to_string(),
        Value::Array(a) => return text_of(a.first()),
        _ => return None,
    };
    (!s.is_empty()).then_some(s)
}

/// `<i>A</i> <span style="…">b</span>` → `A b`: the rich text CSL allows in titles.
fn strip_tags(s: &str) -> String {
    if !s.contains('<') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(open) = rest.find('<') {
        out.push_str(rest.get(..open).unwrap_or(""));
        let after = rest.get(open..).unwrap_or("");
        let close = after.find('>');
        let tag = close.and_then(|c| after.get(1..c)).unwrap_or("");
        let is_tag = close.is_some()
            && tag
                .trim_start_matches('/')
                .starts_with(|c: char| c.is_ascii_alphabetic());
        if is_tag {
            rest = after.get(close.unwrap_or(0) + 1..).unwrap_or("");
        } else {
            out.push('<');
            rest = after.get(1..).unwrap_or("");
        }
    }
    out.push_str(rest);
    out
}

/// A CSL name: `given` (with its particles) then `family`, or `literal`.
fn name_of(v: &Value) -> Option<String> {
    if let Some(lit) = text_of(v.get("literal")) {
        return Some(lit);
    }
    let parts: Vec<String> = [
        "given",
        "dropping-particle",
        "non-dropping-particle",
        "family",
    ]
    .iter()
    .filter_map(|k| text_of(v.get(*k)))
    .collect();
    let mut name = parts.join(" ");
    if let Some(suffix) = text_of(v.get("suffix")) {
        name.push_str(", ");
        name.push_str(&suffix);
    }
    (!name.is_empty()).then_some(name)
}

/// A CSL date: `date-parts` (`[[2019, 3, 5]]`, numbers or strings), else `raw` or
/// `literal` read by the date grammar, else a plain string.
fn date_of(v: Option<&Value>) -> Option<PartialDate> {
    let v = v?;
    if let Value::String(s) = v {
        return parse_date(s);
    }
    let first = v
        .get("date-parts")
        .and_then(Value::as_array)
        .and_then(|a| a.first())
        .and_then(Value::as_array);
    if let Some(parts) = first {
        let num = |i: usize| -> Option<i64> {
            match parts.get(i)? {
                Value::Number(n) => n.as_i64(),
                Value::String(s) => s.trim().parse().ok(),
                _ => None,
            }
        };
        if let Some(y) = num(0).and_then(|y| i32::try_from(y).ok()) {
            let m = num(1).and_then(|m| u32::try_from(m).ok());
            let d = num(2).and_then(|d| u32::try_from(d).ok());
            return Some(match (m, d) {
                (Some(m), Some(d)) => PartialDate::day(y, m, d),
                (Some(m), None) => PartialDate::month(y, m),
                _ => PartialDate::year(y),
            });
        }
    }
    ["raw", "literal"]
        .iter()
        .find_map(|k| text_of(v.get(*k)).and_then(|s| parse_date(&s)))
}
