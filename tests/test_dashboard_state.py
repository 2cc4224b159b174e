"""A click on the map selects a place, once per click (the map repeats its last click)."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from dashboard import state

KIRKUK_TIP = "كركوك · Kirkuk — governorate — 9 mentions"


def clicks() -> None:
    """A page that hands the map's last click (from session state) to follow_click.
    AppTest runs this function's source alone, hence the imports and the tooltip here."""
    import pandas as pd
    import streamlit as st

    from dashboard import state

    tips = pd.Series(["كركوك · Kirkuk — governorate — 9 mentions"], index=["ocha:IQG13"])
    state.follow_click(st.session_state.get("returned"), tips)


def click(tooltip: str, lat: float) -> dict:
    """What streamlit-folium returns for a click (MAP_RETURNS)."""
    return {"last_object_clicked": {"lat": lat, "lng": 44.0},
            "last_object_clicked_tooltip": tooltip}


def test_a_click_selects_the_place_its_tooltip_names_once():
    at = AppTest.from_function(clicks)
    at.session_state["returned"] = click(f"\n  {KIRKUK_TIP}\n", 35.2)  # innerText's spaces
    at.run()
    assert at.session_state[state.PLACE] == "ocha:IQG13"
    at.session_state[state.PLACE] = "terrain:wadi_al_shay"  # then chosen in the list
    at.run()  # the map still returns its last click: the choice stands
    assert at.session_state[state.PLACE] == "terrain:wadi_al_shay"
    at.session_state["returned"] = click(KIRKUK_TIP, 35.3)  # a new click on Kirkuk
    at.run()
    assert at.session_state[state.PLACE] == "ocha:IQG13"


def test_a_click_on_anything_else_changes_nothing():
    at = AppTest.from_function(clicks)
    at.session_state["returned"] = click("كركوك · Kirkuk governorate — 9 mentions", 35.2)
    at.run()
    assert state.PLACE not in at.session_state
