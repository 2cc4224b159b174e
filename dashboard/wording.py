"""The page's words in the visitor's language: one table per language
(``strings/en.toml``, ``strings/ar.toml``), and counts said as each language says them.

The language is this script run's (:data:`LANGUAGE`, set by the app at the top of each
run): a context variable, so that sessions running at once on the server's threads each
keep their own.
"""

from __future__ import annotations

import tomllib
from contextvars import ContextVar
from functools import cache
from pathlib import Path

LANGUAGES = {"en": "English", "ar": "العربية"}
RIGHT_TO_LEFT = {"ar"}
LANGUAGE: ContextVar[str] = ContextVar("language", default="en")


@cache
def table(language: str) -> dict:
    path = Path(__file__).parent / "strings" / f"{language}.toml"
    return tomllib.loads(path.read_text(encoding="utf-8"))


def say(key: str, **values) -> str:
    """The words ``key`` names, in the current language, with ``values`` filled in."""
    return table(LANGUAGE.get())[key].format(**values)


def counted(n: int, noun: str) -> str:
    """``n`` and the noun (a key of the tables' ``nouns``) in the form the count takes:
    English singular or plural; Arabic's forms by CLDR's plural rules."""
    forms = table(LANGUAGE.get())["nouns"][noun]
    if len(forms) == 2:
        return f"{n:,} {forms[n != 1]}"
    one, two, few, many, other = forms
    rest = n % 100
    if n == 1:
        return one
    if n == 2:
        return two
    form = few if 3 <= rest <= 10 else many if 11 <= rest <= 99 else other
    return f"{n:,} {form}"


def named(section: str, value: str) -> str:
    """A value of the data (a kind of place, a region) as the current language names
    it (a section of the tables: ``kind_names``, ``region_names``); itself when unnamed."""
    return table(LANGUAGE.get()).get(section, {}).get(value, value)


def right_to_left() -> bool:
    return LANGUAGE.get() in RIGHT_TO_LEFT
