//! The PDF reader on real files (`tests/fixtures/pdf/`, see its SOURCES.md), on the sample
//! typeset from `references/peninsula-prospects.txt`, on small files built here with lopdf (one
//! feature each), and on damaged ones.

use lopdf::{dictionary, Dictionary, Document as Pdf, Object, Stream};

use super::glyphs::{Budget, Interpreter};
use super::*;

fn fixture(path: &str) -> Vec<u8> {
    let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn read(path: &str) -> Document {
    extract_pdf(path, &fixture(path)).unwrap_or_else(|e| panic!("{e}"))
}

fn text_of(bytes: &[u8]) -> PdfText {
    pdf_text("t.pdf", bytes).unwrap_or_else(|e| panic!("{e}"))
}

/// A one-page PDF: `content` drawn with Helvetica as `/F1` and Helvetica-Oblique as `/F2`
/// (standard fonts without widths, as ReportLab names them); `setup` may add objects and
/// resources, and annotations to the page.
fn one_page(
    content: &str,
    setup: impl FnOnce(&mut Pdf, &mut Dictionary, &mut Dictionary),
) -> Vec<u8> {
    let mut doc = Pdf::with_version("1.5");
    let pages_id = doc.new_object_id();
    let font = |name: &str| {
        dictionary! {
            "Type" => "Font",
            "Subtype" => "Type1",
            "BaseFont" => Object::Name(name.as_bytes().to_vec()),
            "Encoding" => "WinAnsiEncoding",
        }
    };
    let f1 = doc.add_object(font("Helvetica"));
    let f2 = doc.add_object(font("Helvetica-Oblique"));
    let mut resources = dictionary! { "Font" => dictionary! { "F1" => f1, "F2" => f2 } };
    let mut page = dictionary! {
        "Type" => "Page",
        "Parent" => pages_id,
        "MediaBox" => vec![0.into(), 0.into(), 612.into(), 792.into()],
    };
    setup(&mut doc, &mut resources, &mut page);
    let content_id = doc.add_object(Stream::new(dictionary! {}, content.as_bytes().to_vec()));
    page.set("Contents", content_id);
    page.set("Resources", resources);
    let page_id = doc.add_object(page);
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages",
            "Kids" => vec![page_id.into()],
            "Count" => 1,
        }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap_or_else(|e| panic!("{e}"));
    out
}

fn lines_of(bytes: &[u8]) -> Vec<String> {
    text_of(bytes)
        .text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(str::to_string)
        .collect()
}

#[test]
fn the_sample_reads_as_its_text() {
    let pdf = read("references/peninsula-prospects.pdf");
    let txt = crate::extract::text::extract_str(
        "p.txt",
        &String::from_utf8_lossy(&fixture("references/peninsula-prospects.txt")),
    );
    assert_eq!(pdf.format, Format::Pdf);
    assert_eq!(pdf.notes.len(), 27);
    for (p, t) in pdf.notes.iter().zip(&txt.notes) {
        assert_eq!(p.label, t.label);
        assert_eq!(p.text, t.text, "note {}", p.label);
        let urls =
            |n: &crate::model::NoteDef| n.urls.iter().map(|u| u.url.clone()).collect::<Vec<_>>();
        assert_eq!(urls(p), urls(t), "note {}", p.label);
    }
    let labels = |d: &Document| {
        d.markers
            .iter()
            .map(|m| m.label.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(labels(&pdf), labels(&txt));
    // the sentence that carries marker 1 is read across the lines of its paragraph
    assert!(
        pdf.markers[0].context.contains("At the end of 2019"),
        "{}",
        pdf.markers[0].context
    );
    assert!(pdf.warnings.is_empty(), "{:?}", pdf.warnings);
}

#[test]
fn pages_start_on_known_lines() {
    let pdf = text_of(&fixture("references/peninsula-prospects.pdf"));
    assert_eq!(pdf.page_lines.len(), 10);
    assert_eq!(pdf.page_lines.first(), Some(&1));
    let lines: Vec<&str> = pdf.text.split('\n').collect();
    for (n, &start) in pdf.page_lines.iter().enumerate().skip(1) {
        // the line before a page's first holds only a form feed
        assert_eq!(lines.get(start - 2), Some(&"\x0c"), "page {}", n + 1);
        assert_eq!(pdf.page_of(start), n + 1);
        assert_eq!(pdf.page_of(start - 1), n);
    }
    // every link of the sample lies on a note's URL, on its page
    assert_eq!(pdf.links.len(), 12, "{:?}", pdf.links);
    for l in &pdf.links {
        let line = lines.get(l.pos.line - 1).copied().unwrap_or("");
        let shown: String = line.chars().skip(l.pos.column - 1).collect();
        let head: String = l.url.chars().take(12).collect();
        assert!(shown.contains(&head), "{l:?} on {line:?}");
    }
}

#[test]
fn a_two_column_newsletter_with_url_footnotes() {
    // LaTeX3 News 2 (pdfTeX): two columns, footnotes holding only a URL, each a link
    let doc = read("tests/fixtures/pdf/real/l3news02.pdf");
    let urls: Vec<Vec<&str>> = doc
        .notes
        .iter()
        .map(|n| n.urls.iter().map(|u| u.url.as_str()).collect())
        .collect();
    assert_eq!(
        urls,
        [
            vec!["http://www.latex-project.org/papers/tug99.pdf"],
            vec!["http://www.latex-project.org/papers/template-notes.pdf"],
            vec!["http://river-valley.tv/the-galley-module/"],
            vec!["http://www.latex-project.org/papers/xo-pfloat.pdf"],
            vec!["http://www.latex-project.org/code.html"],
        ]
    );
    let labels: Vec<&str> = doc.notes.iter().map(|n| n.label.as_str()).collect();
    assert_eq!(labels, ["1", "2", "3", "4", "5"]);
    // markers 1 to 4 follow a year (`tug 1999¹`), which the text reader takes for an exponent;
    // marker 5 follows a word
    assert!(doc
        .markers
        .iter()
        .any(|m| m.label == "5" && m.context.contains("mailing list")));
    let pdf = text_of(&fixture("tests/fixtures/pdf/real/l3news02.pdf"));
    for shown in [
        "LATEX3 News",
        "TEX Live 2009 is almost upon us",
        "presented at tug 1999¹ and Lars Hellström wrote some",
        "notes on template in 2000². Functionality coverage for",
        "1 http://www.latex-project.org/papers/tug99.pdf",
    ] {
        assert!(pdf.text.contains(shown), "{shown:?} not in\n{}", pdf.text);
    }
    // the second column follows the first
    let first = pdf.text.find("In terms of what we’re planning");
    let before = pdf.text.find("LATEX3 News, and the LATEX software");
    assert!(first.is_some() && before < first);
    assert_eq!(pdf.page_lines.len(), 2);
    assert_eq!(pdf.links.len(), 5);
}

#[test]
fn a_multilingual_page_in_composite_fonts() {
    // polyglossia's examples (XeTeX): CID fonts, Identity-H with ToUnicode maps
    let doc = read("tests/fixtures/pdf/real/polyglossia-examples.pdf");
    let notes: Vec<(&str, &str)> = doc
        .notes
        .iter()
        .map(|n| {
            (
                n.label.as_str(),
                n.urls.first().map_or("", |u| u.url.as_str()),
            )
        })
        .collect();
    assert_eq!(
        notes,
        [
            ("1", "http://fr.wikipedia.org/wiki/Français"),
            ("2", "http://en.wikipedia.org/wiki/English_language"),
            ("3", "http://de.wikipedia.org/wiki/Deutsche_Sprache"),
        ]
    );
    let labels: Vec<&str> = doc.markers.iter().map(|m| m.label.as_str()).collect();
    assert_eq!(labels, ["1", "2", "3"]);
    let pdf = text_of(&fixture("tests/fixtures/pdf/real/polyglossia-examples.pdf"));
    for shown in [
        "Le français¹ est une langue romane parlée en France",
        "English² is a West Germanic language",
        "Русский язык — один из восточнославянских языков",
        "Η ελληνική γλώσσα είναι μία από τις ινδοευρωπαϊκές γλώσσες",
    ] {
        assert!(pdf.text.contains(shown), "{shown:?} not in\n{}", pdf.text);
    }
}

#[test]
fn a_manual_in_type1c_fonts() {
    // footnotehyper's manual (dvipdfmx, CFF fonts): footnotes at page feet, across pages. Its
    // notes are prose among numbered code lines, which the plain-text reader cannot tell
    // apart; the text itself is what a reader sees.
    let pdf = text_of(&fixture("tests/fixtures/pdf/real/footnotehyper.pdf"));
    for shown in [
        "Jean-François Burnol",
        "Do not load package footnote.sty¹ anymore.",
        "footnotes were disappearing!² See related remarks at end of section 4.",
        "\n1 http://ctan.org/pkg/footnote\n2 Thanks to François Pantigny for reporting the bug.",
        "patibility and some bugfixes, addressing in particular",
    ] {
        assert!(pdf.text.contains(shown), "{shown:?} not in\n{}", pdf.text);
    }
    assert_eq!(pdf.page_lines.len(), 17);
    assert!(pdf
        .links
        .iter()
        .any(|l| l.url == "http://ctan.org/pkg/footnote"));
}

#[test]
fn encrypted_files_open_with_the_empty_password_or_are_refused() {
    for f in ["r2-empty-password.pdf", "r6-empty-password.pdf"] {
        let pdf = text_of(&fixture(&format!("tests/fixtures/pdf/encrypted/{f}")));
        assert!(
            pdf.text.contains("pdf encryption test"),
            "{f}: {:?}",
            pdf.text
        );
    }
    let err = pdf_text(
        "locked.pdf",
        &fixture("tests/fixtures/pdf/encrypted/r6-both-passwords.pdf"),
    )
    .err();
    assert_eq!(
        err.map(|e| e.to_string()),
        Some("locked.pdf: encrypted PDF, not read (it opens only with a password)".to_string())
    );
}

#[test]
fn damaged_files_are_read_best_effort_or_refused_in_one_line() {
    let sample = fixture("references/peninsula-prospects.pdf");
    // cut in half: the pages before the cut are read, with a warning
    let half = sample.get(..sample.len() / 2).unwrap_or_default();
    let doc = extract_pdf("half.pdf", half).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        !doc.notes.is_empty() && doc.notes.len() < 27,
        "{}",
        doc.notes.len()
    );
    assert!(
        doc.warnings.iter().any(|w| w.starts_with("damaged PDF")),
        "{:?}",
        doc.warnings
    );
    // a startxref pointing nowhere: the table is rebuilt
    let at = memchr::memmem::rfind(&sample, b"startxref").unwrap_or(0);
    let mut moved = sample.get(..at).unwrap_or_default().to_vec();
    moved.extend_from_slice(b"startxref\n99999999\n%%EOF\n");
    let doc = extract_pdf("moved.pdf", &moved).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(doc.notes.len(), 27);
    assert!(
        doc.warnings.iter().any(|w| w.contains("rebuilt")),
        "{:?}",
        doc.warnings
    );
    // cut where its pages were (pdfTeX keeps them in object streams at the end)
    let tex = fixture("tests/fixtures/pdf/real/l3news02.pdf");
    let err = extract_pdf("cut.pdf", tex.get(..tex.len() / 2).unwrap_or_default()).err();
    let msg = err.map(|e| e.to_string()).unwrap_or_default();
    assert!(msg.starts_with("cut.pdf: damaged PDF, not read"), "{msg}");
    assert!(!msg.contains('\n'));
    for (bytes, want) in [
        (
            &b"\x89PNG\r\n\x1a\n not a pdf at all"[..],
            "not a PDF (no %PDF- header)",
        ),
        (
            &b"%PDF-1.7\n%\xe2\xe3\n1 0 obj\n<<"[..],
            "damaged PDF, not read",
        ),
        (&b"%PDF-"[..], "damaged PDF, not read"),
    ] {
        let msg = pdf_text("x.pdf", bytes)
            .err()
            .map(|e| e.message)
            .unwrap_or_default();
        assert!(msg.starts_with(want), "{msg}");
    }
}

#[test]
fn gaps_are_spaces_and_kerning_is_not() {
    let pdf = one_page(
        "BT /F1 10 Tf 72 700 Td [(Hel) 20 (lo) -300 (world) -50 (s) -150 (too)] TJ ET",
        |_, _, _| {},
    );
    // a kern of 0.05 em is no space; 0.15 em is, as pdftotext counts them
    assert_eq!(lines_of(&pdf), ["Hello worlds too"]);
}

#[test]
fn raised_digits_are_markers_and_italics_emphasis() {
    // "Claim." in Helvetica 10 ends at 100.33; the marker is set 6 pt, 4 pt up
    let pdf = one_page(
        "BT /F1 10 Tf 72 700 Td (Claim.) Tj ET \
         BT /F1 6 Tf 100.5 704 Td (12) Tj ET \
         BT /F1 10 Tf 110 700 Td (Then ) Tj /F2 10 Tf (The Outlet) Tj /F1 10 Tf (, 2019.) Tj ET \
         BT /F1 6 Tf 72 104 Td (12) Tj /F1 8 Tf 4 -2 Td (Roe, 2019.) Tj ET",
        |_, _, _| {},
    );
    assert_eq!(
        lines_of(&pdf),
        ["Claim.¹² Then *The Outlet*, 2019.", "12 Roe, 2019."]
    );
}

#[test]
fn encodings_differences_and_composite_fonts() {
    let cmap = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap \
        1 begincodespacerange <0000> <FFFF> endcodespacerange \
        2 beginbfchar <0001> <0048> <0002> <00E9> endbfchar \
        1 beginbfrange <0003> <0004> <0061> endbfrange endcmap end end";
    let pdf = one_page(
        "BT /F3 10 Tf 72 700 Td (AB) Tj /F4 10 Tf <000100020003000400030004> Tj ET",
        |doc, resources, _| {
            let f3 = doc.add_object(dictionary! {
                "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Custom",
                "Encoding" => dictionary! {
                    "BaseEncoding" => "WinAnsiEncoding",
                    "Differences" => vec![65.into(), "quotedblleft".into(), "uni00E9".into()],
                },
                "FirstChar" => 65, "Widths" => vec![500.into(), 500.into()],
            });
            let to_unicode = doc.add_object(Stream::new(dictionary! {}, cmap.to_vec()));
            let cid = doc.add_object(dictionary! {
                "Type" => "Font", "Subtype" => "CIDFontType2", "BaseFont" => "Sans",
                "DW" => 500, "W" => vec![1.into(), vec![600.into(), 550.into()].into()],
            });
            let f4 = doc.add_object(dictionary! {
                "Type" => "Font", "Subtype" => "Type0", "BaseFont" => "Sans",
                "Encoding" => "Identity-H", "DescendantFonts" => vec![cid.into()],
                "ToUnicode" => to_unicode,
            });
            if let Ok(Object::Dictionary(fonts)) = resources.get_mut(b"Font") {
                fonts.set("F3", f3);
                fonts.set("F4", f4);
            }
        },
    );
    assert_eq!(lines_of(&pdf), ["“éHéabab"]);
}

#[test]
fn forms_are_drawn_with_bounds_on_nesting_and_cycles() {
    // a form that draws itself, and a chain of forms deeper than the bound
    let pdf = one_page("/Loop Do /Deep0 Do", |doc, resources, _| {
        let mut xobjects = Dictionary::new();
        let looping = doc.new_object_id();
        let body = b"BT /F1 10 Tf 72 700 Td (Looped) Tj ET /Loop Do".to_vec();
        let mut form = Stream::new(
            dictionary! { "Type" => "XObject", "Subtype" => "Form" },
            body,
        );
        form.dict.set(
            "Resources",
            dictionary! {
                "XObject" => dictionary! { "Loop" => looping },
                "Font" => resources.get(b"Font").cloned().unwrap_or(Object::Null),
            },
        );
        doc.objects.insert(looping, Object::Stream(form));
        xobjects.set("Loop", looping);
        let mut next: Option<lopdf::ObjectId> = None;
        for depth in (0..20).rev() {
            let text = format!(
                "BT /F1 10 Tf 72 {} Td (Depth {depth}) Tj ET /D Do",
                600 - depth * 12
            );
            let mut form = Stream::new(
                dictionary! { "Type" => "XObject", "Subtype" => "Form" },
                text.into_bytes(),
            );
            let mut res = dictionary! {
                "Font" => resources.get(b"Font").cloned().unwrap_or(Object::Null),
            };
            if let Some(n) = next {
                res.set("XObject", dictionary! { "D" => n });
            }
            form.dict.set("Resources", res);
            next = Some(doc.add_object(form));
        }
        if let Some(n) = next {
            xobjects.set("Deep0", n);
        }
        resources.set("XObject", xobjects);
    });
    let pdf = text_of(&pdf);
    assert_eq!(pdf.text.matches("Looped").count(), 1, "{}", pdf.text);
    assert!(pdf.text.contains("Depth 0") && pdf.text.contains("Depth 7"));
    assert!(!pdf.text.contains("Depth 8"), "{}", pdf.text);
    assert!(
        pdf.warnings.iter().any(|w| w.contains("too much content")),
        "{:?}",
        pdf.warnings
    );
}

#[test]
fn work_on_a_page_is_bounded() {
    let ops = "0 0 m ".repeat(5000);
    let bytes = one_page(
        &format!("{ops} BT /F1 10 Tf 72 700 Td (Late) Tj ET"),
        |_, _, _| {},
    );
    let doc = Pdf::load_mem(&bytes).unwrap_or_else(|e| panic!("{e}"));
    let page = doc.get_pages().into_values().next().unwrap_or_default();
    let mut budget = Budget::page();
    budget.ops = 1000;
    let runs = Interpreter::new(&doc).page(page, &mut budget);
    assert!(runs.is_empty() && budget.exhausted);
    let mut budget = Budget::page();
    let runs = Interpreter::new(&doc).page(page, &mut budget);
    assert_eq!(runs.len(), 1);
    assert!(!budget.exhausted);
}

#[test]
fn text_turned_with_the_page_is_read_along_its_direction() {
    let pdf = one_page(
        "q 0 1 -1 0 500 100 cm BT /F1 10 Tf 0 0 Td (Up the page) Tj 0 -12 Td (and on) Tj ET Q \
         BT /F1 6 Tf 20 20 Td (stamp) Tj ET",
        |_, _, _| {},
    );
    assert_eq!(lines_of(&pdf), ["Up the page", "and on"]);
}

#[test]
fn a_link_gives_its_url_to_the_note_under_it() {
    // the note shows no URL, and another shows one cut short: the links hold them whole
    let pdf = one_page(
        "BT /F1 10 Tf 72 700 Td (A claim.) Tj ET BT /F1 6 Tf 111 704 Td (1) Tj ET \
         BT /F1 10 Tf 120 700 Td (Another.) Tj ET BT /F1 6 Tf 160 704 Td (2) Tj ET \
         BT /F1 8 Tf 72 100 Td (1 Roe, \\223A Title,\\224 Outlet, May 3, 2019.) Tj ET \
         BT /F1 8 Tf 72 90 Td (2 Doe, \\223Other,\\224 2020, https://b.org/cut) Tj ET",
        |doc, _, page| {
            let link = |url: &str, rect: [i64; 4]| {
                dictionary! {
                    "Type" => "Annot", "Subtype" => "Link",
                    "Rect" => rect.iter().map(|v| Object::Integer(*v)).collect::<Vec<_>>(),
                    "A" => dictionary! {
                        "S" => "URI",
                        "URI" => Object::string_literal(url.as_bytes().to_vec()),
                    },
                }
            };
            let a = doc.add_object(link("https://a.org/title", [140, 98, 190, 108]));
            let b = doc.add_object(link(
                "https://b.org/cut-short-in-the-text",
                [180, 88, 260, 98],
            ));
            page.set("Annots", vec![a.into(), b.into()]);
        },
    );
    let doc = extract_pdf("l.pdf", &pdf).unwrap_or_else(|e| panic!("{e}"));
    let urls: Vec<Vec<&str>> = doc
        .notes
        .iter()
        .map(|n| n.urls.iter().map(|u| u.url.as_str()).collect())
        .collect();
    assert_eq!(
        urls,
        [
            vec!["https://a.org/title"],
            vec!["https://b.org/cut-short-in-the-text"]
        ]
    );
    assert!(doc.body_urls.is_empty(), "{:?}", doc.body_urls);
}

#[test]
fn a_url_broken_across_lines_is_one_link() {
    // as hyperref sets a long URL: cut after a hyphen, a link annotation on each piece
    let pdf = one_page(
        "BT /F1 10 Tf 72 700 Td (A claim.) Tj ET BT /F1 6 Tf 111 704 Td (1) Tj ET \
         BT /F1 8 Tf 72 100 Td (1 Roe, \\223A Title,\\224 Outlet, May 3, 2019, https://a.org/some-) Tj ET \
         BT /F1 8 Tf 72 90 Td (thing/page.html.) Tj ET",
        |doc, _, page| {
            let link = |rect: [i64; 4]| {
                dictionary! {
                    "Type" => "Annot", "Subtype" => "Link",
                    "Rect" => rect.iter().map(|v| Object::Integer(*v)).collect::<Vec<_>>(),
                    "A" => dictionary! {
                        "S" => "URI",
                        "URI" => Object::string_literal(&b"https://a.org/some-thing/page.html"[..]),
                    },
                }
            };
            let a = doc.add_object(link([230, 98, 300, 108]));
            let b = doc.add_object(link([72, 88, 130, 98]));
            page.set("Annots", vec![a.into(), b.into()]);
        },
    );
    let doc = extract_pdf("u.pdf", &pdf).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(doc.notes.len(), 1);
    let urls: Vec<(&str, Option<&str>)> = doc.notes[0]
        .urls
        .iter()
        .map(|u| (u.url.as_str(), u.problem.as_deref()))
        .collect();
    assert_eq!(urls, [("https://a.org/some-thing/page.html", None)]);
}

#[test]
fn endnotes_under_a_heading() {
    let pdf = one_page(
        "BT /F1 10 Tf 72 700 Td (A claim.) Tj ET BT /F1 6 Tf 111 704 Td (1) Tj ET \
         BT /F1 10 Tf 118 700 Td (Another one.) Tj ET BT /F1 6 Tf 175 704 Td (2) Tj ET \
         BT /F1 14 Tf 72 600 Td (Notes) Tj ET \
         BT /F1 10 Tf 72 580 Td (1. Roe, \\223A Title,\\224 ) Tj /F2 10 Tf (Outlet) Tj /F1 10 Tf (, May 3, 2019.) Tj ET \
         BT /F1 10 Tf 72 566 Td (2. Doe, \\223Other,\\224 2020, https://b.org/x.) Tj ET",
        |_, _, _| {},
    );
    assert_eq!(
        lines_of(&pdf),
        [
            "A claim.¹ Another one.²",
            "Notes",
            "1. Roe, “A Title,” *Outlet*, May 3, 2019.",
            "2. Doe, “Other,” 2020, https://b.org/x."
        ]
    );
    let doc = extract_pdf("e.pdf", &pdf).unwrap_or_else(|e| panic!("{e}"));
    let notes: Vec<(&str, &str)> = doc
        .notes
        .iter()
        .map(|n| (n.label.as_str(), n.text.as_str()))
        .collect();
    assert_eq!(
        notes,
        [
            ("1", "Roe, “A Title,” *Outlet*, May 3, 2019."),
            ("2", "Doe, “Other,” 2020, https://b.org/x.")
        ]
    );
    assert_eq!(doc.markers.len(), 2);
}

#[test]
fn a_page_without_text_says_so() {
    let pdf = text_of(&one_page("0 0 m 10 10 l S", |_, _, _| {}));
    assert!(pdf.text.is_empty());
    assert_eq!(
        pdf.warnings,
        ["no text in this PDF (scanned pages without a text layer?)"]
    );
}
