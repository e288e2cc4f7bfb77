//! "Not found" wording in a page's title or first headings, in ten languages: a soft 404
//! served with status 200.

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;

use super::title::split_site;
use super::{first_chars, is_cjk};
use crate::extract::prose::collapse_ws;

/// Phrases that mark an error page wherever they appear in a title or heading.
const NOT_FOUND_STRONG: &[&str] = &[
    // English
    "page not found",
    "page cannot be found",
    "page can't be found",
    "page could not be found",
    "page does not exist",
    "page doesn't exist",
    "page no longer exists",
    "page is no longer available",
    "error 404",
    "404 error",
    "404 not found",
    "404 page",
    "http 404",
    // Chinese
    "页面不存在",
    "页面未找到",
    "您访问的页面不存在",
    "頁面不存在",
    "找不到網頁",
    "找不到网页",
    "找不到页面",
    "找不到頁面",
    "网页不存在",
    "網頁不存在",
    "页面找不到",
    "页面没有找到",
    // Korean
    "페이지를 찾을 수 없",
    "요청하신 페이지",
    // Japanese
    "ページが見つかりません",
    "ページは見つかりません",
    "お探しのページ",
    "ページが存在しません",
    // German
    "seite nicht gefunden",
    "seite wurde nicht gefunden",
    "seite existiert nicht",
    // French
    "page introuvable",
    "page non trouvée",
    "page non trouvee",
    "page n'existe pas",
    "erreur 404",
    // Spanish
    "página no encontrada",
    "pagina no encontrada",
    "la página no existe",
    // Russian
    "страница не найдена",
    "страница не существует",
    "ошибка 404",
    // Italian, Portuguese
    "pagina non trovata",
    "página não encontrada",
];

/// Phrases that mark an error page only with another sign ("404", "error", "page", ...) or
/// when they are nearly the whole title.
const NOT_FOUND_WEAK: &[&str] = &[
    "not found",
    "404",
    "doesn't exist",
    "does not exist",
    "no longer available",
    "cannot be found",
    "can't be found",
    "could not be found",
    "couldn't find",
    "could not find",
    "file not found",
    "找不到",
    "未找到",
    "찾을 수 없",
    "見つかりません",
    "nicht gefunden",
    "introuvable",
    "non trouvée",
    "no encontrada",
    "no encontrado",
    "no existe",
    "не найдена",
    "не найдено",
    "non trovata",
    "não encontrada",
];

/// Words that confirm a weak phrase.
const NOT_FOUND_SIGNS: &[&str] = &[
    "404",
    "error",
    "page",
    "seite",
    "página",
    "pagina",
    "страница",
    "ошибка",
    "erreur",
    "fehler",
    "oops",
    "页面",
    "頁面",
    "网页",
    "網頁",
    "페이지",
    "ページ",
    "错误",
    "錯誤",
    "오류",
    "エラー",
];

/// Words that may stand beside a weak phrase in an error title ("Sorry, not found").
const NOT_FOUND_FILLER_WORDS: &[&str] = &[
    "oops",
    "sorry",
    "error",
    "the",
    "this",
    "that",
    "a",
    "an",
    "is",
    "was",
    "we",
    "you",
    "your",
    "it",
    "its",
    "has",
    "been",
    "page",
    "file",
    "item",
    "content",
    "article",
    "document",
    "resource",
    "requested",
    "request",
    "url",
    "link",
    "http",
    "or",
    "and",
    "of",
    "here",
    "404",
    "ошибка",
    "извините",
    "страница",
    "la",
    "le",
    "el",
    "die",
    "der",
    "das",
    "seite",
    "página",
    "pagina",
    "désolé",
    "lo",
    "siento",
    "es",
    "ist",
    "leider",
    "fehler",
    "erreur",
];

/// CJK words that may stand beside a weak phrase.
const NOT_FOUND_FILLER_CJK: &[&str] = &[
    "申し訳ありません",
    "申し訳ございません",
    "すみません",
    "죄송합니다",
    "요청하신",
    "페이지",
    "お探しの",
    "抱歉",
    "对不起",
    "對不起",
    "您",
    "你",
    "访问",
    "訪問",
    "请求",
    "請求",
    "页面",
    "頁面",
    "网页",
    "網頁",
    "错误",
    "錯誤",
    "오류",
    "エラー",
    "ページ",
    "要",
    "的",
    "所",
    "该",
    "該",
    "は",
    "が",
    "を",
];

/// Lower case, typographic apostrophes as "'", whitespace collapsed.
fn normalize_phrase_text(s: &str) -> String {
    let lowered: String = first_chars(s, 400)
        .chars()
        .map(|c| match c {
            '’' | '‘' | 'ʼ' | '`' | '´' => '\'',
            _ => c,
        })
        .collect::<String>()
        .to_lowercase();
    collapse_ws(&lowered)
}

/// A word character for phrase boundaries: letters and digits other than CJK.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() && !is_cjk(c)
}

/// The byte ranges where `phrase` occurs in `s` as a whole phrase (not inside a word or a
/// longer number, when the phrase starts or ends with a word character).
fn phrase_ranges(s: &str, phrase: &str) -> Vec<(usize, usize)> {
    let starts_word = phrase.chars().next().is_some_and(is_word_char);
    let ends_word = phrase.chars().next_back().is_some_and(is_word_char);
    s.match_indices(phrase)
        .map(|(i, m)| (i, i + m.len()))
        .filter(|&(i, j)| {
            let before = s.get(..i).and_then(|p| p.chars().next_back());
            let after = s.get(j..).and_then(|p| p.chars().next());
            let glued_before = starts_word && before.is_some_and(is_word_char);
            let glued_after = ends_word && after.is_some_and(is_word_char);
            !glued_before && !glued_after
        })
        .collect()
}

fn has_phrase(s: &str, phrase: &str) -> bool {
    !phrase_ranges(s, phrase).is_empty()
}

/// Whether a title or heading says the page was not found.
/// Every phrase, weak and strong, in one automaton (`None` only if it could not be built).
static ANY_PHRASE: LazyLock<Option<AhoCorasick>> =
    LazyLock::new(|| AhoCorasick::new(NOT_FOUND_WEAK.iter().chain(NOT_FOUND_STRONG)).ok());

pub(super) fn says_not_found(raw: &str) -> bool {
    let n = normalize_phrase_text(raw);
    if n.is_empty() {
        return false;
    }
    // Every strong phrase holds a weak one: most titles stop here, after one pass.
    if !ANY_PHRASE.as_ref().map_or_else(
        || {
            NOT_FOUND_WEAK
                .iter()
                .chain(NOT_FOUND_STRONG)
                .any(|p| n.contains(p))
        },
        |ac| ac.is_match(&n),
    ) {
        return false;
    }
    if NOT_FOUND_STRONG.iter().any(|p| has_phrase(&n, p)) {
        return true;
    }
    // The text, and the text without a short site-name part ("Not Found | CSIS").
    let mut forms = vec![n.as_str()];
    if let Some(split) = split_site(&n, None) {
        if split.site.split_whitespace().count() <= 3 && split.site.chars().count() <= 30 {
            forms.extend(split.variants.iter().copied());
        }
    }
    forms
        .into_iter()
        .any(|form| weak_not_found(form, form.chars().count() <= 150))
}

/// A weak phrase with a sign beside it, or with nothing but filler beside it.
fn weak_not_found(s: &str, short: bool) -> bool {
    for phrase in NOT_FOUND_WEAK {
        for (i, j) in phrase_ranges(s, phrase) {
            // `Page 404 of host 1`, `Issue 404`: a number in a series, not an error code
            if *phrase == "404" {
                let before = s
                    .get(..i)
                    .unwrap_or("")
                    .split_whitespace()
                    .next_back()
                    .unwrap_or("");
                let after = s
                    .get(j..)
                    .unwrap_or("")
                    .split_whitespace()
                    .next()
                    .unwrap_or("");
                let counted = [
                    "page", "no", "number", "issue", "part", "item", "chapter", "vol", "volume",
                    "episode", "#",
                ];
                if after == "of" || counted.contains(&before) {
                    continue;
                }
            }
            let rest = format!("{} {}", s.get(..i).unwrap_or(""), s.get(j..).unwrap_or(""));
            if short && NOT_FOUND_SIGNS.iter().any(|w| has_phrase(&rest, w)) {
                return true;
            }
            if only_filler(&rest) {
                return true;
            }
        }
    }
    false
}

/// Whether `s` holds nothing but filler words, punctuation and spaces.
fn only_filler(s: &str) -> bool {
    let mut rest = s.to_string();
    for f in NOT_FOUND_FILLER_CJK {
        if rest.contains(f) {
            rest = rest.replace(f, " ");
        }
    }
    let mut word = String::new();
    let mut words: Vec<String> = Vec::new();
    for c in rest.chars() {
        if is_cjk(c) {
            return false;
        }
        if c.is_alphanumeric() || c == '\'' {
            word.push(c);
        } else if !word.is_empty() {
            words.push(std::mem::take(&mut word));
        }
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
        .iter()
        .all(|w| NOT_FOUND_FILLER_WORDS.contains(&w.trim_matches('\'')))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::net::page::parse_page;
    use crate::net::page::tests::page;

    #[test]
    fn soft_404_pages_in_each_language() {
        for (head, body) in [
            ("<title>Page not found | CSIS</title>", ""),
            (
                "<title>Page Not Found – War on the Rocks</title>",
                "<h1>Oops! That page can’t be found.</h1>",
            ),
            ("<title>Example News</title>", "<h1>404</h1><p>Sorry</p>"),
            ("<title>404 Not Found</title>", "<h1>Not Found</h1>"),
            ("<title>Error 404</title>", ""),
            (
                "<title>Example</title>",
                "<h2>Sorry, the page you requested doesn't exist.</h2>",
            ),
            ("<title>Not Found</title>", ""),
            ("<title>This content is no longer available</title>", ""),
            ("<title>File Not Found</title>", ""),
            ("<title>404页面_新华网</title>", ""),
            ("<title>页面不存在</title>", ""),
            ("<title>人民网</title>", "<h1>抱歉，您访问的页面不存在</h1>"),
            ("<title>頁面不存在 - 中央社</title>", ""),
            ("<title>找不到網頁</title>", ""),
            ("<title>抱歉，找不到</title>", ""),
            (
                "<title>연합뉴스</title>",
                "<h1>페이지를 찾을 수 없습니다</h1>",
            ),
            (
                "<title>요청하신 페이지를 찾을 수 없습니다 | 조선일보</title>",
                "",
            ),
            ("<title>ページが見つかりません | NHK</title>", ""),
            (
                "<title>日本経済新聞</title>",
                "<h1>お探しのページは見つかりませんでした</h1>",
            ),
            ("<title>Seite nicht gefunden - Spiegel</title>", ""),
            ("<title>Fehler 404: Nicht gefunden</title>", ""),
            ("<title>Page introuvable | Le Monde</title>", ""),
            ("<title>Erreur 404 - page non trouvée</title>", ""),
            ("<title>Página no encontrada | El País</title>", ""),
            ("<title>Error 404: la página no existe</title>", ""),
            ("<title>Страница не найдена — РБК</title>", ""),
            ("<title>Ошибка 404</title>", ""),
        ] {
            let p = parse_page(&page(head, body));
            assert!(p.not_found, "{head} {body}");
        }
    }

    #[test]
    fn legitimate_titles_are_not_soft_404s() {
        for title in [
            "Not Found: The Search for Meaning in Modern Life",
            "Not Found - The Search for Meaning in Modern Life",
            "Flight 4040 lands safely after engine failure",
            "Route 404 reopens after floods",
            "Why God Doesn't Exist, According to Philosophers",
            "The Case of the Missing Page: A Detective Story",
            "Dios no existe: un ensayo",
            "Le livre introuvable de Borges",
            "失踪的飞机仍未找到原因",
            "2404 km of new railway opened",
            "Errors in the 1404 census",
            "A Small Deal with Big Consequences | CSIS",
            "",
        ] {
            let p = parse_page(&page(
                &format!("<title>{title}</title>"),
                "<h1>Article</h1>",
            ));
            assert!(!p.not_found, "{title}");
        }
        assert!(
            !parse_page(&page(
                "",
                "<h2>Related pages</h2><p>page not found in index</p>"
            ))
            .not_found
        );
    }

    #[test]
    fn says_not_found_table() {
        for (t, want) in [
            ("404", true),
            ("404 | CSIS", true),
            ("Error", false),
            ("Sorry, that page doesn’t exist!", true),
            ("Oops, not found", true),
            ("Lost and Found", false),
            ("Found: The Lost Letters", false),
            ("Page Six", false),
            ("Errors and Omissions in Trade Data", false),
            ("COVID-19: 404 new cases reported", false),
            ("Error 4045", false),
            ("Page 404 of host 1", false),
            ("Issue 404 | The Review", false),
            ("Page 404", false),
            ("Error 404: page missing", true),
            ("找到了失踪的孩子", false),
            ("이 책을 찾을 수 없다면", false),
            ("お探しのページは見つかりませんでした", true),
            ("Seite nicht gefunden", true),
            ("Nicht gefunden", true),
            ("Introuvable", true),
            ("No encontrada", true),
            ("Не найдена", true),
            ("Страница не найдена", true),
        ] {
            assert_eq!(says_not_found(t), want, "{t}");
        }
    }
}
