#!/usr/bin/env python3
"""Smoke test on real documents: every note found and paired with its markers, every Ibid.
resolved, no note-* finding. Usage: scripts/smoke.py [CORPUS_DIR] (default ../shared/corpus).

Expected note counts come from the corpus README's table (file -> notes). Then, when the corpus
has a dev/ folder, the table of scripts/dev_score.py: per document, the notes of its answer key
(tests/corpus_keys/), the notes found with their label and text, and those paired with a
marker."""
import json, os, re, subprocess, sys

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
corpus = sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, "..", "shared", "corpus")
expected = {}
readme = os.path.join(corpus, "README.md")
if os.path.exists(readme):
    for line in open(readme, encoding="utf-8"):
        m = re.match(r"\|\s*`([^`]+)`\s*\|.*\|\s*(\d+)\s*\|\s*$", line)
        if m:
            expected[m.group(1)] = int(m.group(2))
subprocess.run(["cargo", "build", "--release", "-q"], cwd=root, check=True)
exe = os.path.join(root, "target", "release", "reflint")
failures = 0
for name in sorted(os.listdir(corpus)):
    path = os.path.join(corpus, name)
    if name == "README.md" or os.path.isdir(path):
        continue
    out = subprocess.run([exe, "check", "--offline", "--format", "json", "--fail-on", "never", path],
                         capture_output=True, text=True)
    if out.returncode != 0:
        print(f"FAIL {name}: exit {out.returncode}: {out.stderr.strip()}")
        failures += 1
        continue
    doc = json.loads(out.stdout)["documents"][0]
    refs = doc["references"]
    problems = []
    want = expected.get(name)
    if want is not None and len(refs) != want:
        problems.append(f"{len(refs)} notes, expected {want}")
    unpaired = [r["label"] for r in refs if not r["markers"]]
    if unpaired:
        problems.append(f"notes without markers: {unpaired[:10]}")
    notes = [f for f in doc["findings"] if f["rule"].startswith("note-")]
    if notes:
        problems.append("note-* findings: " + "; ".join(f"{f['rule']} {f['reference']}" for f in notes[:10]))
    ibid = [r["label"] for r in refs if re.match(r"\W*ibid", r["text"], re.I)]
    unresolved = [r["label"] for r in refs if re.match(r"\W*ibid", r["text"], re.I) and not r["same_as"]]
    if unresolved:
        problems.append(f"unresolved Ibid.: {unresolved}")
    by_rule = {}
    for f in doc["findings"]:
        by_rule[f["rule"]] = by_rule.get(f["rule"], 0) + 1
    status = "FAIL" if problems else "ok  "
    failures += bool(problems)
    print(f"{status} {name}: {len(refs)} notes, {sum(len(r['markers']) for r in refs)} markers, "
          f"{len(ibid)} Ibid., findings {by_rule}")
    for p in problems:
        print(f"     {p}")
dev = os.path.join(corpus, "dev")
if os.path.isdir(dev):
    print()
    sys.stdout.flush()
    subprocess.run([sys.executable, os.path.join(root, "scripts", "dev_score.py"), dev])
sys.exit(1 if failures else 0)
