//! Candidate dates in free text from every form, and the choice among overlapping ones.

use super::*;

// ---------------------------------------------------------------------------------------
// Candidates in free text
// ---------------------------------------------------------------------------------------

/// One possible date at `start..end`; overlapping candidates are resolved by [`select`].
#[derive(Clone, Copy, Debug)]
pub(super) struct Cand {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) date: PartialDate,
}

/// The parts of a regex match a candidate is built from.
pub(super) fn group<'t>(caps: &Captures<'t>, name: &str) -> Option<regex::Match<'t>> {
    caps.name(name)
}

/// Every candidate date in `text`, from every pattern, before overlap resolution, in a
/// fixed order (pattern by pattern, then by position) that [`select`] relies on for ties.
/// `scan` must be `Scan::of(text)`.
pub(super) fn collect(text: &str, scan: &Scan, out: &mut Vec<Cand>) {
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

pub(super) fn collect_english(text: &str, scan: &Scan, out: &mut Vec<Cand>) {
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
pub(super) fn english_date(text: &str, m: EnglishMatch) -> Option<PartialDate> {
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

pub(super) fn collect_cjk(text: &str, scan: &Scan, out: &mut Vec<Cand>) {
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
pub(super) fn collect_numeric(text: &str, runs: &[(usize, usize)], out: &mut Vec<Cand>) {
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

pub(super) fn strip_dash(s: &str) -> Option<&str> {
    s.strip_suffix('-')
        .or_else(|| s.strip_suffix('–'))
        .or_else(|| s.strip_suffix('—'))
}

/// `runs` are the maximal ASCII digit runs of `text`.
pub(super) fn collect_bare_years(text: &str, runs: &[(usize, usize)], out: &mut Vec<Cand>) {
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
pub(super) fn select(mut cands: Vec<Cand>) -> Vec<Cand> {
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
