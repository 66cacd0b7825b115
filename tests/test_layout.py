"""Guards on the project's shape: the library stays free of orchestration, docs stay complete."""

import subprocess
import sys

from flows.cli import app
from tests.conftest import REPO


def test_library_never_imports_prefect():
    code = (
        "import sys, pkgutil, importlib, summarizer\n"
        "for m in pkgutil.walk_packages(summarizer.__path__, 'summarizer.'):\n"
        "    importlib.import_module(m.name)\n"
        "assert 'prefect' not in sys.modules, 'summarizer imported prefect'\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr


def _command_lines():
    for command in app.registered_commands:
        yield f"newsdigest {command.name or command.callback.__name__}"
    for group in app.registered_groups:
        for command in group.typer_instance.registered_commands:
            yield f"newsdigest {group.name} {command.name}"


def test_every_cli_command_is_documented_in_the_readme():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    missing = [line for line in _command_lines() if line not in readme]
    assert missing == []


def test_the_readme_names_the_tasks_the_prefect_ui_shows():
    """The task names in "Run it from the Prefect UI" are the stages' own names."""
    from summarizer.pipeline import STAGES

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Run it from the Prefect UI", 1)[1].split("\n## ", 1)[0]
    missing = [stage.name for stage in STAGES if f"`{stage.name}`" not in section]
    assert missing == []


def test_ci_runs_the_readme_test_command():
    assert "make test" in (REPO / ".ci/run").read_text(encoding="utf-8")
    assert "make test" in (REPO / "README.md").read_text(encoding="utf-8")


def test_code_is_ruff_clean():
    ruff = [sys.executable, "-m", "ruff"]
    paths = ["summarizer", "flows", "tests", "bench", "tools"]
    for args in (["check", *paths], ["format", "--check", *paths]):
        result = subprocess.run(
            [*ruff, *args], cwd=REPO, capture_output=True, text=True, check=False
        )
        assert result.returncode == 0, result.stdout + result.stderr
