//! A BibTeX entry as a note: its fields read into [`CitedFields`], its links, and a readable
//! rendering of it ("Author, “Title,” *Journal* 12, no. 3 (2020): 4–5, URL").

use crate::cite::dates::{month_of_name, parse_date, PartialDate};
use crate::extract::prose::collapse_ws;
use crate::extract::urls::{clean_url, url_problem};
use crate::model::{CitedFields, FileId, LineIndex, NoteDef, UrlRef};

use super::bib::Entry;
use super::render::{render, Mode};

/// A field's value as plain text.
pub(crate) fn field_text(value: &str) -> String {
    collapse_ws(&render(value, 0..value.len(), Mode::Field, &|_| None).text)
}

/// The entry types whose title is a whole work, set in italics.
const WHOLE_WORKS: &[&str] = &[
    "book",
    "mvbook",
    "booklet",
    "report",
    "techreport",
    "thesis",
    "phdthesis",
    "mastersthesis",
    "manual",
    "proceedings",
    "mvproceedings",
    "collection",
    "mvcollection",
    "reference",
    "periodical",
];

/// An entry read: its note, and the short form a `\cite` inside a footnote stands for.
pub(crate) struct EntryNote {
    pub note: NoteDef,
    pub short: String,
}

/// Reads one entry of a file whose positions `idx` gives (entries asked for in order).
pub(crate) fn entry_note(e: &Entry, idx: &mut LineIndex, file: Option<FileId>) -> EntryNote {
    let text = |name: &str| {
        e.get(name)
            .map(|f| field_text(&f.value))
            .filter(|t| !t.is_empty())
    };
    let mut c = CitedFields {
        title: text("title"),
        authors: names(
            e.get("author")
                .or_else(|| e.get("editor"))
                .map_or("", |f| f.value.as_str()),
        ),
        ..CitedFields::default()
    };
    let container_field = [
        "journal",
        "journaltitle",
        "booktitle",
        "maintitle",
        "publisher",
        "howpublished",
        "organization",
        "institution",
        "school",
    ]
    .into_iter()
    .find_map(|n| {
        text(n)
            .filter(|t| !t.contains("http://") && !t.contains("https://"))
            .map(|t| (n, t))
    });
    c.container = container_field.as_ref().map(|(_, t)| t.clone());
    c.volume = text("volume");
    c.issue = text("number").or_else(|| text("issue"));
    c.pages = text("pages");
    c.issued = issued(e);
    c.accessed = text("urldate").and_then(|d| parse_date(first_of_range(&d)));
    c.doi = e
        .get("doi")
        .map(|f| raw(&f.value))
        .map(|d| {
            let lower = d.to_ascii_lowercase();
            [
                "https://doi.org/",
                "http://doi.org/",
                "https://dx.doi.org/",
                "http://dx.doi.org/",
                "doi:",
            ]
            .iter()
            .find(|p| lower.starts_with(*p))
            .map_or(d.clone(), |p| d.get(p.len()..).unwrap_or("").to_string())
        })
        .filter(|d| !d.is_empty());

    // links: the url field, then links written in the note-like fields
    let mut urls: Vec<UrlRef> = Vec::new();
    let mut add = |raw_url: &str, at: usize, idx: &mut LineIndex| {
        if let Some(url) = clean_url(raw_url) {
            if !urls.iter().any(|u| u.url == url) {
                let problem = url_problem(&url);
                urls.push(UrlRef {
                    url,
                    pos: idx.pos_in(at, file),
                    problem,
                });
            }
        }
    };
    let pos = idx.pos_in(e.at, file);
    let mut fields: Vec<&super::bib::Field> = e.fields.iter().collect();
    fields.sort_by_key(|f| f.at);
    for f in fields {
        match f.name.as_str() {
            "url" => add(&raw(&f.value), f.at, idx),
            "note" | "howpublished" | "addendum" => {
                for (u, _) in render(&f.value, 0..f.value.len(), Mode::Field, &|_| None).urls {
                    add(&u, f.at, idx);
                }
            }
            _ => {}
        }
    }
    let full = rendering(e, &c, &urls, text("urldate"), text("note"), true);
    let short = rendering(e, &c, &[], None, None, false);
    EntryNote {
        note: NoteDef {
            label: e.key.clone(),
            pos,
            text: full,
            urls,
            cited: Some(Box::new(c)),
        },
        short,
    }
}

/// A verbatim field (`url`, `doi`): braces dropped, TeX escapes of URL characters undone.
fn raw(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars().peekable();
    while let Some(ch) = chars.next() {
        match ch {
            '{' | '}' => {}
            '\\' if chars.peek().is_some_and(|n| "_%&#$~".contains(*n)) => {
                if let Some(n) = chars.next() {
                    out.push(n);
                }
            }
            c if c.is_whitespace() => {}
            c => out.push(c),
        }
    }
    out
}

/// The first date of a range (`2020/2021`, `2020-05-01/2020-05-03`).
fn first_of_range(d: &str) -> &str {
    d.split('/').next().unwrap_or(d).trim()
}

/// The publication date: biblatex's `date`, else `year` with `month` and `day`.
fn issued(e: &Entry) -> Option<PartialDate> {
    if let Some(d) = e.get("date").map(|f| field_text(&f.value)) {
        if let Some(p) = parse_date(first_of_range(&d)) {
            return Some(p);
        }
    }
    let year_text = e.get("year").map(|f| field_text(&f.value))?;
    let digits: String = year_text
        .chars()
        .skip_while(|c| !c.is_ascii_digit())
        .take_while(char::is_ascii_digit)
        .collect();
    if digits.len() != 4 {
        return None;
    }
    let year: i32 = digits.parse().ok()?;
    let month = e.get("month").map(|f| field_text(&f.value)).and_then(|m| {
        let m = m.trim().trim_end_matches('.');
        m.parse::<u32>().ok().or_else(|| {
            let mut w = m.to_string();
            if let Some(first) = w.get_mut(..1) {
                first.make_ascii_uppercase();
            }
            month_of_name(&w)
        })
    });
    let day = e
        .get("day")
        .and_then(|f| field_text(&f.value).trim().parse::<u32>().ok());
    Some(match (month, day) {
        (Some(m), Some(d)) => PartialDate::day(year, m, d),
        (Some(m), None) => PartialDate::month(year, m),
        _ => PartialDate::year(year),
    })
}

/// BibTeX names (`Last, First and First Last and {Org Name} and others`) as people write
/// them ("First Last"); `others` dropped.
pub(crate) fn names(value: &str) -> Vec<String> {
    let mut out = Vec::new();
    for part in split_and(value) {
        let name = part.trim();
        if name.is_empty() || name == "others" {
            continue;
        }
        let pieces: Vec<&str> = split_top(name, ',');
        let written = match pieces.as_slice() {
            [last, first] => format!("{} {}", first.trim(), last.trim()),
            [last, jr, first] => format!("{} {}, {}", first.trim(), last.trim(), jr.trim()),
            _ => name.to_string(),
        };
        let t = field_text(&written);
        if !t.is_empty() {
            out.push(t);
        }
    }
    out
}

/// `s` split at top-level (outside braces) occurrences of `sep`.
fn split_top(s: &str, sep: char) -> Vec<&str> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut from = 0;
    for (i, c) in s.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth = depth.saturating_sub(1),
            c if c == sep && depth == 0 => {
                out.push(s.get(from..i).unwrap_or(""));
                from = i + c.len_utf8();
            }
            _ => {}
        }
    }
    out.push(s.get(from..).unwrap_or(""));
    out
}

/// A name list split at its top-level ` and `s.
fn split_and(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut from = 0;
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b.get(i) {
            Some(b'{') => depth += 1,
            Some(b'}') => depth = depth.saturating_sub(1),
            Some(c) if c.is_ascii_whitespace() && depth == 0 => {
                let rest = b.get(i + 1..).unwrap_or(&[]);
                if rest.len() > 4
                    && rest
                        .get(..3)
                        .is_some_and(|w| w.eq_ignore_ascii_case(b"and"))
                    && rest.get(3).is_some_and(u8::is_ascii_whitespace)
                {
                    out.push(s.get(from..i).unwrap_or(""));
                    from = i + 5;
                    i += 5;
                    continue;
                }
            }
            _ => {}
        }
        i += 1;
    }
    out.push(s.get(from..).unwrap_or(""));
    out
}

/// The authors as a sentence writes them: "A", "A and B", "A, B, and C".
fn authors_text(a: &[String]) -> String {
    match a {
        [] => String::new(),
        [one] => one.clone(),
        [x, y] => format!("{x} and {y}"),
        [rest @ .., last] => format!("{}, and {last}", rest.join(", ")),
    }
}

/// The entry as a note reads: Chicago's shape, which the citation reader knows best.
fn rendering(
    e: &Entry,
    c: &CitedFields,
    urls: &[UrlRef],
    urldate: Option<String>,
    note: Option<String>,
    full: bool,
) -> String {
    let mut out = authors_text(&c.authors);
    let whole = WHOLE_WORKS.contains(&e.kind.as_str());
    let date = e
        .get("date")
        .map(|f| field_text(&f.value))
        .filter(|d| !d.is_empty())
        .or_else(|| {
            let year = e.get("year").map(|f| field_text(&f.value))?;
            let month = e.get("month").map(|f| field_text(&f.value));
            let day = e.get("day").map(|f| field_text(&f.value));
            Some(match (month, day) {
                (Some(m), Some(d)) => format!("{m} {d}, {year}"),
                (Some(m), None) => format!("{m} {year}"),
                _ => year,
            })
        });
    let sep = |out: &mut String| {
        if !out.is_empty() && !out.ends_with([' ', '(']) {
            out.push_str(", ");
        }
    };
    if let Some(t) = &c.title {
        sep(&mut out);
        if whole {
            out.push_str(&format!("*{t}*"));
        } else {
            out.push_str(&format!("“{t},”"));
        }
    }
    if let Some(cont) = &c.container {
        if out.ends_with('”') {
            out.push(' ');
        } else {
            sep(&mut out);
        }
        if whole {
            while out.ends_with([',', ' ']) {
                out.pop();
            }
            out.push_str(&format!(" ({cont}"));
            if let Some(d) = &date {
                out.push_str(&format!(", {d}"));
            }
            out.push(')');
        } else {
            out.push_str(&format!("*{cont}*"));
            if let Some(v) = &c.volume {
                out.push_str(&format!(" {v}"));
            }
            if let Some(n) = &c.issue {
                out.push_str(&format!(", no. {n}"));
            }
            if let Some(d) = &date {
                out.push_str(&format!(" ({d})"));
            }
        }
    } else if let Some(d) = &date {
        if out.ends_with('”') {
            out.push(' ');
        } else {
            sep(&mut out);
        }
        out.push_str(d);
    }
    if let Some(p) = &c.pages {
        out.push_str(&format!(": {p}"));
    }
    if full {
        for u in urls {
            sep(&mut out);
            out.push_str(&u.url);
        }
        if let Some(d) = urldate {
            sep(&mut out);
            out.push_str(&format!("accessed {d}"));
        }
        if let Some(d) = &c.doi {
            sep(&mut out);
            out.push_str(&format!("doi:{d}"));
        }
    }
    let mut out = out.trim_end_matches([',', ' ']).to_string();
    if out.is_empty() {
        out = e.key.clone();
    }
    // the short form stands inside a note's sentence, which has its own stop
    if full && !out.ends_with('.') {
        out.push('.');
    }
    if let Some(n) = note.filter(|_| full) {
        out.push(' ');
        out.push_str(&n);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::latex::bib::parse;

    fn one(src: &str) -> EntryNote {
        let bib = parse(src);
        let mut idx = LineIndex::new(src);
        match bib.entries.first() {
            Some(e) => entry_note(e, &mut idx, None),
            None => panic!("no entry in {src}"),
        }
    }

    #[test]
    fn an_article_reads_as_a_note() {
        let n = one("@article{k,\n author = {Smith, John and Jane Doe and Roe, Jr., Al},\n title = {The {DNA} of Hats},\n journaltitle = {Hat Studies},\n volume = 12, number = {3}, pages = {45--67},\n date = {2020-05-03},\n url = {https://example.org/a\\_b},\n urldate = {2021-01-02},\n doi = {https://doi.org/10.1000/XYZ},\n}");
        let c = n.note.cited.as_deref().cloned().unwrap_or_default();
        assert_eq!(c.authors, ["John Smith", "Jane Doe", "Al Roe, Jr."]);
        assert_eq!(c.title.as_deref(), Some("The DNA of Hats"));
        assert_eq!(c.container.as_deref(), Some("Hat Studies"));
        assert_eq!(c.pages.as_deref(), Some("45–67"));
        assert_eq!(c.issued, Some(PartialDate::day(2020, 5, 3)));
        assert_eq!(c.accessed, Some(PartialDate::day(2021, 1, 2)));
        assert_eq!(c.doi.as_deref(), Some("10.1000/XYZ"));
        let urls: Vec<&str> = n.note.urls.iter().map(|u| u.url.as_str()).collect();
        assert_eq!(urls, ["https://example.org/a_b"]);
        assert_eq!(n.note.urls[0].pos.line, 7);
        assert_eq!(n.note.text, "John Smith, Jane Doe, and Al Roe, Jr., “The DNA of Hats,” *Hat Studies* 12, no. 3 (2020-05-03): 45–67, https://example.org/a_b, accessed 2021-01-02, doi:10.1000/XYZ.");
        assert_eq!(n.short, "John Smith, Jane Doe, and Al Roe, Jr., “The DNA of Hats,” *Hat Studies* 12, no. 3 (2020-05-03): 45–67");
    }

    #[test]
    fn year_and_month_a_book_and_a_url_in_a_note() {
        let n = one("@book{b, author = {{World Health Organization}}, title = {Report}, publisher = {WHO Press}, year = {2019}, month = sep, note = {Available at \\url{https://who.int/r}}}");
        let c = n.note.cited.as_deref().cloned().unwrap_or_default();
        assert_eq!(c.authors, ["World Health Organization"]);
        assert_eq!(c.issued, Some(PartialDate::month(2019, 9)));
        assert_eq!(
            n.note.urls.first().map(|u| u.url.as_str()),
            Some("https://who.int/r")
        );
        assert_eq!(n.note.text, "World Health Organization, *Report* (WHO Press, September 2019), https://who.int/r. Available at https://who.int/r");
        let empty = one("@misc{bare}");
        assert_eq!(empty.note.text, "bare.");
        assert_eq!(empty.short, "bare");
    }
}
