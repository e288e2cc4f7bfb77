//! Times the LaTeX and BibTeX readers on generated inputs: a `.bib` of N entries read on its
//! own, a `.tex` of N footnotes, and a `.tex` citing every entry of that `.bib` (read through
//! the document). Prints MB/s and entries (notes) per second for the reader alone, and for the
//! reader with the citations read and the offline rules applied.
//!
//!     cargo run --release --example latex_bench [N]    (default 5000)

use std::time::Instant;

use reflint::check::{check_document, Options};
use reflint::extract::latex::{extract_bib, extract_latex};
use reflint::model::Document;

fn bib(n: usize) -> String {
    let mut s = String::from("@string{jt = {Journal of Tests}}\n\n");
    for i in 0..n {
        s.push_str(&format!(
            "@article{{key{i},\n  author = {{Roe, Jane and Doe, John and {{Org {i}}}}},\n  title = {{The {{DNA}} of Item {i}: a \\emph{{Study}} of na\\\"ive Things}},\n  journaltitle = jt,\n  volume = {{{v}}}, number = {{{k}}}, pages = {{{p}--{q}}},\n  date = {{20{y:02}-{m:02}-{d:02}}},\n  url = {{https://example.org/{y}/{m:02}/item-{i}}},\n  urldate = {{2024-01-02}},\n  doi = {{10.1000/item.{i}}},\n}}\n\n",
            v = i % 40 + 1,
            k = i % 12 + 1,
            p = i % 300 + 1,
            q = i % 300 + 20,
            y = i % 24,
            m = i % 12 + 1,
            d = i % 28 + 1,
        ));
    }
    s
}

fn tex(n: usize, cites: bool) -> String {
    let mut s =
        String::from("\\documentclass{article}\n\\addbibresource{big.bib}\n\\begin{document}\n");
    for i in 0..n {
        if cites {
            s.push_str(&format!(
                "In {y} the claim number {i} was made, as ``shown'' before \\parencite[p.~{p}]{{key{i}}}.\n",
                y = 2000 + i % 24,
                p = i % 90 + 1
            ));
        } else {
            s.push_str(&format!(
                "In {y} the claim number {i} was made.\\footnote{{Jane Roe, ``Item {i},'' \\emph{{The Outlet}}, May {d}, 20{y2:02}, \\url{{https://example.org/20{y2:02}/05/item-{i}}}.}} % note {i}\n",
                y = 2000 + i % 24,
                d = i % 28 + 1,
                y2 = i % 24,
            ));
        }
        if i % 7 == 6 {
            s.push('\n');
        }
    }
    s.push_str("\\printbibliography\n\\end{document}\n");
    s
}

fn time(label: &str, bytes: usize, run: impl Fn() -> Document) {
    let _ = run(); // warm
    let rounds = 3;
    let start = Instant::now();
    let mut notes = 0;
    for _ in 0..rounds {
        notes = run().notes.len();
    }
    let read = start.elapsed().as_secs_f64() / f64::from(rounds);
    let doc = run();
    let opts = Options {
        document_date: None,
        today: chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or_default(),
        input_format: None,
    };
    let start = Instant::now();
    let report = check_document(&doc, &opts);
    let checked = start.elapsed().as_secs_f64() + read;
    let mb = bytes as f64 / 1e6;
    println!(
        "{label}: {mb:.1} MB, {notes} notes; reader {:.0} ms = {:.1} MB/s, {:.0} notes/s; with citations and offline rules {:.0} ms = {:.1} MB/s, {:.0} notes/s ({} findings)",
        read * 1e3,
        mb / read,
        notes as f64 / read,
        checked * 1e3,
        mb / checked,
        notes as f64 / checked,
        report.findings.len(),
    );
}

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(5000);
    let dir = std::env::temp_dir().join(format!("reflint-latex-bench-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let b = bib(n);
    let bib_path = dir.join("big.bib");
    if let Err(e) = std::fs::write(&bib_path, &b) {
        eprintln!("{e}");
        return;
    }
    time(&format!(".bib of {n} entries"), b.len(), || {
        extract_bib("big.bib", &b).unwrap_or_else(|e| panic!("{e}"))
    });
    let t = tex(n, false);
    time(&format!(".tex of {n} footnotes"), t.len(), || {
        extract_latex("/nonexistent/big.tex", &t).unwrap_or_else(|e| panic!("{e}"))
    });
    let c = tex(n, true);
    let main = dir.join("cites.tex").to_string_lossy().to_string();
    time(
        &format!(".tex citing {n} entries of its .bib"),
        c.len() + b.len(),
        || extract_latex(&main, &c).unwrap_or_else(|e| panic!("{e}")),
    );
    let _ = std::fs::remove_dir_all(&dir);
}
