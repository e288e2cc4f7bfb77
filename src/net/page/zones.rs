//! What an element's class, id, `itemprop` or `property` says of the dates inside it: the
//! publication date (`published`, `entry-date`, `dateline`), some date (`date`, `datum`,
//! `byline`), a modification date (`updated`), or readers' comments and lists of other
//! articles whose dates are not the page's.

use super::attr_value;
use std::sync::LazyLock;

use regex::Regex;
use scraper::node::Element;

/// What a class or id says of an element.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Zone {
    /// Readers' comments, related and popular articles: neither their dates nor their text
    /// are the page's.
    Comments,
    /// An aside outside the article: its dates are of other things.
    Elsewhere,
    /// The publication date: `published`, `pubdate`, `entry-date`, `post-date`, `dateline`.
    Published,
    /// Some date: `date`, `datum`, `fecha`, `time`, `meta`, `byline`.
    Dated,
    /// A modification date: `updated`, `modified`.
    Updated,
    Other,
}

pub(super) fn zone_of(e: &Element, in_article: bool, lower: &mut String) -> Zone {
    match e.name() {
        // an aside of the article holds its details (spektrum.de: its date); one of the page,
        // other things
        "aside" if !in_article => return Zone::Elsewhere,
        // the page's layout classes ("layoutTwoColumnsRightSidebar") are not zones
        "html" | "body" => return Zone::Other,
        _ => {}
    }
    let mut zone = Zone::Other;
    let mut updated = false;
    for a in ["class", "id", "itemprop", "property"] {
        let Some(v) = attr_value(e, a) else { continue };
        for token in v.split_ascii_whitespace() {
            match token_zone(token, lower) {
                Some(Zone::Comments) => return Zone::Comments,
                Some(Zone::Elsewhere) => return Zone::Elsewhere,
                Some(Zone::Published) => zone = Zone::Published,
                Some(Zone::Dated) if zone == Zone::Other => zone = Zone::Dated,
                Some(_) => {}
                None => updated = true,
            }
        }
    }
    // `class="updated"` alone: a modification date; `entry-date updated`: the entry's date
    if updated && zone == Zone::Other {
        Zone::Updated
    } else {
        zone
    }
}

/// The words of a class or id, lower case: `post-meta_date` → post, meta, date;
/// `layoutTwoColumnsRightSidebar` → layout, two, columns, right, sidebar.
fn words(token: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut cur = String::new();
    let mut prev_lower = false;
    for c in token.chars() {
        if !c.is_alphanumeric() {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            prev_lower = false;
            continue;
        }
        if c.is_uppercase() && prev_lower && !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
        prev_lower = c.is_lowercase() || c.is_ascii_digit();
        cur.extend(c.to_lowercase());
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// The word lists of [`token_zone`], each one alternation (a class name is checked against
/// every list; one automaton per list instead of thirty substring searches).
struct TokenLists {
    others: Regex,
    updated: Regex,
    published: Regex,
    dated: Regex,
}

static TOKEN_LISTS: LazyLock<Option<TokenLists>> = LazyLock::new(|| {
    Some(TokenLists {
        // split into words only names that may hold one of [`OTHERS`]
        others: Regex::new(
            "comment|repl|respond|disqus|related|recommend|popular|trending|recent",
        )
        .ok()?,
        updated: Regex::new("update|modif|edited|changed").ok()?,
        published: Regex::new(
            "publish|publication|pubdate|posted|submitted|dateline|entry-date|entrydate|post-date|postdate|article-date|date-header",
        )
        .ok()?,
        dated: Regex::new("date|datum|fecha|time|meta|byline|created|authored").ok()?,
    })
});

/// Words that name readers' comments and lists of other articles ("recent-posts", a blog's
/// list of its latest entries). Not "sidebar", "teaser" or "more": sites use them for the
/// article's own parts too ("podcast-description__sidebar" holds the podcast's date,
/// achgut.com's article header is a "teaser").
const OTHERS: [&str; 12] = [
    "comment",
    "comments",
    "reply",
    "replies",
    "respond",
    "disqus",
    "related",
    "recommended",
    "recommendations",
    "popular",
    "trending",
    "recent",
];

/// Words of a container that has comments or a sidebar, not one: "content-with-sidebar".
const HAVING: [&str; 5] = ["has", "with", "without", "no", "layout"];

/// Class prefixes that name a post's categories, tags, status, type and format (WordPress's
/// `post_class`: "category-popular", "status-publish", "type-post").
const POST_CLASS_PREFIXES: [&str; 5] = ["category-", "tag-", "status-", "type-", "format-"];

/// What one class, id or property token says: `None` for a modification date.
fn token_zone(token: &str, lower: &mut String) -> Option<Zone> {
    let Some(lists) = TOKEN_LISTS.as_ref() else {
        return Some(Zone::Other);
    };
    lower.clear();
    lower.extend(token.chars().map(|c| c.to_ascii_lowercase()));
    let t = lower.as_str();
    // a blog post's categories and tags as classes ("category-popular", "tag-comments"),
    // its status ("status-publish"): what the post is about, not what the element is
    if POST_CLASS_PREFIXES.iter().any(|p| t.starts_with(p)) {
        return Some(Zone::Other);
    }
    if lists.others.is_match(t) {
        let w = words(token);
        if !w.iter().any(|x| HAVING.contains(&x.as_str()))
            && w.iter().any(|x| OTHERS.contains(&x.as_str()))
        {
            return Some(Zone::Comments);
        }
    }
    if lists.updated.is_match(t) {
        return None;
    }
    if lists.published.is_match(t) {
        return Some(Zone::Published);
    }
    if lists.dated.is_match(t) {
        return Some(Zone::Dated);
    }
    Some(Zone::Other)
}

/// `tag.class` for a report: the element's name and its first class naming a date.
pub(super) fn describe(e: &Element) -> String {
    for a in ["itemprop", "property"] {
        if let Some(v) = attr_value(e, a) {
            return format!("{}[{a}={}]", e.name(), v.trim());
        }
    }
    let class = attr_value(e, "class")
        .and_then(|c| {
            c.split_ascii_whitespace().find(|t| {
                let t = t.to_ascii_lowercase();
                [
                    "publish",
                    "date",
                    "datum",
                    "fecha",
                    "time",
                    "posted",
                    "submitted",
                    "meta",
                    "byline",
                ]
                .iter()
                .any(|w| t.contains(w))
            })
        })
        .map(|c| format!(".{c}"))
        .unwrap_or_default();
    let attr = if attr_value(e, "datetime").is_some() {
        "[datetime]"
    } else if attr_value(e, "pubdate").is_some() {
        "[pubdate]"
    } else {
        ""
    };
    format!("{}{class}{attr}", e.name())
}
