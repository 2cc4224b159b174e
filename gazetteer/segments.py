"""Marking page furniture: which parts of a text are the article and which are not.

A news page as saved holds more than its article: a crawl date and a logo above it,
share buttons and tags around it, "read also" blocks that carry another article, lists of
related links, reader comments below. :func:`segment` marks them without deleting
anything: it returns :class:`Segment` regions that cover the whole text without gaps, in
offsets of the text as given, each of kind ``body``, ``boilerplate`` or ``comment``.
:func:`segment_at` says which kind a mention's offset falls in.

The markers and how far each reaches live in ``data/segments.toml`` (its header explains
the rules); they are matched line by line in the folded text of
:func:`gazetteer.normalize.normalize`, and every boundary falls at the start of a line.
"""

from __future__ import annotations

import re
import tomllib
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache
from operator import attrgetter

from .language import DATA_DIR
from .normalize import fold, normalize

KINDS = ("body", "boilerplate", "comment")
EXTENTS = ("line", "list", "rest")

_LINE = re.compile(r"[^\n]*\n?")
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


@dataclass(frozen=True, slots=True)
class Segment:
    """The region ``text[start:end]`` is of ``kind`` (one of :data:`KINDS`)."""

    start: int
    end: int
    kind: str


@dataclass(frozen=True, slots=True)
class _Rule:
    name: str
    kind: str
    extent: str


@dataclass(frozen=True, slots=True)
class _Markers:
    """The compiled rules: one pattern whose group ``r<i>`` matches a line of rule i."""

    pattern: re.Pattern[str]
    rules: tuple[_Rule, ...]
    bullet: re.Pattern[str]
    list_item_max_words: int


def segment(text: str) -> tuple[Segment, ...]:
    """The regions of ``text``, in order, covering it without gaps (none for "")."""
    if not text:
        return ()
    norm = normalize(text)
    folded = norm.text
    if not folded:  # only dropped characters (harakat, bidi marks): no marker, all body
        return (Segment(0, len(text), "body"),)
    segments: list[Segment] = []
    for start, end, kind in _regions(folded, _markers()):
        # Every boundary starts a line, so map it through the line break before it: a
        # dropped character (a bidi mark, tatweel) at a line's start stays in that line.
        start = norm.original(start - 1) + 1 if start else 0
        end = len(text) if end == len(folded) else norm.original(end - 1) + 1
        if segments and segments[-1].kind == kind:
            start = segments.pop().start
        segments.append(Segment(start, end, kind))
    return tuple(segments)


def segment_holding(segments: tuple[Segment, ...], offset: int) -> Segment:
    """The segment holding ``offset``; ValueError outside the text."""
    i = bisect_right(segments, offset, key=attrgetter("start")) - 1
    if i < 0 or offset >= segments[i].end:
        raise ValueError(f"offset {offset} is outside the segmented text")
    return segments[i]


def segment_at(segments: tuple[Segment, ...], offset: int) -> str:
    """The kind of the segment holding ``offset``; ValueError outside the text."""
    return segment_holding(segments, offset).kind


def _regions(folded: str, markers: _Markers) -> list[tuple[int, int, str]]:
    """Non-empty (start, end, kind) regions of the folded text, in order, without gaps."""
    found = [
        (m.start(), m.end(), markers.rules[int(m.lastgroup[1:])])
        for m in markers.pattern.finditer(folded)
    ]
    regions: list[tuple[int, int, str]] = []

    def add(start: int, end: int, kind: str) -> None:
        if start < end:
            regions.append((start, end, kind))

    base, pos = "body", 0  # the kind the text returns to, and where it was left
    for i, (start, match_end, rule) in enumerate(found):
        add(pos, start, base)
        if rule.extent == "rest":
            base, pos = rule.kind, start
            continue
        # A region never runs into the next marker's line: that marker starts its own.
        stop = found[i + 1][0] if i + 1 < len(found) else len(folded)
        line_end = folded.find("\n", match_end) + 1 or len(folded)  # no "\n": the end
        pos = line_end if rule.extent == "line" else _list_end(folded, line_end, stop, markers)
        add(start, pos, rule.kind)
    add(pos, len(folded), base)
    return regions


def _list_end(folded: str, pos: int, stop: int, markers: _Markers) -> int:
    """Where the list starting at ``pos`` ends: at its first line too long for an item."""
    for line in _LINE.finditer(folded, pos, stop):
        text = line.group()
        if (
            text.strip()
            and not markers.bullet.match(text)
            and len(text.split()) > markers.list_item_max_words
        ):
            return line.start()
    return stop


@cache
def _markers() -> _Markers:
    """The rules of ``segments.toml``, checked and compiled into one pattern."""
    with open(DATA_DIR / "segments.toml", "rb") as f:
        spec = tomllib.load(f)
    lead, trail = _fold_pattern(spec["lead"]), _fold_pattern(spec["trail"])
    rules, groups = [], []
    for i, entry in enumerate(spec["rule"]):
        rule = _Rule(entry["name"], entry["kind"], entry["extent"])
        if rule.kind not in KINDS[1:] or rule.extent not in EXTENTS:
            raise ValueError(
                f"segments.toml rule {rule.name!r}: kind must be one of {KINDS[1:]} "
                f"and extent one of {EXTENTS}"
            )
        options = [_fold_pattern(p) + r"[^\n]*" for p in entry.get("patterns", ())]
        if entry.get("lines"):
            phrases = "|".join(re.escape(fold(line)) for line in entry["lines"])
            options.insert(0, f"(?:{phrases}){trail}$")
        if not options:
            raise ValueError(f"segments.toml rule {rule.name!r} has no lines or patterns")
        rules.append(rule)
        groups.append(f"(?P<r{i}>{'|'.join(options)})")
    return _Markers(
        pattern=re.compile(f"^{lead}(?:{'|'.join(groups)})", re.MULTILINE),
        rules=tuple(rules),
        bullet=re.compile(_fold_pattern(spec["bullet"])),
        list_item_max_words=spec["list_item_max_words"],
    )


def _fold_pattern(pattern: str) -> str:
    """Fold the Arabic of a regular expression, leaving its (ASCII) syntax alone."""
    return _NON_ASCII.sub(lambda m: fold(m.group()), pattern)
