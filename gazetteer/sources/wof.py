"""Who's On First Iraq: localities, neighbourhoods and air bases, one point each.

Governorate and district records are not taken as places (OCHA's polygons are), but their
Arabic and Kurdish names are returned so the build can add them to the OCHA units.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

from ..normalize import is_arabic
from ..places import Place

FOLDER = "wof-iq"
SOURCE = "Who's On First / GeoNames (CC0 / CC BY 4.0)"
NAME_KEYS = ("ara", "ckb", "kur", "und", "fas")
KINDS = {"neighbourhood": "neighbourhood", "campus": "base"}


def _names(row: dict) -> list[str]:
    """Every Arabic-script name of the record, then its Latin names."""
    arabic, latin = [], [row["name"]]
    for key, values in json.loads(row["names_json"] or "{}").items():
        if key.split("_", 1)[0] in NAME_KEYS:
            arabic += [v for v in values if is_arabic(v)]
    latin += [n for n in row["name_eng"].split("|") if n]
    return list(dict.fromkeys(n.strip() for n in arabic + latin if n.strip()))


def _english(row: dict) -> str:
    """The English name: WOF's default is often a transliteration ("Ramadie", "Şaddām
    City"), its English names end with the usual one ("Sewera|Tikrit")."""
    english = [n for n in row["name_eng"].split("|") if n.isascii() and n]
    return english[-1] if english else row["name"]


def _feature(row: dict) -> str:
    if row["placetype"] in KINDS:
        return KINDS[row["placetype"]]
    population = float(row["population"] or 0)
    return "city" if population >= 100_000 else "town" if population else "village"


def read(sources: Path) -> tuple[list[Place], list[tuple[str, float, float, list[str]]]]:
    """Places, and (placetype, lat, lon, names) of the admin records for the build to merge."""
    places, admin_names = [], []
    with open(sources / FOLDER / "wof_iq_places.csv", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            if row["deprecated"] or row["superseded_by"] or row["is_current"] == "0":
                continue
            lat, lon = float(row["lat"]), float(row["lon"])
            names = _names(row)
            arabic = [n for n in names if is_arabic(n)]
            if row["placetype"] in ("region", "county"):
                admin_names.append((row["placetype"], lat, lon, arabic))
                continue
            if row["placetype"] == "country" or not arabic:
                continue
            places.append(
                Place(
                    id=f"wof:{row['wof_id']}",
                    feature=_feature(row),
                    name_en=_english(row),
                    name_ar=arabic[0],
                    names=tuple(names),
                    lat=lat,
                    lon=lon,
                    radius_km=2.0,
                    admin1="",
                    country="IQ",
                    population=int(float(row["population"] or 0)),
                    source=SOURCE,
                )
            )
    return places, admin_names
