"""The state of a deployment, in SQLite: seen articles, feed validators, cached pages, runs,
and the digests already delivered.

Opened like a database: ``Store(path)`` or ``Store(":memory:")``, usable as a context manager.
Every change commits in its own transaction and the database runs in WAL mode, so a run killed
half-way loses nothing it already recorded, and the next run carries on from there.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from types import TracebackType

from summarizer.errors import StoreError
from summarizer.models import Article, FeedState, SourceProblem, from_jsonable, to_jsonable

_MIGRATIONS: tuple[tuple[str, str], ...] = (
    (
        "0001_initial",
        """
        CREATE TABLE articles (
            id TEXT PRIMARY KEY,
            canonical_url TEXT,
            guid TEXT,
            content_hash TEXT NOT NULL,
            feed TEXT,
            first_seen TEXT NOT NULL,
            digest_date TEXT NOT NULL,
            article_json TEXT NOT NULL
        );
        CREATE INDEX articles_url ON articles(canonical_url);
        CREATE INDEX articles_guid ON articles(guid);
        CREATE INDEX articles_hash ON articles(content_hash);
        CREATE INDEX articles_date ON articles(digest_date);
        CREATE TABLE feeds (
            url TEXT PRIMARY KEY,
            etag TEXT,
            last_modified TEXT,
            last_status TEXT,
            last_checked TEXT
        );
        CREATE TABLE pages (
            url TEXT PRIMARY KEY,
            fetched_at TEXT NOT NULL,
            page_json TEXT
        );
        CREATE TABLE runs (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            digest_date TEXT NOT NULL,
            started TEXT NOT NULL,
            finished TEXT,
            fetched INTEGER DEFAULT 0,
            new INTEGER DEFAULT 0,
            failed INTEGER DEFAULT 0,
            problems_json TEXT DEFAULT '[]'
        );
        """,
    ),
    (
        "0002_deliveries",
        """
        CREATE TABLE deliveries (
            digest_date TEXT NOT NULL,
            target TEXT NOT NULL,
            sent_at TEXT NOT NULL,
            PRIMARY KEY (digest_date, target)
        );
        """,
    ),
    (
        "0003_feed_problems",
        """
        ALTER TABLE feeds ADD COLUMN problems_json TEXT;
        ALTER TABLE feeds ADD COLUMN problems_day TEXT;
        """,
    ),
)


@dataclass(frozen=True, slots=True)
class SeenKeys:
    """What identifies an article already recorded, and which day it belongs to."""

    article_id: str
    canonical_url: str | None
    guid: str | None
    content_hash: str


def _now() -> str:
    return datetime.now(UTC).isoformat()


class Store:
    """SQLite state of a deployment (path or ``":memory:"``)."""

    def __init__(self, path: str | Path) -> None:
        try:
            if str(path) != ":memory:":
                Path(path).parent.mkdir(parents=True, exist_ok=True)
            # One connection, usable from any thread of the caller; the lock serialises its use.
            self._lock = threading.RLock()
            self._db = sqlite3.connect(str(path), timeout=30, check_same_thread=False)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.execute("PRAGMA foreign_keys=ON")
            self._migrate()
        except (sqlite3.Error, OSError) as exc:
            raise StoreError(f"cannot open the state store {path}: {exc}") from exc

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        self._db.close()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        try:
            with self._lock, self._db:
                yield self._db
        except sqlite3.Error as exc:
            raise StoreError(f"state store write failed: {exc}") from exc

    def _query(self, sql: str, parameters: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
        try:
            with self._lock:
                return self._db.execute(sql, parameters).fetchall()
        except sqlite3.Error as exc:
            raise StoreError(f"state store read failed: {exc}") from exc

    def _migrate(self) -> None:
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied TEXT)"
        )
        for name, script in _MIGRATIONS:
            # One write transaction per migration, taken before reading what is applied:
            # sqlite3 would commit each ALTER TABLE on its own, and two processes opening an
            # old store at once would both apply it ("duplicate column name" for good).
            self._db.execute("BEGIN IMMEDIATE")
            try:
                done = self._db.execute(
                    "SELECT 1 FROM schema_migrations WHERE name = ?", (name,)
                ).fetchone()
                if not done:
                    for statement in filter(str.strip, script.split(";")):
                        self._db.execute(statement)
                    self._db.execute("INSERT INTO schema_migrations VALUES (?, ?)", (name, _now()))
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise

    # Feeds -----------------------------------------------------------------------------
    def feed_state(self, url: str) -> FeedState:
        rows = self._query("SELECT etag, last_modified FROM feeds WHERE url = ?", (url,))
        return FeedState(*rows[0]) if rows else FeedState(None, None)  # type: ignore[arg-type]

    def feed_problems(self, url: str, day: date) -> list[SourceProblem]:
        """The problems of the feed's last full read when it was read for ``day``: a feed
        answering 304 Not Modified (a re-run, a second run of the day) has them still."""
        rows = self._query("SELECT problems_json, problems_day FROM feeds WHERE url = ?", (url,))
        if not rows or rows[0][1] != day.isoformat() or not rows[0][0]:
            return []
        return [from_jsonable(SourceProblem, item) for item in json.loads(str(rows[0][0]))]

    def record_feed(
        self, url: str, *, status: str, etag: str | None = None, last_modified: str | None = None
    ) -> None:
        """Remember a feed's outcome; validators are kept unless new ones arrive."""
        with self._transaction() as db:
            self._upsert_feed(db, url, status, etag, last_modified)

    @staticmethod
    def _upsert_feed(
        db: sqlite3.Connection,
        url: str,
        status: str,
        etag: str | None,
        last_modified: str | None,
    ) -> None:
        db.execute(
            """INSERT INTO feeds (url, etag, last_modified, last_status, last_checked)
                   VALUES (?, ?, ?, ?, ?)
                   ON CONFLICT(url) DO UPDATE SET
                     etag = COALESCE(excluded.etag, feeds.etag),
                     last_modified = COALESCE(excluded.last_modified, feeds.last_modified),
                     last_status = excluded.last_status,
                     last_checked = excluded.last_checked""",
            (url, etag, last_modified, status, _now()),
        )

    # Articles --------------------------------------------------------------------------
    def seen_day(self, keys: SeenKeys) -> date | None:
        """The digest day an article with these keys was first recorded for, if any."""
        rows = self._query(
            """SELECT digest_date FROM articles
               WHERE id = ? OR content_hash = ?
                  OR (canonical_url IS NOT NULL AND canonical_url = ?)
                  OR (guid IS NOT NULL AND guid = ?)
               ORDER BY digest_date LIMIT 1""",
            (keys.article_id, keys.content_hash, keys.canonical_url, keys.guid),
        )
        return date.fromisoformat(str(rows[0][0])) if rows else None

    def record_articles(
        self,
        items: Iterable[tuple[Article, SeenKeys, str | None]],
        *,
        day: date,
        feed: tuple[str, str, FeedState | None] | None = None,
        problems: Sequence[SourceProblem] = (),
    ) -> int:
        """Record new articles for ``day``, and the feed's (url, status, validators) and the
        problems of this read of it when given, in one transaction; returns how many
        articles were new."""
        added = 0
        with self._transaction() as db:
            if feed is not None and feed[2] is not None:
                url, status, validators = feed
                self._upsert_feed(db, url, status, validators.etag, validators.last_modified)
                db.execute(
                    "UPDATE feeds SET problems_json = ?, problems_day = ? WHERE url = ?",
                    (json.dumps([to_jsonable(p) for p in problems]), day.isoformat(), url),
                )
            for article, keys, feed in items:
                cursor = db.execute(
                    """INSERT OR IGNORE INTO articles
                       (id, canonical_url, guid, content_hash, feed, first_seen, digest_date,
                        article_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
                    (
                        article.id, keys.canonical_url, keys.guid, keys.content_hash, feed,
                        _now(), day.isoformat(), json.dumps(to_jsonable(article)),
                    ),
                )  # fmt: skip
                added += cursor.rowcount
        return added

    def articles_for(self, day: date) -> list[Article]:
        """Every article recorded for ``day``, in the order first seen."""
        rows = self._query(
            "SELECT article_json FROM articles WHERE digest_date = ? ORDER BY rowid",
            (day.isoformat(),),
        )
        return [from_jsonable(Article, json.loads(str(row[0]))) for row in rows]

    # Page cache --------------------------------------------------------------------------
    def cached_pages(self, urls: Iterable[str]) -> dict[str, dict[str, str]]:
        """The extracted pages kept for ``urls``, by URL ({} where extraction found nothing);
        a URL never fetched is not in it."""
        pages: dict[str, dict[str, str]] = {}
        for url in dict.fromkeys(urls):
            rows = self._query("SELECT page_json FROM pages WHERE url = ?", (url,))
            if rows:
                pages[url] = json.loads(str(rows[0][0])) if rows[0][0] else {}
        return pages

    def cache_pages(self, pages: Mapping[str, dict[str, str]]) -> None:
        """Remember extracted pages by URL ({} when extraction found nothing)."""
        with self._transaction() as db:
            db.executemany(
                "INSERT OR REPLACE INTO pages (url, fetched_at, page_json) VALUES (?, ?, ?)",
                [(url, _now(), json.dumps(page) if page else None) for url, page in pages.items()],
            )

    # Runs ---------------------------------------------------------------------------------
    def log_run(
        self,
        day: date,
        *,
        started: datetime,
        fetched: int,
        new: int,
        failed: int,
        problems: Sequence[dict[str, str]],
    ) -> None:
        """Append one run to the run log."""
        with self._transaction() as db:
            db.execute(
                """INSERT INTO runs (digest_date, started, finished, fetched, new, failed,
                   problems_json) VALUES (?, ?, ?, ?, ?, ?, ?)""",
                (day.isoformat(), started.isoformat(), _now(), fetched, new, failed,
                 json.dumps(list(problems))),
            )  # fmt: skip

    def runs(self) -> list[dict[str, object]]:
        names = ("id", "digest_date", "started", "finished", "fetched", "new", "failed")
        rows = self._query(f"SELECT {', '.join(names)} FROM runs ORDER BY id")
        return [dict(zip(names, row, strict=True)) for row in rows]

    # Deliveries ---------------------------------------------------------------------------
    def delivered(self, day: date) -> set[str]:
        """The targets (``email:reader@example.org``, ``notify:…``) ``day`` was sent to."""
        rows = self._query(
            "SELECT target FROM deliveries WHERE digest_date = ?", (day.isoformat(),)
        )
        return {str(row[0]) for row in rows}

    def record_delivery(self, day: date, target: str) -> None:
        """Remember that ``day``'s digest reached ``target`` (the latest time is kept)."""
        with self._transaction() as db:
            db.execute(
                "INSERT OR REPLACE INTO deliveries (digest_date, target, sent_at) VALUES (?, ?, ?)",
                (day.isoformat(), target, _now()),
            )
