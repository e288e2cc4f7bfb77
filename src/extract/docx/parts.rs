//! One walk over a part's XML events (`word/document.xml`, `word/footnotes.xml`,
//! `word/endnotes.xml`): paragraphs as plain text, note references, notes, links, fields.
//!
//! Only what Word shows is read: deleted and moved-away text (`w:del`, `w:moveFrom`), field
//! instructions, the fallback copy of alternate content (`mc:Fallback`: a text box's old VML
//! twin) and separator notes are skipped. Elements are matched by their local name, so that a
//! file written with other namespace prefixes (or Strict OOXML's namespaces) reads the same.

use std::cell::Cell;
use std::collections::{HashMap, HashSet};
use std::io::BufRead;

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use super::fields::{classify, mendeley_tag, CslItem, FieldKind};
use super::package::{attr, on, CharStyles};
use super::para::{superscript, Para};
use crate::extract::prose::collapse_ws;
use crate::extract::urls::url_problem;
use crate::model::{CitedFields, Pos, UrlRef};

/// Footnotes or endnotes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum NoteKind {
    Foot,
    End,
}

/// Which part is walked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Part {
    Body,
    Notes(NoteKind),
}

/// A note's number format as `w:footnotePr`/`w:endnotePr` state it (`w:numFmt`, `w:numStart`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(super) struct NumberFormat {
    pub fmt: Option<String>,
    pub start: Option<usize>,
}

/// A note reference in the body (`w:footnoteReference`, `w:endnoteReference`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct NoteRef {
    pub kind: NoteKind,
    pub id: String,
    /// The mark written after a `w:customMarkFollows` reference (`*`), instead of a number.
    pub custom: Option<String>,
    pub pos: Pos,
    pub context: String,
}

/// A note as its part holds it, before it is numbered.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(super) struct RawNote {
    pub id: String,
    pub pos: Pos,
    /// Plain text, whitespace collapsed, italics as `*…*`.
    pub text: String,
    pub urls: Vec<UrlRef>,
    pub cited: Option<CitedFields>,
    /// Whether the note shows its number (`w:footnoteRef`), or a custom mark written as text.
    pub numbered: bool,
}

/// A reference manager's citation in the body (an author-date document).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct BodyCitation {
    pub pos: Pos,
    pub context: String,
    /// What Word shows for it (`(Smith 2019)`).
    pub text: String,
    pub items: Vec<CslItem>,
}

/// What one part gave.
#[derive(Debug, Default)]
pub(super) struct PartOut {
    /// Paragraphs counted (lines used).
    pub paragraphs: usize,
    pub refs: Vec<NoteRef>,
    pub notes: Vec<RawNote>,
    pub body_urls: Vec<UrlRef>,
    pub citations: Vec<BodyCitation>,
    pub warnings: Vec<String>,
    /// `w:footnotePr` and `w:endnotePr` of the body's sections (the last one read).
    pub foot_format: NumberFormat,
    pub end_format: NumberFormat,
    /// The body's paragraphs that hold text (number, text), superscript digits as `¹`: for
    /// the plain-text reader when the document has no notes of Word's own (dropped at the
    /// first note reference or citation).
    pub lines: Vec<(usize, String)>,
}

/// What the walk needs to know from elsewhere in the package.
pub(super) struct Context<'a> {
    pub part: Part,
    /// The part's relationships: id → web address.
    pub links: &'a HashMap<String, String>,
    /// Character styles that set italics or superscript.
    pub styles: &'a CharStyles,
    /// The line number of this part's first paragraph.
    pub first_line: usize,
}

/// The most text kept of a field's instruction (a citation's JSON) and of its result.
const INSTR_MAX: usize = 4 << 20;
const RESULT_MAX: usize = 4096;
/// Fields nested deeper than this are not followed.
const FIELDS_MAX: usize = 64;
/// Elements nested deeper than this are refused (Word nests a few dozen at most; the XML
/// reader keeps every open element's name).
const DEPTH_MAX: usize = 10_000;
/// Paragraphs nested deeper than this (text boxes in text boxes) are read as their parent's.
const PARAS_MAX: usize = 32;
/// The most bytes of references, notes and links one part may make (a reference carries its
/// sentence, a link its address): beyond, the part is refused rather than memory exhausted.
const HELD_MAX: usize = 128 << 20;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tag {
    P,
    R,
    RPr,
    T,
    InstrText,
    /// A hyperlink element: whether it opened a web link.
    Hyperlink(bool),
    FldSimple,
    /// A content control, and one that holds a Mendeley citation (a field of its own).
    Sdt,
    SdtField,
    SdtPr,
    Note,
    FootnotePr,
    EndnotePr,
    /// Content Word does not show.
    Skip,
    Other,
}

/// A field being read: `w:fldChar` begin … separate … end, `w:fldSimple`, or a citation's
/// content control.
struct Field {
    /// Ended by its element (`w:fldSimple`, `w:sdt`), not by a `w:fldChar`.
    element: bool,
    instr: String,
    /// Past `separate`: its text is shown.
    showing: bool,
    kind: Option<FieldKind>,
    pos: Pos,
    context: String,
    result: String,
}

/// A note being read.
struct NoteBuf {
    note: RawNote,
    text: String,
    seen: HashSet<String>,
}

/// Walks one part. `Err` is a message for the caller to put after the part's name.
pub(super) fn walk<R: BufRead>(
    reader: R,
    mark: &Cell<u64>,
    cx: &Context<'_>,
) -> Result<PartOut, String> {
    let mut xml = Reader::from_reader(reader);
    xml.config_mut().check_end_names = true;
    let mut w = Walker {
        cx,
        stack: Vec::new(),
        skip: 0,
        paras: Vec::new(),
        run_italic: false,
        run_sup: false,
        fields: Vec::new(),
        fields_over: 0,
        links_open: 0,
        custom_wait: None,
        note: None,
        failed_citations: 0,
        first_failure: None,
        held: 0,
        out: PartOut::default(),
    };
    let mut buf = Vec::new();
    loop {
        let ev = xml
            .read_event_into(&mut buf)
            .map_err(|e| format!("bad XML at byte {}: {e}", xml.error_position()))?;
        mark.set(xml.buffer_position());
        if w.stack.len() > DEPTH_MAX {
            return Err(format!("elements nested more than {DEPTH_MAX} deep"));
        }
        if w.held > HELD_MAX {
            return Err(format!(
                "more notes, references and links than reflint reads (over {} MiB of them)",
                HELD_MAX >> 20
            ));
        }
        match ev {
            Event::Start(e) => w.start(&e),
            Event::Empty(e) => {
                // an empty element starts and ends at once
                w.start(&e);
                w.end();
            }
            Event::End(_) => w.end(),
            Event::Text(t) if w.wants_text() => {
                let s = t
                    .unescape()
                    .map_err(|e| format!("bad XML at byte {}: {e}", xml.buffer_position()))?;
                w.text(&s);
            }
            Event::CData(t) if w.wants_text() => w.text(&String::from_utf8_lossy(&t)),
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    if !w.stack.is_empty() {
        return Err("XML ends inside an element (the part is cut short)".to_string());
    }
    if w.failed_citations > 0 {
        let first = w.first_failure.take().unwrap_or_default();
        let n = w.failed_citations;
        w.out.warnings.push(if n == 1 {
            format!("{first} (its note is read from its text)")
        } else {
            format!("{n} citations of a reference manager could not be read, e.g. {first}")
        });
    }
    Ok(w.out)
}

struct Walker<'c, 'a> {
    cx: &'c Context<'a>,
    stack: Vec<Tag>,
    skip: usize,
    paras: Vec<Para>,
    run_italic: bool,
    run_sup: bool,
    fields: Vec<Field>,
    fields_over: usize,
    /// Web links open (hyperlink elements and `HYPERLINK` fields showing their text).
    links_open: usize,
    /// The reference whose custom mark is being read, and whether its run has ended.
    custom_wait: Option<(usize, bool)>,
    note: Option<NoteBuf>,
    failed_citations: usize,
    first_failure: Option<String>,
    /// Bytes of references, notes, links and text kept so far.
    held: usize,
    out: PartOut,
}

impl Walker<'_, '_> {
    fn body(&self) -> bool {
        self.cx.part == Part::Body
    }

    fn top(&self) -> Tag {
        self.stack.last().copied().unwrap_or(Tag::Other)
    }

    fn wants_text(&self) -> bool {
        self.skip == 0 && matches!(self.top(), Tag::T | Tag::InstrText)
    }

    /// Whether text is shown: no field around it is in its instruction.
    fn showing(&self) -> bool {
        self.fields.iter().all(|f| f.showing)
    }

    fn start(&mut self, e: &BytesStart<'_>) {
        if self.skip > 0 {
            self.skip += 1;
            self.stack.push(Tag::Skip);
            return;
        }
        let name = e.local_name();
        let tag = match name.as_ref() {
            b"p" if self.paras.len() < PARAS_MAX => {
                self.open_para();
                Tag::P
            }
            b"r" => {
                self.run_italic = false;
                self.run_sup = false;
                Tag::R
            }
            b"rPr" if self.top() == Tag::R => Tag::RPr,
            b"i" if self.top() == Tag::RPr => {
                self.run_italic = on(e);
                Tag::Other
            }
            b"rStyle" if self.top() == Tag::RPr => {
                if let Some(s) = attr(e, b"val") {
                    self.run_italic |= self.cx.styles.italic.contains(&s);
                    self.run_sup |= self.cx.styles.superscript.contains(&s);
                }
                Tag::Other
            }
            b"vertAlign" if self.top() == Tag::RPr => {
                self.run_sup = attr(e, b"val").as_deref() == Some("superscript");
                Tag::Other
            }
            b"t" if self.top() == Tag::R => Tag::T,
            b"instrText" if self.top() == Tag::R => Tag::InstrText,
            b"tab" | b"br" | b"cr" if self.top() == Tag::R => {
                self.text_shown(" ");
                Tag::Other
            }
            b"noBreakHyphen" if self.top() == Tag::R => {
                self.text_shown("-");
                Tag::Other
            }
            b"sym" if self.top() == Tag::R => {
                self.symbol(e);
                Tag::Other
            }
            b"footnoteReference" | b"endnoteReference" if self.body() => {
                let kind = if name.as_ref() == b"footnoteReference" {
                    NoteKind::Foot
                } else {
                    NoteKind::End
                };
                self.reference(e, kind);
                Tag::Other
            }
            b"footnoteRef" | b"endnoteRef" => {
                if let Some(n) = self.note.as_mut() {
                    n.note.numbered = true;
                }
                Tag::Other
            }
            b"fldChar" => {
                self.fld_char(attr(e, b"fldCharType").as_deref());
                Tag::Other
            }
            b"fldSimple" => {
                let instr = attr(e, b"instr").unwrap_or_default();
                self.begin_field(true, instr);
                Tag::FldSimple
            }
            b"hyperlink" => self.open_hyperlink(e),
            b"sdt" => Tag::Sdt,
            b"sdtPr" if self.top() == Tag::Sdt => Tag::SdtPr,
            b"tag" if self.top() == Tag::SdtPr => {
                self.sdt_tag(e);
                Tag::Other
            }
            b"footnote" | b"endnote" if matches!(self.cx.part, Part::Notes(_)) => self.open_note(e),
            b"footnotePr" => Tag::FootnotePr,
            b"endnotePr" => Tag::EndnotePr,
            b"numFmt" | b"numStart"
                if self.body() && matches!(self.top(), Tag::FootnotePr | Tag::EndnotePr) =>
            {
                self.number_format(e, name.as_ref() == b"numFmt");
                Tag::Other
            }
            b"del" | b"moveFrom" | b"Fallback" | b"delText" | b"delInstrText" | b"rPrChange"
            | b"pPrChange" | b"sectPrChange" => {
                self.skip += 1;
                Tag::Skip
            }
            _ => Tag::Other,
        };
        self.stack.push(tag);
    }

    fn end(&mut self) {
        let Some(tag) = self.stack.pop() else {
            return;
        };
        match tag {
            Tag::Skip => self.skip = self.skip.saturating_sub(1),
            Tag::P => self.close_para(),
            Tag::R => {
                if let Some((i, ended)) = self.custom_wait {
                    let written = self
                        .out
                        .refs
                        .get(i)
                        .and_then(|r| r.custom.as_deref())
                        .is_some_and(|c| !c.is_empty());
                    self.custom_wait = if written || ended {
                        None
                    } else {
                        Some((i, true))
                    };
                }
            }
            Tag::Hyperlink(true) => self.close_link(),
            Tag::FldSimple => self.end_element_field(),
            Tag::SdtField => self.end_element_field(),
            Tag::Note => self.close_note(),
            _ => {}
        }
    }

    fn open_para(&mut self) {
        let line = self.cx.first_line + self.out.paragraphs;
        self.out.paragraphs += 1;
        self.paras.push(Para::new(line, self.links_open > 0));
    }

    fn close_para(&mut self) {
        let Some(mut p) = self.paras.pop() else {
            return;
        };
        if self.custom_wait.is_some() {
            self.custom_wait = None;
        }
        if p.italic_open {
            p.close_italic();
        }
        if let Some(s) = p.span_open.take() {
            p.spans.push((s, p.plain.len()));
        }
        let mut found = p.text_urls();
        found.append(&mut p.links);
        found.sort_by_key(|(at, u)| (*at, u.pos));
        if let Some(n) = self.note.as_mut() {
            for (_, u) in found {
                if n.seen.insert(u.url.clone()) {
                    n.note.urls.push(u);
                }
            }
            if !n.text.is_empty() {
                n.text.push(' ');
            }
            n.text.push_str(&p.marked);
        } else if self.body() {
            self.out.body_urls.extend(found.into_iter().map(|(_, u)| u));
        }
        // kept for the plain-text reader while the body has shown no note of Word's own
        if self.body()
            && !p.plain.is_empty()
            && self.out.refs.is_empty()
            && self.out.citations.is_empty()
        {
            self.out.lines.push((p.line, p.plain));
        }
    }

    fn text(&mut self, s: &str) {
        match self.top() {
            Tag::InstrText => {
                if let Some(f) = self.fields.last_mut().filter(|f| !f.showing) {
                    if f.instr.len() + s.len() <= INSTR_MAX {
                        f.instr.push_str(s);
                    }
                }
            }
            _ => self.text_shown(s),
        }
    }

    /// Text Word shows (a `w:t`, a tab or break as a space).
    fn text_shown(&mut self, s: &str) {
        if self.skip > 0 || !self.showing() {
            return;
        }
        if let Some((i, _)) = self.custom_wait {
            if let Some(c) = self.out.refs.get_mut(i).and_then(|r| r.custom.as_mut()) {
                c.push_str(s.trim());
            }
            return;
        }
        let in_note = self.note.is_some();
        let sup = self.run_sup && self.body();
        let italic = self.run_italic;
        let Some(p) = self.paras.last_mut() else {
            return;
        };
        if sup && s.bytes().any(|b| b.is_ascii_digit()) {
            p.push(&superscript(s), italic, in_note);
        } else {
            p.push(s, italic, in_note);
        }
        for f in self.fields.iter_mut().filter(|f| f.showing) {
            if f.result.len() + s.len() <= RESULT_MAX {
                f.result.push_str(s);
            }
        }
    }

    /// `w:sym`: a symbol font's character; read only as a custom note mark (Symbol's
    /// characters sit at U+F000 + their code).
    fn symbol(&mut self, e: &BytesStart<'_>) {
        let Some((i, _)) = self.custom_wait else {
            return;
        };
        let code = attr(e, b"char").and_then(|c| u32::from_str_radix(&c, 16).ok());
        let ch = code
            .map(|c| if c >= 0xF000 { c - 0xF000 } else { c })
            .and_then(char::from_u32)
            .filter(|c| !c.is_control());
        if let (Some(ch), Some(r)) = (ch, self.out.refs.get_mut(i)) {
            r.custom.get_or_insert_with(String::new).push(ch);
        }
    }

    fn reference(&mut self, e: &BytesStart<'_>, kind: NoteKind) {
        let Some(p) = self.paras.last() else {
            return;
        };
        if !self.showing() {
            return;
        }
        let custom = attr(e, b"customMarkFollows")
            .is_some_and(|v| matches!(v.as_str(), "1" | "true" | "on"));
        let r = NoteRef {
            kind,
            id: attr(e, b"id").unwrap_or_default(),
            custom: custom.then(String::new),
            pos: p.here(),
            context: p.context(),
        };
        self.held += 96 + r.id.len() + r.context.len();
        self.out.refs.push(r);
        self.out.lines = Vec::new();
        if custom {
            self.custom_wait = Some((self.out.refs.len() - 1, false));
        }
    }

    fn open_hyperlink(&mut self, e: &BytesStart<'_>) -> Tag {
        let url = attr(e, b"id").and_then(|id| self.cx.links.get(&id).cloned());
        match url {
            Some(url) if self.showing() => {
                self.open_link(url);
                Tag::Hyperlink(true)
            }
            _ => Tag::Hyperlink(false),
        }
    }

    /// A web link starts here (its text follows).
    fn open_link(&mut self, url: String) {
        self.links_open += 1;
        self.held += 96 + url.len();
        if let Some(p) = self.paras.last_mut() {
            let problem = url_problem(&url);
            p.links.push((
                p.plain.len(),
                UrlRef {
                    url,
                    pos: p.here(),
                    problem,
                },
            ));
            if p.span_open.is_none() {
                p.span_open = Some(p.plain.len());
            }
        }
    }

    fn close_link(&mut self) {
        self.links_open = self.links_open.saturating_sub(1);
        if self.links_open == 0 {
            if let Some(p) = self.paras.last_mut() {
                if let Some(s) = p.span_open.take() {
                    p.spans.push((s, p.plain.len()));
                }
            }
        }
    }

    fn fld_char(&mut self, kind: Option<&str>) {
        match kind {
            Some("begin") => self.begin_field(false, String::new()),
            Some("separate") if self.fields_over == 0 => {
                if let Some(i) = self.fields.len().checked_sub(1) {
                    if self.fields.get(i).is_some_and(|f| !f.element && !f.showing) {
                        self.show_field(i);
                    }
                }
            }
            Some("end") => {
                if self.fields_over > 0 {
                    self.fields_over -= 1;
                } else if self.fields.last().is_some_and(|f| !f.element) {
                    self.end_field();
                }
            }
            _ => {}
        }
    }

    fn begin_field(&mut self, element: bool, instr: String) {
        if self.fields.len() >= FIELDS_MAX {
            if !element {
                self.fields_over += 1;
            }
            return;
        }
        let (pos, context) = match self.paras.last() {
            Some(p) => (p.here(), p.context()),
            None => (Pos::new(self.cx.first_line.max(1), 1), String::new()),
        };
        self.fields.push(Field {
            element,
            instr,
            showing: false,
            kind: None,
            pos,
            context,
            result: String::new(),
        });
        if element {
            let i = self.fields.len() - 1;
            self.show_field(i);
        }
    }

    /// The field's instruction is complete: read it; its result is shown from here on.
    fn show_field(&mut self, i: usize) {
        let Some(f) = self.fields.get_mut(i) else {
            return;
        };
        f.showing = true;
        let kind = match f.kind.take() {
            Some(k) => Ok(k),
            None => classify(&f.instr),
        };
        f.instr = String::new();
        let kind = match kind {
            Ok(k) => k,
            Err(why) => {
                self.failed_citations += 1;
                self.first_failure.get_or_insert(why);
                FieldKind::Other
            }
        };
        if let FieldKind::Hyperlink(url) = &kind {
            let url = url.clone();
            self.open_link(url);
        }
        if let Some(f) = self.fields.get_mut(i) {
            f.kind = Some(kind);
        }
    }

    fn end_field(&mut self) {
        let Some(i) = self.fields.len().checked_sub(1) else {
            return;
        };
        if self.fields.get(i).is_some_and(|f| !f.showing) {
            // a field without a result: its instruction is read now
            self.show_field(i);
        }
        let Some(f) = self.fields.pop() else {
            return;
        };
        match f.kind {
            Some(FieldKind::Hyperlink(_)) => self.close_link(),
            Some(FieldKind::Citation(items)) => self.citation(f.pos, f.context, f.result, items),
            _ => {}
        }
    }

    /// `w:fldSimple` or a citation's content control ends: so do the fields it holds.
    fn end_element_field(&mut self) {
        while let Some(f) = self.fields.last() {
            let element = f.element;
            self.end_field();
            if element {
                break;
            }
        }
    }

    fn citation(&mut self, pos: Pos, context: String, result: String, items: Vec<CslItem>) {
        if let Some(n) = self.note.as_mut() {
            let Some(first) = items.into_iter().next() else {
                return;
            };
            for url in first.links() {
                if n.seen.insert(url.clone()) {
                    let problem = url_problem(&url);
                    n.note.urls.push(UrlRef { url, pos, problem });
                }
            }
            if n.note.cited.is_none() {
                n.note.cited = Some(first.fields);
            }
        } else if self.body() {
            let text = collapse_ws(&result);
            self.held += 160 + text.len();
            self.out.lines = Vec::new();
            self.out.citations.push(BodyCitation {
                pos,
                context,
                text,
                items,
            });
        }
    }

    /// A content control's tag: a Mendeley Cite citation makes the control a field.
    fn sdt_tag(&mut self, e: &BytesStart<'_>) {
        let Some(tag) = attr(e, b"val") else {
            return;
        };
        let Some(items) = mendeley_tag(&tag) else {
            return;
        };
        // the control (below its sdtPr and this tag) becomes a field ended by its element
        let n = self.stack.len();
        let Some(at) = n.checked_sub(2) else {
            return;
        };
        if self.stack.get(at) != Some(&Tag::Sdt) || self.fields.len() >= FIELDS_MAX {
            return;
        }
        if let Some(slot) = self.stack.get_mut(at) {
            *slot = Tag::SdtField;
        }
        let kind = match items {
            Ok(items) => FieldKind::Citation(items),
            Err(why) => {
                self.failed_citations += 1;
                self.first_failure.get_or_insert(why);
                FieldKind::Other
            }
        };
        let (pos, context) = match self.paras.last() {
            Some(p) => (p.here(), p.context()),
            None => (
                Pos::new(self.cx.first_line + self.out.paragraphs, 1),
                String::new(),
            ),
        };
        self.fields.push(Field {
            element: true,
            instr: String::new(),
            showing: true,
            kind: Some(kind),
            pos,
            context,
            result: String::new(),
        });
    }

    fn open_note(&mut self, e: &BytesStart<'_>) -> Tag {
        let kind = attr(e, b"type").unwrap_or_default();
        if matches!(
            kind.as_str(),
            "separator" | "continuationSeparator" | "continuationNotice"
        ) {
            self.skip += 1;
            return Tag::Skip;
        }
        self.close_note();
        self.held += 160;
        self.note = Some(NoteBuf {
            note: RawNote {
                id: attr(e, b"id").unwrap_or_default(),
                pos: Pos::new(self.cx.first_line + self.out.paragraphs, 1),
                ..RawNote::default()
            },
            text: String::new(),
            seen: HashSet::new(),
        });
        Tag::Note
    }

    fn close_note(&mut self) {
        // a note's fields end with it
        while !self.fields.is_empty() {
            self.end_field();
        }
        if let Some(mut n) = self.note.take() {
            n.note.text = collapse_ws(&n.text);
            self.out.notes.push(n.note);
        }
    }

    fn number_format(&mut self, e: &BytesStart<'_>, fmt: bool) {
        let slot = if self.top() == Tag::FootnotePr {
            &mut self.out.foot_format
        } else {
            &mut self.out.end_format
        };
        let val = attr(e, b"val");
        if fmt {
            slot.fmt = val;
        } else {
            slot.start = val.and_then(|v| v.trim().parse().ok());
        }
    }
}
