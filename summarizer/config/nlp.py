"""``[nlp]``: which installed spaCy pipeline parses the top stories."""

from __future__ import annotations

from pydantic import Field

from summarizer.config.tables import Table


class NlpConfig(Table):
    """``model = "en_core_web_trf"``: a pipeline installed beforehand (nothing is downloaded
    at run time); unset, the small English model newsdigest installs."""

    model: str | None = Field(default=None, min_length=1)
