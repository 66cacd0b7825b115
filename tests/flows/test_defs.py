"""Smoke tests of the wiring: the flow, the deployment config and prefect.yaml resolve."""

from __future__ import annotations

import importlib
import sys

import pytest
import yaml

from flows.daily_digest import Algorithm, daily_digest
from summarizer.config.settings import KEY_POINTS_MAX, KEY_POINTS_MIN
from summarizer.text.summaries import ALGORITHMS
from tests.conftest import REPO


def test_flow_has_a_stable_name_and_typed_parameters():
    from prefect.utilities.callables import parameter_schema

    assert daily_digest.name == "daily-digest"
    schema = parameter_schema(daily_digest).model_dump()
    properties = schema["properties"]
    assert properties["date"]["anyOf"][0] == {"format": "date", "type": "string"}
    assert schema["definitions"]["Algorithm"]["enum"] == sorted(ALGORITHMS)
    assert properties["key_points"]["minimum"] == KEY_POINTS_MIN
    assert properties["key_points"]["maximum"] == KEY_POINTS_MAX
    assert all(properties[name].get("description") for name in properties)
    assert {a.value for a in Algorithm} == set(ALGORITHMS)


def _deployments() -> dict[str, dict]:
    config = yaml.safe_load((REPO / "prefect.yaml").read_text(encoding="utf-8"))
    return {deployment["name"]: deployment for deployment in config["deployments"]}


def test_prefect_yaml_entrypoint_resolves_to_the_flow():
    deployment = _deployments()["daily-pool"]
    module_path, name = deployment["entrypoint"].split(":")
    module = importlib.import_module(module_path.removesuffix(".py").replace("/", "."))
    assert getattr(module, name) is daily_digest
    assert set(deployment["parameters"]) <= set(daily_digest.parameters.properties)
    (schedule,) = deployment["schedules"]
    assert len(schedule["cron"].split()) == 5 and schedule["timezone"]


def test_the_dask_deployment_loads_the_flow_on_the_scheduler_its_worker_names(monkeypatch):
    """As a worker loads it: Prefect's own entrypoint loader, the address from the
    environment of the worker's machine."""
    pytest.importorskip("prefect_dask", reason="prefect-dask is not installed")
    from prefect.flows import load_flow_from_entrypoint
    from prefect_dask import DaskTaskRunner

    deployment = _deployments()["daily-dask"]
    monkeypatch.setenv("NEWSDIGEST_DASK_ADDRESS", "tcp://scheduler.example:8786")
    monkeypatch.chdir(REPO)
    monkeypatch.delitem(sys.modules, "flows.on_dask", raising=False)
    loaded = load_flow_from_entrypoint(deployment["entrypoint"])
    assert loaded.name == daily_digest.name
    assert isinstance(loaded.task_runner, DaskTaskRunner)
    assert loaded.task_runner.address == "tcp://scheduler.example:8786"
    assert set(deployment["parameters"]) <= set(loaded.parameters.properties)


def test_every_digest_option_is_a_flow_parameter_with_the_options_default():
    """A setting added to DigestOptions is a `newsdigest run` option by itself (made from
    the model); the run form needs it in the flow's signature, with the same default."""
    from summarizer.config.settings import DigestOptions

    parameters = daily_digest.parameters.properties
    for name, field in DigestOptions.model_fields.items():
        assert name in parameters, f"{name} is not a parameter of the flow"
        default = parameters[name].get("default")
        assert default == field.default or (name == "algorithm" and default == "default")
