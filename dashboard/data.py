"""The corpus the page shows: where it comes from, and loading it into a store.

Where from, first found wins:

1. files uploaded in the page: this session's own corpus, kept in ``st.session_state``
   and never in a cache another session could read;
2. ``--dataset DIR`` (after ``--`` on the streamlit command line) or ``IRAQMAP_DATASET``:
   a dataset written by ``python -m gazetteer ingest -o DIR``, queried where it lies;
3. ``--corpus DIR`` or ``IRAQMAP_CORPUS``: a folder (or file) of articles, read into
   memory (for a large one, ingest it and give the dataset);
4. the bundled ``seeds/``.

``IRAQMAP_*`` are host settings: a secret or an environment variable (:mod:`.settings`).

A corpus given on the server is loaded once for every session (``st.cache_resource``,
keyed by its path and its files' sizes and times, so edits are picked up): one store,
one DuckDB database (:mod:`.store`), whatever the number of sessions. Every corpus,
uploaded, read or a dataset, is filtered by the same SQL (:mod:`.filters`).
"""

from __future__ import annotations

import argparse
import os
import sys
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd
import streamlit as st
from streamlit.runtime.uploaded_file_manager import UploadedFile

import gazetteer
from dashboard import reader, sessions, state
from dashboard.settings import positive_int, setting
from dashboard.store import Store, dataset_store
from dashboard.wording import counted, say
from gazetteer.dataset import NotADataset
from gazetteer.documents import LOADED, FileReport, summarize
from gazetteer.limits import DEFAULT_LIMITS
from gazetteer.tables import TABLES

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
UPLOAD_TYPES = ["txt", "html", "htm", "jsonl", "csv"]  # the suffixes gazetteer/readers.py reads
# What a visitor may upload at once unless the host says otherwise (dashboard/settings.py):
# the library's own limits per file (20 MB) and per text, and a few hundred files.
MAX_UPLOAD_MB = DEFAULT_LIMITS.file_bytes // 1_000_000
MAX_FILES = 200
MAX_TEXT_CHARS = DEFAULT_LIMITS.text_chars
MAX_MENTIONS = 100_000  # per upload: some 100 MB of tables in the server's memory
UPLOAD_SECONDS = 120  # to read an upload: a few MB of articles take a minute
UPLOAD_READERS = 1  # processes reading uploads, for every session: a core each
REPORT_ROWS = 1_000  # files of a dataset's load report the page lists

@dataclass(frozen=True)
class Source:
    """Where the server's corpus comes from (see the module's docstring)."""

    corpus: Path = SEEDS
    dataset: Path | None = None


@dataclass(frozen=True)
class Tally:
    """What a load counted: files, those loaded, documents; a dataset's mentions."""

    files: int
    loaded: int
    documents: int
    mentions: int | None = None

    @classmethod
    def of(cls, report: pd.DataFrame, mentions: int | None = None) -> Tally:
        return cls(len(report), int(report["status"].eq(LOADED).sum()),
                   int(report["documents"].sum()), mentions)

    def summary(self) -> str:
        """"5 files: 4 loaded (12 documents), 1 rejected" in the page's language; what a
        dataset holds, for a dataset (it may come from a million files)."""
        if self.mentions is not None:
            return say("dataset_summary", mentions=counted(self.mentions, "mention"),
                       documents=counted(self.documents, "document"))
        return say("load_summary", files=counted(self.files, "file"),
                   loaded=f"{self.loaded:,}", documents=counted(self.documents, "document"),
                   rejected=f"{self.files - self.loaded:,}")


@dataclass(frozen=True)
class Corpus:
    """A corpus ready for the page: its ``store`` (the tables, queried), the load
    ``report`` (one row per file, at most :data:`REPORT_ROWS` of a dataset's) and its
    ``tally``; ``span``: the first and last day
    the mentions' dates cover (None when undated); ``sources``: the sources named;
    ``events``: how many events its articles report, ``body_events`` of them in the
    articles' own text (not in page furniture)."""

    name: str
    store: Store
    report: pd.DataFrame
    tally: Tally
    span: tuple[date, date] | None
    sources: list[str]
    events: int = 0
    body_events: int = 0

    @property
    def summary(self) -> str:
        """The load in one line, in the page's language."""
        line = self.tally.summary()
        if len(self.report) < self.tally.files:
            line += say("report_lists", listed=f"{len(self.report):,}")
        return line

    @property
    def spans_days(self) -> bool:
        """Whether the dates cover more than a day: a range to choose, a timeline to draw."""
        return self.span is not None and self.span[0] < self.span[1]


def source(argv: Sequence[str] | None = None, given: Mapping[str, str] | None = None
           ) -> Source:
    """The server's corpus as the command line (after ``--``) and the host's settings
    name it (``given``: settings by name, default :func:`dashboard.settings.setting`)."""
    argv = sys.argv[1:] if argv is None else argv
    lookup = setting if given is None else given.get
    parser = argparse.ArgumentParser(allow_abbrev=False, add_help=False)
    for option in ("corpus", "dataset"):
        parser.add_argument(f"--{option}", default=lookup(f"IRAQMAP_{option.upper()}"))
    # Known options only: under pytest or AppTest, sys.argv holds the runner's own.
    args = parser.parse_known_args(argv)[0]
    if args.dataset:
        return Source(dataset=Path(args.dataset))
    return Source(corpus=Path(args.corpus) if args.corpus else SEEDS)


@st.cache_resource(show_spinner=False)
def gazetteer_index() -> gazetteer.Gazetteer:
    """The gazetteer, loaded once per server (geometries and radii for the map)."""
    return gazetteer.Gazetteer.load()


@st.cache_resource(show_spinner=False)
def governorates() -> list[gazetteer.Place]:
    """The 18 governorates, by English name (their names are the mentions' ``admin1``)."""
    places = [p for p in gazetteer_index().places if p.feature == "governorate"]
    return sorted(places, key=lambda p: p.name_en)


def server_corpus(src: Source | None = None) -> Corpus:
    """The corpus the server was started on (cached, shared by every session); a bar
    shows how far the reading of a folder is, the first time."""
    src = src or source()
    if src.dataset:
        try:
            return _dataset(str(src.dataset), _stamp(src.dataset / "files.parquet",
                                                       src.dataset / "dataset.json"))
        except NotADataset as err:
            st.error(str(err))
            st.stop()
    key, (lock, loaded) = (str(src.corpus), _stamp(src.corpus)), _folders()
    with lock:  # one session reads, the others wait for its corpus
        if key not in loaded:
            bar = st.empty()
            loaded.clear()  # an edited folder replaces its older reading
            loaded[key] = from_folder(src.corpus, _bar(bar))
            bar.empty()
        return loaded[key]


@st.cache_resource(show_spinner=False)
def _folders() -> tuple[threading.Lock, dict]:
    """The server's folder corpus by (path, :func:`_stamp`), kept by hand rather than by
    ``st.cache_resource``, which cannot draw a progress bar while it computes."""
    return threading.Lock(), {}


def _bar(where) -> Callable[[int, int], None]:
    def show(done: int, total: int) -> None:
        where.progress(done / max(total, 1), text=say(
            "reading_folder", done=f"{done:,}", files=counted(total, "file")))
    return show


def upload_limits() -> gazetteer.Limits:
    """What a visitor may upload at once, as the host sets it (``IRAQMAP_MAX_UPLOAD_MB``,
    ``IRAQMAP_MAX_FILES``, ``IRAQMAP_MAX_TEXT_CHARS``, ``IRAQMAP_MAX_MENTIONS``;
    :mod:`dashboard.settings`). The server's own corpus is the host's and is not held to
    them."""
    return gazetteer.Limits(
        file_bytes=positive_int("IRAQMAP_MAX_UPLOAD_MB", MAX_UPLOAD_MB) * 1_000_000,
        files=positive_int("IRAQMAP_MAX_FILES", MAX_FILES),
        text_chars=positive_int("IRAQMAP_MAX_TEXT_CHARS", MAX_TEXT_CHARS),
        mentions=positive_int("IRAQMAP_MAX_MENTIONS", MAX_MENTIONS))


def upload_help(limits: gazetteer.Limits) -> str:
    """The uploader's help: what it takes, how much, and where the files go."""
    return say("upload_help", files=counted(limits.files, "file"),
               mb=f"{limits.file_bytes // 1_000_000:,}", chars=f"{limits.text_chars:,}",
               mentions=f"{limits.mentions:,}")


@dataclass(eq=False)
class Upload:
    """A session's upload: the job reading it, then its corpus."""

    job: reader.Job
    corpus: Corpus | None = None

    def close(self) -> None:
        """Let go of it: its reading dropped, its tables' database closed."""
        self.job.cancel()
        if self.corpus is not None:
            self.corpus.store.db.close()


def session_corpus(files: list[UploadedFile] | None, limits: gazetteer.Limits
                   ) -> Corpus | None:
    """This session's uploaded files as a corpus within ``limits``, read once per set of
    files by the server's readers (:mod:`.reader`) within ``IRAQMAP_UPLOAD_SECONDS``:
    reruns meanwhile wait for the same reading; a session that leaves drops it, and one
    gone for good lets go of its tables (:mod:`.sessions`)."""
    sessions.watch()
    kept = st.session_state.get(state.UPLOADED)
    key = files and (tuple(f.file_id for f in files), limits)
    if kept is not None and kept[0] != key:
        kept[1].close()
        st.session_state.pop(state.UPLOADED)
        kept = None
    if not files:
        return None
    if kept is None or (kept[1].corpus is None and kept[1].job.dropped()):  # left, back
        upload = Upload(_readers().submit(reader.Job(
            [(f.name, f.getvalue()) for f in files], limits,
            positive_int("IRAQMAP_UPLOAD_SECONDS", UPLOAD_SECONDS),
            wanted=sessions.connected())))
        sessions.on_leave(upload.job.cancel)
        sessions.on_end(upload.close)
        kept = st.session_state[state.UPLOADED] = (key, upload)
    upload = kept[1]
    if upload.corpus is None:
        upload.corpus = _read(upload.job, [f.name for f in files])
    return upload.corpus


def _readers() -> reader.Readers:
    return reader.shared(positive_int("IRAQMAP_UPLOAD_READERS", UPLOAD_READERS))


def _read(job: reader.Job, names: list[str]) -> Corpus:
    """Wait for ``job`` (saying how far it is) and make its corpus; an upload not read
    (too long, or the reader failed) is a corpus of no rows whose report says why for
    each file."""
    files = _uploaded(len(names))
    with st.status(say("reading_upload", files=files) + "…", expanded=False) as status:
        while not job.finished.wait(reader.POLL):
            ahead = _readers().ahead(job)
            status.update(label=say("reading_waits", files=files,
                                    uploads=counted(ahead, "upload")) if ahead else
                          say("reading_done", files=files, done=f"{job.done:,}",
                              total=f"{job.total:,}"))
        result = job.result
        if result is None:
            report = [FileReport(name, "rejected", reason=job.error) for name in names]
            result = gazetteer.Ingested(report, summarize(report),
                                        gazetteer.ingest_bytes([]).tables)
        status.update(label=Tally.of(result.report_frame()).summary(),
                      state="complete" if job.result else "error")
    return from_ingested(result, _uploaded(len(names)))


def from_uploads(files: list[tuple[str, bytes]],
                 limits: gazetteer.Limits = DEFAULT_LIMITS) -> Corpus:
    """Uploaded files, given as (name, bytes), as a corpus within ``limits`` (rejected
    and cut files are reported): what the uploader calls."""
    return from_ingested(gazetteer.ingest_bytes(files, limits=limits), _uploaded(len(files)))


def _uploaded(n: int) -> str:
    return counted(n, "uploaded_file")


def from_folder(path: str | Path, progress: Callable[[int, int], None] | None = None
                ) -> Corpus:
    """The articles in a folder (or a file) as a corpus, read in memory."""
    return from_ingested(gazetteer.ingest(path, progress=progress), _display_path(path))


@st.cache_resource(show_spinner="Opening the dataset…", max_entries=1)  # the latest only
def _dataset(folder: str, stamp: tuple) -> Corpus:
    """The corpus of a dataset, once per ``stamp``."""
    return from_dataset(folder)


def from_dataset(folder: str | Path) -> Corpus:
    """A dataset written by ``python -m gazetteer ingest`` as a corpus: queried in place.
    Its load report is shown in part: the files with something to say first, at most
    :data:`REPORT_ROWS` (a dataset may come from a million files)."""
    store = dataset_store(Path(folder))
    mentions, documents = store.frame(
        "SELECT (SELECT count(*) FROM mention_keys), (SELECT count(*) FROM documents)").iloc[0]
    report = gazetteer.Dataset(folder).report()
    tally = Tally.of(report, int(mentions))
    if len(report) > REPORT_ROWS:
        quiet = report["status"].eq(LOADED) & report["problems"].eq("")
        report = report.iloc[quiet.argsort(kind="stable")[:REPORT_ROWS]]
    return corpus_of(store, report, tally, _display_path(folder))


def from_ingested(result: gazetteer.Ingested, name: str) -> Corpus:
    """Tables ingested in memory as a corpus."""
    report = result.report_frame()
    return corpus_of(Store({name: result.table(name) for name in TABLES}), report,
                     Tally.of(report), name)


def corpus_of(store: Store, report: pd.DataFrame, tally: Tally, name: str) -> Corpus:
    """A corpus of ``store``, its span and its sources read from it."""
    first, last = store.frame("SELECT min(date_first), max(date_last) FROM mention_keys").iloc[0]
    span = None if pd.isna(first) else (pd.Timestamp(first).date(), pd.Timestamp(last).date())
    sources = store.frame("SELECT DISTINCT source_label FROM mention_keys ORDER BY 1")
    events = store.frame("SELECT count(*), count(*) FILTER (WHERE segment = 'body') "
                         "FROM events").iloc[0]
    return Corpus(name, store, report, tally, span, sources["source_label"].tolist(),
                  *map(int, events))


def _display_path(path: str | Path) -> str:
    """A path as the page names it: relative to the working folder or to the app's own
    (the bundled seeds are "seeds" where the app is installed too)."""
    p = Path(path).resolve()
    base = next((b for b in (Path.cwd(), SEEDS.parent) if p.is_relative_to(b)), None)
    return str(p.relative_to(base)) if base else str(p)


def _stamp(*paths: Path) -> tuple:
    """Every file under ``paths`` with its size, modification and change times and inode:
    a cache key that changes when a file is added, removed or edited, also by an edit
    that keeps its size and sets its modification time back (the change time, which no
    one sets, moves; a file replaced by another has another inode)."""
    files = [f for p in paths for f in ([p] if p.is_file() else sorted(p.rglob("*")))]
    return tuple((str(f), s.st_size, s.st_mtime_ns, s.st_ctime_ns, s.st_ino)
                 for f in files if (s := _stat(f)))


def _stat(path: Path) -> os.stat_result | None:
    try:
        return path.stat()
    except OSError:  # a documents table that does not exist, a file removed meanwhile
        return None
