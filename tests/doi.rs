//! DOI look-ups against a loopback registry (`tests/common/web.rs`): the resolver and the
//! registration agency are simulated hosts, each on its own 127.0.1.N address. Most tests keep
//! the default resolver, `https://doi.org`, and send it to loopback with `--remap` (the web's
//! remaps: `^https?://doi\.org(:\d+)?/` → `http://127.0.1.N:PORT/`); one names the loopback
//! resolver's address itself with `--doi-resolver http://127.0.1.N:PORT`. No test connects to
//! anything but loopback: every DOI and URL of the documents is remapped there, or refused.

mod common;

use std::path::Path;

use common::run::{args, reflint, report};
use common::web::{Behaviour, HostSpec, Web};
use serde_json::Value;

const CSL: &str = "application/vnd.citationstyles.csl+json";

fn csl(title: &str, issued: i32, extra: &str) -> Behaviour {
    Behaviour::page(
        200,
        "application/vnd.citationstyles.csl+json; charset=utf-8",
        format!(
            r#"{{"type":"article-journal","title":"{title}","issued":{{"date-parts":[[{issued},5,27]]}}{extra}}}"#
        ),
    )
}

/// The loopback registry, answering at `doi.org`.
fn registry() -> HostSpec {
    HostSpec::new("doi.org")
        .route("/10.1038/nature14539", csl("Deep learning", 2015, ""))
        .route("/10.1038/year", csl("Deep learning of cats", 2015, ""))
        .route(
            "/10.1038/online",
            csl(
                "Deep learning of dogs",
                2015,
                r#","published-online":{"date-parts":[[2014,12,1]]}"#,
            ),
        )
        .route(
            "/10.1038/title",
            csl("Protein structure prediction with deep networks", 2018, ""),
        )
        .route("/10.1038/viaurl", csl("Learning from links", 2019, ""))
    // 10.1038/unknown: the fallback, 404
}

const DOC: &str = "# Doc

A claim.[^1] Another.[^2] A third.[^3] A fourth.[^4] A fifth.[^5] A sixth.[^6] Again.[^7]

[^1]: Yann LeCun, “Deep Learning,” *Nature* 521 (2015): 436–44, doi:10.1038/nature14539.
[^2]: Ann Smith, “Deep Learning of Cats,” *Nature* 521 (2012): 1–2, doi:10.1038/year.
[^3]: Bo Chen, “Deep Learning of Dogs,” *Nature* 521 (2014): 3–4, doi:10.1038/online.
[^4]: Cy Dane, “A Field Guide to the Birds of the Northern Marshes,” *Nature* 9 (2018): 5–6, doi:10.1038/title.
[^5]: Di Egan, “Nothing Registered Here,” *Nature* 7 (2016): 7–8, doi:10.1038/unknown.
[^6]: Ed Fox, “Learning from Links,” *Nature* 3 (2019): 9–10, https://doi.org/10.1038/viaurl.
[^7]: Yann LeCun, “Deep Learning,” *Nature* 521 (2015): 436–44, DOI: 10.1038/NATURE14539.
";

fn findings<'a>(r: &'a Value, rule: &str) -> Vec<&'a Value> {
    r["documents"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|d| d["findings"].as_array().into_iter().flatten())
        .filter(|f| f["rule"] == rule)
        .collect()
}

fn refs_of<'a>(r: &'a Value, rule: &str) -> Vec<&'a str> {
    findings(r, rule)
        .iter()
        .filter_map(|f| f["reference"].as_str())
        .collect()
}

fn doi_entry<'a>(r: &'a Value, doi: &str) -> &'a Value {
    r["dois"]
        .as_array()
        .and_then(|ds| ds.iter().find(|d| d["doi"] == doi))
        .unwrap_or_else(|| panic!("no DOI {doi} in {}", r["dois"]))
}

fn dir_with(doc: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("doc.md"), doc).expect("write doc.md");
    dir
}

fn run_in(dir: &Path, web: &Web, extra: &[&str]) -> (Value, i32) {
    let mut a = web.check_args(extra);
    a.push("doc.md".into());
    let out = reflint(&a, dir);
    let code = out.status.code().unwrap_or(-1);
    (report(&out), code)
}

#[test]
fn dois_are_looked_up_once_and_compared_with_the_registry() {
    let web = Web::start(vec![registry()]);
    let dir = dir_with(DOC);
    let (r, _) = run_in(dir.path(), &web, &["--fail-on", "never"]);

    // a matching DOI, cited twice (in two spellings), is asked once and says nothing
    assert_eq!(web.hits("doi.org", "/10.1038/nature14539"), 1);
    let ok = doi_entry(&r, "10.1038/nature14539");
    assert_eq!(ok["status"], "resolved");
    assert_eq!(ok["url"], "https://doi.org/10.1038/nature14539");
    assert_eq!(ok["registered"]["title"], "Deep learning");
    assert_eq!(ok["registered"]["issued"], 2015);
    assert_eq!(ok["cited_by"].as_array().map(Vec::len), Some(2));
    // every look-up asks for CSL JSON
    for q in web.requests("doi.org") {
        assert_eq!(q.header("accept"), Some(CSL), "{}", q.path);
    }

    let mismatches = findings(&r, "doi-mismatch");
    assert_eq!(refs_of(&r, "doi-mismatch"), ["2", "4"], "{mismatches:#?}");
    // the wrong year, with the registry's as the suggestion
    let year = mismatches[0];
    assert_eq!(year["severity"], "warning");
    assert_eq!(year["suggestion"], "2015");
    assert_eq!(year["url"], "https://doi.org/10.1038/year");
    assert_eq!(year["evidence"]["cited"], "2012");
    assert!(year["fingerprint"].as_str().is_some_and(|f| f.len() == 16));
    // a year off by one that is the online-first year is no mismatch (note 3); a wrong title
    // is, with the registry's title as the suggestion
    let title = mismatches[1];
    assert_eq!(
        title["suggestion"],
        "Protein structure prediction with deep networks"
    );
    assert!(title["message"].as_str().unwrap_or("").contains("Birds"));

    // the unknown DOI: asked twice, then an error
    assert_eq!(web.hits("doi.org", "/10.1038/unknown"), 2);
    assert_eq!(refs_of(&r, "doi-unresolved"), ["5"]);
    let unresolved = findings(&r, "doi-unresolved")[0];
    assert_eq!(unresolved["severity"], "error");
    assert_eq!(doi_entry(&r, "10.1038/unknown")["status"], "unknown");

    // the DOI link is looked up as a DOI, not fetched again as a page
    assert_eq!(web.hits("doi.org", "/10.1038/viaurl"), 1);
    let link = common::run::link(&r, "https://doi.org/10.1038/viaurl");
    assert_eq!(link["status"], "skipped");
    assert!(link["reason"]
        .as_str()
        .unwrap_or("")
        .contains("10.1038/viaurl"));
    assert!(findings(&r, "link-unreachable").is_empty());
    assert!(findings(&r, "link-dead").is_empty());
    assert_eq!(
        r["documents"][0]["references"][5]["doi"], "10.1038/viaurl",
        "references[].doi"
    );
}

#[test]
fn a_finding_about_a_doi_link_sits_at_the_link() {
    let web = Web::start(vec![registry()]);
    let doc = "A claim.[^1]\n\n[^1]: Ed Fox, “Learning from Links,” *Nature* 3 (2011): 9–10, https://doi.org/10.1038/viaurl.\n";
    let dir = dir_with(doc);
    let (r, _) = run_in(dir.path(), &web, &["--fail-on", "never"]);
    let f = findings(&r, "doi-mismatch");
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0]["suggestion"], "2019");
    // at the link, not at the note's start
    let note = &r["documents"][0]["references"][0];
    assert_eq!(f[0]["line"], note["line"]);
    assert!(
        f[0]["column"].as_u64().unwrap_or(0) > note["column"].as_u64().unwrap_or(0) + 40,
        "{f:#?}"
    );
}

#[test]
fn a_registry_that_fails_is_unreachable_not_unresolved() {
    let web = Web::start(vec![
        HostSpec::new("doi.org").fallback(Behaviour::status(503))
    ]);
    let dir = dir_with(DOC);
    let (r, code) = run_in(dir.path(), &web, &[]);
    assert_eq!(code, 0, "warnings only: the run does not fail");
    assert!(findings(&r, "doi-unresolved").is_empty());
    assert!(findings(&r, "doi-mismatch").is_empty());
    let unreachable = findings(&r, "link-unreachable");
    // one per note citing a DOI (note 7 cites note 1's DOI again)
    assert_eq!(unreachable.len(), 7, "{unreachable:#?}");
    assert!(unreachable.iter().all(|f| f["severity"] == "warning"
        && f["url"]
            .as_str()
            .is_some_and(|u| u.starts_with("https://doi.org/10.1038/"))
        && f["message"].as_str().is_some_and(|m| m.contains("503"))));
    assert_eq!(doi_entry(&r, "10.1038/unknown")["status"], "unreachable");
    // a 503 is not a 404: asked once (no retries here), not confirmed
    assert_eq!(web.hits("doi.org", "/10.1038/unknown"), 1);
}

#[test]
fn a_second_run_reads_the_dois_from_the_cache() {
    let web = Web::start(vec![registry()]);
    let dir = dir_with(DOC);
    let cache = ["--cache", ".reflint/cache.sqlite", "--fail-on", "never"];
    let (first, _) = run_in(dir.path(), &web, &cache);
    let asked = web.requests("doi.org").len();
    assert_eq!(asked, 7, "six DOIs, the unknown one twice");
    let (second, _) = run_in(dir.path(), &web, &cache);
    assert_eq!(
        web.requests("doi.org").len(),
        asked,
        "no request the second time"
    );
    assert_eq!(doi_entry(&second, "10.1038/year")["from_cache"], true);
    // the same findings, fingerprints and all
    for rule in ["doi-mismatch", "doi-unresolved"] {
        let prints = |r: &Value| -> Vec<String> {
            findings(r, rule)
                .iter()
                .map(|f| f["fingerprint"].to_string())
                .collect()
        };
        assert_eq!(prints(&first), prints(&second), "{rule}");
        assert!(!prints(&second).is_empty(), "{rule}");
    }
}

#[test]
fn the_resolver_redirects_to_the_agency() {
    // the resolver named by its loopback address (no remap: a resolver of one's own passes
    // the guard), redirecting to an agency reached through --remap
    let web = Web::start(vec![
        HostSpec::new("resolver.test").route(
            "/10.5555/agency",
            Behaviour::redirect(302, "http://agency.test/works/10.5555/agency"),
        ),
        HostSpec::new("agency.test").route(
            "/works/10.5555/agency",
            csl("Registered by an agency", 2020, ""),
        ),
    ]);
    let resolver = format!("http://{}", web.addr("resolver.test"));
    let doc = "A claim.[^1]\n\n[^1]: Jo Gray, “Registered by an Agency,” *Annals* 2 (2021): 1–9, doi:10.5555/agency.\n";
    let dir = dir_with(doc);
    let (r, _) = run_in(
        dir.path(),
        &web,
        &["--doi-resolver", &resolver, "--fail-on", "never"],
    );
    let d = doi_entry(&r, "10.5555/agency");
    assert_eq!(d["status"], "resolved", "{d}");
    assert_eq!(d["final_url"], "http://agency.test/works/10.5555/agency");
    assert_eq!(
        d["url"], "https://doi.org/10.5555/agency",
        "the DOI's own address"
    );
    let agency = web.requests("agency.test");
    assert_eq!(agency.len(), 1);
    assert_eq!(
        agency[0].header("accept"),
        Some(CSL),
        "every hop asks for CSL JSON"
    );
    assert_eq!(refs_of(&r, "doi-mismatch"), ["1"], "2021 is not 2020");
    assert_eq!(findings(&r, "doi-mismatch")[0]["suggestion"], "2020");
}

#[test]
fn the_resolver_s_redirects_are_guarded() {
    // the resolver (by its address) sends the look-up to a loopback address no remap writes:
    // refused, nothing sent, and nothing said of the DOI
    let web = Web::start(vec![HostSpec::new("resolver.test").route(
        "/10.5555/private",
        Behaviour::redirect(302, "http://127.0.0.1:9/works/10.5555/private"),
    )]);
    let resolver = format!("http://{}", web.addr("resolver.test"));
    let doc = "A claim.[^1]\n\n[^1]: “Private,” *Annals* 2 (2021), doi:10.5555/private.\n";
    let dir = dir_with(doc);
    let (r, code) = run_in(dir.path(), &web, &["--doi-resolver", &resolver]);
    assert_eq!(code, 0);
    let d = doi_entry(&r, "10.5555/private");
    assert_eq!(d["status"], "skipped", "{d}");
    assert!(
        d["reason"].as_str().unwrap_or("").contains("loopback"),
        "{d}"
    );
    assert!(r["documents"][0]["findings"].as_array().is_some_and(|f| f
        .iter()
        .all(|f| !f["rule"].as_str().unwrap_or("").starts_with("doi-"))));
}

#[test]
fn no_doi_and_offline_ask_no_registry() {
    let web = Web::start(vec![registry()]);
    let dir = dir_with(DOC);
    let (r, _) = run_in(dir.path(), &web, &["--no-doi", "--fail-on", "never"]);
    assert!(r.get("dois").is_none(), "no dois[] without look-ups");
    assert!(findings(&r, "doi-mismatch").is_empty());
    // the DOI link is then an ordinary link, fetched as a page (and probed)
    let asked = web.requests("doi.org");
    assert_eq!(web.hits("doi.org", "/10.1038/viaurl"), 1);
    assert_eq!(web.hits("doi.org", "/10.1038/year"), 0);
    assert!(
        asked.iter().all(|q| q.header("accept") != Some(CSL)),
        "{asked:?}"
    );
    let asked = asked.len();

    let mut a = args(&["check", "--offline", "--format", "json", "doc.md"]);
    a.extend(web.remap_args());
    let out = reflint(&a, dir.path());
    assert!(report(&out).get("dois").is_none());
    assert_eq!(
        web.requests("doi.org").len(),
        asked,
        "offline: nothing sent"
    );
}

#[test]
fn reflint_toml_turns_dois_off_names_the_resolver_and_sets_severities() {
    let web = Web::start(vec![HostSpec::new("resolver.test")
        .route("/10.1038/year", csl("Deep learning of cats", 2015, ""))]);
    let doc = "A claim.[^1]\n\n[^1]: Ann Smith, “Deep Learning of Cats,” *Nature* 521 (2012): 1–2, doi:10.1038/year.\n";
    let dir = dir_with(doc);
    std::fs::write(
        dir.path().join("reflint.toml"),
        "doi-resolver = \"http://resolver.test\"\n\n[rules]\ndoi-mismatch = \"error\"\n",
    )
    .expect("write reflint.toml");
    let (r, code) = run_in(dir.path(), &web, &[]);
    let f = findings(&r, "doi-mismatch");
    assert_eq!(f.len(), 1, "{r}");
    assert_eq!(f[0]["severity"], "error");
    assert_eq!(code, 1);
    // a baseline made with this resolver holds for a run with another: the findings' URL is
    // the DOI's own address
    let mut a = web.check_args(&["--output", "-"]);
    a[0] = "baseline".into();
    a.retain(|x| x != "--format" && x != "json");
    a.push("doc.md".into());
    let out = reflint(&a, dir.path());
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    std::fs::write(dir.path().join("base.json"), &out.stdout).expect("write baseline");
    let by_address = format!("http://{}/", web.addr("resolver.test"));
    std::fs::write(
        dir.path().join("reflint.toml"),
        format!("doi = false\ndoi-resolver = \"{by_address}\"\n"),
    )
    .expect("write reflint.toml");
    let before = web.requests("resolver.test").len();
    let (r, _) = run_in(dir.path(), &web, &[]);
    assert!(findings(&r, "doi-mismatch").is_empty());
    assert_eq!(web.requests("resolver.test").len(), before, "doi = false");
    let (r, code) = run_in(dir.path(), &web, &["--doi", "--baseline", "base.json"]);
    assert!(
        findings(&r, "doi-mismatch").is_empty(),
        "in the baseline: {r}"
    );
    assert_eq!(code, 0);
    // a bad resolver is a configuration error naming the line
    std::fs::write(
        dir.path().join("reflint.toml"),
        "\ndoi-resolver = \"doi.org\"\n",
    )
    .expect("write reflint.toml");
    let out = reflint(&web.check_args(&["doc.md"]), dir.path());
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("reflint.toml:2") && err.contains("doi-resolver"),
        "{err}"
    );
}

#[test]
fn the_rules_are_in_the_catalogue_and_in_sarif() {
    let out = reflint(&args(&["rules"]), Path::new("."));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("doi-mismatch") && text.contains("doi-unresolved"),
        "{text}"
    );
    for rule in ["doi-mismatch", "doi-unresolved"] {
        let out = reflint(&args(&["explain", rule]), Path::new("."));
        assert_eq!(out.status.code(), Some(0));
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            text.contains("## Example") && text.contains("10.1038/"),
            "{text}"
        );
    }
    let web = Web::start(vec![registry()]);
    let dir = dir_with(DOC);
    let mut a = web.check_args(&["--format", "sarif", "--fail-on", "never"]);
    a.push("doc.md".into());
    let out = reflint(&a, dir.path());
    let sarif: Value = serde_json::from_slice(&out.stdout).expect("SARIF is JSON");
    let run = &sarif["runs"][0];
    let rules = run["tool"]["driver"]["rules"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let results = run["results"].as_array().cloned().unwrap_or_default();
    let result = results
        .iter()
        .find(|x| x["ruleId"] == "doi-unresolved")
        .unwrap_or_else(|| panic!("{results:#?}"));
    let index = result["ruleIndex"].as_u64().unwrap_or(u64::MAX) as usize;
    assert_eq!(
        rules.get(index).map(|r| r["id"].clone()),
        Some("doi-unresolved".into())
    );
}
