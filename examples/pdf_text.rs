//! A PDF's text as reflint's readers see it (pages separated by a line holding a form feed),
//! then its links and the time taken: `cargo run --release --example pdf_text FILE.pdf`.
//! With `--notes`, the notes read from it instead.
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let notes = args.iter().any(|a| a == "--notes");
    let Some(path) = args.iter().find(|a| !a.starts_with("--")) else {
        eprintln!("usage: pdf_text FILE.pdf [--notes]");
        std::process::exit(2);
    };
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let t = Instant::now();
    if notes {
        match reflint::extract::pdf::extract_pdf(path, &bytes) {
            Ok(doc) => {
                for n in &doc.notes {
                    println!("[{}] line {}: {}", n.label, n.pos.line, n.text);
                    for u in &n.urls {
                        println!("    {} {:?}", u.url, u.problem);
                    }
                }
                let labels: Vec<&str> = doc.markers.iter().map(|m| m.label.as_str()).collect();
                println!("markers: {}", labels.join(" "));
                println!(
                    "body urls: {:?}",
                    doc.body_urls.iter().map(|u| &u.url).collect::<Vec<_>>()
                );
                println!("warnings: {:?}", doc.warnings);
            }
            Err(e) => println!("{e}"),
        }
    } else {
        match reflint::extract::pdf::pdf_text(path, &bytes) {
            Ok(pdf) => {
                println!("{}", pdf.text);
                eprintln!("pages start at lines {:?}", pdf.page_lines);
                for l in &pdf.links {
                    eprintln!("link {}:{} {}", l.pos.line, l.pos.column, l.url);
                }
                eprintln!("warnings: {:?}", pdf.warnings);
            }
            Err(e) => println!("{e}"),
        }
    }
    let secs = t.elapsed().as_secs_f64();
    eprintln!(
        "{:.3} s, {:.1} MB/s",
        secs,
        bytes.len() as f64 / 1e6 / secs.max(1e-9)
    );
}
