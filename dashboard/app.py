"""Iraq security map: where Arabic security news names places, when, and in which words.

    streamlit run dashboard/app.py                                # the bundled seeds/
    streamlit run dashboard/app.py -- --corpus DIR                # a folder of articles
    streamlit run dashboard/app.py -- --mentions mentions.parquet # `gazetteer ingest` tables

The page reads top to bottom: configuration, loading, filters, map and excerpts,
timeline and places, export. Every filter and the chosen place live in the URL.
"""

# ruff: noqa: E402 (the imports follow the path set-up they need)
import sys
from dataclasses import replace
from functools import partial
from pathlib import Path

# `streamlit run` puts dashboard/ on the path, not the repository that holds the packages.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import streamlit as st
from streamlit_folium import st_folium

from dashboard import access, data, excerpts, export, filters, mapview, sidebar, state, timeline
from dashboard.wording import counted

st.set_page_config(page_title="Iraq security map", page_icon="🗺️", layout="wide")
st.title("Iraq security map")

# A host may require a password (dashboard/access.py): until it is given, nothing loads.
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
# Everything but the dates first: the timeline shows the chosen dates against all of them.
any_date = filters.keep(corpus.mentions, replace(chosen, dates=None))
view = corpus.mentions[any_date & filters.in_dates(corpus.mentions, chosen.dates)]
places = data.place_counts(corpus, view)
st.caption(f"{counted(len(view), 'mention')} of {counted(len(places), 'place')} in "
           f"{counted(view['doc_id'].nunique(), 'article')}")

# Map and excerpts: a click on the map or a choice in the list selects a place.
left, right = st.columns([3, 2], gap="medium")
with left:
    on_map = mapview.drawn(places)
    clicked = st_folium(mapview.build(on_map, view["admin1"].value_counts(), gaz),
                        key=state.MAP, height=560, use_container_width=True,
                        returned_objects=state.MAP_RETURNS)
    if len(on_map) < places["lat"].notna().sum():
        st.caption(f"The map shows the {mapview.MAX_PLACES:,} most mentioned places; "
                   "the list and the exports hold them all.")
    st.html(mapview.legend_html(places))
    if corpus.spans_days:
        st.altair_chart(timeline.chart(timeline.monthly(
            corpus.mentions.loc[any_date, "date_first"], chosen.dates, corpus.span)),
            width="stretch")
with right:
    state.place_from_url(places.index)
    state.follow_click(clicked, mapview.tooltips(on_map))
    names = dict(zip(places.index, places["label"] + " (" + places["mentions"].astype(str)
                     + ")", strict=True))
    place = st.selectbox("Place", places.index, index=None, key=state.PLACE,
                         format_func=names.get, placeholder="Click the map or choose a place")
    state.place_to_url(place)
    if place:
        rows = excerpts.newest_first(view, place)
        st.caption(f"{counted(len(rows), 'excerpt')}, newest first")
        page = 1
        if len(rows) > excerpts.PAGE_SIZE:  # keyed so that new excerpts open on page 1
            page = st.number_input("Page", 1, -(-len(rows) // excerpts.PAGE_SIZE),
                                   key=f"{state.PAGE}-{place}-{len(rows)}")
        first = (page - 1) * excerpts.PAGE_SIZE
        for row in rows.iloc[first:first + excerpts.PAGE_SIZE].itertuples():
            st.html(excerpts.excerpt_html(row))
            if row.doc_id in corpus.documents.index and st.button(
                    "Open the article", key=f"{state.ARTICLE}-{row.Index}", type="tertiary"):
                excerpts.show_article(corpus, row.doc_id, place)

st.subheader("Places")
st.dataframe(
    places[["name_ar", "name_en", "kind", "region", "mentions"]], hide_index=True,
    column_config={"name_ar": "Arabic", "name_en": "English", "kind": "Kind",
                   "region": "Governorate / region", "mentions": "Mentions"})

# Export what the filters keep; the files are built only when asked for.
csv_column, geojson_column = st.columns(2)
csv_column.download_button("Download mentions (CSV)", partial(export.csv_bytes, view),
                           file_name="mentions.csv", mime="text/csv", on_click="ignore")
geojson_column.download_button(
    "Download mentions (GeoJSON)", partial(export.geojson_bytes, view),
    file_name="mentions.geojson", mime="application/geo+json", on_click="ignore")
