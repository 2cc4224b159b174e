"""A corpus in, its tables out (``python -m gazetteer ingest``).

:func:`ingest` reads files and folders as :func:`gazetteer.documents.load_corpus` does
(the same walk, report and document ids) and tabulates every place they name
(:mod:`gazetteer.tables`):

- with no ``out`` folder, in memory and in this process: a small corpus (the page's own
  folder of articles);
- with one, as a Dask computation that writes the dataset ``out``
  (:mod:`gazetteer.dataset`), on a local ``dask.distributed`` cluster of a worker per
  core or on the cluster at ``scheduler``. The client walks the folders and sends the
  workers batches of paths (parts of at most :data:`PART_BYTES` and :data:`PART_FILES`,
  and at least :data:`PARTS_PER_WORKER` for each worker where there are the files);
  each worker reads its files, extracts them, writes the part's rows as Parquet and
  returns only its files' reports and document ids. A run extracts only the files new or
  changed since the last one (size and time, then the content's hash), and removes the
  rows of files changed or gone: the dataset is always that of a fresh ingest.

:func:`ingest_bytes` tabulates uploaded files in memory, never starting a cluster nor
writing anything. All three extract a file with :func:`extract_file`.

Document ids depend on the whole load (an id an earlier file took is not given again).
Workers name each file's documents as if it were alone; the client then names them in
the order of the walk, as :func:`~gazetteer.documents.load_corpus` does. A file an id of
which an earlier file took is read again by the client (not extracted) for its names,
and its rows are renamed in their part.
"""

from __future__ import annotations

import functools
import logging
import os
import sys
import time
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import asdict, dataclass, replace
from pathlib import Path, PurePath

import pandas as pd
from tqdm import tqdm

from .dataset import FORMAT, Dataset, content_key, version
from .documents import LOADED, REJECTED, FileReport, Paths, files, load_file, summarize
from .encodings import scrub
from .events.incidents import incident_ids
from .limits import DEFAULT_LIMITS, Limits
from .pipeline import Extraction, Extractor
from .readers import ReadError, reader_for
from .tables import TABLES, frame, renamed_row, rows

# A part: what one task reads, extracts and writes. Big enough that a task's overhead
# (a round trip, a Parquet file) is small against its work; small enough that a worker
# holds little and a changed file rewrites little.
PART_BYTES = 8_000_000
PART_FILES = 2_000
# Parts a worker takes at least, where the corpus has the files: the workers then finish
# together (five parts for two workers would keep one waiting a fifth of the run).
PARTS_PER_WORKER = 4

Progress = bool | Callable[[int, int], None] | None


@dataclass
class Ingested:
    """What became of each file of a corpus, and its tables: in memory (``tables``), or
    in the ``dataset`` written (read back on demand). ``extracted``: files this run
    loaded and extracted (a dataset's others were unchanged since its last run)."""

    report: list[FileReport]
    summary: str
    tables: dict[str, pd.DataFrame] | None = None
    dataset: Dataset | None = None
    extracted: int = 0

    @property
    def mentions(self) -> pd.DataFrame:
        return self.table("mentions")

    @property
    def documents(self) -> pd.DataFrame:
        return self.table("documents")

    def table(self, name: str) -> pd.DataFrame:
        """One of :data:`~gazetteer.tables.TABLES`; a dataset's is read whole, as the
        folder holds it now (query a large one with DuckDB instead)."""
        return self.tables[name] if self.tables is not None else self.dataset.table(name)

    def report_frame(self) -> pd.DataFrame:
        return pd.DataFrame([r.as_row() for r in self.report])


def ingest(
    paths: Paths,
    out: str | os.PathLike | None = None,
    *,
    scheduler: str | None = None,
    workers: int | None = None,
    progress: Progress = None,
    limits: Limits = DEFAULT_LIMITS,
) -> Ingested:
    """Read files or folders within ``limits`` and tabulate every place they name: in
    memory, or into the dataset ``out`` on Dask (see the module's docstring).

    ``scheduler``: the address of a Dask scheduler (``tcp://host:8786``; default
    ``DASK_SCHEDULER_ADDRESS``, else a local cluster of ``workers`` processes, one per
    core by default). ``progress``: a bar on stderr (default: when stderr is a terminal),
    or a function called with (files done, files to do). ``limits.mentions`` holds for a
    load in memory only: workers extract a dataset's files in no set order.
    """
    if out is not None and limits.mentions is not None:
        raise ValueError("a limit on a load's mentions holds for loads in memory, not for "
                         "a dataset (its documents' own limit, doc_mentions, does)")
    walk = list(files(paths, limits))
    if out is None:
        sources = [FileReport(str(path), REJECTED, reason=reason) if reason
                   else (str(path), doc_name, path) for path, doc_name, reason in walk]
        return _in_memory(sources, limits, progress)
    return _into_dataset(walk, Dataset(out), limits, scheduler, workers, progress)


def ingest_bytes(
    files: Iterable[tuple[str, bytes]],
    *,
    progress: Progress = None,
    limits: Limits = DEFAULT_LIMITS,
    seconds: float | None = None,
) -> Ingested:
    """The same, in memory, for uploaded files given as (name, bytes); ids are unique
    across them. ``seconds``: the files not started that long after the call are
    rejected, each saying so (a file already started is read to its end)."""
    sources = [FileReport(name, REJECTED, reason=too_many)
               if (too_many := limits.count_problem(i)) else (name, PurePath(name).name, data)
               for i, (name, data) in enumerate(files)]
    return _in_memory(sources, limits, progress, seconds)


def extract_file(label: str, doc_name: str, source: Path | bytes, taken: set[str],
                 limits: Limits, room: int | None = None
                 ) -> tuple[FileReport, dict[str, list[dict]]]:
    """One file's report and its rows of every table (``taken``: the ids used before it
    in the load, to which its own are added; ``room``: the mentions the load still
    takes, None for any number), its documents' mentions within ``limits``."""
    documents, report = load_file(label, doc_name, source, taken, limits)
    extractions, problems = [], []
    for doc in documents:
        x, problem = limited(_extractor().extract(doc), limits, room)
        if problem:
            problems.append(f"{doc.doc_id}: {problem}" if len(documents) > 1 else problem)
        if room is not None:
            room -= len(x.mentions)
        extractions.append(x)
    if problems:
        report = replace(report, problems=(*report.problems, *problems))
    return report, rows(extractions)


def limited(x: Extraction, limits: Limits, room: int | None = None
            ) -> tuple[Extraction, str]:
    """``x`` with the mentions ``limits`` and ``room`` keep, its first events in as many,
    and what was cut ("" for nothing)."""
    problem = limits.mention_problem(len(x.mentions), room)
    events = list(dict.fromkeys(e.id for e in x.events))
    if not problem and len(events) <= limits.doc_mentions:
        return x, ""
    keep = min(limits.doc_mentions, limits.doc_mentions if room is None else room)
    kept_events = set(events[:limits.doc_mentions])
    return replace(x, mentions=x.mentions[:keep],
                   events=tuple(e for e in x.events if e.id in kept_events)), problem


@functools.cache
def _extractor() -> Extractor:
    """The process's extractor, built on first use (once per worker)."""
    return Extractor()


def _in_memory(sources: list[tuple[str, str, Path | bytes] | FileReport], limits: Limits,
               progress: Progress, seconds: float | None = None) -> Ingested:
    taken: set[str] = set()
    report, tables = [], {name: [] for name in TABLES}
    stop = None if seconds is None else time.monotonic() + seconds
    with _bar(progress, len(sources)) as done:
        for source in sources:
            if isinstance(source, FileReport):
                report.append(source)
            elif stop is not None and time.monotonic() > stop:
                report.append(FileReport(source[0], REJECTED, reason=(
                    f"not read: the load's time limit of {seconds:g} s ran out before it")))
            else:
                room = None if limits.mentions is None else (
                    limits.mentions - len(tables["mentions"]))
                file_report, file_tables = extract_file(*source, taken, limits, room)
                report.append(file_report)
                for name, records in file_tables.items():
                    tables[name] += records
            done(1)
    frames = {name: frame(name, records) for name, records in tables.items()}
    frames["events"]["incident_id"] = incident_ids(frames["events"])
    return Ingested(report, summarize(report), frames,
                    extracted=sum(r.status == LOADED for r in report))


# --- the dataset ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Task:
    """A file for a worker: where it is, its name in the load, and what the dataset
    knew of it (``key``: its content's hash when last extracted, else None)."""

    path: str
    doc_name: str
    size: int | None
    mtime_ns: int | None
    key: str | None


def _into_dataset(walk: list[tuple[Path, str, str]], dataset: Dataset, limits: Limits,
                  scheduler: str | None, workers: int | None, progress: Progress
                  ) -> Ingested:
    info = {"format": FORMAT, "version": version(),
            "limits": asdict(replace(limits, files=None))}  # the count changes no file
    before = {row["path"]: row for row in dataset.open(info)}
    tasks, now = [], {}  # now: each file read, by path, as the dataset will hold it
    for path, doc_name, reason in walk:
        if reason:
            continue
        size, mtime_ns = _stat(path)
        known = before.get(scrub(str(path)))
        if known and known["doc_name"] != scrub(doc_name):  # named otherwise: extracted anew
            known = None
        if known and (known["size"], known["mtime_ns"]) == (size, mtime_ns):
            now[known["path"]] = known
        else:
            tasks.append(_Task(str(path), doc_name, size, mtime_ns, known and known["key"]))
    extracted = 0
    for row in _run(tasks, dataset, limits, scheduler, workers, progress):
        if row.pop("unchanged"):  # touched, same content: kept, with its new time
            row = before[row["path"]] | {k: row[k] for k in ("size", "mtime_ns")}
        else:
            extracted += row["status"] == LOADED
        now[row["path"]] = row
    edits = defaultdict(lambda: ([], {}))  # part -> (ids to drop, {id: new id})
    for path, row in before.items():
        if row["part"] and (path not in now or now[path]["part"] != row["part"]):
            edits[row["part"]][0].extend(row["names"])  # changed or gone
    report, in_order = _named(walk, now, edits, limits)
    for part, (drop, rename) in edits.items():
        dataset.edit_part(part, drop, rename)
    dataset.close(info, in_order, pd.DataFrame([r.as_row() for r in report]))
    return Ingested(report, summarize(report), dataset=dataset, extracted=extracted)


def _named(walk: list[tuple[Path, str, str]], now: dict[str, dict], edits: dict,
           limits: Limits) -> tuple[list[FileReport], list[dict]]:
    """Each file's report in the order of the walk, its documents named as the load
    names them (renames go to ``edits``), and the files' rows in the same order."""
    taken: set[str] = set()
    report, in_order = [], []
    for path, _, reason in walk:
        if reason:
            report.append(FileReport(str(path), REJECTED, reason=reason))
            continue
        row = now[scrub(str(path))]
        file_report = FileReport(row["path"], row["status"], row["documents"], row["reason"],
                                 row["encoding"], tuple(row["problems"]))
        if taken.isdisjoint(row["ids"]):
            taken.update(row["ids"])
            names = list(row["ids"])
        else:  # as load_corpus names it: read again, not extracted
            documents, file_report = load_file(row["path"], row["doc_name"], path, taken,
                                               limits)
            names = [doc.doc_id for doc in documents]
        if names != list(row["names"]):
            edits[row["part"]][1].update(zip(row["names"], names, strict=True))
        report.append(file_report)
        in_order.append(row | {"names": names})
    return report, in_order


def _stat(path: Path) -> tuple[int | None, int | None]:
    try:
        stat = path.stat()
    except OSError:  # the worker reports why
        return None, None
    return stat.st_size, stat.st_mtime_ns


def _parts(tasks: list[_Task], workers: int) -> Iterator[list[_Task]]:
    """The tasks in parts of at most PART_BYTES and PART_FILES, in order, and of no more
    than a share of the whole: :data:`PARTS_PER_WORKER` parts for each of ``workers``."""
    most = min(PART_BYTES, sum(t.size or 0 for t in tasks) // (PARTS_PER_WORKER * workers))
    part, size = [], 0
    for task in tasks:
        if part and (size + (task.size or 0) > most or len(part) == PART_FILES):
            yield part
            part, size = [], 0
        part.append(task)
        size += task.size or 0
    if part:
        yield part


def _run(tasks: list[_Task], dataset: Dataset, limits: Limits, scheduler: str | None,
         workers: int | None, progress: Progress) -> Iterator[dict]:
    """Each task's row of files.parquet (and ``unchanged``), part by part as the
    workers finish them. No cluster is started when there is nothing to do."""
    if not tasks:
        return
    from dask.distributed import as_completed

    with _client(scheduler, workers) as client, _bar(progress, len(tasks)) as done:
        parts = list(_parts(tasks, max(1, sum(client.nthreads().values()))))
        futures = client.map(_extract_part, parts, folder=str(dataset.folder), limits=limits,
                             pure=False)
        for future in as_completed(futures):
            file_rows = future.result()
            yield from file_rows
            done(len(file_rows))
            future.release()


@contextmanager
def _client(scheduler: str | None, workers: int | None):
    """A client of the cluster at ``scheduler`` (or DASK_SCHEDULER_ADDRESS), else of a
    local cluster of ``workers`` processes (one per core by default), closed after."""
    from dask.distributed import Client, LocalCluster

    address = scheduler or os.environ.get("DASK_SCHEDULER_ADDRESS")
    if address:
        with Client(address) as client:
            yield client
        return
    # On this machine only; the scheduler's web pages (when bokeh is installed) on a free
    # port, so that two runs at once do not clash.
    with LocalCluster(n_workers=workers or os.cpu_count() or 1, threads_per_worker=1,
                      processes=True, host="127.0.0.1", dashboard_address="127.0.0.1:0",
                      silence_logs=logging.ERROR) as cluster, Client(cluster) as client:
        yield client


def _extract_part(tasks: list[_Task], folder: str, limits: Limits) -> list[dict]:
    """On a worker: read and extract the files of one part, write their rows as the
    part's Parquet files, and return each file's row of files.parquet (``unchanged``:
    same content as when last extracted, not extracted again)."""
    dataset, part = Dataset(folder), uuid.uuid4().hex
    tables = {name: [] for name in TABLES}
    file_rows, written = [], set()
    for task in tasks:
        data = _bytes(Path(task.path), limits)
        key = data and content_key(data)
        if key and key == task.key:
            file_rows.append({"path": scrub(task.path), "size": task.size,
                              "mtime_ns": task.mtime_ns, "unchanged": True})
            continue
        report, file_tables = extract_file(task.path, task.doc_name, data or Path(task.path),
                                           set(), limits)
        ids = [row["doc_id"] for row in file_tables["documents"]]
        # An id another file of the part has (copies, record ids 1, 2, 3...) is written
        # under a stand-in until the client names it: ids in a part stay unique.
        stand_in = {i: f"{i}~{uuid.uuid4().hex}" for i in ids if i in written}
        written.update(stand_in.get(i, i) for i in ids)
        for name, records in file_tables.items():
            tables[name] += [renamed_row(r, stand_in) for r in records]
        file_rows.append({
            "path": report.path, "doc_name": scrub(task.doc_name), "size": task.size,
            "mtime_ns": task.mtime_ns, "key": key, "part": part if ids else None, "ids": ids,
            "names": [stand_in.get(i, i) for i in ids], "status": report.status,
            "documents": report.documents,
            "reason": report.reason, "encoding": report.encoding,
            "problems": list(report.problems), "unchanged": False,
        })
    if tables["documents"]:
        dataset.write_part(part, tables)
    return file_rows


def _bytes(path: Path, limits: Limits) -> bytes | None:
    """The file's bytes; None when it is refused unread (unknown suffix, too large) or
    cannot be read (load_file then says why)."""
    with suppress(ReadError, OSError):
        reader_for(path.name)
        if not limits.size_problem(path.stat().st_size):
            return path.read_bytes()
    return None


@contextmanager
def _bar(progress: Progress, total: int):
    """A function to call with the number of files just done: it moves a bar on stderr
    (``progress`` True, or None and stderr a terminal) or calls ``progress``, first with
    none done (the first file waits for the gazetteer to load: seconds to show)."""
    if callable(progress):
        count = [0]
        progress(0, total)

        def done(n: int) -> None:
            count[0] += n
            progress(count[0], total)

        yield done
        return
    shown = progress if progress is not None else sys.stderr.isatty()
    with tqdm(total=total, disable=not shown, unit="file", desc="extracting") as bar:
        yield bar.update
