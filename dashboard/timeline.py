"""The timeline: mentions per month, the months of the chosen dates in colour."""

from __future__ import annotations

from datetime import date

import altair as alt
import pandas as pd

IN, OUT = "#c0392b", "#c8c8c8"


def monthly(counts: pd.Series, dates: tuple[date, date] | None,
            span: tuple[date, date] | None) -> pd.DataFrame:
    """Mentions per month of the corpus' ``span`` (every month, none left out), from the
    ``counts`` of the months that have any (by the month's first day, as
    :meth:`dashboard.view.View.months` gives them: a year-only date counts in January),
    and whether the month touches the chosen ``dates``."""
    months = pd.period_range(*span, freq="M") if span else pd.PeriodIndex([], freq="M")
    counts = counts.set_axis(counts.index.to_period("M")).reindex(months, fill_value=0)
    frame = pd.DataFrame({"month": months.to_timestamp(), "mentions": counts.to_numpy()})
    frame["until"] = frame["month"] + pd.offsets.MonthBegin(1)
    if dates is None:
        frame["chosen"] = True
    else:
        start, end = pd.Timestamp(dates[0]), pd.Timestamp(dates[1])
        frame["chosen"] = (frame["month"] <= end) & (frame["until"] > start)
    return frame


def chart(frame: pd.DataFrame) -> alt.Chart:
    """Bars per month, each as wide as its month (rectangles from the month's first day
    to the next's: Vega-Lite draws temporal bars a pixel wide); the chosen window in
    colour, the rest in grey."""
    colour = alt.condition(alt.datum.chosen, alt.value(IN), alt.value(OUT))
    return alt.Chart(frame, height=140).mark_rect().encode(
        x=alt.X("month:T", title=None, axis=alt.Axis(format="%b %Y")), x2="until:T",
        y=alt.Y("mentions:Q", title="Mentions"), y2=alt.datum(0),
        color=colour,
        tooltip=[alt.Tooltip("month:T", title="Month", format="%B %Y"), "mentions:Q"],
    )
