//! The document a scan makes: the bibliographies read, each entry a note, the footnotes
//! rendered with the citations inside them, notes and markers in reading order.

use rustc_hash::FxHashMap as HashMap;

use super::entries::{entry_note, EntryNote};
use super::render::{render, Mode};
use super::{bib, read_file, Kind, Scan};
use crate::extract::prose::collapse_ws;
use crate::extract::urls::{clean_url, url_problem};
use crate::model::{Document, FileId, Format, LineIndex, Marker, NoteDef, UrlRef};

impl Scan<'_> {
    /// Reads the bibliographies, renders the notes and builds the document.
    pub(super) fn finish(mut self) -> Document {
        let mut doc = Document::new(self.name.clone(), Format::Latex);
        // the entries of every bibliography named, in order
        let mut entries: Vec<EntryNote> = Vec::new();
        for r in std::mem::take(&mut self.bibs) {
            let path = self.root_dir.join(&r.name);
            let shown = path.to_string_lossy().to_string();
            let text = match read_file(&path) {
                Ok((t, lossy)) => {
                    if let Some(w) = lossy {
                        self.warnings.push(format!("{shown}: {w}"));
                    }
                    t
                }
                Err(e) => {
                    self.warnings.push(format!(
                        "{shown} (named on line {}{}): cannot read ({e}); the keys cited from it are reported as note-missing",
                        r.pos.line,
                        r.pos.file.map_or_else(String::new, |f| format!(" of {}", f.path())),
                    ));
                    continue;
                }
            };
            let id = FileId::intern(&shown);
            let parsed = bib::parse(&text);
            if let Some(w) = parsed.warnings.first() {
                self.damaged.get_or_insert_with(|| {
                    format!("{shown}: damaged BibTeX ({w}); the other entries are reported")
                });
            }
            self.warnings
                .extend(parsed.warnings.iter().map(|w| format!("{shown}: {w}")));
            let mut idx = LineIndex::new(&text);
            for e in &parsed.entries {
                entries.push(entry_note(e, &mut idx, id));
            }
        }
        let by_key: HashMap<&str, usize> = entries
            .iter()
            .enumerate()
            .rev()
            .map(|(i, e)| (e.note.label.as_str(), i))
            .collect();
        let resolve = |key: &str| {
            by_key
                .get(key)
                .and_then(|&i| entries.get(i))
                .map(|e| e.short.clone())
        };
        // endnotes numbered apart are told from footnotes when both are present
        let prefix = if self.footnotes > 0 { "e" } else { "" };
        for &m in &self.endnote_markers {
            if let Some((_, marker)) = self.markers.get_mut(m) {
                marker.label = format!("{prefix}{}", marker.label);
            }
        }
        // every note and marker with its place in reading order: a footnote's citations
        // right after it, an entry where it is first cited
        let mut notes: Vec<((u64, usize), NoteDef)> = Vec::new();
        let mut markers: Vec<((u64, usize), Marker)> = std::mem::take(&mut self.markers)
            .into_iter()
            .map(|(seq, m)| ((seq, 0), m))
            .collect();
        let mut idxs: Vec<LineIndex> = self.srcs.iter().map(|s| LineIndex::new(&s.text)).collect();
        for p in &self.pending {
            let Some(src) = self.srcs.get(p.src) else {
                continue;
            };
            let r = render(&src.text, p.content.clone(), Mode::Note, &resolve);
            let Some(idx) = idxs.get_mut(p.src) else {
                continue;
            };
            let mut urls: Vec<UrlRef> = Vec::new();
            for (u, at) in &r.urls {
                if let Some(url) = clean_url(u) {
                    if !urls.iter().any(|x| x.url == url) {
                        let problem = url_problem(&url);
                        urls.push(UrlRef {
                            url,
                            pos: idx.pos_in(*at, src.id),
                            problem,
                        });
                    }
                }
            }
            let context = p
                .marker
                .and_then(|m| markers.get(m))
                .map_or_else(String::new, |(_, m)| m.context.clone());
            let mut cited = None;
            for (j, (key, at)) in r.cites.iter().enumerate() {
                self.keys.insert(key.clone());
                if cited.is_none() {
                    cited = by_key
                        .get(key.as_str())
                        .and_then(|&i| entries.get(i))
                        .and_then(|e| e.note.cited.clone());
                }
                markers.push((
                    (p.seq, j + 1),
                    Marker {
                        label: key.clone(),
                        pos: idx.pos_in(*at, src.id),
                        context: context.clone(),
                    },
                ));
            }
            let label = match p.kind {
                Kind::Endnote => format!("{prefix}{}", p.label),
                _ => p.label.clone(),
            };
            notes.push((
                (p.seq, 0),
                NoteDef {
                    label,
                    pos: p.pos,
                    text: collapse_ws(&r.text),
                    urls,
                    cited,
                },
            ));
        }
        if let Some((seq, pos)) = self.nocite_all {
            for e in &entries {
                markers.push((
                    (seq, 0),
                    Marker {
                        label: e.note.label.clone(),
                        pos,
                        context: String::new(),
                    },
                ));
            }
        }
        markers.sort_by_key(|(at, _)| *at);
        let mut first_cited: HashMap<&str, (u64, usize)> = HashMap::default();
        for (at, m) in &markers {
            first_cited.entry(m.label.as_str()).or_insert(*at);
        }
        for (i, e) in entries.iter().enumerate() {
            self.keys.insert(e.note.label.clone());
            let at = first_cited
                .get(e.note.label.as_str())
                .copied()
                .unwrap_or((u64::MAX, i));
            notes.push((at, e.note.clone()));
        }
        drop(first_cited);
        notes.sort_by_key(|(at, _)| *at);
        doc.notes = notes.into_iter().map(|(_, n)| n).collect();
        doc.markers = markers.into_iter().map(|(_, m)| m).collect();
        doc.body_urls = self.body_urls;
        doc.warnings = self.warnings;
        doc.damaged = self.damaged;
        doc.keys = self.keys;
        doc
    }
}
