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
place's columns (:data:`PLACE_COLUMNS`, by ``place_key``, with its ``place_no``): a few
thousand rows, read once.

What every filter, count and order reads of a mention (:data:`KEYS`) is also copied once
into memory, the table ``mention_keys``, and at the first search the distinct excerpts'
folded texts (``excerpt_texts``, what the words filter searches): a rerun then reads no
Parquet (a million mentions: a query in tens of milliseconds, not seconds). A mention's
other columns (its excerpt, title, url) are fetched by its row (``file_no``,
``file_row_number``) for the few that a page shows (:meth:`Store.rows_at`).
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from pathlib import Path

import duckdb
import pandas as pd

import gazetteer
from dashboard.filters import holding, search_key
from dashboard.kinds import KINDS, OTHER
from gazetteer.segments import KINDS as SEGMENTS
from gazetteer.tables import TABLES

# What the page calls mentions with no governorate (besides the 18 governorates' names).
IRAQ_WIDE = "Iraq, no governorate"
OUTSIDE = "Outside Iraq"
NOT_LOCATED = "Not located"
NO_SOURCE = "(no source)"
NOT_LISTED = "not in the gazetteer"
# Searches of the words filter kept: enough that one made for a rerun outlives its
# queries however many sessions search meanwhile.
SEARCHES = 64
# The memory DuckDB may take for a query (its buffers; Parquet is read in streams).
MEMORY_LIMIT = "1GB"


def _text(value: str) -> str:
    """``value`` as an SQL string literal (the page's own words, never article text)."""
    return "'" + value.replace("'", "''") + "'"


def quoted(names: list[str]) -> str:
    """Column names for a SELECT, quoted ("end" is a keyword)."""
    return ", ".join(f'"{name}"' for name in names)


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
PLACE_KEY = f"""CASE WHEN {UNLISTED} THEN 'unlisted:' || name_ar || CASE WHEN lat IS NULL
    THEN '' ELSE '@' || CAST(round(lat, 4) AS VARCHAR) || ',' || CAST(round(lon, 4) AS VARCHAR)
    END ELSE place_id END"""
LABEL = f"""name_ar || ' · ' || CASE WHEN {UNLISTED} THEN {_text(NOT_LISTED)}
    ELSE coalesce(nullif(label, ''), name_en) END"""
KIND = f"coalesce(kinds.kind, {_text(OTHER.label)})"
# What names an excerpt, the same text in any article (64 bits).
EXCERPT_KEY = "hash(excerpt) AS excerpt_key"
# The columns the page filters and draws by (joined: kinds, precisions, periods).
DERIVED = f"""{EXCERPT_KEY}, {PLACE_KEY} AS place_key, {LABEL} AS label, {KIND} AS kind,
    {REGION} AS region, {SOURCE_LABEL} AS source_label, precisions.rank AS precision_rank,
    periods.date_first, periods.date_last, {HISTORICAL} AS historical"""
# An event's: those of the mention that locates it (``place_key``, ``label``, ``feature``,
# ``kind``) and its outlet's.
EVENT_DERIVED = f"""
    located.place_key, located.label, located.feature, located.kind, {REGION} AS region,
    {SOURCE_LABEL} AS source_label, d.source, d.title, d.url,
    precisions.rank AS precision_rank, periods.date_first, periods.date_last,
    {HISTORICAL} AS historical
"""
# What is kept in memory of each mention: its row, and what filters, counts and orders;
# its file, place and article by number (``file_no`` in ``files``, ``place_no`` in
# ``places``; ``doc_no`` in the order of the documents' ids): numbers, which DuckDB
# groups and sorts faster than names, in less memory; its text columns as enums.
KEYS = ["file_no", "file_row_number", "doc_no", "start", "place_no", "region", "kind",
        "source_label", "precision_rank", "date_first", "date_last", "historical",
        "segment", "event_id", "excerpt_key"]
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
        base, events, documents = (self._source(f"{name}_base", tables[name], rows=rows)
                                   for name, rows in (("mentions", True), ("events", False),
                                                      ("documents", False)))
        self.db.execute(f"CREATE VIEW documents AS SELECT * FROM {documents}")
        # The few distinct dates and places, derived once: each query then only joins them.
        self.db.execute(f"CREATE TABLE periods AS {PERIODS} FROM (SELECT date FROM {base} "
                        f"UNION SELECT date FROM {events}) WHERE date IS NOT NULL")
        fields = ", ".join(gazetteer.DOCUMENT_FIELDS)
        self.db.execute(f"""CREATE VIEW mentions AS SELECT m.* EXCLUDE (label), {fields},
            {DERIVED} FROM {base} m LEFT JOIN kinds USING (feature)
            LEFT JOIN precisions USING (geo_precision) LEFT JOIN periods USING (date)
            LEFT JOIN (SELECT doc_id, {fields} FROM documents) USING (doc_id)""")
        # The tables in memory, each made in one pass over the mentions' own columns.
        columns = ", ".join(f"any_value({c}) AS {c}" for c in PLACE_COLUMNS)
        self.db.execute(f"""CREATE TABLE places AS SELECT place_key, row_number() OVER
            (ORDER BY place_key) AS place_no, {columns} FROM (SELECT {PLACE_KEY} AS
            place_key, {LABEL} AS label, {KIND} AS kind, {REGION} AS region, m.* EXCLUDE
            (label) FROM {base} m LEFT JOIN kinds USING (feature)) GROUP BY place_key""")
        self.places = self.frame("SELECT * FROM places ORDER BY place_no").set_index("place_key")
        self.db.execute("CREATE TABLE files AS SELECT filename, row_number() OVER (ORDER BY "
                        f"filename) AS file_no FROM (SELECT DISTINCT filename FROM {base})")
        self._files = dict(self.db.execute("SELECT file_no, filename FROM files").fetchall())
        # The text columns filtered on, as enums of their few values: a filter compares
        # small numbers, not strings (on 10M mentions, a query in a third of the time).
        # A mention's region and kind are its place's, its source label its article's.
        self._enum("region", "SELECT region FROM places")
        self._enum("kind", "SELECT kind FROM places")
        self._enum("source_label", f"SELECT {SOURCE_LABEL} FROM documents "
                                   f"UNION SELECT {_text(NO_SOURCE)}")
        self._enum("segment", " UNION ".join(f"SELECT {_text(s)}" for s in SEGMENTS))
        self.db.execute(f"""CREATE TABLE document_numbers AS SELECT doc_id,
            {SOURCE_LABEL}::source_label_enum AS source_label,
            row_number() OVER (ORDER BY doc_id) AS doc_no FROM documents""")
        self.doc_numbers = max(1, self.value("SELECT count(*) FROM document_numbers"))
        self.db.execute(f"""CREATE TABLE mention_keys AS SELECT {', '.join(KEYS)} FROM (
            SELECT m.* REPLACE (segment::segment_enum AS segment), p.region, p.kind,
            source_label, precisions.rank AS precision_rank, periods.date_first,
            periods.date_last, {HISTORICAL} AS historical, doc_no, file_no, place_no,
            {EXCERPT_KEY} FROM {base} m
            LEFT JOIN precisions USING (geo_precision) LEFT JOIN periods USING (date)
            LEFT JOIN document_numbers USING (doc_id) LEFT JOIN files USING (filename)
            LEFT JOIN (SELECT place_key, place_no, region::region_enum AS region,
                       kind::kind_enum AS kind FROM places) p ON p.place_key = {PLACE_KEY})""")
        self.db.execute("CREATE TABLE excerpt_matches (search VARCHAR, excerpt_key UBIGINT)")
        self._base = base
        self._searches: list[str] = []  # in excerpt_matches, the oldest first
        self._lock = threading.Lock()
        self.db.execute("CREATE TABLE located AS SELECT event_id, any_value(place_key) AS "
                        "place_key, any_value(label) AS label, any_value(feature) AS feature, "
                        "any_value(kind) AS kind FROM (SELECT event_id, place_no FROM "
                        "mention_keys WHERE coalesce(event_id, '') <> '') JOIN places USING "
                        "(place_no) GROUP BY event_id")
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

    def _enum(self, column: str, sql: str) -> None:
        """The type ``{column}_enum``: the values of ``sql``'s column, in order."""
        self.db.execute(f"CREATE TYPE {column}_enum AS ENUM (SELECT DISTINCT * FROM "
                        f"({sql}) t(v) WHERE v IS NOT NULL ORDER BY 1)")

    def _source(self, name: str, source: str | pd.DataFrame, rows: bool = False) -> str:
        """What a view reads: a copy of a frame, or the Parquet files of a glob; ``rows``:
        with each row's place (``filename``, '' for a frame, and ``file_row_number``)."""
        if isinstance(source, pd.DataFrame):
            extra = ", '' AS filename, row_number() OVER () - 1 AS file_row_number"
            self._table(name, source, extra if rows else "")
            return name
        extra = ", filename = true, file_row_number = true" if rows else ""
        return f"read_parquet({_text(source)}{extra})"

    def _table(self, name: str, frame: pd.DataFrame, extra: str = "") -> None:
        self.db.register("frame", frame)
        self.db.execute(f"CREATE TABLE {name} AS SELECT *{extra} FROM frame")
        self.db.unregister("frame")

    def search(self, words: tuple[str, ...]) -> None:
        """Find the excerpts that hold every one of ``words`` (folded), unless found
        already, for the words filter (:func:`dashboard.filters.has_words`): the latest
        :data:`SEARCHES` searches are kept."""
        key = search_key(words)
        with self._lock:
            if key in self._searches:
                return
            with self.db.cursor() as cursor:
                # Made at the first search, not at every start of the page.
                cursor.execute("CREATE TABLE IF NOT EXISTS excerpt_texts AS SELECT "
                               "excerpt_key, any_value(folded) AS folded FROM (SELECT "
                               f"{EXCERPT_KEY}, folded FROM {self._base}) "
                               "GROUP BY excerpt_key")
                cursor.execute("INSERT INTO excerpt_matches SELECT ?, excerpt_key FROM "
                               f"excerpt_texts WHERE {holding(words)}", [key, *words])
                self._searches.append(key)
                if len(self._searches) > SEARCHES:
                    cursor.execute("DELETE FROM excerpt_matches WHERE search = ?",
                                   [self._searches.pop(0)])

    def rows_at(self, columns: list[str], rows: pd.DataFrame) -> pd.DataFrame:
        """``columns`` of the mentions at ``rows`` (their ``file_no`` and
        ``file_row_number``), in the order of ``rows`` and with its other columns: a
        Parquet scan reads only the row groups that hold them."""
        if rows.empty:
            return rows.assign(**{c: pd.Series(dtype=object) for c in columns})
        wanted, params = [], []
        for file_no, group in rows.groupby("file_no", sort=False):
            numbers = group["file_row_number"].tolist()
            wanted.append(f"(filename = ? AND file_row_number IN "
                          f"({', '.join('?' * len(numbers))}))")
            params += [self._files[file_no], *numbers]
        found = self.frame(f"SELECT {quoted(columns)}, file_no, file_row_number FROM "
                           f"mentions JOIN files USING (filename) WHERE {' OR '.join(wanted)}",
                           params)
        return rows.merge(found, on=["file_no", "file_row_number"], how="left")

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
