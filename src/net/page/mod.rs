//! What a fetched page says of itself: title, publication date, language, "not found" wording,
//! and a content fingerprint for near-duplicate detection.
//!
//! [`parse_page`] parses a page once with html5ever (scraper) and walks the tree once, reading:
//!
//! * **titles**: `og:title`, `twitter:title`, `<title>`, the first `<h1>`, `citation_title`
//!   and the JSON-LD `headline`, each also with its site-name part set aside ("Small Deal |
//!   CSIS" → "Small Deal"); [`PageInfo::title`] is the one to display.
//! * **the publication date**, from the first source that has a valid one: `<meta>` tags
//!   (`article:published_time`, `citation_publication_date`, Dublin Core, ...), JSON-LD
//!   (`datePublished`, then `dateCreated`; arrays and `@graph` included), microdata
//!   (`itemprop="datePublished"`), `<time datetime>`, and finally a dateline in the visible
//!   text near the top of the article ("2020-01-02 08:12:33", "2019年10月29日", "Oct. 17,
//!   2019"). Timestamps are kept to the day, as written (no time-zone shift).
//! * **the language**: `<html lang>`, `Content-Language`, or the visible text (CJK by script,
//!   other languages by whatlang).
//! * **"not found" wording** in the title or the first `<h1>`/`<h2>`, in English, Chinese,
//!   Korean, Japanese, German, French, Spanish and Russian: a soft 404 served with status 200.
//! * **shingles**: hashes of the word 3-shingles (character 3-grams for CJK) of the visible text,
//!   compared with [`similarity`](fn@similarity).
//!
//! [`compare_titles`] compares a cited title with what the page calls itself.
//!
//! This file holds the types, [`parse_page`] with its one walk over the tree, and the small
//! text and script helpers the others share; each question has a file of its own: `title.rs`
//! (titles cleaned, site names, [`compare_titles`]), `date.rs`, `language.rs`,
//! `not_found.rs` and `similarity.rs` (shingles). They use this file's helpers, and one
//! another only one way: `title.rs` counts scripts with `language.rs`, `not_found.rs` sets a
//! site name aside with `title.rs`. Tests sit beside the code they test; whole pages, hostile
//! input and the helpers the tests share are in `tests.rs`.
//!
//! Pages come from the network: nothing here panics on any input, and the work is bounded
//! (visible text read up to [`MAX_TEXT_BYTES`], at most [`MAX_SHINGLE_WORDS`] words shingled,
//! JSON-LD blocks over 1 MB ignored).

use crate::extract::html::depth::{first_elements, shallow, MAX_NESTING, MAX_PAGE_ELEMENTS};
use scraper::node::Element;
use scraper::{ElementRef, Html, Node};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::cite::dates::PartialDate;

mod cues;
mod date;
mod evidence;
mod language;
mod not_found;
mod scripts_json;
mod similarity;
mod title;
mod zones;

use date::{json_date, parse_date_value};
pub use evidence::DateSeen;
use evidence::{DateEvidence, PageFacts};
use language::{choose_language, lang_sample, primary_subtag};
use not_found::says_not_found;
use similarity::shingles;
pub use similarity::similarity;
use title::{clean_title, split_site};
pub use title::{compare_titles, title_without_site, TitleMatch};

/// The most visible text kept from one page (bytes); enough for [`MAX_SHINGLE_WORDS`] words.
pub const MAX_TEXT_BYTES: usize = 64 * 1024;
/// The most words (or CJK characters) of visible text turned into shingles.
pub const MAX_SHINGLE_WORDS: usize = 5_000;
/// The input read at most (bytes); the caller passes at most 2 MB.
const MAX_INPUT_BYTES: usize = 4 * 1024 * 1024;
/// The longest title kept (characters).
const MAX_TITLE_CHARS: usize = 500;
/// The largest JSON-LD block parsed (bytes).
const MAX_JSON_LD_BYTES: usize = 1024 * 1024;
/// The most JSON-LD blocks parsed on one page.
const MAX_JSON_LD_BLOCKS: usize = 16;
/// The most JSON values visited in one JSON-LD block.
const MAX_JSON_NODES: usize = 20_000;

// ---------------------------------------------------------------------------------------
// Public types
// ---------------------------------------------------------------------------------------

/// What a page says of itself. Built by [`parse_page`].
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PageInfo {
    /// The best title for display: `og:title`, else `<title>`, else the first `<h1>`;
    /// whitespace collapsed.
    pub title: Option<String>,
    /// Every candidate title for comparison (`og:title`, `twitter:title`, `<title>`, `<h1>`,
    /// `citation_title`, JSON-LD `headline`), each also with its site-name part set aside:
    /// "Small Deal | CSIS" yields "Small Deal | CSIS" and "Small Deal" (separators " | ",
    /// " - ", " – ", " — ", " :: ", " · ", "｜", "丨", and "_" or "-" on CJK titles such as
    /// "标题_新华网"). Deduplicated, in that order.
    pub titles: Vec<String>,
    /// `og:site_name`, `application-name`, or the part split off the `<title>`.
    pub site_name: Option<String>,
    /// The publication date (see the module documentation for the sources); always
    /// [valid](PartialDate::is_valid). Serialized as its ISO string ("2019-10-29").
    #[serde(default, with = "opt_date")]
    pub published: Option<PartialDate>,
    /// The evidence `published` came from: `meta[property=article:published_time]`,
    /// `json-ld datePublished`, `[itemprop=datePublished]`, `abbr.published`,
    /// `time[datetime]`, `span.date`, `url`, `text`; a modification date, used only when
    /// nothing else dates the page, ends with " (modified)". See [`strong_source`].
    pub published_from: Option<String>,
    /// Where `title` came from: `meta[property=og:title]`, `title` or `h1`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title_from: Option<String>,
    /// Every date the page gives, with its evidence, strongest first (for `reflint inspect`;
    /// emptied before a run keeps its results).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub date_evidence: Vec<DateSeen>,
    /// `published` comes from the page's own statement of its publication date (see
    /// `evidence.rs`): strong enough for `date-page-mismatch` to warn, not only inform.
    #[serde(default)]
    pub published_strong: bool,
    /// ISO 639-1 code of the page's language ("zh" for "zh-CN"): `<html lang>`, else
    /// `Content-Language`, else detected from the visible text (Hangul → "ko", Kana → "ja",
    /// Han only → "zh", other scripts by whatlang when it is confident).
    pub language: Option<String>,
    /// The title or the first `<h1>`/`<h2>` says "page not found" (in one of ten
    /// languages): a soft 404.
    pub not_found: bool,
    /// Sorted, deduplicated hashes of the word 3-shingles of the visible text (CJK
    /// characters count as words, so CJK text gives character 3-grams); at most
    /// [`MAX_SHINGLE_WORDS`] words are read. Compare with [`similarity`](fn@similarity).
    #[serde(skip)]
    pub shingles: Vec<u64>,
}

/// Serde for `Option<PartialDate>` as an optional ISO string ("2019", "2019-10",
/// "2019-10-29"), read back with [`PartialDate`]'s `FromStr`.
mod opt_date {
    use serde::de::Error as _;
    use serde::{Deserialize, Deserializer, Serializer};

    use crate::cite::dates::PartialDate;

    pub fn serialize<S: Serializer>(date: &Option<PartialDate>, s: S) -> Result<S::Ok, S::Error> {
        match date {
            Some(d) => s.serialize_some(&d.to_string()),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<PartialDate>, D::Error> {
        Option::<String>::deserialize(d)?
            .map(|s| s.parse::<PartialDate>().map_err(D::Error::custom))
            .transpose()
    }
}

// ---------------------------------------------------------------------------------------
// parse_page
// ---------------------------------------------------------------------------------------

/// Reads what a page says of itself (see [`PageInfo`]). Never panics; malformed HTML is read
/// as browsers read it, and empty input gives `PageInfo::default()`. Input beyond 4 MB, or
/// beyond its first [`MAX_PAGE_ELEMENTS`] elements, is ignored (memory stays bounded).
pub fn parse_page(html: &str) -> PageInfo {
    parse_page_at(html, None)
}

/// [`parse_page`] for a page fetched from `url` (the final URL after redirects): the date in
/// its path is evidence too. Every date seen is listed in [`PageInfo::date_evidence`].
pub fn parse_page_at(html: &str, url: Option<&str>) -> PageInfo {
    let (mut page, text) = read_page(html, url, true);
    page.shingles = shingles(&text);
    page
}

/// [`parse_page_at`] as a run reads its links, doing only what every link needs:
/// [`PageInfo::date_evidence`] and [`PageInfo::shingles`] left empty, and the weaker date
/// witnesses not read once a strong one is found. The page's visible text (at most
/// [`MAX_TEXT_BYTES`]) comes with it, for [`visible_text_shingles`] when a probe's answer
/// must be compared with the page: most hosts answer a random path with an error, and then
/// no fingerprint is needed.
pub fn parse_page_for_run(html: &str, url: Option<&str>) -> (PageInfo, String) {
    read_page(html, url, false)
}

/// [`parse_page_for_run`] with every date the page gives listed in
/// [`PageInfo::date_evidence`], as [`parse_page_at`] lists them (for `reflint inspect`).
pub fn parse_page_with_evidence(html: &str, url: Option<&str>) -> (PageInfo, String) {
    read_page(html, url, true)
}

/// The fingerprint of a page's visible text as [`parse_page_for_run`] returns it: the
/// [`PageInfo::shingles`] that [`parse_page_at`] would have given.
pub fn visible_text_shingles(text: &str) -> Vec<u64> {
    shingles(text)
}

fn read_page(html: &str, url: Option<&str>, want_evidence: bool) -> (PageInfo, String) {
    let html = first_elements(prefix(html, MAX_INPUT_BYTES), MAX_PAGE_ELEMENTS);
    let html = shallow(html, MAX_NESTING);
    let html = html.as_ref();
    if html.trim().is_empty() {
        return (PageInfo::default(), String::new());
    }
    let doc = Html::parse_document(html);
    let mut walk = Walk::default();
    // the visible text is a fraction of the markup: room for it once, not grown by doubling
    walk.text.buf.reserve((html.len() / 2).min(MAX_TEXT_BYTES));
    walk.run(&doc);
    walk.finish(url, want_evidence)
}

/// Elements whose text is not visible page text.
fn is_hidden_element(name: &str) -> bool {
    matches!(
        name,
        "head"
            | "title"
            | "script"
            | "style"
            | "noscript"
            | "template"
            | "nav"
            | "svg"
            | "math"
            | "iframe"
            | "object"
            | "embed"
            | "canvas"
            | "select"
            | "option"
            | "button"
            | "textarea"
            | "datalist"
            | "audio"
            | "video"
    )
}

/// Elements not descended into at all (their content is raw text or inert).
fn is_opaque_element(name: &str) -> bool {
    matches!(name, "script" | "style" | "template")
}

/// Elements that do not break words: text on both sides runs on.
fn is_inline_element(name: &str) -> bool {
    matches!(
        name,
        "a" | "abbr"
            | "b"
            | "bdi"
            | "bdo"
            | "cite"
            | "code"
            | "data"
            | "del"
            | "dfn"
            | "em"
            | "font"
            | "i"
            | "ins"
            | "kbd"
            | "label"
            | "mark"
            | "q"
            | "rp"
            | "rt"
            | "ruby"
            | "s"
            | "samp"
            | "small"
            | "span"
            | "strong"
            | "sub"
            | "sup"
            | "time"
            | "tt"
            | "u"
            | "var"
            | "wbr"
    )
}

/// The visible text of a page, whitespace collapsed, block boundaries as '\n', capped.
#[derive(Default)]
struct VisibleText {
    buf: String,
    pending_space: bool,
}

impl VisibleText {
    fn full(&self) -> bool {
        self.buf.len() >= MAX_TEXT_BYTES
    }

    fn push(&mut self, s: &str) {
        // most text is ASCII: its words split on bytes (`char::is_whitespace` also takes the
        // vertical tab, which `split_ascii_whitespace` does not: such text goes the long way)
        if s.is_ascii() && !s.contains('\x0B') {
            self.push_ascii(s);
        } else {
            self.push_any(s);
        }
    }

    /// [`push`](Self::push) for any text.
    fn push_any(&mut self, s: &str) {
        let mut first = true;
        for piece in s.split(char::is_whitespace) {
            if !first {
                self.pending_space = true;
            }
            first = false;
            if piece.is_empty() {
                continue;
            }
            if !self.push_word(piece) {
                return;
            }
        }
    }

    /// Appends one word, after a space when one is pending; `false` once the text is full.
    fn push_word(&mut self, word: &str) -> bool {
        if self.full() {
            return false;
        }
        if self.pending_space && !self.buf.is_empty() && !self.buf.ends_with(['\n', ' ']) {
            self.buf.push(' ');
        }
        self.pending_space = false;
        let room = MAX_TEXT_BYTES.saturating_sub(self.buf.len());
        if word.len() > room {
            self.buf.push_str(prefix(word, room));
            return false;
        }
        self.buf.push_str(word);
        true
    }

    /// [`push`](Self::push) for ASCII text.
    fn push_ascii(&mut self, s: &str) {
        let mut words = s.split_ascii_whitespace().peekable();
        if s.starts_with(|c: char| c.is_ascii_whitespace()) {
            self.pending_space = true;
        }
        while let Some(word) = words.next() {
            if !self.push_word(word) {
                return;
            }
            if words.peek().is_some() {
                self.pending_space = true;
            }
        }
        if s.ends_with(|c: char| c.is_ascii_whitespace()) {
            self.pending_space = true;
        }
    }

    fn brk(&mut self) {
        if !self.full() && !self.buf.is_empty() && !self.buf.ends_with(['\n', ' ']) {
            self.buf.push('\n');
        }
        self.pending_space = false;
    }
}

/// What JSON-LD blocks say: dates and headlines, from article-typed objects and from any.
#[derive(Default)]
struct JsonLd {
    article_published: Option<PartialDate>,
    any_published: Option<PartialDate>,
    article_created: Option<PartialDate>,
    any_created: Option<PartialDate>,
    modified: Option<PartialDate>,
    article_headline: Option<String>,
    any_headline: Option<String>,
}

impl JsonLd {
    fn published(&self) -> Option<PartialDate> {
        self.article_published.or(self.any_published)
    }

    fn created(&self) -> Option<PartialDate> {
        self.article_created.or(self.any_created)
    }

    fn headline(&self) -> Option<&String> {
        self.article_headline
            .as_ref()
            .or(self.any_headline.as_ref())
    }

    /// Reads one block; invalid JSON is ignored.
    fn read(&mut self, src: &str) {
        let src = src.trim();
        if src.is_empty() || src.len() > MAX_JSON_LD_BYTES {
            return;
        }
        let Ok(value) = serde_json::from_str::<Value>(src) else {
            return;
        };
        let mut stack: Vec<&Value> = vec![&value];
        let mut visited = 0usize;
        while let Some(v) = stack.pop() {
            visited += 1;
            if visited > MAX_JSON_NODES {
                break;
            }
            match v {
                Value::Array(items) => stack.extend(items.iter().rev()),
                Value::Object(map) => {
                    let article = map.get("@type").is_some_and(is_article_type);
                    let date = |key: &str| map.get(key).and_then(json_date);
                    if let Some(d) = date("datePublished") {
                        fill(&mut self.any_published, d);
                        if article {
                            fill(&mut self.article_published, d);
                        }
                    }
                    if let Some(d) = date("dateModified") {
                        fill(&mut self.modified, d);
                    }
                    if let Some(d) = date("dateCreated") {
                        fill(&mut self.any_created, d);
                        if article {
                            fill(&mut self.article_created, d);
                        }
                    }
                    if let Some(h) = map
                        .get("headline")
                        .and_then(json_string)
                        .and_then(clean_title)
                    {
                        if article && self.article_headline.is_none() {
                            self.article_headline = Some(h.clone());
                        }
                        fill(&mut self.any_headline, h);
                    }
                    stack.extend(map.values().rev().filter(|x| x.is_object() || x.is_array()));
                }
                _ => {}
            }
        }
    }
}

fn fill<T>(slot: &mut Option<T>, value: T) {
    if slot.is_none() {
        *slot = Some(value);
    }
}

/// A schema.org type naming an article ("NewsArticle", "BlogPosting", "Report", ...).
fn is_article_type(t: &Value) -> bool {
    let one = |s: &str| {
        let s = s.rsplit(['/', ':']).next().unwrap_or(s);
        s.contains("Article") || s.contains("BlogPosting") || s == "Report"
    };
    match t {
        Value::String(s) => one(s),
        Value::Array(items) => items.iter().filter_map(Value::as_str).any(one),
        _ => false,
    }
}

/// A string, the first string of an array, or an object's `@value`.
fn json_string(v: &Value) -> Option<&str> {
    match v {
        Value::String(s) => Some(s),
        Value::Array(items) => items.iter().find_map(Value::as_str),
        Value::Object(m) => m.get("@value").and_then(Value::as_str),
        _ => None,
    }
}

/// Everything one walk over the tree collects.
#[derive(Default)]
struct Walk {
    text: VisibleText,
    /// Depth inside elements whose text is not visible.
    hidden: usize,
    /// Depth inside `<svg>` (whose `<title>` is not the page's).
    svg: usize,
    /// Where the first `<h1>` starts in the visible text.
    h1_at: Option<usize>,
    html_lang: Option<String>,
    content_language: Option<String>,
    title: Option<String>,
    h1: Option<String>,
    h2: Option<String>,
    og_title: Option<String>,
    twitter_title: Option<String>,
    citation_title: Option<String>,
    og_site_name: Option<String>,
    application_name: Option<String>,
    dates: DateEvidence,
    json_ld: JsonLd,
    json_ld_blocks: usize,
    microdata: Option<PartialDate>,
    seen_html: bool,
}

impl Walk {
    /// One depth-first pass over the document, without recursion.
    fn run(&mut self, doc: &Html) {
        let root = doc.tree.root();
        let mut node = root;
        loop {
            let mut descend = true;
            match node.value() {
                Node::Element(_) => {
                    if let Some(el) = ElementRef::wrap(node) {
                        descend = self.open(el);
                    }
                }
                // readers' comments and lists of other articles are not the page's own text
                Node::Text(t) if self.hidden == 0 && !self.dates.in_comments() => self.text.push(t),
                _ => {}
            }
            if descend {
                if let Some(child) = node.first_child() {
                    node = child;
                    continue;
                }
            }
            // Close `node` and its finished ancestors until one has a next sibling.
            loop {
                if let Some(el) = ElementRef::wrap(node) {
                    self.close(el.value());
                }
                if node.id() == root.id() {
                    return;
                }
                if let Some(next) = node.next_sibling() {
                    node = next;
                    break;
                }
                match node.parent() {
                    Some(parent) => node = parent,
                    None => return,
                }
            }
        }
    }

    /// Handles an element's start; returns whether to descend into it.
    fn open(&mut self, el: ElementRef<'_>) -> bool {
        let e = el.value();
        let name = e.name();
        match name {
            "html" if !self.seen_html => {
                self.seen_html = true;
                self.html_lang = attr_value(e, "lang").and_then(primary_subtag);
            }
            "meta" => self.meta(e),
            "script" => {
                let ld = attr_value(e, "type")
                    .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"));
                if ld && self.json_ld_blocks < MAX_JSON_LD_BLOCKS {
                    self.json_ld_blocks += 1;
                    let src = bounded_text(el, MAX_JSON_LD_BYTES + 1);
                    self.json_ld.read(&src);
                } else if !ld {
                    self.dates.script(el);
                }
            }
            "title" if self.svg == 0 && self.title.is_none() => {
                self.title = clean_title(&bounded_text(el, MAX_TITLE_CHARS * 4));
            }
            // Headings in navigation or hidden parts are not the page's.
            "h1" if self.hidden == 0 => {
                if self.h1_at.is_none() {
                    self.h1_at = Some(self.text.buf.len());
                }
                if self.h1.is_none() {
                    self.h1 = clean_title(&bounded_text(el, MAX_TITLE_CHARS * 4));
                }
            }
            "h2" if self.hidden == 0 && self.h2.is_none() => {
                self.h2 = clean_title(&bounded_text(el, MAX_TITLE_CHARS * 4));
            }
            "svg" => self.svg += 1,
            _ => {}
        }
        if self.microdata.is_none()
            && attr_value(e, "itemprop").is_some_and(|p| {
                p.split_ascii_whitespace()
                    .any(|t| t.eq_ignore_ascii_case("datePublished"))
            })
        {
            self.microdata = attr_value(e, "content")
                .or_else(|| attr_value(e, "datetime"))
                .and_then(parse_date_value)
                .or_else(|| parse_date_value(&bounded_text(el, 200)));
        }
        let visible = self.hidden == 0;
        self.dates.open(e, visible, || bounded_text(el, 401));
        if is_hidden(e) {
            self.hidden += 1;
        }
        if !is_inline_element(name) {
            self.text.brk();
        }
        !is_opaque_element(name)
    }

    fn close(&mut self, e: &Element) {
        self.dates.close(e);
        let name = e.name();
        if name == "svg" {
            self.svg = self.svg.saturating_sub(1);
        }
        if is_hidden(e) {
            self.hidden = self.hidden.saturating_sub(1);
        }
        if !is_inline_element(name) {
            self.text.brk();
        }
    }

    fn meta(&mut self, e: &Element) {
        let content = attr_value(e, "content").unwrap_or("");
        if content.trim().is_empty() {
            return;
        }
        if attr_value(e, "http-equiv")
            .is_some_and(|h| h.trim().eq_ignore_ascii_case("content-language"))
            && self.content_language.is_none()
        {
            self.content_language = primary_subtag(content);
        }
        for (attr, key) in ["property", "name", "itemprop"]
            .into_iter()
            .filter_map(|a| attr_value(e, a).map(|k| (a, k)))
        {
            let key = key.trim();
            let slot = if key.eq_ignore_ascii_case("og:title") {
                Some(&mut self.og_title)
            } else if key.eq_ignore_ascii_case("twitter:title") {
                Some(&mut self.twitter_title)
            } else if key.eq_ignore_ascii_case("citation_title") {
                Some(&mut self.citation_title)
            } else if key.eq_ignore_ascii_case("og:site_name") {
                Some(&mut self.og_site_name)
            } else if key.eq_ignore_ascii_case("application-name") {
                Some(&mut self.application_name)
            } else {
                None
            };
            if let Some(slot) = slot {
                if slot.is_none() {
                    *slot = clean_title(content);
                }
                continue;
            }
            if key.eq_ignore_ascii_case("content-language") || key.eq_ignore_ascii_case("language")
            {
                if self.content_language.is_none() {
                    self.content_language = primary_subtag(content);
                }
                continue;
            }
            self.dates.meta(attr, key, content);
        }
    }

    /// The page's facts, and its visible text.
    fn finish(mut self, url: Option<&str>, want_evidence: bool) -> (PageInfo, String) {
        let text = std::mem::take(&mut self.text.buf);
        let sample = lang_sample(&text, self.h1_at);
        let language = choose_language(self.html_lang.take(), self.content_language.take(), sample);
        if let Some(d) = self.json_ld.modified {
            self.dates.modified(d, "json-ld dateModified");
        }
        let decision = self.dates.decide(&PageFacts {
            url,
            language: language.as_deref(),
            json_ld_published: self.json_ld.published(),
            json_ld_created: self.json_ld.created(),
            microdata: self.microdata,
            text: &text,
            h1_at: self.h1_at,
            want_evidence,
        });
        let (published, published_from) = decision.published.unzip();

        // Titles.
        let site_hint = self
            .og_site_name
            .clone()
            .or_else(|| self.application_name.clone());
        let mut titles: Vec<String> = Vec::new();
        let mut site_from_title = None;
        let headline = self.json_ld.headline().cloned();
        let candidates = [
            (&self.og_title, false),
            (&self.twitter_title, false),
            (&self.title, true),
            (&self.h1, false),
            (&self.citation_title, false),
            (&headline, false),
        ];
        for (cand, is_title_element) in candidates {
            let Some(t) = cand else { continue };
            push_unique(&mut titles, t.clone());
            if let Some(split) = split_site(t, site_hint.as_deref()) {
                if is_title_element {
                    site_from_title = Some(split.site.to_string());
                }
                for v in split.variants {
                    push_unique(&mut titles, v.to_string());
                }
            }
        }
        let (title, title_from) = match (&self.og_title, &self.title, &self.h1) {
            (Some(t), _, _) => (Some(t.clone()), Some("meta[property=og:title]")),
            (None, Some(t), _) => (Some(t.clone()), Some("title")),
            (None, None, Some(t)) => (Some(t.clone()), Some("h1")),
            (None, None, None) => (None, None),
        };
        let site_name = site_hint.or(site_from_title);

        let not_found = [&self.title, &self.h1, &self.h2]
            .into_iter()
            .flatten()
            .any(|t| says_not_found(t));

        let page = PageInfo {
            title,
            title_from: title_from.map(str::to_string),
            titles,
            site_name,
            published,
            published_from,
            published_strong: decision.strong && published.is_some(),
            date_evidence: decision.evidence,
            language,
            not_found,
            shingles: Vec::new(),
        };
        (page, text)
    }
}

/// The value of `e`'s attribute `name` (lower case), found by a look along its attributes:
/// `Element::attr` turns the name it is asked for into an interned atom first (a hash and a
/// table look-up), which costs more than the few attributes an element has. A page's walk
/// asks a dozen names of every element.
fn attr_value<'e>(e: &'e Element, name: &str) -> Option<&'e str> {
    e.attrs().find(|(n, _)| *n == name).map(|(_, v)| v)
}

/// An element whose text is not visible: a [hidden element](is_hidden_element), `hidden`, or
/// `aria-hidden="true"`.
fn is_hidden(e: &Element) -> bool {
    // one pass over the attributes: `Element::attr` turns each name it is asked for into an
    // interned atom (a hash and a table look-up), which costs more than the few attributes
    // an element has
    is_hidden_element(e.name())
        || e.attrs().any(|(name, value)| {
            name == "hidden" || (name == "aria-hidden" && value.trim().eq_ignore_ascii_case("true"))
        })
}

/// The text of an element's subtree, read lazily and stopped after about `cap` bytes; a
/// space where a block element starts.
fn bounded_text(el: ElementRef<'_>, cap: usize) -> String {
    let mut out = String::new();
    for node in el.descendants().skip(1) {
        match node.value() {
            Node::Text(t) => {
                if out.len() + t.len() > cap {
                    out.push_str(prefix(t, cap.saturating_sub(out.len())));
                    break;
                }
                out.push_str(t);
            }
            Node::Element(e) if !is_inline_element(e.name()) => out.push(' '),
            _ => {}
        }
    }
    out
}

fn push_unique(list: &mut Vec<String>, s: String) {
    if !s.is_empty() && !list.contains(&s) {
        list.push(s);
    }
}

// ---------------------------------------------------------------------------------------
// Small text and script helpers, shared with the question files
// ---------------------------------------------------------------------------------------

/// The longest prefix of `s` of at most `n` bytes that ends on a char boundary.
fn prefix(s: &str, n: usize) -> &str {
    if n >= s.len() {
        return s;
    }
    let mut end = n;
    while end > 0 && !s.is_char_boundary(end) {
        end -= 1;
    }
    s.get(..end).unwrap_or("")
}

/// `s` from byte `n` on, moved forward to a char boundary.
fn suffix_from(s: &str, n: usize) -> &str {
    let mut start = n.min(s.len());
    while start < s.len() && !s.is_char_boundary(start) {
        start += 1;
    }
    s.get(start..).unwrap_or("")
}

/// The first `n` characters of `s`.
fn first_chars(s: &str, n: usize) -> &str {
    match s.char_indices().nth(n) {
        Some((i, _)) => s.get(..i).unwrap_or(s),
        None => s,
    }
}

/// Han ideographs (with the compatibility block and the supplementary planes).
fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{3134F}' | '\u{3007}')
}

/// Hiragana and Katakana (with the half-width forms).
fn is_kana(c: char) -> bool {
    matches!(c, '\u{3041}'..='\u{309F}' | '\u{30A0}'..='\u{30FF}' | '\u{31F0}'..='\u{31FF}' | '\u{FF66}'..='\u{FF9F}')
}

fn is_hangul(c: char) -> bool {
    matches!(c, '\u{AC00}'..='\u{D7AF}' | '\u{1100}'..='\u{11FF}' | '\u{3130}'..='\u{318F}')
}

fn is_cjk(c: char) -> bool {
    is_han(c) || is_kana(c) || is_hangul(c)
}

#[cfg(test)]
mod tests;
