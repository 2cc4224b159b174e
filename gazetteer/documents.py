"""Documents: every input file read, decoded, split into records and accounted for.

:func:`load_corpus` takes a file, a folder (searched recursively, in name order) or a list
of them; :func:`load_bytes` takes one uploaded file's name and bytes. Each gives
:class:`Document` records and a :class:`FileReport` per file, so nothing is dropped
unseen: a file is either *loaded* or *rejected* with a reason a person can act on:

- ``unknown suffix '.pdf': known are .csv, .htm, .html, .jsonl, .txt``
- ``over the size limit: 31.2 MB, the limit is 20 MB``, ``over the limit of 200 files
  per load`` (:class:`~gazetteer.limits.Limits`, which also cuts over-long documents)
- ``empty file`` (no bytes, or only white space)
- ``binary file: ...`` (NUL bytes or control characters outside UTF-16)
- ``undecodable: tried UTF-8, UTF-16 and Windows-1256 (cp1256); byte 0xe9 at offset 3 ...``
- ``no text column (columns found: ...)`` / ``no text field (fields found: ...)``
- ``no records with text`` (a jsonl or csv file whose every record was skipped)
- ``no article text found in the page`` (html)
- ``hidden file`` / ``hidden folder, not searched``: names starting with "." inside a
  folder are listed, not read (editor backups, ``.git``, ``.DS_Store``); a hidden file
  named on its own is read
- ``link to a folder, not followed``, ``not a regular file``, ``no such file or folder``,
  ``cannot be read: ...``, ``listed twice``

A loaded jsonl or csv file also lists the records it skipped ("line 7: not valid JSON").
See :mod:`gazetteer.readers` for the suffixes and the field names understood.

``doc_id``: a txt or html file's name (its path under the folder loaded, when it is in a
subfolder); a jsonl or csv record's ``id`` field, else ``<file>#<line>``. An id already
used in the same load falls back to ``<file>#<line>`` (then the full path), and the
report says so.
"""

from __future__ import annotations

import email.utils
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field, replace
from datetime import date
from itertools import count
from pathlib import Path, PurePath

from .encodings import DecodeError, decode, scrub
from .limits import DEFAULT_LIMITS, Limits, cut
from .readers import Entry, Reader, ReadError, reader_for
from .segments import Segment, segment
from .wording import counted

LOADED, REJECTED = "loaded", "rejected"
# What a folder's walk passes over on purpose (editor backups, .git, .DS_Store): listed
# in the report, rejected, and yet nothing of the corpus is missing.
HIDDEN_FILE, HIDDEN_FOLDER = "hidden file", "hidden folder, not searched"


@dataclass(frozen=True, slots=True)
class Document:
    """One article. ``text`` is exactly as decoded (a BOM stripped, nothing else changed;
    cut when over the limit, see :mod:`gazetteer.limits`); for html it is the extracted
    main text. ``published`` comes from metadata only, as
    YYYY-MM-DD, YYYY-MM or YYYY."""

    doc_id: str
    path: str
    text: str
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published: str | None = None
    encoding: str = "utf-8"
    segments: tuple[Segment, ...] = ()


@dataclass(frozen=True, slots=True)
class FileReport:
    """What became of one file: ``status`` is "loaded" or "rejected" (with ``reason``);
    ``problems`` lists records skipped and notes on the ones kept."""

    path: str
    status: str
    documents: int = 0
    reason: str = ""
    encoding: str | None = None
    problems: tuple[str, ...] = ()

    def __post_init__(self):
        # A file name the file system could not decode still has to be shown.
        object.__setattr__(self, "path", scrub(self.path))

    def as_row(self) -> dict[str, object]:
        """Plain data for a table: the problems joined by "; "."""
        row = asdict(self)
        row["problems"] = "; ".join(self.problems)
        return row


@dataclass(slots=True)
class Corpus:
    """The documents of a load and one report row per file."""

    documents: list[Document] = field(default_factory=list)
    report: list[FileReport] = field(default_factory=list)

    def summary(self) -> str:
        """E.g. "5 files: 4 loaded (12 documents), 1 rejected"."""
        return summarize(self.report)

    def rows(self) -> list[dict[str, object]]:
        """The report as plain rows (path, status, documents, reason, encoding, problems)."""
        return [r.as_row() for r in self.report]


Paths = str | os.PathLike | Iterable[str | os.PathLike]


def load_corpus(paths: Paths, limits: Limits = DEFAULT_LIMITS) -> Corpus:
    """Read every file under ``paths`` (files or folders) within ``limits``; never raises
    for a bad file."""
    corpus = Corpus()
    taken: set[str] = set()
    for path, doc_name, reason in files(paths, limits):
        if reason:
            corpus.report.append(FileReport(str(path), REJECTED, reason=reason))
            continue
        documents, report = load_file(str(path), doc_name, path, taken, limits)
        corpus.documents.extend(documents)
        corpus.report.append(report)
    return corpus


def files(paths: Paths, limits: Limits = DEFAULT_LIMITS) -> Iterator[tuple[Path, str, str]]:
    """(path, doc name, rejection reason or "") for every file under ``paths``, in name
    order; a file reached twice is rejected the second time, and the files after the
    first ``limits.files`` every time."""
    if isinstance(paths, str | os.PathLike):
        paths = [paths]
    seen: set[Path] = set()
    for given in map(Path, paths):
        for path, doc_name, reason in _entries(given):
            key = path.resolve()
            if not reason and key in seen:
                reason = "listed twice"
            elif not reason:
                reason = limits.count_problem(len(seen))
                seen.add(key)
            yield path, doc_name, reason


def load_bytes(name: str, data: bytes, limits: Limits = DEFAULT_LIMITS
               ) -> tuple[list[Document], FileReport]:
    """Read one uploaded file, given its name (the suffix picks the reader) and bytes."""
    return load_file(name, PurePath(name).name, data, set(), limits)


def _entries(given: Path) -> Iterator[tuple[Path, str, str]]:
    """(path, doc name, rejection reason or "") for a path given to :func:`load_corpus`."""
    if given.is_dir():
        yield from _walk(given, given)
    elif given.is_file():
        yield given, given.name, ""
    elif given.exists():  # a pipe or a device: reading it could wait for ever
        yield given, "", "not a regular file"
    else:
        yield given, "", "no such file or folder"


def _walk(folder: Path, root: Path) -> Iterator[tuple[Path, str, str]]:
    """Like :func:`_entries` for everything under ``folder``, in name order."""
    try:
        children = sorted(folder.iterdir())
    except OSError as err:
        yield folder, "", f"cannot be read: {err.strerror or err}"
        return
    for child in children:
        if child.name.startswith("."):
            yield child, "", HIDDEN_FOLDER if child.is_dir() else HIDDEN_FILE
        elif child.is_dir():
            # Not followed: a link back up the tree would make the walk endless.
            if child.is_symlink():
                yield child, "", "link to a folder, not followed"
            else:
                yield from _walk(child, root)
        elif child.is_file():
            yield child, child.relative_to(root).as_posix(), ""
        else:
            yield child, "", "not a regular file"


def load_file(
    label: str, doc_name: str, source: Path | bytes, taken: set[str],
    limits: Limits = DEFAULT_LIMITS,
) -> tuple[list[Document], FileReport]:
    """The documents of one file (``source``: its path or its bytes) and its report;
    every failure becomes a rejection. ``doc_name`` names its documents; ids already in
    ``taken`` are not given again (and the new ones are added)."""
    label, doc_name = scrub(label), scrub(doc_name)
    try:
        read = reader_for(label)
        size = source.stat().st_size if isinstance(source, Path) else len(source)
        if too_large := limits.size_problem(size):
            raise ReadError(too_large)
        data = source.read_bytes() if isinstance(source, Path) else source
        return _documents(label, doc_name, data, read, taken, limits)
    except (ReadError, DecodeError) as err:
        reason = str(err)
    except OSError as err:
        reason = f"cannot be read: {err.strerror or err}"
    except Exception as err:  # one broken file must not stop a batch of thousands
        reason = f"unexpected error: {type(err).__name__}: {err}"
    return [], FileReport(label, REJECTED, reason=reason)


def _documents(
    label: str, doc_name: str, data: bytes, read: Reader, taken: set[str], limits: Limits
) -> tuple[list[Document], FileReport]:
    """Decode, read and record one file's bytes; raises what rejects the whole file."""
    if not data:
        raise ReadError("empty file")
    text, encoding = decode(data)
    if not text.strip():
        raise ReadError("empty file (only white space)")
    reading = read(text, limits)
    problems = list(reading.problems)
    documents = []
    for entry in reading.entries:
        if entry.id and len(entry.id) > limits.field_chars:  # an id is in every row too
            problems.append(f"{_where(entry)}id of {len(entry.id):,} characters not used "
                            f"(the limit is {limits.field_chars:,})")
            entry = replace(entry, id=None)
        doc_id = _doc_id(entry, doc_name, label, taken, problems)
        published = _published(entry.date)
        if entry.date and not published:
            problems.append(f"{_where(entry)}date {_shown(entry.date)} not understood, "
                            "left empty")
        text = _within(entry, "text", limits.text_chars, problems)
        documents.append(
            Document(
                doc_id=doc_id,
                path=label,
                text=text,
                title=_within(entry, "title", limits.field_chars, problems),
                url=_within(entry, "url", limits.field_chars, problems),
                source=_within(entry, "source", limits.field_chars, problems),
                published=published,
                encoding=encoding,
                segments=segment(text),
            )
        )
    if not documents:
        status, reason = REJECTED, "no records with text"
    else:
        status, reason = LOADED, ""
    report = FileReport(label, status, len(documents), reason, encoding, tuple(problems))
    return documents, report


def _doc_id(entry: Entry, doc_name: str, label: str, taken: set[str], problems: list[str]) -> str:
    """The first of the entry's candidate ids not yet used in this load."""
    if entry.line is None:
        candidates = [doc_name, label]
    else:
        candidates = [f"{doc_name}#{entry.line}", f"{label}#{entry.line}"]
        if entry.id:
            candidates.insert(0, entry.id)
    free = (c for c in candidates if c not in taken)
    # Numbered copies of the last candidate, should an odd mix of names have used them all.
    numbered = (f"{candidates[-1]}~{n}" for n in count(2))
    doc_id = next(free, None) or next(c for c in numbered if c not in taken)
    if doc_id != candidates[0]:
        problems.append(f"{_where(entry)}id {_shown(candidates[0])} already used, "
                        f"called {doc_id!r}")
    taken.add(doc_id)
    return doc_id


def _where(entry: Entry) -> str:
    return f"line {entry.line}: " if entry.line is not None else ""


def _within(entry: Entry, name: str, limit: int, problems: list[str]) -> str | None:
    """The entry's field ``name``, cut to ``limit`` characters (noted in ``problems``)."""
    value = getattr(entry, name)
    if value is None or len(value) <= limit:
        return value
    kept = cut(value, limit)
    problems.append(f"{_where(entry)}{name} cut to its first {len(kept):,} characters of "
                    f"{len(value):,} (the limit is {limit:,})")
    return kept


def _shown(value: str, most: int = 60) -> str:
    """A value quoted in a report line: ``repr``, shortened when long."""
    return repr(value) if len(value) <= most else f"{value[:most]!r}…"


_YMD = re.compile(r"(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?(?:[T\s].*)?")
_DMY = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?:[T\s].*)?")


def _published(value: str | None) -> str | None:
    """A metadata date as YYYY-MM-DD, YYYY-MM or YYYY; None when not understood.

    Understood: ISO dates and date-times (and their year-month or year prefixes, with
    "-", "/" or "." between), day-first numeric dates (25/12/2018, as Arabic sites write
    them) and e-mail/RSS dates ("Mon, 19 Mar 2018 15:35:49 GMT"). The date is taken as
    written, without moving it between time zones.
    """
    value = (value or "").strip()
    if m := _YMD.fullmatch(value):
        year, month, day = m.groups()
    elif m := _DMY.fullmatch(value):
        day, month, year = m.groups()
    elif parsed := email.utils.parsedate(value):
        year, month, day = parsed[:3]
    else:
        return None
    parts = [int(p) for p in (year, month, day) if p is not None]
    try:
        date(*parts, *[1] * (3 - len(parts)))
    except (ValueError, OverflowError):  # e-mail dates may give any year: 9999999999
        return None
    return "-".join(f"{p:0{w}d}" for p, w in zip(parts, (4, 2, 2), strict=False))


def summarize(report: Iterable[FileReport]) -> str:
    """The summary line of a load report: "5 files: 4 loaded (12 documents), 1 rejected"."""
    report = list(report)
    loaded = sum(r.status == LOADED for r in report)
    documents = sum(r.documents for r in report)
    return (f"{counted(len(report), 'file')}: {loaded:,} loaded "
            f"({counted(documents, 'document')}), {len(report) - loaded:,} rejected")
