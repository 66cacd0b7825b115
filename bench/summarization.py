"""ROUGE of every summarisation algorithm against human highlights (DESIGN §6).

    python bench/summarization.py [--data ../shared/data/summarization/cnndm_dev.jsonl]

Sentences come from the library's own offline splitter; every algorithm picks 3 of them on
CNN/DailyMail, and the default, Lead-1 and two sumy rankers pick 1 on XSum.
Scores: ROUGE-1/2/Lsum F1 (rouge-score, stemmed; Lsum on newline-joined sentences).

The default's weights were chosen on CNN/DailyMail dev, so its score there is a tuned one.
The last table puts it beside untuned ones: the mean over 5 held-out folds of weights chosen
on the other four (``bench/summary_folds.py`` prints them fold by fold), and XSum, never used
to choose them.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

from rouge_score import rouge_scorer

sys.path.insert(0, str(Path(__file__).resolve().parent))

from summary_folds import held_out_gain

from summarizer.text.sentences import split_sentences
from summarizer.text.summaries import ALGORITHMS, DEFAULT_ALGORITHM, select_sentences

DATA = Path(__file__).resolve().parents[2] / "shared/data/summarization"
METRICS = ("rouge1", "rouge2", "rougeLsum")


def _table(records: list[dict], split: list[list[str]], names: list[str], count: int) -> None:
    scorer = rouge_scorer.RougeScorer(list(METRICS), use_stemmer=True)
    print(f"| algorithm | {' | '.join(METRICS)} | words | articles/s |")
    print("|---|" + "---:|" * (len(METRICS) + 2))
    for name in names:
        scores: dict[str, list[float]] = {m: [] for m in METRICS}
        words = []
        elapsed = 0.0
        for record, sentences in zip(records, split, strict=True):
            started = time.perf_counter()
            chosen = select_sentences(sentences, count=count, algorithm=name)
            elapsed += time.perf_counter() - started
            words.append(sum(len(s.split()) for s in chosen))
            result = scorer.score(record["reference"], "\n".join(chosen))
            for metric in METRICS:
                scores[metric].append(result[metric].fmeasure * 100)
        cells = " | ".join(f"{statistics.fmean(scores[m]):.2f}" for m in METRICS)
        rate = len(records) / elapsed if elapsed else float("inf")
        label = f"default (= {DEFAULT_ALGORITHM})" if name == "default" else name
        print(f"| {label} | {cells} | {statistics.fmean(words):.0f} | {rate:.0f} |")


def _load(path: Path) -> tuple[list[dict], list[list[str]]]:
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    started = time.perf_counter()
    split = list(split_sentences(r["article"] for r in records))
    print(
        f"{len(records)} articles of {path.name} split in {time.perf_counter() - started:.1f} s\n"
    )
    return records, split


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DATA / "cnndm_dev.jsonl")
    parser.add_argument("--xsum", type=Path, default=DATA / "xsum_dev.jsonl")
    parser.add_argument("--sentences", type=int, default=3)
    args = parser.parse_args()
    if not args.data.exists():
        print(f"skipped: {args.data} not found (../shared/data is read, never copied)")
        return 0
    records, split = _load(args.data)
    names = ["default", *sorted(set(ALGORITHMS) - {"default"})]
    print(f"{args.sentences} sentences per article:\n")
    _table(records, split, names, args.sentences)
    if args.xsum.exists():
        print("\nXSum, one sentence per article (against Lead-1):\n")
        _table(*_load(args.xsum), ["default", "lead", "lexrank", "textrank"], 1)
    print("\nThe default minus Lead-k, ROUGE-1 / ROUGE-2 / ROUGE-Lsum, tuned beside untuned:\n")
    print("| data | tuned: shipped weights on the articles they were chosen on | untuned |")
    print("|---|---|---|")
    tuned, untuned = held_out_gain(args.data, args.sentences)
    print(f"| {args.data.name} | {tuned} | {untuned} (5 held-out folds) |")
    if args.xsum.exists():
        shipped, _ = held_out_gain(args.xsum, 1)
        print(f"| {args.xsum.name} | — (never chosen on) | {shipped} (shipped weights) |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
