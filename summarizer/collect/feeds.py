"""RSS 0.9x/1.0/2.0, Atom 0.3/1.0 and RDF feeds, parsed by feedparser into clean entries.

feedparser gets the fetched bytes *and* the response headers, so the charset a server declares
in ``Content-Type`` is used. A feed flagged ``bozo`` (malformed) is still used when it has
entries; the problem is reported beside them.
"""

from __future__ import annotations

import calendar
import html
import logging
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from time import struct_time
from typing import Any
from urllib.parse import urljoin

import feedparser
import lxml.html

from summarizer.errors import FeedParseError
from summarizer.identity import visible
from summarizer.models import FeedEntry

log = logging.getLogger(__name__)

# Dates before this or more than a day ahead are typos or placeholders, not publication times.
_EARLIEST = datetime(1995, 1, 1, tzinfo=UTC)
_FUTURE_SLACK = timedelta(days=1)
_TEASER_WORDS = 80
_TEASER_ENDINGS = ("…", "...", "[…]", "[...]", "read more", "continue reading", "more »")
_FEED_CONTENT_TYPES = ("xml", "rss", "atom", "rdf")


@dataclass(frozen=True, slots=True)
class ParsedFeed:
    title: str
    entries: tuple[FeedEntry, ...]
    problem: str | None = None  # set when the feed was malformed but still usable
    skipped: int = 0  # entries with neither a title nor any text

    def problems(self) -> list[str]:
        """What was wrong with a feed that still parsed, worded for the digest."""
        found = []
        if self.problem:
            found.append(f"used despite errors: {self.problem}")
        if self.skipped:
            noun = "entry" if self.skipped == 1 else "entries"
            found.append(f"{self.skipped} {noun} without a title or any text skipped")
        return found


def is_teaser(text: str) -> bool:
    """Short entry bodies, or ones that end in "Read more" or an ellipsis, are teasers."""
    words = text.split()
    if len(words) < _TEASER_WORDS:
        return True
    return text.rstrip().lower().endswith(_TEASER_ENDINGS)


# Markup that a feed escaped once more than it should ("&lt;div class=&quot;md&quot;&gt;", as
# Reddit's feeds do) survives one pass as literal tags and comments.
_LEFTOVER_MARKUP = re.compile(r"<!--|-->|</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>")


_BLOCKS = (
    *("p", "div", "section", "article", "header", "footer", "aside", "nav", "address"),
    *("blockquote", "figure", "figcaption", "ul", "ol", "li", "dl", "dt", "dd"),
    *("table", "caption", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "hr", "br"),
)
_CELLS = ("td", "th")
_BREAK = "\u2029"  # Unicode's paragraph separator, which ends a block wherever it is


def html_to_text(markup: str) -> str:
    """Visible text of an HTML fragment; paragraphs become blank-line separated blocks.
    Markup escaped inside the feed is unescaped and stripped too: a teaser is plain text."""
    text = _visible_text(markup)
    if _LEFTOVER_MARKUP.search(text):
        text = _visible_text(text.replace("\n\n", _BREAK))
    return text


def _visible_text(markup: str) -> str:
    if "<" not in markup:
        return _plain_text(html.unescape(markup))
    try:
        root = lxml.html.fragment_fromstring(markup, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return _plain_text(html.unescape(re.sub(r"<[^>]*>", " ", markup)))
    for bad in root.xpath(".//script|.//style"):
        bad.drop_tree()
    # Blocks and line breaks end a run of text: "by Adam Bender<br>This article…" is two
    # blocks, not "Adam BenderThis", and a div's own text stays beside its inner blocks. A
    # table's cells are words of one row; a <pre> keeps its lines.
    for element in root.iter(*_BLOCKS):
        element.text = _BREAK + (element.text or "")
        element.tail = _BREAK + (element.tail or "")
    for cell in root.iter(*_CELLS):
        cell.tail = " " + (cell.tail or "")
    for preformatted in root.iter("pre"):
        for node in preformatted.iter():
            node.text = node.text and node.text.replace("\n", _BREAK)
            if node is not preformatted:
                node.tail = node.tail and node.tail.replace("\n", _BREAK)
    return _blocks(root.text_content())


def _plain_text(text: str) -> str:
    """Plain text as a feed reader shows it: a line break inside a paragraph is a space
    ("mark on your\n    calendar!"), a blank line ends the paragraph."""
    return _blocks(re.sub(r"\n\s*\n", _BREAK, text))


def _blocks(text: str) -> str:
    """``text`` cut at each break into blocks of single-spaced words, a block that only
    repeats the one before it dropped."""
    blocks: list[str] = []
    for part in text.split(_BREAK):
        block = " ".join(part.split())
        if block and (not blocks or block != blocks[-1]):
            blocks.append(block)
    return "\n\n".join(blocks)


def _published(entry: Any, *, now: datetime) -> datetime | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if isinstance(value, struct_time):
            moment = datetime.fromtimestamp(calendar.timegm(value), tz=UTC)
            if _EARLIEST <= moment <= now + _FUTURE_SLACK:
                return moment
            log.info("ignoring implausible date %s on %r", moment, entry.get("title", ""))
            return None
    return None


# The footer Reddit puts on every entry ("submitted by /u/x to /r/y [link] [275 comments]"):
# the listing's furniture, not the post.
_LISTING_FOOTER = re.compile(
    r"\s*submitted\s*by\s*\S*?\s*(?:to\s*\S*)?\s*\[link\]\s*\[\d+\s*comments?\]\s*",
    re.IGNORECASE,
)


def _without_listing_footer(text: str) -> str:
    blocks: list[str] = []
    for block in _LISTING_FOOTER.sub("\n\n", text).split("\n\n"):
        block = block.strip()
        if block and block not in blocks:
            blocks.append(block)
    return "\n\n".join(blocks)


def _body(entry: Any) -> str:
    candidates = [c.get("value", "") for c in entry.get("content", []) if isinstance(c, dict)]
    candidates.append(entry.get("summary", ""))
    texts = [_without_listing_footer(html_to_text(c)) for c in candidates if c]
    return max(texts, key=len, default="")


def _entry(raw: Any, *, base_url: str, now: datetime) -> FeedEntry | None:
    link = raw.get("link") or None
    if link:
        link = urljoin(base_url, link.strip())
    title = visible(html_to_text(raw.get("title", ""))).strip() if raw.get("title") else ""
    text = visible(_body(raw)).strip()
    if not (title or text):
        return None
    return FeedEntry(
        title=" ".join(title.split()),
        link=link,
        guid=(raw.get("id") or raw.get("guid") or None),
        published=_published(raw, now=now),
        author=raw.get("author") or None,
        text=text,
    )


def parse_feed(
    content: bytes,
    *,
    url: str,
    headers: dict[str, str] | None = None,
    now: datetime | None = None,
) -> ParsedFeed:
    """Parse feed bytes; ``headers`` supply the declared charset and the base URL.

    Raises:
        FeedParseError: the bytes are not a feed (no entries and a parse error), or empty.
    """
    if not content.strip():
        raise FeedParseError(url, "empty response, not a feed")
    parsed = feedparser.parse(
        content, response_headers={k.lower(): v for k, v in (headers or {}).items()}
    )
    base = parsed.get("href") or url
    moment = now or datetime.now(UTC)
    candidates = [_entry(raw, base_url=base, now=moment) for raw in parsed.entries]
    entries = tuple(e for e in candidates if e)
    problem = None
    if parsed.bozo:
        error = parsed.get("bozo_exception")
        problem = f"malformed feed ({type(error).__name__}: {error})"
        if not entries:
            content_type = (headers or {}).get("content-type", "")
            hint = (
                ""
                if any(t in content_type for t in _FEED_CONTENT_TYPES)
                else (f"; served as {content_type!r}" if content_type else "")
            )
            raise FeedParseError(url, f"not a feed: {problem}{hint}")
    if not entries and not parsed.get("version"):
        raise FeedParseError(url, "not a feed: no RSS, Atom or RDF structure found")
    title = html_to_text(parsed.feed.get("title", "")) if parsed.get("feed") else ""
    return ParsedFeed(
        title=title, entries=entries, problem=problem, skipped=len(candidates) - len(entries)
    )
