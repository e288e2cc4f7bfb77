//! The English forms ("January 2, 2010", "2 Jan. 2010", "Dec. 2019", "Spring 2019"),
//! matched by hand.

use super::*;

// ---------------------------------------------------------------------------------------
// Patterns
// ---------------------------------------------------------------------------------------

/// The English month names and abbreviations, by month, longest first ("Sept" before
/// "Sep"). The month alternation `M` of the English forms is every full name, then "Sept",
/// then the abbreviations, each Capitalised then ALL CAPS; names of different months never
/// match at the same place, so trying one month's names in this order tries `M` in order.
pub(super) const MONTH_NAMES_BY_MONTH: [&[&str]; 12] = [
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

pub(super) fn compile(pattern: &str) -> Regex {
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
pub(super) struct EnglishMatch {
    pub(super) end: usize,
    pub(super) month: u32,
    pub(super) day: Option<(usize, usize)>,
    pub(super) year: (usize, usize),
}

/// The end of the whitespace at byte `i` (greedy `\s*`).
pub(super) fn skip_ws(text: &str, i: usize) -> usize {
    let rest = text.get(i..).unwrap_or("");
    i + (rest.len() - rest.trim_start().len())
}

/// The end of the whitespace at byte `i` when there is some (greedy `\s+`).
pub(super) fn skip_ws1(text: &str, i: usize) -> Option<usize> {
    let end = skip_ws(text, i);
    (end > i).then_some(end)
}

/// `[-–—]` (or `[-–—/]` with `slash`) at byte `i`: its end.
pub(super) fn dash_at(b: &[u8], i: usize, slash: bool) -> Option<usize> {
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
pub(super) fn month_then<R>(
    text: &str,
    i: usize,
    mut k: impl FnMut(usize, u32) -> Option<R>,
) -> Option<R> {
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
pub(super) fn day_then<R>(b: &[u8], i: usize, mut k: impl FnMut(usize) -> Option<R>) -> Option<R> {
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
pub(super) fn ordinal_then<R>(
    b: &[u8],
    i: usize,
    mut k: impl FnMut(usize) -> Option<R>,
) -> Option<R> {
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
pub(super) fn dot_or_boundary_then<R>(
    b: &[u8],
    i: usize,
    mut k: impl FnMut(usize) -> Option<R>,
) -> Option<R> {
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
pub(super) fn year_span(b: &[u8], i: usize) -> Option<(usize, usize)> {
    four_at(b, i).map(|end| (i, end))
}

/// `(?:\s*,\s*|\s+)(?P<y>[0-9]{4})` at byte `i`: the year's range.
pub(super) fn comma_or_space_year(text: &str, i: usize) -> Option<(usize, usize)> {
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
pub(super) fn dot_comma_or_space_year(text: &str, i: usize) -> Option<(usize, usize)> {
    let b = text.as_bytes();
    if b.get(i) == Some(&b'.') {
        if let Some(y) = year_span(b, skip_ws(text, i + 1)) {
            return Some(y);
        }
    }
    comma_or_space_year(text, i)
}

/// `\s*,?\s*(?P<y>[0-9]{4})` at byte `i`: the year's range.
pub(super) fn optional_comma_year(text: &str, i: usize) -> Option<(usize, usize)> {
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
pub(super) fn after_month_name(text: &str, i: usize) -> Option<usize> {
    if text.as_bytes().get(i) == Some(&b'.') {
        Some(skip_ws(text, i + 1))
    } else {
        skip_ws1(text, i)
    }
}

/// `(?-u:\b)M(?:\.\s*|\s+)(?P<d>[0-3]?[0-9])ORD(?:\s*[-–—]\s*(?:M(?:\.\s*|\s+))?[0-3]?[0-9]ORD)?(?:\s*,\s*|\s+)(?P<y>[0-9]{4})`:
/// "January 2, 2010", "Jan. 2 2010", "January 2nd, 2010", "June 5-7, 2019",
/// "June 30 – July 2, 2019".
pub(super) fn mdy_at(text: &str, i: usize) -> Option<EnglishMatch> {
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
pub(super) fn dmy_at(text: &str, i: usize) -> Option<EnglishMatch> {
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
pub(super) fn my_at(text: &str, i: usize) -> Option<EnglishMatch> {
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
pub(super) fn season_at(text: &str, i: usize) -> Option<EnglishMatch> {
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
pub(super) fn each_english(
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
