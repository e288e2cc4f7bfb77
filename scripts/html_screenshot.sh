#!/usr/bin/env bash
# Renders reflint's HTML report of the sample document in headless Chromium, takes a
# screenshot and checks the rendered page.
#
# Usage (from anywhere; paths are relative to the crate root):
#   scripts/html_screenshot.sh                       # offline run: every link "skipped"
#   scripts/html_screenshot.sh --online [ARGS...]    # links checked over the network
#   scripts/html_screenshot.sh [--online] --document-date 2020-06-01 --timeout 5 ...
# Every argument but a leading --online is passed on to `reflint check`. Without --online the
# run has --offline (which no reflint option can undo, hence the script's own flag).
#
# What it does:
#   1. installs Debian's `chromium` when it is missing (apt-get update once, then
#      apt-get install -y chromium; through sudo unless already root);
#   2. cargo build --release;
#   3. target/release/reflint check --offline references/peninsula-prospects.txt --format html
#      --output target/report.html [ARGS...]   (exit 1, "findings", and 3, "no network", still
#      leave a report);
#   4. chromium --headless ... --screenshot=target/report.png file://.../target/report.html,
#      and --dump-dom into target/report.dom.html;
#   5. fails (exit 1, with a message) when the PNG is missing or empty, or when the rendered
#      DOM lacks the notes table's rows (tr.note) or the status chart's bars
#      (svg#status-chart rect.bar), or shows that the page's filter script did not run.
#
# Output: target/report.html, target/report.png, target/report.dom.html.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

die() {
    echo "html_screenshot: $*" >&2
    exit 1
}

find_chromium() {
    command -v chromium || command -v chromium-browser || true
}

chromium_bin="$(find_chromium)"
if [ -z "$chromium_bin" ]; then
    echo "html_screenshot: chromium not found; installing Debian's chromium" >&2
    sudo=()
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null || die "not root and no sudo: install chromium by hand"
        sudo=(sudo)
    fi
    "${sudo[@]}" apt-get update
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y chromium
    chromium_bin="$(find_chromium)"
    [ -n "$chromium_bin" ] || die "chromium is still missing after apt-get install"
fi

cargo build --release

mkdir -p target
html="$root/target/report.html"
png="$root/target/report.png"
dom="$root/target/report.dom.html"
log="$root/target/chromium.log"
rm -f "$html" "$png" "$dom" "$log"

mode=(--offline)
if [ "${1:-}" = --online ]; then
    mode=()
    shift
fi
set +e
target/release/reflint check "${mode[@]}" references/peninsula-prospects.txt \
    --format html --output target/report.html "$@"
code=$?
set -e
# 0: clean, 1: findings; 3: no network (still a report); anything else is a failure
case "$code" in
    0 | 1 | 3) ;;
    *) die "reflint exited with $code" ;;
esac
[ -s "$html" ] || die "reflint wrote no report to $html"

flags=(--headless --no-sandbox --disable-gpu --disable-background-networking
    --hide-scrollbars --window-size=1280,2400)
"$chromium_bin" "${flags[@]}" --screenshot="$png" "file://$html" 2>>"$log" ||
    die "chromium could not take the screenshot (see $log)"
"$chromium_bin" "${flags[@]}" --dump-dom "file://$html" >"$dom" 2>>"$log" ||
    die "chromium could not render the page (see $log)"

[ -s "$png" ] || die "the screenshot $png is missing or empty"
rows=$(grep -o '<tr class="note[ "]' "$dom" | wc -l)
bars=$(grep -o '<rect class="bar ' "$dom" | wc -l)
[ "$rows" -gt 0 ] || die "the rendered page has no notes table rows (tr.note)"
[ "$bars" -gt 0 ] || die "the rendered page has no status chart bars (svg#status-chart rect.bar)"
grep -q 'id="status-chart"' "$dom" || die "the rendered page has no status chart"
# the page's script ran (the Content-Security-Policy lets only it run): it fills in #shown
grep -q '<output id="shown">[0-9]* of [0-9]* notes shown</output>' "$dom" ||
    die "the page's script did not run in chromium (filters would not work)"

echo "html_screenshot: $rows note rows, $bars status bars; screenshot: $png ($(wc -c <"$png") bytes)"
