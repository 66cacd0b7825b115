"""Stories followed across days, on Multi-News clusters (../shared/data/multidoc).

    python bench/threads.py [--sweep]

Two days are built from the 100 clusters (every cluster is one event told by 2+ outlets):

* day 1: one article of clusters 1–60;
* day 2: another article of clusters 1–40 (continuing) and one article of clusters 61–100
  (new).

Both days go through the real pipeline (``run_pipeline``, default settings: 20 full stories)
into one output directory, so day 2 reads day 1's published ``digest.json`` as its memory.
Printed: precision, recall and F1 of "this day-2 article's story continues the day-1 story
holding the same cluster" (the right previous thread, counted per day-2 article), and how many
key points of continuing day-2 stories repeat a key point of day 1 (verbatim, and near
verbatim: difflib ratio >= 0.8 — a measure independent of the one the pipeline filters with).

``--sweep`` prints the same F1 over the clustering merge threshold and ``MIN_SHARED_KEYWORDS``
for the even-numbered clusters (where the defaults were chosen) beside the odd-numbered ones
(held out).
"""

from __future__ import annotations

import argparse
import difflib
import json
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from summarizer.config.settings import DigestSettings
from summarizer.models import Article, to_jsonable
from summarizer.pipeline import run_pipeline

MULTIDOC = Path(__file__).resolve().parents[2] / "shared/data/multidoc/multinews_dev.jsonl"
DAY_1, DAY_2 = date(2026, 11, 23), date(2026, 11, 24)


@dataclass(frozen=True)
class Scores:
    precision: float
    recall: float
    f1: float
    continuing: int
    found: int


def _clusters() -> list[list[dict[str, str]]]:
    lines = MULTIDOC.read_text(encoding="utf-8").splitlines()
    return [json.loads(line)["articles"] for line in lines]


def days(clusters: Sequence[int], continuing: Sequence[int], new: Sequence[int]) -> tuple:
    """Day-1 and day-2 articles (with their cluster numbers) for the given cluster numbers."""
    data = _clusters()
    first = [(c, data[c][0]) for c in clusters]
    second = [(c, data[c][1]) for c in continuing] + [(c, data[c][0]) for c in new]
    return first, second


def _write(articles: list[tuple[int, dict[str, str]]], path: Path) -> dict[str, int]:
    """The articles as JSONL (one outlet per cluster and article); article id -> cluster."""
    cluster_of = {}
    with path.open("w", encoding="utf-8") as out:
        for cluster, record in articles:
            article = Article(id=f"c{cluster}-{record['id']}", text=record["text"])
            out.write(json.dumps({**to_jsonable(article), "source": article.id}) + "\n")
            cluster_of[article.id] = cluster
    return cluster_of


def _thread_of(digest: dict) -> dict[str, dict]:
    """article id -> the story (with its thread) that cites it."""
    return {s["article_id"]: story for story in digest["stories"] for s in story["sources"]}


def score(day1: dict, day2: dict, clusters_1: dict[str, int], clusters_2: dict[str, int]) -> Scores:
    by_cluster_1 = {c: _thread_of(day1)[a]["thread"]["id"] for a, c in clusters_1.items()}
    stories_2 = _thread_of(day2)
    tp = fp = fn = 0
    for article, cluster in clusters_2.items():
        thread = stories_2[article]["thread"]
        predicted = thread["id"] if thread["previous"] else None
        gold = by_cluster_1.get(cluster)
        if predicted is not None and predicted == gold:
            tp += 1
        else:
            fp += predicted is not None
            fn += gold is not None
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Scores(precision, recall, f1, tp + fn, tp + fp)


def repeats(day1: dict, day2: dict) -> tuple[int, int, int]:
    """(key points of continuing day-2 stories, verbatim repeats, near repeats of day 1)."""
    shown = {}
    for story in day1["stories"]:
        shown.setdefault(story["thread"]["id"], []).extend(p["text"] for p in story["key_points"])
    points = verbatim = near = 0
    for story in day2["stories"]:
        earlier = shown.get(story["thread"]["id"], []) if story["thread"]["previous"] else []
        for point in story["key_points"] if earlier else ():
            points += 1
            verbatim += point["text"] in earlier
            near += any(
                difflib.SequenceMatcher(None, point["text"].lower(), e.lower()).ratio() >= 0.8
                for e in earlier
            )
    return points, verbatim, near


def run_two_days(first, second, work: Path) -> tuple[dict, dict, dict, dict]:
    out = work / "out"
    clusters_1 = _write(first, work / "day1.jsonl")
    clusters_2 = _write(second, work / "day2.jsonl")
    digests = []
    for day, path in ((DAY_1, work / "day1.jsonl"), (DAY_2, work / "day2.jsonl")):
        settings = DigestSettings(day=day, out_dir=out, timezone="UTC")
        published = run_pipeline([path], settings)
        digests.append(json.loads(published.paths["json"].read_text(encoding="utf-8")))
    return digests[0], digests[1], clusters_1, clusters_2


def _sweep(work: Path) -> None:
    import summarizer.group.clustering as clustering
    import summarizer.group.threads as threads

    print(
        "\n| clustering FULL_TEXT_THRESHOLD | MIN_SHARED_KEYWORDS | "
        "F1 even clusters (tuned on) | F1 odd clusters (held out) |"
    )
    print("|---:|---:|---:|---:|")
    halves = {}
    for parity in (0, 1):
        picked = [c for c in range(100) if c % 2 == parity]
        first = [c for c in picked if c < 60]
        continuing = [c for c in picked if c < 40]
        new = [c for c in picked if c >= 60]
        halves[parity] = days(first, continuing, new)
    defaults = clustering.FULL_TEXT_THRESHOLD, threads.MIN_SHARED_KEYWORDS
    for merge in (0.08, 0.1, 0.12, 0.15, 0.2):
        clustering.FULL_TEXT_THRESHOLD = merge
        for value in (0.1, 0.15, 0.2, 0.3):
            threads.MIN_SHARED_KEYWORDS = value
            cells = []
            for parity in (0, 1):
                folder = work / f"sweep-{merge}-{value}-{parity}"
                folder.mkdir()
                result = score(*run_two_days(*halves[parity], folder))
                cells.append(f"{result.f1:.3f}")
            print(f"| {merge} | {value} | {cells[0]} | {cells[1]} |", flush=True)
    clustering.FULL_TEXT_THRESHOLD, threads.MIN_SHARED_KEYWORDS = defaults


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sweep", action="store_true", help="F1 over thresholds, by half")
    args = parser.parse_args()
    if not MULTIDOC.exists():
        print(f"skipped: {MULTIDOC} not found (../shared/data is needed for this benchmark)")
        return 0
    work = Path(tempfile.mkdtemp(prefix="newsdigest-threads-"))
    first, second = days(range(60), range(40), range(60, 100))
    day1, day2, clusters_1, clusters_2 = run_two_days(first, second, work)
    result = score(day1, day2, clusters_1, clusters_2)
    points, verbatim, near = repeats(day1, day2)
    print(f"work dir {work}")
    print(f"day 1: {len(day1['stories'])} stories; day 2: {len(day2['stories'])} stories")
    print("\n| continuing articles | called continuing | precision | recall | F1 |")
    print("|---:|---:|---:|---:|---:|")
    print(
        f"| {result.continuing} | {result.found} | {result.precision:.3f} | "
        f"{result.recall:.3f} | {result.f1:.3f} |"
    )
    print(
        f"\nkey points of continuing day-2 stories: {points}; repeating day 1: "
        f"{verbatim} verbatim, {near} near verbatim"
    )
    if args.sweep:
        _sweep(work)
    return 0


if __name__ == "__main__":
    sys.exit(main())
