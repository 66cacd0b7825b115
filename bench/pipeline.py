"""End-to-end performance: `newsdigest run` on 100 / 1,000 / 5,000 article files.

    python bench/pipeline.py [--n 1000] [--n 5000] [--n 10000] [--dask]

For each corpus size (built by bench/corpus.py into a temporary directory), the script prints:

* the full run, `newsdigest run CORPUS` as a subprocess through the Prefect flow on the
  temporary local API (as the README's first command runs it): wall time, articles/s, and
  peak RSS of the whole process tree (the CLI, Prefect's temporary server, analysis workers);
* a re-run of the same day with no new articles: `newsdigest run` finds the digest up to
  date with its input files and stops; and the same re-run forced through the flow
  (`--force`), where analysis comes from the result cache and the unchanged digest is left
  in place;
* the same pipeline called directly (`summarizer.pipeline.run_pipeline`), no Prefect, as a
  subprocess too: the difference is what orchestration costs;
* with --prefect-api URL, the flow on that running Prefect server (how a deployment runs:
  no temporary API to start and stop);
* with --dask, the flow on a Dask LocalCluster (2 worker processes) instead of threads;
* a per-stage time split at every size, measured in this process with the library's stage
  functions: the cheap stages every article goes through (load, dedupe, skim, cluster,
  thread, rank, build, render) against the deep analysis (the spaCy parse of the carriers
  of the full stories only), and the number of articles parsed in depth.

Targets (issue 15): with the default 20 full stories, 1,000 articles ≤ 20 s through the flow,
10,000 ≤ 120 s, peak memory ≤ 1.5 GB; the deep analysis bounded by the full stories, not the
articles read.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, date, datetime
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).parent))
import corpus
from stopwatch import Stopwatch

BIN = Path(sys.executable).parent
DAY = "2026-11-24"
DIRECT = (
    "import sys\n"
    "from pathlib import Path\n"
    "from datetime import date\n"
    "from summarizer.pipeline import run_pipeline\n"
    "from summarizer.config.settings import DigestSettings\n"
    "run_pipeline([sys.argv[1]], DigestSettings(day=date.fromisoformat(sys.argv[2]), "
    "out_dir=Path(sys.argv[3])))\n"
)


def _measure(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of a command and all its descendants."""
    peak = 0.0
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    root = psutil.Process(process.pid)
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            try:
                tree = [root, *root.children(recursive=True)]
                peak = max(peak, sum(p.memory_info().rss for p in tree if p.is_running()))
            except psutil.Error:
                pass
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, errors = process.communicate()
    elapsed = time.perf_counter() - started
    done.set()
    sampler.join()
    if process.returncode != 0:
        raise RuntimeError(f"{command[0]} failed:\n{errors.decode(errors='replace')[-2000:]}")
    return elapsed, peak / 1_048_576


def _stages(path: Path, out: Path) -> tuple[dict[str, float], int]:
    """Time per stage with the library's own stage functions, in this process (analysis
    workers as in a run), and the number of articles parsed in depth."""
    from summarizer.config.settings import DigestSettings
    from summarizer.pipeline import editing, intake, output

    settings = DigestSettings(day=date.fromisoformat(DAY), out_dir=out)
    stopwatch = Stopwatch()
    timed = stopwatch.timed
    loaded = timed("load", lambda: intake.load([path], settings))
    inputs, unique = timed(
        "dedupe", lambda: intake.dedupe(loaded, [], None, settings, datetime.now(UTC))
    )
    articles = unique.articles
    skims = timed("skim (headline, language)", lambda: editing.skim(articles))
    groups = timed("cluster", lambda: editing.cluster(articles, skims))
    threads = timed("thread", lambda: editing.thread(groups, articles, unique, settings))
    ranked = timed(
        "rank", lambda: editing.rank(groups, threads, articles, skims, unique, None, settings)
    )
    deep = editing.carriers(ranked, articles, skims)
    casing = editing.day_casing(articles, skims)
    analyses = timed("deep analysis (spaCy parse)", lambda: editing.analyse(deep, settings, casing))
    digest = timed(
        "build (key points)",
        lambda: editing.build(ranked, analyses, articles, skims, inputs, unique, settings),
    )
    rendered = timed("render (md, html, json)", lambda: output.render(digest, settings))
    timed("publish", lambda: output.publish(digest, rendered, settings))
    return stopwatch.seconds, len(deep)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, action="append", help="corpus size (repeatable)")
    parser.add_argument("--dask", action="store_true", help="also run on a Dask LocalCluster")
    parser.add_argument("--no-stages", action="store_true", help="skip the stage breakdown")
    parser.add_argument(
        "--prefect-api", help="also run the flow on this running Prefect server (its API URL)"
    )
    args = parser.parse_args()
    sizes = args.n or [1000, 5000, 10000]
    try:
        corpus.base_articles()
    except FileNotFoundError as exc:
        print(f"skipped: {exc}")
        return 0
    work = Path(tempfile.mkdtemp(prefix="newsdigest-bench-"))
    env = {
        **os.environ,
        "PREFECT_HOME": str(work / "prefect-home"),
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    }
    env.pop("PREFECT_API_URL", None)
    newsdigest = str(BIN / "newsdigest")
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}; work dir {work}")
    _measure(
        [newsdigest, "run", str(Path(__file__).parents[1] / "seeds"), "--out", str(work / "warm")],
        env,
    )
    rows = []
    for n in sizes:
        path = corpus.write(n, work / f"corpus-{n}.jsonl")
        out = work / f"out-{n}"
        run = [newsdigest, "run", str(path), "--out", str(out), "--date", DAY]
        full, full_rss = _measure(run, env)
        rerun, _ = _measure(run, env)
        rerun_flow, _ = _measure([*run, "--force"], env)

        direct, _ = _measure(
            [sys.executable, "-c", DIRECT, str(path), DAY, str(work / f"direct-{n}")], env
        )
        served = None
        if args.prefect_api:
            served, _ = _measure(
                [*run, "--out", str(work / f"served-{n}")],
                {**env, "PREFECT_API_URL": args.prefect_api, "PREFECT_TASKS_REFRESH_CACHE": "true"},
            )
        dask = None
        if args.dask:
            dask, _ = _measure(
                [*run, "--task-runner", "dask", "--out", str(work / f"dask-{n}")],
                {**env, "PREFECT_TASKS_REFRESH_CACHE": "true"},
            )
        rows.append((n, full, full_rss, rerun, rerun_flow, direct, served, dask))

        print(f"n={n}: done", file=sys.stderr)
    print(
        "\n| articles | flow wall s | articles/s | peak RSS MB | re-run s (% of full) | "
        "re-run through the flow s (%) | direct wall s | Prefect overhead | "
        "flow on a running server s | Dask wall s |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for n, full, rss, rerun, rerun_flow, direct, served, dask in rows:
        dask_cell = f"{dask:.1f}" if dask is not None else "–"
        served_cell = f"{served:.1f}" if served is not None else "–"
        print(
            f"| {n:,} | {full:.1f} | {n / full:.1f} | {rss:.0f} | {rerun:.1f} "
            f"({100 * rerun / full:.0f} %) | {rerun_flow:.1f} ({100 * rerun_flow / full:.0f} %) | "
            f"{direct:.1f} | {100 * (full / direct - 1):+.0f} % | {served_cell} | {dask_cell} |"
        )
    by_n = {row[0]: row[1] for row in rows}
    if 1000 in by_n and 5000 in by_n:
        print(f"\n5,000 / 1,000 time ratio: {by_n[5000] / by_n[1000]:.2f} (target ≤ 5.5)")
    if not args.no_stages:
        _print_split(sizes, work)
    return 0


def _print_split(sizes: list[int], work: Path) -> None:
    """Cheap stages (every article) against the deep analysis (the full stories' carriers)."""
    rows = {n: _stages(work / f"corpus-{n}.jsonl", work / f"stages-{n}") for n in sizes}
    print("\nTime split per size, measured in this process (analysis workers as in a run):\n")
    stages = list(next(iter(rows.values()))[0])
    print("| stage | " + " | ".join(f"{n:,} articles s" for n in sizes) + " |")
    print("|---|" + "---:|" * len(sizes))
    for stage in stages:
        print(f"| {stage} | " + " | ".join(f"{rows[n][0][stage]:.2f}" for n in sizes) + " |")
    deep = "deep analysis (spaCy parse)"
    cheap = {n: sum(t for name, t in rows[n][0].items() if name != deep) for n in sizes}
    print("| **all cheap stages** | " + " | ".join(f"{cheap[n]:.2f}" for n in sizes) + " |")
    print("| **articles parsed in depth** | " + " | ".join(f"{rows[n][1]}" for n in sizes) + " |")


if __name__ == "__main__":
    sys.exit(main())
