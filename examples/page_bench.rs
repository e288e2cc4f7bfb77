//! Times `parse_page` on one HTML file: `cargo run --release --example page_bench -- FILE [N]`.
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: page_bench FILE [N]");
        std::process::exit(2);
    };
    let n: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(10_000);
    let html = match std::fs::read_to_string(&path) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(2);
        }
    };
    let t = Instant::now();
    let mut titles = 0;
    for _ in 0..n {
        let p = reflint::net::page::parse_page(&html);
        titles += p.titles.len();
    }
    let e = t.elapsed();
    println!(
        "parse_page: {:.1} µs per page ({} bytes, {titles} titles)",
        e.as_secs_f64() * 1e6 / n as f64,
        html.len()
    );
    let t = Instant::now();
    for _ in 0..n {
        let d = scraper::Html::parse_document(&html);
        std::hint::black_box(d);
    }
    let e = t.elapsed();
    println!(
        "html5ever parse alone: {:.1} µs per page",
        e.as_secs_f64() * 1e6 / n as f64
    );
}
