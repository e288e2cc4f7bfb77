//! Property tests of the evidence reader: random and mutated documents never panic and never
//! hang, and whatever is read stays inside the text.

use proptest::prelude::*;
use reflint::extract::notes;
use reflint::extract::text::extract_str;

/// Pieces real documents are made of: labels of every grammar, markers, headings, links,
/// dates, back-links, page furniture and plain words.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        (1u32..40).prop_map(|n| format!("{n}. ")),
        (1u32..40).prop_map(|n| format!("{n} ")),
        (1u32..40).prop_map(|n| format!("[{n}] ")),
        (1u32..40).prop_map(|n| format!("({n}) ")),
        (1u32..40).prop_map(|n| format!("{n}) ")),
        (1u32..40).prop_map(|n| format!("word.{n} ")),
        Just("¹²³ ".to_string()),
        Just("Endnotes ".to_string()),
        Just("Notes\n".to_string()),
        Just("https://example.org/a/b-c?d=1 ".to_string()),
        Just("January 2, 2020, ".to_string()),
        Just("“A Title,” ".to_string()),
        Just("Ibid. ".to_string()),
        Just("↩ ".to_string()),
        Just("[iv] ".to_string()),
        Just("(B.) ".to_string()),
        Just("\n\n".to_string()),
        "[A-Za-z ]{1,12}",
        any::<String>(),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn assembled_documents_read_without_panic(pieces in prop::collection::vec(piece(), 0..120)) {
        let text: String = pieces.concat();
        let doc = extract_str("p.txt", &text);
        for n in &doc.notes {
            prop_assert!(n.pos.line >= 1);
        }
        if let Some(r) = notes::read(&text, 0) {
            for n in &r.notes {
                prop_assert!(n.start <= n.text_start && n.text_start <= n.end && n.end <= text.len());
            }
            for m in &r.markers {
                prop_assert!(m.at < text.len());
            }
        }
    }

    #[test]
    fn arbitrary_bytes_read_without_panic(bytes in prop::collection::vec(any::<u8>(), 0..4000)) {
        let text = String::from_utf8_lossy(&bytes);
        let _ = extract_str("p.txt", &text);
        let _ = notes::read(&text, 0);
    }
}

#[test]
fn many_labels_stay_linear() {
    // 20,000 candidate labels of every grammar on one line: read in linear time (a quadratic
    // pairing of candidates would take minutes here; `examples/patho.rs` times it)
    let mut text = String::new();
    for i in 0..4000u32 {
        text.push_str(&format!(
            "{}. A 2019 [{}] B ({}) C {} D ¹ ",
            i % 50 + 1,
            i % 50 + 1,
            i % 7 + 1,
            i % 3 + 1
        ));
    }
    let r = notes::read(&text, 0);
    assert!(r.is_some_and(|r| r.notes.iter().all(|n| n.end <= text.len())));
}
