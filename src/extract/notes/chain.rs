//! Stage 2: chains of note starts. Among the candidates of one grammar, a chain is a run of
//! labels 1, 2, 3, … at rising positions, each note's text running to the next label. The
//! best chain maximises the evidence of its notes ([`super::evidence`]): the body's markers
//! `[1] … [2] …` also rise, but what lies between them is long prose, while what lies between
//! note starts is short and cites. One pass over the candidates in order of position, each
//! looking back at a bounded number of candidates of the previous label (or the one before,
//! for a number the text lost): linear in the document.

use rustc_hash::FxHashMap as HashMap;

use super::evidence::{body_resumes, heading_before, note_end, signals, value_of, Prefix};
use super::labels::{Cand, Grammar, Numbering};

/// Candidates of one label looked back at (the most recent ones).
const BACK: usize = 6;
/// A gap longer than this holds more than the note (a page of body between footnotes).
const LONG_GAP: usize = 1500;
/// The most a note is believed to run when something else follows it.
const MAX_NOTE: usize = 2500;

/// A chosen run of notes of one grammar.
#[derive(Clone, Debug)]
pub struct Chain {
    pub grammar: Grammar,
    pub numbering: Numbering,
    /// The note starts, in order.
    pub members: Vec<Cand>,
    /// For each member, the byte end of its note text.
    pub ends: Vec<usize>,
    pub score: f64,
    /// The first member follows a notes heading (`Endnotes 1 …`): where it starts.
    pub heading: Option<usize>,
}

/// Value of the note text `text[a..b]`, and where the note ends (the rest being body text
/// between page-bottom footnotes, page headers and footers).
fn gap_value(text: &str, a: usize, b: usize) -> (f64, usize) {
    let gap = text.get(a..b).unwrap_or("");
    if gap.len() <= LONG_GAP {
        match body_resumes(gap) {
            // a note written inline: the body resumes after it
            Some(end) => {
                let rest = gap.len() - end;
                let v = value_of(&signals(gap.get(..end).unwrap_or("")));
                return (v - (rest as f64 / 3000.0).min(2.0), a + end);
            }
            None => return (value_of(&signals(gap)), b),
        }
    }
    let end = note_end(gap, MAX_NOTE);
    let note = gap.get(..end).unwrap_or("");
    let rest = gap.len() - end;
    (
        value_of(&signals(note)) - (rest as f64 / 3000.0).min(2.0),
        a + end,
    )
}

/// [`gap_value`] from what is known of the gap's start.
fn gap_value_pre(pre: &Prefix, len: usize) -> f64 {
    if len <= LONG_GAP {
        if pre.resume < len {
            let rest = len - pre.resume;
            return value_of(&pre.signals(pre.resume)) - (rest as f64 / 3000.0).min(2.0);
        }
        return value_of(&pre.signals(len));
    }
    let end = pre.long_end.min(len);
    value_of(&pre.signals(end)) - ((len - end) as f64 / 3000.0).min(2.0)
}

struct Node {
    score: f64,
    prev: Option<usize>,
}

/// The best chain among `cands` (all of one grammar and numbering, in order of position).
fn best_chain(text: &str, cands: &[Cand]) -> Option<Chain> {
    let first = cands.first()?;
    let pre: Vec<Prefix> = cands
        .iter()
        .map(|c| Prefix::of(text.get(c.text_start..).unwrap_or(""), MAX_NOTE))
        .collect();
    let mut nodes: Vec<Node> = Vec::with_capacity(cands.len());
    // label value → indices of its most recent candidates
    let mut recent: HashMap<u32, Vec<usize>> = HashMap::default();
    for (i, c) in cands.iter().enumerate() {
        let heading = c.value == 1 && heading_before(text, c.start).is_some();
        let mut own = if c.line_start { 0.3 } else { 0.0 };
        if heading {
            own += 3.0;
        }
        if c.repeated {
            own -= 1.5;
        }
        if c.after_function_word {
            own -= 1.5;
        }
        let mut best = Node {
            score: if c.value == 1 {
                0.0
            } else {
                -1.5 - 0.3 * f64::from(c.value.min(10))
            },
            prev: None,
        };
        for skip in 1..=2u32 {
            let Some(want) = c.value.checked_sub(skip) else {
                break;
            };
            let Some(list) = recent.get(&want) else {
                continue;
            };
            for &p in list.iter().rev() {
                let (Some(pc), Some(pn), Some(pp)) = (cands.get(p), nodes.get(p), pre.get(p))
                else {
                    continue;
                };
                if pc.text_start > c.start {
                    continue;
                }
                let gap = gap_value_pre(pp, c.start - pc.text_start);
                let s = pn.score + gap - 2.5 * f64::from(skip - 1);
                if s > best.score {
                    best = Node {
                        score: s,
                        prev: Some(p),
                    };
                }
            }
        }
        best.score += own;
        nodes.push(best);
        let list = recent.entry(c.value).or_default();
        list.push(i);
        if list.len() > BACK {
            list.remove(0);
        }
    }
    // the last note's end: as far as its evidence goes
    let mut top: Option<(f64, usize, usize)> = None;
    for (i, ((c, n), p)) in cands.iter().zip(&nodes).zip(&pre).enumerate() {
        let end = p.long_end;
        let total = n.score + value_of(&p.signals(end));
        if n.prev.is_some() && top.is_none_or(|(s, _, _)| total >= s) {
            top = Some((total, i, c.text_start + end));
        }
    }
    let (score, last, last_end) = top?;
    let mut members = Vec::new();
    let mut cur = Some(last);
    while let Some(i) = cur {
        members.push(*cands.get(i)?);
        cur = nodes.get(i).and_then(|n| n.prev);
    }
    members.reverse();
    let mut ends = Vec::with_capacity(members.len());
    for w in members.windows(2) {
        if let [a, b] = w {
            ends.push(gap_value(text, a.text_start, b.start).1);
        }
    }
    ends.push(last_end);
    let heading = members
        .first()
        .filter(|m| m.value == 1)
        .and_then(|m| heading_before(text, m.start));
    Some(Chain {
        grammar: first.grammar,
        numbering: first.numbering,
        members,
        ends,
        score,
        heading,
    })
}

/// Candidates grouped by grammar and numbering, each group in order of position.
pub fn groups(cands: &[Cand]) -> HashMap<(Grammar, Numbering), Vec<Cand>> {
    let mut groups: HashMap<(Grammar, Numbering), Vec<Cand>> = HashMap::default();
    for c in cands {
        groups.entry((c.grammar, c.numbering)).or_default().push(*c);
    }
    groups
}

/// The best chain of every grammar, best first.
pub fn chains(text: &str, cands: &[Cand]) -> Vec<Chain> {
    let groups = groups(cands);
    let mut keys: Vec<(Grammar, Numbering)> = groups.keys().copied().collect();
    keys.sort();
    let mut out: Vec<Chain> = keys
        .iter()
        .filter_map(|k| groups.get(k).and_then(|g| best_chain(text, g)))
        .collect();
    out.sort_by(|a, b| b.score.total_cmp(&a.score));
    out
}

/// More lists beside `first` (a second list restarting at 1, the notes of an appendix): in
/// the text before and after each list taken, the best chain of the same grammar, starting
/// at 1 and citing as much per note as a real list does.
pub fn more_lists(text: &str, cands: &[Cand], first: &Chain) -> Vec<Chain> {
    let (a, b) = span(first);
    let mut regions = vec![(0, a), (b, usize::MAX)];
    let mut out = Vec::new();
    while let Some((lo, hi)) = regions.pop() {
        if out.len() >= 4 {
            break;
        }
        let free: Vec<Cand> = cands
            .iter()
            .filter(|c| {
                c.start >= lo
                    && c.start < hi
                    && c.grammar == first.grammar
                    && c.numbering == first.numbering
            })
            .copied()
            .collect();
        let Some(next) = best_chain(text, &free) else {
            continue;
        };
        let convincing = next.members.len() >= 3
            && next.members.first().is_some_and(|m| m.value == 1)
            && next.score / next.members.len() as f64 >= 2.0;
        if !convincing {
            continue;
        }
        let (s, e) = span(&next);
        regions.push((lo, s));
        regions.push((e, hi));
        out.push(next);
    }
    out
}

/// Page-bottom footnotes that a PDF's text gives in another order than their numbers (each
/// page's block bottom-up: `2 … 1 … 6 5 4 3 …`): blocks of notes stacked together, each
/// block's labels the next numbers in some order. A block is a run of candidates each of
/// whose text (to the next candidate) cites and is short; a candidate that does not cite at
/// the end of a block is a page number, not a note. Blocks whose labels do not continue the
/// numbering are skipped. `cands` are of one grammar, in order of position.
pub fn blocks(text: &str, cands: &[Cand]) -> Option<Chain> {
    let first = cands.first()?;
    // each candidate's own note: its text to the next candidate, trimmed when long
    let own: Vec<(f64, usize, bool)> = cands
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let next = cands.get(i + 1).map_or(text.len(), |n| n.start);
            let (v, end) = gap_value(text, c.text_start, next.max(c.text_start));
            (v, end, next - c.text_start > LONG_GAP)
        })
        .collect();
    let mut members: Vec<Cand> = Vec::new();
    let mut ends: Vec<usize> = Vec::new();
    let mut score = 0.0;
    let mut next_label = 1u32;
    let mut i = 0;
    while i < cands.len() {
        // one block: citing candidates in a row, up to the first whose note runs into other
        // text or one that does not cite (a marker of the body, a page number)
        let mut block: Vec<usize> = Vec::new();
        while let (Some(_), Some(&(v, _, long))) = (cands.get(i), own.get(i)) {
            i += 1;
            if v < 1.5 {
                break;
            }
            block.push(i - 1);
            if long {
                break;
            }
        }
        // the block's labels that continue the numbering; any other is part of the note
        // before it (`PLoS ONE 10 (3): …` inside a note)
        let values: Vec<u32> = block
            .iter()
            .filter_map(|&k| cands.get(k).map(|c| c.value))
            .collect();
        let mut k = 0u32;
        while values.contains(&(next_label + k)) {
            k += 1;
        }
        if k == 0 {
            continue;
        }
        let range = next_label..next_label + k;
        next_label += k;
        let mut taken: Vec<u32> = Vec::new();
        for idx in block {
            let (Some(c), Some(&(v, end, _))) = (cands.get(idx), own.get(idx)) else {
                continue;
            };
            if range.contains(&c.value) && !taken.contains(&c.value) {
                taken.push(c.value);
                members.push(*c);
                ends.push(end);
                score += v;
            } else if let Some(last) = ends.last_mut() {
                *last = (*last).max(end);
            }
        }
    }
    if members.len() < 2 {
        return None;
    }
    let heading = heading_before(text, first.start);
    Some(Chain {
        grammar: first.grammar,
        numbering: first.numbering,
        members,
        ends,
        score,
        heading,
    })
}

/// The bytes a chain covers, from its first label to its last note's end.
pub fn span(c: &Chain) -> (usize, usize) {
    (
        c.members.first().map_or(0, |m| m.start),
        c.ends.last().copied().unwrap_or(0),
    )
}

#[cfg(test)]
mod tests {
    use super::super::labels::candidates;
    use super::*;

    #[test]
    fn notes_chain_beats_the_markers_chain() {
        let body = "A claim [1] that goes on for a while with more words. Another [2] sentence of prose that has no citation at all in it. ";
        let notes =
            "Notes [1] Smith, “A,” 2019, https://a.org/x . [2] Jones, “B,” 2020, https://b.org/y .";
        let text = format!("{}{}", body.repeat(3), notes);
        let cands = candidates(&text, 0);
        let best = chains(&text, &cands).into_iter().next();
        let best = best.as_ref();
        let at: Vec<usize> = best
            .map(|c| c.members.iter().map(|m| m.start).collect())
            .unwrap_or_default();
        let n1 = text.rfind("[1]").unwrap_or(0);
        let n2 = text.rfind("[2]").unwrap_or(0);
        assert_eq!(at, [n1, n2]);
        assert!(best.is_some_and(|c| c.heading.is_some()));
    }

    #[test]
    fn page_blocks_given_bottom_up_are_read_by_number() {
        let page =
            "Body text of the page runs on for a while and says nothing that cites. ".repeat(25);
        let text = format!(
            "{page}2 Batalis, “Funding,” 2025, https://a.org/2 . 1 Quinn, “Impact,” 2025, https://a.org/1 . {page}4 Toney, 2021, “Research,” PLoS ONE 10 (3): e1, https://a.org/4 . 3 Curlee, “Edge,” 2025, https://a.org/3 . {page}"
        );
        let cands: Vec<Cand> = candidates(&text, 0)
            .into_iter()
            .filter(|c| c.grammar == Grammar::Plain)
            .collect();
        let b = blocks(&text, &cands);
        let values: Vec<u32> = b
            .as_ref()
            .map(|b| b.members.iter().map(|m| m.value).collect())
            .unwrap_or_default();
        assert_eq!(values, [2, 1, 4, 3]);
        // `10 (3): e1` inside note 4 is no label: note 4 keeps its link
        let four = b.as_ref().and_then(|b| {
            b.members
                .iter()
                .zip(&b.ends)
                .find(|(m, _)| m.value == 4)
                .map(|(m, &e)| text.get(m.text_start..e).unwrap_or("").to_string())
        });
        assert!(four.is_some_and(|s| s.contains("https://a.org/4")));
    }
}
