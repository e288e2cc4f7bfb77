//! Word documents (`.docx`): footnotes and endnotes with the markers that point to them,
//! links, and the citations reference managers store in fields.
//!
//! A `.docx` is a zip of XML parts. The main part (`word/document.xml`, or whatever
//! `_rels/.rels` names) holds the body with its note references (`w:footnoteReference`,
//! `w:endnoteReference`); `word/footnotes.xml` and `word/endnotes.xml` hold the notes; each
//! part's links are resolved through its own relationships (`word/_rels/<part>.rels`). Every
//! part is read as a stream of XML events (quick-xml) straight from the inflating zip entry.
//!
//! **Positions.** A Word file has no lines: a position's `line` is a paragraph's number in
//! reading order, its `column` the character in that paragraph (1-based). The body's
//! paragraphs come first (1, 2, …, table cells' and text boxes' paragraphs counted where they
//! start), then the footnotes' paragraphs numbered on after the body's, then the endnotes'
//! (separator notes are not counted). So a note's position says both where it is in its
//! part and that it is no body text, and findings sort in reading order.
//!
//! **Labels** are the numbers Word shows: footnotes numbered in order of their first reference
//! in the body, in the format and from the start that `w:footnotePr` states (the body's last
//! section, else `word/settings.xml`; by default `1, 2, 3`), endnotes likewise (by default
//! `i, ii, iii`, as Word numbers them). A reference with `w:customMarkFollows` shows the mark
//! written after it (`*`, `†`) and takes no number. Should footnotes and endnotes show the
//! same label (both numbered `1, 2, 3`), the endnotes' labels get an `e` before them (`e1`):
//! one label, one note. Restarting the numbers on each page or section is not followed.
//!
//! **Reference managers.** A Zotero (`ADDIN ZOTERO_ITEM CSL_CITATION {…}`), Mendeley Desktop
//! (`ADDIN CSL_CITATION {…}`) or Mendeley Cite (a content control tagged
//! `MENDELEY_CITATION_v3_…`) citation inside a note gives the note its structured fields
//! (`NoteDef::cited`, the first work cited) and that work's URL and DOI as links. In the body
//! (an author-date document), each citation is a note of its own: labelled by its order
//! (`1, 2, …`, or `c1, c2, …` when the document also has notes with those labels), its text
//! what Word shows (`(Smith 2019)`), its fields the first work's, with a marker where it
//! stands.
//!
//! A document without notes of Word's own (notes typed by hand under a heading, superscript
//! digits as markers) is read by the plain-text reader from its paragraphs, one per line.
//!
//! **Limits.** At most [`ENTRIES_MAX`] zip entries and [`INFLATED_MAX`] bytes inflated over
//! all parts read, whatever sizes the zip declares; one XML event (a text, a tag) at most
//! 32 MiB, elements nested at most 10,000 deep, a part's references, notes and links at most
//! 128 MiB (a zip bomb is an error, not an exhausted memory). Corrupt input is one error
//! naming the file (not a zip, truncated, no main part, bad XML), never a panic.

mod fields;
mod package;
mod para;
mod parts;
/// `msg` with its control characters written as escapes, so that an error stays one line.
fn one_line(msg: &str) -> String {
    let mut out = String::with_capacity(msg.len());
    for c in msg.chars() {
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests;

use std::collections::{HashMap, HashSet};

use crate::extract::InputError;
use crate::model::{Document, Format, Marker, NoteDef, Unreadable, UrlRef};
use package::{char_styles, links_of, resolve, settings_formats, CharStyles, Package};
use parts::{BodyCitation, NoteKind, NoteRef, NumberFormat, Part, PartOut, RawNote};

/// The most bytes inflated from all the parts read, together.
pub const INFLATED_MAX: u64 = 256 << 20;
/// The most entries a Word file's zip may hold.
pub const ENTRIES_MAX: usize = 10_000;

/// Reads a Word document's notes from its bytes (a zip of XML parts).
pub fn extract_docx(name: &str, bytes: &[u8]) -> Result<Document, InputError> {
    // one line whatever the part quoted (an XML parser's message may quote a tag name that
    // holds a line break; found by fuzzing: fuzz/corpus/docx/found-newline-in-message)
    read(name, bytes, INFLATED_MAX).map_err(|m| InputError::new(name, one_line(&m)))
}

/// [`extract_docx`] with `limit` bytes inflated at most.
fn read(name: &str, bytes: &[u8], limit: u64) -> Result<Document, String> {
    let mut pkg = Package::open(bytes, limit)?;
    let main = pkg.main_part()?;
    let rels = pkg.rels_of(&main)?;
    let target = |suffix: &str, default: &str| -> String {
        rels.iter()
            .find(|r| r.ty.ends_with(suffix) && !r.external)
            .map_or_else(|| default.to_string(), |r| resolve(&main, &r.target))
    };
    let (foot_part, end_part) = (
        target("/footnotes", "word/footnotes.xml"),
        target("/endnotes", "word/endnotes.xml"),
    );
    let settings = target("/settings", "word/settings.xml");
    let styles = target("/styles", "word/styles.xml");

    let mut warnings = Vec::new();
    // settings and styles only refine the reading: a broken one is a warning
    let (mut foot_fmt, mut end_fmt) = match pkg.read_part(&settings, |r, m| settings_formats(r, m))
    {
        Ok(f) => f.unwrap_or_default(),
        Err(e) if e.bomb => return Err(e.message),
        Err(e) => {
            warnings.push(format!(
                "{} (note numbering read as Word's default)",
                e.message
            ));
            Default::default()
        }
    };
    let styles = match pkg.read_part(&styles, |r, m| char_styles(r, m)) {
        Ok(s) => s.unwrap_or_default(),
        Err(e) if e.bomb => return Err(e.message),
        Err(e) => {
            warnings.push(e.message);
            CharStyles::default()
        }
    };

    let body = pkg
        .walk(&main, Part::Body, &links_of(&rels), &styles, 1)?
        .ok_or_else(|| format!("not a Word document: it has no {main}"))?;
    let mut line = 1 + body.paragraphs;
    let mut notes_of = |part: &str, kind| -> Result<PartOut, String> {
        let rels = pkg.rels_of(part)?;
        let out = pkg.walk(part, Part::Notes(kind), &links_of(&rels), &styles, line)?;
        let out = out.unwrap_or_default();
        line += out.paragraphs;
        Ok(out)
    };
    let foot = notes_of(&foot_part, NoteKind::Foot)?;
    let end = notes_of(&end_part, NoteKind::End)?;

    // the body's sections state the numbering over the settings
    for (fmt, over) in [
        (&mut foot_fmt, &body.foot_format),
        (&mut end_fmt, &body.end_format),
    ] {
        if over.fmt.is_some() {
            fmt.fmt.clone_from(&over.fmt);
        }
        if over.start.is_some() {
            fmt.start = over.start;
        }
    }
    warnings.extend(body.warnings.iter().cloned());
    warnings.extend(foot.warnings.iter().cloned());
    warnings.extend(end.warnings.iter().cloned());
    let mut doc = Document::new(name, Format::Docx);
    doc.body_urls = body.body_urls;
    doc.warnings = warnings;
    let notes_found = !body.refs.is_empty() || !body.citations.is_empty();
    assemble(
        &mut doc, body.refs, foot.notes, end.notes, &foot_fmt, &end_fmt,
    );
    add_citations(&mut doc, body.citations);
    doc.markers.sort_by_key(|m| m.pos);
    if !notes_found {
        return Ok(plain_text_reading(doc, &body.lines));
    }
    Ok(doc)
}

/// A document without notes of Word's own, read by the plain-text reader from its paragraphs
/// (one per line, so that its positions are paragraphs too); the links behind its text kept.
fn plain_text_reading(doc: Document, lines: &[(usize, String)]) -> Document {
    let mut lines: Vec<&(usize, String)> = lines.iter().collect();
    lines.sort_by_key(|(n, _)| *n);
    let mut text = String::new();
    let mut at = 1;
    for (n, line) in lines {
        // empty paragraphs are empty lines
        while at < *n {
            text.push('\n');
            at += 1;
        }
        text.push_str(line);
    }
    let mut read = crate::extract::text::extract_str(&doc.path, &text);
    if read.notes.is_empty() && read.markers.is_empty() {
        let mut doc = doc;
        if let Some((at, seen)) = crate::extract::notes::unreadable(&text, 0, 0) {
            let pos = crate::model::LineIndex::new(&text).pos(at);
            doc.unreadable = Some(Unreadable { pos, seen });
        }
        return doc;
    }
    read.format = Format::Docx;
    read.warnings.splice(0..0, doc.warnings);
    // links behind text: the plain-text reader sees only the URLs written out
    let known: HashSet<String> = read
        .notes
        .iter()
        .flat_map(|n| n.urls.iter())
        .chain(&read.body_urls)
        .map(|u| u.url.clone())
        .collect();
    read.body_urls.extend(
        doc.body_urls
            .into_iter()
            .filter(|u| !known.contains(&u.url)),
    );
    read
}

/// The notes with the labels Word shows, and a marker for each reference.
fn assemble(
    doc: &mut Document,
    refs: Vec<NoteRef>,
    foot: Vec<RawNote>,
    end: Vec<RawNote>,
    foot_fmt: &NumberFormat,
    end_fmt: &NumberFormat,
) {
    let mut numbered: [Numbering; 2] = [
        Numbering::new(foot_fmt, "decimal"),
        Numbering::new(end_fmt, "lowerRoman"),
    ];
    let mut markers: [Vec<Marker>; 2] = [Vec::new(), Vec::new()];
    for r in refs {
        let k = usize::from(r.kind == NoteKind::End);
        let Some(n) = numbered.get_mut(k) else {
            continue;
        };
        let label = n.label_of(&r.id, r.custom.as_deref());
        if let Some(m) = markers.get_mut(k) {
            m.push(Marker {
                label,
                pos: r.pos,
                context: r.context,
            });
        }
    }
    let [foot_n, end_n] = numbered;
    let [foot_m, mut end_m] = markers;
    let mut foot_notes = notes_in_order(foot, &foot_n, "footnote", &mut doc.warnings);
    let mut end_notes = notes_in_order(end, &end_n, "endnote", &mut doc.warnings);
    // one label, one note: endnotes showing a footnote's label are told apart
    let foot_labels: HashSet<&str> = foot_m
        .iter()
        .map(|m| m.label.as_str())
        .chain(foot_notes.iter().map(|n| n.label.as_str()))
        .collect();
    let clash = end_m
        .iter()
        .map(|m| m.label.as_str())
        .chain(end_notes.iter().map(|n| n.label.as_str()))
        .any(|l| foot_labels.contains(l));
    if clash {
        for l in end_m
            .iter_mut()
            .map(|m| &mut m.label)
            .chain(end_notes.iter_mut().map(|n| &mut n.label))
        {
            l.insert(0, 'e');
        }
    }
    doc.markers.extend(foot_m);
    doc.markers.extend(end_m);
    doc.notes.append(&mut foot_notes);
    doc.notes.append(&mut end_notes);
}

/// Body citations of a reference manager, each a note with its marker.
fn add_citations(doc: &mut Document, citations: Vec<BodyCitation>) {
    if citations.is_empty() {
        return;
    }
    let n = citations.len();
    let taken: HashSet<&str> = doc.notes.iter().map(|n| n.label.as_str()).collect();
    let prefix = if (1..=n).any(|i| taken.contains(i.to_string().as_str())) {
        "c"
    } else {
        ""
    };
    for (i, c) in citations.into_iter().enumerate() {
        let label = format!("{prefix}{}", i + 1);
        let first = c.items.into_iter().next();
        let urls: Vec<UrlRef> = first
            .iter()
            .flat_map(|item| item.links())
            .map(|url| UrlRef {
                problem: crate::extract::urls::url_problem(&url),
                url,
                pos: c.pos,
            })
            .collect();
        doc.markers.push(Marker {
            label: label.clone(),
            pos: c.pos,
            context: c.context,
        });
        doc.notes.push(NoteDef {
            label,
            pos: c.pos,
            text: c.text,
            urls,
            cited: first.map(|item| Box::new(item.fields)),
        });
    }
}

/// Notes in the order of their first reference, labelled; those no reference shows are left
/// out (Word does not show them) with a warning.
fn notes_in_order(
    notes: Vec<RawNote>,
    numbering: &Numbering,
    what: &str,
    warnings: &mut Vec<String>,
) -> Vec<NoteDef> {
    let mut by_id: HashMap<String, RawNote> = HashMap::with_capacity(notes.len());
    let mut unshown = 0;
    for n in notes {
        if by_id.contains_key(&n.id) {
            unshown += 1;
            continue;
        }
        by_id.insert(n.id.clone(), n);
    }
    let mut out = Vec::with_capacity(numbering.order.len());
    for (id, label, custom) in &numbering.order {
        let Some(n) = by_id.remove(id) else {
            continue;
        };
        let mut text = n.text;
        if *custom && !n.numbered {
            // the note starts with its custom mark, written as text
            if let Some(rest) = text.strip_prefix(label.as_str()) {
                text = rest.trim_start().to_string();
            }
        }
        out.push(NoteDef {
            label: label.clone(),
            pos: n.pos,
            text,
            urls: n.urls,
            cited: n.cited.map(Box::new),
        });
    }
    unshown += by_id.len();
    if unshown > 0 {
        let (s, them) = if unshown == 1 {
            ("", "it")
        } else {
            ("s", "them")
        };
        warnings.push(format!(
            "{unshown} {what}{s} that no reference in the body points to (Word does not show {them})"
        ));
    }
    out
}

/// Numbering notes of one kind as Word does.
struct Numbering {
    fmt: String,
    start: usize,
    next: usize,
    /// Note id → its label.
    labels: HashMap<String, String>,
    /// (id, label, custom mark) in order of first reference.
    order: Vec<(String, String, bool)>,
}

impl Numbering {
    fn new(f: &NumberFormat, default: &str) -> Self {
        Numbering {
            fmt: f.fmt.clone().unwrap_or_else(|| default.to_string()),
            start: f.start.unwrap_or(1).min(1 << 20),
            next: 0,
            labels: HashMap::new(),
            order: Vec::new(),
        }
    }

    fn label_of(&mut self, id: &str, custom: Option<&str>) -> String {
        if let Some(l) = self.labels.get(id) {
            return l.clone();
        }
        let custom = custom.map(str::trim).filter(|c| !c.is_empty());
        let label = match custom {
            Some(c) => c.to_string(),
            None => {
                self.next += 1;
                format_number(self.start + self.next - 1, &self.fmt)
            }
        };
        self.labels.insert(id.to_string(), label.clone());
        self.order
            .push((id.to_string(), label.clone(), custom.is_some()));
        label
    }
}

/// A number as Word shows it in a note format (`w:numFmt`): decimal, roman, letters
/// (`a … z, aa …`), Chicago's symbols (`* † ‡ §`, then doubled); any other format decimal,
/// and so are numbers that would make labels longer than ten characters.
pub(crate) fn format_number(n: usize, fmt: &str) -> String {
    match fmt {
        "lowerRoman" if n < 4000 => roman(n).to_lowercase(),
        "upperRoman" if n < 4000 => roman(n),
        "lowerLetter" | "upperLetter" if n > 0 && n <= 260 => {
            let letter = char::from(b'a' + ((n - 1) % 26) as u8);
            let s = letter.to_string().repeat((n - 1) / 26 + 1);
            if fmt == "upperLetter" {
                s.to_uppercase()
            } else {
                s
            }
        }
        "chicago" if n > 0 && n <= 40 => ["*", "†", "‡", "§"]
            .get((n - 1) % 4)
            .copied()
            .unwrap_or("*")
            .repeat((n - 1) / 4 + 1),
        "decimalZero" if n < 10 => format!("0{n}"),
        _ => n.to_string(),
    }
}

/// Upper-case roman numerals (thousands as `M`s); 0 as `0`.
fn roman(mut n: usize) -> String {
    if n == 0 {
        return "0".to_string();
    }
    const TABLE: [(usize, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (value, letters) in TABLE {
        while n >= value {
            out.push_str(letters);
            n -= value;
        }
    }
    out
}
