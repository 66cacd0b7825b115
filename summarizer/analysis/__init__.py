"""The text base every stage reads: text layout (captions, datelines, subheadings), language,
sentence splitting, the spaCy pipeline, words, headlines and each text's summary (sumy's
algorithms and our own centrality ranker). It imports no stage package."""
