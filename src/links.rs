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
}
