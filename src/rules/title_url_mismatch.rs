//! `title-url-mismatch`: the cited title and the URL's readable slug disagree.

use rustc_hash::FxHashSet as HashSet;

use super::{Context, Finding, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "title-url-mismatch",
    default: Severity::Info,
    summary: "the cited title and the URL's readable slug disagree",
    doc: "## What it checks
Many sites build the last part of a URL from the headline (`/small-deal-within-big-deal-0`).
When a URL has such a slug (four words or more) that mostly repeats the cited title but has a
variant of one of its words (`within` for `with`, `election` for `elections`), the title was
probably retyped or translated wrongly. A slug that merely adds or drops words (sites rewrite
headlines and shorten slugs) is not reported. Words missing from the slug are not reported (slugs are
often shortened), nor are ids, numbers and one-letter words.

## Why it matters
A title that differs from the source's own sends searches and archive look-ups astray, and
sometimes reveals that the URL was pasted from a neighbouring article.

## Example
    6 Victor Cha, “A Small Deal with a Big Deal,” … <https://www.csis.org/analysis/small-deal-within-big-deal-0>.
    → the slug says “within”, the title “with”

## Fix
Copy the title from the source, or check that the URL is the cited piece's.",
    online: false,
    check: Some(check),
    online_check: None,
};

/// Words too common to tell two titles apart.
const STOP: &[&str] = &[
    "a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "with", "by", "from", "is",
    "are", "as", "its", "it", "s",
];

fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// The readable slug of a URL's last meaningful path segment, as words, if it has one.
pub fn slug_words(url: &str) -> Option<Vec<String>> {
    let path = url.split(['?', '#']).next()?;
    let path = path.split_once("://").map_or(path, |(_, rest)| rest);
    let (_, path) = path.split_once('/')?;
    let seg = path.split('/').rev().find(|s| !s.is_empty())?;
    let seg = seg
        .strip_suffix(".html")
        .or_else(|| seg.strip_suffix(".htm"))
        .or_else(|| seg.strip_suffix(".php"))
        .or_else(|| seg.strip_suffix(".aspx"))
        .unwrap_or(seg);
    if !seg.contains('-') && !seg.contains('_') {
        return None;
    }
    let w: Vec<String> = seg
        .split(['-', '_'])
        .filter(|w| !w.is_empty() && w.chars().all(|c| c.is_ascii_alphabetic()) && w.len() > 1)
        .map(str::to_lowercase)
        .collect();
    (w.len() >= 4).then_some(w)
}

fn stem(w: &str) -> &str {
    w.strip_suffix('s').filter(|s| s.len() > 2).unwrap_or(w)
}

/// The slug's words that the title lacks, when the slug is otherwise that title's.
pub fn extra_slug_words(title: &str, url: &str) -> Option<Vec<String>> {
    let slug = slug_words(url)?;
    // "Don’t" is `dont` in a slug, and `don t` once split
    let joined = title.replace(['\'', '’'], "");
    let title_words: HashSet<String> = words(title)
        .into_iter()
        .chain(words(&joined))
        .map(|w| stem(&w).to_string())
        .collect();
    let content: Vec<&String> = slug
        .iter()
        .filter(|w| !STOP.contains(&w.as_str()))
        .collect();
    if content.len() < 3 {
        return None;
    }
    let missing: Vec<String> = content
        .iter()
        .filter(|w| !title_words.contains(stem(w)))
        .map(|w| w.to_string())
        .collect();
    let shared = content.len() - missing.len();
    // the slug is this title's (most words shared) ...
    if missing.is_empty() || shared * 3 < content.len() * 2 {
        return None;
    }
    // ... and its other words are variants of title words it lacks (`with` → `within`): a
    // retyped title, not a headline the site rewrote
    let slug_set: HashSet<&str> = slug.iter().map(|w| stem(w)).collect();
    let lacking: Vec<String> = words(&joined)
        .into_iter()
        .filter(|w| !slug_set.contains(stem(w)))
        .collect();
    let variants: Vec<String> = missing
        .into_iter()
        .filter(|w| lacking.iter().any(|t| near(w, t)))
        .collect();
    (!variants.is_empty()).then_some(variants)
}

/// Two words that one could be mistyped or misremembered as the other.
fn near(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if short.len() >= 3 && long.starts_with(short) {
        return true;
    }
    short.len() >= 4 && edit_distance(a, b) <= 1 + long.len() / 6
}

/// Levenshtein distance (two rows); words are short.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        if let Some(c0) = cur.first_mut() {
            *c0 = i + 1;
        }
        for (j, cb) in b.iter().enumerate() {
            let sub = prev.get(j).copied().unwrap_or(0) + usize::from(ca != *cb);
            let del = prev.get(j + 1).copied().unwrap_or(0) + 1;
            let ins = cur.get(j).copied().unwrap_or(0) + 1;
            if let Some(c) = cur.get_mut(j + 1) {
                *c = sub.min(del).min(ins);
            }
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev.last().copied().unwrap_or(0)
}

fn check(rule: &Rule, ctx: &Context) -> Vec<Finding> {
    let mut out = Vec::new();
    for r in ctx.refs {
        let Some(title) = &r.title else { continue };
        for u in &r.urls {
            if let Some(extra) = extra_slug_words(title, &u.url) {
                out.push(
                    Finding::new(
                        rule,
                        rule.default,
                        Some(&r.label),
                        u.pos,
                        format!(
                            "the URL's slug has “{}”, which the cited title “{title}” lacks",
                            extra.join(" ")
                        ),
                    )
                    .with_url(&u.url),
                );
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn near_miss_slug_is_reported() {
        assert_eq!(
            extra_slug_words(
                "A Small Deal with a Big Deal",
                "https://www.csis.org/analysis/small-deal-within-big-deal-0"
            ),
            Some(vec!["within".to_string()])
        );
    }

    #[test]
    fn matching_or_unrelated_slugs_are_not() {
        assert_eq!(extra_slug_words("Huawei Technicians Helped African Governments Spy on Political Opponents", "https://www.wsj.com/articles/huawei-technicians-helped-african-governments-spy-on-political-opponents-11565793017"), None);
        assert_eq!(extra_slug_words("Artificial Intelligence’s White Guy Problem", "https://www.nytimes.com/2016/06/26/opinion/sunday/artificial-intelligences-white-guy-problem.html"), None);
        // a truncated slug is fine
        assert_eq!(extra_slug_words("North Korea's Foreign Minister Visits Iran after U.S. Sanctions Are Re-imposed", "https://www.nbcnews.com/news/world/north-korea-s-foreign-minister-visits-iran-after-u-s-n898611"), None);
        // a headline the site rewrote is not a retyped title
        assert_eq!(extra_slug_words("Baltimore Wrestles With Aerial Surveillance", "https://www.axios.com/baltimore-wrestles-with-aerial-surveillance-to-reduce-crime-1234"), None);
        assert_eq!(extra_slug_words("Clearview’s Facial Recognition App Is Identifying Child Victims of Abuse", "https://www.nytimes.com/2020/02/07/business/clearview-facial-recognition-child-sexual-abuse.html"), None);
        // a slug about something else entirely is not a near miss
        assert_eq!(
            extra_slug_words(
                "Report of the Plenary",
                "https://example.org/news/weather-today-rain-expected"
            ),
            None
        );
        assert_eq!(
            slug_words("http://www.xinhuanet.com//2020-01/02/c_1125416394.htm"),
            None
        );
    }
}
