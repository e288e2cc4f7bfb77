//! The ISO and numeric forms ("2019-10-19", "19.10.2019", "10/2019"), matched by hand.

use super::*;

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
pub(super) struct NumMatch {
    pub(super) end: usize,
    pub(super) nums: [(usize, usize); 3],
    pub(super) seps: [u8; 2],
}

/// How many ASCII digits (at most `max`) start at `b[i..]`.
pub(super) fn digits_at(b: &[u8], i: usize, max: usize) -> usize {
    b.get(i..)
        .unwrap_or(&[])
        .iter()
        .take(max)
        .take_while(|c| c.is_ascii_digit())
        .count()
}

/// The byte at `i` when it is one of `set`.
pub(super) fn byte_in(b: &[u8], i: usize, set: &[u8]) -> Option<u8> {
    b.get(i).copied().filter(|&c| is_one_of(c, set))
}

/// `[0-9]{1,2}` at `i` followed by a byte of `next` (which holds no digit): as a greedy
/// regex would take it, the whole run of up to two digits, then the byte. Returns the end
/// of the digits and the byte.
pub(super) fn one_or_two_then(b: &[u8], i: usize, next: &[u8]) -> Option<(usize, u8)> {
    // With two digits and no `next` after them, backing off to one digit leaves a digit
    // where `next` is needed: no match either way.
    let n = digits_at(b, i, 2);
    if n == 0 {
        return None;
    }
    Some((i + n, byte_in(b, i + n, next)?))
}

/// `[0-9]{4}` at `i`: its end.
pub(super) fn four_at(b: &[u8], i: usize) -> Option<usize> {
    (digits_at(b, i, 4) == 4).then_some(i + 4)
}

/// `(?P<y>[0-9]{4})(?P<s1>[-/.])(?P<m>[0-9]{1,2})(?P<s2>[-/.])(?P<d>[0-9]{1,2})`:
/// "2019-10-19", "2019/10/19", "2019.10.19" (same separator twice, checked in code).
pub(super) fn ymd_at(b: &[u8], i: usize) -> Option<NumMatch> {
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
pub(super) fn ymd_spaced_at(b: &[u8], i: usize) -> Option<NumMatch> {
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
pub(super) fn ym_at(b: &[u8], i: usize) -> Option<NumMatch> {
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
pub(super) fn compact_at(b: &[u8], i: usize) -> Option<NumMatch> {
    (digits_at(b, i, 8) == 8).then_some(NumMatch {
        end: i + 8,
        nums: [(i, i + 4), (i + 4, i + 6), (i + 6, i + 8)],
        seps: [0, 0],
    })
}

/// `(?P<a>[0-9]{1,2})(?P<s1>[./-])(?P<b>[0-9]{1,2})(?P<s2>[./-])(?P<y>[0-9]{4})`:
/// "19.10.2019", "19/10/2019", "10/11/2019", "19-10-2019".
pub(super) fn dmy_num_at(b: &[u8], i: usize) -> Option<NumMatch> {
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
pub(super) fn my_num_at(b: &[u8], i: usize) -> Option<NumMatch> {
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
pub(super) fn year_first(start: usize, end: usize) -> std::ops::Range<usize> {
    match end.checked_sub(4) {
        Some(at) if at >= start => at..at + 1,
        _ => 0..0,
    }
}

/// ...one or two digits followed by a separator start at most two digits before it...
pub(super) fn short_first(start: usize, end: usize) -> std::ops::Range<usize> {
    end.saturating_sub(2).max(start)..end
}

/// ...and eight digits anywhere eight digits remain.
pub(super) fn eight_digits(start: usize, end: usize) -> std::ops::Range<usize> {
    start..end.saturating_sub(7).max(start)
}

/// Every match of `at` in `text` as `captures_iter` would find them: the leftmost, then the
/// leftmost from its end, and so on. `runs` are the maximal ASCII digit runs of `text`;
/// `starts` narrows each run to the positions where a match can start (skipping positions
/// where it cannot changes nothing).
pub(super) fn each_match(
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
pub(super) fn value_at(b: &[u8], (s, e): (usize, usize)) -> Option<u32> {
    let digits = b.get(s..e).filter(|d| !d.is_empty())?;
    digits.iter().try_fold(0u32, |acc, &c| {
        if !c.is_ascii_digit() {
            return None;
        }
        acc.checked_mul(10)?.checked_add(u32::from(c - b'0'))
    })
}

pub(super) fn year_at(b: &[u8], span: (usize, usize)) -> Option<i32> {
    i32::try_from(value_at(b, span)?).ok()
}
