//! `reflint inspect URL|FILE.html`: what reflint reads from one page, and from what evidence,
//! so that an editor can see why a link got its status or a date finding.
//!
//! A URL is checked as `reflint check` checks it (politeness, the private-address guard,
//! redirects, the soft-404 probes), without the cache; a saved page is read offline, with
//! `--url` giving the address it came from (its date counts as evidence). The printers are
//! apart: [`to_text`] for people, [`to_json`] (`reflint/inspect/v1`) for scripts.

use serde::Serialize;

use crate::links::LinkStatus;
use crate::net::page::{parse_page_at, PageInfo};
use crate::net::{check_links, CitedDates, LinkRequest, NetOptions};

/// The schema name of [`to_json`]'s output.
pub const SCHEMA: &str = "reflint/inspect/v1";

/// What reflint reads from one page.
#[derive(Clone, Debug, Serialize)]
pub struct Inspection {
    pub schema: &'static str,
    /// As given: a URL or a file's path.
    pub target: String,
    /// The page's address: the URL, or `--url` for a file.
    pub url: Option<String>,
    /// Fetched from the network (a URL), or read from a file.
    pub fetched: bool,
    /// The link's status, for a URL.
    pub status: Option<LinkStatus>,
    pub http_status: Option<u16>,
    pub redirects: Vec<String>,
    pub final_url: Option<String>,
    /// Why the status was given: the soft-404 signals and the probes' verdict among them.
    pub reason: Option<String>,
    /// What the page says of itself; `page.published_strong` tells whether the date's evidence
    /// is strong enough for `date-page-mismatch` to warn.
    pub page: Option<PageInfo>,
}

/// Reads a saved page (any charset it declares); `url` is where it came from.
pub fn inspect_file(path: &str, url: Option<&str>) -> Result<Inspection, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{path}: {e}"))?;
    let html = crate::net::fetch::decode(&bytes, None);
    let page = parse_page_at(&html, url);
    Ok(Inspection {
        schema: SCHEMA,
        target: path.to_string(),
        url: url.map(str::to_string),
        fetched: false,
        status: None,
        http_status: None,
        redirects: Vec::new(),
        final_url: None,
        reason: None,
        page: Some(page),
    })
}

/// Checks one URL as `reflint check` would (without the cache) and reads its page.
pub fn inspect_url(url: &str, opts: &NetOptions) -> Result<Inspection, String> {
    let mut opts = opts.clone();
    opts.cache = None;
    opts.progress = false;
    opts.date_evidence = true;
    let (to_come, dates) = CitedDates::later();
    to_come.send(Default::default());
    let outcome = check_links(
        &[LinkRequest {
            url: url.to_string(),
        }],
        dates,
        &opts,
        None,
    )?;
    if let Some(why) = outcome.network_unavailable {
        return Err(why);
    }
    let checked = outcome
        .results
        .into_iter()
        .next()
        .map(|(_, c)| c)
        .ok_or_else(|| format!("{url}: not checked"))?;
    Ok(Inspection {
        schema: SCHEMA,
        target: url.to_string(),
        url: Some(url.to_string()),
        fetched: true,
        status: Some(checked.status),
        http_status: checked.http_status,
        redirects: checked.redirects,
        final_url: checked.final_url,
        reason: (!checked.reason.is_empty()).then_some(checked.reason),
        page: checked.page,
    })
}

/// The inspection as pretty JSON, ending with a newline.
pub fn to_json(i: &Inspection) -> String {
    let mut s = serde_json::to_string_pretty(i).unwrap_or_default();
    s.push('\n');
    s
}

/// The inspection for people: one field per line, what is unknown said so.
pub fn to_text(i: &Inspection) -> String {
    let mut out = String::new();
    let mut line = |k: &str, v: String| {
        out.push_str(&format!("{k:<11} {v}\n"));
    };
    let or_none = |v: Option<&str>| v.map_or_else(|| "(none)".to_string(), str::to_string);
    line("page", i.target.clone());
    if !i.fetched {
        line("url", or_none(i.url.as_deref()));
    }
    if let Some(s) = &i.status {
        let code = i
            .http_status
            .map(|c| format!(" (HTTP {c})"))
            .unwrap_or_default();
        line("status", format!("{}{code}", s.name()));
    }
    for (n, r) in i.redirects.iter().enumerate() {
        line(if n == 0 { "redirects" } else { "" }, format!("→ {r}"));
    }
    if let Some(r) = &i.reason {
        line("why", r.clone());
    }
    let Some(p) = &i.page else {
        line(
            "read",
            "no page to read (not HTML, or no answer)".to_string(),
        );
        return out;
    };
    let from = |f: &Option<String>| {
        f.as_deref()
            .map(|f| format!("  from {f}"))
            .unwrap_or_default()
    };
    line(
        "title",
        format!("{}{}", or_none(p.title.as_deref()), from(&p.title_from)),
    );
    if let Some(site) = &p.site_name {
        line("site", site.clone());
    }
    let strength = match (p.published, p.published_strong) {
        (None, _) => "",
        (Some(_), true) => "  (strong evidence)",
        (Some(_), false) => "  (weak evidence: info only)",
    };
    line(
        "published",
        format!(
            "{}{}{strength}",
            or_none(p.published.map(|d| d.to_string()).as_deref()),
            from(&p.published_from)
        ),
    );
    for seen in &p.date_evidence {
        line("", format!("{}  from {}", seen.date, seen.from));
    }
    line("language", or_none(p.language.as_deref()));
    line(
        "not found",
        if p.not_found {
            "the page says it is not found".to_string()
        } else {
            "no".to_string()
        },
    );
    out
}
