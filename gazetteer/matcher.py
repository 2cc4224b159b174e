"""Find gazetteer names in a text: whole words, proclitics allowed, longest name first.

The matcher works on the text folded by :func:`gazetteer.normalize.words` (letters,
digits and spaces only). One Aho-Corasick automaton holds every written form of every
name between spaces: the name itself, and for names that take them, the name after each
proclitic (و ف ب ل ك and their pairs; ل + ال written لل). So every hit is a whole word
and the scan does the boundary work in C.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from operator import itemgetter

import ahocorasick


@dataclass(slots=True)  # not frozen: a frozen dataclass is slower to create, per hit
class Match:
    """A name found at ``[start, end)`` of the folded text, after ``clitic`` in its word."""

    start: int
    end: int
    name: str
    clitic: str = ""


class NameMatcher:
    """Whole-word matching of many names at once.

    ``clitic_names`` are the names that may carry proclitics (a village's name after
    "قرية" rarely does; a city's or a country's often does); ``blocked`` are ordinary words
    that read as proclitic + name (وزارة) and are not matched that way.
    """

    def __init__(
        self,
        names: Iterable[str],
        clitic_names: Iterable[str],
        proclitics: Iterable[str],
        lil: Iterable[str],
        article: str,
        blocked: Iterable[str] = (),
    ):
        # Every written form -> (name, clitic length, length between spaces); a name of
        # its own wins over a clitic reading of the same letters.
        forms: dict[str, tuple[str, int, int]] = {}
        for name in names:
            forms.setdefault(name, (name, 0, len(name) + 2))
        blocked = frozenset(blocked)
        clitics = [(c, len(c)) for c in proclitics]
        lil = [(p, len(p) - 1) for p in lil]
        for name in clitic_names:
            readings = [(c + name, n) for c, n in clitics]
            if name.startswith(article):  # للموصل: the name is matched from its second ل
                readings += [(p + name[len(article) :], n) for p, n in lil]
            for form, clitic in readings:
                if form not in forms and form not in blocked:
                    forms[form] = (name, clitic, len(form) + 2)
        self.automaton = ahocorasick.Automaton()
        add = self.automaton.add_word
        for form, value in forms.items():
            add(f" {form} ", value)
        self.automaton.make_automaton()

    def find(self, text: str) -> list[Match]:
        """Every whole-word name in ``text``; where names overlap, the longest wins."""
        return matches(text, longest(self.hits(text)))

    def hits(self, text: str) -> list[tuple]:
        """Every whole-word name in ``text``, overlapping ones too, as (word start, name
        end, name, clitic length)."""
        return self.hits_in(f" {text} ")

    def hits_in(self, padded: str, lo: int = 0, hi: int | None = None) -> list[tuple]:
        """:meth:`hits` of ``padded[lo:hi]``, where ``padded`` is a text between two
        spaces (positions in the text), ``padded[lo]`` and ``padded[hi - 1]`` spaces: a
        part of a long text read in place."""
        # the padding's space puts the word one place after the pattern's start
        return [(1 + end - size, end - 1, name, clitic) for end, (name, clitic, size)
                in self.automaton.iter(padded, lo, len(padded) if hi is None else hi)]


def matches(text: str, hits: list[tuple]) -> list[Match]:
    """The :class:`Match` of each of ``hits`` (:meth:`NameMatcher.hits`) in ``text``."""
    return [Match(word + clitic, end, name, text[word : word + clitic])
            for word, end, name, clitic in hits]


def longest(hits: list[tuple]) -> list[tuple]:
    """Keep, from every run of overlapping hits, the longest (leftmost on a tie).
    ``hits`` come in the order of their ends, as a scan gives them."""
    kept: list[tuple] = []
    # By start, the longest first: reversed, they come longest first; the sort is stable.
    for hit in sorted(reversed(hits), key=itemgetter(0)):
        if kept and hit[0] < kept[-1][1]:
            if hit[1] - hit[0] > kept[-1][1] - kept[-1][0]:
                kept[-1] = hit
            continue
        kept.append(hit)
    return kept
