"""The candidate search of a day of full texts finds the pairs an exhaustive comparison links."""

import json

import numpy as np
import pytest
from scipy import sparse

from summarizer.group import candidates
from summarizer.group.candidates import candidate_pairs, heaviest_per_row
from summarizer.group.clustering import (
    CANDIDATES,
    FULL_TEXT_THRESHOLD,
    _vectorise,
    similarity_graph,
)
from summarizer.group.term_counts import document_text
from summarizer.models import Article
from tests.conftest import shared_file


def _wikiref() -> list[Article]:
    path = shared_file("data/clustering/wikiref220.jsonl")
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    return [Article(id=r["id"], title=r["title"], text=r["text"]) for r in rows]


def _multinews() -> list[Article]:
    path = shared_file("data/multidoc/multinews_dev.jsonl")
    events = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    return [
        Article(id=f"{e['id']}/{a['id']}", text=a["text"]) for e in events for a in e["articles"]
    ]


@pytest.mark.parametrize("day", [_wikiref, _multinews], ids=["wikiref", "multinews"])
def test_candidates_hold_the_pairs_every_pair_comparison_links(day):
    matrix, shared_words = _vectorise([document_text(a) for a in day()])
    graph = similarity_graph(matrix, floor=0.02, shared_words=shared_words)
    strong = graph.similarity >= FULL_TEXT_THRESHOLD
    linked = set(zip(graph.first[strong].tolist(), graph.second[strong].tolist(), strict=True))
    found = set(_pairs(candidate_pairs(matrix, per_row=CANDIDATES)))
    assert len(linked) > 100
    assert len(linked & found) / len(linked) >= 0.99


def _pairs(blocks):
    return [
        pair
        for first, second in blocks
        for pair in zip(first.tolist(), second.tolist(), strict=True)
    ]


def test_candidate_pairs_come_once_whatever_the_blocks():
    matrix, _ = _vectorise([document_text(a) for a in _wikiref()])
    whole = _pairs(candidate_pairs(matrix, per_row=5, rows=matrix.shape[0]))
    assert len(whole) == len(set(whole)) > 500
    assert all(first < second for first, second in whole)
    blocks = list(candidate_pairs(matrix, per_row=5, rows=7))
    assert len(blocks) == -(-matrix.shape[0] // 7)
    in_blocks = _pairs(blocks)
    assert sorted(in_blocks) == sorted(whole)
    # Each row with its heaviest products: a row listed by another comes with it.
    assert {row for pair in whole for row in pair} == set(range(matrix.shape[0]))


def test_pair_scores_are_the_cosines_and_the_shared_columns(monkeypatch):
    monkeypatch.setattr(candidates, "_CHUNK", 2)  # several chunks, scored side by side
    texts = [
        "storm barrier closes in Rotterdam Harbour",
        "Rotterdam harbour storm",
        "bread and honey",
        "the storm barrier in Rotterdam Harbour",
    ]
    matrix, shared_words = _vectorise([document_text(Article(id="", text=t)) for t in texts])
    assert shared_words is not None
    first, second = np.array([0, 0, 1, 3, 0]), np.array([1, 2, 2, 1, 3])
    exact = (matrix @ matrix.T).toarray()[first, second]
    binary = (matrix > 0).astype(np.int32)
    both = (binary @ binary.T).toarray()[first, second]
    similarity, shared = candidates.pair_scores(matrix, first, second)
    assert np.allclose(similarity, exact) and shared.tolist() == both.tolist()
    plain = shared_words.plain
    words = (binary[:, np.flatnonzero(plain)] @ binary[:, np.flatnonzero(plain)].T).toarray()
    _, shared_plain = candidates.pair_scores(matrix, first, second, plain)
    assert shared_plain.tolist() == words[first, second].tolist()
    assert shared[4] == shared_plain[4] + 1  # "rotterdam_harbour", a name, left out


def test_heaviest_per_row_keeps_each_rows_best_first():
    rows = np.array([0, 0, 0, 1, 1])
    weights = np.array([0.1, 0.5, 0.3, 0.2, 0.2])
    assert heaviest_per_row(rows, weights, 2).tolist() == [1, 2, 3, 4]
    # A -0.0 weighs nothing (its sign bit would otherwise sort it first).
    assert heaviest_per_row(np.zeros(3, int), np.array([0.5, -0.0, 0.5]), 2).tolist() == [0, 2]


def test_heaviest_entries_are_the_same_in_blocks_of_any_size(monkeypatch):
    matrix = sparse.random(300, 40, density=0.3, format="csr", dtype=np.float32, random_state=5)
    whole = candidates.heaviest_entries(matrix, 4)
    monkeypatch.setattr(candidates, "_ENTRIES", 7)  # a row or two a block
    assert all(
        np.array_equal(a, b)
        for a, b in zip(whole, candidates.heaviest_entries(matrix, 4), strict=True)
    )
    rows = whole[0]
    assert np.array_equal(np.unique(rows), np.flatnonzero(matrix.getnnz(axis=1)))
    assert np.bincount(rows).max() == 4
