//! The first pass over a text: where the forms can start, and which cannot match at all.

use super::*;

// ---------------------------------------------------------------------------------------
// A cheap first pass: where the forms can start, and which cannot match at all
// ---------------------------------------------------------------------------------------

/// What one byte pass over a text finds. Every flag is a necessary condition of the
/// patterns it gates, and every list holds every position where its patterns can start, so
/// skipping what the scan rules out never changes a result.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(super) struct Scan {
    /// The maximal runs of ASCII digits, as byte ranges.
    pub(super) runs: Vec<(usize, usize)>,
    /// A run of four or more ASCII digits: every form but CJK needs one.
    pub(super) digits4: bool,
    /// Where a Capitalised or ALL CAPS month-name prefix ("Jan", "SEP") starts an ASCII
    /// word: the month-first forms start there.
    pub(super) months: Vec<usize>,
    /// One of those month names follows whitespace that follows an ASCII letter or digit,
    /// as in "2 January", "2nd of March": the day-month-year form needs one.
    pub(super) month_after_word: bool,
    /// Where a Capitalised or ALL CAPS season prefix ("Spr", "FAL") starts an ASCII word.
    pub(super) seasons: Vec<usize>,
    /// 年.
    pub(super) cjk: bool,
    /// 년.
    pub(super) korean: bool,
    /// A '/' or "www." (any case): URLs, bare domains with a path and DOIs need one.
    pub(super) urlish: bool,
    /// The first four letters of a Latin access marker ([`ACCESS_KEYS`], any ASCII case)
    /// start an ASCII word (no ASCII letter before them) somewhere.
    pub(super) access: bool,
}

/// Three bytes, ASCII-lowercased, as one number: `key3(b"Jan") == key3(b"jan")`.
pub(super) const fn key3(b: &[u8; 3]) -> u32 {
    u32::from_le_bytes([
        b[0].to_ascii_lowercase(),
        b[1].to_ascii_lowercase(),
        b[2].to_ascii_lowercase(),
        0,
    ])
}

/// The first three letters of the month names, in month order.
pub(super) const MONTH_KEYS: [u32; 12] = [
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
pub(super) const SEASON_KEYS: [u32; 5] = [
    key3(b"spr"),
    key3(b"sum"),
    key3(b"fal"),
    key3(b"aut"),
    key3(b"win"),
];

/// An ASCII word byte, as `(?-u:\b)` sees it.
pub(super) fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// Eight bytes per step: the high bit of each byte of the result is set where that byte of
/// `x` is ASCII and in `lo..=hi` (`hi` < 0x80), with no carries between bytes.
pub(super) const fn ascii_in_range(x: u64, lo: u8, hi: u8) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let low7 = x & !HIGH;
    let at_least_lo = low7 + ONES * (0x80 - lo as u64);
    let above_hi = low7 + ONES * (0x7F - hi as u64);
    at_least_lo & !above_hi & !x & HIGH
}

impl Scan {
    pub(super) fn of(text: &str) -> Scan {
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
pub(super) static RE_URLISH: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r#"(?i:(?-u:\b)[a-z][a-z0-9+.-]*://|(?-u:\b)www\.)[^\s<>"]+|(?-u:\b)(?:[A-Za-z0-9-]+\.)+[a-z]{2,}/[^\s<>"]*|(?-u:\b)10\.[0-9]{4,9}/[^\s<>"]+"#,
    )
});

/// Full ISO in a string that is only a date: "2019", "2019-10", "2019-10-19".
pub(super) static RE_ISO_WHOLE: LazyLock<Regex> =
    LazyLock::new(|| compile(r"^(?P<y>[0-9]{4})(?:-(?P<m>[0-9]{1,2})(?:-(?P<d>[0-9]{1,2}))?)?$"));

/// A date inside one URL path segment or query: "…-2021-05-18", "2019_04_10".
pub(super) static RE_URL_SLUG: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"(?:^|[^0-9])(?P<y>[0-9]{4})(?P<s1>[-_.])(?P<m>[0-9]{1,2})(?P<s2>[-_.])(?P<d>[0-9]{1,2})(?:[^0-9]|$)",
    )
});
