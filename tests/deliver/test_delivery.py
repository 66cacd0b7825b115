"""Delivery against real servers on loopback: an SMTP server (aiosmtpd, STARTTLS and a
login) and an HTTP server for Apprise's json:// notifications."""

from __future__ import annotations

import json
from email.message import EmailMessage
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer

from summarizer.config import parse_config
from summarizer.deliver import DeliveryFailed, build_message, deliver
from summarizer.models import KeyPoint, Participants, Person, SourceRef
from tests.builders import make_digest, make_story
from tests.conftest import unused_port
from tests.mail_server import PASSWORD, USER, MailServer, mail_server

BASE_URL = "https://news.example.org/digest/"
HOSTILE = '<script>alert("x")</script><img src="https://tracker.example/p.gif">'


@pytest.fixture
def smtp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> MailServer:
    with mail_server(tmp_path) as server:
        monkeypatch.setenv("SSL_CERT_FILE", str(server.certificate))
        monkeypatch.setenv("TEST_SMTP_USER", USER)
        monkeypatch.setenv("TEST_SMTP_PASSWORD", PASSWORD)
        yield server


def _config(tmp_path: Path, port: int, **email: Any) -> Any:
    table = {
        "to": ["Reader <reader@example.org>", "second@example.org"],
        "from": "News digest <digest@example.org>",
        "smtp_host": "127.0.0.1",
        "smtp_port": port,
        "username_env": "TEST_SMTP_USER",
        "password_env": "TEST_SMTP_PASSWORD",
        **email,
    }
    return parse_config({"output_dir": str(tmp_path / "out"), "base_url": BASE_URL, "email": table})


def _hostile_digest() -> Any:
    sources = (
        SourceRef("a1", HOSTILE, "javascript:alert(1)", "Evil <b>Outlet</b>", None),
        SourceRef("a2", "Fair report", "https://fair.example/report", "Fair Outlet", None),
    )
    story = make_story(
        headline=f"Council approves budget {HOSTILE}",
        key_points=(KeyPoint(f"The council voted {HOSTILE} on Monday.", "a1"),),
        participants=Participants(people=(Person("Ada <b>Lovelace</b>", "mayor", 2),)),
        sources=sources,
    )
    return make_digest(story)


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.links: list[str] = []
        self.sources: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        values = dict(attrs)
        if values.get("href") is not None:
            self.links.append(values["href"] or "")
        if values.get("src") is not None:
            self.sources.append(values["src"] or "")


def _parts(message: EmailMessage) -> tuple[str, str]:
    assert message.get_content_type() == "multipart/alternative"
    text = message.get_body(preferencelist=("plain",))
    html = message.get_body(preferencelist=("html",))
    assert text is not None and html is not None
    return text.get_content(), html.get_content()


def test_the_email_is_text_and_html_for_mail_clients_and_feed_text_stays_inert():
    digest = _hostile_digest()
    message = build_message(
        digest, sender="digest@example.org", recipient="reader@example.org", base_url=BASE_URL
    )
    text, html = _parts(message)
    assert message["Subject"].startswith("News digest — 25 November 2026: Council approves budget")
    parsed = _Links()
    parsed.feed(html)
    assert "script" not in parsed.tags and "img" not in parsed.tags and "link" not in parsed.tags
    assert "style" not in parsed.tags, "styles are inlined: mail clients drop <style>"
    assert parsed.sources == [], "nothing is loaded from anywhere"
    assert parsed.links and all(link.startswith("https://") for link in parsed.links)
    assert f"{BASE_URL}2026-11-25/digest.html" in parsed.links
    assert "javascript:" not in html and 'style="' in html
    assert "&lt;script&gt;" in html  # shown as text, as written
    assert "Council approves budget" in text and "<https://fair.example/report>" in text
    assert all(len(line) <= 76 or " " not in line.strip() for line in text.splitlines())


def test_without_a_base_url_the_email_has_no_relative_link():
    message = build_message(make_digest(make_story()), sender="d@example.org", recipient="r@x.org")
    _, html = _parts(message)
    parsed = _Links()
    parsed.feed(html)
    assert all(link.startswith(("https://", "http://")) for link in parsed.links)


def test_a_real_smtp_server_gets_one_message_per_reader_once_per_day(smtp, tmp_path):
    config = _config(tmp_path, smtp.port)
    digest = _hostile_digest()
    first = deliver(digest, config)
    assert [o.status for o in first.outcomes] == ["sent", "sent"]
    assert smtp.logins == [(USER, True)]
    assert sorted(rcpt for rcpt, _ in smtp.received) == [
        ["reader@example.org"],
        ["second@example.org"],
    ]
    _, message = smtp.received[0]
    assert message["From"] == "News digest <digest@example.org>"
    assert message["Auto-Submitted"] == "auto-generated"
    _parts(message)

    again = deliver(digest, config)
    assert [o.status for o in again.outcomes] == ["already sent", "already sent"]
    assert len(smtp.received) == 2
    forced = deliver(digest, config, resend=True)
    assert [o.status for o in forced.outcomes] == ["sent", "sent"]
    assert len(smtp.received) == 4


def test_a_refused_login_or_a_closed_port_is_named_and_nothing_is_recorded(
    smtp, tmp_path, monkeypatch
):
    digest = make_digest(make_story())
    monkeypatch.setenv("TEST_SMTP_PASSWORD", "wrong password")
    refused = deliver(digest, _config(tmp_path, smtp.port))
    assert [o.status for o in refused.outcomes] == ["failed", "failed"]
    assert "refused the login (535" in refused.outcomes[0].detail
    assert "wrong password" not in " ".join(refused.lines())
    with pytest.raises(DeliveryFailed, match="2 of 2 deliveries failed"):
        refused.raise_for_failures()

    closed = deliver(digest, _config(tmp_path, unused_port()))
    assert "connection refused" in closed.outcomes[0].detail

    monkeypatch.setenv("TEST_SMTP_PASSWORD", PASSWORD)
    later = deliver(digest, _config(tmp_path, smtp.port))
    assert [o.status for o in later.outcomes] == ["sent", "sent"]


def test_an_untrusted_certificate_is_refused(smtp, tmp_path, monkeypatch):
    monkeypatch.delenv("SSL_CERT_FILE")
    monkeypatch.setenv("SSL_CERT_DIR", str(tmp_path / "no-certificates"))
    report = deliver(make_digest(make_story()), _config(tmp_path, smtp.port))
    assert report.outcomes[0].status == "failed"
    assert "TLS with 127.0.0.1" in report.outcomes[0].detail


def test_a_missing_password_variable_is_one_clear_failure(smtp, tmp_path, monkeypatch):
    monkeypatch.delenv("TEST_SMTP_PASSWORD")
    report = deliver(make_digest(make_story()), _config(tmp_path, smtp.port))
    assert report.outcomes[0].detail == (
        "SMTP password: the environment variable TEST_SMTP_PASSWORD is not set"
    )
    assert smtp.logins == []


def test_a_json_notification_carries_the_top_headlines_and_the_link(tmp_path, httpserver):
    httpserver.expect_oneshot_request("/hook", method="POST").respond_with_data("ok")
    stories = tuple(make_story(headline=f"Headline number {n}") for n in range(1, 8))
    digest = make_digest(*stories)
    url = f"json://127.0.0.1:{httpserver.port}/hook"
    config = parse_config(
        {
            "output_dir": str(tmp_path / "out"),
            "base_url": BASE_URL,
            "notify": [{"url": url, "name": "team room"}],
        }
    )
    report = deliver(digest, config)
    assert report.lines() == ["sent the 2026-11-25 digest to team room"]
    request, _ = httpserver.log[0]
    payload = json.loads(request.get_data())
    assert payload["title"] == "News digest — Wednesday 25 November 2026"
    body = payload["message"]
    assert [f"Headline number {n}" in body for n in range(1, 8)] == [True] * 5 + [False] * 2
    assert "…and 2 more stories" in body and f"{BASE_URL}2026-11-25/digest.html" in body
    assert deliver(digest, config).outcomes[0].status == "already sent"
    assert len(httpserver.log) == 1


def test_a_notification_url_from_the_environment_is_never_shown(
    tmp_path, monkeypatch, httpserver: HTTPServer
):
    httpserver.expect_request("/secret-token-hook", method="POST").respond_with_data(
        "no", status=500
    )
    monkeypatch.setenv("TEST_CHAT_URL", f"json://127.0.0.1:{httpserver.port}/secret-token-hook")
    config = parse_config(
        {"output_dir": str(tmp_path / "out"), "notify": [{"url_env": "TEST_CHAT_URL"}]}
    )
    report = deliver(make_digest(make_story()), config)
    assert report.outcomes[0].status == "failed"
    assert "secret-token" not in " ".join(report.lines())
    assert report.outcomes[0].label == "notification from TEST_CHAT_URL"
