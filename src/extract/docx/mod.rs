//! Word documents (`.docx`): footnotes and endnotes with the markers that point to them.

use crate::extract::InputError;
use crate::model::Document;

/// Reads a Word document's notes from its bytes (a zip of XML parts).
pub fn extract_docx(name: &str, _bytes: &[u8]) -> Result<Document, InputError> {
    Err(InputError::new(name, "Word documents are not read yet"))
}
