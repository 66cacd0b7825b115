"""Whether a named spaCy pipeline is installed, told without importing spaCy: a bad
``--model`` or form value fails in one line before anything heavy is loaded."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from summarizer.errors import ConfigError


def check_model(model: str | None) -> None:
    """Fail now, in one line, when ``model`` names no installed spaCy pipeline (a package
    or a directory with a ``meta.json``); ``None`` is the default small model. Checked
    without loading it, so a bad name fails before any work, not at the first parse.

    Raises:
        ConfigError: it is not installed here, or what is installed is not a pipeline.
    """
    if model is None:
        return
    fix = (
        "name an installed pipeline in model (--model, the run form's model field or "
        "[nlp] model of sources.toml), or leave it empty for the small English model "
        "newsdigest installs"
    )
    if Path(model).is_dir():
        if not (Path(model) / "meta.json").is_file():
            raise ConfigError(f"spaCy model {model!r} is a folder without meta.json: {fix}")
        return
    spec = importlib.util.find_spec(model) if model.isidentifier() else None
    if spec is None:
        raise ConfigError(
            f"spaCy model {model!r} is not installed (`pip install {model}` or "
            f"`python -m spacy download {model}` first): {fix}"
        )
    folders = spec.submodule_search_locations or []
    if not any((Path(folder) / "meta.json").is_file() for folder in folders):
        raise ConfigError(f"{model!r} is installed but is not a spaCy pipeline: {fix}")
