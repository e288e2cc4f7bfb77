//! `link-soft-404` (online): the URL answers 200 but is a not-found page.

use super::{Finding, OnlineContext, Rule, Severity};
use crate::links::LinkStatus;

pub static RULE: Rule = Rule {
    id: "link-soft-404",
    default: Severity::Error,
    summary: "the URL answers 200 but is a not-found page",
    doc: "## What it checks
The URL answers 200 but is not the cited page: a deep link redirected to the site's home page
or to a generic error page, a page whose title or heading says \"not found\" in its language, or
a page that matches what the same host returns for a random non-existent path.

## Why it matters
Generic link checkers call these links alive; half of real link rot hides behind a 200.

## Example
    3 “Leaders of North and South Korea Sign …,” *Xinhua*, April 28, 2018,
      http://www.xinhuanet.com/mil/2018-04/28/c_129861582.htm.
    → redirected to http://www.xinhuanet.com/

## Fix
Find the article's new address or use an archived snapshot.",
    online: true,
    check: None,
    online_check: Some(check),
};

fn check(rule: &Rule, ctx: &OnlineContext) -> Vec<Finding> {
    ctx.cited_links()
        .filter(|l| l.checked.status == LinkStatus::Soft404)
        .map(|l| {
            let f = l.finding(
                rule,
                Severity::Error,
                format!(
                    "the link answers but leads to a not-found page: {}",
                    l.checked.reason
                ),
            );
            match &l.checked.archive {
                Some(s) => f.with_suggestion(s.url.clone()),
                None => f,
            }
        })
        .collect()
}
