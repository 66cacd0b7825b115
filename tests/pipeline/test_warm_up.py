"""The deep analysis's worker processes start while the clustering runs (it leaves a core
idle), for a day large enough to spread its analysis over them."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

import summarizer.text.parser as parser
from summarizer.config.settings import DigestSettings
from summarizer.models import Article
from summarizer.pipeline import ANALYSE, CLUSTER, Stage
from summarizer.pipeline.editing import WARM_UP_SIZES, start_analysis_workers
from summarizer.pipeline.run import DirectRunner, run_pipeline
from summarizer.text.parser import pool_started, stop_workers
from tests.conftest import SEEDS
from tests.pipeline.test_headline_days import APPLE, THRONES, _headline_file


class _RecordingRunner(DirectRunner):
    def __init__(self) -> None:
        self.order: list[str] = []

    def call(self, stage: Stage, **inputs: Any) -> Any:
        self.order.append(stage.name)
        return super().call(stage, **inputs)

    def warm_up(self, stage: Stage, **inputs: Any) -> None:
        self.order.append(f"warm up {stage.name}")
        super().warm_up(stage, **inputs)


def test_the_analysis_is_warmed_up_before_the_clustering(tmp_path):
    runner = _RecordingRunner()
    settings = DigestSettings(day=date(2026, 11, 25), out_dir=tmp_path, workers=1)
    run_pipeline([SEEDS], settings, runner=runner)
    warm = runner.order.index(f"warm up {ANALYSE.name}")
    assert runner.order[warm + 1] == CLUSTER.name
    assert runner.order.count(f"warm up {ANALYSE.name}") == 1


def test_a_day_of_headlines_starts_no_analysis_workers(tmp_path):
    day = date(2014, 3, 10)
    path = _headline_file(tmp_path, day, [*APPLE, *THRONES])
    runner = _RecordingRunner()
    settings = DigestSettings(day=day, out_dir=tmp_path / "out", timezone="UTC", workers=1)
    run_pipeline([path], settings, runner=runner)
    assert CLUSTER.name in runner.order
    assert f"warm up {ANALYSE.name}" not in runner.order


def test_a_large_day_starts_its_analysis_workers_and_a_small_one_does_not(tmp_path, monkeypatch):
    monkeypatch.setattr(parser, "default_workers", lambda: 2)
    settings = DigestSettings(day=date(2026, 11, 25), out_dir=tmp_path, workers=2)
    article = Article(id="a", text=(SEEDS / "101_harbour_flood_barrier.txt").read_text())
    below = (WARM_UP_SIZES.start - 1) // len(article.text)
    small = [replace(article, id=str(n)) for n in range(below)]
    large = [*small, *(replace(article, id=f"x{n}") for n in range(2))]
    try:
        start_analysis_workers(small, settings)
        assert not pool_started(2, None)
        start_analysis_workers(large, settings)
        assert pool_started(2, None)
    finally:
        stop_workers()
