//! The zip and its small parts: entries found by name (case-insensitive), each part inflated
//! within what is left of the budget, relationships, settings and styles.

use std::cell::Cell;
use std::collections::{HashMap, HashSet};
use std::io::{BufRead, BufReader, Cursor, Read};

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use zip::result::ZipError;
use zip::ZipArchive;

use super::fields;
use super::parts::{walk, Context, NoteKind, NumberFormat, Part, PartOut};
use super::ENTRIES_MAX;

pub(super) fn attr(e: &BytesStart<'_>, local: &[u8]) -> Option<String> {
    e.attributes()
        .filter_map(Result::ok)
        .find(|a| a.key.local_name().as_ref() == local)
        .and_then(|a| a.unescape_value().ok().map(|v| v.into_owned()))
}

/// An OOXML boolean (`w:val` absent, `1`, `true`, `on` → true).
pub(super) fn on(e: &BytesStart<'_>) -> bool {
    attr(e, b"val").is_none_or(|v| matches!(v.as_str(), "1" | "true" | "on"))
}

/// The web links of a part's relationships: id → address.
pub(super) fn links_of(rels: &[Rel]) -> HashMap<String, String> {
    rels.iter()
        .filter_map(|r| {
            let url = fields::web_address(&r.target)?;
            Some((r.id.clone(), url))
        })
        .collect()
}

/// A relationship of a part.
pub(super) struct Rel {
    pub(super) id: String,
    pub(super) ty: String,
    pub(super) target: String,
    pub(super) external: bool,
}

/// `target` of a relationship of `part`, as a name in the package: relative to the part's
/// folder (`footnotes.xml` of `word/document.xml` is `word/footnotes.xml`), or absolute.
pub(super) fn resolve(part: &str, target: &str) -> String {
    let target = target.split(['#', '?']).next().unwrap_or("");
    let mut segs: Vec<&str> = if target.starts_with('/') {
        Vec::new()
    } else {
        let mut s: Vec<&str> = part.split('/').collect();
        s.pop();
        s
    };
    for seg in target.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                segs.pop();
            }
            s => segs.push(s),
        }
    }
    segs.join("/")
}

/// Why a part could not be read; `bomb` when it inflates beyond the limit.
pub(super) struct PartError {
    pub(super) message: String,
    pub(super) bomb: bool,
}

impl From<PartError> for String {
    fn from(e: PartError) -> String {
        e.message
    }
}

/// The zip, its entries by name, and the bytes inflated so far.
pub(super) struct Package<'a> {
    zip: ZipArchive<Cursor<&'a [u8]>>,
    /// Lower-cased entry name → index (part names are case-insensitive).
    names: HashMap<String, usize>,
    inflated: u64,
    /// The most bytes inflated, all parts together.
    limit: u64,
}

impl<'a> Package<'a> {
    pub(super) fn open(bytes: &'a [u8], limit: u64) -> Result<Self, String> {
        if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
            return Err(
                "an encrypted or old-style (.doc) Word file: only .docx documents are read"
                    .to_string(),
            );
        }
        let zip = ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
            let zip_head = bytes.starts_with(b"PK\x03\x04");
            match e {
                ZipError::InvalidArchive(_) | ZipError::Io(_) if zip_head => {
                    format!(
                        "a truncated or corrupt zip archive, not a readable Word document ({e})"
                    )
                }
                ZipError::UnsupportedArchive(why) => {
                    format!("a zip archive reflint cannot read: {why}")
                }
                _ => "not a Word document: not a zip archive".to_string(),
            }
        })?;
        if zip.len() > ENTRIES_MAX {
            return Err(format!(
                "a zip archive of {} entries, more than the {ENTRIES_MAX} a Word document may hold",
                zip.len()
            ));
        }
        let names = zip
            .file_names()
            .enumerate()
            .map(|(i, n)| (n.trim_start_matches('/').to_ascii_lowercase(), i))
            .collect();
        Ok(Package {
            zip,
            names,
            inflated: 0,
            limit,
        })
    }

    /// The main part: the office document `_rels/.rels` names, else `word/document.xml`.
    pub(super) fn main_part(&mut self) -> Result<String, String> {
        let rels = self.read_part("_rels/.rels", |r, m| relationships(r, m))?;
        let main = rels
            .into_iter()
            .flatten()
            .find(|(_, ty, _, ext)| !*ext && ty.ends_with("/officeDocument"));
        let name = main.map_or_else(
            || "word/document.xml".to_string(),
            |(_, _, t, _)| resolve("", &t),
        );
        if self.index(&name).is_none() {
            let docx_like = self.names.contains_key("[content_types].xml");
            return Err(if docx_like {
                format!("not a Word document: it has no {name}")
            } else {
                format!("not a Word document: a zip archive without {name}")
            });
        }
        Ok(name)
    }

    fn index(&self, name: &str) -> Option<usize> {
        self.names.get(&name.to_ascii_lowercase()).copied()
    }

    /// The relationships of `part` (`dir/_rels/file.rels`); none when it has none.
    pub(super) fn rels_of(&mut self, part: &str) -> Result<Vec<Rel>, String> {
        let (dir, file) = part.rsplit_once('/').unwrap_or(("", part));
        let name = if dir.is_empty() {
            format!("_rels/{file}.rels")
        } else {
            format!("{dir}/_rels/{file}.rels")
        };
        let rels = self.read_part(&name, |r, m| relationships(r, m))?;
        Ok(rels
            .into_iter()
            .flatten()
            .map(|(id, ty, target, external)| Rel {
                id,
                ty,
                target,
                external,
            })
            .collect())
    }

    pub(super) fn walk(
        &mut self,
        part: &str,
        which: Part,
        links: &HashMap<String, String>,
        styles: &CharStyles,
        first_line: usize,
    ) -> Result<Option<PartOut>, String> {
        let cx = Context {
            part: which,
            links,
            styles,
            first_line,
        };
        Ok(self.read_part(part, |r, mark| walk(r, mark, &cx))?)
    }

    /// Reads part `name` through `read`, inflating at most what is left of the budget;
    /// `None` when the package has no such part.
    pub(super) fn read_part<T>(
        &mut self,
        name: &str,
        read: impl FnOnce(&mut dyn BufRead, &Cell<u64>) -> Result<T, String>,
    ) -> Result<Option<T>, PartError> {
        let Some(index) = self.index(name) else {
            return Ok(None);
        };
        let fail = |message: String, bomb: bool| PartError { message, bomb };
        let left = self.limit.saturating_sub(self.inflated);
        let bomb = || {
            fail(
                format!(
                    "{name} inflates beyond {} MiB (a zip bomb?): not read",
                    self.limit >> 20
                ),
                true,
            )
        };
        let entry = self.zip.by_index(index).map_err(|e| match e {
            ZipError::UnsupportedArchive(why) => fail(format!("{name}: {why}"), false),
            e => fail(format!("{name}: a corrupt zip entry ({e})"), false),
        })?;
        if entry.size() > left {
            return Err(bomb());
        }
        let used = Cell::new(0u64);
        let mark = Cell::new(0u64);
        let broken = Cell::new(false);
        let long = Cell::new(false);
        let limited = Limited {
            inner: entry,
            left,
            used: &used,
            mark: &mark,
            broken: &broken,
            long: &long,
        };
        let mut reader = BufReader::with_capacity(64 << 10, limited);
        let result = read(&mut reader, &mark);
        drop(reader);
        self.inflated += used.get();
        if used.get() > left {
            return Err(bomb());
        }
        if long.get() {
            return Err(fail(
                format!(
                    "{name} holds a text or tag of more than {} MiB: not read (a zip bomb?)",
                    EVENT_MAX >> 20
                ),
                true,
            ));
        }
        if broken.get() {
            return Err(fail(
                format!("{name}: corrupt compressed data (a damaged or truncated file)"),
                false,
            ));
        }
        result
            .map(Some)
            .map_err(|m| fail(format!("{name}: {m}"), false))
    }
}

/// The most bytes one XML event (a text, a tag, a comment) may hold: the XML reader buffers
/// an event whole.
const EVENT_MAX: u64 = 32 << 20;

/// An entry's inflated bytes, at most `left` of them: one byte more is an error (and counted,
/// so that the caller sees the limit passed). `mark` is where the XML reader's last event
/// ended: more than [`EVENT_MAX`] bytes past it is an error too (`long`). An error of the
/// entry itself is marked `broken`.
struct Limited<'c, R> {
    inner: R,
    left: u64,
    used: &'c Cell<u64>,
    mark: &'c Cell<u64>,
    broken: &'c Cell<bool>,
    long: &'c Cell<bool>,
}

impl<R: Read> Read for Limited<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let room = self.left.saturating_sub(self.used.get()) + 1;
        let want = buf.len().min(usize::try_from(room).unwrap_or(usize::MAX));
        let Some(buf) = buf.get_mut(..want) else {
            return Ok(0);
        };
        match self.inner.read(buf) {
            Ok(n) => {
                self.used.set(self.used.get() + n as u64);
                if self.used.get() > self.left {
                    return Err(std::io::Error::other("inflates beyond the limit"));
                }
                if self.used.get().saturating_sub(self.mark.get()) > EVENT_MAX {
                    self.long.set(true);
                    return Err(std::io::Error::other("an event beyond the limit"));
                }
                Ok(n)
            }
            Err(e) => {
                self.broken.set(true);
                Err(e)
            }
        }
    }
}

/// The number formats a `word/settings.xml` states for footnotes and endnotes.
pub(super) fn settings_formats<R: BufRead>(
    reader: R,
    mark: &Cell<u64>,
) -> Result<(NumberFormat, NumberFormat), String> {
    let mut xml = Reader::from_reader(reader);
    let mut buf = Vec::new();
    let mut foot = NumberFormat::default();
    let mut end = NumberFormat::default();
    let mut within: Option<NoteKind> = None;
    loop {
        let ev = xml
            .read_event_into(&mut buf)
            .map_err(|e| format!("bad XML at byte {}: {e}", xml.error_position()))?;
        mark.set(xml.buffer_position());
        match ev {
            Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                b"footnotePr" => within = Some(NoteKind::Foot),
                b"endnotePr" => within = Some(NoteKind::End),
                n @ (b"numFmt" | b"numStart") => {
                    let slot = match within {
                        Some(NoteKind::Foot) => &mut foot,
                        Some(NoteKind::End) => &mut end,
                        None => {
                            buf.clear();
                            continue;
                        }
                    };
                    let val = attr(&e, b"val");
                    if n == b"numFmt" {
                        slot.fmt = val;
                    } else {
                        slot.start = val.and_then(|v| v.trim().parse().ok());
                    }
                }
                _ => {}
            },
            Event::End(e) => {
                if matches!(e.local_name().as_ref(), b"footnotePr" | b"endnotePr") {
                    within = None;
                }
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    Ok((foot, end))
}

/// What the character styles of a `word/styles.xml` do that reflint reads: italics (`w:i`),
/// superscript (`w:vertAlign`).
#[derive(Debug, Default)]
pub(super) struct CharStyles {
    pub italic: HashSet<String>,
    pub superscript: HashSet<String>,
}

pub(super) fn char_styles<R: BufRead>(reader: R, mark: &Cell<u64>) -> Result<CharStyles, String> {
    let mut xml = Reader::from_reader(reader);
    let mut buf = Vec::new();
    let mut out = CharStyles::default();
    let mut style: Option<String> = None;
    let mut in_rpr = false;
    loop {
        let ev = xml
            .read_event_into(&mut buf)
            .map_err(|e| format!("bad XML at byte {}: {e}", xml.error_position()))?;
        mark.set(xml.buffer_position());
        match ev {
            Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                b"style" => {
                    style = (attr(&e, b"type").as_deref() == Some("character"))
                        .then(|| attr(&e, b"styleId"))
                        .flatten();
                }
                b"rPr" => in_rpr = true,
                b"i" if in_rpr && on(&e) => {
                    if let Some(s) = &style {
                        out.italic.insert(s.clone());
                    }
                }
                b"vertAlign" if in_rpr && attr(&e, b"val").as_deref() == Some("superscript") => {
                    if let Some(s) = &style {
                        out.superscript.insert(s.clone());
                    }
                }
                _ => {}
            },
            Event::End(e) => match e.local_name().as_ref() {
                b"style" => style = None,
                b"rPr" => in_rpr = false,
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    Ok(out)
}

/// A relationships part (`word/_rels/document.xml.rels`): id → (type, target, external).
pub(super) fn relationships<R: BufRead>(
    reader: R,
    mark: &Cell<u64>,
) -> Result<Vec<(String, String, String, bool)>, String> {
    let mut xml = Reader::from_reader(reader);
    let mut buf = Vec::new();
    let mut out = Vec::new();
    loop {
        let ev = xml
            .read_event_into(&mut buf)
            .map_err(|e| format!("bad XML at byte {}: {e}", xml.error_position()))?;
        mark.set(xml.buffer_position());
        match ev {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == b"Relationship" => {
                let id = attr(&e, b"Id").unwrap_or_default();
                let ty = attr(&e, b"Type").unwrap_or_default();
                let target = attr(&e, b"Target").unwrap_or_default();
                let external = attr(&e, b"TargetMode").as_deref() == Some("External");
                out.push((id, ty, target, external));
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    Ok(out)
}
