//! The sixteen real documents of `../shared/corpus/dev` against the answer keys in
//! `tests/corpus_keys/` (established by reading each document, as an editor would): the notes
//! found with their labels and texts, the markers paired, and the fields of the citations the
//! keys list. The documents are not the project's to ship, so a clone without `../shared`
//! (set `REFLINT_DEV_CORPUS` to point elsewhere) checks only that every key is well formed;
//! the generated renderings of `reader_grammars.rs` guard the reader everywhere.

use std::path::{Path, PathBuf};

use reflint::cite::read_document;
use reflint::extract::{read_source, Source};

fn keys_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus_keys")
}

fn corpus_dir() -> PathBuf {
    std::env::var_os("REFLINT_DEV_CORPUS").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/dev"),
        PathBuf::from,
    )
}

/// A title or outlet compared as an editor would: case, quotes, punctuation and spacing aside.
fn loose(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric() || c.is_whitespace())
        .collect::<String>()
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn norm(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn keys() -> Vec<serde_json::Value> {
    let mut out = Vec::new();
    let mut paths: Vec<PathBuf> = std::fs::read_dir(keys_dir())
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .collect();
    paths.sort();
    for p in paths {
        let text = std::fs::read_to_string(&p).unwrap_or_default();
        let v: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
        assert!(v.get("file").is_some(), "{} is not a key", p.display());
        out.push(v);
    }
    assert_eq!(out.len(), 16, "a key for every dev document");
    out
}

fn s<'a>(v: &'a serde_json::Value, k: &str) -> &'a str {
    v.get(k).and_then(|x| x.as_str()).unwrap_or("")
}

#[test]
fn dev_documents_read_as_their_keys_say() {
    let dir = corpus_dir();
    let keys = keys();
    if !dir.is_dir() {
        eprintln!("{} not present: only the keys were checked", dir.display());
        return;
    }
    let (mut want, mut found, mut want_paired, mut paired) = (0usize, 0usize, 0usize, 0usize);
    let (mut fields, mut fields_right) = (0usize, 0usize);
    // date, accessed, title, outlet: citations checked, and read right
    let mut totals = [0usize; 4];
    let mut oks = [0usize; 4];
    let mut report = Vec::new();
    for key in &keys {
        let path = dir.join(s(key, "file"));
        let Ok(doc) = read_source(&Source::File(path.clone()), None) else {
            panic!("cannot read {}", path.display());
        };
        let refs = read_document(&doc);
        let notes = key
            .get("notes")
            .and_then(|n| n.as_array())
            .cloned()
            .unwrap_or_default();
        let has_markers = key
            .pointer("/markers/present")
            .and_then(|p| p.as_bool())
            .unwrap_or(false);
        let mut doc_found = 0;
        let mut doc_paired = 0;
        for n in &notes {
            let label = s(n, "label");
            let start: String = norm(s(n, "starts")).chars().take(25).collect();
            let hit = refs
                .iter()
                .find(|r| r.label == label && norm(&r.text).starts_with(&start));
            if let Some(r) = hit {
                doc_found += 1;
                if !r.markers.is_empty() {
                    doc_paired += 1;
                }
            }
        }
        let extra = refs.len().saturating_sub(doc_found);
        // a body without markers (they were lost) has none: a section number or a count in
        // the prose paired with a note is a false pairing
        if !has_markers {
            let paired_anyway: Vec<&str> = refs
                .iter()
                .filter(|r| !r.markers.is_empty())
                .map(|r| r.label.as_str())
                .collect();
            assert!(
                paired_anyway.is_empty(),
                "{}: markers found in a body that has none, for {paired_anyway:?}",
                s(key, "file")
            );
        }
        want += notes.len();
        found += doc_found;
        if has_markers {
            want_paired += notes.len();
            paired += doc_paired;
        }
        // citation fields: every URL the key lists, and the cited date
        for c in key
            .get("citations")
            .and_then(|c| c.as_array())
            .into_iter()
            .flatten()
        {
            let Some(r) = refs.iter().find(|r| r.label == s(c, "label")) else {
                continue;
            };
            let want_urls: Vec<&str> = c
                .get("urls")
                .and_then(|u| u.as_array())
                .into_iter()
                .flatten()
                .filter_map(|u| u.as_str())
                .collect();
            let got_urls: Vec<&str> = r.urls.iter().map(|u| u.url.as_str()).collect();
            fields += 1;
            if want_urls.iter().all(|u| got_urls.contains(u)) {
                fields_right += 1;
            }
            // the cited date, the access date, the title and the outlet, as an editor reads them
            let date = r.date.map(|d| d.to_string());
            let accessed = r.accessed.map(|d| d.to_string());
            let checks = [
                (
                    "date",
                    c.get("date").and_then(|d| d.as_str()).map(str::to_string),
                    date,
                ),
                (
                    "accessed",
                    c.get("accessed")
                        .and_then(|d| d.as_str())
                        .map(str::to_string),
                    accessed,
                ),
                (
                    "title",
                    c.get("title").and_then(|d| d.as_str()).map(loose),
                    r.title.as_deref().map(loose),
                ),
                (
                    "outlet",
                    c.get("outlet").and_then(|d| d.as_str()).map(loose),
                    r.source.as_deref().map(loose),
                ),
            ];
            for (k, (name, want, got)) in checks.into_iter().enumerate() {
                if let (Some(t), Some(o)) = (totals.get_mut(k), oks.get_mut(k)) {
                    *t += 1;
                    if want == got {
                        *o += 1;
                    } else if std::env::var_os("REFLINT_DEV_VERBOSE").is_some() {
                        eprintln!(
                            "{} {} {name}: want {want:?} got {got:?}",
                            s(key, "file"),
                            s(c, "label")
                        );
                    }
                }
            }
        }
        report.push(format!(
            "{}: {doc_found}/{} notes, {doc_paired} paired, {extra} extra",
            s(key, "file"),
            notes.len()
        ));
        // a document without notes reads as none
        if notes.is_empty() {
            assert_eq!(
                refs.len(),
                0,
                "{}: notes read where there are none",
                s(key, "file")
            );
        }
    }
    let summary = format!(
        "found {found}/{want}, paired {paired}/{want_paired}, citations with every URL {fields_right}/{fields}; date {}/{}, accessed {}/{}, title {}/{}, outlet {}/{}\n{}",
        oks[0], totals[0], oks[1], totals[1], oks[2], totals[2], oks[3], totals[3],
        report.join("\n")
    );
    eprintln!("{summary}");
    // what this reader establishes today; a change that loses notes fails here
    assert!(found * 100 >= want * 99, "{summary}");
    assert!(paired * 100 >= want_paired * 98, "{summary}");
    assert!(fields_right * 100 >= fields * 96, "{summary}");
    for (k, floor) in [96usize, 97, 90, 91].into_iter().enumerate() {
        let (t, o) = (
            totals.get(k).copied().unwrap_or(0),
            oks.get(k).copied().unwrap_or(0),
        );
        assert!(t >= 300 && o * 100 >= t * floor, "{summary}");
    }
}

/// The four documents of `../shared/corpus` with known answers (its README's table) stay
/// exactly right: every note found, every one paired with its markers, every `Ibid.` resolved.
#[test]
fn the_known_corpus_stays_exact() {
    let dir = corpus_dir().join("..");
    let want = [
        ("carnegie-ai-surveillance-2019.md", 85),
        ("itif-china-space-industry-2026.md", 142),
        ("seldonian-facial-recognition.html", 16),
        ("privacyguides-common-threats.md", 5),
    ];
    if !dir.join(want[0].0).is_file() {
        eprintln!("{} not present: skipped", dir.display());
        return;
    }
    for (name, notes) in want {
        let Ok(doc) = read_source(&Source::File(dir.join(name)), None) else {
            panic!("cannot read {name}");
        };
        let refs = read_document(&doc);
        assert_eq!(refs.len(), notes, "{name}");
        let unpaired: Vec<&str> = refs
            .iter()
            .filter(|r| r.markers.is_empty())
            .map(|r| r.label.as_str())
            .collect();
        assert!(unpaired.is_empty(), "{name}: unpaired {unpaired:?}");
        let unresolved: Vec<&str> = refs
            .iter()
            .filter(|r| {
                r.text.trim_start().to_lowercase().starts_with("ibid") && r.same_as.is_none()
            })
            .map(|r| r.label.as_str())
            .collect();
        assert!(
            unresolved.is_empty(),
            "{name}: Ibid. unresolved {unresolved:?}"
        );
    }
}
