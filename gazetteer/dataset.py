"""The dataset ``python -m gazetteer ingest PATH -o OUT`` writes, and keeps up to date.

::

    OUT/dataset.json            what it was made with: format, version, limits
    OUT/report.parquet          the load report: one row per file, loaded or rejected
    OUT/files.parquet           per file read: size, time, content hash, part, ids
    OUT/mentions/<part>.parquet the tables (gazetteer.tables.TABLES), in parts
    OUT/events/<part>.parquet
    OUT/documents/<part>.parquet
    OUT/incidents.parquet       each event's incident, grouped across the whole dataset

A part holds the rows of one batch of files, written by the worker that extracted them:
the dataset is partitioned by the files its rows come from, not by month. A part is what
a worker writes in one go (no shuffle: nothing is gathered anywhere) and what a later run
edits when one of its files changes or goes. The page's queries aggregate over every month
at once (the timeline shows them all, a place counts its mentions of any date range), so
month folders would prune little and multiply the files (every part spans every month).
Read a table as the glob ``OUT/mentions/*.parquet`` (DuckDB, pyarrow, pandas). Which
events of different articles are one incident (:mod:`gazetteer.events.incidents`) depends
on every part: it is worked out at the end of each run over the events' few columns it
needs, and kept in ``incidents.parquet`` (the events' own ``incident_id`` is their own id).

Everything on disk is data (Parquet and JSON): a writable folder cannot be turned into
code run by the next ingest or by the page. The folder is its user's only: made 0700
(its files 0600), and refused when another user owns it or anyone may write in it
(:mod:`gazetteer.private`). ``dataset.json`` holds the :func:`version` of
the code and data that made it: another version (or other limits) rebuilds it whole.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import cache
from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as package_version
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from .events.incidents import incident_ids
from .private import private_folder
from .tables import EVENT_IDS, TABLES, TYPES, frame, renamed_event

FORMAT = 2  # 2: a mention's document fields (source, title, url) in documents only
PACKAGE_DIR = Path(__file__).parent
# Libraries whose upgrade changes what a file reads as (the main text of an html page).
READING_LIBRARIES = ("trafilatura",)
_ARROW = {"int64": pa.int64(), "Int64": pa.int64(), "float64": pa.float64(),
          "texts": pa.list_(pa.string())}
# How a part's rows are sorted, and how many make a row group (see Dataset.write_table).
ORDER = {"mentions": ["place_id", "date", "doc_id", "start"]}  # else by doc_id
ROW_GROUP = {"documents": 1_024}  # whole texts; else 16,384 rows
TEXT_LIST = pa.list_(pa.string())
# The events' columns that incidents are grouped by.
INCIDENT_COLUMNS = ["event_id", "doc_id", "type", "event_date", "date", "date_precision", "lat",
                    "lon", "radius_km", "geo_precision"]

# files.parquet: the load report of each file read, as loaded on its own (``ids``: its
# documents' ids then; ``names``: the ids its rows carry in this dataset), and what tells
# whether it changed since.
FILE_SCHEMA = pa.schema([
    ("path", pa.string()), ("doc_name", pa.string()), ("size", pa.int64()),
    ("mtime_ns", pa.int64()), ("key", pa.string()), ("part", pa.string()),
    ("ids", TEXT_LIST), ("names", TEXT_LIST), ("status", pa.string()),
    ("documents", pa.int64()), ("reason", pa.string()), ("encoding", pa.string()),
    ("problems", TEXT_LIST),
])


class NotADataset(ValueError):
    """The folder given for a dataset holds something else: nothing is written there."""


def schema(table: str) -> pa.Schema:
    """The Arrow schema of one of :data:`~gazetteer.tables.TABLES`."""
    return pa.schema([(c, _ARROW.get(TYPES.get(c), pa.string())) for c in TABLES[table]])


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


def content_key(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class Dataset:
    """The dataset in ``folder`` (see the module's docstring)."""

    def __init__(self, folder: str | os.PathLike):
        self.folder = Path(folder)

    def part_path(self, table: str, part: str) -> Path:
        return self.folder / table / f"{part}.parquet"

    def glob(self, table: str) -> str:
        """Every part of ``table``, as a pattern DuckDB and pyarrow read."""
        return str(self.folder / table / "*.parquet")

    def info(self) -> dict | None:
        try:
            return json.loads((self.folder / "dataset.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    def readable(self) -> None:
        """Raise :class:`NotADataset` unless the folder holds a dataset of this
        :data:`FORMAT` (what reads it, the page, would misread another)."""
        made = (self.info() or {}).get("format")
        if made != FORMAT:
            raise NotADataset(f"{self.folder} is no dataset of format {FORMAT} (it says "
                              f"{made}): run `iraqmap ingest PATH -o {self.folder}` again")

    def files(self) -> list[dict]:
        """The rows of files.parquet (none when there is none yet)."""
        path = self.folder / "files.parquet"
        return pq.read_table(path).to_pylist() if path.exists() else []

    def open(self, info: dict) -> list[dict]:
        """Ready the folder for a run made with ``info``: the files of the last run when
        it was made the same way, its parts only (a part no run recorded, left by an
        interrupted one, goes); else an empty dataset and no files. A folder that holds
        other things than a dataset is left alone: :class:`NotADataset`."""
        if self.folder.exists() and not self.folder.is_dir():
            raise NotADataset(f"{self.folder} is a file, not a dataset folder")
        private_folder(self.folder)
        if (self.folder.is_dir() and any(self.folder.iterdir())
                and not (self.folder / "dataset.json").exists()):
            raise NotADataset(f"{self.folder} holds other files and no dataset.json: give "
                              "a new or empty folder, or one an ingest wrote")
        if self.info() != info:
            for name in ("dataset.json", "files.parquet", "report.parquet"):
                (self.folder / name).unlink(missing_ok=True)
            for table in TABLES:
                shutil.rmtree(self.folder / table, ignore_errors=True)
        files = self.files()
        recorded = {f["part"] for f in files}
        for table in TABLES:
            (self.folder / table).mkdir(mode=0o700, exist_ok=True)
            for path in (self.folder / table).iterdir():  # .part: half written
                if path.suffix != ".parquet" or path.stem not in recorded:
                    path.unlink()
        return files

    def write_part(self, part: str, tables: dict[str, list[dict]]) -> None:
        """Write one part of every table (by a worker, as soon as it is extracted)."""
        for table, records in tables.items():
            self.write_table(table, part, pa.Table.from_pylist(records, schema=schema(table)))

    def write_table(self, table: str, part: str, arrow: pa.Table) -> None:
        """Write one part of ``table``: its rows sorted by :data:`ORDER`, in row groups of
        :data:`ROW_GROUP` rows, so that a reader looking for one place (or document)
        skips, by the row groups' statistics, what holds none of it."""
        order = [(c, "ascending") for c in ORDER.get(table, ["doc_id"])]
        with _written(self.part_path(table, part)) as tmp:
            pq.write_table(arrow.sort_by(order), tmp, compression="zstd",
                           row_group_size=ROW_GROUP.get(table, 16_384))

    def edit_part(self, part: str, drop: Iterable[str], rename: dict[str, str]) -> None:
        """Remove the rows of the documents ``drop`` from a part, and give others new ids
        (``rename``: old -> new); a part left with no document goes."""
        drop = pa.array(sorted(set(drop)), pa.string())
        for table in TABLES:
            path = self.part_path(table, part)
            arrow = pq.read_table(path)
            arrow = arrow.filter(pc.invert(pc.is_in(arrow["doc_id"], value_set=drop)))
            if rename:
                for column in ("doc_id", *EVENT_IDS):  # an event's id holds its document's
                    if column not in arrow.schema.names:
                        continue
                    ids = pd.Series(arrow[column].to_pylist(), dtype=object)
                    ids = (ids.replace(rename) if column == "doc_id"
                           else ids.map(lambda e: renamed_event(e, rename)))
                    arrow = arrow.set_column(arrow.schema.get_field_index(column), column,
                                             pa.array(ids, pa.string()))
            self.write_table(table, part, arrow)
        if not pq.read_metadata(self.part_path("documents", part)).num_rows:
            for table in TABLES:
                self.part_path(table, part).unlink()

    def close(self, info: dict, files: list[dict], report: pd.DataFrame) -> None:
        """Record the run: incidents.parquet, files.parquet, report.parquet, then
        dataset.json."""
        parts = sorted((self.folder / "events").glob("*.parquet"))
        events = (pa.concat_tables(pq.read_table(p, columns=INCIDENT_COLUMNS) for p in parts)
                  .to_pandas() if parts else pd.DataFrame(columns=INCIDENT_COLUMNS))
        incidents = pd.DataFrame({"event_id": events["event_id"],
                                  "incident_id": incident_ids(events)})
        with _written(self.folder / "incidents.parquet") as tmp:
            incidents.to_parquet(tmp, index=False)
        with _written(self.folder / "files.parquet") as tmp:
            pq.write_table(pa.Table.from_pylist(files, FILE_SCHEMA), tmp)
        with _written(self.folder / "report.parquet") as tmp:
            report.to_parquet(tmp, index=False)
        with _written(self.folder / "dataset.json") as tmp:
            tmp.write_text(json.dumps(info, indent=1), encoding="utf-8")

    def table(self, name: str) -> pd.DataFrame:
        """A whole table in memory: for small datasets and tests (the page queries)."""
        rows = [row for part in sorted((self.folder / name).glob("*.parquet"))
                for row in pq.read_table(part).to_pylist()]
        table = frame(name, rows)  # typed as the tables in memory are
        if name == "events":  # typed as its event ids (map gives floats when there are none)
            table["incident_id"] = table["event_id"].map(self.incidents()).fillna(
                table["incident_id"]).astype(table["event_id"].dtype)
        return table

    def incidents(self) -> pd.Series:
        """Each event's incident (event_id -> incident_id)."""
        path = self.folder / "incidents.parquet"
        if not path.exists():
            return pd.Series(dtype=object)
        frame_ = pd.read_parquet(path)
        return pd.Series(frame_["incident_id"].to_numpy(), index=frame_["event_id"])

    def report(self) -> pd.DataFrame:
        return pd.read_parquet(self.folder / "report.parquet")


@contextmanager
def _written(path: Path) -> Iterator[Path]:
    """A file to write beside ``path``, renamed over it once written: a reader (the
    page, another run) sees the old file or the new one, never half of one."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".part")
    os.close(fd)
    try:
        yield Path(tmp)
        os.replace(tmp, path)
    finally:
        Path(tmp).unlink(missing_ok=True)
