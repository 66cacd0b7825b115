import gc
import random

import pytest
from datasketch import MinHashLSH

from summarizer.group.dedupe import deduplicate
from summarizer.identity import canonical_url, content_hash
from summarizer.models import Article

STORY = (
    "The city's new storm-surge barrier closed for the first time on Monday night as a North "
    "Sea storm pushed water levels to their highest point in eleven years, port officials said. "
    "Harbour master Ingrid de Vries said the two steel gates sealed the inner harbour within "
    "forty minutes and kept the quays dry while the tide peaked at three metres above normal."
)


@pytest.mark.parametrize(
    ("url", "canonical"),
    [
        ("HTTPS://News.Example.ORG/a/b#comments", "https://news.example.org/a/b"),
        ("http://x.org:80/a?utm_source=rss&utm_medium=feed&id=7", "http://x.org/a?id=7"),
        ("https://x.org:443/?fbclid=abc&b=2&a=1", "https://x.org/?a=1&b=2"),
        ("https://x.org:8443/a?gclid=1", "https://x.org:8443/a"),
        ("https://x.org", "https://x.org/"),
    ],
)
def test_canonical_url(url, canonical):
    assert canonical_url(url) == canonical


def test_content_hash_ignores_case_and_whitespace():
    assert content_hash("A  b\nC") == content_hash("a b c")


def test_deduplicate_empty():
    result = deduplicate([])
    assert result.articles == [] and result.dropped == 0


def test_deduplicate_frees_its_index_before_returning():
    # The index refers to itself; left to the collector, 100,000 articles' band tables
    # (~350 MB) stayed for the rest of the run.
    articles = [Article(id=str(n), text=f"{STORY} Update number {n}.") for n in range(20)]
    gc.disable()
    try:
        result = deduplicate(articles)
        assert not [o for o in gc.get_objects() if isinstance(o, MinHashLSH)]
    finally:
        gc.enable()
    assert len(result.articles) == 1 and len(result.extra_sources["0"]) == 19


def test_deduplicate_drops_same_url_guid_and_text():
    articles = [
        Article("1", "First text about the harbour.", url="https://x.org/a?utm_source=rss"),
        Article("2", "Other wording entirely here.", url="https://X.org/a#top"),
        Article("3", "Third text about trains.", url="https://x.org/c"),
        Article("4", "Fourth text about ferries.", url="https://x.org/d"),
        Article("5", "first   TEXT about the harbour.", url="https://y.org/z"),
    ]
    result = deduplicate(articles, guids={"3": "g-1", "4": "g-1"})
    assert [a.id for a in result.articles] == ["1", "3"]
    assert result.dropped == 3


def test_entries_without_a_word_are_not_near_duplicates_of_each_other():
    result = deduplicate([Article("a", "¤", source="One"), Article("b", "…", source="Two")])
    assert [a.id for a in result.articles] == ["a", "b"]
    assert result.extra_sources == {}


def test_deduplicate_merges_a_syndicated_story_as_an_extra_source():
    edited = STORY.replace("three metres", "3 metres").replace("port officials", "officials")
    articles = [
        Article("wire-a", STORY, source="Harbour Gazette"),
        Article("other", "A completely different story about a museum roof and its repairs."),
        Article("wire-b", edited, source="Coastal Times"),
    ]
    result = deduplicate(articles)
    assert [a.id for a in result.articles] == ["wire-a", "other"]
    assert [a.id for a in result.extra_sources["wire-a"]] == ["wire-b"]


def test_deduplicate_keeps_different_stories_on_the_same_topic():
    other = (
        "Engineers will inspect the concrete sills of the storm barrier this week, the port "
        "authority said, before the gates open again for regular traffic to the inner harbour."
    )
    result = deduplicate([Article("a", STORY), Article("b", other)])
    assert len(result.articles) == 2 and result.extra_sources == {}


def test_deduplicate_keeps_articles_that_share_only_part_of_a_story():
    # 300 pairs: a report, and another that opens with its first 70 words and goes on with 30
    # of its own (Jaccard of shingles ~0.5). LSH proposes about a third of them at a 0.7
    # threshold; only a similarity that reaches the threshold merges them.
    rng = random.Random(7)
    articles = []
    for pair in range(300):
        report = [f"w{rng.randrange(50_000)}" for _ in range(100)]
        other = report[:70] + [f"w{rng.randrange(50_000)}" for _ in range(30)]
        articles += [Article(f"{pair}a", " ".join(report)), Article(f"{pair}b", " ".join(other))]
    assert deduplicate(articles).extra_sources == {}
    merged = deduplicate(articles, threshold=0.2).extra_sources  # well below their similarity
    assert len(merged) >= 295


def test_deduplicate_finds_nearly_every_copy_with_a_few_words_changed():
    # 300 reports of 100 words, each copied with 2 words changed (Jaccard of shingles ~0.8):
    # LSH must propose nearly all of them for the exact check to merge.
    rng = random.Random(11)
    articles = []
    for pair in range(300):
        report = [f"w{rng.randrange(50_000)}" for _ in range(100)]
        copy = list(report)
        for position in rng.sample(range(100), 2):
            copy[position] = f"x{rng.randrange(50_000)}"
        articles += [Article(f"{pair}a", " ".join(report)), Article(f"{pair}b", " ".join(copy))]
    assert len(deduplicate(articles).extra_sources) >= 295
