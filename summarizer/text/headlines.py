"""Headlines as statements: what a feed's title says, without what only the outlet adds.

Feed titles carry furniture around the statement: the outlet's name ("… - Reuters",
"… | Fox News"), wire slugs and revision marks ("UPDATE 2-", "REFILE-", "METALS-"), a revision
counter ("(1)"), a media label ("VIDEO:", "… - watch", "(Photos)") and, in aggregator and teaser
feeds, a cut-off end ("… and  ..."). Stories are grouped, and key points chosen, on the
statement alone; a cut-off headline is kept as a statement only when nothing complete says it.

The outlet's own suffixes are also learnt from the day: a trailing segment that several of one
outlet's headlines share (" - Quick Facts", " | The Republic") is the outlet's, not the news.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

# Labels that say what kind of item it is, not what happened.
_LABELS = (
    r"video|videos|watch|photos?|pics|pictures|gallery|slideshow|live|live blog|audio|listen"
    r"|podcast|breaking|breaking news|exclusive|update|updated|comment|opinion|analysis"
    r"|editorial|review|interview|fyi|report|infographic|poll|quiz|recap|quick facts"
)
_WIRE_SLUG = re.compile(r"^(?:[A-Z]{2,}(?:\s[A-Z]{2,})*(?:\s\d+)?)-(?=[A-Z0-9\"“'‘])")
_LABEL_PREFIX = re.compile(rf"^(?:{_LABELS})\s*(?::|\s[-–—|])\s*", re.IGNORECASE)
# Forum post types that open a title ("TIL that …", "ELI5: …", "LPT: …").
_POST_TYPE = re.compile(r"^(?:TIL|ELI5|LPT|PSA|YSK|TIFU|CMV|AMA|IAmA)\b\s*:?\s*(?:that\s+)?")
_LABEL_SUFFIX = re.compile(
    rf"\s*(?:\s[-–—|:]\s*(?:{_LABELS})|[(\[](?:{_LABELS})(?:\s*\d+)?[)\]])\s*$", re.IGNORECASE
)
_COUNTER = re.compile(r"\s*\(\d{1,2}\)\s*$")
_CUT_OFF = re.compile(r"\s*(?:\.{3}|…|\[…\]|\[\.\.\.\])\s*$")
_SEGMENT = re.compile(r"\s+[-–—|]\s+(?P<tail>(?:(?!\s[-–—|]\s).){1,60}?)\s*$")
_OUTLET_WORDS = 6
"""A trailing segment this long or shorter may be an outlet's name."""
_REPEATED_SUFFIX = 2
"""Headlines of one outlet that must share a trailing segment for it to be the outlet's."""
_TRAILING_PUNCTUATION = " \t-–—|:;,"


@dataclass(frozen=True, slots=True)
class Headline:
    """A feed title as a statement."""

    text: str
    """The statement: the title without outlet, slug, counter or media label."""
    cut_off: bool = False
    """The title ended in an ellipsis: the statement may be incomplete."""


def _fold(text: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", text.lower()).split())


def _tail(title: str) -> str | None:
    match = _SEGMENT.search(title)
    if match and len(match.group("tail").split()) <= _OUTLET_WORDS:
        return match.group("tail")
    return None


def outlet_suffixes(titles: Sequence[str], outlets: Sequence[str | None]) -> dict[str, set[str]]:
    """Per outlet, the trailing segments (folded) that two or more of its titles share."""
    seen: dict[str, Counter[str]] = {}
    for title, outlet in zip(titles, outlets, strict=True):
        tail = _tail(title)
        if tail and outlet:
            seen.setdefault(outlet, Counter())[_fold(tail)] += 1
    return {
        outlet: {tail for tail, n in counts.items() if n >= _REPEATED_SUFFIX}
        for outlet, counts in seen.items()
    }


def clean_headline(
    title: str, outlet: str | None = None, suffixes: frozenset[str] | set[str] = frozenset()
) -> Headline:
    """``title`` as a statement: no outlet name (``outlet``, or one of its known
    ``suffixes``), wire slug, revision counter or media label; a cut-off end is noted."""
    text = " ".join(html.unescape(html.unescape(title)).split())  # some feeds escape twice
    cut_off = bool(_CUT_OFF.search(text))
    text = _CUT_OFF.sub("", text)
    outlet_names = {_fold(outlet)} if outlet else set()
    for _ in range(3):  # "… (1) - Reuters", "VIDEO: UPDATE 2-…": furniture comes stacked
        before = text
        text = _WIRE_SLUG.sub("", text)
        text = _LABEL_PREFIX.sub("", text)
        text = _POST_TYPE.sub("", text)
        text = _COUNTER.sub("", text)
        text = _LABEL_SUFFIX.sub("", text)
        tail = _tail(text)
        if tail and _fold(tail) in outlet_names | set(suffixes):
            text = text[: _SEGMENT.search(text).start()]  # type: ignore[union-attr]
        if text == before:
            break
    text = text.strip(_TRAILING_PUNCTUATION) or " ".join(title.split())
    return Headline(text=text, cut_off=cut_off)


def clean_headlines(titles: Sequence[str], outlets: Sequence[str | None]) -> list[Headline]:
    """Every title of a day cleaned, with each outlet's repeated suffixes learnt from them."""
    suffixes = outlet_suffixes(titles, outlets)
    return [
        clean_headline(title, outlet, suffixes.get(outlet or "", set()))
        for title, outlet in zip(titles, outlets, strict=True)
    ]


def is_title_case(text: str) -> bool:
    """Most words capitalised, as headline style writes them: such text says little about
    which words are names."""
    words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", text) if len(w) > 3]
    if len(words) < 3:
        return False
    capitalised = sum(1 for w in words if w[0].isupper())
    return capitalised / len(words) >= 0.7


_CASED_WORD = re.compile(r"[^\W\d_][\w'’.-]*")


class Casing:
    """How the day writes each word when it writes in sentence case: a word that sentence-case
    headlines and teasers write in lower case mid-sentence ("releases", "trailer", "fixes")
    is a common word, one they capitalise there ("Carney", "Titanfall") is a name.

    Title Case hides that, and the parser reads "Apple Releases iOS 7.1 Update" as the
    organisation "Apple Releases"; :meth:`recase` writes such text as the day would."""

    def __init__(self, texts: Iterable[str]) -> None:
        self.capitalised: Counter[str] = Counter()
        self.lower: Counter[str] = Counter()
        for text in texts:
            if is_title_case(text):
                continue
            for position, match in enumerate(_CASED_WORD.finditer(text)):
                word = match.group(0)
                if position == 0 or word.isupper():
                    continue  # a first word is capitalised anyway; acronyms say nothing
                if word[0].isupper():
                    self.capitalised[word.lower()] += 1
                elif word.islower():
                    self.lower[word] += 1

    # Equal counts, equal casings; left unhashable (the counts grow as texts are read).
    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Casing):
            return NotImplemented
        return (self.capitalised, self.lower) == (other.capitalised, other.lower)

    @classmethod
    def merged(cls, parts: Iterable[Casing]) -> Casing:
        """The casing of all the texts the ``parts`` were made from."""
        whole = cls(())
        for part in parts:
            whole.capitalised.update(part.capitalised)
            whole.lower.update(part.lower)
        return whole

    def is_common(self, word: str) -> bool | None:
        """True when the day writes ``word`` in lower case more often than capitalised,
        False when the other way round, None when it never writes it in sentence case."""
        key = word.lower()
        lower, capitalised = self.lower[key], self.capitalised[key]
        if not lower and not capitalised:
            return None
        return lower > capitalised

    def recase(self, text: str, fallback: Callable[[str], bool] = lambda _word: False) -> str:
        """Title Case ``text`` in sentence case: each capitalised word the day writes in lower
        case (or, for a word the day never writes, that ``fallback`` calls common) is
        lowered; names, acronyms and the first word keep their case. Other text is returned
        as it is."""
        if not is_title_case(text):
            return text

        def lowered(match: re.Match[str]) -> str:
            word = match.group(0)
            if match.start() == 0 or word.isupper() or not word[0].isupper():
                return word
            common = self.is_common(word)
            if common is None:
                common = fallback(word)
            return word.lower() if common else word

        return _CASED_WORD.sub(lowered, text)
