//! One set of notes (links, dates, `Ibid.`) rendered in every note grammar, layout and marker
//! style the evidence reader knows; every rendering must read back to the same notes, markers,
//! URLs and dates. The renderings are generated, not fixtures, so that no layout is tuned to.

use reflint::cite::read_document;
use reflint::extract::text::extract_str;

struct Note {
    text: &'static str,
    url: Option<&'static str>,
    date: Option<&'static str>,
}

const NOTES: &[Note] = &[
    Note {
        text: "Wang Lei, “Signals from the Plenum,” Xinhua, January 2, 2020, https://example.org/2020-01/02/c_1125.htm.",
        url: Some("https://example.org/2020-01/02/c_1125.htm"),
        date: Some("2020-01-02"),
    },
    Note {
        text: "Ibid.",
        url: None,
        date: None,
    },
    Note {
        text: "Jane Jones, “A Second Study of Ports,” Maritime Review, May 3, 2018, https://example.com/ports/second-study?id=7.",
        url: Some("https://example.com/ports/second-study?id=7"),
        date: Some("2018-05-03"),
    },
    Note {
        text: "Kim Lee, Third Report on Grids (Energy Institute, September 9, 2019), https://example.net/reports/grids.pdf.",
        url: Some("https://example.net/reports/grids.pdf"),
        date: Some("2019-09-09"),
    },
    Note {
        text: "Ibid., 12.",
        url: None,
        date: None,
    },
    Note {
        text: "Park Min, “The Sixth Source,” Daily Herald, March 14, 2021, https://example.org/news/sixth-source.",
        url: Some("https://example.org/news/sixth-source"),
        date: Some("2021-03-14"),
    },
];

const SENTENCES: &[&str] = &[
    "The plenum marked a turning point for the leadership",
    "The same meeting also set new goals",
    "Ports grew quickly across the region",
    "Grid capacity became the binding constraint",
    "Planners said so plainly",
    "Observers took note of the change",
];

fn sup(n: usize) -> String {
    n.to_string()
        .chars()
        .map(|c| match c {
            '0' => '⁰',
            '1' => '¹',
            '2' => '²',
            '3' => '³',
            '4' => '⁴',
            '5' => '⁵',
            '6' => '⁶',
            '7' => '⁷',
            '8' => '⁸',
            _ => '⁹',
        })
        .collect()
}

/// How a note's label is written.
const GRAMMARS: &[&str] = &[
    "n.", "n", "[n]", "[n] .", "\\[n\\]", "(n)", "n)", "^n", "n |", "n|", "sup",
];

fn label(grammar: &str, n: usize) -> String {
    if grammar == "sup" {
        return sup(n);
    }
    grammar.replace('n', &n.to_string())
}

/// How the body points to a note.
#[derive(Clone, Copy, Debug)]
enum Marks {
    Bracket,
    Sup,
    /// a superscript flattened to a digit glued to the sentence's stop: `leadership.1 The`
    Glued,
}

fn marker(m: Marks, n: usize) -> String {
    match m {
        Marks::Bracket => format!(" [{n}]."),
        Marks::Sup => format!(".{}", sup(n)),
        Marks::Glued => format!(".{n}"),
    }
}

/// Layouts: notes one per line under a heading, run together on one line after a glued
/// heading, or the whole document flattened to one line.
#[derive(Clone, Copy, Debug)]
enum Layout {
    Lines,
    RunTogether,
    Flat,
}

fn render(grammar: &str, marks: Marks, layout: Layout) -> String {
    let body: Vec<String> = SENTENCES
        .iter()
        .enumerate()
        .map(|(i, s)| format!("{s}{}", marker(marks, i + 1)))
        .collect();
    let notes: Vec<String> = NOTES
        .iter()
        .enumerate()
        .map(|(i, n)| format!("{} {}", label(grammar, i + 1), n.text))
        .collect();
    match layout {
        Layout::Lines => format!(
            "A Report\n\n{}\n\nNotes\n\n{}\n",
            body.join(" "),
            notes.join("\n")
        ),
        Layout::RunTogether => format!(
            "A Report\n\n{}\n\nEndnotes {}\n\nAbout the authors: two people.\n",
            body.join(" "),
            notes.join(" ")
        ),
        Layout::Flat => format!("A Report {} Endnotes {}", body.join(" "), notes.join(" ")),
    }
}

#[test]
fn every_grammar_reads_back_to_the_same_notes() {
    let mut failures = Vec::new();
    let mut tried = 0;
    for grammar in GRAMMARS {
        for marks in [Marks::Bracket, Marks::Sup, Marks::Glued] {
            for layout in [Layout::Lines, Layout::RunTogether, Layout::Flat] {
                tried += 1;
                let text = render(grammar, marks, layout);
                let doc = extract_str("gen.txt", &text);
                let refs = read_document(&doc);
                let labels: Vec<&str> = doc.notes.iter().map(|n| n.label.as_str()).collect();
                let want: Vec<String> = (1..=NOTES.len()).map(|n| n.to_string()).collect();
                let mut problems = Vec::new();
                if labels != want {
                    problems.push(format!("notes {labels:?}"));
                }
                let marker_labels: Vec<&str> =
                    doc.markers.iter().map(|m| m.label.as_str()).collect();
                if marker_labels != want {
                    problems.push(format!("markers {marker_labels:?}"));
                }
                for (i, (note, want)) in doc.notes.iter().zip(NOTES).enumerate() {
                    if !note.text.starts_with(want.text.get(..12).unwrap_or("")) {
                        problems.push(format!("note {} text {:?}", i + 1, note.text));
                    }
                    let urls: Vec<&str> = note.urls.iter().map(|u| u.url.as_str()).collect();
                    let want_urls: Vec<&str> = want.url.into_iter().collect();
                    if urls != want_urls {
                        problems.push(format!("note {} urls {urls:?}", i + 1));
                    }
                }
                for (i, (r, want)) in refs.iter().zip(NOTES).enumerate() {
                    let date = r.date.map(|d| d.to_string());
                    if let Some(d) = want.date {
                        if date.as_deref() != Some(d) {
                            problems.push(format!("note {} date {date:?}", i + 1));
                        }
                    }
                    if want.text.starts_with("Ibid") && r.same_as.is_none() {
                        problems.push(format!("note {} Ibid. unresolved", i + 1));
                    }
                }
                if !problems.is_empty() {
                    failures.push(format!(
                        "{grammar} {marks:?} {layout:?}: {}",
                        problems.join("; ")
                    ));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {tried} renderings read wrong:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Symbol notes (`*` `†` `‡`), as a PDF's text gives them: marks glued to the sentence, notes
/// at line starts under the body.
#[test]
fn symbol_notes_read_back() {
    let symbols = ["*", "†", "‡"];
    let body: Vec<String> = SENTENCES
        .iter()
        .zip(symbols)
        .map(|(s, m)| format!("{s}.{m}"))
        .collect();
    let notes: Vec<String> = NOTES
        .iter()
        .filter(|n| !n.text.starts_with("Ibid"))
        .zip(symbols)
        .map(|(n, m)| format!("{m} {}", n.text))
        .collect();
    let text = format!("A Report\n\n{}\n\n{}\n", body.join(" "), notes.join("\n"));
    let doc = extract_str("gen.txt", &text);
    let labels: Vec<&str> = doc.notes.iter().map(|n| n.label.as_str()).collect();
    assert_eq!(labels, symbols, "{text}");
    let marks: Vec<&str> = doc.markers.iter().map(|m| m.label.as_str()).collect();
    assert_eq!(marks, symbols);
    let urls: Vec<usize> = doc.notes.iter().map(|n| n.urls.len()).collect();
    assert_eq!(urls, [1, 1, 1]);
}

#[test]
fn a_notes_section_nobody_can_read_is_not_silent() {
    // links under a Notes heading, in no numbered or back-linked layout
    let text = "A Report\n\nSome claim here.\n\nNotes\n\nsee https://example.org/a and https://example.org/b passim\n";
    let doc = reflint::extract::read_bytes("x.txt", text.as_bytes(), None);
    let doc = doc.ok();
    let unreadable = doc.as_ref().and_then(|d| d.unreadable.as_ref());
    assert!(
        unreadable.is_some_and(|u| u.seen.contains("2 links")),
        "{unreadable:?}"
    );
    assert!(doc.is_some_and(|d| d.notes.is_empty()));
}

/// Notes that lost their numbers, closed by back-links: numbered in order and paired; when the
/// body's markers name fewer notes than there are, the document says so.
#[test]
fn unnumbered_notes_are_numbered_and_a_mismatch_is_said() {
    let notes = "Endnotes Allen, Understanding China’s AI Strategy (CNAS, February 6, 2019), https://www.cnas.org/a . ↩ Allen, Understanding China’s AI Strategy . ↩ Cheung, “DeepSeek Use,” China Brief, October 27, 2025, https://jamestown.org/b . ↩ About the authors.";
    let matched = format!("A claim. 1 Another claim. 2 A third claim. 3 {notes}");
    let doc = extract_str("u.txt", &matched);
    let labels: Vec<&str> = doc.notes.iter().map(|n| n.label.as_str()).collect();
    assert_eq!(labels, ["1", "2", "3"]);
    let marks: Vec<&str> = doc.markers.iter().map(|m| m.label.as_str()).collect();
    assert_eq!(marks, ["1", "2", "3"]);
    assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);
    let short = format!("A claim. 1 Another claim. 2 No third. {notes}");
    let doc = extract_str("u.txt", &short);
    assert_eq!(doc.notes.len(), 3);
    assert!(
        doc.warnings.iter().any(|w| w.contains("numbered in order")),
        "{:?}",
        doc.warnings
    );
}

/// A text cut before its notes keeps their markers: one `notes-unreadable` says so.
#[test]
fn markers_without_their_notes_are_not_silent() {
    let body: String = (1..=15)
        .map(|n| format!("The finding number {n} was reported widely.{n} "))
        .collect();
    let doc = reflint::extract::read_bytes("cut.txt", body.as_bytes(), None);
    let unreadable = doc.ok().and_then(|d| d.unreadable);
    assert!(
        unreadable
            .as_ref()
            .is_some_and(|u| u.seen.starts_with("15 note markers")),
        "{unreadable:?}"
    );
}
