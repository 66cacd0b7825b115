"""Which pairs of a day's articles are worth comparing: blocking by shared key terms.

Comparing every pair costs n² (100,000 articles are five billion pairs). Two reports of one
event share their heaviest terms, the event's names and words, so each article is compared
only with the articles that share one of its key terms: its ``KEY_TERMS`` heaviest TF-IDF
terms that another article of the day also has. The key terms are an inverted index, read as
the sparse product of the key-term matrix with itself that keeps only each row's heaviest
entries as it multiplies (``sparse_dot_topn``, compiled and threaded): of each article's
candidates, the ones sharing the most key weight are kept, and the full product is never
held. A term that is a key of more than ``KEY_POSTINGS`` articles names a topic, not an event
("election", "police"), and blocks nothing: with it the cost would grow with the square of
its articles. The multiply-adds still grow with the sum of the squared postings (below the
cap, faster than the day), but they are cheap beside the exact scoring of the candidates,
which grows with the articles.
"""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import numpy as np
from scipy import sparse
from sparse_dot_topn import sp_matmul_topn

from summarizer.text.workers import default_threads

KEY_TERMS = 50
"""Heaviest terms of an article that make it a candidate of the articles sharing one."""
KEY_POSTINGS = 2000
"""Articles a key term may block together; a term that is a key of more is left out."""
_HEAVIEST = np.uint32(0xFFFF_FFFF)
_CHUNK = 8_192
_PAIR_ROWS = 8_192
_ENTRIES = 1 << 20


def key_terms(matrix: sparse.csr_matrix, keys: int = KEY_TERMS) -> sparse.csr_matrix:
    """Each row's ``keys`` heaviest entries among the terms of at least two rows (one row's
    own term pairs it with nothing), without the terms that are a key of more than
    ``KEY_POSTINGS`` rows."""
    shared = np.bincount(matrix.indices, minlength=matrix.shape[1]) >= 2
    rows, cols, weights = heaviest_entries(matrix, keys, columns=shared)
    key = sparse.csr_matrix((weights, (rows, cols)), shape=matrix.shape)
    blocking = (key.getnnz(axis=0) <= KEY_POSTINGS).astype(matrix.dtype)
    key = (key @ sparse.diags(blocking)).tocsr()
    key.eliminate_zeros()
    return key


def heaviest_entries(
    matrix: sparse.csr_matrix, count: int, *, columns: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Rows, columns and values of each row's ``count`` largest entries (non-negative), by
    row, then heaviest first (ties in column order); with ``columns``, a mask, only among
    those columns. Chosen a block of rows at a time, so that a large day's matrix is never
    copied whole."""
    found = []
    start = 0
    while start < matrix.shape[0]:
        # Rows up to ``_ENTRIES`` entries (at least one row): sorting a block costs ~80
        # bytes an entry.
        stop = max(start + 1, int(np.searchsorted(matrix.indptr, matrix.indptr[start] + _ENTRIES)))
        block = matrix[start:stop].tocoo()
        kept = block.data > 0 if columns is None else columns[block.col]
        rows, cols, weights = block.row[kept], block.col[kept], block.data[kept]
        heaviest = heaviest_per_row(rows, weights, count)
        found.append((rows[heaviest].astype(np.int64) + start, cols[heaviest], weights[heaviest]))
        start = stop
    if not found:
        return np.empty(0, np.int64), np.empty(0, np.int32), np.empty(0, matrix.dtype)
    rows, cols, weights = (np.concatenate(part) for part in zip(*found, strict=True))
    return rows, cols, weights


def candidate_pairs(
    matrix: sparse.csr_matrix, per_row: int, *, rows: int = _PAIR_ROWS
) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """Pairs of rows ``(first, second)``, ``first < second``: every row with the ``per_row``
    rows it shares the most key weight with (``per_row + 1`` when the row itself is not among
    its heaviest products; ties as ``sparse_dot_topn`` keeps them). Given in blocks, from the
    products of ``rows`` rows at a time, each pair once over all blocks, so that a caller
    scoring and filtering them block by block never holds every candidate of a large day
    (100,000 articles: five million) nor their scores."""
    key = key_terms(matrix)
    # The product keeps each row's heaviest entries as it goes, so a block of the day's
    # articles never holds every article that shares one of its keys.
    products = sp_matmul_topn(key, key.T.tocsr(), top_n=per_row + 1, n_threads=default_threads())
    del key
    products.sort_indices()
    size = np.int64(matrix.shape[0])
    # (row, column) of every product as one sorted number: a pair that both rows list is
    # given from the lower row only.
    listed = np.repeat(np.arange(size), np.diff(products.indptr)) * size + products.indices
    for start in range(0, matrix.shape[0], rows):
        entries = slice(products.indptr[start], products.indptr[min(start + rows, size)])
        row = listed[entries] // size
        column = products.indices[entries].astype(np.int64)
        lower = column < row
        mirrored = column[lower] * size + row[lower]
        at = np.searchsorted(listed, mirrored).clip(max=len(listed) - 1)
        both = np.zeros(len(row), dtype=bool)
        both[lower] = listed[at] == mirrored
        once = (column != row) & ~both
        yield np.minimum(row, column)[once], np.maximum(row, column)[once]


def pair_scores(
    matrix: sparse.csr_matrix,
    first: np.ndarray,
    second: np.ndarray,
    columns: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """For every k, the dot product of rows ``first[k]`` and ``second[k]`` (cosine for
    L2-normalised rows) and how many columns both rows have (among ``columns``, a mask, when
    given), in one pass over each pair's two rows: chunks of pairs, in threads (scipy's
    sparse kernels release the interpreter)."""
    similarity = np.empty(len(first), dtype=np.float32)
    shared = np.empty(len(first), dtype=np.int32)

    def score(start: int) -> None:
        stop = start + _CHUNK
        # Entries are positive, so the product's entries are the columns both rows have.
        products = matrix[first[start:stop]].multiply(matrix[second[start:stop]]).tocsr()
        similarity[start:stop] = np.asarray(products.sum(axis=1)).ravel()
        counted = np.ones(products.nnz, bool) if columns is None else columns[products.indices]
        running = np.concatenate([[0], np.cumsum(counted)])
        shared[start:stop] = running[products.indptr[1:]] - running[products.indptr[:-1]]

    with ThreadPoolExecutor(default_threads()) as threads:
        list(threads.map(score, range(0, len(first), _CHUNK)))
    return similarity, shared


def heaviest_per_row(rows: np.ndarray, weights: np.ndarray, count: int) -> np.ndarray:
    """Positions of each row's ``count`` largest weights (non-negative, compared as float32),
    by row, then heaviest first (ties by position)."""
    # One sort of (row, weight) packed in an integer is ~9x faster than ``np.lexsort`` on the
    # tens of millions of entries of a large day; a non-negative float32's bits sort like it.
    # (abs: a -0.0 has the sign bit set, and would sort as the heaviest.) Made in place, and
    # each row's rank from where its run of entries starts: at 100,000 articles every pair of
    # the day's graph is ranked, and each array of them is ~60 MB.
    packed = rows.astype(np.int64)
    packed <<= 32
    packed |= _HEAVIEST - np.abs(weights.astype(np.float32)).view(np.uint32)
    order = np.argsort(packed, kind="stable")
    del packed
    entries = np.bincount(rows)
    starts = np.cumsum(entries) - entries
    rank = np.arange(len(order))
    rank -= starts[rows[order]]
    return order[rank < count]
