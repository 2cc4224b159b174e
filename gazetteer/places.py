"""The place record, the kinds of place, and the gazetteer's table file."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, fields
from pathlib import Path

# How exactly a point stands for a mention, in the spirit of UCDP's where_prec:
# best first. Index + 1 is the UCDP-like code.
PRECISIONS = ("exact", "near", "district", "governorate", "region", "country", "beyond")

# Every kind of place the gazetteer holds -> (class, precision of a mention of it).
# The class says which head words fit it ("وادي" fits terrain, "محافظة" a governorate).
FEATURES: dict[str, tuple[str, str]] = {
    "continent": ("beyond", "beyond"),
    "country": ("country", "country"),
    "region": ("region", "region"),
    "governorate": ("governorate", "governorate"),
    "district": ("district", "district"),
    "subdistrict": ("subdistrict", "district"),
    "capital": ("settlement", "exact"),
    "city": ("settlement", "exact"),
    "town": ("settlement", "exact"),
    "village": ("settlement", "exact"),
    "neighbourhood": ("settlement", "exact"),
    "base": ("base", "exact"),
    "camp": ("settlement", "exact"),
    "ridge": ("terrain", "region"),
    "mountain": ("terrain", "near"),
    "peak": ("terrain", "exact"),
    "wadi": ("terrain", "near"),
    "desert": ("terrain", "region"),
    "lake": ("terrain", "near"),
    "river": ("terrain", "near"),
    "sea": ("terrain", "region"),
    "dam": ("terrain", "exact"),
    "plain": ("terrain", "region"),
    "area": ("terrain", "near"),
}


@dataclass(frozen=True, slots=True)
class Place:
    """One entry of the gazetteer.

    ``names`` holds every written form (Arabic, Kurdish, Latin); ``common_names`` the
    normalised Arabic forms that are also ordinary words and need evidence in a text.
    ``radius_km`` is the uncertainty of the point or the extent of the place;
    ``geometry`` says whether ``geometries.geojson`` holds its polygon or line.
    """

    id: str
    feature: str
    name_en: str
    name_ar: str
    names: tuple[str, ...]
    lat: float
    lon: float
    radius_km: float
    admin1: str
    country: str
    population: int
    source: str
    common_names: tuple[str, ...] = ()
    geometry: bool = False

    def __hash__(self) -> int:
        # The id alone (equal places have equal ids): hashing every field, names and
        # all, cost more than the rest of a lookup keyed by a place.
        return hash(self.id)

    @property
    def feature_class(self) -> str:
        return FEATURES[self.feature][0]

    @property
    def precision(self) -> str:
        """The precision of a mention resolved to this place."""
        feature_class, kind = FEATURES[self.feature]
        if feature_class == "terrain" and kind != "exact":
            return "near" if self.radius_km <= 25 else "region"
        return kind


COLUMNS = [f.name for f in fields(Place)]
_LISTS = {"names", "common_names"}


def write_places(path: Path, places: Iterable[Place]) -> None:
    """Write places as a tab-separated table, lists joined with ``|``."""
    with open(path, "w", encoding="utf-8", newline="") as f:
        out = csv.writer(f, delimiter="\t", lineterminator="\n")
        out.writerow(COLUMNS)
        for p in places:
            row = []
            for name in COLUMNS:
                value = getattr(p, name)
                if name in _LISTS:
                    value = "|".join(value)
                elif isinstance(value, bool):
                    value = int(value)
                elif isinstance(value, float):
                    value = f"{value:.5f}".rstrip("0").rstrip(".")
                row.append(value)
            out.writerow(row)


def read_places(path: Path) -> Iterator[Place]:
    """Read the table that :func:`write_places` wrote."""
    with open(path, encoding="utf-8", newline="") as f:
        rows = csv.reader(f, delimiter="\t")
        if next(rows) != COLUMNS:
            raise ValueError(
                f"{path}: unexpected columns; rebuild with `python -m gazetteer build`"
            )
        for (
            pid,
            feature,
            en,
            ar,
            names,
            lat,
            lon,
            radius,
            admin1,
            country,
            population,
            source,
            common,
            geometry,
        ) in rows:
            yield Place(
                pid,
                feature,
                en,
                ar,
                tuple(names.split("|")) if names else (),
                float(lat),
                float(lon),
                float(radius),
                admin1,
                country,
                int(population),
                source,
                tuple(common.split("|")) if common else (),
                geometry == "1",
            )
