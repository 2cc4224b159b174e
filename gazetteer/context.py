"""Reading the words around a name in folded text: head words, "X في Y"."""

from __future__ import annotations

from dataclasses import dataclass

from .lexicon import Lexicon
from .matcher import Match


def word_before(text: str, pos: int) -> tuple[int, str]:
    """The word that ends before ``pos`` (spaces skipped), and where it starts."""
    end = len(text[:pos].rstrip(" "))
    start = text.rfind(" ", 0, end) + 1
    return start, text[start:end]


def unclitic(word: str, lex: Lexicon) -> str:
    """``word`` without its proclitics, when what is left is still a word."""
    for n in (2, 1):
        if word[:n] in lex.proclitics and len(word) > n + 2:
            return word[n:]
    return word


@dataclass(frozen=True, slots=True)
class Head:
    """A head word before a name: the class of place it announces ("وادي" -> terrain,
    "منطقة" -> any), whether it proves an ordinary word is a name, and whether it puts
    the place near rather than at ("أطراف", "قرب")."""

    kind: str
    proves: bool
    near: bool


def head_before(text: str, pos: int, lex: Lexicon) -> Head | None:
    """The head word before ``pos``, if there is one."""
    start, word = word_before(text, pos)
    _, word2 = word_before(text, start)
    for w in dict.fromkeys((word, unclitic(word, lex))):
        if f"{word2} {w}" in lex.heads:
            return Head(lex.heads[f"{word2} {w}"], True, False)
        if w in lex.heads or w in lex.near:
            return Head(
                lex.heads.get(w, "any"), w in lex.heads and w not in lex.weak, w in lex.near
            )
    return None


def is_within(text: str, end: int, nxt: Match, lex: Lexicon) -> bool:
    """True when the text puts what ends at ``end`` inside ``nxt`` (X في Y, X بY)."""
    gap = text[end : nxt.start - len(nxt.clitic)].split()
    return (not gap and nxt.clitic in lex.within) or (len(gap) == 1 and gap[0] in lex.within)
