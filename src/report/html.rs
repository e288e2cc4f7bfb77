//! The HTML report: one self-contained page for editors.

use std::io::Write;

use super::Report;

pub fn write<W: Write>(report: &Report, w: &mut W) -> std::io::Result<()> {
    let _ = report;
    w.write_all(b"not written yet\n")
}
