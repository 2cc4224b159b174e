"""What a host sets: one name, read from Streamlit's secrets, else from the environment.

A setting ``IRAQMAP_X`` is ``st.secrets["IRAQMAP_X"]`` (a top-level key of
``.streamlit/secrets.toml``, or of the secrets box in Community Cloud's app settings) when
the secrets hold it, else the environment variable ``IRAQMAP_X``; an empty value is no
value. Everything a host may set is read here:

- ``IRAQMAP_PASSWORD``: the password the page asks for first (:mod:`.access`); none by
  default, and the page is open;
- ``IRAQMAP_CORPUS``, ``IRAQMAP_DATASET``: the server's corpus
  (:mod:`.data`);
- what a visitor may upload at once (:func:`dashboard.data.upload_limits`), each a
  positive whole number: ``IRAQMAP_MAX_UPLOAD_MB`` (per file, default 20; keep
  ``server.maxUploadSize`` of ``.streamlit/config.toml`` to it), ``IRAQMAP_MAX_FILES``
  (files per upload, default 200), ``IRAQMAP_MAX_TEXT_CHARS`` (a longer document is cut
  there, default 1,000,000) and ``IRAQMAP_MAX_MENTIONS`` (the mentions kept of an upload,
  default 100,000);
- how uploads are read (:mod:`dashboard.reader`): ``IRAQMAP_UPLOAD_SECONDS`` (the time
  an upload may take, default 120) and ``IRAQMAP_UPLOAD_READERS`` (the processes reading
  uploads, for every session, default 1);
- ``IRAQMAP_MAX_EXPORT_MB``: the largest file a download makes (default 100;
  :func:`dashboard.export.byte_cap`);
- ``IRAQMAP_TILES``: the raster tiles drawn over the map's own background
  (:func:`tiles`): OpenStreetMap's by default, a URL template of the team's own tile
  server (``https://tiles.example.org/{z}/{x}/{y}.png``, credited by
  ``IRAQMAP_TILES_ATTRIBUTION``), or ``none``.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

import streamlit as st

NO_TILES = "none"
# A tile URL template: on the web or on the page's own server, with the tile's place.
TILE_URL = re.compile(r"(https?://|/)\S*")
TILE_PLACE = ("{z}", "{x}", "{y}")


@dataclass(frozen=True)
class Tiles:
    """Raster tiles: folium's name for them or a Leaflet URL template, and their credit
    (HTML; None for folium's own credit of the tiles it names)."""

    url: str
    attribution: str | None = None


OPENSTREETMAP = Tiles("OpenStreetMap")


def setting(name: str) -> str | None:
    """The host's value of ``name`` (see the module's docstring), None when unset."""
    # load_if_toml_exists() says quietly whether there are secrets; st.secrets[...] would
    # raise with no secrets file. st.secrets is looked up on each call: AppTest swaps it.
    if st.secrets.load_if_toml_exists() and name in st.secrets:
        value = st.secrets[name]
    else:
        value = os.environ.get(name)
    return None if value is None or value == "" else str(value)


def positive_int(name: str, default: int) -> int:
    """The host's setting ``name`` as a positive whole number, ``default`` when unset;
    anything else stops the page (:func:`refuse`)."""
    value = setting(name)
    if value is None:
        return default
    if value.strip().isdecimal() and int(value) > 0:
        return int(value)
    refuse(name, value, "a positive whole number")


def tiles() -> Tiles | None:
    """The raster tiles of ``IRAQMAP_TILES`` (OpenStreetMap's when unset), None for
    ``none``. A URL template needs ``IRAQMAP_TILES_ATTRIBUTION``: tiles' licences ask
    for their credit on the map."""
    url = setting("IRAQMAP_TILES")
    if url is None:
        return OPENSTREETMAP
    if url.strip().lower() == NO_TILES:
        return None
    if not TILE_URL.fullmatch(url) or not all(part in url for part in TILE_PLACE):
        refuse("IRAQMAP_TILES", url, "a URL template with {z}, {x} and {y} "
               "(https://tiles.example.org/{z}/{x}/{y}.png) or none")
    attribution = setting("IRAQMAP_TILES_ATTRIBUTION")
    if attribution is None:
        refuse("IRAQMAP_TILES_ATTRIBUTION", None, f"the credit of the tiles of {url}")
    return Tiles(url, attribution)


def refuse(name: str, value: str | None, wanted: str):
    """Stop the page with an error naming the setting and what it must be (visitors
    would only see an exception's type: .streamlit/config.toml hides the details)."""
    given = f"not {value!r}" if value is not None else "and it is not set"
    st.error(f"The host setting {name} must be {wanted}, {given}.")
    st.stop()
