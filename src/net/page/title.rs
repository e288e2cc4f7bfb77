//! What a page calls itself, and whether a cited title is it: titles cleaned, site names
//! split off ("Small Deal | CSIS" → "Small Deal"), titles normalised into significant
//! tokens and compared ([`compare_titles`]).

use super::language::ScriptCounts;
use super::{first_chars, is_cjk, is_han, is_hangul, is_kana, PageInfo, MAX_TITLE_CHARS};
use crate::extract::prose::collapse_ws;

/// The outcome of [`compare_titles`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TitleMatch {
    /// The cited title is one of the page's titles, give or take case, punctuation,
    /// diacritics, a subtitle, a site name or a word or two.
    Match,
    /// The page's titles are in the cited title's script and none of them is it.
    Mismatch,
    /// Nothing to compare with: no page titles, a title in another script (a translated
    /// citation), an empty cited title, or a "not found" page.
    Unverifiable,
}

/// Whitespace collapsed, cut to [`MAX_TITLE_CHARS`]; `None` when empty.
pub(super) fn clean_title(s: &str) -> Option<String> {
    let t = collapse_ws(first_chars(s, MAX_TITLE_CHARS * 2));
    let t = first_chars(&t, MAX_TITLE_CHARS).trim_end().to_string();
    (!t.is_empty()).then_some(t)
}

// ---------------------------------------------------------------------------------------
// Site names
// ---------------------------------------------------------------------------------------

/// A title split at its site-name separator.
pub(super) struct SiteSplit<'a> {
    /// The title without the site part, then (for three parts or more) its first part.
    pub(super) variants: Vec<&'a str>,
    /// The part set aside.
    pub(super) site: &'a str,
}

/// Separators between a title and a site name, strongest first; only the first kind
/// present is used. `true` marks those used only next to CJK text.
const SITE_SEPARATORS: &[(&str, bool)] = &[
    (" | ", false),
    ("|", false),
    (" :: ", false),
    ("｜", false),
    ("丨", false),
    (" — ", false),
    (" – ", false),
    (" · ", false),
    (" - ", false),
    ("_", true),
    ("-", true),
];

/// The byte ranges of `sep` in `s`; a CJK-only separator counts only with a CJK character
/// on one side and no ASCII alphanumeric on either.
fn separator_ranges(s: &str, sep: &str, cjk_only: bool) -> Vec<(usize, usize)> {
    s.match_indices(sep)
        .map(|(i, m)| (i, i + m.len()))
        .filter(|&(i, j)| {
            if !cjk_only {
                return true;
            }
            let before = s.get(..i).and_then(|p| p.chars().next_back());
            let after = s.get(j..).and_then(|p| p.chars().next());
            let ascii = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
            let cjk = |c: Option<char>| c.is_some_and(is_cjk);
            !ascii(before) && !ascii(after) && (cjk(before) || cjk(after))
        })
        .collect()
}

/// Splits the site name off a title: at the last separator (the site comes last) unless
/// `site` names the first part, or the first part is short and the last one long (the site
/// comes first: "CSIS | Small Deal, Big Consequences").
pub(super) fn split_site<'a>(title: &'a str, site: Option<&str>) -> Option<SiteSplit<'a>> {
    let ranges = SITE_SEPARATORS.iter().find_map(|&(sep, cjk_only)| {
        let r = separator_ranges(title, sep, cjk_only);
        (!r.is_empty()).then_some(r)
    })?;
    let (&(first_end, after_first), &(last_start, after_last)) = (ranges.first()?, ranges.last()?);
    let first = title.get(..first_end)?.trim();
    let last = title.get(after_last..)?.trim();
    if first.is_empty() || last.is_empty() {
        return None;
    }
    let same = |a: &str, b: &str| normalize(a) == normalize(b);
    let site_first = match site {
        Some(s) if same(first, s) => true,
        Some(s) if same(last, s) => false,
        _ => {
            let (fc, lc) = (first.chars().count(), last.chars().count());
            fc * 2 <= lc && first.split_whitespace().count() <= 3 && lc >= 20
        }
    };
    if site_first {
        let rest = title.get(after_first..)?.trim();
        Some(SiteSplit {
            variants: vec![rest],
            site: first,
        })
    } else {
        let rest = title.get(..last_start)?.trim();
        let mut variants = vec![rest];
        if ranges.len() >= 2 {
            variants.push(first);
        }
        Some(SiteSplit {
            variants,
            site: last,
        })
    }
}

// ---------------------------------------------------------------------------------------
// Title comparison
// ---------------------------------------------------------------------------------------

/// Words that carry no weight in a title.
const STOPWORDS: &[&str] = &[
    "a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "from", "by", "with", "as",
    "is", "are", "its", "it", "s", "de", "la", "le", "les", "des", "du", "el", "los", "las", "y",
    "der", "die", "das", "und",
];

/// A letter's diacritics-free lower-case form for common Latin letters; `None` for others.
fn fold_latin(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'æ' => "ae",
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => "c",
        'ď' | 'đ' | 'ð' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => "e",
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => "g",
        'ĥ' | 'ħ' => "h",
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => "i",
        'ĵ' => "j",
        'ķ' => "k",
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => "l",
        'ñ' | 'ń' | 'ņ' | 'ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => "o",
        'œ' => "oe",
        'ŕ' | 'ŗ' | 'ř' => "r",
        'ś' | 'ŝ' | 'ş' | 'š' | 'ș' => "s",
        'ß' => "ss",
        'ţ' | 'ť' | 'ŧ' | 'ț' => "t",
        'þ' => "th",
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => "u",
        'ŵ' => "w",
        'ý' | 'ÿ' | 'ŷ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        _ => return None,
    })
}

/// A title for comparison: lower case, diacritics folded, apostrophes and periods dropped
/// ("U.S." → "us", "don't" → "dont"), "&" as "and", other punctuation as spaces,
/// whitespace collapsed.
pub(super) fn normalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in first_chars(s, MAX_TITLE_CHARS * 2).chars() {
        match c {
            '\u{0300}'..='\u{036F}' => {}
            '\'' | '’' | '‘' | 'ʼ' | '`' | '´' | '.' => {}
            '&' => out.push_str(" and "),
            _ if c.is_alphanumeric() => {
                for l in c.to_lowercase() {
                    match fold_latin(l) {
                        Some(f) => out.push_str(f),
                        None => out.push(l),
                    }
                }
            }
            _ => out.push(' '),
        }
    }
    collapse_ws(&out)
}

/// The significant tokens of a normalized title, sorted and deduplicated: words without
/// stopwords (unless nothing else is left), CJK runs as character bigrams.
fn title_tokens(norm: &str) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    let mut cjk_grams: Vec<String> = Vec::new();
    for word in norm.split_whitespace() {
        let mut run: Vec<char> = Vec::new();
        let mut latin = String::new();
        let flush_run = |run: &mut Vec<char>, grams: &mut Vec<String>| {
            match run.as_slice() {
                [] => {}
                [c] => grams.push(c.to_string()),
                r => grams.extend(r.windows(2).map(|w| w.iter().collect::<String>())),
            }
            run.clear();
        };
        for c in word.chars() {
            if is_cjk(c) {
                if !latin.is_empty() {
                    words.push(std::mem::take(&mut latin));
                }
                run.push(c);
            } else {
                flush_run(&mut run, &mut cjk_grams);
                latin.push(c);
            }
        }
        flush_run(&mut run, &mut cjk_grams);
        if !latin.is_empty() {
            words.push(latin);
        }
    }
    let significant: Vec<String> = words
        .iter()
        .filter(|w| !STOPWORDS.contains(&w.as_str()))
        .cloned()
        .collect();
    let mut out = if significant.is_empty() {
        words
    } else {
        significant
    };
    out.extend(cjk_grams);
    out.sort_unstable();
    out.dedup();
    out
}

/// The script family of a title's letters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Script {
    Latin,
    Cyrillic,
    Greek,
    Arabic,
    Hebrew,
    Han,
    Japanese,
    Hangul,
    Other,
}

/// The dominant script of a text's letters (a CJK character weighs two Latin letters; any
/// Kana in a Han text makes it Japanese); `None` without letters.
pub(super) fn script_of(s: &str) -> Option<Script> {
    let (mut latin, mut cyr, mut greek, mut arabic, mut hebrew, mut other) = (0, 0, 0, 0, 0, 0);
    let (mut han, mut kana, mut hangul) = (0usize, 0usize, 0usize);
    for c in s.chars() {
        if is_han(c) {
            han += 1;
        } else if is_kana(c) {
            kana += 1;
        } else if is_hangul(c) {
            hangul += 1;
        } else if c.is_alphabetic() {
            match c {
                'a'..='z' | 'A'..='Z' | '\u{00C0}'..='\u{024F}' | '\u{1E00}'..='\u{1EFF}' => {
                    latin += 1
                }
                '\u{0400}'..='\u{052F}' => cyr += 1,
                '\u{0370}'..='\u{03FF}' | '\u{1F00}'..='\u{1FFF}' => greek += 1,
                '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' => arabic += 1,
                '\u{0590}'..='\u{05FF}' => hebrew += 1,
                _ => other += 1,
            }
        }
    }
    let cjk = (han + kana + hangul) * 2;
    let best = [
        (latin, Script::Latin),
        (cyr, Script::Cyrillic),
        (greek, Script::Greek),
        (arabic, Script::Arabic),
        (hebrew, Script::Hebrew),
        (other, Script::Other),
    ]
    .into_iter()
    .max_by_key(|&(n, _)| n)
    .filter(|&(n, _)| n > 0);
    match best {
        Some((n, s)) if n >= cjk => Some(s),
        _ if cjk == 0 => None,
        _ if hangul > 0 && hangul >= kana && hangul * 2 >= han => Some(Script::Hangul),
        _ if kana > 0 => Some(Script::Japanese),
        _ => Some(Script::Han),
    }
}

/// Title before its subtitle: at the first ": ", "：", " – ", " — ", " - " or "——".
fn main_title(s: &str) -> Option<&str> {
    let at = [": ", "：", " – ", " — ", " - ", "——"]
        .iter()
        .filter_map(|sep| s.find(sep).map(|i| (i, i + sep.len())))
        .min()?;
    let (main, rest) = (s.get(..at.0)?.trim(), s.get(at.1..)?.trim());
    (!main.is_empty() && !rest.is_empty()).then_some(main)
}

/// One form of a title, ready for comparison.
struct Form {
    tokens: Vec<String>,
    /// Every word, stopwords included, sorted (for a word changed in a short title).
    words: Vec<String>,
    cjk: bool,
}

impl Form {
    fn of(s: &str) -> Option<Form> {
        let norm = normalize(s);
        let tokens = title_tokens(&norm);
        if tokens.is_empty() {
            return None;
        }
        let counts = ScriptCounts::of(&norm);
        let mut words: Vec<String> = norm.split_whitespace().map(str::to_string).collect();
        words.sort_unstable();
        Some(Form {
            tokens,
            words,
            cjk: counts.cjk() * 2 > counts.other_letters,
        })
    }
}

fn common(a: &[String], b: &[String]) -> usize {
    let (mut i, mut j, mut n) = (0usize, 0usize, 0usize);
    while let (Some(x), Some(y)) = (a.get(i), b.get(j)) {
        match x.cmp(y) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// Token-set agreement of two full titles: equal sets; or, with three tokens or more on
/// each side, Dice ≥ 0.8 (0.7 on CJK bigrams); or the shorter (four tokens or more) all but
/// contained in a longer one at most twice its size.
fn fuzzy_equal(a: &Form, b: &Form) -> bool {
    if word_changed(a, b) {
        return false;
    }
    if a.tokens == b.tokens {
        return true;
    }
    let (la, lb) = (a.tokens.len(), b.tokens.len());
    let (short, long) = (la.min(lb), la.max(lb));
    if short < 3 {
        return false;
    }
    let n = common(&a.tokens, &b.tokens);
    let threshold = if a.cjk || b.cjk { 0.7 } else { 0.8 };
    let dice = (2 * n) as f64 / (la + lb) as f64;
    if dice >= threshold {
        return true;
    }
    short >= 4 && n * 10 >= short * 9 && short * 2 >= long
}

/// The most words a title may have for one changed word to make it another title.
const SHORT_TITLE_WORDS: usize = 8;

/// In short titles (up to [`SHORT_TITLE_WORDS`] words), a word on each side that the other
/// lacks: "A Small Deal *with* a Big Deal" is not "A Small Deal *within* a Big Deal", though
/// their significant words nearly agree. An article for another ("The"/"A") is no change;
/// a word added or dropped is left to the token comparison.
fn word_changed(a: &Form, b: &Form) -> bool {
    if a.cjk || b.cjk || a.words.len().min(b.words.len()) > SHORT_TITLE_WORDS {
        return false;
    }
    let only = |x: &[String], y: &[String]| -> Vec<String> {
        let mut rest: Vec<String> = Vec::new();
        let mut j = 0;
        for w in x {
            while y.get(j).is_some_and(|v| v < w) {
                j += 1;
            }
            if y.get(j) == Some(w) {
                j += 1;
            } else {
                rest.push(w.clone());
            }
        }
        rest.retain(|w| !matches!(w.as_str(), "a" | "an" | "the"));
        rest
    };
    !only(&a.words, &b.words).is_empty() && !only(&b.words, &a.words).is_empty()
}

/// Compares a cited title with the page's candidate titles.
///
/// `Match` when some page title agrees with the cited title after normalising case,
/// punctuation, quotes and apostrophes, diacritics and "&"/"and": the same significant
/// words, or nearly (Dice ≥ 0.8 on significant words, 0.7 on CJK character bigrams, or
/// containment ≥ 0.9 of the shorter side); a site name on either side ("Title | CSIS") is
/// set aside; either side may omit a subtitle (after ":", " – ", " — ", " - ", "：").
///
/// `Unverifiable` when there is nothing to compare: no page titles (or only the site
/// name), no letters or digits in the cited title, a page flagged
/// [`not_found`](PageInfo::not_found), or a cited title in another script than the page's
/// title (Latin against Han, Hangul, Kana, Cyrillic...: a translated title is never a
/// mismatch). Otherwise `Mismatch`.
pub fn compare_titles(cited: &str, page: &PageInfo) -> TitleMatch {
    let cited = cited.trim();
    if Form::of(cited).is_none() {
        return TitleMatch::Unverifiable;
    }
    let site_norm = page.site_name.as_deref().map(normalize);
    let mut page_titles: Vec<&str> = page.titles.iter().map(String::as_str).collect();
    if let Some(t) = page.title.as_deref() {
        if !page_titles.contains(&t) {
            page_titles.push(t);
        }
    }
    let norms: Vec<String> = page_titles.iter().map(|t| normalize(t)).collect();
    let mut kept = norms.iter();
    page_titles.retain(|_| kept.next().map(String::as_str) != site_norm.as_deref());
    if page_titles.is_empty() {
        return TitleMatch::Unverifiable;
    }
    // the common case, the very title (case, punctuation and spacing aside): nothing more
    // to work out
    let cited_norm = normalize(cited);
    if norms
        .iter()
        .any(|t| *t == cited_norm && site_norm.as_deref() != Some(t.as_str()))
    {
        return TitleMatch::Match;
    }

    // Cited forms: whole, and without a site part when the page knows that site (so that
    // "Korea - Japan Relations" is not read as "Korea" of the site "Japan Relations");
    // their main titles (subtitle omitted).
    let mut cited_texts: Vec<&str> = vec![cited];
    if let Some(split) = split_site(cited, page.site_name.as_deref()) {
        let site = normalize(split.site);
        let known = site_norm.as_deref() == Some(site.as_str())
            || page_titles
                .iter()
                .filter_map(|t| split_site(t, page.site_name.as_deref()))
                .any(|p| normalize(p.site) == site);
        if known {
            cited_texts.extend(split.variants);
        }
    }
    let cited_fulls: Vec<Form> = cited_texts.iter().filter_map(|t| Form::of(t)).collect();
    let cited_mains: Vec<Form> = cited_texts
        .iter()
        .filter_map(|t| main_title(t))
        .filter_map(Form::of)
        .filter(|f| f.tokens.len() >= 2)
        .collect();
    let page_fulls: Vec<Form> = page_titles.iter().filter_map(|t| Form::of(t)).collect();
    let page_mains: Vec<Form> = page_titles
        .iter()
        .filter_map(|t| main_title(t))
        .filter_map(Form::of)
        .filter(|f| f.tokens.len() >= 2)
        .collect();

    let matched = cited_fulls
        .iter()
        .any(|c| page_fulls.iter().any(|p| fuzzy_equal(c, p)))
        || cited_mains
            .iter()
            .any(|c| page_fulls.iter().any(|p| c.tokens == p.tokens))
        || cited_fulls
            .iter()
            .any(|c| page_mains.iter().any(|p| c.tokens == p.tokens));
    if matched {
        return TitleMatch::Match;
    }
    if page.not_found {
        return TitleMatch::Unverifiable;
    }
    let Some(cited_script) = script_of(cited) else {
        return TitleMatch::Unverifiable;
    };
    let main = page
        .title
        .as_deref()
        .or_else(|| page_titles.first().copied())
        .unwrap_or("");
    if script_of(main) != Some(cited_script)
        || !page_titles
            .iter()
            .any(|t| script_of(t) == Some(cited_script))
    {
        return TitleMatch::Unverifiable;
    }
    TitleMatch::Mismatch
}

/// The page's title as a citation would give it: its display title with the site name set
/// aside ("A Small Deal within a Big Deal | CSIS" → "A Small Deal within a Big Deal"); the
/// suggestion of `title-page-mismatch`.
pub fn title_without_site(page: &PageInfo) -> Option<String> {
    let title = page.title.as_deref()?;
    let bare = split_site(title, page.site_name.as_deref())
        .and_then(|s| s.variants.first().copied())
        .unwrap_or(title);
    Some(bare.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::net::page::parse_page;
    use crate::net::page::tests::page;

    fn info_with_titles(titles: &[&str]) -> PageInfo {
        PageInfo {
            title: titles.first().map(|t| t.to_string()),
            titles: titles.iter().map(|t| t.to_string()).collect(),
            ..PageInfo::default()
        }
    }

    #[test]
    fn one_changed_word_in_a_short_title_is_a_mismatch() {
        // the sample's note 6 against the page's real title
        let html = page(
            "<title>A Small Deal within a Big Deal | Center for Strategic and International Studies</title>",
            "",
        );
        let p = parse_page(&html);
        assert_eq!(
            compare_titles("A Small Deal with a Big Deal", &p),
            TitleMatch::Mismatch
        );
        assert_eq!(
            title_without_site(&p).as_deref(),
            Some("A Small Deal within a Big Deal")
        );
        // an article for another, a word dropped, case and punctuation: the same title
        for cited in [
            "The Small Deal within a Big Deal",
            "Small Deal within a Big Deal",
            "a small deal within a big deal.",
            "A Small Deal within a Big Deal | CSIS",
        ] {
            assert_eq!(compare_titles(cited, &p), TitleMatch::Match, "{cited}");
        }
        // a long title keeps its tolerance for a word or two
        let long = page(
            "<title>How the Korean Peninsula Talks Stalled After the Summit in Hanoi Last Year</title>",
            "",
        );
        let p = parse_page(&long);
        assert_eq!(
            compare_titles(
                "How the Korean Peninsula Talks Stalled After the Summit in Hanoi This Year",
                &p
            ),
            TitleMatch::Match
        );
    }

    #[test]
    fn site_first_titles() {
        let html = page(
            "<title>CSIS | A Small Deal with Big Consequences</title>",
            "",
        );
        let p = parse_page(&html);
        assert_eq!(p.site_name.as_deref(), Some("CSIS"));
        assert!(p
            .titles
            .contains(&"A Small Deal with Big Consequences".to_string()));
        let html = page(
            "<meta property=\"og:site_name\" content=\"The Diplomat\">\
             <title>The Diplomat - Japan's Quiet Rearmament</title>",
            "",
        );
        let p = parse_page(&html);
        assert!(p.titles.contains(&"Japan's Quiet Rearmament".to_string()));
        assert_eq!(p.site_name.as_deref(), Some("The Diplomat"));
    }

    #[test]
    fn three_part_titles_and_other_separators() {
        let p = parse_page(&page(
            "<title>Korea - U.S. Relations | Analysis | CSIS</title>",
            "",
        ));
        assert!(p
            .titles
            .contains(&"Korea - U.S. Relations | Analysis".to_string()));
        assert!(p.titles.contains(&"Korea - U.S. Relations".to_string()));
        for (t, want) in [
            ("Rising Tensions :: Foreign Affairs", "Rising Tensions"),
            ("Rising Tensions — Foreign Affairs", "Rising Tensions"),
            ("Rising Tensions · Foreign Affairs", "Rising Tensions"),
            ("Rising Tensions|Foreign Affairs", "Rising Tensions"),
            ("日米貿易協定が発効｜日本経済新聞", "日米貿易協定が発効"),
            ("中美经贸磋商取得进展丨澎湃新闻", "中美经贸磋商取得进展"),
            ("中美经贸磋商取得进展-中新网", "中美经贸磋商取得进展"),
        ] {
            let p = parse_page(&page(&format!("<title>{t}</title>"), ""));
            assert!(p.titles.contains(&want.to_string()), "{t}: {:?}", p.titles);
        }
        // Underscores and hyphens inside Latin titles are not separators.
        let p = parse_page(&page("<title>my_file and COVID-19 news</title>", ""));
        assert_eq!(p.titles, vec!["my_file and COVID-19 news".to_string()]);
        // Nor is a hyphen between digits in a CJK title.
        let p = parse_page(&page("<title>2019-2020年度报告</title>", ""));
        assert_eq!(p.titles, vec!["2019-2020年度报告".to_string()]);
    }

    #[test]
    fn application_name_is_a_site_name() {
        let p = parse_page(&page(
            "<meta name=\"application-name\" content=\"Brookings\"><title>Brookings - The Future of the Alliance</title>",
            "",
        ));
        assert_eq!(p.site_name.as_deref(), Some("Brookings"));
        assert!(p.titles.contains(&"The Future of the Alliance".to_string()));
    }

    #[test]
    fn not_found_page_titles_are_unverifiable() {
        let p = parse_page(&page("<title>Page not found | CSIS</title>", ""));
        assert!(p.not_found);
        assert_eq!(
            compare_titles("A Small Deal with Big Consequences", &p),
            TitleMatch::Unverifiable
        );
    }

    // -----------------------------------------------------------------------------------
    // Title comparison
    // -----------------------------------------------------------------------------------

    #[test]
    fn subtitles_may_be_omitted_on_either_side() {
        let p = info_with_titles(&["Small Deal, Big Consequences: The U.S.-Japan Trade Agreement"]);
        assert_eq!(
            compare_titles("Small Deal, Big Consequences", &p),
            TitleMatch::Match
        );
        let p = info_with_titles(&["Small Deal, Big Consequences"]);
        assert_eq!(
            compare_titles(
                "Small Deal, Big Consequences: The U.S.-Japan Trade Agreement",
                &p
            ),
            TitleMatch::Match
        );
        assert_eq!(
            compare_titles(
                "Small Deal, Big Consequences – The U.S.-Japan Trade Agreement",
                &p
            ),
            TitleMatch::Match
        );
        let p = info_with_titles(&["中美关系：新的开始"]);
        assert_eq!(compare_titles("中美关系", &p), TitleMatch::Match);
        // Different subtitles under a one-word main title are not the same work.
        let p = info_with_titles(&["China: The Military Balance in Asia"]);
        assert_eq!(
            compare_titles("China: An Economic History", &p),
            TitleMatch::Mismatch
        );
    }

    #[test]
    fn case_punctuation_quotes_and_diacritics_are_ignored() {
        let p = info_with_titles(&["Don’t Count on “Détente” With Moscow — Yet"]);
        for cited in [
            "Don't Count on \"Detente\" with Moscow - Yet",
            "DONT COUNT ON DÉTENTE WITH MOSCOW YET",
            "‘Don’t count on détente with Moscow… yet’",
            "Don't Count on Détente with Moscow — Yet.",
        ] {
            assert_eq!(compare_titles(cited, &p), TitleMatch::Match, "{cited}");
        }
        let p = info_with_titles(&["U.S. & China: Trade War Escalates"]);
        assert_eq!(
            compare_titles("US and China: Trade War Escalates", &p),
            TitleMatch::Match
        );
        let p = info_with_titles(&["Ça ira: la révolution française"]);
        assert_eq!(
            compare_titles("Ca ira: La Revolution Francaise", &p),
            TitleMatch::Match
        );
    }

    #[test]
    fn small_wording_differences_match() {
        let p = info_with_titles(&["The Long Road to Peace on the Korean Peninsula"]);
        assert_eq!(
            compare_titles("Long Road to Peace on Korean Peninsula", &p),
            TitleMatch::Match
        );
        assert_eq!(
            compare_titles("The Long Road Toward Peace on the Korean Peninsula", &p),
            TitleMatch::Match
        );
        let p = info_with_titles(&[
            "Japan's New Defense Strategy and What It Means for the Region and Beyond",
        ]);
        assert_eq!(
            compare_titles("Japan's New Defense Strategy and What It Means", &p),
            TitleMatch::Match
        );
        let p = info_with_titles(&["国家主席习近平发表二〇二〇年新年贺词"]);
        assert_eq!(
            compare_titles("国家主席习近平发表2020年新年贺词", &p),
            TitleMatch::Match
        );
    }

    #[test]
    fn real_mismatches() {
        let p = info_with_titles(&["How to Bake Sourdough Bread at Home"]);
        assert_eq!(
            compare_titles("Russia's Nuclear Doctrine Explained", &p),
            TitleMatch::Mismatch
        );
        let p = info_with_titles(&["Japan's New Defense Strategy"]);
        assert_eq!(
            compare_titles("Korea's New Economic Strategy", &p),
            TitleMatch::Mismatch
        );
        let p = info_with_titles(&["习近平会见美国总统特朗普"]);
        assert_eq!(
            compare_titles("李克强主持召开国务院常务会议", &p),
            TitleMatch::Mismatch
        );
        // Short titles must agree exactly.
        let p = info_with_titles(&["Iran Deal"]);
        assert_eq!(compare_titles("Iran Talks", &p), TitleMatch::Mismatch);
        assert_eq!(compare_titles("iran deal", &p), TitleMatch::Match);
    }

    #[test]
    fn translated_titles_are_unverifiable() {
        for (page_title, cited) in [
            (
                "习近平会见美国总统特朗普",
                "Xi Jinping meets U.S. President Trump",
            ),
            (
                "北 비핵화 협상 시간 끌기",
                "North Korea accuses U.S. of stalling",
            ),
            (
                "日米貿易協定が発効",
                "US-Japan trade agreement takes effect",
            ),
            (
                "Путин провел переговоры с Си Цзиньпином",
                "Putin held talks with Xi Jinping",
            ),
            (
                "Xi Jinping meets U.S. President Trump",
                "习近平会见美国总统特朗普",
            ),
            ("日米貿易協定が発効", "미일 무역협정 발효"),
        ] {
            let p = info_with_titles(&[page_title]);
            assert_eq!(
                compare_titles(cited, &p),
                TitleMatch::Unverifiable,
                "{cited}"
            );
        }
        // A page whose main title is in another script stays unverifiable even if a site
        // name in the cited script is among its titles.
        let p = PageInfo {
            title: Some("习近平会见美国总统特朗普".into()),
            titles: vec!["习近平会见美国总统特朗普".into(), "Xinhua".into()],
            ..PageInfo::default()
        };
        assert_eq!(
            compare_titles("Xi Jinping meets U.S. President Trump", &p),
            TitleMatch::Unverifiable
        );
    }

    #[test]
    fn nothing_to_compare_is_unverifiable() {
        assert_eq!(
            compare_titles("Anything", &PageInfo::default()),
            TitleMatch::Unverifiable
        );
        let p = info_with_titles(&["A Small Deal"]);
        assert_eq!(compare_titles("", &p), TitleMatch::Unverifiable);
        assert_eq!(compare_titles("  “ ” — ", &p), TitleMatch::Unverifiable);
        // A page whose only title is its site name.
        let p = PageInfo {
            title: Some("CSIS".into()),
            titles: vec!["CSIS".into()],
            site_name: Some("CSIS".into()),
            ..PageInfo::default()
        };
        assert_eq!(compare_titles("A Small Deal", &p), TitleMatch::Unverifiable);
    }

    #[test]
    fn cited_title_fragments_do_not_match_page_fragments() {
        let p = parse_page(&page(
            "<title>Korea - China Relations</title>",
            "<h1>Korea - China Relations</h1>",
        ));
        assert!(p.titles.contains(&"Korea".to_string()));
        assert_eq!(
            compare_titles("Korea - Japan Relations", &p),
            TitleMatch::Mismatch
        );
        assert_eq!(
            compare_titles("Korea–China relations", &p),
            TitleMatch::Match
        );
        // A short title with the page's own site name appended.
        let p = parse_page(&page(
            "<meta property=\"og:site_name\" content=\"CSIS\"><meta property=\"og:title\" content=\"Small Deal\">",
            "",
        ));
        assert_eq!(compare_titles("Small Deal - CSIS", &p), TitleMatch::Match);
        assert_eq!(compare_titles("Big Deal - CSIS", &p), TitleMatch::Mismatch);
    }

    #[test]
    fn site_name_on_the_cited_side() {
        let p = info_with_titles(&["A Small Deal with Big Consequences"]);
        assert_eq!(
            compare_titles("A Small Deal with Big Consequences - CSIS", &p),
            TitleMatch::Match
        );
        let p = info_with_titles(&["国家主席习近平发表二〇二〇年新年贺词"]);
        assert_eq!(
            compare_titles("国家主席习近平发表二〇二〇年新年贺词_新华网", &p),
            TitleMatch::Match
        );
    }

    #[test]
    fn split_site_uses_the_known_site_name() {
        let s = split_site(
            "Foreign Affairs - Rising Tensions in Asia",
            Some("Foreign Affairs"),
        );
        assert!(s.is_some_and(
            |s| s.site == "Foreign Affairs" && s.variants == vec!["Rising Tensions in Asia"]
        ));
        let s = split_site(
            "Rising Tensions in Asia - Foreign Affairs",
            Some("Foreign Affairs"),
        );
        assert!(s.is_some_and(
            |s| s.site == "Foreign Affairs" && s.variants == vec!["Rising Tensions in Asia"]
        ));
        assert!(split_site("No separator here", None).is_none());
        assert!(split_site(" | leading", None).is_none());
        assert!(split_site("trailing | ", None).is_none());
    }

    #[test]
    fn title_tokens_and_forms() {
        assert_eq!(title_tokens("the art of war"), vec!["art", "war"]);
        assert_eq!(title_tokens("the"), vec!["the"]);
        assert_eq!(title_tokens("中美关系"), vec!["中美", "关系", "美关"]);
        assert_eq!(title_tokens("g20 峰会"), vec!["g20", "峰会"]);
        assert_eq!(
            main_title("Small Deal: Big Consequences"),
            Some("Small Deal")
        );
        assert_eq!(main_title("No subtitle"), None);
        assert_eq!(main_title(": leading"), None);
    }
}
