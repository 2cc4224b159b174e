"""What the filters keep of a corpus, as the page shows it: queries of the corpus' store
(:mod:`dashboard.store`), aggregated in SQL, so that only what a view shows comes into
Python: a row per place, a count per month, a page of excerpts."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import pandas as pd

import gazetteer
from dashboard.filters import Filters, in_dates, where
from dashboard.store import Store

# The rows of View._counts: grouping() of (place_key, month, doc_id), a bit for each
# column not grouped by.
PLACE, MONTH, ARTICLES = 0b011, 0b101, 0b110
# What an excerpt shows of its mention (dashboard.excerpts).
EXCERPT_COLUMNS = ["doc_id", "start", "end", "excerpt", "excerpt_start", "date",
                   "date_precision", "geo_precision", "segment", "title", "url", "source"]
# Places the list and the table show at most: an upload of a page of village names had
# 63,194, and sent their labels (10.9 MB) to the browser on every run.
MAX_LISTED = 1_000
# What an export holds of a mention: the library's columns, its document's fields joined.
EXPORT_COLUMNS = [gazetteer.MENTION_COLUMNS[0], *gazetteer.DOCUMENT_FIELDS,
                  *gazetteer.MENTION_COLUMNS[1:]]


@dataclass(frozen=True)
class View:
    """The mentions of ``store`` that ``filters`` keep."""

    store: Store
    filters: Filters

    @cached_property
    def _counts(self) -> pd.DataFrame:
        """In one pass over what the filters other than the dates keep (a words filter
        reads every excerpt: once): mentions per place within the dates (``level``
        :data:`PLACE`), per month whatever the dates (:data:`MONTH`), and the number of
        articles within the dates (:data:`ARTICLES`, in ``mentions``)."""
        sql, params = where(self.filters, dates=False)
        dates, date_params = in_dates(self.filters) or ("TRUE", [])
        return self.store.frame(
            "WITH counts AS (SELECT place_key, month, grouping(place_key, month, doc_id) "
            "AS level, count(*) FILTER (WHERE chosen) AS mentions, count(*) AS any_date "
            f"FROM (SELECT place_key, doc_id, {dates} AS chosen, date_trunc('month', "
            f"date_first) AS month FROM mentions WHERE {sql}) "
            "GROUP BY GROUPING SETS ((place_key), (month), (doc_id))) "
            f"SELECT * FROM counts WHERE level <> {ARTICLES} UNION ALL SELECT NULL, NULL, "
            f"{ARTICLES}, count(*) FILTER (WHERE mentions > 0), NULL FROM counts "
            f"WHERE level = {ARTICLES}", [*date_params, *params])

    def places(self) -> pd.DataFrame:
        """One row per place in view (indexed by ``place_key``): its columns
        (:data:`dashboard.store.PLACE_COLUMNS`) and ``mentions``, most mentioned first."""
        counts = self._counts.query(f"level == {PLACE} and mentions > 0")
        return self.store.places.join(counts.set_index("place_key")["mentions"], how="inner"
                                      ).sort_values("mentions", ascending=False, kind="stable")

    def documents(self) -> int:
        """How many articles the mentions in view come from."""
        return int(self._counts.query(f"level == {ARTICLES}")["mentions"].sum())

    def months(self) -> pd.Series:
        """Mentions per month of their date's first day, whatever the chosen dates (the
        timeline shows them against all the others): counts by month's first day."""
        counts = self._counts.query(f"level == {MONTH} and month.notna()")
        return pd.Series(counts["any_date"].to_numpy(), dtype="int64",
                         index=pd.to_datetime(counts["month"]))

    def excerpts(self, place_key: str, first: int, count: int) -> pd.DataFrame:
        """``count`` mentions of one place from the ``first`` (from 0), newest first,
        then in reading order."""
        sql, params = where(self.filters)
        # The place's own id too: the Parquet scan then skips the row groups without it.
        place_id = self.store.places.at[place_key, "place_id"]
        if pd.notna(place_id) and place_id:
            sql, params = f"{sql} AND place_id = ?", [*params, place_id]
        return self.store.frame(
            f"SELECT {_columns(EXCERPT_COLUMNS)} FROM mentions "
            f"WHERE {sql} AND place_key = ? ORDER BY date_first DESC NULLS LAST, doc_id, "
            "start LIMIT ? OFFSET ?", [*params, place_key, count, first])

    def rows(self) -> pd.DataFrame:
        """Every mention in view, as the exports hold them (:meth:`rows_query`)."""
        return self.store.frame(*self.rows_query())

    def rows_query(self) -> tuple[str, list]:
        """The query of every mention in view in :data:`EXPORT_COLUMNS`, by article and
        in reading order, and its parameters: what the exports write."""
        sql, params = where(self.filters)
        return (f"SELECT {_columns(EXPORT_COLUMNS)} FROM mentions WHERE {sql} "
                'ORDER BY doc_id, start, "end"', params)


def listed(places: pd.DataFrame, chosen: str | None) -> pd.DataFrame:
    """The places the page lists (the place list and table, each sent to the browser on
    every run): the :data:`MAX_LISTED` most mentioned, and ``chosen`` wherever it ranks."""
    top = places.head(MAX_LISTED)
    if chosen in places.index and chosen not in top.index:
        top = pd.concat([top, places.loc[[chosen]]])
    return top


def _columns(names: list[str]) -> str:
    """Column names for a SELECT, quoted ("end" is a keyword)."""
    return ", ".join(f'"{name}"' for name in names)


def article(store: Store, doc_id: str) -> tuple[pd.Series | None, pd.DataFrame]:
    """One document's row (None when the corpus has no such document) and the places
    it names: ``start``, ``end``, ``place_key``, ``label``, in reading order."""
    documents = store.frame("SELECT * FROM documents WHERE doc_id = ? LIMIT 1", [doc_id])
    mentions = store.frame('SELECT start, "end", place_key, label FROM mentions '
                           "WHERE doc_id = ? ORDER BY start", [doc_id])
    return (documents.iloc[0] if len(documents) else None), mentions
