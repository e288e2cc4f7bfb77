//! What became of a link: its status and an archived snapshot. `net/` finds them (and the
//! cache keeps them with each result), `rules/` judge by them, `report/` renders them. They
//! live below all three, so that `net/` and `rules/` never import `report/`, which
//! re-exports them (`reflint::report::LinkStatus` is the same type).

use serde::{Deserialize, Serialize};

/// The status of a link, as `links[].status` names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum LinkStatus {
    Alive,
    Dead,
    #[serde(rename = "soft-404")]
    Soft404,
    Redirected,
    Blocked,
    Unreachable,
    Skipped,
}

impl LinkStatus {
    pub const ALL: [LinkStatus; 7] = [
        LinkStatus::Alive,
        LinkStatus::Dead,
        LinkStatus::Soft404,
        LinkStatus::Redirected,
        LinkStatus::Blocked,
        LinkStatus::Unreachable,
        LinkStatus::Skipped,
    ];

    pub fn name(self) -> &'static str {
        match self {
            LinkStatus::Alive => "alive",
            LinkStatus::Dead => "dead",
            LinkStatus::Soft404 => "soft-404",
            LinkStatus::Redirected => "redirected",
            LinkStatus::Blocked => "blocked",
            LinkStatus::Unreachable => "unreachable",
            LinkStatus::Skipped => "skipped",
        }
    }
}

/// An archived snapshot.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Snapshot {
    pub url: String,
    pub timestamp: String,
    /// The archive that holds it (`wayback`, `arquivo-pt`, a configured name); absent in
    /// results cached before archives were named.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

impl Snapshot {
    /// The capture's day, and the archive when it is not the Wayback Machine (which people
    /// take for granted): `2019-06-20` or `2019-06-20, arquivo-pt`.
    pub fn when_and_where(&self) -> String {
        let day = self.timestamp.get(..10).unwrap_or(&self.timestamp);
        match self.source.as_deref() {
            Some(s) if s != "wayback" => format!("{day}, {s}"),
            _ => day.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_snapshot_says_when_and_in_which_archive() {
        let mut s = Snapshot {
            url: "http://a.test/".into(),
            timestamp: "2019-06-20T00:00:00Z".into(),
            source: Some("wayback".into()),
        };
        assert_eq!(s.when_and_where(), "2019-06-20");
        s.source = Some("arquivo-pt".into());
        assert_eq!(s.when_and_where(), "2019-06-20, arquivo-pt");
        s.source = None;
        assert_eq!(s.when_and_where(), "2019-06-20");
    }
}
