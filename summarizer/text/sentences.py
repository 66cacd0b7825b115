"""Sentence splitting: an article's prose (no caption, dateline or subheadings) cut into
sentences by the spaCy parse, each quoted verbatim from the text as written.

The text is prepared for the parser first: caption and subheadings lead in (parsed for the
people they name, never sentences of the prose), editorial brackets are unwrapped, and Title
Case text is re-cased as the day writes its words. The deep read (``read/articles.py``)
parses the same prepared text once for sentences and participants.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy.tokens import Doc

from summarizer.text.headlines import Casing, is_title_case
from summarizer.text.layout import ArticleBody, parse_body
from summarizer.text.parser import PIPELINE_LOCK, is_common_word, load_pipeline

_PARAGRAPH_GAP = "\n\n"

# Documents parsed together. Larger batches are no faster here, and 32 news articles at once
# need ~230 MB more memory than 8 while they are parsed (measured; bench/RESULTS.md).
PARSE_BATCH = 8

# Editorial insertions in quotes: "(Russian president Vladimir) Putin" reads as one phrase.
_BRACKETED_LEAD_IN = re.compile(r"\(((?:[^()\s]+\s+)+[A-Z][\w’'-]*)\)\s+(?=[A-Z])")


def unwrap_editorial_brackets(text: str) -> tuple[str, list[int]]:
    """Turn "(Russian president Vladimir) Putin" into "Russian president Vladimir Putin".

    Returns the new text and, for every position in it (plus its end), the position in
    ``text`` it came from, so spans found in the new text map back to verbatim originals.
    """
    pieces: list[str] = []
    origin: list[int] = []
    cursor = 0
    for match in _BRACKETED_LEAD_IN.finditer(text):
        pieces.append(text[cursor : match.start()])
        origin.extend(range(cursor, match.start()))
        inner_start, inner_end = match.span(1)
        pieces.append(text[inner_start:inner_end] + " ")
        origin.extend([*range(inner_start, inner_end), match.end() - 1])
        cursor = match.end()
    pieces.append(text[cursor:])
    origin.extend(range(cursor, len(text) + 1))
    return "".join(pieces), origin


@dataclass(frozen=True, slots=True)
class Prepared:
    body: ArticleBody
    original: str  # caption + prose, as written
    analysed: str  # the same with editorial brackets unwrapped, for the parser
    origin: list[int]  # analysed position -> original position
    prose_start: int  # where the prose starts in ``original``

    @property
    def dateline_places(self) -> list[str]:
        return [self.body.dateline] if self.body.dateline else []


def prepare(written: str, casing: Casing | None = None) -> Prepared:
    text = written
    if casing is not None and is_title_case(text):
        # Same length, other case: offsets into the written text stay right.
        text = casing.recase(text, fallback=is_common_word)
    body = parse_body(text)
    # Caption and subheadings are parsed for the people they name (a results line: "Pete
    # Sampras (U.S.) beat ..."), but are never key points.
    lead_in = "".join(
        block + _PARAGRAPH_GAP for block in (body.caption_text, *body.subheadings) if block
    )
    original = lead_in + body.prose
    analysed, origin = unwrap_editorial_brackets(original)
    if text is not written:
        original = _with_case_of(original, written)
    return Prepared(body, original, analysed, origin, len(lead_in))


def _with_case_of(recased: str, written: str) -> str:
    """``recased`` in the case ``written`` has, where the two are the same letters (the
    key points quote the article as written, the parser reads it re-cased)."""
    start = written.lower().find(recased.lower())
    return written[start : start + len(recased)] if start >= 0 else recased


def prose_sentences(doc: Doc, prepared: Prepared) -> tuple[str, ...]:
    sentences = []
    for sent in doc.sents:
        start, end = prepared.origin[sent.start_char], prepared.origin[sent.end_char]
        if start < prepared.prose_start:
            continue  # the caption names people and places but is never a key point
        text = prepared.original[start:end].strip()
        if text:
            sentences.append(text)
    return tuple(sentences)


def split_sentences(
    texts: Iterable[str], *, batch_size: int = PARSE_BATCH, model: str | None = None
) -> Iterator[tuple[str, ...]]:
    """Sentences of each text's prose (no caption, dateline or subheadings), verbatim."""
    nlp = load_pipeline(model)
    prepared = [prepare(text) for text in texts]
    with PIPELINE_LOCK, nlp.select_pipes(disable=["ner"]):
        docs = nlp.pipe((p.analysed for p in prepared), batch_size=batch_size)
        split = [prose_sentences(doc, item) for doc, item in zip(docs, prepared, strict=True)]
    yield from split
