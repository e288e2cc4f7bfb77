//! Markdown: `[^label]` footnotes read with pulldown-cmark (GFM footnotes, tables,
//! strikethrough), positions from its byte offsets.
//!
//! A document with no footnote definition at all is handed to the plain-text extractor (real
//! documents are often PDF text pasted into a Markdown wrapper, with `[12]` or bare-number
//! markers), with its format kept as Markdown.
//!
//! Also holds the small helpers the HTML extractor shares: YAML front matter, sentence
//! context, whitespace collapsing, the document date.

use std::collections::HashSet;
use std::sync::LazyLock;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use regex::Regex;

use crate::cite::dates::PartialDate;
use crate::extract::urls::{clean_url, find_urls, url_problem};
use crate::model::{Document, Format, LineIndex, Marker, NoteDef, Pos, UrlRef};

/// Longest marker context kept, in characters.
use crate::extract::prose::{collapse_ws, front_matter_end, sentence_context, tail, CONTEXT_CHARS};

/// Reads a Markdown document.
pub fn extract_markdown(path: &str, src: &str) -> Document {
    let fm_end = front_matter_end(src);
    let detected_date = src.get(..fm_end).and_then(front_matter_date);
    let body = src.get(fm_end..).unwrap_or("");
    let (body, map) = match dedent_admonitions(body, fm_end) {
        Some((text, map)) => (std::borrow::Cow::Owned(text), map),
        None => (std::borrow::Cow::Borrowed(body), OffsetMap::shift(fm_end)),
    };

    let mut st = MdState {
        src,
        map,
        idx: PosFinder::new(src),
        doc: Document::new(path, Format::Markdown),
        note: None,
        block_text: String::new(),
        run: None,
        link_depth: 0,
        code_block: false,
        image_depth: 0,
    };
    let mut opts = Options::empty();
    opts.insert(Options::ENABLE_FOOTNOTES);
    opts.insert(Options::ENABLE_TABLES);
    opts.insert(Options::ENABLE_STRIKETHROUGH);
    for (event, range) in Parser::new_ext(&body, opts).into_offset_iter() {
        st.event(event, range.start, range.end);
    }
    st.flush_run();
    st.finish_note();

    if st.doc.notes.is_empty() {
        let mut doc = crate::extract::text::extract_str(path, src);
        doc.format = Format::Markdown;
        if doc.detected_date.is_none() {
            doc.detected_date = detected_date;
        }
        return doc;
    }
    let mut doc = st.doc;
    doc.markers.sort_by_key(|m| m.pos);
    doc.detected_date = detected_date;
    doc
}

/// A note being read.
struct NoteBuilder {
    label: String,
    pos: Pos,
    text: String,
    urls: Vec<UrlRef>,
    seen: HashSet<String>,
}

struct MdState<'a> {
    /// The whole source (front matter included): offsets below are into it.
    src: &'a str,
    /// From offsets in the parsed text to offsets in `src`.
    map: OffsetMap,
    idx: PosFinder<'a>,
    doc: Document,
    note: Option<NoteBuilder>,
    /// Plain text of the current block (paragraph, item, heading, cell), for marker context.
    block_text: String,
    /// The current run of source-contiguous text outside links: (start, end, length of
    /// `block_text` when it started), absolute offsets.
    run: Option<(usize, usize, usize)>,
    link_depth: usize,
    image_depth: usize,
    code_block: bool,
}

static UNDEFINED_REF: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\[\^([^\]\s\[]{1,64})\]").expect("constant regex"));

impl MdState<'_> {
    fn event(&mut self, event: Event<'_>, start: usize, end: usize) {
        let (start, end) = (self.map.to_src(start), self.map.to_src(end));
        match event {
            Event::Text(t) => {
                if !self.code_block {
                    self.block_text.push_str(&t);
                }
                if let Some(n) = self.note.as_mut() {
                    n.text.push_str(&t);
                }
                if self.link_depth == 0 && self.image_depth == 0 && !self.code_block {
                    match self.run {
                        Some((s, e, b)) if e == start => self.run = Some((s, end, b)),
                        _ => {
                            self.flush_run();
                            self.run = Some((start, end, self.block_text.len() - t.len()));
                        }
                    }
                } else {
                    self.flush_run();
                }
            }
            Event::Code(t) => {
                self.flush_run();
                self.block_text.push_str(&t);
                if let Some(n) = self.note.as_mut() {
                    n.text.push_str(&t);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                self.flush_run();
                self.block_text.push(' ');
                if let Some(n) = self.note.as_mut() {
                    n.text.push(' ');
                }
            }
            Event::FootnoteReference(label) => {
                self.flush_run();
                let pos = self.idx.pos(start);
                self.doc.markers.push(Marker {
                    label: label.to_string(),
                    pos,
                    context: sentence_context(&self.block_text),
                });
            }
            Event::Html(_) | Event::InlineHtml(_) => {
                self.flush_run();
                let raw = self.src.get(start..end).unwrap_or("");
                for span in find_urls(raw) {
                    let pos = self.idx.pos(start + span.start);
                    let problem = url_problem(&span.url);
                    self.add_url(span.url, pos, problem);
                }
            }
            Event::Start(tag) => self.start(tag, start, end),
            Event::End(tag) => self.end(tag),
            _ => self.flush_run(),
        }
    }

    fn start(&mut self, tag: Tag<'_>, start: usize, end: usize) {
        self.flush_run();
        match tag {
            Tag::FootnoteDefinition(label) => {
                self.finish_note();
                self.block_text.clear();
                let pos = self.idx.pos(start);
                self.note = Some(NoteBuilder {
                    label: label.to_string(),
                    pos,
                    text: String::new(),
                    urls: Vec::new(),
                    seen: HashSet::new(),
                });
            }
            Tag::Link { dest_url, .. } => {
                self.link_depth += 1;
                if let Some(url) = clean_url(&dest_url) {
                    let raw = self.src.get(start..end).unwrap_or("");
                    // the destination follows the link text: search from the last `](`
                    let from = raw.rfind("](").unwrap_or(0);
                    let off = raw
                        .get(from..)
                        .and_then(|r| r.find(url.as_str()))
                        .map_or(start, |i| start + from + i);
                    let pos = self.idx.pos(off);
                    let problem = if dest_url.contains(['\n', '\r']) {
                        Some("link destination contains a line break".to_string())
                    } else {
                        url_problem(&url)
                    };
                    self.add_url(url, pos, problem);
                }
            }
            Tag::Image { .. } => self.image_depth += 1,
            Tag::Emphasis => {
                if let Some(n) = self.note.as_mut() {
                    n.text.push('*');
                }
            }
            Tag::CodeBlock(_) => self.code_block = true,
            Tag::Paragraph
            | Tag::Heading { .. }
            | Tag::Item
            | Tag::TableCell
            | Tag::BlockQuote(_)
            | Tag::TableHead
            | Tag::TableRow => self.block_break(),
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        self.flush_run();
        match tag {
            TagEnd::FootnoteDefinition => {
                self.finish_note();
                self.block_text.clear();
            }
            TagEnd::Link => self.link_depth = self.link_depth.saturating_sub(1),
            TagEnd::Image => self.image_depth = self.image_depth.saturating_sub(1),
            TagEnd::Emphasis => {
                if let Some(n) = self.note.as_mut() {
                    n.text.push('*');
                }
            }
            TagEnd::CodeBlock => self.code_block = false,
            TagEnd::Paragraph
            | TagEnd::Heading(_)
            | TagEnd::Item
            | TagEnd::TableCell
            | TagEnd::BlockQuote(_)
            | TagEnd::TableHead
            | TagEnd::TableRow => self.block_break(),
            _ => {}
        }
    }

    fn block_break(&mut self) {
        self.block_text.clear();
        if let Some(n) = self.note.as_mut() {
            n.text.push(' ');
        }
    }

    /// Adds a URL to the open note (deduplicated) or to the body links.
    fn add_url(&mut self, url: String, pos: Pos, problem: Option<String>) {
        match self.note.as_mut() {
            Some(n) => {
                if n.seen.insert(url.clone()) {
                    n.urls.push(UrlRef { url, pos, problem });
                }
            }
            None => self.doc.body_urls.push(UrlRef { url, pos, problem }),
        }
    }

    /// Scans the finished text run for bare URLs and for `[^label]` references that
    /// pulldown-cmark left as text because no definition exists.
    fn flush_run(&mut self) {
        let Some((start, end, block_start)) = self.run.take() else {
            return;
        };
        let src = self.src;
        let raw = src.get(start..end).unwrap_or("");
        for span in find_urls(raw) {
            let pos = self.idx.pos(start + span.start);
            let before = raw.get(..span.start).unwrap_or("");
            let after = src.get(start + span.end..).unwrap_or("");
            let problem = if before.ends_with("](") && after.starts_with(char::is_whitespace) {
                Some("link destination broken by whitespace or a line break".to_string())
            } else {
                url_problem(&span.url)
            };
            self.add_url(span.url, pos, problem);
        }
        if raw.contains("[^") {
            let prefix = tail(
                self.block_text.get(..block_start).unwrap_or(""),
                CONTEXT_CHARS * 4,
            )
            .to_string();
            for caps in UNDEFINED_REF.captures_iter(raw) {
                let (Some(whole), Some(label)) = (caps.get(0), caps.get(1)) else {
                    continue;
                };
                if raw.get(..whole.start()).is_some_and(|b| b.ends_with('\\')) {
                    continue;
                }
                let pos = self.idx.pos(start + whole.start());
                // bounded: many markers in one long run must not copy the run each time
                let mut before = tail(&prefix, CONTEXT_CHARS * 4).to_string();
                before.push_str(tail(
                    raw.get(..whole.start()).unwrap_or(""),
                    CONTEXT_CHARS * 4,
                ));
                self.doc.markers.push(Marker {
                    label: label.as_str().to_string(),
                    pos,
                    context: sentence_context(&before),
                });
            }
        }
    }

    fn finish_note(&mut self) {
        if let Some(n) = self.note.take() {
            self.doc.notes.push(NoteDef {
                cited: None,
                label: n.label,
                pos: n.pos,
                text: collapse_ws(&n.text),
                urls: n.urls,
            });
        }
    }
}

/// Offsets in the text given to the parser → offsets in the file: a constant shift (front
/// matter), or per line when lines were dedented.
struct OffsetMap {
    /// (start of a line in the parsed text, where that line's kept text starts in the file),
    /// ascending; empty for a plain shift.
    lines: Vec<(usize, usize)>,
    shift: usize,
}

impl OffsetMap {
    fn shift(shift: usize) -> Self {
        OffsetMap {
            lines: Vec::new(),
            shift,
        }
    }

    fn to_src(&self, off: usize) -> usize {
        if self.lines.is_empty() {
            return off + self.shift;
        }
        let k = self.lines.partition_point(|l| l.0 <= off).saturating_sub(1);
        match self.lines.get(k) {
            Some(&(out, src)) => src + off.saturating_sub(out),
            None => off + self.shift,
        }
    }
}

/// Is `line` (indentation removed) the opening line of a MkDocs admonition (`!!! note`),
/// a collapsible block (`??? note`, `???+ note`) or a content tab (`=== "Tab"`)?
fn opens_indented_block(line: &str) -> bool {
    line.starts_with("!!!") || line.starts_with("???") || line.starts_with("=== ")
}

/// MkDocs admonitions and content tabs hold Markdown indented by 4 spaces, which CommonMark
/// reads as a code block. Returns the body with those blocks dedented and their opening lines
/// blanked, with the offset map back to the file (`base` = where `body` starts in it); `None`
/// when there is no such block.
fn dedent_admonitions(body: &str, base: usize) -> Option<(String, OffsetMap)> {
    if !body.lines().any(|l| opens_indented_block(l.trim_start())) {
        return None;
    }
    let mut out = String::with_capacity(body.len());
    let mut lines = Vec::new();
    let mut levels: Vec<usize> = Vec::new(); // content indents of the open blocks
    let mut src_off = base;
    for line in body.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        let indent = content.len() - content.trim_start_matches(' ').len();
        let blank = content.trim().is_empty();
        if !blank {
            while levels.last().is_some_and(|&l| indent < l) {
                levels.pop();
            }
        }
        let level = levels.last().copied().unwrap_or(0);
        let removed = if blank {
            content.len()
        } else {
            indent.min(level)
        };
        let rest = line.get(removed..).unwrap_or("");
        lines.push((out.len(), src_off + removed));
        if !blank && indent == level && opens_indented_block(rest) {
            // the opening line becomes a blank line: its block starts a new paragraph
            let eol = line.get(content.len()..).unwrap_or("");
            lines.pop();
            lines.push((out.len(), src_off + content.len()));
            out.push_str(eol);
            levels.push(level + 4);
        } else {
            out.push_str(rest);
        }
        src_off += line.len();
    }
    Some((out, OffsetMap { lines, shift: base }))
}

// ---------------------------------------------------------------------------------------------
// Helpers shared with the HTML extractor.

/// The document date stated in a YAML front matter block, if any.
pub(crate) fn front_matter_date(fm: &str) -> Option<PartialDate> {
    const KEYS: [&str; 10] = [
        "published_date",
        "publication_date",
        "date_published",
        "datepublished",
        "publish_date",
        "published",
        "pubdate",
        "date",
        "created",
        "created_at",
    ];
    let mut found: Vec<(usize, &str)> = Vec::new();
    for line in fm.lines() {
        if line.starts_with(char::is_whitespace) {
            continue;
        }
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        let key = key.trim().to_ascii_lowercase();
        if let Some(rank) = KEYS.iter().position(|k| *k == key) {
            found.push((rank, value));
        }
    }
    found.sort_by_key(|(rank, _)| *rank);
    found.into_iter().find_map(|(_, v)| date_from_str(v))
}

/// Reads a date as written in metadata (`2021-05-18`, `"2021-05-18T10:00:00Z"`, ...).
pub(crate) fn date_from_str(value: &str) -> Option<PartialDate> {
    let v = value.trim().trim_matches(['"', '\'']).trim();
    if v.is_empty() {
        return None;
    }
    parse_date_helper(v).or_else(|| {
        let first = v.split(|c: char| c.is_whitespace() || c == 'T').next()?;
        parse_date_helper(first)
    })
}

/// The one call into the date grammar.
fn parse_date_helper(s: &str) -> Option<PartialDate> {
    crate::cite::dates::parse_date(s)
}

/// Byte offsets to positions in any order: checkpoints every few KB, then a [`LineIndex`]
/// from the nearest one, so each lookup costs at most a checkpoint's span.
pub(crate) struct PosFinder<'a> {
    text: &'a str,
    /// (byte offset, line, column) at each checkpoint, ascending; starts with (0, 1, 1).
    marks: Vec<(usize, usize, usize)>,
}

impl<'a> PosFinder<'a> {
    const STEP: usize = 4096;

    pub(crate) fn new(text: &'a str) -> Self {
        let mut marks = vec![(0, 1, 1)];
        let (mut cur, mut line, mut col) = (0usize, 1usize, 1usize);
        while cur < text.len() {
            let mut next = (cur + Self::STEP).min(text.len());
            while next < text.len() && !text.is_char_boundary(next) {
                next += 1;
            }
            let slice = text.get(cur..next).unwrap_or("").as_bytes();
            match memchr::memrchr(b'\n', slice) {
                Some(nl) => {
                    line += memchr::memchr_iter(b'\n', slice).count();
                    col = 1 + text
                        .get(cur + nl + 1..next)
                        .map_or(0, |s| s.chars().count());
                }
                None => col += text.get(cur..next).map_or(0, |s| s.chars().count()),
            }
            cur = next;
            marks.push((cur, line, col));
        }
        PosFinder { text, marks }
    }

    /// The 1-based position of byte `offset` (clamped to the text).
    pub(crate) fn pos(&self, offset: usize) -> Pos {
        let offset = offset.min(self.text.len());
        let k = self
            .marks
            .partition_point(|m| m.0 <= offset)
            .saturating_sub(1);
        let (start, line, col) = self.marks.get(k).copied().unwrap_or((0, 1, 1));
        // only the span from the checkpoint: indexing the rest of the text would make many
        // lookups quadratic
        let mut end = offset;
        while end > start && !self.text.is_char_boundary(end) {
            end -= 1;
        }
        let rel = LineIndex::new(self.text.get(start..end).unwrap_or("")).pos(end - start);
        if rel.line == 1 {
            Pos::new(line, col + rel.column - 1)
        } else {
            Pos::new(line + rel.line - 1, rel.column)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MKDOCS: &str = include_str!("../../tests/fixtures/extract/mkdocs-footnotes.md");

    fn doc() -> Document {
        extract_markdown("mkdocs-footnotes.md", MKDOCS)
    }

    #[test]
    fn counts_and_labels() {
        let d = doc();
        assert_eq!(d.format, Format::Markdown);
        let labels: Vec<&str> = d.notes.iter().map(|n| n.label.as_str()).collect();
        assert_eq!(labels, ["1", "2", "3"]);
        let markers: Vec<&str> = d.markers.iter().map(|m| m.label.as_str()).collect();
        // `[^9]` has no definition: still a marker (pulldown-cmark leaves it as text)
        assert_eq!(markers, ["1", "2", "9", "3"]);
    }

    #[test]
    fn front_matter_is_skipped_but_lines_stay_true() {
        let d = doc();
        // the first marker is on line 8 of the file, after `population.`
        let m = &d.markers[0];
        let line8 = MKDOCS.lines().nth(7).unwrap_or("");
        let col = line8
            .find("[^1]")
            .map_or(0, |b| line8[..b].chars().count() + 1);
        assert_eq!(m.pos, Pos::new(8, col));
        assert_eq!(m.pos, Pos::new(8, 65));
        assert!(d.detected_date.is_some());
        let date = d.detected_date.unwrap_or(PartialDate {
            year: 0,
            month: None,
            day: None,
        });
        assert_eq!((date.year, date.month, date.day), (2023, Some(4), Some(5)));
        // the front matter's `title:` line is not body text
        assert!(d.body_urls.iter().all(|u| !u.url.contains("front.example")));
    }

    #[test]
    fn marker_context_is_the_sentence() {
        let d = doc();
        assert_eq!(
            d.markers[0].context,
            "Mass surveillance is the effort to monitor an entire population."
        );
        assert_eq!(
            d.markers[1].context,
            "It was found to have little unique value."
        );
    }

    #[test]
    fn note_text_positions_and_urls() {
        let d = doc();
        let n1 = &d.notes[0];
        assert_eq!(
            n1.text,
            "Wikipedia: *Mass Surveillance* and *Surveillance*."
        );
        assert_eq!(n1.pos, Pos::new(14, 1));
        let urls: Vec<&str> = n1.urls.iter().map(|u| u.url.as_str()).collect();
        assert_eq!(
            urls,
            [
                "https://en.wikipedia.org/wiki/Mass_surveillance",
                "https://en.wikipedia.org/wiki/Surveillance"
            ]
        );
        // position of the destination inside `[*Mass Surveillance*](…)`
        assert_eq!(n1.urls[0].pos, Pos::new(14, 40));
        assert!(n1.urls.iter().all(|u| u.problem.is_none()));

        let n2 = &d.notes[1];
        assert_eq!(
            n2.text,
            "PCLOB: *Report on Section 215*, see also https://pclob.gov/report_215.pdf and the summary."
        );
        let urls: Vec<&str> = n2.urls.iter().map(|u| u.url.as_str()).collect();
        assert_eq!(
            urls,
            [
                "https://pclob.gov/report.pdf",
                "https://pclob.gov/report_215.pdf"
            ]
        );

        let n3 = &d.notes[2];
        assert_eq!(n3.urls.len(), 1);
        assert_eq!(n3.urls[0].url, "https://un.org/en/udhr x");
        assert!(n3.urls[0].problem.is_some());
    }

    #[test]
    fn body_links_keep_only_web_urls() {
        let d = doc();
        let urls: Vec<&str> = d.body_urls.iter().map(|u| u.url.as_str()).collect();
        assert_eq!(
            urls,
            [
                "https://en.wikipedia.org/wiki/Global_surveillance_disclosures_(2013%E2%80%93present)",
                "https://example.org/bare",
                "https://example.com/html-link"
            ]
        );
        assert_eq!(d.body_urls[1].pos, Pos::new(10, 10));
    }

    #[test]
    fn without_definitions_falls_back_to_text() {
        let src = "---\ntitle: x\ndate: 2020-01-02\n---\n\nA claim.[1] Another.[2]\n\n## Notes\n\n[1] A. Author, *Book*, 2019.\n[2] B. Author, 2018.\n";
        let d = extract_markdown("wrapped.md", src);
        assert_eq!(d.format, Format::Markdown);
        assert_eq!(d.path, "wrapped.md");
        // the text extractor read the `[n]` layout
        let notes: Vec<&str> = d.notes.iter().map(|n| n.label.as_str()).collect();
        assert_eq!(notes, ["1", "2"]);
        assert_eq!(d.markers.len(), 2);
        assert_eq!(d.detected_date.map(|d| d.year), Some(2020));
    }

    #[test]
    fn front_matter_helpers() {
        assert_eq!(front_matter_end("---\na: b\n---\nx"), 13);
        assert_eq!(front_matter_end("---\na: b\nno close"), 0);
        assert_eq!(front_matter_end("text\n---\n"), 0);
        let d = front_matter_date("title: x\npublished: '2019-09-17'\n");
        assert_eq!(
            d.map(|d| (d.year, d.month, d.day)),
            Some((2019, Some(9), Some(17)))
        );
        assert_eq!(front_matter_date("title: 2019\n"), None);
    }

    #[test]
    fn pos_finder_agrees_with_line_index_in_any_order() {
        let text = "ab\nçd¹x\n\nz".repeat(3000);
        let finder = PosFinder::new(&text);
        let mut offsets: Vec<usize> = (0..text.len()).step_by(97).collect();
        offsets.reverse();
        for off in offsets {
            assert_eq!(
                finder.pos(off),
                LineIndex::new(&text).pos(off),
                "offset {off}"
            );
        }
        assert_eq!(
            finder.pos(usize::MAX),
            LineIndex::new(&text).pos(text.len())
        );
    }

    #[test]
    fn sentence_context_bounds() {
        assert_eq!(sentence_context("One. Two three "), "Two three");
        assert_eq!(sentence_context("Ends here."), "Ends here.");
        let long = "word ".repeat(300);
        assert!(sentence_context(&long).chars().count() <= CONTEXT_CHARS);
    }

    #[test]
    fn admonition_content_is_markdown_not_code() {
        let src = "Intro.\n\n!!! note \"Heads up\"\n\n    Inside the box.[^1] More.\n\n    ??? tip\n        Nested claim.[^2]\n\nAfter.\n\n    code block [^1]\n\n[^1]: One, https://a.org/one.\n[^2]: Two.\n";
        let d = extract_markdown("adm.md", src);
        let labels: Vec<&str> = d.markers.iter().map(|m| m.label.as_str()).collect();
        assert_eq!(labels, ["1", "2"]);
        assert_eq!(d.markers[0].pos, Pos::new(5, 20));
        assert_eq!(d.markers[0].context, "Inside the box.");
        assert_eq!(d.markers[1].pos, Pos::new(8, 22));
        assert_eq!(d.notes.len(), 2);
        assert_eq!(d.notes[0].pos, Pos::new(14, 1));
        assert_eq!(d.notes[0].urls[0].pos, Pos::new(14, 12));
    }

    #[test]
    fn broken_markdown_does_not_panic() {
        for src in [
            "",
            "---",
            "---\n",
            "[^",
            "[^1]:",
            "x[^1]\n\n[^1]: [a](",
            "x[^1]\n\n[^1]: [a](<https://a.org/x\ny>) é",
            "\u{feff}---\ndate: 2020\n---\n[^1]\n\n[^1]: ok",
        ] {
            let _ = extract_markdown("x.md", src);
        }
    }
}
