"""The tables of ``data/arabic.toml`` folded the way texts are, ready for look-ups."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from .language import DATA_DIR, tables
from .normalize import fold


def _set(words) -> frozenset[str]:
    return frozenset(fold(w) for w in words)


@dataclass(frozen=True)
class Lexicon:
    proclitics: frozenset[str]
    lil: frozenset[str]
    heads: dict[str, str]  # head word -> class of place it announces
    weak: frozenset[str]  # heads that prove nothing about an ordinary word
    near: frozenset[str]  # heads that put the event near the place
    unlisted: dict[str, str]  # head word -> kind of an unknown place after it
    not_names: frozenset[str]
    compound: frozenset[str]
    within: frozenset[str]
    ambiguous: frozenset[str]
    not_places: frozenset[str]
    clitic_words: frozenset[str]  # ordinary words that look like clitic + place name


@cache
def lexicon() -> Lexicon:
    t = tables()
    unlisted = {fold(k): v for k, v in t["unlisted"].items() if isinstance(v, str)}
    words_file = DATA_DIR / "clitic_words.txt"
    clitic_words = [w for w in words_file.read_text(encoding="utf-8").split("\n")
                    if w and not w.startswith("#")] if words_file.exists() else []
    return Lexicon(
        proclitics=_set(t["clitics"]["proclitics"]),
        lil=_set(t["clitics"]["lil"]),
        heads={fold(k): v for k, v in t["head_words"].items()},
        weak=_set(t["head_words_weak"]["words"]),
        near=_set(t["head_words_near"]["words"]),
        unlisted=unlisted,
        not_names=_set(t["unlisted"]["not_names"]),
        compound=_set(t["unlisted"]["compound"]),
        within=_set(t["unlisted"]["within"]),
        ambiguous=_set(t["ambiguous"]["words"]),
        not_places=_set(t["not_places"]["phrases"]),
        clitic_words=frozenset(clitic_words),
    )
