"""Marker shapes, so that a kind of place or a type of incident shows by its shape as well
as its colour (for readers who do not tell the colours apart): SVG drawn in a 20 x 20 box."""

from __future__ import annotations

import base64

SHAPES = {
    "circle": '<circle cx="10" cy="10" r="8.5"/>',
    "square": '<rect x="2" y="2" width="16" height="16"/>',
    "diamond": '<polygon points="10,0.5 19.5,10 10,19.5 0.5,10"/>',
    "triangle": '<polygon points="10,1 19.5,18 0.5,18"/>',
    "down": '<polygon points="0.5,2 19.5,2 10,19"/>',
    "hexagon": '<polygon points="5,1.5 15,1.5 19.5,10 15,18.5 5,18.5 0.5,10"/>',
    "pentagon": '<polygon points="10,0.5 19.5,7.5 16,19 4,19 0.5,7.5"/>',
    "star": '<polygon points="10,0.5 12.6,7 19.5,7.4 14.2,11.8 15.9,18.8 10,15 4.1,18.8 '
            '5.8,11.8 0.5,7.4 7.4,7"/>',
    "cross": '<polygon points="6.5,0.5 13.5,0.5 13.5,6.5 19.5,6.5 19.5,13.5 13.5,13.5 '
             '13.5,19.5 6.5,19.5 6.5,13.5 0.5,13.5 0.5,6.5 6.5,6.5"/>',
    "ring": '<circle cx="10" cy="10" r="7" fill="none" stroke-width="4.5"/>',
}


def svg(shape: str, colour: str, size: int, outline: str = "#222") -> str:
    """``shape`` filled with ``colour``, ``size`` pixels wide (markup for the map)."""
    ring = shape == "ring"
    paint = f'stroke="{colour}"' if ring else f'fill="{colour}" stroke="{outline}"'
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}" '
            f'viewBox="0 0 20 20" {paint} stroke-width="1" fill-opacity="0.85">'
            f"{SHAPES[shape]}</svg>")


def img(shape: str, colour: str, size: int) -> str:
    """The same as an ``<img>`` (the page's HTML is sanitised, and keeps no inline SVG)."""
    data = base64.b64encode(svg(shape, colour, size).encode()).decode()
    return (f'<img src="data:image/svg+xml;base64,{data}" width="{size}" height="{size}" '
            f'alt="" style="vertical-align:middle">')
