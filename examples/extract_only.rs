use std::time::Instant;
fn main() {
    let p = std::env::args().nth(1).unwrap_or_default();
    let text = std::fs::read_to_string(&p).unwrap();
    for _ in 0..3 {
        let t = Instant::now();
        let d = reflint::extract::text::extract_str("x", &text);
        eprintln!("extract_str {:?} notes {}", t.elapsed(), d.notes.len());
    }
    let t = Instant::now();
    let mut ex = reflint::extract::text::TextExtractor::new("x", reflint::model::Format::Text);
    for l in text.split('\n') {
        ex.feed_line(l);
    }
    let t2 = Instant::now();
    let d = ex.finish();
    eprintln!(
        "sequential feed {:?} finish {:?} notes {}",
        t2 - t,
        t2.elapsed(),
        d.notes.len()
    );
}
