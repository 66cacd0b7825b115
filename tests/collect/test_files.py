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


def test_load_files_jsonl_bad_lines_are_one_problem_and_the_rest_loads(tmp_path):
    lines = [
        json.dumps({"id": "a", "text": "First article text.", "title": "First"}),
        "{not json",
        json.dumps({"id": "b", "source": "neither text nor title"}),
        json.dumps({"text": "Third article without id.", "published": "2026-11-24T08:00:00Z"}),
        "",
        "[1, 2]",
        json.dumps({"text": "A URL of the wrong type.", "url": 3}),
        json.dumps({"text": "Last good article."}),
    ]
    _write(tmp_path, "in.jsonl", "\n".join(lines))
    result = load_files([tmp_path / "in.jsonl"])
    assert [a.text for a in result.articles] == [
        "First article text.",
        "Third article without id.",
        "Last good article.",
    ]
    assert result.articles[1].published is not None
    assert len(result.articles[1].id) == 16
    [problem] = result.problems
    assert problem.source == str(tmp_path / "in.jsonl")
    assert problem.reason.startswith(
        "4 of 7 lines not used (line 2: not valid JSON: Expecting property name"
    )
    assert "line 3: record has neither 'text' nor 'title'" in problem.reason
    assert "line 6: expected a JSON object" in problem.reason
    assert problem.reason.endswith("; and 1 more)")  # line 7: named only by the count


def test_load_files_jsonl_is_not_capped_per_file_but_per_line(tmp_path):
    article = {"text": "word " * 150}  # about 750 bytes a line
    lines = [json.dumps({**article, "id": f"a{i}"}) for i in range(20)]
    lines[7] = json.dumps({"id": "long", "text": "word " * 400})  # about 2,000 bytes
    path = _write(tmp_path, "batch.jsonl", "\n".join(lines) + "\n")
    assert path.stat().st_size > 10 * 1000  # ten times the cap below
    result = load_files([path], max_bytes=1000)
    assert len(result.articles) == 19 and "long" not in {a.id for a in result.articles}
    [problem] = result.problems
    assert problem.source == str(path)
    assert problem.reason.startswith("1 of 20 lines not used (line 8: 0.0 MB, over the 0 MB")
    assert problem.reason.endswith("limit per article)")


def test_load_files_a_single_article_file_keeps_its_cap(tmp_path):
    path = _write(tmp_path, "one.txt", "word " * 400)
    [problem] = load_files([path], max_bytes=1000).problems
    assert problem.reason.startswith("file is 0.0 MB, over the 0 MB limit per file")


def test_load_files_jsonl_lines_are_decoded_one_by_one(tmp_path):
    latin = "Le café était fermé, a déclaré le maire de Besançon à la presse régionale."
    path = _write(
        tmp_path,
        "mixed.jsonl",
        b"\xef\xbb\xbf"  # a BOM opens the stream
        + json.dumps({"text": "The first line follows a byte-order mark."}).encode()
        + b"\n"
        + json.dumps({"text": latin}, ensure_ascii=False).encode("cp1252")
        + b"\n"
        + json.dumps({"text": "Un été à Besançon."}, ensure_ascii=False).encode()
        + b"\n",
    )
    result = load_files([path])
    assert result.problems == []
    assert [a.text for a in result.articles] == [
        "The first line follows a byte-order mark.",
        latin,
        "Un été à Besançon.",  # still UTF-8: the line before it did not change the decoding
    ]


def test_a_jsonl_code_page_is_detected_once_across_ascii_lines(tmp_path, monkeypatch):
    import summarizer.identity as identity

    detections = []
    real = identity.charset_normalizer.from_bytes
    monkeypatch.setattr(
        identity.charset_normalizer, "from_bytes", lambda data: detections.append(1) or real(data)
    )
    latin = "Le café était fermé, a déclaré le maire de Besançon à la presse régionale."
    lines = [
        json.dumps({"text": f"{text} ({number})"}, ensure_ascii=False).encode("cp1252")
        for number in range(3)
        for text in (latin, "A line of plain ASCII.")
    ]
    path = _write(tmp_path, "legacy.jsonl", b"\n".join(lines) + b"\n")
    result = load_files([path])
    assert result.problems == [] and len(result.articles) == 6
    assert result.articles[4].text == f"{latin} (2)"
    assert len(detections) == 1


def test_load_files_jsonl_that_is_binary_or_blank_is_one_problem(tmp_path):
    _write(tmp_path, "binary.jsonl", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\n" * 50)
    _write(tmp_path, "blank.jsonl", "\n  \n\n")
    reasons = {Path(p.source).name: p.reason for p in load_files([tmp_path]).problems}
    assert reasons == {"binary.jsonl": "binary file, not text", "blank.jsonl": "empty file"}


def test_load_files_stop_after_reads_no_further(tmp_path):
    _write(tmp_path, "a.jsonl", "\n".join(json.dumps({"text": f"Article {i}."}) for i in range(3)))
    (tmp_path / "b.txt").write_bytes(b"\x00binary")
    result = load_files([tmp_path], stop_after=2)
    assert [a.text for a in result.articles] == ["Article 0.", "Article 1."]
    assert result.problems == [] and result.files == 1  # b.txt, the binary file, not read


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
