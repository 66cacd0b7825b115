"""Agglomerative clustering on sparse links: average link over a similarity graph, and the
merge of groups by the cosine of their centroids.

scipy and scikit-learn only offer these on dense inputs; a day's similarity graph keeps each
article's strongest neighbours only, so a missing pair counts as similarity 0. Average link
splits the graph into its components of strong links first: each is small (a story and its
near misses), and scipy's compiled average linkage runs on its dense distances (a larger
one, on its sparse links).
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy import sparse
from scipy.cluster import hierarchy
from scipy.sparse.csgraph import connected_components


@dataclass(frozen=True, slots=True)
class Links:
    """A sparse similarity graph over ``nodes`` nodes: ``first[k]`` and ``second[k]`` are
    linked with ``similarity[k]``, each pair once. Arrays, not a dict per node: 100,000
    articles with up to 50 neighbours each are millions of links."""

    nodes: int
    first: np.ndarray
    second: np.ndarray
    similarity: np.ndarray

    @classmethod
    def of_pairs(
        cls, nodes: int, first: np.ndarray, second: np.ndarray, similarity: np.ndarray
    ) -> Links:
        """``Links`` of pairs given in either order, possibly more than once: the last
        similarity given for a pair stands."""
        low, high = np.minimum(first, second), np.maximum(first, second)
        codes = low.astype(np.int64) * max(nodes, 1) + high
        _, last = np.unique(codes[::-1], return_index=True)
        kept = len(codes) - 1 - last
        return cls(nodes, low[kept], high[kept], similarity[kept])


SETTLED_GROUP = 5
"""Outlets from which a group of headlines may take in another without a linked pair (see
``centroid_link``)."""


DENSE_COMPONENT = 3_000
"""Articles a component of strong links may have to be clustered on its dense distances
(36 MB of them at this size, and scipy's working copy); a larger one, a chain of related
stories on a day of one big topic, is clustered on its sparse links."""


def average_link(links: Links, threshold: float) -> list[int]:
    """Average-link agglomerative clustering on a sparse similarity graph; returns a group
    number per node (numbered by first member).

    A mean is never above its largest term, so two groups merge only across a link at or
    above ``threshold``: no group spans two components of the graph's strong links. Each
    component is clustered alone, without the weak links between components, which could
    not change a merge; a day's thousands of lone articles cost one pass."""
    strong = links.similarity >= threshold
    adjacency = sparse.csr_matrix(
        (np.ones(int(strong.sum())), (links.first[strong], links.second[strong])),
        shape=(links.nodes, links.nodes),
    )
    count, component = connected_components(adjacency, directed=False)
    labels = np.arange(count + 1)
    # Nodes, and the links inside a component, grouped by component (nodes in order).
    nodes = np.argsort(component, kind="stable")
    node_bounds = np.searchsorted(component[nodes], labels)
    inside = np.flatnonzero(component[links.first] == component[links.second])
    inside = inside[np.argsort(component[links.first[inside]], kind="stable")]
    link_bounds = np.searchsorted(component[links.first[inside]], labels)
    root = np.arange(links.nodes)
    for label in np.flatnonzero(np.diff(node_bounds) > 1).tolist():
        group = nodes[node_bounds[label] : node_bounds[label + 1]]
        if len(group) == 2:  # two nodes joined by a strong link: one group
            root[group] = group[0]
            continue
        own = inside[link_bounds[label] : link_bounds[label + 1]]
        first = np.searchsorted(group, links.first[own])
        second = np.searchsorted(group, links.second[own])
        cluster = _dense_average_link if len(group) <= DENSE_COMPONENT else _sparse_average_link
        _, first_member, story_of = np.unique(
            cluster(len(group), first, second, links.similarity[own], threshold),
            return_index=True,
            return_inverse=True,
        )
        root[group] = group[first_member][story_of]
    return _numbered(root.tolist())


def _dense_average_link(
    nodes: int, first: np.ndarray, second: np.ndarray, similarity: np.ndarray, threshold: float
) -> np.ndarray:
    """A group number per node of one component: scipy's average linkage (compiled, ~5x
    faster than the sparse merge at 100,000 articles) on its distances, the highest
    similarity minus each pair's (a pair without a link, similarity 0, is the farthest), cut
    where the mean similarity falls below ``threshold``. Average linkage has no inversions,
    so the cut gives the groups that merging the two groups of the highest mean similarity
    while it reaches the threshold gives, but for ties: where two merges that exclude each
    other score exactly the same, scipy may make the other one."""
    # From the highest similarity, not from 1: a text's cosine with its copy can come out a
    # hair above 1, and scipy takes no negative distance.
    top = max(1.0, float(similarity.max()))
    # The condensed form (pairs i < j, row by row) made directly: the square would be
    # twice its size.
    low, high = np.minimum(first, second), np.maximum(first, second)
    distances = np.full(nodes * (nodes - 1) // 2, top)
    distances[nodes * low - low * (low + 1) // 2 + high - low - 1] = top - similarity
    tree = hierarchy.linkage(distances, method="average")
    return hierarchy.fcluster(tree, t=top - threshold, criterion="distance")


def _sparse_average_link(
    nodes: int, first: np.ndarray, second: np.ndarray, similarity: np.ndarray, threshold: float
) -> np.ndarray:
    """The same on the component's links alone: memory grows with its links, not with the
    square of its nodes."""
    neighbours: dict[int, dict[int, float]] = {node: {} for node in range(nodes)}
    for a, b, value in zip(first.tolist(), second.tolist(), similarity.tolist(), strict=True):
        neighbours[a][b] = neighbours[b][a] = value
    return np.array(
        _agglomerate(
            neighbours,
            dict.fromkeys(range(nodes), 1.0),
            threshold,
            score=lambda total, a, b: total / (a * b),
            combine=lambda a, b, _total: a + b,
        )
    )


def centroid_link(
    matrix: sparse.csr_matrix,
    labels: Sequence[int],
    threshold: float,
    graph: Links,
    outlets: Sequence[str | None],
) -> list[int]:
    """Merge the groups of ``labels`` while the cosine of two groups' centroids (the sums of
    their rows of ``matrix``) is at least ``threshold``; a group number per row. Two groups
    merge only when ``graph`` links a pair across them (the pair has the evidence to be one
    story) or one of them is told by ``SETTLED_GROUP`` outlets or more (``outlets`` has each
    row's): such a group's centroid is the story's vocabulary, and a headline close to it on a
    rare word ("Titanfall reviewed") belongs. A group of one outlet's items settles nothing.

    Mean pairwise similarity falls as a story of headlines grows (each says the event in
    other words), while its centroid settles on the words they share: centroids tell two
    halves of one story apart from two stories."""
    groups: dict[int, list[int]] = {}
    for row, label in enumerate(labels):
        groups.setdefault(label, []).append(row)
    members = list(groups.values())
    group_of = {row: k for k, rows in enumerate(members) for row in rows}
    indicator = sparse.csr_matrix(
        (
            np.ones(len(labels), dtype=np.float32),
            ([group_of[r] for r in range(len(labels))], list(range(len(labels)))),
        ),
        shape=(len(members), len(labels)),
    )
    sums = indicator @ matrix
    # Per group pair: [dot product of their sums, linked pairs across them].
    links: dict[int, dict[int, np.ndarray]] = {k: {} for k in range(len(members))}
    gram = (sums @ sums.T).tocoo()
    for a, b, value in zip(gram.row, gram.col, gram.data, strict=True):
        if a != b and value > 0:
            links[int(a)][int(b)] = np.array([value, 0.0])
    for row, other in zip(graph.first.tolist(), graph.second.tolist(), strict=True):
        a, b = group_of[row], group_of[other]
        if a != b and b in links[a]:
            links[a][b] = links[a][b] + np.array([0.0, 0.5])
            links[b][a] = links[b][a] + np.array([0.0, 0.5])
    squared = np.asarray(sums.multiply(sums).sum(axis=1)).ravel()
    # Per group: (squared norm of its sum, its outlets).
    mass = {
        k: (float(squared[k]), frozenset(outlets[r] or f"row {r}" for r in rows))
        for k, rows in enumerate(members)
    }

    def cosine(link: np.ndarray, a: tuple[float, frozenset], b: tuple[float, frozenset]) -> float:
        settled = max(len(a[1]), len(b[1])) >= SETTLED_GROUP
        if not (link[1] > 0 or settled) or not (a[0] and b[0]):
            return 0.0
        return float(link[0] / np.sqrt(a[0] * b[0]))

    merged = _agglomerate(
        links,
        mass,
        threshold,
        score=cosine,
        combine=lambda a, b, link: (a[0] + b[0] + 2 * float(link[0]), a[1] | b[1]),
    )
    return _numbered([merged[group_of[row]] for row in range(len(labels))])


def _agglomerate(
    links: dict[int, dict[int, Any]],
    mass: dict[int, Any],
    threshold: float,
    *,
    score: Callable[[Any, Any, Any], float],
    combine: Callable[[Any, Any, Any], Any],
) -> list[int]:
    """Agglomerative clustering over sparse pairwise sums: ``links[a][b]`` is what two groups
    share (a sum of similarities, a dot product), ``mass[a]`` what a group holds (its size,
    its squared norm). The best pair by ``score(link, mass_a, mass_b)`` merges while it is at
    least ``threshold``; the merged group's links add up and its mass is ``combine(mass_a,
    mass_b, link_ab)``. Returns a group number per node (numbered by first member)."""
    links = {node: dict(edges) for node, edges in links.items()}
    mass = dict(mass)
    heap = [
        (-score(s, mass[a], mass[b]), a, b)
        for a, edges in links.items()
        for b, s in edges.items()
        if a < b and score(s, mass[a], mass[b]) >= threshold
    ]
    heapq.heapify(heap)
    parent = {node: node for node in links}
    while heap:
        negative, a, b = heapq.heappop(heap)
        if a not in links or b not in links or b not in links[a]:
            continue  # a group merged since this pair was queued
        if abs(-negative - score(links[a][b], mass[a], mass[b])) > 1e-9:
            continue  # stale score
        between = links[a][b]
        for other, total in links.pop(b).items():
            links[other].pop(b, None)
            if other != a:
                links[a][other] = links[a].get(other, 0.0) + total
                links[other][a] = links[a][other]
        links[a].pop(a, None)
        mass[a] = combine(mass[a], mass.pop(b), between)
        parent[b] = a
        for other, total in links[a].items():
            value = score(total, mass[a], mass[other])
            if value >= threshold:
                heapq.heappush(heap, (-value, min(a, other), max(a, other)))
    return _numbered([_root(parent, node) for node in sorted(parent)])


def _root(parent: dict[int, int], node: int) -> int:
    while parent[node] != node:
        parent[node] = parent[parent[node]]
        node = parent[node]
    return node


def _numbered(roots: list[int]) -> list[int]:
    numbers: dict[int, int] = {}
    return [numbers.setdefault(root, len(numbers)) for root in roots]
