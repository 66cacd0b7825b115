"""Feed fetching + parsing throughput, and full-text extraction throughput.

    python bench/fetch_feeds.py [--feeds 200] [--latency-ms 50]

A local threaded HTTP server serves N feeds (the real-world files of ../shared/data/feeds,
cycled) and answers each request after ``--latency-ms`` to stand in for network round trips;
with zero latency the numbers only measure parsing. Compared, on the same URLs:

* sequential: the library's fetcher + parser with concurrency 1;
* threads: the library's FeedCollector (one shared httpx.Client, thread pool, per-host limit);
* asyncio: httpx.AsyncClient + asyncio.gather with the same concurrency, parsing in the loop.

Then trafilatura extraction of article pages built from CNN/DailyMail dev articles wrapped in
site boilerplate (navigation, related links, footer).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx

from summarizer.collect.collector import FeedCollector, TimeWindow
from summarizer.collect.feeds import parse_feed
from summarizer.collect.http import Fetcher, make_client
from summarizer.collect.pages import extract_page
from summarizer.config import FeedConfig, Limits
from summarizer.errors import NewsDigestError
from summarizer.models import FeedRequest

SHARED = Path(__file__).resolve().parents[2] / "shared/data"


def _server(documents: dict[str, bytes], latency: float) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            time.sleep(latency)
            body = documents.get(self.path)
            self.send_response(200 if body is not None else 404)
            self.send_header("Content-Type", "application/xml")
            self.send_header("Content-Length", str(len(body or b"")))
            self.end_headers()
            self.wfile.write(body or b"")

        def log_message(self, *_args: object) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def _collect(feeds: list[FeedConfig], limits: Limits) -> tuple[float, int]:
    with make_client(limits) as client:
        fetcher = Fetcher(client, limits, allow_private_hosts=True)
        collector = FeedCollector(fetcher, limits, full_text=False)
        started = time.perf_counter()
        reports = collector.collect([FeedRequest(feed) for feed in feeds], TimeWindow(None, None))
        elapsed = time.perf_counter() - started
    return elapsed, sum(len(r.in_window) for r in reports)


async def _collect_async(urls: list[str], concurrency: int) -> tuple[float, int]:
    semaphore = asyncio.Semaphore(concurrency)
    entries = 0

    async def one(client: httpx.AsyncClient, url: str) -> None:
        nonlocal entries
        async with semaphore:
            response = await client.get(url)
        with contextlib.suppress(NewsDigestError):  # a bench counts, it does not report
            parsed = parse_feed(response.content, url=url, headers=dict(response.headers))
            entries += len(parsed.entries)

    started = time.perf_counter()
    async with httpx.AsyncClient(timeout=30) as client:
        await asyncio.gather(*(one(client, url) for url in urls))
    return time.perf_counter() - started, entries


def _extraction(n: int) -> tuple[float, int]:
    path = SHARED / "summarization/cnndm_dev.jsonl"
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()][:n]
    pages = []
    for r in records:
        paragraphs = "".join(f"<p>{p}</p>" for p in r["article"].split("\n") if p.strip())
        pages.append(
            "<html><head><title>Story</title></head><body><nav><a href='/'>Home</a> "
            "<a href='/world'>World</a> <a href='/sport'>Sport</a></nav><article><h1>Story</h1>"
            f"{paragraphs}</article><aside><h3>Most read</h3><ul><li><a href='/a'>Other story"
            "</a></li><li><a href='/b'>Another story</a></li></ul></aside>"
            "<footer>Cookies · Privacy · Terms</footer></body></html>"
        )
    started = time.perf_counter()
    extracted = sum(1 for page in pages if extract_page(page))
    return time.perf_counter() - started, extracted


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--feeds", type=int, default=200)
    parser.add_argument("--latency-ms", type=float, default=50)
    parser.add_argument("--concurrency", type=int, default=8)
    args = parser.parse_args()
    files = sorted(p for p in (SHARED / "feeds").glob("*/*") if p.is_file())
    if not files:
        print(f"skipped: {SHARED / 'feeds'} not found")
        return 0
    documents = {f"/feed/{i}.xml": files[i % len(files)].read_bytes() for i in range(args.feeds)}
    server = _server(documents, args.latency_ms / 1000)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    urls = [base + path for path in documents]
    feeds = [FeedConfig(url=url, name=url) for url in urls]
    limits = Limits(retries=0, concurrency=args.concurrency, per_host=args.concurrency)
    print(f"{args.feeds} feeds, {args.latency_ms:g} ms simulated latency per request\n")
    print("| mode | wall s | feeds/s | entries |")
    print("|---|---:|---:|---:|")
    for label, run_limits in (
        ("sequential (1 at a time)", limits.model_copy(update={"concurrency": 1, "per_host": 1})),
        (f"threads ({args.concurrency})", limits),
    ):
        elapsed, entries = _collect(feeds, run_limits)
        print(f"| {label} | {elapsed:.2f} | {len(feeds) / elapsed:.1f} | {entries} |")
    elapsed, entries = asyncio.run(_collect_async(urls, args.concurrency))
    print(
        f"| asyncio ({args.concurrency}) | {elapsed:.2f} | {len(feeds) / elapsed:.1f} | {entries} |"
    )
    server.shutdown()
    if (SHARED / "summarization/cnndm_dev.jsonl").exists():
        elapsed, extracted = _extraction(100)
        print(
            f"\nfull-text extraction (trafilatura): {extracted} pages in {elapsed:.2f} s = "
            f"{extracted / elapsed:.1f} articles/s"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
