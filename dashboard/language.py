"""The interface's language and layout: the switch (English / العربية, kept in the URL),
the right-to-left layout that Arabic takes, the names of the data's values (kinds of
place, regions) in that language, and scrolling a part of the page into view (the
page's one other script, for phones)."""

from __future__ import annotations

import json

import streamlit as st
import streamlit.components.v1 as components

from dashboard import data, state
from dashboard.wording import LANGUAGE, LANGUAGES, named, right_to_left, say

__all__ = ["choose", "kind_name", "region_name", "right_to_left"]

# Text typed in inputs runs in its own direction (Arabic from the right), whatever the page's.
INPUTS = "<style>input, textarea { unicode-bidi: plaintext; text-align: start; }</style>"
# The page's own direction, on its root element: every label and text inherits it.
# The page's own direction, on its root element (every label and text inherits it), and a
# title for the map's frame that says what it shows (screen readers announce it).
DIRECTION = """<script>
const page = window.parent.document, root = page.documentElement;
root.setAttribute("dir", "{dir}"); root.setAttribute("lang", "{lang}");
function title() {
    page.querySelectorAll('iframe[title^="streamlit_folium"], iframe[data-map]')
        .forEach(f => { f.title = {title}; f.dataset.map = "1"; });
}
title();
new MutationObserver(title).observe(page.body, {childList: true, subtree: true});
</script>"""
SCROLL = """<script>
const part = window.parent.document.querySelector(".st-key-{key}");
if (part) part.scrollIntoView({behavior: "smooth", block: "nearest"});
</script>"""


def choose() -> str:
    """Draw the switch in the sidebar, make the chosen language this run's, and lay the
    page out in its direction; returns its code."""
    if state.LANGUAGE not in st.session_state:  # a new session: the link's language
        wanted = st.query_params.get(state.LANGUAGE)
        st.session_state[state.LANGUAGE] = wanted if wanted in LANGUAGES else "en"
    code = st.sidebar.segmented_control(
        "Language · اللغة", list(LANGUAGES), format_func=LANGUAGES.get,
        key=state.LANGUAGE) or "en"
    # Kept in the URL by hand: the control's binding does not keep it.
    state.to_url(state.LANGUAGE, None if code == "en" else code)
    LANGUAGE.set(code)
    st.html(INPUTS)
    components.html(DIRECTION.replace("{dir}", "rtl" if right_to_left() else "ltr")
                    .replace("{lang}", code).replace("{title}", json.dumps(say("map_title"))),
                    height=0)
    return code


def kind_name(kind: str) -> str:
    return named("kind_names", kind)


def region_name(region: str) -> str:
    """A governorate by its name in the current language, or a region that is none."""
    if region in (arabic := {p.name_en: p.name_ar for p in data.governorates()}):
        return arabic[region] if right_to_left() else region
    return named("region_names", region)


def bring_into_view(key: str) -> None:
    """Scroll the container of ``key`` into view if it is not (on a narrow screen the
    columns stack, and a tapped marker's excerpts lie below the map)."""
    components.html(SCROLL.replace("{key}", key), height=0)
