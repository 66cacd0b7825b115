"""Each article read once: one spaCy parse gives the sentences the summariser ranks, the
article's own summary and its participants. It sits above the text base (``analysis``) and
``participants``, which both work on that parse and import nothing from here."""
