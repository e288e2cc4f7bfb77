//! The container after a title, in the shapes OSCOLA and its relatives write it: a journal
//! after the year (`‘Title’ (2022) 8 Journal Name (ABBR) 493`, `‘Title’ [2025] Journal
//! Name japp.70037`, `‘Title.’ 2 Journal Name 139`), and a book, proceedings or conference
//! closed by a publication parenthesis (`‘Chapter’ in Editor (ed), Book (Publisher, 2022)`,
//! `‘Paper’, The 2024 ACM Conference on Fairness, Accountability, and Transparency (2024)`).

use std::sync::LazyLock;

use regex::Regex;

use super::dates::find_dates;
use super::fields::{comma_fields, publication_paren, publisher_in, After};

/// OSCOLA journal: "[volume] Journal Name [first page or article number]".
static JOURNAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:(\d{1,4})\s+)?(\S.*?)(?:\s+([A-Za-z]{0,5}\.?\d[\w.\-–]*))?$")
        .expect("constant regex")
});

/// Words that end the container: the access note of OSCOLA, Harvard's "available at".
const STOPS: &[&str] = &[
    " accessed",
    " Accessed",
    " available at",
    " Available at",
    " retrieved",
];

/// Whether `s` can be a container's name: a capital (or "arXiv"-like) start, some letters,
/// not too long, not an access note.
fn name_like(s: &str) -> bool {
    let first = s.chars().next();
    let capital = first.is_some_and(|c| c.is_uppercase())
        || (first.is_some_and(char::is_lowercase) && s.chars().any(char::is_uppercase));
    let lower = s.to_lowercase();
    capital
        && s.len() <= 120
        && s.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && !lower.starts_with("accessed")
        && !lower.starts_with("available")
        && !lower.starts_with("http")
}

/// Cuts `s` at a blanked URL, an access note or a ';'.
fn cut_tail(s: &str) -> &str {
    let mut end = s.find("   ").unwrap_or(s.len());
    for stop in STOPS {
        if let Some(i) = s.find(stop) {
            end = end.min(i);
        }
    }
    if let Some(i) = s.find(';') {
        end = end.min(i);
    }
    s.get(..end).unwrap_or("")
}

/// OSCOLA: the journal written after the year of a citation ("(2022) 8 European Data
/// Protection Law Review (EDPL) 493", "[2025] Journal of Applied Philosophy japp.70037",
/// "(2024) 12 Archives of Neuroscience <URL> accessed …"): its name without the volume
/// before it and the first page (or article number) after it.
pub(super) fn journal_after_year(after: &str) -> Option<After> {
    let s = cut_tail(after);
    // a pinpoint after the first page: "1856, 1860"
    let s = match s.find(", ") {
        Some(i)
            if s.get(i + 2..)
                .is_some_and(|t| t.starts_with(|c: char| c.is_ascii_digit())) =>
        {
            s.get(..i).unwrap_or("")
        }
        _ => s,
    };
    let s = s
        .trim()
        .trim_end_matches(|c: char| c == '.' || c == ',' || c.is_whitespace());
    let c = JOURNAL.captures(s)?;
    let name = c.get(2)?.as_str().trim();
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    if !name_like(&name) || name.split_whitespace().count() > 20 {
        return None;
    }
    // OSCOLA parliamentary and command papers ("HC 1286", "Cm 9999", "SI 2019/12"): a
    // short series abbreviation and its number, no volume, are no journal
    let short = !name.contains(' ') && name.chars().count() <= 3;
    if short && c.get(1).is_none() && c.get(3).is_some() {
        return None;
    }
    Some(After {
        outlet: Some(name),
        volume: c.get(1).map(|m| m.as_str().to_string()),
        pages: c.get(3).map(|m| m.as_str().to_string()),
    })
}

/// A container closed by a publication parenthesis that ends the citation: "‘Chapter’ in
/// Editor (ed), Book (Publisher, 2022)", "‘Paper’, CUI ’24 (Association for Computing
/// Machinery, 2024)" (OSCOLA chapters and proceedings: the publisher is the outlet), or
/// "‘Paper’, The 2024 ACM Conference on Fairness, Accountability, and Transparency (2024)"
/// (no publisher: the conference or book named before the year is).
pub(super) fn closed_by_paren(r: &str) -> Option<String> {
    let (open, _, content) = publication_paren(r)?;
    let head = r.get(..open)?.trim();
    let head = head.trim_matches(|c: char| c == ',' || c.is_whitespace());
    if head.is_empty() || head.contains("   ") || head.split_whitespace().count() > 30 {
        return None;
    }
    // a date with a month before the parenthesis: "Outlet, 5 May 2020 (updated 2021)"
    if find_dates(head).iter().any(|d| d.date.month.is_some()) {
        return None;
    }
    if let Some(p) = publisher_in(content) {
        return Some(p);
    }
    let head = head.strip_prefix("in ").unwrap_or(head);
    let fields = comma_fields(head);
    // "Journal 12, no. 3 (2020)": a volume or issue, not one name written with commas
    let later_ok = fields.iter().skip(1).all(|&(s, e)| {
        let f = head.get(s..e).unwrap_or("").trim();
        f.starts_with(|c: char| c.is_uppercase())
            && !f.contains(|c: char| c.is_ascii_digit())
            && !["Vol", "No", "Issue", "Pp", "P."]
                .iter()
                .any(|w| f.starts_with(w))
            || f.starts_with("and ")
    });
    let last_number = head
        .split_whitespace()
        .next_back()
        .is_some_and(|w| w.chars().all(|c| c.is_ascii_digit()));
    if !later_ok || last_number || head.contains('(') || !name_like(head) {
        return None;
    }
    Some(head.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// A lowercase brand written where the outlet goes ("bnamericas", "pv magazine",
/// "allaboutai"): one to three lowercase words, none a function word or an access note.
pub(super) fn lowercase_brand(s: &str) -> bool {
    const NOT: &[&str] = &[
        "in",
        "see",
        "at",
        "accessed",
        "available",
        "retrieved",
        "viewed",
        "and",
        "by",
        "ed",
        "eds",
        "trans",
        "translated",
        "page",
        "p",
        "pp",
        "vol",
        "no",
        "online",
        "the",
        "of",
        "on",
        "from",
        "updated",
        "published",
        "cited",
        "quoted",
        "para",
        "art",
        "s",
        "ch",
        // genres written lowercase where an outlet would go ("“…,” press release, May 2")
        "press",
        "release",
        "legislation",
        "statement",
        "report",
        "speech",
        "letter",
        "website",
        "briefing",
        "interview",
        "transcript",
        "video",
        "podcast",
        "tweet",
        "memo",
        "testimony",
        "hearing",
        "bill",
        "law",
        "act",
        "paper",
        "preprint",
        "draft",
        "blog",
        "post",
        "email",
        "comment",
        "remarks",
        "data",
        "dataset",
        "database",
    ];
    let words: Vec<&str> = s.split_whitespace().collect();
    !words.is_empty()
        && words.len() <= 3
        && words.iter().all(|w| {
            w.chars().all(|c| c.is_ascii_lowercase())
                && w.len() >= 2
                && !NOT.contains(&w.trim_end_matches('.'))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn journal_after_the_year() {
        let j = journal_after_year(" 8 European Data Protection Law Review (EDPL) 493.");
        assert_eq!(
            j.as_ref().and_then(|j| j.outlet.as_deref()),
            Some("European Data Protection Law Review (EDPL)")
        );
        assert_eq!(j.as_ref().and_then(|j| j.volume.as_deref()), Some("8"));
        assert_eq!(j.as_ref().and_then(|j| j.pages.as_deref()), Some("493"));
        let j = journal_after_year(" 12 Archives of Neuroscience      accessed 6 May 2025.");
        assert_eq!(
            j.and_then(|j| j.outlet).as_deref(),
            Some("Archives of Neuroscience")
        );
        let j = journal_after_year(" Journal of Applied Philosophy japp.70037.");
        assert_eq!(
            j.as_ref().and_then(|j| j.outlet.as_deref()),
            Some("Journal of Applied Philosophy")
        );
        assert_eq!(
            j.as_ref().and_then(|j| j.pages.as_deref()),
            Some("japp.70037")
        );
        let j = journal_after_year(" 49 The British Journal of Social Work 1856, 1860.");
        assert_eq!(j.as_ref().and_then(|j| j.pages.as_deref()), Some("1856"));
        assert!(journal_after_year("      accessed 6 May 2025").is_none());
        assert!(journal_after_year(" para 3.").is_none());
        // a House of Commons paper
        assert!(journal_after_year(" HC 1286      accessed 10 November 2025.").is_none());
    }

    #[test]
    fn container_closed_by_a_publication_parenthesis() {
        assert_eq!(
            closed_by_paren("in Ashley Weinberg (ed), Psychology of Democracy: Of the People (Cambridge University Press, 2022)      accessed 13 June 2025.").as_deref(),
            Some("Cambridge University Press")
        );
        assert_eq!(
            closed_by_paren("The 2024 ACM Conference on Fairness, Accountability, and Transparency (2024)      accessed 24 April 2025.").as_deref(),
            Some("The 2024 ACM Conference on Fairness, Accountability, and Transparency")
        );
        // a volume and issue are no part of the name
        assert_eq!(closed_by_paren("Foreign Affairs 12, no. 3 (2020)."), None);
        assert_eq!(closed_by_paren("Foreign Affairs 12 (2020)."), None);
        // more of the citation after the parenthesis: not the container's end
        assert_eq!(closed_by_paren("Outlet (2020): 45."), None);
    }

    #[test]
    fn lowercase_brands() {
        assert!(lowercase_brand("bnamericas"));
        assert!(lowercase_brand("pv magazine"));
        assert!(!lowercase_brand("accessed"));
        assert!(!lowercase_brand("in the"));
        assert!(!lowercase_brand("Reuters"));
        assert!(!lowercase_brand("press release"));
        assert!(!lowercase_brand("legislation"));
    }
}
