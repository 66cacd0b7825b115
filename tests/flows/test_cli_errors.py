"""Every bad parameter, on every command: one line on stderr and exit 2, never a traceback.
Run as the console script runs, in a subprocess (no Prefect starts for any of these)."""

import pytest

from tests.conftest import SEEDS, newsdigest, unused_port


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["run", str(SEEDS), "--sentences", "15"], "key points per story must be 1–10, not 15"),
        (["run", str(SEEDS), "--top", "500"], "top stories must be 0–200, not 500"),
        (["run", str(SEEDS), "--stage-timeout", "5"], "stage timeout must be 10–604800, not 5"),
        (["run", str(SEEDS), "--key-points", "x"], "Invalid value for '--key-points'"),
        (["run", str(SEEDS), "--date", "2026-02-30"], "date must be YYYY-MM-DD"),
        (["run", str(SEEDS), "--date", "2099-01-01"], "date 2099-01-01 is after tomorrow"),
        (["run", str(SEEDS), "--algorithm", "nope"], "unknown algorithm 'nope'"),
        (["run", str(SEEDS), "--task-runner", "nope"], "unknown task runner 'nope'"),
        (["run", str(SEEDS), "--since", "last week"], "since must be an ISO date"),
        (["run", "--bogus"], "No such option: --bogus"),
        (["run", "--sources", "missing.toml"], "cannot read missing.toml"),
        (["summarize", "missing.jsonl", "-o", "x.jsonl"], "does not exist"),
        (["summarize", "in.jsonl", "-o", "x.jsonl", "--sentences", "0"], "--sentences must be"),
        (["keypoints", "in.jsonl", "-o", "x.jsonl", "--points", "11"], "'--points'"),
        (["render", "--date", "soon"], "date must be YYYY-MM-DD"),
        (["serve", "--sources", "bad.toml"], "bad.toml: limits.max_redirects must be an integer"),
        (["sources", "import-opml", "in.jsonl", "--sources", "s.toml"], "not a usable OPML file"),
        (["run", str(SEEDS), "--out", "in.jsonl/reports"], "cannot write to in.jsonl/reports"),
        (["summarize", "in.jsonl", "-o", "in.jsonl/out.jsonl"], "cannot write in.jsonl/out.jsonl"),
        (["summarize", "binary.jsonl", "-o", "x.jsonl"], "binary.jsonl is not JSONL"),
        (["cluster", "in.jsonl", "-o", "."], "it is a directory"),
        (["run", str(SEEDS), "--dask-address", f"tcp://127.0.0.1:{unused_port()}"], "no Dask"),
        (["run", str(SEEDS), "--dask-address", "scheduler"], "dask address must look like"),
        (["serve", "--sources", "good.toml", "--task-runner", "nope"], "unknown task runner"),
    ],
)
def test_bad_parameter_is_one_line_and_exit_2(tmp_path, args, message):
    (tmp_path / "in.jsonl").write_text('{"id": "a", "text": "One."}\n', encoding="utf-8")
    (tmp_path / "bad.toml").write_text("[limits]\nmax_redirects = 2.5\n", encoding="utf-8")
    (tmp_path / "good.toml").write_text("window_hours = 24\n", encoding="utf-8")
    (tmp_path / "binary.jsonl").write_bytes(b"\xff\xfe\x00\x01" * 64)
    result = newsdigest(*args, cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and message in lines[0], lines


def test_bare_newsdigest_prints_the_help_and_no_error(tmp_path):
    result = newsdigest(cwd=tmp_path)
    assert result.returncode == 0
    assert "Usage: " in result.stdout and "COMMAND" in result.stdout and not result.stderr
    # The wrapped docstring reads as one paragraph, not broken where the source breaks it.
    assert "where articles of the same event" in " ".join(result.stdout.split())


def test_version_prints_the_installed_version(tmp_path):
    from importlib.metadata import version

    result = newsdigest("--version", cwd=tmp_path)
    assert result.returncode == 0 and result.stdout == f"newsdigest {version('newsdigest')}\n"
