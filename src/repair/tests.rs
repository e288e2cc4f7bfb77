use super::*;
use crate::extract::read_bytes;
use crate::model::Document;

fn snap(url: &str) -> Snapshot {
    Snapshot {
        url: format!("https://web.archive.org/web/20180428101010/{url}"),
        timestamp: "2018-04-28T10:10:10Z".into(),
        source: Some("wayback".into()),
    }
}

fn read(name: &str, text: &str, format: Format) -> Document {
    read_bytes(name, text.as_bytes(), Some(format)).unwrap_or_else(|e| panic!("{e}"))
}

/// Every note URL of `text` followed by its copy.
fn repair_all(name: &str, text: &str, format: Format) -> (Repaired, Document) {
    let doc = read(name, text, format);
    let snaps: Vec<(String, Pos, Snapshot)> = doc
        .notes
        .iter()
        .flat_map(|n| n.urls.iter())
        .map(|u| (u.url.clone(), u.pos, snap(&u.url)))
        .collect();
    let links: Vec<ArchiveLink<'_>> = snaps
        .iter()
        .map(|(url, pos, s)| ArchiveLink {
            url,
            pos: *pos,
            snapshot: s,
        })
        .collect();
    let r = add_archive_links(text, format, &links).unwrap_or_else(|e| panic!("{e}"));
    (r, doc)
}

/// What the second text has that the first lacks, when only insertions tell them apart.
fn insertions(before: &str, after: &str) -> Vec<String> {
    let diff = similar::TextDiff::from_chars(before, after);
    let mut added = Vec::new();
    for op in diff.ops() {
        for change in diff.iter_changes(op) {
            match change.tag() {
                similar::ChangeTag::Delete => panic!("deleted {:?}", change.value()),
                similar::ChangeTag::Insert => added.push(change.value().to_string()),
                similar::ChangeTag::Equal => {}
            }
        }
    }
    added
}

fn same_notes(a: &Document, b: &Document) {
    assert_eq!(a.notes.len(), b.notes.len());
    for (x, y) in a.notes.iter().zip(&b.notes) {
        assert_eq!(x.label, y.label);
        for u in &x.urls {
            assert!(
                y.urls.iter().any(|v| v.url == u.url),
                "note {}: {} lost in {:?}",
                x.label,
                u.url,
                y.urls
            );
        }
    }
    assert_eq!(a.markers.len(), b.markers.len());
}

const TEXT: &str = "The talks stalled.1 Then they resumed.2\n\nNotes\n1 “Talks Stall,” Xinhua, May 2, 2019, http://news.test/2019/05/02/a.htm.\n2 “Talks Resume,” Xinhua, June 3, 2019, http://news.test/2019/06/03/b.htm, accessed June 4, 2019.\n";

#[test]
fn plain_text_gets_archived_at_after_each_url() {
    let (r, before) = repair_all("a.txt", TEXT, Format::Text);
    assert_eq!((r.added, r.already), (2, 0), "{:?}", r.unplaced);
    assert!(r.text.contains(
        "http://news.test/2019/05/02/a.htm [archived at https://web.archive.org/web/20180428101010/http://news.test/2019/05/02/a.htm on 2018-04-28]."
    ));
    let added = insertions(TEXT, &r.text);
    assert!(added.concat().matches("[archived at ").count() == 2);
    let after = read("a.txt", &r.text, Format::Text);
    same_notes(&before, &after);
    let (again, _) = repair_all("a.txt", &r.text, Format::Text);
    assert_eq!(again.text, r.text);
    assert_eq!(again.added, 0);
}

const MARKDOWN: &str = "Talks stalled.[^1] Then resumed.[^2] A third.[^3]\n\n[^1]: \"Talks Stall,\" *Xinhua*, May 2, 2019, [link](http://news.test/a \"title\").\n[^2]: \"Talks Resume,\" *Xinhua*, June 3, 2019, <http://news.test/b>.\n[^3]: \"Third,\" *Xinhua*, June 4, 2019, http://news.test/c.\n";

#[test]
fn markdown_gets_an_archived_link_after_each_link() {
    let (r, before) = repair_all("a.md", MARKDOWN, Format::Markdown);
    assert_eq!(r.added, 3, "{:?}", r.unplaced);
    assert!(r.text.contains("[link](http://news.test/a \"title\") ([archived](https://web.archive.org/web/20180428101010/http://news.test/a))."), "{}", r.text);
    assert!(
        r.text.contains("<http://news.test/b> ([archived]("),
        "{}",
        r.text
    );
    assert!(
        r.text.contains("http://news.test/c ([archived]("),
        "{}",
        r.text
    );
    insertions(MARKDOWN, &r.text);
    same_notes(&before, &read("a.md", &r.text, Format::Markdown));
    let (again, _) = repair_all("a.md", &r.text, Format::Markdown);
    assert_eq!(again.text, r.text);
}

const HTML: &str = "<html><body><p>Talks stalled.<sup><a href=\"#fn1\" id=\"r1\">1</a></sup></p>\n<ol class=\"footnotes\"><li id=\"fn1\">“Talks Stall,” <i>Xinhua</i>, May 2, 2019, <a href=\"http://news.test/a?x=1&amp;y=2\">news.test</a>. <a href=\"#r1\">↩</a></li></ol></body></html>\n";

#[test]
fn html_gets_robust_links_attributes() {
    let (r, before) = repair_all("a.html", HTML, Format::Html);
    assert_eq!(r.added, 1, "{:?} {:?}", r.unplaced, before.notes);
    assert!(r.text.contains("<a href=\"http://news.test/a?x=1&amp;y=2\" data-originalurl=\"http://news.test/a?x=1&amp;y=2\" data-versionurl=\"https://web.archive.org/web/20180428101010/http://news.test/a?x=1&amp;y=2\" data-versiondate=\"2018-04-28\">"), "{}", r.text);
    insertions(HTML, &r.text);
    same_notes(&before, &read("a.html", &r.text, Format::Html));
    let (again, _) = repair_all("a.html", &r.text, Format::Html);
    assert_eq!(again.text, r.text);
    assert_eq!(again.already, 1);
}

#[test]
fn positions_out_of_the_text_are_left_alone() {
    let s = snap("http://x.test/");
    let links = [ArchiveLink {
        url: "http://x.test/",
        pos: Pos::new(40, 1),
        snapshot: &s,
    }];
    let r = add_archive_links("short\n", Format::Text, &links).unwrap_or_default();
    assert_eq!(r.text, "short\n");
    assert_eq!(r.unplaced, vec!["http://x.test/".to_string()]);
    assert!(add_archive_links("", Format::Docx, &links).is_err());
}

#[test]
fn the_sample_documents_keep_their_notes() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("references");
    for (name, format) in [
        ("peninsula-prospects.txt", Format::Text),
        ("markdown-defects.md", Format::Markdown),
        ("html-defects.html", Format::Html),
    ] {
        let text = std::fs::read_to_string(root.join(name)).unwrap_or_default();
        let (r, before) = repair_all(name, &text, format);
        assert!(r.added > 0, "{name}");
        insertions(&text, &r.text);
        same_notes(&before, &read(name, &r.text, format));
        let (again, _) = repair_all(name, &r.text, format);
        assert_eq!(again.text, r.text, "{name}: a second run changes nothing");
    }
}

mod props {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Any text and any positions: no panic, and in plain text what was added is only
        /// the copies (taking them out gives the input back).
        #[test]
        fn insertions_only(
            parts in proptest::collection::vec(
                prop_oneof!["http://x\\.test/", "[a-z .\n<>()\\[\\]:/\"=]{0,20}"],
                0..20,
            ),
            spots in proptest::collection::vec((1usize..12, 1usize..40), 0..6),
        ) {
            let text = parts.concat();
            let s = snap("http://x.test/");
            let links: Vec<ArchiveLink<'_>> = spots
                .iter()
                .map(|&(line, column)| ArchiveLink {
                    url: "http://x.test/",
                    pos: Pos::new(line, column),
                    snapshot: &s,
                })
                .collect();
            for format in [Format::Text, Format::Markdown, Format::Html] {
                let r = add_archive_links(&text, format, &links).unwrap_or_default();
                prop_assert!(r.added + r.already + r.unplaced.len() <= links.len());
                if format == Format::Text {
                    let copy = format!(" [archived at {} on 2018-04-28]", s.url);
                    prop_assert_eq!(r.text.replace(&copy, ""), text.clone());
                }
            }
        }
    }
}
