//! Finding URLs in plain text and cleaning them of the punctuation around them.
//!
//! Written by hand: linkify-style crates find URLs but do not know the citation conventions
//! we must undo (`<…>` wrappers, a sentence's closing period after `.htm`, a closing quote or
//! parenthesis that belongs to the prose), nor report where a URL was broken.

use std::sync::LazyLock;

use memchr::memmem;

/// A URL found in text: its byte span in that text (after cleanup) and the cleaned URL.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UrlSpan {
    pub start: usize,
    pub end: usize,
    pub url: String,
}

/// Characters that can never be part of a URL as written in prose.
fn is_stop(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '<' | '>'
                | '"'
                | '`'
                | '“'
                | '”'
                | '‘'
                | '’'
                | '«'
                | '»'
                | '，'
                | '。'
                | '、'
                | '；'
                | '：'
                | '（'
                | '）'
                | '【'
                | '】'
                | '\u{200b}'
        )
}

/// Strips what surrounds a URL in prose: angle brackets, quotes, trailing sentence
/// punctuation, and closing brackets that have no opening partner inside the URL.
/// Returns `None` when nothing URL-like is left.
pub fn clean_url(raw: &str) -> Option<String> {
    let mut s = raw.trim();
    loop {
        let before = s.len();
        s = s.trim_start_matches(['<', '(', '[', '"', '\'', '“', '‘', '«', '*', '_']);
        s = s.trim_end_matches([
            '>', '"', '\'', '”', '’', '»', '*', '.', ',', ';', ':', '!', '?',
        ]);
        // A closing bracket is the URL's own only when the URL opened it.
        for (open, close) in [('(', ')'), ('[', ']'), ('{', '}')] {
            if s.ends_with(close) && s.matches(open).count() < s.matches(close).count() {
                s = &s[..s.len() - close.len_utf8()];
            }
        }
        if s.len() == before {
            break;
        }
    }
    let lower = s.get(..8).unwrap_or(s).to_ascii_lowercase();
    let has_scheme = lower.starts_with("http://") || lower.starts_with("https://");
    let www = lower.starts_with("www.");
    if (!has_scheme && !www) || s.len() <= if www { 6 } else { 10 } {
        return None;
    }
    Some(s.to_string())
}

/// Why a cleaned URL is malformed, if it is: it does not parse, or it has no host.
pub fn url_problem(url: &str) -> Option<String> {
    if url.chars().any(char::is_whitespace) {
        return Some("contains whitespace".into());
    }
    let full = if url.to_ascii_lowercase().starts_with("www.") {
        format!("http://{url}")
    } else {
        url.to_string()
    };
    match url::Url::parse(&full) {
        Ok(u) => match u.host() {
            Some(url::Host::Ipv4(_) | url::Host::Ipv6(_)) => None,
            Some(url::Host::Domain(h)) if h.contains('.') || h == "localhost" => None,
            Some(url::Host::Domain(h)) => Some(format!("host `{h}` has no domain")),
            None => Some("has no host".into()),
        },
        Err(e) => Some(format!("does not parse: {e}")),
    }
}

// Built once: `find_urls` runs on every line and note.
static HTTP: LazyLock<memmem::Finder<'static>> = LazyLock::new(|| memmem::Finder::new(b"http"));
static HTTP_UPPER: LazyLock<memmem::Finder<'static>> =
    LazyLock::new(|| memmem::Finder::new(b"HTTP"));
static WWW: LazyLock<memmem::Finder<'static>> = LazyLock::new(|| memmem::Finder::new(b"www."));

/// Finds every `http(s)://` or `www.` URL in `text`, cleaned, in order.
pub fn find_urls(text: &str) -> Vec<UrlSpan> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut candidates: Vec<usize> = HTTP.find_iter(bytes).collect();
    candidates.extend(WWW.find_iter(bytes).filter(|&i| {
        // only a `www.` that does not follow `//` (that one is inside an http URL)
        i < 2 || bytes.get(i - 2..i) != Some(b"//")
    }));
    candidates.extend(HTTP_UPPER.find_iter(bytes));
    candidates.sort_unstable();
    let mut covered = 0;
    for start in candidates {
        if start < covered || !text.is_char_boundary(start) {
            continue;
        }
        // must start at a token boundary
        if let Some(prev) = text.get(..start).and_then(|p| p.chars().next_back()) {
            if prev.is_alphanumeric() || prev == '/' || prev == '.' || prev == '@' {
                continue;
            }
        }
        let rest = text.get(start..).unwrap_or("");
        let lower = rest.get(..8).unwrap_or(rest).to_ascii_lowercase();
        if !(lower.starts_with("http://")
            || lower.starts_with("https://")
            || lower.starts_with("www."))
        {
            continue;
        }
        let len = rest.find(is_stop).unwrap_or(rest.len());
        let raw = rest.get(..len).unwrap_or("");
        if let Some(url) = clean_url(raw) {
            // cleanup only trims ends; locate the cleaned URL within the raw token
            let off = raw.find(url.as_str()).unwrap_or(0);
            out.push(UrlSpan {
                start: start + off,
                end: start + off + url.len(),
                url,
            });
        }
        covered = start + len;
    }
    out
}

/// What [`url_problem`] says of a URL that a blank seems to have broken: reflint does not
/// check such a fragment as a link.
pub const BROKEN: &str = "seems broken by a blank";

/// A URL that ends in the middle of a word, followed by a blank and a piece that carries it on
/// (`…advanced-technologi es/`, `…A-Prime r.pdf`): the URL rejoined, for a suggestion. Unsure,
/// so never joined silently: the piece starts in lowercase and holds a URL's character inside
/// it, which a word of prose does not.
pub fn broken_continuation(url: &str, after: &str) -> Option<String> {
    if !url.ends_with(|c: char| c.is_ascii_alphanumeric()) {
        return None;
    }
    let piece = after.strip_prefix(' ')?.split(char::is_whitespace).next()?;
    let core = piece.trim_end_matches(['.', ',', ';', ':', ')', '>']);
    let inner = core.trim_end_matches(['/', '.']);
    let url_like = core.contains('/') || inner.contains(['.', '-', '_', '=', '?', '&']);
    if core.len() < 2
        || !core.starts_with(|c: char| c.is_ascii_lowercase())
        || !url_like
        || ["e.g", "i.e", "etc"].contains(&inner)
    {
        return None;
    }
    Some(format!("{url}{core}"))
}

/// [`url_problem`] of a URL found in prose, `after` being the text that follows it: a URL a
/// blank seems to have broken says so, with the whole URL.
pub fn problem_in_prose(url: &str, after: &str) -> Option<String> {
    match broken_continuation(url, after) {
        Some(whole) => Some(format!("{BROKEN}: {whole}")),
        None => url_problem(url),
    }
}

/// Text with the URLs that PDF extraction broke put back together: soft hyphens (U+00AD)
/// dropped, and a URL cut by a blank right after a separator (`https:// host`, `…/google-
/// android`, `…/detail/ en/ip`) joined to the piece that carries it on. Only a cut after a
/// separator is joined: a URL is surely unfinished there, while a blank after a letter may end
/// it (`technologi es` stays as written).
pub fn rejoin_broken(text: &str) -> String {
    let text = text.replace('\u{ad}', "");
    let mut out = String::with_capacity(text.len());
    let mut in_url = false;
    let mut pieces = text.split(' ').peekable();
    while let Some(piece) = pieces.next() {
        out.push_str(piece);
        let word = piece.rsplit(char::is_whitespace).next().unwrap_or(piece);
        let lower = word.to_ascii_lowercase();
        if lower.contains("http://") || lower.contains("https://") || lower.starts_with("www.") {
            in_url = true;
        } else if piece.is_empty() || piece.contains(char::is_whitespace) {
            in_url = false;
        }
        let Some(next) = pieces.peek() else { break };
        // `…/ERP-2022. pdf;`: a file extension cut from its name
        let extension = word.ends_with('.')
            && matches!(
                next.trim_end_matches(['.', ',', ';', ':', ')']),
                "pdf"
                    | "htm"
                    | "html"
                    | "aspx"
                    | "asp"
                    | "php"
                    | "docx"
                    | "doc"
                    | "xlsx"
                    | "pptx"
                    | "jsp"
            );
        let unfinished = extension
            || word.ends_with(['/', '-', '_', '=', '?', '&', '%', '#'])
            || lower.ends_with("://")
            || (word.ends_with('.')
                && !word.ends_with("..")
                && next.starts_with(|c: char| c.is_ascii_lowercase())
                && next.contains('/'));
        // what carries a URL on holds a URL's characters, or starts in lowercase or a digit
        // (`…/warfare/ One response` is prose)
        let carries_on = next.chars().next().is_some_and(|c| {
            c.is_ascii_lowercase()
                || c.is_ascii_digit()
                || (c.is_ascii_uppercase()
                    && next.contains(['/', '.', '-', '_', '=', '&', '?', '%', '#']))
        }) && !next.contains(['“', '”', '‘', '’'])
            && next.len() > 1;
        // `thought -leadership`: a piece that opens with a hyphen carries the URL on
        let hyphen_next = next.starts_with('-') && next.len() > 2 && !next.starts_with("--");
        if in_url && ((unfinished && carries_on) || hyphen_next) {
            continue;
        }
        in_url = false;
        out.push(' ');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_url_broken_mid_word_is_suggested_not_joined() {
        assert_eq!(
            broken_continuation("https://a.org/advanced-technologi", " es/ . Next"),
            Some("https://a.org/advanced-technologies/".to_string())
        );
        assert_eq!(
            broken_continuation("https://a.org/A-Prime", " r.pdf ."),
            Some("https://a.org/A-Primer.pdf".to_string())
        );
        assert_eq!(
            broken_continuation("https://a.org/page", " and more."),
            None
        );
        assert_eq!(broken_continuation("https://a.org/page/", " es/"), None);
        assert_eq!(
            broken_continuation("https://a.org/page", " e.g. this"),
            None
        );
    }

    #[test]
    fn ip_hosts_are_well_formed() {
        assert_eq!(url_problem("http://[::ffff:7f00:1]/x"), None);
        assert_eq!(url_problem("http://127.0.0.1:8080/x"), None);
        assert!(url_problem("http://intranet/x").is_some());
    }

    #[test]
    fn urls_broken_after_a_separator_are_rejoined() {
        assert_eq!(
            rejoin_broken("see https:// digital-markets-act.ec.europa.eu/dma-google- android-article_en. AI then"),
            "see https://digital-markets-act.ec.europa.eu/dma-google-android-article_en. AI then"
        );
        assert_eq!(
            rejoin_broken("https://a.org/detail/ en/ip_26 . Next"),
            "https://a.org/detail/en/ip_26 . Next"
        );
        assert_eq!(
            rejoin_broken("https://techcrunch. com/2026/05/x/ ."),
            "https://techcrunch.com/2026/05/x/ ."
        );
        assert_eq!(
            rejoin_broken("https://x.eu/china-pushes\u{ad}-eu-capitals"),
            "https://x.eu/china-pushes-eu-capitals"
        );
        assert_eq!(
            rejoin_broken("https://x.com/thought \u{ad}-leadership/2018/ ."),
            "https://x.com/thought-leadership/2018/ ."
        );
        // a blank after a letter may end the URL; prose is never joined
        assert_eq!(
            rejoin_broken("https://a.org/technologi es and more"),
            "https://a.org/technologi es and more"
        );
        assert_eq!(rejoin_broken("a- b and c/ d"), "a- b and c/ d");
        assert_eq!(
            rejoin_broken("https://x.org/warfare/ One response"),
            "https://x.org/warfare/ One response"
        );
        assert_eq!(
            rejoin_broken("https://x.org/2022/04/ERP-2022. pdf; next"),
            "https://x.org/2022/04/ERP-2022.pdf; next"
        );
    }

    fn urls(t: &str) -> Vec<String> {
        find_urls(t).into_iter().map(|u| u.url).collect()
    }

    #[test]
    fn trailing_period_after_htm_is_prose() {
        assert_eq!(
            urls("Xinhua, January 2, 2010, http://www.xinhuanet.com//2020-01/02/c_1125416394.htm."),
            ["http://www.xinhuanet.com//2020-01/02/c_1125416394.htm"]
        );
    }

    #[test]
    fn angle_brackets_and_commas() {
        assert_eq!(
            urls(
                "June 23, 2019, <http://politics.people.com.cn/n1/2019/0623/c1024-31175221.html>."
            ),
            ["http://politics.people.com.cn/n1/2019/0623/c1024-31175221.html"]
        );
        assert_eq!(
            urls("see https://a.org/x, and (https://b.org/y)."),
            ["https://a.org/x", "https://b.org/y"]
        );
    }

    #[test]
    fn parentheses_owned_by_the_url_are_kept() {
        assert_eq!(
            urls("(https://en.wikipedia.org/wiki/Global_surveillance_disclosures_(2013%E2%80%93present))"),
            ["https://en.wikipedia.org/wiki/Global_surveillance_disclosures_(2013%E2%80%93present)"]
        );
        assert_eq!(
            urls(
                "report (final).pdf see https://x.gov/files/huawei-zte%20report%20(final).pdf , 3."
            ),
            ["https://x.gov/files/huawei-zte%20report%20(final).pdf"]
        );
    }

    #[test]
    fn quotes_and_cjk_punctuation_end_a_url() {
        assert_eq!(urls("“https://a.org/p”，后来"), ["https://a.org/p"]);
        assert_eq!(urls("at www.example.com/page."), ["www.example.com/page"]);
    }

    #[test]
    fn spans_point_at_the_cleaned_url() {
        let t = "x <https://a.org/b>.";
        let u = &find_urls(t)[0];
        assert_eq!(&t[u.start..u.end], "https://a.org/b");
    }

    #[test]
    fn not_urls() {
        assert!(urls("the http protocol and https: alone").is_empty());
        assert!(urls("mailto:x@www.example.com").is_empty());
        assert!(clean_url("https://").is_none());
    }

    #[test]
    fn problems() {
        assert_eq!(url_problem("https://a.org/x"), None);
        assert!(url_problem("https://a.org/x y").is_some());
        assert!(url_problem("http://exa mple").is_some());
        assert!(url_problem("http://localhost:8080/x").is_none());
    }
}
