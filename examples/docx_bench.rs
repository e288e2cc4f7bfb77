//! Times the Word reader alone on one file: `cargo run --release --example docx_bench -- FILE
//! [RUNS]` (a large file: `scripts/samples/make_docx.py --bench 10000 big.docx`). Prints the
//! best of RUNS (default 5) as MB/s of the file, MB/s of the XML inflated, and notes/s.

use std::io::Cursor;
use std::time::Instant;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().unwrap_or_default();
    let runs: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(5);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut zip = zip::ZipArchive::new(Cursor::new(&bytes)).unwrap_or_else(|e| panic!("{e}"));
    let mut inflated = 0;
    for i in 0..zip.len() {
        if let Ok(f) = zip.by_index(i) {
            if f.name().ends_with(".xml") || f.name().ends_with(".rels") {
                inflated += f.size();
            }
        }
    }
    let mut best = f64::MAX;
    let mut notes = 0;
    for _ in 0..runs.max(1) {
        let t = Instant::now();
        let doc =
            reflint::extract::docx::extract_docx(&path, &bytes).unwrap_or_else(|e| panic!("{e}"));
        best = best.min(t.elapsed().as_secs_f64());
        notes = doc.notes.len();
    }
    let mb = |n: u64| n as f64 / 1e6;
    println!(
        "{path}: {:.1} MB file, {:.1} MB XML, {notes} notes: best {:.3} s = {:.1} MB/s of file, {:.1} MB/s of XML, {:.0} notes/s",
        mb(bytes.len() as u64),
        mb(inflated),
        best,
        mb(bytes.len() as u64) / best,
        mb(inflated) / best,
        notes as f64 / best
    );
}
