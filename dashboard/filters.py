"""Which mentions and events the sidebar keeps, as one SQL condition on the view
``mentions`` or ``events`` (:mod:`dashboard.store`, where both have the columns filtered
on): every corpus, in memory or on disk, is filtered by this code.

Each filter is a function of its choice giving an SQL condition and its parameters (or
None: no restriction); :func:`where` joins those of :data:`CONDITIONS`. A new filter is a
field of :class:`Filters` and one such function. The filters of what happened (type,
sides, casualties) read events; on mentions they keep those that locate such an event.

Dates: a mention's ``date`` is a period (a day, a month "YYYY-MM" or a year "YYYY"); it is
in a date range when the period overlaps the range, so "2019" is kept by a range that
touches any day of 2019. Undated mentions are kept only while the range covers every dated
one (the slider at its full span): a narrower range asks for dated mentions. Historical
references (a date recalled from years before the article, filed under its publication
date: the view's ``historical``) are left out unless asked for.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from gazetteer import PRECISIONS
from gazetteer.normalize import fold

Condition = tuple[str, list] | None
# Words the words filter searches at most, and their length: each is a pass over the
# excerpts in view, and no place's sentence holds more.
MAX_WORDS = 10
MAX_WORD_CHARS = 40


@dataclass(frozen=True)
class Filters:
    """What the sidebar asks for; an empty choice means no restriction. ``span``: the
    first and last day of the corpus' dates (what a full date range is)."""

    dates: tuple[date, date] | None = None
    regions: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    words: str = ""
    precision: str = PRECISIONS[-1]  # the least precise location kept
    furniture: bool = False  # page furniture: boilerplate and comments
    span: tuple[date, date] | None = None
    types: tuple[str, ...] = ()  # of event
    actors: tuple[str, ...] = ()  # events with any of these sides
    casualties: bool = False  # events with someone killed or wounded
    history: bool = False  # historical references too


def in_dates(f: Filters) -> Condition:
    """Mentions whose date period overlaps ``f.dates`` (see the module's docstring)."""
    if f.dates is None:
        return None
    start, end = f.dates
    overlaps = "(date_first <= ? AND date_last >= ?)"
    if f.span and start <= f.span[0] and end >= f.span[1]:
        return f"({overlaps} OR date_first IS NULL)", [end, start]
    return overlaps, [end, start]


def among(column: str, field: str):
    """Rows whose ``column`` is one of the values chosen in ``field``."""
    def condition(f: Filters) -> Condition:
        values = getattr(f, field)
        return (f"{column} IN ({', '.join('?' * len(values))})", list(values)) if values \
            else None
    return condition


def has_words(f: Filters, table: str) -> Condition:
    """Rows whose folded excerpt (the sentence around the name, the name included)
    contains every word of ``f.words`` after the same Arabic normalisation; a word
    matches inside a longer one, so بغداد finds وبغداد. The words searched are those of
    :func:`searched`. On mentions, the excerpts found by the store's
    :meth:`~dashboard.store.Store.search` (mentions share their sentence's excerpt, and a
    rerun asks several queries of the same words: each excerpt is searched once)."""
    words = searched(f.words)[0]
    if not words:
        return None
    if table == "events":
        return holding(words), list(words)
    return ("excerpt_key IN (SELECT excerpt_key FROM excerpt_matches WHERE search = ?)",
            [search_key(words)])


def holding(words: tuple[str, ...]) -> str:
    """The condition that a row's folded excerpt holds every one of ``words`` (one
    parameter each)."""
    return " AND ".join(["contains(folded, ?)"] * len(words))


def search_key(words: tuple[str, ...]) -> str:
    """What names a search of ``words`` in the store's ``excerpt_matches``."""
    return " ".join(words)


@lru_cache(maxsize=64)  # every query of a rerun asks, and the text may be long
def searched(text: str) -> tuple[tuple[str, ...], str]:
    """The words of ``text`` the words filter searches, folded, each once: the first
    :data:`MAX_WORDS` of at most :data:`MAX_WORD_CHARS` characters (every word is one
    pass over the excerpts in view); and what was left out, for the page ("" when
    nothing)."""
    words = list(dict.fromkeys(fold(text).split()))
    fit = [w for w in words if len(w) <= MAX_WORD_CHARS]
    left = []
    if len(fit) < len(words):
        left.append(f"words longer than {MAX_WORD_CHARS} characters")
    if len(fit) > MAX_WORDS:
        left.append(f"{len(fit) - MAX_WORDS:,} words after the first {MAX_WORDS}")
    return tuple(fit[:MAX_WORDS]), f"Not searched: {' and '.join(left)}." if left else ""


def precise_enough(f: Filters) -> Condition:
    """Rows located at least as precisely as ``f.precision``; the least precise level
    keeps everything, mentions with no location included."""
    if f.precision == PRECISIONS[-1]:
        return None
    return "precision_rank <= ?", [PRECISIONS.index(f.precision)]


def recent(f: Filters) -> Condition:
    """Rows of the news only, unless historical references are asked for."""
    return None if f.history else ("NOT historical", [])


def body_only(f: Filters) -> Condition:
    return None if f.furniture else ("segment = 'body'", [])


def with_actors(f: Filters) -> Condition:
    """Events one of whose sides is among ``f.actors``."""
    if not f.actors:
        return None
    return f"list_has_any(actors, [{', '.join('?' * len(f.actors))}])", list(f.actors)


def with_casualties(f: Filters) -> Condition:
    return ("coalesce(killed, 0) + coalesce(wounded, 0) > 0", []) if f.casualties else None


def of_events(condition):
    """``condition`` on events; on mentions, the mentions that locate an event it keeps."""
    def on(f: Filters, table: str) -> Condition:
        chosen = condition(f)
        if chosen is None or table == "events":
            return chosen
        sql, params = chosen
        return f"event_id IN (SELECT event_id FROM events WHERE {sql})", params
    return on


def on_both(condition):
    """``condition`` read alike on mentions and events."""
    return lambda f, table: condition(f)


DATES = on_both(in_dates)
CONDITIONS = (
    DATES,
    *map(on_both, (among("region", "regions"), among("kind", "kinds"),
                   among("source_label", "sources"))),
    has_words,
    *map(on_both, (precise_enough, body_only, recent)),
    *map(of_events, (among("type", "types"), with_actors, with_casualties)),
)


def where(f: Filters, *, dates: bool = True, table: str = "mentions") -> tuple[str, list]:
    """The SQL condition keeping what ``f`` keeps of ``table`` (the view ``mentions``, its
    table ``mention_keys``, or ``events``; ``dates=False``: whatever the date) and its
    parameters, in order."""
    chosen = [c(f, table) for c in CONDITIONS if dates or c is not DATES]
    chosen = [c for c in chosen if c]
    if not chosen:
        return "TRUE", []
    return " AND ".join(sql for sql, _ in chosen), [p for _, params in chosen for p in params]

