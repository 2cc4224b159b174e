"""Exports hold exactly the filtered mentions, in the library's columns."""

from __future__ import annotations

import io
import json

import pandas as pd
import pytest

import gazetteer
from dashboard import data, export
from tests.conftest import kept


def test_the_csv_holds_the_filtered_rows(seed_corpus):
    view = kept(seed_corpus, regions=("Kirkuk",), furniture=True)
    raw = export.csv_bytes(view)
    assert raw.startswith(b"\xef\xbb\xbf")  # so that spreadsheets read UTF-8 Arabic
    table = pd.read_csv(io.BytesIO(raw), encoding="utf-8-sig", keep_default_na=False)
    assert list(table.columns) == gazetteer.MENTION_COLUMNS
    assert len(table) == len(view) == 17
    assert table["surface"].tolist() == view["surface"].tolist()
    assert set(table["admin1"]) == {"Kirkuk"}


def test_the_geojson_holds_one_point_per_filtered_mention(seed_corpus):
    view = kept(seed_corpus, kinds=("Terrain",))
    collection = json.loads(export.geojson_bytes(view))
    assert collection["type"] == "FeatureCollection"
    assert len(collection["features"]) == len(view)
    shay = next(f for f in collection["features"]
                if f["properties"]["place_id"] == "terrain:wadi_al_shay")
    assert shay["geometry"] == {"type": "Point", "coordinates": [43.9958, 35.0159]}
    assert shay["properties"]["name_ar"] == "وادي الشاي"
    assert set(shay["properties"]) == set(gazetteer.MENTION_COLUMNS) - {"lat", "lon"}


def test_an_unlocated_mention_has_no_geometry():
    alone = data.from_uploads([("alone.txt", "انفجار في قرية الكنعوص".encode())])
    features = json.loads(export.geojson_bytes(kept(alone)))["features"]
    nowhere = [f for f in features if f["geometry"] is None]
    assert [f["properties"]["name_ar"] for f in nowhere] == ["قرية الكنعوص"]
    assert nowhere[0]["properties"]["place_id"] is None


FORMULAS = ['=HYPERLINK("http://x","y")', "+1", "-2+3", "@SUM(A1)", "\t=1+1", "\r=1+1"]


@pytest.mark.parametrize("formula", FORMULAS, ids=["equals", "plus", "minus", "at",
                                                   "tab", "carriage return"])
def test_csv_cells_a_spreadsheet_would_run_start_with_a_quote(seed_corpus, formula):
    view = kept(seed_corpus).head(3).assign(
        title=formula, source=formula, url=formula, excerpt=formula,
        lon=[-77.0365, 44.3661, 0.0])
    table = pd.read_csv(io.BytesIO(export.csv_bytes(view)), encoding="utf-8-sig",
                        keep_default_na=False)
    for column in ("title", "source", "url", "excerpt"):
        assert table[column].tolist() == ["'" + formula] * 3
    # Numbers stay numbers, negative ones too; ordinary Arabic text is unchanged.
    assert table["lon"].tolist() == [-77.0365, 44.3661, 0.0]
    assert table["lat"].tolist() == view["lat"].tolist()
    assert table["start"].tolist() == view["start"].tolist()
    assert table["confidence"].tolist() == view["confidence"].tolist()
    assert table["name_ar"].tolist() == view["name_ar"].tolist()
    assert table["surface"].tolist() == view["surface"].tolist()


def test_the_geojson_keeps_text_as_written(seed_corpus):
    view = kept(seed_corpus).head(1).assign(title="=1+1")
    feature = json.loads(export.geojson_bytes(view))["features"][0]
    assert feature["properties"]["title"] == "=1+1"
