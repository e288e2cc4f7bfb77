//! The random-address probe that tells a page from what its host serves for any address
//! (`soft-404`), against a loopback web (`tests/common/web.rs`): only 127.0.0.0/8 is ever
//! contacted; documents cite made-up host names and `--remap` sends every request to the
//! fixture.

mod common;

use common::run::{link, reflint, report, write_doc};
use common::web::{Behaviour, HostSpec, Web};

fn article(title: &str, words: &str) -> Behaviour {
    let body: String = (0..12)
        .map(|i| format!("<p>Paragraph {i} of {words}: {words} happened, and {words} was reported at length by the correspondents of the paper.</p>"))
        .collect();
    Behaviour::html(format!(
        "<!doctype html><html lang=\"en\"><head><title>{title}</title></head><body><article><h1>{title}</h1>{body}</article></body></html>"
    ))
}

fn statuses(web: &Web, urls: &[String]) -> Vec<String> {
    let dir = tempfile::tempdir().expect("tempdir");
    write_doc(dir.path(), urls);
    let a = web.check_args(&["doc.md"]);
    let r = report(&reflint(&a, dir.path()));
    urls.iter()
        .map(|u| {
            let l = link(&r, u);
            format!(
                "{} {}",
                l["status"].as_str().unwrap_or("?"),
                l["reason"].as_str().unwrap_or("")
            )
        })
        .collect()
}

#[test]
fn a_server_that_ignores_queries_serves_its_articles_alive() {
    let web = Web::start(vec![
        // the article is picked by its path; the query is ignored
        HostSpec::new("path.test")
            .ignore_query()
            .route(
                "/view/ACK20191029000200881",
                article("Second-in-command", "the envoy"),
            )
            .route("/", article("Front page", "the day's news")),
        // the script's path alone serves the article, whatever the query says
        HostSpec::new("script.test")
            .ignore_query()
            .route("/index.php", article("One article", "the harvest")),
    ]);
    let urls = vec![
        web.url("path.test", "/view/ACK20191029000200881?section=nk/index"),
        web.url("script.test", "/index.php?mtype=view&no=26053"),
    ];
    let got = statuses(&web, &urls);
    assert!(got[0].starts_with("alive"), "{got:?}");
    assert!(got[1].starts_with("alive"), "{got:?}");
    // the script's page was probed with another value, without the query, then at another path
    let paths: Vec<String> = web
        .requests("script.test")
        .into_iter()
        .map(|r| r.path)
        .collect();
    assert!(
        paths
            .iter()
            .any(|p| p.starts_with("/index.php?mtype=view&no=9")),
        "{paths:?}"
    );
    assert!(paths.iter().any(|p| p == "/index.php"), "{paths:?}");
    assert!(
        paths.iter().any(|p| p
            .split('?')
            .next()
            .is_some_and(|p| p.ends_with(".php") && p != "/index.php")),
        "{paths:?}"
    );
}

#[test]
fn a_host_that_answers_every_address_with_one_page_gives_soft_404s() {
    let web = Web::start(vec![
        HostSpec::new("home.test").fallback(article("Welcome home", "the home page")),
        // unknown ids get one "no such article" page; the script without a query, a list
        HostSpec::new("ids.test")
            .route(
                "/read.php?no=1",
                article("The first article", "the first story"),
            )
            .route("/read.php", article("All articles", "the list of stories"))
            .fallback(article("No such article", "a missing article")),
    ]);
    let urls = vec![
        web.url("home.test", "/news/2019/10/china-pushes-eu-capitals"),
        web.url("home.test", "/index.php?lang=chn&no=26053"),
        web.url("ids.test", "/read.php?no=1"),
        web.url("ids.test", "/read.php?no=26053"),
    ];
    let got = statuses(&web, &urls);
    assert!(got[0].starts_with("soft-404"), "{got:?}");
    assert!(got[1].starts_with("soft-404"), "{got:?}");
    assert!(got[2].starts_with("alive"), "{got:?}");
    assert!(got[3].starts_with("soft-404"), "{got:?}");
}
