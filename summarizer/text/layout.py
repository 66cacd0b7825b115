"""The structure of news copy: photo caption, dateline, paragraphs, subheadings, title.

Plain-text news copy carries layout that is not prose: a photo caption before the lede, a
dateline ("Kyiv:", "PARIS (AP) —") glued to the first sentence, and short unpunctuated
subheadings between paragraphs. Summaries must never pick those, so they are separated here,
before any sentence splitting.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_BLOCK_SEPARATOR = re.compile(r"\n\s*\n")
_AGENCIES = r"AP|Reuters|AFP|CNN|EPA|Getty Images|PA|dpa|Bloomberg|UPI|Xinhua|AAP|ANSA"
# A caption ends with the photo agency's credit: "... 2025. ( AP )", "(Photo: Reuters)".
_CAPTION_CREDIT = re.compile(
    rf"(\(\s*[^()]{{0,60}}?\b(?:{_AGENCIES}|photo|photograph|image|picture|credit)\b[^()]{{0,60}}\)"
    r"|\b(?:Photo|Image|Picture)\s*(?:credit)?\s*:\s*[^.]{1,60})\s*$",
    re.IGNORECASE,
)
_AGENCY_TAG = re.compile(rf"^\(\s*(?:{_AGENCIES})\s*\)\s*[—–-]*\s*")
# "Kyiv:", "PARIS (AP) —", "LONDON, England (CNN) --", "WASHINGTON (Reuters) -".
_PLACE = r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}"
_DATELINE = re.compile(
    rf"^(?P<place>{_PLACE}(?:,\s+{_PLACE})?)"
    rf"(?:\s*\(\s*(?:{_AGENCIES})\s*\))?"
    r"\s*(?::|\s[—–]|\s--|\s-\s|(?<=\))\s*[—–-]+)\s*"
)
_TERMINAL_PUNCTUATION = tuple(".!?:;\"”’')…")
_MAX_SUBHEADING_WORDS = 10
_TITLE_LIMIT = 110


@dataclass(frozen=True, slots=True)
class ArticleBody:
    """An article's text split into its layout parts."""

    caption: str | None
    dateline: str | None
    headline: str | None
    paragraphs: tuple[str, ...]
    subheadings: tuple[str, ...]

    @property
    def prose(self) -> str:
        """The paragraphs only, blank-line separated: what summaries choose sentences from."""
        return "\n\n".join(self.paragraphs)

    @property
    def caption_text(self) -> str:
        """The caption without its photo credit ("" when there is none)."""
        return strip_credit(self.caption) if self.caption else ""


def _blocks(text: str) -> list[str]:
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    if not text:
        return []
    blocks = [b.strip() for b in _BLOCK_SEPARATOR.split(text) if b.strip()]
    if len(blocks) == 1 and "\n" in blocks[0]:
        # Copy with single newlines between paragraphs: every line is a block.
        blocks = [line.strip() for line in blocks[0].split("\n") if line.strip()]
    return [" ".join(b.split()) for b in blocks]


def is_heading_line(block: str) -> bool:
    """A short single line with no terminal punctuation: a headline or a subheading."""
    words = block.split()
    return (
        0 < len(words) <= _MAX_SUBHEADING_WORDS
        and not block.endswith(_TERMINAL_PUNCTUATION)
        and _starts_like_a_heading(block)
    )


def _starts_like_a_heading(block: str) -> bool:
    """A capital first, or a letter of a script without case (Chinese, Arabic, Hebrew…)."""
    first = block[0]
    return first.isupper() or (first.isalpha() and not first.islower())


def is_caption(block: str) -> bool:
    """A photo caption ends with the photo agency's credit."""
    return bool(_CAPTION_CREDIT.search(block))


def strip_credit(caption: str) -> str:
    """The caption without its photo credit, which names an agency, not a participant."""
    return _CAPTION_CREDIT.sub("", caption).strip()


def split_dateline(paragraph: str) -> tuple[str | None, str]:
    """Strip a leading dateline; return (place, rest). The place keeps its own capitalisation
    unless the wire writes it in capitals ("PARIS" becomes "Paris")."""
    tagged = _AGENCY_TAG.match(paragraph)
    if tagged:
        return None, paragraph[tagged.end() :]
    match = _DATELINE.match(paragraph)
    if not match:
        return None, paragraph
    rest = paragraph[match.end() :]
    if not rest or not (rest[0].isupper() or rest[0] in "“\"'‘"):
        return None, paragraph
    parts = [part.strip() for part in match.group("place").split(",")]
    place = ", ".join(part.title() if part.isupper() else part for part in parts)
    return place, rest


def parse_body(text: str) -> ArticleBody:
    """Separate caption, headline, dateline and subheadings from the prose paragraphs."""
    blocks = _blocks(text)
    caption = headline = dateline = None
    if len(blocks) > 1 and is_caption(blocks[0]):
        caption = blocks.pop(0)
    if len(blocks) > 1 and is_heading_line(blocks[0]):
        headline = blocks.pop(0)
    paragraphs: list[str] = []
    subheadings: list[str] = []
    for block in blocks:
        if paragraphs and is_heading_line(block):
            subheadings.append(block)
        else:
            paragraphs.append(block)
    if paragraphs:
        dateline, paragraphs[0] = split_dateline(paragraphs[0])
    return ArticleBody(
        caption=caption,
        dateline=dateline,
        headline=headline,
        paragraphs=tuple(p for p in paragraphs if p),
        subheadings=tuple(subheadings),
    )


def shorten(text: str, limit: int = _TITLE_LIMIT) -> str:
    """Cut text at a word boundary so it fits in ``limit`` characters, marking the cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:—–- ")
    return cut + "…"


_ATTRIBUTED = re.compile(
    r"^(?P<who>[^,]{3,60}?)\s+(?:said|says|announced|confirmed|told \w+)"
    r"(?:\s+(?:on\s+)?\w+day)?\s+that\s+(?P<what>.+)$"
)
_TRAILING_ATTRIBUTION = re.compile(r",\s+[^,]{2,50}?\s+(?:said|says|reported)$")
_CLAUSE_BREAK = re.compile(r",\s|;\s|\s[—–]\s|\s(?:as|after|while|when|because|once|but)\s")
# Headlines drop a leading article before a common word ("The city's new barrier ..." ->
# "City's new barrier ..."; "The Hague" stays) and the day at the end ("... on Monday night").
_LEADING_ARTICLE = re.compile(r"^(?:The|A|An)\s+(?=[a-z])")
_TRAILING_DAY = re.compile(
    r"\s+(?:on\s+|last\s+|this\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
    r"|yesterday|today|tonight|last\s+night)(?:\s+(?:night|morning|afternoon|evening))?$"
)
HEADLINE_LIMIT = 100


def headline_from_lede(sentence: str, limit: int = HEADLINE_LIMIT) -> str:
    """A headline cut from a lede sentence the way an editor would: the claim rather than
    "X said Thursday that", without a trailing "officials said", ended at a clause
    boundary instead of mid-phrase ("Macron: 26 of Ukraine's allies have pledged to deploy
    troops")."""
    text = " ".join(sentence.split()).rstrip(".!")
    text = _TRAILING_ATTRIBUTION.sub("", text)
    attributed = _ATTRIBUTED.match(text)
    if attributed and len(attributed["what"].split()) >= 5:
        speaker = attributed["who"].split()[-1]
        claim = attributed["what"]
        prefix = f"{speaker}: " if speaker[:1].isupper() else ""
        text = prefix + claim[:1].upper() + claim[1:]
    if len(text) > limit:
        breaks = [m.start() for m in _CLAUSE_BREAK.finditer(text) if 35 <= m.start() <= limit]
        text = text[: breaks[-1]].rstrip(",;: ") if breaks else shorten(text, limit)
    return _headline_style(text)


def _headline_style(text: str) -> str:
    if len(text.split()) < 4:
        return text  # too short to lose a word
    text = _TRAILING_DAY.sub("", text)
    if _LEADING_ARTICLE.match(text):
        text = _LEADING_ARTICLE.sub("", text)
        text = text[:1].upper() + text[1:]
    return text


def derive_title(body: ArticleBody) -> str:
    """A title for copy that has none: its headline line, else one cut from its lede."""
    if body.headline:
        return body.headline
    if not body.paragraphs:
        return ""
    lede = body.paragraphs[0]
    first_sentence = re.split(r"(?<=[.!?])\s+(?=[A-Z“\"])", lede, maxsplit=1)[0]
    return headline_from_lede(first_sentence)
