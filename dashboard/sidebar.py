"""The sidebar's filter widgets, each bound to the URL by its key (:mod:`.state`), and
the way back from an empty view (:func:`clear`)."""

from __future__ import annotations

from datetime import date

import streamlit as st

import gazetteer
from dashboard import data, incidents, language, state, store, timeline
from dashboard.filters import MAX_WORD_CHARS, MAX_WORDS, Filters, searched
from dashboard.kinds import LABELS
from dashboard.wording import counted, named, say
from gazetteer.dates import historical_years

# Each field of Filters: its widget's key; its label is the words of the field's name.
WIDGETS = {"dates": state.DATES, "regions": state.REGIONS, "kinds": state.KINDS,
           "sources": state.SOURCES, "words": state.WORDS, "precision": state.PRECISION,
           "furniture": state.FURNITURE, "types": state.TYPES, "actors": state.ACTORS,
           "casualties": state.CASUALTIES, "history": state.HISTORY}
MANY = {"regions", "kinds", "sources", "types", "actors"}  # the multiselects


def label(field: str) -> str:
    return say(field)


def clear(fields: list[str], span: tuple[date, date] | None) -> None:
    """Put these filters back as they start (a button's callback; ``span``: the corpus'
    dates). Each is set to its start, not dropped: a widget dropped is read again from
    the URL, where a value set to its default is taken out."""
    start = Filters(dates=span, span=span)
    for field in fields:
        value = getattr(start, field)
        st.session_state[WIDGETS[field]] = list(value) if field in MANY else value


def filters(corpus: data.Corpus, governorates: list[str]) -> Filters:
    """Draw the filters for ``corpus`` and return what they ask for."""
    st.header(say("filters"))
    if corpus.spans_days:
        dates = date_range(corpus.span)
    else:
        dates = None
        if corpus.span:
            st.caption(say("one_day", day=f"{corpus.span[0]:%Y-%m-%d}"))
    history = st.checkbox(
        label("history"), key=state.HISTORY, bind=state.URL,
        help=say("history_help", years=counted(historical_years(), "year")))
    regions = st.multiselect(
        label("regions"), [*governorates, store.IRAQ_WIDE, store.OUTSIDE, store.NOT_LOCATED],
        key=state.REGIONS, bind=state.URL, placeholder=say("all"),
        format_func=language.region_name)
    kinds = st.multiselect(label("kinds"), LABELS, key=state.KINDS, bind=state.URL,
                           placeholder=say("all"), format_func=language.kind_name)
    sources = st.multiselect(label("sources"), corpus.sources,
                             key=state.SOURCES, bind=state.URL, placeholder=say("all"))
    words = st.text_input(
        label("words"), key=state.WORDS, bind=state.URL, placeholder=say("words_placeholder"),
        help=say("words_help", words=MAX_WORDS, chars=MAX_WORD_CHARS))
    if left_out := searched(words)[1]:
        st.caption(left_out)
    precision = st.select_slider(
        label("precision"), gazetteer.PRECISIONS,
        value=gazetteer.PRECISIONS[-1], key=state.PRECISION, bind=state.URL,
        format_func=lambda p: named("precision_names", p), help=say("precision_help"))
    furniture = st.checkbox(
        label("furniture"), key=state.FURNITURE, bind=state.URL,
        help=say("furniture_help"))
    if not corpus.events:
        return Filters(dates, tuple(regions), tuple(kinds), tuple(sources), words,
                       precision, furniture, corpus.span, history=history)
    st.subheader(say("what_happened"))
    types = st.multiselect(label("types"), list(incidents.TYPES), key=state.TYPES,
                           bind=state.URL, format_func=incidents.type_label,
                           placeholder=say("all"))
    actors = st.multiselect(label("actors"), list(incidents.ACTORS), key=state.ACTORS,
                            bind=state.URL, format_func=incidents.actor_label,
                            placeholder=say("all"), help=say("actors_help"))
    casualties = st.checkbox(label("casualties"), key=state.CASUALTIES,
                             bind=state.URL, help=say("casualties_help"))
    return Filters(dates, tuple(regions), tuple(kinds), tuple(sources), words, precision,
                   furniture, corpus.span, tuple(types), tuple(actors), casualties, history)


def date_range(span: tuple[date, date]) -> tuple[date, date]:
    """A date slider, and a date-range input that mirrors it for typing dates."""
    timeline.advance(span)  # while the timeline plays
    state.clamp_dates(span)
    lo, hi = st.slider(label("dates"), min_value=span[0], max_value=span[1], value=span,
                       key=state.DATES, bind=state.URL, format="YYYY-MM-DD",
                       help=say("dates_help"))
    if lo > hi:  # a link's dates the wrong way round: no mention would be kept
        lo, hi = hi, lo
        st.caption(say("dates_reversed", lo=f"{lo:%Y-%m-%d}", hi=f"{hi:%Y-%m-%d}"))
    # A new input for each range the slider shows: it opens on that range.
    typed = f"{state.TYPED_DATES}-{lo}-{hi}"
    st.date_input(say("typed_dates"), value=(lo, hi), min_value=span[0], max_value=span[1],
                  key=typed, on_change=_typed_dates, args=(typed,), format="YYYY-MM-DD")
    return lo, hi


def _typed_dates(key: str) -> None:
    """Dates typed or picked move the slider (which the URL follows), once both ends
    are given."""
    typed = st.session_state[key]
    if len(typed) == 2:
        st.session_state[state.DATES] = typed
