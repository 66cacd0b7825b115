"""A synthetic day of distinct articles in known stories, the same shape at any size.

    python bench/scale_corpus.py --n 100000 --out /tmp/scale-100000.jsonl [--seed 1]

``bench/corpus.py`` recombines 200 real articles, so at 100,000 articles it measures the
near-duplicate path, not a day of different reports. Here every article is new text:

* story sizes are heavy-tailed (a Zipf law of exponent ``SIZE_EXPONENT``, at most
  ``LARGEST_STORY`` articles): most stories are one to a few articles, a few are hundreds,
  and the shares do not change with the day's size;
* each story has its own distinctive words and names (made-up words, unique to the story),
  and shares a topic's words with a few dozen other stories (different events of one topic
  are what a threshold must keep apart);
* the rest of each ~``ARTICLE_WORDS``-word article is background: words drawn by their real
  frequency in the dev texts ``../shared/data/summarization/*_dev.jsonl``.

Written as JSONL in the file contract (``{"id","title","text","url","source","published"}``,
as ``bench/corpus.py`` writes it and ``summarizer/collect/files.py`` reads it) with a gold
file beside it (``{"id","story"}`` per line), to a temporary directory, never into the
repository. The same seed and size give the same bytes.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import base_articles

ARTICLE_WORDS = 500
SIZE_EXPONENT = 2.0
"""Zipf exponent of the story sizes: ~60 % of stories are one article, the mean is ~4."""
LARGEST_STORY = 500
STORY_WORDS = 12
"""Distinctive words per story …"""
STORY_NAMES = 3
"""… and names (two capitalised made-up words each)."""
STORY_SHARE = 0.1
"""Share of an article's words taken from its story's words and names …"""
TOPIC_SHARE = 0.03
"""… and from its topic's words."""
STORIES_PER_TOPIC = 25
TOPIC_WORDS = 20
OUTLETS = 200
_WORD = re.compile(r"[A-Za-z][a-z'-]*[a-z]|[A-Za-z]")
_ONSETS = ("b", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br", "tr")
_VOWELS = ("a", "e", "i", "o", "u", "ai", "ou")
_CODAS = ("", "n", "r", "l", "s", "k")
_SYLLABLES = tuple(o + v + c for o in _ONSETS for v in _VOWELS for c in _CODAS)
_SCRAMBLE = 1_000_003  # a prime, so coprime to any power of len(_SYLLABLES)


def background_words() -> tuple[np.ndarray, np.ndarray]:
    """The dev texts' words and the cumulative share of each (for drawing by frequency). A
    capitalised word that the texts also write in lower case counts as that word: it opened
    a sentence."""
    counts: Counter[str] = Counter()
    for record in base_articles():
        counts.update(_WORD.findall(record["article"]))
    merged: Counter[str] = Counter()
    for word, count in counts.items():
        merged[word.lower() if word.lower() in counts else word] += count
    words = sorted(merged)
    weights = np.array([merged[w] for w in words], dtype=np.float64)
    return np.array(words), np.cumsum(weights) / weights.sum()


def made_up(number: int, *, syllables: int = 3) -> str:
    """A pronounceable word, different for every ``number`` below ``len(_SYLLABLES) **
    syllables`` (the digits in base ``len(_SYLLABLES)`` of its image under a bijection, so
    neighbouring numbers do not share their endings): no two stories share one."""
    number = number * _SCRAMBLE % len(_SYLLABLES) ** syllables
    parts = []
    for _ in range(syllables):
        number, digit = divmod(number, len(_SYLLABLES))
        parts.append(_SYLLABLES[digit])
    return "".join(parts)


def story_sizes(n: int, rng: np.random.Generator) -> list[int]:
    """Heavy-tailed story sizes adding up to ``n``."""
    sizes: list[int] = []
    total = 0
    while total < n:
        size = int(min(rng.zipf(SIZE_EXPONENT), LARGEST_STORY, n - total))
        sizes.append(size)
        total += size
    return sizes


def _draw(cumulative: np.ndarray, count: int, rng: np.random.Generator) -> np.ndarray:
    return np.minimum(np.searchsorted(cumulative, rng.random(count)), len(cumulative) - 1)


def _prose(tokens: list[str], rng: np.random.Generator) -> str:
    """Tokens as sentences of 10–25 words in paragraphs of three."""
    sentences = []
    start = 0
    while start < len(tokens):
        stop = start + int(rng.integers(10, 26))
        words = tokens[start:stop]
        sentences.append(words[0][:1].upper() + " ".join(words)[1:] + ".")
        start = stop
    return "\n\n".join(" ".join(sentences[i : i + 3]) for i in range(0, len(sentences), 3))


def build(n: int, *, seed: int = 1, day: datetime | None = None) -> Iterator[tuple[dict, str]]:
    """``n`` article records in the file contract, each with its gold story, in the order a
    day would deliver them (stories interleaved)."""
    rng = np.random.default_rng(seed)
    words, cumulative = background_words()
    sizes = story_sizes(n, rng)
    topics = max(1, len(sizes) // STORIES_PER_TOPIC)
    topic_of = rng.integers(0, topics, size=len(sizes))
    story_of = rng.permutation(np.repeat(np.arange(len(sizes)), sizes))
    moment = day or datetime(2026, 11, 24, tzinfo=UTC)
    story_part = round(STORY_SHARE * ARTICLE_WORDS)
    topic_part = round(TOPIC_SHARE * ARTICLE_WORDS)
    # Within a story or topic some words are said far more often than others.
    rank_weights = 1.0 / np.arange(1, STORY_WORDS + STORY_NAMES + 1)
    story_cumulative = np.cumsum(rank_weights) / rank_weights.sum()
    topic_weights = 1.0 / np.arange(1, TOPIC_WORDS + 1)
    topic_cumulative = np.cumsum(topic_weights) / topic_weights.sum()
    for k, story in enumerate(story_of.tolist()):
        # Even numbers for stories, odd ones for topics: no word is both.
        vocabulary = [made_up(2 * (story * 32 + i)) for i in range(STORY_WORDS)]
        names = [made_up(2 * (story * 32 + 16 + i)).title() for i in range(2 * STORY_NAMES)]
        own = vocabulary + [f"{names[2 * i]} {names[2 * i + 1]}" for i in range(STORY_NAMES)]
        topic = [made_up(2 * (int(topic_of[story]) * 32 + i) + 1) for i in range(TOPIC_WORDS)]
        tokens = list(words[_draw(cumulative, ARTICLE_WORDS - story_part - topic_part, rng)])
        tokens += [own[i] for i in _draw(story_cumulative, story_part, rng)]
        tokens += [topic[i] for i in _draw(topic_cumulative, topic_part, rng)]
        rng.shuffle(tokens)
        title = [own[-1], vocabulary[0], *words[_draw(cumulative, 6, rng)], vocabulary[1]]
        outlet = f"Outlet {int(rng.integers(OUTLETS))}"
        yield (
            {
                "id": f"scale-{k:07d}",
                "title": " ".join(title)[:1].upper() + " ".join(title)[1:],
                "text": _prose(tokens, rng),
                "url": f"https://scale.example/{k:07d}",
                "source": outlet,
                "published": (moment - timedelta(seconds=int(rng.integers(86_400)))).isoformat(),
            },
            f"story-{story}",
        )


def write(n: int, path: Path, *, seed: int = 1) -> tuple[Path, Path]:
    """The corpus at ``path`` and its gold at ``path`` with ``.gold.jsonl`` for a suffix."""
    gold = path.with_suffix(".gold.jsonl")
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as texts, gold.open("w", encoding="utf-8") as stories:
        for record, story in build(n, seed=seed):
            texts.write(json.dumps(record, ensure_ascii=False) + "\n")
            stories.write(json.dumps({"id": record["id"], "story": story}) + "\n")
    return path, gold


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    try:
        corpus, gold = write(args.n, args.out, seed=args.seed)
    except FileNotFoundError as exc:
        print(f"skipped: {exc}")
        return 0
    print(corpus, gold)
    return 0


if __name__ == "__main__":
    sys.exit(main())
