"""``digest.schema.json``, generated from the digest models (``summarizer.models.digest``).

Regenerate it after changing the models: ``python -m summarizer.publish.render.schema``
(a test fails while the file and the models differ).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import CoreSchema, core_schema

from summarizer.models import Digest

SCHEMA_PATH = Path(__file__).with_name("digest.schema.json")

_SCHEMA_ID = "https://github.com/newsdigest/newsdigest/summarizer/render/digest.schema.json"


class _Published(GenerateJsonSchema):
    """The schema of what is written: every field the writer always writes is required,
    and an object has no other fields (a reader still ignores unknown ones)."""

    def field_is_required(
        self,
        field: core_schema.ModelField | core_schema.DataclassField | core_schema.TypedDictField,
        total: bool,
    ) -> bool:
        if field["type"] == "typed-dict-field":
            return field.get("required", total)
        return field.get("serialization_exclude_if") is None

    def field_title_should_be_set(self, schema: Any) -> bool:
        return False

    def dataclass_schema(self, schema: core_schema.DataclassSchema) -> JsonSchemaValue:
        return {**super().dataclass_schema(schema), "additionalProperties": False}

    def typed_dict_schema(self, schema: core_schema.TypedDictSchema) -> JsonSchemaValue:
        return {**super().typed_dict_schema(schema), "additionalProperties": False}

    def generate(self, schema: CoreSchema, mode: Any = "validation") -> JsonSchemaValue:
        # The record itself at the top, as readers of the schema expect, not behind a $ref.
        generated = _one_line_descriptions(super().generate(schema, mode))
        definitions = generated.pop("$defs")
        root = definitions.pop(generated.pop("$ref").removeprefix("#/$defs/"))
        root["title"] = "newsdigest daily digest"
        return {"$schema": self.schema_dialect, "$id": _SCHEMA_ID, **root, "$defs": definitions}


def _one_line_descriptions(node: Any) -> Any:
    """The descriptions come from docstrings: wrapped lines joined, rST ``code`` as `code`."""
    if isinstance(node, list):
        return [_one_line_descriptions(item) for item in node]
    if not isinstance(node, dict):
        return node
    return {
        key: " ".join(value.split()).replace("``", "`")
        if key == "description" and isinstance(value, str)
        else _one_line_descriptions(value)
        for key, value in node.items()
    }


def digest_json_schema() -> dict[str, Any]:
    """The JSON Schema of ``digest.json``, as the models write it."""
    return TypeAdapter(Digest).json_schema(mode="serialization", schema_generator=_Published)


def schema_text() -> str:
    """``digest.schema.json`` as it should read."""
    return json.dumps(digest_json_schema(), ensure_ascii=False, indent=2) + "\n"


if __name__ == "__main__":
    SCHEMA_PATH.write_text(schema_text(), encoding="utf-8")
