"""One pass of the English pipeline per article: its sentences, own summary and participants.

The parse is shared: the same spaCy ``Doc`` gives the sentences the summariser ranks and the
entities and dependencies participant extraction reads, so no article is parsed twice.
"""

from __future__ import annotations

import gc
import logging
import multiprocessing
import os
import signal
import threading
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import cache, partial

from spacy.tokens import Doc

from summarizer.analysis.headlines import Casing, is_title_case
from summarizer.analysis.language import is_english, plain_sentences
from summarizer.analysis.layout import ArticleBody, derive_title, parse_body
from summarizer.analysis.nlp import is_common_word, load_pipeline
from summarizer.analysis.summaries import check_algorithm, select_sentences
from summarizer.analysis.workers import default_workers
from summarizer.models import Article, ArticleAnalysis, Participants
from summarizer.participants import participants_from_doc, unwrap_editorial_brackets

log = logging.getLogger(__name__)

_PARAGRAPH_GAP = "\n\n"
_PIPELINE_LOCK = threading.Lock()
_POOL_LOCK = threading.Lock()
_POOLS: dict[tuple[int, str | None], ProcessPoolExecutor] = {}
_MIN_PARALLEL = 40  # below this, starting worker processes costs more than it saves
# Nor for a few thousand words (a day's top stories told in headlines): each worker takes
# ~2 s to load the model, the whole parse here well under one (bench/RESULTS.md, realday).
_MIN_PARALLEL_WORDS = 20_000
_MIN_CHUNK = 10
_MAX_CHUNK = 50  # many small chunks keep every worker busy to the end of a large input

# Documents parsed together. Larger batches are no faster here, and 32 news articles at once
# need ~230 MB more memory than 8 while they are parsed (measured; bench/RESULTS.md).
_PARSE_BATCH = 8


@dataclass(frozen=True, slots=True)
class _Prepared:
    body: ArticleBody
    original: str  # caption + prose, as written
    analysed: str  # the same with editorial brackets unwrapped, for the parser
    origin: list[int]  # analysed position -> original position
    prose_start: int  # where the prose starts in ``original``

    @property
    def dateline_places(self) -> list[str]:
        return [self.body.dateline] if self.body.dateline else []


def _prepare(article: Article, casing: Casing | None = None) -> _Prepared:
    text = article.text
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
    if text is not article.text:
        original = _with_case_of(original, article.text)
    return _Prepared(body, original, analysed, origin, len(lead_in))


def _with_case_of(recased: str, written: str) -> str:
    """``recased`` in the case ``written`` has, where the two are the same letters (the
    key points quote the article as written, the parser reads it re-cased)."""
    start = written.lower().find(recased.lower())
    return written[start : start + len(recased)] if start >= 0 else recased


def _prose_sentences(doc: Doc, prepared: _Prepared) -> tuple[str, ...]:
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
    texts: Iterable[str], *, batch_size: int = _PARSE_BATCH, model: str | None = None
) -> Iterator[tuple[str, ...]]:
    """Sentences of each text's prose (no caption, dateline or subheadings), verbatim."""
    nlp = load_pipeline(model)
    prepared = [_prepare(Article(id="", text=text)) for text in texts]
    with _PIPELINE_LOCK, nlp.select_pipes(disable=["ner"]):
        docs = nlp.pipe((p.analysed for p in prepared), batch_size=batch_size)
        split = [_prose_sentences(doc, item) for doc, item in zip(docs, prepared, strict=True)]
    yield from split


@cache
def _process_pool(workers: int, model: str | None = None) -> ProcessPoolExecutor:
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
    # Ctrl-C reaches the whole process group: a worker leaves at once and quietly (no
    # traceback per worker); the parent, which gets it too, ends the run.
    signal.signal(signal.SIGINT, lambda _signum, _frame: os._exit(1))
    load_pipeline(model)


def start_workers(workers: int, model: str | None = None) -> None:
    """Start the analysis processes now, without waiting, so their model loads overlap with
    other start-up work (Prefect's temporary server, reading inputs)."""
    if workers > 1 and default_workers() > 1:
        pool = _process_pool(workers, model)
        for _ in range(workers):
            pool.submit(os.getpid)


def _not_in_english(article: Article, summary_length: int) -> ArticleAnalysis:
    body = parse_body(article.text)
    sentences = plain_sentences(body.prose)
    return ArticleAnalysis(
        article=article,
        headline=article.title or derive_title(body),
        sentences=sentences,
        summary=sentences[:summary_length],
        participants=Participants(),
        in_english=False,
    )


def stop_workers() -> None:
    """Shut the analysis processes down now, dropping queued work (Ctrl-C)."""
    with _POOL_LOCK:
        pools = list(_POOLS.values())
        _POOLS.clear()
    _process_pool.cache_clear()
    for pool in pools:
        pool.shutdown(wait=True, cancel_futures=True)
    # The pools' queues hold named semaphores; collected now, they are released now rather
    # than reported as leaked when the process ends.
    gc.collect()


def _analyse_here(
    articles: Sequence[Article],
    *,
    summary_length: int,
    algorithm: str,
    batch_size: int,
    model: str | None = None,
    casing: Casing | None = None,
) -> list[ArticleAnalysis]:
    english = [a for a in articles if is_english(a.text)]
    prepared = [_prepare(a, casing) for a in english]
    analysed: dict[int, ArticleAnalysis] = {}
    # One model serves every thread of this process; spaCy does not promise thread safety.
    with _PIPELINE_LOCK:
        docs = load_pipeline(model).pipe((p.analysed for p in prepared), batch_size=batch_size)
        for article, item, doc in zip(english, prepared, docs, strict=True):
            all_sentences = _prose_sentences(doc, item)
            analysed[id(article)] = ArticleAnalysis(
                article=article,
                headline=article.title or derive_title(item.body),
                sentences=all_sentences,
                summary=tuple(
                    select_sentences(all_sentences, count=summary_length, algorithm=algorithm)
                ),
                participants=participants_from_doc(doc, extra_places=item.dateline_places),
            )
    return [analysed.get(id(a)) or _not_in_english(a, summary_length) for a in articles]


def analyse_articles(
    articles: Sequence[Article],
    *,
    summary_length: int = 3,
    algorithm: str = "default",
    batch_size: int = _PARSE_BATCH,
    workers: int = 1,
    model: str | None = None,
    casing: Casing | None = None,
) -> list[ArticleAnalysis]:
    """Summarise each article and find its participants, one parse per article.

    Args:
        summary_length: sentences in each article's summary.
        workers: processes to spread the articles over (each loads the model once, then
            stays for the next call); 1 analyses here. Small inputs always stay here.
        model: an installed spaCy pipeline to parse with (default: the small English one).
        casing: how the day writes its words: Title Case text is parsed as the day writes
            it in sentence case, so "Apple Releases iOS 7.1" is not an organisation
            "Apple Releases".
    """
    check_algorithm(algorithm)
    work = partial(
        _analyse_here,
        summary_length=summary_length,
        algorithm=algorithm,
        batch_size=batch_size,
        model=model,
        casing=casing,
    )
    started = (workers, model) in _POOLS
    large = len(articles) >= _MIN_PARALLEL and (
        started or sum(len(a.text.split()) for a in articles) >= _MIN_PARALLEL_WORDS
    )
    if workers > 1 and large and default_workers() > 1:
        # A few chunks per worker even out articles of very different lengths.
        size = min(_MAX_CHUNK, max(_MIN_CHUNK, -(-len(articles) // (workers * 3))))
        chunks = [list(articles[i : i + size]) for i in range(0, len(articles), size)]
        pool = _process_pool(workers, model)
        results = [a for part in pool.map(work, chunks) for a in part]
    else:
        results = work(articles)
    log.info("analysed %d articles with %s", len(results), algorithm)
    return results


def participants_of(
    articles: Sequence[Article], *, batch_size: int = _PARSE_BATCH, model: str | None = None
) -> list[Participants]:
    """Participants only, for the ``participants`` batch command. An article not in English
    has none: the English pipeline reads its function words as names ("un", "annoncé"),
    and the digest leaves such articles out of the deep analysis for the same reason."""
    english = [a for a in articles if is_english(a.text)]
    prepared = [_prepare(a) for a in english]
    with _PIPELINE_LOCK:
        docs = load_pipeline(model).pipe((p.analysed for p in prepared), batch_size=batch_size)
        found = {
            id(article): participants_from_doc(doc, extra_places=p.dateline_places)
            for article, p, doc in zip(english, prepared, docs, strict=True)
        }
    return [found.get(id(a), Participants()) for a in articles]
