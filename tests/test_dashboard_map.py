"""The map: one feature per place whatever the number of mentions, areas drawn as areas,
every name escaped."""

from __future__ import annotations

import re

import folium
import pandas as pd
import pytest
from folium import plugins
from jinja2.utils import htmlsafe_json_dumps

import gazetteer
from dashboard import basemap, data, mapview
from dashboard.store import Store
from gazetteer.tables import frame
from tests.conftest import kept, places


@pytest.fixture(scope="module")
def gaz() -> gazetteer.Gazetteer:
    return gazetteer.Gazetteer.load()


def every_place(corpus: data.Corpus) -> pd.DataFrame:
    return places(corpus, furniture=True)


def corpus_of(mentions: pd.DataFrame, documents: pd.DataFrame) -> data.Corpus:
    tables = {"mentions": mentions, "documents": documents, "events": frame("events", [])}
    return data.corpus_of(Store(tables), pd.DataFrame(), "", "")


def features(layer) -> dict[str, dict]:
    """A GeoJSON layer's features (or those of the one in a marker group) by the plain
    text of their tooltips."""
    if isinstance(layer, plugins.MarkerCluster):
        layer = next(iter(layer._children.values()))
    return {f["properties"]["tip"]: f for f in layer.data["features"]}


def test_the_map_costs_distinct_places_not_mentions(seed_tables, gaz):
    once = seed_tables.mentions
    twenty = pd.concat([once] * 20, ignore_index=True)
    views = [every_place(corpus_of(m, seed_tables.documents)) for m in (once, twenty)]
    sizes = [len(mapview.build(mapview.drawn(view), mapview.by_governorate(view), gaz)
                 .get_root().render()) for view in views]
    assert abs(sizes[1] - sizes[0]) < 0.01 * sizes[0]  # only the counts' digits differ


def test_the_map_draws_the_most_mentioned_places_only(seed_corpus, monkeypatch):
    monkeypatch.setattr(mapview, "MAX_PLACES", 3)
    every = every_place(seed_corpus)
    drawn = mapview.drawn(every)
    # Whole countries are listed beside the map, not drawn on it.
    assert list(drawn.index) == ["terrain:kurdistan_region", "ocha:IQG13", "ocha:IQG11"]
    assert "country:IQ" in set(mapview.countries(every).index)
    assert not set(drawn.index) & set(mapview.countries(every).index)


def test_places_are_shaped_and_coloured_by_kind_and_sized_by_mentions(seed_corpus):
    places = mapview.drawn(every_place(seed_corpus))
    layer = mapview.places_layer(places, mapview.tooltips(places))
    region = features(layer)["إقليم كوردستان · Kurdistan Region of Iraq — 11 mentions"]
    assert region["properties"]["r"] == mapview.MAX_RADIUS
    single = features(layer)["وادي الشاي · Wadi al-Shay — 1 mention"]
    assert single["geometry"]["coordinates"] == [43.9958, 35.0159]
    assert mapview.MIN_RADIUS < single["properties"]["r"] < mapview.MAX_RADIUS / 2
    style = next(iter(layer._children.values())).style_function(single)
    assert 'fill="#2ca02c"' in style["html"] and "<polygon" in style["html"]  # terrain
    assert style["iconSize"] == [2 * single["properties"]["r"]] * 2


def test_areas_look_like_areas(seed_corpus, gaz):
    places = mapview.drawn(every_place(seed_corpus))
    areas = features(mapview.areas_layer(places, mapview.tooltips(places), gaz))
    shapes = {tip.split(" — ")[0]: f for tip, f in areas.items()}
    shay = shapes["وادي الشاي · Wadi al-Shay"]
    assert shay["geometry"]["type"] == "Point" and shay["properties"]["metres"] == 25_000
    assert shapes["جبال حمرين · Hamrin Mountains"]["geometry"]["type"] == "LineString"
    kirkuk = shapes["كركوك · Kirkuk (governorate)"]  # labelled apart from the city
    assert kirkuk["geometry"]["type"] in {"Polygon", "MultiPolygon"}
    assert "بغداد · Baghdad (capital)" not in shapes and "العراق · Iraq" not in shapes  # points


def test_governorates_are_shaded_by_their_mentions(seed_corpus, gaz):
    layer = mapview.governorate_layer(mapview.by_governorate(every_place(seed_corpus)), gaz)
    assert len(layer.data["features"]) == 18
    kirkuk = next(f for f in layer.data["features"] if "Kirkuk" in f["properties"]["tip"])
    assert kirkuk["properties"]["n"] == (kept(seed_corpus, furniture=True)["admin1"]
                                         == "Kirkuk").sum()


def test_names_from_articles_are_escaped_in_tooltips(seed_tables, gaz):
    hostile = seed_tables.mentions.assign(name_ar="<img src=x onerror=alert(1)>")
    view = every_place(corpus_of(hostile, seed_tables.documents))
    layer = mapview.places_layer(view, mapview.tooltips(view))
    assert all(tip.startswith("&lt;img src=x onerror=alert(1)&gt;") for tip in features(layer))
    html = mapview.build(mapview.drawn(view), mapview.by_governorate(view),
                         gaz).get_root().render()
    assert "<img src=x" not in html


def test_names_from_articles_are_not_run_as_template_code(seed_tables, gaz):
    # Folium made every element's output a Jinja template again: "{{ 7 * 7 }}" became 49.
    hostile = seed_tables.mentions.assign(name_ar="{{ 7 * 7 }}{% if true %}if{% endif %}")
    view = every_place(corpus_of(hostile, seed_tables.documents))
    html = mapview.build(mapview.drawn(view), mapview.by_governorate(view),
                         gaz).get_root().render()
    assert html.count("{{ 7 * 7 }}{% if true %}if{% endif %}") >= len(mapview.drawn(view))


def bounds(m: folium.Map) -> list[list[float]]:
    return next(c.bounds for c in m._children.values() if isinstance(c, folium.FitBounds))


def test_a_map_of_nothing_opens_on_iraq(seed_corpus, gaz):
    nothing = places(seed_corpus, words="لاشيءهنا")
    m = mapview.build(mapview.drawn(nothing), mapview.by_governorate(nothing), gaz)
    assert bounds(m) == [list(corner) for corner in mapview.IRAQ_BOUNDS]
    assert "Places" in m.get_root().render()


def test_the_map_is_framed_on_iraq_or_on_the_places_within_it(seed_corpus):
    # The seeds' articles name Iraqi places and, as whole countries, the US or France.
    drawn = mapview.drawn(places(seed_corpus))
    (south, west), (north, east) = bounds(mapview.base_map(drawn))
    (s, w), (n, e) = mapview.IRAQ_BOUNDS
    assert s < south <= drawn["lat"].min() and drawn["lat"].max() <= north < n
    assert w < west <= drawn["lon"].min() and drawn["lon"].max() <= east < e
    kirkuk = places(seed_corpus, regions=("Kirkuk",))
    (south, west), (north, east) = bounds(mapview.base_map(mapview.drawn(kirkuk)))
    assert 34 < south < north < 36.5 and 43 < west < east < 45.5
    abroad = pd.DataFrame({"lat": [33.3, 48.85], "lon": [44.4, 2.35], "feature": ["city"] * 2})
    assert bounds(mapview.base_map(abroad)) == [list(c) for c in mapview.IRAQ_BOUNDS]


def rendered(language: str = "en") -> str:
    """The HTML of a map of nothing, its background labelled in ``language``."""
    return mapview.base_map(pd.DataFrame({"lat": [], "lon": [], "feature": []}),
                            language).get_root().render()


def test_the_basemap_is_fetched_from_the_apps_files_and_drawn_under_the_tiles():
    html = rendered()
    url = f"{mapview.STATIC}/{basemap.FILE}"
    assert f'fetch("{url}")' in html and basemap.PATH.is_file()
    assert basemap.PATH.read_text(encoding="utf-8")[:500] not in html  # fetched, not inlined
    css = (basemap.PATH.parent / "leaflet" / "leaflet.css").read_text(encoding="utf-8")
    tile_pane = int(re.search(r"\.leaflet-tile-pane\s*{\s*z-index:\s*(\d+)", css)[1])
    panes = dict(re.findall(r'pane\("(\w+)", (\d+)\)', html))
    assert panes and all(int(z) < tile_pane for z in panes.values())
    assert "tile.openstreetmap.org" in html and "OpenStreetMap" in html
    assert htmlsafe_json_dumps(basemap.ATTRIBUTION) in html  # its credit, on the map


def test_the_tile_server_is_a_host_setting(monkeypatch):
    monkeypatch.setenv("IRAQMAP_TILES", "https://tiles.example.org/{z}/{x}/{y}.png")
    monkeypatch.setenv("IRAQMAP_TILES_ATTRIBUTION", "© Example tiles")
    html = rendered()
    assert "https://tiles.example.org/{z}/{x}/{y}.png" in html
    assert htmlsafe_json_dumps("© Example tiles") in html
    assert "openstreetmap" not in html.lower() and basemap.FILE in html
    monkeypatch.setenv("IRAQMAP_TILES", "none")
    html = rendered()
    assert "L.tileLayer" not in html and basemap.FILE in html


@pytest.mark.parametrize("language", basemap.LANGUAGES)
def test_the_basemap_is_labelled_in_the_interfaces_language(language):
    assert f"var language = {htmlsafe_json_dumps(language)};" in rendered(language)


def test_a_language_the_basemap_lacks_is_refused():
    with pytest.raises(ValueError, match="'fr'"):
        rendered("fr")
