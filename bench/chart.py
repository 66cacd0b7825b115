"""What the "at a glance" charts cost: our SVG template against plotting libraries.

Prints, for the same two charts (stories by number of sources, articles by hour), the
installed size a library adds (its distribution and every dependency newsdigest does not
already have), its import time, and the time to render both charts as SVG. Libraries that
are not installed are listed as such (``pip install pygal matplotlib`` to compare).

    python bench/chart.py [--stories 40] [--repeat 50]
"""

from __future__ import annotations

import argparse
import importlib
import io
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement

from summarizer.models import Digest, KeyPoint, Participants, SourceRef, Story
from summarizer.publish.render import html, view


def _digest(stories: int) -> Digest:
    start = datetime(2026, 11, 25, tzinfo=UTC)
    made = []
    for number in range(stories):
        sources = tuple(
            SourceRef(
                f"{number}-{k}",
                "t",
                None,
                f"Outlet {k}",
                start + timedelta(minutes=37 * (number + k)),
            )
            for k in range(1 + number % 5)
        )
        made.append(
            Story(
                str(number),
                f"Story number {number} about something",
                (KeyPoint("x.", sources[0].article_id),),
                Participants(),
                sources,
            )
        )
    return Digest(date=date(2026, 11, 25), generated_at=start, stories=tuple(made))


def _ours(digest: Digest) -> str:
    page = html.render(digest)
    return page[page.index("<svg") : page.rindex("</svg>")]


def _pygal(glance: view.AtAGlance) -> str:
    import pygal

    bars = pygal.HorizontalBar(js=[], disable_xml_declaration=True, show_legend=False)
    bars.x_labels = [f"{s.number}. {s.headline}" for s in glance.stories]
    bars.add("sources", [s.sources for s in glance.stories])
    hours = pygal.Bar(js=[], disable_xml_declaration=True, show_legend=False)
    hours.x_labels = [f"{h:02d}" for h in range(24)]
    hours.add("articles", list(glance.hours))
    return bars.render(is_unicode=True) + hours.render(is_unicode=True)


def _matplotlib(glance: view.AtAGlance) -> str:
    import matplotlib

    matplotlib.use("svg")
    from matplotlib import pyplot

    out = io.StringIO()
    figure, (left, right) = pyplot.subplots(1, 2, figsize=(8, 3))
    left.barh(
        [f"{s.number}. {s.headline}" for s in glance.stories], [s.sources for s in glance.stories]
    )
    right.bar(range(24), glance.hours)
    figure.savefig(out, format="svg")
    pyplot.close(figure)
    return out.getvalue()


def _installed_bytes(distribution: str, have: set[str], seen: set[str]) -> int:
    """Bytes of ``distribution`` and of the dependencies newsdigest does not already bring."""
    name = distribution.lower().replace("_", "-")
    if name in seen or name in have:
        return 0
    seen.add(name)
    try:
        dist = metadata.distribution(name)
    except metadata.PackageNotFoundError:
        return 0
    paths = (Path(str(dist.locate_file(f))) for f in dist.files or ())
    size = sum(path.stat().st_size for path in paths if path.is_file())
    for requirement in dist.requires or ():
        parsed = Requirement(requirement)
        if parsed.marker is None or parsed.marker.evaluate({"extra": ""}):
            size += _installed_bytes(parsed.name, have, seen)
    return size


def _project_closure() -> set[str]:
    """Every distribution newsdigest itself installs (so shared ones are not counted)."""
    names: set[str] = set()
    pending = ["newsdigest"]
    while pending:
        name = pending.pop().lower().replace("_", "-")
        if name in names:
            continue
        names.add(name)
        try:
            requires = metadata.distribution(name).requires or ()
        except metadata.PackageNotFoundError:
            continue
        for requirement in requires:
            parsed = Requirement(requirement)
            if parsed.marker is None or parsed.marker.evaluate({"extra": ""}):
                pending.append(parsed.name)
    return names - {"newsdigest"}


def _import_seconds(module: str) -> float:
    code = f"import time; t = time.perf_counter(); import {module}; print(time.perf_counter() - t)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(out.stdout)


def _timed(render: Callable[[], str], repeat: int) -> tuple[float, int]:
    first = time.perf_counter()
    svg = render()
    first = time.perf_counter() - first
    started = time.perf_counter()
    for _ in range(repeat):
        render()
    return (time.perf_counter() - started) / repeat * 1000, len(svg)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=40)
    parser.add_argument("--repeat", type=int, default=50)
    args = parser.parse_args()
    digest = _digest(args.stories)
    glance = view.at_a_glance(digest)
    have = _project_closure()
    rows = [("template (ours)", "jinja2", 0.0, lambda: _ours(digest))]
    for label, module, render in (
        ("pygal", "pygal", _pygal),
        ("matplotlib", "matplotlib", _matplotlib),
    ):
        try:
            importlib.import_module(module)
        except ImportError:
            print(f"{label}: not installed (pip install {module} to compare)")
            continue
        megabytes = _installed_bytes(module, have, set()) / 1e6
        rows.append((label, module, megabytes, lambda r=render: r(glance)))
    print(f"{args.stories} stories; mean of {args.repeat} renders after a first one\n")
    print("| chart code | adds to install | import | render both charts | SVG size |")
    print("|---|---:|---:|---:|---:|")
    for label, module, size, render in rows:
        milliseconds, length = _timed(render, args.repeat)
        added = "0 MB (already a dependency)" if size == 0 else f"{size:.1f} MB"
        note = " (whole page)" if label.startswith("template") else ""
        imported = _import_seconds(module)
        timing = f"{milliseconds:.1f} ms{note}"
        print(f"| {label} | {added} | {imported:.2f} s | {timing} | {length / 1000:.1f} kB |")


if __name__ == "__main__":
    main()
