//! A PDF's web links: the link annotations of its pages (`/Annots`, `/Subtype /Link` with a
//! `/URI` action), placed on the line of text under them and given to the note that line
//! belongs to. The annotation holds the URL a reader clicks: it is added to a note whose text
//! lacks it, and it stands for a URL the text shows cut short or broken across lines.

use std::collections::HashSet;

use lopdf::{Dictionary, Document, Object, ObjectId};

use super::layout::Line;
use crate::extract::urls::{clean_url, url_problem, BROKEN};
use crate::model::{Document as Doc, NoteDef, Pos, UrlRef};

/// A link on a page: its rectangle (x0, y0, x1, y1 in the page's space) and target.
#[derive(Clone, Debug, PartialEq)]
pub struct PageLink {
    pub rect: [f32; 4],
    pub url: String,
}

/// A link placed in the document's text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link {
    pub pos: Pos,
    pub url: String,
}

/// The most links read on one page.
const MAX_LINKS: usize = 10_000;

/// The web links of a page, in the order of its annotations.
pub fn page_links(doc: &Document, page_id: ObjectId) -> Vec<PageLink> {
    let Ok(annots) = doc.get_page_annotations(page_id) else {
        return Vec::new();
    };
    annots
        .into_iter()
        .take(MAX_LINKS)
        .filter_map(|a| web_link(doc, a))
        .collect()
}

fn web_link(doc: &Document, annot: &Dictionary) -> Option<PageLink> {
    if annot.get(b"Subtype").and_then(Object::as_name).ok()? != b"Link" {
        return None;
    }
    let action = doc
        .dereference(annot.get(b"A").ok()?)
        .ok()?
        .1
        .as_dict()
        .ok()?;
    if action.get(b"S").and_then(Object::as_name).ok()? != b"URI" {
        return None;
    }
    let raw = doc
        .dereference(action.get(b"URI").ok()?)
        .ok()?
        .1
        .as_str()
        .ok()?;
    let uri: String = String::from_utf8_lossy(raw)
        .chars()
        .filter(|c| !c.is_control())
        .collect();
    let url = clean_url(uri.trim())?;
    let rect = doc
        .dereference(annot.get(b"Rect").ok()?)
        .ok()?
        .1
        .as_array()
        .ok()?;
    let mut r = [0.0f32; 4];
    for (slot, v) in r.iter_mut().zip(rect) {
        *slot = doc
            .dereference(v)
            .ok()?
            .1
            .as_float()
            .ok()
            .filter(|f| f.is_finite())?;
    }
    let [a, b, c, d] = r;
    Some(PageLink {
        rect: [a.min(c), b.min(d), a.max(c), b.max(d)],
        url,
    })
}

/// Where a link's rectangle lies in a page's lines (`lines`: each line with its 1-based line
/// in the document's text; `turn` maps a point of the page into the lines' frame): the line
/// most covered by it, and the column under its left edge.
pub fn place(
    link: &PageLink,
    lines: &[(usize, &Line)],
    turn: impl Fn(f32, f32) -> (f32, f32),
) -> Option<Pos> {
    let [x0, y0, x1, y1] = link.rect;
    let (ax, ay) = turn(x0, y0);
    let (bx, by) = turn(x1, y1);
    let (left, right) = (ax.min(bx), ax.max(bx));
    let (bottom, top) = (ay.min(by), ay.max(by));
    let mut best: Option<(f32, usize, &Line)> = None;
    for &(no, line) in lines {
        let band = (line.y - 0.3 * line.size, line.y + 0.9 * line.size);
        let v = (top.min(band.1) - bottom.max(band.0)).max(0.0);
        let h = (right.min(line.x1) - left.max(line.x0)).max(0.0);
        // a rectangle drawn a little off the text still counts, vertically
        let v = if h > 0.0 && v == 0.0 && (bottom - band.1).abs().min((top - band.0).abs()) < 2.0 {
            0.01
        } else {
            v
        };
        if v > 0.0 && h > 0.0 && best.is_none_or(|(s, _, _)| v * h > s) {
            best = Some((v * h, no, line));
        }
    }
    best.map(|(_, no, line)| Pos::new(no, line.column_at(left)))
}

/// Whether two URLs name the same target (a final slash apart).
fn same(a: &str, b: &str) -> bool {
    a.trim_end_matches('/') == b.trim_end_matches('/')
}

/// The 1-based lines a note's text spans, estimated from its start and its length.
fn span(lines: &[&str], note: &NoteDef) -> (usize, usize) {
    let start = note.pos.line;
    let want = note.text.chars().count();
    let mut have = 0usize;
    let mut end = start;
    for (i, l) in lines.iter().enumerate().skip(start.saturating_sub(1)) {
        end = i + 1;
        let t = l.trim();
        if t.is_empty() && i + 1 > start {
            break;
        }
        have += t.chars().count() + 1;
        if have >= want {
            break;
        }
    }
    (start, end)
}

/// Gives each link to the note whose text lies under it, or to the body: a URL the note
/// lacks is added, one it shows cut short or broken becomes the link's.
pub fn attach(doc: &mut Doc, text: &str, links: &[Link]) {
    if links.is_empty() {
        return;
    }
    let lines: Vec<&str> = text.split('\n').collect();
    // (start, end, note) by start line, to find a line's note in logarithmic time
    let mut spans: Vec<(usize, usize, usize)> = doc
        .notes
        .iter()
        .enumerate()
        .map(|(i, n)| {
            let (a, b) = span(&lines, n);
            (a, b, i)
        })
        .collect();
    spans.sort_unstable();
    let key = |u: &str| u.trim_end_matches('/').to_string();
    let mut in_body: HashSet<String> = doc.body_urls.iter().map(|u| key(&u.url)).collect();
    for link in links {
        let line = link.pos.line;
        let before = spans.partition_point(|s| s.0 <= line);
        // the latest note starting at or before the line whose text reaches it
        let owner = spans
            .get(before.saturating_sub(8)..before)
            .into_iter()
            .flatten()
            .rev()
            .find(|s| s.1 >= line)
            .map(|s| s.2);
        match owner.and_then(|i| doc.notes.get_mut(i)) {
            Some(note) => merge(&mut note.urls, link),
            None => {
                if in_body.insert(key(&link.url)) {
                    doc.body_urls.push(UrlRef {
                        url: link.url.clone(),
                        pos: link.pos,
                        problem: url_problem(&link.url),
                    });
                }
            }
        }
    }
}

fn merge(urls: &mut Vec<UrlRef>, link: &Link) {
    if urls.iter().any(|u| same(&u.url, &link.url)) {
        return;
    }
    // the text shows the URL cut short, or broken where a blank or a line end fell in it
    let shown = urls.iter_mut().find(|u| {
        link.url.starts_with(u.url.as_str())
            || u.problem.as_deref().is_some_and(|p| {
                p.strip_prefix(BROKEN)
                    .and_then(|r| r.strip_prefix(": "))
                    .is_some_and(|whole| same(whole, &link.url))
            })
    });
    if let Some(u) = shown {
        u.url.clone_from(&link.url);
        u.problem = None;
        return;
    }
    let at = urls.partition_point(|u| u.pos <= link.pos);
    urls.insert(
        at,
        UrlRef {
            url: link.url.clone(),
            pos: link.pos,
            problem: url_problem(&link.url),
        },
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(u: &str, line: usize, problem: Option<&str>) -> UrlRef {
        UrlRef {
            url: u.to_string(),
            pos: Pos::new(line, 1),
            problem: problem.map(str::to_string),
        }
    }

    fn link(u: &str, line: usize) -> Link {
        Link {
            pos: Pos::new(line, 3),
            url: u.to_string(),
        }
    }

    #[test]
    fn a_link_completes_what_the_text_shows() {
        let mut urls = vec![url("https://a.org/x", 5, None)];
        merge(&mut urls, &link("https://a.org/x/", 5));
        assert_eq!(urls.len(), 1);
        // cut short in the text
        merge(&mut urls, &link("https://a.org/x/full-title", 5));
        assert_eq!(urls[0].url, "https://a.org/x/full-title");
        // broken by a blank
        let mut urls = vec![url(
            "https://a.org/technologi",
            5,
            Some("seems broken by a blank: https://a.org/technologies/"),
        )];
        merge(&mut urls, &link("https://a.org/technologies/", 6));
        assert_eq!(urls[0].url, "https://a.org/technologies/");
        assert_eq!(urls[0].problem, None);
        // a URL the text does not show at all
        merge(&mut urls, &link("https://b.org/", 7));
        assert_eq!(urls.len(), 2);
        assert_eq!(urls[1].pos, Pos::new(7, 3));
    }

    #[test]
    fn links_go_to_the_note_under_them() {
        let text = "Body text.¹\n\n1 A note that runs over\ntwo lines, 2019.\n2 Another, 2020.\n\nBody again.";
        let mut doc = crate::extract::text::extract_str("x.pdf", text);
        assert_eq!(doc.notes.len(), 2, "{:?}", doc.notes);
        attach(
            &mut doc,
            text,
            &[
                link("https://one.org/a", 4),
                link("https://two.org/b", 5),
                link("https://body.org/c", 7),
            ],
        );
        assert_eq!(doc.notes[0].urls[0].url, "https://one.org/a");
        assert_eq!(doc.notes[1].urls[0].url, "https://two.org/b");
        assert_eq!(doc.body_urls.len(), 1);
    }
}
