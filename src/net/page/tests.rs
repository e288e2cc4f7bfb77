use super::title::{normalize, script_of, Script};
use super::*;

pub(super) fn day(y: i32, m: u32, d: u32) -> Option<PartialDate> {
    Some(PartialDate::day(y, m, d))
}

pub(super) fn from(p: &PageInfo) -> Option<&str> {
    p.published_from.as_deref()
}

/// A page with the given `<head>` content and `<body>` content.
pub(super) fn page(head: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html><html><head><meta charset=utf-8>{head}</head><body>{body}</body></html>"
    )
}

pub(super) fn lorem(seed: u64, words: usize) -> String {
    const VOCAB: &[&str] = &[
        "policy",
        "nuclear",
        "trade",
        "alliance",
        "security",
        "economy",
        "minister",
        "president",
        "summit",
        "talks",
        "sanctions",
        "missile",
        "border",
        "election",
        "market",
        "growth",
        "reform",
        "energy",
        "climate",
        "budget",
        "defense",
        "treaty",
        "agreement",
        "report",
        "analysis",
        "region",
        "government",
        "parliament",
        "court",
        "council",
        "strategy",
        "investment",
        "export",
        "import",
        "tariff",
        "currency",
    ];
    let mut x = seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1;
    (0..words)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            VOCAB[(x % VOCAB.len() as u64) as usize]
        })
        .collect::<Vec<_>>()
        .join(" ")
}

// -----------------------------------------------------------------------------------
// Realistic pages
// -----------------------------------------------------------------------------------

pub(super) const XINHUA: &str = r##"<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=gbk" />
<meta name="keywords" content="新年贺词,习近平" />
<meta name="description" content="国家主席习近平发表二〇二〇年新年贺词" />
<title>国家主席习近平发表二〇二〇年新年贺词_新华网</title>
<link rel="stylesheet" href="http://www.xinhuanet.com/static/css/main.css" />
<script type="text/javascript">var pubdate = "2019-12-31"; document.write("<div>2018-01-01</div>");</script>
</head>
<body>
<div class="topbar"><a href="http://www.xinhuanet.com/">新华网首页</a> | <a href="#">时政</a> | <a href="#">国际</a></div>
<div class="header-cont"><div class="h-news">
  <div class="h-title">国家主席习近平发表二〇二〇年新年贺词</div>
  <div class="h-info"><span class="h-time">2020-01-02 08:12:33</span> <span>来源： 新华网</span></div>
</div></div>
<div id="p-detail"><p>　　新华社北京12月31日电 新年前夕，国家主席习近平通过中央广播电视总台和互联网，发表了二〇二〇年新年贺词。全文如下：</p>
<p>　　大家好！时间过得真快，2020年就要到了，新年的钟声即将敲响。</p></div>
</body></html>"##;

#[test]
fn xinhua_title_site_and_dateline() {
    let p = parse_page(XINHUA);
    assert_eq!(
        p.title.as_deref(),
        Some("国家主席习近平发表二〇二〇年新年贺词_新华网")
    );
    assert!(p
        .titles
        .contains(&"国家主席习近平发表二〇二〇年新年贺词_新华网".to_string()));
    assert!(p
        .titles
        .contains(&"国家主席习近平发表二〇二〇年新年贺词".to_string()));
    assert_eq!(p.site_name.as_deref(), Some("新华网"));
    assert_eq!(p.published, day(2020, 1, 2));
    // the dateline's own element, which names it a time
    assert_eq!(from(&p), Some("span.h-time"));
    assert_eq!(p.language.as_deref(), Some("zh"));
    assert!(!p.not_found);
    assert!(!p.shingles.is_empty());
    assert_eq!(
        compare_titles("国家主席习近平发表二〇二〇年新年贺词", &p),
        TitleMatch::Match
    );
    assert_eq!(
        compare_titles("Full text of Xi Jinping's 2020 New Year speech", &p),
        TitleMatch::Unverifiable
    );
    assert_eq!(
        compare_titles("李克强主持召开国务院常务会议", &p),
        TitleMatch::Mismatch
    );
}

pub(super) const YONHAP: &str = r##"<!DOCTYPE html><html lang="ko"><head>
<meta charset="utf-8">
<title>北 "美, 비핵화 협상 시간 끌기"…연말 시한 재차 강조 | 연합뉴스</title>
<meta property="og:title" content="北 &quot;美, 비핵화 협상 시간 끌기&quot;…연말 시한 재차 강조">
<meta property="og:site_name" content="연합뉴스">
<script type="application/ld+json">
{"@context":"https://schema.org","@graph":[
  {"@type":"WebSite","@id":"https://www.yna.co.kr/#website","name":"연합뉴스"},
  {"@type":"WebPage","@id":"https://www.yna.co.kr/view/AKR20191029#webpage","dateModified":"2019-10-29T16:01:00+09:00"},
  {"@type":"NewsArticle","headline":"北 \"美, 비핵화 협상 시간 끌기\"…연말 시한 재차 강조",
   "datePublished":"2019-10-29T15:30:00+09:00","dateModified":"2019-10-29T16:01:00+09:00",
   "author":{"@type":"Person","name":"홍길동"},"publisher":{"@type":"Organization","name":"연합뉴스"}}
]}
</script>
</head><body>
<nav><a href="/">홈</a> <span>2024-05-01</span></nav>
<article><h1 class="tit">北 "美, 비핵화 협상 시간 끌기"…연말 시한 재차 강조</h1>
<p class="update-time">송고시간 2019-10-29 15:30</p>
<p>북한은 29일 미국이 비핵화 협상에서 시간 끌기를 하고 있다고 비난하며 연말 시한을 재차 강조했다.</p>
</article></body></html>"##;

#[test]
fn yonhap_json_ld_graph() {
    let p = parse_page(YONHAP);
    assert_eq!(p.published, day(2019, 10, 29));
    assert_eq!(from(&p), Some("json-ld datePublished"));
    assert_eq!(p.language.as_deref(), Some("ko"));
    assert_eq!(p.site_name.as_deref(), Some("연합뉴스"));
    assert_eq!(
        p.title.as_deref(),
        Some("北 \"美, 비핵화 협상 시간 끌기\"…연말 시한 재차 강조")
    );
    assert!(p.titles.iter().any(|t| t.ends_with("| 연합뉴스")));
    assert_eq!(
        compare_titles("北 \"美, 비핵화 협상 시간 끌기\"…연말 시한 재차 강조", &p),
        TitleMatch::Match
    );
    assert_eq!(
        compare_titles(
            "North Korea says U.S. is stalling denuclearization talks",
            &p
        ),
        TitleMatch::Unverifiable
    );
}

#[test]
fn yonhap_dateline_without_metadata() {
    let html = page(
        "<title>北 연말 시한 재차 강조 | 연합뉴스</title>",
        "<div class=\"gnb\">홈 정치 북한</div><h1>北 연말 시한 재차 강조</h1>\
         <p class=\"txt-time\">송고시간 2019-10-29 15:30</p><p>북한은 29일 연말 시한을 재차 강조했다.</p>",
    );
    let p = parse_page(&html);
    assert_eq!(p.published, day(2019, 10, 29));
    assert_eq!(from(&p), Some("p.txt-time"));
    assert_eq!(p.language.as_deref(), Some("ko"));
}

const WORDPRESS: &str = r##"<!DOCTYPE html>
<html lang="en-US">
<head>
<meta charset="UTF-8">
<title>Why the Iran Deal Still Matters &#8211; War on the Rocks</title>
<meta property="og:locale" content="en_US" />
<meta property="og:type" content="article" />
<meta property="og:title" content="Why the Iran Deal Still Matters" />
<meta property="og:site_name" content="War on the Rocks" />
<meta property="article:published_time" content="2019-10-17T08:00:12+00:00" />
<meta property="article:modified_time" content="2019-10-18T10:22:01+00:00" />
<script type="application/ld+json">{"@context":"https://schema.org","@type":"Article","datePublished":"2019-10-16T23:00:00+00:00"}</script>
<style>.entry-title{font-size:2em}</style>
</head>
<body class="post-template-default single single-post">
<header id="masthead"><nav class="main-navigation"><ul><li><a href="/">Home</a></li><li><a href="/about">About</a></li></ul></nav></header>
<main><article>
<h1 class="entry-title">Why the Iran Deal Still Matters</h1>
<div class="entry-meta"><span class="posted-on">Posted on <time class="entry-date published" datetime="2019-10-17T08:00:12+00:00">October 17, 2019</time><time class="updated" datetime="2019-10-18T10:22:01+00:00">October 18, 2019</time></span></div>
<div class="entry-content"><p>The Joint Comprehensive Plan of Action was never meant to solve every problem with Iran. It was designed to do one thing: keep Tehran from building a nuclear weapon while diplomacy continued.</p></div>
</article></main>
</body></html>"##;

#[test]
fn wordpress_article_published_time() {
    let p = parse_page(WORDPRESS);
    assert_eq!(p.published, day(2019, 10, 17));
    assert_eq!(from(&p), Some("meta[property=article:published_time]"));
    assert_eq!(p.title.as_deref(), Some("Why the Iran Deal Still Matters"));
    assert_eq!(p.site_name.as_deref(), Some("War on the Rocks"));
    assert_eq!(p.language.as_deref(), Some("en"));
    assert!(p
        .titles
        .contains(&"Why the Iran Deal Still Matters – War on the Rocks".to_string()));
    assert_eq!(
        compare_titles("Why the Iran Deal Still Matters", &p),
        TitleMatch::Match
    );
    assert_eq!(
        compare_titles("“Why the Iran deal still matters,” War on the Rocks", &p),
        TitleMatch::Match
    );
}

const DRUPAL: &str = r##"<!DOCTYPE html>
<html lang="en" dir="ltr" prefix="content: http://purl.org/rss/1.0/modules/content/">
<head>
<meta charset="utf-8" />
<meta name="Generator" content="Drupal 8 (https://www.drupal.org)" />
<title>Arms Control in a Multipolar World | Arms Control Association</title>
</head>
<body class="path-node page-node-type-article">
<div class="dialog-off-canvas-main-canvas">
<nav role="navigation"><time datetime="2024-01-01T00:00:00Z">Today</time></nav>
<div class="region region-content">
<article role="article" class="node node--type-article">
<h1 class="page-title"><span>Arms Control in a Multipolar World</span></h1>
<div class="node__meta"><span>Submitted by editor on</span> <time datetime="2020-03-04T12:00:00Z">Wed, 03/04/2020 - 07:00</time></div>
<div class="field field--name-body"><p>Arms control agreements between the United States and Russia face new pressures as China expands its arsenal.</p></div>
</article></div></div></body></html>"##;

#[test]
fn drupal_time_datetime() {
    let p = parse_page(DRUPAL);
    // The nav's <time> comes first in the document, but navigation is not the article: the
    // article's meta block (which holds its <time>) dates it.
    assert_eq!(from(&p), Some("div.node__meta"));
    assert_eq!(p.published, day(2020, 3, 4));
    assert_eq!(p.site_name.as_deref(), Some("Arms Control Association"));
    assert_eq!(
        p.title.as_deref(),
        Some("Arms Control in a Multipolar World | Arms Control Association")
    );
    assert!(p
        .titles
        .contains(&"Arms Control in a Multipolar World".to_string()));
}

const CSIS: &str = r##"<!DOCTYPE html><html lang="en" dir="ltr"><head>
<meta charset="utf-8" />
<title>A Small Deal with Big Consequences | CSIS</title>
<meta name="citation_title" content="A Small Deal with Big Consequences" />
<meta name="citation_publication_date" content="2019/10/08" />
<meta name="twitter:title" content="A Small Deal with Big Consequences" />
</head><body>
<div class="layout"><h1 class="headline">A Small Deal with Big Consequences</h1>
<p class="byline">Commentary by Matthew P. Goodman — Published October 8, 2019</p>
<p>The U.S.-Japan trade agreement signed this week covers only a fraction of bilateral trade, but its consequences reach further.</p></div>
</body></html>"##;

#[test]
fn csis_title_and_citation_date() {
    let p = parse_page(CSIS);
    assert_eq!(p.published, day(2019, 10, 8));
    assert_eq!(from(&p), Some("meta[name=citation_publication_date]"));
    assert_eq!(p.site_name.as_deref(), Some("CSIS"));
    assert_eq!(
        p.title.as_deref(),
        Some("A Small Deal with Big Consequences | CSIS")
    );
    assert_eq!(
        p.titles,
        vec![
            "A Small Deal with Big Consequences".to_string(),
            "A Small Deal with Big Consequences | CSIS".to_string(),
        ]
    );
    assert_eq!(
        compare_titles("A Small Deal with Big Consequences", &p),
        TitleMatch::Match
    );
    assert_eq!(
        compare_titles("a small deal with BIG consequences.", &p),
        TitleMatch::Match
    );
    assert_eq!(
        compare_titles("A Small Deal with Big Consequences | CSIS", &p),
        TitleMatch::Match
    );
    assert_eq!(
        compare_titles("North Korea's Missile Tests Signal a New Strategy", &p),
        TitleMatch::Mismatch
    );
}

#[test]
fn title_sources_and_order() {
    let html = page(
        "<meta property=\"og:title\" content=\"OG  Title\">\
         <meta name=\"twitter:title\" content=\"Twitter Title\">\
         <title>\n  Element\n Title  </title>\
         <meta name=\"citation_title\" content=\"Citation Title\">\
         <script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"headline\":\"Ld Headline\"}</script>",
        "<nav><h1>Menu</h1></nav><svg><title>icon</title></svg><h1>Heading <em>One</em></h1><h1>Second</h1>",
    );
    let p = parse_page(&html);
    assert_eq!(p.title.as_deref(), Some("OG Title"));
    assert_eq!(
        p.titles,
        vec![
            "OG Title",
            "Twitter Title",
            "Element Title",
            "Heading One",
            "Citation Title",
            "Ld Headline"
        ]
    );
    // Without og:title, the <title>; without either, the first h1.
    let p = parse_page(&page("<title>Only Title</title>", "<h1>Head</h1>"));
    assert_eq!(p.title.as_deref(), Some("Only Title"));
    let p = parse_page(&page(
        "",
        "<svg><title>icon</title></svg><h1> Just  the heading </h1>",
    ));
    assert_eq!(p.title.as_deref(), Some("Just the heading"));
    assert_eq!(p.titles, vec!["Just the heading".to_string()]);
}

// -----------------------------------------------------------------------------------
// Hostile and degenerate input
// -----------------------------------------------------------------------------------

#[test]
fn empty_and_whitespace_input() {
    assert_eq!(parse_page(""), PageInfo::default());
    assert_eq!(parse_page("  \n\t "), PageInfo::default());
    let p = parse_page("<html></html>");
    assert_eq!(p.title, None);
    assert!(p.titles.is_empty() && p.shingles.is_empty() && !p.not_found);
}

#[test]
fn malformed_html_is_read_as_browsers_do() {
    let html =
        "<html><head><title>Broken <b>page</title><meta property=og:title content='Og &amp; Title'\
         <body><h1>Unclosed heading<p>text <div><time datetime=2019-10-17>x</div>\
         <p>more <i>italic <b>bold</i> text";
    let p = parse_page(html);
    assert_eq!(p.title.as_deref(), Some("Og & Title"));
    assert!(
        p.titles.iter().any(|t| t == "Broken <b>page"),
        "{:?}",
        p.titles
    );
    assert!(
        p.titles
            .iter()
            .any(|t| t.starts_with("Unclosed heading text")),
        "{:?}",
        p.titles
    );
    assert_eq!(p.published, day(2019, 10, 17));
    for junk in [
        "<<<>>>",
        "<html lang>",
        "<meta content>",
        "<script type=application/ld+json>{{{{",
        "<time datetime>",
        "\u{0}\u{1}<title>\u{FEFF}</title>",
        "<title>",
        "</html></body><body><title>x</title>",
        "<svg><title>icon</title><h1>in svg</h1>",
        "<h1>",
        "<span itemprop=datePublished>",
    ] {
        let _ = parse_page(junk);
    }
}

#[test]
fn deep_nesting_and_huge_pages_are_bounded() {
    let deep = format!(
        "{}deep text 2019-10-17{}",
        "<div>".repeat(20_000),
        "</div>".repeat(20_000)
    );
    let p = parse_page(&deep);
    assert!(!p.shingles.is_empty());
    let huge_h1 = format!("<h1>{}</h1>", "title ".repeat(100_000));
    let p = parse_page(&huge_h1);
    assert!(p
        .title
        .as_deref()
        .is_some_and(|t| t.chars().count() <= MAX_TITLE_CHARS));
    let big = format!("<p>{}</p>", lorem(9, 300_000));
    let started = std::time::Instant::now();
    let p = parse_page(&big);
    assert!(p.shingles.len() <= MAX_SHINGLE_WORDS);
    assert!(started.elapsed().as_secs() < 20);
}

#[test]
fn visible_text_separates_blocks_but_not_inline_elements() {
    let mut w = Walk::default();
    let doc = Html::parse_document(
        "<body><p>Hel<b>lo</b></p><p>world</p><div>a<br>b</div><script>x</script></body>",
    );
    w.run(&doc);
    assert_eq!(w.text.buf.trim(), "Hello\nworld\na\nb");
}

#[test]
fn helpers_are_safe_on_char_boundaries() {
    assert_eq!(prefix("日本語", 4), "日");
    assert_eq!(prefix("日本語", 100), "日本語");
    assert_eq!(prefix("日本語", 0), "");
    assert_eq!(suffix_from("日本語", 1), "本語");
    assert_eq!(suffix_from("日本語", 100), "");
    assert_eq!(first_chars("日本語", 2), "日本");
    assert_eq!(primary_subtag("zh-Hans-CN").as_deref(), Some("zh"));
    assert_eq!(primary_subtag("x").as_deref(), None);
    assert_eq!(primary_subtag("").as_deref(), None);
    assert_eq!(
        normalize("  Ça  va? L'État & “moi” "),
        "ca va letat and moi"
    );
    assert_eq!(script_of("2019"), None);
    assert_eq!(script_of("東京タワー"), Some(Script::Japanese));
    assert_eq!(script_of("东京塔"), Some(Script::Han));
    assert_eq!(script_of("서울 타워"), Some(Script::Hangul));
    assert_eq!(script_of("Moscow Москва Москва"), Some(Script::Cyrillic));
}

#[test]
fn serde_round_trip() {
    let mut p = parse_page(WORDPRESS);
    let json = serde_json::to_value(&p).unwrap_or_default();
    assert_eq!(json["published"], "2019-10-17");
    assert_eq!(
        json["published_from"],
        "meta[property=article:published_time]"
    );
    assert!(json.get("shingles").is_none());
    let back: PageInfo = serde_json::from_value(json).unwrap_or_default();
    p.shingles.clear();
    assert_eq!(back, p);
    let none: PageInfo = serde_json::from_str("{\"title\":null,\"titles\":[],\"site_name\":null,\"published_from\":null,\"language\":null,\"not_found\":false}").unwrap_or_else(|_| PageInfo { not_found: true, ..PageInfo::default() });
    assert_eq!(none, PageInfo::default());
    assert!(serde_json::from_str::<PageInfo>(
        "{\"titles\":[],\"published\":\"bogus\",\"not_found\":false}"
    )
    .is_err());
    let month: PageInfo =
        serde_json::from_str("{\"titles\":[],\"published\":\"2019-10\",\"not_found\":false}")
            .unwrap_or_default();
    assert_eq!(month.published, Some(PartialDate::month(2019, 10)));
}

// -----------------------------------------------------------------------------------
// More pages and helpers
// -----------------------------------------------------------------------------------

#[test]
fn json_ld_headline_prefers_the_article() {
    let html = page(
        r#"<script type="application/ld+json">{"@graph":[
                 {"@type":"WebSite","headline":"Site Headline"},
                 {"@type":"NewsArticle","headline":["  The   Real Headline "],"datePublished":{"@value":"2020-02-02"}}]}</script>"#,
        "",
    );
    let p = parse_page(&html);
    assert_eq!(p.titles, vec!["The Real Headline".to_string()]);
    assert_eq!(p.title, None);
    assert_eq!(p.published, day(2020, 2, 2));
    assert_eq!(compare_titles("The Real Headline", &p), TitleMatch::Match);
}

#[test]
fn european_pages() {
    let html = r#"<!DOCTYPE html><html lang="de-DE"><head>
<title>Bundestag beschließt neues Klimaschutzgesetz - DER SPIEGEL</title>
<meta property="og:site_name" content="DER SPIEGEL">
<meta name="date" content="2019-11-15T14:02:00+01:00">
</head><body><article><h1>Bundestag beschließt neues Klimaschutzgesetz</h1>
<p>Der Bundestag hat am Freitag das Klimaschutzgesetz verabschiedet.</p></article></body></html>"#;
    let p = parse_page(html);
    assert_eq!(p.language.as_deref(), Some("de"));
    assert_eq!(p.site_name.as_deref(), Some("DER SPIEGEL"));
    assert_eq!(p.published, day(2019, 11, 15));
    assert_eq!(from(&p), Some("meta[name=date]"));
    // "ß" folds to "ss".
    assert_eq!(
        compare_titles("Bundestag beschliesst neues Klimaschutzgesetz", &p),
        TitleMatch::Match
    );
    assert_eq!(
        compare_titles("Bundestag beschließt neues Klimaschutzgesetz", &p),
        TitleMatch::Match
    );
    let html = r#"<html lang="es"><head><title>El Gobierno aprueba la reforma laboral | Economía | EL PAÍS</title></head>
<body><h1>El Gobierno aprueba la reforma laboral</h1><p>Publicado el 28 de diciembre. Madrid - 28 dic 2021 - 10:15 CET</p></body></html>"#;
    let p = parse_page(html);
    assert_eq!(p.language.as_deref(), Some("es"));
    assert_eq!(p.site_name.as_deref(), Some("EL PAÍS"));
    assert!(p
        .titles
        .contains(&"El Gobierno aprueba la reforma laboral".to_string()));
    assert_eq!(
        compare_titles("El gobierno aprueba la reforma laboral", &p),
        TitleMatch::Match
    );
}

#[test]
fn japanese_page() {
    let html = r#"<!DOCTYPE html><html lang="ja"><head>
<title>日米貿易協定が発効：日本経済新聞</title>
<meta property="og:title" content="日米貿易協定が発効">
<meta property="og:site_name" content="日本経済新聞">
</head><body><h1>日米貿易協定が発効</h1><p>2020年1月1日 0:00</p><p>日米貿易協定が1日発効した。</p></body></html>"#;
    let p = parse_page(html);
    assert_eq!(p.language.as_deref(), Some("ja"));
    assert_eq!(p.published, day(2020, 1, 1));
    assert_eq!(from(&p), Some("text"));
    assert_eq!(compare_titles("日米貿易協定が発効", &p), TitleMatch::Match);
    assert_eq!(
        compare_titles("US-Japan Trade Agreement Enters into Force", &p),
        TitleMatch::Unverifiable
    );
    assert_eq!(
        compare_titles("中国经济增长放缓", &p),
        TitleMatch::Unverifiable
    );
}

#[test]
fn non_html_and_binary_like_input() {
    let p = parse_page("just some plain text, no tags at all, written October 17, 2019");
    assert_eq!(p.title, None);
    assert_eq!(p.published, day(2019, 10, 17));
    assert!(!p.shingles.is_empty());
    let junk: String = (0u32..2_000)
        .filter_map(|i| char::from_u32((i * 7919) % 0x3000))
        .collect();
    let _ = parse_page(&junk);
    let p = parse_page("{\"json\": true}");
    assert!(!p.not_found);
}

proptest::proptest! {
    /// ASCII text takes a shorter way into the visible text, to the same result.
    #[test]
    fn ascii_text_is_collected_as_any_text_is(
        pieces in proptest::collection::vec("[a-c \t\n\r\u{0C}]{0,12}", 0..8),
        breaks in proptest::collection::vec(proptest::bool::ANY, 8),
    ) {
        let mut fast = super::VisibleText::default();
        let mut slow = super::VisibleText::default();
        for (i, p) in pieces.iter().enumerate() {
            fast.push(p);
            slow.push_any(p);
            if breaks.get(i).copied().unwrap_or(false) {
                fast.brk();
                slow.brk();
            }
            proptest::prop_assert_eq!(&fast.buf, &slow.buf);
            proptest::prop_assert_eq!(fast.pending_space, slow.pending_space);
        }
    }
}
