"""The map: one builder per layer, each drawing one feature per place, never one per
mention, and at most ``MAX_PLACES`` places (those with the most), so that the map's cost
is bounded whatever the corpus.

The map is framed on Iraq. Whole countries and continents are not drawn (a point in the
Anbar desert would stand for "Iraq", and the world would frame the map): the page lists
them beside it (:func:`countries`). Markers show their place's kind (or their incidents'
type) by shape as well as colour (:mod:`dashboard.shapes`), their size by a scale the
legend numbers, and nearby markers are grouped at low zoom into a count
(Leaflet.markercluster). Areas are drawn under the markers and answer no clicks: a click
on empty ground inside a governorate selects nothing.

Every layer is a single GeoJSON layer (a folium element per marker renders ~100 times
slower); tooltips are plain text passed through :func:`~dashboard.escape.esc`, bound to
each marker, and clicking a marker returns its tooltip text, which names the place
(:func:`tooltips`, :func:`dashboard.state.follow_click`).
"""

from __future__ import annotations

import math

import branca.colormap
import folium
import pandas as pd
from branca.element import Element, MacroElement
from folium import plugins
from folium.utilities import JsCode
from jinja2 import Template

import gazetteer
from dashboard import basemap, settings
from dashboard.escape import esc
from dashboard.incidents import TYPES, colour, shape, type_label
from dashboard.kinds import COLOURS, LABELS, SHAPES
from dashboard.shapes import img, svg
from dashboard.wording import counted, named, say

IRAQ = (33.2, 43.7)  # the centre of the default frame
View = tuple[tuple[float, float], int]  # a map's centre and zoom
IRAQ_BOUNDS = ((29.0, 38.8), (37.4, 48.6))  # south-west and north-east corners
# Places drawn: 1,000 places make a map of ~0.4 MB, built and rendered in ~0.15 s. The
# place list and the exports keep every place.
MAX_PLACES = 1_000
MIN_RADIUS, MAX_RADIUS = 5, 24  # marker radius in pixels: one .. the most in view
NOT_AREAS = {"settlement", "country", "beyond"}  # drawn as points only
WHOLE_COUNTRIES = {"country", "continent"}  # listed beside the map, not drawn on it
MARGIN = 0.3  # degrees around the framed places
MAX_RING_KM = 100  # a wider uncertainty circle would cover the map, not mark a place
MIN_SPAN = 1.0  # degrees: the narrowest frame
SHADES = 5  # steps of the governorate shading
# Leaflet, Leaflet.heat, Leaflet.markercluster and the basemap ship in dashboard/static/,
# which Streamlit serves (server.enableStaticServing): the map draws with no internet,
# only the raster tiles over the basemap need it.
STATIC = "/app/static"
LEAFLET_JS = [("leaflet", f"{STATIC}/leaflet/leaflet.js")]
LEAFLET_CSS = [("leaflet_css", f"{STATIC}/leaflet/leaflet.css")]
HEAT_JS = [("leaflet-heat.js", f"{STATIC}/leaflet-heat.min.js")]
CLUSTER_JS = [("markerclusterjs", f"{STATIC}/markercluster/leaflet.markercluster.js")]
CLUSTER_CSS = [("markerclustercss", f"{STATIC}/markercluster/MarkerCluster.css"),
               ("markerclusterdefaultcss", f"{STATIC}/markercluster/MarkerCluster.Default.css")]
# A group of markers shows the sum of their counts (``n``), not how many markers it holds.
CLUSTER_ICON = """function (cluster) {
    var n = 0;
    cluster.getAllChildMarkers().forEach(function (m) { n += m.feature.properties.n; });
    var size = n < 100 ? "small" : n < 1000 ? "medium" : "large";
    return L.divIcon({html: "<div><span>" + n.toLocaleString("en") + "</span></div>",
                      className: "marker-cluster marker-cluster-" + size,
                      iconSize: L.point(40, 40)});
}"""
TOOLTIP = JsCode("function (feature, layer) {"
                 " layer.bindTooltip(feature.properties.tip, {sticky: true}); }")


class Verbatim(MacroElement):
    """A folium element that puts the text its template makes into the page as it is.
    Branca parses every element's output as a Jinja template once more: for a layer of
    a thousand markers, a parse that costs more than the rendering itself, and one that
    would run a "{{" in a place's name as template code."""

    def render(self, **kwargs):
        figure = self.get_root()
        for part in ("header", "html", "script"):
            if macro := self._template.module.__dict__.get(part):
                getattr(figure, part).add_child(_Text(macro(self, kwargs)),
                                                name=self.get_name())
        for child in self._children.values():
            child.render(**kwargs)


class _Text(Element):
    def __init__(self, text: str):
        super().__init__()
        self.text = text

    def render(self, **kwargs) -> str:
        return self.text


class ViewInLink(MacroElement):
    """Keeps the map's centre and zoom in the page's URL ("at=lat,lon,zoom", read back by
    :func:`dashboard.state.map_view`), written by the browser as the visitor moves the
    map. The server is not asked: a run per move reran the whole page, and a run's URL,
    sent with the query string it started on, took back a filter chosen meanwhile."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        (function (map) {
            function keep() {
                var c = map.getCenter(), page = window.parent;
                try {
                    var url = new URL(page.location.href);
                    url.searchParams.set("at", c.lat.toFixed(4) + "," + c.lng.toFixed(4)
                                         + "," + map.getZoom());
                    page.history.replaceState(page.history.state, "", url);
                } catch (e) {}  // a page that keeps its frames from it
            }
            map.on("moveend", keep);
            keep();
        })({{ this._parent.get_name() }});
        {% endmacro %}
    """)


class GeoJson(folium.GeoJson, Verbatim):
    """folium's GeoJSON layer, rendered :class:`Verbatim`."""


class HeatMap(plugins.HeatMap, Verbatim):
    """folium's heat layer, rendered :class:`Verbatim`."""


def build(located: pd.DataFrame, by_governorate: pd.Series, gaz: gazetteer.Gazetteer,
          language: str = "en", view: View | None = None) -> folium.Map:
    """The whole map for the places :func:`drawn` chose and the number of mentions in
    each governorate (``admin1`` -> count), its background labelled in ``language``,
    opened on ``view`` (centre, zoom) if given."""
    tips = tooltips(located)
    m = base_map(located, language, view)
    governorate_layer(by_governorate, gaz).add_to(m)
    heat_layer(located).add_to(m)
    areas_layer(located, tips, gaz).add_to(m)
    places_layer(located, tips).add_to(m)
    folium.LayerControl().add_to(m)
    return m


def build_incidents(located: pd.DataFrame, by_governorate: pd.Series,
                    gaz: gazetteer.Gazetteer, language: str = "en", view: View | None = None
                    ) -> folium.Map:
    """The map of incidents: one marker per place where incidents happened
    (:meth:`dashboard.view.View.incident_places`, ``drawn``), over the governorates
    shaded by their incidents (``admin1`` -> count); as :func:`build`."""
    m = base_map(located, language, view)
    governorate_layer(by_governorate, gaz, "incident").add_to(m)
    incidents_layer(located, incident_tooltips(located)).add_to(m)
    folium.LayerControl().add_to(m)
    return m


def by_governorate(places: pd.DataFrame, count: str = "mentions") -> pd.Series:
    """Mentions (or another ``count``) per governorate (``admin1`` -> count) of the
    places in view (places in none, or across several, count in none)."""
    return places[places["admin1"].fillna("") != ""].groupby("admin1")[count].sum()


def drawn(places: pd.DataFrame) -> pd.DataFrame:
    """The places the map draws: the ``MAX_PLACES`` first of those located, whole
    countries and continents left out (``places``: :meth:`dashboard.view.View.places`
    or ``incident_places``, the most first)."""
    return places[places["lat"].notna() & ~places["feature"].isin(WHOLE_COUNTRIES)
                  ].head(MAX_PLACES)


def countries(places: pd.DataFrame) -> pd.DataFrame:
    """The whole countries and continents in view, which the map does not draw."""
    return places[places["feature"].isin(WHOLE_COUNTRIES)]


def tooltips(places: pd.DataFrame) -> pd.Series:
    """Each place's tooltip as plain text: its names (the label says what it is,
    "Kirkuk (city)") and number of mentions."""
    texts = [f"{label} — {counted(n, 'mention')}"
             for label, n in zip(places["label"], places["mentions"], strict=True)]
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


def base_map(located: pd.DataFrame, language: str = "en", view: View | None = None
             ) -> folium.Map:
    """A map of only its background (:mod:`.basemap`, labelled in ``language``, under
    the host's raster tiles: :func:`dashboard.settings.tiles`) opened on ``view``
    (centre, zoom) if given, else framed on Iraq, or on the ``located`` places when
    they all lie in it (at least :data:`MIN_SPAN` wide)."""
    centre, zoom = view or (IRAQ, 6)
    m = folium.Map(location=centre, zoom_start=zoom, control_scale=True, tiles=None)
    m.default_js, m.default_css = LEAFLET_JS, LEAFLET_CSS
    basemap.Basemap(f"{STATIC}/{basemap.FILE}", language).add_to(m)
    if tiles := settings.tiles():
        folium.TileLayer(tiles.url, attr=tiles.attribution, control=False).add_to(m)
    if view is None:
        m.fit_bounds(frame(located))
    ViewInLink().add_to(m)
    return m


def frame(located: pd.DataFrame) -> list[list[float]]:
    """The bounds the map opens on: Iraq's, or the places' when all lie within it."""
    (south, west), (north, east) = IRAQ_BOUNDS
    lat, lon = located["lat"], located["lon"]
    if not len(located) or not (lat.between(south, north) & lon.between(west, east)).all():
        return [[south, west], [north, east]]
    middle = ((lat.min() + lat.max()) / 2, (lon.min() + lon.max()) / 2)
    half = [max((hi - lo) / 2 + MARGIN, MIN_SPAN / 2)
            for lo, hi in ((lat.min(), lat.max()), (lon.min(), lon.max()))]
    return [[middle[0] - half[0], middle[1] - half[1]],
            [middle[0] + half[0], middle[1] + half[1]]]


def radius(weight: float, most: float) -> int:
    """A marker's radius in pixels: its area grows with its ``weight``."""
    return round(MIN_RADIUS + (MAX_RADIUS - MIN_RADIUS) * math.sqrt(weight / max(most, 1)))


def places_layer(located: pd.DataFrame, tips: pd.Series) -> plugins.MarkerCluster:
    """One marker per place, its area growing with its mentions, its colour and shape
    its kind (``tips``: the places' :func:`tooltips`)."""
    return _markers(located, tips, located["mentions"],
                    [(SHAPES[k], COLOURS[k]) for k in located["kind"]], "Places")


def incidents_layer(located: pd.DataFrame, tips: pd.Series) -> plugins.MarkerCluster:
    """One marker per place of incidents, its colour and shape the type most of them
    are, its area growing with the people killed and wounded there, or with its
    incidents where they are more (``tips``: :func:`incident_tooltips`)."""
    return _markers(located, tips, incident_weight(located),
                    [(shape(t), colour(t)) for t in located["type"]], "Incidents")


def incident_weight(located: pd.DataFrame) -> pd.Series:
    """What sizes an incident place's marker (see :func:`incidents_layer`)."""
    return (located["killed"] + located["wounded"]).clip(lower=located["incidents"])


def _markers(located: pd.DataFrame, tips: pd.Series, weight: pd.Series,
             looks: list[tuple[str, str]], name: str) -> plugins.MarkerCluster:
    """Markers of the given shapes and colours (``looks``), sized by ``weight``, in a
    group that gathers nearby ones into a count at low zoom."""
    most = weight.max() if len(weight) else 1
    features = [
        _feature(i, {"type": "Point", "coordinates": [lon, lat]}, tip,
                 n=int(w), r=radius(w, most), shape=look[0], colour=look[1])
        for i, (lat, lon, tip, w, look) in enumerate(zip(
            *_rounded(located["lat"], located["lon"]), tips, weight, looks, strict=True))
    ]

    def style(feature: dict) -> dict:
        p = feature["properties"]
        return {"html": svg(p["shape"], p["colour"], 2 * p["r"]),
                "iconSize": [2 * p["r"]] * 2, "iconAnchor": [p["r"]] * 2,
                "className": "iraqmap-marker"}

    group = plugins.MarkerCluster(name=name, icon_create_function=CLUSTER_ICON,
                                  options={"maxClusterRadius": 35, "disableClusteringAtZoom": 9,
                                           "showCoverageOnHover": False})
    group.default_js, group.default_css = CLUSTER_JS, CLUSTER_CSS
    _layer(features, name, marker=folium.Marker(icon=folium.DivIcon()),
           style_function=style).add_to(group)
    return group


def areas_layer(located: pd.DataFrame, tips: pd.Series, gaz: gazetteer.Gazetteer
                ) -> GeoJson:
    """What a point would misrepresent: the outline of the gazetteer's polygon or line
    of a place (governorate, district, region, desert, the Hamrin ridge), else a dashed
    circle of the place's uncertainty (``radius_km``) for approximate ones (Wadi
    al-Shay, ±25 km). Outlines only, answering no clicks: the shading is the
    governorates', the clicks the markers'. ``tips``: the places' :func:`tooltips`."""
    areas = []
    for place_id, tip, kind in zip(located["place_id"], tips, located["kind"], strict=True):
        place = gaz.get(place_id)  # None for a place the gazetteer lacks
        if place is None or place.feature_class in NOT_AREAS:
            continue
        if place.geometry:
            areas.append((place.radius_km, gaz.geometry(place.id), tip, kind, 0))
        elif place.precision != "exact" and place.radius_km <= MAX_RING_KM:
            point = {"type": "Point", "coordinates": [place.lon, place.lat]}
            areas.append((place.radius_km, point, tip, kind, place.radius_km * 1000))
    areas.sort(key=lambda a: -a[0])
    features = [_feature(i, geometry, tip, kind=kind, metres=metres)
                for i, (_, geometry, tip, kind, metres) in enumerate(areas)]

    def style(feature: dict) -> dict:
        props, shape_ = feature["properties"], feature["geometry"]["type"]
        colour_ = COLOURS[props["kind"]]
        if shape_ == "Point":  # an uncertainty circle, its radius in metres
            return {"radius": props["metres"], "color": colour_, "weight": 1.5,
                    "dashArray": "6 4", "fill": False}
        if "LineString" in shape_:
            return {"color": colour_, "weight": 5, "opacity": 0.8}
        return {"color": colour_, "weight": 1.5, "fill": False}

    return GeoJson({"type": "FeatureCollection", "features": features}, name="Areas",
                   marker=folium.Circle(), style_function=style, interactive=False)


def governorate_layer(by_governorate: pd.Series, gaz: gazetteer.Gazetteer,
                      what: str = "mention") -> GeoJson:
    """The 18 governorates shaded in :data:`SHADES` steps by how many mentions (or
    ``what``) fall in each (the steps: :func:`shading`)."""
    scale = shading(by_governorate)
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


def shading(by_governorate: pd.Series) -> branca.colormap.StepColormap:
    """The governorates' colour steps, from one to the most in a governorate."""
    most = max(int(by_governorate.max()), 1) if len(by_governorate) else 1
    lows = sorted({1, *(most * k // SHADES + 1 for k in range(1, SHADES))} - {most + 1})
    ramp = branca.colormap.linear.YlOrRd_09.scale(1, max(lows[-1], 2))
    return branca.colormap.StepColormap([ramp.rgb_hex_str(lo) for lo in lows],
                                        index=[*lows, most + 1], vmin=1, vmax=most + 1)


def heat_layer(located: pd.DataFrame) -> HeatMap:
    """Heat weighted by each place's share of the most mentioned place (hidden at first)."""
    most = located["mentions"].max() if len(located) else 1
    points = list(map(list, zip(*_rounded(located["lat"], located["lon"]),
                                (located["mentions"] / most).round(3).tolist(), strict=True)))
    heat = HeatMap(points, name="Heat", show=False, radius=30, min_opacity=0.3)
    heat.default_js = HEAT_JS
    return heat


def legend_html(on_map: pd.DataFrame, by_governorate: pd.Series, incidents: bool) -> str:
    """The key to the map: each kind of place (or type of incident) in view by its shape
    and colour, the marker sizes with the numbers they stand for, and the governorate
    shading's steps with theirs."""
    if incidents:
        looks = [(t.shape, t.colour, type_label(t.code)) for t in TYPES.values()
                 if t.code in set(on_map["type"])]
        weight, what = incident_weight(on_map), say("size_incidents")
    else:
        present = set(on_map["kind"])
        looks = [(SHAPES[k], COLOURS[k], named("kind_names", k)) for k in LABELS if k in present]
        weight, what = on_map["mentions"], say("size_mentions")
    symbols = " ".join(f'<span style="white-space:nowrap">{img(s, c, 14)} {esc(label)}</span>'
                       for s, c, label in looks)
    most = int(weight.max()) if len(weight) else 0
    sizes = sorted({1, max(1, round(most / 4)), most} - {0})
    scale = " ".join(
        f'<span style="white-space:nowrap">{img("circle", "#bbb", 2 * radius(n, most))} '
        f"{n:,}</span>" for n in sizes)
    shade = shading(by_governorate)
    steps = " ".join(
        f'<span style="white-space:nowrap"><span style="display:inline-block;width:14px;'
        f'height:10px;background:{shade.rgb_hex_str(lo)}"></span> '
        f"{_span(int(lo), int(hi) - 1)}</span>"
        for lo, hi in zip(shade.index[:-1], shade.index[1:], strict=True))
    noun = say("what_incidents" if incidents else "what_mentions")
    return (f'<div style="font-size:0.85rem;line-height:1.8">{symbols}<br>'
            f"{say('legend_size', what=what, scale=scale)}<br>"
            f"{say('legend_shading', what=noun, steps=steps)}</div>")


def _span(lo: int, hi: int) -> str:
    return f"{lo:,}" if lo == hi else f"{lo:,}–{hi:,}"


def _rounded(*columns: pd.Series) -> list[list[float]]:
    """Coordinates to 4 decimals (11 m), as Python floats: rounding numpy's one by one
    costs more than the rest of a layer."""
    return [column.round(4).tolist() for column in columns]


def _feature(i: int, geometry: dict, tip: str, **properties) -> dict:
    return {"type": "Feature", "id": i, "geometry": geometry,
            "properties": {"tip": esc(tip), **properties}}


def _layer(features: list[dict], name: str, **options) -> GeoJson:
    """One GeoJSON layer whose features show their ``tip`` as a tooltip (Leaflet
    inserts it as HTML: :func:`_feature` escaped it), bound to each feature so that a
    click on one reports its tooltip (:func:`dashboard.state.follow_click`)."""
    return GeoJson({"type": "FeatureCollection", "features": features}, name=name,
                   on_each_feature=TOOLTIP, **options)
