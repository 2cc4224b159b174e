"""Places the gazetteer lacks but the text marks as places: "قرية X", "وادي X".

Such a name is still reported, located at the enclosing place the text gives right
after it ("قرية X في قضاء الحويجة": the district, precision "district"), or with no
point where the text gives none.
"""

from __future__ import annotations

from bisect import bisect_left, insort
from typing import TYPE_CHECKING

from .context import unclitic
from .lexicon import Lexicon
from .matcher import Match
from .mentions import Mention

if TYPE_CHECKING:
    from .geoparse import Found

MAX_GAP_WORDS = 3  # "التابعة لناحية" between the name and its enclosing place
LOCATED, UNLOCATED = 0.5, 0.3


def _enclosing(ft: str, end: int, found: list[Found], lex: Lexicon) -> Found | None:
    """The matched place that the words right after ``end`` put the name inside."""
    for f in found:
        if f.match.start <= end:
            continue
        gap = ft[end : f.match.start - len(f.match.clitic)].split()
        if len(gap) > MAX_GAP_WORDS:
            return None
        words = [unclitic(w, lex) for w in gap]
        if all(w in lex.within or w in lex.heads for w in words) and (
            any(w in lex.within for w in gap) or f.match.clitic in lex.within
        ):
            return f
        return None
    return None


def _next_word(ft: str, end: int) -> tuple[int, str]:
    """The word right after ``end`` (one space between) and where it ends."""
    if not ft.startswith(" ", end) or ft.startswith(" ", end + 1):
        return end, ""
    stop = ft.find(" ", end + 1)
    stop = len(ft) if stop < 0 else stop
    return stop, ft[end + 1 : stop]


def _is_name(word: str, lex: Lexicon) -> bool:
    """Whether a word after a head can be a place's name: not an ordinary word."""
    bare = unclitic(word, lex)
    return (
        len(word) >= 3
        and not word.isdigit()
        and word not in lex.heads
        and not any(w in lex.not_names or w in lex.common_words for w in (word, bare))
    )


def find_unlisted(text: str, folded, heads: list[Match], found: list[Found],
                  lex: Lexicon) -> list[Mention]:
    """Mentions of unknown places announced by ``heads`` (matches of unlisted heads)."""
    ft = folded.text
    # Spans already named, disjoint and sorted: an overlap is found by bisection (a
    # page of names has tens of thousands).
    taken = sorted((f.match.start - len(f.match.clitic), f.match.end) for f in found)
    mentions = []
    for h in heads:
        end, first = _next_word(ft, h.end)
        if not _is_name(first, lex):
            continue
        start = h.start
        o_head = text[folded.original(h.start - len(h.clitic)) : folded.original_end(h.end)]
        if o_head in lex.false_heads:
            continue
        second_end, second = _next_word(ft, end)
        if first in lex.compound and second and second not in lex.not_names:
            end, (second_end, second) = second_end, _next_word(ft, second_end)
        if second in lex.name_suffixes:  # "قرية زنكورة الصغرى"
            end = second_end
        before = bisect_left(taken, (end,))  # the spans starting before this one ends
        if before and taken[before - 1][1] > start:
            continue
        insort(taken, (start, end))
        where = _enclosing(ft, end, found, lex)
        place = where.place if where and where.place else None
        precision = None
        if place:
            precision = "near" if place.precision == "exact" else place.precision
        o_start, o_end = folded.original(start), folded.original_end(end)
        mentions.append(
            Mention(
                start=o_start,
                end=o_end,
                text=text[o_start:o_end],
                place_id=None,
                name_en="",
                name_ar=text[o_start:o_end],
                lat=place.lat if place else None,
                lon=place.lon if place else None,
                feature=lex.unlisted[h.name],
                admin1=place.admin1 if place else "",
                country=place.country if place else "",
                geo_precision=precision,
                confidence=LOCATED if place else UNLOCATED,
            )
        )
    return mentions
