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
    article: str
    coordination: str
    heads: dict[str, str]  # head word -> class of place it announces
    weak: frozenset[str]  # heads that prove nothing about an ordinary word
    near: frozenset[str]  # heads that put the event near the place
    unlisted: dict[str, str]  # head word -> kind of an unknown place after it
    not_names: frozenset[str]
    word_names: frozenset[str]  # heads after which an ordinary word is a name (حي)
    compound: frozenset[str]
    name_suffixes: frozenset[str]
    within: frozenset[str]
    inside: frozenset[str]  # "X وسط Y": X lies inside the town Y, not beside it
    apart: frozenset[str]  # "X قرب الحدود مع Y": X is not put in Y
    ambiguous: frozenset[str]
    nisba: frozenset[str]
    prepositions: frozenset[str]
    placed_in: frozenset[str]  # "X التابعة لمحافظة Y": X is a place
    placed_by: frozenset[str]  # "X شرقي Y", "X وسط Y": X is a place
    adjective_ending: str  # "السنية" after a noun is its adjective
    verb_particles: frozenset[str]  # "لا نميل": a verb follows
    country_endings: tuple[str, ...]  # سوريا less "يا" makes السوري
    nationality_endings: tuple[str, ...]  # "السوريه"، "السوري"
    not_places: frozenset[str]
    persons: frozenset[str]  # titles and given names: what follows is a person's name
    titles: frozenset[str]
    after_title: frozenset[str]  # given names only after a title ("اللواء علي")
    surname_ending: str  # "الخيكاني": a family name
    false_heads: frozenset[str]  # original spellings that fold to an unlisted head
    clitic_words: frozenset[str]  # ordinary words that look like clitic + place name
    common_words: frozenset[str]  # ordinary Arabic words: not names of unlisted places
    km_units: frozenset[str]  # "35 كلم شمال X"
    bearings: dict[str, float]  # direction word -> bearing in degrees


def _word_list(name: str) -> frozenset[str]:
    """A generated list of folded words, one a line ("#" starts a comment line)."""
    lines = (DATA_DIR / name).read_text(encoding="utf-8").split("\n")
    return frozenset(w for w in lines if w and not w.startswith("#"))


@cache
def lexicon() -> Lexicon:
    t = tables()
    unlisted = {fold(k): v for k, v in t["unlisted"].items() if isinstance(v, str)}
    return Lexicon(
        proclitics=_set(t["clitics"]["proclitics"]),
        lil=_set(t["clitics"]["lil"]),
        article=fold(t["clitics"]["article"]),
        coordination=fold(t["clitics"]["coordination"]),
        heads={fold(k): v for k, v in t["head_words"].items()},
        weak=_set(t["head_words_weak"]["words"]),
        near=_set(t["head_words_near"]["words"]),
        unlisted=unlisted,
        not_names=_set(t["unlisted"]["not_names"]),
        word_names=_set(t["unlisted"]["word_names"]),
        compound=_set(t["unlisted"]["compound"]),
        name_suffixes=_set(t["unlisted"]["name_suffixes"]),
        within=_set(t["unlisted"]["within"]),
        inside=_set(t["unlisted"]["inside"]),
        apart=_set(t["unlisted"]["apart"]),
        ambiguous=_set(t["ambiguous"]["words"]),
        nisba=_set(t["ambiguous"]["nisba"]),
        prepositions=_set(t["ambiguous"]["prepositions"]),
        placed_in=_set(t["ambiguous"]["placed_in"]),
        placed_by=_set(t["ambiguous"]["placed_by"]),
        adjective_ending=fold(t["ambiguous"]["adjective_ending"]),
        verb_particles=_set(t["ambiguous"]["verb_particles"]),
        country_endings=tuple(map(fold, t["ambiguous"]["country_endings"])),
        nationality_endings=tuple(map(fold, t["ambiguous"]["nationality_endings"])),
        not_places=_set(t["not_places"]["phrases"]),
        persons=_set(t["persons"]["titles"] + t["persons"]["given_names"]),
        titles=_set(t["persons"]["titles"]),
        after_title=_set(t["persons"]["after_title"]),
        surname_ending=fold(t["persons"]["surname_ending"]),
        false_heads=frozenset(t["unlisted_false_heads"]["words"]),
        clitic_words=_word_list("clitic_words.txt"),
        common_words=_word_list("common_words.txt"),
        km_units=_set(t["distance"]["km"]),
        bearings={fold(k): float(v) for k, v in t["distance"]["bearings"].items()},
    )
