"""End-to-end performance: `newsdigest run` on 100 / 1,000 / 5,000 article files.

    python bench/pipeline.py [--n 1000] [--n 5000] [--dask]

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
* a plain loop of sumy LexRank over the same articles (summaries only, regex sentences);
* with --dask, the flow on a Dask LocalCluster (2 worker processes) instead of threads;
* a per-stage breakdown, measured in this process, one core: load, parse (sentence split +
  NER, one spaCy pass), summarise, participants, dedupe, render.

Targets (DESIGN §7): 1,000 articles ≤ 60 s and ≤ 1.5 GB; 5,000 ≤ 5.5 × the 1,000 time;
Prefect overhead ≤ 15 %; a re-run with no new articles ≤ 10 % of the full run.
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
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TypeVar

import psutil

sys.path.insert(0, str(Path(__file__).parent))
import corpus

T = TypeVar("T")
BIN = Path(sys.executable).parent
DAY = "2026-11-24"
DIRECT = (
    "import sys\n"
    "from pathlib import Path\n"
    "from datetime import date\n"
    "from summarizer.pipeline import run_pipeline\nfrom summarizer.settings import DigestSettings\n"
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


def _lexrank_loop(path: Path) -> float:
    import json

    from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
    from sumy.nlp.stemmers import Stemmer
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.utils import get_stop_words

    class RegexTokenizer:
        language = "english"

        def to_words(self, sentence: str) -> tuple[str, ...]:
            return tuple(re.findall(r"\w+", sentence))

    tokenizer = RegexTokenizer()
    summarizer = LexRankSummarizer(Stemmer("english"))
    summarizer.stop_words = get_stop_words("english")
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    started = time.perf_counter()
    for record in records:
        sentences = re.split(r"(?<=[.!?])\s+", record["text"])
        document = ObjectDocumentModel(
            [Paragraph([Sentence(s, tokenizer) for s in sentences if s.strip()])]
        )
        summarizer(document, 3)
    return time.perf_counter() - started


def _stages(path: Path) -> dict[str, float]:
    """Single-process time per stage, with the library's own functions."""
    from summarizer.analysis.articles import _prepare, _prose_sentences
    from summarizer.analysis.layout import derive_title
    from summarizer.analysis.nlp import load_pipeline
    from summarizer.analysis.summaries import select_sentences
    from summarizer.models import ArticleAnalysis
    from summarizer.participants import participants_from_doc
    from summarizer.publish.render import RENDERERS
    from summarizer.sources.files import load_files
    from summarizer.stories.build import build_digest
    from summarizer.stories.dedupe import deduplicate

    timings: dict[str, float] = {}

    def timed(name: str, work: Callable[[], T]) -> T:
        started = time.perf_counter()
        result = work()
        timings[name] = time.perf_counter() - started
        return result

    nlp = load_pipeline()
    loaded = timed("load", lambda: load_files([path]))
    unique = timed("dedupe", lambda: deduplicate(loaded.articles))
    prepared = [_prepare(a) for a in unique.articles]
    docs = timed("parse (split + NER)", lambda: list(nlp.pipe(p.analysed for p in prepared)))
    split = [_prose_sentences(d, p) for d, p in zip(docs, prepared, strict=True)]
    points = timed("summarise", lambda: [select_sentences(s, count=3) for s in split])
    people = timed(
        "participants",
        lambda: [
            participants_from_doc(d, extra_places=p.dateline_places)
            for d, p in zip(docs, prepared, strict=True)
        ],
    )
    analyses = [
        ArticleAnalysis(a, a.title or derive_title(p.body), s, tuple(k), who)
        for a, p, s, k, who in zip(unique.articles, prepared, split, points, people, strict=True)
    ]
    digest = timed(
        "build digest",
        lambda: build_digest(
            analyses,
            day=date.fromisoformat(DAY),
            generated_at=datetime.now(UTC),
            extra_sources=unique.extra_sources,
        ),
    )
    timed("render (md, html, json)", lambda: [render(digest) for render in RENDERERS.values()])
    return timings


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, action="append", help="corpus size (repeatable)")
    parser.add_argument("--dask", action="store_true", help="also run on a Dask LocalCluster")
    parser.add_argument("--no-stages", action="store_true", help="skip the stage breakdown")
    args = parser.parse_args()
    sizes = args.n or [100, 1000, 5000]
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
        lexrank = _lexrank_loop(path)
        dask = None
        if args.dask:
            dask, _ = _measure(
                [*run, "--task-runner", "dask", "--out", str(work / f"dask-{n}")],
                {**env, "PREFECT_TASKS_REFRESH_CACHE": "true"},
            )
        rows.append((n, full, full_rss, rerun, rerun_flow, direct, lexrank, dask))

        print(f"n={n}: done", file=sys.stderr)
    print(
        "\n| articles | flow wall s | articles/s | peak RSS MB | re-run s (% of full) | "
        "re-run through the flow s (%) | direct wall s | Prefect overhead | LexRank loop s | "
        "Dask wall s |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for n, full, rss, rerun, rerun_flow, direct, lexrank, dask in rows:
        dask_cell = f"{dask:.1f}" if dask is not None else "–"
        print(
            f"| {n:,} | {full:.1f} | {n / full:.1f} | {rss:.0f} | {rerun:.1f} "
            f"({100 * rerun / full:.0f} %) | {rerun_flow:.1f} ({100 * rerun_flow / full:.0f} %) | "
            f"{direct:.1f} | {100 * (full / direct - 1):+.0f} % | {lexrank:.1f} | {dask_cell} |"
        )
    by_n = {row[0]: row[1] for row in rows}
    if 1000 in by_n and 5000 in by_n:
        print(f"\n5,000 / 1,000 time ratio: {by_n[5000] / by_n[1000]:.2f} (target ≤ 5.5)")
    if not args.no_stages:
        n = 1000 if 1000 in sizes else sizes[0]
        timings = _stages(work / f"corpus-{n}.jsonl")
        total = sum(timings.values())
        print(f"\nStage breakdown, {n:,} articles, one process, one core:\n")
        print("| stage | s | share |")
        print("|---|---:|---:|")
        for stage, seconds in timings.items():
            print(f"| {stage} | {seconds:.2f} | {100 * seconds / total:.0f} % |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
