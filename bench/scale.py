"""The cheap stages at scale: dedupe, skim, count, cluster, thread and rank on the scale
corpus.

    python bench/scale.py [--n 10000 --n 30000 --n 100000] [--seed 1]

For each size, ``bench/scale_corpus.py`` writes a day of distinct articles in known stories to
a temporary directory, and a fresh process reads it (``json.loads`` per line: the bench
measures the stages after loading) and runs the library's own stage functions, no Prefect.
Printed per size: each stage's seconds and microseconds per article, the peak RSS of that
process, the stories found, and BCubed precision, recall and F1 of the clustering against the
corpus's gold stories, so a faster stage that loses the stories shows. The target (issue 28):
the cheap stages' time per article at 100,000 within 1.5× of that at 10,000.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import scale_corpus
from clustering import bcubed
from stopwatch import Stopwatch

DAY = "2026-11-24"
CHEAP_STAGES = ("dedupe", "skim", "count", "cluster", "thread", "rank")


def cheap_stages(loaded: Any, settings: Any, stopwatch: Stopwatch) -> tuple[Any, list[Any]]:
    """Gather, sign and dedupe (timed together as "dedupe"), skim, count (in the pipeline's
    partitions), cluster, thread and rank ``loaded``, each stage under its name in
    ``stopwatch``; the unique articles and the stories."""
    from summarizer.group.dedupe import sign
    from summarizer.group.skim import skim_partition
    from summarizer.group.term_counts import count_terms
    from summarizer.pipeline import COUNT, editing, in_batches, intake

    def dedupe() -> Any:
        inputs = intake.gather(loaded, [], None, settings, datetime.now(UTC))
        return intake.dedupe(inputs, sign(inputs.articles))

    timed = stopwatch.timed
    unique = timed("dedupe", dedupe)
    articles = unique.articles
    skims = timed("skim", lambda: skim_partition(articles)).skims
    partitions = in_batches(articles, COUNT.batch)
    counted = timed("count", lambda: [count_terms(partition) for partition in partitions])
    groups = timed("cluster", lambda: editing.cluster(articles, skims, counted))
    threads = timed("thread", lambda: editing.thread(groups, articles, unique, settings))
    timed("rank", lambda: editing.rank(groups, threads, articles, skims, unique, None, settings))
    return unique, groups


def measure(corpus: Path, gold: Path) -> dict[str, object]:
    """The stages' seconds, the peak RSS (MB) and BCubed of one corpus, in this process."""
    from summarizer.config.settings import DigestSettings
    from summarizer.models import Article, LoadResult, from_jsonable

    with corpus.open(encoding="utf-8") as lines:
        loaded = LoadResult(articles=[from_jsonable(Article, json.loads(line)) for line in lines])
    with gold.open(encoding="utf-8") as lines:
        story = {r["id"]: r["story"] for r in map(json.loads, lines)}
    settings = DigestSettings(day=date.fromisoformat(DAY), out_dir=corpus.parent / "out")
    stopwatch = Stopwatch()
    unique, groups = cheap_stages(loaded, settings, stopwatch)
    articles = unique.articles
    label = {articles[p].id: k for k, g in enumerate(groups) for p in g.members}
    # A near-duplicate merged into an article is in that article's story.
    for keeper, extra in unique.extra_sources.items():
        label.update({a.id: label[keeper] for a in extra})
    ids = list(story)
    precision, recall, f1 = bcubed([label[i] for i in ids], [story[i] for i in ids])
    return {
        "seconds": stopwatch.seconds,
        "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "unique": len(articles),
        "stories": len(groups),
        "gold_stories": len(set(story.values())),
        "bcubed": [precision, recall, f1],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, action="append", help="articles (repeatable)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--measure", nargs=2, type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:  # the child process: one corpus, its result as JSON
        print(json.dumps(measure(*args.measure)))
        return 0
    try:
        scale_corpus.base_articles()
    except FileNotFoundError as exc:
        print(f"skipped: {exc}")
        return 0
    sizes = args.n or [10_000, 30_000, 100_000]
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    results = {}
    with tempfile.TemporaryDirectory(prefix="newsdigest-scale-") as work:
        for n in sizes:
            corpus, gold = scale_corpus.write(n, Path(work) / f"scale-{n}.jsonl", seed=args.seed)
            child = [sys.executable, __file__, "--measure", str(corpus), str(gold)]
            done = subprocess.run(child, capture_output=True, text=True, check=False)
            if done.returncode != 0:
                print(f"n={n}: failed\n{done.stderr[-2000:]}")
                return 1
            results[n] = json.loads(done.stdout.splitlines()[-1])
            print(f"n={n}: done", file=sys.stderr)
    print("\n| stage | " + " | ".join(f"{n:,} s (µs/article)" for n in sizes) + " |")
    print("|---|" + "---:|" * len(sizes))
    for stage in (*CHEAP_STAGES, "all cheap stages"):
        cells = []
        for n in sizes:
            split = results[n]["seconds"]
            value = sum(split.values()) if stage == "all cheap stages" else split[stage]
            cells.append(f"{value:.2f} ({1e6 * value / n:,.0f})")
        print(f"| {stage} | " + " | ".join(cells) + " |")
    rows = {
        "peak RSS MB": lambda r: f"{r['rss_mb']:.0f}",
        "unique articles": lambda r: f"{r['unique']:,}",
        "stories found / gold": lambda r: f"{r['stories']:,} / {r['gold_stories']:,}",
        "BCubed P / R / F1": lambda r: " / ".join(f"{v:.3f}" for v in r["bcubed"]),
    }
    for name, cell in rows.items():
        print(f"| {name} | " + " | ".join(cell(results[n]) for n in sizes) + " |")
    if 10_000 in results and 100_000 in results:
        per = {n: sum(results[n]["seconds"].values()) / n for n in (10_000, 100_000)}
        ratio = per[100_000] / per[10_000]
        print(f"\ntime per article, 100,000 / 10,000: {ratio:.2f} (target ≤ 1.5)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
