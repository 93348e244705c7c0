"""`reader fetch` against the same downloads done by a plain httpx loop.

    python bench/fetch.py [--feeds 50] [--entries 50] [--runs 5] [--hosts 5]

A local server (a separate process, on 127.0.0.1 ... 127.0.0.N: loopback only,
nothing leaves the machine) serves `--feeds` RSS feeds of `--entries` summary-only
entries each, every entry linking to its own HTML page (~12 KB, with boilerplate),
the feeds spread over `--hosts` host addresses. Each run, in turn:

* reader: `reader fetch` (a fresh process, an empty library and fetch state, full
  pages: the default), which downloads every feed and page, parses, writes files;
* plain: a fresh Python process running an httpx AsyncClient loop with the same
  limits (2 requests per host, 8 in all) that downloads the same feeds and, from
  the links a regex finds in them, the same pages, and writes nothing.

Both pay interpreter start-up. Prints the median and range of each, and the ratio
of the medians (the issue's target: at most 1.5).
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PORT = 18765

PAGE = """<!doctype html><html><head><title>{title} | Site {feed}</title></head><body>
<nav class="menu">{nav}</nav>
<article><h1>{title}</h1>{paras}</article>
<aside class="related"><ul>{related}</ul></aside>
<footer>Copyright Site {feed}. All rights reserved.</footer></body></html>"""


def site(feeds: int, entries: int, hosts: int) -> dict[tuple[str, str], bytes]:
    files: dict[tuple[str, str], bytes] = {}
    nav = " ".join(f'<a href="/s{n}">Section {n}</a>' for n in range(20))
    for f in range(feeds):
        host = f"127.0.0.{1 + f % hosts}"
        base = f"http://{host}:{PORT}"
        items = []
        for e in range(entries):
            title = f"Story {e} of feed {f}: the harbour council meets again"
            link = f"{base}/f{f}/e{e}.html"
            day = 1 + e % 28
            items.append(
                f"<item><title>{title}</title><link>{link}</link><guid>f{f}-e{e}</guid>"
                f"<pubDate>Mon, {day:02d} Feb 2025 10:00:00 GMT</pubDate>"
                f"<description>Summary of story {e}, a sentence or two.</description></item>"
            )
            paras = "".join(
                f"<p>Paragraph {p} of story {e}: the council met on Thursday and agreed, "
                f"after a long debate about ferries, harbour fees and the fish market, "
                f"to meet again next week.</p>"
                for p in range(25)
            )
            related = "".join(f'<li><a href="/r{r}">Related story {r}</a></li>' for r in range(10))
            page = PAGE.format(title=title, feed=f, nav=nav, paras=paras, related=related)
            files[(host, f"/f{f}/e{e}.html")] = page.encode()
        feed = (
            '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>Site {f}</title><link>{base}/</link>{''.join(items)}</channel></rss>"
        )
        files[(host, f"/f{f}.xml")] = feed.encode()
    return files


def serve(files: dict[tuple[str, str], bytes], hosts: int, ready: multiprocessing.Event) -> None:
    import threading

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            body = files.get((self.server.server_address[0], self.path))  # type: ignore[index]
            if body is None:
                self.send_response(404)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            self.send_response(200)
            kind = "application/rss+xml" if self.path.endswith(".xml") else "text/html"
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    servers = []
    for h in range(hosts):
        httpd = ThreadingHTTPServer((f"127.0.0.{1 + h}", PORT), Handler)
        httpd.daemon_threads = True
        servers.append(httpd)
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
    ready.set()
    time.sleep(3600)


PLAIN = textwrap.dedent(
    """
    import asyncio, re, sys, httpx
    from urllib.parse import urlsplit

    async def main(urls):
        overall = asyncio.Semaphore(8)
        hosts = {}
        async with httpx.AsyncClient() as client:
            async def get(url):
                host = hosts.setdefault(urlsplit(url).hostname, asyncio.Semaphore(2))
                async with host, overall:
                    r = await client.get(url)
                    return r.content

            async def feed(url):
                body = await get(url)
                links = re.findall(rb"<link>([^<]+)</link>", body)[1:]
                await asyncio.gather(*(get(link.decode()) for link in links))

            await asyncio.gather(*(feed(u) for u in urls))

    asyncio.run(main(sys.argv[1:]))
    """
)


def time_reader(feed_urls: list[str], work: Path) -> float:
    env = dict(os.environ)
    for name in ("CONFIG", "DATA", "STATE", "CACHE"):
        env[f"XDG_{name}_HOME"] = str(work / name.lower())
    config = work / "config" / "reader"
    config.mkdir(parents=True)
    (config / "subscriptions.toml").write_text(
        "".join(f'[feeds.f{n}]\nurl = "{url}"\n' for n, url in enumerate(feed_urls))
    )
    library = work / "library"
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "reader", "fetch", "--library", str(library)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"reader fetch failed: {done.stdout}{done.stderr}")
    return elapsed


def time_plain(feed_urls: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", PLAIN, *feed_urls], check=True)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--feeds", type=int, default=50)
    parser.add_argument("--entries", type=int, default=50)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--hosts", type=int, default=5)
    args = parser.parse_args()
    files = site(args.feeds, args.entries, args.hosts)
    feed_urls = [f"http://127.0.0.{1 + f % args.hosts}:{PORT}/f{f}.xml" for f in range(args.feeds)]
    ready = multiprocessing.Event()
    server = multiprocessing.Process(target=serve, args=(files, args.hosts, ready), daemon=True)
    server.start()
    ready.wait(30)
    total = sum(len(b) for b in files.values())
    print(
        f"{args.feeds} feeds x {args.entries} entries, {len(files)} files, "
        f"{total / 2**20:.1f} MB, {args.hosts} hosts"
    )
    reader: list[float] = []
    plain: list[float] = []
    try:
        for run in range(args.runs):
            with tempfile.TemporaryDirectory() as tmp:
                reader.append(time_reader(feed_urls, Path(tmp)))
            plain.append(time_plain(feed_urls))
            print(f"run {run + 1}: reader fetch {reader[-1]:.2f} s, plain httpx {plain[-1]:.2f} s")
    finally:
        server.terminate()
    r, p = statistics.median(reader), statistics.median(plain)
    print(f"reader fetch: median {r:.2f} s (min {min(reader):.2f}, max {max(reader):.2f})")
    print(f"plain httpx:  median {p:.2f} s (min {min(plain):.2f}, max {max(plain):.2f})")
    print(f"ratio: {r / p:.2f} (target <= 1.5)")


if __name__ == "__main__":
    main()
