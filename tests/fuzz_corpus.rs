//! Replays the kept fuzz corpus (`fuzz/corpus/TARGET/`) through the fuzz targets on stable Rust:
//! every input that coverage-guided fuzzing found reaching new code, and every input that once
//! crashed a reader, keeps being read without a panic and with each target's assertions holding.
//! Fuzzing itself is `scripts/fuzz.sh` (cargo-fuzz, libFuzzer); CI runs it for a bounded time.

#[path = "../fuzz/src/lib.rs"]
mod targets;

use std::path::Path;

#[test]
fn every_target_reads_its_kept_corpus() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus");
    for (name, target) in targets::TARGETS {
        let dir = root.join(name);
        let mut inputs: Vec<_> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.is_file())
            .collect();
        inputs.sort();
        assert!(
            !inputs.is_empty(),
            "no kept corpus for the fuzz target {name}"
        );
        for input in &inputs {
            let data = std::fs::read(input).unwrap_or_else(|e| panic!("{}: {e}", input.display()));
            let run = std::panic::catch_unwind(|| target(&data));
            assert!(
                run.is_ok(),
                "fuzz target {name} fails on {}",
                input.display()
            );
        }
    }
}

/// The inputs that fuzzing found failing, kept under their names (`fuzz/corpus/TARGET/found-*`)
/// and replayed above: a corpus cleanup must not drop them.
#[test]
fn inputs_that_once_failed_are_kept() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus");
    const FOUND: &[&str] = &[
        // a TOML string holding "\n", echoed in a configuration error, split it in two lines
        "config/found-newline-in-value",
    ];
    for found in FOUND {
        assert!(
            root.join(found).is_file(),
            "{found} is missing from the corpus"
        );
    }
}
