"""Story clustering on small hand-written sets: two events and noise."""

import numpy as np
import pytest

from summarizer.group import linkage
from summarizer.group.clustering import (
    HEADLINE_WORDS,
    Clustering,
    cluster_articles,
    is_headline_only,
    similarity_graph,
    vectors,
)
from summarizer.group.linkage import DENSE_COMPONENT, Links, average_link
from summarizer.models import Article

BARRIER = [
    "The storm-surge barrier in Rotterdam closed for the first time on Monday as a North Sea "
    "storm pushed water to record levels. Harbour master Ingrid de Vries said the steel gates "
    "sealed the harbour within 40 minutes.",
    "Rotterdam's new storm-surge barrier shut on Monday night for the first time, holding back "
    "a North Sea storm surge. The harbour master, Ingrid de Vries, said the gates closed in 40 "
    "minutes and the quays stayed dry.",
    "For the first time, the Rotterdam barrier against storm surges closed its steel gates as "
    "the North Sea storm peaked on Monday, harbour master Ingrid de Vries told reporters.",
]
ELECTION = [
    "Voters in Chile elected Maria Lopez as president on Sunday after a tight runoff against "
    "the conservative candidate, the electoral service said.",
    "Maria Lopez won Chile's presidential runoff on Sunday with 51 percent of the vote, "
    "becoming the country's president-elect, according to the electoral service.",
]
NOISE = [
    "A new bakery in Lyon sells sourdough bread made with ancient grains and local honey.",
    "Astronomers spotted a comet that will be visible to the naked eye in the spring sky.",
]


def _articles(texts, prefix):
    return [Article(id=f"{prefix}{i}", text=t) for i, t in enumerate(texts)]


def test_two_events_and_noise_come_out_as_four_stories():
    articles = _articles(BARRIER, "b") + _articles(NOISE[:1], "n") + _articles(ELECTION, "e")
    articles += _articles(NOISE[1:], "m")
    groups = cluster_articles(articles).groups()
    ids = sorted(sorted(articles[i].id for i in group) for group in groups)
    assert ids == [["b0", "b1", "b2"], ["e0", "e1"], ["m0"], ["n0"]]


def test_headlines_alone_still_group_the_same_event():
    headlines = [
        Article(id="1", text="Rotterdam storm barrier closes for the first time"),
        Article(id="2", text="Storm barrier in Rotterdam shuts as North Sea surge peaks"),
        Article(id="3", text="Chile elects Maria Lopez president in tight runoff"),
        Article(id="4", text="Maria Lopez wins Chile presidential runoff"),
        Article(id="5", text="Comet to be visible to the naked eye this spring"),
    ]
    assert is_headline_only(headlines)
    assert sorted(map(sorted, cluster_articles(headlines).groups())) == [[0, 1], [2, 3], [4]]


def test_a_day_is_of_headlines_when_most_of_its_texts_are_shorter_than_the_limit():
    def of(words: int) -> Article:
        return Article(id=str(words), text=" ".join(["word"] * words))

    assert is_headline_only([of(HEADLINE_WORDS - 1), of(HEADLINE_WORDS - 1), of(900)])
    assert not is_headline_only([of(HEADLINE_WORDS), of(HEADLINE_WORDS), of(1)])
    assert not is_headline_only([])


def test_title_case_headlines_are_not_read_as_one_long_name():
    headlines = [
        Article(id="1", text="Rotterdam Storm Barrier Closes For The First Time"),
        Article(id="2", text="Storm Barrier In Rotterdam Shuts As North Sea Surge Peaks"),
        Article(id="3", text="Chile Elects Maria Lopez President In Tight Runoff"),
        Article(id="4", text="Maria Lopez Wins Chile Presidential Runoff"),
    ]
    clustering = cluster_articles(headlines)
    assert sorted(map(sorted, clustering.groups())) == [[0, 1], [2, 3]]
    # Keywords are the headlines' words, not capitalised runs glued into one token.
    keywords = [k for story in clustering.stories for k in story.keywords]
    assert "storm" in keywords and not any(" " in k for k in keywords)


def test_every_article_alone_when_nothing_is_alike():
    articles = _articles(NOISE, "n")
    assert cluster_articles(articles).labels == (0, 1)
    assert cluster_articles([]).labels == ()
    assert cluster_articles([Article(id="x", text="1 2 3")]).labels == (0,)


def test_average_link_merges_by_mean_not_by_single_best_pair():
    # 0-1 alike, 2 alike only to 1: single link would chain all three, average link does not.
    graph = Links(3, np.array([0, 1]), np.array([1, 2]), np.array([0.9, 0.3]))
    assert average_link(graph, threshold=0.2) == [0, 0, 1]
    assert average_link(graph, threshold=0.1) == [0, 0, 0]


def _merged_while_the_best_mean_holds(links: Links, threshold: float) -> set[frozenset[int]]:
    """Average link as its definition reads: merge the two groups of the highest mean
    similarity over all their cross pairs (a missing pair counts 0) while it reaches the
    threshold."""
    similarity = np.zeros((links.nodes, links.nodes))
    similarity[links.first, links.second] = similarity[links.second, links.first] = links.similarity
    groups = [[node] for node in range(links.nodes)]
    while len(groups) > 1:
        mean, a, b = max(
            (similarity[np.ix_(groups[a], groups[b])].mean(), a, b)
            for a in range(len(groups))
            for b in range(a + 1, len(groups))
        )
        if mean < threshold:
            break
        groups[a] += groups.pop(b)
    return {frozenset(group) for group in groups}


@pytest.mark.parametrize("dense_component", [DENSE_COMPONENT, 2], ids=["dense", "sparse"])
def test_average_link_gives_the_groups_of_merging_while_the_best_mean_reaches_the_threshold(
    dense_component: int, monkeypatch: pytest.MonkeyPatch
):
    # Components of more than ``DENSE_COMPONENT`` nodes are clustered on their sparse links.
    monkeypatch.setattr(linkage, "DENSE_COMPONENT", dense_component)
    rng = np.random.default_rng(7)
    for _ in range(30):
        nodes = int(rng.integers(3, 25))
        pairs = np.array([(a, b) for a in range(nodes) for b in range(a + 1, nodes)])
        linked = pairs[rng.random(len(pairs)) < 0.3]
        links = Links(nodes, linked[:, 0], linked[:, 1], rng.random(len(linked)))
        for threshold in (0.1, 0.3, 0.6):
            labels = average_link(links, threshold)
            found = {
                frozenset(n for n in range(nodes) if labels[n] == label) for label in set(labels)
            }
            assert found == _merged_while_the_best_mean_holds(links, threshold)


@pytest.mark.parametrize("dense_component", [DENSE_COMPONENT, 2], ids=["dense", "sparse"])
def test_average_link_takes_a_similarity_a_hair_above_one(
    dense_component: int, monkeypatch: pytest.MonkeyPatch
):
    # A text's cosine with its copy, in float32, can come out above 1.
    monkeypatch.setattr(linkage, "DENSE_COMPONENT", dense_component)
    graph = Links(3, np.array([0, 1]), np.array([1, 2]), np.array([1.0000001, 0.3]))
    assert average_link(graph, threshold=0.2) == [0, 0, 1]
    assert average_link(graph, threshold=0.1) == [0, 0, 0]


def test_similarity_graph_keeps_only_the_strongest_neighbours():
    matrix = vectors(BARRIER + ELECTION)
    graph = similarity_graph(matrix, floor=0.0, neighbours=1)
    linked = np.concatenate([graph.first, graph.second])
    assert set(linked.tolist()) == set(range(matrix.shape[0]))  # each row has its neighbour
    assert (graph.first < graph.second).all()  # each pair once
    assert len(set(zip(graph.first.tolist(), graph.second.tolist(), strict=True))) == len(
        graph.first
    )


def test_groups_are_listed_by_first_article():
    assert Clustering((1, 0, 1, 2)).groups() == [[0, 2], [1], [3]]


def test_short_stories_sharing_only_a_phrase_stay_apart():
    """Three short reports of one city's day: two about the bridge, one about the library.
    "City council" in both the library and a bridge story is one phrase, not a shared event."""
    articles = [
        Article(
            "library",
            "The city council voted on Tuesday to keep the central library open until 9pm on "
            "weekdays.",
            "City council approves longer library hours",
        ),
        Article(
            "bridge-1",
            "The city council said the Harbour Bridge will close for two weeks of repairs to "
            "its cables.",
            "City council closes Harbour Bridge for repairs",
        ),
        Article(
            "bridge-2",
            "Harbour Bridge will shut for a fortnight while engineers repair its cables, "
            "officials said.",
            "Harbour Bridge to shut for cable repairs",
        ),
    ]
    assert cluster_articles(articles).groups() == [[0], [1, 2]]


def test_two_titles_sharing_one_word_are_two_stories():
    """One shared word, however rare, is no evidence: "Virginia" alone made a Reddit post
    about driving for Uber and a train crash one story."""
    titles = [
        Article("a", "Driving for Uber in Virginia", "Driving for Uber in Virginia"),
        Article(
            "b",
            "Train carrying GOP lawmakers hits truck in Virginia",
            "Train carrying GOP lawmakers hits truck in Virginia",
        ),
    ]
    assert cluster_articles(titles).groups() == [[0], [1]]


def test_a_title_close_to_a_big_storys_words_joins_it():
    """A big story's centroid is its vocabulary: "Titanfall reviewed" shares one word with
    each of its headlines, and belongs."""
    story = [
        "Titanfall launches on Xbox One and PC",
        "Xbox Live outage hits Titanfall launch",
        "Microsoft hopes Titanfall launch boosts Xbox One sales",
        "Titanfall launch day: Xbox One servers struggle",
        "Respawn patches Titanfall servers after Xbox launch",
    ]
    others = ["Sbarro pizza chain files for bankruptcy again", "Copper falls on China export data"]
    titles = [*story, "Titanfall reviewed", *others]
    articles = [Article(str(k), t, t) for k, t in enumerate(titles)]
    assert cluster_articles(articles).groups() == [[0, 1, 2, 3, 4, 5], [6], [7]]


def test_links_of_pairs_keep_each_pair_once_with_the_last_value_given():
    links = Links.of_pairs(
        4, np.array([0, 2, 1, 3]), np.array([1, 0, 0, 2]), np.array([0.1, 0.2, 0.3, 0.4])
    )
    found = {
        (a, b): value
        for a, b, value in zip(
            links.first.tolist(), links.second.tolist(), links.similarity.tolist(), strict=True
        )
    }
    assert found == {(0, 1): 0.3, (0, 2): 0.2, (2, 3): 0.4}
