#!/usr/bin/env python3
"""Peak memory of reflint against hostile servers, on loopback only.

A small asyncio server on 127.0.0.1 (an ephemeral port) serves, COPIES times each, under
its own simulated host name (`http://NAME-K.hostile.test/...`, remapped to the server):

  endless-body     200 text/html, chunked, 1 MB chunks for ever (as fast as it is read)
  trickle-body     the same, one small chunk per 100 ms
  endless-headers  `HTTP/1.1 200 OK`, then header lines for ever
  trickle-headers  one header line per 100 ms
  silent           accepts the connection, never reads, never answers
  chain            /hop/N redirects to /hop/N+1, for ever
  bomb             a gzip answer of about BOMB_GIB/1000 GB that inflates to BOMB_GIB GiB of HTML
  bad-utf8         a page of invalid UTF-8 declared as UTF-8
  klingon          a windows-1252 page declared as charset=x-klingon
  hz               an ASCII page declared as charset=hz-gb-2312 (the "replacement" encoding)
  deep             2 MB of elements nested 300,000 deep

reflint checks a Markdown document citing them (`--timeout 2 --retries 0 --no-archive
--no-cache`, 32 requests in flight per host): once per behaviour (its COPIES links), checking
the status README's "How links are judged" gives, then once with all of them at once. Each
line gives the wall time, exit code and peak RSS (ru_maxrss of the child). In the run of all
at once, the statuses are printed but not checked: the Python server shares the cores with
reflint, and its slowness can push a request past the 2 s timeout. Exit code 1 when a status
is wrong or a peak is over --max-rss-mb.

Usage: scripts/bench_hostile.py [--copies 8] [--bomb-gib 2] [--exe PATH] [--max-rss-mb 256]
           [--only KIND]...
Without --exe, target/release/reflint is built if missing (`cargo build --release`).
"""
import argparse, asyncio, json, os, subprocess, sys, tempfile, threading, time, zlib

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ap = argparse.ArgumentParser(description="reflint's peak memory against hostile servers")
ap.add_argument("--copies", type=int, default=8, help="hosts per behaviour")
ap.add_argument("--bomb-gib", type=int, default=2, help="what the gzip bomb inflates to")
ap.add_argument("--exe", help="the reflint binary (default target/release/reflint)")
ap.add_argument("--max-rss-mb", type=float, default=256.0)
ap.add_argument("--only", action="append", metavar="KIND", help="only these behaviours (repeatable)")
args = ap.parse_args()

EXPECTED = {
    "endless-body": "alive",
    "trickle-body": "unreachable",
    "endless-headers": "unreachable",
    "trickle-headers": "unreachable",
    "silent": "unreachable",
    "chain": "dead",
    "bomb": "alive",
    "bad-utf8": "alive",
    "klingon": "alive",
    "hz": "alive",
    "deep": "alive",
}


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def make_bomb(gib):
    """gzip of `gib` GiB of HTML (a title, then spaces), compressed once, in memory."""
    comp = zlib.compressobj(9, zlib.DEFLATED, 31)
    out = [comp.compress(b"<!doctype html><html><head><title>Bomb</title></head><body>")]
    block = b" " * (1 << 24)
    for _ in range(gib * 64):
        out.append(comp.compress(block))
    out.append(comp.flush())
    return b"".join(out)


PAGES = {
    "bad-utf8": ("text/html; charset=utf-8",
                 b"<html><head><title>Broken \xff\xfe bytes</title></head><body><p>\xc3\x28</p>"),
    "klingon": ("text/html; charset=x-klingon",
                "<html><head><title>Caf\u00e9 cr\u00e8me</title></head><body><p>Le minist\u00e8re "
                "a publi\u00e9 un communiqu\u00e9 d\u00e9taill\u00e9 sur les n\u00e9gociations "
                "\u00e9conomiques.</p>".encode("cp1252")),
    "hz": ("text/html; charset=hz-gb-2312",
           b"<html><head><title>Plain ASCII title</title></head><body><p>x</p>"),
    "deep": ("text/html; charset=utf-8",
             b"<html><head><title>Deep</title></head><body>" + b"<div><ul><li>" * 150000),
}


class Server:
    def __init__(self, bomb):
        self.bomb = bomb
        self.port = None
        self.ready = threading.Event()
        self.loop = None

    def start(self):
        threading.Thread(target=self._run, daemon=True).start()
        self.ready.wait()

    def _run(self):
        self.loop = asyncio.new_event_loop()
        asyncio.set_event_loop(self.loop)
        server = self.loop.run_until_complete(
            asyncio.start_server(self.handle, "127.0.0.1", 0, limit=1 << 16))
        self.port = server.sockets[0].getsockname()[1]
        self.ready.set()
        self.loop.run_forever()

    async def handle(self, reader, writer):
        try:
            await self.serve(reader, writer)
        except (ConnectionError, asyncio.IncompleteReadError, asyncio.LimitOverrunError):
            pass
        finally:
            writer.close()

    async def serve(self, reader, writer):
        # the remap puts the behaviour first in the path: /silent/..., /chain/hop/3
        head = await reader.readuntil(b"\r\n\r\n")
        path = head.split(b" ", 2)[1].decode("latin-1")
        kind = path.strip("/").split("/", 1)[0]
        if kind != "chain" and path != f"/{kind}/x":
            # any other path (the random-path probe of a page) is not found
            kind = "none"
        if kind == "silent":
            await asyncio.sleep(3600)
            return
        if kind in ("endless-body", "trickle-body"):
            writer.write(b"HTTP/1.1 200 OK\r\ncontent-type: text/html; charset=utf-8\r\n"
                         b"transfer-encoding: chunked\r\n\r\n")
            first = b"<!doctype html><html><head><title>Endless</title></head><body>"
            chunk = b"<p>.</p>" if kind == "trickle-body" else b"<p>Lorem ipsum.</p>\n" * 52429
            data = first
            while True:
                writer.write(b"%x\r\n%s\r\n" % (len(data), data))
                await writer.drain()
                if kind == "trickle-body":
                    await asyncio.sleep(0.1)
                data = chunk
        if kind in ("endless-headers", "trickle-headers"):
            writer.write(b"HTTP/1.1 200 OK\r\ncontent-type: text/html\r\n")
            i = 0
            while True:
                writer.write(b"x-filler-%d: %s\r\n" % (i, b"a" * 100))
                await writer.drain()
                if kind == "trickle-headers":
                    await asyncio.sleep(0.1)
                i += 1
        if kind == "chain":
            n = int(path.rsplit("/", 1)[-1]) if path.rsplit("/", 1)[-1].isdigit() else 0
            writer.write(b"HTTP/1.1 302 Found\r\nlocation: /chain/hop/%d\r\n"
                         b"content-length: 0\r\nconnection: close\r\n\r\n" % (n + 1))
        elif kind == "bomb":
            writer.write(b"HTTP/1.1 200 OK\r\ncontent-type: text/html\r\n"
                         b"content-encoding: gzip\r\nconnection: close\r\ncontent-length: %d\r\n\r\n"
                         % len(self.bomb))
            writer.write(self.bomb)
        elif kind in PAGES:
            ctype, body = PAGES[kind]
            writer.write(b"HTTP/1.1 200 OK\r\ncontent-type: %s\r\nconnection: close\r\n"
                         b"content-length: %d\r\n\r\n"
                         % (ctype.encode(), len(body)) + body)
        else:
            writer.write(b"HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\nconnection: close\r\n\r\n")
        await writer.drain()


def main():
    exe = os.path.abspath(args.exe) if args.exe else os.path.join(root, "target", "release", "reflint")
    if not args.exe and not os.path.exists(exe):
        log("building reflint (release)...")
        subprocess.run(["cargo", "build", "--release", "--bin", "reflint"], cwd=root, check=True)
    t = time.perf_counter()
    bomb = make_bomb(args.bomb_gib)
    log(f"gzip bomb: {len(bomb) / 1e6:.1f} MB inflating to {args.bomb_gib} GiB "
        f"(made in {time.perf_counter() - t:.1f} s)")
    server = Server(bomb)
    server.start()

    kinds = [k for k in EXPECTED if not args.only or k in args.only]
    checks = []
    for group in [[k] for k in kinds] + ([kinds] if len(kinds) > 1 else []):
        alone = len(group) == 1
        wall, code, rss_mb, urls, got, reasons, err = run(exe, server.port, group)
        label = group[0] if alone else f"all {len(group)} at once"
        print(f"{label:<18} {len(urls):>4} links  {wall:5.1f} s  exit {code}  "
              f"peak RSS {rss_mb:6.1f} MB")
        for kind in group:
            want = EXPECTED[kind]
            statuses = sorted({got.get(u, "missing") for k, u in urls if k == kind})
            if alone:
                checks.append((f"{kind}: {want} (got {', '.join(statuses)})", statuses == [want]))
                for k, u in urls:
                    if got.get(u) != want:
                        print(f"    {u}: {got.get(u)} ({reasons.get(u)})")
            else:
                print(f"    {kind:<16} {', '.join(statuses)}")
        checks.append((f"{label}: peak RSS {rss_mb:.1f} MB under {args.max_rss_mb:.0f} MB",
                       rss_mb < args.max_rss_mb))
        if err.strip() and code not in (0, 1):
            print("    stderr: " + err.strip()[-1000:])
    failed = [name for name, ok in checks if not ok]
    for name, ok in checks:
        print(f"  [{'ok' if ok else 'FAIL'}] {name}")
    return 1 if failed else 0


def run(exe, port, kinds):
    """One run of reflint on the links of `kinds`: (wall, exit code, peak RSS MB, urls,
    statuses by URL, reasons by URL, stderr)."""
    work = tempfile.mkdtemp(prefix="reflint-bench-hostile-")
    urls = []
    for kind in kinds:
        for k in range(args.copies):
            path = "hop/0" if kind == "chain" else "x"
            urls.append((kind, f"http://{kind}-{k}.hostile.test/{path}"))
    body = "# Hostile\n\n" + "".join(f"Claim {i}.[^{i}]\n" for i in range(1, len(urls) + 1))
    notes = "".join(f"[^{i}]: \u201cPage {i},\u201d *Wire*, March 8, 2019, {u}.\n"
                    for i, (_, u) in enumerate(urls, 1))
    with open(os.path.join(work, "doc.md"), "w", encoding="utf-8") as f:
        f.write(body + "\n" + notes)
    remap = rf"^http://([a-z0-9-]+)-\d+\.hostile\.test/ http://127.0.0.1:{port}/$1/"
    cmd = [exe, "check", "--format", "json", "--output", "report.json", "--timeout", "2",
           "--retries", "0", "--host-interval", "0", "--host-concurrency", "32",
           "--no-archive", "--no-cache", "--remap", remap, "doc.md"]
    t = time.perf_counter()
    p = subprocess.Popen(cmd, cwd=work, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                         env={**os.environ, "CI": "true"})
    err = p.stderr.read().decode(errors="replace")
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t
    code = os.waitstatus_to_exitcode(status)
    try:
        with open(os.path.join(work, "report.json"), encoding="utf-8") as f:
            report = json.load(f)
    except (OSError, ValueError):
        report = {"links": []}
    got = {l["url"]: l["status"] for l in report["links"]}
    reasons = {l["url"]: l.get("reason") for l in report["links"]}
    return wall, code, usage.ru_maxrss / 1024, urls, got, reasons, err


if __name__ == "__main__":
    sys.exit(main())
