//! The JSON report: a stable, documented contract (see the README).

use super::Report;

/// The report as pretty-printed JSON, with a final newline.
pub fn render(report: &Report) -> String {
    try_render(report).unwrap_or_else(|e| {
        // The model holds only strings, numbers and enums: serialisation cannot fail.
        format!("{{\"error\": \"{e}\"}}\n")
    })
}

/// The report as [`render`] writes it, or the serialisation error: files (`--output`,
/// a sealed record) are written from this, so that a failure is an error and never a
/// document that reads as a report.
pub fn try_render(report: &Report) -> Result<String, serde_json::Error> {
    let mut text = serde_json::to_string_pretty(report)?;
    text.push('\n');
    Ok(text)
}
