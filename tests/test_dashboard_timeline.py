"""The timeline's monthly counts and the window it colours."""

from __future__ import annotations

from datetime import date

from dashboard import timeline


def test_every_month_of_the_span_is_counted_and_the_window_marked(seed_corpus):
    months = timeline.monthly(seed_corpus.mentions["date_first"], (date(2025, 1, 1),
                              date(2025, 12, 31)), seed_corpus.span)
    assert len(months) == 12 * 12 + 1  # January 2014 to January 2026
    assert months["mentions"].sum() == seed_corpus.mentions["date_first"].notna().sum()
    chosen = months.loc[months["chosen"], "month"]
    assert chosen.min().strftime("%Y-%m") == "2025-01" and len(chosen) == 12
    assert months.set_index("month").at["2014-01-01", "mentions"] == 6  # "2014" in January


def test_the_chart_draws_months_as_bars(seed_corpus):
    spec = timeline.chart(timeline.monthly(seed_corpus.mentions["date_first"], None,
                                           seed_corpus.span)).to_dict()
    assert spec["mark"]["type"] == "rect"
    assert {"x", "x2", "y", "y2", "color"} <= set(spec["encoding"])
