//! LaTeX documents with the BibTeX files they name, and BibTeX files on their own.

use crate::extract::InputError;
use crate::model::Document;

/// Reads a LaTeX document's footnotes and citations (the `.bib` files it names are found
/// beside `name`).
pub fn extract_latex(name: &str, _text: &str) -> Result<Document, InputError> {
    Err(InputError::new(name, "LaTeX documents are not read yet"))
}

/// Reads a BibTeX file as a list of references.
pub fn extract_bib(name: &str, _text: &str) -> Result<Document, InputError> {
    Err(InputError::new(name, "BibTeX files are not read yet"))
}
