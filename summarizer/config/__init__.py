"""``sources.toml`` as typed models: the feeds and files an operator lists once, the run's
limits, schedule, keyword filters and delivery targets. A wrong type, an out-of-range value
or an unknown key is one :class:`~summarizer.errors.ConfigError` line naming the file and
the key. One module per table, all offered here.

Example::

    output_dir = "reports"
    base_url = "https://news.example.org/digest/"   # where output_dir is served (Atom links)
    allow_private_hosts = false      # refuse feed URLs on private/loopback addresses
    window_hours = 24                # 0 = no time window
    full_text = true                 # fetch the page of entries that carry only a teaser

    [[feeds]]
    url = "https://example.org/rss.xml"
    name = "Example News"
    tags = ["world"]                 # the first tag is the section its briefs are listed in
    weight = 1.5                     # its stories rank higher (default 1)

    [nlp]
    model = "en_core_web_md"         # an installed spaCy pipeline (default: the small one)

    [digest]
    top_stories = 20                 # stories shown in full; every other one in one line
    sections = ["world", "business"] # the order of the briefs' sections (untagged last)

    [files]
    paths = ["articles/*.txt"]

    [[filters]]                      # keyword rules (config/filters.py)
    exclude = ["sponsored"]

    [email]                          # the digest by email (config/delivery.py)
    to = ["reader@example.org"]
    from = "News digest <digest@example.org>"
    smtp_host = "smtp.example.org"
    username_env = "NEWSDIGEST_SMTP_USER"
    password_env = "NEWSDIGEST_SMTP_PASSWORD"

    [[notify]]                       # one chat or push message per day, through Apprise
    url_env = "NEWSDIGEST_CHAT_URL"

    [limits]
    max_feed_bytes = 5_000_000

    [schedule]                       # for `newsdigest serve`
    cron = "0 6 * * *"
    timezone = "Europe/London"       # default: this machine's time zone; the digest's
                                     # dates and times are shown in it too
"""

from summarizer.config.delivery import EmailConfig, NotifyConfig
from summarizer.config.digest import (
    TOP_STORIES_DEFAULT,
    TOP_STORIES_MAX,
    TOP_STORIES_MIN,
    DigestConfig,
)
from summarizer.config.feeds import FeedConfig, FilesConfig, Limits, feed_config
from summarizer.config.filters import FilterRule
from summarizer.config.nlp import NlpConfig
from summarizer.config.schedule import (
    DEFAULT_CRON,
    ScheduleConfig,
    check_timezone,
    local_timezone,
)
from summarizer.config.sources import (
    DEFAULT_OUTPUT_DIR,
    SOURCES_FILE,
    SourcesConfig,
    config_from_text,
    load_config,
    output_directory,
    parse_config,
)

__all__ = [
    "DEFAULT_CRON",
    "DEFAULT_OUTPUT_DIR",
    "SOURCES_FILE",
    "TOP_STORIES_DEFAULT",
    "TOP_STORIES_MAX",
    "TOP_STORIES_MIN",
    "DigestConfig",
    "EmailConfig",
    "FeedConfig",
    "FilesConfig",
    "FilterRule",
    "Limits",
    "NlpConfig",
    "NotifyConfig",
    "ScheduleConfig",
    "SourcesConfig",
    "check_timezone",
    "config_from_text",
    "feed_config",
    "load_config",
    "local_timezone",
    "output_directory",
    "parse_config",
]
