//! `url-malformed`: a URL that does not parse, contains spaces, or was broken across a line.

use super::{Context, Finding, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "url-malformed",
    default: Severity::Error,
    summary: "a URL that does not parse, contains spaces, or was broken across a line",
    doc: "## What it checks
Every URL in a note must parse as a URL with a host. A link target with spaces, a line break
inside a Markdown or HTML link target, or a host without a domain is reported. In plain text
extracted from a PDF, a URL wrapped at a line end, or cut by a blank right after a separator
(`https:// host`, `…google- android`, `…ERP-2022. pdf`) or by a soft hyphen, is layout, not a
defect: reflint re-joins it and checks the joined URL. A URL cut by a blank in the middle of a
word (`…advanced-technologi es/`) cannot be re-joined for sure: it is reported with the whole
URL as the suggestion, and the fragment is never checked as a link.

## Why it matters
A malformed URL cannot be followed by a reader or checked by a machine; it usually comes from
copy-and-paste or a broken line wrap.

## Example
    [^4]: “Title,” *Outlet*, 2019, <https://example.org/a b>.

## Fix
Remove the space or line break (or percent-encode it as `%20`) and check the link by hand; for
a URL cut by a blank, take the suggestion if it is the page cited.",
    online: false,
    check: Some(check),
    online_check: None,
};

fn check(rule: &Rule, ctx: &Context) -> Vec<Finding> {
    ctx.doc
        .notes
        .iter()
        .flat_map(|n| {
            n.urls.iter().filter_map(move |u| {
                let problem = u.problem.as_ref()?;
                // a URL a blank seems to have broken: the whole one is the suggestion
                let whole = problem
                    .strip_prefix(crate::extract::urls::BROKEN)
                    .and_then(|w| w.strip_prefix(": "));
                let f = match whole {
                    Some(w) => Finding::new(
                        rule,
                        rule.default,
                        Some(&n.label),
                        u.pos,
                        format!("URL {}: {}", crate::extract::urls::BROKEN, u.url),
                    )
                    .with_suggestion(w.to_string()),
                    None => Finding::new(
                        rule,
                        rule.default,
                        Some(&n.label),
                        u.pos,
                        format!("URL {problem}: {}", u.url),
                    ),
                };
                Some(f.with_url(&u.url))
            })
        })
        .collect()
}
