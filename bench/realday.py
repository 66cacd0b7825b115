"""Two real headline days: one RSS 2.0 feed per publisher, served on loopback, through
``newsdigest run`` into one output folder.

    python bench/realday.py [--keep] [--prefect-api URL]

The data is ``../shared/data/realday/uci_dev_2014-03-10_11.csv`` (UCI News Aggregator, March
2014: 1,844 headlines of 23 gold stories from 900+ publishers; the dataset never held article
text). It is *dev* data: the numbers printed are dev numbers (a held-out counterpart exists
and is not shared). Two days are dealt from the gold stories in order of their first ID:
stories 0, 3, 6… alternate their headlines between day 1 and day 2; 1, 4, 7… are day 1 only;
2, 5, 8… day 2 only. Each pubDate keeps its time of day on its new date. Every publisher is one
feed per day (the same URL both days: the server serves the day's file), tagged with its
headlines' categories, most frequent first. ``full_text = false``: the links point at real
hosts and are never fetched.

Printed per day: coverage (every headline in some story's sources), BCubed P/R/F1 against the
gold stories, how many of the 10 biggest gold stories (by publishers) lead a full story, full
stories repeating an event a higher one shows, full stories with fewer than two key points,
Markdown words, the run's seconds and their multiple of feedparser alone on the same files,
the feeds part of the run (first fetch to last extract) and its multiple, and the run's own
account of where the time went; then day-2 continuation precision, recall and F1 (a day-2
story continues rightly when its gold story ran on day 1 and it links that story's thread).
With ``--prefect-api URL`` both days run on that Prefect server, as a served deployment does,
instead of each starting a temporary one.
"""

from __future__ import annotations

import argparse
import csv
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from email.utils import format_datetime
from pathlib import Path

import feedparser
import tomlkit

sys.path.insert(0, str(Path(__file__).resolve().parent))
from clustering import bcubed
from ranking import serving

DATA = Path(__file__).resolve().parents[2] / "shared/data/realday/uci_dev_2014-03-10_11.csv"
DAYS = (date(2014, 3, 10), date(2014, 3, 11))
CATEGORIES = {"b": "business", "t": "technology", "e": "entertainment", "m": "health"}
BIGGEST = 10


@dataclass(frozen=True)
class Headline:
    id: str
    title: str
    url: str
    publisher: str
    category: str
    story: str
    published: datetime


@dataclass
class Day:
    day: date
    headlines: list[Headline] = field(default_factory=list)

    def publishers(self) -> dict[str, list[Headline]]:
        by_publisher: dict[str, list[Headline]] = defaultdict(list)
        for headline in self.headlines:
            by_publisher[headline.publisher].append(headline)
        return by_publisher


def _slug(publisher: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", publisher.lower()).strip("-") or "publisher"


def read_headlines(path: Path = DATA) -> list[Headline]:
    with path.open(encoding="utf-8", newline="") as source:
        rows = list(csv.DictReader(source))
    return [
        Headline(
            id=row["ID"],
            title=row["TITLE"],
            url=html.unescape(row["URL"]),  # the file holds some as HTML (&amp;amp;)
            publisher=row["PUBLISHER"],
            category=CATEGORIES.get(row["CATEGORY"], row["CATEGORY"]),
            story=row["STORY"],
            published=datetime.fromtimestamp(int(row["TIMESTAMP"]) / 1000, UTC),
        )
        for row in sorted(rows, key=lambda r: int(r["ID"]))
    ]


def deal(headlines: list[Headline]) -> tuple[Day, Day]:
    """The two days, dealt from the gold stories in order of their first ID."""
    stories: dict[str, list[Headline]] = {}
    for headline in headlines:
        stories.setdefault(headline.story, []).append(headline)
    first, second = Day(DAYS[0]), Day(DAYS[1])
    for number, members in enumerate(stories.values()):
        for position, headline in enumerate(members):
            if number % 3 == 0:
                target = first if position % 2 == 0 else second
            else:
                target = first if number % 3 == 1 else second
            moved = headline.published.replace(
                year=target.day.year, month=target.day.month, day=target.day.day
            )
            target.headlines.append(
                Headline(**{**headline.__dict__, "published": moved})  # type: ignore[arg-type]
            )
    return first, second


def rss(publisher: str, headlines: list[Headline]) -> str:
    """One publisher's day as RSS 2.0: headline-only items, as a teaser feed without text."""
    items = "".join(
        f"<item><title>{html.escape(h.title)}</title><link>{html.escape(h.url)}</link>"
        f'<guid isPermaLink="false">uci-{h.id}</guid>'
        f"<pubDate>{format_datetime(h.published)}</pubDate></item>\n"
        for h in sorted(headlines, key=lambda h: h.published, reverse=True)
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>'
        f"<title>{html.escape(publisher)}</title><link>http://example.invalid/</link>"
        f"<description>{html.escape(publisher)}</description>\n{items}</channel></rss>\n"
    )


def write_day(day: Day, root: Path, base: str, out: Path) -> tuple[Path, list[Path]]:
    """The day's feed files under ``root`` and its sources file; returns both."""
    root.mkdir(parents=True, exist_ok=True)
    for old in root.glob("*.xml"):
        old.unlink()
    feeds, files = [], []
    for publisher, items in sorted(day.publishers().items()):
        path = root / f"{_slug(publisher)}.xml"
        while path in files:
            path = path.with_name(path.stem + "-x.xml")
        path.write_text(rss(publisher, items), encoding="utf-8")
        files.append(path)
        tags = [tag for tag, _ in Counter(h.category for h in items).most_common()]
        feeds.append({"url": base + path.name, "name": publisher, "tags": tags})
    config = {
        "allow_private_hosts": True,
        "full_text": False,
        "window_hours": 24,
        "output_dir": str(out),
        "digest": {"sections": list(CATEGORIES.values())},
        "schedule": {"timezone": "UTC"},
        "feeds": feeds,
    }
    sources = root.parent / f"sources-{day.day}.toml"
    sources.write_text(tomlkit.dumps(config), encoding="utf-8")
    return sources, files


def feedparser_alone(files: list[Path], repeats: int = 3) -> float:
    """The best of ``repeats`` passes of feedparser over the files, in one process."""
    best = float("inf")
    for _ in range(repeats):
        started = time.perf_counter()
        for path in files:
            feedparser.parse(path.read_bytes())
        best = min(best, time.perf_counter() - started)
    return best


def run_day(sources: Path, day: date, prefect_api: str | None) -> tuple[float, str]:
    """``newsdigest run`` for the day (on the Prefect server at ``prefect_api``, else on a
    temporary one); its seconds and its log."""
    command = [
        str(Path(sys.executable).with_name("newsdigest")),
        "run",
        "--sources",
        str(sources),
        "--date",
        day.isoformat(),
        "-v",
    ]
    started = time.perf_counter()
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    if prefect_api:
        env["PREFECT_API_URL"] = prefect_api
    result = subprocess.run(command, capture_output=True, text=True, check=False, env=env)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        print(result.stderr[-3000:])
        raise SystemExit(f"newsdigest run failed for {day} (exit {result.returncode})")
    return elapsed, result.stderr


_STAGE_LINE = re.compile(
    r"(\d\d):(\d\d):(\d\d\.\d+) \| INFO +\| Task run '(fetch|extract)-\w+' - .* in (\d+\.\d+) s$"
)


def feeds_seconds(log: str) -> float:
    """From the first fetch task's start to the last extract task's end, read from the log's
    timestamps: the feeds part of the run (fetching, parsing, storing)."""
    spans = []
    for line in log.splitlines():
        match = _STAGE_LINE.search(line.strip())
        if match:
            hours, minutes, seconds, _stage, took = match.groups()
            end = int(hours) * 3600 + int(minutes) * 60 + float(seconds)
            spans.append((end - float(took), end))
    return max(e for _, e in spans) - min(s for s, _ in spans) if spans else float("nan")


def _majority(story: dict, gold: dict[str, str]) -> str | None:
    labels = Counter(gold[s["url"]] for s in story["sources"] if s["url"] in gold)
    return labels.most_common(1)[0][0] if labels else None


def markdown_words(markdown: str) -> int:
    return len(re.findall(r"\w+", re.sub(r"\]\((?:<[^>]*>|#[^)]*)\)", "]", markdown)))


def _timings(log: str) -> str:
    """The stage lines of the run's log that say how long they took."""
    lines = [line.strip() for line in log.splitlines() if re.search(r"\bin \d+\.\d+ s\b", line)]
    return "\n".join(f"    {line[-160:]}" for line in lines)


def day_report(
    day: Day, digest: dict, markdown: str, seconds: float, feeds: float, parser: float
) -> dict:
    gold = {h.url: h.story for h in day.headlines}  # every URL of the data set is distinct
    stories = digest["stories"]
    predicted: dict[str, int] = {}
    for number, story in enumerate(stories):
        for source in story["sources"]:
            predicted.setdefault(source["url"], number)
    covered = [h for h in day.headlines if h.url in predicted]
    precision, recall, f1 = bcubed([predicted[h.url] for h in covered], [h.story for h in covered])
    publishers = defaultdict(set)
    for h in day.headlines:
        publishers[h.story].add(h.publisher)
    biggest = sorted(publishers, key=lambda s: -len(publishers[s]))[:BIGGEST]
    full = [s for s in stories if s["depth"] == "full"]
    leads = [_majority(s, gold) for s in full]
    repeats = sum(1 for k, label in enumerate(leads) if label in leads[:k])
    return {
        "headlines": len(day.headlines),
        "feeds": len(day.publishers()),
        "coverage": len(covered) / len(day.headlines),
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "stories": len(stories),
        "led": sum(1 for s in biggest if s in leads),
        "repeats": repeats,
        "thin": sum(1 for s in full if len(s["key_points"]) < 2),
        "words": markdown_words(markdown),
        "seconds": seconds,
        "multiple": seconds / parser,
        "feeds_part": feeds,
        "parser": parser,
        "gold": gold,
    }


def continuation(day1: dict, day2: dict, gold1: dict[str, str], gold2: dict[str, str]):
    """Precision, recall and F1 of day 2's stories continuing the right day-1 thread."""
    thread_gold = {s["thread"]["id"]: _majority(s, gold1) for s in day1["stories"]}
    ran_on_day_1 = set(gold1.values())
    right = called = should = 0
    for story in day2["stories"]:
        label = _majority(story, gold2)
        continues = story["thread"]["previous"] is not None
        called += continues
        should += label in ran_on_day_1
        right += (
            continues and label in ran_on_day_1 and thread_gold.get(story["thread"]["id"]) == label
        )
    return _scores(right, called, should), called, should


def continuation_by_headline(day1: dict, day2: dict, gold1: dict[str, str], gold2: dict[str, str]):
    """The same counted per day-2 headline (a headline continues rightly when its story
    links the thread of a day-1 story of its own gold story)."""
    thread_gold = {s["thread"]["id"]: _majority(s, gold1) for s in day1["stories"]}
    ran_on_day_1 = set(gold1.values())
    right = called = should = 0
    for story in day2["stories"]:
        continues = story["thread"]["previous"] is not None
        for source in story["sources"]:
            label = gold2.get(source["url"])
            called += continues
            should += label in ran_on_day_1
            right += continues and thread_gold.get(story["thread"]["id"]) == label
    return _scores(right, called, should)


def _scores(right: int, called: int, should: int) -> tuple[float, float, float]:
    precision = right / called if called else 1.0
    recall = right / should if should else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    parser.add_argument(
        "--prefect-api",
        help="run on this running Prefect server (its API URL), as a served deployment does",
    )
    args = parser.parse_args()
    if not DATA.exists():
        print(f"skipped: {DATA} not found (../shared/data is needed for this benchmark)")
        return 0
    work = Path(tempfile.mkdtemp(prefix="newsdigest-realday-"))
    out = work / "reports"
    served = work / "served"
    days = deal(read_headlines())
    print(f"work dir {work} (dev data: the numbers below are dev numbers)\n")
    reports, digests = [], []
    with serving(served) as base:
        for day in days:
            sources, files = write_day(day, served, base, out)
            parser_seconds = feedparser_alone(files)
            seconds, log = run_day(sources, day.day, args.prefect_api)
            folder = out / day.day.isoformat()
            digest = json.loads((folder / "digest.json").read_text(encoding="utf-8"))
            markdown = (folder / "digest.md").read_text(encoding="utf-8")
            reports.append(
                day_report(day, digest, markdown, seconds, feeds_seconds(log), parser_seconds)
            )
            digests.append(digest)
            print(f"{day.day}: where the time went\n{_timings(log)}\n")
    print(
        "| day | headlines | feeds | stories | coverage | BCubed P | R | F1 | top-10 gold "
        "leading | repeats | full with <2 points | Markdown words | seconds | feedparser "
        "alone | multiple | feeds part s | its multiple |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for day, r in zip(days, reports, strict=True):
        print(
            f"| {day.day} | {r['headlines']:,} | {r['feeds']:,} | {r['stories']} | "
            f"{r['coverage']:.3f} | {r['precision']:.3f} | {r['recall']:.3f} | {r['f1']:.3f} | "
            f"{r['led']}/{BIGGEST} | {r['repeats']} | {r['thin']} | {r['words']:,} | "
            f"{r['seconds']:.1f} | {r['parser']:.2f} | {r['multiple']:.1f}× | "
            f"{r['feeds_part']:.1f} | {r['feeds_part'] / r['parser']:.1f}× |"
        )
    golds = reports[0]["gold"], reports[1]["gold"]
    (precision, recall, f1), called, should = continuation(*digests, *golds)
    print(
        f"\nday-2 continuation by story: precision {precision:.3f} · recall {recall:.3f} · "
        f"F1 {f1:.3f} ({called} stories called continuing, {should} whose gold story ran on "
        "day 1)"
    )
    precision, recall, f1 = continuation_by_headline(*digests, *golds)
    print(
        f"day-2 continuation by headline: precision {precision:.3f} · recall {recall:.3f} · "
        f"F1 {f1:.3f}"
    )
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
