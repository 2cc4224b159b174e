"""The map: one feature per place whatever the number of mentions, areas drawn as areas,
every name escaped."""

from __future__ import annotations

import folium
import pandas as pd
import pytest

import gazetteer
from dashboard import data, filters, mapview
from dashboard.filters import Filters


@pytest.fixture(scope="module")
def gaz() -> gazetteer.Gazetteer:
    return gazetteer.Gazetteer.load()


def every_place(corpus: data.Corpus) -> pd.DataFrame:
    return data.place_counts(corpus, filters.apply(corpus.mentions, Filters(furniture=True)))


def features(layer) -> dict[str, dict]:
    """A GeoJSON layer's features by the plain text of their tooltips."""
    return {f["properties"]["tip"]: f for f in layer.data["features"]}


def test_the_map_costs_distinct_places_not_mentions(seed_corpus, gaz):
    once = seed_corpus.mentions
    twenty = pd.concat([once] * 20, ignore_index=True)
    sizes = [len(mapview.build(mapview.drawn(data.place_counts(seed_corpus, view)),
                               view["admin1"].value_counts(), gaz).get_root().render())
             for view in (once, twenty)]
    assert abs(sizes[1] - sizes[0]) < 0.01 * sizes[0]  # only the counts' digits differ


def test_the_map_draws_the_most_mentioned_places_only(seed_corpus, monkeypatch):
    monkeypatch.setattr(mapview, "MAX_PLACES", 3)
    drawn = mapview.drawn(every_place(seed_corpus))
    assert list(drawn.index) == ["country:IQ", "terrain:kurdistan_region", "ocha:IQG13"]


def test_places_are_circles_sized_by_mentions_and_coloured_by_kind(seed_corpus):
    places = mapview.drawn(every_place(seed_corpus))
    layer = mapview.places_layer(places, mapview.tooltips(places))
    iraq = features(layer)["العراق · Iraq — country — 20 mentions"]
    assert iraq["geometry"]["coordinates"] == [42.486, 33.202]
    assert iraq["properties"]["r"] == mapview.MAX_RADIUS
    single = features(layer)["وادي الشاي · Wadi al-Shay — wadi — 1 mention"]
    assert mapview.MIN_RADIUS < single["properties"]["r"] < mapview.MAX_RADIUS / 2
    style = layer.style_function(single)
    assert style["fillColor"] == "#2ca02c"  # terrain


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
    layer = mapview.governorate_layer(seed_corpus.mentions["admin1"].value_counts(), gaz)
    assert len(layer.data["features"]) == 18
    kirkuk = next(f for f in layer.data["features"] if "Kirkuk" in f["properties"]["tip"])
    assert kirkuk["properties"]["n"] == (seed_corpus.mentions["admin1"] == "Kirkuk").sum()


def test_names_from_articles_are_escaped_in_tooltips(seed_corpus, gaz):
    hostile = seed_corpus.mentions.assign(name_ar="<img src=x onerror=alert(1)>")
    corpus = data.prepare(hostile[gazetteer.MENTION_COLUMNS], pd.DataFrame({"doc_id": []}),
                          pd.DataFrame(), "", "")
    places = data.place_counts(corpus, corpus.mentions)
    layer = mapview.places_layer(places, mapview.tooltips(places))
    assert all(tip.startswith("&lt;img src=x onerror=alert(1)&gt;") for tip in features(layer))
    html = mapview.build(mapview.drawn(places), corpus.mentions["admin1"].value_counts(),
                         gaz).get_root().render()
    assert "<img src=x" not in html


def test_a_map_of_nothing_opens_on_iraq(seed_corpus, gaz):
    nothing = data.place_counts(seed_corpus, seed_corpus.mentions.iloc[:0])
    m = mapview.build(mapview.drawn(nothing), pd.Series(dtype=int), gaz)
    assert list(m.location) == list(mapview.IRAQ)
    assert "Places" in m.get_root().render()


def test_the_frame_leaves_countries_out_when_other_places_are_in(seed_corpus):
    # The seeds' articles name Iraqi places and, as whole countries, the US or France.
    places = mapview.drawn(data.place_counts(seed_corpus, filters.apply(
        seed_corpus.mentions, Filters())))
    m = mapview.base_map(places)
    (south, west), (north, east) = next(
        c.bounds for c in m._children.values() if isinstance(c, folium.FitBounds))
    assert 30 < west < east < 50  # Iraq's longitudes, not the US's
