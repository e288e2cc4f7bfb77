use super::raw::decode_entities;
use super::*;
use crate::model::Pos;

fn fixture(name: &str) -> String {
    let path = format!(
        "{}/tests/fixtures/extract/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_default()
}

fn labels(d: &Document) -> (Vec<&str>, Vec<&str>) {
    (
        d.markers.iter().map(|m| m.label.as_str()).collect(),
        d.notes.iter().map(|n| n.label.as_str()).collect(),
    )
}

#[test]
fn jekyll_sup_anchor_pattern() {
    let src = fixture("jekyll-sup.html");
    assert!(!src.is_empty());
    let d = extract_html("jekyll-sup.html", &src);
    assert_eq!(d.format, Format::Html);
    let (m, n) = labels(&d);
    assert_eq!(m, ["1", "2", "3", "4"]);
    assert_eq!(n, ["1", "2", "3", "4"]);
    // front matter skipped, lines true: first marker on line 10
    let line = src.lines().nth(9).unwrap_or("");
    let col = line
        .find("<a href=\"#fn1\"")
        .map_or(0, |b| line[..b].chars().count() + 1);
    assert_eq!(d.markers[0].pos, Pos::new(10, col));
    assert_eq!(d.markers[0].pos, Pos::new(10, 72));
    assert_eq!(d.markers[0].context, "Accuracy can reach human levels.");
    assert_eq!(d.markers[2].context, "Some include finding missing people,");
    let n1 = &d.notes[0];
    assert_eq!(n1.pos, Pos::new(17, 1));
    assert_eq!(n1.text, "Face Recognition Vendor Test, part 2");
    assert_eq!(n1.urls.len(), 1);
    assert_eq!(n1.urls[0].url, "https://pages.nist.gov/frvt/report.pdf");
    assert_eq!(n1.urls[0].pos, Pos::new(17, 16));
    assert_eq!(
        d.notes[2].text,
        "*Clearview* app, see https://nytimes.com/x.html"
    );
    let u3: Vec<&str> = d.notes[2].urls.iter().map(|u| u.url.as_str()).collect();
    assert_eq!(
        u3,
        ["https://nytimes.com/a.html", "https://nytimes.com/x.html"]
    );
    // body link kept, in-page TOC link and note links not
    let body: Vec<&str> = d.body_urls.iter().map(|u| u.url.as_str()).collect();
    assert_eq!(body, ["https://susanqq.github.io/UTKFace/"]);
    assert_eq!(d.body_urls[0].pos.line, 12);
    let date = d.detected_date.map(|d| (d.year, d.month, d.day));
    assert_eq!(date, Some((2022, Some(11), Some(3))));
}

#[test]
fn pandoc_pattern() {
    let src = fixture("pandoc.html");
    let d = extract_html("pandoc.html", &src);
    let (m, n) = labels(&d);
    assert_eq!(m, ["1", "2"]);
    assert_eq!(n, ["1", "2"]);
    assert_eq!(d.markers[1].pos, Pos::new(8, 108));
    assert_eq!(d.notes[0].pos, Pos::new(14, 1));
    assert_eq!(d.notes[0].text, "Smith, *A Book*, 2019.");
    assert_eq!(d.notes[1].text, "See Jones.");
    assert_eq!(d.notes[0].urls[0].url, "https://example.org/book");
    assert_eq!(
        d.detected_date.map(|d| (d.year, d.month)),
        Some((2021, Some(3)))
    );
}

#[test]
fn wordpress_patterns() {
    let src = fixture("wordpress.html");
    let d = extract_html("wordpress.html", &src);
    let (m, n) = labels(&d);
    assert_eq!(m, ["1", "2", "3"]);
    assert_eq!(n, ["1", "2", "3"]);
    assert_eq!(d.notes[0].text, "First source, *Journal*.");
    assert_eq!(d.notes[1].text, "Easy footnote text.");
    assert_eq!(d.notes[2].text, "Block editor note.");
    assert_eq!(d.markers[1].pos, Pos::new(4, 103));
    assert_eq!(d.notes[1].pos, Pos::new(10, 5));
    assert_eq!(d.markers[0].context, "A claim.");
}

#[test]
fn word_export_pattern() {
    let src = fixture("word.html");
    let d = extract_html("word.html", &src);
    let (m, n) = labels(&d);
    assert_eq!(m, ["1", "2"]);
    assert_eq!(n, ["1", "2"]);
    assert_eq!(d.markers[0].pos, Pos::new(7, 51));
    // the note starts at its `<div id=ftn1>`
    assert_eq!(d.notes[0].pos, Pos::new(12, 1));
    assert_eq!(
        d.notes[0].text,
        "Ministry report, 2010, http://www.example.gov.cn/report.htm"
    );
    assert_eq!(
        d.notes[0].urls[0].url,
        "http://www.example.gov.cn/report.htm"
    );
    assert_eq!(d.notes[1].text, "*Ibid.*, p. 4.");
    assert_eq!(d.markers[0].context, "The plan was announced in 2010.");
}

#[test]
fn generic_pattern_and_dangling_marker() {
    let src = r##"<html><head><meta name="date" content="2020-02-03"></head><body>
<p>First.<a href="#n-a"><sup>1</sup></a> Second.<sup><a href="#fn9">9</a></sup></p>
<p>A <a href="#section2">section link</a> is no marker.</p>
<h2 id="section2">Section</h2>
<div id="n-a">1. The note. <a href="https://ex.org/p?a=1&amp;b=2">link</a></div>
</body></html>"##;
    let d = extract_html("g.html", src);
    let (m, n) = labels(&d);
    assert_eq!(m, ["1", "9"]);
    assert_eq!(n, ["1"]);
    assert_eq!(d.notes[0].text, "The note. link");
    assert_eq!(d.notes[0].urls[0].url, "https://ex.org/p?a=1&b=2");
    assert_eq!(d.notes[0].urls[0].pos, Pos::new(5, 28));
    assert_eq!(d.markers[1].pos, Pos::new(2, 54));
    assert_eq!(d.detected_date.map(|d| d.year), Some(2020));
}

#[test]
fn kramdown_and_wikipedia_styles() {
    let src = r##"<p>Kramdown.<sup id="fnref:1" role="doc-noteref"><a href="#fn:1" class="footnote" rel="footnote">1</a></sup>
Wiki.<sup id="cite_ref-2" class="reference"><a href="#cite_note-2">[2]</a></sup></p>
<div class="footnotes" role="doc-endnotes"><ol>
<li id="fn:1" role="doc-endnote"><p>K note. <a href="#fnref:1" class="reversefootnote" role="doc-backlink">&#8617;</a></p></li>
</ol></div>
<ol class="references"><li id="cite_note-2"><span class="mw-cite-backlink"><b><a href="#cite_ref-2">^</a></b></span> <span class="reference-text"><cite>Wiki Title</cite>. Retrieved 2020.</span></li></ol>"##;
    let d = extract_html("k.html", src);
    let (m, n) = labels(&d);
    assert_eq!(m, ["1", "2"]);
    assert_eq!(n, ["1", "2"]);
    assert_eq!(d.notes[0].text, "K note.");
    assert_eq!(d.notes[1].text, "*Wiki Title*. Retrieved 2020.");
    assert_eq!(d.notes[1].pos, Pos::new(6, 24));
    assert_eq!(d.markers[1].context, "Wiki.");
}

#[test]
fn non_numeric_markers_take_the_id_label() {
    let src = r##"<p>x<sup><a href="#fn-7">*</a></sup> y<sup><a href="#smith">†</a></sup></p>
<p id="fn-7">Seven.</p><p id="smith">Smith.</p>"##;
    let d = extract_html("n.html", src);
    let (m, n) = labels(&d);
    assert_eq!(m, ["7", "smith"]);
    assert_eq!(n, ["7", "smith"]);
}

#[test]
fn truncated_and_broken_html_does_not_panic() {
    let src = fixture("jekyll-sup.html");
    let mut cut = src.len() / 2;
    while !src.is_char_boundary(cut) {
        cut -= 1;
    }
    let d = extract_html("t.html", &src[..cut]);
    assert!(!d.markers.is_empty());
    for s in [
        "",
        "<",
        "<a href=",
        "<a href='#fn1",
        "<sup><a href=\"#fn1\">1</a>",
        "<p id=fn1>1. <a href=\"http://",
        "---\n---\n<sup><a href=#x>1</a></sup><div id=x>é",
        "<!-- <a href=\"#fn1\"> ",
        "<script>var a = '<a href=\"#fn1\">';</script><sup><a href=\"#fn1\">1</a></sup><p id=fn1>n</p>",
    ] {
        let _ = extract_html("b.html", s);
    }
    let deep = "<div>".repeat(2_000) + "<sup><a href=\"#fn1\">1</a></sup><p id=fn1>x</p>";
    let d = extract_html("deep.html", &deep);
    assert_eq!(d.markers.len(), 1);
}

#[test]
fn script_links_do_not_shift_positions() {
    let src = "<script>var a = '<a href=\"#fn1\">';</script>\n<p>x<sup><a href=\"#fn1\">1</a></sup></p>\n<p id=fn1>n</p>";
    let d = extract_html("s.html", src);
    assert_eq!(d.markers.len(), 1);
    assert_eq!(d.markers[0].pos, Pos::new(2, 10));
    assert_eq!(d.notes[0].pos, Pos::new(3, 1));
}

#[test]
fn label_helpers() {
    assert_eq!(numeric_label(",3"), Some("3".into()));
    assert_eq!(numeric_label("[12]"), Some("12".into()));
    assert_eq!(numeric_label("a"), None);
    assert_eq!(label_from_id("easy-footnote-bottom-2-145"), "2");
    assert_eq!(label_from_id("_ftn3"), "3");
    assert_eq!(label_from_id("cite_note-Smith-4"), "4");
    assert_eq!(
        strip_note_label(" 12. Title ↩ ", "12"),
        (Some("12".into()), "Title".into())
    );
    assert_eq!(
        strip_note_label("[3] x", "4"),
        (Some("3".into()), "x".into())
    );
    assert_eq!(
        strip_note_label("2019 report", "1"),
        (None, "2019 report".into())
    );
    assert_eq!(
        strip_note_label("1 report", "1"),
        (Some("1".into()), "report".into())
    );
    assert_eq!(
        strip_note_label("3.5 million", "3"),
        (None, "3.5 million".into())
    );
    assert_eq!(
        strip_note_label("2019. Report", "2"),
        (None, "2019. Report".into())
    );
    assert_eq!(decode_entities("a&amp;b&#x41;&#66;&bogus"), "a&bAB&bogus");
}

/// The real documents of `../shared/corpus` (not the project's; run by hand).
mod corpus {
    #[test]
    #[ignore]
    fn corpus_counts() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus/");
        let read = |n: &str| std::fs::read_to_string(format!("{dir}{n}")).unwrap_or_default();
        let md = crate::extract::markdown::extract_markdown(
            "privacyguides-common-threats.md",
            &read("privacyguides-common-threats.md"),
        );
        let html = crate::extract::html::extract_html(
            "seldonian-facial-recognition.html",
            &read("seldonian-facial-recognition.html"),
        );
        for d in [&md, &html] {
            let notes: std::collections::HashSet<&str> =
                d.notes.iter().map(|n| n.label.as_str()).collect();
            let unpaired: Vec<&str> = d
                .markers
                .iter()
                .map(|m| m.label.as_str())
                .filter(|l| !notes.contains(l))
                .collect();
            println!(
                "{}: {} markers, {} notes, unpaired {:?}, body urls {}, date {:?}",
                d.path,
                d.markers.len(),
                d.notes.len(),
                unpaired,
                d.body_urls.len(),
                d.detected_date
            );
            for n in &d.notes {
                println!(
                    "  [{}] {:?} {:?} {:?}",
                    n.label,
                    n.pos,
                    n.text,
                    n.urls
                        .iter()
                        .map(|u| (&u.url, u.pos, &u.problem))
                        .collect::<Vec<_>>()
                );
            }
            for m in &d.markers {
                println!("  ^{} {:?} {:?}", m.label, m.pos, m.context);
            }
        }
    }
}

#[test]
fn unmarked_notes_are_read_by_evidence_with_source_positions() {
    // no footnote links or classes: an ordered list under a Notes heading, plain <sup> markers
    let src = "<html><body>\n<p>Utilities expect demand to double.<sup>1</sup> Queues are long.<sup>2</sup></p>\n<h2>Notes</h2>\n<ol>\n<li>Jane Smith, “Demand Outlook,” <em>Energy Review</em>, March 3, 2024, <a href=\"https://example.org/outlook\">link</a>.</li>\n<li>Lee Park, “Queues,” Grid Weekly, May 2, 2023, https://example.com/queues.</li>\n</ol>\n</body></html>\n";
    let d = extract_html("x.html", src);
    let labels: Vec<&str> = d.notes.iter().map(|n| n.label.as_str()).collect();
    assert_eq!(labels, ["1", "2"]);
    let marks: Vec<&str> = d.markers.iter().map(|m| m.label.as_str()).collect();
    assert_eq!(marks, ["1", "2"]);
    // positions are the page's: the markers on line 2, the notes on lines 5 and 6
    assert!(d.markers.iter().all(|m| m.pos.line == 2), "{:?}", d.markers);
    let lines: Vec<usize> = d.notes.iter().map(|n| n.pos.line).collect();
    assert_eq!(lines, [5, 6]);
    // the note's URL was only in its href
    assert_eq!(
        d.notes[0].urls.first().map(|u| u.url.as_str()),
        Some("https://example.org/outlook")
    );
}

#[test]
fn deeply_nested_input_is_read_in_linear_time() {
    // 20,000 nested <div>s after the notes (quadratic in html5ever without the bound)
    let src = format!(
        "<html><body><p>A claim.<sup><a href=\"#fn1\" id=\"r1\">1</a></sup></p><ol><li id=\"fn1\">Smith, “A,” 2019, https://a.org/x</li></ol>{}deep{}</body></html>",
        "<div>".repeat(20_000),
        "</div>".repeat(20_000)
    );
    let d = extract_html("deep.html", &src);
    assert_eq!(d.notes.len(), 1);
    assert_eq!(d.markers.len(), 1);
}
