"""The timeline: mentions over the chosen dates, with some context on each side.

It shows the chosen window and half its length again on each side (within the corpus'
span), binned by day, week or month, the finest unit whose bins fit (:data:`UNITS`); the
bins that touch the window are in colour. A mention dated only to a month or a year is
no spike on its first day: it counts in each bin its period covers in proportion to the
days they share (a year-only mention adds 31/365 of itself to January), drawn paler than
the mentions dated within a bin. The binning is SQL over the counts per date period that
:meth:`dashboard.view.View.periods` gives (SQL too), never Python over rows.

Dragging across the chart sets the dates (its interval goes to the date slider, which the
URL follows); "Play" moves the window a week on every :data:`TICK_SECONDS`, until it
reaches the end of the span.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache, partial

import altair as alt
import duckdb
import pandas as pd
import streamlit as st

from dashboard import state
from dashboard.view import View
from dashboard.wording import say

IN, OUT = "#c0392b", "#b0b0b0"
CONTEXT = 0.5  # of the window's length, shown on each side of it
# The finest unit of bins for the days shown: at most about a hundred bars.
UNITS = (("day", 92), ("week", 732), ("month", None))
STEP = timedelta(weeks=1)  # how far the window moves at each tick of Play
TICK_SECONDS = 2.0
PLAY_FROM_START = timedelta(weeks=4)  # the window Play starts with when it is the span
DATED, SPREAD = "dated within it", "spread from a month or a year"

# Mentions per bin of ``unit`` from the counts per period (the table ``periods``): a period
# within one bin counts whole, one that spans more is spread by the days it shares. Each
# kind of count is a row, stacked (``low`` to ``high``: the mentions dated within the bin
# below). Parameters: the first and last day shown, the window's first and last day.
BINS = """
WITH bins AS (
    SELECT start::DATE AS start, (start + INTERVAL 1 {unit})::DATE AS until
    FROM range(date_trunc('{unit}', $first::DATE)::TIMESTAMP,
               ($last::DATE + 1)::TIMESTAMP, INTERVAL 1 {unit}) AS r(start)),
p AS (SELECT date_first::DATE AS first, date_last::DATE AS last, mentions FROM periods),
counted AS (
    SELECT start, until, {label} AS bin, start <= $to AND until > $from AS chosen,
        coalesce(sum(mentions) FILTER (WHERE first >= start AND last < until), 0) AS dated,
        coalesce(sum(mentions * datediff('day', greatest(first, start),
                                         least(last + 1, until))
                      / (datediff('day', first, last) + 1))
                 FILTER (WHERE NOT (first >= start AND last < until)), 0) AS spread
    FROM bins LEFT JOIN p ON first < until AND last >= start
    GROUP BY start, until),
stacked AS (
    SELECT *, '{dated}' AS kind, 0 AS low, dated AS high, dated AS mentions FROM counted
    UNION ALL
    SELECT *, '{spread}', dated, dated + spread, spread FROM counted)
SELECT strftime(start, '%Y-%m-%d') AS start, strftime(until, '%Y-%m-%d') AS until, bin,
    chosen, kind, low, high, mentions
FROM stacked ORDER BY start, kind
"""
LABELS = {"day": "strftime(start, '%-d %b %Y')",
          "week": "'week of ' || strftime(start, '%-d %b %Y')",
          "month": "strftime(start, '%B %Y')"}
AXIS = {"day": "%-d %b", "week": "%-d %b %Y", "month": "%b %Y"}  # the dates under the bars
DAYS = {"day": 1, "week": 7, "month": 28}  # at least this far apart, so no date twice


def shown(window: tuple[date, date], span: tuple[date, date]) -> tuple[date, date]:
    """The days the timeline shows: the ``window`` and :data:`CONTEXT` of its length on
    each side, within ``span``."""
    pad = timedelta(days=round(((window[1] - window[0]).days + 1) * CONTEXT))
    return max(window[0] - pad, span[0]), min(window[1] + pad, span[1])


def unit_for(days: tuple[date, date]) -> str:
    """The finest unit of :data:`UNITS` whose bins fit the ``days`` shown."""
    length = (days[1] - days[0]).days + 1
    return next(unit for unit, most in UNITS if most is None or length <= most)


def binned(periods: pd.DataFrame, window: tuple[date, date], span: tuple[date, date]
           ) -> tuple[pd.DataFrame, str]:
    """The timeline's bars and their unit: two rows per bin (``start``, ``until``, its
    label ``bin``, whether it touches the ``window``: ``chosen``), one per ``kind`` of
    count (:data:`DATED`, :data:`SPREAD`: ``mentions``, stacked from ``low`` to
    ``high``), from ``periods`` (:meth:`dashboard.view.View.periods`)."""
    first, last = shown(window, span)
    unit = unit_for((first, last))
    sql = BINS.format(unit=unit, label=LABELS[unit], dated=DATED, spread=SPREAD)
    with _database().cursor() as db:  # a connection of its own, for this session alone
        db.register("periods", periods)
        frame = db.execute(sql, {"first": first, "last": last, "from": window[0],
                                 "to": window[1]}).df()
    return frame, unit


@cache
def _database() -> duckdb.DuckDBPyConnection:
    """An empty database in memory, made once: connecting costs a tenth of a second, a
    cursor next to nothing."""
    return duckdb.connect()


def chart(frame: pd.DataFrame, unit: str) -> alt.Chart:
    """Bars as rectangles from each bin's first day to the next's (Vega-Lite draws
    temporal bars a pixel wide otherwise), the window's in colour and the rest grey, the
    spread part paler, on top; a brush along x (named ``brush``) to choose dates. Days
    are UTC throughout, so that a brushed instant is the day drawn under it in any time
    zone."""
    utc = alt.Scale(type="utc")
    brush = alt.selection_interval(name="brush", encodings=["x"])
    return alt.Chart(frame, height=150).mark_rect().encode(
        x=alt.X("start:T", title=None, scale=utc, axis=alt.Axis(
            format=AXIS[unit], tickMinStep=DAYS[unit] * 86_400_000)),  # milliseconds
        x2="until:T", y=alt.Y("low:Q", title="Mentions"), y2="high:Q",
        color=alt.condition(alt.datum.chosen, alt.value(IN), alt.value(OUT)),
        opacity=alt.Opacity("kind:N", scale=alt.Scale(domain=[DATED, SPREAD],
                                                      range=[1.0, 0.4]), legend=None),
        tooltip=[alt.Tooltip("bin:N", title=unit.capitalize()),
                 alt.Tooltip("kind:N", title="Mentions"),
                 alt.Tooltip("mentions:Q", title="Count", format=",.4~f")],
    ).add_params(brush)


def brushed(selection: dict, span: tuple[date, date]) -> tuple[date, date] | None:
    """The days an interval brushed on the chart covers, within ``span`` (None when
    nothing is brushed): the day of its start to the day of its end."""
    interval = (selection.get("brush") or {}).get("start")
    if not interval:
        return None
    lo, hi = (_day(value) for value in interval)
    lo, hi = max(lo, span[0]), min(hi, span[1])
    return (lo, hi) if lo <= hi else None


def _day(value) -> date:
    """The UTC day of an instant as Vega-Lite gives it: milliseconds or an ISO string."""
    instant = pd.Timestamp(value, unit="ms") if isinstance(value, int | float) else (
        pd.Timestamp(value))
    return (instant.tz_convert(None) if instant.tzinfo else instant).date()


def stepped(window: tuple[date, date], span: tuple[date, date]) -> tuple[date, date]:
    """The ``window`` a :data:`STEP` on, as long as it was, its end at most ``span``'s."""
    shift = min(STEP, span[1] - window[1])
    return window[0] + shift, window[1] + shift


def rewound(window: tuple[date, date], span: tuple[date, date]) -> tuple[date, date]:
    """Where Play starts: the ``window`` itself, unless it cannot move on (it ends at the
    end of ``span``): then a window as long from the start, :data:`PLAY_FROM_START` long
    when it was the whole span."""
    if window[1] < span[1]:
        return window
    length = window[1] - window[0] if window[0] > span[0] else PLAY_FROM_START - timedelta(1)
    return span[0], min(span[0] + length, span[1])


def draw(view: View, dates: tuple[date, date] | None, span: tuple[date, date]) -> None:
    """The timeline of ``view`` around the chosen ``dates`` (the whole ``span`` when
    None), its brush bound to the date slider, and its player."""
    window = dates or span
    frame, unit = binned(view.periods(), window, span)
    # A chart of its own for each window: a brush drawn on another window is gone.
    key = f"{state.TIMELINE}-{window[0]}-{window[1]}"
    st.altair_chart(chart(frame, unit), key=key, on_select=partial(_brush, key, span),
                    selection_mode="brush", width="stretch")
    st.caption(say("timeline_caption", unit=say(f"per_{unit}")))
    if st.toggle(say("play"), key=state.PLAYING, on_change=_started, args=(span,),
                 help=say("play_help")):
        st.session_state[state.PLAY_DRAWN] = True
        _tick()


def _brush(key: str, span: tuple[date, date]) -> None:
    """The dates brushed on the chart ``key`` go to the date slider (a callback: it runs
    before the slider is drawn, the only time its state may change)."""
    chosen = brushed(st.session_state[key].selection, span)
    if chosen:
        st.session_state[state.DATES] = chosen


def _started(span: tuple[date, date]) -> None:
    if st.session_state[state.PLAYING]:
        st.session_state[state.DATES] = rewound(st.session_state.get(state.DATES, span), span)


@st.fragment(run_every=TICK_SECONDS)
def _tick() -> None:
    """Every :data:`TICK_SECONDS` while playing, a step (:func:`advance`) and the page
    anew."""
    if st.session_state.pop(state.PLAY_DRAWN, False):
        return  # run as part of the page: only the timer's runs step
    st.session_state[state.PLAY_STEP] = True
    st.rerun()


def advance(span: tuple[date, date]) -> None:
    """Move the dates a step on when the player's timer asks; stop at the end of
    ``span``. Called before the date slider is drawn."""
    if not st.session_state.pop(state.PLAY_STEP, False) or not st.session_state.get(state.PLAYING):
        return
    window = stepped(st.session_state.get(state.DATES, span), span)
    st.session_state[state.DATES] = window
    if window[1] >= span[1]:
        st.session_state[state.PLAYING] = False
