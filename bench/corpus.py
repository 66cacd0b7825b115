"""Benchmark corpora of N articles, built from ../shared/data/summarization/*.jsonl.

    python bench/corpus.py --n 1000 --out /tmp/corpus-1000.jsonl

There are 200 real articles (CNN/DailyMail and XSum dev). Article k of a corpus is article
``k % 200`` in which every second sentence is replaced by a sentence of a *partner* article
``(k * 7 + k // 200) % 200``, opened by a dateline naming its outlet, under a unique id and
URL. Copies of one base article share about half of their sentences: real text of the base
articles' length for the parser and NER, but far enough apart that dedupe keeps nearly all of
them (the benchmark prints how many it kept) instead of collapsing the corpus to 200.
Written to a temporary directory, never into the repository.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared/data/summarization"
_CITIES = ("LONDON", "PARIS", "NAIROBI", "LIMA", "OSLO", "DELHI", "SYDNEY", "BOGOTA", "SEOUL")
_SENTENCE_END = re.compile(r"(?<=[a-z0-9)\"”][.!?])\s*(?=[A-Z\"“])")


def base_articles() -> list[dict[str, str]]:
    records = []
    for name in ("cnndm_dev.jsonl", "xsum_dev.jsonl"):
        path = SHARED / name
        if not path.exists():
            raise FileNotFoundError(f"{path} not found: ../shared/data is needed for benchmarks")
        records.extend(json.loads(line) for line in path.read_text(encoding="utf-8").splitlines())
    return records


def _sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE_END.split(" ".join(text.split())) if s]


def build(n: int, *, day: datetime | None = None) -> list[dict[str, str]]:
    """``n`` article records in the JSONL contract of DESIGN §4."""
    base = base_articles()
    split = [_sentences(r["article"]) for r in base]
    moment = day or datetime(2026, 11, 24, tzinfo=UTC)
    corpus = []
    for k in range(n):
        own = split[k % len(base)]
        partner = split[(k * 7 + k // len(base)) % len(base)]
        woven = [
            sentence if i % 2 == 0 or not partner else partner[(i + k) % len(partner)]
            for i, sentence in enumerate(own or [f"Article {k}."])
        ]
        if len(woven) == 1 and partner:
            woven.append(partner[k % len(partner)])
        woven[0] = f"{_CITIES[k % len(_CITIES)]} (Outlet {k % 25}) — {woven[0]}"
        paragraphs = [" ".join(woven[i : i + 3]) for i in range(0, len(woven), 3)]
        corpus.append(
            {
                "id": f"bench-{k:06d}",
                "title": own[0][:100] if own else f"Article {k}",
                "url": f"https://bench.example/{k:06d}",
                "source": f"Outlet {k % 25}",
                "published": (moment - timedelta(minutes=k % 1440)).isoformat(),
                "text": "\n\n".join(paragraphs),
            }
        )
    return corpus


def write(n: int, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as stream:
        for record in build(n):
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    print(write(args.n, args.out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
