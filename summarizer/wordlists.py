"""Rules kept as data: word lists in plain text files beside the code that reads them.

A list file holds one entry per line; blank lines and lines starting with ``#`` are skipped.
Each file is read once per process.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files


def _lines(package: str, name: str) -> list[str]:
    text = files(package).joinpath("data", name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


@cache
def word_set(package: str, name: str) -> frozenset[str]:
    """The entries of ``package``'s ``data/name`` file."""
    return frozenset(_lines(package, name))


@cache
def word_pairs(package: str, name: str) -> dict[str, str]:
    """``key value`` lines of ``package``'s ``data/name`` file as a mapping."""
    pairs = (line.split(maxsplit=1) for line in _lines(package, name))
    return {key: value for key, value in pairs}
