"""A corpus's tables in DuckDB: where every filter, count and page of excerpts is queried.

One :class:`Store` per corpus: the server's is made once and shared by every session
(``st.cache_resource``), each query on a cursor of its own, so that sessions query it at
the same time and memory does not grow with them. A dataset written by ``python -m
gazetteer ingest`` is queried where it lies (its Parquet parts); tables in memory (an
upload, a small folder) are copied in once. Either way the page reads the view
``mentions``: the library's columns, its document's fields (source, title, url: stored
once, in ``documents``, and joined here) and those the page filters and draws by,
derived in SQL (:data:`DERIVED`), and ``documents``. :attr:`Store.places` holds each place's
columns (:data:`PLACE_COLUMNS`, by ``place_key``): a few thousand rows, read once.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd

import gazetteer
from dashboard.kinds import KINDS, OTHER

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
# The columns the page filters and draws by.
DERIVED = f"""
    CASE WHEN {UNLISTED} THEN 'unlisted:' || name_ar || CASE WHEN lat IS NULL THEN ''
         ELSE '@' || CAST(round(lat, 4) AS VARCHAR) || ',' || CAST(round(lon, 4) AS VARCHAR)
         END ELSE place_id END AS place_key,
    name_ar || ' · ' || CASE WHEN {UNLISTED} THEN {_text(NOT_LISTED)}
        ELSE coalesce(nullif(label, ''), name_en) END AS label,
    coalesce(kinds.kind, {_text(OTHER.label)}) AS kind,
    CASE WHEN coalesce(admin1, '') <> '' THEN admin1 WHEN country = 'IQ' THEN {_text(IRAQ_WIDE)}
         WHEN lat IS NOT NULL THEN {_text(OUTSIDE)} ELSE {_text(NOT_LOCATED)} END AS region,
    coalesce(nullif(source, ''), {_text(NO_SOURCE)}) AS source_label,
    precisions.rank AS precision_rank, periods.date_first, periods.date_last
"""
# One place's columns, the same in each of its mentions.
PLACE_COLUMNS = ["place_id", "name_ar", "name_en", "feature", "kind", "lat", "lon",
                 "admin1", "region", "label"]


class Store:
    """The tables of one corpus in a DuckDB database of its own (in memory)."""

    def __init__(self, mentions: str | pd.DataFrame, documents: str | pd.DataFrame):
        """``mentions``, ``documents``: frames, or globs of Parquet files to query. Frames
        (a visitor's upload) never go to disk: past :data:`MEMORY_LIMIT` DuckDB would
        spill them into ``.tmp`` in the server's working folder; a query fails instead."""
        spill = {} if isinstance(mentions, str) else {"temp_directory": ""}
        self.db = duckdb.connect(config={"memory_limit": MEMORY_LIMIT} | spill)
        self.db.execute("SET parquet_metadata_cache = true")
        self._table("kinds", pd.DataFrame(
            [(f, k.label) for k in KINDS for f in k.features], columns=["feature", "kind"]))
        self._table("precisions", pd.DataFrame(
            {"geo_precision": gazetteer.PRECISIONS, "rank": range(len(gazetteer.PRECISIONS))}))
        base = self._source("mentions_base", mentions)
        self.db.execute(
            f"CREATE VIEW documents AS SELECT * FROM {self._source('documents_base', documents)}")
        # The few distinct dates and places, derived once: each query then only joins them.
        self.db.execute(f"CREATE TABLE periods AS {PERIODS} FROM (SELECT DISTINCT date FROM "
                        f"{base} WHERE date IS NOT NULL)")
        fields = ", ".join(gazetteer.DOCUMENT_FIELDS)
        self.db.execute(f"""CREATE VIEW mentions AS SELECT m.* EXCLUDE (label), {fields},
            {DERIVED} FROM {base} m LEFT JOIN kinds USING (feature)
            LEFT JOIN precisions USING (geo_precision) LEFT JOIN periods USING (date)
            LEFT JOIN (SELECT doc_id, {fields} FROM documents) USING (doc_id)""")
        columns = ", ".join(f"any_value({c}) AS {c}" for c in PLACE_COLUMNS)
        self.places = self.frame(f"SELECT place_key, {columns} FROM mentions "
                                 "GROUP BY place_key ORDER BY place_key").set_index("place_key")

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
              else dataset.table(name) for name in ("mentions", "documents")}
    return Store(tables["mentions"], tables["documents"])
