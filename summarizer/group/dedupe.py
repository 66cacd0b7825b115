"""Duplicate articles: the same URL, the same GUID, the same text, or the same wire story.

Exact duplicates are dropped. Near-duplicates (one agency story syndicated by several outlets
with small edits) are *merged*: the first article stays, and the others become extra sources of
it, so nothing a reader might look for disappears silently. Near-duplicates are found with
MinHash LSH over word shingles (datasketch), which stays linear in the number of articles.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

from datasketch import MinHash, MinHashLSH

from summarizer.identity import canonical_url, content_hash
from summarizer.models import Article, DedupeResult

_WORD = re.compile(r"\w+")
SHINGLE_SIZE = 5
NUM_PERM = 64
NEAR_DUPLICATE_THRESHOLD = 0.7


# Every signature uses the same permutations; drawing them anew for each article (what a bare
# MinHash() does) cost a fifth of the stage.
_SCHEME = MinHash(num_perm=NUM_PERM, seed=1)


def _minhash(text: str) -> MinHash | None:
    """The text's signature; None for a text without a word (two entries that are only "¤"
    and "…" are not one story)."""
    words = _WORD.findall(text.lower())
    if not words:
        return None
    shingles = {
        " ".join(words[i : i + SHINGLE_SIZE]) for i in range(max(1, len(words) - SHINGLE_SIZE + 1))
    }
    signature = MinHash(
        num_perm=NUM_PERM, seed=1, permutations=_SCHEME.permutations, scheme=_SCHEME.scheme
    )
    signature.update_batch(s.encode("utf-8") for s in shingles)
    return signature


def deduplicate(
    articles: Sequence[Article],
    *,
    guids: dict[str, str] | None = None,
    threshold: float = NEAR_DUPLICATE_THRESHOLD,
) -> DedupeResult:
    """Drop exact duplicates (URL, GUID, text) and merge near-duplicates, keeping order.

    Args:
        articles: candidates in priority order; the first of each group is kept.
        guids: article id -> feed GUID, where the feed gave one.
        threshold: estimated Jaccard similarity of shingles above which two texts are the
            same story.
    """
    guids = guids or {}
    result = DedupeResult()
    seen_urls: set[str] = set()
    seen_guids: set[str] = set()
    seen_hashes: set[str] = set()
    seen_ids: set[str] = set()
    kept: dict[str, int] = {}  # id of a kept article -> its position: the earliest keeps
    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    for article in articles:
        url = canonical_url(article.url) if article.url else None
        guid = guids.get(article.id)
        digest = content_hash(article.text)
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
        signature = _minhash(article.text)
        similar = lsh.query(signature) if signature is not None else []
        if similar:
            keeper = min(similar, key=kept.__getitem__)
            result.extra_sources.setdefault(keeper, []).append(article)
            continue
        if signature is not None:
            lsh.insert(article.id, signature)
        kept[article.id] = len(result.articles)
        result.articles.append(article)
    return result


def with_near_duplicates(
    articles: Iterable[Article], duplicates: Mapping[str, Sequence[Article]]
) -> list[Article]:
    """Each article followed by the near-duplicates merged into it (``extra_sources``)."""
    return [each for a in articles for each in (a, *duplicates.get(a.id, ()))]
