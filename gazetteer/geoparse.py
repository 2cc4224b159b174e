"""Text in, located place mentions out.

    >>> parser = Geoparser()
    >>> [m.name_en for m in parser.parse("داعش في وادي الشاي بكركوك")]
    ['Wadi al-Shay', 'Kirkuk']

Steps: fold the text (:mod:`gazetteer.normalize`), find whole-word names
(:mod:`gazetteer.matcher`), read the words around each (head words, "X في Y",
coordination), keep names that are ordinary words only with evidence, choose among
same-named places (:mod:`gazetteer.resolve`), then report the places the text marks
with a head word but the gazetteer lacks (:mod:`gazetteer.unlisted`).
"""

from __future__ import annotations

from dataclasses import dataclass

from .context import Head, head_before, is_within, word_before
from .index import Gazetteer
from .lexicon import lexicon
from .matcher import Match, NameMatcher
from .mentions import Mention
from .normalize import words
from .places import Place
from .resolve import Context, choose
from .unlisted import find_unlisted


@dataclass(slots=True)
class Found:
    """A matched name with what its context says, while the article is read."""

    match: Match
    candidates: tuple[Place, ...]
    head: Head | None
    within: Found | None = None
    place: Place | None = None
    confidence: float = 0.0


WIDE = {"country", "governorate", "region", "beyond"}  # never taken for a person's name


class Geoparser:
    """Finds and locates every place an Arabic text names."""

    def __init__(self, gazetteer: Gazetteer | None = None):
        self.gazetteer = gazetteer or Gazetteer.load()
        self.lex = lexicon()
        names = [*self.gazetteer.arabic_names(), *self.lex.not_places]
        self.matcher = NameMatcher(
            names, self.lex.proclitics, self.lex.lil, self.lex.article, self.lex.clitic_words
        )

    def parse(self, text: str) -> list[Mention]:
        """Every place mention of ``text``, in order, with offsets into ``text``."""
        folded = words(text)
        ft = folded.text
        found = self._read(ft)
        self._resolve(found)
        mentions = [self._mention(text, folded, f) for f in found if f.place]
        mentions += find_unlisted(text, folded, found, self.lex)
        return sorted(mentions, key=lambda m: m.start)

    def _read(self, ft: str) -> list[Found]:
        """Matches with their context; names that need evidence and lack it are dropped."""
        found: list[Found] = []
        for m in self.matcher.find(ft):
            candidates = self.gazetteer.by_name.get(m.name, ())
            if m.name in self.lex.not_places or self._after_person(ft, m, candidates):
                continue
            head = head_before(ft, m.start - len(m.clitic), self.lex)
            prev = found[-1] if found else None
            if (
                head is None
                and prev
                and m.clitic.startswith(self.lex.coordination)
                and not ft[prev.match.end : m.start - len(m.clitic)].strip()
            ):
                head = prev.head  # "محافظات كركوك ونينوى": the head covers the list
            found.append(Found(m, candidates, head))
        proven = {f.match.name for f in found if f.head and f.head.proves}
        kept = []
        for f in found:
            if not self._evidenced(ft, f, proven):
                if f.match.name in self.lex.nisba:
                    continue
                f.candidates = tuple(p for p in f.candidates if f.match.name not in p.common_names)
            if f.candidates:
                kept.append(f)
        for f, nxt in zip(kept, kept[1:], strict=False):
            if is_within(ft, f.match.end, nxt.match, self.lex):
                f.within = nxt  # "وادي الشاي في كركوك"
        return kept

    def _evidenced(self, ft: str, f: Found, proven: set[str]) -> bool:
        """Whether the text shows that a name which is also a word is a place here: a head
        word before it, or (not for the listed ambiguous words) before the same name
        elsewhere in the article; "سورية" needs a preposition ("في سورية")."""
        if f.head is not None and f.head.proves:
            return True
        m = f.match
        if m.name in self.lex.nisba:
            before = word_before(ft, m.start - len(m.clitic))[1]
            return m.clitic in self.lex.prepositions or before in self.lex.prepositions
        return m.name in proven and m.name not in self.lex.ambiguous

    def _after_person(self, ft: str, m: Match, candidates: tuple[Place, ...]) -> bool:
        """A surname (خالد العبيدي) or a name after a title (اللواء X) is a person's;
        a country or a governorate is never a surname ("وأعلن العراق")."""
        if m.clitic or " " in m.name or any(p.feature_class in WIDE for p in candidates):
            return False
        start, word = word_before(ft, m.start)
        _, word2 = word_before(ft, start)
        return word in self.lex.persons or f"{word2} {word}" in self.lex.persons

    def _resolve(self, found: list[Found]) -> None:
        """First each name alone, then again with the rest of the article as context."""
        for f in found:
            f.place, f.confidence = choose(f.candidates, Context(f.head and f.head.kind))
        settled = [f.place for f in found if len(f.candidates) == 1]
        for f in found:
            if len(f.candidates) > 1:
                within = f.within.place if f.within else None
                f.place, f.confidence = choose(
                    f.candidates, Context(f.head and f.head.kind, within), settled
                )

    def _mention(self, text: str, folded, f: Found) -> Mention:
        p = f.place
        start, end = folded.original(f.match.start), folded.original_end(f.match.end)
        near = f.head is not None and f.head.near
        precision = "near" if near and p.precision == "exact" else p.precision
        return Mention(
            start=start,
            end=end,
            text=text[start:end],
            place_id=p.id,
            name_en=p.name_en,
            name_ar=p.name_ar,
            lat=p.lat,
            lon=p.lon,
            feature=p.feature,
            admin1=p.admin1,
            country=p.country,
            geo_precision=precision,
            confidence=f.confidence,
        )
