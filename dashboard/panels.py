"""The evidence beside the map: a chosen place's excerpts, or the incidents in view (at
the chosen place, else everywhere) with their reports, a page at a time."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import excerpts, incidents, state
from dashboard.view import View
from dashboard.wording import counted, say


def mentions(view: View, place: str | None) -> None:
    """The excerpts of ``place`` (of every place in view when None), newest first."""
    count = view.excerpt_count(place)
    st.caption(say("excerpts_of_place" if place else "excerpts_in_view",
                   excerpts=counted(count, "excerpt")))
    first = _first(count, excerpts.PAGE_SIZE, f"{state.PAGE}-{place}-{count}")
    for i, row in enumerate(view.excerpts(place, first, excerpts.PAGE_SIZE).itertuples()):
        _excerpt(view, row, f"{state.ARTICLE}-{first + i}", row.place_key)


def reported(view: View, places: pd.DataFrame, place: str | None) -> None:
    """The incidents in view at ``place`` (everywhere when None), newest first, each
    over its reports with the clause that reports it marked."""
    count = int(places.at[place, "incidents"]) if place else view.incident_count()
    st.caption(say("incidents_here" if place else "incidents_in_view",
                   incidents=counted(count, "incident")))
    first = _first(count, incidents.PAGE_SIZE, f"{state.INCIDENT_PAGE}-{place}-{count}")
    shown = view.incidents(place, first, incidents.PAGE_SIZE)
    reports = view.reports(shown["incident_id"].tolist())
    for row in shown.itertuples():
        st.html(incidents.heading_html(row))
        its = reports[reports["incident_id"] == row.incident_id]
        for i, report in enumerate(its.itertuples()):
            _excerpt(view, report, f"{state.ARTICLE}-{row.incident_id}-{i}", row.place_key)


def _first(count: int, size: int, key: str) -> int:
    """The first row of the page chosen (keyed so that a new list opens on page 1), the
    page kept in the URL."""
    pages = -(-count // size)
    if pages > 1:
        state.list_page_from_url(key, pages)
        page = st.number_input(say("page"), 1, pages, key=key)
    else:
        page = 1
    state.list_page_to_url(page)
    return (page - 1) * size


def article(view: View) -> None:
    """The article an excerpt's button opened, in its dialog: shown again on every rerun
    until the reader closes it (a rerun the map starts would otherwise close it)."""
    if opened := st.session_state.get(state.OPEN_ARTICLE):
        excerpts.show_article(view.store, *opened)


def _excerpt(view: View, row, key: str, place: str | None) -> None:
    st.html(excerpts.excerpt_html(row))
    if st.button(say("open_article"), key=key, icon=":material/article:"):
        st.session_state[state.OPEN_ARTICLE] = (row.doc_id, place, row.start)
