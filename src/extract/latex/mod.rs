//! LaTeX documents with the BibTeX files they name, and BibTeX files on their own.
//!
//! A LaTeX document is read in three steps. (1) `scan` walks its source and the `\input`
//! files it pulls in (relative to the document, 16 levels at most, a cycle refused with a
//! warning), as LaTeX would read them: comments, verbatim environments, `\iffalse` blocks and
//! macro definitions passed by, and it notes each footnote (`\footnote`, `\footnote[n]`,
//! `\footnotetext`, `\endnote`), each citation key (`\cite` and the natbib and biblatex
//! commands), the bibliographies named (`\bibliography`, `\addbibresource`) and the
//! `\bibitem`s of a hand-made bibliography. (2) The `.bib` files are parsed (`bib.rs`) and
//! each entry becomes a note whose label is its key (`entries.rs`). (3) Each footnote's text
//! is rendered to plain text (`render.rs`), its `\cite`s standing for their entries' short
//! forms and giving it their fields (not their links: a link is the entry's, checked once and
//! reported at the entry's line in the `.bib`, not a second time at every footnote citing it).
//!
//! Labels: a footnote's is its number among the `\footnote`s (`\footnote[n]`'s is `n`; a
//! `\footcite` counts as a citation, not as a footnote, since the style decides; endnotes are
//! numbered apart, `e1` … when the document also has footnotes); an entry's is its key, and
//! every key a `\cite` names is a marker at that key, so that a key without an entry is
//! `note-missing` and an entry never cited `note-unreferenced`. The keys are listed in
//! [`Document::keys`]. Positions in an `\input` file or a `.bib` carry its [`FileId`].

mod assemble;
mod bib;
mod entries;
mod render;
#[cfg(test)]
mod tests;
mod tex;

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rustc_hash::FxHashSet as HashSet;

use crate::extract::prose::sentence_context;
use crate::extract::urls::{clean_url, url_problem};
use crate::extract::InputError;
use crate::model::{Document, FileId, Format, LineIndex, Marker, Pos, UrlRef};

pub use bib::{parse as parse_bib, Bib, Entry, Field};
use entries::entry_note;
use render::{render, Mode};
use tex::{
    bibitem_end, braced, bracketed, command_at, definition_end, if_false_end, is_cite, line_end,
    paragraph_end, skip_space, unescape_url,
};

/// `\input` files nested deeper than this are not read.
const MAX_DEPTH: usize = 16;
/// Most files (`\input`s and `.bib`s) read into one document.
const MAX_FILES: usize = 512;
/// A file pulled in that is larger than this is not read.
const MAX_FILE_BYTES: u64 = 96 << 20;
/// Bytes of source before a marker rendered to find its sentence.
const CONTEXT_BYTES: usize = 1500;

/// Reads a LaTeX document's footnotes and citations (the files it names are found beside
/// `name`).
pub fn extract_latex(name: &str, text: &str) -> Result<Document, InputError> {
    let mut scan = Scan::new(name, text, true);
    scan.file(0, 0);
    Ok(scan.finish())
}

/// Reads a BibTeX file as a list of references: every entry a note, labelled by its key.
pub fn extract_bib(name: &str, text: &str) -> Result<Document, InputError> {
    let mut doc = Document::new(name, Format::Bibtex);
    let parsed = bib::parse(text);
    doc.damaged = parsed
        .warnings
        .first()
        .map(|w| format!("damaged BibTeX ({w}); the other entries are reported"));
    doc.warnings.extend(parsed.warnings);
    let mut idx = LineIndex::new(text);
    for e in &parsed.entries {
        doc.keys.insert(e.key.clone());
        doc.notes.push(entry_note(e, &mut idx, None).note);
    }
    if parsed.entries.is_empty() && !text.trim().is_empty() {
        doc.warnings.push("no BibTeX entries found".to_string());
    }
    Ok(doc)
}

/// The files a LaTeX document at `path` reads into itself (its `\input` files and `.bib`s,
/// as canonical paths), so that a directory walk reads them through the document only.
pub fn pulled_in(path: &Path) -> Vec<PathBuf> {
    let Ok(text) = read_file(path) else {
        return Vec::new();
    };
    let name = path.to_string_lossy();
    let mut scan = Scan::new(&name, &text.0, false);
    scan.file(0, 0);
    let mut out: Vec<PathBuf> = scan.stack_seen;
    for b in &scan.bibs {
        if let Ok(p) = std::fs::canonicalize(scan.root_dir.join(&b.name)) {
            out.push(p);
        }
    }
    out
}

/// A file's text, and a warning when it was not valid UTF-8.
fn read_file(path: &Path) -> Result<(String, Option<String>), String> {
    let meta = std::fs::metadata(path).map_err(|e| e.to_string())?;
    if !meta.is_file() {
        // a device or a pipe (`/dev/zero`) is never read
        return Err("not a regular file".to_string());
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(format!("larger than {} MB, not read", MAX_FILE_BYTES >> 20));
    }
    let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
    if memchr::memchr(0, bytes.get(..8192).unwrap_or(&bytes)).is_some() {
        return Err("binary data, not a text file".to_string());
    }
    let bytes = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => rest.to_vec(),
        None => bytes,
    };
    Ok(match String::from_utf8(bytes) {
        Ok(s) => (s, None),
        Err(e) => (
            String::from_utf8_lossy(e.as_bytes()).into_owned(),
            Some("invalid UTF-8 (decoded lossily)".to_string()),
        ),
    })
}

/// A file's text: the document's own, borrowed, or a file it pulled in.
#[derive(Clone)]
enum Text<'a> {
    Root(&'a str),
    File(Arc<str>),
}

impl std::ops::Deref for Text<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        match self {
            Text::Root(s) => s,
            Text::File(s) => s,
        }
    }
}

/// One file read into the document.
struct Src<'a> {
    text: Text<'a>,
    /// `None` for the document's own file.
    id: Option<FileId>,
    /// The file's directory, for `\subimport`.
    dir: PathBuf,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Footnote,
    Endnote,
    Bibitem,
}

/// A note found by the scan, rendered once the bibliographies are read.
struct Pending {
    src: usize,
    kind: Kind,
    label: String,
    content: Range<usize>,
    pos: Pos,
    /// The index of its marker in the scan's markers, if it has one.
    marker: Option<usize>,
    /// Its place in reading order.
    seq: u64,
}

/// A bibliography the document names.
struct BibRef {
    name: String,
    pos: Pos,
}

struct Scan<'a> {
    name: String,
    root_dir: PathBuf,
    srcs: Vec<Src<'a>>,
    /// Canonical paths of the files being read (the root first), for cycles.
    stack: Vec<PathBuf>,
    /// Canonical paths of every file pulled in.
    stack_seen: Vec<PathBuf>,
    pending: Vec<Pending>,
    /// The markers, each with its place in reading order.
    markers: Vec<(u64, Marker)>,
    /// The next place in reading order.
    seq: u64,
    /// Which markers are endnotes' (relabelled at the end).
    endnote_markers: Vec<usize>,
    body_urls: Vec<UrlRef>,
    bibs: Vec<BibRef>,
    nocite_all: Option<(u64, Pos)>,
    footnotes: u32,
    endnotes: u32,
    warnings: Vec<String>,
    /// The first sign of a damaged source (unbalanced braces, a broken entry).
    damaged: Option<String>,
    keys: HashSet<String>,
    /// `\end{document}` or `\endinput` read: nothing after it counts.
    ended: bool,
    /// Whether markers get their sentences (not when only the files pulled in are wanted).
    full: bool,
}

impl<'a> Scan<'a> {
    fn new(name: &str, text: &'a str, full: bool) -> Self {
        let root_dir = if name == "<stdin>" {
            PathBuf::new()
        } else {
            Path::new(name)
                .parent()
                .map(Path::to_path_buf)
                .unwrap_or_default()
        };
        let root = std::fs::canonicalize(name).ok();
        Scan {
            name: name.to_string(),
            root_dir: root_dir.clone(),
            srcs: vec![Src {
                text: Text::Root(text),
                id: None,
                dir: root_dir,
            }],
            stack: root.into_iter().collect(),
            stack_seen: Vec::new(),
            pending: Vec::new(),
            markers: Vec::new(),
            seq: 0,
            endnote_markers: Vec::new(),
            body_urls: Vec::new(),
            bibs: Vec::new(),
            nocite_all: None,
            footnotes: 0,
            endnotes: 0,
            warnings: Vec::new(),
            damaged: None,
            keys: HashSet::default(),
            ended: false,
            full,
        }
    }

    fn warn(&mut self, src: usize, at: usize, what: &str) {
        if self.warnings.len() >= 50 {
            return;
        }
        let Some(s) = self.srcs.get(src) else { return };
        let line =
            1 + memchr::memchr_iter(b'\n', s.text.as_bytes().get(..at).unwrap_or(&[])).count();
        let file = s.id.map_or_else(String::new, |f| format!("{}: ", f.path()));
        self.warnings.push(format!("{file}line {line}: {what}"));
    }

    /// The sentence before `at` in source `src`, as plain text.
    fn context(&self, src: usize, at: usize) -> String {
        if !self.full {
            return String::new();
        }
        let Some(s) = self.srcs.get(src) else {
            return String::new();
        };
        let mut from = at.saturating_sub(CONTEXT_BYTES);
        while from > 0 && !s.text.is_char_boundary(from) {
            from -= 1;
        }
        sentence_context(&render(&s.text, from..at, Mode::Body, &|_| None).text)
    }

    /// Reads source `k` from its start.
    fn file(&mut self, k: usize, depth: usize) {
        let Some(src) = self.srcs.get(k) else { return };
        let text = src.text.clone();
        let file = src.id;
        let s: &str = &text;
        let b = s.as_bytes();
        let mut idx = LineIndex::new(s);
        let mut i = 0;
        while i < b.len() && !self.ended {
            let Some(off) = memchr::memchr2(b'\\', b'%', b.get(i..).unwrap_or(&[])) else {
                break;
            };
            i += off;
            if b.get(i) == Some(&b'%') {
                i = line_end(b, i, b.len());
                continue;
            }
            let Some((name, after)) = command_at(s, i) else {
                i += 1;
                continue;
            };
            let next = self.command(k, s, file, &mut idx, name, i, after, depth);
            i = next.max(i + 1);
        }
    }

    /// One command at `at` (its name ends at `after`) in source `k`; returns where to go on.
    #[allow(clippy::too_many_arguments)]
    fn command(
        &mut self,
        k: usize,
        s: &str,
        file: Option<FileId>,
        idx: &mut LineIndex,
        name: &str,
        at: usize,
        after: usize,
        depth: usize,
    ) -> usize {
        let b = s.as_bytes();
        let n = b.len();
        match name {
            "footnote" | "endnote" | "footnotetext" => {
                let opt = bracketed(b, after, n);
                let from = opt.as_ref().map_or(after, |a| a.next);
                let explicit = opt.and_then(|a| s.get(a.inner).map(|l| l.trim().to_string()));
                let (content, next) = match braced(b, from, n) {
                    Some(a) => (a.inner.clone(), a.next),
                    None => {
                        let open = skip_space(b, from, n);
                        if b.get(open) != Some(&b'{') {
                            return after;
                        }
                        // never closed: read to the end of its paragraph
                        let end = paragraph_end(b, open + 1);
                        self.warn(k, at, &format!("\\{name} never closed (unbalanced braces): read to the end of its paragraph"));
                        self.damaged.get_or_insert_with(|| {
                            format!("damaged LaTeX (\\{name} never closed); the rest is reported")
                        });
                        (open + 1..end, end)
                    }
                };
                let kind = if name == "endnote" {
                    Kind::Endnote
                } else {
                    Kind::Footnote
                };
                let label = match (&explicit, name) {
                    (Some(l), _) => l.clone(),
                    (None, "footnotetext") => self.footnotes.max(1).to_string(),
                    (None, "endnote") => {
                        self.endnotes += 1;
                        self.endnotes.to_string()
                    }
                    (None, _) => {
                        self.footnotes += 1;
                        self.footnotes.to_string()
                    }
                };
                self.seq += 1;
                let seq = self.seq;
                let marker = (name != "footnotetext").then(|| {
                    let context = self.context(k, at);
                    self.markers.push((
                        seq,
                        Marker {
                            label: label.clone(),
                            pos: idx.pos_in(at, file),
                            context,
                        },
                    ));
                    if kind == Kind::Endnote && explicit.is_none() {
                        self.endnote_markers.push(self.markers.len() - 1);
                    }
                    self.markers.len() - 1
                });
                let content_at = skip_space(b, content.start, content.end);
                self.pending.push(Pending {
                    src: k,
                    kind: if kind == Kind::Endnote && explicit.is_some() {
                        Kind::Footnote
                    } else {
                        kind
                    },
                    label,
                    pos: idx.pos_in(content_at, file),
                    content,
                    marker,
                    seq,
                });
                next
            }
            "footnotemark" => {
                let opt = bracketed(b, after, n);
                let label = match opt.as_ref().and_then(|a| s.get(a.inner.clone())) {
                    Some(l) => l.trim().to_string(),
                    None => {
                        self.footnotes += 1;
                        self.footnotes.to_string()
                    }
                };
                let context = self.context(k, at);
                self.seq += 1;
                self.markers.push((
                    self.seq,
                    Marker {
                        label,
                        pos: idx.pos_in(at, file),
                        context,
                    },
                ));
                opt.map_or(after, |a| a.next)
            }
            _ if is_cite(name) => {
                let Some(args) = tex::cite_args(s, name, after, n) else {
                    return after;
                };
                // a `\footcite` is set as a footnote by biblatex but counts here as the
                // citation it is: whether `\autocite` and kin make footnotes depends on the
                // style, so footnotes are numbered among the document's own `\footnote`s
                self.seq += 1;
                if name == "nocite" && args.keys.iter().any(|(key, _)| key == "*") {
                    self.nocite_all = Some((self.seq, idx.pos_in(at, file)));
                }
                let context = if name == "nocite" {
                    String::new()
                } else {
                    self.context(k, at)
                };
                for (key, key_at) in args.keys.iter().filter(|(key, _)| key != "*") {
                    self.keys.insert(key.clone());
                    self.markers.push((
                        self.seq,
                        Marker {
                            label: key.clone(),
                            pos: idx.pos_in(*key_at, file),
                            context: context.clone(),
                        },
                    ));
                }
                args.next
            }
            "url" | "href" => match braced(b, after, n) {
                Some(a) => {
                    let raw = s.get(a.inner.clone()).unwrap_or("");
                    let unescaped = unescape_url(raw);
                    if let Some(url) = clean_url(&unescaped) {
                        let problem = url_problem(&url);
                        self.body_urls.push(UrlRef {
                            url,
                            pos: idx.pos_in(a.inner.start, file),
                            problem,
                        });
                    }
                    a.next
                }
                None => after,
            },
            "input" | "include" | "subfile" | "import" | "subimport" | "includefrom"
            | "subincludefrom" | "inputfrom" | "subinputfrom" => {
                self.include(k, s, name, at, after, depth)
            }
            "bibliography" | "addbibresource" | "addglobalbib" | "addsectionbib" => {
                let opt = bracketed(b, after, n);
                let from = opt.as_ref().map_or(after, |a| a.next);
                let remote = opt
                    .and_then(|a| s.get(a.inner))
                    .is_some_and(|o| o.replace(' ', "").contains("location=remote"));
                let Some(a) = braced(b, from, n) else {
                    return after;
                };
                let pos = idx.pos_in(at, file);
                for name_ in tex::bib_names(s, a.inner.clone(), name == "bibliography") {
                    if remote || name_.contains("://") {
                        self.warn(k, at, &format!("remote bibliography {name_} not read"));
                        continue;
                    }
                    if Path::new(&name_).is_absolute() {
                        self.warn(k, at, &format!("{name_}: an absolute path, not read"));
                        continue;
                    }
                    if !self.bibs.iter().any(|x| x.name == name_) {
                        self.bibs.push(BibRef { name: name_, pos });
                    }
                }
                a.next
            }
            "bibitem" => {
                let opt = bracketed(b, after, n);
                let from = opt.as_ref().map_or(after, |a| a.next);
                let Some(a) = braced(b, from, n) else {
                    return after;
                };
                let key = s.get(a.inner.clone()).unwrap_or("").trim().to_string();
                let end = bibitem_end(b, a.next);
                if !key.is_empty() {
                    self.keys.insert(key.clone());
                    self.seq += 1;
                    let content_at = skip_space(b, a.next, end);
                    self.pending.push(Pending {
                        src: k,
                        kind: Kind::Bibitem,
                        label: key,
                        content: a.next..end,
                        pos: idx.pos_in(content_at, file),
                        marker: None,
                        seq: self.seq,
                    });
                }
                end
            }
            "begin" => {
                let Some(a) = braced(b, after, n) else {
                    return after;
                };
                let env = s.get(a.inner).unwrap_or("").trim();
                if tex::VERBATIM.contains(&env) {
                    let close = format!("\\end{{{env}}}");
                    return memchr::memmem::find(b.get(a.next..).unwrap_or(&[]), close.as_bytes())
                        .map_or(n, |p| a.next + p + close.len());
                }
                a.next
            }
            "end" => {
                if let Some(a) = braced(b, after, n) {
                    if s.get(a.inner).is_some_and(|e| e.trim() == "document") {
                        self.ended = true;
                    }
                    return a.next;
                }
                after
            }
            "endinput" => n,
            "verb" => {
                let d = if b.get(after) == Some(&b'*') {
                    after + 1
                } else {
                    after
                };
                match b.get(d) {
                    Some(&delim)
                        if !delim.is_ascii_alphabetic() && !delim.is_ascii_whitespace() =>
                    {
                        let line = line_end(b, d + 1, n);
                        memchr::memchr(delim, b.get(d + 1..line).unwrap_or(&[]))
                            .map_or(line, |p| d + 1 + p + 1)
                    }
                    _ => after,
                }
            }
            "iffalse" => if_false_end(s, after),
            "newcommand"
            | "renewcommand"
            | "providecommand"
            | "DeclareRobustCommand"
            | "newenvironment"
            | "renewenvironment"
            | "NewDocumentCommand"
            | "RenewDocumentCommand"
            | "ProvideDocumentCommand"
            | "DeclareDocumentCommand"
            | "NewDocumentEnvironment"
            | "def"
            | "gdef"
            | "edef"
            | "xdef" => definition_end(s, name, after),
            _ => after,
        }
    }

    /// `\input{f}` and kin: reads the file in place; returns where to go on.
    fn include(
        &mut self,
        k: usize,
        s: &str,
        name: &str,
        at: usize,
        after: usize,
        depth: usize,
    ) -> usize {
        let b = s.as_bytes();
        let n = b.len();
        let two = matches!(
            name,
            "import"
                | "subimport"
                | "includefrom"
                | "subincludefrom"
                | "inputfrom"
                | "subinputfrom"
        );
        let (dir, first) = if two {
            match braced(b, after, n) {
                Some(a) => (s.get(a.inner).unwrap_or("").trim().to_string(), a.next),
                None => return after,
            }
        } else {
            (String::new(), after)
        };
        let (arg, next) = match braced(b, first, n) {
            Some(a) => (s.get(a.inner).unwrap_or("").trim().to_string(), a.next),
            None if name == "input" => {
                // TeX's own `\input file` ends at a blank
                let from = skip_space(b, first, n);
                let end = b
                    .get(from..)
                    .unwrap_or(&[])
                    .iter()
                    .position(|c| {
                        c.is_ascii_whitespace() || matches!(c, b'\\' | b'{' | b'}' | b'%')
                    })
                    .map_or(n, |p| from + p);
                (s.get(from..end).unwrap_or("").to_string(), end)
            }
            None => return after,
        };
        if arg.is_empty() {
            return next;
        }
        if Path::new(&arg).is_absolute() || Path::new(&dir).is_absolute() {
            // a document names its own files; a hostile one must not read the machine's
            self.warn(k, at, &format!("{arg}: an absolute path, not read"));
            return next;
        }
        let base = if name.starts_with("sub") {
            self.srcs
                .get(k)
                .map_or_else(PathBuf::new, |s| s.dir.clone())
        } else {
            self.root_dir.clone()
        };
        let base = base.join(&dir);
        let path = [base.join(format!("{arg}.tex")), base.join(&arg)]
            .into_iter()
            .find(|p| p.is_file())
            .unwrap_or_else(|| base.join(&arg));
        let shown = path.to_string_lossy().to_string();
        if depth + 1 > MAX_DEPTH {
            self.warn(
                k,
                at,
                &format!("{shown}: inputs nested more than {MAX_DEPTH} deep, not read"),
            );
            return next;
        }
        if self.srcs.len() >= MAX_FILES {
            self.warn(
                k,
                at,
                &format!("{shown}: more than {MAX_FILES} files, not read"),
            );
            return next;
        }
        let canonical = std::fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
        if self.stack.contains(&canonical) {
            self.warn(
                k,
                at,
                &format!("{shown} inputs itself (a cycle), not read again"),
            );
            return next;
        }
        let (text, lossy) = match read_file(&path) {
            Ok(t) => t,
            Err(e) => {
                self.warn(k, at, &format!("{shown}: cannot read ({e})"));
                return next;
            }
        };
        let id = FileId::intern(&shown);
        if let Some(w) = lossy {
            self.warnings.push(format!("{shown}: {w}"));
        }
        self.srcs.push(Src {
            text: Text::File(Arc::from(text)),
            id,
            dir: path.parent().map(Path::to_path_buf).unwrap_or_default(),
        });
        self.stack.push(canonical.clone());
        self.stack_seen.push(canonical);
        let new = self.srcs.len() - 1;
        self.file(new, depth + 1);
        self.stack.pop();
        next
    }
}
