//! The registry's answer to a DOI's content negotiation: CSL JSON (the Citation Style
//! Language's data format), as Crossref, DataCite and mEDRA give it. Read by hand from a
//! `serde_json::Value`, leniently: a field of an unexpected shape is left out, never an error,
//! and no input makes it panic.
//!
//! Read: `title` (a string, or an array whose first non-empty string counts), with
//! `subtitle`, `original-title` and `short-title` as further forms of it; the years of
//! `issued`, `published-print` and `published-online` (`date-parts`, else `raw` or
//! `literal`; `published` stands in for a missing `issued`).

use std::sync::LazyLock;

use regex::Regex;
use serde_json::{Map, Value};

use super::Registered;

/// The most of a title kept (in characters): a real title is far shorter.
const MAX_TITLE: usize = 1000;

/// Markup in Crossref titles (`<i>`, `<sub>`, `<scp>`, MathML): dropped, its text kept.
static TAG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"</?[A-Za-z][A-Za-z0-9:-]*[^<>]{0,200}>").expect("constant regex")
});

/// Reads a CSL JSON answer: `None` when it is not a JSON object (or a one-item array of one),
/// e.g. a landing page or garbage.
pub fn parse_csl(body: &str) -> Option<Registered> {
    let v: Value = serde_json::from_str(body.trim_start_matches('\u{feff}')).ok()?;
    let item = match &v {
        Value::Array(items) => items.first()?,
        other => other,
    };
    let obj = item.as_object()?;
    let title = obj.get("title").and_then(text);
    let mut other_titles: Vec<String> = Vec::new();
    let mut add = |t: String| {
        if Some(&t) != title.as_ref() && !other_titles.contains(&t) {
            other_titles.push(t);
        }
    };
    if let (Some(t), Some(sub)) = (&title, obj.get("subtitle").and_then(text)) {
        add(format!("{t}: {sub}"));
    }
    for key in ["original-title", "short-title"] {
        if let Some(t) = obj.get(key).and_then(text) {
            add(t);
        }
    }
    let year = |key: &str| obj.get(key).and_then(year_of);
    Some(Registered {
        title,
        other_titles,
        issued: year("issued").or_else(|| year("published")),
        published_print: year("published-print"),
        published_online: year("published-online"),
    })
}

/// A text field: a string, or the first non-empty string of an array; markup and the
/// common entities undone, whitespace collapsed, at most [`MAX_TITLE`] characters.
fn text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => clean(s),
        Value::Array(items) => items.iter().find_map(|i| i.as_str().and_then(clean)),
        _ => None,
    }
}

fn clean(s: &str) -> Option<String> {
    let untagged = TAG.replace_all(s, "");
    let decoded = untagged
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&apos;", "'")
        .replace("&amp;", "&");
    let collapsed: String = decoded
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .take(MAX_TITLE)
        .collect();
    // the cut may fall just after a space
    let collapsed = collapsed.trim_end();
    (!collapsed.is_empty()).then(|| collapsed.to_string())
}

/// The year of a CSL date: `{"date-parts": [[2019, 3, 8]]}` (numbers or digit strings),
/// else the first four-digit year of `raw` or `literal` (or of a bare string).
fn year_of(v: &Value) -> Option<i32> {
    match v {
        Value::Object(o) => date_parts_year(o).or_else(|| {
            ["raw", "literal"]
                .iter()
                .find_map(|k| o.get(*k).and_then(Value::as_str).and_then(year_in))
        }),
        Value::String(s) => year_in(s),
        _ => None,
    }
}

fn date_parts_year(o: &Map<String, Value>) -> Option<i32> {
    let first = o
        .get("date-parts")?
        .as_array()?
        .first()?
        .as_array()?
        .first()?;
    let y = match first {
        Value::Number(n) => n
            .as_i64()
            .or_else(|| n.as_f64().filter(|f| f.fract() == 0.0).map(|f| f as i64))?,
        Value::String(s) => s.trim().parse::<i64>().ok()?,
        _ => return None,
    };
    plausible(y)
}

/// The first run of exactly four digits in `s`, as a year.
fn year_in(s: &str) -> Option<i32> {
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let run = bytes
            .get(i..)
            .map_or(0, |r| r.iter().take_while(|b| b.is_ascii_digit()).count());
        if run == 4 {
            return s.get(i..i + 4)?.parse::<i64>().ok().and_then(plausible);
        }
        i += run.max(1);
    }
    None
}

/// A year a publication can have.
fn plausible(y: i64) -> Option<i32> {
    i32::try_from(y).ok().filter(|y| (1000..=2999).contains(y))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_title_cut_after_a_space_is_trimmed() {
        let long = format!("{} tail", "x".repeat(MAX_TITLE - 1));
        let t = clean(&long).unwrap_or_default();
        assert_eq!(t.chars().count(), MAX_TITLE - 1);
        assert_eq!(t.trim(), t);
    }

    use proptest::prelude::*;

    #[test]
    fn a_crossref_answer() {
        let body = r#"{"type":"article-journal","title":"Deep <i>learning</i>  &amp; the\n brain",
            "subtitle":["A review"],"issued":{"date-parts":[[2015,5,27]]},
            "published-print":{"date-parts":[[2015,5,28]]},
            "published-online":{"date-parts":[["2015","5"]]},"DOI":"10.1038/nature14539"}"#;
        let r = parse_csl(body).expect("csl");
        assert_eq!(r.title.as_deref(), Some("Deep learning & the brain"));
        assert_eq!(r.other_titles, vec!["Deep learning & the brain: A review"]);
        assert_eq!(
            (r.issued, r.published_print, r.published_online),
            (Some(2015), Some(2015), Some(2015))
        );
    }

    #[test]
    fn titles_as_arrays_and_years_from_raw_text() {
        let r = parse_csl(r#"[{"title":["", "Second form"],"issued":{"raw":"Spring 2019"}}]"#)
            .expect("csl");
        assert_eq!(r.title.as_deref(), Some("Second form"));
        assert_eq!(r.issued, Some(2019));
        let r = parse_csl(r#"{"published":{"date-parts":[[2020.0]]},"original-title":"Titel"}"#)
            .expect("csl");
        assert_eq!(r.issued, Some(2020), "published stands in for issued");
        assert_eq!(r.title, None);
        assert_eq!(r.other_titles, vec!["Titel"]);
    }

    #[test]
    fn missing_and_odd_fields_are_left_out() {
        let r = parse_csl("{}").expect("an object");
        assert_eq!(r, Registered::default());
        let r = parse_csl(
            r#"{"title":42,"issued":{"date-parts":[[null]]},"published-print":{"date-parts":[]},
                "published-online":{"date-parts":[[99999]]}}"#,
        )
        .expect("an object");
        assert_eq!(r, Registered::default());
        assert_eq!(year_in("no year 12345 here 20190"), None);
        assert_eq!(year_in("c. 1998–2001"), Some(1998));
    }

    #[test]
    fn garbage_is_no_answer() {
        for body in [
            "",
            "not json",
            "<html><title>x</title></html>",
            "[]",
            "[1]",
            "\"s\"",
            "3",
        ] {
            assert_eq!(parse_csl(body), None, "{body}");
        }
    }

    fn json() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(Value::from),
            any::<f64>().prop_map(Value::from),
            ".{0,12}".prop_map(Value::String),
        ];
        leaf.prop_recursive(4, 48, 6, |inner| {
            let keys = prop_oneof![
                Just("title".to_string()),
                Just("subtitle".to_string()),
                Just("issued".to_string()),
                Just("published-print".to_string()),
                Just("date-parts".to_string()),
                Just("raw".to_string()),
                "[a-z-]{1,8}",
            ];
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
                prop::collection::vec((keys, inner), 0..5)
                    .prop_map(|kv| Value::Object(kv.into_iter().collect())),
            ]
        })
    }

    proptest! {
        #[test]
        fn any_json_is_read_without_panic(v in json()) {
            if let Some(r) = parse_csl(&v.to_string()) {
                for y in [r.issued, r.published_print, r.published_online].into_iter().flatten() {
                    prop_assert!((1000..=2999).contains(&y));
                }
                for t in r.title.iter().chain(&r.other_titles) {
                    prop_assert!(!t.is_empty() && t.chars().count() <= MAX_TITLE * 2 + 2);
                }
            }
        }

        #[test]
        fn any_bytes_are_read_without_panic(b in prop::collection::vec(any::<u8>(), 0..256)) {
            let _ = parse_csl(&String::from_utf8_lossy(&b));
        }
    }
}
