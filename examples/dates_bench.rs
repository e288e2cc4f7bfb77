//! Times `find_dates` over a realistic set of citation notes.
//!
//! Run with `cargo run --release --example dates_bench`.

use std::hint::black_box;
use std::time::Instant;

use reflint::cite::dates::find_dates;

const NOTES: &[&str] = &[
    "Wang Yi, \"China's Diplomacy in 2019,\" Xinhua, January 2, 2010, http://www.xinhuanet.com//2020-01/02/c_1125416394.htm.",
    "Zhang Wei, \"The Belt and Road Initiative and Regional Order,\" International Studies, No.9, 2019, pp.45-62.",
    "Li Ming, \"On Strategic Stability,\" Contemporary International Relations, Vol.97, No.3, 2018, pp.103-117.",
    "John Smith, \"The Rise of Digital Authoritarianism,\" Foreign Affairs, March/April 2019, https://www.foreignaffairs.com/articles/china/2019-02-12/rise-digital-authoritarianism, accessed April 20, 2026.",
    "Ibid., p.16.",
    "Ibid.",
    "Michael Green, By More Than Providence: Grand Strategy and American Power in the Asia Pacific Since 1783 (New York: Columbia University Press, 2017), pp. 482-490.",
    "\"Remarks by Secretary Pompeo,\" U.S. Department of State, October 17, 2019, https://www.state.gov/remarks-depetris101719.",
    "Jane Doe, \"Trade Wars and Their Discontents,\" The Economist, 2 January 2020, p. 4.",
    "习近平：《决胜全面建成小康社会》，人民出版社2017年版，第45页。",
    "《报告》，新华社，2020年1月2日，访问日期：2021年3月4日。",
    "\"North Korea Fires Missiles,\" Yonhap, 2019년 10월 29일, https://cn.yna.co.kr/view/ACK20191029000200881.",
    "Robert Jervis, Perception and Misperception in International Politics (Princeton: Princeton University Press, 1976).",
    "See the discussion above, note 12.",
    "Kurt Campbell and Ely Ratner, \"The China Reckoning,\" Foreign Affairs, Vol. 97, No. 2 (March/April 2018), pp. 60-70.",
    "\"Joint Statement,\" Ministry of Foreign Affairs, June 5-7, 2019, http://www.fmprc.gov.cn/mfa_eng/zxxx_662805/t1670553.shtml, accessed 2020-02-01.",
    "Paul Mozur, \"One Month, 500,000 Face Scans,\" The New York Times, April 14, 2019, https://www.nytimes.com/2019/04/14/technology/china-surveillance.html.",
    "World Bank, World Development Report 2019: The Changing Nature of Work (Washington, DC: World Bank, 2019).",
    "Interview with a senior official, Beijing, Spring 2018.",
    "Elizabeth Economy, The Third Revolution (Oxford: Oxford University Press, 2018), chap. 3.",
    "\"China's Military Strategy,\" State Council Information Office, May 2015, http://english.www.gov.cn/archive/white_paper/2015/05/27/content_281475115610833.htm.",
    "Thomas Christensen, The China Challenge (New York: W. W. Norton, 2015), pp. 1-20; see also ibid., p. 33.",
    "Retrieved 3 March 2020 from https://example.com/2019/10/17/some-story/.",
    "Evan Osnos, \"Making China Great Again,\" The New Yorker, Jan. 8, 2018.",
    "Report No. 15/2019, European Parliament Research Service, 19.10.2019.",
    "\"The Global Expansion of AI Surveillance,\" Carnegie Endowment, September 17, 2019, https://carnegieendowment.org/research/2019/09/the-global-expansion-of-ai-surveillance.",
    "Yan Xuetong, Leadership and the Rise of Great Powers (Princeton: Princeton University Press, 2019).",
    "Same as note 4.",
    "Huang Jing, \"Xi Jinping's Taiwan Policy,\" China Leadership Monitor, Issue 4, Fall 2018, doi:10.1177/1529100619832930.",
    "Brad Setser, \"China's Balance of Payments,\" Council on Foreign Relations blog, last accessed December 3, 2019.",
];

fn main() {
    let reps: usize = std::env::var("REPS").ok().and_then(|s| s.parse().ok()).unwrap_or(1_000);
    // Warm up the lazily compiled patterns.
    let mut found = 0usize;
    for n in NOTES {
        found += find_dates(n).len();
    }
    let start = Instant::now();
    let mut total = 0usize;
    for _ in 0..reps {
        for n in NOTES {
            total += black_box(find_dates(black_box(n))).len();
        }
    }
    let elapsed = start.elapsed();
    let calls = reps * NOTES.len();
    let bytes: usize = NOTES.iter().map(|n| n.len()).sum();
    println!(
        "{} notes x {} reps: {:.0} ns/note (avg {} bytes/note), {} dates per pass, total {}",
        NOTES.len(),
        reps,
        elapsed.as_nanos() as f64 / calls as f64,
        bytes / NOTES.len(),
        found,
        total
    );
}
