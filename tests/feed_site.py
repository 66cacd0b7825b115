"""A real local web site of feeds for integration tests: ETag/304, content types, pages."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from tests.conftest import REPO

FIXTURES = REPO / "tests/data"


@dataclass
class FeedSite:
    """Serves registered documents with ETags and answers conditional GETs with 304."""

    server: HTTPServer
    documents: dict[str, tuple[bytes, str]] = field(default_factory=dict)
    conditional_hits: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.server.expect_request(
            "/", method="GET"
        )  # placeholder so the server is "configured"; real routing is below
        self.server.clear()
        self.server.no_handler_status_code = 404

    def add(self, path: str, content: bytes, content_type: str) -> str:
        self.documents[path] = (content, content_type)
        self.server.expect_request(path).respond_with_handler(self._handler)
        return self.server.url_for(path)

    def add_file(self, path: str, file: Path, content_type: str = "application/rss+xml") -> str:
        return self.add(path, file.read_bytes(), content_type)

    def replace(self, path: str, content: bytes) -> None:
        self.documents[path] = (content, self.documents[path][1])

    def _handler(self, request: Request) -> Response:
        content, content_type = self.documents[request.path]
        etag = '"' + hashlib.sha256(content).hexdigest()[:16] + '"'
        if request.headers.get("If-None-Match") == etag:
            self.conditional_hits.append(request.path)
            return Response(status=304, headers={"ETag": etag})
        return Response(content, content_type=content_type, headers={"ETag": etag})


def sources_toml(directory: Path, feeds: dict[str, str], **settings: object) -> Path:
    """Write a sources.toml for local test feeds (private hosts allowed: they are 127.0.0.1)."""
    lines = ["allow_private_hosts = true", 'output_dir = "reports"']
    for key, value in settings.items():
        lines.append(f"{key} = {str(value).lower() if isinstance(value, bool) else value}")
    lines.append(
        "[limits]\nread_timeout = 2\ntotal_timeout = 5\nretries = 1\nmax_retry_after = 0.1"
    )
    for name, url in feeds.items():
        lines.append(f'[[feeds]]\nurl = "{url}"\nname = "{name}"')
    path = directory / "sources.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def mixed_site(server: HTTPServer) -> FeedSite:
    """Feeds of every kind a day meets: RSS and Atom, Latin-1 and cp1252 with the charset
    only in the header, a teaser whose page has the full text, a missing feed, a home page."""
    site = FeedSite(server)
    site.add_file("/feeds/gazette.xml", FIXTURES / "feeds/wire_a.xml")
    site.add_file("/feeds/coastal.xml", FIXTURES / "feeds/wire_b.xml", "application/atom+xml")
    site.add_file(
        "/feeds/journal.xml",
        FIXTURES / "feeds/latin1_header_only.xml",
        "application/rss+xml; charset=iso-8859-1",
    )
    site.add_file(
        "/feeds/quay.xml",
        FIXTURES / "feeds/cp1252_header_only.xml",
        "text/xml; charset=windows-1252",
    )
    site.add_file("/2026/11/museum", FIXTURES / "pages/museum.html", "text/html; charset=utf-8")
    site.add("/feeds/homepage", b"<html><body><p>Welcome</p></body></html>", "text/html")
    return site


def mixed_feeds(site: FeedSite) -> dict[str, str]:
    """The feeds of :func:`mixed_site` by name, with one that is gone and one that is no feed."""
    return {
        "Harbour Gazette": site.server.url_for("/feeds/gazette.xml"),
        "Coastal Times": site.server.url_for("/feeds/coastal.xml"),
        "Le Journal du Port": site.server.url_for("/feeds/journal.xml"),
        "Quay Weekly": site.server.url_for("/feeds/quay.xml"),
        "Gone": site.server.url_for("/feeds/gone.xml"),
        "Homepage": site.server.url_for("/feeds/homepage"),
    }
