"""Articles from local files: .txt, .md, .html, .json and .jsonl, one directory or glob at a time.

A file that cannot be used (empty, binary, too large, undecodable, unknown type) becomes a
:class:`~summarizer.models.SourceProblem`; the other files are still loaded. A JSONL file is
read as a stream, one line (one article) at a time, so it may be of any size: the cap is per
line, and the lines that cannot be used are one problem, the rest are loaded.
"""

from __future__ import annotations

import glob
import itertools
import json
import logging
from collections.abc import Iterator, Sequence
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

import lxml.html
import markdown

from summarizer.collect.feeds import parse_feed
from summarizer.collect.pages import extract_page
from summarizer.config.feeds import DEFAULT_MAX_FILE_BYTES
from summarizer.errors import ConfigError, FeedParseError, FileSourceError
from summarizer.identity import (
    article_id,
    canonical_url,
    decode_bytes,
    decode_text,
    looks_binary,
    visible,
)
from summarizer.models import Article, LoadResult, SourceProblem, from_jsonable

log = logging.getLogger(__name__)

FEED_SUFFIXES = (".xml", ".rss", ".atom", ".rdf")
SUPPORTED_SUFFIXES = (".txt", ".md", ".html", ".htm", ".json", ".jsonl", *FEED_SUFFIXES)
# Files a directory of inputs may hold beside articles without being inputs themselves.
_CONFIG_SUFFIXES = (".toml", ".opml")
# .json files and saved feeds hold many articles each, but are parsed whole: their cap is
# this many times the per-file cap (200 MB by default). JSONL is streamed, capped per line.
_BUNDLE_SUFFIXES = (".json", *FEED_SUFFIXES)
_BUNDLE_FACTOR = 20
# The bad lines of a JSONL file a problem names with their reasons; the rest are counted.
_NAMED_BAD_LINES = 3
# How much of an over-cap line is read at a time while it is skipped.
_SKIP_CHUNK = 1 << 20

_MARKDOWN_BLOCKS = ("h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "blockquote", "pre")


def _too_large(size: int, max_bytes: int, per: str) -> str:
    return f"{size / 1_048_576:.1f} MB, over the {max_bytes / 1_048_576:.0f} MB limit per {per}"


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    source = str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise FileSourceError(source, f"file is {_too_large(size, max_bytes, 'file')}")
        data = path.read_bytes()
    except OSError as exc:
        raise FileSourceError(source, f"cannot read file: {exc.strerror or exc}") from exc
    if not data.strip():
        raise FileSourceError(source, "empty file")
    return data


def _read(path: Path, max_bytes: int) -> str:
    text = decode_text(_read_bytes(path, max_bytes), source=str(path))
    if not text.strip():
        raise FileSourceError(str(path), "empty file")
    return text


def _from_record(record: Any, *, source: str, fallback_source: str) -> Article:
    if not isinstance(record, dict):
        raise FileSourceError(source, "expected a JSON object with a 'text' field")
    text = record.get("text") or record.get("article")
    title = record.get("title")
    text, title = (visible(v) if isinstance(v, str) else v for v in (text, title))
    if not (isinstance(text, str) and text.strip()) and isinstance(title, str) and title.strip():
        text = title  # a headline-only record is still news, as a headline-only feed entry
    if not isinstance(text, str) or not text.strip():
        raise FileSourceError(source, "record has neither 'text' nor 'title'")
    url = record.get("url") or None
    if not isinstance(url, str):
        url = None  # the id comes from the text; the record's own 'url' is refused below
    data = {
        **record,
        "title": title.strip() if isinstance(title, str) else title,
        "text": text,
        "id": record.get("id") or article_id(url=url, text=text),
        "source": record.get("source") or fallback_source,
    }
    try:
        return from_jsonable(Article, data)
    except (TypeError, ValueError) as exc:
        raise FileSourceError(source, f"bad field value: {exc}") from exc


def _markdown_text(text: str) -> tuple[str, str]:
    """(title, plain text) of a Markdown article; headings stay as their own blocks."""
    root = lxml.html.fragment_fromstring(markdown.markdown(text), create_parent="div")
    title = ""
    blocks = []
    for element in root.iter(*_MARKDOWN_BLOCKS):
        block = " ".join(element.text_content().split())
        if not block:
            continue
        if element.tag == "h1" and not title:
            title = block
            continue
        blocks.append(block)
    return title, "\n\n".join(blocks)


def _load_file(path: Path, *, max_bytes: int) -> Iterator[Article | SourceProblem]:
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        yield SourceProblem(
            str(path),
            f"unsupported file type {suffix or '(none)'!r}; "
            f"supported: {', '.join(SUPPORTED_SUFFIXES)}",
        )
        return
    if suffix == ".jsonl":
        yield from _load_jsonl(path, max_bytes=max_bytes)
        return
    if suffix in _BUNDLE_SUFFIXES:
        # One file, many articles: the cap is per article, so a bundle gets more room.
        max_bytes *= _BUNDLE_FACTOR
    if suffix in FEED_SUFFIXES:
        yield from _load_feed_file(path, max_bytes=max_bytes)
        return

    try:
        text = _read(path, max_bytes)
    except FileSourceError as exc:
        yield SourceProblem(exc.source, exc.reason)
        return
    outlet = path.name
    if suffix == ".txt":
        yield Article(id=article_id(text=text), text=text, source=outlet)
    elif suffix == ".md":
        title, body = _markdown_text(text)
        body = body or title  # a heading alone is a headline-only article
        yield Article(id=article_id(text=body), text=body, title=title, source=outlet)
    elif suffix in {".html", ".htm"}:
        page = extract_page(text)
        if page is None:
            yield SourceProblem(str(path), "no article text found in the HTML")
            return
        yield Article(
            id=article_id(url=page.url, text=page.text),
            text=page.text,
            title=page.title,
            url=page.url,
            source=page.site_name or outlet,
            published=page.published,
        )
    else:
        yield from _load_json(path, text, outlet=outlet)


def _load_feed_file(path: Path, *, max_bytes: int) -> Iterator[Article | SourceProblem]:
    """Entries of a feed saved on disk (no fetching: the entries' own text is used)."""
    try:
        parsed = parse_feed(_read_bytes(path, max_bytes), url=path.resolve().as_uri())
    except (FileSourceError, FeedParseError) as exc:
        yield SourceProblem(str(path), exc.reason)
        return
    for text in parsed.problems():
        yield SourceProblem(str(path), text)
    for entry in parsed.entries:
        text = entry.text if entry.text.strip() else entry.title  # headline-only entries count
        if text.strip():
            yield Article(
                id=article_id(url=canonical_url(entry.link) if entry.link else None, text=text),
                text=text,
                title=entry.title,
                url=entry.link,
                source=parsed.title or path.name,
                published=entry.published,
            )


def _parse_json(text: str, *, source: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise FileSourceError(source, f"not valid JSON: {exc.msg} (column {exc.colno})") from exc


def _load_json(path: Path, text: str, *, outlet: str) -> Iterator[Article | SourceProblem]:
    """Articles of a .json file: one article object, or an array of them.

    The file is parsed whole (the standard library has no streaming JSON parser, and none is
    a dependency), so it keeps a per-file cap: 20 times a single article's. A batch of any
    size belongs in JSONL, which is read a line at a time.
    """
    try:
        parsed = _parse_json(text, source=str(path))
    except FileSourceError as exc:
        yield SourceProblem(exc.source, exc.reason)
        return
    records = parsed if isinstance(parsed, list) else [parsed]
    for index, record in enumerate(records):
        label = f"{path}[{index}]" if isinstance(parsed, list) else str(path)
        try:
            yield _from_record(record, source=label, fallback_source=outlet)
        except FileSourceError as exc:
            yield SourceProblem(exc.source, exc.reason)


@dataclass
class _BadLines:
    """The lines of a JSONL file that could not be used: all counted, the first few named
    (a file of 100,000 bad lines is one problem of one line, not 100,000)."""

    count: int = 0
    named: list[str] = field(default_factory=list)

    def add(self, number: int, reason: str) -> None:
        self.count += 1
        if len(self.named) < _NAMED_BAD_LINES:
            self.named.append(f"line {number}: {' '.join(reason.split())}")

    def problem(self, path: Path, lines: int) -> SourceProblem:
        more = self.count - len(self.named)
        named = "; ".join(self.named) + (f"; and {more} more" if more else "")
        return SourceProblem(str(path), f"{self.count} of {lines} lines not used ({named})")


def _capped_lines(stream: BinaryIO, max_bytes: int) -> Iterator[tuple[int, bytes | None, int]]:
    """(number, bytes, size) of each line of ``stream``; a line over ``max_bytes`` has no
    bytes: it is skipped a chunk at a time, so not even a huge line is held whole."""
    for number in itertools.count(1):
        line = stream.readline(max_bytes + 1)  # + 1: a line at the cap still has its newline
        if not line:
            return
        size = len(line)
        if size <= max_bytes or line.endswith(b"\n"):
            yield number, line, size
            continue
        while line and not line.endswith(b"\n"):
            line = stream.readline(_SKIP_CHUNK)
            size += len(line)
        yield number, None, size


def _load_jsonl(path: Path, *, max_bytes: int) -> Iterator[Article | SourceProblem]:
    """Articles of a JSONL file, one object per line, read as a stream: only the current
    line's bytes are held, so the file may be of any size. Each line is one article and is
    capped as a single-article file is; each is decoded on its own (UTF-8, a BOM allowed,
    else the encoding detected for an earlier line, else detection), so one mis-encoded line
    does not change how the others read. The lines that cannot be used are one problem; the
    others are loaded."""
    bad = _BadLines()
    lines = 0
    encoding: str | None = None
    try:
        with path.open("rb") as stream:
            if looks_binary(stream.peek()):
                yield SourceProblem(str(path), "binary file, not text")
                return
            for number, data, size in _capped_lines(stream, max_bytes):
                if data is not None and not data.strip():
                    continue
                lines += 1
                if data is None:
                    bad.add(number, _too_large(size, max_bytes, "article"))
                    continue
                where = f"{path}:{number}"
                try:
                    text, used = decode_bytes(data, source=where, likely=encoding)
                    if used != "utf-8-sig":  # an ASCII line says nothing of the file's code page
                        encoding = used
                    record = _parse_json(text, source=where)
                    yield _from_record(record, source=where, fallback_source=path.name)
                except FileSourceError as exc:
                    bad.add(number, exc.reason)
    except OSError as exc:
        yield SourceProblem(str(path), f"cannot read file: {exc.strerror or exc}")
        if bad.count:
            yield bad.problem(path, lines)
        return
    if not lines:
        yield SourceProblem(str(path), "empty file")
    elif bad.count:
        yield bad.problem(path, lines)


def expand_paths(paths: Sequence[str | Path]) -> list[Path]:
    """Files named by paths, directories (searched recursively) and glob patterns, sorted.

    Raises:
        ConfigError: a path matches nothing, or no file at all is named.
    """
    files: list[Path] = []
    for entry in paths:
        path = Path(entry)
        if path.is_dir():
            files.extend(
                sorted(
                    p
                    for p in path.rglob("*")
                    if p.is_file()
                    and p.suffix.lower() not in _CONFIG_SUFFIXES
                    and not any(part.startswith(".") for part in p.relative_to(path).parts)
                )
            )
        elif path.is_file():
            files.append(path)
        elif glob.has_magic(str(entry)):
            matches = sorted(Path(p) for p in glob.glob(str(entry), recursive=True))
            if not matches:
                raise ConfigError(f"no files match {str(entry)!r}")
            files.extend(p for p in matches if p.is_file())
        else:
            raise ConfigError(f"no such file or directory: {str(entry)!r}")
    if not files:
        raise ConfigError("no input files: give article files, a directory or a glob")
    return list(dict.fromkeys(files))


def load_files(
    paths: Sequence[str | Path],
    *,
    max_bytes: int = DEFAULT_MAX_FILE_BYTES,
    quiet: bool = False,
    stop_after: int | None = None,
) -> LoadResult:
    """Load every article the paths name; unusable files become problems, not errors
    (logged as warnings, and the count as one line, unless ``quiet``: a pre-flight check
    that loads the files again later should not say everything twice). With
    ``stop_after``, reading stops as soon as that many articles are loaded (a check that
    the files hold an article need not read a large file to its end)."""
    result = LoadResult()
    seen: set[str] = set()
    for path in expand_paths(paths):
        result.files += 1
        with closing(_load_file(path, max_bytes=max_bytes)) as items:
            for item in items:
                if isinstance(item, SourceProblem):
                    if not quiet:
                        log.warning("%s: %s", item.source, item.reason)
                    result.problems.append(item)
                elif item.id in seen:
                    if not quiet:
                        log.info(
                            "%s: duplicate of an article already loaded (id %s)", path, item.id
                        )
                else:
                    seen.add(item.id)
                    result.articles.append(item)
                    if stop_after is not None and len(result.articles) >= stop_after:
                        return result
    if not quiet:  # debug: the load stage's own account says the same at info
        log.debug(
            "loaded %d articles from %d files (%d problems)",
            len(result.articles),
            result.files,
            len(result.problems),
        )
    return result
