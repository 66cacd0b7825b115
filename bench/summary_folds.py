"""Does the centrality ranker beat Lead-k on articles its weights were not chosen on?

    python bench/summary_folds.py [--folds 5]

For CNN/DailyMail dev (3 sentences, against Lead-3) and XSum dev (1 sentence, against
Lead-1): the articles are split into ``--folds`` folds by position. For each fold, the grid
point (w, λ, β) with the best mean ROUGE-1 + ROUGE-2 + ROUGE-Lsum on the *other* folds is
chosen, then scored on the held-out fold beside Lead-k and beside the shipped weights. The
table prints the held-out differences fold by fold: a setting "beats Lead-k where it
generalises" only if its held-out differences are positive on every fold.
"""

from __future__ import annotations

import argparse
import itertools
import json
import statistics
import sys
from pathlib import Path

from rouge_score import rouge_scorer

from summarizer.text import centrality
from summarizer.text.sentences import split_sentences

DATA = Path(__file__).resolve().parents[2] / "shared/data/summarization"
METRICS = ("rouge1", "rouge2", "rougeLsum")
GRID = [
    {"following": w, "preceding": -lam, "threshold": beta}
    for w, lam, beta in itertools.product(
        (0.5, 1.0, 1.5, 2.0, 3.0), (0.0, 0.5, 1.0, 2.0), (0.15, 0.3, 0.6)
    )
]
SHIPPED = {
    "following": centrality.FOLLOWING_WEIGHT,
    "preceding": centrality.PRECEDING_WEIGHT,
    "threshold": centrality.EDGE_THRESHOLD,
}
Scores = tuple[float, float, float]


def _score_all(path: Path, count: int) -> tuple[list[Scores], dict[int, list[Scores]], int]:
    """Per article: Lead-k's scores, and each grid point's (index -1 is the shipped one)."""
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    split = list(split_sentences(r["article"] for r in records))
    scorer = rouge_scorer.RougeScorer(list(METRICS), use_stemmer=True)

    def score(reference: str, chosen: list[str]) -> Scores:
        result = scorer.score(reference, "\n".join(chosen))
        a, b, c = (result[m].fmeasure * 100 for m in METRICS)
        return a, b, c

    lead = [score(r["reference"], s[:count]) for r, s in zip(records, split, strict=True)]
    grid: dict[int, list[Scores]] = {}
    for index, weights in [*enumerate(GRID), (-1, SHIPPED)]:
        grid[index] = [
            score(r["reference"], [s[i] for i in sorted(centrality.rank(s, count, **weights))])
            for r, s in zip(records, split, strict=True)
        ]
    return lead, grid, len(records)


def _mean(rows: list[Scores]) -> Scores:
    a, b, c = (statistics.fmean(column) for column in zip(*rows, strict=True))
    return a, b, c


def _label(weights: dict[str, float]) -> str:
    return f"w={weights['following']:g} λ={-weights['preceding']:g} β={weights['threshold']:g}"


def _fold_choice(grid: dict[int, list[Scores]], train: list[int]) -> int:
    return max(range(len(GRID)), key=lambda g: sum(_mean([grid[g][i] for i in train])))


def _delta(scores: Scores, base: Scores) -> str:
    return " / ".join(f"{a - b:+.2f}" for a, b in zip(scores, base, strict=True))


def held_out_gain(path: Path, count: int, folds: int = 5) -> tuple[str, str]:
    """The shipped weights minus Lead-k on all of ``path``, and the mean over held-out folds of
    the weights chosen on the other folds minus Lead-k on that fold."""
    lead, grid, n = _score_all(path, count)
    fold_of = [i * folds // n for i in range(n)]
    gains: list[Scores] = []
    for fold in range(folds):
        test = [i for i in range(n) if fold_of[i] == fold]
        best = _fold_choice(grid, [i for i in range(n) if fold_of[i] != fold])
        held, base = _mean([grid[best][i] for i in test]), _mean([lead[i] for i in test])
        a, b, c = (h - x for h, x in zip(held, base, strict=True))
        gains.append((a, b, c))
    return _delta(_mean(grid[-1]), _mean(lead)), _delta(_mean(gains), (0.0, 0.0, 0.0))


def _folds(path: Path, count: int, folds: int, baseline: str) -> None:
    lead, grid, n = _score_all(path, count)
    fold_of = [i * folds // n for i in range(n)]
    print(f"\n{path.name}: {n} articles, {folds} folds, {count} sentence(s), against {baseline}\n")
    print(
        f"| fold | chosen on the other folds | chosen − {baseline} (R1 / R2 / RLsum) | "
        f"shipped − {baseline} (R1 / R2 / RLsum) |"
    )
    print("|---:|---|---|---|")
    wins = {"chosen": 0, "shipped": 0}
    for fold in range(folds):
        train = [i for i in range(n) if fold_of[i] != fold]
        test = [i for i in range(n) if fold_of[i] == fold]
        best = _fold_choice(grid, train)
        base = _mean([lead[i] for i in test])
        cells = []
        for name, index in (("chosen", best), ("shipped", -1)):
            held = _mean([grid[index][i] for i in test])
            wins[name] += all(h > b for h, b in zip(held, base, strict=True))
            cells.append(_delta(held, base))
        print(f"| {fold + 1} | {_label(GRID[best])} | {cells[0]} | {cells[1]} |")
    print(
        f"\nfolds where all three held-out scores beat {baseline}: chosen {wins['chosen']} of "
        f"{folds}, shipped {wins['shipped']} of {folds}; shipped weights on all {n} articles "
        f"(chosen on CNN/DailyMail dev): {_delta(_mean(grid[-1]), _mean(lead))}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--folds", type=int, default=5)
    args = parser.parse_args()
    cnndm, xsum = DATA / "cnndm_dev.jsonl", DATA / "xsum_dev.jsonl"
    if not cnndm.exists():
        print(f"skipped: {cnndm} not found (../shared/data is read, never copied)")
        return 0
    _folds(cnndm, 3, args.folds, "Lead-3")
    if xsum.exists():
        _folds(xsum, 1, args.folds, "Lead-1")
    return 0


if __name__ == "__main__":
    sys.exit(main())
