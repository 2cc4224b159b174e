"""The event record: one report of one incident in one text."""

from __future__ import annotations

from dataclasses import dataclass

from ..mentions import Mention


@dataclass(frozen=True, slots=True)
class Event:
    """An incident reported at ``text[start:end]`` (the clause). Reports of one incident
    in one text share the ``id`` and every field but ``start``/``end`` (EVENTS.md).

    ``place`` is the mention of where it happened (None when the text names none);
    ``date`` the day or month the text gives for it, else None; ``killed``/``wounded``
    the numbers it states (all sides), else None; ``segment`` where the incident's
    first report in the article's body stands, else where its first report does.
    """

    id: str
    start: int
    end: int
    type: str
    place: Mention | None
    date: str | None
    date_precision: str | None
    actors: tuple[str, ...]
    killed: int | None
    wounded: int | None
    segment: str = "body"
    radius_km: float | None = None  # the extent of the place (or the uncertainty of its point)

    @property
    def lat(self) -> float | None:
        return self.place.lat if self.place else None

    @property
    def lon(self) -> float | None:
        return self.place.lon if self.place else None

    def to_dict(self) -> dict:
        """The object of EVENTS.md, with the place's name, precision and region added."""
        p = self.place
        return {
            "id": self.id, "start": self.start, "end": self.end, "type": self.type,
            "place": {"start": p.start, "end": p.end} if p else None,
            "lat": self.lat, "lon": self.lon, "date": self.date,
            "actors": list(self.actors), "killed": self.killed, "wounded": self.wounded,
            "place_id": p.place_id if p else None,
            "place_name": (p.name_en or p.name_ar) if p else None,
            "admin1": p.admin1 if p else "", "geo_precision": p.geo_precision if p else None,
            "date_precision": self.date_precision, "segment": self.segment,
        }
