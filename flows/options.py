"""The options the ``newsdigest`` commands share, with their help text and bounds; a run's
digest options are made from :class:`~summarizer.config.settings.DigestOptions`, so a new
setting there is a new option here without an edit."""

from __future__ import annotations

import functools
import inspect
import types
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, Union, get_args, get_origin, get_type_hints

import typer

from summarizer.config.settings import DigestOptions
from summarizer.errors import ConfigError

InputFile = Annotated[
    Path, typer.Argument(exists=True, dir_okay=False, readable=True, help="Articles as JSONL.")
]
OutputFile = Annotated[Path, typer.Option("--output", "-o", help="Where to write JSONL.")]
TaskRunnerOption = Annotated[str, typer.Option(help="Where tasks run: threads (default) or dask.")]
DaskAddressOption = Annotated[
    str | None,
    typer.Option(help="A Dask scheduler (tcp://host:8786); default: a local cluster."),
]
ModelOption = Annotated[
    str | None,
    typer.Option("--model", help=DigestOptions.model_fields["model"].description),
]
AlgorithmOption = Annotated[
    str, typer.Option(help=DigestOptions.model_fields["algorithm"].description)
]
TASK_RUNNERS = ("threads", "dask")
"""Where the flow's tasks run: threads in this process, or a Dask cluster."""

# Shorter spellings users of earlier versions type.
_ALIASES = {"key_points": ("--sentences",), "top_stories": ("--top",)}


def check_task_runner(name: str) -> str:
    """``name`` when it is a task runner the flow knows.

    Raises:
        ConfigError: it is not.
    """
    if name not in TASK_RUNNERS:
        raise ConfigError(f"unknown task runner {name!r}; available: {', '.join(TASK_RUNNERS)}")
    return name


def _plain(annotation: Any) -> Any:
    """The type Typer parses: ``Annotated`` bounds dropped (the options model checks them)."""
    if get_origin(annotation) is Annotated:
        return _plain(get_args(annotation)[0])
    if get_origin(annotation) in {Union, types.UnionType}:
        return functools.reduce(lambda a, b: a | b, (_plain(arg) for arg in get_args(annotation)))
    return annotation


def _option(name: str) -> inspect.Parameter:
    field = DigestOptions.model_fields[name]
    flag = "--" + name.replace("_", "-")
    option = typer.Option(flag, *_ALIASES.get(name, ()), help=field.description)
    return inspect.Parameter(
        name,
        inspect.Parameter.KEYWORD_ONLY,
        default=field.default,
        annotation=Annotated[_plain(field.annotation), option],
    )


def with_digest_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """``command`` with one option per field of ``DigestOptions``; it receives them together
    as its ``options`` parameter, unchecked (``DigestOptions.checked`` says what is wrong
    in one line)."""
    names = tuple(DigestOptions.model_fields)

    def with_options(**values: Any) -> Any:
        given = {name: values.pop(name) for name in names}
        return command(**values, options=given)

    hints = get_type_hints(command, include_extras=True)
    own = [
        parameter.replace(annotation=hints[parameter.name])
        for parameter in inspect.signature(command).parameters.values()
        if parameter.name != "options"
    ]
    signature = inspect.Signature([*own, *(_option(name) for name in names)])
    with_options.__signature__ = signature  # type: ignore[attr-defined]
    with_options.__annotations__ = {p.name: p.annotation for p in signature.parameters.values()}
    with_options.__name__ = command.__name__
    with_options.__doc__ = command.__doc__
    return with_options
