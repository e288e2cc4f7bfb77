//! The CJK forms ("2020年1月2日", "2019년 10월"), matched by hand.

use super::*;

// ---------------------------------------------------------------------------------------
// CJK forms, matched by hand
// ---------------------------------------------------------------------------------------

/// The marks of a CJK form: after the year, after the month, and after the day.
pub(super) struct CjkMarks {
    pub(super) year: char,
    pub(super) month: char,
    pub(super) day: &'static [char],
}

/// `(?P<y>[0-9０-９]{4})\s*年(?:\s*(?P<m>[0-9０-９]{1,2})\s*月(?:\s*(?P<d>[0-9０-９]{1,2})\s*[日号號])?)?`:
/// "2020年1月2日", "2020年1月", "2020年", with optional spaces and full-width digits.
pub(super) const CJK_MARKS: CjkMarks = CjkMarks {
    year: '年',
    month: '月',
    day: &['日', '号', '號'],
};

/// `(?P<y>[0-9０-９]{4})\s*년(?:\s*(?P<m>[0-9０-９]{1,2})\s*월(?:\s*(?P<d>[0-9０-９]{1,2})\s*일)?)?`:
/// "2019년 10월 29일", "2019년 10월", "2019년".
pub(super) const KO_MARKS: CjkMarks = CjkMarks {
    year: '년',
    month: '월',
    day: &['일'],
};

/// A CJK match: where it ends, and the byte ranges of its year, month and day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct CjkMatch {
    pub(super) end: usize,
    pub(super) year: (usize, usize),
    pub(super) month: Option<(usize, usize)>,
    pub(super) day: Option<(usize, usize)>,
}

pub(super) fn is_any_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// The end of the `[0-9０-９]` digit at byte `i`.
pub(super) fn any_digit_end(text: &str, i: usize) -> Option<usize> {
    let c = text.get(i..)?.chars().next().filter(|&c| is_any_digit(c))?;
    Some(i + c.len_utf8())
}

/// The end of up to `max` `[0-9０-９]` digits at byte `i` (`i` itself when there are none).
pub(super) fn any_digits_end(text: &str, i: usize, max: usize) -> usize {
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
pub(super) fn mark_end(text: &str, i: usize, mark: &[char]) -> Option<usize> {
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
pub(super) fn number_then_mark(
    text: &str,
    i: usize,
    mark: &[char],
) -> Option<((usize, usize), usize)> {
    let end = any_digits_end(text, i, 2);
    if end == i {
        return None;
    }
    Some(((i, end), mark_end(text, end, mark)?))
}

/// The CJK pattern of `marks` at byte `i`.
pub(super) fn cjk_at(text: &str, i: usize, marks: &CjkMarks) -> Option<CjkMatch> {
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
pub(super) fn each_cjk(text: &str, marks: &CjkMarks, mut f: impl FnMut(usize, CjkMatch)) {
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
