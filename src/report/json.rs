//! The JSON report (`reflint/report/v1`).

use super::Report;

/// Renders the report as pretty-printed JSON followed by a newline.
pub fn render(report: &Report) -> String {
    match serde_json::to_string_pretty(report) {
        Ok(mut s) => {
            s.push('\n');
            s
        }
        // Serialising plain data cannot fail; keep a valid document if it ever does.
        Err(e) => format!("{{\"schema\":\"{}\",\"error\":{:?}}}\n", super::SCHEMA, e.to_string()),
    }
}
