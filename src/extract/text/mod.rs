//! Plain text, as extracted from PDFs or pasted into a Markdown wrapper.
//!
//! Three layouts are recognised, all in one streaming pass over the lines, with the choice of
//! layout made at the end from what was seen:
//! - superscript markers (`…diplomatically.¹`) with note definitions at page bottoms
//!   (`13 Wi Seong-rak, …`) interleaved with the body across page breaks;
//! - `[12]` (or superscript) markers with a numbered "Notes" / "Endnotes" / "References"
//!   section of definitions on their own lines (`12. text`, `[12] text`, `12 text`);
//! - flattened text where a whole article sits on one line: a notes heading followed inline by
//!   `1 text … 2 text …` or `[1] . text … [2] . text`, with bare-number (`technology. 1 Gov…`)
//!   or `[n]` markers in the body before it.
//!
//! Written by hand: no crate parses footnotes out of PDF-extracted text.

use std::sync::LazyLock;

use regex::Regex;

use crate::cite::dates::{find_dates, parse_date, PartialDate, Precision};
use crate::extract::prose::{
    collapse_ws, sentence_at, sentence_before, sentence_starts, sup_digit, CONTEXT_CHARS,
};
use crate::extract::urls::{find_urls, problem_in_prose, url_problem};
use crate::model::{Document, Format, Marker, NoteDef, Pos, UrlRef};
use inline::{parse_inline_section, InlineSection};

/// A line at least this long is a whole flattened article: only there are bare-number markers
/// and inline notes sections looked for.
const FLAT_LINE: usize = 3000;
/// The most notes-heading candidates tried in one flattened line.
const MAX_HEADINGS: usize = 16;
/// Highest note number believed: beyond it a number at a line start is body text.
const MAX_LABEL: u32 = 2000;

static DEF_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^[ \t]{0,3}(?:(?:\[(\d{1,4})\][ \t]*[.:]?|(\d{1,4})(\.)?|([⁰¹²³⁴⁵⁶⁷⁸⁹]{1,4}))[ \t]+|([①-⑳])[ \t]*)(\S)",
    )
    .expect("constant regex")
});
static BRACKET_MARKER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\[(\d{1,4}(?:\s*[,–-]\s*\d{1,4})*)\]").expect("constant regex"));
static SUP_TAG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)<sup[^>]*>\s*(?:<a[^>]*>)?\s*\[?(\d{1,4}(?:\s*[,–-]\s*\d{1,4})*)\]?\s*(?:</a>)?\s*</sup>")
        .expect("constant regex")
});
static GLUED_MARKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"[a-z)\]”"’][.,;:!?]?(\d{1,3})(?:[ \t]|$)"#).expect("constant regex")
});
static BARE_MARKER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"[.,;:!?”"’)\]] (\d{1,3}) [A-Z“"‘(]"#).expect("constant regex"));
static INLINE_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:end ?notes|foot ?notes|notes|references)\s+(\[1\]|1\.?)\s+\S")
        .expect("constant regex")
});
static FRONT_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^\s*(?:date|published(?:_date|_at)?|pubdate|created)\s*:\s*['\x22]?([^'\x22]+)",
    )
    .expect("constant regex")
});

/// How a definition's label was written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Style {
    /// `12 text`
    Plain,
    /// `12. text`
    Period,
    /// `[12] text`
    Bracket,
    /// `¹² text`
    Sup,
}

/// A note definition seen while reading, before the layout is decided.
#[derive(Debug)]
struct DefCand {
    label: String,
    pos: Pos,
    style: Style,
    text: String,
    /// (byte offset in `text`, line, column of that byte) for each appended piece, to place URLs.
    pieces: Vec<(usize, usize, usize)>,
}

impl DefCand {
    fn new(label: String, pos: Pos, style: Style) -> Self {
        DefCand {
            label,
            pos,
            style,
            text: String::new(),
            pieces: Vec::new(),
        }
    }

    /// Appends one line's worth of text, re-joining a URL broken across the line end.
    fn push(&mut self, piece: &str, line: usize, column: usize) {
        let piece = piece.trim();
        if piece.is_empty() {
            return;
        }
        if !self.text.is_empty() && !continues_url(&self.text, piece) {
            self.text.push(' ');
        }
        self.pieces.push((self.text.len(), line, column));
        self.text.push_str(piece);
    }

    fn into_note(self) -> NoteDef {
        let text = collapse_ws(&self.text);
        let mut urls: Vec<UrlRef> = Vec::new();
        for u in find_urls(&self.text) {
            if urls.iter().any(|x| x.url == u.url) {
                continue;
            }
            let pos = self.pos_of(u.start);
            let after = self.text.get(u.end..).unwrap_or("");
            urls.push(UrlRef {
                problem: problem_in_prose(&u.url, after),
                url: u.url,
                pos,
            });
        }
        NoteDef {
            cited: None,
            label: self.label,
            pos: self.pos,
            text,
            urls,
        }
    }

    fn pos_of(&self, offset: usize) -> Pos {
        let piece = self
            .pieces
            .iter()
            .rev()
            .find(|(start, _, _)| *start <= offset)
            .copied();
        match piece {
            Some((start, line, col)) => {
                let chars = self
                    .text
                    .get(start..offset)
                    .map_or(0, |s| s.chars().count());
                Pos::new(line, col + chars)
            }
            None => self.pos,
        }
    }
}

/// Does `line` carry on the note whose text so far is `note`? Not when it holds a superscript
/// marker (body text), nor when the note is complete (it ends with a period) and the line goes
/// on with a lowercase word (the body's sentence resuming after a page break).
fn continues_note(note: &str, line: &str) -> bool {
    if first_sup(line).is_some() {
        return false;
    }
    let first = line.trim_start().chars().next();
    let complete = note.trim_end().ends_with(['.', '”', '"']) && !continues_url(note, line.trim());
    !(complete && first.is_some_and(char::is_lowercase))
}

/// True when `prev` ends inside a URL that `next` carries on (a PDF line break in a URL).
fn continues_url(prev: &str, next: &str) -> bool {
    let last = prev.rsplit(char::is_whitespace).next().unwrap_or("");
    let lower = last.to_ascii_lowercase();
    if !(lower.starts_with("http://")
        || lower.starts_with("https://")
        || lower.starts_with("<http"))
    {
        return false;
    }
    if last.ends_with(['.', ',', ';', '>', ')']) && !last.ends_with("/.") {
        return false;
    }
    let first = next.split(char::is_whitespace).next().unwrap_or("");
    let starts_word = first
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c == '“' || c == '"');
    // a URL cut right after a separator is surely unfinished, whatever case follows
    let unfinished = last.ends_with(['/', '-', '_', '=', '?', '&', '%', '#', '.']);
    (unfinished || !starts_word)
        && first.len() > 1
        && first
            .chars()
            .any(|c| matches!(c, '/' | '.' | '-' | '_' | '=' | '&' | '?' | '%' | '#'))
}

/// The byte offset of the first superscript digit in `line`, found by its UTF-8 lead bytes
/// (`¹²³` are C2 xx, `⁰⁴…⁹` are E2 81 xx) without decoding every character.
fn first_sup(line: &str) -> Option<usize> {
    let b = line.as_bytes();
    memchr::memchr2_iter(0xC2, 0xE2, b).find(|&i| {
        matches!(
            (b.get(i), b.get(i + 1), b.get(i + 2)),
            (Some(0xC2), Some(0xB2 | 0xB3 | 0xB9), _)
                | (Some(0xE2), Some(0x81), Some(0xB0 | 0xB4..=0xB9))
                | (Some(0xE2), Some(0x91), Some(0xA0..=0xB3))
        )
    })
}

/// ① … ⑳, the note markers of Chinese and Japanese texts: each one a whole label.
fn circled(c: char) -> Option<u32> {
    let n = u32::from(c).checked_sub(0x2460)?;
    (n < 20).then_some(n + 1)
}

fn sup_number(s: &str) -> Option<u32> {
    s.chars().try_fold(0u32, |n, c| {
        Some(n.saturating_mul(10).saturating_add(sup_digit(c)?))
    })
}

/// Is this line a notes heading ("Notes", "Endnotes", "References", "注释", ...)?
fn is_notes_heading(line: &str) -> bool {
    let t = line
        .trim()
        .trim_matches(|c: char| c == '#' || c == '*' || c == ':' || c == '_' || c.is_whitespace());
    if t.is_empty() || t.len() > 40 {
        return false;
    }
    let lower = t.to_lowercase();
    matches!(
        lower.as_str(),
        "notes"
            | "endnotes"
            | "end notes"
            | "footnotes"
            | "references"
            | "notes and references"
            | "works cited"
            | "sources"
            | "注释"
            | "注釋"
            | "注"
            | "参考文献"
            | "脚注"
            | "註"
            | "각주"
            | "주석"
            | "미주"
    )
}

/// Streaming extractor: feed lines, then [`TextExtractor::finish`].
pub struct TextExtractor {
    path: String,
    format: Format,
    line_no: usize,
    sup_markers: Vec<Marker>,
    bracket_markers: Vec<Marker>,
    /// (number, marker) of bare-number marker candidates in flattened lines.
    bare_markers: Vec<(u32, Marker)>,
    /// (number, marker) of digits glued to a word or its punctuation (`diplomatically.1`), the
    /// trace of superscripts lost in PDF extraction.
    glued_markers: Vec<(u32, Marker)>,
    loose_defs: Vec<DefCand>,
    section_defs: Vec<DefCand>,
    in_section: bool,
    /// Which definition list the previous line added to, if a definition is open.
    open: Option<bool>,
    /// The end of the current body paragraph so far, for marker contexts.
    para_tail: String,
    inline: Option<InlineSection>,
    body_urls: Vec<UrlRef>,
    in_front_matter: bool,
    detected_date: Option<PartialDate>,
    warnings: Vec<String>,
}

impl TextExtractor {
    pub fn new(path: &str, format: Format) -> Self {
        TextExtractor {
            path: path.to_string(),
            format,
            line_no: 0,
            sup_markers: Vec::new(),
            bracket_markers: Vec::new(),
            bare_markers: Vec::new(),
            glued_markers: Vec::new(),
            loose_defs: Vec::new(),
            section_defs: Vec::new(),
            in_section: false,
            open: None,
            para_tail: String::new(),
            inline: None,
            body_urls: Vec::new(),
            in_front_matter: false,
            detected_date: None,
            warnings: Vec::new(),
        }
    }

    /// Records a warning for the document (shown in reports, never fatal).
    pub fn warn(&mut self, w: impl Into<String>) {
        self.warnings.push(w.into());
    }

    /// Feeds the next line (without its line terminator).
    pub fn feed_line(&mut self, line: &str) {
        self.line_no += 1;
        let line = line.strip_suffix('\r').unwrap_or(line);
        let line = if self.line_no == 1 {
            line.strip_prefix('\u{feff}').unwrap_or(line)
        } else {
            line
        };
        if self.line_no == 1 && line.trim_end() == "---" {
            self.in_front_matter = true;
            return;
        }
        if self.in_front_matter {
            if line.trim_end() == "---" || line.trim_end() == "..." {
                self.in_front_matter = false;
            } else if self.detected_date.is_none() {
                if let Some(c) = FRONT_DATE.captures(line) {
                    self.detected_date = c.get(1).and_then(|m| parse_date(m.as_str().trim()));
                }
            }
            return;
        }
        if line.trim().is_empty() {
            self.open = None;
            self.para_tail.clear();
            return;
        }
        if self.line_no <= 40 && self.detected_date.is_none() && line.len() <= 60 {
            let dates = find_dates(line);
            if let [d] = dates.as_slice() {
                if d.date.precision() == Precision::Day && d.date.is_valid() && !d.accessed {
                    self.detected_date = Some(d.date);
                }
            }
        }
        if is_notes_heading(line) {
            self.in_section = true;
            self.open = None;
            self.para_tail.clear();
            return;
        }
        if let Some(def) = self.def_line(line) {
            let list = if self.in_section {
                &mut self.section_defs
            } else {
                &mut self.loose_defs
            };
            list.push(def);
            self.open = Some(self.in_section);
            return;
        }
        if let Some(in_section) = self.open {
            let list = if in_section {
                &mut self.section_defs
            } else {
                &mut self.loose_defs
            };
            if let Some(def) = list.last_mut() {
                if continues_note(&def.text, line) {
                    let indent = line.chars().take_while(|c| c.is_whitespace()).count();
                    def.push(line, self.line_no, indent + 1);
                    return;
                }
                // the body resumes right under a page's notes (no blank line between)
                self.open = None;
            }
        }
        self.body_line(line);
    }

    /// A note definition starting on this line, if it looks like one.
    fn def_line(&self, line: &str) -> Option<DefCand> {
        // most lines are body text: look at the first non-blank byte before running the regex
        let first = line.bytes().find(|b| *b != b' ' && *b != b'\t')?;
        if !(first.is_ascii_digit() || first == b'[' || first == 0xC2 || first == 0xE2) {
            return None;
        }
        let c = DEF_LINE.captures(line)?;
        let first = c.get(6)?;
        let first_char = first.as_str().chars().next()?;
        if first_char.is_lowercase()
            || first_char.is_ascii_digit()
            || matches!(first_char, '%' | '-' | '–' | '.' | ',' | ')')
        {
            return None;
        }
        // `[1]: https://…` is a Markdown link reference definition, not a note
        if c.get(1).is_some()
            && line
                .trim_start()
                .split_once(']')
                .is_some_and(|(_, r)| r.starts_with(':'))
        {
            return None;
        }
        let (label, style) = if let Some(m) = c.get(1) {
            (m.as_str().parse::<u32>().ok()?, Style::Bracket)
        } else if let Some(m) = c.get(2) {
            let style = if c.get(3).is_some() {
                Style::Period
            } else {
                Style::Plain
            };
            (m.as_str().parse::<u32>().ok()?, style)
        } else {
            let n = match c.get(4) {
                Some(sup) => sup_number(sup.as_str())?,
                None => c.get(5)?.as_str().chars().next().and_then(circled)?,
            };
            (n, Style::Sup)
        };
        if label == 0 || label > MAX_LABEL {
            return None;
        }
        let start_col = line
            .get(..c.get(0)?.start())
            .map_or(0, |s| s.chars().count())
            + line
                .chars()
                .take_while(|ch| *ch == ' ' || *ch == '\t')
                .count();
        let mut def = DefCand::new(
            label.to_string(),
            Pos::new(self.line_no, start_col + 1),
            style,
        );
        let text_start = first.start();
        let col = line.get(..text_start).map_or(0, |s| s.chars().count()) + 1;
        def.push(line.get(text_start..).unwrap_or(""), self.line_no, col);
        Some(def)
    }

    fn body_line(&mut self, line: &str) {
        // a flattened notes section inside this line?
        let mut body_end = line.len();
        if self.inline.is_none() && line.len() > FLAT_LINE {
            let mut best: Option<InlineSection> = None;
            // a bounded number of candidates, so that a pathological line stays linear
            for c in INLINE_HEADING.captures_iter(line).take(MAX_HEADINGS) {
                let (Some(all), Some(label)) = (c.get(0), c.get(1)) else {
                    continue;
                };
                let bracket = label.as_str().starts_with('[');
                let sec =
                    parse_inline_section(line, self.line_no, all.start(), label.start(), bracket);
                if sec.defs.len() >= 2
                    && best.as_ref().is_none_or(|b| sec.defs.len() >= b.defs.len())
                {
                    best = Some(sec);
                }
            }
            if let Some(sec) = best {
                body_end = sec.heading_start;
                let urls_from = sec.heading_start;
                self.inline = Some(sec);
                let _ = urls_from;
            }
        }
        let body = line.get(..body_end).unwrap_or(line);
        self.scan_markers(body);
        for u in find_urls(body) {
            let col = body.get(..u.start).map_or(0, |s| s.chars().count()) + 1;
            self.body_urls.push(UrlRef {
                problem: url_problem(&u.url),
                url: u.url,
                pos: Pos::new(self.line_no, col),
            });
        }
        // keep the paragraph's tail for the next line's marker contexts
        if !self.para_tail.is_empty() {
            self.para_tail.push(' ');
        }
        self.para_tail.push_str(body.trim());
        if self.para_tail.len() > CONTEXT_CHARS * 8 {
            let mut cut = self.para_tail.len() - CONTEXT_CHARS * 4;
            while !self.para_tail.is_char_boundary(cut) {
                cut -= 1;
            }
            self.para_tail.drain(..cut);
        }
    }

    /// The sentence carrying a marker at byte `at` of `line` (`starts`: the line's sentence
    /// starts, computed once per line).
    fn context(&self, line: &str, starts: &[usize], at: usize) -> String {
        let (sentence, complete) = sentence_at(line, starts, at);
        if complete || self.para_tail.is_empty() {
            return sentence;
        }
        // the sentence began on an earlier line of the paragraph
        let head = sentence_before(&self.para_tail);
        if head.is_empty() {
            sentence
        } else {
            format!("{head} {sentence}")
        }
    }

    /// A marker numbered `n` at byte `at` of `line`, with its sentence.
    fn marker(
        &self,
        idx: &mut crate::model::LineIndex,
        line: &str,
        starts: &[usize],
        at: usize,
        n: u32,
    ) -> Marker {
        Marker {
            label: n.to_string(),
            pos: Pos::new(self.line_no, idx.pos(at).column),
            context: self.context(line, starts, at),
        }
    }

    fn scan_markers(&mut self, line: &str) {
        let mut idx = crate::model::LineIndex::new(line);
        let sup = first_sup(line);
        let may_mark =
            sup.is_some() || line.contains('[') || line.contains('<') || line.len() > FLAT_LINE;
        let starts = if may_mark {
            sentence_starts(line)
        } else {
            Vec::new()
        };
        // superscript runs
        if let Some(first) = sup {
            let mut iter = line
                .get(first..)
                .unwrap_or("")
                .char_indices()
                .map(|(i, c)| (i + first, c))
                .peekable();
            while let Some((i, c)) = iter.next() {
                if let Some(n) = circled(c) {
                    let marker = self.marker(&mut idx, line, &starts, i, n);
                    self.sup_markers.push(marker);
                    continue;
                }
                if sup_digit(c).is_none() {
                    continue;
                }
                let mut end = i + c.len_utf8();
                while let Some(&(j, d)) = iter.peek() {
                    if sup_digit(d).is_some() {
                        end = j + d.len_utf8();
                        iter.next();
                    } else {
                        break;
                    }
                }
                // a superscript after a unit (m², km³) is an exponent, not a marker
                let prev = line.get(..i).and_then(|s| s.chars().next_back());
                if prev.is_some_and(|p| p.is_ascii_digit()) {
                    continue;
                }
                let Some(n) = line.get(i..end).and_then(sup_number) else {
                    continue;
                };
                if n == 0 || n > MAX_LABEL {
                    continue;
                }
                let marker = self.marker(&mut idx, line, &starts, i, n);
                self.sup_markers.push(marker);
            }
        }
        if line.contains("<sup") || line.contains("<SUP") {
            // `<sup>3</sup>`: HTML inside Markdown or text, counted with the superscripts
            for c in SUP_TAG.captures_iter(line) {
                let (Some(all), Some(inner)) = (c.get(0), c.get(1)) else {
                    continue;
                };
                for n in expand_labels(inner.as_str()) {
                    let marker = self.marker(&mut idx, line, &starts, all.start(), n);
                    self.sup_markers.push(marker);
                }
            }
        }
        if line.contains('[') {
            for c in BRACKET_MARKER.captures_iter(line) {
                let (Some(all), Some(inner)) = (c.get(0), c.get(1)) else {
                    continue;
                };
                // `[1](url)` is a Markdown link, `[1]:` a reference definition and
                // `[text][1]` a reference link
                let after = line.get(all.end()..).and_then(|s| s.chars().next());
                let before = line.get(..all.start()).and_then(|s| s.chars().next_back());
                if matches!(after, Some('(' | ':')) || before == Some(']') {
                    continue;
                }
                for n in expand_labels(inner.as_str()) {
                    let marker = self.marker(&mut idx, line, &starts, all.start(), n);
                    self.bracket_markers.push(marker);
                }
            }
        }
        // only while no real superscript or bracket marker has been seen: those take precedence
        if self.glued_markers.len() < 100_000
            && self.sup_markers.is_empty()
            && self.bracket_markers.is_empty()
        {
            for c in GLUED_MARKER.captures_iter(line) {
                let Some(num) = c.get(1) else { continue };
                let Ok(n) = num.as_str().parse::<u32>() else {
                    continue;
                };
                // "p.16 ", "No.9 ", "Vol.3 " are pages and issues, not markers
                let word = line
                    .get(..num.start())
                    .and_then(|b| b.rsplit(' ').next())
                    .unwrap_or("");
                let word = word
                    .trim_end_matches(|c: char| c.is_ascii_punctuation())
                    .to_ascii_lowercase();
                if n == 0
                    || matches!(
                        word.as_str(),
                        "p" | "pp" | "no" | "vol" | "fig" | "art" | "sec" | "ch"
                    )
                {
                    continue;
                }
                let marker = self.marker(&mut idx, line, &starts, num.start(), n);
                self.glued_markers.push((n, marker));
            }
        }
        if line.len() > FLAT_LINE {
            for c in BARE_MARKER.captures_iter(line) {
                let Some(num) = c.get(1) else { continue };
                let Ok(n) = num.as_str().parse::<u32>() else {
                    continue;
                };
                if n == 0 {
                    continue;
                }
                let marker = self.marker(&mut idx, line, &starts, num.start(), n);
                self.bare_markers.push((n, marker));
            }
        }
    }

    /// Joins what a later part of the same text found (see [`extract_str`]).
    fn append(&mut self, next: TextExtractor) {
        self.sup_markers.extend(next.sup_markers);
        self.bracket_markers.extend(next.bracket_markers);
        self.bare_markers.extend(next.bare_markers);
        self.glued_markers.extend(next.glued_markers);
        // definitions after a notes heading of an earlier part belong to that section
        if self.in_section {
            self.section_defs.extend(next.loose_defs);
        } else {
            self.loose_defs.extend(next.loose_defs);
        }
        self.section_defs.extend(next.section_defs);
        self.in_section |= next.in_section;
        if self.inline.is_none() {
            self.inline = next.inline;
        }
        self.body_urls.extend(next.body_urls);
        self.warnings.extend(next.warnings);
        self.detected_date = self.detected_date.or(next.detected_date);
        self.line_no = next.line_no;
    }

    /// Decides the layout and returns the document.
    pub fn finish(mut self) -> Document {
        self.loose_defs = drop_running_heads(std::mem::take(&mut self.loose_defs));
        let mut doc = Document::new(self.path, self.format);
        doc.body_urls = self.body_urls;
        doc.warnings = self.warnings;
        doc.detected_date = self.detected_date;
        let (defs, markers): (Vec<DefCand>, Vec<Marker>) = if let Some(sec) = self.inline {
            let mut markers = self.sup_markers;
            if sec.bracket {
                markers.extend(self.bracket_markers);
            } else {
                let max = u32::try_from(sec.defs.len()).unwrap_or(u32::MAX);
                let cands: Vec<(u32, Marker)> = self
                    .bare_markers
                    .into_iter()
                    .filter(|(n, _)| *n <= max)
                    .collect();
                markers.extend(increasing_run(cands));
            }
            (sec.defs, markers)
        } else if !self.section_defs.is_empty() {
            let mut markers = self.sup_markers;
            markers.extend(self.bracket_markers);
            (self.section_defs, markers)
        } else if !self.sup_markers.is_empty() {
            let plain = self
                .loose_defs
                .iter()
                .any(|d| matches!(d.style, Style::Plain | Style::Sup));
            let defs = self
                .loose_defs
                .into_iter()
                .filter(|d| d.style != Style::Bracket && (!plain || d.style != Style::Period))
                .collect();
            (defs, self.sup_markers)
        } else if self.bracket_markers.is_empty()
            && !self.glued_markers.is_empty()
            && !self.loose_defs.is_empty()
        {
            // superscripts flattened to plain digits (`diplomatically.1 Therefore`)
            let defs: Vec<DefCand> = self
                .loose_defs
                .into_iter()
                .filter(|d| matches!(d.style, Style::Plain | Style::Period))
                .collect();
            let max = defs
                .iter()
                .filter_map(|d| d.label.parse::<u32>().ok())
                .max()
                .unwrap_or(0);
            let cands: Vec<(u32, Marker)> = self
                .glued_markers
                .into_iter()
                .filter(|(n, _)| *n <= max)
                .collect();
            (defs, increasing_run(cands))
        } else if !self.bracket_markers.is_empty() {
            let defs = self
                .loose_defs
                .into_iter()
                .filter(|d| d.style == Style::Bracket)
                .collect();
            (defs, self.bracket_markers)
        } else {
            (Vec::new(), Vec::new())
        };
        doc.notes = into_notes(defs);
        doc.markers = markers;
        doc.markers.sort_by_key(|m| m.pos);
        doc
    }
}

/// Turns definitions into notes (URLs found and checked), on every core when there are many.
fn into_notes(defs: Vec<DefCand>) -> Vec<NoteDef> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(8);
    if threads < 2 || defs.len() < 2048 {
        return defs.into_iter().map(DefCand::into_note).collect();
    }
    let chunk = defs.len().div_ceil(threads);
    let mut parts: Vec<Vec<DefCand>> = Vec::new();
    let mut rest = defs.into_iter();
    loop {
        let part: Vec<DefCand> = rest.by_ref().take(chunk).collect();
        if part.is_empty() {
            break;
        }
        parts.push(part);
    }
    std::thread::scope(|s| {
        let handles: Vec<_> = parts
            .into_iter()
            .map(|p| s.spawn(move || p.into_iter().map(DefCand::into_note).collect::<Vec<_>>()))
            .collect();
        // a worker cannot panic on input (no indexing, no unwrap); a lost part would be a bug
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_default())
            .collect()
    })
}

/// Texts at least this long are read on several cores, in parts cut at blank lines.
const PARALLEL_MIN: usize = 4 << 20;

/// Texts up to this size are also read by evidence ([`crate::extract::notes`]); beyond it
/// (no real document is this long) only the line layouts are read, in parallel parts.
const EVIDENCE_MAX: usize = 16 << 20;

/// Extracts a whole text held in memory: the line layouts of this module and, for texts of
/// ordinary size, every reading of [`crate::extract::notes`]; the reading that explains the
/// document best is kept.
pub fn extract_str(path: &str, text: &str) -> Document {
    let mut doc = extract_lines(path, text);
    if text.len() > EVIDENCE_MAX {
        return doc;
    }
    let from = crate::extract::prose::front_matter_end(text);
    let Some(reading) = crate::extract::notes::read(text, from) else {
        // no reading convinces, and the line layouts' notes cite nothing at all: page heads
        // and numbered lines, not notes (the markers stay, for `notes-unreadable`)
        let cites = doc.notes.iter().any(|n| {
            let s = crate::extract::notes::evidence::signals(&n.text);
            s.url || s.year || s.short_form
        });
        if !cites {
            doc.notes.clear();
        }
        return doc;
    };
    let texts: Vec<&str> = doc.notes.iter().map(|n| n.text.as_str()).collect();
    let labels: Vec<&str> = doc.notes.iter().map(|n| n.label.as_str()).collect();
    let marks: Vec<&str> = doc.markers.iter().map(|m| m.label.as_str()).collect();
    let legacy = crate::extract::notes::score(&texts, &labels, &marks);
    if reading.score > legacy {
        let (notes, markers) = crate::extract::notes::materialize(text, &reading);
        doc.notes = notes;
        doc.markers = markers;
        if reading.how.starts_with("unnumbered") {
            // numbered by their order: say so when the body's markers do not match them
            let mut labels: Vec<&str> = doc.markers.iter().map(|m| m.label.as_str()).collect();
            labels.sort_unstable();
            labels.dedup();
            if !labels.is_empty() && labels.len() != doc.notes.len() {
                doc.warnings.push(format!(
                    "{} notes without numbers, numbered in order, but the body's markers name {} notes: the pairing may be off",
                    doc.notes.len(),
                    labels.len()
                ));
            }
        }
    }
    doc
}

/// The line layouts of this module on a whole text held in memory; a long one in parts on
/// every core, each part cut at a blank line (where no note or sentence continues), the
/// parts' findings then joined in order.
fn extract_lines(path: &str, text: &str) -> Document {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(8);
    let parts = if text.len() >= PARALLEL_MIN && threads > 1 {
        split_at_blank_lines(text, threads)
    } else {
        vec![(0, text)]
    };
    let run = |first_line: usize, part: &str| {
        let mut ex = TextExtractor::new(path, Format::Text);
        ex.line_no = first_line;
        for line in part.split('\n') {
            ex.feed_line(line);
        }
        ex
    };
    if parts.len() < 2 {
        return run(0, text).finish();
    }
    let done: Vec<TextExtractor> = std::thread::scope(|s| {
        let handles: Vec<_> = parts
            .iter()
            .map(|&(first_line, part)| s.spawn(move || run(first_line, part)))
            .collect();
        handles
            .into_iter()
            .zip(&parts)
            .map(|(h, &(first_line, part))| h.join().unwrap_or_else(|_| run(first_line, part)))
            .collect()
    });
    let mut all = done.into_iter();
    let Some(mut ex) = all.next() else {
        return run(0, text).finish();
    };
    for next in all {
        ex.append(next);
    }
    ex.finish()
}

/// Cuts `text` into about `n` parts at blank lines: (lines before the part, the part).
fn split_at_blank_lines(text: &str, n: usize) -> Vec<(usize, &str)> {
    let mut parts = Vec::new();
    let mut start = 0;
    let mut line = 0;
    for k in 1..n {
        let target = text.len() * k / n;
        if target <= start {
            continue;
        }
        // the next "\n\n" after the target: the part ends before its second newline
        let Some(rel) = text
            .get(target..)
            .and_then(|t| memchr::memmem::find(t.as_bytes(), b"\n\n"))
        else {
            break;
        };
        let cut = target + rel + 1;
        let Some(part) = text.get(start..cut) else {
            break;
        };
        let part = part.strip_suffix('\n').unwrap_or(part);
        parts.push((line, part));
        line += memchr::memchr_iter(b'\n', text.get(start..cut).unwrap_or("").as_bytes()).count();
        start = cut;
    }
    parts.push((line, text.get(start..).unwrap_or("")));
    parts
}

mod inline;
mod sift;

use sift::{drop_running_heads, expand_labels, increasing_run};

#[cfg(test)]
mod tests;
