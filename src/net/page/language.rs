//! The language of a page: `<html lang>`, else `Content-Language`, else its visible text
//! (CJK by script, other languages by whatlang).

use super::{is_han, is_hangul, is_kana, prefix, suffix_from};

/// How much visible text is given to language detection (bytes).
const LANG_SAMPLE_BYTES: usize = 2_048;

/// The primary subtag of a language tag, lower case: "zh-CN" → "zh", "en_US" → "en";
/// `None` unless it is 2 or 3 ASCII letters. A list ("en, fr") gives its first tag.
pub(super) fn primary_subtag(tag: &str) -> Option<String> {
    let first = tag.split([',', ';']).next().unwrap_or("").trim();
    let sub = first.split(['-', '_']).next().unwrap_or("");
    ((2..=3).contains(&sub.len()) && sub.bytes().all(|b| b.is_ascii_alphabetic()))
        .then(|| sub.to_ascii_lowercase())
}

/// Visible text for language detection: from the first `<h1>` when there is one.
pub(super) fn lang_sample(text: &str, h1_at: Option<usize>) -> &str {
    let from = h1_at.unwrap_or(0);
    let s = prefix(suffix_from(text, from), LANG_SAMPLE_BYTES);
    if s.trim().chars().count() < 20 {
        prefix(text, LANG_SAMPLE_BYTES)
    } else {
        s
    }
}

/// Counts of the letters of a text by script family.
#[derive(Default)]
pub(super) struct ScriptCounts {
    han: usize,
    kana: usize,
    hangul: usize,
    pub(super) other_letters: usize,
}

impl ScriptCounts {
    pub(super) fn of(s: &str) -> Self {
        let mut n = ScriptCounts::default();
        for c in s.chars() {
            // most pages are mostly ASCII: no range tables for it
            if c.is_ascii() {
                n.other_letters += usize::from(c.is_ascii_alphabetic());
                continue;
            }
            if is_han(c) {
                n.han += 1;
            } else if is_kana(c) {
                n.kana += 1;
            } else if is_hangul(c) {
                n.hangul += 1;
            } else if c.is_alphabetic() {
                n.other_letters += 1;
            }
        }
        n
    }

    pub(super) fn cjk(&self) -> usize {
        self.han + self.kana + self.hangul
    }

    /// "ko", "ja" or "zh" when the text is mostly CJK.
    fn cjk_language(&self) -> Option<&'static str> {
        let cjk = self.cjk();
        // A CJK character carries about a word: weigh it against a few Latin letters.
        if cjk < 2 || cjk * 3 < self.other_letters {
            return None;
        }
        // Korean may hold Han words (but Hangul is at least a quarter), Japanese always
        // holds some Kana (2% is plenty), and Chinese holds neither.
        Some(if self.hangul * 4 >= cjk {
            "ko"
        } else if self.kana > 0 && self.kana * 50 >= cjk {
            "ja"
        } else {
            "zh"
        })
    }
}

/// ISO 639-1 for whatlang's ISO 639-3 codes.
fn iso639_1(code3: &str) -> Option<&'static str> {
    Some(match code3 {
        "epo" => "eo",
        "eng" => "en",
        "rus" => "ru",
        "cmn" => "zh",
        "spa" => "es",
        "por" => "pt",
        "ita" => "it",
        "ben" => "bn",
        "fra" => "fr",
        "deu" => "de",
        "ukr" => "uk",
        "kat" => "ka",
        "ara" => "ar",
        "hin" => "hi",
        "jpn" => "ja",
        "heb" => "he",
        "yid" => "yi",
        "pol" => "pl",
        "amh" => "am",
        "jav" => "jv",
        "kor" => "ko",
        "nob" => "nb",
        "dan" => "da",
        "swe" => "sv",
        "fin" => "fi",
        "tur" => "tr",
        "nld" => "nl",
        "hun" => "hu",
        "ces" => "cs",
        "ell" => "el",
        "bul" => "bg",
        "bel" => "be",
        "mar" => "mr",
        "kan" => "kn",
        "ron" => "ro",
        "slv" => "sl",
        "hrv" => "hr",
        "srp" => "sr",
        "mkd" => "mk",
        "lit" => "lt",
        "lav" => "lv",
        "est" => "et",
        "tam" => "ta",
        "vie" => "vi",
        "urd" => "ur",
        "tha" => "th",
        "guj" => "gu",
        "uzb" => "uz",
        "pan" => "pa",
        "aze" => "az",
        "ind" => "id",
        "tel" => "te",
        "pes" => "fa",
        "mal" => "ml",
        "ori" => "or",
        "mya" => "my",
        "nep" => "ne",
        "sin" => "si",
        "khm" => "km",
        "tuk" => "tk",
        "aka" => "ak",
        "zul" => "zu",
        "sna" => "sn",
        "afr" => "af",
        "lat" => "la",
        "slk" => "sk",
        "cat" => "ca",
        "tgl" => "tl",
        "hye" => "hy",
        _ => return None,
    })
}

/// The language of the visible text: CJK by script, others by whatlang when confident.
fn detect_language(sample: &str) -> Option<String> {
    let counts = ScriptCounts::of(sample);
    if let Some(l) = counts.cjk_language() {
        return Some(l.to_string());
    }
    if counts.other_letters < 20 {
        return None;
    }
    let info = whatlang::detect(sample)?;
    if !info.is_reliable() && info.confidence() < 0.5 {
        return None;
    }
    iso639_1(info.lang().code()).map(str::to_string)
}

/// `<html lang>`, else `Content-Language`, else the text. A declared language is
/// overruled only when it is not a CJK language and the text is plainly CJK (templates
/// often keep `lang="en"`).
pub(super) fn choose_language(
    html_lang: Option<String>,
    content_language: Option<String>,
    sample: &str,
) -> Option<String> {
    let declared = html_lang.or(content_language);
    match declared {
        Some(l) => {
            let cjk_declared = matches!(l.as_str(), "zh" | "ja" | "ko");
            // most pages are ASCII through and through: nothing to count
            if !cjk_declared && !sample.is_ascii() {
                let counts = ScriptCounts::of(sample);
                if counts.cjk() >= 50 {
                    if let Some(t) = counts.cjk_language() {
                        return Some(t.to_string());
                    }
                }
            }
            Some(l)
        }
        None => detect_language(sample),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::net::page::parse_page;
    use crate::net::page::tests::page;

    #[test]
    fn language_from_markup() {
        let lang = |html: &str| parse_page(html).language;
        assert_eq!(
            lang("<html lang=\"zh-CN\"><body>x</body></html>").as_deref(),
            Some("zh")
        );
        assert_eq!(
            lang("<html lang=\"EN_us\"><body>x</body></html>").as_deref(),
            Some("en")
        );
        assert_eq!(
            lang("<html lang=\"fr\"><body>x</body></html>").as_deref(),
            Some("fr")
        );
        assert_eq!(
            lang("<html><head><meta http-equiv=\"Content-Language\" content=\"de-DE, en\"></head><body>x</body></html>").as_deref(),
            Some("de")
        );
        // Garbage lang attributes fall through.
        assert_eq!(
            lang("<html lang=\"1234\"><head><meta http-equiv=\"content-language\" content=\"es\"></head></html>").as_deref(),
            Some("es")
        );
        assert_eq!(lang("<html><body></body></html>"), None);
    }

    #[test]
    fn language_from_text() {
        let lang = |body: &str| parse_page(&page("", body)).language;
        assert_eq!(
            lang("<p>这是一篇关于中国经济发展的文章，内容涉及贸易和投资。</p>").as_deref(),
            Some("zh")
        );
        assert_eq!(
            lang("<p>これは日本の経済についての記事です。貿易と投資について書かれています。</p>")
                .as_deref(),
            Some("ja")
        );
        assert_eq!(
            lang("<p>이것은 한국 경제에 관한 기사입니다. 무역과 투자에 대해 다룹니다.</p>")
                .as_deref(),
            Some("ko")
        );
        assert_eq!(
            lang("<p>The government announced on Tuesday that it would raise interest rates to curb inflation, which has reached its highest level in a decade.</p>").as_deref(),
            Some("en")
        );
        assert_eq!(
            lang("<p>Le gouvernement a annoncé mardi qu'il allait relever les taux d'intérêt pour freiner l'inflation, qui a atteint son plus haut niveau depuis dix ans.</p>").as_deref(),
            Some("fr")
        );
        assert_eq!(
            lang("<p>Правительство во вторник объявило о повышении процентных ставок, чтобы сдержать инфляцию, которая достигла максимума за десять лет.</p>").as_deref(),
            Some("ru")
        );
        assert_eq!(lang("<p>ok</p>"), None);
    }

    #[test]
    fn cjk_languages_by_script_share() {
        let lang = |s: &str| ScriptCounts::of(s).cjk_language();
        assert_eq!(lang("中国经济增长放缓，贸易摩擦加剧 (한)"), Some("zh"));
        assert_eq!(lang("東京の天気は晴れです"), Some("ja"));
        assert_eq!(lang("日本経済新聞社の記事"), Some("ja"));
        assert_eq!(lang("韓國 經濟 성장률 둔화"), Some("ko"));
        assert_eq!(lang("Mostly English text with one 字"), None);
        assert_eq!(lang(""), None);
    }

    #[test]
    fn declared_latin_language_overruled_by_plain_cjk_text() {
        let text = "新华社北京12月31日电 新年前夕，国家主席习近平通过中央广播电视总台和互联网，发表了二〇二〇年新年贺词。全文如下：大家好！时间过得真快";
        let p = parse_page(&format!(
            "<html lang=\"en\"><body><p>{text}</p></body></html>"
        ));
        assert_eq!(p.language.as_deref(), Some("zh"));
        // A declared CJK language stands.
        let p = parse_page(&format!(
            "<html lang=\"ja\"><body><p>{text}</p></body></html>"
        ));
        assert_eq!(p.language.as_deref(), Some("ja"));
    }
}
