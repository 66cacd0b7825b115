"""Ctrl-C in the middle of a run: a few seconds, one line, exit 130, nothing published
before is touched. The run is a real subprocess in its own process group, interrupted the
way a terminal does it: SIGINT to the whole group (workers and Prefect's server included)."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

DAY = "2026-11-25"


_FIRST = ("Ana", "Bruno", "Carla", "Dmitri", "Elena", "Farid", "Greta", "Hugo", "Ines")
_LAST = ("Almeida", "Berger", "Costa", "Dubois", "Eriksen", "Fischer", "Garcia", "Horvat")
_ROLES = ("minister", "mayor", "director", "spokesperson", "chairman", "engineer")
_ORGS = ("Harbour Authority", "City Council", "National Rail", "Ocean Institute")
_PLACES = ("Lisbon", "Gdansk", "Porto", "Rotterdam", "Hamburg", "Valencia", "Antwerp", "Riga")
_NOUNS = ("ferries", "bridges", "turbines", "schools", "warehouses", "clinics", "cranes")


def _articles(path: Path, count: int) -> None:
    """``count`` distinct 40-sentence articles (none a near-duplicate of another), so that
    the top stories' analysis is still running when the run is interrupted."""
    with path.open("w", encoding="utf-8") as stream:
        for number in range(count):
            pick = random.Random(number).choice
            text = " ".join(
                f"{pick(_FIRST)} {pick(_LAST)}, the {pick(_ROLES)} of the {pick(_ORGS)}, said "
                f"on Monday that {pick(range(2, 900))} {pick(_NOUNS)} in {pick(_PLACES)} "
                "would reopen before the winter."
                for _ in range(40)
            )
            stream.write(json.dumps({"id": f"a{number}", "text": text}) + "\n")


@pytest.mark.skipif(sys.platform == "win32", reason="process groups are POSIX")
def test_ctrl_c_stops_the_run_quickly_and_keeps_published_files(tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    _articles(corpus, 400)
    out = tmp_path / "reports"
    earlier = {"digest.md": "yesterday's run\n", "digest.json": "{}\n", "digest.html": "<p>\n"}
    for name, text in earlier.items():
        (out / DAY).mkdir(parents=True, exist_ok=True)
        (out / DAY / name).write_text(text, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_API_URL")}
    env["PREFECT_HOME"] = str(tmp_path / "prefect-home")
    process = subprocess.Popen(
        [sys.executable, "-m", "flows.cli", "run", str(corpus), "--out", str(out), "--date", DAY],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        start_new_session=True,  # its own process group, as a terminal job is
    )
    time.sleep(15)
    assert process.poll() is None, "the run ended before it could be interrupted"
    interrupted = time.monotonic()
    os.killpg(process.pid, signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    took = time.monotonic() - interrupted
    print(f"stopped after {took:.1f} s; stderr:\n{stderr}")
    assert process.returncode == 130, stderr
    assert stderr.splitlines() == ["interrupted: stopped; files published before are unchanged"]
    assert took < 10, f"took {took:.1f} s to stop"
    for name, text in earlier.items():
        assert (out / DAY / name).read_text(encoding="utf-8") == text
    time.sleep(1)
    group = subprocess.run(
        ["ps", "-o", "stat=,pid=,args=", "-g", str(process.pid)],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.splitlines()
    # A zombie has exited; only a container without an init process leaves it unreaped.
    alive = [line for line in group if not line.lstrip().startswith("Z")]
    assert alive == [], "processes of the run are still alive"


_FORKSERVER_SIGNALS = """
import signal
import time

import psutil
from flows.run_cli import _start_forkserver


def command(process):
    try:
        return " ".join(process.cmdline())
    except psutil.Error:  # a child that has just ended
        return ""


# As a command run from a terminal has it (a CI job in the background starts with it ignored).
signal.signal(signal.SIGINT, signal.default_int_handler)
_start_forkserver(with_stages=False)
deadline = time.monotonic() + 10
while True:
    processes = psutil.Process().children()
    children = [command(p) for p in processes]
    found = [p for p, line in zip(processes, children) if "multiprocessing.forkserver" in line]
    if found or time.monotonic() > deadline:
        break
    time.sleep(0.05)
assert len(found) == 1, children
with open(f"/proc/{found[0].pid}/status") as status:
    ignored = int(next(line for line in status if line.startswith("SigIgn")).split()[1], 16)
print(bool(ignored & 1 << signal.SIGINT - 1), signal.getsignal(signal.SIGINT).__name__)
"""


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads /proc (Linux)")
def test_the_forkserver_ignores_ctrl_c_while_it_imports(tmp_path):
    """A Ctrl-C while the process that starts the workers was still importing their modules
    (seconds, at the start of a run) printed the traceback of the import it stopped."""
    done = subprocess.run(
        [sys.executable, "-c", _FORKSERVER_SIGNALS],
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
        check=False,
        timeout=120,
    )
    # Ignored from its first instant; this process's own Ctrl-C handling is back.
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["True", "default_int_handler"], done.stderr


def test_ctrl_c_on_serve_says_what_stopped_and_pauses_the_schedule(tmp_path):
    import httpx

    from tests.prefect_server import BIN, SEEDS_DAILY_0530_BERLIN, _start_server

    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")},
        "PREFECT_HOME": str(tmp_path / "home"),
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "PREFECT_SERVER_UI_ENABLED": "false",
    }
    (tmp_path / "sources.toml").write_text(SEEDS_DAILY_0530_BERLIN, encoding="utf-8")
    server, api = _start_server(env)
    try:
        serving = subprocess.Popen(
            [str(BIN / "newsdigest"), "serve", "--sources", "sources.toml"],
            env={**env, "PREFECT_API_URL": api},
            cwd=tmp_path,
            stderr=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            text=True,
        )
        with httpx.Client(base_url=api, timeout=10) as client:
            deadline = time.monotonic() + 120
            while client.get("/deployments/name/daily-digest/daily").status_code != 200:
                assert time.monotonic() < deadline and serving.poll() is None
                time.sleep(0.5)
            time.sleep(2)
            serving.send_signal(signal.SIGINT)
            _, stderr = serving.communicate(timeout=60)
            deployment = client.get("/deployments/name/daily-digest/daily").json()
        assert serving.returncode == 0
        assert stderr.splitlines()[-1].startswith("stopped serving daily-digest/daily:")
        assert deployment["paused"]
    finally:
        server.terminate()
        server.wait(15)


def test_serve_start_server_registers_with_the_server_it_started_and_says_nothing_false(
    tmp_path,
):
    """It once registered the deployment with a temporary server of Prefect's own (the
    settings were read before the started server's address was set), with Prefect's
    "Cannot schedule flows on an ephemeral server" warning and a telemetry ERROR line."""
    import socket

    import httpx

    from tests.prefect_server import BIN, SEEDS_DAILY_0530_BERLIN

    with socket.socket() as probe:
        if probe.connect_ex(("127.0.0.1", 4200)) == 0:
            pytest.skip("port 4200 is in use: serve --start-server needs it")
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")},
        "PREFECT_HOME": str(tmp_path / "home"),
    }
    (tmp_path / "sources.toml").write_text(SEEDS_DAILY_0530_BERLIN, encoding="utf-8")
    serving = subprocess.Popen(
        [str(BIN / "newsdigest"), "serve", "--sources", "sources.toml", "--start-server"],
        env=env,
        cwd=tmp_path,
        stderr=subprocess.STDOUT,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        with httpx.Client(base_url="http://127.0.0.1:4200/api", timeout=10) as client:
            deadline = time.monotonic() + 180
            while True:
                assert time.monotonic() < deadline and serving.poll() is None
                try:
                    if client.get("/deployments/name/daily-digest/daily").status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                time.sleep(1)
        time.sleep(3)
    finally:
        serving.send_signal(signal.SIGINT)
        output, _ = serving.communicate(timeout=60)
    assert "ephemeral" not in output and "temporary server" not in output, output
    assert "ERROR" not in output, output
