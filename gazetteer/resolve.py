"""Choosing among places of the same name, and how sure the choice is.

A candidate's score is its prior (what kind of place, Iraq first, how many people)
plus what the text says: a head word that fits its kind ("محافظة كركوك" is the
governorate, "مدينة كركوك" the city), the enclosing place the sentence names ("وادي
الشاي في كركوك"), and the other places of the article (same governorate, nearby).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from geopy.distance import great_circle

from .places import Place

# What a bare name most likely means, by kind of place: a governorate before its
# same-named capital city, the nation's capital before its governorate, terrain
# (what security news is about) before a sub-district of the same name, a city's
# neighbourhood before a village (منطقة الدورة is Baghdad's, where the news happens).
BASE = {
    "country": 100,
    "continent": 95,
    "capital": 90,
    "governorate": 80,
    "region": 78,
    "town": 55,
    "district": 50,
    "subdistrict": 45,
    "city": 40,
    "base": 40,
    "camp": 40,
    "neighbourhood": 32,
    "village": 30,
}
TERRAIN_BASE = 58
# A country far from Iraq yields to Iraqi terrain or a town of the same name.
IRAQ, FAR_KM, FAR_COUNTRY_PENALTY = (33.0, 44.0), 3000, 25
# Iraq first: an Iraqi village outranks a foreign city of fewer than ~2 million people
# (population adds 3 points per tenfold).
IRAQ_BONUS = 25
HEAD_FITS, HEAD_CLASHES = 40, -40
LOCAL_HEAD = 20  # "منطقة X", "أطراف X": a local area, so a place in Iraq
WITHIN_BONUS = 25  # "X في Y": X lies in Y
PLACED_BY_KM = 50.0  # "X شمال بغداد", "X في الرمادي": how far from a town X may lie
CENTRE_KM = 15.0  # "X وسط بغداد": how far a town reaches from its point (a city's is small)
ADMINISTRATIVE = {"governorate", "district", "subdistrict"}
SAME_ADMIN_BONUS, SAME_ADMIN_CAP = 6, 18
NEAR_KM, NEAR_BONUS = 100, 8
SAME_COUNTRY_BONUS = 10  # a foreign place in a country the article names (عمان، الأردن)
EARTH_KM = 6371.0088
AROUND = tuple((dr, dc) for dr in (-1, 0, 1) for dc in (-1, 0, 1))  # a degree cell's own
NEAR_DEG = 1.0  # no two points a degree apart are within NEAR_KM: skip the distance
SURE_DEG = 0.6  # two points this close in both are within NEAR_KM anywhere (94 km at most)
# A head word's class -> the place classes (or kinds) it fits ("any" fits all, says
# nothing): "حي" announces a neighbourhood, not any settlement; "قاعدة" a base.
FITS = {
    "neighbourhood": {"neighbourhood"},
    "base": {"base"},
    "terrain": {"terrain"},
    "governorate": {"governorate"},
    "district": {"district"},
    "subdistrict": {"subdistrict"},
    "settlement": {"settlement"},
    "country": {"country"},
    "region": {"region"},
}


def prior(place: Place) -> float:
    """How likely a bare mention of the name means this place, before any context."""
    base = TERRAIN_BASE if place.feature_class == "terrain" else BASE[place.feature]
    if place.feature == "country" and great_circle(IRAQ, (place.lat, place.lon)).km > FAR_KM:
        base -= FAR_COUNTRY_PENALTY  # الصحراء الغربية in Iraqi news is Anbar's desert
    iraq = IRAQ_BONUS if place.country == "IQ" and place.feature != "country" else 0
    return base + iraq + 3 * math.log10(place.population + 1)


@dataclass(frozen=True, slots=True)
class Context:
    """What the text says around one name."""

    head: str | None = None  # class of the head word before it ("governorate", "any"...)
    within: Place | None = None  # the place the sentence puts it in ("X في Y")


def head_score(place: Place, head: str | None) -> float:
    if head is None:
        return 0
    if head == "any":
        return LOCAL_HEAD if place.country == "IQ" else 0
    fits = FITS.get(head, ())
    return HEAD_FITS if place.feature_class in fits or place.feature in fits else HEAD_CLASHES


def within_score(place: Place, within: Place | None) -> float:
    """"X في Y", "X شرقي Y": X lies by Y; by a town, more so in the town's governorate
    (of two namesakes in Anbar, the one beside Ramadi; of two beside Baghdad, the one in
    Baghdad)."""
    if within is None:
        return 0
    score = WITHIN_BONUS if lies_by(place, within) else 0
    if within.feature != "country" and within.feature not in ADMINISTRATIVE:
        score += WITHIN_BONUS if place.admin1 and place.admin1 == within.admin1 else 0
    return score


def lies_by(place: Place, where: Place, km: float = PLACED_BY_KM) -> bool:
    """Whether ``place`` lies in or near ``where``: in that country, in that governorate
    or district, or within ``km`` (or the radii) of a town or an area; abroad, where the
    gazetteer knows no governorates, anywhere in the town's country ("الباغوز بريف دير
    الزور")."""
    if where.feature == "country":
        return place.country == where.country
    if where.feature in ADMINISTRATIVE:
        return bool(where.admin1) and place.admin1 == where.admin1
    if not where.admin1 and place.country == where.country != "IQ":
        return True
    reach = max(where.radius_km, km) + place.radius_km
    return km_apart(place.lat, place.lon, where.lat, where.lon) <= reach


class Support:
    """What the article's unambiguous places say for a candidate: others in the same
    governorate, a named settlement nearby, and (abroad) the same country."""

    def __init__(self, others: Sequence[Place], likely: Sequence[Place] = ()):
        """``others``: the places the article surely names; ``likely``: those its
        ambiguous names most likely mean (بغداد the capital), which count as much."""
        places = (*others, *likely)
        # a dict, not the Counter: Counter looks a missing key up in Python
        self.per_admin1 = dict(Counter(o.admin1 for o in places if o.admin1))
        self.distinct = {o.id: o for o in places}.values()  # a place named twenty times
        self.countries = {o.country for o in self.distinct if o.country != "IQ"}

    @cached_property
    def _near_cells(self) -> dict[tuple[int, int], list[tuple[float, float]]]:
        """The settlements' points under the whole degree they lie in and the eight around
        it: a candidate looks in its own degree's list alone, however many places the
        article names."""
        cells: dict[tuple[int, int], list] = {}
        for o in self.distinct:
            if o.feature_class == "settlement":
                row, col = math.floor(o.lat), math.floor(o.lon)
                for dr, dc in AROUND:
                    cells.setdefault((row + dr, col + dc), []).append((o.lat, o.lon))
        return cells

    def score(self, place: Place) -> float:
        same = self.per_admin1.get(place.admin1, 0)
        score = min(SAME_ADMIN_CAP, SAME_ADMIN_BONUS * same)
        if place.country in self.countries:
            score += SAME_COUNTRY_BONUS
        if self._near(place):
            score += NEAR_BONUS
        return score

    def _near(self, place: Place) -> bool:
        """Whether a settlement of the article lies within NEAR_KM of the candidate."""
        lat0, lon0 = place.lat, place.lon
        for lat, lon in self._near_cells.get((math.floor(lat0), math.floor(lon0)), ()):
            apart = max(abs(lat - lat0), abs(lon - lon0))
            if apart < SURE_DEG or (apart < NEAR_DEG and km_apart(lat0, lon0, lat, lon) < NEAR_KM):
                return True
        return False


def km_apart(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine): geopy's costs far more per pair of points, and a
    long article asks for many."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(
        math.radians(lon2 - lon1) / 2) ** 2
    return 2 * EARTH_KM * math.asin(math.sqrt(a))


def ranked(candidates: Sequence[Place]) -> tuple[tuple[float, Place], ...]:
    """Candidates with their priors, most likely first (what :func:`choose` takes)."""
    return tuple(
        sorted(
            ((prior(p), p) for p in candidates),
            key=lambda sp: (sp[0], sp[1].population, sp[1].id),
            reverse=True,
        )
    )


def choose(
    candidates: Sequence[tuple[float, Place]], context: Context, support: Support | None = None
) -> tuple[Place, float]:
    """The most likely place (of :func:`ranked` candidates) and a confidence in [0, 1]."""
    if len(candidates) == 1:
        only = candidates[0][1]
        return only, 0.95 if head_score(only, context.head) >= 0 else 0.7
    head, within = context.head, context.within
    best = second = -math.inf
    place = None
    for base, p in candidates:  # the best score, the first on a tie, and the next
        score = base + head_score(p, head) + within_score(p, within)
        if support:
            score += support.score(p)
        if score > best:
            best, second, place = score, best, p
        elif score > second:
            second = score
    confidence = 1 / (1 + math.exp(-(best - second) / 8))
    return place, round(min(0.95, confidence), 2)
