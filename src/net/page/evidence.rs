//! The page's publication date from the evidence of its elements, text and URL.
//!
//! The tree walk hands every element to [`DateEvidence::open`] and [`DateEvidence::close`],
//! and every `<meta>` to [`DateEvidence::meta`]; [`DateEvidence::decide`] then weighs what was
//! seen, strongest evidence first:
//!
//! 1. `<meta>` publication tags (`article:published_time`, `citation_publication_date`,
//!    Dublin Core, ...), in the order of [`META_DATE_KEYS`];
//! 2. JSON-LD `datePublished` (of an article first; it yields to 3 on another day), then
//!    microdata `itemprop=datePublished`;
//! 3. an element that says it holds the publication date: `<time pubdate>`, `class="published"`,
//!    `entry-date`, `post-date`, `dateline`, or a `<time>` inside such an element;
//! 4. the date in the URL's path (`/2019/10/29/`), to the day;
//! 5. JSON-LD `dateCreated`;
//! 6. a date element (`class` naming a date: `date`, `datum`, `fecha`, `meta`, `byline`) or a
//!    `<time datetime>`, outside comments, related articles and sidebars, the first in the page;
//! 7. a date after a publication cue in the visible text ("Veröffentlicht am", "Published",
//!    "publié le", "发布时间");
//! 8. the dateline near the top of the article;
//! 9. only then a modification date (`article:modified_time`, `dateModified`);
//! 10. a publication date in the page's data in scripts (`"publishedAt"`, `"published_at"`);
//! 11. a footer's date of the last change ("last edited on", "Stand:");
//! 12. a full date in the `<title>` ("08.11.2021 | Online-Fachtag").
//!
//! A machine timestamp (1, 2, 5) one day off a date the page shows (3, 4, 6 inside the
//! article, 7, 8) is the same day in another time zone: the shown date wins
//! ("2023-11-09T03:28:35Z" on a page whose URL says `/2023/11/08/`). Dates in comments and
//! in lists of other articles are never read. A generic date `<meta>` (`date`, `DC.date`),
//! when no other machine date is given, yields to the dateline the text shows on another
//! day: CMSs fill it with a last change as often.
//!
//! Evidence 1–5 is *strong* ([`Decision::strong`]): `date-page-mismatch` reports an error or
//! warning only on it, an info otherwise.

use super::attr_value;
use std::cell::OnceCell;

use scraper::node::Element;

use super::cues::{cue_date, modified_cue_date};
use super::date::{
    ambiguous_numeric, dateline, day_first_english, one_day_apart, parse_date_value, says_updated,
    url_day_first_date, within, written_dateline, NOT_PAGE_CUES,
};
use super::scripts_json::ScriptDates;
use super::zones::{describe, zone_of, Zone};
use crate::cite::dates::{url_date, written_date, NumericOrder, PartialDate, Precision};

/// `<meta>` names that say they give the publication date, in order of preference, compared
/// after [`meta_key`] (lower case, `_`, `:` and `-` as `.`).
pub(crate) const META_DATE_KEYS: [&str; 16] = [
    "article.published.time",
    "og.published.time",
    "og.article.published.time",
    "article.published",
    "citation.publication.date",
    "citation.date",
    "bepress.citation.date",
    "dc.date.issued",
    "dcterms.issued",
    "parsely.pub.date",
    "sailthru.date",
    "pubdate",
    "publishdate",
    "publish.date",
    "published.date",
    "date.published",
];

/// `<meta>` names of some date of the page, less specific than [`META_DATE_KEYS`] (a creation
/// date, a bare "date"): after JSON-LD and microdata.
const META_GENERIC_KEYS: [&str; 6] = [
    "datepublished",
    "dc.date.created",
    "dcterms.created",
    "dc.date",
    "dcterms.date",
    "date",
];

/// `<meta>` names of a modification date: used only when nothing else dates the page.
const META_MODIFIED_KEYS: [&str; 7] = [
    "article.modified.time",
    "og.updated.time",
    "dc.date.modified",
    "dcterms.modified",
    "last.modified",
    "datemodified",
    "dateupdate",
];

/// A `<meta>` key for comparison: lower case, `_`, `:` and `-` as `.`.
fn meta_key(key: &str) -> String {
    key.trim()
        .chars()
        .map(|c| match c {
            '_' | ':' | '-' => '.',
            c => c.to_ascii_lowercase(),
        })
        .collect()
}

/// The most date elements whose text is kept for [`DateEvidence::decide`].
const MAX_ELEMENT_CANDIDATES: usize = 256;

/// How much an element says it holds the publication date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Rank {
    /// It says so: `<time pubdate>`, `class="published"`, `entry-date`, `dateline`.
    Published,
    /// A date element or `<time>` in the page's own text.
    Dated,
    /// A modification date (`class="updated"`).
    Updated,
}

/// A date element's raw values, read when the page's language is known.
#[derive(Clone, Debug)]
struct ElementDate {
    rank: Rank,
    /// `time[datetime]`, `abbr.published`, `span.entry-date`...
    source: String,
    /// Machine values first (`datetime`, `content`, `title`), then the element's text.
    values: Vec<String>,
    /// The element shows a date in its text (not a `<meta>` of microdata, nor an empty
    /// element with a `content` or `datetime`).
    shows: bool,
    /// Inside `<article>` or `<main>`: the date it shows is the article's.
    in_article: bool,
}

/// What the walk tells about dates, and the zones it is in.
#[derive(Default)]
pub(crate) struct DateEvidence {
    meta: [Option<(PartialDate, String)>; META_DATE_KEYS.len()],
    generic: [Option<(PartialDate, String)>; META_GENERIC_KEYS.len()],
    modified: Option<(PartialDate, String)>,
    elements: Vec<ElementDate>,
    /// Depth inside comments, related articles, asides outside the article (their dates are
    /// not the page's).
    elsewhere: usize,
    /// Depth inside readers' comments (their text is not the page's either).
    comments: usize,
    /// Depth inside elements that say they hold the publication date.
    published_zone: usize,
    /// Depth inside `<article>` and `<main>`.
    article: usize,
    /// The zone of each open element, so that closing one need not read it again.
    open_zones: Vec<Zone>,
    /// A buffer for lower-casing class names.
    lower: String,
    /// The `<html lang>` names an English of a region that writes the day first ("en-GB").
    day_first_english: bool,
    /// The text of the page's `<title>`.
    title: Option<String>,
    /// The publication date of the page's data in its scripts.
    scripts: ScriptDates,
}

impl DateEvidence {
    /// A `<meta>` with a key (`property`, `name` or `itemprop`) and its content.
    pub(crate) fn meta(&mut self, attr: &str, key: &str, content: &str) {
        let k = meta_key(key);
        let slot = match META_DATE_KEYS.iter().position(|m| *m == k) {
            Some(at) => self.meta.get_mut(at),
            None => META_GENERIC_KEYS
                .iter()
                .position(|m| *m == k)
                .and_then(|at| self.generic.get_mut(at)),
        };
        if let Some(slot) = slot {
            if slot.is_none() {
                *slot =
                    parse_date_value(content).map(|d| (d, format!("meta[{attr}={}]", key.trim())));
            }
        } else if META_MODIFIED_KEYS.contains(&k.as_str()) && self.modified.is_none() {
            self.modified =
                parse_date_value(content).map(|d| (d, format!("meta[{attr}={}]", key.trim())));
        }
    }

    /// A `<script>` that is not JSON-LD: its data may name a publication date.
    pub(crate) fn script(&mut self, script: scraper::ElementRef<'_>) {
        self.scripts.read(script);
    }

    /// Inside readers' comments or lists of other articles: text that is not the page's own.
    pub(crate) fn in_comments(&self) -> bool {
        self.comments > 0
    }

    /// A modification date from elsewhere (JSON-LD `dateModified`).
    pub(crate) fn modified(&mut self, date: PartialDate, source: &str) {
        if self.modified.is_none() {
            self.modified = Some((date, source.to_string()));
        }
    }

    /// An element opens; `text` gives its text (read only if it may hold a date). Returns
    /// nothing: dates are weighed in [`decide`](Self::decide).
    pub(crate) fn open(&mut self, e: &Element, visible: bool, text: impl FnOnce() -> String) {
        if e.name() == "html" && self.open_zones.is_empty() {
            self.day_first_english = attr_value(e, "lang")
                .or_else(|| attr_value(e, "xml:lang"))
                .is_some_and(day_first_english);
        }
        if e.name() == "title" && self.title.is_none() {
            self.title = Some(text());
            self.open_zones.push(Zone::Other);
            return;
        }
        let zone = zone_of(e, self.article > 0, &mut self.lower);
        self.open_zones.push(zone);
        if matches!(e.name(), "article" | "main") {
            self.article += 1;
        }
        match zone {
            Zone::Comments => {
                self.comments += 1;
                self.elsewhere += 1;
            }
            Zone::Elsewhere => self.elsewhere += 1,
            Zone::Published => self.published_zone += 1,
            _ => {}
        }
        if !visible || self.elsewhere > 0 || self.elements.len() >= MAX_ELEMENT_CANDIDATES {
            return;
        }
        // a link's date is the date of what it links to
        if e.name() == "a" {
            return;
        }
        let is_time = e.name() == "time";
        let mut rank = if attr_value(e, "pubdate").is_some()
            || zone == Zone::Published
            || (is_time && self.published_zone > 0)
        {
            Rank::Published
        } else if zone == Zone::Updated {
            Rank::Updated
        } else if is_time || zone == Zone::Dated {
            Rank::Dated
        } else {
            return;
        };
        // a date element's text is short: a container of the whole article is not one
        let mut values: Vec<String> = ["datetime", "content", "title"]
            .iter()
            .filter_map(|a| attr_value(e, a))
            .map(str::to_string)
            .collect();
        let t = text();
        let shows = e.name() != "meta" && t.bytes().any(|b| b.is_ascii_digit());
        if t.len() <= 400 {
            // "Updated Mar 12, 2020" in a "published-date" element: a modification date
            let lead = t.split(|c: char| c.is_ascii_digit()).next().unwrap_or("");
            if attr_value(e, "pubdate").is_none() && says_updated(&lead.to_lowercase()) {
                rank = Rank::Updated;
            }
            values.push(t);
        }
        // only values that can hold a full date (a year and a day) take a place; not a
        // clock's ("Aktuelle Zeit: 14.10.2020"), the visit's date
        values.retain(|v| {
            v.bytes().filter(u8::is_ascii_digit).count() >= 5 && {
                let lower = v.to_lowercase();
                !NOT_PAGE_CUES.iter().any(|c| lower.contains(c))
            }
        });
        if values.is_empty() {
            return;
        }
        self.elements.push(ElementDate {
            rank,
            source: describe(e),
            values,
            shows,
            in_article: self.article > 0,
        });
    }

    /// An element closes (the same element [`open`](Self::open) saw).
    pub(crate) fn close(&mut self, e: &Element) {
        if matches!(e.name(), "article" | "main") {
            self.article = self.article.saturating_sub(1);
        }
        match self.open_zones.pop().unwrap_or(Zone::Other) {
            Zone::Comments => {
                self.comments = self.comments.saturating_sub(1);
                self.elsewhere = self.elsewhere.saturating_sub(1);
            }
            Zone::Elsewhere => self.elsewhere = self.elsewhere.saturating_sub(1),
            Zone::Published => self.published_zone = self.published_zone.saturating_sub(1),
            _ => {}
        }
    }

    /// The publication date and where it came from; see the module documentation.
    pub(crate) fn decide(&self, page: &PageFacts<'_>) -> Decision {
        let order = match page.language {
            Some("en") if !self.day_first_english => NumericOrder::MonthFirst,
            _ => NumericOrder::DayFirst,
        };
        let today = chrono::Utc::now().date_naive();
        let this_year = chrono::Datelike::year(&today);
        let shown_ok = |d: &PartialDate| {
            d.precision() == Precision::Day
                && d.year >= 1990
                && d.to_naive()
                    .is_some_and(|f| f <= today + chrono::Days::new(1))
        };
        let element_where = |rank: Rank, which: fn(&ElementDate) -> bool| {
            self.elements
                .iter()
                .filter(|c| c.rank == rank && which(c))
                .find_map(|c| {
                    c.values.iter().find_map(|v| {
                        parse_date_value(v)
                            .filter(|d| d.precision() == Precision::Day)
                            .filter(|_| !ambiguous_numeric(v))
                            .or_else(|| written_date(v, order, this_year).map(|w| w.0))
                            .filter(shown_ok)
                            .map(|d| (d, c.source.clone()))
                    })
                })
        };
        let element = |rank: Rank| element_where(rank, |_| true);
        let from_url = page
            .url
            .and_then(|u| {
                url_date(u)
                    .filter(shown_ok)
                    .or_else(|| url_day_first_date(u, order).filter(shown_ok))
            })
            .map(|d| (d, "url".to_string()));
        let published = element(Rank::Published);
        let json_ld = page
            .json_ld_published
            .map(|d| (d, "json-ld datePublished".to_string()));
        let microdata = page
            .microdata
            .map(|d| (d, "[itemprop=datePublished]".to_string()));
        let created = page
            .json_ld_created
            .map(|d| (d, "json-ld dateCreated".to_string()));
        let meta = self.meta.iter().flatten().next().cloned();
        let generic = self.generic.iter().flatten().next().cloned();

        // the date the page's address shows, an element that says it is the publication
        // date and shows it in its text, the first date the article shows, or the dateline
        // (a header's "today" or a teaser's date outside the article is no better witness
        // than the timestamp)
        // (the text is read only when asked: a run does not read it once a timestamp is
        // found that no other witness moves)
        let cue_cell = OnceCell::new();
        let cue = || {
            cue_cell
                .get_or_init(|| {
                    cue_date(page.text, order, this_year)
                        .filter(shown_ok)
                        .map(|d| (d, "text".to_string()))
                })
                .clone()
        };
        let dateline_cell = OnceCell::new();
        let dateline = || {
            dateline_cell
                .get_or_init(|| {
                    dateline(page.text, page.h1_at)
                        .or_else(|| written_dateline(page.text, page.h1_at, order, this_year))
                        .map(|d| (d, "text".to_string()))
                })
                .clone()
        };
        let text_shown = || cue().or_else(dateline);
        let shown = [
            from_url.clone(),
            element_where(Rank::Published, |c| c.shows),
            element_where(Rank::Dated, |c| c.shows && c.in_article),
        ];
        // a machine timestamp one day off a date the page shows: the same moment in
        // another time zone ("2019-10-18T22:04:00Z" of an article showing 19. Oktober 2019),
        // and the page's own day is the one it shows; the strongest shown date on the
        // timestamp's day or next to it decides (the URL says the day, and a header's date a
        // day later is not the publication's)
        let as_shown = |(d, from): (PartialDate, String)| {
            let near = |(s, _): &(PartialDate, String)| *s == d || one_day_apart(&d, s);
            let witness = shown
                .iter()
                .flatten()
                .find(|s| near(s))
                .cloned()
                .or_else(|| text_shown().filter(near));
            match witness {
                Some(s) if s.0 != d => s,
                _ => (d, from),
            }
        };
        // JSON-LD (an SEO plugin's copy of the post, often of its first draft) yields to an
        // element the page shows as its publication date on another day
        let shown_published = element_where(Rank::Published, |c| c.shows);
        let json_ld_over = json_ld.clone().filter(|(j, _)| {
            shown_published
                .as_ref()
                .is_none_or(|(p, _)| p == j || one_day_apart(p, j))
        });
        let machine = meta
            .clone()
            .or(if json_ld.is_some() {
                json_ld_over.or(shown_published.clone())
            } else {
                None
            })
            .or(microdata.clone())
            .or(generic.clone());
        // a month or a year ("citation_publication_date" 2017/01) made precise by another
        // of the page's statements of its publication date on a day of it
        let refine = |(d, from): (PartialDate, String)| {
            if d.precision() == Precision::Day {
                return (d, from);
            }
            self.meta
                .iter()
                .chain(self.generic.iter())
                .flatten()
                .chain(
                    [&json_ld, &microdata, &published, &from_url]
                        .into_iter()
                        .flatten(),
                )
                .find(|(f, _)| f.precision() == Precision::Day && within(f, &d))
                .cloned()
                .unwrap_or((d, from))
        };
        // a bare "date" or Dublin Core date alone (as often a CMS's last change or indexing
        // date as the publication's) yields to the dateline the page shows on another day
        let generic_only = meta.is_none()
            && json_ld.is_none()
            && microdata.is_none()
            && self.generic.first().is_some_and(Option::is_none);
        let machine = machine.filter(|(m, _)| {
            !generic_only || text_shown().is_none_or(|(t, _)| t == *m || one_day_apart(m, &t))
        });
        let strong = if let Some(m) = machine {
            Some(as_shown(refine(m)))
        } else if let Some(p) = published.clone().or(from_url.clone()) {
            Some(p)
        } else {
            created.clone().map(as_shown)
        };
        if strong.is_some() && !page.want_evidence {
            // the weaker witnesses would not change the answer: not read
            return Decision {
                published: strong,
                strong: true,
                evidence: Vec::new(),
            };
        }

        let dated = element(Rank::Dated);
        let (cue, dateline) = (cue(), dateline());
        let modified = self
            .modified
            .clone()
            .or_else(|| element(Rank::Updated))
            .map(|(d, s)| (d, format!("{s} (modified)")));
        let script = self.scripts.date().filter(|(d, _)| shown_ok(d)).cloned();
        // a news item's or a press release's title with its day ("08.11.2021 | Online-Fachtag")
        let titled = self
            .title
            .as_deref()
            .and_then(|t| written_date(t, order, this_year))
            .map(|w| w.0)
            .filter(shown_ok)
            .map(|d| (d, "title".to_string()));
        let footer = modified_cue_date(page.text, order, this_year)
            .filter(shown_ok)
            .map(|d| (d, "text (modified)".to_string()));

        let mut evidence: Vec<DateSeen> = Vec::new();
        if page.want_evidence {
            for (d, f) in self
                .meta
                .iter()
                .flatten()
                .chain(self.generic.iter().flatten())
                .chain(
                    [
                        &json_ld, &microdata, &published, &from_url, &created, &dated, &cue,
                        &dateline, &modified, &script, &footer, &titled,
                    ]
                    .into_iter()
                    .flatten(),
                )
            {
                evidence.push(DateSeen {
                    date: d.to_string(),
                    from: f.clone(),
                });
            }
        }
        let (published, strong) = match strong {
            Some(p) => (Some(p), true),
            None => (
                dated
                    .or(cue)
                    .or(dateline)
                    .or(modified)
                    .or(script)
                    .or(footer)
                    .or(titled),
                false,
            ),
        };
        Decision {
            published,
            strong,
            evidence,
        }
    }
}

/// What [`DateEvidence::decide`] concludes.
pub(crate) struct Decision {
    /// The publication date and its evidence.
    pub published: Option<(PartialDate, String)>,
    /// The evidence is the page's own statement of its publication date (a publication
    /// `<meta>`, JSON-LD, microdata, an element that says it is the publication date, or the
    /// URL): strong enough for `date-page-mismatch` to warn.
    pub strong: bool,
    /// Every date seen, with its evidence, strongest first.
    pub evidence: Vec<DateSeen>,
}

/// One date a page gives, and where (`reflint inspect` lists them).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct DateSeen {
    pub date: String,
    pub from: String,
}

/// What the rest of the page says, for [`DateEvidence::decide`].
pub(crate) struct PageFacts<'a> {
    pub url: Option<&'a str>,
    pub language: Option<&'a str>,
    pub json_ld_published: Option<PartialDate>,
    pub json_ld_created: Option<PartialDate>,
    pub microdata: Option<PartialDate>,
    /// The visible text, as far as it was kept.
    pub text: &'a str,
    /// Where the first `<h1>` starts in `text` (the dateline is read near it).
    pub h1_at: Option<usize>,
    /// List every date seen ([`Decision::evidence`], for `reflint inspect`); without it, the
    /// weaker witnesses are not even read once a strong one is found.
    pub want_evidence: bool,
}

#[cfg(test)]
mod tests {
    use super::super::{parse_page_at, PageInfo};

    /// The date and its evidence read from a page fragment (from real pages, shortened).
    fn read(head: &str, body: &str, url: Option<&str>) -> (Option<String>, Option<String>) {
        let html = format!(
            "<!doctype html><html lang=\"de\"><head><title>T</title>{head}</head><body>{body}</body></html>"
        );
        let p = parse_page_at(&html, url);
        (p.published.map(|d| d.to_string()), p.published_from)
    }

    fn page(head: &str, body: &str, url: Option<&str>) -> PageInfo {
        parse_page_at(
            &format!("<!doctype html><html lang=\"de\"><head><title>T</title>{head}</head><body>{body}</body></html>"),
            url,
        )
    }

    fn strong(head: &str, body: &str, url: Option<&str>) -> bool {
        page(head, body, url).published_strong
    }

    fn date(head: &str, body: &str, url: Option<&str>) -> String {
        read(head, body, url).0.unwrap_or_default()
    }

    fn from(head: &str, body: &str, url: Option<&str>) -> String {
        read(head, body, url).1.unwrap_or_default()
    }

    #[test]
    fn meta_tags_name_their_attribute_and_key() {
        let head = r#"<meta property="article:modified_time" content="2021-11-05T12:42Z" /><meta property="article:published_time" content="2021-11-04T10:00Z" />"#;
        assert_eq!(date(head, "", None), "2021-11-04");
        assert_eq!(
            from(head, "", None),
            "meta[property=article:published_time]"
        );
        let head = r#"<meta name="bepress_citation_date" content="2009-09-15"><meta name="DC:date" content="2009-09-16">"#;
        assert_eq!(date(head, "", None), "2009-09-15");
        assert!(strong(head, "", None));
    }

    #[test]
    fn json_ld_and_microdata() {
        let head = r#"<script type="application/ld+json">{"@type":"NewsArticle","dateModified":"2022-01-27T21:37:38+01:00","datePublished":"2022-01-28T06:00:00+01:00"}</script>"#;
        assert_eq!(
            read(head, "", None),
            (
                Some("2022-01-28".into()),
                Some("json-ld datePublished".into())
            )
        );
        let body = r#"<div itemscope><meta itemprop="datePublished" content="2018-06-05"></div>"#;
        assert_eq!(date("", body, None), "2018-06-05");
    }

    #[test]
    fn elements_that_say_they_hold_the_publication_date() {
        // loldf.org: SPIP's abbr.published, its title the timestamp
        let body = r#"<p><small><abbr class="published" title="2019-06-27T10:21:40Z">jeudi 27 juin 2019</abbr>, par X</small></p>"#;
        assert_eq!(
            read("", body, None),
            (Some("2019-06-27".into()), Some("abbr.published".into()))
        );
        // dubisthalle.de: a <time> elsewhere comes first, the published span wins
        let body = r#"<div class="header"><time datetime="2020-12-03">3.12.2020</time></div><p><span class="published">31. Oktober 2023</span></p>"#;
        assert_eq!(date("", body, None), "2023-10-31");
        // la-bas.org: a <time> inside an element that says "publication"
        let body = r#"<p class="publication"><span>Le </span><time datetime="2019-06-28T13:49:45Z">28 juin 2019</time></p>"#;
        assert_eq!(date("", body, None), "2019-06-28");
        assert!(strong("", body, None));
    }

    #[test]
    fn the_url_dates_a_page_that_says_nothing_else() {
        let url = Some("http://www.bibliothek2null.de/2014/05/18/alles-neue-mach-der-mai/");
        assert_eq!(
            read("", "<p>Text</p>", url),
            (Some("2014-05-18".into()), Some("url".into()))
        );
        // a month alone is not a page date
        assert_eq!(
            date(
                "",
                "<p>Text</p>",
                Some("http://b.test/2018/06/privacy.html")
            ),
            ""
        );
    }

    #[test]
    fn a_timestamp_a_day_off_the_shown_date_is_the_shown_date() {
        // nypost.com: published 2023-11-09T03:28:35Z, a story of the evening of November 8 (EST)
        let head =
            r#"<meta property="article:published_time" content="2023-11-09T03:28:35+00:00" />"#;
        let url = Some("https://nypost.com/2023/11/08/news/nikki-haley-rips-vivek-ramaswamy/");
        assert_eq!(
            read(head, "", url),
            (Some("2023-11-08".into()), Some("url".into()))
        );
        // two days off: the timestamp stands
        let url = Some("https://nypost.com/2023/11/07/news/story/");
        assert_eq!(date(head, "", url), "2023-11-09");
    }

    #[test]
    fn a_timestamp_the_url_confirms_stands() {
        // deadlinenews.co.uk: a teaser of the next article a day later comes first; the
        // timestamp and the URL agree on the day
        let head =
            r#"<meta property="article:published_time" content="2023-11-02T15:27:17+00:00" />"#;
        let body = r#"<div class="td-editor-date"><span class="td-post-date"><time class="entry-date updated td-module-date" datetime="2023-11-03T07:56:35+00:00">November 3, 2023</time></span></div>"#;
        let url = Some("https://www.deadlinenews.co.uk/2023/11/02/youngster-struck-by-lightning/");
        assert_eq!(
            read(head, body, url),
            (
                Some("2023-11-02".into()),
                Some("meta[property=article:published_time]".into())
            )
        );
    }

    #[test]
    fn a_utc_timestamp_a_day_before_the_articles_date() {
        // nachrichten.at: published at 00:04 in Linz, 22:04 the day before in UTC
        let head = r#"<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2019-10-18T22:04:00Z"}</script>"#;
        let line = r#"<p class="artDetail__header__infoline"><span> Von Claudia Riedler</span> <span class="artDetail__header__infoline--datum">19. Oktober 2019 00:04 Uhr</span></p>"#;
        let body = format!("<article><h1>Alternative Therapien</h1>{line}</article>");
        assert_eq!(
            read(head, &body, None),
            (
                Some("2019-10-19".into()),
                Some("span.artDetail__header__infoline--datum".into())
            )
        );
        // a date outside the article (a teaser's, after it) does not move the timestamp
        let text = "Wort ".repeat(500);
        let body =
            format!("<article><h1>T</h1><p>{text}</p></article><div class=\"teaser\">{line}</div>");
        assert_eq!(date(head, &body, None), "2019-10-18");
    }

    #[test]
    fn the_dateline_under_the_heading_is_a_shown_date() {
        // tagesschau.de: the timestamp a day after the date under the heading
        let head = r#"<meta name="date" content="2020-04-29T11:52:23" />"#;
        let body = r#"<h1><span class="headline">Daten von Rheinmetall gehackt</span></h1><p class="text"><span class="stand">Stand: 28.04.2020 18:00 Uhr</span></p><p>Text.</p>"#;
        assert_eq!(
            read(head, body, None),
            (Some("2020-04-28".into()), Some("text".into()))
        );
        // two days off: a publication timestamp stands (a bare date yields, see below)
        let body = body.replace("28.04.2020", "27.04.2020");
        let head = r#"<meta property="article:published_time" content="2020-04-29T11:52:23" />"#;
        assert_eq!(date(head, &body, None), "2020-04-29");
    }

    #[test]
    fn a_meta_in_the_body_is_not_a_shown_date() {
        // reuters.com: the timestamp again as a <meta> in the body; the header shows the day
        // before
        let head =
            r#"<meta property="og:article:published_time" content="2020-01-20T09:49:32+0000" />"#;
        let body = r#"<p><meta property="og:article:published_time" content="2020-01-20T09:49:32+0000" /></p><div class="ArticleHeader_date">January 19, 2020 /  12:25 PM / Updated 8 hours ago</div><h1 class="ArticleHeader_headline">'Parasite' scores historic upset at SAG awards</h1>"#;
        assert_eq!(
            read(head, body, None),
            (Some("2020-01-19".into()), Some("text".into()))
        );
    }

    #[test]
    fn a_bare_date_meta_yields_to_the_dateline() {
        // umweltbundesamt.de: the Dublin Core date is of another day than the one shown
        let head = r#"<meta name="dcterms.date" content="2022-01-21T09:43+01:00" />"#;
        let body = r#"<h1>Umweltbundesamt: Atomkraft und fossiles Gas nicht nachhaltig</h1><div class="article-meta"><i class="icon-calendar"></i> <time class="date-display-single" datetime="2022-01-25T08:00:00+01:00">25.01.2022</time> <span class="rating">13</span></div><div class="article-content"><p>Die Europäische Kommission.</p></div>"#;
        assert_eq!(
            read(head, body, None),
            (Some("2022-01-25".into()), Some("div.article-meta".into()))
        );
        assert!(!strong(head, body, None));
        // a publication meta does not yield
        let head = r#"<meta property="article:published_time" content="2022-01-21T09:43+01:00" />"#;
        assert_eq!(date(head, body, None), "2022-01-21");
        // nor a bare date the page does not contradict
        let head = r#"<meta name="dcterms.date" content="2022-01-21T09:43+01:00" />"#;
        assert_eq!(date(head, "<h1>T</h1><p>Text.</p>", None), "2022-01-21");
    }

    #[test]
    fn json_ld_yields_to_the_shown_publication_date() {
        // rtl.de: the JSON-LD of the first version, the article shows its day
        let head = r#"<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2021-03-16T10:00:00+01:00"}</script>"#;
        let body = r#"<article id="main" class="article"><div class="publish-info"><p class="date-time">20. März 2021 - 15:00<!-- --> Uhr</p></div><h2 class="section-headline">Deutschland droht ein weiterer Lockdown</h2></article>"#;
        assert_eq!(
            read(head, body, None),
            (Some("2021-03-20".into()), Some("div.publish-info".into()))
        );
        assert!(strong(head, body, None));
        // hellogiggles.com: an update in a "published-date" element is a modification date
        let body = r#"<div class="timestamp published-date padding-12-left"> Updated Mar 12, 2020 @ 10:42 am </div>"#;
        let head = head.replace("2021-03-16", "2019-10-15");
        assert_eq!(
            read(&head, body, None),
            (
                Some("2019-10-15".into()),
                Some("json-ld datePublished".into())
            )
        );
    }

    #[test]
    fn a_month_made_precise_by_a_day_of_it() {
        // link.springer.com: the citation date gives a month, Dublin Core its day
        let head = r#"<meta name="dc.date" content="2017-01-30"/><meta name="citation_publication_date" content="2017/01"/>"#;
        assert_eq!(
            read(head, "", None),
            (Some("2017-01-30".into()), Some("meta[name=dc.date]".into()))
        );
        // a day of another month does not
        let head = r#"<meta name="dc.date" content="2017-02-03"/><meta name="citation_publication_date" content="2017/01"/>"#;
        assert_eq!(date(head, "", None), "2017-01");
    }

    #[test]
    fn british_english_writes_the_day_first() {
        // msn.com/en-gb: a Guardian story of 2 October 2020
        let body = r#"<span class="time">02/10/2020</span><p>University student halls are too full to be safe, experts warn.</p>"#;
        let html = |lang: &str| {
            format!("<!doctype html><html xmlns=\"http://www.w3.org/1999/xhtml\" xml:lang=\"{lang}\"><head><title>T</title></head><body>{body}</body></html>")
        };
        let p = parse_page_at(&html("en-GB"), None);
        assert_eq!(
            p.published.map(|d| d.to_string()).as_deref(),
            Some("2020-10-02")
        );
        let p = parse_page_at(&html("en-US"), None);
        assert_eq!(
            p.published.map(|d| d.to_string()).as_deref(),
            Some("2020-02-10")
        );
    }

    #[test]
    fn date_elements_in_many_forms() {
        for (body, want) in [
            (
                r#"<div class="info"><em class="date">02.11.2021</em><h2>T</h2></div>"#,
                "2021-11-02",
            ),
            (
                r#"<div class='date-header'><span>Freitag, 5. Juni 2015</span></div>"#,
                "2015-06-05",
            ),
            (
                r#"<div class="article-meta-wrapper"> Von: Björn Jahner <span>|</span> <span>31.10.23</span></div>"#,
                "2023-10-31",
            ),
            (
                r#"<span class="entry-meta-date updated"><a href="/?m=202111">5. November 2021</a></span>"#,
                "2021-11-05",
            ),
            (
                r#"<p class="post-byline"><i></i> 29. Juni 2017, 23:39 &middot; von X</p>"#,
                "2017-06-29",
            ),
            // exxpress.at: a day-first timestamp on a German page
            (
                r#"<div class="author-box"><time datetime="01-11-2023 10:29">1. November 2023 10:29</time></div>"#,
                "2023-11-01",
            ),
        ] {
            assert_eq!(date("", body, None), want, "{body}");
        }
    }

    #[test]
    fn dates_of_comments_and_other_articles_are_not_the_pages() {
        let body = r#"<article><p>Text</p></article><div class="comments"><time datetime="2019-07-30">30. Juli 2019</time></div>"#;
        assert_eq!(read("", body, None), (None, None));
        // an aside of the page (not of the article): its date element is not the page's; its
        // text is still text, a weak witness
        let body =
            r#"<article><p>Text</p></article><aside><span class="date">01.01.2020</span></aside>"#;
        assert_ne!(from("", body, None), "span.date");
        assert!(!strong("", body, None));
        let body =
            r#"<ul class="related-posts"><li><span class="post-date">12.12.2012</span></li></ul>"#;
        assert_eq!(read("", body, None), (None, None));
    }

    #[test]
    fn a_blog_posts_categories_are_not_zones() {
        // womencantalksports.com: WordPress names the post's categories and tags as classes;
        // "category-popular" is not a list of popular articles
        let body = r#"<div id="blog_post" class="post-1113 post type-post status-publish category-blog category-popular tag-women-can-talk-sports"><h1>Top 10 Women Talking Sports</h1><p>January 22, 2014</p><p>A generally accepted myth.</p></div>"#;
        assert_eq!(date("", body, None), "2014-01-22");
        // herrpfleger.de: "status-publish" is the post's status, the <article> no date element
        let body = r#"<article id="post-1" class="post-1 post type-post status-publish format-standard"><h1>Brennstoffzelle</h1><p>Seit dem 18. Januar 2019 fährt er.</p></article>"#;
        assert_eq!(from("", body, None), "text");
        assert!(!strong("", body, None));
    }

    #[test]
    fn a_list_of_recent_posts_is_other_articles() {
        // wara-enforcement.org: WordPress's "recent posts" widget, each entry with its date
        let body = r#"<article><p>Texte.</p></article><ul><li id="recent-posts-2" class="widget widget_recent_entries"><h2 class="widgettitle">Les dernières actualités</h2><ul><li><a href="/guinee/">Guinée : Une douanière arrêtée</a><span class="post-date">09/09/2019</span></li></ul></li></ul>"#;
        assert_eq!(read("", body, None), (None, None));
    }

    #[test]
    fn a_submitted_line_is_the_publication_date() {
        // creativecommons.at: Drupal's "submitted" line says who posted the page and when
        let body = r#"<div class="submitted"> Gespeichert von <span class="username">rasos</span> am 24. Juli 2017 - 18:55 </div><p>Im Oktober 2017 findet ein Hackathon statt.</p>"#;
        assert_eq!(
            read("", body, None),
            (Some("2017-07-24".into()), Some("div.submitted".into()))
        );
        assert!(strong("", body, None));
    }

    #[test]
    fn layout_classes_are_not_zones() {
        // alacarte.at: the whole page sits in a layout "with a right sidebar"
        let body = r#"<div class="layoutTwoColumnsRightSidebar"><ul><li class="artikeldatum"><time datetime="2021-11-25 16:11">25. November 2021 16:11 Uhr</time></li></ul></div>"#;
        assert_eq!(date("", body, None), "2021-11-25");
        // blogspot: the main blog is a "widget"
        let body = r#"<div class='widget Blog' id='Blog1'><a href='/2018/06/p.html' rel='bookmark'><abbr class='published' title='2018-06-05T08:00:00-07:00'>08:00</abbr></a></div>"#;
        assert_eq!(date("", body, None), "2018-06-05");
        // a link's date is what it links to: a press release's list of others
        let body = r#"<ul><li><a class="RichTextIntLink Publication" title="Nr. 34 vom 08. November 2021">Nr. 34 vom 08. November 2021</a></li></ul>"#;
        assert!(!from("", body, None).starts_with('a'));
        assert!(!strong("", body, None));
    }

    #[test]
    fn a_dateline_in_other_languages() {
        // bund.net and jugend-forscht.de: the date under the heading, in German
        for (body, want) in [
            ("<h1>Unser Tipp im November: Das Hermelin</h1><p> 01. November 2021 | Naturschutz, BUND </p><p>Text.</p>", "2021-11-01"),
            ("<h1>Neuartige Feuerlöschtechnik</h1><p><span>Hamburg, 2. November 2021 </span></p><p>Text.</p>", "2021-11-02"),
        ] {
            assert_eq!(read("", body, None), (Some(want.into()), Some("text".into())), "{body}");
        }
        // an update is not the dateline, only the page's last change
        let body = "<h1>T</h1><p>Aktualisiert am 3. März 2020</p><p>Text.</p>";
        assert_eq!(
            read("", body, None),
            (Some("2020-03-03".into()), Some("text (modified)".into()))
        );
    }

    #[test]
    fn a_clock_and_a_members_profile_do_not_date_the_page() {
        // foren.myoos.de: phpBB's clock, the poster's registration, then the post's date
        let body = r#"<p class="responsive-center time">Aktuelle Zeit: 14.10.2020, 12:18</p><h2 class="topic-title"><a href="./viewtopic.php?f=4&amp;t=167">Freie Software</a></h2><dl class="postprofile"><dd class="profile-joined"><strong>Registriert:</strong> 18.09.2008, 05:56</dd></dl><div class="postbody"><p class="author"><a href="./viewtopic.php?p=453">Beitrag</a><span>von <strong><a class="username">r23</a></strong> &raquo; </span>21.01.2009, 05:42 </p><div class="content">Was ist Freie Software?</div></div>"#;
        assert_eq!(
            read("", body, None),
            (Some("2009-01-21".into()), Some("text".into()))
        );
    }

    #[test]
    fn a_title_with_its_day_dates_a_page_that_says_nothing_else() {
        // regenbogenportal.de: a news item titled with its day
        let html = r#"<!doctype html><html lang="de"><head><title>08.11.2021 | Online-Fachtag zum Intersex Day of Remembrance: Regenbogenportal</title></head><body><h1>Online-Fachtag zum Intersex Day of Remembrance</h1><p>Text.</p></body></html>"#;
        let p = parse_page_at(html, None);
        assert_eq!(
            (p.published.map(|d| d.to_string()), p.published_from),
            (Some("2021-11-08".into()), Some("title".into()))
        );
        assert!(!p.published_strong);
        // the page's own date comes first
        let html = html.replace("<p>Text.</p>", r#"<p class="date">9. November 2021</p>"#);
        assert_eq!(
            parse_page_at(&html, None).published.map(|d| d.to_string()),
            Some("2021-11-09".into())
        );
    }

    #[test]
    fn an_announced_event_does_not_date_the_page() {
        // wiki.piratenpartei.de: the next meeting's day; MediaWiki's footer has the last change
        let body = r#"<h1>Stammtisch</h1><p>Der nächste Stammtisch findet am Mi. 5. Februar 2020 ab 19 Uhr im Lokal statt.</p><div id="footer"><ul id="footer-info"><li id="footer-info-lastmod"> Diese Seite wurde zuletzt am 29. Januar 2020 um 13:22 Uhr geändert.</li></ul></div>"#;
        assert_eq!(
            read("", body, None),
            (Some("2020-01-29".into()), Some("text (modified)".into()))
        );
    }

    #[test]
    fn a_publication_cue_in_the_text() {
        let body = "<div><p>Ein Text.</p><p>Dieser Artikel wurde am 14. Dezember 2015 um 14:48 von X veröffentlicht.</p></div>";
        assert_eq!(
            read("", body, None),
            (Some("2015-12-14".into()), Some("text".into()))
        );
        assert!(!strong("", body, None));
    }

    #[test]
    fn a_modification_date_only_when_nothing_else_dates_the_page() {
        let head = r#"<meta property="og:updated_time" content="2017-04-05T19:05:44Z" />"#;
        let (d, f) = read(head, "<p>Text</p>", None);
        assert_eq!(d.as_deref(), Some("2017-04-05"));
        assert_eq!(
            f.as_deref(),
            Some("meta[property=og:updated_time] (modified)")
        );
        assert!(!strong(head, "<p>Text</p>", None));
        let body = r#"<p class="entry-date">Veröffentlicht am 4. April 2017</p>"#;
        assert_eq!(date(head, body, None), "2017-04-04");
        assert!(strong(head, body, None));
    }
}
