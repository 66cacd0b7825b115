"""Load, fetch, extract: articles from files, feeds (httpx + feedparser) and their
pages (trafilatura), with polite HTTP fetching and a breaker per host."""
