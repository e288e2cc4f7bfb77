//! PDF documents: text with pages and lines kept, read by the same note reader as plain text.

use crate::extract::InputError;
use crate::model::Document;

/// Reads a PDF's notes from its bytes.
pub fn extract_pdf(name: &str, _bytes: &[u8]) -> Result<Document, InputError> {
    Err(InputError::new(name, "PDF documents are not read yet"))
}
