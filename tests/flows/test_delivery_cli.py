"""`newsdigest run` and `newsdigest deliver` as a user runs them, with a real SMTP server on
loopback: the day's email goes out once, a failure leaves the published digest alone and
says so in the exit status, and the next run delivers."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import SEEDS, newsdigest
from tests.mail_server import PASSWORD, USER, MailServer, mail_server

DAY = "2026-11-25"
DELIVERY_FAILED = 3


@pytest.fixture
def smtp(tmp_path: Path) -> MailServer:
    with mail_server(tmp_path) as server:
        yield server


def _project(tmp_path: Path, port: int) -> Path:
    shutil.copytree(SEEDS, tmp_path / "articles")
    (tmp_path / "sources.toml").write_text(
        f"""
output_dir = "reports"
base_url = "https://news.example.org/digest/"

[files]
paths = ["articles"]

[email]
to = ["reader@example.org"]
from = "News digest <digest@example.org>"
smtp_host = "127.0.0.1"
smtp_port = {port}
username_env = "NEWSDIGEST_SMTP_USER"
password_env = "NEWSDIGEST_SMTP_PASSWORD"
""",
        encoding="utf-8",
    )
    return tmp_path / "sources.toml"


def _env(server: MailServer, password: str = PASSWORD) -> dict[str, str]:
    return {
        "SSL_CERT_FILE": str(server.certificate),
        "NEWSDIGEST_SMTP_USER": USER,
        "NEWSDIGEST_SMTP_PASSWORD": password,
        "PREFECT_HOME": str(server.certificate.parent / "prefect-home"),
    }


def test_run_emails_the_day_once_and_resend_sends_it_again(smtp, tmp_path):
    sources = _project(tmp_path, smtp.port)
    run = ("run", "--sources", str(sources), "--date", DAY)
    first = newsdigest(*run, cwd=tmp_path, **_env(smtp))
    assert first.returncode == 0, first.stderr
    assert len(smtp.received) == 1
    recipients, message = smtp.received[0]
    assert recipients == ["reader@example.org"]
    assert message["Subject"].startswith("News digest — 25 November 2026: ")
    assert PASSWORD not in first.stderr + first.stdout

    again = newsdigest(*run, cwd=tmp_path, **_env(smtp))
    assert again.returncode == 0, again.stderr
    assert "up to date" in again.stderr and len(smtp.received) == 1

    resent = newsdigest(*run, "--resend", cwd=tmp_path, **_env(smtp))
    assert resent.returncode == 0, resent.stderr
    assert len(smtp.received) == 2

    deliver = ("deliver", "--sources", str(sources), "--date", DAY)
    nothing = newsdigest(*deliver, cwd=tmp_path, **_env(smtp))
    assert nothing.returncode == 0, nothing.stderr
    assert "reader@example.org already has the 2026-11-25 digest" in nothing.stderr
    forced = newsdigest(*deliver, "--resend", cwd=tmp_path, **_env(smtp))
    assert forced.returncode == 0 and "sent the 2026-11-25 digest to email" in forced.stderr
    assert len(smtp.received) == 3


def test_a_refused_login_keeps_the_digest_and_the_next_run_delivers(smtp, tmp_path):
    sources = _project(tmp_path, smtp.port)
    run = ("run", "--sources", str(sources), "--date", DAY)
    failed = newsdigest(*run, cwd=tmp_path, **_env(smtp, password="not the password"))
    assert failed.returncode == DELIVERY_FAILED, failed.stderr
    assert "refused the login (535" in failed.stderr
    assert "not the password" not in failed.stderr + failed.stdout
    assert smtp.received == [] and smtp.logins  # smtplib tries PLAIN, then LOGIN
    assert not any(accepted for _, accepted in smtp.logins)
    day = tmp_path / "reports" / DAY
    published = {p.name: p.read_bytes() for p in day.glob("digest.*")}
    assert set(published) == {"digest.md", "digest.html", "digest.json"}
    assert str(day / "digest.md") in failed.stdout  # the run still says what it published

    later = newsdigest(*run, cwd=tmp_path, **_env(smtp))
    assert later.returncode == 0, later.stderr
    assert len(smtp.received) == 1
    assert {p.name: p.read_bytes() for p in day.glob("digest.*")} == published


def test_deliver_without_targets_or_without_the_day_is_one_line(tmp_path):
    (tmp_path / "sources.toml").write_text('output_dir = "reports"\n', encoding="utf-8")
    no_target = newsdigest("deliver", "--date", DAY, cwd=tmp_path)
    assert no_target.returncode == 2
    assert no_target.stderr.strip() == ("error: sources.toml names no [email] or [[notify]] target")
    (tmp_path / "sources.toml").write_text(
        'output_dir = "reports"\n[[notify]]\nurl = "json://127.0.0.1:9/hook"\n', encoding="utf-8"
    )
    no_day = newsdigest("deliver", "--date", DAY, cwd=tmp_path)
    assert no_day.returncode == 1
    assert no_day.stderr.startswith("error: ") and DAY in no_day.stderr
