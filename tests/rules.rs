//! Each offline rule on a small document of its own: it fires on the defect and stays quiet on
//! the corrected text.

use chrono::NaiveDate;
use reflint::check::{check_document, Options};
use reflint::extract::{markdown::extract_markdown, text::extract_str};
use reflint::model::Document;

fn opts() -> Options {
    Options {
        document_date: None,
        today: NaiveDate::from_ymd_opt(2026, 11, 22).unwrap_or_default(),
        input_format: None,
    }
}

/// (rule, reference) of every finding.
fn fired(doc: &Document) -> Vec<(String, Option<String>)> {
    check_document(doc, &opts())
        .findings
        .into_iter()
        .map(|f| (f.rule.to_string(), f.reference))
        .collect()
}

fn has(doc: &Document, rule: &str, reference: &str) -> bool {
    fired(doc)
        .iter()
        .any(|(r, l)| r == rule && l.as_deref() == Some(reference))
}

fn md(src: &str) -> Document {
    extract_markdown("t.md", src)
}

#[test]
fn note_sequence_out_of_order_markers_and_gaps() {
    let bad = md("One.[^1] Three.[^3] Two.[^2]\n\n[^1]: “A,” *X*, 2019.\n[^2]: “B,” *X*, 2019.\n[^3]: “C,” *X*, 2019.\n");
    assert!(has(&bad, "note-sequence", "2"), "{:?}", fired(&bad));
    let good = md("One.[^1] Two.[^2] Three.[^3]\n\n[^1]: “A,” *X*, 2019.\n[^2]: “B,” *X*, 2019.\n[^3]: “C,” *X*, 2019.\n");
    assert!(fired(&good).is_empty(), "{:?}", fired(&good));
    // a gap with no marker pointing into it
    let gap = extract_str(
        "t.txt",
        "One.¹ Two.²\n\n1 “A,” *X*, 2019.\n\n2 “B,” *X*, 2019.\n\n4 “D,” *X*, 2019.\n",
    );
    assert!(has(&gap, "note-sequence", "4"), "{:?}", fired(&gap));
}

#[test]
fn citation_conflict_same_url_different_dates() {
    let bad = md("One.[^1] Two.[^2]\n\n[^1]: “A Long Title Here,” *X*, June 23, 2019, <https://x.example/a>.\n[^2]: “A Long Title Here,” *X*, June 28, 2019, <https://x.example/a>.\n");
    assert!(has(&bad, "citation-conflict", "2"), "{:?}", fired(&bad));
    let good = md("One.[^1] Two.[^2]\n\n[^1]: “A Long Title Here,” *X*, June 23, 2019, <https://x.example/a>.\n[^2]: “A Long Title Here,” *X*, June 23, 2019, <https://x.example/a>.\n");
    assert!(!fired(&good).iter().any(|(r, _)| r == "citation-conflict"));
}

#[test]
fn date_invalid_and_future() {
    let doc =
        md("One.[^1] Two.[^2]\n\n[^1]: “A,” *X*, April 31, 2019.\n[^2]: “B,” *X*, May 3, 2031.\n");
    assert!(has(&doc, "date-invalid", "1"));
    assert!(has(&doc, "date-future", "2"));
    // the document's own date (front matter) bounds cited dates too
    let dated = md("---\ndate: 2018-01-01\n---\nOne.[^1]\n\n[^1]: “A,” *X*, May 3, 2019.\n");
    assert!(has(&dated, "date-future", "1"), "{:?}", fired(&dated));
}

#[test]
fn date_url_mismatch_severities() {
    let one_day = md("One.[^1]\n\n[^1]: “A,” *X*, October 18, 2016, <https://x.example/news/2016/10/17/story>.\n");
    let f = check_document(&one_day, &opts()).findings;
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].severity, reflint::rules::Severity::Info);
    // a cited month agrees with a day in that month
    let month = md(
        "One.[^1]\n\n[^1]: “A,” *X*, October 2016, <https://x.example/news/2016/10/17/story>.\n",
    );
    assert!(fired(&month).is_empty());
    // an id that is not a date
    let id = md("One.[^1]\n\n[^1]: “A,” *X*, January 2, 2010, <http://www.xinhuanet.com/c_1125416394.htm>.\n");
    assert!(fired(&id).is_empty());
}

#[test]
fn date_after_claim_needs_a_later_year_in_the_sentence() {
    let bad = md(
        "At the end of 2019, the party changed course.[^1]\n\n[^1]: “A,” *X*, January 2, 2010.\n",
    );
    assert!(has(&bad, "date-after-claim", "1"));
    let ok = md("In 2009, the party changed course.[^1]\n\n[^1]: “A,” *X*, January 2, 2010.\n");
    assert!(fired(&ok).is_empty());
    let forecast =
        md("The party will double output by 2030.[^1]\n\n[^1]: “A,” *X*, January 2, 2010.\n");
    assert!(fired(&forecast).is_empty());
}

#[test]
fn citation_incomplete_by_kind() {
    let doc = md("A.[^1] B.[^2] C.[^3] D.[^4] E.[^5]\n\n[^1]: Jane Roe, “A News Story,” *The Daily*.\n[^2]: “Web Page,” Site, accessed May 1, 2020, <https://x.example/p>.\n[^3]: Ibid.\n[^4]: The author's interview with an official, May 14, 2019.\n[^5]: Roe, “A Journal Paper,” *Journal of Things*, Vol. 3, pp. 1-9.\n");
    let f = fired(&doc);
    assert!(has(&doc, "citation-incomplete", "1"), "{f:?}");
    assert!(has(&doc, "citation-incomplete", "5"), "{f:?}");
    for quiet in ["2", "3", "4"] {
        assert!(!has(&doc, "citation-incomplete", quiet), "{quiet}: {f:?}");
    }
}

#[test]
fn url_malformed_space_in_link() {
    let doc = md("A.[^1]\n\n[^1]: “A,” *X*, 2019, [link](<https://x.example/a b>).\n");
    assert!(has(&doc, "url-malformed", "1"), "{:?}", fired(&doc));
    let ok = md("A.[^1]\n\n[^1]: “A,” *X*, 2019, [link](https://x.example/a%20b).\n");
    assert!(!has(&ok, "url-malformed", "1"));
}

#[test]
fn note_unreferenced_only_when_the_body_has_markers() {
    // a source list whose markers were lost: nothing to pair, no warning per note
    let lost = md("Body without markers.\n\n[^1]: “A,” *X*, 2019.\n[^2]: “B,” *X*, 2019.\n");
    assert!(
        !fired(&lost).iter().any(|(r, _)| r == "note-unreferenced"),
        "{:?}",
        fired(&lost)
    );
    let one = md("Body.[^1]\n\n[^1]: “A,” *X*, 2019.\n[^2]: “B,” *X*, 2019.\n");
    assert!(has(&one, "note-unreferenced", "2"), "{:?}", fired(&one));
}

#[test]
fn notes_unreadable_once_instead_of_note_missing_per_marker() {
    // markers, and a References section whose links no reading makes notes of: read as a user
    // would have it read (`extract::read_bytes` records what was seen)
    let src = "A claim.[1] Another.[2] A third.[3]\n\nReferences\n\nsee https://a.example/x and https://b.example/y passim\n";
    let doc = reflint::extract::read_bytes("t.txt", src.as_bytes(), None).expect("readable");
    assert!(doc.notes.is_empty() && doc.markers.len() == 3, "{doc:?}");
    let f = fired(&doc);
    assert_eq!(
        f.iter().filter(|(r, _)| r == "notes-unreadable").count(),
        1,
        "{f:?}"
    );
    assert!(!f.iter().any(|(r, _)| r == "note-missing"), "{f:?}");
}
