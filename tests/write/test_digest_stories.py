"""The digest shows stories: articles of one event become one story with key points across
them, a merged roster and every source."""

from datetime import UTC, date, datetime

from summarizer.models import Article, ArticleAnalysis, Participants, Person
from summarizer.write.digest import build_digest, central_headline, story_from_articles
from tests.write.test_keypoints import A, B


def _analysis(article_id, outlet, sentences, headline, people=()):
    article = Article(
        id=article_id,
        text=" ".join(sentences),
        source=outlet,
        published=datetime(2026, 11, 24, 20, tzinfo=UTC),
    )
    return ArticleAnalysis(
        article,
        headline,
        tuple(sentences),
        tuple(sentences[:3]),
        Participants(people=tuple(people)),
    )


def test_articles_of_one_event_become_one_story():
    barrier = [
        _analysis(
            "a", "Gazette", A, "Storm barrier closes", [Person("Ingrid de Vries", "Harbour master")]
        ),
        _analysis("b", "Times", B, "Barrier shuts as storm hits", [Person("de Vries", None, 2)]),
    ]
    comet = _analysis(
        "x", "Wire", ["Elsewhere, a comet was seen over the hills tonight."], "Comet seen"
    )
    stories = [story_from_articles(barrier, points=4), story_from_articles([comet])]
    digest = build_digest(stories, day=date(2026, 11, 25), generated_at=datetime.now(UTC))
    assert [s.id for s in digest.stories] == ["a", "x"]
    story = digest.stories[0]
    assert [s.outlet for s in story.sources] == ["Gazette", "Times"]
    assert len(story.key_points) == 4 and {p.article_id for p in story.key_points} == {"a", "b"}
    assert story.participants.people == (
        Person("Ingrid de Vries", "Harbour master", 3, ("de Vries",)),
    )
    assert digest.article_count == 3


def test_the_most_central_title_heads_the_story():
    titles = [
        "Storm barrier closes for first time",
        "Comet over the hills",
        "Barrier closes as storm hits",
    ]
    assert central_headline(titles) in (0, 2)
    assert central_headline(["Only one"]) == 0
