"""What the filters keep of a corpus, as the page shows it: each a query of the corpus'
store (:mod:`dashboard.store`), aggregated in SQL, so that only what a view shows comes
into Python: a row per place, a count per month, a page of excerpts."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

import gazetteer
from dashboard.filters import Filters, where
from dashboard.store import Store

# One place's columns, the same in each of its mentions.
PLACE_COLUMNS = ["place_id", "name_ar", "name_en", "feature", "kind", "lat", "lon",
                 "admin1", "region", "label"]
# What an excerpt shows of its mention (dashboard.excerpts).
EXCERPT_COLUMNS = ["doc_id", "start", "end", "excerpt", "excerpt_start", "date",
                   "date_precision", "geo_precision", "segment", "title", "url", "source"]


@dataclass(frozen=True)
class View:
    """The mentions of ``store`` that ``filters`` keep."""

    store: Store
    filters: Filters

    def _where(self, dates: bool = True) -> tuple[str, list]:
        return where(self.filters, dates=dates)

    def places(self) -> pd.DataFrame:
        """One row per place in view (indexed by ``place_key``): its ``PLACE_COLUMNS``
        and ``mentions``, most mentioned first."""
        sql, params = self._where()
        columns = ", ".join(f"any_value({c}) AS {c}" for c in PLACE_COLUMNS)
        return self.store.frame(
            f"SELECT place_key, {columns}, count(*) AS mentions FROM mentions WHERE {sql} "
            "GROUP BY place_key ORDER BY mentions DESC, place_key", params
        ).set_index("place_key")

    def documents(self) -> int:
        """How many articles the mentions in view come from."""
        sql, params = self._where()
        return self.store.value(f"SELECT count(DISTINCT doc_id) FROM mentions WHERE {sql}",
                                params)

    def months(self) -> pd.Series:
        """Mentions per month of their date's first day, whatever the chosen dates (the
        timeline shows them against all the others): counts by month's first day."""
        sql, params = self._where(dates=False)
        counts = self.store.frame(
            "SELECT date_trunc('month', date_first) AS month, count(*) AS mentions "
            f"FROM mentions WHERE {sql} AND date_first IS NOT NULL GROUP BY month", params)
        return pd.Series(counts["mentions"].to_numpy(),
                         index=pd.to_datetime(counts["month"]), dtype="int64")

    def excerpts(self, place_key: str, first: int, count: int) -> pd.DataFrame:
        """``count`` mentions of one place from the ``first`` (from 0), newest first,
        then in reading order."""
        sql, params = self._where()
        return self.store.frame(
            f"SELECT {_columns(EXCERPT_COLUMNS)}, label FROM mentions "
            f"WHERE {sql} AND place_key = ? ORDER BY date_first DESC NULLS LAST, doc_id, "
            "start LIMIT ? OFFSET ?", [*params, place_key, count, first])

    def rows(self) -> pd.DataFrame:
        """Every mention in view, in the library's columns (what the exports hold), by
        article and in reading order."""
        sql, params = self._where()
        return self.store.frame(
            f"SELECT {_columns(gazetteer.MENTION_COLUMNS)} FROM mentions WHERE {sql} "
            'ORDER BY doc_id, start, "end"', params)


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
