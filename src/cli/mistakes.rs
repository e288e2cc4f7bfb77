//! Help on mistakes: a near-miss command, option or rule id gets "did you mean", and a
//! parse error is one line that keeps clap's own suggestion.

use clap::error::{ContextKind, ContextValue};

/// The candidate closest to `word` when it is a likely typo of it: at most one edit in
/// words of up to four letters, two in longer ones (a swap of two letters counts as one).
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let lower = word.to_lowercase();
    let allowed = if lower.chars().count() <= 4 { 1 } else { 2 };
    candidates
        .into_iter()
        .filter(|&c| c != word)
        .map(|c| (strsim::damerau_levenshtein(&lower, &c.to_lowercase()), c))
        .filter(|&(d, _)| d <= allowed)
        .min_by_key(|&(d, c)| (d, c.len()))
        .map(|(_, c)| c)
}

/// A command-line error on one line: clap's message without its usage and tips, and its
/// suggestion, if it has one, as "did you mean".
pub fn one_line(e: &clap::Error) -> String {
    let full = e.to_string();
    let first = full
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("");
    let first = first.strip_prefix("error: ").unwrap_or(first);
    // "unexpected argument '--ofline' found": the word "found" adds nothing
    let first = first.strip_suffix(" found").unwrap_or(first);
    let suggested: Vec<String> = [
        ContextKind::SuggestedArg,
        ContextKind::SuggestedSubcommand,
        ContextKind::SuggestedValue,
    ]
    .into_iter()
    .filter_map(|k| e.get(k))
    .flat_map(|v| match v {
        ContextValue::String(s) => vec![s.clone()],
        ContextValue::Strings(s) => s.clone(),
        _ => Vec::new(),
    })
    .collect();
    match suggested.first() {
        Some(s) => format!("{first}; did you mean '{s}'?"),
        None => {
            // the possible values, when clap lists them
            let values: Vec<&str> = full
                .lines()
                .map(str::trim)
                .filter(|l| l.starts_with("[possible values:"))
                .collect();
            if values.is_empty() {
                first.to_string()
            } else {
                format!("{first} {}", values.join(" "))
            }
        }
    }
}

/// The message for a first argument that is neither a command nor an existing file but is
/// one slip from a command (`reflint chek F`).
pub fn not_a_command(first: &str, commands: &[&str]) -> Option<String> {
    if first.starts_with('-') || std::path::Path::new(first).exists() {
        return None;
    }
    let command = closest(
        first,
        commands.iter().copied().filter(|c| !c.starts_with('-')),
    )?;
    Some(format!(
        "`{first}` is neither a file nor a command; did you mean `reflint {command}`?"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn near_misses_find_their_word() {
        let commands = [
            "check", "baseline", "extract", "rules", "explain", "inspect",
        ];
        assert_eq!(closest("chek", commands), Some("check"));
        assert_eq!(closest("expalin", commands), Some("explain"));
        assert_eq!(closest("Check", commands), Some("check"));
        assert_eq!(closest("report.md", commands), None);
        assert_eq!(closest("check", commands), None);
        let rules = ["date-url-mismatch", "date-page-mismatch", "link-dead"];
        assert_eq!(
            closest("date-url-mismach", rules),
            Some("date-url-mismatch")
        );
        assert_eq!(closest("link-deaf", rules), Some("link-dead"));
        assert_eq!(closest("link-gone", rules), None);
    }

    #[test]
    fn a_file_that_exists_is_never_taken_for_a_command() {
        let dir = tempfile::tempdir().expect("tempdir");
        let file = dir.path().join("chek");
        std::fs::write(&file, "x").expect("write");
        let commands = ["check", "explain"];
        assert!(not_a_command(&file.to_string_lossy(), &commands).is_none());
        let msg = not_a_command("chek", &commands).unwrap_or_default();
        assert!(msg.contains("did you mean `reflint check`"), "{msg}");
        assert!(not_a_command("--chek", &commands).is_none());
        assert!(not_a_command("notes.txt", &commands).is_none());
    }
}
