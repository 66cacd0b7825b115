"""OPML, the subscription-list format feed readers (Miniflux, FreshRSS, Feedly...) export.

Import reads nested outlines: every outline with an ``xmlUrl`` is a feed, named by its
``title`` or ``text``, tagged with the titles of the folders it sits in. Export writes OPML 2.0
with the tags as nested folders, so an import of the export gives the same feeds back.
XML is parsed with defusedxml: no entity expansion, no external entities.
"""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import defusedxml.ElementTree as SafeElementTree
import tomlkit
import tomlkit.items
from defusedxml import DefusedXmlException

from summarizer.atomic import write_atomic
from summarizer.config import FeedConfig, config_from_text, feed_config, load_config
from summarizer.errors import ConfigError


@dataclass
class OpmlFeeds:
    """The feeds of an OPML document, and the outlines that are not usable feeds (why)."""

    feeds: list[FeedConfig] = field(default_factory=list)
    rejected: list[str] = field(default_factory=list)


def _outlines(
    element: ElementTree.Element, folders: tuple[str, ...]
) -> Iterator[tuple[str, str, tuple[str, ...]]]:
    """(feed URL, name, folders) of every outline with an ``xmlUrl``, depth first."""
    for outline in element.findall("outline"):
        label = (outline.get("title") or outline.get("text") or "").strip()
        url = (outline.get("xmlUrl") or outline.get("xmlurl") or "").strip()
        if url:
            yield url, label, folders
        yield from _outlines(outline, (*folders, label) if not url and label else folders)


def parse_opml(data: bytes) -> OpmlFeeds:
    """The feeds of an OPML document, in document order, each URL once; outlines that are
    not http(s) feeds are rejected with the reason.

    Raises:
        ConfigError: the document is not OPML, or uses forbidden XML features.
    """
    try:
        root = SafeElementTree.fromstring(data)
    except (ElementTree.ParseError, DefusedXmlException) as exc:
        raise ConfigError(f"not a usable OPML file: {exc}") from exc
    body = root.find("body")
    if root.tag != "opml" or body is None:
        raise ConfigError("not an OPML file: no <opml><body>")
    found = OpmlFeeds()
    seen: set[str] = set()
    for url, name, folders in _outlines(body, ()):
        try:
            feed = feed_config(url, name=name, tags=folders)
        except ConfigError as exc:
            found.rejected.append(str(exc))
            continue
        if feed.url not in seen:
            seen.add(feed.url)
            found.feeds.append(feed)
    return found


def render_opml(feeds: Sequence[FeedConfig], *, title: str = "newsdigest feeds") -> bytes:
    """OPML 2.0; a feed's tags become the nested folders it sits in (untagged: top level)."""
    root = ElementTree.Element("opml", version="2.0")
    head = ElementTree.SubElement(root, "head")
    ElementTree.SubElement(head, "title").text = title
    body = ElementTree.SubElement(root, "body")
    folders: dict[tuple[str, ...], ElementTree.Element] = {(): body}
    for feed in feeds:
        for depth in range(1, len(feed.tags) + 1):
            path = feed.tags[:depth]
            if path not in folders:
                folders[path] = ElementTree.SubElement(
                    folders[path[:-1]], "outline", text=path[-1], title=path[-1]
                )
        parent = folders[feed.tags]
        label = feed.name or feed.url
        ElementTree.SubElement(
            parent, "outline", type="rss", text=label, title=label, xmlUrl=feed.url
        )
    ElementTree.indent(root)
    return ElementTree.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def _feed_table(feed: FeedConfig) -> dict[str, object]:
    table: dict[str, object] = {"url": feed.url}
    if feed.name:
        table["name"] = feed.name
    if feed.tags:
        table["tags"] = list(feed.tags)
    return table


def with_feeds_appended(text: str, feeds: Sequence[FeedConfig]) -> str:
    """``text`` (a ``sources.toml``) with ``feeds`` added to its ``feeds`` list, everything
    it already says (comments, values, order of keys) kept.

    The edit goes through a TOML document, not the end of the text: after a ``[[feeds]]``
    table, a new ``feeds = [...]`` line would be read as a key of that table.
    """
    if text and not text.endswith("\n"):  # else the first new table joins the last line
        text += "\n"
    document = tomlkit.parse(text)
    listed = document.get("feeds")
    if listed is None:
        listed = tomlkit.aot()
        document.append("feeds", listed)
    for feed in feeds:
        if isinstance(listed, tomlkit.items.AoT):
            listed.append(tomlkit.item(_feed_table(feed)))
        else:  # written inline, ``feeds = [{ url = ... }]``: stay inline
            inline = tomlkit.inline_table()
            inline.update(_feed_table(feed))
            listed.append(inline)
    return tomlkit.dumps(document)


def import_opml(opml_path: Path, sources_path: Path) -> OpmlFeeds:
    """Add the OPML's feeds that ``sources.toml`` lacks to it; returns the feeds added and
    the outlines rejected.

    The existing file is kept as written (comments included). The new text is read back
    before it replaces the file (in one step): if it does not list every feed the file had
    plus the new ones, the file is left alone and the import fails.

    Raises:
        ConfigError: the OPML or ``sources.toml`` cannot be read, or the result would not
            hold every feed.
    """
    try:
        found = parse_opml(opml_path.read_bytes())
    except OSError as exc:
        raise ConfigError(f"cannot read {opml_path}: {exc.strerror or exc}") from exc
    before = load_config(sources_path).feeds if sources_path.exists() else ()
    known = {f.url for f in before}
    added = OpmlFeeds([f for f in found.feeds if f.url not in known], found.rejected)
    if not added.feeds:
        return added
    existing = sources_path.read_text(encoding="utf-8") if sources_path.exists() else ""
    updated = with_feeds_appended(existing, added.feeds)
    try:
        after = {f.url for f in config_from_text(updated, sources_path).feeds}
    except ConfigError as exc:
        raise ConfigError(
            f"{sources_path}: adding the feeds would break it ({exc}); nothing changed"
        ) from exc
    if after != known | {f.url for f in added.feeds}:
        raise ConfigError(
            f"{sources_path}: adding the feeds would lose some of them; nothing changed"
        )
    write_atomic(sources_path, updated)
    return added


def export_opml(sources_path: Path) -> bytes:
    return render_opml(load_config(sources_path).feeds)
