use reflint::model::Format;
fn main() {
    let cases: Vec<(&str, String)> = vec![
        ("notes1", "Notes 1 A ".repeat(10_000)),
        ("bare", format!("{} Notes 1 A", "x. 1 A".repeat(10_000))),
        ("br", "[1]".repeat(20_000)),
        ("sup", "¹".repeat(20_000)),
        ("defs", "1 A\n".repeat(10_000)),
        ("sup-a", "<sup><a href=\"#fn1\">1</a></sup>".repeat(20_000)),
        ("fnref", "[^1]".repeat(10_000)),
        ("fnref2", format!("{}\n\n[^1]: x", "a[^1]".repeat(20_000))),
        ("http", "http://".repeat(10_000)),
        ("quote", "“".repeat(20_000)),
    ];
    for (name, c) in cases {
        for format in [Format::Text, Format::Markdown, Format::Html] {
            let t = std::time::Instant::now();
            if let Ok(doc) = reflint::extract::read_bytes("p", c.as_bytes(), Some(format)) {
                let t2 = std::time::Instant::now();
                let _ = reflint::check::check_document(
                    &doc,
                    &reflint::check::Options {
                        document_date: None,
                        today: chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
                        input_format: None,
                    },
                );
                println!(
                    "{name} {format:?} extract {:?} check {:?}",
                    t2 - t,
                    t2.elapsed()
                );
            }
        }
    }
}
