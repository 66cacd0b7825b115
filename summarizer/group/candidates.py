"""Which pairs of a day's articles are worth comparing: blocking by shared key terms.

Comparing every pair costs n² (100,000 articles are five billion pairs). Two reports of one
event share their heaviest terms, the event's names and words, so each article is compared
only with the articles that share one of its key terms: its ``KEY_TERMS`` heaviest TF-IDF
terms that another article of the day also has. The key terms are an inverted index, read as
the sparse product of the key-term matrix with itself, a block of rows at a time; of each
article's candidates, the ones sharing the most key weight are kept. A term that is a key of
more than ``KEY_POSTINGS`` articles names a topic, not an event ("election", "police"), and
blocks nothing: with it the cost would grow with the square of its articles. So the work
grows with the articles, not with their pairs, and the candidates' similarities are then
computed exactly.
"""

from __future__ import annotations

import numpy as np
from scipy import sparse

KEY_TERMS = 50
"""Heaviest terms of an article that make it a candidate of the articles sharing one."""
KEY_POSTINGS = 2000
"""Articles a key term may block together; a term that is a key of more is left out."""
_BLOCK = 2048
_CHUNK = 65_536


def key_terms(matrix: sparse.csr_matrix, keys: int = KEY_TERMS) -> sparse.csr_matrix:
    """Each row's ``keys`` heaviest entries among the terms of at least two rows (one row's
    own term pairs it with nothing), without the terms that are a key of more than
    ``KEY_POSTINGS`` rows."""
    coo = matrix.tocoo()
    shared = np.bincount(coo.col, minlength=matrix.shape[1])[coo.col] >= 2
    rows, cols, weights = coo.row[shared], coo.col[shared], coo.data[shared]
    heaviest = heaviest_per_row(rows, weights, keys)
    key = sparse.csr_matrix(
        (weights[heaviest], (rows[heaviest], cols[heaviest])), shape=matrix.shape
    )
    blocking = (key.getnnz(axis=0) <= KEY_POSTINGS).astype(matrix.dtype)
    key = (key @ sparse.diags(blocking)).tocsr()
    key.eliminate_zeros()
    return key


def candidate_pairs(matrix: sparse.csr_matrix, per_row: int) -> tuple[np.ndarray, np.ndarray]:
    """Pairs of rows ``(first, second)``, ``first < second``, each once: every row with the
    ``per_row`` rows it shares the most key weight with."""
    key = key_terms(matrix)
    postings = key.T.tocsr()
    found = []
    for start in range(0, matrix.shape[0], _BLOCK):
        block = (key[start : start + _BLOCK] @ postings).tocoo()
        rows, cols, weights = block.row + start, block.col, block.data
        other = rows != cols
        rows, cols, weights = rows[other], cols[other], weights[other]
        best = heaviest_per_row(rows, weights, per_row)
        first, second = np.minimum(rows[best], cols[best]), np.maximum(rows[best], cols[best])
        found.append(first.astype(np.int64) * matrix.shape[0] + second)
    if not found:
        return np.empty(0, np.int64), np.empty(0, np.int64)
    pairs = np.unique(np.concatenate(found))
    return pairs // matrix.shape[0], pairs % matrix.shape[0]


def pair_similarities(
    matrix: sparse.csr_matrix, first: np.ndarray, second: np.ndarray
) -> np.ndarray:
    """The dot product of rows ``first[k]`` and ``second[k]`` for every k (cosine for
    L2-normalised rows), a chunk of pairs at a time."""
    result = np.empty(len(first), dtype=np.float32)
    for start in range(0, len(first), _CHUNK):
        stop = start + _CHUNK
        products = matrix[first[start:stop]].multiply(matrix[second[start:stop]])
        result[start:stop] = np.asarray(products.sum(axis=1)).ravel()
    return result


def heaviest_per_row(rows: np.ndarray, weights: np.ndarray, count: int) -> np.ndarray:
    """Positions of each row's ``count`` largest weights, by row, then heaviest first (ties
    by position)."""
    order = np.lexsort((-weights, rows))
    ordered = rows[order]
    rank = np.arange(len(order)) - np.searchsorted(ordered, ordered, side="left")
    return order[rank < count]
