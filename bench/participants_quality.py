"""People extraction against the hand-annotated roles_dev gold (25 CNN/DailyMail articles).

    python bench/participants_quality.py

Per article, predicted people match gold people by name; a prediction equal to a gold alias
counts as that person. Prints name precision/recall/F1 over all articles, and how often a
matched person's role is present and agrees with the gold role (token overlap ≥ 0.5).
"""

from __future__ import annotations

import json
import re
import sys
import time
from pathlib import Path

from summarizer.analyse import participants_of
from summarizer.models import Article

SHARED = Path(__file__).resolve().parents[2] / "shared"
GOLD = SHARED / "gold/roles_dev.jsonl"
ARTICLES = SHARED / "data/summarization/cnndm_dev.jsonl"


def _tokens(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.lower().replace("’", "'")))


def main() -> int:
    if not GOLD.exists() or not ARTICLES.exists():
        print(f"skipped: {GOLD} or {ARTICLES} not found")
        return 0
    gold = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines()]
    texts = {
        r["id"]: r["article"]
        for r in map(json.loads, ARTICLES.read_text(encoding="utf-8").splitlines())
    }
    articles = [Article(id=g["id"], text=texts[g["id"]]) for g in gold]
    started = time.perf_counter()
    predicted = participants_of(articles)
    elapsed = time.perf_counter() - started
    true_positive = false_positive = false_negative = 0
    with_role = role_agrees = gold_roles = 0
    for entry, result in zip(gold, predicted, strict=True):
        forms = {}
        for person in entry["people"]:
            for form in [person["name"], *person["aliases"]]:
                forms.setdefault(form, person["name"])
        matched: set[str] = set()
        for person in result.people:
            name = forms.get(person.name)
            if name is None or name in matched:
                false_positive += 1
                continue
            matched.add(name)
            true_positive += 1
            gold_role = next(p["role"] for p in entry["people"] if p["name"] == name)
            if gold_role:
                gold_roles += 1
                if person.role:
                    with_role += 1
                    overlap = _tokens(person.role) & _tokens(gold_role)
                    if len(overlap) >= 0.5 * len(_tokens(gold_role)):
                        role_agrees += 1
        false_negative += len(entry["people"]) - len(matched)
    precision = true_positive / max(1, true_positive + false_positive)
    recall = true_positive / max(1, true_positive + false_negative)
    f1 = 2 * precision * recall / max(1e-9, precision + recall)
    print(f"{len(articles)} articles, {elapsed:.1f} s\n")
    print("| people P | people R | people F1 | roles found | roles agreeing |")
    print("|---:|---:|---:|---:|---:|")
    print(
        f"| {precision:.3f} | {recall:.3f} | {f1:.3f} | "
        f"{with_role}/{gold_roles} | {role_agrees}/{gold_roles} |"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
