//! Stage 3: the body's markers, once the notes are known. Two families:
//! - written as markers: `[3]`, `[3–5]`, `[4, 5]`, `\[3\]`, `[iv]`, `^3`, `¹`, `<sup>3</sup>`:
//!   every one whose label is a note's is taken;
//! - digits that lost their superscript: glued after a word or its punctuation
//!   (`industries.8 In`, `capacity,28 as`, `2024.”3`, `armament.4)`) or standing between
//!   spaces (`markets 12 , but`, `chains 2 . In`): most such numbers are counts, years and
//!   sections, so only the longest run whose labels rise is kept, and numbers that a word
//!   around them claims (`Article 6`, `12 percent`, `March 3`) never enter it.

use super::labels::{roman_value, symbol_value, Numbering};

/// A marker found: the note number it names and the byte offset of its label.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Found {
    pub value: u32,
    pub at: usize,
}

/// Words after which a number is the word's own (`Article 6`, `page 4`, `March 3`).
const CLAIMING_BEFORE: &[&str] = &[
    "article",
    "art",
    "section",
    "sec",
    "chapter",
    "ch",
    "figure",
    "fig",
    "table",
    "page",
    "p",
    "pp",
    "no",
    "nos",
    "vol",
    "volume",
    "issue",
    "tier",
    "level",
    "phase",
    "version",
    "step",
    "part",
    "annex",
    "appendix",
    "paragraph",
    "para",
    "box",
    "item",
    "point",
    "number",
    "top",
    "over",
    "under",
    "about",
    "nearly",
    "almost",
    "than",
    "least",
    "only",
    "some",
    "the",
    "a",
    "an",
    "of",
    "to",
    "from",
    "between",
    "and",
    "or",
    "in",
    "on",
    "at",
    "by",
    "for",
    "with",
    "first",
    "last",
    "next",
    "every",
    "each",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "rule",
    "goal",
    "pillar",
    "option",
    "scenario",
    "case",
    "model",
    "grade",
    "class",
    "group",
    "type",
    "stage",
    "round",
    "day",
    "week",
    "month",
    "year",
    "quarter",
    "q",
    "h",
    "gpt",
    "fable",
    "covid",
];

/// Words before which a number is a quantity (`12 percent`, `5 years`).
const CLAIMING_AFTER: &[&str] = &[
    "percent",
    "per",
    "million",
    "billion",
    "trillion",
    "thousand",
    "hundred",
    "years",
    "year",
    "months",
    "month",
    "days",
    "day",
    "hours",
    "hour",
    "minutes",
    "weeks",
    "times",
    "people",
    "countries",
    "states",
    "members",
    "companies",
    "firms",
    "new",
    "major",
    "key",
    "main",
    "more",
    "other",
    "different",
    "gw",
    "mw",
    "kw",
    "gb",
    "mb",
    "km",
    "kg",
    "m",
    "pm",
    "am",
    "st",
    "nd",
    "rd",
    "th",
    "x",
];

fn word_before(text: &str, at: usize) -> String {
    let before = text.get(..at).unwrap_or("").trim_end();
    before
        .rsplit(|c: char| c.is_whitespace())
        .next()
        .unwrap_or("")
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
}

fn word_after(text: &str, at: usize) -> String {
    text.get(at..)
        .unwrap_or("")
        .trim_start()
        .split(|c: char| c.is_whitespace())
        .next()
        .unwrap_or("")
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
}

/// Labels written in a bracket at `i` (`[3]`, `[3–5]`, `[4, 5]`, `[ 53 ]`, `[iv]`): (values,
/// end of the bracket).
fn bracket_at(text: &str, i: usize, numbering: Numbering) -> Option<(Vec<u32>, usize)> {
    let rest = text.get(i..)?;
    let (inner_start, close) = if rest.starts_with("\\[") {
        (2, "\\]")
    } else if rest.starts_with('[') {
        (1, "]")
    } else {
        return None;
    };
    let inner_end = rest.get(inner_start..)?.find(close)? + inner_start;
    if inner_end - inner_start > 24 {
        return None;
    }
    let inner = rest.get(inner_start..inner_end)?.trim();
    let after = rest.get(inner_end + close.len()..).unwrap_or("");
    // `[1](url)` is a link, `[1]:` a reference definition
    if after.starts_with('(') || after.starts_with(':') {
        return None;
    }
    let mut out = Vec::new();
    for part in inner.split(',') {
        let mut ends = part
            .split(['–', '-', '—'])
            .map(|x| value_of(x.trim(), numbering));
        match (ends.next(), ends.next(), ends.next()) {
            (Some(Some(a)), Some(Some(b)), None) if b >= a && b - a <= 50 => out.extend(a..=b),
            (Some(Some(a)), None, None) => out.push(a),
            _ => return None,
        }
    }
    Some((out, i + inner_end + close.len()))
}

fn value_of(s: &str, numbering: Numbering) -> Option<u32> {
    match numbering {
        Numbering::Arabic => s.parse().ok().filter(|_| !s.starts_with('0')),
        Numbering::RomanLower | Numbering::RomanUpper => roman_value(s),
        Numbering::Symbol => s.chars().next().and_then(symbol_value),
        Numbering::LetterUpper | Numbering::LetterLower => {
            let mut ch = s.chars();
            match (ch.next(), ch.next()) {
                (Some(c), None) if c.is_ascii_alphabetic() => {
                    Some(u32::from(c.to_ascii_uppercase()) - u32::from('A') + 1)
                }
                _ => None,
            }
        }
    }
}

/// Symbol markers (`claim.*`, `word†`) in `text[a..b]`: glued after a word or its
/// punctuation; a `*` after a letter only when its word holds no other `*` (Markdown's
/// `*emphasis*` is no marker).
fn symbols(text: &str, a: usize, b: usize, out: &mut Vec<Found>) {
    let Some(s) = text.get(a..b) else { return };
    for (k, c) in s.char_indices() {
        let Some(value) = symbol_value(c) else {
            continue;
        };
        let at = a + k;
        let prev = text.get(..at).and_then(|p| p.chars().next_back());
        let next = text.get(at + c.len_utf8()..).and_then(|r| r.chars().next());
        let Some(prev) = prev else { continue };
        if prev.is_whitespace() || prev == c {
            continue;
        }
        if next.is_some_and(|n| n.is_alphanumeric() || n == c) {
            continue;
        }
        if c == '*' {
            let word_start = text
                .get(..at)
                .and_then(|p| p.rfind(char::is_whitespace))
                .map_or(0, |w| w + 1);
            let word = text.get(word_start..at).unwrap_or("");
            if word.contains('*')
                || !(prev.is_alphabetic()
                    || matches!(prev, '.' | ',' | ';' | ':' | '”' | '"' | ')'))
            {
                continue;
            }
        }
        out.push(Found { value, at });
    }
}

/// Markers written as markers, in `text[a..b]`.
fn written(text: &str, a: usize, b: usize, numbering: Numbering, out: &mut Vec<Found>) {
    if numbering == Numbering::Symbol {
        symbols(text, a, b, out);
        return;
    }
    let bytes = text.as_bytes();
    let mut i = a;
    while i < b {
        let c = bytes.get(i).copied().unwrap_or(0);
        match c {
            b'[' | b'\\' => {
                let prev = text.get(..i).and_then(|p| p.chars().next_back());
                if prev != Some(']') {
                    if let Some((vals, end)) = bracket_at(text, i, numbering) {
                        if end <= b {
                            out.extend(vals.into_iter().map(|value| Found { value, at: i }));
                            i = end;
                            continue;
                        }
                    }
                }
            }
            b'^' if numbering == Numbering::Arabic => {
                let s = text.get(i + 1..).unwrap_or("");
                let s = s.strip_prefix('[').unwrap_or(s);
                let d: String = s.chars().take_while(char::is_ascii_digit).take(4).collect();
                if let Ok(value) = d.parse::<u32>() {
                    out.push(Found { value, at: i });
                }
            }
            b'<' if numbering == Numbering::Arabic => {
                let s = text.get(i..).unwrap_or("");
                if s.len() > 5 && s.get(..5).is_some_and(|t| t.eq_ignore_ascii_case("<sup>")) {
                    let inner = s.get(5..).unwrap_or("");
                    let inner = inner.split('<').next().unwrap_or("");
                    let inner = inner.trim().trim_matches(['[', ']']);
                    for part in inner.split(',') {
                        if let Ok(value) = part.trim().parse::<u32>() {
                            out.push(Found { value, at: i });
                        }
                    }
                }
            }
            0xC2 | 0xE2 if numbering == Numbering::Arabic => {
                let s = text.get(i..).unwrap_or("");
                let mut value = 0u32;
                let mut len = 0;
                for ch in s.chars() {
                    match crate::extract::prose::sup_digit(ch) {
                        Some(d) if len < 12 => {
                            value = value * 10 + d;
                            len += ch.len_utf8();
                        }
                        _ => break,
                    }
                }
                // a superscript after a digit is an exponent (m², 10³)
                let prev = text.get(..i).and_then(|p| p.chars().next_back());
                if len > 0 && !prev.is_some_and(|p| p.is_ascii_digit()) {
                    out.push(Found { value, at: i });
                    i += len;
                    continue;
                }
            }
            _ => {}
        }
        i += 1;
    }
}

/// Digits that lost their superscript, in `text[a..b]`: glued or spaced.
fn lost(text: &str, a: usize, b: usize, max: u32, out: &mut Vec<Found>) {
    let bytes = text.as_bytes();
    let mut i = a;
    while i < b {
        let c = bytes.get(i).copied().unwrap_or(0);
        let prev_byte = if i > 0 {
            bytes.get(i - 1).copied()
        } else {
            None
        };
        if !c.is_ascii_digit() || prev_byte.is_some_and(|p| p.is_ascii_digit()) {
            i += 1;
            continue;
        }
        let mut j = i;
        while bytes.get(j).is_some_and(u8::is_ascii_digit) && j - i < 4 {
            j += 1;
        }
        let next = bytes.get(j).copied();
        let value: u32 = text.get(i..j).and_then(|d| d.parse().ok()).unwrap_or(0);
        let start = i;
        i = j;
        if value == 0 || value > max || j - start > 3 || bytes.get(start) == Some(&b'0') {
            continue;
        }
        // what follows: the end, a blank, or punctuation that is not a decimal point or unit
        // (or the list or range of a glued marker: `4,5`, `1-3`)
        let listed = (matches!(next, Some(b'-' | b','))
            || text.get(j..).is_some_and(|r| r.starts_with('–')))
            && !glued_list(text, value, j, max).0.is_empty();
        let after_ok = listed
            || match next {
                None => true,
                Some(b' ' | b'\t' | b'\n' | b'\r' | b',' | b';' | b':' | b')') => true,
                Some(b'.') => !bytes.get(j + 1).is_some_and(u8::is_ascii_digit),
                _ => false,
            };
        if !after_ok {
            continue;
        }
        let prev = text.get(..start).and_then(|p| p.chars().next_back());
        let Some(prev) = prev else { continue };
        let glued = prev.is_lowercase()
            || matches!(
                prev,
                '.' | ',' | ';' | ':' | '”' | '’' | '"' | ')' | '?' | '!'
            );
        if glued {
            // `3.5` and `1,000` are numbers; `p.4` a page
            let prev2 = text
                .get(..start.saturating_sub(prev.len_utf8()))
                .and_then(|p| p.chars().next_back());
            if matches!(prev, '.' | ',') && prev2.is_some_and(|p| p.is_ascii_digit()) {
                continue;
            }
            if matches!(prev, '.' | ',' | ';' | ':') && prev2.is_some_and(|p| p.is_whitespace()) {
                continue;
            }
            if prev.is_lowercase() && !prev.is_alphabetic() {
                continue;
            }
            let w = word_before(text, start);
            if CLAIMING_BEFORE.contains(&w.as_str()) && prev.is_alphabetic() {
                continue;
            }
            if matches!(
                w.as_str(),
                "p" | "pp" | "no" | "vol" | "art" | "fig" | "sec" | "ch"
            ) {
                continue;
            }
            // a word ending in a digit that is a name (`Web3`, `mp3`): a capital in the word
            let word_start = text
                .get(..start)
                .and_then(|p| p.rfind(char::is_whitespace))
                .map_or(0, |k| k + 1);
            let word = text.get(word_start..start).unwrap_or("");
            if word.chars().any(|c| c.is_uppercase()) && prev.is_alphabetic() {
                continue;
            }
            if word.contains(['-', '/', '_', '@', '#', '=']) {
                continue;
            }
            out.push(Found { value, at: start });
            // a list or range glued the same way: `industries.4,5 In`, `shown.1-3 The`
            let (more, end) = glued_list(text, value, j, max);
            out.extend(more.into_iter().map(|v| Found {
                value: v,
                at: start,
            }));
            i = i.max(end);
            continue;
        }
        if prev != ' ' {
            continue;
        }
        // spaced: `markets 12 , but`, `chains 2 . In`, `competition. 1 Some`
        let before = text.get(..start.saturating_sub(1)).unwrap_or("");
        let Some(b1) = before.chars().next_back() else {
            continue;
        };
        // after a year (`Strategy from 2023 3 reflected`), a number is no part of the year
        let after_year = {
            let w = before.rsplit(char::is_whitespace).next().unwrap_or("");
            w.len() == 4
                && (w.starts_with("19") || w.starts_with("20"))
                && w.bytes().all(|c| c.is_ascii_digit())
        };
        if !(b1.is_alphabetic()
            || after_year
            || matches!(
                b1,
                '.' | ',' | ';' | ':' | '”' | '’' | '"' | ')' | '?' | '!'
            ))
        {
            continue;
        }
        // punctuation after a blank (`CUDA 8 . Nevertheless`, `CANN 11 , and`): a marker that
        // lost its superscript, whatever stands before it
        let spaced_stop = {
            let r = text.get(j..).unwrap_or("");
            r.starts_with(" . ") || r.starts_with(" , ") || r.starts_with(" ; ")
        };
        if b1.is_alphabetic() && b1.is_uppercase() && !spaced_stop {
            continue;
        }
        // a word that ends a sentence (`last year. 8 China`) claims no number
        let ends_sentence = before.ends_with('.')
            && !matches!(
                word_before(text, start).as_str(),
                "no" | "p" | "pp" | "vol" | "art" | "fig" | "sec" | "ch" | "nos"
            );
        let w = if ends_sentence {
            String::new()
        } else {
            word_before(text, start)
        };
        let wa = word_after(text, j);
        // a capital after the number opens a sentence: no quantity word claims it then
        let capital = text
            .get(j..)
            .unwrap_or("")
            .trim_start()
            .starts_with(|c: char| c.is_uppercase());
        // `12 or 13`, `5 in 10`, `3 to 5`, `2 out of 3`: a connective then a number is a range
        let connective =
            !capital && ["or", "and", "to", "in", "of", "out", "per"].contains(&wa.as_str()) && {
                let rest = text.get(j..).unwrap_or("").trim_start();
                let after_word = rest.get(wa.len()..).unwrap_or("").trim_start();
                let after_word = after_word.strip_prefix("of ").unwrap_or(after_word);
                after_word.starts_with(|c: char| c.is_ascii_digit())
            };
        if CLAIMING_BEFORE.contains(&w.as_str())
            || connective
            || (!capital && CLAIMING_AFTER.contains(&wa.as_str()))
        {
            continue;
        }
        // `strategy. 1. INTRODUCTION`: a number with its own period after a sentence's end
        // numbers a section or a list item
        if matches!(b1, '.' | '?' | '!') && bytes.get(j) == Some(&b'.') {
            continue;
        }
        let rest = text.get(j..).unwrap_or("").trim_start();
        let follows = rest.chars().next();
        let ok = match follows {
            None => true,
            Some(f) if f.is_uppercase() || matches!(f, '“' | '"' | '‘') => true,
            Some(',' | '.' | ';' | ':') => {
                let r = rest.get(1..).unwrap_or("");
                r.starts_with(' ') || r.is_empty()
            }
            // a dash or a bracket after the marker (`(GCI) 36 —a survey`, `8 [200.333]`)
            Some('—' | '–' | '[' | '(') => true,
            // mid-sentence (`cyberspace, 11 a shift`): a quantity word would have claimed it
            Some(f) => f.is_lowercase(),
        };
        // a number after a sentence's end opens the next sentence only as a marker
        if ok {
            out.push(Found { value, at: start });
        }
    }
}

/// Where notes are labelled `1)`, their markers are written the same way after a word or its
/// punctuation (`armament.4)`, `country.1)`, `2024). 10)`), never after `(` (`(1)` is an
/// enumeration).
fn closing_paren(text: &str, a: usize, b: usize, out: &mut Vec<Found>) {
    let bytes = text.as_bytes();
    let hay = bytes.get(a..b).unwrap_or(&[]);
    for k in memchr::memchr_iter(b')', hay) {
        let close = a + k;
        let mut s = close;
        while s > a && bytes.get(s - 1).is_some_and(u8::is_ascii_digit) && close - s < 3 {
            s -= 1;
        }
        if s == close || bytes.get(s) == Some(&b'0') {
            continue;
        }
        let before = text.get(..s).and_then(|p| p.chars().next_back());
        if before.is_none_or(|c| c == '(' || c.is_ascii_digit()) {
            continue;
        }
        if let Some(value) = text.get(s..close).and_then(|d| d.parse::<u32>().ok()) {
            out.push(Found { value, at: s });
        }
    }
}

/// After a glued marker `value` ending at `j`: the labels of a list or range glued to it
/// (`,5`, `-3`, `–3`, `,5,6`), each rising, and where they end. Nothing when what follows is a
/// number of another kind (`1,000`, `3-5%`).
fn glued_list(text: &str, value: u32, j: usize, max: u32) -> (Vec<u32>, usize) {
    let mut out = Vec::new();
    let mut last = value;
    let mut at = j;
    loop {
        let rest = text.get(at..).unwrap_or("");
        let (sep, skip) = if let Some(r) = rest.strip_prefix(',') {
            (',', rest.len() - r.len())
        } else if let Some(r) = rest.strip_prefix('-').or_else(|| rest.strip_prefix('–')) {
            ('-', rest.len() - r.len())
        } else {
            break;
        };
        let digits: String = rest
            .get(skip..)
            .unwrap_or("")
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        let after = rest
            .get(skip + digits.len()..)
            .and_then(|r| r.chars().next());
        let Ok(n) = digits.parse::<u32>() else { break };
        let ends_well =
            after.is_none_or(|c| c.is_whitespace() || matches!(c, '.' | ',' | ';' | ':' | ')'));
        if digits.len() > 3 || digits.starts_with('0') || n <= last || n > max || !ends_well {
            break;
        }
        if sep == '-' {
            if n - last > 20 {
                break;
            }
            out.extend(last + 1..=n);
        } else {
            out.push(n);
        }
        last = n;
        at += skip + digits.len();
    }
    (out, at)
}

/// The longest run of `found` whose values rise strictly (patience sorting), in order.
fn rising(found: Vec<Found>) -> Vec<Found> {
    let mut tails: Vec<usize> = Vec::new();
    let mut prev: Vec<Option<usize>> = vec![None; found.len()];
    for (i, f) in found.iter().enumerate() {
        let k = tails.partition_point(|&t| found.get(t).is_some_and(|g| g.value < f.value));
        if k > 0 {
            if let Some(p) = prev.get_mut(i) {
                *p = tails.get(k - 1).copied();
            }
        }
        if k == tails.len() {
            tails.push(i);
        } else if let Some(t) = tails.get_mut(k) {
            *t = i;
        }
    }
    let mut keep = vec![false; found.len()];
    let mut cur = tails.last().copied();
    while let Some(i) = cur {
        if let Some(k) = keep.get_mut(i) {
            *k = true;
        }
        cur = prev.get(i).copied().flatten();
    }
    found
        .into_iter()
        .zip(keep)
        .filter_map(|(f, k)| k.then_some(f))
        .collect()
}

fn coverage(found: &[Found]) -> usize {
    let mut v: Vec<u32> = found.iter().map(|f| f.value).collect();
    v.sort_unstable();
    v.dedup();
    v.len()
}

/// The markers a body keeps of notes that are not in the text (a page cut before its
/// notes): the rising run of lost superscripts, when it counts 1, 2, 3 … with few gaps (at
/// least ten, and four fifths of the numbers up to its last). Empty otherwise.
pub fn orphans(text: &str, from: usize) -> Vec<Found> {
    let mut weak = Vec::new();
    lost(text, from, text.len(), 999, &mut weak);
    let run = rising(weak);
    let last = run.last().map_or(0, |f| f.value) as usize;
    if run.len() >= 10 && run.first().is_some_and(|f| f.value <= 2) && run.len() * 5 >= last * 4 {
        run
    } else {
        Vec::new()
    }
}

/// The markers of notes numbered 1..=`max` in the body regions `regions` (byte ranges).
pub fn find(
    text: &str,
    regions: &[(usize, usize)],
    numbering: Numbering,
    max: u32,
    paren_close: bool,
) -> Vec<Found> {
    let mut strong = Vec::new();
    for &(a, b) in regions {
        written(text, a, b, numbering, &mut strong);
        if paren_close {
            closing_paren(text, a, b, &mut strong);
        }
    }
    strong.retain(|f| f.value >= 1 && f.value <= max);
    if numbering != Numbering::Arabic {
        return strong;
    }
    let mut weak = Vec::new();
    for &(a, b) in regions {
        lost(text, a, b, max, &mut weak);
    }
    let weak = rising(weak);
    let (cs, cw) = (coverage(&strong), coverage(&weak));
    if cs * 2 >= max as usize || cs >= cw {
        strong
    } else if cw >= 2 && cw * 10 >= max as usize * 3 {
        weak
    } else {
        // a few rising numbers in a long text are chance, not markers
        Vec::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(text: &str, max: u32) -> Vec<u32> {
        find(text, &[(0, text.len())], Numbering::Arabic, max, false)
            .into_iter()
            .map(|f| f.value)
            .collect()
    }

    #[test]
    fn written_markers() {
        assert_eq!(
            values("a [1] b [2–4] c [5, 6] d [ 7 ] e [8](x) f", 10),
            [1, 2, 3, 4, 5, 6, 7]
        );
        assert_eq!(values("a¹ b² 10² c^3", 10), [1, 2, 3]);
    }

    #[test]
    fn lost_superscripts_in_rising_order() {
        let t = "industries.8 In 2019, 12 percent of firms, capacity,28 as said; markets 12 , but \
                 Article 6 applies. value chains 2 . In short rivals1. and parent2. then 2024.”3 end";
        assert_eq!(values(t, 10), [1, 2, 3]);
    }

    #[test]
    fn markers_beside_names_and_years() {
        let t = "than CUDA 1 . Nevertheless, with CANN 2 , and last year. 3 China has cars. 4 In 2025, Germany";
        assert_eq!(values(t, 4), [1, 2, 3, 4]);
        assert!(values("Windows 10 users and Tier 1 suppliers", 12).is_empty());
    }

    #[test]
    fn markers_of_notes_that_are_not_in_the_text() {
        let body: String = (1..=12)
            .map(|n| format!("Claim number {} holds.{n} ", "x".repeat(n as usize)))
            .collect();
        assert_eq!(orphans(&body, 0).len(), 12);
        assert!(orphans("In 2020, 15 firms and 3 agencies met.4 Then.", 0).is_empty());
    }

    #[test]
    fn glued_lists_and_ranges() {
        let found = find(
            "industries.1,2 In short, shown.3-5 The end, 1,000 firms",
            &[(0, 56)],
            Numbering::Arabic,
            6,
            false,
        );
        let v: Vec<u32> = found.iter().map(|f| f.value).collect();
        assert_eq!(v, [1, 2, 3, 4, 5]);
    }

    #[test]
    fn mid_sentence_lost_superscripts() {
        let t = "in cyberspace, 1 a shift; the index (GCI) 2 —a survey; the Strategy from 2023 3 reflected it; the Foundation. 4 [200.333] says";
        assert_eq!(values(t, 4), [1, 2, 3, 4]);
    }

    #[test]
    fn counts_and_sections_are_not_markers() {
        let t = "In 2020, 15 countries and Article 4 of section 3 applied to 3.5 million people.";
        assert!(values(t, 30).is_empty());
        let sections =
            "its strategy. 1. INTRODUCTION India is. 2. DEFINING HYDROGEN The chain. 3. GOALS";
        assert!(values(sections, 3).is_empty(), "{:?}", values(sections, 3));
        let ranges = "about 2 or 3 firms, 5 in 10 people, 3 to 5 weeks, 2 out of 3 cases";
        assert!(values(ranges, 30).is_empty(), "{:?}", values(ranges, 30));
        let words = "toward hybrid warfare 1 or unrestricted warfare 2 in the past";
        assert_eq!(values(words, 2), [1, 2]);
    }
}
