"""ROUGE of every summarisation algorithm against human highlights (DESIGN §6).

    python bench/summary_quality.py [--data ../shared/data/summarization/cnndm_dev.jsonl]

Sentences come from the library's own offline splitter; every algorithm picks 3 of them.
Scores: ROUGE-1/2/Lsum F1 (rouge-score, stemmed; Lsum on newline-joined sentences).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

from rouge_score import rouge_scorer

from summarizer.analyse import split_sentences
from summarizer.summarize import ALGORITHMS, select_sentences

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared/data/summarization/cnndm_dev.jsonl"
METRICS = ("rouge1", "rouge2", "rougeLsum")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--sentences", type=int, default=3)
    args = parser.parse_args()
    if not args.data.exists():
        print(f"skipped: {args.data} not found (../shared/data is read, never copied)")
        return 0
    records = [json.loads(line) for line in args.data.read_text(encoding="utf-8").splitlines()]
    started = time.perf_counter()
    split = list(split_sentences(r["article"] for r in records))
    print(f"{len(records)} articles split in {time.perf_counter() - started:.1f} s\n")
    scorer = rouge_scorer.RougeScorer(list(METRICS), use_stemmer=True)
    print(f"| algorithm | {' | '.join(METRICS)} | words | ms/article |")
    print("|---|" + "---:|" * (len(METRICS) + 2))
    names = ["default", *sorted(set(ALGORITHMS) - {"default"})]
    for name in names:
        scores: dict[str, list[float]] = {m: [] for m in METRICS}
        words = []
        started = time.perf_counter()
        for record, sentences in zip(records, split, strict=True):
            chosen = select_sentences(sentences, count=args.sentences, algorithm=name)
            words.append(sum(len(s.split()) for s in chosen))
            result = scorer.score(record["reference"], "\n".join(chosen))
            for metric in METRICS:
                scores[metric].append(result[metric].fmeasure * 100)
        elapsed = (time.perf_counter() - started) * 1000 / len(records)
        cells = " | ".join(f"{statistics.fmean(scores[m]):.2f}" for m in METRICS)
        print(f"| {name} | {cells} | {statistics.fmean(words):.0f} | {elapsed:.1f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
