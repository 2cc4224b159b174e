"""Iraq security map: where Arabic security news names places, when, and in which words.

    streamlit run dashboard/app.py                                # the bundled seeds/
    streamlit run dashboard/app.py -- --corpus DIR                # a folder of articles
    streamlit run dashboard/app.py -- --dataset DIR               # `gazetteer ingest -o DIR`

The page reads top to bottom: configuration, loading, filters, map and excerpts,
timeline and places, export. Every filter and the chosen place live in the URL.
"""

# ruff: noqa: E402 (the imports follow the path set-up they need)
import sys
from functools import partial
from pathlib import Path

# `streamlit run` puts dashboard/ on the path, not the repository that holds the packages.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import streamlit as st
from streamlit_folium import st_folium

from dashboard import access, data, export, language, mapview, panels, sidebar, state, timeline
from dashboard.view import MAX_LISTED, View, listed
from dashboard.wording import counted, say

INCIDENTS, MENTIONS = "incidents", "mentions"  # what the map shows
EVIDENCE = "evidence"  # the key of the column of excerpts and incidents
# The places table's columns, by the strings naming them (col_...).
COLUMNS = {"name_ar": "arabic", "name_en": "english", "kind": "kind", "label": "place",
           "region": "region", "mentions": "mentions", "incidents": "incidents",
           "type": "mostly", "killed": "killed", "wounded": "wounded"}

st.set_page_config(page_title="Iraq security map", page_icon="🗺️", layout="wide")
lang = language.choose()  # English or Arabic (right to left), for every word below
st.title(say("title"))

# A host may require a password (dashboard/access.py): until it is given, nothing loads.
state.drop_forged()
if not access.granted():
    st.stop()
given = state.opened()  # the link this session opened on, to name what it could not use
notices = st.container()

# Load: this session's uploads if any, else the corpus the server was started on.
limits = data.upload_limits()
with st.sidebar:
    # The browser refuses a larger file (it counts MB of 2**20 bytes: the library then
    # rejects, with its reason, a file between the two).
    uploads = st.file_uploader(
        say("upload"), type=data.UPLOAD_TYPES, accept_multiple_files=True,
        key=state.UPLOADS, max_upload_size=limits.file_bytes // 1_000_000,
        help=data.upload_help(limits))
uploaded = data.session_corpus(uploads, limits)
corpus = uploaded or data.server_corpus()
if state.uploads_to_url(uploaded is not None):
    notices.info(say("link_on_uploads", corpus=corpus.name))
gaz = data.gazetteer_index()
with st.expander(f"{corpus.name}: {corpus.summary}"):
    st.dataframe(corpus.report, hide_index=True)

# Filter.
with st.sidebar:
    chosen = sidebar.filters(corpus, [p.name_en for p in data.governorates()])
view = View(corpus.store, chosen)
places = view.places()
if not len(places) and (emptied := view.emptied_by()):
    names = [sidebar.label(f) for f in emptied]
    notices.warning(say("emptied", filters="، ".join(names) if language.right_to_left()
                        else ", ".join(names)))
    notices.button(say("clear_them"), on_click=sidebar.clear,
                    args=(emptied, corpus.span))
st.caption(say("in_view", mentions=counted(int(places["mentions"].sum()), "mention"),
               places=counted(len(places), "place"),
               articles=counted(view.documents(), "article")))

# What the map shows: incidents where the articles report any, else the places named.
layers = [INCIDENTS, MENTIONS] if corpus.events else [MENTIONS]
shown = st.radio(say("map_shows"), layers, index=0 if corpus.body_events else len(layers) - 1,
                 key=state.LAYER, bind=state.URL, horizontal=True,
                 format_func=lambda layer: say(f"layer_{layer}"))
on_incidents = shown == INCIDENTS
marked = view.incident_places() if on_incidents else places

# Map and evidence: a click on the map or a choice in the list selects a place.
left, right = st.columns([3, 2], gap="medium")
with left:
    on_map = mapview.drawn(marked)
    count = "incidents" if on_incidents else "mentions"
    shading = mapview.by_governorate(marked, count)
    if on_incidents:
        tips = mapview.incident_tooltips(on_map)
        folium_map = mapview.build_incidents(on_map, shading, gaz, lang, state.map_view())
    else:
        tips = mapview.tooltips(on_map)
        folium_map = mapview.build(on_map, shading, gaz, lang, state.map_view())
    # render=False: st_folium renders the map itself anyway; its first render of the
    # whole figure adds nothing to what it sends, and doubled the cost of every rerun.
    clicked = st_folium(folium_map, key=state.MAP, height=560, use_container_width=True,
                        render=False, returned_objects=state.MAP_RETURNS)
    if len(on_map) < marked["lat"].notna().sum() - len(mapview.countries(marked)):
        st.caption(say("capped", n=f"{mapview.MAX_PLACES:,}"))
    st.html(mapview.legend_html(on_map, shading, on_incidents))
    if len(whole := mapview.countries(marked)):
        st.caption(say("whole_countries", countries=", ".join(
            f"{label} ({n:,})" for label, n in zip(whole["label"], whole[count], strict=True))))
    if corpus.spans_days:
        timeline.draw(view, chosen.dates, corpus.span)
with right.container(key=EVIDENCE):
    state.place_from_url(marked.index)
    if state.follow_click(clicked, tips):
        language.bring_into_view(EVIDENCE)  # on a phone, the excerpts are under the map
    shown = listed(marked, st.session_state.get(state.PLACE))
    counts = shown["incidents" if on_incidents else "mentions"].astype(str)
    names = dict(zip(shown.index, shown["label"] + " (" + counts + ")", strict=True))
    place = st.selectbox(say("place"), shown.index, index=None, key=state.PLACE,
                         format_func=names.get, placeholder=say("place_placeholder"))
    state.place_to_url(place)
    if on_incidents:
        panels.reported(view, marked, place)
    else:
        panels.mentions(view, place)
    panels.article(view)

st.subheader(say("places"))
st.caption(say("places_hint"))
if len(shown) < len(marked):
    st.caption(say("listed", n=f"{MAX_LISTED:,}", of=f"{len(marked):,}"))
table = shown[["label", "region", "incidents", "type", "killed", "wounded"] if on_incidents
              else ["name_ar", "name_en", "kind", "region", "mentions"]]
st.dataframe(table, hide_index=True, key=state.PLACES_TABLE, selection_mode="single-row",
             on_select=partial(state.choose_row, list(table.index)), column_config={
                 column: say(f"col_{name}") for column, name in COLUMNS.items()})

# Export what the filters keep; the files are built only when asked for, within the
# host's cap (a cut file says so in its last line, and the page on its next run).
csv_column, geojson_column = st.columns(2)
rows, cap, notes = view.rows_query(), export.byte_cap(), state.export_notes()
for note in export.cut_notes(notes):
    st.warning(note)
csv_column.download_button(
    say("download_mentions_csv"), lambda: export.csv_bytes(corpus.store, *rows, cap=cap,
                                                           notes=notes),
    file_name="mentions.csv", mime="text/csv", on_click="ignore")
geojson_column.download_button(
    say("download_mentions_geojson"), lambda: export.geojson_bytes(
        corpus.store, *rows, cap=cap, notes=notes),
    file_name="mentions.geojson", mime="application/geo+json", on_click="ignore")
if corpus.events:
    csv_column.download_button(
        say("download_incidents_csv"), lambda: export.csv_bytes(
            export.acled(view.incidents()), cap=cap, notes=notes),
        file_name="incidents.csv", mime="text/csv", on_click="ignore")
    geojson_column.download_button(
        say("download_incidents_geojson"), lambda: export.geojson_bytes(
            export.acled_geojson(view.incidents()), cap=cap, notes=notes),
        file_name="incidents.geojson", mime="application/geo+json", on_click="ignore")

if given and (unread := state.ignored(given)):
    with notices:  # the values as plain text: they come from whoever wrote the link
        st.warning(say("link_unread"))
        st.text(", ".join(unread))
