"""digest.json against its JSON Schema (summarizer/publish/render/digest.schema.json), which is
generated from the models."""

import json
from datetime import UTC, date, datetime
from importlib.resources import files

import jsonschema
import pytest

from summarizer.models import BRIEF, Participants, SourceProblem, SourceRef, Thread
from summarizer.publish.render import RENDERERS
from summarizer.publish.render.schema import SCHEMA_PATH, schema_text
from tests.builders import make_digest, make_story
from tests.conftest import REPO


def test_the_schema_file_is_the_one_the_models_generate():
    assert SCHEMA_PATH.read_text(encoding="utf-8") == schema_text(), (
        "digest.schema.json differs from the models: python -m summarizer.publish.render.schema"
    )


@pytest.fixture(scope="module")
def validator():
    schema = json.loads(
        files("summarizer.publish.render").joinpath("digest.schema.json").read_text()
    )
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def _as_json(digest):
    return json.loads(RENDERERS["json"](digest))


def test_an_empty_day_and_a_full_day_are_valid(validator):
    validator.validate(_as_json(make_digest()))
    story = make_story(
        sources=(
            SourceRef(
                "a1",
                "One",
                "https://example.org/1",
                "Example",
                datetime(2026, 11, 25, 5, tzinfo=UTC),
            ),
            SourceRef("a2", "Two", None, None, None),
        )
    )
    validator.validate(_as_json(make_digest(story, problems=(SourceProblem("x.xml", "HTTP 500"),))))


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("counts", "stories"), -1),
        (("date",), "25/11/2026"),
        (("stories", 0, "key_points", 0, "text"), ""),
        (("stories", 0, "sources"), []),
        (("stories", 0, "participants", "people", 0, "mentions"), "2"),
        (("schema_version",), 1),
        (("stories", 0, "depth"), "medium"),
        (("stories", 0, "thread", "days"), 0),
        (("stories", 0, "thread", "previous"), "yesterday"),
    ],
)
def test_a_broken_digest_is_rejected(validator, path, value):
    data = _as_json(make_digest(make_story()))
    target = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    with pytest.raises(jsonschema.ValidationError):
        validator.validate(data)


def test_a_brief_story_and_a_continuing_thread_are_valid(validator):
    brief = make_story(key_points=(), participants=Participants(), depth=BRIEF)
    continuing = make_story(
        thread=Thread("t1", date(2026, 11, 23), days=3, previous=date(2026, 11, 24))
    )
    validator.validate(_as_json(make_digest(continuing, brief)))


def test_a_brief_story_with_key_points_is_rejected(validator):
    data = _as_json(make_digest(make_story(depth=BRIEF)))
    with pytest.raises(jsonschema.ValidationError):
        validator.validate(data)


@pytest.mark.parametrize(
    "path",
    ["tests/data/contract/digest-2014-03-11.json", "tests/data/golden/seeds-2026-11-25.json"],
)
def test_published_digests_are_valid(validator, path):
    validator.validate(json.loads((REPO / path).read_text(encoding="utf-8")))


def test_an_unknown_field_is_rejected(validator):
    data = _as_json(make_digest(make_story()))
    data["stories"][0]["summary"] = "not in the contract"
    with pytest.raises(jsonschema.ValidationError, match="summary"):
        validator.validate(data)
