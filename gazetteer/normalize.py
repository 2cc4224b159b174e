"""Arabic normalisation that keeps the way back to the original offsets.

Folding is one character for one (alef forms, ى/ي, ة/ه, Kurdish and Persian letters,
Arabic-Indic digits, Latin capitals); only dropped characters (tashkil, tatweel, joiners,
bidi marks) shift positions, and :class:`Normalized` maps every position back.

Two foldings share the tables of ``data/arabic.toml``: :func:`normalize` keeps every other
character as it is; :func:`words` also turns everything that is not a letter or a digit
into a space, which is what name matching wants.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cache, lru_cache

import numpy as np

from .language import tables

_DROP = 0x110000  # marker in a lookup table: the character is dropped (past every code point)
_SPACE = 0x20


@dataclass(frozen=True, slots=True)
class Normalized:
    """A normalised text and the map from its positions to the original's."""

    text: str
    _shift_at: tuple[int, ...] = ()  # normalised position of each dropped character
    _size: int = -1  # length of the original text (when characters were dropped)
    _dropped_at: tuple[int, ...] = ()  # original offset of each dropped character

    def original(self, i: int) -> int:
        """The original offset of normalised position ``i`` (a start offset)."""
        return i + bisect_right(self._shift_at, i) if self._shift_at else i

    def originals(self, starts: list[int], ends: list[int]) -> tuple[list[int], list[int]]:
        """:meth:`original` of every start and :meth:`original_end` of every end, at
        once (a scan maps hundreds of hits)."""
        shift, size = self._shift_at, len(self.text)
        if not shift:
            return starts, ends
        return ([i + bisect_right(shift, i) for i in starts],
                [j + bisect_right(shift, j) if j < size else self._size for j in ends])

    def position(self, offset: int) -> int:
        """The normalised position of an original offset: the inverse of
        :meth:`original` (a dropped character's offset gives the position after it)."""
        return offset - bisect_left(self._dropped_at, offset) if self._dropped_at else offset

    def original_end(self, j: int) -> int:
        """The original end offset of a span ending at normalised ``j``: marks dropped
        right after it (a final vowel sign) belong to it."""
        if not self._shift_at:
            return j
        return self.original(j) if j < len(self.text) else self._size


@cache
def _lookup(words_only: bool) -> np.ndarray:
    """A table from every BMP code point to its folded code point (or _DROP)."""
    spec = tables()["normalise"]
    if words_only:
        lut = np.full(0x10000, _SPACE, dtype=np.uint32)
        for code in range(0x10000):
            ch = chr(code)
            if ch.isalnum() or ch.isalpha() or (0x300 <= code < 0x370):
                lut[code] = code
    else:
        lut = np.arange(0x10000, dtype=np.uint32)
    for code in range(ord("A"), ord("Z") + 1):
        lut[code] = code + 32
    for sources, target in spec["fold"]:
        for ch in sources:
            lut[ord(ch)] = ord(target)
    for ch in spec["drop"]:
        lut[ord(ch)] = _DROP
    return lut


def _fold(text: str, words_only: bool) -> Normalized:
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    lut = _lookup(words_only)
    # Code points beyond the BMP (emoji and the like) are not letters of any name: they
    # take the last entry's value (clipped), as U+FFFF does.
    folded = np.take(lut, codes, mode="clip")
    if not words_only:
        folded = np.where(codes > 0xFFFF, codes, folded)
    dropped = folded == _DROP
    if not dropped.any():
        return Normalized(folded.tobytes().decode("utf-32-le", "surrogatepass"))
    where = np.flatnonzero(dropped)
    # The k-th dropped character sits at normalised position (its offset - k).
    shifts = tuple((where - np.arange(len(where))).tolist())
    kept = folded[~dropped]
    return Normalized(kept.tobytes().decode("utf-32-le", "surrogatepass"), shifts, len(text),
                      tuple(where.tolist()))


@lru_cache(maxsize=8)  # the segmenter and the date rules fold the same article
def normalize(text: str) -> Normalized:
    """Fold ``text`` for comparison; see :class:`Normalized` for the way back."""
    return _fold(text, words_only=False)


@lru_cache(maxsize=8)  # the geoparser and the event extractor read the same article
def words(text: str) -> Normalized:
    """Fold ``text`` to letters, digits and spaces, for matching names."""
    return _fold(text, words_only=True)


def is_arabic(text: str) -> bool:
    """Whether ``text`` has a letter of the Arabic script (Arabic, Kurdish, Persian)."""
    return _ARABIC.search(text) is not None


_ARABIC = re.compile(r"[\u0600-\u06ff]")


def fold(text: str) -> str:
    """Just the normalised string, for names and table entries (the same as
    ``normalize(text).text``, without the way back: a gazetteer load folds every name)."""
    return text.translate(_fold_table())


@cache
def _fold_table() -> dict[int, int | None]:
    """The lookup of :func:`normalize` as :meth:`str.translate` takes it: the characters
    it changes, to their folded form or None (dropped)."""
    lut = _lookup(words_only=False)
    changed = np.flatnonzero(lut != np.arange(len(lut), dtype=lut.dtype))
    return {int(c): None if lut[c] == _DROP else int(lut[c]) for c in changed}
