"""Story clustering quality and cost (DESIGN §6, issue 8 §2).

    python bench/clustering.py [--scale 5 1000 5000]

Quality: BCubed precision/recall/F1 and the adjusted Rand index on WikiRef220
(``../shared/data/clustering/wikiref220.jsonl``; documents marked ``is_noise`` are gold
singletons; its groups are topics), on full text and on headlines alone, and on the articles
of the Multi-News dev clusters (groups are events, as in a day's digest), with a sweep of the
merge threshold around the shipped one. Every quality table also prints BCubed F1 on the
even- and on the odd-numbered gold groups, each clustered alone: a threshold chosen on one
half is checked on the other (the full-text threshold 0.15 was chosen on the even
Multi-News events). For headlines and teasers it also compares names counted twice or not and
character n-grams, by half (issue 18 §6). Cost: wall time and the memory the clustering
allocates (tracemalloc peak) for 5 to 5,000 articles of the benchmark corpus (bench/corpus.py).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import tracemalloc
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import adjusted_rand_score
from sklearn.preprocessing import normalize

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import build

from summarizer.group.clustering import (
    FULL_TEXT_THRESHOLD,
    HEADLINE_THRESHOLD,
    _vectorise,
    cluster_articles,
    similarity_graph,
)
from summarizer.group.linkage import average_link
from summarizer.group.term_counts import document_text
from summarizer.models import Article, from_jsonable

SHARED = Path(__file__).resolve().parents[2] / "shared/data"
DATA = SHARED / "clustering/wikiref220.jsonl"
EVENTS = SHARED / "multidoc/multinews_dev.jsonl"


def bcubed(predicted: Sequence[object], gold: Sequence[object]) -> tuple[float, float, float]:
    """BCubed precision, recall and F1 (Bagga & Baldwin), averaged over items."""
    by_predicted: dict[object, list[int]] = defaultdict(list)
    by_gold: dict[object, list[int]] = defaultdict(list)
    for item, (p, g) in enumerate(zip(predicted, gold, strict=True)):
        by_predicted[p].append(item)
        by_gold[g].append(item)
    precision = recall = 0.0
    for p, g in zip(predicted, gold, strict=True):
        correct = sum(1 for other in by_predicted[p] if gold[other] == g)
        precision += correct / len(by_predicted[p])
        recall += correct / len(by_gold[g])
    precision, recall = precision / len(gold), recall / len(gold)
    return precision, recall, 2 * precision * recall / (precision + recall)


def _halves(gold: Sequence[str]) -> tuple[list[int], list[int]]:
    """Item positions of the even- and odd-numbered gold groups (numbered by first
    appearance): one half to choose a threshold on, the other to check it on."""
    number: dict[str, int] = {}
    for label in gold:
        number.setdefault(label, len(number))
    even = [i for i, label in enumerate(gold) if number[label] % 2 == 0]
    odd = [i for i, label in enumerate(gold) if number[label] % 2 == 1]
    return even, odd


def _f1(articles: list[Article], gold: list[str], items: list[int], threshold: float) -> float:
    """BCubed F1 of clustering only ``items`` (a day holds only its own articles)."""
    labels = cluster_articles([articles[i] for i in items], threshold=threshold).labels
    return bcubed(labels, [gold[i] for i in items])[2]


def _quality(articles: list[Article], gold: list[str], thresholds: list[float], shipped: float):
    even, odd = _halves(gold)
    print(
        "| threshold | BCubed P | BCubed R | BCubed F1 | ARI | stories | "
        "F1 even groups (tuned on) | F1 odd groups (held out) |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for threshold in thresholds:
        labels = cluster_articles(articles, threshold=threshold).labels
        precision, recall, f1 = bcubed(labels, gold)
        ari = adjusted_rand_score(gold, labels)
        mark = " (shipped)" if abs(threshold - shipped) < 1e-9 else ""
        halves = " | ".join(f"{_f1(articles, gold, h, threshold):.3f}" for h in (even, odd))
        print(
            f"| {threshold:.3f}{mark} | {precision:.3f} | {recall:.3f} | {f1:.3f} | {ari:.3f} "
            f"| {len(set(labels))} | {halves} |"
        )


def _variant_labels(texts: list[str], names: bool, char_weight: float, threshold: float):
    """Headline clustering with names counted twice or not, and with a share of the
    similarity taken from character 3–5-grams (inflections: "attack"/"attacks"/"attacker")."""
    words, shared = _vectorise([document_text(Article(id="", text=t), names=names) for t in texts])
    matrix = words
    if char_weight:
        grams = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True)
        parts = [
            words * np.sqrt(1 - char_weight),
            grams.fit_transform(texts) * np.sqrt(char_weight),
        ]
        matrix = normalize(sparse.hstack(parts).tocsr())
    graph = similarity_graph(matrix, floor=min(threshold, 0.02), shared_words=shared)
    return average_link(graph, threshold)


def _short_text_variants(sets: dict[str, tuple[list[str], list[str]]]) -> None:
    """Issue 18 §6: names as features and character n-grams for headlines and teasers, each
    scored on the even- and odd-numbered gold groups. A setting is chosen on the even
    columns; the odd ones say whether it holds."""
    print(
        "| names twice | char n-gram share | threshold | "
        + " | ".join(f"{name} even (tune) | {name} odd (held out)" for name in sets)
        + " |"
    )
    print("|---|---:|---:|" + "---:|---:|" * len(sets))
    for names in (True, False):
        for char_weight in (0.0, 0.3):
            for threshold in (0.03, HEADLINE_THRESHOLD):
                cells = []
                for texts, gold in sets.values():
                    for items in _halves(gold):
                        labels = _variant_labels(
                            [texts[i] for i in items], names, char_weight, threshold
                        )
                        cells.append(f"{bcubed(labels, [gold[i] for i in items])[2]:.3f}")
                print(
                    f"| {'yes' if names else 'no'} | {char_weight} | {threshold} | "
                    + " | ".join(cells)
                    + " |"
                )


def _scale(sizes: list[int]) -> None:
    print("| articles | seconds | peak MB allocated | stories |")
    print("|---:|---:|---:|---:|")
    for n in sizes:
        articles = [from_jsonable(Article, r) for r in build(n)]
        tracemalloc.start()
        started = time.perf_counter()
        labels = cluster_articles(articles).labels
        elapsed = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1] / 1e6
        tracemalloc.stop()
        print(f"| {n} | {elapsed:.2f} | {peak:.0f} | {len(set(labels))} |")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--events", type=Path, default=EVENTS)
    parser.add_argument("--scale", type=int, nargs="*", default=[5, 1000, 5000])
    args = parser.parse_args()
    if not args.data.exists():
        print(f"skipped: {args.data} not found (../shared/data is read, never copied)")
        return 0
    rows = [json.loads(line) for line in args.data.read_text(encoding="utf-8").splitlines()]
    gold = [r["id"] if r["is_noise"] else r["topic"] for r in rows]
    full = [Article(id=r["id"], title=r["title"], text=r["text"]) for r in rows]
    headlines = [Article(id=r["id"], text=r["title"]) for r in rows]
    print(f"WikiRef220: {len(rows)} documents, {len(set(gold))} gold groups\n")
    print("Full text:\n")
    sweep = sorted({0.04, 0.06, 0.08, 0.10, 0.12, FULL_TEXT_THRESHOLD, 0.2})
    _quality(full, gold, sweep, FULL_TEXT_THRESHOLD)
    print("\nHeadlines only (the same documents' titles, nothing else):\n")
    sweep = [0.02, 0.03, HEADLINE_THRESHOLD, 0.08, 0.1]
    _quality(headlines, gold, sweep, HEADLINE_THRESHOLD)
    if args.events.exists():
        events = [json.loads(line) for line in args.events.read_text(encoding="utf-8").splitlines()]
        articles = [
            Article(id=f"{e['id']}/{a['id']}", text=a["text"])
            for e in events
            for a in e["articles"]
        ]
        event_gold = [e["id"] for e in events for _ in e["articles"]]
        print(f"\nMulti-News: {len(articles)} articles of {len(events)} events, full text:\n")
        _quality(
            articles,
            event_gold,
            sorted({0.05, 0.08, 0.1, FULL_TEXT_THRESHOLD, 0.2}),
            FULL_TEXT_THRESHOLD,
        )
        print("\nMulti-News, first 25 words of each article as its headline:\n")
        leads = [Article(id=a.id, text=" ".join(a.text.split()[:25])) for a in articles]
        _quality(leads, event_gold, [0.02, HEADLINE_THRESHOLD, 0.1, 0.15], HEADLINE_THRESHOLD)
        print("\nShort texts: names counted twice, character n-grams (BCubed F1 by half):\n")
        _short_text_variants(
            {
                "WikiRef titles": ([a.text for a in headlines], gold),
                "Multi-News leads": ([a.text for a in leads], event_gold),
            }
        )
    if args.scale:
        print("\nCost on the benchmark corpus (bench/corpus.py):\n")
        _scale(args.scale)
    return 0


if __name__ == "__main__":
    sys.exit(main())
