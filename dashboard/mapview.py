"""The map: one builder per layer, each drawing one feature per place, never one per
mention, and at most ``MAX_PLACES`` places (the most mentioned), so that the map's cost
is bounded whatever the corpus.

Every layer is a single GeoJSON layer (a folium element per marker renders ~100 times
slower); tooltips are plain text passed through :func:`~dashboard.escape.esc`, and
clicking a place's marker or area returns its tooltip text, which names the place
(:func:`tooltips`, :func:`dashboard.state.follow_click`).
"""

from __future__ import annotations

import math

import branca.colormap
import folium
import pandas as pd
from folium import plugins

import gazetteer
from dashboard import basemap, settings
from dashboard.escape import esc
from dashboard.incidents import colour, type_label
from dashboard.kinds import COLOURS, LABELS
from dashboard.wording import counted

IRAQ = (33.2, 43.7)  # where the map opens when nothing is located
# Places drawn: folium re-reads its own output as a template, and streamlit-folium renders
# twice, so a map costs ~0.35 s per MB; 1,000 places make ~0.35 MB. The place list and
# the exports keep every place.
MAX_PLACES = 1_000
MIN_RADIUS, MAX_RADIUS = 4, 30  # marker radius in pixels: one mention .. the most in view
NOT_AREAS = {"settlement", "country", "beyond"}  # drawn as points only
WHOLE_COUNTRIES = {"country", "continent"}  # left out of the map's frame when others are in
MARGIN = 0.5  # degrees around the framed places
# Leaflet, Leaflet.heat and the basemap ship in dashboard/static/, which Streamlit serves
# (server.enableStaticServing): the map draws with no internet, only the raster tiles
# over the basemap need it. The map needs nothing else of folium's default scripts.
STATIC = "/app/static"
LEAFLET_JS = [("leaflet", f"{STATIC}/leaflet/leaflet.js")]
LEAFLET_CSS = [("leaflet_css", f"{STATIC}/leaflet/leaflet.css")]
HEAT_JS = [("leaflet-heat.js", f"{STATIC}/leaflet-heat.min.js")]


def build(located: pd.DataFrame, by_governorate: pd.Series, gaz: gazetteer.Gazetteer,
          language: str = "en") -> folium.Map:
    """The whole map for the places :func:`drawn` chose and the number of mentions in
    each governorate (``admin1`` -> count), its background labelled in ``language``."""
    tips = tooltips(located)
    m = base_map(located, language)
    governorate_layer(by_governorate, gaz).add_to(m)
    heat_layer(located).add_to(m)
    areas_layer(located, tips, gaz).add_to(m)
    places_layer(located, tips).add_to(m)
    folium.LayerControl().add_to(m)
    return m


def build_incidents(located: pd.DataFrame, by_governorate: pd.Series,
                    gaz: gazetteer.Gazetteer, language: str = "en") -> folium.Map:
    """The map of incidents: one circle per place where incidents happened
    (:meth:`dashboard.view.View.incident_places`, ``drawn``), over the governorates
    shaded by their incidents (``admin1`` -> count)."""
    m = base_map(located, language)
    governorate_layer(by_governorate, gaz, "incident").add_to(m)
    incidents_layer(located, incident_tooltips(located)).add_to(m)
    folium.LayerControl().add_to(m)
    return m


def by_governorate(places: pd.DataFrame, count: str = "mentions") -> pd.Series:
    """Mentions (or another ``count``) per governorate (``admin1`` -> count) of the
    places in view."""
    return places.groupby("admin1")[count].sum()


def drawn(places: pd.DataFrame) -> pd.DataFrame:
    """The places the map draws: the ``MAX_PLACES`` first of those located (``places``:
    :meth:`dashboard.view.View.places` or ``incident_places``, the most first)."""
    return places[places["lat"].notna()].head(MAX_PLACES)


def tooltips(places: pd.DataFrame) -> pd.Series:
    """Each place's tooltip as plain text: its names, kind and number of mentions."""
    texts = [f"{label} — {feature or 'place'} — {counted(n, 'mention')}"
             for label, feature, n in zip(places["label"], places["feature"],
                                          places["mentions"], strict=True)]
    return pd.Series(texts, index=places.index, dtype=str)


def incident_tooltips(places: pd.DataFrame) -> pd.Series:
    """Each incident place's tooltip as plain text: its names, its incidents and the
    type most are, and the people killed and wounded where any are."""
    texts = []
    for label, n, kind, killed, wounded in zip(
            places["label"], places["incidents"], places["type"], places["killed"],
            places["wounded"], strict=True):
        tally = ", ".join(f"{c:,} {what}" for c, what in ((killed, "killed"),
                                                            (wounded, "wounded")) if c)
        parts = [label, f"{counted(n, 'incident')} ({type_label(kind)})", tally]
        texts.append(" — ".join(p for p in parts if p))
    return pd.Series(texts, index=places.index, dtype=str)


def base_map(located: pd.DataFrame, language: str = "en") -> folium.Map:
    """A map of only its background (:mod:`.basemap`, labelled in ``language``, under
    the host's raster tiles: :func:`dashboard.settings.tiles`) framed on the located
    places: on those other than countries and continents when there are any (their
    points stand for whole countries and would frame the world), at least a degree
    wide; on Iraq when nothing is located."""
    m = folium.Map(location=IRAQ, zoom_start=6, control_scale=True, tiles=None)
    m.default_js, m.default_css = LEAFLET_JS, LEAFLET_CSS
    basemap.Basemap(f"{STATIC}/{basemap.FILE}", language).add_to(m)
    if tiles := settings.tiles():
        folium.TileLayer(tiles.url, attr=tiles.attribution, control=False).add_to(m)
    framed = located[~located["feature"].isin(WHOLE_COUNTRIES)]
    framed = framed if len(framed) else located
    if len(framed):
        m.fit_bounds([[framed["lat"].min() - MARGIN, framed["lon"].min() - MARGIN],
                      [framed["lat"].max() + MARGIN, framed["lon"].max() + MARGIN]])
    return m


def places_layer(located: pd.DataFrame, tips: pd.Series) -> folium.GeoJson:
    """One circle per place, its area growing with its mentions, coloured by kind
    (``tips``: the places' :func:`tooltips`)."""
    most = located["mentions"].max() if len(located) else 1
    features = [
        _feature(i, {"type": "Point", "coordinates": [round(lon, 4), round(lat, 4)]},
                 tip, kind=kind,
                 r=round(MIN_RADIUS + (MAX_RADIUS - MIN_RADIUS) * math.sqrt(n / most)))
        for i, (lat, lon, tip, kind, n) in enumerate(zip(
            located["lat"], located["lon"], tips, located["kind"],
            located["mentions"], strict=True))
    ]

    def style(feature: dict) -> dict:
        props = feature["properties"]
        return {"radius": props["r"], "fill": True, "fillColor": COLOURS[props["kind"]],
                "fillOpacity": 0.75, "color": "#222", "weight": 1}

    return _layer(features, "Places", marker=folium.CircleMarker(), style_function=style)


def incidents_layer(located: pd.DataFrame, tips: pd.Series) -> folium.GeoJson:
    """One circle per place of incidents, coloured by the type most of them are, its
    area growing with the people killed and wounded there, or with its incidents where
    they are more (``tips``: :func:`incident_tooltips`)."""
    weight = (located["killed"] + located["wounded"]).clip(lower=located["incidents"])
    most = weight.max() if len(located) else 1
    features = [
        _feature(i, {"type": "Point", "coordinates": [round(lon, 4), round(lat, 4)]},
                 tip, colour=colour(kind),
                 r=round(MIN_RADIUS + (MAX_RADIUS - MIN_RADIUS) * math.sqrt(w / most)))
        for i, (lat, lon, tip, kind, w) in enumerate(zip(
            located["lat"], located["lon"], tips, located["type"], weight, strict=True))
    ]

    def style(feature: dict) -> dict:
        props = feature["properties"]
        return {"radius": props["r"], "fill": True, "fillColor": props["colour"],
                "fillOpacity": 0.8, "color": "#222", "weight": 1}

    return _layer(features, "Incidents", marker=folium.CircleMarker(), style_function=style)


def areas_layer(located: pd.DataFrame, tips: pd.Series, gaz: gazetteer.Gazetteer
                ) -> folium.GeoJson:
    """What a point would misrepresent: the gazetteer's polygon or line of a place
    (governorate, district, region, desert, the Hamrin ridge), else a dashed circle
    of the place's uncertainty (``radius_km``) for approximate ones (Wadi al-Shay,
    ±25 km); largest first, so that smaller areas stay clickable on top. ``tips``: the
    places' :func:`tooltips`, so that a click on an area selects its place."""
    areas = []
    for place_id, tip, kind in zip(located["place_id"], tips, located["kind"], strict=True):
        place = gaz.get(place_id)  # None for a place the gazetteer lacks
        if place is None or place.feature_class in NOT_AREAS:
            continue
        if place.geometry:
            areas.append((place.radius_km, gaz.geometry(place.id), tip, kind, 0))
        elif place.precision != "exact":
            point = {"type": "Point", "coordinates": [place.lon, place.lat]}
            areas.append((place.radius_km, point, tip, kind, place.radius_km * 1000))
    areas.sort(key=lambda a: -a[0])
    features = [_feature(i, geometry, tip, kind=kind, metres=metres)
                for i, (_, geometry, tip, kind, metres) in enumerate(areas)]

    def style(feature: dict) -> dict:
        props, shape = feature["properties"], feature["geometry"]["type"]
        colour = COLOURS[props["kind"]]
        if shape == "Point":  # an uncertainty circle, its radius in metres
            return {"radius": props["metres"], "color": colour, "weight": 1.5,
                    "dashArray": "6 4", "fill": True, "fillOpacity": 0.06}
        if "LineString" in shape:
            return {"color": colour, "weight": 5, "opacity": 0.8}
        return {"color": colour, "weight": 1.5, "fill": True, "fillOpacity": 0.08}

    return _layer(features, "Areas", marker=folium.Circle(), style_function=style)


def governorate_layer(by_governorate: pd.Series, gaz: gazetteer.Gazetteer,
                      what: str = "mention") -> folium.GeoJson:
    """The 18 governorates shaded by how many mentions (or ``what``) fall in each."""
    most = max(int(by_governorate.max()), 1) if len(by_governorate) else 1
    scale = branca.colormap.linear.YlOrRd_09.scale(0, most)
    features = []
    for i, place in enumerate(p for p in gaz.places if p.feature == "governorate"):
        n = int(by_governorate.get(place.name_en, 0))
        tip = f"{place.name_ar} · {place.name_en} governorate — {counted(n, what)}"
        features.append(_feature(i, gaz.geometry(place.id), tip, n=n))

    def style(feature: dict) -> dict:
        n = feature["properties"]["n"]
        return {"fill": True, "fillColor": scale(n), "fillOpacity": 0.45 if n else 0,
                "color": "#888", "weight": 0.5}

    return _layer(features, f"{what.capitalize()}s per governorate", style_function=style)


def heat_layer(located: pd.DataFrame) -> plugins.HeatMap:
    """Heat weighted by each place's share of the most mentioned place (hidden at first)."""
    most = located["mentions"].max() if len(located) else 1
    points = [[round(lat, 4), round(lon, 4), round(n / most, 3)] for lat, lon, n in
              zip(located["lat"], located["lon"], located["mentions"], strict=True)]
    heat = plugins.HeatMap(points, name="Heat", show=False, radius=30, min_opacity=0.3)
    heat.default_js = HEAT_JS
    return heat


def legend_html(places: pd.DataFrame) -> str:
    """The colours of the kinds of place in view, and what the shapes mean."""
    present = set(places["kind"])
    dots = " ".join(
        f'<span style="white-space:nowrap"><span style="color:{COLOURS[label]};'
        f'font-size:1.2em">●</span> {esc(label)}</span>'
        for label in LABELS if label in present)
    return (f'<div style="font-size:0.85rem;line-height:1.7">{dots}<br>'
            "Circle size: number of mentions. Outlines and dashed rings: the extent or "
            "uncertainty of areas. Yellow to red: mentions per governorate. The layers "
            "button (top right) also shows a heat map.</div>")


def _feature(i: int, geometry: dict, tip: str, **properties) -> dict:
    return {"type": "Feature", "id": i, "geometry": geometry,
            "properties": {"tip": esc(tip), **properties}}


def _layer(features: list[dict], name: str, **options) -> folium.GeoJson:
    """One GeoJSON layer whose tooltips show each feature's ``tip`` (Leaflet inserts it
    as HTML: :func:`_feature` escaped it)."""
    tooltip = folium.GeoJsonTooltip(fields=["tip"], labels=False, sticky=True)
    return folium.GeoJson({"type": "FeatureCollection", "features": features}, name=name,
                          tooltip=tooltip if features else None, **options)
