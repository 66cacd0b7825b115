"""What a user sees on stderr during a run with a broken feed: the library's own lines, one
per problem, and nothing from Prefect; and a files-only run whose every file fails stops
before Prefect starts."""

from tests.conftest import SEEDS, newsdigest, unused_port


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
