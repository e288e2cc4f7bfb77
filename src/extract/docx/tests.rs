//! Tests of the Word reader: documents built in memory with `zip::ZipWriter`.

use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

use super::*;
use crate::cite::dates::PartialDate;
use crate::model::Pos;

const NS: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships""#;
const LINK: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink";

/// A zip of the given parts, deflated.
fn zip_of(parts: &[(&str, &str)]) -> Vec<u8> {
    let mut z = ZipWriter::new(Cursor::new(Vec::new()));
    let opts = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    for (name, data) in parts {
        z.start_file(*name, opts)
            .unwrap_or_else(|e| panic!("zip: {e}"));
        z.write_all(data.as_bytes())
            .unwrap_or_else(|e| panic!("zip: {e}"));
    }
    z.finish()
        .unwrap_or_else(|e| panic!("zip: {e}"))
        .into_inner()
}

fn document(body: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:document {NS}><w:body>{body}</w:body></w:document>"#
    )
}

const SEPARATORS: &str = r#"<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>"#;

fn footnotes(notes: &str) -> String {
    format!(r#"<w:footnotes {NS}>{SEPARATORS}{notes}</w:footnotes>"#)
}

fn endnotes(notes: &str) -> String {
    format!(r#"<w:endnotes {NS}>{notes}</w:endnotes>"#)
}

fn note(kind: &str, id: &str, runs: &str) -> String {
    format!(
        r#"<w:{kind} w:id="{id}"><w:p><w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:{kind}Ref/></w:r>{runs}</w:p></w:{kind}>"#
    )
}

fn t(s: &str) -> String {
    format!(r#"<w:r><w:t xml:space="preserve">{s}</w:t></w:r>"#)
}

fn fref(id: &str) -> String {
    format!(
        r#"<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="{id}"/></w:r>"#
    )
}

fn eref(id: &str) -> String {
    format!(r#"<w:r><w:endnoteReference w:id="{id}"/></w:r>"#)
}

fn rels(links: &[(&str, &str)]) -> String {
    let rows: String = links
        .iter()
        .map(|(id, url)| {
            format!(
                r#"<Relationship Id="{id}" Type="{LINK}" Target="{url}" TargetMode="External"/>"#
            )
        })
        .collect();
    format!(
        r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rows}</Relationships>"#
    )
}

fn read_parts(parts: &[(&str, &str)]) -> Document {
    extract_docx("t.docx", &zip_of(parts)).unwrap_or_else(|e| panic!("{e}"))
}

fn labels(doc: &Document) -> Vec<&str> {
    doc.notes.iter().map(|n| n.label.as_str()).collect()
}

fn marker_labels(doc: &Document) -> Vec<&str> {
    doc.markers.iter().map(|m| m.label.as_str()).collect()
}

#[test]
fn footnotes_numbered_in_order_of_reference() {
    let body = document(&format!(
        "<w:p>{}{}{}{}</w:p><w:p>{}{}</w:p>",
        t("A claim made in 2019."),
        fref("7"),
        t(" Another one."),
        fref("3"),
        t("Third."),
        fref("5")
    ));
    let notes = footnotes(&format!(
        "{}{}{}",
        note("footnote", "3", &t(" Second, “Title,” 2018.")),
        note("footnote", "5", &t(" Third  note.")),
        note("footnote", "7", &t(" First note."))
    ));
    let doc = read_parts(&[("word/document.xml", &body), ("word/footnotes.xml", &notes)]);
    assert_eq!(labels(&doc), ["1", "2", "3"]);
    let texts: Vec<&str> = doc.notes.iter().map(|n| n.text.as_str()).collect();
    assert_eq!(
        texts,
        ["First note.", "Second, “Title,” 2018.", "Third note."]
    );
    assert_eq!(marker_labels(&doc), ["1", "2", "3"]);
    // positions: paragraph and character; the notes' paragraphs after the body's two
    assert_eq!(doc.markers[0].pos, Pos::new(1, 22));
    assert_eq!(doc.markers[1].pos, Pos::new(1, 35));
    assert_eq!(doc.markers[2].pos, Pos::new(2, 7));
    let note_lines: Vec<usize> = doc.notes.iter().map(|n| n.pos.line).collect();
    assert_eq!(note_lines, [5, 3, 4]);
    assert_eq!(doc.markers[0].context, "A claim made in 2019.");
    assert_eq!(doc.markers[1].context, "Another one.");
    assert_eq!(doc.format, Format::Docx);
    assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);
}

#[test]
fn endnotes_are_roman_and_never_share_a_footnotes_label() {
    let body = document(&format!(
        "<w:p>{}{}{}{}</w:p>",
        t("One."),
        fref("1"),
        t(" Two."),
        eref("1")
    ));
    let foot = footnotes(&note("footnote", "1", &t("A footnote.")));
    let end = endnotes(&note("endnote", "1", &t("An endnote.")));
    let doc = read_parts(&[
        ("word/document.xml", &body),
        ("word/footnotes.xml", &foot),
        ("word/endnotes.xml", &end),
    ]);
    assert_eq!(labels(&doc), ["1", "i"]);
    assert_eq!(marker_labels(&doc), ["1", "i"]);
    // both numbered 1, 2, 3 by the settings: the endnotes are told apart
    let settings = format!(
        r#"<w:settings {NS}><w:endnotePr><w:numFmt w:val="decimal"/></w:endnotePr></w:settings>"#
    );
    let doc = read_parts(&[
        ("word/document.xml", &body),
        ("word/footnotes.xml", &foot),
        ("word/endnotes.xml", &end),
        ("word/settings.xml", &settings),
    ]);
    assert_eq!(labels(&doc), ["1", "e1"]);
    assert_eq!(marker_labels(&doc), ["1", "e1"]);
}

#[test]
fn number_formats_and_start_from_the_section() {
    assert_eq!(format_number(4, "lowerRoman"), "iv");
    assert_eq!(format_number(14, "upperRoman"), "XIV");
    assert_eq!(format_number(28, "lowerLetter"), "bb");
    assert_eq!(format_number(3, "upperLetter"), "C");
    assert_eq!(format_number(6, "chicago"), "††");
    assert_eq!(format_number(7, "decimalZero"), "07");
    assert_eq!(format_number(12, "ordinal"), "12");
    // never a label of a thousand letters
    assert_eq!(format_number(1_000_000, "lowerLetter"), "1000000");
    assert_eq!(format_number(5000, "upperRoman"), "5000");
    let body = document(&format!(
        r#"<w:p>{}{}{}</w:p><w:sectPr><w:footnotePr><w:numFmt w:val="lowerLetter"/><w:numStart w:val="3"/></w:footnotePr></w:sectPr>"#,
        t("X."),
        fref("1"),
        fref("2")
    ));
    let foot = footnotes(&format!(
        "{}{}",
        note("footnote", "1", &t("a")),
        note("footnote", "2", &t("b"))
    ));
    let doc = read_parts(&[("word/document.xml", &body), ("word/footnotes.xml", &foot)]);
    assert_eq!(labels(&doc), ["c", "d"]);
}

#[test]
fn custom_marks_take_no_number() {
    let body = document(&format!(
        r#"<w:p>{}<w:r><w:footnoteReference w:customMarkFollows="1" w:id="1"/><w:t>*</w:t></w:r>{}{}</w:p>"#,
        t("Starred."),
        t(" Numbered."),
        fref("2")
    ));
    let foot = footnotes(&format!(
        r#"<w:footnote w:id="1"><w:p><w:r><w:t>*</w:t></w:r>{}</w:p></w:footnote>{}"#,
        t(" The author thanks X."),
        note("footnote", "2", &t(" A note."))
    ));
    let doc = read_parts(&[("word/document.xml", &body), ("word/footnotes.xml", &foot)]);
    assert_eq!(labels(&doc), ["*", "1"]);
    assert_eq!(doc.notes[0].text, "The author thanks X.");
    assert_eq!(marker_labels(&doc), ["*", "1"]);
    // the mark is no body text: the next sentence's context does not hold it
    assert_eq!(doc.markers[1].context, "Numbered.");
}

#[test]
fn italics_tabs_and_breaks() {
    let styles = format!(
        r#"<w:styles {NS}><w:style w:type="character" w:styleId="Emph"><w:rPr><w:i/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Quote"><w:rPr><w:i/></w:rPr></w:style></w:styles>"#
    );
    let runs = concat!(
        r#"<w:r><w:t xml:space="preserve">Roe, “A Title,” </w:t></w:r>"#,
        r#"<w:r><w:rPr><w:i/></w:rPr><w:t xml:space="preserve">Foreign </w:t></w:r>"#,
        r#"<w:r><w:rPr><w:i w:val="1"/></w:rPr><w:t xml:space="preserve">Affairs </w:t></w:r>"#,
        r#"<w:r><w:t>97,</w:t><w:tab/><w:t>no. 3</w:t><w:br/><w:t>(2018).</w:t></w:r>"#,
        r#"<w:r><w:rPr><w:i w:val="0"/></w:rPr><w:t xml:space="preserve"> Also </w:t></w:r>"#,
        r#"<w:r><w:rPr><w:rStyle w:val="Emph"/></w:rPr><w:t>Another</w:t></w:r>"#,
        r#"<w:r><w:t>.</w:t></w:r>"#
    );
    let body = document(&format!("<w:p>{}{}</w:p>", t("Claim."), fref("1")));
    let foot = footnotes(&format!(
        r#"<w:footnote w:id="1"><w:p><w:pPr><w:rPr><w:i/></w:rPr></w:pPr><w:r><w:footnoteRef/></w:r>{runs}</w:p></w:footnote>"#
    ));
    let doc = read_parts(&[
        ("word/document.xml", &body),
        ("word/footnotes.xml", &foot),
        ("word/styles.xml", &styles),
    ]);
    assert_eq!(
        doc.notes[0].text,
        "Roe, “A Title,” *Foreign Affairs* 97, no. 3 (2018). Also *Another*."
    );
}

#[test]
fn links_resolve_through_each_parts_own_relationships() {
    // the same id names different links in the body's and the footnotes' relationships
    let body = document(&format!(
        r#"<w:p>{}<w:hyperlink r:id="rId9"><w:r><w:t>a site</w:t></w:r></w:hyperlink>{}{}</w:p>"#,
        t("See "),
        t(". Claim."),
        fref("1")
    ));
    let foot = footnotes(&note(
        "footnote",
        "1",
        &format!(
            r#"{}<w:hyperlink r:id="rId9"><w:r><w:t>https://shown.example.org/x</w:t></w:r></w:hyperlink>{}<w:hyperlink w:anchor="_Ref1"><w:r><w:t>above</w:t></w:r></w:hyperlink>"#,
            t(" “T,” 2019, "),
            t(", and https://written.example.org/y. See ")
        ),
    ));
    let doc = read_parts(&[
        ("word/document.xml", &body),
        (
            "word/_rels/document.xml.rels",
            &rels(&[("rId9", "https://body.example.org/")]),
        ),
        ("word/footnotes.xml", &foot),
        (
            "word/_rels/footnotes.xml.rels",
            &rels(&[("rId9", "https://shown.example.org/x?utm=1")]),
        ),
    ]);
    let body_urls: Vec<&str> = doc.body_urls.iter().map(|u| u.url.as_str()).collect();
    assert_eq!(body_urls, ["https://body.example.org/"]);
    assert_eq!(doc.body_urls[0].pos, Pos::new(1, 5));
    let urls: Vec<&str> = doc.notes[0].urls.iter().map(|u| u.url.as_str()).collect();
    // the link's target, not the text it shows; then the URL written out
    assert_eq!(
        urls,
        [
            "https://shown.example.org/x?utm=1",
            "https://written.example.org/y"
        ]
    );
    assert_eq!(doc.notes[0].urls[0].pos.line, 2);
}

/// A complex field whose instruction is written in the given pieces (XML-escaped here).
fn field(instr_pieces: &[&str], result: &str) -> String {
    let instr: String = instr_pieces
        .iter()
        .map(|p| {
            let p = p
                .replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;");
            format!(r#"<w:r><w:instrText xml:space="preserve">{p}</w:instrText></w:r>"#)
        })
        .collect();
    format!(
        r#"<w:r><w:fldChar w:fldCharType="begin"/></w:r>{instr}<w:r><w:fldChar w:fldCharType="separate"/></w:r>{result}<w:r><w:fldChar w:fldCharType="end"/></w:r>"#
    )
}

#[test]
fn hyperlink_fields() {
    let runs = format!(
        r#"{}{}{}{}<w:fldSimple w:instr=" HYPERLINK &quot;https://simple.example.org/a b&quot; \o &quot;tip&quot; ">{}</w:fldSimple>"#,
        t(" First "),
        field(
            &[" HYPERLINK \"https://split.exam", "ple.org/p\" \\o \"x\" "],
            &t("the page")
        ),
        t(" ").to_string() + &field(&[r#" HYPERLINK \l "_Toc1" "#], &t("a heading")),
        t(" then "),
        t("another")
    );
    let body = document(&format!("<w:p>{}{}</w:p>", t("Claim."), fref("1")));
    let foot = footnotes(&note("footnote", "1", &runs));
    let doc = read_parts(&[("word/document.xml", &body), ("word/footnotes.xml", &foot)]);
    assert_eq!(doc.notes[0].text, "First the page a heading then another");
    let urls: Vec<(&str, bool)> = doc.notes[0]
        .urls
        .iter()
        .map(|u| (u.url.as_str(), u.problem.is_some()))
        .collect();
    assert_eq!(
        urls,
        [
            ("https://split.example.org/p", false),
            ("https://simple.example.org/a b", true)
        ]
    );
}

fn zotero_json(title: &str, extra: &str) -> String {
    format!(
        r#"{{"citationID":"a1","properties":{{"formattedCitation":"x","noteIndex":1}},"citationItems":[{{"id":7,"uris":["http://zotero.org/users/1/items/AB"],"itemData":{{"id":7,"type":"article-journal","title":"{title}","container-title":"Journal of Things","volume":"12","issue":3,"page":"45-67","author":[{{"family":"Roe","given":"Jane"}},{{"family":"Beethoven","given":"Ludwig","non-dropping-particle":"van"}},{{"literal":"The Committee"}}],"issued":{{"date-parts":[["2019","4",2]]}},"accessed":{{"date-parts":[[2020,1,5]]}}{extra}}}}},{{"id":8,"itemData":{{"title":"Second work","URL":"https://second.example.org/"}}}}],"schema":"https://github.com/citation-style-language/schema/raw/master/csl-citation.json"}}"#
    )
}

#[test]
fn zotero_citation_in_a_footnote() {
    let json = zotero_json(
        "On <i>Things</i>",
        r#","DOI":"https://doi.org/10.1000/XYZ.1","URL":"https://journal.example.org/things""#,
    );
    // the instruction split over runs in the middle of its JSON, as Word does
    let instr = format!(" ADDIN ZOTERO_ITEM CSL_CITATION {json} ");
    let cut: Vec<&str> = {
        let (a, rest) = instr.split_at(40);
        let (b, c) = rest.split_at(rest.len() / 2);
        vec![a, b, c]
    };
    let shown = format!(
        r#"{}<w:r><w:rPr><w:i/></w:rPr><w:t>Journal of Things</w:t></w:r>{}"#,
        t("Jane Roe et al., “On Things,” "),
        t(" 12, no. 3 (2019).")
    );
    let body = document(&format!("<w:p>{}{}</w:p>", t("Claim."), fref("1")));
    let foot = footnotes(&note("footnote", "1", &field(&cut, &shown)));
    let doc = read_parts(&[("word/document.xml", &body), ("word/footnotes.xml", &foot)]);
    let n = &doc.notes[0];
    assert_eq!(
        n.text,
        "Jane Roe et al., “On Things,” *Journal of Things* 12, no. 3 (2019)."
    );
    let cited = n
        .cited
        .as_deref()
        .unwrap_or_else(|| panic!("no CSL fields"));
    assert_eq!(cited.title.as_deref(), Some("On Things"));
    assert_eq!(
        cited.authors,
        ["Jane Roe", "Ludwig van Beethoven", "The Committee"]
    );
    assert_eq!(cited.container.as_deref(), Some("Journal of Things"));
    assert_eq!(cited.volume.as_deref(), Some("12"));
    assert_eq!(cited.issue.as_deref(), Some("3"));
    assert_eq!(cited.pages.as_deref(), Some("45-67"));
    assert_eq!(cited.issued, Some(PartialDate::day(2019, 4, 2)));
    assert_eq!(cited.accessed, Some(PartialDate::day(2020, 1, 5)));
    assert_eq!(cited.doi.as_deref(), Some("10.1000/XYZ.1"));
    let urls: Vec<&str> = n.urls.iter().map(|u| u.url.as_str()).collect();
    // the first work's URL and DOI; the second work's URL only if its text shows it
    assert_eq!(
        urls,
        [
            "https://journal.example.org/things",
            "https://doi.org/10.1000/XYZ.1"
        ]
    );
    assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);
}

#[test]
fn mendeley_fields_and_content_controls() {
    let json = zotero_json("Mendeley Desktop", "");
    let desktop = field(&[&format!("ADDIN CSL_CITATION {json}")], &t("(Roe 2019)"));
    let cite_json = zotero_json("Mendeley Cite", "");
    let tag = format!("MENDELEY_CITATION_v3_{}", base64(&cite_json));
    let control = format!(
        r#"<w:sdt><w:sdtPr><w:tag w:val="{tag}"/><w:id w:val="1"/></w:sdtPr><w:sdtContent>{}</w:sdtContent></w:sdt>"#,
        t("(Roe 2019b)")
    );
    let body = document(&format!(
        "<w:p>{}{}{}</w:p><w:p>{}{}</w:p>",
        t("Since 2021, claims "),
        desktop,
        t(" abound."),
        t("And more "),
        control
    ));
    let doc = read_parts(&[("word/document.xml", &body)]);
    // an author-date document: each body citation a note, with a marker where it stands
    assert_eq!(labels(&doc), ["1", "2"]);
    assert_eq!(marker_labels(&doc), ["1", "2"]);
    assert_eq!(doc.notes[0].text, "(Roe 2019)");
    assert_eq!(doc.notes[1].text, "(Roe 2019b)");
    assert_eq!(doc.markers[0].context, "Since 2021, claims");
    assert_eq!(doc.markers[1].pos, Pos::new(2, 10));
    let titles: Vec<Option<&str>> = doc
        .notes
        .iter()
        .map(|n| n.cited.as_deref().and_then(|c| c.title.as_deref()))
        .collect();
    assert_eq!(titles, [Some("Mendeley Desktop"), Some("Mendeley Cite")]);
}

/// Standard base64, for Mendeley Cite's tags.
fn base64(s: &str) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in s.as_bytes().chunks(3) {
        let b = [
            chunk.first().copied().unwrap_or(0),
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ABC[((n >> (18 - 6 * i)) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[test]
fn body_citations_beside_footnotes_are_labelled_apart() {
    let json = zotero_json("Body work", "");
    let body = document(&format!(
        "<w:p>{}{}{}{}</w:p>",
        t("Claim "),
        field(
            &[&format!("ADDIN ZOTERO_ITEM CSL_CITATION {json}")],
            &t("(Roe 2019)")
        ),
        t(". Noted."),
        fref("1")
    ));
    let foot = footnotes(&note("footnote", "1", &t("A note.")));
    let doc = read_parts(&[("word/document.xml", &body), ("word/footnotes.xml", &foot)]);
    assert_eq!(labels(&doc), ["1", "c1"]);
    assert_eq!(marker_labels(&doc), ["c1", "1"]);
}

#[test]
fn a_broken_citation_is_a_warning_and_its_text_is_read() {
    let body = document(&format!("<w:p>{}{}</w:p>", t("Claim."), fref("1")));
    let foot = footnotes(&note(
        "footnote",
        "1",
        &field(
            &[r#"ADDIN ZOTERO_ITEM CSL_CITATION {"citationItems": [{"itemData": "#],
            &t("Roe, “T,” 2019."),
        ),
    ));
    let doc = read_parts(&[("word/document.xml", &body), ("word/footnotes.xml", &foot)]);
    assert_eq!(doc.notes[0].text, "Roe, “T,” 2019.");
    assert!(doc.notes[0].cited.is_none());
    assert_eq!(doc.warnings.len(), 1, "{:?}", doc.warnings);
    assert!(
        doc.warnings[0].contains("could not be read"),
        "{:?}",
        doc.warnings
    );
}

#[test]
fn what_word_does_not_show_is_not_read() {
    let body = document(&format!(
        r#"<w:p>{}<w:del w:id="1"><w:r><w:delText>gone </w:delText></w:r></w:del><w:ins w:id="2"><w:r><w:t>kept </w:t></w:r></w:ins><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><mc:Choice Requires="wps"><w:r><w:t>box </w:t></w:r></mc:Choice><mc:Fallback><w:r><w:t>twin </w:t></w:r></mc:Fallback></mc:AlternateContent>{}{}</w:p>"#,
        t("Shown "),
        field(&[" PAGE "], &t("3")),
        fref("1")
    ));
    let foot = footnotes(&note("footnote", "1", &t("n")));
    let doc = read_parts(&[("word/document.xml", &body), ("word/footnotes.xml", &foot)]);
    assert_eq!(doc.markers[0].context, "Shown kept box 3");
    assert_eq!(doc.markers[0].pos, Pos::new(1, 17));
}

#[test]
fn table_cells_and_text_boxes_are_paragraphs() {
    let body = document(&format!(
        r#"<w:p>{}</w:p><w:tbl><w:tr><w:tc><w:p>{}</w:p><w:p>{}{}</w:p></w:tc></w:tr></w:tbl><w:p>{}</w:p>"#,
        t("Intro."),
        t("Cell one."),
        t("Cell two."),
        fref("1"),
        t("After.")
    ));
    let foot = footnotes(&note("footnote", "1", &t("n")));
    let doc = read_parts(&[("word/document.xml", &body), ("word/footnotes.xml", &foot)]);
    assert_eq!(doc.markers[0].pos, Pos::new(3, 10));
    assert_eq!(doc.notes[0].pos, Pos::new(5, 1));
}

#[test]
fn any_prefix_and_a_renamed_main_part() {
    let body = r#"<x:document xmlns:x="http://purl.oclc.org/ooxml/wordprocessingml/main"><x:body><x:p><x:r><x:t>Claim.</x:t></x:r><x:r><x:footnoteReference x:id="1"/></x:r></x:p></x:body></x:document>"#;
    let foot = r#"<x:footnotes xmlns:x="http://purl.oclc.org/ooxml/wordprocessingml/main"><x:footnote x:id="1"><x:p><x:r><x:footnoteRef/></x:r><x:r><x:t> Strict.</x:t></x:r></x:p></x:footnote></x:footnotes>"#;
    let pkg = r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument" Target="/word/main.xml"/></Relationships>"#;
    let main_rels = r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://purl.oclc.org/ooxml/officeDocument/relationships/footnotes" Target="notes/foot.xml"/></Relationships>"#;
    let doc = read_parts(&[
        ("_rels/.rels", pkg),
        ("word/main.xml", body),
        ("word/_rels/main.xml.rels", main_rels),
        ("word/notes/foot.xml", foot),
    ]);
    assert_eq!(labels(&doc), ["1"]);
    assert_eq!(doc.notes[0].text, "Strict.");
    assert_eq!(
        resolve("word/document.xml", "../customXml/item1.xml"),
        "customXml/item1.xml"
    );
    assert_eq!(resolve("word/document.xml", "/word/x.xml"), "word/x.xml");
}

#[test]
fn unreferenced_and_missing_notes() {
    let body = document(&format!("<w:p>{}{}{}</w:p>", t("A."), fref("1"), fref("9")));
    let foot = footnotes(&format!(
        "{}{}",
        note("footnote", "1", &t("one")),
        note("footnote", "2", &t("never shown"))
    ));
    let doc = read_parts(&[("word/document.xml", &body), ("word/footnotes.xml", &foot)]);
    // a reference to no note keeps its number: note-missing names it
    assert_eq!(marker_labels(&doc), ["1", "2"]);
    assert_eq!(labels(&doc), ["1"]);
    assert_eq!(
        doc.warnings,
        ["1 footnote that no reference in the body points to (Word does not show it)"]
    );
}

#[test]
fn hand_typed_notes_are_read_as_text() {
    let sup = |d: &str| {
        format!(r#"<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:t>{d}</w:t></w:r>"#)
    };
    // the second marker typed in the footnote reference's character style
    let styled =
        |d: &str| format!(r#"<w:r><w:rPr><w:rStyle w:val="FNRef"/></w:rPr><w:t>{d}</w:t></w:r>"#);
    let styles = format!(
        r#"<w:styles {NS}><w:style w:type="character" w:styleId="FNRef"><w:rPr><w:vertAlign w:val="superscript"/></w:rPr></w:style></w:styles>"#
    );
    let body = document(&format!(
        "<w:p>{}{}{}{}</w:p><w:p/><w:p>{}</w:p><w:p>{}</w:p><w:p>{}</w:p>",
        t("The first claim was made in 2019."),
        sup("1"),
        t(" The second came later."),
        styled("2"),
        t("Notes"),
        t("1 Jane Roe, “A Title,” Outlet, May 3, 2019, https://example.org/a."),
        t("2 John Doe, “Another,” Outlet, June 4, 2020, https://example.org/b.")
    ));
    let doc = read_parts(&[("word/document.xml", &body), ("word/styles.xml", &styles)]);
    assert_eq!(labels(&doc), ["1", "2"]);
    assert_eq!(marker_labels(&doc), ["1", "2"]);
    // lines are paragraphs, the empty one counted
    assert_eq!(doc.notes[1].pos.line, 5);
    assert_eq!(doc.markers[1].pos.line, 1);
    assert_eq!(doc.format, Format::Docx);
}

fn error_of(bytes: &[u8]) -> String {
    match extract_docx("bad.docx", bytes) {
        Ok(_) => panic!("read without an error"),
        Err(e) => {
            assert_eq!(e.path, "bad.docx");
            assert!(!e.message.contains('\n'), "{}", e.message);
            e.message
        }
    }
}

#[test]
fn corrupt_input_is_one_error() {
    let good = zip_of(&[
        (
            "word/document.xml",
            &document(&format!("<w:p>{}</w:p>", t("x"))),
        ),
        ("[Content_Types].xml", "<Types/>"),
    ]);
    assert!(error_of(b"random bytes, no zip").contains("not a zip"));
    assert!(error_of(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1]).contains(".doc"));
    let cut = good.get(..good.len() / 2).unwrap_or_default();
    assert!(error_of(cut).contains("truncated"), "{}", error_of(cut));
    let no_doc = zip_of(&[("[Content_Types].xml", "<Types/>")]);
    assert!(error_of(&no_doc).contains("no word/document.xml"));
    let bad_xml = zip_of(&[(
        "word/document.xml",
        "<w:document><w:body></w:p></w:document>",
    )]);
    let m = error_of(&bad_xml);
    assert!(m.starts_with("word/document.xml: bad XML"), "{m}");
    let unclosed = zip_of(&[("word/document.xml", "<w:document><w:body><w:p>")]);
    assert!(error_of(&unclosed).contains("cut short"));
    let bad_entity = zip_of(&[(
        "word/document.xml",
        "<w:document><w:body><w:p><w:r><w:t>&bogus;</w:t></w:r></w:p></w:body></w:document>",
    )]);
    assert!(error_of(&bad_entity).contains("bad XML"));
    let bad_notes = zip_of(&[
        ("word/document.xml", &document("<w:p/>")),
        ("word/footnotes.xml", "<w:footnotes><w:footnote>"),
    ]);
    assert!(error_of(&bad_notes).starts_with("word/footnotes.xml:"));
    // a damaged deflate stream
    let mut damaged = good.clone();
    if let Some(b) = damaged.get_mut(60..90) {
        b.fill(0x55);
    }
    let m = error_of(&damaged);
    assert!(m.contains("corrupt") || m.contains("bad XML"), "{m}");
}

#[test]
fn inflating_beyond_the_limit_is_refused() {
    let big = "<w:p/>".repeat(100_000);
    let bytes = zip_of(&[("word/document.xml", &document(&big))]);
    let err = read("b.docx", &bytes, 64 << 10).err().unwrap_or_default();
    assert!(err.contains("zip bomb"), "{err}");
    // within the limit, the same document reads
    assert!(read("b.docx", &bytes, 1 << 20).is_ok());
    // the budget is shared by the parts
    let body = format!("<w:p>{}</w:p>{}", fref("1"), "<w:p/>".repeat(5_000));
    let notes = footnotes(&format!(
        "{}{}",
        note("footnote", "1", &t("n")),
        "<!-- pad -->".repeat(5_000)
    ));
    let bytes = zip_of(&[
        ("word/document.xml", &document(&body)),
        ("word/footnotes.xml", &notes),
    ]);
    let err = read("b.docx", &bytes, 50_000).err().unwrap_or_default();
    assert!(
        err.starts_with("word/footnotes.xml inflates beyond"),
        "{err}"
    );
}

#[test]
fn too_many_entries_is_refused() {
    let mut z = ZipWriter::new(Cursor::new(Vec::new()));
    let opts = SimpleFileOptions::default().compression_method(CompressionMethod::Stored);
    for i in 0..=ENTRIES_MAX {
        z.start_file(format!("f{i}"), opts)
            .unwrap_or_else(|e| panic!("zip: {e}"));
    }
    let bytes = z
        .finish()
        .unwrap_or_else(|e| panic!("zip: {e}"))
        .into_inner();
    assert!(error_of(&bytes).contains("entries"));
}

#[test]
fn a_part_that_lies_about_its_size_is_still_bounded() {
    let big = "<w:p/>".repeat(100_000);
    let mut bytes = zip_of(&[("word/document.xml", &document(&big))]);
    // the local header and the central directory both claim 100 bytes inflated
    for (sig, at) in [(b"PK\x03\x04", 22), (b"PK\x01\x02", 24)] {
        let Some(start) = bytes.windows(4).position(|w| w == sig) else {
            panic!("no zip header");
        };
        if let Some(size) = bytes.get_mut(start + at..start + at + 4) {
            size.copy_from_slice(&100u32.to_le_bytes());
        }
    }
    let err = read("lie.docx", &bytes, 64 << 10).err().unwrap_or_default();
    assert!(!err.is_empty());
    assert!(!err.contains('\n'), "{err}");
}

#[test]
fn a_markers_sentence_is_found_as_the_text_readers_find_it() {
    // the sentence looked for near the marker first is the one sentence_context finds
    let sample = include_str!("../../../references/peninsula-prospects.txt");
    let mut checked = 0;
    for line in sample.lines().filter(|l| l.len() > 600) {
        let mut p = super::para::Para::new(1, false);
        p.push(line, false, false);
        let mut at = 0;
        while at < line.len() {
            let cut = line.get(..at).unwrap_or("");
            let mut q = super::para::Para::new(1, false);
            q.push(cut, false, false);
            assert_eq!(
                q.context(),
                crate::extract::prose::sentence_context(cut),
                "at {at} of {line:?}"
            );
            checked += 1;
            at += 37;
            while at < line.len() && !line.is_char_boundary(at) {
                at += 1;
            }
        }
        assert_eq!(p.context(), crate::extract::prose::sentence_context(line));
    }
    assert!(checked > 500, "{checked}");
}
