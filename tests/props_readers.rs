//! Property tests of every reader not covered by `tests/reader_props.rs`: the Markdown and
//! HTML readers, the date grammar, the citation parser, the page reader and charset decoding,
//! reflint.toml and baseline files. Each gets random input (arbitrary strings or bytes) and
//! input assembled from the pieces its format is made of; each property is "no panic" plus an
//! invariant (positions inside the input, spans on character boundaries, dates valid where
//! the documentation promises it, errors that name their line). Case counts are kept small
//! enough for the whole file to run in seconds in a debug build.
//!
//! No test here opens a connection.

use proptest::prelude::*;
use reflint::baseline::Baseline;
use reflint::cite::dates::{find_dates, parse_date, url_date};
use reflint::cite::{parse_note, read_document};
use reflint::config::{Command, Config};
use reflint::extract::html::extract_html;
use reflint::extract::markdown::extract_markdown;
use reflint::model::{Document, Format, Marker, NoteDef, Pos};
use reflint::net::fetch::decode;
use reflint::net::page::parse_page;

fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        // a shrunk failure is reported in the test output; no regression files are written
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Whether a 1-based line/column (column in characters) is inside `src` (the column may be
/// one past the line's last character: an empty note at a line's end).
fn inside(src: &str, pos: Pos) -> bool {
    if pos.line == 0 || pos.column == 0 {
        return false;
    }
    match src.split('\n').nth(pos.line - 1) {
        Some(line) => pos.column <= line.chars().count() + 1,
        None => false,
    }
}

/// Every position a document reports lies in its source.
fn positions_inside(src: &str, doc: &Document) -> Result<(), TestCaseError> {
    for m in &doc.markers {
        prop_assert!(inside(src, m.pos), "marker {:?} outside the source", m);
    }
    for n in &doc.notes {
        prop_assert!(inside(src, n.pos), "note {:?} outside the source", n.pos);
        for u in &n.urls {
            prop_assert!(inside(src, u.pos), "URL {:?} outside the source", u);
            prop_assert!(!u.url.is_empty());
        }
    }
    for u in &doc.body_urls {
        prop_assert!(inside(src, u.pos), "body URL {:?} outside the source", u);
    }
    Ok(())
}

/// Reading the document's citations never panics and keeps one reference per note, with
/// `same_as` pointing at another note.
fn cite_all(doc: &Document) -> Result<(), TestCaseError> {
    let refs = read_document(doc);
    prop_assert_eq!(refs.len(), doc.notes.len());
    for (i, r) in refs.iter().enumerate() {
        if let Some(j) = r.same_as_index {
            prop_assert!(j < refs.len() && j != i, "same_as_index {} of {}", j, i);
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------
// Markdown
// ---------------------------------------------------------------------------------------

fn md_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        (1u32..12).prop_map(|n| format!("[^{n}]")),
        (1u32..12).prop_map(|n| format!("\n[^{n}]: ")),
        "[a-z]{1,6}".prop_map(|l| format!("[^{l}]")),
        "[a-z]{1,6}".prop_map(|l| format!("\n\n[^{l}]: ")),
        Just("[text](https://example.org/a/b)".to_string()),
        Just("<https://example.org/2019/10/17/x>".to_string()),
        Just("https://example.org/path?q=1 ".to_string()),
        Just("“A Title,” *Outlet*, January 2, 2020, ".to_string()),
        Just("\n# Heading\n".to_string()),
        Just("\n## Notes\n\n".to_string()),
        Just("\n```\n".to_string()),
        Just("`code` ".to_string()),
        Just("\n> ".to_string()),
        Just("\n- ".to_string()),
        Just("\n1. ".to_string()),
        Just("\n    ".to_string()),
        Just("---\ntitle: x\ndate: 2020-01-02\n---\n".to_string()),
        Just("\n!!! note \"Admonition\"\n    ".to_string()),
        Just("\n| a | b |\n|---|---|\n| c | d |\n".to_string()),
        Just("<sup>3</sup> ".to_string()),
        Just("![img](x.png) ".to_string()),
        Just("**".to_string()),
        Just("*".to_string()),
        Just("[".to_string()),
        Just("]".to_string()),
        Just("\r\n".to_string()),
        Just("\n\n".to_string()),
        Just("\t".to_string()),
        Just("é漢字🙂 ".to_string()),
        "[A-Za-z ,.]{1,16}",
        any::<String>(),
    ]
}

// ---------------------------------------------------------------------------------------
// HTML
// ---------------------------------------------------------------------------------------

fn html_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        (1u32..9).prop_map(|n| format!(
            "<sup id=\"fnref{n}\"><a href=\"#fn{n}\" class=\"footnote-ref\">{n}</a></sup>"
        )),
        (1u32..9).prop_map(|n| format!("<li id=\"fn{n}\"><p>")),
        (1u32..9).prop_map(|n| format!("<a href=\"#fnref{n}\" class=\"footnote-back\">↩</a>")),
        Just("<section class=\"footnotes\" role=\"doc-endnotes\"><hr><ol>".to_string()),
        Just("</ol></section>".to_string()),
        Just("<div class=\"footnotes\">".to_string()),
        Just("</li>".to_string()),
        Just("</p>".to_string()),
        Just("<p>".to_string()),
        Just("</div>".to_string()),
        Just("<a href=\"https://example.org/2019/10/17/a\">".to_string()),
        Just("<a href=\"javascript:x\">".to_string()),
        Just("</a>".to_string()),
        Just("<h2>Notes</h2>".to_string()),
        Just("<script>var x = '<sup>1</sup>';</script>".to_string()),
        Just("<style>p{}</style>".to_string()),
        Just("<!-- comment ".to_string()),
        Just(" -->".to_string()),
        Just("<![CDATA[ x ]]>".to_string()),
        Just("&amp; &#x1F600; &#99999999; &bogus; &".to_string()),
        Just("<br/>".to_string()),
        Just("<table><tr><td>".to_string()),
        Just("<html><head><title>T</title></head><body>".to_string()),
        Just("---\ndate: 2020-01-02\n---\n".to_string()),
        Just("<".to_string()),
        Just(">".to_string()),
        Just("\"".to_string()),
        Just("\n".to_string()),
        Just("“A Title,” Outlet, January 2, 2020, https://example.org/x ".to_string()),
        Just("é漢字🙂 ".to_string()),
        "[A-Za-z ,.]{1,16}",
        any::<String>(),
    ]
}

// ---------------------------------------------------------------------------------------
// Dates
// ---------------------------------------------------------------------------------------

fn date_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "January", "Feb.", "March", "Sept.", "DECEMBER", "May", "Spring", "Winter", "mid-",
        ])
        .prop_map(str::to_string),
        (0u32..40).prop_map(|n| n.to_string()),
        (1490i32..2210).prop_map(|n| n.to_string()),
        "[0-9]{1,9}",
        prop::sample::select(vec![
            " ",
            ", ",
            "-",
            "–",
            "/",
            ".",
            "年",
            "月",
            "日",
            "년 ",
            "월 ",
            "일",
            "th",
            "nd",
            "accessed ",
            "Retrieved ",
            "last modified ",
            "No. ",
            "Vol. ",
            "pp. ",
            "(",
            ")",
            "https://example.org/",
            "doi:10.1000/",
            "T08:00:00+09:00",
            "Z",
            "\n",
            "’",
        ])
        .prop_map(str::to_string),
        any::<String>(),
    ]
}

fn url_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "https://",
            "http://",
            "www.example.org",
            "example.co.kr",
            "/",
            "?",
            "#",
            "=",
            "&",
            "-",
            "_",
            ".htm",
            "ACK",
            "c_",
            "%20",
            ":8080",
            "[::1]",
            "年",
        ])
        .prop_map(str::to_string),
        (1490i32..2210).prop_map(|n| n.to_string()),
        (0u32..40).prop_map(|n| format!("{n:02}")),
        "[0-9]{1,20}",
        "[a-z]{1,8}",
        any::<String>(),
    ]
}

// ---------------------------------------------------------------------------------------
// Citations
// ---------------------------------------------------------------------------------------

fn note_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "Jane Smith, ",
            "Smith, J., & Lee, K. ",
            "“A Title with “Nested” Quotes,” ",
            "\"Straight Title,\" ",
            "‘Single,’ ",
            "*Outlet*, ",
            "The Outlet, ",
            "《标题》，",
            "新华网，",
            "(2019). ",
            "January 2, 2020, ",
            "2019-10-17. ",
            "accessed March 3, 2021, ",
            "Retrieved from ",
            "https://example.org/2019/10/17/story ",
            "www.example.org/x ",
            "Ibid., ",
            "Id. at 4. ",
            "op. cit., ",
            "See ",
            "cf. ",
            "vol. 3, no. 4, pp. 12–14. ",
            "26 15 U.S.C. § 78 ",
            "[2019] EWCA Civ 1 ",
            ". ",
            ", ",
            "“",
            "”",
            "*",
            "(",
        ])
        .prop_map(str::to_string),
        "[A-Za-z ]{1,12}",
        any::<String>(),
    ]
}

fn note_def(label: String, text: String) -> NoteDef {
    NoteDef {
        cited: None,
        label,
        pos: Pos::new(1, 1),
        text,
        urls: Vec::new(),
    }
}

// ---------------------------------------------------------------------------------------
// Pages
// ---------------------------------------------------------------------------------------

fn page_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "<html lang=\"zh-CN\">",
            "<html lang=\"\">",
            "<html lang=\"x-klingon-very-long-tag\">",
            "<head>",
            "<title>",
            "</title>",
            "A Page Title | Site",
            "页面不存在_新华网",
            "404 Not Found",
            "<meta property=\"og:title\" content=\"OG Title\">",
            "<meta property=\"og:site_name\" content=\"Site\">",
            "<meta property=\"article:published_time\" content=\"2019-10-29T15:30:00+09:00\">",
            "<meta name=\"citation_publication_date\" content=\"2019/03/08\">",
            "<meta name=\"date\" content=\"0000-00-00\">",
            "<meta name=\"date\" content=\"2019-02-30\">",
            "<script type=\"application/ld+json\">",
            "{\"@type\":\"NewsArticle\",\"headline\":\"H\",\"datePublished\":\"2019-10-29\"}",
            "{\"@graph\":[{\"@graph\":[[[[",
            "]]]}",
            "</script>",
            "<time datetime=\"2020-01-02T08:12:33Z\">",
            "<time datetime=\"99999-99-99\">",
            "</time>",
            "<div itemprop=\"datePublished\" content=\"2018-03-28\">",
            "<h1>",
            "</h1>",
            "<h2>Page not found</h2>",
            "<p>",
            "2020-01-02 08:12:33 来源：新华网",
            "By Jane Smith | March 3, 2021",
            "<body>",
            "</html>",
            "<!--",
            "-->",
            "&amp;&#0;&#xD800;",
            "\u{feff}",
            "\n",
        ])
        .prop_map(str::to_string),
        "[A-Za-z ]{1,12}",
        any::<String>(),
    ]
}

fn charset_label() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "utf-8",
            "UTF8",
            "gbk",
            "gb2312",
            "big5",
            "euc-kr",
            "shift_jis",
            "iso-8859-1",
            "windows-1252",
            "koi8-r",
            "x-user-defined",
            "hz-gb-2312",
            "iso-2022-kr",
            "csiso2022kr",
            "replacement",
            "x-klingon",
            "",
            "\"utf-8\"",
            "'gbk'",
        ])
        .prop_map(str::to_string),
        "[a-z0-9_-]{0,12}",
    ]
}

/// Labels that make a decoder read ASCII as something else: UTF-16 (two bytes per unit) and
/// ISO-2022-JP (escape sequences). A server declaring them for an ASCII page is wrong, and
/// browsers read such a page as garbage too.
fn changes_ascii(label: &str) -> bool {
    encoding_rs::Encoding::for_label(label.trim_matches(['"', '\'']).as_bytes()).is_some_and(|e| {
        e == encoding_rs::UTF_16LE || e == encoding_rs::UTF_16BE || e == encoding_rs::ISO_2022_JP
    })
}

// ---------------------------------------------------------------------------------------
// reflint.toml
// ---------------------------------------------------------------------------------------

fn toml_value() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("true".to_string()),
        Just("false".to_string()),
        (-5i64..100_000).prop_map(|n| n.to_string()),
        Just("1e400".to_string()),
        Just("-0.5".to_string()),
        Just("2020-06-01".to_string()),
        Just("1979-05-27T07:32:00Z".to_string()),
        prop::sample::select(vec![
            "\"json\"",
            "\"7d\"",
            "\"500ms\"",
            "\"2s\"",
            "\"0s\"",
            "\"-1s\"",
            "\"99999999999d\"",
            "\"warning\"",
            "\"never\"",
            "\"(\"",
            "'^https://x\\.org/ http://127.0.0.1:1/'",
            "\"Accept-Language: en\"",
            "\"sarif=out.sarif\"",
            "\"nonsense=x\"",
            "\"\"",
            "\"\\u00e9\"",
            "\"2020-13-45\"",
        ])
        .prop_map(str::to_string),
        "[a-z0-9 ]{0,8}".prop_map(|s| format!("\"{s}\"")),
        prop::collection::vec("[a-z0-9=:. ]{0,8}", 0..3).prop_map(|v| format!(
            "[{}]",
            v.iter()
                .map(|s| format!("\"{s}\""))
                .collect::<Vec<_>>()
                .join(", ")
        )),
        Just("{ a = 1 }".to_string()),
    ]
}

fn toml_line() -> impl Strategy<Value = String> {
    let keys = prop::sample::select(
        reflint::config::KEYS
            .iter()
            .map(|k| k.to_string())
            .chain(
                [
                    "colour",
                    "concurrency",
                    "interval",
                    "headers",
                    "url",
                    "reason",
                    "rule",
                    "path",
                    "note",
                    "note-sequence",
                    "online",
                    "config",
                ]
                .map(str::to_string),
            )
            .collect::<Vec<_>>(),
    );
    prop_oneof![
        (keys, toml_value()).prop_map(|(k, v)| format!("{k} = {v}\n")),
        Just("[hosts.\"example.com\"]\n".to_string()),
        Just("[hosts.\"example.com:8080\"]\n".to_string()),
        Just("[hosts.\"\"]\n".to_string()),
        Just("headers = { Authorization = \"Bearer 1\", \"Bad Name\" = \"x\" }\n".to_string()),
        Just("[rules]\n".to_string()),
        Just("note-sequence = \"off\"\n".to_string()),
        Just("title-url-mismatch = \"fatal\"\n".to_string()),
        Just("[[ignore]]\n".to_string()),
        Just("url = '^https?://(www\\.)?paywalled\\.example/'\n".to_string()),
        Just("path = \"chapters/[*.md\"\n".to_string()),
        Just("reason = \"because\"\n".to_string()),
        Just("# comment\n".to_string()),
        Just("\n".to_string()),
        Just("[\n".to_string()),
        Just("\"\"\"\n".to_string()),
        any::<String>(),
    ]
}

/// A configuration error is one line, `FILE:LINE: problem`, with a line of the file.
fn config_error_ok(src: &str, e: &str) -> Result<(), TestCaseError> {
    prop_assert!(!e.contains('\n'), "error on several lines: {:?}", e);
    let rest = e.strip_prefix("reflint.toml:");
    prop_assert!(rest.is_some(), "error does not name the file: {:?}", e);
    let line: Option<usize> = rest
        .and_then(|r| r.split(':').next())
        .and_then(|n| n.parse().ok());
    let lines = src.split('\n').count();
    prop_assert!(
        line.is_some_and(|l| l >= 1 && l <= lines),
        "error names line {:?} of {}: {:?}",
        line,
        lines,
        e
    );
    Ok(())
}

// ---------------------------------------------------------------------------------------
// Baselines
// ---------------------------------------------------------------------------------------

fn json_scalar() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("null".to_string()),
        Just("true".to_string()),
        Just("1".to_string()),
        Just("-1.5e300".to_string()),
        Just("[]".to_string()),
        Just("{}".to_string()),
        "[a-z0-9 /:.]{0,12}".prop_map(|s| format!("\"{s}\"")),
        Just("\"\\ud800\"".to_string()),
    ]
}

fn baseline_text() -> impl Strategy<Value = String> {
    let entry = prop::collection::vec(
        (
            prop::sample::select(vec![
                "fingerprint",
                "rule",
                "path",
                "reference",
                "message",
                "extra",
            ]),
            json_scalar(),
        ),
        0..7,
    )
    .prop_map(|fields| {
        let body: Vec<String> = fields
            .iter()
            .map(|(k, v)| format!("\"{k}\": {v}"))
            .collect();
        format!("{{{}}}", body.join(", "))
    });
    (
        prop::sample::select(vec![
            "\"reflint/baseline/v1\"",
            "\"reflint/baseline/v2\"",
            "1",
            "null",
        ]),
        json_scalar(),
        prop::collection::vec(entry, 0..4),
        any::<bool>(),
    )
        .prop_map(|(schema, generated, entries, with_findings)| {
            let findings = if with_findings {
                format!(", \"findings\": [{}]", entries.join(", "))
            } else {
                String::new()
            };
            format!("{{\"schema\": {schema}, \"generated_at\": {generated}{findings}}}")
        })
}

fn well_formed_baseline() -> impl Strategy<Value = Baseline> {
    let entry = (
        any::<String>(),
        any::<String>(),
        any::<String>(),
        any::<Option<String>>(),
        any::<String>(),
    )
        .prop_map(
            |(fingerprint, rule, path, reference, message)| reflint::baseline::Entry {
                fingerprint,
                rule,
                path,
                reference,
                message,
            },
        );
    (any::<String>(), prop::collection::vec(entry, 0..5)).prop_map(|(generated_at, findings)| {
        Baseline {
            schema: reflint::baseline::SCHEMA.to_string(),
            generated_at,
            findings,
        }
    })
}

// ---------------------------------------------------------------------------------------
// The properties
// ---------------------------------------------------------------------------------------

proptest! {
    #![proptest_config(config(1000))]

    #[test]
    fn markdown_assembled(pieces in prop::collection::vec(md_piece(), 0..60)) {
        let src = pieces.concat();
        let doc = extract_markdown("p.md", &src);
        prop_assert_eq!(doc.format, Format::Markdown);
        positions_inside(&src, &doc)?;
        cite_all(&doc)?;
    }

    #[test]
    fn markdown_arbitrary(src in any::<String>()) {
        let doc = extract_markdown("p.md", &src);
        positions_inside(&src, &doc)?;
    }

    #[test]
    fn html_assembled(pieces in prop::collection::vec(html_piece(), 0..60)) {
        let src = pieces.concat();
        let doc = extract_html("p.html", &src);
        prop_assert_eq!(doc.format, Format::Html);
        positions_inside(&src, &doc)?;
        cite_all(&doc)?;
    }

    #[test]
    fn html_arbitrary(src in any::<String>()) {
        let doc = extract_html("p.html", &src);
        positions_inside(&src, &doc)?;
    }

    #[test]
    fn dates_found_are_spans_of_the_text(pieces in prop::collection::vec(date_piece(), 0..30)) {
        let text = pieces.concat();
        let found = find_dates(&text);
        let mut prev_end = 0;
        for d in &found {
            prop_assert!(d.start < d.end && d.end <= text.len(), "{:?} in {:?}", d, text);
            prop_assert!(text.is_char_boundary(d.start) && text.is_char_boundary(d.end));
            prop_assert!(d.start >= prev_end, "overlapping or unordered: {:?}", found);
            prev_end = d.end;
        }
        // parsing the whole text never panics; a text that is one date reads as that date
        let whole = parse_date(&text);
        if let ([only], Some(w)) = (found.as_slice(), whole) {
            if only.start == 0 && only.end == text.len() {
                prop_assert_eq!(only.date, w, "{:?}", text);
            }
        }
    }

    #[test]
    fn dates_parse_each_piece(s in date_piece(), t in any::<String>()) {
        let _ = parse_date(&s);
        let _ = parse_date(&t);
        let _ = find_dates(&t);
    }

    #[test]
    fn url_dates_are_valid(pieces in prop::collection::vec(url_piece(), 0..25)) {
        let url = pieces.concat();
        if let Some(d) = url_date(&url) {
            prop_assert!(d.is_valid(), "{:?} from {:?}", d, url);
        }
    }

    #[test]
    fn notes_parse(
        pieces in prop::collection::vec(note_piece(), 0..25),
        label in "[0-9a-z]{0,4}",
    ) {
        let text = pieces.concat();
        let r = parse_note(&note_def(label.clone(), text.clone()));
        prop_assert_eq!(&r.label, &label);
        prop_assert_eq!(&r.text, &text);
        if let Some(t) = &r.title {
            prop_assert!(!t.trim().is_empty(), "blank title from {:?}", text);
        }
        if let Some(d) = r.date {
            prop_assert!(d.is_valid(), "invalid date {:?} from {:?}", d, text);
        }
        if let Some(d) = r.accessed {
            prop_assert!(d.is_valid(), "invalid access date {:?} from {:?}", d, text);
        }
        for d in &r.all_dates {
            prop_assert!(d.is_valid(), "invalid date {:?} from {:?}", d, text);
        }
    }

    #[test]
    fn documents_cite(
        notes in prop::collection::vec(
            ("[0-9a-c]{0,2}", prop::collection::vec(note_piece(), 0..8)),
            0..12,
        ),
        markers in prop::collection::vec("[0-9a-c]{0,2}", 0..12),
    ) {
        let mut doc = Document::new("p.txt", Format::Text);
        for (i, (label, pieces)) in notes.into_iter().enumerate() {
            let mut n = note_def(label, pieces.concat());
            n.pos = Pos::new(i + 1, 1);
            doc.notes.push(n);
        }
        for (i, label) in markers.into_iter().enumerate() {
            doc.markers.push(Marker {
                label,
                pos: Pos::new(i + 1, 2),
                context: "As reported in 2019".to_string(),
            });
        }
        cite_all(&doc)?;
    }

    #[test]
    fn pages_read(pieces in prop::collection::vec(page_piece(), 0..50)) {
        let html = pieces.concat();
        let p = parse_page(&html);
        if let Some(d) = p.published {
            prop_assert!(d.is_valid(), "invalid published date {:?}", d);
        }
        prop_assert_eq!(p.published.is_some(), p.published_from.is_some());
        if let Some(t) = &p.title {
            prop_assert!(!t.is_empty() && t.trim() == t, "title {:?}", t);
            prop_assert!(!t.contains('\n'), "title {:?}", t);
        }
        for t in &p.titles {
            prop_assert!(!t.is_empty(), "empty title among {:?}", p.titles);
        }
        prop_assert!(p.shingles.windows(2).all(|w| w[0] < w[1]), "shingles not sorted and distinct");
        if let Some(l) = &p.language {
            prop_assert!(!l.is_empty() && l.chars().all(|c| c.is_ascii_lowercase()), "language {:?}", l);
        }
    }

    #[test]
    fn pages_arbitrary(html in any::<String>()) {
        let p = parse_page(&html);
        if let Some(d) = p.published {
            prop_assert!(d.is_valid());
        }
    }

    #[test]
    fn decode_any_bytes(
        bytes in prop::collection::vec(any::<u8>(), 0..2000),
        label in charset_label(),
        with_type in any::<bool>(),
    ) {
        let ct = format!("text/html; charset={label}");
        let _ = decode(&bytes, with_type.then_some(ct.as_str()));
        let _ = decode(&bytes, Some("text/html; charset"));
        let _ = decode(&bytes, Some(";;;=;charset=;"));
    }

    #[test]
    fn decode_keeps_ascii(
        // printable ASCII but `~` (HZ's escape), and no second charset declaration
        text in "[ -}\n\t]{0,300}".prop_map(|t| t.replace("charset", "")),
        label in charset_label().prop_filter("reads ASCII as ASCII", |l| !changes_ascii(l)),
        meta in charset_label().prop_filter("reads ASCII as ASCII", |l| !changes_ascii(l)),
        with_type in any::<bool>(),
    ) {
        // an ASCII page reads as itself whatever charset the header or a <meta> names, but
        // those that read ASCII as something else (UTF-16, ISO-2022-JP)
        let page = format!("<html><head><meta charset=\"{meta}\"><title>T</title></head><body>{text}");
        let ct = format!("text/html; charset={label}");
        let out = decode(page.as_bytes(), with_type.then_some(ct.as_str()));
        prop_assert_eq!(out, page);
    }

    #[test]
    fn config_assembled(lines in prop::collection::vec(toml_line(), 0..12)) {
        let src = lines.concat();
        match Config::parse(&src, "reflint.toml") {
            Ok(c) => {
                let _ = c.args(Command::Check);
                let _ = c.args(Command::Baseline);
            }
            Err(e) => config_error_ok(&src, &e)?,
        }
    }

    #[test]
    fn config_arbitrary(src in any::<String>()) {
        if let Err(e) = Config::parse(&src, "reflint.toml") {
            config_error_ok(&src, &e)?;
        }
    }

    #[test]
    fn baselines_assembled(text in baseline_text()) {
        match Baseline::parse(&text) {
            Ok(b) => {
                prop_assert_eq!(b.schema.as_str(), reflint::baseline::SCHEMA);
                prop_assert_eq!(Baseline::parse(&b.to_json()).ok(), Some(b));
            }
            Err(e) => prop_assert!(e.starts_with("not a valid baseline"), "{}", e),
        }
    }

    #[test]
    fn baselines_arbitrary(text in any::<String>()) {
        if let Err(e) = Baseline::parse(&text) {
            prop_assert!(e.starts_with("not a valid baseline"), "{}", e);
        }
    }

    #[test]
    fn baselines_round_trip(b in well_formed_baseline()) {
        prop_assert_eq!(Baseline::parse(&b.to_json()).ok(), Some(b));
    }
}

/// Pages nesting elements 100,000 deep are read in linear time, title and date kept
/// (html5ever alone takes minutes over such a page: it walks the stack of open elements for
/// each new block element). No timing here: a quadratic reader is a test that does not end.
#[test]
fn deeply_nested_pages_are_read() {
    let head = "<!doctype html><html><head><title>Deep</title>\
                <meta name=\"citation_publication_date\" content=\"2019/03/08\"></head><body>";
    for open in [
        "<div>",
        "<ul><li>",
        "<blockquote>",
        "<section><p>",
        "<DIV class=x>",
    ] {
        let html = format!("{head}{}", open.repeat(100_000));
        let p = parse_page(&html);
        assert_eq!(p.title.as_deref(), Some("Deep"), "{open}");
        assert_eq!(
            p.published.map(|d| d.to_string()).as_deref(),
            Some("2019-03-08"),
            "{open}"
        );
    }
    // what a shallow page says after many of its elements is still read (real pages hold
    // under 10,000 elements)...
    let flat = |n: usize| {
        format!(
            "<html><head><title>Flat</title></head><body>{}<h1>Heading</h1></body></html>",
            "<div><p>text</p><script>var a = '<div>';</script></div>".repeat(n)
        )
    };
    let p = parse_page(&flat(4_000));
    assert_eq!(p.title.as_deref(), Some("Flat"));
    assert!(p.titles.iter().any(|t| t == "Heading"), "{:?}", p.titles);
    // ...but not beyond the first 20,000 (a page's memory is bounded): the head still is
    let p = parse_page(&flat(20_000));
    assert_eq!(p.title.as_deref(), Some("Flat"));
    assert!(!p.titles.iter().any(|t| t == "Heading"), "{:?}", p.titles);
}
