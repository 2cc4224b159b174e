"""Terrain: the curated Iraq terrain table, Natural Earth shapes, and our own curated rows.

``data/curated.csv`` (hand-written for this project) adds places no source has
(continents, lakes with their Arabic names, rivers) and says which shape draws a place:
``ne:NAME+NAME`` Natural Earth features, ``ocha:P1+P2`` a union of admin polygons,
``ocha:P&ne:NAME`` an intersection, ``line:FILE`` a line in the terrain folder,
``own:ID`` a line of ``data/rivers.geojson`` (river courses drawn for this project). A
row with no kind of place amends a place of another source (a shape, more names).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Mapping
from pathlib import Path

from shapely.geometry import shape
from shapely.ops import unary_union

from ..places import Place
from .admin import radius_km

FOLDER = "iraq-terrain-curated"
NE_FOLDER = "natural-earth-iraq"
NE_BASEMAP = "natural-earth-basemap"
NE_WATER = ("ne_10m_rivers_lake_centerlines_iraq_box.geojson",
            "ne_10m_geography_marine_polys_iraq_box.geojson")
OWN_LINES = Path(__file__).parent.parent / "data" / "rivers.geojson"
SOURCE = "Curated Iraq terrain table (this project; see ATTRIBUTION.md)"
CURATED_SOURCE = "Curated rows of this project (data/curated.csv)"
LOCAL_SOURCE = "Curated local places of this project (data/local_places.csv)"
FEATURES = {"locality": "town", "city": "city", "town": "town"}


def _place(row: dict, **fields) -> Place:
    """A place of one of our hand-written tables: its names as the row gives them."""
    names = [row["name_ar"], *row["alt_names"].split("|"), row["name_en"]]
    return Place(name_en=row["name_en"], name_ar=row["name_ar"],
                 names=tuple(dict.fromkeys(n for n in names if n)), admin1="", **fields)


def read(sources: Path) -> list[Place]:
    """The curated terrain rows that are lookup entries (evidence rows are skipped)."""
    with open(sources / FOLDER / "iraq_terrain_features.csv", encoding="utf-8") as f:
        return [
            _place(
                row,
                id=f"terrain:{row['id']}",
                feature=FEATURES.get(row["feature_type"], row["feature_type"]),
                lat=float(row["lat"]),
                lon=float(row["lon"]),
                radius_km=float(row["uncertainty_km"]),
                country="IQ",
                population=0,
                source=SOURCE,
            )
            for row in csv.DictReader(f)
            if row["name_ar"]
        ]


def natural_earth(sources: Path) -> dict[str, object]:
    """Natural Earth region, lake, river and sea shapes by their English name (the parts
    of one name joined: a river's reaches and its lake centrelines)."""
    parts: dict[str, list] = {}
    water = [sources / NE_BASEMAP / name for name in NE_WATER]
    for path in [*sorted((sources / NE_FOLDER).glob("*.geojson")), *water]:
        for f in json.loads(path.read_text(encoding="utf-8"))["features"]:
            if f["properties"].get("name") and f["geometry"]["type"] != "Point":
                parts.setdefault(f["properties"]["name"], []).append(shape(f["geometry"]))
    return {name: unary_union(shapes) for name, shapes in parts.items()}


def _shape(spec: str, sources: Path, admin: Mapping, ne: Mapping):
    if "&" in spec:
        first, *rest = (_shape(s, sources, admin, ne) for s in spec.split("&"))
        for other in rest:
            first = first.intersection(other)
        return first
    kind, _, value = spec.partition(":")
    if kind == "ne":
        return unary_union([ne[name] for name in value.split("+")])
    if kind == "ocha":
        return unary_union([admin[f"ocha:{code}"] for code in value.split("+")])
    if kind == "line":
        collection = json.loads((sources / FOLDER / value).read_text(encoding="utf-8"))
        return shape(collection["features"][0]["geometry"])
    if kind == "own":
        collection = json.loads(OWN_LINES.read_text(encoding="utf-8"))
        return shape(next(f for f in collection["features"] if f["id"] == value)["geometry"])
    raise ValueError(f"curated.csv: unknown geometry {spec!r}")


def curated(
    path: Path, sources: Path, admin: Mapping, ne: Mapping
) -> tuple[list[Place], dict[str, object], dict[str, tuple[str, ...]], dict[str, str]]:
    """Our own places, the shapes of every place curated.csv draws, the names it adds to
    places of other sources (rows with no kind of place) and the English names it puts
    right there (OCHA's "Beygee" is Baiji)."""
    places, shapes, extra_names, english = [], {}, {}, {}
    with open(path, encoding="utf-8") as f:
        for row in csv.DictReader(f):
            geom = _shape(row["geometry"], sources, admin, ne) if row["geometry"] else None
            if geom is not None:
                shapes[row["id"]] = geom
            if not row["feature"]:
                if row["alt_names"]:
                    extra_names[row["id"]] = tuple(row["alt_names"].split("|"))
                if row["name_en"]:
                    english[row["id"]] = row["name_en"]
                continue
            point = geom.representative_point() if geom is not None else None
            places.append(
                _place(
                    row,
                    id=row["id"],
                    feature=row["feature"],
                    lat=float(row["lat"]) if row["lat"] else point.y,
                    lon=float(row["lon"]) if row["lon"] else point.x,
                    radius_km=float(row["radius_km"]) if row["radius_km"] else radius_km(geom),
                    country=row["country"],
                    population=int(row["population"] or 0),
                    source=CURATED_SOURCE,
                )
            )
    return places, shapes, extra_names, english


def local(path: Path) -> list[Place]:
    """Neighbourhoods, bases and airports of ``data/local_places.csv``: each row a point
    with the radius that says how approximate it is, and where the point comes from."""
    with open(path, encoding="utf-8") as f:
        return [
            _place(
                row,
                id=row["id"],
                feature=row["feature"],
                lat=float(row["lat"]),
                lon=float(row["lon"]),
                radius_km=float(row["radius_km"]),
                country="IQ",
                population=0,
                source=f"{LOCAL_SOURCE}: {row['source']}",
            )
            for row in csv.DictReader(f)
        ]
