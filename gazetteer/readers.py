"""Readers: one ``read`` function per file suffix, from decoded text to entries.

A reader sees the file's text (already decoded, see :mod:`gazetteer.encodings`) and the
load's :class:`~gazetteer.limits.Limits`, and returns a :class:`Reading`: the entries it
found (one per document) and the problems of single records it skipped. What makes the
whole file unreadable raises :class:`ReadError`.

Suffixes (:data:`READERS`):

- ``.txt``: the whole text is one document, as written (a header line such as
  "date 2025-09-24" stays in the text); its title is its first line of Arabic words
  (:func:`first_line_title`).
- ``.html``, ``.htm``: the article's main text as trafilatura extracts it (navigation,
  footers and reader comments left out), with the title, date, url and site name it finds;
  when it finds none (a page too deeply nested or broken for it), the page's whole text.
  A page of more tags or attributes than the limits allow is cut first
  (:mod:`gazetteer.markup`).
- ``.jsonl``: one JSON object per line; blank lines are skipped. A lone ``\ud800``
  escape, which no text can hold, is read as U+FFFD.
- ``.csv``: one record per row after a header row; the delimiter is the one of comma,
  semicolon or tab the header uses most; quoted fields may hold line breaks.

Fields of jsonl objects and csv columns, matched case-insensitively; where a record has
several names of one field, the first non-empty one in this order wins:

- text: ``text``, ``content``, ``body``, ``article`` (required: records without text are
  skipped and reported)
- title: ``title``, ``headline``
- date: ``date``, ``published``, ``publish_date``, ``pubdate``, ``datetime``
- url: ``url``, ``link``
- source: ``source``, ``outlet``, ``site``
- id: ``id``

Other fields are ignored.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import PurePath

import trafilatura

from .encodings import scrub
from .limits import DEFAULT_LIMITS, Limits
from .markup import within_markup
from .normalize import is_arabic
from .pagetext import page_text

FIELDS: dict[str, tuple[str, ...]] = {
    "text": ("text", "content", "body", "article"),
    "title": ("title", "headline"),
    "date": ("date", "published", "publish_date", "pubdate", "datetime"),
    "url": ("url", "link"),
    "source": ("source", "outlet", "site"),
    "id": ("id",),
}
_CSV_DELIMITERS = (",", ";", "\t")
WHOLE_PAGE = "the article could not be told from the rest of the page: all its text kept"


# A plain text's title (first_line_title): at most this many characters, of this many words
# at least, within its first lines.
TITLE_CHARS, TITLE_WORDS, TITLE_LINES = 120, 3, 5


class ReadError(ValueError):
    """A file that cannot give documents; the message says why, for a person."""


@dataclass(frozen=True, slots=True)
class Entry:
    """One document's fields as a reader found them.

    ``line`` is the line a jsonl or csv record starts on, None for a whole-file document.
    """

    text: str
    line: int | None = None
    id: str | None = None
    title: str | None = None
    date: str | None = None
    url: str | None = None
    source: str | None = None


@dataclass(frozen=True, slots=True)
class Reading:
    """What a reader found in one file: entries, and the records it had to skip."""

    entries: tuple[Entry, ...]
    problems: tuple[str, ...] = ()


Reader = Callable[[str, Limits], Reading]


def read_txt(text: str, limits: Limits = DEFAULT_LIMITS) -> Reading:
    """The whole text is one document."""
    return Reading((Entry(text, title=first_line_title(text)),))


def first_line_title(text: str) -> str | None:
    """A plain text's title: the first of its first :data:`TITLE_LINES` lines with
    :data:`TITLE_WORDS` Arabic words or more (a shorter one is a site's name or a
    dateline), from its first Arabic word on (a date or a bullet before it goes), cut at
    a word after :data:`TITLE_CHARS` characters."""
    for line in text.lstrip().splitlines()[:TITLE_LINES]:
        words = line.split()
        if sum(map(is_arabic, words)) < TITLE_WORDS:
            continue
        words = words[next(i for i, w in enumerate(words) if is_arabic(w)):]
        title = " ".join(words)
        if len(title) <= TITLE_CHARS:
            return title
        return title[:title.rfind(" ", 0, TITLE_CHARS) + 1 or TITLE_CHARS].rstrip() + "…"
    return None


def read_html(text: str, limits: Limits = DEFAULT_LIMITS) -> Reading:
    """The page's main text and metadata, as trafilatura extracts them; else the whole
    page's text (:mod:`gazetteer.pagetext`), saying so; the page cut first when it holds
    more markup than ``limits`` allow, saying so too."""
    text, cut = within_markup(text, limits)
    noted = (cut,) if cut else ()
    try:
        page = trafilatura.bare_extraction(text, with_metadata=True, include_comments=False)
    except AssertionError:  # htmldate drops a root it cleans away: "<embed><html>", "<svg>"
        page = None
    if page is not None and (page.text or "").strip():
        return Reading((Entry(page.text, title=page.title, date=page.date, url=page.url,
                              source=page.sitename),), noted)
    whole = page_text(text)
    if not whole:
        raise ReadError(f"no article text found in the page{'; ' + cut if cut else ''}")
    return Reading((Entry(whole),), (*noted, WHOLE_PAGE))


def read_jsonl(text: str, limits: Limits = DEFAULT_LIMITS) -> Reading:
    """One document per JSON object line; bad lines are reported and skipped."""
    records: list[tuple[int, object]] = []
    problems: list[tuple[int, str]] = []
    # Only "\n" ends a record: JSON strings may hold U+2028 and other breaks splitlines sees.
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            records.append((number, json.loads(line)))
        except json.JSONDecodeError as err:
            problems.append((number, f"not valid JSON ({err.msg})"))
        except RecursionError:  # the parser recurses once per bracket: "[[[[..."
            problems.append((number, "not valid JSON (nested too deeply)"))
        except ValueError:  # valid JSON that Python refuses: an integer of 4,300+ digits
            problems.append((number, "not valid JSON (a number too long)"))
    return _reading(records, problems)


def read_csv(text: str, limits: Limits = DEFAULT_LIMITS) -> Reading:
    """One document per row under a header row; bad rows are reported and skipped."""
    header_line = text.split("\n", 1)[0]
    delimiter = max(_CSV_DELIMITERS, key=header_line.count)
    rows = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = [name.strip() for name in next(rows, [])]
    except csv.Error as err:  # a field over csv's size limit: the header is no header
        raise ReadError(f"no header row: {err}") from None
    if not _find(header, FIELDS["text"]):
        raise ReadError(f"no text column (columns found: {', '.join(header) or 'none'})")
    records: list[tuple[int, object]] = []
    problems: list[tuple[int, str]] = []
    while True:
        start = rows.line_num + 1
        try:
            row = next(rows)
        except StopIteration:
            break
        except csv.Error as err:
            problems.append((start, str(err)))
            continue
        if row:
            records.append((start, dict(zip(header, row, strict=False))))
    return _reading(records, problems)


READERS: dict[str, Reader] = {
    ".txt": read_txt,
    ".html": read_html,
    ".htm": read_html,
    ".jsonl": read_jsonl,
    ".csv": read_csv,
}


def reader_for(name: str) -> Reader:
    """The reader for a file name's suffix; :class:`ReadError` naming the known ones."""
    suffix = PurePath(name).suffix.lower()
    try:
        return READERS[suffix]
    except KeyError:
        known = ", ".join(sorted(READERS))
        raise ReadError(f"unknown suffix {suffix or '(none)'!r}: known are {known}") from None


def _reading(records: list[tuple[int, object]], problems: list[tuple[int, str]]) -> Reading:
    """Entries from (line, record) pairs; a file where no record has a text field fails.

    ``problems`` holds (line, message) pairs found so far; the result lists them all in
    line order, as "line 7: not valid JSON (...)".
    """
    entries: list[Entry] = []
    names: set[str] = set()
    for line, record in records:
        if not isinstance(record, Mapping):
            problems.append((line, "not a JSON object"))
            continue
        names.update(scrub(str(key)) for key in record)  # a rejection lists them
        fields = {str(key).strip().lower(): value for key, value in record.items()}
        text = _first(fields, FIELDS["text"])
        if not isinstance(text, str) or not text.strip():
            problems.append((line, "no text"))
            continue
        values = {name: _scalar(_first(fields, FIELDS[name])) for name in FIELDS if name != "text"}
        entries.append(Entry(scrub(text), line, **values))
    if records and not entries and not _find(names, FIELDS["text"]):
        raise ReadError(f"no text field (fields found: {', '.join(sorted(names))})")
    return Reading(tuple(entries), tuple(f"line {n}: {msg}" for n, msg in sorted(problems)))


def _find(names, wanted: tuple[str, ...]) -> bool:
    lowered = {str(name).strip().lower() for name in names}
    return any(name in lowered for name in wanted)


def _first(fields: dict[str, object], names: tuple[str, ...]) -> object:
    """The first non-empty value under one of ``names``."""
    for name in names:
        value = fields.get(name)
        if value not in (None, ""):
            return value
    return None


def _scalar(value: object) -> str | None:
    """A metadata value as a string; lists, objects and empty strings give None."""
    if isinstance(value, str):
        return scrub(value.strip()) or None
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return None
