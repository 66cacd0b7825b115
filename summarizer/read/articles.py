"""One pass of the English pipeline per article: its sentences, own summary and participants.

The parse is shared: the same spaCy ``Doc`` gives the sentences the summariser ranks and the
entities and dependencies participant extraction reads, so no article is parsed twice.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from functools import partial

from summarizer.models import Article, ArticleAnalysis, Participants
from summarizer.read.participants import participants_from_doc
from summarizer.text.headlines import Casing
from summarizer.text.language import is_english, plain_sentences
from summarizer.text.layout import derive_title, parse_body
from summarizer.text.parser import PIPELINE_LOCK, load_pipeline, pool_started, process_pool
from summarizer.text.sentences import PARSE_BATCH, prepare, prose_sentences
from summarizer.text.summaries import check_algorithm, select_sentences
from summarizer.text.workers import default_workers

log = logging.getLogger(__name__)

_MIN_PARALLEL = 40  # below this, starting worker processes costs more than it saves
# Nor for a few thousand words (a day's top stories told in headlines): each worker takes
# ~2 s to load the model, the whole parse here well under one (bench/RESULTS.md, realday).
_MIN_PARALLEL_WORDS = 20_000
_MIN_CHUNK = 10
_MAX_CHUNK = 50  # many small chunks keep every worker busy to the end of a large input


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
    prepared = [prepare(a.text, casing) for a in english]
    analysed: dict[int, ArticleAnalysis] = {}
    # One model serves every thread of this process; spaCy does not promise thread safety.
    with PIPELINE_LOCK:
        docs = load_pipeline(model).pipe((p.analysed for p in prepared), batch_size=batch_size)
        for article, item, doc in zip(english, prepared, docs, strict=True):
            all_sentences = prose_sentences(doc, item)
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
    batch_size: int = PARSE_BATCH,
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
    started = pool_started(workers, model)
    large = len(articles) >= _MIN_PARALLEL and (
        started or sum(len(a.text.split()) for a in articles) >= _MIN_PARALLEL_WORDS
    )
    if workers > 1 and large and default_workers() > 1:
        # A few chunks per worker even out articles of very different lengths.
        size = min(_MAX_CHUNK, max(_MIN_CHUNK, -(-len(articles) // (workers * 3))))
        chunks = [list(articles[i : i + size]) for i in range(0, len(articles), size)]
        pool = process_pool(workers, model)
        results = [a for part in pool.map(work, chunks) for a in part]
    else:
        results = work(articles)
    log.info("analysed %d articles with %s", len(results), algorithm)
    return results


def participants_of(
    articles: Sequence[Article], *, batch_size: int = PARSE_BATCH, model: str | None = None
) -> list[Participants]:
    """Participants only, for the ``participants`` batch command. An article not in English
    has none: the English pipeline reads its function words as names ("un", "annoncé"),
    and the digest leaves such articles out of the deep analysis for the same reason."""
    english = [a for a in articles if is_english(a.text)]
    prepared = [prepare(a.text) for a in english]
    with PIPELINE_LOCK:
        docs = load_pipeline(model).pipe((p.analysed for p in prepared), batch_size=batch_size)
        found = {
            id(article): participants_from_doc(doc, extra_places=p.dateline_places)
            for article, p, doc in zip(english, prepared, docs, strict=True)
        }
    return [found.get(id(a), Participants()) for a in articles]
