#!/usr/bin/env python3
"""Scores reflint's page dates on pages with known publication dates, and htmldate's on the
same bytes when htmldate is installed (`pip install htmldate`), side by side.

The data is htmldate's evaluation set as ../shared/data/pagedates/ holds it: a tar.xz with
`truth.json` (page URL -> {file, date}) and `pages/<file>`; or a folder already unpacked.
reflint reads each page with `reflint inspect FILE --url URL --format json` (offline: the
file is read, nothing is fetched), so the URL's own date counts as evidence, as it does
online.

A page is *right* when the date read is the true date, *wrong* when it is another date (a
date known only to the month or year counts as wrong unless it contains the true date, then
it is *partial*), *none* when no date is read.

Usage: scripts/pagedates.py [--data PATH] [--exe PATH] [--no-htmldate] [--show wrong|none|all]
       [--limit N]
Without --exe, target/release/reflint is built if missing (`cargo build --release`).
"""
import argparse, json, os, subprocess, sys, tarfile, tempfile
from concurrent.futures import ThreadPoolExecutor

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ap = argparse.ArgumentParser(description="reflint's page dates against the truth, and htmldate's")
ap.add_argument("--data", default=os.path.join(root, "..", "shared", "data", "pagedates",
                                               "htmldate-eval-default.tar.xz"))
ap.add_argument("--exe", help="the reflint binary (default target/release/reflint)")
ap.add_argument("--no-htmldate", action="store_true", help="do not run htmldate even if installed")
ap.add_argument("--show", choices=["wrong", "none", "all"], help="list reflint's misses")
ap.add_argument("--limit", type=int, help="only the first N pages (by URL)")
args = ap.parse_args()


def unpack(path):
    if os.path.isdir(path):
        return path
    out = tempfile.mkdtemp(prefix="pagedates-")
    with tarfile.open(path) as t:
        t.extractall(out, filter="data")
    return out


def judge(got, want):
    if not got:
        return "none"
    if got == want:
        return "right"
    if want.startswith(got + "-"):
        return "partial"
    return "wrong"


def reflint_date(exe, page, url):
    out = subprocess.run([exe, "inspect", page, "--url", url, "--format", "json"],
                         capture_output=True, text=True)
    if out.returncode != 0:
        return None, f"exit {out.returncode}: {out.stderr.strip()[:200]}"
    try:
        p = json.loads(out.stdout).get("page") or {}
    except json.JSONDecodeError as e:
        return None, f"bad JSON: {e}"
    return p.get("published"), p.get("published_from")


def htmldate_dates(pages):
    try:
        from htmldate import find_date
    except ImportError:
        return None
    res = {}
    for url, path in pages:
        with open(path, "rb") as f:
            html = f.read().decode("utf-8", "replace")
        try:
            res[url] = find_date(html, url=url, extensive_search=True, original_date=True)
        except Exception:  # htmldate's own failure on a page counts as no date
            res[url] = None
    return res


def main():
    exe = args.exe or os.path.join(root, "target", "release", "reflint")
    if not args.exe and not os.path.exists(exe):
        subprocess.run(["cargo", "build", "--release"], cwd=root, check=True)
    data = unpack(args.data)
    with open(os.path.join(data, "truth.json")) as f:
        truth = json.load(f)
    items = sorted(truth.items())
    if args.limit:
        items = items[: args.limit]
    pages = [(url, os.path.join(data, "pages", v["file"])) for url, v in items]
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        ours = list(pool.map(lambda p: reflint_date(exe, p[1], p[0]), pages))
    theirs = None if args.no_htmldate else htmldate_dates(pages)

    tally = {"reflint": {}, "htmldate": {}}
    by_source = {}
    for (url, v), (got, source) in zip(items, ours):
        verdict = judge(got, v["date"])
        tally["reflint"][verdict] = tally["reflint"].get(verdict, 0) + 1
        s = by_source.setdefault(source or "-", {})
        s[verdict] = s.get(verdict, 0) + 1
        if args.show and (args.show == "all" or args.show == verdict):
            print(f"{verdict:7} {v['file']}\twant {v['date']}\tgot {got} from {source}\t{url}")
        if theirs is not None:
            h = judge(theirs.get(url), v["date"])
            tally["htmldate"][h] = tally["htmldate"].get(h, 0) + 1
    n = len(items)
    print(f"{n} pages")
    print(f"{'reader':10} {'right':>6} {'wrong':>6} {'partial':>8} {'none':>6}  right share")
    for name, t in tally.items():
        if not t:
            continue
        print(f"{name:10} {t.get('right', 0):6} {t.get('wrong', 0):6} {t.get('partial', 0):8} "
              f"{t.get('none', 0):6}  {t.get('right', 0) / max(n, 1):.3f}")
    if theirs is None and not args.no_htmldate:
        print("(htmldate is not installed: pip install htmldate to compare)")
    print("reflint by evidence:")
    for source, t in sorted(by_source.items(), key=lambda kv: -sum(kv[1].values())):
        print(f"  {source:45} " + "  ".join(f"{k} {t[k]}" for k in sorted(t)))


if __name__ == "__main__":
    main()
