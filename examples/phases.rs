use std::time::Instant;
fn main() {
    let p = std::env::args().nth(1).unwrap_or_default();
    let t = Instant::now();
    let d = reflint::extract::read_source(&reflint::extract::Source::File(p.into()), None).unwrap();
    eprintln!(
        "extract {:?} notes {} markers {}",
        t.elapsed(),
        d.notes.len(),
        d.markers.len()
    );
    let t = Instant::now();
    let refs = reflint::cite::read_document(&d);
    eprintln!("cite {:?}", t.elapsed());
    let t = Instant::now();
    let f = reflint::rules::check_offline(&reflint::rules::Context {
        doc: &d,
        refs: &refs,
        document_date: chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
    });
    eprintln!("rules {:?} findings {}", t.elapsed(), f.len());
}
