//! `citation-conflict`: the same URL or the same title cited in two notes with different dates
//! or titles.

use rustc_hash::FxHashMap as HashMap;

use super::{date_difference, Context, Finding, Rule, Severity};
use crate::cite::Reference;

pub static RULE: Rule = Rule {
    id: "citation-conflict",
    default: Severity::Warning,
    summary: "the same URL or the same title is cited in two notes with different dates or titles",
    doc: "## What it checks
When two full citations (not short forms) give the same URL, their dates and titles should
agree; when they give the same title, their dates should agree (at the precision both carry).

## Why it matters
Two notes that disagree about one source mean that at least one is wrong; readers cannot tell
which.

## Example
    4 “A Journey of Peace,” *People*, June 23, 2019, http://politics.people.com.cn/n1/2019/0623/c1024-31175221.html.
    9 “A Journey of Peace,” *People*, June 28, 2019, http://politics.people.com.cn/n1/2019/0623/c1024-31175221.html.

## Fix
Check the source and make the notes agree (or use a short form for the second one).",
    online: false,
    check: Some(check),
    online_check: None,
};

fn check(rule: &Rule, ctx: &Context) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut by_url: HashMap<&str, &Reference> = HashMap::default();
    let mut by_title: HashMap<String, &Reference> = HashMap::default();
    // a note citing several sources cannot be compared as one citation
    for r in ctx
        .refs
        .iter()
        .filter(|r| r.same_as.is_none() && r.all_dates.len() <= 1 && r.urls.len() <= 1)
    {
        let mut conflict: Option<(String, &Reference)> = None;
        for u in &r.urls {
            match by_url.get(u.url.as_str()) {
                Some(first) => {
                    if let (Some(a), Some(b)) = (first.date, r.date) {
                        if date_difference(&a, &b).is_some() {
                            conflict = Some((
                                format!(
                                    "the same URL is cited with date {a} in note {} and {b} here",
                                    first.label
                                ),
                                first,
                            ));
                        }
                    }
                    if let (Some(a), Some(b)) = (&first.title, &r.title) {
                        if conflict.is_none() && first.title_key != r.title_key {
                            conflict = Some((
                                format!(
                                    "the same URL is cited as “{a}” in note {} and “{b}” here",
                                    first.label
                                ),
                                first,
                            ));
                        }
                    }
                }
                None => {
                    by_url.insert(u.url.as_str(), r);
                }
            }
        }
        if let Some(key) = &r.title_key {
            if key.split(' ').count() >= 3 {
                match by_title.get(key) {
                    Some(first) if conflict.is_none() => {
                        if let (Some(a), Some(b)) = (first.date, r.date) {
                            if date_difference(&a, &b).is_some() {
                                conflict = Some((format!("the same title is cited with date {a} in note {} and {b} here", first.label), first));
                            }
                        }
                    }
                    Some(_) => {}
                    None => {
                        by_title.insert(key.clone(), r);
                    }
                }
            }
        }
        if let Some((msg, _)) = conflict {
            out.push(Finding::new(
                rule,
                rule.default,
                Some(&r.label),
                r.pos(),
                msg,
            ));
        }
    }
    out
}
