"""The text base every stage reads: layout (captions, datelines, subheadings), language,
words, headlines, sentence splitting, summaries (sumy and our centrality ranker), the
spaCy parser and its worker pool. It imports no stage package."""
