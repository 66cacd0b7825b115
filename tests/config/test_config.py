"""sources.toml as typed models: every mistake is one line naming the file and the key."""

import pytest

from summarizer.config import load_config
from summarizer.errors import ConfigError

_EMAIL = '[email]\nto = ["r@example.org"]\nfrom = "d@example.org"\nsmtp_host = "smtp.example.org"\n'


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ("[limits]\nmax_redirects = 2.5\n", "limits.max_redirects must be an integer, not 2.5"),
        ("[limits]\nconcurrency = 0\n", "limits.concurrency must be ≥ 1, not 0"),
        ('[schedule]\ncron = "61 * * * *"\n', "schedule.cron '61 * * * *' is not a cron"),
        ('[schedule]\ntimezone = "Mars/Base"\n', "'Mars/Base' is not an IANA time zone"),
        ('[files]\npaths = ["a"]\npath = "b"\n', "files.path is not a known key"),
        ('[[feeds]]\nurl = "https://a.example/rss"\nnmae = "A"\n', "feeds[0].nmae is not a known"),
        ('[[feeds]]\nurl = "ftp://a.example/rss"\n', "feeds[0].url must be an absolute http(s)"),
        ('[[feeds]]\nname = "A"\n', "feeds[0].url is required"),
        ('[[feeds]]\nurl = "https://a.example/"\ntags = "world"\n', "feeds[0].tags must be a list"),
        ("window_hours = -1\n", "window_hours must be ≥ 0"),
        ('allow_private_hosts = "yes"\n', "allow_private_hosts must be true or false"),
        ('base_url = "news.example.org"\n', "base_url must be an absolute http(s) URL"),
        ("colour = 1\n", "colour is not a known key"),
        ("[digest]\ntop_stories = 500\n", "digest.top_stories must be ≤ 200, not 500"),
        ('[digest]\nsections = "world"\n', "digest.sections must be a list"),
        ("[digest]\ntop = 5\n", "digest.top is not a known key"),
        ('[[feeds]]\nurl = "https://a.example/"\nweight = 0\n', "feeds[0].weight must be > 0"),
        ('[[feeds]]\nurl = "https://a.example/"\nweight = "2"\n', "weight must be a number"),
        (_EMAIL.replace('"r@example.org"', '"reader"'), "email.to must be an email address, not"),
        (_EMAIL.replace('to = ["r@example.org"]', "to = []"), "email.to must hold at least 1"),
        (_EMAIL + 'security = "tls"\n', "email.security must be one of 'starttls', 'ssl' or"),
        (_EMAIL + "smtp_port = 70000\n", "email.smtp_port must be ≤ 65535"),
        (_EMAIL + 'password = "hunter2"\n', "email.password is not a known key"),
        (_EMAIL + 'password_env = "P"\n', "email username_env is required with a password"),
        (
            _EMAIL + 'security = "none"\n',
            "security = \"none\" is only for a relay on this machine, not 'smtp.example.org'",
        ),
        (
            _EMAIL.replace("smtp.example.org", "127.0.0.1")
            + 'security = "none"\nusername_env = "U"\npassword_env = "P"\n',
            'security = "none" would send the login unencrypted',
        ),
        ("[[notify]]\nname = 'room'\n", "notify[0] give exactly one of url, url_env or url_block"),
        ("[[notify]]\nurl = 'slack'\n", "notify[0] must be an Apprise URL"),
    ],
)
def test_a_bad_value_is_one_line_naming_file_and_key(tmp_path, toml, message):
    path = tmp_path / "sources.toml"
    path.write_text(toml, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    text = str(caught.value)
    assert text.startswith(f"{path}: ") and message in text
    assert "\n" not in text


def test_the_digest_table_and_feed_weights_shape_the_run(tmp_path):
    from datetime import date

    from summarizer.config.settings import DigestSettings

    path = tmp_path / "sources.toml"
    path.write_text(
        '[digest]\ntop_stories = 8\nsections = ["world", "business"]\n'
        '[[feeds]]\nurl = "https://a.example/rss"\nweight = 2\n',
        encoding="utf-8",
    )
    config = load_config(path)
    assert config.feeds[0].weight == 2.0
    settings = DigestSettings.for_config(config, day=date(2026, 11, 25), out_dir=tmp_path)
    assert (settings.top_stories, settings.sections) == (8, ("world", "business"))
    given = DigestSettings.for_config(
        config, day=date(2026, 11, 25), out_dir=tmp_path, top_stories=3
    )
    assert given.top_stories == 3
    assert DigestSettings(day=date(2026, 11, 25), out_dir=tmp_path).top_stories == 20


def test_a_good_file_resolves_paths_against_its_directory(tmp_path):
    path = tmp_path / "sources.toml"
    path.write_text(
        'output_dir = "out"\n[files]\npaths = ["a/*.txt"]\n[limits]\nread_timeout = 3\n'
        '[[feeds]]\nurl = "https://a.example/rss"\ntags = ["world"]\n',
        encoding="utf-8",
    )
    config = load_config(path)
    assert config.files == (str(tmp_path / "a/*.txt"),)
    assert config.output_dir == tmp_path / "out"
    assert config.store_path == tmp_path / "out/state.sqlite3"
    assert config.limits.read_timeout == 3.0 and config.feeds[0].tags == ("world",)


def test_paths_through_a_parent_directory_read_plainly(tmp_path):
    (tmp_path / "seeds").mkdir()
    path = tmp_path / "seeds/sources.toml"
    path.write_text('output_dir = "../reports"\n', encoding="utf-8")
    assert str(load_config(path).output_dir) == str(tmp_path / "reports")
