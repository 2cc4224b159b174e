"""The opt-in Nominatim fallback, through its cache (no network in tests)."""

import json

from gazetteer.geoparse import Geoparser
from gazetteer.online import NominatimFallback

TEXT = "اشتباكات في قرية زنكورة"


def test_cached_answers_locate_an_unlisted_place_offline(tmp_path):
    cache = tmp_path / "nominatim.json"
    cache.write_text(json.dumps({"زنكوره": [35.33, 43.80]}), encoding="utf-8")
    [m] = Geoparser(fallback=NominatimFallback(cache)).parse(TEXT)
    assert (m.lat, m.lon, m.admin1, m.geo_precision) == (35.33, 43.80, "Kirkuk", "near")


def test_a_name_is_asked_once_and_remembered(tmp_path):
    asked = []

    def geocode(name, **kwargs):  # stands in for the remote service, not for our code
        asked.append((name, kwargs["country_codes"]))

    cache = tmp_path / "nominatim.json"
    fallback = NominatimFallback(cache, geocode=geocode)
    assert fallback.locate("زنكورة") is None
    assert fallback.locate("زنكورة") is None
    assert asked == [("زنكورة", "iq")]
    assert json.loads(cache.read_text(encoding="utf-8")) == {"زنكوره": None}


def test_without_the_fallback_the_place_has_no_point():
    [m] = Geoparser().parse(TEXT)
    assert m.lat is None and m.place_id is None
