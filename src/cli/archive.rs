//! `reflint archive save`: a check online to find the live cited URLs, then each one without
//! a young enough capture submitted to Save Page Now (`save/`), with a progress bar and a
//! summary table.

use std::io::IsTerminal;
use std::time::Duration;

use clap::{Args, Subcommand};

use super::{
    exit, fail, net_options, parse_duration, run_check, write_out, ConfigArgs, InputArgs, NetArgs,
};
use crate::config::Config;
use crate::links::LinkStatus;
use crate::save::{save_all, summary, Keys, Outcome, SaveOptions, ENDPOINT};
use crate::store::Store;

#[derive(Args, Debug)]
pub struct ArchiveArgs {
    #[command(subcommand)]
    pub action: ArchiveAction,
}

#[derive(Subcommand, Debug)]
pub enum ArchiveAction {
    /// Ask the Internet Archive to capture every live cited URL without a capture younger
    /// than --max-age (keys in REFLINT_IA_ACCESS and REFLINT_IA_SECRET). Resumable: what was
    /// submitted or saved is kept in the cache file and never submitted twice.
    Save(SaveArgs),
}

#[derive(Args, Debug)]
pub struct SaveArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// A capture younger than this is fresh enough: not submitted (`30d`, `26w`, `1y`).
    #[arg(long, value_name = "DURATION", default_value = "1y")]
    pub max_age: String,
    /// How long to wait for the captures submitted; those still running are asked about
    /// again by the next run.
    #[arg(long, value_name = "DURATION", default_value = "10m")]
    pub wait: String,
    /// The wait between two status polls of the running captures, in milliseconds.
    #[arg(long, value_name = "MS", default_value_t = 5000)]
    pub poll_interval: u64,
    /// Refused: a save needs the network (kept so that reflint.toml's `offline = true` gives
    /// a clear message).
    #[arg(long, overrides_with = "online", hide = true)]
    pub offline: bool,
    /// Check links (the default): undoes `offline = true` of reflint.toml.
    #[arg(long, overrides_with = "offline")]
    pub online: bool,
    /// Accepted from reflint.toml and unused: a save reads no dates.
    #[arg(long, value_name = "DATE", hide = true)]
    pub document_date: Option<String>,
    /// The Save Page Now API.
    #[arg(long, value_name = "URL", default_value = ENDPOINT)]
    pub save_endpoint: String,
    #[command(flatten)]
    pub net: NetArgs,
    #[command(flatten)]
    pub config: ConfigArgs,
}

/// The statuses of a live page: a blocked one refuses robots, not people or the archive.
fn live(status: LinkStatus) -> bool {
    matches!(
        status,
        LinkStatus::Alive | LinkStatus::Redirected | LinkStatus::Blocked
    )
}

pub fn archive(a: ArchiveArgs, config: Option<&Config>) -> i32 {
    match a.action {
        ArchiveAction::Save(s) => save(s, config),
    }
}

fn save(mut a: SaveArgs, config: Option<&Config>) -> i32 {
    if a.offline {
        return fail(
            "archive save needs the network (reflint.toml says offline = true: pass --online)",
        );
    }
    let keys = match Keys::from_env() {
        Ok(k) => k,
        Err(e) => return fail(e),
    };
    let Some(max_age) = parse_duration(&a.max_age) else {
        return fail(format!(
            "--max-age: `{}` is not a duration (e.g. 30d, 26w, 1y)",
            a.max_age
        ));
    };
    let Some(wait) = parse_duration(&a.wait) else {
        return fail(format!(
            "--wait: `{}` is not a duration (e.g. 90s, 10m)",
            a.wait
        ));
    };
    if url::Url::parse(&a.save_endpoint).is_err() {
        return fail(format!(
            "--save-endpoint: `{}` is not a URL",
            a.save_endpoint
        ));
    }
    if a.net.no_cache {
        return fail("archive save keeps what it submitted in the cache file: drop --no-cache");
    }
    // only live links matter: the dead ones' copies are `check`'s business
    a.net.no_archive = true;
    let mut net = match net_options(&a.net) {
        Ok(n) => n,
        Err(e) => return fail(e),
    };
    if let Some(c) = config {
        net.hosts.clone_from(&c.hosts);
    }
    let outcome = match run_check(&a.input, None, false, &a.net, config) {
        Ok(o) => o,
        Err(e) => return fail(e),
    };
    for e in &outcome.errors {
        eprintln!("reflint: {e}");
    }
    if let Some(msg) = &outcome.network_unavailable {
        eprintln!("reflint: {msg}");
        return exit::NETWORK;
    }
    let urls: Vec<String> = outcome
        .report
        .links
        .iter()
        .filter(|l| live(l.status))
        .map(|l| l.url.clone())
        .collect();
    let Some(cache) = net.cache.clone() else {
        return fail("archive save keeps what it submitted in the cache file: drop --no-cache");
    };
    let store = match Store::open(&cache) {
        Ok((s, warning)) => {
            if let Some(w) = warning {
                eprintln!("reflint: warning: {w}");
            }
            s
        }
        Err(e) => return fail(e),
    };
    let show = net.progress;
    let opts = SaveOptions {
        net,
        max_age,
        keys,
        endpoint: a.save_endpoint.clone(),
        poll_every: Duration::from_millis(a.poll_interval.max(1)),
        wait_at_most: wait,
    };
    let bar = (show && std::io::stderr().is_terminal()).then(|| {
        let b = indicatif::ProgressBar::new(urls.len() as u64);
        if let Ok(style) = indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} {msg}") {
            b.set_style(style);
        }
        b
    });
    let step = |url: &str, o: &Outcome| match &bar {
        Some(b) => {
            b.inc(1);
            b.set_message(format!("{}: {url}", o.name()));
        }
        None if show => eprintln!("reflint: {}: {url}", o.name()),
        None => {}
    };
    let result = save_all(&urls, &opts, &store, &step);
    if let Some(b) = &bar {
        b.finish_and_clear();
    }
    let outcomes = match result {
        Ok(o) => o,
        Err(e) => return fail(e.0),
    };
    if let Err(e) = write_out(None, &summary(&outcomes)) {
        return fail(e);
    }
    if !outcome.errors.is_empty() {
        exit::USAGE
    } else if outcomes
        .iter()
        .any(|(_, o)| matches!(o, Outcome::Failed { .. }))
    {
        exit::FINDINGS
    } else {
        exit::OK
    }
}
