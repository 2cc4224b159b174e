"""The sidebar's filter widgets, each bound to the URL by its key (:mod:`.state`), and
the way back from an empty view (:func:`clear`)."""

from __future__ import annotations

from datetime import date

import streamlit as st

import gazetteer
from dashboard import data, incidents, state, store, timeline
from dashboard.filters import Filters
from dashboard.kinds import LABELS
from dashboard.wording import counted
from gazetteer.dates import historical_years

# Each field of Filters: its widget's key and label.
WIDGETS = {
    "dates": (state.DATES, "Dates"),
    "regions": (state.REGIONS, "Governorate / region"),
    "kinds": (state.KINDS, "Kind of place"),
    "sources": (state.SOURCES, "Source"),
    "words": (state.WORDS, "Words in the text"),
    "precision": (state.PRECISION, "Least precise location shown"),
    "furniture": (state.FURNITURE, "Show page furniture"),
    "types": (state.TYPES, "Type of incident"),
    "actors": (state.ACTORS, "Sides involved"),
    "casualties": (state.CASUALTIES, "Only incidents with casualties"),
    "history": (state.HISTORY, "Include historical references"),
}


def label(field: str) -> str:
    return WIDGETS[field][1]


def clear(fields: list[str]) -> None:
    """Put these filters back as they start (a button's callback)."""
    for field in fields:
        st.session_state.pop(WIDGETS[field][0], None)


def filters(corpus: data.Corpus, governorates: list[str]) -> Filters:
    """Draw the filters for ``corpus`` and return what they ask for."""
    st.header("Filters")
    if corpus.spans_days:
        dates = date_range(corpus.span)
    else:
        dates = None
        if corpus.span:
            st.caption(f"Every dated mention is of {corpus.span[0]:%Y-%m-%d}.")
    history = st.checkbox(
        label("history"), key=state.HISTORY, bind=state.URL,
        help=f"Places named with a date more than {counted(historical_years(), 'year')} "
             "before their article (\"since 1984\"): shown under the article's date.")
    regions = st.multiselect(
        label("regions"), [*governorates, store.IRAQ_WIDE, store.OUTSIDE, store.NOT_LOCATED],
        key=state.REGIONS, bind=state.URL, placeholder="All")
    kinds = st.multiselect(label("kinds"), LABELS, key=state.KINDS, bind=state.URL,
                           placeholder="All")
    sources = st.multiselect(label("sources"), corpus.sources,
                             key=state.SOURCES, bind=state.URL, placeholder="All")
    words = st.text_input(
        label("words"), key=state.WORDS, bind=state.URL, placeholder="e.g. هجوم",
        help="Mentions whose sentence contains every word, compared after Arabic "
             "normalisation (hamza forms, alef maqsura, taa marbuta, diacritics…).")
    precision = st.select_slider(
        label("precision"), gazetteer.PRECISIONS,
        value=gazetteer.PRECISIONS[-1], key=state.PRECISION, bind=state.URL,
        help="From exact (a town) to beyond (a continent): hide mentions located less "
             "precisely than this.")
    furniture = st.checkbox(
        label("furniture"), key=state.FURNITURE, bind=state.URL,
        help="Places named in a page's header, related links, 'read also' blocks and "
             "comments rather than in its article.")
    if not corpus.events:
        return Filters(dates, tuple(regions), tuple(kinds), tuple(sources), words,
                       precision, furniture, corpus.span, history=history)
    st.subheader("What happened")
    types = st.multiselect(label("types"), list(incidents.TYPES), key=state.TYPES,
                           bind=state.URL, format_func=incidents.type_label,
                           placeholder="All")
    actors = st.multiselect(label("actors"), list(incidents.ACTORS), key=state.ACTORS,
                            bind=state.URL, format_func=incidents.actor_label,
                            placeholder="All", help="Incidents where any of these took part.")
    casualties = st.checkbox(label("casualties"), key=state.CASUALTIES,
                             bind=state.URL, help="Someone killed or wounded, as reported.")
    return Filters(dates, tuple(regions), tuple(kinds), tuple(sources), words, precision,
                   furniture, corpus.span, tuple(types), tuple(actors), casualties, history)


def date_range(span: tuple[date, date]) -> tuple[date, date]:
    """A date slider, and a date-range input that mirrors it for typing dates."""
    timeline.advance(span)  # while the timeline plays
    state.clamp_dates(span)
    lo, hi = st.slider(label("dates"), min_value=span[0], max_value=span[1], value=span,
                       key=state.DATES, bind=state.URL, format="YYYY-MM-DD",
                       help="A month or a year counts when it overlaps the range.")
    # A new input for each range the slider shows: it opens on that range.
    typed = f"{state.TYPED_DATES}-{lo}-{hi}"
    st.date_input("From – to", value=(lo, hi), min_value=span[0], max_value=span[1],
                  key=typed, on_change=_typed_dates, args=(typed,), format="YYYY-MM-DD")
    return lo, hi


def _typed_dates(key: str) -> None:
    """Dates typed or picked move the slider (which the URL follows), once both ends
    are given."""
    typed = st.session_state[key]
    if len(typed) == 2:
        st.session_state[state.DATES] = typed
