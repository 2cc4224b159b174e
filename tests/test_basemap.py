"""The map's background data (dashboard/static/basemap.json): in step with its build,
small, and holding Iraq, its neighbours, their waters and names in both languages."""

from __future__ import annotations

import filecmp
import json
import os
from pathlib import Path

import pytest
from shapely.geometry import Point, shape

from dashboard import basemap
from gazetteer.normalize import is_arabic
from scripts import build_basemap

ROOT = Path(__file__).parent.parent
# The public source dumps the data is built from (see dashboard/static/README.md).
SOURCES = Path(os.environ.get("GAZETTEER_SOURCES", ROOT.parent / "shared" / "data-sources"))
BUDGET = 300_000  # bytes: fetched by every new visitor's browser


@pytest.fixture(scope="module")
def features() -> list[dict]:
    return json.loads(basemap.PATH.read_text(encoding="utf-8"))["features"]


@pytest.fixture(scope="module")
def shapes(features) -> dict[str, object]:
    return {f["properties"]["layer"]: shape(f["geometry"])
            for f in features if f["geometry"]["type"] != "Point"}


@pytest.fixture(scope="module")
def labels(features) -> list[dict]:
    return [f["properties"] for f in features if f["geometry"]["type"] == "Point"]


def test_build_regenerates_the_committed_basemap(tmp_path):
    """A rebuild from the sources gives the committed file byte for byte."""
    assert SOURCES.is_dir(), f"source dumps not found at {SOURCES}; set GAZETTEER_SOURCES"
    build_basemap.build(SOURCES, tmp_path / basemap.FILE)
    assert filecmp.cmp(tmp_path / basemap.FILE, basemap.PATH, shallow=False)


def test_the_build_names_a_missing_source(tmp_path):
    (tmp_path / build_basemap.NE).mkdir()
    with pytest.raises(FileNotFoundError, match="ne_10m_admin_0_countries.*natural-earth"):
        build_basemap.build(tmp_path, tmp_path / basemap.FILE)


def test_the_basemap_is_small():
    assert basemap.PATH.stat().st_size < BUDGET


def test_every_layer_is_drawn_once_in_order_and_styled(features, shapes):
    drawn = [f["properties"]["layer"] for f in features if f["geometry"]["type"] != "Point"]
    assert drawn == list(build_basemap.LAYERS) == list(basemap.STYLES)
    assert all(g.is_valid and not g.is_empty for g in shapes.values())


def test_iraq_lies_on_land_beside_the_gulf(shapes):
    baghdad, gulf, lake_tharthar = Point(44.39, 33.34), Point(49.5, 28.5), Point(43.3, 33.9)
    assert shapes["iraq"].contains(baghdad) and shapes["land"].contains(baghdad)
    assert shapes["sea"].contains(gulf) and not shapes["land"].contains(gulf)
    assert shapes["lake"].contains(lake_tharthar)
    tigris = shapes["river"]
    assert tigris.distance(baghdad) < 0.1  # the Tigris runs through Baghdad
    # Governorate borders inside Iraq only; provinces of its neighbours outside it.
    assert shapes["iraq"].buffer(0.05).contains(shapes["governorate"])
    assert shapes["province"].intersection(shapes["iraq"].buffer(-0.05)).is_empty


def test_labels_are_named_in_both_languages_and_show_from_a_zoom(labels):
    for p in labels:
        assert p["name_en"] and p["name_en"].isprintable() and not is_arabic(p["name_en"]), p
        assert is_arabic(p["name_ar"]) and p["name_ar"] == build_basemap.bare(p["name_ar"]), p
        assert isinstance(p["z"], int) and 0 <= p["z"] <= 18, p


def test_iraqi_places_are_labelled_in_arabic_letters(features, shapes):
    """Not in the Kurdish or Persian spellings the gazetteer also holds (دھۆک، تکریت)."""
    iraqi = [f["properties"] for f in features
             if f["properties"]["layer"] in {"city", "governorate"}
             and shapes["iraq"].contains(shape(f["geometry"]))]
    assert len(iraqi) > 40
    for p in iraqi:
        assert set(p["name_ar"]) <= build_basemap.ARABIC_LETTERS, p


def test_what_an_analyst_looks_for_is_labelled(labels):
    named = {(p["layer"], p["name_en"]): p["name_ar"] for p in labels}
    expected = {
        ("country", "Iraq"): "العراق", ("country", "Syria"): "سوريا",
        ("country", "Iran"): "إيران", ("sea", "Persian Gulf"): "الخليج العربي",
        ("city", "Baghdad"): "بغداد", ("city", "Mosul"): "الموصل",
        ("city", "Ramadi"): "الرمادي", ("city", "Amarah"): "العمارة",
        ("governorate", "Al-Anbar"): "الأنبار", ("water", "Tigris"): "دجلة",
    }
    assert {key: named.get(key) for key in expected} == expected
    assert sum(layer == "governorate" for layer, _ in named) == 18
