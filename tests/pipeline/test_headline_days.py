"""A real news day is headlines and teasers: key points from every outlet's headline, stories
that hold together, threads with evidence on both sides, sections by majority, and no
participants read from Title Case alone. Through the real pipeline on headline-only files."""

import json
from datetime import UTC, date, datetime
from pathlib import Path

from summarizer.collect.feeds import parse_feed
from summarizer.config import parse_config
from summarizer.config.settings import DigestSettings
from summarizer.group.clustering import cluster_articles
from summarizer.group.skim import skim_articles
from summarizer.group.threads import follow_threads, remember
from summarizer.models import Article, Digest, StoryGroup, from_jsonable
from summarizer.pipeline import run_pipeline
from summarizer.publish.render.view import shown_sources
from summarizer.rank import DayShape, rank_stories

DAY_1, DAY_2 = date(2014, 3, 10), date(2014, 3, 11)

# (outlet, headline as the feed gives it, hour)
APPLE = [
    ("Reuters", "UPDATE 2-Apple releases iOS 7.1 with CarPlay and Siri changes", 1),
    ("Mac Times", "Apple Releases iOS 7.1 Update With CarPlay, Siri Improvements", 2),
    ("Gadget Daily", "Apple releases iOS 7.1 update for iPhone and iPad - Gadget Daily", 3),
    ("Tech Wire", "VIDEO: iOS 7.1 brings CarPlay to iPhone owners", 4),
    ("Bloomberg", "Apple iOS 7.1 fixes bug that crashed iPhone home screen (1)", 5),
    ("Phone Blog", "iOS 7.1 fixes Touch ID bug and speeds up older iPhones", 6),
    ("City Paper", "Apple's iOS 7.1 update is out, with CarPlay and a faster  ...", 7),
    ("Fruit News", "Apple releases iOS 7.1: CarPlay, Siri and Touch ID fixes", 8),
]
THRONES = [
    ("TV Guide", "New Game of Thrones season 4 trailer shows dragons", 1),
    ("Screen", "HBO releases third Game of Thrones season 4 trailer", 2),
    ("Fan Site", "Game of Thrones season 4 trailer: Daenerys and her dragons return", 3),
    ("Daily Show", "Watch the new Game of Thrones season four trailer - watch", 4),
]
TANKER = [
    ("Wire", "Libyan parliament ousts prime minister after oil tanker escapes", 18),
    ("World Post", "Tanker carrying rebel oil escapes Libyan navy", 19),
    ("Gulf Times", "Libya's prime minister Ali Zeidan ousted over rebel oil tanker", 20),
]
SINGLE = [("Startup Blog", "Startup app makes filing your taxes feel like speed reading", 9)]


def _headline_file(folder: Path, day: date, items: list[tuple[str, str, int]]) -> Path:
    path = folder / f"{day.isoformat()}.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for number, (outlet, title, hour) in enumerate(items):
            record = {
                "id": f"{day.isoformat()}-{number}",
                "title": title,
                "text": title,
                "source": outlet,
                "url": f"https://{outlet.lower().replace(' ', '')}.example/{day}/{number}",
                "published": f"{day.isoformat()}T{hour:02d}:00:00+00:00",
            }
            out.write(json.dumps(record) + "\n")
    return path


def _run(path: Path, day: date, out: Path) -> dict:
    settings = DigestSettings(day=day, out_dir=out, timezone="UTC", workers=1)
    published = run_pipeline([path], settings)
    return json.loads(published.paths["json"].read_text(encoding="utf-8"))


def _story_of(digest: dict, url_part: str) -> dict:
    return next(s for s in digest["stories"] if any(url_part in x["url"] for x in s["sources"]))


def test_a_headline_story_of_several_outlets_gets_credited_cleaned_key_points(tmp_path):
    digest = _run(_headline_file(tmp_path, DAY_1, APPLE + THRONES), DAY_1, tmp_path / "out")
    apple = _story_of(digest, "reuters.example")
    assert len(apple["sources"]) == len(APPLE)  # one story, every outlet
    points = apple["key_points"]
    assert len(points) >= 2
    outlets = {s["article_id"]: s["outlet"] for s in apple["sources"]}
    assert len({outlets[p["article_id"]] for p in points}) == len(points)  # each its outlet
    for point in points:
        text = point["text"]
        assert not text.startswith(("UPDATE", "VIDEO"))
        assert not text.endswith(("(1)", "- Gadget Daily", "...", "…"))
    assert apple["headline"] not in {p["text"] for p in points}
    thrones = _story_of(digest, "tvguide.example")
    assert len(thrones["sources"]) == len(THRONES)
    assert len(thrones["key_points"]) >= 2


def _record(number: int, outlet: str, title: str, hour: int, text: str | None = None) -> dict:
    return {
        "id": f"r{number}",
        "title": title,
        "text": title if text is None else text,
        "source": outlet,
        "url": f"https://{outlet.lower().replace(' ', '')}.example/{number}",
        "published": f"{DAY_1.isoformat()}T{hour:02d}:00:00+00:00",
    }


def test_a_story_with_one_thing_to_say_is_a_brief_however_high_it_ranks(tmp_path):
    """Ranked first with room for one story in full: a lone headline, a teaser that only
    repeats its headline, and one wording carried by four outlets all give way to the
    Libyan story, which is numbered first."""
    budget = "Council approves new harbour budget"
    wire = "Rail strike called off after late talks"
    one_thing = [
        _record(0, "Night Desk", "Griffin's 37 points help Clippers beat Suns", 23),
        _record(1, "City Paper", budget, 23, text=f"{budget}. - City Paper"),
        *(_record(2 + k, f"Outlet {k}", f"{wire} - Outlet {k}", 22) for k in range(4)),
    ]
    libya = [_record(10 + k, o, t, h) for k, (o, t, h) in enumerate(TANKER)]
    path = tmp_path / "day.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in one_thing + libya), encoding="utf-8")
    settings = DigestSettings(
        day=DAY_1, out_dir=tmp_path / "out", timezone="UTC", workers=1, top_stories=1
    )
    digest = json.loads(run_pipeline([path], settings).paths["json"].read_text("utf-8"))
    stories = digest["stories"]
    assert [s["depth"] for s in stories] == ["full", "brief", "brief", "brief"]
    assert {x["outlet"] for x in stories[0]["sources"]} == {o for o, _, _ in TANKER}
    assert len(stories[0]["key_points"]) >= 2
    wire_story = next(s for s in stories if wire in s["headline"])
    assert len(wire_story["sources"]) == 4  # four outlets, one statement: a brief


def test_apple_releases_is_not_an_organisation_of_a_title_case_headline(tmp_path):
    digest = _run(_headline_file(tmp_path, DAY_1, APPLE + THRONES), DAY_1, tmp_path / "out")
    apple = _story_of(digest, "reuters.example")
    organisations = {o["name"] for o in apple["participants"]["organizations"]}
    places = {p["name"] for p in apple["participants"]["places"]}
    assert "Apple Releases" not in organisations
    assert "Apple" in organisations  # read by several outlets, in sentence case too
    assert not {"Fixes", "Releases", "Update"} & (organisations | places)


def test_the_first_source_shown_is_the_most_central(tmp_path):
    # The earliest headline is the story's odd one out: it must not lead its sources.
    stray = ("Early Bird", "iPhone owners wait for iOS 7.1", 0)
    digest = _run(_headline_file(tmp_path, DAY_1, [stray, *APPLE]), DAY_1, tmp_path / "out")
    apple = _story_of(digest, "reuters.example")
    assert any("earlybird" in s["url"] for s in apple["sources"])
    shown, _ = shown_sources(from_jsonable(Digest, digest).stories[digest["stories"].index(apple)])
    assert "earlybird" not in shown[0].url
    assert "apple releases ios 7.1" in shown[0].title.lower()


def test_a_one_headline_story_sharing_one_word_does_not_capture_a_new_story(tmp_path):
    out = tmp_path / "out"
    _run(_headline_file(tmp_path, DAY_1, SINGLE + TANKER), DAY_1, out)
    colorado = [
        ("Denver Post", "Colorado collects $2M in recreational pot taxes in first month", 9)
    ]
    second = _run(_headline_file(tmp_path, DAY_2, colorado), DAY_2, out)
    (story,) = second["stories"]
    assert story["thread"]["previous"] is None
    assert story["why"].endswith("new today")


def test_a_headline_story_continues_its_thread_and_a_rerun_reproduces_it(tmp_path):
    out = tmp_path / "out"
    first = _run(_headline_file(tmp_path, DAY_1, TANKER + THRONES), DAY_1, out)
    tanker_day_2 = [
        ("Wire", "Libya's parliament names interim prime minister after tanker escapes", 8),
        ("World Post", "Rebel oil tanker escapes Libya; parliament ousts prime minister", 9),
        ("Sea News", "North Korean-flagged tanker with Libyan rebel oil reaches open sea", 10),
    ]
    path = _headline_file(tmp_path, DAY_2, tanker_day_2 + SINGLE)
    second = _run(path, DAY_2, out)
    tanker_1 = _story_of(first, "wire.example/2014-03-10")
    tanker_2 = _story_of(second, "wire.example/2014-03-11")
    assert tanker_2["thread"]["id"] == tanker_1["thread"]["id"]
    assert tanker_2["thread"]["previous"] == DAY_1.isoformat()
    again = _run(path, DAY_2, out)
    assert [s["thread"] for s in again["stories"]] == [s["thread"] for s in second["stories"]]


def test_a_storys_section_is_where_most_of_its_articles_come_from():
    config = parse_config(
        {
            "feeds": [
                {"url": "https://money.example/rss", "tags": ["business"]},
                {"url": "https://tv.example/rss", "tags": ["entertainment"]},
                {"url": "https://fans.example/rss", "tags": ["entertainment", "business"]},
            ],
            "digest": {"sections": ["business", "entertainment"]},
        }
    )
    feeds = {feed.url: feed for feed in config.feeds}
    items = [
        Article("a", "x", source="Money", feed="https://money.example/rss"),
        Article("b", "y", source="TV", feed="https://tv.example/rss"),
        Article("c", "z", source="Fans", feed="https://fans.example/rss"),
        Article("d", "w", source="Money", feed="https://money.example/rss"),
        Article("e", "v", source="TV", feed="https://tv.example/rss"),
    ]
    groups = [StoryGroup((0, 1, 2), (0, 1, 2), ()), StoryGroup((3, 4), (3, 4), ())]
    threads = follow_threads(groups, [["a", "b", "c"], ["d", "e"]], [], DAY_1)
    shape = DayShape(day=DAY_1, top_stories=0, sections=config.digest.sections, feeds=feeds)
    ranked = rank_stories(groups, threads, items, skim_articles(items), {}, shape)
    sections = {r.group.members: r.section for r in ranked}
    # Two of three articles come from entertainment feeds, though a feed also says business.
    assert sections[(0, 1, 2)] == "entertainment"
    # One each: the tie goes to the section listed first.
    assert sections[(3, 4)] == "business"


def test_remembered_threads_need_evidence_from_both_keyword_lists():
    day_1 = from_jsonable(
        Digest,
        {
            "schema_version": 2,
            "date": DAY_1.isoformat(),
            "generated_at": "2014-03-10T23:00:00+00:00",
            "stories": [
                {
                    "id": "startup",
                    "headline": SINGLE[0][1],
                    "key_points": [],
                    "participants": {"people": [], "organizations": [], "places": []},
                    "sources": [
                        {
                            "article_id": "startup",
                            "title": SINGLE[0][1],
                            "url": None,
                            "outlet": "Startup Blog",
                            "published": None,
                        }
                    ],
                    "keywords": ["startup", "app", "filing", "taxes", "feel", "speed", "reading"],
                }
            ],
            "problems": [],
            "counts": {"inputs": 1, "outlets": 1, "articles": 1, "stories": 1},
        },
    )
    memory = remember([day_1])
    pot = StoryGroup((0,), (0,), ("colorado", "collects", "pot", "taxes", "month", "first"))
    (state,) = follow_threads([pot], [["pot"]], memory, DAY_2)
    assert not state.continuing


def _short_articles(items: list[tuple[str, str]]) -> list[Article]:
    return [
        Article(f"a{k}", text, title=text.split("\n")[0], source=outlet)
        for k, (outlet, text) in enumerate(items)
    ]


def test_one_outlets_episodes_are_not_one_story_for_its_house_words():
    podcast = "Tech Talk Podcast"
    episodes = [
        (podcast, "Episode 101: Rust in the Linux kernel\nThis week on the Tech Talk podcast"),
        (podcast, "Episode 102: Why printers still jam\nThis week on the Tech Talk podcast"),
        (podcast, "Episode 103: A history of the floppy disk\nThis week on the Tech Talk podcast"),
        (podcast, "Episode 104: Home routers and their bugs\nThis week on the Tech Talk podcast"),
    ]
    news = [
        ("Wire", "Printers recalled after fires in offices"),
        ("Daily", "Office printers recalled over fire risk"),
    ]
    groups = cluster_articles(_short_articles(episodes + news)).groups()
    assert groups == [[0], [1], [2], [3], [4, 5]]


def test_items_in_another_language_are_not_one_story_for_its_small_words():
    items = [
        ("Jornal", "Acidente na A1 causa um morto e dois feridos que seguiam com a família"),
        ("Diário", "Mãe de utente é a nova presidente da associação que ganhou com um voto"),
        ("Notícias", "Trump diz que tem um botão nuclear maior que o de Kim com a Coreia"),
        ("Público", "Lisboa quer passes sociais com acesso a táxis e bicicletas da cidade"),
    ]
    assert len(cluster_articles(_short_articles(items)).groups()) == 4


def test_a_teaser_escaped_twice_and_its_listing_footer_are_plain_text():
    feed = (
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>r/all</title><item>'
        b"<title>A threesome of ducks</title><link>https://www.reddit.com/r/aww/1</link>"
        b"<description>&amp;lt;!-- SC_OFF --&amp;gt;&amp;lt;div class=&amp;quot;md&amp;quot;"
        b"&amp;gt;&amp;lt;p&amp;gt;Three ducks crossed the road together.&amp;lt;/p&amp;gt;"
        b"&amp;lt;/div&amp;gt;&amp;lt;!-- SC_ON --&amp;gt; submitted by /u/duckfan to /r/aww "
        b"[link] [42 comments]</description></item></channel></rss>"
    )
    (entry,) = parse_feed(feed, url="https://www.reddit.com/.rss").entries
    assert entry.text == "Three ducks crossed the road together."


def test_teasers_whose_headlines_share_nothing_are_two_stories():
    """Thirty words of two teasers share a few by chance ("email", "published"); two reports
    of one event say it in their headlines."""
    items = [
        (
            "Ghost Blog",
            "Send emails without publishing\nYou can now choose whether to publish "
            "a post on your website when sending an email newsletter to members.",
        ),
        (
            "Guardian",
            "The raccoons of the resistance watch the speech\nSign up here to get an "
            "email whenever new cartoons are published on the website for members.",
        ),
    ]
    assert cluster_articles(_short_articles(items)).groups() == [[0], [1]]


def test_a_headline_and_a_teaser_need_two_words_in_both_headlines():
    """A genome abstract's lead shares "cause" and "loss" with a headline by chance; a report
    of the same event shares its headline's words."""
    genome = (
        "Preprints",
        "Complete genome of the anthracnose fungus reveals its chromosomes\nThe fungus can "
        "cause crop loss in forage legumes across the world, the authors write.",
    )
    items = [
        genome,
        ("Science Daily", "Plasmodium leftovers cause bone loss"),
        ("Lab News", "Anthracnose fungus genome sequenced in full"),
    ]
    assert cluster_articles(_short_articles(items)).groups() == [[0, 2], [1]]


def test_one_outlets_series_posts_weeks_apart_are_not_one_story():
    titles = (
        "Code Health: To Comment or Not to Comment?",
        "Code Health: Too Many Comments on Your Code Reviews?",
    )

    def posts(*days: int) -> list[Article]:
        return [
            Article(
                f"p{k}",
                f"{title}\nCode Health posts by the testing blog team, on comments.",
                title=title,
                source="Testing Blog",
                published=datetime(2017, 6, day, tzinfo=UTC),
            )
            for k, (title, day) in enumerate(zip(titles, days, strict=True))
        ]

    assert cluster_articles(posts(5, 6)).groups() == [[0, 1]]  # alike, and a day apart
    assert cluster_articles(posts(5, 19)).groups() == [[0], [1]]


def test_one_outlets_items_with_other_versions_are_not_one_story():
    def release(version: str) -> tuple[str, str]:
        return (
            "Ads Blog",
            f"Announcing {version} of the AdWords API\nToday we are releasing {version} of "
            "the AdWords API, with new reports, bidding fields and a migration guide.",
        )

    other = [release("v201601"), release("v201605")]
    again = [release("v201601"), release("v201601")]
    assert cluster_articles(_short_articles(other)).groups() == [[0], [1]]
    assert cluster_articles(_short_articles(again)).groups() == [[0, 1]]
