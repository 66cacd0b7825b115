"""JSON in and out of the models, through pydantic's ``TypeAdapter`` over the dataclasses.

The dataclasses stay plain (building thousands a day costs no validation); how a field is
read and written is said once, in its type, with the annotations below.
"""

from __future__ import annotations

from datetime import datetime
from functools import cache
from typing import Annotated, Any, TypeVar

from pydantic import ConfigDict, PlainSerializer, PlainValidator, TypeAdapter, WithJsonSchema

T = TypeVar("T")

CONTRACT_CONFIG = ConfigDict(use_attribute_docstrings=True)
"""The fields' docstrings describe them in the generated schema (nested dataclasses without
a config of their own inherit it)."""

# The constraints below are the writer's promise, stated in the schema; reading stays as
# lenient as it has always been (an earlier day's digest.json must still load).
Text = Annotated[str, WithJsonSchema({"type": "string", "minLength": 1})]
"""A string the contract never leaves empty."""
Count = Annotated[int, WithJsonSchema({"type": "integer", "minimum": 0})]
Positive = Annotated[int, WithJsonSchema({"type": "integer", "minimum": 1})]


def _isoformat(value: datetime) -> str:
    return value.isoformat()


Timestamp = Annotated[
    datetime,
    # isoformat both ways, not pydantic's own format: it would write UTC as "Z" where the
    # published files have always said "+00:00", and parse into its own tzinfo class.
    PlainValidator(datetime.fromisoformat),
    PlainSerializer(_isoformat),
    WithJsonSchema({"type": "string", "format": "date-time"}),
]
"""An ISO 8601 time with its offset."""


@cache
def _adapter(kind: type[T]) -> TypeAdapter[T]:
    # Building an adapter compiles the type's schema: once per type, not once per call.
    return TypeAdapter(kind)


def to_jsonable(value: object) -> Any:
    """``value`` as the JSON data the contract writes (dicts, lists, strings, numbers)."""
    return _adapter(type(value)).dump_python(value, mode="json")


def from_jsonable(kind: type[T], data: Any) -> T:
    """A ``kind`` read from JSON data.

    Raises:
        pydantic.ValidationError: (a ``ValueError``) ``data`` is not a ``kind``.
    """
    return _adapter(kind).validate_python(data)
