"""The seeds' digest.json is the committed one (``tests/data/golden/``): refactoring must not
change what a reader gets. It was regenerated once, deliberately, for schema version 2 (the
edited digest: depth, thread, "why" line, keywords, counts of inputs and outlets); its
headlines, key points, participants and sources were checked unchanged then. The keyword
rules added an empty ``filtered`` list and nothing else (checked by comparing the rest).
Ranking undated files as of their day (the median time of its dated articles, not as the
oldest) reordered the stories and changed
nothing in any of them (checked story by story)."""

import json
from datetime import date
from pathlib import Path

from summarizer.config.settings import DigestSettings
from summarizer.pipeline import run_pipeline
from tests.conftest import REPO, SEEDS

GOLDEN = REPO / "tests/data/golden/seeds-2026-11-25.json"


def comparable(path: Path) -> dict:
    """A digest.json without the moment it was generated."""
    digest = json.loads(path.read_text(encoding="utf-8"))
    digest.pop("generated_at")
    return digest


def test_seed_digest_matches_the_golden_file(tmp_path):
    settings = DigestSettings(day=date(2026, 11, 25), out_dir=tmp_path, timezone="Europe/London")
    written = run_pipeline([SEEDS], settings)
    assert comparable(written.paths["json"]) == comparable(GOLDEN)
