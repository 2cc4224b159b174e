"""Find gazetteer names in a text: whole words, proclitics allowed, longest name first.

The matcher works on the text folded by :func:`gazetteer.normalize.words` (letters,
digits and spaces only). One Aho-Corasick automaton holds every name followed by a space,
so a name can only end where a word ends; where it starts is checked per hit: at a word
start, or after proclitics (و ف ب ل ك and their pairs, ل + ال written لل).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import ahocorasick


@dataclass(frozen=True, slots=True)
class Match:
    """A name found at ``[start, end)`` of the folded text, after ``clitic`` in its word."""

    start: int
    end: int
    name: str
    clitic: str = ""


class NameMatcher:
    """Whole-word matching of many names at once."""

    def __init__(
        self,
        names: Iterable[str],
        proclitics: Iterable[str],
        lil: Iterable[str],
        article: str,
        blocked: Iterable[str] = (),
    ):
        self.proclitics = frozenset(proclitics)
        self.lil = frozenset(p[:-1] for p in lil)  # what stands before "ل + rest of name"
        self.blocked = frozenset(blocked)  # ordinary words that look like clitic + name
        self.automaton = ahocorasick.Automaton()
        for name in names:
            self.automaton.add_word(name + " ", (name, False))
        for name in names:
            if name.startswith(article) and len(name) > 3:
                key = name[1:] + " "
                if key not in self.automaton:
                    self.automaton.add_word(key, (name, True))
        self.automaton.make_automaton()

    def find(self, text: str) -> list[Match]:
        """Every whole-word name in ``text``; where names overlap, the longest wins."""
        text += " "
        found = []
        for last, (name, lil) in self.automaton.iter(text):
            start = last - (len(name) - lil)
            if start == 0 or text[start - 1] == " ":
                if lil:
                    continue
                clitic = ""
            else:
                clitic = text[text.rfind(" ", 0, start) + 1 : start]
                if clitic not in (self.lil if lil else self.proclitics):
                    continue
                if clitic + text[start:last] in self.blocked:
                    continue
            found.append(Match(start, last, name, clitic))
        return _longest(found)


def _longest(matches: list[Match]) -> list[Match]:
    """Drop every match that overlaps a longer one (a name with its clitic counts whole)."""
    kept: list[Match] = []
    for m in sorted(matches, key=lambda m: (-(m.end - m.start + len(m.clitic)), m.start)):
        lo = m.start - len(m.clitic)
        if all(m.end <= k.start - len(k.clitic) or k.end <= lo for k in kept):
            kept.append(m)
    return sorted(kept, key=lambda m: m.start)
