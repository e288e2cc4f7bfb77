//! Dates inside URLs ("/2019/10/17/", "ACK20190628005700881").

use super::*;

// ---------------------------------------------------------------------------------------
// URLs
// ---------------------------------------------------------------------------------------

/// Splits a URL into (host, rest); the host is empty for a bare path.
pub(super) fn split_host(url: &str) -> (&str, &str) {
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

pub(super) fn all_digits(s: &str, len: std::ops::RangeInclusive<usize>) -> bool {
    len.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
}

/// A segment's name without its extension: "17.html" → "17".
pub(super) fn stem(seg: &str) -> &str {
    match seg.rfind('.') {
        Some(i) => seg.get(..i).unwrap_or(seg),
        None => seg,
    }
}

/// "2019" as a URL year.
pub(super) fn url_year(seg: &str) -> Option<i32> {
    if !all_digits(seg, 4..=4) {
        return None;
    }
    year_of(seg).filter(|y| URL_YEARS.contains(y))
}

/// "2020-01" or "201910" as a URL year and month.
pub(super) fn url_year_month(seg: &str) -> Option<(i32, u32)> {
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
pub(super) fn url_path_dates(path: &str, found: &mut Vec<(usize, PartialDate)>) {
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
pub(super) fn url_slug_dates(s: &str, base: usize, found: &mut Vec<(usize, PartialDate)>) {
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
pub(super) fn in_hex_token(s: &str, start: usize, end: usize) -> bool {
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
pub(super) fn url_digit_run_dates(s: &str, base: usize, found: &mut Vec<(usize, PartialDate)>) {
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
