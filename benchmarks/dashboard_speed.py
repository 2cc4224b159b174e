"""How the dashboard's cost grows with the corpus: first render, reruns, memory, map.

    python benchmarks/dashboard_speed.py                      # 1M and 10M mentions
    python benchmarks/dashboard_speed.py --sizes 100000 --repeat 3
    python benchmarks/dashboard_speed.py --baseline-max 0     # the DuckDB path only
    python benchmarks/dashboard_speed.py --seeds 5            # first render on the seeds

For each size, a synthetic corpus over the real gazetteer's places: places drawn with
Zipf-like weights (a few named very often, most rarely, as in the news) from the Iraqi
places (terrain among them) and the countries; the seeds' real sentences with the drawn
place's name spliced in; ten mentions per article; dates over 2014-2025 (some to the month
or the year only); a dozen sources; some page furniture. It is written twice: as the
dataset ``python -m gazetteer ingest`` writes (Parquet parts; the page queries it with
DuckDB), and as the single mentions and documents files the page of ``--baseline``
(default: the commit before DuckDB, "today's in-memory path") loads into pandas.

Each page runs in a process of its own (the real app script under Streamlit's AppTest,
as a server would run it): the first render (loading included), then with the most
mentioned place selected, the median rerun after each filter changes (dates, region,
kind, source, words, precision, furniture), the server's RSS with that one session, then
with ten sessions open (each its first render and a filter changed). Then the size and
render time of the map of the whole table. The in-memory baseline runs only up to
``--baseline-max`` mentions: at 10M it would need some 40 GB. Prints figures; asserts
nothing. Targets: 1M: first render <= 8 s, reruns <= 0.5 s, RSS <= 1.5 GB (1 session),
<= 1.7 GB (10); 10M: first render <= 15 s, reruns <= 1.5 s, RSS <= 3 GB.

With ``--seeds N``: the first render of the page as it opens with no set-up (the bundled
seeds, read and geoparsed on the first visit), in N fresh processes each for this checkout
and the baseline, alternately, both compiled to bytecode first (as pip installs them, and
as Python caches them after a first run); medians and their ratio. Each process has an
empty cache folder of its own (``XDG_CACHE_HOME``), as on a fresh machine: the baseline
kept every file's extraction there between runs (later removed: a later run must not read
what an earlier one wrote unless the host asks), so its first render is also timed with
that cache filled, as its second start of a server was.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

ROOT = Path(__file__).parent.parent
BASELINE = "c0ce12b"  # main before the dataset and DuckDB (issue 11)
SOURCES = ["Rudaw", "Shafaq News", "Alsumaria", "Baghdad Today", "Kurdistan24", "INA",
           "Al-Mada", "Asharq Al-Awsat", "Al Jazeera", "BBC Arabic", "Sky News Arabia", "964"]
FIRST_DAY, DAYS = np.datetime64("2014-01-01"), 12 * 365
MENTIONS_PER_DOCUMENT = 10
CHUNK = 500_000  # mentions per part of the dataset
RANGES = [(date(2018, 1, 1), date(2021, 12, 31)), (date(2020, 6, 1), date(2025, 6, 30))]
SESSIONS = 10


def synthetic(n: int, folder: Path, seed: int = 7) -> tuple[str, str]:
    """Write ``n`` mentions (a multiple of ten) as a dataset in ``folder/dataset`` and as
    the two files of the baseline in ``folder/flat``; returns the most mentioned place in
    the articles' bodies and its Arabic name."""
    sys.path.insert(0, str(ROOT))
    import gazetteer
    from gazetteer.dataset import FORMAT, Dataset, schema
    from gazetteer.normalize import fold
    from gazetteer.tables import DOCUMENT_FIELDS, TABLES

    gaz = gazetteer.Gazetteer.load()
    rng = np.random.default_rng(seed)
    pool = [p for p in gaz.places if p.country == "IQ" or p.feature == "country"]
    pool = [pool[i] for i in rng.permutation(len(pool))]
    weights = 1 / np.arange(1, len(pool) + 1) ** 1.1
    weights /= weights.sum()
    body = gazetteer.ingest(ROOT / "seeds").mentions.query("segment == 'body'")
    before = np.array([e[:s - x] for e, s, x in zip(body["excerpt"], body["start"],
                                                     body["excerpt_start"], strict=True)],
                      dtype=object)
    after = np.array([e[t - x:] for e, t, x in zip(body["excerpt"], body["end"],
                                                    body["excerpt_start"], strict=True)],
                     dtype=object)
    columns = {c: np.array([getattr(p, c) for p in pool], dtype=object) for c in (
        "id", "name_en", "name_ar", "feature", "admin1", "country", "precision")}
    lat = np.array([p.lat for p in pool])
    lon = np.array([p.lon for p in pool])
    dataset, flat = Dataset(folder / "dataset"), folder / "flat"
    for table in TABLES:
        (folder / "dataset" / table).mkdir(parents=True)
    flat.mkdir()
    writers = {}
    folded: dict[tuple[int, int], str] = {}
    counts = np.zeros(len(pool), dtype=np.int64)
    for part, first in enumerate(range(0, n, CHUNK)):
        size = min(CHUNK, n - first)
        k = rng.choice(len(pool), size=size, p=weights)
        t = rng.integers(len(before), size=size)
        excerpt = before[t] + columns["name_ar"][k] + after[t]
        lengths = np.array([len(e) for e in excerpt]).reshape(-1, MENTIONS_PER_DOCUMENT) + 1
        offset = (np.cumsum(lengths, axis=1) - lengths).ravel()
        docs = (first + np.arange(size)) // MENTIONS_PER_DOCUMENT
        day = FIRST_DAY + rng.integers(0, DAYS, size=len(lengths)).repeat(MENTIONS_PER_DOCUMENT)
        precision = rng.choice(["day", "month", "year"], size=len(lengths),
                               p=[0.85, 0.1, 0.05]).repeat(MENTIONS_PER_DOCUMENT)
        width = np.select([precision == "day", precision == "month"], [10, 7], 4)
        dates = [str(d)[:w] for d, w in zip(day, width, strict=True)]
        segment = rng.choice(["body", "boilerplate", "comment"], size=size, p=[0.9, 0.07, 0.03])
        counts += np.bincount(k[segment == "body"], minlength=len(pool))
        doc_id = np.array([f"doc-{d:07d}.txt" for d in docs], dtype=object)
        source = np.array(SOURCES, dtype=object)[docs % len(SOURCES)]
        mentions = pd.DataFrame({
            "doc_id": doc_id, "source": source, "title": "", "url": "", "published": dates,
            "published_precision": precision, "start": offset + [len(b) for b in before[t]],
            "surface": columns["name_ar"][k], "place_id": columns["id"][k],
            "name_en": columns["name_en"][k], "name_ar": columns["name_ar"][k],
            "label": columns["name_en"][k], "feature": columns["feature"][k],
            "lat": lat[k], "lon": lon[k],
            "admin1": columns["admin1"][k], "country": columns["country"][k],
            "geo_precision": columns["precision"][k], "confidence": 0.9,
            "event_date": None, "event_precision": None, "date": dates,
            "date_precision": precision, "excerpt": excerpt, "excerpt_start": offset,
            "segment": segment, "event_id": "",
            "folded": [folded.get((a, b)) or folded.setdefault((a, b), fold(e))
                       for a, b, e in zip(t, k, excerpt, strict=True)],
        })
        mentions["end"] = mentions["start"] + mentions["surface"].str.len()
        texts = [" ".join(excerpt[i:i + MENTIONS_PER_DOCUMENT])
                 for i in range(0, size, MENTIONS_PER_DOCUMENT)]
        heads = mentions.iloc[::MENTIONS_PER_DOCUMENT]
        documents = pd.DataFrame({
            "doc_id": heads["doc_id"].to_numpy(), "path": heads["doc_id"].to_numpy(),
            "source": heads["source"].to_numpy(), "title": "", "url": "",
            "published": heads["published"].to_numpy(),
            "published_precision": heads["published_precision"].to_numpy(),
            "encoding": "utf-8", "mentions": MENTIONS_PER_DOCUMENT, "text": texts})
        for table, frame in (("mentions", mentions), ("documents", documents)):
            arrow = pa.Table.from_pandas(frame[TABLES[table]], schema(table),
                                         preserve_index=False)
            dataset.write_table(table, f"part-{part:04d}", arrow)
            old = arrow
            if table == "mentions":  # the baseline's mentions carried their documents' fields
                old = arrow.drop_columns(["folded"])
                for i, field in enumerate(DOCUMENT_FIELDS, start=1):
                    old = old.add_column(i, field, pa.array(frame[field], pa.string()))
            if table not in writers:
                writers[table] = pq.ParquetWriter(flat / f"mentions.{table}.parquet"
                                                  if table == "documents" else
                                                  flat / "mentions.parquet", old.schema)
            writers[table].write_table(old)
    for writer in writers.values():
        writer.close()
    files = [n // 1000 for n in range(0, n // MENTIONS_PER_DOCUMENT, 1000)]
    pd.DataFrame({"path": [f"feed-{f:05d}.jsonl" for f in files], "status": "loaded",
                  "documents": 1000, "reason": "", "encoding": "utf-8", "problems": ""}
                 ).to_parquet(folder / "dataset" / "report.parquet", index=False)
    (folder / "dataset" / "dataset.json").write_text(json.dumps({"format": FORMAT}))
    top = int(np.argmax(counts))
    return pool[top].id, pool[top].name_ar


def measure(app: str, setting: str, path: str, place: str, name: str, repeat: int) -> dict:
    """In this process: the page ``app`` on the corpus at ``path`` (the host setting
    ``setting``), as the module's docstring says."""
    import psutil
    from streamlit.testing.v1 import AppTest

    os.environ[setting] = path
    sys.path.insert(0, str(Path(app).parent.parent))
    from dashboard import state

    def rss() -> float:
        return psutil.Process().memory_info().rss / 1e9

    at = AppTest.from_file(app, default_timeout=1200)
    figures = {"first render s": _timed(at.run)}
    assert not at.exception, at.exception
    at.selectbox(key=state.PLACE).set_value(place).run()
    changes = {
        "dates": lambda i: at.slider(key=state.DATES).set_value(RANGES[i % 2]),
        "region": lambda i: at.multiselect(key=state.REGIONS).set_value(
            ["Kirkuk"] if i % 2 == 0 else ["Kirkuk", "Diyala"]),
        "kind": lambda i: at.multiselect(key=state.KINDS).set_value(
            ["City or town", "Terrain"] if i % 2 == 0 else ["Terrain"]),
        "source": lambda i: at.multiselect(key=state.SOURCES).set_value(
            [SOURCES[i % len(SOURCES)]]),
        "words": lambda i: at.text_input(key=state.WORDS).input("" if i % 2 else name),
        "precision": lambda i: at.select_slider(key=state.PRECISION).set_value(
            "district" if i % 2 == 0 else "beyond"),
        "furniture": lambda i: at.checkbox(key=state.FURNITURE).set_value(i % 2 == 0),
    }
    reruns = {}
    for what, change in changes.items():
        reruns[what] = statistics.median(
            _timed(change(i).run) for i in range(repeat))
        assert not at.exception, at.exception
    figures["rerun median s"] = reruns
    figures["RSS 1 session GB"] = rss()
    others = []
    for _ in range(SESSIONS - 1):
        other = AppTest.from_file(app, default_timeout=1200).run()
        other.checkbox(key=state.FURNITURE).set_value(True).run()
        assert not other.exception, other.exception
        others.append(other)
    figures[f"RSS {SESSIONS} sessions GB"] = rss()
    return figures


def seeds_first_render(app: str) -> dict:
    """In this process: the page ``app`` opened with no setting (the bundled seeds)."""
    from streamlit.testing.v1 import AppTest

    for setting in [k for k in os.environ if k.startswith("IRAQMAP_")]:
        del os.environ[setting]
    sys.path.insert(0, str(Path(app).parent.parent))
    at = AppTest.from_file(app, default_timeout=600)
    seconds = _timed(at.run)
    assert not at.exception, at.exception
    return {"first render s": seconds}


def seeds(trees: dict[str, tuple[Path, Path | None]], runs: int) -> None:
    """Print the median first render on the seeds of each of ``trees`` (label: its
    checkout and the cache folder it keeps, or None for a fresh empty one every run)."""
    times: dict[str, list[float]] = {label: [] for label in trees}
    for tree, _ in trees.values():  # as installed: read from bytecode, not compiled anew
        subprocess.run([sys.executable, "-m", "compileall", "-q", "dashboard", "gazetteer"],
                       cwd=tree, check=True)
    for _ in range(runs):
        for label, (tree, kept) in trees.items():
            with tempfile.TemporaryDirectory() as fresh:
                env = {**os.environ, "XDG_CACHE_HOME": str(kept or fresh)}
                times[label].append(in_process(
                    ["--seeds-child", str(tree / "dashboard/app.py")], tree, env)
                    ["first render s"])
    medians = {label: statistics.median(t) for label, t in times.items()}
    for label, t in times.items():
        print(f"  {label:30} median {medians[label]:6.2f} s  "
              f"(runs: {', '.join(f'{x:.2f}' for x in t)})")
    first = next(iter(medians.values()))
    for label in list(medians)[1:]:
        print(f"  ratio, this checkout / {label}: {first / medians[label]:.2f}")


def _timed(run) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def in_process(args: list[str], cwd: Path, env: dict | None = None) -> dict:
    """:func:`measure` (or, ``args`` starting ``--seeds-child``, :func:`seeds_first_render`)
    in a fresh Python process (the figures as JSON on its stdout)."""
    args = args if args[0].startswith("--") else ["--measure", *args]
    done = subprocess.run([sys.executable, __file__, *args], cwd=cwd,
                          capture_output=True, text=True, env=env)
    if done.returncode:
        raise SystemExit(f"{' '.join(args)} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def baseline_tree(folder: Path, revision: str) -> Path:
    """The page and library of ``revision``, checked out in ``folder``."""
    archive = subprocess.run(["git", "archive", revision, "dashboard", "gazetteer", "seeds",
                              ".streamlit"], cwd=ROOT, check=True, capture_output=True)
    folder.mkdir()
    subprocess.run(["tar", "-x"], cwd=folder, input=archive.stdout, check=True)
    return folder


def map_figures(folder: Path) -> tuple[int, float, float]:
    """Distinct places, MB and render seconds of the map of the whole dataset."""
    sys.path.insert(0, str(ROOT))
    import gazetteer
    from dashboard import mapview
    from dashboard.filters import Filters
    from dashboard.store import dataset_store
    from dashboard.view import View

    places = View(dataset_store(folder), Filters(furniture=True)).places()
    gaz = gazetteer.Gazetteer.load()
    start = time.perf_counter()
    html = mapview.build(mapview.drawn(places), mapview.by_governorate(places),
                         gaz).get_root().render()
    return len(places), len(html.encode()) / 1e6, time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1_000_000, 10_000_000])
    ap.add_argument("--repeat", type=int, default=3, help="reruns per filter (median)")
    ap.add_argument("--baseline", default=BASELINE, help="git revision of today's page")
    ap.add_argument("--baseline-max", type=int, default=1_000_000,
                    help="largest size the in-memory baseline is run on")
    ap.add_argument("--seeds", type=int, metavar="N",
                    help="time the first render on the seeds N times instead")
    ap.add_argument("--measure", nargs=5, help=argparse.SUPPRESS)
    ap.add_argument("--seeds-child", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.seeds_child:
        print(json.dumps(seeds_first_render(args.seeds_child)))
        return
    if args.measure:
        app, setting, path, place, name = args.measure
        print(json.dumps(measure(app, setting, path, place, name, args.repeat)))
        return
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"{os.cpu_count()} cores, load average {load} at the start")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        old = baseline_tree(tmp / "baseline", args.baseline)
        if args.seeds:
            print(f"first render on the seeds, {args.seeds} fresh processes each")
            warm = tmp / "baseline-cache"
            in_process(["--seeds-child", str(old / "dashboard/app.py")], old,
                       {**os.environ, "XDG_CACHE_HOME": str(warm)})  # fills its cache
            seeds({"this checkout": (ROOT, None),
                   f"baseline ({args.baseline})": (old, None),
                   "baseline, its cache filled": (old, warm)}, args.seeds)
            return
        for n in args.sizes:
            started = time.perf_counter()
            place, name = synthetic(n, tmp / f"corpus-{n}")
            print(f"\n{n:,} mentions ({n // MENTIONS_PER_DOCUMENT:,} articles), made in "
                  f"{time.perf_counter() - started:.0f} s; most mentioned place {place}",
                  flush=True)
            pages = {"DuckDB (dataset)": (ROOT, "IRAQMAP_DATASET", tmp / f"corpus-{n}/dataset")}
            if n <= args.baseline_max:
                pages[f"in memory ({args.baseline})"] = (
                    old, "IRAQMAP_MENTIONS", tmp / f"corpus-{n}/flat/mentions.parquet")
            results = {}
            for label, (tree, setting, path) in pages.items():
                results[label] = in_process(
                    [str(tree / "dashboard/app.py"), setting, str(path), place, name], tree)
                print(f"  {label}: {json.dumps(results[label])}", flush=True)
            print(f"  {'':26}" + "".join(f"{label:>26}" for label in results))
            rows = ["first render s", *[f"rerun {w} s" for w in results[next(iter(results))][
                "rerun median s"]], "RSS 1 session GB", f"RSS {SESSIONS} sessions GB"]
            for row in rows:
                cells = []
                for figures in results.values():
                    key = row.split(" ")[1] if row.startswith("rerun") else row
                    value = figures["rerun median s"][key] if row.startswith("rerun") else (
                        figures[row])
                    cells.append(f"{value:>26.3f}")
                print(f"  {row:26}" + "".join(cells))
            places, megabytes, seconds = map_figures(tmp / f"corpus-{n}/dataset")
            print(f"  map of the whole table: {places:,} places, {megabytes:.2f} MB, "
                  f"rendered in {seconds:.2f} s", flush=True)
    print(f"load average {', '.join(f'{x:.1f}' for x in os.getloadavg())} at the end")


if __name__ == "__main__":
    main()
