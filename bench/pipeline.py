"""End to end: `newsdigest run` on a day of 10,000 / 30,000 / 100,000 articles, through the
flow, with the time of every stage.

    python bench/pipeline.py [--n 10000 --n 30000 --n 100000] [--dask] [--reruns]
                             [--corpus scale|recombined] [--prefect-api URL]

For each size, a corpus is written to a temporary directory (``--corpus scale``, the default:
``bench/scale_corpus.py``, distinct articles in known stories; ``recombined``:
``bench/corpus.py``, recombined real articles, the near-duplicate path) and the script prints:

* the run, `newsdigest run CORPUS -v` as a subprocess through the Prefect flow on the
  temporary local API (as the README's first command runs it): wall time, articles/s, the
  peak RSS of the whole process tree (the CLI, Prefect's temporary server, analysis workers),
  the articles parsed in depth, and each stage's wall seconds, read from its tasks' log lines
  (from its first task's start to its last task's end);
* on the scale corpus, BCubed of the day's stories against the corpus's gold, from the same
  stage functions run again in a child process (``bench/scale.py``'s measure: the flow does
  not publish every article's story);
* with --dask, the same run on a Dask LocalCluster (2 worker processes) and its split;
* with --reruns, a re-run of the same day (`newsdigest run` finds the digest up to date),
  the same re-run forced through the flow (`--force`: analysis from the result cache), and
  the pipeline called directly (`summarizer.pipeline.run_pipeline`, no Prefect);
* with --prefect-api URL, the flow on that running Prefect server.

Targets (issue 28, 2 cores): 100,000 articles of the scale corpus through the flow in
≤ 300 s and ≤ 2 GB, 10,000 in ≤ 45 s, BCubed within ±0.01 from 10,000 to 100,000.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).parent))
import corpus
import scale_corpus
from scale import DAY

BIN = Path(sys.executable).parent
SCALE = Path(__file__).with_name("scale.py")
DIRECT = (
    "import sys\n"
    "from pathlib import Path\n"
    "from datetime import date\n"
    "from summarizer.pipeline import run_pipeline\n"
    "from summarizer.config.settings import DigestSettings\n"
    "run_pipeline([sys.argv[1]], DigestSettings(day=date.fromisoformat(sys.argv[2]), "
    "out_dir=Path(sys.argv[3])))\n"
)
# A stage's account, as its task logs it when it ends:
# "00:24:07.740 | INFO    | Task run 'cluster-4bb' - … in 41.36 s".
_TASK_LINE = re.compile(
    r"^(?P<clock>\d\d:\d\d:\d\d\.\d+) .*Task run '(?P<stage>.+)-[0-9a-f]+' - .* "
    r"in (?P<seconds>[\d.]+) s$"
)
_PARSED = re.compile(r"\((?P<parsed>\d+) articles to parse\)")


@dataclass
class Run:
    """One measured command: wall seconds, peak RSS (MB) of its process tree, and what its
    log said: wall seconds per stage and articles parsed in depth."""

    seconds: float
    rss_mb: float
    stages: dict[str, float] = field(default_factory=dict)
    parsed: int = 0


def measure(command: list[str], env: dict[str, str]) -> Run:
    peak = 0.0
    started = time.perf_counter()
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
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
    output, _ = process.communicate()
    elapsed = time.perf_counter() - started
    done.set()
    sampler.join()
    if process.returncode != 0:
        raise RuntimeError(f"{command[0]} failed:\n{output[-3000:]}")
    # A stage's wall time: from its first task's start to its last task's end (a mapped
    # stage's tasks overlap, so their own seconds do not add up to it).
    spans: dict[str, list[float]] = {}
    parsed = 0
    for line in output.splitlines():
        if task := _TASK_LINE.search(line):
            hours, minutes, seconds = task["clock"].split(":")
            end = 3600 * int(hours) + 60 * int(minutes) + float(seconds)
            start = end - float(task["seconds"])
            span = spans.setdefault(task["stage"], [start, end])
            span[0], span[1] = min(span[0], start), max(span[1], end)
        if count := _PARSED.search(line):
            parsed = int(count["parsed"])
    stages = {stage: end - start for stage, (start, end) in spans.items()}
    return Run(elapsed, peak / 1_048_576, stages, parsed)


def _bcubed(path: Path, gold: Path) -> str:
    """BCubed P / R / F1 of the day's stories, from ``bench/scale.py``'s measure."""
    import json

    child = [sys.executable, str(SCALE), "--measure", str(path), str(gold)]
    done = subprocess.run(child, capture_output=True, text=True, check=True)
    return " / ".join(f"{v:.3f}" for v in json.loads(done.stdout.splitlines()[-1])["bcubed"])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, action="append", help="corpus size (repeatable)")
    parser.add_argument("--corpus", choices=("scale", "recombined"), default="scale")
    parser.add_argument("--dask", action="store_true", help="also run on a Dask LocalCluster")
    parser.add_argument("--reruns", action="store_true", help="also time re-runs and a direct run")
    parser.add_argument(
        "--prefect-api", help="also run the flow on this running Prefect server (its API URL)"
    )
    args = parser.parse_args()
    sizes = args.n or [10_000, 30_000, 100_000]
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
        # Every run analyses for real: no result cached by an earlier run may stand in.
        "PREFECT_TASKS_REFRESH_CACHE": "true",
    }
    env.pop("PREFECT_API_URL", None)
    newsdigest = str(BIN / "newsdigest")
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}; work dir {work}")
    print(f"corpus: {args.corpus}")
    seeds = Path(__file__).parents[1] / "seeds"
    measure([newsdigest, "run", str(seeds), "--out", str(work / "warm")], env)
    runs: dict[str, dict[int, Run]] = defaultdict(dict)
    quality: dict[int, str] = {}
    for n in sizes:
        path = work / f"corpus-{n}.jsonl"
        gold = None
        if args.corpus == "scale":
            path, gold = scale_corpus.write(n, path)
        else:
            path = corpus.write(n, path)
        run = [newsdigest, "run", str(path), "--date", DAY, "-v"]
        runs["flow"][n] = measure([*run, "--out", str(work / f"out-{n}")], env)
        if args.dask:
            runs["Dask"][n] = measure(
                [*run, "--task-runner", "dask", "--out", str(work / f"dask-{n}")], env
            )
        if args.prefect_api:
            runs["flow on a running server"][n] = measure(
                [*run, "--out", str(work / f"served-{n}")],
                {**env, "PREFECT_API_URL": args.prefect_api},
            )
        if args.reruns:
            rerun = [*run, "--out", str(work / f"out-{n}")]
            runs["re-run (up to date)"][n] = measure(rerun, env)
            runs["re-run forced (analysis cached)"][n] = measure(
                [*rerun, "--force"], {**env, "PREFECT_TASKS_REFRESH_CACHE": "false"}
            )
            direct = [sys.executable, "-c", DIRECT, str(path), DAY, str(work / f"direct-{n}")]
            runs["direct call, no Prefect"][n] = measure(direct, env)
        if gold is not None:
            quality[n] = _bcubed(path, gold)
        print(f"n={n}: done", file=sys.stderr)
    _print_runs(sizes, runs, quality)
    for name in ("flow", "Dask"):
        if name in runs:
            _print_split(name, runs[name])
    return 0


def _print_runs(sizes: list[int], runs: dict[str, dict[int, Run]], quality: dict[int, str]) -> None:
    print("\n| run | " + " | ".join(f"{n:,} articles" for n in sizes) + " |")
    print("|---|" + "---:|" * len(sizes))
    for name, by_size in runs.items():
        cells = [by_size[n] for n in sizes]
        print(f"| {name}: wall s | " + " | ".join(f"{r.seconds:.1f}" for r in cells) + " |")
        if name == "flow":
            print(
                "| articles/s | "
                + " | ".join(f"{n / by_size[n].seconds:.0f}" for n in sizes)
                + " |"
            )
            print("| articles parsed in depth | " + " | ".join(f"{r.parsed}" for r in cells) + " |")
        print(f"| {name}: peak RSS MB | " + " | ".join(f"{r.rss_mb:.0f}" for r in cells) + " |")
    if quality:
        print("| BCubed P / R / F1 | " + " | ".join(quality.get(n, "–") for n in sizes) + " |")


def _print_split(name: str, by_size: dict[int, Run]) -> None:
    """Each stage's wall seconds and microseconds per article."""
    sizes = list(by_size)
    stages = list(dict.fromkeys(s for run in by_size.values() for s in run.stages))
    print(f"\nSplit per stage, {name} (s, µs per article):\n")
    print("| stage | " + " | ".join(f"{n:,}" for n in sizes) + " |")
    print("|---|" + "---:|" * len(sizes))
    for stage in (*stages, "all stages", "wall − stages (start-up, Prefect)"):
        cells = []
        for n in sizes:
            run = by_size[n]
            seconds = {
                "all stages": sum(run.stages.values()),
                "wall − stages (start-up, Prefect)": run.seconds - sum(run.stages.values()),
            }.get(stage, run.stages.get(stage, 0.0))
            cells.append(f"{seconds:.1f} ({1e6 * seconds / n:,.0f})")
        print(f"| {stage} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    sys.exit(main())
