//! HTML: footnote markers and notes read from the DOM (scraper/html5ever), positions found in
//! the raw source.
//!
//! A marker is an in-page link (`href="#X"`) that looks like a note reference (inside or
//! around `<sup>`, a footnote class or `role="doc-noteref"`, or a number pointing at a
//! footnote-like id) and is not a back-link. Its note is the element with id (or `<a name>`)
//! X, widened to its block (`<p>`, `<li>`, a Word `<div id=ftnN>`) when X is an inline anchor.
//! Covers Jekyll/hand-written (`<sup><a href="#fnN" id="refN">`), Pandoc (`footnote-ref`,
//! `doc-endnotes`), WordPress (core footnotes, Jetpack, Easy Footnotes), Word's HTML export
//! (`#_ftnN` / `name="_ftnrefN"`) and the generic `<sup><a href="#X">N</a></sup>` forms.
//!
//! scraper gives no source positions, so each marker is placed at the k-th `<a>` of the raw
//! source with the same `href`, and each note at the tag carrying its id; both fall back to
//! the previous known position.

pub mod depth;
mod flat;
mod raw;

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use regex::Regex;
use scraper::{Html, Node};

use raw::RawTags;

use crate::extract::markdown::{date_from_str, front_matter_date, PosFinder};
use crate::extract::prose::{collapse_ws, front_matter_end, sentence_context};
use crate::extract::urls::{clean_url, find_urls, url_problem};
use crate::model::{Document, Format, Marker, NoteDef, UrlRef};

/// Reads an HTML document (optionally with Jekyll front matter).
pub fn extract_html(path: &str, src: &str) -> Document {
    let mut doc = Document::new(path, Format::Html);
    let fm_end = front_matter_end(src);
    let body = src.get(fm_end..).unwrap_or("");
    let raw = RawTags::scan(body, fm_end);
    // positions come from the raw scan of `body`; the DOM is parsed at a bounded depth
    let html = Html::parse_document(&depth::shallow(body, depth::MAX_INPUT_NESTING));
    let dom = Dom::build(&html);
    let idx = PosFinder::new(src);

    let found = find_footnotes(&dom);

    // Notes.
    let mut note_of_container: HashMap<usize, usize> = HashMap::new();
    let mut last_off = fm_end;
    let mut notes = Vec::new();
    for (ni, note) in found.notes.iter().enumerate() {
        note_of_container.insert(note.container, ni);
        let off = [note.container, note.target]
            .iter()
            .find_map(|&e| {
                let el = dom.elem(e)?;
                let by_id = el.attr("id").and_then(|id| raw.ids.get(id));
                let by_name = el.attr("name").and_then(|n| raw.names.get(n));
                by_id.or(by_name).copied()
            })
            .unwrap_or(last_off);
        last_off = off;
        let pos = idx.pos(off);
        let rendered = dom.render(note.container, &|i| found.backlinks.contains(&i));
        let expected = note.marker_label.as_deref().unwrap_or(&note.id_label);
        let (printed, text) = strip_note_label(&rendered, expected);
        let label = note
            .marker_label
            .clone()
            .or_else(|| printed.clone())
            .unwrap_or_else(|| note.id_label.clone());
        if let (Some(p), Some(m)) = (&printed, &note.marker_label) {
            if p != m {
                doc.warnings.push(format!(
                    "note at line {} is numbered {p} but its marker reads {m}",
                    pos.line
                ));
            }
        }
        let mut urls: Vec<UrlRef> = Vec::new();
        let mut seen = HashSet::new();
        for a in dom.links_in(note.container) {
            let Some(href) = dom.elem(a).and_then(|e| e.attr("href")) else {
                continue;
            };
            let Some(url) = web_url(href) else { continue };
            if !seen.insert(url.clone()) {
                continue;
            }
            let off = raw.href_offset(href, dom.href_rank(a)).unwrap_or(off);
            let pos = idx.pos(off);
            let problem = url_problem(&url);
            urls.push(UrlRef { url, pos, problem });
        }
        for span in find_urls(&text) {
            if !seen.insert(span.url.clone()) {
                continue;
            }
            let at = src
                .get(off..)
                .and_then(|s| s.find(span.url.as_str()))
                .map_or(off, |i| off + i);
            let pos = idx.pos(at);
            let problem = url_problem(&span.url);
            urls.push(UrlRef {
                url: span.url,
                pos,
                problem,
            });
        }
        notes.push(NoteDef {
            cited: None,
            label,
            pos,
            text,
            urls,
        });
    }

    // Markers, with the context of their block rendered once per block.
    let wrappers: HashMap<usize, usize> = found
        .markers
        .iter()
        .enumerate()
        .map(|(mi, m)| (m.wrapper, mi))
        .collect();
    let mut contexts: Vec<String> = vec![String::new(); found.markers.len()];
    let mut done_blocks = HashSet::new();
    for m in &found.markers {
        let block = dom.block_of(m.wrapper);
        if done_blocks.insert(block) {
            for (mi, before) in dom.render_until_markers(block, &wrappers) {
                if let Some(c) = contexts.get_mut(mi) {
                    *c = sentence_context(&before);
                }
            }
        }
    }
    let mut last_off = fm_end;
    for (mi, m) in found.markers.iter().enumerate() {
        let href = dom.elem(m.link).and_then(|e| e.attr("href")).unwrap_or("");
        let off = raw
            .href_offset(href, dom.href_rank(m.link))
            .unwrap_or(last_off);
        last_off = off;
        let label = match (m.target, &m.label) {
            (_, Some(l)) => l.clone(),
            (Some(t), None) => note_of_container
                .get(&t)
                .and_then(|&ni| notes.get(ni))
                .map_or_else(|| m.id_label.clone(), |n| n.label.clone()),
            (None, None) => m.id_label.clone(),
        };
        doc.markers.push(Marker {
            label,
            pos: idx.pos(off),
            context: contexts.get(mi).cloned().unwrap_or_default(),
        });
    }
    doc.notes = notes;

    // Body links.
    // found.notes are sorted and disjoint
    let containers: Vec<(usize, usize)> = found
        .notes
        .iter()
        .map(|n| (n.container, dom.end(n.container)))
        .collect();
    let mut last_off = fm_end;
    for &a in &dom.anchors {
        let k = containers.partition_point(|&(s, _)| s <= a);
        if k > 0 && containers.get(k - 1).is_some_and(|&(_, e)| a <= e) {
            continue;
        }
        let Some(href) = dom.elem(a).and_then(|e| e.attr("href")) else {
            continue;
        };
        let Some(url) = web_url(href) else { continue };
        let off = raw.href_offset(href, dom.href_rank(a)).unwrap_or(last_off);
        last_off = off;
        let problem = url_problem(&url);
        doc.body_urls.push(UrlRef {
            url,
            pos: idx.pos(off),
            problem,
        });
    }

    doc.detected_date = dom
        .meta_date()
        .or_else(|| src.get(..fm_end).and_then(front_matter_date));
    if doc.notes.is_empty() {
        // markup that does not mark the notes: read the page as text, by evidence
        let flat = flat::render(src, fm_end);
        if let Some(r) = crate::extract::notes::read(&flat.text, 0) {
            let (notes, markers) =
                crate::extract::notes::materialize_in(&flat.text, &r, src, &|o| flat.source(o));
            doc.notes = notes;
            doc.markers = markers;
        }
    }
    doc
}

/// An `http(s)://` or `www.` link target, as written: an `href` is exact, so unlike a URL in
/// prose it keeps a trailing `.` or `)`.
fn web_url(href: &str) -> Option<String> {
    let h = href.trim();
    let lower = h.get(..8).unwrap_or(h).to_ascii_lowercase();
    if !(lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("www."))
    {
        return None;
    }
    clean_url(h).map(|_| h.to_string())
}

// ---------------------------------------------------------------------------------------------
// A flat copy of the DOM: nodes in document (pre-)order, each subtree a contiguous range.

enum Kind<'a> {
    Elem(&'a scraper::node::Element),
    Text(&'a str),
    Other,
}

struct FlatNode<'a> {
    parent: Option<usize>,
    children: Vec<usize>,
    /// Index of the last node of this node's subtree.
    end: usize,
    kind: Kind<'a>,
}

struct Dom<'a> {
    nodes: Vec<FlatNode<'a>>,
    /// Every `<a href>`, in document order.
    anchors: Vec<usize>,
    /// For each `<a href>`: how many earlier `<a>` have the same href.
    href_rank: HashMap<usize, usize>,
    /// id → first element with it; `<a name>` → first such anchor.
    ids: HashMap<String, usize>,
    names: HashMap<String, usize>,
}

const BLOCKS: &[&str] = &[
    "p",
    "li",
    "div",
    "dd",
    "dt",
    "td",
    "th",
    "tr",
    "section",
    "aside",
    "footer",
    "header",
    "blockquote",
    "article",
    "main",
    "figcaption",
    "caption",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ol",
    "ul",
    "dl",
    "table",
    "body",
    "pre",
    "nav",
    "form",
    "center",
];

fn is_block(name: &str) -> bool {
    BLOCKS.contains(&name)
}

impl<'a> Dom<'a> {
    fn build(html: &'a Html) -> Dom<'a> {
        let mut nodes: Vec<FlatNode<'a>> = Vec::new();
        let mut stack = vec![(html.tree.root(), None::<usize>)];
        while let Some((node, parent)) = stack.pop() {
            let i = nodes.len();
            let kind = match node.value() {
                Node::Element(e) => Kind::Elem(e),
                Node::Text(t) => Kind::Text(t),
                _ => Kind::Other,
            };
            nodes.push(FlatNode {
                parent,
                children: Vec::new(),
                end: i,
                kind,
            });
            if let Some(p) = parent.and_then(|p| nodes.get_mut(p)) {
                p.children.push(i);
            }
            let children: Vec<_> = node.children().collect();
            for c in children.into_iter().rev() {
                stack.push((c, Some(i)));
            }
        }
        // subtree ends: a node's subtree ends where its last child's does
        for i in (0..nodes.len()).rev() {
            let last_end = nodes
                .get(i)
                .and_then(|n| n.children.last())
                .and_then(|&c| nodes.get(c))
                .map(|c| c.end);
            if let (Some(e), Some(n)) = (last_end, nodes.get_mut(i)) {
                n.end = e;
            }
        }
        let mut anchors = Vec::new();
        let mut href_rank = HashMap::new();
        let mut ids = HashMap::new();
        let mut names = HashMap::new();
        let mut seen_hrefs: HashMap<&str, usize> = HashMap::new();
        for (i, n) in nodes.iter().enumerate() {
            let Kind::Elem(e) = &n.kind else { continue };
            if let Some(id) = e.id() {
                ids.entry(id.to_string()).or_insert(i);
            }
            if e.name() == "a" {
                if let Some(n) = e.attr("name") {
                    names.entry(n.to_string()).or_insert(i);
                }
                if let Some(h) = e.attr("href") {
                    let k = seen_hrefs.entry(h).or_insert(0);
                    href_rank.insert(i, *k);
                    *k += 1;
                    anchors.push(i);
                }
            }
        }
        drop(seen_hrefs);
        Dom {
            nodes,
            anchors,
            href_rank,
            ids,
            names,
        }
    }

    fn elem(&self, i: usize) -> Option<&'a scraper::node::Element> {
        match self.nodes.get(i).map(|n| &n.kind) {
            Some(Kind::Elem(e)) => Some(e),
            _ => None,
        }
    }

    fn name(&self, i: usize) -> &str {
        self.elem(i).map_or("", |e| e.name())
    }

    fn parent(&self, i: usize) -> Option<usize> {
        self.nodes.get(i).and_then(|n| n.parent)
    }

    fn end(&self, i: usize) -> usize {
        self.nodes.get(i).map_or(i, |n| n.end)
    }

    fn href_rank(&self, a: usize) -> usize {
        self.href_rank.get(&a).copied().unwrap_or(0)
    }

    /// Every `<a href>` inside element `i`.
    fn links_in(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        let end = self.end(i);
        let from = self.anchors.partition_point(|&a| a < i);
        self.anchors
            .get(from..)
            .unwrap_or(&[])
            .iter()
            .copied()
            .take_while(move |&a| a <= end)
    }

    /// All text under node `i`, concatenated.
    fn text(&self, i: usize) -> String {
        let mut out = String::new();
        for n in i..=self.end(i) {
            if let Some(Kind::Text(t)) = self.nodes.get(n).map(|n| &n.kind) {
                out.push_str(t);
            }
        }
        out
    }

    /// Class, role and other attributes of an element, lowercased, for signal matching.
    fn attr_lc(&self, i: usize, name: &str) -> String {
        self.elem(i)
            .and_then(|e| e.attr(name))
            .unwrap_or("")
            .to_ascii_lowercase()
    }

    /// The nearest block ancestor of `i` (or `i` itself when it is a block).
    fn block_of(&self, i: usize) -> usize {
        let mut cur = i;
        loop {
            if is_block(self.name(cur)) {
                return cur;
            }
            match self.parent(cur) {
                Some(p) if self.elem(p).is_some() => cur = p,
                _ => return cur,
            }
        }
    }

    /// Renders node `root` as plain text: `<em>/<i>/<cite>` as `*…*`, blocks separated by
    /// spaces, scripts and styles and nodes for which `skip` is true left out. Not collapsed.
    fn render(&self, root: usize, skip: &dyn Fn(usize) -> bool) -> String {
        let mut out = String::new();
        self.render_into(root, skip, &mut |_, _| false, &mut out);
        out
    }

    /// Renders `block` and returns, for each marker wrapper met (a key of `wrappers`), the
    /// marker's index and the text before it. Wrappers' own text is left out.
    fn render_until_markers(
        &self,
        block: usize,
        wrappers: &HashMap<usize, usize>,
    ) -> Vec<(usize, String)> {
        let mut stops: Vec<(usize, usize)> = Vec::new();
        let mut out = String::new();
        self.render_into(
            block,
            &|i| wrappers.contains_key(&i),
            &mut |i, len| {
                if let Some(&mi) = wrappers.get(&i) {
                    stops.push((mi, len));
                }
                false
            },
            &mut out,
        );
        stops
            .into_iter()
            .map(|(mi, len)| (mi, out.get(..len).unwrap_or("").to_string()))
            .collect()
    }

    /// The renderer behind [`Dom::render`]: iterative, so deep nesting cannot overflow.
    /// `on_skip(node, rendered_len)` is told of each skipped node.
    fn render_into(
        &self,
        root: usize,
        skip: &dyn Fn(usize) -> bool,
        on_skip: &mut dyn FnMut(usize, usize) -> bool,
        out: &mut String,
    ) {
        enum Step {
            Enter(usize),
            CloseEm(usize),
            Space,
        }
        let mut stack = vec![Step::Enter(root)];
        while let Some(step) = stack.pop() {
            match step {
                Step::Space => out.push(' '),
                Step::CloseEm(start) => {
                    let inner = out.get(start..).unwrap_or("").to_string();
                    out.truncate(start);
                    let trimmed = inner.trim();
                    if !trimmed.is_empty() {
                        if inner.starts_with(char::is_whitespace) {
                            out.push(' ');
                        }
                        out.push('*');
                        out.push_str(trimmed);
                        out.push('*');
                        if inner.ends_with(char::is_whitespace) {
                            out.push(' ');
                        }
                    }
                }
                Step::Enter(i) => {
                    let Some(node) = self.nodes.get(i) else {
                        continue;
                    };
                    if i != root && skip(i) {
                        on_skip(i, out.len());
                        continue;
                    }
                    match &node.kind {
                        Kind::Text(t) => out.push_str(t),
                        Kind::Other => {}
                        Kind::Elem(e) => {
                            let name = e.name();
                            if matches!(name, "script" | "style" | "head" | "template" | "noscript")
                                || e.attr("class")
                                    .is_some_and(|c| c.contains("mw-cite-backlink"))
                            {
                                continue;
                            }
                            if name == "br" || name == "hr" || name == "img" {
                                out.push(' ');
                                continue;
                            }
                            if matches!(name, "em" | "i" | "cite") {
                                stack.push(Step::CloseEm(out.len()));
                            } else if is_block(name) {
                                out.push(' ');
                                stack.push(Step::Space);
                            }
                            for &c in node.children.iter().rev() {
                                stack.push(Step::Enter(c));
                            }
                        }
                    }
                }
            }
        }
    }

    /// The document's own date from its metadata.
    fn meta_date(&self) -> Option<crate::cite::dates::PartialDate> {
        const META: [&str; 9] = [
            "article:published_time",
            "citation_publication_date",
            "citation_date",
            "dc.date",
            "dc.date.issued",
            "dcterms.date",
            "dcterms.issued",
            "date",
            "datepublished",
        ];
        let mut best: Option<(usize, crate::cite::dates::PartialDate)> = None;
        let mut time_in_head = None;
        let mut time_published = None;
        for i in 0..self.nodes.len() {
            let Some(e) = self.elem(i) else { continue };
            match e.name() {
                "meta" => {
                    let key = ["property", "name", "itemprop"]
                        .iter()
                        .find_map(|a| e.attr(a))
                        .unwrap_or("")
                        .to_ascii_lowercase();
                    let Some(rank) = META.iter().position(|m| *m == key) else {
                        continue;
                    };
                    if best.as_ref().is_some_and(|(r, _)| *r <= rank) {
                        continue;
                    }
                    if let Some(d) = e.attr("content").and_then(date_from_str) {
                        best = Some((rank, d));
                    }
                }
                "time" => {
                    let Some(d) = e.attr("datetime").and_then(date_from_str) else {
                        continue;
                    };
                    let in_head = self.ancestors(i).any(|a| self.name(a) == "head");
                    let published = e.attr("itemprop").is_some_and(|p| p == "datePublished")
                        || e.attr("class")
                            .is_some_and(|c| c.contains("published") || c.contains("entry-date"));
                    if in_head && time_in_head.is_none() {
                        time_in_head = Some(d);
                    } else if published && time_published.is_none() {
                        time_published = Some(d);
                    }
                }
                _ => {}
            }
        }
        best.map(|(_, d)| d).or(time_in_head).or(time_published)
    }

    fn ancestors(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        std::iter::successors(self.parent(i), move |&p| self.parent(p))
    }
}

// ---------------------------------------------------------------------------------------------
// Which links are markers, which elements are notes.

/// An id that names a note: `fn3`, `_ftn3`, `footnote-3`, `easy-footnote-bottom-3-…`, ...
static NOTE_ID: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:easy-footnote-bottom|cite_note|_?ftn|_?edn|fn|footnote|endnote|note)[-_:]?(\d+)",
    )
    .expect("constant regex")
});
static TRAILING_NUM: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(\d+)\D*$").expect("constant regex"));
static LEADING_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?:\[(\d{1,4})\]|\((\d{1,4})\)|(\d{1,4})[.):](?:\s|$)|(\d{1,4})\s)\s*")
        .expect("constant regex")
});

struct FoundMarker {
    /// The `<a>`.
    link: usize,
    /// The outermost element standing for the marker (`<sup>` around the link, or the link).
    wrapper: usize,
    /// The note container it points to, if the target exists.
    target: Option<usize>,
    /// The visible number, when it is one.
    label: Option<String>,
    /// A label derived from the target id.
    id_label: String,
}

struct FoundNote {
    /// The element whose text is the note.
    container: usize,
    /// The element the markers point at (the container or inside it).
    target: usize,
    marker_label: Option<String>,
    id_label: String,
}

struct Found {
    markers: Vec<FoundMarker>,
    notes: Vec<FoundNote>,
    backlinks: HashSet<usize>,
}

/// The label a fragment id stands for: its note number, else its trailing number, else itself.
fn label_from_id(id: &str) -> String {
    if let Some(n) = NOTE_ID.captures(id).and_then(|c| c.get(1)) {
        return trim_zeros(n.as_str());
    }
    if let Some(n) = TRAILING_NUM.captures(id).and_then(|c| c.get(1)) {
        return trim_zeros(n.as_str());
    }
    id.to_string()
}

fn trim_zeros(n: &str) -> String {
    let t = n.trim_start_matches('0');
    if t.is_empty() {
        "0".to_string()
    } else {
        t.to_string()
    }
}

/// The visible label of a marker when it is a number (`,3` → `3`, `[1]` → `1`).
fn numeric_label(text: &str) -> Option<String> {
    let t: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, ',' | '[' | ']' | '(' | ')' | '\u{a0}'))
        .collect();
    (!t.is_empty() && t.len() <= 5 && t.chars().all(|c| c.is_ascii_digit())).then(|| trim_zeros(&t))
}

/// Removes a leading printed label (`12.`, `[12]`, `(12)`) and trailing back-link arrows from
/// a rendered note; returns the printed label and the collapsed text.
fn strip_note_label(rendered: &str, expected: &str) -> (Option<String>, String) {
    let mut text = collapse_ws(rendered);
    loop {
        let t = text.trim_end();
        let stripped = ["↩︎", "↩", "\u{fe0e}", "↑", "^", "⤴"]
            .iter()
            .find_map(|s| t.strip_suffix(s));
        match stripped {
            Some(s) => text = s.trim_end().to_string(),
            None => break,
        }
    }
    let mut printed = None;
    if let Some(c) = LEADING_LABEL.captures(&text) {
        // `[N]`, `(N)` always; `N.` unless it looks like a year; a bare `N` only when it is
        // the note's own number
        let num = match (c.get(1).or(c.get(2)), c.get(3), c.get(4)) {
            (Some(n), _, _) => Some(n),
            (_, Some(n), _) if n.as_str().len() <= 3 || trim_zeros(n.as_str()) == expected => {
                Some(n)
            }
            (_, _, Some(n)) if trim_zeros(n.as_str()) == expected => Some(n),
            _ => None,
        };
        if let (Some(whole), Some(num)) = (c.get(0), num) {
            printed = Some(trim_zeros(num.as_str()));
            text = text.get(whole.end()..).unwrap_or("").to_string();
        }
    }
    (printed, text.trim().to_string())
}

fn has_token(s: &str, tokens: &[&str]) -> bool {
    s.split_whitespace().any(|t| tokens.contains(&t))
}

fn find_footnotes(dom: &Dom<'_>) -> Found {
    // 1. In-page links and their targets.
    struct Cand {
        link: usize,
        key: String,
        target: Option<usize>,
        wrapper: usize,
        label: Option<String>,
    }
    let mut cands: Vec<Cand> = Vec::new();
    let mut backlinks: HashSet<usize> = HashSet::new();
    for &a in &dom.anchors {
        let Some(e) = dom.elem(a) else { continue };
        let href = e.attr("href").unwrap_or("").trim();
        let Some(key) = href.strip_prefix('#') else {
            continue;
        };
        if key.is_empty() {
            continue;
        }
        let target = dom.ids.get(key).or_else(|| dom.names.get(key)).copied();
        let text = dom.text(a);
        let text_t = text.trim();
        let class = dom.attr_lc(a, "class");
        let role = dom.attr_lc(a, "role");
        let title = format!(
            "{} {}",
            dom.attr_lc(a, "title"),
            dom.attr_lc(a, "aria-label")
        );
        let is_back = role.contains("doc-backlink")
            || class.contains("back")
            || class.contains("reversefootnote")
            || class.contains("to-top")
            || text_t.contains('↩')
            || matches!(text_t, "^" | "↑" | "⤴")
            || text_t.to_ascii_lowercase().starts_with("jump back")
            || text_t.to_ascii_lowercase().starts_with("back to")
            || title.contains("jump back")
            || title.contains("back to")
            || title.contains("return to")
            || title.contains("footnote reference");
        if is_back {
            backlinks.insert(a);
            continue;
        }
        // the marker's wrapper: a <sup>/<span class=easy-footnote> around it
        let parent = dom.parent(a);
        let grand = parent.and_then(|p| dom.parent(p));
        let in_sup = [parent, grand]
            .iter()
            .flatten()
            .any(|&p| dom.name(p) == "sup")
            || (a..=dom.end(a)).any(|n| dom.name(n) == "sup");
        let wrapper = match parent {
            Some(p) if dom.name(p) == "sup" => p,
            _ => a,
        };
        let mut classes = class.clone();
        for n in [parent, grand]
            .into_iter()
            .flatten()
            .chain(a + 1..=dom.end(a))
        {
            classes.push(' ');
            classes.push_str(&dom.attr_lc(n, "class"));
        }
        let class_signal = classes.contains("footnote")
            || classes.contains("noteref")
            || classes.contains("endnote")
            || has_token(
                &classes,
                &["fn", "reference", "footnote-ref", "easy-footnote"],
            );
        let label = numeric_label(text_t);
        let noteish = NOTE_ID.is_match(key) && !key.to_ascii_lowercase().contains("ref");
        let signal =
            in_sup || role.contains("doc-noteref") || class_signal || (label.is_some() && noteish);
        if !signal {
            continue;
        }
        if target.is_none() && !(noteish || role.contains("doc-noteref")) {
            continue;
        }
        cands.push(Cand {
            link: a,
            key: key.to_string(),
            target,
            wrapper,
            label,
        });
    }

    // 2. A candidate pointing at another candidate is a back-link; of two pointing at each
    //    other, the marker is the one whose target id is not a `…ref…`, else the earlier.
    let mut spots: HashMap<usize, usize> = HashMap::new(); // node → candidate index
    for (ci, c) in cands.iter().enumerate() {
        spots.insert(c.link, ci);
        let mut cur = c.link;
        for _ in 0..2 {
            match dom.parent(cur) {
                Some(p) if !is_block(dom.name(p)) => {
                    spots.entry(p).or_insert(ci);
                    cur = p;
                }
                _ => break,
            }
        }
    }
    let has_ref = |k: &str| k.to_ascii_lowercase().contains("ref");
    let mut is_marker = vec![true; cands.len()];
    for (ci, c) in cands.iter().enumerate() {
        let Some(t) = c.target else { continue };
        let Some(&di) = spots.get(&t) else { continue };
        if di == ci {
            continue;
        }
        let Some(d) = cands.get(di) else { continue };
        let mutual = d
            .target
            .and_then(|dt| spots.get(&dt))
            .is_some_and(|&x| x == ci);
        let marker = mutual
            && if has_ref(&c.key) != has_ref(&d.key) {
                !has_ref(&c.key)
            } else {
                c.link < d.link
            };
        if !marker {
            if let Some(m) = is_marker.get_mut(ci) {
                *m = false;
            }
            backlinks.insert(c.link);
        }
    }

    // 3. Note containers.
    let mut targets: Vec<usize> = cands
        .iter()
        .zip(&is_marker)
        .filter(|(_, &m)| m)
        .filter_map(|(c, _)| c.target)
        .collect();
    // unreferenced notes: footnote-like ids, and items of a footnotes list
    let mut extra: Vec<usize> = Vec::new();
    for i in 0..dom.nodes.len() {
        let Some(e) = dom.elem(i) else { continue };
        let key = e
            .id()
            .or_else(|| (e.name() == "a").then(|| e.attr("name")).flatten());
        let noteish_id = key.is_some_and(|k| NOTE_ID.is_match(k) && !has_ref(k));
        let in_list = e.name() == "li"
            && dom.parent(i).is_some_and(|ol| {
                std::iter::once(ol)
                    .chain(dom.ancestors(ol).take(2))
                    .any(|x| {
                        let c = dom.attr_lc(x, "class");
                        let r = dom.attr_lc(x, "role");
                        c.contains("footnotes") || r.contains("doc-endnotes")
                    })
            });
        if (noteish_id || in_list)
            && e.attr("href").is_none()
            && !spots.contains_key(&i)
            && dom.name(dom.parent(i).unwrap_or(i)) != "sup"
        {
            extra.push(i);
        }
    }
    targets.extend(extra.iter().copied());
    targets.sort_unstable();
    targets.dedup();

    let container_of = |t: usize| -> usize {
        let name = dom.name(t);
        let mut c = t;
        if !is_block(name) || dom.text(t).trim().is_empty() {
            let b = dom.block_of(t);
            if b != t && !matches!(dom.name(b), "body" | "html") {
                c = b;
            }
        }
        // Word: <div id=ftn1><p class=MsoFootnoteText>…</p></div>
        if let Some(p) = dom.parent(c) {
            let pid = dom.attr_lc(p, "id");
            let pcl = dom.attr_lc(p, "class");
            let noteish = pid.contains("ftn")
                || pid.contains("edn")
                || pid.contains("footnote")
                || NOTE_ID.is_match(&pid)
                || pcl.contains("footnote");
            if matches!(dom.name(p), "div" | "li") && noteish {
                let end = dom.end(p);
                let lo = targets.partition_point(|&x| x <= p);
                let hi = targets.partition_point(|&x| x <= end);
                if hi.saturating_sub(lo) <= 1 {
                    c = p;
                }
            }
        }
        c
    };

    let mut markers = Vec::new();
    let mut notes: Vec<FoundNote> = Vec::new();
    let mut note_at: HashMap<usize, usize> = HashMap::new(); // container → note index
    let mut add_note = |t: usize, notes: &mut Vec<FoundNote>| -> usize {
        let c = container_of(t);
        *note_at.entry(c).or_insert_with(|| {
            let key = dom
                .elem(c)
                .and_then(|e| e.id())
                .filter(|id| !id.is_empty())
                .or_else(|| dom.elem(t).and_then(|e| e.id().or(e.attr("name"))))
                .unwrap_or("");
            notes.push(FoundNote {
                container: c,
                target: t,
                marker_label: None,
                id_label: label_from_id(key),
            });
            notes.len() - 1
        })
    };
    for (c, _) in cands.iter().zip(&is_marker).filter(|(_, &m)| m) {
        let container = c.target.map(|t| {
            let ni = add_note(t, &mut notes);
            if let Some(n) = notes.get_mut(ni) {
                if n.marker_label.is_none() {
                    n.marker_label = c.label.clone().or_else(|| Some(label_from_id(&c.key)));
                }
                n.container
            } else {
                t
            }
        });
        markers.push(FoundMarker {
            link: c.link,
            wrapper: c.wrapper,
            target: container,
            label: c.label.clone(),
            id_label: label_from_id(&c.key),
        });
    }
    // skip extra ones inside (or holding) a note already found
    let mut ranges: Vec<(usize, usize)> = notes
        .iter()
        .map(|n| (n.container, dom.end(n.container)))
        .collect();
    ranges.sort_unstable();
    let starts: Vec<usize> = ranges.iter().map(|r| r.0).collect();
    let max_end: Vec<usize> = ranges
        .iter()
        .scan(0usize, |m, r| {
            *m = (*m).max(r.1);
            Some(*m)
        })
        .collect();
    for t in extra {
        let k = starts.partition_point(|&s| s <= t);
        let inside = k > 0 && max_end.get(k - 1).is_some_and(|&e| e >= t);
        let holds = starts.get(k).is_some_and(|&s| s <= dom.end(t));
        if !inside && !holds {
            add_note(t, &mut notes);
        }
    }
    notes.sort_by_key(|n| n.container);
    // a marker inside a note is a cross-reference, kept; a note inside another is dropped
    let mut kept: Vec<FoundNote> = Vec::new();
    let mut kept_end: Option<usize> = None;
    for n in notes {
        if kept_end.is_some_and(|e| n.container <= e) {
            continue;
        }
        kept_end = Some(dom.end(n.container));
        kept.push(n);
    }
    Found {
        markers,
        notes: kept,
        backlinks,
    }
}

#[cfg(test)]
mod tests;
