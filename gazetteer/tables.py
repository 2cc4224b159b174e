"""The mentions table and the documents table: the contract with the dashboard.

One row per place mention, columns as in DESIGN.md; ``date`` is what the dashboard
filters on: the event date where the sentence states one, else the publication date.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from .dates import sentence_bounds
from .pipeline import Extraction

MENTION_COLUMNS = [
    "doc_id",
    "source",
    "title",
    "url",
    "published",
    "published_precision",
    "start",
    "end",
    "surface",
    "place_id",
    "name_en",
    "name_ar",
    "feature",
    "lat",
    "lon",
    "admin1",
    "country",
    "geo_precision",
    "confidence",
    "event_date",
    "event_precision",
    "date",
    "date_precision",
    "excerpt",
    "excerpt_start",
    "segment",
]
DOCUMENT_COLUMNS = [
    "doc_id",
    "path",
    "source",
    "title",
    "url",
    "published",
    "published_precision",
    "encoding",
    "mentions",
    "text",
]
EXCERPT_CHARS = 160  # at most this much of the sentence on each side of the name


def excerpt_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Where the sentence around ``text[start:end]`` starts and ends, with its closing
    mark; a long sentence is cut at a space EXCERPT_CHARS or less from the name."""
    lo, hi = sentence_bounds(text, start, end)
    if lo < start - EXCERPT_CHARS:
        lo = text.find(" ", start - EXCERPT_CHARS, start) + 1 or start - EXCERPT_CHARS
    if hi >= end + EXCERPT_CHARS:
        cut = text.rfind(" ", end, end + EXCERPT_CHARS)
        hi = cut if cut >= 0 else end + EXCERPT_CHARS
    else:
        hi = min(hi + 1, len(text))
    while lo < start and text[lo].isspace():
        lo += 1
    return lo, hi


def _doc_fields(x: Extraction) -> dict:
    """The columns a document's row and each of its mentions' rows share."""
    doc = x.document
    return {"doc_id": doc.doc_id, "source": doc.source or "", "title": doc.title or "",
            "url": doc.url or "", "published": x.published,
            "published_precision": x.published_precision}


def mention_rows(x: Extraction) -> list[dict]:
    text, shared = x.document.text, _doc_fields(x)
    rows = []
    for m in x.mentions:
        lo, hi = excerpt_bounds(text, m.start, m.end)
        rows.append(shared | {
            "start": m.start, "end": m.end, "surface": m.text, "place_id": m.place_id,
            "name_en": m.name_en, "name_ar": m.name_ar, "feature": m.feature, "lat": m.lat,
            "lon": m.lon, "admin1": m.admin1, "country": m.country,
            "geo_precision": m.geo_precision, "confidence": m.confidence,
            "event_date": m.event_date, "event_precision": m.event_precision,
            "date": m.event_date or x.published,
            "date_precision": m.event_precision if m.event_date else x.published_precision,
            "excerpt": text[lo:hi], "excerpt_start": lo, "segment": m.segment,
        })
    return rows


def document_row(x: Extraction) -> dict:
    doc = x.document
    return _doc_fields(x) | {"path": doc.path, "encoding": doc.encoding,
                             "mentions": len(x.mentions), "text": doc.text}


def mentions_frame(rows: Iterable[dict]) -> pd.DataFrame:
    """The mentions table from :func:`mention_rows` rows (typed, in column order)."""
    frame = pd.DataFrame(list(rows), columns=MENTION_COLUMNS)
    for col in ("lat", "lon", "confidence"):
        frame[col] = frame[col].astype("float64")
    for col in ("start", "end", "excerpt_start"):
        frame[col] = frame[col].astype("int64")
    return frame


def documents_frame(rows: Iterable[dict]) -> pd.DataFrame:
    return pd.DataFrame(list(rows), columns=DOCUMENT_COLUMNS)
