"""Places the gazetteer lacks but the text marks as places: "قرية X", "وادي X".

Such a name is still reported, located where the words after it put it: in an
enclosing place ("قرية X في قضاء الحويجة": the district, precision "district"; "حي X
وسط مدينة Y"), at a distance and bearing from one ("منطقة X 35 كلم شمال Y": an offset
point whose radius grows with the distance), or else at the article's focus, the place it
names most (precision "district" or wider, lower confidence).
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_left, bisect_right, insort
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from geopy.distance import distance

from .context import unclitic
from .lexicon import Lexicon
from .matcher import Match
from .mentions import Mention
from .places import Place

if TYPE_CHECKING:
    from .geoparse import Found

WIDE = {"country", "region", "beyond"}  # no focus: too wide to say where in them
AREAS = {"district", "governorate"}  # a focus that is itself an area keeps its precision
FOCUS_KM = 25.0  # a place put at a town the article is about: somewhere around it

MAX_GAP_WORDS = 5  # "وسط العاصمة العراقية" between the name and its enclosing place
LOCATED, OFFSET, FOCUS, UNLOCATED = 0.5, 0.45, 0.35, 0.3
OFFSET_SHARE = 0.3  # a distance the text states ("35 كلم") is good to about a third


@dataclass(frozen=True, slots=True)
class Where:
    """Where the text puts a place the gazetteer lacks: a point, how wide, how sure."""

    place: Place  # the named place it is put in or measured from
    lat: float
    lon: float
    precision: str
    radius_km: float
    confidence: float
    inside: bool = False  # put inside the named place itself ("وسط بغداد")


def _offset(gap: list[str], lex: Lexicon) -> tuple[float, float] | None:
    """(km, bearing) of "35 كلم شمال غربي": a number, a unit, one or two directions."""
    if len(gap) < 3 or not gap[0].isdigit() or gap[1] not in lex.km_units:
        return None
    bearings = [lex.bearings[w] for w in gap[2:] if w in lex.bearings]
    if not bearings or len(bearings) != len(gap) - 2:
        return None
    if len(bearings) == 2 and {bearings[0], bearings[1]} == {0.0, 270.0}:
        bearings = [0.0, -90.0]  # north-west: between 360 and 270
    return float(gap[0]), sum(bearings) / len(bearings) % 360


def enclosing(ft: str, end: int, found: list[Found], starts: list[int],
              lex: Lexicon) -> Where | None:
    """Where the words right after ``end`` put the name: inside a matched place ("في
    قضاء Y", "وسط مدينة Y", "التابعة لناحية Y"), or a distance and bearing from it."""
    i = bisect_right(starts, end)
    if i == len(found) or found[i].place is None:
        return None
    f, place = found[i], found[i].place
    gap = ft[end : f.match.start - len(f.match.clitic)].split()
    if len(gap) > MAX_GAP_WORDS:
        return None
    offset = _offset(gap, lex)
    if offset:
        km, bearing = offset
        point = distance(kilometers=km).destination((place.lat, place.lon), bearing)
        radius = round(km * OFFSET_SHARE + place.radius_km, 1)
        return Where(place, point.latitude, point.longitude, "near", radius, OFFSET)
    words = [unclitic(w, lex) for w in gap]
    if any(w in lex.apart for w in gap):
        return None  # "قرب الحدود مع إيران": beside it, on this side
    leads = (gap and (gap[0] in lex.within or words[0] in lex.within)) or (
        not gap and f.match.clitic in lex.within)
    if leads or (all(w in lex.within or w in lex.heads for w in words)
                 and (any(w in lex.within for w in gap) or f.match.clitic in lex.within)):
        precision = "near" if place.precision == "exact" else place.precision
        return Where(place, place.lat, place.lon, precision, place.radius_km, LOCATED,
                     bool(words) and words[0] in lex.inside)
    return None


def _focus(found: list[Found]) -> Where | None:
    """The article's focus: its most named place below country level. A place the text
    does not locate is put there, with the precision of an area around it."""
    counts = Counter(f.place.id for f in found if f.place and f.place.feature_class not in WIDE)
    if not counts:
        return None
    place = next(f.place for f in found if f.place and f.place.id == counts.most_common(1)[0][0])
    precision = place.precision if place.precision in AREAS else "district"
    radius = max(place.radius_km, FOCUS_KM)
    return Where(place, place.lat, place.lon, precision, radius, FOCUS)


def _next_word(ft: str, end: int) -> tuple[int, str]:
    """The word right after ``end`` (one space between) and where it ends."""
    if not ft.startswith(" ", end) or ft.startswith(" ", end + 1):
        return end, ""
    stop = ft.find(" ", end + 1)
    stop = len(ft) if stop < 0 else stop
    return stop, ft[end + 1 : stop]


def _is_name(word: str, lex: Lexicon, words: bool = False) -> bool:
    """Whether a word after a head can be a place's name: not an ordinary word, unless
    the head's places are named by ``words`` and it is definite ("حي الزهور", not "حي
    يرزق": alive)."""
    bare = unclitic(word, lex)
    ordinary = set() if words and word.startswith(lex.article) else lex.common_words
    return (
        len(word) >= 3
        and not word.isdigit()
        and word not in lex.heads
        and not any(w in lex.not_names or w in ordinary for w in (word, bare))
    )


def shown(name: str) -> str:
    """A name as written, without the invisible characters that steer the direction of
    text (Unicode's format characters that take part in it: the marks RLM, LRM, ALM, the
    embeddings, overrides and isolates; joiners, which Persian and Kurdish spelling
    needs, stay). In a name they turn the letters after them around, and make one place
    two."""
    return "".join(c for c in name if unicodedata.category(c) != "Cf"
                   or unicodedata.bidirectional(c) == "BN")


def find_unlisted(text: str, folded, heads: list[Match], found: list[Found],
                  lex: Lexicon) -> list[Mention]:
    """Mentions of unknown places announced by ``heads`` (matches of unlisted heads)."""
    ft = folded.text
    # Spans already named, disjoint and sorted: an overlap is found by bisection (a
    # page of names has tens of thousands).
    taken = sorted((f.match.start - len(f.match.clitic), f.match.end) for f in found)
    starts = [f.match.start for f in found]
    focus: list[Where | None] = []  # the article's focus, found when first needed
    mentions = []
    for h in heads:
        end, first = _next_word(ft, h.end)
        named = _is_name(first, lex, h.name in lex.word_names)
        if not (named or first in lex.compound):  # "تل شعير"
            continue
        start = h.start
        o_head = text[folded.original(h.start - len(h.clitic)) : folded.original_end(h.end)]
        if o_head in lex.false_heads:
            continue
        second_end, second = _next_word(ft, end)
        if first in lex.compound and second and second not in lex.not_names:
            end, (second_end, second) = second_end, _next_word(ft, second_end)
        elif not named:  # a short first word of no compound name
            continue
        if second in lex.name_suffixes:  # "قرية زنكورة الصغرى"
            end = second_end
        before = bisect_left(taken, (end,))  # the spans starting before this one ends
        if before and taken[before - 1][1] > start:
            continue
        insort(taken, (start, end))
        where = enclosing(ft, end, found, starts, lex)
        if where is None:
            focus = focus or [_focus(found)]
            where = focus[0]
        mentions.append(located(text, folded, start, end, lex.unlisted[h.name], where))
    return mentions


def located(text: str, folded, start: int, end: int, feature: str,
            where: Where | None) -> Mention:
    """The mention of a place the gazetteer lacks at folded ``[start, end)``, put
    ``where`` the text says (None: nowhere)."""
    o_start, o_end = folded.original(start), folded.original_end(end)
    return Mention(
        start=o_start,
        end=o_end,
        text=text[o_start:o_end],
        place_id=None,
        name_en="",
        name_ar=shown(text[o_start:o_end]),
        lat=where.lat if where else None,
        lon=where.lon if where else None,
        feature=feature,
        admin1=where.place.admin1 if where else "",
        country=where.place.country if where else "",
        geo_precision=where.precision if where else None,
        confidence=where.confidence if where else UNLOCATED,
        radius_km=where.radius_km if where else None,
    )
