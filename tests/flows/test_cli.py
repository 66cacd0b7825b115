import json

import pytest
from typer.testing import CliRunner

from flows.cli import app
from summarizer.config import load_config
from tests.conftest import SEED_ARTICLE

runner = CliRunner()


def _write_articles(path, *texts):
    path.write_text(
        "".join(json.dumps({"id": f"a{i}", "text": t}) + "\n" for i, t in enumerate(texts)),
        encoding="utf-8",
    )


@pytest.mark.parametrize(
    "command", [c.name or c.callback.__name__ for c in app.registered_commands]
)
def test_commands_have_help(command):
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0
    assert "Usage" in result.output


def test_summarize_writes_one_line_per_article(tmp_path):
    source, target = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    _write_articles(source, SEED_ARTICLE.read_text(encoding="utf-8"), "Only one sentence here.")
    result = runner.invoke(app, ["summarize", str(source), "-o", str(target), "--sentences", "2"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in rows] == ["a0", "a1"]
    assert len(rows[0]["sentences"]) == 2
    assert all(s in SEED_ARTICLE.read_text(encoding="utf-8") for s in rows[0]["sentences"])
    assert rows[1]["sentences"] == ["Only one sentence here."]


def test_summarize_unknown_algorithm_fails_with_the_list(tmp_path):
    source = tmp_path / "in.jsonl"
    _write_articles(source, "Text.")
    result = runner.invoke(
        app, ["summarize", str(source), "-o", str(tmp_path / "o"), "--algorithm", "x"]
    )
    assert result.exit_code == 2
    assert "unknown algorithm 'x'" in result.output


def test_summarize_bad_jsonl_line_fails_clearly(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text('{"id": "a", "text": "ok"}\n{oops\n', encoding="utf-8")
    result = runner.invoke(app, ["summarize", str(source), "-o", str(tmp_path / "o")])
    assert result.exit_code == 1
    assert "in.jsonl:2" in result.output


def test_participants_command_contract(tmp_path):
    source, target = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    _write_articles(source, SEED_ARTICLE.read_text(encoding="utf-8"))
    result = runner.invoke(app, ["participants", str(source), "-o", str(target)])
    assert result.exit_code == 0, result.output
    row = json.loads(target.read_text(encoding="utf-8"))
    assert set(row) == {"id", "people", "organizations", "places"}
    starmer = next(p for p in row["people"] if p["name"] == "Keir Starmer")
    assert starmer == {
        "name": "Keir Starmer",
        "role": "British Prime Minister",
        "mentions": 3,
        "aliases": ["Starmer"],
    }


def test_run_without_input_fails_and_overwrites_nothing(tmp_path):
    out = tmp_path / "reports"
    day = out / "2026-11-25"
    day.mkdir(parents=True)
    (day / "digest.md").write_text("yesterday's run", encoding="utf-8")
    empty = tmp_path / "empty"
    empty.mkdir()
    result = runner.invoke(app, ["run", str(empty), "--out", str(out), "--date", "2026-11-25"])
    assert result.exit_code == 2
    assert "no input files" in result.output
    assert (day / "digest.md").read_text(encoding="utf-8") == "yesterday's run"


def test_run_rejects_a_malformed_date_before_starting(tmp_path):
    result = runner.invoke(app, ["run", str(SEED_ARTICLE), "--date", "yesterday"])
    assert result.exit_code == 2
    assert "date must be YYYY-MM-DD" in result.output


def test_run_as_a_new_user_builds_the_seed_digest(tmp_path):
    """The README's digest command in a subprocess: temporary Prefect API, no server, quiet."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    from tests.conftest import SEEDS

    command = Path(sys.executable).with_name("newsdigest")
    env = {**os.environ, "PREFECT_HOME": str(tmp_path / "prefect-home")}
    env.pop("PREFECT_API_URL", None)
    out = tmp_path / "reports"

    def run_seeds() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(command), "run", str(SEEDS), "--out", str(out), "--date", "2026-11-25"],
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )

    result = run_seeds()
    assert result.returncode == 0, result.stderr
    day = out / "2026-11-25"
    assert result.stdout.split() == [str(day / f"digest.{fmt}") for fmt in ("md", "html", "json")]
    assert result.stderr == ""
    assert "Andriy Yermak" in (day / "digest.md").read_text(encoding="utf-8")
    # The same inputs again: nothing to do, and no Prefect start-up to pay for it.
    again = run_seeds()
    assert again.returncode == 0, again.stderr
    assert "up to date" in again.stderr
    assert again.stdout == result.stdout
    assert (out / "index.html").is_file() and (out / "feed.xml").is_file()

    # A lost page comes back from digest.json alone, as it was.
    page = (day / "digest.html").read_text(encoding="utf-8")
    (day / "digest.html").unlink()
    rendered = runner.invoke(app, ["render", "--date", "2026-11-25", "--out", str(out)])
    assert rendered.exit_code == 0, rendered.output
    assert (day / "digest.html").read_text(encoding="utf-8") == page
    missing = runner.invoke(app, ["render", "--date", "2026-11-20", "--out", str(out)])
    assert missing.exit_code == 1 and "no digest has been published" in missing.output


def test_sources_import_and_export_opml(tmp_path):
    opml = tmp_path / "feeds.opml"
    opml.write_text(
        '<opml version="2.0"><body><outline text="World">'
        '<outline text="BBC" xmlUrl="https://feeds.bbci.co.uk/news/world/rss.xml"/>'
        "</outline></body></opml>",
        encoding="utf-8",
    )
    sources = tmp_path / "sources.toml"
    result = runner.invoke(app, ["sources", "import-opml", str(opml), "--sources", str(sources)])
    assert result.exit_code == 0, result.output
    assert "added 1 feed " in result.output
    result = runner.invoke(app, ["sources", "export-opml", "--sources", str(sources)])
    assert result.exit_code == 0
    assert 'xmlUrl="https://feeds.bbci.co.uk/news/world/rss.xml"' in result.stdout


def test_two_opml_imports_into_a_file_of_feed_tables_keep_it_loadable(tmp_path):
    """The second import once appended ``feeds = [...]`` after the last ``[[feeds]]`` table,
    where TOML reads it as that table's key, and every later run failed."""
    sources = tmp_path / "sources.toml"
    sources.write_text(
        '# my feeds\n[[feeds]]\nurl = "https://a.example/rss"\nname = "A"\n', encoding="utf-8"
    )
    first, second = tmp_path / "one.opml", tmp_path / "two.opml"
    first.write_text(
        '<opml version="2.0"><body><outline text="News">'
        '<outline text="B" xmlUrl="https://b.example/rss"/>'
        '<outline text="C" xmlUrl="https://c.example/rss"/></outline></body></opml>',
        encoding="utf-8",
    )
    second.write_text(
        '<opml version="2.0"><body><outline text="D" xmlUrl="https://d.example/rss"/>'
        "</body></opml>",
        encoding="utf-8",
    )
    for opml in (first, second):
        result = runner.invoke(
            app, ["sources", "import-opml", str(opml), "--sources", str(sources)]
        )
        assert result.exit_code == 0, result.output
    exported = runner.invoke(app, ["sources", "export-opml", "--sources", str(sources)])
    assert exported.exit_code == 0, exported.output
    feeds = load_config(sources).feeds
    assert [(f.url, f.name, f.tags) for f in feeds] == [
        ("https://a.example/rss", "A", ()),
        ("https://b.example/rss", "B", ("News",)),
        ("https://c.example/rss", "C", ("News",)),
        ("https://d.example/rss", "D", ()),
    ]
    assert sources.read_text(encoding="utf-8").startswith("# my feeds\n")


def test_sources_import_rejects_a_non_opml_file(tmp_path):
    bad = tmp_path / "bad.opml"
    bad.write_text("<html/>", encoding="utf-8")
    result = runner.invoke(
        app, ["sources", "import-opml", str(bad), "--sources", str(tmp_path / "s.toml")]
    )
    assert result.exit_code == 2
    assert "not an OPML file" in result.output


def test_run_with_a_broken_sources_file_fails_before_starting(tmp_path):
    sources = tmp_path / "sources.toml"
    sources.write_text("[[feeds]]\nurl = 'file:///etc/passwd'\n", encoding="utf-8")
    result = runner.invoke(app, ["run", "--sources", str(sources)])
    assert result.exit_code == 2
    assert result.output.strip().endswith(
        "sources.toml: feeds[0].url must be an absolute http(s) URL, not 'file:///etc/passwd'"
    )


def test_cluster_command_gives_each_article_its_story(tmp_path):
    from tests.group.test_cluster import BARRIER, ELECTION

    source, target = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    _write_articles(source, *BARRIER, *ELECTION)
    result = runner.invoke(app, ["cluster", str(source), "-o", str(target)])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in rows] == [f"a{i}" for i in range(5)]
    assert [r["story"] for r in rows] == ["a0", "a0", "a0", "a3", "a3"]


def test_keypoints_command_contract(tmp_path):
    from tests.write.test_keypoints import A, B

    source, target = tmp_path / "stories.jsonl", tmp_path / "points.jsonl"
    story = {
        "id": "s1",
        "articles": [{"id": "a", "text": " ".join(A)}, {"id": "b", "text": " ".join(B)}],
    }
    source.write_text(json.dumps(story) + "\n" + json.dumps({"id": "s2", "articles": []}) + "\n")
    result = runner.invoke(app, ["keypoints", str(source), "-o", str(target), "--points", "3"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in rows] == ["s1", "s2"]
    assert len(rows[0]["points"]) == 3 and rows[1]["points"] == []
    texts = {"a": " ".join(A), "b": " ".join(B)}
    assert all(p["text"] in texts[p["article_id"]] for p in rows[0]["points"])


def test_keypoints_command_rejects_a_line_that_is_not_a_story(tmp_path):
    source = tmp_path / "stories.jsonl"
    source.write_text('{"id": "s1", "articles": "nope"}\n')
    result = runner.invoke(app, ["keypoints", str(source), "-o", str(tmp_path / "o.jsonl")])
    assert result.exit_code == 1 and "not a story line" in result.output


def test_help_texts_keep_their_brackets():
    result = runner.invoke(app, ["keypoints", "--help"])
    assert '"articles": [article,' in result.output  # rich markup would eat "[article, ...]"
