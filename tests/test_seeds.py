"""The seed articles against their hand annotation (tests/data/seeds.gold.jsonl).

The gold was written for this project by hand and is copied from the team's shared
evaluation folder (shared/eval/seeds.gold.jsonl); it marks every place mention with its
span and coordinates, and each article's publication date.
"""

import contextlib
import json
from pathlib import Path

import pytest

from gazetteer.cli import main
from gazetteer.evaluation import read_jsonl, score

ROOT = Path(__file__).parent.parent
GOLD = Path(__file__).parent / "data" / "seeds.gold.jsonl"


@pytest.fixture(scope="module")
def scores(tmp_path_factory):
    out = tmp_path_factory.mktemp("extract") / "seeds.jsonl"
    seeds = sorted(str(p) for p in (ROOT / "seeds").glob("*.txt"))
    with open(out, "w", encoding="utf-8") as f, contextlib.redirect_stdout(f):
        assert main(["extract", *seeds]) == 0
    return score(read_jsonl(GOLD), read_jsonl(out))


def test_mentions_f1(scores):
    assert scores.f1 >= 0.95, scores.summary()


def test_resolution_within_161_km(scores):
    assert scores.accuracy_at(161) >= 0.98, scores.summary()


def test_publication_dates(scores):
    assert scores.published_right == scores.published_total == 5, scores.summary()


def test_extract_output_has_the_documented_fields(tmp_path, capsys):
    main(["extract", str(ROOT / "seeds" / "002_ae074324c6d5186d.txt")])
    doc = json.loads(capsys.readouterr().out)
    assert set(doc) == {"doc", "published", "published_precision", "mentions", "events"}
    assert set(doc["mentions"][0]) >= {
        "start", "end", "text", "place_id", "name_en", "name_ar", "lat", "lon", "feature",
        "admin1", "country", "geo_precision", "confidence", "segment", "event_date",
        "event_precision"}
    assert set(doc["events"][0]) >= {
        "id", "start", "end", "type", "place", "lat", "lon", "date", "actors", "killed",
        "wounded"}


def test_wadi_zghaytun_strike_is_dated_by_its_own_article(tmp_path, capsys):
    main(["extract", str(ROOT / "seeds" / "002_ae074324c6d5186d.txt")])
    doc = json.loads(capsys.readouterr().out)
    [wadi] = [m for m in doc["mentions"] if m["name_en"] == "Wadi Zghaytun"]
    assert wadi["segment"] == "boilerplate"
    assert wadi["event_date"].endswith("-11-22")
    assert doc["published"] == "2024-02-08"
