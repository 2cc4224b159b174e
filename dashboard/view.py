"""What the filters keep of a corpus, as the page shows it: queries of the corpus' store
(:mod:`dashboard.store`), aggregated in SQL, so that only what a view shows comes into
Python: a row per place, a count per month, a page of excerpts or of incidents.

Incidents are grouped here, from the event reports the filters keep (an incident is the
reports that share an ``incident_id``): its place is its most precise report's, its
outlets are counted, and casualty figures that disagree stay a range
(``killed_min``..``killed_max``), never a sum.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace

import pandas as pd

import gazetteer
from dashboard.filters import Filters, searched, where
from dashboard.store import Store, quoted

# What an excerpt shows of its mention (dashboard.excerpts).
EXCERPT_COLUMNS = ["doc_id", "start", "end", "excerpt", "excerpt_start", "date",
                   "date_first", "date_precision", "geo_precision", "segment", "title", "url",
                   "source", "place_key"]


# An incident's columns from its reports (the view ``events``), grouped by incident_id;
# its place and excerpt: those of its most precise report (then the smallest, the first).
OUTLET = "coalesce(nullif(source, ''), doc_id)"
INCIDENT = f"""incident_id, any_value(type) AS type, arg_min(date, date_first) AS date,
    arg_min(date_precision, date_first) AS date_precision, min(date_first) AS date_first,
    max(date_last) AS date_last, list_sort(list_distinct(flatten(list(actors)))) AS actors,
    min(killed) AS killed_min, max(killed) AS killed_max,
    min(wounded) AS wounded_min, max(wounded) AS wounded_max,
    count(*) AS reports, count(DISTINCT {OUTLET}) AS source_count,
    string_agg(DISTINCT {OUTLET}, '; ' ORDER BY {OUTLET}) AS sources,
    bool_or(segment = 'body') AS in_body,
    arg_min({{'place_key': place_key, 'label': label, 'feature': feature, 'kind': kind,
              'place_name': place_name,
              'lat': lat, 'lon': lon, 'radius_km': radius_km, 'geo_precision': geo_precision,
              'admin1': admin1, 'country': country, 'region': region, 'excerpt': excerpt,
              'doc_id': doc_id}},
            (coalesce(precision_rank, 99), coalesce(radius_km, 1e9), date_first, event_id)
            ) AS best"""
# A report as the incident panel shows it (dashboard.excerpts).
REPORT_COLUMNS = ["incident_id", "event_id", "doc_id", "start", "end", "excerpt",
                  "excerpt_start", "date", "date_precision", "geo_precision", "place_name",
                  "segment", "killed", "wounded", "title", "url", "source"]
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

    def __post_init__(self):
        if words := searched(self.filters.words)[0]:
            self.store.search(words)

    def places(self) -> pd.DataFrame:
        """One row per place in view (indexed by ``place_key``): its columns
        (:data:`dashboard.store.PLACE_COLUMNS`) and ``mentions``, most mentioned first."""
        sql, params = where(self.filters)
        counts = self.store.frame("SELECT place_no, count(*) AS mentions FROM mention_keys "
                                  f"WHERE {sql} GROUP BY place_no", params)
        mentions = counts.set_index("place_no")["mentions"]
        return self.store.places.join(mentions, on="place_no", how="inner").drop(
            columns="place_no").sort_values("mentions", ascending=False, kind="stable")

    def documents(self) -> int:
        """How many articles the mentions in view come from (the bits set among one per
        article: a count of distinct numbers that needs no hash table)."""
        sql, params = where(self.filters)
        return int(self.store.value(
            f"SELECT coalesce(bit_count(bitstring_agg(doc_no, 1, {self.store.doc_numbers})), "
            f"0) FROM mention_keys WHERE {sql}", params))

    def periods(self) -> pd.DataFrame:
        """Mentions per date period (a day, a month or a year: its ``date_first`` and
        ``date_last``), whatever the chosen dates: what the timeline bins
        (:mod:`dashboard.timeline`)."""
        sql, params = where(self.filters, dates=False)
        return self.store.frame(
            "SELECT date_first, date_last, count(*) AS mentions FROM mention_keys WHERE "
            f"{sql} AND date_first IS NOT NULL GROUP BY date_first, date_last", params)

    def _of_place(self, place_key: str | None) -> tuple[str, list]:
        """What the filters keep of one place (of every place when None)."""
        sql, params = where(self.filters)
        if place_key is None:
            return sql, params
        number = self.store.places["place_no"].get(place_key, 0)  # 0: no such place
        return f"{sql} AND place_no = ?", [*params, int(number)]

    def excerpt_count(self, place_key: str | None) -> int:
        """How many excerpts :meth:`excerpts` has for this place (for every place)."""
        sql, params = self._of_place(place_key)
        return int(self.store.value(
            f"SELECT count(DISTINCT excerpt_key) FROM mention_keys WHERE {sql}", params))

    def excerpts(self, place_key: str | None, first: int, count: int) -> pd.DataFrame:
        """``count`` excerpts of one place (of every place in view when None) from the
        ``first`` (from 0), newest first, then in reading order. An excerpt that several
        articles share word for word (syndicated copies) comes once, the newest, with
        the number of articles that hold it (``copies``)."""
        sql, params = self._of_place(place_key)
        rows = self._newest_excerpts(sql, params, first + count).iloc[first:]
        copies = self.store.frame(
            "SELECT excerpt_key, count(DISTINCT doc_no) AS copies FROM mention_keys WHERE "
            f"{sql} AND excerpt_key IN (SELECT unnest(?::UBIGINT[])) GROUP BY excerpt_key",
            [*params, rows["excerpt_key"].tolist()])
        rows = rows.merge(copies, on="excerpt_key")
        return self.store.rows_at(EXCERPT_COLUMNS, rows)[[*EXCERPT_COLUMNS, "copies"]]

    def _newest_excerpts(self, sql: str, params: list, n: int) -> pd.DataFrame:
        """The ``n`` newest excerpts in view (``sql``), newest first, each at the row
        (``file_no``, ``file_row_number``) of its newest mention, with its
        ``excerpt_key``: read off the newest mentions, each excerpt at its first. The
        mentions of one sentence share its excerpt, so a few times ``n`` mentions are
        read, more when they fall short: never every mention grouped, to show twenty."""
        reach = 4 * n
        while True:
            found = self.store.frame(
                f"SELECT file_no, file_row_number, excerpt_key FROM mention_keys WHERE {sql} "
                "ORDER BY date_first DESC NULLS LAST, doc_no, start LIMIT ?", [*params, reach])
            newest = found.drop_duplicates("excerpt_key")
            if len(newest) >= n or len(found) < reach:
                return newest.head(n)
            reach *= 4

    def rows(self) -> pd.DataFrame:
        """Every mention in view, as the exports hold them (:meth:`rows_query`)."""
        return self.store.frame(*self.rows_query())

    def rows_query(self) -> tuple[str, list]:
        """The query of every mention in view in :data:`EXPORT_COLUMNS`, by article and
        in reading order, and its parameters: what the exports write."""
        sql, params = where(self.filters)
        return (f"SELECT {quoted(EXPORT_COLUMNS)} FROM mentions WHERE {sql} "
                'ORDER BY doc_id, start, "end"', params)


    def _incidents(self) -> tuple[str, list]:
        """The incidents in view as a query (one row each, ``best`` unpacked) and its
        parameters."""
        sql, params = where(self.filters, table="events")
        return (f"SELECT * EXCLUDE (best), best.* FROM (SELECT {INCIDENT} FROM events "
                f"WHERE {sql} GROUP BY incident_id)", params)

    def incident_places(self) -> pd.DataFrame:
        """One row per place where incidents in view happened (indexed by ``place_key``):
        its columns, ``incidents``, the type most of them are (``type``), and the
        casualties they report (the lowest figure of each incident: ``killed``,
        ``wounded``), most incidents first."""
        sql, params = self._incidents()
        return self.store.frame(
            "SELECT place_key, any_value(label) AS label, any_value(feature) AS feature, "
            "any_value(kind) AS kind, "
            "any_value(lat) AS lat, any_value(lon) AS lon, any_value(admin1) AS admin1, "
            "any_value(region) AS region, "
            "count(*) AS incidents, mode(type) AS type, "
            "sum(coalesce(killed_min, 0))::BIGINT AS killed, "
            "sum(coalesce(wounded_min, 0))::BIGINT AS wounded "
            f"FROM ({sql}) WHERE place_key IS NOT NULL GROUP BY place_key "
            "ORDER BY incidents DESC, place_key", params).set_index("place_key")

    def incident_count(self) -> int:
        sql, params = self._incidents()
        return int(self.store.value(f"SELECT count(*) FROM ({sql})", params))

    def incidents(self, place_key: str | None = None, first: int = 0,
                  count: int | None = None) -> pd.DataFrame:
        """Incidents in view, newest first (at ``place_key`` if given): ``count`` of them
        from the ``first`` (from 0), every one when ``count`` is None."""
        sql, params = self._incidents()
        at = ""
        if place_key is not None:
            at, params = "WHERE place_key = ?", [*params, place_key]
        limit = "" if count is None else f"LIMIT {int(count)} OFFSET {int(first)}"
        return self.store.frame(f"SELECT * FROM ({sql}) {at} ORDER BY date_first DESC "
                                f"NULLS LAST, incident_id {limit}", params)

    def reports(self, incident_ids: list[str]) -> pd.DataFrame:
        """The reports in view of these incidents: by incident, newest first."""
        if not incident_ids:
            return pd.DataFrame(columns=REPORT_COLUMNS)
        sql, params = where(self.filters, table="events")
        return self.store.frame(
            f"SELECT {quoted(REPORT_COLUMNS)} FROM events WHERE {sql} AND incident_id "
            f"IN ({', '.join('?' * len(incident_ids))}) ORDER BY incident_id, "
            "date_first DESC NULLS LAST, doc_id, start", [*params, *incident_ids])


    def emptied_by(self) -> list[str]:
        """The filters (fields of :class:`Filters`) each of which, cleared alone, brings
        back some mentions: what to name when nothing is in view."""
        start = Filters(span=self.filters.span)
        chosen = [f.name for f in fields(Filters) if f.name != "span"
                  and getattr(self.filters, f.name) != getattr(start, f.name)
                  and not (f.name == "dates" and self.filters.dates == self.filters.span)]
        return [name for name in chosen if View(
            self.store, replace(self.filters, **{name: getattr(start, name)})).has_any()]

    def has_any(self) -> bool:
        sql, params = where(self.filters)
        return self.store.value(f"SELECT count(*) FROM (SELECT 1 FROM mention_keys WHERE "
                                f"{sql} LIMIT 1)", params) > 0


def listed(places: pd.DataFrame, chosen: str | None) -> pd.DataFrame:
    """The places the page lists (the place list and table, each sent to the browser on
    every run): the :data:`MAX_LISTED` most mentioned, and ``chosen`` wherever it ranks."""
    top = places.head(MAX_LISTED)
    if chosen in places.index and chosen not in top.index:
        top = pd.concat([top, places.loc[[chosen]]])
    return top


def article(store: Store, doc_id: str) -> tuple[pd.Series | None, pd.DataFrame]:
    """One document's row (None when the corpus has no such document) and the places
    it names: ``start``, ``end``, ``place_key``, ``label``, in reading order."""
    documents = store.frame("SELECT * FROM documents WHERE doc_id = ? LIMIT 1", [doc_id])
    mentions = store.frame('SELECT start, "end", place_key, label FROM mentions '
                           "WHERE doc_id = ? ORDER BY start", [doc_id])
    return (documents.iloc[0] if len(documents) else None), mentions
