"""The flow and the direct call run one use case and one stage declaration, so they publish
the same digest."""

from pathlib import Path

import pytest

from summarizer.config.request import DayRequest
from summarizer.pipeline import STAGES, plan_day, run_day
from tests.conftest import SEEDS
from tests.pipeline.test_golden_digest import GOLDEN, comparable

pytestmark = pytest.mark.prefect


def test_flow_and_direct_call_publish_the_same_digest(prefect_harness, tmp_path):
    from flows.daily_digest import daily_digest
    from flows.stage_tasks import TASKS

    sources = tmp_path / "sources.toml"
    sources.write_text(
        f'[files]\npaths = ["{SEEDS}"]\n[schedule]\ntimezone = "Europe/London"\n',
        encoding="utf-8",
    )
    through_flow = daily_digest(
        sources_file=str(sources), date="2026-11-25", out_dir=str(tmp_path / "flow")
    )
    request = DayRequest(sources_file=sources, day="2026-11-25", out_dir=tmp_path / "direct")
    direct = run_day(plan_day(request)).published
    assert comparable(Path(through_flow["json"])) == comparable(direct.paths["json"])
    assert comparable(direct.paths["json"]) == comparable(GOLDEN)
    assert set(TASKS) == {stage.name for stage in STAGES}
