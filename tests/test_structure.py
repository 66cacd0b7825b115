"""The library's shape: no import cycle between its modules, no module past ~400 lines."""

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

MAX_LINES = 400


def _modules() -> dict[str, Path]:
    found = {}
    for path in (REPO / "summarizer").rglob("*.py"):
        parts = path.relative_to(REPO).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def _imports(path: Path, modules: dict[str, Path]) -> set[str]:
    """The library modules ``path`` imports, anywhere in the file (lazy imports included)."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return {name for name in names if name in modules}


def find_cycle(graph: dict[str, set[str]]) -> list[str]:
    """One import cycle of ``graph`` (module -> modules it imports), or [] when none."""
    state: dict[str, str] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str]:
        state[node] = "open"
        stack.append(node)
        for target in sorted(graph.get(node, ())):
            if state.get(target) == "open":
                return [*stack[stack.index(target) :], target]
            if target not in state and (cycle := visit(target)):
                return cycle
        state[node] = "done"
        stack.pop()
        return []

    for node in sorted(graph):
        if node not in state and (cycle := visit(node)):
            return cycle
    return []


def test_find_cycle_sees_a_cycle():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) == []


def test_library_has_no_import_cycle():
    modules = _modules()
    # A package's __init__ importing its own modules is how it offers them; that edge and
    # the module importing a sibling through the package are not a cycle of the design.
    graph = {
        name: {
            target
            for target in _imports(path, modules)
            if target != name
            and not (name.startswith(f"{target}.") or target.startswith(f"{name}."))
        }
        for name, path in modules.items()
    }
    assert find_cycle(graph) == []


def _package(module: str) -> str:
    """``summarizer.write.digest`` -> ``summarizer.group``; a top-level module is its own."""
    return ".".join(module.split(".")[:2])


def _layers() -> dict[str, int]:
    """The row of each library package in docs/architecture.md's "Who owns what" table."""
    table = (REPO / "docs" / "architecture.md").read_text(encoding="utf-8")
    rows = [line.split("|")[1] for line in table.splitlines() if line.startswith("| `")]
    return {
        "summarizer." + name.strip("/").removesuffix(".py"): row
        for row, cell in enumerate(rows)
        for name in re.findall(r"`([^`]+)`", cell)
    }


def test_packages_import_only_the_layers_below_them():
    """Read top-down, so no package-level import cycle either: a package imports only its
    own row of the table or the rows above it."""
    layers = _layers()
    modules = _modules()
    packages = {_package(name) for name in modules} - {"summarizer"}
    assert packages <= layers.keys(), "every package has its row in docs/architecture.md"
    upward = sorted(
        f"{name} imports {target}"
        for name, path in modules.items()
        if name != "summarizer"
        for target in map(_package, _imports(path, modules))
        if layers[target] > layers[_package(name)]
    )
    assert upward == []


def test_no_module_is_longer_than_the_limit():
    paths = [*(REPO / "summarizer").rglob("*.py"), *(REPO / "flows").rglob("*.py")]
    long = {
        str(p.relative_to(REPO)): n
        for p in paths
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}


_MODULES_AFTER = """
import sys
from flows.cli import main
sys.argv = ["newsdigest", *sys.argv[1:]]
try:
    main()
except SystemExit:
    pass
print(" ".join(sorted({name.split(".")[0] for name in sys.modules})))
"""


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["run", "--key-points", "99"],
        ["run", "--model", "no_such_pipeline"],
    ],
)
def test_help_and_bad_parameters_import_no_spacy(args):
    """Help and a mistyped option answer without loading the parser (~0.6 s)."""
    done = subprocess.run(
        [sys.executable, "-c", _MODULES_AFTER, *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=True,
    )
    assert "spacy" not in done.stdout.split(), done.stderr[-500:]
