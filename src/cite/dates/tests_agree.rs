//! The hand matchers against the regexes they stand for.

use super::*;
use std::sync::LazyLock;

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

static RE_YMD_SPACED: LazyLock<Regex> =
    LazyLock::new(|| compile(r"(?P<y>[0-9]{4})\.[ \t](?P<m>[0-9]{1,2})\.[ \t](?P<d>[0-9]{1,2})\."));

static RE_YM: LazyLock<Regex> =
    LazyLock::new(|| compile(r"(?P<y>[0-9]{4})(?P<s>[-/.])(?P<m>[0-9]{1,2})"));

static RE_COMPACT: LazyLock<Regex> = LazyLock::new(|| compile(r"[0-9]{8}"));

static RE_DMY_NUM: LazyLock<Regex> = LazyLock::new(|| {
    compile(r"(?P<a>[0-9]{1,2})(?P<s1>[./-])(?P<b>[0-9]{1,2})(?P<s2>[./-])(?P<y>[0-9]{4})")
});

static RE_MY_NUM: LazyLock<Regex> = LazyLock::new(|| compile(r"(?P<m>[0-9]{1,2})/(?P<y>[0-9]{4})"));

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
    "0", "1", "2", "3", "4", "5", "9", "01", "02", "10", "12", "13", "19", "29", "30", "31", "32",
    "45", "99", "123", "０", "１２", "９",
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
