"""The JSONL contracts of the batch commands (DESIGN §4): reading article and story lines,
writing result lines."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from summarizer.errors import ConfigError, NewsDigestError
from summarizer.models import Article, from_jsonable

T = TypeVar("T")


def read_lines(path: Path, parse: Callable[[Any], T], what: str) -> list[T]:
    """Every non-blank line of ``path`` parsed as JSON, then by ``parse``.

    Raises:
        NewsDigestError: a line is not JSON or not ``what``; the message names the line.
    """
    items = []
    try:
        with path.open(encoding="utf-8") as stream:
            for number, line in enumerate(stream, start=1):
                if not line.strip():
                    continue
                try:
                    items.append(parse(json.loads(line)))
                except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
                    raise NewsDigestError(f"{path}:{number}: not {what} line ({exc})") from exc
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path} is not JSONL: not UTF-8 text ({exc.reason})") from exc
    except OSError as exc:
        raise NewsDigestError(f"cannot read {path}: {exc.strerror or exc}") from exc
    return items


def read_articles(path: Path) -> list[Article]:
    """Article lines: ``{"id", "text", "title"?, "url"?, "source"?, "published"?}``."""
    return read_lines(path, partial(from_jsonable, Article), "an article")


def _story(data: dict[str, Any]) -> tuple[str, list[Article]]:
    articles = data["articles"]
    if not isinstance(articles, list):
        raise TypeError("articles must be a list")
    return str(data["id"]), [from_jsonable(Article, a) for a in articles]


def read_stories(path: Path) -> list[tuple[str, list[Article]]]:
    """Story lines: ``{"id", "articles": [article, ...]}``, as (id, articles) pairs."""
    return read_lines(path, _story, "a story")


def check_output_file(path: Path) -> None:
    """Make sure ``path`` can be written before any work starts.

    Raises:
        ConfigError: its directory cannot be created or written, or it is a directory.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ConfigError(f"cannot write {path}: {exc.strerror or exc}") from exc
    if path.is_dir():
        raise ConfigError(f"cannot write {path}: it is a directory")
    if not os.access(path.parent, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise ConfigError(f"cannot write {path}: permission denied")


def write_lines(path: Path, rows: Iterable[dict[str, Any]]) -> int:
    """Write one JSON object per line; returns how many.

    Raises:
        NewsDigestError: the file cannot be written.
    """
    count = 0
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("w", encoding="utf-8") as stream:
            for row in rows:
                stream.write(json.dumps(row, ensure_ascii=False) + "\n")
                count += 1
    except OSError as exc:
        raise NewsDigestError(f"cannot write {path}: {exc.strerror or exc}") from exc
    return count
