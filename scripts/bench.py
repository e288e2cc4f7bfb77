#!/usr/bin/env python3
"""Offline throughput and peak memory of `reflint check --offline` on a 50 MB corpus built by
repeating the sample documents, against `lychee --dump` (URL extraction only) on the same file.

Usage: scripts/bench.py [--size-mb 50] [--runs 3] [--no-lychee]
Installs lychee with `cargo install lychee --locked` when it is missing (unless --no-lychee).
Prints MB/s (best of the runs) and peak RSS for each tool."""
import argparse, os, resource, shutil, subprocess, sys, time

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ap = argparse.ArgumentParser()
ap.add_argument("--size-mb", type=int, default=50)
ap.add_argument("--runs", type=int, default=3)
ap.add_argument("--no-lychee", action="store_true")
args = ap.parse_args()

subprocess.run(["cargo", "build", "--release", "-q"], cwd=root, check=True)
exe = os.path.join(root, "target", "release", "reflint")
work = os.path.join(root, "target", "bench")
os.makedirs(work, exist_ok=True)
corpus = os.path.join(work, f"corpus-{args.size_mb}mb.txt")
if not os.path.exists(corpus):
    unit = b""
    for name in ("peninsula-prospects.txt", "peninsula-deadlock.txt"):
        with open(os.path.join(root, "references", name), "rb") as f:
            unit += f.read() + b"\n\n"
    n = args.size_mb * 1024 * 1024 // len(unit) + 1
    with open(corpus, "wb") as f:
        for _ in range(n):
            f.write(unit)
size_mb = os.path.getsize(corpus) / 1e6


def measure(cmd):
    """Best wall time over the runs and the peak RSS (MB) of one child process."""
    best, peak = None, 0
    for _ in range(args.runs):
        pid = os.fork()
        if pid == 0:
            fd = os.open(os.devnull, os.O_WRONLY)
            os.dup2(fd, 1)
            os.dup2(fd, 2)
            os.execvp(cmd[0], cmd)
        t = time.perf_counter()
        _, status, usage = os.wait4(pid, 0)
        dt = time.perf_counter() - t
        best = dt if best is None else min(best, dt)
        peak = max(peak, usage.ru_maxrss / 1024)
    return best, peak


t, mem = measure([exe, "check", "--offline", "--format", "json", "--output", os.devnull, corpus])
print(f"reflint check --offline: {size_mb:.1f} MB in {t:.3f} s = {size_mb / t:.0f} MB/s, peak RSS {mem:.0f} MB")
t, mem = measure([exe, "check", "--offline", "--output", os.devnull, corpus])
print(f"reflint check --offline (terminal): {size_mb / t:.0f} MB/s, peak RSS {mem:.0f} MB")

# bounded memory: a 200 MB text (streamed line by line) with few notes
big = os.path.join(work, "prose-200mb.txt")
if not os.path.exists(big):
    with open(os.path.join(root, "references", "peninsula-deadlock.txt"), "rb") as f:
        prose = f.read()
    head = "A claim about 2019.\u00b9\n\n1 \u201cTitle,\u201d *Outlet*, May 3, 2019.\n\n".encode()
    with open(big, "wb") as f:
        f.write(head)
        for _ in range(200 * 1024 * 1024 // len(prose) + 1):
            f.write(prose + b"\n\n")
t, mem = measure([exe, "check", "--offline", "--format", "json", "--output", os.devnull, big])
print(f"reflint check --offline, {os.path.getsize(big) / 1e6:.0f} MB of prose: {os.path.getsize(big) / 1e6 / t:.0f} MB/s, peak RSS {mem:.0f} MB")

if not args.no_lychee:
    lychee = shutil.which("lychee") or os.path.expanduser("~/.cargo/bin/lychee")
    if not os.path.exists(lychee):
        print("installing lychee (cargo install lychee --locked) ...", file=sys.stderr)
        subprocess.run(["cargo", "install", "lychee", "--locked"], check=True)
    t, mem = measure([lychee, "--dump", corpus])
    print(f"lychee --dump: {size_mb / t:.0f} MB/s, peak RSS {mem:.0f} MB")
