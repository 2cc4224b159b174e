"""Rows of a store as files to download: any query, written a chunk at a time, capped.

``csv_bytes(store, sql, params)`` and ``geojson_bytes(store, sql, params)`` write the
rows of one query of a :class:`~dashboard.store.Store` (the mentions in view,
:meth:`dashboard.view.View.rows_query`), a few thousand rows at a time off a DuckDB
cursor (:data:`CHUNK_VECTORS`): memory holds the file and one chunk, never the whole
table three times over (frame, text, bytes). The incidents go out the same way from a
frame (``source=`` a frame instead of a query) in the fields ACLED's users know
(:func:`acled`). A file stops before the rows that would
take it past the host's cap (``IRAQMAP_MAX_EXPORT_MB``, :func:`byte_cap`): its last line
says so, with the rows it holds of how many, and so does the page on its next run
(:func:`cut_notes`).

Article text is untrusted. A spreadsheet runs a cell that starts with ``=``, ``+``, ``-``
or ``@`` as a formula (``=HYPERLINK(...)`` in a crawled title would be a live link once
the CSV is opened), and it reads past what comes before: invisible marks (RLM, RLO...),
white space, and the full-width and small forms of those signs (``＝``, ``﹦``) count as
them. The CSV therefore puts a ``'`` before every text cell whose first visible
character, in NFKC form, is one of them, as OWASP advises against CSV injection;
spreadsheets show the text as written and hide the quote. Number columns (lat, lon,
offsets, confidence) are left alone, negative longitudes included. GeoJSON is opened by
web maps that show properties as HTML (geojson.io, uMap, Leaflet's popups): its text is
HTML-escaped, and a URL is kept only when it is http(s).
"""

from __future__ import annotations

import io
import json
import unicodedata
from collections.abc import Callable, Iterator, MutableMapping

import pandas as pd

from dashboard.escape import esc, is_web
from dashboard.incidents import TYPES, actor_label
from dashboard.settings import positive_int
from dashboard.store import Store

CHUNK_VECTORS = 1  # rows fetched at a time, in DuckDB's vectors of 2,048
MAX_EXPORT_MB = 100
FORMULA_STARTS = ("=", "+", "-", "@")
# What a spreadsheet skips before a formula: controls, invisible marks and white space.
INVISIBLE = ("Cc", "Cf", "Zs", "Zl", "Zp")
BOM = "\ufeff".encode()
CUT = "cut"  # the key of a file's note in the notes the page shows (cut_notes)
# ACLED's precision codes for ours (its codebook: 1 exact, 2 near or within a district,
# 3 a wider region; 1 the day, 2 the week, 3 the month or longer).
GEO_PRECISION = {"exact": 1, "near": 2, "district": 2, "governorate": 3, "region": 3,
                 "country": 3, "beyond": 3}
TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}


def byte_cap() -> int:
    """The largest file an export may make: ``IRAQMAP_MAX_EXPORT_MB`` (a host setting)."""
    return positive_int("IRAQMAP_MAX_EXPORT_MB", MAX_EXPORT_MB) * 1_000_000


def csv_bytes(store: Store | pd.DataFrame, sql: str = "", params: list | tuple = (), *,
              cap: int | None = None, notes: MutableMapping[str, str] | None = None) -> bytes:
    """The rows of ``sql`` as CSV in UTF-8 with a byte order mark (so that spreadsheet
    programs read the Arabic right), text that would start a formula defused (see
    above), at most ``cap`` bytes (default :func:`byte_cap`); ``notes`` receives what
    was cut, under the file's name "csv"."""
    def chunk(frame: pd.DataFrame, first: bool) -> bytes:
        text = frame.assign(**{c: frame[c].map(_defused) for c in _texts(frame)}).to_csv(
            index=False, header=first, lineterminator="\r\n")
        return text.encode("utf-8")

    def end(note: str | None) -> bytes:
        # CRLF rows (RFC 4180): the csv writer then also quotes a cell holding a bare
        # "\r", which it leaves unquoted under "\n" rows, and readers would break there.
        return pd.DataFrame([[f"{CUT}: {note}"]]).to_csv(
            index=False, header=False, lineterminator="\r\n").encode() if note else b""

    return _written(store, sql, params, cap, BOM, chunk, end, "csv", notes)


def geojson_bytes(store: Store | pd.DataFrame, sql: str = "", params: list | tuple = (), *,
                  cap: int | None = None, notes: MutableMapping[str, str] | None = None
                  ) -> bytes:
    """The rows of ``sql`` as a GeoJSON FeatureCollection: one Point feature per row with
    ``lat`` and ``lon`` (``geometry`` null when they are), every other column a property,
    text HTML-escaped and URLs http(s) only (see above); at most ``cap`` bytes, a cut
    file saying so in its member ``cut``."""
    def chunk(frame: pd.DataFrame, first: bool) -> bytes:
        located = {"lat", "lon"} <= set(frame.columns)
        properties = frame.drop(columns=["lat", "lon"]) if located else frame
        if "url" in properties:
            properties = properties.assign(url=properties["url"].map(
                lambda url: url if is_web(url) else ""))
        properties = properties.assign(**{c: properties[c].map(_escaped)
                                          for c in _texts(properties)})
        records = json.loads(properties.to_json(orient="records", force_ascii=False))
        features = [{"type": "Feature", "geometry": _point(row) if located else None,
                     "properties": props}
                    for row, props in zip(frame.itertuples(), records, strict=True)]
        text = json.dumps(features, ensure_ascii=False)[1:-1]
        return (text if first else "," + text).encode("utf-8")

    def end(note: str | None) -> bytes:
        cut = f', "{CUT}": {json.dumps(note, ensure_ascii=False)}' if note else ""
        return f"]{cut}}}".encode()

    start = b'{"type": "FeatureCollection", "features": ['
    return _written(store, sql, params, cap, start, chunk, end, "geojson", notes)


def cut_notes(notes: MutableMapping[str, str]) -> list[str]:
    """The notes of the files cut since the last call (and forgets them)."""
    said = [f"The last {name.upper()} export stopped early: {note}"
            for name, note in notes.items()]
    notes.clear()
    return said


def _written(store: Store | pd.DataFrame, sql: str, params: list | tuple, cap: int | None,
             start: bytes,
             chunk: Callable[[pd.DataFrame, bool], bytes], end: Callable[[str | None], bytes],
             name: str, notes: MutableMapping[str, str] | None) -> bytes:
    """``start``, the chunks of the rows (``chunk(frame, first)``) while the file stays
    within ``cap`` (room kept for the note), then ``end`` with the note when the rows did
    not all fit: of the chunk that passes the cap, the first half, quarter... that fits."""
    cap = cap or byte_cap()
    room = cap - len(end("x" * 500))
    out, rows, note = io.BytesIO(), 0, None
    out.write(start)
    for frame in _frames(store, sql, params):
        data = chunk(frame, rows == 0)
        if out.tell() + len(data) > room:
            while len(frame) and out.tell() + len(data) > room:
                frame = frame.iloc[:len(frame) // 2]
                data = chunk(frame, rows == 0) if len(frame) else b""
            out.write(data)
            rows += len(frame)
            total = (len(store) if isinstance(store, pd.DataFrame)
                     else store.value(f"SELECT count(*) FROM ({sql})", params))
            note = (f"the file holds the first {rows:,} rows of {total:,}: exports stop "
                    f"at {cap / 1e6:g} MB (the host's IRAQMAP_MAX_EXPORT_MB); narrow the "
                    "filters for the rest")
            if notes is not None:
                notes[name] = note
            break
        out.write(data)
        rows += len(frame)
    out.write(end(note))
    return out.getvalue()


def _frames(store: Store | pd.DataFrame, sql: str, params: list | tuple
            ) -> Iterator[pd.DataFrame]:
    """The rows of ``sql`` in frames of :data:`CHUNK_VECTORS` of DuckDB's vectors (2,048
    rows each), on a cursor of their own; or those of a frame, as many at a time."""
    if isinstance(store, pd.DataFrame):
        step = CHUNK_VECTORS * 2048
        yield from (store.iloc[i:i + step] for i in range(0, max(len(store), 1), step))
        return
    with store.db.cursor() as cursor:
        cursor.execute(sql, params)
        yield cursor.fetch_df_chunk(CHUNK_VECTORS)  # even when empty: it names the columns
        while len(frame := cursor.fetch_df_chunk(CHUNK_VECTORS)):
            yield frame


def _texts(frame: pd.DataFrame) -> list[str]:
    return [c for c in frame.columns if not pd.api.types.is_numeric_dtype(frame[c])]


def _defused(value: object) -> object:
    """A text cell a spreadsheet would run as a formula, with ``'`` before it."""
    if not isinstance(value, str):
        return value
    visible = next((c for c in value if unicodedata.category(c) not in INVISIBLE), "")
    if unicodedata.normalize("NFKC", visible).startswith(FORMULA_STARTS) or (
            value.startswith(("\t", "\r"))):
        return "'" + value
    return value


def acled_geojson(incidents: pd.DataFrame) -> pd.DataFrame:
    """:func:`acled`, its point as :func:`geojson_bytes` takes it (``lat``, ``lon``)."""
    return acled(incidents).rename(columns={"latitude": "lat", "longitude": "lon"})


def acled(incidents: pd.DataFrame) -> pd.DataFrame:
    """Incidents (:meth:`dashboard.view.View.incidents`) in ACLED's fields where it has
    one: ``event_date``, ``time_precision`` and ``geo_precision`` in its codes (1 the
    day or the town, 2 near or in a district, 3 a month or a wider area),
    ``event_type`` and ``sub_event_type`` (our ``type`` beside them), two sides as
    ``actor1``/``actor2`` (the text says who was involved, not who began), ``admin1``,
    ``location``, ``latitude``/``longitude``, ``fatalities`` (the lowest figure the
    reports give, as ACLED counts; ``fatalities_high`` the highest), ``source`` (the
    outlets), ``source_count``, and ``notes`` (the excerpt of the most precise
    report)."""
    types = [TYPES.get(t) for t in incidents["type"]]
    sides = [[actor_label(a, "en") for a in actors] for actors in incidents["actors"]]
    return pd.DataFrame({
        "event_id": incidents["incident_id"],
        "event_date": incidents["date"],
        "time_precision": incidents["date_precision"].map(TIME_PRECISION).astype("Int64"),
        "event_type": [t.acled_event_type if t else "" for t in types],
        "sub_event_type": [t.acled_sub_event_type if t else "" for t in types],
        "type": incidents["type"],
        "actor1": [s[0] if s else "" for s in sides],
        "actor2": [s[1] if len(s) > 1 else "" for s in sides],
        "actors": ["; ".join(s) for s in sides],
        "country": incidents["country"], "admin1": incidents["admin1"],
        "location": incidents["place_name"],
        "latitude": incidents["lat"], "longitude": incidents["lon"],
        "geo_precision": incidents["geo_precision"].map(GEO_PRECISION).astype("Int64"),
        "radius_km": incidents["radius_km"],
        "fatalities": incidents["killed_min"].fillna(0).astype("int64"),
        "fatalities_high": incidents["killed_max"],
        "wounded": incidents["wounded_min"], "wounded_high": incidents["wounded_max"],
        "source": incidents["sources"], "source_count": incidents["source_count"],
        "reports": incidents["reports"], "notes": incidents["excerpt"],
    })


def _escaped(value: object) -> object:
    return esc(value) if isinstance(value, str) else value


def _point(row) -> dict | None:
    lat, lon = row.lat, row.lon
    return None if pd.isna(lat) or pd.isna(lon) else {"type": "Point",
                                                        "coordinates": [lon, lat]}
