"""How the dashboard's cost grows with the corpus: rerun time and map size.

    python benchmarks/dashboard_speed.py [--sizes 1000 10000 100000] [--repeat 5]

For each size, a synthetic mentions table over the real gazetteer's places: places drawn
with Zipf-like weights (a few are named very often, most rarely, as in the news) from the
Iraqi places (terrain among them) and the countries; the seeds' real sentences with the drawn
place's name spliced in; dates over 2014-2025 (some to the month or the year only); a
dozen sources; some page furniture. The tables go to parquet and the app loads them as a
user would (``IRAQMAP_MENTIONS``). Prints per size: distinct places, the first run
(loading), the median rerun after a change of the date range and after words typed in,
with the most mentioned place selected (AppTest, the real app script), and the size and
render time of the map the app builds for the whole table (``m.get_root().render()``).
Targets at 100k mentions: rerun < 0.5 s, map < 2 MB.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).parent.parent
sys.path.insert(0, str(ROOT))

import gazetteer  # noqa: E402
from dashboard import data, filters, mapview, state  # noqa: E402
from gazetteer.corpus import ingest  # noqa: E402 (see dashboard/data.py)

APP = str(ROOT / "dashboard" / "app.py")
SOURCES = ["Rudaw", "Shafaq News", "Alsumaria", "Baghdad Today", "Kurdistan24", "INA",
           "Al-Mada", "Asharq Al-Awsat", "Al Jazeera", "BBC Arabic", "Sky News Arabia", "964"]
FIRST_DAY, DAYS = np.datetime64("2014-01-01"), 12 * 365
MENTIONS_PER_DOCUMENT = 10
RANGES = [(date(2018, 1, 1), date(2021, 12, 31)), (date(2020, 6, 1), date(2025, 6, 30))]


def synthetic(n: int, gaz: gazetteer.Gazetteer, seed: int = 7) -> tuple[pd.DataFrame,
                                                                         pd.DataFrame]:
    """A mentions table of ``n`` rows and its documents table (see the module's doc)."""
    rng = np.random.default_rng(seed)
    pool = [p for p in gaz.places if p.country == "IQ" or p.feature == "country"]
    pool = [pool[i] for i in rng.permutation(len(pool))]
    weights = 1 / np.arange(1, len(pool) + 1) ** 1.1
    drawn = rng.choice(len(pool), size=n, p=weights / weights.sum())
    sentences = ingest(ROOT / "seeds").mentions.query("segment == 'body'")
    templates = [(e[:s - x], e[t - x:]) for e, s, t, x in zip(
        sentences["excerpt"], sentences["start"], sentences["end"], sentences["excerpt_start"],
        strict=True)]
    days = FIRST_DAY + rng.integers(0, DAYS, size=n)
    precision = rng.choice(["day", "month", "year"], size=n, p=[0.85, 0.1, 0.05])
    dates = [str(d)[:{"day": 10, "month": 7, "year": 4}[p]] for d, p in zip(
        days, precision, strict=True)]
    rows, texts = [], {}
    for i, (k, t) in enumerate(zip(drawn, rng.integers(len(templates), size=n), strict=True)):
        place, (before, after) = pool[k], templates[t]
        doc_id = f"doc-{i // MENTIONS_PER_DOCUMENT:06d}.txt"
        text = texts.setdefault(doc_id, [])
        offset = sum(len(s) + 1 for s in text)
        text.append(before + place.name_ar + after)
        rows.append({
            "doc_id": doc_id, "start": offset + len(before),
            "end": offset + len(before) + len(place.name_ar), "surface": place.name_ar,
            "place_id": place.id, "name_en": place.name_en, "name_ar": place.name_ar,
            "feature": place.feature, "lat": place.lat, "lon": place.lon,
            "admin1": place.admin1, "country": place.country,
            "geo_precision": place.precision, "confidence": 0.9,
            "excerpt": text[-1], "excerpt_start": offset,
        })
    mentions = pd.DataFrame(rows)
    doc_of = mentions["doc_id"].str[4:10].astype(int)
    mentions["source"] = np.array(SOURCES)[doc_of % len(SOURCES)]
    mentions["title"] = mentions["url"] = ""
    mentions["published"] = mentions["date"] = dates
    mentions["published_precision"] = mentions["date_precision"] = precision
    mentions["event_date"] = mentions["event_precision"] = None
    mentions["segment"] = rng.choice(["body", "boilerplate", "comment"], size=n,
                                     p=[0.9, 0.07, 0.03])
    mentions = mentions[gazetteer.MENTION_COLUMNS]
    documents = mentions.drop_duplicates("doc_id")[
        ["doc_id", "source", "title", "url", "published", "published_precision"]]
    documents = documents.assign(
        path=documents["doc_id"], encoding="utf-8",
        mentions=documents["doc_id"].map(mentions["doc_id"].value_counts()),
        text=documents["doc_id"].map(lambda d: " ".join(texts[d])))
    return mentions, documents


def rerun_seconds(path: Path, place_id: str, name: str, repeat: int
                  ) -> tuple[float, float, float]:
    """The app's first run on the table at ``path``, then, with the place ``place_id``
    selected, its median rerun after a change of the date range, and after words typed
    (the place's Arabic ``name``, then nothing)."""
    os.environ["IRAQMAP_MENTIONS"] = str(path)
    at = AppTest.from_file(APP, default_timeout=600)
    first = _timed(at.run)
    at.selectbox(key=state.PLACE).set_value(place_id).run()
    dates = statistics.median(
        _timed(at.slider(key=state.DATES).set_value(RANGES[i % 2]).run) for i in range(repeat))
    words = statistics.median(
        _timed(at.text_input(key=state.WORDS).input("" if i % 2 else name).run)
        for i in range(repeat))
    assert not at.exception, at.exception
    return first, dates, words


def _timed(run) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def map_figures(mentions: pd.DataFrame, documents: pd.DataFrame,
                gaz: gazetteer.Gazetteer) -> tuple[int, int, float]:
    """Distinct places, bytes and render seconds of the map of the whole table."""
    corpus = data.prepare(mentions, documents, pd.DataFrame(), "", "synthetic")
    view = filters.apply(corpus.mentions, filters.Filters(furniture=True))
    places = data.place_counts(corpus, view)
    start = time.perf_counter()
    m = mapview.build(mapview.drawn(places), view["admin1"].value_counts(), gaz)
    html = m.get_root().render()
    return len(places), len(html.encode()), time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    gaz = gazetteer.Gazetteer.load()
    print(f"{'mentions':>9} {'places':>7} {'first run s':>11} {'rerun dates s':>13} "
          f"{'rerun words s':>13} {'map MB':>7} {'map render s':>12}")
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            mentions, documents = synthetic(n, gaz)
            path = Path(tmp) / f"mentions-{n}.parquet"
            mentions.to_parquet(path, index=False)
            documents.to_parquet(path.with_name(f"{path.stem}.documents.parquet"), index=False)
            top = mentions.query("segment == 'body'")["place_id"].mode()[0]
            name = gaz.get(top).name_ar
            first, dates, words = rerun_seconds(path, top, name, args.repeat)
            places, size, render = map_figures(mentions, documents, gaz)
            print(f"{n:>9,} {places:>7,} {first:>11.2f} {dates:>13.3f} {words:>13.3f} "
                  f"{size / 1e6:>7.2f} {render:>12.3f}", flush=True)


if __name__ == "__main__":
    main()
