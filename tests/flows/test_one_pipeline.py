"""The flow and the direct call run one use case and one stage declaration, so they publish
the same digest."""

from pathlib import Path

import pytest

from summarizer.config.request import DayRequest
from summarizer.pipeline import plan_day, run_day
from tests.conftest import SEEDS
from tests.flows.api import task_run_names
from tests.pipeline.test_golden_digest import GOLDEN, comparable

pytestmark = pytest.mark.prefect


def test_flow_and_direct_call_publish_the_same_digest(prefect_harness, tmp_path):
    from flows.daily_digest import daily_digest

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


def test_a_run_reads_its_sources_file_once_and_skips_an_up_to_date_day(
    prefect_harness, tmp_path, monkeypatch
):
    """The run-name function and the flow body share one plan; an adapter's plan is handed
    to the flow; an up-to-date day runs no stage but delivery, `force` rebuilds it."""
    import summarizer.pipeline.day as day_module
    from flows.daily_digest import daily_digest, run_planned

    sources = tmp_path / "sources.toml"
    sources.write_text(f'[files]\npaths = ["{SEEDS}"]\n', encoding="utf-8")
    reads = []
    real = day_module.load_config
    monkeypatch.setattr(
        day_module, "load_config", lambda path, **kw: reads.append(path) or real(path, **kw)
    )
    out = str(tmp_path / "out")
    state = daily_digest(
        sources_file=str(sources), date="2026-11-25", out_dir=out, return_state=True
    )
    assert state.is_completed() and reads == [sources]
    again = daily_digest(
        sources_file=str(sources), date="2026-11-25", out_dir=out, return_state=True
    )
    assert again.is_completed() and len(reads) == 2
    assert task_run_names(again.state_details.flow_run_id) == []  # up to date: nothing runs
    plan = day_module.plan_day(
        DayRequest(sources_file=sources, day="2026-11-25", out_dir=tmp_path / "out", force=True)
    )
    assert len(reads) == 3
    run_planned(plan, "threads", None)  # the CLI's way: the flow reads nothing again
    assert len(reads) == 3
    forced = daily_digest(
        sources_file=str(sources), date="2026-11-25", out_dir=out, force=True, return_state=True
    )
    assert forced.is_completed() and len(reads) == 4
    assert "load" in task_run_names(forced.state_details.flow_run_id)
