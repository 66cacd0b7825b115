"""On the thread runner, a Python-bound mapped stage runs its batches in worker processes,
one per core, and gives what running them in the flow's process gives."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from flows import worker_processes
from flows.stage_tasks import PrefectRunner
from summarizer.pipeline import SIGN, SKIM, Stage
from tests.conftest import REPO, SEEDS
from tests.flows.batch_work import where

_WHERE = Stage("where", where, lambda result: f"{len(result)} articles", holds_interpreter=True)


@pytest.mark.prefect
def test_python_bound_batches_run_in_worker_processes_one_per_core(prefect_harness, monkeypatch):
    from prefect import flow

    monkeypatch.setattr(worker_processes, "default_workers", lambda: 2)

    @flow
    def mapped(batches: list[list[int]]) -> list[list[tuple[int, int]]]:
        return PrefectRunner(stage_timeout=120).map(_WHERE, "articles", batches)

    batches = [[1, 2], [3], [4, 5], [6]]
    results = mapped(batches)
    assert [[article for article, _ in result] for result in results] == batches  # in order
    workers = {pid for result in results for _, pid in result}
    assert os.getpid() not in workers and len(workers) == 2
    (alone,) = mapped([[7, 8]])  # one batch: no process is worth starting for it
    assert {pid for _, pid in alone} == {os.getpid()}


@pytest.mark.prefect
def test_sign_and_skim_in_worker_processes_equal_the_direct_call(prefect_harness, monkeypatch):
    from prefect import flow

    from summarizer.collect.files import load_files

    monkeypatch.setattr(worker_processes, "default_workers", lambda: 2)
    articles = load_files([SEEDS]).articles * 3
    batches = [articles[:2], articles[2:5], articles[5:]]

    @flow
    def mapped() -> tuple[list, list]:
        runner = PrefectRunner(stage_timeout=120)
        return runner.map(SIGN, "articles", batches), runner.map(SKIM, "articles", batches)

    signed, skimmed = mapped()
    direct_signed = [SIGN.run(articles=batch) for batch in batches]
    assert [[(s.content, s.minhash.tolist()) for s in part] for part in signed] == [
        [(s.content, s.minhash.tolist()) for s in part] for part in direct_signed
    ]
    assert skimmed == [SKIM.run(articles=batch) for batch in batches]


def test_no_module_of_flows_shadows_the_standard_library():
    # Prefect puts flows/ on sys.path when it loads the flow from its entrypoint; a worker
    # process forked after that imported flows/secrets.py as the standard library's
    # "secrets", and numpy.random failed to import in every worker.
    names = {path.stem for path in (REPO / "flows").glob("*.py")}
    assert not names & sys.stdlib_module_names


_PRELOADING = """
import multiprocessing
import sys

from summarizer.text.workers import preload_in_workers
from tests.flows.batch_work import imported

if __name__ == "__main__":
    if sys.argv[1:] == ["preload"]:
        preload_in_workers(["summarizer.group.skim"])
    with multiprocessing.get_context("forkserver").Pool(1) as pool:
        print(pool.apply(imported, (["summarizer.group.skim", "spacy"],)))
"""


@pytest.mark.parametrize(
    ("argument", "in_worker"),
    [("preload", "['summarizer.group.skim', 'spacy']"), ("", "[]")],
)
def test_worker_processes_start_with_the_preloaded_modules_imported(argument, in_worker):
    # A fresh interpreter: the test process's own forkserver may be running already, and a
    # preload only reaches the one started after it.
    ran = subprocess.run(
        [sys.executable, "-c", _PRELOADING, argument],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert ran.stdout.strip() == in_worker
