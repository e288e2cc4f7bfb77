//! Every reading the evidence reader builds for a text file, best first, with its score, and
//! the line layouts' score beside them: `cargo run --release --example readings FILE`.

use reflint::extract::notes;
use reflint::extract::prose::front_matter_end;

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: readings FILE");
        std::process::exit(2);
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(2);
        }
    };
    let from = front_matter_end(&text);
    for r in notes::readings(&text, from) {
        let labels: Vec<&str> = r.notes.iter().map(|n| n.label.as_str()).collect();
        println!(
            "{:8.2}  {}: {} notes, {} markers; labels {:?}",
            r.score,
            r.how,
            r.notes.len(),
            r.markers.len(),
            labels.iter().take(12).collect::<Vec<_>>()
        );
    }
    let doc = reflint::extract::text::extract_str(&path, &text);
    let texts: Vec<&str> = doc.notes.iter().map(|n| n.text.as_str()).collect();
    let labels: Vec<&str> = doc.notes.iter().map(|n| n.label.as_str()).collect();
    let marks: Vec<&str> = doc.markers.iter().map(|m| m.label.as_str()).collect();
    println!(
        "{:8.2}  chosen: {} notes, {} markers",
        notes::score(&texts, &labels, &marks),
        doc.notes.len(),
        doc.markers.len()
    );
}
