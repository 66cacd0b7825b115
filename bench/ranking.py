"""How the edited digest behaves on real feeds and on a large day.

    python bench/ranking.py [--articles 2000]

1. The 140 real-world feed files of ../shared/data/feeds, served over HTTP on loopback, read
   through the real pipeline (``run_pipeline``; no time window, no full-text fetching); each
   feed is tagged with the parser test suite it comes from, so the briefs fall into sections.
2. ``--articles`` files of the benchmark corpus (bench/corpus.py) as one day.

For each: articles, stories, full and brief stories, words of the Markdown digest (link
targets not counted), articles
parsed in depth, and the top stories with their "why" lines (the ranking an editor would
check), plus how many full and brief stories have more than one outlet.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus

from summarizer.config import parse_config
from summarizer.config.settings import DigestSettings
from summarizer.pipeline import DirectRunner, Stage, run_pipeline
from summarizer.pipeline.stages import ANALYSE

FEEDS = Path(__file__).resolve().parents[2] / "shared/data/feeds"
DAY = date(2026, 11, 24)
TOP_SHOWN = 10


class CountingRunner(DirectRunner):
    """Direct calls, counting the articles handed to the deep analysis."""

    def __init__(self) -> None:
        self.parsed = 0

    def map(self, stage: Stage, over: str, batches: Sequence[Any], **inputs: Any) -> list[Any]:
        if stage is ANALYSE:
            self.parsed += sum(len(batch) for batch in batches)
        return super().map(stage, over, batches, **inputs)


@contextmanager
def serving(root: Path) -> Iterator[str]:
    """Every file under ``root`` over HTTP on 127.0.0.1; yields the base URL."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            path = (root / self.path.lstrip("/")).resolve()
            if not path.is_file() or root not in path.parents:
                self.send_error(404)
                return
            body = path.read_bytes()
            self.send_response(200)
            self.send_header("Content-Type", "application/xml")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *_args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


def _report(title: str, digest_json: Path, parsed: int) -> None:
    digest = json.loads(digest_json.read_text(encoding="utf-8"))
    markdown = digest_json.with_suffix(".md").read_text(encoding="utf-8")
    # Words a reader reads: link targets are not text.
    words = len(re.findall(r"\w+", re.sub(r"\]\((?:<[^>]*>|#[^)]*)\)", "]", markdown)))
    stories = digest["stories"]
    full = [s for s in stories if s["depth"] == "full"]
    brief = [s for s in stories if s["depth"] == "brief"]

    def outlets(story: dict) -> int:
        return len({s["outlet"] or s["url"] or s["article_id"] for s in story["sources"]})

    print(f"\n### {title}\n")
    print("| articles | stories | full | brief | Markdown words | parsed in depth |")
    print("|---:|---:|---:|---:|---:|---:|")
    counts = digest["counts"]
    print(
        f"| {counts['articles']:,} | {len(stories)} | {len(full)} | {len(brief)} | "
        f"{words:,} | {parsed} |"
    )
    print(
        f"\nstories with 2+ outlets: {sum(outlets(s) > 1 for s in full)} of {len(full)} full, "
        f"{sum(outlets(s) > 1 for s in brief)} of {len(brief)} brief; "
        f"sections of the briefs: {sorted({str(s['section']) for s in brief})}"
    )
    print("\n| # | headline | why |\n|---:|---|---|")
    for number, story in enumerate(full[:TOP_SHOWN], start=1):
        headline = story["headline"][:70].replace("|", "/")
        print(f"| {number} | {headline} | {story['why']} |")
    several = [s for s in stories if outlets(s) > 1]
    print(f"\nEvery story of 2+ outlets ({len(several)}), with its sources' titles:\n")
    for story in several:
        print(f"- {story['headline'][:90]} ({story['depth']}, {outlets(story)} outlets)")
        for source in story["sources"]:
            print(f"    - {source['outlet']}: {(source['title'] or '')[:90]}")
    points = [p["text"] for s in full for p in s["key_points"]]
    markup = [p for p in points if re.search(r"</?[a-z]+[^>]*>|<!--|-->|&lt;|&gt;", p)]
    print(f"\nkey points holding markup: {len(markup)} of {len(points)}")
    names = [
        e["name"]
        for s in full
        for kind in ("people", "organizations", "places")
        for e in s["participants"][kind]
    ]
    print(f"participants of the full stories: {sorted(set(names))}")


def feeds_day(work: Path) -> None:
    files = sorted(p for p in FEEDS.rglob("*") if p.is_file() and p.suffix != ".json")
    with serving(FEEDS) as base:
        config = parse_config(
            {
                "allow_private_hosts": True,
                "window_hours": 0,
                "full_text": False,
                "feeds": [
                    {
                        "url": base + p.relative_to(FEEDS).as_posix(),
                        "name": p.name,
                        "tags": [p.relative_to(FEEDS).parts[0]],
                    }
                    for p in files
                ],
                "digest": {"sections": ["feedparser", "gofeed"]},
            },
            base_dir=work,
        )
        settings = DigestSettings.for_config(config, day=DAY, out_dir=work / "feeds-out")
        runner = CountingRunner()
        published = run_pipeline([], settings, config, runner=runner)
    _report(
        f"{len(files)} real-world feed files on loopback", published.paths["json"], runner.parsed
    )


def corpus_day(n: int, work: Path) -> None:
    path = corpus.write(n, work / f"corpus-{n}.jsonl")
    settings = DigestSettings(day=DAY, out_dir=work / f"corpus-{n}-out")
    runner = CountingRunner()
    published = run_pipeline([path], settings, runner=runner)
    _report(f"{n:,} articles of the benchmark corpus", published.paths["json"], runner.parsed)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=2000)
    args = parser.parse_args()
    if not FEEDS.exists():
        print(f"skipped: {FEEDS} not found (../shared/data is needed for this benchmark)")
        return 0
    work = Path(tempfile.mkdtemp(prefix="newsdigest-ranking-"))
    print(f"work dir {work}")
    feeds_day(work)
    corpus_day(args.articles, work)
    return 0


if __name__ == "__main__":
    sys.exit(main())
