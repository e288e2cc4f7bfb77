//! Online checking against a loopback web started in-process (`tests/common/web.rs`): one
//! simulated host per behaviour, every request recorded. No test touches any address but
//! loopback (127.0.0.0/8): documents cite made-up or real host names and `--remap` sends every request to
//! the fixture.

mod common;

use std::time::Duration;

use common::run::{args, link, reflint, report, write_doc};
use common::web::{Behaviour, HostSpec, Web};
use serde_json::Value;

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
                // the page's real title: one word differs from the sample's citation
                Behaviour::html(page(
                    "A Small Deal within a Big Deal | Center for Strategic and International Studies",
                    "",
                    &prose("deals"),
                )),
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
                    "Sanctions Relief and the Six-Party Talks Revisited",
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
    // titles: a different one is a warning, and so is one changed word in a short title,
    // with the page's title (its site name set aside) as the suggestion; a Chinese page cited
    // by an English title (a translation, as is normal) says nothing; a title with the site
    // name added is a match
    let tpm = findings(&r, "title-page-mismatch");
    let tpm_of = |n: &str| tpm.iter().find(|f| f["reference"] == n).copied();
    assert_eq!(
        tpm_of("18").map(|f| f["severity"].clone()),
        Some(Value::from("warning")),
        "{tpm:?}"
    );
    assert!(tpm_of("1").is_none(), "{tpm:?}");
    let n6 = tpm_of("6").expect("note 6: title-page-mismatch");
    assert_eq!(n6["severity"], "warning");
    assert_eq!(n6["suggestion"], "A Small Deal within a Big Deal", "{n6}");
    assert!(tpm_of("24").is_none() && tpm_of("2").is_none(), "{tpm:?}");
    // each status has its rule, at the note that cites the link
    let rule_of =
        |rule: &str, note: &str| findings(&r, rule).iter().any(|f| f["reference"] == note);
    assert!(rule_of("link-dead", "4"));
    assert!(rule_of("link-soft-404", "3"));
    assert!(rule_of("link-soft-404", "7"));
    assert!(rule_of("link-blocked", "5"));
    assert!(rule_of("link-redirected", "6"));
    assert!(rule_of("link-unreachable", "19"));
    // the redirect is reported with its target, the URL as written kept
    let csis = link(
        &r,
        "https://www.csis.org/analysis/small-deal-within-big-deal-0",
    );
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
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The online findings of references whose links were fetched are worked out while the other
/// links are checked; those whose links come from the cache, after the run. Both must give
/// the same findings.
#[test]
fn online_findings_are_the_same_fetched_or_cached() {
    let web = sample_web();
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("doc.txt"), sample()).expect("write");
    let a = online_args(&web, &["doc.txt"]);
    let first = report(&reflint(&a, dir.path()));
    let second = report(&reflint(&a, dir.path()));
    let cached = second["links"].as_array().map_or(0, |ls| {
        ls.iter().filter(|l| l["from_cache"] == true).count()
    });
    assert!(cached >= 8, "most links come from the cache: {cached}");
    let online = |r: &Value| -> Vec<Value> {
        r["documents"][0]["findings"]
            .as_array()
            .map(|fs| {
                fs.iter()
                    .filter(|f| {
                        let rule = f["rule"].as_str().unwrap_or("");
                        rule.starts_with("link-") || rule.ends_with("-page-mismatch")
                    })
                    .cloned()
                    .collect()
            })
            .unwrap_or_default()
    };
    let (fetched, from_cache) = (online(&first), online(&second));
    assert!(fetched.len() >= 9, "{fetched:?}");
    assert_eq!(fetched, from_cache);
}

#[test]
fn each_behaviour_gets_its_status() {
    let web = Web::start(vec![
        HostSpec::new("gone.test").route("/a/b", Behaviour::status(410)),
        HostSpec::new("loop.test")
            .route("/a/1", Behaviour::redirect(302, "/a/2"))
            .route("/a/2", Behaviour::redirect(302, "http://loop.test/a/1")),
        HostSpec::new("reset.test").fallback(Behaviour::Reset),
        HostSpec::new("big.test").route(
            "/big/file",
            Behaviour::large(
                50 * 1024 * 1024,
                "<html><head><title>Fifty megabytes</title><meta name=\"citation_publication_date\" content=\"2019/03/08\"></head><body>",
            ),
        ),
        HostSpec::new("nf.test")
            .route(
                "/news/1",
                Behaviour::html(page("页面不存在", "", "<p>您访问的页面不存在或已被删除。</p>")),
            )
            .fallback(Behaviour::not_found()),
        HostSpec::new("gzip.test").route(
            "/g/page",
            Behaviour::gzip(Behaviour::html(page("Compressed page", "", &prose("gzip")))),
        ),
        HostSpec::new("refused.test"),
    ]);
    let dir = tempfile::tempdir().expect("tempdir");
    let refused = {
        // a port nothing listens on
        let l = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        l.local_addr().expect("addr").port()
    };
    let urls = vec![
        web.url("gone.test", "/a/b"),
        web.url("loop.test", "/a/1"),
        web.url("reset.test", "/x/y"),
        web.url("big.test", "/big/file"),
        web.url("nf.test", "/news/1"),
        web.url("gzip.test", "/g/page"),
        "http://closed.test/p/q".to_string(),
    ];
    write_doc(dir.path(), &urls);
    let mut a = online_args(&web, &["--no-cache", "doc.md"]);
    a.extend(args(&[
        "--remap",
        &format!("^http://closed\\.test/ http://127.0.0.1:{refused}/"),
    ]));
    let started = std::time::Instant::now();
    let out = reflint(&a, dir.path());
    let elapsed = started.elapsed();
    let r = report(&out);
    let status = |u: &str| link(&r, u)["status"].as_str().unwrap_or("").to_string();
    assert_eq!(status(&urls[0]), "dead");
    assert_eq!(link(&r, &urls[0])["http_status"], 410);
    assert_eq!(status(&urls[1]), "dead");
    assert!(link(&r, &urls[1])["reason"]
        .as_str()
        .unwrap_or("")
        .contains("loop"));
    assert_eq!(status(&urls[2]), "unreachable");
    assert_eq!(status(&urls[3]), "alive");
    assert_eq!(link(&r, &urls[3])["page"]["title"], "Fifty megabytes");
    assert_eq!(link(&r, &urls[3])["page"]["published"], "2019-03-08");
    // the body is read only as far as the cap: most of the 50 MB is never even sent
    // (the server sees the closed connection a moment after reflint has exited)
    let mut big = web.requests_to("big.test", "/big/file");
    for _ in 0..100 {
        if big.iter().all(|q| q.done.is_some()) {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
        big = web.requests_to("big.test", "/big/file");
    }
    assert_eq!(big.len(), 1, "fetched once");
    assert!(big[0].done.is_some());
    assert!(
        big[0].body_bytes < 20 * 1024 * 1024,
        "{} bytes sent",
        big[0].body_bytes
    );
    assert_eq!(status(&urls[4]), "soft-404");
    assert_eq!(status(&urls[5]), "alive");
    assert_eq!(link(&r, &urls[5])["page"]["title"], "Compressed page");
    // refused on every try: dead, but the network as a whole was there
    assert_eq!(status(&urls[6]), "dead");
    assert_ne!(out.status.code(), Some(3));
    // the reset was retried (--retries 1), the loop was not (and not followed round again)
    assert_eq!(web.hits("reset.test", "/x/y"), 2, "{}", link(&r, &urls[2]));
    assert_eq!(web.hits("loop.test", "/a/1"), 1);
    assert_eq!(web.hits("loop.test", "/a/2"), 1);
    // the 50 MB body was not read to its end
    assert!(elapsed < Duration::from_secs(20), "{elapsed:?}");
}

#[test]
fn the_per_host_limit_and_spacing_hold() {
    let slow =
        |i: usize| Behaviour::html(page(&format!("Slow {i}"), "", &prose("waiting"))).after_ms(150);
    let mut host = HostSpec::new("slow.test");
    for i in 0..12 {
        host = host.route(format!("/p/{i}"), slow(i));
    }
    let mut spaced = HostSpec::new("spaced.test");
    for i in 0..5 {
        spaced = spaced.route(
            format!("/s/{i}"),
            Behaviour::html(page("s", "", &prose("s"))),
        );
    }
    let web = Web::start(vec![host, spaced]);
    let dir = tempfile::tempdir().expect("tempdir");
    let mut urls: Vec<String> = (0..12)
        .map(|i| web.url("slow.test", &format!("/p/{i}")))
        .collect();
    urls.extend((0..5).map(|i| web.url("spaced.test", &format!("/s/{i}"))));
    write_doc(dir.path(), &urls);
    // a generous timeout: this test is about limits and spacing, not speed, and a busy
    // machine must not turn a 150 ms page into a timeout
    let a = online_args(
        &web,
        &[
            "--no-cache",
            "doc.md",
            "--host-concurrency",
            "3",
            "--timeout",
            "5",
        ],
    );
    let out = reflint(&a, dir.path());
    let r = report(&out);
    assert_eq!(r["summary"]["links"]["alive"], 17, "{}", r["links"]);
    // at most 3 at once, and the limit was used
    assert_eq!(web.max_in_flight("slow.test"), 3);
    // the spacing between starts to one host (the last --host-interval given wins)
    write_doc(dir.path(), &urls[12..]);
    let earlier = web.requests("spaced.test").len();
    let mut a = online_args(&web, &["--no-cache", "doc.md"]);
    a.extend(args(&["--host-interval", "200"]));
    let out = reflint(&a, dir.path());
    assert_eq!(report(&out)["summary"]["links"]["alive"], 5);
    let (gap, n) = web.min_start_gap("spaced.test", earlier);
    assert!(n >= 5, "{n}");
    // 200 ms apart, less the jitter of the server's clock on a loaded machine
    assert!(gap >= Some(Duration::from_millis(180)), "{gap:?}");
}

#[test]
fn a_second_run_reuses_the_cache_and_history_shows_both() {
    let web = Web::start(vec![
        HostSpec::new("ok.test")
            .route("/a/1", Behaviour::html(page("One", "", &prose("one"))))
            .route("/a/2", Behaviour::html(page("Two", "", &prose("two")))),
        HostSpec::new("flaky.test").fallback(Behaviour::status(503)),
    ]);
    let dir = tempfile::tempdir().expect("tempdir");
    let urls = vec![
        web.url("ok.test", "/a/1"),
        web.url("ok.test", "/a/2"),
        web.url("flaky.test", "/b/1"),
    ];
    write_doc(dir.path(), &urls);
    let a = online_args(&web, &["--retries", "0", "doc.md"]);
    let first = report(&reflint(&a, dir.path()));
    assert_eq!(link(&first, &urls[0])["from_cache"], false);
    assert!(dir.path().join(".reflint/cache.sqlite").exists());
    let ok_hits = || web.hits("ok.test", "/a/1") + web.hits("ok.test", "/a/2");
    let before_ok = ok_hits();
    let before_flaky = web.hits("flaky.test", "/b/1");
    let second = report(&reflint(&a, dir.path()));
    // no request for the links found alive
    assert_eq!(ok_hits(), before_ok);
    assert_eq!(link(&second, &urls[0])["status"], "alive");
    assert_eq!(link(&second, &urls[0])["from_cache"], true);
    assert_eq!(link(&second, &urls[1])["from_cache"], true);
    // a transient failure is never cached: asked again
    assert_eq!(web.hits("flaky.test", "/b/1"), before_flaky + 1);
    assert_eq!(link(&second, &urls[2])["status"], "unreachable");
    // a zero cache age asks again
    let mut b = a.clone();
    b.extend(args(&["--max-cache-age", "0s"]));
    reflint(&b, dir.path());
    assert_eq!(ok_hits(), before_ok + 2);
    // history: the flaky link's three checks, the alive link's two
    let h = reflint(&args(&["history", &urls[2]]), dir.path());
    assert_eq!(h.status.code(), Some(0));
    let text = String::from_utf8_lossy(&h.stdout);
    assert_eq!(text.matches("unreachable").count(), 3, "{text}");
    let h = reflint(&args(&["history", &urls[0]]), dir.path());
    let text = String::from_utf8_lossy(&h.stdout);
    assert_eq!(text.matches("alive").count(), 2, "{text}");
}

#[test]
fn a_corrupt_cache_is_set_aside_with_a_warning() {
    let web = Web::start(vec![
        HostSpec::new("ok.test").route("/a/1", Behaviour::html(page("One", "", &prose("one"))))
    ]);
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir_all(dir.path().join(".reflint")).expect("mkdir");
    std::fs::write(
        dir.path().join(".reflint/cache.sqlite"),
        b"this is not a database at all, but it is long enough to look like one........",
    )
    .expect("write");
    let urls = vec![web.url("ok.test", "/a/1")];
    write_doc(dir.path(), &urls);
    let out = reflint(&online_args(&web, &["doc.md"]), dir.path());
    let r = report(&out);
    assert_eq!(link(&r, &urls[0])["status"], "alive");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("warning") && err.contains("cache.sqlite"),
        "{err}"
    );
    // and the fresh cache works
    let again = report(&reflint(&online_args(&web, &["doc.md"]), dir.path()));
    assert_eq!(link(&again, &urls[0])["from_cache"], true);
}

#[test]
fn every_connection_refused_exits_3_with_one_message() {
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        l.local_addr().expect("addr").port()
    };
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("doc.txt"), sample()).expect("write");
    let out = reflint(
        &args(&[
            "check",
            "--no-cache",
            "--retries",
            "0",
            "--remap",
            &format!("^https?://[^/]+/ http://127.0.0.1:{port}/"),
            "doc.txt",
        ]),
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(3));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.matches("network is unavailable").count(), 1, "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    // not a page of dead links
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(!text.contains("link-dead"), "{text}");
}

#[test]
fn remap_archive_exclude_and_headers() {
    let snapshot = r#"{"url":"x","archived_snapshots":{"closest":{"status":"200","available":true,"url":"http://web.archive.org/web/20190308101010/http://dead.test/a/1","timestamp":"20190308101010"}}}"#;
    let web = Web::start(vec![
        HostSpec::new("dead.test"),
        HostSpec::new("skip.test"),
        HostSpec::new("archive.org")
            .route(
                "/wayback/available?url=http%3A%2F%2Fdead.test%2Fb%2F2&timestamp=20190308",
                Behaviour::page(200, "application/json", r#"{"archived_snapshots":{}}"#),
            )
            .route(
                "/wayback/available?url=http%3A%2F%2Fdead.test%2Fc%2F3&timestamp=20190308",
                Behaviour::page(503, "text/plain", "busy"),
            )
            .fallback(Behaviour::page(200, "application/json", snapshot)),
        // the CDX API, asked when the availability API has no capture at or before the date
        HostSpec::new("web.archive.org").fallback(Behaviour::page(200, "application/json", "[]")),
    ]);
    let dir = tempfile::tempdir().expect("tempdir");
    // a port nothing listens on: refused, so the archive is not asked for it
    let closed = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let refused = format!(
        "http://127.0.0.1:{}/r/4",
        closed.local_addr().expect("addr").port()
    );
    drop(closed);
    let urls = vec![
        web.url("dead.test", "/a/1"),
        web.url("skip.test", "/s/1"),
        web.url("dead.test", "/b/2"),
        web.url("dead.test", "/c/3"),
        refused,
    ];
    write_doc(dir.path(), &urls);
    let mut a = args(&[
        "check",
        "--format",
        "json",
        "--no-cache",
        "--host-interval",
        "0",
        "--exclude",
        "skip\\.test",
        "--header",
        "X-Project: reflint-tests",
        "--user-agent",
        "TestAgent/1.0",
        // the refused link cites a loopback address directly (a closed port of this machine,
        // not a remap target): the private-address guard would skip it unasked
        "--allow-private",
        // the Wayback Machine only: no other archive listens here
        "--archives",
        "wayback",
        "doc.md",
    ]);
    a.extend(web.remap_args());
    let out = reflint(&a, dir.path());
    let r = report(&out);
    let dead = link(&r, &urls[0]);
    assert_eq!(dead["status"], "dead");
    // reports keep the URL as written
    assert_eq!(dead["url"], urls[0]);
    assert_eq!(
        dead["archive"]["url"],
        "http://web.archive.org/web/20190308101010/http://dead.test/a/1"
    );
    assert_eq!(dead["archive"]["timestamp"], "2019-03-08T10:10:10Z");
    let f = findings(&r, "link-dead");
    assert_eq!(
        f.first().map(|f| f["suggestion"].clone()),
        Some(Value::from(
            "http://web.archive.org/web/20190308101010/http://dead.test/a/1"
        ))
    );
    // the archive was asked for the cited date, through the remap
    let asked = web.requests("archive.org");
    // a/1 and b/2 once; c/3, busy (503), asked again as a link is (--retries 2); never
    // the refused link
    assert_eq!(
        asked.len(),
        5,
        "a/1, b/2 and c/3 three times; not the refused link: {asked:?}"
    );
    assert_eq!(
        asked.iter().filter(|q| q.path.contains("c%2F3")).count(),
        3,
        "{asked:?}"
    );
    // a/1's capture is of the cited day: the CDX API is not needed. b/2 has none: the CDX
    // API is asked for the newest successful capture up to the cited day's end, then for
    // the first after it
    let cdx = web.requests("web.archive.org");
    assert_eq!(cdx.len(), 2, "{cdx:?}");
    assert!(cdx.iter().all(
        |q| q.path.contains("dead.test%2Fb%2F2") && q.path.contains("filter=statuscode%3A2..")
    ));
    assert!(cdx[0].path.contains("to=20190308235959") && cdx[0].path.contains("limit=-1"));
    assert!(cdx[1].path.contains("from=20190308235959") && cdx[1].path.contains("limit=1"));
    assert_eq!(dead["archive"]["source"], "wayback");
    assert!(
        asked.iter().all(|q| q.path.contains("timestamp=20190308")),
        "{asked:?}"
    );
    // no snapshot for the other dead link: archive-missing, for that note only; not for the
    // link whose look-up failed (503), nor for the refused one the archive was not asked of
    assert_eq!(link(&r, &urls[4])["status"], "dead");
    assert!(link(&r, &urls[3])["archive"].is_null());
    let missing = findings(&r, "archive-missing");
    assert_eq!(missing.len(), 1, "{missing:?}");
    assert_eq!(missing[0]["url"], urls[2]);
    assert!(link(&r, &urls[2])["archive"].is_null());
    // excluded: skipped and never asked
    assert_eq!(link(&r, &urls[1])["status"], "skipped");
    assert!(web.requests("skip.test").is_empty());
    // the terminal report sums the links up
    let mut t = a.clone();
    t.extend(args(&["--format", "terminal"]));
    let out = reflint(&t, dir.path());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("links: 4 dead, 1 skipped"), "{text}");
    assert!(text.contains("link-dead"), "{text}");
    // a dead link's archived copy beside its URL, in the terminal and in the Markdown report
    assert!(
        text.contains(&format!(
            "url: {}\n    archived: http://web.archive.org/web/20190308101010/http://dead.test/a/1 (2019-03-08)",
            urls[0]
        )),
        "{text}"
    );
    let mut m = a.clone();
    m.extend(args(&["--format", "markdown"]));
    let md = String::from_utf8_lossy(&reflint(&m, dir.path()).stdout).into_owned();
    let row = md
        .lines()
        .find(|l| l.contains("`link-dead`") && l.contains("dead.test/a/1"))
        .unwrap_or_default();
    assert!(
        row.contains(
            "[archived 2019-03-08](http://web.archive.org/web/20190308101010/http://dead.test/a/1)"
        ),
        "{md}"
    );
    // headers and user agent as given
    let q = &web.requests("dead.test")[0];
    assert_eq!(q.header("x-project"), Some("reflint-tests"));
    assert_eq!(q.header("user-agent"), Some("TestAgent/1.0"));
}

/// The title of the page on the loopback server that documents must not reach: it must never
/// appear in a report unless `--allow-private` is given.
const SECRET_TITLE: &str = "INTERNAL-ONLY payroll dashboard 7f3a9c21";

#[test]
fn private_addresses_are_refused_in_every_spelling_and_after_redirects() {
    // the server a malicious document would aim at: this machine's 127.0.0.1 (its own web,
    // which no remap points to)
    let private = Web::start(vec![HostSpec::new("internal.invalid")
        .bind_to(std::net::Ipv4Addr::LOCALHOST)
        .route(
            "/plain",
            Behaviour::html(page(SECRET_TITLE, "", &prose("salaries"))),
        )]);
    let port = private.addr("internal.invalid").port();
    // jump.test is remapped to its loopback address (the operator's choice); its server
    // redirects to 127.0.0.1, which no remap wrote: that hop is checked like any other
    let web = Web::start(vec![HostSpec::new("jump.test")
        .route(
            "/ok",
            Behaviour::html(page("A public page", "", &prose("news"))),
        )
        .route(
            "/go",
            Behaviour::redirect(302, format!("http://127.0.0.1:{port}/via-redirect")),
        )]);
    let cited: Vec<String> = [
        format!("http://127.0.0.1:{port}/plain"),
        format!("http://localhost:{port}/name"),
        format!("http://localhost.:{port}/trailing-dot"),
        format!("http://2130706433:{port}/decimal"),
        format!("http://0x7f000001:{port}/hex"),
        format!("http://0x7f.1:{port}/hex-short"),
        format!("http://127.1:{port}/short"),
        format!("http://[::ffff:127.0.0.1]:{port}/mapped"),
        format!("http://127.0.0.1.:{port}/ip-trailing-dot"),
    ]
    .into_iter()
    .collect();
    let mut urls = cited.clone();
    urls.push("http://jump.test/go".to_string());
    urls.push("http://jump.test/ok".to_string());
    let dir = tempfile::tempdir().expect("tempdir");
    write_doc(dir.path(), &urls);
    let mut a = web.check_args(&["--fail-on", "never"]);
    let formats = [
        "json", "sarif", "html", "markdown", "csv", "junit", "github", "terminal",
    ];
    for f in formats {
        a.extend(["--report".to_string(), format!("{f}=report.{f}")]);
    }
    a.push("doc.md".to_string());
    let out = reflint(&a, dir.path());
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let r = report(&out);
    // not one request reached the private server
    assert_eq!(
        private.requests("internal.invalid").len(),
        0,
        "{:?}",
        private.requests("internal.invalid")
    );
    for u in cited.iter().chain(std::iter::once(&urls[9])) {
        let l = link(&r, u);
        assert_eq!(l["status"], "skipped", "{u}: {l}");
        let reason = l["reason"].as_str().unwrap_or("");
        assert!(
            reason.contains("--allow-private") && reason.contains("loopback"),
            "{u}: {reason}"
        );
        assert!(l["from_cache"] != true, "{u}");
    }
    assert!(
        link(&r, &urls[9])["reason"]
            .as_str()
            .is_some_and(|s| s.contains("127.0.0.1")),
        "{}",
        link(&r, &urls[9])
    );
    // the remapped host itself was asked, and its public page checked
    assert_eq!(web.hits("jump.test", "/go"), 1);
    assert_eq!(link(&r, &urls[10])["status"], "alive");
    // refused links are no finding above info, never dead
    for d in r["documents"].as_array().into_iter().flatten() {
        for f in d["findings"].as_array().into_iter().flatten() {
            let about_refused = f["url"]
                .as_str()
                .is_some_and(|u| urls[..10].iter().any(|c| c == u));
            assert!(
                !about_refused || f["severity"] == "info",
                "a finding about a refused link: {f}"
            );
            assert_ne!(f["rule"], "link-dead", "{f}");
        }
    }
    // the secret is in no report, nor on stderr
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(!stdout.contains("7f3a9c21"));
    assert!(!String::from_utf8_lossy(&out.stderr).contains("7f3a9c21"));
    for f in formats {
        let text = std::fs::read_to_string(dir.path().join(format!("report.{f}")))
            .unwrap_or_else(|e| panic!("report.{f}: {e}"));
        assert!(!text.is_empty(), "report.{f} is empty");
        assert!(!text.contains("7f3a9c21"), "the secret title in report.{f}");
        assert!(!text.contains("payroll"), "the secret title in report.{f}");
    }
    // the refusal is no "network unavailable": a document citing only private links
    write_doc(dir.path(), &cited[..2]);
    let mut only = a.clone();
    only.retain(|x| !x.starts_with("--report") && !x.contains("=report."));
    let out = reflint(&only, dir.path());
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!String::from_utf8_lossy(&out.stderr).contains("network is unavailable"));
    assert_eq!(private.requests("internal.invalid").len(), 0);

    // --allow-private: the same loopback link is checked, alive, its title read
    write_doc(dir.path(), &cited[..1]);
    let mut allowed = only.clone();
    // this run reaches the loopback server on purpose
    allowed.insert(1, "--allow-private".to_string());
    let out = reflint(&allowed, dir.path());
    let r = report(&out);
    let l = link(&r, &cited[0]);
    assert_eq!(l["status"], "alive", "{l}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("7f3a9c21"));
    assert!(!private.requests("internal.invalid").is_empty());
}

/// Uses loopback servers (the simulated hosts of `tests/common/web.rs`, reached by --remap).
#[test]
fn a_url_broken_by_a_blank_is_never_checked_as_a_fragment() {
    let web = Web::start(vec![HostSpec::new("pdf.test").route(
        "/reports/advanced-technologies/",
        Behaviour::html(page("Whole", "", &prose("whole"))),
    )]);
    let dir = tempfile::tempdir().expect("tempdir");
    let whole = web.url("pdf.test", "/reports/advanced-technologies/");
    let fragment = web.url("pdf.test", "/reports/advanced-technologi");
    // PDF text: the URL cut by a blank in the middle of a word
    let doc = format!(
        "A claim about sensing.[1]\n\nNotes\n\n[1] Curlee, “Sustaining the Edge,” 2025, {fragment} es/ .\n"
    );
    std::fs::write(dir.path().join("doc.txt"), doc).expect("write");
    let r = report(&reflint(&online_args(&web, &["doc.txt"]), dir.path()));
    assert_eq!(web.hits("pdf.test", "/reports/advanced-technologi"), 0);
    assert_eq!(link(&r, &fragment)["status"], "skipped");
    let malformed = findings(&r, "url-malformed");
    assert_eq!(malformed.len(), 1, "{malformed:?}");
    assert_eq!(malformed[0]["suggestion"], whole.as_str());
}

/// Loopback only: two hosts on 127.0.0.1, one of them slow to answer one page.
#[test]
fn progress_always_draws_lines_on_a_stderr_that_is_not_a_terminal() {
    let web = Web::start(vec![
        HostSpec::new("quick.test").fallback(Behaviour::html(page("A page", "", "<p>Quick.</p>"))),
        HostSpec::new("slow.test").route(
            "/late",
            Behaviour::delay(
                Duration::from_millis(7_000),
                Behaviour::html(page("Late", "", "<p>Late.</p>")),
            ),
        ),
    ]);
    let dir = tempfile::tempdir().expect("tempdir");
    let mut urls: Vec<String> = (0..6)
        .map(|i| web.url("quick.test", &format!("/p{i}")))
        .collect();
    urls.push(web.url("slow.test", "/late"));
    write_doc(dir.path(), &urls);
    let a = web.check_args(&["--progress", "always", "--timeout", "10", "doc.md"]);
    let out = reflint(&a, dir.path());
    let err = String::from_utf8_lossy(&out.stderr);
    let lines: Vec<&str> = err
        .lines()
        .filter(|l| l.contains("links checked"))
        .collect();
    assert!(lines.len() >= 2, "{err}");
    assert!(lines.iter().all(|l| l.chars().count() <= 80), "{err}");
    assert_eq!(
        lines.last().copied(),
        Some("reflint: 7/7 links checked"),
        "{err}"
    );
    // while the slow host held the run, a line named it (where requests to it go)
    let slow = web.addr("slow.test").to_string();
    assert!(
        lines
            .iter()
            .any(|l| l.contains(&format!("waiting for {slow}"))),
        "{err}"
    );
    assert!(!err.contains("1 hosts"), "{err}");
    // without `always`, a stderr that is not a terminal gets no progress
    let quiet = reflint(&web.check_args(&["doc.md"]), dir.path());
    assert!(!String::from_utf8_lossy(&quiet.stderr).contains("links checked"));
}

/// Loopback only: the sample's simulated web.
#[test]
fn people_read_one_story_per_note() {
    let web = sample_web();
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("doc.txt"), sample()).expect("write");
    let run = |format: &str| {
        let mut a = online_args(&web, &["--no-cache", "doc.txt"]);
        for x in a.iter_mut().filter(|x| *x == "json") {
            *x = format.to_string();
        }
        let out = reflint(&a, dir.path());
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let j: Value = serde_json::from_str(&run("json")).expect("json");
    let term = run("terminal");
    // note 1 is quoted once, its three date findings told together with one suggestion
    assert_eq!(term.matches("Significant Signals").count(), 1, "{term}");
    let story = term
        .lines()
        .find(|l| l.contains("date-url-mismatch"))
        .unwrap_or_default();
    for rule in [
        "date-page-mismatch",
        "date-url-mismatch",
        "date-after-claim",
    ] {
        assert!(story.contains(rule), "{story}");
    }
    assert!(
        story.contains("cited 2010-01-02; ")
            && story.contains("the URL says 2020-01-02")
            && story.contains("the page says 2020-01-02")
            && story.contains("the sentence speaks of 2019"),
        "{story}"
    );
    assert_eq!(term.matches("suggestion: 2020-01-02").count(), 1, "{term}");
    // the sentence is quoted
    assert!(term.contains("“At the end of 2019"), "{term}");
    // every link finding's full URL appears
    let findings = j["documents"][0]["findings"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let link_urls: Vec<&str> = findings
        .iter()
        .filter(|f| f["rule"].as_str().unwrap_or("").starts_with("link-"))
        .filter_map(|f| f["url"].as_str())
        .collect();
    assert!(link_urls.len() >= 6, "{link_urls:?}");
    for u in &link_urls {
        assert!(term.contains(&format!("url: {u}")), "{u}\n{term}");
    }
    // the machine reports keep one entry per rule, linked
    let of_note_1: Vec<&Value> = findings.iter().filter(|f| f["reference"] == "1").collect();
    assert_eq!(of_note_1.len(), 3);
    for f in &of_note_1 {
        assert_eq!(f["related"].as_array().map_or(0, Vec::len), 2, "{f}");
    }
    // the Markdown report names each flagged note's title and URL
    let md = run("markdown");
    for n in ["1", "3", "4", "6", "22"] {
        let r = j["documents"][0]["references"]
            .as_array()
            .and_then(|rs| rs.iter().find(|r| r["label"] == n))
            .cloned()
            .unwrap_or_default();
        let title = r["title"].as_str().unwrap_or("");
        let url = r["urls"][0].as_str().unwrap_or("");
        assert!(
            !title.is_empty() && md.contains(&title.replace('_', "\\_")),
            "{title}\n{md}"
        );
        assert!(md.contains(&format!("]({url})")), "{url}\n{md}");
    }
}
