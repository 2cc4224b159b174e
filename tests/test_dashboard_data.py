"""Where the dashboard's corpus comes from, and the columns it derives."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest

import gazetteer
from dashboard import data, kinds
from gazetteer.corpus import documents_path, ingest


@pytest.mark.parametrize("argv, environ, expected", [
    pytest.param([], {}, data.Source(), id="the seeds by default"),
    pytest.param(["--corpus", "news"], {}, data.Source(corpus=Path("news")), id="--corpus"),
    pytest.param([], {"IRAQMAP_CORPUS": "news"}, data.Source(corpus=Path("news")),
                 id="IRAQMAP_CORPUS"),
    pytest.param(["--mentions", "out/m.parquet"], {},
                 data.Source(mentions=Path("out/m.parquet"),
                             documents=Path("out/m.documents.parquet")),
                 id="--mentions, documents beside it"),
    pytest.param([], {"IRAQMAP_MENTIONS": "m.parquet", "IRAQMAP_DOCUMENTS": "d.parquet"},
                 data.Source(mentions=Path("m.parquet"), documents=Path("d.parquet")),
                 id="IRAQMAP_MENTIONS and IRAQMAP_DOCUMENTS"),
    pytest.param(["-q", "tests/test_app.py", "--co"], {}, data.Source(),
                 id="a test runner's own arguments"),
])
def test_the_corpus_comes_from_the_command_line_or_the_environment(argv, environ, expected):
    assert data.source(argv, environ) == expected


def test_the_documents_table_is_the_one_the_library_writes_beside_the_mentions():
    assert data.source(["--mentions", "m.parquet"], {}).documents == documents_path("m.parquet")


def test_the_seeds_are_prepared(seed_corpus):
    m = seed_corpus.mentions
    assert seed_corpus.name == "seeds" and seed_corpus.span == (date(2014, 1, 1),
                                                                 date(2026, 1, 31))
    assert set(gazetteer.MENTION_COLUMNS) <= set(m.columns)
    region = dict(zip(m["name_en"], m["region"], strict=True))
    assert region["Kirkuk"] == "Kirkuk"
    assert region["Iraq"] == data.IRAQ_WIDE
    assert region["United States"] == data.OUTSIDE and region["Africa"] == data.OUTSIDE
    assert m.loc[m["date"] == "2019-02", "date_last"].iloc[0] == pd.Timestamp("2019-02-28")
    assert m.loc[m["date"] == "2014", "date_last"].iloc[0] == pd.Timestamp("2014-12-31")
    assert seed_corpus.places.at["terrain:wadi_al_shay", "label"] == "وادي الشاي · Wadi al-Shay"
    assert "002_ae074324c6d5186d.txt" in seed_corpus.documents.index


def test_places_the_gazetteer_lacks_are_keyed_by_name_and_point(unlisted_corpus):
    places = unlisted_corpus.places
    assert places.at["unlisted:قرية الكنعوص@35.2645,43.7885", "region"] == "Kirkuk"
    located = "unlisted:قرية زنكورة الصغرى@35.2645,43.7885"
    assert places.at[located, "region"] == "Kirkuk"
    assert places.at[located, "label"] == "قرية زنكورة الصغرى · not in the gazetteer"
    assert unlisted_corpus.span is None  # nothing in the text dates it
    alone = data.from_uploads([("alone.txt", "انفجار في قرية الكنعوص".encode())]).places
    assert alone.at["unlisted:قرية الكنعوص", "region"] == data.NOT_LOCATED


def test_namesakes_are_labelled_apart():
    corpus = data.from_uploads([("k.txt", "في محافظة كركوك ومدينة كركوك".encode())])
    assert set(corpus.places["label"]) == {"كركوك · Kirkuk (governorate)",
                                           "كركوك · Kirkuk (city)"}


def test_an_upload_in_cp1256_is_read_and_geoparsed(cp1256_article):
    corpus = data.from_uploads([(cp1256_article.name, cp1256_article.read_bytes())])
    assert corpus.name == "1 uploaded file"
    assert corpus.report[["status", "encoding"]].values.tolist() == [["loaded", "cp1256"]]
    assert "تكريت" in set(corpus.places["name_ar"])
    assert corpus.span == (date(2025, 3, 12), date(2025, 3, 12))


def test_tables_written_by_the_library_load_with_their_articles(tmp_path):
    path, _ = ingest(data.SEEDS).write(tmp_path / "mentions.parquet")
    corpus = data.server_corpus(data.source(["--mentions", str(path)], {}))
    assert len(corpus.mentions) == 81 and len(corpus.documents) == 5
    without = data.server_corpus(data.Source(mentions=path, documents=tmp_path / "none"))
    assert without.documents.empty and "whole articles unavailable" in without.summary


def test_place_counts_give_one_row_per_place_most_mentioned_first(seed_corpus):
    counts = data.place_counts(seed_corpus, seed_corpus.mentions)
    assert counts.index.is_unique and counts["mentions"].sum() == len(seed_corpus.mentions)
    assert counts.index[0] == "country:IQ"
    assert counts["mentions"].is_monotonic_decreasing


def test_every_feature_of_the_gazetteer_has_a_kind():
    assert {f: kinds.kind_of(f) for f in gazetteer.FEATURES if
            kinds.kind_of(f) == kinds.OTHER.label} == {}
