//! Option values that the command line and reflint.toml both take, parsed alike in both:
//! `cli` gives these functions to clap as value parsers, `config` checks a file's values with
//! them (and reports a problem with the file's line). They live below both, so that `config`
//! never imports `cli`.

use std::path::PathBuf;
use std::time::Duration;

use crate::report::Format;

/// `--report FORMAT=PATH`: one more report written in the same run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExtraReport {
    pub format: Format,
    pub path: PathBuf,
}

/// `FORMAT=PATH`, as `--report` and reflint.toml's `report = [...]` take it.
pub(crate) fn parse_extra_report(s: &str) -> Result<ExtraReport, String> {
    let (f, p) = s
        .split_once('=')
        .ok_or_else(|| format!("expected FORMAT=PATH, e.g. sarif=reflint.sarif, not `{s}`"))?;
    let format = Format::parse(f.trim()).ok_or_else(|| {
        let names: Vec<&str> = Format::ALL.iter().map(|f| f.name()).collect();
        format!("unknown format `{f}` (one of {})", names.join(", "))
    })?;
    if p.is_empty() {
        return Err(format!("`{s}`: the PATH after `=` is empty"));
    }
    Ok(ExtraReport {
        format,
        path: PathBuf::from(p),
    })
}

/// `90s`, `30m`, `12h`, `1d`, `2w`, or plain seconds.
pub fn parse_duration(s: &str) -> Option<Duration> {
    let s = s.trim();
    let split = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    let (n, unit) = s.split_at(split);
    let n: u64 = n.parse().ok()?;
    let secs = match unit.trim() {
        "" | "s" => 1,
        "m" | "min" => 60,
        "h" => 3600,
        "d" => 86_400,
        "w" => 7 * 86_400,
        // a year of 365 days, for ages such as `archive save --max-age 1y`
        "y" => 365 * 86_400,
        _ => return None,
    };
    Some(Duration::from_secs(n.checked_mul(secs)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(parse_duration("90s"), Some(Duration::from_secs(90)));
        assert_eq!(parse_duration("30m"), Some(Duration::from_secs(1800)));
        assert_eq!(parse_duration("1d"), Some(Duration::from_secs(86_400)));
        assert_eq!(parse_duration("2w"), Some(Duration::from_secs(14 * 86_400)));
        assert_eq!(parse_duration("15"), Some(Duration::from_secs(15)));
        assert_eq!(
            parse_duration("1y"),
            Some(Duration::from_secs(365 * 86_400))
        );
        assert_eq!(parse_duration("1x"), None);
        assert_eq!(parse_duration(""), None);
    }
}

/// `--timeout SECS`: a number of seconds above 0 ("20", "2.5").
pub(crate) fn parse_seconds(s: &str) -> Result<f64, String> {
    match s.trim().parse::<f64>() {
        Ok(v) if v.is_finite() && v > 0.0 => Ok(v),
        _ => Err("expected a number of seconds above 0, e.g. 20".to_string()),
    }
}

/// `--retries N`: a whole number, 0 or more.
pub(crate) fn parse_retries(s: &str) -> Result<u32, String> {
    s.trim()
        .parse::<u32>()
        .map_err(|_| "expected a whole number of retries, e.g. 2 (0 for none)".to_string())
}

/// `--max-concurrency N`, `--host-concurrency N`: a whole number above 0.
pub(crate) fn parse_requests(s: &str) -> Result<usize, String> {
    match s.trim().parse::<usize>() {
        Ok(n) if n > 0 => Ok(n),
        _ => Err("expected a whole number of requests above 0, e.g. 8".to_string()),
    }
}

/// `--host-interval MS`: a whole number of milliseconds, 0 or more.
pub(crate) fn parse_millis(s: &str) -> Result<u64, String> {
    s.trim()
        .parse::<u64>()
        .map_err(|_| "expected a whole number of milliseconds, e.g. 100 (0 for none)".to_string())
}

/// `--doi-resolver URL`: an `http(s)` URL with a host, without query or fragment
/// (`https://doi.org`, `http://127.0.0.1:8080/resolve`).
pub fn parse_doi_resolver(s: &str) -> Result<String, String> {
    crate::net::doi::resolver_base(s)
        .map(|_| s.trim().to_string())
        .ok_or_else(|| {
            format!("`{s}` is not an http(s) URL with a host and no query, e.g. https://doi.org")
        })
}

#[cfg(test)]
mod value_tests {
    use super::*;

    #[test]
    fn values_that_do_not_parse_say_what_is_expected() {
        assert_eq!(parse_seconds("2.5"), Ok(2.5));
        for bad in ["abc", "0", "-3", "NaN", "inf", ""] {
            let e = parse_seconds(bad).unwrap_err();
            assert!(
                e.contains("number of seconds") && e.contains("e.g. 20"),
                "{bad}: {e}"
            );
        }
        assert_eq!(parse_retries("0"), Ok(0));
        assert!(parse_retries("two").unwrap_err().contains("e.g. 2"));
        assert_eq!(parse_requests("8"), Ok(8));
        assert!(parse_requests("0").unwrap_err().contains("above 0"));
        assert_eq!(parse_millis("0"), Ok(0));
        assert!(parse_millis("1.5").unwrap_err().contains("milliseconds"));
        assert_eq!(
            parse_doi_resolver(" http://127.0.0.1:9/r/ "),
            Ok("http://127.0.0.1:9/r/".into())
        );
        for bad in ["doi.org", "ftp://doi.org", "https://doi.org/?x=1", ""] {
            assert!(parse_doi_resolver(bad)
                .unwrap_err()
                .contains("e.g. https://doi.org"));
        }
    }
}
