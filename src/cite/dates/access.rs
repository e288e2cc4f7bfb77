//! Access dates: the words ("accessed", "retrieved", "访问日期") that make the date after
//! them an access date.

use super::*;

/// Words introducing an access date (lowercase).
pub(super) const ACCESS_MARKERS: &[&str] = &[
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
pub(super) const ACCESS_FILLERS: &[&str] = &[
    "on", "at", "as", "of", "the", "date", "dated", "le", "am", "el", "em", "en", "online", "日期",
    "时间", "時間", "日時", "日", "일", "일자", "날짜",
];

/// The first four letters of the Latin access markers, as ASCII-lowercase numbers.
/// Lowercasing a text makes a Latin marker appear in it only where the text already holds
/// the marker's first four letters in some ASCII case: the only non-ASCII letters that
/// lowercase to ASCII ones are the Kelvin sign (to "k") and "İ" (to "i" and a combining dot),
/// and no marker has a "k" or a combining dot.
pub(super) const ACCESS_KEYS: [u32; 8] = [
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
pub(super) static RE_ACCESS_OTHER: LazyLock<Regex> = LazyLock::new(|| {
    let alternation = ACCESS_MARKERS
        .iter()
        .filter(|m| !m.bytes().next().is_some_and(|c| c.is_ascii_alphabetic()))
        .map(|m| regex::escape(m))
        .collect::<Vec<_>>()
        .join("|");
    compile(&alternation)
});

/// `b` starts with one of the [`ACCESS_KEYS`], in any ASCII case.
pub(super) fn starts_with_access_key(b: &[u8]) -> bool {
    b.get(..4)
        .and_then(|w| <[u8; 4]>::try_from(w).ok())
        .is_some_and(|w| ACCESS_KEYS.contains(&(u32::from_le_bytes(w) | 0x2020_2020)))
}

/// What a whole text says about the access markers its windows may hold: a window can only
/// hold a Latin marker that starts an ASCII word in the text (or starts the window), and
/// another marker if the text holds one.
#[derive(Clone, Copy, Debug)]
pub(super) struct AccessHints {
    pub(super) latin: bool,
    pub(super) other: bool,
}

impl AccessHints {
    pub(super) fn of(text: &str, scan: &Scan) -> AccessHints {
        AccessHints {
            latin: scan.access,
            other: !text.is_ascii() && RE_ACCESS_OTHER.is_match(text),
        }
    }
}

/// Whether `tail` may hold an access marker once lowercased: false means surely not.
pub(super) fn may_hold_access_marker(tail: &str) -> bool {
    // `| 0x20` lowercases ASCII letters and maps no other byte to a lowercase letter.
    let latin = tail
        .as_bytes()
        .windows(4)
        .filter_map(|w| <[u8; 4]>::try_from(w).ok())
        .any(|w| ACCESS_KEYS.contains(&(u32::from_le_bytes(w) | 0x2020_2020)));
    latin || (!tail.is_ascii() && RE_ACCESS_OTHER.is_match(tail))
}

/// The separators between the words after an access marker.
pub(super) fn is_access_separator(c: char) -> bool {
    c.is_whitespace() || ":：,，()（）[]".contains(c)
}

/// [`is_accessed`] on the last 80 bytes of a window, when they are all ASCII: the same
/// decision without lowercasing into a new string.
pub(super) fn is_accessed_ascii(tail: &[u8]) -> bool {
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

pub(super) fn byte_before_in(b: &[u8], i: usize) -> Option<u8> {
    i.checked_sub(1).and_then(|j| b.get(j)).copied()
}

/// Whether `window` (the text between the previous date and this one) ends with an access
/// marker followed by at most three filler words.
pub(super) fn is_accessed(window: &str, hints: AccessHints) -> bool {
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
pub(super) fn may_hold_date(text: &str) -> bool {
    text.bytes().any(|b| b.is_ascii_digit()) || text.contains('年') || text.contains('년')
}
