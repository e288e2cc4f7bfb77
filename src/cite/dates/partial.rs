//! `PartialDate`: a date known to year, month or day precision, and `FoundDate`.

use super::*;

/// How precisely a date is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    Year,
    Month,
    Day,
}

/// A date known to year, month or day precision. May hold an impossible date (February 30,
/// month 13) as written: see [`PartialDate::is_valid`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    pub year: i32,
    pub month: Option<u32>,
    pub day: Option<u32>,
}

/// A date found in free text, with its byte span in that text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FoundDate {
    pub date: PartialDate,
    pub start: usize,
    pub end: usize,
    /// Introduced by "accessed", "retrieved", "viewed", "visited", "consulted", "last
    /// modified"... : an access date, never a publication date.
    pub accessed: bool,
}

// ---------------------------------------------------------------------------------------
// PartialDate
// ---------------------------------------------------------------------------------------

fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

/// Days in month `m` of year `y`; `None` when `m` is not 1..=12.
fn days_in_month(y: i32, m: u32) -> Option<u32> {
    Some(match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(y) => 29,
        2 => 28,
        _ => return None,
    })
}

impl PartialDate {
    /// A date known to the year: `PartialDate::year(2019)` is "2019".
    pub fn year(y: i32) -> Self {
        PartialDate {
            year: y,
            month: None,
            day: None,
        }
    }

    /// A date known to the month: `PartialDate::month(2019, 10)` is "2019-10".
    pub fn month(y: i32, m: u32) -> Self {
        PartialDate {
            year: y,
            month: Some(m),
            day: None,
        }
    }

    /// A date known to the day: `PartialDate::day(2019, 10, 19)` is "2019-10-19".
    pub fn day(y: i32, m: u32, d: u32) -> Self {
        PartialDate {
            year: y,
            month: Some(m),
            day: Some(d),
        }
    }

    /// The precision: `Year` without a month, `Month` with a month but no day, `Day` with
    /// both. (A day without a month is malformed and counts as `Year`.)
    pub fn precision(&self) -> Precision {
        match (self.month, self.day) {
            (None, _) => Precision::Year,
            (Some(_), None) => Precision::Month,
            (Some(_), Some(_)) => Precision::Day,
        }
    }

    /// Whether the date exists: year 1..=9999, month 1..=12, and the day exists in that
    /// month (February 29 only in leap years). A day without a month is not valid.
    pub fn is_valid(&self) -> bool {
        if !(1..=9999).contains(&self.year) {
            return false;
        }
        match (self.month, self.day) {
            (None, None) => true,
            (None, Some(_)) => false,
            (Some(m), None) => (1..=12).contains(&m),
            (Some(m), Some(d)) => days_in_month(self.year, m).is_some_and(|n| (1..=n).contains(&d)),
        }
    }

    /// The same date with the parts finer than `p` dropped: truncating 2019-10-19 to
    /// `Month` gives 2019-10. Never adds parts.
    pub fn truncate(&self, p: Precision) -> PartialDate {
        match p {
            Precision::Year => PartialDate::year(self.year),
            Precision::Month => PartialDate { day: None, ..*self },
            Precision::Day => *self,
        }
    }

    /// The first day of the period (2019 → 2019-01-01, 2019-10 → 2019-10-01); `None` if
    /// the date is not [valid](Self::is_valid).
    pub fn to_naive(&self) -> Option<NaiveDate> {
        if !self.is_valid() {
            return None;
        }
        NaiveDate::from_ymd_opt(self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))
    }

    /// The last day of the period (2019 → 2019-12-31, 2020-02 → 2020-02-29): the day to
    /// compare with "today" when asking whether a date is in the future. `None` if the date
    /// is not [valid](Self::is_valid).
    pub fn last_day(&self) -> Option<NaiveDate> {
        if !self.is_valid() {
            return None;
        }
        let m = self.month.unwrap_or(12);
        let d = match self.day {
            Some(d) => d,
            None => days_in_month(self.year, m)?,
        };
        NaiveDate::from_ymd_opt(self.year, m, d)
    }
}

/// ISO 8601 at the date's precision: "2019", "2019-10", "2019-10-19" (zero-padded; an
/// impossible date prints as written, e.g. "2019-13-01").
impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
            if let Some(d) = self.day {
                write!(f, "-{d:02}")?;
            }
        }
        Ok(())
    }
}

/// Serialized as its [`Display`](fmt::Display) string: `"2019-10"`.
impl Serialize for PartialDate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// Parses ISO "2019", "2019-10", "2019-10-19" and anything [`parse_date`] accepts.
impl FromStr for PartialDate {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        parse_date(s).ok_or_else(|| format!("not a date: {:?}", s.trim()))
    }
}
