"""The use case, run a day, without Prefect: a request is planned once (the sources file read
once, every check made), an up-to-date day is only delivered, and the plan says why."""

from __future__ import annotations

import pytest

import summarizer.pipeline.day as day_module
from summarizer.config.request import DayRequest
from summarizer.config.settings import DigestOptions
from summarizer.errors import ConfigError
from summarizer.pipeline import plan_day, planned, run_day
from tests.conftest import SEEDS

DAY = "2026-11-25"


def _sources(tmp_path):
    path = tmp_path / "sources.toml"
    path.write_text(
        f'[files]\npaths = ["{SEEDS / "101_harbour_flood_barrier.txt"}"]\n'
        '[schedule]\ntimezone = "Europe/London"\n[digest]\ntop_stories = 3\n',
        encoding="utf-8",
    )
    return path


def _counting_reads(monkeypatch):
    reads = []
    real = day_module.load_config

    def counting(path, **kwargs):
        reads.append(path)
        return real(path, **kwargs)

    monkeypatch.setattr(day_module, "load_config", counting)
    return reads


def test_a_request_is_planned_from_one_read_of_the_sources_file(tmp_path, monkeypatch):
    reads = _counting_reads(monkeypatch)
    request = DayRequest(sources_file=_sources(tmp_path), day=DAY, out_dir=tmp_path / "out")
    plan = plan_day(request)
    assert reads == [request.sources_file]
    assert plan.settings.top_stories == 3  # the file's [digest] value, since none was given
    assert plan.settings.timezone == "Europe/London"
    assert plan.why == "the date given" and not plan.up_to_date
    with planned(plan):  # an adapter that planned already hands its plan on
        assert plan_day(request) is plan
        assert plan_day(request.model_copy(update={"force": True})) is not plan
    assert len(reads) == 2


def test_a_day_is_built_then_up_to_date_then_rebuilt_when_forced(tmp_path):
    request = DayRequest(sources_file=_sources(tmp_path), day=DAY, out_dir=tmp_path / "out")
    built = run_day(plan_day(request))
    assert not built.up_to_date and built.published.rewritten
    assert built.published.paths["json"].exists() and built.delivery is None
    again = run_day(plan_day(request))
    assert again.up_to_date and not again.published.rewritten
    assert again.digest.stories == built.digest.stories  # read back from digest.json
    forced = plan_day(request.model_copy(update={"force": True}))
    assert not forced.up_to_date


def test_an_option_out_of_bounds_is_one_line_naming_both_bounds():
    with pytest.raises(ConfigError, match=r"^top stories must be 0–200, not 201$"):
        DigestOptions.checked(top_stories=201)
    with pytest.raises(ConfigError, match=r"^key points per story must be 1–10, not 0$"):
        DigestOptions.checked(key_points=0)
    with pytest.raises(ConfigError, match=r"^date must be YYYY-MM-DD"):
        DayRequest(day="25/11/2026")
    assert DayRequest(day="", since="").day is None  # an empty --date "$D": no date given


def test_a_day_after_tomorrow_needs_allow_future(tmp_path):
    request = DayRequest(inputs=(str(SEEDS),), day="2099-01-01", out_dir=tmp_path)
    with pytest.raises(ConfigError, match="is after tomorrow"):
        plan_day(request)
    assert plan_day(request.model_copy(update={"allow_future": True})).day.year == 2099
