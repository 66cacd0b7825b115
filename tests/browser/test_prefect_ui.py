"""The Prefect UI path clicked through in Chromium, as a user does it, in the UI Prefect opens
by default (V2, under ``/v2/``): a real Prefect server with its UI on a port that is not
4200, `newsdigest serve`, the deployment page, Run → Custom run with a Run Name and a
non-default value → Submit, the run reaching COMPLETED, each artifact's page; and a run with
a bad model failing on one line."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tests.prefect_server import Served, served_deployment, wait

pytestmark = pytest.mark.integration
ARTIFACT_KEYS = {"daily-digest", "digest-sources", "digest-html"}


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    with served_deployment(tmp_path_factory, ui=True) as served:
        yield served


def _page(browser, url: str):
    page = browser.new_page(viewport={"width": 1280, "height": 900}, timezone_id="America/New_York")
    page.set_default_timeout(30_000)
    page.goto(url)
    page.wait_for_load_state("networkidle")
    return page


def _links(page, selector: str = "a[href]") -> list[str]:
    return page.eval_on_selector_all(selector, "links => links.map(a => a.getAttribute('href'))")


def _manual_runs(served: Served, deployment: dict) -> list[dict]:
    runs = served.client.post(
        "/flow_runs/filter", json={"deployments": {"id": {"any_": [deployment["id"]]}}}
    ).json()
    return [r for r in runs if not r["auto_scheduled"]]


def _submit_custom_run(page, served: Served, deployment: dict, name: str, fill) -> dict:
    """Run → Custom run, a Run Name, ``fill(page)`` for the parameters, Submit; the run."""
    before = {r["id"] for r in _manual_runs(served, deployment)}
    page.get_by_role("button", name="Run", exact=True).click()
    page.get_by_text("Custom run", exact=True).click()
    page.get_by_label("key_points (Optional)").wait_for()
    page.wait_for_load_state("networkidle")
    page.get_by_label("Run Name").fill(name)
    fill(page)
    submit = page.get_by_role("button", name="Submit")
    submit.click()
    # A successful Submit leaves the form for the new run's page. Should the click land
    # before the form is ready, a user clicks again, and so does the test, but only while
    # the form is still there (never a second run).
    deadline = time.monotonic() + 60
    last_click = time.monotonic()
    while time.monotonic() < deadline:
        new = [r for r in _manual_runs(served, deployment) if r["id"] not in before]
        if new:
            (run,) = new
            return run
        if time.monotonic() - last_click > 10 and submit.is_visible():
            submit.click()
            last_click = time.monotonic()
        time.sleep(0.5)
    raise AssertionError(page.inner_text("body")[:2000])


def _next_run_in_new_york() -> str:
    """The next 05:30 in Berlin as the page prints it in New York ("11:30:00 PM" most of the
    year, "12:30:00 AM" in the weeks the two zones change their clocks apart)."""
    berlin, new_york = ZoneInfo("Europe/Berlin"), ZoneInfo("America/New_York")
    now = datetime.now(berlin)
    run = now.replace(hour=5, minute=30, second=0, microsecond=0)
    if run <= now:
        run = (run + timedelta(days=1)).replace(hour=5, minute=30)
    return run.astimezone(new_york).strftime("%I:%M:%S %p")


def _wait_for_scheduled_runs(served: Served, deployment: dict) -> None:
    """The server's scheduler makes a deployment's scheduled runs on its own loop (every 60 s
    by default), and the deployment page shows the next one only if it exists when the page
    loads: wait for it through the API first."""
    body = {
        "deployments": {"id": {"any_": [deployment["id"]]}},
        "flow_runs": {"state": {"type": {"any_": ["SCHEDULED"]}}},
    }
    wait(
        lambda: bool(served.client.post("/flow_runs/filter", json=body).json()),
        180,
        "the deployment's scheduled runs",
    )


def test_the_deployment_page_shows_the_schedules_time_zone(browser, served):
    deployment = served.deployment()
    _wait_for_scheduled_runs(served, deployment)
    page = _page(browser, f"{served.ui}/")
    assert "/v2/" in page.url  # the UI Prefect opens by default
    page.goto(f"{served.ui}/v2/deployments/deployment/{deployment['id']}")
    # A browser in New York: the Schedules card says "At 05:30 AM" with no zone and the
    # next run is shown in New York time (23:30 the evening before); the tag names the
    # schedule's own zone, and so does the Description tab.
    page.get_by_text("At 05:30 AM", exact=True).wait_for()
    page.get_by_text("Europe/Berlin time", exact=True).first.wait_for()
    page.get_by_text(_next_run_in_new_york()).first.wait_for()
    page.get_by_role("tab", name="Description").click()
    page.get_by_text("Europe/Berlin time (cron", exact=False).first.wait_for()
    assert "At 05:30 every day, Europe/Berlin time" in page.inner_text("body")
    page.close()


def test_a_custom_run_keeps_its_name_and_values_and_its_artifacts_open(browser, served):
    deployment = served.deployment()
    page = _page(browser, f"{served.ui}/v2/deployments/deployment/{deployment['id']}")
    clicked = time.monotonic()
    run = _submit_custom_run(
        page,
        served,
        deployment,
        "morning check",
        lambda form: form.get_by_label("key_points (Optional)").fill("4"),
    )
    state = served.final_state(run["id"])
    assert state["type"] == "COMPLETED", served.log()[-3000:]
    print(f"\nUI click to COMPLETED: {time.monotonic() - clicked:.1f} s")
    run = served.client.get(f"/flow_runs/{run['id']}").json()
    assert run["parameters"]["key_points"] == 4
    (written,) = (Path(served.work) / "reports").glob("*/digest.json")
    assert json.loads(written.read_text(encoding="utf-8"))["settings"]["sentences"] == 4
    assert run["name"].startswith("morning check · digest-20"), run["name"]
    assert run["name"].endswith("(no date given: today in Europe/Berlin)"), run["name"]

    page.goto(f"{served.ui}/v2/runs/flow-run/{run['id']}?tab=Artifacts")
    page.wait_for_load_state("networkidle")
    page.get_by_text("morning check · digest-20", exact=False).first.wait_for()
    for key in ARTIFACT_KEYS:
        page.get_by_text(key, exact=True).first.wait_for()
    assert not [link for link in _links(page) if link.startswith("file:")]
    artifacts = served.client.post(
        "/artifacts/filter", json={"artifacts": {"flow_run_id": {"any_": [run["id"]]}}}
    ).json()
    assert {a["key"] for a in artifacts} >= ARTIFACT_KEYS
    for artifact in artifacts:
        page.goto(f"{served.ui}/v2/artifacts/artifact/{artifact['id']}")
        page.wait_for_load_state("networkidle")
        # Wait for what the body holds, not for any prose: the page may show the description
        # (or an empty prose block) before the body has loaded. The digest links its
        # sources; the note on the HTML page holds the command that serves it.
        body = {
            "daily-digest": "main .prose:has(a[href])",
            "digest-html": "main .prose:has(pre)",
        }.get(artifact["key"], "main .prose")
        shown = page.locator(f"{body}, main table").first
        shown.wait_for()
        inside = _links(page, "main .prose a[href], main table a[href]")
        assert all(link.startswith(("https://", "http://")) for link in inside), (
            artifact["key"],
            inside,
        )
        text = shown.inner_text()
        if artifact["key"] == "daily-digest":
            assert "Top stories" not in text
        if artifact["key"] == "digest-html":
            assert "python -m http.server 8000" in text and str(Path(served.work)) in text
            assert page.locator("main pre").count() == 1
            for code in page.locator("main pre").all():  # nothing cut off on the right
                assert code.evaluate("e => e.scrollWidth <= e.clientWidth"), code.inner_text()
    page.close()


def test_a_bad_model_fails_the_run_on_one_line_naming_the_field(browser, served):
    deployment = served.deployment()
    page = _page(browser, f"{served.ui}/v2/deployments/deployment/{deployment['id']}")

    def bad_model(form) -> None:
        label = form.get_by_text("model (Optional)", exact=True)
        field = form.locator("div.group", has=label).last  # the field's own, innermost
        field.get_by_role("tab", name="str", exact=True).click()
        field.locator("textarea, input[type=text]").first.fill("numpy")

    run = _submit_custom_run(page, served, deployment, "wrong model", bad_model)
    state = served.final_state(run["id"])
    assert state["type"] == "FAILED"
    assert state["message"].startswith("'numpy' is installed but is not a spaCy pipeline")
    assert "the run form's model field" in state["message"]

    def errors() -> list[str]:
        logs = served.client.post(
            "/logs/filter", json={"logs": {"flow_run_id": {"any_": [run["id"]]}}}
        ).json()
        return [entry["message"] for entry in logs if entry["level"] >= 40]

    # The run's log lines reach the server in batches, after its final state; a finished
    # run's page shows the lines the server has when it opens.
    wait(lambda: bool(errors()), 60, "the failed run's error line")
    page.goto(f"{served.ui}/v2/runs/flow-run/{run['id']}?tab=Logs")
    page.wait_for_load_state("networkidle")
    page.get_by_text("is not a spaCy pipeline", exact=False).first.wait_for()
    assert errors() == [state["message"]], errors()  # one line, no traceback
    assert not served.client.post(
        "/task_runs/filter", json={"flow_runs": {"id": {"any_": [run["id"]]}}}
    ).json()  # refused before the first task
    page.close()
