"""The filtered mentions as files to download: the library's columns only."""

from __future__ import annotations

import json

import pandas as pd

import gazetteer


def csv_bytes(view: pd.DataFrame) -> bytes:
    """The mentions as CSV in UTF-8 with a byte order mark (so that spreadsheet programs
    read the Arabic right)."""
    return _table(view).to_csv(index=False).encode("utf-8-sig")


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
