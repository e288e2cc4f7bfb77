//! `link-blocked` (online): the server refuses automated access (401, 403, 429 after retries, bot-protection challenges).

use super::{Finding, OnlineContext, Rule, Severity};
use crate::links::LinkStatus;

pub static RULE: Rule = Rule {
    id: "link-blocked",
    default: Severity::Warning,
    summary: "the server refuses automated access (401, 403, 429 after retries, bot-protection challenges)",
    doc: "## What it checks
The server refuses automated access: 401, 403, 407, 429 (after retries), 451 or 999, or a
bot-protection challenge (`cf-mitigated`, challenge pages). The link is not reported dead.

## Why it matters
Many publishers block robots; a CI job must not fail on them, but an editor should check such
links by hand.

## Example
    https://www.wsj.com/articles/… → 403 Forbidden (cf-mitigated: challenge)

## Fix
Open the link in a browser; if it works, add an `ignore` entry or a per-host header.",
    online: true,
    check: None,
    online_check: Some(check),
};

fn check(rule: &Rule, ctx: &OnlineContext) -> Vec<Finding> {
    ctx.cited_links()
        .filter(|l| l.checked.status == LinkStatus::Blocked)
        .map(|l| {
            let f = l.finding(rule, Severity::Warning, {
                // the reason often says it already ("403: the server refuses ..."):
                // said once, with what else the reason gives
                const REFUSES: &str = "the server refuses automated access";
                let why = l.checked.reason.replace(&format!(": {REFUSES}"), "");
                if why.is_empty() || why == REFUSES {
                    format!("{REFUSES}; not reported dead")
                } else {
                    format!("{REFUSES} ({why}); not reported dead")
                }
            });
            match &l.checked.archive {
                Some(s) => f.with_suggestion(s.url.clone()),
                None => f,
            }
        })
        .collect()
}
