"""The tables of a corpus: the contract with the dashboard.

``mentions``: one row per place mention, columns as in DESIGN.md; ``date`` is what the
dashboard filters on: the event date where the sentence states one, else the publication
date, which also stands for an event date more than a few years older (history, not news:
:meth:`~gazetteer.pipeline.Extraction.dated`; ``event_date`` keeps it); ``folded``, stored
beside them, is the excerpt folded as :func:`gazetteer.fold` folds (what the words filter
searches: folded once, here, not at every search).
``events``: one row per event (an incident as one article reports it,
:mod:`gazetteer.events`), with the same ``date`` and ``folded``; a mention that locates
an event carries its ``event_id``, and events that report one incident in several articles share an
``incident_id`` (:func:`gazetteer.events.incidents.incident_ids`).
``documents``: one row per document, with its :data:`DOCUMENT_FIELDS` (source, title,
url), which are stored there only: a mention is shown or exported with them by joining
its document (each may be 2,000 characters: copied into every mention row, a document of
thousands of mentions would carry them thousands of times). :data:`TABLES` names every
table a document gives rows to, and :func:`rows` gives them: a new table is one more
entry in both.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from .dates import sentence_bounds
from .normalize import fold
from .pipeline import Extraction

MENTION_COLUMNS = [
    "doc_id",
    "published",
    "published_precision",
    "start",
    "end",
    "surface",
    "place_id",
    "name_en",
    "name_ar",
    "label",
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
    "event_id",
]
EVENT_COLUMNS = [
    "event_id",
    "doc_id",
    "start",
    "end",
    "type",
    "place_id",
    "place_name",
    "lat",
    "lon",
    "radius_km",
    "geo_precision",
    "admin1",
    "country",
    "event_date",
    "date",
    "date_precision",
    "actors",
    "killed",
    "wounded",
    "reports",
    "excerpt",
    "excerpt_start",
    "segment",
    "incident_id",
]
# A document's fields that describe it rather than its text: in the documents table only.
DOCUMENT_FIELDS = ["source", "title", "url"]
DOCUMENT_COLUMNS = [
    "doc_id",
    "path",
    *DOCUMENT_FIELDS,
    "published",
    "published_precision",
    "encoding",
    "mentions",
    "text",
]
TABLES = {"mentions": [*MENTION_COLUMNS, "folded"], "events": [*EVENT_COLUMNS, "folded"],
          "documents": DOCUMENT_COLUMNS}
# Column types other than text (text columns may hold None): pandas dtypes, and a list of
# texts for "texts".
TYPES = {"start": "int64", "end": "int64", "excerpt_start": "int64", "mentions": "int64",
         "reports": "int64", "killed": "Int64", "wounded": "Int64", "lat": "float64",
         "lon": "float64", "confidence": "float64", "radius_km": "float64",
         "actors": "texts"}
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
    return {"doc_id": x.document.doc_id, "published": x.published,
            "published_precision": x.published_precision}


def event_id(doc_id: str, local_id: str) -> str:
    """An event's id across a corpus: its document's and its own within it."""
    return f"{doc_id}#{local_id}"


EVENT_IDS = ("event_id", "incident_id")  # columns that hold an event's id


def renamed_event(eid: str | None, rename: dict[str, str]) -> str | None:
    """An event's id once its document is renamed (``rename``: old doc_id -> new); ""
    and None stay."""
    if not eid:
        return eid
    doc, _, local = eid.rpartition("#")
    return event_id(rename.get(doc, doc), local)


def renamed_row(row: dict, rename: dict[str, str]) -> dict:
    """A row of any table with its document renamed, in its event ids too."""
    if row["doc_id"] not in rename:
        return row
    return row | {"doc_id": rename[row["doc_id"]]} | {
        c: renamed_event(row[c], rename) for c in EVENT_IDS if c in row}


def mention_rows(x: Extraction) -> list[dict]:
    text, shared = x.document.text, _doc_fields(x)
    # The mention each event is located by, by identity (the event holds the very record).
    located = {id(e.place): event_id(x.document.doc_id, e.id) for e in x.events if e.place}
    folded: dict[str, str] = {}  # the mentions of one sentence share its excerpt
    rows = []
    for m in x.mentions:
        lo, hi = excerpt_bounds(text, m.start, m.end)
        excerpt = text[lo:hi]
        if excerpt not in folded:
            folded[excerpt] = fold(excerpt)
        filed = x.dated(m.event_date, m.event_precision)
        rows.append(shared | {
            "start": m.start, "end": m.end, "surface": m.text, "place_id": m.place_id,
            "name_en": m.name_en, "name_ar": m.name_ar, "label": m.label,
            "feature": m.feature, "lat": m.lat,
            "lon": m.lon, "admin1": m.admin1, "country": m.country,
            "geo_precision": m.geo_precision, "confidence": m.confidence,
            "event_date": m.event_date, "event_precision": m.event_precision,
            "date": filed[0], "date_precision": filed[1],
            "excerpt": excerpt, "excerpt_start": lo, "segment": m.segment,
            "event_id": located.get(id(m), ""), "folded": folded[excerpt],
        })
    return rows


def event_rows(x: Extraction) -> list[dict]:
    """One row per event of the document: where its first report stands and what the
    excerpt around it says, with the number of its reports. ``incident_id`` is the
    event's own until :func:`~gazetteer.events.incidents.incident_ids` groups a corpus."""
    text, doc_id, rows = x.document.text, x.document.doc_id, {}
    for e in x.events:
        if e.id in rows:
            rows[e.id]["reports"] += 1
            continue
        lo, hi = excerpt_bounds(text, e.start, e.end)
        p, eid = e.place, event_id(doc_id, e.id)
        filed = x.dated(e.date, e.date_precision)
        rows[e.id] = {
            "event_id": eid, "doc_id": doc_id, "start": e.start, "end": e.end,
            "type": e.type, "place_id": p.place_id if p else None,
            "place_name": (p.label or p.name_en or p.name_ar) if p else "",
            "lat": e.lat, "lon": e.lon,
            "radius_km": e.radius_km, "geo_precision": p.geo_precision if p else None,
            "admin1": p.admin1 if p else "", "country": p.country if p else "",
            "event_date": e.date, "date": filed[0], "date_precision": filed[1],
            "actors": list(e.actors), "killed": e.killed, "wounded": e.wounded,
            "reports": 1, "excerpt": text[lo:hi], "excerpt_start": lo, "segment": e.segment,
            "incident_id": eid, "folded": fold(text[lo:hi]),
        }
    return list(rows.values())


def document_row(x: Extraction) -> dict:
    doc = x.document
    return _doc_fields(x) | {field: getattr(doc, field) or "" for field in DOCUMENT_FIELDS
                             } | {"path": doc.path, "encoding": doc.encoding,
                                  "mentions": len(x.mentions), "text": doc.text}


def rows(extractions: Iterable[Extraction]) -> dict[str, list[dict]]:
    """The rows the documents of ``extractions`` give to each of :data:`TABLES`."""
    tables: dict[str, list[dict]] = {name: [] for name in TABLES}
    for x in extractions:
        tables["mentions"] += mention_rows(x)
        tables["events"] += event_rows(x)
        tables["documents"].append(document_row(x))
    return tables


def frame(table: str, records: Iterable[dict]) -> pd.DataFrame:
    """The table named ``table`` from its rows (typed, in column order)."""
    result = pd.DataFrame(list(records), columns=TABLES[table])
    return result.astype({c: t for c, t in TYPES.items()
                          if c in result.columns and t != "texts"})
