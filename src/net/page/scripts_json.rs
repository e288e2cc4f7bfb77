//! The publication date a page's own data gives in its scripts: the state a JavaScript
//! application renders from (`<script id="__NEXT_DATA__" type="application/json">`, a shop's
//! product object, a `dataLayer`), whose keys name the date ("publishedAt", "published_at",
//! "publicationDate", "publishdate"). Not JSON-LD (read as such in `mod.rs`).
//!
//! Weak evidence: such data hold the dates of many things (products, blocks, other
//! articles), so the first one is read only when the page's text and tags say nothing of its
//! date, and after a modification date the page states.

use std::sync::LazyLock;

use regex::Regex;
use scraper::ElementRef;

use super::date::parse_date_value;
use super::prefix;
use crate::cite::dates::{PartialDate, Precision};

/// Keys that name a publication date in a script's data, as sites spell them.
const PUBLISHED_KEYS: [&str; 18] = [
    "datePublished",
    "date_published",
    "publishedAt",
    "published_at",
    "publishedDate",
    "published_date",
    "publishDate",
    "publishdate",
    "publish_date",
    "publishTime",
    "publish_time",
    "publicationDate",
    "publication_date",
    "publication_time",
    "firstPublishedAt",
    "first_published_at",
    "pubDate",
    "pubdate",
];

/// A quoted key of [`PUBLISHED_KEYS`] given a quoted value:
/// `"published_at":"2019-03-02T06:22:28+01:00"`, `'publishdate': '2019-10-19'`.
static KEY_VALUE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    let keys: Vec<String> = PUBLISHED_KEYS.iter().map(|k| regex::escape(k)).collect();
    Regex::new(&format!(
        r#"["']({})["']\s*:\s*["']([^"'\\]{{8,40}})["']"#,
        keys.join("|")
    ))
    .ok()
});

/// How many bytes of script text a page's scripts are searched in, all together.
const SCRIPT_SCAN_BYTES: usize = 512 * 1024;

/// The first publication date in a page's (non-JSON-LD) scripts.
#[derive(Default)]
pub(super) struct ScriptDates {
    found: Option<(PartialDate, String)>,
    scanned: usize,
}

impl ScriptDates {
    /// Reads one `<script>` (inline; one with `src` has no text), until a date is found or
    /// [`SCRIPT_SCAN_BYTES`] were read.
    pub(super) fn read(&mut self, script: ElementRef<'_>) {
        let Some(re) = KEY_VALUE.as_ref() else {
            return;
        };
        for chunk in script.text() {
            if self.found.is_some() || self.scanned >= SCRIPT_SCAN_BYTES {
                return;
            }
            let chunk = prefix(chunk, SCRIPT_SCAN_BYTES - self.scanned);
            self.scanned += chunk.len();
            self.found = re.captures_iter(chunk).find_map(|c| {
                let key = c.get(1)?.as_str();
                let d = parse_date_value(c.get(2)?.as_str())
                    .filter(|d| d.precision() == Precision::Day)?;
                Some((d, format!("script {key}")))
            });
        }
    }

    /// The date found and its evidence (`script published_at`).
    pub(super) fn date(&self) -> Option<&(PartialDate, String)> {
        self.found.as_ref()
    }
}

#[cfg(test)]
mod tests {
    use crate::net::page::parse_page_at;

    fn read(head: &str, body: &str) -> (Option<String>, Option<String>) {
        let html = format!(
            "<!doctype html><html lang=\"de\"><head><title>T</title>{head}</head><body>{body}</body></html>"
        );
        let p = parse_page_at(&html, None);
        (p.published.map(|d| d.to_string()), p.published_from)
    }

    #[test]
    fn a_page_dated_only_by_its_data() {
        // de.happycoffee.org: a Shopify product's data
        let body = r#"<script>var meta = {"product":{"id":1,"description":"\u003cp\u003e1800 – 2000 Meter\u003c\/p\u003e","published_at":"2019-03-02T06:22:28+01:00","created_at":"2019-03-02T06:27:24+01:00","vendor":"Happy Coffee"}};</script><h1>Happy Coffee Sidamo</h1><p>Bio-Kaffeebohnen.</p>"#;
        assert_eq!(
            read("", body),
            (
                Some("2019-03-02".into()),
                Some("script published_at".into())
            )
        );
        // munich2022.com: Next.js's page data
        let body = r#"<h1>Europas Topathleten</h1><script id="__NEXT_DATA__" type="application/json">{"props":{"page":{"plannedLiveDate":null,"publicationDate":"2022-01-31T14:27:32+01:00","slug":"europas-topathleten"}}}</script>"#;
        assert_eq!(read("", body).0.as_deref(), Some("2022-01-31"));
        // nachrichten.at: a dataLayer in single quotes
        let body = r#"<script>dataLayer.push({ 'categoryPath': '/meine-welt/gesundheit/', 'publishdate': '2019-10-19', 'author': 'X' });</script>"#;
        assert_eq!(read("", body).0.as_deref(), Some("2019-10-19"));
    }

    #[test]
    fn the_data_are_the_weakest_witness() {
        let script = r#"<script>{"publishedAt":"2017-08-21T10:00:00Z"}</script>"#;
        // a date the page shows wins
        let body = format!(r#"{script}<span class="date">3. April 2019</span>"#);
        assert_eq!(read("", &body).0.as_deref(), Some("2019-04-03"));
        // and so does a modification date the page states
        let head = r#"<meta property="article:modified_time" content="2020-02-14T10:00:00Z">"#;
        assert_eq!(read(head, script).0.as_deref(), Some("2020-02-14"));
        // empty values, months and other keys are no date
        let body =
            r#"<script>{"publishDate":"","refDate":"2014-05-19","pubDate":"2014-05"}</script>"#;
        assert_eq!(read("", body), (None, None));
        // nor is JSON-LD read twice, nor a script's source elsewhere
        let body = r#"<script type="application/ld+json">{"@type":"Thing","publishedAt":"2014-05-19"}</script>"#;
        assert_eq!(read("", body), (None, None));
    }
}
