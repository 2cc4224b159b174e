"""Incidents as the page shows them: their types and sides named, coloured and shaped
(``incidents.toml``), and each incident's heading over its reports."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from dashboard.escape import esc
from dashboard.shapes import img
from dashboard.wording import counted, right_to_left, say

PAGE_SIZE = 10  # incidents drawn at once, each with its reports


@dataclass(frozen=True)
class EventType:
    code: str
    en: str
    ar: str
    colour: str
    shape: str
    acled_event_type: str
    acled_sub_event_type: str


_TABLE = tomllib.loads((Path(__file__).with_name("incidents.toml")).read_text("utf-8"))
TYPES = {code: EventType(code, **fields) for code, fields in _TABLE["types"].items()}
ACTORS = _TABLE["actors"]  # code -> {"en": ..., "ar": ...}
UNKNOWN = ("#444444", "cross")  # the colour and shape of a type this table does not know


def type_label(code: str) -> str:
    """A type as the page names it, in the current language."""
    if code not in TYPES:
        return code
    return TYPES[code].ar if right_to_left() else TYPES[code].en


def colour(code: str) -> str:
    return TYPES[code].colour if code in TYPES else UNKNOWN[0]


def shape(code: str) -> str:
    return TYPES[code].shape if code in TYPES else UNKNOWN[1]


def actor_label(code: str, language: str | None = None) -> str:
    """A side as the page names it, in ``language`` (the current one by default)."""
    names = ACTORS.get(code, {})
    return names.get(language or ("ar" if right_to_left() else "en"), code)


def casualties(low, high, what: str) -> str:
    """"3 killed", or "5–6 killed" where the reports disagree (``what``: the key of the
    words, ``killed`` or ``wounded``); "" when none says."""
    if pd.isna(high):
        return ""
    return say(what, n=low if low == high else f"{low}–{high}")


def heading_html(row) -> str:
    """An incident's type, date, place, sides, casualties and outlets, in one block
    (``row``: a row of :meth:`dashboard.view.View.incidents`)."""
    tally = [c for c in (casualties(row.killed_min, row.killed_max, "killed"),
                         casualties(row.wounded_min, row.wounded_max, "wounded")) if c]
    sides = "، ".join if right_to_left() else ", ".join
    where = row.label if isinstance(row.label, str) else say("no_place")
    line = [f"<b>{esc(row.date if isinstance(row.date, str) else say('undated'))}</b>",
            f'<span dir="auto">{esc(where)}</span>', *map(esc, tally)]
    if len(row.actors):
        line.append(esc(say("sides", sides=sides(actor_label(a) for a in row.actors))))
    line.append(say("reports_from", reports=counted(row.reports, "report"),
                    outlets=counted(row.source_count, "outlet")))
    swatch = img(shape(row.type), colour(row.type), 14)
    return (f'<div style="margin-top:0.8rem;border-top:1px solid #ddd;padding-top:0.4rem">'
            f"{swatch} <b>{esc(type_label(row.type))}</b>"
            f'<div style="font-size:0.85rem">{" · ".join(line)}</div></div>')
