"""A corpus in, the mentions and documents tables out (``python -m gazetteer ingest``).

:func:`ingest` reads files and folders as :func:`gazetteer.documents.load_corpus` does
(the same walk, report and document ids), :func:`ingest_bytes` uploaded files; both
tabulate every place named (:mod:`gazetteer.tables`). They work file by file:

1. read each file's bytes and look them up in the :class:`~gazetteer.cache.Cache`;
2. load each file not found on its own and extract its documents, in several processes
   for a large batch; each file's result is cached as soon as it is done. The gazetteer
   is built only when something is to be extracted, once per process;
3. name every file's documents as this load does. A file now named otherwise than when
   it was extracted (moved, renamed, copied, or an id an earlier file took) is read again
   for its names, not extracted again: extraction depends on the text only.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from contextlib import ExitStack, suppress
from dataclasses import dataclass
from functools import partial
from pathlib import Path, PurePath

import pandas as pd
from tqdm import tqdm

from .cache import Cache, FileResult, content_key
from .documents import REJECTED, FileReport, Paths, files, load_file, summarize
from .encodings import scrub
from .limits import DEFAULT_LIMITS, Limits
from .pipeline import Extractor
from .readers import ReadError, reader_for
from .tables import document_row, documents_frame, mention_rows, mentions_frame

# Each worker process builds its own gazetteer (~0.7 s): for less to read than this
# (some 200 articles of text), one process is faster.
PARALLEL_MIN_BYTES = 1_000_000
PROGRESS_MIN_FILES = 50  # fewer are done before a bar is worth drawing
CHUNK = 8  # files per message to a worker: tens of ms of work against one round trip



@dataclass
class Ingested:
    """The tables of a corpus, what became of each of its files, and how much of the work
    the cache saved (``cached_files`` served from it, ``extracted_documents`` not)."""

    mentions: pd.DataFrame
    documents: pd.DataFrame
    report: list[FileReport]
    summary: str
    cached_files: int = 0
    extracted_documents: int = 0

    def report_frame(self) -> pd.DataFrame:
        return pd.DataFrame([r.as_row() for r in self.report])

    def write(self, path: str | os.PathLike) -> tuple[Path, Path]:
        """Write the mentions table to ``path`` and the documents table beside it (see
        :func:`documents_path`), both as parquet; returns the two paths."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        self.mentions.to_parquet(path, index=False)
        self.documents.to_parquet(documents_path(path), index=False)
        return path, documents_path(path)


def documents_path(mentions_path: str | os.PathLike) -> Path:
    """Where the documents table goes beside the mentions table ``mentions_path``:
    ``out/mentions.parquet`` -> ``out/mentions.documents.parquet``."""
    path = Path(mentions_path)
    return path.with_name(f"{path.stem}.documents.parquet")


def ingest(
    paths: Paths,
    *,
    cache_dir: str | os.PathLike | None = None,
    use_cache: bool = True,
    workers: int | None = None,
    progress: bool | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> Ingested:
    """Read files or folders within ``limits`` and tabulate every place they name.

    ``cache_dir``: where file results are kept between runs (default
    :func:`gazetteer.cache.default_dir`); ``use_cache=False`` neither reads nor writes it.
    ``workers``: processes reading and extracting the files not in the cache, a file
    each at a time (default: every core when they hold more than
    :data:`PARALLEL_MIN_BYTES`, else 1; never more than there are files).
    ``progress``: a bar on stderr (default: when stderr is a terminal and at least
    :data:`PROGRESS_MIN_FILES` files are to be extracted).
    """
    found = [_file(path, doc_name, reason, limits)
             for path, doc_name, reason in files(paths, limits)]
    return _ingest(found, Cache(cache_dir) if use_cache else None, workers, progress)


def ingest_bytes(
    files: Iterable[tuple[str, bytes]],
    *,
    cache_dir: str | os.PathLike | None = None,
    use_cache: bool = True,
    workers: int | None = None,
    progress: bool | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> Ingested:
    """The same for uploaded files, given as (name, bytes); ids are unique across them."""
    sources = [FileReport(name, REJECTED, reason=too_many)
               if (too_many := limits.count_problem(i))
               else _source(name, PurePath(name).name, data, limits)
               for i, (name, data) in enumerate(files)]
    return _ingest(sources, Cache(cache_dir) if use_cache else None, workers, progress)


@dataclass(frozen=True, slots=True)
class _Source:
    """A file to load: its names in this load, its bytes, the limits it is read
    within and the cache key of the two."""

    label: str
    doc_name: str
    data: bytes
    limits: Limits
    key: str


def _source(label: str, doc_name: str, data: bytes, limits: Limits) -> _Source:
    label, doc_name = scrub(label), scrub(doc_name)  # as load_file names them
    return _Source(label, doc_name, data, limits, content_key(label, data, limits))


def _file(path: Path, doc_name: str, reason: str, limits: Limits) -> _Source | FileReport:
    """The file to load, or its report when it is rejected without being read."""
    if reason:
        return FileReport(str(path), REJECTED, reason=reason)
    data = _bytes(path, limits)
    if data is None:  # documents words the reason
        return load_file(str(path), doc_name, path, set(), limits)[1]
    return _source(str(path), doc_name, data, limits)


def _bytes(path: Path, limits: Limits) -> bytes | None:
    """The file's bytes; None when it is refused unread (unknown suffix, too large) or
    cannot be read: a folder of scans must not be read through on every run."""
    with suppress(ReadError, OSError):
        reader_for(path.name)
        if not limits.size_problem(path.stat().st_size):
            return path.read_bytes()
    return None


def _ingest(files: list[_Source | FileReport], cache: Cache | None, workers: int | None,
            progress: bool | None) -> Ingested:
    """Serve each file from the cache or extract it, then tabulate them in order."""
    sources = [f for f in files if isinstance(f, _Source)]
    results = {s.key: r for s in sources if cache is not None and (r := cache.get(s.key))}
    cached_files = sum(s.key in results for s in sources)
    # One of each content: a copy of a file is extracted once, and named in _named.
    missing = list({s.key: s for s in sources if s.key not in results}.values())
    extracted = _extract_files(missing, cache, workers, progress)
    results.update(extracted)
    taken: set[str] = set()
    report, mentions, documents = [], [], []
    for f in files:
        if isinstance(f, FileReport):
            report.append(f)
            continue
        named = _named(results[f.key], f, taken)
        report.append(named.report)
        mentions += named.mentions
        documents += named.documents
    return Ingested(
        mentions_frame(mentions), documents_frame(documents), report, summarize(report),
        cached_files, extracted_documents=sum(len(r.documents) for r in extracted.values()),
    )


def _extract_files(sources: list[_Source], cache: Cache | None, workers: int | None,
                   progress: bool | None) -> dict[str, FileResult]:
    """Each source extracted, by key, in this process or in ``workers`` processes (the
    reading too: trafilatura takes longer over a page than extraction over its text)."""
    if workers is None:
        large = sum(len(s.data) for s in sources) > PARALLEL_MIN_BYTES
        workers = (os.cpu_count() or 1) if large else 1
    workers = min(workers, len(sources))  # a file is one task: more would build in vain
    if progress is None:
        progress = len(sources) >= PROGRESS_MIN_FILES and sys.stderr.isatty()
    extract = partial(_extract_file, cache=cache)
    results = {}
    with ExitStack() as stack:
        bar = stack.enter_context(
            tqdm(total=len(sources), disable=not progress, unit="file", desc="extracting")
        )
        if workers > 1:
            pool = stack.enter_context(ProcessPoolExecutor(workers, initializer=_extractor))
            done = pool.map(extract, sources, chunksize=CHUNK)
        else:
            done = map(extract, sources)
        for source, result in zip(sources, done, strict=True):
            results[source.key] = result
            bar.update()
    return results


@functools.cache
def _extractor() -> Extractor:
    """The process's extractor, built on first use (also a worker's initializer)."""
    return Extractor()


def _extract_file(source: _Source, cache: Cache | None) -> FileResult:
    """A file loaded on its own (ids unique within it only), its documents tabulated and
    the result cached at once (by the worker: an interrupted run keeps what is done)."""
    documents, report = load_file(source.label, source.doc_name, source.data, set(),
                                  source.limits)
    extractions = [_extractor().extract(doc) for doc in documents]
    result = FileResult(
        source.label, source.doc_name, report,
        tuple(row for x in extractions for row in mention_rows(x)),
        tuple(document_row(x) for x in extractions),
    )
    if cache is not None:
        cache.put(source.key, result)
    return result


def _named(result: FileResult, source: _Source, taken: set[str]) -> FileResult:
    """The file's result with the ids this load gives its documents (added to ``taken``)."""
    own_ids = [row["doc_id"] for row in result.documents]
    same_names = (result.label, result.doc_name) == (source.label, source.doc_name)
    if same_names and taken.isdisjoint(own_ids):  # named as when loaded on its own
        taken.update(own_ids)
        return result
    documents, report = load_file(source.label, source.doc_name, source.data, taken,
                                  source.limits)
    new_id = dict(zip(own_ids, (doc.doc_id for doc in documents), strict=True))
    return FileResult(
        source.label, source.doc_name, report,
        tuple(row | {"doc_id": new_id[row["doc_id"]]} for row in result.mentions),
        tuple(row | {"doc_id": new_id[row["doc_id"]], "path": source.label}
              for row in result.documents),
    )
