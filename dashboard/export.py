"""The filtered mentions and incidents as files to download: the mentions in the
library's columns, the incidents in the fields ACLED's users know (:func:`acled`).

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

from dashboard.incidents import TYPES, actor_label

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# ACLED's precision codes for ours (its codebook: 1 exact, 2 near or within a district,
# 3 a wider region; 1 the day, 2 the week, 3 the month or longer).
GEO_PRECISION = {"exact": 1, "near": 2, "district": 2, "governorate": 3, "region": 3,
                 "country": 3, "beyond": 3}
TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}


def csv_bytes(table: pd.DataFrame) -> bytes:
    """A table as CSV in UTF-8 with a byte order mark (so that spreadsheet programs
    read the Arabic right), text that would start a formula defused (see above)."""
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


def geojson_bytes(table: pd.DataFrame, lat: str = "lat", lon: str = "lon") -> bytes:
    """A table as a GeoJSON FeatureCollection: one Point feature per row at its ``lat``
    and ``lon`` columns (``geometry`` null when unlocated), every other column a
    property."""
    properties = table.drop(columns=[lat, lon])
    records = json.loads(properties.to_json(orient="records", force_ascii=False))
    features = [
        {"type": "Feature",
         "geometry": None if pd.isna(lat) else {"type": "Point", "coordinates": [lon, lat]},
         "properties": props}
        for lat, lon, props in zip(table[lat], table[lon], records, strict=True)
    ]
    collection = {"type": "FeatureCollection", "features": features}
    return json.dumps(collection, ensure_ascii=False).encode("utf-8")


def acled(incidents: pd.DataFrame) -> pd.DataFrame:
    """Incidents (:meth:`dashboard.view.View.incidents`) in ACLED's fields where it has
    one: ``event_date``, ``time_precision`` and ``geo_precision`` in its codes (1 the
    day or the town, 2 near or in a district, 3 a month or a wider area),
    ``event_type`` and ``sub_event_type`` (our ``type`` beside them), two sides as
    ``actor1``/``actor2`` (the text says who was involved, not who began), ``admin1``,
    ``location``, ``latitude``/``longitude``, ``fatalities`` (the lowest figure the
    reports give, as ACLED counts; ``fatalities_high`` the highest), ``source`` (the
    outlets), ``source_count``, and ``notes`` (the excerpt of the most precise
    report)."""
    types = [TYPES.get(t) for t in incidents["type"]]
    sides = [[actor_label(a, "en") for a in actors] for actors in incidents["actors"]]
    return pd.DataFrame({
        "event_id": incidents["incident_id"],
        "event_date": incidents["date"],
        "time_precision": incidents["date_precision"].map(TIME_PRECISION).astype("Int64"),
        "event_type": [t.acled_event_type if t else "" for t in types],
        "sub_event_type": [t.acled_sub_event_type if t else "" for t in types],
        "type": incidents["type"],
        "actor1": [s[0] if s else "" for s in sides],
        "actor2": [s[1] if len(s) > 1 else "" for s in sides],
        "actors": ["; ".join(s) for s in sides],
        "country": incidents["country"], "admin1": incidents["admin1"],
        "location": incidents["place_name"],
        "latitude": incidents["lat"], "longitude": incidents["lon"],
        "geo_precision": incidents["geo_precision"].map(GEO_PRECISION).astype("Int64"),
        "radius_km": incidents["radius_km"],
        "fatalities": incidents["killed_min"].fillna(0).astype("int64"),
        "fatalities_high": incidents["killed_max"],
        "wounded": incidents["wounded_min"], "wounded_high": incidents["wounded_max"],
        "source": incidents["sources"], "source_count": incidents["source_count"],
        "reports": incidents["reports"], "notes": incidents["excerpt"],
    })
