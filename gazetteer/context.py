"""Reading the words around a name in folded text: head words, "X في Y"."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from .lexicon import Lexicon, lexicon
from .matcher import Match


def word_before(text: str, pos: int) -> tuple[int, str]:
    """The word that ends before ``pos`` (spaces skipped), and where it starts."""
    end = pos
    while end > 0 and text[end - 1] == " ":
        end -= 1
    start = text.rfind(" ", 0, end) + 1
    return start, text[start:end]


def words_before(text: str, pos: int, n: int) -> list[str]:
    """The ``n`` words that end before ``pos``, the nearest last (fewer at the text's
    start): the last of a short stretch split, wider until it holds a word more."""
    reach = 12 * (n + 1)
    while True:
        lo = max(0, pos - reach)
        found = text[lo:pos].split()
        if len(found) > n or lo == 0:  # the first may be cut: it is not among the last n
            return found[-n:]
        reach *= 2


def word_after(text: str, pos: int) -> str:
    """The word that starts one space after ``pos`` (the end of a word)."""
    end = text.find(" ", pos + 1)
    return text[pos + 1 : len(text) if end < 0 else end]


def unclitic(word: str, lex: Lexicon) -> str:
    """``word`` without its proclitics, when what is left is still a word ("للنازحين":
    "النازحين", ل written onto the article)."""
    for lil in lex.lil:
        if word.startswith(lil) and len(word) > len(lil) + 2:
            return lex.article + word[len(lil) :]
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


@cache
def head_table() -> dict[str, Head]:
    """Every head word, alone and after each proclitic (ومحافظة), and every two-word head
    ("سلسله جبال"), with what it says."""
    lex = lexicon()
    table = {}
    for w in lex.near | lex.heads.keys():
        head = Head(lex.heads.get(w, "any"), w in lex.heads and w not in lex.weak, w in lex.near)
        for form in (w, *(c + w for c in lex.proclitics)):
            table.setdefault(form, head)
    return table


def head_of(word: str, word2: str) -> Head | None:
    """The head that the words ``word2 word`` (right before a name) make, if any."""
    table = head_table()
    two = table.get(f"{word2} {word}") if word2 else None
    return two if two is not None else table.get(word)


def is_within(text: str, end: int, nxt: Match, lex: Lexicon) -> bool:
    """True when the text puts what ends at ``end`` inside or beside ``nxt`` (X في Y,
    X بY, X شرق مدينة Y, X في محافظة Y: a word of place, and the head of Y's kind)."""
    gap = text[end : nxt.start - len(nxt.clitic)].split()
    if not gap:
        return nxt.clitic in lex.within
    return gap[0] in lex.within and (
        len(gap) == 1 or (len(gap) == 2 and unclitic(gap[1], lex) in lex.heads))
