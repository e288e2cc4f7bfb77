//! The GitHub Action (`action.yml`) and the pre-commit hooks (`.pre-commit-hooks.yaml`): the
//! options they pass exist, and the action's run step, executed as GitHub would execute it
//! (bash, with `GITHUB_OUTPUT` and `GITHUB_STEP_SUMMARY` files), writes annotations, the job
//! summary and the SARIF file.

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read(name: &str) -> String {
    std::fs::read_to_string(root().join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// The long options `reflint check --help` lists.
fn check_options() -> Vec<String> {
    let out = Command::new(env!("CARGO_BIN_EXE_reflint"))
        .args(["check", "--help"])
        .output()
        .expect("run reflint");
    let help = String::from_utf8_lossy(&out.stdout).to_string();
    help.split(|c: char| c.is_whitespace() || c == ',' || c == '=' || c == '[')
        .filter(|w| w.starts_with("--") && w.len() > 2)
        .map(|w| {
            w.trim_end_matches(|c: char| !c.is_ascii_alphanumeric())
                .to_string()
        })
        .collect()
}

/// Every `--option` written after `reflint check` on a line of `text`.
fn options_used(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in text.lines() {
        let Some(at) = line.find("reflint check") else {
            continue;
        };
        for w in line[at..].split(|c: char| c.is_whitespace() || c == '"' || c == '`') {
            if let Some(name) = w.strip_prefix("--") {
                let name: String = name
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
                    .collect();
                if !name.is_empty() {
                    out.push(format!("--{name}"));
                }
            }
        }
    }
    out
}

#[test]
fn action_and_hooks_use_only_existing_options() {
    let known = check_options();
    assert!(
        known.iter().any(|o| o == "--report") && known.iter().any(|o| o == "--format"),
        "help parsed: {known:?}"
    );
    for file in ["action.yml", ".pre-commit-hooks.yaml"] {
        let used = options_used(&read(file));
        assert!(!used.is_empty(), "{file}: no reflint check command found");
        for o in used {
            assert!(
                known.contains(&o),
                "{file} uses {o}, which reflint check lacks"
            );
        }
    }
    // an option that does not exist is caught by the same parse
    assert!(!known.contains(&"--no-such-option".to_string()));
}

#[test]
fn hooks_are_a_list_of_hooks_with_ids_and_entries() {
    let hooks = read(".pre-commit-hooks.yaml");
    let ids: Vec<&str> = hooks
        .lines()
        .filter_map(|l| l.strip_prefix("- id: "))
        .collect();
    assert_eq!(ids, ["reflint", "reflint-online"]);
    assert_eq!(
        hooks.matches("\n  entry: reflint check").count(),
        2,
        "every hook runs reflint check"
    );
    assert_eq!(hooks.matches("\n  language: rust").count(), 2);
}

/// The `run: |` block of the step named `step` in a composite action: the lines indented
/// deeper than the `run:` key, unindented.
fn run_block(action: &str, step: &str) -> String {
    let lines: Vec<&str> = action.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.trim() == format!("- name: {step}"))
        .unwrap_or_else(|| panic!("no step named {step}"));
    let run_at = (at..lines.len())
        .find(|&i| lines[i].trim() == "run: |")
        .expect("run block");
    let key_indent = lines[run_at].len() - lines[run_at].trim_start().len();
    let body: Vec<&str> = lines[run_at + 1..]
        .iter()
        .take_while(|l| l.trim().is_empty() || l.len() - l.trim_start().len() > key_indent)
        .copied()
        .collect();
    let indent = body
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start().len())
        .min()
        .unwrap_or(0);
    body.iter()
        .map(|l| l.get(indent..).unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n")
}

fn bash_available() -> bool {
    Command::new("bash").arg("-c").arg("true").status().is_ok()
}

#[test]
fn action_run_step_annotates_and_writes_the_summary() {
    if !bash_available() {
        eprintln!("no bash here: skipped");
        return;
    }
    let action = read("action.yml");
    let script = run_block(&action, "Run reflint");
    assert!(script.contains("--format github"), "{script}");
    let dir = tempfile::tempdir().unwrap();
    let out_file = dir.path().join("github_output");
    let summary = dir.path().join("step_summary");
    let sarif = dir.path().join("reflint.sarif");
    let markdown = dir.path().join("reflint.md");
    let bin_dir: &Path = Path::new(env!("CARGO_BIN_EXE_reflint")).parent().unwrap();
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let sample = root().join("references/peninsula-prospects.txt");
    let run = |args: &str| {
        std::fs::write(&out_file, "").unwrap();
        std::fs::write(&summary, "").unwrap();
        Command::new("bash")
            .arg("-e")
            .arg("-c")
            .arg(&script)
            .current_dir(dir.path())
            .env("PATH", &path)
            .env("CI", "true")
            .env("PATHS", &sample)
            .env("ARGS", args)
            .env("SARIF", &sarif)
            .env("SUMMARY", "true")
            .env("MARKDOWN", &markdown)
            .env("GITHUB_OUTPUT", &out_file)
            .env("GITHUB_STEP_SUMMARY", &summary)
            .output()
            .unwrap()
    };

    // findings at the default threshold: the step fails with reflint's exit code
    let out = run("--offline --document-date 2020-06-01");
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let annotations: Vec<&str> = stdout.lines().filter(|l| l.starts_with("::")).collect();
    assert!(
        annotations.iter().any(|l| l.starts_with("::error file=")
            && l.contains("peninsula-prospects.txt")
            && l.contains("line=")),
        "{stdout}"
    );
    let outputs = std::fs::read_to_string(&out_file).unwrap();
    assert!(outputs.contains("exit-code=1"), "{outputs}");
    assert!(
        outputs.contains(&format!("markdown={}", markdown.display())),
        "{outputs}"
    );
    let summary_text = std::fs::read_to_string(&summary).unwrap();
    assert!(
        summary_text.contains("date-url-mismatch"),
        "the job summary holds the Markdown report: {summary_text}"
    );
    assert_eq!(
        summary_text,
        std::fs::read_to_string(&markdown).unwrap(),
        "the summary is the Markdown report"
    );
    let sarif_json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&sarif).unwrap()).unwrap();
    assert_eq!(sarif_json["version"], "2.1.0");

    // `--fail-on never` passes through ARGS: the step succeeds, annotations still written
    let out = run("--offline --fail-on never");
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("::error file="));
    assert!(std::fs::read_to_string(&out_file)
        .unwrap()
        .contains("exit-code=0"));
}
