"""Find date expressions in text, as written: the grammar behind :mod:`gazetteer.dates`.

Every word comes from ``data/dates.toml`` (month names of the Levantine/Iraqi, Egyptian/Gulf
and English systems, weekdays, relative words); this module only says how words combine:

- numeric: 2025-09-24, 2025/09/24, 26-11-2025, 24/9/2025 (day first, as Arabic sites
  write it, unless only month first makes sense: 9/24/2025);
- named: ``[edge] [month-word] [weekday] [day] month[/month] [year | of-next-year | last |
  next]`` -- "24 Aylul 2025", "4 Shubat/Fibrayir" (one month in both systems, one span),
  "Friday 22 November", "Friday, 13 February 2026", "next January", "early October";
  a month name with none of the optional parts is no date (the Egyptian April is also a
  misspelt Erbil in the seeds, the Levantine August also the word "father");
- English month first: "February 13, 2026";
- years: ``[edge] year-word 2014`` ("in the year 2014", "the end of the year 2018"); a
  bare four-digit number is not a year, and years outside 1900-2100 are not read;
- relative: "yesterday", "today", "last month", "next year", and a weekday alone after
  "day"/"today" or before a comma.

Speed: a pass of Python's ``re`` over Arabic text costs about 25 ns a character for an
alternation of month names (nearly every letter starts one), so the text is scanned once
by an Aho-Corasick automaton of the words a date can start with, and the digits; the forms
are matched only where one of them starts a word.
"""

from __future__ import annotations

import re
import tomllib
from calendar import monthrange
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import NamedTuple

import ahocorasick

from .language import DATA_DIR
from .normalize import Normalized, fold, normalize, words

_SP = r"[^\S\n]"  # a space inside a date: a date never runs over a line end
_YEAR = r"(?:19[0-9]{2}|20[0-9]{2}|2100)(?![0-9])"  # years outside 1900-2100 are numbers
_DIGITS = "0123456789"


class Found(NamedTuple):
    """A date expression at ``text[start:end]``, as written, before any anchor resolves it.

    ``year`` is set when the text states it. Otherwise the expression is relative: a month
    (and day) whose year the anchor gives, looked for before the anchor's month
    (``toward`` -1, "last"), after it (+1, "next"), or in the year ``year_shift`` from
    the anchor's ("of next year"); an ``offset`` in ``unit`` from the anchor
    ("yesterday"); or a ``weekday`` alone. (A named tuple: it is built often, and fast.)
    """

    start: int
    end: int
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None  # Monday = 0
    toward: int = 0
    year_shift: int | None = None
    unit: str | None = None
    offset: int = 0
    latin: bool = False  # written with Latin letters ("Friday, 13 February 2026")
    labelled: bool = False  # after a publication label at the start of its line


def valid(year: int, month: int, day: int) -> bool:
    """Whether the date exists (no 31 February)."""
    return 1 <= month <= 12 and 1 <= day <= monthrange(year, month)[1]


@cache
def tables() -> dict:
    """The raw tables of ``dates.toml`` (strings as written there)."""
    with open(DATA_DIR / "dates.toml", "rb") as f:
        return tomllib.load(f)


def _key(s: str) -> str:
    """A table entry as a key: folded, single spaces."""
    return _spaced(fold(s))


def _spaced(s: str) -> str:
    """Matched (already folded) text as a key: single spaces."""
    return " ".join(s.split())


def _alt(names) -> str:
    """A regex for any of ``names``, longest first; a space matches a run of spaces."""
    ordered = sorted({_key(n) for n in names}, key=len, reverse=True)
    return "(?:" + "|".join(re.escape(n).replace(r"\ ", _SP + "+") for n in ordered) + ")"


def _index(table: list[list[str]], first: int) -> dict[str, int]:
    """Folded spelling → position in ``table`` (a list of lists of spellings)."""
    return {_key(name): i for i, names in enumerate(table, first) for name in names}


@dataclass(frozen=True)
class Grammar:
    """The date vocabulary, folded, and the regexes and trigger automaton built from it."""

    months: dict[str, int]
    weekdays: dict[str, int]
    after_month: dict[str, int]
    days: dict[str, int]
    periods: dict[str, tuple[str, int]]
    forms: dict[str, re.Pattern]
    triggers: ahocorasick.Automaton  # first word of a form → (word, names of those forms)
    marker_before: re.Pattern  # a word ("day", "today") that makes a weekday alone a date
    apposition: re.Pattern  # what may stand between two names of one date
    labels: re.Pattern  # a line's start up to a date, when it is a publication label


@cache
def grammar() -> Grammar:
    """Build the grammar once from ``dates.toml``."""
    t = tables()
    months = {}
    for system in t["months"].values():
        months |= _index(system, 1)
    weekdays = _index(t["weekdays"]["arabic"], 0) | _index(t["weekdays"]["english"], 0)
    latin_months = _index(t["months"]["english"], 1)
    latin_weekdays = _index(t["weekdays"]["english"], 0)
    rel = t["relative"]
    periods = {_key(k): (unit, n) for k, (unit, n) in rel["periods"].items()}
    year_periods = [k for k, (unit, _) in periods.items() if unit == "year"]
    edges, month_words = t["periods"]["edges"], t["periods"]["month_words"]
    markers, weekday_markers = t["years"]["markers"], t["weekdays"]["markers"]
    punct, clitics = t["punctuation"], fold(t["clitics"]["letters"])
    sp, commas, of = _SP, re.escape(fold(punct["commas"])), _alt(t["periods"]["of"])
    sep = rf"(?:{sp}|[{commas}])*"
    year = rf"(?P<y>{_YEAR})(?:{sp}*{_alt(t['years']['suffixes'])}(?!\w))?"
    month = rf"{_alt(months)}(?!\w)"
    day = r"(?P<d>[0-9]{1,2})(?![0-9])(?:st|nd|rd|th)?"
    n2, end = "[0-9]{1,2}", r"(?![0-9]|[-/.][0-9])"  # not part of a longer run of numbers
    # The parts of a named date, each optional but the month.
    lead = (
        rf"(?:(?P<edge>{_alt(edges)}){sp}+)?(?:(?P<mword>{_alt(month_words)}){sp}+)?"
        rf"(?:(?P<wd>{_alt(weekdays)}){sep}(?:{_alt(t['weekdays']['joiners'])}{sp}+)?)?"
    )
    second_name = (  # the same month in the other system: "/February", " February", "(February)"
        rf"(?:{sp}*(?:(?P<paren>\()|[{re.escape(punct['month_pair'])}])?{sp}*{month}(?(paren)\)))?"
    )
    tail = (
        rf"(?:{sep}(?:{of}{sp}+)?(?:{_alt(markers)}{sp}+)?{year}"  # "2019", "of the year 2019"
        rf"|{sp}+(?:{of}{sp}+)?(?P<rel>{_alt(year_periods)})(?!\w)"  # "of next year"
        rf"|{sp}+(?P<dir>{_alt(rel['after_month'])})(?!\w))?"  # "last", "next", "current"
    )
    forms = {
        "ymd": rf"(?P<y>{_YEAR})(?P<s>[-/.])(?P<m>{n2})(?P=s)(?P<d>{n2}){end}",
        "dmy": rf"(?P<a>{n2})(?P<s>[-/.])(?P<b>{n2})(?P=s)(?P<y>{_YEAR}){end}",
        "named": rf"{lead}(?:{day}{sp}*)?(?P<m>{month}){second_name}{tail}",
        "english": (
            rf"(?:(?P<wd>{_alt(latin_weekdays)}){sep})?(?P<m>{_alt(latin_months)})(?!\w)\.?{sp}+"
            rf"{day},?{sp}+{year}"
        ),
        "years": rf"(?:{_alt(edges)}{sp}+)?{_alt(markers)}{sp}+{year}",
        "period": rf"{_alt(periods)}(?!\w)",
        "days": rf"{_alt(rel['days'])}(?!\w)(?!{sp}+{_alt(rel['not_today_before'])}(?!\w))",
        "weekday": rf"(?P<wd>{_alt(weekdays)})(?!\w)(?P<comma>(?={sp}*[{commas}]))?",
    }
    first = {  # the words each form can start with
        "ymd": set(_DIGITS),
        "dmy": set(_DIGITS),
        "named": set(_DIGITS) | {*edges, *month_words, *weekdays, *months},
        "english": {*latin_weekdays, *latin_months},
        "years": {*edges, *markers},
        "period": set(periods),
        "days": set(rel["days"]),
        "weekday": set(weekdays),
    }
    first = {form: {_key(w).split()[0] for w in words} for form, words in first.items()}
    # Whole words only, read in the text folded to words and spaces (``normalize.words``,
    # the same positions): a word between spaces, a number from its first digit, each
    # also after a clitic letter. A word of its own wins over a clitic and a word.
    starting = {word: tuple(f for f, words in first.items() if word in words)
                for word in set().union(*first.values())}
    written: dict[str, tuple[str, tuple[str, ...]]] = {}
    for clitic in ("", *clitics):
        for word, names in starting.items():
            form = f" {clitic}{word}" if word.isdigit() else f" {clitic}{word} "
            written.setdefault(form, (word, names))
    triggers = ahocorasick.Automaton()
    for form, value in written.items():
        triggers.add_word(form, value)
    triggers.make_automaton()
    labels = rf"{sp}*(?:[-•·|*]{sp}*)?{_alt(t['publication']['labels'])}{sp}*[:|-]?{sp}*"
    return Grammar(
        months=months,
        weekdays=weekdays,
        after_month={_key(k): v for k, v in rel["after_month"].items()},
        days={_key(k): v for k, v in rel["days"].items()},
        periods=periods,
        forms={name: re.compile(p) for name, p in forms.items()},
        triggers=triggers,
        marker_before=re.compile(rf"(?<![^\W{clitics}]){_alt(weekday_markers)}{sp}+\Z"),
        apposition=re.compile(rf"(?:{sp}|[{commas}()])*"),
        labels=re.compile(labels),
    )


# Readers: a match of each form → the fields of its Found, or None when it is no date.


def _numeric(m: re.Match, g: Grammar) -> dict | None:
    if "a" in m.re.groupindex:  # day first, unless only month first makes sense
        a, b = int(m["a"]), int(m["b"])
        day, month = (b, a) if a <= 12 < b else (a, b)
    else:
        month, day = int(m["m"]), int(m["d"])
    year = int(m["y"])
    return {"year": year, "month": month, "day": day} if valid(year, month, day) else None


def _named(m: re.Match, g: Grammar) -> dict | None:
    year, day = int(m["y"]) if m["y"] else None, int(m["d"]) if m["d"] else None
    rel, after = m["rel"], m["dir"]
    if not (year or day or rel or after or m["edge"] or m["mword"]):
        return None  # a month name alone is too often a word
    month = g.months[_spaced(m["m"])]
    toward = g.after_month[_spaced(after)] if after else None  # 0: "current", the anchor's year
    # 2000: a leap year admits 29 February. (Day 0 is no day, not a missing one.)
    if day is not None and not valid(year or 2000, month, day):
        return None
    return {
        "year": year,
        "month": month,
        "day": day,
        "weekday": g.weekdays[_spaced(m["wd"])] if m["wd"] else None,
        "toward": toward or 0,
        "year_shift": g.periods[_spaced(rel)][1] if rel else 0 if toward == 0 else None,
    }


def _english(m: re.Match, g: Grammar) -> dict | None:
    year, month, day = int(m["y"]), g.months[_spaced(m["m"])], int(m["d"])
    return {"year": year, "month": month, "day": day} if valid(year, month, day) else None


def _years(m: re.Match, g: Grammar) -> dict:
    return {"year": int(m["y"])}


def _period(m: re.Match, g: Grammar) -> dict:
    unit, n = g.periods[_spaced(m[0])]
    return {"unit": unit, "offset": n}


def _days(m: re.Match, g: Grammar) -> dict:
    return {"unit": "day", "offset": g.days[_spaced(m[0])]}


def _weekday(m: re.Match, g: Grammar) -> dict | None:
    text, start = m.string, m.start()
    # The marker is a short word: look for it in the few characters before the weekday.
    if m["comma"] is None and not g.marker_before.search(text, max(0, start - 20), start):
        return None  # Sunday's name also means "the one", Friday's "the congregation"
    return {"weekday": g.weekdays[_spaced(m["wd"])]}


_READERS = {
    "ymd": _numeric,
    "dmy": _numeric,
    "named": _named,
    "english": _english,
    "years": _years,
    "period": _period,
    "days": _days,
    "weekday": _weekday,
}
_LATIN = re.compile("[a-z]")
_LABEL_ROOM = 40  # characters


def _found(m: re.Match, fields: dict, norm: Normalized, g: Grammar) -> Found:
    """The Found of an accepted match, its span mapped back to the original text."""
    folded, start, written = m.string, m.start(), m[0]
    line = folded.rfind("\n", 0, start) + 1
    # A label is a few words: only a date near the start of its line can follow one.
    labelled = start - line <= _LABEL_ROOM and g.labels.fullmatch(folded, line, start) is not None
    latin = written.isascii() and _LATIN.search(written) is not None
    span = norm.original(start), norm.original_end(m.end())
    return Found(*span, **fields, latin=latin, labelled=labelled)


@lru_cache(maxsize=16)
def scan(text: str) -> tuple[Found, ...]:
    """Every date expression in ``text``, in order, with spans in ``text``'s offsets."""
    g = grammar()
    norm = normalize(text)
    folded = norm.text
    found, covered = [], 0
    # The padding's space puts the word one place after the pattern's start.
    for last, (word, forms) in g.triggers.iter(f" {words(text).text} "):
        start = last - len(word) + (0 if word.isdigit() else -1)
        if start < covered:
            continue
        best, fields, longest = None, None, 0
        for name in forms:
            m = g.forms[name].match(folded, start)
            if m and (best is None or m.end() > best.end()):
                longest = max(longest, m.end())
                read = _READERS[name](m, g)
                if read is not None:
                    best, fields = m, read
        # What reads as a date but is none (31 February 2020) is skipped whole, not in parts.
        covered = max(covered, longest)
        if best:
            found.append(_found(best, fields, norm, g))
    return tuple(found)
