//! The SARIF 2.1.0 report, for code scanning (GitHub and other SARIF viewers).
//!
//! One run: the driver lists every rule of the catalogue (so that a viewer can show the
//! documentation of any rule), one result per finding, each located in its document by a URI
//! relative to `%SRCROOT%` (the directory reflint ran in), with the finding's fingerprint as
//! `partialFingerprints["reflintFingerprint/v1"]`. Columns are counted in characters, as
//! everywhere in reflint (`columnKind: unicodeCodePoints`).

use std::collections::BTreeMap;
use std::io::Write;

use serde::Serialize;

use super::Report;
use crate::rules::{Evidence, Finding, Rule, Severity, CATALOGUE};

pub const SCHEMA_URI: &str = "https://json.schemastore.org/sarif-2.1.0.json";
pub const VERSION: &str = "2.1.0";
pub const INFORMATION_URI: &str = "https://github.com/reflint/reflint";
/// The base the documents' relative URIs resolve against.
pub const SRCROOT: &str = "%SRCROOT%";
/// The key of the finding's fingerprint in `partialFingerprints`.
pub const FINGERPRINT_KEY: &str = "reflintFingerprint/v1";

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool<'a>,
    invocations: [Invocation<'a>; 1],
    original_uri_base_ids: BTreeMap<&'static str, BaseId>,
    artifacts: Vec<Artifact>,
    results: Vec<SarifResult<'a>>,
    column_kind: &'static str,
}

#[derive(Serialize)]
struct Tool<'a> {
    driver: Driver<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver<'a> {
    name: &'a str,
    version: &'a str,
    semantic_version: &'a str,
    information_uri: &'static str,
    rules: Vec<RuleDescriptor>,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RuleDescriptor {
    id: &'static str,
    name: String,
    short_description: Text,
    full_description: Text,
    help: Help,
    default_configuration: Configuration,
    properties: RuleProperties,
}

#[derive(Serialize)]
struct Help {
    text: String,
    markdown: &'static str,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
struct RuleProperties {
    tags: Vec<&'static str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Invocation<'a> {
    execution_successful: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tool_execution_notifications: Vec<Notification<'a>>,
}

/// A problem met while reading a document (not a finding).
#[derive(Serialize)]
struct Notification<'a> {
    level: &'static str,
    message: TextRef<'a>,
    locations: [Location; 1],
}

#[derive(Serialize)]
struct TextRef<'a> {
    text: &'a str,
}

#[derive(Serialize)]
struct BaseId {
    #[serde(skip_serializing_if = "Option::is_none")]
    uri: Option<String>,
    description: Text,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Artifact {
    location: ArtifactLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    mime_type: Option<&'static str>,
    roles: [&'static str; 1],
}

#[derive(Clone, Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactLocation {
    uri: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    uri_base_id: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    index: Option<usize>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule_index: Option<usize>,
    level: &'static str,
    message: TextRef<'a>,
    locations: [Location; 1],
    partial_fingerprints: BTreeMap<&'static str, &'a str>,
    #[serde(skip_serializing_if = "ResultProperties::is_empty")]
    properties: ResultProperties<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    physical_location: PhysicalLocation,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<Region>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    start_column: Option<usize>,
}

/// What a finding says besides its message.
#[derive(Serialize)]
struct ResultProperties<'a> {
    /// The note's label.
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    evidence: Option<&'a Evidence>,
    #[serde(skip_serializing_if = "Option::is_none")]
    suggestion: Option<&'a str>,
    /// The sentence the finding is about.
    #[serde(skip_serializing_if = "Option::is_none")]
    sentence: Option<&'a str>,
    /// The `reflintFingerprint/v1` of the results that share this one's cause (one story).
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    related: &'a [String],
}

impl ResultProperties<'_> {
    fn is_empty(&self) -> bool {
        self.note.is_none()
            && self.url.is_none()
            && self.evidence.is_none()
            && self.suggestion.is_none()
            && self.sentence.is_none()
            && self.related.is_empty()
    }
}

/// The SARIF level of a severity.
pub fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A rule id in CamelCase, for `reportingDescriptor.name`: `link-soft-404` → `LinkSoft404`.
pub fn camel_case(id: &str) -> String {
    let mut out = String::with_capacity(id.len());
    for part in id.split(['-', '_']) {
        let mut chars = part.chars();
        if let Some(first) = chars.next() {
            out.extend(first.to_uppercase());
            out.push_str(chars.as_str());
        }
    }
    out
}

/// A rule doc's section (`## What it checks` ...), whitespace collapsed.
fn section(doc: &str, heading: &str) -> Option<String> {
    let start = doc.find(&format!("## {heading}"))?;
    let body = doc.get(start..)?.split_once('\n').map_or("", |(_, b)| b);
    let body = body.split("\n## ").next().unwrap_or("");
    let text = body.split_whitespace().collect::<Vec<_>>().join(" ");
    (!text.is_empty()).then_some(text)
}

/// The rule's documentation as plain text: the Markdown headings lose their `##`.
fn plain_doc(doc: &str) -> String {
    doc.lines()
        .map(|l| l.strip_prefix("## ").unwrap_or(l))
        .collect::<Vec<_>>()
        .join("\n")
}

fn descriptor(rule: &Rule) -> RuleDescriptor {
    let category = rule.id.split('-').next().unwrap_or(rule.id);
    RuleDescriptor {
        id: rule.id,
        name: camel_case(rule.id),
        short_description: Text {
            text: rule.summary.to_string(),
        },
        full_description: Text {
            text: section(rule.doc, "What it checks").unwrap_or_else(|| rule.summary.into()),
        },
        help: Help {
            text: plain_doc(rule.doc),
            markdown: rule.doc,
        },
        default_configuration: Configuration {
            level: level(rule.default),
        },
        properties: RuleProperties {
            tags: vec![if rule.online { "online" } else { "offline" }, category],
        },
    }
}

/// Percent-encodes a relative path as a URI reference: path segments keep their `/`, every
/// character that is not an unreserved one or a sub-delimiter (spaces, `%`, `?`, `#`, `:`,
/// non-ASCII, ...) is written as `%XX` of its UTF-8 bytes. `:` is encoded so that a first
/// segment such as `c:notes.txt` cannot be read as a scheme.
pub fn encode_relative(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        let keep = b.is_ascii_alphanumeric()
            || matches!(
                b,
                b'-' | b'.'
                    | b'_'
                    | b'~'
                    | b'!'
                    | b'$'
                    | b'&'
                    | b'\''
                    | b'('
                    | b')'
                    | b'*'
                    | b'+'
                    | b','
                    | b';'
                    | b'='
                    | b'@'
                    | b'/'
            );
        if keep {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Where a document is, as SARIF names it: a relative path is a URI reference against
/// `%SRCROOT%`; an absolute path is a `file:` URI.
fn artifact_location(path: &str, index: Option<usize>) -> ArtifactLocation {
    let p = std::path::Path::new(path);
    if p.is_absolute() {
        if let Ok(u) = url::Url::from_file_path(p) {
            return ArtifactLocation {
                uri: u.to_string(),
                uri_base_id: None,
                index,
            };
        }
    }
    let mut rel = path.to_string();
    if cfg!(windows) {
        rel = rel.replace('\\', "/");
    }
    let mut rel = rel.as_str();
    while let Some(rest) = rel.strip_prefix("./") {
        rel = rest;
    }
    ArtifactLocation {
        uri: encode_relative(rel),
        uri_base_id: Some(SRCROOT),
        index,
    }
}

fn mime_type(format: &str) -> Option<&'static str> {
    match format {
        "text" => Some("text/plain"),
        "markdown" => Some("text/markdown"),
        "html" => Some("text/html"),
        _ => None,
    }
}

fn result<'a>(f: &'a Finding, loc: &ArtifactLocation) -> SarifResult<'a> {
    let region = (f.line > 0).then(|| Region {
        start_line: f.line,
        start_column: (f.column > 0).then_some(f.column),
    });
    SarifResult {
        rule_id: f.rule,
        rule_index: CATALOGUE.iter().position(|r| r.id == f.rule),
        level: level(f.severity),
        message: TextRef { text: &f.message },
        locations: [Location {
            physical_location: PhysicalLocation {
                // a finding in a file the document read (a `.bib`, an `\input`) points there
                artifact_location: f
                    .file
                    .map_or_else(|| loc.clone(), |file| artifact_location(&file.path(), None)),
                region,
            },
        }],
        partial_fingerprints: [(FINGERPRINT_KEY, f.fingerprint.as_str())]
            .into_iter()
            .filter(|(_, v)| !v.is_empty())
            .collect(),
        properties: ResultProperties {
            note: f.reference.as_deref(),
            url: f.url.as_deref(),
            evidence: f.evidence.as_ref(),
            suggestion: f.suggestion.as_deref(),
            sentence: f.sentence.as_deref(),
            related: &f.related,
        },
    }
}

/// The directory reflint runs in, as the URI `%SRCROOT%` stands for (a directory URI ends
/// with `/`).
fn srcroot() -> BaseId {
    BaseId {
        uri: std::env::current_dir()
            .ok()
            .and_then(|d| url::Url::from_directory_path(d).ok())
            .map(|u| u.to_string()),
        description: Text {
            text: "The directory reflint ran in; document paths are relative to it.".into(),
        },
    }
}

fn log(report: &Report) -> Log<'_> {
    let locations: Vec<ArtifactLocation> = report
        .documents
        .iter()
        .enumerate()
        .map(|(i, d)| artifact_location(&d.path, Some(i)))
        .collect();
    let artifacts = report
        .documents
        .iter()
        .zip(&locations)
        .map(|(d, l)| Artifact {
            location: ArtifactLocation {
                index: None,
                ..l.clone()
            },
            mime_type: mime_type(d.format),
            roles: ["analysisTarget"],
        })
        .collect();
    let results = report
        .documents
        .iter()
        .zip(&locations)
        .flat_map(|(d, l)| d.findings.iter().map(move |f| result(f, l)))
        .collect();
    let notifications = report
        .documents
        .iter()
        .zip(&locations)
        .flat_map(|(d, l)| {
            d.warnings.iter().map(move |w| Notification {
                level: "warning",
                message: TextRef { text: w },
                locations: [Location {
                    physical_location: PhysicalLocation {
                        artifact_location: l.clone(),
                        region: None,
                    },
                }],
            })
        })
        .collect();
    Log {
        schema: SCHEMA_URI,
        version: VERSION,
        runs: [Run {
            tool: Tool {
                driver: Driver {
                    name: report.tool.name,
                    version: report.tool.version,
                    semantic_version: report.tool.version,
                    information_uri: INFORMATION_URI,
                    rules: CATALOGUE.iter().map(|r| descriptor(r)).collect(),
                },
            },
            invocations: [Invocation {
                execution_successful: true,
                tool_execution_notifications: notifications,
            }],
            original_uri_base_ids: [(SRCROOT, srcroot())].into_iter().collect(),
            artifacts,
            results,
            column_kind: "unicodeCodePoints",
        }],
    }
}

/// Writes the report as a pretty-printed SARIF log followed by a newline.
pub fn write<W: Write>(report: &Report, w: &mut W) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *w, &log(report)).map_err(std::io::Error::other)?;
    w.write_all(b"\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{NoteDef, Pos};
    use crate::report::DocumentReport;
    use crate::rules::find;
    use serde_json::Value;

    fn finding(rule: &str, sev: Severity, reference: Option<&str>, pos: Pos, msg: &str) -> Finding {
        Finding::new(find(rule).unwrap(), sev, reference, pos, msg.to_string())
    }

    fn note(label: &str, line: usize, text: &str) -> crate::cite::Reference {
        crate::cite::parse_note(&NoteDef {
            cited: None,
            label: label.to_string(),
            pos: Pos::new(line, 1),
            text: text.to_string(),
            urls: Vec::new(),
        })
    }

    fn report(path: &str, findings: Vec<Finding>) -> Report {
        let doc = DocumentReport {
            path: path.to_string(),
            format: "markdown",
            document_date: None,
            references: vec![note(
                "1",
                10,
                "A. Author, “A Title,” *Outlet*, May 2, 2019.",
            )],
            findings,
            warnings: vec!["invalid UTF-8 replaced".to_string()],
        };
        Report::new(vec![doc], Vec::new(), "2026-01-01T00:00:00Z".to_string())
    }

    fn render(r: &Report) -> Value {
        let mut out = Vec::new();
        write(r, &mut out).unwrap();
        assert!(out.ends_with(b"}\n"));
        serde_json::from_slice(&out).unwrap()
    }

    #[test]
    fn levels_and_names() {
        assert_eq!(level(Severity::Error), "error");
        assert_eq!(level(Severity::Warning), "warning");
        assert_eq!(level(Severity::Info), "note");
        assert_eq!(camel_case("link-soft-404"), "LinkSoft404");
        assert_eq!(camel_case("note-missing"), "NoteMissing");
        assert_eq!(camel_case("url-malformed"), "UrlMalformed");
    }

    #[test]
    fn driver_lists_the_whole_catalogue_in_order() {
        let v = render(&report("a.md", Vec::new()));
        assert_eq!(v["$schema"], SCHEMA_URI);
        assert_eq!(v["version"], "2.1.0");
        let run = &v["runs"][0];
        assert_eq!(run["columnKind"], "unicodeCodePoints");
        assert_eq!(run["tool"]["driver"]["name"], "reflint");
        assert_eq!(run["tool"]["driver"]["version"], env!("CARGO_PKG_VERSION"));
        let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
        assert_eq!(rules.len(), CATALOGUE.len());
        for (r, rule) in rules.iter().zip(CATALOGUE) {
            assert_eq!(r["id"], rule.id);
            assert_eq!(r["shortDescription"]["text"], rule.summary);
            assert_eq!(r["help"]["markdown"], rule.doc);
            let text = r["help"]["text"].as_str().unwrap();
            assert!(
                text.contains("What it checks") && !text.contains("## "),
                "{text}"
            );
            let full = r["fullDescription"]["text"].as_str().unwrap();
            assert!(!full.is_empty() && !full.contains('\n') && !full.contains("##"));
            assert_eq!(r["defaultConfiguration"]["level"], level(rule.default));
            let tags = r["properties"]["tags"].as_array().unwrap();
            assert_eq!(tags[0], if rule.online { "online" } else { "offline" });
        }
        let dead = rules.iter().find(|r| r["id"] == "link-dead").unwrap();
        assert_eq!(dead["name"], "LinkDead");
        assert_eq!(dead["properties"]["tags"][0], "online");
        let missing = rules.iter().find(|r| r["id"] == "note-missing").unwrap();
        assert!(missing["fullDescription"]["text"]
            .as_str()
            .unwrap()
            .starts_with("Every marker in the body"));
        assert_eq!(run["invocations"][0]["executionSuccessful"], true);
        assert!(run["results"].as_array().unwrap().is_empty());
    }

    #[test]
    fn a_result_per_finding_with_location_fingerprint_and_properties() {
        let f = finding(
            "date-url-mismatch",
            Severity::Info,
            Some("1"),
            Pos::new(11, 140),
            "cited date disagrees",
        )
        .with_url("https://example.org/2019/05/03/x")
        .with_evidence("2019-05-02".into(), "2019-05-03".into(), "url")
        .with_suggestion("2019-05-03".into());
        let r = report("docs/a.md", vec![f]);
        let v = render(&r);
        let run = &v["runs"][0];
        let results = run["results"].as_array().unwrap();
        assert_eq!(results.len(), 1);
        let res = &results[0];
        assert_eq!(res["ruleId"], "date-url-mismatch");
        let idx = res["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(
            run["tool"]["driver"]["rules"][idx]["id"],
            "date-url-mismatch"
        );
        assert_eq!(res["level"], "note");
        assert_eq!(res["message"]["text"], "cited date disagrees");
        let phys = &res["locations"][0]["physicalLocation"];
        assert_eq!(phys["artifactLocation"]["uri"], "docs/a.md");
        assert_eq!(phys["artifactLocation"]["uriBaseId"], "%SRCROOT%");
        assert_eq!(phys["artifactLocation"]["index"], 0);
        assert_eq!(phys["region"]["startLine"], 11);
        assert_eq!(phys["region"]["startColumn"], 140);
        let fp = res["partialFingerprints"][FINGERPRINT_KEY]
            .as_str()
            .unwrap();
        assert_eq!(fp, r.documents[0].findings[0].fingerprint);
        assert!(!fp.is_empty());
        let p = &res["properties"];
        assert_eq!(p["note"], "1");
        assert_eq!(p["url"], "https://example.org/2019/05/03/x");
        assert_eq!(p["evidence"]["cited"], "2019-05-02");
        assert_eq!(p["evidence"]["where"], "url");
        assert_eq!(p["suggestion"], "2019-05-03");
        // the artifact and the base
        assert_eq!(run["artifacts"][0]["location"]["uri"], "docs/a.md");
        assert_eq!(run["artifacts"][0]["mimeType"], "text/markdown");
        let base = run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
            .as_str()
            .unwrap();
        assert!(
            base.starts_with("file:///") && base.ends_with('/'),
            "{base}"
        );
        // reading problems are notifications, not results
        let n = &run["invocations"][0]["toolExecutionNotifications"][0];
        assert_eq!(n["message"]["text"], "invalid UTF-8 replaced");
    }

    #[test]
    fn document_level_finding_has_no_region_nor_note() {
        let f = finding(
            "note-sequence",
            Severity::Warning,
            None,
            Pos::new(0, 0),
            "notes restart",
        );
        let v = render(&report("a.md", vec![f]));
        let res = &v["runs"][0]["results"][0];
        assert_eq!(res["level"], "warning");
        let phys = &res["locations"][0]["physicalLocation"];
        assert!(phys.get("region").is_none(), "{phys}");
        assert_eq!(phys["artifactLocation"]["uri"], "a.md");
        assert!(res.get("properties").is_none(), "{res}");
        // a line without a column gives a region without startColumn
        let f = finding(
            "date-invalid",
            Severity::Error,
            Some("1"),
            Pos::new(3, 0),
            "x",
        );
        let v = render(&report("a.md", vec![f]));
        let region = &v["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"];
        assert_eq!(region["startLine"], 3);
        assert!(region.get("startColumn").is_none());
    }

    #[test]
    fn paths_become_relative_uri_references() {
        assert_eq!(encode_relative("a b/c#1?.md"), "a%20b/c%231%3F.md");
        assert_eq!(encode_relative("100%.txt"), "100%25.txt");
        assert_eq!(encode_relative("c:notes.txt"), "c%3Anotes.txt");
        assert_eq!(encode_relative("é.md"), "%C3%A9.md");
        assert_eq!(encode_relative("<&\">.md"), "%3C&%22%3E.md");
        assert_eq!(
            artifact_location("./my docs/a b.md", None).uri,
            "my%20docs/a%20b.md"
        );
        // the encoded reference resolves back to the path
        let base = url::Url::parse("file:///root/").unwrap();
        for path in [
            "my docs/a b.md",
            "x/100% [draft] #2?.txt",
            "日本/注.md",
            "c:x.md",
        ] {
            let uri = artifact_location(path, None).uri;
            assert!(!uri.contains(' '), "{uri}");
            let joined = base.join(&uri).unwrap();
            assert_eq!(
                joined.to_file_path().unwrap(),
                std::path::Path::new("/root").join(path),
                "{uri}"
            );
        }
    }

    #[cfg(unix)]
    #[test]
    fn absolute_paths_are_file_uris() {
        let loc = artifact_location("/tmp/my docs/a.md", Some(2));
        assert_eq!(loc.uri, "file:///tmp/my%20docs/a.md");
        assert!(loc.uri_base_id.is_none());
        assert_eq!(loc.index, Some(2));
    }

    #[test]
    fn note_label_with_markup_characters_survives() {
        let f = finding(
            "note-missing",
            Severity::Error,
            Some("<&\">"),
            Pos::new(4, 2),
            "marker <&\"> points to a note that is not defined",
        );
        let v = render(&report("a.md", vec![f]));
        let res = &v["runs"][0]["results"][0];
        assert_eq!(res["properties"]["note"], "<&\">");
        assert_eq!(
            res["message"]["text"],
            "marker <&\"> points to a note that is not defined"
        );
    }
}
