//! PDF documents: text with pages and lines kept, read by the same note reader as plain text.
//!
//! lopdf reads the file (repairing a damaged cross-reference table, decrypting one that opens
//! with the empty password); [`glyphs`] runs each page's content for its glyphs, [`layout`]
//! sets them out in lines as `pdftotext` would, with superscript markers written `¹²³` and
//! italics `*…*`; the pages' text is then read by [`crate::extract::text::extract_str`], the
//! reader of plain text, and [`links`] gives each note the web links drawn over it.
//!
//! Positions are lines of the extracted text (its 1-based line, and the column in characters),
//! which is what `reflint extract` shows. Pages are separated as `pdftotext` separates them,
//! by a form feed, here on a line of its own: page 1 starts at line 1 and page N + 1 on the line
//! after the N-th line holding only `\f`. [`PdfText::page_lines`] lists where each page starts,
//! and [`PdfText::page_of`] maps a finding's line back to its page.
//!
//! Work is bounded so that no file hangs the run: the file's size, each stream's decompressed
//! size while loading, the pages read, each page's content, operations and glyphs, the
//! nesting of forms, the links per page.

mod cmap;
mod fonts;
mod glyphs;
mod layout;
mod links;
mod metrics;

use lopdf::{Document as Pdf, LoadOptions, ObjectId};

use crate::extract::InputError;
use crate::model::{Document, Format, Pos};
use glyphs::{Budget, Interpreter};
use layout::Line;
pub use links::Link;

/// Files larger than this are not read.
pub const MAX_FILE: usize = 512 << 20;
/// The most pages read.
pub const MAX_PAGES: usize = 5000;
/// The most any stream may decompress to while the file loads.
const MAX_STREAM: usize = 64 << 20;
/// The most operations run over the whole document.
const MAX_DOC_OPS: usize = 60_000_000;
/// The most content decompressed over the whole document.
const MAX_DOC_CONTENT: usize = 1 << 30;
/// The most links read from the whole document.
const MAX_DOC_LINKS: usize = 100_000;

/// A PDF's text as the readers see it.
#[derive(Clone, Debug, Default)]
pub struct PdfText {
    pub text: String,
    /// The 1-based line of the text where each page starts.
    pub page_lines: Vec<usize>,
    /// The web links of the pages, placed in the text.
    pub links: Vec<Link>,
    /// What did not stop the reading but may have cost text.
    pub warnings: Vec<String>,
}

impl PdfText {
    /// The 1-based page holding the text's 1-based `line`.
    pub fn page_of(&self, line: usize) -> usize {
        self.page_lines
            .partition_point(|&start| start <= line)
            .max(1)
    }
}

/// Reads a PDF's notes from its bytes.
pub fn extract_pdf(name: &str, bytes: &[u8]) -> Result<Document, InputError> {
    let pdf = pdf_text(name, bytes)?;
    let mut doc = crate::extract::text::extract_str(name, &pdf.text);
    doc.format = Format::Pdf;
    links::attach(&mut doc, &pdf.text, &pdf.links);
    doc.damaged = pdf
        .warnings
        .iter()
        .find(|w| w.starts_with("damaged PDF"))
        .map(|w| format!("{w}; what could be read is reported"));
    doc.warnings.splice(0..0, pdf.warnings);
    crate::extract::mark_unreadable(&mut doc, &pdf.text, Format::Pdf);
    Ok(doc)
}

/// A PDF's text, laid out page by page, with its links.
pub fn pdf_text(name: &str, bytes: &[u8]) -> Result<PdfText, InputError> {
    let (pdf, warnings) = load(name, bytes)?;
    let (mut out, mut chars, damaged) = lay_out(name, &pdf, warnings)?;
    if (chars == 0 || damaged) && pdf.xref_recovery.is_none() {
        // a table that reads but points at the wrong bytes: the pages load, their content
        // does not; the table rebuilt from the objects may give more
        let rebuild = LoadOptions {
            max_decompressed_size: Some(MAX_STREAM),
            force_reconstruct: true,
            ..LoadOptions::default()
        };
        if let Ok(rebuilt) = Pdf::load_mem_with_options(bytes, rebuild) {
            let encrypted = rebuilt.is_encrypted() && !rebuilt.was_encrypted();
            let warning = vec![REBUILT.to_string()];
            if let (false, Ok((better, n, _))) = (encrypted, lay_out(name, &rebuilt, warning)) {
                if n > chars {
                    (out, chars) = (better, n);
                }
            }
        }
    }
    if chars == 0 {
        out.warnings
            .push("no text in this PDF (scanned pages without a text layer?)".to_string());
    }
    Ok(out)
}

/// The text of every page, with the characters it holds and whether content was missing.
fn lay_out(
    name: &str,
    pdf: &Pdf,
    mut warnings: Vec<String>,
) -> Result<(PdfText, usize, bool), InputError> {
    let mut pages: Vec<ObjectId> = pdf.get_pages().into_values().collect();
    if pages.is_empty() {
        // a rebuilt file whose page tree is lost: its page objects in the order they were written
        pages = pdf
            .objects
            .iter()
            .filter(|(_, o)| o.as_dict().is_ok_and(|d| d.has_type(b"Page")))
            .map(|(id, _)| *id)
            .collect();
    }
    if pages.is_empty() {
        let why = if warnings.iter().any(|w| w.contains("cut short")) {
            "damaged PDF, not read: none of its pages could be found"
        } else {
            "no page could be read from this PDF"
        };
        return Err(InputError::new(name, why));
    }
    if pages.len() > MAX_PAGES {
        warnings.push(format!(
            "only the first {MAX_PAGES} of its {} pages were read",
            pages.len()
        ));
        pages.truncate(MAX_PAGES);
    }
    let mut out = PdfText {
        warnings,
        ..PdfText::default()
    };
    let mut interp = Interpreter::new(pdf);
    let mut ops_left = MAX_DOC_OPS;
    let mut bytes_left = MAX_DOC_CONTENT;
    let mut cut: Vec<usize> = Vec::new();
    let mut damaged = false;
    let mut line_no = 1;
    let mut chars = 0usize;
    for (i, &page_id) in pages.iter().enumerate() {
        if i > 0 {
            out.text.push_str("\n\x0c\n");
            line_no += 2;
        }
        out.page_lines.push(line_no);
        if ops_left == 0 || bytes_left == 0 {
            cut.push(i + 1);
            continue;
        }
        let mut budget = Budget::page();
        budget.ops = budget.ops.min(ops_left);
        budget.bytes = budget.bytes.min(bytes_left);
        let (ops, bytes) = (budget.ops, budget.bytes);
        let runs = interp.page(page_id, &mut budget);
        ops_left = ops_left.saturating_sub(ops.saturating_sub(budget.ops));
        bytes_left = bytes_left.saturating_sub(bytes.saturating_sub(budget.bytes));
        if budget.exhausted {
            cut.push(i + 1);
        }
        damaged |= budget.damaged;
        let (dir, lines) = layout::lines(runs);
        let mut placed: Vec<(usize, &Line)> = Vec::with_capacity(lines.len());
        let mut prev: Option<&Line> = None;
        for line in &lines {
            if let Some(p) = prev {
                out.text.push('\n');
                line_no += 1;
                if layout::blank_between(p, line) {
                    out.text.push('\n');
                    line_no += 1;
                }
            }
            out.text.push_str(&line.text);
            chars += line.text.len();
            placed.push((line_no, line));
            prev = Some(line);
        }
        let room = MAX_DOC_LINKS.saturating_sub(out.links.len());
        for link in links::page_links(pdf, page_id).into_iter().take(room) {
            let pos = links::place(&link, &placed, |x, y| turn(dir, x, y)).unwrap_or_else(|| {
                // not over any text: the page's first line
                Pos::new(out.page_lines.last().copied().unwrap_or(1), 1)
            });
            out.links.push(Link { pos, url: link.url });
        }
    }
    if !cut.is_empty() {
        out.warnings.push(format!(
            "page{} {}: too much content, not all of it was read",
            if cut.len() == 1 { "" } else { "s" },
            list(&cut)
        ));
    }
    Ok((out, chars, damaged))
}

/// `1, 2, 5` (the first ten, then how many more).
fn list(pages: &[usize]) -> String {
    let shown: Vec<String> = pages.iter().take(10).map(usize::to_string).collect();
    match pages.len() {
        n if n > 10 => format!("{} and {} more", shown.join(", "), n - 10),
        _ => shown.join(", "),
    }
}

fn turn(dir: u8, x: f32, y: f32) -> (f32, f32) {
    match dir {
        1 => (y, -x),
        2 => (-x, -y),
        3 => (-y, x),
        _ => (x, y),
    }
}

/// Loads the file: as written, else with its cross-reference table rebuilt; an encrypted file
/// that the empty password does not open is refused.
fn load(name: &str, bytes: &[u8]) -> Result<(Pdf, Vec<String>), InputError> {
    if bytes.len() > MAX_FILE {
        return Err(InputError::new(
            name,
            format!("PDF larger than {} MB, not read", MAX_FILE >> 20),
        ));
    }
    let head = bytes.get(..1024).unwrap_or(bytes);
    if memchr::memmem::find(head, b"%PDF-").is_none() {
        return Err(InputError::new(name, "not a PDF (no %PDF- header)"));
    }
    let options = LoadOptions {
        max_decompressed_size: Some(MAX_STREAM),
        ..LoadOptions::default()
    };
    let rebuild = LoadOptions {
        force_reconstruct: true,
        ..options.clone()
    };
    let mut truncated = false;
    let pdf = match Pdf::load_mem_with_options(bytes, options) {
        Ok(pdf) => pdf,
        Err(first) => match Pdf::load_mem_with_options(bytes, rebuild.clone()) {
            Ok(pdf) => pdf,
            Err(_) => {
                // a file cut short has lost its trailer and often its catalog: give it new ones
                // whose page tree is empty, and look for its pages among the objects it kept
                let mut patched = bytes.to_vec();
                patched.extend_from_slice(STAND_IN_TRAILER);
                truncated = true;
                Pdf::load_mem_with_options(&patched, rebuild).map_err(|_| {
                    InputError::new(name, format!("damaged PDF, not read: {}", one_line(&first)))
                })?
            }
        },
    };
    if pdf.is_encrypted() && !pdf.was_encrypted() {
        return Err(InputError::new(
            name,
            "encrypted PDF, not read (it opens only with a password)",
        ));
    }
    let mut warnings = Vec::new();
    if truncated {
        warnings.push(
            "damaged PDF (cut short?): read from the objects it kept, some text may be missing"
                .to_string(),
        );
    } else if pdf.xref_recovery.is_some() {
        warnings.push(REBUILT.to_string());
    }
    Ok((pdf, warnings))
}

const REBUILT: &str =
    "damaged PDF: its cross-reference table was rebuilt, some text may be missing";

/// A catalog with an empty page tree and a trailer naming it, appended to a file that lost
/// its own, so that lopdf rebuilds the rest from the objects it finds.
const STAND_IN_TRAILER: &[u8] = b"\n999998 0 obj\n<< /Type /Catalog /Pages 999999 0 R >>\nendobj\n\
999999 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n\
trailer\n<< /Root 999998 0 R /Size 1000000 >>\n%%EOF\n";

fn one_line(e: &lopdf::Error) -> String {
    let s = e.to_string();
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests;
