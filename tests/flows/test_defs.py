"""Smoke tests of the wiring: the flow, the deployment config and prefect.yaml resolve."""

from __future__ import annotations

import importlib

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


def test_prefect_yaml_entrypoint_resolves_to_the_flow():
    config = yaml.safe_load((REPO / "prefect.yaml").read_text(encoding="utf-8"))
    (deployment,) = config["deployments"]
    module_path, name = deployment["entrypoint"].split(":")
    module = importlib.import_module(module_path.removesuffix(".py").replace("/", "."))
    assert getattr(module, name) is daily_digest
    assert set(deployment["parameters"]) <= set(daily_digest.parameters.properties)
    (schedule,) = deployment["schedules"]
    assert len(schedule["cron"].split()) == 5 and schedule["timezone"]


def test_every_digest_option_is_a_flow_parameter_with_the_options_default():
    """A setting added to DigestOptions is a `newsdigest run` option by itself (made from
    the model); the run form needs it in the flow's signature, with the same default."""
    from summarizer.config.settings import DigestOptions

    parameters = daily_digest.parameters.properties
    for name, field in DigestOptions.model_fields.items():
        assert name in parameters, f"{name} is not a parameter of the flow"
        default = parameters[name].get("default")
        assert default == field.default or (name == "algorithm" and default == "default")
