"""The temporary Prefect API that ``newsdigest run`` starts before planning: when the day
needs no flow after all, it is killed and Prefect's settings are as they were."""

from __future__ import annotations

import os

import pytest

from flows.api_server import TemporaryApi


def test_a_discarded_server_is_gone_and_the_settings_are_restored(monkeypatch, tmp_path):
    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    monkeypatch.setenv("PREFECT_UI_URL", "http://ui.example:4200")
    monkeypatch.setenv("PREFECT_HOME", str(tmp_path))
    server = TemporaryApi()
    assert os.environ["PREFECT_API_URL"] == f"http://127.0.0.1:{server.port}/api"
    server.discard()
    assert server.process.poll() is not None
    assert "PREFECT_API_URL" not in os.environ
    assert os.environ["PREFECT_UI_URL"] == "http://ui.example:4200"


@pytest.mark.integration
def test_a_served_server_answers_until_stopped(monkeypatch, tmp_path):
    import httpx

    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    monkeypatch.setenv("PREFECT_HOME", str(tmp_path))
    server = TemporaryApi()
    try:
        server.wait()
        assert httpx.get(f"{os.environ['PREFECT_API_URL']}/health", timeout=5).json() is True
    finally:
        server.stop()
    assert server.process.poll() is not None
