"""Duplicate articles: the same URL, the same GUID, the same text, or the same wire story.

Exact duplicates are dropped. Near-duplicates (one agency story syndicated by several outlets
with small edits) are *merged*: the first article stays, and the others become extra sources of
it, so nothing a reader might look for disappears silently. Near-duplicates are proposed by
MinHash LSH over word shingles (datasketch), which stays linear in the number of articles, and
a proposal merges only when the two texts' shingles really share ``threshold`` of their union
(LSH also proposes pairs far below it).
"""

from __future__ import annotations

import gc
import re
import zlib
from collections.abc import Iterable, Mapping, Sequence
from typing import NamedTuple

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH

from summarizer.identity import canonical_url, content_hash
from summarizer.models import Article, DedupeResult

_WORD = re.compile(r"\w+")
SHINGLE_SIZE = 5
NUM_PERM = 64
NEAR_DUPLICATE_THRESHOLD = 0.7


class Signature(NamedTuple):
    """What deduplication compares of one text, made from the text alone."""

    content: str
    """The text's ``content_hash``: the same text, told apart from near-duplicates."""
    minhash: np.ndarray | None
    """Its MinHash values (``NUM_PERM`` of them), or None for a text without a word."""


# Every signature uses the same permutations; drawing them anew for each article (what a bare
# MinHash() does) cost a fifth of the stage.
_SCHEME = MinHash(num_perm=NUM_PERM, seed=1)
# Odd 64-bit multipliers that mix a shingle's word hashes into one (multiply-shift hashing).
_MIX = np.array(
    [0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0xD6E8FEB86659FD93,
     0xFF51AFD7ED558CCD][:SHINGLE_SIZE],
    dtype=np.uint64,
)  # fmt: skip


def signatures(texts: Iterable[str]) -> list[Signature]:
    """Each text's signature: its content hash, and MinHash over its shingles (runs of
    ``SHINGLE_SIZE`` words, lower case).

    A signature depends on its text alone, so a day's articles can be signed in
    partitions, anywhere, and the one pass of ``deduplicate`` that compares them stays cheap.
    """
    return [Signature(content_hash(text), _minhash(text)) for text in texts]


def sign(articles: Sequence[Article]) -> list[Signature]:
    """The signatures of a partition of the day's articles (the ``sign`` stage: mapped, and
    light to import in a worker process)."""
    return signatures(article.text for article in articles)


def _minhash(text: str) -> np.ndarray | None:
    shingles = _shingles(text)
    if shingles is None:
        return None  # two entries that are only "¤" and "…" are not one story
    signature = MinHash(
        num_perm=NUM_PERM,
        seed=1,
        hashfunc=int,
        permutations=_SCHEME.permutations,
        scheme=_SCHEME.scheme,
    )
    signature.update_batch(shingles.tolist())
    return signature.hashvalues


def _shingles(text: str) -> np.ndarray | None:
    """The text's shingles as 32-bit hashes, in text order and as often as they occur (a
    MinHash is the same either way); None for a text without a word."""
    words = _WORD.findall(text.lower())
    if not words:
        return None
    # A shingle's hash is made from its words' hashes (each word hashed once, in C) instead
    # of hashing every shingle's text: per shingle, Python work was 9 in 10 of the stage.
    hashes = np.fromiter(map(zlib.crc32, map(str.encode, words)), np.uint64, len(words))
    width = min(SHINGLE_SIZE, len(words))
    windows = np.lib.stride_tricks.sliding_window_view(hashes, width)
    return (windows * _MIX[:width]).sum(axis=1, dtype=np.uint64) >> np.uint64(32)


def _jaccard(first: str, second: str) -> float:
    """The Jaccard similarity of two texts' shingles."""
    a, b = _shingles(first), _shingles(second)
    if a is None or b is None:
        return 0.0
    a, b = np.unique(a), np.unique(b)
    shared = len(np.intersect1d(a, b, assume_unique=True))
    return shared / (len(a) + len(b) - shared)


def deduplicate(
    articles: Sequence[Article],
    *,
    guids: dict[str, str] | None = None,
    signed: Sequence[Signature] | None = None,
    threshold: float = NEAR_DUPLICATE_THRESHOLD,
) -> DedupeResult:
    """Drop exact duplicates (URL, GUID, text) and merge near-duplicates, keeping order.

    Args:
        articles: candidates in priority order; the first of each group is kept.
        guids: article id -> feed GUID, where the feed gave one.
        signed: the articles' ``signatures``, when they were made apart (made here if not).
        threshold: Jaccard similarity of shingles at or above which two texts are the same
            story.
    """
    guids = guids or {}
    result = DedupeResult()
    seen_urls: set[str] = set()
    seen_guids: set[str] = set()
    seen_hashes: set[str] = set()
    seen_ids: set[str] = set()
    kept: dict[str, int] = {}  # id of a kept article -> its position: the earliest keeps
    # Proposals are checked exactly, so the bands are set to miss few near-duplicates (a
    # copy with 3 words of 100 changed: 291 of 300 found, 175 at even weights).
    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM, weights=(0.1, 0.9))
    if signed is None:
        signed = signatures(a.text for a in articles)
    for article, (digest, values) in zip(articles, signed, strict=True):
        url = canonical_url(article.url) if article.url else None
        guid = guids.get(article.id)
        if (
            article.id in seen_ids
            or (url and url in seen_urls)
            or (guid and guid in seen_guids)
            or digest in seen_hashes
        ):
            result.dropped += 1
            continue
        if url:
            seen_urls.add(url)
        if guid:
            seen_guids.add(guid)
        seen_hashes.add(digest)
        seen_ids.add(article.id)
        signature = None if values is None else _as_minhash(values)
        # LSH only proposes: at 64 permutations it proposes pairs sharing a third of their
        # shingles too, and its estimate is ±0.05. A proposal's shingles are compared
        # exactly (few articles are proposed, so their shingles are made again here).
        similar = [
            other
            for other in (lsh.query(signature) if signature is not None else [])
            if _jaccard(article.text, result.articles[kept[other]].text) >= threshold
        ]
        if similar:
            keeper = min(similar, key=kept.__getitem__)
            result.extra_sources.setdefault(keeper, []).append(article)
            continue
        if signature is not None:
            lsh.insert(article.id, signature)
        kept[article.id] = len(result.articles)
        result.articles.append(article)
    # The LSH index refers to itself (datasketch keeps a bound method of it as an
    # attribute): its band tables, 1.2 million sets (~350 MB) at 100,000 articles, would
    # otherwise wait for the collector's next full pass, which a run may never reach.
    del lsh
    gc.collect()
    return result


def _as_minhash(values: np.ndarray) -> LeanMinHash:
    return LeanMinHash(seed=1, hashvalues=values, scheme=_SCHEME.scheme)


def with_near_duplicates(
    articles: Iterable[Article], duplicates: Mapping[str, Sequence[Article]]
) -> list[Article]:
    """Each article followed by the near-duplicates merged into it (``extra_sources``)."""
    return [each for a in articles for each in (a, *duplicates.get(a.id, ()))]
