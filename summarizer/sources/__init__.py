"""Stage 1, where articles come from: files, feeds (httpx + feedparser), OPML, HTTP fetching,
page extraction (trafilatura), collecting feed entries into articles, and the SQLite state
store that remembers what was seen."""
