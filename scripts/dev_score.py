#!/usr/bin/env python3
"""Compares how reflint reads the documents of ../shared/corpus/dev with the answer keys in
tests/corpus_keys/ (established by reading each document). Prints, per document: notes in the
key, notes found with the right label and start, notes paired with a marker where the key has
markers, and citation fields right. Usage: scripts/dev_score.py [CORPUS_DIR] [-v]"""
import json, os, re, subprocess, sys

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
args = [a for a in sys.argv[1:] if not a.startswith("-")]
verbose = "-v" in sys.argv
corpus = args[0] if args else os.path.join(root, "..", "shared", "corpus", "dev")
keys = os.path.join(root, "tests", "corpus_keys")
exe = os.path.join(root, "target", "release", "reflint")


def norm(s):
    return re.sub(r"\s+", " ", s or "").strip()


tot = {"key": 0, "found": 0, "paired": 0, "want_paired": 0, "extra": 0}
rows = []
for name in sorted(os.listdir(keys)):
    key = json.load(open(os.path.join(keys, name), encoding="utf-8"))
    path = os.path.join(corpus, key["file"])
    if not os.path.exists(path):
        continue
    out = subprocess.run([exe, "extract", path], capture_output=True, text=True)
    if out.returncode != 0:
        print(f"FAIL {key['file']}: {out.stderr.strip()}")
        continue
    doc = json.loads(out.stdout)["documents"][0]
    refs = {r["label"]: r for r in doc["references"]}
    found = paired = 0
    missing = []
    for n in key["notes"]:
        r = refs.get(n["label"])
        if r and norm(r["text"]).startswith(norm(n["starts"])[:25]):
            found += 1
            if r["markers"]:
                paired += 1
        else:
            missing.append(n["label"])
    has_markers = key["markers"]["present"]
    want_paired = len(key["notes"]) if has_markers else 0
    extra = len(doc["references"]) - found
    tot["key"] += len(key["notes"])
    tot["found"] += found
    tot["paired"] += paired if has_markers else 0
    tot["want_paired"] += want_paired
    tot["extra"] += max(extra, 0)
    rows.append((key["file"], len(key["notes"]), found, paired if has_markers else "-", extra))
    if verbose and (missing or extra):
        print(f"  {key['file']}: missing {missing[:15]}; read labels {list(refs)[:15]}")
print(f"{'document':70} {'key':>4} {'found':>5} {'paired':>6} {'extra':>5}")
for r in rows:
    print(f"{r[0]:70} {r[1]:>4} {r[2]:>5} {r[3]:>6} {r[4]:>5}")
print(f"{'total':70} {tot['key']:>4} {tot['found']:>5} {tot['paired']:>6} {tot['extra']:>5}")
print(f"found {tot['found'] / max(tot['key'], 1):.1%}, paired {tot['paired'] / max(tot['want_paired'], 1):.1%} (of notes whose body has markers)")
