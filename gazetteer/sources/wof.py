"""Who's On First: Iraq's localities, neighbourhoods and air bases, one point each, and
those of its neighbours near the border (Syria, Turkey, Iran, Saudi Arabia, Jordan,
Kuwait), where Iraqi news follows the war across the line (الباغوز، شمدينان).

Iraq's governorate and district records are not taken as places (OCHA's polygons are),
but their Arabic and Kurdish names are returned so the build can add them to the OCHA
units. Abroad settlements are taken: a town with people or a Wikidata entry, a district's
seat, or any place within ``ABROAD_KM`` of Iraq.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

from ..lexicon import lexicon
from ..normalize import fold, is_arabic
from ..places import Place

FOLDER = "wof-iq"
# Files named wof_<country>_….csv, and the kinds of record taken from them: a Turkish
# ilçe or an Iranian shahrestan is named for its seat, which the border subset may lack
# (Şemdinli); a Syrian mantiqa sits at its polygon's label point, far from its town.
ABROAD = {
    "wof-sy": ("locality", "neighbourhood", "campus"),
    "wof-neighbours-border": ("locality", "neighbourhood", "campus", "county"),
}
ABROAD_KM = 100.0
SOURCE = "Who's On First / GeoNames (CC0 / CC BY 4.0)"
NAME_KEYS = ("ara", "ckb", "kur", "und", "fas")
KINDS = {"neighbourhood": "neighbourhood", "campus": "base", "county": "district"}
SEAT = "Nahiyat "  # GeoNames' English name of the town that is a sub-district's seat
# A county abroad stands for its seat town and its land (Şemdinli); any other point is 2 km.
RADIUS_KM = {"county": 20.0}


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
    City"), its English names end with the usual one ("Sewera|Tikrit") — but for the
    airports' codes ("Al Asad Airbase|IQA|ORAA")."""
    english = [n for n in row["name_eng"].split("|") if n.isascii() and n and not _code(n)]
    return english[-1] if english else row["name"]


def _code(name: str) -> bool:
    """An airport's IATA or ICAO code ("IQA", "ORAA"), no name."""
    return len(name) <= 4 and name.isalnum() and name.isupper()


def _feature(row: dict, seat: bool = False) -> str:
    """A kind of place; a locality with no population is a village, unless it is a
    ``seat`` or GeoNames names it "Nahiyat ...": the seat of a sub-district (ناحية), a
    town."""
    if row["placetype"] in KINDS:
        return KINDS[row["placetype"]]
    population = float(row["population"] or 0)
    if not population and (seat or SEAT in f"{row['name']}|{row['name_eng']}"):
        return "town"
    return "city" if population >= 100_000 else "town" if population else "village"


def _rows(path: Path):
    """The current records of one flattened WOF file."""
    with open(path, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            if not (row["deprecated"] or row["superseded_by"] or row["is_current"] == "0"):
                yield row


def _seats(rows: list[dict]) -> set[str]:
    """The ids of the localities named as their county (تل أبيض of "منطقة تل أبيض"): a
    district's seat, a town the news names wherever it lies, though WOF gives it no
    population."""
    heads = lexicon().heads
    counties: dict[str, set[str]] = {}
    for row in rows:
        if row["placetype"] == "county":
            for name in map(fold, filter(is_arabic, _names(row))):
                head, _, rest = name.partition(" ")
                counties.setdefault(row["wof_id"], set()).update(
                    (name, rest) if head in heads else (name,))
    return {row["wof_id"] for row in rows if row["placetype"] == "locality"
            and counties.get(row["county_id"], set()) & {fold(n) for n in _names(row)}}


def _place(row: dict, names: list[str], country: str, seat: bool = False) -> Place:
    return Place(
        id=f"wof:{row['wof_id']}",
        feature=_feature(row, seat),
        name_en=_english(row),
        name_ar=next(n for n in names if is_arabic(n)),
        names=tuple(names),
        lat=float(row["lat"]),
        lon=float(row["lon"]),
        radius_km=RADIUS_KM.get(row["placetype"], 2.0),
        admin1="",
        country=country,
        population=int(float(row["population"] or 0)),
        source=SOURCE,
    )


def read(sources: Path) -> tuple[list[Place], list[tuple[str, float, float, list[str]]]]:
    """Places, and (placetype, lat, lon, names) of the admin records for the build to merge."""
    places, admin_names = [], []
    for row in _rows(sources / FOLDER / "wof_iq_places.csv"):
        names = _names(row)
        arabic = [n for n in names if is_arabic(n)]
        if row["placetype"] in ("region", "county"):
            admin_names.append((row["placetype"], float(row["lat"]), float(row["lon"]), arabic))
        elif row["placetype"] != "country" and arabic:
            places.append(_place(row, names, "IQ"))
    return places, admin_names


def read_abroad(sources: Path) -> list[Place]:
    """The neighbours' settlements near Iraq (and their towns farther off)."""
    places = []
    for folder, placetypes in ABROAD.items():
        for path in sorted((sources / folder).glob("wof_*.csv")):
            country = re.match(r"wof_([a-z]{2})_", path.name).group(1).upper()
            rows = list(_rows(path))
            seats = _seats(rows)
            for row in rows:
                seat = row["wof_id"] in seats
                known = row["population"] or row["wd_id"] or seat
                if row["placetype"] not in placetypes or not (
                    known or float(row["dist_iraq_km"]) <= ABROAD_KM
                ):
                    continue
                names = _names(row)
                if any(is_arabic(n) for n in names):
                    places.append(_place(row, names, country, seat))
    return places
