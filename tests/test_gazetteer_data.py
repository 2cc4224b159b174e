"""The gazetteer's data files: every row sound, and in step with its sources."""

import filecmp
import os
from pathlib import Path

import pytest

from gazetteer.build import build
from gazetteer.index import Gazetteer
from gazetteer.language import DATA_DIR
from gazetteer.places import FEATURES, PRECISIONS

ROOT = Path(__file__).parent.parent
# The public source dumps the data is built from (see gazetteer/data/ATTRIBUTION.md).
SOURCES = Path(os.environ.get("GAZETTEER_SOURCES", ROOT.parent / "shared" / "data-sources"))
GENERATED = ["places.tsv", "geometries.geojson", "clitic_words.txt", "common_words.txt"]


@pytest.fixture(scope="module")
def gazetteer():
    return Gazetteer.load()


def test_every_row_is_sound(gazetteer):
    ids = [p.id for p in gazetteer]
    assert len(ids) == len(set(ids)), "place ids are unique"
    for p in gazetteer:
        assert p.feature in FEATURES, p
        assert -90 <= p.lat <= 90 and -180 <= p.lon <= 180, p
        assert p.radius_km > 0, p
        assert p.name_en and p.name_ar and p.names, p
        assert p.precision in PRECISIONS
        # Only an Iraqi place has a governorate; only one whose extent no one governorate
        # holds (a river, the Kurdistan Region, the disputed areas) goes without.
        if p.admin1 or (p.country == "IQ" and p.feature != "country" and p.radius_km <= 5):
            assert p.admin1 and p.country == "IQ" and p.feature != "country", p
        if p.geometry:
            assert gazetteer.geometry(p.id)["type"] in {
                "Polygon", "MultiPolygon", "LineString", "MultiLineString"}


def test_what_iraqi_news_names_is_there(gazetteer):
    expected = {
        "العراق": "country", "كركوك": "governorate", "حمرين": "ridge", "وادي الشاي": "wadi",
        "وادي زغيتون": "wadi", "صحراء الأنبار": "desert", "مطيبيجة": "area",
        "طهران": "capital", "واشنطن": "capital", "أنقرة": "capital", "دمشق": "capital",
        "الرقة": "city", "كوباني": "city", "عين العرب": "city", "إقليم كوردستان": "region",
    }
    assert {name: gazetteer.lookup(name)[0].feature for name in expected} == expected


def test_governorates_are_the_eighteen_with_polygons(gazetteer):
    govs = [p for p in gazetteer if p.feature == "governorate" and p.geometry]
    assert len(govs) == 18
    assert gazetteer.governorate_at(35.47, 44.39).name_en == "Kirkuk"
    assert gazetteer.governorate_at(48.85, 2.35) is None


def test_hamrin_is_drawn_as_a_ridge_line(gazetteer):
    assert gazetteer.geometry("terrain:hamrin_mountains")["type"] == "LineString"


def test_committed_data_is_compact():
    assert sum((DATA_DIR / name).stat().st_size for name in GENERATED) < 6_000_000


def test_build_regenerates_the_committed_files(tmp_path):
    """A rebuild from the sources gives the committed files byte for byte."""
    assert SOURCES.is_dir(), f"source dumps not found at {SOURCES}; set GAZETTEER_SOURCES"
    for name in ("curated.csv", "local_places.csv"):  # hand-written inputs of the build
        (tmp_path / name).write_bytes((DATA_DIR / name).read_bytes())
    build(SOURCES, tmp_path)
    for name in GENERATED:
        assert filecmp.cmp(tmp_path / name, DATA_DIR / name, shallow=False), name


def test_the_border_zone_is_there(gazetteer):
    """Who's On First Syria and the neighbours' border files, with curated aliases."""
    expected = {
        "الباغوز": ("SY", "village"), "السويعية": ("SY", "village"), "الهول": ("SY", "village"),
        "كوباني": ("SY", "city"), "شمدينان": ("TR", "district"), "سيلوبي": ("TR", "town"),
        "بيرانشهر": ("IR", "town"), "كرمنشاه": ("IR", "city"), "الشدادي": ("SY", "village"),
        "تل أبيض": ("SY", "town"),  # a district's seat, with no population in WOF
    }
    found = {n: (gazetteer.lookup(n)[0].country, gazetteer.lookup(n)[0].feature) for n in expected}
    assert found == expected
    sources = {p.source for n in expected for p in gazetteer.lookup(n)}
    assert any("Who's On First" in s for s in sources)



def _subdistricts() -> dict:
    import json

    from shapely.geometry import shape

    path = next((SOURCES / "ocha-cod-ab-irq").glob("irq_admbnda_adm3_*.geojson"))
    features = json.loads(path.read_text(encoding="utf-8"))["features"]
    return {f["properties"]["ADM3_PCODE"]: shape(f["geometry"]) for f in features}


def test_local_places_lie_in_their_subdistricts(gazetteer):
    """Every curated neighbourhood, base and airport lies in the OCHA sub-district its row
    names, within a few km of its city, with a radius that says how approximate it is."""
    import csv

    from geopy.distance import great_circle
    from shapely.geometry import Point

    polygons = _subdistricts()
    with open(DATA_DIR / "local_places.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) >= 100
    for row in rows:
        point = Point(float(row["lon"]), float(row["lat"]))
        assert polygons[row["subdistrict"]].contains(point), row["id"]
        assert row["source"] and 0 < float(row["radius_km"]) <= 10, row["id"]
        if row["city"]:
            city = gazetteer[row["city"]]
            km = great_circle((city.lat, city.lon), (point.y, point.x)).km
            assert km < 20, (row["id"], km)
        assert gazetteer[row["id"]].feature == row["feature"]


def test_rivers_are_lines(gazetteer):
    for name in ["نهر دجلة", "نهر الفرات", "شط العرب", "الزاب الكبير", "الزاب الصغير",
                 "نهر ديالى", "نهر الخابور"]:
        river = gazetteer.lookup(name)[0]
        assert river.feature == "river", name
        assert gazetteer.geometry(river.id)["type"] in {"LineString", "MultiLineString"}, name


def test_no_place_is_named_by_its_airport_code(gazetteer):
    """Who's On First lists an airport's codes among its English names (ORAA, IQA)."""
    assert gazetteer["wof:102542465"].name_en == "Al Asad Airbase"
    codes = [p.id for p in gazetteer if p.name_en.isupper() and len(p.name_en) <= 4]
    assert codes == []
