//! `date-url-mismatch`: the cited date disagrees with the date embedded in the cited URL.

use super::{date_difference, date_disagreement_severity, Context, Finding, Rule, Severity};
use crate::cite::dates::url_date;

pub static RULE: Rule = Rule {
    id: "date-url-mismatch",
    default: Severity::Error,
    summary: "the cited date disagrees with a date embedded in the cited URL",
    doc: "## What it checks
Many publishers put the publication date in the URL: path segments such as `/2020-01/02/`,
`/2019/10/17/`, `/2019/0623/`, `/20190628/`, or ids such as `ACK20190628005700881`. The rule
compares the date of the citation that carries the URL (in a note citing several sources, the
date written just before that URL) with that date at the precision both carry (a cited `December
2019` agrees with `/2019/12/05/`). Error when the years differ, warning when the month or day
differs, info when they are one day apart (time zones). Ids that merely contain digits, such as
`c_1125416394`, are not read as dates. A file in an upload folder (`/wp-content/uploads/2025/07/`,
a PDF) dated after the citation is not reported: files are often put online after the piece
they hold was published.

## Why it matters
A wrong date sends readers and archivists to the wrong day's snapshot, and a wrong year usually
means the citation was copied from another note or mistyped: the URL is the better witness.

## Example
    1 “Significant Signals …,” *Xinhua*, January 2, 2010,
      http://www.xinhuanet.com//2020-01/02/c_1125416394.htm.
    → cited 2010-01-02, URL says 2020-01-02 (error; suggestion: 2020-01-02)

## Fix
Correct the cited date (the suggestion gives the URL's), or check that the URL is the right
one for the cited piece.",
    online: false,
    check: Some(check),
    online_check: None,
};

fn check(rule: &Rule, ctx: &Context) -> Vec<Finding> {
    let mut out = Vec::new();
    for r in ctx.refs {
        for (u, cited) in r.urls.iter().zip(&r.url_dates) {
            let Some(cited) = *cited else { continue };
            let Some(found) = url_date(&u.url) else {
                continue;
            };
            let Some(order) = date_difference(&cited, &found) else {
                continue;
            };
            // a file's upload folder (`/wp-content/uploads/2025/07/`) is dated when the file was
            // put online, often after the piece it holds was published
            if order == std::cmp::Ordering::Less && is_upload(&u.url) {
                continue;
            }
            let severity = date_disagreement_severity(&cited, &found);
            let why = if cited.year != found.year {
                " (years differ)"
            } else {
                ""
            };
            out.push(
                Finding::new(
                    rule,
                    severity,
                    Some(&r.label),
                    u.pos,
                    format!("cited date {cited} disagrees with the date in the URL, {found}{why}"),
                )
                .with_url(&u.url)
                .with_evidence(cited.to_string(), found.to_string(), "url")
                .with_suggestion(found.to_string()),
            );
        }
    }
    out
}

/// Is this URL a file put in an upload folder (a PDF, an image, `/wp-content/uploads/`)?
fn is_upload(url: &str) -> bool {
    let path = url
        .split(['?', '#'])
        .next()
        .unwrap_or(url)
        .to_ascii_lowercase();
    [
        "/uploads/",
        "/files/",
        "/wp-content/",
        "/sites/default/",
        "/media/",
        "/download",
    ]
    .iter()
    .any(|p| path.contains(p))
        || [
            ".pdf", ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx", ".jpg", ".png", ".zip",
        ]
        .iter()
        .any(|e| path.ends_with(e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn upload_folders() {
        assert!(is_upload(
            "https://www.nist.gov/system/files/documents/2020/02/06/gps_finalreport.pdf"
        ));
        assert!(is_upload(
            "https://warontherocks.com/wp-content/uploads/2025/07/x.png"
        ));
        assert!(!is_upload(
            "http://www.xinhuanet.com//2020-01/02/c_1125416394.htm"
        ));
    }
}
