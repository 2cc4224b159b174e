"""The corpus the page shows: where it comes from, loading it, and the columns the page
derives from the library's tables.

Where from, first found wins:

1. files uploaded in the page: this session's own corpus, kept in ``st.session_state``
   and never in a cache another session could read;
2. ``--mentions FILE.parquet`` (after ``--`` on the streamlit command line) or
   ``IRAQMAP_MENTIONS``: tables written by ``python -m gazetteer ingest -o FILE``; the
   documents table (for whole articles) is ``--documents`` / ``IRAQMAP_DOCUMENTS``, else
   the one the library writes beside it (``FILE.documents.parquet``) when it exists;
3. ``--corpus DIR`` or ``IRAQMAP_CORPUS``: a folder (or file) of articles;
4. the bundled ``seeds/``.

``IRAQMAP_*`` are host settings: a secret or an environment variable (:mod:`.settings`).

A corpus given on the server is loaded once for every session (``st.cache_resource``,
keyed by its path and its files' sizes and times, so edits are picked up). It is a
resource, not ``st.cache_data``: cache_data would unpickle a fresh copy of the whole
mentions table on every rerun (0.3 s at 100,000 mentions); the page never modifies it.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import streamlit as st
from streamlit.runtime.uploaded_file_manager import UploadedFile

import gazetteer
from dashboard import state
from dashboard.kinds import kind_of
from dashboard.settings import positive_int, setting
from dashboard.wording import counted
from gazetteer.corpus import documents_path, ingest
from gazetteer.dates import period
from gazetteer.limits import DEFAULT_LIMITS
from gazetteer.normalize import fold

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
UPLOAD_TYPES = ["txt", "html", "htm", "jsonl", "csv"]  # the suffixes gazetteer/readers.py reads
# What a visitor may upload at once unless the host says otherwise (dashboard/settings.py):
# the library's own limits per file (20 MB) and per text, and a few hundred files.
MAX_UPLOAD_MB = DEFAULT_LIMITS.file_bytes // 1_000_000
MAX_FILES = 200
MAX_TEXT_CHARS = DEFAULT_LIMITS.text_chars

# Regions of mentions with no governorate (besides the 18 governorates' names).
IRAQ_WIDE = "Iraq, no governorate"
OUTSIDE = "Outside Iraq"
NOT_LOCATED = "Not located"
NO_SOURCE = "(no source)"

# Columns of the mentions table that one place's mentions share.
PLACE_COLUMNS = ["place_id", "name_ar", "name_en", "feature", "kind", "lat", "lon",
                 "admin1", "region", "label"]


@dataclass(frozen=True)
class Source:
    """Where the server's corpus comes from (see the module's docstring)."""

    corpus: Path = SEEDS
    mentions: Path | None = None
    documents: Path | None = None


@dataclass(frozen=True)
class Corpus:
    """A corpus ready for the page.

    ``mentions``: the library's mentions table plus the columns :func:`prepare` adds;
    ``documents``: the documents table indexed by ``doc_id`` (no rows when the tables were
    loaded without it); ``places``: one row per place key (``PLACE_COLUMNS``);
    ``span``: the first and last day the mentions' dates cover (None when undated).
    """

    name: str
    mentions: pd.DataFrame
    documents: pd.DataFrame
    places: pd.DataFrame
    report: pd.DataFrame
    summary: str
    span: tuple[date, date] | None

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
    for option in ("corpus", "mentions", "documents"):
        parser.add_argument(f"--{option}", default=lookup(f"IRAQMAP_{option.upper()}"))
    # Known options only: under pytest or AppTest, sys.argv holds the runner's own.
    args = parser.parse_known_args(argv)[0]
    if args.mentions:
        mentions = Path(args.mentions)
        documents = Path(args.documents) if args.documents else documents_path(mentions)
        return Source(mentions=mentions, documents=documents)
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
    """The corpus the server was started on (cached, shared by every session)."""
    src = src or source()
    if src.mentions:
        return _tables(str(src.mentions), str(src.documents), _stamp(src.mentions, src.documents))
    return _folder(str(src.corpus), _stamp(src.corpus))


def upload_limits() -> gazetteer.Limits:
    """What a visitor may upload at once, as the host sets it (``IRAQMAP_MAX_UPLOAD_MB``,
    ``IRAQMAP_MAX_FILES``, ``IRAQMAP_MAX_TEXT_CHARS``; :mod:`dashboard.settings`). The
    server's own corpus is the host's and is not held to them."""
    return gazetteer.Limits(
        file_bytes=positive_int("IRAQMAP_MAX_UPLOAD_MB", MAX_UPLOAD_MB) * 1_000_000,
        files=positive_int("IRAQMAP_MAX_FILES", MAX_FILES),
        text_chars=positive_int("IRAQMAP_MAX_TEXT_CHARS", MAX_TEXT_CHARS))


def upload_help(limits: gazetteer.Limits) -> str:
    """The uploader's help: what it takes, how much, and where the files go."""
    return (f"txt, html, jsonl or csv: up to {counted(limits.files, 'file')} of "
            f"{limits.file_bytes // 1_000_000:,} MB each, every document cut after "
            f"{limits.text_chars:,} characters. They stay in your session and replace the "
            "server's corpus until you remove them.")


def session_corpus(files: list[UploadedFile] | None, limits: gazetteer.Limits
                   ) -> Corpus | None:
    """This session's uploaded files as a corpus within ``limits``, read once per set of
    files."""
    if not files:
        st.session_state.pop(state.UPLOADED, None)
        return None
    key = (tuple(f.file_id for f in files), limits)
    kept = st.session_state.get(state.UPLOADED)
    if kept is None or kept[0] != key:
        with st.status(f"Reading {_uploaded(len(files))}…", expanded=False) as status:
            corpus = from_uploads([(f.name, f.getvalue()) for f in files], limits)
            status.update(label=corpus.summary, state="complete")
        kept = st.session_state[state.UPLOADED] = (key, corpus)
    return kept[1]


def from_uploads(files: list[tuple[str, bytes]],
                 limits: gazetteer.Limits = DEFAULT_LIMITS) -> Corpus:
    """Uploaded files, given as (name, bytes), as a corpus within ``limits`` (rejected
    and cut files are reported): what the uploader calls."""
    return _ingested(gazetteer.ingest_bytes(files, limits=limits), _uploaded(len(files)))


def _uploaded(n: int) -> str:
    return counted(n, "uploaded file")


def from_folder(path: str | Path) -> Corpus:
    """The articles in a folder (or a file) as a corpus."""
    return _ingested(ingest(path), _display_path(path))


@st.cache_resource(show_spinner="Reading and geoparsing the articles…")
def _folder(path: str, stamp: tuple) -> Corpus:
    """:func:`from_folder`, once per ``stamp`` (:func:`_stamp`), which only keys the cache."""
    return from_folder(path)


@st.cache_resource(show_spinner="Reading the tables…")
def _tables(mentions_file: str, documents_file: str, stamp: tuple) -> Corpus:
    """The corpus of a mentions table and its documents table (whole articles are not
    available without it), once per ``stamp``."""
    mentions = pd.read_parquet(mentions_file)
    has_documents = Path(documents_file).exists()
    documents = pd.read_parquet(documents_file) if has_documents else pd.DataFrame(
        columns=["doc_id", "text"])
    summary = (f"{counted(len(mentions), 'mention')} in "
               f"{counted(mentions['doc_id'].nunique(), 'document')}")
    if not has_documents:
        summary += f" (no documents table at {documents_file}: whole articles unavailable)"
    report = pd.DataFrame({"path": [mentions_file], "status": ["loaded"]})
    return prepare(mentions, documents, report, summary, _display_path(mentions_file))


def _ingested(result: gazetteer.Ingested, name: str) -> Corpus:
    return prepare(result.mentions, result.documents, result.report_frame(), result.summary,
                   name)


def _display_path(path: str | Path) -> str:
    """A path as the page names it: relative to the working folder when inside it."""
    p = Path(path).resolve()
    return str(p.relative_to(Path.cwd())) if p.is_relative_to(Path.cwd()) else str(p)


def _stamp(*paths: Path) -> tuple:
    """Sizes and modification times of every file under ``paths``: a cache key that
    changes when a file is added, removed or edited."""
    files = [f for p in paths for f in ([p] if p.is_file() else sorted(p.rglob("*")))]
    return tuple((str(f), s.st_size, s.st_mtime_ns) for f in files if (s := _stat(f)))


def _stat(path: Path) -> os.stat_result | None:
    try:
        return path.stat()
    except OSError:  # a documents table that does not exist, a file removed meanwhile
        return None


def prepare(mentions: pd.DataFrame, documents: pd.DataFrame, report: pd.DataFrame,
            summary: str, name: str) -> Corpus:
    """A corpus from the library's tables, with the columns the page filters and draws by:
    ``place_key`` (the place_id, or name and point of a place the gazetteer lacks),
    ``label`` (Arabic and English name), ``kind``, ``region`` (governorate,
    ``IRAQ_WIDE``, ``OUTSIDE`` or ``NOT_LOCATED``), ``source_label``,
    ``date_first``/``date_last`` (the period ``date`` names), ``folded`` (the excerpt
    after Arabic normalisation) and ``precision_rank`` (index in ``PRECISIONS``)."""
    m = mentions.reset_index(drop=True)
    unlisted = m["place_id"].isna() | m["place_id"].eq("")
    point = ("@" + m["lat"].round(4).astype(str) + "," + m["lon"].round(4).astype(str)).where(
        m["lat"].notna(), "")
    m["place_key"] = m["place_id"].where(~unlisted, "unlisted:" + m["name_ar"] + point)
    gaz = gazetteer_index()  # its label tells namesakes apart: "Kirkuk (city)"
    english = [gaz.label(gaz[pid]) if pid in gaz.by_id else name
               for pid, name in zip(m["place_id"], m["name_en"], strict=True)]
    m["label"] = m["name_ar"] + " · " + pd.Series(english, index=m.index).where(
        ~unlisted, "not in the gazetteer")
    m["kind"] = m["feature"].map(kind_of)
    m["region"] = np.select(
        [m["admin1"].ne(""), m["country"].eq("IQ"), m["lat"].notna()],
        [m["admin1"], IRAQ_WIDE, OUTSIDE], NOT_LOCATED)
    m["source_label"] = m["source"].where(m["source"].ne(""), NO_SOURCE)
    dates = m["date"].dropna().unique()
    periods = pd.DataFrame([_period(d) for d in dates], index=dates, columns=["first", "last"])
    m["date_first"] = m["date"].map(periods["first"]).astype("datetime64[ns]")
    m["date_last"] = m["date"].map(periods["last"]).astype("datetime64[ns]")
    m["folded"] = m["excerpt"].map({e: fold(e) for e in m["excerpt"].unique()})
    m["precision_rank"] = m["geo_precision"].map(
        {p: i for i, p in enumerate(gazetteer.PRECISIONS)})
    dated = m["date_first"].dropna()
    span = (dated.min().date(), m["date_last"].max().date()) if len(dated) else None
    places = m.drop_duplicates("place_key").set_index("place_key")[PLACE_COLUMNS]
    return Corpus(name, m, documents.set_index("doc_id"), places, report, summary, span)


def _period(text: str) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The first and last day of "YYYY-MM-DD", "YYYY-MM" or "YYYY" (NaT when malformed)."""
    try:
        first, last, _ = period(text)
    except ValueError:
        return pd.NaT, pd.NaT
    return pd.Timestamp(first), pd.Timestamp(last)


def place_counts(corpus: Corpus, view: pd.DataFrame) -> pd.DataFrame:
    """The places ``view`` names, most mentioned first, with their ``mentions`` count:
    the map's and the place list's one row per place, whatever the number of mentions."""
    counts = view["place_key"].value_counts()
    return corpus.places.loc[counts.index].assign(mentions=counts.to_numpy())
