//! Stage 2: chains of note starts. Among the candidates of one grammar, a chain is a run of
//! labels 1, 2, 3, … at rising positions, each note's text running to the next label. The
//! best chain maximises the evidence of its notes ([`super::evidence`]): the body's markers
//! `[1] … [2] …` also rise, but what lies between them is long prose, while what lies between
//! note starts is short and cites. One pass over the candidates in order of position, each
//! looking back at a bounded number of candidates of the previous label (or the one before,
//! for a number the text lost): linear in the document.

use rustc_hash::FxHashMap as HashMap;

use super::evidence::{heading_before, note_end, signals, value_of, Prefix};
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
        let sig = signals(gap);
        return (value_of(&sig), b);
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

/// The best chain of every grammar, best first.
pub fn chains(text: &str, cands: &[Cand]) -> Vec<Chain> {
    let mut groups: HashMap<(Grammar, Numbering), Vec<Cand>> = HashMap::default();
    for c in cands {
        groups.entry((c.grammar, c.numbering)).or_default().push(*c);
    }
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
}
