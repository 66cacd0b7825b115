"""Stage 2, one article at a time: text layout (captions, datelines, subheadings), sentence
splitting, the spaCy pipeline, and each article's summary (sumy's algorithms and our own
centrality ranker)."""
