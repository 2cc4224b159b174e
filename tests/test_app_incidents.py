"""The incident layer of the page, run headless by Streamlit's AppTest."""

from __future__ import annotations

import sys

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import state
from dashboard.filters import Filters
from dashboard.view import View
from tests.conftest import INCIDENTS
from tests.test_app import APP, html


@pytest.fixture
def app(monkeypatch) -> AppTest:
    """The page on tests/data/incidents.jsonl, after its first run."""
    monkeypatch.setattr(sys, "argv", ["dashboard/app.py", "--corpus", str(INCIDENTS)])
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    return at


def headings(at: AppTest) -> list[str]:
    """The incidents the panel lists, as the text of their headings."""
    return [h.proto.body for h in at.html if "report" in h.proto.body and "from" in
            h.proto.body and "<mark>" not in h.proto.body]


def test_incidents_are_the_default_view_with_the_newest_first(app):
    assert app.radio(key=state.LAYER).value == "incidents"
    assert "3 incidents in view, newest first" in [c.value for c in app.caption]
    listed = headings(app)
    assert len(listed) == 3 and "2025-03-09" in listed[0]
    car_bomb = next(h for h in listed if "2 reports" in h)
    assert "5–6 killed" in car_bomb and "2 outlets" in car_bomb  # a range, not 11
    # Each report is its excerpt with the clause that reports it marked.
    assert html(app).count("<mark>") == 4


def test_choosing_a_place_lists_its_incidents_only(app, incident_corpus):
    where = View(incident_corpus.store, Filters()).incident_places()
    tarmiyah = where.index[where["label"].str.contains("Tarmiyah")][0]
    app.selectbox(key=state.PLACE).set_value(tarmiyah).run()
    assert "2 incidents here, newest first" in [c.value for c in app.caption]
    assert all("Tarmiyah" in h for h in headings(app))


def test_event_filters_narrow_incidents_and_mentions(app):
    before = app.caption[0].value
    app.checkbox(key=state.CASUALTIES).check().run()
    assert "1 incident in view, newest first" in [c.value for c in app.caption]
    assert app.caption[0].value != before and app.caption[0].value.startswith("2 mentions")
    app.checkbox(key=state.CASUALTIES).uncheck().run()
    app.multiselect(key=state.TYPES).select("arrest").run()
    assert "0 incidents in view, newest first" in [c.value for c in app.caption]


def test_the_mentions_stay_a_layer_of_their_own(app):
    app.radio(key=state.LAYER).set_value("mentions").run()
    assert not app.exception and not headings(app)
    assert "Baghdad" in " ".join(app.selectbox(key=state.PLACE).options)


def test_the_seeds_open_on_place_mentions_their_incidents_being_furniture():
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert at.radio(key=state.LAYER).value == "mentions"
    assert at.radio(key=state.LAYER).options == ["Incidents", "Place mentions"]
