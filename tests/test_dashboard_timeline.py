"""The timeline's monthly counts and the window it colours."""

from __future__ import annotations

from datetime import date

from dashboard import timeline
from dashboard.filters import Filters
from dashboard.view import View


def every_month(corpus):
    return View(corpus.store, Filters(furniture=True)).months()


def test_every_month_of_the_span_is_counted_and_the_window_marked(seed_corpus):
    months = timeline.monthly(every_month(seed_corpus), (date(2025, 1, 1),
                              date(2025, 12, 31)), seed_corpus.span)
    assert len(months) == 12 * 12 + 1  # January 2014 to January 2026
    assert months["mentions"].sum() == seed_corpus.store.value(
        "SELECT count(*) FROM mentions WHERE date_first IS NOT NULL")
    chosen = months.loc[months["chosen"], "month"]
    assert chosen.min().strftime("%Y-%m") == "2025-01" and len(chosen) == 12
    assert months.set_index("month").at["2014-01-01", "mentions"] == 6  # "2014" in January


def test_the_chart_draws_months_as_bars(seed_corpus):
    spec = timeline.chart(timeline.monthly(every_month(seed_corpus), None,
                                           seed_corpus.span)).to_dict()
    assert spec["mark"]["type"] == "rect"
    assert {"x", "x2", "y", "y2", "color"} <= set(spec["encoding"])
