"""The feeds of a day fetched on threads and on a Dask LocalCluster: every real-world feed
file of ``../shared/data/feeds`` (news, blogs, podcasts, broken and mis-encoded ones) served
on loopback, read by `newsdigest run --sources` both ways. Full text is off: the entries'
links point at real hosts, which are never fetched.

    python bench/feeds_dask.py [--copies 1]

``--copies N`` serves every file N times under different paths (N × 140 feeds). Prints each
run's wall time and the seconds of its feed stages (from their tasks' log lines), and whether
the two ``digest.json`` are the same but for the time they were made.
"""

from __future__ import annotations

import argparse
import http.server
import json
import os
import sys
import tempfile
import threading
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from pipeline import BIN, Run, measure

FEEDS = Path(__file__).resolve().parents[2] / "shared/data/feeds"
DAY = "2026-12-01"
FEED_STAGES = ("recall-feeds", "fetch", "recall-pages", "extract", "record", "gather")


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def _sources(directory: Path, base: str, files: list[str], copies: int) -> Path:
    lines = [
        "allow_private_hosts = true",
        "full_text = false",
        "window_hours = 0",
        'output_dir = "reports"',
    ]
    for copy in range(copies):
        for name in files:
            lines.append(f'[[feeds]]\nurl = "{base}{name}?copy={copy}"\nname = "{name} {copy}"')
    path = directory / "sources.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _digest(directory: Path) -> dict[str, object]:
    data = json.loads((directory / "reports" / DAY / "digest.json").read_text("utf-8"))
    data.pop("generated_at")
    return data


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=1, help="serve every feed file N times")
    args = parser.parse_args()
    if not FEEDS.exists():
        print(f"skipped: {FEEDS} is not available")
        return 0
    inventory = json.loads((FEEDS / "feeds_inventory.json").read_text(encoding="utf-8"))
    files = [item["file"] for item in inventory["files"]]
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), partial(_Quiet, directory=str(FEEDS))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    work = Path(tempfile.mkdtemp(prefix="newsdigest-feeds-dask-"))
    env = {
        **os.environ,
        "PREFECT_HOME": str(work / "prefect-home"),
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    }
    env.pop("PREFECT_API_URL", None)
    runs: dict[str, Run] = {}
    for runner in ("threads", "dask"):
        directory = work / runner
        directory.mkdir()
        sources = _sources(directory, base, files, args.copies)
        command = [str(BIN / "newsdigest"), "run", "--sources", str(sources), "--date", DAY]
        runs[runner] = measure([*command, "--task-runner", runner, "-v"], env)
    server.shutdown()
    print(f"{len(files) * args.copies} feeds ({len(files)} files × {args.copies}), full text off\n")
    print("| | threads | Dask LocalCluster (2 workers) |")
    print("|---|---:|---:|")
    print(f"| wall s | {runs['threads'].seconds:.1f} | {runs['dask'].seconds:.1f} |")
    for stage in FEED_STAGES:
        cells = [f"{runs[r].stages[stage]:.2f}" if stage in runs[r].stages else "–" for r in runs]
        print(f"| {stage} s | {' | '.join(cells)} |")
    same = _digest(work / "threads") == _digest(work / "dask")
    print(f"\nthe two digest.json are {'the same' if same else 'DIFFERENT'} (work dir {work})")
    return 0 if same else 1


if __name__ == "__main__":
    raise SystemExit(main())
