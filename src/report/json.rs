//! The JSON report (`reflint/report/v1`).

use std::io::Write;

use super::Report;

/// Streams the report as pretty-printed JSON followed by a newline.
pub fn write<W: Write>(report: &Report, w: &mut W) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *w, report).map_err(std::io::Error::other)?;
    w.write_all(b"\n")
}
