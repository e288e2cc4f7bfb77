//! Dates the visible text introduces with words: "Veröffentlicht am 4. April 2017",
//! "Published on", "发布时间" for the publication; "Last edited", "Stand:", "Letzte Änderung"
//! for the last change of a page that says nothing else of its date.

use std::sync::LazyLock;

use regex::Regex;

use super::{prefix, suffix_from};
use crate::cite::dates::{written_date, NumericOrder, PartialDate};

/// Words that introduce the publication date in a page's text, lower case.
const PUBLISH_CUES: &[&str] = &[
    "published on",
    "published",
    "posted on",
    "posted",
    "veröffentlicht am",
    "veröffentlicht",
    "erstellt am",
    "erschienen am",
    "publié le",
    "publié",
    "mis en ligne le",
    "mise en ligne",
    "wurde am",
    "datum:",
    "datum",
    "date:",
    "dated",
    "fecha:",
    "publicado el",
    "publicado",
    "pubblicato il",
    "pubblicato",
    "gepubliceerd op",
    "gepubliceerd",
    "opublikowano",
    "опубликовано",
    "дата публикации",
    "publicerad",
    "julkaistu",
    "yayınlanma",
    "发布时间",
    "发布日期",
    "發布時間",
    "发表时间",
    "公開日",
    "投稿日",
    "입력",
];

/// The publication cues as one case-insensitive alternation, longest first where one
/// begins another ("published on" before "published").
static CUES: LazyLock<Option<Regex>> = LazyLock::new(|| {
    let alternation: Vec<String> = PUBLISH_CUES.iter().map(|c| regex::escape(c)).collect();
    Regex::new(&format!("(?i){}", alternation.join("|"))).ok()
});

/// How much of the visible text is searched for a publication cue (bytes): a byline is near
/// the top, and a page's whole text is not worth a scan per page.
const CUE_TEXT_BYTES: usize = 32 * 1024;

/// The first date within 60 bytes after a publication cue in `text` (a cue of its own: a
/// word, "dated" but not "updated"), the date starting within 24 bytes of it.
pub(super) fn cue_date(text: &str, order: NumericOrder, this_year: i32) -> Option<PartialDate> {
    date_after(
        CUES.as_ref()?,
        prefix(text, CUE_TEXT_BYTES),
        order,
        this_year,
    )
}

/// The first date after one of `cues` in `text`; see [`cue_date`].
fn date_after(
    cues: &Regex,
    text: &str,
    order: NumericOrder,
    this_year: i32,
) -> Option<PartialDate> {
    cues.find_iter(text).find_map(|m| {
        if text
            .get(..m.start())
            .and_then(|b| b.chars().next_back())
            .is_some_and(char::is_alphabetic)
        {
            return None;
        }
        let stop = (m.end()..=(m.end() + 60).min(text.len()))
            .rev()
            .find(|&e| text.is_char_boundary(e))
            .unwrap_or(m.end());
        let window = text.get(m.end()..stop).unwrap_or("");
        let (d, start, _) = written_date(window, order, this_year)?;
        (start <= 24).then_some(d)
    })
}

/// Words that introduce the date of a page's last change, lower case: a wiki's or a CMS's
/// footer ("This page was last edited on", "Diese Seite wurde zuletzt am ... geändert",
/// "Stand: 09.10.2017", "Letzte Änderung: 14.01.2022").
const MODIFIED_CUES: &[&str] = &[
    "last edited on",
    "last edited",
    "last modified on",
    "last modified",
    "last updated on",
    "last updated",
    "last changed",
    "zuletzt geändert am",
    "zuletzt geändert",
    "zuletzt aktualisiert am",
    "zuletzt aktualisiert",
    "zuletzt bearbeitet am",
    "zuletzt am",
    "letzte änderung",
    "letzte aktualisierung",
    "aktualisiert am",
    "aktualisiert:",
    "stand:",
    "stand vom",
    "dernière mise à jour",
    "mis à jour le",
    "modifié le",
    "última actualización",
    "actualizado el",
    "ultima modifica",
    "aggiornato il",
    "laatst bijgewerkt",
    "gewijzigd op",
];

static MODIFIED: LazyLock<Option<Regex>> = LazyLock::new(|| {
    let alternation: Vec<String> = MODIFIED_CUES.iter().map(|c| regex::escape(c)).collect();
    Regex::new(&format!("(?i){}", alternation.join("|"))).ok()
});

/// How much of the end of the visible text is searched for a last change (bytes): where a
/// footer says it.
const FOOTER_TEXT_BYTES: usize = 8 * 1024;

/// The date of the page's last change, after a cue of [`MODIFIED_CUES`] in the first
/// [`CUE_TEXT_BYTES`] of the visible text or its last [`FOOTER_TEXT_BYTES`].
pub(super) fn modified_cue_date(
    text: &str,
    order: NumericOrder,
    this_year: i32,
) -> Option<PartialDate> {
    let cues = MODIFIED.as_ref()?;
    let head = prefix(text, CUE_TEXT_BYTES);
    let tail_from = text.len().saturating_sub(FOOTER_TEXT_BYTES).max(head.len());
    date_after(cues, head, order, this_year)
        .or_else(|| date_after(cues, suffix_from(text, tail_from), order, this_year))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::net::page::parse_page_at;

    fn read(body: &str) -> (Option<String>, Option<String>) {
        let html = format!(
            "<!doctype html><html lang=\"en\"><head><title>T</title></head><body>{body}</body></html>"
        );
        let p = parse_page_at(&html, None);
        (p.published.map(|d| d.to_string()), p.published_from)
    }

    #[test]
    fn a_footer_dates_a_page_that_says_nothing_else() {
        // wiki.python.org: MoinMoin's page info
        let body = format!(
            r#"<h1>Download</h1><p>{}</p><p id="pageinfo" class="info" lang="en" dir="ltr">BeginnersGuide/Download (last edited 2019-11-10 13:28:18 by <span title="MatsWichmann">MatsWichmann</span>)</p>"#,
            "Python text. ".repeat(200)
        );
        assert_eq!(
            read(&body),
            (Some("2019-11-10".into()), Some("text (modified)".into()))
        );
        // stuttgart.de: the printed page's "as of"
        let body = r#"<h1>Startseite</h1><p id="footer_print" class="print"> Quelle: Landeshauptstadt Stuttgart - Startseite<br/> [Stand: 09.10.2017, 01:40 Uhr] </p>"#;
        assert_eq!(read(body).0.as_deref(), Some("2017-10-09"));
        // a publication date comes first
        let body = r#"<h1>T</h1><p>Published on March 3, 2015</p><p>Last modified on 4 November 2020.</p>"#;
        assert_eq!(read(body), (Some("2015-03-03".into()), Some("text".into())));
    }

    #[test]
    fn modification_cues_in_the_head_and_the_foot_of_the_text() {
        let this_year = 2025;
        let order = NumericOrder::DayFirst;
        let mediawiki = "Diese Seite wurde zuletzt am 29. Januar 2020 um 13:22 Uhr geändert.";
        assert_eq!(
            modified_cue_date(mediawiki, order, this_year),
            Some(PartialDate::day(2020, 1, 29))
        );
        // beyond the head, in the foot
        let long = format!(
            "{} Letzte Änderung: 14.01.2022 um 09:25",
            "Wort ".repeat(20_000)
        );
        assert_eq!(
            modified_cue_date(&long, order, this_year),
            Some(PartialDate::day(2022, 1, 14))
        );
        // in the middle of a long text: not read
        let middle = format!(
            "{} Stand: 14.01.2022 {}",
            "Wort ".repeat(10_000),
            "Wort ".repeat(10_000)
        );
        assert_eq!(modified_cue_date(&middle, order, this_year), None);
        // a cue inside a word is none ("Umstand: 14.01.2022")
        assert_eq!(
            modified_cue_date("Umstand: 14.01.2022", order, this_year),
            None
        );
    }
}
