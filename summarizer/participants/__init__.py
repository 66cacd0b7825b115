"""Stage 3, who is involved: people with the roles the text gives them, organisations and
places, found in one spaCy parse and merged across a story's articles and the day."""
