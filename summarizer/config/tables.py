"""What every table of ``sources.toml`` shares: strict types, no unknown keys, frozen; and
the one-line wording of a wrong value."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict


class Table(BaseModel):
    """A ``sources.toml`` table. Strict: TOML already has types, so 2.5 for a count is a
    mistake to report, not round."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


def http_url(value: str) -> str:
    """``value`` stripped, when it is an absolute http(s) URL.

    Raises:
        ValueError: it is not one.
    """
    url = value.strip()
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        raise ValueError(f"must be an absolute http(s) URL, not {value!r}")
    return url


_TYPE_NAMES = {
    "int_type": "an integer",
    "int_from_float": "an integer",
    "float_type": "a number",
    "bool_type": "true or false",
    "string_type": "a string",
    "tuple_type": "a list",
    "list_type": "a list",
    "model_type": "a table",
    "model_attributes_type": "a table",
    "dict_type": "a table",
}


def key_path(location: tuple[int | str, ...]) -> str:
    """``limits.max_redirects``, ``feeds[2].url``: a key as the TOML file spells it."""
    key = ""
    for part in location:
        key += f"[{part}]" if isinstance(part, int) else (f".{part}" if key else str(part))
    return key


def describe_error(error: Any) -> str:
    kind, value = error["type"], error.get("input")
    if kind in _TYPE_NAMES:
        return f"must be {_TYPE_NAMES[kind]}, not {value!r}"
    if kind == "extra_forbidden":
        return "is not a known key"
    if kind == "missing":
        return "is required"
    if kind == "too_short":
        least = error["ctx"]["min_length"]
        return f"must hold at least {least} item{'s' if least > 1 else ''}, not {value!r}"
    if kind == "literal_error":
        return f"must be one of {error['ctx']['expected']}, not {value!r}"
    if kind in {"greater_than_equal", "greater_than", "less_than_equal"}:
        bound = next(iter(error["ctx"].values()))
        sign = {"greater_than_equal": "≥", "greater_than": ">", "less_than_equal": "≤"}[kind]
        return f"must be {sign} {bound}, not {value!r}"
    return str(error["msg"]).removeprefix("Value error, ")
