"""Exports hold exactly the filtered mentions, in the library's columns."""

from __future__ import annotations

import io
import json

import pandas as pd

import gazetteer
from dashboard import export, filters
from dashboard.filters import Filters


def test_the_csv_holds_the_filtered_rows(seed_corpus):
    view = filters.apply(seed_corpus.mentions, Filters(regions=("Kirkuk",), furniture=True))
    raw = export.csv_bytes(view)
    assert raw.startswith(b"\xef\xbb\xbf")  # so that spreadsheets read UTF-8 Arabic
    table = pd.read_csv(io.BytesIO(raw), encoding="utf-8-sig", keep_default_na=False)
    assert list(table.columns) == gazetteer.MENTION_COLUMNS
    assert len(table) == len(view) == 17
    assert table["surface"].tolist() == view["surface"].tolist()
    assert set(table["admin1"]) == {"Kirkuk"}


def test_the_geojson_holds_one_point_per_filtered_mention(seed_corpus):
    view = filters.apply(seed_corpus.mentions, Filters(kinds=("Terrain",)))
    collection = json.loads(export.geojson_bytes(view))
    assert collection["type"] == "FeatureCollection"
    assert len(collection["features"]) == len(view)
    shay = next(f for f in collection["features"]
                if f["properties"]["place_id"] == "terrain:wadi_al_shay")
    assert shay["geometry"] == {"type": "Point", "coordinates": [43.9958, 35.0159]}
    assert shay["properties"]["name_ar"] == "وادي الشاي"
    assert set(shay["properties"]) == set(gazetteer.MENTION_COLUMNS) - {"lat", "lon"}


def test_an_unlocated_mention_has_no_geometry(unlisted_corpus):
    features = json.loads(export.geojson_bytes(unlisted_corpus.mentions))["features"]
    nowhere = [f for f in features if f["geometry"] is None]
    assert [f["properties"]["name_ar"] for f in nowhere] == ["قرية الكنعوص"]
    assert nowhere[0]["properties"]["place_id"] is None
