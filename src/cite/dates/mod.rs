//! The date grammar: dates in free text (English, ISO, numeric, CJK) and inside URLs.
//!
//! * [`find_dates`] finds every date in a note, with its byte span and whether it is an
//!   access date ("accessed 3 May 2020", "访问日期：2020年1月2日").
//! * [`parse_date`] (and [`PartialDate`]'s `FromStr`) reads a string that is one date.
//! * [`url_date`] reads the date a URL carries in its path or query ("/2019/10/17/",
//!   "ACK20190628005700881").
//! * [`years_in`] lists the standalone four-digit years of a text.
//!
//! Dates may be impossible as written ("2019-02-30", "February 30, 2019"): free text keeps
//! them so that a rule can report them ([`PartialDate::is_valid`]); URLs drop them.

use std::fmt;
use std::str::FromStr;
use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::{Captures, Regex};
use serde::{Serialize, Serializer};

mod access;
mod candidates;
mod cjk;
mod english;
mod numeric;
mod partial;
mod scan;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_agree;
mod url;
mod written;

use access::*;
use candidates::*;
use cjk::*;
use english::*;
use numeric::*;
pub use partial::{FoundDate, PartialDate, Precision};
use scan::*;
pub use url::url_date;
pub use written::{written_date, NumericOrder};

// ---------------------------------------------------------------------------------------
// Small helpers on text (all bounds-checked)
// ---------------------------------------------------------------------------------------

/// Years accepted where the form itself says "date" (month names, CJK, full ISO).
const EXPLICIT_YEARS: std::ops::RangeInclusive<i32> = 1000..=2999;
/// Years accepted for bare years and the weaker numeric forms.
const BARE_YEARS: std::ops::RangeInclusive<i32> = 1500..=2199;
/// Years accepted inside URLs.
const URL_YEARS: std::ops::RangeInclusive<i32> = 1990..=2099;

/// The value of a run of ASCII or full-width digits; `None` on anything else or overflow.
fn num(s: &str) -> Option<u32> {
    if s.is_empty() {
        return None;
    }
    s.chars().try_fold(0u32, |acc, c| {
        let d = match c {
            '0'..='9' => u32::from(c) - u32::from('0'),
            '０'..='９' => u32::from(c) - u32::from('０'),
            _ => return None,
        };
        acc.checked_mul(10)?.checked_add(d)
    })
}

fn year_of(s: &str) -> Option<i32> {
    i32::try_from(num(s)?).ok()
}

fn byte_at(text: &str, i: usize) -> Option<u8> {
    text.as_bytes().get(i).copied()
}

fn byte_before(text: &str, i: usize) -> Option<u8> {
    i.checked_sub(1).and_then(|j| byte_at(text, j))
}

fn char_before(text: &str, i: usize) -> Option<char> {
    text.get(..i).and_then(|p| p.chars().next_back())
}

fn is_digit_at(text: &str, i: usize) -> bool {
    byte_at(text, i).is_some_and(|b| b.is_ascii_digit())
}

/// The byte before `i` is an ASCII letter or digit (the match is glued to a word).
fn alnum_before(text: &str, i: usize) -> bool {
    byte_before(text, i).is_some_and(|b| b.is_ascii_alphanumeric())
}

/// `b` is one of the two or three bytes of `set` (a plain loop that inlines, where
/// `<[u8]>::contains` calls memchr).
fn is_one_of(b: u8, set: &[u8]) -> bool {
    set.iter().fold(false, |found, &s| found | (s == b))
}

/// `text[i..]` starts with one of `seps` followed by an ASCII digit ("-1", ".5").
fn sep_digit_at(text: &str, i: usize, seps: &[u8]) -> bool {
    byte_at(text, i).is_some_and(|b| is_one_of(b, seps)) && is_digit_at(text, i + 1)
}

/// `text[..i]` ends with a digit followed by one of `seps` ("3.", "1/").
fn digit_sep_before(text: &str, i: usize, seps: &[u8]) -> bool {
    byte_before(text, i).is_some_and(|b| is_one_of(b, seps))
        && i.checked_sub(2).is_some_and(|j| is_digit_at(text, j))
}

/// The maximal runs of ASCII digits in `s`, as byte ranges, without allocating.
struct DigitRuns<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Iterator for DigitRuns<'_> {
    type Item = (usize, usize);

    fn next(&mut self) -> Option<(usize, usize)> {
        let rest = self.bytes.get(self.at..)?;
        let start = self.at + rest.iter().position(u8::is_ascii_digit)?;
        let len = self
            .bytes
            .get(start..)
            .unwrap_or(&[])
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        self.at = start + len;
        Some((start, start + len))
    }
}

/// The maximal runs of ASCII digits in `s`, as byte ranges.
fn ascii_digit_runs(s: &str) -> DigitRuns<'_> {
    DigitRuns {
        bytes: s.as_bytes(),
        at: 0,
    }
}

/// `s` ends with `suffix`, compared ASCII-case-insensitively, with no ASCII letter just
/// before it when the suffix starts with a letter.
fn ends_with_word(s: &str, suffix: &str) -> bool {
    let Some(at) = s.len().checked_sub(suffix.len()) else {
        return false;
    };
    let Some(tail) = s.get(at..) else {
        return false;
    };
    if !tail.eq_ignore_ascii_case(suffix) {
        return false;
    }
    let starts_with_letter = suffix
        .bytes()
        .next()
        .is_some_and(|b| b.is_ascii_alphabetic());
    !(starts_with_letter && byte_before(s, at).is_some_and(|b| b.is_ascii_alphabetic()))
}

/// Words that make the number after them an issue, volume, page or id number, not a date.
const NUMBER_MARKERS: &[&str] = &[
    "no.", "no:", "nos.", "nr.", "n°", "nº", "#", "vol.", "vol", "vols.", "issue", "iss.", "pp.",
    "pp", "p.", "page", "pages", "art.", "number", "num.", "isbn", "issn", "ch.", "chap.", "sec.",
    "§", "fig.", "tab.", "ref.", "id",
];

/// The last bytes of the [`NUMBER_MARKERS`], in both ASCII cases: a text ending with any
/// other byte cannot end with a marker.
static MARKER_LAST_BYTES: [bool; 256] = {
    let mut table = [false; 256];
    let mut i = 0;
    while i < NUMBER_MARKERS.len() {
        let m = NUMBER_MARKERS[i].as_bytes();
        if !m.is_empty() {
            let last = m[m.len() - 1];
            table[last.to_ascii_lowercase() as usize] = true;
            table[last.to_ascii_uppercase() as usize] = true;
        }
        i += 1;
    }
    table
};

/// The text before byte `start` ends with an issue/volume/page marker ("No. ", "Vol.").
fn after_number_marker(text: &str, start: usize) -> bool {
    let pre = text.get(..start).unwrap_or("").trim_end();
    let Some(&last) = pre.as_bytes().last() else {
        return false;
    };
    MARKER_LAST_BYTES
        .get(usize::from(last))
        .is_some_and(|&hit| hit)
        && NUMBER_MARKERS.iter().any(|m| ends_with_word(pre, m))
}

// ---------------------------------------------------------------------------------------
// Public entry points for text
// ---------------------------------------------------------------------------------------

/// A '/' or "www." (any case): every [`RE_URLISH`] match holds one.
fn holds_url_sign(b: &[u8]) -> bool {
    memchr::memchr(b'/', b).is_some()
        || memchr::memchr2_iter(b'w', b'W', b).any(|i| {
            b.get(i..i + 4)
                .is_some_and(|w| w.eq_ignore_ascii_case(b"www."))
        })
}

/// Whether a whitespace character starts at byte `i`; its length.
fn whitespace_at(text: &str, i: usize) -> Option<usize> {
    let c = text.get(i..)?.chars().next()?;
    c.is_whitespace().then(|| c.len_utf8())
}

/// A byte that may be (part of) a whitespace character: ASCII space or control, or not
/// ASCII.
fn may_be_whitespace(b: u8) -> bool {
    b <= b' ' || b >= 0x80
}

/// The whitespace-delimited tokens around `start..end`: from the start of the token holding
/// `start` to the end of the token holding the byte before `end`.
fn token_span(text: &str, start: usize, end: usize) -> (usize, usize) {
    let b = text.as_bytes();
    // Backwards: the end of the last whitespace character before `start`.
    let mut from = start.min(b.len());
    let first = loop {
        let Some(p) = b
            .get(..from)
            .and_then(|h| h.iter().rposition(|&c| may_be_whitespace(c)))
        else {
            break 0;
        };
        let char_start = (0..=p)
            .rev()
            .find(|&i| text.is_char_boundary(i))
            .unwrap_or(0);
        if let Some(len) = whitespace_at(text, char_start) {
            break char_start + len;
        }
        from = char_start;
    };
    // Forwards: the first whitespace character at or after `end`.
    let mut at = end;
    let last = loop {
        let Some(p) = b
            .get(at..)
            .and_then(|h| h.iter().position(|&c| may_be_whitespace(c)))
        else {
            break b.len();
        };
        let p = at + p;
        if whitespace_at(text, p).is_some() {
            break p;
        }
        at = p + text
            .get(p..)
            .and_then(|r| r.chars().next())
            .map_or(1, char::len_utf8);
    };
    (first, last)
}

/// Drops the candidates that overlap a URL, a bare domain with a path, or a DOI
/// ([`RE_URLISH`]). Such a match never holds whitespace and always holds a '/' or "www."
/// (any case): only the tokens around a candidate can mask it, and only when they hold one.
/// A stretch of whole tokens, searched alone, holds the same matches as in the whole text
/// (the `\b` at its edges sees whitespace either way), so only the stretch that spans those
/// tokens is searched.
fn mask_urls(text: &str, cands: &mut Vec<Cand>) {
    let mut stretch: Option<(usize, usize)> = None;
    // The tokens looked at last: a candidate inside them needs no second look (searching
    // more whole tokens than needed changes nothing either).
    let mut seen = (0, 0);
    for c in cands.iter() {
        if seen.0 <= c.start && c.end <= seen.1 {
            continue;
        }
        let (from, to) = token_span(text, c.start, c.end);
        seen = (from, to);
        if holds_url_sign(text.as_bytes().get(from..to).unwrap_or(&[])) {
            stretch = Some(stretch.map_or((from, to), |(f, t)| (f.min(from), t.max(to))));
        }
    }
    let Some((from, to)) = stretch else {
        return;
    };
    let masks: Vec<(usize, usize)> = RE_URLISH
        .find_iter(text.get(from..to).unwrap_or(""))
        .map(|m| (from + m.start(), from + m.end()))
        .collect();
    cands.retain(|c| !masks.iter().any(|&(s, e)| c.start < e && s < c.end));
}

/// Every date in free text, in order, non-overlapping (the longest match wins), with its
/// byte span and whether it is an access date.
///
/// Forms: English ("January 2, 2010", "2nd Jan. 2010", "June 5-7, 2019" → the first day,
/// "Dec. 2019", "Spring 2019" → the year; month names only Capitalised or ALL CAPS), ISO and
/// numeric ("2019-10-19", "2019/10/19", "2019.10.19", "2019-10", "20191019", "19.10.2019",
/// "10/11/2019" read as US month/day, "10/2019"), CJK ("2020年1月2日", "2019년 10월") and bare
/// years 1500..=2199. Impossible but date-shaped dates ("2019-02-30", "February 30, 2019")
/// are returned so that they can be reported; numbers after "No.", "Vol.", "Issue", "pp."
/// are not months or days. Text inside URLs and DOIs is skipped (see [`url_date`]).
pub fn find_dates(text: &str) -> Vec<FoundDate> {
    if !may_hold_date(text) {
        return Vec::new();
    }
    let scan = Scan::of(text);
    let mut cands = Vec::with_capacity(8);
    collect(text, &scan, &mut cands);
    if cands.is_empty() {
        return Vec::new();
    }
    if scan.urlish {
        mask_urls(text, &mut cands);
    }
    let hints = AccessHints::of(text, &scan);
    let mut out = Vec::with_capacity(cands.len());
    let mut prev_end = 0;
    for c in select(cands) {
        let accessed = is_accessed(text.get(prev_end..c.start).unwrap_or(""), hints);
        out.push(FoundDate {
            date: c.date,
            start: c.start,
            end: c.end,
            accessed,
        });
        prev_end = c.end;
    }
    out
}

/// The date a whole string spells, in any form [`find_dates`] knows, or ISO with any
/// four-digit year ("1066"). Surrounding whitespace and trailing ".,;" are ignored. Like
/// `find_dates`, returns impossible date-shaped dates ("2019-02-30") as written.
pub fn parse_date(s: &str) -> Option<PartialDate> {
    let t = s.trim();
    if t.is_empty() {
        return None;
    }
    if let Some(d) = parse_iso_whole(t) {
        return Some(d);
    }
    let stripped = t.trim_end_matches(['.', ',', ';']).trim_end();
    whole_match(t).or_else(|| whole_match(stripped))
}

fn parse_iso_whole(t: &str) -> Option<PartialDate> {
    let caps = RE_ISO_WHOLE.captures(t)?;
    let year = year_of(group(&caps, "y")?.as_str())?;
    let month = group(&caps, "m").and_then(|m| num(m.as_str()));
    let day = group(&caps, "d").and_then(|d| num(d.as_str()));
    match (month, day) {
        (None, _) => Some(PartialDate::year(year)),
        (Some(m), None) => (1..=12).contains(&m).then(|| PartialDate::month(year, m)),
        (Some(m), Some(d)) => Some(PartialDate::day(year, m, d)),
    }
}

fn whole_match(t: &str) -> Option<PartialDate> {
    if t.is_empty() || !may_hold_date(t) {
        return None;
    }
    let mut cands = Vec::new();
    collect(t, &Scan::of(t), &mut cands);
    cands
        .into_iter()
        .find(|c| c.start == 0 && c.end == t.len())
        .map(|c| c.date)
}

/// The month an English month name or abbreviation names, as the date grammar reads it
/// (`"Sept"` → 9, `"March"` → 3); `None` for any other word (`"Marine"`).
pub fn month_of_name(word: &str) -> Option<u32> {
    english::MONTH_NAMES_BY_MONTH
        .iter()
        .position(|names| names.contains(&word))
        .and_then(|i| u32::try_from(i + 1).ok())
}

/// The standalone four-digit years 1500..=2199 in `text`, with their byte offsets: runs of
/// exactly four ASCII digits with no ASCII letter before and none after (except a single
/// lowercase disambiguation letter, "2019a"; "1990s" is a decade, not a year).
pub fn years_in(text: &str) -> Vec<(i32, usize)> {
    years_in_runs(text, ascii_digit_runs(text)).collect()
}

/// [`years_in`], given the maximal ASCII digit runs of `text`.
fn years_in_runs<'a>(
    text: &'a str,
    runs: impl Iterator<Item = (usize, usize)> + 'a,
) -> impl Iterator<Item = (i32, usize)> + 'a {
    runs.filter_map(move |(s, e)| {
        if e - s != 4 || byte_before(text, s).is_some_and(|b| b.is_ascii_alphabetic()) {
            return None;
        }
        if let Some(b) = byte_at(text, e).filter(u8::is_ascii_alphabetic) {
            let single = !byte_at(text, e + 1).is_some_and(|c| c.is_ascii_alphabetic());
            if !(b.is_ascii_lowercase() && b != b's' && single) {
                return None;
            }
        }
        let y = text.get(s..e).and_then(year_of)?;
        BARE_YEARS.contains(&y).then_some((y, s))
    })
}
