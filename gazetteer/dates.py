"""Dates in Arabic security news: find and resolve them, date a document and its events.

:func:`find_dates` lists the date expressions of a text (their forms are described in
:mod:`gazetteer.datescan`, their words live in ``data/dates.toml``) and resolves each to
``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``. A date that writes its year stands alone; any
other is *relative* and needs an anchor, the document's publication date:

- "yesterday", "today", "last month", "next year": that many days, months or years from
  the anchor, said only as precisely as the anchor is ("yesterday" against ``2019-02`` is
  ``2019-02``);
- a weekday alone ("on Friday"): the last such day up to the anchor;
- a month (and day) followed by "last" (al-madi): in the last such month before the
  anchor's month; by "next" (al-muqbil, al-qadim): in the first such month after it; by
  "of next year": in that year;
- any other month (and day) without a year: when a weekday is given, the year within a
  year of the anchor in which that date falls on that weekday -- a page's "read also" block
  may carry a later article than the page's date: "Friday 22 November" on a page of
  2024-02-08 is 2024-11-22, a Friday (2023-11-22 was a Wednesday); else the last such date
  not after the anchor.

Without an anchor, relative expressions are left out; so they are against an anchor within
ten years of the calendar's ends (metadata may say 0001-01-01; Python's dates end at years 1
and 9999). :func:`publication_date` chooses a document's date by the rules in its
docstring; :func:`date_at` gives a place mention the date stated in its sentence;
:func:`historical` tells a date recalled from years back from the news.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from calendar import isleap, monthrange
from dataclasses import dataclass
from datetime import MAXYEAR, MINYEAR, date, timedelta
from functools import cache, lru_cache
from operator import attrgetter

from .datescan import Found, grammar, scan, tables, valid

_PRECISION = ("year", "month", "day")  # coarse to fine
_TOP = 1000  # characters: a dateline sits above this; a complete date further down is history
# Years from its anchor a relative date may fall: one either way, and a 29 February moved on
# to the nearest leap year (up to 8 years, across 1900 or 2100).
_REACH = 10


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date expression at ``text[start:end]`` and its resolved value."""

    start: int
    end: int
    text: str
    value: str  # "YYYY-MM-DD" | "YYYY-MM" | "YYYY"
    precision: str  # "day" | "month" | "year"
    relative: bool  # resolved against an anchor (no year written)


def _format(year: int, month: int | None = None, day: int | None = None) -> tuple[str, str]:
    """(value, precision) of a year, month or day."""
    if month is None:
        return f"{year:04d}", "year"
    if day is None:
        return f"{year:04d}-{month:02d}", "month"
    return f"{year:04d}-{month:02d}-{day:02d}", "day"


def _day(d: date) -> tuple[str, str]:
    return _format(d.year, d.month, d.day)


@dataclass(frozen=True, slots=True)
class _Anchor:
    """The period a date value names: its first and last day, and its precision."""

    first: date
    last: date
    precision: str

    @staticmethod
    @lru_cache(maxsize=64)
    def parse(value: str) -> _Anchor:
        if not re.fullmatch(r"[0-9]{4}(-[0-9]{2}){0,2}", value):
            raise ValueError(f"an anchor is YYYY, YYYY-MM or YYYY-MM-DD, not {value!r}")
        y, m, d = [int(p) for p in value.split("-")] + [None] * (2 - value.count("-"))
        if d is not None:
            return _Anchor(date(y, m, d), date(y, m, d), "day")
        if m is not None:
            return _Anchor(date(y, m, 1), date(y, m, monthrange(y, m)[1]), "month")
        return _Anchor(date(y, 1, 1), date(y, 12, 31), "year")

    def value(self) -> tuple[str, str]:
        parts = (self.first.year, self.first.month, self.first.day)
        return _format(*parts[: _PRECISION.index(self.precision) + 1])

    def distance(self, day: date) -> int:
        """Days from ``day`` to the nearest day of the period (0 inside it)."""
        return max((self.first - day).days, (day - self.last).days, 0)


def period(value: str) -> tuple[date, date, str]:
    """The first and last day a date value ("YYYY-MM-DD", "YYYY-MM", "YYYY") names, and its
    precision; ValueError for anything else."""
    a = _Anchor.parse(value)
    return a.first, a.last, a.precision


def _shift(a: _Anchor, unit: str, n: int) -> tuple[str, str]:
    """``n`` units from the anchor; an anchor coarser than the unit is all we can say."""
    if _PRECISION.index(a.precision) < _PRECISION.index(unit):
        return a.value()
    if unit == "day":
        return _day(a.first + timedelta(n))
    if unit == "month":
        y, m = divmod(a.first.year * 12 + a.first.month - 1 + n, 12)
        return _format(y, m + 1)
    return _format(a.first.year + n)


def _year_of(f: Found, a: _Anchor) -> int:
    """The year of a month (and day) written without one; see the module docstring."""
    if f.year_shift is not None:
        return a.first.year + f.year_shift
    if f.toward < 0:
        return a.first.year - (f.month >= a.first.month)
    if f.toward > 0:
        return a.last.year + (f.month <= a.last.month)
    if f.weekday is not None and f.day:
        years = range(a.first.year - 1, a.last.year + 2)
        days = [date(y, f.month, f.day) for y in years if valid(y, f.month, f.day)]
        near = [d for d in days if d.weekday() == f.weekday and a.distance(d) <= 366]
        if near:
            return min(near, key=a.distance).year
    return a.last.year - ((f.month, f.day or 1) > (a.last.month, a.last.day))


def _resolve(f: Found, a: _Anchor | None) -> tuple[str, str] | None:
    """(value, precision) of a found expression, or None if it needs an anchor it lacks."""
    if f.year is not None:
        return _format(f.year, f.month, f.day)
    if a is None:
        return None
    if f.unit:
        return _shift(a, f.unit, f.offset)
    if f.month is None:  # a weekday alone
        if a.precision != "day":
            return a.value()
        return _day(a.first - timedelta((a.first.weekday() - f.weekday) % 7))
    year = _year_of(f, a)
    if f.day and not valid(year, f.month, f.day):  # 29 February
        if f.year_shift is not None:
            return None  # the year is stated ("of next year"), and the day is not in it
        year = _leap_year(year, 1 if f.toward > 0 else -1)
    return _format(year, f.month, f.day)


def _leap_year(year: int, step: int) -> int:
    """The nearest leap year from ``year`` on, going ``step`` at a time."""
    while not isleap(year):
        year += step
    return year


def find_dates(text: str, anchor: str | None = None) -> list[DateMention]:
    """Every date expression in ``text``, sorted by start, resolved against ``anchor``.

    ``anchor`` ("YYYY-MM-DD", "YYYY-MM" or "YYYY") is the publication date; without it,
    relative expressions are left out. Dates side by side, with only spaces, commas or
    brackets between them, name one day ("today (24 September 2025)", "today, Friday 22
    November"): those that write their year are kept, or else the longest.
    """
    a = _Anchor.parse(anchor) if anchor else None
    if a and not MINYEAR + _REACH <= a.first.year <= a.last.year <= MAXYEAR - _REACH:
        a = None  # its relative dates could fall before year 1 or after 9999
    mentions, weekdays = [], set()
    for f in scan(text):
        resolved = _resolve(f, a)
        if resolved:
            written = text[f.start : f.end]
            mentions.append(DateMention(f.start, f.end, written, *resolved, f.year is None))
            if f.weekday is not None and f.day is None:
                weekdays.add(f.start)
    return _one_per_apposition(mentions, text, weekdays)


def _one_per_apposition(mentions: list[DateMention], text: str, weekdays: set[int]
                        ) -> list[DateMention]:
    """One date of each run of dates with only spaces, commas or brackets between them:
    those that write their year, else a weekday named ("yesterday, Sunday" is Sunday,
    though the page came out on Tuesday), else the longest. ``weekdays``: the starts of
    the weekdays named alone."""
    between = grammar().apposition
    runs: list[list[DateMention]] = []
    for m in mentions:
        if runs and between.fullmatch(text, runs[-1][-1].end, m.start):
            runs[-1].append(m)
        else:
            runs.append([m])
    kept = []
    for run in runs:
        stated = [m for m in run if not m.relative] or [m for m in run if m.start in weekdays]
        kept.extend(stated or [max(run, key=lambda m: m.end - m.start)])
    return kept


@cache
def _sentence_end() -> re.Pattern:
    # A "." before a digit is inside a number or a date (24.9.2025), not a full stop.
    return re.compile(rf"[{re.escape(tables()['punctuation']['sentence_ends'])}](?!\d)")


@lru_cache(maxsize=16)  # the date rules, the mentions and the events read the same text
def sentence_ends(text: str) -> tuple[int, ...]:
    """Where the sentences of ``text`` end (the offsets of their closing marks)."""
    return tuple(m.start() for m in _sentence_end().finditer(text))


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Where the sentence holding ``text[start:end]`` starts and ends (its closing mark
    left out); sentences end at the ``sentence_ends`` of ``dates.toml``."""
    ends = sentence_ends(text)
    i, j = bisect_left(ends, start), bisect_left(ends, end)
    return (ends[i - 1] + 1 if i else 0), (ends[j] if j < len(ends) else len(text))


def date_at(dates: list[DateMention], text: str, start: int, end: int) -> DateMention | None:
    """The date stated in the sentence of ``text[start:end]`` nearest to it, or None.

    Sentences end at the characters ``sentence_ends`` of ``dates.toml`` (full stops,
    question and exclamation marks, line ends); ``dates`` is :func:`find_dates` of ``text``.
    """
    return dates_at(dates, text, [(start, end)])[0]


def dates_at(dates: list[DateMention], text: str, spans: list[tuple[int, int]]
             ) -> list[DateMention | None]:
    """:func:`date_at` of each of ``spans``, in one walk of the sentence ends and the
    dates when the spans come sorted by start (a page has hundreds of place mentions)."""
    if not dates:
        return [None] * len(spans)
    ends, found, i, here, last = sentence_ends(text), [], 0, 0, 0
    for start, end in spans:
        if start < last:  # out of order: walk again from the start
            i = here = 0
        last = start
        while i < len(ends) and ends[i] < start:
            i += 1
        j = i
        while j < len(ends) and ends[j] < end:
            j += 1
        lo, hi = (ends[i - 1] + 1 if i else 0), (ends[j] if j < len(ends) else len(text))
        while here < len(dates) and dates[here].start < start:
            here += 1
        # Dates never overlap (scan skips what a date covers), so the nearest is beside the
        # span: two on each side are looked at, not every date of a sentence that may run
        # through a whole page.
        best, gap = None, 0
        for d in dates[max(here - 2, 0) : here + 2]:
            if lo <= d.start and d.end <= hi:
                apart = max(d.start - end, start - d.end, 0)
                if best is None or apart < gap:
                    best, gap = d, apart
        found.append(best)
    return found


def starting_in(dates: list[DateMention], lo: int, hi: int) -> list[DateMention]:
    """The dates that start in ``[lo, hi)``: a bisection of ``dates`` (sorted by start,
    as :func:`find_dates` gives them), since a long text has thousands, each looked at
    once per place mention."""
    return dates[bisect_left(dates, lo, key=_start) : bisect_left(dates, hi, key=_start)]


_start = attrgetter("start")  # a bisection's key, in C


def historical_years() -> int:
    """How many years before its document's publication a date must end, at least, to be
    :func:`historical` (``[historical]`` in ``dates.toml``)."""
    return tables()["historical"]["years"]


def historical(value: str, present: str) -> bool:
    """Whether the date ``value`` ends more than :func:`historical_years` before the date
    ``present`` (its document's publication) begins: a reference to the past ("since the
    year 1984"), not the news."""
    last, first = _Anchor.parse(value).last, _Anchor.parse(present).first
    return (last.year + historical_years(), last.month, last.day) < (
        first.year, first.month, first.day)


def latest_written(text: str) -> str | None:
    """The latest date ``text`` writes out with its year, not in Latin letters (the
    page's furniture): its publication cannot be earlier (a lower bound, not a date)."""
    written = [f for f in scan(text) if f.year is not None and not f.latin]
    if not written:
        return None
    f = max(written, key=lambda f: (f.year, f.month or 1, f.day or 1))
    return _format(f.year, f.month, f.day)[0]


def publication_date(text: str) -> tuple[str | None, str | None]:
    """(value, precision) of the date ``text`` was published, or (None, None).

    A text names many dates; most are references to the past ("since the year 2014", "on
    10 June 2014"), and only a date the text gives as its own dates it. The first rule
    that applies wins:

    1. a date right after a label at the start of a line ("date 2025-09-24", "last
       updated: 8 February 2024"; labels in ``dates.toml``);
    2. the first dateline in the first 1000 characters: a complete date (day, month and
       year), not in Latin letters ("Friday, 13 February 2026" above an Arabic article is
       the page's furniture, the day it was crawled), that is alone on its line but for
       a few words ("Ramadi - 12 March 2025") or said to be today: with its weekday
       ("today, Sunday 19 March 2017") or beside "today" or a weekday ("on Sunday (27
       September 2020)"). "In 10 June 2014" inside a sentence is a reference;
    3. a day and month without a year ("on 4 February"), put in the first such month on
       or after the 1st of January of the latest year the text writes out, and after any
       date the text calls past ("at the end of 2018 ... on 26 December last": then
       2019-02); the first such date with a weekday is preferred, and moved to the next
       year if the weekday fits that year only ("Thursday 23 July" after 2014 is 2015).
       The result stands only if its year is none the text writes out: a year written
       out is a reference to the past (of the candidate articles that write one, nine in
       ten were published in a later year than the latest they write), so it is a lower
       bound, not the year. Month precision: a report follows the events it dates by
       some days.

    A complete date elsewhere is no publication date: at best a lower bound.
    """
    found = scan(text)
    for f in found:
        if f.labelled and f.year is not None:
            return _format(f.year, f.month, f.day)
    for before, f in zip((None, *found), found, strict=False):
        if f.start >= _TOP:
            break
        if f.year is not None and f.day and not f.latin and _dateline(text, f, before):
            return _format(f.year, f.month, f.day)
    inferred = _after_latest_year(found)
    written = {f.year for f in found if f.year is not None and not f.latin}
    if inferred and int(inferred[0][:4]) not in written:
        return inferred
    return None, None


def _dateline(text: str, f: Found, before: Found | None) -> bool:
    """Whether the complete date ``f``, near the top of ``text``, is the text's own:
    said to be today (its weekday, or "today" or a weekday beside it, ``before`` being
    the date found before it), or alone on its line but for a few words."""
    if f.weekday is not None:
        return True
    today = before is not None and before.month is None and (
        (before.unit == "day" and before.offset == 0) or before.weekday is not None)
    if today and grammar().apposition.fullmatch(text, before.end, f.start):
        return True
    head = text[: f.start].rpartition("\n")[2]  # f starts within _TOP characters
    tail = text[f.end : f.end + _TOP].partition("\n")[0]
    words = len(_WORD.findall(head)) + len(_WORD.findall(tail))
    return words <= tables()["publication"]["dateline_words"]


_WORD = re.compile(r"\w+")


def _after_latest_year(found: tuple[Found, ...]) -> tuple[str, str] | None:
    """Rule 3 of :func:`publication_date`."""
    years = [f.year for f in found if f.year is not None and not f.latin]
    if not years:
        return None
    floor = date(max(years), 1, 1)
    for f in found:  # past dates lie before the publication
        if f.year is None and f.month and f.toward < 0:
            y = floor.year + ((f.month, f.day or 1) < (floor.month, floor.day))
            last = f.day or monthrange(y, f.month)[1]
            if valid(y, f.month, last):
                floor = max(floor, date(y, f.month, last) + timedelta(1))
    plain = [f for f in found if f.year is None and f.day and not f.toward and f.year_shift is None]
    if not plain:
        return None
    f = next((f for f in plain if f.weekday is not None), plain[0])
    year = floor.year + ((f.month, f.day) < (floor.month, floor.day))
    if f.weekday is not None and not _falls_on(f, year) and _falls_on(f, year + 1):
        year += 1  # "Thursday 23 July" after 2014 is 2015, a Thursday
    return _format(year, f.month)


def _falls_on(f: Found, year: int) -> bool:
    """Whether the day and month of ``f`` fall on its weekday in ``year``."""
    return valid(year, f.month, f.day) and date(year, f.month, f.day).weekday() == f.weekday
