"""The Prefect flow end to end, under one temporary Prefect API for the session."""

import datetime as dt
import json
import shutil
from importlib.resources import files
from pathlib import Path

import feedparser
import jsonschema
import pytest

from summarizer.errors import ConfigError
from tests.conftest import SEEDS, shared_file
from tests.flows.api import run_artifacts

pytestmark = pytest.mark.prefect


def test_daily_digest_on_seeds_writes_all_three_files(prefect_harness, tmp_path):
    from flows.daily_digest import daily_digest

    written = daily_digest(sources=[str(SEEDS)], date="2026-11-25", out_dir=str(tmp_path))
    day = tmp_path / "2026-11-25"
    assert {fmt: str(day / f"digest.{fmt}") for fmt in ("md", "html", "json")} == written
    digest = json.loads((day / "digest.json").read_text(encoding="utf-8"))
    assert digest["date"] == "2026-11-25"
    assert digest["counts"]["stories"] == 6 and digest["problems"] == []
    gold = json.loads(shared_file("gold/seed_participants.json").read_text(encoding="utf-8"))
    seed_story = next(
        s for s in digest["stories"] if s["sources"][0]["outlet"] == "000_726b05e1c8879489.txt"
    )
    people = seed_story["participants"]["people"]
    assert sorted(p["name"] for p in people) == sorted(p["name"] for p in gold["people"])
    assert all(p.get("role") for p in people)
    markdown = (day / "digest.md").read_text(encoding="utf-8")
    assert "**Keir Starmer** — British Prime Minister" in markdown
    assert "Trump phone call" not in markdown
    assert "<h1>News digest" in (day / "digest.html").read_text(encoding="utf-8")
    schema = json.loads(
        files("summarizer.publish.render").joinpath("digest.schema.json").read_text()
    )
    jsonschema.validate(digest, schema, format_checker=jsonschema.FormatChecker())
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert 'href="2026-11-25/digest.html"' in index
    assert len(feedparser.parse((tmp_path / "feed.xml").read_bytes()).entries) == 1


def test_daily_digest_reports_bad_files_and_publishes_the_rest(prefect_harness, tmp_path):
    from flows.daily_digest import daily_digest

    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copy(SEEDS / "102_rail_timetable.md", inputs)
    (inputs / "broken.bin.txt").write_bytes(b"\x00\x01\x02")
    (inputs / "empty.txt").write_text("", encoding="utf-8")
    daily_digest(sources=[str(inputs)], date="2026-11-24", out_dir=str(tmp_path / "out"))
    digest = json.loads((tmp_path / "out/2026-11-24/digest.json").read_text(encoding="utf-8"))
    assert digest["counts"]["articles"] == 1
    assert {p["reason"] for p in digest["problems"]} == {"binary file, not text", "empty file"}
    markdown = (tmp_path / "out/2026-11-24/digest.md").read_text(encoding="utf-8")
    assert "## Source problems" in markdown and "binary file, not text" in markdown


@pytest.mark.parametrize(
    ("parameters", "message"),
    [
        ({"algorithm": "nope"}, r"algorithm: Input should be 'centrality', 'default', 'edmundson'"),
        ({"date": "25/11/2026"}, r"date: Input should be a valid date"),
        ({"key_points": 0}, r"key_points: Input should be greater than or equal to 1"),
        ({"key_points": 11}, r"key_points: Input should be less than or equal to 10"),
        ({"top_stories": -2}, r"top_stories: Input should be greater than or equal to 0"),
        ({"top_stories": 201}, r"top_stories: Input should be less than or equal to 200"),
    ],
)
def test_daily_digest_rejects_bad_parameters_before_work(
    prefect_harness, tmp_path, parameters, message
):
    from prefect.exceptions import ParameterTypeError

    from flows.daily_digest import daily_digest

    with pytest.raises(ParameterTypeError, match=message):
        daily_digest(sources=[str(SEEDS)], out_dir=str(tmp_path), **parameters)
    assert not any(tmp_path.iterdir())


def test_daily_digest_without_any_source_is_a_config_error(prefect_harness, tmp_path):
    from flows.daily_digest import daily_digest

    with pytest.raises(ConfigError, match="no sources given"):
        daily_digest(out_dir=str(tmp_path))


def test_daily_digest_from_a_sources_file_lists_failing_feeds(
    prefect_harness, httpserver, tmp_path
):
    from flows.daily_digest import daily_digest
    from tests.feed_site import FIXTURES, FeedSite, sources_toml

    site = FeedSite(httpserver)
    feeds = {
        "Harbour Gazette": site.add_file("/gazette.xml", FIXTURES / "feeds/wire_a.xml"),
        "Broken": site.server.url_for("/missing.xml"),
    }
    config = sources_toml(tmp_path, feeds, base_url='"https://news.example.org/daily"')
    written = daily_digest(sources_file=str(config), date="2026-11-24")
    assert written["md"] == str(tmp_path / "reports/2026-11-24/digest.md")
    markdown = (tmp_path / "reports/2026-11-24/digest.md").read_text(encoding="utf-8")
    assert "Storm barrier closes for the first time &amp; holds" in markdown
    assert "- `` Broken ``: HTTP 404 NOT FOUND" in markdown
    assert (tmp_path / "reports/state.sqlite3").exists()
    feed = feedparser.parse((tmp_path / "reports/feed.xml").read_bytes())
    assert not feed.bozo
    assert feed.entries[0].link == "https://news.example.org/daily/2026-11-24/digest.html"


def test_a_rerun_reuses_the_cached_analysis(prefect_harness, tmp_path, monkeypatch):
    import flows.daily_digest as module
    import summarizer.pipeline.editing as pipeline

    calls = []
    real_analyse = pipeline.analyse_articles

    def counting(articles, **options):
        calls.append(len(articles))
        return real_analyse(articles, **options)

    monkeypatch.setattr(pipeline, "analyse_articles", counting)
    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copy(SEEDS / "102_rail_timetable.md", inputs)
    for attempt in ("first", "rerun"):
        module.daily_digest(
            sources=[str(inputs)], date="2026-11-23", out_dir=str(tmp_path / attempt), key_points=4
        )
    assert calls == [1]
    first = json.loads((tmp_path / "first/2026-11-23/digest.json").read_text(encoding="utf-8"))
    rerun = json.loads((tmp_path / "rerun/2026-11-23/digest.json").read_text(encoding="utf-8"))
    assert first["stories"] == rerun["stories"]


def test_changed_code_never_reuses_a_cached_analysis(prefect_harness, tmp_path, monkeypatch):
    """After an upgrade (same inputs, new code) the analysis runs again."""
    import flows.daily_digest as module
    import flows.stage_tasks as tasks
    import summarizer.pipeline.editing as pipeline

    calls = []
    real_analyse = pipeline.analyse_articles
    monkeypatch.setattr(
        pipeline,
        "analyse_articles",
        lambda articles, **options: calls.append(1) or real_analyse(articles, **options),
    )
    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copy(SEEDS / "101_harbour_flood_barrier.txt", inputs)
    for version in ("code-a", "code-b"):
        monkeypatch.setattr(tasks, "code_fingerprint", lambda v=version: v)
        module.daily_digest(
            sources=[str(inputs)], date="2026-11-22", out_dir=str(tmp_path / version)
        )
    assert calls == [1, 1]


def test_a_run_without_a_date_says_which_day_it_built_and_why(prefect_harness, tmp_path):
    """The UI's date picker drops what it cannot read (2026-02-30) and the run gets no date:
    its name, first own log line and digest artifact say so instead of passing in silence."""
    from prefect import get_client
    from prefect.client.schemas.filters import LogFilter, LogFilterFlowRunId
    from prefect.logging.handlers import APILogWorker

    from flows.daily_digest import daily_digest
    from summarizer.config import local_timezone
    from summarizer.config.calendar import default_day

    before = default_day(None)
    state = daily_digest(
        sources=[str(SEEDS / "102_rail_timetable.md")], out_dir=str(tmp_path), return_state=True
    )
    after = default_day(None)  # the run may cross midnight
    APILogWorker.drain_all(timeout=10)
    why = f"no date given: today in {local_timezone()}"
    run_id = state.state_details.flow_run_id
    with get_client(sync_client=True) as client:
        run = client.read_flow_run(run_id)
        logs = client.read_logs(LogFilter(flow_run_id=LogFilterFlowRunId(any_=[run_id])))
        artifacts = run_artifacts(client, run_id)
    days = {before.isoformat(), after.isoformat()}
    assert run.name in {f"digest-{day} ({why})" for day in days}
    own = [log.message for log in logs if log.task_run_id is None]
    first = next(m for m in own if not m.startswith(("Beginning flow run", "View at")))
    assert first in {f"Building the digest of {day} ({why})" for day in days}
    digest = next(a for a in artifacts if a.key == "daily-digest")
    assert digest.description in {f"News digest for {day} ({why})" for day in days}


def test_the_artifacts_have_only_links_that_work_in_the_ui(prefect_harness, tmp_path):
    """No file: link, no relative link, no in-page contents: with base_url the day's page,
    without it the path as text and the command that serves it."""
    import re

    from prefect import get_client

    from flows.daily_digest import daily_digest

    for base_url in (None, "https://news.example.org/digest/"):
        out = tmp_path / str(bool(base_url))
        sources = out / "sources.toml"
        out.mkdir()
        line = f'base_url = "{base_url}"\n' if base_url else ""
        sources.write_text(
            f'{line}output_dir = "reports"\n[files]\npaths = ["{SEEDS}"]\n', encoding="utf-8"
        )
        for day in ("2026-11-24", "2026-11-25"):  # the second day links to the first
            state = daily_digest(sources_file=str(sources), date=day, return_state=True)
        run_id = state.state_details.flow_run_id
        with get_client(sync_client=True) as client:
            artifacts = {a.key: a for a in run_artifacts(client, run_id)}
        markdown = artifacts["daily-digest"].data
        targets = re.findall(r"\]\(<?([^)>\s]+)", markdown)
        assert targets and all(t.startswith("https://") for t in targets), targets
        assert "## Top stories" not in markdown and "](#" not in markdown
        html_artifact = artifacts["digest-html"]
        if base_url:
            page = f"{base_url}2026-11-25/digest.html"
            assert html_artifact.data == f"[HTML digest for 2026-11-25]({page})"
            assert f"[← Previous day](<{base_url}2026-11-24/digest.html>)" in markdown
        else:
            assert "file:" not in html_artifact.data and "](" not in html_artifact.data
            assert (
                str((out / "reports" / "2026-11-25" / "digest.html").resolve())
                in html_artifact.data
            )
            assert "python -m http.server 8000" in html_artifact.data
            assert "Previous day" not in markdown


def test_a_day_after_tomorrow_is_refused_unless_allowed(prefect_harness, tmp_path):
    """One wrong click in the form's year drop-down must not publish (and send) 2099."""
    from flows.daily_digest import daily_digest

    with pytest.raises(ConfigError, match="date 2099-01-01 is after tomorrow"):
        daily_digest(sources=[str(SEEDS)], date="2099-01-01", out_dir=str(tmp_path))
    assert not any(tmp_path.iterdir())
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    written = daily_digest(sources=[str(SEEDS)], date=tomorrow.isoformat(), out_dir=str(tmp_path))
    assert Path(written["md"]).exists()
    written = daily_digest(
        sources=[str(SEEDS)], date="2099-01-01", out_dir=str(tmp_path), allow_future=True
    )
    assert written["md"] == str(tmp_path / "2099-01-01/digest.md")
