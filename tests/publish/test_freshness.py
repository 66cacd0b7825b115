import os

from summarizer.publish import freshness
from summarizer.publish.days import digest_paths


def test_fingerprint_follows_files_and_settings(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Text.", encoding="utf-8")
    first = freshness.inputs_fingerprint([article], {"sentences": 3})
    assert freshness.inputs_fingerprint([article], {"sentences": 3}) == first
    assert freshness.inputs_fingerprint([article], {"sentences": 4}) != first
    stat = article.stat()
    os.utime(article, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    assert freshness.inputs_fingerprint([article], {"sentences": 3}) != first


def test_up_to_date_needs_the_digest_files_and_the_same_fingerprint(tmp_path):
    day = tmp_path / "2026-11-25"
    assert not freshness.is_up_to_date(day, "abc")
    freshness.record(day, "abc")
    assert not freshness.is_up_to_date(day, "abc")  # no digest files yet
    for path in digest_paths(day).values():
        path.write_text("x", encoding="utf-8")
    freshness.record(day, "abc")
    assert freshness.is_up_to_date(day, "abc")
    assert not freshness.is_up_to_date(day, "abd")


def test_files_written_by_anything_else_are_not_up_to_date(tmp_path):
    """A run with feeds or from the Prefect UI rewrites the day; a disk error damages it."""
    day = tmp_path / "2026-11-25"
    day.mkdir()
    for path in digest_paths(day).values():
        path.write_text("{}", encoding="utf-8")
    freshness.record(day, "abc")
    digest_paths(day)["json"].write_text('{"stories": [', encoding="utf-8")
    assert not freshness.is_up_to_date(day, "abc")
    freshness.record(day, "abc")
    assert freshness.is_up_to_date(day, "abc")
    freshness.forget(day)
    assert not freshness.is_up_to_date(day, "abc")


def test_a_changed_checkout_is_not_up_to_date(tmp_path, monkeypatch):
    from summarizer.publish import freshness

    article = tmp_path / "a.txt"
    article.write_text("Text.", encoding="utf-8")
    assert len(freshness.code_fingerprint()) == 16  # version + a hash of the library's code
    before = freshness.inputs_fingerprint([article], {})
    monkeypatch.setattr(freshness, "code_fingerprint", lambda: "another checkout")
    assert freshness.inputs_fingerprint([article], {}) != before


def test_a_republished_earlier_day_makes_todays_threads_stale(tmp_path):
    """Today's threads continue the previous days' digests: republishing one of them (in
    the memory's 7 days) changes today's fingerprint; a day outside the window does not."""
    from dataclasses import replace
    from datetime import date, timedelta

    from summarizer.config.settings import DigestSettings
    from summarizer.publish.days import publish_day
    from tests.builders import make_digest, make_story

    today = date(2026, 11, 25)
    settings = DigestSettings(day=today, out_dir=tmp_path)
    yesterday = make_digest(make_story(), day=today - timedelta(days=1))
    publish_day(yesterday, tmp_path)
    first = freshness.run_fingerprint([], settings)
    old = make_digest(make_story(), day=today - timedelta(days=9))
    publish_day(old, tmp_path)
    assert freshness.run_fingerprint([], settings) == first
    changed = replace(yesterday, stories=(make_story(headline="A corrected headline"),))
    publish_day(changed, tmp_path)
    assert freshness.run_fingerprint([], settings) != first
