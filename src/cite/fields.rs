//! The grammar of one citation inside a note: where the first citation starts and ends,
//! its title (quoted in “…”, ‘…’, "…", 《…》; in italics; or unquoted, as author-date styles
//! and book citations write it), its outlet, and which date is the publication date.
//!
//! The shapes read here are those of the common styles: Chicago notes (`Author, “Title,”
//! Outlet, date, URL.`; `Author, Title (Publisher, date), URL.`), APA and Harvard
//! (`Author. (2025). Title. Outlet. URL`; `Author (2023) ‘Title’, Outlet, available at URL`),
//! MLA (`Author. “Title.” Outlet, date, URL.`), OSCOLA (`Author, ‘Title’ (Outlet, date)
//! <URL> accessed date`; `‘Title’ (2019) 49 Journal 1856`) and Chinese notes (`作者：《标题》，
//! 出处，2020年1月2日`).

use std::sync::LazyLock;

use regex::Regex;

use super::container;
use super::dates::{find_dates, month_of_name, FoundDate, PartialDate};

/// The first quoted span (“…”, ‘…’, "…", '…', 《…》, or a title opened by a wrong-way ”),
/// with at least two characters inside: (start, end, inner). A closing ’ or ' must not be
/// followed by a letter ("People’s" is an apostrophe), and single quotes nest (‘scrap ‘Made
/// in Europe’ law’).
pub(super) fn first_quoted(s: &str) -> Option<(usize, usize, &str)> {
    let mut from = 0;
    loop {
        let (open, c) = s
            .get(from..)?
            .char_indices()
            .map(|(i, c)| (i + from, c))
            .find(|&(i, c)| is_opener(s, i, c))?;
        let inner_start = open + c.len_utf8();
        let close = match c {
            '“' => s
                .get(inner_start..)?
                .find('”')
                .map(|i| (inner_start + i, '”')),
            '”' => s
                .get(inner_start..)?
                .find('”')
                .map(|i| (inner_start + i, '”')),
            '《' => s
                .get(inner_start..)?
                .find('》')
                .map(|i| (inner_start + i, '》')),
            '"' => s
                .get(inner_start..)?
                .find('"')
                .map(|i| (inner_start + i, '"')),
            _ => single_close(s, inner_start, c),
        };
        let Some((close, close_char)) = close else {
            from = inner_start;
            continue;
        };
        let inner = s.get(inner_start..close)?;
        if inner.chars().count() >= 2 {
            return Some((open, close + close_char.len_utf8(), inner));
        }
        from = close + close_char.len_utf8();
    }
}

fn is_opener(s: &str, i: usize, c: char) -> bool {
    let before = s.get(..i).and_then(|t| t.chars().next_back());
    let after = s.get(i + c.len_utf8()..).and_then(|t| t.chars().next());
    let open_before = before.is_none_or(|b| !b.is_alphanumeric());
    match c {
        '“' | '《' | '"' => true,
        // a wrong-way opening quote: ”Title,”
        '”' => {
            before.is_none_or(|b| b.is_whitespace() || b == '(')
                && after.is_some_and(char::is_alphanumeric)
        }
        '‘' => open_before,
        '\'' => open_before && after.is_some_and(char::is_alphanumeric),
        _ => false,
    }
}

/// The close of a single-quoted span opened with `open` (‘ or '), nesting inner openings.
fn single_close(s: &str, from: usize, open: char) -> Option<(usize, char)> {
    let close_char = if open == '‘' { '’' } else { '\'' };
    let mut depth = 0usize;
    for (j, c) in s.get(from..)?.char_indices() {
        let i = from + j;
        if c == open && is_opener(s, i, c) && j > 0 {
            depth += 1;
        } else if c == close_char {
            let next = s.get(i + c.len_utf8()..).and_then(|t| t.chars().next());
            if next.is_some_and(char::is_alphanumeric) {
                continue; // an apostrophe
            }
            if depth == 0 && plural_possessive(s, i, open, close_char) {
                continue;
            }
            if depth == 0 {
                return Some((i, c));
            }
            depth -= 1;
        }
    }
    None
}

/// Whether the ’ at `i` is the apostrophe of a plural possessive inside a single-quoted
/// title (‘Factors Influencing Firms’ Adoption of …’): after an "s", followed by a space
/// and a word, with the title's own close (not followed by a letter) still to come before
/// any new opening quote.
fn plural_possessive(s: &str, i: usize, open: char, close_char: char) -> bool {
    let before = s.get(..i).and_then(|t| t.chars().next_back());
    let rest = s.get(i + close_char.len_utf8()..).unwrap_or("");
    let word_next = rest
        .strip_prefix(' ')
        .and_then(|t| t.chars().next())
        .is_some_and(char::is_alphabetic);
    if !(before.is_some_and(|c| c == 's' || c == 'S') && word_next) {
        return false;
    }
    for (j, c) in rest.char_indices() {
        if c == open {
            return false;
        }
        if c == close_char {
            let next = rest.get(j + c.len_utf8()..).and_then(|t| t.chars().next());
            if !next.is_some_and(char::is_alphanumeric) {
                return true;
            }
        }
    }
    false
}

pub(super) fn trim_field(s: &str) -> &str {
    s.trim().trim_matches(|c: char| {
        matches!(c, ',' | '.' | ';' | ':' | '，' | '；' | '：' | '、') || c.is_whitespace()
    })
}

/// The top-level ';' of a note (outside parentheses, brackets and double quotes): where one
/// citation ends and the next begins.
fn separators(prose: &str) -> Vec<usize> {
    let mut depth = 0i32;
    let mut quoted = false;
    let mut out = Vec::new();
    for (i, c) in prose.char_indices() {
        match c {
            '(' | '[' | '（' => depth += 1,
            ')' | ']' | '）' => depth = (depth - 1).max(0),
            '“' => quoted = true,
            '”' => quoted = false,
            ';' | '；' if depth == 0 && !quoted => out.push(i),
            _ => {}
        }
    }
    out
}

/// Words that end a sentence with a dot without ending it ("et al.", "ed.", "Inc.").
const ABBREVIATIONS: &[&str] = &[
    "al", "ed", "eds", "vol", "no", "pp", "inc", "ltd", "co", "corp", "jr", "sr", "st", "dr", "mr",
    "mrs", "ms", "prof", "dept", "univ", "gov", "govt", "op", "cit", "ibid", "cf", "eg", "ie",
    "etc", "vs", "v",
];

/// Whether the '.' (or '?', '!', ':') at `i` ends a sentence: followed by whitespace and a
/// capital, not after an initial or an abbreviation.
fn ends_sentence(s: &str, i: usize) -> bool {
    let Some(c) = s.get(i..).and_then(|t| t.chars().next()) else {
        return false;
    };
    let rest = s.get(i + c.len_utf8()..).unwrap_or("");
    let trimmed = rest.trim_start();
    if trimmed.len() == rest.len() || !trimmed.chars().next().is_some_and(char::is_uppercase) {
        return false;
    }
    if c != '.' {
        return true;
    }
    let before = s.get(..i).unwrap_or("");
    // a period detached by a space, as PDF extraction leaves it ("Collaboration . Center
    // for …"): the word before the space decides
    let detached = before.ends_with(' ');
    let word = before
        .trim_end()
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or("");
    if detached && i > 0 {
        return word.chars().count() >= 2 && !word.ends_with(['.', ',', ';', ':']);
    }
    word.chars().count() >= 2
        && !word.contains('.')
        && !ABBREVIATIONS.contains(&word.to_lowercase().as_str())
}

/// Leading words that introduce a citation inside prose.
const INTRODUCERS: &[&str] = &[
    "See also ",
    "see also ",
    "See, e.g., ",
    "See e.g. ",
    "See, for example, ",
    "See for example, ",
    "See for example ",
    "see for example ",
    "See ",
    "see ",
    "Cf. ",
    "cf. ",
    "For example, ",
    "E.g., ",
    "e.g., ",
    "Source: ",
    "Sources: ",
];

/// Where the citation starts in the text `pre` that comes before its title: after the last
/// sentence of commentary ("… than the typical car. Eoin Dinsmore, ‘…’") and after "See".
fn citation_start(pre: &str) -> usize {
    let mut start = 0;
    if pre.split_whitespace().nth(6).is_some() {
        // the last sentence boundary, looked for near the title only
        let mut from = pre.len().saturating_sub(600);
        while !pre.is_char_boundary(from) {
            from += 1;
        }
        for (j, c) in pre.get(from..).unwrap_or("").char_indices() {
            let i = from + j;
            if matches!(c, '.' | '?' | '!' | ':') && ends_sentence(pre, i) {
                let head = pre.get(..i).unwrap_or("");
                if c == ':' && head.split_whitespace().nth(6).is_none() {
                    continue;
                }
                start = i + c.len_utf8();
            }
        }
    }
    loop {
        let rest = pre.get(start..).unwrap_or("");
        let lead = rest.len() - rest.trim_start().len();
        let t = rest.trim_start();
        match INTRODUCERS.iter().find(|p| t.starts_with(**p)) {
            Some(p) => start += lead + p.len(),
            None => return start + lead,
        }
    }
}

/// Words allowed between a URL and the date written after it ("<URL> accessed 3 May 2020",
/// "URL (Accessed: …)", "URL, last visited …").
const TAIL_WORDS: &[&str] = &[
    "accessed",
    "retrieved",
    "viewed",
    "visited",
    "last",
    "on",
    "at",
    "date",
    "consulted",
    "downloaded",
    "online",
    "访问日期",
    "访问时间",
    "访问",
];

/// One citation of a note: its span in the prose, and where its first URL ends.
pub(super) struct Citation {
    pub start: usize,
    pub end: usize,
    /// The date written after the first URL with no access word before it, and whether the
    /// URL stood in angle brackets (OSCOLA: `<URL> 19 December 2025` is an access date).
    pub tail: Option<(FoundDate, bool)>,
}

/// The first citation of a note: the first ';'-separated part that holds a title, a link or
/// a date; from after any commentary before its title to the end of its first URL (and the
/// access date written after that URL).
pub(super) fn first_citation(
    text: &str,
    prose: &str,
    urls: &[Option<(usize, usize)>],
    found: &[FoundDate],
) -> Citation {
    let seps = separators(prose);
    let mut bounds = Vec::with_capacity(seps.len() + 1);
    let mut from = 0;
    for s in seps {
        bounds.push((from, s));
        from = s + 1;
    }
    bounds.push((from, prose.len()));
    let holds = |&(s, e): &(usize, usize)| {
        let part = prose.get(s..e).unwrap_or("");
        urls.iter().flatten().any(|&(us, _)| us >= s && us < e)
            || first_quoted(part).is_some()
            || part.contains('*')
            || {
                // the dates are in order: the first one starting in the part
                let i = found.partition_point(|d| d.start < s);
                found.get(i).is_some_and(|d| d.end <= e)
            }
    };
    // the first part citing a work that can be looked up (a title or a link), else the
    // first that holds a date ("Epic Games v. Google (9th Cir. 2025); Hausfeld, ‘…’, URL")
    let titled = |&(s, e): &(usize, usize)| {
        let part = prose.get(s..e).unwrap_or("");
        urls.iter().flatten().any(|&(us, _)| us >= s && us < e)
            || first_quoted(part).is_some()
            || part.contains('*')
    };
    let (seg_start, seg_end) = bounds
        .iter()
        .copied()
        .find(titled)
        .or_else(|| bounds.iter().copied().find(holds))
        .unwrap_or((0, prose.len()));
    let seg = prose.get(seg_start..seg_end).unwrap_or("");
    let title_at = first_quoted(seg).map(|q| q.0).or_else(|| seg.find('*'));
    let start = seg_start + title_at.map_or(0, |t| citation_start(seg.get(..t).unwrap_or("")));
    let mut c = Citation {
        start,
        end: seg_end,
        tail: None,
    };
    let Some(&(us, ue)) = urls
        .iter()
        .flatten()
        .find(|&&(us, _)| us >= start && us < seg_end)
    else {
        return c;
    };
    c.end = ue;
    let angle = text.get(..us).is_some_and(|t| t.trim_end().ends_with('<'))
        || text.get(ue..).is_some_and(|t| t.starts_with('>'));
    if let Some(d) = found.iter().find(|d| d.start >= ue) {
        let between = prose.get(ue..d.start).unwrap_or("").to_lowercase();
        let words_ok = between
            .split(|c: char| c.is_whitespace() || "().,;:<>[]-–—：，".contains(c))
            .filter(|w| !w.is_empty())
            .all(|w| TAIL_WORDS.contains(&w));
        // a link broken by a space ("https://www.v oakorea.com/a/1.html (accessed: …)")
        // leaves its rest before the access date
        let broken_link = d.accessed
            && d.start - ue <= 100
            && between.split_whitespace().count() <= 4
            && first_quoted(&between).is_none();
        if (words_ok || broken_link) && d.start <= seg_end.max(ue) + 80 {
            c.end = d.end;
            if !d.accessed {
                c.tail = Some((*d, angle));
            }
        }
    }
    c
}

/// "February 21", "Feb. 21st" or "21 February", "4 May" (British), with no year after.
static MONTH_DAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?-u:\b)(?:(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+([0-3]?[0-9])(?:st|nd|rd|th)?|([0-3]?[0-9])(?:st|nd|rd|th)?\s+(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?)(?-u:\b)",
    )
    .expect("constant regex")
});

/// A month and day written without a year ("February 21", "March 12th"), which are not
/// part of a longer date: (start, month, day).
pub(super) fn month_days(s: &str) -> impl Iterator<Item = (usize, u32, u32)> + '_ {
    MONTH_DAY.captures_iter(s).filter_map(move |c| {
        let all = c.get(0)?;
        let (name_at, day_at) = match c.get(1) {
            Some(m) => (m, c.get(2)?),
            None => (c.get(4)?, c.get(3)?),
        };
        let whole = s.get(name_at.start()..)?;
        let word_end = whole
            .find(|ch: char| !ch.is_alphabetic())
            .unwrap_or(whole.len());
        let word = whole.get(..word_end)?;
        // a month's name or abbreviation, not a word that starts like one
        let Some(month) = month_of_name(word) else {
            return None; // "Marine 12", "Junior 3"
        };
        let after = s.get(all.end()..)?.trim_start_matches([',', ' ']);
        if after
            .get(..4)
            .is_some_and(|y| y.bytes().all(|b| b.is_ascii_digit()))
        {
            return None;
        }
        let day: u32 = day_at.as_str().parse().ok()?;
        Some((all.start(), month, day))
    })
}

/// Whether a field is a date written without its year ("January 1", "Feb. 11th").
fn is_month_day(field: &str) -> bool {
    month_days(field).next().is_some_and(|(s, _, _)| s == 0)
}

/// Words that are never an outlet.
const NOT_OUTLETS: &[&str] = &[
    "accessed",
    "retrieved",
    "ibid",
    "available",
    "undated",
    "n.d",
    "nd",
    "online",
    "viewed",
    "last visited",
    "in",
    "see",
    "page",
];

/// Whether a field can name an outlet: capitalised ("Reuters", "38 North", "arXiv",
/// "新华网"), not a date, not an access note, not a number.
fn outlet_like(field: &str) -> bool {
    let mut chars = field.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    let capital = first.is_uppercase()
        || (first.is_alphabetic() && !first.is_lowercase() && !first.is_ascii())
        || (first.is_lowercase() && field.chars().any(char::is_uppercase))
        || (first.is_ascii_digit() && {
            let w: Vec<&str> = field.split_whitespace().collect();
            w.len() >= 2
                && w.first()
                    .is_some_and(|n| n.bytes().all(|b| b.is_ascii_digit()))
                && w.get(1)
                    .and_then(|x| x.chars().next())
                    .is_some_and(char::is_uppercase)
        });
    let lower = field.to_lowercase();
    let first_word = lower.split_whitespace().next().unwrap_or("");
    capital
        && field.len() <= 120
        && find_dates(field).iter().all(|d| year_in_name(field, d))
        && !is_month_day(field)
        && !NOT_OUTLETS.contains(&lower.trim_end_matches('.'))
        && !(first_word == "available" || first_word == "accessed" || first_word == "retrieved")
        && !(field.starts_with("No") && field.len() < 8)
        && !lower.starts_with("http")
        && !lower.starts_with("www.")
}

/// A bare year followed by more of a name ("The 2024 ACM Conference", "Interspeech 2024
/// Proceedings"), not a date.
fn year_in_name(field: &str, d: &FoundDate) -> bool {
    d.date.month.is_none()
        && field
            .get(d.end..)
            .is_some_and(|t| t.trim_start().starts_with(char::is_uppercase))
}

/// The ')' that closes the '(' at the start of `s`: (content, rest after it).
fn paren(s: &str) -> Option<(&str, &str)> {
    let mut depth = 0;
    for (i, c) in s.char_indices() {
        match c {
            '(' | '（' => depth += 1,
            ')' | '）' => {
                depth -= 1;
                if depth == 0 {
                    let inner = s.get(1..i)?;
                    return Some((inner, s.get(i + c.len_utf8()..)?));
                }
            }
            _ => {}
        }
    }
    None
}

static UNDATED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:^|[\s,])(?:n\.\s?d\.?|nd|undated|no date)\s*$").expect("constant regex")
});
static BRACKETED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\[[^\]]*\]").expect("constant regex"));
/// A repository and its identifier: "arXiv:2602.02276".
static EPRINT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^([A-Za-z][A-Za-z-]{1,15}):\s?[\w./-]*\d[\w./-]*$").expect("constant regex")
});
/// OSCOLA journals without their year: "2 International Journal for … Guidance 139".
static VOLUME_NAME_PAGE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{1,4})\s+(\D*[^\d\s])\s+(\d+)$").expect("constant regex"));
static TRAILING_VOLUME: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(.*\S)\s+(\d{1,3})$").expect("constant regex"));

/// The publisher named in a parenthesis "(Publisher, date)" / "(City: Publisher, 2008)" /
/// "(Outlet [ABBR], Second Name, date)": everything but the date, the city and the
/// bracketed abbreviations; `None` when only a date is there.
pub(super) fn publisher_in(content: &str) -> Option<String> {
    let mut s = content;
    // a year inside a name ("The 2024 ACM Conference on …, 2024") is followed by more of
    // the name: the publication date is the first date that is not
    let dates: Vec<FoundDate> = find_dates(s)
        .into_iter()
        .filter(|d| !year_in_name(s, d))
        .collect();
    if let Some(d) = dates.first() {
        s = s.get(..d.start).unwrap_or("");
    } else if s.split_whitespace().count() > 8 {
        // "(A Ministry spokesperson answered reporters’ questions)": a gloss, not a publisher
        return None;
    }
    if let Some(m) = UNDATED.find(s) {
        s = s.get(..m.start()).unwrap_or("");
    }
    if let Some(i) = s.find(':') {
        let city = s.get(..i).unwrap_or("");
        if city.split_whitespace().count() <= 3 && !city.contains(char::is_numeric) {
            s = s.get(i + 1..).unwrap_or("");
        }
    }
    // a publication history before the publisher: "First published as a Norton paperback,
    // W W Norton & Company 2021"
    let lower = s.trim_start().to_lowercase();
    if [
        "first published",
        "originally published",
        "reprinted",
        "published as",
    ]
    .iter()
    .any(|p| lower.starts_with(p))
    {
        if let Some(i) = s.find(',') {
            s = s.get(i + 1..).unwrap_or("");
        }
    }
    let s = BRACKETED.replace_all(s, "");
    let s = trim_field(&s);
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    let s = s.replace(" ,", ",");
    // "(allaboutai, 16 December 2025)": a lowercase brand before the date
    (outlet_like(&s) || (!dates.is_empty() && super::container::lowercase_brand(&s))).then_some(s)
}

/// What follows a title: the outlet, and a volume and pages when the outlet is a journal.
#[derive(Default)]
pub(super) struct After {
    pub outlet: Option<String>,
    pub volume: Option<String>,
    pub pages: Option<String>,
}

/// Reads the outlet in `rest`, the text of the citation after its title (URLs blanked).
pub(super) fn after_title(rest: &str) -> After {
    let mut out = After::default();
    let r = rest.trim_start_matches(|c: char| {
        matches!(c, ',' | '.' | ':' | '，' | '：') || c.is_whitespace()
    });
    if r.starts_with(['(', '（']) {
        let Some((content, after)) = paren(r) else {
            // "(Ada Lovelace Institute<URL> accessed …": the parenthesis left open
            let inner = r.get(1..).unwrap_or("");
            let inner = inner
                .get(..inner.find("   ").unwrap_or(inner.len()))
                .unwrap_or("");
            out.outlet = publisher_in(inner);
            return out;
        };
        if let Some(p) = publisher_in(content) {
            out.outlet = Some(p);
        } else if let Some(j) = container::journal_after_year(after) {
            // "(2019) 49 The British Journal of Social Work 1856"
            return j;
        }
        return out;
    }
    if let Some(x) = r.strip_prefix('[') {
        // OSCOLA: "[2019] SSRN", "[2025] Journal of Applied Philosophy japp.70037"
        let b = x.split_once(']').map_or(x, |(_, b)| b);
        return container::journal_after_year(b).unwrap_or_default();
    }
    let r = r.trim_start();
    if let Some(outlet) = container::closed_by_paren(r) {
        // OSCOLA chapters and proceedings: "‘Chapter’ in Editor (ed), Book (Publisher 2020)"
        out.outlet = Some(outlet);
        return out;
    }
    if let Some(open) = r.find('《') {
        // 载《国际问题研究》
        if r.get(..open).is_some_and(|p| p.chars().count() <= 3) {
            let inner = r
                .get(open + '《'.len_utf8()..)
                .and_then(|t| t.split('》').next());
            out.outlet = inner.map(|t| trim_field(t).to_string());
            return out;
        }
    }
    let mut end = r
        .find([',', ';', '(', '，', '；', '[', '<', '*', '“', '"'])
        .unwrap_or(r.len());
    if let Some(d) = find_dates(r).first() {
        end = end.min(d.start);
    }
    if let Some((s, _, _)) = month_days(r).next() {
        end = end.min(s);
    }
    // a blanked URL, or the next sentence
    if let Some(i) = r.find("   ") {
        end = end.min(i);
    }
    let head = r.get(..end).unwrap_or("");
    if let Some(i) = head
        .char_indices()
        .find(|&(i, c)| matches!(c, '.' | '?' | '!') && ends_sentence(head, i))
        .map(|(i, _)| i)
    {
        end = end.min(i);
    }
    let mut field = trim_field(r.get(..end).unwrap_or("")).to_string();
    for stop in [" accessed", " Accessed", " available at", " Available at"] {
        if let Some(i) = field.find(stop) {
            field.truncate(i);
        }
    }
    let mut field = trim_field(&field).to_string();
    if let Some(c) = TRAILING_VOLUME.captures(&field) {
        // "Innovation Policy and the Economy 19 (January 1, 2019)": a journal's volume
        if r.get(end..)
            .is_some_and(|t| t.trim_start().starts_with(['(', ',']))
        {
            out.volume = c.get(2).map(|m| m.as_str().to_string());
            field = c.get(1).map_or(String::new(), |m| m.as_str().to_string());
        }
    }
    if let Some(c) = EPRINT.captures(&field) {
        // an e-print identifier: "arXiv:2602.02276", "SSRN:4512345": the repository
        field = c.get(1).map_or(String::new(), |m| m.as_str().to_string());
    }
    if let Some(c) = VOLUME_NAME_PAGE.captures(&field) {
        // OSCOLA "volume Journal first-page" without a year: "2 International Journal … 139"
        out.volume = c.get(1).map(|m| m.as_str().to_string());
        out.pages = c.get(3).map(|m| m.as_str().to_string());
        field = c.get(2).map_or(String::new(), |m| m.as_str().to_string());
    }
    let field = field.split_whitespace().collect::<Vec<_>>().join(" ");
    // a lowercase brand where the outlet goes, a date right after it: "“…,” bnamericas,
    // November 14, 2023"
    let dated_next = || {
        r.get(end..).is_some_and(|t| {
            let t = t.trim_start();
            t.strip_prefix(',').is_some_and(|t| {
                let lead = t.len() - t.trim_start().len();
                find_dates(t).first().is_some_and(|d| d.start == lead)
            })
        })
    };
    // a series label between the title and the publisher ("Title. Data Snapshot. Center
    // for Security and Emerging Technology."): the publisher in the next sentence is the outlet
    let series = field.split_whitespace().count() <= 2
        && ["Snapshot", "Brief", "Paper", "Sheet"]
            .iter()
            .any(|w| field.ends_with(w));
    if series {
        if let Some(next) = r.get(end..).and_then(|t| t.strip_prefix('.')) {
            let next_after = after_title(next);
            if next_after.outlet.is_some() {
                return next_after;
            }
        }
    }
    if outlet_like(&field) || (container::lowercase_brand(&field) && dated_next()) {
        out.outlet = Some(field);
    } else {
        out.volume = None;
        out.pages = None;
    }
    out
}

/// Words naming an organisation rather than a person.
const ORG_WORDS: &[&str] = &[
    "commission",
    "institute",
    "institution",
    "ministry",
    "government",
    "company",
    "alliance",
    "agency",
    "association",
    "department",
    "office",
    "council",
    "center",
    "centre",
    "university",
    "foundation",
    "bank",
    "organization",
    "organisation",
    "committee",
    "parliament",
    "court",
    "bureau",
    "authority",
    "forum",
    "group",
    "network",
    "society",
    "service",
    "news",
    "times",
    "post",
    "journal",
    "press",
    "blog",
    "observer",
    "ilbo",
    "shinmun",
    "herald",
    "daily",
    "tribune",
    "gazette",
    "media",
    "broadcasting",
    "llc",
    "inc",
    "ltd",
    "corporation",
    "corp",
    "board",
    "administration",
    "laboratory",
    "lab",
    "federation",
    "union",
    "party",
    "house",
    "senate",
    "congress",
    "program",
    "programme",
    "project",
    "fund",
    "trust",
    "academy",
    "school",
    "college",
    "museum",
    "library",
    "agenda",
    "wikipedia",
    "magazine",
    "review",
    "report",
    "watch",
    "partnership",
    "consortium",
    "secretariat",
    "embassy",
    "state",
    "states",
    "nations",
    "republic",
];

/// Lowercase words that describe the document after its issuer ("European Commission
/// press release of 4 March 2026").
const GENRE_WORDS: &[&str] = &[
    "press release",
    "press statement",
    "news release",
    "statement",
    "report",
    "speech",
    "letter",
    "website",
    "briefing",
    "blog post",
    "client alert",
    "case summary",
];

/// The organisation that issued a citation when its author is one ("European Commission,
/// ‘Cars and Vans’", "VOA (January 12, 2023) “…”", "Reuters, “…”"): who then also stands
/// for the outlet when no other is named. `None` for people.
pub(super) fn issuer(author: &str) -> Option<String> {
    let mut s = author;
    if let Some(i) = s.find(['(', '（']) {
        s = s.get(..i).unwrap_or("");
    }
    if let Some(d) = find_dates(s).first() {
        s = s.get(..d.start).unwrap_or("");
    }
    let mut s = trim_field(s).to_string();
    loop {
        let before = s.len();
        for tail in [" of", " on", " dated", " from"] {
            if s.ends_with(tail) {
                s.truncate(s.len() - tail.len());
            }
        }
        for g in GENRE_WORDS {
            // two-word genres are read in any case ("European Commission Case Summary")
            let tail = s.get(s.len().saturating_sub(g.len())..).unwrap_or("");
            let same = tail == *g || (g.contains(' ') && tail.eq_ignore_ascii_case(g));
            if same && s.len() > g.len() {
                s.truncate(s.len() - g.len());
            }
        }
        s = trim_field(&s).to_string();
        if s.len() == before {
            break;
        }
    }
    let words: Vec<&str> = s.split_whitespace().collect();
    if words.is_empty() || words.len() > 14 || s.contains(char::is_numeric) {
        return None;
    }
    let lower = s.to_lowercase();
    let org_word = lower
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| ORG_WORDS.contains(&w));
    let acronym = words.len() == 1
        && s.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && s.chars().all(|c| c.is_uppercase() || !c.is_alphabetic());
    let single = words.len() == 1 && s.chars().next().is_some_and(char::is_uppercase);
    let connected = words.len() >= 3
        && (words.contains(&"of") || words.contains(&"for") || words.contains(&"&"));
    (org_word || acronym || single || connected).then_some(s)
}

/// Whether `s` reads as a title: a few words, mostly capitalised (Title Case), or any
/// caseless script.
pub(super) fn title_like(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    if words.is_empty() || words.len() > 40 || s.contains(" | ") {
        return false;
    }
    let first = s.chars().next();
    if !first.is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || !c.is_ascii()) {
        return false;
    }
    let long: Vec<&&str> = words.iter().filter(|w| w.chars().count() >= 4).collect();
    let capital = long
        .iter()
        .filter(|w| {
            w.trim_start_matches(|c: char| !c.is_alphanumeric())
                .chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
        })
        .count();
    long.is_empty() || capital * 2 >= long.len()
}

/// Splits `s` at its top-level commas (outside parentheses and brackets).
pub(super) fn comma_fields(s: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut from = 0;
    for (i, c) in s.char_indices() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = (depth - 1).max(0),
            ',' | '，' if depth == 0 => {
                out.push((from, i));
                from = i + c.len_utf8();
            }
            _ => {}
        }
    }
    out.push((from, s.len()));
    out
}

/// The year an author-date citation gives right after its authors: "Author. (2025).",
/// "Author (2023)", "Author. 2022." (APA, Harvard, Chicago author-date); and where the
/// rest of the citation starts.
static AUTHOR_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"^([^“”"‘()\[\]]{2,160}?)[.,]?\s*(?:\((\d{4})[a-z]?(?:,[^)]{0,20})?\)|(\d{4})[a-z]?\.)[.,]?\s+"#,
    )
    .expect("constant regex")
});

/// Lowercase words in a list of names ("Daniels, Owen J. and Will Hunt", "Ludwig van Beethoven").
const NAME_PARTICLES: &[&str] = &[
    "and", "&", "others", "et", "al", "van", "von", "de", "der", "den", "da", "di", "la", "le",
    "du", "y", "bin", "ibn",
];

/// An author-date citation: (authors, year, where what follows starts).
pub(super) fn author_year(s: &str) -> Option<(&str, i32, usize)> {
    let c = AUTHOR_YEAR.captures(s)?;
    let authors = c.get(1)?.as_str();
    let words: Vec<&str> = authors.split_whitespace().collect();
    let name_word = |w: &&str| {
        w.chars().next().is_some_and(char::is_uppercase)
            || NAME_PARTICLES.contains(&w.trim_end_matches([',', '.']))
    };
    if words.len() > 20 || !words.iter().all(name_word) {
        return None;
    }
    let year = c.get(2).or_else(|| c.get(3))?.as_str().parse().ok()?;
    Some((authors, year, c.get(0)?.end()))
}

/// The first sentence of `s` (up to a '.', '?' or '!' that ends it): its end.
pub(super) fn sentence_end(s: &str) -> usize {
    s.char_indices()
        .find(|&(i, c)| matches!(c, '.' | '?' | '!') && ends_sentence(s, i))
        .map_or(s.len(), |(i, c)| if c == '.' { i } else { i + 1 })
}

/// A parenthesis closing a book or report citation's title: "(Publisher, date)",
/// "(City: Publisher, 2008)", "(2021)", followed by the end, a comma, a dot or a link, not
/// by more title (":"). Returns (open, close end, content).
pub(super) fn publication_paren(s: &str) -> Option<(usize, usize, &str)> {
    let mut from = 0;
    while let Some(rel) = s.get(from..)?.find('(') {
        let open = from + rel;
        let (content, after) = paren(s.get(open..)?)?;
        let close_end = s.len() - after.len();
        let dated = !find_dates(content).is_empty() || UNDATED.is_match(content);
        let next = after.trim_start().chars().next();
        // OSCOLA puts the link and its access date right after: "(Publisher 2003) <URL>
        // accessed 7 May 2024"
        let access = [
            "accessed",
            "Accessed",
            "available",
            "Available",
            "retrieved",
        ]
        .iter()
        .any(|w| after.trim_start().starts_with(w));
        if dated && (access || next.is_none_or(|c| matches!(c, ',' | '.' | ';' | '，'))) {
            return Some((open, close_end, content));
        }
        from = close_end;
    }
    None
}

/// The publication date among the dates of a citation (offsets in `prose`, within `span`,
/// outside `skip`, the title): the most precise one (the first on ties); a month and day
/// written without a year ("Outlet, February 21.") is completed by the citation's year.
pub(super) fn pick_date(
    dates: &[FoundDate],
    prose: &str,
    span: (usize, usize),
    skip: Option<(usize, usize)>,
) -> Option<PartialDate> {
    let mut best: Option<FoundDate> = None;
    for d in dates {
        if best.is_none_or(|b| d.date.precision() > b.date.precision()) {
            best = Some(*d);
        }
    }
    let best = best?.date;
    if best.month.is_none() {
        let taken = |i: usize| {
            dates.iter().any(|d| i >= d.start && i < d.end)
                || skip.is_some_and(|(s, e)| i >= s && i < e)
        };
        let text = prose.get(span.0..span.1).unwrap_or("");
        if let Some((_, m, d)) = month_days(text).find(|&(i, _, _)| !taken(i + span.0)) {
            let full = PartialDate::day(best.year, m, d);
            if full.is_valid() {
                return Some(full);
            }
        }
    }
    Some(best)
}
