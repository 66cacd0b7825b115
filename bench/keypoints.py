"""Multi-document key points against Multi-News editor summaries (DESIGN §6, issue 8 §3).

    python bench/keypoints.py [--points 5]

For each of the 100 dev story clusters (``../shared/data/multidoc/multinews_dev.jsonl``), in
the same run: our key points; sumy LexRank picking the same number of sentences from all the
story's articles; and Lead-3 of the first article. ROUGE-1/2/Lsum F1 (rouge-score, stemmed,
Lsum on newline-joined sentences), mean words, and how many picked sentences look like page
clutter (photo credits, "Click image above"...).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from rouge_score import rouge_scorer

from summarizer.text.sentences import split_sentences
from summarizer.text.summaries import select_sentences
from summarizer.write.keypoints import is_clutter, select_key_points

DATA = Path(__file__).resolve().parents[2] / "shared/data/multidoc/multinews_dev.jsonl"
METRICS = ("rouge1", "rouge2", "rougeLsum")

Method = Callable[[list[tuple[str, Sequence[str]]], int], list[str]]


def _ours(articles: list[tuple[str, Sequence[str]]], points: int) -> list[str]:
    return [p.text for p in select_key_points(articles, count=points)]


def _lexrank(articles: list[tuple[str, Sequence[str]]], points: int) -> list[str]:
    pooled = [s for _, sentences in articles for s in sentences]
    return select_sentences(pooled, count=points, algorithm="lexrank")


def _lead3(articles: list[tuple[str, Sequence[str]]], points: int) -> list[str]:
    return select_sentences(articles[0][1], count=3, algorithm="lead")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--points", type=int, default=5)
    args = parser.parse_args()
    if not args.data.exists():
        print(f"skipped: {args.data} not found (../shared/data is read, never copied)")
        return 0
    stories = [json.loads(line) for line in args.data.read_text(encoding="utf-8").splitlines()]
    texts = [a["text"] for s in stories for a in s["articles"]]
    started = time.perf_counter()
    split = iter(list(split_sentences(texts)))
    elapsed = time.perf_counter() - started
    print(f"{len(stories)} stories, {len(texts)} articles split in {elapsed:.1f} s\n")

    clusters = [[(a["id"], next(split)) for a in s["articles"]] for s in stories]
    scorer = rouge_scorer.RougeScorer(list(METRICS), use_stemmer=True)
    methods: dict[str, Method] = {
        f"key points ({args.points})": _ours,
        f"LexRank-{args.points}": _lexrank,
        "Lead-3 of the first article": _lead3,
    }
    print(f"| method | {' | '.join(METRICS)} | words | clutter picked | stories/s |")
    print("|---|" + "---:|" * (len(METRICS) + 3))
    for name, method in methods.items():
        scores: dict[str, list[float]] = {m: [] for m in METRICS}
        words, clutter, elapsed = [], 0, 0.0
        for story, articles in zip(stories, clusters, strict=True):
            started = time.perf_counter()
            picked = method(articles, args.points)
            elapsed += time.perf_counter() - started
            words.append(sum(len(s.split()) for s in picked))
            clutter += sum(1 for s in picked if is_clutter(s))
            result = scorer.score(story["reference"], "\n".join(picked))
            for metric in METRICS:
                scores[metric].append(result[metric].fmeasure * 100)
        cells = " | ".join(f"{statistics.fmean(scores[m]):.2f}" for m in METRICS)
        rate = len(stories) / elapsed
        print(f"| {name} | {cells} | {statistics.fmean(words):.0f} | {clutter} | {rate:.0f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
