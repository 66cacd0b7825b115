import json
from pathlib import Path

import pytest

from summarizer.collect.files import load_files
from summarizer.errors import ConfigError
from tests.conftest import SEEDS


def _write(directory: Path, name: str, content: str | bytes) -> Path:
    path = directory / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def test_load_files_nothing_named_is_a_config_error(tmp_path):
    with pytest.raises(ConfigError, match="no input files"):
        load_files([tmp_path])
    with pytest.raises(ConfigError, match="no such file"):
        load_files([tmp_path / "missing"])
    with pytest.raises(ConfigError, match="no files match"):
        load_files([str(tmp_path / "*.txt")])


def test_load_files_seeds_all_load_with_stable_ids():
    first = load_files([SEEDS])
    assert first.problems == []
    assert len(first.articles) == 6  # 4 article files + 2 entries of the sample feed
    assert [a.id for a in load_files([SEEDS]).articles] == [a.id for a in first.articles]


def test_load_files_bad_files_become_problems_and_the_rest_loads(tmp_path):
    _write(tmp_path, "good.txt", "A real article sentence about the harbour.")
    _write(tmp_path, "empty.txt", "")
    _write(tmp_path, "blank.md", "  \n\n ")
    _write(tmp_path, "binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    _write(tmp_path, "notes.docx", "whatever")
    with (tmp_path / "huge.txt").open("wb") as stream:
        stream.truncate(50 * 1024 * 1024)
    result = load_files([tmp_path])
    assert [a.text for a in result.articles] == ["A real article sentence about the harbour."]
    reasons = {Path(p.source).name: p.reason for p in result.problems}
    assert reasons["empty.txt"] == "empty file"
    assert reasons["blank.md"] == "empty file"
    assert reasons["binary.txt"] == "binary file, not text"
    assert "unsupported file type '.docx'" in reasons["notes.docx"]
    assert reasons["huge.txt"].startswith("file is 50.0 MB, over the 10 MB limit")


def test_load_files_non_utf8_text_is_decoded_by_detection(tmp_path):
    text = "Le café était fermé, a déclaré le maire de Besançon à la presse régionale."
    _write(tmp_path, "latin.txt", text.encode("cp1252"))
    result = load_files([tmp_path])
    assert result.problems == []
    assert result.articles[0].text == text


def test_load_files_utf8_bom_is_dropped(tmp_path):
    _write(tmp_path, "bom.txt", "\ufeffThe article starts here.".encode())
    assert load_files([tmp_path]).articles[0].text == "The article starts here."


def test_load_files_jsonl_bad_lines_are_reported_by_line(tmp_path):
    lines = [
        json.dumps({"id": "a", "text": "First article text.", "title": "First"}),
        "{not json",
        json.dumps({"id": "b", "source": "neither text nor title"}),
        json.dumps({"text": "Third article without id.", "published": "2026-11-24T08:00:00Z"}),
    ]
    _write(tmp_path, "in.jsonl", "\n".join(lines))
    result = load_files([tmp_path / "in.jsonl"])
    assert result.articles[0].id == "a"
    assert result.articles[1].published is not None
    assert len(result.articles[1].id) == 16
    sources = [p.source for p in result.problems]
    assert sources == [f"{tmp_path / 'in.jsonl'}:2", f"{tmp_path / 'in.jsonl'}:3"]


def test_load_files_json_list_and_markdown_and_html(tmp_path):
    _write(tmp_path, "a.json", json.dumps([{"id": "j1", "text": "JSON article text."}]))
    _write(tmp_path, "b.md", "# Markdown title\n\nFirst *emphasised* paragraph.\n\n## Sub\n\nMore.")
    _write(
        tmp_path,
        "c.html",
        "<html><head><title>Page</title></head><body><nav>Menu</nav><article>"
        "<h1>HTML headline</h1><p>The first paragraph of the story is long enough to be the "
        "main text of this page.</p><p>A second paragraph adds detail about the event.</p>"
        "</article></body></html>",
    )
    articles = {a.source: a for a in load_files([tmp_path]).articles}
    assert articles["a.json"].id == "j1"
    assert articles["b.md"].title == "Markdown title"
    assert articles["b.md"].text == "First emphasised paragraph.\n\nSub\n\nMore."
    html = articles["c.html"]
    assert "Menu" not in html.text and "second paragraph" in html.text


def test_load_files_same_content_twice_loads_once(tmp_path):
    _write(tmp_path, "a.txt", "Same story text.")
    _write(tmp_path, "b.txt", "Same   story\ntext.")
    assert len(load_files([tmp_path]).articles) == 1


def test_load_files_glob_pattern(tmp_path):
    _write(tmp_path, "a.txt", "Alpha story text.")
    _write(tmp_path, "b.md", "Beta story text.")
    assert [a.source for a in load_files([str(tmp_path / "*.txt")]).articles] == ["a.txt"]


def test_load_files_jsonl_bundles_get_a_larger_cap(tmp_path):
    line = json.dumps({"id": "x", "text": "word " * 1000}) + "\n"
    bundle = tmp_path / "big.jsonl"
    bundle.write_text("".join(line.replace('"x"', f'"a{i}"') for i in range(2200)), "utf-8")
    assert bundle.stat().st_size > 10 * 1024 * 1024
    result = load_files([bundle])
    assert result.problems == [] and len(result.articles) == 2200


def test_a_title_of_zero_width_spaces_is_no_title(tmp_path):
    from summarizer.collect.files import load_files

    path = tmp_path / "odd.jsonl"
    path.write_text(
        '{"id": "z", "title": "\\u200b\\u200b", "text": "The bridge reopened on Monday."}\n'
        '{"id": "e", "title": "\\u200b"}\n',
        encoding="utf-8",
    )
    loaded = load_files([path], max_bytes=1_000_000)
    assert [(a.id, a.title) for a in loaded.articles] == [("z", "")]
    assert len(loaded.problems) == 1 and "neither 'text' nor 'title'" in loaded.problems[0].reason
