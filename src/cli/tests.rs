//! The command line's tests: colour and progress decisions, network options, every example of
//! the help, the manual page, completions, the default subcommand; reflint.toml's options
//! merged with the command line's (`with_config_args`).

use super::*;
use crate::config::Command as ConfigCommand;

#[test]
fn colour_decision() {
    assert!(use_color(When::Auto, false, true));
    assert!(!use_color(When::Auto, true, true), "NO_COLOR honoured");
    assert!(!use_color(When::Auto, false, false), "not a terminal");
    assert!(use_color(When::Always, true, false));
    assert!(!use_color(When::Never, false, true));
}

#[test]
fn progress_decision() {
    assert!(use_progress(When::Auto, false, true));
    assert!(
        !use_progress(When::Auto, true, true),
        "never when CI is set"
    );
    assert!(!use_progress(When::Auto, false, false), "not a terminal");
    assert!(use_progress(When::Always, true, false));
    assert!(!use_progress(When::Never, false, true));
}

#[test]
fn net_options_from_arguments() {
    use std::time::Duration;
    let parse = |extra: &[&str]| {
        let mut v = vec!["reflint", "check", "x.txt"];
        v.extend_from_slice(extra);
        match Cli::try_parse_from(v) {
            Ok(Cli {
                command: Command::Check(a),
            }) => net_options(&a.net),
            other => Err(format!("{other:?}")),
        }
    };
    let n = parse(&[]).unwrap();
    assert_eq!(n.timeout, Duration::from_secs(20));
    assert_eq!(n.retries, 2);
    assert_eq!(n.max_concurrency, 64);
    assert_eq!(n.host_concurrency, 2);
    assert_eq!(n.host_interval, Duration::from_millis(100));
    assert!(n.archive);
    assert!(!n.allow_private, "private addresses refused by default");
    assert!(parse(&["--allow-private"]).unwrap().allow_private);
    assert!(n.user_agent.starts_with("reflint/"));
    assert_eq!(
        n.cache.as_deref(),
        Some(std::path::Path::new(".reflint/cache.sqlite"))
    );
    let n = parse(&["--no-cache", "--no-archive", "--header", "A: b"]).unwrap();
    assert!(n.cache.is_none() && !n.archive);
    assert_eq!(n.headers, vec![("A".to_string(), "b".to_string())]);
    assert!(parse(&["--remap", "([ x"]).is_err());
    assert!(parse(&["--exclude", "("]).is_err());
    assert!(parse(&["--header", "nocolon"]).is_err());
    assert!(parse(&["--max-cache-age", "soon"]).is_err());
    assert!(parse(&["--timeout", "0"]).is_err());
    assert!(parse(&["--host-concurrency", "0"]).is_err());
}

#[test]
fn every_help_example_parses() {
    let mut seen = 0;
    for line in EXAMPLES.lines() {
        let Some(at) = line.find("reflint ") else {
            continue;
        };
        // the command ends where its explanation starts (two spaces or more), and a
        // second command follows `&&`
        let text = line.get(at..).unwrap_or("");
        let cmd = text.split("  ").next().unwrap_or("");
        for part in cmd.split("&&") {
            let words: Vec<String> = part
                .split_whitespace()
                .take_while(|w| *w != ">" && !w.starts_with('('))
                .map(str::to_string)
                .collect();
            if words.first().map(String::as_str) != Some("reflint") {
                continue;
            }
            let parsed = Cli::try_parse_from(normalize_args(words.clone()));
            assert!(parsed.is_ok(), "{words:?}: {parsed:?}");
            seen += 1;
        }
    }
    assert!(seen >= 10, "only {seen} examples found");
}

#[test]
fn man_page_has_every_subcommand_and_the_exit_codes() {
    let mut buf = Vec::new();
    man_page(&mut buf).unwrap();
    let roff = String::from_utf8(buf).unwrap();
    assert!(
        roff.starts_with(".ie") || roff.starts_with(".TH"),
        "{}",
        &roff[..80]
    );
    assert!(roff.contains(".TH reflint 1"));
    for sub in Cli::command().get_subcommands() {
        let head = format!(".SH \"REFLINT {}\"", sub.get_name().to_uppercase());
        assert!(roff.contains(&head), "missing {head}");
    }
    assert!(roff.contains("\\fB\\-\\-report\\fR FORMAT=PATH"));
    assert!(roff.contains("\\fB\\-\\-baseline\\fR"));
    assert!(roff.contains(".SH \"EXIT STATUS\""));
    // no line of text starts with a dot that roff would take for a request
    for line in roff.lines() {
        if let Some(rest) = line.strip_prefix('.') {
            assert!(
                rest.starts_with(|c: char| c.is_ascii_alphabetic() || c == '\\'),
                "stray request: {line}"
            );
        }
    }
}

#[test]
fn completions_know_the_subcommands_and_options() {
    for shell in [
        clap_complete::Shell::Bash,
        clap_complete::Shell::Zsh,
        clap_complete::Shell::Fish,
    ] {
        let mut buf = Vec::new();
        clap_complete::generate(shell, &mut Cli::command(), "reflint", &mut buf);
        let text = String::from_utf8(buf).unwrap();
        for word in ["check", "baseline", "explain", "report", "fail-on", "remap"] {
            assert!(text.contains(word), "{shell:?} completion lacks {word}");
        }
    }
}

#[test]
fn default_subcommand() {
    let args = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    assert_eq!(
        normalize_args(args(&["reflint", "x.md"])),
        args(&["reflint", "check", "x.md"])
    );
    assert_eq!(
        normalize_args(args(&["reflint", "rules"])),
        args(&["reflint", "rules"])
    );
    assert_eq!(
        normalize_args(args(&["reflint", "baseline", "x.md"])),
        args(&["reflint", "baseline", "x.md"])
    );
}

/// A reflint.toml, as `reflint check` reads it.
fn config(src: &str) -> Config {
    Config::parse(src, "reflint.toml").unwrap_or_else(|e| panic!("{e}\n{src}"))
}

#[test]
fn every_config_option_parses_as_an_argument() {
    let c = config(crate::config::tests::EVERY_OPTION);
    let args = c.args(ConfigCommand::Check);
    let mut argv = vec!["reflint".to_string(), "check".to_string()];
    argv.extend(args);
    argv.push("doc.txt".into());
    let cli = Cli::try_parse_from(&argv).unwrap_or_else(|e| panic!("{e}"));
    let Command::Check(a) = cli.command else {
        panic!("not check")
    };
    assert_eq!(a.format, crate::report::Format::Json);
    assert_eq!(a.report.len(), 2);
    assert!(a.offline && a.net.no_cache && a.net.no_archive && a.net.allow_private);
    assert_eq!(a.net.host_interval, 250);
    assert_eq!(a.net.max_cache_age, "3600s");
}

#[test]
fn the_command_line_wins_and_lists_add_up() {
    let c = config("format = \"json\"\nfail-on = \"warning\"\ntimeout = 5\nexclude = [\"from-file\"]\nheader = [\"X-File: 1\"]\nno-archive = true\n");
    let parse = |cmdline: &[&str]| {
        let mut argv: Vec<String> = vec!["reflint".into(), "check".into()];
        argv.extend(cmdline.iter().map(|s| s.to_string()));
        let argv = with_config_args(&argv, &c, ConfigCommand::Check);
        match Cli::try_parse_from(&argv) {
            Ok(Cli {
                command: Command::Check(a),
            }) => a,
            other => panic!("{other:?}"),
        }
    };
    // the file alone
    let a = parse(&["doc.txt"]);
    assert_eq!(a.format, crate::report::Format::Json);
    assert_eq!(a.fail_on, FailOn::Warning);
    assert_eq!(a.net.timeout, 5.0);
    assert_eq!(a.net.exclude, vec!["from-file"]);
    assert!(a.net.no_archive);
    // the command line over the file; lists: the file's entries, then the command line's
    let a = parse(&[
        "--format",
        "terminal",
        "--timeout",
        "9",
        "--exclude",
        "from-cli",
        "--header",
        "X-Cli: 2",
        "--archive",
        "doc.txt",
    ]);
    assert_eq!(a.format, crate::report::Format::Terminal);
    assert_eq!(a.fail_on, FailOn::Warning, "kept from the file");
    assert_eq!(a.net.timeout, 9.0);
    assert_eq!(a.net.exclude, vec!["from-file", "from-cli"]);
    assert_eq!(a.net.header, vec!["X-File: 1", "X-Cli: 2"]);
    assert!(
        a.net.archive && !a.net.no_archive,
        "--archive overrides no-archive"
    );
    assert_eq!(a.input.inputs, vec!["doc.txt"]);
}

#[test]
fn values_starting_with_a_dash_stay_values() {
    let c = config("user-agent = \"--offline\"\nexclude = [\"-x\"]\n");
    let mut argv: Vec<String> = vec!["reflint".into(), "check".into(), "doc.txt".into()];
    argv = with_config_args(&argv, &c, ConfigCommand::Check);
    let Ok(Cli {
        command: Command::Check(a),
    }) = Cli::try_parse_from(&argv)
    else {
        panic!("{argv:?}")
    };
    assert!(!a.offline);
    assert_eq!(a.net.user_agent.as_deref(), Some("--offline"));
    assert_eq!(a.net.exclude, vec!["-x"]);
}
