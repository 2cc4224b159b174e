"""The mention record: one place named at one span of one text."""

from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass(slots=True)  # not frozen: created by the thousand, and faster so
class Mention:
    """A place named at ``text[start:end]`` (offsets into the text as read).

    ``place_id`` is None for a place the gazetteer lacks but the text marks as one
    ("قرية X"); it is then located at the enclosing place the text gives, if any.
    ``geo_precision`` is one of :data:`gazetteer.places.PRECISIONS`; ``radius_km`` how far
    the place may lie from the point; ``label`` the name to show ("Kirkuk (governorate)").
    """

    start: int
    end: int
    text: str
    place_id: str | None
    name_en: str
    name_ar: str
    lat: float | None
    lon: float | None
    feature: str
    admin1: str
    country: str
    geo_precision: str | None
    confidence: float
    segment: str = "body"
    event_date: str | None = None
    event_precision: str | None = None
    radius_km: float | None = None  # how far from the point the place may be
    label: str = ""  # the place's name with what tells it from a namesake

    def to_dict(self) -> dict:
        return asdict(self)
