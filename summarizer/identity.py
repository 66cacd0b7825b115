"""What identifies an article, whichever stage meets it: its canonical URL, its id, a hash of
its text, and the text decoded from raw bytes. Every stage may import this module; it imports
no stage."""

from __future__ import annotations

import hashlib
import logging
import re
from typing import NamedTuple
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import charset_normalizer

from summarizer.errors import FileSourceError

log = logging.getLogger(__name__)

_TRACKING_PARAMS = frozenset(
    {"fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "igshid", "yclid", "_ga",
     "ref", "ref_src", "cmpid", "ocid", "smid", "sr_share"}
)  # fmt: skip
_DEFAULT_PORTS = {"http": 80, "https": 443}
_BINARY_SNIFF_BYTES = 8192
_CHAOS_TIE = 0.02


def canonical_url(url: str) -> str:
    """Lowercase scheme and host, no default port, fragment or tracking parameters."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    port = parts.port
    netloc = host if port in (None, _DEFAULT_PORTS.get(scheme)) else f"{host}:{port}"
    query = [
        (key, value)
        for key, value in parse_qsl(parts.query, keep_blank_values=True)
        if not key.lower().startswith("utm_") and key.lower() not in _TRACKING_PARAMS
    ]
    path = parts.path or "/"
    return urlunsplit((scheme, netloc, path, urlencode(sorted(query)), ""))


# Characters that take no space and carry no meaning in news text (zero-width space, word
# joiner, byte-order mark, soft hyphen). Zero-width (non-)joiners are kept: Persian, Indic
# scripts and emoji sequences need them. A regular expression, not str.translate: translate
# looks every character up in a Python mapping, which took 80% of reading a JSONL batch.
_INVISIBLE = re.compile("[\u200b\u2060\ufeff\u00ad]")


def visible(text: str) -> str:
    """``text`` without invisible characters, so a title of zero-width spaces is empty."""
    return _INVISIBLE.sub("", text)


def content_hash(text: str) -> str:
    """Hash of the text with case and whitespace normalised."""
    return hashlib.sha256(" ".join(text.lower().split()).encode("utf-8")).hexdigest()


def article_id(*, url: str | None = None, text: str = "") -> str:
    """A stable id: a hash of the URL when there is one, else of the whitespace-normalised text."""
    key = url.strip() if url else " ".join(text.split())
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def looks_binary(data: bytes) -> bool:
    """True for bytes that are no text in any encoding we read: a NUL near the start."""
    return b"\x00" in data[:_BINARY_SNIFF_BYTES]


class Decoded(NamedTuple):
    """Text decoded from bytes, and the encoding it was read as."""

    text: str
    encoding: str


def decode_text(data: bytes, *, source: str) -> str:
    """Decode bytes as UTF-8 (BOM allowed), else with charset detection.

    Raises:
        FileSourceError: the bytes are not text in any encoding we can detect.
    """
    return decode_bytes(data, source=source).text


def decode_bytes(data: bytes, *, source: str, likely: str | None = None) -> Decoded:
    """Decode bytes as UTF-8 (BOM allowed), else as ``likely``, else with charset detection.

    ``likely`` is the encoding an earlier part of the same source was detected as (a JSONL
    file is decoded line by line): a file in one legacy encoding is then detected once, not
    once per line, which on a large file would cost more than the reading.

    Raises:
        FileSourceError: the bytes are not text in any encoding we can detect.
    """
    if looks_binary(data):
        raise FileSourceError(source, "binary file, not text")
    for encoding in ("utf-8-sig", likely):
        if encoding is None:
            continue
        try:
            return Decoded(data.decode(encoding), encoding)
        except UnicodeDecodeError:
            pass
    matches = list(charset_normalizer.from_bytes(data))
    if not matches:
        raise FileSourceError(source, "not valid UTF-8 and no text encoding could be detected")
    # Short texts fit several single-byte code pages about equally well; Windows-1252 is by
    # far the most common legacy encoding of news copy, so it wins such near-ties.
    least_chaos = min(m.chaos for m in matches)
    near_ties = [m for m in matches if m.chaos <= least_chaos + _CHAOS_TIE]
    chosen = next((m for m in near_ties if m.encoding == "cp1252"), matches[0])
    log.info("%s: not UTF-8, decoded as %s", source, chosen.encoding)
    return Decoded(str(chosen), chosen.encoding)
