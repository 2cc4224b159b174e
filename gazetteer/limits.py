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
- a title, url or source longer than ``field_chars`` is cut the same way (it is copied
  into every mention row of its document).
"""

from __future__ import annotations

from dataclasses import dataclass

from .wording import counted

# How far before a limit a cut looks for white space, so as not to split a word (half a
# word can read as another name).
WORD_SLACK = 1_000


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

    def __post_init__(self):
        for name in ("file_bytes", "text_chars", "files", "field_chars"):
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


def cut(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters, at white space near the limit if
    there is any (see :data:`WORD_SLACK`)."""
    if len(text) <= limit:
        return text
    space = max(text.rfind(c, max(limit - WORD_SLACK, 0), limit + 1) for c in " \n\t")
    return text[:space] if space > 0 else text[:limit]


DEFAULT_LIMITS = Limits()
