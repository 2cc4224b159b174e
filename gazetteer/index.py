"""The loaded gazetteer: places by id and by every normalised name, shapes on demand."""

from __future__ import annotations

import gc
import json
from collections import Counter
from collections.abc import Iterator, Sequence
from functools import cached_property, lru_cache
from pathlib import Path

from .language import DATA_DIR
from .normalize import fold, is_arabic
from .places import Place, read_places


class Gazetteer:
    """Places of ``data/places.tsv`` with a name index.

    >>> gaz = Gazetteer.load()
    >>> gaz.lookup("كركوك")[0].feature
    'governorate'
    """

    def __init__(self, places: Sequence[Place], data_dir: Path = DATA_DIR):
        self.places = tuple(places)
        self.data_dir = data_dir
        self.by_id = {p.id: p for p in self.places}
        by_name: dict[str, list[Place]] = {}
        for p in self.places:
            for name in {fold(n) if is_arabic(n) else n.casefold() for n in p.names}:
                by_name.setdefault(name, []).append(p)
        self.by_name = {name: tuple(ps) for name, ps in by_name.items()}

    @classmethod
    def load(cls, data_dir: Path = DATA_DIR) -> Gazetteer:
        """The gazetteer of the files of ``data_dir`` (the package's own by default): read
        once per process and shared by every caller (it never changes), read again when
        its files do."""
        stat = (Path(data_dir) / "places.tsv").stat()
        return _loaded(cls, Path(data_dir), stat.st_mtime_ns, stat.st_size)

    def __len__(self) -> int:
        return len(self.places)

    def __iter__(self) -> Iterator[Place]:
        return iter(self.places)

    def __getitem__(self, place_id: str) -> Place:
        return self.by_id[place_id]

    def get(self, place_id: str) -> Place | None:
        return self.by_id.get(place_id)

    @cached_property
    def _shared_english(self) -> frozenset[str]:
        english = Counter(p.name_en for p in self.places)
        return frozenset(name for name, n in english.items() if n > 1)

    def label(self, place: Place) -> str:
        """The name to show: with its kind where another place bears the same English
        name ("Kirkuk (governorate)", "Kirkuk (city)")."""
        if place.name_en in self._shared_english:
            return f"{place.name_en} ({place.feature})"
        return place.name_en

    def arabic_names(self) -> list[str]:
        """Every normalised Arabic-script name, for the matcher."""
        return [name for name in self.by_name if is_arabic(name)]

    def lookup(self, name: str) -> list[Place]:
        """Places called ``name`` (any spelling, Arabic or Latin), most likely first."""
        from .resolve import prior  # resolution ranks; the index only finds

        key = fold(name) if is_arabic(name) else name.strip().casefold()
        return sorted(self.by_name.get(key, ()), key=prior, reverse=True)

    @cached_property
    def _shapes(self) -> dict[str, dict]:
        with open(self.data_dir / "geometries.geojson", encoding="utf-8") as f:
            return {feat["id"]: feat["geometry"] for feat in json.load(f)["features"]}

    def geometry(self, place_id: str) -> dict | None:
        """The GeoJSON polygon or line that draws a place, if it has one."""
        return self._shapes.get(place_id)

    @cached_property
    def _governorates(self):
        from shapely import STRtree
        from shapely.geometry import shape

        govs = [p for p in self.places if p.feature == "governorate" and p.geometry]
        return govs, STRtree([shape(self._shapes[p.id]) for p in govs])

    def governorate_at(self, lat: float, lon: float) -> Place | None:
        """The Iraqi governorate whose polygon holds the point, if any."""
        from shapely.geometry import Point

        govs, tree = self._governorates
        hits = tree.query(Point(lon, lat), predicate="intersects")
        return govs[int(hits[0])] if len(hits) else None


@lru_cache(maxsize=2)
def _loaded(cls: type[Gazetteer], data_dir: Path, *stamp: int) -> Gazetteer:
    gazetteer = cls(list(read_places(data_dir / "places.tsv")), data_dir)
    # Kept for the process's life, and out of the cyclic collector's sight, which walked
    # its hundreds of thousands of objects at every full collection: a sixth of what a
    # parse cost. (It holds no cycles: reference counts still free it.)
    gc.freeze()
    return gazetteer
