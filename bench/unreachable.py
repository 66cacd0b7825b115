"""What teaser links to unreachable hosts cost: every real-world feed file of
``../shared/data/feeds`` served on loopback, full text on, so each teaser's link goes to its
real host, which does not resolve here (or refuses, for the loopback ones).

    python bench/unreachable.py [--retries 2]

Prints the wall time of the fetch and extract stages, the pages tried and the problems the
digest would list about hosts.
"""

from __future__ import annotations

import argparse
import http.server
import json
import sys
import threading
import time
from functools import partial
from pathlib import Path

from summarizer.collect.collector import FeedCollector, TimeWindow
from summarizer.collect.http import Fetcher, make_client
from summarizer.config import FeedConfig, Limits
from summarizer.models import FeedRequest

FEEDS = Path(__file__).resolve().parents[2] / "shared/data/feeds"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--retries", type=int, default=Limits().retries)
    args = parser.parse_args()
    if not FEEDS.exists():
        print(f"skipped: {FEEDS} is not available")
        return 0
    inventory = json.loads((FEEDS / "feeds_inventory.json").read_text(encoding="utf-8"))
    handler = partial(_Quiet, directory=str(FEEDS))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    feeds = [FeedConfig(url=base + item["file"], name=item["file"]) for item in inventory["files"]]
    limits = Limits(retries=args.retries)
    with make_client(limits) as client:
        collector = FeedCollector(
            Fetcher(client, limits, allow_private_hosts=True), limits, full_text=True
        )
        started = time.perf_counter()
        reports = collector.collect([FeedRequest(feed) for feed in feeds], TimeWindow(None, None))
        fetched = time.perf_counter() - started
        reports = collector.complete(reports)
        total = time.perf_counter() - started
    server.shutdown()
    entries = sum(len(r.in_window) for r in reports)
    pages = sum(r.full_text_fetched for r in reports)
    host_problems = [p for r in reports for p in r.problems if "unreachable" in p.reason]
    budget = [p for r in reports for p in r.problems if "budget" in p.reason]
    print(f"{len(feeds)} feeds, {entries} entries, retries = {args.retries}\n")
    print("| fetch s | fetch + full text s | full texts fetched | host problems | budget notes |")
    print("|---:|---:|---:|---:|---:|")
    print(f"| {fetched:.1f} | {total:.1f} | {pages} | {len(host_problems)} | {len(budget)} |")
    for problem in host_problems[:5]:
        print(f"- {problem.source}: {problem.reason}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
