"""The map's own background: land, the Gulf and the seas, lakes, rivers, borders,
governorates and the names of countries, waters and cities, drawn from data the
repository ships, so that the map has a background with no network.

The map's frame fetches ``static/basemap.json`` (built by ``scripts/build_basemap.py``
from Natural Earth and OCHA; see ``static/README.md``) from the app's own static files:
the page stays light (nothing of it is inlined into the map's HTML), and the file comes
from whichever server the page came from. It is drawn in panes under Leaflet's tile
pane: raster tiles, where they load, cover it.
"""

from __future__ import annotations

from pathlib import Path

from branca.element import MacroElement
from jinja2 import Template

FILE = "basemap.json"
PATH = Path(__file__).parent / "static" / FILE
LANGUAGES = ("en", "ar")
# Leaflet's tile pane is at z-index 200 (leaflet.css): the basemap's shapes and labels
# lie under it, the labels over the shapes.
SHAPES_Z, LABELS_Z = 150, 160
ATTRIBUTION = ('<a href="https://www.naturalearthdata.com">Natural Earth</a>, '
               '<a href="https://data.humdata.org/dataset/cod-ab-irq">OCHA</a>')
LABEL_GAP = 3  # pixels kept free around a label
LAND, IRAQ, WATER, WATER_LINE = "#ebe7df", "#f9f7f2", "#c5d9ea", "#93b6d6"
BORDER, GOVERNORATE, PROVINCE = "#8b867e", "#b2aba0", "#d3cdc3"


def _fill(colour: str) -> dict:
    return {"stroke": False, "fill": True, "fillColor": colour, "fillOpacity": 1}


def _line(colour: str, weight: float, dashes: str | None = None) -> dict:
    return {"color": colour, "weight": weight, "opacity": 1, "fill": False,
            "dashArray": dashes}


# Leaflet's path options for each layer of the file (scripts/build_basemap.py: LAYERS).
STYLES = {
    "land": _fill(LAND), "iraq": _fill(IRAQ), "sea": _fill(WATER), "lake": _fill(WATER),
    "coast": _line(WATER_LINE, 0.7), "province": _line(PROVINCE, 0.6),
    "governorate": _line(GOVERNORATE, 0.9), "minor_river": _line(WATER_LINE, 1),
    "river": _line(WATER_LINE, 1.8), "border": _line(BORDER, 1.3),
    "disputed": _line(BORDER, 1.3, "5 4"),
}


class Basemap(MacroElement):
    """The basemap of ``url`` (a GeoJSON file in the layout of ``static/basemap.json``),
    labelled in ``language`` ("en" or "ar"). Each label shows from its zoom ``z`` on,
    unless it would overlap one shown before it (lower ``z`` first, then in the file's
    order). Nothing in it answers the mouse: a click goes to the map, as on empty
    ground."""

    _template = Template("""
        {% macro header(this, kwargs) %}
        <style>
        .basemap-label span { position: absolute; transform: translate(-50%, -50%);
            white-space: nowrap; font: 11px/1.2 system-ui, sans-serif; color: #6f6a61;
            text-shadow: 0 0 2px #fff, 0 0 2px #fff, 0 0 3px #fff; }
        .basemap-country span { font-size: 13px; font-weight: 600; color: #8f897f; }
        .basemap-country span:lang(en) { text-transform: uppercase; letter-spacing: .12em; }
        .basemap-sea span, .basemap-water span { color: #4f7ba3; }
        .basemap-sea span:lang(en), .basemap-water span:lang(en),
        .basemap-governorate span:lang(en) { font-style: italic; }
        .basemap-governorate span { color: #999287; }
        .basemap-city span { transform: translate(-50%, -125%); font-size: 12px; color: #3b3833; }
        .basemap-city i { position: absolute; width: 5px; height: 5px; margin: -2.5px 0 0 -2.5px;
            border-radius: 50%; background: #5b574f; }
        </style>
        {% endmacro %}

        {% macro script(this, kwargs) %}
        (function (map) {
            function pane(name, z) {
                (map.getPane(name) || map.createPane(name)).style.zIndex = z;
                return name;
            }
            var shapes = pane("basemap", {{ this.shapes_z }});
            var names = pane("basemapLabels", {{ this.labels_z }});
            var styles = {{ this.styles|tojson }};
            var language = {{ this.language|tojson }};
            function isLabel(f) { return f.geometry.type === "Point"; }
            function icon(p) {
                var box = document.createElement("div"), text = document.createElement("span");
                text.textContent = p["name_" + language];
                text.lang = language;
                text.dir = language === "ar" ? "rtl" : "ltr";
                if (p.layer === "city") box.appendChild(document.createElement("i"));
                box.appendChild(text);
                return L.divIcon({className: "basemap-label basemap-" + p.layer, html: box,
                                  iconSize: null});
            }
            fetch({{ this.url|tojson }}).then(function (response) {
                if (!response.ok) throw new Error(response.status + " " + response.url);
                return response.json();
            }).then(function (data) {
                L.geoJSON(data.features.filter(function (f) { return !isLabel(f); }), {
                    pane: shapes, interactive: false,
                    attribution: {{ this.attribution|tojson }},
                    style: function (f) { return styles[f.properties.layer]; }
                }).addTo(map);
                var labels = data.features.filter(isLabel).map(function (f) {
                    var at = [f.geometry.coordinates[1], f.geometry.coordinates[0]];
                    return {z: f.properties.z, marker: L.marker(at, {
                        pane: names, interactive: false, keyboard: false,
                        icon: icon(f.properties)})};
                }).sort(function (a, b) { return a.z - b.z; });
                var shown = L.layerGroup().addTo(map), gap = {{ this.gap }};
                function overlaps(a, b) {
                    return a.left < b.right + gap && b.left < a.right + gap
                        && a.top < b.bottom + gap && b.top < a.bottom + gap;
                }
                function relabel() {
                    var taken = [];
                    shown.clearLayers();
                    labels.forEach(function (l) {
                        if (map.getZoom() < l.z) return;
                        shown.addLayer(l.marker);
                        var text = l.marker.getElement().querySelector("span");
                        var box = text.getBoundingClientRect();
                        if (taken.some(function (t) { return overlaps(box, t); })) {
                            shown.removeLayer(l.marker);
                        } else {
                            taken.push(box);
                        }
                    });
                }
                map.on("zoomend", relabel);
                relabel();
            }).catch(function (error) { console.error("basemap: " + error); });
        })({{ this._parent.get_name() }});
        {% endmacro %}
    """)

    def __init__(self, url: str, language: str = "en"):
        super().__init__()
        if language not in LANGUAGES:
            raise ValueError(f"language must be one of {LANGUAGES}, not {language!r}")
        self._name = "Basemap"
        self.url, self.language = url, language
        self.styles, self.attribution = STYLES, ATTRIBUTION
        self.shapes_z, self.labels_z, self.gap = SHAPES_Z, LABELS_Z, LABEL_GAP
