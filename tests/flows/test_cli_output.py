"""What a user sees on stderr during a run with a broken feed: the library's own lines, one
per problem, and nothing from Prefect; and a files-only run whose every file fails stops
before Prefect starts."""

import json

from tests.conftest import SEEDS, newsdigest, unused_port
from tests.feed_site import FIXTURES, FeedSite, sources_toml


def test_a_run_with_a_dead_feed_prints_one_line_for_it_and_nothing_from_prefect(tmp_path):
    port = unused_port()
    (tmp_path / "sources.toml").write_text(
        'allow_private_hosts = true\noutput_dir = "out"\n'
        f'[files]\npaths = ["{SEEDS / "102_rail_timetable.md"}"]\n'
        f'[[feeds]]\nurl = "http://127.0.0.1:{port}/feed.xml"\nname = "Dead"\n',
        encoding="utf-8",
    )
    result = newsdigest(
        "run",
        "--sources",
        "sources.toml",
        "--date",
        "2026-11-25",
        cwd=tmp_path,
        PREFECT_HOME=str(tmp_path / "home"),
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [
        "warning: feed Dead failed: cannot connect: [Errno 111] Connection refused"
    ]
    assert result.stdout.splitlines() == [
        f"out/2026-11-25/digest.{fmt}" for fmt in ("md", "html", "json")
    ]


def test_when_every_file_fails_the_run_stops_before_prefect_starts(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"\x00\x01\x02")
    (tmp_path / "b.txt").write_text("", encoding="utf-8")
    # An API nobody answers: had the flow started, the error would be about it.
    result = newsdigest(
        "run",
        "a.txt",
        "b.txt",
        "--out",
        "out",
        cwd=tmp_path,
        PREFECT_API_URL=f"http://127.0.0.1:{unused_port()}/api",
    )
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "error: every source failed, nothing to publish (a.txt: binary file, not text; "
        "b.txt: empty file)"
    ]
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_a_scratch_run_into_another_folder_keeps_its_own_store(tmp_path, httpserver):
    """``--out`` takes the store of seen articles with it: a scratch run must not change
    what the real run (``output_dir`` of sources.toml) counts as new."""
    site = FeedSite(httpserver)
    feeds = {"Gazette": site.add_file("/gazette.xml", FIXTURES / "feeds/wire_a.xml")}
    sources_toml(tmp_path, feeds, window_hours=0)
    home = str(tmp_path / "home")
    scratch = newsdigest(
        "run", "--sources", "sources.toml", "--out", "scratch", "--force",
        cwd=tmp_path, PREFECT_HOME=home,
    )  # fmt: skip
    assert scratch.returncode == 0, scratch.stderr
    assert (tmp_path / "scratch/state.sqlite3").exists()
    assert not (tmp_path / "reports").exists()
    real = newsdigest("run", "--sources", "sources.toml", cwd=tmp_path, PREFECT_HOME=home)
    assert real.returncode == 0, real.stderr
    day = real.stdout.splitlines()[0].split("/")[1]
    scratch_json = (tmp_path / f"scratch/{day}/digest.json").read_text(encoding="utf-8")
    real_json = (tmp_path / f"reports/{day}/digest.json").read_text(encoding="utf-8")
    assert json.loads(real_json)["stories"] == json.loads(scratch_json)["stories"]


def test_a_verbose_run_says_each_thing_once_and_a_cached_analysis_still_counts(tmp_path):
    home = str(tmp_path / "home")
    first = newsdigest("run", str(SEEDS), "--out", "out", "-v", cwd=tmp_path, PREFECT_HOME=home)
    assert first.returncode == 0, first.stderr
    lines = first.stderr.splitlines()
    assert sum("loaded spaCy pipeline" in line for line in lines) == 1, lines
    assert sum("articles from" in line and "files" in line for line in lines) == 1, lines
    again = newsdigest(
        "run", str(SEEDS), "--out", "out", "-v", "--force", cwd=tmp_path, PREFECT_HOME=home
    )
    assert again.returncode == 0, again.stderr
    assert "summarise+participants (cached): parsed 6 articles in depth" in again.stderr
