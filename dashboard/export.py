"""The filtered mentions as files to download: the library's columns only.

Article text is untrusted, and a spreadsheet runs a cell that starts with ``=``, ``+``,
``-`` or ``@`` (or a tab or carriage return before one) as a formula: ``=HYPERLINK(...)``
in a crawled title would be a live link once the CSV is opened. The CSV therefore puts a
``'`` before every text cell starting with one of those characters, as OWASP advises
against CSV injection; spreadsheets show the text as written and hide the quote. Number
columns (lat, lon, offsets, confidence) are left alone, negative longitudes included.
GeoJSON is read by GIS programs, not evaluated, and keeps the text as it is.
"""

from __future__ import annotations

import json

import pandas as pd

import gazetteer

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_bytes(view: pd.DataFrame) -> bytes:
    """The mentions as CSV in UTF-8 with a byte order mark (so that spreadsheet programs
    read the Arabic right), text that would start a formula defused (see above)."""
    table = _table(view)
    defused = table.assign(**{c: table[c].map(_defused) for c in table.columns
                              if not pd.api.types.is_numeric_dtype(table[c])})
    # CRLF rows (RFC 4180): the csv writer then also quotes a cell holding a bare "\r",
    # which it leaves unquoted under "\n" rows, and readers would break the row there.
    return defused.to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


def _defused(value: object) -> object:
    """A text cell a spreadsheet would run as a formula, with ``'`` before it."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def geojson_bytes(view: pd.DataFrame) -> bytes:
    """The mentions as a GeoJSON FeatureCollection: one Point feature per mention
    (``geometry`` null when unlocated), every other column a property."""
    table = _table(view)
    properties = table.drop(columns=["lat", "lon"])
    records = json.loads(properties.to_json(orient="records", force_ascii=False))
    features = [
        {"type": "Feature",
         "geometry": None if pd.isna(lat) else {"type": "Point", "coordinates": [lon, lat]},
         "properties": props}
        for lat, lon, props in zip(table["lat"], table["lon"], records, strict=True)
    ]
    collection = {"type": "FeatureCollection", "features": features}
    return json.dumps(collection, ensure_ascii=False).encode("utf-8")


def _table(view: pd.DataFrame) -> pd.DataFrame:
    """``view`` with the mentions table's own columns, not those the page derives."""
    return view[[c for c in gazetteer.MENTION_COLUMNS if c in view.columns]]
