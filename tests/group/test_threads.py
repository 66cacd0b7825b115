"""Threads: the memory of earlier days, matching today's stories to it, and key points that
do not repeat what a thread already showed."""

from datetime import date, timedelta

from summarizer.config.settings import DigestSettings
from summarizer.group.threads import follow_threads, keyword_overlap, remember
from summarizer.models import KeyPoint, SourceRef, StoryGroup, Thread
from summarizer.pipeline.editing import memory
from summarizer.publish.days import publish_day
from summarizer.text.words import is_repeat
from summarizer.write.keypoints import select_key_points
from tests.builders import make_digest, make_story

DAY = date(2026, 11, 25)
HARBOUR = ("harbour", "barrier", "gates", "storm", "de vries", "quays", "tide", "council")
RAIL = ("rail", "night", "trains", "coastal", "station", "authority", "summer", "union")


def _story(story_id, keywords, *, day, thread=None, points=(), sources=None):
    return make_story(
        id=story_id,
        headline=story_id,
        keywords=keywords,
        thread=thread or Thread(story_id, day),
        key_points=tuple(KeyPoint(p, story_id) for p in points),
        sources=sources or (SourceRef(story_id, story_id),),
    )


def test_remember_keeps_one_entry_per_thread_with_every_point_shown():
    first = make_digest(
        _story("h1", HARBOUR, day=DAY - timedelta(2), points=("Gates shut.",)),
        day=DAY - timedelta(2),
    )
    second = make_digest(
        _story(
            "h2",
            HARBOUR,
            day=DAY - timedelta(1),
            thread=Thread("h1", DAY - timedelta(2), 2, DAY - timedelta(2)),
            points=("A hinge jammed.",),
        ),
        day=DAY - timedelta(1),
    )
    (remembered,) = remember([second, first])
    assert remembered.thread == Thread("h1", DAY - timedelta(2), 2, DAY - timedelta(2))
    assert remembered.day == DAY - timedelta(1)
    assert remembered.shown_points == ("Gates shut.", "A hinge jammed.")
    assert remembered.article_ids == {"h1", "h2"}


def test_a_story_continues_its_best_matching_thread_and_others_start_new_ones():
    past = remember(
        [
            make_digest(
                _story("h1", HARBOUR, day=DAY - timedelta(1)),
                _story("r1", RAIL, day=DAY - timedelta(1)),
                day=DAY - timedelta(1),
            )
        ]
    )
    groups = [
        StoryGroup((0,), (0,), (*HARBOUR[:5], "repair", "hinge", "divers")),
        StoryGroup((1,), (1,), ("ferry", "island", "vessel", "fjord")),
    ]
    harbour, ferry = follow_threads(groups, [["h9"], ["f1"]], past, DAY)
    assert harbour.thread == Thread("h1", DAY - timedelta(1), 2, DAY - timedelta(1))
    assert ferry.thread == Thread("f1", DAY) and ferry.thread.is_new


def test_a_shared_article_continues_a_thread_whatever_the_words():
    past = remember(
        [make_digest(_story("h1", HARBOUR, day=DAY - timedelta(1)), day=DAY - timedelta(1))]
    )
    (state,) = follow_threads([StoryGroup((0,), (0,), ("other",))], [["x", "h1"]], past, DAY)
    assert state.thread.id == "h1" and state.seen_articles == {"h1"}


def test_only_earlier_days_are_memory():
    today = remember([make_digest(_story("h1", HARBOUR, day=DAY), day=DAY)])
    (state,) = follow_threads([StoryGroup((0,), (0,), HARBOUR)], [["h2"]], today, DAY)
    assert state.thread.is_new


def test_the_memory_reads_seven_published_days_and_skips_a_broken_one(tmp_path, caplog):
    for back in (1, 2, 8):
        day = DAY - timedelta(back)
        publish_day(make_digest(_story(f"s{back}", HARBOUR, day=day), day=day), tmp_path)
    (tmp_path / "2026-11-23/digest.json").write_text("{broken", encoding="utf-8")
    remembered = memory(DigestSettings(day=DAY, out_dir=tmp_path))
    assert [r.thread.id for r in remembered] == ["s1"]
    assert "2026-11-23" in caplog.text and "left out of the memory" in caplog.text


def test_keyword_overlap_needs_evidence_on_both_sides():
    assert keyword_overlap(frozenset("abcd"), frozenset("abce")) == 0.75
    # Two of four is half of the longer list; all of the shorter one no longer counts alone.
    assert keyword_overlap(frozenset("abcd"), frozenset("ab")) == 0.5
    assert keyword_overlap(frozenset("abcdefghij"), frozenset("a")) == 0.0  # one shared word
    assert keyword_overlap(frozenset("abcd"), frozenset("abxy"), sizes=(1, 5)) == 0.0
    assert keyword_overlap(frozenset("abcd"), frozenset("abcy"), sizes=(1, 5)) == 0.75
    assert keyword_overlap(frozenset(), frozenset("ab")) == 0.0


def test_is_repeat_sees_verbatim_and_near_verbatim_points():
    shown = ["The barrier's eight steel gates closed in forty minutes on Monday night."]
    assert is_repeat(shown[0], shown)
    assert is_repeat("The barrier's eight steel gates closed in 40 minutes on Monday night.", shown)
    assert not is_repeat("Engineers found a jammed hinge on the northern gate.", shown)


def test_key_points_skip_what_was_shown_and_lean_on_supporting_articles():
    first = (
        "The harbour barrier closed for the first time on Monday night.",
        "Engineers found a jammed hinge on the northern gate of the barrier.",
        "The council will publish a report on the closure next month.",
    )
    support = [("Officials said a hinge on the northern gate jammed during the closure.",)]
    points = select_key_points([("a", first)], count=2, support=support, shown=[first[0]])
    assert [p.text for p in points] == [first[1], first[2]]
    assert {p.article_id for p in points} == {"a"}
