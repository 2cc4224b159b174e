"""Limits: how much one load takes in, so that a host knows what a corpus can cost it.

Every loader takes a :class:`Limits` (:func:`gazetteer.load_corpus`, :func:`gazetteer.ingest`
and their byte-taking twins; the dashboard sets it from the host's settings, the command
line from flags). What a limit turns away is reported, never dropped unseen:

- a file larger than ``file_bytes`` is rejected unread: "over the size limit: 31.2 MB,
  the limit is 20 MB";
- the files of a load after the first ``files`` are rejected: "over the limit of 200
  files per load";
- a document longer than ``text_chars`` is cut, not rejected: its file is loaded and its
  report says "text cut to its first 1,000,000 characters of 3,456,789". The start of an
  over-long page (a scraped thread, a whole site in one line) is still worth locating,
  and the note tells the reader what was left out;
- a title, url or source longer than ``field_chars`` is cut the same way;
- a document's mentions after its first ``doc_mentions`` are not kept (nor its events
  after as many): "mentions cut to the first 10,000 of 166,666". A page of one name
  repeated is a few MB that would otherwise make hundreds of thousands of rows;
- the mentions of a load after its first ``mentions`` are not kept either (no such
  limit by default; the dashboard sets one for uploads): the file that reaches it says
  "the load's limit of 100,000 mentions is reached", and the files after keep their
  documents but no mentions;
- an html page is cut before the tag that passes ``html_tags`` tags (start and end tags)
  or ``html_attributes`` attributes, or that holds more than :data:`TAG_ATTRIBUTES`
  itself: "page cut at character 12,345, before its tag number 40,001 (...)". The parsers
  behind the html reader take time that grows faster than the page with these
  (:mod:`gazetteer.markup`).
"""

from __future__ import annotations

from dataclasses import dataclass

from .wording import counted

# How far before a limit a cut looks for white space, so as not to split a word (half a
# word can read as another name).
WORD_SLACK = 1_000
# Attributes one html tag may hold: HTML's elements take a few dozen at most, and libxml2
# compares each new attribute with the tag's others (quadratic in one tag's count).
TAG_ATTRIBUTES = 256


@dataclass(frozen=True, slots=True)
class Limits:
    """See the module's docstring; ``files=None`` takes any number of files.

    The defaults suit a person's own corpus: a news article is tens of kB and some 10,000
    characters, a jsonl export of thousands of them a few MB; one million characters (a
    long book) take about 0.3 s to extract (``benchmarks/long_document.py``).
    """

    file_bytes: int = 20_000_000
    text_chars: int = 1_000_000
    files: int | None = None
    field_chars: int = 2_000
    doc_mentions: int = 10_000
    mentions: int | None = None
    html_tags: int = 40_000
    html_attributes: int = 100_000

    def __post_init__(self):
        for name in ("file_bytes", "text_chars", "files", "field_chars", "doc_mentions",
                     "mentions", "html_tags", "html_attributes"):
            value = getattr(self, name)
            if value is not None and (not isinstance(value, int) or value < 1):
                raise ValueError(f"limit {name} must be a positive whole number, not {value!r}")

    def size_problem(self, size: int) -> str:
        """Why a file of ``size`` bytes is rejected, or "" when it is within the limit."""
        if size <= self.file_bytes:
            return ""
        return (f"over the size limit: {size / 1e6:.1f} MB, "
                f"the limit is {self.file_bytes / 1e6:g} MB")

    def count_problem(self, index: int) -> str:
        """Why the file at ``index`` (from 0) of a load is rejected, or ""."""
        if self.files is None or index < self.files:
            return ""
        return f"over the limit of {counted(self.files, 'file')} per load"

    def mention_problem(self, found: int, room: int | None) -> str:
        """Why a document's ``found`` mentions are not all kept (``room``: how many more
        the load takes, None for any number), or ""."""
        if found <= self.doc_mentions and (room is None or found <= room):
            return ""
        if room is not None and room < self.doc_mentions:
            reached = f"the load's limit of {counted(self.mentions, 'mention')} is reached"
            if not room:
                return f"no mentions kept of {found:,}: {reached}"
            return f"mentions cut to the first {room:,} of {found:,}: {reached}"
        return (f"mentions cut to the first {self.doc_mentions:,} of {found:,} (the limit is "
                f"{self.doc_mentions:,} per document)")


def cut(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters, at white space near the limit if
    there is any (see :data:`WORD_SLACK`)."""
    if len(text) <= limit:
        return text
    space = max(text.rfind(c, max(limit - WORD_SLACK, 0), limit + 1) for c in " \n\t")
    return text[:space] if space > 0 else text[:limit]


DEFAULT_LIMITS = Limits()
