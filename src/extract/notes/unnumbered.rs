//! Notes that lost their numbers: a notes section whose entries are closed by back-links
//! (`↩`, `↩︎`, "Back to text", "Return to text"), or that stand one per line under a notes
//! heading. They are numbered in order; the body's markers are paired with them afterwards
//! like any others.

use super::evidence::{heading_before_word, note_value, HEADINGS};

/// One unnumbered note: its text's byte span.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

const BACKLINKS: &[&str] = &["↩", "Back to text", "Return to text", "back to text"];

/// The notes closed by back-links, if the text has at least two of them. The first note
/// starts after the notes heading that precedes the first back-link (or, without one, at
/// the sentence before it).
pub fn by_backlinks(text: &str, from: usize) -> Option<(Option<usize>, Vec<Span>)> {
    let body = text.get(from..)?;
    let mut links: Vec<(usize, usize)> = Vec::new();
    for pat in BACKLINKS {
        for (i, m) in body.match_indices(pat) {
            links.push((from + i, from + i + m.len()));
        }
    }
    if links.len() < 2 {
        return None;
    }
    links.sort_unstable();
    let (first, _) = *links.first()?;
    // the heading: the last notes heading within the 4 KB before the first back-link
    let window_start = first.saturating_sub(4096).max(from);
    let heading = heading_before_word(text, window_start, first);
    let mut start = match heading {
        Some((_, end)) => end,
        None => {
            // no heading: the note starts at the sentence before the first back-link
            let before = text.get(window_start..first).unwrap_or("");
            window_start + before.rfind(". ").map_or(0, |k| k + 2)
        }
    };
    let mut spans = Vec::new();
    for (a, b) in links {
        let mut end = a;
        // a variation selector or a space after the arrow belongs to the link
        let t = text.get(start..end).unwrap_or("");
        let lead = t.len() - t.trim_start().len();
        if end > start + lead {
            spans.push(Span {
                start: start + lead,
                end,
            });
        }
        end = b;
        let rest = text.get(end..).unwrap_or("");
        let skip = rest.len()
            - rest
                .trim_start_matches(['\u{fe0e}', '\u{fe0f}', ' ', '\n', '\r', '\t'])
                .len();
        start = end + skip;
    }
    (spans.len() >= 2).then_some((heading.map(|h| h.0), spans))
}

/// Notes one per line under a notes heading, without numbers: each line a citation (a link or
/// a year in it), until a line that is not one.
pub fn by_lines(text: &str, from: usize) -> Option<(usize, Vec<Span>)> {
    let mut best: Option<(usize, Vec<Span>)> = None;
    let mut offset = from;
    let mut heading: Option<usize> = None;
    let mut spans: Vec<Span> = Vec::new();
    for line in text.get(from..)?.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let t = line.trim();
        let lower = t
            .trim_matches(|c: char| {
                c == '#' || c == '*' || c == ':' || c == '_' || c.is_whitespace()
            })
            .to_lowercase();
        if HEADINGS.contains(&lower.as_str()) {
            if let Some(h) = heading.take() {
                if spans.len() >= 2 && best.as_ref().is_none_or(|b| b.1.len() < spans.len()) {
                    best = Some((h, std::mem::take(&mut spans)));
                }
            }
            heading = Some(start);
            spans.clear();
            continue;
        }
        if heading.is_none() {
            continue;
        }
        if t.is_empty() {
            continue;
        }
        let lead = line.len() - line.trim_start().len();
        if note_value(t) >= 1.5 && t.len() < 2000 {
            spans.push(Span {
                start: start + lead,
                end: start + lead + t.len(),
            });
        } else if let Some(h) = heading.take() {
            if spans.len() >= 2 && best.as_ref().is_none_or(|b| b.1.len() < spans.len()) {
                best = Some((h, std::mem::take(&mut spans)));
            }
            spans.clear();
        }
    }
    if let Some(h) = heading {
        if spans.len() >= 2 && best.as_ref().is_none_or(|b| b.1.len() < spans.len()) {
            best = Some((h, spans));
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backlinks_close_notes() {
        let t = "Body text. Endnotes Allen, Strategy (CNAS, 2019), https://a.org/x . ↩ Allen, Strategy . ↩ Cheung, “DeepSeek,” 2025, https://b.org/y . ↩ Author bio.";
        let (h, spans) = by_backlinks(t, 0).unwrap_or((None, Vec::new()));
        assert_eq!(h, t.find("Endnotes"));
        let texts: Vec<&str> = spans
            .iter()
            .map(|s| t.get(s.start..s.end).unwrap_or(""))
            .collect();
        assert_eq!(texts.len(), 3);
        assert!(texts[0].starts_with("Allen, Strategy (CNAS"));
        assert_eq!(texts[1].trim(), "Allen, Strategy .");
    }

    #[test]
    fn one_citation_per_line() {
        let t = "Body.\n\nSources\n\nSmith, “A,” 2019, https://a.org\nJones, “B,” 2020.\n\nAbout the author: nothing here.\n";
        let (_, spans) = by_lines(t, 0).unwrap_or((0, Vec::new()));
        assert_eq!(spans.len(), 2);
    }
}
