"""OPML, the subscription-list format feed readers (Miniflux, FreshRSS, Feedly...) export.

Import reads nested outlines: every outline with an ``xmlUrl`` is a feed, named by its
``title`` or ``text``, tagged with the titles of the folders it sits in. Export writes OPML 2.0
with the tags as nested folders, so an import of the export gives the same feeds back.
XML is parsed with defusedxml: no entity expansion, no external entities.
"""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from collections.abc import Iterator, Sequence
from pathlib import Path

import defusedxml.ElementTree as SafeElementTree
import tomli_w
from defusedxml import DefusedXmlException

from summarizer.config import FeedConfig, load_config
from summarizer.errors import ConfigError


def _outlines(element: ElementTree.Element, folders: tuple[str, ...]) -> Iterator[FeedConfig]:
    for outline in element.findall("outline"):
        label = (outline.get("title") or outline.get("text") or "").strip()
        url = (outline.get("xmlUrl") or outline.get("xmlurl") or "").strip()
        if url:
            yield FeedConfig(url=url, name=label, tags=folders)
        yield from _outlines(outline, (*folders, label) if not url and label else folders)


def parse_opml(data: bytes) -> list[FeedConfig]:
    """The feeds of an OPML document, in document order, each URL once.

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
    feeds: dict[str, FeedConfig] = {}
    for feed in _outlines(body, ()):
        feeds.setdefault(feed.url, feed)
    return list(feeds.values())


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


def feeds_toml(feeds: Sequence[FeedConfig]) -> str:
    """``[[feeds]]`` tables for the given feeds."""
    tables = []
    for feed in feeds:
        table: dict[str, object] = {"url": feed.url}
        if feed.name:
            table["name"] = feed.name
        if feed.tags:
            table["tags"] = list(feed.tags)
        tables.append(table)
    return tomli_w.dumps({"feeds": tables})


def import_opml(opml_path: Path, sources_path: Path) -> list[FeedConfig]:
    """Append the OPML's feeds that ``sources.toml`` lacks; returns the feeds added.

    The existing file is kept as written (comments included); new tables go at its end.
    """
    try:
        feeds = parse_opml(opml_path.read_bytes())
    except OSError as exc:
        raise ConfigError(f"cannot read {opml_path}: {exc.strerror or exc}") from exc
    known = {f.url for f in load_config(sources_path).feeds} if sources_path.exists() else set()
    added = [f for f in feeds if f.url not in known]
    if added:
        existing = sources_path.read_text(encoding="utf-8") if sources_path.exists() else ""
        separator = "\n" if existing and not existing.endswith("\n\n") else ""
        if existing and not existing.endswith("\n"):
            separator = "\n\n"
        sources_path.write_text(existing + separator + feeds_toml(added), encoding="utf-8")
    return added


def export_opml(sources_path: Path) -> bytes:
    return render_opml(load_config(sources_path).feeds)
