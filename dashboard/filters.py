"""Which mentions the sidebar keeps: pure functions of the mentions table.

They read the columns :func:`dashboard.data.prepare` adds (``date_first``,
``date_last``, ``region``, ``kind``, ``source_label``, ``folded``, ``precision_rank``).

Dates: a mention's ``date`` is a period (a day, a month "YYYY-MM" or a year "YYYY"); it is
in a date range when the period overlaps the range, so "2019" is kept by a range that
touches any day of 2019. Undated mentions are kept only while the range covers every dated
one (the slider at its full span): a narrower range asks for dated mentions.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from gazetteer import PRECISIONS
from gazetteer.normalize import fold


@dataclass(frozen=True)
class Filters:
    """What the sidebar asks for; an empty choice means no restriction."""

    dates: tuple[date, date] | None = None
    regions: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    words: str = ""
    precision: str = PRECISIONS[-1]  # the least precise location kept
    furniture: bool = False  # page furniture: boilerplate and comments


def apply(mentions: pd.DataFrame, f: Filters) -> pd.DataFrame:
    """The mentions ``f`` keeps."""
    return mentions[keep(mentions, f)]


def keep(mentions: pd.DataFrame, f: Filters) -> pd.Series:
    """Whether ``f`` keeps each mention."""
    return (
        in_dates(mentions, f.dates)
        & among(mentions["region"], f.regions)
        & among(mentions["kind"], f.kinds)
        & among(mentions["source_label"], f.sources)
        & has_words(mentions["folded"], f.words)
        & precise_enough(mentions["precision_rank"], f.precision)
        & (mentions["segment"].eq("body") | f.furniture)
    )


def in_dates(mentions: pd.DataFrame, dates: tuple[date, date] | None) -> pd.Series:
    """Mentions whose date period overlaps ``dates`` (see the module's docstring)."""
    if dates is None:
        return pd.Series(True, index=mentions.index)
    start, end = pd.Timestamp(dates[0]), pd.Timestamp(dates[1])
    first, last = mentions["date_first"], mentions["date_last"]
    overlaps = (first <= end) & (last >= start)
    if start <= first.min() and end >= last.max():
        return overlaps | first.isna()
    return overlaps


def among(column: pd.Series, values: tuple[str, ...]) -> pd.Series:
    """Rows whose value is one of ``values``; all rows when none is chosen."""
    return column.isin(values) if values else pd.Series(True, index=column.index)


def has_words(folded: pd.Series, words: str) -> pd.Series:
    """Rows whose folded excerpt (the sentence around the name, the name included)
    contains every word of ``words`` after the same Arabic normalisation; a word
    matches inside a longer one, so بغداد finds وبغداد."""
    keep = pd.Series(True, index=folded.index)
    for word in fold(words).split():
        keep &= folded.str.contains(word, regex=False)
    return keep


def precise_enough(rank: pd.Series, precision: str) -> pd.Series:
    """Rows located at least as precisely as ``precision``; the least precise level
    keeps everything, mentions with no location included."""
    if precision == PRECISIONS[-1]:
        return pd.Series(True, index=rank.index)
    return rank <= PRECISIONS.index(precision)
