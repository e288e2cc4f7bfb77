//! Sifting what the line layouts saw: page heads that look like notes, marker label lists,
//! and the rising run of numbered marker candidates.

use super::{DefCand, MAX_LABEL};
use crate::model::Marker;

/// Drops page headers and footers that look like definitions (`12 CHINA INTERNATIONAL
/// STUDIES`, `13 Journal of Things`): the same words under several numbers, or a short line
/// in capitals. "Ibid." repeats legitimately and is kept.
pub(super) fn drop_running_heads(defs: Vec<DefCand>) -> Vec<DefCand> {
    let key = |d: &DefCand| d.text.trim().to_lowercase();
    let mut counts: rustc_hash::FxHashMap<String, usize> = rustc_hash::FxHashMap::default();
    for d in &defs {
        *counts.entry(key(d)).or_insert(0) += 1;
    }
    defs.into_iter()
        .filter(|d| {
            let k = key(d);
            let short_form = k.starts_with("ibid") || k.starts_with("id.") || k.contains("op. cit");
            // a header is short and cites nothing: no quotes, no year, no link
            let cites = k.contains(['“', '"', '*'])
                || k.contains("http")
                || !crate::cite::dates::years_in(&k).is_empty();
            let repeated = counts.get(&k).copied().unwrap_or(0) > 1
                && !short_form
                && !cites
                && k.chars().count() < 60;
            let letters: Vec<char> = d.text.chars().filter(|c| c.is_alphabetic()).collect();
            let capitals = d.text.chars().count() < 80
                && letters.len() >= 4
                && letters.iter().all(|c| c.is_uppercase());
            !(repeated || capitals)
        })
        .collect()
}

/// `"3"`, `"1, 2"`, `"4–6"` → the labels they name (a range is capped at 50 labels).
pub(super) fn expand_labels(s: &str) -> Vec<u32> {
    let mut out = Vec::new();
    for part in s.split(',') {
        let mut ends = part.split(['–', '-']).map(|x| x.trim().parse::<u32>());
        match (ends.next(), ends.next()) {
            (Some(Ok(a)), Some(Ok(b))) if b >= a && b - a <= 50 => out.extend(a..=b),
            (Some(Ok(a)), None) => out.push(a),
            _ => {}
        }
    }
    out.retain(|n| *n > 0 && *n <= MAX_LABEL);
    out
}

/// The longest strictly increasing run of numbered candidates (patience sorting), so that a
/// stray number in the prose does not count as a marker.
pub(super) fn increasing_run(cands: Vec<(u32, Marker)>) -> Vec<Marker> {
    let mut tails: Vec<usize> = Vec::new(); // index into cands of the smallest tail per length
    let mut prev: Vec<Option<usize>> = vec![None; cands.len()];
    for (i, (n, _)) in cands.iter().enumerate() {
        let k = tails.partition_point(|&t| cands.get(t).is_some_and(|(m, _)| m < n));
        if k > 0 {
            if let Some(p) = prev.get_mut(i) {
                *p = tails.get(k - 1).copied();
            }
        }
        if k == tails.len() {
            tails.push(i);
        } else if let Some(t) = tails.get_mut(k) {
            *t = i;
        }
    }
    let mut keep = vec![false; cands.len()];
    let mut cur = tails.last().copied();
    while let Some(i) = cur {
        if let Some(k) = keep.get_mut(i) {
            *k = true;
        }
        cur = prev.get(i).copied().flatten();
    }
    cands
        .into_iter()
        .zip(keep)
        .filter_map(|((_, m), k)| k.then_some(m))
        .collect()
}
