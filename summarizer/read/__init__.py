"""Each chosen article read once: one spaCy parse gives its sentences, its own summary
and its participants (``participants/``), in a pool of worker processes."""
