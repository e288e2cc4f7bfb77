//! Reading a note's text into citation fields: title, authors, source, volume/issue/pages,
//! publication date (kept apart from the access date) and URLs; and resolving short forms
//! ("Ibid.", a repeated title alone, "Author, op. cit.") to the earlier full citation.
//!
//! Written by hand: citation parsers on crates.io read BibTeX/CSL, not the free-text notes of
//! real documents; the shapes handled here are Chicago-style notes and their common variants.

mod container;
pub mod dates;
pub mod doi;
mod fields;
#[cfg(test)]
mod tests_styles;

use rustc_hash::FxHashMap as HashMap;
use std::sync::LazyLock;

use regex::Regex;
use serde::Serialize;

use crate::model::{CitedFields, Document, NoteDef, Pos, UrlRef};
use dates::{find_dates, FoundDate, PartialDate};
use fields::trim_field;

/// What kind of citation a note holds, which decides what it needs to be found again.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// A news or magazine piece: title and outlet.
    News,
    /// A journal article: outlet with volume, issue or pages.
    Journal,
    /// A web page cited by its link (title + URL, no outlet named).
    Web,
    /// A book or report named in italics.
    Book,
    /// A short form ("Ibid.", a repeated title, "op. cit.").
    Short,
    /// Commentary or an interview: no title, no link; nothing to look up.
    Other,
}

/// A note read into citation fields.
#[derive(Clone, Debug, Serialize)]
pub struct Reference {
    pub label: String,
    /// The file the note is defined in when it is not the document's own (a `.bib` entry,
    /// a footnote in an `\input` file).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<crate::model::FileId>,
    pub line: usize,
    pub column: usize,
    pub text: String,
    pub title: Option<String>,
    pub authors: Vec<String>,
    pub source: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub volume: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub issue: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pages: Option<String>,
    /// The cited publication date, never an access date.
    pub date: Option<PartialDate>,
    pub accessed: Option<PartialDate>,
    #[serde(serialize_with = "ser_urls")]
    pub urls: Vec<UrlRef>,
    pub markers: Vec<Pos>,
    pub same_as: Option<String>,
    pub kind: Kind,
    /// Dates written in the note that cannot exist (February 30), for `date-invalid`.
    #[serde(skip)]
    pub invalid_dates: Vec<PartialDate>,
    /// Index (in the document's references) of the note `same_as` names.
    #[serde(skip)]
    pub same_as_index: Option<usize>,
    /// The title normalised for comparison ([`normalize_title`]), for `citation-conflict`;
    /// emptied once the offline rules have run ([`Reference::release_offline`]).
    #[serde(skip)]
    pub title_key: Option<String>,
    /// The note begins "Ibid;" and then cites more: it also stands for the previous note.
    #[serde(skip)]
    pub also_previous: bool,
    /// Every valid publication date written in the note (a note may cite several sources).
    #[serde(skip)]
    pub all_dates: Vec<PartialDate>,
    /// For each URL, the publication date written in the same citation (a note may hold
    /// several citations: each URL is compared with the date just before it).
    #[serde(skip)]
    pub url_dates: Vec<Option<PartialDate>>,
    /// The sentences carrying this note's markers (for `date-after-claim`); emptied once
    /// the offline rules have run ([`Reference::release_offline`]).
    #[serde(skip)]
    pub contexts: Vec<String>,
    /// The DOI the citation gives (bare, `10.1000/xyz`), from its structured record or its
    /// text (`doi:10.…`, `https://doi.org/10.…`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub doi: Option<String>,
}

fn ser_urls<S: serde::Serializer>(urls: &[UrlRef], s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(urls.iter().map(|u| u.url.as_str()))
}

impl Reference {
    pub fn pos(&self) -> Pos {
        Pos::new(self.line, self.column).in_file(self.file)
    }
}

static ITALIC: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\*([^*]{2,}?)\*").expect("constant regex"));
static VOLUME: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)(?-u:\b)vol(?:ume)?\.?\s*(\d+)").expect("constant regex"));
static ISSUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:no|issue|iss)\.?\s*(\d+)(?-u:\b)(?:/\d{4})?")
        .expect("constant regex")
});
static PAGES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)pp?\.\s*(\d+(?:\s*[-–]\s*\d+)?)").expect("constant regex")
});
static IDENTIFIER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:ID|No\.|Number|Doc\.|Document|Report)\s*:?\s*[A-Z]*\d")
        .expect("constant regex")
});
static IBID: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\W*(?:ibid|ibidem|i bid|id)(?-u:\b)\.?").expect("constant regex")
});
static OP_CIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^([^,“”\x22]{2,60}),\s*(?:op\.?\s*cit|loc\.?\s*cit)(?-u:\b)")
        .expect("constant regex")
});

/// Lower-cases and strips punctuation so that titles compare as words.
pub fn normalize_title(t: &str) -> String {
    let mut out = String::with_capacity(t.len());
    for w in t
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(
            w.chars()
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_lowercase),
        );
    }
    out
}

/// Reads one note.
pub fn parse_note(note: &NoteDef) -> Reference {
    let mut r = parse_text(note);
    if let Some(cited) = note.cited.as_deref() {
        apply_cited(&mut r, cited);
    }
    if r.doi.is_none() {
        r.doi = doi::find_doi(&note.text);
    }
    r
}

/// A structured source's fields (CSL JSON, BibTeX) over what the note's text gave: the
/// reference manager's record is what the author meant to cite.
fn apply_cited(r: &mut Reference, c: &CitedFields) {
    let set = |field: &mut Option<String>, v: &Option<String>| {
        if let Some(v) = v.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
            *field = Some(v.to_string());
        }
    };
    set(&mut r.title, &c.title);
    set(&mut r.source, &c.container);
    set(&mut r.volume, &c.volume);
    set(&mut r.issue, &c.issue);
    set(&mut r.pages, &c.pages);
    if !c.authors.is_empty() {
        r.authors.clone_from(&c.authors);
    }
    if let Some(d) = c.issued.filter(PartialDate::is_valid) {
        r.date = Some(d);
        if !r.all_dates.contains(&d) {
            r.all_dates.push(d);
        }
        // the record's URL and date belong to one citation
        for slot in &mut r.url_dates {
            *slot = Some(d);
        }
    }
    if let Some(d) = c.accessed.filter(PartialDate::is_valid) {
        r.accessed = Some(d);
    }
    if let Some(doi) = c.doi.as_deref().and_then(doi::normalize_doi) {
        r.doi = Some(doi);
    }
    r.title_key = r.title.as_deref().map(normalize_title);
    // the text's rule for a journal article, on the record's fields: a volume, an issue, or
    // pages of a named outlet without a link
    let journal = r.volume.is_some()
        || r.issue.is_some()
        || (r.pages.is_some() && r.source.is_some() && r.urls.is_empty());
    if r.kind == Kind::News && journal {
        r.kind = Kind::Journal;
    }
    if r.kind == Kind::Other || r.kind == Kind::Web {
        r.kind = if r.volume.is_some() || r.issue.is_some() {
            Kind::Journal
        } else if r.title.is_some() && r.source.is_some() && r.urls.is_empty() {
            Kind::Book
        } else {
            r.kind
        };
    }
}

/// The citation as the note's text writes it.
fn parse_text(note: &NoteDef) -> Reference {
    let text = note.text.as_str();
    let mut r = Reference {
        label: note.label.clone(),
        file: note.pos.file,
        line: note.pos.line,
        column: note.pos.column,
        text: text.to_string(),
        title: None,
        authors: Vec::new(),
        source: None,
        volume: None,
        issue: None,
        pages: None,
        date: None,
        accessed: None,
        urls: note.urls.clone(),
        markers: Vec::new(),
        same_as: None,
        kind: Kind::Other,
        invalid_dates: Vec::new(),
        same_as_index: None,
        title_key: None,
        also_previous: false,
        all_dates: Vec::new(),
        url_dates: Vec::new(),
        contexts: Vec::new(),
        doi: None,
    };
    if let Some(m) = IBID.find(text) {
        // "Ibid." alone, or "Ibid., 45."; "Ibid; Andrew Jones, “…,” …" adds a citation
        let rest = text.get(m.end()..).unwrap_or("");
        if !rest.contains(['“', '"']) && note.urls.is_empty() {
            r.kind = Kind::Short;
            return r;
        }
        r.also_previous = true;
    }
    // the prose without its URLs (blanked, so that offsets stay those of `text`)
    let mut prose = text.replace(['<', '>'], " ");
    let mut url_spans = Vec::with_capacity(note.urls.len());
    let mut from = 0;
    for u in &note.urls {
        if let Some(at) = prose
            .get(from..)
            .and_then(|t| t.find(u.url.as_str()))
            .map(|i| i + from)
        {
            prose.replace_range(at..at + u.url.len(), &" ".repeat(u.url.len()));
            url_spans.push(Some((at, at + u.url.len())));
            from = at + u.url.len();
        } else {
            url_spans.push(None);
        }
    }
    let found = find_dates(&prose);
    // the first citation of the note: its fields are read there
    let cite = fields::first_citation(text, &prose, &url_spans, &found);
    let (cs, ce) = (cite.start, cite.end.max(cite.start));
    let part = prose.get(cs..ce).unwrap_or("");
    let has = |needle: &str| prose.contains(needle);
    let italics: Vec<(usize, usize, String)> = (if part.contains('*') {
        ITALIC.captures_iter(part).collect()
    } else {
        Vec::new()
    })
    .into_iter()
    .filter_map(|c| {
        let all = c.get(0)?;
        let inner = trim_field(c.get(1)?.as_str());
        (!inner.is_empty()).then(|| (cs + all.start(), cs + all.end(), inner.to_string()))
    })
    .collect();
    // title: quoted, else in italics, else unquoted (author-date, book with its publisher in
    // parentheses, a link's words); its span splits authors (before) from the outlet (after)
    let mut form = Form::None;
    let mut title_span = None;
    let mut author_text = "";
    if let Some((start, end, inner)) = fields::first_quoted(part) {
        let t = trim_field(inner);
        if !t.is_empty() {
            r.title = Some(t.to_string());
            title_span = Some((cs + start, cs + end));
            author_text = part.get(..start).unwrap_or("");
            form = Form::Quoted;
        }
    }
    if form == Form::None {
        if let Some((start, end, t)) = italics.first() {
            // a book or report title in italics; what follows may name the publisher
            r.title = Some(t.clone());
            title_span = Some((*start, *end));
            let raw_before = prose.get(cs..*start).unwrap_or("").trim();
            let before = trim_field(raw_before);
            if raw_before.ends_with(':') && !before.is_empty() && before.len() <= 60 {
                // "Wikipedia: *Mass Surveillance*"
                r.source = Some(before.to_string());
            } else {
                author_text = raw_before;
            }
            form = Form::Italic;
        }
    }
    if form == Form::None {
        form = unquoted_title(&mut r, part, cs, &found, &mut title_span, &mut author_text);
    }
    if form == Form::None && !note.urls.is_empty() {
        // a link note: its words are the page's title
        let t = trim_field(part);
        if !t.is_empty() && t.chars().count() <= 300 {
            r.title = Some(t.split_whitespace().collect::<Vec<_>>().join(" "));
            title_span = Some((cs, ce));
            form = Form::Link;
        }
    }
    let before = trim_field(author_text);
    if r.authors.is_empty() && !before.is_empty() && before.len() <= 150 {
        r.authors = split_authors(before.split(['(', '（']).next().unwrap_or(""));
    }
    if let Some((_, end)) = title_span.filter(|_| r.source.is_none() && form != Form::Link) {
        // source: an italic span after the title, else what the style puts after it
        if let Some((_, _, s)) = italics.iter().find(|(s, _, _)| *s >= end) {
            r.source = Some(s.clone());
        } else if end < ce {
            let after = fields::after_title(prose.get(end..ce).unwrap_or(""));
            r.source = after.outlet;
            r.volume = after.volume;
            r.pages = after.pages;
        }
    }
    if r.source.is_none() && r.title.is_some() && (!note.urls.is_empty() || !found.is_empty()) {
        // "European Commission, ‘Cars and Vans’, URL": an organisation publishing its own page
        r.source = fields::issuer(before);
    }
    let after_title = title_span.map_or(cs, |(_, e)| e);
    // cheap byte checks first: most notes have no volume, issue or pages
    let lower_has = |a: &str, b: &str| has(a) || has(b);
    let group1 = |re: &Regex, t: &str| {
        re.captures(t)
            .and_then(|c| c.get(1))
            .map(|m| m.as_str().to_string())
    };
    if r.volume.is_none() && lower_has("ol", "OL") {
        r.volume = group1(&VOLUME, &prose);
    }
    if lower_has("o", "ssue") {
        r.issue = group1(&ISSUE, prose.get(after_title..).unwrap_or(""));
    }
    if r.pages.is_none() && has("p.") {
        r.pages = group1(&PAGES, &prose);
    }

    // dates: the publication date is the most precise valid, non-access date of the first
    // citation outside its title; every valid publication date of the note is kept apart
    let in_title = |d: &FoundDate| title_span.is_some_and(|(s, e)| d.start >= s && d.end <= e);
    let mut own = Vec::new();
    for d in &found {
        if !d.date.is_valid() {
            r.invalid_dates.push(d.date);
            continue;
        }
        let inside = d.start >= cs && d.end <= ce;
        // OSCOLA writes the access date after the link, sometimes without "accessed"
        let tail_access = cite
            .tail
            .is_some_and(|(t, angle)| t.start == d.start && (angle || !own.is_empty()));
        if d.accessed || tail_access {
            if inside && r.accessed.is_none() {
                r.accessed = Some(d.date);
            }
            continue;
        }
        if in_title(d) {
            continue;
        }
        r.all_dates.push(d.date);
        if inside {
            own.push(*d);
        }
    }
    r.date = fields::pick_date(&own, &prose, (cs, ce), title_span);
    r.url_dates = url_dates(&found, &url_spans);
    r.title_key = r.title.as_deref().map(normalize_title);

    // “The Right to Privacy in the Digital Age,” A/HRC/27/37, or “…,” Stock photo ID:1253695434:
    // a document found again by its symbol or number, not by its date
    let identified = r.source.as_deref().is_some_and(|s| {
        (!s.contains(char::is_whitespace) && s.contains(|c: char| c.is_ascii_digit() || c == '/'))
            || IDENTIFIER.is_match(s)
    });
    r.kind = if identified {
        Kind::Book
    } else if r.volume.is_some()
        || r.issue.is_some()
        || (r.pages.is_some() && r.source.is_some() && note.urls.is_empty())
    {
        Kind::Journal
    } else if r.title.is_some() && r.source.is_some() && form == Form::Quoted {
        // a quoted title and an outlet: the shape of a news or magazine citation
        Kind::News
    } else if !note.urls.is_empty() {
        Kind::Web
    } else if r.title.is_some() && form != Form::Quoted {
        Kind::Book
    } else if r.title.is_some() {
        Kind::News
    } else {
        Kind::Other
    };
    r
}

/// How a citation's title was written.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Form {
    None,
    Quoted,
    Italic,
    /// Unquoted, in an author-date or book citation.
    Plain,
    /// The words of a link note.
    Link,
}

/// A title written without quotes or italics, in `part` (the citation, at `cs` in the note):
/// author-date ("Author. 2022. Title. Outlet. URL"), a book or report with its publisher in
/// parentheses ("Author, Title (Publisher, date), URL"), or a link note "Issuer, Title,
/// accessed date, URL".
fn unquoted_title<'a>(
    r: &mut Reference,
    part: &'a str,
    cs: usize,
    found: &[FoundDate],
    title_span: &mut Option<(usize, usize)>,
    author_text: &mut &'a str,
) -> Form {
    if let Some((authors, _, at)) = fields::author_year(part) {
        let rest = part.get(at..).unwrap_or("");
        let end = fields::sentence_end(rest);
        let t = trim_field(rest.get(..end).unwrap_or(""));
        // APA writes titles in sentence case: only the first word is capitalised
        let sentence_case = t.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit());
        if sentence_case && t.split_whitespace().count() <= 40 && !t.contains(" | ") {
            r.title = Some(t.to_string());
            *title_span = Some((cs + at, cs + at + end));
            *author_text = authors;
            return Form::Plain;
        }
    }
    let dated_outside_parens = |s: usize, e: usize| {
        found
            .iter()
            .any(|d| d.start >= cs + s && d.end <= cs + e && !in_parens(part, d.start - cs))
    };
    let region_end = match fields::publication_paren(part) {
        Some((open, _, _)) => Some(open),
        None if !r.urls.is_empty() => {
            // a link note "Issuer, Title, accessed date, URL": up to the first date or link
            let first_date = found
                .iter()
                .find(|d| d.start >= cs)
                .map_or(part.len(), |d| d.start - cs);
            let blank = part.find("   ").unwrap_or(part.len());
            let end = first_date.min(blank);
            let head = part.get(..end).unwrap_or("");
            let t = head.trim_end();
            let t = [
                "accessed",
                "Accessed",
                "retrieved",
                "Retrieved",
                "viewed",
                "last visited",
            ]
            .iter()
            .fold(t, |t, w| t.strip_suffix(w).unwrap_or(t));
            (fields::comma_fields(trim_field(t)).len() >= 2).then_some(t.len())
        }
        None => None,
    };
    let Some(region_end) = region_end else {
        return Form::None;
    };
    let region = part.get(..region_end).unwrap_or("");
    if region.split_whitespace().count() > 30 || dated_outside_parens(0, region_end) {
        return Form::None;
    }
    let fields_at = fields::comma_fields(region);
    let field = |i: usize| {
        fields_at
            .get(i)
            .and_then(|&(s, e)| region.get(s..e))
            .map(trim_field)
    };
    let mut title_at = usize::from(fields_at.len() >= 2);
    // OSCOLA lists authors "A, B and C, Title (Publisher 2022)": the title follows the
    // field that joins the last two names with "and"
    if let Some(k) = (1..fields_at.len().saturating_sub(1)).find(|&k| {
        field(k).is_some_and(|f| {
            f.split_once(" and ")
                .is_some_and(|(a, b)| person_like(a) && person_like(b))
        })
    }) {
        if (0..k).all(|j| field(j).is_some_and(person_like)) {
            title_at = k + 1;
        }
    }
    // a serial list inside the title: "Gods and Robots: Myths, Machines, and Ancient Dreams
    // of Technology"; the fields up to the one opening with "and" are the title's
    let title_last = (title_at + 1..fields_at.len())
        .rev()
        .find(|&j| {
            field(j).is_some_and(|f| f.starts_with("and ") || f.starts_with("or "))
                && (title_at + 1..j)
                    .all(|m| field(m).is_some_and(|f| f.split_whitespace().count() <= 4))
        })
        .unwrap_or(title_at);
    let authors = match fields_at.get(title_at) {
        Some(&(s, _)) if title_at > 0 => region.get(..s).unwrap_or(""),
        _ => "",
    };
    let (Some(&(s, _)), Some(&(_, e))) = (fields_at.get(title_at), fields_at.get(title_last))
    else {
        return Form::None;
    };
    let t = trim_field(region.get(s..e).unwrap_or(""));
    if !fields::title_like(t)
        || t.chars().count() > 300
        || t.chars().filter(|c| c.is_alphanumeric()).count() < 3
    {
        return Form::None;
    }
    r.title = Some(t.split_whitespace().collect::<Vec<_>>().join(" "));
    *title_span = Some((cs + s, cs + e));
    *author_text = authors;
    if let Some((_, _, content)) = fields::publication_paren(part) {
        r.source = fields::publisher_in(content);
    }
    Form::Plain
}

/// A person's name in a list of authors: one to four words, each capitalised or a particle
/// ("Joshua Gans", "Ludwig van Beethoven").
fn person_like(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    (1..=4).contains(&words.len())
        && !s.contains([':', '?', '!'])
        && words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                || [
                    "van", "von", "de", "der", "da", "di", "la", "le", "du", "bin", "ibn",
                ]
                .contains(w)
        })
        && words
            .iter()
            .any(|w| w.chars().next().is_some_and(char::is_uppercase))
}

/// Whether byte `i` of `s` lies inside parentheses.
fn in_parens(s: &str, i: usize) -> bool {
    let before = s.get(..i).unwrap_or("");
    before.matches('(').count() > before.matches(')').count()
}

/// For each URL of a note, the last valid publication date written between the previous URL
/// (or the note's start) and this one: the date of the same citation.
fn url_dates(found: &[FoundDate], spans: &[Option<(usize, usize)>]) -> Vec<Option<PartialDate>> {
    let mut from = 0;
    spans
        .iter()
        .map(|span| {
            let (start, end) = (*span)?;
            let date = found
                .iter()
                .filter(|d| d.start >= from && d.end <= start && d.date.is_valid() && !d.accessed)
                .max_by_key(|d| (d.start, d.date.precision()))
                .map(|d| d.date);
            from = end;
            date
        })
        .collect()
}

/// "Victor Cha" / "Robert Jervis and Mira Rapp-Hooper" / "A, B, and C" → names.
fn split_authors(s: &str) -> Vec<String> {
    let s = s.trim_end_matches(|c: char| c == ',' || c.is_whitespace());
    // long prose before a title ("For an in-depth look at ..., see:") is not a list of names
    if s.split_whitespace().count() > 16 || s.contains(':') {
        return Vec::new();
    }
    s.split(", and ")
        .flat_map(|p| p.split(" and "))
        .flat_map(|p| p.split(", "))
        .map(trim_field)
        .filter(|p| !p.is_empty() && p.chars().next().is_some_and(char::is_uppercase))
        .map(str::to_string)
        .collect()
}

/// Does this note read as a short form: "Author, “Title,” 40." or "“Title.”" alone, with no
/// outlet, date or link?
fn is_short_shape(r: &Reference) -> bool {
    r.title.is_some() && r.source.is_none() && r.date.is_none() && r.urls.is_empty()
}

/// Reads notes, on every core when there are many (each note is read on its own).
fn parse_notes(notes: &[NoteDef]) -> Vec<Reference> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(8);
    if threads < 2 || notes.len() < 512 {
        return notes.iter().map(parse_note).collect();
    }
    let chunk = notes.len().div_ceil(threads);
    std::thread::scope(|s| {
        let handles: Vec<_> = notes
            .chunks(chunk)
            .map(|part| s.spawn(move || part.iter().map(parse_note).collect::<Vec<_>>()))
            .collect();
        let mut out = Vec::with_capacity(notes.len());
        for (h, part) in handles.into_iter().zip(notes.chunks(chunk)) {
            match h.join() {
                Ok(v) => out.extend(v),
                // a panic in a worker is a bug; read that part again here rather than lose it
                Err(_) => out.extend(part.iter().map(parse_note)),
            }
        }
        out
    })
}

/// Reads every note of a document, attaches markers, and resolves short forms.
pub fn read_document(doc: &Document) -> Vec<Reference> {
    let mut refs = parse_notes(&doc.notes);
    let mut by_label: HashMap<&str, usize> = HashMap::default();
    for (i, n) in doc.notes.iter().enumerate() {
        by_label.entry(n.label.as_str()).or_insert(i);
    }
    for m in &doc.markers {
        if let Some(r) = by_label
            .get(m.label.as_str())
            .and_then(|&i| refs.get_mut(i))
        {
            r.markers.push(m.pos);
            if r.contexts.len() < 8 {
                r.contexts.push(m.context.clone());
            }
        }
    }
    resolve_short_forms(&mut refs);
    // a reference is kept for the whole run: its lists as long as what they hold (a first
    // push leaves room for four), which at 100,000 notes is tens of megabytes
    for r in &mut refs {
        r.shrink_to_fit();
    }
    refs
}

impl Reference {
    /// Lets go of what only the offline rules read (the sentences around the markers, the
    /// title key): a run keeps every reference until its report is written, and at 100,000
    /// notes the sentences alone are tens of megabytes.
    pub fn release_offline(&mut self) {
        self.contexts = Vec::new();
        self.title_key = None;
    }

    /// Gives back the spare room of the reference's lists.
    fn shrink_to_fit(&mut self) {
        self.authors.shrink_to_fit();
        self.urls.shrink_to_fit();
        self.markers.shrink_to_fit();
        self.invalid_dates.shrink_to_fit();
        self.all_dates.shrink_to_fit();
        self.url_dates.shrink_to_fit();
        self.contexts.shrink_to_fit();
    }
}

fn resolve_short_forms(refs: &mut [Reference]) {
    let mut titles: HashMap<String, usize> = HashMap::default();
    let mut surnames: HashMap<String, usize> = HashMap::default();
    let mut last_full: Option<usize> = None;
    for i in 0..refs.len() {
        let Some(r) = refs.get(i) else { continue };
        let mut target = None;
        if r.kind == Kind::Short || r.also_previous {
            // "Ibid." is the note just before, or what that one resolves to
            target = last_full;
        } else if let Some(c) = OP_CIT.captures(&r.text) {
            let who = c.get(1).map(|m| m.as_str()).unwrap_or("");
            let surname = who.split_whitespace().last().unwrap_or("").to_lowercase();
            target = surnames.get(&surname).copied();
        } else if r.title.is_some() && r.date.is_none() && r.urls.is_empty() {
            target = r.title_key.as_ref().and_then(|k| titles.get(k)).copied();
        }
        if let Some(t) = target {
            let label = refs.get(t).map(|x| x.label.clone());
            let also = r.also_previous;
            if let Some(r) = refs.get_mut(i) {
                r.same_as = label;
                r.same_as_index = Some(t);
                if !also {
                    r.kind = Kind::Short;
                }
            }
            if !also {
                last_full = Some(t);
                continue;
            }
        }
        if let Some(r) = refs.get_mut(i) {
            if is_short_shape(r)
                && r.authors.len() == 1
                && !r.authors.iter().any(|a| a.contains(' '))
            {
                // "Jones, “Title.”": a short form whose full citation is not in this document
                r.kind = Kind::Short;
            }
        }
        let Some(r) = refs.get(i) else { continue };
        if r.title.is_some() || !r.urls.is_empty() {
            last_full = Some(i);
        }
        if let Some(k) = &r.title_key {
            titles.entry(k.clone()).or_insert(i);
        }
        for a in &r.authors {
            if let Some(s) = a.split_whitespace().last() {
                surnames.entry(s.to_lowercase()).or_insert(i);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Pos;

    /// A note of this text, its URLs found as the extractors find them.
    pub(super) fn note(label: &str, text: &str) -> NoteDef {
        NoteDef {
            cited: None,
            label: label.into(),
            pos: Pos::new(1, 1),
            text: text.into(),
            urls: crate::extract::urls::find_urls(text)
                .into_iter()
                .map(|u| UrlRef {
                    url: u.url,
                    pos: Pos::new(1, 1),
                    problem: None,
                })
                .collect(),
        }
    }

    #[test]
    fn news_citation_fields() {
        let r = parse_note(&note("1", "\"Significant Signals of the 5th Plenary Session,\" *Xinhua*, January 2, 2010, http://www.xinhuanet.com//2020-01/02/c_1125416394.htm."));
        assert_eq!(
            r.title.as_deref(),
            Some("Significant Signals of the 5th Plenary Session")
        );
        assert_eq!(r.source.as_deref(), Some("Xinhua"));
        assert_eq!(r.date.map(|d| d.to_string()).as_deref(), Some("2010-01-02"));
        assert_eq!(r.kind, Kind::News);
        assert_eq!(r.urls.len(), 1);
    }

    #[test]
    fn authors_and_plain_outlet() {
        let r = parse_note(&note("6", "Victor Cha, “A Small Deal with a Big Deal,” Center for Strategic and International Studies, July 8, 2019, <https://www.csis.org/analysis/small-deal-within-big-deal-0>."));
        assert_eq!(r.authors, ["Victor Cha"]);
        assert_eq!(r.title.as_deref(), Some("A Small Deal with a Big Deal"));
        assert_eq!(
            r.source.as_deref(),
            Some("Center for Strategic and International Studies")
        );
        assert_eq!(r.date.map(|d| d.to_string()).as_deref(), Some("2019-07-08"));
    }

    #[test]
    fn journal_issue_is_not_a_month() {
        let r = parse_note(&note("9", "Zhang Yunling, \"Northeast Asia in under Profound Changes Unseen in a Century,\" *World Economics and Politics*, No.9, 2019, p.16."));
        assert_eq!(r.kind, Kind::Journal);
        assert_eq!(r.issue.as_deref(), Some("9"));
        assert_eq!(r.pages.as_deref(), Some("16"));
        assert_eq!(r.date.map(|d| d.to_string()).as_deref(), Some("2019"));
        let r = parse_note(&note("10", "Robert Jervis and Mira Rapp-Hooper, \"Perception and Misperception,\" *Foreign Affairs*, Vol.97, No.3, 2018, pp.103-117."));
        assert_eq!(r.authors, ["Robert Jervis", "Mira Rapp-Hooper"]);
        assert_eq!(r.volume.as_deref(), Some("97"));
        assert_eq!(r.pages.as_deref(), Some("103-117"));
    }

    #[test]
    fn quoted_spans() {
        assert_eq!(
            fields::first_quoted("a “Title,” b").map(|q| q.2),
            Some("Title,")
        );
        assert_eq!(
            fields::first_quoted("x \"T\" then \"Real Title\"").map(|q| q.2),
            Some("Real Title")
        );
        assert_eq!(fields::first_quoted("unclosed “title"), None);
        assert_eq!(
            fields::first_quoted("张驰：《半岛局势展望》，载《国际问题研究》").map(|q| q.2),
            Some("半岛局势展望")
        );
        assert_eq!(
            fields::first_quoted("“A” and “BB”").map(|q| q.2),
            Some("BB")
        );
    }

    #[test]
    fn access_date_is_kept_apart() {
        let r = parse_note(&note(
            "1",
            "“NASA Spinoff,” NASA, accessed April 20, 2026, https://spinoff.nasa.gov/ .",
        ));
        assert_eq!(r.date, None);
        assert_eq!(
            r.accessed.map(|d| d.to_string()).as_deref(),
            Some("2026-04-20")
        );
        assert_eq!(r.source.as_deref(), Some("NASA"));
    }

    #[test]
    fn short_forms_resolve() {
        let notes = [
            note("7", "“Report of the Fifth Plenary Meeting,” January 1, 2020, <http://www.uriminzokkiri.com/index.php?no=26053>."),
            note("8", "Ibid."),
            note("9", "Jane Roe, “Other Work,” *Outlet*, 2019."),
            note("10", "Ibid., 45."),
            note("20", "\"Report of the Fifth Plenary Meeting.\""),
            note("21", "Roe, op. cit., 12."),
        ];
        let mut doc = Document::new("x", crate::model::Format::Text);
        doc.notes = notes.to_vec();
        let refs = read_document(&doc);
        let same: Vec<Option<&str>> = refs.iter().map(|r| r.same_as.as_deref()).collect();
        assert_eq!(
            same,
            [None, Some("7"), None, Some("9"), Some("7"), Some("9")]
        );
    }

    #[test]
    fn link_note_title_is_its_words() {
        let r = parse_note(&note("3", "Clearview’s Facial Recognition App Is Identifying Child Victims https://www.nytimes.com/2020/02/07/business/x.html"));
        assert_eq!(
            r.title.as_deref(),
            Some("Clearview’s Facial Recognition App Is Identifying Child Victims")
        );
        assert_eq!(r.kind, Kind::Web);
        let r = parse_note(&note("1", "Wikipedia: *Mass Surveillance* and *Surveillance*. https://en.wikipedia.org/wiki/Mass_surveillance"));
        assert_eq!(r.title.as_deref(), Some("Mass Surveillance"));
        assert_eq!(r.source.as_deref(), Some("Wikipedia"));
        assert_eq!(r.kind, Kind::Web);
    }

    #[test]
    fn document_symbol_is_not_a_news_outlet() {
        let r = parse_note(&note(
            "22",
            "“The Right to Privacy in the Digital Age,” A/HRC/27/37.",
        ));
        assert_eq!(r.kind, Kind::Book);
        let r = parse_note(&note("2", "Image licensed from iStock, “ISS station on orbit,” Stock photo ID:1253695434, https://www.istockphoto.com/photo/x ."));
        assert_eq!(r.kind, Kind::Book);
    }

    #[test]
    fn each_url_gets_the_date_of_its_own_citation() {
        let r = parse_note(&note("31", "“A,” Huawei, 2019, https://e.example.com/x ; Sebastian Moss, “B,” DCD, April 24, 2018, https://d.example.com/y ; and “C,” 2017, https://b.example.com/2017-10-26/z ."));
        let d: Vec<Option<String>> = r
            .url_dates
            .iter()
            .map(|d| d.map(|d| d.to_string()))
            .collect();
        assert_eq!(
            d,
            [
                Some("2019".into()),
                Some("2018-04-24".into()),
                Some("2017".into())
            ]
        );
    }

    #[test]
    fn commentary_is_other() {
        let r = parse_note(&note(
            "45",
            "Author interview with an official from Thailand’s Ministry of Interior, May 14, 2019.",
        ));
        assert_eq!(r.kind, Kind::Other);
        assert_eq!(r.title, None);
    }
}
