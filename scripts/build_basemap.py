"""Build the map's background, dashboard/static/basemap.json, from the public source dumps.

    python scripts/build_basemap.py --sources DIR

DIR holds natural-earth-basemap/ and ocha-cod-ab-irq/ (each with its SOURCE.md; see
dashboard/static/README.md). The output is one GeoJSON FeatureCollection, one feature a
line, in drawing order: shapes carry their ``layer`` (:data:`LAYERS`), labels their
``layer``, ``name_en``, ``name_ar`` and the least zoom ``z`` they show at. Arabic and
English names of cities and governorates are the gazetteer's (gazetteer/data, built
before this), so that the background and the places on it are named alike. The build
is deterministic: the same sources give the same bytes (tests/test_basemap.py).
"""

# ruff: noqa: E402 (the imports follow the path set-up they need)
from __future__ import annotations

import argparse
import json
import math
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the checkout's packages, not an installed copy

import shapely
from geopy.distance import great_circle
from shapely import STRtree
from shapely.geometry import LineString, mapping, shape
from shapely.ops import linemerge, polylabel

from gazetteer import Gazetteer, fold
from gazetteer.build import rounded

OUT = ROOT / "dashboard" / "static" / "basemap.json"
NE = "natural-earth-basemap"
OCHA = "ocha-cod-ab-irq"
# Shapes, bottom to top. Simplified at this many degrees (Douglas-Peucker, shared edges
# simplified once so that neighbours keep one border), then snapped to a 0.001° grid
# (~100 m): finer than a pixel up to zoom 10, and three decimals a coordinate.
LAYERS = {
    "land": 0.01, "iraq": 0.01, "sea": 0.01, "lake": 0.005, "coast": 0.01,
    "province": 0.01, "governorate": 0.01, "minor_river": 0.01, "river": 0.005,
    "border": 0.005, "disputed": 0.005,
}
GRID = 0.001
DIGITS = 3
MAJOR_RIVER = 4  # Natural Earth scalerank: the Tigris, the Euphrates, Shatt al-Arab...
RIVER_LABEL_EVERY = 3.0  # degrees of a river's length between its labels
NEAR_KM = 30  # a Natural Earth city and the gazetteer's place of its name
# Latin transliterations of the Arabic article ("Ar Ramadi", "Al-Kut"): Natural Earth
# writes it where the gazetteer often does not.
ARTICLE = re.compile(r"^(a[lrnsdzt]h?|el)[\s'-]+", re.IGNORECASE)
# Arabic's own letters and a space (U+0621-U+064A): Persian and Kurdish letters lie after.
ARABIC_LETTERS = {" ", *map(chr, range(0x0621, 0x064B))}


NE_LAYERS = ("admin_0_countries", "admin_0_boundary_lines_land", "admin_1_states_provinces",
             "ocean", "coastline", "lakes", "rivers_lake_centerlines", "geography_marine_polys",
             "populated_places")


def read(sources: Path, folder: str, stem: str) -> list[dict]:
    """The features of the one GeoJSON file of ``folder`` whose name starts with ``stem``."""
    path = next((sources / folder).glob(f"{stem}*.geojson"), None)
    if path is None:
        raise FileNotFoundError(f"no {stem}*.geojson in {sources / folder}")
    return json.loads(path.read_text(encoding="utf-8"))["features"]


def shapes(ne: dict[str, list], governorates: list[dict]) -> dict[str, list]:
    """The shapes of every layer of :data:`LAYERS`, unsimplified, from Natural Earth's
    layers (``ne``: :data:`NE_LAYERS`) and OCHA's governorates."""
    countries = {f["properties"]["adm0_a3"]: shape(f["geometry"])
                 for f in ne["admin_0_countries"]}
    iraq = countries["IRQ"]
    # Provinces of the countries that border Iraq (Natural Earth); Iraq's governorates
    # from OCHA, whose limits Natural Earth draws differently.
    provinces = [f for f in ne["admin_1_states_provinces"]
                 if f["properties"]["adm0_a3"] != "IRQ"
                 and countries[f["properties"]["adm0_a3"]].intersects(iraq)]
    rivers = ne["rivers_lake_centerlines"]
    borders = [f for f in ne["admin_0_boundary_lines_land"]
               if f["properties"]["featurecla"] != "Overlay limit"]  # UN zones: no border
    return {
        "land": [shapely.union_all(list(countries.values()))],
        "iraq": [iraq],  # over the land, in a lighter tone
        "sea": [shape(f["geometry"]) for f in ne["ocean"]],
        "lake": [shape(f["geometry"]) for f in ne["lakes"]],
        "coast": [shape(f["geometry"]) for f in ne["coastline"]],
        "province": shared_edges([shape(f["geometry"]) for f in provinces],
                                 [f["properties"]["adm0_a3"] for f in provinces]),
        "governorate": shared_edges([shape(f["geometry"]) for f in governorates],
                                    ["IRQ"] * len(governorates)),
        "minor_river": [shape(f["geometry"]) for f in rivers
                        if f["properties"]["scalerank"] > MAJOR_RIVER],
        "river": [shape(f["geometry"]) for f in rivers
                  if f["properties"]["scalerank"] <= MAJOR_RIVER],
        "border": [shape(f["geometry"]) for f in borders
                   if f["properties"]["featurecla"].startswith("International")],
        "disputed": [shape(f["geometry"]) for f in borders
                     if not f["properties"]["featurecla"].startswith("International")],
    }


def shared_edges(polygons: list, groups: list[str]) -> list[LineString]:
    """The borders between polygons of one group, each drawn once: the lines two
    neighbours' outlines share (the group's outer border is drawn by another layer)."""
    near = STRtree(polygons).query(polygons)  # pairs of polygons whose boxes meet
    edges = []
    for i, j in sorted((int(i), int(j)) for i, j in near.T if i < j):
        if groups[i] == groups[j]:
            common = polygons[i].boundary.intersection(polygons[j].boundary)
            lines = [g for g in shapely.get_parts(common) if g.length > 0]
            if lines:
                edges += list(shapely.get_parts(linemerge(lines)))
    return edges


def layer_shape(layer: str, geometries: list):
    """A layer's shapes as one multi-part shape, each simplified at the layer's tolerance
    (a shared edge once, so neighbours keep one border) and snapped to the grid; specks
    that vanish are left out."""
    parts = [part for g in geometries
             for part in shapely.get_parts(shapely.set_precision(
                 g.simplify(LAYERS[layer], preserve_topology=True), GRID))
             if not part.is_empty]
    if parts[0].geom_type == "Polygon":
        return shapely.multipolygons(parts)
    return shapely.multilinestrings(parts)


def labels(ne: dict[str, list], governorates: list[dict], gaz) -> list[dict]:
    """Label points, the more important first (of labels that would overlap, the map
    shows the first): countries and seas (the larger first), cities (the more populous
    first), governorates, lakes (the larger first) and rivers."""
    found = [label("country", inside(f), f["properties"]["name"], f["properties"]["name_ar"], 5)
             for f in largest_first(ne["admin_0_countries"])]
    for f in largest_first(ne["geography_marine_polys"]):
        p = f["properties"]
        found.append(label("sea", inside(f), p["name_en"], p["name_ar"],
                           5 if p["scalerank"] <= 1 else 7))
    found += city_labels(ne["populated_places"], gaz)
    for f in governorates:
        place = gaz[f"ocha:{f['properties']['ADM1_PCODE']}"]
        found.append(label("governorate", inside(f), place.name_en, arabic(place), 8))
    for f in largest_first(ne["lakes"]):
        p = f["properties"]
        found.append(label("water", inside(f), p["name"], p["name_ar"],
                           7 if p["scalerank"] <= 4 else 8))
    found += river_labels(ne["rivers_lake_centerlines"])
    return found


def river_labels(rivers: list[dict]) -> list[dict]:
    """A river's name every few degrees along it (its pieces joined by English name)."""
    parts: dict[tuple[str, str], list] = {}
    rank: dict[tuple[str, str], int] = {}
    for f in rivers:
        p = f["properties"]
        if p["name_en"] and p["name_ar"]:
            name = (p["name_en"], p["name_ar"])
            parts.setdefault(name, []).extend(shapely.get_parts(shape(f["geometry"])))
            rank[name] = min(rank.get(name, p["scalerank"]), p["scalerank"])
    found = []
    for (en, ar), lines in sorted(parts.items()):
        for line in shapely.get_parts(linemerge(lines)):
            count = int(line.length // RIVER_LABEL_EVERY)
            found += [label("water", line.interpolate((k + 0.5) * line.length / count),
                            en, ar, 7 if rank[en, ar] <= MAJOR_RIVER else 8)
                      for k in range(count)]
    return found


def city_labels(places: list[dict], gaz) -> list[dict]:
    """Natural Earth's cities that have an Arabic name (its own, else the gazetteer's
    place of that name nearby), shown from Natural Earth's zoom for them."""
    index: dict[str, list] = {}
    for place in gaz:
        if place.feature_class == "settlement":
            for name in place.names:
                index.setdefault(latin_key(name), []).append(place)
    found = []
    for f in sorted(places, key=lambda f: -f["properties"]["pop_max"]):
        p = f["properties"]
        lon, lat = f["geometry"]["coordinates"]
        names = [p["name"], p["nameascii"], p["name_en"], *(p["namealt"] or "").split("|")]
        near = [q for n in names if n for q in index.get(latin_key(n), ())
                if great_circle((lat, lon), (q.lat, q.lon)).km < NEAR_KM]
        match = max(near, key=lambda q: (q.population, q.id), default=None)
        ar = p["name_ar"] or (match and arabic(match))
        if ar:
            # The gazetteer's English name as the dashboard shows it, unless it is
            # transliterated with marks (Ardabīl): Natural Earth's then.
            en = p["name_en"] or (match.name_en if match and match.name_en.isascii()
                                  else p["name"])
            found.append(label("city", shapely.Point(lon, lat), en, ar,
                               math.ceil(p["min_zoom"])))
    return found


def arabic(place) -> str:
    """A place's Arabic name as a label: of its spellings that fold alike and are
    written in Arabic's own letters (not Persian or Kurdish ones: ک ی ھ ۆ), the one
    written most fully (ة, أ, ى kept)."""
    same = [n for n in (place.name_ar, *place.names)
            if fold(n) == fold(place.name_ar) and all(c in ARABIC_LETTERS for c in bare(n))]
    return bare(max(same, key=lambda n: (sum(fold(c) != c for c in n), -same.index(n)),
                    default=place.name_ar))


def latin_key(name: str) -> str:
    """A Latin name compared loosely: no article, accents, case or punctuation."""
    name = unicodedata.normalize("NFKD", ARTICLE.sub("", name))
    return "".join(c for c in name.casefold() if c.isalnum())


def bare(name: str) -> str:
    """An Arabic name without its diacritics (the letters with hamza or madda kept)."""
    return "".join(c for c in unicodedata.normalize("NFC", name)
                   if not unicodedata.combining(c)).strip()


def largest_first(features: list[dict]) -> list[dict]:
    return sorted(features, key=lambda f: -shape(f["geometry"]).area)


def inside(feature: dict) -> shapely.Point:
    """Where an area's label goes: the inside point farthest from its edges, on its
    largest part."""
    geometry = shape(feature["geometry"])
    largest = max(shapely.get_parts(geometry), key=lambda g: g.area)
    return polylabel(largest, tolerance=0.01)


def label(layer: str, point, name_en: str, name_ar: str, zoom: int) -> dict:
    return {"type": "Feature", "geometry": mapping(shapely.set_precision(point, GRID)),
            "properties": {"layer": layer, "name_en": name_en, "name_ar": bare(name_ar),
                           "z": zoom}}


def build(sources: Path, out: Path = OUT) -> Counter:
    """Write the basemap of ``sources`` to ``out``; the number of labels of each kind."""
    ne = {stem: read(sources, NE, f"ne_10m_{stem}") for stem in NE_LAYERS}
    governorates = read(sources, OCHA, "irq_admbnda_adm1")
    features = [{"type": "Feature", "geometry": mapping(layer_shape(layer, geometries)),
                 "properties": {"layer": layer}}
                for layer, geometries in shapes(ne, governorates).items()]
    named = labels(ne, governorates, Gazetteer.load())
    lines = [json.dumps(rounded(f, DIGITS), ensure_ascii=False, separators=(",", ":"))
             for f in features + named]
    out.write_text('{"type":"FeatureCollection","features":[\n' + ",\n".join(lines)
                   + "\n]}\n", encoding="utf-8")
    return Counter(f["properties"]["layer"] for f in named)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sources", required=True, type=Path,
                        help="folder holding natural-earth-basemap/ and ocha-cod-ab-irq/")
    parser.add_argument("--out", type=Path, default=OUT, help=f"default: {OUT.relative_to(ROOT)}")
    args = parser.parse_args(argv)
    named = build(args.sources, args.out)
    print(f"{len(LAYERS)} layers of shapes and {named.total()} labels "
          f"({', '.join(f'{n} {kind}' for kind, n in named.items())}) written to {args.out}: "
          f"{args.out.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
