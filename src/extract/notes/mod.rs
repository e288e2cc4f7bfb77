//! Reading notes by evidence: for text whose layout nobody told us (PDF text, flattened web
//! pages, Markdown and HTML whose markup does not mark the notes), every plausible reading is
//! built and the one that explains the document best is kept.
//!
//! Stages, each its own module, importing only downwards:
//! 1. [`labels`]: candidate note starts of every grammar (`1.` `[1]` `(1)` `1)` `^1` `¹` …);
//! 2. [`chain`]: for each grammar, the run of labels 1, 2, 3 … whose texts cite best;
//!    [`unnumbered`]: notes closed by back-links or one per line, without numbers;
//! 3. [`markers`]: the body's markers for the notes chosen;
//! 4. this module: each reading scored by [`evidence`] (what its notes cite, how many are
//!    paired with markers), the best one turned into notes and markers.
//!
//! Written by hand: no crate reads footnotes out of flattened or PDF-extracted text.

pub mod chain;
pub mod evidence;
pub mod labels;
pub mod markers;
pub mod unnumbered;

use rustc_hash::FxHashSet as HashSet;

use crate::extract::prose::{collapse_ws, sentence_context};
use crate::extract::urls::{find_urls, problem_in_prose, rejoin_broken};
use crate::model::{LineIndex, Marker, NoteDef, Pos, UrlRef};
use labels::Numbering;

/// A note of a reading, by byte offsets into the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NoteAt {
    pub label: String,
    /// Where the label (or, unlabelled, the text) starts.
    pub start: usize,
    pub text_start: usize,
    pub end: usize,
}

/// A marker of a reading.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MarkerAt {
    pub label: String,
    pub at: usize,
}

/// One way of reading a document's notes.
#[derive(Clone, Debug)]
pub struct Reading {
    pub notes: Vec<NoteAt>,
    pub markers: Vec<MarkerAt>,
    /// How the notes were read, for reports ("`[n]` notes after a heading").
    pub how: String,
    pub score: f64,
}

/// The score of a set of notes and markers, whatever reader produced them: what the notes
/// cite, plus the notes the body points to, less markers that point nowhere.
pub fn score(note_texts: &[&str], labels: &[&str], marker_labels: &[&str]) -> f64 {
    let mut s: f64 = note_texts.iter().map(|t| evidence::note_value(t)).sum();
    let defined: HashSet<&str> = labels.iter().copied().collect();
    let used: HashSet<&str> = marker_labels.iter().copied().collect();
    let paired = labels.iter().filter(|l| used.contains(*l)).count();
    let dangling = used.iter().filter(|l| !defined.contains(*l)).count();
    let duplicated = labels.len() - defined.len();
    s += 0.8 * paired as f64;
    s -= 0.5 * dangling as f64;
    s -= 1.0 * duplicated as f64;
    s
}

fn rescore(text: &str, r: &mut Reading) {
    let texts: Vec<&str> = r
        .notes
        .iter()
        .map(|n| text.get(n.text_start..n.end).unwrap_or(""))
        .collect();
    let labels: Vec<&str> = r.notes.iter().map(|n| n.label.as_str()).collect();
    let marks: Vec<&str> = r.markers.iter().map(|m| m.label.as_str()).collect();
    r.score = score(&texts, &labels, &marks);
}

/// The body: `[from, len)` less the notes' spans.
fn body_regions(text: &str, from: usize, notes: &[NoteAt]) -> Vec<(usize, usize)> {
    let mut spans: Vec<(usize, usize)> = notes.iter().map(|n| (n.start, n.end)).collect();
    spans.sort_unstable();
    let mut out = Vec::new();
    let mut at = from;
    for (a, b) in spans {
        if a > at {
            out.push((at, a));
        }
        at = at.max(b);
    }
    if at < text.len() {
        out.push((at, text.len()));
    }
    out
}

fn with_markers(
    text: &str,
    from: usize,
    mut r: Reading,
    numbering: Numbering,
    max: u32,
    paren_close: bool,
) -> Reading {
    let regions = body_regions(text, from, &r.notes);
    r.markers = markers::find(text, &regions, numbering, max, paren_close)
        .into_iter()
        .map(|f| MarkerAt {
            label: numbering.label(f.value),
            at: f.at,
        })
        .collect();
    if r.markers.len() * 10 < r.notes.len() * 3 && inline(text, from, &mut r.notes) {
        // notes written inline in the body: each note's number is its own marker
        r.markers = r
            .notes
            .iter()
            .map(|n| MarkerAt {
                label: n.label.clone(),
                at: n.start,
            })
            .collect();
    }
    rescore(text, &mut r);
    r
}

/// Are these notes written inline, in the body (web pop-up notes flattened into the text)?
/// No notes heading before them, and they are spread over most of the text. Then each ends
/// with its citation (the body resumes after it), and the body between them must outweigh
/// them; otherwise (a notes section, a page's footnote block) they are left as they were.
fn inline(text: &str, from: usize, notes: &mut [NoteAt]) -> bool {
    let (Some(first), Some(last)) = (notes.first(), notes.last()) else {
        return false;
    };
    if notes.len() < 2 || evidence::heading_before(text, first.start).is_some() {
        return false;
    }
    let span = last.end.saturating_sub(first.start);
    if span * 2 < text.len().saturating_sub(from) {
        return false;
    }
    let trimmed: Vec<usize> = notes
        .iter()
        .map(|n| {
            let s = text.get(n.text_start..n.end).unwrap_or("");
            n.text_start + evidence::note_end(s, s.len())
        })
        .collect();
    let in_notes: usize = notes
        .iter()
        .zip(&trimmed)
        .map(|(n, &e)| e.saturating_sub(n.start))
        .sum();
    if in_notes * 2 >= span {
        return false;
    }
    // and each cites like a note: a link, or a quoted title with a year (a body sentence after
    // a spaced marker, `HBM. 1 As of 2026, most chips…`, has at most a year)
    let citing = notes
        .iter()
        .zip(&trimmed)
        .filter(|(n, &e)| {
            let s = evidence::signals(text.get(n.text_start..e).unwrap_or(""));
            s.url || (s.quoted && s.year)
        })
        .count();
    if citing * 10 < notes.len() * 6 {
        return false;
    }
    for (n, e) in notes.iter_mut().zip(trimmed) {
        n.end = e;
    }
    true
}

/// The numbered readings: the best chain with further lists beside it, and page blocks out
/// of order in the best chain's grammar.
fn numbered(text: &str, from: usize) -> Vec<Reading> {
    let cands = mark_furniture(text, labels::candidates(text, from));
    let all = chain::chains(text, &cands);
    let Some(best) = all.into_iter().find(|c| c.members.len() >= 2) else {
        return single(text, from, &cands).into_iter().collect();
    };
    let mut best = best;
    fill_gaps(&mut best, &cands);
    let mut lists = vec![best.clone()];
    lists.extend(chain::more_lists(text, &cands, &best));
    let mut out: Vec<Reading> = from_lists(text, from, lists).into_iter().collect();
    let groups = chain::groups(&cands);
    if let Some(b) = groups
        .get(&(best.grammar, best.numbering))
        .and_then(|g| chain::blocks(text, g))
    {
        let in_order = b
            .members
            .windows(2)
            .all(|w| w.first().map(|m| m.value) < w.get(1).map(|m| m.value));
        if !in_order {
            out.extend(from_lists(text, from, vec![b]).map(|mut r| {
                r.how = format!("{}, page blocks out of order", r.how);
                // the order is the extraction's, not the author's: notes go by number
                r.notes
                    .sort_by_key(|n| n.label.parse::<u32>().unwrap_or(u32::MAX));
                r
            }));
        }
    }
    out
}

/// Marks the candidates that may be page furniture: the same words after three or more
/// different numbers (`7 Working Paper | Issue 17/26`, `12 CHINA INTERNATIONAL STUDIES`) are
/// a running header or footer with its page number. They cost a chain something, so that a
/// real note of the same number wins; a note that cites the same work again, having no rival,
/// still links its chain. Short forms (`Ibid.`, `Id.`, `See`) repeat as notes and are not marked.
fn mark_furniture(text: &str, mut cands: Vec<labels::Cand>) -> Vec<labels::Cand> {
    let key = |c: &labels::Cand| -> String {
        let s = text.get(c.text_start..).unwrap_or("");
        s.chars().take(24).collect::<String>().to_lowercase()
    };
    let mut seen: rustc_hash::FxHashMap<String, HashSet<u32>> = rustc_hash::FxHashMap::default();
    for c in &cands {
        seen.entry(key(c)).or_default().insert(c.value);
    }
    for c in &mut cands {
        let k = key(c);
        let short = evidence::signals(&k).short_form;
        c.repeated = !short && seen.get(&k).is_some_and(|v| v.len() >= 3);
    }
    cands
}

/// A document with one note (a chain needs two): the last label 1 in the text's last two
/// fifths whose note cites (a link, or a quoted title with a year; a year after a bracketed or
/// superscript label), kept only when the body before it holds its marker.
fn single(text: &str, from: usize, cands: &[labels::Cand]) -> Option<Reading> {
    let tail_from = from + (text.len().saturating_sub(from)) * 3 / 5;
    let c = cands.iter().rev().find(|c| {
        c.value == 1 && c.start >= tail_from && c.numbering == Numbering::Arabic && {
            let rest = text.get(c.text_start..).unwrap_or("");
            let s = evidence::signals(rest.get(..evidence::note_end(rest, 2500)).unwrap_or(""));
            // a bracketed or superscript label needs less: a year
            s.url || (s.quoted && s.year) || (c.grammar.strong() && s.year)
        }
    })?;
    let rest = text.get(c.text_start..).unwrap_or("");
    let end = c.text_start + evidence::note_end(rest, 2500);
    let r = Reading {
        notes: vec![NoteAt {
            label: "1".to_string(),
            start: c.start,
            text_start: c.text_start,
            end,
        }],
        markers: Vec::new(),
        how: format!("one note labelled {}", c.grammar.name()),
        score: 0.0,
    };
    let r = with_markers(
        text,
        from,
        r,
        Numbering::Arabic,
        1,
        c.grammar == labels::Grammar::ParenClose,
    );
    r.markers.iter().any(|m| m.at < c.start).then_some(r)
}

/// A number the chain skipped, written in another grammar between its neighbours (`[12] .
/// Ibid. 13. National Academies … [14] .`): the note it starts is put back in its place.
fn fill_gaps(chain: &mut chain::Chain, cands: &[labels::Cand]) {
    let mut i = 0;
    while i + 1 < chain.members.len() {
        let (Some(a), Some(b)) = (
            chain.members.get(i).copied(),
            chain.members.get(i + 1).copied(),
        ) else {
            break;
        };
        if b.value == a.value + 2 {
            let from = cands.partition_point(|c| c.start <= a.text_start);
            let found = cands
                .get(from..)
                .unwrap_or(&[])
                .iter()
                .take_while(|c| c.start < b.start)
                .find(|c| c.value == a.value + 1 && c.numbering == chain.numbering)
                .copied();
            if let (Some(c), Some(end)) = (found, chain.ends.get(i).copied()) {
                if let Some(e) = chain.ends.get_mut(i) {
                    *e = c.start;
                }
                chain.members.insert(i + 1, c);
                chain.ends.insert(i + 1, end.max(c.text_start));
            }
        }
        i += 1;
    }
}

/// A reading of the lists given (the first one's labels plain, the others' `k:n`).
fn from_lists(text: &str, from: usize, mut lists: Vec<chain::Chain>) -> Option<Reading> {
    lists.sort_by_key(|c| c.members.first().map_or(0, |m| m.start));
    let mut notes = Vec::new();
    // a list that restarts the numbering is the k-th (`2:1`); one that carries it on is not
    let mut k = 0;
    let mut last_value = 0;
    for list in &lists {
        if list.members.first().is_some_and(|m| m.value <= last_value) {
            k += 1;
        }
        last_value = list
            .members
            .iter()
            .map(|m| m.value)
            .max()
            .unwrap_or(last_value);
        for (m, &end) in list.members.iter().zip(&list.ends) {
            let base = list.numbering.label(m.value);
            let label = if k == 0 {
                base
            } else {
                format!("{}:{base}", k + 1)
            };
            notes.push(NoteAt {
                label,
                start: m.start,
                text_start: m.text_start,
                end: end.max(m.text_start),
            });
        }
    }
    let first = lists.first()?;
    let max = first.members.iter().map(|m| m.value).max().unwrap_or(0);
    let how = format!(
        "notes labelled {}{}, {} list{}",
        first.grammar.name(),
        if first.heading.is_some() {
            " after a notes heading"
        } else {
            ""
        },
        lists.len(),
        if lists.len() == 1 { "" } else { "s" }
    );
    let r = Reading {
        notes,
        markers: Vec::new(),
        how,
        score: 0.0,
    };
    let paren = first.grammar == labels::Grammar::ParenClose;
    let r = with_markers(text, from, r, first.numbering, max, paren);
    convincing(text, &r, first.heading.is_some()).then_some(r)
}

fn from_spans(text: &str, from: usize, spans: &[unnumbered::Span], how: &str) -> Reading {
    let notes: Vec<NoteAt> = spans
        .iter()
        .enumerate()
        .map(|(i, s)| NoteAt {
            label: (i + 1).to_string(),
            start: s.start,
            text_start: s.start,
            end: s.end,
        })
        .collect();
    let max = u32::try_from(notes.len()).unwrap_or(u32::MAX);
    let r = Reading {
        notes,
        markers: Vec::new(),
        how: how.to_string(),
        score: 0.0,
    };
    with_markers(text, from, r, Numbering::Arabic, max, false)
}

/// Is a reading evidently of notes? Its notes follow a notes heading; or some of them cite
/// (a link, a year or a short form) and either the body's markers point to half of them or
/// half of them cite. A numbered list of prose items is none of these.
fn convincing(text: &str, r: &Reading, heading: bool) -> bool {
    let n = r.notes.len();
    if n == 0 {
        return false;
    }
    let used: HashSet<&str> = r.markers.iter().map(|m| m.label.as_str()).collect();
    let paired = r
        .notes
        .iter()
        .filter(|x| used.contains(x.label.as_str()))
        .count();
    let citing = r
        .notes
        .iter()
        .filter(|x| {
            let s = evidence::signals(text.get(x.text_start..x.end).unwrap_or(""));
            s.url || s.year || s.short_form
        })
        .count();
    // notes none of which cites anything (running heads paired with stray digits) are not
    // convincing, unless a notes heading announces them
    heading || (citing > 0 && (paired * 2 >= n || citing * 2 >= n))
}

/// Every reading of `text[from..]`, best first.
pub fn readings(text: &str, from: usize) -> Vec<Reading> {
    let mut out = Vec::new();
    out.extend(numbered(text, from));
    if let Some((heading, spans)) = unnumbered::by_backlinks(text, from) {
        let r = from_spans(text, from, &spans, "unnumbered notes closed by back-links");
        if convincing(text, &r, heading.is_some()) {
            out.push(r);
        }
    }
    if let Some((_, spans)) = unnumbered::by_lines(text, from) {
        out.push(from_spans(
            text,
            from,
            &spans,
            "unnumbered notes, one per line",
        ));
    }
    out.sort_by(|a, b| b.score.total_cmp(&a.score));
    out
}

/// The best reading of `text[from..]`, if any reading finds notes.
pub fn read(text: &str, from: usize) -> Option<Reading> {
    readings(text, from).into_iter().next()
}

/// A reading turned into the model's notes and markers (positions as line and column, URLs
/// found in each note's text, each marker with its sentence).
pub fn materialize(text: &str, r: &Reading) -> (Vec<NoteDef>, Vec<Marker>) {
    materialize_in(text, r, text, &|o| o)
}

/// [`materialize`] for a text rendered from another source (an HTML page): positions are
/// those of `source`, found through `to_source`.
pub fn materialize_in(
    text: &str,
    r: &Reading,
    source: &str,
    to_source: &dyn Fn(usize) -> usize,
) -> (Vec<NoteDef>, Vec<Marker>) {
    struct Pending {
        label: String,
        start: usize,
        raw: String,
        urls: Vec<(usize, String, Option<String>)>,
    }
    let mut offsets: Vec<usize> = Vec::new();
    let mut pending = Vec::with_capacity(r.notes.len());
    for n in &r.notes {
        let raw = text.get(n.text_start..n.end).unwrap_or("");
        let joined = rejoin_broken(raw);
        let mut urls: Vec<(usize, String, Option<String>)> = Vec::new();
        for u in find_urls(&joined) {
            if urls.iter().any(|x| x.1 == u.url) {
                continue;
            }
            // where the URL starts in the text as written (its first characters are intact)
            let head: String = u.url.chars().take(12).collect();
            let at = n.text_start + raw.find(&head).unwrap_or(u.start.min(raw.len()));
            offsets.push(at);
            let after = joined.get(u.end..).unwrap_or("");
            let problem = problem_in_prose(&u.url, after);
            urls.push((at, u.url.clone(), problem));
        }
        offsets.push(n.start);
        pending.push(Pending {
            label: n.label.clone(),
            start: n.start,
            raw: joined,
            urls,
        });
    }
    offsets.extend(r.markers.iter().map(|m| m.at));
    let mut offsets: Vec<usize> = offsets.into_iter().map(to_source).collect();
    offsets.sort_unstable();
    offsets.dedup();
    let mut idx = LineIndex::new(source);
    let positions: Vec<Pos> = offsets.iter().map(|&o| idx.pos(o)).collect();
    let pos_of = |o: usize| -> Pos {
        let o = to_source(o);
        offsets
            .binary_search(&o)
            .ok()
            .and_then(|k| positions.get(k).copied())
            .unwrap_or_default()
    };
    let notes = pending
        .into_iter()
        .map(|p| NoteDef {
            cited: None,
            label: p.label,
            pos: pos_of(p.start),
            text: collapse_ws(&p.raw),
            urls: p
                .urls
                .into_iter()
                .map(|(at, url, problem)| UrlRef {
                    url,
                    pos: pos_of(at),
                    problem,
                })
                .collect(),
        })
        .collect();
    let mut markers: Vec<Marker> = r
        .markers
        .iter()
        .map(|m| Marker {
            label: m.label.clone(),
            pos: pos_of(m.at),
            context: sentence_context(text.get(..m.at).unwrap_or("")),
        })
        .collect();
    markers.sort_by_key(|m| m.pos);
    (notes, markers)
}

/// When a document read as having no notes evidently has some, where and what was seen: a
/// notes heading followed by links or citation-like text, or markers in the body.
pub fn unreadable(text: &str, from: usize, markers: usize) -> Option<(usize, String)> {
    let mut at = text.len();
    // the last notes heading with links after it, searching back from the end
    while let Some((h, e)) = evidence::heading_before_word(text, from, at) {
        let after = bounded_from(text, e, 6000);
        let links = after.matches("http://").count() + after.matches("https://").count();
        let cites = evidence::signals(after);
        // `Source: …` / `SOURCES: …` under a figure is a caption's credit, not a notes section
        let word = text.get(h..e).unwrap_or("").to_lowercase();
        let caption =
            word.starts_with("source") && text.get(e..).is_some_and(|r| r.starts_with(':'));
        if !caption && (links >= 2 || (cites.year && cites.quoted)) {
            let name = text.get(h..e).unwrap_or("notes");
            let what = if links > 0 {
                format!("{links} link{}", if links == 1 { "" } else { "s" })
            } else {
                "citation-like text".to_string()
            };
            let also = if markers > 0 {
                format!(
                    " and {markers} marker{} in the body",
                    if markers == 1 { "" } else { "s" }
                )
            } else {
                String::new()
            };
            return Some((
                h,
                format!("a “{name}” section followed by {what}{also}, but no reading of its notes is convincing"),
            ));
        }
        at = h;
    }
    (markers > 0).then(|| {
        (
            from,
            format!(
                "{markers} note marker{} in the body, but no notes could be read",
                if markers == 1 { "" } else { "s" }
            ),
        )
    })
}

fn bounded_from(text: &str, from: usize, n: usize) -> &str {
    let mut end = (from + n).min(text.len());
    while end > from && !text.is_char_boundary(end) {
        end -= 1;
    }
    text.get(from..end).unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flattened_endnotes_are_read_and_paired() {
        let text = "Intro claim. 1 More words here about 2019 events that matter a lot. Claim two [x]. 2 Then. \
                    Endnotes 1 See Smith, “A,” 2019, https://a.org/x . 2 Jones, “B,” May 3, 2020, https://b.org/y .";
        let r = read(text, 0);
        let r = r.as_ref();
        let labels: Vec<&str> = r
            .map(|r| r.notes.iter().map(|n| n.label.as_str()).collect())
            .unwrap_or_default();
        assert_eq!(labels, ["1", "2"]);
        let marks: Vec<&str> = r
            .map(|r| r.markers.iter().map(|m| m.label.as_str()).collect())
            .unwrap_or_default();
        assert_eq!(marks, ["1", "2"]);
    }

    #[test]
    fn running_headers_lose_to_the_notes_of_the_same_number() {
        // page-bottom footnotes between pages whose header starts with the page number
        let body =
            "The argument continues across the page with no citation in it at all. ".repeat(12);
        let mut text = String::new();
        for n in 1..=4 {
            text.push_str(&format!(
                "{n} Working Paper | Issue 17/26 | July 2026 {body} claim{n}. {n} Annex, Section {n}.1, 27 April 2026, https://ec.europa.eu/doc/{n}_en. "
            ));
        }
        let r = read(&text, 0);
        let starts: Vec<String> = r
            .map(|r| {
                r.notes
                    .iter()
                    .map(|n| {
                        text.get(n.text_start..n.text_start + 5)
                            .unwrap_or("")
                            .to_string()
                    })
                    .collect()
            })
            .unwrap_or_default();
        assert_eq!(starts, ["Annex", "Annex", "Annex", "Annex"]);
    }

    #[test]
    fn notes_written_inline_are_their_own_markers() {
        // web pop-up notes flattened into the body: no notes section, each note's number
        // stands in the running text, the body resumes after its citation
        let para =
            "The argument goes on for a while about data rules and what they mean for the sector. ";
        let mut text = String::new();
        for n in 1..=5 {
            text.push_str(&para.repeat(4));
            text.push_str(&format!(
                "A key point was made. {n} Mark Scott, “Framework {n},” Atlantic Council, April {n}, 2025, https://example.org/r/{n} . Importantly, the rules changed. "
            ));
        }
        let r = read(&text, 0);
        let notes: Vec<&str> = r
            .as_ref()
            .map(|r| r.notes.iter().map(|n| n.label.as_str()).collect())
            .unwrap_or_default();
        assert_eq!(notes, ["1", "2", "3", "4", "5"]);
        let marks: Vec<&str> = r
            .as_ref()
            .map(|r| r.markers.iter().map(|m| m.label.as_str()).collect())
            .unwrap_or_default();
        assert_eq!(marks, ["1", "2", "3", "4", "5"]);
        // each note ends with its citation; the body after it is not the note's
        let first = r.as_ref().and_then(|r| {
            r.notes
                .first()
                .map(|n| text.get(n.text_start..n.end).unwrap_or("").to_string())
        });
        assert!(first
            .is_some_and(|s| s.ends_with("https://example.org/r/1 .")
                || s.ends_with("https://example.org/r/1")));
    }

    #[test]
    fn a_number_written_in_another_grammar_keeps_its_place() {
        let text = "Body [1] and [2] and [3]. Notes [1] . Smith, “A,” 2019, https://a.org/1 . [2] . Ibid. 3. Jones, “B,” 2020, https://b.org/3 . [4] . Lee, “C,” 2021, https://c.org/4 .";
        let r = read(text, 0);
        let labels: Vec<&str> = r
            .as_ref()
            .map(|r| r.notes.iter().map(|n| n.label.as_str()).collect())
            .unwrap_or_default();
        assert_eq!(labels, ["1", "2", "3", "4"]);
        let two = r.as_ref().and_then(|r| {
            r.notes.get(1).map(|n| {
                text.get(n.text_start..n.end)
                    .unwrap_or("")
                    .trim()
                    .to_string()
            })
        });
        assert_eq!(two.as_deref(), Some("Ibid."));
    }

    #[test]
    fn a_figure_credit_is_no_notes_section() {
        let text =
            "Figure 1. Growth. SOURCES: data from https://a.org/x and https://b.org/y . More text.";
        assert_eq!(unreadable(text, 0, 0), None);
        let notes = "Body.\n\nNotes\n\nsee https://a.org/x and https://b.org/y\n";
        assert!(unreadable(notes, 0, 0).is_some());
    }

    #[test]
    fn body_sentences_after_spaced_markers_are_not_inline_notes() {
        // markers written ` N ` before a new sentence, the notes not in the text at all
        let para = "Memory bandwidth limits what the chips can do with their compute in practice. ";
        let mut text = String::new();
        for n in 1..=6 {
            text.push_str(&para.repeat(4));
            text.push_str(&format!("The share grew. {n} As of 202{n}, most leading chips use it, and the models need it. "));
        }
        let r = read(&text, 0);
        assert!(
            r.as_ref()
                .is_none_or(|r| r.markers.len() < r.notes.len() || r.notes.is_empty()),
            "{r:?}"
        );
    }

    #[test]
    fn a_document_with_one_note() {
        let body =
            "The approach is new and the argument runs on for a while in the body of the text. "
                .repeat(8);
        let text = format!("A claim on the dossier [1] opens the text. {body}It is a uniquely Indian approach. [1] Based on Smith, “An Unpublished Dossier,” June 25, 2025, https://a.org/x . About the Authors");
        let r = read(&text, 0);
        let labels: Vec<&str> = r
            .as_ref()
            .map(|r| r.notes.iter().map(|n| n.label.as_str()).collect())
            .unwrap_or_default();
        assert_eq!(labels, ["1"]);
        assert_eq!(
            r.as_ref().map(|r| r.markers.len()),
            Some(0).filter(|_| false).or(Some(1))
        );
        // without its marker, a lone citation at the end is not taken for a note
        let unmarked =
            text.replacen("approach. [1]", "approach.", 1)
                .replacen("[1] Based", "1 Based", 1);
        assert!(read(&unmarked, 0).is_none());
    }
}
