//! Digital Object Identifiers in citations: `doi:10.1000/xyz`, `DOI 10.1000/xyz`,
//! `https://doi.org/10.1000/xyz`. The DOI Handbook's syntax: `10.` a registrant code of
//! digits and dots, `/`, then any printable suffix.

use std::sync::LazyLock;

use regex::Regex;

static DOI: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)\b(10\.\d{4,9}(?:\.\d+)*/[^\s"<>]+)"#).expect("constant regex")
});

/// The DOI [`super::parse_note`] gives a note, without reading the rest of it: its structured
/// record's (CSL JSON, BibTeX), else the first written in its text. A run knows its DOIs this
/// way before the citations are read, to look them up alongside the links.
pub fn note_doi(note: &crate::model::NoteDef) -> Option<String> {
    note.cited
        .as_deref()
        .and_then(|c| c.doi.as_deref())
        .and_then(normalize_doi)
        .or_else(|| find_doi(&note.text))
}

/// The first DOI written in `text`, normalised ([`normalize_doi`]).
pub fn find_doi(text: &str) -> Option<String> {
    if !text.contains("10.") {
        return None;
    }
    DOI.captures_iter(text)
        .filter_map(|c| c.get(1))
        .find_map(|m| normalize_doi(m.as_str()))
}

/// A DOI without its resolver prefix (`https://doi.org/`, `doi:`) and without the
/// punctuation that ends the sentence around it; `None` when what is left is no DOI.
pub fn normalize_doi(raw: &str) -> Option<String> {
    let mut s = raw.trim();
    for prefix in [
        "https://doi.org/",
        "http://doi.org/",
        "https://dx.doi.org/",
        "http://dx.doi.org/",
        "doi.org/",
        "doi:",
        "DOI:",
    ] {
        if s.get(..prefix.len())
            .is_some_and(|p| p.eq_ignore_ascii_case(prefix))
        {
            s = s.get(prefix.len()..).unwrap_or("").trim_start();
            break;
        }
    }
    // a sentence's end, or a bracket the DOI does not open
    loop {
        let trimmed = s.trim_end_matches(['.', ',', ';', ':', '\'', '"', '”', '’', '»']);
        let unopened = |open: char, close: char| {
            trimmed.ends_with(close)
                && trimmed.matches(open).count() < trimmed.matches(close).count()
        };
        let trimmed = if unopened('(', ')') || unopened('[', ']') {
            trimmed.get(..trimmed.len() - 1).unwrap_or("")
        } else {
            trimmed
        };
        if trimmed.len() == s.len() {
            break;
        }
        s = trimmed;
    }
    let (prefix, suffix) = s.split_once('/')?;
    let registrant = prefix.strip_prefix("10.")?;
    let valid_prefix = !registrant.is_empty()
        && registrant
            .split('.')
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
    (valid_prefix && !suffix.is_empty() && !suffix.chars().any(char::is_whitespace))
        .then(|| s.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dois_are_found_in_every_written_form() {
        assert_eq!(
            find_doi("Nature 521 (2015): 436–44, doi:10.1038/nature14539.").as_deref(),
            Some("10.1038/nature14539")
        );
        assert_eq!(
            find_doi("https://doi.org/10.1145/3290605.3300233 (accessed May 2, 2020)").as_deref(),
            Some("10.1145/3290605.3300233")
        );
        assert_eq!(
            find_doi("(DOI 10.1016/S0140-6736(20)30183-5).").as_deref(),
            Some("10.1016/S0140-6736(20)30183-5")
        );
        assert_eq!(find_doi("version 10.2 of the spec, pages 10.5"), None);
        assert_eq!(find_doi("no identifier here"), None);
    }

    #[test]
    fn a_note_s_doi_is_the_one_its_citation_gets() {
        use crate::model::{CitedFields, NoteDef, Pos};
        let note = |text: &str, doi: Option<&str>| NoteDef {
            label: "1".into(),
            pos: Pos::new(1, 1),
            text: text.into(),
            urls: Vec::new(),
            cited: doi.map(|d| {
                Box::new(CitedFields {
                    doi: Some(d.into()),
                    ..CitedFields::default()
                })
            }),
        };
        for n in [
            note("“T,” Nature 521 (2015), doi:10.1038/nature14539.", None),
            note("Ibid., doi:10.1000/a.", None),
            note(
                "“T,” 2015, doi:10.1/text.",
                Some("https://doi.org/10.1/record"),
            ),
            note("“T,” 2015, doi:10.1/text.", Some("not a doi")),
            note("No identifier.", None),
        ] {
            assert_eq!(note_doi(&n), super::super::parse_note(&n).doi, "{}", n.text);
        }
    }

    #[test]
    fn resolver_prefixes_are_set_aside() {
        assert_eq!(
            normalize_doi("https://dx.doi.org/10.1000/xyz123").as_deref(),
            Some("10.1000/xyz123")
        );
        assert_eq!(
            normalize_doi("doi: 10.1000/a.b").as_deref(),
            Some("10.1000/a.b")
        );
        assert_eq!(normalize_doi("10.x/abc"), None);
        assert_eq!(normalize_doi("10.1000/"), None);
    }
}
