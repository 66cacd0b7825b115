"""The Prefect UI path clicked through in Chromium, as a user does it: a real Prefect server
with its UI on a port that is not 4200, `newsdigest serve`, the deployment page, Run →
Custom run → Submit, then the run's Artifacts tab and each artifact's page."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.prefect_server import Served, served_deployment

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


def test_the_deployment_page_shows_the_schedules_time_zone(browser, served):
    deployment = served.deployment()
    page = _page(browser, f"{served.ui}/deployments/deployment/{deployment['id']}")
    page.get_by_text("daily", exact=True).first.wait_for()
    # A browser in New York: the schedule card says "At 05:30 AM", the next run is shown in
    # New York time; the tag at the top names the schedule's own zone.
    assert "Europe/Berlin time" in page.inner_text("body")
    page.get_by_text("Description", exact=True).first.click()
    page.get_by_text("Europe/Berlin time (cron", exact=False).first.wait_for()
    assert "At 05:30 every day, Europe/Berlin time" in page.inner_text("body")
    page.close()


def test_a_custom_run_from_the_ui_form_has_only_working_artifact_links(browser, served):
    deployment = served.deployment()
    page = _page(browser, f"{served.ui}/deployments/deployment/{deployment['id']}")
    clicked = time.monotonic()
    page.get_by_role("button", name="Run", exact=True).click()
    page.get_by_text("Custom run", exact=True).click()
    page.get_by_text("date (Optional)").wait_for()
    page.wait_for_load_state("networkidle")
    submit = page.get_by_role("button", name="Submit")
    submit.click()

    def manual_runs() -> list[dict]:
        runs = served.client.post(
            "/flow_runs/filter", json={"deployments": {"id": {"any_": [deployment["id"]]}}}
        ).json()
        return [r for r in runs if not r["auto_scheduled"]]

    # A successful Submit leaves the form for the new run's page. Once in a clean-clone CI
    # run the click landed before the form was ready and did nothing; a user clicks again,
    # and so does the test, but only while the form is still there (never a second run).
    deadline = time.monotonic() + 60
    last_click = time.monotonic()
    while not manual_runs() and time.monotonic() < deadline:
        if time.monotonic() - last_click > 10 and submit.is_visible():
            submit.click()
            last_click = time.monotonic()
        time.sleep(0.5)
    runs = manual_runs()
    assert len(runs) == 1, page.inner_text("body")[:2000]
    (run,) = runs
    state = served.final_state(run["id"])
    assert state["type"] == "COMPLETED", served.log()[-3000:]
    print(f"\nUI click to COMPLETED: {time.monotonic() - clicked:.1f} s")
    name = served.client.get(f"/flow_runs/{run['id']}").json()["name"]
    assert name.startswith("digest-20") and name.endswith(
        "(no date given: today in Europe/Berlin)"
    ), name

    page.goto(f"{served.ui}/runs/flow-run/{run['id']}")
    page.wait_for_load_state("networkidle")
    page.get_by_text("Artifacts", exact=True).first.click()
    for key in ARTIFACT_KEYS:
        page.get_by_text(key, exact=True).first.wait_for()
    assert not [link for link in _links(page) if link.startswith("file:")]
    artifacts = served.client.post(
        "/artifacts/filter", json={"artifacts": {"flow_run_id": {"any_": [run["id"]]}}}
    ).json()
    assert {a["key"] for a in artifacts} >= ARTIFACT_KEYS
    for artifact in artifacts:
        page.goto(f"{served.ui}/artifacts/artifact/{artifact['id']}")
        page.wait_for_load_state("networkidle")
        page.locator(".artifact-data-markdown, table").first.wait_for()
        inside = _links(page, ".artifact-data-markdown a[href]")
        assert all(link.startswith(("https://", "http://")) for link in inside), (
            artifact["key"],
            inside,
        )
        if artifact["key"] == "daily-digest":
            assert inside, "the digest's sources are linked"
            assert "Top stories" not in page.inner_text(".artifact-data-markdown")
        if artifact["key"] == "digest-html":
            text = page.inner_text(".artifact-data-markdown")
            assert "python -m http.server 8000" in text and str(Path(served.work)) in text
    page.close()
