//! From input bytes to a [`Document`]: finding the inputs, decoding them, detecting their
//! format, and handing them to one module per format.

pub mod docx;
pub mod html;
pub mod latex;
pub mod markdown;
pub mod notes;
pub mod pdf;
pub mod prose;
pub mod text;
pub mod urls;

use std::fmt;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

pub use crate::model::Document;
use crate::model::Format;

/// An input that could not be read: shown as one line, `path: message`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    pub path: String,
    pub message: String,
}

impl InputError {
    pub fn new(path: impl Into<String>, message: impl Into<String>) -> Self {
        InputError {
            path: path.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

impl std::error::Error for InputError {}

/// One document to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    File(PathBuf),
    Stdin,
}

impl Source {
    pub fn display(&self) -> String {
        match self {
            Source::File(p) => p.display().to_string(),
            Source::Stdin => "<stdin>".to_string(),
        }
    }
}

/// File extensions read as documents when walking a directory.
const DOC_EXTENSIONS: &[&str] = &[
    "txt", "text", "md", "markdown", "mdx", "html", "htm", "xhtml", "docx", "pdf", "tex", "ltx",
    "latex", "bib",
];

/// The format a file name implies, if any.
pub fn format_from_extension(path: &Path) -> Option<Format> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "txt" | "text" => Some(Format::Text),
        "md" | "markdown" | "mdx" => Some(Format::Markdown),
        "html" | "htm" | "xhtml" => Some(Format::Html),
        "docx" => Some(Format::Docx),
        "pdf" => Some(Format::Pdf),
        "tex" | "ltx" | "latex" => Some(Format::Latex),
        "bib" => Some(Format::Bibtex),
        _ => None,
    }
}

/// The binary format a document's first bytes announce: a zip (a Word document) or a PDF.
pub fn sniff_binary(head: &[u8]) -> Option<Format> {
    if head.starts_with(b"PK\x03\x04") {
        Some(Format::Docx)
    } else if head.starts_with(b"%PDF-") {
        Some(Format::Pdf)
    } else {
        None
    }
}

/// The format a document's first bytes suggest.
pub fn sniff_format(head: &str) -> Format {
    let lower: String = head
        .chars()
        .take(4096)
        .collect::<String>()
        .to_ascii_lowercase();
    let t = lower.trim_start_matches('\u{feff}').trim_start();
    if lower.contains("\\documentclass") || lower.contains("\\begin{document}") {
        Format::Latex
    } else if t.starts_with('@') && BIB_ENTRY.is_match(t) {
        Format::Bibtex
    } else if t.starts_with("<!doctype html")
        || t.starts_with("<html")
        || lower.contains("<body")
        || lower.contains("<p>")
        || lower.contains("<div")
    {
        Format::Html
    } else if lower.contains("[^")
        || t.starts_with("# ")
        || lower.contains("\n## ")
        || lower.contains("](http")
    {
        Format::Markdown
    } else {
        Format::Text
    }
}

/// A BibTeX entry's start: `@article{`, `@online (`.
static BIB_ENTRY: std::sync::LazyLock<regex::Regex> =
    std::sync::LazyLock::new(|| regex::Regex::new(r"^@[a-z]+\s*[{(]").expect("constant regex"));

/// Parses `text`, `markdown`/`md`, `html`, `docx`, `pdf`, `latex`/`tex`, `bibtex`/`bib`
/// (for `--input-format`).
pub fn parse_format(s: &str) -> Option<Format> {
    match s.to_ascii_lowercase().as_str() {
        "text" | "txt" | "plain" => Some(Format::Text),
        "markdown" | "md" => Some(Format::Markdown),
        "html" | "htm" => Some(Format::Html),
        "docx" => Some(Format::Docx),
        "pdf" => Some(Format::Pdf),
        "latex" | "tex" => Some(Format::Latex),
        "bibtex" | "bib" => Some(Format::Bibtex),
        _ => None,
    }
}

/// Expands the command line's inputs (files, directories walked recursively without hidden
/// or git-ignored files, globs, `-`) into the documents to read, in a stable order.
/// Why a directory gave no documents: which files it holds that reflint does not read.
fn no_documents(dir: &Path, skipped: &[PathBuf]) -> String {
    let looked = "looked for .txt, .md, .html, .docx, .pdf, .tex, .bib";
    if skipped.is_empty() {
        return format!("no documents found in this directory ({looked})");
    }
    const SHOWN: usize = 5;
    let names: Vec<String> = skipped
        .iter()
        .take(SHOWN)
        .map(|p| p.strip_prefix(dir).unwrap_or(p).display().to_string())
        .collect();
    let more = skipped.len().saturating_sub(SHOWN);
    let more = match more {
        0 => String::new(),
        1 => " and 1 more".to_string(),
        n => format!(" and {n} more"),
    };
    let files = if skipped.len() == 1 { "file" } else { "files" };
    format!(
        "no documents found in this directory ({looked}); skipped {} {files} reflint does not read yet: {}{more}",
        skipped.len(),
        names.join(", ")
    )
}

pub fn expand_inputs(inputs: &[String]) -> Result<Vec<Source>, InputError> {
    let mut out = Vec::new();
    for input in inputs {
        if input == "-" {
            out.push(Source::Stdin);
            continue;
        }
        let path = Path::new(input);
        if path.is_dir() {
            let (mut found, mut skipped): (Vec<PathBuf>, Vec<PathBuf>) =
                ignore::WalkBuilder::new(path)
                    .hidden(true)
                    .git_ignore(true)
                    .require_git(false)
                    .build()
                    .filter_map(Result::ok)
                    .filter(|e| e.file_type().is_some_and(|t| t.is_file()))
                    .map(|e| e.into_path())
                    // a folder's README describes its documents; it is not one of them
                    .filter(|p| {
                        !p.file_stem()
                            .and_then(|s| s.to_str())
                            .is_some_and(|s| s.eq_ignore_ascii_case("readme"))
                    })
                    .partition(|p| {
                        p.extension().and_then(|e| e.to_str()).is_some_and(|e| {
                            DOC_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str())
                        })
                    });
            if found.is_empty() {
                skipped.sort();
                return Err(InputError::new(input, no_documents(path, &skipped)));
            }
            found.sort();
            leave_to_latex(&mut found);
            out.extend(found.into_iter().map(Source::File));
        } else if path.exists() {
            out.push(Source::File(path.to_path_buf()));
        } else if input.contains(['*', '?', '[']) {
            let paths = glob::glob(input)
                .map_err(|e| InputError::new(input, format!("bad glob pattern: {e}")))?;
            let mut found: Vec<PathBuf> = paths
                .filter_map(Result::ok)
                .filter(|p| p.is_file())
                .collect();
            if found.is_empty() {
                return Err(InputError::new(input, "no file matches this pattern"));
            }
            found.sort();
            out.extend(found.into_iter().map(Source::File));
        } else {
            return Err(InputError::new(input, "no such file or directory"));
        }
    }
    Ok(out)
}

/// Drops from a directory's files those a LaTeX document among them reads into itself (its
/// `\input` files and the `.bib`s it names): they are checked through the document, where
/// their citations are, and not a second time on their own. Two documents that read each
/// other (a cycle) both stay.
fn leave_to_latex(found: &mut Vec<PathBuf>) {
    let is_tex = |p: &PathBuf| format_from_extension(p) == Some(Format::Latex);
    if !found.iter().any(is_tex) {
        return;
    }
    let canonical = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    let claims: Vec<(PathBuf, Vec<PathBuf>)> = found
        .iter()
        .filter(|p| is_tex(p))
        .map(|p| (canonical(p), latex::pulled_in(p)))
        .collect();
    found.retain(|p| {
        let me = canonical(p);
        !claims.iter().any(|(by, pulled)| {
            *by != me
                && pulled.contains(&me)
                && !claims
                    .iter()
                    .any(|(other, theirs)| *other == me && theirs.contains(by))
        })
    });
}

/// Plain text larger than this is streamed rather than read whole.
const IN_MEMORY_MAX: u64 = 96 << 20;

/// How many leading bytes are examined to detect binary data, a BOM and the format.
const HEAD: usize = 8192;

/// Reads one document. `format` forces the input format (else: extension, then content).
pub fn read_source(source: &Source, format: Option<Format>) -> Result<Document, InputError> {
    let name = source.display();
    match source {
        Source::Stdin => {
            let mut bytes = Vec::new();
            std::io::stdin()
                .lock()
                .read_to_end(&mut bytes)
                .map_err(|e| InputError::new(&name, format!("cannot read: {e}")))?;
            read_owned(&name, bytes, format)
        }
        Source::File(path) => {
            let file = File::open(path)
                .map_err(|e| InputError::new(&name, format!("cannot open: {e}")))?;
            let format = format.or_else(|| format_from_extension(path));
            let mut reader = BufReader::with_capacity(1 << 20, file);
            let head = reader
                .fill_buf()
                .map_err(|e| InputError::new(&name, format!("cannot read: {e}")))?
                .get(..HEAD)
                .map(<[u8]>::to_vec)
                .unwrap_or_else(|| reader.buffer().to_vec());
            let is_utf16 = head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]);
            let sniffed = format
                .or_else(|| sniff_binary(&head))
                .unwrap_or_else(|| sniff_format(&String::from_utf8_lossy(&head)));
            // plain text too large to hold is read line by line in bounded memory; the rest is
            // read whole (and a long text then extracted on every core)
            let len = std::fs::metadata(path).map_or(u64::MAX, |m| m.len());
            if sniffed == Format::Text && !is_utf16 && len > IN_MEMORY_MAX {
                check_binary(&name, &head)?;
                return Ok(stream_text(&name, reader));
            }
            let mut bytes = Vec::with_capacity(
                usize::try_from(len)
                    .unwrap_or(0)
                    .min(IN_MEMORY_MAX as usize)
                    + 1,
            );
            reader
                .read_to_end(&mut bytes)
                .map_err(|e| InputError::new(&name, format!("cannot read: {e}")))?;
            read_owned(&name, bytes, Some(sniffed))
        }
    }
}

fn check_binary(name: &str, head: &[u8]) -> Result<(), InputError> {
    if memchr::memchr(0, head).is_some() {
        return Err(InputError::new(name, "binary data, not a text document"));
    }
    Ok(())
}

/// Decodes a whole document held in memory and extracts it.
pub fn read_bytes(
    name: &str,
    bytes: &[u8],
    format: Option<Format>,
) -> Result<Document, InputError> {
    read_owned(name, bytes.to_vec(), format)
}

/// [`read_bytes`] for bytes the caller gives away: valid UTF-8 becomes the text without a copy.
pub fn read_owned(
    name: &str,
    bytes: Vec<u8>,
    format: Option<Format>,
) -> Result<Document, InputError> {
    match format.or_else(|| sniff_binary(bytes.get(..HEAD).unwrap_or(&bytes))) {
        Some(Format::Docx) => return docx::extract_docx(name, &bytes),
        Some(Format::Pdf) => return pdf::extract_pdf(name, &bytes),
        _ => {}
    }
    let mut warnings = Vec::new();
    let text: String = if let Some((enc, bom)) = encoding_rs::Encoding::for_bom(&bytes) {
        let body = bytes.get(bom..).unwrap_or(&[]);
        let (s, had_errors) = enc.decode_without_bom_handling(body);
        if had_errors {
            warnings.push(format!("invalid {} (decoded lossily)", enc.name()));
        }
        s.into_owned()
    } else {
        check_binary(name, bytes.get(..HEAD).unwrap_or(&bytes))?;
        match String::from_utf8(bytes) {
            Ok(s) => s,
            Err(e) => match declared_charset(e.as_bytes()) {
                // an HTML page in the charset it declares (Word exports: windows-1252)
                Some(enc) if enc != encoding_rs::UTF_8 => {
                    let (s, _, had_errors) = enc.decode(e.as_bytes());
                    if had_errors {
                        warnings.push(format!("invalid {} (decoded lossily)", enc.name()));
                    }
                    s.into_owned()
                }
                _ => {
                    warnings.push("invalid UTF-8 (decoded lossily)".to_string());
                    String::from_utf8_lossy(e.as_bytes()).into_owned()
                }
            },
        }
    };
    if text.trim().is_empty() {
        warnings.push("empty document".to_string());
    }
    let format = format.unwrap_or_else(|| sniff_format(&text));
    let mut doc = match format {
        Format::Text => text::extract_str(name, &text),
        Format::Markdown => markdown::extract_markdown(name, &text),
        Format::Html => html::extract_html(name, &text),
        Format::Latex => latex::extract_latex(name, &text)?,
        Format::Bibtex => latex::extract_bib(name, &text)?,
        // read from their bytes above
        Format::Docx | Format::Pdf => text::extract_str(name, &text),
    };
    doc.warnings.splice(0..0, warnings);
    // a LaTeX or BibTeX source says where its notes are: no guessing at its text
    if doc.notes.is_empty() && !matches!(format, Format::Latex | Format::Bibtex) {
        let from = prose::front_matter_end(&text);
        // markers that lost their superscript and their notes (a text cut before its notes)
        let markers = if doc.markers.is_empty() && format != Format::Html {
            notes::markers::orphans(&text, from).len()
        } else {
            doc.markers.len()
        };
        if let Some((at, seen)) = notes::unreadable(&text, from, markers) {
            let pos = crate::model::LineIndex::new(&text).pos(at);
            doc.unreadable = Some(crate::model::Unreadable { pos, seen });
        }
    }
    Ok(doc)
}

/// The charset an HTML document declares in its first bytes (`<meta charset="…">` or
/// `content="text/html; charset=…"`), if any.
fn declared_charset(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = String::from_utf8_lossy(bytes.get(..4096).unwrap_or(bytes)).to_ascii_lowercase();
    let at = head.find("charset=")? + "charset=".len();
    let label: String = head
        .get(at..)?
        .trim_start_matches(['"', '\''])
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
        .collect();
    encoding_rs::Encoding::for_label(label.as_bytes())
}

/// Extracts plain text line by line, so that memory stays bounded by the longest line and the
/// notes found, not by the file's size.
fn stream_text<R: BufRead>(name: &str, mut reader: R) -> Document {
    let mut ex = text::TextExtractor::new(name, Format::Text);
    let mut buf = Vec::new();
    let mut lossy = false;
    let mut empty = true;
    loop {
        buf.clear();
        match reader.read_until(b'\n', &mut buf) {
            Ok(0) => break,
            Ok(_) => {}
            Err(e) => {
                ex.warn(format!("read stopped early: {e}"));
                break;
            }
        }
        if buf.last() == Some(&b'\n') {
            buf.pop();
        }
        if empty && buf.iter().any(|b| !b.is_ascii_whitespace()) {
            empty = false;
        }
        match std::str::from_utf8(&buf) {
            Ok(line) => ex.feed_line(line),
            Err(_) => {
                lossy = true;
                ex.feed_line(&String::from_utf8_lossy(&buf));
            }
        }
    }
    if lossy {
        ex.warn("invalid UTF-8 (decoded lossily)");
    }
    if empty {
        ex.warn("empty document");
    }
    ex.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streamed_text_matches_text_read_whole() {
        let sample = include_str!("../../references/peninsula-prospects.txt");
        let mut bytes = sample.as_bytes().to_vec();
        bytes.extend_from_slice(b"\n\ncaf\xe9 line\n");
        let streamed = stream_text("x.txt", std::io::Cursor::new(bytes.clone()));
        let whole =
            read_owned("x.txt", bytes, Some(Format::Text)).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(streamed.notes.len(), 27);
        assert_eq!(streamed.notes, whole.notes);
        assert_eq!(streamed.markers, whole.markers);
        assert_eq!(streamed.warnings, ["invalid UTF-8 (decoded lossily)"]);
        assert_eq!(streamed.warnings, whole.warnings);
    }

    #[test]
    fn html_in_its_declared_charset() {
        let page = b"<html><head><meta http-equiv=Content-Type content=\"text/html; charset=windows-1252\"></head><body><p>Claim.<a href=\"#_ftn1\" name=\"_ftnref1\">[1]</a></p><div id=ftn1><p><a href=\"#_ftnref1\" name=\"_ftn1\">[1]</a> Roe, \x93A Title,\x94 <i>Outlet</i>, May 3, 2019.</p></div></body></html>";
        let doc = read_bytes("w.htm", page, None).unwrap_or_else(|e| panic!("{e}"));
        assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);
        assert_eq!(doc.notes.len(), 1);
        assert!(
            doc.notes[0].text.contains("“A Title,”"),
            "{}",
            doc.notes[0].text
        );
    }

    #[test]
    fn sniffing() {
        assert_eq!(sniff_format("<!DOCTYPE html><html>"), Format::Html);
        assert_eq!(sniff_format("Text[^1]\n\n[^1]: note"), Format::Markdown);
        assert_eq!(sniff_format("Plain words.¹"), Format::Text);
    }

    #[test]
    fn utf16_with_bom_is_decoded() {
        let s = "Claim.¹\n\n1 “Title,” *Outlet*, May 3, 2018.\n";
        let mut bytes = vec![0xFF, 0xFE];
        for u in s.encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        let doc = read_bytes("x.txt", &bytes, Some(Format::Text)).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(doc.notes.len(), 1);
        assert!(doc.warnings.is_empty());
    }

    #[test]
    fn binary_is_an_error_and_bad_utf8_a_warning() {
        let err = read_bytes("x.bin", b"\x00\x01\x02abc", None).err();
        assert!(err.is_some_and(|e| e.message.contains("binary")));
        let doc = read_bytes(
            "x.txt",
            b"caf\xe9 claim.\xc2\xb9\n\n1 \xe2\x80\x9cT,\xe2\x80\x9d 2019.\n",
            Some(Format::Text),
        );
        let doc = doc.unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(doc.warnings, ["invalid UTF-8 (decoded lossily)"]);
        assert_eq!(doc.notes.len(), 1);
    }
}
