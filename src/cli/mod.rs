//! The command line: parse arguments, call the library, choose the exit code.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};

use crate::args::{
    parse_doi_resolver, parse_extra_report, parse_millis, parse_requests, parse_retries,
    parse_seconds,
};
pub use crate::args::{parse_duration, ExtraReport};
use crate::baseline::Baseline;
use crate::check::{run_with_policy, Options, RunOutcome};
use crate::cite::dates::PartialDate;
use crate::config::Config;
use crate::extract::{expand_inputs, parse_format, read_source};
use crate::report::{self, terminal};
use crate::rules::{Severity, CATALOGUE};

/// Exit codes of `reflint`.
pub mod exit {
    pub const OK: i32 = 0;
    pub const FINDINGS: i32 = 1;
    pub const USAGE: i32 = 2;
    /// The network was unavailable for every link.
    pub const NETWORK: i32 = 3;
}

const EXAMPLES: &str = "Examples:
  Editor, before publication:
    reflint check --offline chapter.md                  notes, markers, dates; no network
    reflint check --format html --output report.html chapter.md
                                                        links too, as one page for a browser
  CI job:
    reflint check --format github --report sarif=reflint.sarif docs/
                                                        annotations on the changed lines, SARIF for code scanning
    reflint check --fail-on warning --format junit --output reflint.xml docs/
    reflint baseline docs/ && reflint check --baseline reflint-baseline.json docs/
                                                        gate only on findings that are new
  Archivist:
    reflint check --format csv --output refs.csv --report json=refs.json archive/
                                                        a row per note and URL, with archive snapshots
    reflint history https://example.com/article         one link's life, from the cache
  Learning the rules:
    reflint rules                                       every rule, its severity, one line
    reflint explain date-url-mismatch                   what it checks, why, an example, the fix
  Set-up:
    reflint completions bash > /etc/bash_completion.d/reflint
    reflint man > reflint.1

`reflint check` and `reflint baseline` read reflint.toml in the working directory when there is one
(--config FILE to name another, --no-config to ignore it).";

#[derive(Parser, Debug)]
#[command(name = "reflint", version, args_override_self = true, about = "Validates the citations and references of documents: notes, markers, dates and links.", after_help = EXAMPLES)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
// parsed once per process: the size of the largest variant does not matter
#[allow(clippy::large_enum_variant)]
pub enum Command {
    /// Check documents (the default: `reflint FILE` = `reflint check FILE`).
    Check(CheckArgs),
    /// Write the findings of a check to a baseline file, for `reflint check --baseline`.
    Baseline(BaselineArgs),
    /// Print the parsed references as JSON; check nothing.
    Extract(ExtractArgs),
    /// List rule ids with default severity and one line each.
    Rules,
    /// Print a rule's full explanation with an example.
    Explain {
        /// A rule id, e.g. `date-url-mismatch`.
        rule: String,
    },
    /// Show a link's life over time, from the cache's history.
    History {
        /// The URL as written in the document.
        url: String,
        /// The cache file.
        #[arg(long, value_name = "PATH", default_value = ".reflint/cache.sqlite")]
        cache: PathBuf,
    },
    /// Show what reflint reads from one page, and from what evidence: status, redirects,
    /// title, publication dates with their sources, language, the soft-404 signals.
    Inspect(InspectArgs),
    /// Write documents back with repairs: `--archive-links` follows every dead, soft-404 or
    /// unreachable cited URL with its archived copy.
    Fix(fix::FixArgs),
    /// Work with web archives: `archive save` asks the Internet Archive to capture the live
    /// cited pages.
    Archive(archive::ArchiveArgs),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), e.g. `reflint man > reflint.1`.
    Man,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Info,
    Never,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum When {
    Auto,
    Always,
    Never,
}

#[derive(Args, Debug)]
pub struct InputArgs {
    /// Files, directories (walked recursively; hidden, git-ignored and README files skipped),
    /// globs, or `-` for standard input.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<String>,
    /// The input format when it cannot be told from the name (`-`): text, markdown, html,
    /// docx, pdf, latex or bibtex.
    #[arg(long, value_name = "FORMAT")]
    pub input_format: Option<String>,
}

#[derive(Args, Debug)]
pub struct CheckArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Report format.
    #[arg(long, value_enum, default_value = "terminal")]
    pub format: crate::report::Format,
    /// Write the report to FILE instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Also write a report in FORMAT to PATH (repeatable), e.g. `--report sarif=reflint.sarif`.
    #[arg(long, value_name = "FORMAT=PATH", value_parser = parse_extra_report)]
    pub report: Vec<ExtraReport>,
    /// No network at all: structure and citation rules only; links are `skipped`.
    #[arg(long, overrides_with = "online")]
    pub offline: bool,
    /// Check links (the default): undoes `offline = true` of reflint.toml.
    #[arg(long, overrides_with = "offline")]
    pub online: bool,
    /// The lowest severity that makes the exit code 1.
    #[arg(long, value_enum, default_value = "error")]
    pub fail_on: FailOn,
    /// The document's own date, for `date-future` (default: detected, else today).
    #[arg(long, value_name = "DATE")]
    pub document_date: Option<String>,
    /// Colour in the terminal report; `auto` also honours NO_COLOR.
    #[arg(long, value_enum, default_value = "auto")]
    pub color: When,
    /// Report only findings that are not in this baseline (written by `reflint baseline`).
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    #[command(flatten)]
    pub net: NetArgs,
    #[command(flatten)]
    pub config: ConfigArgs,
}

/// `reflint baseline`: the inputs and options of a check, and where the baseline goes.
#[derive(Args, Debug)]
pub struct BaselineArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Write the baseline to FILE (default: `baseline` of reflint.toml, else
    /// reflint-baseline.json; `-` for standard output).
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// No network at all: structure and citation rules only.
    #[arg(long, overrides_with = "online")]
    pub offline: bool,
    /// Check links (the default): undoes `offline = true` of reflint.toml.
    #[arg(long, overrides_with = "offline")]
    pub online: bool,
    /// The document's own date, for `date-future` (default: detected, else today).
    #[arg(long, value_name = "DATE")]
    pub document_date: Option<String>,
    #[command(flatten)]
    pub net: NetArgs,
    #[command(flatten)]
    pub config: ConfigArgs,
}

/// Which reflint.toml is read.
#[derive(Args, Debug, Default)]
pub struct ConfigArgs {
    /// The configuration file (default: reflint.toml in the working directory, if present).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Read no configuration file.
    #[arg(long, conflicts_with = "config")]
    pub no_config: bool,
}

/// The options of online checking.
#[derive(Args, Debug)]
pub struct NetArgs {
    /// Rewrite the target of every outgoing request: 'REGEX REPLACEMENT' (repeatable; `$1`
    /// for groups). Reports keep the URL as written.
    #[arg(long, value_name = "'REGEX REPLACEMENT'")]
    pub remap: Vec<String>,
    /// Seconds per request.
    #[arg(long, value_name = "SECS", default_value_t = 20.0, value_parser = parse_seconds)]
    pub timeout: f64,
    /// Retries of transient failures (exponential backoff, `Retry-After` honoured).
    #[arg(long, value_name = "N", default_value_t = 2, value_parser = parse_retries)]
    pub retries: u32,
    /// Requests in flight overall.
    #[arg(long, value_name = "N", default_value_t = 64, value_parser = parse_requests)]
    pub max_concurrency: usize,
    /// Requests in flight per host.
    #[arg(long, value_name = "N", default_value_t = 2, value_parser = parse_requests)]
    pub host_concurrency: usize,
    /// Minimum gap in milliseconds between request starts to one host.
    #[arg(long, value_name = "MS", default_value_t = 100, value_parser = parse_millis)]
    pub host_interval: u64,
    /// The User-Agent (default: reflint, its version and its home page).
    #[arg(long, value_name = "STR")]
    pub user_agent: Option<String>,
    /// An extra request header, 'Name: value' (repeatable).
    #[arg(long, value_name = "'Name: value'")]
    pub header: Vec<String>,
    /// URLs to skip (regex, repeatable).
    #[arg(long, value_name = "REGEX")]
    pub exclude: Vec<String>,
    /// URLs to check even if excluded (regex, repeatable).
    #[arg(long, value_name = "REGEX")]
    pub include: Vec<String>,
    /// The result cache (SQLite); given on the command line, it undoes `no-cache = true` of
    /// reflint.toml.
    #[arg(
        long,
        value_name = "PATH",
        default_value = ".reflint/cache.sqlite",
        overrides_with = "no_cache"
    )]
    pub cache: PathBuf,
    /// Neither read nor write the cache.
    #[arg(long, overrides_with = "cache")]
    pub no_cache: bool,
    /// Reuse cached results younger than this (`90s`, `30m`, `12h`, `1d`, `2w`).
    #[arg(long, value_name = "DURATION", default_value = "1d")]
    pub max_cache_age: String,
    /// Look up archived snapshots for dead, soft-404 and unreachable links (default when online).
    #[arg(long, overrides_with = "no_archive")]
    pub archive: bool,
    /// Do not look up archived snapshots.
    #[arg(long, overrides_with = "archive")]
    pub no_archive: bool,
    /// The web archives asked for snapshots, comma-separated: `wayback`, `archive-today`,
    /// `arquivo-pt`, `ukwa`, `loc`, or NAME=TIMEGATE-URL for another Memento archive
    /// [default: wayback,archive-today,arquivo-pt].
    #[arg(long, value_name = "ARCHIVE,...", value_delimiter = ',')]
    pub archives: Vec<String>,
    /// Look up every cited DOI at the DOI resolver and compare the citation's title and year
    /// with the registry's record (default when online): undoes `doi = false` of reflint.toml.
    #[arg(long, overrides_with = "no_doi")]
    pub doi: bool,
    /// Do not look up DOIs (`https://doi.org/…` links are then checked as pages).
    #[arg(long, overrides_with = "doi")]
    pub no_doi: bool,
    /// The DOI resolver asked for each DOI's record (CSL JSON by content negotiation); one of
    /// your own passes the private-address guard, as a --remap target does.
    #[arg(long, value_name = "URL", default_value = "https://doi.org", value_parser = parse_doi_resolver)]
    pub doi_resolver: String,
    /// Progress bar on stderr: `auto` only on a terminal and never when CI is set.
    #[arg(long, value_enum, default_value = "auto")]
    pub progress: When,
    /// Also check URLs that resolve to loopback, private, link-local or cloud-metadata
    /// addresses (refused by default: such links are `skipped` with the reason). Targets
    /// written by --remap are always allowed.
    #[arg(long)]
    pub allow_private: bool,
}

#[derive(Args, Debug)]
pub struct InspectArgs {
    /// A URL (checked online, as `reflint check` would, without the cache) or a saved page.
    pub target: String,
    /// For a saved page: the URL it came from (the date in its path is evidence too).
    #[arg(long, value_name = "URL")]
    pub url: Option<String>,
    /// `text` for people, `json` (`reflint/inspect/v1`) for scripts.
    #[arg(long, value_enum, default_value = "text")]
    pub format: InspectFormat,
    #[command(flatten)]
    pub net: NetArgs,
}

/// The output of `reflint inspect`.
#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum InspectFormat {
    Text,
    Json,
}

#[derive(Args, Debug)]
pub struct ExtractArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Write the JSON to FILE instead of standard output.
    #[arg(long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Whether the terminal report is coloured: `always`/`never` as said; `auto` only on a
/// terminal and never when `NO_COLOR` is set (to anything but an empty string).
pub fn use_color(when: When, no_color: bool, to_terminal: bool) -> bool {
    match when {
        When::Always => true,
        When::Never => false,
        When::Auto => to_terminal && !no_color,
    }
}

/// Whether the progress bar is shown: `always`/`never` as said; `auto` only when stderr is a
/// terminal and never when `CI` is set.
pub fn use_progress(when: When, ci: bool, stderr_terminal: bool) -> bool {
    match when {
        When::Always => true,
        When::Never => false,
        When::Auto => stderr_terminal && !ci,
    }
}

/// The network options from the command line.
pub fn net_options(a: &NetArgs) -> Result<crate::net::NetOptions, String> {
    use crate::net::{NetOptions, Remap};
    let regexes = |opt: &str, v: &[String]| -> Result<Vec<regex::Regex>, String> {
        v.iter()
            .map(|r| regex::Regex::new(r).map_err(|e| format!("{opt} '{r}': bad regex: {e}")))
            .collect()
    };
    let headers = a
        .header
        .iter()
        .map(|h| {
            h.split_once(':')
                .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
                .filter(|(k, _)| !k.is_empty())
                .ok_or_else(|| format!("--header '{h}': expected 'Name: value'"))
        })
        .collect::<Result<Vec<_>, _>>()?;
    if !(a.timeout.is_finite() && a.timeout > 0.0) {
        return Err(format!(
            "--timeout {}: must be a positive number of seconds",
            a.timeout
        ));
    }
    if a.max_concurrency == 0 || a.host_concurrency == 0 {
        return Err("--max-concurrency and --host-concurrency must be at least 1".to_string());
    }
    let max_cache_age = parse_duration(&a.max_cache_age).ok_or_else(|| {
        format!(
            "--max-cache-age '{}': not a duration (e.g. 90s, 30m, 12h, 1d, 2w)",
            a.max_cache_age
        )
    })?;
    Ok(NetOptions {
        remaps: a
            .remap
            .iter()
            .map(|r| Remap::parse(r))
            .collect::<Result<_, _>>()?,
        timeout: std::time::Duration::from_secs_f64(a.timeout.min(86_400.0)),
        retries: a.retries,
        max_concurrency: a.max_concurrency,
        host_concurrency: a.host_concurrency,
        host_interval: std::time::Duration::from_millis(a.host_interval),
        user_agent: a
            .user_agent
            .clone()
            .unwrap_or_else(crate::net::default_user_agent),
        headers,
        exclude: regexes("--exclude", &a.exclude)?,
        include: regexes("--include", &a.include)?,
        cache: (!a.no_cache).then(|| a.cache.clone()),
        max_cache_age,
        archive: !a.no_archive,
        archives: if a.archives.is_empty() {
            crate::net::archive::Archive::defaults()
        } else {
            a.archives
                .iter()
                .map(|s| {
                    crate::net::archive::Archive::parse(s).map_err(|e| format!("--archives: {e}"))
                })
                .collect::<Result<_, _>>()?
        },
        doi: !a.no_doi,
        doi_resolver: a.doi_resolver.clone(),
        allow_private: a.allow_private,
        date_evidence: false,
        progress: use_progress(
            a.progress,
            std::env::var_os("CI").is_some_and(|v| !v.is_empty()),
            std::io::stderr().is_terminal(),
        ),
        ..NetOptions::default()
    })
}

/// The subcommands, and what may stand in their place.
const KNOWN: &[&str] = &[
    "check",
    "baseline",
    "extract",
    "rules",
    "explain",
    "history",
    "inspect",
    "fix",
    "archive",
    "completions",
    "man",
    "help",
    "-h",
    "--help",
    "-V",
    "--version",
];

/// Inserts `check` when the first argument is not a subcommand, so `reflint FILE` works.
pub fn normalize_args(mut args: Vec<String>) -> Vec<String> {
    if let Some(first) = args.get(1) {
        if !KNOWN.contains(&first.as_str()) {
            args.insert(1, "check".to_string());
        }
    }
    args
}

fn fail(msg: impl std::fmt::Display) -> i32 {
    eprintln!("reflint: {msg}");
    exit::USAGE
}

fn write_out(path: Option<&PathBuf>, content: &str) -> Result<(), String> {
    write_with(path, |w| w.write_all(content.as_bytes()))
}

/// Where a report goes: a file or standard output, buffered. An enum rather than
/// `dyn Write`, so that the JSON serialiser's many small writes are not virtual calls.
pub enum Out {
    File(std::io::BufWriter<std::fs::File>),
    Stdout(std::io::BufWriter<std::io::StdoutLock<'static>>),
}

impl Write for Out {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self {
            Out::File(w) => w.write(buf),
            Out::Stdout(w) => w.write(buf),
        }
    }

    #[inline]
    fn write_all(&mut self, buf: &[u8]) -> std::io::Result<()> {
        match self {
            Out::File(w) => w.write_all(buf),
            Out::Stdout(w) => w.write_all(buf),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match self {
            Out::File(w) => w.flush(),
            Out::Stdout(w) => w.flush(),
        }
    }
}

/// Writes to FILE or standard output through a buffer, so that a large report is never held
/// twice in memory.
fn write_with(
    path: Option<&PathBuf>,
    f: impl FnOnce(&mut Out) -> std::io::Result<()>,
) -> Result<(), String> {
    match path {
        Some(p) => {
            let file = std::fs::File::create(p)
                .map_err(|e| format!("{}: cannot write: {e}", p.display()))?;
            let mut w = Out::File(std::io::BufWriter::with_capacity(1 << 20, file));
            f(&mut w)
                .and_then(|_| w.flush())
                .map_err(|e| format!("{}: cannot write: {e}", p.display()))
        }
        None => {
            let mut w = Out::Stdout(std::io::BufWriter::with_capacity(
                1 << 20,
                std::io::stdout().lock(),
            ));
            // a closed pipe (`| head`) is not an error worth a message
            match f(&mut w).and_then(|_| w.flush()) {
                Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                    Err(format!("cannot write to standard output: {e}"))
                }
                _ => Ok(()),
            }
        }
    }
}

/// Parses the arguments; on an error (or `--help`), the exit code after printing it.
fn parse(args: &[String]) -> Result<Cli, i32> {
    match Cli::try_parse_from(args) {
        Ok(c) => Ok(c),
        Err(e) => {
            if !e.use_stderr() {
                // --help, --version
                let _ = e.print();
                return Err(exit::OK);
            }
            if e.kind() == clap::error::ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
                // `reflint` alone: the help, on stderr
                let _ = e.print();
                return Err(exit::USAGE);
            }
            // one line: the error, and clap's suggestion or the possible values
            Err(fail(mistakes::one_line(&e)))
        }
    }
}

/// The arguments with a configuration's options placed right after the subcommand's name, so
/// that the command line's own come later and win (lists: the file's entries, then the
/// command line's).
pub fn with_config_args(
    args: &[String],
    config: &Config,
    command: crate::config::Command,
) -> Vec<String> {
    let mut out = args.to_vec();
    let at = 2.min(out.len());
    out.splice(at..at, config.args(command));
    out
}

/// Parses the command line, reading reflint.toml for `check` and `baseline`: the
/// configuration's options are parsed as if given first on the command line.
fn parse_configured(args: Vec<String>) -> Result<(Cli, Option<Config>), i32> {
    if let Some(why) = args
        .get(1)
        .filter(|first| !KNOWN.contains(&first.as_str()))
        .and_then(|first| mistakes::not_a_command(first, KNOWN))
    {
        return Err(fail(why));
    }
    let args = normalize_args(args);
    let cli = parse(&args)?;
    let (which, config_args) = match &cli.command {
        Command::Check(a) => (crate::config::Command::Check, &a.config),
        Command::Baseline(a) => (crate::config::Command::Baseline, &a.config),
        // a fix renders no report: the report options are left out, as for a baseline
        Command::Fix(a) => (crate::config::Command::Baseline, &a.config),
        Command::Archive(archive::ArchiveArgs {
            action: archive::ArchiveAction::Save(a),
        }) => (crate::config::Command::Baseline, &a.config),
        _ => return Ok((cli, None)),
    };
    let config = match Config::find(config_args.config.as_deref(), config_args.no_config) {
        Ok(Some(c)) => c,
        Ok(None) => return Ok((cli, None)),
        Err(e) => return Err(fail(e)),
    };
    let extra = config.args(which);
    if extra.is_empty() {
        return Ok((cli, Some(config)));
    }
    let cli = parse(&with_config_args(&args, &config, which))?;
    Ok((cli, Some(config)))
}

/// Runs the command line and returns the exit code.
pub fn main_with(args: Vec<String>) -> i32 {
    let (cli, config) = match parse_configured(args) {
        Ok(c) => c,
        Err(code) => return code,
    };
    match cli.command {
        Command::Rules => {
            let mut s = String::new();
            for r in CATALOGUE {
                let kind = if r.online { "online" } else { "offline" };
                s.push_str(&format!(
                    "{:<20} {:<8} {:<8} {}\n",
                    r.id,
                    r.default.name(),
                    kind,
                    r.summary
                ));
            }
            print_or_code(write_out(None, &s))
        }
        Command::Explain { rule } => match crate::rules::find(&rule) {
            Some(r) => {
                let kind = if r.online { "online" } else { "offline" };
                let s = format!(
                    "# {} (default: {}, {kind})\n\n{}.\n\n{}\n",
                    r.id,
                    r.default.name(),
                    r.summary,
                    r.doc
                );
                print_or_code(write_out(None, &s))
            }
            None => match mistakes::closest(&rule, CATALOGUE.iter().map(|r| r.id)) {
                Some(near) => fail(format!("unknown rule `{rule}`; did you mean `{near}`?")),
                None => fail(format!(
                    "unknown rule `{rule}` (`reflint rules` lists them)"
                )),
            },
        },
        Command::Extract(a) => extract(a),
        Command::History { url, cache } => history(&url, &cache),
        Command::Inspect(a) => inspect(&a),
        Command::Completions { shell } => {
            let mut buf = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "reflint", &mut buf);
            print_or_code(write_with(None, |w| w.write_all(&buf)))
        }
        Command::Man => {
            let mut buf = Vec::new();
            match man_page(&mut buf) {
                Ok(()) => print_or_code(write_with(None, |w| w.write_all(&buf))),
                Err(e) => fail(format!("cannot write the manual page: {e}")),
            }
        }
        Command::Check(a) => check(a, config.as_ref()),
        Command::Baseline(a) => baseline(a, config.as_ref()),
        Command::Fix(a) => fix::fix(a, config.as_ref()),
        Command::Archive(a) => archive::archive(a, config.as_ref()),
    }
}

/// `reflint inspect`: a URL is checked online; anything else is a saved page.
fn inspect(a: &InspectArgs) -> i32 {
    let is_url = ["http://", "https://"].iter().any(|p| {
        a.target
            .get(..p.len())
            .is_some_and(|s| s.eq_ignore_ascii_case(p))
    });
    let result = if is_url && !Path::new(&a.target).exists() {
        net_options(&a.net).and_then(|o| crate::inspect::inspect_url(&a.target, &o))
    } else {
        crate::inspect::inspect_file(&a.target, a.url.as_deref())
    };
    match result {
        Ok(i) => {
            let s = match a.format {
                InspectFormat::Json => crate::inspect::to_json(&i),
                InspectFormat::Text => crate::inspect::to_text(&i),
            };
            print_or_code(write_out(None, &s))
        }
        Err(e) => fail(e),
    }
}

/// The manual page: reflint(1) with every subcommand's options, the examples, exit codes and
/// files.
pub fn man_page(w: &mut Vec<u8>) -> std::io::Result<()> {
    let cmd = Cli::command();
    let man = clap_mangen::Man::new(cmd.clone());
    man.render_title(w)?;
    man.render_name_section(w)?;
    man.render_synopsis_section(w)?;
    man.render_description_section(w)?;
    man.render_options_section(w)?;
    man.render_subcommands_section(w)?;
    for sub in cmd.get_subcommands() {
        let name = sub.get_name();
        writeln!(w, ".SH \"REFLINT {}\"", name.to_uppercase())?;
        if let Some(about) = sub.get_about() {
            writeln!(w, "{}", roff_text(&about.to_string()))?;
        }
        for arg in sub.get_arguments() {
            let Some(long) = arg.get_long() else {
                continue;
            };
            let value = arg
                .get_value_names()
                .and_then(|v| v.first())
                .map(|v| format!(" {v}"))
                .unwrap_or_default();
            writeln!(w, ".TP\n\\fB\\-\\-{long}\\fR{}", roff_text(&value))?;
            if let Some(help) = arg.get_help() {
                writeln!(w, "{}", roff_text(&help.to_string()))?;
            }
        }
    }
    writeln!(w, ".SH EXAMPLES\n.nf")?;
    for line in EXAMPLES.lines().skip(1) {
        writeln!(w, "{}", roff_text(line))?;
    }
    writeln!(w, ".fi")?;
    writeln!(
        w,
        ".SH \"EXIT STATUS\"\n.TP\n0\nnothing at or above \\-\\-fail\\-on\n.TP\n1\nfindings at or above \\-\\-fail\\-on\n.TP\n2\na usage, input or configuration error\n.TP\n3\nthe network was unavailable for every link"
    )?;
    writeln!(
        w,
        ".SH FILES\n.TP\nreflint.toml\nthe configuration, read from the working directory\n.TP\n\\.reflint/cache.sqlite\nthe link cache and history\n.TP\nreflint\\-baseline.json\nthe default baseline"
    )?;
    man.render_version_section(w)?;
    Ok(())
}

/// Text made safe for roff: backslashes doubled, a leading `.` or `'` escaped, `-` as `\-`.
fn roff_text(s: &str) -> String {
    let escaped = s.replace('\\', "\\e").replace('-', "\\-");
    if escaped.starts_with('.') || escaped.starts_with('\'') {
        format!("\\&{escaped}")
    } else {
        escaped
    }
}

/// `reflint history URL`: the link's checks, oldest first.
fn history(url: &str, cache: &std::path::Path) -> i32 {
    if !cache.exists() {
        return fail(format!(
            "{}: no cache file (run `reflint check` online first)",
            cache.display()
        ));
    }
    let store = match crate::store::Store::open(cache) {
        Ok((s, warning)) => {
            if let Some(w) = warning {
                eprintln!("reflint: warning: {w}");
            }
            s
        }
        Err(e) => return fail(e),
    };
    match store.history(url) {
        Ok(rows) => print_or_code(write_out(None, &crate::store::render_history(url, &rows))),
        Err(e) => fail(e),
    }
}

fn print_or_code(r: Result<(), String>) -> i32 {
    match r {
        Ok(()) => exit::OK,
        Err(e) => fail(e),
    }
}

fn input_format(a: &InputArgs) -> Result<Option<crate::model::Format>, String> {
    match &a.input_format {
        None => Ok(None),
        Some(s) => parse_format(s).map(Some).ok_or_else(|| {
            format!("--input-format: unknown format `{s}` (text, markdown, html, docx, pdf, latex or bibtex)")
        }),
    }
}

fn extract(a: ExtractArgs) -> i32 {
    let fmt = match input_format(&a.input) {
        Ok(f) => f,
        Err(e) => return fail(e),
    };
    let sources = match expand_inputs(&a.input.inputs) {
        Ok(s) => s,
        Err(e) => return fail(e),
    };
    let mut docs = Vec::new();
    let mut code = exit::OK;
    for s in &sources {
        match read_source(s, fmt) {
            Ok(doc) => {
                let references = crate::cite::read_document(&doc);
                docs.push(ExtractedDocument {
                    path: doc.path,
                    format: doc.format,
                    document_date: doc.detected_date.map(|d| d.to_string()),
                    references,
                    markers: doc
                        .markers
                        .into_iter()
                        .map(|m| ExtractedMarker {
                            label: m.label,
                            line: m.pos.line,
                            column: m.pos.column,
                        })
                        .collect(),
                    body_urls: doc.body_urls.into_iter().map(|u| u.url).collect(),
                    warnings: doc.warnings,
                });
            }
            Err(e) => code = fail(e),
        }
    }
    let out = Extracted {
        schema: "reflint/extract/v1",
        documents: docs,
    };
    let written = write_with(a.output.as_ref(), |w| {
        serde_json::to_writer_pretty(&mut *w, &out).map_err(std::io::Error::other)?;
        w.write_all(b"\n")
    });
    match written {
        Ok(()) => code,
        Err(e) => fail(e),
    }
}

/// What `reflint extract` prints.
#[derive(serde::Serialize)]
struct Extracted {
    schema: &'static str,
    documents: Vec<ExtractedDocument>,
}

#[derive(serde::Serialize)]
struct ExtractedDocument {
    path: String,
    format: crate::model::Format,
    document_date: Option<String>,
    references: Vec<crate::cite::Reference>,
    markers: Vec<ExtractedMarker>,
    body_urls: Vec<String>,
    warnings: Vec<String>,
}

#[derive(serde::Serialize)]
struct ExtractedMarker {
    label: String,
    line: usize,
    column: usize,
}

/// The run that `check` and `baseline` share: the inputs read, checked and, online, their
/// links, under the configuration's host settings, rules and ignores.
fn run_check(
    input: &InputArgs,
    document_date: Option<&str>,
    offline: bool,
    net_args: &NetArgs,
    config: Option<&Config>,
) -> Result<RunOutcome, String> {
    let input_format = input_format(input)?;
    let document_date = match document_date {
        None => None,
        Some(s) => Some(
            s.parse::<PartialDate>()
                .ok()
                .and_then(|d| d.last_day())
                .ok_or_else(|| format!("--document-date: `{s}` is not a date (use YYYY-MM-DD)"))?,
        ),
    };
    let sources = expand_inputs(&input.inputs).map_err(|e| e.to_string())?;
    let net = if offline {
        None
    } else {
        let mut n = net_options(net_args)?;
        if let Some(c) = config {
            n.hosts.clone_from(&c.hosts);
        }
        Some(n)
    };
    let opts = Options {
        document_date,
        today: chrono::Local::now().date_naive(),
        input_format,
    };
    let now = chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string();
    let default_policy = crate::config::Policy::default();
    let policy = config.map_or(&default_policy, |c| &c.policy);
    let outcome = run_with_policy(&sources, &opts, net.as_ref(), policy, now)?;
    for w in &outcome.warnings {
        eprintln!("reflint: warning: {w}");
    }
    Ok(outcome)
}

/// `reflint baseline`: checks like `reflint check` and writes every finding to the baseline.
fn baseline(a: BaselineArgs, config: Option<&Config>) -> i32 {
    let outcome = match run_check(
        &a.input,
        a.document_date.as_deref(),
        a.offline,
        &a.net,
        config,
    ) {
        Ok(o) => o,
        Err(e) => return fail(e),
    };
    if !outcome.errors.is_empty() {
        for e in &outcome.errors {
            eprintln!("reflint: {e}");
        }
        return fail("no baseline written: some inputs could not be read");
    }
    if let Some(msg) = &outcome.network_unavailable {
        eprintln!("reflint: {msg}");
        eprintln!("reflint: no baseline written");
        return exit::NETWORK;
    }
    let b = Baseline::from_report(&outcome.report);
    let path = a
        .output
        .or_else(|| config.and_then(|c| c.baseline.clone()))
        .unwrap_or_else(|| PathBuf::from(crate::baseline::DEFAULT_FILE));
    let to_stdout = path.as_os_str() == "-";
    if let Err(e) = write_out((!to_stdout).then_some(&path), &b.to_json()) {
        return fail(e);
    }
    if !to_stdout {
        let n = b.findings.len();
        eprintln!(
            "reflint: wrote {n} finding{} to {}",
            if n == 1 { "" } else { "s" },
            path.display()
        );
    }
    exit::OK
}

fn check(a: CheckArgs, config: Option<&Config>) -> i32 {
    // a missing or broken baseline is known before the run
    let baseline = match &a.baseline {
        Some(p) => match Baseline::load(p) {
            Ok(b) => Some(b),
            Err(e) => return fail(e),
        },
        None => None,
    };
    let outcome = match run_check(
        &a.input,
        a.document_date.as_deref(),
        a.offline,
        &a.net,
        config,
    ) {
        Ok(o) => o,
        Err(e) => return fail(e),
    };
    let (mut report, errors) = (outcome.report, outcome.errors);
    if let Some(b) = &baseline {
        let (filtered, dropped) = b.filter(report);
        report = filtered;
        eprintln!("reflint: {}", crate::baseline::note(dropped));
    }
    let color = use_color(
        a.color,
        std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
        a.output.is_none() && std::io::stdout().is_terminal(),
    );
    let style = terminal::Style { color };
    let mut written = write_with(a.output.as_ref(), |w| {
        report::write(a.format, &report, style, w)
    });
    for extra in &a.report {
        if written.is_err() {
            break;
        }
        let plain = terminal::Style { color: false };
        written = write_with(Some(&extra.path), |w| {
            report::write(extra.format, &report, plain, w)
        });
    }
    if let Err(e) = written {
        return fail(e);
    }
    for e in &errors {
        eprintln!("reflint: {e}");
    }
    if !errors.is_empty() {
        return exit::USAGE;
    }
    if let Some(msg) = &outcome.network_unavailable {
        eprintln!("reflint: {msg}");
        return exit::NETWORK;
    }
    let worst = report.worst();
    // the process ends now: freeing every note one by one would only cost time
    std::mem::forget(report);
    let threshold = match a.fail_on {
        FailOn::Error => Some(Severity::Error),
        FailOn::Warning => Some(Severity::Warning),
        FailOn::Info => Some(Severity::Info),
        FailOn::Never => None,
    };
    match (threshold, worst) {
        (Some(t), Some(w)) if w >= t => exit::FINDINGS,
        _ => exit::OK,
    }
}

mod archive;
mod fix;
mod mistakes;
#[cfg(test)]
mod tests;
