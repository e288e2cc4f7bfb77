//! `date-after-claim`: the sentence carrying the marker speaks of a later year than the cited
//! source's date.

use super::{Context, Finding, Rule, Severity};
use crate::cite::dates::years_in;

pub static RULE: Rule = Rule {
    id: "date-after-claim",
    default: Severity::Warning,
    summary:
        "the sentence that carries the marker speaks of a later year than the cited source's date",
    doc: "## What it checks
The sentence that carries a note's marker is read for the years it speaks of. When it speaks of
a year later than the cited source's date, the source cannot report it. Years introduced by
\"by\", \"until\", \"through\" or \"before\" (deadlines) are not counted, nor are the years of a
sentence about the future (\"will\", \"plans\", \"goal\", \"expected\", ...). A note citing several
sources is checked against the latest of them. A short form
(\"Ibid.\", a repeated title) is checked with the date of the citation it resolves to.

## Why it matters
It catches citations whose date is wrong (a mistyped year) and claims supported by a source
that predates them: both need an editor's eye.

## Example
    At the end of 2019, the fifth plenary session … made a great strategic adjustment.¹
    1 “Significant Signals …,” *Xinhua*, January 2, 2010, …
    → the sentence speaks of 2019; the source is dated 2010.

## Fix
Correct the cited date if it is a typo, or cite a source that can support the claim.",
    online: false,
    check: Some(check),
    online_check: None,
};

/// Words before a year that make it a forecast or a bound, not an event being reported.
const FORWARD: &[&str] = &[
    "by", "until", "till", "through", "before", "to", "toward", "towards", "beyond",
];

/// Words that make a sentence speak of the future (plans, goals, forecasts): its years are
/// not events a source must have reported.
const FUTURE: &[&str] = &[
    "will",
    "would",
    "should",
    "plan",
    "plans",
    "planned",
    "aim",
    "aims",
    "goal",
    "goals",
    "target",
    "targets",
    "expected",
    "expects",
    "projected",
    "forecast",
    "forecasts",
    "scheduled",
    "intends",
    "future",
];

/// The latest year a sentence reports on, ignoring forecast years.
pub fn claimed_year(sentence: &str) -> Option<i32> {
    let forward = sentence
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| FUTURE.contains(&w.to_lowercase().as_str()));
    if forward {
        return None;
    }
    years_in(sentence)
        .into_iter()
        .filter(|&(_, at)| {
            let before = sentence.get(..at).unwrap_or("");
            let prev = before
                .split(|c: char| !c.is_alphanumeric())
                .rfind(|w| !w.is_empty())
                .unwrap_or("")
                .to_lowercase();
            !FORWARD.contains(&prev.as_str())
        })
        .map(|(y, _)| y)
        .max()
}

/// The most characters of the sentence quoted in a finding.
const QUOTE_CHARS: usize = 240;

/// `sentence`, or when longer than `max` characters, the part of it around the first
/// `needle`, an ellipsis marking each cut.
fn around(sentence: &str, needle: &str, max: usize) -> String {
    let chars: Vec<char> = sentence.trim().chars().collect();
    if chars.len() <= max {
        return chars.into_iter().collect();
    }
    let at = sentence
        .trim()
        .find(needle)
        .map_or(0, |b| sentence.trim()[..b].chars().count());
    let start = at
        .saturating_sub(max / 2)
        .min(chars.len().saturating_sub(max));
    let end = (start + max).min(chars.len());
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    out.extend(chars.get(start..end).unwrap_or(&[]));
    if end < chars.len() {
        out.push('…');
    }
    out
}

fn check(rule: &Rule, ctx: &Context) -> Vec<Finding> {
    let mut out = Vec::new();
    for r in ctx.refs {
        // the latest source the note stands for: its own citations and what it resolves to
        let full = ctx.resolved(r);
        let Some(cited) = r.all_dates.iter().chain(&full.all_dates).max().copied() else {
            continue;
        };
        let Some((claim, sentence)) = r
            .contexts
            .iter()
            .filter_map(|s| Some((claimed_year(s)?, s)))
            .max_by_key(|(y, _)| *y)
        else {
            continue;
        };
        if claim <= cited.year {
            continue;
        }
        let pos = r.markers.first().copied().unwrap_or(r.pos());
        out.push(
            Finding::new(
                rule,
                rule.default,
                Some(&r.label),
                pos,
                format!("the sentence speaks of {claim}, but the cited source is dated {cited}"),
            )
            .with_evidence(cited.to_string(), claim.to_string(), "sentence")
            .with_sentence(around(sentence, &claim.to_string(), QUOTE_CHARS)),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_sentences_are_quoted_around_the_year() {
        let s = format!(
            "{} At the end of 2019, it met. {}",
            "a ".repeat(300),
            "b ".repeat(300)
        );
        let q = around(&s, "2019", 40);
        assert!(
            q.contains("2019") && q.starts_with('…') && q.ends_with('…'),
            "{q}"
        );
        assert_eq!(q.chars().count(), 42);
        assert_eq!(around("Short, 2019.", "2019", 40), "Short, 2019.");
    }

    #[test]
    fn forecast_years_do_not_count() {
        assert_eq!(
            claimed_year("At the end of 2019, the session met."),
            Some(2019)
        );
        assert_eq!(claimed_year("Output should double by 2030."), None);
        assert_eq!(
            claimed_year("Between 2017 and 2019 it grew, and until 2025 more."),
            Some(2019)
        );
        assert_eq!(
            claimed_year("The third phase, from 2036 to 2050, will make China a leader."),
            None
        );
        assert_eq!(claimed_year("No year here, COVID-19 aside."), None);
    }
}
