"""The seed digest, the archive page and a hostile digest in a real headless Chromium.

Chromium comes from Debian (``apt-get install chromium``; ``.ci/run`` installs it); Playwright
drives it through ``executable_path`` and never downloads a browser build of its own.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from summarizer.config.settings import DigestSettings
from summarizer.models import KeyPoint, SourceRef
from summarizer.pipeline import run_pipeline
from summarizer.publish.days import publish_day
from tests.builders import make_digest, make_story
from tests.conftest import SEEDS

WIDTHS = (360, 1280)
SCHEMES = ("light", "dark")
DAYS = (date(2026, 11, 24), date(2026, 11, 25))

AUDIT = (Path(__file__).parent / "audit.js").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two days of the seed digest, built by the pipeline the README's command runs."""
    out = tmp_path_factory.mktemp("reports")
    for day in DAYS:
        run_pipeline([SEEDS], DigestSettings(day=day, out_dir=out, timezone="Europe/London"))
    return out


def _open(browser, url: str, width: int, scheme: str) -> tuple[object, dict[str, list[str]]]:
    page = browser.new_page(viewport={"width": width, "height": 900}, color_scheme=scheme)
    seen: dict[str, list[str]] = {"requests": [], "errors": [], "dialogs": []}
    page.on("request", lambda request: seen["requests"].append(request.url))
    page.on("console", lambda m: m.type == "error" and seen["errors"].append(m.text))
    page.on("pageerror", lambda error: seen["errors"].append(str(error)))
    page.on("dialog", lambda dialog: (seen["dialogs"].append(dialog.message), dialog.dismiss()))
    page.goto(url)
    page.wait_for_load_state("load")
    return page, seen


def _check(browser, path: Path, shots: Path) -> None:
    for width in WIDTHS:
        for scheme in SCHEMES:
            page, seen = _open(browser, path.as_uri(), width, scheme)
            audit = page.evaluate(AUDIT)
            page.screenshot(
                path=shots / f"{path.parent.name}-{path.stem}-{width}-{scheme}.png", full_page=True
            )
            page.close()
            assert audit["problems"] == [], (width, scheme)
            assert audit["checked"] > 10
            assert seen["errors"] == [] and seen["dialogs"] == []
            assert seen["requests"] == [path.as_uri()], "the page fetched something"


def test_seed_digest_reads_well_on_a_phone_and_a_desktop(browser, reports, tmp_path):
    page = reports / DAYS[-1].isoformat() / "digest.html"
    _check(browser, page, tmp_path)
    assert len(list(tmp_path.glob("*.png"))) == len(WIDTHS) * len(SCHEMES)


def test_archive_page_and_day_links_work(browser, reports, tmp_path):
    _check(browser, reports / "index.html", tmp_path)
    page, _ = _open(browser, (reports / "index.html").as_uri(), 360, "light")
    page.click("text=Wednesday 25 November 2026")
    assert page.url.endswith("2026-11-25/digest.html")
    page.click("text=← Previous day")
    assert page.url.endswith("2026-11-24/digest.html")
    page.click("text=All digests")
    assert page.url.endswith("index.html")
    page.close()


def test_every_contents_link_scrolls_to_its_story(browser, reports):
    path = reports / DAYS[-1].isoformat() / "digest.html"
    page, _ = _open(browser, path.as_uri(), 360, "light")
    links = page.eval_on_selector_all(
        ".contents a", "links => links.map(a => a.getAttribute('href'))"
    )
    assert len(links) >= 5
    for href in links:
        page.click(f".contents a[href='{href}']")
        top = page.evaluate(f"document.getElementById({href[1:]!r}).getBoundingClientRect().top")
        assert abs(top) < 5, href
    page.close()


def test_hostile_feed_content_runs_nothing_in_the_browser(browser, tmp_path):
    payload = "<img src=x onerror=alert(1)><script>alert(2)</script><svg onload=alert(3)>"
    story = make_story(
        headline=f"Headline {payload}",
        key_points=(KeyPoint(f"Point {payload}", "a1"),),
        sources=(SourceRef("a1", payload, "javascript:alert(4)", payload, None),),
    )
    publish_day(make_digest(story), tmp_path)
    page = tmp_path / "2026-11-25" / "digest.html"
    _, seen = _open(browser, page.as_uri(), 1280, "light")
    assert seen["dialogs"] == [] and seen["errors"] == []
    assert seen["requests"] == [page.as_uri()]


def test_an_edited_day_with_one_line_stories_reads_well(browser, tmp_path):
    from tests.pipeline.test_edited_digest import DAY_1, _day_one, _run

    _run(_day_one(tmp_path), DAY_1, tmp_path / "out", top=2)
    path = tmp_path / "out" / DAY_1.isoformat() / "digest.html"
    _check(browser, path, tmp_path)
    page, _ = _open(browser, path.as_uri(), 360, "light")
    briefs = page.eval_on_selector_all("#also-today ~ ul li, .briefs li", "items => items.length")
    assert briefs == 3
    page.close()


def test_the_email_fits_a_phone_and_loads_nothing(browser, reports, tmp_path):
    """What a mail client shows: the HTML part of the day's message, at 360 px and wide,
    with a long unbroken word (a URL pasted into a headline) in it."""
    from summarizer.deliver import build_message
    from summarizer.publish.days import load_digest

    digest = load_digest(reports, DAYS[-1])
    long_word = "https://example.org/" + "very-long-path-segment" * 8
    story = make_story(headline=f"Council approves budget {long_word}")
    for day_digest in (digest, make_digest(story)):
        message = build_message(
            day_digest,
            sender="digest@example.org",
            recipient="reader@example.org",
            base_url="https://news.example.org/digest/",
        )
        html = message.get_body(preferencelist=("html",))
        path = tmp_path / f"email-{len(list(tmp_path.glob('email-*')))}.html"
        path.write_text(html.get_content(), encoding="utf-8")
        _check(browser, path, tmp_path)
