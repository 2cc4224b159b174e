"""The sidebar's filter widgets, each bound to the URL by its key (:mod:`.state`)."""

from __future__ import annotations

from datetime import date

import streamlit as st

import gazetteer
from dashboard import data, state, store
from dashboard.filters import MAX_WORD_CHARS, MAX_WORDS, Filters, searched
from dashboard.kinds import LABELS


def filters(corpus: data.Corpus, governorates: list[str]) -> Filters:
    """Draw the filters for ``corpus`` and return what they ask for."""
    st.header("Filters")
    if corpus.spans_days:
        dates = date_range(corpus.span)
    else:
        dates = None
        if corpus.span:
            st.caption(f"Every dated mention is of {corpus.span[0]:%Y-%m-%d}.")
    regions = st.multiselect(
        "Governorate / region", [*governorates, store.IRAQ_WIDE, store.OUTSIDE, store.NOT_LOCATED],
        key=state.REGIONS, bind=state.URL, placeholder="All")
    kinds = st.multiselect("Kind of place", LABELS, key=state.KINDS, bind=state.URL,
                           placeholder="All")
    sources = st.multiselect("Source", corpus.sources,
                             key=state.SOURCES, bind=state.URL, placeholder="All")
    words = st.text_input(
        "Words in the text", key=state.WORDS, bind=state.URL, placeholder="e.g. هجوم",
        help="Mentions whose sentence contains every word, compared after Arabic "
             "normalisation (hamza forms, alef maqsura, taa marbuta, diacritics…); "
             f"at most {MAX_WORDS} words of {MAX_WORD_CHARS} characters.")
    if left_out := searched(words)[1]:
        st.caption(left_out)
    precision = st.select_slider(
        "Least precise location shown", gazetteer.PRECISIONS,
        value=gazetteer.PRECISIONS[-1], key=state.PRECISION, bind=state.URL,
        help="From exact (a town) to beyond (a continent): hide mentions located less "
             "precisely than this.")
    furniture = st.checkbox(
        "Show page furniture", key=state.FURNITURE, bind=state.URL,
        help="Places named in a page's header, related links, 'read also' blocks and "
             "comments rather than in its article.")
    return Filters(dates, tuple(regions), tuple(kinds), tuple(sources), words, precision,
                   furniture, corpus.span)


def date_range(span: tuple[date, date]) -> tuple[date, date]:
    """A date slider, and a date-range input that mirrors it for typing dates."""
    state.clamp_dates(span)
    lo, hi = st.slider("Dates", min_value=span[0], max_value=span[1], value=span,
                       key=state.DATES, bind=state.URL, format="YYYY-MM-DD",
                       help="A month or a year counts when it overlaps the range.")
    if lo > hi:  # a link's dates the wrong way round: no mention would be kept
        lo, hi = hi, lo
        st.caption(f"The link's dates were the wrong way round: read as from "
                   f"{lo:%Y-%m-%d} to {hi:%Y-%m-%d}.")
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
