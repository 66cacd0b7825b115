"""Stage 3, who is involved: people with the roles the text gives them, organisations and
places, found in one spaCy parse and merged across a story's articles and the day.

``names`` finds and merges the mentions of each person, ``roles`` reads the role the text
gives them (one finder per kind of phrasing, in a table), ``extract`` puts an article's
participants together, ``merge`` joins them across articles and stories. The word lists the
rules read are plain text files in ``data/``.
"""

from summarizer.read.participants.extract import participants_from_doc
from summarizer.read.participants.merge import day_roster, merge_participants, merge_people

__all__ = [
    "day_roster",
    "merge_participants",
    "merge_people",
    "participants_from_doc",
]
