"""A corpus's tables in DuckDB: where every filter, count and page of excerpts is queried.

One :class:`Store` per corpus: the server's is made once and shared by every session
(``st.cache_resource``), each query on a cursor of its own, so that sessions query it at
the same time and memory does not grow with them. A dataset written by ``python -m
gazetteer ingest`` is queried where it lies (its Parquet parts); tables in memory (an
upload, a small folder) are copied in once. Either way the page reads three views:
``mentions`` and ``events``, the library's columns, their document's fields (source,
title, url: stored once, in ``documents``, and joined here) and those the page filters
and draws by, derived in SQL (:data:`DERIVED`, :data:`EVENT_DERIVED`: the same names, so
that one filter serves both), and ``documents``. An event takes its place's key, label,
feature and kind from the mention that locates it. :attr:`Store.places` holds each
place's columns (:data:`PLACE_COLUMNS`, by ``place_key``): a few thousand rows, read once.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import duckdb
import pandas as pd

import gazetteer
from dashboard.kinds import KINDS, OTHER
from gazetteer.tables import TABLES

# What the page calls mentions with no governorate (besides the 18 governorates' names).
IRAQ_WIDE = "Iraq, no governorate"
OUTSIDE = "Outside Iraq"
NOT_LOCATED = "Not located"
NO_SOURCE = "(no source)"
NOT_LISTED = "not in the gazetteer"
# The memory DuckDB may take for a query (its buffers; Parquet is read in streams).
MEMORY_LIMIT = "1GB"


def _text(value: str) -> str:
    """``value`` as an SQL string literal (the page's own words, never article text)."""
    return "'" + value.replace("'", "''") + "'"


UNLISTED = "coalesce(place_id, '') = ''"
# A date names a period: its first and last day (NULL when malformed).
PERIODS = """SELECT date,
    CASE length(date) WHEN 10 THEN try_cast(date AS DATE)
         WHEN 7 THEN try_cast(date || '-01' AS DATE)
         WHEN 4 THEN try_cast(date || '-01-01' AS DATE) END AS date_first,
    CASE length(date) WHEN 10 THEN try_cast(date AS DATE)
         WHEN 7 THEN last_day(try_cast(date || '-01' AS DATE))
         WHEN 4 THEN try_cast(date || '-12-31' AS DATE) END AS date_last"""
# A mention's or an event's region: its governorate, else where it lies.
REGION = f"""CASE WHEN coalesce(admin1, '') <> '' THEN admin1
    WHEN country = 'IQ' THEN {_text(IRAQ_WIDE)} WHEN lat IS NOT NULL THEN {_text(OUTSIDE)}
    ELSE {_text(NOT_LOCATED)} END"""
SOURCE_LABEL = f"coalesce(nullif(source, ''), {_text(NO_SOURCE)})"
# A date recalled from years back: the library files it under the publication date
# (gazetteer.pipeline.Extraction.dated), so its event date is set and unlike its date.
HISTORICAL = "(nullif(event_date, '') IS NOT NULL AND event_date IS DISTINCT FROM date)"
# The columns the page filters and draws by.
DERIVED = f"""
    CASE WHEN {UNLISTED} THEN 'unlisted:' || name_ar || CASE WHEN lat IS NULL THEN ''
         ELSE '@' || CAST(round(lat, 4) AS VARCHAR) || ',' || CAST(round(lon, 4) AS VARCHAR)
         END ELSE place_id END AS place_key,
    name_ar || ' · ' || CASE WHEN {UNLISTED} THEN {_text(NOT_LISTED)}
        ELSE coalesce(nullif(label, ''), name_en) END AS label,
    coalesce(kinds.kind, {_text(OTHER.label)}) AS kind,
    {REGION} AS region, {SOURCE_LABEL} AS source_label,
    precisions.rank AS precision_rank, periods.date_first, periods.date_last,
    {HISTORICAL} AS historical
"""
# An event's: those of the mention that locates it (``place_key``, ``label``, ``feature``,
# ``kind``) and its outlet's.
EVENT_DERIVED = f"""
    located.place_key, located.label, located.feature, located.kind, {REGION} AS region,
    {SOURCE_LABEL} AS source_label, d.source, d.title, d.url,
    precisions.rank AS precision_rank, periods.date_first, periods.date_last,
    {HISTORICAL} AS historical
"""
# One place's columns, the same in each of its mentions.
PLACE_COLUMNS = ["place_id", "name_ar", "name_en", "feature", "kind", "lat", "lon",
                 "admin1", "region", "label"]


class Store:
    """The tables of one corpus in a DuckDB database of its own (in memory)."""

    def __init__(self, tables: Mapping[str, str | pd.DataFrame]):
        """``tables``: ``mentions``, ``events`` and ``documents`` (the library's tables),
        each a frame or a glob of Parquet files to query; optionally ``incidents``, each
        event's ``incident_id`` by ``event_id`` where the events' own are not yet grouped
        (a dataset's incidents.parquet). Frames (a visitor's upload) never go to disk:
        past :data:`MEMORY_LIMIT` DuckDB would spill them into ``.tmp`` in the server's
        working folder; a query fails instead."""
        in_memory = not isinstance(tables["mentions"], str)
        spill = {"temp_directory": ""} if in_memory else {}
        self.db = duckdb.connect(config={"memory_limit": MEMORY_LIMIT} | spill)
        self.db.execute("SET parquet_metadata_cache = true")
        self._table("kinds", pd.DataFrame(
            [(f, k.label) for k in KINDS for f in k.features], columns=["feature", "kind"]))
        self._table("precisions", pd.DataFrame(
            {"geo_precision": gazetteer.PRECISIONS, "rank": range(len(gazetteer.PRECISIONS))}))
        base, events, documents = (self._source(f"{name}_base", tables[name])
                                   for name in ("mentions", "events", "documents"))
        self.db.execute(f"CREATE VIEW documents AS SELECT * FROM {documents}")
        # The few distinct dates and places, derived once: each query then only joins them.
        self.db.execute(f"CREATE TABLE periods AS {PERIODS} FROM (SELECT date FROM {base} "
                        f"UNION SELECT date FROM {events}) WHERE date IS NOT NULL")
        fields = ", ".join(gazetteer.DOCUMENT_FIELDS)
        self.db.execute(f"""CREATE VIEW mentions AS SELECT m.* EXCLUDE (label), {fields},
            {DERIVED} FROM {base} m LEFT JOIN kinds USING (feature)
            LEFT JOIN precisions USING (geo_precision) LEFT JOIN periods USING (date)
            LEFT JOIN (SELECT doc_id, {fields} FROM documents) USING (doc_id)""")
        columns = ", ".join(f"any_value({c}) AS {c}" for c in PLACE_COLUMNS)
        self.places = self.frame(f"SELECT place_key, {columns} FROM mentions "
                                 "GROUP BY place_key ORDER BY place_key").set_index("place_key")
        self.db.execute("CREATE TABLE located AS SELECT event_id, any_value(place_key) AS "
                        "place_key, any_value(label) AS label, any_value(feature) AS feature, "
                        "any_value(kind) AS kind "
                        "FROM mentions WHERE coalesce(event_id, '') <> '' GROUP BY event_id")
        incident, grouped = "e.incident_id", ""
        if "incidents" in tables:
            incidents = self._source("incidents_base", tables["incidents"])
            incident = "coalesce(i.incident_id, e.incident_id)"
            grouped = f"LEFT JOIN {incidents} i USING (event_id)"
        self.db.execute(f"""CREATE VIEW events AS SELECT e.* EXCLUDE (incident_id),
            {incident} AS incident_id, {EVENT_DERIVED}
            FROM {events} e {grouped} LEFT JOIN located USING (event_id)
            LEFT JOIN (SELECT doc_id, {fields} FROM documents) d USING (doc_id)
            LEFT JOIN precisions USING (geo_precision) LEFT JOIN periods USING (date)""")

    def _source(self, name: str, source: str | pd.DataFrame) -> str:
        """What a view reads: a copy of a frame, or the Parquet files of a glob."""
        if isinstance(source, pd.DataFrame):
            self._table(name, source)
            return name
        return f"read_parquet({_text(source)})"

    def _table(self, name: str, frame: pd.DataFrame) -> None:
        self.db.register("frame", frame)
        self.db.execute(f"CREATE TABLE {name} AS SELECT * FROM frame")
        self.db.unregister("frame")

    def frame(self, sql: str, params: list | tuple = ()) -> pd.DataFrame:
        """The result of one query as a frame (on a cursor of its own)."""
        with self.db.cursor() as cursor:
            return cursor.execute(sql, params).df()

    def value(self, sql: str, params: list | tuple = ()):
        """The first value of the first row of a query."""
        with self.db.cursor() as cursor:
            return cursor.execute(sql, params).fetchone()[0]


def dataset_store(folder: Path) -> Store:
    """A store on the dataset in ``folder`` (``python -m gazetteer ingest -o folder``)."""
    dataset = gazetteer.Dataset(folder)
    dataset.readable()
    tables = {name: dataset.glob(name) if any((folder / name).glob("*.parquet"))
              else dataset.table(name) for name in TABLES}
    if (incidents := folder / "incidents.parquet").exists():
        tables["incidents"] = str(incidents)
    return Store(tables)
