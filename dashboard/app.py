"""Iraq security map: where Arabic security news names places, when, and in which words.

    streamlit run dashboard/app.py                                # the bundled seeds/
    streamlit run dashboard/app.py -- --corpus DIR                # a folder of articles
    streamlit run dashboard/app.py -- --dataset DIR               # `gazetteer ingest -o DIR`

The page reads top to bottom: configuration, loading, filters, map and excerpts,
timeline and places, export. Every filter and the chosen place live in the URL.
"""

# ruff: noqa: E402 (the imports follow the path set-up they need)
import sys
from pathlib import Path

# `streamlit run` puts dashboard/ on the path, not the repository that holds the packages.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import streamlit as st
from streamlit_folium import st_folium

from dashboard import access, data, excerpts, export, mapview, sidebar, state, timeline
from dashboard.view import MAX_LISTED, View, listed
from dashboard.wording import counted

st.set_page_config(page_title="Iraq security map", page_icon="🗺️", layout="wide")
st.title("Iraq security map")

# A host may require a password (dashboard/access.py): until it is given, nothing loads.
state.drop_forged()
if not access.granted():
    st.stop()

# Load: this session's uploads if any, else the corpus the server was started on.
limits = data.upload_limits()
with st.sidebar:
    # The browser refuses a larger file (it counts MB of 2**20 bytes: the library then
    # rejects, with its reason, a file between the two).
    uploads = st.file_uploader(
        "Upload articles", type=data.UPLOAD_TYPES, accept_multiple_files=True,
        key=state.UPLOADS, max_upload_size=limits.file_bytes // 1_000_000,
        help=data.upload_help(limits))
corpus = data.session_corpus(uploads, limits) or data.server_corpus()
gaz = data.gazetteer_index()
with st.expander(f"{corpus.name}: {corpus.summary}"):
    st.dataframe(corpus.report, hide_index=True)

# Filter.
with st.sidebar:
    chosen = sidebar.filters(corpus, [p.name_en for p in data.governorates()])
view = View(corpus.store, chosen)
places = view.places()
st.caption(f"{counted(int(places['mentions'].sum()), 'mention')} of "
           f"{counted(len(places), 'place')} in {counted(view.documents(), 'article')}")

# Map and excerpts: a click on the map or a choice in the list selects a place.
left, right = st.columns([3, 2], gap="medium")
with left:
    on_map = mapview.drawn(places)
    clicked = st_folium(mapview.build(on_map, mapview.by_governorate(places), gaz),
                        key=state.MAP, height=560, use_container_width=True,
                        returned_objects=state.MAP_RETURNS)
    if len(on_map) < places["lat"].notna().sum():
        st.caption(f"The map shows the {mapview.MAX_PLACES:,} most mentioned places; "
                   "the exports hold them all.")
    st.html(mapview.legend_html(places))
    if corpus.spans_days:
        st.altair_chart(timeline.chart(timeline.monthly(view.months(), chosen.dates,
                                                        corpus.span)), width="stretch")
with right:
    state.place_from_url(places.index)
    state.follow_click(clicked, mapview.tooltips(on_map))
    shown = listed(places, st.session_state.get(state.PLACE))
    names = dict(zip(shown.index, shown["label"] + " (" + shown["mentions"].astype(str)
                     + ")", strict=True))
    place = st.selectbox("Place", shown.index, index=None, key=state.PLACE,
                         format_func=names.get, placeholder="Click the map or choose a place")
    state.place_to_url(place)
    if place:
        count = int(places.at[place, "mentions"])
        st.caption(f"{counted(count, 'excerpt')}, newest first")
        page = 1
        if count > excerpts.PAGE_SIZE:  # keyed so that new excerpts open on page 1
            page = st.number_input("Page", 1, -(-count // excerpts.PAGE_SIZE),
                                   key=f"{state.PAGE}-{place}-{count}")
        first = (page - 1) * excerpts.PAGE_SIZE
        for i, row in enumerate(view.excerpts(place, first, excerpts.PAGE_SIZE).itertuples()):
            st.html(excerpts.excerpt_html(row))
            if st.button("Open the article", key=f"{state.ARTICLE}-{first + i}",
                         type="tertiary"):
                excerpts.show_article(corpus.store, row.doc_id, place)

st.subheader("Places")
if len(shown) < len(places):
    st.caption(f"The list and this table hold the {MAX_LISTED:,} most mentioned of the "
               f"{len(places):,} places; the exports hold them all.")
st.dataframe(
    shown[["name_ar", "name_en", "kind", "region", "mentions"]], hide_index=True,
    column_config={"name_ar": "Arabic", "name_en": "English", "kind": "Kind",
                   "region": "Governorate / region", "mentions": "Mentions"})

# Export what the filters keep; the files are built only when asked for, within the
# host's cap (a cut file says so in its last line, and the page on its next run).
csv_column, geojson_column = st.columns(2)
rows, cap, notes = view.rows_query(), export.byte_cap(), state.export_notes()
for note in export.cut_notes(notes):
    st.warning(note)
csv_column.download_button(
    "Download mentions (CSV)", lambda: export.csv_bytes(corpus.store, *rows, cap=cap,
                                                        notes=notes),
    file_name="mentions.csv", mime="text/csv", on_click="ignore")
geojson_column.download_button(
    "Download mentions (GeoJSON)", lambda: export.geojson_bytes(corpus.store, *rows, cap=cap,
                                                                notes=notes),
    file_name="mentions.geojson", mime="application/geo+json", on_click="ignore")
