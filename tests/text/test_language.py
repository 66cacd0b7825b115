"""Articles not in English get lead sentences and no participants; headline-only articles
read the same from every format."""

import json
from datetime import UTC, date, datetime

from summarizer.config.settings import DigestSettings
from summarizer.models import Article
from summarizer.pipeline import run_pipeline
from summarizer.read.articles import analyse_articles
from summarizer.text.language import is_english, plain_sentences
from summarizer.write.digest import build_digest, story_from_articles
from tests.conftest import SEED_ARTICLE

FRENCH = (
    "Le président Emmanuel Macron a annoncé jeudi que vingt-six alliés de l'Ukraine se sont "
    "engagés à déployer des troupes après un cessez-le-feu. Il a parlé à Paris devant la "
    "presse. Les discussions reprendront la semaine prochaine."
)
CHINESE_LEAD = "法国总统马克龙周四宣布，乌克兰的二十六个盟友已承诺在停火后部署部队。"
CHINESE = CHINESE_LEAD + "他在巴黎发表讲话。会议持续了三个小时。"


def test_language_is_told_from_function_words():
    assert is_english(SEED_ARTICLE.read_text(encoding="utf-8"))
    assert not is_english(FRENCH) and not is_english(CHINESE)
    assert is_english("Rail strike called off")  # too short to tell: English
    assert (
        plain_sentences(CHINESE)[0]
        == "法国总统马克龙周四宣布，乌克兰的二十六个盟友已承诺在停火后部署部队。"
    )


def test_other_languages_get_lead_sentences_no_participants_and_one_note():
    articles = [
        Article("fr", FRENCH, "Macron et l'Ukraine", source="Le Journal"),
        Article("zh", CHINESE, "马克龙", source="Xinhua"),
        Article("en", SEED_ARTICLE.read_text(encoding="utf-8"), source="Seed"),
    ]
    french, chinese, english = analyse_articles(articles, summary_length=2)
    assert not french.in_english and french.participants.people == ()
    assert french.summary == (
        "Le président Emmanuel Macron a annoncé jeudi que vingt-six alliés de l'Ukraine se "
        "sont engagés à déployer des troupes après un cessez-le-feu.",
        "Il a parlé à Paris devant la presse.",
    )
    assert len(chinese.sentences) == 3 and chinese.participants.organizations == ()
    assert english.in_english and english.participants.people
    digest = build_digest(
        [story_from_articles([a]) for a in (french, chinese, english)],
        analyses=[french, chinese, english],
        day=date(2026, 11, 25),
        generated_at=datetime(2026, 11, 25, 12, tzinfo=UTC),
    )
    notes = [p for p in digest.problems if "not in English" in p.reason]
    assert [(p.source, p.reason) for p in notes] == [
        (
            "Le Journal, Xinhua",
            "2 articles not in English: published with their lead sentences, without participants",
        )
    ]


def test_a_headline_only_article_reads_the_same_from_every_format(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a.md").write_text("# Council approves new harbour budget\n", encoding="utf-8")
    (inputs / "b.jsonl").write_text(
        '{"id": "j1", "title": "Rail strike called off after late talks"}\n', encoding="utf-8"
    )
    (inputs / "c.xml").write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><item>'
        "<title>Museum reopens after roof repair</title><link>https://m.example/1</link>"
        "<guid>m1</guid></item></channel></rss>",
        encoding="utf-8",
    )
    settings = DigestSettings(day=date(2026, 11, 25), out_dir=tmp_path / "out", timezone="UTC")
    digest = json.loads(run_pipeline([inputs], settings).paths["json"].read_text("utf-8"))
    assert digest["problems"] == []
    # Each is one headline with nothing after it: a one-line story, however high it ranks.
    assert sorted((s["headline"], s["depth"]) for s in digest["stories"]) == [
        ("Council approves new harbour budget", "brief"),
        ("Museum reopens after roof repair", "brief"),
        ("Rail strike called off after late talks", "brief"),
    ]


def test_the_not_in_english_note_counts_the_one_line_stories_too(tmp_path):
    french = {
        "id": "fr",
        "source": "Le Journal",
        "title": "Le port rouvre après l'été",
        "text": (
            "Le port de la ville a rouvert lundi après un été de travaux. Selon la mairie, "
            "les bateaux pourront de nouveau accoster dès la semaine prochaine."
        ),
    }
    path = tmp_path / "day.jsonl"
    path.write_text(json.dumps(french) + "\n", encoding="utf-8")
    settings = DigestSettings(day=date(2026, 11, 25), out_dir=tmp_path / "out", top_stories=0)
    written = run_pipeline([path], settings)
    digest = json.loads(written.paths["json"].read_text(encoding="utf-8"))
    note = "1 article not in English: listed among the sources, not parsed"
    assert {"source": "Le Journal", "reason": note} in digest["problems"]


def test_a_headline_of_a_script_without_case_is_not_glued_to_the_first_key_point():
    chinese = Article(
        id="zh",
        text=(
            "北京举行新闻发布会宣布新计划\n\n北京：国务院今天发布了新的交通计划。该计划将在明年实施。"
        ),
    )
    arabic = Article(
        id="ar",
        text=(
            "مؤتمر صحفي في القاهرة\n\n"
            "القاهرة: أعلنت الحكومة اليوم خطة جديدة. وستبدأ الخطة العام المقبل."
        ),
    )
    found = analyse_articles([chinese, arabic], summary_length=2)
    assert found[0].headline == "北京举行新闻发布会宣布新计划"
    assert found[0].summary[0] == "北京：国务院今天发布了新的交通计划。"
    assert found[1].headline == "مؤتمر صحفي في القاهرة"
    assert found[1].summary[0].startswith("القاهرة: أعلنت")
    assert plain_sentences("A heading\n\nThe text.") == ("A heading", "The text.")
