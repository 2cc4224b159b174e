"""OCHA COD-AB Iraq boundaries: governorates, districts and sub-districts with polygons."""

from __future__ import annotations

import errno
import json
import math
import os
from pathlib import Path

from shapely.geometry import shape

from ..places import Place

FOLDER = "ocha-cod-ab-irq"
LEVELS = {1: "governorate", 2: "district", 3: "subdistrict"}
SOURCE = "OCHA COD-AB Iraq 2019 (CC BY-IGO)"


def radius_km(geom) -> float:
    """Radius of the circle with the same area as ``geom`` (degrees taken at its latitude)."""
    lat = geom.representative_point().y
    km2 = geom.area * 111.32**2 * math.cos(math.radians(lat))
    return round(math.sqrt(km2 / math.pi), 1)


def read(sources: Path) -> tuple[list[Place], dict[str, object]]:
    """The admin units as places, and their polygons by place id."""
    places, polygons = [], {}
    for level, feature in LEVELS.items():
        pattern = sources / FOLDER / f"irq_admbnda_adm{level}_*.geojson"
        path = next(pattern.parent.glob(pattern.name), None)
        if path is None:  # as open() says it, naming what was looked for
            raise FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT), str(pattern))
        for f in json.loads(path.read_text(encoding="utf-8"))["features"]:
            p = f["properties"]
            geom = shape(f["geometry"])
            point = geom.representative_point()
            pid = f"ocha:{p[f'ADM{level}_PCODE']}"
            admin1 = p["ADM1_EN"]
            places.append(
                Place(
                    id=pid,
                    feature=feature,
                    name_en=p[f"ADM{level}_EN"],
                    name_ar=p[f"ADM{level}_AR"],
                    names=(p[f"ADM{level}_AR"], p[f"ADM{level}_EN"]),
                    lat=point.y,
                    lon=point.x,
                    radius_km=radius_km(geom),
                    admin1=admin1,
                    country="IQ",
                    population=0,
                    source=SOURCE,
                    geometry=level < 3,
                )
            )
            polygons[pid] = geom
    return places, polygons
