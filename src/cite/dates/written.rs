//! Full dates as pages write them in many languages, for short texts: a byline, a date
//! element, the words after "Veröffentlicht am". Unlike the citation grammar ([`find_dates`]),
//! which reads English and numeric forms in long notes, this reads one short text at a time
//! and knows month names in the languages of the web's largest sites:
//!
//! * day month year: "5. April 2017", "jeudi 27 juin 2019", "5 de junio de 2018",
//!   "5 июня 2018", "4 lipca 2019";
//! * month day year: "November 22, 2011", "Nov. 22 2011";
//! * numbers: "2019-06-27", "2019/06/27", "03.05.2013", "3.5.13", "26/10/2018" (day first
//!   unless the day cannot be a month, or the caller says the page writes month first);
//! * CJK: "2019年10月29日", "2019년 10월 29일".
//!
//! Two-digit years are read as 20xx up to the year after `today`'s, else 19xx: in a date element
//! of a page, "31.10.23" is 2023-10-31. Only day-precision dates are returned: a page date
//! known only to the month is left to the other sources.
//!
//! Written by hand over `regex`: no maintained crate reads dates in these languages without
//! also guessing at free text (dateparser reads English numbers only).

use std::sync::LazyLock;

use regex::Regex;

use super::{english, PartialDate};

/// Month names and their abbreviations (lower case), by month, in German, French, Spanish,
/// Italian, Portuguese, Dutch, Polish (nominative and genitive), Russian and Ukrainian
/// (genitive), Czech, Swedish, Danish and Norwegian, Finnish and Turkish; the English ones are
/// the citation grammar's ([`english::MONTH_NAMES_BY_MONTH`]), and a name both languages
/// share ("april", "november") is listed there only.
const MONTHS: [&[&str]; 12] = [
    &[
        "januar",
        "janvier",
        "janv",
        "enero",
        "ene",
        "gennaio",
        "gen",
        "janeiro",
        "januari",
        "jänner",
        "jän",
        "styczeń",
        "stycznia",
        "sty",
        "января",
        "янв",
        "січня",
        "ledna",
        "leden",
        "tammikuuta",
        "ocak",
    ],
    &[
        "februar",
        "février",
        "fevrier",
        "févr",
        "fevr",
        "febrero",
        "febbraio",
        "fevereiro",
        "fev",
        "februari",
        "luty",
        "lutego",
        "lut",
        "февраля",
        "фев",
        "лютого",
        "února",
        "únor",
        "helmikuuta",
        "şubat",
        "subat",
    ],
    &[
        "märz",
        "maerz",
        "mär",
        "mars",
        "marzo",
        "março",
        "marco",
        "maart",
        "marzec",
        "marca",
        "марта",
        "мар",
        "березня",
        "března",
        "březen",
        "maaliskuuta",
        "mart",
    ],
    &[
        "avril",
        "avr",
        "abril",
        "abr",
        "aprile",
        "kwiecień",
        "kwietnia",
        "kwi",
        "апреля",
        "апр",
        "квітня",
        "dubna",
        "duben",
        "huhtikuuta",
        "nisan",
    ],
    &[
        "mai",
        "mayo",
        "maggio",
        "mag",
        "maio",
        "mei",
        "maj",
        "maja",
        "мая",
        "травня",
        "května",
        "květen",
        "toukokuuta",
        "mayıs",
        "mayis",
    ],
    &[
        "juni",
        "juin",
        "junio",
        "giugno",
        "giu",
        "junho",
        "czerwiec",
        "czerwca",
        "cze",
        "июня",
        "июн",
        "червня",
        "června",
        "červen",
        "kesäkuuta",
        "haziran",
    ],
    &[
        "juli",
        "juillet",
        "juil",
        "julio",
        "luglio",
        "lug",
        "julho",
        "lipiec",
        "lipca",
        "lip",
        "июля",
        "июл",
        "липня",
        "července",
        "červenec",
        "heinäkuuta",
        "temmuz",
    ],
    &[
        "août",
        "aout",
        "agosto",
        "ago",
        "augustus",
        "augusti",
        "sierpień",
        "sierpnia",
        "sie",
        "августа",
        "авг",
        "серпня",
        "srpna",
        "srpen",
        "elokuuta",
        "ağustos",
        "agustos",
    ],
    &[
        "septembre",
        "septiembre",
        "setiembre",
        "settembre",
        "set",
        "setembro",
        "wrzesień",
        "września",
        "wrz",
        "сентября",
        "сен",
        "вересня",
        "září",
        "syyskuuta",
        "eylül",
        "eylul",
    ],
    &[
        "oktober",
        "okt",
        "octobre",
        "octubre",
        "ottobre",
        "ott",
        "outubro",
        "out",
        "październik",
        "października",
        "paź",
        "октября",
        "окт",
        "жовтня",
        "října",
        "říjen",
        "lokakuuta",
        "ekim",
    ],
    &[
        "novembre",
        "noviembre",
        "novembro",
        "listopad",
        "listopada",
        "lis",
        "ноября",
        "ноя",
        "листопада",
        "listopadu",
        "marraskuuta",
        "kasım",
        "kasim",
    ],
    &[
        "dezember",
        "dez",
        "décembre",
        "decembre",
        "déc",
        "diciembre",
        "dic",
        "dicembre",
        "dezembro",
        "grudzień",
        "grudnia",
        "gru",
        "декабря",
        "дек",
        "грудня",
        "prosince",
        "prosinec",
        "joulukuuta",
        "aralık",
        "aralik",
        "desember",
        "des",
    ],
];

/// The month a (lower-case) name or abbreviation names, in any of the languages.
fn month_number(name: &str) -> Option<u32> {
    let name = name.trim_end_matches('.');
    let at = MONTHS
        .iter()
        .position(|names| names.contains(&name))
        .or_else(|| {
            english::MONTH_NAMES_BY_MONTH
                .iter()
                .position(|names| names.iter().any(|n| n.eq_ignore_ascii_case(name)))
        })?;
    u32::try_from(at + 1).ok()
}

/// The alternation of every month name, longest first so that "juni" is not read as "jun".
fn month_alternation() -> String {
    let mut names: Vec<String> = MONTHS
        .iter()
        .flat_map(|m| m.iter().map(|n| n.to_string()))
        .chain(
            english::MONTH_NAMES_BY_MONTH
                .iter()
                .flat_map(|m| m.iter().map(|n| n.to_lowercase())),
        )
        .collect();
    names.sort_by_key(|n| std::cmp::Reverse(n.chars().count()));
    names.dedup();
    names
        .iter()
        .map(|n| regex::escape(n))
        .collect::<Vec<_>>()
        .join("|")
}

/// How an ambiguous numeric date ("03/05/2013") is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NumericOrder {
    /// Day first (most of the world; the default for pages not in US English).
    DayFirst,
    /// Month first (US English pages).
    MonthFirst,
}

struct Grammar {
    iso: Regex,
    dmy_numeric: Regex,
    day_month_year: Regex,
    month_day_year: Regex,
    cjk: Regex,
}

static GRAMMAR: LazyLock<Option<Grammar>> = LazyLock::new(|| {
    let m = month_alternation();
    Some(Grammar {
        // 2019-06-27, 2019/06/27, 2019.06.27, 20190627 not (too often an id)
        iso: Regex::new(r"(?:^|[^\d])((?:19|20)\d\d)([-/.])(\d{1,2})([-/.])(\d{1,2})(?:[^\d]|$)")
            .ok()?,
        // 03.05.2013, 3.5.13, 26/10/2018, 10-26-2018
        dmy_numeric: Regex::new(r"(?:^|[^\d.])(\d{1,2})([./-])(\d{1,2})([./-])(\d{4}|\d{2})(?:[^\d]|$)")
            .ok()?,
        // 5. April 2017, 27 juin 2019, 5 de junio de 2018, 4th July 2019
        day_month_year: Regex::new(&format!(
            r"(?i)(?:^|[^\w])(\d{{1,2}})(?:\.|st|nd|rd|th|er|º)?\s*(?:de\s+|of\s+)?({m})\.?,?\s*(?:de\s+|del\s+)?(\d{{4}})(?:[^\d]|$)"
        ))
        .ok()?,
        // November 22, 2011; Nov. 22nd 2011; avril 5, 2019
        month_day_year: Regex::new(&format!(
            r"(?i)(?:^|[^\w])({m})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})(?:[^\d]|$)"
        ))
        .ok()?,
        cjk: Regex::new(r"((?:19|20)\d\d)\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]").ok()?,
    })
});

fn num(s: &str) -> Option<u32> {
    s.parse().ok()
}

fn full(y: i32, m: u32, d: u32) -> Option<PartialDate> {
    let date = PartialDate::day(y, m, d);
    date.is_valid().then_some(date)
}

/// A two-digit year: 20yy up to the year after `this_year`, else 19yy.
fn century(yy: i32, this_year: i32) -> i32 {
    if 2000 + yy <= this_year + 1 {
        2000 + yy
    } else {
        1900 + yy
    }
}

/// The first full date written in `text` (a short text: a byline, an element's text), with
/// its byte span; see the module documentation for the forms. `this_year` resolves two-digit
/// years; `order` reads numeric dates whose day could be a month.
pub fn written_date(
    text: &str,
    order: NumericOrder,
    this_year: i32,
) -> Option<(PartialDate, usize, usize)> {
    let g = GRAMMAR.as_ref()?;
    let mut best: Option<(PartialDate, usize, usize)> = None;
    let mut consider = |found: Option<(PartialDate, usize, usize)>| {
        if let Some(f) = found {
            if best.is_none_or(|b| f.1 < b.1) {
                best = Some(f);
            }
        }
    };
    consider(g.iso.captures(text).and_then(|c| {
        let (y, sep1, m, sep2, d) = (c.get(1)?, c.get(2)?, c.get(3)?, c.get(4)?, c.get(5)?);
        if sep1.as_str() != sep2.as_str() {
            return None;
        }
        let date = full(y.as_str().parse().ok()?, num(m.as_str())?, num(d.as_str())?)?;
        Some((date, y.start(), d.end()))
    }));
    consider(g.dmy_numeric.captures(text).and_then(|c| {
        let (a, sep1, b, sep2, y) = (c.get(1)?, c.get(2)?, c.get(3)?, c.get(4)?, c.get(5)?);
        if sep1.as_str() != sep2.as_str() {
            return None;
        }
        let (a_n, b_n) = (num(a.as_str())?, num(b.as_str())?);
        let year: i32 = y.as_str().parse().ok()?;
        let year = if y.len() == 2 {
            // two-digit years only with dots ("31.10.23"): "1/2/10" is too often not a date
            if sep1.as_str() != "." {
                return None;
            }
            century(year, this_year)
        } else {
            year
        };
        let (day, month) = if a_n > 12 || sep1.as_str() == "." {
            (a_n, b_n)
        } else if b_n > 12 {
            (b_n, a_n)
        } else {
            match order {
                NumericOrder::DayFirst => (a_n, b_n),
                NumericOrder::MonthFirst => (b_n, a_n),
            }
        };
        Some((full(year, month, day)?, a.start(), y.end()))
    }));
    consider(g.day_month_year.captures(text).and_then(|c| {
        let (d, m, y) = (c.get(1)?, c.get(2)?, c.get(3)?);
        let month = month_number(&m.as_str().to_lowercase())?;
        let date = full(y.as_str().parse().ok()?, month, num(d.as_str())?)?;
        Some((date, d.start(), y.end()))
    }));
    consider(g.month_day_year.captures(text).and_then(|c| {
        let (m, d, y) = (c.get(1)?, c.get(2)?, c.get(3)?);
        let month = month_number(&m.as_str().to_lowercase())?;
        let date = full(y.as_str().parse().ok()?, month, num(d.as_str())?)?;
        Some((date, m.start(), y.end()))
    }));
    consider(g.cjk.captures(text).and_then(|c| {
        let (y, m, d) = (c.get(1)?, c.get(2)?, c.get(3)?);
        let date = full(y.as_str().parse().ok()?, num(m.as_str())?, num(d.as_str())?)?;
        Some((date, y.start(), c.get(0)?.end()))
    }));
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(s: &str) -> Option<String> {
        written_date(s, NumericOrder::DayFirst, 2026).map(|(d, _, _)| d.to_string())
    }

    #[test]
    fn day_month_year_in_many_languages() {
        for (text, want) in [
            ("Veröffentlicht am 5. April 2017", "2017-04-05"),
            ("jeudi 27 juin 2019, par", "2019-06-27"),
            ("martes 5 de junio de 2018", "2018-06-05"),
            ("5 giugno 2018", "2018-06-05"),
            ("5 июня 2018 г.", "2018-06-05"),
            ("Samstag, 3. Dezember 2011 um 12:00", "2011-12-03"),
            ("04. November 2021 | PAID CONTENT", "2021-11-04"),
            ("13. Januar 2014", "2014-01-13"),
            ("12 mars 2020", "2020-03-12"),
            ("4 lipca 2019", "2019-07-04"),
            ("3. März 2020", "2020-03-03"),
            ("1er janvier 2019", "2019-01-01"),
            ("4th July 2019", "2019-07-04"),
            ("15 Sept. 2019", "2019-09-15"),
        ] {
            assert_eq!(read(text).as_deref(), Some(want), "{text}");
        }
    }

    #[test]
    fn month_day_year_and_numbers() {
        for (text, want) in [
            ("November 22, 2011", "2011-11-22"),
            ("Posted Nov. 22nd 2011 by", "2011-11-22"),
            ("Von Christian am 03.05.2013, 11:51", "2013-05-03"),
            ("Party, 30.10.23", "2023-10-30"),
            ("Schöppner, 8.5.12", "2012-05-08"),
            ("26/10/2018", "2018-10-26"),
            ("2020-02-14 10:47:36", "2020-02-14"),
            ("2019/06/27", "2019-06-27"),
            ("2019年10月29日 08:12", "2019-10-29"),
            ("2019년 10월 29일", "2019-10-29"),
        ] {
            assert_eq!(read(text).as_deref(), Some(want), "{text}");
        }
    }

    #[test]
    fn ambiguous_numbers_follow_the_order_and_two_digit_years_need_dots() {
        assert_eq!(read("03/05/2013").as_deref(), Some("2013-05-03"));
        assert_eq!(
            written_date("03/05/2013", NumericOrder::MonthFirst, 2026).map(|d| d.0.to_string()),
            Some("2013-03-05".to_string())
        );
        assert_eq!(read("10/26/2018").as_deref(), Some("2018-10-26"));
        assert_eq!(read("1/2/10"), None);
        assert_eq!(read("31.10.99").as_deref(), Some("1999-10-31"));
    }

    #[test]
    fn not_dates() {
        for text in [
            "",
            "May we go",
            "Version 1.2.3",
            "30 mars",
            "April 2019",
            "31.02.2019",
            "2019-13-01",
            "id 20190627",
            "ISBN 978-3-16-148410-0",
        ] {
            assert_eq!(read(text), None, "{text}");
        }
    }

    #[test]
    fn the_first_date_wins() {
        assert_eq!(
            read("Erstellt am 6. Mai 2014, geändert am 7. Mai 2014").as_deref(),
            Some("2014-05-06")
        );
        let (_, s, e) = written_date("am 6. Mai 2014 um", NumericOrder::DayFirst, 2026)
            .unwrap_or_else(|| panic!());
        assert_eq!(&"am 6. Mai 2014 um"[s..e], "6. Mai 2014");
    }
}
