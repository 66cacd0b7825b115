"""The digest as one self-contained HTML page: the Markdown digest, rendered and sanitised.

Feed text is escaped when the Markdown is written; the HTML the ``markdown`` package makes
from it is then passed through nh3 with a short allow-list, so nothing a feed supplies can
add a script, an event handler or a ``javascript:`` link.
"""

from __future__ import annotations

from functools import lru_cache

import markdown
import nh3
from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from summarizer.models import Digest
from summarizer.render import markdown as markdown_renderer

_ALLOWED_TAGS = {
    "a", "blockquote", "code", "em", "h1", "h2", "h3", "h4", "hr", "li", "ol", "p", "pre",
    "strong", "table", "tbody", "td", "th", "thead", "tr", "ul",
}  # fmt: skip
_ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "h2": {"id"},
    "h3": {"id"},
    "td": {"align"},
    "th": {"align"},
}
_URL_SCHEMES = {"http", "https", "mailto"}


@lru_cache(maxsize=1)
def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("summarizer.render", "templates"),
        autoescape=select_autoescape(["html", "j2"]),
    )


def markdown_to_safe_html(text: str) -> str:
    """Render Markdown to HTML and keep only the tags and URLs a digest needs."""
    html = markdown.markdown(
        text,
        extensions=["tables", "toc"],
        extension_configs={"toc": {"slugify": lambda value, _sep: markdown_renderer.slug(value)}},
        output_format="html",
    )
    return nh3.clean(
        html,
        tags=_ALLOWED_TAGS,
        attributes=_ALLOWED_ATTRIBUTES,
        url_schemes=_URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
    )


def render(digest: Digest) -> str:
    """The digest as a complete HTML5 document."""
    body = markdown_to_safe_html(markdown_renderer.render(digest))
    template = _environment().get_template("digest.html.j2")
    return template.render(title=markdown_renderer.title(digest), body=Markup(body))
