#!/usr/bin/env bash
# Coverage-guided fuzzing of every reader (targets: fuzz/src/lib.rs), SECONDS each (default 20).
#   scripts/fuzz.sh [SECONDS] [TARGET...]
#   scripts/fuzz.sh --minimize [TARGET...]   keep only inputs that reach new code edges
# Builds with cargo-fuzz (installed when missing) on the default toolchain: `-s none` needs no
# nightly feature. New inputs that reach new code are added to fuzz/corpus/TARGET; a crash or a
# failed assertion stops the script with libFuzzer's report and the input in fuzz/artifacts/.
# After a long run, --minimize keeps the corpus small before committing: the fewest inputs
# that reach the same code edges (libFuzzer's merge without hit counters), and every input
# named found-* (one that once failed: copy a crash from fuzz/artifacts/ there, so named).
set -euo pipefail
cd "$(dirname "$0")/.."
minimize=0
if [ "${1:-}" = "--minimize" ]; then
    minimize=1
    shift
    secs=0
else
    secs="${1:-20}"
    shift || true
fi
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    targets=(text markdown html latex bib document dates cite page decode config baseline csl pdf docx)
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
    cargo install cargo-fuzz --locked --version 0.13.2
fi
cargo fuzz build -s none
if [ "$minimize" = 1 ]; then
    for t in "${targets[@]}"; do
        kept="$(mktemp -d)"
        if ! "fuzz/target/x86_64-unknown-linux-gnu/release/$t" -merge=1 -use_counters=0 \
            -max_len=16384 -timeout=10 "$kept" "fuzz/corpus/$t" >/dev/null 2>&1 ||
            [ -z "$(ls "$kept")" ]; then
            echo "$t: merge failed, corpus kept as it is" >&2
            rm -rf "$kept"
            continue
        fi
        before=$(ls "fuzz/corpus/$t" | wc -l)
        # inputs that once failed (found-*) stay, under their names, whatever they cover
        find "fuzz/corpus/$t" -maxdepth 1 -name 'found-*' -exec cp {} "$kept/" \;
        rm -rf "fuzz/corpus/$t"
        mv "$kept" "fuzz/corpus/$t"
        echo "$t: $before inputs -> $(ls "fuzz/corpus/$t" | wc -l)"
    done
    exit 0
fi
mkdir -p fuzz/logs
for t in "${targets[@]}"; do
    mkdir -p "fuzz/corpus/$t"
    echo "== fuzz $t for ${secs}s"
    log="fuzz/logs/$t.log"
    # -timeout: an input read for more than 10 s is a hang, reported as a crash;
    # -rss_limit_mb: memory beyond 2 GiB is a finding too.
    if ! cargo fuzz run -s none "$t" -- -max_total_time="$secs" -max_len=16384 -timeout=10 \
        -rss_limit_mb=2048 -print_final_stats=1 >"$log" 2>&1; then
        tail -n 60 "$log"
        echo "fuzz $t: failed; the input is in fuzz/artifacts/$t/" >&2
        exit 1
    fi
    grep -E '^(stat::number_of_executed_units|stat::new_units_added|Done)' "$log" || true
done
