from datetime import UTC, date, datetime

import pytest

from summarizer.collect.collector import seen_keys
from summarizer.errors import StoreError
from summarizer.models import Article
from summarizer.store import Store

DAY = date(2026, 11, 25)


def _article(i: int) -> Article:
    return Article(f"id{i}", f"Text number {i}.", url=f"https://x.org/{i}")


def test_store_records_and_reads_back_articles_for_a_day():
    with Store(":memory:") as store:
        items = [(_article(i), seen_keys(_article(i), None), "feed") for i in range(3)]
        assert store.record_articles(items, day=DAY) == 3
        assert store.record_articles(items, day=DAY) == 0
        assert [a.id for a in store.articles_for(DAY)] == ["id0", "id1", "id2"]
        assert store.articles_for(date(2026, 11, 24)) == []


def test_store_seen_day_matches_any_key():
    with Store(":memory:") as store:
        article = _article(1)
        store.record_articles([(article, seen_keys(article, "guid-1"), "f")], day=DAY)
        same_url = Article("other", "Different text.", url="https://X.org/1?utm_source=a")
        same_guid = Article("other2", "Other text.", url="https://y.org/")
        assert store.seen_day(seen_keys(same_url, None)) == DAY
        assert store.seen_day(seen_keys(same_guid, "guid-1")) == DAY
        assert store.seen_day(seen_keys(Article("n", "New."), None)) is None


def test_store_feed_validators_survive_a_failed_fetch():
    with Store(":memory:") as store:
        store.record_feed("https://x.org/rss", status="200", etag='"v1"', last_modified="Tue")
        store.record_feed("https://x.org/rss", status="HTTP 500")
        state = store.feed_state("https://x.org/rss")
        assert (state.etag, state.last_modified) == ('"v1"', "Tue")


def test_store_is_durable_across_connections_and_uses_wal(tmp_path):
    path = tmp_path / "state.sqlite3"
    with Store(path) as store:
        store.record_articles([(_article(1), seen_keys(_article(1), None), "f")], day=DAY)
        store.log_run(DAY, started=datetime.now(UTC), fetched=2, new=1, failed=1, problems=[])
    with Store(path) as store:
        assert [a.id for a in store.articles_for(DAY)] == ["id1"]
        assert store.runs()[0]["new"] == 1
    assert (tmp_path / "state.sqlite3-wal").exists() or path.exists()
    import sqlite3

    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_store_a_crash_mid_run_keeps_what_was_recorded(tmp_path):
    path = tmp_path / "state.sqlite3"
    with pytest.raises(RuntimeError), Store(path) as store:
        store.record_articles([(_article(1), seen_keys(_article(1), None), "f")], day=DAY)
        raise RuntimeError("killed")
    with Store(path) as store:
        assert [a.id for a in store.articles_for(DAY)] == ["id1"]
        assert (
            store.record_articles(
                [(_article(i), seen_keys(_article(i), None), "f") for i in (1, 2)], day=DAY
            )
            == 1
        )


def test_store_page_cache_remembers_failures_too():
    with Store(":memory:") as store:
        assert store.cached_pages(["https://x.org/a"]) == {}
        store.cache_pages(
            {"https://x.org/a": {"text": "Body", "title": "T"}, "https://x.org/b": {}}
        )
        assert store.cached_pages(["https://x.org/a", "https://x.org/b", "https://x.org/c"]) == {
            "https://x.org/a": {"text": "Body", "title": "T"},
            "https://x.org/b": {},
        }


def test_store_unwritable_path_is_a_store_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(StoreError, match="cannot open the state store"):
        Store(blocker / "state.sqlite3")


def test_a_store_of_an_earlier_version_is_upgraded_once(tmp_path):
    import sqlite3

    from summarizer.store import _MIGRATIONS

    path = tmp_path / "state.sqlite3"
    old = sqlite3.connect(path)
    old.execute("CREATE TABLE schema_migrations (name TEXT PRIMARY KEY, applied TEXT)")
    for name, script in _MIGRATIONS[:2]:  # the store as 0002 left it
        old.executescript(script)
        old.execute("INSERT INTO schema_migrations VALUES (?, 'then')", (name,))
    old.commit()
    old.close()
    for _ in range(2):  # the second open finds it done and changes nothing
        with Store(path) as store:
            assert store.feed_problems("https://a.example/rss", date(2026, 11, 25)) == []
    columns = {row[1] for row in sqlite3.connect(path).execute("PRAGMA table_info(feeds)")}
    assert {"problems_json", "problems_day"} <= columns
