//! The data handed from `extract/` to `cite/` and `rules/`: a document's markers and note
//! definitions with their positions. No input format leaks past this type.

use std::num::NonZeroU32;
use std::sync::{Arc, LazyLock, Mutex};

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use serde::Serialize;

use crate::cite::dates::PartialDate;

/// A 1-based position in the source: line, and column counted in characters; in the
/// document's own file, or in `file` (a LaTeX document's `\input` file or `.bib`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Pos {
    pub line: usize,
    pub column: usize,
    /// Another file than the document's own, which the document read into itself.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<FileId>,
}

impl Pos {
    pub fn new(line: usize, column: usize) -> Self {
        Pos {
            line,
            column,
            file: None,
        }
    }

    /// The same place, in `file`.
    pub fn in_file(self, file: Option<FileId>) -> Self {
        Pos { file, ..self }
    }
}

/// A file other than the document's own that its positions point into: a LaTeX document's
/// `\input` files and bibliographies. A small copyable handle, so that every position can
/// carry it and every finding made at a position names its file with no rule knowing; the
/// paths are interned once per process (a run reads a bounded number of files) and a handle
/// serializes as its path.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FileId(NonZeroU32);

/// The interned paths: `FileId(n)` is `paths[n - 1]`.
#[derive(Default)]
struct Files {
    paths: Vec<Arc<str>>,
    ids: HashMap<Arc<str>, FileId>,
}

static FILES: LazyLock<Mutex<Files>> = LazyLock::new(|| Mutex::new(Files::default()));

impl FileId {
    /// The handle of `path` (the same for the same path); `None` past 4 billion paths.
    pub fn intern(path: &str) -> Option<FileId> {
        let mut files = FILES.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(id) = files.ids.get(path) {
            return Some(*id);
        }
        let n = u32::try_from(files.paths.len() + 1).ok()?;
        let id = FileId(NonZeroU32::new(n)?);
        let path: Arc<str> = Arc::from(path);
        files.paths.push(path.clone());
        files.ids.insert(path, id);
        Some(id)
    }

    /// The file's path, as the document named it (relative to where reflint runs).
    pub fn path(self) -> Arc<str> {
        let files = FILES.lock().unwrap_or_else(|e| e.into_inner());
        let i = usize::try_from(self.0.get() - 1).unwrap_or(usize::MAX);
        files.paths.get(i).cloned().unwrap_or_else(|| Arc::from(""))
    }
}

impl Serialize for FileId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.path())
    }
}

/// The path a position lies in: its own file's, else the document's.
pub fn path_of(file: Option<FileId>, document: &str) -> String {
    file.map_or_else(|| document.to_string(), |f| f.path().to_string())
}

/// The input format a document was read as.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Plain text, typically extracted from a PDF.
    Text,
    Markdown,
    Html,
    /// A Word document (Office Open XML).
    Docx,
    Pdf,
    /// LaTeX, with the BibTeX files it names.
    Latex,
    /// A BibTeX bibliography on its own, read as a list of references.
    Bibtex,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Markdown => "markdown",
            Format::Html => "html",
            Format::Docx => "docx",
            Format::Pdf => "pdf",
            Format::Latex => "latex",
            Format::Bibtex => "bibtex",
        }
    }

    /// Whether the format is read from its bytes (a zip, a PDF), not from decoded text.
    pub fn is_binary(self) -> bool {
        matches!(self, Format::Docx | Format::Pdf)
    }
}

/// A place in the body that points to a note.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Marker {
    /// The note's number or label as written (`"12"`, `"smith"`).
    pub label: String,
    pub pos: Pos,
    /// The sentence that carries the marker, from its start up to the marker (plain text,
    /// bounded in length). `date-after-claim` reads it.
    pub context: String,
}

/// A URL found in a note or in the body, cleaned of surrounding punctuation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct UrlRef {
    pub url: String,
    pub pos: Pos,
    /// Why the URL is malformed as written (contains spaces, broken across a line in a source
    /// format where that breaks the link, ...), if it is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub problem: Option<String>,
}

/// A note (footnote or endnote) definition.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct NoteDef {
    pub label: String,
    /// Where the definition starts (its label, or its first character when unlabelled).
    pub pos: Pos,
    /// The note's text as plain text, whitespace collapsed, label removed. Markdown emphasis
    /// around a source is kept as `*Source*` so that the citation reader can see it.
    pub text: String,
    /// URLs in the note, in order, deduplicated.
    pub urls: Vec<UrlRef>,
    /// The citation's fields as a structured source states them (the CSL JSON a reference
    /// manager put in a Word file, a BibTeX entry), preferred by `cite/` to what it reads
    /// from the note's text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cited: Option<Box<CitedFields>>,
}

/// A citation's fields from a structured source (CSL JSON, BibTeX). Every field is optional:
/// what is missing is read from the note's text as usual.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct CitedFields {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<String>,
    /// The journal, newspaper, site or book that holds the work (CSL `container-title`,
    /// BibTeX `journal`/`booktitle`/`publisher`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub container: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub volume: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub issue: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pages: Option<String>,
    /// The publication date (CSL `issued`, BibTeX `date` or `year`/`month`).
    #[serde(skip)]
    pub issued: Option<PartialDate>,
    /// The access date (CSL `accessed`, BibTeX `urldate`).
    #[serde(skip)]
    pub accessed: Option<PartialDate>,
    /// The DOI, bare (`10.1000/xyz`), without resolver prefix.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub doi: Option<String>,
}

/// One input document, as its extractor saw it.
#[derive(Clone, Debug, Serialize)]
pub struct Document {
    pub path: String,
    pub format: Format,
    pub markers: Vec<Marker>,
    pub notes: Vec<NoteDef>,
    /// Links in the body outside notes (inline Markdown links, bare URLs, `<a href>`).
    pub body_urls: Vec<UrlRef>,
    /// Problems met while reading that did not stop it (lossy decoding, ...).
    pub warnings: Vec<String>,
    /// The document's own date when the document states it (front matter, a dateline near the
    /// top), for `date-future`.
    #[serde(skip)]
    pub detected_date: Option<PartialDate>,
    /// The input was damaged (a PDF rebuilt from what was left, a bibliography with broken
    /// entries): what could be read is reported, and the run says so as an input error (exit 2).
    #[serde(skip)]
    pub damaged: Option<String>,
    /// The document evidently has notes that no reading could make out: where, and what was
    /// seen (for `notes-unreadable`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unreadable: Option<Unreadable>,
    /// The labels that are citation keys (a LaTeX document's `\cite` keys and bibliography
    /// entries), not note numbers: the numbering rules pass them by, and the structure
    /// rules speak of entries and keys.
    #[serde(skip)]
    pub keys: HashSet<String>,
}

/// A notes section, or markers, that no reading of the notes could explain.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Unreadable {
    pub pos: Pos,
    /// What was seen there, in words ("a Notes section followed by 12 links").
    pub seen: String,
}

impl Document {
    pub fn new(path: impl Into<String>, format: Format) -> Self {
        Document {
            path: path.into(),
            format,
            markers: Vec::new(),
            notes: Vec::new(),
            body_urls: Vec::new(),
            warnings: Vec::new(),
            detected_date: None,
            unreadable: None,
            damaged: None,
            keys: HashSet::default(),
        }
    }
}

/// Converts byte offsets of one string into 1-based line/column positions, in one pass per
/// lookup direction. Offsets must be asked for in ascending order for linear total cost;
/// asking out of order restarts from the top (still correct).
pub struct LineIndex<'a> {
    text: &'a str,
    /// (byte offset, line, column) of the last answer.
    last: (usize, usize, usize),
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        LineIndex {
            text,
            last: (0, 1, 1),
        }
    }

    /// The position of byte `offset` (clamped to the text, moved back to a char boundary).
    pub fn pos(&mut self, offset: usize) -> Pos {
        self.pos_in(offset, None)
    }

    /// [`LineIndex::pos`], in `file`.
    pub fn pos_in(&mut self, offset: usize, file: Option<FileId>) -> Pos {
        let mut offset = offset.min(self.text.len());
        while offset > 0 && !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        if offset < self.last.0 {
            self.last = (0, 1, 1);
        }
        let (start, mut line, mut col) = self.last;
        let slice = self.text.get(start..offset).unwrap_or("");
        match memchr::memrchr(b'\n', slice.as_bytes()) {
            Some(nl) => {
                line += memchr::memchr_iter(b'\n', slice.as_bytes()).count();
                col = 1 + slice.get(nl + 1..).map_or(0, |s| s.chars().count());
            }
            None => col += slice.chars().count(),
        }
        self.last = (offset, line, col);
        Pos::new(line, col).in_file(file)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_index_counts_chars_not_bytes() {
        let text = "ab\nçd¹x\n\nz";
        let mut idx = LineIndex::new(text);
        assert_eq!(idx.pos(0), Pos::new(1, 1));
        assert_eq!(idx.pos(3), Pos::new(2, 1));
        let sup = text.find('¹').unwrap_or(0);
        assert_eq!(idx.pos(sup), Pos::new(2, 3));
        let z = text.find('z').unwrap_or(0);
        assert_eq!(idx.pos(z), Pos::new(4, 1));
        // out of order still correct
        assert_eq!(idx.pos(1), Pos::new(1, 2));
    }
}
