//! The publication date a page gives: `<meta>` names, JSON-LD values, attribute values
//! (`<time datetime>`, microdata) and the dateline in the visible text.

use std::sync::LazyLock;

use regex::Regex;
use serde_json::Value;

use super::{first_chars, json_string, suffix_from};
use crate::cite::dates::{
    find_dates, parse_date, written_date, NumericOrder, PartialDate, Precision,
};

/// How much visible text is searched for a dateline (characters).
const DATELINE_CHARS: usize = 2_000;
/// How far before the first `<h1>` the dateline search starts (bytes of visible text).
const DATELINE_BEFORE_H1: usize = 400;

pub(super) fn json_date(v: &Value) -> Option<PartialDate> {
    json_string(v).and_then(parse_date_value)
}

/// A date given as one attribute or field value: a whole date (any form `parse_date`
/// knows), a timestamp cut to its date ("2019-10-29T08:00:00+09:00" → 2019-10-29), or the
/// first date inside a short value ("Tue, 29 Oct 2019 08:00:00 GMT"). Only valid dates with
/// a year in 1000..=2999.
pub(super) fn parse_date_value(s: &str) -> Option<PartialDate> {
    let s = s.trim();
    if s.is_empty() || s.len() > 200 {
        return None;
    }
    let d = parse_date(s)
        .or_else(|| {
            // A timestamp: the date before the time ("2019-10-29T08:00:00+09:00").
            let head = s.split(['T', ' ']).next().unwrap_or("");
            (head.len() < s.len() && head.len() >= 8)
                .then(|| parse_date(head))
                .flatten()
        })
        .or_else(|| {
            find_dates(s)
                .into_iter()
                .find(|f| !f.accessed && f.date.precision() != Precision::Year)
                .map(|f| f.date)
        })?;
    plausible(d).then_some(d)
}

fn plausible(d: PartialDate) -> bool {
    d.is_valid() && (1000..=2999).contains(&d.year)
}

/// A day-first (or month-first) date in a URL's path or query, the year last, as European
/// CMSs write it: "/meldungen/29-10-2021", "/23-01-2022-dorothea-wierer-…",
/// "_vom_22.04.2020_": the same separator twice, not inside a longer number. A date whose
/// day could be its month is read in the page's `order`. Years 1990..=2099 only.
pub(super) fn url_day_first_date(url: &str, order: NumericOrder) -> Option<PartialDate> {
    static DMY: LazyLock<Option<Regex>> = LazyLock::new(|| {
        Regex::new(r"(?:^|[^0-9])([0-9]{1,2})([-._])([0-9]{1,2})([-._])([0-9]{4})(?:[^0-9]|$)").ok()
    });
    let re = DMY.as_ref()?;
    let after_scheme = url.split_once("://").map_or(url, |(_, r)| r);
    let path = after_scheme
        .find(['/', '?'])
        .and_then(|at| after_scheme.get(at..))
        .unwrap_or("");
    let path = path.split('#').next().unwrap_or("");
    re.captures_iter(path).find_map(|c| {
        if c.get(2)?.as_str() != c.get(4)?.as_str() {
            return None;
        }
        let num = |i: usize| c.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
        let (a, b, year) = (num(1)?, num(3)?, i32::try_from(num(5)?).ok()?);
        let (day, month) = if a > 12 || (b <= 12 && order == NumericOrder::DayFirst) {
            (a, b)
        } else {
            (b, a)
        };
        let d = PartialDate::day(year, month, day);
        (d.is_valid() && (1990..=2099).contains(&year)).then_some(d)
    })
}

/// A numeric date whose day could be its month ("01-11-2023"): read by the page's order.
pub(super) fn ambiguous_numeric(v: &str) -> bool {
    let v = v.trim();
    let mut parts = v.split(['-', '/', '.']);
    let (Some(a), Some(b), Some(y)) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    let small = |p: &str| p.len() <= 2 && p.parse::<u32>().is_ok_and(|n| (1..=12).contains(&n));
    small(a) && small(b) && y.get(..4).is_some_and(|y| y.parse::<u32>().is_ok())
}

/// Regions whose English writes the month first ("10/02/2020" is October 2): the United
/// States and its territories, the Philippines, Canada (mixed; its English mostly so).
const MONTH_FIRST_REGIONS: [&str; 10] =
    ["us", "ph", "ca", "as", "gu", "mp", "pr", "um", "vi", "fm"];

/// A language tag of English with a region that writes the day first: "en-GB", "en_AU",
/// "en-IN" (but "en", "en-US" not).
pub(super) fn day_first_english(lang: &str) -> bool {
    let mut parts = lang.trim().split(['-', '_']);
    let (Some(language), Some(region)) = (parts.next(), parts.next()) else {
        return false;
    };
    language.eq_ignore_ascii_case("en")
        && region.len() == 2
        && region.chars().all(|c| c.is_ascii_alphabetic())
        && !MONTH_FIRST_REGIONS
            .iter()
            .any(|r| r.eq_ignore_ascii_case(region))
}

/// `day` falls in `coarse` (a month or a year).
pub(super) fn within(day: &PartialDate, coarse: &PartialDate) -> bool {
    day.year == coarse.year && coarse.month.is_none_or(|m| day.month == Some(m))
}

pub(super) fn one_day_apart(a: &PartialDate, b: &PartialDate) -> bool {
    match (a.to_naive(), b.to_naive()) {
        (Some(x), Some(y))
            if a.precision() == Precision::Day && b.precision() == Precision::Day =>
        {
            (x - y).num_days().abs() == 1
        }
        _ => false,
    }
}

/// Words just before a dateline that say it is the publication date.
const PUBLISH_CUES: &[&str] = &[
    "published",
    "posted",
    "publication date",
    "date:",
    "发布时间",
    "发布日期",
    "發布時間",
    "發佈時間",
    "发表时间",
    "發表時間",
    "时间：",
    "時間：",
    "日期",
    "입력",
    "등록",
    "公開日",
    "掲載",
    "投稿日",
    "publié",
    "veröffentlicht",
    "publicado",
    "опубликовано",
];

/// Words just before a date that say it is not the publication date.
const UPDATE_CUES: &[&str] = &[
    "updated",
    "modified",
    "更新",
    "修改",
    "수정",
    "업데이트",
    "mis à jour",
    "aktualisiert",
    "actualizado",
    "обновлено",
    "last edited",
    "zuletzt am",
    "zuletzt geändert",
    "letzte änderung",
];

/// Words that introduce a date that is not the page's: the visit's, on a forum's or
/// portal's clock ("Aktuelle Zeit: 14.10.2020, 12:18", "It is currently", "Heute ist"), a
/// member's in a forum's profile box ("Registriert: 18.09.2008", "Joined"), or an announced
/// event's ("findet am Mi. 5. Februar 2020 statt", "will take place on").
pub(super) const NOT_PAGE_CUES: &[&str] = &[
    "registriert:",
    "registered:",
    "joined:",
    "member since",
    "mitglied seit",
    "inscrit le",
    "current time",
    "it is currently",
    "today is",
    "aktuelle zeit",
    "aktuelles datum",
    "heute ist",
    "nous sommes le",
    "date du jour",
    "hoy es",
    "oggi è",
    "findet am",
    "finden am",
    "takes place on",
    "will take place",
    "will be held",
    "aura lieu",
    "tendrá lugar",
    "si terrà",
];

/// `before` (lower case) introduces a modification date ("Updated", "Aktualisiert am").
pub(super) fn says_updated(before: &str) -> bool {
    UPDATE_CUES.iter().any(|c| before.contains(c))
}

/// A date after `before` (the text before it, lower case) is not the page's: an update, the
/// visit's date or a member's.
fn not_the_pages(before: &str) -> bool {
    UPDATE_CUES
        .iter()
        .chain(NOT_PAGE_CUES)
        .any(|c| before.contains(c))
}

/// The dateline: a valid day-precise date (years 1990..=2100) in the first
/// [`DATELINE_CHARS`] characters of visible text, from a little before the first `<h1>`
/// when there is one. A date introduced by a publication cue ("Published", "发布时间",
/// "입력") wins; otherwise the first one not introduced by an update cue.
pub(super) fn dateline(text: &str, h1_at: Option<usize>) -> Option<PartialDate> {
    let start = h1_at.map_or(0, |h| h.saturating_sub(DATELINE_BEFORE_H1));
    let window = first_chars(suffix_from(text, start), DATELINE_CHARS);
    let mut first = None;
    for f in find_dates(window) {
        let d = f.date;
        if f.accessed
            || d.precision() != Precision::Day
            || !d.is_valid()
            || !(1990..=2100).contains(&d.year)
        {
            continue;
        }
        let before = window
            .get(..f.start)
            .map(|b| suffix_from(b, b.len().saturating_sub(40)))
            .unwrap_or("")
            .to_lowercase();
        if PUBLISH_CUES.iter().any(|c| before.contains(c)) {
            return Some(d);
        }
        if first.is_none() && !not_the_pages(&before) {
            first = Some(d);
        }
    }
    first
}

/// The dateline in the languages [`written_date`] reads ("01. November 2021 | Naturschutz",
/// "Hamburg, 2. November 2021"): the first line of the same window as [`dateline`] that holds
/// a full date, not one introduced by an update cue. For pages whose dateline the English and
/// numeric grammar does not read.
pub(super) fn written_dateline(
    text: &str,
    h1_at: Option<usize>,
    order: NumericOrder,
    this_year: i32,
) -> Option<PartialDate> {
    let start = h1_at.map_or(0, |h| h.saturating_sub(DATELINE_BEFORE_H1));
    let window = first_chars(suffix_from(text, start), DATELINE_CHARS);
    window
        .lines()
        .filter(|l| l.len() <= 200)
        .find_map(|l| {
            let (d, at, _) = written_date(l, order, this_year)?;
            let before = l.get(..at).unwrap_or("").to_lowercase();
            (!not_the_pages(&before)).then_some(d)
        })
        .filter(|d| d.is_valid() && (1990..=2100).contains(&d.year))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::net::page::parse_page;
    use crate::net::page::tests::{day, from, page};

    #[test]
    fn time_with_pubdate_or_publish_class_is_preferred() {
        let html = page(
            "",
            "<time datetime=\"2021-05-05\">related</time>\
             <time class=\"entry-date published\" datetime=\"2019-10-17T08:00:12+00:00\">Oct 17</time>",
        );
        assert_eq!(parse_page(&html).published, day(2019, 10, 17));
        let html = page(
            "",
            "<time datetime=\"2021-05-05\">x</time><time pubdate datetime=\"2018-02-03\">y</time>",
        );
        assert_eq!(parse_page(&html).published, day(2018, 2, 3));
        let html = page(
            "",
            "<time datetime=\"nonsense\">x</time><time datetime=\"2017-07-07\">y</time>",
        );
        let p = parse_page(&html);
        assert_eq!(p.published, day(2017, 7, 7));
        assert_eq!(from(&p), Some("time[datetime]"));
    }

    #[test]
    fn meta_priority_and_sources() {
        let html = page(
            "<meta name=\"date\" content=\"2001-01-01\">\
             <meta name=\"DC.date.issued\" content=\"2002-02-02\">\
             <meta name=\"citation_date\" content=\"2003/03/03\">",
            "",
        );
        let p = parse_page(&html);
        assert_eq!(p.published, day(2003, 3, 3));
        assert_eq!(from(&p), Some("meta[name=citation_date]"));
        for (tag, want, src) in [
            (
                "<meta property=\"og:published_time\" content=\"2019-10-29\">",
                day(2019, 10, 29),
                "meta[property=og:published_time]",
            ),
            (
                "<meta property=\"og:article:published_time\" content=\"2019-10-29T01:02:03Z\">",
                day(2019, 10, 29),
                "meta[property=og:article:published_time]",
            ),
            (
                "<meta name=\"DC.Date\" content=\"2019-10\">",
                Some(PartialDate::month(2019, 10)),
                "meta[name=DC.Date]",
            ),
            (
                "<meta name=\"dc.date\" content=\"2019\">",
                Some(PartialDate::year(2019)),
                "meta[name=dc.date]",
            ),
            (
                "<meta name=\"DCTERMS.issued\" content=\"2019-10-29\">",
                day(2019, 10, 29),
                "meta[name=DCTERMS.issued]",
            ),
            (
                "<meta name=\"parsely-pub-date\" content=\"2019-10-29T08:00:00Z\">",
                day(2019, 10, 29),
                "meta[name=parsely-pub-date]",
            ),
            (
                "<meta name=\"sailthru.date\" content=\"Tue, 29 Oct 2019 08:00:00 -0400\">",
                day(2019, 10, 29),
                "meta[name=sailthru.date]",
            ),
            (
                "<meta name=\"pubdate\" content=\"20191029\">",
                day(2019, 10, 29),
                "meta[name=pubdate]",
            ),
            (
                "<meta name=\"publishdate\" content=\"2019-10-29 08:12\">",
                day(2019, 10, 29),
                "meta[name=publishdate]",
            ),
            (
                "<meta itemprop=\"date\" content=\"October 29, 2019\">",
                day(2019, 10, 29),
                "meta[itemprop=date]",
            ),
            (
                "<meta name=\"ARTICLE:PUBLISHED_TIME\" content=\"2019-10-29T23:59:59-07:00\">",
                day(2019, 10, 29),
                "meta[name=ARTICLE:PUBLISHED_TIME]",
            ),
        ] {
            let p = parse_page(&page(tag, ""));
            assert_eq!(p.published, want, "{tag}");
            assert_eq!(from(&p), Some(src), "{tag}");
        }
    }

    #[test]
    fn invalid_dates_are_rejected_and_the_next_source_used() {
        let html = page(
            "<meta property=\"article:published_time\" content=\"2019-02-30T10:00:00Z\">\
             <meta property=\"article:published_time\" content=\"not a date\">\
             <meta name=\"citation_date\" content=\"0000-00-00\">",
            "<time datetime=\"2019-13-01\">x</time><time datetime=\"2019-02-28\">y</time>",
        );
        let p = parse_page(&html);
        assert_eq!(p.published, day(2019, 2, 28));
        assert_eq!(from(&p), Some("time[datetime]"));
        // A later tag of the same name is still read.
        let html = page(
            "<meta property=\"article:published_time\" content=\"\">\
             <meta property=\"article:published_time\" content=\"2019-02-27\">",
            "",
        );
        assert_eq!(parse_page(&html).published, day(2019, 2, 27));
    }

    #[test]
    fn json_ld_variants() {
        // An array of objects, datePublished in a nested article.
        let html = page(
            r#"<script type="application/ld+json">[{"@type":"Organization","name":"X"},
               {"@type":"WebPage","mainEntity":{"@type":"BlogPosting","datePublished":"2018-06-01T10:00:00Z"}}]</script>"#,
            "",
        );
        let p = parse_page(&html);
        assert_eq!(p.published, day(2018, 6, 1));
        assert_eq!(from(&p), Some("json-ld datePublished"));
        // An article's date beats a web page's.
        let html = page(
            r#"<script type="application/ld+json">{"@graph":[{"@type":"WebPage","datePublished":"2017-01-01"},
               {"@type":["NewsArticle"],"datePublished":"2018-06-02"}]}</script>"#,
            "",
        );
        assert_eq!(parse_page(&html).published, day(2018, 6, 2));
        // dateCreated when nothing has datePublished.
        let html = page(
            r#"<script type="application/ld+json">{"@type":"Report","dateCreated":"2016-03-04"}</script>"#,
            "",
        );
        assert_eq!(parse_page(&html).published, day(2016, 3, 4));
        // Invalid JSON is ignored; a later valid block is read.
        let html = page(
            r#"<script type="application/ld+json">{"@type":"Article","datePublished":"2015-01-01",}</script>
               <script type="application/ld+json">{"@type":"Article","datePublished":"2015-02-02"}</script>"#,
            "",
        );
        assert_eq!(parse_page(&html).published, day(2015, 2, 2));
        // Other script types are not JSON-LD: their data are the weakest witness.
        let html = page(
            r#"<script type="application/json">{"datePublished":"2015-01-01"}</script>"#,
            "",
        );
        let p = parse_page(&html);
        assert_eq!(from(&p), Some("script datePublished"));
        assert!(!p.published_strong);
        // Deeply nested JSON does not overflow anything.
        let deep = format!(
            "<script type=\"application/ld+json\">{}{}</script>",
            "[".repeat(5_000),
            "]".repeat(5_000)
        );
        assert_eq!(parse_page(&page(&deep, "")).published, None);
    }

    #[test]
    fn microdata_date_published() {
        for body in [
            "<div itemscope itemtype=\"https://schema.org/Article\"><meta itemprop=\"datePublished\" content=\"2014-04-04\"></div>",
            "<span itemprop=\"datePublished\" datetime=\"2014-04-04T09:00\">April 4</span>",
            "<span itemprop=\"datePublished\">April 4, 2014</span>",
            "<span itemprop=\"dateModified datePublished\">2014-04-04</span>",
        ] {
            let p = parse_page(&page("", body));
            assert_eq!(p.published, day(2014, 4, 4), "{body}");
            assert_eq!(from(&p), Some("[itemprop=datePublished]"), "{body}");
        }
    }

    #[test]
    fn source_priority_meta_json_ld_microdata_time_dateline() {
        let meta = "<meta property=\"article:published_time\" content=\"2011-01-01\">";
        let ld = r#"<script type="application/ld+json">{"@type":"Article","datePublished":"2012-02-02"}</script>"#;
        let micro = "<span itemprop=\"datePublished\" content=\"2013-03-03\"></span>";
        let time = "<time datetime=\"2014-04-04\">t</time>";
        let line = "<p>Published May 5, 2015</p>";
        let p = parse_page(&page(
            &format!("{meta}{ld}"),
            &format!("{micro}{time}{line}"),
        ));
        assert_eq!(
            (p.published, from(&p)),
            (
                day(2011, 1, 1),
                Some("meta[property=article:published_time]")
            )
        );
        let p = parse_page(&page(ld, &format!("{micro}{time}{line}")));
        assert_eq!(
            (p.published, from(&p)),
            (day(2012, 2, 2), Some("json-ld datePublished"))
        );
        let p = parse_page(&page("", &format!("{micro}{time}{line}")));
        assert_eq!(
            (p.published, from(&p)),
            (day(2013, 3, 3), Some("[itemprop=datePublished]"))
        );
        let p = parse_page(&page("", &format!("{time}{line}")));
        assert_eq!(
            (p.published, from(&p)),
            (day(2014, 4, 4), Some("time[datetime]"))
        );
        let p = parse_page(&page("", line));
        assert_eq!((p.published, from(&p)), (day(2015, 5, 5), Some("text")));
    }

    #[test]
    fn datelines_in_several_forms() {
        for (body, want) in [
            (
                "<h1>Title</h1><p>By Jane Doe | Oct. 17, 2019</p>",
                day(2019, 10, 17),
            ),
            (
                "<h1>Title</h1><p>October 17, 2019 at 5:00 pm</p>",
                day(2019, 10, 17),
            ),
            ("<h1>Title</h1><p>17 October 2019</p>", day(2019, 10, 17)),
            (
                "<div class=\"info\">2019年10月29日 08:00 来源：人民网</div>",
                day(2019, 10, 29),
            ),
            ("<div>发布时间：2020-01-02 08:12:33</div>", day(2020, 1, 2)),
            ("<p>기사입력 2019.10.29. 오후 3:30</p>", day(2019, 10, 29)),
            ("<p>2019年10月29日 15時30分</p>", day(2019, 10, 29)),
        ] {
            let p = parse_page(&page("", body));
            assert_eq!(p.published, want, "{body}");
            assert_eq!(from(&p), Some("text"), "{body}");
        }
    }

    #[test]
    fn dateline_skips_scripts_navigation_updates_and_access_dates() {
        let body = "<script>var d = '2001-01-01';</script><style>/* 2002-02-02 */</style>\
                    <nav>Today: March 3, 2024</nav><noscript>2003-03-03</noscript>\
                    <div hidden>2004-04-04</div><div aria-hidden=\"true\">2005-05-05</div>\
                    <h1>Title</h1><p>Updated June 6, 2020</p><p>Accessed July 7, 2021</p>\
                    <p>Published: August 8, 2019</p>";
        let p = parse_page(&page("", body));
        assert_eq!(p.published, day(2019, 8, 8));
        // Only an update date: no dateline, only the page's last change.
        let p = parse_page(&page("", "<h1>T</h1><p>Last updated June 6, 2020</p>"));
        assert_eq!(p.published_from.as_deref(), Some("text (modified)"));
        assert!(!p.published_strong);
        // A publication cue beats an earlier plain date.
        let p = parse_page(&page(
            "",
            "<h1>T</h1><p>Event on September 9, 2019.</p><p>Posted October 10, 2019</p>",
        ));
        assert_eq!(p.published, day(2019, 10, 10));
    }

    #[test]
    fn dateline_needs_a_plausible_day() {
        // Years alone, months alone, old history and impossible dates are no dateline.
        for body in [
            "<h1>T</h1><p>© 2019 Example Inc.</p>",
            "<h1>T</h1><p>In October 2019 the talks failed.</p>",
            "<h1>T</h1><p>On June 4, 1989, the square was cleared.</p>",
            "<h1>T</h1><p>2019-02-30</p>",
        ] {
            assert_eq!(parse_page(&page("", body)).published, None, "{body}");
        }
    }

    #[test]
    fn dateline_window_is_bounded() {
        let filler = "word ".repeat(1_000);
        let p = parse_page(&page(
            "",
            &format!("<p>{filler}</p><p>October 17, 2019</p>"),
        ));
        assert_eq!(p.published, None);
        // From a little before the first h1.
        let p = parse_page(&page(
            "",
            &format!("<div>{filler}</div><h1>Title</h1><p>October 17, 2019</p>"),
        ));
        assert_eq!(p.published, day(2019, 10, 17));
    }

    #[test]
    fn day_first_dates_in_urls() {
        let dmy = |u: &str| url_day_first_date(u, NumericOrder::DayFirst);
        // weisser-ring.de, biathlon-antholz.it, achgut.com, lepoint.fr
        assert_eq!(
            dmy("https://weisser-ring.de/media-news/meldungen/29-10-2021"),
            day(2021, 10, 29)
        );
        assert_eq!(
            dmy("https://www.biathlon-antholz.it/de/newsroom/23-01-2022-dorothea-wierer/17-378.html"),
            day(2022, 1, 23)
        );
        assert_eq!(
            dmy("https://www.achgut.com/artikel/bericht_zur_coronalage_vom_22.04.2020_worauf"),
            day(2020, 4, 22)
        );
        assert_eq!(
            dmy("https://www.lepoint.fr/societe/imam-condamne-02-11-2023-2541683_23.php"),
            day(2023, 11, 2)
        );
        // month first where the page writes so, or where the day cannot be a month
        assert_eq!(
            url_day_first_date("https://b.test/p/02-11-2023-x", NumericOrder::MonthFirst),
            day(2023, 2, 11)
        );
        assert_eq!(
            dmy("https://b.test/blogposting-01-23-2020/"),
            day(2020, 1, 23)
        );
        // not in the host, not mixed separators, not inside longer numbers, no impossible day
        for u in [
            "https://29-10-2021.example.com/",
            "https://b.test/p/29-10.2021",
            "https://b.test/p/129-10-2021",
            "https://b.test/p/29-10-20215",
            "https://b.test/p/31-02-2021",
            "https://b.test/p/12-10-1890",
        ] {
            assert_eq!(dmy(u), None, "{u}");
        }
    }

    #[test]
    fn parse_date_value_forms() {
        assert_eq!(
            parse_date_value("2019-10-29T08:00:00+09:00"),
            day(2019, 10, 29)
        );
        assert_eq!(
            parse_date_value("2019-10-29T08:00:00.000Z"),
            day(2019, 10, 29)
        );
        assert_eq!(parse_date_value(" 2019-10-29 08:12:33 "), day(2019, 10, 29));
        assert_eq!(parse_date_value("2019/10/29 08:12"), day(2019, 10, 29));
        assert_eq!(parse_date_value("October 29, 2019"), day(2019, 10, 29));
        assert_eq!(parse_date_value("2019年10月29日"), day(2019, 10, 29));
        assert_eq!(
            parse_date_value("Tue, 29 Oct 2019 08:00:00 GMT"),
            day(2019, 10, 29)
        );
        assert_eq!(
            parse_date_value("2019-10"),
            Some(PartialDate::month(2019, 10))
        );
        assert_eq!(parse_date_value("2019-02-29"), None);
        assert_eq!(parse_date_value("2019-02-29T00:00:00Z"), None);
        assert_eq!(parse_date_value("0001-01-01"), None);
        assert_eq!(parse_date_value(""), None);
        assert_eq!(parse_date_value("yesterday"), None);
        assert_eq!(parse_date_value(&"9".repeat(1_000)), None);
    }
}
