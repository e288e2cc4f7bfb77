//! `link-redirected` (online): the URL permanently redirects to another working URL.
//!
//! Checked by the online checker from the fetched page; this file carries the rule's
//! catalogue entry and documentation.

use super::{Rule, Severity};

pub static RULE: Rule = Rule {
    id: "link-redirected",
    default: Severity::Info,
    summary: "the URL permanently redirects to another working URL",
    doc: "## What it checks
The URL answers with a permanent redirect (301, 308) to another URL that works; the report
gives the new URL.

## Why it matters
Permanent redirects break eventually; citing the final address keeps the note working longer.

## Example
    http://www.csis.org/analysis/x → 301 → https://www.csis.org/analysis/x

## Fix
Update the citation to the final URL when it is the same piece.",
    online: true,
    check: None,
};
