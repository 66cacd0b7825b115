"""The flow and the direct call run one stage declaration, so they publish the same digest."""

from datetime import date
from pathlib import Path

import pytest

from summarizer.config import load_config
from summarizer.pipeline import STAGES, run_pipeline
from summarizer.settings import DigestSettings
from tests.conftest import SEEDS
from tests.test_golden_digest import GOLDEN, comparable

pytestmark = pytest.mark.prefect


def test_flow_and_direct_call_publish_the_same_digest(prefect_harness, tmp_path):
    from flows.daily_digest import _TASKS, daily_digest

    sources = tmp_path / "sources.toml"
    sources.write_text(
        f'[files]\npaths = ["{SEEDS}"]\n[schedule]\ntimezone = "Europe/London"\n',
        encoding="utf-8",
    )
    config = load_config(sources)
    through_flow = daily_digest(
        sources_file=str(sources), date="2026-11-25", out_dir=str(tmp_path / "flow")
    )
    settings = DigestSettings.for_config(
        config, day=date(2026, 11, 25), out_dir=tmp_path / "direct"
    )
    direct = run_pipeline([], settings, config)
    assert comparable(Path(through_flow["json"])) == comparable(direct.paths["json"])
    assert comparable(direct.paths["json"]) == comparable(GOLDEN)
    assert set(_TASKS) == {stage.name for stage in STAGES}
