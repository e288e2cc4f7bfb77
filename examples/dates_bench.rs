//! Times `find_dates` over a realistic set of citation notes.
//!
//! Run with `cargo run --release --example dates_bench`.

use std::hint::black_box;
use std::time::Instant;

use reflint::cite::dates::find_dates;

const NOTES: &[&str] = &[
    "Wang Yi, \"China's Diplomacy in a Changing World: Address at the Symposium on the International Situation,\" Xinhua, January 2, 2010, http://www.xinhuanet.com//2020-01/02/c_1125416394.htm.",
    "Zhang Wei, \"The Belt and Road Initiative and the Transformation of Regional Order in Central Asia,\" International Studies, No.9, 2019, pp.45-62.",
    "Li Ming and Chen Hao, \"On Strategic Stability Between Major Powers,\" Contemporary International Relations, Vol.97, No.3, 2018, pp.103-117.",
    "John Smith, \"The Rise of Digital Authoritarianism,\" Foreign Affairs, March/April 2019, https://www.foreignaffairs.com/articles/china/2019-02-12/rise-digital-authoritarianism, accessed April 20, 2026.",
    "Ibid., p.16.",
    "Ibid.",
    "Michael J. Green, By More Than Providence: Grand Strategy and American Power in the Asia Pacific Since 1783 (New York: Columbia University Press, 2017), pp. 482-490.",
    "\"Remarks by Secretary Pompeo on the Occasion of the 70th Anniversary,\" U.S. Department of State, October 17, 2019, https://www.state.gov/remarks-depetris101719.",
    "Jane Doe, \"Trade Wars and Their Discontents: What the Tariff Escalation Means for Global Supply Chains,\" The Economist, 2 January 2020, p. 4.",
    "习近平：《决胜全面建成小康社会 夺取新时代中国特色社会主义伟大胜利》，人民出版社2017年版，第45页。",
    "《关于推进“一带一路”建设的报告》，新华社，2020年1月2日，http://www.xinhuanet.com/politics/2020-01/02/c_1125416394.htm，访问日期：2021年3月4日。",
    "\"North Korea Fires Two Short-Range Missiles into the East Sea,\" Yonhap News Agency, 2019년 10월 29일, https://cn.yna.co.kr/view/ACK20191029000200881.",
    "Robert Jervis, Perception and Misperception in International Politics (Princeton: Princeton University Press, 1976), pp. 58-111.",
    "See the discussion above, note 12, and the sources cited there.",
    "Kurt M. Campbell and Ely Ratner, \"The China Reckoning: How Beijing Defied American Expectations,\" Foreign Affairs, Vol. 97, No. 2 (March/April 2018), pp. 60-70.",
    "\"Joint Statement of the People's Republic of China and the Russian Federation,\" Ministry of Foreign Affairs, June 5-7, 2019, http://www.fmprc.gov.cn/mfa_eng/zxxx_662805/t1670553.shtml, accessed 2020-02-01.",
    "Paul Mozur, \"One Month, 500,000 Face Scans: How China Is Using A.I. to Profile a Minority,\" The New York Times, April 14, 2019, https://www.nytimes.com/2019/04/14/technology/china-surveillance-artificial-intelligence-racial-profiling.html.",
    "World Bank, World Development Report 2019: The Changing Nature of Work (Washington, DC: World Bank, 2019), pp. 18-25.",
    "Interview with a senior official of the Ministry of Commerce, Beijing, Spring 2018.",
    "Elizabeth C. Economy, The Third Revolution: Xi Jinping and the New Chinese State (Oxford: Oxford University Press, 2018), chap. 3.",
    "\"China's Military Strategy,\" State Council Information Office of the People's Republic of China, May 2015, http://english.www.gov.cn/archive/white_paper/2015/05/27/content_281475115610833.htm.",
    "Thomas J. Christensen, The China Challenge: Shaping the Choices of a Rising Power (New York: W. W. Norton, 2015), pp. 1-20; see also ibid., p. 33.",
    "\"Xi Jinping Meets with U.S. President Donald Trump,\" Ministry of Foreign Affairs. Retrieved 3 March 2020 from https://example.com/2019/10/17/some-story/.",
    "Evan Osnos, \"Making China Great Again,\" The New Yorker, Jan. 8, 2018, https://www.newyorker.com/magazine/2018/01/08/making-china-great-again.",
    "European Parliamentary Research Service, \"China's Foreign Policy Under Xi,\" Report No. 15/2019, Brussels, 19.10.2019.",
    "Steven Feldstein, \"The Global Expansion of AI Surveillance,\" Carnegie Endowment for International Peace, September 17, 2019, https://carnegieendowment.org/research/2019/09/the-global-expansion-of-ai-surveillance.",
    "Yan Xuetong, Leadership and the Rise of Great Powers (Princeton: Princeton University Press, 2019).",
    "Same as note 4.",
    "Huang Jing, \"Xi Jinping's Taiwan Policy: Boxing Taiwan In with the One-China Framework,\" China Leadership Monitor, Issue 4, Fall 2018, doi:10.1177/1529100619832930.",
    "Brad W. Setser, \"China's Balance of Payments: A Closer Look at the Current Account,\" Council on Foreign Relations blog, last accessed December 3, 2019.",
];

fn main() {
    let reps: usize = std::env::var("REPS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1_000);
    let rounds = 7;
    // Warm up the lazily compiled patterns, and count the dates once.
    let found: usize = NOTES.iter().map(|n| find_dates(n).len()).sum();
    let mut per_note = Vec::with_capacity(rounds);
    for _ in 0..rounds {
        let start = Instant::now();
        let mut total = 0usize;
        for _ in 0..reps {
            for n in NOTES {
                total += black_box(find_dates(black_box(n))).len();
            }
        }
        let elapsed = start.elapsed();
        assert_eq!(total, found * reps);
        per_note.push(elapsed.as_nanos() as f64 / (reps * NOTES.len()) as f64);
    }
    per_note.sort_by(f64::total_cmp);
    let bytes: usize = NOTES.iter().map(|n| n.len()).sum();
    println!(
        "find_dates: {} notes (avg {} bytes, {} dates) x {} reps, {} rounds: \
         {:.0} ns/note best, {:.0} ns/note median",
        NOTES.len(),
        bytes / NOTES.len(),
        found,
        reps,
        rounds,
        per_note.first().copied().unwrap_or(0.0),
        per_note.get(rounds / 2).copied().unwrap_or(0.0),
    );
}
