//! Online checking against a loopback web started in-process (`tests/common/web.rs`): one
//! simulated host per behaviour, every request recorded. No test touches any address but
//! 127.0.0.1: documents cite made-up or real host names and `--remap` sends every request to
//! the fixture.

mod common;

use std::path::Path;
use std::process::{Command, Output};
use std::time::Duration;

use common::web::{Behaviour, HostSpec, Web};
use serde_json::Value;

fn reflint(args: &[String], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_reflint"))
        .args(args)
        .current_dir(cwd)
        .env("CI", "true")
        .env_remove("NO_COLOR")
        .output()
        .expect("reflint runs")
}

fn args(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

fn report(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}); stderr: {}",
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

fn link<'a>(r: &'a Value, url: &str) -> &'a Value {
    r["links"]
        .as_array()
        .and_then(|ls| ls.iter().find(|l| l["url"] == url))
        .unwrap_or_else(|| panic!("no link {url} in {}", r["links"]))
}

fn findings<'a>(r: &'a Value, rule: &str) -> Vec<&'a Value> {
    r["documents"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|d| d["findings"].as_array().into_iter().flatten())
        .filter(|f| f["rule"] == rule)
        .collect()
}

fn sample() -> String {
    std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/references/peninsula-prospects.txt"
    ))
    .expect("sample")
}

fn page(title: &str, extra_head: &str, body: &str) -> String {
    format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title}</title>{extra_head}</head>\
         <body><nav>Home | World | Politics</nav><article><h1>{title}</h1>{body}</article></body></html>"
    )
}

fn prose(topic: &str) -> String {
    (0..12)
        .map(|i| format!("<p>Paragraph {i} about {topic}: officials met again on the question of {topic}, and observers wrote about sanctions, summits, envoys and talks number {i}.</p>"))
        .collect()
}

/// The sample's 12 URLs on a loopback web, with assorted behaviours.
fn sample_web() -> Web {
    let (gbk, _, _) = encoding_rs::GBK.encode(
        "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">\
         <title>朝鲜劳动党七届五中全会释放的重要信号_新华网</title></head><body>\
         <div class=\"h-title\">朝鲜劳动党七届五中全会释放的重要信号</div>\
         <div class=\"h-info\">2020-01-02 08:12:33 来源：新华网</div>\
         <p>新华社平壤1月1日电 朝鲜劳动党第七届中央委员会第五次全体会议于2019年12月28日至31日在平壤举行。</p></body></html>",
    );
    let home = page("Xinhuanet home", "", &prose("the front page"));
    let generic = page("Uriminzokkiri", "", &prose("our nation"));
    Web::start(vec![
        HostSpec::new("www.xinhuanet.com")
            .route(
                "//2020-01/02/c_1125416394.htm",
                Behaviour::page(200, "text/html", gbk.into_owned()),
            )
            .route(
                "//2018-03/28/c_1122600292.htm",
                Behaviour::html(page(
                    "Xi Jinping Meets with Kim Jong Un",
                    "<meta property=\"article:published_time\" content=\"2018-03-28T08:00:00+08:00\">",
                    &prose("the meeting"),
                )),
            )
            .route(
                "/mil/2018-04/28/c_129861582.htm",
                Behaviour::redirect(302, "http://www.xinhuanet.com/"),
            )
            .route("/", Behaviour::html(home)),
        HostSpec::new("politics.people.com.cn"), // every path 404
        HostSpec::new("cn.yna.co.kr")
            .route(
                "/view/ACK20190628005700881",
                Behaviour::forbid_robots(Behaviour::html(page("Report", "", &prose("envoys")))),
            )
            .route(
                "/view/ACK20191029000200881?section=nk/index",
                Behaviour::html(page(
                    "North Korea's Second-in-Command Urges the US to Abandon Its Hostile Policy",
                    "<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"@graph\":[{\"@type\":\"NewsArticle\",\"headline\":\"x\",\"datePublished\":\"2019-10-29T15:30:00+09:00\"}]}</script>",
                    &prose("the second-in-command"),
                )),
            ),
        HostSpec::new("www.csis.org")
            .route(
                "/analysis/small-deal-within-big-deal-0",
                Behaviour::redirect(301, "/analysis/small-deal-within-big-deal"),
            )
            .route(
                "/analysis/small-deal-within-big-deal",
                Behaviour::html(page("A Small Deal with a Big Deal | CSIS", "", &prose("deals"))),
            ),
        HostSpec::new("www.uriminzokkiri.com").fallback(Behaviour::html(generic)),
        HostSpec::new("www.nbcnews.com").route(
            "/news/world/north-korea-s-foreign-minister-visits-iran-after-u-s-n898611",
            Behaviour::sequence(vec![
                Behaviour::Page {
                    status: 429,
                    headers: vec![("retry-after".into(), "1".into())],
                    body: Vec::new(),
                },
                Behaviour::html(page(
                    "North Korea's Foreign Minister Visits Iran after U.S. Pulls Out of Nuclear Deal",
                    "",
                    &prose("Iran"),
                )),
            ]),
        ),
        HostSpec::new("www.foreignpolicyjournal.com").route(
            "/2019/03/08/what-next-for-the-korean-denuclearization",
            Behaviour::sequence(vec![
                Behaviour::status(503),
                Behaviour::html(page(
                    "What Next for the Korean Denuclearization?",
                    "<meta property=\"article:published_time\" content=\"2019-03-08T10:00:00Z\">",
                    &prose("denuclearization"),
                )),
            ]),
        ),
        HostSpec::new("m.ckxx.net").fallback(Behaviour::Hang),
        HostSpec::new("www.38north.org")
            .route(
                "/2019/10/depetris101719",
                Behaviour::gzip(Behaviour::html(page(
                    "John Bolton's Awful Legacy on North Korea - 38 North",
                    "<meta property=\"article:published_time\" content=\"2019-10-17T12:00:00Z\">",
                    &prose("Bolton"),
                ))),
            ),
    ])
}

fn online_args(web: &Web, extra: &[&str]) -> Vec<String> {
    let mut a = args(&[
        "check",
        "--format",
        "json",
        "--timeout",
        "1",
        "--retries",
        "1",
        "--host-interval",
        "0",
        "--no-archive",
    ]);
    a.extend(web.remap_args());
    a.extend(args(extra));
    a
}

#[test]
fn the_sample_against_a_loopback_web() {
    let web = sample_web();
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("doc.txt"), sample()).expect("write");
    let out = reflint(&online_args(&web, &["--no-cache", "doc.txt"]), dir.path());
    let r = report(&out);
    let status = |u: &str| link(&r, u)["status"].as_str().unwrap_or("").to_string();
    let expect = [
        ("http://www.xinhuanet.com//2020-01/02/c_1125416394.htm", "alive"),
        ("http://www.xinhuanet.com//2018-03/28/c_1122600292.htm", "alive"),
        ("http://www.xinhuanet.com/mil/2018-04/28/c_129861582.htm", "soft-404"),
        ("http://politics.people.com.cn/n1/2019/0623/c1024-31175221.html", "dead"),
        ("https://cn.yna.co.kr/view/ACK20190628005700881", "blocked"),
        ("https://www.csis.org/analysis/small-deal-within-big-deal-0", "redirected"),
        (
            "http://www.uriminzokkiri.com/index.php?lang=chn&ptype=cfonew&mtype=view&no=26053",
            "soft-404",
        ),
        (
            "https://www.nbcnews.com/news/world/north-korea-s-foreign-minister-visits-iran-after-u-s-n898611",
            "alive",
        ),
        (
            "https://www.foreignpolicyjournal.com/2019/03/08/what-next-for-the-korean-denuclearization",
            "alive",
        ),
        ("http://m.ckxx.net/shouye/p/153742.html", "unreachable"),
        (
            "https://cn.yna.co.kr/view/ACK20191029000200881?section=nk/index",
            "alive",
        ),
        ("https://www.38north.org/2019/10/depetris101719", "alive"),
    ];
    for (u, s) in expect {
        assert_eq!(status(u), s, "{u}: {}", link(&r, u));
    }
    assert_eq!(r["summary"]["urls"], 12);
    // the page's own dates: note 1 (years differ: error) and note 22 (days differ: warning)
    let dpm = findings(&r, "date-page-mismatch");
    let by_note = |n: &str| dpm.iter().find(|f| f["reference"] == n).copied();
    let n1 = by_note("1").expect("note 1 date-page-mismatch");
    assert_eq!(n1["severity"], "error");
    assert_eq!(n1["evidence"]["found"], "2020-01-02");
    let n22 = by_note("22").expect("note 22 date-page-mismatch");
    assert_eq!(n22["severity"], "warning");
    assert_eq!(n22["evidence"]["found"], "2019-10-29");
    // pages whose date agrees are not reported
    assert!(by_note("2").is_none() && by_note("24").is_none(), "{dpm:?}");
    // each status has its rule, at the note that cites the link
    let rule_of = |rule: &str, note: &str| {
        findings(&r, rule)
            .iter()
            .any(|f| f["reference"] == note)
    };
    assert!(rule_of("link-dead", "4"));
    assert!(rule_of("link-soft-404", "3"));
    assert!(rule_of("link-soft-404", "7"));
    assert!(rule_of("link-blocked", "5"));
    assert!(rule_of("link-redirected", "6"));
    assert!(rule_of("link-unreachable", "19"));
    // the redirect is reported with its target, the URL as written kept
    let csis = link(&r, "https://www.csis.org/analysis/small-deal-within-big-deal-0");
    assert_eq!(
        csis["final_url"],
        "https://www.csis.org/analysis/small-deal-within-big-deal"
    );
    // page metadata: the GBK page's title and dateline were read
    let x = link(&r, "http://www.xinhuanet.com//2020-01/02/c_1125416394.htm");
    assert!(x["page"]["title"]
        .as_str()
        .unwrap_or("")
        .contains("朝鲜劳动党"));
    assert_eq!(x["page"]["published"], "2020-01-02");
    // retries: 429 honoured its Retry-After, 503 was retried, both once
    let nbc = web.requests_to(
        "www.nbcnews.com",
        "/news/world/north-korea-s-foreign-minister-visits-iran-after-u-s-n898611",
    );
    assert_eq!(nbc.len(), 2, "{nbc:?}");
    assert!(nbc[1].at - nbc[0].at >= Duration::from_millis(950));
    assert_eq!(
        web.hits(
            "www.foreignpolicyjournal.com",
            "/2019/03/08/what-next-for-the-korean-denuclearization"
        ),
        2
    );
    // politeness: never more than 2 requests in flight to one host (the default)
    for h in web.names() {
        assert!(web.max_in_flight(&h) <= 2, "{h}: {}", web.max_in_flight(&h));
    }
    // only GET: a HEAD answer is never trusted alone
    for h in web.names() {
        assert!(web.requests(&h).iter().all(|q| q.method == "GET"));
    }
    // 12 links, errors among them
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
}
