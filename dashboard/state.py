"""Widget keys, named once, and the page state the URL carries.

Every filter widget is bound to the URL (``bind="query-params"``): its key is the query
parameter, dropped while the widget is at its default. The selected place is kept in the
URL by hand (:func:`place_from_url`, :func:`place_to_url`): a bound selectbox would store
its option's label, which is neither stable nor unique, where the URL wants the place key.
A click on the map selects a place as the selectbox does (:func:`follow_click`).
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st
from streamlit.runtime.state import get_session_state
from streamlit.runtime.state.common import is_element_id

URL = "query-params"  # the value of bind= for widgets kept in the URL

# In the URL (keys are the query parameter names).
DATES = "dates"
REGIONS = "gov"
KINDS = "kind"
SOURCES = "source"
WORDS = "words"
PRECISION = "precision"
FURNITURE = "furniture"
PLACE = "place"

# Page state that stays out of the URL.
SIGN_IN = "sign_in"  # the password prompt's form
SIGNED_IN = "signed_in"  # True once this session gave the host's password
TYPED_DATES = "typed_dates"  # prefix of the date-range input that mirrors the slider
UPLOADS = "uploads"
UPLOADED = "uploaded_corpus"  # ((file ids, limits), data.Upload): this session's uploads
MAP = "map"
LAST_CLICK = "last_map_click"
PAGE = "page"  # prefix of the excerpts' page number, one per place and count
EXPORT_NOTES = "export_notes"  # {file kind: what the last export of it cut}
ARTICLE = "article"  # prefix of the buttons opening an excerpt's article

# What the map returns: a click's tooltip names the place; its point tells a second
# click on the same place from the first (both rerun the page only on clicks).
MAP_RETURNS = ["last_object_clicked", "last_object_clicked_tooltip"]


def clamp_dates(span: tuple[date, date]) -> None:
    """Keep the chosen dates inside ``span`` when the corpus changes under them."""
    lo, hi = st.session_state.get(DATES, span)
    clamped = (min(max(lo, span[0]), span[1]), max(min(hi, span[1]), span[0]))
    if DATES in st.session_state and clamped != (lo, hi):
        st.session_state[DATES] = clamped


def follow_click(returned: dict | None, tooltips: pd.Series) -> None:
    """Select the place whose marker or area was clicked, once per click.

    The map returns its last click on every rerun, so only a click not seen before
    selects: choosing another place in the selectbox afterwards must stick.
    ``tooltips`` maps place keys to the plain text of their tooltips.
    """
    if not returned or not returned.get("last_object_clicked_tooltip"):
        return
    click = (returned["last_object_clicked_tooltip"], str(returned.get("last_object_clicked")))
    if click == st.session_state.get(LAST_CLICK):
        return
    st.session_state[LAST_CLICK] = click
    text = " ".join(click[0].split())  # the browser's innerText, white space and all
    hits = tooltips.index[tooltips == text]
    if len(hits):
        st.session_state[PLACE] = hits[0]


def place_from_url(places: pd.Index) -> None:
    """A new session opens on the place its URL names, when that place is in view."""
    wanted = st.query_params.get(PLACE)
    if PLACE not in st.session_state and wanted in places:
        st.session_state[PLACE] = wanted


def place_to_url(place: str | None) -> None:
    """Keep the selected place in the URL (and none when none is selected)."""
    if place:
        st.query_params[PLACE] = place
    else:
        st.query_params.pop(PLACE, None)


def export_notes() -> dict[str, str]:
    """This session's notes of exports cut short, written by the download's thread and
    shown on the next run (:func:`dashboard.export.cut_notes`)."""
    return st.session_state.setdefault(EXPORT_NOTES, {})


def drop_forged() -> None:
    """Remove what a client sent as the state of a widget that has no widget's id
    (``signed_in``, ``zzz``): Streamlit keeps it without a widget's metadata, and every
    widget drawn after it raises KeyError, in every later run of the session (Streamlit
    1.67's SessionState.filtered_state). No public API lists such values: this reaches
    into the session's widget states, and does nothing where they are laid out otherwise.
    """
    session = getattr(get_session_state(), "_state", None)
    widgets = getattr(session, "_new_widget_state", None)
    if widgets is None or not hasattr(widgets, "widget_metadata"):
        return
    for forged in [w for w in widgets.states
                   if not is_element_id(w) and w not in widgets.widget_metadata]:
        del widgets.states[forged]
