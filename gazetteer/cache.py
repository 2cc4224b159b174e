"""The ingest cache: what each file gave, kept on disk by the file's content.

A corpus is mostly re-read unchanged, and extracting is what costs (building the
gazetteer, then every document). :class:`Cache` keeps one entry per file content: the
file's :class:`FileResult` (its report and its rows of the two tables), pickled under
``<sha256 of the bytes and limits><suffix>.pickle`` (the suffix picks the reader, so the
same bytes as .txt and as .html are two entries; so do other :mod:`~gazetteer.limits`).

Each entry carries the :func:`version` it was made with: a hash of the package's code and
data files and of trafilatura's version (the html reader). Editing a place, a rule or the
extraction code therefore retires every entry without anyone remembering to bump a number.
An entry that cannot be read, is damaged or is of another version counts as missing and is
rewritten; the cache never stops an ingest, and deleting its folder is always safe.

The folder: ``$XDG_CACHE_HOME/iraq-security-map/extractions`` (``~/.cache/...`` when the
variable is unset), or the one given. Entries are pickles: keep the folder private to the
user, as any cache of this kind.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import tempfile
from contextlib import suppress
from dataclasses import dataclass, replace
from functools import cache
from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as package_version
from pathlib import Path, PurePath

from .documents import FileReport
from .limits import DEFAULT_LIMITS, Limits

log = logging.getLogger(__name__)

PACKAGE_DIR = Path(__file__).parent
# Libraries whose upgrade changes what a file reads as (the main text of an html page).
READING_LIBRARIES = ("trafilatura",)


@dataclass(frozen=True, slots=True)
class FileResult:
    """What one file gave when loaded on its own: ``label`` and ``doc_name`` are the
    names it was loaded under (they make its documents' ids); ``mentions`` and
    ``documents`` are its rows of the two tables (:mod:`gazetteer.tables`), in order.

    Rows rather than extraction records: a cached run then skips remaking them, and
    plain dicts unpickle several times faster than dataclasses."""

    label: str
    doc_name: str
    report: FileReport
    mentions: tuple[dict, ...]
    documents: tuple[dict, ...]


def default_dir() -> Path:
    """``$XDG_CACHE_HOME/iraq-security-map/extractions``, else under ``~/.cache``."""
    root = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(root) / "iraq-security-map" / "extractions"


def content_key(name: str, data: bytes, limits: Limits = DEFAULT_LIMITS) -> str:
    """The entry name of a file's bytes read with the reader of ``name``'s suffix within
    ``limits`` (the size and length limits change what a file gives; the number of files
    a load takes does not)."""
    digest = hashlib.sha256(data)
    digest.update(repr(replace(limits, files=None)).encode())
    return digest.hexdigest() + PurePath(name).suffix.lower()


@cache
def version() -> str:
    """A hash of what extraction depends on: the package's code and data files and the
    versions of :data:`READING_LIBRARIES` (computed once per process)."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE_DIR.rglob("*")):
        name = path.relative_to(PACKAGE_DIR)
        if path.is_file() and (name.suffix == ".py" or name.parts[0] == "data"):
            digest.update(name.as_posix().encode() + b"\0" + path.read_bytes())
    for library in READING_LIBRARIES:
        try:
            digest.update(f"{library}=={package_version(library)}".encode())
        except PackageNotFoundError:
            digest.update(f"{library} not installed".encode())
    return digest.hexdigest()


class Cache:
    """File results on disk by :func:`content_key`; see the module's docstring."""

    def __init__(self, folder: str | os.PathLike | None = None):
        self.folder = Path(folder) if folder is not None else default_dir()
        self._writable = True

    def path(self, key: str) -> Path:
        return self.folder / f"{key}.pickle"

    def get(self, key: str) -> FileResult | None:
        """The entry for ``key``; None when it is missing, damaged or of another version."""
        try:
            stored_version, result = pickle.loads(self.path(key).read_bytes())
        except FileNotFoundError:
            return None
        except Exception as err:  # whatever a truncated or foreign file makes pickle raise
            log.debug("cache entry %s unreadable (%s), rebuilt", key, err)
            return None
        if stored_version != version() or not isinstance(result, FileResult):
            return None
        return result

    def put(self, key: str, result: FileResult) -> None:
        """Store ``result``; a folder that cannot be written is said once (per process:
        worker processes store what they extract), then skipped."""
        if not self._writable:
            return
        part = None
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            # Written aside, then renamed: a reader (another ingest, the dashboard) sees
            # the old entry or the new one, never half of one.
            with tempfile.NamedTemporaryFile(dir=self.folder, suffix=".part", delete=False) as f:
                part = Path(f.name)
                pickle.dump((version(), result), f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(part, self.path(key))
        except OSError as err:
            self._writable = False
            log.warning("the cache in %s cannot be written (%s); going on without it",
                        self.folder, err.strerror or err)
            if part:
                with suppress(OSError):
                    part.unlink()
