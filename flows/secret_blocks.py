"""Prefect Secret blocks, for the library's delivery (which has no Prefect import)."""

from __future__ import annotations


def read_secret_block(name: str) -> str:
    """The value of the Prefect Secret block ``name`` (``prefect block create secret`` or the
    UI's Blocks page), read from the configured Prefect API."""
    from prefect.blocks.system import Secret

    return str(Secret.load(name).get())
