#!/usr/bin/env python3
"""Online link-checking benchmark: reflint against lychee on a loopback web.

`examples/loopweb.rs` serves HOSTS simulated hosts (host h on 127.0.1.h:PORT, since tools key
their per-host limits by host name, not port), each with PAGES pages of ~3 KB HTML answered after
LATENCY ms, and writes a Markdown document citing every page once (HOSTS x PAGES footnotes, hosts
interleaved, URLs http://host{h}.bench.test/page/{i}). Both tools check that document with the
same per-host limit L, no spacing between requests to a host, 1000 requests in flight overall,
and the same remap '^http://host(\\d+)\\.bench\\.test/ http://127.0.1.$1:PORT/'. reflint also
reads each page's title and publication date (its page checks); lychee only checks status.

Usage: scripts/bench_online.py [--hosts 100] [--pages 100] [--latency-ms 50]
           [--host-concurrency 2] [--runs 3] [--port 8080] [--no-reflint] [--no-lychee]
           [--no-floor] [--no-build]

Prints, per tool, the best of --runs runs: links checked, wall seconds, links per second, wall
time over the ideal time (pages per host / L x latency), peak RSS (max over the runs), the most
requests any host served at once as the server counted them, and the CPU seconds of the tool
and of the server. A first row, "bare client" (`loopweb --fetch L`: reqwest fetching every page
with L connections per host, nothing parsed), is the floor this machine and server allow: the
ideal itself is out of reach because of loopback round trips and the work of answering 200
requests at once on cores the server shares (1.03-1.04x at 100 hosts on 2 cores; the server
times its latency with a timer thread, so its own rounding no longer adds to that). The tools and the server share
the machine's cores, so run it on an idle machine (the load average is printed).

Then the acceptance checks (reflint at least lychee's links/s, within 10% of the ideal time,
less peak memory than lychee); exit code 1 when one fails or a tool fails. lychee is installed
with `cargo install lychee --locked` when it is missing. Linux only (127.0.1.x addresses).
"""
import argparse, json, math, os, shutil, subprocess, sys, tempfile, time, urllib.request

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ap = argparse.ArgumentParser(description="reflint vs lychee on a loopback web")
ap.add_argument("--hosts", type=int, default=100)
ap.add_argument("--pages", type=int, default=100)
ap.add_argument("--latency-ms", type=int, default=50)
ap.add_argument("--host-concurrency", type=int, default=2, metavar="L")
ap.add_argument("--runs", type=int, default=3)
ap.add_argument("--port", type=int, default=8080)
ap.add_argument("--no-reflint", action="store_true")
ap.add_argument("--no-lychee", action="store_true")
ap.add_argument("--no-floor", action="store_true", help="skip the bare-client floor run")
ap.add_argument("--no-build", action="store_true", help="use the binaries already in target/release")
# `--summarize FUNCTION REPORT`: this script run as a child to read one report (see
# summarize_apart); nothing else is set up
SUMMARIZING = len(sys.argv) == 4 and sys.argv[1] == "--summarize"
args = ap.parse_args([] if SUMMARIZING else None)

L = args.host_concurrency
links = args.hosts * args.pages
ideal = math.ceil(args.pages / L) * args.latency_ms / 1000
remap = rf"^http://host(\d+)\.bench\.test/ http://127.0.1.$1:{args.port}/"
work = None if SUMMARIZING else tempfile.mkdtemp(prefix="reflint-bench-online-")
doc = os.path.join(work or "", "bench.md")
release = os.path.join(root, "target", "release")
reflint_exe = os.path.join(release, "reflint")
loopweb_exe = os.path.join(release, "examples", "loopweb")


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def build():
    if args.no_build:
        return True
    subprocess.run(["cargo", "build", "--release", "-q", "--example", "loopweb"], cwd=root, check=True)
    if args.no_reflint:
        return True
    r = subprocess.run(["cargo", "build", "--release", "-q", "--bin", "reflint"], cwd=root)
    return r.returncode == 0


def find_lychee():
    exe = shutil.which("lychee") or os.path.expanduser("~/.cargo/bin/lychee")
    if not os.path.exists(exe):
        log("installing lychee (cargo install lychee --locked) ...")
        subprocess.run(["cargo", "install", "lychee", "--locked"], check=True)
        exe = shutil.which("lychee") or os.path.expanduser("~/.cargo/bin/lychee")
    return exe


def cpu_of(pid):
    """User + system CPU seconds a live process has used so far (Linux /proc)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return float("nan")


def control(path):
    """GET a loopweb control path (/__stats, /__reset) from host 1, without latency."""
    with urllib.request.urlopen(f"http://127.0.1.1:{args.port}{path}", timeout=10) as r:
        return r.read().decode()


def measure(name, cmd, output, summarize, server_pid):
    """Runs `cmd` --runs times in `work`. Returns a result dict (best wall time, max peak RSS,
    the CPU seconds of the tool and of the server in the best run, the summary of the best
    run's output) or None when the tool failed."""
    best = None
    peak = 0.0
    for run in range(args.runs):
        control("/__reset")
        if os.path.exists(output):
            os.remove(output)
        err_path = os.path.join(work, f"{name}.stderr")
        with open(err_path, "wb") as err, open(os.devnull, "wb") as null:
            server_cpu = cpu_of(server_pid)
            t = time.perf_counter()
            t_unix = time.time()
            p = subprocess.Popen(cmd, cwd=work, stdout=null, stderr=err)
            _, status, usage = os.wait4(p.pid, 0)
            wall = time.perf_counter() - t
            end_unix = time.time()
            server_cpu = cpu_of(server_pid) - server_cpu
        cpu = usage.ru_utime + usage.ru_stime
        p.returncode = os.waitstatus_to_exitcode(status)
        stats = json.loads(control("/__stats"))
        try:
            summary = summarize_apart(summarize, output)
        except (OSError, ValueError, KeyError, TypeError) as e:
            with open(err_path, encoding="utf-8", errors="replace") as f:
                tail = f.read()[-2000:]
            log(f"{name} failed (exit {p.returncode}, no readable report: {e}); stderr:\n{tail}")
            return None
        peak = max(peak, usage.ru_maxrss / 1024)
        # where the wall time went: before the first request, serving, after the last answer
        phases = ""
        if stats.get("first_request_ms") and stats.get("last_answer_ms"):
            before = stats["first_request_ms"] / 1000 - t_unix
            serving = (stats["last_answer_ms"] - stats["first_request_ms"]) / 1000
            after = end_unix - stats["last_answer_ms"] / 1000
            phases = f" [{before:.2f} s before the first request, {serving:.2f} s serving, {after:.2f} s after]"
        log(f"  {name} run {run + 1}: {wall:.2f} s, exit {p.returncode}, {summary['checked']} links, "
            f"{stats['requests']} requests, max {stats['max_in_flight_per_host']} in flight per host, "
            f"CPU {cpu:.2f} s (server {server_cpu:.2f} s), peak RSS {usage.ru_maxrss / 1024:.0f} MB{phases}")
        if best is None or wall < best["wall"]:
            best = {"wall": wall, "exit": p.returncode, "summary": summary, "stats": stats,
                    "cpu": cpu, "server_cpu": server_cpu}
    best["rss"] = peak
    return best


def measure_floor(server_pid):
    """The bare client (`loopweb --fetch L`): every page fetched, nothing parsed. Returns a
    result dict like `measure`, or None when it failed."""
    cmd = [loopweb_exe, "--fetch", str(L), "--hosts", str(args.hosts), "--pages", str(args.pages),
           "--port", str(args.port)]
    best, peak = None, 0.0
    for run in range(args.runs):
        control("/__reset")
        server_cpu = cpu_of(server_pid)
        t = time.perf_counter()
        p = subprocess.Popen(cmd, cwd=work, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        err = p.stderr.read()
        _, status, usage = os.wait4(p.pid, 0)
        wall = time.perf_counter() - t
        server_cpu = cpu_of(server_pid) - server_cpu
        if os.waitstatus_to_exitcode(status) != 0:
            log(f"bare client failed: {err.decode(errors='replace')[-2000:]}")
            return None
        stats = json.loads(control("/__stats"))
        cpu = usage.ru_utime + usage.ru_stime
        peak = max(peak, usage.ru_maxrss / 1024)
        log(f"  bare client run {run + 1}: {wall:.2f} s, CPU {cpu:.2f} s (server {server_cpu:.2f} s)")
        if best is None or wall < best["wall"]:
            summary = {"checked": links, "ok": links, "status": {"200": links}}
            best = {"wall": wall, "exit": 0, "summary": summary, "stats": stats, "cpu": cpu,
                    "server_cpu": server_cpu}
    best["rss"] = peak
    return best


def reflint_summary(report):
    ls = report["links"]
    status = {}
    for l in ls:
        status[l.get("status")] = status.get(l.get("status"), 0) + 1
    page = [l.get("page") or {} for l in ls]
    return {
        "checked": sum(n for s, n in status.items() if s not in (None, "skipped")),
        "ok": status.get("alive", 0),
        "status": status,
        "titles": sum(1 for p in page if p.get("title")),
        "published": sum(1 for p in page if p.get("published")),
    }


def lychee_summary(report):
    # lychee counts every extracted link in `total`; `unique` after de-duplication
    return {
        "checked": report["total"] - report.get("excludes", 0) - report.get("unsupported", 0),
        "ok": report["successful"],
        "status": {k: report.get(k) for k in ("successful", "errors", "timeouts", "redirects",
                                               "remaps", "cached", "excludes", "unknown")},
    }


def summarize_apart(summarize, output):
    """`summarize` of the report at `output`, worked out in a child Python: a report of 100,000
    links takes this process to hundreds of MB, and Linux counts the RSS a child has when it is
    forked (and keeps it across exec) in the peak the next tool's run reports."""
    r = subprocess.run([sys.executable, os.path.abspath(__file__), "--summarize",
                        summarize.__name__, output], capture_output=True, text=True)
    if r.returncode != 0:
        raise ValueError(r.stderr.strip()[-500:])
    return json.loads(r.stdout)


def main():
    reflint_built = build()
    load_before = " ".join(f"{x:.2f}" for x in os.getloadavg())
    lychee = None if args.no_lychee else find_lychee()
    web = subprocess.Popen(
        [loopweb_exe, "--hosts", str(args.hosts), "--pages", str(args.pages),
         "--latency-ms", str(args.latency_ms), "--port", str(args.port), "--doc", doc],
        stdout=subprocess.PIPE, text=True)
    results = {}
    failed = []
    try:
        line = web.stdout.readline().strip()
        if line != "ready":
            sys.exit(f"loopweb did not start (said {line!r}, exit {web.poll()})")
        log(f"loopweb: {args.hosts} hosts x {args.pages} pages, {args.latency_ms} ms, port "
            f"{args.port}; document {doc}; ideal time {ideal:.2f} s at {L} per host")
        if not args.no_floor:
            log("bare client (the floor on this machine): loopweb --fetch")
            r = measure_floor(web.pid)
            if r is not None:
                results["bare"] = r
        if not args.no_reflint:
            if not reflint_built:
                log("reflint did not build: skipped")
                failed.append("reflint (build)")
            else:
                out = os.path.join(work, "reflint.json")
                cmd = [reflint_exe, "check", doc, "--format", "json", "--output", out,
                       "--no-cache", "--no-archive", "--progress", "never",
                       "--host-concurrency", str(L), "--host-interval", "0",
                       "--max-concurrency", "1000", "--timeout", "20", "--remap", remap]
                log("reflint: " + " ".join(cmd))
                r = measure("reflint", cmd, out, reflint_summary, web.pid)
                if r is None:
                    failed.append("reflint")
                else:
                    results["reflint"] = r
        if lychee:
            out = os.path.join(work, "lychee.json")
            cmd = [lychee, "--no-progress", "--host-concurrency", str(L),
                   "--host-request-interval", "0ms", "--max-concurrency", "1000",
                   "--remap", remap, "--timeout", "20", "--format", "json", "--output", out,
                   "--", doc]
            log("lychee: " + " ".join(cmd))
            r = measure("lychee", cmd, out, lychee_summary, web.pid)
            if r is None:
                failed.append("lychee")
            else:
                results["lychee"] = r
    finally:
        web.kill()
        web.wait()

    print(f"\n{args.hosts} hosts x {args.pages} pages = {links} links, {args.latency_ms} ms per "
          f"response, {L} per host: ideal {ideal:.2f} s = {links / ideal:.0f} links/s "
          f"(best of {args.runs})\n")
    print(f"{'tool':<12} {'links':>7} {'ok':>7} {'wall s':>8} {'links/s':>8} {'x ideal':>8} "
          f"{'peak RSS MB':>12} {'max/host':>9} {'CPU s':>6} {'server CPU s':>13}")
    for name, r in results.items():
        s = r["summary"]
        label = "bare client" if name == "bare" else name
        print(f"{label:<12} {s['checked']:>7} {s['ok']:>7} {r['wall']:>8.2f} "
              f"{s['checked'] / r['wall']:>8.0f} {r['wall'] / ideal:>8.2f} {r['rss']:>12.1f} "
              f"{r['stats']['max_in_flight_per_host']:>9} {r['cpu']:>6.2f} {r['server_cpu']:>13.2f}")
    print(f"\n{os.cpu_count()} cores; load average before the runs {load_before}")
    for name, r in results.items():
        if name == "bare":
            continue
        print(f"{name} statuses: {json.dumps(r['summary']['status'], sort_keys=True)}")
    if "reflint" in results:
        s = results["reflint"]["summary"]
        print(f"reflint pages read: {s['titles']} titles, {s['published']} publication dates "
              f"of {s['checked']} links")

    checks = []
    if "reflint" in results:
        r, s = results["reflint"], results["reflint"]["summary"]
        checks.append((f"reflint checked all {links} links, all alive", s["checked"] == links and s["ok"] == links))
        checks.append(("reflint read every page's title and date",
                       s["titles"] == links and s["published"] == links))
        checks.append((f"reflint kept the per-host limit ({r['stats']['max_in_flight_per_host']} <= {L})",
                       r["stats"]["max_in_flight_per_host"] <= L))
        checks.append((f"reflint within 10% of the ideal time ({r['wall']:.2f} s <= {1.1 * ideal:.2f} s)",
                       r["wall"] <= 1.1 * ideal))
    if "lychee" in results:
        r, s = results["lychee"], results["lychee"]["summary"]
        checks.append((f"lychee checked all {links} links, all successful", s["checked"] == links and s["ok"] == links))
        checks.append((f"lychee kept the per-host limit ({r['stats']['max_in_flight_per_host']} <= {L})",
                       r["stats"]["max_in_flight_per_host"] <= L))
    if "reflint" in results and "lychee" in results:
        rf, ly = results["reflint"], results["lychee"]
        rf_rate = rf["summary"]["checked"] / rf["wall"]
        ly_rate = ly["summary"]["checked"] / ly["wall"]
        checks.append((f"reflint links/s at least lychee's ({rf_rate:.0f} >= {ly_rate:.0f})", rf_rate >= ly_rate))
        checks.append((f"reflint peak memory below lychee's ({rf['rss']:.1f} < {ly['rss']:.1f} MB)",
                       rf["rss"] < ly["rss"]))
    if checks:
        print()
    for what, ok in checks:
        print(f"{'PASS' if ok else 'FAIL'}  {what}")
    for name in failed:
        print(f"FAIL  {name} did not produce a report")
    shutil.rmtree(work, ignore_errors=True)
    sys.exit(0 if all(ok for _, ok in checks) and not failed else 1)


if SUMMARIZING:
    with open(sys.argv[3], encoding="utf-8") as f:
        print(json.dumps(globals()[sys.argv[2]](json.load(f))))
else:
    main()
