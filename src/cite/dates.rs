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

/// How precisely a date is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    Year,
    Month,
    Day,
}

/// A date known to year, month or day precision. May hold an impossible date (February 30,
/// month 13) as written: see [`PartialDate::is_valid`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    pub year: i32,
    pub month: Option<u32>,
    pub day: Option<u32>,
}

/// A date found in free text, with its byte span in that text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FoundDate {
    pub date: PartialDate,
    pub start: usize,
    pub end: usize,
    /// Introduced by "accessed", "retrieved", "viewed", "visited", "consulted", "last
    /// modified"... : an access date, never a publication date.
    pub accessed: bool,
}

// ---------------------------------------------------------------------------------------
// PartialDate
// ---------------------------------------------------------------------------------------

fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

/// Days in month `m` of year `y`; `None` when `m` is not 1..=12.
fn days_in_month(y: i32, m: u32) -> Option<u32> {
    Some(match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(y) => 29,
        2 => 28,
        _ => return None,
    })
}

impl PartialDate {
    /// A date known to the year: `PartialDate::year(2019)` is "2019".
    pub fn year(y: i32) -> Self {
        PartialDate {
            year: y,
            month: None,
            day: None,
        }
    }

    /// A date known to the month: `PartialDate::month(2019, 10)` is "2019-10".
    pub fn month(y: i32, m: u32) -> Self {
        PartialDate {
            year: y,
            month: Some(m),
            day: None,
        }
    }

    /// A date known to the day: `PartialDate::day(2019, 10, 19)` is "2019-10-19".
    pub fn day(y: i32, m: u32, d: u32) -> Self {
        PartialDate {
            year: y,
            month: Some(m),
            day: Some(d),
        }
    }

    /// The precision: `Year` without a month, `Month` with a month but no day, `Day` with
    /// both. (A day without a month is malformed and counts as `Year`.)
    pub fn precision(&self) -> Precision {
        match (self.month, self.day) {
            (None, _) => Precision::Year,
            (Some(_), None) => Precision::Month,
            (Some(_), Some(_)) => Precision::Day,
        }
    }

    /// Whether the date exists: year 1..=9999, month 1..=12, and the day exists in that
    /// month (February 29 only in leap years). A day without a month is not valid.
    pub fn is_valid(&self) -> bool {
        if !(1..=9999).contains(&self.year) {
            return false;
        }
        match (self.month, self.day) {
            (None, None) => true,
            (None, Some(_)) => false,
            (Some(m), None) => (1..=12).contains(&m),
            (Some(m), Some(d)) => days_in_month(self.year, m).is_some_and(|n| (1..=n).contains(&d)),
        }
    }

    /// The same date with the parts finer than `p` dropped: truncating 2019-10-19 to
    /// `Month` gives 2019-10. Never adds parts.
    pub fn truncate(&self, p: Precision) -> PartialDate {
        match p {
            Precision::Year => PartialDate::year(self.year),
            Precision::Month => PartialDate { day: None, ..*self },
            Precision::Day => *self,
        }
    }

    /// The first day of the period (2019 → 2019-01-01, 2019-10 → 2019-10-01); `None` if
    /// the date is not [valid](Self::is_valid).
    pub fn to_naive(&self) -> Option<NaiveDate> {
        if !self.is_valid() {
            return None;
        }
        NaiveDate::from_ymd_opt(self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))
    }

    /// The last day of the period (2019 → 2019-12-31, 2020-02 → 2020-02-29): the day to
    /// compare with "today" when asking whether a date is in the future. `None` if the date
    /// is not [valid](Self::is_valid).
    pub fn last_day(&self) -> Option<NaiveDate> {
        if !self.is_valid() {
            return None;
        }
        let m = self.month.unwrap_or(12);
        let d = match self.day {
            Some(d) => d,
            None => days_in_month(self.year, m)?,
        };
        NaiveDate::from_ymd_opt(self.year, m, d)
    }
}

/// ISO 8601 at the date's precision: "2019", "2019-10", "2019-10-19" (zero-padded; an
/// impossible date prints as written, e.g. "2019-13-01").
impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
            if let Some(d) = self.day {
                write!(f, "-{d:02}")?;
            }
        }
        Ok(())
    }
}

/// Serialized as its [`Display`](fmt::Display) string: `"2019-10"`.
impl Serialize for PartialDate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// Parses ISO "2019", "2019-10", "2019-10-19" and anything [`parse_date`] accepts.
impl FromStr for PartialDate {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        parse_date(s).ok_or_else(|| format!("not a date: {:?}", s.trim()))
    }
}

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
// Patterns
// ---------------------------------------------------------------------------------------

/// The English month names and abbreviations, by month, longest first ("Sept" before
/// "Sep"). The month alternation `M` of the English forms is every full name, then "Sept",
/// then the abbreviations, each Capitalised then ALL CAPS; names of different months never
/// match at the same place, so trying one month's names in this order tries `M` in order.
const MONTH_NAMES_BY_MONTH: [&[&str]; 12] = [
    &["January", "Jan"],
    &["February", "Feb"],
    &["March", "Mar"],
    &["April", "Apr"],
    &["May"],
    &["June", "Jun"],
    &["July", "Jul"],
    &["August", "Aug"],
    &["September", "Sept", "Sep"],
    &["October", "Oct"],
    &["November", "Nov"],
    &["December", "Dec"],
];

fn compile(pattern: &str) -> Regex {
    Regex::new(pattern).expect("date pattern is a valid regex")
}

// ---------------------------------------------------------------------------------------
// English forms, matched by hand
// ---------------------------------------------------------------------------------------
//
// Each `*_at` function below matches its English form at byte `i` exactly as the regex in
// its comment would: every choice (an alternative, an optional part) is tried in the
// regex's order of preference, and the first way to complete the match wins, as in the
// regex crate's leftmost-first semantics. `\s` is Unicode whitespace (`char::is_whitespace`
// is the same property); a greedy `\s*` or `\s+` always takes all the whitespace there is,
// because nothing that may follow it in these patterns is whitespace. `M` is the month
// alternation (`January|JANUARY|…|Dec|DEC`: [`MONTH_NAMES_BY_MONTH`] Capitalised or ALL
// CAPS, never lowercase, so that "may" the verb is not a month) and `ORD` is
// `(?:st|nd|rd|th|ST|ND|RD|TH)?`. The regexes themselves are kept in the tests, which check
// that both agree.

/// An English match: where it ends, its month, and the byte ranges of its day (when the
/// form has one) and year.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct EnglishMatch {
    end: usize,
    month: u32,
    day: Option<(usize, usize)>,
    year: (usize, usize),
}

/// The end of the whitespace at byte `i` (greedy `\s*`).
fn skip_ws(text: &str, i: usize) -> usize {
    let rest = text.get(i..).unwrap_or("");
    i + (rest.len() - rest.trim_start().len())
}

/// The end of the whitespace at byte `i` when there is some (greedy `\s+`).
fn skip_ws1(text: &str, i: usize) -> Option<usize> {
    let end = skip_ws(text, i);
    (end > i).then_some(end)
}

/// `[-–—]` (or `[-–—/]` with `slash`) at byte `i`: its end.
fn dash_at(b: &[u8], i: usize, slash: bool) -> Option<usize> {
    match b.get(i..)? {
        [b'-', ..] => Some(i + 1),
        [b'/', ..] if slash => Some(i + 1),
        // '–' is E2 80 93, '—' is E2 80 94.
        [0xE2, 0x80, 0x93 | 0x94, ..] => Some(i + 3),
        _ => None,
    }
}

/// Tries `k` after each month name that matches at byte `i` (with the name's end and its
/// month number), in the order of the alternation `M`; returns the first success.
fn month_then<R>(text: &str, i: usize, mut k: impl FnMut(usize, u32) -> Option<R>) -> Option<R> {
    let rest = text.as_bytes().get(i..)?;
    let Some(&[c0, c1, c2]) = rest.get(..3) else {
        return None;
    };
    if !c0.is_ascii_uppercase() {
        return None;
    }
    // Names of different months differ in their first three letters, so only this
    // month's names can match here; they are tried in the alternation's order.
    let key = key3(&[c0, c1, c2]);
    let at = MONTH_KEYS.iter().position(|&k| k == key)?;
    let number = u32::try_from(at + 1).ok()?;
    for name in MONTH_NAMES_BY_MONTH.get(at)?.iter() {
        let n = name.as_bytes();
        let Some(w) = rest.get(..n.len()) else {
            continue;
        };
        // Capitalised, then ALL CAPS (never both at once: every name has a lowercase
        // second letter).
        if w != n && !w.iter().zip(n).all(|(a, b)| *a == b.to_ascii_uppercase()) {
            continue;
        }
        if let Some(r) = k(i + n.len(), number) {
            return Some(r);
        }
    }
    None
}

/// `[0-3]?[0-9]` at byte `i`: tries `k` after two digits, then after one.
fn day_then<R>(b: &[u8], i: usize, mut k: impl FnMut(usize) -> Option<R>) -> Option<R> {
    let first = b.get(i).copied();
    if first.is_some_and(|c| (b'0'..=b'3').contains(&c))
        && b.get(i + 1).is_some_and(u8::is_ascii_digit)
    {
        if let Some(r) = k(i + 2) {
            return Some(r);
        }
    }
    if first.is_some_and(|c| c.is_ascii_digit()) {
        return k(i + 1);
    }
    None
}

/// `ORD` at byte `i`: tries `k` after an ordinal suffix, then without one.
fn ordinal_then<R>(b: &[u8], i: usize, mut k: impl FnMut(usize) -> Option<R>) -> Option<R> {
    const ORDINALS: [&[u8; 2]; 8] = [b"st", b"nd", b"rd", b"th", b"ST", b"ND", b"RD", b"TH"];
    if b.get(i..i + 2)
        .is_some_and(|w| ORDINALS.iter().any(|o| w == &o[..]))
    {
        if let Some(r) = k(i + 2) {
            return Some(r);
        }
    }
    k(i)
}

/// `(?:\.|(?-u:\b))` right after a month name (which ends with an ASCII letter): tries `k`
/// after a dot, then at a word boundary.
fn dot_or_boundary_then<R>(b: &[u8], i: usize, mut k: impl FnMut(usize) -> Option<R>) -> Option<R> {
    if b.get(i) == Some(&b'.') {
        if let Some(r) = k(i + 1) {
            return Some(r);
        }
    }
    if b.get(i).is_some_and(|&c| is_word_byte(c)) {
        return None;
    }
    k(i)
}

/// `[0-9]{4}` at byte `i`: its range.
fn year_span(b: &[u8], i: usize) -> Option<(usize, usize)> {
    four_at(b, i).map(|end| (i, end))
}

/// `(?:\s*,\s*|\s+)(?P<y>[0-9]{4})` at byte `i`: the year's range.
fn comma_or_space_year(text: &str, i: usize) -> Option<(usize, usize)> {
    let b = text.as_bytes();
    let q = skip_ws(text, i);
    if b.get(q) == Some(&b',') {
        if let Some(y) = year_span(b, skip_ws(text, q + 1)) {
            return Some(y);
        }
    }
    year_span(b, skip_ws1(text, i)?)
}

/// `(?:\.\s*|\s*,\s*|\s+)(?P<y>[0-9]{4})` at byte `i`: the year's range.
fn dot_comma_or_space_year(text: &str, i: usize) -> Option<(usize, usize)> {
    let b = text.as_bytes();
    if b.get(i) == Some(&b'.') {
        if let Some(y) = year_span(b, skip_ws(text, i + 1)) {
            return Some(y);
        }
    }
    comma_or_space_year(text, i)
}

/// `\s*,?\s*(?P<y>[0-9]{4})` at byte `i`: the year's range.
fn optional_comma_year(text: &str, i: usize) -> Option<(usize, usize)> {
    let b = text.as_bytes();
    let q = skip_ws(text, i);
    if b.get(q) == Some(&b',') {
        if let Some(y) = year_span(b, skip_ws(text, q + 1)) {
            return Some(y);
        }
    }
    year_span(b, q)
}

/// `(?:\.\s*|\s+)` after a month name at byte `i`: its end. (A dot leaves no whitespace
/// for the second alternative, so only one of them can apply.)
fn after_month_name(text: &str, i: usize) -> Option<usize> {
    if text.as_bytes().get(i) == Some(&b'.') {
        Some(skip_ws(text, i + 1))
    } else {
        skip_ws1(text, i)
    }
}

/// `(?-u:\b)M(?:\.\s*|\s+)(?P<d>[0-3]?[0-9])ORD(?:\s*[-–—]\s*(?:M(?:\.\s*|\s+))?[0-3]?[0-9]ORD)?(?:\s*,\s*|\s+)(?P<y>[0-9]{4})`:
/// "January 2, 2010", "Jan. 2 2010", "January 2nd, 2010", "June 5-7, 2019",
/// "June 30 – July 2, 2019".
fn mdy_at(text: &str, i: usize) -> Option<EnglishMatch> {
    let b = text.as_bytes();
    if byte_before(text, i).is_some_and(is_word_byte) {
        return None;
    }
    // After the first day: an optional range, then the year.
    let rest = |p: usize| -> Option<(usize, usize)> {
        let range = dash_at(b, skip_ws(text, p), false).and_then(|q| {
            let q = skip_ws(text, q);
            let to_year = |de: usize| ordinal_then(b, de, |oe| comma_or_space_year(text, oe));
            month_then(text, q, |me, _| {
                day_then(b, after_month_name(text, me)?, to_year)
            })
            .or_else(|| day_then(b, q, to_year))
        });
        range.or_else(|| comma_or_space_year(text, p))
    };
    month_then(text, i, |me, month| {
        let d = after_month_name(text, me)?;
        day_then(b, d, |de| {
            let year = ordinal_then(b, de, rest)?;
            Some(EnglishMatch {
                end: year.1,
                month,
                day: Some((d, de)),
                year,
            })
        })
    })
}

/// `(?-u:\b)(?P<d>[0-3]?[0-9])ORD(?:\s*[-–—]\s*[0-3]?[0-9]ORD)?\s+(?:of\s+)?(?P<m>M)(?:\.\s*|\s*,\s*|\s+)(?P<y>[0-9]{4})`:
/// "2 January 2010", "2nd January 2010", "5-7 June 2019", "2nd of January, 2010".
fn dmy_at(text: &str, i: usize) -> Option<EnglishMatch> {
    let b = text.as_bytes();
    if byte_before(text, i).is_some_and(is_word_byte) {
        return None;
    }
    // `M` and the year, at byte `q`.
    let month_year = |q: usize| {
        month_then(text, q, |me, month| {
            dot_comma_or_space_year(text, me).map(|y| (month, y))
        })
    };
    // `\s+(?:of\s+)?` then `M` and the year.
    let rest = |p: usize| {
        let q = skip_ws1(text, p)?;
        let with_of = match b.get(q..q + 2) {
            Some(b"of") => skip_ws1(text, q + 2).and_then(month_year),
            _ => None,
        };
        with_of.or_else(|| month_year(q))
    };
    day_then(b, i, |de| {
        let (month, year) = ordinal_then(b, de, |oe| {
            let range = dash_at(b, skip_ws(text, oe), false)
                .and_then(|q| day_then(b, skip_ws(text, q), |de2| ordinal_then(b, de2, rest)));
            range.or_else(|| rest(oe))
        })?;
        Some(EnglishMatch {
            end: year.1,
            month,
            day: Some((i, de)),
            year,
        })
    })
}

/// `(?-u:\b)(?P<m>M)(?:\.|(?-u:\b))(?:\s*[-–—/]\s*M(?:\.|(?-u:\b)))?\s*,?\s*(?P<y>[0-9]{4})`:
/// "December 2019", "Dec. 2019", "December, 2019", "Jan–Feb 2019" (the first month).
fn my_at(text: &str, i: usize) -> Option<EnglishMatch> {
    let b = text.as_bytes();
    if byte_before(text, i).is_some_and(is_word_byte) {
        return None;
    }
    let rest = |p: usize| {
        let range = dash_at(b, skip_ws(text, p), true).and_then(|q| {
            month_then(text, skip_ws(text, q), |me, _| {
                dot_or_boundary_then(b, me, |r| optional_comma_year(text, r))
            })
        });
        range.or_else(|| optional_comma_year(text, p))
    };
    month_then(text, i, |me, month| {
        let year = dot_or_boundary_then(b, me, rest)?;
        Some(EnglishMatch {
            end: year.1,
            month,
            day: None,
            year,
        })
    })
}

/// `(?-u:\b)(?:Spring|Summer|Fall|Autumn|Winter|SPRING|SUMMER|FALL|AUTUMN|WINTER)(?:\s*,\s*|\s+)(?P<y>[0-9]{4})`:
/// "Spring 2019", a year.
fn season_at(text: &str, i: usize) -> Option<EnglishMatch> {
    const SEASONS: [&str; 10] = [
        "Spring", "Summer", "Fall", "Autumn", "Winter", "SPRING", "SUMMER", "FALL", "AUTUMN",
        "WINTER",
    ];
    if byte_before(text, i).is_some_and(is_word_byte) {
        return None;
    }
    let rest = text.as_bytes().get(i..)?;
    SEASONS
        .iter()
        .filter(|s| rest.starts_with(s.as_bytes()))
        .find_map(|s| comma_or_space_year(text, i + s.len()))
        .map(|year| EnglishMatch {
            end: year.1,
            month: 0,
            day: None,
            year,
        })
}

/// Every match of `at` in `text` as `captures_iter` would find them (the leftmost, then the
/// leftmost from its end...), given every position where a match can start, in order.
fn each_english(
    text: &str,
    starts: impl IntoIterator<Item = usize>,
    at: fn(&str, usize) -> Option<EnglishMatch>,
    mut f: impl FnMut(usize, EnglishMatch),
) {
    let mut from = 0;
    for i in starts {
        if i < from {
            continue;
        }
        if let Some(m) = at(text, i) {
            f(i, m);
            from = m.end;
        }
    }
}

// ---------------------------------------------------------------------------------------
// CJK forms, matched by hand
// ---------------------------------------------------------------------------------------

/// The marks of a CJK form: after the year, after the month, and after the day.
struct CjkMarks {
    year: char,
    month: char,
    day: &'static [char],
}

/// `(?P<y>[0-9０-９]{4})\s*年(?:\s*(?P<m>[0-9０-９]{1,2})\s*月(?:\s*(?P<d>[0-9０-９]{1,2})\s*[日号號])?)?`:
/// "2020年1月2日", "2020年1月", "2020年", with optional spaces and full-width digits.
const CJK_MARKS: CjkMarks = CjkMarks {
    year: '年',
    month: '月',
    day: &['日', '号', '號'],
};

/// `(?P<y>[0-9０-９]{4})\s*년(?:\s*(?P<m>[0-9０-９]{1,2})\s*월(?:\s*(?P<d>[0-9０-９]{1,2})\s*일)?)?`:
/// "2019년 10월 29일", "2019년 10월", "2019년".
const KO_MARKS: CjkMarks = CjkMarks {
    year: '년',
    month: '월',
    day: &['일'],
};

/// A CJK match: where it ends, and the byte ranges of its year, month and day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct CjkMatch {
    end: usize,
    year: (usize, usize),
    month: Option<(usize, usize)>,
    day: Option<(usize, usize)>,
}

fn is_any_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// The end of the `[0-9０-９]` digit at byte `i`.
fn any_digit_end(text: &str, i: usize) -> Option<usize> {
    let c = text.get(i..)?.chars().next().filter(|&c| is_any_digit(c))?;
    Some(i + c.len_utf8())
}

/// The end of up to `max` `[0-9０-９]` digits at byte `i` (`i` itself when there are none).
fn any_digits_end(text: &str, i: usize, max: usize) -> usize {
    let mut end = i;
    for _ in 0..max {
        match any_digit_end(text, end) {
            Some(e) => end = e,
            None => break,
        }
    }
    end
}

/// The end of `mark` at byte `i`, after any whitespace (`\s*` then the mark).
fn mark_end(text: &str, i: usize, mark: &[char]) -> Option<usize> {
    let at = skip_ws(text, i);
    let c = text
        .get(at..)?
        .chars()
        .next()
        .filter(|c| mark.contains(c))?;
    Some(at + c.len_utf8())
}

/// `[0-9０-９]{1,2}\s*` then a mark, at byte `i`: the digits' range and the mark's end. A
/// greedy `{1,2}` that backs off to one digit leaves a digit where whitespace or the mark
/// is needed, so the longest run of up to two digits is the only one that can match.
fn number_then_mark(text: &str, i: usize, mark: &[char]) -> Option<((usize, usize), usize)> {
    let end = any_digits_end(text, i, 2);
    if end == i {
        return None;
    }
    Some(((i, end), mark_end(text, end, mark)?))
}

/// The CJK pattern of `marks` at byte `i`.
fn cjk_at(text: &str, i: usize, marks: &CjkMarks) -> Option<CjkMatch> {
    let mut y_end = i;
    for _ in 0..4 {
        y_end = any_digit_end(text, y_end)?;
    }
    let mut m = CjkMatch {
        end: mark_end(text, y_end, &[marks.year])?,
        year: (i, y_end),
        month: None,
        day: None,
    };
    // Each optional part is taken when it matches (greedy), and nothing after it can fail.
    let Some((month, month_end)) = number_then_mark(text, skip_ws(text, m.end), &[marks.month])
    else {
        return Some(m);
    };
    m.month = Some(month);
    m.end = month_end;
    if let Some((day, day_end)) = number_then_mark(text, skip_ws(text, m.end), marks.day) {
        m.day = Some(day);
        m.end = day_end;
    }
    Some(m)
}

/// Every match of the CJK pattern of `marks` in `text`, as `captures_iter` would find them.
/// Each match holds one year mark, and four digits then whitespace before that mark fix
/// where the match starts: so each mark gives at most one start, in order.
fn each_cjk(text: &str, marks: &CjkMarks, mut f: impl FnMut(usize, CjkMatch)) {
    let mut from = 0;
    for (q, _) in text.match_indices(marks.year) {
        let Some(before) = text.get(..q) else {
            continue;
        };
        let digits = before.trim_end();
        let Some((start, _)) = digits.char_indices().rev().nth(3) else {
            continue;
        };
        if start < from {
            continue;
        }
        if let Some(m) = cjk_at(text, start, marks) {
            f(start, m);
            from = m.end;
        }
    }
}

// ---------------------------------------------------------------------------------------
// Numeric forms, matched by hand
// ---------------------------------------------------------------------------------------
//
// Each `*_at` function below matches its numeric form at byte `i` exactly as the regex in
// its comment would (leftmost-first, greedy: the regex crate's own semantics), and
// [`each_match`] walks a text the way `Regex::captures_iter` does: the leftmost match,
// then the next one from its end. Compiling and running six regexes per note cost more
// than everything else in `find_dates`; the regexes are kept in the tests, which check
// that both agree.

/// One numeric match: its end, and the byte ranges of its number groups and its
/// separators, in pattern order (unused slots stay empty / 0).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct NumMatch {
    end: usize,
    nums: [(usize, usize); 3],
    seps: [u8; 2],
}

/// How many ASCII digits (at most `max`) start at `b[i..]`.
fn digits_at(b: &[u8], i: usize, max: usize) -> usize {
    b.get(i..)
        .unwrap_or(&[])
        .iter()
        .take(max)
        .take_while(|c| c.is_ascii_digit())
        .count()
}

/// The byte at `i` when it is one of `set`.
fn byte_in(b: &[u8], i: usize, set: &[u8]) -> Option<u8> {
    b.get(i).copied().filter(|&c| is_one_of(c, set))
}

/// `[0-9]{1,2}` at `i` followed by a byte of `next` (which holds no digit): as a greedy
/// regex would take it, the whole run of up to two digits, then the byte. Returns the end
/// of the digits and the byte.
fn one_or_two_then(b: &[u8], i: usize, next: &[u8]) -> Option<(usize, u8)> {
    // With two digits and no `next` after them, backing off to one digit leaves a digit
    // where `next` is needed: no match either way.
    let n = digits_at(b, i, 2);
    if n == 0 {
        return None;
    }
    Some((i + n, byte_in(b, i + n, next)?))
}

/// `[0-9]{4}` at `i`: its end.
fn four_at(b: &[u8], i: usize) -> Option<usize> {
    (digits_at(b, i, 4) == 4).then_some(i + 4)
}

/// `(?P<y>[0-9]{4})(?P<s1>[-/.])(?P<m>[0-9]{1,2})(?P<s2>[-/.])(?P<d>[0-9]{1,2})`:
/// "2019-10-19", "2019/10/19", "2019.10.19" (same separator twice, checked in code).
fn ymd_at(b: &[u8], i: usize) -> Option<NumMatch> {
    let y_end = four_at(b, i)?;
    let s1 = byte_in(b, y_end, b"-/.")?;
    let (m_end, s2) = one_or_two_then(b, y_end + 1, b"-/.")?;
    let n = digits_at(b, m_end + 1, 2);
    if n == 0 {
        return None;
    }
    Some(NumMatch {
        end: m_end + 1 + n,
        nums: [(i, y_end), (y_end + 1, m_end), (m_end + 1, m_end + 1 + n)],
        seps: [s1, s2],
    })
}

/// `(?P<y>[0-9]{4})\.[ \t](?P<m>[0-9]{1,2})\.[ \t](?P<d>[0-9]{1,2})\.`: "2019. 10. 29."
/// (Korean style: a space after each dot, a final dot).
fn ymd_spaced_at(b: &[u8], i: usize) -> Option<NumMatch> {
    let y_end = four_at(b, i)?;
    byte_in(b, y_end, b".")?;
    byte_in(b, y_end + 1, b" \t")?;
    let m_start = y_end + 2;
    let (m_end, _) = one_or_two_then(b, m_start, b".")?;
    byte_in(b, m_end + 1, b" \t")?;
    let d_start = m_end + 2;
    let (d_end, _) = one_or_two_then(b, d_start, b".")?;
    Some(NumMatch {
        end: d_end + 1,
        nums: [(i, y_end), (m_start, m_end), (d_start, d_end)],
        seps: [b'.', b'.'],
    })
}

/// `(?P<y>[0-9]{4})(?P<s>[-/.])(?P<m>[0-9]{1,2})`: "2019-10", "2019/10", "2019.10" (the
/// dotted form needs a two-digit month, checked in code).
fn ym_at(b: &[u8], i: usize) -> Option<NumMatch> {
    let y_end = four_at(b, i)?;
    let s = byte_in(b, y_end, b"-/.")?;
    let n = digits_at(b, y_end + 1, 2);
    if n == 0 {
        return None;
    }
    Some(NumMatch {
        end: y_end + 1 + n,
        nums: [(i, y_end), (y_end + 1, y_end + 1 + n), (0, 0)],
        seps: [s, 0],
    })
}

/// `[0-9]{8}`: "20191019".
fn compact_at(b: &[u8], i: usize) -> Option<NumMatch> {
    (digits_at(b, i, 8) == 8).then_some(NumMatch {
        end: i + 8,
        nums: [(i, i + 4), (i + 4, i + 6), (i + 6, i + 8)],
        seps: [0, 0],
    })
}

/// `(?P<a>[0-9]{1,2})(?P<s1>[./-])(?P<b>[0-9]{1,2})(?P<s2>[./-])(?P<y>[0-9]{4})`:
/// "19.10.2019", "19/10/2019", "10/11/2019", "19-10-2019".
fn dmy_num_at(b: &[u8], i: usize) -> Option<NumMatch> {
    let (a_end, s1) = one_or_two_then(b, i, b"./-")?;
    let (b_end, s2) = one_or_two_then(b, a_end + 1, b"./-")?;
    let y_end = four_at(b, b_end + 1)?;
    Some(NumMatch {
        end: y_end,
        nums: [(i, a_end), (a_end + 1, b_end), (b_end + 1, y_end)],
        seps: [s1, s2],
    })
}

/// `(?P<m>[0-9]{1,2})/(?P<y>[0-9]{4})`: "10/2019".
fn my_num_at(b: &[u8], i: usize) -> Option<NumMatch> {
    let (m_end, _) = one_or_two_then(b, i, b"/")?;
    let y_end = four_at(b, m_end + 1)?;
    Some(NumMatch {
        end: y_end,
        nums: [(i, m_end), (m_end + 1, y_end), (0, 0)],
        seps: [b'/', 0],
    })
}

/// Where in a maximal digit run `start..end` a numeric form can start (every form starts
/// with digits followed by a non-digit, or with eight digits): a four-digit year followed
/// by a separator starts exactly four digits before the run's end...
fn year_first(start: usize, end: usize) -> std::ops::Range<usize> {
    match end.checked_sub(4) {
        Some(at) if at >= start => at..at + 1,
        _ => 0..0,
    }
}

/// ...one or two digits followed by a separator start at most two digits before it...
fn short_first(start: usize, end: usize) -> std::ops::Range<usize> {
    end.saturating_sub(2).max(start)..end
}

/// ...and eight digits anywhere eight digits remain.
fn eight_digits(start: usize, end: usize) -> std::ops::Range<usize> {
    start..end.saturating_sub(7).max(start)
}

/// Every match of `at` in `text` as `captures_iter` would find them: the leftmost, then the
/// leftmost from its end, and so on. `runs` are the maximal ASCII digit runs of `text`;
/// `starts` narrows each run to the positions where a match can start (skipping positions
/// where it cannot changes nothing).
fn each_match(
    text: &str,
    runs: &[(usize, usize)],
    starts: fn(usize, usize) -> std::ops::Range<usize>,
    at: fn(&[u8], usize) -> Option<NumMatch>,
    mut f: impl FnMut(usize, NumMatch),
) {
    let b = text.as_bytes();
    let mut from = 0;
    for &(run_start, run_end) in runs {
        let mut i = starts(run_start, run_end).start.max(from);
        let end = starts(run_start, run_end).end;
        while i < end {
            match at(b, i) {
                Some(m) if m.end > i => {
                    f(i, m);
                    from = m.end;
                    i = m.end;
                }
                _ => i += 1,
            }
        }
    }
}

/// The value of the ASCII digits at `b[s..e]`; `None` when empty or not digits.
fn value_at(b: &[u8], (s, e): (usize, usize)) -> Option<u32> {
    let digits = b.get(s..e).filter(|d| !d.is_empty())?;
    digits.iter().try_fold(0u32, |acc, &c| {
        if !c.is_ascii_digit() {
            return None;
        }
        acc.checked_mul(10)?.checked_add(u32::from(c - b'0'))
    })
}

fn year_at(b: &[u8], span: (usize, usize)) -> Option<i32> {
    i32::try_from(value_at(b, span)?).ok()
}

// ---------------------------------------------------------------------------------------
// A cheap first pass: where the forms can start, and which cannot match at all
// ---------------------------------------------------------------------------------------

/// What one byte pass over a text finds. Every flag is a necessary condition of the
/// patterns it gates, and every list holds every position where its patterns can start, so
/// skipping what the scan rules out never changes a result.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct Scan {
    /// The maximal runs of ASCII digits, as byte ranges.
    runs: Vec<(usize, usize)>,
    /// A run of four or more ASCII digits: every form but CJK needs one.
    digits4: bool,
    /// Where a Capitalised or ALL CAPS month-name prefix ("Jan", "SEP") starts an ASCII
    /// word: the month-first forms start there.
    months: Vec<usize>,
    /// One of those month names follows whitespace that follows an ASCII letter or digit,
    /// as in "2 January", "2nd of March": the day-month-year form needs one.
    month_after_word: bool,
    /// Where a Capitalised or ALL CAPS season prefix ("Spr", "FAL") starts an ASCII word.
    seasons: Vec<usize>,
    /// 年.
    cjk: bool,
    /// 년.
    korean: bool,
    /// A '/' or "www." (any case): URLs, bare domains with a path and DOIs need one.
    urlish: bool,
    /// The first four letters of a Latin access marker ([`ACCESS_KEYS`], any ASCII case)
    /// start an ASCII word (no ASCII letter before them) somewhere.
    access: bool,
}

/// Three bytes, ASCII-lowercased, as one number: `key3(b"Jan") == key3(b"jan")`.
const fn key3(b: &[u8; 3]) -> u32 {
    u32::from_le_bytes([
        b[0].to_ascii_lowercase(),
        b[1].to_ascii_lowercase(),
        b[2].to_ascii_lowercase(),
        0,
    ])
}

/// The first three letters of the month names, in month order.
const MONTH_KEYS: [u32; 12] = [
    key3(b"jan"),
    key3(b"feb"),
    key3(b"mar"),
    key3(b"apr"),
    key3(b"may"),
    key3(b"jun"),
    key3(b"jul"),
    key3(b"aug"),
    key3(b"sep"),
    key3(b"oct"),
    key3(b"nov"),
    key3(b"dec"),
];

/// The first three letters of the season names.
const SEASON_KEYS: [u32; 5] = [
    key3(b"spr"),
    key3(b"sum"),
    key3(b"fal"),
    key3(b"aut"),
    key3(b"win"),
];

/// An ASCII word byte, as `(?-u:\b)` sees it.
fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// Eight bytes per step: the high bit of each byte of the result is set where that byte of
/// `x` is ASCII and in `lo..=hi` (`hi` < 0x80), with no carries between bytes.
const fn ascii_in_range(x: u64, lo: u8, hi: u8) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let low7 = x & !HIGH;
    let at_least_lo = low7 + ONES * (0x80 - lo as u64);
    let above_hi = low7 + ONES * (0x7F - hi as u64);
    at_least_lo & !above_hi & !x & HIGH
}

impl Scan {
    fn of(text: &str) -> Scan {
        let b = text.as_bytes();
        let mut s = Scan {
            runs: Vec::with_capacity(16),
            ..Scan::default()
        };
        let mut run: Option<(usize, usize)> = None;
        // The high bit of byte 0 set when the byte before the chunk is an ASCII letter.
        let mut letter_before = 0u64;
        let chunks = b.chunks_exact(8);
        let mut last = [0u8; 8];
        for (l, c) in last.iter_mut().zip(chunks.remainder()) {
            *l = *c;
        }
        let words = chunks
            .map(|c| <[u8; 8]>::try_from(c).unwrap_or([0; 8]))
            .chain(std::iter::once(last));
        for (chunk_no, word) in words.enumerate() {
            let x = u64::from_le_bytes(word);
            let base = chunk_no * 8;
            let mut digits = ascii_in_range(x, b'0', b'9');
            while digits != 0 {
                let i = base + (digits.trailing_zeros() / 8) as usize;
                digits &= digits - 1;
                match &mut run {
                    Some((_, end)) if *end == i => *end = i + 1,
                    _ => {
                        if let Some(done) = run.replace((i, i + 1)) {
                            s.runs.push(done);
                        }
                    }
                }
            }
            let mut uppers = ascii_in_range(x, b'A', b'Z');
            while uppers != 0 {
                let i = base + (uppers.trailing_zeros() / 8) as usize;
                uppers &= uppers - 1;
                s.capital_at(text, i);
            }
            // `| 0x20` lowercases ASCII letters and makes no other byte a lowercase letter.
            let letters = ascii_in_range(x | 0x2020_2020_2020_2020, b'a', b'z');
            let mut word_starts = letters & !((letters << 8) | letter_before);
            letter_before = (letters >> 56) & 0x80;
            while word_starts != 0 && !s.access {
                let i = base + (word_starts.trailing_zeros() / 8) as usize;
                word_starts &= word_starts - 1;
                let first = b.get(i).map_or(0, |c| c | 0x20);
                s.access = matches!(first, b'a' | b'c' | b'd' | b'l' | b'r' | b'v')
                    && starts_with_access_key(b.get(i..).unwrap_or(&[]));
            }
        }
        s.runs.extend(run);
        s.digits4 = s.runs.iter().any(|&(st, e)| e - st >= 4);
        s.urlish = holds_url_sign(b);
        // 年 is E5 B9 B4, 년 is EB 85 84.
        for i in memchr::memchr2_iter(0xE5, 0xEB, b) {
            match b.get(i..i + 3) {
                Some([0xE5, 0xB9, 0xB4]) => s.cjk = true,
                Some([0xEB, 0x85, 0x84]) => s.korean = true,
                _ => {}
            }
        }
        s
    }

    /// Notes a month or season name that may start at the ASCII capital letter at byte `i`.
    fn capital_at(&mut self, text: &str, i: usize) {
        // The capitals that start a month or season name: A D F J M N O S W.
        const FIRSTS: u32 =
            1 | 1 << 3 | 1 << 5 | 1 << 9 | 1 << 12 | 1 << 13 | 1 << 14 | 1 << 18 | 1 << 22;
        let b = text.as_bytes();
        let Some(&[c0, c1, c2]) = b.get(i..i + 3) else {
            return;
        };
        let first = u32::from(c0.wrapping_sub(b'A'));
        if first >= 26
            || (FIRSTS >> first) & 1 == 0
            || byte_before(text, i).is_some_and(is_word_byte)
        {
            return;
        }
        let key = key3(&[c0, c1, c2]);
        if MONTH_KEYS.contains(&key) {
            self.months.push(i);
            if !self.month_after_word {
                self.month_after_word = char_before(text, i).is_some_and(char::is_whitespace)
                    && text
                        .get(..i)
                        .and_then(|p| p.trim_end().chars().next_back())
                        .is_some_and(|c| c.is_ascii_alphanumeric());
            }
        } else if SEASON_KEYS.contains(&key) {
            self.seasons.push(i);
        }
    }
}

/// URLs, bare domains with a path, and DOIs in free text: their digits are not prose dates.
static RE_URLISH: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r#"(?i:(?-u:\b)[a-z][a-z0-9+.-]*://|(?-u:\b)www\.)[^\s<>"]+|(?-u:\b)(?:[A-Za-z0-9-]+\.)+[a-z]{2,}/[^\s<>"]*|(?-u:\b)10\.[0-9]{4,9}/[^\s<>"]+"#,
    )
});

/// Full ISO in a string that is only a date: "2019", "2019-10", "2019-10-19".
static RE_ISO_WHOLE: LazyLock<Regex> =
    LazyLock::new(|| compile(r"^(?P<y>[0-9]{4})(?:-(?P<m>[0-9]{1,2})(?:-(?P<d>[0-9]{1,2}))?)?$"));

/// A date inside one URL path segment or query: "…-2021-05-18", "2019_04_10".
static RE_URL_SLUG: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"(?:^|[^0-9])(?P<y>[0-9]{4})(?P<s1>[-_.])(?P<m>[0-9]{1,2})(?P<s2>[-_.])(?P<d>[0-9]{1,2})(?:[^0-9]|$)",
    )
});

// ---------------------------------------------------------------------------------------
// Candidates in free text
// ---------------------------------------------------------------------------------------

/// One possible date at `start..end`; overlapping candidates are resolved by [`select`].
#[derive(Clone, Copy, Debug)]
struct Cand {
    start: usize,
    end: usize,
    date: PartialDate,
}

/// The parts of a regex match a candidate is built from.
fn group<'t>(caps: &Captures<'t>, name: &str) -> Option<regex::Match<'t>> {
    caps.name(name)
}

/// Every candidate date in `text`, from every pattern, before overlap resolution, in a
/// fixed order (pattern by pattern, then by position) that [`select`] relies on for ties.
/// `scan` must be `Scan::of(text)`.
fn collect(text: &str, scan: &Scan, out: &mut Vec<Cand>) {
    if scan.digits4 {
        collect_english(text, scan, out);
    }
    if scan.cjk || scan.korean {
        collect_cjk(text, scan, out);
    }
    if scan.digits4 {
        collect_numeric(text, &scan.runs, out);
        collect_bare_years(text, &scan.runs, out);
    }
}

fn collect_english(text: &str, scan: &Scan, out: &mut Vec<Cand>) {
    // Month day, year.
    each_english(text, scan.months.iter().copied(), mdy_at, |start, m| {
        if let Some(date) = english_date(text, m) {
            out.push(Cand {
                start,
                end: m.end,
                date,
            });
        }
    });
    // Day month year: it starts with a digit after a non-word byte, the start of a run.
    if scan.month_after_word {
        let starts = scan.runs.iter().map(|&(s, _)| s);
        each_english(text, starts, dmy_at, |start, m| {
            if alnum_before(text, start) || after_number_marker(text, start) {
                return;
            }
            if let Some(date) = english_date(text, m) {
                out.push(Cand {
                    start,
                    end: m.end,
                    date,
                });
            }
        });
    }
    // Month year.
    each_english(text, scan.months.iter().copied(), my_at, |start, m| {
        if let Some(date) = english_date(text, m) {
            out.push(Cand {
                start,
                end: m.end,
                date,
            });
        }
    });
    // Season year.
    each_english(text, scan.seasons.iter().copied(), season_at, |start, m| {
        if is_digit_at(text, m.year.1) {
            return;
        }
        let b = text.as_bytes();
        if let Some(year) = year_at(b, m.year).filter(|y| EXPLICIT_YEARS.contains(y)) {
            out.push(Cand {
                start,
                end: m.end,
                date: PartialDate::year(year),
            });
        }
    });
}

/// The date of an English match, or `None` when the year is glued to more digits, out of
/// range, or the day is not 1..=31 (February 30 passes: it is reported as invalid later).
fn english_date(text: &str, m: EnglishMatch) -> Option<PartialDate> {
    if is_digit_at(text, m.year.1) {
        return None;
    }
    let b = text.as_bytes();
    let year = year_at(b, m.year).filter(|y| EXPLICIT_YEARS.contains(y))?;
    match m.day {
        None => Some(PartialDate::month(year, m.month)),
        Some(d) => {
            let day = value_at(b, d).filter(|d| (1..=31).contains(d))?;
            Some(PartialDate::day(year, m.month, day))
        }
    }
}

fn collect_cjk(text: &str, scan: &Scan, out: &mut Vec<Cand>) {
    for (present, marks) in [(scan.cjk, &CJK_MARKS), (scan.korean, &KO_MARKS)] {
        if !present {
            continue;
        }
        each_cjk(text, marks, |start, m| {
            if char_before(text, start).is_some_and(is_any_digit) {
                return;
            }
            let Some(year) = text
                .get(m.year.0..m.year.1)
                .and_then(year_of)
                .filter(|y| EXPLICIT_YEARS.contains(y))
            else {
                return;
            };
            let number =
                |span: Option<(usize, usize)>| span.and_then(|(s, e)| num(text.get(s..e)?));
            let date = match (number(m.month), number(m.day)) {
                (Some(mo), Some(d)) => PartialDate::day(year, mo, d),
                (Some(mo), None) => PartialDate::month(year, mo),
                _ => PartialDate::year(year),
            };
            out.push(Cand {
                start,
                end: m.end,
                date,
            });
        });
    }
}

/// `runs` are the maximal ASCII digit runs of `text`.
fn collect_numeric(text: &str, runs: &[(usize, usize)], out: &mut Vec<Cand>) {
    let b = text.as_bytes();
    // Each form needs a year (a run of four digits) with a separator after it, or one
    // before it, or eight digits: most texts hold bare years only, and skip them all.
    let none: &[(usize, usize)] = &[];
    let years = || runs.iter().filter(|&&(s, e)| e - s >= 4);
    let year_sep = years().any(|&(_, e)| byte_in(b, e, b"-/.").is_some());
    let sep_year =
        years().any(|&(s, _)| byte_before(text, s).is_some_and(|c| is_one_of(c, b"./-")));
    let eight = runs.iter().any(|&(s, e)| e - s >= 8);
    let year_sep_runs = if year_sep { runs } else { none };
    let sep_year_runs = if sep_year { runs } else { none };
    let eight_runs = if eight { runs } else { none };
    // 2019-10-19, 2019/10/19, 2019.10.19: kept even when impossible (2019-13-01).
    each_match(text, year_sep_runs, year_first, ymd_at, |start, m| {
        let end = m.end;
        let [y, mo, d] = m.nums;
        let [s1, s2] = m.seps;
        if s1 != s2
            || alnum_before(text, start)
            || is_digit_at(text, end)
            || sep_digit_at(text, end, b"-/.")
        {
            return;
        }
        let (Some(year), Some(month), Some(day)) = (year_at(b, y), value_at(b, mo), value_at(b, d))
        else {
            return;
        };
        let plausible = if s1 == b'.' {
            // Dotted numbers are often versions: only clearly date-shaped ones count.
            (1..=12).contains(&month) && (1..=31).contains(&day)
        } else {
            month <= 19 && day <= 39
        };
        if EXPLICIT_YEARS.contains(&year) && plausible {
            out.push(Cand {
                start,
                end,
                date: PartialDate::day(year, month, day),
            });
        }
    });

    // 2019. 10. 29.
    each_match(
        text,
        year_sep_runs,
        year_first,
        ymd_spaced_at,
        |start, m| {
            let end = m.end;
            let [y, mo, d] = m.nums;
            if alnum_before(text, start) || is_digit_at(text, end) {
                return;
            }
            if let (Some(year), Some(month), Some(day)) =
                (year_at(b, y), value_at(b, mo), value_at(b, d))
            {
                if BARE_YEARS.contains(&year)
                    && (1..=12).contains(&month)
                    && (1..=31).contains(&day)
                {
                    out.push(Cand {
                        start,
                        end,
                        date: PartialDate::day(year, month, day),
                    });
                }
            }
        },
    );

    // 2019-10, 2019/10, 2019.10: month 1..=12 only ("2018-19" is a range of years).
    each_match(text, year_sep_runs, year_first, ym_at, |start, m| {
        let end = m.end;
        let [y, mo, _] = m.nums;
        let [s, _] = m.seps;
        if alnum_before(text, start)
            || is_digit_at(text, end)
            || sep_digit_at(text, end, b"-/.")
            || (s == b'.' && mo.1.saturating_sub(mo.0) != 2)
            || digit_sep_before(text, start, b".")
            || after_number_marker(text, start)
        {
            return;
        }
        let (Some(year), Some(month)) = (year_at(b, y), value_at(b, mo)) else {
            return;
        };
        if BARE_YEARS.contains(&year) && (1..=12).contains(&month) {
            out.push(Cand {
                start,
                end,
                date: PartialDate::month(year, month),
            });
        }
    });

    // 20191019: only a valid date, standing alone.
    each_match(text, eight_runs, eight_digits, compact_at, |start, m| {
        let end = m.end;
        if alnum_before(text, start)
            || byte_at(text, end).is_some_and(|b| b.is_ascii_alphanumeric())
            || after_number_marker(text, start)
        {
            return;
        }
        let [y, mo, d] = m.nums;
        let (Some(year), Some(month), Some(day)) = (year_at(b, y), value_at(b, mo), value_at(b, d))
        else {
            return;
        };
        let date = PartialDate::day(year, month, day);
        if (1900..=2199).contains(&year) && date.is_valid() {
            out.push(Cand { start, end, date });
        }
    });

    // 19.10.2019, 19/10/2019, 10/11/2019 (US when ambiguous, except dotted: day first).
    each_match(text, sep_year_runs, short_first, dmy_num_at, |start, m| {
        let end = m.end;
        let [a, bb, y] = m.nums;
        let [s1, s2] = m.seps;
        if s1 != s2
            || alnum_before(text, start)
            || digit_sep_before(text, start, b"./-")
            || byte_at(text, end).is_some_and(|c| c.is_ascii_alphanumeric())
            || sep_digit_at(text, end, b"./-")
            || after_number_marker(text, start)
        {
            return;
        }
        let (Some(a), Some(bb), Some(year)) = (value_at(b, a), value_at(b, bb), year_at(b, y))
        else {
            return;
        };
        let (day, month) = if a > 12 || (bb <= 12 && s1 == b'.') {
            (a, bb)
        } else {
            (bb, a)
        };
        if BARE_YEARS.contains(&year) && (1..=12).contains(&month) && (1..=31).contains(&day) {
            out.push(Cand {
                start,
                end,
                date: PartialDate::day(year, month, day),
            });
        }
    });

    // 10/2019: month 1..=12 only ("15/2019" is a number, not a month).
    each_match(text, sep_year_runs, short_first, my_num_at, |start, m| {
        let end = m.end;
        let [mo, y, _] = m.nums;
        if alnum_before(text, start)
            || digit_sep_before(text, start, b"./-")
            || is_digit_at(text, end)
            || sep_digit_at(text, end, b"/")
            || after_number_marker(text, start)
        {
            return;
        }
        let (Some(month), Some(year)) = (value_at(b, mo), year_at(b, y)) else {
            return;
        };
        if BARE_YEARS.contains(&year) && (1..=12).contains(&month) {
            out.push(Cand {
                start,
                end,
                date: PartialDate::month(year, month),
            });
        }
    });
}

fn strip_dash(s: &str) -> Option<&str> {
    s.strip_suffix('-')
        .or_else(|| s.strip_suffix('–'))
        .or_else(|| s.strip_suffix('—'))
}

/// `runs` are the maximal ASCII digit runs of `text`.
fn collect_bare_years(text: &str, runs: &[(usize, usize)], out: &mut Vec<Cand>) {
    for (year, start) in years_in_runs(text, runs.iter().copied()) {
        let end = start + 4;
        if matches!(
            char_before(text, start),
            Some('$' | '€' | '£' | '¥' | '#' | '+')
        ) || byte_at(text, end) == Some(b'%')
            // Decimals and versions: "3.2019", "2019.5".
            || digit_sep_before(text, start, b".")
            || sep_digit_at(text, end, b".")
        {
            continue;
        }
        // A range "X-2019": X must itself be a year, and the range must not follow a page
        // or issue marker ("pp. 1987-2001").
        let pre = text.get(..start).unwrap_or("").trim_end();
        let marker_probe_end = match strip_dash(pre) {
            Some(p) => {
                let p = p.trim_end();
                let digits = p.bytes().rev().take_while(u8::is_ascii_digit).count();
                let run_start = p.len() - digits;
                if digits > 0 {
                    let prior = p.get(run_start..).and_then(year_of);
                    if digits != 4 || !prior.is_some_and(|y| BARE_YEARS.contains(&y)) {
                        continue;
                    }
                }
                run_start
            }
            None => start,
        };
        if after_number_marker(text, marker_probe_end.min(start)) {
            continue;
        }
        // "2019-123" is an id; "2019-20", "2019-2020", "2019-nCoV" are fine.
        if matches!(byte_at(text, end), Some(b'-')) {
            let digits = text
                .get(end + 1..)
                .unwrap_or("")
                .bytes()
                .take_while(u8::is_ascii_digit)
                .count();
            if digits == 3 || digits >= 5 {
                continue;
            }
        }
        out.push(Cand {
            start,
            end,
            date: PartialDate::year(year),
        });
    }
}

/// Longest match wins; among equals, the earlier one, then the pattern collected first.
fn select(mut cands: Vec<Cand>) -> Vec<Cand> {
    cands.sort_by(|a, b| {
        let la = a.end.saturating_sub(a.start);
        let lb = b.end.saturating_sub(b.start);
        lb.cmp(&la).then(a.start.cmp(&b.start))
    });
    // Chosen spans sorted by start; they never overlap, so only the neighbours need
    // checking.
    let mut chosen: Vec<Cand> = Vec::with_capacity(cands.len());
    for c in cands {
        // The last chosen span starting at or before `c`, and the first starting at or after.
        let upto = chosen.partition_point(|k| k.start <= c.start);
        let from = chosen.partition_point(|k| k.start < c.start);
        let clashes_before = upto
            .checked_sub(1)
            .and_then(|i| chosen.get(i))
            .is_some_and(|k| k.end > c.start);
        let clashes_after = chosen.get(from).is_some_and(|k| k.start < c.end);
        if !clashes_before && !clashes_after {
            chosen.insert(upto, c);
        }
    }
    chosen
}

/// Words introducing an access date (lowercase).
const ACCESS_MARKERS: &[&str] = &[
    "accessed",
    "retrieved",
    "viewed",
    "visited",
    "consulted",
    "consulté",
    "consultado",
    "abgerufen",
    "last modified",
    "downloaded",
    "访问",
    "訪問",
    "检索",
    "檢索",
    "引用日期",
    "閲覧",
    "접속",
    "검색일",
];

/// Words that may stand between an access marker and its date ("accessed on: ").
const ACCESS_FILLERS: &[&str] = &[
    "on", "at", "as", "of", "the", "date", "dated", "le", "am", "el", "em", "en", "online", "日期",
    "时间", "時間", "日時", "日", "일", "일자", "날짜",
];

/// The first four letters of the Latin access markers, as ASCII-lowercase numbers.
/// Lowercasing a text makes a Latin marker appear in it only where the text already holds
/// the marker's first four letters in some ASCII case: the only non-ASCII letters that
/// lowercase to ASCII ones are the Kelvin sign (to "k") and "İ" (to "i" and a combining dot),
/// and no marker has a "k" or a combining dot.
const ACCESS_KEYS: [u32; 8] = [
    u32::from_le_bytes(*b"acce"),
    u32::from_le_bytes(*b"retr"),
    u32::from_le_bytes(*b"view"),
    u32::from_le_bytes(*b"visi"),
    u32::from_le_bytes(*b"cons"),
    u32::from_le_bytes(*b"abge"),
    u32::from_le_bytes(*b"last"),
    u32::from_le_bytes(*b"down"),
];

/// The access markers that are not Latin (CJK, Korean): they have no case.
static RE_ACCESS_OTHER: LazyLock<Regex> = LazyLock::new(|| {
    let alternation = ACCESS_MARKERS
        .iter()
        .filter(|m| !m.bytes().next().is_some_and(|c| c.is_ascii_alphabetic()))
        .map(|m| regex::escape(m))
        .collect::<Vec<_>>()
        .join("|");
    compile(&alternation)
});

/// `b` starts with one of the [`ACCESS_KEYS`], in any ASCII case.
fn starts_with_access_key(b: &[u8]) -> bool {
    b.get(..4)
        .and_then(|w| <[u8; 4]>::try_from(w).ok())
        .is_some_and(|w| ACCESS_KEYS.contains(&(u32::from_le_bytes(w) | 0x2020_2020)))
}

/// What a whole text says about the access markers its windows may hold: a window can only
/// hold a Latin marker that starts an ASCII word in the text (or starts the window), and
/// another marker if the text holds one.
#[derive(Clone, Copy, Debug)]
struct AccessHints {
    latin: bool,
    other: bool,
}

impl AccessHints {
    fn of(text: &str, scan: &Scan) -> AccessHints {
        AccessHints {
            latin: scan.access,
            other: !text.is_ascii() && RE_ACCESS_OTHER.is_match(text),
        }
    }
}

/// Whether `tail` may hold an access marker once lowercased: false means surely not.
fn may_hold_access_marker(tail: &str) -> bool {
    // `| 0x20` lowercases ASCII letters and maps no other byte to a lowercase letter.
    let latin = tail
        .as_bytes()
        .windows(4)
        .filter_map(|w| <[u8; 4]>::try_from(w).ok())
        .any(|w| ACCESS_KEYS.contains(&(u32::from_le_bytes(w) | 0x2020_2020)));
    latin || (!tail.is_ascii() && RE_ACCESS_OTHER.is_match(tail))
}

/// The separators between the words after an access marker.
fn is_access_separator(c: char) -> bool {
    c.is_whitespace() || ":：,，()（）[]".contains(c)
}

/// [`is_accessed`] on the last 80 bytes of a window, when they are all ASCII: the same
/// decision without lowercasing into a new string.
fn is_accessed_ascii(tail: &[u8]) -> bool {
    let mut buf = [0u8; 80];
    let n = tail.len().min(buf.len());
    for (d, s) in buf.iter_mut().zip(tail) {
        *d = s.to_ascii_lowercase();
    }
    let w = buf.get(..n).unwrap_or(&[]);
    // The last occurrence of each marker, in one pass from the end: only the ASCII markers
    // can occur in ASCII text, and each of them starts with one of the `ACCESS_KEYS`.
    let mut last = [None; ACCESS_MARKERS.len()];
    for (p, key) in w.windows(4).enumerate().rev() {
        if !starts_with_access_key(key) {
            continue;
        }
        let rest = w.get(p..).unwrap_or(&[]);
        for (slot, m) in last.iter_mut().zip(ACCESS_MARKERS) {
            if slot.is_none() && rest.starts_with(m.as_bytes()) {
                *slot = Some(p);
            }
        }
    }
    let mut best: Option<usize> = None;
    for (slot, m) in last.iter().zip(ACCESS_MARKERS) {
        let Some(i) = *slot else {
            continue;
        };
        // Every ASCII marker starts with a letter: it must not continue a word.
        if byte_before_in(w, i).is_some_and(|b| b.is_ascii_alphabetic()) {
            continue;
        }
        let end = i + m.len();
        best = Some(best.map_or(end, |b| b.max(end)));
    }
    let Some(end) = best else {
        return false;
    };
    let mut words = w
        .get(end..)
        .unwrap_or(&[])
        .split(|&b| is_access_separator(char::from(b)))
        .filter(|t| !t.is_empty());
    let mut count = 0;
    words.all(|t| {
        count += 1;
        count <= 3 && ACCESS_FILLERS.iter().any(|f| f.as_bytes() == t)
    })
}

fn byte_before_in(b: &[u8], i: usize) -> Option<u8> {
    i.checked_sub(1).and_then(|j| b.get(j)).copied()
}

/// Whether `window` (the text between the previous date and this one) ends with an access
/// marker followed by at most three filler words.
fn is_accessed(window: &str, hints: AccessHints) -> bool {
    let mut from = window.len().saturating_sub(80);
    while from < window.len() && !window.is_char_boundary(from) {
        from += 1;
    }
    let tail = window.get(from..).unwrap_or("");
    if !(hints.latin || hints.other || starts_with_access_key(tail.as_bytes())) {
        return false;
    }
    if tail.is_ascii() {
        return is_accessed_ascii(tail.as_bytes());
    }
    if !may_hold_access_marker(tail) {
        return false;
    }
    let w = tail.to_lowercase();
    let mut best: Option<usize> = None;
    for m in ACCESS_MARKERS {
        let Some(i) = w.rfind(m) else {
            continue;
        };
        let latin = m.chars().next().is_some_and(|c| c.is_ascii_alphabetic());
        if latin && char_before(&w, i).is_some_and(char::is_alphabetic) {
            continue;
        }
        let end = i + m.len();
        best = Some(best.map_or(end, |b| b.max(end)));
    }
    let Some(end) = best else {
        return false;
    };
    let rest = w.get(end..).unwrap_or("");
    let words: Vec<&str> = rest
        .split(is_access_separator)
        .filter(|t| !t.is_empty())
        .collect();
    words.len() <= 3 && words.iter().all(|t| ACCESS_FILLERS.contains(t))
}

/// Cheap pre-check: no ASCII digit and no 年/년 means no date.
fn may_hold_date(text: &str) -> bool {
    text.bytes().any(|b| b.is_ascii_digit()) || text.contains('年') || text.contains('년')
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

// ---------------------------------------------------------------------------------------
// URLs
// ---------------------------------------------------------------------------------------

/// Splits a URL into (host, rest); the host is empty for a bare path.
fn split_host(url: &str) -> (&str, &str) {
    let after_scheme = match url.find("://") {
        Some(i) => url.get(i + 3..).unwrap_or(""),
        None => match url.strip_prefix("//") {
            Some(r) => r,
            None if url.starts_with('/') => return ("", url),
            None => {
                // "example.com/2019/…": a first segment with a dot is a host.
                let first_end = url.find(['/', '?', '#']).unwrap_or(url.len());
                let first = url.get(..first_end).unwrap_or("");
                if !first.contains('.') {
                    return ("", url);
                }
                url
            }
        },
    };
    let host_end = after_scheme
        .find(['/', '?', '#'])
        .unwrap_or(after_scheme.len());
    (
        after_scheme.get(..host_end).unwrap_or(""),
        after_scheme.get(host_end..).unwrap_or(""),
    )
}

fn all_digits(s: &str, len: std::ops::RangeInclusive<usize>) -> bool {
    len.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
}

/// A segment's name without its extension: "17.html" → "17".
fn stem(seg: &str) -> &str {
    match seg.rfind('.') {
        Some(i) => seg.get(..i).unwrap_or(seg),
        None => seg,
    }
}

/// "2019" as a URL year.
fn url_year(seg: &str) -> Option<i32> {
    if !all_digits(seg, 4..=4) {
        return None;
    }
    year_of(seg).filter(|y| URL_YEARS.contains(y))
}

/// "2020-01" or "201910" as a URL year and month.
fn url_year_month(seg: &str) -> Option<(i32, u32)> {
    let (y, m) = match seg.split_once('-') {
        Some(parts) => parts,
        // "201910" (chinadaily.com.cn style).
        None if all_digits(seg, 6..=6) => (seg.get(..4)?, seg.get(4..)?),
        None => return None,
    };
    if !all_digits(m, 2..=2) {
        return None;
    }
    Some((url_year(y)?, num(m)?))
}

/// Structural dates in the path: /2019/10/17/, /2019/0623/, /2019/10/, /2019/, /2020-01/02/,
/// /201910/17/.
fn url_path_dates(path: &str, found: &mut Vec<(usize, PartialDate)>) {
    let mut segs: Vec<(usize, &str)> = Vec::new();
    let mut off = 0;
    for seg in path.split('/') {
        if !seg.is_empty() {
            segs.push((off, seg));
        }
        off += seg.len() + 1;
    }
    let trailing_slash = path.ends_with('/');
    let day_seg = |i: usize| -> Option<u32> {
        let (_, s) = segs.get(i)?;
        let s = stem(s);
        if all_digits(s, 1..=2) {
            num(s)
        } else {
            None
        }
    };
    for (i, &(pos, seg)) in segs.iter().enumerate() {
        let next = segs.get(i + 1).map(|&(_, s)| s);
        if let Some(year) = url_year(seg) {
            match next {
                Some(n) if all_digits(n, 1..=2) => {
                    let Some(month) = num(n) else { continue };
                    if !(1..=12).contains(&month) {
                        continue;
                    }
                    let date = match day_seg(i + 2) {
                        Some(d) => PartialDate::day(year, month, d),
                        None => PartialDate::month(year, month),
                    };
                    found.push((pos, date));
                }
                Some(n)
                    if all_digits(n, 4..=4)
                        && n.get(..2)
                            .and_then(num)
                            .is_some_and(|m| (1..=12).contains(&m)) =>
                {
                    if let (Some(m), Some(d)) = (n.get(..2).and_then(num), n.get(2..).and_then(num))
                    {
                        found.push((pos, PartialDate::day(year, m, d)));
                    }
                }
                // A year alone must be a directory ("/2019/…"), not the last word ("/issues/2045").
                _ if next.is_some() || trailing_slash => found.push((pos, PartialDate::year(year))),
                _ => {}
            }
        } else if let Some((year, month)) = url_year_month(seg) {
            if !(1..=12).contains(&month) {
                continue;
            }
            let date = match day_seg(i + 1) {
                Some(d) => PartialDate::day(year, month, d),
                None => PartialDate::month(year, month),
            };
            found.push((pos, date));
        }
    }
}

/// "…-software-2021-05-18", "2019_04_10" anywhere in `s` (offset `base` in the URL).
fn url_slug_dates(s: &str, base: usize, found: &mut Vec<(usize, PartialDate)>) {
    for caps in RE_URL_SLUG.captures_iter(s) {
        let (Some(y), Some(s1), Some(m), Some(s2), Some(d)) = (
            group(&caps, "y"),
            group(&caps, "s1"),
            group(&caps, "m"),
            group(&caps, "s2"),
            group(&caps, "d"),
        ) else {
            continue;
        };
        if s1.as_str() != s2.as_str() {
            continue;
        }
        if let (Some(year), Some(month), Some(day)) =
            (year_of(y.as_str()), num(m.as_str()), num(d.as_str()))
        {
            found.push((base + y.start(), PartialDate::day(year, month, day)));
        }
    }
}

/// A token of 12+ hex digits with some letters (a hash): its digit runs are not dates.
fn in_hex_token(s: &str, start: usize, end: usize) -> bool {
    let bytes = s.as_bytes();
    let left = bytes
        .get(..start)
        .unwrap_or(&[])
        .iter()
        .rev()
        .take_while(|b| b.is_ascii_alphanumeric())
        .count();
    let right = bytes
        .get(end..)
        .unwrap_or(&[])
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric())
        .count();
    let token = bytes.get(start - left..end + right).unwrap_or(&[]);
    token.len() >= 12
        && token.iter().all(u8::is_ascii_hexdigit)
        && token.iter().any(u8::is_ascii_alphabetic)
}

/// yyyymmdd at the start of a digit run: the run is exactly 8 digits, or 14 (a timestamp),
/// or follows letters (an id such as "ACK20190628005700881").
fn url_digit_run_dates(s: &str, base: usize, found: &mut Vec<(usize, PartialDate)>) {
    for (start, end) in ascii_digit_runs(s) {
        let len = end - start;
        if len < 8 {
            continue;
        }
        let after_letters = byte_before(s, start).is_some_and(|b| b.is_ascii_alphabetic());
        if !(len == 8 || len == 14 || after_letters) || in_hex_token(s, start, end) {
            continue;
        }
        let (Some(year), Some(month), Some(day)) = (
            s.get(start..start + 4).and_then(year_of),
            s.get(start + 4..start + 6).and_then(num),
            s.get(start + 6..start + 8).and_then(num),
        ) else {
            continue;
        };
        found.push((base + start, PartialDate::day(year, month, day)));
    }
}

/// The date embedded in a URL's path or query (never its host), the most precise one found
/// (the leftmost among equals), or `None`. Years 1990..=2099 only; impossible dates are
/// ignored. For a Wayback Machine URL (web.archive.org/web/<timestamp>/<url>) it is the
/// archived URL's date, not the snapshot's.
///
/// Recognised: "/2019/10/17/", "/2019/0623/", "/20190628/", "/2019/10/" (month), "/2019/"
/// (year; only as a directory, not as the last segment), "/2020-01/02/", "/201910/17/", slugs
/// holding
/// "2021-05-18", and ids or timestamps beginning with yyyymmdd ("ACK20190628005700881").
pub fn url_date(url: &str) -> Option<PartialDate> {
    let url = url.trim();
    if !url.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    let (host, rest) = split_host(url);
    let host = host.to_ascii_lowercase();
    if host.ends_with("doi.org") {
        return None;
    }
    if host.ends_with("archive.org") {
        // "/web/20200102123456/http://example.com/2019/10/17/x": the snapshot time is not
        // the document's date; the archived URL's own date is.
        if let Some(inner) = rest
            .strip_prefix("/web/")
            .and_then(|r| r.split_once('/'))
            .map(|(_, inner)| inner)
        {
            return url_date(inner);
        }
    }
    let rest = rest.split('#').next().unwrap_or("");
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    let qbase = path.len() + 1;

    let mut found: Vec<(usize, PartialDate)> = Vec::new();
    url_path_dates(path, &mut found);
    url_slug_dates(path, 0, &mut found);
    url_slug_dates(query, qbase, &mut found);
    url_digit_run_dates(path, 0, &mut found);
    url_digit_run_dates(query, qbase, &mut found);

    found
        .into_iter()
        .filter(|(_, d)| d.is_valid() && URL_YEARS.contains(&d.year))
        .max_by(|(pa, a), (pb, b)| a.precision().cmp(&b.precision()).then(pb.cmp(pa)))
        .map(|(_, d)| d)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, dd: u32) -> PartialDate {
        PartialDate::day(y, m, dd)
    }

    /// (date, matched text, accessed) for every date found.
    fn found(text: &str) -> Vec<(PartialDate, &str, bool)> {
        find_dates(text)
            .into_iter()
            .map(|f| {
                (
                    f.date,
                    text.get(f.start..f.end).unwrap_or("<bad span>"),
                    f.accessed,
                )
            })
            .collect()
    }

    fn dates(text: &str) -> Vec<PartialDate> {
        find_dates(text).into_iter().map(|f| f.date).collect()
    }

    fn one(text: &str) -> PartialDate {
        let all = dates(text);
        assert_eq!(all.len(), 1, "{text:?} gave {all:?}");
        all[0]
    }

    // ---- PartialDate ------------------------------------------------------------------

    #[test]
    fn constructors_and_precision() {
        assert_eq!(PartialDate::year(2019).precision(), Precision::Year);
        assert_eq!(PartialDate::month(2019, 10).precision(), Precision::Month);
        assert_eq!(d(2019, 10, 19).precision(), Precision::Day);
        assert!(Precision::Year < Precision::Month && Precision::Month < Precision::Day);
    }

    #[test]
    fn validity() {
        assert!(d(2020, 2, 29).is_valid());
        assert!(!d(2019, 2, 29).is_valid());
        assert!(!d(1900, 2, 29).is_valid());
        assert!(d(2000, 2, 29).is_valid());
        assert!(!d(2019, 2, 30).is_valid());
        assert!(!d(2019, 4, 31).is_valid());
        assert!(d(2019, 12, 31).is_valid());
        assert!(!PartialDate::month(2019, 13).is_valid());
        assert!(!PartialDate::month(2019, 0).is_valid());
        assert!(!d(2019, 1, 0).is_valid());
        assert!(!PartialDate::year(0).is_valid());
        assert!(!PartialDate::year(10000).is_valid());
        assert!(PartialDate::year(9999).is_valid());
        let day_without_month = PartialDate {
            year: 2019,
            month: None,
            day: Some(3),
        };
        assert!(!day_without_month.is_valid());
    }

    #[test]
    fn truncate_drops_finer_parts() {
        let x = d(2019, 10, 19);
        assert_eq!(x.truncate(Precision::Year), PartialDate::year(2019));
        assert_eq!(x.truncate(Precision::Month), PartialDate::month(2019, 10));
        assert_eq!(x.truncate(Precision::Day), x);
        assert_eq!(
            PartialDate::year(2019).truncate(Precision::Day),
            PartialDate::year(2019)
        );
    }

    #[test]
    fn naive_first_and_last_days() {
        let nd = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        assert_eq!(PartialDate::year(2019).to_naive(), nd(2019, 1, 1));
        assert_eq!(PartialDate::year(2019).last_day(), nd(2019, 12, 31));
        assert_eq!(PartialDate::month(2020, 2).to_naive(), nd(2020, 2, 1));
        assert_eq!(PartialDate::month(2020, 2).last_day(), nd(2020, 2, 29));
        assert_eq!(PartialDate::month(2019, 2).last_day(), nd(2019, 2, 28));
        assert_eq!(PartialDate::month(2019, 4).last_day(), nd(2019, 4, 30));
        assert_eq!(d(2019, 10, 19).to_naive(), nd(2019, 10, 19));
        assert_eq!(d(2019, 10, 19).last_day(), nd(2019, 10, 19));
        assert_eq!(d(2019, 2, 30).to_naive(), None);
        assert_eq!(d(2019, 2, 30).last_day(), None);
        assert_eq!(PartialDate::month(2019, 13).last_day(), None);
    }

    #[test]
    fn display_and_serialize() {
        assert_eq!(PartialDate::year(2019).to_string(), "2019");
        assert_eq!(PartialDate::month(2019, 1).to_string(), "2019-01");
        assert_eq!(d(2019, 10, 9).to_string(), "2019-10-09");
        assert_eq!(d(2019, 13, 1).to_string(), "2019-13-01");
        assert_eq!(PartialDate::year(800).to_string(), "0800");
        assert_eq!(
            serde_json::to_string(&d(2019, 10, 19)).ok().as_deref(),
            Some("\"2019-10-19\"")
        );
        assert_eq!(
            serde_json::to_string(&Precision::Month).ok().as_deref(),
            Some("\"month\"")
        );
    }

    #[test]
    fn from_str_round_trips_and_rejects() {
        for s in ["2019", "2019-10", "2019-10-19", "0800", "2019-13-01"] {
            let p: PartialDate = s.parse().unwrap_or(PartialDate::year(-1));
            assert_eq!(p.to_string(), s);
        }
        assert_eq!("  2019-1-5 ".parse(), Ok(d(2019, 1, 5)));
        assert_eq!("January 2, 2010".parse(), Ok(d(2010, 1, 2)));
        assert_eq!("2020年1月2日".parse(), Ok(d(2020, 1, 2)));
        assert!("2019-13".parse::<PartialDate>().is_err());
        assert!("hello".parse::<PartialDate>().is_err());
        assert!("".parse::<PartialDate>().is_err());
        assert!("15/2019".parse::<PartialDate>().is_err());
    }

    #[test]
    fn parse_date_whole_string_only() {
        assert_eq!(parse_date("Dec. 2019"), Some(PartialDate::month(2019, 12)));
        assert_eq!(parse_date("Spring 2019"), Some(PartialDate::year(2019)));
        assert_eq!(parse_date("19.10.2019"), Some(d(2019, 10, 19)));
        assert_eq!(parse_date("20191019"), Some(d(2019, 10, 19)));
        assert_eq!(parse_date("10/2019"), Some(PartialDate::month(2019, 10)));
        assert_eq!(parse_date("3 March 2020."), Some(d(2020, 3, 3)));
        assert_eq!(parse_date("February 30, 2019"), Some(d(2019, 2, 30)));
        assert_eq!(parse_date("1066"), Some(PartialDate::year(1066)));
        assert_eq!(parse_date("January 2, 2010 and more"), None);
        assert_eq!(parse_date("see 2019"), None);
        assert_eq!(parse_date("20191332"), None);
        assert_eq!(parse_date("800-145"), None);
    }

    // ---- find_dates: English ----------------------------------------------------------

    #[test]
    fn english_month_day_year() {
        assert_eq!(
            found("January 2, 2010"),
            vec![(d(2010, 1, 2), "January 2, 2010", false)]
        );
        assert_eq!(
            found("Jan. 2, 2010"),
            vec![(d(2010, 1, 2), "Jan. 2, 2010", false)]
        );
        assert_eq!(
            found("Jan 2 2010"),
            vec![(d(2010, 1, 2), "Jan 2 2010", false)]
        );
        assert_eq!(one("Sept. 5, 2019"), d(2019, 9, 5));
        assert_eq!(one("Sep 5, 2019"), d(2019, 9, 5));
        assert_eq!(one("January 2nd, 2010"), d(2010, 1, 2));
        assert_eq!(one("JANUARY 2, 2010"), d(2010, 1, 2));
        assert_eq!(one("May 3, 2018"), d(2018, 5, 3));
    }

    #[test]
    fn english_day_month_year() {
        assert_eq!(
            found("2 January 2010"),
            vec![(d(2010, 1, 2), "2 January 2010", false)]
        );
        assert_eq!(one("2nd January 2010"), d(2010, 1, 2));
        assert_eq!(one("the 2nd of January, 2010"), d(2010, 1, 2));
        assert_eq!(one("3 Mar. 2020"), d(2020, 3, 3));
    }

    #[test]
    fn english_month_year_and_season() {
        assert_eq!(one("December 2019"), PartialDate::month(2019, 12));
        assert_eq!(
            found("Dec. 2019"),
            vec![(PartialDate::month(2019, 12), "Dec. 2019", false)]
        );
        assert_eq!(one("March 2019"), PartialDate::month(2019, 3));
        assert_eq!(one("May 2018"), PartialDate::month(2018, 5));
        assert_eq!(
            found("Spring 2019"),
            vec![(PartialDate::year(2019), "Spring 2019", false)]
        );
        assert_eq!(one("Jan–Feb 2019"), PartialDate::month(2019, 1));
    }

    #[test]
    fn lowercase_month_names_are_not_months() {
        assert_eq!(
            found("may 2019"),
            vec![(PartialDate::year(2019), "2019", false)]
        );
        assert_eq!(dates("we may 3, 2019"), vec![PartialDate::year(2019)]);
        assert_eq!(dates("Mayday 2019"), vec![PartialDate::year(2019)]);
    }

    #[test]
    fn english_ranges_take_first_day() {
        assert_eq!(
            found("June 5-7, 2019"),
            vec![(d(2019, 6, 5), "June 5-7, 2019", false)]
        );
        assert_eq!(one("June 5–7, 2019"), d(2019, 6, 5));
        assert_eq!(one("June 30 – July 2, 2019"), d(2019, 6, 30));
        assert_eq!(one("5-7 June 2019"), d(2019, 6, 5));
    }

    #[test]
    fn english_with_time_and_in_sentences() {
        assert_eq!(
            found("Posted July 8, 2019, 10:30 AM by staff"),
            vec![(d(2019, 7, 8), "July 8, 2019", false)]
        );
        let text = "Smith, J. \"Title.\" The Times, 2 January 2010, p. 4.";
        assert_eq!(found(text), vec![(d(2010, 1, 2), "2 January 2010", false)]);
    }

    #[test]
    fn impossible_english_dates_are_returned() {
        let f = one("February 30, 2019");
        assert_eq!(f, d(2019, 2, 30));
        assert!(!f.is_valid());
        assert_eq!(one("30 February 2019"), d(2019, 2, 30));
        // Not a day at all: only the year is a date.
        assert_eq!(dates("January 45, 2019"), vec![PartialDate::year(2019)]);
    }

    // ---- find_dates: issue numbers, pages, ids -------------------------------------------

    #[test]
    fn issue_and_volume_numbers_are_not_months() {
        assert_eq!(
            found("No.9, 2019"),
            vec![(PartialDate::year(2019), "2019", false)]
        );
        assert_eq!(dates("No. 9, 2019"), vec![PartialDate::year(2019)]);
        assert_eq!(dates("Vol.97, No.3, 2018"), vec![PartialDate::year(2018)]);
        assert_eq!(dates("Issue 4, 2019"), vec![PartialDate::year(2019)]);
        assert_eq!(dates("Report No. 15/2019"), vec![PartialDate::year(2019)]);
        assert_eq!(dates("No. 3/2018"), vec![PartialDate::year(2018)]);
        assert_eq!(dates("Vol. 5 May 2019"), vec![PartialDate::month(2019, 5)]);
    }

    #[test]
    fn pages_and_ids_are_not_dates() {
        assert!(dates("pp.103-117").is_empty());
        assert!(dates("p.16").is_empty());
        assert!(dates("800-145").is_empty());
        assert!(dates("pp. 1987-2001").is_empty());
        assert!(dates("p. 1999").is_empty());
        assert!(dates("COVID-19").is_empty());
        assert!(dates("costs $2019").is_empty());
        assert!(dates("call 202-555-2019").is_empty());
        assert!(dates("case 2019-123").is_empty());
        assert!(dates("12345678").is_empty());
        assert!(dates("version 2019.5").is_empty());
        assert_eq!(
            found("15/2019"),
            vec![(PartialDate::year(2019), "2019", false)]
        );
    }

    #[test]
    fn bare_years() {
        assert_eq!(
            found("in 2019 they"),
            vec![(PartialDate::year(2019), "2019", false)]
        );
        assert_eq!(
            dates("2019-2020"),
            vec![PartialDate::year(2019), PartialDate::year(2020)]
        );
        assert_eq!(dates("2018-19"), vec![PartialDate::year(2018)]);
        assert_eq!(dates("2019-nCoV"), vec![PartialDate::year(2019)]);
        assert_eq!(dates("Smith 2019a"), vec![PartialDate::year(2019)]);
        assert!(dates("the 1990s").is_empty());
        assert!(dates("in 1499 and 2200").is_empty());
        assert!(dates("ISBN 9780201633610").is_empty());
        assert!(dates("A2019").is_empty());
    }

    // ---- find_dates: ISO and numeric ----------------------------------------------------

    #[test]
    fn iso_forms() {
        assert_eq!(
            found("2019-10-19"),
            vec![(d(2019, 10, 19), "2019-10-19", false)]
        );
        assert_eq!(one("2019/10/19"), d(2019, 10, 19));
        assert_eq!(one("2019.10.19"), d(2019, 10, 19));
        assert_eq!(one("2019-10"), PartialDate::month(2019, 10));
        assert_eq!(one("2019.10"), PartialDate::month(2019, 10));
        assert_eq!(one("at 2019-10-19T10:00Z"), d(2019, 10, 19));
        assert_eq!(one("(2019-1-5)"), d(2019, 1, 5));
    }

    #[test]
    fn impossible_iso_dates_are_returned() {
        let x = one("2019-13-01");
        assert_eq!(x, d(2019, 13, 1));
        assert!(!x.is_valid());
        let y = one("2019-02-30");
        assert_eq!(y, d(2019, 2, 30));
        assert!(!y.is_valid());
        assert_eq!(one("2019/02/30"), d(2019, 2, 30));
    }

    #[test]
    fn compact_dates_only_when_valid() {
        assert_eq!(
            found("on 20191019."),
            vec![(d(2019, 10, 19), "20191019", false)]
        );
        assert!(dates("20191332").is_empty());
        assert!(dates("120191019").is_empty());
        assert!(dates("ACK20191019").is_empty());
    }

    #[test]
    fn numeric_day_month_year() {
        assert_eq!(one("19.10.2019"), d(2019, 10, 19));
        assert_eq!(one("19/10/2019"), d(2019, 10, 19));
        assert_eq!(one("19-10-2019"), d(2019, 10, 19));
        // Ambiguous slashes: US month/day.
        assert_eq!(one("10/11/2019"), d(2019, 10, 11));
        assert_eq!(one("1/2/2019"), d(2019, 1, 2));
        // Second number > 12: month/day whatever the convention.
        assert_eq!(one("10/25/2019"), d(2019, 10, 25));
        // Dotted numbers are day-first.
        assert_eq!(one("10.11.2019"), d(2019, 11, 10));
        // Impossible day in a possible month is still a date.
        assert_eq!(one("30/02/2019"), d(2019, 2, 30));
        // Neither reading is a date: only the year.
        assert_eq!(dates("13/14/2019"), vec![PartialDate::year(2019)]);
        assert_eq!(dates("45/10/2019"), vec![PartialDate::year(2019)]);
    }

    #[test]
    fn numeric_month_year() {
        assert_eq!(
            found("10/2019"),
            vec![(PartialDate::month(2019, 10), "10/2019", false)]
        );
        assert_eq!(dates("13/2019"), vec![PartialDate::year(2019)]);
    }

    // ---- find_dates: CJK ----------------------------------------------------------------

    #[test]
    fn cjk_dates() {
        assert_eq!(
            found("2020年1月2日"),
            vec![(d(2020, 1, 2), "2020年1月2日", false)]
        );
        assert_eq!(one("2020年1月"), PartialDate::month(2020, 1));
        assert_eq!(
            found("2020年"),
            vec![(PartialDate::year(2020), "2020年", false)]
        );
        assert_eq!(one("2019年10月29日"), d(2019, 10, 29));
        assert_eq!(one("2019 年 10 月 29 日"), d(2019, 10, 29));
        assert_eq!(one("２０２０年１月２日"), d(2020, 1, 2));
        assert_eq!(one("新华社2020年1月2日电"), d(2020, 1, 2));
        assert_eq!(one("2019年2月30日"), d(2019, 2, 30));
    }

    #[test]
    fn korean_dates() {
        assert_eq!(
            found("2019년 10월 29일"),
            vec![(d(2019, 10, 29), "2019년 10월 29일", false)]
        );
        assert_eq!(one("2019년 10월"), PartialDate::month(2019, 10));
        assert_eq!(one("2019년"), PartialDate::year(2019));
    }

    // ---- find_dates: accessed -----------------------------------------------------------

    #[test]
    fn accessed_markers() {
        assert_eq!(
            found("accessed April 20, 2026"),
            vec![(d(2026, 4, 20), "April 20, 2026", true)]
        );
        assert_eq!(
            found("Retrieved 3 March 2020 from https://example.com/2019/10/17/x"),
            vec![(d(2020, 3, 3), "3 March 2020", true)]
        );
        for text in [
            "(accessed 2020-01-02)",
            "Accessed on 2020-01-02",
            "last accessed: 2020-01-02",
            "Retrieved on 2020-01-02",
            "Viewed 2020-01-02",
            "visited 2020-01-02",
            "Consulted on 2020-01-02",
            "Last modified 2020-01-02",
            "Downloaded 2020-01-02",
            "ACCESSED 2020-01-02",
        ] {
            let f = find_dates(text);
            assert_eq!(f.len(), 1, "{text}");
            assert!(f[0].accessed, "{text}");
        }
    }

    #[test]
    fn accessed_cjk_markers() {
        assert_eq!(
            found("访问日期：2020年1月2日"),
            vec![(d(2020, 1, 2), "2020年1月2日", true)]
        );
        assert!(!find_dates("[2020-01-02 检索]")[0].accessed);
        assert!(find_dates("检索日期：2020-01-02")[0].accessed);
        assert!(find_dates("접속일: 2020년 1월 2일")[0].accessed);
        assert!(find_dates("검색일: 2020.01.02")[0].accessed);
    }

    #[test]
    fn publication_dates_are_not_accessed() {
        let text = "Published 5 May 2019. Accessed 6 June 2020.";
        let f = found(text);
        assert_eq!(
            f,
            vec![
                (d(2019, 5, 5), "5 May 2019", false),
                (d(2020, 6, 6), "6 June 2020", true)
            ]
        );
        let text = "Accessed 6 June 2020; originally published 5 May 2019.";
        let flags: Vec<bool> = find_dates(text).iter().map(|f| f.accessed).collect();
        assert_eq!(flags, vec![true, false]);
        assert!(!find_dates("He visited Beijing in March 2019")[0].accessed);
        assert!(!find_dates("Peer reviewed 2019-01-01")[0].accessed);
    }

    // ---- find_dates: structure ----------------------------------------------------------

    #[test]
    fn order_and_longest_match() {
        let text = "See 10/11/2019, then 2 January 2010 and 2019-10.";
        assert_eq!(
            found(text),
            vec![
                (d(2019, 10, 11), "10/11/2019", false),
                (d(2010, 1, 2), "2 January 2010", false),
                (PartialDate::month(2019, 10), "2019-10", false),
            ]
        );
    }

    #[test]
    fn urls_in_text_are_skipped() {
        let text = "Xinhua, 2 January 2020, http://www.xinhuanet.com//2020-01/02/c_1125416394.htm";
        assert_eq!(dates(text), vec![d(2020, 1, 2)]);
        assert_eq!(found("see example.com/2019/10/x"), vec![]);
        assert!(dates("doi:10.1177/1529100619832930").is_empty());
    }

    #[test]
    fn cheap_rejections_and_odd_input() {
        assert!(find_dates("").is_empty());
        assert!(find_dates("no digits here at all, May").is_empty());
        assert!(find_dates("年").is_empty());
        assert_eq!(find_dates("ü2019ü").len(), 1);
        assert!(find_dates("99999999999999999999999999").is_empty());
        // Spans are always on char boundaries.
        for f in find_dates("“2019年”—March 3, 2020—€2019") {
            assert!("“2019年”—March 3, 2020—€2019".get(f.start..f.end).is_some());
        }
    }

    // ---- years_in -------------------------------------------------------------------------

    #[test]
    fn years_in_text() {
        assert_eq!(years_in("the sentence speaks of 2019"), vec![(2019, 23)]);
        assert_eq!(years_in("2019-nCoV and COVID-19"), vec![(2019, 0)]);
        assert_eq!(years_in("1999-2001"), vec![(1999, 0), (2001, 5)]);
        assert_eq!(years_in("2019年"), vec![(2019, 0)]);
        assert!(years_in("12019 20190 A2019 1499 2200 1990s").is_empty());
        assert_eq!(years_in("Smith 2019a"), vec![(2019, 6)]);
    }

    // ---- url_date -------------------------------------------------------------------------

    #[test]
    fn url_path_dates() {
        let cases = [
            (
                "http://www.xinhuanet.com//2020-01/02/c_1125416394.htm",
                d(2020, 1, 2),
            ),
            (
                "http://www.xinhuanet.com/mil/2018-04/28/c_129861582.htm",
                d(2018, 4, 28),
            ),
            (
                "http://politics.people.com.cn/n1/2019/0623/c1024-31175221.html",
                d(2019, 6, 23),
            ),
            (
                "https://example.com/2019/10/17/some-story/",
                d(2019, 10, 17),
            ),
            (
                "https://example.com/news/20190628/story.html",
                d(2019, 6, 28),
            ),
            (
                "https://example.com/blog/new-software-2021-05-18/",
                d(2021, 5, 18),
            ),
            (
                "https://example.com/2019-04-10/is-anyone-there",
                d(2019, 4, 10),
            ),
            (
                "https://www.washingtonpost.com/world/2018/12/12/76055116-fd85-11e8",
                d(2018, 12, 12),
            ),
        ];
        for (url, want) in cases {
            assert_eq!(url_date(url), Some(want), "{url}");
        }
    }

    #[test]
    fn url_month_and_year_precision() {
        assert_eq!(
            url_date("https://example.com/2019/10/"),
            Some(PartialDate::month(2019, 10))
        );
        assert_eq!(
            url_date("https://carnegieendowment.org/research/2019/09/the-global-expansion"),
            Some(PartialDate::month(2019, 9))
        );
        assert_eq!(
            url_date("https://example.com/2019/"),
            Some(PartialDate::year(2019))
        );
        assert_eq!(
            url_date("https://example.com/2020-03/story"),
            Some(PartialDate::month(2020, 3))
        );
        assert_eq!(url_date("https://example.com/issues/2045"), None);
    }

    #[test]
    fn url_ids_with_embedded_dates() {
        assert_eq!(
            url_date("https://cn.yna.co.kr/view/ACK20190628005700881"),
            Some(d(2019, 6, 28))
        );
        assert_eq!(
            url_date("https://cn.yna.co.kr/view/ACK20191029000200881?section=nk/index"),
            Some(d(2019, 10, 29))
        );
        assert_eq!(
            url_date("https://x.org/a?ts=20191029123045"),
            Some(d(2019, 10, 29))
        );
        assert_eq!(
            url_date("https://x.org/a?date=2019-10-29"),
            Some(d(2019, 10, 29))
        );
    }

    #[test]
    fn url_most_precise_wins() {
        assert_eq!(
            url_date("https://x.org/2019/10/view/ACK20191029000200881"),
            Some(d(2019, 10, 29))
        );
        assert_eq!(
            url_date("https://x.org/2019/10/17/a-2018-01-01"),
            Some(d(2019, 10, 17))
        );
    }

    #[test]
    fn url_no_invented_dates() {
        for url in [
            "http://www.xinhuanet.com/c_1125416394.htm",
            "https://example.com/video/11565793017",
            "https://www.reuters.com/article/us-china-idUSKCN1V50RF",
            "http://www.chinadaily.com.cn/a/p/153742.html",
            "https://www.scmp.com/news/article/2174811/chinese",
            "https://www.state.gov/remarks-depetris101719",
            "https://example.com/files/7-1-19_Stanton.pdf",
            "https://example.com/show?id=1-4XYENKG&ct=180501",
            "https://example.com/Index1.pdf",
            "https://example.com/x.aspx?MaterialID=9b0000e57fa94a2dbc0e43f5817ca767",
            "https://nvlpubs.nist.gov/nistpubs/sp800-145.pdf",
            "https://papers.ssrn.com/sol3/papers.cfm?abstract_id=3372669",
            "https://doi.org/10.1177/1529100619832930",
            "https://nvlpubs.nist.gov/frvt_1N_report.pdf",
            "https://example.com/",
            "",
            "not a url",
        ] {
            assert_eq!(url_date(url), None, "{url}");
        }
    }

    #[test]
    fn url_host_never_carries_a_date() {
        assert_eq!(url_date("https://2019.example.com/about"), None);
        assert_eq!(url_date("https://news20190628.example.com/x"), None);
        assert_eq!(url_date("example.com/2019/10/17/x"), Some(d(2019, 10, 17)));
        assert_eq!(url_date("/2019/10/17/x"), Some(d(2019, 10, 17)));
    }

    #[test]
    fn url_impossible_or_out_of_range_dates_are_ignored() {
        assert_eq!(url_date("https://x.org/2019/02/30/story"), None);
        assert_eq!(url_date("https://x.org/2019-02-30/story"), None);
        assert_eq!(url_date("https://x.org/2019/13/story"), None);
        assert_eq!(url_date("https://x.org/20190230/"), None);
        assert_eq!(url_date("https://x.org/1989/10/17/"), None);
        assert_eq!(url_date("https://x.org/2100/10/17/"), None);
    }

    #[test]
    fn wikipedia_and_apa_access_dates() {
        let text = "Archived from the original on 5 May 2019. Retrieved 3 March 2020.";
        let flags: Vec<bool> = find_dates(text).iter().map(|f| f.accessed).collect();
        assert_eq!(flags, vec![false, true]);
        let text = "Retrieved March 3, 2020, from https://example.com/2019/10/17/x";
        assert_eq!(found(text), vec![(d(2020, 3, 3), "March 3, 2020", true)]);
        let text = "Abgerufen am 3. März 2020; consulté le 2020-03-04";
        let f = find_dates(text);
        assert_eq!(
            f.last().map(|f| (f.date, f.accessed)),
            Some((d(2020, 3, 4), true))
        );
    }

    #[test]
    fn spans_are_byte_offsets_in_multibyte_text() {
        let text = "《报告》，新华社，2020年1月2日，访问日期：2021年3月4日。";
        let f = find_dates(text);
        assert_eq!(f.len(), 2);
        assert_eq!(text.get(f[0].start..f[0].end), Some("2020年1月2日"));
        assert!(!f[0].accessed);
        assert_eq!(text.get(f[1].start..f[1].end), Some("2021年3月4日"));
        assert!(f[1].accessed);
        assert_eq!(years_in("“é” 2019"), vec![(2019, 9)]);
    }

    #[test]
    fn full_note_mixed_forms() {
        let text = "J. Doe, \"On Things,\" Journal of Stuff, Vol. 12, No. 3 (Fall 2018), \
                    pp. 45-67; updated Jan. 5, 2019 (accessed 2020-02-01).";
        assert_eq!(
            found(text),
            vec![
                (PartialDate::year(2018), "Fall 2018", false),
                (d(2019, 1, 5), "Jan. 5, 2019", false),
                (d(2020, 2, 1), "2020-02-01", true),
            ]
        );
    }

    #[test]
    fn url_relative_and_schemeless() {
        assert_eq!(url_date("//example.com/2019/0623/x"), Some(d(2019, 6, 23)));
        assert_eq!(url_date("2019/10/17"), Some(d(2019, 10, 17)));
        assert_eq!(url_date("https://x.org/a/#/2019/10/17/"), None);
        assert_eq!(
            url_date("https://x.org/2019/10/17.html"),
            Some(d(2019, 10, 17))
        );
        assert_eq!(
            url_date("https://x.org/p/2019/153742.html"),
            Some(PartialDate::year(2019))
        );
    }

    #[test]
    fn url_hex_hashes_are_not_ids() {
        assert_eq!(url_date("https://x.org/obj/ab20190628cdef0123456789"), None);
        assert_eq!(
            url_date("https://x.org/obj/ab20190628"),
            Some(d(2019, 6, 28))
        );
    }

    #[test]
    fn url_compact_year_month_segment_and_archive() {
        assert_eq!(
            url_date("https://www.chinadaily.com.cn/a/201910/17/WS5da7d1a4a310cf3e3557079f.html"),
            Some(d(2019, 10, 17))
        );
        assert_eq!(
            url_date("https://x.cn/a/201910/list.html"),
            Some(PartialDate::month(2019, 10))
        );
        assert_eq!(
            url_date("https://web.archive.org/web/20200102123456/http://example.com/2019/10/17/x"),
            Some(d(2019, 10, 17))
        );
        assert_eq!(
            url_date("https://web.archive.org/web/20200102123456/http://example.com/about"),
            None
        );
    }

    #[test]
    fn korean_dotted_dates() {
        assert_eq!(
            found("2019. 10. 29."),
            vec![(d(2019, 10, 29), "2019. 10. 29.", false)]
        );
        assert!(find_dates("검색일: 2020. 1. 2.")[0].accessed);
        assert_eq!(dates("in 2019. 10. People"), vec![PartialDate::year(2019)]);
    }

    // ---- the hand matchers against the regexes they stand for ----------------------------
    //
    // The forms used to be matched with the regexes below; the hand matchers and the first
    // pass (`Scan`) that gates them must find exactly what those regexes find.

    use std::collections::BTreeMap;

    const MONTH_NAMES: &[&str] = &[
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
        "Sept",
        "Jan",
        "Feb",
        "Mar",
        "Apr",
        "Jun",
        "Jul",
        "Aug",
        "Sep",
        "Oct",
        "Nov",
        "Dec",
    ];

    fn month_number(name: &str) -> Option<u32> {
        let key = name.get(..3)?.to_ascii_lowercase();
        let names = [
            "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
        ];
        let at = names.iter().position(|n| *n == key)?;
        u32::try_from(at + 1).ok()
    }

    fn month_alternation() -> String {
        MONTH_NAMES
            .iter()
            .flat_map(|n| [n.to_string(), n.to_uppercase()])
            .collect::<Vec<_>>()
            .join("|")
    }

    const ORDINAL: &str = "(?:st|nd|rd|th|ST|ND|RD|TH)?";

    static RE_EN_MDY: LazyLock<Regex> = LazyLock::new(|| {
        let m = month_alternation();
        compile(&format!(
            r"(?-u:\b)(?P<m>{m})(?:\.\s*|\s+)(?P<d>[0-3]?[0-9]){ORDINAL}(?:\s*[-–—]\s*(?:(?:{m})(?:\.\s*|\s+))?[0-3]?[0-9]{ORDINAL})?(?:\s*,\s*|\s+)(?P<y>[0-9]{{4}})"
        ))
    });

    static RE_EN_DMY: LazyLock<Regex> = LazyLock::new(|| {
        let m = month_alternation();
        compile(&format!(
            r"(?-u:\b)(?P<d>[0-3]?[0-9]){ORDINAL}(?:\s*[-–—]\s*[0-3]?[0-9]{ORDINAL})?\s+(?:of\s+)?(?P<m>{m})(?:\.\s*|\s*,\s*|\s+)(?P<y>[0-9]{{4}})"
        ))
    });

    static RE_EN_MY: LazyLock<Regex> = LazyLock::new(|| {
        let m = month_alternation();
        compile(&format!(
            r"(?-u:\b)(?P<m>{m})(?:\.|(?-u:\b))(?:\s*[-–—/]\s*(?:{m})(?:\.|(?-u:\b)))?\s*,?\s*(?P<y>[0-9]{{4}})"
        ))
    });

    static RE_SEASON: LazyLock<Regex> = LazyLock::new(|| {
        compile(
            r"(?-u:\b)(?:Spring|Summer|Fall|Autumn|Winter|SPRING|SUMMER|FALL|AUTUMN|WINTER)(?:\s*,\s*|\s+)(?P<y>[0-9]{4})",
        )
    });

    static RE_CJK: LazyLock<Regex> = LazyLock::new(|| {
        compile(
            r"(?P<y>[0-9０-９]{4})\s*年(?:\s*(?P<m>[0-9０-９]{1,2})\s*月(?:\s*(?P<d>[0-9０-９]{1,2})\s*[日号號])?)?",
        )
    });

    static RE_KO: LazyLock<Regex> = LazyLock::new(|| {
        compile(
            r"(?P<y>[0-9０-９]{4})\s*년(?:\s*(?P<m>[0-9０-９]{1,2})\s*월(?:\s*(?P<d>[0-9０-９]{1,2})\s*일)?)?",
        )
    });

    static RE_YMD: LazyLock<Regex> = LazyLock::new(|| {
        compile(r"(?P<y>[0-9]{4})(?P<s1>[-/.])(?P<m>[0-9]{1,2})(?P<s2>[-/.])(?P<d>[0-9]{1,2})")
    });

    static RE_YMD_SPACED: LazyLock<Regex> = LazyLock::new(|| {
        compile(r"(?P<y>[0-9]{4})\.[ \t](?P<m>[0-9]{1,2})\.[ \t](?P<d>[0-9]{1,2})\.")
    });

    static RE_YM: LazyLock<Regex> =
        LazyLock::new(|| compile(r"(?P<y>[0-9]{4})(?P<s>[-/.])(?P<m>[0-9]{1,2})"));

    static RE_COMPACT: LazyLock<Regex> = LazyLock::new(|| compile(r"[0-9]{8}"));

    static RE_DMY_NUM: LazyLock<Regex> = LazyLock::new(|| {
        compile(r"(?P<a>[0-9]{1,2})(?P<s1>[./-])(?P<b>[0-9]{1,2})(?P<s2>[./-])(?P<y>[0-9]{4})")
    });

    static RE_MY_NUM: LazyLock<Regex> =
        LazyLock::new(|| compile(r"(?P<m>[0-9]{1,2})/(?P<y>[0-9]{4})"));

    /// A small deterministic generator of date-like text (xorshift).
    struct Gen(u64);

    const MONTH_TOKENS: &[&str] = &[
        "January",
        "JANUARY",
        "Jan",
        "JAN",
        "Jan.",
        "Janu",
        "February",
        "Feb",
        "March",
        "Mar",
        "MAR",
        "April",
        "May",
        "MAY",
        "may",
        "Mayday",
        "June",
        "Jun",
        "July",
        "Jul",
        "August",
        "Aug",
        "September",
        "SEPTEMBER",
        "Sept",
        "SEPT",
        "Sep",
        "October",
        "Oct",
        "November",
        "Nov",
        "December",
        "Dec",
        "DEC",
        "Spring",
        "SPRING",
        "Summer",
        "Fall",
        "FALL",
        "Autumn",
        "Winter",
        "Springs",
        "Octo",
    ];
    const SPACE_TOKENS: &[&str] = &[
        " ", " ", " ", "  ", "\u{a0}", "\u{3000}", "\t", "\n", "\u{b}", "\u{85}", "\u{2009}", "",
    ];
    const NUMBER_TOKENS: &[&str] = &[
        "0", "1", "2", "3", "4", "5", "9", "01", "02", "10", "12", "13", "19", "29", "30", "31",
        "32", "45", "99", "123", "０", "１２", "９",
    ];
    const YEAR_TOKENS: &[&str] = &[
        "2019",
        "2020",
        "1999",
        "1066",
        "1499",
        "2200",
        "3000",
        "0999",
        "20191019",
        "20190230",
        "201910",
        "12345",
        "２０２０",
        "２０１９",
    ];
    const OTHER_TOKENS: &[&str] = &[
        ",",
        ",",
        ".",
        ".",
        "-",
        "–",
        "—",
        "/",
        "/",
        ":",
        ";",
        "(",
        ")",
        "\"",
        "<",
        "_",
        "#",
        "$",
        "%",
        "+",
        "€",
        "st",
        "nd",
        "th",
        "TH",
        "of",
        "of ",
        "x",
        "A",
        "s",
        "é",
        "ü",
        "ſ",
        "K",
        "İ",
        "年",
        "年",
        "月",
        "日",
        "号",
        "號",
        "년",
        "월",
        "일",
        "No.",
        "No. ",
        "Vol. ",
        "pp. ",
        "p. ",
        "Issue ",
        "ISBN ",
        "§",
        "n°",
        "accessed ",
        "Accessed on ",
        "Retrieved ",
        "viewed ",
        "last modified ",
        "consulté le ",
        "ACCESSED ",
        "reaccessed ",
        "访问日期：",
        "检索",
        "검색일: ",
        "http://",
        "https://www.",
        "www.",
        "WWW.",
        "example.com/",
        "doi:10.1177/",
        "10.1234/",
        ".htm",
        "?id=",
        "A.b/",
    ];

    /// The parts of date-shaped text, each with near misses.
    const AFTER_MONTH: &[&str] = &[
        ".",
        ". ",
        " ",
        "  ",
        "\u{a0}",
        "",
        ",",
        ".\u{3000}",
        "-",
        "/",
        "–",
        "_",
    ];
    const DAYS: &[&str] = &["2", "02", "30", "31", "39", "4", "45", "123", "0", "３", ""];
    const ORDINALS: &[&str] = &["", "", "st", "nd", "TH", "th", "s", "rd", "St"];
    const RANGES: &[&str] = &[
        "",
        "",
        "",
        "-7",
        " – ",
        "—5",
        "–5th",
        " - July 2",
        "–Jul. 3",
        " — June 30",
        "/Feb",
        "-Feb",
        "– Feb ",
        " —\u{a0}December",
        "-",
        "–SEP.",
        "/ Mar",
        "-45",
    ];
    const BEFORE_YEAR: &[&str] = &[
        ", ", ",", " ", "  ,  ", "", ".", " ,", "\u{a0}", "\t,\n", ",,", ". ",
    ];
    const OFS: &[&str] = &["", "", "of ", "of", " of  ", "Of ", "of\u{a0}"];
    const AFTER_DAY: &[&str] = &[" ", " ", "", "\u{a0}", "  ", "-"];
    const CJK_PARTS: &[&[&str]] = &[
        YEAR_TOKENS,
        &["", " ", "\u{3000}", "x"],
        &["年", "년", "年", "月"],
        &["", " ", "\u{3000}"],
        &["1", "12", "０１", "123", "", "2019"],
        &["", " "],
        &["月", "월", "日", ""],
        &["", " "],
        &["2", "31", "３", "", "456"],
        &["", " "],
        &["日", "号", "號", "일", ""],
    ];
    const JOINERS: &[&str] = &[" ", "; ", "", ", accessed ", "x", "(", "/", "1", " 12 "];

    impl Gen {
        fn pick(&mut self, pool: &[&'static str]) -> &'static str {
            pool[self.below(pool.len())]
        }

        /// Text made of date-shaped pieces with near misses.
        fn shaped(&mut self) -> String {
            let mdy: &[&[&str]] = &[
                MONTH_TOKENS,
                AFTER_MONTH,
                DAYS,
                ORDINALS,
                RANGES,
                BEFORE_YEAR,
                YEAR_TOKENS,
            ];
            let dmy: &[&[&str]] = &[
                DAYS,
                ORDINALS,
                RANGES,
                AFTER_DAY,
                OFS,
                MONTH_TOKENS,
                BEFORE_YEAR,
                YEAR_TOKENS,
            ];
            let my: &[&[&str]] = &[MONTH_TOKENS, AFTER_MONTH, RANGES, BEFORE_YEAR, YEAR_TOKENS];
            let mut s = String::new();
            for _ in 0..=self.below(3) {
                let parts = match self.below(4) {
                    0 => mdy,
                    1 => dmy,
                    2 => my,
                    _ => CJK_PARTS,
                };
                for pool in parts {
                    s.push_str(self.pick(pool));
                }
                s.push_str(self.pick(JOINERS));
            }
            s
        }

        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }

        fn below(&mut self, n: usize) -> usize {
            usize::try_from(self.next() % u64::try_from(n.max(1)).unwrap_or(1)).unwrap_or(0)
        }

        fn text(&mut self) -> String {
            let mut s = String::new();
            for _ in 0..=self.below(16) {
                let pool = match self.below(100) {
                    0..=24 => MONTH_TOKENS,
                    25..=44 => SPACE_TOKENS,
                    45..=64 => NUMBER_TOKENS,
                    65..=79 => YEAR_TOKENS,
                    _ => OTHER_TOKENS,
                };
                s.push_str(pool[self.below(pool.len())]);
            }
            s
        }
    }

    /// Fixed date-like texts, then `n` generated ones.
    fn corpus(n: usize) -> Vec<String> {
        let mut texts: Vec<String> = [
            "January 2, 2010",
            "June 30 – July 2, 2019",
            "the 2nd of January, 2010",
            "Jan–Feb 2019",
            "Jan.2019",
            "Sept. 5, 2019",
            "5-7 June 2019",
            "Fall, 2018",
            "2019 年 10 月 29 日",
            "２０２０年１月２日",
            "2019년 10월 29일",
            "12019年1月2020年",
            "2019. 10. 29.",
            "123/4/2019 10/11/2019 19.10.2019",
            "12019-10-19 2019-10-19-2020-01-02",
            "http://www.xinhuanet.com//2020-01/02/c_1125416394.htm",
            "Retrieved March 3, 2020, from https://example.com/2019/10/17/x",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let mut g = Gen(0x9E37_79B9_7F4A_7C15);
        texts.extend((0..n).map(|k| if k % 2 == 0 { g.text() } else { g.shaped() }));
        texts
    }

    fn span_of(m: Option<regex::Match<'_>>) -> Option<(usize, usize)> {
        m.map(|m| (m.start(), m.end()))
    }

    type EnglishFound = (usize, usize, u32, Option<(usize, usize)>, (usize, usize));

    fn english_by_regex(re: &Regex, text: &str) -> Vec<EnglishFound> {
        re.captures_iter(text)
            .filter_map(|c| {
                let whole = c.get(0)?;
                let month = c
                    .name("m")
                    .and_then(|m| month_number(m.as_str()))
                    .unwrap_or(0);
                Some((
                    whole.start(),
                    whole.end(),
                    month,
                    span_of(c.name("d")),
                    span_of(c.name("y"))?,
                ))
            })
            .collect()
    }

    fn english_by_hand(
        text: &str,
        starts: &[usize],
        at: fn(&str, usize) -> Option<EnglishMatch>,
    ) -> Vec<EnglishFound> {
        let mut found = Vec::new();
        each_english(text, starts.iter().copied(), at, |start, m| {
            found.push((start, m.end, m.month, m.day, m.year));
        });
        found
    }

    #[test]
    fn english_matchers_agree_with_their_regexes() {
        for text in corpus(20_000) {
            let text = text.as_str();
            let scan = Scan::of(text);
            let gated = |on: bool, found: Vec<EnglishFound>| if on { found } else { Vec::new() };
            let run_starts: Vec<usize> = scan.runs.iter().map(|&(s, _)| s).collect();
            let mdy = english_by_hand(text, &scan.months, mdy_at);
            assert_eq!(
                gated(scan.digits4, mdy),
                english_by_regex(&RE_EN_MDY, text),
                "{text:?}"
            );
            let dmy = english_by_hand(text, &run_starts, dmy_at);
            assert_eq!(
                gated(scan.digits4 && scan.month_after_word, dmy),
                english_by_regex(&RE_EN_DMY, text),
                "{text:?}"
            );
            let my = english_by_hand(text, &scan.months, my_at);
            assert_eq!(
                gated(scan.digits4, my),
                english_by_regex(&RE_EN_MY, text),
                "{text:?}"
            );
            let season = english_by_hand(text, &scan.seasons, season_at);
            assert_eq!(
                gated(scan.digits4, season),
                english_by_regex(&RE_SEASON, text),
                "{text:?}"
            );
        }
    }

    type NumericFound = (usize, usize, Vec<(usize, usize)>, Vec<u8>);

    fn check_numeric(
        text: &str,
        scan: &Scan,
        re: &Regex,
        starts: fn(usize, usize) -> std::ops::Range<usize>,
        at: fn(&[u8], usize) -> Option<NumMatch>,
        nums: &[&str],
        seps: &[&str],
    ) {
        let want: Vec<NumericFound> = re
            .captures_iter(text)
            .filter_map(|c| {
                let whole = c.get(0)?;
                let n = nums
                    .iter()
                    .map(|g| span_of(c.name(g)))
                    .collect::<Option<_>>()?;
                let s = seps
                    .iter()
                    .map(|g| c.name(g).and_then(|m| m.as_str().bytes().next()))
                    .collect::<Option<_>>()?;
                Some((whole.start(), whole.end(), n, s))
            })
            .collect();
        let mut got: Vec<NumericFound> = Vec::new();
        if scan.digits4 {
            each_match(text, &scan.runs, starts, at, |start, m| {
                got.push((
                    start,
                    m.end,
                    m.nums.iter().take(nums.len()).copied().collect(),
                    m.seps.iter().take(seps.len()).copied().collect(),
                ));
            });
        }
        assert_eq!(got, want, "{re} on {text:?}");
    }

    #[test]
    fn numeric_matchers_agree_with_their_regexes() {
        for text in corpus(20_000) {
            let text = text.as_str();
            let scan = Scan::of(text);
            assert_eq!(scan.runs, ascii_digit_runs(text).collect::<Vec<_>>());
            let ymd = ["y", "m", "d"];
            check_numeric(
                text,
                &scan,
                &RE_YMD,
                year_first,
                ymd_at,
                &ymd,
                &["s1", "s2"],
            );
            check_numeric(
                text,
                &scan,
                &RE_YMD_SPACED,
                year_first,
                ymd_spaced_at,
                &ymd,
                &[],
            );
            check_numeric(text, &scan, &RE_YM, year_first, ym_at, &["y", "m"], &["s"]);
            check_numeric(text, &scan, &RE_COMPACT, eight_digits, compact_at, &[], &[]);
            let abs = ["a", "b", "y"];
            check_numeric(
                text,
                &scan,
                &RE_DMY_NUM,
                short_first,
                dmy_num_at,
                &abs,
                &["s1", "s2"],
            );
            check_numeric(
                text,
                &scan,
                &RE_MY_NUM,
                short_first,
                my_num_at,
                &["m", "y"],
                &[],
            );
        }
    }

    type CjkFound = (
        usize,
        usize,
        (usize, usize),
        Option<(usize, usize)>,
        Option<(usize, usize)>,
    );

    #[test]
    fn cjk_matchers_agree_with_their_regexes() {
        for text in corpus(20_000) {
            let text = text.as_str();
            let scan = Scan::of(text);
            for (re, marks, present) in [
                (&*RE_CJK, &CJK_MARKS, scan.cjk),
                (&*RE_KO, &KO_MARKS, scan.korean),
            ] {
                let want: Vec<CjkFound> = re
                    .captures_iter(text)
                    .filter_map(|c| {
                        let whole = c.get(0)?;
                        Some((
                            whole.start(),
                            whole.end(),
                            span_of(c.name("y"))?,
                            span_of(c.name("m")),
                            span_of(c.name("d")),
                        ))
                    })
                    .collect();
                let mut got: Vec<CjkFound> = Vec::new();
                if present {
                    each_cjk(text, marks, |start, m| {
                        got.push((start, m.end, m.year, m.month, m.day));
                    });
                }
                assert_eq!(got, want, "{re} on {text:?}");
            }
        }
    }

    #[test]
    fn regex_whitespace_is_char_whitespace() {
        let ws = compile(r"^\s$");
        for c in (0..=0xFFFF).filter_map(char::from_u32) {
            assert_eq!(ws.is_match(&c.to_string()), c.is_whitespace(), "{c:?}");
        }
        let astral: String = (0x10000..=0x10FFFF).filter_map(char::from_u32).collect();
        assert!(!compile(r"\s").is_match(&astral));
        assert!(!astral.chars().any(char::is_whitespace));
    }

    #[test]
    fn month_tables_agree() {
        for (at, names) in MONTH_NAMES_BY_MONTH.iter().enumerate() {
            let want: Vec<&str> = MONTH_NAMES
                .iter()
                .copied()
                .filter(|n| month_number(n) == u32::try_from(at + 1).ok())
                .collect();
            assert_eq!(names.to_vec(), want);
            for n in names.iter() {
                let b = n.as_bytes();
                assert_eq!(MONTH_KEYS.get(at), Some(&key3(&[b[0], b[1], b[2]])), "{n}");
            }
        }
    }

    /// Every candidate kept by [`mask_urls`] is one no URL-ish match of the whole text
    /// overlaps, for the real candidates and for arbitrary spans.
    #[test]
    fn url_masks_agree_with_a_whole_text_search() {
        let mut g = Gen(7);
        for text in corpus(20_000) {
            let text = text.as_str();
            let scan = Scan::of(text);
            let mut cands = Vec::new();
            collect(text, &scan, &mut cands);
            let bounds: Vec<usize> = (0..=text.len())
                .filter(|&i| text.is_char_boundary(i))
                .collect();
            for _ in 0..3 {
                let a = bounds[g.below(bounds.len())];
                let b = bounds[g.below(bounds.len())];
                if a < b {
                    cands.push(Cand {
                        start: a,
                        end: b,
                        date: PartialDate::year(2000),
                    });
                }
            }
            let masks: Vec<(usize, usize)> = RE_URLISH
                .find_iter(text)
                .map(|m| (m.start(), m.end()))
                .collect();
            let want: Vec<(usize, usize)> = cands
                .iter()
                .filter(|c| !masks.iter().any(|&(s, e)| c.start < e && s < c.end))
                .map(|c| (c.start, c.end))
                .collect();
            assert!(masks.is_empty() || scan.urlish, "{text:?}");
            let mut kept = cands.clone();
            if scan.urlish {
                mask_urls(text, &mut kept);
            }
            let got: Vec<(usize, usize)> = kept.iter().map(|c| (c.start, c.end)).collect();
            assert_eq!(got, want, "{text:?}");
        }
    }

    #[test]
    fn token_spans_stop_at_whitespace() {
        let mut g = Gen(3);
        for text in corpus(5_000) {
            let text = text.as_str();
            let bounds: Vec<usize> = (0..=text.len())
                .filter(|&i| text.is_char_boundary(i))
                .collect();
            for _ in 0..4 {
                let a = bounds[g.below(bounds.len())];
                let b = bounds[g.below(bounds.len())];
                let (start, end) = (a.min(b), a.max(b));
                let from = text[..start]
                    .char_indices()
                    .rev()
                    .find(|&(_, c)| c.is_whitespace())
                    .map_or(0, |(i, c)| i + c.len_utf8());
                let to = text[end..]
                    .find(char::is_whitespace)
                    .map_or(text.len(), |i| end + i);
                assert_eq!(
                    token_span(text, start, end),
                    (from, to),
                    "{text:?} {start} {end}"
                );
            }
        }
    }

    /// `is_accessed` as first written: lowercase the window's last 80 bytes and look for the
    /// last occurrence of every marker.
    fn is_accessed_reference(window: &str) -> bool {
        let mut from = window.len().saturating_sub(80);
        while from < window.len() && !window.is_char_boundary(from) {
            from += 1;
        }
        let w = window.get(from..).unwrap_or("").to_lowercase();
        let mut best: Option<usize> = None;
        for m in ACCESS_MARKERS {
            let Some(i) = w.rfind(m) else {
                continue;
            };
            let latin = m.chars().next().is_some_and(|c| c.is_ascii_alphabetic());
            if latin && char_before(&w, i).is_some_and(char::is_alphabetic) {
                continue;
            }
            let end = i + m.len();
            best = Some(best.map_or(end, |b| b.max(end)));
        }
        let Some(end) = best else {
            return false;
        };
        let words: Vec<&str> = w
            .get(end..)
            .unwrap_or("")
            .split(|c: char| c.is_whitespace() || ":：,，()（）[]".contains(c))
            .filter(|t| !t.is_empty())
            .collect();
        words.len() <= 3 && words.iter().all(|t| ACCESS_FILLERS.contains(t))
    }

    #[test]
    fn access_shortcuts_agree_with_the_reference() {
        let mut g = Gen(11);
        let mut texts = corpus(3_000);
        // Long windows, cut at 80 bytes, sometimes inside a word or a marker.
        for _ in 0..1_000 {
            texts.push(format!("{}x{}{}", g.text(), g.text(), g.text()));
        }
        for text in &texts {
            let scan = Scan::of(text);
            let hints = AccessHints::of(text, &scan);
            let bounds: Vec<usize> = (0..=text.len())
                .filter(|&i| text.is_char_boundary(i))
                .collect();
            for _ in 0..12 {
                let a = bounds[g.below(bounds.len())];
                let b = bounds[g.below(bounds.len())];
                let window = &text[a.min(b)..a.max(b)];
                assert_eq!(
                    is_accessed(window, hints),
                    is_accessed_reference(window),
                    "{window:?} in {text:?}"
                );
            }
        }
        for m in ACCESS_MARKERS {
            if m.bytes().next().is_some_and(|c| c.is_ascii_alphabetic()) {
                assert!(starts_with_access_key(m.as_bytes()), "{m}");
            }
        }
    }

    #[test]
    fn number_marker_shortcut_agrees() {
        for text in corpus(3_000) {
            for i in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
                let pre = text[..i].trim_end();
                let want = NUMBER_MARKERS.iter().any(|m| ends_with_word(pre, m));
                assert_eq!(after_number_marker(&text, i), want, "{:?}", &text[..i]);
            }
        }
    }

    /// `select` as first written, with a map of the chosen spans.
    fn select_reference(mut cands: Vec<Cand>) -> Vec<Cand> {
        cands.sort_by(|a, b| {
            let la = a.end.saturating_sub(a.start);
            let lb = b.end.saturating_sub(b.start);
            lb.cmp(&la).then(a.start.cmp(&b.start))
        });
        let mut chosen: BTreeMap<usize, Cand> = BTreeMap::new();
        for c in cands {
            let clashes_before = chosen
                .range(..=c.start)
                .next_back()
                .is_some_and(|(_, k)| k.end > c.start);
            let clashes_after = chosen
                .range(c.start..)
                .next()
                .is_some_and(|(&s, _)| s < c.end);
            if !clashes_before && !clashes_after {
                chosen.insert(c.start, c);
            }
        }
        chosen.into_values().collect()
    }

    #[test]
    fn select_agrees_with_the_reference() {
        let mut g = Gen(5);
        for _ in 0..20_000 {
            let cands: Vec<Cand> = (0..g.below(9))
                .map(|k| {
                    let start = g.below(30);
                    Cand {
                        start,
                        end: start + 1 + g.below(8),
                        date: PartialDate::year(2000 + i32::try_from(k).unwrap_or(0)),
                    }
                })
                .collect();
            let key = |v: Vec<Cand>| -> Vec<(usize, usize, PartialDate)> {
                v.into_iter().map(|c| (c.start, c.end, c.date)).collect()
            };
            assert_eq!(key(select(cands.clone())), key(select_reference(cands)));
        }
    }

    #[test]
    fn scan_finds_what_the_forms_need() {
        let s = Scan::of("Wang, \"2 January 2010\", www.x.cn 2019年 2019년, Spring 2019 accessed");
        assert!(s.digits4 && s.month_after_word && s.urlish && s.cjk && s.korean && s.access);
        assert_eq!(s.months, vec![9]);
        assert_eq!(s.seasons.len(), 1);
        let s = Scan::of("January, 12, Mayday Xmar 201 see/also");
        assert_eq!(s.months, vec![0, 13]);
        assert!(!s.digits4 && !s.month_after_word && !s.cjk && !s.korean && !s.access);
        assert_eq!(s.runs, vec![(9, 11), (25, 28)]);
        assert!(s.urlish);
        assert!(!Scan::of("review, reaccessed").access);
    }
}
