use super::*;

fn labels(d: &Document) -> (Vec<String>, Vec<String>) {
    (
        d.notes.iter().map(|n| n.label.clone()).collect(),
        d.markers.iter().map(|m| m.label.clone()).collect(),
    )
}

const PDF: &str = "Title\n\nAt the end of 2019, the session made a shift.¹ More text follows.²\n\n1 \"Signals,\" *Xinhua*, January 2, 2010, http://www.xinhuanet.com//2020-01/02/c_1125416394.htm.\n\ncontinued body across the page break.³\n\n2 Someone, \"Title Two,\" *Outlet*, May 3, 2018.\n\n3 Other, \"Three,\" 2019, <https://example.org/a/very-\nlong/path.html>.\n";

#[test]
fn superscript_layout_pairs_markers_and_defs() {
    let d = extract_str("x.txt", PDF);
    let (notes, markers) = labels(&d);
    assert_eq!(notes, ["1", "2", "3"]);
    assert_eq!(markers, ["1", "2", "3"]);
    assert_eq!(d.markers[0].pos, Pos::new(3, 46));
    assert_eq!(d.notes[0].pos, Pos::new(5, 1));
    assert!(d.markers[0].context.starts_with("At the end of 2019"));
    assert_eq!(d.markers[1].context, "More text follows.");
    assert_eq!(
        d.notes[0].urls[0].url,
        "http://www.xinhuanet.com//2020-01/02/c_1125416394.htm"
    );
    assert_eq!(d.notes[0].urls[0].pos, Pos::new(5, 41));
    // URL broken across a line end is re-joined
    assert_eq!(
        d.notes[2].urls[0].url,
        "https://example.org/a/very-long/path.html"
    );
    assert!(d.notes[0].text.starts_with("\"Signals,\""));
}

#[test]
fn body_resuming_under_the_notes_is_body() {
    let t = "Claim one.¹ The sentence goes on to the page\n\n1 Roe, “A,” *X*, 2019.\nend and makes a second claim.²\n2 Doe, “B,” *Y*,\nMay 3, 2020.\nfollowing on, lowercase, after a finished note.\n";
    let d = extract_str("x.txt", t);
    let (notes, markers) = labels(&d);
    assert_eq!(notes, ["1", "2"]);
    assert_eq!(markers, ["1", "2"]);
    assert_eq!(d.notes[0].text, "Roe, “A,” *X*, 2019.");
    assert_eq!(d.notes[1].text, "Doe, “B,” *Y*, May 3, 2020.");
}

#[test]
fn running_heads_are_not_notes() {
    let t = "Claim one.¹\n\n1 Roe, “A,” *X*, 2019.\n\n12 CHINA INTERNATIONAL STUDIES\n\nMore text.²\n\n2 Ibid.\n\n14 Journal of Things\n\n16 Journal of Things\n";
    let d = extract_str("x.txt", t);
    let (notes, _) = labels(&d);
    assert_eq!(notes, ["1", "2"]);
}

#[test]
fn circled_numbers_in_chinese_text() {
    let t = "朝鲜半岛局势在2019年底发生变化。①中国的作用十分重要。②\n\n3D printing grew.\n12月，会谈开始。\n\n①张驰：《半岛局势展望》，载《国际问题研究》2020年第1期。\n②《习近平会见金正恩》，新华社，2018年3月28日。\n";
    let d = extract_str("x.txt", t);
    let (notes, markers) = labels(&d);
    assert_eq!(notes, ["1", "2"]);
    assert_eq!(markers, ["1", "2"]);
    assert_eq!(d.markers[0].context, "朝鲜半岛局势在2019年底发生变化。");
}

#[test]
fn markdown_reference_links_are_not_notes() {
    let t = "See [the docs][1] and [the site][2].\n\n[1]: https://a.example/docs\n[2]: https://b.example/\n";
    let d = extract_str("x.md", t);
    assert!(
        d.notes.is_empty() && d.markers.is_empty(),
        "{:?} {:?}",
        d.notes,
        d.markers
    );
}

#[test]
fn numbered_list_without_markers_is_not_notes() {
    let d = extract_str("x.txt", "Nov 30, 2021\n\n1. China and the U.S. should do this.\n\n2. China and the U.S. should do that.\n");
    assert!(d.notes.is_empty());
    assert!(d.markers.is_empty());
    assert_eq!(
        d.detected_date.map(|x| x.to_string()),
        Some("2021-11-30".into())
    );
}

#[test]
fn bracket_markers_with_notes_section() {
    let t = "Body cites this [1] and that [2, 3].\n\nNotes\n\n1. First, \"A,\" 2019.\n2. Second\nwraps here.\n[3] Third, 2020.\n";
    let d = extract_str("x.txt", t);
    let (notes, markers) = labels(&d);
    assert_eq!(notes, ["1", "2", "3"]);
    assert_eq!(markers, ["1", "2", "3"]);
    assert_eq!(d.notes[1].text, "Second wraps here.");
}

#[test]
fn flattened_bare_numbers() {
    let body = "Intro text that is long enough to be a flattened article body line with padding words here. ".repeat(40);
    let t = format!("{body}Some claim in 2019. 1 Governments do things, as shown. 2 The next claim. Appendix 1 table. Notes 1 The index uses a typology, “Quoted,” 2019. 2 Jane Doe, “Title,” Outlet , May 1, 2019, https://example.org/x . About the Author Jane is a fellow.");
    let d = extract_str("x.md", &t);
    let (notes, markers) = labels(&d);
    assert_eq!(notes, ["1", "2"]);
    assert_eq!(markers, ["1", "2"]);
    assert_eq!(d.notes[1].urls[0].url, "https://example.org/x");
    assert!(!d.notes[1].text.contains("About the Author"));
}

#[test]
fn flattened_numbers_with_periods() {
    let body = "A long body line with enough words to count as flattened text, and more words. "
        .repeat(40);
    let t = format!("{body}A claim. 1 Another claim. 2 The end. Notes 1. Jane Roe, “A,” Outlet, 2019. 2. John Doe, “B,” Outlet, 2020.");
    let d = extract_str("x.md", &t);
    let (notes, markers) = labels(&d);
    assert_eq!(notes, ["1", "2"]);
    assert_eq!(markers, ["1", "2"]);
    assert_eq!(d.notes[1].text, "John Doe, “B,” Outlet, 2020.");
}

#[test]
fn flattened_brackets() {
    let body =
        "A long body line with enough words to count as flattened text, and then some more words. "
            .repeat(40);
    let t = format!("{body}Space matters. [1] More. [2] Endnotes [1] . “NASA Spinoff,” NASA, accessed April 20, 2026, https://spinoff.nasa.gov/ . [2] . Ibid.");
    let d = extract_str("x.md", &t);
    let (notes, markers) = labels(&d);
    assert_eq!(notes, ["1", "2"]);
    assert_eq!(markers, ["1", "2"]);
    assert_eq!(d.notes[1].text, "Ibid.");
}

#[test]
fn sup_tags_and_uppercase_url_continuations() {
    let t = "The claim.<sup>1</sup> Another.<sup>2</sup>\n\n## Notes\n\n1. Doe, \"A,\" *X*, 2019, https://www.hbs.edu/faculty/\nPages/item.aspx?num=45523.\n2. Roe, \"B,\" *Y*, 2020.\n";
    let d = extract_str("x.md", t);
    let (notes, markers) = labels(&d);
    assert_eq!(notes, ["1", "2"]);
    assert_eq!(markers, ["1", "2"]);
    assert_eq!(
        d.notes[0].urls[0].url,
        "https://www.hbs.edu/faculty/Pages/item.aspx?num=45523"
    );
    // a URL that ends a line is not glued to the next line's words
    let t2 = "Claim.¹\n\n1 “A,” *X*, 2019, https://a.example/x\nAccessed May 3, 2020.\n";
    assert_eq!(
        extract_str("y.txt", t2).notes[0].urls[0].url,
        "https://a.example/x"
    );
}

#[test]
fn digits_glued_to_words_are_markers_when_superscripts_were_lost() {
    let t = "The plan changed in 2019 as diplomats said.1 Output rose,2 then fell (see p.16 for a table).\n\n1 Jane Roe, “A,” *X*, 2019.\n\n2 John Doe, “B,” *Y*, 2020.\n";
    let d = extract_str("x.txt", t);
    let (notes, markers) = labels(&d);
    assert_eq!(notes, ["1", "2"]);
    assert_eq!(markers, ["1", "2"]);
    assert_eq!(
        d.markers[0].context,
        "The plan changed in 2019 as diplomats said."
    );
}

#[test]
fn parallel_parts_give_the_same_document() {
    let unit = format!("{PDF}\n\nNotes\n\n4 “Four,” *X*, 2019.\n\nMore body.³\n\n");
    let text = unit.repeat(PARALLEL_MIN / unit.len() + 2);
    let whole = {
        let mut ex = TextExtractor::new("x", Format::Text);
        for line in text.split('\n') {
            ex.feed_line(line);
        }
        ex.finish()
    };
    let parts = extract_lines("x", &text);
    assert_eq!(split_at_blank_lines(&text, 2).len(), 2);
    assert_eq!(parts.notes, whole.notes);
    assert_eq!(parts.markers, whole.markers);
    assert_eq!(parts.body_urls, whole.body_urls);
}

#[test]
fn increasing_run_drops_strays() {
    let m = |n: u32| {
        (
            n,
            Marker {
                label: n.to_string(),
                pos: Pos::default(),
                context: String::new(),
            },
        )
    };
    let kept: Vec<String> = increasing_run(vec![m(1), m(2), m(40), m(3), m(4)])
        .into_iter()
        .map(|m| m.label)
        .collect();
    assert_eq!(kept, ["1", "2", "3", "4"]);
}

#[test]
fn sentence_before_skips_markers_between_sentences() {
    assert_eq!(
        sentence_before("a day.” 11 Baltimore police acted in 2018"),
        "Baltimore police acted in 2018"
    );
    assert_eq!(
        sentence_before("first claim.¹² Second claim"),
        "Second claim"
    );
    assert_eq!(
        sentence_before("space technologies. [67] This leadership"),
        "This leadership"
    );
}

#[test]
fn sentence_before_skips_abbreviations() {
    assert_eq!(
        sentence_before("First one. The U.S. President met him"),
        "The U.S. President met him"
    );
}
