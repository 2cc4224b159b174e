"""The timeline: bins that fit the window, coarse dates spread, the brush, the player."""

from __future__ import annotations

import json
from datetime import date

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard import state, timeline
from dashboard.filters import Filters
from dashboard.view import View
from tests.test_app import APP

D = date.fromisoformat


def periods(*rows: tuple[str, str, int]) -> pd.DataFrame:
    """Counts per date period, as View.periods gives them."""
    return pd.DataFrame([(pd.Timestamp(a), pd.Timestamp(b), n) for a, b, n in rows],
                        columns=["date_first", "date_last", "mentions"])


def bars(frame: pd.DataFrame) -> pd.DataFrame:
    """The binned frame as one row per bin: its start and each kind's count."""
    return frame.pivot(index="start", columns="kind", values="mentions")


@pytest.mark.parametrize(("window", "unit"), [
    (("2025-09-01", "2025-09-30"), "day"),  # 61 days shown with the context
    (("2025-01-01", "2025-12-31"), "week"),
    (("2019-01-01", "2025-12-31"), "month"),
])
def test_the_bins_fit_the_window_and_its_context(window, unit):
    span = (D("2014-01-01"), D("2026-12-31"))
    window = (D(window[0]), D(window[1]))
    shown = timeline.shown(window, span)
    half = ((window[1] - window[0]).days + 1) // 2
    assert (window[0] - shown[0]).days in (half, half + 1)
    assert timeline.unit_for(shown) == unit
    frame, got = timeline.binned(periods(("2025-09-15", "2025-09-15", 3)), window, span)
    assert got == unit and (unit == "month" or len(frame) // 2 <= 110)


def test_the_context_stops_at_the_span():
    span = (D("2025-01-01"), D("2025-12-31"))
    assert timeline.shown((D("2025-01-01"), D("2025-06-30")), span) == (
        D("2025-01-01"), D("2025-09-28"))  # and half of 181 days after it


def test_a_year_only_date_is_spread_over_its_months_not_a_january_spike():
    span = window = (D("2019-01-01"), D("2019-12-31"))
    frame, unit = timeline.binned(periods(("2019-01-01", "2019-12-31", 365),
                                          ("2019-03-05", "2019-03-05", 2),
                                          ("2019-03-01", "2019-03-31", 31)), window, span)
    counts = bars(frame)
    assert unit == "week" and counts.index[0] == "2018-12-31"  # weeks start on Monday
    spread = counts[timeline.SPREAD]
    assert spread.max() <= 7 + 7 + 1e-9  # a year's 7 days a week, a month's 7 at most
    assert counts[timeline.DATED].sum() == 2  # the day alone fits one week
    assert abs(counts.to_numpy().sum() - (365 + 2 + 31)) < 1e-9  # nothing lost in the year
    monthly, unit = timeline.binned(periods(("2019-01-01", "2019-12-31", 12)),
                                    (D("2014-01-01"), D("2025-12-31")),
                                    (D("2014-01-01"), D("2025-12-31")))
    year = bars(monthly).loc["2019-01-01":"2019-12-01"]
    days = pd.to_datetime(year.index).days_in_month
    assert unit == "month" and ((year[timeline.SPREAD] - 12 * days / 365).abs() < 1e-9).all()
    assert year[timeline.DATED].eq(0).all()


def test_bins_touching_the_window_are_chosen():
    span = (D("2025-01-01"), D("2025-12-31"))
    frame, unit = timeline.binned(periods(), (D("2025-09-10"), D("2025-09-20")), span)
    chosen = frame.loc[frame["chosen"], "start"].unique()
    assert unit == "day" and (chosen[0], chosen[-1]) == ("2025-09-10", "2025-09-20")


def test_the_periods_in_view_are_counted_in_sql(seed_corpus):
    view = View(seed_corpus.store, Filters(furniture=True))
    counted = view.periods()
    dated = seed_corpus.store.value("SELECT count(*) FROM mentions WHERE date_first IS NOT "
                                    "NULL AND NOT historical")
    assert counted["mentions"].sum() == dated
    assert len(counted) == counted[["date_first", "date_last"]].drop_duplicates().shape[0]
    frame, _ = timeline.binned(counted, seed_corpus.span, seed_corpus.span)
    assert abs(frame["mentions"].sum() - dated) < 1e-9


def test_the_chart_draws_bins_as_stacked_rectangles_with_a_brush():
    frame, unit = timeline.binned(periods(("2025-09-15", "2025-09-15", 3)),
                                  (D("2025-09-01"), D("2025-09-30")),
                                  (D("2025-01-01"), D("2025-12-31")))
    assert (frame["high"] - frame["low"] == frame["mentions"]).all()
    spread = frame[frame["kind"] == timeline.SPREAD]
    assert (spread["low"].to_numpy() == frame.loc[frame["kind"] == timeline.DATED, "high"]
            .to_numpy()).all()  # stacked on the mentions dated within the bin
    spec = timeline.chart(frame, unit).to_dict()
    assert spec["mark"]["type"] == "rect"
    assert {"x", "x2", "y", "y2", "color", "opacity"} <= set(spec["encoding"])
    assert spec["encoding"]["x"]["scale"]["type"] == "utc"
    assert spec["params"][0]["name"] == "brush"
    assert spec["params"][0]["select"] == {"type": "interval", "encodings": ["x"]}


SPAN = (D("2018-12-26"), D("2026-01-31"))


@pytest.mark.parametrize(("interval", "dates"), [
    ([1_757_030_400_000, 1_759_190_400_000], ("2025-09-05", "2025-09-30")),  # ms, UTC
    (["2025-09-05T13:00:00", "2025-09-30T01:00:00"], ("2025-09-05", "2025-09-30")),
    ([1_500_000_000_000, 1_546_300_800_000], ("2018-12-26", "2019-01-01")),  # clamped
])
def test_a_brushed_interval_is_the_days_it_covers(interval, dates):
    assert timeline.brushed({"brush": {"start": interval}}, SPAN) == (D(dates[0]),
                                                                      D(dates[1]))


@pytest.mark.parametrize("selection", [{}, {"brush": {}}, {"brush": {"start": []}}])
def test_nothing_brushed_chooses_nothing(selection):
    assert timeline.brushed(selection, SPAN) is None


def test_play_steps_a_week_and_stops_at_the_end():
    span = (D("2025-01-01"), D("2025-03-10"))
    assert timeline.stepped((D("2025-01-01"), D("2025-01-31")), span) == (
        D("2025-01-08"), D("2025-02-07"))
    assert timeline.stepped((D("2025-02-01"), D("2025-03-07")), span) == (
        D("2025-02-04"), D("2025-03-10"))
    # A window at the end starts again from the start; the whole span, a month long.
    assert timeline.rewound((D("2025-02-01"), D("2025-03-10")), span) == (
        D("2025-01-01"), D("2025-02-07"))
    assert timeline.rewound(span, span) == (D("2025-01-01"), D("2025-01-28"))
    assert timeline.rewound((D("2025-01-05"), D("2025-01-09")), span) == (
        D("2025-01-05"), D("2025-01-09"))


# The page, under Streamlit's AppTest (``app``: after its first run on the seeds).


def chart_spec(at: AppTest) -> dict:
    [chart] = at.get("vega_lite_chart")
    return json.loads(chart.proto.spec)


def per(at: AppTest) -> str:
    """The unit the timeline says it counts by."""
    return next(c.value for c in at.caption if c.value.startswith("Mentions per ")).split()[2]


def test_the_timeline_follows_the_chosen_dates(app):
    assert per(app) == "month;" and chart_spec(app)["encoding"]["x"]["axis"]["format"] == (
        "%b %Y")
    [chart] = app.get("vega_lite_chart")
    assert chart.proto.selection_mode == ["brush"]  # a selection reruns the page
    app.slider(key=state.DATES).set_value((D("2025-09-01"), D("2025-12-31"))).run()
    assert per(app) == "week;"
    app.slider(key=state.DATES).set_value((D("2025-11-20"), D("2025-11-30"))).run()
    assert per(app) == "day;"


def test_a_historical_reference_moves_no_range(app):
    assert app.slider(key=state.DATES).value == SPAN
    shown = app.caption[0].value
    app.checkbox(key=state.HISTORY).check().run()
    assert not app.exception
    # Iraq "since 2014" and the like are on the page now, the range as it was.
    assert app.slider(key=state.DATES).value == SPAN and app.caption[0].value != shown
    assert int(app.caption[0].value.split()[0]) > int(shown.split()[0])


# An article of 22 May 2018 that reports an attack "yesterday" in Sinjar and recalls the
# conflicts of Hawija "since the year 1984".
HISTORY = ("بغداد - 22 أيار 2018\n"
           "هاجم مسلحون نقطة أمنية في قضاء سنجار أمس. "
           "ويشهد قضاء الحويجة نزاعات منذ العام 1984.\n")


def test_an_uploaded_article_s_history_moves_no_range(app):
    """The slider was at the seeds' whole span, which misses the upload's: it takes the
    upload's whole span, the article's date and the day before, not 1984."""
    upload = ("sinjar.txt", HISTORY.encode(), "text/plain")
    app.file_uploader(key=state.UPLOADS).set_value(upload).run()
    assert not app.exception
    article = (D("2018-05-21"), D("2018-05-22"))
    assert app.slider(key=state.DATES).value == article
    options = " | ".join(app.selectbox(key=state.PLACE).options)
    assert "Sinjar" in options and "الحويجة" not in options
    app.checkbox(key=state.HISTORY).check().run()
    assert app.slider(key=state.DATES).value == article
    assert "الحويجة" in " | ".join(app.selectbox(key=state.PLACE).options)


def test_the_history_checkbox_is_in_the_url():
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params[state.HISTORY] = "true"
    at.run()
    assert at.checkbox(key=state.HISTORY).value


def test_play_moves_the_dates_a_week_at_each_tick_and_stops_at_the_end(app):
    app.slider(key=state.DATES).set_value((D("2025-11-01"), D("2025-12-31"))).run()
    app.toggle(key=state.PLAYING).set_value(True).run()
    assert not app.exception and app.toggle(key=state.PLAYING).value
    # What the player's timer (a fragment run every few seconds) asks of the next run.
    for window in [("2025-11-08", "2026-01-07"), ("2025-11-15", "2026-01-14"),
                   ("2025-11-22", "2026-01-21"), ("2025-11-29", "2026-01-28")]:
        app.session_state[state.PLAY_STEP] = True
        app.run()
        assert app.slider(key=state.DATES).value == (D(window[0]), D(window[1]))
        assert app.toggle(key=state.PLAYING).value
    app.session_state[state.PLAY_STEP] = True
    app.run()
    assert app.slider(key=state.DATES).value == (D("2025-12-02"), D("2026-01-31"))
    assert not app.toggle(key=state.PLAYING).value  # the end: stopped


def test_play_on_the_whole_span_starts_a_month_from_the_start(app):
    app.toggle(key=state.PLAYING).set_value(True).run()
    assert app.slider(key=state.DATES).value == (D("2018-12-26"), D("2019-01-22"))
