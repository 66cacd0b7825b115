"""The edited digest, through the real pipeline: the top stories in full, every other story in
one line, stories followed across days, and the deep parse only for what is shown in full."""

import json
from datetime import date
from importlib.resources import files
from pathlib import Path

import jsonschema
import pytest

import summarizer.read.articles as articles_module
from summarizer.config import parse_config
from summarizer.config.settings import DigestSettings
from summarizer.group.skim import skim_articles
from summarizer.group.threads import follow_threads
from summarizer.models import Article, StoryGroup
from summarizer.pipeline import run_pipeline
from summarizer.rank import DayShape, rank_stories

DAY_1, DAY_2, DAY_3 = date(2026, 11, 23), date(2026, 11, 24), date(2026, 11, 25)

BARRIER = [
    "The harbour's new storm-surge barrier closed for the first time on Monday night as "
    "gale-force winds pushed a high tide towards the old town quays.",
    "Harbour master Ingrid de Vries said the eight steel gates swung shut in forty minutes, "
    "well inside the hour the engineers had promised the city council.",
    "Shopkeepers along the quays had stacked sandbags against their doors, but the water "
    "never reached the cobbles of the harbour front.",
]
BARRIER_DAY_2 = [
    "The harbour barrier reopened on Tuesday morning after the storm surge passed, and "
    "engineers began checking the eight steel gates for damage.",
    "Engineers found a jammed hinge on the northern gate of the barrier, which the harbour "
    "master said would be repaired before the next spring tide.",
    "The city council will publish a report on the barrier's first closure next month, "
    "including the cost of the night's operation for the harbour.",
]
BARRIER_DAY_3 = [
    "The jammed hinge on the harbour barrier's northern gate was replaced on Wednesday, "
    "the harbour master said, ahead of the spring tide.",
    "Divers inspected the barrier's foundations and found no damage from the storm surge "
    "that closed the eight steel gates on Monday.",
]
BARRIER_TIMES = [
    "Eight steel gates of the storm-surge barrier shut against the sea for the first time "
    "on Monday, sparing the old town quays from a gale-driven high tide.",
    "Ingrid de Vries, the harbour master, said the closure took forty minutes, and the city "
    "council praised the engineers who built the barrier.",
]
BARRIER_WIRE = [
    "A storm-surge barrier protecting the harbour closed for the first time as gales drove "
    "the tide up the estuary on Monday night.",
    "The barrier's eight steel gates cost the city council two hundred million euros, and "
    "the harbour master said they held the water back from the quays.",
]
RAIL = [
    "Regional rail operators will run night trains on the coastal line from December after "
    "record summer demand, the transport authority announced.",
    "The night trains will leave the central station every hour between midnight and five, "
    "stopping at every town along the coastal line.",
]
RAIL_WIRE = [
    "Night trains are coming to the coastal rail line in December, the transport authority "
    "said, after trains were packed all summer.",
    "Hourly night services from the central station will stop in every coastal town, and "
    "union leaders said drivers had agreed to the new night shifts.",
]
SINGLES = {
    "library": "The city library opened a repair café where volunteers fix old laptops and "
    "phones for free every Saturday morning in the reading room. Volunteers said they fixed "
    "forty laptops on the first day, and the library plans a second session on Sundays.",
    "wind": "The undersea cable of the new offshore wind farm reached the coast on Friday, "
    "where engineers will connect it to the national grid substation. The operator said "
    "the wind farm will power ninety thousand homes when all turbines turn next autumn.",
    "meals": "Primary schools in the region will buy more produce from local farmers for "
    "school meals, the education office said, paying fifteen cents more per meal. Farmers "
    "welcomed the plan, which starts with apples, carrots and potatoes in January.",
}


def _record(article_id: str, text: str, outlet: str, hour: int, day: date) -> dict:
    return {
        "id": article_id,
        "text": text,
        "source": outlet,
        "url": f"https://{outlet.lower().replace(' ', '')}.example/{article_id}",
        "published": f"{day.isoformat()}T{hour:02d}:00:00+00:00",
    }


def _write(folder: Path, day: date, records: list[dict]) -> Path:
    path = folder / f"{day.isoformat()}.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def _day_one(folder: Path) -> Path:
    records = [
        _record("barrier-gazette", " ".join(BARRIER), "Harbour Gazette", 6, DAY_1),
        _record("barrier-times", " ".join(BARRIER_TIMES), "Coastal Times", 7, DAY_1),
        _record("barrier-wire", " ".join(BARRIER_WIRE), "Wire", 8, DAY_1),
        _record("rail-post", " ".join(RAIL), "Evening Post", 9, DAY_1),
        _record("rail-wire", " ".join(RAIL_WIRE), "Wire", 10, DAY_1),
    ]
    records += [_record(k, text, "Local News", 5, DAY_1) for k, text in SINGLES.items()]
    return _write(folder, DAY_1, records)


def _run(path: Path, day: date, out: Path, *, top: int = 20) -> dict:
    settings = DigestSettings(day=day, out_dir=out, timezone="UTC", top_stories=top, workers=1)
    published = run_pipeline([path], settings)
    return json.loads(published.paths["json"].read_text(encoding="utf-8"))


class CountingParser:
    """The real spaCy pipeline, counting the texts it parses."""

    def __init__(self, nlp) -> None:
        self.nlp = nlp
        self.texts: list[str] = []

    def pipe(self, texts, **options):
        for text in texts:
            self.texts.append(text)
            yield from self.nlp.pipe([text], **options)


@pytest.fixture
def counting_parser(monkeypatch):
    parser = CountingParser(articles_module.load_pipeline())
    monkeypatch.setattr(articles_module, "load_pipeline", lambda model=None: parser)
    return parser


def test_top_stories_are_full_the_rest_brief_and_briefs_are_never_parsed(tmp_path, counting_parser):
    digest = _run(_day_one(tmp_path), DAY_1, tmp_path / "out", top=2)
    stories = digest["stories"]
    assert [s["depth"] for s in stories] == ["full", "full", "brief", "brief", "brief"]
    assert stories[0]["id"] == "barrier-gazette"  # three outlets lead
    assert {s["article_id"] for s in stories[0]["sources"]} == {
        "barrier-gazette",
        "barrier-times",
        "barrier-wire",
    }
    assert stories[0]["why"] == "3 outlets · 3 articles · first seen 06:00 · new today"
    assert stories[0]["key_points"] and stories[0]["participants"]["people"]
    for brief in stories[2:]:
        assert brief["key_points"] == [] and brief["participants"]["people"] == []
        assert len(brief["sources"]) == 1
    # Only the five articles of the two full stories were parsed in depth.
    assert len(counting_parser.texts) == 5
    briefs = {s["sources"][0]["article_id"] for s in stories[2:]}
    assert not any(SINGLES[key][:40] in text for key in briefs for text in counting_parser.texts)
    counts = digest["counts"]
    assert (counts["stories"], counts["full_stories"], counts["articles"]) == (5, 2, 8)
    assert (counts["inputs"], counts["outlets"]) == (1, 5)
    schema = json.loads(
        files("summarizer.publish.render").joinpath("digest.schema.json").read_text()
    )
    jsonschema.Draft202012Validator(schema).validate(digest)


def test_the_pages_list_every_story_full_or_in_one_line(tmp_path):
    _run(_day_one(tmp_path), DAY_1, tmp_path / "out", top=2)
    markdown = (tmp_path / "out/2026-11-23/digest.md").read_text(encoding="utf-8")
    html = (tmp_path / "out/2026-11-23/digest.html").read_text(encoding="utf-8")
    top, _, also = markdown.partition("## Also today")
    assert "## Top stories" in top and "**Key points**" in top
    assert "_3 outlets · 3 articles · first seen 06:00 · new today_" in top
    assert also.count("\n- [") == 3 and "— 1 outlet" in also
    assert "https://localnews.example/library" in also
    assert "5 outlets · 8 articles from 1 feed or file · 5 stories, 2 in full" in markdown
    assert '<h2 id="also-today">Also today</h2>' in html and html.count('<li id="3-') == 1


def _three_days(folder: Path, out: Path) -> list[dict]:
    day_two = [
        _record("barrier-day2-gazette", " ".join(BARRIER_DAY_2), "Harbour Gazette", 7, DAY_2),
        _record(
            "barrier-day2-times",
            # A sentence shown on day 1, word for word, and two new ones.
            " ".join([BARRIER[0], *BARRIER_DAY_2[1:]]),
            "Coastal Times",
            8,
            DAY_2,
        ),
        _record("wind-day2", SINGLES["wind"] + " Rain delayed the work.", "Local News", 6, DAY_2),
    ]
    day_three = [
        _record("barrier-day3", " ".join(BARRIER_DAY_3), "Harbour Gazette", 9, DAY_3),
    ]
    return [
        _run(_day_one(folder), DAY_1, out),
        _run(_write(folder, DAY_2, day_two), DAY_2, out),
        _run(_write(folder, DAY_3, day_three), DAY_3, out),
    ]


def test_a_story_is_followed_across_three_days(tmp_path):
    days = _three_days(tmp_path, tmp_path / "out")
    barrier = [next(s for s in d["stories"] if "barrier" in s["id"]) for d in days]
    ids = {story["thread"]["id"] for story in barrier}
    assert ids == {"barrier-gazette"}
    assert [s["thread"]["days"] for s in barrier] == [1, 2, 3]
    assert [s["thread"]["previous"] for s in barrier] == [None, "2026-11-23", "2026-11-24"]
    assert all(s["thread"]["first_seen"] == "2026-11-23" for s in barrier)
    assert barrier[1]["why"].endswith("developing · day 2")
    shown = {p["text"] for p in barrier[0]["key_points"]}
    assert not shown & {p["text"] for p in barrier[1]["key_points"]}
    markdown = (tmp_path / "out/2026-11-25/digest.md").read_text(encoding="utf-8")
    assert "[previous: 24 Nov](<../2026-11-24/digest.md>)" in markdown
    index = (tmp_path / "out/index.html").read_text(encoding="utf-8")
    developing = index.split('id="developing"')[1].split("</section>")[0]
    for day in ("2026-11-23", "2026-11-24", "2026-11-25"):
        assert f'href="{day}/digest.html#' in developing


def test_rerunning_a_day_gives_the_same_threads(tmp_path):
    out = tmp_path / "out"
    days = _three_days(tmp_path, out)
    again = _run(tmp_path / "2026-11-24.jsonl", DAY_2, out)
    assert [s["thread"] for s in again["stories"]] == [s["thread"] for s in days[1]["stories"]]


def test_a_story_that_only_repeats_yesterday_sinks(tmp_path):
    out = tmp_path / "out"
    first = _run(_day_one(tmp_path), DAY_1, out)
    assert first["stories"][0]["id"] == "barrier-gazette"
    # The next day the same files are read again, plus one new single-outlet story.
    records = [json.loads(line) for line in (tmp_path / "2026-11-23.jsonl").open()]
    ferry = (
        "The island ferry will sail twice as often from March, the shipping company said, "
        "after a new vessel passed its sea trials in the northern fjord. Islanders had "
        "waited three years for the second boat, which carries sixty cars and four lorries."
    )
    new = _record("ferry", ferry, "Isle Post", 9, DAY_2)
    second = _run(_write(tmp_path, DAY_2, [*records, new]), DAY_2, out)
    assert second["stories"][0]["id"] == "ferry"
    barrier = next(s for s in second["stories"] if s["thread"]["id"] == "barrier-gazette")
    assert "nothing new since 23 Nov" in barrier["why"]


def test_sections_follow_the_feeds_tags_in_the_configured_order():
    config = parse_config(
        {
            "feeds": [
                {"url": "https://a.example/rss", "tags": ["business"]},
                {"url": "https://b.example/rss", "tags": ["world", "business"], "weight": 3},
                {"url": "https://c.example/rss", "tags": ["culture"]},
            ],
            "digest": {"sections": ["world", "business"]},
        }
    )
    feeds = {feed.url: feed for feed in config.feeds}
    items = [
        Article("a", "x", source="A", feed="https://a.example/rss"),
        Article("b", "y", source="B", feed="https://b.example/rss"),
        Article("c", "z", source="C", feed="https://c.example/rss"),
        Article("d", "w", source="D"),
    ]
    groups = [StoryGroup((i,), (i,), ()) for i in range(4)]
    threads = follow_threads(groups, [[a.id] for a in items], [], DAY_1)
    shape = DayShape(day=DAY_1, top_stories=0, sections=config.digest.sections, feeds=feeds)
    ranked = rank_stories(groups, threads, items, skim_articles(items), {}, shape)
    assert ranked[0].group.members == (1,)  # weight 3 leads
    assert "feed weight 3" in ranked[0].why
    assert {r.group.members[0]: r.section for r in ranked} == {
        0: "business",
        1: "world",
        2: "culture",
        3: None,
    }


def test_an_undated_article_ranks_as_of_its_day_not_as_the_oldest():
    """A file without a time (the seed's AP story) once ranked below every timed story of
    the day, however many outlets told it."""
    from datetime import UTC, datetime

    morning = datetime(DAY_1.year, DAY_1.month, DAY_1.day, 9, tzinfo=UTC)
    items = [
        Article("wire", "x", source="AP"),
        Article("wire-2", "x2", source="Reuters"),
        Article("local", "y", source="Gazette", published=morning),
        Article("local-2", "y2", source="Courier", published=morning),
    ]
    groups = [StoryGroup((0, 1), (0, 1), ()), StoryGroup((2, 3), (2, 3), ())]
    threads = follow_threads(groups, [["wire", "wire-2"], ["local", "local-2"]], [], DAY_1)
    shape = DayShape(day=DAY_1, top_stories=2)
    ranked = rank_stories(groups, threads, items, skim_articles(items), {}, shape)
    assert ranked[0].score == pytest.approx(ranked[1].score)  # both as fresh as the day
