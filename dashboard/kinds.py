"""Kinds of place as the page shows them: the gazetteer's features, grouped, coloured and
shaped (:mod:`dashboard.shapes`).

One table serves the kind filter (:mod:`dashboard.store` derives each mention's kind
from it), the markers' colours and shapes, and the legend.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Kind:
    label: str
    colour: str
    shape: str
    features: tuple[str, ...]


KINDS = (
    Kind("City or town", "#d62728", "circle", ("capital", "city", "town", "neighbourhood")),
    Kind("Village", "#ff7f0e", "triangle", ("village",)),
    Kind("Base or camp", "#9467bd", "star", ("base", "camp")),
    Kind("District", "#8c564b", "square", ("district", "subdistrict")),
    Kind("Governorate", "#1f77b4", "hexagon", ("governorate",)),
    Kind("Region", "#17becf", "pentagon", ("region",)),
    Kind("Terrain", "#2ca02c", "diamond",
         ("ridge", "mountain", "peak", "wadi", "desert", "lake", "river", "sea", "dam", "plain",
          "area")),
    Kind("Country or continent", "#7f7f7f", "ring", ("country", "continent")),
)
OTHER = Kind("Other", "#444444", "cross", ())  # a feature this table does not know yet

LABELS = [k.label for k in (*KINDS, OTHER)]
COLOURS = {k.label: k.colour for k in (*KINDS, OTHER)}
SHAPES = {k.label: k.shape for k in (*KINDS, OTHER)}
