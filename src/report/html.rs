//! The HTML report: one self-contained page for editors.
//!
//! One HTML5 file with its CSS and a few lines of JavaScript inline, nothing loaded from
//! anywhere (a Content-Security-Policy says so to the browser too): it reads offline, from an
//! e-mail attachment, and without JavaScript (every row shows; the filters need it and are
//! hidden without it).
//!
//! Layout: a summary (counts and an SVG bar chart of link statuses, `svg#status-chart` with one
//! `rect.bar` per status that occurs), the filters (`form#filters`: severity, rule, notes without
//! findings), then per document a `section.document` with its document-level findings
//! (`table.doc-findings`), its notes (`table.notes`, one `tr.note` per note carrying
//! `data-severity` (the worst, or `none`) and `data-rules`; a note with several URLs continues
//! on `tr.note-more` rows) and the links of its text outside notes (`table.body-links`). Per URL
//! the cited date, the date in the URL and the page's own date stand side by side, the ones that
//! disagree with the cited date marked `.differs`.
//!
//! Everything from the documents and the web (note text, titles, URLs, page titles, messages) is
//! untrusted: it goes through [`esc`] on its way into text and attribute values alike, and only
//! `http(s)` URLs become links.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::io::Write;

use super::story::groups;
use super::{plural, DocumentReport, LinkReport, LinkStatus, Report};
use crate::cite::dates::url_date;
use crate::cite::Reference;
use crate::rules::{Finding, Severity};

pub fn write<W: Write>(report: &Report, w: &mut W) -> std::io::Result<()> {
    let nonce: String = (0..24).map(|_| fastrand::alphanumeric()).collect();
    w.write_all(head(report, &nonce).as_bytes())?;
    w.write_all(summary(report).as_bytes())?;
    w.write_all(filters(report).as_bytes())?;
    if report.documents.len() > 1 {
        w.write_all(contents(report).as_bytes())?;
    }
    let links: HashMap<&str, &LinkReport> =
        report.links.iter().map(|l| (l.url.as_str(), l)).collect();
    for (i, doc) in report.documents.iter().enumerate() {
        w.write_all(document(i, doc, &links, &report.links).as_bytes())?;
    }
    if report.documents.is_empty() {
        w.write_all(b"<p class=\"empty\">No documents were read.</p>\n")?;
    }
    w.write_all(tail(&nonce).as_bytes())
}

/// Escapes text for HTML element content and for double-quoted attribute values alike
/// (`&`, `<`, `>`, `"`, `'`). Written by hand because the crate has no template engine and a
/// five-character escape is all that is needed: every attribute here is double-quoted, no
/// untrusted text goes into a `<script>` or `<style>`, and URLs are checked separately
/// ([`web_url`]). Control characters, which HTML forbids, become U+FFFD.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\n' | '\t' | '\r' => out.push(' '),
            c if c.is_control() => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

/// Only `http:` and `https:` URLs become links (a note could hold `javascript:`).
fn web_url(url: &str) -> bool {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// A link to `url` showing `label` (both escaped); a URL that is not http(s) is shown as text.
fn link(url: &str, label: &str) -> String {
    if web_url(url) {
        format!(
            "<a href=\"{}\" rel=\"noreferrer\">{}</a>",
            esc(url),
            esc(label)
        )
    } else {
        format!("<span class=\"not-web\">{}</span>", esc(label))
    }
}

const CSS: &str = include_str!("html.css");

/// Toggles rows by the filters. Without JavaScript nothing is hidden (and the filters, which
/// would do nothing, are not shown).
const JS: &str = include_str!("html.js");

fn head(report: &Report, nonce: &str) -> String {
    let s = &report.summary;
    let mut h = String::with_capacity(CSS.len() + 2048);
    let title = match report.documents.as_slice() {
        [one] => format!("reflint: {}", one.path),
        docs => format!("reflint: {} documents", docs.len()),
    };
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"en\" class=\"no-js\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; \
         style-src 'unsafe-inline'; script-src 'nonce-{nonce}'; img-src data:; base-uri 'none'; \
         form-action 'none'\">\n\
         <meta name=\"referrer\" content=\"no-referrer\">\n\
         <meta name=\"generator\" content=\"{} {}\">\n<title>{}</title>\n<style>{CSS}</style>\n</head>\n<body>\n\
         <header>\n<h1>Reference check</h1>\n<p class=\"meta\">{} {}, {} {}, {} info \
         · {} {}, {} {}, {} {} · generated {} by {} {}</p>\n</header>\n<main>\n",
        esc(report.tool.name),
        esc(report.tool.version),
        esc(&title),
        s.findings.error,
        plural(s.findings.error, "error", "errors"),
        s.findings.warning,
        plural(s.findings.warning, "warning", "warnings"),
        s.findings.info,
        s.documents,
        plural(s.documents, "document", "documents"),
        s.references,
        plural(s.references, "note", "notes"),
        s.urls,
        plural(s.urls, "URL", "URLs"),
        esc(&report.generated_at),
        esc(report.tool.name),
        esc(report.tool.version),
    );
    h
}

fn tail(nonce: &str) -> String {
    format!("</main>\n<script nonce=\"{nonce}\">{JS}</script>\n</body>\n</html>\n")
}

/// The statuses that occur, in the order of [`LinkStatus::ALL`], with their counts.
fn status_counts(report: &Report) -> Vec<(&'static str, usize)> {
    LinkStatus::ALL
        .iter()
        .filter_map(|st| {
            let n = report.summary.links.get(st.name()).copied().unwrap_or(0);
            (n > 0).then_some((st.name(), n))
        })
        .collect()
}

/// A horizontal bar chart of link statuses: one `rect.bar` per status that occurs.
pub fn status_chart(report: &Report) -> String {
    const LABEL_W: usize = 96;
    const BAR_W: usize = 280;
    const ROW_H: usize = 24;
    let counts = status_counts(report);
    let max = counts.iter().map(|(_, n)| *n).max().unwrap_or(0);
    let height = ROW_H * counts.len().max(1) + 4;
    let width = LABEL_W + BAR_W + 60;
    let described: Vec<String> = counts.iter().map(|(s, n)| format!("{n} {s}")).collect();
    let mut svg = format!(
        "<svg id=\"status-chart\" class=\"status-chart\" role=\"img\" width=\"{width}\" \
         height=\"{height}\" viewBox=\"0 0 {width} {height}\" aria-labelledby=\"status-chart-title\">\
         <title id=\"status-chart-title\">Links by status: {}</title>\n",
        if described.is_empty() {
            "none".to_string()
        } else {
            esc(&described.join(", "))
        }
    );
    if counts.is_empty() {
        svg.push_str("<text x=\"0\" y=\"16\" class=\"empty\">No links.</text>\n");
    }
    for (i, (status, n)) in counts.iter().enumerate() {
        let y = i * ROW_H + 2;
        let w = (n * BAR_W).checked_div(max).unwrap_or(0).max(3);
        let _ = writeln!(
            svg,
            "<g class=\"row\"><text x=\"{lx}\" y=\"{ty}\" text-anchor=\"end\" class=\"label\">{status}</text>\
             <rect class=\"bar {status}\" data-status=\"{status}\" data-count=\"{n}\" x=\"{LABEL_W}\" \
             y=\"{y}\" width=\"{w}\" height=\"{bh}\" rx=\"2\"></rect>\
             <text x=\"{cx}\" y=\"{ty}\" class=\"count\">{n}</text></g>",
            lx = LABEL_W - 8,
            ty = y + 15,
            bh = ROW_H - 6,
            cx = LABEL_W + w + 6,
        );
    }
    svg.push_str("</svg>");
    svg
}

fn summary(report: &Report) -> String {
    let s = &report.summary;
    let mut h =
        String::from("<section id=\"summary\">\n<h2>Summary</h2>\n<div class=\"summary-grid\">\n");
    h.push_str("<table class=\"summary\"><tbody>\n");
    for (name, n) in [
        ("Documents", s.documents),
        ("Notes", s.references),
        ("URLs", s.urls),
        ("Errors", s.findings.error),
        ("Warnings", s.findings.warning),
        ("Info", s.findings.info),
    ] {
        let _ = writeln!(h, "<tr><th>{name}</th><td class=\"num\">{n}</td></tr>");
    }
    h.push_str("</tbody></table>\n<figure>\n<figcaption>Links by status</figcaption>\n");
    h.push_str(&status_chart(report));
    h.push_str("\n</figure>\n</div>\n</section>\n");
    h
}

/// Every rule with findings, with its count, by rule id.
fn rule_counts(report: &Report) -> BTreeMap<&'static str, usize> {
    let mut m = BTreeMap::new();
    for f in report.documents.iter().flat_map(|d| &d.findings) {
        *m.entry(f.rule).or_insert(0) += 1;
    }
    m
}

fn filters(report: &Report) -> String {
    let s = &report.summary;
    let mut h = String::from(
        "<form id=\"filters\" aria-label=\"Filter the notes\">\n<fieldset class=\"severity\"><legend>Severity</legend>\n",
    );
    for (sev, n) in [
        (Severity::Error, s.findings.error),
        (Severity::Warning, s.findings.warning),
        (Severity::Info, s.findings.info),
    ] {
        let _ = writeln!(
            h,
            "<label><input type=\"checkbox\" name=\"severity\" value=\"{0}\" checked> {0} ({n})</label>",
            sev.name()
        );
    }
    h.push_str("</fieldset>\n<fieldset class=\"rules\"><legend>Rule <button type=\"button\" data-set=\"all\">all</button><button type=\"button\" data-set=\"none\">none</button></legend>\n");
    for (rule, n) in rule_counts(report) {
        let _ = writeln!(
            h,
            "<label><input type=\"checkbox\" name=\"rule\" value=\"{0}\" checked> <code>{0}</code> ({n})</label>",
            esc(rule)
        );
    }
    let clean: usize = report
        .documents
        .iter()
        .map(|d| {
            let with: std::collections::HashSet<&str> = d
                .findings
                .iter()
                .filter_map(|f| f.reference.as_deref())
                .collect();
            d.references
                .iter()
                .filter(|r| !with.contains(r.label.as_str()))
                .count()
        })
        .sum();
    let _ = write!(
        h,
        "</fieldset>\n<fieldset class=\"other\"><legend>Notes</legend>\
         <label><input type=\"checkbox\" name=\"clean\" value=\"1\"> without findings ({clean})</label>\
         </fieldset>\n<fieldset class=\"order\"><legend>Sort</legend>\
         <select name=\"sort\" aria-label=\"Sort the notes\"><option value=\"note\">by note</option>\
         <option value=\"severity\">by severity</option><option value=\"rule\">by rule</option></select>\
         </fieldset>\n<output id=\"shown\"></output>\n</form>\n"
    );
    h
}

fn contents(report: &Report) -> String {
    let mut h = String::from("<nav id=\"contents\"><h2>Documents</h2><ol>\n");
    for (i, d) in report.documents.iter().enumerate() {
        let _ = writeln!(
            h,
            "<li><a href=\"#doc-{i}\">{}</a> — {} notes, {} findings</li>",
            esc(&d.path),
            d.references.len(),
            d.findings.len()
        );
    }
    h.push_str("</ol></nav>\n");
    h
}

/// Which note each finding is about: `Some(index)` into the references, `None` for the
/// document itself (or a label no note has). Of several notes sharing a label, the one whose
/// definition or marker is on the finding's line, else the first.
fn owners(doc: &DocumentReport) -> Vec<Option<usize>> {
    let mut by_label: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, r) in doc.references.iter().enumerate() {
        by_label.entry(r.label.as_str()).or_default().push(i);
    }
    doc.findings
        .iter()
        .map(|f| {
            let candidates = by_label.get(f.reference.as_deref()?)?;
            candidates
                .iter()
                .copied()
                .find(|&i| {
                    doc.references.get(i).is_some_and(|r| {
                        (r.line == f.line && r.file == f.file)
                            || r.markers
                                .iter()
                                .any(|m| m.line == f.line && m.file == f.file)
                    })
                })
                .or_else(|| candidates.first().copied())
        })
        .collect()
}

fn document(
    i: usize,
    doc: &DocumentReport,
    links: &HashMap<&str, &LinkReport>,
    all_links: &[LinkReport],
) -> String {
    let mut h = String::with_capacity(2048 + doc.references.len() * 1024);
    let urls: usize = doc.references.iter().map(|r| r.urls.len()).sum();
    let _ = write!(
        h,
        "<section class=\"document\" id=\"doc-{i}\">\n<h2>{}</h2>\n<p class=\"meta\">{} · {} notes · {} URLs in notes · {} findings{}</p>\n",
        esc(&doc.path),
        esc(doc.format),
        doc.references.len(),
        urls,
        doc.findings.len(),
        doc.document_date
            .as_deref()
            .map(|d| format!(" · document date {}", esc(d)))
            .unwrap_or_default()
    );
    if !doc.warnings.is_empty() {
        h.push_str("<ul class=\"warnings\">\n");
        for w in &doc.warnings {
            let _ = writeln!(h, "<li>{}</li>", esc(w));
        }
        h.push_str("</ul>\n");
    }

    let owners = owners(doc);
    let mut per_note: Vec<Vec<&Finding>> = vec![Vec::new(); doc.references.len()];
    let mut loose: Vec<&Finding> = Vec::new();
    for (f, owner) in doc.findings.iter().zip(&owners) {
        match owner.and_then(|o| per_note.get_mut(o)) {
            Some(v) => v.push(f),
            None => loose.push(f),
        }
    }

    if !loose.is_empty() {
        h.push_str("<h3>Findings about the document</h3>\n<table class=\"doc-findings\">\n<thead><tr><th>Severity</th><th>Rule</th><th>Note</th><th class=\"num\">Line</th><th>Message</th><th>URL</th></tr></thead>\n<tbody>\n");
        for f in loose {
            let _ = writeln!(
                h,
                "<tr class=\"finding {sev}\" data-severity=\"{sev}\" data-rule=\"{rule}\"><td><span class=\"sev {sev}\">{sev}</span></td><td><code>{rule}</code></td><td>{note}</td><td class=\"num\">{line}</td><td>{msg}{extra}</td><td>{url}</td></tr>",
                sev = f.severity.name(),
                rule = esc(f.rule),
                note = f.reference.as_deref().map(esc).unwrap_or_default(),
                line = esc(&super::at_line(f.file, f.line)),
                msg = esc(&f.message),
                extra = evidence(f),
                url = f.url.as_deref().map(|u| link(u, u)).unwrap_or_default(),
            );
        }
        h.push_str("</tbody></table>\n");
    }

    if doc.references.is_empty() {
        h.push_str("<p class=\"none\">No notes found.</p>\n");
    } else {
        h.push_str(
            "<h3>Notes</h3>\n<table class=\"notes\">\n<colgroup><col style=\"width:84px\"><col style=\"width:24%\">\
             <col style=\"width:96px\"><col style=\"width:96px\"><col style=\"width:96px\"><col style=\"width:24%\"><col></colgroup>\n\
             <thead><tr><th>Note</th><th>Citation</th><th>Cited</th><th>In URL</th><th>On page</th><th>Link</th><th>Findings</th></tr></thead>\n<tbody>\n",
        );
        let labels: HashMap<&str, usize> = doc
            .references
            .iter()
            .enumerate()
            .rev()
            .map(|(n, r)| (r.label.as_str(), n))
            .collect();
        for (n, r) in doc.references.iter().enumerate() {
            let findings = per_note.get(n).map_or(&[][..], Vec::as_slice);
            note_rows(&mut h, i, n, r, findings, links, &labels);
        }
        h.push_str("</tbody></table>\n");
    }

    let body: Vec<&LinkReport> = all_links
        .iter()
        .filter(|l| {
            l.cited_by
                .iter()
                .any(|c| c.path == doc.path && c.reference.is_none())
        })
        .collect();
    if !body.is_empty() {
        h.push_str("<h3>Links in the text</h3>\n<table class=\"body-links\">\n<thead><tr><th>Link</th><th>On page</th></tr></thead>\n<tbody>\n");
        for l in body {
            let _ = writeln!(
                h,
                "<tr class=\"url\" data-status=\"{}\"><td>{}</td><td class=\"date\">{}</td></tr>",
                l.status.name(),
                link_cell(&l.url, Some(l)),
                l.page
                    .as_ref()
                    .and_then(|p| p.published.as_deref())
                    .map(esc)
                    .unwrap_or_else(|| "<span class=\"none\">—</span>".into())
            );
        }
        h.push_str("</tbody></table>\n");
    }
    h.push_str("</section>\n");
    h
}

/// Whether two ISO dates disagree at the precision both have ("2019" agrees with "2019-10-19").
fn differs(a: &str, b: &str) -> bool {
    let iso = |s: &str| {
        s.get(..4)
            .is_some_and(|y| y.bytes().all(|c| c.is_ascii_digit()))
    };
    if !iso(a) || !iso(b) {
        return false;
    }
    let n = a.len().min(b.len()).min(10);
    a.get(..n) != b.get(..n)
}

/// A date the cited one is compared with: `class` says which (`in-url`, `on-page`), and a
/// date that differs is marked as evidence (the cited date is what to fix).
fn date_cell(date: Option<&str>, cited: Option<&str>, what: &str, class: &str) -> String {
    match date {
        None => format!("<td class=\"date {class}\"><span class=\"none\">—</span></td>"),
        Some(d) => {
            let bad = cited.is_some_and(|c| differs(c, d));
            if bad {
                format!(
                    "<td class=\"date {class} differs\" title=\"{what} differs from the cited date\">{}</td>",
                    esc(d)
                )
            } else {
                format!("<td class=\"date {class}\">{}</td>", esc(d))
            }
        }
    }
}

/// A status badge, the URL as a link, the page's title, where it ended up, and the archived
/// copy.
fn link_cell(url: &str, l: Option<&LinkReport>) -> String {
    let mut c = String::new();
    if let Some(l) = l {
        let _ = write!(
            c,
            "<span class=\"badge {0}\" title=\"{1}\">{0}{2}</span>",
            l.status.name(),
            esc(l.reason.as_deref().unwrap_or(l.status.name())),
            l.http_status.map(|s| format!(" {s}")).unwrap_or_default()
        );
    }
    let _ = write!(c, "<span class=\"url\">{}</span>", link(url, url));
    if let Some(l) = l {
        if let Some(t) = l.page.as_ref().and_then(|p| p.title.as_deref()) {
            let _ = write!(
                c,
                "<div class=\"page-title\">page title: “{}”</div>",
                esc(t)
            );
        }
        if let Some(f) = l.final_url.as_deref().filter(|f| *f != url) {
            let _ = write!(c, "<div class=\"final\">ends at {}</div>", link(f, f));
        }
        if let Some(r) = l.reason.as_deref() {
            let _ = write!(c, "<div class=\"reason\">{}</div>", esc(r));
        }
        if let Some(a) = &l.archive {
            let _ = write!(
                c,
                "<div class=\"archive\">archived: {}</div>",
                link(&a.url, &a.when_and_where())
            );
        }
    }
    c
}

fn evidence(f: &Finding) -> String {
    let mut s = String::new();
    if let Some(e) = &f.evidence {
        let _ = write!(
            s,
            "<span class=\"evidence\">cited <b>{}</b> · found <b>{}</b> in the {}</span>",
            esc(&e.cited),
            esc(&e.found),
            esc(&e.place)
        );
    }
    if let Some(sug) = &f.suggestion {
        let _ = write!(
            s,
            "<span class=\"suggestion\">suggested: {}</span>",
            esc(sug)
        );
    }
    s
}

/// The note's findings; a finding's URL is named unless it is the note's only URL.
fn findings_list(findings: &[&Finding], only_url: Option<&str>) -> String {
    if findings.is_empty() {
        return "<span class=\"none\">—</span>".to_string();
    }
    let mut s = String::from("<ul class=\"findings\">");
    // one item per story: findings that share a cause told together, the most severe first
    for g in groups(findings) {
        let [first, ..] = g.findings.as_slice() else {
            continue;
        };
        let sev = g.severity().name();
        let rules = g.rules();
        let url = g
            .urls()
            .into_iter()
            .filter(|u| Some(*u) != only_url)
            .map(|u| format!(" <span class=\"details\">({})</span>", link(u, u)))
            .collect::<String>();
        let extra = if g.findings.len() == 1 {
            evidence(first)
        } else {
            let mut e = String::new();
            if let Some(q) = g.sentence() {
                let _ = write!(e, "<span class=\"evidence\">“{}”</span>", esc(q));
            }
            if let Some(sug) = g.suggestion() {
                let _ = write!(
                    e,
                    "<span class=\"suggestion\">suggested: {}</span>",
                    esc(sug)
                );
            }
            e
        };
        let _ = write!(
            s,
            "<li class=\"finding {sev}\" data-severity=\"{sev}\" data-rule=\"{rule}\" data-rules=\"{all}\"><span class=\"sev {sev}\">{sev}</span> {codes} {msg}{url}{extra}</li>",
            rule = esc(first.rule),
            all = esc(&rules.join(" ")),
            codes = rules
                .iter()
                .map(|r| format!("<code>{}</code>", esc(r)))
                .collect::<Vec<_>>()
                .join(" "),
            msg = esc(&g.told()),
        );
    }
    s.push_str("</ul>");
    s
}

fn note_rows(
    h: &mut String,
    doc: usize,
    n: usize,
    r: &Reference,
    findings: &[&Finding],
    links: &HashMap<&str, &LinkReport>,
    labels: &HashMap<&str, usize>,
) {
    let id = format!("d{doc}-n{n}");
    let worst = findings
        .iter()
        .map(|f| f.severity)
        .max()
        .map_or("none", Severity::name);
    let mut rules: Vec<&str> = Vec::new();
    for f in findings {
        if !rules.contains(&f.rule) {
            rules.push(f.rule);
        }
    }
    let span = r.urls.len().max(1);
    let rowspan = if span > 1 {
        format!(" rowspan=\"{span}\"")
    } else {
        String::new()
    };
    let shade = if n % 2 == 1 { " shade" } else { "" };

    // note label and where it is
    let mut label = format!(
        "{}<span class=\"where\">{}</span>",
        esc(&r.label),
        esc(&super::at_line(r.file, r.line))
    );
    if let Some(m) = r.markers.first() {
        let _ = write!(
            label,
            "<span class=\"where\">cited at {}</span>",
            esc(&super::at_line(m.file, m.line))
        );
    } else {
        label.push_str("<span class=\"where\">no marker</span>");
    }

    // the citation as read
    let mut cit = String::new();
    match &r.title {
        Some(t) => {
            let _ = write!(cit, "<div class=\"title\">{}</div>", esc(t));
        }
        None => cit.push_str("<div class=\"none\">no title</div>"),
    }
    let mut src = Vec::new();
    if let Some(s) = &r.source {
        src.push(format!("<span class=\"source\">{}</span>", esc(s)));
    }
    for (name, v) in [("vol.", &r.volume), ("no.", &r.issue), ("pp.", &r.pages)] {
        if let Some(v) = v {
            src.push(format!("{name} {}", esc(v)));
        }
    }
    if !src.is_empty() {
        let _ = write!(cit, "<div>{}</div>", src.join(", "));
    }
    if !r.authors.is_empty() {
        let _ = write!(
            cit,
            "<div class=\"authors\">{}</div>",
            esc(&r.authors.join("; "))
        );
    }
    let kind = serde_json::to_value(r.kind)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default();
    let _ = write!(
        cit,
        "<div class=\"details\"><span class=\"kind\">{}</span>",
        esc(&kind)
    );
    if let Some(same) = &r.same_as {
        match labels.get(same.as_str()) {
            Some(target) => {
                let _ = write!(
                    cit,
                    "same as note <a href=\"#d{doc}-n{target}\">{}</a>",
                    esc(same)
                );
            }
            None => {
                let _ = write!(cit, "same as note {}", esc(same));
            }
        }
    }
    cit.push_str("</div>");
    let _ = write!(
        cit,
        "<details><summary>note text</summary><p class=\"text\">{}</p></details>",
        esc(&r.text)
    );

    let note_date = r.date.map(|d| d.to_string());
    // the cited date, highlighted when a date it is compared with differs: the value to fix
    let cited_cell = |cited: Option<&str>, to_fix: bool| {
        let fix = if to_fix {
            " to-fix\" title=\"differs from the date in the URL or on the page"
        } else {
            ""
        };
        let mut c = match cited {
            Some(d) => format!("<td class=\"date cited{fix}\">{}", esc(d)),
            None => format!("<td class=\"date cited{fix}\"><span class=\"none\">—</span>"),
        };
        if let Some(a) = r.accessed {
            let _ = write!(c, "<span class=\"accessed\">accessed {a}</span>");
        }
        c.push_str("</td>");
        c
    };

    let rules_attr = esc(&rules.join(" "));
    let first_url = r.urls.first();
    // the first row: the note's own cells, spanning the rows of its URLs
    let _ = write!(
        h,
        "<tr class=\"note{shade}\" id=\"{id}\" data-severity=\"{worst}\" data-rules=\"{rules_attr}\" data-label=\"{}\">\
         <td class=\"label\"{rowspan}>{label}</td><td class=\"citation\"{rowspan}>{cit}</td>",
        esc(&r.label)
    );
    let url_cells = |h: &mut String, k: usize, url: &str| {
        let l = links.get(url).copied();
        // the date cited with this URL (a note may hold several citations)
        let cited = r
            .url_dates
            .get(k)
            .copied()
            .flatten()
            .map(|d| d.to_string())
            .or_else(|| note_date.clone());
        let in_url = url_date(url).map(|d| d.to_string());
        let on_page = l
            .and_then(|l| l.page.as_ref())
            .and_then(|p| p.published.clone());
        let to_fix = cited.as_deref().is_some_and(|c| {
            [&in_url, &on_page]
                .into_iter()
                .flatten()
                .any(|d| differs(c, d))
        });
        h.push_str(&cited_cell(cited.as_deref(), to_fix));
        h.push_str(&date_cell(
            in_url.as_deref(),
            cited.as_deref(),
            "the date in the URL",
            "in-url",
        ));
        h.push_str(&date_cell(
            on_page.as_deref(),
            cited.as_deref(),
            "the page's date",
            "on-page",
        ));
        let _ = write!(
            h,
            "<td class=\"link\" data-status=\"{}\">{}</td>",
            l.map_or("", |l| l.status.name()),
            link_cell(url, l)
        );
    };
    match first_url {
        Some(u) => url_cells(h, 0, &u.url),
        None => {
            h.push_str(&cited_cell(note_date.as_deref(), false));
            h.push_str("<td class=\"date in-url\"><span class=\"none\">—</span></td><td class=\"date on-page\"><span class=\"none\">—</span></td><td class=\"link\"><span class=\"none\">no link</span></td>");
        }
    }
    let _ = writeln!(
        h,
        "<td class=\"findings\"{rowspan}>{}</td></tr>",
        findings_list(
            findings,
            match r.urls.as_slice() {
                [one] => Some(one.url.as_str()),
                _ => None,
            }
        )
    );
    for (k, u) in r.urls.iter().enumerate().skip(1) {
        let _ = write!(h, "<tr class=\"note-more{shade}\" data-note=\"{id}\">");
        url_cells(h, k, &u.url);
        h.push_str("</tr>\n");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{PageMeta, Snapshot};
    use scraper::{Html, Selector};

    use crate::report::test_report as report_of;

    fn html_of(report: &Report) -> String {
        let mut buf = Vec::new();
        write(report, &mut buf).unwrap();
        String::from_utf8(buf).unwrap()
    }

    fn sel(s: &str) -> Selector {
        Selector::parse(s).unwrap()
    }

    #[test]
    fn escape_covers_text_and_attributes() {
        assert_eq!(
            esc("<script>alert('x')</script> & \"q\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"
        );
        assert_eq!(esc("a\u{0}b\nc"), "a\u{fffd}b c");
    }

    #[test]
    fn script_in_a_note_and_a_page_title_stays_text() {
        let md = "A claim.[^1]\n\n[^1]: “Title,” *Outlet*, May 2, 2019, https://example.com/2019/05/02/x.\n";
        let mut report = report_of(md);
        // the Markdown reader drops raw HTML; a text document keeps it, as here
        let r = &mut report.documents[0].references[0];
        r.text = "“<script>alert(1)</script> Title,” <img src=x onerror=alert(2)>".into();
        r.title = Some("\"><script>alert(4)</script>".into());
        r.label = "1\" onmouseover=\"alert(5)".into();
        report.links[0].page = Some(PageMeta {
            title: Some("</title><script>alert(3)</script>".into()),
            published: Some("2019-05-02".into()),
            language: None,
            ..PageMeta::default()
        });
        let html = html_of(&report);
        let doc = Html::parse_document(&html);
        // only the report's own script, no injected element
        assert_eq!(doc.select(&sel("script")).count(), 1);
        assert_eq!(doc.select(&sel("img")).count(), 0);
        let text = doc
            .select(&sel("tr.note"))
            .next()
            .unwrap()
            .text()
            .collect::<String>();
        assert!(text.contains("<script>alert(1)</script>"), "{text}");
        assert!(text.contains("<img src=x onerror=alert(2)>"), "{text}");
        assert!(text.contains("</title><script>alert(3)</script>"), "{text}");
        assert!(text.contains("\"><script>alert(4)</script>"), "{text}");
        let row = doc.select(&sel("tr.note")).next().unwrap();
        assert_eq!(
            row.value().attr("data-label"),
            Some("1\" onmouseover=\"alert(5)")
        );
        assert!(row.value().attr("onmouseover").is_none());
    }

    #[test]
    fn javascript_urls_are_not_links() {
        assert!(!link("javascript:alert(1)", "x").contains("href"));
        assert!(link("HTTPS://e.com/", "x").contains("href=\"HTTPS://e.com/\""));
    }

    #[test]
    fn chart_has_a_bar_per_status_with_its_count() {
        let md = "A.[^1] B.[^2]\n\n[^1]: “One,” *S*, 2019, https://a.example/1 https://a.example/2 https://a.example/3.\n\
                  [^2]: “Two,” *S*, 2019, https://b.example/1 https://b.example/2.\n";
        let mut report = report_of(md);
        let statuses = [
            LinkStatus::Alive,
            LinkStatus::Dead,
            LinkStatus::Dead,
            LinkStatus::Soft404,
            LinkStatus::Dead,
        ];
        assert_eq!(report.links.len(), 5);
        let links: Vec<LinkReport> = report
            .links
            .iter()
            .zip(statuses)
            .map(|(l, s)| LinkReport {
                status: s,
                ..l.clone()
            })
            .collect();
        report = Report::new(report.documents.clone(), links, report.generated_at.clone());
        let doc = Html::parse_document(&html_of(&report));
        let bars: Vec<(String, String)> = doc
            .select(&sel("svg#status-chart rect.bar"))
            .map(|b| {
                let v = b.value();
                (
                    v.attr("data-status").unwrap().to_string(),
                    v.attr("data-count").unwrap().to_string(),
                )
            })
            .collect();
        assert_eq!(
            bars,
            vec![
                ("alive".into(), "1".into()),
                ("dead".into(), "3".into()),
                ("soft-404".into(), "1".into())
            ]
        );
        // the longest bar is the most frequent status
        let width = |s: &str| {
            doc.select(&sel(&format!("rect.bar[data-status=\"{s}\"]")))
                .next()
                .unwrap()
                .value()
                .attr("width")
                .unwrap()
                .parse::<usize>()
                .unwrap()
        };
        assert!(width("dead") > width("alive"));
        assert_eq!(width("alive"), width("soft-404"));
        // labels and counts are written
        let text: String = doc
            .select(&sel("svg#status-chart"))
            .next()
            .unwrap()
            .text()
            .collect();
        assert!(text.contains("dead") && text.contains('3'), "{text}");
        // badges in the notes table
        assert_eq!(doc.select(&sel("table.notes .badge.dead")).count(), 3);
        // one row per note, the other URLs on continuation rows
        assert_eq!(doc.select(&sel("table.notes tr.note")).count(), 2);
        assert_eq!(doc.select(&sel("table.notes tr.note-more")).count(), 3);
    }

    #[test]
    fn dates_side_by_side_and_disagreement_marked() {
        let md =
            "A.[^1]\n\n[^1]: “T,” *S*, January 2, 2010, http://x.example/2020-01/02/c_1.htm.\n";
        let mut report = report_of(md);
        report.links[0].page = Some(PageMeta {
            title: Some("Page".into()),
            published: Some("2010-01-02".into()),
            language: None,
            ..PageMeta::default()
        });
        report.links[0].archive = Some(Snapshot {
            source: None,
            url: "http://web.archive.org/web/20100102000000/http://x.example/2020-01/02/c_1.htm"
                .into(),
            timestamp: "2010-01-02T00:00:00Z".into(),
        });
        let doc = Html::parse_document(&html_of(&report));
        let cells: Vec<String> = doc
            .select(&sel("tr.note td.date"))
            .map(|c| c.text().collect())
            .collect();
        assert_eq!(cells, vec!["2010-01-02", "2020-01-02", "2010-01-02"]);
        assert_eq!(doc.select(&sel("tr.note td.differs")).count(), 1);
        let row = doc.select(&sel("tr.note")).next().unwrap();
        assert_eq!(row.value().attr("data-severity"), Some("error"));
        assert_eq!(row.value().attr("data-rules"), Some("date-url-mismatch"));
        let archive = doc.select(&sel("tr.note .archive a")).next().unwrap();
        assert!(archive
            .value()
            .attr("href")
            .unwrap()
            .starts_with("http://web.archive.org/"));
    }

    #[test]
    fn differs_compares_at_common_precision() {
        assert!(!differs("2019", "2019-10-19"));
        assert!(differs("2019-10-19", "2019-10-29"));
        assert!(!differs("2019-10-19", "2019-10-19T08:00:00Z"));
        assert!(!differs("2019-10-19", "yesterday"));
    }
}
