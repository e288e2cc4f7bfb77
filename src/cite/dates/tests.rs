//! Tests of the date grammar's behaviour.

use super::*;

fn d(y: i32, m: u32, dd: u32) -> PartialDate {
    PartialDate::day(y, m, dd)
}

/// (date, matched text, accessed) for every date found.
fn found(text: &str) -> Vec<(PartialDate, &str, bool)> {
    find_dates(text)
        .into_iter()
        .map(|f| {
            (
                f.date,
                text.get(f.start..f.end).unwrap_or("<bad span>"),
                f.accessed,
            )
        })
        .collect()
}

fn dates(text: &str) -> Vec<PartialDate> {
    find_dates(text).into_iter().map(|f| f.date).collect()
}

fn one(text: &str) -> PartialDate {
    let all = dates(text);
    assert_eq!(all.len(), 1, "{text:?} gave {all:?}");
    all[0]
}

// ---- PartialDate ------------------------------------------------------------------

#[test]
fn constructors_and_precision() {
    assert_eq!(PartialDate::year(2019).precision(), Precision::Year);
    assert_eq!(PartialDate::month(2019, 10).precision(), Precision::Month);
    assert_eq!(d(2019, 10, 19).precision(), Precision::Day);
    assert!(Precision::Year < Precision::Month && Precision::Month < Precision::Day);
}

#[test]
fn validity() {
    assert!(d(2020, 2, 29).is_valid());
    assert!(!d(2019, 2, 29).is_valid());
    assert!(!d(1900, 2, 29).is_valid());
    assert!(d(2000, 2, 29).is_valid());
    assert!(!d(2019, 2, 30).is_valid());
    assert!(!d(2019, 4, 31).is_valid());
    assert!(d(2019, 12, 31).is_valid());
    assert!(!PartialDate::month(2019, 13).is_valid());
    assert!(!PartialDate::month(2019, 0).is_valid());
    assert!(!d(2019, 1, 0).is_valid());
    assert!(!PartialDate::year(0).is_valid());
    assert!(!PartialDate::year(10000).is_valid());
    assert!(PartialDate::year(9999).is_valid());
    let day_without_month = PartialDate {
        year: 2019,
        month: None,
        day: Some(3),
    };
    assert!(!day_without_month.is_valid());
}

#[test]
fn truncate_drops_finer_parts() {
    let x = d(2019, 10, 19);
    assert_eq!(x.truncate(Precision::Year), PartialDate::year(2019));
    assert_eq!(x.truncate(Precision::Month), PartialDate::month(2019, 10));
    assert_eq!(x.truncate(Precision::Day), x);
    assert_eq!(
        PartialDate::year(2019).truncate(Precision::Day),
        PartialDate::year(2019)
    );
}

#[test]
fn naive_first_and_last_days() {
    let nd = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
    assert_eq!(PartialDate::year(2019).to_naive(), nd(2019, 1, 1));
    assert_eq!(PartialDate::year(2019).last_day(), nd(2019, 12, 31));
    assert_eq!(PartialDate::month(2020, 2).to_naive(), nd(2020, 2, 1));
    assert_eq!(PartialDate::month(2020, 2).last_day(), nd(2020, 2, 29));
    assert_eq!(PartialDate::month(2019, 2).last_day(), nd(2019, 2, 28));
    assert_eq!(PartialDate::month(2019, 4).last_day(), nd(2019, 4, 30));
    assert_eq!(d(2019, 10, 19).to_naive(), nd(2019, 10, 19));
    assert_eq!(d(2019, 10, 19).last_day(), nd(2019, 10, 19));
    assert_eq!(d(2019, 2, 30).to_naive(), None);
    assert_eq!(d(2019, 2, 30).last_day(), None);
    assert_eq!(PartialDate::month(2019, 13).last_day(), None);
}

#[test]
fn display_and_serialize() {
    assert_eq!(PartialDate::year(2019).to_string(), "2019");
    assert_eq!(PartialDate::month(2019, 1).to_string(), "2019-01");
    assert_eq!(d(2019, 10, 9).to_string(), "2019-10-09");
    assert_eq!(d(2019, 13, 1).to_string(), "2019-13-01");
    assert_eq!(PartialDate::year(800).to_string(), "0800");
    assert_eq!(
        serde_json::to_string(&d(2019, 10, 19)).ok().as_deref(),
        Some("\"2019-10-19\"")
    );
    assert_eq!(
        serde_json::to_string(&Precision::Month).ok().as_deref(),
        Some("\"month\"")
    );
}

#[test]
fn from_str_round_trips_and_rejects() {
    for s in ["2019", "2019-10", "2019-10-19", "0800", "2019-13-01"] {
        let p: PartialDate = s.parse().unwrap_or(PartialDate::year(-1));
        assert_eq!(p.to_string(), s);
    }
    assert_eq!("  2019-1-5 ".parse(), Ok(d(2019, 1, 5)));
    assert_eq!("January 2, 2010".parse(), Ok(d(2010, 1, 2)));
    assert_eq!("2020年1月2日".parse(), Ok(d(2020, 1, 2)));
    assert!("2019-13".parse::<PartialDate>().is_err());
    assert!("hello".parse::<PartialDate>().is_err());
    assert!("".parse::<PartialDate>().is_err());
    assert!("15/2019".parse::<PartialDate>().is_err());
}

#[test]
fn parse_date_whole_string_only() {
    assert_eq!(parse_date("Dec. 2019"), Some(PartialDate::month(2019, 12)));
    assert_eq!(parse_date("Spring 2019"), Some(PartialDate::year(2019)));
    assert_eq!(parse_date("19.10.2019"), Some(d(2019, 10, 19)));
    assert_eq!(parse_date("20191019"), Some(d(2019, 10, 19)));
    assert_eq!(parse_date("10/2019"), Some(PartialDate::month(2019, 10)));
    assert_eq!(parse_date("3 March 2020."), Some(d(2020, 3, 3)));
    assert_eq!(parse_date("February 30, 2019"), Some(d(2019, 2, 30)));
    assert_eq!(parse_date("1066"), Some(PartialDate::year(1066)));
    assert_eq!(parse_date("January 2, 2010 and more"), None);
    assert_eq!(parse_date("see 2019"), None);
    assert_eq!(parse_date("20191332"), None);
    assert_eq!(parse_date("800-145"), None);
}

// ---- find_dates: English ----------------------------------------------------------

#[test]
fn english_month_day_year() {
    assert_eq!(
        found("January 2, 2010"),
        vec![(d(2010, 1, 2), "January 2, 2010", false)]
    );
    assert_eq!(
        found("Jan. 2, 2010"),
        vec![(d(2010, 1, 2), "Jan. 2, 2010", false)]
    );
    assert_eq!(
        found("Jan 2 2010"),
        vec![(d(2010, 1, 2), "Jan 2 2010", false)]
    );
    assert_eq!(one("Sept. 5, 2019"), d(2019, 9, 5));
    assert_eq!(one("Sep 5, 2019"), d(2019, 9, 5));
    assert_eq!(one("January 2nd, 2010"), d(2010, 1, 2));
    assert_eq!(one("JANUARY 2, 2010"), d(2010, 1, 2));
    assert_eq!(one("May 3, 2018"), d(2018, 5, 3));
}

#[test]
fn english_day_month_year() {
    assert_eq!(
        found("2 January 2010"),
        vec![(d(2010, 1, 2), "2 January 2010", false)]
    );
    assert_eq!(one("2nd January 2010"), d(2010, 1, 2));
    assert_eq!(one("the 2nd of January, 2010"), d(2010, 1, 2));
    assert_eq!(one("3 Mar. 2020"), d(2020, 3, 3));
}

#[test]
fn english_month_year_and_season() {
    assert_eq!(one("December 2019"), PartialDate::month(2019, 12));
    assert_eq!(
        found("Dec. 2019"),
        vec![(PartialDate::month(2019, 12), "Dec. 2019", false)]
    );
    assert_eq!(one("March 2019"), PartialDate::month(2019, 3));
    assert_eq!(one("May 2018"), PartialDate::month(2018, 5));
    assert_eq!(
        found("Spring 2019"),
        vec![(PartialDate::year(2019), "Spring 2019", false)]
    );
    assert_eq!(one("Jan–Feb 2019"), PartialDate::month(2019, 1));
}

#[test]
fn lowercase_month_names_are_not_months() {
    assert_eq!(
        found("may 2019"),
        vec![(PartialDate::year(2019), "2019", false)]
    );
    assert_eq!(dates("we may 3, 2019"), vec![PartialDate::year(2019)]);
    assert_eq!(dates("Mayday 2019"), vec![PartialDate::year(2019)]);
}

#[test]
fn english_ranges_take_first_day() {
    assert_eq!(
        found("June 5-7, 2019"),
        vec![(d(2019, 6, 5), "June 5-7, 2019", false)]
    );
    assert_eq!(one("June 5–7, 2019"), d(2019, 6, 5));
    assert_eq!(one("June 30 – July 2, 2019"), d(2019, 6, 30));
    assert_eq!(one("5-7 June 2019"), d(2019, 6, 5));
}

#[test]
fn english_with_time_and_in_sentences() {
    assert_eq!(
        found("Posted July 8, 2019, 10:30 AM by staff"),
        vec![(d(2019, 7, 8), "July 8, 2019", false)]
    );
    let text = "Smith, J. \"Title.\" The Times, 2 January 2010, p. 4.";
    assert_eq!(found(text), vec![(d(2010, 1, 2), "2 January 2010", false)]);
}

#[test]
fn impossible_english_dates_are_returned() {
    let f = one("February 30, 2019");
    assert_eq!(f, d(2019, 2, 30));
    assert!(!f.is_valid());
    assert_eq!(one("30 February 2019"), d(2019, 2, 30));
    // Not a day at all: only the year is a date.
    assert_eq!(dates("January 45, 2019"), vec![PartialDate::year(2019)]);
}

// ---- find_dates: issue numbers, pages, ids -------------------------------------------

#[test]
fn issue_and_volume_numbers_are_not_months() {
    assert_eq!(
        found("No.9, 2019"),
        vec![(PartialDate::year(2019), "2019", false)]
    );
    assert_eq!(dates("No. 9, 2019"), vec![PartialDate::year(2019)]);
    assert_eq!(dates("Vol.97, No.3, 2018"), vec![PartialDate::year(2018)]);
    assert_eq!(dates("Issue 4, 2019"), vec![PartialDate::year(2019)]);
    assert_eq!(dates("Report No. 15/2019"), vec![PartialDate::year(2019)]);
    assert_eq!(dates("No. 3/2018"), vec![PartialDate::year(2018)]);
    assert_eq!(dates("Vol. 5 May 2019"), vec![PartialDate::month(2019, 5)]);
}

#[test]
fn pages_and_ids_are_not_dates() {
    assert!(dates("pp.103-117").is_empty());
    assert!(dates("p.16").is_empty());
    assert!(dates("800-145").is_empty());
    assert!(dates("pp. 1987-2001").is_empty());
    assert!(dates("p. 1999").is_empty());
    assert!(dates("COVID-19").is_empty());
    assert!(dates("costs $2019").is_empty());
    assert!(dates("call 202-555-2019").is_empty());
    assert!(dates("case 2019-123").is_empty());
    assert!(dates("12345678").is_empty());
    assert!(dates("version 2019.5").is_empty());
    assert_eq!(
        found("15/2019"),
        vec![(PartialDate::year(2019), "2019", false)]
    );
}

#[test]
fn bare_years() {
    assert_eq!(
        found("in 2019 they"),
        vec![(PartialDate::year(2019), "2019", false)]
    );
    assert_eq!(
        dates("2019-2020"),
        vec![PartialDate::year(2019), PartialDate::year(2020)]
    );
    assert_eq!(dates("2018-19"), vec![PartialDate::year(2018)]);
    assert_eq!(dates("2019-nCoV"), vec![PartialDate::year(2019)]);
    assert_eq!(dates("Smith 2019a"), vec![PartialDate::year(2019)]);
    assert!(dates("the 1990s").is_empty());
    assert!(dates("in 1499 and 2200").is_empty());
    assert!(dates("ISBN 9780201633610").is_empty());
    assert!(dates("A2019").is_empty());
}

// ---- find_dates: ISO and numeric ----------------------------------------------------

#[test]
fn iso_forms() {
    assert_eq!(
        found("2019-10-19"),
        vec![(d(2019, 10, 19), "2019-10-19", false)]
    );
    assert_eq!(one("2019/10/19"), d(2019, 10, 19));
    assert_eq!(one("2019.10.19"), d(2019, 10, 19));
    assert_eq!(one("2019-10"), PartialDate::month(2019, 10));
    assert_eq!(one("2019.10"), PartialDate::month(2019, 10));
    assert_eq!(one("at 2019-10-19T10:00Z"), d(2019, 10, 19));
    assert_eq!(one("(2019-1-5)"), d(2019, 1, 5));
}

#[test]
fn impossible_iso_dates_are_returned() {
    let x = one("2019-13-01");
    assert_eq!(x, d(2019, 13, 1));
    assert!(!x.is_valid());
    let y = one("2019-02-30");
    assert_eq!(y, d(2019, 2, 30));
    assert!(!y.is_valid());
    assert_eq!(one("2019/02/30"), d(2019, 2, 30));
}

#[test]
fn compact_dates_only_when_valid() {
    assert_eq!(
        found("on 20191019."),
        vec![(d(2019, 10, 19), "20191019", false)]
    );
    assert!(dates("20191332").is_empty());
    assert!(dates("120191019").is_empty());
    assert!(dates("ACK20191019").is_empty());
}

#[test]
fn numeric_day_month_year() {
    assert_eq!(one("19.10.2019"), d(2019, 10, 19));
    assert_eq!(one("19/10/2019"), d(2019, 10, 19));
    assert_eq!(one("19-10-2019"), d(2019, 10, 19));
    // Ambiguous slashes: US month/day.
    assert_eq!(one("10/11/2019"), d(2019, 10, 11));
    assert_eq!(one("1/2/2019"), d(2019, 1, 2));
    // Second number > 12: month/day whatever the convention.
    assert_eq!(one("10/25/2019"), d(2019, 10, 25));
    // Dotted numbers are day-first.
    assert_eq!(one("10.11.2019"), d(2019, 11, 10));
    // Impossible day in a possible month is still a date.
    assert_eq!(one("30/02/2019"), d(2019, 2, 30));
    // Neither reading is a date: only the year.
    assert_eq!(dates("13/14/2019"), vec![PartialDate::year(2019)]);
    assert_eq!(dates("45/10/2019"), vec![PartialDate::year(2019)]);
}

#[test]
fn numeric_month_year() {
    assert_eq!(
        found("10/2019"),
        vec![(PartialDate::month(2019, 10), "10/2019", false)]
    );
    assert_eq!(dates("13/2019"), vec![PartialDate::year(2019)]);
}

// ---- find_dates: CJK ----------------------------------------------------------------

#[test]
fn cjk_dates() {
    assert_eq!(
        found("2020年1月2日"),
        vec![(d(2020, 1, 2), "2020年1月2日", false)]
    );
    assert_eq!(one("2020年1月"), PartialDate::month(2020, 1));
    assert_eq!(
        found("2020年"),
        vec![(PartialDate::year(2020), "2020年", false)]
    );
    assert_eq!(one("2019年10月29日"), d(2019, 10, 29));
    assert_eq!(one("2019 年 10 月 29 日"), d(2019, 10, 29));
    assert_eq!(one("２０２０年１月２日"), d(2020, 1, 2));
    assert_eq!(one("新华社2020年1月2日电"), d(2020, 1, 2));
    assert_eq!(one("2019年2月30日"), d(2019, 2, 30));
}

#[test]
fn korean_dates() {
    assert_eq!(
        found("2019년 10월 29일"),
        vec![(d(2019, 10, 29), "2019년 10월 29일", false)]
    );
    assert_eq!(one("2019년 10월"), PartialDate::month(2019, 10));
    assert_eq!(one("2019년"), PartialDate::year(2019));
}

// ---- find_dates: accessed -----------------------------------------------------------

#[test]
fn accessed_markers() {
    assert_eq!(
        found("accessed April 20, 2026"),
        vec![(d(2026, 4, 20), "April 20, 2026", true)]
    );
    assert_eq!(
        found("Retrieved 3 March 2020 from https://example.com/2019/10/17/x"),
        vec![(d(2020, 3, 3), "3 March 2020", true)]
    );
    for text in [
        "(accessed 2020-01-02)",
        "Accessed on 2020-01-02",
        "last accessed: 2020-01-02",
        "Retrieved on 2020-01-02",
        "Viewed 2020-01-02",
        "visited 2020-01-02",
        "Consulted on 2020-01-02",
        "Last modified 2020-01-02",
        "Downloaded 2020-01-02",
        "ACCESSED 2020-01-02",
    ] {
        let f = find_dates(text);
        assert_eq!(f.len(), 1, "{text}");
        assert!(f[0].accessed, "{text}");
    }
}

#[test]
fn accessed_cjk_markers() {
    assert_eq!(
        found("访问日期：2020年1月2日"),
        vec![(d(2020, 1, 2), "2020年1月2日", true)]
    );
    assert!(!find_dates("[2020-01-02 检索]")[0].accessed);
    assert!(find_dates("检索日期：2020-01-02")[0].accessed);
    assert!(find_dates("접속일: 2020년 1월 2일")[0].accessed);
    assert!(find_dates("검색일: 2020.01.02")[0].accessed);
}

#[test]
fn publication_dates_are_not_accessed() {
    let text = "Published 5 May 2019. Accessed 6 June 2020.";
    let f = found(text);
    assert_eq!(
        f,
        vec![
            (d(2019, 5, 5), "5 May 2019", false),
            (d(2020, 6, 6), "6 June 2020", true)
        ]
    );
    let text = "Accessed 6 June 2020; originally published 5 May 2019.";
    let flags: Vec<bool> = find_dates(text).iter().map(|f| f.accessed).collect();
    assert_eq!(flags, vec![true, false]);
    assert!(!find_dates("He visited Beijing in March 2019")[0].accessed);
    assert!(!find_dates("Peer reviewed 2019-01-01")[0].accessed);
}

// ---- find_dates: structure ----------------------------------------------------------

#[test]
fn order_and_longest_match() {
    let text = "See 10/11/2019, then 2 January 2010 and 2019-10.";
    assert_eq!(
        found(text),
        vec![
            (d(2019, 10, 11), "10/11/2019", false),
            (d(2010, 1, 2), "2 January 2010", false),
            (PartialDate::month(2019, 10), "2019-10", false),
        ]
    );
}

#[test]
fn urls_in_text_are_skipped() {
    let text = "Xinhua, 2 January 2020, http://www.xinhuanet.com//2020-01/02/c_1125416394.htm";
    assert_eq!(dates(text), vec![d(2020, 1, 2)]);
    assert_eq!(found("see example.com/2019/10/x"), vec![]);
    assert!(dates("doi:10.1177/1529100619832930").is_empty());
}

#[test]
fn cheap_rejections_and_odd_input() {
    assert!(find_dates("").is_empty());
    assert!(find_dates("no digits here at all, May").is_empty());
    assert!(find_dates("年").is_empty());
    assert_eq!(find_dates("ü2019ü").len(), 1);
    assert!(find_dates("99999999999999999999999999").is_empty());
    // Spans are always on char boundaries.
    for f in find_dates("“2019年”—March 3, 2020—€2019") {
        assert!("“2019年”—March 3, 2020—€2019".get(f.start..f.end).is_some());
    }
}

// ---- years_in -------------------------------------------------------------------------

#[test]
fn years_in_text() {
    assert_eq!(years_in("the sentence speaks of 2019"), vec![(2019, 23)]);
    assert_eq!(years_in("2019-nCoV and COVID-19"), vec![(2019, 0)]);
    assert_eq!(years_in("1999-2001"), vec![(1999, 0), (2001, 5)]);
    assert_eq!(years_in("2019年"), vec![(2019, 0)]);
    assert!(years_in("12019 20190 A2019 1499 2200 1990s").is_empty());
    assert_eq!(years_in("Smith 2019a"), vec![(2019, 6)]);
}

// ---- url_date -------------------------------------------------------------------------

#[test]
fn url_path_dates() {
    let cases = [
        (
            "http://www.xinhuanet.com//2020-01/02/c_1125416394.htm",
            d(2020, 1, 2),
        ),
        (
            "http://www.xinhuanet.com/mil/2018-04/28/c_129861582.htm",
            d(2018, 4, 28),
        ),
        (
            "http://politics.people.com.cn/n1/2019/0623/c1024-31175221.html",
            d(2019, 6, 23),
        ),
        (
            "https://example.com/2019/10/17/some-story/",
            d(2019, 10, 17),
        ),
        (
            "https://example.com/news/20190628/story.html",
            d(2019, 6, 28),
        ),
        (
            "https://example.com/blog/new-software-2021-05-18/",
            d(2021, 5, 18),
        ),
        (
            "https://example.com/2019-04-10/is-anyone-there",
            d(2019, 4, 10),
        ),
        (
            "https://www.washingtonpost.com/world/2018/12/12/76055116-fd85-11e8",
            d(2018, 12, 12),
        ),
    ];
    for (url, want) in cases {
        assert_eq!(url_date(url), Some(want), "{url}");
    }
}

#[test]
fn url_month_and_year_precision() {
    assert_eq!(
        url_date("https://example.com/2019/10/"),
        Some(PartialDate::month(2019, 10))
    );
    assert_eq!(
        url_date("https://carnegieendowment.org/research/2019/09/the-global-expansion"),
        Some(PartialDate::month(2019, 9))
    );
    assert_eq!(
        url_date("https://example.com/2019/"),
        Some(PartialDate::year(2019))
    );
    assert_eq!(
        url_date("https://example.com/2020-03/story"),
        Some(PartialDate::month(2020, 3))
    );
    assert_eq!(url_date("https://example.com/issues/2045"), None);
}

#[test]
fn url_ids_with_embedded_dates() {
    assert_eq!(
        url_date("https://cn.yna.co.kr/view/ACK20190628005700881"),
        Some(d(2019, 6, 28))
    );
    assert_eq!(
        url_date("https://cn.yna.co.kr/view/ACK20191029000200881?section=nk/index"),
        Some(d(2019, 10, 29))
    );
    assert_eq!(
        url_date("https://x.org/a?ts=20191029123045"),
        Some(d(2019, 10, 29))
    );
    assert_eq!(
        url_date("https://x.org/a?date=2019-10-29"),
        Some(d(2019, 10, 29))
    );
}

#[test]
fn url_most_precise_wins() {
    assert_eq!(
        url_date("https://x.org/2019/10/view/ACK20191029000200881"),
        Some(d(2019, 10, 29))
    );
    assert_eq!(
        url_date("https://x.org/2019/10/17/a-2018-01-01"),
        Some(d(2019, 10, 17))
    );
}

#[test]
fn url_no_invented_dates() {
    for url in [
        "http://www.xinhuanet.com/c_1125416394.htm",
        "https://example.com/video/11565793017",
        "https://www.reuters.com/article/us-china-idUSKCN1V50RF",
        "http://www.chinadaily.com.cn/a/p/153742.html",
        "https://www.scmp.com/news/article/2174811/chinese",
        "https://www.state.gov/remarks-depetris101719",
        "https://example.com/files/7-1-19_Stanton.pdf",
        "https://example.com/show?id=1-4XYENKG&ct=180501",
        "https://example.com/Index1.pdf",
        "https://example.com/x.aspx?MaterialID=9b0000e57fa94a2dbc0e43f5817ca767",
        "https://nvlpubs.nist.gov/nistpubs/sp800-145.pdf",
        "https://papers.ssrn.com/sol3/papers.cfm?abstract_id=3372669",
        "https://doi.org/10.1177/1529100619832930",
        "https://nvlpubs.nist.gov/frvt_1N_report.pdf",
        "https://example.com/",
        "",
        "not a url",
    ] {
        assert_eq!(url_date(url), None, "{url}");
    }
}

#[test]
fn url_host_never_carries_a_date() {
    assert_eq!(url_date("https://2019.example.com/about"), None);
    assert_eq!(url_date("https://news20190628.example.com/x"), None);
    assert_eq!(url_date("example.com/2019/10/17/x"), Some(d(2019, 10, 17)));
    assert_eq!(url_date("/2019/10/17/x"), Some(d(2019, 10, 17)));
}

#[test]
fn url_impossible_or_out_of_range_dates_are_ignored() {
    assert_eq!(url_date("https://x.org/2019/02/30/story"), None);
    assert_eq!(url_date("https://x.org/2019-02-30/story"), None);
    assert_eq!(url_date("https://x.org/2019/13/story"), None);
    assert_eq!(url_date("https://x.org/20190230/"), None);
    assert_eq!(url_date("https://x.org/1989/10/17/"), None);
    assert_eq!(url_date("https://x.org/2100/10/17/"), None);
}

#[test]
fn wikipedia_and_apa_access_dates() {
    let text = "Archived from the original on 5 May 2019. Retrieved 3 March 2020.";
    let flags: Vec<bool> = find_dates(text).iter().map(|f| f.accessed).collect();
    assert_eq!(flags, vec![false, true]);
    let text = "Retrieved March 3, 2020, from https://example.com/2019/10/17/x";
    assert_eq!(found(text), vec![(d(2020, 3, 3), "March 3, 2020", true)]);
    let text = "Abgerufen am 3. März 2020; consulté le 2020-03-04";
    let f = find_dates(text);
    assert_eq!(
        f.last().map(|f| (f.date, f.accessed)),
        Some((d(2020, 3, 4), true))
    );
}

#[test]
fn spans_are_byte_offsets_in_multibyte_text() {
    let text = "《报告》，新华社，2020年1月2日，访问日期：2021年3月4日。";
    let f = find_dates(text);
    assert_eq!(f.len(), 2);
    assert_eq!(text.get(f[0].start..f[0].end), Some("2020年1月2日"));
    assert!(!f[0].accessed);
    assert_eq!(text.get(f[1].start..f[1].end), Some("2021年3月4日"));
    assert!(f[1].accessed);
    assert_eq!(years_in("“é” 2019"), vec![(2019, 9)]);
}

#[test]
fn full_note_mixed_forms() {
    let text = "J. Doe, \"On Things,\" Journal of Stuff, Vol. 12, No. 3 (Fall 2018), \
                pp. 45-67; updated Jan. 5, 2019 (accessed 2020-02-01).";
    assert_eq!(
        found(text),
        vec![
            (PartialDate::year(2018), "Fall 2018", false),
            (d(2019, 1, 5), "Jan. 5, 2019", false),
            (d(2020, 2, 1), "2020-02-01", true),
        ]
    );
}

#[test]
fn url_relative_and_schemeless() {
    assert_eq!(url_date("//example.com/2019/0623/x"), Some(d(2019, 6, 23)));
    assert_eq!(url_date("2019/10/17"), Some(d(2019, 10, 17)));
    assert_eq!(url_date("https://x.org/a/#/2019/10/17/"), None);
    assert_eq!(
        url_date("https://x.org/2019/10/17.html"),
        Some(d(2019, 10, 17))
    );
    assert_eq!(
        url_date("https://x.org/p/2019/153742.html"),
        Some(PartialDate::year(2019))
    );
}

#[test]
fn url_hex_hashes_are_not_ids() {
    assert_eq!(url_date("https://x.org/obj/ab20190628cdef0123456789"), None);
    assert_eq!(
        url_date("https://x.org/obj/ab20190628"),
        Some(d(2019, 6, 28))
    );
}

#[test]
fn url_compact_year_month_segment_and_archive() {
    assert_eq!(
        url_date("https://www.chinadaily.com.cn/a/201910/17/WS5da7d1a4a310cf3e3557079f.html"),
        Some(d(2019, 10, 17))
    );
    assert_eq!(
        url_date("https://x.cn/a/201910/list.html"),
        Some(PartialDate::month(2019, 10))
    );
    assert_eq!(
        url_date("https://web.archive.org/web/20200102123456/http://example.com/2019/10/17/x"),
        Some(d(2019, 10, 17))
    );
    assert_eq!(
        url_date("https://web.archive.org/web/20200102123456/http://example.com/about"),
        None
    );
}

#[test]
fn korean_dotted_dates() {
    assert_eq!(
        found("2019. 10. 29."),
        vec![(d(2019, 10, 29), "2019. 10. 29.", false)]
    );
    assert!(find_dates("검색일: 2020. 1. 2.")[0].accessed);
    assert_eq!(dates("in 2019. 10. People"), vec![PartialDate::year(2019)]);
}
