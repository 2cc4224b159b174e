"""The events table, the event a mention locates, and one incident across outlets."""

import json
import time
from datetime import date, timedelta

import pandas as pd
import pytest

from dashboard import export
from dashboard.filters import Filters
from dashboard.view import View
from gazetteer.documents import Document
from gazetteer.events.incidents import incident_ids
from gazetteer.pipeline import Extractor
from gazetteer.tables import (
    EVENT_COLUMNS,
    event_rows,
    frame,
    mention_rows,
)


@pytest.fixture(scope="module")
def extractor():
    return Extractor()


# (text, publication date, outlet) of four articles: two outlets report one car bomb a day
# apart (with tolls that disagree), a third a bomb elsewhere, a fourth the same town a week
# later.
ARTICLES = {
    "a.txt": ("انفجار سيارة مفخخة في قضاء الطارمية شمال بغداد أدى إلى مقتل 5 أشخاص. وتفقد "
              "السكان موقع التفجير صباح اليوم.", "2025-03-02", "Outlet A"),
    "b.txt": ("مقتل ستة أشخاص بتفجير سيارة مفخخة في الطارمية.", "2025-03-03", "Outlet B"),
    "c.txt": ("انفجار عبوة ناسفة في قضاء الفلوجة.", "2025-03-02", "Outlet C"),
    "d.txt": ("انفجار سيارة مفخخة في الطارمية.", "2025-03-09", "Outlet D"),
}


@pytest.fixture(scope="module")
def extractions(extractor):
    return [extractor.extract(Document(name, name, text, published=day, source=outlet))
            for name, (text, day, outlet) in ARTICLES.items()]


@pytest.fixture(scope="module")
def events(extractions):
    table = frame("events", (row for x in extractions for row in event_rows(x)))
    return table.assign(incident_id=incident_ids(table))


def test_one_row_per_event_with_its_reports_counted(events):
    assert list(events.columns) == [*EVENT_COLUMNS, "folded"]
    first = events.set_index("event_id").loc["a.txt#e1"]
    assert first["reports"] == 2 and first["type"] == "explosion"
    assert first["date"] == "2025-03-02" and first["killed"] == 5
    assert first["excerpt"].startswith("انفجار سيارة مفخخة")


def test_the_mention_that_locates_an_event_carries_its_id(extractions):
    rows = mention_rows(extractions[0])
    located = [r for r in rows if r["event_id"]]
    assert [(r["surface"], r["event_id"]) for r in located] == [("الطارمية", "a.txt#e1")]
    assert all(r["event_id"] == "" for r in rows if r["surface"] == "بغداد")


def test_reports_of_one_incident_in_two_outlets_are_one_incident(events):
    incident = dict(zip(events["doc_id"], events["incident_id"], strict=True))
    assert incident["a.txt"] == incident["b.txt"] == "a.txt#e1"
    assert incident["c.txt"] == "c.txt#e1"  # another place
    assert incident["d.txt"] == "d.txt#e1"  # a week later


def test_the_incidents_view_counts_outlets_and_gives_a_range(incident_corpus):
    view = View(incident_corpus.store, Filters()).incidents().set_index("incident_id")
    assert len(view) == 3  # the statement reports nothing
    car_bomb = view.iloc[[doc.startswith("incidents.jsonl#1") for doc in view.index]].iloc[0]
    assert car_bomb["source_count"] == 2 and car_bomb["sources"] == "Outlet A; Outlet B"
    assert (car_bomb["killed_min"], car_bomb["killed_max"]) == (5, 6)  # not summed: 11
    assert car_bomb["date"] == "2025-03-02" and car_bomb["type"] == "explosion"
    assert car_bomb["place_name"] == "Tarmiyah" and car_bomb["reports"] == 2
    # Newest first.
    assert view["date"].tolist() == ["2025-03-09", "2025-03-02", "2025-03-02"]


def test_event_filters_keep_incidents_and_the_mentions_that_locate_them(incident_corpus):
    def seen(**choices):
        view = View(incident_corpus.store, Filters(**choices))
        return view.incident_count(), int(view.places()["mentions"].sum())

    every, mentions = seen()
    assert every == 3 and mentions > 3
    assert seen(casualties=True) == (1, 2)  # the car bomb, located twice
    assert seen(types=("explosion",)) == (3, 4)
    assert seen(types=("arrest",)) == (0, 0)
    assert seen(regions=("Al-Anbar",))[0] == 1  # Fallujah's bomb


def test_incidents_are_exported_in_acled_fields(incident_corpus):
    table = export.acled(View(incident_corpus.store, Filters()).incidents())
    row = table.set_index("event_date").loc["2025-03-02"].query("source_count == 2").iloc[0]
    assert row["event_type"] == "Explosions/Remote violence"
    assert row["sub_event_type"] == "Remote explosive/landmine/IED"
    assert (row["fatalities"], row["fatalities_high"]) == (5, 6)
    assert row["time_precision"] == 1 and row["geo_precision"] == 1
    assert row["location"] == "Tarmiyah" and row["admin1"] == "Baghdad"
    assert row["source"] == "Outlet A; Outlet B" and row["notes"].startswith("انفجار")
    collection = json.loads(export.geojson_bytes(export.acled_geojson(
        View(incident_corpus.store, Filters()).incidents())))
    assert len(collection["features"]) == 3
    assert {"latitude", "longitude"}.isdisjoint(collection["features"][0]["properties"])


def _table(rows):
    """Events whose sentences state their day."""
    return pd.DataFrame([{
        "event_id": f"{doc}#e1", "doc_id": doc, "type": kind, "event_date": day, "date": day,
        "date_precision": "day", "lat": lat, "lon": lon, "radius_km": radius,
        "geo_precision": precision} for doc, kind, day, lat, lon, radius, precision in rows])


def test_an_event_recalled_from_years_back_stays_an_incident_of_its_own():
    table = _table([("a", "attack", "2018-05-22", 34.6, 43.6, 5.0, "exact"),
                    ("b", "attack", "2018-05-22", 34.6, 43.6, 5.0, "exact")])
    # b's article recalls an attack of 2014, filed under its publication, 2018-05-22.
    table.loc[1, "event_date"] = "2014-06-10"
    assert list(incident_ids(table)) == ["a#e1", "b#e1"]


def test_places_within_the_larger_extent_merge_and_countries_do_not_swallow():
    table = _table([
        ("a", "air_strike", "2025-01-05", 35.18, 44.04, 20.0, "near"),  # Wadi Zghaytun
        ("b", "air_strike", "2025-01-05", 35.28, 44.17, 55.0, "governorate"),  # Kirkuk
        ("c", "air_strike", "2025-01-05", 33.0, 43.8, 370.0, "country"),  # Iraq
        ("d", "air_strike", "2025-01-06", 33.0, 43.8, 370.0, "country"),
        ("e", "shelling", "2025-01-05", 35.18, 44.04, 20.0, "near"),  # another type
        ("f", "air_strike", "2025-01-05", 36.34, 43.13, 10.0, "exact"),  # Mosul, far
    ])
    ids = dict(zip(table["doc_id"], incident_ids(table), strict=True))
    assert ids["a"] == ids["b"] == "a#e1"
    assert ids["c"] == ids["d"] == "c#e1"
    assert ids["e"] == "e#e1" and ids["f"] == "f#e1"


def test_grouping_grows_no_faster_than_n_log_n():
    def cost(n, span):  # n events over span days
        days = [(date(2010, 1, 1) + timedelta(days=i % span)).isoformat() for i in range(n)]
        rows = [(f"d{i}", "explosion", days[i], 33 + (i % 97) * 0.05, 43 + (i % 89) * 0.05,
                 10.0, "exact") for i in range(n)]
        table = _table(rows)
        start = time.process_time()
        incident_ids(table)
        return time.process_time() - start

    cost(500, 50)
    small, large = (min(cost(n, n // 10) for _ in range(2)) for n in (2_000, 20_000))
    assert large / small < 30  # 10x the events; quadratic would be ~100x
    # The same events over ten times fewer days cost no less: a day's neighbours are a
    # slice of the sorted days, not a pass over every day (which cost 3.4x here).
    assert large < 2 * min(cost(20_000, 200) for _ in range(2))


@pytest.fixture(scope="module")
def two_outlets(tmp_path_factory):
    """Two outlets' reports of one car bomb, as a csv export of each outlet."""
    folder = tmp_path_factory.mktemp("outlets")
    for name, (text, day, outlet) in list(ARTICLES.items())[:2]:
        frame = pd.DataFrame({"id": ["1"], "text": [text], "date": [day], "source": [outlet]})
        frame.to_csv(folder / f"{name}.csv", index=False)
    return folder


def test_ingest_groups_incidents_in_memory_and_in_a_dataset(two_outlets, tmp_path):
    from gazetteer.corpus import ingest

    in_memory = ingest(two_outlets).table("events")
    dataset = ingest(two_outlets, tmp_path / "dataset", workers=1).table("events")
    for events in (in_memory, dataset):
        assert events["incident_id"].nunique() == 1 and len(events) == 2
    assert sorted(in_memory["event_id"]) == sorted(dataset["event_id"])
