"""Widget keys, named once, and the page state the URL carries.

Every filter widget is bound to the URL (``bind="query-params"``): its key is the query
parameter, dropped while the widget is at its default. The selected place is kept in the
URL by hand (:func:`place_from_url`, :func:`place_to_url`): a bound selectbox would store
its option's label, which is neither stable nor unique, where the URL wants the place key.
A click on the map selects a place as the selectbox does (:func:`follow_click`). The map's
centre and zoom (:func:`map_view`), whether the view is of uploaded files
(:func:`uploads_to_url`) and the page of the list beside the map
(:func:`list_page_from_url`) are in the URL too. What a link gives that the page cannot
use is named, not silently dropped (:func:`opened`, :func:`ignored`).
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
LANGUAGE = "lang"
AT = "at"  # the map's centre and zoom: "lat,lon,zoom"
UPLOADED_VIEW = "src"  # "upload" while the view is of this session's uploads
TYPES = "type"
ACTORS = "side"
CASUALTIES = "casualties"
HISTORY = "history"
LAYER = "layer"
PLACE = "place"
LIST_PAGE = "page"  # the page of the excerpts or incidents listed beside the map

# Page state that stays out of the URL.
OPENED = "opened_url"  # the URL's parameters as this session opened
MAP_VIEW = "map_view"  # the map's centre and zoom the session's link gave
SIGN_IN = "sign_in"  # the password prompt's form
SIGNED_IN = "signed_in"  # True once this session gave the host's password
TYPED_DATES = "typed_dates"  # prefix of the date-range input that mirrors the slider
UPLOADS = "uploads"
UPLOADED = "uploaded_corpus"  # ((file ids, limits), data.Upload): this session's uploads
MAP = "map"
LAST_CLICK = "last_map_click"
PLACES_TABLE = "places_table"
PAGE = "excerpt_page"  # prefix of the excerpts' page number, one per place and count
INCIDENT_PAGE = "incident_page"  # prefix of the incidents' page number, likewise
EXPORT_NOTES = "export_notes"  # {file kind: what the last export of it cut}
ARTICLE = "article"  # prefix of the buttons opening an excerpt's article
OPEN_ARTICLE = "open_article"  # (doc id, place key, offset) of the article in the dialog
TIMELINE = "timeline"  # prefix of the timeline chart, one per window: its brushed interval
PLAYING = "playing"  # the timeline's play switch
PAGE_FROM_URL = "page_from_url"  # set once the link's page of the list was taken
PLAY_STEP = "play_step"  # True when the player's timer asks the next run for a step
PLAY_DRAWN = "play_drawn"  # True while the page's own run draws the player (no tick)

# What the map returns: a click's tooltip names the place; its point tells a second
# click on the same place from the first (the page reruns on clicks only; the map keeps
# its view in the URL itself: dashboard.mapview.ViewInLink).
MAP_RETURNS = ["last_object_clicked", "last_object_clicked_tooltip"]
ZOOMS = range(3, 19)


def clamp_dates(span: tuple[date, date]) -> None:
    """Keep the chosen dates inside ``span`` when the corpus changes under them; dates
    that miss it altogether give way to the whole span."""
    lo, hi = st.session_state.get(DATES, span)
    clamped = (max(lo, span[0]), min(hi, span[1])) if lo <= span[1] and hi >= span[0] else span
    if DATES in st.session_state and clamped != (lo, hi):
        st.session_state[DATES] = clamped


def follow_click(returned: dict | None, tooltips: pd.Series) -> bool:
    """Select the place whose marker or area was clicked, once per click.

    The map returns its last click on every rerun, so only a click not seen before
    selects: choosing another place in the selectbox afterwards must stick.
    ``tooltips`` maps place keys to the plain text of their tooltips. True when this
    click chose a place.
    """
    if not returned or not returned.get("last_object_clicked_tooltip"):
        return False
    click = (returned["last_object_clicked_tooltip"], str(returned.get("last_object_clicked")))
    if click == st.session_state.get(LAST_CLICK):
        return False
    st.session_state[LAST_CLICK] = click
    text = " ".join(click[0].split())  # the browser's innerText, white space and all
    hits = tooltips.index[tooltips == text]
    if len(hits):
        st.session_state[PLACE] = hits[0]
    return bool(len(hits))


def choose_row(keys: list[str]) -> None:
    """Select the place of the row chosen in the places table (its callback; ``keys``:
    the table's place keys, in its order)."""
    rows = st.session_state[PLACES_TABLE].selection.rows
    if rows:
        st.session_state[PLACE] = keys[rows[0]]


def place_from_url(places: pd.Index) -> None:
    """A new session opens on the place its URL names, when that place is in view."""
    wanted = st.query_params.get(PLACE)
    if PLACE not in st.session_state and wanted in places:
        st.session_state[PLACE] = wanted


def place_to_url(place: str | None) -> None:
    """Keep the selected place in the URL (and none when none is selected)."""
    to_url(PLACE, place)


def list_page_from_url(key: str, pages: int) -> None:
    """A new session opens its first long list (of ``pages`` pages, its number input
    keyed ``key``) on the page its URL names; a later list opens on its first page."""
    if PAGE_FROM_URL in st.session_state:
        return
    st.session_state[PAGE_FROM_URL] = True
    wanted = st.query_params.get(LIST_PAGE, "")
    if wanted.isdigit() and 1 <= int(wanted) <= pages:
        st.session_state[key] = int(wanted)


def list_page_to_url(page: int) -> None:
    to_url(LIST_PAGE, str(page) if page > 1 else None)


def opened() -> dict[str, list[str]] | None:
    """The URL's parameters as this session opened, on its first run (None after)."""
    if OPENED in st.session_state:
        return None
    st.session_state[OPENED] = True
    return {k: st.query_params.get_all(k) for k in st.query_params}


def ignored(given: dict[str, list[str]]) -> list[str]:
    """The parameters of ``given`` (:func:`opened`) that the page dropped from the URL
    in this run, as "key=value": values it could not use (an unknown region, a place
    not in view, a malformed date or point)."""
    now = {k: st.query_params.get_all(k) for k in st.query_params}
    return [f"{k}={v}" for k, values in given.items() if k != UPLOADED_VIEW
            for v in values if v not in now.get(k, [])]


def map_view() -> tuple[tuple[float, float], int] | None:
    """The map's centre and zoom as the link this session opened on gave them (kept for
    the session: the map is drawn from it, and follows the visitor from there); None
    when it gave none. An unusable value is dropped from the URL (:func:`ignored`)."""
    if MAP_VIEW in st.session_state:
        return st.session_state[MAP_VIEW]
    view, given = None, st.query_params.get(AT)
    try:
        lat, lon, zoom = given.split(",") if given else ("", "", "")
        view = (float(lat), float(lon)), int(zoom)
    except ValueError:
        pass
    if view and not (-90 <= view[0][0] <= 90 and -180 <= view[0][1] <= 180
                     and view[1] in ZOOMS):
        view = None
    if given and view is None:
        st.query_params.pop(AT, None)
    st.session_state[MAP_VIEW] = view
    return view


def uploads_to_url(uploaded: bool) -> bool:
    """Mark the URL while the view is of uploaded files; True when a link made on
    uploads was opened where they are not (the visitor is then told)."""
    foreign = not uploaded and st.query_params.get(UPLOADED_VIEW) == "upload"
    to_url(UPLOADED_VIEW, "upload" if uploaded else None)
    return foreign


def to_url(key: str, value: str | None) -> None:
    """Set (or, with None, drop) a parameter of the URL only when it changes: every write
    sends the whole query string, and one sent by a run that a newer one overtook would
    take back the filters chosen meanwhile."""
    if st.query_params.get(key) != value:
        if value is None:
            st.query_params.pop(key, None)
        else:
            st.query_params[key] = value


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
