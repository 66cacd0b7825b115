"""Given names, as evidence that a capitalised pair of words is a person ("Rita Sklar") when
the small model calls it an organisation or a place.

The list is the 1990 US Census first-name tables (public domain), as shipped by the ``names``
package (MIT licence): about 5,000 names, English-speaking usage first. It also holds words that
are places or common nouns ("Georgia", "Joy"), so callers pair it with other evidence.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files

_TABLES = ("dist.male.first", "dist.female.first")


@cache
def given_names() -> frozenset[str]:
    """Every given name of the census tables, lower-cased."""
    root = files("names")
    return frozenset(
        line.split()[0].lower()
        for table in _TABLES
        for line in root.joinpath(table).read_text(encoding="ascii").splitlines()
        if line.strip()
    )


def is_given_name(word: str) -> bool:
    return word.lower() in given_names()
