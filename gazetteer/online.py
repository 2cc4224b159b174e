"""An opt-in online fallback: OpenStreetMap's Nominatim, through geopy, for a place the
text marks ("قرية X") but the gazetteer lacks and the text does not locate.

Off unless asked for (``python -m gazetteer extract --online``); nothing else needs it.
Every answer, found or not, is kept in a JSON file (its user's only: 0600, in a folder
that no one else owns or may write in), so a name is asked for once and a later run
works offline. Nominatim's usage policy allows one request a second.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from .normalize import fold
from .private import private_file, private_folder

USER_AGENT = "iraq-security-map (offline Arabic geoparser; opt-in fallback)"


class NominatimFallback:
    """Points for unknown Iraqi place names, from Nominatim, cached in ``cache_path``.

    ``geocode`` is geopy's rate-limited ``Nominatim.geocode`` unless another callable of
    the same shape is given (another geopy geocoder, say).
    """

    def __init__(self, cache_path: Path, geocode: Callable | None = None):
        self.cache_path = Path(cache_path)
        private_folder(self.cache_path.parent)  # its answers are read back as places
        self.cache: dict[str, list | None] = (
            json.loads(self.cache_path.read_text(encoding="utf-8"))
            if self.cache_path.exists() else {})
        self._geocode = geocode

    def _ask(self, name: str):
        if self._geocode is None:
            from geopy.extra.rate_limiter import RateLimiter
            from geopy.geocoders import Nominatim

            self._geocode = RateLimiter(Nominatim(user_agent=USER_AGENT).geocode,
                                        min_delay_seconds=1)
        return self._geocode(name, country_codes="iq", language="ar")

    def locate(self, name: str) -> tuple[float, float] | None:
        """(lat, lon) of ``name`` in Iraq, or None when Nominatim does not know it."""
        key = fold(name)
        if key not in self.cache:
            found = self._ask(name)
            self.cache[key] = [found.latitude, found.longitude] if found else None
            private_file(self.cache_path, json.dumps(self.cache, ensure_ascii=False, indent=0))
        point = self.cache[key]
        return (point[0], point[1]) if point else None
